//! The document API: one document, from a checked project to bytes in memory.
//!
//! Contract: [`Documents`] holds what every document of a run shares (the project, the
//! template environment, the typesetter, the run's date). [`Documents::prepare`] decides
//! whether a document can be made and renders it: it refuses a broken case, a kind whose
//! facts or law are missing, a document without a date; otherwise it gives a [`Prepared`]
//! document (its facts, its Typst source parsed once, its date, its attachments and the hash of
//! its inputs). [`Documents::make`] typesets a prepared document for one recipient (or none)
//! with one [`Export`] and returns the files' bytes. Nothing here writes to disk: `build`
//! writes files, a server could send them.

use std::path::Path;
use std::sync::OnceLock;

use minijinja::Value;
use serde_json::json;
use typst::syntax::Source;

use crate::case::{Case, Date, Digest, Loaded, Photo, Project, Sender};
use crate::check::{self, Checked};
use crate::diag::Diagnostic;
use crate::export::{Export, Exported};
use crate::facts::{self, Fallback, Languages};
use crate::kind::{FanOut, Kind};
use crate::manifest;
use crate::recipients::Recipient;
use crate::render::{Rendered, Renderer};
use crate::templates::Templates;
use crate::typeset::{self, Attachment, RecipientModule, Typesetter};

/// What a document is about: one defendant of a case, a whole proceeding, or a digest over
/// several.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// One defendant, by position (the only one of a one-person case): an appeal, a fact sheet.
    Defendant(&'a Loaded<Case>, usize),
    /// Every defendant of a case at once: a letter to a Member about the trial.
    Proceeding(&'a Loaded<Case>),
    Digest(&'a Loaded<Digest>),
}

impl<'a> Subject<'a> {
    /// The subjects a case gives a kind: each defendant, or the proceeding once.
    pub fn of_case(case: &'a Loaded<Case>, kind: &Kind) -> Vec<Subject<'a>> {
        match kind.fan_out {
            FanOut::Proceeding => vec![Subject::Proceeding(case)],
            FanOut::Defendant => (0..case.value.defendant_count()).map(|i| Subject::Defendant(case, i)).collect(),
        }
    }

    /// The data file the subject is written in.
    pub fn path(&self) -> &'a Path {
        match *self {
            Subject::Defendant(case, _) | Subject::Proceeding(case) => case.path(),
            Subject::Digest(digest) => digest.path(),
        }
    }

    /// The case's or the digest's id.
    pub fn id(&self) -> &str {
        match self {
            Subject::Defendant(case, _) | Subject::Proceeding(case) => &case.value.id,
            Subject::Digest(digest) => &digest.value.id,
        }
    }

    /// How ready the subject is for a kind on a date: the facts it lacks (a digest: none).
    pub fn readiness(&self, kind: &Kind, shared: &crate::case::Shared, at: Date) -> check::Readiness {
        match *self {
            Subject::Defendant(case, index) => check::readiness(case, index, kind, shared, at),
            Subject::Proceeding(case) => check::proceeding_readiness(case, kind, shared, at),
            Subject::Digest(_) => check::Readiness::default(),
        }
    }

    /// Where under `out/` its documents go, and how messages name it: the case's id, with the
    /// defendant's for one of several (`viasna-2023/bialiatski`).
    pub fn folder(&self) -> String {
        match self {
            Subject::Defendant(case, index) => case.value.defendant_label(*index),
            _ => self.id().to_owned(),
        }
    }
}

/// What every document of a run shares.
pub struct Documents<'a> {
    pub project: &'a Project,
    pub checked: &'a Checked,
    pub renderer: Renderer,
    /// Made when the first document is typeset: a rebuild with nothing to do never loads fonts.
    typesetter: OnceLock<Typesetter>,
    /// One kept by the caller across runs (the editor's previews), used instead.
    kept_typesetter: Option<&'a Typesetter>,
    templates: Templates,
    /// The date for documents whose case gives none: `--date`, else `SOURCE_DATE_EPOCH`.
    pub date: Option<Date>,
    /// Today, by the clock: the date of documents given none (see [`Documents::document_date`]).
    pub today: Date,
    /// The build of amicus and its Typst files, part of every document's inputs.
    tool: (String, u128),
    /// The hashes of what every document of the project, and every digest, is made from,
    /// taken the first time a document's sources are asked for.
    project_sources: OnceLock<u128>,
    every_case_source: OnceLock<u128>,
}

/// A document ready to typeset: everything but the recipient and the format.
pub struct Prepared<'a> {
    pub subject: Subject<'a>,
    pub kind: &'a Kind,
    pub lang: String,
    pub rendered: Rendered,
    /// The source parsed once, so that every letter reuses the parse and its spans.
    pub main: Source,
    /// The facts the source was made from (to name the field behind a missing glyph).
    pub context: serde_json::Value,
    pub date: Date,
    pub attachments: Vec<Attachment>,
    /// The hash of everything it is made from but the recipient and the format.
    pub inputs: u128,
    /// Texts the document prints from another language than its own.
    pub warnings: Vec<Diagnostic>,
    /// The facts its sender or filer supplies that the files lack: the document is a draft,
    /// with lines left for them (the kind's `filer`).
    pub draft: Vec<String>,
    /// What its letters' messages (`.eml`) are made from, when its kind has an e-mail template
    /// in its language, it is no draft and its sender has a usable address.
    pub email: Option<Sending>,
}

