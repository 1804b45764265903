//! The shipped example cases (the Aktau report) built end to end and read back.

mod common;

use std::sync::OnceLock;

use common::{Project, assert_holds, fold, page_count, pdf_text};

/// The example project, built once for all tests in this file, and what the build printed.
fn built_with_output() -> &'static (Project, String) {
    static BUILT: OnceLock<(Project, String)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let project = Project::examples();
        let run = project.amicus(&["build"]);
        assert_eq!(run.code(), 0, "build failed:\n{}\n{}", run.stdout(), run.stderr());
        let output = run.stderr();
        (project, output)
    })
}

fn built() -> &'static Project {
    &built_with_output().0
}

const DOCUMENTS: [&str; 6] = [
    "ismakova-2021/fact-sheet.en.pdf",
    "ismakova-2021/fact-sheet.ru.pdf",
    "kanaliyev-2021/fact-sheet.en.pdf",
    "kanaliyev-2021/fact-sheet.ru.pdf",
    "digests/aktau-2021-12.en.pdf",
    "digests/aktau-2021-12.ru.pdf",
];

#[test]
fn build_writes_every_document_with_its_typst_source() {
    let project = built();
    for document in DOCUMENTS {
        let pdf = project.out(document);
        assert!(pdf.is_file(), "{document} was not built");
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"), "{document} is not a PDF");
        assert!(pdf.with_extension("typ").is_file(), "{document} has no .typ beside it");
    }
}

