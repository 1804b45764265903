//! Who said what: statements typed by their author are attributed to it in every document and
//! put in the right place (only the Parliament's own texts are what "Parliament has already
//! said"; other bodies' are noted, NGOs' are reported apart); a Working Group opinion that
//! covers a person turns the WGAD document into a follow-up on it; `concerns` are checked.

mod common;

use common::{Project, assert_holds, pdf_text};

/// One synthetic statement per kind of author, each by a body whose name appears nowhere
/// else, about the Aktau case of Kanaliyev. Some find, some call on, one only was issued.
const STATEMENTS: &[(&str, &str)] = &[
    (
        "t-wgad",
        "author: wgad\nbody: Testing Working Group\nbody_gender: feminine\nkind: opinion\ntitle: Opinion No. 99/2022\nreference: No. 99/2022\ndate: 2022-05-04\n\
         concerns: [{ case: kanaliyev-2021, name: Abzal Kanaliyev }]\n\
         findings: { text: { en: that the detention was arbitrary, ru: что содержание под стражей произвольно }, categories: [II, V], government_replied: false }\n\
         calls_on: { addressee: the Government, demands: [release him] }\n",
    ),
    (
        "t-sp",
        "author: special_procedures\nbody: Testing Rapporteurs\nkind: urgent_appeal\ntitle: An urgent appeal\ndate: 2022-01-10\n\
         calls_on: { addressee: the Government, demands: [explain the charges] }\n",
    ),
    (
        "t-osce",
        "author: osce\nbody: { en: Testing Representative, ru: Тестовый представитель }\nkind: press_release\ntitle: A press release\nsubject: the verdict\ndate: 2021-12-22\n",
    ),
    (
        "t-hrc",
        "author: treaty_body\nbody: Testing Committee\nkind: views\ntitle: Views\nreference: CCPR/C/T/1\ndate: 2022-03-01\n\
         findings: { text: violations of Article 19 }\n",
    ),
    ("t-ohchr", "author: un_office\nbody: Testing Office\nkind: statement\ntitle: A comment\ndate: 2022-02-01\n"),
    (
        "t-coe",
        "author: council_of_europe\nbody: Testing Commissioner\nkind: letter\ntitle: A letter\ndate: 2022-02-02\n",
    ),
    (
        "t-eu",
        "author: european_union\nbody: Testing Spokesperson\nkind: statement\ntitle: A statement\ndate: 2022-02-03\n",
    ),
    (
        "t-ngo",
        "author: ngo\nbody: Testing Watch\nbody_without_the: true\nkind: statement\ntitle: A statement\ndate: 2021-12-21\n\
         findings: { text: that the trial was unfair }\n",
    ),
    (
        "t-gov",
        "author: government\nbody: Testing Ministry\nkind: statement\ntitle: A statement\ndate: 2021-12-23\n\
         calls_on: { addressee: Kazakhstan, demands: [free him] }\n",
    ),
];

/// The Aktau project with Kanaliyev's documents dated 1 December 2022, after every statement
/// the tests here write: a document leaves out what was said after its date.
fn aktau_a_year_on() -> Project {
    let project = Project::aktau();
    project.replace(
        "cases/kanaliyev-2021.yaml",
        "statements: [ep-2021-02-11]\n",
        "statements: [ep-2021-02-11]\ndocument_date: 2022-12-01\n",
    );
    project
}

/// That project with the statements above listed in Kanaliyev's case after Parliament's.
fn project() -> Project {
    let project = aktau_a_year_on();
    for (id, text) in STATEMENTS {
        project.write(&format!("cases/_shared/statements/{id}.yaml"), text);
    }
    let ids: Vec<&str> = STATEMENTS.iter().map(|(id, _)| *id).collect();
    let listed = format!("statements: [ep-2021-02-11, {}]", ids.join(", "));
    project.replace("cases/kanaliyev-2021.yaml", "statements: [ep-2021-02-11]", &listed);
    project
}

/// The text between two headings (or to the end).
fn section<'a>(text: &'a str, heading: &str, next: &str) -> &'a str {
    let start = text.find(heading).unwrap_or_else(|| panic!("no `{heading}` in\n{text}"));
    let rest = &text[start..];
    &rest[..rest.find(next).unwrap_or(rest.len())]
}

