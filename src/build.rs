//! The run: load → check → derive → render → typeset → write, for every requested document.
//!
//! Contract: [`build`] never stops at the first failure. Each document either is written
//! whole (PDF and its `.typ`) or fails with diagnostics; the others go on. A document whose
//! inputs are unchanged since the manifest recorded it is left as it is (unless `--force`).
//! The [`Report`] says what was built, what was up to date, what failed and what was skipped,
//! and decides the exit code.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use minijinja::Value;
use serde_json::json;
use typst::syntax::Source;

use crate::batch;
use crate::case::{self, Case, Date, Digest, Loaded, Project};
use crate::check::{self, Checked};
use crate::diag::Diagnostic;
use crate::facts;
use crate::manifest::{self, Manifest};
use crate::output::{self, Layout};
use crate::recipients::{self, Recipient};
use crate::render::{self, Kind, Rendered, Renderer, Scope};
use crate::typeset::{self, Attachment, Format, RecipientModule, Typesetter};

/// Everything a run needs, decided from the arguments before any work is done.
#[derive(Debug, Clone)]
pub struct BuildPlan {
    /// The project folder: holds `cases/` and `templates/`.
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
    /// The date for documents whose case gives none: `SOURCE_DATE_EPOCH`, else `--date`.
    pub date: Option<Date>,
    /// PDF, page images, or only the Typst source.
    pub format: Format,
    /// Build every document, even those the manifest says are up to date.
    pub force: bool,
    /// How many documents are typeset at once.
    pub jobs: usize,
}

