//! One diagnostic type for every stage, and its terminal output.
//!
//! Users of amicus are lawyers and campaigners: every error they can cause must say which
//! file, which line, which field, and what to do about it. Each stage turns its own failures
//! into [`Diagnostic`]s; only this module prints them (codespan-style, with the source line).

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

/// How bad a diagnostic is: errors stop a document, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file the user can open: path, text, and the byte range that is wrong.
#[derive(Debug, Clone)]
pub struct Location {
    pub path: PathBuf,
    /// The whole file, so the printer can show the offending line.
    pub source: Arc<str>,
    pub range: Range<usize>,
}

impl Location {
    /// 1-based line and column of the start of the range (columns count characters).
    pub fn line_column(&self) -> (usize, usize) {
        let start = self.range.start.min(self.source.len());
        let before = &self.source[..floor_char_boundary(&self.source, start)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    /// The byte offset of a 1-based line and column, clamped to the text.
    pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
        LineIndex::new(source).offset(line, column)
    }

    /// The same place, holding only its line of the file: the lines before it are kept as
    /// empty lines, so that its line and column stay what they are. A warning about a
    /// recipients list of 100,000 people lasts the whole run; holding the whole list in it
    /// kept 7 MB for as long. (Errors share the file: a list can have thousands of bad lines.)
    pub fn excerpt(&self) -> Location {
        let (line, column) = self.line_column();
        Location::excerpt_of(&self.path, &self.source, line, column)
    }

    fn excerpt_of(path: &Path, text: &str, line: usize, column: usize) -> Location {
        let offset = Location::offset_of(text, line, column);
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let before = text[..start].matches('\n').count();
        let source = format!("{}{}", "\n".repeat(before), &text[start..end]);
        let at = before + offset - start;
        Location { path: path.to_path_buf(), source: Arc::from(source), range: at..at + 1 }
    }
}

/// Where each line of a text starts, to turn many lines and columns into byte offsets without
/// scanning the text from the start each time (a case file has hundreds of fields).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { text, starts }
    }

    /// The byte offset of a 1-based line and column (columns count characters), clamped to the
    /// text; a column past the end of its line is the end of the line.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else { return self.text.len() };
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        let text = &self.text[start..end];
        start + text.char_indices().nth(column.saturating_sub(1)).map_or(text.trim_end_matches('\n').len(), |(b, _)| b)
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// What kind of problem a diagnostic is, for code that must tell problems apart; people read
/// the message. Where a problem comes from another crate's error, the code is set where that
/// error is converted, the one place that reads its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// A field the data file must have is absent (serde's "missing field").
    MissingField,
    /// A template names a font amicus does not embed (Typst would silently use another).
    UnknownFont,
    /// A document kind needs facts the case file does not give.
    MissingFacts,
    /// A document kind prints law the case's jurisdiction file does not give.
    MissingJurisdictionKey,
    /// A document's language has no locale file.
    MissingLocale,
    /// A document kind does not concern the defendant (an appeal against a verdict in force).
    NotApplicable,
    /// A document would be a draft (its sender's or filer's facts are missing) and `--final`
    /// refuses drafts.
    Draft,
}