#[test]
fn the_ep_brief_puts_each_statement_under_its_author_and_recalls_only_parliaments_own() {
    let project = project();
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "ep-brief"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = pdf_text(&project.out("kanaliyev-2021/ep-brief.en.pdf"));
    let parliament =
        section(&text, "What Parliament has already said", "What other EU institutions and international bodies");
    assert_holds(
        parliament,
        &["In its resolution of 11 February 2021", "the European Parliament"],
        "Parliament's section",
    );
    for body in ["Testing Working Group", "Testing Watch", "Testing Ministry", "Testing Rapporteurs"] {
        assert!(!parliament.contains(body), "{body} is under what Parliament said:\n{parliament}");
    }
    let international =
        section(&text, "What other EU institutions and international bodies have said", "What governments and");
    assert_holds(
        international,
        &[
            "In its opinion No. 99/2022 of 4 May 2022, the Testing Working Group found that the detention was arbitrary (categories II and V), and called on the Government to release him.",
            "In an urgent appeal of 10 January 2022, the Testing Rapporteurs called on the Government to explain the charges.",
            // A statement that neither finds, calls on nor condemns still has a verb.
            "On 22 December 2021, the Testing Representative issued a press release on the verdict.",
            "In its Views of 1 March 2022 (CCPR/C/T/1), the Testing Committee found violations of Article 19.",
            "On 1 February 2022, the Testing Office issued a statement.",
            "On 2 February 2022, the Testing Commissioner sent a letter.",
            "On 3 February 2022, the Testing Spokesperson issued a statement.",
        ],
        "the international bodies' section",
    );
    let others = section(&text, "What governments and human rights organisations have said", "What we ask");
    assert_holds(
        others,
        &[
            // A proper name, said without "the".
            "In a statement of 21 December 2021, Testing Watch said that the trial was unfair.",
            "Testing Ministry",
        ],
        "the section of governments and NGOs",
    );
    let wording = section(&text, "Suggested wording", "Sources:");
    assert_holds(
        wording,
        &[
            "having regard to its resolution of 11 February 2021 on the human rights situation in Kazakhstan,",
            // The EU's own voice is cited beside Parliament's.
            "having regard to the statement of 3 February 2022 by the Testing Spokesperson,",
            "whereas in its opinion No. 99/2022 of 4 May 2022, the Testing Working Group found that the detention was arbitrary;",
            "whereas in its Views of 1 March 2022, the Testing Committee found violations of Article 19;",
        ],
        "the suggested wording",
    );
    // A recital says what a statement found, asked or condemned: one that did none of these is
    // told in the brief only.
    for body in ["Testing Representative", "Testing Office", "Testing Commissioner"] {
        assert!(!wording.contains(body), "a recital that says nothing of {body}:\n{wording}");
    }
    assert_eq!(wording.matches("having regard to").count(), 2, "only the EU's own texts are cited:\n{wording}");
    assert!(!wording.contains("Recalls"), "{wording}");
    for body in ["Testing Watch", "Testing Ministry"] {
        assert!(!wording.contains(body), "a resolution does not note {body}:\n{wording}");
    }
}

/// A body whose name opens with its own article takes no "the" without being told: "the a
/// group of human rights organisations called on …" was printed.
#[test]
fn a_body_named_with_its_own_article_takes_no_other() {
    let project = project();
    project.replace(
        "cases/_shared/statements/t-gov.yaml",
        "body: Testing Ministry",
        "body: a group of testing ministries",
    );
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "ep-brief"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = pdf_text(&project.out("kanaliyev-2021/ep-brief.en.pdf"));
    assert!(brief.contains("a group of testing ministries called on Kazakhstan to free him"), "{brief}");
    assert!(!brief.contains("the a group"), "{brief}");
}

/// An allegation letter is called so, not an urgent appeal: Crimean Solidarity's AL RUS 4/2020
/// was printed as "an urgent appeal", which misstates the UN's document.
#[test]
fn an_allegation_letter_is_called_so() {
    let project = project();
    project.replace("cases/_shared/statements/t-sp.yaml", "kind: urgent_appeal", "kind: allegation_letter");
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "ep-brief", "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = pdf_text(&project.out("kanaliyev-2021/ep-brief.en.pdf"));
    assert!(
        brief.contains("In an allegation letter of 10 January 2022, the Testing Rapporteurs called on the Government"),
        "{brief}"
    );
    assert!(!brief.contains("urgent appeal"), "{brief}");
    let ru = pdf_text(&project.out("kanaliyev-2021/fact-sheet.ru.pdf"));
    assert!(ru.contains("с утверждениями о нарушениях"), "{ru}");
    assert!(!ru.contains("незамедлительн"), "{ru}");

    // An AL entered as an urgent appeal is warned of, by its reference.
    project.replace(
        "cases/_shared/statements/t-sp.yaml",
        "kind: allegation_letter",
        "kind: urgent_appeal\nreference: AL KAZ 1/2022",
    );
    let run = project.amicus(&["check"]);
    assert_holds(
        &run.stderr(),
        &["the reference `AL KAZ 1/2022` numbers an allegation letter", "write `kind: allegation_letter`", "t-sp.yaml"],
        "check",
    );
}

#[test]
fn the_mep_letter_cites_parliament_first_and_attributes_every_other_statement() {
    let project = project();
    let recipients = common::fixture("recipients/three.csv").to_string_lossy().into_owned();
    let run =
        project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "mep-letter", "--recipients", &recipients]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let letter = common::walk(&project.out("kanaliyev-2021"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "pdf") && p.to_string_lossy().contains("mep-letter"))
        .expect("a letter was built");
    let text = pdf_text(&letter);
    let parliament = text.find("the European Parliament called on").expect("Parliament's resolution is cited");
    // A resolution written before the verdict is tied to the case by its date, not by a claim
    // that it "warned against" a trial it could not know of.
    let warned = text
        .find("The verdict, on 21 December 2021, came after Parliament’s resolution of 11 February 2021.")
        .expect("the letter ties the case to it by date");
    assert!(!text.contains("warned against"), "{text}");
    let opinion = text.find("the Testing Working Group found").expect("the opinion is cited as the Working Group's");
    assert!(parliament < warned && warned < opinion, "Parliament's own text comes first:\n{text}");
    assert_holds(
        &text,
        &[
            "2021, Testing Watch said that the trial was unfair",
            "the Testing Ministry called on Kazakhstan to free him",
            "the Testing Rapporteurs called on the Government to explain the charges",
            "the Testing Representative issued a press release on the verdict",
            "the Testing Committee found violations of Article 19",
            "the Testing Office issued a statement",
            "the Testing Commissioner sent a letter",
            "the Testing Spokesperson issued a statement",
        ],
        "the letter",
    );
}

