//! `amicus clean`: withdrawing a case. The documents of cases, defendants and recipients that
//! no longer exist leave the output folder, and the documents that named them are built again
//! without them.
//!
//! Contract: [`clean`] removes only files amicus wrote: each recorded document's files, the
//! sources amicus keeps beside them (`.typ`, `.failed.typ`, a letter's own module and, once
//! none of their letters is left, the letters' shared source), and in the folders of withdrawn
//! cases and defendants and beside a withdrawn recipient's letters the files named as amicus
//! names its unrecorded sources (`--format typ` output, `.failed.typ` of documents that never
//! built); amicus's own temporaries, and the folders that leaves empty. It never removes a
//! file a user could have named otherwise, nor anything outside the output folder (a recorded
//! path with `..` is ignored; one through a link is an error, its line kept). An unrecorded
//! source elsewhere that may name the withdrawn (a digest's `--format typ` output) is reported
//! as an error, not removed. A manifest that cannot be read is refused, never rewritten; an
//! output folder without one is left untouched, unlocked. A document is *withdrawn* when its
//! case, its defendant or its recipient is gone: from `cases/`, from the case file, from the
//! recipients list the letter was built from (`--recipients` only when that one cannot be
//! read); or named with `--case` (which goes ahead, for the cases named, when another case
//! file cannot be read). A document that names a withdrawn person without being about them (a
//! digest, the trial's documents, a co-defendant's, which says "tried together with") is
//! removed too, then built again from the project as it now stands, as it was built (format,
//! date, recipients, `--final`); one that cannot be built without them (a defendant withdrawn
//! with `--case`, whose case file still names them), or recorded before amicus recorded
//! `--final`, stays removed, and the next `build` writes it. The manifest is rewritten without
//! their lines. With `--dry-run` nothing is changed. [`stale_warning`] is what `build` says
//! when such documents are there; `build` removes none.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::build::{self, BuildPlan};
use crate::case::{self, Case, Date, Project};
use crate::diag::Diagnostic;
use crate::diag::count;
use crate::export;
use crate::manifest::{self, About, Manifest};
use crate::output;
use crate::recipients;

/// How documents name the people they may print, in the manifest: the case's id for a
/// one-person case, `<case>/<defendant>` for each person a case lists under `defendants`.
pub fn people(case: &Case) -> Vec<String> {
    match case.lists_defendants() {
        true => case.defendants.iter().map(|d| format!("{}/{}", case.id, d.id)).collect(),
        false => vec![case.id.clone()],
    }
}

/// The case a person's label belongs to.
fn case_of(label: &str) -> &str {
    label.split('/').next().unwrap_or(label)
}

/// What `amicus clean` was asked.
#[derive(Debug, Default)]
pub struct Options {
    /// Cases (`ID`) and defendants of a trial of several (`CASE/DEFENDANT`) to withdraw though
    /// their files are still there.
    pub cases: Vec<String>,
    /// List what would be removed and built again, and change nothing.
    pub dry_run: bool,
}

/// Why a clean did nothing.
#[derive(Debug)]
pub enum Refused {
    /// A mistake in the arguments (exit code 2): an unknown `--case`.
    Usage(String),
    /// The project cannot tell what is withdrawn (exit code 1).
    Failed(Vec<Diagnostic>),
}

/// A case or a defendant withdrawn with `--case`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum OnPurpose {
    Case(String),
    /// A case's id and one of its defendants' ids.
    Defendant(String, String),
}

/// Why a withdrawn case's or defendant's folder is still there.
const LEFT: &str = "it holds files amicus has no record of writing; look at them: they may name the person";

/// Why a document that named a withdrawn person was not built again by clean.
const NOT_BUILT_AGAIN: &str = "the project no longer gives it as it was (a trial now of one person puts its documents \
     in the case's folder), or it failed (above); `amicus build` writes what the project now gives";

