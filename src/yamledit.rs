//! Changing a YAML file's values in place, so that an edit through a form keeps what its
//! author wrote around it.
//!
//! Contract: [`edit`] takes a YAML file's text and the value the file should now hold, and
//! returns a text that differs from the given one only where values differ. Comments, key
//! order, quoting, blank lines and every untouched field stay byte for byte. A changed scalar
//! is rewritten where it stands (a block text stays a block text); a new field goes after the
//! mapping's last one; a list keeps each item's own lines, with their comments, when items are
//! added, removed or moved. A flow collection (`{ given: A, family: B }`) that gains or loses a
//! member is written again in flow style.
//!
//! It checks its own work: the text it returns parses to exactly the value asked for, or it
//! returns [`Unfaithful`] with the reason (anchors and merge keys, a root that is not a mapping,
//! a file that does not parse), and the caller may offer [`rewrite`], the whole file written
//! anew without its comments, after showing the difference ([`diff`]).

use std::ops::Range;

use granit_parser::{Event, Parser, ScalarStyle, StructureStyle};
use serde_json::Value;

/// Why a file cannot be changed in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfaithful(pub String);

impl std::fmt::Display for Unfaithful {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The value a YAML text holds, read as amicus reads case files.
pub fn value_of(text: &str) -> Result<Value, String> {
    serde_saphyr::from_str_with_options::<Value>(text, crate::case::yaml_options()).map_err(|e| e.to_string())
}

/// `text` changed so that it holds `new`, and nothing else changed.
pub fn edit(text: &str, new: &Value) -> Result<String, Unfaithful> {
    let old = value_of(text).map_err(|e| Unfaithful(format!("the file does not parse: {e}")))?;
    if &old == new {
        return Ok(text.to_owned());
    }
    let root = tree(text).map_err(Unfaithful)?;
    if !matches!(root.shape, Shape::Map(_)) || root.flow {
        return Err(Unfaithful("the file is not a block mapping of fields".into()));
    }
    let editor = Editor { text };
    let mut edits = Vec::new();
    if !editor.change(&root, &old, new, 0, false, &mut edits)? {
        return Err(Unfaithful("the file's top level cannot be changed in place".into()));
    }
    let changed = apply(text, 0..text.len(), edits).ok_or_else(|| Unfaithful("two edits would overlap".into()))?;
    match value_of(&changed) {
        Ok(value) if &value == new => Ok(changed),
        Ok(_) => Err(Unfaithful("an edit in place would not give the values asked for".into())),
        Err(e) => Err(Unfaithful(format!("an edit in place would not parse: {e}"))),
    }
}

/// The file written anew from its value: its first comment lines are kept, the other
/// comments are lost.
pub fn rewrite(text: &str, new: &Value) -> String {
    let header: String = text.lines().take_while(|l| l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    header + &block(new, 0)
}

/// The lines that differ between two texts, `-` removed and `+` added, with one line of
/// context: what the editor shows before a save that rewrites the file.
pub fn diff(old: &str, new: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    // Longest common subsequence, from the end; files are at most a few thousand lines.
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let near = |k: usize, lines: &[&str], other: usize, others: &[&str]| {
                (k > 0 && (k - 1 >= lines.len() || other == 0 || lines.get(k - 1) != others.get(other - 1)))
                    || lines.get(k + 1) != others.get(other + 1)
            };
            if near(i, &a, j, &b) {
                out += &format!("  {}\n", a[i]);
            }
            (i, j) = (i + 1, j + 1);
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out += &format!("+ {}\n", b[j]);
            j += 1;
        } else {
            out += &format!("- {}\n", a[i]);
            i += 1;
        }
    }
    out
}

#[derive(Debug)]
enum Shape {
    Scalar(ScalarStyle, String),
    Map(Vec<Entry>),
    Seq(Vec<Node>),
    Alias,
}

/// A node of the file and the bytes its content takes (from its first character to the end of
/// its last).
#[derive(Debug)]
struct Node {
    shape: Shape,
    flow: bool,
    anchored: bool,
    start: usize,
    end: usize,
}

#[derive(Debug)]
struct Entry {
    key: String,
    key_start: usize,
    value: Node,
}

