//! The documents lawyers and advocates file: each PDF read back for its required sections and
//! facts, letters per recipient from CSV and XML, unknown facts shown as markers, required
//! facts enforced, and `check --kind` reports.

mod common;

use std::sync::OnceLock;

use common::{Project, assert_holds, page_count, pdf_text};

fn recipients(name: &str) -> String {
    format!("{}/tests/fixtures/recipients/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The example project built with every kind and the three-recipient CSV, once, and what the
/// build printed.
fn built_with_output() -> &'static (Project, String) {
    static BUILT: OnceLock<(Project, String)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let project = Project::aktau();
        let run = project.amicus(&["build", "--recipients", &recipients("three.csv")]);
        assert_eq!(run.code(), 0, "build failed:\n{}\n{}", run.stdout(), run.stderr());
        let output = run.stderr();
        (project, output)
    })
}

fn built() -> &'static Project {
    &built_with_output().0
}

fn text(document: &str) -> String {
    pdf_text(&built().out(document))
}

/// Asserts that `parts` appear in `text` in this order.
fn assert_in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        let at = text[from..].find(part).unwrap_or_else(|| panic!("`{part}` missing or out of order in:\n{text}"));
        from += at + part.len();
    }
}

#[test]
fn russian_appeal_has_every_required_part() {
    // Read across the page break: the running lines between two pages are not the filing's text.
    let text = text("kanaliyev-2021/appeal.ru.pdf")
        .replace("Страница 1 из 2 ЧЕРНОВИК: не отправлять, пока не заполнены пропуски ", "");
    assert_in_order(
        &text,
        &[
            "Суд апелляционной инстанции: Судебная коллегия по уголовным делам Мангистауского областного суда",
            // The filer's own facts the file lacks are lines to fill in, and the draft says so.
            // Who files, with the blanks the jurisdiction file names for a lawyer's standing, and
            // in whose defence.
            "Через суд первой инстанции: От: защитник (коллегия адвокатов , лицензия № , ордер № ); адрес и телефон: В защиту осуждённого:",
            // The client's date of birth the defence knows and the sources do not give.
            "Абзал Каналиев, дата рождения: АПЕЛЛЯЦИОННАЯ ЖАЛОБА",
            "на приговор суда первой инстанции от 21 декабря 2021 года по уголовному делу №",
            "осуждён по ч. 2 ст. 405 УК РК («участие в деятельности экстремистской организации») и ч. 2 ст. 293 УК РК («хулиганство»)",
            "Назначено наказание: ограничение свободы сроком 1 год; запрет на общественно-политическую деятельность и использование социальных сетей сроком 2 года 6 месяцев",
            "Приговор не вступил в законную силу",
            "Осуждённому вменялись в вину следующие действия:",
            // The evidence as the court file has it: the sources' view of it is the NGO's, argued
            // in the grounds, not stated as what the evidence is.
            "заявление Сагындыка Жарылгапа о том, что Абзал Каналиев избил его костылём (в обоснование обвинения по ч. 2 ст. 293 УК РК («хулиганство»))",
            "1. Вменяемые действия являются мирным осуществлением свободы выражения мнений",
            "(См. пункты 1, 2, 3 и 4 перечня действий.)",
            "3. Обвинение в хулиганстве основано на ложном доносе",
            "(См. пункт 5 перечня действий; пункт 1 перечня доказательств.)",
            // The statutory grounds the arguments make out, from the jurisdiction file, each once.
            "Изложенные доводы свидетельствуют о наличии следующих оснований для отмены или изменения приговора: неправильное применение уголовного закона (доводы 1 и 2); несоответствие выводов суда фактическим обстоятельствам дела (довод 3); несправедливость приговора (довод 4).",
            "ПРОШУ",
            "Отменить приговор суда первой инстанции от 21 декабря 2021 года",
            // An acquittal names the charges it is asked on, in the one request with the quashing.
            "и вынести оправдательный приговор по ч. 2 ст. 405 УК РК («участие в деятельности экстремистской организации») и ч. 2 ст. 293 УК РК («хулиганство»).",
            // What to grant should the court not acquit; lifting the one ban only then, since an
            // acquittal leaves none to lift.
            "Если суд апелляционной инстанции не найдёт оснований для удовлетворения этого требования, прошу: 1. Изменить приговор: смягчить назначенное наказание. 2. Изменить приговор: исключить назначенное дополнительное наказание в виде запрета.",
            // The hearing is asked for apart, after what is asked of the verdict: one request,
            // a sentence and not a list of one.
            "Прошу также: Рассмотреть жалобу с участием осуждённого и защитника.",
            "Приложения",
            "Копия приговора",
            // The copies the law has filed with every complaint, from the jurisdiction file.
            "3. Копии апелляционной жалобы по числу участников процесса.",
            "Дата:",
            // A line for the name the signature is under.
            "Защитник , подпись:",
        ],
    );
    for said_by_the_ngo in ["по данным источников", "ложным доносом", "Приговор вынесен за"]
    {
        assert!(!text.contains(said_by_the_ngo), "`{said_by_the_ngo}` in the filing:\n{text}");
    }
    assert_eq!(text.matches("неправильное применение уголовного закона").count(), 1, "{text}");
    assert!(text.starts_with("ЧЕРНОВИК"), "the lawyer and the court are not in the file: a draft\n{text}");
    // Names as a court writes them, the case's texts (in the report's capitals) included.
    for shouted in ["КАНАЛИЕВ", "ЖАРЫЛГАП", "НАЗАРБАЕВ"] {
        assert!(!text.contains(shouted), "`{shouted}` in capitals:\n{text}");
    }
    assert!(text.contains("Заполните пропуски: имя защитника, сведения о полномочиях защитника, суд первой инстанции, номер уголовного дела и дата рождения осуждённого."), "{text}");
    // Nothing addressed to the lawyer is filed with the court: the deadline, and that nobody
    // has verified it, are in what `build` prints.
    for note in ["Срок подачи", "срок не проверен", "amicus"] {
        assert!(!text.contains(note), "the filing holds `{note}`:\n{text}");
    }
    let output = &built_with_output().1;
    assert!(
        output.contains("kanaliyev-2021 appeal: file by 2022-01-05, 15 days from the verdict")
            && output.contains("not verified: check the deadline against the law in force"),
        "{output}"
    );
    assert!(
        output.contains("kanaliyev-2021 appeal: built as a DRAFT, with lines to fill in for `confidential.lawyer.name`, `confidential.lawyer.credentials`, `verdict.court`, `verdict.case_number`"),
        "{output}"
    );
    let ismakova = text_of_ismakova_ru();
    assert_holds(
        &ismakova,
        &[
            "В защиту осуждённой: Айжан Исмакова",
            "Заполните пропуски: имя защитника, сведения о полномочиях защитника, суд первой инстанции, номер уголовного дела и дата рождения осуждённой.",
            "осуждена по ч. 2 ст. 405 УК РК",
            // Her one ban, lifted should the verdict stand: asked in a sentence of its own.
            "не найдёт оснований для удовлетворения этого требования, прошу: Изменить приговор: исключить назначенное дополнительное наказание в виде запрета.",
        ],
        "Ismakova's appeal",
    );
    assert!(!ismakova.contains("запреты"), "{ismakova}");
    assert!(output.contains("ismakova-2021 appeal: file by 2022-01-04"), "{output}");
}

