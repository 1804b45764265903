//! The run: load → check → derive → render → typeset → write, for every requested document.
//!
//! Contract: [`build`] never stops at the first failure. Each document either is written
//! whole (PDF and its `.typ`) or fails with diagnostics; the others go on. The [`Report`]
//! says what was built, what failed and what was skipped, and decides the exit code.

use std::path::{Path, PathBuf};

use minijinja::Value;
use serde_json::json;

use crate::case::{self, Case, Date, Digest, Loaded, Project};
use crate::check::{self, Checked};
use crate::diag::Diagnostic;
use crate::facts;
use crate::output::{self, Layout};
use crate::recipients::{self, Recipient};
use crate::render::{self, Kind, Renderer, Scope};
use crate::typeset::{self, Attachment, Format, Typesetter};

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
}

impl BuildPlan {
    pub fn cases_dir(&self) -> PathBuf {
        self.root.join("cases")
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }
}

/// One document that was asked for.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// What the document is, for people: `kanaliyev-2021 fact-sheet (en)`.
    pub label: String,
    pub result: Result<PathBuf, Vec<Diagnostic>>,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    pub outcomes: Vec<Outcome>,
    /// Data and template problems not tied to one document, and every warning.
    pub diagnostics: Vec<Diagnostic>,
    /// Things deliberately not built, with the reason.
    pub notes: Vec<String>,
}

impl Report {
    pub fn built(&self) -> impl Iterator<Item = &PathBuf> {
        self.outcomes.iter().filter_map(|o| o.result.as_ref().ok())
    }

    pub fn failed(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.result.is_err())
    }

    pub fn success(&self) -> bool {
        self.failed().next().is_none() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

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

/// Builds every requested document.
pub fn build(plan: &BuildPlan, kinds: &[Kind]) -> Report {
    let mut report = Report::default();
    let (project, checked, diagnostics) = load_and_check(plan);
    report.diagnostics = diagnostics;
    let (cases, digests) = requested(plan, &project);
    let renderer = Renderer::new(&plan.templates_dir());
    let typesetter = Typesetter::new(&plan.templates_dir());
    let layout = Layout { out_dir: plan.out_dir.clone() };
    output::remove_stale_temporaries(&plan.out_dir);
    let builder = Builder { plan, renderer: &renderer, typesetter: &typesetter, project: &project };
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
                        for recipient in &addressees {
                            let to = recipient.map(|r| format!(" to {}", r.name)).unwrap_or_default();
                            let label = format!("{} {}{to} ({lang})", case.value.id, kind.name);
                            let result = match checked.broken_cases.contains(&case.value.id) {
                                true => Err(vec![Diagnostic::error(format!(
                                    "{label}: not built, the case file has errors (above)"
                                ))]),
                                false => builder.case_document(
                                    case,
                                    kind,
                                    lang,
                                    *recipient,
                                    &layout,
                                    &mut report.diagnostics,
                                ),
                            };
                            report.outcomes.push(Outcome { label, result });
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
                        let label = format!("digest {} ({lang})", digest.value.id);
                        let result = match checked.broken_digests.contains(&digest.value.id) {
                            true => Err(vec![Diagnostic::error(format!(
                                "{label}: not built, the digest file has errors (above)"
                            ))]),
                            false => {
                                builder.digest_document(digest, kind, lang, &layout, &checked, &mut report.diagnostics)
                            }
                        };
                        report.outcomes.push(Outcome { label, result });
                    }
                }
            }
        }
    }
    report
}

/// Where a document goes, what identifies it, and the date it carries.
struct Target {
    pdf: PathBuf,
    ident: String,
    date: Date,
    attachments: Vec<Attachment>,
}

struct Builder<'a> {
    plan: &'a BuildPlan,
    renderer: &'a Renderer,
    typesetter: &'a Typesetter,
    project: &'a Project,
}

