//! Sending the letters' messages: `amicus send` hands each built `.eml` to an SMTP server, one
//! message per recipient, once.
//!
//! Contract: only a message the manifest records as one of a letter's files is sent, and only
//! while its letter is up to date with what it was made from (the build, asked only to plan,
//! would make nothing again): a case corrected since the build is not sent until it is built
//! and read again. Each message goes to the one address its `To` header names, with no copy to
//! anyone; a message that names others (`Cc`, `Bcc`) is refused, and `X-Unsent`, which makes
//! the built file open as a draft, is taken out. The send log (`<out>/send-log.jsonl`) gets a
//! line, on disk before the next message is sent, as soon as the server accepts a message: a
//! message whose file, recipient and content the log holds as accepted is never sent again,
//! and one whose content changed since is sent again only with `--resend`. A temporary refusal
//! (4xx) or a lost connection is tried again after a pause that doubles; a permanent refusal
//! (5xx) is logged and the others go on. One send at a time: it holds the output folder's
//! lock, as a build does. What no client can close: a server that accepted a message when the
//! process was killed before its line was written gets it again on the next run (the log is
//! written within a millisecond of the acceptance).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lettre::Transport;
use lettre::address::Envelope;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
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
    /// Send again the letters changed since they were sent.
    pub resend: bool,
    /// At most this many messages a minute.
    pub rate: Option<u32>,
    /// Send only the first message, to this address instead of its recipient.
    pub test_to: Option<String>,
    /// Connect and check everything, send nothing.
    pub dry_run: bool,
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

    fn url(&self) -> String {
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
    /// The recipient as the `To` header names them, and their address.
    pub to: String,
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
}

/// How a send went.
#[derive(Debug, Default)]
pub struct Sent {
    pub accepted: usize,
    /// The messages refused, with the server's answer.
    pub failed: Vec<(String, String)>,
    /// Not tried: the server could not be reached any more.
    pub not_tried: usize,
}

/// One line of the send log.
#[derive(Debug, Serialize, Deserialize)]
struct Logged {
    /// When, in UTC (RFC 3339).
    time: String,
    /// `accepted`, `refused` or `test` (sent with `--test-to`, to someone else).
    result: String,
    file: String,
    to: String,
    message_id: String,
    hash: String,
    /// The server's answer.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    reply: String,
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
                    .hint("build the letters first: amicus build --kind mep-letter --recipients FILE"),
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
        let lang =
            path.file_stem().map(Path::new).and_then(Path::extension).and_then(|l| l.to_str()).unwrap_or_default();
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
        letters.push((recorded.document.to_owned(), (*message).to_owned(), label, about));
    }
    if letters.is_empty() {
        return Err(vec![Diagnostic::error("no built letter here has a message (.eml) to send")
            .in_file(out_dir)
            .hint("messages are built for recipients with an e-mail address: amicus build --recipients FILE (with an `email` column, or --join one)")]);
    }
    let mut errors = out_of_date(plan, &letters);
    let log = read_log(out_dir).map_err(|e| vec![e])?;
    let mut prepared = Prepared::default();
    for (_, file, label, _) in letters {
        let outgoing = match read_message(out_dir, &file, label) {
            Ok((outgoing, _)) => outgoing,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match log.get(&(outgoing.file.clone(), outgoing.address.clone())) {
            Some(hash) if *hash == outgoing.hash => prepared.already_sent += 1,
            Some(_) if !plan.resend => prepared.changed.push(outgoing.file),
            _ => prepared.to_send.push(outgoing),
        }
    }
    if errors.is_empty() { Ok(prepared) } else { Err(errors) }
}