fn text_of_ismakova_ru() -> String {
    text("ismakova-2021/appeal.ru.pdf")
}

#[test]
fn english_appeal_mirrors_the_russian_one() {
    let text = text("kanaliyev-2021/appeal.en.pdf");
    assert_in_order(
        &text,
        &[
            "English translation for partners",
            "Appellate court: Judicial Board for Criminal Cases of the Mangystau Regional Court",
            "Through the court of first instance: From: Defence counsel (bar association , licence No. , warrant No. ); address and telephone: On behalf of the convicted person: Abzal Kanaliyev",
            "APPELLATE COMPLAINT",
            "was convicted under Article 405 Part 2",
            "The verdict has not entered into force",
            "The convicted person was charged with the following acts:",
            "The arguments above make out these grounds for setting the verdict aside or changing it: misapplication of the criminal law (arguments 1 and 2)",
            "On these grounds",
            "I REQUEST THE COURT TO",
            "Quash the verdict of the court of first instance of 21 December 2021",
            "Should the appellate court find no grounds to grant this request, I request it to: 1. Change the verdict by reducing the sentence. 2. Change the verdict by removing the additional penalty of a ban.",
            "Attachments",
        ],
    );
    assert!(!text.contains("Deadline") && !text.contains("not verified"), "{text}");
}

