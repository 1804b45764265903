//! Stage `render`: facts and a minijinja template become Typst source.
//!
//! Contract: [`Renderer::render`] fills `templates/<kind>/<lang>.typ.j2` with a facts tree and
//! returns the Typst source plus a map from each output byte back to the template line that
//! produced it, so Typst errors can point at templates. Every printed value is escaped for
//! Typst markup unless a template marks it `safe` or passes it through `str`; printing a
//! missing value (unknown or absent) is an error, never the word "none" in a letter. The
//! spaces no line may break at are bound last, in template text and data alike.

pub mod escape;
mod filters;
mod typography;

pub use filters::{AUDIENCE_VARIABLE, FILER_VARIABLE, STAGE_NAMES_VARIABLE};

use std::sync::Arc;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, OutputSpan, OutputSpanKind, UndefinedBehavior};

use crate::diag::{Diagnostic, Location};
use crate::locale::{Locale, Locales};
use crate::templates::Templates;

/// Typst source made from a template, and where each part of it came from.
#[derive(Debug)]
pub struct Rendered {
    pub source: String,
    spans: Vec<OutputSpan>,
    templates: Templates,
}

impl Rendered {
    /// What the template's expressions printed (values, filters, macros), without the
    /// template's own text in between.
    pub fn printed_values(&self) -> String {
        let expressions = self.spans.iter().filter(|s| s.kind() != OutputSpanKind::Raw);
        expressions.filter_map(|s| self.source.get(s.output_range())).collect::<Vec<_>>().join(" ")
    }