#[test]
fn russian_documents_attribute_statements_with_agreeing_verbs() {
    let project = project();
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "ru"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = pdf_text(&project.out("kanaliyev-2021/fact-sheet.ru.pdf"));
    assert_holds(
        &text,
        &[
            "Что сказали международные органы",
            // The body is feminine: «установила», «призвала».
            "Testing Working Group установила, что содержание под стражей произвольно (категории II и V), и призвала",
            // A Russian name is masculine unless told otherwise; one in Latin letters is an
            // organisation's, feminine («Amnesty International призвала»).
            "Тестовый представитель опубликовал пресс-релиз",
            "Testing Watch заявила",
            "Другие заявления",
        ],
        "the Russian fact sheet",
    );
}

#[test]
fn a_wgad_opinion_on_the_person_makes_the_wgad_document_a_follow_up() {
    let project = Project::examples();
    let run = project.amicus(&["check", "cases/viasna-2023.yaml", "--kind", "wgad", "-v"]);
    assert_holds(
        &run.stdout(),
        &[
            "viasna-2023/bialiatski · wgad: can be built",
            "builds a follow-up to the Working Group's opinion No. 3/2024 (viasna-2023-wgad-3-2024), which concerns the person",
            "viasna-2023/stefanovich · wgad: can be built",
            "builds a new communication",
        ],
        "check",
    );
    let run = project.amicus(&["build", "cases/viasna-2023.yaml", "--kind", "wgad"]);
    assert!(project.out("viasna-2023/bialiatski/wgad.en.pdf").exists(), "{}", run.stderr());
    let follow_up = pdf_text(&project.out("viasna-2023/bialiatski/wgad.en.pdf"));
    assert_holds(
        &follow_up,
        &[
            // Adopted in March 2024, the day not known: the date says no more.
            "Follow-up to the Working Group’s opinion No. 3/2024 of March 2024 concerning Ales BIALIATSKI (Belarus)",
            "What the Working Group found That the detention was arbitrary",
            "It called on the Government of Belarus to release Ales BIALIATSKI immediately and accord him an enforceable right to compensation",
            "Has the person been released? Yes, on 13 December 2025, by pardon",
            "Compensation or other reparation [not known to the submitter]",
            // Released: the request is the rest of the opinion, not a release.
            "the release does not remedy the violations the Working Group found",
        ],
        "the follow-up",
    );
    assert!(!follow_up.contains("Why the deprivation of liberty"), "a follow-up does not argue anew");
    let communication = pdf_text(&project.out("viasna-2023/stefanovich/wgad.en.pdf"));
    assert_holds(
        &communication,
        // Released: the Working Group's past tense.
        &["Communication concerning", "Why the deprivation of liberty was arbitrary"],
        "the communication",
    );
    let submitter = section(&follow_up, "Submitter", "The submitter asks");
    assert!(!submitter.contains("not known"), "the submitter's own details are not 'not known':\n{submitter}");
    // The case names no submitter: the sender submits, so nothing is left blank.
    assert!(submitter.contains("Maria Example") && submitter.contains("advocacy@example.org"), "{submitter}");
    assert!(!follow_up.contains("DRAFT"), "{follow_up}");
}