#[test]
fn wgad_communication_follows_the_model_questionnaire() {
    let text = text("kanaliyev-2021/wgad.en.pdf");
    assert_in_order(
        &text,
        &[
            "1. Identity of the person concerned",
            // Each row its own part of the name, in every script the file gives.
            "Family name KANALIYEV (Kazakh: Қаналиев; Russian: Каналиев)",
            // One spelling in two languages is said once.
            "First names Abzal (Kazakh and Russian: Абзал)",
            "Nationality [not known to the submitter]",
            "2. Arrest",
            "Date of arrest [not known to the submitter]",
            "Place of arrest [not known to the submitter]",
            "3. Detention or restriction of liberty",
            "Sentenced on 21 December 2021",
            "Opinion No. 2/2022",
            "4. Why the deprivation of liberty is arbitrary",
            "Category II",
            "articles 7, 13, 14, 18, 19, 20 and 21 of the Universal Declaration",
            "Provisions the submitter relies on: UDHR arts. 19 and 20; ICCPR arts. 19, 21, 22 and 25",
            "The acts prosecuted are the peaceful exercise of freedom of expression",
            "5. Domestic remedies",
            "[not known to the submitter]",
            "6. What the submitter asks of the Working Group",
            "To render an opinion that the deprivation of liberty of Abzal KANALIYEV is arbitrary, falling within category II",
            "7. Submitter",
            "keep their identity confidential",
        ],
    );
    // Under "What others have said", with nothing from governments or NGOs, no lead-in says the
    // heading again.
    assert!(text.contains("What others have said") && !text.contains("What international bodies have said."), "{text}");
    // Two facts from one source share one footnote: two identical notes read as a copying error.
    assert_eq!(text.matches("Source: Politically motivated convictions in the period").count(), 1, "{text}");
}

#[test]
fn special_procedures_submission_has_the_minimum_content() {
    let text = text("ismakova-2021/special-procedures.en.pdf");
    assert_in_order(
        &text,
        &[
            "Communication requested Allegation letter",
            "Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression",
            "Special Rapporteur on the rights to freedom of peaceful assembly and of association",
            "Special Rapporteur on the situation of human rights defenders",
            "1. Alleged victim",
            "Aizhan ISMAKOVA (Kazakh: Айжан Исмақова; Russian: Айжан Исмакова)",
            "2. Alleged perpetrators",
            "The court in Aktau that delivered the verdict",
            "3. Submitter (confidential)",
            "4. Date, place and circumstances",
            "Date of the verdict 20 December 2021",
            "5. The facts",
            "participating in peaceful rallies",
            "6. Steps taken domestically",
            "7. Request",
            "send an allegation letter to the Government of Kazakhstan",
        ],
    );
}

#[test]
fn ep_brief_proposes_wording_within_the_cap_on_two_pages() {
    let pdf = built().out("kanaliyev-2021/ep-brief.en.pdf");
    assert!(page_count(&pdf) <= 2);
    let text = pdf_text(&pdf);
    assert_in_order(
        &text,
        &[
            "BRIEFING FOR THE EUROPEAN PARLIAMENT’S SUBCOMMITTEE ON HUMAN RIGHTS (DROI)",
            "Kazakhstan: the case of Abzal Kanaliyev",
            "Why the case is political",
            "What Parliament has already said",
            "P9_TA(2021)0056, adopted by 598 votes to 43 with 52 abstentions",
            "What we ask of Members",
            "urgency resolution",
            "Suggested wording for an urgency resolution",
            "words; urgency texts are capped at about 500",
            // Parliament's own texts are cited as resolutions cite them, before the recitals.
            "having regard to its resolution of 11 February 2021 on the human rights situation in Kazakhstan,",
            "whereas on 21 December 2021",
            "Calls on the Kazakhstani authorities to quash the conviction of Abzal Kanaliyev",
        ],
    );
    // Made the day after the verdict, while the sentence runs: an urgency.
    assert!(text.contains("(DROI) · PROPOSED URGENCY · 22 December 2021"), "{text}");
    // The wording says what the person was prosecuted for in the case's summary, names nobody
    // but the defendant, and writes names as resolutions do.
    let wording = &text[text.find("Suggested wording").unwrap()..];
    assert!(wording.contains("whereas Abzal Kanaliyev was prosecuted for reposts and messages"), "{wording}");
    // The facts are recitals (A., B.), before what Parliament does (1., 2.).
    assert!(
        wording.contains("A. whereas on 21 December 2021 a court in Aktau sentenced civil activist Abzal Kanaliyev"),
        "{wording}"
    );
    assert!(wording.contains("1. Calls on the Kazakhstani authorities to quash the conviction of Abzal Kanaliyev and to lift all restrictions imposed on him;"), "{wording}");
    for absent in ["Zharylgap", "ZHARYLGAP", "Ablyazov", "ABLYAZOV", "KANALIYEV"] {
        assert!(!wording.contains(absent), "the wording holds `{absent}`:\n{wording}");
    }
    let count: usize = text.split(" words; urgency").next().unwrap().rsplit(' ').next().unwrap().parse().unwrap();
    assert!((100..=500).contains(&count), "word count {count}");
}