/// What a clean did or, with `--dry-run`, would do. Paths are relative to the output folder.
#[derive(Debug, Default)]
pub struct Cleaned {
    pub dry_run: bool,
    /// The withdrawn cases, defendants (`case/defendant`) and recipients (their letters' file
    /// names).
    pub cases: BTreeSet<String>,
    pub defendants: BTreeSet<String>,
    pub recipients: BTreeSet<String>,
    /// Files removed, then folders removed (with a final `/`).
    pub removed: Vec<String>,
    pub folders: Vec<String>,
    /// Documents that named a withdrawn person, built again without them.
    pub rebuilt: Vec<String>,
    /// Documents that named a withdrawn person and were removed, not built again: why not.
    pub not_rebuilt: Vec<(String, &'static str)>,
    /// Folders of withdrawn cases and defendants still there: they hold files amicus has no
    /// record of writing, which are not amicus's to remove.
    pub left: Vec<String>,
    /// The case files of cases and defendants withdrawn with `--case`: the user's own, kept;
    /// with the defendant's id for one person of a trial.
    pub kept_case_files: Vec<(PathBuf, Option<String>)>,
    /// The user's files that still name a withdrawn case or person, and where.
    pub still_named_in: Vec<(PathBuf, &'static str)>,
    /// Problems met on the way: a file that cannot be removed, a document not built again.
    pub diagnostics: Vec<Diagnostic>,
    pub failures: Vec<build::Failure>,
    /// The output folder holds no manifest: amicus has no record of writing anything there.
    pub unrecorded: bool,
}

impl Cleaned {
    pub fn success(&self) -> bool {
        self.failures.is_empty() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// What was done, one line each: what `amicus clean` prints before its summary. With
    /// `quiet`, only what says the withdrawal is not complete.
    pub fn lines(&self, quiet: bool) -> Vec<String> {
        if quiet {
            let mut lines: Vec<String> =
                self.not_rebuilt.iter().map(|(path, why)| format!("not built again {path}: {why}")).collect();
            lines.extend(self.left.iter().map(|folder| format!("left {folder}: {LEFT}")));
            return lines;
        }
        let mut lines = Vec::new();
        let (remove, build) = match self.dry_run {
            true => ("would remove", "would build again"),
            false => ("removed", "built again"),
        };
        for path in self.removed.iter().chain(&self.folders) {
            lines.push(format!("{remove} {path}"));
        }
        for path in &self.rebuilt {
            let otherwise = if self.dry_run { " (or remove it, if it cannot be built)" } else { "" };
            lines.push(format!("{build} {path}: it named them; without them now{otherwise}"));
        }
        for (path, why) in &self.not_rebuilt {
            lines.push(format!("not built again {path}: {why}"));
        }
        for folder in &self.left {
            lines.push(format!("left {folder}: {LEFT}"));
        }
        for (file, defendant) in &self.kept_case_files {
            let what = match defendant {
                None => "move it out of cases/ or delete it".to_owned(),
                Some(defendant) => format!("take `{defendant}` out of it"),
            };
            lines.push(format!(
                "kept {}: amicus does not delete case files; {what}, or the next `amicus build` writes their \
                 documents again",
                file.display()
            ));
        }
        if !self.still_named_in.is_empty() {
            let files: Vec<String> =
                self.still_named_in.iter().map(|(file, field)| format!("{} ({field})", file.display())).collect();
            lines.push(format!("note: your own files still name them: {}", files.join(", ")));
        }
        lines
    }

    /// One line: whom it withdrew, what it removed and built again, where.
    pub fn summary(&self, out_dir: &Path) -> String {
        let mut whom = Vec::new();
        if !self.cases.is_empty() {
            let ids: Vec<&str> = self.cases.iter().map(String::as_str).collect();
            whom.push(format!("{} ({})", count(self.cases.len(), "case", "cases"), ids.join(", ")));
        }
        if !self.defendants.is_empty() {
            let ids: Vec<&str> = self.defendants.iter().map(String::as_str).collect();
            whom.push(format!("{} ({})", count(self.defendants.len(), "defendant", "defendants"), ids.join(", ")));
        }
        if !self.recipients.is_empty() {
            whom.push(count(self.recipients.len(), "recipient", "recipients"));
        }
        let out = out_dir.display();
        if self.unrecorded {
            return format!(
                "nothing is recorded in {out}: amicus has no record of writing anything there (no manifest), so \
                 clean removes nothing"
            );
        }
        if whom.is_empty() && self.removed.is_empty() {
            return format!(
                "nothing to clean in {out}: every document recorded there is about a case, defendant and recipient that \
                 exist"
            );
        }
        let (prefix, withdrew, removed, built) = match self.dry_run {
            true => ("dry run, nothing changed: ", "would withdraw", "would remove", "would build again"),
            false => ("", "withdrew", "removed", "built again"),
        };
        let mut line = match whom.is_empty() {
            true => format!("{prefix}{removed} {}", count(self.removed.len(), "file", "files")),
            false => format!(
                "{prefix}{withdrew} {}: {removed} {}",
                whom.join(", "),
                count(self.removed.len(), "file", "files")
            ),
        };
        if !self.folders.is_empty() {
            line.push_str(&format!(" and {}", count(self.folders.len(), "folder", "folders")));
        }
        if !self.rebuilt.is_empty() {
            line.push_str(&format!(", {built} {} that named them", count(self.rebuilt.len(), "document", "documents")));
        }
        line.push_str(&format!(" ({out})"));
        line
    }
}

/// Who is in the project now, as documents name people.
struct Present {
    cases: HashSet<String>,
    people: HashSet<String>,
    /// Cases whose files cannot be read (their ids taken from the files' names): whom they
    /// hold is not known, so nothing of theirs counts as gone.
    unread: HashSet<String>,
    /// Defendants withdrawn with `--case` whose case files still name them: a document that
    /// named them cannot be built without them.
    still_in_files: HashSet<String>,
    /// The cases and languages of recorded documents in languages their cases are no longer
    /// made in (their `languages` changed).
    not_made: HashSet<(String, String)>,
}

impl Present {
    fn of(project: &Project, manifest: &Manifest, on_purpose: &[OnPurpose]) -> Present {
        Present::restricted(project, manifest, on_purpose, None)
    }

    /// Like [`Present::of`]; with `only_asked`, the cases recorded in the manifest: every case
    /// recorded but not named with `--case` counts as there (a case file cannot be read, so
    /// whose documents are whose is known only for the cases named).
    /// A case not under `cases/` whose recorded file is still there was built from elsewhere
    /// (`amicus build ~/drafts/x.yaml`): whom it holds is not known, so nothing of it is gone.
    fn restricted(
        project: &Project,
        manifest: &Manifest,
        on_purpose: &[OnPurpose],
        only_asked: Option<&HashSet<String>>,
    ) -> Present {
        let mut present = Present {
            cases: project.cases.iter().map(|c| c.value.id.clone()).collect(),
            people: project.cases.iter().flat_map(|c| people(&c.value)).collect(),
            unread: project
                .unreadable_cases
                .iter()
                .filter_map(|path| path.file_stem().and_then(|s| s.to_str()).map(str::to_owned))
                .collect(),
            still_in_files: HashSet::new(),
            not_made: HashSet::new(),
        };
        let cases: HashMap<&str, &Case> = project.cases.iter().map(|c| (c.value.id.as_str(), &c.value)).collect();
        manifest.each(|recorded| {
            let about = recorded.about.cloned().unwrap_or_else(|| about_from_path(recorded.document));
            if about.digest.is_none()
                && let Some(case) = about.case.as_deref().and_then(|id| cases.get(id))
                && let Some(lang) = language_of(recorded.document)
                // As if asked: a language built on request is not withdrawn for being unasked.
                && !project.makes_in(case, lang, true)
            {
                present.not_made.insert((case.id.clone(), lang.to_owned()));
            }
            if recorded.about.is_some()
                && let (Some(id), Some(file)) = (&about.case, &about.case_file)
                && !present.cases.contains(id)
                && file.is_file()
            {
                present.unread.insert(id.clone());
            }
        });
        if let Some(recorded) = only_asked {
            let named: HashSet<&str> = on_purpose
                .iter()
                .map(|w| match w {
                    OnPurpose::Case(id) | OnPurpose::Defendant(id, _) => id.as_str(),
                })
                .collect();
            present.unread.extend(recorded.iter().filter(|c| !named.contains(c.as_str())).cloned());
        }
        for withdrawal in on_purpose {
            match withdrawal {
                OnPurpose::Case(id) => {
                    present.cases.remove(id);
                    present.unread.remove(id);
                    present.people.retain(|label| case_of(label) != id);
                }
                OnPurpose::Defendant(case, defendant) => {
                    let label = format!("{case}/{defendant}");
                    present.people.remove(&label);
                    present.still_in_files.insert(label);
                }
            }
        }
        present
    }

    fn has_case(&self, id: &str) -> bool {
        self.cases.contains(id) || self.unread.contains(id)
    }

    fn gone(&self, label: &str) -> bool {
        !self.people.contains(label) && !self.unread.contains(case_of(label))
    }

    /// Whether `document`, of `case`, is in a language the case's documents are no longer made
    /// in (its `languages` changed): an old document with old facts.
    fn not_made_in(&self, case: &str, document: &str) -> bool {
        language_of(document).is_some_and(|lang| self.not_made.contains(&(case.to_owned(), lang.to_owned())))
    }
}

/// The language of a recorded document, from its name (`fact-sheet.kk.pdf`, `x/jan.en.pdf`).
fn language_of(document: &str) -> Option<&str> {
    let name = document.rsplit('/').next().unwrap_or(document);
    name.rsplit('.').nth(1).filter(|l| crate::case::is_language_code(l))
}

/// What becomes of a recorded document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Kept,
    /// About a withdrawn case, defendant or recipient; or no longer made: in a language its
    /// case is no longer made in, or a letter under a file name its list now gives another.
    Withdrawn,
    /// About someone else, naming a withdrawn person: removed, and built again if it can be.
    Named {
        rebuild: bool,
    },
}

/// A recorded document and what becomes of it.
struct Judged {
    document: String,
    files: Vec<String>,
    about: About,
    /// Written before amicus recorded whom a document is about: `about` is what its path tells.
    legacy: bool,
    fate: Fate,
}

impl Judged {
    /// The files amicus keeps beside the document. A line written before amicus recorded whom
    /// a document is about does not say whether it is a letter: one in a subfolder of its case
    /// may be, and the letters' shared source is looked for beside that subfolder (removed only
    /// if there, and if no document kept leads to it).
    fn companions(&self) -> Vec<String> {
        let letter = self.about.recipient.is_some() || (self.legacy && self.document.matches('/').count() >= 2);
        companions(&self.document, letter)
    }
}

/// The manifest's documents, judged against the project.
#[derive(Default)]
struct Analysis {
    documents: Vec<Judged>,
    cases: BTreeSet<String>,
    defendants: BTreeSet<String>,
    recipients: BTreeSet<String>,
    /// Documents no longer made though whom they are about is there (see [`Fate::Withdrawn`]).
    not_made: usize,
}

/// Whom a line written before amicus recorded it is about, as far as its path tells: the case
/// whose folder it is in, or the digest. Whom it names is not known.
fn about_from_path(document: &str) -> About {
    let first = document.split('/').next().unwrap_or_default();
    match first == output::DIGESTS_DIR {
        true => {
            let name = document.rsplit('/').next().unwrap_or_default();
            About { digest: Some(name.split('.').next().unwrap_or_default().to_owned()), ..About::default() }
        }
        false => About { case: Some(first.to_owned()), ..About::default() },
    }
}

/// Judges every document of `manifest`, and holds those `keep` takes, in the order of their
/// paths. `listing(list, slug, name)` says whether a letter's recipient is still on its list
/// under its file name (`None`: not known, the letter is kept).
fn analyse(
    manifest: &Manifest,
    present: &Present,
    listing: &mut dyn FnMut(Option<&Path>, &str, Option<&str>) -> Option<Listing>,
    keep: impl Fn(&Fate) -> bool,
) -> Analysis {
    let mut analysis = Analysis::default();
    // Everyone a recorded document names who is gone, and the cases they belong to: lines
    // written before amicus recorded whom a document names count as naming all of them.
    let mut gone_people: BTreeSet<String> = present.still_in_files.iter().cloned().collect();
    manifest.each(|document| match document.about {
        Some(about) => gone_people.extend(about.people.iter().filter(|l| present.gone(l)).cloned()),
        None => gone_people.extend(about_from_path(document.document).case.filter(|c| !present.has_case(c))),
    });
    for label in &gone_people {
        match present.has_case(case_of(label)) {
            true => analysis.defendants.insert(label.clone()),
            false => analysis.cases.insert(case_of(label).to_owned()),
        };
    }
    let touched: HashSet<&str> = gone_people.iter().map(|l| case_of(l)).collect();
    let kept_in_files: HashSet<&str> = present.still_in_files.iter().map(|l| case_of(l)).collect();
    // The manifest is read twice, a document at a time: 100,000 letters are not held.
    manifest.each(|document| {
        let legacy = document.about.is_none();
        let about = document.about.cloned().unwrap_or_else(|| about_from_path(document.document));
        let case = about.case.as_deref();
        let defendant = case.zip(about.defendant.as_deref()).map(|(c, d)| format!("{c}/{d}"));
        let fate = if let Some(case) = case.filter(|c| !present.has_case(c)) {
            analysis.cases.insert(case.to_owned());
            Fate::Withdrawn
        } else if let Some(label) = defendant.filter(|l| present.gone(l)) {
            analysis.defendants.insert(label);
            Fate::Withdrawn
        } else if let Some(slug) = about.recipient.as_deref()
            && let Some(listed @ (Listing::Gone | Listing::Renamed)) =
                listing(about.recipients.as_deref(), slug, about.recipient_name.as_deref())
        {
            match listed {
                Listing::Gone => {
                    analysis.recipients.insert(about.recipient_name.clone().unwrap_or_else(|| slug.to_owned()));
                }
                _ => analysis.not_made += 1,
            }
            Fate::Withdrawn
        } else if case.is_some_and(|c| present.not_made_in(c, document.document)) {
            analysis.not_made += 1;
            Fate::Withdrawn
        } else {
            let gone: Vec<&String> = about.people.iter().filter(|l| present.gone(l)).collect();
            let named = match (legacy, case) {
                (false, _) => !gone.is_empty(),
                (true, Some(case)) => touched.contains(case),
                (true, None) => !touched.is_empty(),
            };
            // Built again, it would name them again while their case file does.
            let still_named = match (legacy, case) {
                (false, _) => gone.iter().any(|l| present.still_in_files.contains(*l)),
                (true, Some(case)) => kept_in_files.contains(case),
                (true, None) => !kept_in_files.is_empty(),
            };
            match named {
                true => Fate::Named { rebuild: !still_named },
                false => Fate::Kept,
            }
        };
        if keep(&fate) {
            analysis.documents.push(Judged {
                document: document.document.to_owned(),
                files: document.files.iter().map(|f| (*f).to_owned()).collect(),
                about,
                legacy,
                fate,
            });
        }
    });
    analysis.documents.sort_by(|a, b| a.document.cmp(&b.document));
    analysis
}

/// The files amicus keeps beside a document without recording them: its Typst source and the
/// source of a failed build, and for a letter the letters' shared source and its failed copy.
fn companions(document: &str, letter: bool) -> Vec<String> {
    let path = Path::new(document);
    let mut files = vec![output::kept_source(path), output::failed_source(path)];
    if let Some(shared) = output::Layout::letters_document(path).filter(|_| letter) {
        files.extend([output::kept_source(&shared), output::failed_source(&shared)]);
    }
    files.into_iter().map(|f| f.to_string_lossy().replace('\\', "/")).collect()
}

/// The place `relative` (as the manifest writes paths) names inside `out`, if it names one: a
/// path of plain names whose folders are folders, not links. A manifest edited by hand (or by
/// someone else) cannot make clean remove a file anywhere else.
fn inside(out: &Path, relative: &str) -> Option<PathBuf> {
    match locate(out, relative) {
        Located::At(path) => Some(path),
        _ => None,
    }
}

/// Where a path the manifest names is.
#[derive(Debug, PartialEq)]
enum Located {
    /// Inside the output folder, through folders only (the file itself may be missing).
    At(PathBuf),
    /// Not a path of plain names (`..`, absolute): not one amicus wrote.
    NotPlain,
    /// A folder on the way is missing: nothing there.
    Missing,
    /// A folder on the way is a link (or a file): what it leads to is not amicus's to touch.
    ThroughLink(String),
}

fn locate(out: &Path, relative: &str) -> Located {
    let path = Path::new(relative);
    if relative.is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Located::NotPlain;
    }
    let mut at = out.to_path_buf();
    let mut components = path.components().peekable();
    while let Some(component) = components.next() {
        at.push(component);
        if components.peek().is_some() {
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => return Located::ThroughLink(manifest::key(out, &at)),
                Err(_) => return Located::Missing,
            }
        }
    }
    Located::At(at)
}

