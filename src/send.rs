//! Sending the letters' messages: `amicus send` hands each built `.eml` to an SMTP server, one
//! message per recipient, once.
//!
//! Contract: only a message the manifest records as one of a letter's files is sent, and only
//! while its letter is up to date with what it was made from (the build, asked only to plan,
//! would make nothing again and still wants every one of them): a case corrected since the
//! build is not sent until it is built and read again. Each message goes to the one address
//! its `To` header names, with no copy to anyone; a message that names others (`Cc`, `Bcc`),
//! or whose lines do not all end in CRLF, is refused, and `X-Unsent`, which makes the built
//! file open as a draft, is taken out, and the `Date` is the moment it is sent. The send log (`<out>/send-log.jsonl`) gets a line, on
//! disk before anything else is said to the server, as soon as it answers the end of a
//! message. A letter of a case, kind and language whose recipient's address the log holds as
//! accepted is never sent to that address again: unchanged, it is skipped; changed since (or
//! under another file name), it is sent again only with `--resend`. A message the server was
//! given whole but never answered ("uncertain": it may have been delivered) is not sent again
//! without `--resend` either. Only what fails before the end of a message is offered again:
//! a temporary refusal (4xx) or a lost connection, after a pause that doubles; a permanent
//! refusal (5xx) is logged and the others go on; a refused login or sender stops the run. Each
//! message has a connection of its own; one send at a time holds the output folder's lock, as
//! a build does. What no client can rule out: a server that took a message in the instant the
//! process was killed, before the log line was written, gets it again on the next run.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::transport::smtp::Error as SmtpError;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use serde::{Deserialize, Serialize};

use crate::build::{self, BuildPlan};
use crate::case::Date;
use crate::diag::{Diagnostic, count};
use crate::manifest::{self, Manifest};
use crate::{email, export, files, output};

/// The send log's file name in the output folder.
pub const LOG_FILE: &str = "send-log.jsonl";
/// Where the SMTP password is read from first.
pub const PASSWORD_VARIABLE: &str = "AMICUS_SMTP_PASSWORD";
/// How long to wait for the server's answer.
const TIMEOUT: Duration = Duration::from_secs(60);
/// What to build again with when a letter is not ready to send.
const BUILD_AGAIN: &str = "amicus build --recipients FILE";
/// How many times a message is offered while the server answers "try again later".
const ATTEMPTS: u32 = 5;
/// The pause before the second attempt; it doubles for each after.
const FIRST_PAUSE: Duration = Duration::from_secs(1);
/// A message larger than this was not written by amicus.
const MESSAGE_LIMIT: u64 = 64 << 20;

/// Everything `amicus send` was asked, decided before any connection.
#[derive(Debug, Clone)]
pub struct SendPlan {
    /// The project, the output folder, and which letters (cases, kinds, languages).
    pub build: BuildPlan,
    pub server: Server,
    /// Plain SMTP when the server offers no STARTTLS, and any certificate: for a test server.
    pub insecure: bool,
    /// Send again the letters changed since they were sent, and those a server took whole but
    /// never answered.
    pub resend: bool,
    /// At most this many messages a minute.
    pub rate: Option<u32>,
    /// Send only the first message, to this address instead of its recipient.
    pub test_to: Option<String>,
    /// The credentials file [default: `~/.config/amicus/credentials`].
    pub credentials: Option<PathBuf>,
}

/// The SMTP server, from `smtp://[USER@]HOST[:PORT]` or `smtps://...`.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    pub host: String,
    pub port: u16,
    /// `smtps://`: TLS from the first byte; otherwise STARTTLS.
    pub implicit_tls: bool,
    pub user: Option<String>,
}

impl Server {
    /// Reads `--smtp`. A password in it is refused: command lines are seen by every user of
    /// the machine and kept in shell histories.
    pub fn parse(text: &str) -> Result<Server, String> {
        let (implicit_tls, rest) = match text.split_once("://") {
            Some(("smtp", rest)) => (false, rest),
            Some(("smtps", rest)) => (true, rest),
            _ => {
                return Err(format!(
                    "`--smtp {text}`: give the server as smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT (TLS)"
                ));
            }
        };
        let rest = rest.trim_end_matches('/');
        let (user, place) = match rest.rsplit_once('@') {
            Some((user, place)) => (Some(user), place),
            None => (None, rest),
        };
        if let Some(user) = user.filter(|u| u.contains(':')) {
            let name = user.split(':').next().unwrap_or_default();
            return Err(format!(
                "`--smtp`: a password on the command line can be read by others on this machine; give only the user \
                 (smtp://{name}@...) and the password in the environment variable {PASSWORD_VARIABLE} or a credentials file"
            ));
        }
        let (host, port) = match place.rsplit_once(':') {
            Some((host, port)) => {
                let port = port.parse().map_err(|_| format!("`--smtp {text}`: `{port}` is not a port number"))?;
                (host, port)
            }
            None => (place, if implicit_tls { 465 } else { 587 }),
        };
        if host.is_empty() || host.contains(['/', '?', '#', ' ']) {
            return Err(format!("`--smtp {text}`: `{host}` is not a server name"));
        }
        Ok(Server {
            host: host.to_owned(),
            port,
            implicit_tls,
            user: user.filter(|u| !u.is_empty()).map(str::to_owned),
        })
    }