/// The file's nodes with their places, from the parser's events.
fn tree(text: &str) -> Result<Node, String> {
    enum Frame {
        Map(Node, Vec<Entry>, Option<(String, usize)>),
        Seq(Node, Vec<Node>),
    }
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| format!("the file does not parse: {e}"))?;
        let (Some(start), Some(end)) = (span.start.byte_offset(), span.end.byte_offset()) else {
            return Err("the parser gave no byte offsets".into());
        };
        let open = |flow: StructureStyle, anchor: usize, shape: Shape| Node {
            shape,
            flow: flow == StructureStyle::Flow,
            anchored: anchor != 0,
            start,
            end: start,
        };
        let node = match event {
            Event::Scalar(value, style, anchor, _) => Some(Node {
                shape: Shape::Scalar(style, value.into_owned()),
                flow: false,
                anchored: anchor != 0,
                start,
                end,
            }),
            Event::Alias(_) => Some(Node { shape: Shape::Alias, flow: false, anchored: true, start, end }),
            Event::SequenceStart(style, anchor, _) => {
                stack.push(Frame::Seq(open(style, anchor, Shape::Seq(Vec::new())), Vec::new()));
                None
            }
            Event::MappingStart(style, anchor, _) => {
                stack.push(Frame::Map(open(style, anchor, Shape::Map(Vec::new())), Vec::new(), None));
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(mut node, items)) => {
                    node.end = match node.flow {
                        true => end,
                        false => items.last().map_or(node.start, |i| i.end),
                    };
                    node.shape = Shape::Seq(items);
                    Some(node)
                }
                _ => return Err("unbalanced sequence".into()),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(mut node, entries, _)) => {
                    node.end = match node.flow {
                        true => end,
                        false => entries.last().map_or(node.start, |e| e.value.end.max(e.key_start)),
                    };
                    if let Some(first) = entries.first().filter(|_| !node.flow) {
                        node.start = first.key_start;
                    }
                    node.shape = Shape::Map(entries);
                    Some(node)
                }
                _ => return Err("unbalanced mapping".into()),
            },
            Event::DocumentStart(..) if root.is_some() => return Err("the file holds several YAML documents".into()),
            _ => None,
        };
        let Some(node) = node else { continue };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, pending)) => match pending.take() {
                None => match node.shape {
                    Shape::Scalar(_, key) if key == "<<" => return Err("the file uses YAML merge keys (`<<`)".into()),
                    Shape::Scalar(_, key) => *pending = Some((key, node.start)),
                    _ => return Err("the file has a key that is not plain text".into()),
                },
                Some((key, key_start)) => entries.push(Entry { key, key_start, value: node }),
            },
        }
    }
    root.ok_or_else(|| "the file is empty".into())
}

type Edit = (Range<usize>, String);

/// `text[range]` with the edits that fall inside it made; `None` if two edits overlap.
fn apply(text: &str, range: Range<usize>, mut edits: Vec<Edit>) -> Option<String> {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let (mut out, mut at) = (String::new(), range.start);
    for (r, replacement) in edits {
        if r.start < at || r.end > range.end {
            return None;
        }
        out += &text[at..r.start];
        out += &replacement;
        at = r.end;
    }
    Some(out + &text[at..range.end])
}

struct Editor<'a> {
    text: &'a str,
}