/// The files under `folder` (links not followed, three levels at most) named as amicus names
/// the sources it keeps, and `--format typ` output: `<kind>.<lang>.typ`,
/// `<kind>.<lang>.failed.typ`, and in a letters' folder `<recipient>.<lang>.typ` and
/// `.failed.typ`. `recipient` limits the letters' ones to one recipient, and leaves out the
/// others. `digests` (for the digests' folder) names the digests instead of the kinds.
fn amicus_sources(
    out: &Path,
    folder: &str,
    kinds: &[crate::kind::Kind],
    recipient: Option<&str>,
    digests: &HashSet<String>,
    defendants: &HashSet<String>,
) -> Vec<(String, PathBuf)> {
    fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() && depth > 0 {
                walk(&entry.path(), depth - 1, found);
            } else if kind.is_file() {
                found.push(entry.path());
            }
        }
    }
    let Located::At(root) = locate(out, folder) else { return Vec::new() };
    if !std::fs::symlink_metadata(&root).is_ok_and(|m| m.is_dir()) {
        return Vec::new();
    }
    let mut files = Vec::new();
    walk(&root, 2, &mut files);
    let has = |kind: &str, lang: &str| kinds.iter().any(|k| k.name == kind && k.languages.iter().any(|l| l == lang));
    files
        .into_iter()
        .filter(|path| {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
            let Some(stem) = name.strip_suffix(".failed.typ").or_else(|| name.strip_suffix(".typ")) else {
                return false;
            };
            let Some((base, lang)) = stem.rsplit_once('.') else { return false };
            let parent = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or_default();
            let plain_lang = !lang.is_empty() && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !digests.is_empty() {
                return digests.contains(base) && plain_lang;
            }
            // Where amicus puts them: a document in the folder or a defendant's folder in it, a
            // letter in a kind's folder of either.
            let depth = path.strip_prefix(&root).map_or(0, |p| p.components().count());
            let grandparent = path.parent().and_then(Path::parent).and_then(|p| p.file_name()).and_then(|n| n.to_str());
            let in_defendant = defendants.contains(parent);
            let letter = kinds.iter().any(|k| k.per_recipient && k.name == parent)
                && has(parent, lang)
                && recipient.is_none_or(|r| r == base)
                && (recipient.is_some()
                    || depth == 2
                    || (depth == 3 && grandparent.is_some_and(|g| defendants.contains(g))));
            let document = recipient.is_none() && has(base, lang) && (depth == 1 || (depth == 2 && in_defendant));
            letter || document
        })
        .map(|path| (manifest::key(out, &path), path))
        .collect()
}