/// The prosecuting state's own account (an ombudsman who says no one was tortured) goes to the
/// UN bodies, which weigh both sides, and is left out of what campaigners and MEPs read. An
/// ombudsman who speaks for the person's rights (`ombudsman`) is in every document, and not
/// as the state's account.
#[test]
fn the_authorities_account_goes_to_the_un_bodies_only() {
    let project = aktau_a_year_on();
    project.write(
        "cases/_shared/statements/t-ombudsman.yaml",
        "author: authorities\nbody: Testing Ombudsman\nkind: statement\ntitle: A reply\ndate: 2022-01-05\n\
         findings: { text: that he had not been ill-treated }\n",
    );
    project.write(
        "cases/_shared/statements/t-defender.yaml",
        "author: ombudsman\nbody: { en: Testing Public Defender, ru: Тестовый народный защитник }\nkind: statement\n\
         title: A brief\ndate: 2022-01-06\n\
         findings: { text: { en: that his detention was unjustified, ru: что его содержание под стражей не обосновано } }\n",
    );
    project.replace(
        "cases/kanaliyev-2021.yaml",
        "statements: [ep-2021-02-11]",
        "statements: [ep-2021-02-11, t-ombudsman, t-defender]",
    );
    let run = project.amicus(&[
        "build",
        "cases/kanaliyev-2021.yaml",
        "--kind",
        "fact-sheet",
        "--kind",
        "ep-brief",
        "--kind",
        "special-procedures",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    for public in ["fact-sheet.en.pdf", "fact-sheet.ru.pdf", "ep-brief.en.pdf"] {
        let text = pdf_text(&project.out(&format!("kanaliyev-2021/{public}")));
        assert!(!text.contains("Testing Ombudsman"), "{public}: {text}");
    }
    let sheet = pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf"));
    assert!(sheet.contains("Testing Public Defender"), "{sheet}");
    let submission = pdf_text(&project.out("kanaliyev-2021/special-procedures.en.pdf"));
    assert!(submission.contains("the Testing Ombudsman said that he had not been ill-treated"), "{submission}");
    // Apart from the findings of others, and named as the state's own account.
    let own = submission.find("What the authorities of Kazakhstan have said.").expect("the authorities' paragraph");
    assert!(submission[own..].contains("Testing Ombudsman"), "{submission}");
    let defender = submission.find("Testing Public Defender").expect("the public defender's finding");
    assert!(defender < own, "{submission}");
    let parliament = submission.find("What international bodies have said.").expect("the international paragraph");
    assert!(parliament < own, "{submission}");
}

/// A prize is said to have been awarded, in each language and in the resolution's wording,
/// never as a "press release" that found or asked something; `check` refuses one without its
/// subject or with findings.
#[test]
fn an_award_is_said_to_have_been_awarded_and_is_recalled_as_such() {
    let project = aktau_a_year_on();
    project.write(
        "cases/_shared/statements/t-prize.yaml",
        "author: european_parliament\nbody: { en: Testing Parliament, ru: Тестовый парламент }\nkind: award\n\
         title: Testing Prize 2022\ndate: 2022-10-20\n\
         subject: { en: its Testing Prize for Freedom of Thought to Abzal Kanaliyev, ru: премию «Тест» Абзалу Каналиеву }\n",
    );
    project.replace("cases/kanaliyev-2021.yaml", "statements: [ep-2021-02-11]", "statements: [ep-2021-02-11, t-prize]");
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "ep-brief", "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = pdf_text(&project.out("kanaliyev-2021/ep-brief.en.pdf"));
    assert_holds(
        &brief,
        &[
            "On 20 October 2022, the Testing Parliament awarded its Testing Prize for Freedom of Thought to Abzal Kanaliyev.",
            "having regard to the award of the Testing Prize for Freedom of Thought to Abzal Kanaliyev on 20 October 2022,",
        ],
        "the EP brief",
    );
    assert!(!brief.contains("Recalls its award"), "{brief}");
    let russian = pdf_text(&project.out("kanaliyev-2021/fact-sheet.ru.pdf"));
    assert_holds(
        &russian,
        &["20 октября 2022 года Тестовый парламент присудил премию «Тест» Абзалу КАНАЛИЕВУ."],
        "the Russian fact sheet",
    );

    project.write(
        "cases/_shared/statements/t-prize.yaml",
        "author: european_parliament\nbody: Testing Parliament\nkind: award\ntitle: Testing Prize 2022\ndate: 2022-10-20\n\
         findings: { text: that he is brave }\n",
    );
    // A body named with "the", which documents add themselves.
    project.write(
        "cases/_shared/statements/t-the.yaml",
        "author: special_procedures\nbody: the Testing Rapporteur\nkind: statement\ntitle: A statement\ndate: 2022-01-01\n",
    );
    let run = project.amicus(&["check"]);
    assert_ne!(run.code(), 0);
    assert_holds(
        &run.stderr(),
        &[
            "an award says what was awarded and to whom (field `subject`)",
            "an award finds, asks and condemns nothing: documents say only that it was awarded (field `findings`)",
            "t-prize.yaml",
            "the body's name starts with \"the\", which documents add themselves (field `body`)",
        ],
        "check",
    );
}

/// A document cites only what was said by its date: a statement made later is left out of
/// every document, and `check` says so; dated after it, the documents cite it.
#[test]
fn a_statement_made_after_the_documents_date_is_left_out_and_check_says_so() {
    let project = project();
    project.write(
        "cases/_shared/statements/t-later.yaml",
        "author: osce\nbody: Testing Later Office\nkind: statement\ntitle: A later statement\ndate: 2023-01\n\
         calls_on: { addressee: the Government, demands: [free him] }\n",
    );
    project.replace(
        "cases/kanaliyev-2021.yaml",
        "statements: [ep-2021-02-11, ",
        "statements: [ep-2021-02-11, t-later, ",
    );
    let run = project.amicus(&["check"]);
    assert_holds(
        &run.stderr(),
        &[
            "the documents are dated 2022-12-01, before `t-later` (2023-01): they leave it out, as not yet said on that day",
        ],
        "check",
    );
    let kinds = ["--kind", "fact-sheet", "--kind", "ep-brief", "--kind", "special-procedures"];
    let build = || {
        let run = project.amicus(&[&["build", "cases/kanaliyev-2021.yaml", "--force"], &kinds[..]].concat());
        assert_eq!(run.code(), 0, "{}", run.stderr());
        ["fact-sheet.en.pdf", "ep-brief.en.pdf", "special-procedures.en.pdf"]
            .map(|file| pdf_text(&project.out(&format!("kanaliyev-2021/{file}"))))
    };
    for text in build() {
        assert!(!text.contains("Testing Later Office"), "{text}");
        assert!(text.contains("Testing Representative"), "the statements made before it stay: {text}");
    }
    project.replace("cases/kanaliyev-2021.yaml", "document_date: 2022-12-01", "document_date: 2023-02-01");
    for text in build() {
        assert!(text.contains("Testing Later Office"), "{text}");
    }
}

/// A case Parliament has already adopted a resolution on is proposed for another urgency only
/// when something has happened since; otherwise the brief asks to follow that resolution up in
/// the next text on the country.
#[test]
fn a_second_urgency_is_proposed_only_for_what_happened_since_parliaments_resolution() {
    let project = aktau_a_year_on();
    project.write(
        "cases/_shared/statements/t-urgency.yaml",
        "author: european_parliament\nbody: European Parliament\nkind: resolution\ntitle: Testing urgency\n\
         subject: the case of Abzal Kanaliyev\ndate: 2022-06-01\nconcerns: [{ case: kanaliyev-2021 }]\n",
    );
    project.replace(
        "cases/kanaliyev-2021.yaml",
        "statements: [ep-2021-02-11]",
        "statements: [ep-2021-02-11, t-urgency]",
    );
    let brief = || {
        let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "ep-brief", "--force"]);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        pdf_text(&project.out("kanaliyev-2021/ep-brief.en.pdf"))
    };
    // A resolution on the country, naming nobody: not one on the case.
    let text = std::fs::read_to_string(project.path().join("cases/_shared/statements/t-urgency.yaml")).unwrap();
    project
        .write("cases/_shared/statements/t-urgency.yaml", &text.replace("concerns: [{ case: kanaliyev-2021 }]\n", ""));
    assert!(brief().contains("Propose the case for an urgency resolution"));
    project.write("cases/_shared/statements/t-urgency.yaml", &text);
    let followed_up = brief();
    assert_holds(
        &followed_up,
        &[
            "Follow up Parliament’s resolution of 1 June 2022 in its next resolution on Kazakhstan",
            "Suggested wording for a resolution",
        ],
        "the brief",
    );
    assert!(!followed_up.contains("URGENCY"), "{followed_up}");
    // Ill-treated since: that is new, and an urgency again.
    project.replace(
        "cases/kanaliyev-2021.yaml",
        "statements: [ep-2021-02-11, t-urgency]",
        "statements: [ep-2021-02-11, t-urgency]\nevents: [{ kind: ill_treatment, date: 2022-09-10, text: beaten by the police }]",
    );
    let urgent = brief();
    assert_holds(&urgent, &["PROPOSED URGENCY", "Propose the case for an urgency resolution"], "the brief");
}

