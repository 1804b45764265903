//! Stage `render`: facts and a minijinja template become Typst source.
//!
//! Contract: [`Renderer::render`] fills `templates/<kind>/<lang>.typ.j2` with a facts tree and
//! returns the Typst source plus a map from each output byte back to the template line that
//! produced it, so Typst errors can point at templates. Every printed value is escaped for
//! Typst markup unless a template marks it `safe` or passes it through `str`; printing a
//! missing value (unknown or absent) is an error, never the word "none" in a letter.

pub mod escape;
mod filters;

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, OutputSpan, OutputSpanKind, UndefinedBehavior};
use serde::Deserialize;

use crate::diag::{Diagnostic, Location};

pub use filters::{LANGUAGES, format_date};

/// Whether a kind makes one document per case or one per digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Case,
    Digest,
}

/// Who may read a kind of document. Restricted documents go to courts and UN bodies and may
/// carry the case's confidential section; public ones never see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Public,
    Restricted,
}

/// A document kind: a folder `templates/<name>/` with `<lang>.typ.j2` files and a `kind.toml`.
#[derive(Debug, Clone)]
pub struct Kind {
    pub name: String,
    pub scope: Scope,
    pub audience: Audience,
    /// The most pages a document of this kind may have (a fact sheet: 1).
    pub max_pages: Option<usize>,
    pub languages: Vec<String>,
    /// What the kind is, for `amicus list`.
    pub description: Option<String>,
    /// Facts (field paths of the case file) without which the kind is not built.
    pub required: Vec<String>,
    /// Facts the document is weaker without; `check --kind` lists them.
    pub recommended: Vec<String>,
    /// One document per recipient of `--recipients FILE` (letters).
    pub per_recipient: bool,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct KindFile {
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    audience: Audience,
    max_pages: Option<usize>,
    description: Option<String>,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    recommended: Vec<String>,
    #[serde(default)]
    per_recipient: bool,
}

/// Finds the kinds under the templates folder: every folder not starting with `_` or `.`.
pub fn kinds(templates_dir: &Path) -> Result<Vec<Kind>, Diagnostic> {
    let entries = std::fs::read_dir(templates_dir).map_err(|e| {
        Diagnostic::error(format!("cannot read the templates folder: {e}"))
            .in_file(templates_dir)
            .hint("run amicus in the project folder, or give it with `--root DIR`")
    })?;
    let mut kinds = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(['_', '.']) || !entry.path().is_dir() {
            continue;
        }
        let kind_file = entry.path().join("kind.toml");
        let meta: KindFile = match kind_file.exists() {
            true => crate::case::read::<KindFile>(&kind_file)?.value,
            false => KindFile::default(),
        };
        let mut languages: Vec<String> = std::fs::read_dir(entry.path())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|f| f.file_name().to_str()?.strip_suffix(".typ.j2").map(str::to_owned))
            .collect();
        languages.sort();
        kinds.push(Kind {
            name,
            scope: meta.scope,
            audience: meta.audience,
            max_pages: meta.max_pages,
            languages,
            description: meta.description,
            required: meta.required,
            recommended: meta.recommended,
            per_recipient: meta.per_recipient,
        });
    }
    kinds.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(kinds)
}

/// Typst source made from a template, and where each part of it came from.
#[derive(Debug)]
pub struct Rendered {
    pub source: String,
    spans: Vec<OutputSpan>,
    templates_dir: PathBuf,
}

impl Rendered {
    /// The template line that wrote the given byte of the output.
    pub fn template_location(&self, offset: usize) -> Option<Location> {
        let span = self
            .spans
            .iter()
            .filter(|s| s.output_range().contains(&offset) || s.output_range().start == offset)
            .min_by_key(|s| s.output_range().len())?;
        let path = self.templates_dir.join(span.name());
        let source: Arc<str> = Arc::from(std::fs::read_to_string(&path).ok()?);
        let range = match span.kind() {
            // Verbatim template text maps byte for byte.
            OutputSpanKind::Raw => {
                let at = span.source_range().start + (offset - span.output_range().start);
                at..(at + 1).min(span.source_range().end)
            }
            _ => span.source_range(),
        };
        Some(Location { path, source, range })
    }
}

/// The template environment: loads from the templates folder, escapes for Typst.
pub struct Renderer {
    env: Environment<'static>,
    templates_dir: PathBuf,
}