/// Whether a removable file is at `path`: a file or a link (the link is removed, never what it
/// leads to), not a folder.
fn is_removable(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir())
}

/// Resolves `--case` against the project, or says which ids it knows.
fn on_purpose(asked: &[String], project: &Project, recorded_cases: &HashSet<String>) -> Result<Vec<OnPurpose>, String> {
    let mut ids: Vec<String> = project.cases.iter().map(|c| c.value.id.clone()).collect();
    ids.sort();
    let labels: Vec<String> =
        project.cases.iter().filter(|c| c.value.lists_defendants()).flat_map(|c| people(&c.value)).collect();
    let mut resolved = Vec::new();
    for id in asked {
        let id = id.trim_end_matches('/');
        if let Some((case_id, defendant)) = id.split_once('/') {
            let Some(case) = project.cases.iter().find(|c| c.value.id == case_id) else {
                return Err(unknown_case(case_id, &ids, &labels));
            };
            let defendants: Vec<String> = case.value.defendants.iter().map(|d| d.id.clone()).collect();
            if !defendants.iter().any(|d| d == defendant) {
                let known = match defendants.is_empty() {
                    true => "it tried one person, withdrawn as the whole case with `--case ID`".to_owned(),
                    false => format!("its defendants are: {}", defendants.join(", ")),
                };
                return Err(format!("the case `{case_id}` has no defendant `{defendant}`; {known}"));
            }
            resolved.push(OnPurpose::Defendant(case_id.to_owned(), defendant.to_owned()));
        } else if ids.iter().any(|known| known == id) || recorded_cases.contains(id) {
            // A case whose file is gone is withdrawn anyway; naming it is no mistake.
            resolved.push(OnPurpose::Case(id.to_owned()));
        } else {
            return Err(unknown_case(id, &ids, &labels));
        }
    }
    Ok(resolved)
}

fn unknown_case(id: &str, ids: &[String], labels: &[String]) -> String {
    let candidates: Vec<String> = ids.iter().chain(labels).cloned().collect();
    let hint = case::did_you_mean(id, &candidates).map(|b| format!(" (did you mean `{b}`?)")).unwrap_or_default();
    let known = match ids.is_empty() {
        true => "the project has no case".to_owned(),
        false => format!("the cases are: {}", ids.join(", ")),
    };
    format!("there is no case `{id}`{hint}; {known} (a defendant of a trial of several is `--case CASE/DEFENDANT`)")
}

