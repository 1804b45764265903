//! Stage `check`: the rules serde cannot express.
//!
//! Contract: [`check`] looks at a loaded [`Project`] and returns diagnostics, each located at
//! the offending field. A case or digest with an error is not built; the others are.

use std::collections::{BTreeMap, BTreeSet};

use crate::case::{Case, Fact, Loaded, PenaltyKind, Project, Shared, did_you_mean};
use crate::diag::{Code, Diagnostic, Location};
use crate::kind::Kind;

/// The longest footnote mark an organisation may have.
const LONGEST_FOOTNOTE_MARK: usize = 4;

/// What `check` found: diagnostics, and which cases and digests are fit to build.
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    /// Ids of cases with at least one error.
    pub broken_cases: BTreeSet<String>,
    pub broken_digests: BTreeSet<String>,
}

pub fn check(project: &Project) -> Checked {
    let mut checked = Checked::default();
    let mut ids: BTreeMap<&str, Vec<&Loaded<Case>>> = BTreeMap::new();
    for case in &project.cases {
        ids.entry(&case.value.id).or_default().push(case);
    }
    for case in &project.cases {
        let mut found = check_case(case, &project.shared);
        // Every file sharing an id is told, each pointing at another one.
        let namesakes = &ids[case.value.id.as_str()];
        if let Some(other) = namesakes.iter().find(|other| other.path() != case.path()) {
            found.push(
                case.error("id", format!("two case files have the id `{}`", case.value.id))
                    .related("the other one is here", other.locate("id"))
                    .hint("give each case its own id: it names the case's output folder"),
            );
        }
        if found.iter().any(Diagnostic::is_error) {
            checked.broken_cases.insert(case.value.id.clone());
        }
        checked.diagnostics.extend(found);
    }
    let mut digest_ids = BTreeSet::new();
    for digest in &project.digests {
        let mut found = Vec::new();
        let value = &digest.value;
        check_id(digest, &value.id, &mut found);
        if !digest_ids.insert(value.id.as_str()) {
            found.push(digest.error("id", format!("two digests have the id `{}`", value.id)));
        }
        refs(digest, "statements", &value.statements, &project.shared.statements, &mut found);
        refs(digest, "sources", &value.sources, &project.shared.sources, &mut found);
        if let (Some(from), Some(to)) = (value.select.from, value.select.to) {
            if from > to {
                found.push(digest.error("select.to", format!("the period ends ({to}) before it starts ({from})")));
            }
        }
        for (i, id) in value.select.cases.iter().enumerate() {
            if !ids.contains_key(id.as_str()) {
                let known: Vec<String> = ids.keys().map(|k| k.to_string()).collect();
                found.push(dangling(digest, &format!("select.cases[{i}]"), "case", id, &known));
            }
        }
        if found.iter().any(Diagnostic::is_error) {
            checked.broken_digests.insert(value.id.clone());
        }
        checked.diagnostics.extend(found);
    }
    for statement in project.shared.statements.values() {
        for (i, condemnation) in statement.value.condemns.iter().enumerate() {
            let field = format!("condemns[{i}].organisations");
            refs(
                statement,
                &field,
                &condemnation.organisations,
                &project.shared.organisations,
                &mut checked.diagnostics,
            );
        }
        refs(statement, "sources", &statement.value.sources, &project.shared.sources, &mut checked.diagnostics);
    }
    let shared = &project.shared;
    // A mark is set as a footnote number, where nothing breaks a line: a 300-character mark
    // once ran off the page.
    for organisation in shared.organisations.values() {
        let mark = organisation.value.footnote_mark.as_deref().unwrap_or_default();
        if mark.chars().count() > LONGEST_FOOTNOTE_MARK {
            checked.diagnostics.push(
                organisation
                    .error(
                        "footnote_mark",
                        format!("a footnote mark of {} characters cannot be set", mark.chars().count()),
                    )
                    .hint(format!("a mark is one to {LONGEST_FOOTNOTE_MARK} characters, like `*` or `**`")),
            );
        }
    }
    checked.diagnostics.extend(shared.organisations.values().flat_map(shared_control_characters));
    checked.diagnostics.extend(shared.statements.values().flat_map(shared_control_characters));
    checked.diagnostics.extend(shared.sources.values().flat_map(shared_control_characters));
    checked.diagnostics.extend(shared.jurisdictions.values().flat_map(shared_control_characters));
    checked
}

