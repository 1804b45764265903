//! `amicus send` against a real SMTP server (mailin-embedded) on 127.0.0.1, started by each
//! test: every message arrives once with its letter intact, across a run killed half-way and
//! runs again; "later" (4xx) is tried again and "never" (5xx) reported; hostile names add no
//! header or recipient; only letters up to date with their case are sent, never a draft.

mod common;

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use common::Project;
use mail_parser::MessageParser;
use mailin_embedded::{AuthMechanism, Handler, Response, Server, SslConfig};

/// Five Members with addresses (one whose name tries to add a header) and one without.
const MEMBERS: &str = "name,title,family,email\n\
Hannah Testmann,Dr,Testmann,hannah.testmann@example.eu\n\
\"Eve Example\r\nBcc: spy@example.com\",Ms,Example,eve@example.eu\n\
Jan Voorbeeld,,,\n\
Marta Ejemplo,Ms,Ejemplo,marta.ejemplo@example.eu\n\
Piet Proef,Mr,Proef,piet.proef@example.eu\n\
Zofia Próba,Ms,Próba,zofia.proba@example.eu\n";

/// What the server was sent and how it is to answer.
#[derive(Default)]
struct Mailbox {
    /// The messages accepted: envelope recipients and bytes.
    received: Vec<(Vec<String>, Vec<u8>)>,
    /// How many more times to answer 451 to a recipient.
    later: HashMap<String, u32>,
    /// Recipients answered 550.
    never: Vec<String>,
    /// When each message was accepted.
    times: Vec<std::time::Instant>,
    /// Hold the message that would be the Nth accepted (answer nothing) until the test lets go.
    hold_at: Option<usize>,
    holding: bool,
}

