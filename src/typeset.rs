//! Stage `typeset`: Typst source becomes a PDF, in process.
//!
//! Contract: a [`Typesetter`] owns the fonts, the standard library and a cache of the
//! project's template files; it is built once and shared by every document of a run.
//! [`Typesetter::compile`] compiles one generated source and checks it, or returns errors
//! located in the kept `.typ` and in the template that wrote the offending line; the
//! `export` stage turns the compiled document into files.
//! Typst may read only files inside the templates folder (no packages, no paths that lead
//! out, symlinks included). A missing glyph or an unknown font is an error, not a warning:
//! an empty box in a name on a court document is not acceptable.
//! A document of several pages whose last page holds a few lines, or one a page too long for
//! its kind, is set again a little tighter (the style reads `squeeze` from [`FIT_MODULE`]),
//! and the tighter setting is kept only if it saves the page; if none does, it is set once more
//! with the blocks a template marks `keep` unbroken (`pull`), which carries a whole section to
//! the last page, kept only if that page then holds more and the document no more pages.
//! A document still over its kind's limit is set without the sections its template marks
//! `optional`, one step at a time (`cut`), and `build` warns of what was left out.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::Value as Json;
use typst::diag::{FileError, FileResult, Severity as TypstSeverity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime};
use typst::layout::{Frame, FrameItem};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use crate::case::Date;

use crate::diag::{Code, Diagnostic, Location};
use crate::files::ReadError;
use crate::render::Rendered;
use crate::templates::{TemplateError, Templates};

/// Fonts compiled into the binary: they cover Latin, Cyrillic and every Kazakh letter in
/// regular, italic, bold and bold italic; DejaVu Sans adds Greek, Hebrew and Arabic.
const FONTS: [&[u8]; 10] = [
    include_bytes!("../fonts/PTSerif-Regular.ttf"),
    include_bytes!("../fonts/PTSerif-Italic.ttf"),
    include_bytes!("../fonts/PTSerif-Bold.ttf"),
    include_bytes!("../fonts/PTSerif-BoldItalic.ttf"),
    include_bytes!("../fonts/PTSans-Regular.ttf"),
    include_bytes!("../fonts/PTSans-Italic.ttf"),
    include_bytes!("../fonts/PTSans-Bold.ttf"),
    include_bytes!("../fonts/PTSans-BoldItalic.ttf"),
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
];

/// The folder under `templates/` that holds vendored Typst packages.
pub const PACKAGES_DIR: &str = "_packages";

/// The virtual path at which a letter's source finds its recipient: `#import "/_recipient.typ": recipient`.
pub const RECIPIENT_MODULE: &str = "/_recipient.typ";

/// The virtual module the style imports `squeeze` and `pull` from: 0, then 1 to 3 when a
/// document is set again tighter to save a nearly empty last page; `pull` when the blocks marked
/// `keep` are to be set unbroken instead.
pub const FIT_MODULE: &str = "/_fit.typ";

/// How many tighter settings are tried.
const TIGHTEST: u8 = 3;

/// A last page with fewer lines than this is nearly empty: a page of these documents holds 45
/// to 55 lines of body text, so about a quarter of one.
const SPARSE_LAST_PAGE: usize = 12;

/// Text smaller than this (in points) is small print, not body text: the style's `small-print`
/// is 8.5 pt; a page's notes are 9 pt, and its body text, 10 to 11 pt, is 9.1 pt at the
/// tightest setting.
const SMALL_PRINT: f64 = 8.75;

