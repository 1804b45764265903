//! `amicus new <kind> ID`: a commented skeleton of a file that `check` accepts with warnings,
//! so that a lawyer starts from the fields amicus knows rather than from a blank page.
//!
//! Contract: each function writes one new file where the loader looks for its kind (a case:
//! one person at the top level, or a trial of several under `defendants`, with a first-instance
//! stage that gives each their result; a shared entity under `cases/_shared/<kind>s/`; a
//! digest under `cases/_digests/`), beginning with the line that names its schema, and never
//! overwrites a file: an id already taken is an error naming the file that holds it. What the
//! writer must still supply is marked `TODO`, which `check` warns about until it is gone.

use std::path::{Path, PathBuf};

use crate::case::{Case, Text};
use crate::diag::Diagnostic;
use crate::schema::FileKind;

/// `amicus init DIR`: a project that `amicus build` turns into documents at once. It holds the
/// example case and the shared files it names, every jurisdiction amicus has an example of,
/// the example sender (to replace with yours), the schemas the files' first lines name, and a
/// `.gitignore` for `out/` (unless the folder has one); the templates stay built in until `amicus templates export`. Makes
/// `dir` if it does not exist; refuses a folder that holds a project already or any file it
/// would write, before writing anything. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = crate::templates::init_files()
        .iter()
        .map(|(path, bytes)| (dir.join("cases").join(path), bytes.to_vec()))
        .collect();
    for kind in FileKind::ALL {
        let schema = format!("{}\n", crate::schema::schema(kind));
        files.push((dir.join("schema").join(format!("{}.schema.json", kind.name())), schema.into_bytes()));
    }
    if dir.join("cases").exists() {
        return Err(Diagnostic::error("this folder holds an amicus project already; init changes nothing")
            .in_file(&dir.join("cases"))
            .hint("run `amicus build` there, or give `amicus init` a new folder"));
    }
    // Inside a project, the new one's files would be read as the enclosing project's cases.
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    if let Some(enclosing) = absolute.ancestors().skip(1).find(|d| crate::cli::is_project(d)) {
        return Err(Diagnostic::error("this folder is inside an amicus project; init changes nothing")
            .in_file(enclosing)
            .hint("make the new project outside it, or work in the project that is there"));
    }
    if let Some((taken, _)) = files.iter().find(|(path, _)| path.exists()) {
        return Err(Diagnostic::error("init would replace this file; it changes nothing")
            .in_file(taken)
            .hint("move the file away, or give `amicus init` a new folder"));
    }
    // A folder under version control may have its own: it is left as it is.
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        files.push((ignore, b"# What amicus builds: made again by `amicus build`.\n/out/\n".to_vec()));
    }
    // All or nothing: a folder left half made would be refused by the next init.
    for (done, (path, bytes)) in files.iter().enumerate() {
        if let Err(diagnostic) = place(path, bytes) {
            for (written, _) in &files[..done] {
                let _ = std::fs::remove_file(written);
            }
            return Err(diagnostic);
        }
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Whether `id` can name a new file: lowercase letters, digits and hyphens, not starting with
/// a hyphen (so it is a plain file name, and plain YAML).
pub fn is_valid_id(id: &str) -> bool {
    let valid = !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    valid && !id.starts_with('-') && id != crate::output::DIGESTS_DIR
}

/// Writes `cases/<id>.yaml` for a trial of `defendants` people (at least one), taking
/// jurisdiction, place, statements and sources from `from` when given. The jurisdiction is
/// otherwise the project's only one, or a placeholder naming those it has: a case in another
/// country must not silently take the first country's law. Never overwrites a file.
pub fn new_case(
    cases_dir: &Path,
    id: &str,
    from: Option<&Case>,
    defendants: usize,
    jurisdictions: &[String],
) -> Result<PathBuf, Diagnostic> {
    let path = free_path(cases_dir, FileKind::Case, id)?;
    let yaml_list = |items: &[String]| format!("[{}]", items.join(", "));
    let (jurisdiction, place, statements, sources) = match from {
        Some(case) => {
            (case.jurisdiction.clone(), yaml_text(&case.place), yaml_list(&case.statements), yaml_list(&case.sources))
        }
        None => {
            let jurisdiction = match jurisdictions {
                [only] => only.clone(),
                _ => format!(
                    "\"TODO: the id of a file in cases/_shared/jurisdictions/{}\"",
                    if jurisdictions.is_empty() { String::new() } else { format!(" ({})", jurisdictions.join(", ")) }
                ),
            };
            (jurisdiction, "\"TODO: the town or city of the trial\"".into(), "[]".into(), "[]".into())
        }
    };
    let people = match defendants {
        0 | 1 => format!("{}\n{STAGES_ONE}", person("")),
        n => {
            let list: Vec<String> = (1..=n)
                .map(|i| format!("  - id: defendant-{i}   # names their folder in out/\n{}", person("    ")))
                .collect();
            let results: Vec<String> = (1..=n)
                .map(|i| format!("#       - {{ defendant: defendant-{i}, outcome: convicted, sentence: [{{ kind: imprisonment, term: 5y }}] }}"))
                .collect();
            format!("defendants:\n{}{STAGES_SEVERAL}{}\n", list.concat(), results.join("\n"))
        }
    };
    let text = format!(
        r#"{schema_line}
# A new case. Replace every TODO; write `unknown` where the sources do not say.
# `amicus check` lists what each kind of document still needs.
id: {id}
jurisdiction: {jurisdiction}   # a file in cases/_shared/jurisdictions/
place: {place}
{people}acts: []   # what is prosecuted, in the words of the sources
statements: {statements}   # ids in cases/_shared/statements/
sources: {sources}   # ids in cases/_shared/sources/
# campaign:   # what fact sheets ask of readers
#   act_by: 2026-01-31   # printed while it is ahead
#   addressees: []   # officials for this case in particular, as in the jurisdiction file
# confidential:   # never printed in public documents
#   lawyer: {{ name: unknown, role: defence counsel }}
#   submitter: {{ name: unknown, role: human rights organisation }}
"#,
        schema_line = FileKind::Case.schema_line()
    );
    write(&path, &text)?;
    Ok(path)
}

/// Writes `cases/_shared/<kind>s/<id>.yaml`, or `cases/_digests/<id>.yaml` for a digest,
/// making the folder if the project has none yet. Never overwrites a file.
pub fn new_file(cases_dir: &Path, kind: FileKind, id: &str) -> Result<PathBuf, Diagnostic> {
    let body = match kind {
        FileKind::Case => return new_case(cases_dir, id, None, 1, &[]),
        FileKind::Jurisdiction => JURISDICTION,
        FileKind::Organisation => ORGANISATION,
        FileKind::Statement => STATEMENT,
        FileKind::Source => SOURCE,
        FileKind::Digest => DIGEST,
        FileKind::Sender => SENDER,
    };
    let path = free_path(cases_dir, kind, id)?;
    let folder = path.parent().expect("a file in a folder");
    std::fs::create_dir_all(folder)
        .map_err(|e| Diagnostic::error(format!("cannot make the folder for the new file: {e}")).in_file(folder))?;
    write(&path, &format!("{}\n{}", kind.schema_line(), body.replace("{id}", id)))?;
    Ok(path)
}

/// Where a new file of `kind` called `id` goes, or the error if a file there already has that
/// name in any format amicus reads: `kz.toml` beside a new `kz.yaml` would be two jurisdictions
/// with one id, and a case file the user wrote by hand must never be replaced by a skeleton.
fn free_path(cases_dir: &Path, kind: FileKind, id: &str) -> Result<PathBuf, Diagnostic> {
    let folder = cases_dir.join(kind.folder());
    let taken = ["yaml", "yml", "toml", "json"]
        .into_iter()
        .map(|extension| folder.join(format!("{id}.{extension}")))
        .find(|path| path.exists());
    match taken {
        Some(existing) => Err(Diagnostic::error(format!(
            "a {} file with this id exists already; amicus does not overwrite it",
            kind.name()
        ))
        .in_file(&existing)
        .hint("choose another id, or edit the existing file")),
        None => Ok(folder.join(format!("{id}.yaml"))),
    }
}

/// Writes a new file, never over one made since [`free_path`] looked.
fn write(path: &Path, text: &str) -> Result<(), Diagnostic> {
    crate::output::write_atomic_new(path, text.as_bytes()).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Diagnostic::error("a file with this id exists already").in_file(path),
        _ => Diagnostic::error(format!("cannot write the new file: {e}")).in_file(path),
    })
}

