//! The run: load and check the project, plan every requested document, skip those whose
//! inputs are unchanged, make the rest through the document API on a pool of threads, and
//! write them.
//!
//! Contract: [`build`] never stops at the first failure. Each document either is written
//! whole (PDF and its `.typ`) or fails with diagnostics; the others go on. A document whose
//! inputs are unchanged since the manifest recorded it is left as it is (unless `--force`).
//! The [`Report`] says what was built, what was up to date, what failed and what was skipped,
//! and decides the exit code.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::batch;
use crate::case::{self, Case, Date, Digest, Loaded, Project};
use crate::check::{self, Checked};
use crate::diag::{Code, Diagnostic};
use crate::document::{self, Documents, Kept, Prepared, Subject};
use crate::email;
use crate::export::{self, Export};
use crate::files;
use crate::kind::{self, Kind, Scope};
use crate::manifest::{self, MadeFrom, Manifest};
use crate::output::{self, Layout};
use crate::recipients::{self, Recipient};
use crate::templates::Templates;

/// Everything a run needs, decided from the arguments before any work is done.
#[derive(Debug, Clone)]
pub struct BuildPlan {
    /// The project folder: holds `cases/`, and `templates/` where it changes built-in ones.
    pub root: PathBuf,
    /// Case files or folders to build; empty means every case and digest.
    pub paths: Vec<PathBuf>,
    /// Kinds to build; empty means all.
    pub kinds: Vec<String>,
    /// Languages to build; empty means every language a kind has a template for.
    pub languages: Vec<String>,
    pub out_dir: PathBuf,
    /// The recipients file for letter kinds; without it they are skipped with a note.
    pub recipients: Option<PathBuf>,
    /// A CSV keyed by member id whose columns are added to the recipients (`--join`).
    pub join: Option<PathBuf>,
    /// Which people of the recipients list get letters (`--where`).
    pub selection: recipients::Selection,
    /// The date for documents whose case gives none: `--date`, else `SOURCE_DATE_EPOCH`.
    pub date: Option<Date>,
    /// PDF, page images, or only the Typst source.
    pub format: &'static dyn Export,
    /// Build every document, even those the manifest says are up to date.
    pub force: bool,
    /// How many documents are typeset at once.
    pub jobs: usize,
    /// Refuse drafts: a document whose sender's or filer's facts are missing fails instead
    /// of being built with lines to fill in.
    pub final_only: bool,
    /// Build only these documents (paths relative to the output folder, as the manifest names
    /// them): `amicus clean` builds again those it removed because they named a withdrawn person.
    pub only: Option<HashSet<String>>,
    /// Cases to leave out as if their files were gone (`amicus clean --case ID`).
    pub withdrawn: Vec<String>,
    /// Only decide what is out of date, and write nothing: the report's `built` counts the
    /// documents a build would make (`amicus send` refuses letters older than their inputs).
    pub plan_only: bool,
}

impl BuildPlan {
    /// The day a run judges cases without a `document_date` at: `--date`, else today.
    pub fn judged_at(&self) -> Date {
        self.date.unwrap_or_else(Date::today)
    }

    /// Every case and digest of the project at `root`, every kind and language, into
    /// `<root>/out`, as PDF.
    pub fn new(root: PathBuf) -> BuildPlan {
        BuildPlan {
            out_dir: root.join("out"),
            root,
            paths: Vec::new(),
            kinds: Vec::new(),
            languages: Vec::new(),
            recipients: None,
            join: None,
            selection: recipients::Selection::default(),
            date: None,
            format: export::FORMATS[0],
            force: false,
            jobs: batch::default_workers(),
            final_only: false,
            only: None,
            withdrawn: Vec::new(),
            plan_only: false,
        }
    }

