//! `amicus new case`: a commented skeleton of a case file that `check` accepts with warnings,
//! so that a lawyer starts from the fields amicus knows rather than from a blank page.

use std::path::{Path, PathBuf};

use crate::case::{Case, Text};
use crate::diag::Diagnostic;

/// Writes `cases/<id>.yaml`, taking jurisdiction, place, status, statements and sources from
/// `from` when given. Never overwrites a file.
pub fn new_case(cases_dir: &Path, id: &str, from: Option<&Case>) -> Result<PathBuf, Diagnostic> {
    let path = cases_dir.join(format!("{id}.yaml"));
    if path.exists() {
        return Err(Diagnostic::error("a case file with this id exists already; amicus does not overwrite it")
            .in_file(&path)
            .hint("choose another id, or edit the existing file"));
    }
    let yaml_list = |items: &[String]| format!("[{}]", items.join(", "));
    let (jurisdiction, place, status, statements, sources) = match from {
        Some(case) => (
            case.jurisdiction.clone(),
            yaml_text(&case.place),
            serde_json::to_value(case.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            yaml_list(&case.statements),
            yaml_list(&case.sources),
        ),
        None => (
            "kz".into(),
            "\"TODO: the town or city of the trial\"".into(),
            "convicted".into(),
            "[]".into(),
            "[]".into(),
        ),
    };
    let text = format!(
        r#"# yaml-language-server: $schema=../schema/case.schema.json
# A new case. Replace every TODO; write `unknown` where the sources do not say.
# `amicus check` lists what each kind of document still needs.
id: {id}
jurisdiction: {jurisdiction}   # a file in cases/_shared/jurisdictions/
place: {place}
status: {status}   # detained, restricted, on_trial, convicted, released, in_exile
person:
  name:
    given: "TODO: given name, Latin letters"
    family: "TODO: family name, Latin letters"
    # ru: {{ given: ..., family: ... }}   # the Cyrillic form, for Russian documents
  role: "TODO: how the sources describe the person, e.g. civil activist"
  # sex: female | male   # needed for Russian grammar
  birth_date: unknown
  nationality: unknown
arrest: unknown   # or: {{ date: YYYY-MM-DD, place: ..., by: ... }}
charges: []
#  - {{ code: criminal, article: "405", part: 2, title: participation in an extremist organisation }}
# verdict:
#   date: YYYY-MM-DD
#   court: unknown
#   sentence:
#     - {{ kind: restriction_of_liberty, term: 1y }}
#     - {{ kind: ban, term: 2y6m, scope: [social and political activity] }}
acts: []   # what the person is prosecuted for, in the words of the sources
statements: {statements}   # ids in cases/_shared/statements/
sources: {sources}   # ids in cases/_shared/sources/
# confidential:   # never printed in public documents
#   lawyer: {{ name: unknown, role: defence counsel }}
#   submitter: {{ name: unknown, role: human rights organisation }}
"#
    );
    crate::output::write_atomic(&path, text.as_bytes())
        .map_err(|e| Diagnostic::error(format!("cannot write the case file: {e}")).in_file(&path))?;
    Ok(path)
}

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
