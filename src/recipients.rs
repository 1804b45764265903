//! Recipients of letters: a CSV file (header with `name`, or `given` and `family`; optional
//! `title`, `group`, `country`, `committees`, `email`, `office`, `address`, `id`) or the
//! European Parliament's published list of Members (XML: `mep` elements with `fullName`,
//! `country`, `politicalGroup`, `id`, `nationalPoliticalGroup`), optionally joined with a CSV
//! keyed by member `id` that adds what the list lacks (committees, e-mail, office).
//!
//! Contract: [`load`] returns every recipient with a family name to address them by (the
//! `family` column; in the Parliament's list, the words of `fullName` in capitals; otherwise the
//! last word of the name, with a warning that says so), a file-safe, unique slug (in Latin
//! letters whatever the name's script) and warnings about columns it leaves out and people the
//! joined file says nothing of, or every error it found, each located at the file and line
//! that is wrong.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;
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

/// Reads a recipients file, by its extension (`.csv` or `.xml`): the recipients and warnings
/// (columns left out), or every error found (each bad line of a CSV, not only the first).
pub fn load(path: &Path, join: Option<&Path>) -> Result<(Vec<Recipient>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (text, at) = read(path, "give a CSV file with a `name` column, or the Parliament's MEP list in XML")?;
    let mut warnings = Vec::new();
    let mut recipients = match path.extension().and_then(|e| e.to_str()) {
        Some("xml") => from_xml(&text, &at).map_err(|e| vec![e])?,
        Some("csv") => match from_csv(&text, &at, &mut warnings, "name") {
            Ok(recipients) => recipients,
            // The warnings too: a column left out may be why a line is wrong.
            Err(errors) => return Err(warnings.into_iter().chain(errors).collect()),
        },
        _ => {
            return Err(vec![Diagnostic::error("recipients must be a `.csv` or `.xml` file").in_file(path)]);
        }
    };
    if recipients.is_empty() {
        return Err(vec![Diagnostic::error("the recipients file lists nobody").in_file(path)]);
    }
    if let Some(join) = join
        && let Err(errors) = join_by_id(&mut recipients, join, &mut warnings)
    {
        return Err(warnings.into_iter().chain(errors).collect());
    }
    if recipients.iter().all(|r| r.committees.is_empty()) {
        warnings.push(
            Diagnostic::warning(
                "no recipient has committees: every letter makes the asks for members outside the Subcommittee on Human Rights",
            )
            .in_file(path)
            .hint("give a `committees` column, or `--join` a CSV with the columns `id,committees` keyed by member id"),
        );
    }
    assign_slugs(&mut recipients);
    Ok((recipients, warnings))
}

/// A recipients file's text without a byte-order mark, and how to locate a line and column in
/// it; or why it cannot be read, with `hint`.
#[allow(clippy::type_complexity)]
fn read(path: &Path, hint: &str) -> Result<(Arc<str>, impl Fn(usize, usize) -> Location), Vec<Diagnostic>> {
    let text = crate::files::read_text_capped(path, crate::files::RECIPIENTS_LIMIT).map_err(|e| {
        vec![Diagnostic::error(format!("cannot read the recipients file: {e}")).in_file(path).hint(hint.to_owned())]
    })?;
    let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let source = text.clone();
    let path = path.to_path_buf();
    let at = move |line: usize, column: usize| {
        let offset = Location::offset_of(&source, line, column);
        Location { path: path.clone(), source: source.clone(), range: offset..offset + 1 }
    };
    Ok((text, at))
}