/// Writes a new file, making its folders: for `init` and `templates export`, whose callers
/// have checked that nothing is there.
pub fn place(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|e| Diagnostic::error(format!("cannot make this folder: {e}")).in_file(folder))?;
    }
    crate::output::write_atomic(path, bytes)
        .map_err(|e| Diagnostic::error(format!("cannot write this file: {e}")).in_file(path))
}

// The skeletons of the files cases refer to, after their schema line; `{id}` is the new id.
// A field the loader requires gets a `TODO` value the writer replaces, or, where no text can
// stand in (a date, a kind from a list), a value and a `TODO` comment: `check` warns about
// either until it is gone. Optional fields are comments, so that a file left half done says
// nothing it was not told. Their header says nothing of TODOs, since every line holding one
// is warned about.

const JURISDICTION: &str = r#"# A country's law as documents print it. Cases name it with `jurisdiction: {id}`.
# `amicus check --kind appeal` lists what a kind of document still needs from this file;
# cases/_shared/jurisdictions/kz.yaml is a complete example.
country: "TODO: the country's name; in several languages: { en: ..., ru: ... }"
adjective: "TODO: the adjective, as in 'the ... authorities'"
codes:   # the codes charges cite, each under the key a charge's `code` names
  criminal:
    name: "TODO: the code's full name, e.g. Criminal Code of the Republic of ..."
    abbreviation: "TODO: as documents abbreviate it, e.g. CC"
  # administrative:   # a code of administrative offences: documents say "decision", not "verdict"
  #   name: Code of Administrative Offences of the Republic of ...
  #   abbreviation: CAO
  #   administrative: true