fn check_case(case: &Loaded<Case>, shared: &Shared) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let value = &case.value;
    let tree = serde_json::to_value(value).expect("case data always serializes");
    let mut texts = Vec::new();
    each_text(&tree, "", &mut texts);
    for (field, _) in texts.iter().filter(|(_, text)| text.trim_start().starts_with("TODO")) {
        found.push(
            Diagnostic::warning("this is still a placeholder (`TODO`)")
                .at(case.locate(field))
                .field(field.clone())
                .hint("write the fact, or `unknown` where the sources do not say"),
        );
    }
    found.extend(control_characters(case, &texts));
    found.extend(confidential_copies(case, &texts));
    check_id(case, &value.id, &mut found);
    let name = &value.person.name.0;
    if name.family.trim().is_empty() {
        found.push(case.error("person.name.family", "the family name is empty"));
    }
    if name.given.as_deref().is_some_and(|g| g.trim().is_empty()) {
        found.push(
            case.error("person.name.given", "the given name is empty")
                .hint("leave `given` out if the person has only one name"),
        );
    }
    match shared.jurisdictions.get(&value.jurisdiction) {
        None => {
            let known: Vec<String> = shared.jurisdictions.keys().cloned().collect();
            found.push(dangling(case, "jurisdiction", "jurisdiction", &value.jurisdiction, &known));
        }
        Some(jurisdiction) => {
            let codes: Vec<String> = jurisdiction.value.codes.keys().cloned().collect();
            for (i, charge) in value.charges.iter().enumerate() {
                if !codes.contains(&charge.code) {
                    found.push(dangling(case, &format!("charges[{i}].code"), "code", &charge.code, &codes));
                }
            }
        }
    }
    if value.charges.is_empty() {
        found.push(
            Diagnostic::warning("the case has no charges yet: documents that need them will not be built")
                .at(case.locate("charges"))
                .field("charges")
                .hint("list at least one article the person is charged under"),
        );
    }
    refs(case, "statements", &value.statements, &shared.statements, &mut found);
    refs(case, "sources", &value.sources, &shared.sources, &mut found);
    for (i, act) in value.acts.iter().enumerate() {
        refs(case, &format!("acts[{i}].organisations"), &act.organisations, &shared.organisations, &mut found);
    }
    if let Some(Err(message)) = case.photo_file() {
        found.push(
            case.error("photo.file", message).hint("put the picture next to the case file, or in a folder beside it"),
        );
    }
    for (i, argument) in value.arguments.iter().enumerate() {
        for (j, &number) in argument.acts.iter().enumerate() {
            if number == 0 || number > value.acts.len() {
                found.push(
                    case.error(&format!("arguments[{i}].acts[{j}]"), format!("there is no act number {number}")).hint(
                        format!("acts are numbered from 1 in the order of `acts`; this case has {}", value.acts.len()),
                    ),
                );
            }
        }
    }
    if let (Fact::Known(arrest), Some(verdict)) = (&value.arrest, &value.verdict) {
        if let Fact::Known(arrested) = arrest.date {
            if verdict.date < arrested {
                found.push(
                    case.error(
                        "verdict.date",
                        format!("the verdict ({}) is dated before the arrest ({arrested})", verdict.date),
                    )
                    .related("the arrest date is here", case.locate("arrest.date"))
                    .hint("check both dates against the court documents"),
                );
            }
        }
    }
    if let Some(verdict) = &value.verdict {
        for (i, penalty) in verdict.sentence.iter().enumerate() {
            let field = format!("verdict.sentence[{i}]");
            let missing = match penalty.kind {
                PenaltyKind::Fine => penalty.amount.is_none().then_some("amount"),
                PenaltyKind::Ban => penalty.scope.is_empty().then_some("scope"),
                _ => penalty.term.is_none().then_some("term"),
            };
            if let Some(what) = missing {
                found.push(
                    case.error(&field, format!("this penalty has no `{what}`"))
                        .hint("a fine needs `amount`, a ban its `scope`, every other penalty its `term` (like `1y`)"),
                );
            }
        }
        if verdict.sentence.is_empty() {
            found.push(
                case.error("verdict.sentence", "the verdict has no sentence")
                    .hint("list each penalty, e.g. `- { kind: fine, amount: ... }`"),
            );
        }
    }
    found
}

