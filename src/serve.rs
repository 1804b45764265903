//! `amicus serve`: a web editor on the user's own machine, for people who do not write YAML.
//!
//! Contract: one [`Workspace`] over a project folder is what every request works on, as one
//! `Site` is what zola's `build` and `serve` both drive; the HTTP layer stays thin. A request
//! is served only when it comes from the browser the user opened: the address printed holds a
//! random token, exchanged for a cookie on the first visit; the `Host` must be 127.0.0.1 or
//! localhost (a page on another site that points its own name at 127.0.0.1 is refused); and a
//! request that changes anything must carry the editor's own `Origin`. The server listens on
//! 127.0.0.1 only, and every page, script and style is compiled into the binary.
//!
//! The workspace reads the project from disk on each request, so a file changed in a text
//! editor is seen at once. A preview is the case as the form holds it, written into its file's
//! text by [`crate::yamledit`] (so that check's messages point at the lines the save would
//! write), checked, and typeset in memory through the document API as page images; nothing is
//! written. A save writes that text atomically, after keeping the file's previous version
//! under `out/history/`, and refuses when the file changed on disk since the page read it
//! (then a merge of the two sets of changes is offered when they touch different fields).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::build::BuildPlan;
use crate::case::{self, Case, Loaded, SourceFile};
use crate::check;
use crate::diag::{Diagnostic, Severity};
use crate::document::{Documents, Kept, Subject};
use crate::export::{Export, Pdf, Png};
use crate::kind::Kind;
use crate::recipients::{self, Recipient};
use crate::schema::FileKind;
use crate::typeset::Typesetter;
use crate::yamledit;

/// The cookie that stands for the token once the printed address was opened, named after the
/// port: browsers do not keep cookies apart by port, and two editors must not overwrite each
/// other's.
fn cookie_name(port: u16) -> String {
    format!("amicus_editor_{port}")
}

/// What the editor works on: the project, its kinds, one typesetter for every preview (fonts
/// are loaded once), and the last preview's pages of each case, kind and language (replaced by
/// the next, so that memory does not grow with the number of previews).
pub struct Workspace {
    pub plan: BuildPlan,
    kinds: Vec<Kind>,
    typesetter: Typesetter,
    pages: Mutex<HashMap<String, Vec<Vec<u8>>>>,
    saving: Mutex<()>,
    /// The recipients list letters are made for, as the user last gave it (kept under
    /// `out/editor/`, so that it is still there when the editor starts again).
    recipients: Mutex<Option<Listed>>,
}

/// A recipients list letters go to: where it is kept, how many people it gives letters to, and
/// the first of them (a letter's preview is addressed to them). Read once when it is given.
#[derive(Clone)]
struct Listed {
    path: PathBuf,
    count: usize,
    first: Recipient,
}

impl Listed {
    fn load(path: &Path) -> Result<(Listed, Vec<Diagnostic>), Vec<Diagnostic>> {
        let (list, warnings) = recipients::List::load(path, None, &recipients::Selection::default())?;
        let mut first = None;
        list.each_chunk(1, |chunk| first = first.take().or_else(|| chunk.first().cloned())).map_err(|e| vec![e])?;
        // A list that loads gives somebody letters.
        let first = first.ok_or_else(|| vec![Diagnostic::error("the recipients file lists nobody").in_file(path)])?;
        Ok((Listed { path: path.to_path_buf(), count: list.len(), first }, warnings))
    }
}

/// The letters made for a case from the recipients list: the files built (relative to the
/// output folder), and the messages about what was not.
#[derive(Debug, Serialize)]
pub struct Letters {
    pub built: Vec<String>,
    pub failed: Vec<String>,
    pub messages: Vec<Message>,
}

/// A message about the case, beside the field it concerns.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    pub severity: &'static str,
    /// The field's path as `check` names it (`acts[0].date`), or empty.
    pub field: String,
    pub line: Option<usize>,
    pub message: String,
    pub hints: Vec<String>,
}

impl Message {
    fn of(diagnostic: &Diagnostic) -> Message {
        Message {
            severity: match diagnostic.severity {
                Severity::Error => "error",
                _ => "warning",
            },
            field: diagnostic.field.clone().unwrap_or_default(),
            line: diagnostic.location.as_ref().map(|l| l.line_column().0),
            message: diagnostic.message.clone(),
            hints: diagnostic.hints.clone(),
        }
    }
}

/// A preview: the pages as images (when the document could be made), and the messages.
#[derive(Debug, Serialize)]
pub struct Preview {
    pub pages: usize,
    pub messages: Vec<Message>,
    /// Whether the save would change only the edited fields of the file (else it rewrites the
    /// file, and the editor shows the difference first).
    pub faithful: bool,
    /// How many people the recipients list gives letters to (another tab may have given one).
    pub recipients: Option<usize>,
}

/// Why a save did not happen.
#[derive(Debug, Serialize)]
#[serde(tag = "refused", rename_all = "snake_case")]
pub enum Refusal {
    /// The file changed on disk since the page read it; `mergeable` when the two sets of
    /// changes touch different fields.
    ChangedOnDisk { mergeable: bool },
    /// The file cannot be changed in place; `diff` is what a rewrite would change.
    Unfaithful { reason: String, diff: String },
    /// Not a case file of this project, or a file that cannot be read.
    Invalid { message: String },
}

/// A save's request: the value the page read (`base`), the value it holds now, and the hash of
/// the file's text it read.
#[derive(Debug, Deserialize)]
pub struct SaveRequest {
    pub file: String,
    pub hash: String,
    pub base: Value,
    pub value: Value,
    /// Rewrite the file when it cannot be changed in place (the user saw the difference).
    #[serde(default)]
    pub rewrite: bool,
    /// Merge with what changed on disk meanwhile.
    #[serde(default)]
    pub merge: bool,
}