    pub fn cases_dir(&self) -> PathBuf {
        self.root.join("cases")
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// The project's templates over the built-in ones.
    pub fn templates(&self) -> Templates {
        Templates::new(&self.templates_dir())
    }
}

/// A requested document that could not be built.
#[derive(Debug, Clone)]
pub struct Failure {
    /// What the document is, for people: `kanaliyev-2021 fact-sheet (en)`.
    pub label: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// A document built by a run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Built {
    /// The PDF (or the first page image, or the source with `--format typ`).
    pub file: PathBuf,
    /// The Typst source it was made from (shared by the letters of one case).
    pub source: PathBuf,
}

/// What a run did. Documents that were built or up to date are counted, not kept (each built
/// one is told to [`Progress::built`] as it is written), so that memory does not grow with the
/// number of letters.
#[derive(Debug, Default)]
pub struct Report {
    /// How many documents this run built.
    pub built: usize,
    /// How many documents were left as they were: their inputs have not changed.
    pub up_to_date: usize,
    /// How many of those were rendered to find it out: files they are made from changed (a
    /// comment in a case file), not their generated source. The others were known up to date
    /// from their files' bytes alone.
    pub rendered_unchanged: usize,
    /// How many documents were not built because their case is not ready for their kind
    /// (without `--kind`; each case and kind is also a note).
    pub not_ready: usize,
    /// The documents that failed, in the order they were asked for.
    pub failed: Vec<Failure>,
    /// Data and template problems not tied to one document, and every warning.
    pub diagnostics: Vec<Diagnostic>,
    /// Things deliberately not built, with the reason.
    pub notes: Vec<String>,
    /// How long the run took.
    pub elapsed: Duration,
}

impl Report {
    pub fn success(&self) -> bool {
        self.failed.is_empty() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Told how a run goes, to draw a progress bar; called on the thread that runs [`build`].
pub trait Progress {
    /// `documents` are about to be typeset (those up to date are not counted).
    fn start(&self, _documents: usize) {}
    /// One of them is done, built or failed.
    fn finished(&self, _label: &str) {}
    /// One of them was built and written, before [`Progress::finished`] is told.
    fn built(&self, _built: &Built) {}
    /// Another run holds the output folder: this one waits for it.
    fn waiting(&self, _out_dir: &Path) {}
}

/// No progress to show.
pub struct NoProgress;

impl Progress for NoProgress {}

/// A mistake in the arguments (exit code 2), found before any work.
#[derive(Debug)]
pub struct UsageError(pub String);

/// Loads and checks the project, keeping only diagnostics about what was asked for.
pub fn load_and_check(plan: &BuildPlan) -> (Project, Checked, Vec<Diagnostic>) {
    let (mut project, mut diagnostics) = case::load(&plan.cases_dir(), &plan.paths);
    project.cases.retain(|case| !plan.withdrawn.contains(&case.value.id));
    let requested = Requested::new(&plan.paths);
    let date = plan.judged_at();
    // Asked for some cases only, the others need no check (building one fact sheet in a
    // project of hundreds of cases checks one); a digest may select any case, so asking for
    // one checks them all.
    let digest_asked = project.digests.iter().any(|d| !plan.paths.is_empty() && requested.includes(d.path()));
    let checked = match plan.paths.is_empty() || digest_asked {
        true => check::check(&project, |_| true, date),
        false => check::check(&project, |case| requested.includes(case.path()), date),
    };
    diagnostics.extend(checked.diagnostics.iter().cloned());
    diagnostics
        .retain(|d| d.location.as_ref().is_none_or(|l| requested.includes_diagnostic_path(&l.path, &plan.cases_dir())));
    (project, checked, diagnostics)
}

/// Which files the user asked for.
struct Requested {
    paths: Vec<PathBuf>,
}

impl Requested {
    fn new(paths: &[PathBuf]) -> Requested {
        Requested { paths: paths.iter().map(|p| files::canonical_or_given(p)).collect() }
    }

    fn includes(&self, file: &Path) -> bool {
        if self.paths.is_empty() {
            return true;
        }
        let file = files::canonical_or_given(file);
        self.paths.iter().any(|p| file.starts_with(p))
    }

    /// Diagnostics about shared entities always matter; those about other cases only if asked.
    fn includes_diagnostic_path(&self, file: &Path, cases_dir: &Path) -> bool {
        let shared = cases_dir.join("_shared");
        self.includes(file)
            || file.starts_with(&shared)
            || file.canonicalize().is_ok_and(|f| shared.canonicalize().is_ok_and(|s| f.starts_with(s)))
    }
}

/// The cases and digests the plan asks for (all of them when it names no path).
pub fn requested<'a>(plan: &BuildPlan, project: &'a Project) -> (Vec<&'a Loaded<Case>>, Vec<&'a Loaded<Digest>>) {
    let requested = Requested::new(&plan.paths);
    (
        project.cases.iter().filter(|c| requested.includes(c.path())).collect(),
        project.digests.iter().filter(|d| requested.includes(d.path())).collect(),
    )
}

/// Checks `--kind` and `--lang` against the templates, before any document is made.
pub fn select_kinds(plan: &BuildPlan) -> Result<Vec<Kind>, Result<UsageError, Diagnostic>> {
    let kinds = kind::kinds(&plan.templates()).map_err(Err)?;
    let names: Vec<String> = kinds.iter().map(|k| k.name.clone()).collect();
    for kind in &plan.kinds {
        if !names.contains(kind) {
            let hint = case::did_you_mean(kind, &names).map(|b| format!(" (did you mean `{b}`?)")).unwrap_or_default();
            return Err(Ok(UsageError(format!("unknown kind `{kind}`{hint}; the kinds are: {}", names.join(", ")))));
        }
    }
    let languages: Vec<String> = kinds.iter().flat_map(|k| k.languages.clone()).collect();
    for lang in &plan.languages {
        if !languages.contains(lang) {
            return Err(Ok(UsageError(format!(
                "no template is written in `{lang}`; languages with templates: {}",
                sorted_unique(languages.clone()).join(", ")
            ))));
        }
    }
    Ok(kinds.into_iter().filter(|k| plan.kinds.is_empty() || plan.kinds.contains(&k.name)).collect())
}

fn sorted_unique(mut items: Vec<String>) -> Vec<String> {
    items.sort();
    items.dedup();
    items
}

/// Builds every requested document: leaves those whose sources the manifest recorded, then
/// prepares, decides and typesets the others on a few worker threads, writing each as it
/// finishes; letters last, their groups prepared once before.
pub fn build(plan: &BuildPlan, kinds: &[Kind], progress: &dyn Progress) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    let (project, checked, diagnostics) = load_and_check(plan);
    report.diagnostics = diagnostics;
    let (cases, digests) = requested(plan, &project);
    // One run at a time writes to an output folder. A folder that exists may hold what a
    // killed run left half-written: that is cleared, holding the lock. One that does not is
    // locked (and made) only if there is something to write.
    let mut lock = None;
    if plan.out_dir.is_dir() && !plan.plan_only {
        lock = take_lock(plan, progress, &mut report);
        // Only holding the lock: another run's files in flight are not leftovers.
        if lock.is_some() {
            output::remove_stale_temporaries(&plan.out_dir);
        }
    }
    let recipients = match (&plan.recipients, kinds.iter().any(|k| k.per_recipient)) {
        (Some(path), true) => match recipients::List::load(path, plan.join.as_deref(), &plan.selection) {
            Ok((list, warnings)) => {
                report.diagnostics.extend(warnings);
                Some(list)
            }
            Err(errors) => {
                report.diagnostics.extend(errors);
                None
            }
        },
        _ => None,
    };
    let documents = Documents::new(&plan.templates(), &project, &checked, plan.date);
    let mut planner = Planner {
        plan,
        documents: &documents,
        layout: Layout { out_dir: plan.out_dir.clone() },
        manifest: Manifest::load(&plan.out_dir),
        groups: Vec::new(),
        requests: Vec::new(),
        letters: Vec::new(),
        letters_to_make: 0,
        failed: Vec::new(),
        requested: 0,
        up_to_date: 0,
        diagnostics: Vec::new(),
        broken_locales: HashSet::new(),
        notes: Vec::new(),
        skipped: 0,
    };
    // Documents of cases, defendants and recipients that no longer exist are not a build's to
    // remove (`amicus clean` removes them, and can list them first): it says they are there.
    if plan.only.is_none() {
        report.diagnostics.extend(crate::clean::stale_warning(plan, &project, &planner.manifest, recipients.as_ref()));
    }

