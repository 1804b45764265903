//! Stage `derive`: a checked case (or digest) becomes the facts one document needs.
//!
//! Contract: [`case_facts`] and [`digest_facts`] return a JSON tree for one language in which
//! ids are replaced by the entities they name, every text is a plain string in that language,
//! names are in that language's script, and explicitly unknown facts are `null`. Where the
//! language's text or name is missing, another is used and a warning says which field.
//! Dates and durations stay machine-readable (`2021-12-20`, `2y6m`): the template filters
//! put them into words.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::case::{
    Author, Case, CitationStyle, Date, Digest, Dispute, Fact, Jurisdiction, Loaded, NAME_TAG, NameParts, Penalty,
    PenaltyKind, Project, Shared, Stage, Standing, Statement, StatementKind, TEXT_TAG, Text, UNKNOWN_TAG, When,
    normalise_spelling,
};
use crate::diag::Diagnostic;
use crate::kind::Audience;

/// A text (or name) taken from another language than the document's, and the warning that
/// says so. The warning matters only if the document prints the text: a case file's Russian
/// arguments are no concern of a Kazakh fact sheet that does not print arguments.
#[derive(Debug, Clone)]
pub struct Fallback {
    pub warning: Diagnostic,
    /// What was used instead (a name's family name).
    pub text: String,
}

impl Fallback {
    /// Whether a document's source prints the text (its letters and digits, in any case:
    /// escaping and `capitalize_first` do not hide it).
    pub fn printed_in(&self, source_letters: &str) -> bool {
        let text = letters(&self.text);
        text.is_empty() || source_letters.contains(&text)
    }
}

/// The letters and digits of a text, lower-cased: what survives escaping and capitalisation.
pub fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Facts for one document about one defendant of a case (the only one of a one-person case),
/// as they stand at the document's date; a public document's facts never hold the case's
/// confidential section.
pub fn case_facts(
    case: &Loaded<Case>,
    index: usize,
    shared: &Shared,
    languages: &Languages,
    audience: Audience,
    at: Date,
) -> (Value, Vec<Fallback>) {
    let mut tree = defendant_tree(&case.value, index, shared, audience, at);
    let mut sender = tree["sender"].take();
    let mut fallbacks = localize_sender(&mut sender, shared.sender_of(&case.value), languages);
    fallbacks.extend(localize_case(&mut tree, case, index, shared, languages));
    tree["sender"] = sender;
    link_arguments(&mut tree);
    (tree, fallbacks)
}

/// Facts for one document about a whole proceeding: the case's own facts, and under
/// `defendants` each defendant's, as [`case_facts`] gives them.
pub fn proceeding_facts(
    case: &Loaded<Case>,
    shared: &Shared,
    languages: &Languages,
    audience: Audience,
    at: Date,
) -> (Value, Vec<Fallback>) {
    let mut fallbacks = Vec::new();
    let defendants: Vec<Value> = (0..case.value.defendant_count())
        .map(|index| {
            let (tree, found) = case_facts(case, index, shared, languages, audience, at);
            fallbacks.extend(found);
            tree
        })
        .collect();
    // The proceeding's own facts are the first defendant's without what is that person's: a
    // template about the trial reads each person's under `defendants`. What a defendant may
    // give for themselves (acts, summary, evidence, arguments) is the proceeding's own, else
    // none: a brief on a trial of three said all three were prosecuted for the first one's
    // videos.
    let own = |d: &crate::case::Defendant| {
        d.acts.is_some() || d.summary.is_some() || d.evidence.is_some() || d.arguments.is_some()
    };
    let mut tree = match case.value.defendants.first().is_some_and(own) {
        false => defendants[0].clone(),
        true => {
            let mut shared_only = case.clone();
            let first = &mut shared_only.value.defendants[0];
            (first.acts, first.summary, first.evidence, first.arguments) = (None, None, None, None);
            case_facts(&shared_only, 0, shared, languages, audience, at).0
        }
    };
    const PERSONAL: [&str; 25] = [
        "person",
        "defendant",
        "co_defendants",
        "own_summary",
        "photo",
        "detention",
        "events",
        "release",
        "measures",
        "arrest",
        "other_arrests",
        "not_arrested",
        "in_absentia",
        "status",
        "status_as_of",
        "verdict",
        "charges",
        "charges_brought",
        "term_end",
        "timeline",
        "awaiting_retrial",
        "quashed",
        "set_aside",
        "appeal_route",
        "all_sources",
    ];
    for personal in PERSONAL {
        tree.as_object_mut().map(|t| t.remove(personal));
    }
    let mut statements: Vec<Value> = Vec::new();
    let mut sources: Vec<Value> = Vec::new();
    for defendant in &defendants {
        for (list, field) in [(&mut statements, "statements"), (&mut sources, "sources")] {
            for item in defendant[field].as_array().into_iter().flatten() {
                if !list.iter().any(|known| known["id"] == item["id"]) {
                    list.push(item.clone());
                }
            }
        }
    }
    // In the file's order: a statement on some of those tried is not put after the others
    // because the first defendant is not among them.
    let order = |id: &Value| case.value.statements.iter().position(|s| id.as_str() == Some(s.as_str()));
    statements.sort_by_key(|s| order(&s["id"]).unwrap_or(usize::MAX));
    tree["statements"] = statements.into();
    tree["sources"] = sources.into();
    // The stages as the file gives them, each result naming its defendant.
    let stages: Vec<&Stage> = case.value.stages.iter().filter(|s| s.date.earliest() <= at).collect();
    let mut stages = serde_json::json!({ "stages": to_json(&stages) });
    if let Some(jurisdiction) = shared.jurisdictions.get(&case.value.jurisdiction) {
        annotate_law(&mut stages, &jurisdiction.value);
    }
    fallbacks.extend(localize_case(&mut stages, case, 0, shared, languages));
    let ids = case.value.defendant_ids();
    for stage in stages["stages"].as_array_mut().into_iter().flatten() {
        let kind = stage["stage"].clone();
        for result in stage["results"].as_array_mut().into_iter().flatten() {
            // A result says what its stage was: an amnesty's release is not a pardon.
            result["stage"] = kind.clone();
            let index = ids.iter().position(|id| result["defendant"] == *id);
            result["name"] = index.map_or(Value::Null, |i| defendants[i]["person"]["name"].clone());
        }
    }
    tree["stages"] = stages["stages"].take();
    tree["defendants"] = defendants.into();
    (tree, fallbacks)
}

/// Localises one defendant's tree, each warning pointing at the field in the file.
fn localize_case(
    tree: &mut Value,
    case: &Loaded<Case>,
    index: usize,
    shared: &Shared,
    languages: &Languages,
) -> Vec<Fallback> {
    let mut fallbacks = Vec::new();
    // A text of a shared source or statement is fixed in its own file: the warning points
    // there, not at line 1 of the case that cites it (`sources[6].title`).
    let entities = shared_entities(tree, "");
    localize(tree, languages, "", &mut |field, message, text| {
        let within = entities
            .iter()
            .filter(|(at, _, _)| field.strip_prefix(at.as_str()).is_some_and(|rest| rest.starts_with('.')))
            .max_by_key(|(at, _, _)| at.len());
        let warning = match within {
            Some((at, kind, id)) => {
                let inner = &field[at.len() + 1..];
                let located = match *kind {
                    "statements" => shared.statements.get(id).map(|s| s.locate(inner)),
                    _ => shared.sources.get(id).map(|s| s.locate(inner)),
                };
                let warning = Diagnostic::warning(message).field(inner.to_owned());
                match located {
                    Some(location) => warning.at(location),
                    None => warning,
                }
            }
            None => {
                let field = case.value.file_field(index, field);
                Diagnostic::warning(message).at(case.locate(&field)).field(field)
            }
        };
        fallbacks.push(Fallback { warning, text: text.to_owned() });
    });
    fallbacks
}

/// Where a case's tree holds a shared source or statement: each path (`sources[6]`,
/// `notes.arrest.date.sources[1]`) with its kind and id.
fn shared_entities(value: &Value, path: &str) -> Vec<(String, &'static str, String)> {
    let mut found = Vec::new();
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                let kind = match key.as_str() {
                    "sources" | "all_sources" => Some("sources"),
                    "statements" => Some("statements"),
                    _ => None,
                };
                if let (Some(kind), Value::Array(items)) = (kind, child) {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(id) = item["id"].as_str() {
                            found.push((format!("{child_path}[{i}]"), kind, id.to_owned()));
                        }
                    }
                }
                found.extend(shared_entities(child, &child_path));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                found.extend(shared_entities(item, &format!("{path}[{i}]")));
            }
        }
        _ => {}
    }
    found
}

/// Localizes the sender's facts, warnings pointing at the sender's file.
fn localize_sender(
    tree: &mut Value,
    sender: Option<&Loaded<crate::case::Sender>>,
    languages: &Languages,
) -> Vec<Fallback> {
    let mut fallbacks = Vec::new();
    let Some(sender) = sender else { return fallbacks };
    localize(tree, languages, "", &mut |field, message, text| {
        let warning = Diagnostic::warning(message).at(sender.locate(field)).field(field);
        fallbacks.push(Fallback { warning, text: text.to_owned() });
    });
    fallbacks
}