/// Withdraws what no longer exists (and what `options` names) from the plan's output folder.
/// `waiting` is called if another run holds the folder.
pub fn clean(plan: &BuildPlan, options: &Options, waiting: &dyn Fn()) -> Result<Cleaned, Refused> {
    let (project, diagnostics) = case::load(&plan.cases_dir(), &[]);
    // A case file that cannot be read holds an id clean cannot know: its documents would look
    // like a withdrawn case's. Only the cases named with `--case` can be withdrawn then.
    let unread_cases = !project.unreadable_cases.is_empty();
    if unread_cases && options.cases.is_empty() {
        let mut refusal = diagnostics;
        refusal.retain(|d| d.location.as_ref().is_some_and(|l| project.unreadable_cases.contains(&l.path)));
        let files: Vec<String> = project.unreadable_cases.iter().map(|p| p.display().to_string()).collect();
        refusal.push(
            Diagnostic::error(format!("not cleaned: {} cannot be read", files.join(", ")))
                .hint("fix the file first: until it is read, amicus cannot tell whose documents are whose")
                .hint("`amicus clean --case ID` withdraws the cases it names all the same"),
        );
        return Err(Refused::Failed(refusal));
    }
    let manifest_path = plan.out_dir.join(manifest::MANIFEST_FILE);
    let read = |manifest: Result<Option<(Manifest, usize)>, crate::files::ReadError>| match manifest {
        Err(e) => Err(Refused::Failed(vec![
            Diagnostic::error(format!("not cleaned: the manifest cannot be read ({e})"))
                .in_file(&manifest_path)
                .hint("it records which files amicus wrote: without it, clean cannot tell them from yours"),
        ])),
        Ok(Some((_, unread))) if unread > 0 => Err(Refused::Failed(vec![
            Diagnostic::error(format!(
                "not cleaned: {} of the manifest cannot be read",
                count(unread, "line", "lines")
            ))
            .in_file(&manifest_path)
            .hint("each may record files of the person withdrawn: clean leaves the manifest as it is")
            .hint("mend or delete those lines (a line cut off by a killed run records nothing), then clean"),
        ])),
        Ok(manifest) => Ok(manifest.map(|(manifest, _)| manifest)),
    };
    let first = match plan.out_dir.is_dir() {
        true => read(Manifest::read(&plan.out_dir))?,
        false => None,
    };
    let recorded_cases: HashSet<String> = first
        .iter()
        .flat_map(|m| m.documents())
        .filter_map(|d| d.about.cloned().unwrap_or_else(|| about_from_path(d.document)).case)
        .collect();
    let asked = on_purpose(&options.cases, &project, &recorded_cases).map_err(Refused::Usage)?;
    let mut cleaned = Cleaned { dry_run: options.dry_run, ..Cleaned::default() };
    for withdrawal in &asked {
        let (id, defendant) = match withdrawal {
            OnPurpose::Case(id) => (id, None),
            OnPurpose::Defendant(id, defendant) => (id, Some(defendant.clone())),
        };
        if let Some(case) = project.cases.iter().find(|c| &c.value.id == id) {
            let file = case.path().strip_prefix(&plan.root).unwrap_or(case.path()).to_path_buf();
            let kept = (file, defendant);
            if !cleaned.kept_case_files.contains(&kept) {
                cleaned.kept_case_files.push(kept);
            }
        }
    }
    if !plan.out_dir.is_dir() {
        return Err(Refused::Failed(vec![
            Diagnostic::error(format!("the output folder {} does not exist", plan.out_dir.display()))
                .hint("`--out` names the folder `amicus build` wrote to"),
        ]));
    }
    if first.is_none() {
        // No record: nothing amicus knows it wrote. Said, and no lock taken, nothing walked.
        cleaned.unrecorded = true;
        for withdrawal in &asked {
            let folder = match withdrawal {
                OnPurpose::Case(id) => id.clone(),
                OnPurpose::Defendant(id, defendant) => format!("{id}/{defendant}"),
            };
            if inside(&plan.out_dir, &folder).is_some_and(|p| p.is_dir()) {
                cleaned.left.push(format!("{folder}/"));
            }
        }
        return Ok(cleaned);
    }

    // Holding the folder's lock: no build writes a document while its files are judged and
    // removed. Released before documents are built again (the build takes it itself).
    let lock = match options.dry_run {
        true => None,
        false => Some(output::lock(&plan.out_dir, waiting).map_err(|e| {
            Refused::Failed(vec![
                Diagnostic::error(format!("cannot lock the output folder: {e}"))
                    .in_file(&plan.out_dir.join(output::LOCK_FILE)),
            ])
        })?),
    };
    // Read again under the lock: a build may have changed it.
    let Some(mut manifest) = read(Manifest::read(&plan.out_dir))? else {
        cleaned.unrecorded = true;
        return Ok(cleaned);
    };
    let present = Present::restricted(&project, &manifest, &asked, unread_cases.then_some(&recorded_cases));
    let mut lists = Lists::new(plan.recipients.clone());
    let analysis = analyse(&manifest, &present, &mut |list, slug, name| lists.listing(list, slug, name), |_| true);
    cleaned.diagnostics.extend(lists.warnings());
    cleaned.cases = analysis.cases.clone();
    cleaned.defendants = analysis.defendants.clone();
    cleaned.recipients = analysis.recipients.clone();
    cleaned.still_named_in = still_named_in(&project, &plan.root, &analysis);

    // What goes: the files of withdrawn documents and of those that named them, and the
    // sources beside them that no document kept still uses.
    let goes = |d: &Judged| d.fate != Fate::Kept;
    let kept_files: HashSet<String> = analysis
        .documents
        .iter()
        .filter(|d| !goes(d))
        .flat_map(|d| d.files.iter().cloned().chain(d.companions()))
        .collect();
    let mut removing: BTreeMap<String, PathBuf> = BTreeMap::new();
    // Documents whose files lead through a link: kept in the manifest, reported.
    let mut blocked: HashSet<String> = HashSet::new();
    for document in analysis.documents.iter().filter(|d| goes(d)) {
        for file in document.files.iter().cloned().chain(document.companions()) {
            if kept_files.contains(&file) {
                continue;
            }
            match locate(&plan.out_dir, &file) {
                Located::At(path) if is_removable(&path) => {
                    removing.insert(file, path);
                }
                Located::ThroughLink(link) if document.files.contains(&file) => {
                    blocked.insert(document.document.clone());
                    cleaned.diagnostics.push(
                        Diagnostic::error(format!(
                            "not removed {file}: {link} is a link (or not a folder), and clean removes nothing \
                             through one"
                        ))
                        .in_file(&plan.out_dir.join(&link))
                        .hint("remove the file yourself (it is about or names the person withdrawn), then clean again"),
                    );
                }
                _ => {}
            }
        }
    }
    // The sources amicus keeps without recording them (`.failed.typ` of a document that never
    // built, `--format typ` output): in the folders of withdrawn cases and defendants, and
    // beside the letters of withdrawn recipients.
    let kinds = crate::kind::kinds(&plan.templates()).unwrap_or_default();
    let none = HashSet::new();
    // The defendants' folders amicus writes in a case's folder, as recorded.
    let defendants: HashSet<String> = analysis.documents.iter().filter_map(|d| d.about.defendant.clone()).collect();
    let mut sources: Vec<(String, PathBuf)> = Vec::new();
    for folder in analysis.cases.iter().chain(&analysis.defendants) {
        sources.extend(amicus_sources(&plan.out_dir, folder, &kinds, None, &none, &defendants));
    }
    for document in analysis.documents.iter().filter(|d| d.fate == Fate::Withdrawn) {
        if let (Some(slug), Some((folder, _))) = (&document.about.recipient, document.document.rsplit_once('/')) {
            sources.extend(amicus_sources(&plan.out_dir, folder, &kinds, Some(slug), &none, &defendants));
        }
    }
    for (file, path) in sources {
        if !kept_files.contains(&file) {
            removing.insert(file, path);
        }
    }
    // Elsewhere, such sources that no record accounts for may name them: said, not removed.
    if !analysis.cases.is_empty() || !analysis.defendants.is_empty() {
        let accounted: HashSet<String> =
            analysis.documents.iter().flat_map(|d| d.files.iter().cloned().chain(d.companions())).collect();
        let mut digests: HashSet<String> = project.digests.iter().map(|d| d.value.id.clone()).collect();
        digests.extend(analysis.documents.iter().filter_map(|d| d.about.digest.clone()));
        let mut unaccounted = amicus_sources(&plan.out_dir, output::DIGESTS_DIR, &kinds, None, &digests, &none);
        let trials: BTreeSet<&str> = analysis.defendants.iter().map(|l| case_of(l)).collect();
        for case in trials.into_iter().filter(|c| !analysis.cases.contains(*c)) {
            unaccounted.extend(amicus_sources(&plan.out_dir, case, &kinds, None, &none, &defendants));
        }
        for (file, path) in unaccounted {
            if !accounted.contains(&file) && !removing.contains_key(&file) {
                cleaned.diagnostics.push(
                    Diagnostic::error(format!(
                        "not removed {file}: amicus has no record of whom it names (written with `--format typ`, \
                         or by a build that failed), and it may name them"
                    ))
                    .in_file(&path)
                    .hint("remove it, or build it again (`amicus build --format typ`) to write it without them"),
                );
            }
        }
    }
    // A line written before amicus recorded whom a document is about does not say which
    // defendant it is about: one in a defendant's folder that the case no longer lists.
    for document in analysis.documents.iter().filter(|d| d.legacy && d.fate == Fate::Kept) {
        let mut parts = document.document.split('/');
        let (Some(case), Some(folder), Some(_), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let Some(case) = project.cases.iter().find(|c| c.value.id == case) else { continue };
        if !kinds.iter().any(|k| k.name == folder) && !case.value.defendants.iter().any(|d| d.id == folder) {
            cleaned.diagnostics.push(
                Diagnostic::error(format!(
                    "not removed {}: recorded before amicus recorded whom a document is about, and `{folder}` is no \
                     longer a defendant of `{}`",
                    document.document, case.value.id
                ))
                .hint("`amicus build --force`, then `amicus clean`"),
            );
        }
    }
    let known_final = |d: &&Judged| d.about.final_only.is_some();
    let rebuild: Vec<&Judged> =
        analysis.documents.iter().filter(|d| d.fate == Fate::Named { rebuild: true }).filter(known_final).collect();
    let not_rebuilt = |d: &&Judged| d.fate == Fate::Named { rebuild: false };
    let kept_in_file = "the case file still names the person withdrawn with `--case`: take them out of it, then build";
    let unknown_final = |d: &&Judged| d.fate == Fate::Named { rebuild: true } && d.about.final_only.is_none();
    let how_unknown = "amicus did not record whether it was built with `--final`: `amicus build` (with `--final` if \
                       it was) writes it without them";

    if options.dry_run {
        // What is built again is not listed as removed: its files come back.
        let back: HashSet<String> =
            rebuild.iter().flat_map(|d| d.files.iter().cloned().chain(d.companions())).collect();
        removing.retain(|file, _| !back.contains(file));
        let paths: HashSet<PathBuf> = removing.values().cloned().collect();
        cleaned.folders = emptied_folders(&plan.out_dir, &paths);
        cleaned.removed = removing.into_keys().collect();
        cleaned.rebuilt = rebuild.iter().map(|d| d.document.clone()).collect();
        cleaned.not_rebuilt =
            analysis.documents.iter().filter(not_rebuilt).map(|d| (d.document.clone(), kept_in_file)).collect();
        cleaned
            .not_rebuilt
            .extend(analysis.documents.iter().filter(unknown_final).map(|d| (d.document.clone(), how_unknown)));
        return Ok(cleaned);
    }

    // Remove; a document leaves the manifest only once all its files are gone, so that a file
    // that could not be removed is found again by the next clean.
    let mut failed_files = HashSet::new();
    for (file, path) in &removing {
        if let Err(e) = std::fs::remove_file(path) {
            failed_files.insert(file.clone());
            cleaned.diagnostics.push(
                Diagnostic::error(format!("cannot remove {file}: {e}"))
                    .in_file(path)
                    .hint("remove it yourself, or run `amicus clean` again once it can be removed"),
            );
        }
    }
    for document in analysis.documents.iter().filter(|d| goes(d)) {
        if !blocked.contains(&document.document) && !document.files.iter().any(|f| failed_files.contains(f)) {
            manifest.remove(&document.document);
        }
    }
    if let Err(e) = manifest.rewrite() {
        cleaned.diagnostics.push(
            Diagnostic::error(format!("cannot rewrite the manifest without the withdrawn documents: {e}"))
                .in_file(&manifest_path)
                .hint("its lines may still name them: remove the file (everything is built again next time)"),
        );
    }
    output::remove_stale_temporaries(&plan.out_dir);
    let emptied = remove_empty_folders(&plan.out_dir, removing.values());
    drop(lock);

    let said = rebuild_documents(plan, &project, &asked, &rebuild, &mut cleaned);

    // What is gone now: a document built again has its files back.
    let manifest = Manifest::load(&plan.out_dir);
    let recorded: HashSet<&str> = manifest.documents().iter().map(|d| d.document).collect();
    for document in &rebuild {
        match recorded.contains(document.document.as_str()) {
            true => cleaned.rebuilt.push(document.document.clone()),
            false => cleaned.not_rebuilt.push((document.document.clone(), NOT_BUILT_AGAIN)),
        }
    }
    // What the builds said explains a document not built again.
    if !cleaned.not_rebuilt.is_empty() {
        cleaned.diagnostics.extend(said);
    }
    for document in analysis.documents.iter().filter(not_rebuilt) {
        cleaned.not_rebuilt.push((document.document.clone(), kept_in_file));
    }
    for document in analysis.documents.iter().filter(unknown_final) {
        cleaned.not_rebuilt.push((document.document.clone(), how_unknown));
    }
    cleaned.removed = removing.into_iter().filter(|(_, path)| !is_removable(path)).map(|(file, _)| file).collect();
    cleaned.folders = emptied.into_iter().filter(|(_, path)| !path.exists()).map(|(folder, _)| folder).collect();
    let mut withdrawn_folders: Vec<String> =
        cleaned.cases.iter().cloned().chain(cleaned.defendants.iter().cloned()).collect();
    withdrawn_folders.retain(|folder| inside(&plan.out_dir, folder).is_some_and(|p| p.is_dir()));
    cleaned.left = withdrawn_folders.into_iter().map(|f| format!("{f}/")).collect();
    Ok(cleaned)
}

/// The recipients lists letters were built from, read once each.
struct Lists {
    /// `--recipients`: the list letters are checked against when their own cannot be read.
    instead: Option<PathBuf>,
    /// Each list's recipients: their names by file name.
    read: HashMap<PathBuf, Result<Names, String>>,
    /// Letters kept because their list cannot be read, per list.
    unknown: BTreeMap<PathBuf, usize>,
}

impl Lists {
    fn new(instead: Option<PathBuf>) -> Lists {
        Lists { instead, read: HashMap::new(), unknown: BTreeMap::new() }
    }

    /// Whether the recipient with file name `slug` (and `name`, when the manifest recorded it)
    /// is gone from the list their letter was built from; from `--recipients` only when that
    /// list cannot be read (or was not recorded). A list where someone else now has the file
    /// name does not keep the letter.
    fn listing(&mut self, list: Option<&Path>, slug: &str, name: Option<&str>) -> Option<Listing> {
        let own = list.and_then(|list| self.check(list, slug, name));
        if own.is_some() {
            return own;
        }
        let instead = self.instead.clone()?;
        let answer = self.check(&instead, slug, name);
        if answer.is_some()
            && let Some(list) = list
            && let Some(unknown) = self.unknown.get_mut(list)
        {
            // Told by `--recipients` after all.
            *unknown -= 1;
            if *unknown == 0 {
                self.unknown.remove(list);
            }
        }
        answer
    }

    fn check(&mut self, path: &Path, slug: &str, name: Option<&str>) -> Option<Listing> {
        let names = self.read.entry(path.to_path_buf()).or_insert_with(|| {
            let list = recipients::List::load(path, None, &recipients::Selection::default())
                .map_err(|errors| errors.into_iter().next());
            list.and_then(|(list, _)| Names::of(&list).map_err(Some))
                .map_err(|error| error.map_or_else(|| "it cannot be read".to_owned(), |e| e.message))
        });
        match names {
            Ok(names) => Some(names.listing(slug, name)),
            Err(_) => {
                *self.unknown.entry(path.to_path_buf()).or_default() += 1;
                None
            }
        }
    }

    /// One warning per list that could not be read, with the letters kept for it.
    fn warnings(&self) -> Vec<Diagnostic> {
        self.unknown
            .iter()
            .map(|(path, letters)| {
                let why = self.read.get(path).and_then(|r| r.as_ref().err()).cloned().unwrap_or_default();
                Diagnostic::warning(format!(
                    "{} built from {} kept: the list cannot be read to tell who is still on it ({why})",
                    count(*letters, "letter", "letters"),
                    path.display()
                ))
                .hint("`amicus clean --recipients FILE` checks these letters against FILE instead")
            })
            .collect()
    }
}

/// Where a letter's recipient is in the list it was built from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Listing {
    /// There, with the letter's file name.
    Listed,
    /// Not there: withdrawn.
    Gone,
    /// There under another file name: the letter is removed, and the next build writes it
    /// under the new one.
    Renamed,
}

