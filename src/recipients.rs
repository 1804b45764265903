//! Recipients of letters: a CSV file (header with `name`, or `given` and `family`; optional
//! `title`, `group`, `country`, `committees`, `email`, `office`, `address`, `id`) or the
//! European Parliament's published list of Members (XML: `mep` elements with `fullName`,
//! `country`, `politicalGroup`, `id`, `nationalPoliticalGroup`), optionally joined with a CSV
//! keyed by member `id` that adds what the list lacks (committees, e-mail, office).
//!
//! Contract: [`List::load`] reads a list whole once, to check it: every error it finds, each
//! located at the file and line that is wrong, or warnings about columns it leaves out and
//! people the joined file says nothing of. [`List::each_chunk`] then gives its people a few at
//! a time, as letters are typeset, each with a family name to address them by (the `family`
//! column; in the Parliament's list, the words of `fullName` in capitals; otherwise the last
//! word of the name, with a warning that says so) and a file-safe slug unique in the list (in
//! Latin letters whatever the name's script), only those a [`Selection`] (`--where`) takes;
//! slugs are decided over the whole list, so a person's file name does not depend on who else
//! is selected. Only what the whole list decides is kept between the two (the slugs that are
//! not a name's own, what `--join` adds): a list of 100,000 people takes no more memory than
//! one of 1,000, where holding them took 0.5 KB a person.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::case::did_you_mean;
use crate::diag::{Diagnostic, Location};
use crate::render::escape;

/// One person a letter is addressed to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Recipient {
    pub name: String,
    pub given: Option<String>,
    /// The name a salutation uses after the title ("Dear Dr Testmann"), as letters write it.
    pub family: Option<String>,
    /// How to address them ("Dr", "Ms"); without it letters use a salutation without a name.
    pub title: Option<String>,
    /// Political group in the Parliament.
    pub group: Option<String>,
    pub country: Option<String>,
    /// Committee and delegation abbreviations (`DROI`, `AFET`).
    pub committees: Vec<String>,
    pub email: Option<String>,
    /// Their office in the Parliament (`ASP 08H246`), printed in the postal address.
    pub office: Option<String>,
    /// A postal address in place of the Parliament's in Brussels, lines separated by `;`.
    pub address: Option<String>,
    pub national_party: Option<String>,
    /// The Parliament's identifier of the Member.
    pub id: Option<String>,
    /// The name as letters write it: family names in capitals become title case.
    pub display_name: String,
    /// File name of the recipient's letter: lowercase ASCII, unique in the list.
    pub slug: String,
}

const CSV_COLUMNS: [&str; 11] =
    ["name", "given", "family", "title", "group", "country", "committees", "email", "office", "address", "id"];

/// Other names spreadsheets give the name columns.
const CSV_ALIASES: [(&str, &str); 4] =
    [("first_name", "given"), ("last_name", "family"), ("surname", "family"), ("full_name", "name")];

/// How many people a letter batch reads from the list at a time.
pub const CHUNK: usize = 512;

/// Which people of a list get letters (`--where KEY=VALUE`, repeatable): the values given for
/// one key are alternatives (`country=Germany`, `country=France`), and every key given must
/// hold. Values are compared without regard to case; `committee` holds when it is one of the
/// person's committees.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection(std::collections::BTreeMap<String, Vec<String>>);

/// The keys `--where` takes.
const SELECTION_KEYS: [&str; 3] = ["committee", "country", "group"];

impl Selection {
    /// Reads `KEY=VALUE` arguments; a usage error says which is wrong and what is accepted.
    pub fn parse(arguments: &[String]) -> Result<Selection, String> {
        let mut selection = Selection::default();
        for argument in arguments {
            let Some((key, value)) = argument.split_once('=').map(|(k, v)| (k.trim().to_lowercase(), v.trim())) else {
                return Err(format!("--where {argument}: write KEY=VALUE, e.g. --where committee=DROI"));
            };
            let key = if key == "committees" { "committee".to_owned() } else { key };
            if !SELECTION_KEYS.contains(&key.as_str()) || value.is_empty() {
                return Err(format!(
                    "--where {argument}: the keys are {} (e.g. --where country=Germany)",
                    SELECTION_KEYS.join(", ")
                ));
            }
            selection.0.entry(key).or_default().push(value.to_owned());
        }
        Ok(selection)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a person is selected: every key holds for one of its values.
    pub fn matches(&self, person: &Recipient) -> bool {
        self.0.iter().all(|(key, values)| {
            let given: Vec<&str> = match key.as_str() {
                "committee" => person.committees.iter().map(String::as_str).collect(),
                "country" => person.country.as_deref().into_iter().collect(),
                _ => person.group.as_deref().into_iter().collect(),
            };
            values.iter().any(|value| given.iter().any(|g| g.to_lowercase() == value.to_lowercase()))
        })
    }
}

impl std::fmt::Display for Selection {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(key, values)| format!("{key}={}", values.join("|"))).collect();
        f.write_str(&parts.join(", "))
    }
}