/// Facts for a digest: the digest, the people of the proceedings it selects (in verdict
/// order) and their context.
pub fn digest_facts(
    digest: &Loaded<Digest>,
    cases: &[&Loaded<Case>],
    project: &Project,
    languages: &Languages,
    at: Date,
) -> (Value, Vec<Fallback>) {
    let shared = &project.shared;
    let definition = &digest.value;
    let mut statement_ids: Vec<String> = definition.statements.clone();
    let mut source_ids: Vec<String> = definition.sources.clone();
    let mut people = Vec::new();
    for case in cases {
        for index in 0..case.value.defendant_count() {
            let view = case.value.for_defendant(index);
            statement_ids.extend(view.statements.into_iter().filter(|id| said_by(id, shared, at)));
            source_ids.extend(view.sources);
            // A digest is for the public: its cases are the public views.
            people.push(defendant_tree(&case.value, index, shared, Audience::Public, at));
        }
    }
    let statements: Vec<Value> = unique(&statement_ids).into_iter().filter_map(|id| statement(id, shared)).collect();
    let sources: Vec<Value> = unique(&source_ids).into_iter().filter_map(|id| entity(id, &shared.sources)).collect();

    let dates: Vec<_> = cases.iter().filter_map(|c| c.value.first_verdict_date()).collect();
    let period = json!({
        "from": definition.select.from.or(dates.iter().min().copied()),
        "to": definition.select.to.or(dates.iter().max().copied()),
    });
    let mut tree = json!({
        "id": definition.id,
        "title": definition.title,
        "place": definition.select.place,
        "period": period,
        "document_date": definition.document_date,
        "proceedings": cases.len(),
        "cases": people,
        "statements": statements,
        "sources": sources,
        "sender": sender_tree(shared.sender_named(None)),
    });
    let mut sender = tree["sender"].take();
    let mut fallbacks = localize_sender(&mut sender, shared.sender_named(None), languages);
    localize(&mut tree, languages, "", &mut |field, message, text| {
        let warning = Diagnostic::warning(message).at(digest.locate("id")).field(field);
        fallbacks.push(Fallback { warning, text: text.to_owned() });
    });
    tree["cases"].as_array_mut().into_iter().flatten().for_each(link_arguments);
    tree["sender"] = sender;
    (tree, fallbacks)
}

/// The cases a digest selects, ordered by verdict date and then id.
pub fn select<'a>(digest: &Digest, cases: &'a [Loaded<Case>]) -> Vec<&'a Loaded<Case>> {
    let selection = &digest.select;
    let mut selected: Vec<&Loaded<Case>> = cases
        .iter()
        .filter(|case| {
            let case = &case.value;
            if selection.cases.contains(&case.id) {
                return true;
            }
            let criteria = selection.place.is_some() || selection.from.is_some() || selection.to.is_some();
            let date = case.first_verdict_date();
            let place_matches = selection.place.as_ref().is_none_or(|place| {
                let place = place.to_lowercase();
                match &case.place {
                    Text::Plain(text) => text.to_lowercase() == place,
                    Text::ByLanguage(texts) => texts.values().any(|t| t.to_lowercase() == place),
                }
            });
            let after = selection.from.is_none_or(|from| date.is_some_and(|d| d >= from));
            let before = selection.to.is_none_or(|to| date.is_some_and(|d| d <= to));
            criteria && place_matches && after && before
        })
        .collect();
    selected.sort_by_key(|c| (c.value.first_verdict_date(), c.value.id.clone()));
    selected
}

fn unique(ids: &[String]) -> Vec<&String> {
    let mut seen = BTreeSet::new();
    ids.iter().filter(|id| seen.insert(*id)).collect()
}

fn to_json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).expect("case data always serializes")
}

/// A shared entity as JSON with its id, or `None` for a dangling id (reported by `check`).
fn entity<T: Serialize>(id: &str, entities: &std::collections::BTreeMap<String, Loaded<T>>) -> Option<Value> {
    let mut value = to_json(&entities.get(id)?.value);
    value.as_object_mut()?.insert("id".into(), id.into());
    Some(value)
}

fn organisation(id: &str, shared: &Shared) -> Option<Value> {
    entity(id, &shared.organisations)
}

/// A statement with what templates sort it by: whether it is the Parliament's own text
/// (`by_parliament`), an international body's that a resolution may take note of
/// (`international`), whether it records a finding (`finds`), and the first day surely after it
/// (`after`).
fn statement(id: &str, shared: &Shared) -> Option<Value> {
    let loaded = &shared.statements.get(id)?.value;
    let mut value = entity(id, &shared.statements)?;
    for condemnation in value["condemns"].as_array_mut()? {
        expand_ids(&mut condemnation["organisations"], |id| organisation(id, shared));
    }
    expand_ids(&mut value["sources"], |id| entity(id, &shared.sources));
    value["by_parliament"] = (loaded.author == Author::EuropeanParliament).into();
    value["international"] = loaded.author.is_international().into();
    value["rank"] = loaded.author.rank().into();
    value["finds"] = loaded.findings.as_ref().is_some_and(|f| f.text.is_some()).into();
    // A body whose English name opens with its own article ("a group of human rights
    // organisations") takes no "the": "the a group" was printed.
    let first = loaded.body.get("en").split_whitespace().next().unwrap_or_default().to_lowercase();
    if ["a", "an", "the"].contains(&first.as_str()) {
        value["body_without_the"] = true.into();
    }
    // A name in Latin letters in a Russian text is an organisation's, and takes the feminine of
    // «организация»: «Amnesty International призвала», not «призвал». Without Cyrillic to agree
    // with, the masculine default read as an error.
    let russian = loaded.body.get("ru");
    let latin_only =
        russian.chars().any(char::is_alphabetic) && !russian.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'));
    if loaded.body_gender.is_none() && latin_only {
        value["body_gender"] = "feminine".into();
    }
    value["notes"] = notes(&Default::default(), &loaded.disputes, shared);
    // Where "since the statement" begins, for a date known to the month or year only too; and
    // where its month or year begins: what happened between may be before it or after it.
    value["after"] = loaded.date.next_day().to_string().into();
    value["period_start"] = loaded.date.earliest().to_string().into();
    Some(value)
}

/// The spellings of the defendant's name that the statements a document cites (`cited`, as
/// the tree has them) use, where they are none of the file's own forms, each with where the
/// file's `aliases` say it is used (`{name, used_in}`): a reader who meets "Tajimuratov" in an
/// opinion beside "TAZHIMURATOV" is told it is the same person.
fn spelled_in_statements(case: &Case, index: usize, cited: &Value, shared: &Shared) -> Vec<Value> {
    let person = case.defendant_ids()[index];
    let Some(name) = case.for_defendant(index).person.map(|p| p.name.0) else { return Vec::new() };
    let aliases = name.aliases.clone();
    let own = NameParts { aliases: Vec::new(), ..name }.spellings();
    let mut spelled: Vec<String> = Vec::new();
    for id in cited.as_array().into_iter().flatten().filter_map(|s| s["id"].as_str()) {
        let Some(statement) = shared.statements.get(id) else { continue };
        let about = statement
            .value
            .concerns
            .iter()
            .filter(|c| c.case == case.id && c.defendant.as_deref().is_none_or(|d| d == person));
        for name in about.filter_map(|c| c.name.as_deref()) {
            let known = spelled.iter().any(|s| normalise_spelling(s) == normalise_spelling(name));
            if !own.contains(&normalise_spelling(name)) && !known {
                spelled.push(name.to_owned());
            }
        }
    }
    let used_in = |name: &str| {
        let alias = aliases.iter().find(|a| normalise_spelling(&a.name) == normalise_spelling(name));
        alias.and_then(|a| a.used_in.clone())
    };
    spelled.into_iter().map(|name| json!({"used_in": used_in(&name), "name": name})).collect()
}

/// Whether the statement `id` was made by `at`: one known to the month or year only counts
/// from the first day it may have been made.
fn said_by(id: &str, shared: &Shared, at: Date) -> bool {
    shared.statements.get(id).is_none_or(|s| s.value.date.earliest() <= at)
}

/// The notes on a record's facts, by field: the sources behind each (`cite`, and a dispute's
/// own), and the values other sources give instead (`others`, each with its sources, and the
/// `note` on why the file's value is preferred). Templates that carry notes print them as
/// footnotes to the fact.
fn notes(cite: &std::collections::BTreeMap<String, Vec<String>>, disputes: &[Dispute], shared: &Shared) -> Value {
    let sources = |ids: &[String]| -> Value { ids.iter().filter_map(|id| entity(id, &shared.sources)).collect() };
    let mut notes = Map::new();
    for (field, ids) in cite {
        notes.insert(field.clone(), json!({"sources": sources(ids), "others": [], "note": null}));
    }
    for dispute in disputes {
        let mut ids = cite.get(&dispute.field).cloned().unwrap_or_default();
        ids.extend(dispute.sources.iter().filter(|id| !ids.contains(id)).cloned().collect::<Vec<_>>());
        let others: Vec<Value> = dispute
            .others
            .iter()
            .map(|other| {
                // A date another source gives (`2023-12-01`) is said as dates are ("1 December 2023").
                let when = match &other.value {
                    Text::Plain(text) if When::parse(text).is_ok() => Value::from(text.trim()),
                    _ => Value::Null,
                };
                json!({"value": to_json(&other.value), "when": when, "sources": sources(&other.sources)})
            })
            .collect();
        notes.insert(
            dispute.field.clone(),
            json!({"sources": sources(&ids), "others": others, "note": to_json(&dispute.note)}),
        );
    }
    Value::Object(notes)
}

/// The Working Group's opinion that already covers a defendant, if the case lists one: the WGAD
/// document then follows it up instead of starting a new communication.
pub fn covering_opinion<'a>(case: &'a Case, index: usize, shared: &'a Shared) -> Option<(&'a str, &'a Statement)> {
    let person = case.defendant_ids()[index];
    // The proceeding's statements and the person's own, without building the person's view:
    // this runs for every co-defendant of every defendant.
    let own = case.defendants.get(index).map(|d| d.statements.as_slice()).unwrap_or_default();
    case.statements.iter().chain(own).find_map(|id| {
        let (id, statement) = shared.statements.get_key_value(id)?;
        let covers = statement
            .value
            .concerns
            .iter()
            .any(|c| c.case == case.id && c.defendant.as_deref().is_none_or(|d| d == person));
        (statement.value.author == Author::Wgad && statement.value.kind == StatementKind::Opinion && covers)
            .then_some((id.as_str(), &statement.value))
    })
}

fn expand_ids(list: &mut Value, resolve: impl Fn(&str) -> Option<Value>) {
    if let Value::Array(items) = list {
        *items = items.iter().filter_map(|id| resolve(id.as_str()?)).collect();
    }
}