/// A recipients list's names, by file name.
struct Names {
    /// By 64-bit hashes ([`name_hash`]), so that a list of 100,000 people takes 3 MB, not 15.
    by_slug: HashMap<u64, u64>,
    all: HashSet<u64>,
}

impl Names {
    fn of(list: &recipients::List) -> Result<Names, Diagnostic> {
        let mut names = Names { by_slug: HashMap::new(), all: HashSet::new() };
        list.each_chunk_of_all(recipients::CHUNK, |chunk| {
            for person in chunk {
                names.by_slug.insert(name_hash(&person.slug), name_hash(&person.name));
                names.all.insert(name_hash(&person.name));
            }
        })?;
        Ok(names)
    }

    /// Where the recipient of the letter with file name `slug` is, by name too when the
    /// manifest recorded it: a list without `Müller` gives `Muller` the file name `muller`,
    /// and Müller's letter must go.
    fn listing(&self, slug: &str, name: Option<&str>) -> Listing {
        match (self.by_slug.get(&name_hash(slug)), name.map(name_hash)) {
            (Some(listed), Some(name)) if *listed != name => match self.all.contains(&name) {
                true => Listing::Renamed,
                false => Listing::Gone,
            },
            (Some(_), _) => Listing::Listed,
            (None, Some(name)) if self.all.contains(&name) => Listing::Renamed,
            (None, _) => Listing::Gone,
        }
    }
}