/// What to typeset: the generated source and how to name and check the result.
pub struct Job<'a> {
    /// The generated source, parsed once by [`Typesetter::main_source`]. Letters to many
    /// recipients share one: the same parse, with the same spans, lets Typst reuse its layout
    /// of every paragraph that does not name the recipient.
    pub main: &'a Source,
    pub rendered: &'a Rendered,
    /// Where the generated source is kept if it fails, for error messages.
    pub kept_path: &'a Path,
    /// The PDF's identifier: unique per case, kind, language and recipient.
    pub ident: String,
    /// The facts the source was made from, to name the field behind a missing glyph.
    pub facts: &'a Json,
    /// A letter's recipient: the module the source imports from [`RECIPIENT_MODULE`].
    pub recipient: Option<RecipientModule<'a>>,
    pub max_pages: Option<usize>,
    /// What each step of `cut` leaves out, in words (the kind's `cuts`).
    pub cuts: &'a [String],
    /// The document's date, written into the PDF's metadata (PDF/A requires one).
    pub date: Date,
    /// Files the case attaches.
    pub attachments: &'a [Attachment],
}

/// The part of a letter that differs from one recipient to the next.
pub struct RecipientModule<'a> {
    /// From [`Typesetter::recipient_source`].
    pub source: Source,
    /// Where the module's text is kept, for error messages.
    pub kept_path: &'a Path,
    /// The recipient as data, to name the field behind a missing glyph.
    pub facts: &'a Json,
}

/// A compiled document, checked: no errors, no missing glyph, no page too many. It keeps the
/// world it was compiled in, so that an export's errors can be located too.
pub struct Compiled<'a> {
    pub document: PagedDocument,
    pub warnings: Vec<Diagnostic>,
    world: DocumentWorld<'a>,
    job: &'a Job<'a>,
}

impl Compiled<'_> {
    /// Typst diagnostics (from an export) located in the kept source and the template.
    pub fn diagnostics(&self, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
        diagnostics.iter().map(|d| self.world.typesetter.convert(&self.world, self.job, d)).collect()
    }
}

/// Shared, read-only state for compiling many documents.
pub struct Typesetter {
    library: LazyHash<Library>,
    fonts: FontStore,
    /// The templates, project and built-in: the only files Typst may read (besides a case's
    /// attachments).
    templates: Templates,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    /// Template sources, parsed once per run rather than once per document.
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
}

impl Typesetter {
    pub fn new(templates: &Templates) -> Typesetter {
        let mut fonts = FontStore::new();
        for data in FONTS {
            for font in Font::iter(Bytes::new(data)) {
                let info = font.info().clone();
                fonts.push((font, info));
            }
        }
        // Typst's own fonts, for math and raw text.
        fonts.extend(typst_kit::fonts::embedded());
        Typesetter {
            library: LazyHash::new(Library::default()),
            fonts,
            templates: templates.clone(),
            files: Mutex::default(),
            sources: Mutex::default(),
        }
    }

    /// Parses a generated source that will be compiled as if it were the file `virtual_path`
    /// (`/fact-sheet/en.typ`) in the templates folder, so that its relative imports work.
    pub fn main_source(virtual_path: &str, rendered: &Rendered) -> Result<Source, Box<Diagnostic>> {
        let path = VirtualPath::new(virtual_path).map_err(|e| Diagnostic::error(format!("bad template path: {e}")))?;
        Ok(Source::new(FileId::new(RootedPath::new(VirtualRoot::Project, path)), rendered.source.clone()))
    }

    /// Parses a letter's recipient module, found by the letter at [`RECIPIENT_MODULE`].
    pub fn recipient_source(text: String) -> Source {
        let path = VirtualPath::new(RECIPIENT_MODULE).expect("a valid virtual path");
        Source::new(FileId::new(RootedPath::new(VirtualRoot::Project, path)), text)
    }

