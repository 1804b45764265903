//! Stage `load`: case files, digests and shared entities from disk into typed values.
//!
//! Contract: [`load`] reads every data file under the cases folder (and any extra paths the
//! user named). A file that cannot be read or parsed yields a diagnostic and is left out; the
//! others still load. Nothing here judges whether the facts make sense: that is `check`.
//!
//! Layout of the cases folder:
//! - `*.yaml|toml|json` (any depth, outside `_` folders): one case each;
//! - `_digests/*`: digest definitions;
//! - `_shared/<kind>/<id>.*`: shared entities, the file name being the id, where kind is
//!   `organisations`, `statements`, `sources`, `jurisdictions` or `senders`.

mod model;
mod parse;
mod proceeding;
mod values;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;

pub use model::*;
pub use parse::{FieldIndex, Format, SourceFile, did_you_mean, yaml_options};
pub use proceeding::{Current, Standing, end_of};
pub use values::*;

use crate::diag::{Diagnostic, Location};

/// A value together with the file it came from, so later stages can point back at it.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: T,
    pub file: Arc<SourceFile>,
    /// Where each field is written, found the first time a diagnostic asks: finding it parses
    /// the file a second time, which a build without problems never needs.
    index: OnceLock<FieldIndex>,
}

impl<T> Loaded<T> {
    /// Where a field (`verdict.date`) is written in the file; the file's start if nowhere.
    pub fn locate(&self, field: &str) -> Location {
        let index = self.index.get_or_init(|| parse::index(&self.file).unwrap_or_default());
        self.file.location(index.find(field).unwrap_or(0..0))
    }

    /// The field written at a byte of the file (see [`FieldIndex::field_at`]).
    pub fn field_at(&self, at: usize) -> Option<String> {
        let index = self.index.get_or_init(|| parse::index(&self.file).unwrap_or_default());
        index.field_at(&self.file.text, at).map(str::to_owned)
    }

    /// An error about a field of this file.
    pub fn error(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).at(self.locate(field)).field(field)
    }

    /// A warning about a field of this file.
    pub fn warning(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(message).at(self.locate(field)).field(field)
    }

    pub fn path(&self) -> &Path {
        &self.file.path
    }
}

/// Picture formats a case (or a sender) may attach.
pub const PHOTO_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

impl Loaded<Case> {
    /// A photo of the case on disk, checked to lie inside the case file's folder; `None` without
    /// a photo, an error saying what is wrong with the path otherwise.
    pub fn photo_file(&self, photo: &Photo) -> Option<Result<PathBuf, String>> {
        Some(picture_in(self.path().parent().unwrap_or(Path::new(".")), &photo.file, "case"))
    }
}

impl Loaded<Sender> {
    /// The sender's logo on disk, checked to be a picture inside the sender file's folder.
    pub fn logo_file(&self) -> Result<PathBuf, String> {
        let logo = self.value.logo.as_deref().unwrap_or_default();
        picture_in(self.path().parent().unwrap_or(Path::new(".")), logo, "sender")
    }
}

/// A picture a data file names, `file` relative to the data file's folder `dir`: its path,
/// or why it cannot be used (a path out of the folder, not a picture, a pipe or a device).
/// `owner` names the data file in messages (`case`, `sender`).
fn picture_in(dir: &Path, file: &str, owner: &str) -> Result<PathBuf, String> {
    let relative = Path::new(file);
    if !relative.components().all(|c| matches!(c, std::path::Component::Normal(_))) {
        return Err(format!("`{file}` must be a path inside the {owner} file's folder, without `..`"));
    }
    let extension = relative.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    if !PHOTO_EXTENSIONS.contains(&extension.as_str()) {
        return Err(format!("`{file}` is not a picture amicus can print ({})", PHOTO_EXTENSIONS.join(", ")));
    }
    let path = dir.join(relative);
    let real = path.canonicalize().map_err(|e| format!("cannot open `{file}`: {e}"))?;
    let allowed = dir.canonicalize().map_err(|e| format!("cannot open the {owner} file's folder: {e}"))?;
    if !real.starts_with(&allowed) {
        return Err(format!("`{file}` leads outside the {owner} file's folder"));
    }
    // A pipe would block the build; a device never ends.
    crate::files::check_readable(&real, crate::files::PHOTO_LIMIT).map_err(|e| format!("`{file}` is {}", e.what()))?;
    Ok(path)
}