/// What every message of a group of letters shares: the facts its template is filled with
/// (made once, not once per letter) and who sends it.
pub struct Sending {
    facts: Value,
    /// The sender's name as From gives it (the signatory, for the organisation) and address.
    pub from: (String, String),
}

impl Prepared<'_> {
    /// What a document is, for people: `kanaliyev-2021 mep-letter to Hannah Testmann (en)`.
    pub fn label(&self, recipient: Option<&Recipient>) -> String {
        label(self.subject, &self.kind.name, &self.lang, recipient)
    }

    /// The PDF's identifier: unique per case, kind, language and recipient.
    pub fn ident(&self, recipient: Option<&Recipient>) -> String {
        let (kind, lang) = (&self.kind.name, &self.lang);
        let folder = self.subject.folder();
        match (self.subject, recipient) {
            (Subject::Digest(digest), _) => format!("amicus/digest/{}/{lang}", digest.value.id),
            (_, None) => format!("amicus/{folder}/{kind}/{lang}"),
            (_, Some(r)) => format!("amicus/{folder}/{kind}/{}/{lang}", r.slug),
        }
    }

    /// The hash of everything one document is made from: the manifest's key to whether it
    /// changed.
    pub fn inputs_for(&self, recipient: Option<&Recipient>, export: &dyn Export) -> u128 {
        let module = recipient.map(Recipient::typst_module);
        manifest::hash_inputs(&(self.inputs, export.name(), self.ident(recipient), module))
    }
}

/// What a document is, for people, before it is prepared.
pub fn label(subject: Subject, kind: &str, lang: &str, recipient: Option<&Recipient>) -> String {
    match (subject, recipient) {
        (Subject::Digest(digest), _) => format!("digest {} ({lang})", digest.value.id),
        (_, None) => format!("{} {kind} ({lang})", subject.folder()),
        (_, Some(r)) => format!("{} {kind} to {} ({lang})", subject.folder(), r.name),
    }
}

/// Where the sources of a document will be kept, for error messages that point into them.
pub struct Kept<'a> {
    /// The generated source (`out/<case>/<kind>.<lang>.failed.typ` when it fails).
    pub source: &'a Path,
    /// A letter's recipient module.
    pub recipient: Option<&'a Path>,
}

