//! Reading one YAML, TOML or JSON file into a typed value, with located errors.
//!
//! Contract: [`parse`] either returns the value and a [`FieldIndex`] that maps every field path
//! of the file to its place (for errors found later, by `check`), or one [`Diagnostic`] naming
//! file, line, column and field path, with a "did you mean" when a name was misspelt.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diag::{Code, Diagnostic, LineIndex, Location};
use crate::files::ReadError;

/// The formats a case file may be written in, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()? {
            "yaml" | "yml" => Some(Format::Yaml),
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The largest data file amicus reads: far above any real case, far below memory trouble.
pub const MAX_FILE_BYTES: u64 = 5_000_000;

/// A data file as read from disk: kept whole so diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub format: Format,
}

impl SourceFile {
    pub fn read(path: &Path) -> Result<SourceFile, Diagnostic> {
        let format = Format::of(path).ok_or_else(|| {
            Diagnostic::error("not a case file: amicus reads `.yaml`, `.toml` and `.json` files").in_file(path)
        })?;
        let bytes = crate::files::read_capped(path, MAX_FILE_BYTES).map_err(|e| match e {
            ReadError::TooLarge { size, limit } => Diagnostic::error(format!(
                "this file is {} MB; a case file may be at most {} MB",
                size.div_ceil(1_000_000),
                limit / 1_000_000
            ))
            .in_file(path)
            .hint("split it, or move long texts out of it: a case file holds facts, not attachments"),
            ReadError::NotAFile => Diagnostic::error("this is not a regular file (a device, a pipe or a folder)")
                .in_file(path)
                .hint("a data file is a text file: if this is a symbolic link, point it at one"),
            ReadError::Io(e) => Diagnostic::error(format!("cannot read this file: {e}")).in_file(path),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            Diagnostic::error(format!("this file is not UTF-8 text: line {line} has a byte that is not"))
                .in_file(path)
                .hint("save the file as UTF-8 in your editor (it was probably saved as Latin-1 or Windows-1251)")
        })?;
        let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
        Ok(SourceFile { path: path.to_path_buf(), text: Arc::from(text), format })
    }

    /// A file built into amicus, shown in messages as `path`.
    pub fn built_in(path: PathBuf, bytes: &'static [u8]) -> SourceFile {
        let format = Format::of(&path).expect("built-in data files have a data file's extension");
        SourceFile { path, text: Arc::from(String::from_utf8_lossy(bytes)), format }
    }

    /// A location in this file.
    pub fn location(&self, range: Range<usize>) -> Location {
        Location { path: self.path.clone(), source: self.text.clone(), range }
    }
}

/// Field paths (`verdict.sentence[1].term`) of one file, mapped to byte ranges in it.
#[derive(Debug, Default, Clone)]
pub struct FieldIndex {
    spans: HashMap<String, Range<usize>>,
}

impl FieldIndex {
    /// The field written at a byte of the file: the innermost whose value holds it, else (a
    /// comment beside a value) the last value that ends before it on its line.
    pub fn field_at(&self, text: &str, at: usize) -> Option<&str> {
        let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |n| n + 1);
        let holding = self.spans.iter().filter(|(_, r)| r.start <= at && at < r.end).min_by_key(|(_, r)| r.len());
        let beside = || {
            let on_line = self.spans.iter().filter(|(_, r)| r.start >= line_start && r.end <= at);
            on_line.max_by_key(|(path, r)| (r.end, std::cmp::Reverse(r.len()), path.len()))
        };
        holding.or_else(beside).map(|(path, _)| path.as_str())
    }

    /// The range of a field, or of its nearest ancestor that the file spells out.
    pub fn find(&self, path: &str) -> Option<Range<usize>> {
        let mut path = path;
        loop {
            if let Some(range) = self.spans.get(path) {
                return Some(range.clone());
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}

/// YAML as editors and the schemas read it (YAML 1.2): only `true` and `false` are booleans
/// (`role: no` is the text "no", not false), and a plain number or boolean is never taken for
/// text, since a number loses how it was written (`article: 20.10` would print "20.1"): text
/// that looks like one is quoted, as the schema requires, and the message says so.
pub fn yaml_options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.no_schema = true;
    options
}

/// Parses a file into `T`.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    let value = deserialize::<T>(file).map_err(|mut diagnostic| {
        // A missing field is reported where its map ends; the map's key is clearer.
        if diagnostic.code == Some(Code::MissingField) {
            match (diagnostic.field.as_deref().filter(|f| !f.is_empty()), index(file)) {
                (Some(field), Some(index)) => {
                    if let Some(range) = index.spans.get(field) {
                        diagnostic.location = Some(file.location(range.clone()));
                    }
                }
                // A field of the file itself: the file's first line, not its last.
                (None, _) => diagnostic.location = Some(file.location(0..0)),
                _ => {}
            }
        }
        diagnostic
    })?;
    Ok(value)
}