impl Workspace {
    pub fn new(plan: BuildPlan) -> Result<Workspace, Diagnostic> {
        let templates = plan.templates();
        let kinds = crate::kind::kinds(&templates)?;
        // The list given last, if it still reads.
        let modified = |p: &PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let kept = ["csv", "xml"].map(|ext| plan.out_dir.join("editor").join(format!("recipients.{ext}")));
        let given = kept.into_iter().filter(|p| p.is_file()).max_by_key(modified);
        Ok(Workspace {
            kinds,
            typesetter: Typesetter::new(&templates),
            recipients: Mutex::new(given.and_then(|path| Listed::load(&path).ok()).map(|(listed, _)| listed)),
            plan,
            pages: Mutex::default(),
            saving: Mutex::default(),
        })
    }

    /// The kinds a case's page previews: those made of one case (letters for one recipient).
    fn previewed(&self) -> impl Iterator<Item = &Kind> {
        self.kinds.iter().filter(|k| k.name != "digest")
    }

    fn cases_dir(&self) -> PathBuf {
        self.plan.cases_dir()
    }

    /// The file a page names, if it is one the editor edits: a case (`kanaliyev-2021.yaml`:
    /// no part of the path starting with `_` or `.`, as the loader reads cases) or a shared
    /// file (`_shared/statements/ep-2021-02-11.yaml`), in YAML, inside `cases/` once links are
    /// followed.
    fn data_path(&self, file: &str) -> Result<(PathBuf, FileKind), Refusal> {
        let relative = Path::new(file);
        let hidden = |part: &String| part.starts_with(['_', '.']);
        let kind = match parts(relative).as_deref() {
            Some([shared, _, name]) if shared == "_shared" && !hidden(name) => {
                let folder = relative.parent().unwrap_or(relative);
                FileKind::ALL.into_iter().find(|k| *k != FileKind::Case && k.folder() == folder)
            }
            Some(parts) if !parts.is_empty() && !parts.iter().any(hidden) => Some(FileKind::Case),
            _ => None,
        };
        let path = self.cases_dir().join(relative);
        let inside = || {
            let (cases, real) = (self.cases_dir().canonicalize().ok()?, path.canonicalize().ok()?);
            Some(real.starts_with(cases) && real.is_file())
        };
        match kind {
            Some(kind) if case::Format::of(&path) == Some(case::Format::Yaml) && inside() == Some(true) => {
                Ok((path, kind))
            }
            _ => {
                Err(Refusal::Invalid { message: format!("`{file}` is not a YAML case or shared file of this project") })
            }
        }
    }

    /// The case file a page names, for what only a case has: documents and letters.
    fn case_path(&self, file: &str) -> Result<PathBuf, Refusal> {
        match self.data_path(file)? {
            (path, FileKind::Case) => Ok(path),
            _ => Err(Refusal::Invalid { message: format!("`{file}` is not a case: it has no documents of its own") }),
        }
    }

    /// The project's cases, each with its people, status and readiness per kind, and the key
    /// dates of their defendants (last days to appeal, ends of terms) as they stand today.
    pub fn overview(&self) -> Value {
        let (project, checked, _) = crate::build::load_and_check(&self.plan);
        let today = case::Date::today();
        let cases_dir = self.cases_dir();
        let mut cases: Vec<Value> = Vec::new();
        for case in &project.cases {
            let Ok(file) = case.path().strip_prefix(&cases_dir) else { continue };
            let people: Vec<Value> = (0..case.value.defendant_count())
                .map(|i| {
                    let view = case.value.for_defendant(i);
                    let name = view.person.as_ref().map(|p| p.name.0.display()).unwrap_or_default();
                    json!({ "name": name, "status": view.status })
                })
                .collect();
            // Each defendant's documents, for a trial of several: one may be ready, another not.
            let kinds: Vec<Value> = self
                .previewed()
                .flat_map(|kind| {
                    let subjects = Subject::of_case(case, kind);
                    let several = subjects.len() > 1;
                    subjects.into_iter().map(move |subject| (kind, subject, several))
                })
                .map(|(kind, subject, several)| {
                    let readiness = subject.readiness(kind, &project.shared, today);
                    let state = match (&readiness.not_applicable, readiness.ready(), readiness.missing_filer.is_empty())
                    {
                        (Some(_), ..) => "does-not-apply",
                        (None, false, _) => "blocked",
                        (None, true, false) => "draft",
                        (None, true, true) => "ready",
                    };
                    let who = several.then(|| subject.folder());
                    json!({ "kind": kind.name, "who": who, "state": state, "missing": readiness.missing_required })
                })
                .collect();
            cases.push(json!({
                "file": file.to_string_lossy(),
                "id": case.value.id,
                "people": people,
                "broken": checked.broken_cases.contains(&case.value.id),
                "kinds": kinds,
            }));
        }
        let unreadable: Vec<String> = project.unreadable_cases.iter().map(|p| p.display().to_string()).collect();
        // The dates `amicus deadlines` gives on this day, each with its case's file to open.
        let valid: Vec<&Loaded<Case>> =
            project.cases.iter().filter(|c| !checked.broken_cases.contains(&c.value.id)).collect();
        let deadlines: Vec<Value> = crate::deadlines::key_dates(&valid, &project, today)
            .into_iter()
            .map(|date| {
                let id = date.case_id.split('/').next().unwrap_or_default();
                let file = cases.iter().find(|c| c["id"] == id).map(|c| c["file"].clone());
                json!({
                    "date": date.date.format("%Y-%m-%d").to_string(),
                    "days": (date.date - today.0).num_days(),
                    "case": date.case_id,
                    "file": file,
                    "person": date.person,
                    "what": date.what,
                })
            })
            .collect();
        // The shared files, by folder, to open: the sender's letterhead, a jurisdiction's law.
        let shared: serde_json::Map<String, Value> = case::SHARED_KINDS
            .iter()
            .map(|folder| {
                let files = case::data_files(&cases_dir.join("_shared").join(folder), false)
                    .into_iter()
                    .filter(|p| case::Format::of(p) == Some(case::Format::Yaml))
                    .filter_map(|p| Some(p.file_name()?.to_string_lossy().into_owned()))
                    .filter(|name| !name.starts_with('_'))
                    .map(|name| format!("_shared/{folder}/{name}"))
                    .collect::<Vec<_>>();
                (folder.to_string(), json!(files))
            })
            .collect();
        json!({ "cases": cases, "deadlines": deadlines, "unreadable": unreadable, "shared": shared })
    }