    let asked = !plan.languages.is_empty();
    let mut made_in: HashMap<(String, String), bool> = HashMap::new();
    let all_languages = sorted_unique(kinds.iter().flat_map(|k| k.languages.clone()).collect());
    for kind in kinds {
        let languages: Vec<&String> =
            kind.languages.iter().filter(|l| plan.languages.is_empty() || plan.languages.contains(l)).collect();
        if languages.is_empty() {
            report.notes.push(format!("{}: no template in the requested languages; skipped", kind.name));
            continue;
        }
        match kind.scope {
            Scope::Case => {
                // Letters go to each recipient; other kinds are one document per case.
                let letters = match (kind.per_recipient, &recipients) {
                    (false, _) => None,
                    (true, Some(list)) => Some(list),
                    (true, None) => {
                        if plan.recipients.is_none() {
                            report.notes.push(format!(
                                "{}: needs `--recipients FILE` (CSV or the Parliament's MEP list in XML); skipped",
                                kind.name
                            ));
                        }
                        continue;
                    }
                };
                for case in &cases {
                    // Once per case and language: whether a case is written in one reads it all.
                    let made: Vec<&&String> = languages
                        .iter()
                        .filter(|l| {
                            *made_in
                                .entry((case.value.id.clone(), (**l).clone()))
                                .or_insert_with(|| project.makes_in(&case.value, l, asked))
                        })
                        .collect();
                    for subject in Subject::of_case(case, kind) {
                        for lang in made.iter().copied() {
                            match letters {
                                Some(list) => planner.plan_letters(subject, kind, lang, list),
                                None => planner.request(subject, kind, lang),
                            }
                        }
                    }
                }
            }
            Scope::Digest => {
                if digests.is_empty() && plan.paths.is_empty() {
                    report.notes.push(format!("{}: no digest definitions under cases/_digests/; skipped", kind.name));
                }
                for digest in &digests {
                    for lang in &languages {
                        planner.request(Subject::Digest(digest), kind, lang);
                    }
                }
            }
        }
    }

    // A language asked for that a case is not made in (`--lang kk` of a Kyrgyz case): said, or
    // "0 built" reads as if something had failed.
    // Unasked, only a language the file is not written in: another country's is never expected.
    for lang in if asked { &plan.languages } else { &all_languages } {
        for case in cases.iter() {
            match project.not_made_in(&case.value, lang, asked) {
                Some(why) if asked || why == crate::case::NOT_WRITTEN_IN => {
                    report.notes.push(format!("{}: not made in `{lang}`: {why}; skipped", case.value.id))
                }
                _ => {}
            }
        }
    }
    if let Some(list) = &recipients {
        planner.decide_letters(list);
    }
    let Planner {
        groups,
        requests,
        letters,
        letters_to_make,
        failed,
        up_to_date,
        diagnostics,
        notes,
        skipped,
        mut manifest,
        layout,
        ..
    } = planner;
    report.diagnostics.extend(diagnostics);
    report.not_ready = skipped;
    report.up_to_date = up_to_date;
    let mut remaining: Vec<usize> = vec![0; groups.len()];
    for letters in &letters {
        remaining[letters.group] += letters.to_make;
    }
    // At most: a document that is not a letter may prove unchanged once rendered.
    let to_make = requests.len() + letters_to_make;
    if !plan.plan_only {
        for (group, _) in groups.iter().zip(&remaining).filter(|(_, left)| **left == 0) {
            // All up to date: a source kept from an earlier failure is stale.
            let _ = std::fs::remove_file(output::failed_source(&group.kept));
        }
        if to_make > 0 && lock.is_none() {
            lock = take_lock(plan, progress, &mut report);
            // The folder did not exist when this run read its manifest (empty); another run
            // may have made it and written one since. Read it now, or saving ours would lose its.
            manifest = Manifest::load(&plan.out_dir);
        }
    }
    let mut collector = Collector {
        plan,
        groups: &groups,
        layout: &layout,
        progress,
        manifest: &mut manifest,
        report: &mut report,
        failed,
        notes,
        warnings: Vec::new(),
        failures: vec![0; remaining.len()],
        remaining,
        // Ten thousand letters meeting the same warning keep one copy of it.
        seen: HashSet::new(),
        unaddressed: (0, std::collections::BTreeMap::new()),
    };
    if to_make > 0 {
        progress.start(to_make);
        let maker = Maker { plan, documents: &documents, layout: &layout };
        // Each document that is not a letter is prepared, decided and made on a worker, and
        // forgotten: a run over a thousand cases holds no more facts and sources than it has
        // workers.
        batch::run(
            &requests,
            plan.jobs,
            |request| maker.prepare_and_make(request),
            |index, single| collector.take_single(&requests[index], single),
        );
        if plan.plan_only {
            collector.report.built += letters_to_make;
        } else if let Some(list) = recipients.as_ref().filter(|_| letters_to_make > 0) {
            // The letters, a chunk of the list at a time: its people are read again as they
            // are typeset, and forgotten.
            let mut start = 0;
            let read = list.each_chunk(recipients::CHUNK, |chunk| {
                let work: Vec<Document> =
                    letters.iter().flat_map(|letters| letters.documents(&groups, chunk, start, plan.format)).collect();
                start += chunk.len();
                if !work.is_empty() {
                    batch::run(
                        &work,
                        plan.jobs,
                        |document| maker.make(&groups[document.group], document.recipient, document.inputs),
                        |index, made| collector.take(&work[index], made),
                    );
                }
            });
            collector.report.diagnostics.extend(read.err());
        }
        if !plan.plan_only
            && let Err(e) = output::flush_to_disk(&plan.out_dir)
        {
            // The manifest must not vouch for files that may not be on disk.
            collector.manifest.forget();
            collector.report.diagnostics.push(
                Diagnostic::error(format!("the documents may not all be on disk: {e}"))
                    .in_file(&plan.out_dir)
                    .hint("check the disk (space, errors), then build again: everything will be rebuilt"),
            );
        }
    }
    let Collector { mut failed, unaddressed, notes, mut warnings, .. } = collector;
    // In the order the documents were asked for, whichever finished first.
    warnings.sort_by_key(|(order, _)| *order);
    report.diagnostics.extend(warnings.into_iter().map(|(_, warning)| warning));
    report.notes.extend(said_once(notes));
    if unaddressed.0 > 0 {
        let (count, names) = unaddressed;
        report.notes.push(format!(
            "{} without a message (.eml): no e-mail address for {}{}",
            crate::diag::count(count, "letter", "letters"),
            names.values().cloned().collect::<Vec<_>>().join(", "),
            if names.len() == 5 && count > 5 { ", ..." } else { "" }
        ));
    }
    if let Err(e) = manifest.save() {
        report.diagnostics.push(
            Diagnostic::warning(format!("cannot write the manifest: {e}"))
                .in_file(&plan.out_dir.join(manifest::MANIFEST_FILE))
                .hint("documents will be built again next time"),
        );
    }
    // Held until the manifest is saved.
    drop(lock);
    failed.sort_by_key(|(order, _)| *order);
    report.failed = failed.into_iter().map(|(_, failure)| failure).collect();
    report.elapsed = started.elapsed();
    report
}

/// Takes the output folder's lock. One that cannot be taken is a warning: the run goes on, as
/// before locks existed, and says so.
fn take_lock(plan: &BuildPlan, progress: &dyn Progress, report: &mut Report) -> Option<output::OutputLock> {
    match output::lock(&plan.out_dir, || progress.waiting(&plan.out_dir)) {
        Ok(held) => Some(held),
        Err(e) => {
            report.diagnostics.push(
                Diagnostic::warning(format!("cannot lock the output folder: {e}"))
                    .in_file(&plan.out_dir.join(output::LOCK_FILE))
                    .hint("another amicus run writing to the same folder at the same time could disturb this one"),
            );
            None
        }
    }
}

/// Takes each typeset document on the thread that runs the build: records it in the manifest,
/// counts it, keeps its warnings once, and tidies its group's sources when the group is done.
struct Collector<'a> {
    plan: &'a BuildPlan,
    groups: &'a [Group<'a>],
    layout: &'a Layout,
    progress: &'a dyn Progress,
    manifest: &'a mut Manifest,
    report: &'a mut Report,
    /// Failed documents with their place among those requested.
    failed: Vec<(usize, Failure)>,
    /// Notes about drafts, deadlines and documents not ready, and warnings, each with its
    /// document's place among those requested.
    notes: Vec<Note>,
    warnings: Vec<(usize, Diagnostic)>,
    /// Per group of letters: letters not yet typeset, and letters that failed.
    remaining: Vec<usize>,
    failures: Vec<usize>,
    /// Warnings already reported, as printed.
    seen: HashSet<String>,
    /// Letters made without a message, their recipient having no e-mail address: how many,
    /// and the first few names by their place among the documents.
    unaddressed: (usize, std::collections::BTreeMap<usize, String>),
}