/// Every text of a serialized file, with its field path (`person.role.en`).
fn each_text<'a>(value: &'a serde_json::Value, path: &str, found: &mut Vec<(String, &'a str)>) {
    use serde_json::Value;
    match value {
        Value::String(text) => found.push((path.to_owned(), text)),
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| each_text(v, &format!("{path}[{i}]"), found));
        }
        Value::Object(map) => {
            for (key, v) in map {
                // Tagged values (`$text`, `$name`) belong to the field that holds them.
                let child = match key.starts_with('$') {
                    true => path.to_owned(),
                    false if path.is_empty() => key.clone(),
                    false => format!("{path}.{key}"),
                };
                each_text(v, &child, found);
            }
        }
        _ => {}
    }
}

/// Texts holding an invisible control character (other than a line break or a tab): documents
/// leave them out, since the PDF's metadata may not hold them, and the writer should know.
fn control_characters<T>(file: &Loaded<T>, texts: &[(String, &str)]) -> Vec<Diagnostic> {
    let is_stray = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    texts
        .iter()
        .filter_map(|(field, text)| {
            let c = text.chars().find(|c| is_stray(*c))?;
            Some(
                Diagnostic::warning(format!(
                    "this text holds an invisible control character (U+{:04X}); documents leave it out",
                    c as u32
                ))
                .at(file.locate(field))
                .field(field.clone())
                .hint("delete it: it often comes with text pasted from another program"),
            )
        })
        .collect()
}

/// Public fields whose text is a confidential one: a YAML alias or merge key (`<<: *lawyer`)
/// copies a value without retyping it, and the public documents would print it. Only texts
/// long enough to identify someone count.
fn confidential_copies<T>(file: &Loaded<T>, texts: &[(String, &str)]) -> Vec<Diagnostic> {
    let (secret, public): (Vec<_>, Vec<_>) = texts.iter().partition(|(field, _)| crate::diag::is_confidential(field));
    let secrets: std::collections::HashMap<&str, &str> = secret
        .iter()
        .filter(|(_, text)| text.trim().chars().count() >= 6)
        .map(|(field, text)| (text.trim(), field.as_str()))
        .collect();
    public
        .iter()
        .filter_map(|(field, text)| {
            let source = secrets.get(text.trim())?;
            Some(
                Diagnostic::warning(format!(
                    "this public field holds the same text as the confidential `{source}`: public documents will print it"
                ))
                .at(file.locate(field))
                .field(field.clone())
                .hint("if it came through a YAML alias or merge key (`*name`, `<<:`), write the public text out instead"),
            )
        })
        .collect()
}

/// The control-character warnings of a shared entity.
fn shared_control_characters<T: serde::Serialize>(file: &Loaded<T>) -> Vec<Diagnostic> {
    let tree = serde_json::to_value(&file.value).expect("shared data always serializes");
    let mut texts = Vec::new();
    each_text(&tree, "", &mut texts);
    control_characters(file, &texts)
}

/// Ids become folder and file names: keep them to safe characters.
fn check_id<T>(file: &Loaded<T>, id: &str, found: &mut Vec<Diagnostic>) {
    let safe = !id.is_empty()
        && id != crate::output::DIGESTS_DIR
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-');
    if !safe {
        found.push(
            file.error("id", format!("`{id}` cannot be an id"))
                .hint("use lowercase letters, digits and hyphens, like `kanaliyev-2021` (`digests` is taken)"),
        );
    }
}

fn refs<T, U>(file: &Loaded<T>, field: &str, ids: &[String], known: &BTreeMap<String, U>, found: &mut Vec<Diagnostic>) {
    let names: Vec<String> = known.keys().cloned().collect();
    let kind = field.rsplit('.').next().unwrap_or(field).trim_end_matches('s');
    for (i, id) in ids.iter().enumerate() {
        if !known.contains_key(id) {
            found.push(dangling(file, &format!("{field}[{i}]"), kind, id, &names));
        }
    }
}