#[test]
fn check_refuses_concerns_naming_no_case_or_defendant_and_warns_on_an_unlisted_spelling() {
    let project = Project::examples();
    project.write(
        "cases/_shared/statements/t-concerns.yaml",
        "author: ngo\nbody: Testing Watch\nkind: statement\ntitle: A statement\ndate: 2024-01-01\nconcerns:\n\
         \x20 - { case: viasna-2032 }\n\
         \x20 - { case: viasna-2023, defendant: bialatski }\n\
         \x20 - { case: viasna-2023, name: Ales Bialiatski }\n\
         \x20 - { case: viasna-2023, defendant: stefanovich, name: Valentin Stefanovic }\n\
         \x20 - { case: viasna-2023, defendant: bialiatski, name: Aleksandr Bialiatski }\n\
         \x20 - { case: viasna-2023 }\n",
    );
    // Listed by the case, so that a case id the project lacks is taken for a typo.
    let listed = "statements: [viasna-2023-ep-2022-11-24, viasna-2023-ep-2023-03-15";
    project.replace("cases/viasna-2023.yaml", listed, &format!("{listed}, t-concerns"));
    let run = project.amicus(&["check"]);
    assert_ne!(run.code(), 0, "a defendant that does not exist is an error");
    let stderr = run.stderr();
    assert_holds(
        &stderr,
        &[
            "warning: there is no case with the id `viasna-2032` (field `concerns[0].case`)",
            "did you mean `viasna-2023`?",
            "there is no defendant with the id `bialatski` (field `concerns[1].defendant`)",
            "`viasna-2023` tried several people: say whose name this spells (field `concerns[2]`)",
            "the statement spells the name `Valentin Stefanovic`, which `viasna-2023` does not list (field `concerns[3].name`)",
            "t-concerns.yaml:",
        ],
        "check",
    );
    // A spelling the case lists among the person's aliases is known.
    assert!(!stderr.contains("`Aleksandr Bialiatski`, which"), "{stderr}");
    // A statement may concern the whole case (a resolution naming the organisation all of them
    // worked for).
    assert!(!stderr.contains("concerns[5]"), "{stderr}");
}