/// Documents are sent and filed as they come out: none of them mentions the tool that made it,
/// and none wears the masthead of a body it is sent to, as if that body had written it.
#[test]
fn no_document_mentions_the_tool_or_wears_a_recipients_masthead() {
    let project = built();
    let pdfs: Vec<_> =
        common::walk(&project.out("")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect();
    assert!(pdfs.len() > 50, "the examples build every kind: {}", pdfs.len());
    for pdf in pdfs {
        let text = pdf_text(&pdf).to_lowercase();
        assert!(!text.contains("amicus"), "{} mentions the tool:\n{text}", pdf.display());
        for masthead in ["united nations ·", "european parliament ·"] {
            assert!(!text.starts_with(masthead), "{} opens as the recipient's own paper:\n{text}", pdf.display());
        }
    }
}

/// Read page by page, every example document is set as its readers expect: no line ends in a
/// word that introduces what follows (a one-letter Russian preposition or conjunction,
/// "Article", "Part", «ст.», «ч.», «УК», "No."), no citation is split ("Article 293 / Part 2",
/// «ч. 3 / ст. 278»), every page of a document of several says which
/// page of how many it is, every page of a UN submission says its submitter is confidential,
/// and a document is marked DRAFT on every page exactly when `build` noted it as a draft (the
/// examples' sender gives every fact a sender supplies; only the Special Procedures
/// submissions lack one, the consent of the person, which no source gives).
#[test]
fn every_page_is_set_as_its_readers_expect() {
    const DANGLING: [&str; 21] = [
        "в", "к", "о", "с", "у", "и", "а", "я", "В", "К", "О", "С", "У", "И", "А", "Article", "Part", "ст.", "ч.",
        "УК", "No.",
    ];
    let (project, output) = built_with_output();
    let drafts: Vec<&str> = output
        .lines()
        .filter_map(|l| l.strip_prefix("note: ")?.split(": built as a DRAFT").next().filter(|_| l.contains("DRAFT")))
        .collect();
    let pdfs: Vec<_> =
        common::walk(&project.out("")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect();
    for pdf in &pdfs {
        let mut before = String::new();
        for line in common::pdf_lines(pdf) {
            let last = line.split_whitespace().last().unwrap_or_default();
            assert!(!DANGLING.contains(&last), "{}: a line ends in `{last}`:\n{line}", pdf.display());
            // Nor is a citation split after its first number ("Article 293 / Part 2", «ч. 3 /
            // ст. 278»); «ст. 340» starting a line after other words is a citation whole.
            let mut words = line.split_whitespace();
            let (first, number) = (words.next().unwrap_or_default(), words.next().unwrap_or_default());
            let ended: Vec<&str> = before.split_whitespace().rev().take(2).collect();
            let after_number = ended.first().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                && ended.get(1).is_some_and(|w| ["Article", "ч.", "п."].contains(w));
            let split =
                ["Part", "ст."].contains(&first) && number.starts_with(|c: char| c.is_ascii_digit()) && after_number;
            assert!(!split, "{}: a citation is split before `{first} {number}`:\n{before}\n{line}", pdf.display());
            before = line;
        }
        let text = pdf_text(pdf);
        let pages = page_count(pdf);
        let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
        if pages > 1 {
            // No last page of a few lines: the running lines (page number, CONFIDENTIAL,
            // DRAFT) aside, it holds more than a closing paragraph and the sources.
            let last = common::pdf_page_lines(pdf).pop().unwrap_or_default();
            let running = ["Page ", "Страница ", "CONFIDENTIAL", "DRAFT", "ЧЕРНОВИК"];
            let body =
                last.iter().filter(|l| !running.iter().any(|r| l.starts_with(r)) && !l.ends_with(" бет")).count();
            assert!(body >= 12, "{}: the last page holds {body} lines:\n{}", pdf.display(), last.join("\n"));
            for page in 1..=pages {
                let numbered = [
                    format!("Page {page} of {pages}"),
                    format!("Страница {page} из {pages}"),
                    format!("{page} / {pages} бет"),
                ];
                assert!(
                    numbered.iter().any(|n| text.contains(n.as_str())),
                    "{}: no page {page} of {pages}",
                    pdf.display()
                );
            }
        }
        if name.starts_with("wgad.") || name.starts_with("special-procedures.") {
            let marked = text.matches("CONFIDENTIAL: the submitter’s identity is not to be disclosed").count();
            assert_eq!(marked, pages, "{}: a CONFIDENTIAL line on every page", pdf.display());
        }
        // `viasna-2023/bialiatski/wgad.en.pdf` is `viasna-2023/bialiatski wgad` in the notes.
        let folder = pdf.parent().unwrap().strip_prefix(project.out("")).unwrap().to_string_lossy().into_owned();
        let kind = name.split('.').next().unwrap();
        let noted = drafts.contains(&format!("{folder} {kind}").as_str());
        let marked = text.matches("DRAFT: not to be sent").count() + text.matches("ЧЕРНОВИК: не отправлять").count();
        assert_eq!(marked, if noted { pages } else { 0 }, "{}: noted as a draft: {noted}\n{text}", pdf.display());
    }
    let special: Vec<&&str> = drafts.iter().filter(|d| d.ends_with(" special-procedures")).collect();
    assert!(!special.is_empty() && drafts.len() == special.len(), "only the consent is missing: {drafts:?}");
}

#[test]
fn fact_sheets_fit_one_page() {
    for document in DOCUMENTS.iter().filter(|d| d.contains("fact-sheet")) {
        assert_eq!(page_count(&built().out(document)), 1, "{document}");
    }
}

/// A fact sheet fills its page, whatever the record: a thin one is set larger, a long one
/// smaller, so the small print at the foot follows the action box closely. Mamadalieva's sheet
/// (her charges not known, three entries in her timeline) ended 150 pt above its sources when
/// sheets only shrank.
#[test]
fn every_fact_sheet_fills_its_page() {
    let project = built();
    let sheets: Vec<_> = common::walk(&project.out(""))
        .into_iter()
        .filter(|p| {
            p.file_name().unwrap().to_string_lossy().starts_with("fact-sheet.") && p.extension().unwrap() == "pdf"
        })
        .collect();
    assert!(sheets.len() >= 20, "every example case has sheets: {}", sheets.len());
    for pdf in sheets {
        let words = common::pdf_words(&pdf);
        let sources = words
            .iter()
            .position(|w| ["Sources:", "Источники:", "Дереккөздер:"].contains(&w.text.as_str()))
            .unwrap_or_else(|| panic!("{}: no sources line", pdf.display()));
        let above = words[..sources].iter().map(|w| w.top).fold(0.0, f64::max);
        let gap = words[sources].top - above;
        assert!(gap < 60.0, "{}: {gap:.0} pt of white between the page's last line and its sources", pdf.display());
    }
}

/// Every fact of the source report, as the digest must state it.
#[test]
fn digest_holds_every_fact_of_the_report() {
    let text = pdf_text(&built().out("digests/aktau-2021-12.en.pdf"));
    assert_holds(
        &text,
        &[
            // Title from the selection: period and place.
            "Politically motivated convictions in the period 20–21 December 2021 in Aktau",
            // Ismakova.
            "On 20 December 2021, civil activist Aizhan ISMAKOVA was illegally sentenced in a politically motivated criminal case",
            "1 year of restriction of liberty",
            "a ban of 2 years and 6 months on social and political activity,",
            "Article 405 Part 2 (“participation in an extremist organisation”)",
            "participating in peaceful rallies",
            "criticising the authorities",
            // Kanaliyev.
            "On 21 December 2021, civil activist Abzal KANALIYEV was illegally sentenced",
            "a ban of 2 years and 6 months on social and political activities and the use of social media",
            "Article 293 Part 2 (“hooliganism”)",
            "distributing materials of the opposition movements “Koshe Partiyasy” and “DCK” by reposting on Facebook",
            "liking and reposting on Facebook the publication of activist Daryn KHASSENOV about the rally in Aktau",
            "the publication of opposition politician Mukhtar ABLYAZOV “about the peaceful change of NAZARBAYEV’s regime”",
            "the dissemination on Telegram of information about peaceful protests organised by the opposition “Koshe Partiyasy” and “DCK” movements",
            "calls for participation in peaceful protests",
            // The report's finding about the complainant, said to be the sources'.
            "the complaint of Sagyndyk ZHARYLGAP that Abzal KANALIYEV beat him with a crutch, which the sources call a false denunciation, made in a provocation that Sagyndyk ZHARYLGAP staged against Abzal KANALIYEV",
            "Abzal KANALIYEV is a civil activist from Aktau who participates in rallies and challenges, criticises the Kazakhstani authorities, demands the release of political prisoners and calls for personal sanctions against human rights violators in Kazakhstan",
            // Context.
            "resolution of 11 February 2021 on the human rights situation in Kazakhstan",
            "called on the Kazakhstani authorities to stop all politically motivated prosecutions and release all political prisoners immediately and unconditionally",
            "condemned the Kazakhstani authorities’ abuse of anti-extremism legislation to persecute supporters of the peaceful opposition movements “DCK”",
            "“Koshe Partiyasy”",
            // Footnotes with the report's marks.
            "* DCK (Democratic Choice of Kazakhstan opposition movement)",
            "** Koshe Partiyasy opposition movement",
        ],
        "the digest",
    );
    // Cases in verdict order.
    assert!(text.find("ISMAKOVA").unwrap() < text.find("Abzal KANALIYEV").unwrap());
}

#[test]
fn russian_digest_holds_the_report_in_russian() {
    let text = pdf_text(&built().out("digests/aktau-2021-12.ru.pdf"));
    assert_holds(
        &text,
        &[
            "Политически мотивированные приговоры в городе Актау 20–21 декабря 2021 года",
            "20 декабря 2021 года гражданская активистка Айжан ИСМАКОВА была незаконно осуждена",
            "21 декабря 2021 года гражданский активист Абзал КАНАЛИЕВ был незаконно осуждён",
            "ограничение свободы сроком 1 год",
            "запрет на общественно-политическую деятельность и использование социальных сетей сроком 2 года 6 месяцев",
            "заявление Сагындыка ЖАРЫЛГАПА о том, что Абзал КАНАЛИЕВ избил его костылём, которое источники называют ложным доносом",
            "В резолюции от 11 февраля 2021 года о ситуации с правами человека в Казахстане",
            "* ДВК (оппозиционное движение «Демократический выбор Казахстана»)",
        ],
        "the Russian digest",
    );
}

#[test]
fn english_fact_sheet_holds_the_key_facts() {
    let text = pdf_text(&built().out("kanaliyev-2021/fact-sheet.en.pdf"));
    assert_holds(
        &text,
        &[
            "Abzal KANALIYEV",
            "Абзал Каналиев",
            // Built today: the one-year restriction of liberty of 2021 has run out.
            "CONVICTED",
            "Key facts",
            "Court Not known",
            "Arrest Not known",
            "Verdict 21 December 2021",
            // The story named him with his role: his background follows without naming it again.
            "He is from Aktau; he participates in rallies",
            "1 year of restriction of liberty and a ban of 2 years and 6 months on social and political activities and the use of social media",
            "What happened",
            "What he is prosecuted for",
            "Evidence: the complaint of Sagyndyk ZHARYLGAP that Abzal KANALIYEV beat him with a crutch, which the sources call a false denunciation",
            "Allegedly beating Sagyndyk ZHARYLGAP with a crutch, as he himself claimed",
            // Why, in the issuer's words: the titles of the case's arguments.
            "Why it is politically motivated",
            "The acts prosecuted are the peaceful exercise of freedom of expression.",
            "The bans punish political participation itself.",
            "What international bodies said",
            "P9_TA(2021)0056, adopted by 598 votes to 43 with 52 abstentions",
            "What you can do",
            "Sources: Politically motivated convictions in the period 20-21 December 2021 in Aktau (NGO report)",
        ],
        "the English fact sheet",
    );
}

#[test]
fn russian_fact_sheet_is_in_russian_and_cyrillic() {
    let text = pdf_text(&built().out("kanaliyev-2021/fact-sheet.ru.pdf"));
    assert_holds(
        &text,
        &[
            "Абзал КАНАЛИЕВ",
            "Abzal Kanaliyev",
            "21 декабря 2021 года",
            "ч. 2 ст. 405 УК РК («участие в деятельности экстремистской организации»)",
            "ч. 2 ст. 293 УК РК («хулиганство»)",
            "Ограничение свободы сроком 1 год",
            "запрет на общественно-политическую деятельность и использование социальных сетей сроком 2 года 6 месяцев",
            "Суд Нет сведений",
            "За что его преследуют",
            "Доказательство обвинения: заявление Сагындыка ЖАРЫЛГАПА о том, что Абзал КАНАЛИЕВ избил его костылём, которое источники называют ложным доносом",
            "Почему это политическое преследование",
            "Запреты наказывают само политическое участие.",
            "«ДВК» и «Көше партиясы»",
        ],
        "the Russian fact sheet",
    );
    let kazakh = pdf_text(&built().out("kanaliyev-2021/fact-sheet.kk.pdf"));
    assert_holds(
        &kazakh,
        &["Бұл неге саяси қудалау?", "Бейбіт оппозициялық қозғалыстарды қолдау экстремизм емес."],
        "the Kazakh fact sheet",
    );
    assert!(!text.contains("Kazakhstan"), "English text leaked into the Russian sheet:\n{text}");
    let ismakova = pdf_text(&built().out("ismakova-2021/fact-sheet.ru.pdf"));
    assert_holds(
        &ismakova,
        &["Айжан ИСМАКОВА", "была незаконно осуждена", "За что её преследуют"],
        "Ismakova's Russian sheet",
    );
}

#[test]
fn builds_are_byte_identical_and_idents_unique() {
    let project = built();
    let again = project.path().join("again");
    let run = project.amicus(&["build", "--out", again.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let mut ids = Vec::new();
    for document in DOCUMENTS {
        let first = std::fs::read(project.out(document)).unwrap();
        let second = std::fs::read(again.join(document)).unwrap();
        assert!(first == second, "{document} differs between two builds");
        let text = String::from_utf8_lossy(&first);
        // The trailer's `/ID[...]` comes last; `/IDTree` elsewhere is something else.
        let id = text.rsplit_once("/ID[").map(|(_, s)| s.chars().take(60).collect::<String>());
        ids.push(id.unwrap_or_else(|| panic!("{document} has no /ID")));
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "two documents share a PDF id: {ids:#?}");
}

#[test]
fn only_the_requested_kind_and_language_are_built() {
    let project = Project::examples();
    let run = project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "fact-sheet", "--lang", "ru"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(project.out("ismakova-2021/fact-sheet.ru.pdf").is_file());
    assert!(!project.out("ismakova-2021/fact-sheet.en.pdf").exists());
    assert!(!project.out("kanaliyev-2021").exists());
    assert!(!project.out("digests").exists());
}

/// A person held without a conviction in effect (hers was quashed, and she awaits a retrial in
/// custody): the sheet asks for her release, not only for the prosecution to end.
#[test]
fn a_sheet_asks_to_release_a_person_held_awaiting_retrial() {
    for (lang, ask) in [
        ("en", "I urge you to release Makhabat TAZHIBEK KYZY, drop the charges against her"),
        ("ru", "Прошу вас освободить её"),
    ] {
        let text = pdf_text(&built().out(&format!("temirov-live-2024/tazhibek-kyzy/fact-sheet.{lang}.pdf")));
        assert!(text.contains(ask), "{lang}: {text}");
    }
    // The message says she is held, and that the Working Group found her detention arbitrary.
    let text = pdf_text(&built().out("temirov-live-2024/tazhibek-kyzy/fact-sheet.en.pdf"));
    assert!(
        text.contains(
            "She is in custody, although the UN Working Group on Arbitrary Detention found her detention arbitrary."
        ),
        "{text}"
    );
}

/// A fact sheet is a campaign action: issued on a date under a reference, it names whom to
/// write to, with the address and the salutation from the jurisdiction file, and gives a model
/// message that opens with that salutation and asks what the sheet asks, in its own language.
#[test]
fn a_fact_sheet_says_whom_to_write_to_and_gives_a_model_message() {
    // Built with no date, a sheet is issued today.
    let today = chrono::Local::now().date_naive();
    let issued = format!("Issued {} ·", today.format("%-d %B %Y"));
    const GENITIVE: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    use chrono::Datelike;
    let issued_ru = format!("· {} {} {} года ·", today.day(), GENITIVE[today.month0() as usize], today.year());
    for (lang, facts) in [
        (
            "en",
            &[
                issued.as_str(),
                "Ref. kanaliyev-2021",
                "President of the Republic of Kazakhstan, Government House, Mangilik Yel st. 6, 010000 Astana, Kazakhstan. Salutation: Your Excellency",
                "Model message",
                "Your Excellency, I am writing to you about Abzal KANALIYEV, a civil activist from Aktau.",
                "He was prosecuted for reposts and messages in support of the peaceful opposition movements",
                // The restriction (1 year) and the ban (2 years 6 months), both from the verdict,
                // ran out by June 2024: nothing is left to lift, the conviction to quash.
                "I urge you to ensure that the verdict is quashed, that Abzal KANALIYEV is rehabilitated and that the prosecution of people for the peaceful exercise of their rights ends.",
                "Yours sincerely,",
            ][..],
        ),
        (
            "ru",
            &[
                issued_ru.as_str(),
                "№ kanaliyev-2021",
                "Президент Республики Казахстан, Дом Правительства, ул. Мәңгілік Ел, 6, 010000 Астана, Казахстан. Обращение: Уважаемый господин Президент!",
                "Уважаемый господин Президент! Пишу Вам о том, что гражданский активист Абзал КАНАЛИЕВ (Актау) осуждён 21 декабря 2021 года",
                "Его преследовали за репосты и сообщения",
                "Прошу Вас добиться отмены приговора, его реабилитации и прекращения преследования людей за мирное осуществление своих прав.",
                "С уважением,",
            ][..],
        ),
        (
            "kk",
            &[
                "№ kanaliyev-2021",
                "Қазақстан Республикасының Президенті",
                "Құрметті Президент мырза!",
                "Сізден үкімнің күшін жоюды",
                "Құрметпен,",
            ][..],
        ),
    ] {
        let text = pdf_text(&built().out(&format!("kanaliyev-2021/fact-sheet.{lang}.pdf")));
        assert_holds(&text, facts, &format!("Kanaliyev's {lang} sheet"));
    }
    // The officials of the jurisdiction file, with their addresses; the message opens with the
    // first one's salutation.
    let russia = pdf_text(&built().out("prokopyeva-2020/fact-sheet.en.pdf"));
    assert_holds(
        &russia,
        &[
            "President of the Russian Federation, 23 Ilyinka Street, 103132 Moscow, Russian Federation. Salutation: Dear President",
            "Prosecutor General of the Russian Federation, 15a Bolshaya Dmitrovka Street, GSP-3, 125993 Moscow, Russian Federation.",
            "Dear President, I am writing to you about Svetlana PROKOPYEVA",
        ],
        "Prokopyeva's sheet",
    );
    // Without addressees in the jurisdiction file, the sheet names the authorities in the
    // form its sentence needs, and the message opens without a name.
    let kyrgyzstan = pdf_text(&built().out("askarov-2010/askarov/fact-sheet.en.pdf"));
    assert_holds(&kyrgyzstan, &["Write to the authorities of Kyrgyzstan", "Dear Sir or Madam,"], "Askarov's sheet");
    // A Kyrgyz case is not written up in Kazakh, the language of another country's courts.
    assert!(built().out("askarov-2010/askarov/fact-sheet.ru.pdf").is_file());
    assert!(!built().out("askarov-2010/askarov/fact-sheet.kk.pdf").exists(), "a Kazakh sheet for a Kyrgyz case");
    let belarus = pdf_text(&built().out("viasna-2023/bialiatski/fact-sheet.ru.pdf"));
    assert_holds(
        &belarus,
        &[
            "Генеральный прокурор Республики Беларусь, ул. Интернациональная, 22, 220030 Минск, Беларусь.",
            "Уважаемый господин Генеральный прокурор!",
            // Tried with others, pardoned and released: the message says so and asks to clear him.
            "Его и других подсудимых преследовали за правозащитную деятельность",
            // Freed only to be expelled: every mention of the release says where to.
            "Он помилован, освобождён и выслан в Литву 13 декабря 2025 года.",
            "Положение Освобождён и выслан в Литву 13 декабря 2025 года",
            "Прошу Вас добиться отмены приговора, его реабилитации",
            // The pardon in the timeline: who pardoned, said once, by name: the Parliament the
            // sheet cites does not recognise his election.
            "13 декабря 2025 года: Помилование (Александр Лукашенко), освобождение и высылка в Литву",
        ],
        "Bialiatski's sheet",
    );
    let pardoned = pdf_text(&built().out("viasna-2023/bialiatski/fact-sheet.en.pdf"));
    assert_holds(
        &pardoned,
        &[
            "He was pardoned, released and expelled to Lithuania on 13 December 2025.",
            // The pardon and the release it brought, one entry of the timeline.
            "13 December 2025: Pardoned by Aliaksandr Lukashenka, released and expelled",
        ],
        "Bialiatski's sheet",
    );
    assert_eq!(pardoned.matches("13 December 2025:").count(), 1, "{pardoned}");
    let brief = pdf_text(&built().out("viasna-2023/ep-brief.en.pdf"));
    assert_holds(
        &brief,
        &[
            "Labkovich under Articles 228(4) and 342(2)",
            "whereas Ales Bialiatski was pardoned and expelled to Lithuania on 13 December 2025, Valiantsin \
             Stefanovich was released on 19 March 2026 and Uladzimir Labkovich was pardoned and expelled to Ukraine \
             on 13 December 2025;",
            "Released and expelled to Ukraine on 13 December 2025.",
        ],
        "the Viasna brief",
    );
    assert!(!pardoned.contains("Pardon, "), "{pardoned}");
    let askarov = pdf_text(&built().out("askarov-2010/askarov/fact-sheet.en.pdf"));
    assert_holds(
        &askarov,
        &[
            "He died in custody on 25 July 2020.",
            // An event named by its kind keeps what the file says of it, while the page holds it.
            "25 July 2020: Death in custody: He died in the hospital of penal colony No. 47",
            "I urge you to order an independent investigation into the death of Azimjan ASKAROV and ensure that the conviction is quashed posthumously.",
        ],
        "Askarov's sheet",
    );
}

/// A campaign of the case's own comes first: its reference, the date to act by while it is
/// ahead, and its addressees before the jurisdiction's.
/// A sheet made while the sentence runs asks to lift what runs, named as it is; one made after
/// asks for none of it.
#[test]
fn a_sheet_asks_to_lift_only_restrictions_still_running_on_its_date() {
    let project = Project::examples();
    let ask = |date: &str| {
        let out = format!("out-{date}");
        let run = project.amicus(&[
            "build",
            "cases/kanaliyev-2021.yaml",
            "--kind",
            "fact-sheet",
            "--lang",
            "en",
            "--date",
            date,
            "--out",
            &out,
        ]);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        let text = pdf_text(&project.path().join(&out).join("kanaliyev-2021/fact-sheet.en.pdf"));
        let from = text.find("I urge you").expect("the ask");
        text[from..from + text[from..].find('.').unwrap()].to_owned()
    };
    // Both run from the verdict: the restriction until 21 December 2022, the ban until 21 June 2024.
    assert!(ask("2022-06-01").contains("that the restrictions and bans are lifted"));
    // The ban alone.
    assert!(ask("2024-01-10").contains("that the ban is lifted"));
    let served = ask("2025-07-01");
    assert!(!served.contains("lifted") && served.contains("that Abzal KANALIYEV is rehabilitated"), "{served}");
}

#[test]
fn a_case_campaign_sets_the_reference_the_date_to_act_by_and_the_first_addressee() {
    let project = Project::examples();
    let file = project.path().join("cases/kanaliyev-2021.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    let campaign = |act_by: &str| {
        format!(
            "{original}\ncampaign:\n  reference: UA 7/21\n  act_by: {act_by}\n  addressees:\n    - office: {{ en: Governor of Colony No. 1, ru: Начальник колонии № 1, kk: No. 1 колония бастығы }}\n      address: [{{ en: 1 Example Street, ru: \"ул. Примерная, 1\", kk: \"Үлгі к-сі, 1\" }}]\n      salutation: {{ en: Dear Governor, ru: Уважаемый начальник колонии, kk: Құрметті бастық }}\n      verified: true\n"
        )
    };
    project.write("cases/kanaliyev-2021.yaml", &campaign("2022-01-10"));
    let build = ["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "en", "--date", "2022-01-01"];
    let run = project.amicus(&build);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf"));
    assert_holds(
        &text,
        &[
            "Issued 1 January 2022 · Ref. UA 7/21",
            "Please act by 10 January 2022",
            "Write to these officials",
            "Governor of Colony No. 1, 1 Example Street. Salutation: Dear Governor • President of the Republic of Kazakhstan",
            "Dear Governor, I am writing to you",
        ],
        "the sheet of a case with its own campaign",
    );
    // The date passed before the sheet's date: the sheet asks without one.
    project.write("cases/kanaliyev-2021.yaml", &campaign("2021-12-01"));
    let run = project.amicus(&build);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf"));
    assert!(text.contains("What you can do") && !text.contains("act by"), "{text}");
    // `check` lists the jurisdiction's addressee as not yet verified.
    let run = project.amicus(&["check", "--kind", "fact-sheet", "cases/kanaliyev-2021.yaml"]);
    assert!(!run.stderr().contains("neither an address nor an e-mail"), "{}", run.stderr());
    assert!(
        run.stdout().contains("not yet verified against the law in force or a current source: campaign.addressees"),
        "{}",
        run.stdout()
    );
    // An official with neither an address nor an e-mail cannot be written to: a warning.
    project.write(
        "cases/kanaliyev-2021.yaml",
        &format!("{original}\ncampaign:\n  addressees:\n    - {{ office: Governor, salutation: Dear Governor, verified: true }}\n"),
    );
    let run = project.amicus(&["check", "cases/kanaliyev-2021.yaml"]);
    assert!(
        run.stderr().contains("this official has neither an address nor an e-mail")
            && run.stderr().contains("campaign.addressees[0].office"),
        "{}",
        run.stderr()
    );
}

/// Read as their recipients read them, documents about several defendants say whom each fact
/// concerns, and what a dead, an absent or an unnamed person is owed.
#[test]
fn documents_about_several_defendants_say_whom_each_fact_concerns() {
    let text = |document: &str| pdf_text(&built().out(document));
    let brief = text("temirov-live-2024/ep-brief.en.pdf");
    assert_holds(
        &brief,
        &[
            // Each person's articles and sentence, the date, court and code once; parts cited as
            // Parliament's texts cite them.
            "whereas on 10 October 2024 the Leninsky District Court of Bishkek, applying the Criminal Code of the \
             Kyrgyz Republic, sentenced Azamat Ishenbekov under Articles 41(2) and 278(3) to 5 years \
             of imprisonment; Aike Beishekeeva under Article 278(3) to 3 years of probation supervision; and",
            // An opinion about some of them says so: its finding is not the others'. More than
            // four are counted, not named again, in a text capped as a whole.
            "whereas the 11 defendants were prosecuted for the investigative reporting",
            "in its opinion No. 57/2024 concerning nine of the defendants, the UN Working Group",
            "in its opinion of 20 October 2025 concerning Makhabat Tazhibek kyzy, the UN Working Group",
            "PROPOSED URGENCY · ",
            // Acts that hold commas and "and" of their own are kept apart by semicolons.
            "read as containing calls to riots; and investigative reports by Temirov Live",
        ],
        "the Temirov Live brief",
    );
    // The suggested wording is a part of an urgency text capped at 500 words as a whole: the
    // UN's two opinions, not the third statement the brief lists above it, and no line of
    // the template's own ("Stresses that ...").
    let wording = brief.split("Suggested wording").nth(1).expect("the suggested wording");
    assert!(!wording.contains("OHCHR") && !wording.contains("Stresses"), "{wording}");
    let words: usize = wording
        .split(" words;")
        .next()
        .and_then(|head| head.split(' ').next_back())
        .and_then(|n| n.parse().ok())
        .expect("the word count");
    // 360 with the call on the authorities to say whether Ishenbekov, whose status the sources
    // leave open, is still held.
    assert!(words <= 360, "{words} words");
    // A court whose name holds a comma is closed by another.
    // Verdicts of other days in their order, each person's changed sentence said to be changed.
    let askarov = text("askarov-2010/ep-brief.en.pdf");
    assert_holds(
        &askarov,
        &[
            "whereas on 15 September 2010 the Bazar-Korgon District Court, sitting in Nooken, sentenced Minura Mamadalieva to 20 years of imprisonment, a sentence changed on supervisory review on 20 December 2011 to 11 years of imprisonment;",
        ],
        "Askarov's brief",
    );
    assert!(
        askarov.contains("; and on 24 January 2017 the Chui Regional Court sentenced Azimjan Askarov"),
        "{askarov}"
    );
    // The eight were tried in 2010; the retrial of 2017 tried him alone.
    assert!(!askarov.contains("in a trial of"), "{askarov}");
    // The wording ends with the paragraph every resolution ends with; a case closed asks no
    // monitoring.
    assert!(askarov.contains("Instructs its President to forward this resolution"), "{askarov}");
    assert!(!askarov.contains("to monitor the case"), "{askarov}");
    // Someone who has died: the Working Group's past tense, consent from those left.
    assert_holds(
        &text("askarov-2010/askarov/wgad.en.pdf"),
        &[
            "Why the deprivation of liberty was arbitrary",
            "The charges against Azimjan ASKAROV concern the following acts:",
            "To render an opinion that the deprivation of liberty of Azimjan ASKAROV was arbitrary",
            "investigation into the death of Azimjan ASKAROV, to quash the conviction posthumously and to accord his family full reparation",
            // Requalified under the new code with the sentence kept: changed, not upheld.
            "Final Changed on cassation, 2 December 2019, with the sentence kept",
        ],
        "Askarov's communication",
    );
    // Domestic steps in the order they were taken: the 2010 complaint before the appeal.
    let communication = text("askarov-2010/askarov/wgad.en.pdf");
    let complaint = communication.find("26 July 2010, Jalal-Abad City Court").expect("the complaint");
    assert!(
        complaint
            < communication.find("10 November 2010, appeal (Jalal-Abad Regional Court), brought").expect("the appeal"),
        "{communication}"
    );
    // Category II is argued on the rights it covers, not on the legality of the offence.
    let basis = text("temirov-live-2024/turdaliev/wgad.en.pdf");
    assert!(basis.contains("Provisions the submitter relies on: UDHR art. 19; ICCPR art. 19."), "{basis}");
    let sheet = text("askarov-2010/askarov/fact-sheet.en.pdf");
    assert!(
        sheet.contains("Verdict 24 January 2017; changed on cassation, 2 December 2019, with the sentence kept"),
        "{sheet}"
    );
    assert!(!sheet.contains("upheld on review"), "{sheet}");
    // His verdict in effect is the retrial's, in another court, where he was tried alone.
    let submission = text("askarov-2010/askarov/special-procedures.en.pdf");
    assert_holds(
        &submission,
        &[
            "Consent to this submission was given by",
            "(the family or the representative of the alleged victim, who has died)",
            // A death in custody after torture: the mandates on both, and on health.
            "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment; Special Rapporteur on extrajudicial, summary or arbitrary executions",
            "Place of the first trial Nooken, Kyrgyzstan",
            "Tried at first instance with Minura MAMADALIEVA",
        ],
        "Askarov's submission",
    );
    assert!(!submission.contains("Place of the proceedings"), "{submission}");
    // The court that acquitted a defendant is not among those the submission accuses.
    let acquitted = text("temirov-live-2024/orozbekov/special-procedures.en.pdf");
    let accused = &acquitted[acquitted.find("Alleged perpetrators").unwrap()..acquitted.find("Submitter").unwrap()];
    assert!(accused.contains("which ordered the pre-trial detention"), "{accused}");
    assert!(!accused.contains("Leninsky"), "{accused}");
    assert!(
        text("temirov-live-2024/kaparov/special-procedures.en.pdf")
            .contains("The Leninsky District Court of Bishkek, which delivered the verdict of 10 October 2024.")
    );
    let absent = text("viasna-2023/salauyou/special-procedures.en.pdf");
    assert_holds(
        &absent,
        &[
            "Not arrested: tried in absentia",
            "Signature",
            // `country`: the mandate the jurisdiction file names; never held, not the WGAD.
            "freedom of opinion and expression; Special Rapporteur on the situation of human rights in Belarus",
            "which convicted him in absentia",
        ],
        "Salauyou's submission",
    );
    assert!(
        !absent.contains("Working Group on Arbitrary Detention") && !absent.contains("arrested the defendants"),
        "{absent}"
    );
    assert!(!absent.contains("Date of arrest"), "{absent}");
    // An opinion known by its year only (57/2024): the year's decisions after the arrest are
    // told as possibly before or after it, not left out as if nothing had changed.
    let follow_up = text("temirov-live-2024/kaparov/wgad.en.pdf");
    assert_holds(
        &follow_up,
        &[
            "What happened in 2024, the year the opinion was adopted.",
            "18 December 2024: Appeal, Bishkek City Court: upheld the verdict.",
            "The submitter knows of no later change",
            "It called on the Government of Kyrgyzstan to release them immediately and unconditionally",
        ],
        "Kaparov's follow-up",
    );
    assert!(!follow_up.contains("16 January 2024: Arrested"), "the arrest the opinion considered:\n{follow_up}");
    // A release whose day the sources do not give is not "on [not known] (released after …)".
    assert!(follow_up.contains("Yes, released after the verdict of 10 October 2024, which gave him a probation sentence; the day is not known to the submitter"), "{follow_up}");
    // An annulled verdict is said with what it was, in every language.
    let brief = text("temirov-live-2024/ep-brief.en.pdf");
    assert_holds(
        &brief,
        &[
            "awaiting a new trial since 10 March 2026, when the verdict of 10 October 2024 (6 years of imprisonment) was annulled",
            // The resolution's recitals name the annulled conviction too.
            "whereas Makhabat Tazhibek kyzy, sentenced on 10 October 2024 to 6 years of imprisonment, has been awaiting a new trial since 10 March 2026, when that verdict was annulled;",
            // Eleven names are listed once, in the table; the prose refers to them.
            "All 11 defendants were prosecuted for the investigative reporting of Temirov Live and Ait Ait Dese",
            "Raise the trial of all 11 defendants with the Kyrgyz authorities",
            // No source says whether he is still held: not called free, nor held.
            "upheld on appeal on 18 December 2024 and on cassation on 25 February 2025. Present situation not known.",
            // Restrictions are lifted for those they bind, not for the one imprisoned.
            "and to lift the restrictions imposed on Aike Beishekeeva and Aktilek Kaparov;",
            // The annulled conviction's charges are to be dropped, not only its person freed.
            "Calls on the Kyrgyz authorities to drop the charges against Makhabat Tazhibek kyzy instead of trying her again;",
            // The names as the Working Group's opinion spells them.
            "Aktilek Kaparov (also written Maadanbek Kaparov)",
        ],
        "the Temirov Live brief",
    );
    assert!(text("temirov-live-2024/tazhibek-kyzy/fact-sheet.ru.pdf").contains(
        "Приговор от 10 октября 2024 года (наказание — лишение свободы сроком 6 лет) отменён 10 марта 2026 года"
    ));
    // Every higher court that let the verdict stand, in Russian as in English.
    assert!(
        text("prokopyeva-2020/fact-sheet.ru.pdf")
            .contains("оставлен без изменения 2 февраля 2021 года (апелляция) и 6 июля 2021 года (кассация)")
    );
    // Charges as the row above: «То же» (the column is «Обвинение»).
    assert!(text("viasna-2023/trial-sheet.ru.pdf").contains("То же"));
    // Everyone convicted is now free or abroad: not an urgency.
    assert!(!text("viasna-2023/ep-brief.en.pdf").contains("URGENCY"));
    // An event the sources do not date is told without a "not known" before it.
    let labkovich = text("viasna-2023/labkovich/wgad.en.pdf");
    assert!(labkovich.contains("In his first year in the colony"));
    // The law applied at arrest and the law the verdict applies, when they differ.
    assert!(labkovich.contains("As charged: Articles 243 Part 2 and 342 of the Criminal Code"), "{labkovich}");
    assert!(labkovich.contains(". As the verdict applies it: Articles 228 Part 4 and 342 Part 2"), "{labkovich}");
    // A verdict changed with its sentence kept says so.
    assert!(
        text("askarov-2010/askarov/special-procedures.en.pdf").contains("changed the verdict, keeping the sentence")
    );
    // Custody ordered before the verdict shows where the record dates no stay in a place.
    assert!(
        text("temirov-live-2024/kaparov/fact-sheet.en.pdf")
            .contains("17 January 2024: Remanded in custody (until 10 October 2024)")
    );
    assert!(
        text("temirov-live-2024/kaparov/fact-sheet.ru.pdf")
            .contains("17 января 2024 года: Заключение под стражу (до 10 октября 2024 года)")
    );
    // The one restriction still running is named as it is.
    assert!(text("temirov-live-2024/kaparov/fact-sheet.en.pdf").contains("that the probation supervision is lifted"));
    assert!(text("temirov-live-2024/kaparov/fact-sheet.ru.pdf").contains("снятия пробационного надзора"));
    // Awaiting a new trial, the person is charged, in the present.
    assert!(text("temirov-live-2024/tazhibek-kyzy/fact-sheet.ru.pdf").contains("ТАЖИБЕК КЫЗЫ обвиняется по"));
    assert!(text("temirov-live-2024/turdaliev/fact-sheet.en.pdf").contains("What they were prosecuted for"));
    let sheet = text("temirov-live-2024/trial-sheet.en.pdf");
    assert_holds(
        &sheet,
        &["TRIAL SHEET · Bishkek, Kyrgyzstan · ", "The Temirov Live case", "The prosecution had also asked"],
        "the trial sheet",
    );
    // Where a person stands says a death in custody as such, and a fact the file lacks is "not
    // known", not a dash that reads as "nothing".
    let askarov = text("askarov-2010/trial-sheet.en.pdf");
    assert!(askarov.contains("Died in custody"), "{askarov}");
    assert!(!askarov.contains("—"), "{askarov}");
    assert!(text("askarov-2010/trial-sheet.ru.pdf").contains("Скончался под стражей"));
    // A person released is not said to be released to serve the sentence.
    assert!(
        text("viasna-2023/bialiatski/special-procedures.en.pdf")
            .contains("Released and expelled to Lithuania on 13 December 2025; sentenced on 3 March 2023 to 10 years")
    );
    // Made today, the sentence served in 2024: not an urgency, a case for the next text.
    let served = text("kanaliyev-2021/ep-brief.en.pdf");
    assert!(!served.contains("URGENCY"), "{served}");
    assert_holds(
        &served,
        &["Take the case up in Parliament’s next resolution on Kazakhstan", "Suggested wording for a resolution"],
        "Kanaliyev's brief",
    );
    // Acts the summary already names are not listed again.
    let ismakova = text("ismakova-2021/ep-brief.en.pdf");
    assert!(!ismakova.contains("The charges concern"), "{ismakova}");
    assert!(brief.contains("The charges concern"), "{brief}");
    // The pronoun comes first, so it cannot be read as the verdict's.
    assert!(text("viasna-2023/bialiatski/fact-sheet.ru.pdf").contains("добиться отмены приговора, его реабилитации"));
}

/// A spelling of the name that a cited statement uses is said to be the person's, so that a
/// reader meeting "Aleksandr Bialiatski" in the opinion knows it is Ales Bialiatski; the UN kinds
/// list every other spelling with where it is used, for the registry to search under.
#[test]
fn other_spellings_of_a_name_are_said_to_be_the_persons() {
    let text = |file: &str| pdf_text(&built().out(&format!("viasna-2023/bialiatski/{file}")));
    assert!(text("fact-sheet.en.pdf").contains("named Aleksandr BIALIATSKI in WGAD Opinion No. 3/2024"));
    assert!(text("fact-sheet.ru.pdf").contains("в цитируемых документах: Aleksandr Bialiatski"));
    for un in ["wgad.en.pdf", "special-procedures.en.pdf"] {
        assert_holds(
            &text(un),
            &["Other names and spellings Aleksandr Bialiatski (WGAD Opinion No. 3/2024); Aleś Bialacki;"],
            un,
        );
    }
    // A spelling that is one of the file's own forms is not another spelling.
    let sheet = text("fact-sheet.en.pdf");
    assert!(!sheet.contains("also written Ales"), "{sheet}");
    let brief = pdf_text(&built().out("viasna-2023/ep-brief.en.pdf"));
    assert!(brief.contains("Ales Bialiatski (also written Aleksandr Bialiatski)"), "{brief}");
    // The Working Group, which has given its opinion, is not sent a new communication.
    let submission = text("special-procedures.en.pdf");
    assert_holds(
        &submission,
        &[
            "The Working Group on Arbitrary Detention, which has given its opinion on the person (No. 3/2024), is informed under its follow-up procedure",
        ],
        "the submission",
    );
    // A case closed: nothing to monitor, and no cap of urgency texts under its wording.
    assert!(!brief.contains("to monitor the case") && !brief.contains("urgency texts are capped"), "{brief}");
}

/// A place of custody the sources name by its kind is not named by its kind a second time.
#[test]
fn a_place_named_by_its_kind_is_not_preceded_by_it_again() {
    let sheet = pdf_text(&built().out("viasna-2023/bialiatski/fact-sheet.ru.pdf"));
    assert!(sheet.contains("Исправительная колония № 9, Горки"), "{sheet}");
    assert!(!sheet.contains("колония — исправительная"), "{sheet}");
}

/// A role of several words is set apart from the name in English running text, where before the
/// name it ran into it ("coordinator of the party's youth wing Abzal KANALIYEV").
#[test]
fn a_long_role_is_set_apart_from_the_name() {
    let project = Project::aktau();
    project.replace(
        "cases/kanaliyev-2021.yaml",
        "  role:\n    en: civil activist\n",
        "  role:\n    en: coordinator of the party's youth wing\n",
    );
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf"));
    assert!(
        en.contains(
            "On 21 December 2021, Abzal KANALIYEV, a coordinator of the party’s youth wing, was illegally sentenced"
        ),
        "{en}"
    );
}

/// Mamadalieva, tried with Askarov and six others, whose charges the sources do not give: her
/// sheet is built, says so in plain words, counts those the sources do not name, and lists
/// first the one source on her own sentence rather than hiding it among "1 more source".
#[test]
fn a_co_defendant_the_sources_say_little_of_gets_a_plain_sheet() {
    let sheet = fold(&pdf_text(&built().out("askarov-2010/mamadalieva/fact-sheet.en.pdf")));
    assert_holds(
        &sheet,
        &[
            "Charges Not known",
            "was sentenced under articles not known.",
            "Tried with Azimjan ASKAROV and six others",
            "Sources: Kyrgyz Supreme Court Upholds Rights Activist’s Life Sentence",
        ],
        "Mamadalieva's sheet",
    );
    let ru = fold(&pdf_text(&built().out("askarov-2010/mamadalieva/fact-sheet.ru.pdf")));
    assert_holds(&ru, &["Другие подсудимые Азимжан АСКАРОВ и ещё 6 подсудимых"], "her Russian sheet");
}

/// What was said of one of those tried is not printed on another's sheet as if of them: the
/// Parliament's resolution on "the cases of Andrzej Poczobut and Ales Bialiatski" names
/// Bialiatski (its `concerns`), and the Working Group's opinion No. 57/2024 nine of the eleven
/// Temirov Live defendants, not Zhumabek Turdaliev. A statement on the whole case stays on every sheet.
#[test]
fn a_statement_on_one_defendant_is_not_on_anothers_sheet() {
    let project = built();
    let sheet = |path: &str| pdf_text(&project.out(path));
    assert!(sheet("viasna-2023/bialiatski/fact-sheet.en.pdf").contains("Andrzej Poczobut"));
    let stefanovich = sheet("viasna-2023/stefanovich/fact-sheet.en.pdf");
    assert!(!stefanovich.contains("Andrzej Poczobut"), "{stefanovich}");
    assert!(sheet("temirov-live-2024/kaparov/fact-sheet.en.pdf").contains("opinion No. 57/2024"));
    let turdaliev = sheet("temirov-live-2024/turdaliev/fact-sheet.en.pdf");
    assert!(!turdaliev.contains("57/2024"), "{turdaliev}");
    assert!(turdaliev.contains("the arrests of all eleven were arbitrary"), "{turdaliev}");
}
