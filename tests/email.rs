//! A letter to a recipient with an e-mail address is also a message beside it
//! (`<recipient>.<lang>.eml`): the letter's PDF attached byte for byte, a short body from the
//! kind's e-mail template, the sender's From and Reply-To, a header that opens it as a draft,
//! and nothing a recipients list or a case holds can add a header or a recipient.

mod common;

use common::Project;
use mail_parser::{Address, MessageParser, MimeHeaders};

/// Three Members with addresses (one whose name tries to add a header) and two without a
/// usable one (none at all, and one whose address tries to add a recipient).
const MEMBERS: &str = "name,title,family,email\n\
Hannah Testmann,Dr,Testmann,hannah.testmann@example.eu\n\
\"Eve Example\r\nBcc: spy@example.com\",Ms,Example,eve@example.eu\n\
Jan Voorbeeld,,,\n\
Anna Probe,Ms,Probe,\"anna@example.eu\r\nBcc: spy@example.com\"\n";

/// Builds Ismakova's letters to [`MEMBERS`], with `extra` arguments.
fn letters_to_members(project: &Project, extra: &[&str]) -> common::Run {
    let members = project.write("meps.csv", MEMBERS).to_string_lossy().into_owned();
    let args = ["build", "--kind", "mep-letter", "cases/ismakova-2021.yaml", "--recipients", &members];
    project.amicus(&[&args[..], extra].concat())
}

/// The names of the files in `dir` that end in `ending`, sorted.
fn files_ending(dir: &std::path::Path, ending: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(ending))
        .collect();
    names.sort();
    names
}

fn first_address(address: Option<&Address>) -> String {
    address.and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_owned()
}