impl Editor<'_> {
    fn line_start(&self, at: usize) -> usize {
        self.text.as_bytes()[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
    }

    /// Just after the line break that ends the line holding byte `at`.
    fn line_end(&self, at: usize) -> usize {
        self.text.as_bytes()[at..].iter().position(|&b| b == b'\n').map_or(self.text.len(), |i| at + i + 1)
    }

    fn column(&self, at: usize) -> usize {
        self.text[self.line_start(at)..at].chars().count()
    }

    /// The end of the last line a node's content takes, its line break included.
    fn end_of(&self, node: &Node) -> usize {
        self.line_end(node.end.max(node.start + 1).min(self.text.len()) - 1)
    }

    /// Where a block text that starts at `start` ends (before its last line break): its lines
    /// are those indented deeper than `indent`, blank lines between them included.
    fn block_end(&self, start: usize, indent: usize) -> usize {
        let (mut at, mut end) = (self.line_start(start), start);
        while at < self.text.len() {
            let next = self.line_end(at);
            let line = self.text[at..next].trim_end_matches(['\n', '\r']);
            if !line.trim().is_empty() {
                if line.len() - line.trim_start_matches(' ').len() <= indent {
                    break;
                }
                end = at + line.len();
            }
            at = next;
        }
        end
    }

    /// Refuses to write over a comment: a value written anew would lose it.
    fn no_comment_in(&self, range: Range<usize>) -> Result<(), Unfaithful> {
        match self.text[range].lines().any(|l| l.trim_start().starts_with('#')) {
            true => Err(Unfaithful("a comment inside a changed value would be lost".into())),
            false => Ok(()),
        }
    }

    /// The column of the dash that introduces a block list's item.
    fn dash_column(&self, item: &Node) -> usize {
        let start = self.line_start(item.start);
        self.text[start..item.start].rfind('-').map_or(self.column(item.start), |i| self.column(start + i))
    }

    /// Adds the edits that make `node` (holding `old`) hold `new`; `false` when it must be
    /// written anew by its parent, as a whole entry or item. `indent` is the column of the
    /// key or dash that holds the node.
    fn change(
        &self,
        node: &Node,
        old: &Value,
        new: &Value,
        indent: usize,
        in_flow: bool,
        edits: &mut Vec<Edit>,
    ) -> Result<bool, Unfaithful> {
        if old == new {
            return Ok(true);
        }
        if node.anchored {
            return Err(Unfaithful("a changed value is shared through a YAML anchor (`&`, `*`)".into()));
        }
        let in_flow = in_flow || node.flow;
        match (&node.shape, old, new) {
            (Shape::Map(entries), Value::Object(old), Value::Object(new)) => {
                let same_keys = old.len() == new.len() && new.keys().all(|k| old.contains_key(k));
                if node.flow && !same_keys {
                    edits.push((node.start..node.end, flow(&Value::Object(new.clone()))));
                    return Ok(true);
                }
                // Edits of this mapping's entries count only if the mapping can be changed in
                // place: otherwise its parent writes it anew over the same bytes.
                let mut mine = Vec::new();
                let edits_before = edits;
                let edits = &mut mine;
                let mut kept = Vec::new();
                for entry in entries {
                    let Some(value) = new.get(&entry.key) else {
                        // The first key of a list item shares its line with the dash.
                        let start = self.line_start(entry.key_start);
                        if !self.text[start..entry.key_start].trim().is_empty() {
                            return Ok(false);
                        }
                        let end = self.end_of(&entry.value).max(self.line_end(entry.key_start));
                        self.no_comment_in(start..end)?;
                        edits.push((start..end, String::new()));
                        continue;
                    };
                    kept.push(entry);
                    let column = self.column(entry.key_start);
                    let before = &old[&entry.key];
                    if !self.change(&entry.value, before, value, column, in_flow, edits)? {
                        if in_flow {
                            return Ok(false);
                        }
                        let end = self.end_of(&entry.value).max(self.line_end(entry.key_start));
                        // An emptied list or mapping takes its items' comments with them.
                        let emptied = value.as_array().is_some_and(Vec::is_empty)
                            || value.as_object().is_some_and(serde_json::Map::is_empty);
                        if !emptied {
                            self.no_comment_in(entry.key_start..end)?;
                        }
                        edits.push((entry.key_start..end, entry_text(&entry.key, value, column)));
                    }
                }
                let added: Vec<(&String, &Value)> = new.iter().filter(|(k, _)| !old.contains_key(*k)).collect();
                if !added.is_empty() {
                    let Some(last) = entries.last() else { return Ok(false) };
                    if kept.is_empty() {
                        return Ok(false);
                    }
                    let column = self.column(entries[0].key_start);
                    let at = self.end_of(&last.value).max(self.line_end(last.key_start));
                    let lead = if self.text[..at].ends_with('\n') || at == 0 { "" } else { "\n" };
                    let text: String = added
                        .iter()
                        .map(|(k, v)| format!("{}{}", " ".repeat(column), entry_text(k, v, column)))
                        .collect();
                    edits.push((at..at, format!("{lead}{text}")));
                }
                edits_before.append(edits);
                Ok(true)
            }
            (Shape::Seq(items), Value::Array(old), Value::Array(new)) => {
                // Items moved: each keeps its lines.
                let moved = new.iter().enumerate().any(|(j, v)| old.get(j) != Some(v) && old.contains(v));
                if old.len() == new.len() && !moved {
                    for ((item, before), after) in items.iter().zip(old).zip(new) {
                        let indent = if in_flow { indent } else { self.dash_column(item) };
                        if !self.change(item, before, after, indent, in_flow, edits)? {
                            if in_flow {
                                return Ok(false);
                            }
                            let column = self.column(item.start);
                            self.no_comment_in(item.start..self.end_of(item))?;
                            edits.push((item.start..self.end_of(item), item_text(after, column)));
                        }
                    }
                    return Ok(true);
                }
                if node.flow {
                    edits.push((node.start..node.end, flow(&Value::Array(new.clone()))));
                    return Ok(true);
                }
                if new.is_empty() || items.is_empty() || node.flow {
                    return Ok(false);
                }
                self.relist(items, old, new, edits)
            }
            (Shape::Scalar(style, _), _, new) if !new.is_object() && !new.is_array() => {
                let text = match (style, new) {
                    (ScalarStyle::Folded, Value::String(s)) if !in_flow && folded(s, indent + 2).is_some() => {
                        folded(s, indent + 2).unwrap_or_default().trim_end_matches('\n').to_owned()
                    }
                    (ScalarStyle::Literal | ScalarStyle::Folded, Value::String(s)) if !in_flow => {
                        match literal(s, indent + 2) {
                            Some(block) => block.trim_end_matches('\n').to_owned(),
                            None => return Ok(false),
                        }
                    }
                    (_, Value::String(s)) if s.contains('\n') && !in_flow => return Ok(false),
                    _ => scalar(new, in_flow),
                };
                // An empty value (`key:` and nothing) has no place of its own to write to.
                if node.start == node.end {
                    return Ok(false);
                }
                // A block text's content starts below its `|` or `>`, and its span runs to the
                // next line: the edit takes the header and keeps the last line break.
                let range = match style {
                    ScalarStyle::Literal | ScalarStyle::Folded => match self.text[..node.start].rfind(['|', '>']) {
                        Some(header) => header..self.block_end(node.start, indent),
                        None => return Ok(false),
                    },
                    _ => node.start..node.end,
                };
                edits.push((range, text));
                Ok(true)
            }
            (Shape::Alias, ..) => Err(Unfaithful("a changed value is shared through a YAML alias (`*`)".into())),
            _ => Ok(false),
        }
    }

    /// A block list whose length changed: each item kept as its own lines (comments after it
    /// go with it), in the new order, changed in place where an item at the same position
    /// changed, and written anew where it is new.
    fn relist(&self, items: &[Node], old: &[Value], new: &[Value], edits: &mut Vec<Edit>) -> Result<bool, Unfaithful> {
        let starts: Vec<usize> = items.iter().map(|i| self.line_start(i.start)).collect();
        for (item, &start) in items.iter().zip(&starts) {
            if self.text[start..item.start].trim() != "-" {
                return Ok(false);
            }
        }
        // Each item owns the comment lines just above it (and the blank lines before them).
        let lead = |i: usize| {
            let floor = if i == 0 { 0 } else { self.end_of(&items[i - 1]) };
            let mut at = starts[i];
            while at > floor {
                let above = self.line_start(at - 1);
                let line = self.text[above..at].trim();
                if !(line.is_empty() || line.starts_with('#')) || above < floor {
                    break;
                }
                at = above;
            }
            // Blank lines between the previous item and the comments stay where they are.
            while at < starts[i] && self.text[at..self.line_end(at)].trim().is_empty() {
                at = self.line_end(at);
            }
            at
        };
        let region_end = self.end_of(items.last().expect("a list with items"));
        let leads: Vec<usize> = (0..items.len()).map(lead).collect();
        let chunk = |i: usize| leads[i]..self.end_of(&items[i]);
        let dash = self.column(starts[0] + self.text[starts[0]..].find('-').unwrap_or(0));
        let mut used = vec![false; old.len()];
        let mut pieces: Vec<Option<String>> = vec![None; new.len()];
        // Items unchanged: at their own position first, then anywhere.
        for (j, value) in new.iter().enumerate() {
            if old.get(j) == Some(value) && !used[j] {
                used[j] = true;
                pieces[j] = Some(self.text[chunk(j)].to_owned());
            }
        }
        for (j, value) in new.iter().enumerate() {
            if pieces[j].is_some() {
                continue;
            }
            if let Some(i) = (0..old.len()).find(|&i| !used[i] && &old[i] == value) {
                used[i] = true;
                pieces[j] = Some(self.text[chunk(i)].to_owned());
            }
        }
        // Items changed at their position: edited in place, so their comments stay.
        for (j, value) in new.iter().enumerate() {
            if pieces[j].is_some() || j >= old.len() || used[j] {
                continue;
            }
            let mut inner = Vec::new();
            if self.change(&items[j], &old[j], value, dash, false, &mut inner)? {
                used[j] = true;
                pieces[j] = Some(
                    apply(self.text, chunk(j), inner).ok_or_else(|| Unfaithful("two edits would overlap".into()))?,
                );
            }
        }
        // What lies between two items' chunks (blank lines) is kept, in its place.
        let gaps: Vec<&str> = (1..items.len()).map(|i| &self.text[self.end_of(&items[i - 1])..leads[i]]).collect();
        let mut text = String::new();
        for (j, value) in new.iter().enumerate() {
            let piece =
                pieces[j].take().unwrap_or_else(|| format!("{}- {}", " ".repeat(dash), item_text(value, dash + 2)));
            if j > 0 {
                text += gaps.get(j - 1).copied().unwrap_or_default();
            }
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text += &piece;
        }
        if !text.ends_with('\n') && region_end < self.text.len() {
            text.push('\n');
        }
        edits.push((leads[0]..region_end, text));
        Ok(true)
    }
}