fn dangling<T>(file: &Loaded<T>, field: &str, kind: &str, id: &str, known: &[String]) -> Diagnostic {
    let diagnostic = file.error(field, format!("there is no {kind} with the id `{id}`"));
    match did_you_mean(id, known) {
        Some(best) => diagnostic.hint(format!("did you mean `{best}`?")),
        None if known.is_empty() => diagnostic.hint(format!("add it as a file under `cases/_shared/`")),
        None => diagnostic.hint(format!("known ids: {}", known.join(", "))),
    }
}

/// Whether a fact is in the case file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactState {
    Present,
    /// Recorded as `unknown`: documents show a marker instead.
    Unknown,
    /// Not in the file at all.
    Missing,
}

/// What one kind of document needs from one case, and what the case lacks.
#[derive(Debug, Clone, Default)]
pub struct Readiness {
    /// Required facts the file does not have: the kind is not built.
    pub missing_required: Vec<String>,
    pub unknown_required: Vec<String>,
    pub missing_recommended: Vec<String>,
    pub unknown_recommended: Vec<String>,
    /// Keys of the case's jurisdiction file the kind prints and the file lacks: the kind is
    /// not built, rather than printing another country's law.
    pub missing_law: Vec<String>,
    /// Where the first of them belongs in the jurisdiction file.
    pub missing_law_at: Option<Location>,
    /// Keys the kind prints whose law nobody has yet checked against the law in force
    /// (`verified: false` on them or on what holds them).
    pub unverified_law: Vec<String>,
    /// For a kind filed with the courts: the languages they accept, when the kind has a
    /// template in none of them.
    pub unfileable_in: Vec<String>,
}

impl Readiness {
    pub fn ready(&self) -> bool {
        self.missing_required.is_empty() && self.missing_law.is_empty()
    }

    /// The refusals `build` gives, and `check --kind` prints, for a kind that cannot be built:
    /// one for the facts the case file lacks, one for the law its jurisdiction file lacks.
    pub fn refusal(&self, case: &Loaded<Case>, kind: &str) -> Vec<Diagnostic> {
        let mut refusals = Vec::new();
        let id = &case.value.id;
        if !self.missing_required.is_empty() {
            let fields = self.missing_required.join("`, `");
            refusals.push(
                Diagnostic::error(format!("{kind} cannot be built for `{id}`: required facts missing: `{fields}`"))
                    .with_code(Code::MissingFacts)
                    .in_file(case.path())
                    .hint("add them to the case file; write `unknown` for a fact the sources do not give"),
            );
        }
        if !self.missing_law.is_empty() {
            let keys = self.missing_law.join("`, `");
            let jurisdiction = &case.value.jurisdiction;
            let mut refusal = Diagnostic::error(format!(
                "{kind} cannot be built for `{id}`: the jurisdiction `{jurisdiction}` does not give `{keys}`"
            ))
            .with_code(Code::MissingJurisdictionKey)
            .field(self.missing_law[0].clone())
            .hint(format!(
                "add `{keys}` to cases/_shared/jurisdictions/{jurisdiction}.yaml, with its legal source: the \
                 document prints it as this country's law"
            ));
            if let Some(at) = &self.missing_law_at {
                refusal =
                    refusal.at(at.clone()).related("the case names the jurisdiction here", case.locate("jurisdiction"));
            }
            refusals.push(refusal);
        }
        refusals
    }
}