    /// A case as the form edits it: its value, the hash of its text, the kinds and languages
    /// it can be previewed in, and the ids of the shared files it may refer to (offered as the
    /// user types an id).
    pub fn case(&self, file: &str) -> Result<Value, Refusal> {
        let (path, of) = self.data_path(file)?;
        let text = read_text(&path)?;
        let value = yamledit::value_of(&text).map_err(|e| Refusal::Invalid { message: e })?;
        let kinds: Vec<Value> = self
            .previewed()
            .filter(|_| of == FileKind::Case)
            .map(|k| json!({ "kind": k.name, "languages": k.languages, "letters": k.per_recipient }))
            .collect();
        let shared = case::load(&self.cases_dir(), &[]).0.shared;
        let shared = json!({
            "jurisdictions": shared.jurisdictions.keys().collect::<Vec<_>>(),
            "statements": shared.statements.keys().collect::<Vec<_>>(),
            "sources": shared.sources.keys().collect::<Vec<_>>(),
            "organisations": shared.organisations.keys().collect::<Vec<_>>(),
        });
        let recipients = self.recipients.lock().expect("recipients").as_ref().map(|l| l.count);
        Ok(json!({
            "file": file,
            "schema": of.name(),
            "hash": hash(&text),
            "value": value,
            "kinds": kinds,
            "shared": shared,
            "recipients": recipients,
        }))
    }

    /// The case as the form holds it, checked, and one document of it typeset as page images
    /// (kept for [`Workspace::page`] until the next preview of the same document).
    /// A shared file has no document of its own: its preview is check's messages about it,
    /// with every case that names it.
    pub fn preview(&self, file: &str, value: &Value, kind: &str, lang: &str) -> Result<Preview, Refusal> {
        let (path, of) = self.data_path(file)?;
        let text = read_text(&path)?;
        let (edited, faithful) = edited(&text, value, true)?;
        if of != FileKind::Case {
            let messages = match self.with_edit(&path, &edited, of) {
                Ok(project) => {
                    let checked = check::check(&project, |_| true, self.plan.judged_at());
                    checked.diagnostics.iter().filter(|d| about(d, &path)).map(Message::of).collect()
                }
                Err(diagnostic) => vec![Message::of(&diagnostic)],
            };
            return Ok(Preview { pages: 0, messages, faithful, recipients: None });
        }
        let (pages, messages) = self.make(&path, &edited, kind, lang, &Png);
        let count = pages.len();
        // A preview that failed keeps the last pages on screen: the messages say why.
        if count > 0 {
            self.pages.lock().expect("pages").insert(format!("{file}/{kind}/{lang}"), pages);
        }
        let recipients = self.recipients.lock().expect("recipients").as_ref().map(|l| l.count);
        Ok(Preview { pages: count, messages, faithful, recipients })
    }

    /// Page `n` (from 1) of the last preview of a document.
    pub fn page(&self, file: &str, kind: &str, lang: &str, n: usize) -> Option<Vec<u8>> {
        let pages = self.pages.lock().expect("pages");
        pages.get(&format!("{file}/{kind}/{lang}"))?.get(n.checked_sub(1)?).cloned()
    }

    /// The PDF of one document of a case as saved on disk, made in memory.
    /// Letters are not: each is made for its recipient by [`Workspace::letters`].
    pub fn pdf(&self, file: &str, kind: &str, lang: &str) -> Result<Vec<u8>, Vec<Message>> {
        let path = self.case_path(file).map_err(|r| vec![refusal_message(r)])?;
        if self.kinds.iter().any(|k| k.name == kind && k.per_recipient) {
            let message = "a letter is made for each person of the recipients list: build the letters";
            return Err(vec![Message::of(&Diagnostic::error(message))]);
        }
        let text = read_text(&path).map_err(|r| vec![refusal_message(r)])?;
        let (mut files, messages) = self.make(&path, &text, kind, lang, &Pdf);
        match files.is_empty() {
            true => Err(messages),
            false => Ok(files.remove(0)),
        }
    }

    /// One document of the case at `path`, as if the file held `text`, made in memory in the
    /// project as on disk: its files (none when it cannot be made), and the messages about the
    /// case file (check's, the document's warnings, and why it was not made).
    fn make(
        &self,
        path: &Path,
        text: &str,
        kind: &str,
        lang: &str,
        export: &dyn Export,
    ) -> (Vec<Vec<u8>>, Vec<Message>) {
        let project = match self.with_edit(path, text, FileKind::Case) {
            Ok(project) => project,
            Err(diagnostic) => return (Vec::new(), vec![Message::of(&diagnostic)]),
        };
        let checked = check::check(&project, |c| same_file(c.path(), path), self.plan.judged_at());
        let case = project.cases.last().expect("the case just added");
        let mut messages: Vec<Message> =
            checked.diagnostics.iter().filter(|d| about(d, path)).map(Message::of).collect();
        let made = || {
            let Some(kind) = self.kinds.iter().find(|k| k.name == kind) else {
                return Err(vec![Diagnostic::error(format!("no kind `{kind}`"))]);
            };
            let documents = Documents::new(&self.plan.templates(), &project, &checked, self.plan.date)
                .with_typesetter(&self.typesetter);
            let prepared = documents.prepare(Subject::of_case(case, kind)[0], kind, lang)?;
            let mut warnings = prepared.warnings.clone();
            let recipient = kind.per_recipient.then(|| self.first_recipient(&mut warnings));
            // Named in messages only: nothing is written.
            let kept = self.plan.out_dir.join(".editor.typ");
            let made =
                documents.make(&prepared, recipient.as_ref(), export, Kept { source: &kept, recipient: None })?;
            Ok((made.files, warnings))
        };
        match made() {
            Ok((files, warnings)) => {
                messages.extend(warnings.iter().map(Message::of));
                (files, messages)
            }
            Err(diagnostics) => {
                messages.extend(diagnostics.iter().map(Message::of));
                (Vec::new(), messages)
            }
        }
    }