/// Dates the sources give to the month or the year only, and sources known by their address
/// alone, print as such in every language: never a made-up day, never an empty title.
#[test]
fn partial_dates_and_sources_known_only_by_address_print_in_every_language() {
    let project = project();
    // The press release dated to the month, the opinion to the year its number gives.
    let osce = project.path().join("cases/_shared/statements/t-osce.yaml");
    let text = std::fs::read_to_string(&osce).unwrap().replace("date: 2021-12-22", "date: 2021-12");
    std::fs::write(&osce, text).unwrap();
    let wgad = project.path().join("cases/_shared/statements/t-wgad.yaml");
    let text = std::fs::read_to_string(&wgad).unwrap().replace("date: 2022-05-04", "date: 2022");
    std::fs::write(&wgad, text).unwrap();
    project.write("cases/_shared/sources/t-url.yaml", "url: https://example.org/testing-report\n");
    let path = project.path().join("cases/kanaliyev-2021.yaml");
    let case = std::fs::read_to_string(&path).unwrap();
    let listed = case.replacen("sources: [", "sources: [t-url, ", 1);
    assert_ne!(listed, case);
    std::fs::write(&path, listed).unwrap();
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--kind", "ep-brief"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf"));
    assert_holds(
        &en,
        &[
            "In December 2021, the Testing Representative issued a press release on the verdict.",
            "In its opinion No. 99/2022, the Testing Working Group found",
            "https://example.org/testing-report",
        ],
        "the English fact sheet",
    );
    let ru = pdf_text(&project.out("kanaliyev-2021/fact-sheet.ru.pdf"));
    assert_holds(
        &ru,
        &[
            "В декабре 2021 года Тестовый представитель опубликовал пресс-релиз",
            "В мнении No. 99/2022 Testing Working Group установила",
        ],
        "the Russian fact sheet",
    );
    let kk = pdf_text(&project.out("kanaliyev-2021/fact-sheet.kk.pdf"));
    // The Kazakh sheet takes the Russian name where the file gives no Kazakh one.
    assert_holds(&kk, &["Тестовый представитель 2021 жылғы желтоқсанда"], "the Kazakh fact sheet");
    let brief = pdf_text(&project.out("kanaliyev-2021/ep-brief.en.pdf"));
    assert_holds(&brief, &["whereas in its opinion No. 99/2022, the Testing Working Group found"], "the brief");
    for text in [&en, &ru, &kk, &brief] {
        assert!(
            !text.contains("2021-12") && !text.contains("none ("),
            "a partial date or an absent title leaked:\n{text}"
        );
    }
    // A source that nothing identifies is refused.
    project.write("cases/_shared/sources/t-url.yaml", "kind: a rumour\n");
    let run = project.amicus(&["check"]);
    assert_ne!(run.code(), 0);
    assert_holds(&run.stderr(), &["nothing identifies this source", "t-url.yaml"], "check");
}

/// A document prints the name's form in its own language, else the Latin form, never another
/// language's native form; forms under any language code count as the person's spellings.
#[test]
fn names_print_in_the_documents_language_or_in_latin_never_in_another_languages_script() {
    let project = Project::aktau();
    let forms = "    ru: { given: Абзал, family: Каналиев }\n    kk: { given: Абзал, family: Қаналиев }\n";
    let only_kazakh = "    kk: { given: Абзал, family: Қаналиев }\n    forms: { tk: { given: Abzal, family: Kanalyýew } }\n    transliteration: { en: transliterated by us }\n";
    project.replace("cases/kanaliyev-2021.yaml", forms, only_kazakh);
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--kind", "wgad"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let ru = pdf_text(&project.out("kanaliyev-2021/fact-sheet.ru.pdf"));
    // The sheet's heading: his name, then his names in other forms, each after its language.
    assert!(
        ru.contains(
            "№ kanaliyev-2021 ОГРАНИЧЕНИЕ СВОБОДЫ Abzal KANALIYEV по-казахски: Абзал Қаналиев · по-туркменски: \
             Abzal Kanalyýew"
        ),
        "the Russian sheet prints the Latin form:\n{ru}"
    );
    // The UN form says how the Latin form was made, for a registry that files under it.
    let wgad = pdf_text(&project.out("kanaliyev-2021/wgad.en.pdf"));
    assert_holds(
        &wgad,
        &[
            "Family name KANALIYEV (Kazakh: Қаналиев; Turkmen: Kanalyýew)",
            "How the Latin form was made Transliterated by us",
        ],
        "the WGAD communication",
    );
    assert!(!ru.contains("Абзал ҚАНАЛИЕВ"), "no other language's form as his name:\n{ru}");
    let kk = pdf_text(&project.out("kanaliyev-2021/fact-sheet.kk.pdf"));
    assert!(kk.contains("Абзал ҚАНАЛИЕВ"), "the Kazakh sheet prints the Kazakh form:\n{kk}");
    // A statement spelling him as the Turkmen form does is about him.
    project.write(
        "cases/_shared/statements/t-tk.yaml",
        "author: ngo\nbody: Testing Watch\nkind: statement\ntitle: A statement\ndate: 2022\nconcerns: [{ case: kanaliyev-2021, name: Abzal Kanalyýew }]\n",
    );
    let check = project.amicus(&["check"]);
    assert!(!check.stderr().contains("does not list"), "{}", check.stderr());
}