/// Where each field of a file is written; `None` if the file does not parse.
pub fn index(file: &SourceFile) -> Option<FieldIndex> {
    match file.format {
        Format::Toml => toml_index(&file.text),
        // JSON is YAML too, and the YAML parser reports positions.
        Format::Yaml | Format::Json => yaml_index(&file.text),
    }
}

fn deserialize<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    let text: &str = &file.text;
    let failure = |message: String, mut path: String, range: Option<Range<usize>>| {
        // serde_path_to_error's `?` is a key it never read: the field is the map's.
        while let Some(shorter) = path.strip_suffix(".?") {
            path.truncate(shorter.len());
        }
        // An error on a line of the confidential section (a syntax error, which names no field
        // or the root `.` or `?`, or one the parser blames on the field before) is about that
        // section: its line must not be quoted, nor its value repeated.
        if !crate::diag::is_confidential(&path)
            && range.as_ref().is_some_and(|r| in_confidential_block(text, file.format, r.start))
        {
            path = "confidential".to_owned();
        }
        let mut cleaned = clean_message(&message);
        let confidential = crate::diag::is_confidential(&path);
        if confidential {
            cleaned = withhold_quoted(&cleaned);
        }
        let mut diagnostic = Diagnostic::error(cleaned).field(path.clone());
        let message = message.trim();
        if message.starts_with("missing field") {
            diagnostic = diagnostic.with_code(Code::MissingField);
        }
        let mut range = range.unwrap_or(0..0);
        // The scanner points at the value before the tab; the tab is what to change.
        if message.contains("found a tab")
            && let Some(tab) = text.get(range.start..).and_then(|rest| rest.find('\t'))
        {
            range = range.start + tab..range.start + tab + 1;
        }
        let column = text[..range.start.min(text.len())].rsplit('\n').next().unwrap_or_default().len();
        let line = text.get(range.start - column..).and_then(|t| t.lines().next()).unwrap_or_default();
        diagnostic.location = Some(file.location(range));
        // A hint on quoting repeats the value: never for a confidential field.
        let quoting = quoting_hint(message, line, column).filter(|_| !confidential);
        let syntax = syntax_hint(message, line, &path, confidential);
        for hint in hints_for(message).into_iter().chain(quoting).chain(syntax) {
            diagnostic = diagnostic.hint(hint);
        }
        diagnostic
    };
    match file.format {
        Format::Yaml => {
            let path = RefCell::new(String::new());
            let result = serde_saphyr::with_deserializer_from_str_with_options(text, yaml_options(), |de| {
                serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
                    *path.borrow_mut() = e.path().to_string();
                    e.into_inner()
                })
            });
            result.map_err(|e| {
                let range = e.location().map(|l| {
                    let at = Location::offset_of(text, l.line() as usize, l.column() as usize);
                    at..at + 1
                });
                failure(saphyr_message(&e), path.into_inner(), range)
            })
        }
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let at = Location::offset_of(text, inner.line(), inner.column());
                let message = inner.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
                failure(message, path, Some(at..at + 1))
            })?;
            de.end().map_err(|e| failure(e.to_string(), String::new(), None))?;
            Ok(value)
        }
        Format::Toml => {
            let de = toml::Deserializer::parse(text)
                .map_err(|e| failure(e.message().to_owned(), String::new(), e.span()))?;
            serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                failure(inner.message().to_owned(), path, inner.span())
            })
        }
    }
}