/// `key: value` and a line break, its later lines indented to `column` and below.
fn entry_text(key: &str, value: &Value, column: usize) -> String {
    let key = scalar(&Value::String(key.to_owned()), false);
    match value {
        Value::Object(m) if !m.is_empty() => format!("{key}:\n{}{}", " ".repeat(column + 2), block(value, column + 2)),
        Value::Array(a) if !a.is_empty() => format!("{key}:\n{}{}", " ".repeat(column + 2), block(value, column + 2)),
        Value::String(s) if s.contains('\n') => match literal(s, column + 2) {
            Some(text) => format!("{key}: {text}"),
            None => format!("{key}: {}\n", scalar(value, false)),
        },
        _ => format!("{key}: {}\n", scalar(value, false)),
    }
}

/// A list item's value after its dash, at `column`, and a line break.
fn item_text(value: &Value, column: usize) -> String {
    match value {
        Value::String(s) if s.contains('\n') => {
            literal(s, column).unwrap_or_else(|| format!("{}\n", scalar(value, false)))
        }
        _ => block(value, column),
    }
}

/// A value whose first line starts where the text is put, its later lines at `column`.
fn block(value: &Value, column: usize) -> String {
    let pad = " ".repeat(column);
    match value {
        Value::Object(m) if !m.is_empty() => m
            .iter()
            .enumerate()
            .map(|(i, (k, v))| format!("{}{}", if i == 0 { "" } else { &pad }, entry_text(k, v, column)))
            .collect(),
        Value::Array(a) if !a.is_empty() => a
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{}- {}", if i == 0 { "" } else { &pad }, item_text(v, column + 2)))
            .collect(),
        Value::String(s) if s.contains('\n') => {
            literal(s, column).unwrap_or_else(|| format!("{}\n", scalar(value, false)))
        }
        _ => format!("{}\n", scalar(value, false)),
    }
}