    /// `smtp://HOST:PORT`, without the user.
    pub fn url(&self) -> String {
        format!("{}://{}:{}", if self.implicit_tls { "smtps" } else { "smtp" }, self.host, self.port)
    }
}

/// One message to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The `.eml`, relative to the output folder.
    pub file: String,
    /// `kanaliyev-2021 mep-letter (en)`.
    pub label: String,
    /// The recipient's address, from the `To` header.
    pub address: String,
    pub from: String,
    pub message_id: String,
    /// The hash of the bytes to send. They are read again when sent (a thousand letters are
    /// not held in memory), and sent only if they still hash the same.
    pub hash: String,
}

/// What a send will do, shown before it does it.
#[derive(Debug, Default)]
pub struct Prepared {
    pub to_send: Vec<Outgoing>,
    /// Accepted by a server before, unchanged.
    pub already_sent: usize,
    /// Accepted before and changed since, not sent again without `--resend`.
    pub changed: Vec<String>,
    /// Given whole to a server that never answered: perhaps delivered, not sent again without
    /// `--resend`.
    pub uncertain: Vec<String>,
    /// A second letter of the same case, kind and language to an address already given one
    /// (two rows of the list with one address): not sent.
    pub same_address: Vec<String>,
}

/// How a send went.
#[derive(Debug, Default)]
pub struct Sent {
    pub accepted: usize,
    /// The messages refused, with the server's answer.
    pub failed: Vec<(String, String)>,
    /// The messages given whole that the server never answered.
    pub uncertain: Vec<String>,
    /// Not tried: the run stopped before them.
    pub not_tried: usize,
    /// Why the run stopped before the end.
    pub stopped: Option<Diagnostic>,
}

/// How a message went, as the log says it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Accepted,
    Refused,
    /// Given whole, never answered.
    Uncertain,
    /// Sent with `--test-to`, to someone else.
    Test,
}

/// One line of the send log.
#[derive(Debug, Serialize, Deserialize)]
struct Logged {
    /// When, in UTC (RFC 3339).
    time: String,
    result: Outcome,
    file: String,
    to: String,
    message_id: String,
    hash: String,
    /// The server's answer.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    reply: String,
}

/// A letter with a message, as the manifest records it.
struct Letter {
    /// The letter's path in the output folder, the manifest's key.
    document: String,
    /// Its message's.
    message: String,
    label: String,
    about: manifest::About,
}

/// What the log knows a message by: the letters' folder (case and kind), the language, and the
/// address, in lower case. Not the file name, which a name corrected in the list changes.
type Key = (String, String);

fn key(file: &str, address: &str) -> Key {
    let folder = Path::new(file).parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    (format!("{folder} {}", lang_of(file)), address.to_ascii_lowercase())
}

/// The language of a letter's file, `<recipient>.<lang>.eml`.
fn lang_of(file: &str) -> &str {
    Path::new(file).file_stem().map(Path::new).and_then(Path::extension).and_then(|l| l.to_str()).unwrap_or_default()
}