impl Collector<'_> {
    /// Takes a letter.
    fn take(&mut self, document: &Document, made: Result<Made, String>) {
        let group = &self.groups[document.group];
        let label = group.prepared.label(document.recipient);
        let made = made.unwrap_or_else(|panic| Made::failed(stopped(&label, panic)));
        if let Some(name) = &made.unaddressed {
            // The first few in the list's order, whatever order the letters finish in.
            let (count, first) = &mut self.unaddressed;
            *count += 1;
            if !first.values().any(|n| n == name) {
                first.insert(document.order, name.clone());
                if first.len() > 5 {
                    first.pop_last();
                }
            }
        }
        let recipient = document.recipient.expect("a letter has a recipient");
        let about = manifest::About {
            recipient: Some(recipient.slug.clone()),
            recipient_name: Some(recipient.name.clone()),
            ..group.about.clone()
        };
        let pdf = group.pdf(self.layout, document.recipient);
        let from = MadeFrom { inputs: document.inputs, sources: None };
        if !self.record(&pdf, from, about, made, (document.order, &label)) {
            self.failures[document.group] += 1;
        }
        self.remaining[document.group] -= 1;
        if self.remaining[document.group] == 0 && self.failures[document.group] == 0 {
            // Every document of the source built: an older failed source is stale.
            let _ = std::fs::remove_file(output::failed_source(&group.kept));
        }
        self.progress.finished(&label);
    }

    /// Takes a document that is not a letter, made or not.
    fn take_single(&mut self, request: &Request, single: Result<Single, String>) {
        let (subject, kind) = (request.subject, request.kind);
        let label = document::label(subject, &kind.name, request.lang, None);
        let single = single.unwrap_or_else(|panic| Single {
            notes: Vec::new(),
            outcome: Outcome::Failed(vec![stopped(&label, panic)]),
        });
        let note = |text: String, not_ready: bool| Note::once(request.order, subject, kind, not_ready, text);
        self.notes.extend(single.notes.into_iter().map(|text| note(text, false)));
        let pdf = &request.pdf;
        match single.outcome {
            Outcome::NotReady(refusals) => {
                self.report.not_ready += 1;
                self.notes.extend(refusals.into_iter().map(|refusal| note(not_ready_note(&refusal, kind), true)));
            }
            Outcome::Failed(diagnostics) => {
                self.failed.push((request.order, Failure { label: label.clone(), diagnostics }));
            }
            Outcome::Unchanged(warnings) => {
                self.warn(request.order, warnings);
                self.report.up_to_date += 1;
                self.report.rendered_unchanged += 1;
                // Known to be up to date, the next run need not render it to find out.
                let confirmed = match self.plan.format.manifest_key(pdf) {
                    Some(key) if !self.plan.plan_only => self.manifest.confirm(&key, request.sources),
                    _ => Ok(()),
                };
                if let Err(e) = confirmed {
                    let message = format!("cannot record {} in the manifest: {e}", pdf.display());
                    self.report.diagnostics.push(Diagnostic::warning(message));
                }
            }
            Outcome::ToMake(warnings) => {
                self.warn(request.order, warnings);
                self.report.built += 1;
            }
            Outcome::Made(made, from, about) => {
                self.record(pdf, from, about, made, (request.order, &label));
            }
        }
        self.progress.finished(&label);
    }

    /// Keeps the warnings not yet reported.
    fn warn(&mut self, order: usize, warnings: Vec<Diagnostic>) {
        let new = warnings.into_iter().filter(|w| self.seen.insert(w.render_plain()));
        self.warnings.extend(new.map(|warning| (order, warning)));
    }

    /// Records a typeset document in the manifest and counts it, or keeps its failure: whether
    /// it was built.
    fn record(&mut self, pdf: &Path, from: MadeFrom, about: manifest::About, made: Made, of: (usize, &str)) -> bool {
        let (order, label) = of;
        self.warn(order, made.warnings);
        match made.result {
            Ok((files, source)) => {
                if let Some(key) = self.plan.format.manifest_key(pdf)
                    && let Err(e) = self.manifest.record_about(&key, from, &files, Some(about))
                {
                    let message = format!("cannot record {} in the manifest: {e}", key.display());
                    self.report.diagnostics.push(Diagnostic::warning(message).hint("it will be built again next time"));
                }
                if let Some(file) = files.into_iter().next() {
                    self.report.built += 1;
                    self.progress.built(&Built { file, source });
                }
                true
            }
            Err(diagnostics) => {
                self.failed.push((order, Failure { label: label.to_owned(), diagnostics }));
                false
            }
        }
    }
}