    /// The project as on disk, but with the file at `path` (of kind `of`) holding `text`: a
    /// case is put last, a shared file in place of the one of its id.
    fn with_edit(&self, path: &Path, text: &str, of: FileKind) -> Result<case::Project, Diagnostic> {
        let file = SourceFile { path: path.to_path_buf(), text: Arc::from(text), format: case::Format::Yaml };
        let (mut project, _) = case::load(&self.cases_dir(), &[]);
        let id = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let shared = &mut project.shared;
        let folder = of.folder().file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        shared.unreadable.retain(|(kind, unreadable), _| !(*kind == folder && *unreadable == id));
        match of {
            FileKind::Digest => return Err(Diagnostic::error("the editor does not edit digests")),
            FileKind::Case => {
                let edited: Loaded<Case> = case::parse_file(file)?;
                project.cases.retain(|c| !same_file(c.path(), path));
                project.unreadable_cases.retain(|p| !same_file(p, path));
                project.cases.push(edited);
            }
            FileKind::Jurisdiction => drop(shared.jurisdictions.insert(id, case::parse_file(file)?)),
            FileKind::Organisation => drop(shared.organisations.insert(id, case::parse_file(file)?)),
            FileKind::Statement => drop(shared.statements.insert(id, case::parse_file(file)?)),
            FileKind::Source => drop(shared.sources.insert(id, case::parse_file(file)?)),
            FileKind::Sender => drop(shared.senders.insert(id, case::parse_file(file)?)),
        }
        Ok(project)
    }

    /// Who a letter's preview is addressed to: the first person of the recipients list, or,
    /// before one is given, a placeholder that says so (with a note).
    fn first_recipient(&self, notes: &mut Vec<Diagnostic>) -> Recipient {
        let listed = self.recipients.lock().expect("recipients").as_ref().map(|l| l.first.clone());
        listed.unwrap_or_else(|| {
            notes.push(Diagnostic::warning(
                "this letter is addressed to a placeholder: give a recipients list (below the preview) to see it as a Member receives it",
            ));
            recipients::recipient("[Member of the European Parliament]".to_owned())
        })
    }