/// Adds to each recipient what a CSV keyed by member `id` gives of them (the Parliament's list
/// has no committees, e-mail addresses or offices); what the recipients file gives is kept.
/// Warns about recipients the file has no line for, and lines that match nobody.
fn join_by_id(
    recipients: &mut [Recipient],
    path: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), Vec<Diagnostic>> {
    let (text, at) =
        read(path, "give a CSV file with an `id` column and the columns to add, e.g. `id,committees,email`")?;
    let joined = from_csv(&text, &at, warnings, "id")?;
    // `from_csv` has read the name columns under any of their aliases: names are not joined.
    if joined.iter().any(|row| !row.name.is_empty() || row.given.is_some() || row.family.is_some()) {
        warnings.push(
            Diagnostic::warning("the joined file's name columns are not joined: names come from the recipients file")
                .at(at(1, 1))
                .hint("the columns joined are title, group, country, committees, email, office and address"),
        );
    }
    let mut by_id: HashMap<&str, &Recipient> = HashMap::new();
    let mut repeated = Vec::new();
    for row in &joined {
        let id = row.id.as_deref().unwrap_or_default();
        if by_id.insert(id, row).is_some() {
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
    let mut matched = HashSet::new();
    let (mut missing, mut without_id) = (Vec::new(), 0);
    for person in recipients.iter_mut() {
        let Some(id) = person.id.as_deref() else {
            without_id += 1;
            continue;
        };
        let Some(row) = by_id.get(id) else {
            missing.push(id.to_owned());
            continue;
        };
        matched.insert(row.id.clone());
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
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
        warnings.push(
            Diagnostic::warning(format!(
                "{} of {} recipients have no line in the joined file ({}{}): their letters lack what it adds",
                missing.len(),
                recipients.len(),
                shown.join(", "),
                if missing.len() > shown.len() { ", ..." } else { "" }
            ))
            .in_file(path)
            .hint("add a line for each, keyed by the member id the recipients file gives"),
        );
    }
    if without_id > 0 {
        warnings.push(
            Diagnostic::warning(format!(
                "{without_id} of {} recipients have no `id`: nothing is joined to them",
                recipients.len()
            ))
            .in_file(path)
            .hint("give the recipients file an `id` column (the Parliament's list has one)"),
        );
    }
    let unmatched = joined.iter().filter(|row| !matched.contains(&row.id)).count();
    if unmatched > 0 {
        let lines = if unmatched == 1 { "1 line".to_owned() } else { format!("{unmatched} lines") };
        let verb = if unmatched == 1 { "matches" } else { "match" };
        warnings.push(
            Diagnostic::warning(format!("{lines} of the joined file {verb} no recipient by `id`: left out"))
                .in_file(path)
                .hint("check the ids against the recipients file (the Parliament's list gives them in `id`)"),
        );
    }
    Ok(())
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

fn recipient(name: String) -> Recipient {
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
    text: &str,
    at: &dyn Fn(usize, usize) -> Location,
    warnings: &mut Vec<Diagnostic>,
    key: &str,
) -> Result<Vec<Recipient>, Vec<Diagnostic>> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(1, |p| p.line() as usize);
        let message = match e.kind() {
            csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                format!("this CSV line has {len} fields where the header names {expected_len}")
            }
            _ => format!("this CSV line cannot be read: {e}"),
        };
        Diagnostic::error(message)
            .at(at(line, 1))
            .hint("every line needs as many fields as the header; quote fields that contain commas")
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| vec![csv_error(e)])?
        .iter()
        .map(|h| {
            let h = h.to_lowercase().replace([' ', '-'], "_");
            CSV_ALIASES.iter().find(|(alias, _)| *alias == h).map_or(h, |(_, column)| column.to_string())
        })
        .collect();
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
    let mut recipients = Vec::new();
    // Every bad line is reported, not only the first: a list of 700 is fixed in one pass.
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(csv_error(e));
                continue;
            }
        };
        let line = record.position().map_or(1, |p| p.line() as usize);
        let field = |name: &str| column(name).and_then(|i| record.get(i)).filter(|v| !v.is_empty()).map(str::to_owned);
        let (given, family) = (field("given"), field("family"));
        let name = field("name").or_else(|| Some(format!("{} {}", given.as_deref()?, family.as_deref()?)));
        let name = match (key, name, field("id")) {
            ("id", _, None) => {
                errors.push(Diagnostic::error("this line has no `id`").at(at(line, 1)).field("id"));
                continue;
            }
            ("id", name, Some(_)) => name.unwrap_or_default(),
            (_, Some(name), _) => name,
            (_, None, _) => {
                errors.push(Diagnostic::error("this recipient has no name").at(at(line, 1)).field("name"));
                continue;
            }
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
        recipients.push(person);
    }
    match errors.is_empty() {
        true => Ok(recipients),
        false => Err(errors),
    }
}

fn from_xml(text: &str, at: &dyn Fn(usize, usize) -> Location) -> Result<Vec<Recipient>, Diagnostic> {
    let document = roxmltree::Document::parse(text).map_err(|e| {
        let position = e.pos();
        Diagnostic::error(format!("the XML cannot be read: {e}")).at(at(position.row as usize, position.col as usize))
    })?;
    let mut recipients = Vec::new();
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
        recipients.push(person);
    }
    Ok(recipients)
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

/// Gives each recipient a file name from their name, unique within the list.
fn assign_slugs(recipients: &mut [Recipient]) {
    // Sets, not lists: a list of ten thousand Members must not cost a hundred million comparisons.
    let mut taken: HashSet<String> = HashSet::new();
    let mut next_number: HashMap<String, usize> = HashMap::new();
    for recipient in recipients {
        // Any script to Latin letters ("Ελισάβετ" → "elisavet", "Łukasz" → "lukasz"): a Greek
        // or Bulgarian Member's letter is named after them, not `recipient-17`.
        let mut base = String::new();
        for c in deunicode::deunicode(&recipient.name).chars().flat_map(char::to_lowercase) {
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
        let mut base = base.trim_matches('-').to_owned();
        if base.is_empty() {
            base = "recipient".to_owned();
        }
        let mut slug = base.clone();
        let n = next_number.entry(base.clone()).or_insert(2);
        while taken.contains(&slug) {
            slug = format!("{base}-{n}");
            *n += 1;
        }
        taken.insert(slug.clone());
        recipient.slug = slug;
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
        let mut list: Vec<Recipient> =
            [long.as_str(), long.as_str()].iter().map(|name| recipient(name.to_string())).collect();
        assign_slugs(&mut list);
        assert!(list.iter().all(|r| r.slug.len() <= LONGEST_SLUG + 8 && !r.slug.ends_with('-')), "{:?}", list[1].slug);
        assert_ne!(list[0].slug, list[1].slug);
    }

    #[test]
    fn slugs_are_ascii_and_unique() {
        let names = ["Zoë Ó Briain", "Zoe O Briain", "Ωμέγα", "Anna TESTOWA-PRZYKŁAD", "Елисавета Василева", "李华"];
        let mut list: Vec<Recipient> = names.iter().map(|n| recipient(n.to_string())).collect();
        assign_slugs(&mut list);
        let slugs: Vec<&str> = list.iter().map(|r| r.slug.as_str()).collect();
        assert_eq!(
            slugs,
            ["zoe-o-briain", "zoe-o-briain-2", "omega", "anna-testowa-przyklad", "elisaveta-vasileva", "li-hua"]
        );
    }
}