/// The sources a defendant's view of a case cites on its parts, in the order of its parts; its
/// stages are that person's (a pardon of two of four is not the others').
fn cited_sources(view: &Case) -> Vec<String> {
    let mut ids: Vec<&Vec<String>> = Vec::new();
    ids.extend(view.trial.iter().map(|t| &t.sources));
    ids.extend(view.other_arrests.iter().map(|a| &a.sources));
    ids.extend(view.measures.iter().map(|m| &m.sources));
    ids.extend(view.detention.iter().map(|c| &c.sources));
    ids.extend(view.events.iter().map(|e| &e.sources));
    ids.extend(view.stages.iter().map(|stage| &stage.sources));
    ids.extend(view.release.iter().map(|r| &r.sources));
    ids.extend(view.implementation.iter().map(|i| &i.sources));
    ids.extend(view.cite.values());
    for dispute in &view.disputes {
        ids.push(&dispute.sources);
        ids.extend(dispute.others.iter().map(|o| &o.sources));
    }
    ids.into_iter().flatten().cloned().collect()
}

/// One defendant's view of a case as JSON, as it stands at a date: every id replaced by what
/// it names, the verdict in effect and the person's status derived, the stages up to the date,
/// the appeal route, and the others tried in the same proceeding.
fn defendant_tree(case: &Case, index: usize, shared: &Shared, audience: Audience, at: Date) -> Value {
    let mut view = case.for_defendant(index);
    // A document cites only what was said by its date: one dated before a statement would
    // quote what was not yet said (`check` warns of such a `document_date`).
    view.statements.retain(|id| said_by(id, shared, at));
    // Nor what was said of another of those tried: a statement whose `concerns` name people of
    // this case, none of them this one (the opinion on Tazhimuratov was printed on his
    // co-defendant's sheet as hers).
    let person = case.defendant_ids()[index];
    view.statements.retain(|id| {
        let Some(statement) = shared.statements.get(id) else { return true };
        let mut here = statement.value.concerns.iter().filter(|c| c.case == case.id).peekable();
        here.peek().is_none() || here.any(|c| c.defendant.as_deref().is_none_or(|d| d == person))
    });
    let sender = shared.sender_of(case);
    match audience {
        Audience::Public => view.confidential = None,
        Audience::Restricted => view.with_sender_as_submitter(sender.map(|s| &s.value)),
    }
    let jurisdiction = shared.jurisdictions.get(&case.jurisdiction).map(|j| &j.value);
    let deadline_days = jurisdiction.and_then(|j| j.appeal.as_ref()).map(|a| a.deadline_days);
    let standing = Standing::at(&view, deadline_days, at);
    let mut tree = expand_case(&view, shared);
    // Documents read `release` as the person's being free: a release the record has them held
    // again after is in the timeline only.
    if view.release.is_some() && view.release_in_effect().is_none() {
        tree["release"] = Value::Null;
    }
    if audience == Audience::Public {
        // The authorities' own account goes to the UN bodies only (see `Author::Authorities`).
        if let Some(statements) = tree["statements"].as_array_mut() {
            statements.retain(|s| s["author"] != "authorities");
        }
    }
    let stages: Vec<&Stage> = view.stages.iter().filter(|s| s.date.earliest() <= at).collect();
    tree["stages"] = to_json(&stages);
    tree["verdict"] = to_json(&standing.verdict);
    // Charges the sources do not give (`charges: unknown`) are no charges to list: documents
    // say "under articles not known" where a list would be.
    tree["charges"] = to_json(&view.charged());
    tree["charges_brought"] = Value::Null;
    tree["term_end"] = Value::Null;
    if let Some(verdict) = &standing.verdict {
        // What a document may ask to lift: restrictions and bans still running on its date.
        let running: Vec<_> = verdict.restricting_at(at).collect();
        let bans = running.iter().filter(|p| p.kind == PenaltyKind::Ban).count();
        tree["verdict"]["restricts"] = (!running.is_empty()).into();
        // The one restriction still running, where there is one: named as it is ("the probation
        // supervision") rather than "the restriction".
        let only = match running.as_slice() {
            [one] if bans == 0 => Some(one.kind),
            _ => None,
        };
        tree["verdict"]["lifts"] = json!({"bans": bans, "others": running.len() - bans, "only": to_json(&only)});
        // A suspended sentence or probation still running, which the person's status names.
        let probation = running
            .iter()
            .map(|p| p.kind)
            .find(|k| matches!(k, PenaltyKind::SuspendedSentence | PenaltyKind::Probation));
        tree["verdict"]["probation"] = to_json(&probation);
        let served = standing.served(&view, at);
        tree["verdict"]["served"] = served.into();
        // Every term that held or restricted the person has ended (a fine has no term): the
        // status says so, or "Convicted" in 2026 of a one-year restriction of 2021 reads as if
        // it still ran. Ended, not served: the record may not show an early release.
        let timed: Vec<&Penalty> = verdict
            .sentence
            .iter()
            .filter(|p| p.running_term().is_some() && (p.kind.deprives_of_liberty() || p.kind.restricts()))
            .collect();
        tree["verdict"]["term_ended"] = (!timed.is_empty() && served).into();
        // A suspended sentence ends with its probation: "probation ended", not "sentence ended"
        // (eight years suspended, of which the person served none).
        let suspended_only = timed.iter().all(|p| p.kind == PenaltyKind::SuspendedSentence);
        tree["verdict"]["probation_ended"] = (!timed.is_empty() && served && suspended_only).into();
    }
    if let Some(verdict) = &standing.verdict {
        // The charges as the verdict in effect has them; the file's first ones if they changed.
        let current = to_json(&verdict.charges);
        if current != tree["charges"] {
            tree["charges_brought"] = tree["charges"].take();
        }
        tree["charges"] = current;
        tree["term_end"] = to_json(&verdict.term_end());
    }
    // Charged only under codes of administrative offences: a decision, not a conviction.
    tree["administrative"] = jurisdiction.is_some_and(|j| j.administrative(standing.charges(&view))).into();
    tree["sender"] = sender_tree(sender);
    tree["campaign"] = campaign_tree(&view, jurisdiction, at);
    tree["timeline"] = timeline(&view, &stages);
    // What the country's law calls a kind of stage, where the file says (see `Stage::named`).
    tree["stage_names"] = Value::Object(
        case.stages
            .iter()
            .filter_map(|s| Some((to_json(&s.stage).as_str()?.to_owned(), to_json(s.named.as_ref()?))))
            .collect(),
    );
    // Every source the person's record cites, on a custody, an event, a stage or a fact, after
    // the case's own: what the UN forms list. They listed the case's alone, and the sources
    // behind an account of ill-treatment were in no document. (The public kinds keep the
    // case's, which a page has room for.)
    let mut all: Vec<String> = view.sources.clone();
    all.extend(cited_sources(&view));
    tree["all_sources"] = unique(&all).into_iter().filter_map(|id| entity(id, &shared.sources)).collect();
    // Events listed apart from the timeline (the UN forms) are in the order they happened, as
    // the timeline's are, whatever order the file gives them in. One whose date is not known
    // (its text may say "in October–November 2010") stays after the dated one the file puts
    // before it. As in the timeline, a date known to the month or year comes after the days of
    // its period: Gorinov's "July 2025" had come before "21 July 2025", which the file and the
    // timeline put first.
    if let Value::Array(events) = &mut tree["events"] {
        let mut last = None;
        let mut keyed: Vec<(Option<Date>, Value)> = std::mem::take(events)
            .into_iter()
            .map(|event| {
                last =
                    event["date"].as_str().and_then(|date| When::parse(date).ok()).map(|when| when.latest()).or(last);
                (last, event)
            })
            .collect();
        keyed.sort_by_key(|(when, _)| *when);
        *events = keyed.into_iter().map(|(_, event)| event).collect();
    }
    tree["notes"] = notes(&view.cite, &view.disputes, shared);
    tree["wgad_opinion"] = covering_opinion(case, index, shared)
        .filter(|(id, _)| said_by(id, shared, at))
        .and_then(|(id, _)| statement(id, shared))
        .into();
    tree["awaiting_retrial"] = standing.awaiting_retrial.into();
    tree["quashed"] = to_json(&standing.quashed);
    tree["set_aside"] = match &standing.set_aside {
        Some((verdict, on)) => {
            let mut value = to_json(verdict);
            value["on"] = to_json(on);
            value
        }
        None => Value::Null,
    };
    let (status, as_of) = standing.status(&view, at);
    tree["status"] = to_json(&status);
    // Held now, in custody or under house arrest: what documents ask to end.
    let held = matches!(status, crate::case::Status::Detained | crate::case::Status::HouseArrest);
    tree["held"] = held.into();
    // Where the person stands now is not known, and they were last known held, or sentenced to
    // imprisonment: documents ask whether they are still held, and to free them if so. Smailov,
    // given 13 years, was left out of the brief's call for release.
    let sentenced_to_prison = standing
        .verdict
        .as_ref()
        .is_some_and(|v| v.convicted() && v.sentence.iter().any(|p| p.kind.deprives_of_liberty()));
    tree["maybe_held"] = (status == crate::case::Status::Unknown
        && view.release_in_effect().is_none()
        && (!view.detention.is_empty() || sentenced_to_prison))
        .into();
    // Where they are held now: the place of custody the record leaves open, which letters ask
    // about and visitors need.
    tree["held_in"] = match held {
        true => view.detention.iter().rev().find(|custody| custody.to.is_none()).map(to_json).unwrap_or_default(),
        false => Value::Null,
    };
    tree["status_as_of"] = to_json(&as_of);
    // A travel ban still running on a person not held, which the asks ask to lift: before the
    // verdict, or after the release (Halykov's, from January 2025, imposed when he had served his
    // term). A ban that ended gives `to`.
    tree["travel_ban"] = match held {
        true => Value::Null,
        false => view
            .measures
            .iter()
            .rev()
            .find(|m| m.kind == crate::case::MeasureKind::TravelBan && m.to.is_none())
            .map(to_json)
            .unwrap_or_default(),
    };
    // A stay whose end the sources do not give (`to: unknown`) has ended all the same: without
    // saying so, "from 21 November 2023" reads as still held there.
    if let Some(stays) = tree["detention"].as_array_mut() {
        for (stay, custody) in stays.iter_mut().zip(&view.detention) {
            stay["ended"] = custody.to.is_some().into();
        }
    }
    // The person's own sources, which a sheet that lists a few names first: listing the trial's
    // hid the only source on Mamadalieva's sentence behind "and 1 more source".
    let own = case.defendants.get(index).map_or(&[][..], |d| d.sources.as_slice());
    for source in tree["sources"].as_array_mut().into_iter().flatten() {
        source["own"] = own.iter().any(|id| source["id"] == id.as_str()).into();
    }
    tree["spelled"] = spelled_in_statements(case, index, &tree["statements"], shared).into();
    // Whether a statement names this proceeding among those it concerns (`concerns`), rather than
    // being cited beside it: a resolution on the country is not one on the case.
    for statement in tree["statements"].as_array_mut().into_iter().flatten() {
        let on_case = statement["concerns"].as_array().into_iter().flatten().any(|c| c["case"] == case.id.as_str());
        statement["on_case"] = on_case.into();
    }
    tree["defendant"] = json!({
        "id": case.defendant_ids()[index],
        "position": index + 1,
        "of": case.defendant_count(),
    });
    // Those the trial tried whom the file does not name (`trial.people` beyond its defendants):
    // documents count them ("and six others").
    let people = case.trial.as_ref().and_then(|t| t.people).unwrap_or(0) as usize;
    tree["unnamed_defendants"] = people.saturating_sub(case.defendant_count()).into();
    // The person's own `summary` is not what those tried with them are prosecuted for; the
    // proceeding's is said of everyone tried only when no one has their own and the file names
    // everyone tried (of 22 tried in Bukhara, some were accused of violence).
    tree["own_summary"] = case.defendants.get(index).is_some_and(|d| d.summary.is_some()).into();
    tree["summary_of_all"] =
        (case.defendants.iter().all(|d| d.summary.is_none()) && people <= case.defendant_count()).into();
    tree["co_defendants"] = (0..case.defendant_count())
        .filter(|&other| other != index)
        .map(|other| {
            let view = case.for_defendant(other);
            let standing = Standing::at(&view, deadline_days, at);
            json!({
                "id": case.defendant_ids()[other],
                "name": to_json(&view.person.as_ref().map(|p| &p.name)),
                "outcome": to_json(&standing.verdict.as_ref().map(|v| v.outcome)),
                "in_absentia": view.in_absentia,
                "wgad_opinion": covering_opinion(case, other, shared).and_then(|(id, _)| statement(id, shared)),
            })
        })
        .collect();
    if let Some(jurisdiction) = jurisdiction {
        annotate_law(&mut tree, jurisdiction);
        tree["appeal_route"] = appeal_route(&view, jurisdiction, &standing);
    }
    // Evidence names the charges it was offered for by their place in the file's `charges`.
    let charged =
        if tree["charges_brought"].is_null() { tree["charges"].clone() } else { tree["charges_brought"].clone() };
    for item in tree["evidence"].as_array_mut().into_iter().flatten() {
        if let Value::Array(numbers) = &mut item["charges"] {
            *numbers =
                numbers.iter().filter_map(|n| charged.get((n.as_u64()? as usize).checked_sub(1)?).cloned()).collect();
        }
    }
    tree
}