/// A recipients list, checked whole and read again a chunk at a time.
#[derive(Debug)]
pub struct List {
    path: PathBuf,
    /// How many people the file lists, and how many of them the selection takes.
    all: usize,
    len: usize,
    selection: Selection,
    /// What `--join` adds, by member id.
    joined: HashMap<String, Recipient>,
    /// The slugs that are not a name's own (the second `Anna Muller` is `anna-muller-2`), by
    /// place in the list.
    renamed: HashMap<usize, String>,
    /// The file's size and time of change when it was checked: read again, it must be the same.
    stamp: (u64, Option<std::time::SystemTime>),
}

impl List {
    /// Reads and checks a recipients file, by its extension (`.csv` or `.xml`): the list and
    /// warnings (columns left out), or every error found (each bad line of a CSV, not only the
    /// first).
    pub fn load(
        path: &Path,
        join_path: Option<&Path>,
        selection: &Selection,
    ) -> Result<(List, Vec<Diagnostic>), Vec<Diagnostic>> {
        let stamp = stamp(path);
        let hint = "give a CSV file with a `name` column, or the Parliament's MEP list in XML";
        let csv = path.extension().is_some_and(|e| e == "csv");
        // A CSV list is checked as it is read, never held whole (100,000 people are 7 MB of
        // text): its text is read for a message only, the header line alone for one about the
        // header, and a line that is not UTF-8 (Excel's default CSV) is one located error among
        // the others. The Parliament's XML list, 720 Members, is parsed whole.
        let text = match csv {
            true => None,
            false => Some(read(path, hint)?),
        };
        let whole = std::cell::OnceCell::new();
        let header = std::cell::OnceCell::new();
        let at = |line: usize, column| match (&text, line) {
            (Some(text), _) => locate(path, text, line, column),
            (None, 1) => locate(path, header.get_or_init(|| text_of(path, Some(1))), line, column),
            (None, _) => locate(path, whole.get_or_init(|| text_of(path, None)), line, column),
        };
        let mut warnings = Vec::new();
        let joined = match join_path.map(|join| joined_by_id(join, &mut warnings)) {
            Some(Ok(joined)) => joined,
            // The warnings too: a column left out may be why a line is wrong.
            Some(Err(errors)) => return Err(warnings.into_iter().chain(errors).collect()),
            None => HashMap::new(),
        };
        let mut list = List {
            path: path.to_path_buf(),
            all: 0,
            len: 0,
            selection: selection.clone(),
            joined,
            renamed: HashMap::new(),
            stamp,
        };
        let mut slugs = Slugs::default();
        let mut join = JoinCount::default();
        let mut committees = false;
        let mut each = |mut person: Recipient| {
            join.count(&list.joined, &person);
            list.fill(&mut person);
            committees |= !person.committees.is_empty();
            // Every person's file name is decided over the whole list: the same whoever is
            // selected.
            if let Some(renamed) = slugs.assign(&person.name) {
                list.renamed.insert(list.all, renamed);
            }
            list.all += 1;
            list.len += usize::from(list.selection.matches(&person));
        };
        match (path.extension().and_then(|e| e.to_str()), &text) {
            (Some("xml"), Some(text)) => from_xml(text, &at, &mut each).map_err(|e| vec![e])?,
            (Some("csv"), _) => {
                let input = csv_input(path).map_err(|e| {
                    vec![Diagnostic::error(format!("cannot read the recipients file: {e}")).in_file(path).hint(hint)]
                })?;
                if let Err(errors) = from_csv(input, &at, &mut warnings, "name", &mut each) {
                    // The warnings too: a column left out may be why a line is wrong.
                    return Err(warnings.into_iter().chain(errors).collect());
                }
            }
            _ => {
                return Err(vec![Diagnostic::error("recipients must be a `.csv` or `.xml` file").in_file(path)]);
            }
        }
        if list.all == 0 {
            return Err(vec![Diagnostic::error("the recipients file lists nobody").in_file(path)]);
        }
        if list.len == 0 {
            let error =
                Diagnostic::error(format!("nobody in the recipients file matches --where {selection}")).in_file(path);
            let error = match (committees, selection.0.contains_key("committee")) {
                (false, true) => error.hint(
                    "the list gives no committees (the Parliament's list has none): `--join` a CSV with the columns `id,committees`",
                ),
                _ => error.hint("`amicus recipients FILE` lists who is on it, with their group, country and committees"),
            };
            return Err(warnings.into_iter().chain([error]).collect());
        }
        if let Some(joined_from) = join_path {
            join.warn(joined_from, &list, &mut warnings);
        }
        if !committees {
            warnings.push(
                Diagnostic::warning(
                    "no recipient has committees: every letter makes the asks for members outside the Subcommittee on Human Rights",
                )
                .in_file(path)
                .hint("give a `committees` column, or `--join` a CSV with the columns `id,committees` keyed by member id"),
            );
        }
        Ok((list, warnings.into_iter().map(Diagnostic::keeping_lines_only).collect()))
    }