/// Finds the messages to send and decides which the log says are sent. Errors say what must be
/// done first (build, build again).
pub fn prepare(plan: &SendPlan) -> Result<Prepared, Vec<Diagnostic>> {
    let out_dir = &plan.build.out_dir;
    let manifest = match Manifest::read(out_dir) {
        Ok(Some((manifest, _))) => manifest,
        Ok(None) => {
            return Err(vec![
                Diagnostic::error("nothing has been built here, so there is nothing to send")
                    .in_file(out_dir)
                    .hint(format!("build the letters first: {BUILD_AGAIN}")),
            ]);
        }
        Err(e) => return Err(vec![Diagnostic::error(e.what()).in_file(&out_dir.join(manifest::MANIFEST_FILE))]),
    };
    let wanted_cases: Vec<PathBuf> = plan.build.paths.iter().map(|p| files::canonical_or_given(p)).collect();
    let mut letters = Vec::new();
    for recorded in manifest.documents() {
        let Some(message) = recorded.files.iter().find(|f| f.ends_with(".eml")) else { continue };
        let path = Path::new(message);
        let kind = path.parent().and_then(Path::file_name).and_then(|k| k.to_str()).unwrap_or_default();
        let lang = lang_of(message);
        let about = recorded.about.cloned().unwrap_or_default();
        let case_file = about.case_file.as_deref().map(files::canonical_or_given);
        let case_matches = wanted_cases.is_empty()
            || case_file.as_ref().is_some_and(|file| wanted_cases.iter().any(|wanted| file.starts_with(wanted)));
        if !case_matches
            || !(plan.build.kinds.is_empty() || plan.build.kinds.iter().any(|k| k == kind))
            || !(plan.build.languages.is_empty() || plan.build.languages.iter().any(|l| l == lang))
        {
            continue;
        }
        let label = format!("{} {kind} ({lang})", about.case.as_deref().unwrap_or("?"));
        letters.push(Letter { document: recorded.document.to_owned(), message: (*message).to_owned(), label, about });
    }
    if letters.is_empty() {
        return Err(vec![Diagnostic::error("no built letter here has a message (.eml) to send")
            .in_file(out_dir)
            .hint(format!("messages are built for recipients with an e-mail address: {BUILD_AGAIN} (with an `email` column, or --join one)"))]);
    }
    let mut errors = out_of_date(plan, &letters);
    let log = read_log(out_dir).map_err(|e| vec![e])?;
    let mut prepared = Prepared::default();
    let mut this_run = std::collections::HashSet::new();
    for letter in letters {
        let outgoing = match read_message(out_dir, &letter.message, letter.label) {
            Ok((outgoing, _)) => outgoing,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let key = key(&outgoing.file, &outgoing.address);
        if !this_run.insert(key.clone()) {
            prepared.same_address.push(outgoing.file);
            continue;
        }
        match log.get(&key) {
            Some((Outcome::Accepted, hash)) if *hash == outgoing.hash => prepared.already_sent += 1,
            Some((Outcome::Uncertain, _)) if !plan.resend => prepared.uncertain.push(outgoing.file),
            Some(_) if !plan.resend => prepared.changed.push(outgoing.file),
            _ => prepared.to_send.push(outgoing),
        }
    }
    if errors.is_empty() { Ok(prepared) } else { Err(errors) }
}

/// The letters a build would make again, or would not make at all any more: their case, the
/// recipients list, a shared file or a template changed since they were built, the recipient
/// left the list, the case is no longer ready. Planned as each letter was built (its list,
/// date and `--final`), as `amicus clean` builds them again.
fn out_of_date(plan: &SendPlan, letters: &[Letter]) -> Vec<Diagnostic> {
    type How = (Option<PathBuf>, Option<PathBuf>, Option<String>, bool);
    let mut groups: HashMap<How, Vec<&Letter>> = HashMap::new();
    for letter in letters {
        let about = &letter.about;
        let how = (about.recipients.clone(), about.join.clone(), about.date.clone(), about.final_only == Some(true));
        groups.entry(how).or_default().push(letter);
    }
    let mut errors = Vec::new();
    for ((recipients, join, date, final_only), letters) in groups {
        let mut paths: Vec<PathBuf> = Vec::new();
        for file in letters.iter().filter_map(|l| l.about.case_file.clone()) {
            if !paths.contains(&file) {
                paths.push(file);
            }
        }
        let missing = paths.iter().find(|p| !p.exists());
        let (Some(recipients), None, false) = (recipients, missing, paths.is_empty()) else {
            errors.push(
                Diagnostic::error(format!(
                    "{} cannot be checked against what they were made from: {}",
                    count(letters.len(), "letter", "letters"),
                    match missing {
                        Some(file) => format!("their case file {} is gone", file.display()),
                        None =>
                            "the manifest does not say which case and recipients list they were built from".to_owned(),
                    }
                ))
                .in_file(&plan.build.out_dir)
                .hint(format!("build them again ({BUILD_AGAIN}), or withdraw them (amicus clean)")),
            );
            continue;
        };
        let check = BuildPlan {
            paths,
            kinds: Vec::new(),
            languages: Vec::new(),
            recipients: Some(recipients.clone()),
            join: join.clone(),
            selection: Default::default(),
            date: date.and_then(|d| Date::parse(&d).ok()),
            format: export::FORMATS[0],
            force: false,
            final_only,
            only: Some(letters.iter().map(|l| l.document.clone()).collect()),
            plan_only: true,
            ..plan.build.clone()
        };
        let report = match build::select_kinds(&check) {
            Ok(kinds) => build::build(&check, &kinds, &build::NoProgress),
            Err(_) => build::Report { built: letters.len(), ..Default::default() },
        };
        if report.up_to_date == letters.len() && report.success() {
            continue;
        }
        let mut rebuild = format!("amicus build --recipients {}", recipients.display());
        if let Some(join) = &join {
            rebuild.push_str(&format!(" --join {}", join.display()));
        }
        errors.push(
            Diagnostic::error(format!(
                "{} of {} no longer match what they were made from (the case, the recipients list, a shared file \
                 or a template changed since they were built): their messages are not sent",
                count((letters.len() - report.up_to_date).max(1), "letter", "letters"),
                letters.len()
            ))
            .in_file(&plan.build.out_dir)
            .hint(format!(
                "build them again and read them before sending: {rebuild}; a letter to someone no longer on the \
                 list, or of a case no longer ready, is withdrawn with amicus clean"
            )),
        );
        errors.extend(report.diagnostics.into_iter().filter(Diagnostic::is_error));
        errors.extend(report.failed.into_iter().flat_map(|f| f.diagnostics));
    }
    errors
}

/// Reads a built message, checks that it is one amicus makes (one recipient, no copies), and
/// takes out `X-Unsent`.
fn read_message(out_dir: &Path, file: &str, label: String) -> Result<(Outgoing, Vec<u8>), Diagnostic> {
    let path = out_dir.join(file);
    let bytes = files::read_capped(&path, MESSAGE_LIMIT).map_err(|e| {
        Diagnostic::error(e.what()).in_file(&path).hint("build the letters again: amicus build --recipients FILE")
    })?;
    let refuse = |why: &str| {
        Diagnostic::error(format!("this message {why}, so it is not one amicus built as it is: it is not sent"))
            .in_file(&path)
            .hint("build it again (amicus build --force --recipients FILE) rather than edit it")
    };
    // A line feed without its carriage return (or the reverse) could end the message early
    // on a lenient server, and what follows be read as commands.
    let bare = bytes.iter().enumerate().any(|(i, b)| match b {
        b'\n' => i == 0 || bytes[i - 1] != b'\r',
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    });
    if bare {
        return Err(refuse("has a line not ended by CRLF"));
    }
    let end = header_end(&bytes).ok_or_else(|| refuse("has no end to its headers"))?;
    let head = std::str::from_utf8(&bytes[..end]).map_err(|_| refuse("has headers that are not UTF-8"))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        match (line.starts_with([' ', '\t']), headers.last_mut()) {
            (true, Some((_, value))) => value.push_str(line),
            _ => {
                let (name, value) = line.split_once(':').ok_or_else(|| refuse("has a header line without a name"))?;
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
    }
    let one = |name: &str| -> Result<&str, Diagnostic> {
        let mut found = headers.iter().filter(|(n, _)| n == name);
        match (found.next(), found.next()) {
            (Some((_, value)), None) => Ok(value),
            (None, _) => Err(refuse(&format!("has no `{name}` header"))),
            (Some(_), Some(_)) => Err(refuse(&format!("has more than one `{name}` header"))),
        }
    };
    if let Some((name, _)) =
        headers.iter().find(|(n, _)| matches!(n.as_str(), "cc" | "bcc") || n.starts_with("resent-"))
    {
        return Err(refuse(&format!("has a `{name}` header (a copy to someone else)")));
    }
    let from = one("from")?.to_owned();
    let message_id = one("message-id")?.trim_matches(['<', '>']).to_owned();
    let address = angle_address(one("to")?).ok_or_else(|| refuse("names no single plain address in `To`"))?;
    angle_address(&from).ok_or_else(|| refuse("names no single plain address in `From`"))?;
    let bytes = without_header(&bytes, end, "X-Unsent");
    let hash = format!("{:032x}", manifest::hash_inputs(&bytes));
    Ok((Outgoing { file: file.to_owned(), label, address, from, message_id, hash }, bytes))
}

/// Where a message's headers end: the CRLF before the blank line.
fn header_end(bytes: &[u8]) -> Option<usize> {
    bytes.windows(4).position(|w| w == b"\r\n\r\n")
}

/// The address between the last `<` and `>` of a header amicus wrote, when it is one plain
/// address.
fn angle_address(value: &str) -> Option<String> {
    // Outside a quoted display name, one `<` and no list of several.
    let (mut quoted, mut escaped, mut opened) = (false, false, 0);
    for c in value.chars() {
        match (quoted, escaped, c) {
            (true, false, '\\') => escaped = true,
            (true, true, _) => escaped = false,
            (_, false, '"') => quoted = !quoted,
            (false, _, '<') => opened += 1,
            (false, _, ',') => return None,
            _ => {}
        }
    }
    (opened == 1 && !quoted).then_some(())?;
    let (_, rest) = value.rsplit_once('<')?;
    let (address, after) = rest.split_once('>')?;
    (after.trim().is_empty()).then_some(())?;
    email::address(address).map(str::to_owned)
}

/// The message without the header `name` (and its continuation lines), `end` being where the
/// headers end.
fn without_header(bytes: &[u8], end: usize, name: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut dropping = false;
    for line in bytes[..end].split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let continues = line.first().is_some_and(|b| *b == b' ' || *b == b'\t');
        if !continues {
            dropping = line.len() > name.len()
                && line[..name.len()].eq_ignore_ascii_case(name.as_bytes())
                && line[name.len()] == b':';
        }
        if !dropping {
            out.extend_from_slice(line);
            out.extend_from_slice(b"\r\n");
        }
    }
    // `end` is the headers' last CRLF; the blank line and the body follow it.
    out.truncate(out.len() - 2);
    out.extend_from_slice(&bytes[end..]);
    out
}

/// What the log says of each message it names ([`key`]): the last outcome that counts (a
/// refusal leaves an earlier acceptance standing) and the hash of what went. A line cut off
/// by a killed run (the last, without its line end) is left out; `send` removes it before
/// writing.
fn read_log(out_dir: &Path) -> Result<HashMap<Key, (Outcome, String)>, Diagnostic> {
    let path = log_path(out_dir);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(e) => {
            return Err(Diagnostic::error(format!("cannot read the send log: {e}"))
                .in_file(&path)
                .hint("the send log says what was sent already: without it, nothing is sent"));
        }
    };
    let whole = whole_lines(&bytes);
    let mut sent = HashMap::new();
    for (index, line) in bytes[..whole].split(|b| *b == b'\n').enumerate().filter(|(_, l)| !l.is_empty()) {
        let logged: Logged = serde_json::from_str(&String::from_utf8_lossy(line)).map_err(|e| {
            Diagnostic::error(format!("line {} of the send log is damaged: {e}", index + 1))
                .in_file(&path)
                .hint("each line is one message; open the log in a text editor and mend that line, or remove it only if you know its message was not sent: until then nothing is sent, so that nothing goes twice")
        })?;
        if matches!(logged.result, Outcome::Accepted | Outcome::Uncertain) {
            sent.insert(key(&logged.file, &logged.to), (logged.result, logged.hash));
        }
    }
    Ok(sent)
}