    /// Takes a recipients list the user gave (`name` says whether it is CSV or the
    /// Parliament's XML): checked as `build --recipients` checks it, and kept for letters when
    /// it holds nobody wrong; a list with mistakes is not kept, and the previous one stays.
    /// Returns how many people it gives letters to, with its warnings.
    pub fn set_recipients(&self, name: &str, bytes: &[u8]) -> Result<(usize, Vec<Message>), Vec<Message>> {
        let error = |message: String| vec![Message::of(&Diagnostic::error(message))];
        let ext = match Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase) {
            Some(ext) if ext == "csv" || ext == "xml" => ext,
            _ => {
                return Err(error(format!(
                    "`{name}` is not a recipients list: give a .csv file or the Parliament's MEP list (.xml)"
                )));
            }
        };
        if std::str::from_utf8(bytes).is_err() {
            return Err(error(format!("`{name}` is not UTF-8 text: save it again as UTF-8 (in Excel: \"CSV UTF-8\")")));
        }
        // One list at a time, from the copy checked to the one kept.
        let mut current = self.recipients.lock().expect("recipients");
        let folder = self.plan.out_dir.join("editor");
        let cannot = |e: std::io::Error| error(format!("cannot keep the recipients list in {}: {e}", folder.display()));
        std::fs::create_dir_all(&folder).map_err(cannot)?;
        let mut checking = tempfile::Builder::new()
            .prefix(".recipients-")
            .suffix(&format!(".{ext}"))
            .tempfile_in(&folder)
            .map_err(cannot)?;
        std::io::Write::write_all(checking.as_file_mut(), bytes).map_err(cannot)?;
        // Messages name the file the user gave, not the copy.
        let named = |d: &Diagnostic| {
            let mut message = Message::of(d);
            message.message = format!("{name}: {}", message.message);
            message
        };
        // A list with mistakes is dropped with its copy.
        let (listed, warnings) =
            Listed::load(checking.path()).map_err(|errors| errors.iter().map(named).collect::<Vec<_>>())?;
        let kept = folder.join(format!("recipients.{ext}"));
        checking.persist(&kept).map_err(|e| cannot(e.error))?;
        if let Some(previous) = current.as_ref().filter(|l| l.path != kept) {
            let _ = std::fs::remove_file(&previous.path);
        }
        let count = listed.count;
        *current = Some(Listed { path: kept, ..listed });
        Ok((count, warnings.iter().map(named).collect()))
    }

    /// Builds the letters of a case as saved on disk, one per person of the recipients list,
    /// into the output folder as `amicus build --recipients` does (with their messages).
    pub fn letters(&self, file: &str) -> Result<Letters, Vec<Message>> {
        let path = self.case_path(file).map_err(|r| vec![refusal_message(r)])?;
        let Some(list) = self.recipients.lock().expect("recipients").as_ref().map(|l| l.path.clone()) else {
            return Err(vec![Message::of(&Diagnostic::error("give a recipients list first"))]);
        };
        let kinds: Vec<Kind> = self.kinds.iter().filter(|k| k.per_recipient).cloned().collect();
        let plan = BuildPlan {
            paths: vec![path.clone()],
            kinds: kinds.iter().map(|k| k.name.clone()).collect(),
            recipients: Some(list),
            // Every letter listed, those the last build made too.
            force: true,
            ..self.plan.clone()
        };
        let collected = Collected::default();
        let report = crate::build::build(&plan, &kinds, &collected);
        let out = &self.plan.out_dir;
        let built = collected.0.into_inner().expect("built");
        let built =
            built.iter().filter_map(|b| b.file.strip_prefix(out).ok()).map(|p| p.to_string_lossy().into_owned());
        let mut messages: Vec<Message> = report.diagnostics.iter().map(Message::of).collect();
        messages.extend(report.failed.iter().flat_map(|f| f.diagnostics.iter().map(Message::of)));
        messages.extend(report.notes.iter().map(|note| Message::of(&Diagnostic::warning(note.clone()))));
        Ok(Letters {
            built: built.collect(),
            failed: report.failed.iter().map(|f| f.label.clone()).collect(),
            messages,
        })
    }

    /// A letter or message the editor built, to download: a PDF or `.eml` inside the output
    /// folder (not its history of case files).
    pub fn built_file(&self, relative: &str) -> Option<(Vec<u8>, &'static str)> {
        let plain = parts(Path::new(relative)).is_some_and(|parts| !parts.iter().any(|p| p.starts_with('.')));
        let path = self.plan.out_dir.join(relative);
        let kind = match path.extension()?.to_str()? {
            "pdf" => "application/pdf",
            "eml" => "message/rfc822",
            _ => return None,
        };
        let (out, real) = (self.plan.out_dir.canonicalize().ok()?, path.canonicalize().ok()?);
        (plain && real.starts_with(out)).then(|| std::fs::read(real).ok()).flatten().map(|bytes| (bytes, kind))
    }

    /// Saves the form's value into its file: in place when the file allows it, atomically,
    /// after keeping the previous version. Returns the new text's hash.
    pub fn save(&self, request: &SaveRequest) -> Result<(String, Value), Refusal> {
        let (path, _) = self.data_path(&request.file)?;
        // One save at a time (two tabs): each reads what the other wrote.
        let _saving = self.saving.lock().unwrap_or_else(|e| e.into_inner());
        let text = read_text(&path)?;
        let mut value = request.value.clone();
        if hash(&text) != request.hash {
            let theirs = yamledit::value_of(&text).map_err(|e| Refusal::Invalid { message: e })?;
            match merge(&request.base, &request.value, &theirs) {
                Some(merged) if request.merge => value = merged,
                merged => return Err(Refusal::ChangedOnDisk { mergeable: merged.is_some() }),
            }
        }
        let (new, _) = edited(&text, &value, request.rewrite)?;
        if yamledit::value_of(&new).ok().as_ref() != Some(&value) {
            return Err(Refusal::Invalid {
                message: "the file could not be written so that it holds the form's values".into(),
            });
        }
        if new != text {
            // A file written on Windows keeps its byte order mark (which reading leaves out).
            let mut start = [0u8; 3];
            let bom = std::fs::File::open(&path)
                .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut start))
                .is_ok_and(|()| start == *"\u{feff}".as_bytes());
            let (old, written) = match bom {
                true => (format!("\u{feff}{text}"), format!("\u{feff}{new}")),
                false => (text, new.clone()),
            };
            self.write(&path, &old, &written)
                .map_err(|e| Refusal::Invalid { message: format!("cannot save {}: {e}", path.display()) })?;
        }
        Ok((hash(&new), value))
    }

    /// Keeps the previous version (readable by its owner only: a case file has a confidential
    /// section), then writes the new text atomically over the file a link points to, with the
    /// file's permissions.
    fn write(&self, path: &Path, old: &str, new: &str) -> std::io::Result<()> {
        // Under the file's own folder (`history/_shared/sources/`): a source and a case may
        // share an id.
        let folder = path.parent().and_then(|p| p.strip_prefix(self.cases_dir()).ok()).unwrap_or(Path::new(""));
        let history = self.plan.out_dir.join("history").join(folder);
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let kept = history.join(format!("{stem}.{stamp}.yaml"));
        std::fs::create_dir_all(&history)?;
        crate::output::write_atomic(&kept, old.as_bytes())?;
        let target = path.canonicalize()?;
        let permissions = std::fs::metadata(&target)?.permissions();
        #[cfg(unix)]
        std::fs::set_permissions(&kept, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        crate::output::write_atomic(&target, new.as_bytes())?;
        std::fs::set_permissions(&target, permissions)
    }

    /// Makes a new case or shared file from the skeleton `amicus new` writes; returns its path
    /// under `cases/`, as pages name files.
    pub fn new_file(&self, of: FileKind, id: &str) -> Result<String, Vec<Message>> {
        if !crate::scaffold::is_valid_id(id) {
            let message = format!("`{id}` cannot be an id: use lowercase letters, digits and hyphens, like `doe-2024`");
            return Err(vec![Message {
                severity: "error",
                field: "id".into(),
                line: None,
                message,
                hints: Vec::new(),
            }]);
        }
        let cases = self.cases_dir();
        let path = match of {
            FileKind::Case => {
                let (project, _) = case::load(&cases, &[]);
                let jurisdictions: Vec<String> = project.shared.jurisdictions.keys().cloned().collect();
                crate::scaffold::new_case(&cases, id, None, 1, &jurisdictions)
            }
            FileKind::Digest => Err(Diagnostic::error("the editor does not edit digests")),
            shared => crate::scaffold::new_file(&cases, shared, id),
        }
        .map_err(|d| vec![Message::of(&d)])?;
        let relative = path.strip_prefix(&cases).unwrap_or(&path);
        Ok(relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
    }
}

/// The files a build wrote, as it tells them.
#[derive(Default)]
struct Collected(Mutex<Vec<crate::build::Built>>);

impl crate::build::Progress for Collected {
    fn built(&self, built: &crate::build::Built) {
        self.0.lock().expect("built").push(built.clone());
    }
}

/// The file's text with the form's value written in, and whether in place: else rewritten
/// whole when `rewrite`, or refused with the difference a rewrite makes. A file whose every
/// line ends in CRLF (written on Windows) is edited with plain line ends and keeps its own; in
/// a file of mixed line ends, each line keeps its own.
fn edited(text: &str, value: &Value, rewrite: bool) -> Result<(String, bool), Refusal> {
    let crlf = text.contains('\n') && text.matches("\r\n").count() == text.matches('\n').count();
    let plain = if crlf { text.replace("\r\n", "\n") } else { text.to_owned() };
    let (new, faithful) = match yamledit::edit(&plain, value) {
        Ok(new) => (new, true),
        Err(_) if rewrite => (yamledit::rewrite(&plain, value), false),
        Err(reason) => {
            let diff = yamledit::diff(&plain, &yamledit::rewrite(&plain, value));
            return Err(Refusal::Unfaithful { reason: reason.0, diff });
        }
    };
    Ok((if crlf { new.replace('\n', "\r\n") } else { new }, faithful))
}

/// The names a relative path is made of, or `None` if it is not plain names (`..`, `/`).
fn parts(relative: &Path) -> Option<Vec<String>> {
    let part = |c: std::path::Component| match c {
        std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
        _ => None,
    };
    relative.components().map(part).collect()
}

fn same_file(a: &Path, b: &Path) -> bool {
    crate::files::canonical_or_given(a) == crate::files::canonical_or_given(b)
}

/// A file to download, by the name given (made safe for the header).
fn attachment(name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", name.replace(['"', '\\', '\r', '\n'], "_"));
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CONTENT_DISPOSITION, disposition)
        .body(Body::from(bytes))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Whether a diagnostic concerns the file at `path` (or no file at all).
fn about(diagnostic: &Diagnostic, path: &Path) -> bool {
    diagnostic.location.as_ref().is_none_or(|l| l.path == path)
}

fn refusal_message(refusal: Refusal) -> Message {
    let message = match refusal {
        Refusal::Invalid { message } => message,
        other => format!("{other:?}"),
    };
    Message { severity: "error", field: String::new(), line: None, message, hints: Vec::new() }
}

fn read_text(path: &Path) -> Result<String, Refusal> {
    SourceFile::read(path).map(|f| f.text.to_string()).map_err(|d| Refusal::Invalid { message: d.render_plain() })
}

/// The hash the page keeps of the text it read, to know whether the file changed since.
fn hash(text: &str) -> String {
    format!("{:032x}", crate::manifest::hash_inputs(&text))
}

/// Both sets of changes to `base`, when they touch different fields (or make the same change);
/// `None` when they conflict.
pub fn merge(base: &Value, mine: &Value, theirs: &Value) -> Option<Value> {
    if mine == base || mine == theirs {
        return Some(theirs.clone());
    }
    if theirs == base {
        return Some(mine.clone());
    }
    match (base, mine, theirs) {
        (Value::Object(b), Value::Object(m), Value::Object(t)) => {
            let mut merged = serde_json::Map::new();
            let keys = m.keys().chain(t.keys()).chain(b.keys());
            let mut seen = std::collections::BTreeSet::new();
            for key in keys.filter(|k| seen.insert(k.as_str())) {
                let null = Value::Null;
                let (b, m, t) = (b.get(key), m.get(key), t.get(key));
                let value = merge(b.unwrap_or(&null), m.unwrap_or(&null), t.unwrap_or(&null))?;
                // A field both sides leave out, or that one removed and the other left alone.
                let removed = (m.is_none() && t.is_none()) || (m.is_none() && t == b) || (t.is_none() && m == b);
                if !removed {
                    merged.insert(key.clone(), value);
                }
            }
            Some(Value::Object(merged))
        }
        (Value::Array(b), Value::Array(m), Value::Array(t)) if b.len() == m.len() && b.len() == t.len() => {
            b.iter().zip(m).zip(t).map(|((b, m), t)| merge(b, m, t)).collect::<Option<Vec<_>>>().map(Value::Array)
        }
        _ => None,
    }
}

/// `amicus serve`: serves the editor until the process is stopped.
pub fn run(workspace: Workspace, port: u16, open: bool) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
            .await
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let token = token().map_err(|e| format!("cannot make the editor's token: {e}"))?;
        let url = format!("http://127.0.0.1:{port}/?token={token}");
        let root = std::path::absolute(&workspace.plan.root).unwrap_or_else(|_| workspace.plan.root.clone());
        // Written without `println!`, which would end the server if nobody reads its output.
        use std::io::Write;
        let _ = writeln!(
            std::io::stdout(),
            "amicus serve: editing the project in {}\n  open {url}\n  (only this address opens the editor: do not \
             share it; Ctrl-C stops the editor)",
            root.display()
        );
        let _ = std::io::stdout().flush();
        // Kept until the server stops, for the browser to read.
        let _opened = open.then(|| open_browser(&url));
        let state = Arc::new(Server { workspace, token, port });
        axum::serve(listener, router(state)).await.map_err(|e| format!("the server stopped: {e}"))
    })
}