impl<'a> Documents<'a> {
    pub fn new(templates: &Templates, project: &'a Project, checked: &'a Checked, date: Option<Date>) -> Self {
        Documents {
            project,
            checked,
            renderer: Renderer::new(templates),
            typesetter: OnceLock::new(),
            kept_typesetter: None,
            templates: templates.clone(),
            date,
            today: Date::today(),
            tool: (manifest::tool_identity(), manifest::hash_typst_files(templates)),
            project_sources: OnceLock::new(),
            every_case_source: OnceLock::new(),
        }
    }

    /// Typesets with `typesetter` rather than one of its own: a server keeps one, with its
    /// fonts loaded, for every request.
    pub fn with_typesetter(mut self, typesetter: &'a Typesetter) -> Self {
        self.kept_typesetter = Some(typesetter);
        self
    }

    /// Decides whether a document can be made, and renders its source.
    pub fn prepare(&self, subject: Subject<'a>, kind: &'a Kind, lang: &str) -> Result<Prepared<'a>, Vec<Diagnostic>> {
        let locale = self.renderer.locale(lang).map_err(|d| vec![d])?;
        let (facts, fallbacks, date, attachments, context_name) = match subject {
            Subject::Defendant(case, _) | Subject::Proceeding(case) => {
                let date = self.document_date(case.value.document_date);
                let (facts, fallbacks) = self.case_facts(subject, case, kind, &locale.languages(), date)?;
                (facts, fallbacks, date, self.attachments(subject), "case")
            }
            Subject::Digest(digest) => {
                let selected = facts::select(&digest.value, &self.project.cases);
                let date = self.document_date(digest.value.document_date);
                let (facts, fallbacks) = self.digest_facts(digest, &selected, &locale.languages(), date)?;
                (facts, fallbacks, date, self.attachments(subject), "digest")
            }
        };
        let draft: Vec<String> =
            facts["draft"].as_array().into_iter().flatten().filter_map(|f| f.as_str().map(str::to_owned)).collect();
        // `date`: the date the document carries, which letters print.
        let audience = if kind.audience == crate::kind::Audience::Restricted { "restricted" } else { "public" };
        let mut context = json!({ "lang": lang, "kind": kind.name, "date": date, context_name: facts });
        context[crate::render::AUDIENCE_VARIABLE] = audience.into();
        context[crate::render::FILER_VARIABLE] = kind.filer.clone().into();
        context[crate::render::STAGE_NAMES_VARIABLE] = facts["stage_names"].clone();
        let rendered = self
            .renderer
            .render(&kind.name, lang, Value::from(minijinja::value::Serde(&context)))
            .map_err(|d| vec![d])?;
        let main = Typesetter::main_source(&format!("/{}/{lang}.typ", kind.name), &rendered).map_err(|d| vec![*d])?;
        // Only texts the document prints are worth a warning: a Kazakh fact sheet does not
        // print the arguments the case file gives only in Russian.
        let printed = facts::letters(&rendered.printed_values());
        let mut warnings: Vec<Diagnostic> =
            fallbacks.into_iter().filter(|f| f.printed_in(&printed)).map(|f| f.warning).collect();
        let attached: Vec<Vec<u8>> = attachments
            .iter()
            .map(|a| crate::files::read_capped(&a.path, crate::files::PHOTO_LIMIT).unwrap_or_default())
            .collect();
        // A letter's message is made from the facts and its own template: both count.
        let email = match kind.per_recipient {
            true => self.templates.read(&crate::render::email_template(&kind.name, lang), crate::files::TEMPLATE_LIMIT),
            false => Ok(None),
        };
        let email = email.map_err(|e| vec![Diagnostic::error(format!("cannot read the e-mail template: {e}"))])?;
        let sending = match (&email, draft.is_empty()) {
            (Some(_), true) => sending(&context, &mut warnings),
            _ => None,
        };
        let inputs = manifest::hash_inputs(&(
            &self.tool,
            &kind.name,
            kind.max_pages,
            date.to_string(),
            &rendered.source,
            attached,
            email.as_ref().map(|template| (template, context.to_string())),
        ));
        Ok(Prepared {
            subject,
            kind,
            lang: lang.to_owned(),
            rendered,
            main,
            context,
            date,
            attachments,
            inputs,
            warnings,
            draft,
            email: sending,
        })
    }

    fn case_facts(
        &self,
        subject: Subject,
        case: &Loaded<Case>,
        kind: &Kind,
        languages: &Languages,
        date: Date,
    ) -> Result<(serde_json::Value, Vec<Fallback>), Vec<Diagnostic>> {
        let id = &case.value.id;
        if self.checked.broken_cases.contains(id) {
            return Err(vec![Diagnostic::error(format!(
                "{}: not built, the case file has errors (above)",
                label(subject, &kind.name, languages.lang, None)
            ))]);
        }
        let shared = &self.project.shared;
        let readiness = match subject {
            Subject::Defendant(_, index) => check::readiness(case, index, kind, shared, date),
            _ => check::proceeding_readiness(case, kind, shared, date),
        };
        let refusal = readiness.refusal(&subject.folder(), case, &kind.name);
        if !refusal.is_empty() {
            return Err(refusal);
        }
        let (mut tree, fallbacks) = match subject {
            Subject::Defendant(_, index) => facts::case_facts(case, index, shared, languages, kind.audience, date),
            _ => facts::proceeding_facts(case, shared, languages, kind.audience, date),
        };
        if kind.normal_names {
            facts::normal_case_names(&mut tree);
        } else {
            facts::capital_family_names(&mut tree);
        }
        tree["draft"] = readiness.missing_filer.into();
        Ok((tree, fallbacks))
    }

    fn digest_facts(
        &self,
        digest: &Loaded<Digest>,
        selected: &[&Loaded<Case>],
        languages: &Languages,
        date: Date,
    ) -> Result<(serde_json::Value, Vec<Fallback>), Vec<Diagnostic>> {
        let id = &digest.value.id;
        if self.checked.broken_digests.contains(id) {
            return Err(vec![Diagnostic::error(format!(
                "digest {id} ({}): not built, the digest file has errors (above)",
                languages.lang
            ))]);
        }
        // A case file that could not be read might belong to the selection: a digest that
        // silently leaves a person out is worse than no digest.
        let unreadable = &self.project.unreadable_cases;
        if !unreadable.is_empty() {
            let files: Vec<String> = unreadable.iter().map(|p| p.display().to_string()).collect();
            return Err(vec![
                Diagnostic::error(format!(
                    "digest {id}: not built, {} case file(s) could not be read: {}",
                    files.len(),
                    files.join(", ")
                ))
                .hint("fix them (`amicus check` shows why), then build the digest again"),
            ]);
        }
        if let Some(broken) = selected.iter().find(|c| self.checked.broken_cases.contains(&c.value.id)) {
            return Err(vec![
                Diagnostic::error(format!(
                    "digest {id}: not built, the selected case `{}` has errors",
                    broken.value.id
                ))
                .at(digest.locate("select")),
            ]);
        }
        if selected.is_empty() {
            return Err(vec![
                digest
                    .error("select", "the selection matches no case")
                    .hint("check the place and the dates against the cases' `place` and verdict dates"),
            ]);
        }
        let (mut tree, fallbacks) = facts::digest_facts(digest, selected, self.project, languages, date);
        facts::capital_family_names(&mut tree);
        Ok((tree, fallbacks))
    }

    /// The files a document attaches (its defendant's photo, its sender's logo).
    fn attachments(&self, subject: Subject) -> Vec<Attachment> {
        let shared = &self.project.shared;
        match subject {
            Subject::Defendant(case, index) => {
                attachments(case, case.value.for_defendant(index).photo.as_ref(), shared.sender_of(&case.value))
            }
            Subject::Proceeding(case) => attachments(case, None, shared.sender_of(&case.value)),
            Subject::Digest(_) => attachments_of_sender(shared.sender_named(None)),
        }
    }

    /// The hash of the files and settings a document is made from, taken before anything is
    /// rendered: amicus and every template file (locale files included), every shared file,
    /// the run's date and the day the facts are judged at, the subject's file (a digest's:
    /// every case file too, since it selects among them) and whether the check found it broken,
    /// and the bytes of what it attaches. Nothing else reaches a document's facts, source or
    /// files, so a document whose sources hash as the manifest recorded is up to date without
    /// being rendered. A rebuild of 1,000 cases with nothing changed took 36 s when it rendered
    /// every document to decide, and takes 1.5 s (most of it loading and checking the cases).
    pub fn sources(&self, subject: Subject, kind: &Kind, lang: &str) -> u128 {
        let project = self.project_sources.get_or_init(|| self.project_sources());
        let judged = |own: Option<Date>| self.document_date(own).to_string();
        let attached: Vec<Vec<u8>> = self
            .attachments(subject)
            .iter()
            .map(|a| crate::files::read_capped(&a.path, crate::files::PHOTO_LIMIT).unwrap_or_default())
            .collect();
        let subject = match subject {
            Subject::Defendant(case, index) => {
                (Some(index), &case.file, case.value.document_date, &case.value.id, None)
            }
            Subject::Proceeding(case) => (None, &case.file, case.value.document_date, &case.value.id, None),
            Subject::Digest(digest) => {
                let cases = self.every_case_source.get_or_init(|| self.every_case_source());
                (None, &digest.file, digest.value.document_date, &digest.value.id, Some(*cases))
            }
        };
        let (index, file, own_date, id, cases) = subject;
        let broken = self.checked.broken_cases.contains(id) || self.checked.broken_digests.contains(id);
        manifest::hash_inputs(&(
            project,
            &kind.name,
            lang,
            index,
            (&file.path, &*file.text),
            broken,
            judged(own_date),
            attached,
            cases,
        ))
    }

    /// What every document of the project is made from: amicus, the templates, the shared files.
    fn project_sources(&self) -> u128 {
        let templates: Vec<(String, Option<Vec<u8>>)> = self
            .templates
            .files()
            .into_iter()
            .map(|f| {
                let bytes = self.templates.read(&f, crate::files::TEMPLATE_LIMIT).ok().flatten();
                (f, bytes.map(|b| b.into_owned()))
            })
            .collect();
        let shared = &self.project.shared;
        let shared_files: Vec<(&Path, &str)> = (shared.organisations.values().map(|l| &l.file))
            .chain(shared.statements.values().map(|l| &l.file))
            .chain(shared.sources.values().map(|l| &l.file))
            .chain(shared.jurisdictions.values().map(|l| &l.file))
            .chain(shared.senders.values().map(|l| &l.file))
            .map(|file| (file.path.as_path(), &*file.text))
            .collect();
        let unreadable: Vec<String> = shared.unreadable.values().map(Diagnostic::render_plain).collect();
        manifest::hash_inputs(&(&self.tool, templates, shared_files, unreadable))
    }

    /// Every case file, and those that could not be read, for digests.
    fn every_case_source(&self) -> u128 {
        let cases: Vec<(&Path, &str)> = self.project.cases.iter().map(|c| (c.path(), &*c.file.text)).collect();
        manifest::hash_inputs(&(cases, &self.project.unreadable_cases, &self.checked.broken_cases))
    }

    /// The date a document carries, prints, and has its facts judged at (which verdict is in
    /// effect, whether an appeal is still open, where a person stands): its own
    /// `document_date`, else the run's date (`--date`, then `SOURCE_DATE_EPOCH`), else today.
    /// A letter built today to be sent today is dated today: dated by its case's latest fact, a
    /// letter about a death in custody six years ago was dated that day, and described what
    /// had happened since (read by an MEP's assistant, 4 December 2026). Reproducible builds
    /// give a date, as they give `SOURCE_DATE_EPOCH` to every tool.
    fn document_date(&self, own: Option<Date>) -> Date {
        own.or(self.date).unwrap_or(self.today)
    }

    /// Typesets a prepared document for one recipient (letters) or none, in one format.
    pub fn make(
        &self,
        prepared: &Prepared,
        recipient: Option<&Recipient>,
        export: &dyn Export,
        kept: Kept,
    ) -> Result<Exported, Vec<Diagnostic>> {
        let module = recipient.map(Recipient::typst_module);
        let recipient_facts = recipient.map(Recipient::as_given);
        let job = typeset::Job {
            main: &prepared.main,
            rendered: &prepared.rendered,
            kept_path: kept.source,
            recipient: module.zip(recipient_facts.as_ref()).map(|(module, facts)| RecipientModule {
                source: Typesetter::recipient_source(module),
                kept_path: kept.recipient.unwrap_or(kept.source),
                facts,
            }),
            ident: prepared.ident(recipient),
            facts: &prepared.context,
            max_pages: prepared.kind.max_pages,
            cuts: &prepared.kind.cuts,
            date: prepared.date,
            attachments: &prepared.attachments,
        };
        let typesetter = || match self.kept_typesetter {
            Some(kept) => kept,
            None => self.typesetter.get_or_init(|| Typesetter::new(&self.templates)),
        };
        export.export(&typesetter, &job)
    }
}

