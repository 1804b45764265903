//! Language and law are data: a new language is a locale file and templates, with no change to
//! amicus; a word the locale lacks is an error naming the language, the key and the file; no
//! template holds a country's law; a kind whose law the jurisdiction file lacks is refused by
//! `build` and reported by `check` with the missing key.

mod common;

use std::path::{Path, PathBuf};

use common::{Project, assert_holds, pdf_text};

/// A made-up language, "xq": every word the filters print is the file's own.
const XQ_LOCALE: &str = r#"
plural_rules = "en"
fallback = ["en"]
unknown = "zorp-unknown"

[units.year]
one = "yarg"
other = "yargs"

[units.month]
one = "mont"
other = "monts"

[units.day]
one = "dai"
other = "dais"

[list]
separator = " ~ "
last_separator = " plus "

[duration]
separator = " ~ "
last_separator = " plus "

[date]
months = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "Decembrix"]
full = "{day}/{month}/{year}"
month = "{month}/{year}"
year = "{year}"
same_month = "{from_day}..{day}/{month}/{year}"
same_year = "{from_day}/{from_month}..{day}/{month}/{year}"
other_years = "{from_day}/{from_month}/{from_year}..{day}/{month}/{year}"

[article]
plain = "Art {article}"
part = "Art {article}({part})"
plain_code = "Art {article} {code_abbreviation}"
part_code = "Art {article}({part}) {code_abbreviation}"
"#;

const XQ_TEMPLATE: &str = r#"#import "/_lib/style.typ": *
#set document(title: "xq", author: "amicus")
#set text(font: "PT Sans", fallback: false)
{% set c = case %}
Verdict: {{ c.verdict.date | date }}.
Sentence: {% for p in c.verdict.sentence %}{{ p.term | duration }}{% if not loop.last %}, {% endif %}{% endfor %}.
Charges: {% for ch in c.charges %}{{ ch | article(code=true) }}{% if not loop.last %}; {% endif %}{% endfor %}.
Titles: {{ c.charges | map(attribute="title") | join_list }}.
Court: {{ c.verdict.court | or_unknown }}.
Role: {{ c.person.role }}.
"#;

#[test]
fn a_made_up_language_builds_from_its_locale_file_alone() {
    let project = Project::aktau();
    project.write("templates/_lib/locale/xq.toml", XQ_LOCALE);
    project.write("templates/fact-sheet/xq.typ.j2", XQ_TEMPLATE);
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "xq"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = pdf_text(&project.out("kanaliyev-2021/fact-sheet.xq.pdf"));
    assert_holds(
        &text,
        &[
            "Verdict: 21/Decembrix/2021.",
            "Sentence: 1 yarg, 2 yargs plus 6 monts.",
            "Charges: Art 405(2) CC RK; Art 293(2) CC RK.",
            "Titles: participation in an extremist organisation plus hooliganism.",
            "Court: [zorp-unknown].",
            "Role: civil activist.",
        ],
        "the xq fact sheet",
    );
    // The case has no xq text: the fallback the locale names is used, and said.
    assert!(run.stderr().contains("no `xq` text for this field; the `en` text is used instead"), "{}", run.stderr());
}

#[test]
fn a_word_the_locale_lacks_is_an_error_naming_language_key_and_file() {
    let project = Project::aktau();
    project.write("templates/_lib/locale/xq.toml", XQ_LOCALE);
    project.write("templates/fact-sheet/xq.typ.j2", "{{ case.verdict.date | date(form=\"locative\") }}\n");
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "xq"]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    assert!(stderr.contains("the `xq` locale has no `date.forms.locative`"), "{stderr}");
    assert!(stderr.contains("[root]/templates/_lib/locale/xq.toml"), "{stderr}");
    assert!(stderr.contains("[root]/templates/fact-sheet/xq.typ.j2:1"), "the template line is not named:\n{stderr}");
    assert!(!project.out("kanaliyev-2021/fact-sheet.xq.pdf").exists());

    // A locale file missing a whole section is refused where it is read, with the key.
    let broken = XQ_LOCALE.replace("[article]", "[not-article]");
    project.write("templates/_lib/locale/xq.toml", &broken);
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "xq"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("[root]/templates/_lib/locale/xq.toml"), "{}", run.stderr());
    assert!(run.stderr().contains("article"), "{}", run.stderr());
}

#[test]
fn a_language_without_a_locale_file_is_an_error_not_english() {
    let project = Project::aktau();
    project.write("templates/fact-sheet/xq.typ.j2", XQ_TEMPLATE);
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "xq"]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    assert!(stderr.contains("there is no locale file for the language `xq`"), "{stderr}");
    assert!(stderr.contains("[root]/templates/_lib/locale/xq.toml"), "{stderr}");
}