/// The state every handler shares.
pub struct Server {
    pub workspace: Workspace,
    pub token: String,
    pub port: u16,
}

/// The editor's routes, behind the checks of [`guard`].
pub fn router(state: Arc<Server>) -> Router {
    Router::new()
        .route("/", get(overview_page))
        .route("/case", get(case_page))
        .route("/assets/editor.js", get(|| asset("text/javascript; charset=utf-8", include_str!("serve/editor.js"))))
        .route("/assets/editor.css", get(|| asset("text/css; charset=utf-8", include_str!("serve/editor.css"))))
        .route("/assets/ru.json", get(|| asset("application/json", include_str!("serve/ru.json"))))
        .route("/api/schema", get(schema))
        .route("/api/case", get(case_data))
        .route("/api/preview", post(preview))
        .route("/api/page", get(page))
        .route("/api/save", post(save))
        .route("/api/new", post(new_file))
        .route("/api/pdf", get(pdf))
        .route(
            "/api/recipients",
            // The Parliament's list and a campaign's CSV are well under the 50 MB `build` reads.
            post(set_recipients).layer(axum::extract::DefaultBodyLimit::max(crate::files::RECIPIENTS_LIMIT as usize)),
        )
        .route("/api/letters", post(letters))
        .route("/api/out", get(built_file))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

#[derive(Deserialize)]
struct SchemaQuery {
    kind: Option<String>,
}

/// The schema of a kind of file, which the page makes its form from.
async fn schema(Query(q): Query<SchemaQuery>) -> Response {
    match file_kind(q.kind.as_deref()) {
        Some(of) => ([(header::CONTENT_TYPE, "application/json")], crate::schema::schema(of)).into_response(),
        None => (StatusCode::NOT_FOUND, "no such kind of file").into_response(),
    }
}

async fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// Serves a request only from the browser the user opened: see the module's contract.
async fn guard(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    let refuse = |status: StatusCode, why: &str| {
        (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("amicus serve: {why}\n"))
            .into_response()
    };
    let port = server.port;
    let local =
        |authority: &str| [format!("127.0.0.1:{port}"), format!("localhost:{port}")].iter().any(|a| a == authority);
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    if !local(host) {
        return refuse(StatusCode::FORBIDDEN, "this editor answers only at 127.0.0.1 or localhost");
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let origin = request.headers().get(header::ORIGIN).and_then(|h| h.to_str().ok()).unwrap_or_default();
        if !origin.strip_prefix("http://").is_some_and(local) {
            return refuse(StatusCode::FORBIDDEN, "a change must come from the editor's own page");
        }
    }
    let given = request
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("token=")).map(str::to_owned));
    if let Some(given) = given {
        if !same_secret(&given, &server.token) {
            return refuse(StatusCode::FORBIDDEN, "this address is not the one amicus printed");
        }
        // The token becomes a cookie, and leaves the address bar (and the history); the rest of
        // the address stays (a case's page). Never `//host` (nor `/\host`, which browsers read
        // so): that would lead off the editor.
        let path = match request.uri().path() {
            path if path.starts_with("//") || path.contains('\\') => "/",
            path => path,
        };
        let rest: Vec<&str> =
            request.uri().query().unwrap_or_default().split('&').filter(|p| !p.starts_with("token=")).collect();
        let path = match rest.join("&") {
            rest if rest.is_empty() => path.to_owned(),
            rest => format!("{path}?{rest}"),
        };
        let cookie = format!("{}={}; HttpOnly; SameSite=Strict; Path=/", cookie_name(port), server.token);
        let mut response = Redirect::to(&path).into_response();
        response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("an ASCII cookie"));
        return response;
    }
    if !cookie(request.headers(), &cookie_name(port)).is_some_and(|c| same_secret(&c, &server.token)) {
        return refuse(
            StatusCode::FORBIDDEN,
            "open the address `amicus serve` printed (it holds the editor's key); it changes at each start",
        );
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    // Case data, confidential parts included, stays out of the browser's disk cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'self'; img-src 'self' blob:; frame-ancestors 'none'"),
    );
    response
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name).and_then(|rest| rest.strip_prefix('=')).map(str::to_owned))
}