impl BuildPlan {
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
            date: None,
            format: Format::Pdf,
            force: false,
            jobs: batch::default_workers(),
        }
    }

    pub fn cases_dir(&self) -> PathBuf {
        self.root.join("cases")
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
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

/// What a run did. Documents that were built or up to date are counted, not kept, so that
/// memory does not grow with the number of letters.
#[derive(Debug, Default)]
pub struct Report {
    /// The documents built by this run, in the order of their paths.
    pub built: Vec<Built>,
    /// How many documents were left as they were: their inputs have not changed.
    pub up_to_date: usize,
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
}

/// No progress to show.
pub struct NoProgress;

impl Progress for NoProgress {}

/// A mistake in the arguments (exit code 2), found before any work.
#[derive(Debug)]
pub struct UsageError(pub String);

/// Loads and checks the project, keeping only diagnostics about what was asked for.
pub fn load_and_check(plan: &BuildPlan) -> (Project, Checked, Vec<Diagnostic>) {
    let (project, mut diagnostics) = case::load(&plan.cases_dir(), &plan.paths);
    let checked = check::check(&project);
    diagnostics.extend(checked.diagnostics.iter().cloned());
    let requested = Requested::new(&plan.paths);
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
        Requested { paths: paths.iter().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())).collect() }
    }

    fn includes(&self, file: &Path) -> bool {
        if self.paths.is_empty() {
            return true;
        }
        let file = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
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
    let kinds = render::kinds(&plan.templates_dir()).map_err(Err)?;
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

/// Builds every requested document: plans them all (facts, rendering, the manifest), then
/// typesets the ones that changed on a few worker threads, writing each as it finishes.
pub fn build(plan: &BuildPlan, kinds: &[Kind], progress: &dyn Progress) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    let (project, checked, diagnostics) = load_and_check(plan);
    report.diagnostics = diagnostics;
    let (cases, digests) = requested(plan, &project);
    output::remove_stale_temporaries(&plan.out_dir);
    let recipients = match (&plan.recipients, kinds.iter().any(|k| k.per_recipient)) {
        (Some(path), true) => match recipients::load(path) {
            Ok(list) => Some(list),
            Err(diagnostic) => {
                report.diagnostics.push(diagnostic);
                None
            }
        },
        _ => None,
    };
    let mut planner = Planner {
        plan,
        project: &project,
        checked: &checked,
        renderer: Renderer::new(&plan.templates_dir()),
        layout: Layout { out_dir: plan.out_dir.clone() },
        manifest: Manifest::load(&plan.out_dir),
        tool: (manifest::tool_identity(), manifest::hash_typst_files(&plan.templates_dir())),
        groups: Vec::new(),
        work: Vec::new(),
        failed: Vec::new(),
        requested: 0,
        up_to_date: 0,
        warnings: Vec::new(),
    };

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
                let addressees: Vec<Option<&Recipient>> = match (kind.per_recipient, &recipients) {
                    (false, _) => vec![None],
                    (true, Some(list)) => list.iter().map(Some).collect(),
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
                    for lang in &languages {
                        planner.case_documents(case, kind, lang, &addressees);
                    }
                }
            }
            Scope::Digest => {
                if digests.is_empty() && plan.paths.is_empty() {
                    report.notes.push(format!("{}: no digest definitions under cases/_digests/; skipped", kind.name));
                }
                for digest in &digests {
                    for lang in &languages {
                        planner.digest_document(digest, kind, lang);
                    }
                }
            }
        }
    }

    let Planner { groups, work, failed, up_to_date, warnings, mut manifest, layout, .. } = planner;
    report.diagnostics.extend(warnings);
    report.up_to_date = up_to_date;
    let mut remaining: Vec<usize> = vec![0; groups.len()];
    work.iter().for_each(|document| remaining[document.group] += 1);
    for (group, _) in groups.iter().zip(&remaining).filter(|(_, left)| **left == 0) {
        // All up to date: a source kept from an earlier failure is stale.
        let _ = std::fs::remove_file(output::failed_source(&group.kept));
    }
    let mut collector = Collector {
        plan,
        groups: &groups,
        layout: &layout,
        progress,
        manifest: &mut manifest,
        report: &mut report,
        failed,
        failures: vec![0; remaining.len()],
        remaining,
        // Ten thousand letters meeting the same warning keep one copy of it.
        seen: HashSet::new(),
    };
    if !work.is_empty() {
        progress.start(work.len());
        let typesetter = (plan.format != Format::Typ).then(|| Typesetter::new(&plan.templates_dir()));
        let maker = Maker { plan, typesetter: typesetter.as_ref(), groups: &groups, layout: &layout };
        batch::run(&work, plan.jobs, |document| maker.make(document), |index, made| collector.take(&work[index], made));
        if let Err(e) = output::flush_to_disk(&plan.out_dir) {
            // The manifest must not vouch for files that may not be on disk.
            collector.manifest.forget();
            collector.report.diagnostics.push(
                Diagnostic::error(format!("the documents may not all be on disk: {e}"))
                    .in_file(&plan.out_dir)
                    .hint("check the disk (space, errors), then build again: everything will be rebuilt"),
            );
        }
    }
    let Collector { mut failed, .. } = collector;
    if let Err(e) = manifest.save() {
        report.diagnostics.push(
            Diagnostic::warning(format!("cannot write the manifest: {e}"))
                .in_file(&plan.out_dir.join(manifest::MANIFEST_FILE))
                .hint("documents will be built again next time"),
        );
    }
    failed.sort_by_key(|(order, _)| *order);
    report.failed = failed.into_iter().map(|(_, failure)| failure).collect();
    report.built.sort();
    report.elapsed = started.elapsed();
    report
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
    /// Per group: documents not yet typeset, and documents that failed.
    remaining: Vec<usize>,
    failures: Vec<usize>,
    /// Warnings already reported, as printed.
    seen: HashSet<String>,
}