/// A text of several lines as a literal block (`|`), its lines at `column`; `None` when a
/// literal block cannot hold it exactly (leading spaces, trailing blank lines, a carriage
/// return).
fn literal(s: &str, column: usize) -> Option<String> {
    let body = s.strip_suffix('\n').unwrap_or(s);
    let chomp = if s.ends_with('\n') { "" } else { "-" };
    if body.ends_with('\n') || body.starts_with([' ', '\t']) || body.contains(['\r', '\t']) || body.is_empty() {
        return None;
    }
    let pad = " ".repeat(column);
    let lines: String = body
        .lines()
        .map(|l| if l.is_empty() { "\n".to_owned() } else { format!("{pad}{}\n", l.trim_end_matches(' ')) })
        .collect();
    // Trailing spaces would be lost by a text editor and are kept by nothing here.
    (body.lines().all(|l| !l.ends_with(' '))).then(|| format!("|{chomp}\n{lines}"))
}

/// A text of one paragraph as a folded block (`>`), its words wrapped before column 96 and its
/// lines at `column`; `None` when folding would not read back the same (runs of spaces, line
/// breaks, leading or trailing spaces).
fn folded(s: &str, column: usize) -> Option<String> {
    let body = s.strip_suffix('\n').unwrap_or(s);
    let chomp = if s.ends_with('\n') { "" } else { "-" };
    if body.is_empty() || body.contains(['\n', '\r', '\t']) || body.contains("  ") || body != body.trim() {
        return None;
    }
    let (pad, mut lines, mut line) = (" ".repeat(column), String::new(), String::new());
    for word in body.split(' ') {
        if !line.is_empty() && column + line.chars().count() + 1 + word.chars().count() > 96 {
            lines += &format!("{pad}{line}\n");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line += word;
    }
    Some(format!(">{chomp}\n{lines}{pad}{line}\n"))
}

/// A value on one line: plain where it reads back as the same text, else double-quoted.
fn scalar(value: &Value, in_flow: bool) -> String {
    match value {
        Value::String(s) => {
            let risky = s.is_empty()
                || s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` \t".contains(c))
                || s.ends_with([' ', '\t', ':'])
                || s.contains(": ")
                || s.contains(" #")
                || s.chars().any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{85}'))
                || (in_flow && s.contains(['[', ']', '{', '}', ',']));
            if !risky && value_of(&format!("v: {s}\n")).ok().as_ref().and_then(|v| v.get("v")) == Some(value) {
                return s.clone();
            }
            quoted(s)
        }
        Value::Object(_) | Value::Array(_) => flow(value),
        other => other.to_string(),
    }
}

/// A double-quoted YAML text: JSON's escapes are YAML's.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            '\n' => out += "\\n",
            '\t' => out += "\\t",
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out += &format!("\\u{:04x}", c as u32)
            }
            c => out.push(c),
        }
    }
    out + "\""
}

/// A value in flow style, on one line.
fn flow(value: &Value) -> String {
    match value {
        Value::Object(m) if m.is_empty() => "{}".into(),
        Value::Object(m) => {
            let members: Vec<String> =
                m.iter().map(|(k, v)| format!("{}: {}", scalar(&Value::String(k.clone()), true), flow(v))).collect();
            format!("{{ {} }}", members.join(", "))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(flow).collect::<Vec<_>>().join(", ")),
        other => scalar(other, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CASE: &str = r#"# yaml-language-server: $schema=../schema/case.schema.json
# A case, with comments that must stay.
id: test-2024   # the id
place:
  en: Aktau
  ru: Актау
person:
  name:
    given: Aizhan
    family: Testova
    ru: { given: Айжан, family: Тестова }
  summary: |
    First line.
    Second line.
acts:
  # the first act
  - date: 2021-01-02
    text: 'a repost'

  # the second act
  - date: 2021-03-04
    text: a rally
status: convicted
"#;

    fn changed(f: impl FnOnce(&mut Value)) -> Value {
        let mut value = value_of(CASE).unwrap();
        f(&mut value);
        value
    }

    #[test]
    fn nothing_changed_is_the_same_text() {
        assert_eq!(edit(CASE, &value_of(CASE).unwrap()).unwrap(), CASE);
    }

    #[test]
    fn a_scalar_is_changed_where_it_stands() {
        let new = changed(|v| v["person"]["name"]["given"] = json!("Aigerim"));
        assert_eq!(edit(CASE, &new).unwrap(), CASE.replace("given: Aizhan", "given: Aigerim"));
        let new = changed(|v| v["id"] = json!("other-2024"));
        assert_eq!(edit(CASE, &new).unwrap(), CASE.replace("test-2024   #", "other-2024   #"));
        // Quoted where plain would read back as something else; in flow, flow's rules.
        let new = changed(|v| v["acts"][0]["text"] = json!("yes: no # not a comment"));
        assert!(edit(CASE, &new).unwrap().contains("text: \"yes: no # not a comment\"\n"));
        let new = changed(|v| v["person"]["name"]["ru"]["family"] = json!("Тестова, Айжан"));
        assert!(edit(CASE, &new).unwrap().contains("ru: { given: Айжан, family: \"Тестова, Айжан\" }\n"));
        let new = changed(|v| v["place"]["en"] = json!("12"));
        assert!(edit(CASE, &new).unwrap().contains("en: \"12\"\n"));
    }

    #[test]
    fn a_block_text_stays_a_block_text() {
        let new = changed(|v| v["person"]["summary"] = json!("One.\nTwo.\nThree.\n"));
        let text = edit(CASE, &new).unwrap();
        assert!(text.contains("  summary: |\n    One.\n    Two.\n    Three.\nacts:\n"), "{text}");
        // A text that gains a line becomes a block.
        let new = changed(|v| v["acts"][1]["text"] = json!("a rally\nin the square"));
        let text = edit(CASE, &new).unwrap();
        assert!(text.contains("    text: |-\n      a rally\n      in the square\nstatus:"), "{text}");
    }

    #[test]
    fn fields_are_added_and_removed_by_their_lines() {
        let new = changed(|v| {
            v["person"]["sex"] = json!("female");
            v["place"].as_object_mut().unwrap().remove("ru");
        });
        let text = edit(CASE, &new).unwrap();
        assert_eq!(text, CASE.replace("  ru: Актау\n", "").replace("Second line.\n", "Second line.\n  sex: female\n"));
        let new = changed(|v| v["arrest"] = json!({ "date": "2021-05-06", "place": { "en": "Aktau" } }));
        let text = edit(CASE, &new).unwrap();
        assert!(text.ends_with("status: convicted\narrest:\n  date: 2021-05-06\n  place:\n    en: Aktau\n"), "{text}");
        // A flow mapping that gains a member is written again in flow style.
        let new = changed(|v| v["person"]["name"]["ru"]["patronymic"] = json!("Ивановна"));
        assert!(edit(CASE, &new).unwrap().contains("ru: { given: Айжан, family: Тестова, patronymic: Ивановна }\n"));
    }

    #[test]
    fn list_items_keep_their_lines_and_comments() {
        // Moved.
        let new = changed(|v| v["acts"].as_array_mut().unwrap().reverse());
        let text = edit(CASE, &new).unwrap();
        assert!(
            text.contains("acts:\n  # the second act\n  - date: 2021-03-04\n    text: a rally\n\n  # the first act\n  - date: 2021-01-02\n    text: 'a repost'\nstatus:"),
            "{text}"
        );
        // Added, with a change to another item.
        let new = changed(|v| {
            v["acts"][0]["text"] = json!("two reposts");
            v["acts"].as_array_mut().unwrap().push(json!({ "date": "2021-06-07", "text": "a post" }));
        });
        let text = edit(CASE, &new).unwrap();
        assert!(text.contains("  # the first act\n  - date: 2021-01-02\n    text: two reposts\n\n  # the second act\n  - date: 2021-03-04\n    text: a rally\n  - date: 2021-06-07\n    text: a post\nstatus:"), "{text}");
        // Removed.
        let new = changed(|v| {
            v["acts"].as_array_mut().unwrap().remove(0);
        });
        let text = edit(CASE, &new).unwrap();
        assert!(text.contains("acts:\n  # the second act\n  - date: 2021-03-04\n    text: a rally\nstatus:"), "{text}");
        // Emptied: the field is written anew.
        let new = changed(|v| v["acts"] = json!([]));
        assert!(edit(CASE, &new).unwrap().contains("acts: []\nstatus:"));
    }

    #[test]
    fn a_scalar_becomes_a_mapping_and_back() {
        let text = "id: x\narrest: unknown\nstatus: free\n";
        let new = json!({ "id": "x", "arrest": { "date": "2020-01-01" }, "status": "free" });
        assert_eq!(edit(text, &new).unwrap(), "id: x\narrest:\n  date: 2020-01-01\nstatus: free\n");
        assert_eq!(edit("id: x\narrest:\n  date: 2020-01-01\nstatus: free\n", &value_of(text).unwrap()).unwrap(), text);
    }

    #[test]
    fn what_cannot_be_kept_is_said() {
        let text = "base: &b\n  en: Aktau\nplace: *b\n";
        let new = json!({ "base": { "en": "Almaty" }, "place": { "en": "Aktau" } });
        assert!(edit(text, &new).unwrap_err().0.contains("anchor"));
        assert!(edit("- a\n- b\n", &json!(["a"])).is_err());
        // The rewrite holds the value, and the diff shows the change.
        let rewritten = rewrite(text, &new);
        assert_eq!(value_of(&rewritten).unwrap(), new);
        assert!(diff(text, &rewritten).contains("+ "));
    }

    #[test]
    fn a_mapping_that_loses_its_only_field_and_gains_another_is_written_anew() {
        let text = "id: x\nplace:\n  en: Aktau\nstatus: free\n";
        let new = json!({ "id": "x", "place": { "ru": "Актау" }, "status": "free" });
        assert_eq!(edit(text, &new).unwrap(), "id: x\nplace:\n  ru: Актау\nstatus: free\n");
        // Written anew, a value would lose the comment inside it: said, not done.
        let text = "id: x\nplace:\n  # from the verdict\n  en: Aktau\nstatus: free\n";
        assert!(edit(text, &new).unwrap_err().0.contains("comment"));
    }

    #[test]
    fn hostile_values_read_back_exactly() {
        for s in [
            "a: b",
            "#x",
            "- x",
            "\"q\"",
            "'",
            "true",
            "null",
            "~",
            "1e3",
            "0x10",
            "tab\there",
            "\u{202e}rtl",
            "line\r\nbreak",
            " lead",
            "trail ",
            "x\u{0}y",
            "&a",
            "*a",
            "!tag",
            "|",
            ">",
            "%",
            "@",
            "`",
        ] {
            let new = changed(|v| v["acts"][0]["text"] = json!(s));
            let text = edit(CASE, &new).unwrap_or_else(|e| panic!("{s:?}: {e}"));
            assert_eq!(value_of(&text).unwrap(), new, "{s:?}");
        }
    }

    /// Every text of every shipped case file, changed one at a time: each edit holds the value
    /// asked for and changes no line but the one the text stands on.
    #[test]
    fn every_text_of_the_examples_changes_alone() {
        fn leaves(value: &Value, path: Vec<Value>, out: &mut Vec<Vec<Value>>) {
            match value {
                Value::Object(m) => m.iter().for_each(|(k, v)| leaves(v, [path.clone(), vec![json!(k)]].concat(), out)),
                Value::Array(a) => {
                    a.iter().enumerate().for_each(|(i, v)| leaves(v, [path.clone(), vec![json!(i)]].concat(), out))
                }
                Value::String(s) if !s.contains('\n') => out.push(path),
                _ => {}
            }
        }
        let (mut files, mut shared, mut edited_count) = (0, 0, 0);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
        for entry in std::fs::read_dir(&root).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            let value = value_of(&text).unwrap();
            let mut paths = Vec::new();
            leaves(&value, Vec::new(), &mut paths);
            // Every third text, which covers each shape of the files in a second or two.
            for at in paths.into_iter().step_by(3) {
                let mut new = value.clone();
                let mut leaf = &mut new;
                for step in &at {
                    leaf = match step {
                        Value::String(k) => &mut leaf[k.as_str()],
                        other => &mut leaf[other.as_u64().unwrap() as usize],
                    };
                }
                *leaf = json!(format!("{} é", leaf.as_str().unwrap()));
                let edited = match edit(&text, &new) {
                    Ok(edited) => edited,
                    // A value shared through an anchor cannot change alone: said, not done.
                    Err(e) if e.0.contains("anchor") || e.0.contains("alias") => {
                        shared += 1;
                        continue;
                    }
                    Err(e) => panic!("{}: {at:?}: {e}", path.display()),
                };
                edited_count += 1;
                // The lines that differ: one, or the lines of one block text, its header first.
                let (a, b): (Vec<&str>, Vec<&str>) = (text.lines().collect(), edited.lines().collect());
                let same_start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
                let same_end = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
                let changed = &a[same_start..a.len() - same_end];
                let indent = |l: &str| l.len() - l.trim_start().len();
                let context = format!("{}: {at:?}: {changed:?}", path.display());
                assert!(!changed.is_empty(), "{context}");
                if changed.len() > 1 {
                    let body = indent(changed[changed.len() - 1]);
                    let header =
                        *a[..=same_start].iter().rev().find(|l| !l.trim().is_empty() && indent(l) < body).unwrap();
                    assert!(header.ends_with(['>', '|', '-']), "{context}");
                    assert!(changed.iter().filter(|l| **l != header).all(|l| indent(l) > indent(header)), "{context}");
                }
            }
        }
        assert!(files >= 6);
        // One example shares a defendant's data through anchors.
        assert!(edited_count > 3 * shared, "{edited_count} edited, {shared} shared");
    }
}