#[derive(Clone)]
struct Recorder {
    mailbox: Arc<(Mutex<Mailbox>, Condvar)>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Recorder {
    fn rcpt(&mut self, to: &str) -> Response {
        let mut mailbox = self.mailbox.0.lock().unwrap();
        if mailbox.never.iter().any(|n| n == to) {
            return mailin_embedded::response::NO_MAILBOX;
        }
        if let Some(left) = mailbox.later.get_mut(to).filter(|left| **left > 0) {
            *left -= 1;
            return Response::custom(451, "try again later".to_owned());
        }
        mailin_embedded::response::OK
    }

    fn auth_plain(&mut self, _authorization_id: &str, user: &str, password: &str) -> Response {
        match (user, password) {
            ("advocacy", "correct horse") => mailin_embedded::response::AUTH_OK,
            _ => mailin_embedded::response::INVALID_CREDENTIALS,
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let (lock, changed) = &*self.mailbox;
        let mut mailbox = lock.lock().unwrap();
        if mailbox.hold_at == Some(mailbox.received.len() + 1) {
            mailbox.holding = true;
            changed.notify_all();
            while mailbox.hold_at.is_some() {
                mailbox = changed.wait(mailbox).unwrap();
            }
            // Let go after the client was killed: never accepted.
            return Response::custom(451, "aborted".to_owned());
        }
        mailbox.received.push((std::mem::take(&mut self.to), std::mem::take(&mut self.data)));
        mailbox.times.push(std::time::Instant::now());
        mailin_embedded::response::OK
    }
}

/// A server on a free port of 127.0.0.1, running until the test process ends.
struct Smtp {
    mailbox: Arc<(Mutex<Mailbox>, Condvar)>,
    url: String,
}

impl Smtp {
    fn start() -> Smtp {
        Smtp::serve(false)
    }

    /// With STARTTLS (a self-signed certificate for 127.0.0.1), and a login required after it.
    fn start_tls() -> Smtp {
        Smtp::serve(true)
    }

    fn serve(tls: bool) -> Smtp {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let mailbox = Arc::new((Mutex::new(Mailbox::default()), Condvar::new()));
        let mut server = Server::new(Recorder { mailbox: mailbox.clone(), to: Vec::new(), data: Vec::new() });
        server.with_name("test.example").with_tcp_listener(listener);
        if tls {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let fixture = |name: &str| format!("{}/tests/fixtures/tls/{name}", env!("CARGO_MANIFEST_DIR"));
            server
                .with_ssl(SslConfig::SelfSigned { cert_path: fixture("cert.pem"), key_path: fixture("key.pem") })
                .unwrap()
                .with_auth(AuthMechanism::Plain);
        }
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        Smtp { mailbox, url }
    }

    fn mailbox(&self) -> std::sync::MutexGuard<'_, Mailbox> {
        self.mailbox.0.lock().unwrap()
    }

    /// The envelope recipient of each message received, sorted.
    fn recipients(&self) -> Vec<String> {
        let mut to: Vec<String> = self.mailbox().received.iter().map(|(to, _)| to.join(",")).collect();
        to.sort();
        to
    }
}

/// Builds Ismakova's letters to [`MEMBERS`].
fn build_letters(project: &Project) {
    let members = project.write("meps.csv", MEMBERS).to_string_lossy().into_owned();
    let run = project.amicus(&["build", "--kind", "mep-letter", "cases/ismakova-2021.yaml", "--recipients", &members]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
}

fn send(project: &Project, smtp: &Smtp, extra: &[&str]) -> common::Run {
    project.amicus(&[&["send", "--smtp", &smtp.url, "--insecure"][..], extra].concat())
}

const ADDRESSED: [&str; 5] = [
    "eve@example.eu",
    "hannah.testmann@example.eu",
    "marta.ejemplo@example.eu",
    "piet.proef@example.eu",
    "zofia.proba@example.eu",
];

#[test]
fn each_message_arrives_once_with_its_letter_and_a_second_run_sends_nothing() {
    let project = Project::aktau();
    build_letters(&project);
    let smtp = Smtp::start();

    // Not on a terminal, without --yes: nothing is sent.
    let run = send(&project, &smtp, &[]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("sending needs --yes"), "{}", run.stderr());
    assert!(smtp.mailbox().received.is_empty());

    // --dry-run connects and shows what would go, and sends nothing.
    let run = send(&project, &smtp, &["--dry-run"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("to send: 5 messages (ismakova-2021 mep-letter (en)) to "), "{}", run.stderr());
    assert!(run.stderr().contains("nothing sent"), "{}", run.stderr());
    assert!(smtp.mailbox().received.is_empty());

    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("5 accepted, 0 refused"), "{}", run.stderr());
    assert_eq!(smtp.recipients(), ADDRESSED);

    let letters = project.out("ismakova-2021/mep-letter");
    for (to, bytes) in &smtp.mailbox().received {
        let message = MessageParser::default().parse(bytes).expect("the message parses");
        let address = message.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap().to_owned();
        assert_eq!(to, &[address.clone()], "sent to the address it names, and no one else");
        assert!(message.cc().is_none() && message.bcc().is_none());
        // The hostile name stays inside the display name: no header line of its own.
        let head =
            String::from_utf8_lossy(&bytes[..bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap()]).into_owned();
        assert!(!head.lines().any(|l| l.to_ascii_lowercase().starts_with("bcc:")), "{head}");
        // Sent, not a draft, and dated when sent, not on the letter's date (22 December 2021).
        assert!(message.header_raw("X-Unsent").is_none(), "{}", String::from_utf8_lossy(&bytes[..400]));
        let dated = message.date().expect("a Date header").to_timestamp();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        assert!((now - dated).abs() < 600, "dated {dated}, now {now}");
        let file = std::fs::read_dir(&letters)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .find(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).contains(&format!("<{address}>")))
            .unwrap();
        let pdf = std::fs::read(file.with_extension("pdf")).unwrap();
        assert_eq!(message.attachment(0).unwrap().contents(), pdf, "the letter arrives byte for byte");
    }

    // The log has each message once, as accepted.
    let log = std::fs::read_to_string(project.out("send-log.jsonl")).unwrap();
    assert_eq!(log.lines().filter(|l| l.contains("\"result\":\"accepted\"")).count(), 5, "{log}");
    assert!(log.contains("\"to\":\"hannah.testmann@example.eu\"") && log.contains("\"message_id\":\""), "{log}");

    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("5 messages were sent before and unchanged"), "{}", run.stderr());
    assert_eq!(smtp.mailbox().received.len(), 5, "nothing sent twice");
}