    /// How many people the list gives letters to: those the selection takes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// How many people the file lists, selected or not.
    pub fn everybody(&self) -> usize {
        self.all
    }

    /// Whether it gives nobody (never, once loaded).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Calls `each` with the people of the list the selection takes, in its order, `size` at
    /// a time (the last chunk may be shorter), joined and named as [`List::load`] checked
    /// them. An error when the file changed since: the letters would not be those checked.
    pub fn each_chunk(&self, size: usize, each: impl FnMut(&[Recipient])) -> Result<(), Diagnostic> {
        self.chunks(true, size, each)
    }

    /// Like [`List::each_chunk`], everybody on the list, selected or not: who is still on it.
    pub fn each_chunk_of_all(&self, size: usize, each: impl FnMut(&[Recipient])) -> Result<(), Diagnostic> {
        self.chunks(false, size, each)
    }

    fn chunks(&self, selected: bool, size: usize, mut each: impl FnMut(&[Recipient])) -> Result<(), Diagnostic> {
        let changed = || {
            Diagnostic::error("the recipients file changed while letters were being built from it")
                .in_file(&self.path)
                .hint("build again: letters already written from it are kept")
        };
        if stamp(&self.path) != self.stamp {
            return Err(changed());
        }
        let mut chunk = Vec::with_capacity(size.min(self.len));
        let mut index = 0;
        let mut take = |mut person: Recipient| {
            // More people than were checked: the file changed; counted, never given on.
            if index >= self.all {
                index += 1;
                return;
            }
            self.fill(&mut person);
            person.slug = self.renamed.get(&index).cloned().unwrap_or_else(|| base_slug(&person.name));
            index += 1;
            if selected && !self.selection.matches(&person) {
                return;
            }
            chunk.push(person);
            if chunk.len() == size {
                each(&chunk);
                chunk.clear();
            }
        };
        let read = match self.path.extension().and_then(|e| e.to_str()) {
            Some("xml") => {
                let text = read(&self.path, "").map_err(|_| changed())?;
                let at = |line, column| locate(&self.path, &text, line, column);
                from_xml(&text, &at, &mut take).map_err(|_| changed())
            }
            _ => csv_people(&self.path, &mut take).map_err(|_| changed()),
        };
        read?;
        if !chunk.is_empty() {
            each(&chunk);
        }
        match index == self.all {
            true => Ok(()),
            false => Err(changed()),
        }
    }

    /// Adds to a person what the joined file gives of them; what the list gives is kept.
    fn fill(&self, person: &mut Recipient) {
        let Some(row) = person.id.as_deref().and_then(|id| self.joined.get(id)) else { return };
        for (mine, theirs) in [
            (&mut person.title, &row.title),
            (&mut person.group, &row.group),
            (&mut person.country, &row.country),
            (&mut person.email, &row.email),
            (&mut person.office, &row.office),
            (&mut person.address, &row.address),
        ] {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
        if person.committees.is_empty() {
            person.committees.clone_from(&row.committees);
        }
    }
}

/// The size and time of change of a file, to tell it was not changed between two readings.
fn stamp(path: &Path) -> (u64, Option<std::time::SystemTime>) {
    std::fs::metadata(path).map_or((0, None), |m| (m.len(), m.modified().ok()))
}

/// A recipients file's text without a byte-order mark, or why it cannot be read, with `hint`.
/// Its diagnostics share the text ([`locate`]); those that outlive the check, its warnings,
/// keep only their lines ([`Diagnostic::keeping_lines_only`]).
fn read(path: &Path, hint: &str) -> Result<Arc<str>, Vec<Diagnostic>> {
    let text = crate::files::read_text_capped(path, crate::files::RECIPIENTS_LIMIT).map_err(|e| {
        vec![Diagnostic::error(format!("cannot read the recipients file: {e}")).in_file(path).hint(hint.to_owned())]
    })?;
    Ok(Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text)))
}