/// The letters a build would make again: their case, the recipients list, a shared file or a
/// template changed since they were built. Planned as each letter was built (its list, date
/// and `--final`), as `amicus clean` builds them again.
fn out_of_date(plan: &SendPlan, letters: &[(String, String, String, manifest::About)]) -> Vec<Diagnostic> {
    type How = (Option<PathBuf>, Option<PathBuf>, Option<String>, bool);
    let mut groups: HashMap<How, Vec<&(String, String, String, manifest::About)>> = HashMap::new();
    for letter in letters {
        let about = &letter.3;
        let how = (about.recipients.clone(), about.join.clone(), about.date.clone(), about.final_only == Some(true));
        groups.entry(how).or_default().push(letter);
    }
    let mut errors = Vec::new();
    for ((recipients, join, date, final_only), letters) in groups {
        let mut paths: Vec<PathBuf> = Vec::new();
        for file in letters.iter().filter_map(|l| l.3.case_file.clone()) {
            if !paths.contains(&file) {
                paths.push(file);
            }
        }
        let missing = paths.iter().find(|p| !p.exists());
        let (Some(recipients), None) = (recipients, missing) else {
            errors.push(
                Diagnostic::error(format!(
                    "{} cannot be checked against what they were made from: {}",
                    count(letters.len(), "letter", "letters"),
                    match missing {
                        Some(file) => format!("their case file {} is gone", file.display()),
                        None => "the manifest does not say which recipients list they were built from".to_owned(),
                    }
                ))
                .in_file(&plan.build.out_dir)
                .hint("build them again (amicus build --recipients FILE), or withdraw them (amicus clean)"),
            );
            continue;
        };
        let check = BuildPlan {
            paths,
            kinds: Vec::new(),
            languages: Vec::new(),
            recipients: Some(recipients.clone()),
            join: join.clone(),
            date: date.and_then(|d| Date::parse(&d).ok()),
            format: export::FORMATS[0],
            force: false,
            final_only,
            only: Some(letters.iter().map(|l| l.0.clone()).collect()),
            plan_only: true,
            ..plan.build.clone()
        };
        let report = match build::select_kinds(&check) {
            Ok(kinds) => build::build(&check, &kinds, &build::NoProgress),
            Err(_) => continue,
        };
        let stale = report.built + report.failed.len();
        if stale > 0 || !report.success() {
            let mut rebuild = format!("amicus build --recipients {}", recipients.display());
            if let Some(join) = &join {
                rebuild.push_str(&format!(" --join {}", join.display()));
            }
            errors.push(
                Diagnostic::error(format!(
                    "{} of {} no longer match what they were made from (the case, the recipients list, a shared file \
                     or a template changed since they were built): their messages are not sent",
                    count(stale.max(1), "letter", "letters"),
                    letters.len()
                ))
                .in_file(&plan.build.out_dir)
                .hint(format!("build them again and read them before sending: {rebuild}")),
            );
            errors.extend(report.diagnostics.into_iter().filter(Diagnostic::is_error));
            errors.extend(report.failed.into_iter().flat_map(|f| f.diagnostics));
        }
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
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| refuse("has no end to its headers"))?;
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
    let to = one("to")?.to_owned();
    let from = one("from")?.to_owned();
    let message_id = one("message-id")?.trim_matches(['<', '>']).to_owned();
    let address = angle_address(&to).ok_or_else(|| refuse("names no single plain address in `To`"))?;
    angle_address(&from).ok_or_else(|| refuse("names no single plain address in `From`"))?;
    let bytes = without_header(&bytes, end, "X-Unsent");
    let hash = format!("{:032x}", manifest::hash_inputs(&bytes));
    Ok((Outgoing { file: file.to_owned(), label, to, address, from, message_id, hash }, bytes))
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

/// The accepted messages in the log: (file, address) to the hash of what was accepted, the last
/// accepted of each.
fn read_log(out_dir: &Path) -> Result<HashMap<(String, String), String>, Diagnostic> {
    let path = out_dir.join(LOG_FILE);
    let text = match files::read_text_capped(&path, 1 << 30) {
        Ok(text) => text,
        Err(e) if !path.exists() => {
            drop(e);
            return Ok(HashMap::new());
        }
        Err(e) => {
            return Err(Diagnostic::error(e.what())
                .in_file(&path)
                .hint("the send log says what was sent already: without it, nothing is sent"));
        }
    };
    let mut accepted = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        match serde_json::from_str::<Logged>(line) {
            Ok(logged) if logged.result == "accepted" => {
                accepted.insert((logged.file, logged.to), logged.hash);
            }
            Ok(_) => {}
            // A line cut off by a killed run is the last one; any other is damage.
            Err(_) if index + 1 == text.lines().count() && !text.ends_with('\n') => {}
            Err(e) => {
                return Err(Diagnostic::error(format!("line {} of the send log cannot be read: {e}", index + 1))
                    .in_file(&path)
                    .hint("mend or remove that line: the send log says what was sent already, so nothing is sent while it cannot be read"));
            }
        }
    }
    Ok(accepted)
}