fn template_files(dir: &Path) -> Vec<PathBuf> {
    common::walk(dir)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".j2") || name.ends_with(".typ") || name.ends_with(".toml")
        })
        .collect()
}

/// What only a country's law would put in a template: the region's country names (as nouns
/// and adjectives, in English, Russian and Kazakh), national codes and their abbreviations,
/// and citations of national provisions and precedents.
const NATIONAL: [&str; 33] = [
    "kazakhstan",
    "казахстан",
    "қазақстан",
    "russian federation",
    "россия",
    "российск",
    "belarus",
    "беларус",
    "ukrain",
    "украин",
    "kyrgyz",
    "киргиз",
    "кыргыз",
    "uzbek",
    "узбек",
    "tajik",
    "таджик",
    "turkmen",
    "туркмен",
    "azerbaijan",
    "азербайджан",
    "armenia",
    "армени",
    "georgia",
    "грузи",
    "moldova",
    "молдов",
    "criminal code",
    "procedure code",
    "code of the republic",
    "кодекс",
    "республик",
    "opinion no.",
];

/// Abbreviations of national codes and states, as whole words.
const ABBREVIATIONS: [&str; 14] =
    ["рк", "рф", "рб", "кр", "қр", "ук", "упк", "коап", "қк", "қпк", "cc", "cpc", "rk", "rf"];

/// National provisions by number: «ч. 2», «ст. 405», «главой 48», "chapter 48", «48-тарау»,
/// «405-бабы». (International instruments are cited as "article 19 of the Universal
/// Declaration", which a national code never is in a template.)
fn national_citations(line: &str) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let number = |w: &str| bare(w).parse::<u32>().is_ok();
    let before_number = ["ч.", "ст.", "п.", "chapter", "глава", "главой", "главы", "статья", "статьи", "статьёй"];
    let mut found: Vec<String> = words
        .windows(2)
        .filter(|pair| before_number.contains(&pair[0]) && number(pair[1]))
        .map(|pair| format!("{} {}", pair[0], bare(pair[1])))
        .collect();
    for word in words.iter().map(|w| bare(w)) {
        if let Some((n, noun)) = word.split_once('-') {
            let kazakh = ["бап", "баб", "тарау", "бөлі"].iter().any(|k| noun.starts_with(k));
            if number(n) && kazakh {
                found.push(word.clone());
            }
        }
        if ABBREVIATIONS.contains(&word.as_str()) {
            found.push(word);
        }
    }
    found
}

#[test]
fn the_scan_finds_national_law() {
    let line = "руководствуясь главой 48 упк рк, ч. 2 ст. 405; қр қк 405-бабының 2-бөлігі, chapter 48";
    let found = national_citations(line);
    for expected in ["главой 48", "упк", "рк", "ч. 2", "ст. 405", "қр", "қк", "405-бабының", "2-бөлігі", "chapter 48"]
    {
        assert!(found.iter().any(|f| f == expected), "`{expected}` not found in {found:?}");
    }
    assert!(national_citations("articles 19 and 21 of the international covenant").is_empty());
}