/// The error of a document whose making panicked.
fn stopped(label: &str, panic: String) -> Diagnostic {
    Diagnostic::error(format!("{label}: amicus stopped unexpectedly: {panic}"))
        .hint("this is a bug in amicus: please report it, with the case file if you can share it")
}

/// The note that says a document is not built because its case is not ready for its kind.
fn not_ready_note(refusal: &Diagnostic, kind: &Kind) -> String {
    format!("{}; skipped (`amicus check --kind {}` says more)", refusal.message, kind.name)
}

/// A note about a document, said once per subject and kind whatever the languages: the first
/// document's, in the order they were asked for.
struct Note {
    order: usize,
    /// The subject's folder, the kind, and whether the note says it is not ready (else that it
    /// is a draft, or when to file it).
    about: (String, String, bool),
    text: String,
}

impl Note {
    fn once(order: usize, subject: Subject, kind: &Kind, not_ready: bool, text: String) -> Note {
        Note { order, about: (subject.folder(), kind.name.clone(), not_ready), text }
    }
}

/// The notes of the first document of each subject and kind that has them, in order.
fn said_once(mut notes: Vec<Note>) -> Vec<String> {
    notes.sort_by_key(|note| note.order);
    let mut first: std::collections::HashMap<(String, String, bool), usize> = std::collections::HashMap::new();
    notes
        .into_iter()
        .filter(|note| *first.entry(note.about.clone()).or_insert(note.order) == note.order)
        .map(|note| note.text)
        .collect()
}

/// One prepared document and where it goes: a case document, a digest, or one case's letter
/// to every recipient (the recipient is the only part that differs).
struct Group<'a> {
    prepared: Prepared<'a>,
    /// Where the source is kept (`out/<case>/<kind>.<lang>.typ`).
    kept: PathBuf,
    /// Whether the source has been written as `.typ` (on the first success) and as
    /// `.failed.typ` (on the first failure), and what writing it gave.
    kept_written: OnceLock<Result<(), String>>,
    failed_written: OnceLock<Result<(), String>>,
    /// Whom its documents are about, for the manifest (a letter adds its recipient).
    about: manifest::About,
}

impl Group<'_> {
    /// Where a document of the group goes.
    fn pdf(&self, layout: &Layout, recipient: Option<&Recipient>) -> PathBuf {
        document_pdf(layout, self.prepared.subject, &self.prepared.kind.name, &self.prepared.lang, recipient)
    }
}

/// Where a document goes, as a PDF; other formats derive their paths from it.
fn document_pdf(layout: &Layout, subject: Subject, kind: &str, lang: &str, recipient: Option<&Recipient>) -> PathBuf {
    match (subject, recipient) {
        (Subject::Digest(digest), _) => layout.digest_document(&digest.value.id, lang),
        (_, None) => layout.case_document(&subject.folder(), kind, lang),
        (_, Some(r)) => layout.letter(&subject.folder(), kind, &r.slug, lang),
    }
}

/// A document that is not a letter, to be prepared, decided and made on a worker: small, so
/// that a run over thousands of cases holds none of their facts or sources in waiting.
struct Request<'a> {
    /// Its place among the requested documents.
    order: usize,
    subject: Subject<'a>,
    kind: &'a Kind,
    lang: &'a str,
    /// Where it goes, as a PDF.
    pdf: PathBuf,
    /// The hash of its sources and of the run's settings ([`Documents::sources`]), and the
    /// hash of the inputs the manifest recorded for it, if its files are intact.
    sources: u128,
    recorded: Option<u128>,
}

/// What became of a [`Request`].
struct Single {
    /// Said once per subject and kind: a draft, the deadline to file by.
    notes: Vec<String>,
    outcome: Outcome,
}

enum Outcome {
    /// Not made: the case is not ready for the kind (each refusal says why).
    NotReady(Vec<Diagnostic>),
    /// Not made: it cannot be.
    Failed(Vec<Diagnostic>),
    /// Rendered, it is what the manifest recorded: up to date (with its warnings).
    Unchanged(Vec<Diagnostic>),
    /// To be made, said without making it (`plan_only`).
    ToMake(Vec<Diagnostic>),
    /// Typeset (or failed to), from these inputs, about these people.
    Made(Made, MadeFrom, manifest::About),
}

/// One letter to typeset: small, because a batch may hold thousands. Its label, path and
/// identifier come from its group and recipient when needed.
struct Document<'a> {
    /// Its place among the requested documents, to report failures in a stable order.
    order: usize,
    group: usize,
    recipient: Option<&'a Recipient>,
    /// The hash of its inputs, for the manifest.
    inputs: u128,
}

/// Decides, before any typesetting, which documents are wanted, which fail early, and which
/// are up to date.
struct Planner<'a> {
    plan: &'a BuildPlan,
    documents: &'a Documents<'a>,
    layout: Layout,
    manifest: Manifest,
    /// The groups of letters, each prepared once.
    groups: Vec<Group<'a>>,
    /// The documents that are not letters, not known to be up to date.
    requests: Vec<Request<'a>>,
    /// The letters of each group that has them, and how many are to be typeset.
    letters: Vec<Letters>,
    letters_to_make: usize,
    /// Documents that failed before typesetting, with their place among those requested.
    failed: Vec<(usize, Failure)>,
    /// How many documents were requested so far.
    requested: usize,
    up_to_date: usize,
    /// Problems to report once, not per document: texts taken from another language, a
    /// locale file that cannot be used.
    diagnostics: Vec<Diagnostic>,
    /// Languages whose locale file failed to load (reported once, in `diagnostics`).
    broken_locales: HashSet<String>,
    /// Drafts, deadlines, and letters not built because their case is not ready for their kind.
    notes: Vec<Note>,
    /// How many letters were not built because their case is not ready.
    skipped: usize,
}

/// Whether a refusal says the case is not ready for the kind (facts or law missing), rather
/// than that something is broken.
fn not_ready(refusal: &Diagnostic) -> bool {
    matches!(refusal.code, Some(Code::MissingFacts | Code::MissingJurisdictionKey | Code::NotApplicable))
}

impl<'a> Planner<'a> {
    fn fail(&mut self, label: String, diagnostics: Vec<Diagnostic>) {
        self.failed.push((self.requested, Failure { label, diagnostics }));
        self.requested += 1;
    }