/// The send log of an output folder.
pub fn log_path(out_dir: &Path) -> PathBuf {
    out_dir.join(LOG_FILE)
}

/// The length of `bytes` up to and with its last line end: its whole lines.
fn whole_lines(bytes: &[u8]) -> usize {
    bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1)
}

/// The password of the user `--smtp` names, if it names one.
fn credentials(plan: &SendPlan) -> Result<Option<Credentials>, Diagnostic> {
    match &plan.server.user {
        Some(user) => Ok(Some(Credentials::new(user.clone(), password(plan, user)?))),
        None => Ok(None),
    }
}

/// The password of `user`: `AMICUS_SMTP_PASSWORD`, else the line `HOST USER PASSWORD` of the
/// credentials file (the password is the rest of the line), which must not be inside the
/// project (projects are shared and committed).
fn password(plan: &SendPlan, user: &str) -> Result<String, Diagnostic> {
    if let Ok(password) = std::env::var(PASSWORD_VARIABLE) {
        return Ok(password);
    }
    let file = plan.credentials.clone().or_else(|| {
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))?;
        Some(config.join("amicus/credentials"))
    });
    let hint = format!(
        "set the environment variable {PASSWORD_VARIABLE}, or write the line `{} {user} PASSWORD` into ~/.config/amicus/credentials (or a file given with --credentials), outside the project",
        plan.server.host
    );
    if let Some(given) = plan.credentials.as_ref().filter(|f| !f.exists()) {
        return Err(Diagnostic::error("the credentials file given with --credentials does not exist")
            .in_file(given)
            .hint(hint));
    }
    let Some(file) = file.filter(|f| f.exists()) else {
        return Err(Diagnostic::error(format!("no password for {user} at {}", plan.server.host)).hint(hint));
    };
    let project = files::canonical_or_given(&plan.build.root);
    if files::canonical_or_given(&file).starts_with(&project) {
        return Err(Diagnostic::error("the credentials file is inside the project, which others may be given or see")
            .in_file(&file)
            .hint("move it out of the project, for example to ~/.config/amicus/credentials"));
    }
    let text = files::read_text_capped(&file, 1 << 20).map_err(|e| Diagnostic::error(e.what()).in_file(&file))?;
    // The password is the rest of the line: it may hold spaces.
    text.lines()
        .filter_map(|line| {
            let (host, rest) = line.trim().split_once(char::is_whitespace)?;
            let (name, password) = rest.trim_start().split_once(char::is_whitespace)?;
            (host == plan.server.host && name == user).then(|| password.trim().to_owned())
        })
        .next()
        .ok_or_else(|| {
            Diagnostic::error(format!("no line for {user} at {} in the credentials file", plan.server.host))
                .in_file(&file)
                .hint(hint)
        })
}