#[test]
fn a_letter_to_a_member_with_an_address_is_a_message_carrying_it() {
    let project = Project::aktau();
    let run = letters_to_members(&project, &[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    // Those without a usable address are named, not dropped silently.
    assert!(
        run.stderr().contains("2 letters without a message (.eml): no e-mail address for Jan Voorbeeld, Anna Probe"),
        "{}",
        run.stderr()
    );

    let letters = project.out("ismakova-2021/mep-letter");
    assert_eq!(files_ending(&letters, ".eml"), ["eve-example-bcc-spy-example-com.en.eml", "hannah-testmann.en.eml"]);

    let bytes = std::fs::read(letters.join("hannah-testmann.en.eml")).unwrap();
    let message = MessageParser::default().parse(&bytes).expect("the message parses");
    assert_eq!(first_address(message.to()), "hannah.testmann@example.eu");
    assert_eq!(first_address(message.from()), "advocacy@example.org");
    let from = message.from().and_then(|a| a.first()).and_then(|a| a.name()).unwrap_or_default().to_owned();
    assert_eq!(from, "Maria Example, Example Rights Network", "someone to reply to");
    assert_eq!(first_address(message.reply_to()), "advocacy@example.org");
    assert_eq!(message.subject(), Some("The case of Aizhan Ismakova, sentenced in Kazakhstan on 20 December 2021"));
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert!(message.bcc().is_none() && message.cc().is_none());
    let body = message.body_text(0).expect("a plain-text body");
    for expected in [
        "Dear Dr Testmann,",
        // Who, what and the ask, before the attachment is opened.
        // What she was prosecuted for is said apart from the sentence, whose legal ground it
        // need not be.
        "was sentenced in Kazakhstan on 20 December 2021. She was prosecuted for",
        "In the attached letter I ask you to raise the case with the authorities of Kazakhstan and in Parliament.",
        "Maria Example",
        "Advocacy Officer",
    ] {
        assert!(body.contains(expected), "{expected} in {body}");
    }
    let attached = message.attachment(0).expect("the letter is attached");
    assert_eq!(attached.contents(), std::fs::read(letters.join("hannah-testmann.en.pdf")).unwrap());
    assert_eq!(attached.attachment_name(), Some("Letter to Hannah Testmann about Aizhan Ismakova.pdf"));

    // A name that tries to add a header stays in the name: one recipient, no Bcc.
    let bytes = std::fs::read(letters.join("eve-example-bcc-spy-example-com.en.eml")).unwrap();
    let message = MessageParser::default().parse(&bytes).expect("the message parses");
    assert!(message.bcc().is_none(), "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(message.to().map(|to| to.iter().count()), Some(1));
    assert_eq!(first_address(message.to()), "eve@example.eu");
    let headers = String::from_utf8_lossy(&bytes);
    let headers = headers.split("\r\n\r\n").next().unwrap();
    assert!(!headers.lines().any(|line| line.to_lowercase().starts_with("bcc")), "{headers}");

    // Built again, the same bytes: the date is the letter's, the identifiers its hash.
    let again = letters_to_members(&project, &["--force"]);
    assert_eq!(again.code(), 0, "{}", again.stderr());
    assert_eq!(std::fs::read(letters.join("eve-example-bcc-spy-example-com.en.eml")).unwrap(), bytes);

    // A message is one of the letter's files: removed, it is made again, and only it.
    std::fs::remove_file(letters.join("hannah-testmann.en.eml")).unwrap();
    let rebuilt = letters_to_members(&project, &[]);
    assert!(rebuilt.stderr().contains("1 built, 3 up to date"), "{}", rebuilt.stderr());
    assert!(letters.join("hannah-testmann.en.eml").is_file());
}

#[test]
fn a_draft_letter_is_no_message() {
    let project = Project::aktau();
    // Without a sender the letter is a draft with lines to fill in: it is not sent.
    std::fs::remove_dir_all(project.path().join("cases/_shared/senders")).unwrap();
    let run = letters_to_members(&project, &[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(project.out("ismakova-2021/mep-letter/hannah-testmann.en.pdf").is_file());
    assert!(!project.out("ismakova-2021/mep-letter/hannah-testmann.en.eml").exists());
    assert!(!run.stderr().contains("without a message"), "{}", run.stderr());
}

#[test]
fn a_sender_address_that_is_not_plain_makes_no_message_and_is_said_once() {
    let project = Project::aktau();
    let sender = project.path().join("cases/_shared/senders/default.yaml");
    let text = std::fs::read_to_string(&sender).unwrap();
    std::fs::write(&sender, text.replace("email: advocacy@example.org", "email: \"Team <advocacy@example.org>\""))
        .unwrap();
    let run = letters_to_members(&project, &[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let said = "the sender's e-mail `Team <advocacy@example.org>` is not one plain address";
    assert_eq!(run.stderr().matches(said).count(), 1, "{}", run.stderr());
    // Not blamed on the recipients.
    assert!(!run.stderr().contains("without a message"), "{}", run.stderr());
    assert!(!project.out("ismakova-2021/mep-letter/hannah-testmann.en.eml").exists());
}

#[test]
fn where_chooses_the_recipients_and_recipients_says_who_has_no_address() {
    let project = Project::aktau();
    let list = common::fixture("recipients/three.csv").to_string_lossy().into_owned();
    let run = project.amicus(&[
        "build",
        "--kind",
        "mep-letter",
        "cases/ismakova-2021.yaml",
        "--recipients",
        &list,
        "--where",
        "committee=droi",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let letters = files_ending(&project.out("ismakova-2021/mep-letter"), ".pdf");
    assert_eq!(letters, ["hannah-testmann.en.pdf"], "only the member of DROI");
    // The others are still on the list: their letters are not taken for withdrawn.
    assert!(!run.stderr().contains("amicus clean"), "{}", run.stderr());

    // Values of one key are alternatives; the list says who has no address.
    let run = project.amicus(&["recipients", &list, "--where", "country=Spain", "--where", "country=netherlands"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let stdout = run.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "Ms Marta Ejemplo\tS&D\tSpain\tLIBE\t(no e-mail address)",
            "Jan Voorbeeld\tRenew Europe\tNetherlands\t\t(no e-mail address)"
        ]
    );
    assert!(
        run.stderr().contains("2 of 3 on the list match country=Spain|netherlands; 2 have no e-mail address"),
        "{}",
        run.stderr()
    );

    // The Parliament's list has no committees: selecting by one says how to add them.
    let xml = format!("{}/tests/fixtures/recipients/meps.xml", env!("CARGO_MANIFEST_DIR"));
    let run = project.amicus(&["recipients", &xml, "--where", "committee=DROI"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("nobody in the recipients file matches --where committee=DROI"), "{}", run.stderr());
    assert!(run.stderr().contains("`--join` a CSV with the columns `id,committees`"), "{}", run.stderr());
    let run = project.amicus(&["recipients", &list, "--where", "colour=red"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("the keys are committee, country, group"), "{}", run.stderr());
}

/// What a trial's defendants were prosecuted for is said of those it describes: where one has a
/// summary of their own, the proceeding's is not said of "those tried with" anyone, in the
/// sheets or the message (of 22 tried in Bukhara, some were accused of violence, and a
/// co-defendant's sheet said she and all the others were prosecuted for one man's speech).
#[test]
fn a_trials_summary_is_said_only_of_those_it_describes() {
    let project = Project::examples();
    project.replace(
        "cases/temirov-live-2024.yaml",
        "  - id: orozbekov\n",
        "  - id: orozbekov\n    summary: { en: a synthetic reason of his own, ru: синтетическую причину }\n",
    );
    let members = project.write("meps.csv", MEMBERS).to_string_lossy().into_owned();
    let run = project.amicus(&[
        "build",
        "cases/temirov-live-2024.yaml",
        "--kind",
        "mep-letter",
        "--kind",
        "fact-sheet",
        "--recipients",
        &members,
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let en = common::pdf_text(&project.out("temirov-live-2024/kaparov/fact-sheet.en.pdf"));
    assert!(en.contains("He was prosecuted for the investigative reporting of Temirov Live"), "{en}");
    assert!(!en.contains("those tried with him"), "{en}");
    let ru = common::pdf_text(&project.out("temirov-live-2024/kaparov/fact-sheet.ru.pdf"));
    assert!(ru.contains("Его преследовали за журналистские расследования"), "{ru}");
    let bytes = std::fs::read(project.out("temirov-live-2024/mep-letter/hannah-testmann.en.eml")).unwrap();
    let message = MessageParser::default().parse(&bytes).expect("the message parses");
    let body = common::fold(&message.body_text(0).expect("a plain-text body"));
    // Those the trial's summary describes, named once before it.
    assert!(
        body.contains("were tried together in Bishkek, Kyrgyzstan: Makhabat Tazhibek kyzy, Azamat Ishenbekov,"),
        "{body}"
    );
    assert!(body.contains("and Zhumabek Turdaliev for the investigative reporting"), "{body}");
    assert_eq!(body.matches("for the investigative reporting").count(), 1, "{body}");
    assert!(body.contains("; Akyl Orozbekov for a synthetic reason of his own."), "{body}");
    // Nor are the trial's acts said of him: his own summary sets him apart.
    let own = common::pdf_text(&project.out("temirov-live-2024/orozbekov/fact-sheet.en.pdf"));
    assert!(own.contains("a synthetic reason of his own"), "{own}");
    assert!(!own.contains("Ait Ait Dese YouTube channel"), "{own}");
    assert!(en.contains("Ait Ait Dese YouTube channel"), "{en}");
}