    /// Asks for a document that is not a letter: left as it is when its sources are those the
    /// manifest recorded, else prepared and decided on a worker.
    fn request(&mut self, subject: Subject<'a>, kind: &'a Kind, lang: &'a str) {
        if !self.wanted(subject, kind, lang, None) {
            return;
        }
        let label = document::label(subject, &kind.name, lang, None);
        if self.locale_broken(lang, &label) {
            return;
        }
        let order = self.requested;
        self.requested += 1;
        let pdf = document_pdf(&self.layout, subject, &kind.name, lang, None);
        let recorded = self.plan.format.manifest_key(&pdf).and_then(|key| self.manifest.intact(&key));
        let (format, final_only) = (self.plan.format.name(), self.plan.final_only);
        let sources = manifest::hash_inputs(&(self.documents.sources(subject, kind, lang), format, final_only));
        if !self.plan.force && recorded.is_some_and(|made| made.sources == Some(sources)) {
            self.up_to_date += 1;
            if !self.plan.plan_only {
                let _ = std::fs::remove_file(output::failed_source(&output::kept_source(&pdf)));
            }
            return;
        }
        let recorded = recorded.map(|made| made.inputs);
        self.requests.push(Request { order, subject, kind, lang, pdf, sources, recorded });
    }

    /// Whether the locale file of `lang` has errors: they are reported once, and the document
    /// fails.
    fn locale_broken(&mut self, lang: &str, label: &str) -> bool {
        let Err(error) = self.documents.renderer.locale(lang) else { return false };
        if self.broken_locales.insert(lang.to_owned()) {
            self.diagnostics.push(error);
        }
        let error = Diagnostic::error(format!("{label}: not built, the `{lang}` locale file has errors (above)"));
        self.fail(label.to_owned(), vec![error]);
        true
    }

    /// Prepares the letters of one subject, kind and language to each person of the list.
    fn plan_letters(&mut self, subject: Subject<'a>, kind: &'a Kind, lang: &str, list: &recipients::List) {
        let wanted = match &self.plan.only {
            None => list.len(),
            Some(_) => {
                let mut wanted = 0;
                let read = list.each_chunk(recipients::CHUNK, |chunk| {
                    wanted += chunk.iter().filter(|person| self.wanted(subject, kind, lang, Some(person))).count();
                });
                if let Err(error) = read {
                    let label = document::label(subject, &kind.name, lang, None);
                    return self.fail(label, vec![error]);
                }
                wanted
            }
        };
        if wanted == 0 {
            return;
        }
        let label = format!("{} {} ({lang}), {} letters", subject.folder(), kind.name, wanted);
        if self.locale_broken(lang, &label) {
            return;
        }
        let mut prepared = match self.documents.prepare(subject, kind, lang) {
            Ok(prepared) => prepared,
            // Building everything, a kind the case is not ready for is skipped with a note, as
            // letters without recipients are: a project in progress is not a failure. Asked
            // for by name, it fails.
            Err(diagnostics) if self.plan.kinds.is_empty() && diagnostics.iter().all(not_ready) => {
                self.skipped += wanted;
                let notes = diagnostics.iter().map(|refusal| not_ready_note(refusal, kind));
                let order = self.requested;
                self.notes.extend(notes.map(|text| Note::once(order, subject, kind, true, text)));
                return;
            }
            Err(diagnostics) => return self.fail(label, diagnostics),
        };
        match assess(self.plan, &prepared, &label) {
            Ok(notes) => {
                let order = self.requested;
                self.notes.extend(notes.into_iter().map(|text| Note::once(order, subject, kind, false, text)));
            }
            Err(refusal) => return self.fail(label, vec![refusal]),
        }
        let kept = output::kept_source(&document_pdf(&self.layout, subject, &kind.name, lang, None));
        self.diagnostics.append(&mut prepared.warnings);
        self.groups.push(Group {
            prepared,
            kept,
            kept_written: OnceLock::new(),
            failed_written: OnceLock::new(),
            about: about(self.plan, self.documents, subject, kind),
        });
        // Decided by `decide_letters`, a chunk of the list at a time.
        self.letters.push(Letters {
            group: self.groups.len() - 1,
            first: self.requested,
            to_make: 0,
            bits: Vec::new(),
        });
        self.requested += list.len();
    }

    /// Decides, for each group of letters, which are to be typeset: those wanted whose
    /// inputs or files changed. Said as one bit a letter, so that the list need not be held.
    fn decide_letters(&mut self, list: &recipients::List) {
        if self.letters.is_empty() {
            return;
        }
        for letters in &mut self.letters {
            letters.bits = vec![0; list.len().div_ceil(64)];
        }
        let mut start = 0;
        let mut letters = std::mem::take(&mut self.letters);
        let read = list.each_chunk(recipients::CHUNK, |chunk| {
            for letters in &mut letters {
                for (offset, person) in chunk.iter().enumerate() {
                    let wanted = {
                        let prepared = &self.groups[letters.group].prepared;
                        self.wanted(prepared.subject, prepared.kind, &prepared.lang, Some(person))
                    };
                    if !wanted || self.current(letters.group, person) {
                        continue;
                    }
                    let index = start + offset;
                    letters.mark(index);
                    self.letters_to_make += 1;
                }
            }
            start += chunk.len();
        });
        // Undecided, no letter of the list is built: each group fails with the reason.
        if let Err(error) = read {
            for letters in &mut letters {
                (letters.to_make, letters.bits) = (0, Vec::new());
                let label = self.groups[letters.group].prepared.label(None);
                self.failed.push((letters.first, Failure { label, diagnostics: vec![error.clone()] }));
            }
            self.letters_to_make = 0;
        }
        self.letters = letters;
    }

    /// Whether the plan asks for the document: with `only` (`amicus clean`), those it names.
    /// Decided before anything is rendered.
    fn wanted(&self, subject: Subject, kind: &Kind, lang: &str, recipient: Option<&Recipient>) -> bool {
        let Some(only) = &self.plan.only else { return true };
        let pdf = document_pdf(&self.layout, subject, &kind.name, lang, recipient);
        self.plan.format.manifest_key(&pdf).is_some_and(|key| only.contains(&manifest::key(&self.plan.out_dir, &key)))
    }