impl Builder<'_> {
    fn case_document(
        &self,
        case: &Loaded<case::Case>,
        kind: &Kind,
        lang: &str,
        recipient: Option<&Recipient>,
        layout: &Layout,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<PathBuf, Vec<Diagnostic>> {
        let readiness = check::readiness(&case.value, &kind.required, &kind.recommended);
        if let Some(refusal) = readiness.refusal(case, &kind.name) {
            return Err(vec![refusal]);
        }
        let (facts, found) = facts::case_facts(case, &self.project.shared, lang, kind.audience);
        warnings.extend(found);
        let (pdf, ident) = match recipient {
            None => (
                layout.case_document(&case.value.id, &kind.name, lang),
                format!("amicus/{}/{}/{lang}", case.value.id, kind.name),
            ),
            Some(r) => (
                layout.letter(&case.value.id, &kind.name, &r.slug, lang),
                format!("amicus/{}/{}/{}/{lang}", case.value.id, kind.name, r.slug),
            ),
        };
        let date = self.document_date(case.value.document_date, case.value.latest_date())?;
        let context = json!({ "lang": lang, "kind": kind.name, "case": facts, "recipient": recipient });
        let attachments = match (&case.value.photo, case.photo_file()) {
            (Some(photo), Some(Ok(path))) => vec![Attachment {
                virtual_path: facts::photo_virtual_path(&photo.file),
                allowed_dir: case.path().parent().unwrap_or(Path::new(".")).to_path_buf(),
                path,
            }],
            _ => Vec::new(),
        };
        self.make(kind, lang, context, Target { pdf, ident, date, attachments }, warnings)
    }

    fn digest_document(
        &self,
        digest: &Loaded<case::Digest>,
        kind: &Kind,
        lang: &str,
        layout: &Layout,
        checked: &Checked,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<PathBuf, Vec<Diagnostic>> {
        // A case file that could not be read might belong to the selection: a digest that
        // silently leaves a person out is worse than no digest.
        if !self.project.unreadable_cases.is_empty() {
            let files: Vec<String> = self.project.unreadable_cases.iter().map(|p| p.display().to_string()).collect();
            return Err(vec![
                Diagnostic::error(format!(
                    "digest {}: not built, {} case file(s) could not be read: {}",
                    digest.value.id,
                    files.len(),
                    files.join(", ")
                ))
                .hint("fix them (`amicus check` shows why), then build the digest again"),
            ]);
        }
        let selected = facts::select(&digest.value, &self.project.cases);
        if let Some(broken) = selected.iter().find(|c| checked.broken_cases.contains(&c.value.id)) {
            return Err(vec![
                Diagnostic::error(format!(
                    "digest {}: not built, the selected case `{}` has errors",
                    digest.value.id, broken.value.id
                ))
                .at(digest.locate("select")),
            ]);
        }
        if selected.is_empty() {
            return Err(vec![
                digest
                    .error("select", "the selection matches no case")
                    .hint("check the place and the dates against the cases' `place` and `verdict.date`"),
            ]);
        }
        let (facts, found) = facts::digest_facts(digest, &selected, self.project, lang);
        warnings.extend(found);
        let pdf = layout.digest_document(&digest.value.id, lang);
        let ident = format!("amicus/digest/{}/{lang}", digest.value.id);
        let latest = selected.iter().filter_map(|c| c.value.latest_date()).max();
        let date = self.document_date(digest.value.document_date, latest)?;
        let context = json!({ "lang": lang, "kind": kind.name, "digest": facts });
        self.make(kind, lang, context, Target { pdf, ident, date, attachments: Vec::new() }, warnings)
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

    /// Renders, typesets and writes the PDF with its `.typ` beside it. A source that fails to
    /// compile is kept as `.failed.typ` (errors point into it); the last good PDF and `.typ`
    /// stay as they were, so the pair always matches.
    fn make(
        &self,
        kind: &Kind,
        lang: &str,
        context: serde_json::Value,
        target: Target,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<PathBuf, Vec<Diagnostic>> {
        let pdf_path = target.pdf.as_path();
        let rendered = self
            .renderer
            .render(&kind.name, lang, Value::from(minijinja::value::Serde(&context)))
            .map_err(|d| vec![d])?;
        let kept_path = output::kept_source(pdf_path);
        let failed_path = output::failed_source(pdf_path);
        let io_error = |path: &Path, e: std::io::Error| {
            vec![
                Diagnostic::error(format!("cannot write {}: {e}", path.display()))
                    .hint(format!("check that the output folder `{}` is writable", self.plan.out_dir.display())),
            ]
        };
        let job = typeset::Job {
            main_path: format!("/{}/{lang}.typ", kind.name),
            rendered: &rendered,
            kept_path: &failed_path,
            ident: target.ident,
            facts: &context,
            max_pages: kind.max_pages,
            date: target.date,
            attachments: &target.attachments,
            format: self.plan.format,
        };
        if self.plan.format == Format::Typ {
            output::write_atomic(&kept_path, rendered.source.as_bytes()).map_err(|e| io_error(&kept_path, e))?;
            return Ok(kept_path);
        }
        let typeset = match self.typesetter.typeset(&job) {
            Ok(typeset) => typeset,
            Err(errors) => {
                output::write_atomic(&failed_path, rendered.source.as_bytes())
                    .map_err(|e| io_error(&failed_path, e))?;
                return Err(errors);
            }
        };
        warnings.extend(typeset.warnings);
        output::write_atomic(&kept_path, rendered.source.as_bytes()).map_err(|e| io_error(&kept_path, e))?;
        let _ = std::fs::remove_file(&failed_path);
        if self.plan.format == Format::Png {
            let images = output::page_images(pdf_path, typeset.files.len());
            for (path, png) in images.iter().zip(&typeset.files) {
                output::write_atomic(path, png).map_err(|e| io_error(path, e))?;
            }
            return Ok(images[0].clone());
        }
        output::write_atomic(pdf_path, &typeset.files[0]).map_err(|e| io_error(pdf_path, e))?;
        Ok(pdf_path.to_path_buf())
    }
}