/// Entities many cases refer to by id.
#[derive(Debug, Default)]
pub struct Shared {
    pub organisations: BTreeMap<String, Loaded<Organisation>>,
    pub statements: BTreeMap<String, Loaded<Statement>>,
    pub sources: BTreeMap<String, Loaded<Source>>,
    pub jurisdictions: BTreeMap<String, Loaded<Jurisdiction>>,
    pub senders: BTreeMap<String, Loaded<Sender>>,
    /// Files under `_shared/` that could not be read or parsed, by folder (`sources`) and id,
    /// with the error that says why: a reference to one is reported as that file's failure,
    /// not as an id nobody wrote.
    pub unreadable: BTreeMap<(&'static str, String), Diagnostic>,
}

/// The id of the sender a case names when it names none.
pub const DEFAULT_SENDER: &str = "default";

impl Shared {
    /// Who sends the documents about a case: the sender it names, else `default`, else the
    /// project's only sender; `None` when there is none to take (a case naming an unknown one
    /// is reported by `check`).
    pub fn sender_of(&self, case: &Case) -> Option<&Loaded<Sender>> {
        self.sender_named(case.sender.as_deref())
    }

    /// The sender of that id, or the project's (`default`, else the only one) without one.
    pub fn sender_named(&self, id: Option<&str>) -> Option<&Loaded<Sender>> {
        match id {
            Some(id) => self.senders.get(id),
            None if self.senders.len() == 1 => self.senders.values().next(),
            None => self.senders.get(DEFAULT_SENDER),
        }
    }
}

/// Everything read from a cases folder.
#[derive(Debug, Default)]
pub struct Project {
    pub cases: Vec<Loaded<Case>>,
    pub digests: Vec<Loaded<Digest>>,
    pub shared: Shared,
    /// Case files that could not be read or parsed (their diagnostics say why).
    pub unreadable_cases: Vec<PathBuf>,
}

impl Project {
    /// Whether documents about `case` are made in `lang`: the languages its `languages` lists;
    /// without them English, every language the file is written in (see `written_in`) and any
    /// `asked` for by name (`--lang ru`), except one that only another country's courts use (a
    /// Kyrgyz case is not written up in Kazakh). A language the courts of several countries use
    /// (Russian) is every case's written in it; so is every such language while the case's own
    /// jurisdiction or any jurisdiction file cannot be read (whose courts use what is not known
    /// then, and a document is better made than withheld).
    pub fn makes_in(&self, case: &Case, lang: &str, asked: bool) -> bool {
        self.not_made_in(case, lang, asked).is_none()
    }

    /// Why documents about `case` are not made in `lang` (see [`Project::makes_in`]), if they are not.
    pub fn not_made_in(&self, case: &Case, lang: &str, asked: bool) -> Option<&'static str> {
        if !case.languages.is_empty() {
            return (!case.languages.iter().any(|l| l == lang)).then_some("the case file's `languages` leave it out");
        }
        if lang == "en" {
            return None;
        }
        if !asked && !written_in(case, lang) {
            return Some(NOT_WRITTEN_IN);
        }
        let jurisdictions = &self.shared.jurisdictions;
        let all_read = !self.shared.unreadable.keys().any(|(kind, _)| *kind == "jurisdictions");
        let own = jurisdictions.get(&case.jurisdiction).filter(|_| all_read)?;
        let filed_in = |j: &&Loaded<Jurisdiction>| j.value.filing_languages.iter().any(|l| l == lang);
        let foreign = !filed_in(&own) && jurisdictions.values().filter(filed_in).count() == 1;
        foreign.then_some("it is another country's court language")
    }
}

/// Why a case written in English gets no Russian documents unless asked.
pub const NOT_WRITTEN_IN: &str = "the case file is not written in it (fewer than half its texts give it; list it in \
                                  the case's `languages`, or ask with `--lang`, to make them all the same)";

/// Whether a case is written in `lang`: at least half of the texts it gives by language
/// (`{ en: ..., ru: ... }`) have a `lang` text. A Georgian case that gave a few courts' names
/// in Russian beside English arguments made Russian sheets of English sentences.
fn written_in(case: &Case, lang: &str) -> bool {
    fn count(value: &serde_json::Value, lang: &str, counts: &mut (usize, usize)) {
        match value {
            serde_json::Value::Object(fields) => {
                if !fields.is_empty() && fields.iter().all(|(key, value)| is_language_code(key) && value.is_string()) {
                    counts.0 += usize::from(fields.contains_key(lang));
                    counts.1 += 1;
                }
                fields.values().for_each(|value| count(value, lang, counts));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| count(item, lang, counts)),
            _ => {}
        }
    }
    let mut counts = (0, 0);
    count(&serde_json::to_value(case).unwrap_or_default(), lang, &mut counts);
    counts.0 > 0 && counts.0 * 2 >= counts.1
}

/// Folder names under `_shared/` and the entity kinds they hold.
pub const SHARED_KINDS: [&str; 5] = ["organisations", "statements", "sources", "jurisdictions", "senders"];

