//! Proceedings as they are: several defendants with their own outcomes, stages that uphold,
//! change or annul a verdict, every kind of sentence, detention, and kinds that apply to some
//! defendants only. One synthetic trial of three people runs through `build`, `check`,
//! `deadlines` and a digest, and its PDFs are read back.

mod common;

use common::{Project, assert_holds, fold, pdf_text};

/// A trial of three synthetic people in Aktau: Testova imprisoned (upheld on appeal),
/// Primerov fined (changed on appeal to community service), Obraztsov acquitted.
const TRIAL: &str = r#"
id: trial-2025
jurisdiction: kz
place: { en: Aktau, ru: Актау }
languages: [en, ru]
trial:
  judges: [{ family: Judgeson, ru: { family: Судьин } }]
  closed: true
  language: { en: Russian, ru: русский }
stages:
  - stage: first_instance
    court: { en: Aktau City Court, ru: Актауский городской суд }
    date: 2025-03-03
    results:
      - defendant: testova
        outcome: convicted
        sentence:
          - { kind: imprisonment, term: 5y, counted_from: 2024-09-01 }
          - { kind: ban, term: 3y, after_release: true, scope: [{ en: journalism, ru: журналистскую деятельность }] }
        requested: [{ kind: imprisonment, term: 7y }]
      - { defendant: primerov, outcome: convicted, sentence: [{ kind: fine, amount: 1500000, currency: KZT }] }
      - { defendant: obraztsov, outcome: acquitted }
  - stage: appeal
    court: { en: Mangystau Regional Court, ru: Мангистауский областной суд }
    date: 2025-05-20
    appealed_by: both
    results:
      - { defendant: testova, outcome: upheld }
      - { defendant: primerov, outcome: changed, sentence: [{ kind: community_service, hours: 240 }] }
defendants:
  - id: testova
    person:
      name: { given: Anna, family: Testova, ru: { given: Анна, family: Тестова } }
      sex: female
      role: { en: journalist, ru: журналистка }
    arrest: { date: 2024-09-01, place: { en: Aktau, ru: Актау } }
    charges:
      - { code: criminal, article: "274", part: 2, title: { en: spreading false information, ru: распространение заведомо ложной информации } }
    detention:
      - { kind: pretrial_centre, place: { en: pre-trial detention centre of Aktau, ru: СИЗО г. Актау }, from: 2024-09-01, to: 2025-06-01 }
      - { kind: colony, place: { en: "colony No. 2, Zhanaozen", ru: "колония № 2, Жанаозен" }, from: 2025-06-01 }
    events:
      - { kind: hunger_strike, date: 2025-01-10, text: { en: went on hunger strike against her detention, ru: объявила голодовку в знак протеста против содержания под стражей } }
  - id: primerov
    person:
      name: { given: Boris, family: Primerov, ru: { given: Борис, family: Примеров } }
      sex: male
      role: { en: blogger, ru: блогер }
    charges:
      - { code: criminal, article: "274", part: 2, title: { en: spreading false information, ru: распространение заведомо ложной информации } }
  - id: obraztsov
    person:
      name: { given: Viktor, family: Obraztsov, ru: { given: Виктор, family: Образцов } }
      sex: male
      role: { en: trade unionist, ru: профсоюзный активист }
    charges:
      - { code: criminal, article: "274", part: 2, title: { en: spreading false information, ru: распространение заведомо ложной информации } }
acts:
  - { kind: post, text: { en: posts about a strike, ru: публикации о забастовке } }
statements: [ep-2021-02-11]
sources: [aktau-convictions-2021]
arguments:
  - title: { en: The posts are protected expression, ru: Публикации — защищённое выражение мнений }
    text: { en: Reporting on a strike is protected by Article 19 of the Covenant., ru: Сообщения о забастовке защищены статьёй 19 Пакта. }
    acts: [1]
    provisions: [ICCPR art. 19]
    wgad_categories: [II]
appeal:
  requests: [quash, acquit]
submission:
  communication: urgent_appeal
  mandates: [freedom_of_expression]
  perpetrators: [{ en: the Aktau City Court, ru: Актауский городской суд }]
confidential:
  lawyer: { name: { family: Advokatova, ru: { family: Адвокатова } }, role: { en: defence counsel, ru: защитник } }
  submitter: { name: unknown, role: { en: human rights organisation, ru: правозащитная организация } }
"#;

fn trial() -> Project {
    let project = Project::templates_only();
    project.write("cases/trial-2025.yaml", TRIAL);
    project
}

/// A conviction of Testova in a new case in the colony, with the sentence fixed for both cases:
/// stages to put before `defendants:`.
const NEW_CASE: &str = r#"  - stage: new_case
    court: { en: Zhanaozen City Court, ru: Жанаозенский городской суд }
    date: 2025-10-15
    results:
      - defendant: testova
        outcome: convicted
        charges:
          - { code: criminal, article: "428", title: { en: disobedience to the colony's administration, ru: неповиновение администрации колонии } }
        sentence:
          - { kind: imprisonment, term: 6y, counted_from: 2024-09-01 }
          - { kind: ban, term: 3y, after_release: true, scope: [{ en: journalism, ru: журналистскую деятельность }] }
"#;

#[test]
fn a_trial_fans_out_per_defendant_and_once_per_trial_and_skips_what_does_not_apply() {
    let project = trial();
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--kind", "trial-sheet", "--kind", "wgad"]);
    // Asked for by name, WGAD for the acquitted, never held, fails with the reason.
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("wgad does not apply to `trial-2025/obraztsov`: the file records no deprivation of liberty"),
        "{}",
        run.stderr()
    );
    for person in ["testova", "primerov", "obraztsov"] {
        assert!(project.out(&format!("trial-2025/{person}/fact-sheet.en.pdf")).is_file(), "{person}");
    }
    assert!(project.out("trial-2025/trial-sheet.ru.pdf").is_file());
    assert!(!project.out("trial-2025/fact-sheet.en.pdf").exists(), "a per-person kind at the trial's folder");
    assert!(!project.out("trial-2025/testova/trial-sheet.en.pdf").exists(), "a per-trial kind per person");
    assert!(project.out("trial-2025/testova/wgad.en.pdf").is_file());
    assert!(!project.out("trial-2025/obraztsov/wgad.en.pdf").exists());
    assert!(!project.out("trial-2025/testova/fact-sheet.kk.pdf").exists(), "the case asks for en and ru only");

    // Building everything, what does not apply is a note and the build succeeds.
    let all = project.amicus(&["build"]);
    assert_eq!(all.code(), 0, "{}", all.stderr());
    assert!(all.stderr().contains("appeal does not apply to `trial-2025/testova`: the verdict of 2025-03-03 is in force since the appeal of 2025-05-20"), "{}", all.stderr());
    assert!(
        all.stderr().contains("appeal does not apply to `trial-2025/obraztsov`: the person was acquitted"),
        "{}",
        all.stderr()
    );
    assert!(
        project.out("trial-2025/mep-letter").exists() || all.stderr().contains("mep-letter: needs `--recipients FILE`")
    );

    let sheet = fold(&pdf_text(&project.out("trial-2025/trial-sheet.en.pdf")));
    assert_holds(
        &sheet,
        &[
            "Anna TESTOVA",
            "Boris PRIMEROV",
            "Viktor OBRAZTSOV",
            "Anna TESTOVA convicted and sentenced to 5 years of imprisonment and a ban of 3 years on journalism from release",
            // A later stage's decision has the court for its subject, not the defendant.
            "the verdict against Anna TESTOVA upheld; the verdict against Boris PRIMEROV changed: 240 hours",
            "7 years of imprisonment",
            "240 hours of community service",
            "a fine of 1,500,000 tenge",
            "Acquitted on 3 March 2025",
            "behind closed doors",
            "brought by the defence and the prosecution",
        ],
        "the trial sheet",
    );
    let sheet_ru = fold(&pdf_text(&project.out("trial-2025/trial-sheet.ru.pdf")));
    assert_holds(
        &sheet_ru,
        &["штраф в размере 1 500 000 тенге", "общественные работы на срок 240 часов", "Оправдан 3 марта 2025 года"],
        "the Russian trial sheet",
    );

    let acquitted = fold(&pdf_text(&project.out("trial-2025/obraztsov/fact-sheet.en.pdf")));
    assert_holds(
        &acquitted,
        &["acquitted of the charges", "Acquitted, 3 March 2025", "Tried with"],
        "the acquitted person's sheet",
    );
    for wrong in ["sentenced", "Sentence", "quash the verdict"] {
        assert!(!acquitted.contains(wrong), "an acquitted person's sheet says `{wrong}`:\n{acquitted}");
    }
    let fined = fold(&pdf_text(&project.out("trial-2025/primerov/fact-sheet.en.pdf")));
    assert!(!fined.contains("imprisonment"), "a fine or labour is called imprisonment:\n{fined}");
    assert_holds(&fined, &["240 hours of community service", "changed on appeal"], "the fined person's sheet");

    let held = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert_holds(
        &held,
        &[
            "Timeline",
            "1 June 2025: Held in colony No. 2, Zhanaozen",
            "10 January 2025: Hunger strike",
            "upheld on appeal",
            "Tried with Boris PRIMEROV and Viktor OBRAZTSOV",
        ],
        "the detained person's sheet",
    );
    let wgad = fold(&pdf_text(&project.out("trial-2025/testova/wgad.en.pdf")));
    assert_holds(
        &wgad,
        &[
            "Places of detention",
            "Pre-trial detention: pre-trial detention centre of Aktau, from 1 September 2024 to 1 June 2025",
            "appeal (Mangystau Regional Court), brought by the defence and the prosecution: upheld the verdict",
        ],
        "the WGAD communication",
    );
}

/// Facts real reports give loosely: a transfer known only to the month, a defendant whose
/// prosecution the case's summary does not describe, and the name the trial is known by; and
/// what a person held and ill-treated needs until freed, asked beside the release.
#[test]
fn a_month_only_transfer_a_defendants_own_summary_and_the_cases_name_print_as_given() {
    let project = Project::templates_only();
    let exact = "to: 2025-06-01 }\n      - { kind: colony, place: { en: \"colony No. 2, Zhanaozen\", ru: \"колония № 2, Жанаозен\" }, from: 2025-06-01 }";
    assert!(TRIAL.contains(exact));
    let case = TRIAL
        .replace(exact, &exact.replace("2025-06-01", "2025-06"))
        .replace("stages:\n", "name: { en: The Aktau strike case, ru: Дело о забастовке в Актау }\nsummary: { en: posts about a strike, ru: публикации о забастовке }\nstages:\n")
        .replace(
            "    events:\n",
            "    events:\n      - { kind: ill_treatment, date: 2025-02-01, text: { en: beaten by guards, ru: избита охранниками } }\n\
             \x20     - { kind: new_charges, date: 2025-09, text: { en: charged with disobeying the colony's administration, ru: обвинена в неповиновении администрации колонии } }\n",
        )
        .replace(
            "role: { en: trade unionist, ru: профсоюзный активист }\n",
            "role: { en: trade unionist, ru: профсоюзный активист }\n    summary: { en: a speech at a union meeting, ru: выступление на профсоюзном собрании }\n",
        );
    project.write("cases/trial-2025.yaml", &case);
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--kind", "trial-sheet", "--kind", "wgad"]);
    // Asked for by name, the WGAD communication of the acquitted is refused, as above.
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("wgad does not apply to `trial-2025/obraztsov`"), "{}", run.stderr());
    let held = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert_holds(
        &held,
        &[
            "June 2025: Held in colony No. 2, Zhanaozen",
            "prosecuted for posts about a strike",
            // A new case in the colony stays in the short timeline, with what it is.
            "September 2025: New charges: charged with disobeying the colony’s administration",
            "Until she is freed, please ensure that she is protected from ill-treatment, and that the reports of her ill-treatment are investigated promptly and impartially.",
        ],
        "her sheet",
    );
    let held_ru = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.ru.pdf")));
    // Genitive after «с» and «до» («(до» and the date may fall in two columns of the text).
    assert_holds(
        &held_ru,
        &[
            "колония № 2, Жанаозен, с июня 2025 года",
            "июня 2025 года)",
            // The others' family names in capitals, as hers.
            "Другие подсудимые Борис ПРИМЕРОВ и Виктор ОБРАЗЦОВ",
            "До её освобождения прошу обеспечить, чтобы она была защищена от жестокого обращения",
        ],
        "her Russian sheet",
    );
    let wgad = fold(&pdf_text(&project.out("trial-2025/testova/wgad.en.pdf")));
    assert_holds(
        &wgad,
        &[
            "Pre-trial detention: pre-trial detention centre of Aktau, from 1 September 2024 to June 2025",
            "the Special Rapporteur on torture among them, given the reports of ill-treatment in custody",
        ],
        "her WGAD communication",
    );
    let own = fold(&pdf_text(&project.out("trial-2025/obraztsov/fact-sheet.en.pdf")));
    assert_holds(&own, &["prosecuted for a speech at a union meeting"], "his sheet");
    assert!(!own.contains("posts about a strike"), "{own}");
    assert_holds(
        &fold(&pdf_text(&project.out("trial-2025/trial-sheet.en.pdf"))),
        &["The Aktau strike case"],
        "the trial sheet",
    );
    assert_holds(
        &fold(&pdf_text(&project.out("trial-2025/trial-sheet.ru.pdf"))),
        &["Дело о забастовке в Актау"],
        "the Russian trial sheet",
    );
    // June may end a stay that began in June; a stay cannot end in a month before it began.
    project.write("cases/trial-2025.yaml", &case.replace("to: 2025-06 }", "to: 2024-08 }"));
    let check = project.amicus(&["check"]);
    assert_eq!(check.code(), 1, "{}", check.stderr());
    assert!(
        check.stderr().contains("held until 2024-08, before being brought there (2024-09-01)"),
        "{}",
        check.stderr()
    );
}