/// What happened to one defendant, in date order: the arrest, each place of custody, each
/// stage, each event, the release; each entry is the record's own item with its `date`,
/// `what` (`arrest`, `custody`, `stage`, `event`, `release`) and `major` (what a one-page
/// summary keeps: not a refused review, not an event other than a hunger strike, ill-treatment,
/// denied treatment, being held incommunicado, new charges or death; not a pardon the release
/// of the same day tells, as its `pardon`).
/// Entries without a known date are left out: documents list them where they give the record
/// in full.
fn timeline(view: &Case, stages: &[&Stage]) -> Value {
    use crate::case::{EventKind, Outcome};
    let mut entries: Vec<(When, usize, Value)> = Vec::new();
    let mut add = |date: Option<When>, what: &str, major: bool, item: Value| {
        if let (Some(date), Value::Object(mut fields)) = (date, item) {
            fields.insert("what".into(), what.into());
            fields.insert("date".into(), date.to_string().into());
            fields.insert("major".into(), major.into());
            entries.push((date, entries.len(), Value::Object(fields)));
        }
    };
    if let Some(arrest) = view.arrest.as_ref().and_then(|a| a.known()) {
        add(arrest.date.known().copied(), "arrest", true, to_json(arrest));
    }
    // Arrests on other grounds carry their `reason`, which the entry says.
    for arrest in &view.other_arrests {
        add(arrest.date.known().copied(), "arrest", true, to_json(arrest));
    }
    for custody in &view.detention {
        add(custody.from.known().copied(), "custody", true, to_json(custody));
    }
    // Custody or house arrest ordered before the verdict, where the detention record dates no
    // stay: a person held from an unknown day in a known place would otherwise be shown as
    // never held (Kaparov, remanded on 17 January 2024, "held in SIZO-1 from a day unknown").
    if !view.detention.iter().any(|custody| custody.from.known().is_some()) {
        use crate::case::MeasureKind;
        for measure in
            view.measures.iter().filter(|m| matches!(m.kind, MeasureKind::Custody | MeasureKind::HouseArrest))
        {
            add(measure.from.known().copied(), "measure", true, to_json(measure));
        }
    }
    // A measure that leaves the person free says so: after "Arrested" and before the verdict's
    // custody, a Tajik journalist under a travel ban read as held since her arrest.
    for measure in view
        .measures
        .iter()
        .filter(|m| matches!(m.kind, crate::case::MeasureKind::TravelBan | crate::case::MeasureKind::Bail))
    {
        add(measure.from.known().copied(), "measure", true, to_json(measure));
    }
    for stage in stages {
        add(Some(stage.date), "stage", stage.outcome != Some(Outcome::Refused), to_json(stage));
    }
    // A death is in custody when the record has the person held, with no release, then.
    let held_until_death = view.release_in_effect().is_none()
        && view.detention.last().is_some_and(|c| {
            let death = view.events.iter().find(|e| e.kind == EventKind::Death).and_then(|e| e.date.known().copied());
            c.to.is_none() || c.to.as_ref().and_then(Fact::known).copied() == death
        });
    for event in &view.events {
        let major = matches!(
            event.kind,
            EventKind::HungerStrike
                | EventKind::IllTreatment
                | EventKind::DeniedTreatment
                | EventKind::Incommunicado
                | EventKind::NewCharges
                | EventKind::Death
        );
        let mut item = to_json(event);
        item["in_custody"] = (event.kind == EventKind::Death && held_until_death).into();
        add(event.date.known().copied(), "event", major, item);
    }
    if let Some(release) = &view.release {
        add(release.date.known().copied(), "release", true, to_json(release));
    }
    // A date known only to the month or year sorts after the days of its period: "July 2022:
    // ill-treatment" came after the arrest of 2 July, not before it. An arrest so dated opens it.
    entries.sort_by_key(|(date, order, entry)| {
        let day = match date {
            When::Day(day) => *day,
            _ if entry["what"] == "arrest" => date.earliest(),
            _ => date.latest(),
        };
        // New charges come before the conviction on them given the same day, or month, or year.
        let charged = entry["what"] == "event" && entry["kind"] == "new_charges";
        (day, !charged, *order)
    });
    let mut entries: Vec<Value> = entries.into_iter().map(|(_, _, entry)| entry).collect();
    // A pardon and the release it brought on one day are one step for a reader: the release
    // says who pardoned, and a one-page summary leaves the pardon's own entry out (`major`).
    let pardon =
        entries.iter().position(|e| e["what"] == "stage" && e["stage"] == "pardon" && e["outcome"] == "pardoned");
    let release = entries.iter().position(|e| e["what"] == "release" && e["reason"] == "pardon");
    if let (Some(pardon), Some(release)) = (pardon, release)
        && entries[pardon]["date"] == entries[release]["date"]
    {
        entries[pardon]["major"] = false.into();
        entries[release]["pardon"] = entries[pardon].clone();
    }
    entries.into()
}