    /// Whether the manifest says a letter is up to date (then counted as such, and its
    /// recipient module kept from a failure before its inputs came back is removed as stale).
    fn current(&mut self, group: usize, recipient: &Recipient) -> bool {
        let of = &self.groups[group];
        let inputs = of.prepared.inputs_for(Some(recipient), self.plan.format);
        let pdf = of.pdf(&self.layout, Some(recipient));
        let key = self.plan.format.manifest_key(&pdf);
        if self.plan.force || !key.is_some_and(|key| self.manifest.is_current(&key, inputs)) {
            return false;
        }
        if !self.plan.plan_only {
            let _ = std::fs::remove_file(output::failed_source(&pdf));
        }
        self.up_to_date += 1;
        true
    }
}

/// Whom a subject's documents of a kind are about, and how they are built, for the manifest.
fn about(plan: &BuildPlan, documents: &Documents, subject: Subject, kind: &Kind) -> manifest::About {
    let canonical = |path: &Option<PathBuf>| path.as_deref().map(files::canonical_or_given);
    let (recipients, join) = match kind.per_recipient {
        true => (canonical(&plan.recipients), canonical(&plan.join)),
        false => (None, None),
    };
    let date = plan.date.map(|date| date.to_string());
    let final_only = Some(plan.final_only);
    let about = manifest::About { recipients, join, date, final_only, ..manifest::About::default() };
    match subject {
        Subject::Defendant(case, index) => manifest::About {
            case: Some(case.value.id.clone()),
            case_file: canonical(&Some(case.file.path.clone())),
            defendant: case.value.defendants.get(index).map(|d| d.id.clone()),
            people: crate::clean::people(&case.value),
            ..about
        },
        Subject::Proceeding(case) => manifest::About {
            case: Some(case.value.id.clone()),
            case_file: canonical(&Some(case.file.path.clone())),
            people: crate::clean::people(&case.value),
            ..about
        },
        Subject::Digest(digest) => manifest::About {
            digest: Some(digest.value.id.clone()),
            people: crate::facts::select(&digest.value, &documents.project.cases)
                .into_iter()
                .flat_map(|case| crate::clean::people(&case.value))
                .collect(),
            ..about
        },
    }
}

/// The letters of one group: which of the list's people get one this run.
struct Letters {
    group: usize,
    /// The place of the list's first letter among the documents requested.
    first: usize,
    /// How many are to be typeset, and which: one bit per person of the list, in its order.
    to_make: usize,
    bits: Vec<u64>,
}

impl Letters {
    /// Marks the letter to the list's person `index` to be typeset.
    fn mark(&mut self, index: usize) {
        self.bits[index / 64] |= 1 << (index % 64);
        self.to_make += 1;
    }

    fn marked(&self, index: usize) -> bool {
        self.bits.get(index / 64).is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    /// The letters to typeset to the people of `chunk`, the list's people from `start` on.
    fn documents<'r>(
        &self,
        groups: &[Group],
        chunk: &'r [Recipient],
        start: usize,
        format: &dyn Export,
    ) -> Vec<Document<'r>> {
        let prepared = &groups[self.group].prepared;
        chunk
            .iter()
            .enumerate()
            .filter(|(offset, _)| self.marked(start + offset))
            .map(|(offset, person)| Document {
                order: self.first + start + offset,
                group: self.group,
                recipient: Some(person),
                inputs: prepared.inputs_for(Some(person), format),
            })
            .collect()
    }
}

/// What typesetting one document gave.
struct Made {
    /// The files written (the PDF, the page images, or the source) and the source they were
    /// made from, or why it failed.
    result: Result<(Vec<PathBuf>, PathBuf), Vec<Diagnostic>>,
    warnings: Vec<Diagnostic>,
    /// A letter that would be a message too, whose recipient has no usable e-mail address:
    /// their name, for the summary.
    unaddressed: Option<String>,
}

impl Made {
    fn failed(error: Diagnostic) -> Made {
        Made { result: Err(vec![error]), warnings: Vec::new(), unaddressed: None }
    }
}

/// Prepares and typesets documents on the worker threads; shared by all of them.
struct Maker<'a> {
    plan: &'a BuildPlan,
    documents: &'a Documents<'a>,
    layout: &'a Layout,
}