/// Custody a verdict counts at the code's rate (a day and a half of a colony per day in pre-trial
/// detention, half a day per day of house arrest) is said in each language and moves the end
/// of the term that `deadlines` gives: 439 days off, counted up to the appeal that made the
/// verdict final.
#[test]
fn custody_counted_at_a_rate_is_said_and_moves_the_end_of_the_term() {
    let project = Project::templates_only();
    let plain = "{ kind: imprisonment, term: 5y, counted_from: 2024-09-01 }";
    assert!(TRIAL.contains(plain));
    let credited = "{ kind: imprisonment, term: 5y, credit: [{ from: 2024-09-01, rate: 1.5 }, { from: 2024-06-01, to: 2024-08-31, rate: 0.5 }] }";
    project.write("cases/trial-2025.yaml", &TRIAL.replace(plain, credited));
    let run = project.amicus(&["build", "cases/trial-2025.yaml", "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let english = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert_holds(
        &english,
        &[
            "5 years of imprisonment (with custody from 1 September 2024 until the verdict entered into force counted at a day and a half a day and from 1 June 2024 to 31 August 2024 counted at half a day a day)",
        ],
        "her sheet",
    );
    let russian = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.ru.pdf")));
    assert_holds(
        &russian,
        &[
            "(с зачётом времени с 1 сентября 2024 года до вступления приговора в законную силу из расчёта один день за полтора дня и времени с 1 июня 2024 года по 31 августа 2024 года из расчёта два дня за один день)",
        ],
        "her Russian sheet",
    );
    // 5 years from the verdict of 3 March 2025, less 262 days at 1.5 and 92 at 0.5.
    let deadlines = project.amicus(&["deadlines"]);
    assert_eq!(deadlines.code(), 0, "{}", deadlines.stderr());
    assert!(
        deadlines.stdout().contains("2028-12-19") && deadlines.stdout().contains("end of imprisonment"),
        "{}",
        deadlines.stdout()
    );
    // A rate no code gives is refused where it is written.
    project.write("cases/trial-2025.yaml", &TRIAL.replace(plain, &credited.replace("rate: 1.5", "rate: 3")));
    let check = project.amicus(&["check"]);
    assert_eq!(check.code(), 1, "{}", check.stderr());
    assert_holds(
        &check.stderr(),
        &["a rate of 3 is not one the codes give: write 0.5, 1, 1.5 or 2", "trial-2025.yaml:"],
        "check",
    );
}

#[test]
fn an_appeal_is_made_only_while_the_verdict_is_open_to_it() {
    let project = trial();
    // A week after the verdict: both convictions can be appealed, the acquittal cannot.
    let run = project.amicus(&["build", "--kind", "appeal", "--lang", "ru", "--date", "2025-03-10"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("appeal does not apply to `trial-2025/obraztsov`: the person was acquitted"),
        "{}",
        run.stderr()
    );
    let appeal = fold(&pdf_text(&project.out("trial-2025/testova/appeal.ru.pdf")));
    assert_holds(
        &appeal,
        &["Приговор не вступил в законную силу", "Другие подсудимые по делу: Борис Примеров и Виктор Образцов"],
        "the appeal",
    );
    // The deadline is the lawyer's to know, not the court's to read.
    assert!(run.stderr().contains("trial-2025/testova appeal: file by 2025-03-18"), "{}", run.stderr());
    assert!(project.out("trial-2025/primerov/appeal.ru.pdf").is_file());

    // After the appeal court upheld it, `check` says why not, and what remains.
    let check = project.amicus(&["check", "--kind", "appeal", "--date", "2025-06-01"]);
    assert_eq!(check.code(), 1);
    assert!(check.stdout().contains("trial-2025/testova · appeal: CANNOT be built"), "{}", check.stdout());
    assert!(
        check.stdout().contains("does not apply: the verdict of 2025-03-03 is in force since the appeal of 2025-05-20"),
        "{}",
        check.stdout()
    );
}

#[test]
fn deadlines_follow_the_stages_per_person() {
    let project = trial();
    let open = project.amicus(&["deadlines", "--today", "2025-03-10"]).stdout();
    assert!(open.contains("2025-03-18          trial-2025/testova"), "{open}");
    assert!(open.contains("trial-2025/primerov"), "{open}");
    assert!(!open.contains("obraztsov"), "an acquittal has no deadlines: {open}");
    let later = project.amicus(&["deadlines", "--today", "2025-06-01"]).stdout();
    assert!(!later.contains("last day to appeal"), "an upheld verdict's deadline is shown: {later}");
    assert!(later.contains("2029-09-01") && later.contains("end of imprisonment (counted from 2024-09-01)"), "{later}");
    assert!(
        later.contains("2032-09-01") && later.contains("end of the ban on journalism (counted from release)"),
        "{later}"
    );
}

#[test]
fn a_digest_counts_people_and_trials_and_keeps_the_acquitted() {
    let project = trial();
    project.write("cases/_digests/aktau-2025.yaml", "id: aktau-2025\nselect: { cases: [trial-2025] }\n");
    let run = project.amicus(&["build", "--kind", "digest", "--lang", "en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = fold(&pdf_text(&project.out("digests/aktau-2025.en.pdf")));
    assert_holds(
        &text,
        &["Politically motivated prosecutions", "3 people in 1 trial", "Viktor OBRAZTSOV was acquitted"],
        "the digest",
    );
}

#[test]
fn mixed_shapes_and_unknown_defendants_are_located_errors() {
    let project = trial();
    let broken = TRIAL
        .replace(
            "place: { en: Aktau, ru: Актау }\nlanguages",
            "place: { en: Aktau, ru: Актау }\nperson: { name: { family: Stray }, role: x }\nlanguages",
        )
        .replace("- { defendant: primerov, outcome: changed", "- { defendant: primerow, outcome: changed");
    project.write("cases/trial-2025.yaml", &broken);
    let check = project.amicus(&["check"]);
    assert_eq!(check.code(), 1);
    let stderr = check.stderr();
    assert!(stderr.contains("`person` at the top level of a case that lists `defendants`"), "{stderr}");
    assert!(stderr.contains("belongs to each defendant"), "{stderr}");
    assert!(stderr.contains("there is no defendant with the id `primerow`"), "{stderr}");
    assert!(stderr.contains("did you mean `primerov`?"), "{stderr}");
    assert!(stderr.contains("trial-2025.yaml:"), "errors name the file and line: {stderr}");

    let shared = TRIAL.replace(
        "    results:\n      - defendant: testova\n        outcome: convicted",
        "    sentence: [{ kind: imprisonment, term: 1y }]\n    results:\n      - defendant: testova\n        outcome: convicted",
    );
    project.write("cases/trial-2025.yaml", &shared);
    let check = project.amicus(&["check"]);
    assert!(check.stderr().contains("a sentence written once for several defendants"), "{}", check.stderr());

    // A stage's own field is the trial's: an error in it is said once, not once per person.
    let requested = TRIAL.replace(
        "    appealed_by: both\n",
        "    appealed_by: both\n    requested: [{ kind: imprisonment, regime: nowhere }]\n",
    );
    project.write("cases/trial-2025.yaml", &requested);
    let stderr = project.amicus(&["check"]).stderr();
    assert_eq!(stderr.matches("this penalty has no `term`").count(), 1, "{stderr}");
    assert_eq!(stderr.matches("there is no regime with the id `nowhere`").count(), 1, "{stderr}");
}

/// A probation sentence still running is said as such where a document says where the person
/// stands (the fact sheet's status, as the trial sheet's "Now"); once it has run, the person is
/// convicted only.
#[test]
fn a_person_on_probation_is_said_to_be_while_it_runs() {
    let project = Project::examples();
    let now = |date: &str| {
        let run = project.amicus(&[
            "build",
            "cases/temirov-live-2024.yaml",
            "--kind",
            "fact-sheet",
            "--date",
            date,
            "--force",
        ]);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        let en = pdf_text(&project.out("temirov-live-2024/kaparov/fact-sheet.en.pdf"));
        let ru = pdf_text(&project.out("temirov-live-2024/kaparov/fact-sheet.ru.pdf"));
        (en, ru)
    };
    // Kaparov: 3 years of probation supervision from 10 October 2024.
    let (en, ru) = now("2026-12-01");
    assert!(en.contains("Convicted, on probation"), "{en}");
    assert!(ru.contains("Под пробационным надзором"), "{ru}");
    let (en, ru) = now("2028-01-01");
    assert!(!en.contains("on probation"), "{en}");
    assert!(!ru.contains("Под пробационным надзором"), "{ru}");
}

/// A term whose first years are served under another regime says both, in each language;
/// `check` refuses a first part as long as the term, or one under a regime the country lacks.
#[test]
fn a_term_served_first_under_another_regime_says_both() {
    let project = Project::examples();
    // The verdict's sentence, which the trial sheet's stages say in running text.
    project.replace(
        "cases/prokopyeva-2020.yaml",
        "      - { kind: fine, amount: 500000, currency: RUB }\n",
        "      - { kind: imprisonment, term: 6y, first: { term: 2y, regime: prison }, regime: strict }\n",
    );
    let run = project.amicus(&["build", "cases/prokopyeva-2020.yaml", "--kind", "trial-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("prokopyeva-2020/trial-sheet.en.pdf"));
    let said = "sentenced to 6 years of imprisonment (the first 2 years in a prison, the rest in a strict-regime penal colony)";
    assert!(en.contains(said), "{en}");
    let ru = pdf_text(&project.out("prokopyeva-2020/trial-sheet.ru.pdf"));
    let said = "(из них 2 года — в тюрьме, остальной срок — в исправительной колонии строгого режима)";
    assert!(ru.contains(said), "{ru}");

    project.replace(
        "cases/prokopyeva-2020.yaml",
        "first: { term: 2y, regime: prison }",
        "first: { term: 6y, regime: jail }",
    );
    let run = project.amicus(&["check"]);
    assert_ne!(run.code(), 0);
    assert_holds(
        &run.stderr(),
        &[
            "a first part under another regime is part of a term of imprisonment, shorter than it",
            "first.regime",
            "jail",
        ],
        "check",
    );
}

/// A higher court's decision known to the month only is said as such, in each language,
/// never with a made-up day.
#[test]
fn a_stage_known_to_the_month_is_said_so() {
    let project = Project::examples();
    project.replace("cases/prokopyeva-2020.yaml", "    date: 2021-07-06\n", "    date: 2021-07\n");
    let run = project.amicus(&["build", "cases/prokopyeva-2020.yaml", "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("prokopyeva-2020/fact-sheet.en.pdf"));
    assert_holds(
        &en,
        &["upheld on appeal on 2 February 2021 and on cassation in July 2021", "July 2021: Cassation"],
        "en",
    );
    let ru = pdf_text(&project.out("prokopyeva-2020/fact-sheet.ru.pdf"));
    assert!(ru.contains("2 февраля 2021 года (апелляция) и в июле 2021 года (кассация)"), "{ru}");
    assert!(!en.contains("1 July 2021") && !ru.contains("1 июля 2021"), "a day was made up:\n{en}\n{ru}");
}

/// A release known to the month only is said as such, in each language and kind, never with
/// a made-up day.
#[test]
fn a_release_known_to_the_month_is_said_so() {
    let project = Project::examples();
    project.replace(
        "cases/viasna-2023.yaml",
        "      date: 2025-12-13\n      reason: pardon",
        "      date: 2025-12\n      reason: pardon",
    );
    let run = project.amicus(&[
        "build",
        "cases/viasna-2023.yaml",
        "--kind",
        "fact-sheet",
        "--kind",
        "wgad",
        "--date",
        "2026-12-01",
        "--force",
    ]);
    let read = |file: &str| pdf_text(&project.out(&format!("viasna-2023/bialiatski/{file}")));
    let (en, ru, wgad) = (read("fact-sheet.en.pdf"), read("fact-sheet.ru.pdf"), read("wgad.en.pdf"));
    assert!(en.contains("Released and expelled to Lithuania in December 2025"), "{}\n{en}", run.stderr());
    assert!(ru.contains("Освобождён и выслан в Литву в декабре 2025 года"), "{ru}");
    assert!(wgad.contains("Has the person been released? Yes, in December 2025, by pardon"), "{wgad}");
    assert!(!en.contains("1 December 2025") && !ru.contains("1 декабря 2025"), "a day was made up:\n{en}\n{ru}");
}

/// A restriction of liberty is the person's status while it runs, and no longer: a sheet of
/// 2026 about a one-year term of 2021 says "Convicted, sentence ended". A status the file gives as of a day
/// the term has since run past is kept as given, and `check` warns of it.
#[test]
fn a_restriction_is_the_status_only_while_it_runs_and_a_given_one_past_its_term_is_warned_of() {
    let project = Project::aktau();
    let sheet = |date: &str| {
        let run =
            project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--date", date, "--force"]);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf"))
    };
    // One year of restriction of liberty from 21 December 2021.
    assert!(sheet("2022-06-01").contains("Status Restriction of liberty"), "{}", sheet("2022-06-01"));
    let later = sheet("2026-12-01");
    assert!(later.contains("Status Convicted, sentence ended") && !later.contains("Restriction of liberty"), "{later}");

    project.replace(
        "cases/kanaliyev-2021.yaml",
        "id: kanaliyev-2021\n",
        "id: kanaliyev-2021\nstatus: restricted\nstatus_as_of: 2021-12-21\n",
    );
    let run = project.amicus(&["check", "cases/kanaliyev-2021.yaml", "--date", "2026-12-01"]);
    assert_holds(
        &run.stderr(),
        &[
            "the status `restricted` is given as of 2021-12-21",
            "the restriction of liberty ended on 2022-12-21",
            "before the documents' date 2026-12-01",
            "status_as_of",
            "leave both out",
        ],
        "check",
    );
    // Before the term ends, the status given is right.
    let run = project.amicus(&["check", "cases/kanaliyev-2021.yaml", "--date", "2022-06-01"]);
    assert!(!run.stderr().contains("has most likely ended"), "{}", run.stderr());
}

/// A sentence a higher court changed is dated by that court's decision wherever documents give
/// it, never by the verdict's day: "On 6 July 2020 ... sentenced to" the sentence of a later
/// court told the reader a thing that never happened. (The appeal and the cassation both change
/// it here: the last change counts.)
#[test]
fn a_changed_sentence_is_dated_by_the_change_in_every_kind() {
    let project = Project::examples();
    project.replace(
        "cases/prokopyeva-2020.yaml",
        "    appealed_by: defence\n    outcome: upheld\n",
        "    appealed_by: defence\n    outcome: changed\n    sentence: [{ kind: fine, amount: 300000, currency: RUB }]\n",
    );
    let run = project.amicus(&[
        "build",
        "cases/prokopyeva-2020.yaml",
        "--kind",
        "fact-sheet",
        "--kind",
        "special-procedures",
        "--kind",
        "mep-letter",
        "--kind",
        "ep-brief",
        "--recipients",
        &common::fixture("recipients/three.csv").to_string_lossy(),
        "--date",
        "2026-12-01",
        "--force",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let read = |file: &str| pdf_text(&project.out(&format!("prokopyeva-2020/{file}")));
    let sheet = read("fact-sheet.en.pdf");
    assert_holds(
        &sheet,
        &[
            "The sentence, changed on cassation on 6 July 2021 from a fine of 500,000 roubles and confiscation of her laptop: a fine of 300,000",
            "She was sentenced on 6 July 2020; on cassation, on 6 July 2021, the sentence became a fine of 300,000",
            // The key facts give the sentence the verdict imposed too.
            "(the verdict gave a fine of 500,000 roubles",
        ],
        "the English sheet",
    );
    assert!(!sheet.contains("on 6 July 2020, she was sentenced to a fine of 300,000"), "{sheet}");
    let ru = read("fact-sheet.ru.pdf");
    assert!(ru.contains("Наказание, изменённое 6 июля 2021 года (кассация; по приговору — штраф"), "{ru}");
    assert!(ru.contains("(по приговору — штраф в размере 500 000"), "the key facts: {ru}");
    assert!(ru.contains("изменён 6 июля 2021 года (кассация)"), "{ru}");
    let submission = read("special-procedures.en.pdf");
    assert!(
        submission.contains("The sentence, changed on cassation on 6 July 2021 from a fine of 500,000 roubles and confiscation of her laptop: a fine of 300,000"),
        "{submission}"
    );
    let brief = read("ep-brief.en.pdf");
    assert!(brief.contains("to a fine of 500,000 roubles and confiscation of her laptop, a sentence changed on cassation on 6 July 2021 to a fine of 300,000"), "{brief}");
    let letters: Vec<_> = common::walk(&project.out("prokopyeva-2020"))
        .into_iter()
        .filter(|f| f.to_string_lossy().contains("mep-letter") && f.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(!letters.is_empty());
    let letter = pdf_text(&letters[0]);
    assert!(letter.contains("The sentence, changed on cassation on 6 July 2021 from a fine of 500,000 roubles and confiscation of her laptop: a fine of 300,000"), "{letter}");
}

/// New charges brought in custody are not treatment in custody: the UN forms list them apart,
/// under their own heading, and the treatment under its own. They say how the trial was held.
#[test]
fn new_charges_in_custody_are_listed_apart_from_treatment() {
    let project = Project::templates_only();
    let hunger = "    events:\n      - { kind: hunger_strike,";
    assert!(TRIAL.contains(hunger));
    project.write(
        "cases/trial-2025.yaml",
        &TRIAL.replacen(
            hunger,
            "    events:\n      - { kind: new_charges, date: 2025-09, text: { en: charged in the colony with disobedience to its administration, ru: в колонии обвинена в неповиновении администрации } }\n      - { kind: hunger_strike,",
            1,
        ),
    );
    // Obraztsov, acquitted and never held, gets no WGAD form: the run fails for him alone.
    project.amicus(&[
        "build",
        "--kind",
        "wgad",
        "--kind",
        "special-procedures",
        "--kind",
        "ep-brief",
        "--date",
        "2026-01-10",
    ]);
    for kind in ["wgad", "special-procedures"] {
        let text = pdf_text(&project.out(&format!("trial-2025/testova/{kind}.en.pdf")));
        let treatment = text.find("Treatment and health.").unwrap_or_else(|| panic!("{kind}: {text}"));
        let charges = text.find("New charges and other events").unwrap_or_else(|| panic!("{kind}: {text}"));
        let strike = text.find("went on hunger strike").unwrap();
        let colony = text.find("charged in the colony with disobedience").unwrap();
        assert!(treatment < strike && strike < charges && charges < colony, "{kind}: {text}");
        // How the trial was held, which the trial sheet gives, the UN forms give too.
        assert!(text.contains("How the trial was held Behind closed doors"), "{kind}: {text}");
    }
    // The brief says what endangers her now.
    let brief = pdf_text(&project.out("trial-2025/ep-brief.en.pdf"));
    assert!(
        brief.contains("New charges in September 2025 against Anna Testova: charged in the colony with disobedience"),
        "{brief}"
    );
}

/// A person tried in absentia is said to be wherever their verdict is: the brief's recital and
/// the model message of their sheet, in each language (he is not serving the term).
#[test]
fn a_verdict_in_absentia_is_said_to_be_in_the_brief_and_the_model_message() {
    let project = Project::examples();
    let run = project.amicus(&["build", "cases/viasna-2023.yaml", "--kind", "ep-brief", "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = pdf_text(&project.out("viasna-2023/ep-brief.en.pdf"));
    assert!(brief.contains("Dzmitry Salauyou in absentia under"), "{brief}");
    let en = pdf_text(&project.out("viasna-2023/salauyou/fact-sheet.en.pdf"));
    assert!(en.contains("he was sentenced in absentia to"), "{en}");
    let ru = pdf_text(&project.out("viasna-2023/salauyou/fact-sheet.ru.pdf"));
    assert!(ru.contains("осуждён заочно"), "{ru}");
}

/// A measure known to the month only (custody ordered "in September 2024") is accepted and
/// said as such, never given a day.
#[test]
fn a_measure_known_to_the_month_is_said_so() {
    let project = Project::templates_only();
    let arrest = "    arrest: { date: 2024-09-01, place: { en: Aktau, ru: Актау } }\n";
    assert!(TRIAL.contains(arrest));
    project.write(
        "cases/trial-2025.yaml",
        &TRIAL.replacen(
            arrest,
            &format!("{arrest}    measures: [{{ kind: custody, from: 2024-09, to: 2025-03 }}]\n"),
            1,
        ),
    );
    let check = project.amicus(&["check", "--date", "2026-01-10"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    project.amicus(&["build", "--kind", "wgad", "--date", "2026-01-10"]);
    let text = pdf_text(&project.out("trial-2025/testova/wgad.en.pdf"));
    assert!(text.contains("Custody, from September 2024 to March 2025"), "{text}");
}

/// An urgent appeal asked for people the record shows acquitted and freed is warned of, naming
/// each; the one still held who asks it is not.
#[test]
fn an_urgent_appeal_for_a_person_freed_is_warned_of() {
    let project = Project::examples();
    project.replace(
        "cases/temirov-live-2024.yaml",
        "submission:\n  communication: allegation_letter\n",
        "submission:\n  communication: urgent_appeal\n",
    );
    let run = project.amicus(&["check", "cases/temirov-live-2024.yaml", "--date", "2026-12-01"]);
    assert_holds(
        &run.stderr(),
        &[
            "an urgent appeal is asked for Sapar Akunbekov, who was acquitted by the documents' date 2026-12-01",
            "communication: allegation_letter",
        ],
        "check",
    );
    assert!(!run.stderr().contains("urgent appeal is asked for Azamat Ishenbekov"), "{}", run.stderr());
}

/// Sentenced in absentia and never held, a person has begun no term: `deadlines` counts no end
/// of one from the verdict, and the sheet does not call the sentence ended once a term from
/// the verdict's date would have run out.
#[test]
fn a_term_given_in_absentia_to_a_person_never_held_has_not_begun() {
    let project = Project::templates_only();
    project.write(
        "cases/absent-2025.yaml",
        r#"id: absent-2025
jurisdiction: by
place: { en: Minsk, ru: Минск }
person: { name: { given: Ivan, family: Testau, ru: { given: Иван, family: Тестов } }, sex: male, role: { en: journalist, ru: журналист } }
not_arrested: true
in_absentia: true
charges: [{ code: criminal, article: "361-1", part: 1, title: { en: creating an extremist formation, ru: создание экстремистского формирования } }]
verdict: { date: 2025-03-03, court: { en: Minsk City Court, ru: Минский городской суд }, sentence: [{ kind: imprisonment, term: 1y }] }
sources: []
"#,
    );
    let deadlines = project.amicus(&["deadlines"]);
    assert!(!deadlines.stdout().contains("end of imprisonment"), "{}", deadlines.stdout());
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--date", "2026-12-01"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("absent-2025/fact-sheet.en.pdf"));
    assert!(en.contains("Status Convicted") && !en.contains("sentence ended"), "{en}");
}

/// A submission to the Special Procedures about a case they have already written to the
/// Government on follows that communication up: it names it and asks for a further one.
#[test]
fn a_submission_follows_up_the_special_procedures_earlier_communication() {
    let project = Project::templates_only();
    project.write(
        "cases/_shared/statements/trial-ua.yaml",
        "author: special_procedures\nbody: { en: UN Special Procedures, ru: Специальные процедуры ООН }\nkind: urgent_appeal\n\
         reference: UA KAZ 1/2025\ntitle: { en: Urgent appeal on the Aktau journalists, ru: Призыв к незамедлительным действиям }\n\
         date: 2025-02-10\nsources: []\n",
    );
    project.write(
        "cases/trial-2025.yaml",
        &TRIAL.replacen("statements: [ep-2021-02-11]", "statements: [ep-2021-02-11, trial-ua]", 1),
    );
    project.amicus(&["build", "--kind", "special-procedures", "--date", "2026-01-10"]);
    let text = pdf_text(&project.out("trial-2025/testova/special-procedures.en.pdf"));
    assert_holds(
        &text,
        &[
            "Follows up UA KAZ 1/2025 (10 February 2025): this submission gives what has happened since",
            "to send a further urgent appeal to the Government of Kazakhstan",
        ],
        "the submission",
    );
}

/// A status given as of a day more than a year before the documents' date is warned of: a brief
/// of 2026 said "in exile (as of 21 April 2023)".
#[test]
fn a_status_given_a_year_before_the_documents_date_is_warned_of() {
    let project = Project::examples();
    let late = project.amicus(&["check", "cases/viasna-2023.yaml", "--date", "2026-12-01"]);
    assert_holds(
        &late.stderr(),
        &[
            "the status `in_exile` is given as of 2023-04-21, more than a year before the documents' date 2026-12-01",
            "defendants[3].status_as_of",
        ],
        "check",
    );
    let soon = project.amicus(&["check", "cases/viasna-2023.yaml", "--date", "2023-06-01"]);
    assert!(!soon.stderr().contains("more than a year before"), "{}", soon.stderr());
}

/// A person jailed for an administrative offence before the criminal arrest, a custody order
/// extended by the court, and a hunger strike of twelve days: the WGAD form gives the other
/// arrest and what it was for, the court that ordered custody and each extension, and the
/// strike's length; the sheets' timelines give the other arrest and the strike's end.
#[test]
fn another_arrest_a_custody_order_extended_and_a_hunger_strike_s_end_are_told() {
    let project = Project::templates_only();
    let arrest = "    arrest: { date: 2024-09-01, place: { en: Aktau, ru: Актау } }\n";
    let strike = "      - { kind: hunger_strike, date: 2025-01-10, text:";
    let more = "    other_arrests:
      - date: 2024-08-15
        place: { en: Aktau, ru: Актау }
        by: { en: the police, ru: полиция }
        reason: { en: 15 days of administrative detention for a picket, ru: административный арест на 15 суток за пикет }
    measures:
      - kind: custody
        from: 2024-09-03
        to: 2025-03-03
        by: { en: the Aktau City Court, ru: Актауский городской суд }
        extended:
          - { on: 2024-10-30, to: 2024-12-31, by: { en: the Aktau City Court, ru: Актауский городской суд } }
          - { on: 2024-12-27, to: 2025-03-03 }
";
    project.write(
        "cases/trial-2025.yaml",
        &TRIAL.replacen(arrest, &format!("{arrest}{more}"), 1).replacen(
            strike,
            "      - { kind: hunger_strike, date: 2025-01-10, to: 2025-01-22, text:",
            1,
        ),
    );
    let check = project.amicus(&["check", "--date", "2026-01-10"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    project.amicus(&["build", "--kind", "wgad", "--kind", "fact-sheet", "--date", "2026-01-10"]);
    let wgad = pdf_text(&project.out("trial-2025/testova/wgad.en.pdf"));
    assert_holds(
        &wgad,
        &[
            "Other arrests of the person",
            "15 August 2024, Aktau, by the police: 15 days of administrative detention for a picket",
            "Custody, from 3 September 2024, ordered by the Aktau City Court; extended on 30 October 2024 by the Aktau City Court to 31 December 2024; again on 27 December 2024 to 3 March 2025; it ended on 3 March 2025",
            "10–22 January 2025: went on hunger strike",
        ],
        "the WGAD form",
    );
    let sheet = pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf"));
    assert_holds(
        &sheet,
        &["15 August 2024: Arrested in Aktau by the police: 15 days of", "Hunger strike (until 22 January 2025)"],
        "the English sheet",
    );
    let sheet = pdf_text(&project.out("trial-2025/testova/fact-sheet.ru.pdf"));
    assert_holds(
        &sheet,
        &["административный арест на 15 суток за пикет", "Голодовка (до 22 января 2025 года)"],
        "the Russian sheet",
    );
    // An end before the start is refused where it is written.
    project.replace("cases/trial-2025.yaml", "to: 2025-01-22", "to: 2025-01-02");
    let check = project.amicus(&["check", "--date", "2026-01-10"]);
    assert_ne!(check.code(), 0);
    assert_holds(
        &check.stderr(),
        &["ends on 2025-01-02, before it began (2025-01-10)", "defendants[0].events[0].to"],
        "check",
    );
}

/// One defendant's own summary and acts are theirs: the brief and the letter about the trial
/// say what the proceeding is about, not what the first defendant alone did, and that person's
/// sheet does not say those tried with her were prosecuted for it. A release under an amnesty
/// is not called a pardon.
#[test]
fn a_defendant_s_own_acts_are_not_the_trial_s_and_an_amnesty_is_no_pardon() {
    let project = Project::templates_only();
    let own = "    arrest: { date: 2024-09-01, place: { en: Aktau, ru: Актау } }\n";
    let amnesty = "  - stage: amnesty
    court: { en: the Parliament, ru: Парламент }
    date: 2025-09-01
    results: [{ defendant: primerov, outcome: pardoned }]
defendants:
";
    let trial = TRIAL
        .replacen(
            own,
            &format!(
                "{own}    summary: {{ en: her video reports on the strike, ru: её видеорепортажи о забастовке }}
    acts: [{{ kind: post, text: {{ en: video reports on the strike, ru: видеорепортажи о забастовке }} }}]
"
            ),
            1,
        )
        .replacen("defendants:\n", amnesty, 1)
        .replacen(
            "acts:\n  - { kind: post",
            "summary: { en: posts about a strike, ru: публикации о забастовке }\nacts:\n  - { kind: post",
            1,
        );
    project.write("cases/trial-2025.yaml", &trial);
    let run = project.amicus(&[
        "build",
        "--kind",
        "ep-brief",
        "--kind",
        "fact-sheet",
        "--kind",
        "trial-sheet",
        "--date",
        "2026-01-10",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = pdf_text(&project.out("trial-2025/ep-brief.en.pdf"));
    assert_holds(
        &brief,
        &[
            "Boris Primerov and Viktor Obraztsov were prosecuted for posts about a strike",
            "Anna Testova was prosecuted for her video reports on the strike. The charges against her concern video reports on the strike",
            "whereas Anna Testova was prosecuted for her video reports on the strike",
            // Testova gives no arguments of her own: the trial's are hers too.
            "The posts are protected expression.",
            // A recital gives the sentence imposed, then the one it was changed to.
            "to a fine of 1,500,000 tenge, a sentence changed on appeal on 20 May 2025 to 240 hours of community service",
        ],
        "the brief",
    );
    assert!(!brief.contains("Obraztsov were prosecuted for her video"), "{brief}");
    let testova = pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf"));
    assert!(testova.contains("She was prosecuted for her video reports on the strike"), "{testova}");
    assert!(!testova.contains("those tried with her"), "{testova}");
    let obraztsov = pdf_text(&project.out("trial-2025/obraztsov/fact-sheet.en.pdf"));
    assert!(!obraztsov.contains("video reports"), "{obraztsov}");
    for (file, amnesty, pardon) in [
        ("trial-2025/primerov/fact-sheet.en.pdf", "under an amnesty", "pardon"),
        ("trial-2025/primerov/fact-sheet.ru.pdf", "по амнистии", "помилов"),
        ("trial-2025/trial-sheet.en.pdf", "released from punishment under an amnesty", "pardon"),
        ("trial-2025/ep-brief.en.pdf", "released from punishment under an amnesty", "pardon"),
    ] {
        let text = pdf_text(&project.out(file));
        assert!(text.contains(amnesty), "{file}: {text}");
        assert!(!text.to_lowercase().contains(pardon), "{file}: {text}");
    }
}

/// A stage not yet decided is dated by the day it was brought and says so; a stage's date cannot
/// be `unknown`, and the error says what to give instead.
#[test]
fn a_stage_not_yet_decided_is_said_to_be_brought() {
    let project = Project::templates_only();
    let pending = "  - stage: cassation
    court: { en: the Supreme Court, ru: Верховный суд }
    date: 2025-08-20
    appealed_by: defence
defendants:
";
    project.write("cases/trial-2025.yaml", &TRIAL.replacen("defendants:\n", pending, 1));
    let run = project.amicus(&["build", "--kind", "trial-sheet", "--date", "2026-01-10"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let sheet = fold(&pdf_text(&project.out("trial-2025/trial-sheet.en.pdf")));
    assert!(
        sheet.contains("20 August 2025, cassation (the Supreme Court), brought by the defence: not yet decided"),
        "{sheet}"
    );
    let sheet = fold(&pdf_text(&project.out("trial-2025/trial-sheet.ru.pdf")));
    assert!(sheet.contains("по жалобе защиты: решение ещё не принято"), "{sheet}");
    // A timeline, which names no party, says it was brought.
    project.amicus(&["build", "--kind", "fact-sheet", "--date", "2026-01-10"]);
    let sheet = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert!(sheet.contains("20 August 2025: Cassation, the Supreme Court: brought, not yet"), "{sheet}");
    project.replace("cases/trial-2025.yaml", "    date: 2025-08-20\n", "    date: unknown\n");
    let run = project.amicus(&["check"]);
    assert_ne!(run.code(), 0);
    assert!(run.stderr().contains("this date cannot be `unknown`: give the year"), "{}", run.stderr());
    project.replace("cases/trial-2025.yaml", "    date: unknown\n", "");
    let run = project.amicus(&["check"]);
    assert!(run.stderr().contains("a stage not yet decided gives the day it was brought"), "{}", run.stderr());
    assert!(!run.stderr().contains("most fields take `unknown`"), "{}", run.stderr());
}

/// The stages are steps before the courts: a file whose stages hold an appeal is not asked for
/// `remedies`, and a remedy repeating a stage, which the UN forms would list twice, is warned of.
#[test]
fn the_stages_are_domestic_remedies_and_a_remedy_repeating_one_is_warned_of() {
    let project = trial();
    let run = project.amicus(&["check", "--kind", "wgad", "--date", "2026-01-10"]);
    assert!(!run.stderr().contains("remedies"), "{}", run.stderr());
    let arrest = "    arrest: { date: 2024-09-01, place: { en: Aktau, ru: Актау } }\n";
    project.replace(
        "cases/trial-2025.yaml",
        arrest,
        &format!("{arrest}    remedies: [{{ date: 2025-05-20, body: {{ en: the regional court }}, text: {{ en: an appeal }}, result: {{ en: dismissed }} }}]\n"),
    );
    let run = project.amicus(&["check", "--date", "2026-01-10"]);
    assert_holds(
        &run.stderr(),
        &[
            "this remedy has the date of a stage of the proceeding (2025-05-20)",
            "keep the `appeal` in `stages`",
            "defendants[0].remedies[0]",
        ],
        "check",
    );
}

/// A defendant may have a campaign of their own (one released while the others are held): their
/// sheet gives its reference and addressee, the others' sheets the proceeding's.
#[test]
fn a_defendant_s_own_campaign_is_theirs() {
    let project = Project::templates_only();
    let own = "  - id: primerov\n";
    let trial = TRIAL
        .replacen(
            own,
            "  - id: primerov
    campaign:
      reference: UA 9/25
      addressees:
        - { office: { en: Prosecutor of Mangystau Region, ru: Прокурор Мангистауской области }, email: prosecutor@example.org, salutation: { en: Dear Prosecutor, ru: Уважаемый прокурор }, verified: true }
",
            1,
        )
        .replacen("confidential:\n", "campaign:\n  reference: UA 8/25\nconfidential:\n", 1);
    project.write("cases/trial-2025.yaml", &trial);
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--lang", "en", "--date", "2026-01-10"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let primerov = pdf_text(&project.out("trial-2025/primerov/fact-sheet.en.pdf"));
    assert_holds(&primerov, &["UA 9/25", "Prosecutor of Mangystau Region", "Dear Prosecutor"], "Primerov's sheet");
    let testova = pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf"));
    assert!(testova.contains("UA 8/25") && !testova.contains("Prosecutor of Mangystau"), "{testova}");
}

/// What a stage decided for some defendants is told first, then what it decided for the rest;
/// an event known only to the month comes after the days of that month it may follow.
#[test]
fn stages_and_timelines_read_in_the_order_things_happened() {
    let project = Project::templates_only();
    let trial = TRIAL
        .replacen(
            "      - { defendant: testova, outcome: upheld }\n      - { defendant: primerov, outcome: changed,",
            "    outcome: upheld\n    results:\n      - { defendant: primerov, outcome: changed,",
            1,
        )
        .replacen("    results:\n    outcome: upheld\n    results:\n", "    outcome: upheld\n    results:\n", 1)
        .replacen(
            "    events:\n",
            "    events:\n      - { kind: ill_treatment, date: 2024-09, text: { en: beaten in the police station, ru: избита в отделе полиции } }\n",
            1,
        );
    project.write("cases/trial-2025.yaml", &trial);
    let run = project.amicus(&[
        "build",
        "--kind",
        "trial-sheet",
        "--kind",
        "fact-sheet",
        "--lang",
        "en",
        "--date",
        "2026-01-10",
    ]);
    assert_eq!(run.code(), 0, "{}\n{trial}", run.stderr());
    let sheet = fold(&pdf_text(&project.out("trial-2025/trial-sheet.en.pdf")));
    assert!(
        sheet.contains("the verdict against Boris PRIMEROV changed: 240 hours of community service; as to the others, upheld the verdict"),
        "{sheet}"
    );
    let testova = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    let (arrest, beaten) = (testova.find("Arrested in Aktau").unwrap(), testova.find("Ill-treatment").unwrap());
    assert!(arrest < beaten, "{testova}");
}

/// A letter about a trial of many has a subject line a Member can read: the trial's name and how
/// many were tried, not eleven names.
#[test]
fn a_letter_about_a_trial_of_many_names_the_trial_in_its_subject() {
    let project = Project::examples();
    let recipients = common::fixture("recipients/three.csv");
    let run = project.amicus(&[
        "build",
        "cases/temirov-live-2024.yaml",
        "--kind",
        "mep-letter",
        "--recipients",
        &recipients.to_string_lossy(),
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let letter = pdf_text(&project.out("temirov-live-2024/mep-letter/hannah-testmann.en.pdf"));
    assert!(letter.contains("Re: the Temirov Live case, the trial of 11 people in Bishkek, Kyrgyzstan"), "{letter}");
    // What they were charged under, each article once, the code once; "between them", as not
    // all were charged under both.
    assert!(
        letter.contains(
            "Between them, they were charged under Articles 41 Part 2 and 278 Part 3 of the Criminal Code of the Kyrgyz Republic."
        ),
        "{letter}"
    );
}

/// A recital about more than four people convicted together names them once, cites every
/// article once and gives each person's sentence: the reader of a resolution needs what
/// they were convicted of, not only that they were.
#[test]
fn a_recital_of_many_convicted_gives_the_articles_and_each_sentence() {
    let project = Project::examples();
    project.replace(
        "cases/temirov-live-2024.yaml",
        "outcome: acquitted, note: *no-corpus, requested: *six-years }",
        "outcome: convicted, sentence: [{ kind: imprisonment, term: 2y }] }",
    );
    let run = project.amicus(&["build", "cases/temirov-live-2024.yaml", "--kind", "ep-brief"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = pdf_text(&project.out("temirov-live-2024/ep-brief.en.pdf"));
    assert_holds(
        &brief,
        &[
            "whereas on 10 October 2024 the Leninsky District Court of Bishkek convicted Azamat Ishenbekov, Aike \
             Beishekeeva, Aktilek Kaparov, Saipidin Sultanaliev,",
            "and Akyl Orozbekov under Articles 41(2) and 278(3) of the Criminal Code of the Kyrgyz Republic, \
             sentencing Azamat Ishenbekov to 5 years of imprisonment, Aike Beishekeeva to 3 years of probation \
             supervision,",
            "Zhumabek Turdaliev to 2 years of imprisonment and Akyl Orozbekov to 2 years of imprisonment;",
        ],
        "the brief",
    );
}

/// A post one person holds at a named body is "the" post, not "a" post.
#[test]
fn a_persons_post_at_a_named_body_takes_the_definite_article() {
    let project = Project::aktau();
    project.replace("cases/kanaliyev-2021.yaml", "    en: civil activist\n", "    en: director of Testing Media\n");
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let sheet = pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf"));
    assert!(sheet.contains("I am writing to you about Abzal KANALIYEV, the director of Testing Media"), "{sheet}");
}

/// An arrest at a place one is at, not in: "Arrested at Minsk National Airport".
#[test]
fn an_arrest_at_an_airport_is_said_to_be_at_it() {
    let project = Project::examples();
    project.replace(
        "cases/viasna-2023.yaml",
        "en: Rakov, near Minsk (his country house)",
        "en: Minsk National Airport",
    );
    let run = project.amicus(&["build", "cases/viasna-2023.yaml", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let sheet = pdf_text(&project.out("viasna-2023/bialiatski/fact-sheet.en.pdf"));
    assert!(
        sheet.contains("14 July 2021: Arrested at Minsk National Airport by the Financial Investigations"),
        "{sheet}"
    );
}

/// Charged, or tried, under articles the sources do not give (`charges: unknown`): the person
/// still gets the documents that need charges, which say the charges are not known in words
/// for their readers, and `check` does not call the charges missing.
#[test]
fn charges_the_sources_do_not_give_are_said_to_be_not_known() {
    let project = Project::aktau();
    let case = "cases/ismakova-2021.yaml";
    let text = std::fs::read_to_string(project.path().join(case)).unwrap();
    let start = text.find("\ncharges:\n").unwrap();
    let end = start + text[start..].find("\n# The sources behind the verdict").unwrap();
    project.write(case, &format!("{}\ncharges: unknown{}", &text[..start], &text[end..]));

    let check = project.amicus(&["check", case]);
    assert!(!check.stderr().contains("no charges yet"), "{}", check.stderr());
    let run = project.amicus(&["build", case, "--kind", "fact-sheet", "--kind", "wgad", "--kind", "ep-brief"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let sheet = fold(&pdf_text(&project.out("ismakova-2021/fact-sheet.en.pdf")));
    assert_holds(&sheet, &["Charges Not known", "under articles not known. The sentence:"], "the English sheet");
    let sheet = fold(&pdf_text(&project.out("ismakova-2021/fact-sheet.ru.pdf")));
    assert_holds(
        &sheet,
        &["Обвинение Нет сведений", "делу по статьям, о которых нет сведений. Наказание:"],
        "the Russian sheet",
    );
    let sheet = fold(&pdf_text(&project.out("ismakova-2021/fact-sheet.kk.pdf")));
    assert!(sheet.contains("белгісіз баптар бойынша"), "{sheet}");
    // The Working Group is told what its submitter does not know.
    let wgad = fold(&pdf_text(&project.out("ismakova-2021/wgad.en.pdf")));
    assert_holds(
        &wgad,
        &["Conviction under articles not known to the submitter", "Legislation applied [not known to the submitter]"],
        "the WGAD form",
    );
    let brief = fold(&pdf_text(&project.out("ismakova-2021/ep-brief.en.pdf")));
    assert!(brief.contains("Charges Not known"), "{brief}");
    for text in [&sheet, &wgad, &brief] {
        assert!(!text.contains("under ."), "{text}");
    }
}

/// A conviction in a new case while the person serves this sentence, its sentence combined
/// with this one: the term counts to the combined sentence's end, the verdict keeps its own
/// charges (it did not convict of the new ones), and every document says what the new case
/// was and what the person must now serve.
#[test]
fn a_new_case_in_custody_combines_its_sentence_with_the_verdict() {
    let project = Project::templates_only();
    let new_case = &format!("{NEW_CASE}defendants:");
    // The term added, entered as the whole, is caught: documents would say the person must serve
    // one year for both cases.
    let added = new_case.replacen(
        "{ kind: imprisonment, term: 6y, counted_from: 2024-09-01 }",
        "{ kind: imprisonment, term: 1y }",
        1,
    );
    project.write("cases/trial-2025.yaml", &TRIAL.replacen("defendants:", &added, 1));
    let check = project.amicus(&["check"]).stderr();
    assert!(
        check.contains("the new case's sentence (1y of imprisonment, to 2026-10-15) ends before the one it extends (5y, to 2029-09-01)")
            && check.contains("field `stages[2].results[0].sentence`"),
        "{check}"
    );
    project.write("cases/trial-2025.yaml", &TRIAL.replacen("defendants:", new_case, 1));
    assert!(!project.amicus(&["check"]).stderr().contains("shorter than the one it extends"));
    let deadlines = project.amicus(&["deadlines", "--today", "2026-01-10"]).stdout();
    assert!(deadlines.contains("2030-09-01") && deadlines.contains("end of imprisonment"), "{deadlines}");
    assert!(!deadlines.contains("2029-09-01"), "the first sentence's end: {deadlines}");
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--kind", "wgad", "--date", "2026-01-10"]);
    assert!(project.out("trial-2025/testova/wgad.en.pdf").is_file(), "{}", run.stderr());
    let en = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert_holds(
        &en,
        &[
            "Charges Article 274 Part 2 (“spreading false information”); in a new case: Article 428",
            "Sentence 6 years of imprisonment and a ban of 3 years on journalism from release (before the new case: 5 years",
            "sentenced under Article 274 Part 2 (“spreading false information”) of the Criminal Code of the Republic of \
             Kazakhstan. The sentence, fixed for both cases by a new conviction under Article 428",
            "15 October 2025: New case, Zhanaozen City Court: convicted under",
            "She was sentenced on 3 March 2025, and convicted in a new case under Article 428",
        ],
        "the English sheet",
    );
    let ru = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.ru.pdf")));
    assert_holds(
        &ru,
        &[
            "по новому делу: ст. 428",
            // Without brackets inside brackets: the offence's name and the court's stage are in them.
            "Наказание, назначенное по совокупности приговоров новым приговором от 15 октября 2025 года по ст. 428",
            "по первому приговору — лишение свободы сроком 5 лет",
        ],
        "the Russian sheet",
    );
    // Two convictions to quash, not one.
    assert!(en.contains("ensure that the verdicts are quashed"), "{en}");
    // The verdict stays final as the appeal left it; the new case is told apart.
    assert!(
        en.contains("Verdict 3 March 2025; upheld on appeal on 20 May 2025; new conviction, 15 October 2025"),
        "{en}"
    );
    let wgad = fold(&pdf_text(&project.out("trial-2025/testova/wgad.en.pdf")));
    assert_holds(
        &wgad,
        &[
            "fixed for both cases by a new conviction under Article 428",
            "Final Upheld on appeal on 20 May 2025",
            "in a new case,",
            "conviction under Article 428 (“disobedience to the colony’s administration”)",
            "New case 15 October 2025, Zhanaozen City Court: convicted under Article 428",
        ],
        "the WGAD form",
    );
    // Not a domestic remedy the Working Group is told was tried.
    let remedies = &wgad[wgad.find("Domestic remedies").expect("the remedies section")..];
    assert!(!remedies[..remedies.len().min(400)].contains("new case"), "{wgad}");

    // The first case's charges not known, the new one's known: both said, neither lost.
    let charges = "    charges:\n      - { code: criminal, article: \"274\", part: 2, title: { en: spreading false information, ru: распространение заведомо ложной информации } }\n    detention:";
    let file = std::fs::read_to_string(project.path().join("cases/trial-2025.yaml")).unwrap();
    assert!(file.contains(charges));
    project.write("cases/trial-2025.yaml", &file.replacen(charges, "    charges: unknown\n    detention:", 1));
    project.amicus(&["build", "--kind", "fact-sheet", "--kind", "ep-brief", "--lang", "en", "--date", "2026-01-10"]);
    let en = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert!(en.contains("Charges Not known; in a new case: Article 428"), "{en}");
    let brief = fold(&pdf_text(&project.out("trial-2025/ep-brief.en.pdf")));
    assert!(brief.contains("a new conviction on 15 October 2025 then fixed 6 years"), "{brief}");
}

/// A new case extends the sentence in effect when it came, not the one the verdict gave: an
/// appeal that cut five years to four is what "extended … from" names (Gorinov's 6 years 11
/// months on appeal, not the 7 years of his verdict).
#[test]
fn a_new_case_extends_the_sentence_an_appeal_left() {
    let project = trial();
    let upheld = "      - { defendant: testova, outcome: upheld }\n";
    // The appeal kept a ban the new conviction does not give: the sources on a sentence for both
    // cases may say nothing of it, and it is not said to be replaced.
    let cut = "      - { defendant: testova, outcome: changed, sentence: [{ kind: imprisonment, term: 4y, counted_from: 2024-09-01 }, { kind: ban, term: 2y, after_release: true, scope: [{ en: journalism, ru: журналистскую деятельность }] }] }\n";
    let new_case = "  - stage: new_case\n    court: { en: Zhanaozen City Court, ru: Жанаозенский городской суд }\n    date: 2025-10-15\n    results:\n      - { defendant: testova, outcome: convicted, sentence: [{ kind: imprisonment, term: 6y, counted_from: 2024-09-01 }] }\ndefendants:";
    project.replace("cases/trial-2025.yaml", upheld, cut);
    project.replace("cases/trial-2025.yaml", "defendants:", new_case);
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--date", "2026-01-10"]);
    assert!(project.out("trial-2025/testova/fact-sheet.ru.pdf").is_file(), "{}", run.stderr());
    let en = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert_holds(
        &en,
        &[
            "Sentence 6 years of imprisonment (before the new case: 4 years of imprisonment and a ban",
            "on 15 October 2025, in place of 4 years of imprisonment: 6 years",
            // Changed on appeal, not upheld: the new case did not undo what the appeal did.
            "Verdict 3 March 2025; changed on appeal, 20 May 2025; new conviction, 15 October 2025",
        ],
        "the English sheet",
    );
    let ru = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.ru.pdf")));
    assert!(ru.contains("по первому приговору — лишение свободы сроком 4 года"), "{ru}");
    assert!(!ru.contains("сроком 5 лет"), "{ru}");
    // Two convictions to quash; a court whose name holds brackets is not bracketed again.
    let court = "    court: { en: Mangystau Regional Court, ru: Мангистауский областной суд }\n    date: 2025-05-20";
    let bracketed =
        "    court: { en: Regional Court (Mangystau), ru: Областной суд (Мангистау) }\n    date: 2025-05-20";
    project.replace("cases/trial-2025.yaml", court, bracketed);
    let run = project.amicus(&[
        "build",
        "--kind",
        "special-procedures",
        "--kind",
        "wgad",
        "--kind",
        "ep-brief",
        "--date",
        "2026-01-10",
    ]);
    assert!(project.out("trial-2025/testova/wgad.en.pdf").is_file(), "{}", run.stderr());
    let brief = fold(&pdf_text(&project.out("trial-2025/ep-brief.en.pdf")));
    assert!(
        brief.contains("a new conviction on 15 October 2025 then fixed 6 years of imprisonment for both cases"),
        "{brief}"
    );
    let special = fold(&pdf_text(&project.out("trial-2025/testova/special-procedures.en.pdf")));
    assert!(special.contains("quash the convictions of Anna TESTOVA"), "{special}");
    assert!(special.contains("New case 15 October 2025, Zhanaozen City Court: convicted"), "{special}");
    assert!(special.contains("20 May 2025, appeal, Regional Court (Mangystau), brought by"), "{special}");
    assert!(!special.contains("(Regional Court (Mangystau))"), "{special}");
}

/// A suspended sentence runs for its probation period, not its nominal term: eight years
/// suspended with one of probation have ended after one, no document asks to lift them, and
/// the status says the probation ended.
#[test]
fn a_suspended_sentence_ends_with_its_probation() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "outcome: changed, sentence: [{ kind: community_service, hours: 240 }] }",
        "outcome: changed, sentence: [{ kind: suspended_sentence, term: 8y, probation: 1y }] }",
    );
    let deadlines = project.amicus(&["deadlines", "--today", "2025-06-01"]).stdout();
    assert!(deadlines.contains("2026-03-03") && deadlines.contains("end of the suspended sentence"), "{deadlines}");
    assert!(!deadlines.contains("2033-03-03"), "{deadlines}");
    project.amicus(&["build", "--kind", "fact-sheet", "--lang", "en", "--date", "2026-06-01"]);
    let en = fold(&pdf_text(&project.out("trial-2025/primerov/fact-sheet.en.pdf")));
    // Its probation ended, not a sentence the person served.
    assert!(en.contains("Status Convicted, probation ended"), "{en}");
    assert!(!en.contains("lifted"), "{en}");
}

/// A verdict whose articles the sources do not give (`results[].charges: unknown`) is not said to
/// convict under the charges brought: the sheet lists those as what the person was first charged
/// with, and says the conviction's articles are not known (RSF lists fewer articles for
/// Kallykhanova's conviction than she was charged under, bodily harm not among them).
#[test]
fn a_verdict_whose_articles_are_not_known_is_not_given_the_charges_brought() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "        outcome: convicted\n        sentence:",
        "        outcome: convicted\n        charges: unknown\n        sentence:",
    );
    let run = project.amicus(&[
        "build",
        "--kind",
        "fact-sheet",
        "--kind",
        "wgad",
        "--kind",
        "trial-sheet",
        "--date",
        "2026-01-10",
    ]);
    assert!(project.out("trial-2025/testova/wgad.en.pdf").is_file(), "{}", run.stderr());
    let typ = std::fs::read_to_string(project.out("trial-2025/trial-sheet.en.typ")).unwrap();
    let typ = typ.replace(['~', '\u{a0}'], " ");
    assert!(
        typ.contains("The verdict's articles are not known; charged under Article 274 Part 2 of the Criminal Code"),
        "{typ}"
    );
    let en = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert_holds(
        &en,
        &[
            "Convicted under Not known Charged under Article 274 Part 2 (“spreading false information”)",
            "Anna TESTOVA was sentenced under articles not known.",
        ],
        "the English sheet",
    );
    let ru = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.ru.pdf")));
    assert!(ru.contains("осуждена по статьям, о которых нет сведений"), "{ru}");
    let wgad = fold(&pdf_text(&project.out("trial-2025/testova/wgad.en.pdf")));
    assert_holds(
        &wgad,
        &[
            "Reasons given by the authorities Not known to the submitter; the charges brought to trial were under Article 274 Part 2",
            "Reasons and legal basis Conviction under articles not known to the submitter",
        ],
        "the WGAD form",
    );
}

/// A higher court's decision on the conviction in a new case (`in_new_case`) is about that
/// conviction, not the first verdict: upheld, it is said after the new conviction, and the first
/// verdict's own appeal stays the one that made it final; quashed, the first sentence stands
/// again, counted to its own end.
#[test]
fn a_decision_in_a_new_case_is_about_the_new_conviction() {
    let project = Project::templates_only();
    let stages = NEW_CASE.to_owned()
        + r#"  - stage: appeal
    in_new_case: true
    court: { en: Mangystau Regional Court, ru: Мангистауский областной суд }
    date: 2025-12-20
    appealed_by: defence
    results: [{ defendant: testova, outcome: upheld }]
defendants:"#;
    project.write("cases/trial-2025.yaml", &TRIAL.replacen("defendants:", &stages, 1));
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--kind", "wgad", "--date", "2026-01-10"]);
    assert!(project.out("trial-2025/testova/wgad.en.pdf").is_file(), "{}", run.stderr());
    let en = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert_holds(
        &en,
        &[
            "Verdict 3 March 2025; upheld on appeal on 20 May 2025; new conviction, 15 October 2025 (upheld on appeal on 20 December 2025)",
            "20 December 2025: Appeal in the new case, Mangystau Regional Court: upheld the new",
        ],
        "the English sheet",
    );
    assert!(!en.contains("and on appeal on 20 December 2025"), "the first verdict's reviews: {en}");
    let ru = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.ru.pdf")));
    assert_holds(
        &ru,
        &[
            "Апелляция по новому делу, Мангистауский областной суд: новый",
            "оставлен без изменения 20 декабря 2025 года (апелляция)",
        ],
        "the Russian sheet",
    );
    let wgad = fold(&pdf_text(&project.out("trial-2025/testova/wgad.en.pdf")));
    assert_holds(
        &wgad,
        &[
            "20 December 2025, appeal in the new case (Mangystau Regional Court), brought by the defence: upheld the new conviction",
            "on 15 October 2025 (upheld on appeal on 20 December 2025), in place of 5 years",
        ],
        "the WGAD form",
    );
    assert!(wgad.contains("Final Upheld on appeal on 20 May 2025"), "{wgad}");

    // Quashed: the first sentence is the one in effect again, and ends when it did.
    let file = std::fs::read_to_string(project.path().join("cases/trial-2025.yaml")).unwrap();
    project.write(
        "cases/trial-2025.yaml",
        &file.replacen("[{ defendant: testova, outcome: upheld }]", "[{ defendant: testova, outcome: quashed }]", 1),
    );
    let deadlines = project.amicus(&["deadlines", "--today", "2026-01-10"]).stdout();
    assert!(deadlines.contains("2029-09-01") && !deadlines.contains("2030-09-01"), "{deadlines}");
    project.amicus(&["build", "--kind", "fact-sheet", "--lang", "en", "--date", "2026-01-10"]);
    let en = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert_holds(
        &en,
        &[
            "Sentence 5 years of imprisonment",
            "20 December 2025: Appeal in the new case",
            "ensure that the verdict is quashed",
        ],
        "the English sheet, the new conviction quashed",
    );
    let typ = std::fs::read_to_string(project.out("trial-2025/testova/fact-sheet.en.typ")).unwrap();
    assert!(
        typ.contains(
            "Appeal in the new case, Mangystau Regional Court: quashed the new conviction and closed that case"
        ),
        "{typ}"
    );
    assert!(!en.contains("by a new conviction"), "{en}");

    // A sentence for both cases without its own `counted_from` runs from the new verdict: four
    // years from 15 October 2025 end after the first five from 1 September 2024, though shorter,
    // and `check` does not take them for the term added.
    let combined = file.replacen(
        "{ kind: imprisonment, term: 6y, counted_from: 2024-09-01 }",
        "{ kind: imprisonment, term: 4y }",
        1,
    );
    project.write("cases/trial-2025.yaml", &combined);
    assert!(!project.amicus(&["check"]).stderr().contains("ends before the one it extends"));
    let deadlines = project.amicus(&["deadlines", "--today", "2026-01-10"]).stdout();
    assert!(
        deadlines.contains("2029-10-15") && deadlines.contains("counted from the new case's verdict"),
        "{deadlines}"
    );

    // A decision in a new case that no new case comes before is refused, naming the field.
    let early = file.replacen("date: 2025-12-20", "date: 2025-06-20", 1);
    project.write("cases/trial-2025.yaml", &early);
    let check = project.amicus(&["check"]);
    assert_ne!(check.code(), 0);
    assert!(
        check.stderr().contains("`in_new_case`: no `new_case` stage comes before this one")
            && check.stderr().contains("stages[3].in_new_case"),
        "{}",
        check.stderr()
    );
}

/// Last known held, where the person stands now not known (`status: unknown`): the sheet asks
/// first whether they are still held, and their release if so, in each language.
#[test]
fn a_person_last_known_held_is_asked_after_first() {
    let project = Project::templates_only();
    let status = "    sex: female\n      role: { en: journalist, ru: журналистка }\n    arrest:";
    assert!(TRIAL.contains(status));
    project.write(
        "cases/trial-2025.yaml",
        &TRIAL.replacen(status, "    sex: female\n      role: { en: journalist, ru: журналистка }\n    status: unknown\n    status_as_of: 2025-10-01\n    arrest:", 1),
    );
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--date", "2026-01-10"]);
    assert!(project.out("trial-2025/testova/fact-sheet.en.pdf").is_file(), "{}", run.stderr());
    let en = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf")));
    assert!(
        en.contains("I urge you to state whether Anna TESTOVA is still held and, if so, release her, and ensure that the verdict is quashed"),
        "{en}"
    );
    let ru = fold(&pdf_text(&project.out("trial-2025/testova/fact-sheet.ru.pdf")));
    assert!(
        ru.contains("сообщить, находится ли Анна ТЕСТОВА под стражей, освободить её, если это так, и добиться"),
        "{ru}"
    );
}

/// A new case brought but not yet decided leaves the verdict where it stands: in force once the
/// time to appeal ran out, not held open as if its own appeal were pending.
#[test]
fn a_new_case_not_yet_decided_leaves_the_verdict_in_force() {
    let project = Project::examples();
    let case = "cases/ismakova-2021.yaml";
    let text = std::fs::read_to_string(project.path().join(case)).unwrap();
    let pending = "\nstages:\n  - { stage: new_case, court: { en: Aktau City Court, ru: Актауский городской суд }, date: 2023-05-02 }\n";
    project.write(case, &format!("{text}{pending}"));
    let check = project.amicus(&["check", case, "--kind", "appeal"]).stderr();
    assert!(check.contains("the verdict of 2021-12-20 entered into force on 2022-01-05"), "{check}");
    project.amicus(&["build", case, "--kind", "fact-sheet", "--lang", "en"]);
    let sheet = fold(&pdf_text(&project.out("ismakova-2021/fact-sheet.en.pdf")));
    assert!(
        sheet.contains("Verdict 20 December 2021 Court") && sheet.contains("Status Convicted, sentence ended"),
        "{sheet}"
    );
}

/// What the authorities said at the arrest is what a source says they said: without it the WGAD
/// form gives the charges brought as charges, not as the reasons the person was told. A person
/// freed at a verdict that holds no imprisonment is released for that reason, said once.
#[test]
fn an_arrest_gives_its_own_reasons_and_a_release_at_the_verdict_its_cause() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "      role: { en: blogger, ru: блогер }\n",
        "      role: { en: blogger, ru: блогер }\n    arrest: { date: 2024-09-01, place: { en: Aktau, ru: Актау } }\n    detention:\n      - { kind: pretrial_centre, place: { en: pre-trial detention centre of Aktau, ru: СИЗО г. Актау }, from: 2024-09-01, to: 2025-03-03 }\n    release: { date: 2025-03-03, reason: non_custodial_sentence, note: { en: in the courtroom, ru: в зале суда } }\n",
    );
    // (Asked for by name, the WGAD form fails for the acquitted Obraztsov, never held.)
    let run = project.amicus(&["build", "--kind", "wgad", "--kind", "fact-sheet"]);
    assert!(project.out("trial-2025/primerov/fact-sheet.ru.pdf").is_file(), "{}", run.stderr());
    let wgad = || pdf_text(&project.out("trial-2025/testova/wgad.en.pdf"));
    assert!(
        wgad()
            .contains("Reasons given by the authorities Not known to the submitter; the charges brought to trial were under Article 274 Part 2"),
        "{}",
        wgad()
    );
    let en = pdf_text(&project.out("trial-2025/primerov/fact-sheet.en.pdf"));
    // (The timeline's two columns interleave in the text read back: prefixes only.)
    assert!(en.contains("Released on a sentence without imprisonment: in"), "{en}");
    let ru = pdf_text(&project.out("trial-2025/primerov/fact-sheet.ru.pdf"));
    assert!(ru.contains("Освобождение по приговору, не"), "{ru}");

    project.replace(
        "cases/trial-2025.yaml",
        "    arrest: { date: 2024-09-01, place: { en: Aktau, ru: Актау } }\n    charges:",
        "    arrest: { date: 2024-09-01, place: { en: Aktau, ru: Актау }, reason: { en: on suspicion of organising mass riots, ru: по подозрению в организации массовых беспорядков } }\n    charges:",
    );
    project.amicus(&["build", "--kind", "wgad"]);
    assert!(
        wgad().contains(
            "Reasons given by the authorities On suspicion of organising mass riots; the charges brought to trial were under Article 274 Part 2"
        ),
        "{}",
        wgad()
    );
}

/// The UN forms list every source the record cites, on an event as on the case, and a date
/// another source gives is said as a date; the public kinds keep the case's own sources.
#[test]
fn the_un_forms_list_the_sources_behind_each_fact() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "против содержания под стражей } }\n",
        "против содержания под стражей }, sources: [askarov-2010-fld] }\n    disputes:\n      - { field: arrest.date, others: [{ value: 2024-08-30, sources: [aktau-convictions-2021] }] }\n",
    );
    let run = project.amicus(&["build", "--kind", "wgad", "--kind", "fact-sheet"]);
    assert!(project.out("trial-2025/testova/fact-sheet.en.pdf").is_file(), "{}", run.stderr());
    let wgad = pdf_text(&project.out("trial-2025/testova/wgad.en.pdf"));
    assert!(wgad.contains("Azimjan Askarov sentenced to life imprisonment"), "{wgad}");
    assert!(wgad.contains("Other sources give 30 August 2024"), "{wgad}");
    let sheet = pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf"));
    assert!(!sheet.contains("Azimjan Askarov sentenced"), "{sheet}");
}

/// An event known to the month comes after the days of its month in the UN forms, as in the
/// timeline: Gorinov's "July 2025" had come before "21 July 2025", which the file put first.
#[test]
fn an_event_known_to_the_month_follows_the_days_of_its_month() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "против содержания под стражей } }\n",
        "против содержания под стражей } }\n      - { kind: other, date: 2025-01, text: { en: was moved to a punishment cell, ru: переведена в ШИЗО } }\n",
    );
    // Built for Testova; the others were never held, and the kind does not apply to them.
    let run = project.amicus(&["build", "--kind", "wgad"]);
    assert!(project.out("trial-2025/testova/wgad.en.pdf").is_file(), "{}", run.stderr());
    let wgad = pdf_text(&project.out("trial-2025/testova/wgad.en.pdf"));
    let strike = wgad.find("went on hunger strike").expect("the hunger strike is told");
    let moved = wgad.find("was moved to a punishment cell").expect("the move is told");
    assert!(strike < moved, "{wgad}");
}

/// A person freed and later held again in the same case is held: Ametov, released on his
/// acquittal in 2020 and sent to a colony after his retrial, was called released in 2020 by
/// every document, and left out of the calls for release.
#[test]
fn a_person_held_again_after_a_release_is_held() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "from: 2024-09-01, to: 2025-06-01 }",
        "from: 2024-09-01, to: 2024-12-01 }",
    );
    project.replace(
        "cases/trial-2025.yaml",
        "    events:\n      - { kind: hunger_strike",
        "    release: { date: 2024-12-01, reason: other, note: { en: pending trial, ru: до суда } }\n    events:\n      - { kind: hunger_strike",
    );
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--kind", "wgad", "--date", "2026-01-10"]);
    assert!(project.out("trial-2025/testova/wgad.en.pdf").is_file(), "{}", run.stderr());
    let sheet = pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf"));
    assert!(sheet.contains("DETAINED"), "{sheet}");
    assert!(!sheet.contains("RELEASED"), "{sheet}");
    // The release stays in the timeline, as what happened then.
    assert!(sheet.contains("Released"), "{sheet}");
    let wgad = pdf_text(&project.out("trial-2025/testova/wgad.en.pdf"));
    assert!(!wgad.contains("Has the person been released? Yes"), "{wgad}");
}

/// The trial sheet names the judges of each higher court (the Abzas appeal judge, in the
/// file, was on no page) and what the prosecution asked at each stage that heard it: Ametov's
/// row gave the request of a trial that acquitted him beside his retrial's sentence.
#[test]
fn the_trial_sheet_gives_each_stages_judges_and_requests() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "  - stage: appeal\n",
        "  - stage: appeal\n    judges: [{ given: Ivan, family: Appealson, ru: { given: Иван, family: Апелляционов } }]\n",
    );
    project.replace(
        "cases/trial-2025.yaml",
        "{ defendant: testova, outcome: upheld }",
        "{ defendant: testova, outcome: upheld, requested: [{ kind: imprisonment, term: 6y }] }",
    );
    let run = project.amicus(&["build", "--kind", "trial-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = common::fold(&pdf_text(&project.out("trial-2025/trial-sheet.en.pdf")));
    assert_holds(
        &en,
        &[
            "Judge: Ivan Appealson.",
            // The table's columns interleave in the text: each request with its stage.
            "7 years of imprisonment",
            "(trial, 3 March 2025);",
            "6 years of imprisonment",
            "(appeal, 20 May 2025)",
        ],
        "the trial sheet",
    );
    let ru = common::fold(&pdf_text(&project.out("trial-2025/trial-sheet.ru.pdf")));
    assert!(ru.contains("Судья: Иван Апелляционов."), "{ru}");
}

/// Who brought a stage as to one defendant overrides who brought it at all: the prosecution
/// alone appealed Ametov's acquittal, and his WGAD form said "brought by the defence and the
/// prosecution", as if his own lawyers had sought it annulled.
#[test]
fn a_stage_is_brought_by_whom_it_was_as_to_each_defendant() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "{ defendant: testova, outcome: upheld }",
        "{ defendant: testova, outcome: upheld, appealed_by: prosecution }",
    );
    let run = project.amicus(&["build", "--kind", "wgad", "--kind", "trial-sheet"]);
    assert!(project.out("trial-2025/testova/wgad.en.pdf").is_file(), "{}", run.stderr());
    let wgad = common::fold(&pdf_text(&project.out("trial-2025/testova/wgad.en.pdf")));
    assert!(wgad.contains("appeal (Mangystau Regional Court), brought by the prosecution"), "{wgad}");
    assert!(!wgad.contains("brought by the defence and the prosecution"), "{wgad}");
    // The trial's sheet says who brought the appeal at all.
    let sheet = common::fold(&pdf_text(&project.out("trial-2025/trial-sheet.en.pdf")));
    assert!(sheet.contains("brought by the defence and the prosecution"), "{sheet}");
}

/// A recital of verdicts given on different days names each day and court once for the
/// verdicts given together: Mustafayev's named "the Southern District Military Court,
/// Rostov-on-Don" four times in one sentence.
#[test]
fn a_recital_names_a_court_once_for_the_verdicts_it_gave_together() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "defendants:\n",
        "  - stage: cassation\n    court: { en: Supreme Court, ru: Верховный суд }\n    date: 2025-09-01\n    \
         results: [{ defendant: obraztsov, outcome: quashed }]\n  - stage: retrial\n    \
         court: { en: Aktau City Court, ru: Актауский городской суд }\n    date: 2025-11-10\n    \
         results: [{ defendant: obraztsov, outcome: convicted, sentence: [{ kind: imprisonment, term: 3y }] }]\n\
         defendants:\n",
    );
    let run = project.amicus(&["build", "--kind", "ep-brief", "--date", "2026-01-10"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = common::fold(&pdf_text(&project.out("trial-2025/ep-brief.en.pdf")));
    let recital = brief.split("whereas on 3 March 2025").nth(1).expect("the recital of the verdicts");
    let recital = recital.split(';').take(3).collect::<Vec<_>>().join(";");
    assert!(recital.contains("; Boris Primerov under Article 274(2)"), "{recital}");
    assert!(recital.contains("; and on 10 November 2025 the Aktau City Court sentenced Viktor Obraztsov"), "{recital}");
    assert_eq!(recital.matches("Aktau City Court").count(), 2, "{recital}");
}

/// A complaint refused names the court that refused it: "refused" alone did not say by whom,
/// and Amaglobeli's brief left the Supreme Court out.
#[test]
fn a_refused_complaint_names_its_court() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "defendants:\n",
        "  - stage: cassation\n    court: { en: Supreme Court, ru: Верховный суд }\n    date: 2025-09-01\n    outcome: refused\ndefendants:\n",
    );
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--kind", "ep-brief", "--date", "2026-01-10"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf"));
    assert!(en.contains("a cassation complaint refused by the Supreme Court on 1 September 2025"), "{en}");
    let ru = pdf_text(&project.out("trial-2025/testova/fact-sheet.ru.pdf"));
    assert!(ru.contains("в пересмотре отказано 1 сентября 2025 года (кассация, Верховный суд)"), "{ru}");
    let brief = pdf_text(&project.out("trial-2025/ep-brief.en.pdf"));
    assert!(brief.contains("refused by the Supreme Court on 1 September 2025"), "{brief}");
}

/// A stage the country's law calls otherwise than its kind (Tajikistan's review of a regional
/// court's verdict before it enters into force is a cassation) is called so in every language.
#[test]
fn a_stage_is_called_what_the_countrys_law_calls_it() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "  - stage: appeal\n",
        "  - stage: appeal\n    named: { en: cassation, ru: кассация }\n",
    );
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--kind", "trial-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf"));
    assert!(en.contains("upheld on cassation on 20 May 2025"), "{en}");
    assert!(!en.contains("appeal"), "{en}");
    let ru = pdf_text(&project.out("trial-2025/trial-sheet.ru.pdf"));
    assert!(ru.contains("(кассация)"), "{ru}");
    assert!(!ru.contains("апелляц"), "{ru}");
}

/// An appeal too late names what remains against a verdict in force, unless the file records
/// it decided already: then it says so.
#[test]
fn an_appeal_too_late_does_not_offer_a_remedy_already_used() {
    let project = trial();
    project.replace(
        "cases/_shared/jurisdictions/kz.yaml",
        "\ncountry:",
        "\nremedy_in_force: { en: a cassation complaint to the Supreme Court }\ncountry:",
    );
    let run = project.amicus(&["check", "--kind", "appeal", "--date", "2026-01-10"]);
    assert!(run.stderr().contains("what remains is a cassation complaint to the Supreme Court"), "{}", run.stderr());
    project.replace(
        "cases/trial-2025.yaml",
        "defendants:\n",
        "  - stage: cassation\n    court: { en: Supreme Court, ru: Верховный суд }\n    date: 2025-09-01\n    outcome: refused\ndefendants:\n",
    );
    let run = project.amicus(&["check", "--kind", "appeal", "--date", "2026-01-10"]);
    assert!(run.stderr().contains("a cassation decided on it on 2025-09-01"), "{}", run.stderr());
    assert!(!run.stderr().contains("what remains is"), "{}", run.stderr());
}

/// The trial with Testova tried alone: her documents are then about one person (the letter's
/// "I am writing to you about Anna Testova").
fn tried_alone(trial: &str) -> String {
    let mut alone = trial.to_owned();
    for result in [
        "      - { defendant: primerov, outcome: convicted, sentence: [{ kind: fine, amount: 1500000, currency: KZT }] }\n",
        "      - { defendant: obraztsov, outcome: acquitted }\n",
        "      - { defendant: primerov, outcome: changed, sentence: [{ kind: community_service, hours: 240 }] }\n",
    ] {
        assert!(alone.contains(result), "the fixture changed");
        alone = alone.replace(result, "");
    }
    let (others, acts) = (alone.find("  - id: primerov").unwrap(), alone.find("acts:").unwrap());
    alone.replace_range(others..acts, "");
    alone
}

/// One sentenced to prison whose whereabouts the sources do not give is asked about, not left
/// out: Smailov, given 13 years, was the one of four not in the brief's call for release.
#[test]
fn a_person_whose_status_is_not_known_is_asked_about() {
    let project = trial();
    project.replace("cases/trial-2025.yaml", "  - id: testova\n", "  - id: testova\n    status: unknown\n");
    let recipients = common::fixture("recipients/three.csv").to_string_lossy().into_owned();
    let run = project.amicus(&["build", "--kind", "ep-brief", "--kind", "mep-letter", "--recipients", &recipients]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = common::fold(&pdf_text(&project.out("trial-2025/ep-brief.en.pdf")));
    assert!(brief.contains("to disclose whether Anna Testova is still held and, if so, to release her;"), "{brief}");
    let letter = common::fold(&pdf_text(&project.out("trial-2025/mep-letter/hannah-testmann.en.pdf")));
    assert!(letter.contains("to say whether Anna Testova is still held and, if so, to release her."), "{letter}");
}

/// A letter about one person says where they are now: Halykov's said nothing of his release in
/// 2024, then quoted a call of 2022 to free him.
#[test]
fn a_letter_says_the_person_was_released() {
    let project = trial();
    let alone = tried_alone(TRIAL)
        .replace("from: 2025-06-01 }", "from: 2025-06-01, to: 2025-12-01 }")
        .replace("    events:\n", "    release: { date: 2025-12-01, reason: parole }\n    events:\n");
    project.write("cases/trial-2025.yaml", &alone);
    let recipients = common::fixture("recipients/three.csv").to_string_lossy().into_owned();
    let run = project.amicus(&["build", "--kind", "mep-letter", "--recipients", &recipients, "--date", "2026-01-10"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let letter = pdf_text(&project.out("trial-2025/mep-letter/hannah-testmann.en.pdf"));
    assert!(letter.contains("She was released on 1 December 2025, on parole."), "{letter}");

    // Barred from leaving the country since, as Halykov was after his term: the asks say so.
    project.replace(
        "cases/trial-2025.yaml",
        "    release: { date: 2025-12-01, reason: parole }\n",
        "    release: { date: 2025-12-01, reason: parole }\n    measures: [{ kind: travel_ban, from: 2025-12-05 }]\n",
    );
    let run = project.amicus(&[
        "build",
        "--kind",
        "mep-letter",
        "--kind",
        "fact-sheet",
        "--kind",
        "wgad",
        "--recipients",
        &recipients,
        "--date",
        "2026-01-10",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let letter = common::fold(&pdf_text(&project.out("trial-2025/mep-letter/hannah-testmann.en.pdf")));
    assert!(letter.contains("to be quashed, and the restrictions on her and the travel ban lifted."), "{letter}");
    let sheet = common::fold(&pdf_text(&project.out("trial-2025/fact-sheet.en.pdf")));
    assert_holds(
        &sheet,
        &[
            "Travel ban Since 5 December 2025",
            "Placed under a travel ban",
            "that the travel ban on Anna TESTOVA is lifted",
        ],
        "the sheet",
    );
    let ru = common::fold(&pdf_text(&project.out("trial-2025/fact-sheet.ru.pdf")));
    assert_holds(&ru, &["Запрет на выезд С 5 декабря 2025 года", "снятия запрета на выезд"], "the Russian sheet");
    let wgad = common::fold(&pdf_text(&project.out("trial-2025/wgad.en.pdf")));
    assert!(
        wgad.contains("Released on 1 December 2025; barred from leaving the country since 5 December 2025"),
        "{wgad}"
    );
}

/// A person held where the sources do not say is said to be held, the place not known: left
/// out, a sheet's "Arrest" beside "Detained" read as custody since the arrest.
#[test]
fn a_place_of_custody_not_known_is_said_on_the_sheet() {
    let project = trial();
    project.replace(
        "cases/trial-2025.yaml",
        "place: { en: \"colony No. 2, Zhanaozen\", ru: \"колония № 2, Жанаозен\" }",
        "place: unknown",
    );
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--date", "2026-01-10"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("trial-2025/testova/fact-sheet.en.pdf"));
    assert!(en.contains("Held in [not known], since 1 June 2025"), "{en}");
    let ru = pdf_text(&project.out("trial-2025/testova/fact-sheet.ru.pdf"));
    assert!(ru.contains("Место содержания [нет сведений], с 1 июня 2025 года"), "{ru}");

    // Tried alone, she is the subject of the brief and the letter, which say it too. The letter
    // does not say "held since 1 June 2025": she was held from 2024, the unknown place since.
    let alone = tried_alone(
        &TRIAL.replace("place: { en: \"colony No. 2, Zhanaozen\", ru: \"колония № 2, Жанаозен\" }", "place: unknown"),
    );
    project.write("cases/trial-2025.yaml", &alone);
    let recipients = common::fixture("recipients/three.csv").to_string_lossy().into_owned();
    let run = project.amicus(&[
        "build",
        "--kind",
        "ep-brief",
        "--kind",
        "mep-letter",
        "--recipients",
        &recipients,
        "--date",
        "2026-01-10",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = pdf_text(&project.out("trial-2025/ep-brief.en.pdf"));
    assert!(brief.contains("Held in [not known], since 1 June 2025"), "{brief}");
    let letter = pdf_text(&project.out("trial-2025/mep-letter/hannah-testmann.en.pdf"));
    assert!(
        letter.contains("She is in custody; where she has been held since 1 June 2025 is not known to me."),
        "{letter}"
    );
    assert!(!letter.contains("She has been held"), "{letter}");
}