filing_languages: []   # the languages courts accept filings in, e.g. [uz, ru]
# appeal:   # how a verdict not yet in force is appealed (kz.yaml shows every field)
#   deadline_days: 10
#   deadline_source: the law and article that set the deadline
#   verified: false   # true once someone has checked it against the law in force
#   filed_through: through the court that delivered the verdict
#   courts:
#     - { places: [the town of the trial], name: the appellate court }
# penalties:   # what a kind of penalty means here, for readers abroad
#   restriction_of_liberty: confines the person to their place of residence
# regimes:   # how a prison term is served, by the key a sentence's `regime` gives
#   general: a general-regime penal colony
# remedy_in_force: a cassation petition to the Supreme Court   # once a verdict is in force
# write_to: the authorities of ...   # "Write to ..." on fact sheets (ru: the dative)
# addressees:   # the officials fact sheets ask readers to write to, with where that comes from
#   - office: President of ...
#     address: [street and number, postcode and city, country]
#     salutation: Dear President   # without the comma
#     source: the page or letter that gives the address
#     as_of: 2026-01-01
#     verified: false   # true once checked against a current source
"#;

const SENDER: &str = r#"# Who sends, signs and submits the documents: the letterhead of letters, the issuer of briefs
# and fact sheets, the submitter to UN bodies unless a case's `confidential.submitter` names
# someone else. Cases use `default` (or the project's only sender) unless they say
# `sender: {id}`.
organisation: "TODO: the organisation's name; in several languages: { en: ..., ru: ... }"
address:   # the postal address, a line per item, the country last
  - "TODO: street and number"
  - "TODO: postcode and town"
  - "TODO: country"
place: "TODO: the town letters are dated from"
email: "TODO: the address replies go to"
# phone: "+32 2 000 00 00"
# website: https://example.org
signatory:   # who signs letters and is the UN bodies' contact
  name: { given: "TODO: given name", family: "TODO: family name" }
  role: "TODO: their position, e.g. Advocacy Director"
# logo: logo.png   # a picture next to this file, printed at the head of letters
"#;

const ORGANISATION: &str = r#"# An organisation cases name by its id (`{id}`): under an act's `organisations`, or a
# statement's `condemns`.
name: "TODO: the short name used in running text; in several languages: { en: ..., ru: ... }"
full_name: "TODO: the full name"
kind: "TODO: what it is, e.g. opposition movement"
# footnote_mark: "*"   # if the sources mark its name with a footnote, as for a banned organisation
# footnote: the footnote's text
sources: []   # where the facts about it come from: ids in cases/_shared/sources/
"#;