#[test]
fn a_run_killed_half_way_resumes_and_every_message_arrives_exactly_once() {
    let project = Project::aktau();
    build_letters(&project);
    let smtp = Smtp::start();
    smtp.mailbox().hold_at = Some(3);

    let mut child = project
        .command(&["send", "--smtp", &smtp.url, "--insecure", "--yes"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    {
        let (lock, changed) = &*smtp.mailbox;
        let held = changed.wait_timeout_while(lock.lock().unwrap(), Duration::from_secs(60), |m| !m.holding).unwrap();
        assert!(held.0.holding, "the third message reached the server");
    }
    child.kill().unwrap();
    child.wait().unwrap();
    {
        let mut mailbox = smtp.mailbox();
        mailbox.hold_at = None;
        smtp.mailbox.1.notify_all();
        assert_eq!(mailbox.received.len(), 2);
    }
    // A line a killed run cut off is no record: it is removed, and the rest read.
    let log = project.out("send-log.jsonl");
    let mut text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    text.push_str("{\"time\":\"2026-12-03T10:");
    std::fs::write(&log, text).unwrap();

    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("2 messages were sent before and unchanged"), "{}", run.stderr());
    assert!(run.stderr().contains("3 accepted, 0 refused"), "{}", run.stderr());
    assert_eq!(smtp.recipients(), ADDRESSED, "each exactly once");
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(text.lines().filter(|l| l.contains("\"result\":\"accepted\"")).count(), 5, "{text}");
    assert!(!text.contains("T10:{"), "{text}");
}

#[test]
fn later_is_tried_again_and_never_is_reported_and_tried_on_the_next_run() {
    let project = Project::aktau();
    build_letters(&project);
    let smtp = Smtp::start();
    smtp.mailbox().later.insert("marta.ejemplo@example.eu".to_owned(), 2);
    smtp.mailbox().never.push("piet.proef@example.eu".to_owned());

    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("4 accepted, 1 refused"), "{}", run.stderr());
    assert!(
        run.stderr().contains("piet-proef.en.eml: refused by the server: permanent error (550)"),
        "{}",
        run.stderr()
    );
    let mut expected: Vec<&str> = ADDRESSED.to_vec();
    expected.retain(|a| *a != "piet.proef@example.eu");
    assert_eq!(smtp.recipients(), expected, "451 twice, then accepted once");
    let log = std::fs::read_to_string(project.out("send-log.jsonl")).unwrap();
    assert!(log.lines().any(|l| l.contains("\"result\":\"refused\"") && l.contains("piet.proef")), "{log}");

    // The mailbox is fixed: the next run sends that one only.
    smtp.mailbox().never.clear();
    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("1 accepted, 0 refused"), "{}", run.stderr());
    assert_eq!(smtp.recipients(), ADDRESSED);
}

#[test]
fn a_letter_changed_since_its_build_is_not_sent_and_one_changed_since_sent_only_with_resend() {
    let project = Project::aktau();
    build_letters(&project);
    let smtp = Smtp::start();
    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());

    // The case corrected after the build: the letters are not what it says any more.
    let case = project.path().join("cases/ismakova-2021.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(&case, text.replacen("  en: Aktau\n", "  en: Aqtau\n", 1)).unwrap();
    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("5 letters of 5 no longer match what they were made from"), "{}", run.stderr());
    assert!(run.stderr().contains("amicus build --recipients"), "{}", run.stderr());
    assert_eq!(smtp.mailbox().received.len(), 5);

    // Built again: changed since sent, so not sent again unless asked.
    build_letters(&project);
    assert!(send(&project, &smtp, &["--dry-run"]).stderr().contains("5 letters changed since sent"));
    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("5 letters changed since sent, not sent again without --resend"), "{}", run.stderr());
    assert_eq!(smtp.mailbox().received.len(), 5);
    let run = send(&project, &smtp, &["--yes", "--resend"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(smtp.mailbox().received.len(), 10);
}

#[test]
fn a_draft_is_never_sent() {
    let project = Project::aktau();
    build_letters(&project);
    // The sender's facts taken away: the letters become drafts, built without messages.
    std::fs::remove_dir_all(project.path().join("cases/_shared/senders")).unwrap();
    build_letters(&project);
    let smtp = Smtp::start();
    let run = send(&project, &smtp, &["--yes"]);
    assert_ne!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("no built letter here has a message (.eml) to send"), "{}", run.stderr());
    assert!(smtp.mailbox().received.is_empty());
}