    /// The template line that wrote the given byte of the output.
    pub fn template_location(&self, offset: usize) -> Option<Location> {
        let span = self
            .spans
            .iter()
            .filter(|s| s.output_range().contains(&offset) || s.output_range().start == offset)
            .min_by_key(|s| s.output_range().len())?;
        let path = self.templates.path(span.name());
        let source: Arc<str> = Arc::from(template_text(&self.templates, span.name())?);
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

/// How the e-mail template of a kind ends its name: `<kind>/email.<lang>.txt.j2`.
const EMAIL_SUFFIX: &str = ".txt.j2";

/// The name of a kind's e-mail template in a language.
pub fn email_template(kind: &str, lang: &str) -> String {
    format!("{kind}/email.{lang}{EMAIL_SUFFIX}")
}

/// What an e-mail template gives: the subject line, the name of the letter it attaches, and
/// the body, plain text.
#[derive(Debug)]
pub struct Email {
    pub subject: String,
    pub attachment: String,
    pub body: String,
}

/// The template environment: loads from the templates folder, escapes for Typst.
pub struct Renderer {
    env: Environment<'static>,
    templates: Templates,
    locales: Locales,
}

impl Renderer {
    pub fn new(templates: &Templates) -> Renderer {
        let mut env = Environment::new();
        let store = templates.clone();
        env.set_loader(move |name| load_template(&store, name));
        env.set_syntax(
            SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .keep_trailing_newline(true)
                .build()
                .expect("the default delimiters are valid"),
        );
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // An e-mail's body is plain text: nothing in it is markup.
        env.set_auto_escape_callback(|name| match name.ends_with(EMAIL_SUFFIX) {
            true => AutoEscape::None,
            false => AutoEscape::Custom("typst".into()),
        });
        env.set_formatter(format_value);
        env.add_filter("date", filters::date);
        env.add_filter("date_range", filters::date_range);
        env.add_filter("duration", filters::duration);
        env.add_filter("article", filters::article);
        env.add_filter("join_list", filters::join_list);
        env.add_filter("provisions", filters::provisions);
        env.add_filter("name_forms", filters::name_forms);
        env.add_filter("capitalize_first", filters::capitalize_first);
        env.add_filter("lower_first", filters::lower_first);
        env.add_filter("or_unknown", filters::or_unknown);
        env.add_filter("days", filters::days);
        env.add_filter("count", filters::count);
        env.add_filter("money", filters::money);
        env.add_filter("word_count", filters::word_count);
        env.add_filter("first_sentence", filters::first_sentence);
        env.add_filter("names", filters::names);
        env.add_filter("named_stage", filters::named_stage);
        env.add_function("fail", filters::fail);
        env.add_function("not_known", filters::not_known);
        env.add_filter("str", filters::str_literal);
        Renderer { env, templates: templates.clone(), locales: Locales::new(templates) }
    }

    /// The words of a language, from its locale file (read once per run).
    pub fn locale(&self, lang: &str) -> Result<Arc<Locale>, Diagnostic> {
        self.locales.get(lang)
    }

    /// Fills `<kind>/<lang>.typ.j2` with `facts` (a map; its keys become the template's
    /// variables), and gives the filters the language's words.
    pub fn render(&self, kind: &str, lang: &str, facts: Value) -> Result<Rendered, Diagnostic> {
        let locale = self.locale(lang)?;
        let name = format!("{kind}/{lang}{}", crate::kind::TEMPLATE_SUFFIX);
        let template = self.env.get_template(&name).map_err(|e| self.diagnostic(&e))?;
        let counted = locale.counted_words();
        let words = words(locale);
        let context = minijinja::context! { ..words, ..facts };
        let (mut source, spans) = template.render_with_spans(context).map_err(|e| self.diagnostic(&e))?;
        typography::bind(&mut source, &counted);
        Ok(Rendered { source, spans, templates: self.templates.clone() })
    }

    /// Fills `<kind>/email.<lang>.txt.j2`, the plain-text message that carries a letter, with
    /// `facts` and `recipient`: its text is the body, and it sets `subject` and `attachment`
    /// (the letter's file name in the message). Values are printed as they are; the filters
    /// and `_lib` macros that write Typst markup (`str`, `join_list`, `or_unknown`) are not
    /// for it.
    pub fn render_email(&self, kind: &str, lang: &str, facts: Value, recipient: Value) -> Result<Email, Diagnostic> {
        let name = email_template(kind, lang);
        let template = self.env.get_template(&name).map_err(|e| self.diagnostic(&e))?;
        let words = words(self.locale(lang)?);
        let context = minijinja::context! { recipient, ..minijinja::context! { ..words, ..facts } };
        let captured = template.render_captured(context).map_err(|e| self.diagnostic(&e))?;
        let set = |variable: &str| {
            let value = captured.state().lookup(variable).filter(|v| !v.is_undefined() && !v.is_none());
            value.map(|v| v.to_string().trim().to_owned()).filter(|v| !v.is_empty()).ok_or_else(|| {
                Diagnostic::error(format!("the e-mail template sets no `{variable}`"))
                    .in_file(&self.templates.path(&name))
                    .hint(format!("set it at the top: {{% set {variable} %}}...{{% endset %}}"))
            })
        };
        Ok(Email { subject: set("subject")?, attachment: set("attachment")?, body: captured.output().to_owned() })
    }

    /// A template error located at the template file and line.
    fn diagnostic(&self, error: &Error) -> Diagnostic {
        let mut message = error.detail().map(str::to_owned).unwrap_or_else(|| error.kind().to_string());
        if error.kind() == ErrorKind::UndefinedError && error.detail().is_none() {
            message = "this template uses a value the facts do not have".to_owned();
        }
        let mut diagnostic = Diagnostic::error(format!("template error: {message}"));
        if let Some(name) = error.name() {
            let path = self.templates.path(name);
            let source: Arc<str> = template_text(&self.templates, name).unwrap_or_default().into();
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

/// The language's words where the filters find them: merged into every template's context.
fn words(locale: Arc<Locale>) -> Value {
    Value::from(std::collections::BTreeMap::from([(filters::LOCALE_VARIABLE, Value::from_dyn_object(locale))]))
}

/// Loads a template by name (the project's file, else the built-in one), refusing names that
/// would leave the templates folder, symlinks that lead out of it, and anything but a regular
/// file of reasonable size.
fn load_template(templates: &Templates, name: &str) -> Result<Option<String>, Error> {
    let bytes = templates
        .read(name, crate::files::TEMPLATE_LIMIT)
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("cannot read template `{name}`: {e}")))?;
    bytes
        .map(|bytes| {
            String::from_utf8(bytes.into_owned())
                .map_err(|_| Error::new(ErrorKind::InvalidOperation, format!("template `{name}` is not UTF-8 text")))
        })
        .transpose()
}

/// A template's text for a diagnostic, if it can be read.
fn template_text(templates: &Templates, name: &str) -> Option<String> {
    let bytes = templates.read(name, crate::files::TEMPLATE_LIMIT).ok()??;
    String::from_utf8(bytes.into_owned()).ok()
}

/// Prints a value into Typst markup: escaped unless safe, and never a missing value.
fn format_value(out: &mut minijinja::Output, state: &mut minijinja::State, value: &Value) -> Result<(), Error> {
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
    // Plain text (an e-mail's body): printed as it is, but for control characters, which
    // no reader's text holds.
    if matches!(state.auto_escape(), AutoEscape::None) && !matches!(value.kind(), ValueKind::Seq | ValueKind::Map) {
        let text = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
        let plain: String = text.chars().filter(|c| !c.is_control() || *c == '\n').collect();
        return write(out, &plain);
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