    /// Compiles a generated source and checks the result; exports turn it into files. A
    /// document with a nearly empty last page, or a page over its kind's limit, is set again
    /// tighter, and that setting kept if it has fewer pages; failing that, with its `keep`
    /// sections unbroken, kept if the last page then holds more.
    pub fn compile<'a>(&'a self, job: &'a Job<'a>) -> Result<Compiled<'a>, Vec<Diagnostic>> {
        let (mut world, mut document, mut warnings) = self.compile_at(job, Fit::default())?;
        let too_long = |document: &PagedDocument| job.max_pages.is_some_and(|max| document.pages().len() > max);
        let mut squeeze = 0;
        let mut saved = false;
        while (too_long(&document) || sparse_last_page(&document)) && squeeze < TIGHTEST {
            squeeze += 1;
            match self.compile_at(job, Fit { squeeze, ..Fit::default() }) {
                Ok((tighter_world, tighter, tighter_warnings)) if tighter.pages().len() < document.pages().len() => {
                    (world, document, warnings) = (tighter_world, tighter, tighter_warnings);
                    saved = true;
                    break;
                }
                _ => {}
            }
        }
        // No setting saves the page: carry a whole section over to it instead (the suggested
        // wording of a brief, the submitter's block and signature), if the template marks one.
        if !saved && sparse_last_page(&document) {
            if let Ok((pulled_world, pulled, pulled_warnings)) =
                self.compile_at(job, Fit { pull: true, ..Fit::default() })
            {
                let fuller = last_page_lines(&pulled) > last_page_lines(&document);
                if fuller && pulled.pages().len() <= document.pages().len() {
                    (world, document, warnings) = (pulled_world, pulled, pulled_warnings);
                }
            }
        }
        // Still too long: leave out what the template marks optional, a step at a time, at the
        // style's own setting first. A real case's record can outgrow its pages where an
        // example's never did: a trial of seven with long charges, a sheet of many statements.
        if too_long(&document) {
            'cut: for cut in 1..=job.cuts.len() as u8 {
                for squeeze in [0, TIGHTEST] {
                    let Ok((cut_world, shorter, mut cut_warnings)) =
                        self.compile_at(job, Fit { squeeze, pull: false, cut })
                    else {
                        continue;
                    };
                    if !too_long(&shorter) {
                        let left_out = crate::locale::join(&job.cuts[..cut as usize], ", ", " and ");
                        // Named as the document it is (`kanaliyev-2021/fact-sheet.en`), not by the
                        // source kept only on failure.
                        let path = job.kept_path.to_string_lossy();
                        let named = path.strip_suffix(".failed.typ").unwrap_or(&path);
                        let pages = job.max_pages.unwrap_or_default();
                        cut_warnings.push(
                            Diagnostic::warning(format!(
                                "{named} is too long for {pages} {}: it is set without {left_out}",
                                if pages == 1 { "page" } else { "pages" }
                            ))
                            .hint("shorten the case file's texts (statements, events, acts) to keep them"),
                        );
                        (world, document, warnings) = (cut_world, shorter, cut_warnings);
                        break 'cut;
                    }
                }
            }
        }
        let mut errors = missing_glyphs(&document, job);
        let pages = document.pages().len();
        if let Some(max) = job.max_pages {
            if pages > max {
                errors.push(
                    Diagnostic::error(format!("the document has {pages} pages; this kind must fit on {max}"))
                        .in_file(job.kept_path)
                        .hint("shorten the texts in the case file, or the template"),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Compiled { document, warnings, world, job })
    }

    /// One compilation at one setting: the document and its warnings, or its errors.
    fn compile_at<'a>(
        &'a self,
        job: &'a Job<'a>,
        fit: Fit,
    ) -> Result<(DocumentWorld<'a>, PagedDocument, Vec<Diagnostic>), Vec<Diagnostic>> {
        let world = DocumentWorld {
            typesetter: self,
            main: job.main.clone(),
            recipient: job.recipient.as_ref().map(|r| r.source.clone()),
            attachments: job.attachments,
            fit: fit_source(fit),
        };
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        // Keep what the last few letters used (a batch of letters reuses the layout of its
        // shared paragraphs), drop the rest: memory stays flat however many documents follow.
        // Documents of many cases share little: kept as long, what they left filled 200 MB
        // at 300 cases, every kind (evicted after one, 122 MB, and 8% faster).
        comemo::evict(if job.recipient.is_some() { 10 } else { 1 });
        let mut errors = Vec::new();
        let mut kept_warnings = Vec::new();
        for warning in &warnings {
            let diagnostic = self.convert(&world, job, warning);
            // An unknown font silently falls back to another: treat it as the error it is.
            if diagnostic.code == Some(Code::UnknownFont) {
                errors.push(Diagnostic { severity: crate::diag::Severity::Error, ..diagnostic });
            } else {
                kept_warnings.push(diagnostic);
            }
        }
        match output {
            Ok(document) if errors.is_empty() => Ok((world, document, kept_warnings)),
            Ok(_) => Err(errors),
            Err(diagnostics) => {
                errors.extend(diagnostics.iter().map(|d| self.convert(&world, job, d)));
                Err(errors)
            }
        }
    }

    /// A Typst diagnostic located in the kept source (or template file) and the template line.
    fn convert(&self, world: &DocumentWorld, job: &Job, diagnostic: &SourceDiagnostic) -> Diagnostic {
        let mut converted = match diagnostic.severity {
            TypstSeverity::Error => Diagnostic::error(diagnostic.message.to_string()),
            TypstSeverity::Warning => Diagnostic::warning(diagnostic.message.to_string()),
        };
        // Typst gives its diagnostics no code: this is the one place that reads its words.
        if diagnostic.message.contains("unknown font family") {
            converted = converted.with_code(Code::UnknownFont);
        }
        let spans = std::iter::once(diagnostic.span).chain(diagnostic.trace.iter().map(|t| t.span.into()));
        for span in spans {
            let (Some(id), Some(range)) = (span.id(), world.range(span)) else {
                continue;
            };
            if id == world.main.id() {
                let source: Arc<str> = Arc::from(world.main.text());
                converted = converted.at(Location { path: job.kept_path.to_path_buf(), source, range: range.clone() });
                if let Some(template) = job.rendered.template_location(range.start) {
                    converted = converted.related("written by this template line", template);
                }
            } else if let Some(recipient) = job.recipient.as_ref().filter(|r| r.source.id() == id) {
                let source: Arc<str> = Arc::from(recipient.source.text());
                converted = converted.at(Location { path: recipient.kept_path.to_path_buf(), source, range });
            } else if let Ok(source) = world.source(id) {
                let path = self.templates.path(id.vpath().get_without_slash());
                converted = converted.at(Location { path, source: Arc::from(source.text()), range });
            } else {
                continue;
            }
            break;
        }
        for hint in &diagnostic.hints {
            converted = converted.hint(hint.v.to_string());
        }
        converted
    }

    /// A template's Typst source, parsed once.
    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(cached) = self.sources.lock().expect("source cache").get(&id) {
            return cached.clone();
        }
        let result = self.read(id).and_then(|bytes| {
            let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text.to_owned()))
        });
        self.sources.lock().expect("source cache").insert(id, result.clone());
        result
    }

    /// Reads a file the document asks for, if it lies inside the templates folder.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(cached) = self.files.lock().expect("file cache").get(&id) {
            return cached.clone();
        }
        let result = self.read_uncached(id);
        self.files.lock().expect("file cache").insert(id, result.clone());
        result
    }

    fn read_uncached(&self, id: FileId) -> FileResult<Bytes> {
        // Packages are never downloaded: `@ns/name:version` must be vendored in the project's
        // templates folder.
        let base = match id.root() {
            VirtualRoot::Project => {
                let relative = id.vpath().get_without_slash();
                return match self.templates.read(relative, crate::files::TYPST_FILE_LIMIT) {
                    Ok(Some(bytes)) => Ok(Bytes::new(bytes.into_owned())),
                    Ok(None) => Err(FileError::NotFound(self.templates.path(relative))),
                    Err(TemplateError::Outside) => Err(FileError::AccessDenied),
                    Err(TemplateError::Read(path, ReadError::Io(e))) => Err(FileError::from_io(e, &path)),
                    Err(TemplateError::Read(path, e)) => {
                        Err(FileError::Other(Some(format!("cannot read {}: {e}", path.display()).into())))
                    }
                };
            }
            VirtualRoot::Package(spec) => {
                let dir =
                    self.templates.dir().join(PACKAGES_DIR).join(spec.namespace.as_str()).join(spec.name.as_str());
                let dir = dir.join(spec.version.to_string());
                if !dir.is_dir() {
                    return Err(FileError::Other(Some(
                        format!(
                            "package {spec} is not vendored: amicus works offline; copy it to `templates/{PACKAGES_DIR}/{}/{}/{}/`",
                            spec.namespace, spec.name, spec.version
                        )
                        .into(),
                    )));
                }
                dir
            }
        };
        let path = id.vpath().realize(&base).map_err(FileError::Realize)?;
        // Resolve symlinks before checking, so none can lead out of the folder.
        let real = path.canonicalize().map_err(|e| FileError::from_io(e, &path))?;
        if !self.templates.root().is_some_and(|root| real.starts_with(root)) {
            return Err(FileError::AccessDenied);
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        read_file(&real, crate::files::TYPST_FILE_LIMIT)
    }
}