impl Renderer {
    pub fn new(templates_dir: &Path) -> Renderer {
        let mut env = Environment::new();
        let dir = templates_dir.to_path_buf();
        env.set_loader(move |name| load_template(&dir, name));
        env.set_syntax(
            SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .keep_trailing_newline(true)
                .build()
                .expect("the default delimiters are valid"),
        );
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| AutoEscape::Custom("typst".into()));
        env.set_formatter(format_value);
        env.add_filter("date", filters::date);
        env.add_filter("date_range", filters::date_range);
        env.add_filter("duration", filters::duration);
        env.add_filter("article", filters::article);
        env.add_filter("join_list", filters::join_list);
        env.add_filter("capitalize_first", filters::capitalize_first);
        env.add_filter("or_unknown", filters::or_unknown);
        env.add_filter("days", filters::days);
        env.add_filter("word_count", filters::word_count);
        env.add_function("fail", filters::fail);
        env.add_filter("str", filters::str_literal);
        Renderer { env, templates_dir: templates_dir.to_path_buf() }
    }

    /// Fills `<kind>/<lang>.typ.j2` with `facts` (available as `lang` and the given name).
    pub fn render(&self, kind: &str, lang: &str, facts: Value) -> Result<Rendered, Diagnostic> {
        let name = format!("{kind}/{lang}.typ.j2");
        let template = self.env.get_template(&name).map_err(|e| self.diagnostic(&e))?;
        let (source, spans) = template.render_with_spans(facts).map_err(|e| self.diagnostic(&e))?;
        Ok(Rendered { source, spans, templates_dir: self.templates_dir.clone() })
    }

    /// A template error located at the template file and line.
    fn diagnostic(&self, error: &Error) -> Diagnostic {
        let mut message = error.detail().map(str::to_owned).unwrap_or_else(|| error.kind().to_string());
        if error.kind() == ErrorKind::UndefinedError && error.detail().is_none() {
            message = "this template uses a value the facts do not have".to_owned();
        }
        let mut diagnostic = Diagnostic::error(format!("template error: {message}"));
        if let Some(name) = error.name() {
            let path = self.templates_dir.join(name);
            let source: Arc<str> = std::fs::read_to_string(&path).unwrap_or_default().into();
            let range = error
                .range()
                .or_else(|| {
                    error.line().map(|l| Location::offset_of(&source, l, 1)..Location::offset_of(&source, l, 1))
                })
                .unwrap_or(0..0);
            // Letters are rendered once for every recipient: the recipient is a Typst value.
            if error.kind() == ErrorKind::UndefinedError
                && source.get(range.clone()).is_some_and(|s| s.contains("recipient"))
            {
                diagnostic = diagnostic.hint(
                    "a letter's source is shared by all its recipients: write `#recipient.name` (Typst) after \
                     `#import \"/_recipient.typ\": recipient`, not `{{ recipient.name }}`",
                );
            }
            diagnostic = diagnostic.at(Location { path, source, range });
        }
        if error.kind() == ErrorKind::TemplateNotFound {
            diagnostic = diagnostic.hint("a kind is a folder `templates/<kind>/` holding `<lang>.typ.j2` files");
        }
        diagnostic
    }
}

/// Loads a template by name, refusing names that would leave the templates folder.
fn load_template(dir: &Path, name: &str) -> Result<Option<String>, Error> {
    let relative = Path::new(name);
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("template `{name}` is outside the templates folder"),
        ));
    }
    match std::fs::read_to_string(dir.join(relative)) {
        Ok(source) => Ok(Some(source)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::new(ErrorKind::InvalidOperation, format!("cannot read template `{name}`: {e}"))),
    }
}

/// Prints a value into Typst markup: escaped unless safe, and never a missing value.
fn format_value(out: &mut minijinja::Output, _state: &mut minijinja::State, value: &Value) -> Result<(), Error> {
    let write = |out: &mut minijinja::Output, text: &str| {
        out.write_str(text).map_err(|_| Error::new(ErrorKind::WriteFailure, "cannot write the output"))
    };
    if value.is_undefined() || value.is_none() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "this value is missing (unknown or not given): test it with `{% if ... %}` or use `| default(...)`",
        ));
    }
    if value.is_safe() {
        return write(out, value.as_str().unwrap_or_default());
    }
    match value.kind() {
        ValueKind::String | ValueKind::Number | ValueKind::Bool => {
            let text = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
            let mut escaped = String::new();
            escape::escape_markup(&text, &mut escaped);
            write(out, &escaped)
        }
        kind => Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("cannot print a {kind} into the document: loop over it or use `join_list`"),
        )),
    }
}