/// A line and column of a recipients file.
fn locate(path: &Path, text: &Arc<str>, line: usize, column: usize) -> Location {
    let offset = Location::offset_of(text, line, column);
    Location { path: path.to_path_buf(), source: text.clone(), range: offset..offset + 1 }
}

/// What a CSV keyed by member `id` gives of each (the Parliament's list has no committees,
/// e-mail addresses or offices), by id; the last line of an id repeated, with a warning.
fn joined_by_id(path: &Path, warnings: &mut Vec<Diagnostic>) -> Result<HashMap<String, Recipient>, Vec<Diagnostic>> {
    let text = read(path, "give a CSV file with an `id` column and the columns to add, e.g. `id,committees,email`")?;
    let at = |line, column| locate(path, &text, line, column);
    let mut joined = Vec::new();
    from_csv(text.as_bytes(), &at, warnings, "id", &mut |row| joined.push(row))?;
    // `from_csv` has read the name columns under any of their aliases: names are not joined.
    if joined.iter().any(|row| !row.name.is_empty() || row.given.is_some() || row.family.is_some()) {
        warnings.push(
            Diagnostic::warning("the joined file's name columns are not joined: names come from the recipients file")
                .at(at(1, 1))
                .hint("the columns joined are title, group, country, committees, email, office and address"),
        );
    }
    let mut by_id: HashMap<String, Recipient> = HashMap::new();
    let mut repeated = Vec::new();
    for row in joined {
        let id = row.id.clone().unwrap_or_default();
        if by_id.insert(id.clone(), row).is_some() {
            repeated.push(id);
        }
    }
    if !repeated.is_empty() {
        warnings.push(
            Diagnostic::warning(format!(
                "ids on more than one line of the joined file: {}; the last line of each is used",
                repeated.join(", ")
            ))
            .in_file(path)
            .hint("keep one line per member"),
        );
    }
    Ok(by_id)
}

/// Whom the joined file matched, counted as the list is checked.
#[derive(Default)]
struct JoinCount {
    /// Ids the joined file has no line for (the first few), and how many.
    missing: Vec<String>,
    missing_count: usize,
    without_id: usize,
    matched: HashSet<String>,
}

impl JoinCount {
    fn count(&mut self, joined: &HashMap<String, Recipient>, person: &Recipient) {
        match person.id.as_deref() {
            None => self.without_id += 1,
            Some(id) if joined.contains_key(id) => {
                self.matched.insert(id.to_owned());
            }
            Some(id) => {
                self.missing_count += 1;
                if self.missing.len() < 5 {
                    self.missing.push(id.to_owned());
                }
            }
        }
    }

    /// Warns about recipients the joined file has no line for, and lines that match nobody.
    fn warn(&self, path: &Path, list: &List, warnings: &mut Vec<Diagnostic>) {
        if self.missing_count > 0 {
            warnings.push(
                Diagnostic::warning(format!(
                    "{} of {} recipients have no line in the joined file ({}{}): their letters lack what it adds",
                    self.missing_count,
                    list.len,
                    self.missing.join(", "),
                    if self.missing_count > self.missing.len() { ", ..." } else { "" }
                ))
                .in_file(path)
                .hint("add a line for each, keyed by the member id the recipients file gives"),
            );
        }
        if self.without_id > 0 {
            warnings.push(
                Diagnostic::warning(format!(
                    "{} of {} recipients have no `id`: nothing is joined to them",
                    self.without_id, list.len
                ))
                .in_file(path)
                .hint("give the recipients file an `id` column (the Parliament's list has one)"),
            );
        }
        let unmatched = list.joined.len() - self.matched.len();
        if unmatched > 0 {
            let lines = if unmatched == 1 { "1 line".to_owned() } else { format!("{unmatched} lines") };
            let verb = if unmatched == 1 { "matches" } else { "match" };
            warnings.push(
                Diagnostic::warning(format!("{lines} of the joined file {verb} no recipient by `id`: left out"))
                    .in_file(path)
                    .hint("check the ids against the recipients file (the Parliament's list gives them in `id`)"),
            );
        }
    }
}

impl Recipient {
    /// The recipient as the recipients file gives it, without the values amicus derives
    /// (display name, slug): to name the column behind a problem.
    pub fn as_given(&self) -> serde_json::Value {
        let mut given = serde_json::to_value(self).expect("a recipient serializes");
        if let Some(fields) = given.as_object_mut() {
            fields.remove("display_name");
            fields.remove("slug");
        }
        given
    }