/// Opens the SMTP connection settings, with the password from the environment or the
/// credentials file when the server URL names a user.
fn transport(plan: &SendPlan) -> Result<SmtpTransport, Diagnostic> {
    let server = &plan.server;
    let parameters = TlsParameters::builder(server.host.clone())
        .dangerous_accept_invalid_certs(plan.insecure)
        .build_rustls()
        .map_err(|e| Diagnostic::error(format!("cannot set up TLS for {}: {e}", server.host)))?;
    let tls = match (server.implicit_tls, plan.insecure) {
        (true, _) => Tls::Wrapper(parameters),
        (false, false) => Tls::Required(parameters),
        (false, true) => Tls::Opportunistic(parameters),
    };
    let mut builder = SmtpTransport::builder_dangerous(server.host.as_str())
        .port(server.port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(60)));
    if let Some(user) = &server.user {
        builder = builder.credentials(Credentials::new(user.clone(), password(plan, user)?));
    }
    Ok(builder.build())
}

/// The password of `user`: `AMICUS_SMTP_PASSWORD`, else the line `HOST USER PASSWORD` of the
/// credentials file, which must not be inside the project (projects are shared and committed).
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
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>())
        .find(|words| words.len() == 3 && words[0] == plan.server.host && words[1] == user)
        .map(|words| words[2].to_owned())
        .ok_or_else(|| {
            Diagnostic::error(format!("no line for {user} at {} in the credentials file", plan.server.host))
                .in_file(&file)
                .hint(hint)
        })
}

/// Connects and says hello (and logs in, and starts TLS): what `--dry-run` checks.
pub fn check_connection(plan: &SendPlan) -> Result<(), Diagnostic> {
    let transport = transport(plan)?;
    match transport.test_connection() {
        Ok(true) => Ok(()),
        Ok(false) => Err(Diagnostic::error(format!("{} did not answer as an SMTP server", plan.server.url()))),
        Err(e) => Err(connection_error(plan, &e)),
    }
}

fn connection_error(plan: &SendPlan, error: &lettre::transport::smtp::Error) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(format!("cannot send through {}: {error}", plan.server.url()));
    if error.is_tls() || (!plan.insecure && !plan.server.implicit_tls && error.is_client()) {
        diagnostic = diagnostic.hint(
            "amicus sends only over an encrypted connection: use the server's STARTTLS port (587) or smtps:// (465); \
             --insecure allows plain SMTP, for a test server on this machine only",
        );
    }
    diagnostic
}