/// Checks a case against a kind's required and recommended facts, and its jurisdiction file
/// against the law the kind prints.
pub fn readiness(case: &Loaded<Case>, kind: &Kind, shared: &Shared) -> Readiness {
    let tree = serde_json::to_value(&case.value).expect("case data always serializes");
    let mut readiness = Readiness::default();
    for (fields, missing, unknown) in [
        (&kind.required, &mut readiness.missing_required, &mut readiness.unknown_required),
        (&kind.recommended, &mut readiness.missing_recommended, &mut readiness.unknown_recommended),
    ] {
        for field in fields {
            match fact_state(&tree, field) {
                FactState::Present => {}
                FactState::Unknown => unknown.push(field.clone()),
                FactState::Missing => missing.push(field.clone()),
            }
        }
    }
    // A jurisdiction that does not exist is reported by `check` already: nothing to print.
    if let Some(jurisdiction) = shared.jurisdictions.get(&case.value.jurisdiction) {
        let law = serde_json::to_value(&jurisdiction.value).expect("jurisdiction data always serializes");
        for key in &kind.jurisdiction {
            match fact_state(&law, key) {
                FactState::Present if !verified(&law, key) => readiness.unverified_law.push(key.clone()),
                FactState::Present => {}
                _ => readiness.missing_law.push(key.clone()),
            }
        }
        readiness.missing_law_at = readiness.missing_law.first().map(|key| jurisdiction.locate(key));
        let filing = &jurisdiction.value.filing_languages;
        if kind.filed_with_courts && !filing.is_empty() && !kind.languages.iter().any(|l| filing.contains(l)) {
            readiness.unfileable_in = filing.clone();
        }
    }
    readiness
}

/// Whether the law at `key` (`appeal.invokes`) is marked verified: neither it nor anything
/// that holds it says `verified: false`.
fn verified(law: &serde_json::Value, key: &str) -> bool {
    let mut value = law;
    for segment in key.split('.') {
        if value.get("verified") == Some(&serde_json::Value::Bool(false)) {
            return false;
        }
        value = value.get(segment).unwrap_or(&serde_json::Value::Null);
    }
    value.get("verified") != Some(&serde_json::Value::Bool(false))
}

/// The state of a field path like `arrest.date` or `arguments[].wgad_categories` (`[]`: any
/// element) in a serialized case. A field under an unknown fact is unknown too.
pub fn fact_state(tree: &serde_json::Value, path: &str) -> FactState {
    use serde_json::Value;
    fn state(value: &Value) -> FactState {
        match value {
            Value::Null => FactState::Missing,
            Value::Array(items) if items.is_empty() => FactState::Missing,
            Value::Object(map) if map.contains_key(crate::case::UNKNOWN_TAG) => FactState::Unknown,
            _ => FactState::Present,
        }
    }
    fn walk(value: &Value, segments: &[&str]) -> FactState {
        let Some((first, rest)) = segments.split_first() else { return state(value) };
        if state(value) != FactState::Present {
            return state(value);
        }
        let (key, each) = match first.strip_suffix("[]") {
            Some(key) => (key, true),
            None => (*first, false),
        };
        let child = value.get(key).unwrap_or(&Value::Null);
        match (each, child) {
            (true, Value::Array(items)) if !items.is_empty() => {
                let states: Vec<FactState> = items.iter().map(|item| walk(item, rest)).collect();
                if states.contains(&FactState::Present) {
                    FactState::Present
                } else if states.contains(&FactState::Unknown) {
                    FactState::Unknown
                } else {
                    FactState::Missing
                }
            }
            _ => walk(child, rest),
        }
    }
    let segments: Vec<&str> = path.split('.').collect();
    walk(tree, &segments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fact_states_distinguish_unknown_from_missing() {
        let tree = json!({
            "arrest": {"$unknown": true},
            "verdict": {"date": "2021-12-20", "court": {"$unknown": true}},
            "arguments": [{"wgad_categories": []}, {"wgad_categories": ["II"]}],
            "acts": [],
        });
        assert_eq!(fact_state(&tree, "verdict.date"), FactState::Present);
        assert_eq!(fact_state(&tree, "verdict.court"), FactState::Unknown);
        assert_eq!(fact_state(&tree, "arrest.date"), FactState::Unknown);
        assert_eq!(fact_state(&tree, "remedies"), FactState::Missing);
        assert_eq!(fact_state(&tree, "acts"), FactState::Missing);
        assert_eq!(fact_state(&tree, "arguments[].wgad_categories"), FactState::Present);
        assert_eq!(
            fact_state(&json!({"arguments": [{"wgad_categories": []}]}), "arguments[].wgad_categories"),
            FactState::Missing
        );
    }
}