#[test]
fn one_letter_per_recipient_per_case_addressed_by_name() {
    for case in ["ismakova-2021", "kanaliyev-2021"] {
        let dir = built().out(&format!("{case}/mep-letter"));
        let mut letters: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".pdf"))
            .collect();
        letters.sort();
        assert_eq!(letters, ["hannah-testmann.en.pdf", "jan-voorbeeld.en.pdf", "marta-ejemplo.en.pdf"], "{case}");
    }
    let hannah = text("kanaliyev-2021/mep-letter/hannah-testmann.en.pdf");
    assert_holds(
        &hannah,
        &[
            // The sender's letterhead, the Member's office address in Brussels, place and date.
            "Example Rights Network Rue de l’Exemple 1 · 1000 Brussels · Belgium",
            "advocacy@example.org",
            "Dr Hannah Testmann Member of the European Parliament European Parliament Rue Wiertz 60 1047 Brussels Belgium",
            "Brussels,",
            "Re: the case of Abzal Kanaliyev, sentenced in Kazakhstan on 21 December 2021",
            "Dear Dr Testmann,",
            "In its resolution of 11 February 2021 on the human rights situation in Kazakhstan (P9_TA(2021)0056",
            "I turn to you as a member of the Subcommittee on Human Rights.",
            "ask for it to be put on the agenda of the Subcommittee on Human Rights (DROI)",
            "ask your political group to propose, and vote for, an urgency resolution",
            "Yours sincerely, Maria Example Advocacy Officer Example Rights Network",
        ],
        "the letter to Hannah Testmann",
    );
    // Her country is not part of a Brussels address.
    assert!(!hannah.contains("Germany"), "{hannah}");
    let jan = text("ismakova-2021/mep-letter/jan-voorbeeld.en.pdf");
    assert_holds(
        &jan,
        &[
            // No title known: no name in the salutation, rather than "Dear Jan Voorbeeld".
            "Dear Member of the European Parliament,",
            "Aizhan Ismakova",
            "restrictions on her lifted",
            // Not in DROI: the committee ask goes through their group's members, and plenary.
            "ask your group’s members of the Subcommittee on Human Rights (DROI) to put it on the Subcommittee’s agenda",
        ],
        "the letter to Jan",
    );
    assert!(!jan.contains("as a member of the Subcommittee"), "Jan is not in DROI");
    let marta = text("ismakova-2021/mep-letter/marta-ejemplo.en.pdf");
    assert!(marta.contains("Dear Ms Ejemplo,"), "{marta}");
}