    /// The recipient as the Typst module a letter imports (`#import "/_recipient.typ":
    /// recipient`): a dictionary of escaped content, `none` where a value is not given, and
    /// committees as strings to test with `in`. The letter's own source stays the same for
    /// every recipient.
    pub fn typst_module(&self) -> String {
        let content = |value: &str| {
            let mut out = String::from("[");
            escape::escape_markup(value, &mut out);
            out.push(']');
            out
        };
        let optional = |value: &Option<String>| value.as_deref().map_or_else(|| "none".to_owned(), content);
        let committees: Vec<String> = self.committees.iter().map(|c| escape::string_literal(c)).collect();
        let mut module = String::from("// The recipient of one letter, written by amicus from the recipients file.\n");
        module.push_str("#let recipient = (\n");
        for (key, value) in [
            ("name", content(&self.name)),
            ("display-name", content(&self.display_name)),
            ("given-name", optional(&self.given)),
            ("family-name", optional(&self.family)),
            ("title", optional(&self.title)),
            ("group", optional(&self.group)),
            ("country", optional(&self.country)),
            ("email", optional(&self.email)),
            ("office", optional(&self.office)),
            ("address", self.address.as_deref().map_or_else(|| "none".to_owned(), |a| address_lines(a, &content))),
            ("national-party", optional(&self.national_party)),
            ("id", optional(&self.id)),
            // A trailing comma keeps a one-element list an array, not a parenthesized string.
            ("committees", format!("({}{})", committees.join(", "), if committees.len() == 1 { "," } else { "" })),
        ] {
            let _ = writeln!(module, "  {key}: {value},");
        }
        module.push_str(")\n");
        module
    }
}

/// An address given on one line, its lines separated by `;`, as content with line breaks.
fn address_lines(address: &str, content: &dyn Fn(&str) -> String) -> String {
    let lines: Vec<String> = address.split(';').map(str::trim).filter(|l| !l.is_empty()).map(content).collect();
    format!("({}).join(linebreak())", lines.join(", ") + if lines.len() == 1 { "," } else { "" })
}

/// A recipient known by name only (the editor's placeholder, before a list is given).
pub fn recipient(name: String) -> Recipient {
    Recipient {
        display_name: display_name(&name),
        name,
        given: None,
        family: None,
        title: None,
        group: None,
        country: None,
        committees: Vec::new(),
        email: None,
        office: None,
        address: None,
        national_party: None,
        id: None,
        slug: String::new(),
    }
}

/// The people of a CSV file. `key` is the column every line needs: `name` for a recipients
/// file (or `given` and `family`), `id` for a file joined to one.
fn from_csv(
    input: impl std::io::Read,
    at: &dyn Fn(usize, usize) -> Location,
    warnings: &mut Vec<Diagnostic>,
    key: &str,
    each: &mut dyn FnMut(Recipient),
) -> Result<(), Vec<Diagnostic>> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(input);
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(1, |p| p.line() as usize);
        let (message, hint) = match e.kind() {
            csv::ErrorKind::UnequalLengths { expected_len, len, .. } => (
                format!("this CSV line has {len} fields where the header names {expected_len}"),
                "every line needs as many fields as the header; quote fields that contain commas",
            ),
            csv::ErrorKind::Utf8 { .. } => {
                ("this CSV line is not UTF-8 text".to_owned(), "save the file again as UTF-8 (in Excel: \"CSV UTF-8\")")
            }
            _ => (
                format!("this CSV line cannot be read: {e}"),
                "every line needs as many fields as the header; quote fields that contain commas",
            ),
        };
        Diagnostic::error(message).at(at(line, 1)).hint(hint)
    };
    let headers = column_names(reader.headers().map_err(|e| vec![csv_error(e)])?);
    let known: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut errors = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        if headers[..i].contains(header) {
            warnings.push(
                Diagnostic::warning(format!("the column `{header}` appears twice: the first one is used"))
                    .at(at(1, 1))
                    .field(header.clone()),
            );
        } else if !known.contains(header) {
            match did_you_mean(header, &known) {
                Some(best) => errors.push(
                    Diagnostic::error(format!("unknown column `{header}`"))
                        .at(at(1, 1))
                        .hint(format!("did you mean `{best}`?")),
                ),
                None => warnings.push(
                    Diagnostic::warning(format!("unknown column `{header}`: it is left out"))
                        .at(at(1, 1))
                        .hint(format!("letters use the columns {}", CSV_COLUMNS.join(", "))),
                ),
            }
        }
    }
    // A misspelt column says what it should be; the missing one it was meant to be need not.
    if !errors.is_empty() {
        return Err(errors);
    }
    let column = |name: &str| headers.iter().position(|h| h == name);
    let has_parts = column("given").is_some() && column("family").is_some();
    if key == "id" && column("id").is_none() {
        return Err(vec![
            Diagnostic::error("the joined file's header has no `id` column")
                .at(at(1, 1))
                .hint("the first line names the columns, `id` and those to add: id,committees,email"),
        ]);
    }
    if key == "name" && column("name").is_none() && !has_parts {
        return Err(vec![
            Diagnostic::error("the header has no `name` column, nor `given` and `family`")
                .at(at(1, 1))
                .hint(format!("the first line names the columns: {}", CSV_COLUMNS.join(","))),
        ]);
    }
    if key == "name" && column("family").is_none() {
        warnings.push(
            Diagnostic::warning("no `family` column: letters address each person by the last word of their name")
                .at(at(1, 1))
                .hint("add a `family` column where that is wrong (`Maria da Graça Carvalho`: Carvalho? da Graça Carvalho?)"),
        );
    }
    // Every bad line is reported, not only the first: a list of 700 is fixed in one pass.
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(csv_error(e));
                continue;
            }
        };
        match row_person(&record, &headers, key) {
            // Once a line is wrong, nobody is kept: the list is refused.
            Ok(person) if errors.is_empty() => each(person),
            Ok(_) => {}
            Err((message, field)) => {
                let line = record.position().map_or(1, |p| p.line() as usize);
                errors.push(Diagnostic::error(message).at(at(line, 1)).field(field));
            }
        }
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(errors),
    }
}