/// Reads the cases folder and any extra files or folders, returning what loaded and what failed.
pub fn load(cases_dir: &Path, extra: &[PathBuf]) -> (Project, Vec<Diagnostic>) {
    let mut project = Project::default();
    let mut diagnostics = Vec::new();

    let shared_dir = cases_dir.join("_shared");
    for kind in SHARED_KINDS {
        for path in data_files(&shared_dir.join(kind), false) {
            let id = path_id(&path);
            let shared = &mut project.shared;
            let result = match kind {
                "organisations" => read(&path).map(|v| shared.organisations.insert(id.clone(), v)).map(drop),
                "statements" => read(&path).map(|v| shared.statements.insert(id.clone(), v)).map(drop),
                "sources" => read(&path).map(|v| shared.sources.insert(id.clone(), v)).map(drop),
                "senders" => read(&path).map(|v| shared.senders.insert(id.clone(), v)).map(drop),
                _ => read(&path).map(|v| shared.jurisdictions.insert(id.clone(), v)).map(drop),
            };
            if let Err(diagnostic) = result {
                shared.unreadable.insert((kind, id), diagnostic.clone());
                diagnostics.push(diagnostic);
            }
        }
    }

    let mut seen = Vec::new();
    let mut case_files = data_files(cases_dir, true);
    let mut digest_files = data_files(&cases_dir.join("_digests"), false);
    for path in extra {
        let files = match path.is_dir() {
            true => data_files(path, true),
            false => vec![path.clone()],
        };
        for file in files {
            let is_digest = file.parent().and_then(Path::file_name).is_some_and(|n| n == "_digests");
            match is_digest {
                true => digest_files.push(file),
                false => case_files.push(file),
            }
        }
    }
    for path in case_files {
        if remember(&mut seen, &path) {
            match read::<Case>(&path) {
                Ok(case) => project.cases.push(case),
                Err(diagnostic) => {
                    diagnostics.push(diagnostic);
                    project.unreadable_cases.push(path);
                }
            }
        }
    }
    for path in digest_files {
        if remember(&mut seen, &path) {
            match read::<Digest>(&path) {
                Ok(digest) => project.digests.push(digest),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
    }
    (project, diagnostics)
}

/// The id a file's name gives: `kz` for `_shared/jurisdictions/kz.yaml`.
fn path_id(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned()
}

/// Records a file as seen; false if it was seen already under another spelling of its path.
fn remember(seen: &mut Vec<PathBuf>, path: &Path) -> bool {
    let canonical = crate::files::canonical_or_given(path);
    if seen.contains(&canonical) {
        return false;
    }
    seen.push(canonical);
    true
}

/// Reads and parses one file.
pub fn read<T: DeserializeOwned>(path: &Path) -> Result<Loaded<T>, Diagnostic> {
    parse_file(SourceFile::read(path)?)
}

/// Parses a file already read (a built-in one, say) into `T`.
pub fn parse_file<T: DeserializeOwned>(file: SourceFile) -> Result<Loaded<T>, Diagnostic> {
    let value = parse::parse::<T>(&file)?;
    Ok(Loaded { value, file: Arc::new(file), index: OnceLock::new() })
}

/// Data files in a folder, sorted; with `cases`, also in subfolders not starting with `_`.
pub fn data_files(dir: &Path, cases: bool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || (cases && name.starts_with('_')) {
            continue;
        }
        if path.is_dir() {
            if cases {
                files.extend(data_files(&path, true));
            }
        } else if Format::of(&path).is_some() {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A case is written in a language when half its texts by language have it: a few courts
    /// named in Russian beside English facts do not make Russian documents.
    #[test]
    fn a_case_is_written_in_the_languages_of_most_of_its_texts() {
        let file = |yaml: &str| SourceFile { path: "test.yaml".into(), text: yaml.into(), format: Format::Yaml };
        let case = |texts: &str| {
            parse::parse::<Case>(&file(&format!(
                "id: t\njurisdiction: ge\nplace: {{ en: Batumi, ru: Батуми }}\nperson:\n  name: {{ given: Test, family: Testova }}\n  role: {{ en: journalist }}\nsummary: {texts}\n"
            )))
            .unwrap_or_else(|d| panic!("{}", d.message))
        };
        let few = case(
            "{ en: a slap }\nacts:\n  - { kind: other, text: { en: a slap } }\n  - { kind: other, text: { en: a word } }",
        );
        assert!(written_in(&few, "en") && !written_in(&few, "ru") && !written_in(&few, "kk"));
        let most = case("{ en: a slap, ru: пощёчина }");
        assert!(written_in(&most, "ru"));
    }
}