/// Gives charges their code's names and penalties their regime's, from the jurisdiction,
/// wherever they are in a tree: the file's charges, the verdict's, each stage's and each
/// stage result's, the timeline's.
fn annotate_law(tree: &mut Value, jurisdiction: &Jurisdiction) {
    match tree {
        Value::Object(fields) => {
            for (key, value) in fields.iter_mut() {
                let items = value.as_array_mut().into_iter().flatten();
                match key.as_str() {
                    "charges" | "charges_brought" | "added_charges" => items.for_each(|charge| {
                        if jurisdiction.citation == CitationStyle::Dotted {
                            dot_citation(charge);
                        }
                        let code = charge["code"].as_str().unwrap_or_default().to_owned();
                        if let Some(code) = jurisdiction.codes.get(&code) {
                            charge["code_name"] = to_json(&code.name);
                            charge["code_abbreviation"] = to_json(&code.abbreviation);
                        }
                    }),
                    "sentence" | "given_sentence" | "requested" => items.for_each(|penalty| {
                        let regime = penalty["regime"].as_str().unwrap_or_default().to_owned();
                        penalty["regime_text"] = to_json(&jurisdiction.regimes.get(&regime));
                        if penalty["first"].is_object() {
                            let first = penalty["first"]["regime"].as_str().unwrap_or_default().to_owned();
                            penalty["first"]["regime_text"] = to_json(&jurisdiction.regimes.get(&first));
                        }
                    }),
                    "jurisdiction" | "statements" | "sources" | "all_sources" => {}
                    _ => annotate_law(value, jurisdiction),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| annotate_law(item, jurisdiction)),
        _ => {}
    }
}

/// Joins a charge's article, part and item by dots ("206.3.2") for a country that cites them so,
/// leaving no part or item for the templates to name: they print the article as it is. An
/// article the sources do not give stays unknown.
fn dot_citation(charge: &mut Value) {
    let Some(article) = charge["article"].as_str().map(str::to_owned) else { return };
    fn label(value: &Value) -> Option<String> {
        match value {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            // A text (`item`), given once or per language (`{ en: a, ru: а }`): a dotted
            // citation has one form.
            Value::Object(fields) => match fields.get(TEXT_TAG) {
                Some(text) => label(text),
                None => fields.values().find_map(label),
            },
            _ => None,
        }
    }
    let dotted: Vec<String> =
        [Some(article), label(&charge["part"]), label(&charge["item"])].into_iter().map_while(|part| part).collect();
    // Several items of one part: each cited in full ("206.3.1, 206.3.2").
    let items: Vec<String> = charge["items"].as_array().into_iter().flatten().filter_map(label).collect();
    charge["article"] = match (dotted.len(), items.is_empty()) {
        (2, false) => items.iter().map(|item| format!("{}.{item}", dotted.join("."))).collect::<Vec<_>>().join(", "),
        _ => dotted.join("."),
    }
    .into();
    charge["part"] = Value::Null;
    charge["item"] = Value::Null;
    charge["items"] = Value::Null;
}

/// What a fact sheet asks of its readers: its reference (the case's id unless the campaign
/// gives one), the date to act by unless it has passed, and whom to write to, the case's own
/// addressees before the jurisdiction's.
pub fn campaign_tree(case: &Case, jurisdiction: Option<&Jurisdiction>, at: Date) -> Value {
    let own = case.campaign.as_ref();
    let addressees: Vec<_> = own
        .into_iter()
        .flat_map(|c| &c.addressees)
        .chain(jurisdiction.into_iter().flat_map(|j| &j.addressees))
        .collect();
    json!({
        "reference": own.and_then(|c| c.reference.clone()).unwrap_or_else(|| case.id.clone()),
        "act_by": to_json(&own.and_then(|c| c.act_by).filter(|date| *date >= at)),
        "addressees": to_json(&addressees),
    })
}

/// The case as JSON with every id replaced by what it names.
fn expand_case(case: &Case, shared: &Shared) -> Value {
    let mut tree = to_json(case);
    if let Some(jurisdiction) = shared.jurisdictions.get(&case.jurisdiction) {
        let mut value = to_json(&jurisdiction.value);
        value["id"] = case.jurisdiction.clone().into();
        tree["jurisdiction"] = value;
    }
    expand_ids(&mut tree["statements"], |id| statement(id, shared));
    expand_ids(&mut tree["sources"], |id| entity(id, &shared.sources));
    if let (Some(photo), Value::Object(fields)) = (&case.photo, &mut tree["photo"]) {
        fields.remove("file");
        fields.insert("path".into(), attachment_path("photo", &photo.file).into());
    }
    for (i, act) in tree["acts"].as_array_mut().into_iter().flatten().enumerate() {
        act["number"] = (i + 1).into();
        expand_ids(&mut act["organisations"], |id| organisation(id, shared));
    }
    for (i, item) in tree["evidence"].as_array_mut().into_iter().flatten().enumerate() {
        item["number"] = (i + 1).into();
    }
    tree
}

/// Gives each argument the acts it names by position, and groups the arguments by WGAD
/// category. Done after localising, so the copies are localised text, not more fields that
/// could each warn about the same missing translation.
fn link_arguments(tree: &mut Value) {
    // Arguments name acts and evidence by position; templates get the items themselves.
    for list in ["acts", "evidence"] {
        let items = tree[list].clone();
        for argument in tree["arguments"].as_array_mut().into_iter().flatten() {
            if let Value::Array(numbers) = &mut argument[list] {
                *numbers =
                    numbers.iter().filter_map(|n| items.get((n.as_u64()? as usize).checked_sub(1)?).cloned()).collect();
            }
        }
    }
    tree["wgad_categories"] = wgad_categories(&tree["arguments"]);
}

/// The WGAD categories the arguments invoke, in order, each with its provisions and arguments.
/// An argument under several is set out under the first and, under the others, marked
/// `set_out_under` it: the Working Group read one argument twice, word for word.
fn wgad_categories(arguments: &Value) -> Value {
    const ORDER: [&str; 5] = ["I", "II", "III", "IV", "V"];
    let rank = |name: &str| ORDER.iter().position(|c| *c == name);
    let mut categories: Vec<(String, Vec<Value>, Vec<Value>)> = Vec::new();
    for argument in arguments.as_array().into_iter().flatten() {
        let own = argument["wgad_categories"].as_array().into_iter().flatten().filter_map(Value::as_str);
        let first = own.min_by_key(|c| rank(c)).unwrap_or_default();
        for category in argument["wgad_categories"].as_array().into_iter().flatten() {
            let name = category.as_str().unwrap_or_default().to_owned();
            let index = match categories.iter().position(|(c, _, _)| *c == name) {
                Some(index) => index,
                None => {
                    categories.push((name, Vec::new(), Vec::new()));
                    categories.len() - 1
                }
            };
            let (_, provisions, list) = &mut categories[index];
            for provision in argument["provisions"].as_array().into_iter().flatten() {
                let outside = category == "II" && provision.as_str().is_some_and(|p| !category_ii_covers(p));
                if !outside && !provisions.contains(provision) {
                    provisions.push(provision.clone());
                }
            }
            let mut argument = argument.clone();
            if category != first {
                argument["set_out_under"] = first.into();
            }
            list.push(argument);
        }
    }
    categories.sort_by_key(|(name, _, _)| rank(name));
    categories
        .into_iter()
        .map(|(category, provisions, arguments)| json!({"category": category, "provisions": provisions, "arguments": arguments}))
        .collect()
}

/// Whether category II (deprivation of liberty for exercising protected rights) covers a
/// provision: of the UDHR and the ICCPR, only the articles its definition lists (methods of
/// work, A/HRC/36/38, para. 8 (b)); anything else an argument invokes (the Declaration on
/// Human Rights Defenders) is left to the argument. ICCPR art. 15 under category II read as a
/// misfiled ground to the WGAD secretariat.
fn category_ii_covers(provision: &str) -> bool {
    let article = |rest: &str| rest.trim().split(|c: char| !c.is_ascii_digit()).next().unwrap_or_default().to_owned();
    if let Some(rest) = provision.strip_prefix("UDHR art.") {
        return ["7", "13", "14", "18", "19", "20", "21"].contains(&article(rest).as_str());
    }
    if let Some(rest) = provision.strip_prefix("ICCPR art.") {
        return ["12", "18", "19", "21", "22", "25", "26", "27"].contains(&article(rest).as_str());
    }
    true
}

/// The sender as documents print it: its logo is the attached picture's path, and left out
/// when the file cannot be used (`check` says why).
fn sender_tree(sender: Option<&Loaded<crate::case::Sender>>) -> Value {
    let Some(sender) = sender else { return Value::Null };
    let mut tree = to_json(&sender.value);
    tree["logo"] = match (&sender.value.logo, sender.logo_file()) {
        (Some(file), Ok(_)) => attachment_path("logo", file).into(),
        _ => Value::Null,
    };
    tree
}

/// Where templates find an attached picture: `/_case/<name>.<ext>` (`photo`, `logo`).
pub fn attachment_path(name: &str, file: &str) -> String {
    let extension = std::path::Path::new(file).extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    format!("{}/{name}.{extension}", crate::typeset::ATTACHMENTS_DIR)
}

/// Where and by when the verdict in effect can be appealed, if it still can and the
/// jurisdiction's rules say.
fn appeal_route(case: &Case, jurisdiction: &Jurisdiction, standing: &Standing) -> Value {
    let verdict = standing.verdict.as_ref().filter(|_| standing.appealable());
    let (Some(rules), Some(day)) = (&jurisdiction.appeal, verdict.and_then(|v| v.date.day())) else {
        return Value::Null;
    };
    let place_names: Vec<String> = match &case.place {
        Text::Plain(text) => vec![text.to_lowercase()],
        Text::ByLanguage(texts) => texts.values().map(|t| t.to_lowercase()).collect(),
    };
    let court = rules.courts.iter().find(|court| court.places.iter().any(|p| place_names.contains(&p.to_lowercase())));
    json!({
        "court": court.map(to_json),
        "filed_through": to_json(&rules.filed_through),
        "invokes": to_json(&rules.invokes),
        "content_source": to_json(&rules.content_source),
        "copies": to_json(&rules.copies),
        "credentials": to_json(&rules.credentials),
        "deadline": {
            "date": appeal_deadline(day, rules.deadline_days),
            "days": rules.deadline_days,
            "source": to_json(&rules.deadline_source),
            "verified": rules.verified,
        },
    })
}

/// The last day to appeal: the verdict date plus the jurisdiction's number of days.
pub fn appeal_deadline(verdict: Date, days: u32) -> Date {
    Date(verdict.0.checked_add_days(chrono::Days::new(u64::from(days))).unwrap_or(chrono::NaiveDate::MAX))
}

/// What the facts stage needs of a document's language: its code, the languages its texts
/// fall back to, in order, and whether it writes names in their Latin form.
pub struct Languages<'a> {
    pub lang: &'a str,
    pub fallback: &'a [String],
    pub latin_names: bool,
}

impl Languages<'_> {
    /// The document's language first, then its fallbacks.
    fn in_order(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.lang).chain(self.fallback.iter().map(String::as_str))
    }
}

/// Resolves the tagged values of a serialized case for one language, in place.
fn localize(value: &mut Value, languages: &Languages, path: &str, warn: &mut dyn FnMut(&str, String, &str)) {
    match value {
        Value::Object(map) => {
            if let Some(text) = map.get(TEXT_TAG) {
                *value = Value::String(localize_text(text, languages, path, warn));
            } else if let Some(parts) = map.get(NAME_TAG) {
                *value = localize_name(parts, languages, path, warn);
            } else if map.contains_key(UNKNOWN_TAG) {
                *value = Value::Null;
            } else {
                for (key, child) in map.iter_mut() {
                    let child_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                    localize(child, languages, &child_path, warn);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                localize(item, languages, &format!("{path}[{i}]"), warn);
            }
        }
        _ => {}
    }
}

/// A text in the document's language; else in the first fallback language that has one, else
/// in any, with a warning naming the field.
fn localize_text(text: &Value, languages: &Languages, path: &str, warn: &mut dyn FnMut(&str, String, &str)) -> String {
    match text {
        Value::String(text) => text.clone(),
        Value::Object(texts) => {
            let lang = languages.lang;
            if let Some(Value::String(text)) = texts.get(lang) {
                return text.clone();
            }
            let (used, text) = languages
                .in_order()
                .find_map(|l| texts.get_key_value(l))
                .or_else(|| texts.iter().next())
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .unwrap_or_default();
            warn(path, format!("no `{lang}` text for this field; the `{used}` text is used instead"), &text);
            text
        }
        _ => String::new(),
    }
}

/// A name in capitals. An Azerbaijani or Turkish spelling (one with ə, ı or ğ) keeps the dot
/// of its i ("Həsənli" is "HƏSƏNLİ": "HƏSƏNLI" would read as another vowel, ı); other
/// spellings follow Unicode.
fn capitals(text: &str) -> String {
    let turkic = text.chars().any(|c| matches!(c, 'ə' | 'Ə' | 'ı' | 'ğ' | 'Ğ' | 'İ'));
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'i' if turkic => out.push('İ'),
            _ => out.extend(c.to_uppercase()),
        }
    }
    out
}