/// Compares secrets in a time that does not depend on where they differ.
fn same_secret(given: &str, token: &str) -> bool {
    given.len() == token.len() && given.bytes().zip(token.bytes()).fold(0, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// 128 random bits, as hex, from the system's generator.
fn token() -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Opens the editor in the default browser through a file that only the user can read and
/// that sends the browser on to the address: the token never appears on a command line, which
/// every user of the machine can see.
fn open_browser(url: &str) -> Option<tempfile::NamedTempFile> {
    let page = format!(
        "<!DOCTYPE html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={url}\"><title>amicus</title>"
    );
    let file = tempfile::Builder::new().prefix("amicus-open-").suffix(".html").tempfile().ok();
    let opened = file.as_ref().is_some_and(|f| {
        let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
        std::fs::write(f.path(), &page).is_ok() && std::process::Command::new(opener).arg(f.path()).spawn().is_ok()
    });
    if !opened {
        eprintln!("amicus serve: could not open a browser; open the address above yourself");
    }
    file
}

#[derive(Deserialize)]
struct FileQuery {
    file: String,
}

#[derive(Deserialize)]
struct DocumentQuery {
    file: String,
    kind: String,
    lang: String,
    #[serde(default)]
    n: usize,
}

#[derive(Deserialize)]
struct PreviewRequest {
    file: String,
    kind: String,
    lang: String,
    value: Value,
}

/// Runs blocking work (loading, checking, typesetting) off the server's threads.
async fn blocking<T: Send + 'static>(
    server: &Arc<Server>,
    f: impl FnOnce(&Workspace) -> T + Send + 'static,
) -> Result<T, Response> {
    let server = server.clone();
    tokio::task::spawn_blocking(move || f(&server.workspace))
        .await
        .map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, "the request failed").into_response())
}

fn refused(refusal: Refusal) -> Response {
    let status = match refusal {
        Refusal::ChangedOnDisk { .. } => StatusCode::CONFLICT,
        Refusal::Unfaithful { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        Refusal::Invalid { .. } => StatusCode::BAD_REQUEST,
    };
    (status, axum::Json(refusal)).into_response()
}

async fn overview_page(State(server): State<Arc<Server>>) -> Response {
    match blocking(&server, |w| w.overview()).await {
        Ok(overview) => Html(page_html("overview", &overview)).into_response(),
        Err(response) => response,
    }
}

async fn case_page(State(server): State<Arc<Server>>, Query(query): Query<FileQuery>) -> Response {
    match blocking(&server, move |w| w.case(&query.file)).await {
        Ok(Ok(case)) => Html(page_html("case", &case)).into_response(),
        Ok(Err(refusal)) => refused(refusal),
        Err(response) => response,
    }
}

/// A page: its data as JSON in the page (not as code: `<` is escaped), and the script that
/// draws it.
fn page_html(page: &str, data: &Value) -> String {
    let data = data.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>amicus</title><link rel=\"stylesheet\" href=\"/assets/editor.css\"></head>\
         <body data-page=\"{page}\"><main id=\"app\"></main>\
         <script type=\"application/json\" id=\"data\">{data}</script>\
         <script src=\"/assets/editor.js\"></script></body></html>\n"
    )
}

async fn case_data(State(server): State<Arc<Server>>, Query(query): Query<FileQuery>) -> Response {
    match blocking(&server, move |w| w.case(&query.file)).await {
        Ok(Ok(case)) => axum::Json(case).into_response(),
        Ok(Err(refusal)) => refused(refusal),
        Err(response) => response,
    }
}

async fn preview(State(server): State<Arc<Server>>, axum::Json(request): axum::Json<PreviewRequest>) -> Response {
    let result =
        blocking(&server, move |w| w.preview(&request.file, &request.value, &request.kind, &request.lang)).await;
    match result {
        Ok(Ok(preview)) => axum::Json(preview).into_response(),
        Ok(Err(refusal)) => refused(refusal),
        Err(response) => response,
    }
}