/// Reads an attached file, if it still lies inside its case's folder.
fn read_attachment(attachment: &Attachment) -> FileResult<Bytes> {
    let real = attachment.path.canonicalize().map_err(|e| FileError::from_io(e, &attachment.path))?;
    let allowed = attachment.allowed_dir.canonicalize().map_err(|e| FileError::from_io(e, &attachment.allowed_dir))?;
    if !real.starts_with(&allowed) {
        return Err(FileError::AccessDenied);
    }
    read_file(&real, crate::files::PHOTO_LIMIT)
}

/// A regular file of at most `limit` bytes, as Typst wants it.
fn read_file(path: &Path, limit: u64) -> FileResult<Bytes> {
    use crate::files::ReadError;
    crate::files::read_capped(path, limit).map(Bytes::new).map_err(|e| match e {
        ReadError::Io(e) => FileError::from_io(e, path),
        other => FileError::Other(Some(format!("cannot read {}: {other}", path.display()).into())),
    })
}

/// The view of the world one document gets: the shared typesetter, its main source and, for
/// a letter, its recipient.
struct DocumentWorld<'a> {
    typesetter: &'a Typesetter,
    main: Source,
    recipient: Option<Source>,
    attachments: &'a [Attachment],
    /// `#let squeeze = N`, `#let pull = ...` and `#let cut = N`, served at [`FIT_MODULE`].
    fit: Source,
}