#[test]
fn test_to_sends_one_message_to_the_given_address_and_counts_it_as_not_sent() {
    let project = Project::aktau();
    build_letters(&project);
    let smtp = Smtp::start();
    let run = send(&project, &smtp, &["--test-to", "me@example.org"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(smtp.recipients(), ["me@example.org"]);
    let received = smtp.mailbox().received[0].1.clone();
    let message = MessageParser::default().parse(&received).unwrap();
    assert_eq!(message.to().and_then(|a| a.first()).and_then(|a| a.address()), Some("me@example.org"));
    assert!(!String::from_utf8_lossy(&received).contains("@example.eu"), "no Member's address in a test message");

    let run = send(&project, &smtp, &["--yes"]);
    assert!(run.stderr().contains("5 accepted"), "{}", run.stderr());

    // A hostile --test-to is refused before anything.
    let run = send(&project, &smtp, &["--test-to", "me@example.org\r\nBcc: spy@example.com"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert_eq!(smtp.mailbox().received.len(), 6);
}

#[test]
fn without_starttls_nothing_is_sent_unless_insecure_and_no_password_on_the_command_line() {
    let project = Project::aktau();
    build_letters(&project);
    let smtp = Smtp::start();
    let run = project.amicus(&["send", "--smtp", &smtp.url, "--yes"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("only over an encrypted connection"), "{}", run.stderr());
    assert!(smtp.mailbox().received.is_empty());
    assert!(
        !project.out("send-log.jsonl").exists()
            || std::fs::read_to_string(project.out("send-log.jsonl")).unwrap().is_empty()
    );

    let url = smtp.url.replace("smtp://", "smtp://me:secret@");
    let run = project.amicus(&["send", "--smtp", &url, "--yes"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("AMICUS_SMTP_PASSWORD"), "{}", run.stderr());
    // A user without a password anywhere: said before connecting.
    let url = smtp.url.replace("smtp://", "smtp://me@");
    let run = project.amicus_with_env(
        &["send", "--smtp", &url, "--yes", "--insecure"],
        &[("HOME", "/nonexistent"), ("XDG_CONFIG_HOME", "/nonexistent")],
    );
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("no password for me at 127.0.0.1"), "{}", run.stderr());
    assert!(smtp.mailbox().received.is_empty());
}

#[test]
fn nothing_from_the_confidential_section_reaches_a_message() {
    let project = Project::aktau();
    project.cut_block("cases/ismakova-2021.yaml", "confidential");
    let path = project.path().join("cases/ismakova-2021.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let secret = "\nconfidential:\n  lawyer:\n    name: { given: Lara, family: Secretlawyer }\n    email: lawyer@secretmail.example\n  notes: Secretnotes about the case\n";
    std::fs::write(&path, format!("{text}{secret}")).unwrap();
    build_letters(&project);
    let smtp = Smtp::start();
    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let mailbox = smtp.mailbox();
    assert_eq!(mailbox.received.len(), 5);
    for (_, bytes) in &mailbox.received {
        let message = MessageParser::default().parse(bytes).unwrap();
        let seen = format!(
            "{}{}{}",
            String::from_utf8_lossy(bytes),
            message.subject().unwrap_or_default(),
            message.body_text(0).unwrap_or_default()
        )
        .to_lowercase();
        for marker in ["secretlawyer", "secretmail", "secretnotes"] {
            assert!(!seen.contains(marker), "{marker} reached a message");
        }
    }
}

#[test]
fn rate_spaces_the_messages() {
    let project = Project::aktau();
    build_letters(&project);
    let smtp = Smtp::start();
    let run = send(&project, &smtp, &["--yes", "--rate", "120"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let times = smtp.mailbox().times.clone();
    assert_eq!(times.len(), 5);
    // Two a minute... a second: half a second at least between two messages.
    for pair in times.windows(2) {
        assert!(pair[1] - pair[0] >= Duration::from_millis(450), "{:?}", pair[1] - pair[0]);
    }
}

/// A server that takes the whole of the first message it is given and closes the connection
/// without a word, then answers as a server should; what it received, in order.
fn start_silent_once() -> (String, Arc<Mutex<Vec<Vec<u8>>>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut out = stream.try_clone().unwrap();
            let mut lines = BufReader::new(stream);
            let _ = out.write_all(b"220 silent.example\r\n");
            let mut line = Vec::new();
            'session: while {
                line.clear();
                lines.read_until(b'\n', &mut line).unwrap_or(0) > 0
            } {
                let command = String::from_utf8_lossy(&line).to_ascii_uppercase();
                let answer: &[u8] = match command.get(..4).unwrap_or_default() {
                    "EHLO" => b"250-silent.example\r\n250 8BITMIME\r\n",
                    "QUIT" => {
                        let _ = out.write_all(b"221 bye\r\n");
                        break 'session;
                    }
                    "DATA" => {
                        let _ = out.write_all(b"354 go on\r\n");
                        let mut message = Vec::new();
                        loop {
                            line.clear();
                            if lines.read_until(b'\n', &mut line).unwrap_or(0) == 0 || line == b".\r\n" {
                                break;
                            }
                            message.extend_from_slice(&line);
                        }
                        let mut store = store.lock().unwrap();
                        store.push(message);
                        if store.len() == 1 {
                            break 'session;
                        }
                        b"250 queued\r\n"
                    }
                    _ => b"250 ok\r\n",
                };
                let _ = out.write_all(answer);
            }
        }
    });
    (url, received)
}

#[test]
fn a_message_the_server_took_whole_but_never_answered_is_not_sent_again_unless_asked() {
    let project = Project::aktau();
    build_letters(&project);
    let (url, received) = start_silent_once();
    let run = project.amicus(&["send", "--smtp", &url, "--insecure", "--yes"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("4 accepted, 0 refused, 1 uncertain"), "{}", run.stderr());
    assert!(run.stderr().contains("perhaps delivered"), "{}", run.stderr());
    assert_eq!(received.lock().unwrap().len(), 5, "the one unanswered was not offered again");

    let run = project.amicus(&["send", "--smtp", &url, "--insecure", "--yes"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("1 letter given to the server before, which never answered"), "{}", run.stderr());
    assert_eq!(received.lock().unwrap().len(), 5);

    let run = project.amicus(&["send", "--smtp", &url, "--insecure", "--yes", "--resend"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("1 accepted, 0 refused"), "{}", run.stderr());
    assert_eq!(received.lock().unwrap().len(), 6);
}

#[test]
fn a_name_corrected_in_the_list_does_not_send_the_same_person_a_second_letter() {
    let project = Project::aktau();
    build_letters(&project);
    let smtp = Smtp::start();
    assert_eq!(send(&project, &smtp, &["--yes"]).code(), 0);

    // Corrected: a new file name for the same address. The old letter is still in the folder.
    let members = MEMBERS.replace("Hannah Testmann,Dr", "Hannah Testmann-Berg,Dr");
    let list = project.write("meps.csv", &members).to_string_lossy().into_owned();
    let run = project.amicus(&["build", "--kind", "mep-letter", "cases/ismakova-2021.yaml", "--recipients", &list]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 1, "a letter to someone no longer on the list: {}", run.stderr());
    assert!(run.stderr().contains("amicus clean"), "{}", run.stderr());

    assert_eq!(project.amicus(&["clean"]).code(), 0);
    let run = send(&project, &smtp, &["--yes"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("1 letter changed since sent, not sent again without --resend"), "{}", run.stderr());
    assert_eq!(smtp.mailbox().received.len(), 5, "nobody got a second letter");
}

#[test]
fn starttls_with_a_login_and_a_certificate_nobody_vouches_for_is_refused_unless_insecure() {
    let project = Project::aktau();
    build_letters(&project);
    let smtp = Smtp::start_tls();
    let url = smtp.url.replace("smtp://", "smtp://advocacy@");
    let password = [("AMICUS_SMTP_PASSWORD", "correct horse")];

    // A self-signed certificate: not trusted, nothing sent.
    let run = project.amicus_with_env(&["send", "--smtp", &url, "--yes"], &password);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("no encrypted connection to"), "{}", run.stderr());
    assert!(smtp.mailbox().received.is_empty());

    // A wrong password: the run stops at the login, nothing sent.
    let wrong = [("AMICUS_SMTP_PASSWORD", "wrong")];
    let run = project.amicus_with_env(&["send", "--smtp", &url, "--yes", "--insecure"], &wrong);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("refused the login"), "{}", run.stderr());
    assert!(run.stderr().contains("0 accepted, 0 refused, 5 not sent"), "{}", run.stderr());
    assert!(smtp.mailbox().received.is_empty());

    // --insecure takes the certificate; STARTTLS, then the login, then the messages.
    let run = project.amicus_with_env(&["send", "--smtp", &url, "--yes", "--insecure"], &password);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(smtp.recipients(), ADDRESSED);

    // The password from a credentials file outside the project; one inside it is refused.
    let outside = tempfile::tempdir().unwrap();
    let host = "127.0.0.1";
    let credentials = outside.path().join("credentials");
    std::fs::write(&credentials, format!("# host user password\n{host} advocacy correct horse\n")).unwrap();
    let run = project.amicus(&[
        "send",
        "--smtp",
        &url,
        "--dry-run",
        "--insecure",
        "--credentials",
        credentials.to_str().unwrap(),
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("took the connection"), "{}", run.stderr());
    let inside = project.write("credentials", &format!("{host} advocacy correct horse\n"));
    let run =
        project.amicus(&["send", "--smtp", &url, "--dry-run", "--insecure", "--credentials", inside.to_str().unwrap()]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("the credentials file is inside the project"), "{}", run.stderr());
}