/// Sources tied to a fact print as its footnote in documents with notes, and a fact the sources
/// give differently prints the value preferred with the others beside it; `check` refuses a
/// note on a fact the file lacks or a source that does not exist.
#[test]
fn facts_carry_their_sources_and_disputed_values_as_footnotes() {
    let project = Project::examples();
    let run = project.amicus(&["build", "cases/temirov-live-2024.yaml", "cases/viasna-2023.yaml", "--kind", "wgad"]);
    assert!(project.out("temirov-live-2024/tazhibek-kyzy/wgad.en.pdf").exists(), "{}", run.stderr());
    let follow_up = pdf_text(&project.out("temirov-live-2024/tazhibek-kyzy/wgad.en.pdf"));
    assert_holds(
        &follow_up,
        &[
            "Date 20 October 20252",
            "Source: UN Urges Kyrgyzstan to Release Convicted Temirov Live Journalist (news report, Fergana news agency",
            "Other sources give August 2025 (https://nhc.no/en/kyrgyzstan-free-journa",
            "(joint NGO statement, Norwegian Helsinki Committee, January 2026)",
            "the August date may be that of the session that adopted it",
        ],
        "the follow-up's footnote on the opinion's date",
    );
    let communication = pdf_text(&project.out("viasna-2023/bialiatski/wgad.en.pdf"));
    assert!(!communication.contains("Sources: Belarus: arbitrary"), "{communication}");
    let sp = {
        project.amicus(&["build", "cases/viasna-2023.yaml", "--kind", "special-procedures"]);
        pdf_text(&project.out("viasna-2023/bialiatski/special-procedures.en.pdf"))
    };
    assert_holds(&sp, &["Date of arrest 14 July 20211", "1Sources: "], "the arrest date's footnote");

    let cite = "      arrest.date: [viasna-2023-ilaad, viasna-2023-bialiatski-card]\n      arrest.place: [viasna-2023-ilaad]\n";
    let broken = "      arrest.plaice: [viasna-2023-ilaad]\n      arrest.date: [no-such-source]\n      stages[0].date: [viasna-2023-ilaad]\n";
    project.replace("cases/viasna-2023.yaml", cite, broken);
    let run = project.amicus(&["check"]);
    assert_ne!(run.code(), 0);
    assert_holds(
        &run.stderr(),
        &[
            "the file gives no `arrest.plaice`: there is nothing for this note to go with",
            // A stage's date is cited on the verdict, not by the stage's number.
            "`stages[0].date` names an item of a list by its number",
            "cite a stage's facts on the verdict it gave (`verdict.date`",
            "there is no source with the id `no-such-source` (field `defendants[0].cite.arrest.date[0]`)",
        ],
        "check",
    );
}

/// `unknown` where a source can be silent is printed as not known; where a document would print
/// the word itself (a free text, a label that is not a fact) it is refused, naming the field.
#[test]
fn unknown_is_a_marker_where_facts_can_be_unknown_and_refused_where_it_would_print() {
    let project = Project::aktau();
    let path = project.path().join("cases/kanaliyev-2021.yaml");
    let case = std::fs::read_to_string(&path).unwrap();
    let case = case.replacen("    article: \"405\"", "    article: unknown", 1);
    // Where the person stands now, the sources may not say either.
    assert!(case.contains("\nid: kanaliyev-2021\n"));
    std::fs::write(&path, case.replacen("\nid: kanaliyev-2021\n", "\nid: kanaliyev-2021\nstatus: unknown\n", 1))
        .unwrap();
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf"));
    // Said to campaigners as a gap in the sources, not as the submitter's own knowledge, which
    // the UN kinds say; an article in words, not a bracketed blank in the number's place.
    assert!(en.contains("Part 2 of an article whose number is not known (“participation"), "{en}");
    assert!(!en.contains("Article [not known]"), "{en}");
    assert!(en.contains("Status [not known]"), "{en}");
    // The badge says it in words: the marker, in the badge's colour, could not be seen.
    assert!(en.contains("STATUS NOT KNOWN"), "{en}");
    let ru = pdf_text(&project.out("kanaliyev-2021/fact-sheet.ru.pdf"));
    assert!(ru.contains("ч. 2 ст. (номер неизвестен) УК РК («участие"), "{ru}");
    let kk = pdf_text(&project.out("kanaliyev-2021/fact-sheet.kk.pdf"));
    assert!(kk.contains("ҚР ҚК нөмірі белгісіз бабының 2-бөлігі («экстремистік"), "{kk}");
    // The UN bodies read whose knowledge it is.
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "wgad"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let wgad = pdf_text(&project.out("kanaliyev-2021/wgad.en.pdf"));
    assert!(wgad.contains("Part 2 of an article whose number is not known to the submitter"), "{wgad}");
    // A defence lawyer holds the verdict, which names the article: the appeal leaves a line for
    // it and is a draft until it is given.
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "appeal", "--date", "2021-12-22"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let note = run.stderr().lines().find(|l| l.contains("appeal: built as a DRAFT")).unwrap_or_default().to_owned();
    assert!(note.contains("`charges[*].article`"), "{}", run.stderr());
    let appeal = pdf_text(&project.out("kanaliyev-2021/appeal.ru.pdf"));
    assert_holds(
        &appeal,
        &["осуждён по ч. 2 ст. УК РК («участие", "номера статей, применённых в приговоре", "ЧЕРНОВИК"],
        "the Russian appeal",
    );
    assert!(!appeal.contains("неизвестен"), "{appeal}");
    let typ = std::fs::read_to_string(project.out("kanaliyev-2021/appeal.ru.typ")).unwrap();
    assert!(typ.contains("#{box(fill-in(width: 1.5cm))} УК~РК («участие"), "{typ}");

    let case = std::fs::read_to_string(&path).unwrap();
    let role = case.find("\n  role:").unwrap();
    let end = role + 1 + case[role + 1..].find("\n  sex:").or_else(|| case[role + 1..].find("\n  from:")).unwrap();
    std::fs::write(&path, format!("{}\n  role: unknown{}", &case[..role], &case[end..])).unwrap();
    let run = project.amicus(&["check"]);
    assert_ne!(run.code(), 0);
    assert_holds(
        &run.stderr(),
        &["this field cannot be `unknown`: documents print it as written", "kanaliyev-2021.yaml:"],
        "check",
    );
}