/// A document is a draft exactly when a fact its sender or filer supplies is missing: it says
/// so on every page, leaves lines to fill in rather than "not known", and `build --final`
/// refuses it. With the facts given, neither mark nor refusal.
#[test]
fn a_document_is_a_draft_exactly_when_a_filers_fact_is_missing() {
    let project = Project::aktau();
    std::fs::remove_dir_all(project.path().join("cases/_shared/senders")).unwrap();
    let wgad = |project: &Project, extra: &[&str]| {
        let mut args = vec!["build", "cases/kanaliyev-2021.yaml", "--kind", "wgad", "--force"];
        args.extend(extra);
        project.amicus(&args)
    };
    let run = wgad(&project, &[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("kanaliyev-2021 wgad: built as a DRAFT"), "{}", run.stderr());
    let text = pdf_text(&project.out("kanaliyev-2021/wgad.en.pdf"));
    assert_eq!(text.matches("DRAFT: not to be sent").count(), page_count(&project.out("kanaliyev-2021/wgad.en.pdf")));
    assert_eq!(
        text.matches("CONFIDENTIAL: the submitter’s identity is not to be disclosed").count(),
        text.matches("DRAFT: not to be sent").count()
    );
    assert!(
        text.contains("Fill in the lines left blank for the submitter’s name and the submitter’s e-mail"),
        "{text}"
    );
    let from = text.find("Submitter Name").expect("the submitter's section");
    let submitter = &text[from..from + text[from..].find("The submitter asks").unwrap()];
    // Lines to fill in for what the form needs, not "not known"; nothing for what a submitter
    // may not have (a capacity, an organisation, an address), which `--final` would not ask for.
    assert_eq!(submitter, "Submitter Name Email ", "lines to fill in, not \"not known\"");

    // Not forced: the draft built just now is not taken for the final document asked for.
    let refused = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "wgad", "--final"]);
    assert_eq!(refused.code(), 1, "{}", refused.stdout());
    assert!(refused.stderr().contains("not built with --final, it is a draft"), "{}", refused.stderr());

    // The submitter given in the case: a final communication, with no mark.
    let case = project.path().join("cases/kanaliyev-2021.yaml");
    let text = std::fs::read_to_string(&case).unwrap().replace(
        "  # The submitter to UN bodies is the sender (cases/_shared/senders/default.yaml).\n",
        "  submitter: { name: { given: Sam, family: Filer }, email: sam@example.org }\n",
    );
    std::fs::write(&case, text).unwrap();
    let run = wgad(&project, &["--final"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = pdf_text(&project.out("kanaliyev-2021/wgad.en.pdf"));
    assert!(!text.contains("DRAFT") && text.contains("Sam Filer") && text.contains("sam@example.org"), "{text}");
    let from = text.find("Submitter Name").expect("the submitter's section");
    assert!(text[from..].starts_with("Submitter Name Sam Filer Email sam@example.org"), "{text}");
}

#[test]
fn letters_from_the_parliaments_xml_list() {
    let project = Project::aktau();
    let run = project.amicus(&[
        "build",
        "cases/kanaliyev-2021.yaml",
        "--kind",
        "mep-letter",
        "--recipients",
        &recipients("meps.xml"),
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = pdf_text(&project.out("kanaliyev-2021/mep-letter/anna-testowa-przyklad.en.pdf"));
    assert_holds(
        &text,
        &[
            "Anna Testowa-Przykład Member of the European Parliament",
            // The list gives no title: the salutation names nobody rather than guess one.
            "Dear Member of the European Parliament,",
        ],
        "the letter from the XML list",
    );
    assert!(project.out("kanaliyev-2021/mep-letter/pierre-exemple.en.pdf").is_file());
}

/// The Parliament's list gives no committees, titles or e-mail addresses: a CSV keyed by member
/// id adds them, so a member of the Subcommittee on Human Rights gets its ask and her title;
/// a member the file says nothing of keeps the other asks, and the build says who that is.
#[test]
fn a_file_keyed_by_member_id_adds_committees_and_titles_to_the_xml_list() {
    let project = Project::aktau();
    let build = |extra: &[&str]| {
        let xml = recipients("meps.xml");
        let mut args = vec!["build", "cases/kanaliyev-2021.yaml", "--kind", "mep-letter", "--recipients", &xml];
        args.extend_from_slice(extra);
        project.amicus(&args)
    };
    let run = build(&[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("no recipient has committees"), "{}", run.stderr());

    let join = recipients("meps-committees.csv");
    let run = build(&["--join", &join]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let warnings = run.stderr();
    assert!(!warnings.contains("no recipient has committees"), "{warnings}");
    assert!(warnings.contains("1 of 2 recipients have no line in the joined file (900002)"), "{warnings}");
    assert!(warnings.contains("1 line of the joined file matches no recipient by `id`"), "{warnings}");
    let anna = pdf_text(&project.out("kanaliyev-2021/mep-letter/anna-testowa-przyklad.en.pdf"));
    assert_holds(
        &anna,
        &["Dear Ms Testowa-Przykład,", "ask for it to be put on the agenda of the Subcommittee on Human Rights (DROI)"],
        "the letter to a member of the Subcommittee",
    );
    let pierre = pdf_text(&project.out("kanaliyev-2021/mep-letter/pierre-exemple.en.pdf"));
    assert_holds(
        &pierre,
        &[
            "Dear Member of the European Parliament,",
            "ask your group’s members of the Subcommittee on Human Rights (DROI)",
        ],
        "the letter to a member outside it",
    );
    // An id on two lines is named; the last line is used.
    project.write("twice.csv", "id,committees\n900001,AFET\n900001,DROI\n900002,AFET\n");
    let run = build(&["--join", "twice.csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("ids on more than one line of the joined file: 900001"), "{}", run.stderr());
    // A joined file without its key column is an error that says what the header needs.
    project.write("no-id.csv", "committees\nDROI\n");
    let run = build(&["--join", "no-id.csv"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("no-id.csv:1:1") && run.stderr().contains("has no `id` column"), "{}", run.stderr());
}

#[test]
fn malformed_recipient_files_are_located() {
    let project = Project::aktau();
    let run = project.amicus(&["build", "--kind", "mep-letter", "--recipients", &recipients("broken.csv")]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("broken.csv:3:1"), "{}", run.stderr());
    let run = project.amicus(&["build", "--kind", "mep-letter", "--recipients", &recipients("nameless.xml")]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("nameless.xml:5:3"), "{}", run.stderr());
    assert!(run.stderr().contains("has no `fullName`"), "{}", run.stderr());
    assert!(!project.out("kanaliyev-2021/mep-letter").exists());
}

/// A CSV is reported whole: every bad line at once, and the columns letters do not use (or
/// that appear twice) named as warnings rather than silently ignored.
#[test]
fn every_bad_csv_line_is_reported_at_once() {
    let project = Project::aktau();
    project.write(
        "meps.csv",
        "name,title,notes,email,email\nHannah Testmann,Dr,x,a@b.eu,c@d.eu\n,Ms,y,e@f.eu,\nJan,Dr,z\nOk Person,Dr,w,g@h.eu,i@j.eu\n",
    );
    // A line saved in Latin-1 (Excel's default CSV) among them.
    let mut bytes = std::fs::read(project.path().join("meps.csv")).unwrap();
    bytes.extend(b"Jan M\xfcller,Dr,v,k@l.eu,\n");
    std::fs::write(project.path().join("meps.csv"), bytes).unwrap();
    let run =
        project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "mep-letter", "--recipients", "meps.csv"]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    for expected in [
        "unknown column `notes`: it is left out",
        "the column `email` appears twice: the first one is used",
        "meps.csv:3:1",
        "this recipient has no name",
        "meps.csv:4:1",
        "this CSV line has 3 fields where the header names 5",
        "meps.csv:6:1",
        "this CSV line is not UTF-8 text",
        "Jan M\u{fffd}ller",
    ] {
        assert!(stderr.contains(expected), "`{expected}` missing:\n{stderr}");
    }
    assert!(!project.out("ismakova-2021/mep-letter").exists(), "letters were built from a broken list");
}

#[test]
fn letters_without_recipients_are_skipped_with_a_note() {
    let project = Project::aktau();
    let run = project.amicus(&["build", "--kind", "mep-letter"]);
    assert_eq!(run.code(), 0);
    assert!(run.stderr().contains("mep-letter: needs `--recipients FILE`"), "{}", run.stderr());
}

#[test]
fn a_kind_missing_required_facts_is_refused_and_the_rest_built() {
    let project = Project::aktau();
    project.cut_block("cases/ismakova-2021.yaml", "appeal");
    let run = project.amicus(&["build", "--kind", "appeal", "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("appeal cannot be built for `ismakova-2021`: required facts missing: `appeal.requests`"),
        "{}",
        run.stderr()
    );
    assert!(!project.out("ismakova-2021/appeal.ru.pdf").exists());
    assert!(project.out("ismakova-2021/fact-sheet.en.pdf").is_file());
    assert!(project.out("kanaliyev-2021/appeal.ru.pdf").is_file());
}

#[test]
fn check_kind_reports_missing_and_unknown_facts() {
    let project = Project::aktau();
    // Judged in the week after the verdicts, when the appeals are still open.
    let run = project.amicus(&["check", "--kind", "wgad", "--kind", "appeal", "--date", "2021-12-22"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    insta::assert_snapshot!("check_kind_wgad_appeal", run.stdout());
}

#[test]
fn an_overlong_urgency_wording_is_an_error_naming_the_count() {
    let project = Project::aktau();
    let path = project.path().join("cases/ismakova-2021.yaml");
    let long = "peaceful words ".repeat(300);
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "  en: \"participating in peaceful rallies and criticising the authorities\"",
        &format!("  en: {long}"),
    );
    std::fs::write(&path, text).unwrap();
    let run = project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "ep-brief"]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    assert!(stderr.contains("the suggested resolution wording has"), "{stderr}");
    assert!(stderr.contains("urgency texts are capped at 500"), "{stderr}");
    assert!(stderr.contains("templates/ep-brief/en.typ.j2:"), "{stderr}");
}

/// Building everything, a kind a case is not ready for is skipped with one note per case and
/// kind (not per language), and the run succeeds; asked for by name, the kind fails the run.
#[test]
fn a_kind_a_case_is_not_ready_for_is_a_note_unless_asked_for() {
    let project = Project::aktau();
    project.cut_block("cases/ismakova-2021.yaml", "appeal");
    let run = project.amicus(&["build"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let note = "note: appeal cannot be built for `ismakova-2021`: required facts missing: `appeal.requests`; skipped";
    assert_eq!(run.stderr().matches(note).count(), 1, "{}", run.stderr());
    assert!(project.out("ismakova-2021/fact-sheet.en.pdf").is_file());
    let run = project.amicus(&["build", "--kind", "appeal"]);
    assert_eq!(run.code(), 1);
    assert!(project.out("kanaliyev-2021/appeal.ru.pdf").is_file(), "the ready case was not built");
}

/// An argument's ground must be one the jurisdiction file lists: a misspelt key is an error
/// that names the field and the nearest ground.
#[test]
fn an_argument_names_a_ground_the_jurisdiction_lists() {
    let project = Project::examples();
    let file = project.path().join("cases/kanaliyev-2021.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    project.write("cases/kanaliyev-2021.yaml", &original.replacen("ground: facts", "ground: fact", 1));
    let run = project.amicus(&["check", "cases/kanaliyev-2021.yaml"]);
    assert_eq!(run.code(), 1, "{}", run.stdout());
    let errors = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        errors.contains("`fact` is not a ground the jurisdiction file lists under `appeal.grounds`")
            && errors.contains("arguments[2].ground")
            && errors.contains("did you mean `facts`?"),
        "{errors}"
    );
    // A hearing in person is asked for apart: not as a fallback, and not alone.
    let plan = "  requests: [quash, acquit, lift_bans, hear_in_person]\n  # Should the court not acquit: a drafting choice of the example, not from the report.\n  alternatives: [mitigate]";
    assert!(original.contains(plan), "the example's appeal plan changed");
    project.write(
        "cases/kanaliyev-2021.yaml",
        &original.replacen(plan, "  requests: [hear_in_person]\n  alternatives: [hear_in_person]", 1),
    );
    let run = project.amicus(&["check", "cases/kanaliyev-2021.yaml"]);
    assert_eq!(run.code(), 1);
    let errors = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        errors.contains("the appeal asks nothing of the verdict, only to be heard in person")
            && errors.contains("a hearing in person is not a fallback for the verdict")
            && errors.contains("appeal.alternatives[0]"),
        "{errors}"
    );
}

/// An argument the data files under two WGAD categories is set out under the first and
/// referred to under the second, not printed twice word for word.
#[test]
fn an_argument_under_two_categories_is_set_out_once() {
    let project = Project::aktau();
    let one = "    acts: [1, 2, 3, 4]\n    provisions: [UDHR art. 19, ICCPR art. 19]\n    ground: misapplied_law\n    wgad_categories: [II]\n";
    project.replace("cases/kanaliyev-2021.yaml", one, &one.replace("[II]", "[II, V]"));
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "wgad"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = pdf_text(&project.out("kanaliyev-2021/wgad.en.pdf"));
    let title = "The acts prosecuted are the peaceful exercise of freedom of expression.";
    assert_eq!(text.matches(title).count(), 2, "{text}");
    assert_holds(
        &text,
        &["Category V", &format!("{title} As set out under category II above.")],
        "the WGAD communication",
    );
    assert_eq!(text.matches("Expressing opinions and sharing information is protected").count(), 1, "{text}");
}