/// Whether the byte at `offset` lies in a `confidential` section, the case's or a defendant's:
/// a YAML block under a `confidential:` key at any depth, or a TOML table `[confidential...]`.
fn in_confidential_block(text: &str, format: Format, offset: usize) -> bool {
    let before = &text[..offset.min(text.len())];
    let key = |line: &str| line.trim_start().trim_start_matches(['-', ' ']).trim_start_matches(['"', '\'']).to_owned();
    match format {
        Format::Toml => before
            .lines()
            .rev()
            .find_map(|line| line.trim_start().strip_prefix('[').map(|table| table.trim_start_matches('[').to_owned()))
            .is_some_and(|table| table.split('.').any(|part| part.trim() == "confidential")),
        Format::Yaml | Format::Json => {
            // The key of the offset's own line, then those that enclose it: each line indented
            // less than all below it.
            let own = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
            let own = own.to_owned() + text[before.len()..].lines().next().unwrap_or_default();
            if key(&own).starts_with("confidential") {
                return true;
            }
            let mut depth = own.len() - own.trim_start().len();
            let above = &before[..before.rfind('\n').unwrap_or(0)];
            for line in above.lines().rev() {
                let indent = line.len() - line.trim_start().len();
                if line.trim().is_empty() || line.trim_start().starts_with('#') || indent >= depth {
                    continue;
                }
                if key(line).starts_with("confidential") {
                    return true;
                }
                depth = indent;
                if depth == 0 {
                    break;
                }
            }
            false
        }
    }
}