/// A figure the sources give as approximate is printed so: "about 30 people".
#[test]
fn an_approximate_number_of_people_tried_is_said_to_be_approximate() {
    let project = Project::examples();
    project.replace("cases/viasna-2023.yaml", "\ntrial:\n", "\ntrial:\n  people: 30\n  people_about: true\n");
    let run = project.amicus(&["build", "cases/viasna-2023.yaml", "--kind", "trial-sheet", "--kind", "ep-brief"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let sheet = pdf_text(&project.out("viasna-2023/trial-sheet.en.pdf"));
    assert!(sheet.contains("and about 26 others The Viasna case The trial"), "{sheet}");
    let brief = pdf_text(&project.out("viasna-2023/ep-brief.en.pdf"));
    assert!(brief.contains("Belarus: the trial of about 30 people in Minsk"), "{brief}");
}

/// A person the sources name only in Cyrillic (a lawyer in a court paper) needs no Latin form:
/// every document prints the name as the sources write it.
#[test]
fn a_name_known_only_in_its_native_script_is_printed_in_it() {
    let project = Project::aktau();
    let path = project.path().join("cases/kanaliyev-2021.yaml");
    let case = std::fs::read_to_string(&path).unwrap();
    let latin = "    given: Abzal\n    family: Kanaliyev\n";
    assert!(case.contains(latin));
    std::fs::write(&path, case.replacen(latin, "", 1)).unwrap();
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf"));
    assert!(en.contains("Ref. kanaliyev-2021 RESTRICTION OF LIBERTY Абзал ҚАНАЛИЕВ"), "{en}");
    // With neither a Latin family name nor any other form, there is no name.
    let case = std::fs::read_to_string(&path).unwrap();
    let forms = "    ru: { given: Абзал, family: Каналиев }\n    kk: { given: Абзал, family: Қаналиев }\n";
    std::fs::write(&path, case.replacen(forms, "    given: Abzal\n", 1)).unwrap();
    let run = project.amicus(&["check"]);
    assert_ne!(run.code(), 0);
    assert!(run.stderr().contains("the name has no family name"), "{}", run.stderr());
}

/// The digest gives each verdict the sources the case file ties to it, as a footnote.
#[test]
fn the_digest_footnotes_each_verdict_with_its_sources() {
    let project = Project::aktau();
    let run = project.amicus(&["build", "--kind", "digest"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = pdf_text(&project.out("digests/aktau-2021-12.en.pdf"));
    assert!(en.contains("of the Republic of Kazakhstan.1"), "{en}");
    assert!(
        en.contains(
            "1Source: Politically motivated convictions in the period 20-21 December 2021 in Aktau (NGO report)."
        ),
        "{en}"
    );
    let ru = pdf_text(&project.out("digests/aktau-2021-12.ru.pdf"));
    assert!(
        ru.contains("1Источник: Политически мотивированные приговоры в Актау 20–21 декабря 2021 года (доклад НКО)."),
        "{ru}"
    );
}

/// A condemnation whose text already names the organisation it concerns does not name it again
/// after the text, in any language.
#[test]
fn an_organisation_the_condemnation_names_is_not_named_again() {
    let project = aktau_a_year_on();
    project.write(
        "cases/_shared/statements/t-condemns.yaml",
        "author: osce\nbody: { en: Testing Office, ru: Тестовое бюро, kk: Тест бюросы }\nkind: statement\n\
         title: A statement\ndate: 2022-03-01\n\
         condemns:\n  - text: { en: the persecution of supporters of DCK, ru: преследование сторонников ДВК, \
         kk: ҚДТ жақтастарын қудалауды }\n    organisations: [dck]\n",
    );
    project.replace(
        "cases/kanaliyev-2021.yaml",
        "statements: [ep-2021-02-11]",
        "statements: [ep-2021-02-11, t-condemns]",
    );
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "ep-brief", "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let brief = pdf_text(&project.out("kanaliyev-2021/ep-brief.en.pdf"));
    assert_holds(&brief, &["condemned the persecution of supporters of DCK."], "the brief");
    // Parliament's own condemnation, whose text does not name them, still names them after it.
    assert_holds(&brief, &["peaceful opposition movements “DCK” and “Koshe Partiyasy”"], "the brief");
    let ru = pdf_text(&project.out("kanaliyev-2021/fact-sheet.ru.pdf"));
    assert!(ru.contains("преследование сторонников ДВК.") && !ru.contains("ДВК «ДВК»"), "{ru}");
    let kk = pdf_text(&project.out("kanaliyev-2021/fact-sheet.kk.pdf"));
    assert!(kk.contains("ҚДТ жақтастарын қудалауды айыптады. Сіз не істей аласыз"), "{kk}");
}