/// Who sends a group's messages and the facts their template is filled with, or `None` (with
/// a warning) when the sender's address cannot be written to a message.
fn sending(context: &serde_json::Value, warnings: &mut Vec<Diagnostic>) -> Option<Sending> {
    let sender = &context["case"]["sender"];
    let given = sender["email"].as_str()?;
    let Some(address) = crate::email::address(given) else {
        warnings.push(
            Diagnostic::warning(format!(
                "the sender's e-mail `{given}` is not one plain address: letters get no message (.eml)"
            ))
            .hint("write it as name@example.org in the sender's file under cases/_shared/senders/"),
        );
        return None;
    };
    // From the person who signs, for the organisation: someone to reply to.
    let organisation = sender["organisation"].as_str().unwrap_or_default();
    let name = match sender["signatory"]["name"]["full"].as_str() {
        Some(signatory) => format!("{signatory}, {organisation}"),
        None => organisation.to_owned(),
    };
    Some(Sending { facts: Value::from(minijinja::value::Serde(context)), from: (name, address.to_owned()) })
}

impl Documents<'_> {
    /// What the message that carries a letter of a group that sends them ([`Prepared::email`])
    /// says to one recipient, from the kind's e-mail template.
    pub fn email(
        &self,
        prepared: &Prepared,
        sending: &Sending,
        recipient: &Recipient,
    ) -> Result<crate::render::Email, Diagnostic> {
        let recipient = Value::from(minijinja::value::Serde(recipient));
        self.renderer.render_email(&prepared.kind.name, &prepared.lang, sending.facts.clone(), recipient)
    }
}

/// The files a document attaches (its defendant's photo, its sender's logo), each allowed to
/// be read from the folder of the file that names it.
fn attachments(case: &Loaded<Case>, photo: Option<&Photo>, sender: Option<&Loaded<Sender>>) -> Vec<Attachment> {
    let mut attached = attachments_of_sender(sender);
    if let (Some(photo), Some(Ok(path))) = (photo, photo.and_then(|p| case.photo_file(p))) {
        attached.push(Attachment {
            virtual_path: facts::attachment_path("photo", &photo.file),
            allowed_dir: case.path().parent().unwrap_or(Path::new(".")).to_path_buf(),
            path,
        });
    }
    attached
}

fn attachments_of_sender(sender: Option<&Loaded<Sender>>) -> Vec<Attachment> {
    let logo = sender.and_then(|s| Some((s, s.value.logo.as_ref()?, s.logo_file().ok()?)));
    logo.map(|(sender, file, path)| Attachment {
        virtual_path: facts::attachment_path("logo", file),
        allowed_dir: sender.path().parent().unwrap_or(Path::new(".")).to_path_buf(),
        path,
    })
    .into_iter()
    .collect()
}