impl Collector<'_> {
    fn take(&mut self, document: &Document, made: Result<Made, String>) {
        let group = &self.groups[document.group];
        let label = group.label(document.recipient);
        let made = made.unwrap_or_else(|panic| Made {
            result: Err(vec![
                Diagnostic::error(format!("{label}: amicus stopped unexpectedly: {panic}"))
                    .hint("this is a bug in amicus: please report it, with the case file if you can share it"),
            ]),
            warnings: Vec::new(),
        });
        let new_warnings = made.warnings.into_iter().filter(|w| self.seen.insert(w.render_plain()));
        self.report.diagnostics.extend(new_warnings);
        match made.result {
            Ok((files, source)) => {
                let key = manifest_key(group.pdf(self.layout, document.recipient), self.plan.format);
                if self.plan.format != Format::Typ
                    && let Err(e) = self.manifest.record(&key, document.inputs, &files)
                {
                    let message = format!("cannot record {} in the manifest: {e}", key.display());
                    self.report.diagnostics.push(Diagnostic::warning(message).hint("it will be built again next time"));
                }
                self.report.built.extend(files.into_iter().next().map(|file| Built { file, source }));
            }
            Err(diagnostics) => {
                self.failures[document.group] += 1;
                self.failed.push((document.order, Failure { label: label.clone(), diagnostics }));
            }
        }
        self.remaining[document.group] -= 1;
        if self.remaining[document.group] == 0 && self.failures[document.group] == 0 {
            // Every document of the source built: an older failed source is stale.
            let _ = std::fs::remove_file(output::failed_source(&group.kept));
        }
        self.progress.finished(&label);
    }
}

/// One generated source and what its documents share: a case document, a digest, or one
/// case's letter to every recipient (the recipient is the only part that differs).
struct Group<'a> {
    owner: Owner,
    kind: &'a Kind,
    lang: String,
    rendered: Rendered,
    /// The source parsed once, so every letter reuses the parse and its spans.
    main: Source,
    /// The facts the source was made from.
    context: serde_json::Value,
    /// Where the source is kept (`out/<case>/<kind>.<lang>.typ`).
    kept: PathBuf,
    date: Date,
    attachments: Vec<Attachment>,
    /// The hash of everything but the recipient.
    inputs: u128,
    /// Whether the source has been written as `.typ` (on the first success) and as
    /// `.failed.typ` (on the first failure), and what writing it gave.
    kept_written: OnceLock<Result<(), String>>,
    failed_written: OnceLock<Result<(), String>>,
}

/// Whose documents a group makes.
enum Owner {
    Case(String),
    Digest(String),
}

impl Group<'_> {
    /// What a document is, for people: `kanaliyev-2021 mep-letter to Hannah Testmann (en)`.
    fn label(&self, recipient: Option<&Recipient>) -> String {
        document_label(&self.owner, &self.kind.name, &self.lang, recipient)
    }

    /// Where a document of the group goes.
    fn pdf(&self, layout: &Layout, recipient: Option<&Recipient>) -> PathBuf {
        match (&self.owner, recipient) {
            (Owner::Digest(id), _) => layout.digest_document(id, &self.lang),
            (Owner::Case(id), None) => layout.case_document(id, &self.kind.name, &self.lang),
            (Owner::Case(id), Some(r)) => layout.letter(id, &self.kind.name, &r.slug, &self.lang),
        }
    }

    /// The PDF's identifier: unique per case, kind, language and recipient.
    fn ident(&self, recipient: Option<&Recipient>) -> String {
        let lang = &self.lang;
        match (&self.owner, recipient) {
            (Owner::Digest(id), _) => format!("amicus/digest/{id}/{lang}"),
            (Owner::Case(id), None) => format!("amicus/{id}/{}/{lang}", self.kind.name),
            (Owner::Case(id), Some(r)) => format!("amicus/{id}/{}/{}/{lang}", self.kind.name, r.slug),
        }
    }
}

fn document_label(owner: &Owner, kind: &str, lang: &str, recipient: Option<&Recipient>) -> String {
    match (owner, recipient) {
        (Owner::Digest(id), _) => format!("digest {id} ({lang})"),
        (Owner::Case(id), None) => format!("{id} {kind} ({lang})"),
        (Owner::Case(id), Some(r)) => format!("{id} {kind} to {} ({lang})", r.name),
    }
}