async fn page(State(server): State<Arc<Server>>, Query(q): Query<DocumentQuery>) -> Response {
    match server.workspace.page(&q.file, &q.kind, &q.lang, q.n) {
        Some(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        None => (StatusCode::NOT_FOUND, "no such page").into_response(),
    }
}

async fn save(State(server): State<Arc<Server>>, axum::Json(request): axum::Json<SaveRequest>) -> Response {
    match blocking(&server, move |w| w.save(&request)).await {
        Ok(Ok((hash, value))) => axum::Json(json!({ "saved": true, "hash": hash, "value": value })).into_response(),
        Ok(Err(refusal)) => refused(refusal),
        Err(response) => response,
    }
}

#[derive(Deserialize)]
struct NewFile {
    id: String,
    /// `case` unless given: `statement`, `source`, `organisation`, `jurisdiction`, `sender`.
    #[serde(default)]
    kind: Option<String>,
}

/// The kind of file a request names (`statement`), a case when it names none.
fn file_kind(name: Option<&str>) -> Option<FileKind> {
    use clap::ValueEnum;
    name.map_or(Some(FileKind::Case), |name| FileKind::from_str(name, false).ok())
}

async fn new_file(State(server): State<Arc<Server>>, axum::Json(request): axum::Json<NewFile>) -> Response {
    let Some(of) = file_kind(request.kind.as_deref()) else {
        return (StatusCode::BAD_REQUEST, "no such kind of file").into_response();
    };
    match blocking(&server, move |w| w.new_file(of, &request.id)).await {
        Ok(Ok(file)) => axum::Json(json!({ "file": file })).into_response(),
        Ok(Err(messages)) => (StatusCode::BAD_REQUEST, axum::Json(json!({ "messages": messages }))).into_response(),
        Err(response) => response,
    }
}

async fn pdf(State(server): State<Arc<Server>>, Query(q): Query<DocumentQuery>) -> Response {
    let name =
        format!("{}-{}.{}.pdf", Path::new(&q.file).file_stem().unwrap_or_default().to_string_lossy(), q.kind, q.lang);
    match blocking(&server, move |w| w.pdf(&q.file, &q.kind, &q.lang)).await {
        Ok(Ok(bytes)) => attachment(&name, "application/pdf", bytes),
        Ok(Err(messages)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(json!({ "messages": messages }))).into_response()
        }
        Err(response) => response,
    }
}

#[derive(Deserialize)]
struct Named {
    name: String,
}

async fn set_recipients(
    State(server): State<Arc<Server>>,
    Query(q): Query<Named>,
    bytes: axum::body::Bytes,
) -> Response {
    match blocking(&server, move |w| w.set_recipients(&q.name, &bytes)).await {
        Ok(Ok((count, messages))) => axum::Json(json!({ "count": count, "messages": messages })).into_response(),
        Ok(Err(messages)) => (StatusCode::BAD_REQUEST, axum::Json(json!({ "messages": messages }))).into_response(),
        Err(response) => response,
    }
}

async fn letters(State(server): State<Arc<Server>>, axum::Json(request): axum::Json<FileQuery>) -> Response {
    match blocking(&server, move |w| w.letters(&request.file)).await {
        Ok(Ok(letters)) => axum::Json(letters).into_response(),
        Ok(Err(messages)) => (StatusCode::BAD_REQUEST, axum::Json(json!({ "messages": messages }))).into_response(),
        Err(response) => response,
    }
}

async fn built_file(State(server): State<Arc<Server>>, Query(q): Query<FileQuery>) -> Response {
    let name = Path::new(&q.file).file_name().unwrap_or_default().to_string_lossy().into_owned();
    match blocking(&server, move |w| w.built_file(&q.file)).await {
        Ok(Some((bytes, content_type))) => attachment(&name, content_type, bytes),
        Ok(None) => (StatusCode::NOT_FOUND, "no such document in the output folder").into_response(),
        Err(response) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_to_different_fields_merge() {
        let base = json!({ "id": "a", "place": { "en": "Aktau" }, "acts": [1, 2] });
        let mine = json!({ "id": "a", "place": { "en": "Aktau", "ru": "Актау" }, "acts": [1, 2] });
        let theirs = json!({ "id": "b", "place": { "en": "Aktau" }, "acts": [1, 2] });
        assert_eq!(
            merge(&base, &mine, &theirs),
            Some(json!({ "id": "b", "place": { "en": "Aktau", "ru": "Актау" }, "acts": [1, 2] }))
        );
        // The same field changed both ways: no merge.
        let theirs = json!({ "id": "a", "place": { "en": "Aqtau" }, "acts": [1, 2] });
        let mine_too = json!({ "id": "a", "place": { "en": "Aktaú" }, "acts": [1, 2] });
        assert_eq!(merge(&base, &mine_too, &theirs), None);
        // A field removed on one side and untouched on the other stays removed.
        let mine = json!({ "id": "a", "acts": [1, 2] });
        let theirs = json!({ "id": "c", "place": { "en": "Aktau" }, "acts": [1, 2] });
        assert_eq!(merge(&base, &mine, &theirs), Some(json!({ "id": "c", "acts": [1, 2] })));
    }

    /// Every field the editor edits has a Russian label and hint: a description changed in the
    /// model without its translation in `serve/ru.json` fails here.
    #[test]
    fn every_field_is_named_in_russian() {
        let russian: Value = serde_json::from_str(include_str!("serve/ru.json")).unwrap();
        fn walk(schema: &Value, names: &mut Vec<String>, hints: &mut Vec<String>) {
            match schema {
                Value::Object(map) => {
                    if let Some(Value::Object(properties)) = map.get("properties") {
                        names.extend(properties.keys().cloned());
                    }
                    if let Some(Value::String(description)) = map.get("description") {
                        hints.push(description.clone());
                    }
                    map.values().for_each(|v| walk(v, names, hints));
                }
                Value::Array(items) => items.iter().for_each(|v| walk(v, names, hints)),
                _ => {}
            }
        }
        let (mut names, mut hints) = (Vec::new(), Vec::new());
        for kind in FileKind::ALL.into_iter().filter(|k| *k != FileKind::Digest) {
            let schema: Value = serde_json::from_str(&crate::schema::schema(kind)).unwrap();
            walk(&schema, &mut names, &mut hints);
        }
        let missing = |list: &[String], table: &str| -> Vec<String> {
            list.iter().filter(|k| russian[table].get(k.as_str()).is_none()).cloned().collect()
        };
        assert_eq!(missing(&names, "labels"), Vec::<String>::new(), "labels missing from serve/ru.json");
        assert_eq!(missing(&hints, "hints"), Vec::<String>::new(), "hints missing from serve/ru.json");
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abd", "abc"));
        assert!(!same_secret("ab", "abc"));
    }
}