/// The connection to the server, opened when a message needs it.
struct Connection<'a> {
    plan: &'a SendPlan,
    tls: TlsParameters,
    credentials: Option<Credentials>,
    open: Option<SmtpConnection>,
}

/// Why a connection could not be opened.
enum Unopened {
    /// The network: worth trying again after a pause.
    Network(SmtpError),
    /// Encryption or the login: trying again will not help.
    Refused(Diagnostic),
}

impl<'a> Connection<'a> {
    fn new(plan: &'a SendPlan) -> Result<Connection<'a>, Diagnostic> {
        let tls = TlsParameters::builder(plan.server.host.clone())
            .dangerous_accept_invalid_certs(plan.insecure)
            .build_rustls()
            .map_err(|e| Diagnostic::error(format!("cannot set up TLS for {}: {e}", plan.server.host)))?;
        Ok(Connection { plan, tls, credentials: credentials(plan)?, open: None })
    }

    /// The open connection: connected, encrypted (STARTTLS unless `smtps://`), logged in.
    fn get(&mut self) -> Result<&mut SmtpConnection, Unopened> {
        // Every message closes the connection it used (see `send`): none is left open to reuse.
        let connection = self.connect()?;
        Ok(self.open.insert(connection))
    }

    fn connect(&self) -> Result<SmtpConnection, Unopened> {
        let (plan, server) = (self.plan, &self.plan.server);
        let hello = ClientId::default();
        let wrapper = server.implicit_tls.then_some(&self.tls);
        // A handshake that fails on the certificate comes back as a network error.
        let refused = |error: SmtpError| {
            let text = error.to_string().to_ascii_lowercase();
            match error.is_tls() || text.contains("certificate") || text.contains("tls") {
                true => Unopened::Refused(encryption_error(plan, &error)),
                false => Unopened::Network(error),
            }
        };
        let mut connection =
            SmtpConnection::connect((server.host.as_str(), server.port), Some(TIMEOUT), &hello, wrapper, None)
                .map_err(refused)?;
        if !server.implicit_tls {
            if connection.can_starttls() {
                connection
                    .starttls(&self.tls, &hello)
                    .map_err(|error| Unopened::Refused(encryption_error(plan, &error)))?;
            } else if !plan.insecure {
                connection.abort();
                return Err(Unopened::Refused(
                    Diagnostic::error(format!(
                        "{} does not offer STARTTLS: the letters would cross the network unencrypted",
                        server.url()
                    ))
                    .hint(ENCRYPTED_ONLY),
                ));
            }
        }
        if let Some(credentials) = &self.credentials {
            if let Err(error) = connection.auth(&[Mechanism::Plain, Mechanism::Login], credentials) {
                connection.abort();
                return Err(match error.status() {
                    Some(_) => Unopened::Refused(
                        Diagnostic::error(format!("{} refused the login: {error}", server.url())).hint(format!(
                            "check the user in --smtp and the password ({PASSWORD_VARIABLE} or the credentials file)"
                        )),
                    ),
                    None if error.is_client() => {
                        Unopened::Refused(Diagnostic::error(format!("cannot log in to {}: {error}", server.url())))
                    }
                    None => Unopened::Network(error),
                });
            }
        }
        Ok(connection)
    }

    /// Offers one message on the open connection.
    fn deliver(&mut self, envelope: &Envelope, bytes: &[u8]) -> Delivery {
        let connection = match self.get() {
            Ok(connection) => connection,
            Err(Unopened::Network(error)) => return Delivery::NotSent(error),
            Err(Unopened::Refused(diagnostic)) => return Delivery::Stop(diagnostic),
        };
        let mut options = Vec::new();
        if !bytes.is_ascii() {
            if !connection.server_info().supports_feature(Extension::EightBitMime) {
                return Delivery::Refused {
                    reply: "the server takes no 8-bit messages (8BITMIME)".into(),
                    permanent: true,
                };
            }
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        let before_the_end = |error: SmtpError| match error.status() {
            Some(_) => Delivery::Refused { reply: error.to_string(), permanent: error.is_permanent() },
            None => Delivery::NotSent(error),
        };
        if let Err(error) = connection.command(Mail::new(envelope.from().cloned(), options)) {
            return match error.is_permanent() {
                // The sender refused: every message would be.
                true => Delivery::Stop(
                    Diagnostic::error(format!("{} refuses mail from this sender: {error}", self.plan.server.url()))
                        .hint("the sender's address (cases/_shared/senders/) must be one this server sends for"),
                ),
                false => before_the_end(error),
            };
        }
        for to in envelope.to() {
            if let Err(error) = connection.command(Rcpt::new(to.clone(), Vec::new())) {
                return before_the_end(error);
            }
        }
        if let Err(error) = connection.command(Data) {
            return before_the_end(error);
        }
        match connection.message(bytes) {
            Ok(response) => {
                Delivery::Accepted(format!("{} {}", response.code(), response.message().collect::<Vec<_>>().join(" ")))
            }
            Err(error) if error.status().is_some() => {
                Delivery::Refused { reply: error.to_string(), permanent: error.is_permanent() }
            }
            // The whole message went and no answer came: it may have been delivered.
            Err(error) => Delivery::Uncertain(error.to_string()),
        }
    }

    /// Closes a connection that failed; the next message opens a new one.
    fn drop_it(&mut self) {
        if let Some(mut connection) = self.open.take() {
            connection.abort();
        }
    }

    fn close(&mut self) {
        if let Some(mut connection) = self.open.take() {
            let _ = connection.quit();
        }
    }
}

/// How offering one message went.
enum Delivery {
    Accepted(String),
    /// The server said no: later (4xx) or never (5xx).
    Refused {
        reply: String,
        permanent: bool,
    },
    /// The connection failed before the end of the message: not delivered.
    NotSent(SmtpError),
    /// Given whole, never answered.
    Uncertain(String),
    /// Nothing more can be sent (the login, the sender, encryption).
    Stop(Diagnostic),
}

const ENCRYPTED_ONLY: &str = "amicus sends only over an encrypted connection: use the server's STARTTLS port (587) or \
                              smtps:// (465); --insecure allows plain SMTP, for a test server on this machine only";

fn encryption_error(plan: &SendPlan, error: &SmtpError) -> Diagnostic {
    Diagnostic::error(format!("no encrypted connection to {}: {error}", plan.server.url())).hint(
        "the server's certificate is not one a public authority vouches for, or its name is not the server's: \
         give the name the certificate is for in --smtp",
    )
}

/// Connects, encrypts and logs in: what `--dry-run` checks.
pub fn check_connection(plan: &SendPlan) -> Result<(), Diagnostic> {
    let mut connection = Connection::new(plan)?;
    match connection.get() {
        Ok(_) => {
            connection.close();
            Ok(())
        }
        Err(Unopened::Refused(diagnostic)) => Err(diagnostic),
        Err(Unopened::Network(error)) => Err(unreachable(plan, &error)),
    }
}

fn unreachable(plan: &SendPlan, error: &SmtpError) -> Diagnostic {
    Diagnostic::error(format!("cannot reach {}: {error}", plan.server.url()))
        .hint("check the server's name and port, and the network")
}

/// Sends the prepared messages in order, logging each as the server answers. `each` is told of
/// each message once it is done, with how it went. Stops at what no other message would get
/// past (the login, the sender, a server out of reach); what was sent is in the log.
pub fn send(plan: &SendPlan, prepared: &Prepared, each: &mut dyn FnMut(&Outgoing, Outcome)) -> Sent {
    let mut sent = Sent::default();
    let messages: &[Outgoing] = match plan.test_to {
        Some(_) => &prepared.to_send[..prepared.to_send.len().min(1)],
        None => &prepared.to_send,
    };
    let (mut connection, mut log) = match Connection::new(plan).and_then(|c| Ok((c, open_log(&plan.build.out_dir)?))) {
        Ok(opened) => opened,
        Err(diagnostic) => {
            sent.not_tried = messages.len();
            sent.stopped = Some(diagnostic);
            return sent;
        }
    };
    let interval = plan.rate.map(|per_minute| Duration::from_secs_f64(60.0 / f64::from(per_minute)));
    let mut last_start: Option<Instant> = None;
    for (index, message) in messages.iter().enumerate() {
        let stop = |sent: &mut Sent, diagnostic: Diagnostic| {
            sent.not_tried = messages.len() - index;
            sent.stopped = Some(diagnostic);
        };
        let bytes = match read_message(&plan.build.out_dir, &message.file, String::new()) {
            Ok((again, bytes)) if again.hash == message.hash => bytes,
            _ => {
                stop(
                    &mut sent,
                    Diagnostic::error(format!("{} changed while being sent", message.file))
                        .in_file(&plan.build.out_dir.join(&message.file))
                        .hint("run amicus send again, which checks the letters again"),
                );
                break;
            }
        };
        let bytes = dated_now(&bytes);
        let (to, bytes) = match &plan.test_to {
            Some(address) => (address.clone(), test_message(&bytes, address)),
            None => (message.address.clone(), bytes),
        };
        let envelope = match envelope(&message.from, &to) {
            Ok(envelope) => envelope,
            Err(diagnostic) => {
                stop(&mut sent, diagnostic);
                break;
            }
        };
        let mut pause = FIRST_PAUSE;
        let mut attempt = 1;
        let (outcome, reply) = loop {
            if let (Some(interval), Some(last)) = (interval, last_start) {
                std::thread::sleep(interval.saturating_sub(last.elapsed()));
            }
            last_start = Some(Instant::now());
            let delivery = connection.deliver(&envelope, &bytes);
            let again = match delivery {
                Delivery::Accepted(reply) => {
                    break (if plan.test_to.is_some() { Outcome::Test } else { Outcome::Accepted }, reply);
                }
                Delivery::Uncertain(reply) => break (Outcome::Uncertain, reply),
                Delivery::Refused { reply, permanent: true } => break (Outcome::Refused, reply),
                Delivery::Refused { reply, permanent: false } if attempt == ATTEMPTS => {
                    break (Outcome::Refused, reply);
                }
                Delivery::Refused { .. } => None,
                Delivery::NotSent(error) => Some(error),
                Delivery::Stop(diagnostic) => {
                    stop(&mut sent, diagnostic);
                    connection.drop_it();
                    return sent;
                }
            };
            connection.drop_it();
            if let Some(error) = again.filter(|_| attempt == ATTEMPTS) {
                stop(&mut sent, unreachable(plan, &error));
                return sent;
            }
            std::thread::sleep(pause);
            pause *= 2;
            attempt += 1;
        };
        // On disk before anything else is said to the server: a run killed now must not send
        // this message again.
        if let Err(e) = log.write(message, &to, outcome, &reply) {
            stop(
                &mut sent,
                Diagnostic::error(format!("{} was sent, but the send log cannot be written: {e}", message.file))
                    .in_file(&log_path(&plan.build.out_dir))
                    .hint("stopped, so that nothing is sent twice: free the disk, then run amicus send again"),
            );
            sent.not_tried -= 1;
            return sent;
        }
        match outcome {
            Outcome::Accepted | Outcome::Test => sent.accepted += 1,
            Outcome::Refused => sent.failed.push((message.file.clone(), reply)),
            Outcome::Uncertain => sent.uncertain.push(message.file.clone()),
        }
        // A connection for each message. One for all measured 44 ms a message against a server
        // on this machine, against 1 ms: the end of each message waited for the server's
        // delayed acknowledgement (Nagle's algorithm, which lettre has no setting to turn off).
        connection.close();
        each(message, outcome);
    }
    sent
}

/// The envelope: from the sender's address, to one recipient.
fn envelope(from: &str, to: &str) -> Result<Envelope, Diagnostic> {
    let from = angle_address(from).and_then(|a| a.parse().ok());
    let to = to.parse().map_err(|e| Diagnostic::error(format!("`{to}` is not an address a server takes: {e}")))?;
    Envelope::new(from, vec![to]).map_err(|e| Diagnostic::error(format!("cannot address the message: {e}")))
}

/// The send log, open to add lines to, each on disk before the next message.
struct Log {
    file: std::fs::File,
}

/// Opens the send log to append to, first removing a line a killed run cut off (it was never a
/// whole record).
fn open_log(out_dir: &Path) -> Result<Log, Diagnostic> {
    let path = log_path(out_dir);
    let fail = |e: std::io::Error| Diagnostic::error(format!("cannot write the send log: {e}")).in_file(&path);
    let file = std::fs::OpenOptions::new().create(true).read(true).append(true).open(&path).map_err(fail)?;
    let bytes = std::fs::read(&path).map_err(fail)?;
    let whole = whole_lines(&bytes);
    if whole < bytes.len() {
        file.set_len(whole as u64).map_err(fail)?;
    }
    Ok(Log { file })
}

impl Log {
    fn write(&mut self, message: &Outgoing, to: &str, result: Outcome, reply: &str) -> std::io::Result<()> {
        let line = Logged {
            time: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            result,
            file: message.file.clone(),
            to: to.to_owned(),
            message_id: message.message_id.clone(),
            hash: message.hash.clone(),
            reply: reply.to_owned(),
        };
        let mut text = serde_json::to_string(&line).expect("a log line serializes");
        text.push('\n');
        self.file.write_all(text.as_bytes())?;
        self.file.sync_data()
    }
}

/// The message with the header `name` set to `value` (first: the order of headers does not
/// matter, and no header's folded lines are split).
fn with_header(bytes: &[u8], name: &str, value: &str) -> Vec<u8> {
    let end = header_end(bytes).expect("checked when read");
    let mut out = format!("{name}: {value}\r\n").into_bytes();
    out.extend(without_header(bytes, end, name));
    out
}

/// The message as it goes: dated now, not on the letter's date, which a rebuild keeps and a
/// mailbox sorts by (a letter dated last month lands among last month's mail).
fn dated_now(bytes: &[u8]) -> Vec<u8> {
    with_header(bytes, "Date", &chrono::Utc::now().to_rfc2822())
}

/// The message as `--test-to` sends it: to `address` only, under a Message-ID of its own (a
/// mailbox that drops a second message with one Message-ID would otherwise hide the real one).
fn test_message(bytes: &[u8], address: &str) -> Vec<u8> {
    let domain = address.rsplit_once('@').map_or("amicus.invalid", |(_, domain)| domain);
    let id = manifest::hash_inputs(&(bytes, chrono::Utc::now().timestamp_nanos_opt()));
    with_header(&with_header(bytes, "To", &format!("<{address}>")), "Message-ID", &format!("<test-{id:032x}@{domain}>"))
}

/// Takes the output folder's lock for the whole send: a build must not change the messages
/// while they go, and two sends must not send the same message.
pub fn lock(out_dir: &Path, waiting: impl FnOnce()) -> Result<output::OutputLock, Diagnostic> {
    output::lock(out_dir, waiting)
        .map_err(|e| Diagnostic::error(format!("cannot lock the output folder: {e}")).in_file(out_dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_url_gives_host_port_and_tls_and_never_a_password() {
        let server = Server::parse("smtp://me@mail.example.org").unwrap();
        assert_eq!((server.host.as_str(), server.port, server.implicit_tls), ("mail.example.org", 587, false));
        assert_eq!(server.user.as_deref(), Some("me"));
        let server = Server::parse("smtps://mail.example.org:2465/").unwrap();
        assert_eq!((server.port, server.implicit_tls, server.user), (2465, true, None));
        assert!(Server::parse("smtp://me:secret@mail.example.org").unwrap_err().contains(PASSWORD_VARIABLE));
        assert!(Server::parse("http://mail.example.org").is_err());
        assert!(Server::parse("smtp://mail.example.org:port").is_err());
    }

    #[test]
    fn a_header_is_taken_out_with_its_folded_lines_and_nothing_else() {
        let message =
            b"From: a@example.org\r\nX-Unsent: 1\r\n\tfolded\r\nTo: <b@example.org>\r\n\r\nX-Unsent: body\r\n";
        let end = header_end(message).unwrap();
        let out = without_header(message, end, "X-Unsent");
        assert_eq!(out, b"From: a@example.org\r\nTo: <b@example.org>\r\n\r\nX-Unsent: body\r\n");
        let test = String::from_utf8(test_message(&out, "me@example.org")).unwrap();
        assert!(test.starts_with("Message-ID: <test-"), "{test}");
        assert!(
            test.ends_with("@example.org>\r\nTo: <me@example.org>\r\nFrom: a@example.org\r\n\r\nX-Unsent: body\r\n"),
            "{test}"
        );
    }

    #[test]
    fn only_one_plain_address_in_angle_brackets_is_taken() {
        assert_eq!(angle_address("\"Eve\" <eve@example.eu>").as_deref(), Some("eve@example.eu"));
        assert_eq!(angle_address("=?utf-8?q?Zofia?= <z@example.eu>").as_deref(), Some("z@example.eu"));
        assert_eq!(angle_address("\"Example, \\\"Org\\\" <x>\" <a@example.org>").as_deref(), Some("a@example.org"));
        assert_eq!(angle_address("<a@example.eu>, <b@example.eu>"), None);
        assert_eq!(angle_address("eve@example.eu"), None);
    }
}