/// Something the user should know about a file they wrote or a document amicus made.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What kind of problem this is, when code needs to know.
    pub code: Option<Code>,
    pub message: String,
    /// Where the problem is; `None` when it is about no file in particular.
    pub location: Option<Location>,
    /// The path of the offending field in the data (`verdict.sentence[1].term`), if any.
    pub field: Option<String>,
    /// Further places that explain the problem (the template line behind a Typst error).
    pub related: Vec<(String, Location)>,
    /// What to do about it.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// The diagnostic with each of its places holding only its line (see [`Location::excerpt`]).
    pub fn keeping_lines_only(mut self) -> Diagnostic {
        self.location = self.location.as_ref().map(Location::excerpt);
        self.related.iter_mut().for_each(|(_, place)| *place = place.excerpt());
        self
    }

    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code: None,
            message: message.into(),
            location: None,
            field: None,
            related: Vec::new(),
            hints: Vec::new(),
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    pub fn with_code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Points at a file without a position in it (a file that could not be read).
    pub fn in_file(self, path: &Path) -> Self {
        self.at(Location { path: path.to_path_buf(), source: Arc::from(""), range: 0..0 })
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        // serde_path_to_error says `.` for the root and `?` for a place it could not name.
        if !field.is_empty() && field != "." && field != "?" {
            self.field = Some(field);
        }
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn related(mut self, what: impl Into<String>, location: Location) -> Self {
        self.related.push((what.into(), location));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:column` of the primary location, the way editors and tests want it.
    pub fn position(&self) -> Option<String> {
        let location = self.location.as_ref()?;
        if location.source.is_empty() {
            return Some(location.path.display().to_string());
        }
        let (line, column) = location.line_column();
        Some(format!("{}:{line}:{column}", location.path.display()))
    }

    /// The diagnostic as plain text: stable, colourless, for logs, snapshots and pipes.
    pub fn render_plain(&self) -> String {
        let mut buffer = term::termcolor::NoColor::new(Vec::new());
        self.emit(&mut buffer, false);
        String::from_utf8_lossy(&buffer.into_inner()).into_owned()
    }

    /// The diagnostic on one line, `file:line:column: error: message (field `x`); hint: ...`,
    /// the form compilers give editors and CI logs. It never quotes the file, so a
    /// confidential value cannot show in it either.
    pub fn render_short(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut line = match self.position() {
            Some(position) => format!("{position}: {severity}: {}", self.message),
            None => format!("{severity}: {}", self.message),
        };
        if let Some(field) = &self.field {
            let _ = write!(line, " (field `{field}`)");
        }
        for hint in &self.hints {
            let _ = write!(line, "; hint: {hint}");
        }
        // One problem, one line: a message of several lines is joined.
        line.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
    }

    /// Writes the diagnostic with the offending source lines underlined.
    pub fn emit(&self, out: &mut dyn term::termcolor::WriteColor, _color: bool) {
        let severity = match self.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
        };
        let mut message = self.message.clone();
        if let Some(field) = &self.field {
            let _ = write!(message, " (field `{field}`)");
        }
        let config = Config::default();
        let mut notes: Vec<String> = self.hints.iter().map(|h| format!("hint: {h}")).collect();
        // Each location is printed as its own snippet: codespan wants one file per snippet.
        let mut places: Vec<(Option<&str>, &Location)> = Vec::new();
        if let Some(location) = &self.location {
            places.push((None, location));
        }
        for (what, location) in &self.related {
            places.push((Some(what.as_str()), location));
        }
        // A place without text to quote (an unreadable or empty file) is named in the message,
        // and so is a confidential field: its line is never quoted, since standard error ends
        // up in logs and CI output that the people it protects never see.
        if let Some(location) = places.first().filter(|(_, l)| l.source.is_empty()).map(|(_, l)| *l) {
            message = format!("{}: {message}", location.path.display());
            places.remove(0);
        } else if self.field.as_deref().is_some_and(is_confidential) && self.location.is_some() {
            message = format!("{}: {message}", self.position().unwrap_or_default());
            places.remove(0);
        }
        if places.is_empty() {
            let diagnostic = CsDiagnostic::new(severity).with_message(message).with_notes(notes);
            let file = SimpleFile::new(String::new(), String::new());
            let _ = term::emit_to_write_style(out, &config, &file, &diagnostic);
            return;
        }
        let last = places.len() - 1;
        for (i, (what, location)) in places.into_iter().enumerate() {
            // codespan adds `:line:column` to the name itself.
            let file = SimpleFile::new(location.path.display().to_string(), location.source.to_string());
            let range = clamp_range(&location.source, location.range.clone());
            let mut diagnostic = match what {
                None => CsDiagnostic::new(severity).with_message(message.clone()),
                Some(what) => CsDiagnostic::note().with_message(what.to_string()),
            };
            if !location.source.is_empty() {
                diagnostic = diagnostic.with_labels(vec![Label::primary((), range)]);
            }
            if i == last {
                diagnostic = diagnostic.with_notes(std::mem::take(&mut notes));
            }
            let _ = term::emit_to_write_style(out, &config, &file, &diagnostic);
        }
    }
}

/// Whether a field path lies in a case's confidential section.
/// `1 case`, `2 cases`: a number with its noun, as summaries say it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn is_confidential(field: &str) -> bool {
    // A defendant's own section (`defendants[0].confidential.lawyer`) as much as the case's.
    field.split('.').any(|segment| segment == "confidential" || segment.starts_with("confidential["))
}

fn clamp_range(source: &str, range: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(source, range.start.min(source.len()));
    let end = floor_char_boundary(source, range.end.clamp(start, source.len()));
    start..end
}

/// How diagnostics are printed: `--diagnostic-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DiagnosticFormat {
    /// The message with the lines of the file it is about, underlined.
    #[default]
    Rich,
    /// One line per problem.
    Short,
}

/// Prints diagnostics to standard error, coloured when it is a terminal.
pub struct Printer {
    choice: term::termcolor::ColorChoice,
    format: DiagnosticFormat,
}

impl Printer {
    /// `Auto` still listens to `NO_COLOR` and `TERM=dumb`; `Always` does not.
    pub fn new(choice: term::termcolor::ColorChoice, format: DiagnosticFormat) -> Self {
        Self { choice, format }
    }

    pub fn print(&self, diagnostic: &Diagnostic) {
        if self.format == DiagnosticFormat::Short {
            eprintln!("{}", diagnostic.render_short());
            return;
        }
        let stream = term::termcolor::StandardStream::stderr(self.choice);
        let mut lock = stream.lock();
        diagnostic.emit(&mut lock, true);
    }

    pub fn print_all<'a>(&self, diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
        for diagnostic in diagnostics {
            self.print(diagnostic);
        }
    }
}

/// A list of diagnostics that says whether any of them is an error.
pub trait DiagnosticsExt {
    fn has_errors(&self) -> bool;
}

impl DiagnosticsExt for [Diagnostic] {
    fn has_errors(&self) -> bool {
        self.iter().any(Diagnostic::is_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_scanning_the_text() {
        let text = "id: a\nname: Абзал Каналиев\n\nlast: x";
        let lines = LineIndex::new(text);
        // Every line and column, past the ends too, against a scan from the start.
        for line in 0..=6 {
            for column in 0..=25 {
                let mut offset = text.len();
                let mut start = 0;
                for (i, part) in text.split_inclusive('\n').enumerate() {
                    if i + 1 == line {
                        let in_line = part.char_indices().nth(column.max(1) - 1);
                        offset = start + in_line.map_or(part.trim_end_matches('\n').len(), |(b, _)| b);
                        break;
                    }
                    start += part.len();
                }
                assert_eq!(lines.offset(line, column), offset, "line {line}, column {column}");
            }
        }
        assert_eq!(&text[lines.offset(2, 7)..lines.offset(2, 12)], "Абзал");
    }

    #[test]
    fn an_excerpt_keeps_its_line_and_column_and_not_the_file() {
        let file: String = (1..=2000).map(|i| format!("Member{i} Synthetic,Dr,member{i}@example.eu\n")).collect();
        let place = Location::excerpt_of(Path::new("r.csv"), &file, 1500, 22);
        assert_eq!(place.line_column(), (1500, 22));
        assert_eq!(&place.source[place.range.clone()], "D");
        assert!(place.source.ends_with("\nMember1500 Synthetic,Dr,member1500@example.eu"), "{}", place.source);
        assert!(place.source.len() < 1600, "{} bytes", place.source.len());
        // The first line and the last, without a line end after it, and a place past the end.
        assert_eq!(Location::excerpt_of(Path::new("r.csv"), "a,b\nc,d", 1, 1).source.as_ref(), "a,b");
        assert_eq!(Location::excerpt_of(Path::new("r.csv"), "a,b\nc,d", 2, 3).line_column(), (2, 3));
        assert_eq!(Location::excerpt_of(Path::new("r.csv"), "a,b\nc,d", 9, 1).line_column(), (2, 4));
        // A diagnostic keeps its place, in a text of its line only.
        let whole: Arc<str> = Arc::from(file.as_str());
        let offset = Location::offset_of(&whole, 1500, 22);
        let warning = Diagnostic::warning("w")
            .at(Location { path: "r.csv".into(), source: whole, range: offset..offset + 1 })
            .keeping_lines_only();
        let kept = warning.location.unwrap();
        assert_eq!((kept.line_column(), kept.source.len() < 1600), ((1500, 22), true));
    }
}