const STATEMENT: &str = r#"# What a body said about a case: cases and digests cite it by its id (`{id}`). Who made it
# decides where documents put it: only the European Parliament's own texts are what
# "Parliament has already said"; other international bodies' are noted, NGOs' reported apart.
author: ngo   # TODO: european_parliament, wgad, special_procedures, treaty_body, un_office, osce, council_of_europe, european_union, government, ngo, or authorities (the prosecuting state's own: given to UN bodies only)
body: "TODO: who said it, e.g. Human Rights Watch; in several languages: { en: ..., ru: ... }"
# body_gender: feminine   # the gender of the body's name, for Russian verbs; masculine if left out (feminine for a name in Latin letters)
# body_without_the: true   # a name English says without "the": Amnesty International, Human Rights Watch
kind: statement   # TODO: resolution, opinion, statement, press_release, urgent_appeal, allegation_letter, communication, report, letter, views, recommendation or award (a prize)
title: "TODO: the title as published"
subject: "TODO: what it is about, as it follows 'resolution on' in running text (an award: what and to whom, as it follows 'awarded')"
date: 1970-01-01   # TODO: the date it was adopted or published (YYYY-MM-DD)
# reference: P9_TA(2021)0056   # the body's own reference; `unknown` if the sources give none
# vote: { for: 0, against: 0, abstentions: 0 }
# concerns:   # the people it is about, with the spelling of the name it uses
#   - { case: doe-2024, name: John Doe }   # add `defendant: <id>` for a trial of several
# findings:   # what it found: for a Working Group opinion, the categories too
#   text: that the detention was arbitrary
#   categories: [II, III]   # or `unknown`
#   government_replied: unknown   # or true / false
# calls_on:   # whom it calls on, and to do what
#   addressee: the authorities of ...
#   demands:
#     - release ... immediately and unconditionally
condemns: []   # - { text: ..., organisations: [ids in cases/_shared/organisations/] }
sources: []   # where it is published: ids in cases/_shared/sources/
"#;

const SOURCE: &str = r#"# A document the facts come from: cases, statements and digests cite it by its id (`{id}`).
title: "TODO: the title as published"
kind: "TODO: what it is, e.g. court verdict, NGO report, news article"
publisher: unknown   # TODO: who published it, or keep `unknown`
date: unknown   # TODO: the date it was published (YYYY-MM-DD), or keep `unknown`
url: unknown   # TODO: where to read it, or keep `unknown`
"#;

const DIGEST: &str = r#"# A report over several cases, built as out/digests/{id}.<language>.pdf: it covers each case
# that meets every criterion under `select`, and each case listed there.
id: {id}
# title: { en: ..., ru: ... }   # without it, the title is made from the selection
select:
  place: "TODO: the town of the trials, in any of its languages"
  # from: YYYY-MM-DD   # the first verdict date included
  # to: YYYY-MM-DD   # the last verdict date included
  cases: []   # ids of cases to include besides
statements: []   # ids in cases/_shared/statements/, besides those the cases cite
sources: []   # ids in cases/_shared/sources/
"#;

/// One person's fields, indented for the top level or for a `defendants` entry.
fn person(indent: &str) -> String {
    let lines = [
        "person:",
        "  name:",
        "    given: \"TODO: given name, Latin letters\"",
        "    family: \"TODO: family name, Latin letters\"",
        "    # ru: { given: ..., family: ... }   # the Cyrillic form, for Russian documents",
        "  role: \"TODO: how the sources describe the person, e.g. civil activist\"",
        "  # sex: female | male   # needed for Russian grammar",
        "  birth_date: unknown",
        "  nationality: unknown",
        "arrest: unknown   # or: { date: YYYY-MM-DD, place: ..., by: ... }",
        "charges: []",
        "#  - { code: criminal, article: \"405\", part: 2, title: participation in an extremist organisation }",
        "# detention:   # each place held, in order; a transfer is the next entry",
        "#   - { kind: pretrial_centre, place: ..., from: YYYY-MM-DD }   # or YYYY-MM, YYYY",
        "# status: detained   # else derived from the record; with `status_as_of: YYYY-MM-DD`",
    ];
    lines.iter().map(|line| format!("{indent}{line}\n")).collect()
}

/// The stages of a one-person case: its verdict, then appeals as they come.
const STAGES_ONE: &str = r#"# stages:   # the verdict and every later decision; whether it is in force is derived
#   - stage: first_instance
#     court: unknown
#     date: YYYY-MM-DD
#     outcome: convicted   # or acquitted
#     sentence:
#       - { kind: imprisonment, term: 5y, regime: general }
#       - { kind: ban, term: 2y6m, scope: [social and political activity] }
#   - { stage: appeal, court: unknown, date: YYYY-MM-DD, appealed_by: defence, outcome: upheld }
"#;

/// The first stage of a trial of several: each person's result.
const STAGES_SEVERAL: &str = r#"# stages:   # the verdict and every later decision; whether it is in force is derived
#   - stage: first_instance
#     court: unknown
#     date: YYYY-MM-DD
#     results:   # each person's outcome (convicted, acquitted) and sentence
"#;

/// A text as YAML flow: a quoted string, or `{ en: "...", ru: "..." }`.
fn yaml_text(text: &Text) -> String {
    let quote = |s: &str| serde_json::to_string(s).expect("strings serialize");
    match text {
        Text::Plain(s) => quote(s),
        Text::ByLanguage(texts) => {
            let parts: Vec<String> = texts.iter().map(|(lang, s)| format!("{lang}: {}", quote(s))).collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}