/// Sends the prepared messages in order, logging each as the server answers. `each` is told of
/// each message once it is done, with whether it was accepted.
pub fn send(plan: &SendPlan, prepared: &Prepared, each: &mut dyn FnMut(&Outgoing, bool)) -> Result<Sent, Diagnostic> {
    let transport = transport(plan)?;
    let log_path = plan.build.out_dir.join(LOG_FILE);
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log_path)
        .map_err(|e| Diagnostic::error(format!("cannot write the send log: {e}")).in_file(&log_path))?;
    // A line cut off by a killed run: the next starts on a line of its own.
    if std::fs::read(&log_path).is_ok_and(|text| !text.is_empty() && !text.ends_with(b"\n")) {
        let _ = log.write_all(b"\n");
    }
    let interval = plan.rate.map(|per_minute| Duration::from_secs_f64(60.0 / f64::from(per_minute.max(1))));
    let mut sent = Sent::default();
    let mut last_start: Option<Instant> = None;
    let messages: Vec<&Outgoing> = match plan.test_to {
        Some(_) => prepared.to_send.iter().take(1).collect(),
        None => prepared.to_send.iter().collect(),
    };
    for (index, message) in messages.iter().enumerate() {
        if let (Some(interval), Some(last)) = (interval, last_start) {
            std::thread::sleep(interval.saturating_sub(last.elapsed()));
        }
        last_start = Some(Instant::now());
        let bytes = match read_message(&plan.build.out_dir, &message.file, String::new()) {
            Ok((again, bytes)) if again.hash == message.hash => bytes,
            _ => {
                return Err(Diagnostic::error(format!("{} changed while being sent", message.file))
                    .in_file(&plan.build.out_dir.join(&message.file))
                    .hint("stopped: run amicus send again, which checks the letters again"));
            }
        };
        let (to, bytes) = match &plan.test_to {
            Some(address) => (address.clone(), addressed_to(&bytes, address)),
            None => (message.address.clone(), bytes),
        };
        let from = angle_address(&message.from).expect("checked when read");
        let envelope = Envelope::new(
            Some(from.parse().expect("a plain address")),
            vec![to.parse().map_err(|e| Diagnostic::error(format!("`{to}` is not an address a server takes: {e}")))?],
        )
        .expect("one recipient");
        let (result, reply) = match offer(&transport, &envelope, &bytes) {
            Ok(reply) => (if plan.test_to.is_some() { "test" } else { "accepted" }, reply),
            Err(error) if error.status().is_some() => ("refused", error.to_string()),
            Err(error) => {
                // The server cannot be reached: the rest would fail the same way; they are sent
                // on the next run.
                sent.not_tried = messages.len() - index;
                return Err(connection_error(plan, &error).hint(format!(
                    "{} not sent; run amicus send again to send them",
                    count(sent.not_tried, "message", "messages")
                )));
            }
        };
        let line = Logged {
            time: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            result: result.to_owned(),
            file: message.file.clone(),
            to: to.clone(),
            message_id: message.message_id.clone(),
            hash: message.hash.clone(),
            reply: reply.clone(),
        };
        let mut text = serde_json::to_string(&line).expect("a log line serializes");
        text.push('\n');
        // On disk before the next message: a run killed now must not send this one again.
        log.write_all(text.as_bytes()).and_then(|()| log.sync_data()).map_err(|e| {
            Diagnostic::error(format!("{} was sent, but the send log cannot be written: {e}", message.file))
                .in_file(&log_path)
                .hint("stopped, so that nothing is sent twice: free the disk, then run amicus send again")
        })?;
        let accepted = result != "refused";
        match accepted {
            true => sent.accepted += 1,
            false => sent.failed.push((message.file.clone(), reply)),
        }
        each(message, accepted);
    }
    Ok(sent)
}

/// Offers one message, again after a pause while the server answers "later" (4xx) or the
/// connection drops; the server's answer.
fn offer(
    transport: &SmtpTransport,
    envelope: &Envelope,
    bytes: &[u8],
) -> Result<String, lettre::transport::smtp::Error> {
    let mut pause = FIRST_PAUSE;
    let mut attempt = 1;
    loop {
        match transport.send_raw(envelope, bytes) {
            Ok(response) => {
                return Ok(format!("{} {}", response.code(), response.message().collect::<Vec<_>>().join(" ")));
            }
            Err(error) if attempt < ATTEMPTS && (error.is_transient() || error.status().is_none()) => {
                std::thread::sleep(pause);
                pause *= 2;
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// The message with its `To` header naming `address` only (`--test-to`).
fn addressed_to(bytes: &[u8], address: &str) -> Vec<u8> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("checked when read");
    // First: the order of headers does not matter, and no header's folded lines are split.
    let mut out = format!("To: <{address}>\r\n").into_bytes();
    out.extend(without_header(bytes, end, "To"));
    out
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
        let end = message.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let out = without_header(message, end, "X-Unsent");
        assert_eq!(out, b"From: a@example.org\r\nTo: <b@example.org>\r\n\r\nX-Unsent: body\r\n");
        let test = addressed_to(&out, "me@example.org");
        assert_eq!(test, b"To: <me@example.org>\r\nFrom: a@example.org\r\n\r\nX-Unsent: body\r\n");
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