/// How a document is set: `squeeze` steps tighter than the style's own, whether the blocks
/// the template marks `keep` are set unbroken, and how many steps of its `optional` sections
/// are left out.
#[derive(Clone, Copy, Default)]
struct Fit {
    squeeze: u8,
    pull: bool,
    cut: u8,
}

/// The module at [`FIT_MODULE`] for a setting.
fn fit_source(fit: Fit) -> Source {
    let path = VirtualPath::new(FIT_MODULE).expect("a valid virtual path");
    let text = format!("#let squeeze = {}\n#let pull = {}\n#let cut = {}\n", fit.squeeze, fit.pull, fit.cut);
    Source::new(FileId::new(RootedPath::new(VirtualRoot::Project, path)), text)
}

/// A file outside the templates a document may read: a case's photo, under a virtual path.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// Where templates find it (`/_case/photo.jpg`).
    pub virtual_path: String,
    /// The file on disk, already checked to lie in the case's folder.
    pub path: PathBuf,
    /// The folder it must stay in, checked again when read (a symlink may have changed).
    pub allowed_dir: PathBuf,
}

/// The virtual folder attachments appear in.
pub const ATTACHMENTS_DIR: &str = "/_case";

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.typesetter.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.typesetter.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        if let Some(recipient) = self.recipient.as_ref().filter(|r| r.id() == id) {
            return Ok(recipient.clone());
        }
        if id == self.fit.id() {
            return Ok(self.fit.clone());
        }
        self.typesetter.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if *id.root() == VirtualRoot::Project {
            let wanted = id.vpath().get_with_slash();
            if let Some(attachment) = self.attachments.iter().find(|a| a.virtual_path == wanted) {
                return read_attachment(attachment);
            }
        }
        self.typesetter.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.typesetter.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // No clock: the same inputs must give the same bytes.
        None
    }
}