/// A message with every quoted value replaced: errors about confidential fields never repeat
/// what the field holds. A field's or a variant's name (`lawyers`, `defence_counsel`) is no
/// value and stays: "unknown field `(withheld)`" told a user nothing of what to fix.
fn withhold_quoted(message: &str) -> String {
    let identifier = |token: &str| {
        token.starts_with(|c: char| c.is_ascii_lowercase())
            && token.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find(['"', '`']) {
        let open = rest[start..].chars().next().unwrap_or('"');
        out.push_str(&rest[..=start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find(open) else {
            out.push_str("(withheld)");
            return out;
        };
        let token = &after[..end];
        out.push_str(if open == '`' && identifier(token) { token } else { "(withheld)" });
        out.push(open);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// serde-saphyr's `Display` adds its own snippet; amicus prints one itself.
fn saphyr_message(error: &serde_saphyr::Error) -> String {
    let text = error.to_string();
    let mut first = text.lines().next().unwrap_or_default().trim();
    first = first.strip_prefix("error:").unwrap_or(first).trim_start();
    // "line 3 column 5: ..." is said by the location already.
    if let Some((_, message)) = first.strip_prefix("line ").and_then(|rest| rest.split_once(": ")) {
        first = message;
    }
    first.split(" at line ").next().unwrap_or(first).trim().to_owned()
}

/// When YAML read as a number, or cut at a comma, what was meant as text: how to quote it.
/// `line` is the line of the error and `column` the byte the error points at in it.
fn quoting_hint(message: &str, line: &str, column: usize) -> Option<String> {
    let unquoted = message.strip_prefix("The string value [").and_then(|rest| rest.split_once("] must be quoted"));
    let number = ["floating point `", "integer `"]
        .iter()
        .find_map(|kind| message.split_once(kind))
        .and_then(|(_, rest)| rest.split_once('`'))
        // Only where text was due: quoting a number where a date is due would not make a date.
        .filter(|_| {
            ["expected a text", "expected a string", "expected text", "short label"].iter().any(|t| message.contains(t))
        });
    let value = unquoted.or(number).map(|(value, _)| value)?;
    let after = line.get(column..).unwrap_or_default();
    // As written, which the parser's number may not be (`20.10` read as 20.1): the error
    // points at the field's key or at the value itself.
    let written = match after.split_once(": ") {
        Some((key, rest)) if !key.is_empty() && !key.contains([' ', '{', ',']) => rest,
        _ => after,
    };
    let written = written.split(" #").next().unwrap_or_default();
    let written = written.split([',', '}', ']']).next().unwrap_or_default().trim();
    let value = match written.is_empty() || written.starts_with(['"', '\'']) {
        true => value,
        false => written,
    };
    // `{ en: 65,000 soms }`: what follows the comma is more text, not the next `key:`.
    let cut_text = after.split_once(',').is_some_and(|(_, next)| {
        let next = next.trim_start();
        let key = next.split(':').next().unwrap_or_default();
        !(next.contains(':') && !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    });
    if line.contains('{') && cut_text {
        let text = after.split('}').next().unwrap_or(after).trim();
        return Some(format!(
            "a comma inside `{{ ... }}` ends a value, so YAML read only `{value}`: put the whole text in quotes, \
             `\"{text}\"`"
        ));
    }
    Some(format!(
        "put it in quotes, `\"{value}\"`: unquoted, YAML reads `{value}` as a number or a yes/no value, not as \
         text, and a number loses how it was written (20.10 becomes 20.1)"
    ))
}

/// What to do about the YAML mistakes of people who do not write YAML: a `: ` or a comma inside
/// text, a tab, a number written with separators or a unit. `line` is the line of the error
/// and `field` its path.
fn syntax_hint(message: &str, line: &str, field: &str, withhold: bool) -> Option<String> {
    let in_braces = line.contains('{');
    if message.contains("mapping values are not allowed") && !in_braces {
        let (key, value) = line.trim_start().trim_start_matches("- ").split_once(": ")?;
        // A confidential field's value is never repeated, not even in the fix.
        let value = if withhold { "..." } else { value.trim() };
        return Some(format!(
            "a `: ` inside a text makes YAML read a new field: put the whole text in quotes, `{key}: \"{value}\"`"
        ));
    }
    if message.contains("did not find expected ',' or '}'") || (message.contains("mapping values") && in_braces) {
        return Some(
            "inside `{ ... }` a comma or a `: ` ends a text: put each text in quotes, like \
             `{ en: \"Bishkek, Kyrgyzstan\", ru: \"Бишкек, Кыргызстан\" }`"
                .to_owned(),
        );
    }
    if message.contains("is not a language code") && in_braces {
        return Some(
            "if this is the rest of the text before it, a comma inside `{ ... }` ended that text: put the whole \
             text in quotes, like `{ en: \"Bishkek, Kyrgyzstan\" }`"
                .to_owned(),
        );
    }
    if message.contains("found a tab") || message.contains("tabs disallowed") {
        return Some("indent with spaces: YAML does not allow tabs at the start of a line".to_owned());
    }
    if message.starts_with("invalid u64") || message.starts_with("invalid i64") {
        let currency = match field.ends_with("amount") {
            true => ", and the currency goes in `currency:` (like `KGS`)",
            false => "",
        };
        return Some(format!(
            "write the number in digits only, like `65000`: no spaces, commas, points or units{currency}"
        ));
    }
    None
}

/// serde's wording, in words a case-file author knows.
const PLAIN_WORDS: [(&str, &str); 17] = [
    ("mapping values are not allowed in this context", "a `: ` where YAML expects no new field"),
    (
        "while parsing a flow mapping, did not find expected ',' or '}'",
        "this `{ ... }` does not end where YAML expects",
    ),
    ("while scanning a plain scalar, found a tab", "a tab in the file"),
    ("invalid u64", "expected a whole number here"),
    ("invalid i64", "expected a whole number here"),
    ("invalid boolean (strict mode expects true/false)", "expected `true` or `false` here"),
    ("The string value [", "the value `"),
    ("] must be quoted", "` must be in quotes here"),
    (
        ", set DuplicateKeyPolicy in Options if acceptable",
        ": a field may be written once; delete one of the two, or merge them",
    ),
    (
        "multiple YAML documents detected; use from_str_multiple or from_str_multiple_with_options",
        "a `---` line starts a second case in this file: one file holds one case, so move it to a file of its own",
    ),
    ("externally tagged enum expected scalar or mapping", "expected one word here (like `convicted`), not a list"),
    ("expected string scalar", "expected text here"),
    ("expected a sequence", "expected a list (one `- item` per line, or `[a, b]`)"),
    ("expected sequence start", "expected a list (one `- item` per line, or `[a, b]`)"),
    ("expected a map", "expected fields (`name: value` lines)"),
    ("expected mapping start", "expected fields (`name: value` lines), not a list"),
    ("invalid type: ", "wrong kind of value: "),
];

fn clean_message(message: &str) -> String {
    let mut message = message.trim();
    // serde lists every expected name; the hint names the likely one instead.
    if let Some(cut) = message.find(", expected one of") {
        message = &message[..cut];
    }
    let mut message = message.to_owned();
    for (jargon, plain) in PLAIN_WORDS {
        message = message.replace(jargon, plain);
    }
    message
}

/// Hints for serde's standard messages: a misspelt field or variant, a missing field.
fn hints_for(message: &str) -> Vec<String> {
    let mut hints = Vec::new();
    let name = |s: &str| s.trim().trim_matches('`').to_owned();
    for (prefix, what) in [("unknown field", "field"), ("unknown variant", "value")] {
        let Some(rest) = message.strip_prefix(prefix) else {
            continue;
        };
        let (given, expected) = match rest.split_once(", expected one of ") {
            Some((given, expected)) => (name(given), expected.split(", ").map(name).collect::<Vec<_>>()),
            None => (name(rest.split(',').next().unwrap_or(rest)), Vec::new()),
        };
        match did_you_mean(&given, &expected) {
            Some(best) => hints.push(format!("did you mean `{best}`?")),
            None if !expected.is_empty() => {
                hints.push(format!("the {what}s allowed here are: {}", expected.join(", ")))
            }
            None => hints.push(format!("no {what}s are allowed here")),
        }
    }
    // Seen as `detention: unknown`: a list whose items the sources give only in part. (The
    // charges, which every document states, take `unknown` as a whole.)
    if message.starts_with("expected sequence start") || message.starts_with("expected a sequence") {
        hints.push(
            "where the sources give none, leave the field out; where they give an item only in part, list it with \
             `unknown` in the fields they do not give (a place of custody: `- { kind: colony, place: unknown, from: \
             2024-06 }`)"
                .to_owned(),
        );
    }
    if message.starts_with("invalid boolean") {
        hints.push(
            "write `true` or `false`: amicus reads YAML 1.2, as editors do, where `yes`, `no`, `on` and `off` are words"
                .to_owned(),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field") {
        let field = name(rest);
        hints.push(match field.as_str() {
            // A date the record is ordered by: `unknown` would not do, and the hint must not offer it.
            "date" => "add `date:` (`2023-05-20`, or `2023-05` or `2023` when the sources give no more); a stage not \
                       yet decided gives the day it was brought"
                .to_owned(),
            _ => format!(
                "add `{field}:`; where the sources do not give a fact, most fields take `unknown`, and amicus says \
                 which do not"
            ),
        });
    }
    hints
}

/// The closest of `candidates` to `given`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(given: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(given, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.as_str())
}

/// A YAML (or JSON) document as a tree of located nodes, only to index field paths.
enum YamlNode {
    Map(Vec<(String, serde_saphyr::Spanned<YamlNode>)>),
    Seq(Vec<serde_saphyr::Spanned<YamlNode>>),
    Leaf,
}

impl<'de> Deserialize<'de> for YamlNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor(PhantomData))
    }
}

struct NodeVisitor<N>(PhantomData<N>);

impl<'de> Visitor<'de> for NodeVisitor<YamlNode> {
    type Value = YamlNode;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<YamlNode, E> {
        Ok(YamlNode::Leaf)
    }
    fn visit_i64<E>(self, _: i64) -> Result<YamlNode, E> {
        Ok(YamlNode::Leaf)
    }
    fn visit_u64<E>(self, _: u64) -> Result<YamlNode, E> {
        Ok(YamlNode::Leaf)
    }
    fn visit_f64<E>(self, _: f64) -> Result<YamlNode, E> {
        Ok(YamlNode::Leaf)
    }
    fn visit_str<E>(self, _: &str) -> Result<YamlNode, E> {
        Ok(YamlNode::Leaf)
    }
    fn visit_unit<E>(self) -> Result<YamlNode, E> {
        Ok(YamlNode::Leaf)
    }
    fn visit_none<E>(self) -> Result<YamlNode, E> {
        Ok(YamlNode::Leaf)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YamlNode, D::Error> {
        YamlNode::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(YamlNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<KeyString>()? {
            entries.push((key.0, map.next_value()?));
        }
        Ok(YamlNode::Map(entries))
    }
}

/// A map key of any scalar type, as text.
struct KeyString(String);

impl<'de> Deserialize<'de> for KeyString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyString, E> {
                Ok(KeyString(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

fn yaml_index(text: &str) -> Option<FieldIndex> {
    let root: serde_saphyr::Spanned<YamlNode> = serde_saphyr::from_str(text).ok()?;
    let mut index = FieldIndex::default();
    let lines = LineIndex::new(text);
    let offset = |s: &serde_saphyr::Spanned<YamlNode>| {
        let at = lines.offset(s.referenced.line() as usize, s.referenced.column() as usize);
        at..at + 1
    };
    fn walk(
        node: &serde_saphyr::Spanned<YamlNode>,
        path: String,
        index: &mut FieldIndex,
        offset: &dyn Fn(&serde_saphyr::Spanned<YamlNode>) -> Range<usize>,
    ) {
        index.spans.insert(path.clone(), offset(node));
        match &node.value {
            YamlNode::Map(entries) => {
                for (key, value) in entries {
                    let child = if path == "." { key.clone() } else { format!("{path}.{key}") };
                    walk(value, child, index, offset);
                }
            }
            YamlNode::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let child = if path == "." { format!("[{i}]") } else { format!("{path}[{i}]") };
                    walk(item, child, index, offset);
                }
            }
            YamlNode::Leaf => {}
        }
    }
    walk(&root, ".".to_owned(), &mut index, &offset);
    Some(index)
}

fn toml_index(text: &str) -> Option<FieldIndex> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(text).ok()?;
    let mut index = FieldIndex::default();
    fn walk_value(value: &toml::Spanned<DeValue>, path: String, index: &mut FieldIndex) {
        index.spans.insert(path.clone(), value.span());
        match value.get_ref() {
            DeValue::Table(table) => walk_table(table, &path, index),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk_value(item, format!("{path}[{i}]"), index);
                }
            }
            _ => {}
        }
    }
    fn walk_table(table: &DeTable, path: &str, index: &mut FieldIndex) {
        for (key, value) in table.iter() {
            let key: &str = key.get_ref();
            let child = if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
            walk_value(value, child, index);
        }
    }
    walk_table(root.get_ref(), "", &mut index);
    Some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confidential_value_is_withheld_and_a_field_s_name_kept() {
        let message = "unknown field `lawyers`, expected `submitter` or `lawyer`";
        assert_eq!(withhold_quoted(message), message);
        assert_eq!(
            withhold_quoted("invalid type: string \"Ivanov\", expected `Anna Ivanova`"),
            "invalid type: string \"(withheld)\", expected `(withheld)`"
        );
        assert_eq!(withhold_quoted("a phone `87011234567`"), "a phone `(withheld)`");
    }

    #[test]
    fn a_defendant_s_confidential_block_is_confidential_too() {
        let text = "id: x\ndefendants:\n  - id: a\n    confidential:\n      lawyer:\n        name: X\n    acts: []\n";
        let at = |needle: &str| text.find(needle).unwrap();
        assert!(in_confidential_block(text, Format::Yaml, at("name: X")));
        assert!(!in_confidential_block(text, Format::Yaml, at("acts")));
        assert!(!in_confidential_block(text, Format::Yaml, at("- id: a")));
        assert!(crate::diag::is_confidential("defendants[0].confidential.lawyer.role.en"));
        assert!(!crate::diag::is_confidential("defendants[0].person.role.en"));
    }

    #[test]
    fn misspelt_fields_get_a_suggestion() {
        let hints = hints_for("unknown field `verdit`, expected one of `id`, `verdict`, `acts`");
        assert_eq!(hints, vec!["did you mean `verdict`?".to_owned()]);
    }

    #[test]
    fn yaml_index_finds_nested_fields() {
        let text = "a: 1\nverdict:\n  sentence:\n    - term: 1y\n    - term: 2y\n";
        let index = yaml_index(text).unwrap();
        let range = index.find("verdict.sentence[1].term").unwrap();
        assert_eq!(&text[range.start..range.start + 2], "2y");
        // A field the file does not spell falls back to its parent.
        assert_eq!(index.find("verdict.sentence[1].scope"), index.find("verdict.sentence[1]"));
    }

    #[test]
    fn toml_index_finds_nested_fields() {
        let text = "a = 1\n[verdict]\ndate = 2021-12-20\n";
        let index = toml_index(text).unwrap();
        let range = index.find("verdict.date").unwrap();
        assert_eq!(&text[range], "2021-12-20");
    }
}