/// Writes the people's names in normal case throughout a document's facts, for kinds whose
/// readers write them so (a court, the European Parliament): `formal` becomes `full`, and in
/// every text a word in capitals that begins with a person's family name in capitals
/// ("КАНАЛИЕВА", "ZHARYLGAP") is written with one capital, as the reports the texts come from
/// did not. Acronyms ("ДВК", "УК РК") are no one's name and stay.
pub fn normal_case_names(tree: &mut Value) {
    fn families(value: &Value, found: &mut Vec<Vec<char>>) {
        match value {
            Value::Object(fields) => {
                if fields.contains_key("formal") {
                    for part in fields.get("family").and_then(Value::as_str).unwrap_or_default().split(['-', ' ']) {
                        let upper: Vec<char> = capitals(part).chars().collect();
                        if upper.len() >= 3 && !found.contains(&upper) {
                            found.push(upper);
                        }
                    }
                }
                fields.values().for_each(|v| families(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| families(v, found)),
            _ => {}
        }
    }
    fn rewrite(value: &mut Value, families: &[Vec<char>]) {
        match value {
            Value::Object(fields) => {
                if let (Some(full), true) = (fields.get("full").cloned(), fields.contains_key("formal")) {
                    fields.insert("formal".into(), full);
                }
                fields.values_mut().for_each(|v| rewrite(v, families));
            }
            Value::Array(items) => items.iter_mut().for_each(|v| rewrite(v, families)),
            Value::String(text) => *text = normal_case_in(text, families),
            _ => {}
        }
    }
    let mut found = Vec::new();
    families(tree, &mut found);
    if !found.is_empty() {
        rewrite(tree, &found);
    }
}

/// Writes the people's family names in capitals in every text of a document's facts, for kinds
/// that write them so in their own sentences ("Svetlana PROKOPYEVA"): a statement whose text
/// names "Svetlana Prokopyeva" would otherwise put her in capitals in one paragraph and not in
/// the next. A word is taken for a family name when it is written with one capital and is a
/// person's family name, or that name (less a last `a`/`а`/`я`) with a declension's ending (the
/// forms Russian gives it: «Прокопьевой», «Каналиева»). The names themselves, titles (of
/// sources, opinions, statements: cited as published), e-mail addresses and links are left as
/// they are.
pub fn capital_family_names(tree: &mut Value) {
    fn stems(value: &Value, found: &mut Vec<Stem>) {
        match value {
            Value::Object(fields) if fields.contains_key("formal") => {
                let family = fields.get("family").and_then(Value::as_str).unwrap_or_default();
                // "Tazhibek kyzy": its first word is also a given name (her father's), so it is
                // a family name only with the word after it.
                let words: Vec<&str> = family.split(' ').filter(|w| !w.is_empty()).collect();
                for (i, word) in words.iter().enumerate() {
                    for part in word.split('-') {
                        let next = words.get(i + 1).map(|w| w.chars().flat_map(char::to_lowercase).collect());
                        let stem = Stem { chars: stem_of(part), next, follows: i > 0 };
                        if stem.chars.len() >= 3 && !found.contains(&stem) {
                            found.push(stem);
                        }
                    }
                }
            }
            // The sender and the confidential contacts write to or for the person: their
            // names are not the case's ("Example Rights Monitor" stays as it is).
            Value::Object(fields) => fields
                .iter()
                .filter(|(key, _)| !OUTSIDE_THE_CASE.contains(&key.as_str()))
                .for_each(|(_, v)| stems(v, found)),
            Value::Array(items) => items.iter().for_each(|v| stems(v, found)),
            _ => {}
        }
    }
    fn rewrite(value: &mut Value, stems: &[Stem]) {
        match value {
            // A name is printed from its own parts, which say how it is written.
            Value::Object(fields) if fields.contains_key("formal") => {}
            Value::Object(fields) => {
                // A title is cited as it was published (a source's, an opinion's, a
                // statement's), except an argument's, which is the submitter's own heading.
                let argument = fields.contains_key("provisions") || fields.contains_key("ground");
                for (key, field) in fields.iter_mut() {
                    let cited = matches!(key.as_str(), "url" | "email" | "website" | "reference" | "id" | "alt")
                        || (key == "title" && !argument)
                        || OUTSIDE_THE_CASE.contains(&key.as_str());
                    if !cited {
                        rewrite(field, stems);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| rewrite(v, stems)),
            Value::String(text) => *text = capital_case_in(text, stems),
            _ => {}
        }
    }
    let mut found = Vec::new();
    stems(tree, &mut found);
    if !found.is_empty() {
        rewrite(tree, &found);
    }
}

/// One word of a family name, as [`capital_family_names`] looks for it.
#[derive(PartialEq)]
struct Stem {
    /// The word in lower case, less what its declension changes (Прокопьев-а, Беляцк-ий,
    /// Корол-ь).
    chars: Vec<char>,
    /// The word that must come next, for a first word that is also a given name.
    next: Option<Vec<char>>,
    /// A later word of a name of several ("kyzy"): taken only right after the one before.
    follows: bool,
}

/// A family name's word in lower case, less a last vowel or soft sign its declension
/// replaces, or the adjective's ending (Беляцкий, Беляцкая: беляцк-).
fn stem_of(word: &str) -> Vec<char> {
    let mut stem: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let ends = |end: &str| stem.ends_with(&end.chars().collect::<Vec<_>>());
    if stem.len() >= 6 && ["ий", "ый", "ой", "ая"].iter().any(|end| ends(end)) {
        stem.truncate(stem.len() - 2);
    } else if stem.len() >= 5 && matches!(stem.last(), Some('a' | 'а' | 'я' | 'ь')) {
        stem.pop();
    }
    stem
}

/// The parts of a document's facts about the people who write, not about the case.
const OUTSIDE_THE_CASE: [&str; 4] = ["sender", "submitter", "lawyer", "confidential"];

/// What a family name's stem takes as it declines: Russian nouns (Каналиев-а, -у, -ым, -е;
/// Прокопьев-а, -ой, -у, -ою; Корол-я, -ю, -ём), adjectives (Беляцк-ий, -ого, -ому, -им,
/// -ая, -ую), Kazakh's case endings (Қаналиев-ке, -тің, -ті, -пен), and a Latin form's
/// feminine `-a`: not a patronymic's -ич or -на.
const ENDINGS: [&str; 53] = [
    "a", "а", "у", "е", "ы", "я", "ю", "ь", "ой", "ою", "ым", "ом", "ей", "ых", "ыми", "ем", "ём", "ий", "ый", "ого",
    "ому", "им", "ая", "ую", "ке", "ге", "қа", "ға", "тың", "тің", "дың", "дің", "ның", "нің", "ты", "ті", "ды", "ді",
    "ны", "ні", "та", "те", "да", "де", "тан", "тен", "дан", "ден", "нан", "нен", "пен", "бен", "мен",
];

/// `text` with each word written with one capital that is one of `stems` (lower case), or one
/// of four letters or more with a declension's ending, written in capitals, and so the next
/// word of a name of several; words inside links and e-mail addresses, and a party named in a
/// case's citation ("Askarov v. Kyrgyzstan"), are left alone.
fn capital_case_in(text: &str, stems: &[Stem]) -> String {
    let mut out = String::with_capacity(text.len());
    let tokens: Vec<&str> = text.split([' ', '\u{a0}']).collect();
    let lower =
        |word: &str| -> Vec<char> { word.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect() };
    // The word before was a family name: the next word of one ("Tazhibek kyzy") may follow.
    let mut after_name = false;
    // The quotation marks open before this token: words quoted are someone else's, as written
    // ("the peaceful change of Nazarbayev’s regime" is a post's title, not the submitter's).
    let mut quotes: Vec<char> = Vec::new();
    let mut rest = text;
    for (i, token) in tokens.iter().enumerate() {
        let quoted = !quotes.is_empty() || token.starts_with(['“', '«', '„']);
        for c in token.chars() {
            match c {
                '«' | '„' => quotes.push(c),
                // Opens in English, closes a Russian „…“.
                '“' if quotes.last() == Some(&'„') => {
                    quotes.pop();
                }
                '“' => quotes.push(c),
                '»' | '”' => {
                    quotes.pop();
                }
                _ => {}
            }
        }
        // The separator before this token, as it was.
        if i > 0 {
            let separator = rest.chars().next().unwrap_or(' ');
            out.push(separator);
            rest = &rest[separator.len_utf8()..];
        }
        rest = &rest[token.len()..];
        let link = token.contains("://") || token.contains('@') || token.contains('/') || token.starts_with("www.");
        // A party to a case is cited as the case is named: "Askarov v. Kyrgyzstan".
        let party = matches!(tokens.get(i + 1), Some(&("v." | "v")))
            || (token.contains('«') && tokens.get(i + 1) == Some(&"против"));
        if link || party || quoted {
            out.push_str(token);
            after_name = false;
            continue;
        }
        let next = tokens.get(i + 1).map(|t| lower(t));
        out.push_str(&map_words(token, |word, _, out| {
            let one_capital = word[0].is_uppercase() && word[1..].iter().all(|c| c.is_lowercase());
            let all_lower = word.iter().all(|c| c.is_lowercase());
            let low: Vec<char> = word.iter().flat_map(|c| c.to_lowercase()).collect();
            let named = stems.iter().any(|stem| {
                let declined = low.starts_with(&stem.chars) && {
                    let ending: String = low[stem.chars.len()..].iter().collect();
                    ending.is_empty() || (stem.chars.len() >= 4 && ENDINGS.contains(&ending.as_str()))
                };
                if stem.follows {
                    after_name && declined && (one_capital || all_lower)
                } else {
                    one_capital && declined && stem.next.as_ref().is_none_or(|n| next.as_ref() == Some(n))
                }
            });
            after_name = named;
            if named {
                out.extend(capitals(&word.iter().collect::<String>()).chars());
            } else {
                out.extend(word);
            }
        }));
    }
    out
}

/// `text` with each capitalised word that begins with one of `families` (in capitals) written
/// with one capital; an `’S` after such a word becomes `’s`.
fn normal_case_in(text: &str, families: &[Vec<char>]) -> String {
    let mut after_name = false;
    map_words(text, |word, before, out| {
        let shouting = word.len() >= 3 && word.iter().all(|c| c.is_uppercase());
        let possessive = after_name && word == ['S'] && matches!(before, Some('\'' | '’'));
        after_name = false;
        if shouting && families.iter().any(|f| word.starts_with(f)) {
            out.push(word[0]);
            for &c in &word[1..] {
                // The dotted capital of an Azerbaijani name is a plain i again, not i and a dot.
                match c {
                    'İ' => out.push('i'),
                    _ => out.extend(c.to_lowercase()),
                }
            }
            after_name = true;
        } else if possessive {
            out.push('s');
        } else {
            out.extend(word);
        }
    })
}

/// `text` copied, each word (a run of letters) written by `word`, which is given the character
/// before it; everything between words is copied as it is.
fn map_words(text: &str, mut word: impl FnMut(&[char], Option<char>, &mut String)) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        if !chars[at].is_alphabetic() {
            out.push(chars[at]);
            at += 1;
            continue;
        }
        let start = at;
        while at < chars.len() && chars[at].is_alphabetic() {
            at += 1;
        }
        word(&chars[start..at], start.checked_sub(1).map(|b| chars[b]), &mut out);
    }
    out
}

/// A name in the document's language: its parts, `full` ("Abzal Kanaliyev") and `formal`
/// ("Abzal KANALIYEV", the style of human-rights reports). Without a form in the language,
/// the first fallback language's form is used (a Kazakh document takes the Russian Cyrillic
/// form before the Latin one), with a warning.
fn localize_name(parts: &Value, languages: &Languages, path: &str, warn: &mut dyn FnMut(&str, String, &str)) -> Value {
    let lang = languages.lang;
    let latin = parts.as_object().cloned().unwrap_or_default();
    // A document takes the name's form in its own language, else the Latin form: never another
    // language's native form, which is another person's spelling to its readers (a Russian
    // letter about a Belarusian prints «Беляцкий» only if the file gives it).
    // A name the file gives in a native script only is printed in it, rather than not at all.
    let has_latin = latin.get("family").is_some_and(|f| !f.is_null());
    let own = latin.get(lang).and_then(Value::as_object).map(|f| (lang, f.clone())).or_else(|| {
        let native = || latin.iter().find_map(|(l, f)| Some((l.as_str(), f.as_object()?.clone())));
        (!has_latin).then(native).flatten()
    });
    let used = own.as_ref().map(|(l, _)| *l);
    let form = own.map(|(_, form)| form).unwrap_or_else(|| latin.clone());
    if used != Some(lang) && !languages.latin_names {
        let what = used.map_or("the Latin form".to_owned(), |l| format!("the `{l}` form"));
        let family = form.get("family").and_then(Value::as_str).unwrap_or_default();
        warn(path, format!("no `{lang}` form of this name; {what} is used instead"), family);
    }
    let part = |key: &str| form.get(key).and_then(Value::as_str).map(str::to_owned);
    let given = part("given");
    let family = part("family").unwrap_or_default();
    let patronymic = part("patronymic");
    let join = |family: String| {
        [given.clone(), patronymic.clone(), Some(family)].into_iter().flatten().collect::<Vec<_>>().join(" ")
    };
    let latin_full = [latin.get("given"), latin.get("family")]
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    // The same name in the other forms the file gives, each with the languages that write it so
    // ("Абзал Қаналиев" in Kazakh, "Абзал Каналиев" in Russian): a form shown without its language
    // reads as another person's spelling. Part by part too (`other_families`, `other_givens`), for
    // a form that asks for the family name and the given names in separate rows.
    let mut forms: Vec<(&str, &Map<String, Value>)> = Vec::new();
    if has_latin && (!languages.latin_names || latin.contains_key(lang)) {
        forms.push(("latin", &latin));
    }
    forms.extend(
        latin
            .iter()
            .filter(|(key, _)| *key != lang && *key != "transliteration")
            .filter_map(|(key, value)| Some((key.as_str(), value.as_object()?))),
    );
    let labelled = |keys: &[&str], own: &str| {
        let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
        for (code, form) in &forms {
            // The Latin form without the patronymic, as it is written in the Latin script.
            let keys = if *code == "latin" {
                keys.iter().filter(|k| **k != "patronymic").copied().collect()
            } else {
                keys.to_vec()
            };
            let text = keys.iter().filter_map(|k| form.get(*k).and_then(Value::as_str)).collect::<Vec<_>>().join(" ");
            if text.is_empty() || text == own {
                continue;
            }
            match groups.iter_mut().find(|(t, _)| *t == text) {
                Some((_, codes)) => codes.push(code),
                None => groups.push((text, vec![code])),
            }
        }
        groups.into_iter().map(|(text, langs)| json!({"text": text, "langs": langs})).collect::<Vec<_>>()
    };
    let others = labelled(&["given", "patronymic", "family"], &join(family.clone()));
    let other_families = labelled(&["family"], &family);
    let other_givens = labelled(&["given"], given.as_deref().unwrap_or_default());
    let mut name = Map::new();
    name.insert("other_families".into(), other_families.into());
    name.insert("other_givens".into(), other_givens.into());
    name.insert("others".into(), others.into());
    name.insert("given".into(), given.clone().into());
    name.insert("family".into(), family.clone().into());
    name.insert("patronymic".into(), patronymic.clone().into());
    name.insert("full".into(), join(family.clone()).into());
    name.insert("formal".into(), join(capitals(&family)).into());
    name.insert("latin".into(), latin_full.into());
    // The spellings other documents use, with where (`{name, used_in}`): the UN kinds list them
    // beside the name, so that a registry finds the person under each.
    name.insert("aliases".into(), latin.get("aliases").cloned().unwrap_or_else(|| json!([])));
    // How the Latin form was made (`transliteration`): the UN kinds say it beside the forms.
    let transliteration = latin
        .get("transliteration")
        .map(|text| localize_text(text.get(TEXT_TAG).unwrap_or(text), languages, path, warn));
    name.insert("transliteration".into(), transliteration.into());
    Value::Object(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// New charges come before the conviction on them dated alike (a year, here); being held
    /// incommunicado is kept on a one-page summary; a pardon merges into the release it brought.
    #[test]
    fn a_timeline_tells_new_charges_first_and_a_pardon_with_its_release() {
        let case: Case = serde_json::from_value(json!({
            "id": "t-2021", "jurisdiction": "by", "place": "Minsk",
            "person": {"name": {"given": "Anna", "family": "Testova"}, "role": "activist"},
            "charges": "unknown",
            "stages": [
                {"stage": "first_instance", "court": "C", "date": "2022-02-10", "outcome": "convicted",
                 "sentence": [{"kind": "imprisonment", "term": "4y"}]},
                {"stage": "new_case", "court": "unknown", "date": "2023", "outcome": "convicted",
                 "sentence": [{"kind": "imprisonment", "term": "5y"}]},
                {"stage": "pardon", "court": "P", "date": "2025-12-13", "outcome": "pardoned"}
            ],
            "events": [
                {"kind": "new_charges", "date": "2023", "text": "charged under Article 411"},
                {"kind": "incommunicado", "date": "2023-03", "text": "cut off from everyone"}
            ],
            "release": {"date": "2025-12-13", "reason": "pardon"}
        }))
        .unwrap();
        let view = case.for_defendant(0);
        let entries = timeline(&view, &view.stages.iter().collect::<Vec<_>>());
        let order: Vec<String> = entries
            .as_array()
            .unwrap()
            .iter()
            .map(|e| format!("{} {}", e["date"].as_str().unwrap(), e["what"].as_str().unwrap()))
            .collect();
        let at = |needle: &str| order.iter().position(|o| o.contains(needle)).unwrap_or_else(|| panic!("{order:?}"));
        assert!(at("2023 event") < at("2023 stage"), "{order:?}");
        let incommunicado = entries.as_array().unwrap().iter().find(|e| e["kind"] == "incommunicado").unwrap();
        assert_eq!(incommunicado["major"], true);
        let pardon = entries.as_array().unwrap().iter().find(|e| e["stage"] == "pardon").unwrap();
        assert_eq!(pardon["major"], false, "{order:?}");
        let release = entries.as_array().unwrap().iter().find(|e| e["what"] == "release").unwrap();
        assert_eq!(release["pardon"]["court"], json!({"$text": "P"}));
    }

    #[test]
    fn category_ii_lists_only_the_articles_it_covers() {
        let arguments = json!([
            {"title": "a", "provisions": ["ICCPR art. 15", "ICCPR art. 19(2)", "UDHR art. 11"], "wgad_categories": ["I", "II"]},
            {"title": "b", "provisions": ["UDHR art. 20", "UN Declaration on Human Rights Defenders"], "wgad_categories": ["II"]},
        ]);
        let categories = wgad_categories(&arguments);
        assert_eq!(categories[0]["provisions"], json!(["ICCPR art. 15", "ICCPR art. 19(2)", "UDHR art. 11"]));
        assert_eq!(
            categories[1]["provisions"],
            json!(["ICCPR art. 19(2)", "UDHR art. 20", "UN Declaration on Human Rights Defenders"])
        );
        assert_eq!(categories[1]["arguments"].as_array().unwrap().len(), 2, "the argument itself stays");
        // Set out once, under category I; under II it refers back.
        assert!(categories[0]["arguments"][0].get("set_out_under").is_none());
        assert_eq!(categories[1]["arguments"][0]["set_out_under"], "I");
        assert!(categories[1]["arguments"][1].get("set_out_under").is_none());
    }

    #[test]
    fn family_names_are_in_capitals_in_every_text_where_a_kind_writes_them_so() {
        let mut tree = json!({
            "person": {"name": {"family": "Prokopyeva", "full": "Svetlana Prokopyeva", "formal": "Svetlana PROKOPYEVA"}},
            "ru": {"name": {"family": "Прокопьева", "full": "Светлана Прокопьева", "formal": "Светлана ПРОКОПЬЕВА"}},
            "judge": {"family": "Ali", "full": "Omar Ali", "formal": "Omar ALI"},
            "statements": [{"text": "drop the charges against Svetlana Prokopyeva; Prokopyeva’s case. Alice and Alina spoke."}],
            "note": "приговор Светлане Прокопьевой и дело Прокопьевой, не Прокопьевич; Omar Ali",
            "acts": ["a post “on Prokopyeva’s trial” by Prokopyeva", "пост «о „деле Прокопьевой“ и Прокопьевой» Прокопьевой"],
            "sources": [{"title": "Prokopyeva Svetlana (case profile)", "url": "https://example.org/Prokopyeva", "publisher": "Memorial"}],
            "mail": "write to Prokopyeva@example.org or see https://example.org/Prokopyeva",
            "sender": {"organisation": "Example Rights Monitor", "signatory": {"name": {"family": "Example", "full": "Jan Example", "formal": "Jan EXAMPLE"}}},
            "issued": "Issued by Example Rights Monitor",
        });
        capital_family_names(&mut tree);
        assert_eq!(
            tree["statements"][0]["text"],
            "drop the charges against Svetlana PROKOPYEVA; PROKOPYEVA’s case. Alice and Alina spoke."
        );
        assert_eq!(tree["note"], "приговор Светлане ПРОКОПЬЕВОЙ и дело ПРОКОПЬЕВОЙ, не Прокопьевич; Omar ALI");
        // Quoted words are as written, nested Russian quotes too; the name after them is not.
        assert_eq!(tree["acts"][0], "a post “on Prokopyeva’s trial” by PROKOPYEVA");
        assert_eq!(tree["acts"][1], "пост «о „деле Прокопьевой“ и Прокопьевой» ПРОКОПЬЕВОЙ");
        // Names keep their own parts; sources are cited as written; links and addresses stay.
        assert_eq!(tree["person"]["name"]["full"], "Svetlana Prokopyeva");
        assert_eq!(tree["sources"][0]["title"], "Prokopyeva Svetlana (case profile)");
        assert_eq!(tree["sources"][0]["url"], "https://example.org/Prokopyeva");
        assert_eq!(tree["mail"], "write to Prokopyeva@example.org or see https://example.org/Prokopyeva");
        // A name of several words; a party to a case cited by its name.
        let mut more = json!({
            "person": {"name": {"family": "Tazhibek kyzy", "full": "Makhabat Tazhibek kyzy", "formal": "Makhabat TAZHIBEK KYZY"}},
            "other": {"name": {"family": "Askarov", "full": "Azimjan Askarov", "formal": "Azimjan ASKAROV"}},
            "text": "the detention of Makhabat Tazhibek kyzy; Askarov v. Kyrgyzstan; («Аскаров против Кыргызстана»); Askarov's kyzy; her father Tazhibek Asanov",
            "ru": {"name": {"family": "Беляцкий", "full": "Алесь Беляцкий", "formal": "Алесь БЕЛЯЦКИЙ"}},
            "kk": {"name": {"family": "Қаналиев", "full": "Абзал Қаналиев", "formal": "Абзал ҚАНАЛИЕВ"}},
            "ru2": {"name": {"family": "Аскаров", "full": "Азимжан Аскаров", "formal": "Азимжан АСКАРОВ"}},
            "more": "освободить Алеся Беляцкого, Беляцкому; Абзал Қаналиевке қарсы; Аскаров против приговора",
            "argument": {"title": "Askarov’s trial was unfair", "text": "Askarov was tortured", "ground": "x"},
        });
        capital_family_names(&mut more);
        assert_eq!(
            more["text"],
            "the detention of Makhabat TAZHIBEK KYZY; Askarov v. Kyrgyzstan; («Аскаров против Кыргызстана»); ASKAROV's kyzy; her father Tazhibek Asanov"
        );
        assert_eq!(
            more["more"],
            "освободить Алеся БЕЛЯЦКОГО, БЕЛЯЦКОМУ; Абзал ҚАНАЛИЕВКЕ қарсы; АСКАРОВ против приговора"
        );
        // An argument's heading is the submitter's own; a statement's title is cited.
        assert_eq!(more["argument"]["title"], "ASKAROV’s trial was unfair");
        // The sender's name is no one's in the case.
        assert_eq!(tree["issued"], "Issued by Example Rights Monitor");
        assert_eq!(tree["sender"]["organisation"], "Example Rights Monitor");
    }

    #[test]
    fn names_in_capitals_are_written_in_normal_case_where_a_kind_asks() {
        let mut tree = json!({
            "person": {"name": {"family": "Kanaliyev", "full": "Abzal Kanaliyev", "formal": "Abzal KANALIYEV"}},
            "acts": [{"people": [{"name": {"family": "Каналиев", "full": "Абзал Каналиев", "formal": "Абзал КАНАЛИЕВ"}}],
                      "text": "донос против Абзала КАНАЛИЕВА по ч. 2 ст. 293 УК РК, «ДВК» и режим НАЗАРБАЕВА"}],
            "note": "the change of KANALIYEV’S regime",
        });
        normal_case_names(&mut tree);
        assert_eq!(tree["person"]["name"]["formal"], "Abzal Kanaliyev");
        // Acronyms and the capitals of someone the facts do not name as a person stay.
        assert_eq!(
            tree["acts"][0]["text"],
            "донос против Абзала Каналиева по ч. 2 ст. 293 УК РК, «ДВК» и режим НАЗАРБАЕВА"
        );
        assert_eq!(tree["note"], "the change of Kanaliyev’s regime");
    }

    #[test]
    fn an_azerbaijani_name_keeps_the_dot_of_its_i_in_capitals_and_back() {
        assert_eq!(capitals("Həsənli"), "HƏSƏNLİ");
        assert_eq!(capitals("Kanaliyev"), "KANALIYEV");
        let mut value = json!({"$name": {"given": "Ülvi", "family": "Həsənli"}});
        let en = Languages { lang: "en", fallback: &[], latin_names: true };
        localize(&mut value, &en, "", &mut |_, _, _| panic!("no warning expected"));
        assert_eq!(value["formal"], "Ülvi HƏSƏNLİ");
        let mut tree = json!({"person": {"name": value}, "text": "the arrest of Ülvi HƏSƏNLİ"});
        normal_case_names(&mut tree);
        assert_eq!(tree["text"], "the arrest of Ülvi Həsənli");
    }

    #[test]
    fn texts_fall_back_with_a_warning() {
        let mut value = json!({"role": {"$text": {"en": "civil activist"}}});
        let mut warnings = Vec::new();
        let ru = Languages { lang: "ru", fallback: &["en".to_owned()], latin_names: false };
        localize(&mut value, &ru, "", &mut |field, message, _| warnings.push(format!("{field}: {message}")));
        assert_eq!(value["role"], "civil activist");
        assert_eq!(warnings, vec!["role: no `ru` text for this field; the `en` text is used instead"]);
    }

    #[test]
    fn names_take_the_script_of_the_language() {
        let mut value =
            json!({"$name": {"given": "Abzal", "family": "Kanaliyev", "ru": {"given": "Абзал", "family": "Каналиев"}}});
        let ru = Languages { lang: "ru", fallback: &["en".to_owned()], latin_names: false };
        localize(&mut value, &ru, "", &mut |_, _, _| panic!("no warning expected"));
        assert_eq!(value["full"], "Абзал Каналиев");
        assert_eq!(value["formal"], "Абзал КАНАЛИЕВ");
        assert_eq!(value["latin"], "Abzal Kanaliyev");
    }

    #[test]
    fn a_native_form_spelt_as_the_latin_one_is_not_another_name() {
        let mut value = json!({"$name": {"given": "Ülviyyə", "family": "Testova",
            "az": {"given": "Ülviyyə", "family": "Testova"}, "ru": {"given": "Ульвия", "family": "Тестова"}}});
        let ru = Languages { lang: "ru", fallback: &["en".to_owned()], latin_names: false };
        localize(&mut value, &ru, "", &mut |_, _, _| panic!("no warning expected"));
        assert_eq!(value["full"], "Ульвия Тестова");
        // The Latin and Azerbaijani forms are one spelling, said once with both its languages.
        assert_eq!(value["others"], json!([{"text": "Ülviyyə Testova", "langs": ["latin", "az"]}]));
    }

    #[test]
    fn a_name_in_other_scripts_is_given_by_language_and_part_by_part_too() {
        let mut value = json!({"$name": {"given": "Abzal", "family": "Kanaliyev",
            "kk": {"given": "Абзал", "family": "Қаналиев"}, "ru": {"given": "Абзал", "family": "Каналиев"},
            "transliteration": {"$text": {"en": "BGN/PCGN from the Russian", "ru": "BGN/PCGN с русского"}}}});
        let en = Languages { lang: "en", fallback: &[], latin_names: true };
        localize(&mut value, &en, "", &mut |_, _, _| panic!("no warning expected"));
        assert_eq!(
            value["others"],
            json!([{"text": "Абзал Қаналиев", "langs": ["kk"]}, {"text": "Абзал Каналиев", "langs": ["ru"]}])
        );
        assert_eq!(
            value["other_families"],
            json!([{"text": "Қаналиев", "langs": ["kk"]}, {"text": "Каналиев", "langs": ["ru"]}])
        );
        assert_eq!(value["other_givens"], json!([{"text": "Абзал", "langs": ["kk", "ru"]}]));
        assert_eq!(value["transliteration"], "BGN/PCGN from the Russian");
    }
}