/// A name or file name as [`Names`] holds it: two of 100,000 names meet by chance once in a
/// billion lists.
fn name_hash(name: &str) -> u64 {
    typst::utils::hash128(name) as u64
}

/// The user's files that still name a withdrawn case or person: statements' `concerns`, digests'
/// `select.cases`. Not clean's to change; said, so that the user can.
fn still_named_in(project: &Project, root: &Path, analysis: &Analysis) -> Vec<(PathBuf, &'static str)> {
    let withdrawn = |case: &str, defendant: Option<&str>| {
        analysis.cases.contains(case) || defendant.is_some_and(|d| analysis.defendants.contains(&format!("{case}/{d}")))
    };
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let mut files = Vec::new();
    if analysis.cases.is_empty() && analysis.defendants.is_empty() {
        return files;
    }
    for statement in project.shared.statements.values() {
        if statement.value.concerns.iter().any(|c| withdrawn(&c.case, c.defendant.as_deref())) {
            files.push((relative(statement.path()), "concerns"));
        }
    }
    for digest in &project.digests {
        if digest.value.select.cases.iter().any(|c| analysis.cases.contains(c)) {
            files.push((relative(digest.path()), "select.cases"));
        }
    }
    files
}

/// Builds again, without the withdrawn, the documents that named them: grouped by how they
/// were built (format, recipients, date), each group as one build of exactly those documents.
fn rebuild_documents(
    plan: &BuildPlan,
    project: &Project,
    asked: &[OnPurpose],
    documents: &[&Judged],
    cleaned: &mut Cleaned,
) -> Vec<Diagnostic> {
    let mut said = Vec::new();
    type How = (&'static str, Option<PathBuf>, Option<PathBuf>, Option<String>, bool);
    let mut groups: BTreeMap<How, Vec<&Judged>> = BTreeMap::new();
    for document in documents {
        let format = match document.document.ends_with(".png") {
            true => "png",
            false => "pdf",
        };
        let about = &document.about;
        // A line written before amicus recorded the date: the date this run is given.
        let date = match document.legacy {
            true => plan.date.map(|d| d.to_string()),
            false => about.date.clone(),
        };
        let how = (format, about.recipients.clone(), about.join.clone(), date, about.final_only == Some(true));
        groups.entry(how).or_default().push(document);
    }
    let withdrawn: Vec<String> = asked
        .iter()
        .filter_map(|w| match w {
            OnPurpose::Case(id) => Some(id.clone()),
            OnPurpose::Defendant(..) => None,
        })
        .collect();
    for ((format, recipients, join, date, final_only), documents) in groups {
        let mut paths: Vec<PathBuf> = Vec::new();
        for about in documents.iter().map(|d| &d.about) {
            let file = match (&about.case, &about.digest) {
                (Some(id), _) => project.cases.iter().find(|c| &c.value.id == id).map(|c| c.path().to_path_buf()),
                (None, Some(id)) => project.digests.iter().find(|d| &d.value.id == id).map(|d| d.path().to_path_buf()),
                (None, None) => None,
            };
            paths.extend(file.filter(|f| !paths.contains(f)));
        }
        // No path would mean every case and digest.
        if paths.is_empty() {
            continue;
        }
        let rebuild = BuildPlan {
            paths,
            kinds: Vec::new(),
            languages: Vec::new(),
            recipients,
            join,
            date: date.and_then(|d| Date::parse(&d).ok()),
            format: export::by_name(format).unwrap_or(export::FORMATS[0]),
            force: false,
            final_only,
            only: Some(documents.iter().map(|d| d.document.clone()).collect()),
            withdrawn: withdrawn.clone(),
            ..plan.clone()
        };
        let kinds = match build::select_kinds(&rebuild) {
            Ok(kinds) => kinds,
            Err(Ok(usage)) => {
                cleaned.diagnostics.push(Diagnostic::error(usage.0));
                continue;
            }
            Err(Err(diagnostic)) => {
                cleaned.diagnostics.push(diagnostic);
                continue;
            }
        };
        let report = build::build(&rebuild, &kinds, &build::NoProgress);
        // The build checked the whole project: its warnings are `check`'s to give; its errors
        // and notes explain a document not built again (the caller gives them then).
        said.extend(report.diagnostics.into_iter().filter(Diagnostic::is_error));
        said.extend(report.notes.into_iter().map(|note| Diagnostic::warning(format!("note: {note}"))));
        cleaned.failures.extend(report.failed);
    }
    said
}

/// The folders of `out` that hold `files`, at any depth, `out` itself left out.
fn folders_of<'a>(out: &Path, files: impl IntoIterator<Item = &'a PathBuf>) -> BTreeSet<PathBuf> {
    let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
    for file in files {
        folders.extend(file.ancestors().skip(1).take_while(|p| *p != out && p.starts_with(out)).map(Path::to_path_buf));
    }
    folders
}

