//! Stage `export`: a document's source becomes the files a user asked for.
//!
//! Contract: an [`Export`] owns one output format: its name on the command line, where its
//! files go beside the document's PDF path, what the manifest records, and the compile call
//! that makes its bytes (in memory; the caller writes them). [`FORMATS`] lists them all; a new
//! output (HTML through Typst's HTML export, e-mail, DOCX) is one implementation and one line
//! there.

use std::path::{Path, PathBuf};

use chrono::Datelike;
use typst::foundations::{Datetime, Smart};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::case::Date;
use crate::diag::Diagnostic;
use crate::typeset::{Job, Typesetter};

/// What an export made: its files' bytes, in the order of [`Export::paths`].
pub struct Exported {
    pub files: Vec<Vec<u8>>,
    /// Typst's warnings about the document.
    pub warnings: Vec<Diagnostic>,
}

/// One output format.
pub trait Export: Sync + std::fmt::Debug {
    /// Its name for `--format`.
    fn name(&self) -> &'static str;

    /// What it makes, for `--help`.
    fn about(&self) -> &'static str;

    /// Where its files go, for a document whose PDF would be `pdf`, given how many it made.
    fn paths(&self, pdf: &Path, files: usize) -> Vec<PathBuf>;

    /// What the manifest records the document as; `None` when it is not recorded (the source
    /// alone is cheap to write again).
    fn manifest_key(&self, pdf: &Path) -> Option<PathBuf>;

    /// Files an earlier build of the document left that this one did not write (the third
    /// page image of a document now two pages long).
    fn stale(&self, _pdf: &Path, _files: usize) -> Vec<PathBuf> {
        Vec::new()
    }

    /// Makes the files of one document; `typesetter` loads the fonts the first time it is
    /// called, so an export that compiles nothing never pays for them.
    fn export<'t>(&self, typesetter: &dyn Fn() -> &'t Typesetter, job: &Job) -> Result<Exported, Vec<Diagnostic>>;
}

/// Every output format, the first being the default.
pub const FORMATS: [&dyn Export; 3] = [&Pdf, &Png, &TypstSource];

/// The format named `name` on the command line.
pub fn by_name(name: &str) -> Option<&'static dyn Export> {
    FORMATS.into_iter().find(|f| f.name() == name)
}

/// Archival PDF: PDF/A-2b and PDF/UA-1.
#[derive(Debug)]
pub struct Pdf;

impl Export for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn about(&self) -> &'static str {
        "archival PDF (PDF/A-2b, PDF/UA-1)"
    }

    fn paths(&self, pdf: &Path, _files: usize) -> Vec<PathBuf> {
        vec![pdf.to_path_buf()]
    }

    fn manifest_key(&self, pdf: &Path) -> Option<PathBuf> {
        Some(pdf.to_path_buf())
    }

    fn export<'t>(&self, typesetter: &dyn Fn() -> &'t Typesetter, job: &Job) -> Result<Exported, Vec<Diagnostic>> {
        let compiled = typesetter().compile(job)?;
        let timestamp = timestamp(job.date).ok_or_else(|| {
            vec![Diagnostic::error(format!("the document date {} is outside the years a PDF can record", job.date))]
        })?;
        let options = PdfOptions {
            ident: Smart::Custom(job.ident.clone()),
            timestamp: Some(timestamp),
            standards: archival_standards(),
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&compiled.document, &options).map_err(|d| compiled.diagnostics(&d))?;
        Ok(Exported { files: vec![pdf], warnings: compiled.warnings })
    }
}

/// One PNG image per page, to look at a document without a PDF reader.
#[derive(Debug)]
pub struct Png;

impl Export for Png {
    fn name(&self) -> &'static str {
        "png"
    }

    fn about(&self) -> &'static str {
        "one PNG image per page"
    }

    /// `<name>.png` for one page, else `<name>-1.png`, `<name>-2.png`, ...
    fn paths(&self, pdf: &Path, pages: usize) -> Vec<PathBuf> {
        match pages {
            1 => vec![pdf.with_extension("png")],
            n => {
                let stem = pdf.with_extension("");
                (1..=n).map(|i| PathBuf::from(format!("{}-{i}.png", stem.display()))).collect()
            }
        }
    }

    /// A preview does not make the PDF out of date, nor the other way round.
    fn manifest_key(&self, pdf: &Path) -> Option<PathBuf> {
        Some(pdf.with_extension("png"))
    }

    /// The images past the new last page, counted on from it while they exist (so that
    /// `x.es-419.png`, another language's image, is never taken for page 419 of `x.es`), and the
    /// single-page name once there are several pages, or the numbered ones once there is one.
    fn stale(&self, pdf: &Path, pages: usize) -> Vec<PathBuf> {
        let numbered = |n: usize| {
            let stem = pdf.with_extension("");
            PathBuf::from(format!("{}-{n}.png", stem.display()))
        };
        let first = if pages == 1 { 1 } else { pages + 1 };
        let mut stale: Vec<PathBuf> = (first..).map(numbered).take_while(|p| p.is_file()).collect();
        if pages > 1 && pdf.with_extension("png").is_file() {
            stale.push(pdf.with_extension("png"));
        }
        stale
    }

    fn export<'t>(&self, typesetter: &dyn Fn() -> &'t Typesetter, job: &Job) -> Result<Exported, Vec<Diagnostic>> {
        let compiled = typesetter().compile(job)?;
        let options = typst_render::RenderOptions::default();
        let images: Result<Vec<Vec<u8>>, _> =
            compiled.document.pages().iter().map(|page| typst_render::render(page, &options).encode_png()).collect();
        let files = images.map_err(|e| vec![Diagnostic::error(format!("cannot encode a page as PNG: {e}"))])?;
        Ok(Exported { files, warnings: compiled.warnings })
    }
}

/// Only the generated Typst source, not compiled. The source itself is kept beside every
/// document whatever the format; this adds a letter's recipient module, as
/// `<recipient>.<lang>.typ`.
#[derive(Debug)]
pub struct TypstSource;

impl Export for TypstSource {
    fn name(&self) -> &'static str {
        "typ"
    }

    fn about(&self) -> &'static str {
        "only the generated Typst source, not compiled"
    }

    fn paths(&self, pdf: &Path, files: usize) -> Vec<PathBuf> {
        match files {
            0 => Vec::new(),
            _ => vec![pdf.with_extension("typ")],
        }
    }

    fn manifest_key(&self, _pdf: &Path) -> Option<PathBuf> {
        None
    }

    fn export<'t>(&self, _: &dyn Fn() -> &'t Typesetter, job: &Job) -> Result<Exported, Vec<Diagnostic>> {
        let files = job.recipient.iter().map(|r| r.source.text().as_bytes().to_vec()).collect();
        Ok(Exported { files, warnings: Vec::new() })
    }
}

/// PDF/A-2b (archival) and PDF/UA-1 (accessible): what courts and UN bodies can keep and
/// every reader can use. Typst checks conformance while exporting.
fn archival_standards() -> PdfStandards {
    PdfStandards::new(&[PdfStandard::A_2b, PdfStandard::Ua_1]).expect("PDF/A-2b and PDF/UA-1 combine")
}

/// Midnight UTC of a date, as the PDF's creation date.
fn timestamp(date: Date) -> Option<Timestamp> {
    let day = date.0;
    Datetime::from_ymd_hms(day.year(), day.month() as u8, day.day() as u8, 0, 0, 0).map(Timestamp::new_utc)
}