#[test]
fn no_template_holds_a_countrys_law() {
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut found = Vec::new();
    for file in template_files(&templates) {
        let original = std::fs::read_to_string(&file).unwrap();
        let text = original.to_lowercase();
        // A currency's name in a locale file (`[units.BYN]`: "Belarusian rouble") is a word of
        // the language, as a month's name is, not a country's law.
        // So is a language's name (`[languages]`: "по-украински").
        let mut exempt = false;
        for (i, (line, original)) in text.lines().zip(original.lines()).enumerate() {
            if original.starts_with('[') {
                let section = original.trim_matches(['[', ']']);
                let key = section.strip_prefix("units.").unwrap_or_default();
                exempt = key.len() == 3 && key.bytes().all(|b| b.is_ascii_uppercase()) || section == "languages";
            }
            if exempt {
                continue;
            }
            let national = NATIONAL.iter().filter(|w| line.contains(*w)).map(|w| w.to_string());
            for hit in national.chain(national_citations(line)) {
                found.push(format!("{}:{}: `{hit}`", file.strip_prefix(&templates).unwrap().display(), i + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "templates hold a country's law (it belongs in cases/_shared/jurisdictions/):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_kind_whose_law_is_missing_is_refused_and_checked_by_key() {
    let project = Project::aktau();
    let path = project.path().join("cases/_shared/jurisdictions/kz.yaml");
    let law = std::fs::read_to_string(&path).unwrap();
    let start = law.find("  invokes:").unwrap();
    let end = start + law[start..].find("    verified: false\n").unwrap() + "    verified: false\n".len();
    std::fs::write(&path, format!("{}{}", &law[..start], &law[end..])).unwrap();

    // Judged in the week after the verdict, when the appeal is still open.
    let check = project.amicus(&["check", "--kind", "appeal", "--date", "2021-12-22", "cases/kanaliyev-2021.yaml"]);
    assert_eq!(check.code(), 1, "{}", check.stdout());
    assert!(check.stdout().contains("law its jurisdiction file does not give: appeal.invokes"), "{}", check.stdout());
    let refusal = "appeal cannot be built for `kanaliyev-2021`: the jurisdiction `kz` does not give `appeal.invokes`";
    assert!(check.stderr().contains(refusal), "{}", check.stderr());
    assert!(check.stderr().contains("cases/_shared/jurisdictions/kz.yaml"), "{}", check.stderr());
    // The refusal is an error counted as one, not beside "0 errors".
    assert!(check.stderr().contains("checked: 1 error"), "{}", check.stderr());
    // Not an invitation to type in law: the rules are added by a lawyer who checked them.
    assert!(check.stderr().contains("a lawyer who has checked them may add `appeal.invokes`"), "{}", check.stderr());

    // Building everything, the appeal is skipped with a note, the rest built: a project in
    // progress is not a failure. Asked for by name, it fails.
    let build = project.amicus(&["build", "cases/kanaliyev-2021.yaml"]);
    assert_eq!(build.code(), 0, "{}", build.stderr());
    assert!(build.stderr().contains(&format!("note: {refusal}; skipped")), "{}", build.stderr());
    assert!(!project.out("kanaliyev-2021/appeal.ru.pdf").exists(), "an appeal without its law was built");
    assert!(project.out("kanaliyev-2021/fact-sheet.en.pdf").is_file(), "the other kinds were not built");
    let build = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "appeal"]);
    assert_eq!(build.code(), 1);
    // Once, though both languages of the appeal were refused.
    assert_eq!(build.stderr().matches(refusal).count(), 1, "{}", build.stderr());
}

/// A synthetic activist held before trial in Belarus, with no sources yet: the shape of a case a
/// newcomer writes first.
const PRETRIAL_BELARUS: &str = r#"
id: probova-2025
jurisdiction: by
place: { en: Hrodna, ru: Гродно }
status: detained
person:
  name: { given: Petr, family: Probov, ru: { given: Пётр, family: Пробов } }
  sex: male
  role: { en: activist, ru: активист }
arrest:
  date: 2025-02-10
  place: { en: Hrodna, ru: Гродно }
detention:
  - kind: pretrial_centre
    place: { en: "pre-trial detention centre No. 1, Hrodna", ru: "СИЗО № 1, Гродно" }
    from: 2025-02-12
charges:
  - code: criminal
    article: "342"
    title: { en: organisation of group actions grossly violating public order, ru: "организация групповых действий, грубо нарушающих общественный порядок" }
summary:
  en: taking part in the 2020 protests
  ru: участие в протестах 2020 года
sources: []
"#;

#[test]
fn a_case_held_before_trial_in_another_country_gets_its_countrys_sheet() {
    let project = Project::templates_only();
    project.write("cases/probova-2025.yaml", PRETRIAL_BELARUS);
    let check = project.amicus(&["check", "-v"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    // No verdict is recommended for a person awaiting trial.
    let sheet = check.stdout().split("probova-2025 · fact-sheet").nth(1).unwrap_or_default().to_owned();
    let sheet = sheet.split("probova-2025 · ").next().unwrap_or_default();
    assert!(sheet.contains("recommended, missing: statements, sources"), "{}", check.stdout());
    assert!(!sheet.contains("verdict"), "{}", check.stdout());
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--date", "2025-06-01"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    // English and Russian; not Kazakh, the language of another country's courts.
    assert!(!project.out("probova-2025/fact-sheet.kk.pdf").exists());
    let english = pdf_text(&project.out("probova-2025/fact-sheet.en.pdf"));
    assert_holds(
        &english,
        &[
            "Held in pre-trial detention centre No. 1, Hrodna, since 12 February 2025",
            "He is being prosecuted for taking part in the 2020 protests.",
            "Prosecutor General of the Republic of Belarus, 22 Internatsionalnaya Street, 220030 Minsk, Belarus.",
            "Dear Prosecutor General,",
        ],
        "the English sheet",
    );
    // No sources yet: no empty list of them, nor a sentence about what they do not give.
    assert!(!english.contains("Sources:") && !english.contains("not given in the sources"), "{english}");
    let russian = pdf_text(&project.out("probova-2025/fact-sheet.ru.pdf"));
    assert_holds(&russian, &["Место содержания СИЗО № 1, Гродно, с 12 февраля 2025 года"], "the Russian sheet");

    // The brief and the trial sheets say the trial is still to come.
    let run = project.amicus(&["build", "--date", "2025-06-01"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = pdf_text(&project.out("probova-2025/ep-brief.en.pdf"));
    assert_holds(
        &brief,
        &[
            "Arrested 10 February 2025, Hrodna",
            "Held in pre-trial detention centre No. 1, Hrodna, since 12 February 2025",
            "whereas Petr Probov is being prosecuted in Hrodna under Article 342",
            "of the Criminal Code of the Republic of Belarus, having been arrested on 10 February 2025;",
            "to attend the trial when it opens;",
        ],
        "the brief",
    );
    let sheet = pdf_text(&project.out("probova-2025/trial-sheet.ru.pdf"));
    assert_holds(&sheet, &["Подсудимый", "Ожидает суда"], "the Russian trial sheet");
    assert!(!sheet.contains("рассматривается судом"), "{sheet}");
    for document in ["ep-brief.en", "trial-sheet.en", "trial-sheet.ru"] {
        let text = pdf_text(&project.out(&format!("probova-2025/{document}.pdf")));
        assert!(!text.contains("Sources:") && !text.contains("Источники:"), "{document}: {text}");
    }

    // A letter to Members about a person no court has tried yet: no verdict to date it by.
    let recipients = common::fixture("recipients/three.csv").to_string_lossy().into_owned();
    let run = project.amicus(&["build", "--kind", "mep-letter", "--date", "2025-06-01", "--recipients", &recipients]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let letters = project.out("probova-2025/mep-letter");
    let letter = std::fs::read_dir(&letters)
        .expect("the letters' folder")
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "pdf"));
    let letter = pdf_text(&letter.expect("a letter was built").path());
    assert_holds(
        &letter,
        &[
            "Re: the case of Petr Probov, prosecuted in Belarus",
            "Petr Probov, an activist, who is charged under Article 342",
            "He has been held in pre-trial detention centre No. 1, Hrodna, since 12 February 2025, awaiting trial.",
            "Petr Probov is being prosecuted for taking part in the 2020 protests.",
        ],
        "the letter",
    );
}

/// A synthetic journalist convicted in `{jurisdiction}`, held since before her trial.
const CONVICTED_ANYWHERE: &str = r#"
id: testova-2025
jurisdiction: {jurisdiction}
place: { en: Testtown, ru: Тестоград }
person:
  name: { given: Tamar, family: Testova, ru: { given: Тамар, family: Тестова } }
  sex: female
  role: { en: journalist, ru: журналистка }
arrest: { date: 2025-01-12, place: { en: Testtown, ru: Тестоград } }
detention:
  - { kind: pretrial_centre, place: { en: "pre-trial detention centre No. 1, Testtown", ru: "СИЗО № 1, Тестоград" }, from: 2025-01-14 }
charges:
  - { code: criminal, article: "353", part: 1, title: { en: assaulting a police officer, ru: "нападение на сотрудника полиции" } }
verdict:
  date: 2025-08-06
  court: { en: Testtown City Court, ru: Тестоградский городской суд }
  sentence:
    - { kind: imprisonment, term: 2y{regime} }
summary: { en: her reporting on the protests, ru: её репортажи о протестах }
sources: []
"#;

/// Each country amicus ships a file for: a case there prints that country's name, code and
/// prison regime, and whom to write to; and the appeal, whose deadline no source confirmed
/// for it, is refused by the law it lacks rather than built with Kazakhstan's.
#[test]
fn a_case_in_each_shipped_country_prints_that_countrys_law() {
    // (id, the code in Russian, the sentence in English, whom the English sheet writes to)
    let countries = [
        (
            "az",
            // Azerbaijan cites article and part by dots.
            "ст. 353.1 УК АР",
            "in a strict-regime penitentiary institution",
            "President of the Republic of Azerbaijan, 19 Istiqlaliyyat Street",
        ),
        (
            "ge",
            "ч. 1 ст. 353 УК Грузии",
            "2 years of imprisonment",
            "Prosecutor General of Georgia, 24 Vakhtang Gorgasali Street",
        ),
        ("tj", "ч. 1 ст. 353 УК РТ", "in a strict-regime penal colony", "Write to the authorities of Tajikistan"),
        ("tm", "ч. 1 ст. 353 УК Туркменистана", "2 years of imprisonment", "Write to the authorities of Turkmenistan"),
        (
            "uz",
            "ч. 1 ст. 353 УК РУз",
            "in a strict-regime penal colony",
            "President of the Republic of Uzbekistan, 6 Mustakillik Square",
        ),
    ];
    let project = Project::templates_only();
    for (id, _, _, _) in countries {
        // Georgian verdicts name no regime, and its file none; Turkmenistan's file names none
        // until the code's list is read.
        let regime = if matches!(id, "ge" | "tm") { "" } else { ", regime: strict" };
        let mut case = CONVICTED_ANYWHERE.replace("{jurisdiction}", id).replace("{regime}", regime);
        // Names in the country's own letters and script: Azerbaijani ə, Georgian Mkhedruli
        // (which the PT fonts lack and DejaVu Sans draws).
        let name = "{ given: Tamar, family: Testova, ru: { given: Тамар, family: Тестова } }";
        match id {
            "az" => {
                case = case.replace(name, "{ given: Ülvi, family: Həsənli, ru: { given: Ульви, family: Гасанлы } }")
            }
            "ge" => {
                case = case.replace(name, "{ given: Tamar, family: Testova, ka: { given: თამარ, family: ტესტოვა } }")
            }
            "tm" => {
                case = case.replace(
                    name,
                    "{ given: Aýnabat, family: Orazgeldiýewa, ru: { given: Айнабат, family: Оразгельдыева } }",
                )
            }
            _ => {}
        }
        project.write(
            &format!("cases/testova-{id}.yaml"),
            &case.replace("id: testova-2025", &format!("id: testova-{id}")),
        );
    }
    let check = project.amicus(&["check", "--date", "2026-01-10"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--date", "2026-01-10"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    for (id, code, sentence, write_to) in countries {
        let english = pdf_text(&project.out(&format!("testova-{id}/fact-sheet.en.pdf")));
        assert_holds(&english, &[sentence, write_to], id);
        match id {
            // In capitals the Azerbaijani i keeps its dot.
            "az" => assert_holds(&english, &["Ülvi HƏSƏNLİ", "Article 353.1 (“assaulting a police officer”)"], id),
            "ge" => assert_holds(&english, &["თამარ ტესტოვა"], id),
            "tm" => assert_holds(&english, &["Aýnabat ORAZGELDIÝEWA", "Criminal Code of Turkmenistan"], id),
            _ => {}
        }
        let russian = pdf_text(&project.out(&format!("testova-{id}/fact-sheet.ru.pdf")));
        assert_holds(&russian, &[code], id);
        // Still held after her verdict: no "as of" the day her custody began.
        assert!(english.contains("Detained") && !english.contains("as of 14 January 2025"), "{id}: {english}");
        let appeal = project.amicus(&["build", &format!("cases/testova-{id}.yaml"), "--kind", "appeal"]);
        assert_eq!(appeal.code(), 1, "{id}: {}", appeal.stderr());
        assert!(
            appeal.stderr().contains(&format!("the jurisdiction `{id}` does not give `appeal.deadline_days`")),
            "{id}: {}",
            appeal.stderr()
        );
    }
}

/// A submission addresses the country's own Special Rapporteur through the jurisdiction file;
/// `check` says so where the file names none (Kazakhstan has no country mandate).
#[test]
fn the_country_mandate_is_the_jurisdictions_or_check_says_there_is_none() {
    let project = Project::aktau();
    let mandates = "mandates: [freedom_of_expression, peaceful_assembly_and_association, human_rights_defenders]";
    project.replace("cases/kanaliyev-2021.yaml", mandates, "mandates: [freedom_of_expression, country]");
    let run = project.amicus(&["check"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_holds(
        &run.stderr(),
        &[
            "kanaliyev-2021.yaml:",
            "the jurisdiction file `kz` names no Special Rapporteur on the country (field `submission.mandates[1]`)",
            "under `special_rapporteur` in cases/_shared/jurisdictions/kz.yaml",
        ],
        "check",
    );
}

/// The Working Group takes up deprivation of liberty only: `check` says so of a submission that
/// addresses it for someone tried in absentia and never held.
#[test]
fn the_working_group_is_not_addressed_for_someone_never_held() {
    let project = Project::examples();
    let own =
        "      mandates: [human_rights_defenders, peaceful_assembly_and_association, freedom_of_expression, country]\n";
    project.replace("cases/viasna-2023.yaml", own, &own.replace("country]", "country, arbitrary_detention]"));
    let run = project.amicus(&["check"]);
    assert_holds(
        &run.stderr(),
        &[
            "warning: the Working Group on Arbitrary Detention is addressed for `salauyou`, but the person was tried in absentia and the file records no custody",
            "remove `arbitrary_detention` for this person",
        ],
        "check",
    );
    // The others, held, are not warned about.
    assert_eq!(
        run.stderr().matches("Working Group on Arbitrary Detention is addressed").count(),
        1,
        "{}",
        run.stderr()
    );
}

/// A person held who was ill-treated and denied care: the letter and the brief ask, beside the
/// release, that she be protected and treated and the reports investigated until she is freed.
#[test]
fn the_letter_and_the_brief_ask_protection_for_someone_ill_treated_in_custody() {
    let project = Project::templates_only();
    let case = CONVICTED_ANYWHERE.replace("{jurisdiction}", "ru").replace("{regime}", ", regime: general").replace(
        "charges:\n",
        "events:\n  - { kind: ill_treatment, date: 2025-03-01, text: { en: beaten, ru: избита } }\n  \
         - { kind: denied_treatment, date: 2025-04-01, text: { en: refused a doctor, ru: отказано во враче } }\ncharges:\n",
    );
    project.write("cases/testova-2025.yaml", &case);
    let recipients = common::fixture("recipients/three.csv").to_string_lossy().into_owned();
    let run = project.amicus(&[
        "build",
        "--kind",
        "mep-letter",
        "--kind",
        "ep-brief",
        "--recipients",
        &recipients,
        "--date",
        "2026-01-10",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let protect = "she is protected from ill-treatment and receives the medical care she needs, and that the reports of her ill-treatment are investigated promptly and impartially";
    let letter = pdf_text(&project.out("testova-2025/mep-letter/hannah-testmann.en.pdf"));
    assert!(letter.contains(&format!("and for the authorities to ensure until then that {protect}.")), "{letter}");
    let brief = pdf_text(&project.out("testova-2025/ep-brief.en.pdf"));
    assert!(brief.contains(&format!("to ensure, until Tamar Testova is released, that {protect};")), "{brief}");
}

/// A synthetic journalist fined under Russia's Code of Administrative Offences.
const ADMINISTRATIVE_RUSSIA: &str = r#"
id: testova-2024
jurisdiction: ru
place: { en: Pskov, ru: Псков }
status: convicted
person:
  name: { given: Tess, family: Testova, ru: { given: Тесс, family: Тестова } }
  sex: female
  role: { en: journalist, ru: журналистка }
arrest: unknown
charges:
  - code: administrative
    article: "20.3.3"
    part: 1
    title: { en: public actions aimed at discrediting the use of the armed forces, ru: "публичные действия, направленные на дискредитацию использования Вооружённых Сил Российской Федерации" }
verdict:
  date: 2024-03-12
  court: { en: Pskov City Court, ru: Псковский городской суд }
  sentence:
    - { kind: fine, amount: 30000, currency: RUB }
summary:
  en: a post on VKontakte against the war
  ru: публикацию во «ВКонтакте» против войны
sources: []
"#;

#[test]
fn a_fine_under_a_code_of_administrative_offences_is_no_conviction() {
    let project = Project::templates_only();
    project.write("cases/testova-2024.yaml", ADMINISTRATIVE_RUSSIA);
    let check = project.amicus(&["check", "-v", "--date", "2024-03-20"]);
    assert!(
        check.stdout().contains("the charges are under a code of administrative offences"),
        "the criminal appeal applies: {}",
        check.stdout()
    );
    let run = project.amicus(&["build", "--date", "2024-03-20"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!project.out("testova-2024/appeal.ru.pdf").exists());
    let english = pdf_text(&project.out("testova-2024/fact-sheet.en.pdf"));
    assert_holds(
        &english,
        &[
            "Penalty A fine of 30,000 roubles",
            "Decision 12 March 2024",
            "was found liable for an administrative offence under Article 20.3.3 Part 1",
            "she was penalised with a fine of 30,000 roubles",
            "ensure that the decision is quashed",
        ],
        "the English sheet",
    );
    let russian = pdf_text(&project.out("testova-2024/fact-sheet.ru.pdf"));
    assert_holds(
        &russian,
        &[
            "Постановление суда: 12 марта 2024 года",
            "привлечена к административной ответственности по ч. 1 ст. 20.3.3 КоАП РФ",
            // A fine: nothing to lift, the person to clear.
            "добиться отмены постановления, её реабилитации",
        ],
        "the Russian sheet",
    );
    let brief = pdf_text(&project.out("testova-2024/ep-brief.en.pdf"));
    assert_holds(
        &brief,
        &["liable for an administrative offence", "to quash the decision against Tess Testova"],
        "the brief",
    );
    for (document, text) in [("fact-sheet.en", &english), ("fact-sheet.ru", &russian), ("ep-brief.en", &brief)] {
        let lower = text.to_lowercase();
        for criminal in ["sentenced", "convict", "verdict", "приговор", "осужд"] {
            assert!(!lower.contains(criminal), "{document} says `{criminal}`: {text}");
        }
    }
}

#[test]
fn administrative_detention_is_counted_in_days_and_deprives_of_liberty() {
    let project = Project::templates_only();
    let case = ADMINISTRATIVE_RUSSIA.replace(
        "    - { kind: fine, amount: 30000, currency: RUB }",
        "    - { kind: administrative_detention, term: 15d }",
    );
    project.write("cases/testova-2024.yaml", &case);
    let check = project.amicus(&["check", "-v", "--date", "2024-03-20"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    assert!(!check.stdout().contains("no deprivation of liberty"), "{}", check.stdout());
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--date", "2024-03-20"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let english = pdf_text(&project.out("testova-2024/fact-sheet.en.pdf"));
    assert_holds(&english, &["Penalty Administrative detention of 15 days"], "the English sheet");
    let russian = pdf_text(&project.out("testova-2024/fact-sheet.ru.pdf"));
    assert_holds(&russian, &["административный арест на срок 15 суток"], "the Russian sheet");

    // Counted in days: a term in months is a located error.
    project.write("cases/testova-2024.yaml", &case.replace("term: 15d", "term: 1m"));
    let check = project.amicus(&["check"]);
    assert_eq!(check.code(), 1, "{}", check.stderr());
    assert!(check.stderr().contains("administrative detention is counted in days"), "{}", check.stderr());
    assert!(check.stderr().contains("verdict.sentence[0].term"), "{}", check.stderr());
}

#[test]
fn only_a_language_no_other_country_shares_is_left_out_of_a_case() {
    let project = Project::templates_only();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/kanaliyev-2021.yaml"),
        project.path().join("cases/kanaliyev-2021.yaml"),
    )
    .unwrap();
    // Another country's courts take English too: English stays every case's.
    let russia = project.path().join("cases/_shared/jurisdictions/ru.yaml");
    let text =
        std::fs::read_to_string(&russia).unwrap().replace("filing_languages: [ru]", "filing_languages: [ru, en]");
    std::fs::write(&russia, text).unwrap();
    // A country whose courts use only their own language: its case keeps Russian, which the
    // courts of several countries use, and gets no Kazakh.
    let belarus = std::fs::read_to_string(project.path().join("cases/_shared/jurisdictions/by.yaml")).unwrap();
    project.write(
        "cases/_shared/jurisdictions/tj.yaml",
        &belarus.replace("filing_languages: [be, ru]", "filing_languages: [tg]"),
    );
    project.write("cases/probova-2025.yaml", &PRETRIAL_BELARUS.replace("jurisdiction: by", "jurisdiction: tj"));
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--kind", "ep-brief", "--date", "2025-06-01"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    for made in ["kanaliyev-2021/ep-brief.en.pdf", "kanaliyev-2021/fact-sheet.kk.pdf", "probova-2025/fact-sheet.ru.pdf"]
    {
        assert!(project.out(made).is_file(), "{made} not made: {}", run.stderr());
    }
    assert!(!project.out("probova-2025/fact-sheet.kk.pdf").exists());

    // A jurisdiction file that cannot be read: whose courts use what is not known, so clean
    // removes no document for its language.
    project.write("cases/_shared/jurisdictions/kz.yaml", "country: [broken\n");
    let run = project.amicus(&["clean", "--dry-run"]);
    assert!(!run.stderr().contains("fact-sheet.ru.pdf"), "{}", run.stderr());
}

/// An item within a part of an article is cited as each language's lawyers cite it, in every
/// document; one without its part is refused with the fix.
#[test]
fn an_item_within_a_part_is_cited_in_each_languages_form() {
    let project = Project::aktau();
    project.replace(
        "cases/kanaliyev-2021.yaml",
        "    article: \"293\"\n    part: 2\n",
        "    article: \"293\"\n    part: 2\n    item: { en: a, ru: а, kk: \"1\" }\n",
    );
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--kind", "appeal"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = |file: &str| pdf_text(&project.out(&format!("kanaliyev-2021/{file}")));
    assert!(text("fact-sheet.en.pdf").contains("Article 293 Part 2(a)"), "{}", text("fact-sheet.en.pdf"));
    assert!(text("fact-sheet.ru.pdf").contains("п. «а» ч. 2 ст. 293"), "{}", text("fact-sheet.ru.pdf"));
    assert!(text("appeal.ru.pdf").contains("п. «а» ч. 2 ст. 293"), "{}", text("appeal.ru.pdf"));
    assert!(text("fact-sheet.kk.pdf").contains("293-бабының 2-бөлігінің 1) тармағы"), "{}", text("fact-sheet.kk.pdf"));

    project.replace("cases/kanaliyev-2021.yaml", "    part: 2\n    item:", "    item:");
    let run = project.amicus(&["check"]);
    assert_ne!(run.code(), 0);
    assert_holds(
        &run.stderr(),
        &["kanaliyev-2021.yaml:", "an item is cited within its part of the article", "charges[1].item", "add the part"],
        "check",
    );
}

/// Several items of one part («пп. «а», «б», «д» ч. 2 ст. 207.3») are cited together in each
/// language; typed as one item with commas they are refused with the list to write instead.
#[test]
fn several_items_of_one_part_are_cited_together() {
    let project = Project::aktau();
    project.replace(
        "cases/kanaliyev-2021.yaml",
        "    article: \"293\"\n    part: 2\n",
        "    article: \"293\"\n    part: 2\n    items: [{ en: a, ru: а, kk: \"1\" }, { en: b, ru: б, kk: \"2\" }, { en: d, ru: д, kk: \"4\" }]\n",
    );
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--kind", "appeal"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = |file: &str| pdf_text(&project.out(&format!("kanaliyev-2021/{file}")));
    assert!(text("fact-sheet.en.pdf").contains("Article 293 Part 2(a), (b) and (d)"), "{}", text("fact-sheet.en.pdf"));
    assert!(text("fact-sheet.ru.pdf").contains("пп. «а», «б», «д» ч. 2 ст. 293"), "{}", text("fact-sheet.ru.pdf"));
    assert!(text("appeal.ru.pdf").contains("пп. «а», «б», «д» ч. 2 ст. 293"), "{}", text("appeal.ru.pdf"));
    assert!(
        text("fact-sheet.kk.pdf").contains("293-бабының 2-бөлігінің 1), 2), 4) тармақтары"),
        "{}",
        text("fact-sheet.kk.pdf")
    );

    project.replace(
        "cases/kanaliyev-2021.yaml",
        "    items: [{ en: a, ru: а, kk: \"1\" }, { en: b, ru: б, kk: \"2\" }, { en: d, ru: д, kk: \"4\" }]\n",
        "    item: { en: \"a, b, d\", ru: \"а, б, д\" }\n",
    );
    let run = project.amicus(&["check"]);
    assert_ne!(run.code(), 0);
    assert_holds(
        &run.stderr(),
        &[
            "kanaliyev-2021.yaml:",
            "`item` names one item of the part, and this one holds a comma",
            "charges[1].item",
            "items: [а, б, д]",
        ],
        "check",
    );
}

/// Belarus and Kazakhstan punish protest under their codes of administrative offences, often
/// beside a criminal case: a decision under either is cited by its code and is no conviction.
#[test]
fn belarus_and_kazakhstan_have_their_codes_of_administrative_offences() {
    let project = Project::templates_only();
    for (id, place) in [("by", "{ en: Minsk, ru: Минск }"), ("kz", "{ en: Aktau, ru: Актау }")] {
        let case = ADMINISTRATIVE_RUSSIA
            .replace("id: testova-2024", &format!("id: testova-{id}"))
            .replace("jurisdiction: ru", &format!("jurisdiction: {id}"))
            .replace("place: { en: Pskov, ru: Псков }", &format!("place: {place}"))
            .replace("currency: RUB", if id == "by" { "currency: BYN" } else { "currency: KZT" });
        project.write(&format!("cases/testova-{id}.yaml"), &case);
    }
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--date", "2024-03-20"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    for (id, code) in [("by", "ч. 1 ст. 20.3.3 КоАП РБ"), ("kz", "ч. 1 ст. 20.3.3 КоАП РК")] {
        let ru = pdf_text(&project.out(&format!("testova-{id}/fact-sheet.ru.pdf")));
        assert!(ru.contains(code) && ru.contains("Привлечена к административной ответственности"), "{id}: {ru}");
    }
}