/// Removes the folders that removing `files` left empty, from the deepest up, never `out`
/// itself; gives each as the manifest would name it, with a final `/`, and its path.
fn remove_empty_folders<'a>(out: &Path, files: impl Iterator<Item = &'a PathBuf>) -> Vec<(String, PathBuf)> {
    let folders = folders_of(out, files);
    let mut deepest_first: Vec<PathBuf> = folders.into_iter().collect();
    deepest_first.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    // `remove_dir` removes only an empty folder: one holding anything else stays.
    deepest_first
        .into_iter()
        .filter(|folder| std::fs::remove_dir(folder).is_ok())
        .map(|folder| (format!("{}/", manifest::key(out, &folder)), folder))
        .collect()
}

/// The folders removing `files` would leave empty (for `--dry-run`).
fn emptied_folders(out: &Path, files: &HashSet<PathBuf>) -> Vec<String> {
    fn empties(folder: &Path, files: &HashSet<PathBuf>) -> bool {
        let Ok(entries) = std::fs::read_dir(folder) else { return false };
        entries.flatten().all(|entry| {
            let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
            files.contains(&entry.path()) || (is_folder && empties(&entry.path(), files))
        })
    }
    let folders = folders_of(out, files);
    let mut emptied: Vec<PathBuf> = folders.into_iter().filter(|f| empties(f, files)).collect();
    emptied.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    emptied.into_iter().map(|f| format!("{}/", manifest::key(out, &f))).collect()
}

/// What `build` says when the output folder holds documents of cases, defendants or recipients
/// that no longer exist: one line, naming the command that removes them. Letters are judged
/// only against the recipients list the build was given, when they were built from it.
pub fn stale_warning(
    plan: &BuildPlan,
    project: &Project,
    manifest: &Manifest,
    recipients: Option<&recipients::List>,
) -> Option<Diagnostic> {
    let present = Present::of(project, manifest, &[]);
    let list = plan.recipients.as_deref().map(crate::files::canonical_or_given);
    // Read only if a letter built from the list is in the folder: a first build of 100,000
    // letters does not hold their names.
    let mut names: Option<Option<Names>> = None;
    let mut listing = |recorded: Option<&Path>, slug: &str, name: Option<&str>| match (&list, recipients, recorded) {
        (Some(list), Some(recipients), Some(recorded)) if list == recorded => {
            let names = names.get_or_insert_with(|| Names::of(recipients).ok());
            names.as_ref().map(|names| names.listing(slug, name))
        }
        _ => None,
    };
    let analysis = analyse(manifest, &present, &mut listing, |fate| *fate == Fate::Withdrawn);
    let withdrawn = analysis.documents.iter().filter(|d| d.fate == Fate::Withdrawn).count();
    if withdrawn == 0 {
        return None;
    }
    // Only those whose own documents are there: a person who was only named is built out of
    // the documents that named them by this very build.
    let mut whom = Vec::new();
    let (mut cases, mut defendants, mut letters) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for document in analysis.documents.iter().filter(|d| d.fate == Fate::Withdrawn) {
        let about = &document.about;
        match (&about.case, &about.defendant, &about.recipient) {
            (Some(case), _, _) if !present.has_case(case) => cases.insert(case.clone()),
            (Some(case), Some(defendant), _) if present.gone(&format!("{case}/{defendant}")) => {
                defendants.insert(format!("{case}/{defendant}"))
            }
            // A letter whose recipient is on the list under another file name is not counted.
            (_, _, Some(slug)) => {
                let name = about.recipient_name.as_ref().unwrap_or(slug);
                analysis.recipients.contains(name) && letters.insert(name.clone())
            }
            _ => false,
        };
    }
    for (n, one, many) in [
        (cases.len(), "case", "cases"),
        (defendants.len(), "defendant", "defendants"),
        (letters.len(), "recipient", "recipients"),
    ] {
        if n > 0 {
            whom.push(count(n, one, many));
        }
    }
    if whom.is_empty() {
        return Some(Diagnostic::warning(format!(
            "{} holds {} no longer made (in a language their case is no longer made in, or a letter under a file \
             name the recipients list now gives another): run `amicus clean` to remove them (`--dry-run` lists \
             them first)",
            plan.out_dir.display(),
            count(analysis.not_made, "document", "documents"),
        )));
    }
    let whom = match whom.len() {
        1 => whom.remove(0),
        _ => {
            let last = whom.pop().unwrap_or_default();
            format!("{} and {last}", whom.join(", "))
        }
    };
    let verb = if cases.len() + defendants.len() + letters.len() == 1 { "no longer exists" } else { "no longer exist" };
    Some(Diagnostic::warning(format!(
        "{} holds {} of {whom} that {verb}: run `amicus clean` to remove them (`--dry-run` lists them first)",
        plan.out_dir.display(),
        count(withdrawn, "document", "documents"),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_inside_the_folder_are_removable() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("case")).unwrap();
        std::fs::write(out.join("case/a.pdf"), "x").unwrap();
        assert_eq!(inside(&out, "case/a.pdf"), Some(out.join("case/a.pdf")));
        for bad in ["", "../secret", "case/../../secret", "/etc/passwd", "./case/a.pdf"] {
            assert_eq!(inside(&out, bad), None, "{bad}");
        }
        // A folder that is a link leads out of the output folder: nothing through it.
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("b.pdf"), "mine").unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("link")).unwrap();
        assert_eq!(inside(&out, "link/b.pdf"), None);
    }

    #[test]
    fn a_letter_leads_to_its_sources() {
        assert_eq!(
            companions("case/mep-letter/jan.en.pdf", true),
            [
                "case/mep-letter/jan.en.typ",
                "case/mep-letter/jan.en.failed.typ",
                "case/mep-letter.en.typ",
                "case/mep-letter.en.failed.typ"
            ]
        );
        assert_eq!(
            companions("case/fact-sheet.kk.png", false),
            ["case/fact-sheet.kk.typ", "case/fact-sheet.kk.failed.typ"]
        );
    }
}