/// The columns a CSV header names, as amicus calls them (`First name` is `given`).
fn column_names(headers: &csv::StringRecord) -> Vec<String> {
    headers
        .iter()
        .map(|h| {
            let h = h.to_lowercase().replace([' ', '-'], "_");
            CSV_ALIASES.iter().find(|(alias, _)| *alias == h).map_or(h, |(_, column)| column.to_string())
        })
        .collect()
}

/// One line of a CSV as a person, or what it lacks (a message and the field): `key` is the
/// column every line needs, as in [`from_csv`].
fn row_person(
    record: &csv::StringRecord,
    headers: &[String],
    key: &str,
) -> Result<Recipient, (&'static str, &'static str)> {
    let column = |name: &str| headers.iter().position(|h| h == name);
    let field = |name: &str| column(name).and_then(|i| record.get(i)).filter(|v| !v.is_empty()).map(str::to_owned);
    let (given, family) = (field("given"), field("family"));
    let name = field("name").or_else(|| Some(format!("{} {}", given.as_deref()?, family.as_deref()?)));
    let name = match (key, name, field("id")) {
        ("id", _, None) => return Err(("this line has no `id`", "id")),
        ("id", name, Some(_)) => name.unwrap_or_default(),
        (_, Some(name), _) => name,
        (_, None, _) => return Err(("this recipient has no name", "name")),
    };
    let mut person = recipient(name);
    person.family = family.map(|f| display_name(&f)).or_else(|| last_word(&person.display_name));
    person.given = given;
    person.title = field("title");
    person.group = field("group");
    person.country = field("country");
    person.email = field("email");
    person.office = field("office");
    person.address = field("address");
    person.id = field("id");
    person.committees = field("committees")
        .map(|c| c.split([';', ',']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    Ok(person)
}

/// A CSV recipients file to read as it comes, after its byte-order mark.
fn csv_input(path: &Path) -> Result<impl std::io::Read, crate::files::ReadError> {
    use std::io::BufRead;
    let (file, _) = crate::files::open_capped(path, crate::files::RECIPIENTS_LIMIT)?;
    let mut file = std::io::BufReader::new(file);
    if file.fill_buf()?.starts_with("\u{feff}".as_bytes()) {
        file.consume(3);
    }
    Ok(file)
}

/// The text of a CSV recipients file for a message to quote, up to its line `lines` or whole,
/// without its byte-order mark; bytes that are not UTF-8 replaced (a message may be about them).
fn text_of(path: &Path, lines: Option<usize>) -> Arc<str> {
    use std::io::{BufRead, Read};
    let mut bytes = Vec::new();
    if let Ok(mut input) = csv_input(path) {
        let _ = match lines {
            Some(lines) => {
                let mut input = std::io::BufReader::new(input);
                (0..lines).try_for_each(|_| input.read_until(b'\n', &mut bytes).map(drop))
            }
            None => input.read_to_end(&mut bytes).map(drop),
        };
    }
    Arc::from(String::from_utf8_lossy(&bytes))
}

/// The people of a CSV recipients file [`from_csv`] has checked, read from the file as they
/// come rather than whole; `Err` on a line that no longer reads (the file changed).
fn csv_people(path: &Path, each: &mut dyn FnMut(Recipient)) -> Result<(), ()> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(csv_input(path).map_err(drop)?);
    let headers = column_names(reader.headers().map_err(drop)?);
    for record in reader.records() {
        each(row_person(&record.map_err(drop)?, &headers, "name").map_err(drop)?);
    }
    Ok(())
}

fn from_xml(
    text: &str,
    at: &dyn Fn(usize, usize) -> Location,
    each: &mut dyn FnMut(Recipient),
) -> Result<(), Diagnostic> {
    let document = roxmltree::Document::parse(text).map_err(|e| {
        let position = e.pos();
        Diagnostic::error(format!("the XML cannot be read: {e}")).at(at(position.row as usize, position.col as usize))
    })?;
    for mep in document.descendants().filter(|n| n.has_tag_name("mep")) {
        let child = |tag: &str| {
            mep.children()
                .find(|c| c.has_tag_name(tag))
                .and_then(|c| c.text())
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        let Some(name) = child("fullName") else {
            let position = document.text_pos_at(mep.range().start);
            return Err(Diagnostic::error("this `mep` element has no `fullName`")
                .at(at(position.row as usize, position.col as usize))
                .field("fullName"));
        };
        let mut person = recipient(name);
        (person.given, person.family) = split_shouted(&person.name);
        person.country = child("country");
        person.group = child("politicalGroup");
        person.id = child("id");
        person.national_party = child("nationalPoliticalGroup");
        each(person);
    }
    Ok(())
}

/// The last word of a name, as the family name when nothing else says which it is.
fn last_word(name: &str) -> Option<String> {
    name.split_whitespace().last().map(str::to_owned)
}

/// The Parliament's list writes the family name in capitals ("Maria da GRAÇA CARVALHO"): the
/// given names before it and the family name in letters' case ("Graça Carvalho"); a name with
/// no word in capitals falls back on its last word.
fn split_shouted(name: &str) -> (Option<String>, Option<String>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.iter().position(|word| shouting(word)) {
        Some(first) => {
            let given = words[..first].join(" ");
            (Some(given).filter(|g| !g.is_empty()), Some(display_name(&words[first..].join(" "))))
        }
        None => ((words.len() > 1).then(|| words[..words.len() - 1].join(" ")), last_word(name)),
    }
}

/// Whether a word of a name is written in capitals ("ADAMOWICZ", "VOZEMBERG-VRIONIDI").
fn shouting(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
}

/// "Magdalena ADAMOWICZ" → "Magdalena Adamowicz"; names already in mixed case stay as written.
fn display_name(name: &str) -> String {
    name.split(' ')
        .map(|word| match shouting(word) {
            false => word.to_owned(),
            true => {
                let mut out = String::new();
                let mut start = true;
                for c in word.chars() {
                    match start {
                        true => out.extend(c.to_uppercase()),
                        false => out.extend(c.to_lowercase()),
                    }
                    start = !c.is_alphabetic();
                }
                out
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The longest slug a recipient's name gives (ASCII, so bytes are characters).
const LONGEST_SLUG: usize = 80;

/// The file name a name gives, before it is made unique: lowercase ASCII letters, digits and
/// hyphens, at most [`LONGEST_SLUG`] long.
fn base_slug(name: &str) -> String {
    // Any script to Latin letters ("Ελισάβετ" → "elisavet", "Łukasz" → "lukasz"): a Greek
    // or Bulgarian Member's letter is named after them, not `recipient-17`.
    let mut base = String::new();
    for c in deunicode::deunicode(name).chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.ends_with('-') && !base.is_empty() {
            base.push('-');
        }
    }
    // A file name may hold 255 bytes, and the temporary beside a letter adds about 40 to
    // the slug: a 230-character name once failed with "File name too long".
    if base.len() > LONGEST_SLUG {
        let cut = base[..LONGEST_SLUG].rfind('-').filter(|&at| at > LONGEST_SLUG / 2).unwrap_or(LONGEST_SLUG);
        base.truncate(cut);
    }
    let base = base.trim_matches('-').to_owned();
    if base.is_empty() { "recipient".to_owned() } else { base }
}

/// Gives each name of a list, in order, a file name unique within the list: its own, or with
/// a number when it is taken (`anna-muller-2`). Holds hashes, not names.
#[derive(Default)]
struct Slugs {
    /// A 64-bit hash of each file name given: 100,000 people take about 2 MB. Two names
    /// meeting in one hash (a chance of one in billions at 100,000 people) would only give the
    /// second a numbered name.
    taken: HashSet<u64>,
    /// The next number of a file name given more than once.
    next_number: HashMap<u64, usize>,
}

impl Slugs {
    /// The next name's file name, when it is not [`base_slug`]'s.
    fn assign(&mut self, name: &str) -> Option<String> {
        let hash = |slug: &str| typst::utils::hash128(slug) as u64;
        let base = base_slug(name);
        if self.taken.insert(hash(&base)) {
            return None;
        }
        let n = self.next_number.entry(hash(&base)).or_insert(2);
        let mut slug = format!("{base}-{n}");
        *n += 1;
        while !self.taken.insert(hash(&slug)) {
            slug = format!("{base}-{n}");
            *n += 1;
        }
        Some(slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recipient_module_holds_escaped_content_and_committees_as_strings() {
        let mut one = recipient("Anna #read(\"/etc/passwd\") ]".to_owned());
        one.committees = vec!["DROI".to_owned()];
        one.title = Some("Dr".to_owned());
        let module = one.typst_module();
        assert!(module.contains(r#"  name: [Anna \#read\("\/etc\/passwd"\) \]],"#), "{module}");
        assert!(module.contains("  title: [Dr],"), "{module}");
        assert!(module.contains("  group: none,"), "{module}");
        // One committee is still a list: `("DROI")` would be a string, and `in` would test letters.
        assert!(module.contains(r#"  committees: ("DROI",),"#), "{module}");
        one.committees.clear();
        assert!(one.typst_module().contains("  committees: (),"));
    }

    #[test]
    fn names_in_capitals_are_written_in_title_case() {
        assert_eq!(display_name("Magdalena ADAMOWICZ"), "Magdalena Adamowicz");
        assert_eq!(display_name("Elissavet VOZEMBERG-VRIONIDI"), "Elissavet Vozemberg-Vrionidi");
        assert_eq!(display_name("Hannah Neumann"), "Hannah Neumann");
    }

    #[test]
    fn long_names_give_short_unique_slugs() {
        let long = format!("Dr {} Testova", "Anna-Maria ".repeat(25));
        let list = slugs(&[&long, &long]);
        assert!(list.iter().all(|s| s.len() <= LONGEST_SLUG + 8 && !s.ends_with('-')), "{:?}", list[1]);
        assert_ne!(list[0], list[1]);
    }

    #[test]
    fn slugs_are_ascii_and_unique() {
        let names = ["Zoë Ó Briain", "Zoe O Briain", "Ωμέγα", "Anna TESTOWA-PRZYKŁAD", "Елисавета Василева", "李华"];
        assert_eq!(
            slugs(&names),
            ["zoe-o-briain", "zoe-o-briain-2", "omega", "anna-testowa-przyklad", "elisaveta-vasileva", "li-hua"]
        );
        // A name whose own slug a number gave to an earlier one gets the next number.
        assert_eq!(
            slugs(&["Anna Muller", "Anna Müller", "Anna Muller 2"]),
            ["anna-muller", "anna-muller-2", "anna-muller-2-2"]
        );
    }

    /// The slugs a list of names gets, as [`List::each_chunk`] gives them.
    fn slugs(names: &[&str]) -> Vec<String> {
        let mut assigned = Slugs::default();
        names.iter().map(|name| assigned.assign(name).unwrap_or_else(|| base_slug(name))).collect()
    }

    #[test]
    fn a_list_is_read_again_in_chunks_as_it_was_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.csv");
        let mut csv = String::from("\u{feff}name,id\n");
        for i in 0..1100 {
            let _ = writeln!(csv, "{},{i}", if i % 2 == 0 { "Anna Muller" } else { "Jan Test" });
        }
        std::fs::write(&path, &csv).unwrap();
        let join = dir.path().join("join.csv");
        std::fs::write(&join, "id,committees\n7,DROI\n").unwrap();
        let (list, _) = List::load(&path, Some(&join), &Selection::default()).unwrap();
        assert_eq!(list.len(), 1100);
        let mut sizes = Vec::new();
        let mut people = Vec::new();
        list.each_chunk(CHUNK, |chunk| {
            sizes.push(chunk.len());
            people.extend(chunk.iter().map(|p| (p.slug.clone(), p.committees.clone())));
        })
        .unwrap();
        assert_eq!(sizes, [CHUNK, CHUNK, 1100 - 2 * CHUNK]);
        assert_eq!(people[0].0, "anna-muller");
        assert_eq!(people[2].0, "anna-muller-2");
        assert_eq!(people[1099].0, "jan-test-550");
        assert_eq!(people[7].1, ["DROI"], "what the joined file adds");
        // A file changed after it was checked is not taken for the one checked.
        std::fs::write(&path, csv.replace("Jan Test", "Jan Changed")).unwrap();
        let error = list.each_chunk(CHUNK, |_| {}).unwrap_err();
        assert!(error.message.contains("changed"), "{}", error.message);
    }
}
