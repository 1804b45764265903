//! `amicus new case`: a commented skeleton of a case file that `check` accepts with warnings,
//! so that a lawyer starts from the fields amicus knows rather than from a blank page: one
//! person at the top level, or a trial of several under `defendants`, with a first-instance
//! stage that gives each their result.

use std::path::{Path, PathBuf};

use crate::case::{Case, Text};
use crate::diag::Diagnostic;

/// Writes `cases/<id>.yaml` for a trial of `defendants` people (at least one), taking
/// jurisdiction, place, statements and sources from `from` when given. Never overwrites a file.
pub fn new_case(cases_dir: &Path, id: &str, from: Option<&Case>, defendants: usize) -> Result<PathBuf, Diagnostic> {
    let path = cases_dir.join(format!("{id}.yaml"));
    if path.exists() {
        return Err(Diagnostic::error("a case file with this id exists already; amicus does not overwrite it")
            .in_file(&path)
            .hint("choose another id, or edit the existing file"));
    }
    let yaml_list = |items: &[String]| format!("[{}]", items.join(", "));
    let (jurisdiction, place, statements, sources) = match from {
        Some(case) => {
            (case.jurisdiction.clone(), yaml_text(&case.place), yaml_list(&case.statements), yaml_list(&case.sources))
        }
        None => ("kz".into(), "\"TODO: the town or city of the trial\"".into(), "[]".into(), "[]".into()),
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
        r#"# yaml-language-server: $schema=../schema/case.schema.json
# A new case. Replace every TODO; write `unknown` where the sources do not say.
# `amicus check` lists what each kind of document still needs.
id: {id}
jurisdiction: {jurisdiction}   # a file in cases/_shared/jurisdictions/
place: {place}
{people}acts: []   # what is prosecuted, in the words of the sources
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
        "#   - { kind: pretrial_centre, place: ..., from: YYYY-MM-DD }",
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