/// What the manifest calls a document: its PDF, or for page images the PDF's name with `.png`
/// (a preview does not make the PDF out of date, nor the other way round).
fn manifest_key(pdf: PathBuf, format: Format) -> PathBuf {
    match format {
        Format::Png => pdf.with_extension("png"),
        Format::Pdf | Format::Typ => pdf,
    }
}

/// One document to typeset: small, because a batch may hold tens of thousands. Its label,
/// path and identifier come from its group and recipient when needed.
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
    project: &'a Project,
    checked: &'a Checked,
    renderer: Renderer,
    layout: Layout,
    manifest: Manifest,
    /// The build of amicus and its Typst files, part of every document's inputs.
    tool: (String, u128),
    groups: Vec<Group<'a>>,
    work: Vec<Document<'a>>,
    /// Documents that failed before typesetting, with their place among those requested.
    failed: Vec<(usize, Failure)>,
    /// How many documents were requested so far.
    requested: usize,
    up_to_date: usize,
    warnings: Vec<Diagnostic>,
}

impl<'a> Planner<'a> {
    fn fail(&mut self, label: String, diagnostics: Vec<Diagnostic>) {
        self.failed.push((self.requested, Failure { label, diagnostics }));
        self.requested += 1;
    }

    fn case_documents(
        &mut self,
        case: &Loaded<Case>,
        kind: &'a Kind,
        lang: &str,
        addressees: &[Option<&'a Recipient>],
    ) {
        let id = &case.value.id;
        let owner = Owner::Case(id.clone());
        let group_label = match kind.per_recipient {
            true => format!("{id} {} ({lang}), {} letters", kind.name, addressees.len()),
            false => document_label(&owner, &kind.name, lang, None),
        };
        if self.checked.broken_cases.contains(id) {
            let error = Diagnostic::error(format!("{group_label}: not built, the case file has errors (above)"));
            return self.fail(group_label, vec![error]);
        }
        let readiness = check::readiness(&case.value, &kind.required, &kind.recommended);
        if let Some(refusal) = readiness.refusal(case, &kind.name) {
            return self.fail(group_label, vec![refusal]);
        }
        let (facts, found) = facts::case_facts(case, &self.project.shared, lang, kind.audience);
        self.warnings.extend(found);
        let date = match self.document_date(case.value.document_date, case.value.latest_date()) {
            Ok(date) => date,
            Err(errors) => return self.fail(group_label, errors),
        };
        let context = json!({ "lang": lang, "kind": kind.name, "case": facts });
        let attachments = match (&case.value.photo, case.photo_file()) {
            (Some(photo), Some(Ok(path))) => vec![Attachment {
                virtual_path: facts::photo_virtual_path(&photo.file),
                allowed_dir: case.path().parent().unwrap_or(Path::new(".")).to_path_buf(),
                path,
            }],
            _ => Vec::new(),
        };
        let kept = output::kept_source(&self.layout.case_document(id, &kind.name, lang));
        let Some(group) = self.prepare(owner, kind, lang, context, kept, date, attachments, &group_label) else {
            return;
        };
        for recipient in addressees {
            self.add_document(group, *recipient);
        }
    }

    fn digest_document(&mut self, digest: &Loaded<case::Digest>, kind: &'a Kind, lang: &str) {
        let label = format!("digest {} ({lang})", digest.value.id);
        if self.checked.broken_digests.contains(&digest.value.id) {
            let error = Diagnostic::error(format!("{label}: not built, the digest file has errors (above)"));
            return self.fail(label, vec![error]);
        }
        // A case file that could not be read might belong to the selection: a digest that
        // silently leaves a person out is worse than no digest.
        if !self.project.unreadable_cases.is_empty() {
            let files: Vec<String> = self.project.unreadable_cases.iter().map(|p| p.display().to_string()).collect();
            let error = Diagnostic::error(format!(
                "digest {}: not built, {} case file(s) could not be read: {}",
                digest.value.id,
                files.len(),
                files.join(", ")
            ))
            .hint("fix them (`amicus check` shows why), then build the digest again");
            return self.fail(label, vec![error]);
        }
        let selected = facts::select(&digest.value, &self.project.cases);
        if let Some(broken) = selected.iter().find(|c| self.checked.broken_cases.contains(&c.value.id)) {
            let error = Diagnostic::error(format!(
                "digest {}: not built, the selected case `{}` has errors",
                digest.value.id, broken.value.id
            ))
            .at(digest.locate("select"));
            return self.fail(label, vec![error]);
        }
        if selected.is_empty() {
            let error = digest
                .error("select", "the selection matches no case")
                .hint("check the place and the dates against the cases' `place` and `verdict.date`");
            return self.fail(label, vec![error]);
        }
        let (facts, found) = facts::digest_facts(digest, &selected, self.project, lang);
        self.warnings.extend(found);
        let latest = selected.iter().filter_map(|c| c.value.latest_date()).max();
        let date = match self.document_date(digest.value.document_date, latest) {
            Ok(date) => date,
            Err(errors) => return self.fail(label, errors),
        };
        let context = json!({ "lang": lang, "kind": kind.name, "digest": facts });
        let kept = output::kept_source(&self.layout.digest_document(&digest.value.id, lang));
        let owner = Owner::Digest(digest.value.id.clone());
        if let Some(group) = self.prepare(owner, kind, lang, context, kept, date, Vec::new(), &label) {
            self.add_document(group, None);
        }
    }

    /// The date a document carries: its own `document_date`, else the run's date
    /// (`SOURCE_DATE_EPOCH`, then `--date`), else the latest date of its facts. Never the clock.
    fn document_date(&self, own: Option<Date>, latest_fact: Option<Date>) -> Result<Date, Vec<Diagnostic>> {
        own.or(self.plan.date).or(latest_fact).ok_or_else(|| {
            vec![
                Diagnostic::error("this document has no date, and archival PDF requires one")
                    .hint("add `document_date: YYYY-MM-DD` to the case file, or build with `--date YYYY-MM-DD`"),
            ]
        })
    }

    /// Renders the source of a group of documents; `None` if it failed (reported under `label`).
    #[allow(clippy::too_many_arguments)]
    fn prepare(
        &mut self,
        owner: Owner,
        kind: &'a Kind,
        lang: &str,
        context: serde_json::Value,
        kept: PathBuf,
        date: Date,
        attachments: Vec<Attachment>,
        label: &str,
    ) -> Option<usize> {
        let rendered = self
            .renderer
            .render(&kind.name, lang, Value::from(minijinja::value::Serde(&context)))
            .map_err(Box::new)
            .and_then(|r| Ok((Typesetter::main_source(&format!("/{}/{lang}.typ", kind.name), &r)?, r)));
        let (main, rendered) = match rendered {
            Ok(parsed) => parsed,
            Err(diagnostic) => {
                self.fail(label.to_owned(), vec![*diagnostic]);
                return None;
            }
        };
        let attached: Vec<Vec<u8>> = attachments.iter().map(|a| std::fs::read(&a.path).unwrap_or_default()).collect();
        let inputs = manifest::hash_inputs(&(
            &self.tool,
            &kind.name,
            kind.max_pages,
            self.plan.format,
            date.to_string(),
            &rendered.source,
            attached,
        ));
        self.groups.push(Group {
            owner,
            kind,
            lang: lang.to_owned(),
            rendered,
            main,
            context,
            kept,
            date,
            attachments,
            inputs,
            kept_written: OnceLock::new(),
            failed_written: OnceLock::new(),
        });
        Some(self.groups.len() - 1)
    }

    /// Adds a document to typeset, unless the manifest says it is up to date.
    fn add_document(&mut self, group: usize, recipient: Option<&'a Recipient>) {
        let order = self.requested;
        self.requested += 1;
        let of = &self.groups[group];
        let module = recipient.map(Recipient::typst_module);
        let inputs = manifest::hash_inputs(&(of.inputs, of.ident(recipient), module));
        let pdf = of.pdf(&self.layout, recipient);
        if !self.plan.force
            && self.plan.format != Format::Typ
            && self.manifest.is_current(&manifest_key(pdf.clone(), self.plan.format), inputs)
        {
            // A letter's source kept from a failure before its inputs came back is stale.
            if recipient.is_some() {
                let _ = std::fs::remove_file(output::failed_source(&pdf));
            }
            self.up_to_date += 1;
            return;
        }
        self.work.push(Document { order, group, recipient, inputs });
    }
}

/// What typesetting one document gave.
struct Made {
    /// The files written (the PDF, the page images, or the source) and the source they were
    /// made from, or why it failed.
    result: Result<(Vec<PathBuf>, PathBuf), Vec<Diagnostic>>,
    warnings: Vec<Diagnostic>,
}

/// Typesets documents on the worker threads; shared by all of them.
struct Maker<'a> {
    plan: &'a BuildPlan,
    /// `None` when only sources are written.
    typesetter: Option<&'a Typesetter>,
    groups: &'a [Group<'a>],
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
    fn make(&self, document: &Document) -> Made {
        let mut warnings = Vec::new();
        let source = &self.groups[document.group].kept;
        let result = self.make_files(document, &mut warnings).map(|files| (files, source.clone()));
        Made { result, warnings }
    }

    fn make_files(&self, document: &Document, warnings: &mut Vec<Diagnostic>) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
        let group = &self.groups[document.group];
        let source = &group.rendered.source;
        let module = document.recipient.map(Recipient::typst_module);
        let pdf = group.pdf(self.layout, document.recipient);
        let (module_kept, module_failed) = (output::kept_source(&pdf), output::failed_source(&pdf));
        let Some(typesetter) = self.typesetter else {
            self.write_once(&group.kept_written, &group.kept, source)?;
            return match &module {
                Some(module) => self.write(&module_kept, module.as_bytes()).map(|()| vec![module_kept]),
                None => Ok(vec![group.kept.clone()]),
            };
        };
        let recipient_facts = document.recipient.map(Recipient::as_given);
        let group_failed = output::failed_source(&group.kept);
        let job = typeset::Job {
            main: &group.main,
            rendered: &group.rendered,
            kept_path: &group_failed,
            recipient: module.as_ref().zip(recipient_facts.as_ref()).map(|(module, facts)| RecipientModule {
                source: Typesetter::recipient_source(module.clone()),
                kept_path: &module_failed,
                facts,
            }),
            ident: group.ident(document.recipient),
            facts: &group.context,
            max_pages: group.kind.max_pages,
            date: group.date,
            attachments: &group.attachments,
            format: self.plan.format,
        };
        let typeset = match typesetter.typeset(&job) {
            Ok(typeset) => typeset,
            Err(mut errors) => {
                // The errors point into these files; if they cannot be written, say so too.
                errors
                    .extend(self.write_once(&group.failed_written, &group_failed, source).err().into_iter().flatten());
                if let Some(module) = &module {
                    errors.extend(self.write(&module_failed, module.as_bytes()).err().into_iter().flatten());
                }
                return Err(errors);
            }
        };
        warnings.extend(typeset.warnings);
        self.write_once(&group.kept_written, &group.kept, source)?;
        if module.is_some() {
            let _ = std::fs::remove_file(&module_failed);
        }
        let files = match self.plan.format {
            Format::Png => output::page_images(&pdf, typeset.files.len()),
            _ => vec![pdf],
        };
        for (path, bytes) in files.iter().zip(&typeset.files) {
            self.write(path, bytes)?;
        }
        Ok(files)
    }
}