/// Every character the fonts could not draw, as errors naming the character and the field.
fn missing_glyphs(document: &PagedDocument, job: &Job) -> Vec<Diagnostic> {
    fn walk(frame: &Frame, found: &mut Vec<char>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, found),
                FrameItem::Text(text) => {
                    for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                        for c in text.text[glyph.range()].chars() {
                            if !found.contains(&c) {
                                found.push(c);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    for page in document.pages() {
        walk(&page.frame, &mut found);
    }
    found
        .into_iter()
        .map(|c| {
            let mut fields = fields_containing(job.facts, c);
            let mut file = job.kept_path;
            // A character only the recipient has: point at the letter's recipient module.
            if let Some(recipient) = job.recipient.as_ref().filter(|_| fields.is_empty()) {
                fields = fields_containing(recipient.facts, c).into_iter().map(|f| format!("recipient.{f}")).collect();
                file = recipient.kept_path;
            }
            let mut diagnostic = Diagnostic::error(format!(
                "no embedded font can draw `{c}` (U+{:04X}); it would print as an empty box",
                c as u32
            ))
            .in_file(file)
            .hint("amicus embeds PT Serif, PT Sans and DejaVu Sans: Latin, Cyrillic with Kazakh letters, Greek, Hebrew, Arabic");
            match fields.first() {
                Some(field) => diagnostic = diagnostic.field(field.clone()),
                None => diagnostic = diagnostic.hint("the character comes from the template, not the case file"),
            }
            diagnostic
        })
        .collect()
}

/// Whether a document of several pages ends on a page that holds a few lines of text.
fn sparse_last_page(document: &PagedDocument) -> bool {
    document.pages().len() > 1 && last_page_lines(document) < SPARSE_LAST_PAGE
}

/// The lines of body text on the last page: the baselines of text between the running head and
/// the page number (the top and bottom 8% of the page), small print aside (the sources pushed
/// to the page's foot under a closing paragraph made a page of three lines look full).
fn last_page_lines(document: &PagedDocument) -> usize {
    fn baselines(frame: &Frame, at: f64, height: f64, found: &mut Vec<i64>) {
        for (point, item) in frame.items() {
            let y = at + point.y.to_pt();
            match item {
                FrameItem::Group(group) => baselines(&group.frame, y, height, found),
                FrameItem::Text(text) if text.size.to_pt() >= SMALL_PRINT && y > height * 0.08 && y < height * 0.92 => {
                    found.push(y.round() as i64)
                }
                _ => {}
            }
        }
    }
    let Some(last) = document.pages().last() else { return 0 };
    let height = last.frame.height().to_pt();
    let mut found = Vec::new();
    baselines(&last.frame, 0.0, height, &mut found);
    found.sort_unstable();
    found.dedup();
    found.len()
}

/// Paths of the string values in `facts` that contain `c`.
fn fields_containing(facts: &Json, c: char) -> Vec<String> {
    fn walk(value: &Json, path: String, c: char, found: &mut Vec<String>) {
        match value {
            Json::String(text) if text.contains(c) => found.push(path),
            Json::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{path}[{i}]"), c, found);
                }
            }
            Json::Object(map) => {
                for (key, item) in map {
                    let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                    walk(item, child, c, found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(facts, String::new(), c, &mut found);
    found
}

/// A font's family name and coverage, for tests and `amicus list`.
pub fn embedded_families() -> Vec<String> {
    let mut families: Vec<String> = FONTS
        .iter()
        .flat_map(|data| FontInfo::iter(data).map(|info| info.family.clone()).collect::<Vec<_>>())
        .collect();
    families.dedup();
    families
}