impl Maker<'_> {
    fn io_error(&self, path: &Path, e: impl std::fmt::Display) -> Vec<Diagnostic> {
        vec![
            Diagnostic::error(format!("cannot write {}: {e}", path.display()))
                .hint(format!("check that the output folder `{}` is writable", self.plan.out_dir.display())),
        ]
    }

    fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), Vec<Diagnostic>> {
        output::write_atomic_unsynced(path, bytes).map_err(|e| self.io_error(path, e))
    }

    /// Writes a group's source once, however many of its documents ask.
    fn write_once(
        &self,
        written: &OnceLock<Result<(), String>>,
        path: &Path,
        text: &str,
    ) -> Result<(), Vec<Diagnostic>> {
        let result =
            written.get_or_init(|| output::write_atomic_unsynced(path, text.as_bytes()).map_err(|e| e.to_string()));
        result.clone().map_err(|e| self.io_error(path, e))
    }

    /// Typesets one document and writes it, with its source beside it. A source that fails
    /// to compile is kept as `.failed.typ` (errors point into it); the last good PDF and `.typ`
    /// stay as they were, so the pair matches. Letters share one source, that of the letters
    /// built last; a letter's recipient module is written only when it fails
    /// (`<recipient>.<lang>.failed.typ`) or with `--format typ`: creating a second file per
    /// letter cost as much as typesetting it.
    fn make(&self, group: &Group, recipient: Option<&Recipient>, inputs: u128) -> Made {
        let mut made = Made { result: Ok(Default::default()), warnings: Vec::new(), unaddressed: None };
        made.result = self.make_files(group, recipient, inputs, &mut made).map(|files| (files, group.kept.clone()));
        made
    }

    /// Prepares a document that is not a letter, decides whether it changed since the manifest
    /// recorded it, and makes it if it did.
    fn prepare_and_make(&self, request: &Request) -> Single {
        let (subject, kind, lang) = (request.subject, request.kind, request.lang);
        let label = document::label(subject, &kind.name, lang, None);
        let mut prepared = match self.documents.prepare(subject, kind, lang) {
            Ok(prepared) => prepared,
            // Building everything, a kind the case is not ready for is skipped with a note, as
            // letters without recipients are: a project in progress is not a failure. Asked
            // for by name, it fails.
            Err(refusals) if self.plan.kinds.is_empty() && refusals.iter().all(not_ready) => {
                return Single { notes: Vec::new(), outcome: Outcome::NotReady(refusals) };
            }
            Err(diagnostics) => return Single { notes: Vec::new(), outcome: Outcome::Failed(diagnostics) },
        };
        let notes = match assess(self.plan, &prepared, &label) {
            Ok(notes) => notes,
            Err(refusal) => return Single { notes: Vec::new(), outcome: Outcome::Failed(vec![refusal]) },
        };
        let warnings = std::mem::take(&mut prepared.warnings);
        let inputs = prepared.inputs_for(None, self.plan.format);
        let kept = output::kept_source(&request.pdf);
        let outcome = if !self.plan.force && request.recorded == Some(inputs) {
            if !self.plan.plan_only {
                let _ = std::fs::remove_file(output::failed_source(&kept));
            }
            Outcome::Unchanged(warnings)
        } else if self.plan.plan_only {
            Outcome::ToMake(warnings)
        } else {
            let about = about(self.plan, self.documents, subject, kind);
            let group = Group { prepared, kept, kept_written: OnceLock::new(), failed_written: OnceLock::new(), about };
            let mut made = self.make(&group, None, inputs);
            if made.result.is_ok() {
                // Built: a source kept from an earlier failure is stale.
                let _ = std::fs::remove_file(output::failed_source(&group.kept));
            }
            made.warnings.splice(0..0, warnings);
            let from = MadeFrom { inputs, sources: Some(request.sources) };
            Outcome::Made(made, from, group.about)
        };
        Single { notes, outcome }
    }

    fn make_files(
        &self,
        group: &Group,
        recipient: Option<&Recipient>,
        inputs: u128,
        made: &mut Made,
    ) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
        let source = &group.prepared.rendered.source;
        let pdf = group.pdf(self.layout, recipient);
        let (group_failed, module_failed) = (output::failed_source(&group.kept), output::failed_source(&pdf));
        let kept = Kept { source: &group_failed, recipient: Some(&module_failed) };
        let exported = match self.documents.make(&group.prepared, recipient, self.plan.format, kept) {
            Ok(exported) => exported,
            Err(mut errors) => {
                // The errors point into these files; if they cannot be written, say so too.
                errors
                    .extend(self.write_once(&group.failed_written, &group_failed, source).err().into_iter().flatten());
                if let Some(recipient) = recipient {
                    let module = recipient.typst_module();
                    errors.extend(self.write(&module_failed, module.as_bytes()).err().into_iter().flatten());
                }
                return Err(errors);
            }
        };
        made.warnings.extend(exported.warnings);
        self.write_once(&group.kept_written, &group.kept, source)?;
        if recipient.is_some() {
            let _ = std::fs::remove_file(&module_failed);
        }
        let mut files = self.plan.format.paths(&pdf, exported.files.len());
        for (path, bytes) in files.iter().zip(&exported.files) {
            self.write(path, bytes)?;
        }
        // A letter as a PDF is also a message to its recipient, when both sides have an address.
        if let (Some(recipient), Some(letter), true) =
            (recipient, exported.files.first(), self.plan.format.name() == "pdf")
        {
            let eml = pdf.with_extension("eml");
            // What the letter's last message said is stale whatever happens next.
            let _ = std::fs::remove_file(&eml);
            match (&group.prepared.email, recipient.email.as_deref().and_then(email::address)) {
                (Some(sending), Some(to)) => {
                    let text = self.documents.email(&group.prepared, sending, recipient).map_err(|e| vec![e])?;
                    let message = email::Message {
                        from: (&sending.from.0, &sending.from.1),
                        to: (&recipient.display_name, to),
                        subject: &text.subject,
                        body: &text.body,
                        pdf: letter,
                        attachment: &format!("{}.pdf", text.attachment),
                        // The letter's date, in the morning: a message dated midnight looks
                        // made by a machine.
                        date: group.prepared.date.0.and_hms_opt(9, 0, 0).map_or(0, |t| t.and_utc().timestamp()),
                        hash: inputs,
                    };
                    let bytes = email::message(&message).expect("both addresses were checked");
                    self.write(&eml, &bytes)?;
                    files.push(eml);
                }
                (Some(_), None) => made.unaddressed = Some(recipient.display_name.clone()),
                (None, _) => {}
            }
        }
        for stale in self.plan.format.stale(&pdf, exported.files.len()) {
            let _ = std::fs::remove_file(stale);
        }
        Ok(match files.is_empty() {
            // Only the source was asked for, and it is written.
            true => vec![group.kept.clone()],
            false => files,
        })
    }
}

/// What a prepared document tells its builder before it is typeset: with `--final`, a draft
/// is refused; otherwise the notes to give once per subject and kind (built as a draft, by when
/// to file it).
fn assess(plan: &BuildPlan, prepared: &Prepared, label: &str) -> Result<Vec<String>, Diagnostic> {
    let (subject, kind) = (prepared.subject, &prepared.kind.name);
    let mut notes = Vec::new();
    if !prepared.draft.is_empty() {
        let fields = prepared.draft.join("`, `");
        if plan.final_only {
            return Err(Diagnostic::error(format!("{label}: not built with --final, it is a draft: `{fields}` missing"))
                .with_code(Code::Draft)
                .in_file(subject.path())
                .hint("add them (the sender's to cases/_shared/senders/, the case's to its file), or build without --final to get a draft with lines to fill in"));
        }
        notes.push(format!("{} {kind}: built as a DRAFT, with lines to fill in for `{fields}`", subject.folder()));
    }
    if let Some(note) = deadline_note(prepared) {
        notes.push(format!("{} {kind}: {note}", subject.folder()));
    }
    Ok(notes)
}

/// What the filer of an appeal must know and the document itself must not say (a court
/// filing carries nothing addressed to its author): by when it must be filed, and whether
/// anyone has checked that deadline against the law in force.
fn deadline_note(prepared: &Prepared) -> Option<String> {
    let route = &prepared.context["case"]["appeal_route"];
    let deadline = route.get("deadline").filter(|d| !d.is_null())?;
    let date = deadline["date"].as_str()?;
    let verified = deadline["verified"].as_bool().unwrap_or(false);
    Some(format!(
        "file by {date}, {} days from the verdict ({}){}; {}",
        deadline["days"],
        deadline["source"].as_str().unwrap_or("source not given"),
        if verified { "" } else { ", not verified: check the deadline against the law in force" },
        route["filed_through"].as_str().map_or(String::new(), |through| format!("filed {through}")),
    ))
}
