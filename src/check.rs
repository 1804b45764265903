//! Stage `check`: the rules serde cannot express.
//!
//! Contract: [`check`] looks at a loaded [`Project`] and returns diagnostics, each located at
//! the offending field. A case or digest with an error is not built; the others are.

use std::collections::{BTreeMap, BTreeSet};

use crate::case::{
    Case, Charge, Communication, Date, Fact, Jurisdiction, Loaded, MeasureKind, Outcome, Penalty, PenaltyKind, Project,
    Shared, StageKind, Standing, Statement, Status, Text, When, did_you_mean, normalise_spelling,
};
use crate::diag::{Code, Diagnostic, Location};
use crate::kind::{Applies, Kind};

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

/// Checks the project: shared entities, digests, and the cases `wanted` accepts (a case not
/// checked is not in `broken_cases`, and must not be built). `date` is the run's: what a case
/// without a `document_date` is judged at, as its documents are.
pub fn check(project: &Project, wanted: impl Fn(&Loaded<Case>) -> bool, date: Date) -> Checked {
    let mut checked = Checked::default();
    let mut ids: BTreeMap<&str, Vec<&Loaded<Case>>> = BTreeMap::new();
    for case in &project.cases {
        ids.entry(&case.value.id).or_default().push(case);
    }
    for case in project.cases.iter().filter(|case| wanted(case)) {
        let mut found = check_case(case, &project.shared, case.value.document_date.unwrap_or(date));
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
        refs(
            digest,
            "statements",
            &value.statements,
            &project.shared.statements,
            &project.shared.unreadable,
            &mut found,
        );
        refs(digest, "sources", &value.sources, &project.shared.sources, &project.shared.unreadable, &mut found);
        if let (Some(from), Some(to)) = (value.select.from, value.select.to) {
            if from > to {
                found.push(digest.error("select.to", format!("the period ends ({to}) before it starts ({from})")));
            }
        }
        for (i, id) in value.select.cases.iter().enumerate() {
            if ids.contains_key(id.as_str()) {
                continue;
            }
            let field = format!("select.cases[{i}]");
            // A case's id is written inside it, but is most often its file's name too.
            match project.unreadable_cases.iter().find(|path| path.file_stem().is_some_and(|stem| stem == id.as_str()))
            {
                Some(path) => found.push(
                    digest
                        .error(&field, format!("the case `{id}` cannot be used: its file has an error"))
                        .hint(format!("fix {} (its error is reported on its own as well)", path.display())),
                ),
                None => {
                    let known: Vec<String> = ids.keys().map(|k| k.to_string()).collect();
                    found.push(dangling(digest, &field, "case", id, &known));
                }
            }
        }
        found.extend(placeholders(digest));
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
                &project.shared.unreadable,
                &mut checked.diagnostics,
            );
        }
        refs(
            statement,
            "sources",
            &statement.value.sources,
            &project.shared.sources,
            &project.shared.unreadable,
            &mut checked.diagnostics,
        );
        check_concerns(statement, &ids, &mut checked.diagnostics);
        let value = &statement.value;
        // Documents write "the" before the body's name themselves: "the the UN Special Rapporteur".
        if value.body.get("en").trim_start().to_lowercase().starts_with("the ") {
            checked.diagnostics.push(
                statement
                    .warning("body", "the body's name starts with \"the\", which documents add themselves")
                    .hint("write the name without it (`body: UN Special Rapporteur on ...`)"),
            );
        }
        // The Special Procedures number their communications by kind: "AL RUS 4/2020" is an
        // allegation letter, "UA …" an urgent appeal. Crimean Solidarity's AL was entered as an
        // urgent appeal, and every document said so.
        let reference = value.reference.as_ref().and_then(Fact::known).map(|r| r.get("en").trim().to_owned());
        let numbered_as = match reference.as_deref().and_then(|r| r.split_whitespace().next()) {
            Some("AL") => {
                Some((crate::case::StatementKind::AllegationLetter, "allegation_letter", "an allegation letter"))
            }
            Some("UA") => Some((crate::case::StatementKind::UrgentAppeal, "urgent_appeal", "an urgent appeal")),
            _ => None,
        };
        let communication = matches!(
            value.kind,
            crate::case::StatementKind::UrgentAppeal | crate::case::StatementKind::AllegationLetter
        );
        if let Some((_, key, what)) = numbered_as.filter(|(kind, ..)| communication && value.kind != *kind) {
            checked.diagnostics.push(
                statement
                    .warning("kind", format!("the reference `{}` numbers {what}", reference.unwrap_or_default()))
                    .hint(format!("write `kind: {key}`: documents name the communication by its kind")),
            );
        }
        if value.kind == crate::case::StatementKind::Award {
            if value.subject.is_none() {
                checked
                    .diagnostics
                    .push(statement.error("subject", "an award says what was awarded and to whom").hint(
                    "write `subject: the 2025 Sakharov Prize for Freedom of Thought to ...`, as it follows \"awarded\"",
                ));
            }
            let said = [
                ("findings", value.findings.is_some()),
                ("calls_on", value.calls_on.is_some()),
                ("condemns", !value.condemns.is_empty()),
            ];
            if let Some((field, _)) = said.into_iter().find(|(_, given)| *given) {
                checked.diagnostics.push(
                    statement
                        .error(
                            field,
                            "an award finds, asks and condemns nothing: documents say only that it was awarded",
                        )
                        .hint(
                            "give what the body said in awarding it as a statement of its own (`kind: press_release`)",
                        ),
                );
            }
        }
    }
    let shared = &project.shared;
    for organisation in shared.organisations.values() {
        let sources = &organisation.value.sources;
        refs(organisation, "sources", sources, &shared.sources, &shared.unreadable, &mut checked.diagnostics);
    }
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
    for source in shared.sources.values().filter(|s| !s.value.is_identified()) {
        checked.diagnostics.push(
            source
                .error("url", "nothing identifies this source: a reader could not find it")
                .hint("give at least its `url`, its `title` or its `reference` (a document number or symbol)"),
        );
    }
    checked.diagnostics.extend(shared.organisations.values().flat_map(shared_control_characters));
    checked.diagnostics.extend(shared.statements.values().flat_map(shared_control_characters));
    checked.diagnostics.extend(shared.sources.values().flat_map(shared_control_characters));
    checked.diagnostics.extend(shared.jurisdictions.values().flat_map(shared_control_characters));
    checked.diagnostics.extend(shared.organisations.values().flat_map(placeholders));
    checked.diagnostics.extend(shared.statements.values().flat_map(placeholders));
    checked.diagnostics.extend(shared.sources.values().flat_map(placeholders));
    checked.diagnostics.extend(shared.jurisdictions.values().flat_map(placeholders));
    for jurisdiction in shared.jurisdictions.values() {
        checked.diagnostics.extend(unreachable(jurisdiction, "addressees", &jurisdiction.value.addressees));
    }
    checked.diagnostics.extend(shared.senders.values().flat_map(shared_control_characters));
    checked.diagnostics.extend(shared.senders.values().flat_map(placeholders));
    for sender in shared.senders.values() {
        checked.diagnostics.extend(check_logo(sender));
    }
    checked
}

/// Officials a fact sheet lists whom its readers could not write to: no address, no e-mail.
fn unreachable<T>(file: &Loaded<T>, field: &str, addressees: &[crate::case::Addressee]) -> Vec<Diagnostic> {
    addressees
        .iter()
        .enumerate()
        .filter(|(_, official)| official.address.is_empty() && official.email.is_none())
        .map(|(i, _)| {
            file.warning(
                &format!("{field}[{i}].office"),
                "this official has neither an address nor an e-mail: readers of the fact sheet cannot write to them",
            )
            .hint("give `address` (one line each) or `email`")
        })
        .collect()
}

/// A sender's logo: a picture inside the sender file's folder.
fn check_logo(sender: &Loaded<crate::case::Sender>) -> Option<Diagnostic> {
    let logo = sender.value.logo.as_deref()?;
    let why = sender.logo_file().err()?;
    Some(sender.error("logo", why).hint(format!(
        "give a picture ({}) in the folder of the sender file, or leave `logo` out",
        crate::case::PHOTO_EXTENSIONS.join(", ")
    )))
    .filter(|_| !logo.is_empty())
}

fn check_case(case: &Loaded<Case>, shared: &Shared, at: Date) -> Vec<Diagnostic> {
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
                .hint(
                    "write the fact as the sources give it, or `unknown` where they are silent and the field takes it",
                ),
        );
    }
    found.extend(control_characters(case, &texts));
    let people = value
        .person
        .iter()
        .map(|p| ("person".to_owned(), p))
        .chain(value.defendants.iter().enumerate().map(|(i, d)| (format!("defendants[{i}].person"), &d.person)));
    for (field, person) in people {
        let name = &person.name.0;
        if name.family.is_none() && !name.native_forms().is_empty() {
            found.push(
                case.warning(
                    &format!("{field}.name"),
                    format!(
                        "{} has no Latin form: documents in English print the name as written in another script",
                        name.display()
                    ),
                )
                .hint(
                    "add `given:` and `family:` in Latin letters: the person's own spelling, or a transliteration \
                     with `transliteration:` saying which",
                ),
            );
        }
    }
    found.extend(confidential_copies(case, &texts));
    found.extend(confidential_names_in_sources(case, &texts, shared));
    found.extend(stale_status(case, at));
    found.extend(urgent_appeal_for_the_freed(case, at));
    found.extend(statements_after_the_document(case, shared));
    if let Some(campaign) = &value.campaign {
        found.extend(unreachable(case, "campaign.addressees", &campaign.addressees));
    }
    for (i, defendant) in value.defendants.iter().enumerate() {
        if let Some(campaign) = &defendant.campaign {
            found.extend(unreachable(case, &format!("defendants[{i}].campaign.addressees"), &campaign.addressees));
        }
    }
    check_id(case, &value.id, &mut found);
    check_shape(case, &mut found);
    let jurisdiction = shared.jurisdictions.get(&value.jurisdiction);
    if jurisdiction.is_none() {
        let id = &value.jurisdiction;
        match unreadable_file(&shared.unreadable, "jurisdictions", id) {
            Some(error) => found.push(refers_to_unreadable(case, "jurisdiction", "jurisdiction", id, error)),
            None => {
                let known: Vec<String> = shared.jurisdictions.keys().cloned().collect();
                let mut error = dangling(case, "jurisdiction", "jurisdiction", id, &known);
                // A country no file covers yet is as likely as a typo (a placeholder is neither).
                if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    error = error
                        .hint(format!("for a country without a file yet, `amicus new jurisdiction {id}` starts one"));
                }
                found.push(error);
            }
        }
    }
    match &value.sender {
        Some(id) if !shared.senders.contains_key(id) => match unreadable_file(&shared.unreadable, "senders", id) {
            Some(error) => found.push(refers_to_unreadable(case, "sender", "sender", id, error)),
            None => {
                let known: Vec<String> = shared.senders.keys().cloned().collect();
                found.push(dangling(case, "sender", "sender", id, &known));
            }
        },
        Some(_) => {}
        None if shared.senders.len() > 1 && !shared.senders.contains_key(crate::case::DEFAULT_SENDER) => {
            let known: Vec<String> = shared.senders.keys().cloned().collect();
            found.push(
                Diagnostic::warning(
                    "the project has several senders and none is `default`: documents about this case have no sender",
                )
                .in_file(case.path())
                .field("sender")
                .hint(format!("name one with `sender: ID` ({}), or call one of the files `default`", known.join(", "))),
            );
        }
        None => {}
    }
    refs(case, "statements", &value.statements, &shared.statements, &shared.unreadable, &mut found);
    refs(case, "sources", &value.sources, &shared.sources, &shared.unreadable, &mut found);
    if let Some(implementation) = &value.implementation {
        let sources = &implementation.sources;
        refs(case, "implementation.sources", sources, &shared.sources, &shared.unreadable, &mut found);
    }
    refs(
        case,
        "trial.sources",
        value.trial.iter().flat_map(|t| &t.sources),
        &shared.sources,
        &shared.unreadable,
        &mut found,
    );
    for (i, stage) in value.stages.iter().enumerate() {
        refs(case, &format!("stages[{i}].sources"), &stage.sources, &shared.sources, &shared.unreadable, &mut found);
    }
    if let Some(people) = value.trial.as_ref().filter(|t| !t.people_about).and_then(|t| t.people) {
        if (people as usize) < value.defendant_count() {
            found.push(
                case.error(
                    "trial.people",
                    format!("{people} people tried, but the file lists {}", value.defendant_count()),
                )
                .hint("`people` counts everyone tried, those the file lists and those it does not"),
            );
        }
    }
    let ids = value.defendant_ids();
    for (i, stage) in value.stages.iter().enumerate() {
        let mut named = BTreeSet::new();
        for (j, result) in stage.results.iter().enumerate() {
            let field = format!("stages[{i}].results[{j}].defendant");
            if !ids.contains(&result.defendant.as_str()) {
                let known: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
                found.push(dangling(case, &field, "defendant", &result.defendant, &known));
            } else if !named.insert(result.defendant.as_str()) {
                found.push(case.error(&field, format!("`{}` has two results at this stage", result.defendant)));
            }
        }
        // Several people each sentenced: one sentence written for all would be read as each
        // person's, a joint fine as a fine per person.
        if value.defendants.len() > 1 && !stage.sentence.is_empty() && stage.sentence.iter().any(|p| !p.joint) {
            found.push(
                case.error(&format!("stages[{i}].sentence"), "a sentence written once for several defendants")
                    .hint("give each person's sentence under `results`, or mark a fine imposed on them together `joint: true`"),
            );
        }
    }
    check_stages(case, jurisdiction.map(|j| &j.value), &mut found);
    for index in 0..value.defendant_count() {
        let view = value.for_defendant(index);
        check_defendant(case, index, &view, shared, jurisdiction.map(|j| &j.value), &mut found);
    }
    found
}

/// A case file gives its defendant at the top level or lists them under `defendants`, not both.
fn check_shape(case: &Loaded<Case>, found: &mut Vec<Diagnostic>) {
    let value = &case.value;
    let mut defendants = BTreeSet::new();
    for (i, defendant) in value.defendants.iter().enumerate() {
        let field = format!("defendants[{i}].id");
        if !is_safe_id(&defendant.id) {
            found.push(
                case.error(&field, format!("`{}` cannot be a defendant's id", defendant.id))
                    .hint("use lowercase letters, digits and hyphens, like `bialiatski`: it names an output folder"),
            );
        } else if !defendants.insert(defendant.id.as_str()) {
            found.push(case.error(&field, format!("two defendants have the id `{}`", defendant.id)));
        }
    }
    if value.defendants.is_empty() {
        if value.person.is_none() {
            found.push(
                case.error("id", "the case names no one: it has neither `person` nor `defendants`")
                    .with_code(Code::MissingField)
                    .field("person")
                    .hint("give the person tried under `person`, or list several under `defendants`"),
            );
        }
        return;
    }
    let top_level = [
        ("person", value.person.is_some()),
        ("status", value.status.is_some()),
        ("status_as_of", value.status_as_of.is_some()),
        ("arrest", value.arrest.is_some()),
        ("other_arrests", !value.other_arrests.is_empty()),
        ("not_arrested", value.not_arrested),
        ("charges", value.charges.known().is_none_or(|c| !c.is_empty())),
        ("verdict", value.verdict.is_some()),
        ("measures", !value.measures.is_empty()),
        ("detention", !value.detention.is_empty()),
        ("events", !value.events.is_empty()),
        ("release", value.release.is_some()),
        ("in_absentia", value.in_absentia),
    ];
    for (field, given) in top_level {
        if given {
            let hint = match field {
                "verdict" => "with `defendants`, write the verdict as a `first_instance` stage under `stages`, with `results` per person".to_owned(),
                _ => format!("with `defendants`, `{field}` belongs to each defendant: move it under the person it concerns"),
            };
            found.push(
                case.error(field, format!("`{field}` at the top level of a case that lists `defendants`")).hint(hint),
            );
        }
    }
}

/// The checks of one defendant, on the view their documents are made from; every error points
/// at the field in the file.
fn check_defendant(
    case: &Loaded<Case>,
    index: usize,
    view: &Case,
    shared: &Shared,
    jurisdiction: Option<&Jurisdiction>,
    found: &mut Vec<Diagnostic>,
) {
    let error = |field: &str, message: String| case.error(&case.value.file_field(index, field), message);
    check_notes(case, index, view, shared, found);
    let Some(person) = &view.person else { return };
    if view.not_arrested && view.arrest.is_some() {
        found.push(
            error("not_arrested", "the person is said both to have been arrested and never to have been".into())
                .hint("keep `arrest` if the sources give one, else `not_arrested: true`"),
        );
    }
    let name = &person.name.0;
    match &name.family {
        Some(family) if family.trim().is_empty() => {
            found.push(error("person.name.family", "the family name is empty".into()))
        }
        None if name.native_forms().is_empty() => {
            found.push(error("person.name", "the name has no family name".into()).hint(
                "give the Latin `family`, or the name as the sources write it: `ru: { given: ..., family: ... }`",
            ))
        }
        _ => {}
    }
    if name.given.as_deref().is_some_and(|g| g.trim().is_empty()) {
        found.push(
            error("person.name.given", "the given name is empty".into())
                .hint("leave `given` out if the person has only one name"),
        );
    }
    for (i, charge) in view.charged().iter().enumerate() {
        let key = if charge.item.is_some() { "item" } else { "items" };
        let field = case.value.file_field(index, &format!("charges[{i}].{key}"));
        let problem = if (charge.item.is_some() || !charge.items.is_empty()) && charge.part.is_none() {
            Diagnostic::error("an item is cited within its part of the article, and this charge gives no part")
                .hint("add the part the item belongs to (`part: 3` for «п. \"а\" ч. 3»)")
        } else if charge.item.is_some() && !charge.items.is_empty() {
            Diagnostic::error("this charge gives both `item` and `items`")
                .hint("list every item of the part under `items` (`items: [а, б, д]`) and leave `item` out")
        } else if charge.item.as_ref().is_some_and(|item| match item {
            Text::Plain(text) => text.contains(','),
            Text::ByLanguage(texts) => texts.values().any(|text| text.contains(',')),
        }) {
            // Typed as one, «а, б, д» would be cited as one item: «п. а, б, д ч. 2».
            Diagnostic::error("`item` names one item of the part, and this one holds a comma").hint(
                "write several items of the same part as a list: `items: [а, б, д]` for «пп. \"а\", \"б\", \"д\" ч. 2»",
            )
        } else {
            continue;
        };
        found.push(problem.at(case.locate(&field)).field(field));
    }
    if let Some(jurisdiction) = jurisdiction {
        let codes: Vec<String> = jurisdiction.codes.keys().cloned().collect();
        for (i, charge) in view.charged().iter().enumerate().filter(|(_, c)| !codes.contains(&c.code)) {
            let field = case.value.file_field(index, &format!("charges[{i}].code"));
            found.push(dangling(case, &field, "code", &charge.code, &codes));
        }
    }
    if view.charges.known().is_some_and(Vec::is_empty) {
        let field = case.value.file_field(index, "charges");
        found.push(
            Diagnostic::warning("no charges yet: documents that need them will not be built")
                .at(case.locate(&field))
                .field(field)
                .hint(
                    "list at least one article the person is charged under, or write `charges: unknown` where the \
                     sources say they are charged but not under what",
                ),
        );
    }
    let own = |field: &str| case.value.file_field(index, field);
    for (i, act) in view.acts.iter().enumerate() {
        refs(
            case,
            &own(&format!("acts[{i}].organisations")),
            &act.organisations,
            &shared.organisations,
            &shared.unreadable,
            found,
        );
    }
    if case.value.defendants.get(index).is_some() {
        let defendant = &case.value.defendants[index];
        refs(
            case,
            &format!("defendants[{index}].statements"),
            &defendant.statements,
            &shared.statements,
            &shared.unreadable,
            found,
        );
        refs(
            case,
            &format!("defendants[{index}].sources"),
            &defendant.sources,
            &shared.sources,
            &shared.unreadable,
            found,
        );
        if let Some(implementation) = &defendant.implementation {
            let field = format!("defendants[{index}].implementation.sources");
            refs(case, &field, &implementation.sources, &shared.sources, &shared.unreadable, found);
        }
    }
    for (i, custody) in view.detention.iter().enumerate() {
        refs(
            case,
            &own(&format!("detention[{i}].sources")),
            &custody.sources,
            &shared.sources,
            &shared.unreadable,
            found,
        );
        if let Some((from, to)) = ends_before_it_begins(&custody.from, custody.to.as_ref()) {
            found.push(error(
                &format!("detention[{i}].to"),
                format!("held until {to}, before being brought there ({from})"),
            ));
        }
    }
    for (i, arrest) in view.other_arrests.iter().enumerate() {
        let field = own(&format!("other_arrests[{i}].sources"));
        refs(case, &field, &arrest.sources, &shared.sources, &shared.unreadable, found);
    }
    for (i, measure) in view.measures.iter().enumerate() {
        let field = own(&format!("measures[{i}].sources"));
        refs(case, &field, &measure.sources, &shared.sources, &shared.unreadable, found);
        if let Some((from, to)) = ends_before_it_begins(&measure.from, measure.to.as_ref()) {
            found.push(error(&format!("measures[{i}].to"), format!("ends on {to}, before it was ordered ({from})")));
        }
        for (j, extension) in measure.extended.iter().enumerate() {
            if let Some((from, on)) = ends_before_it_begins(&measure.from, Some(&extension.on)) {
                found.push(error(
                    &format!("measures[{i}].extended[{j}].on"),
                    format!("extended on {on}, before it was ordered ({from})"),
                ));
            }
        }
    }
    // A step before the courts given both as a stage and as a remedy is listed twice.
    let remedies = view.remedies.as_ref().and_then(Fact::known).map(Vec::as_slice).unwrap_or_default();
    for (i, remedy) in remedies.iter().enumerate() {
        let Some(date) = remedy.date.known() else { continue };
        let review = view.stages.iter().find(|s| s.stage.is_review() && s.date == *date);
        if let Some(stage) = review {
            found.push(
                Diagnostic::warning(format!(
                    "this remedy has the date of a stage of the proceeding ({date}): the UN forms list both, so it is \
                     told twice"
                ))
                .at(case.locate(&own(&format!("remedies[{i}]"))))
                .field(own(&format!("remedies[{i}]")))
                .hint(format!(
                    "keep the `{}` in `stages` and leave it out of `remedies`, which are for complaints to other bodies \
                     (the prosecutor, the ombudsman, a constitutional court)",
                    stage_name(stage.stage)
                )),
            );
        }
    }
    for (i, event) in view.events.iter().enumerate() {
        refs(case, &own(&format!("events[{i}].sources")), &event.sources, &shared.sources, &shared.unreadable, found);
        if let Some((from, to)) = ends_before_it_begins(&event.date, event.to.as_ref()) {
            found.push(
                error(&format!("events[{i}].to"), format!("ends on {to}, before it began ({from})"))
                    .hint("`date` is the day it began, `to` the day it ended"),
            );
        }
    }
    if let Some(Err(message)) = view.photo.as_ref().and_then(|photo| case.photo_file(photo)) {
        found
            .push(error("photo.file", message).hint("put the picture next to the case file, or in a folder beside it"));
    }
    if let Some(plan) = &view.appeal {
        use crate::case::AppealRequest::HearInPerson;
        // The hearing is asked for apart: it is neither what is asked of the verdict nor a
        // fallback for it.
        if !plan.requests.is_empty() && plan.requests.iter().all(|r| *r == HearInPerson) {
            found.push(
                error("appeal.requests", "the appeal asks nothing of the verdict, only to be heard in person".into())
                    .hint("add what the court should do with the verdict: quash, acquit, terminate, lift_bans, retrial, mitigate"),
            );
        }
        if let Some(i) = plan.alternatives.iter().position(|r| *r == HearInPerson) {
            found.push(
                error(
                    &format!("appeal.alternatives[{i}]"),
                    "a hearing in person is not a fallback for the verdict".into(),
                )
                .hint("move `hear_in_person` to `appeal.requests`"),
            );
        }
    }
    let grounds = jurisdiction.and_then(|j| j.appeal.as_ref()).map(|a| &a.grounds);
    for (i, argument) in view.arguments.iter().enumerate() {
        if let (Some(ground), Some(grounds)) = (&argument.ground, grounds)
            && !grounds.contains_key(ground)
        {
            let known: Vec<String> = grounds.keys().cloned().collect();
            let message = format!("`{ground}` is not a ground the jurisdiction file lists under `appeal.grounds`");
            found.push(match did_you_mean(ground, &known) {
                Some(near) => error(&format!("arguments[{i}].ground"), message).hint(format!("did you mean `{near}`?")),
                None if known.is_empty() => error(&format!("arguments[{i}].ground"), message)
                    .hint("list the grounds for setting a verdict aside in the jurisdiction file first"),
                None => error(&format!("arguments[{i}].ground"), message)
                    .hint(format!("the grounds are: {}", known.join(", "))),
            });
        }
        for (list, numbers, count, what) in [
            ("acts", &argument.acts, view.acts.len(), "act"),
            ("evidence", &argument.evidence, view.evidence.len(), "item of evidence"),
        ] {
            for (j, &number) in numbers.iter().enumerate() {
                if number == 0 || number > count {
                    found.push(
                        error(&format!("arguments[{i}].{list}[{j}]"), format!("there is no {what} number {number}"))
                            .hint(format!("they are numbered from 1 in the order of `{list}`; this case has {count}")),
                    );
                }
            }
        }
    }
    for (i, item) in view.evidence.iter().enumerate() {
        for (j, &number) in item.charges.iter().enumerate() {
            if number == 0 || number > view.charged().len() {
                found.push(
                    error(&format!("evidence[{i}].charges[{j}]"), format!("there is no charge number {number}")).hint(
                        format!(
                            "charges are numbered from 1 in the order of `charges`; this case has {}",
                            view.charged().len()
                        ),
                    ),
                );
            }
        }
    }
    let mandates = view.submission.as_ref().map(|s| s.mandates.as_slice()).unwrap_or_default();
    // The Working Group takes up deprivation of liberty only: a submission shared by a trial
    // named it for a co-defendant tried in absentia, who was never held.
    if let Some(i) = mandates.iter().position(|&m| m == crate::case::Mandate::ArbitraryDetention) {
        let whole_record = Date(chrono::NaiveDate::MAX);
        let standing = Standing::at(view, None, whole_record);
        if let Some(why) = applies(Applies::DeprivedOfLiberty, view, &standing, whole_record, jurisdiction) {
            let field = case.value.file_field(index, &format!("submission.mandates[{i}]"));
            found.push(
                Diagnostic::warning(format!(
                    "the Working Group on Arbitrary Detention is addressed{}, but {why}: it takes up deprivation of liberty only",
                    case.value.defendants.get(index).map(|d| format!(" for `{}`", d.id)).unwrap_or_default()
                ))
                .at(case.locate(&field))
                .field(field)
                .hint("remove `arbitrary_detention` for this person (a defendant of a trial may give their own `submission`)"),
            );
        }
    }
    if let Some(i) = mandates.iter().position(|&m| m == crate::case::Mandate::Country)
        && jurisdiction.is_some_and(|j| j.special_rapporteur.is_none())
    {
        found.push(
            error(
                &format!("submission.mandates[{i}]"),
                format!("the jurisdiction file `{}` names no Special Rapporteur on the country", case.value.jurisdiction),
            )
            .hint(format!(
                "where the Human Rights Council has appointed one, give its title under `special_rapporteur` in cases/_shared/jurisdictions/{}.yaml; otherwise remove `country`",
                case.value.jurisdiction
            )),
        );
    }
    if let Some(consent) = view.submission.as_ref().and_then(|s| s.consent.as_ref()) {
        if consent.given_by.is_none() == consent.not_obtained.is_none() {
            found.push(
                error("submission.consent", "consent says either who gave it or why it could not be obtained".into())
                    .hint("write `given_by: victim` (or `family`, `representative`), or `not_obtained: why`"),
            );
        }
    }
    for (i, act) in view.acts.iter().enumerate() {
        if act.kind == crate::case::ActKind::FalseDenunciation {
            found.push(
                Diagnostic::warning("a denunciation is evidence against the person, not something they did")
                    .at(case.locate(&own(&format!("acts[{i}].kind"))))
                    .field(own(&format!("acts[{i}].kind")))
                    .hint("move it to `evidence` (`kind: denunciation`), and list what the person is said to have done under `acts`"),
            );
        }
    }
    let first_verdict = view.stages.iter().find(|s| s.stage.is_trial());
    let arrested = view.arrest.as_ref().and_then(|a| a.known()).and_then(|a| a.date.known().copied());
    if let (Some(arrested), Some(verdict)) = (arrested, first_verdict) {
        if verdict.date.latest() < arrested.earliest() {
            let at = stage_field(case, verdict.date, "date");
            found.push(
                case.error(&at, format!("the verdict ({}) is dated before the arrest ({arrested})", verdict.date))
                    .related("the arrest date is here", case.locate(&own("arrest.date")))
                    .hint("check both dates against the court documents"),
            );
        }
    }
    // A new case's sentence is what the person must serve for both cases, counted from the new
    // verdict (or its own `counted_from`): one that ends before the sentence it extends is the
    // term added, entered as the whole, and every document would say "the sentence for both
    // cases became 2 years". It may be shorter than the first sentence's whole term: Gorinov's
    // five years for both cases, fixed in 2024, extend a term of 6 years 11 months of 2022.
    let longest = |sentence: &[Penalty]| {
        sentence
            .iter()
            .filter(|p| p.kind == PenaltyKind::Imprisonment)
            .filter_map(|p| p.term)
            .reduce(|a, b| if a.shorter_than(&b) { b } else { a })
    };
    let id = case.value.defendant_ids().get(index).map(|id| id.to_string()).unwrap_or_default();
    for stage in view.stages.iter().filter(|s| s.stage == StageKind::NewCase && s.outcome == Some(Outcome::Convicted)) {
        let day_before = Date(stage.date.earliest().0.pred_opt().unwrap_or(stage.date.earliest().0));
        let before = Standing::at(view, None, day_before).verdict;
        let after = Standing::at(view, None, stage.date.latest()).verdict;
        let ends =
            |v: &Option<crate::case::Current>| v.as_ref().and_then(|v| Some((longest(&v.sentence)?, v.term_end()?)));
        if let (Some((previous, previous_end)), Some((combined, combined_end))) = (ends(&before), ends(&after))
            && combined_end < previous_end
        {
            let i = case.value.stages.iter().position(|s| s.date == stage.date && s.stage == StageKind::NewCase);
            let j = i.and_then(|i| case.value.stages[i].results.iter().position(|r| r.defendant == id));
            let field = match (i, j) {
                (Some(i), Some(j)) => format!("stages[{i}].results[{j}].sentence"),
                (Some(i), None) => format!("stages[{i}].sentence"),
                _ => "stages".to_owned(),
            };
            found.push(
                case.warning(
                    &field,
                    format!(
                        "the new case's sentence ({combined} of imprisonment, to {combined_end}) ends before the one \
                         it extends ({previous}, to {previous_end}): documents print it as what the person must \
                         serve for both cases"
                    ),
                )
                .hint("give the sentence the court fixed for both cases together, not the term it added (and its `counted_from`, where the court counted it from another day than the new verdict's)"),
            );
        }
    }
    if let Some(review) = view.stages.iter().find(|s| !s.stage.is_trial() && s.outcome.is_some()) {
        if first_verdict.is_none_or(|v| v.date > review.date) {
            let message = match review.stage {
                StageKind::NewCase => "a new case's sentence is combined with a verdict the file does not give",
                _ => "a higher court reviews a verdict the file does not give",
            };
            found.push(
                case.error(&stage_field(case, review.date, "stage"), message)
                    .hint("add the first-instance verdict as the first of `stages` (or as `verdict`)"),
            );
        }
    }
}

/// The law the stages cite, checked once for the whole proceeding (not once per defendant,
/// which would repeat each error for every person): the codes of changed charges, what each
/// penalty needs, the regimes, and that a conviction at trial names its sentence, so that a
/// document never says "sentenced to .".
fn check_stages(case: &Loaded<Case>, jurisdiction: Option<&Jurisdiction>, found: &mut Vec<Diagnostic>) {
    let value = &case.value;
    let mut charges: Vec<(String, &Vec<Charge>)> = Vec::new();
    let mut sentences: Vec<(String, &Vec<Penalty>)> = Vec::new();
    let mut convictions: Vec<(String, &Vec<Penalty>)> = Vec::new();
    if let Some(verdict) = &value.verdict {
        sentences.push(("verdict.sentence".into(), &verdict.sentence));
        convictions.push(("verdict.sentence".into(), &verdict.sentence));
    }
    for (i, stage) in value.stages.iter().enumerate() {
        charges.extend(stage.charges.as_ref().and_then(Fact::known).map(|c| (format!("stages[{i}].charges"), c)));
        sentences.push((format!("stages[{i}].sentence"), &stage.sentence));
        sentences.push((format!("stages[{i}].requested"), &stage.requested));
        let convicts_all = stage.outcome == Some(Outcome::Convicted) && stage.results.len() < value.defendant_count();
        if stage.stage.is_trial() && convicts_all {
            convictions.push((format!("stages[{i}].sentence"), &stage.sentence));
        }
        for (j, result) in stage.results.iter().enumerate() {
            let known = result.charges.as_ref().and_then(Fact::known);
            charges.extend(known.map(|c| (format!("stages[{i}].results[{j}].charges"), c)));
            sentences.push((format!("stages[{i}].results[{j}].sentence"), &result.sentence));
            sentences.push((format!("stages[{i}].results[{j}].requested"), &result.requested));
            if stage.stage.is_trial() && result.outcome == Outcome::Convicted {
                convictions.push((format!("stages[{i}].results[{j}].sentence"), &result.sentence));
            }
        }
    }
    // A decision `in_new_case` reviews a new case's conviction: one that gives a verdict of its
    // own, or comes before any new case, would be read as about the first verdict's.
    for (i, stage) in value.stages.iter().enumerate().filter(|(_, s)| s.in_new_case) {
        let earlier_new_case =
            value.stages.iter().any(|s| s.stage == StageKind::NewCase && s.date.earliest() <= stage.date.earliest());
        let problem = match (stage.stage.is_review(), earlier_new_case) {
            (true, true) => continue,
            (false, _) => {
                "`in_new_case` is for a higher court's decision on a new case's conviction (an appeal, a cassation, a review)"
            }
            (true, false) => "`in_new_case`: no `new_case` stage comes before this one",
        };
        found.push(
            case.error(&format!("stages[{i}].in_new_case"), problem)
                .hint("add the new case's conviction as a `stage: new_case` dated before it, or leave `in_new_case` out if the stage is about the first verdict"),
        );
    }
    if let Some(jurisdiction) = jurisdiction {
        let codes: Vec<String> = jurisdiction.codes.keys().cloned().collect();
        for (list, charges) in &charges {
            for (i, charge) in charges.iter().enumerate().filter(|(_, c)| !codes.contains(&c.code)) {
                found.push(dangling(case, &format!("{list}[{i}].code"), "code", &charge.code, &codes));
            }
        }
    }
    let regimes: Vec<String> = jurisdiction.map(|j| j.regimes.keys().cloned().collect()).unwrap_or_default();
    for (list, penalties) in sentences {
        for (i, penalty) in penalties.iter().enumerate() {
            let field = format!("{list}[{i}]");
            if let Some((what, hint)) = missing_in_penalty(penalty) {
                found.push(case.error(&field, format!("this penalty has no `{what}`")).hint(hint));
            }
            if penalty.kind == PenaltyKind::AdministrativeDetention
                && penalty.term.is_some_and(|t| t.years > 0 || t.months > 0)
            {
                found.push(
                    case.error(&format!("{field}.term"), "administrative detention is counted in days")
                        .hint("give the days, like `term: 15d`"),
                );
            }
            if let Some(currency) = penalty.currency.as_ref().filter(|c| !is_currency_code(c)) {
                found.push(
                    case.error(&format!("{field}.currency"), format!("`{currency}` is not a currency code"))
                        .hint(CURRENCY_CODES),
                );
            }
            let first = penalty.first.as_ref().map(|f| (format!("{field}.first.regime"), &f.regime));
            let named = penalty.regime.as_ref().map(|r| (format!("{field}.regime"), r)).into_iter().chain(first);
            for (at, regime) in named {
                if jurisdiction.is_some() && !regimes.contains(regime) {
                    found.push(dangling(case, &at, "regime", regime, &regimes).hint(format!(
                        "the regimes are named in cases/_shared/jurisdictions/{}.yaml under `regimes`",
                        value.jurisdiction
                    )));
                }
            }
            if let Some(first) = &penalty.first {
                let longer = penalty.term.is_none_or(|term| !first.term.shorter_than(&term));
                if penalty.kind != PenaltyKind::Imprisonment || penalty.regime.is_none() || longer {
                    found.push(
                        case.error(
                            &format!("{field}.first"),
                            "a first part under another regime is part of a term of imprisonment, shorter than it, whose `regime` is where the rest is served",
                        )
                        .hint("e.g. `{ kind: imprisonment, term: 10y, first: { term: 2y, regime: prison }, regime: strict }`"),
                    );
                }
            }
        }
    }
    for (field, _) in convictions.into_iter().filter(|(_, s)| s.is_empty()) {
        found.push(
            case.error(&field, "a conviction with no sentence")
                .hint("list each penalty, e.g. `- { kind: imprisonment, term: 5y, regime: general }`"),
        );
    }
}

/// The field of the stage on a date, for errors about it: the short `verdict` or `stages[i]`.
fn stage_field(case: &Loaded<Case>, date: When, field: &str) -> String {
    match case.value.stages.iter().position(|s| s.date == date) {
        Some(i) => format!("stages[{i}].{field}"),
        None => format!("verdict.{field}"),
    }
}

/// How a fine's currency is written, which the locale files name their units by.
const CURRENCY_CODES: &str = "write its ISO 4217 code in capitals: `KGS` (som), `KZT` (tenge), `RUB` (rouble), \
     `BYN` (Belarusian rouble), `UZS` (Uzbek sum), `TJS` (somoni), `TMT` and `AZN` (manat), `GEL` (lari), `AMD` (dram), \
     `UAH` (hryvnia), `EUR`, `USD`";

fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// What a penalty of its kind must say, and how to say it.
fn missing_in_penalty(penalty: &Penalty) -> Option<(&'static str, &'static str)> {
    use PenaltyKind::*;
    let term = || penalty.term.is_none().then_some(("term", "give its length, like `term: 2y6m`"));
    match penalty.kind {
        Fine => match (penalty.amount, &penalty.currency) {
            (None, _) => Some(("amount", "a fine needs `amount` (a number) and `currency` (`RUB`, `KZT`, `BYN`, ...)")),
            (_, None) => Some(("currency", CURRENCY_CODES)),
            _ => None,
        },
        CommunityService | CompulsoryLabour if penalty.hours.is_none() && penalty.term.is_none() => {
            Some(("hours", "labour is given in hours (`hours: 240`) or as a term (`term: 1y`)"))
        }
        CommunityService | CompulsoryLabour => None,
        CorrectiveLabour if penalty.percent.is_none() && penalty.term.is_some() => {
            Some(("percent", "corrective labour withholds a share of wages: `percent: 10`"))
        }
        Ban | Confiscation | DeprivationOfRights if penalty.scope.is_empty() => {
            Some(("scope", "say what it covers: `scope: [journalism]`"))
        }
        Confiscation | DeprivationOfRights | LifeImprisonment => None,
        // The sources often give only the probation period ("three years' probation").
        SuspendedSentence if penalty.term.is_none() && penalty.probation.is_none() => {
            Some(("term", "give the suspended term (`term: 3y`), the probation period (`probation: 3y`), or both"))
        }
        SuspendedSentence => None,
        _ => term(),
    }
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
    // One part of a name is no secret of its own: a relative shares the person's family name.
    let name_part = |field: &str| [".family", ".given", ".patronymic"].iter().any(|part| field.ends_with(part));
    let secrets: std::collections::HashMap<&str, &str> = secret
        .iter()
        .filter(|(field, text)| text.trim().chars().count() >= 6 && !name_part(field))
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

/// Sources whose title names a person the case keeps confidential (a relative, a witness, the
/// lawyer): public documents print every source's title, so the name would be printed with it
/// ("Interview with <the person's brother>"). A warning: the name may be public already.
fn confidential_names_in_sources(case: &Loaded<Case>, texts: &[(String, &str)], shared: &Shared) -> Vec<Diagnostic> {
    let value = &case.value;
    let sections = value.confidential.iter().map(|c| ("confidential".to_owned(), c)).chain(
        value
            .defendants
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((format!("defendants[{i}].confidential"), d.confidential.as_ref()?))),
    );
    let mut secret: Vec<(String, String)> = Vec::new();
    for (section, confidential) in sections {
        let contacts = confidential
            .submitter
            .iter()
            .map(|c| ("submitter".to_owned(), c))
            .chain(confidential.lawyer.iter().map(|c| ("lawyer".to_owned(), c)))
            .chain(confidential.family.iter().enumerate().map(|(i, c)| (format!("family[{i}]"), c)))
            .chain(confidential.witnesses.iter().enumerate().map(|(i, c)| (format!("witnesses[{i}]"), c)));
        for (who, contact) in contacts {
            let Some(name) = contact.name.known() else { continue };
            // Whole names only: a family name alone is the defendant's own, for a relative.
            for spelling in name.0.spellings().into_iter().filter(|s| s.contains(' ')) {
                secret.push((format!("{section}.{who}"), spelling));
            }
        }
    }
    if secret.is_empty() {
        return Vec::new();
    }
    // Each source once, where it is first cited.
    let mut seen = BTreeSet::new();
    let cited = texts.iter().filter(|(field, id)| field.contains("sources[") && seen.insert(*id));
    cited
        .filter_map(|(field, id)| {
            let title = shared.sources.get(*id)?.value.title.as_ref()?;
            let titles: Vec<&str> = match title {
                crate::case::Text::Plain(text) => vec![text.as_str()],
                crate::case::Text::ByLanguage(texts) => texts.values().map(String::as_str).collect(),
            };
            let (who, _) = secret.iter().find(|(_, spelling)| {
                titles.iter().any(|t| crate::case::normalise_spelling(t).contains(spelling.as_str()))
            })?;
            Some(
                case.warning(
                    field,
                    format!(
                        "the title of source `{id}` names someone this file keeps confidential (`{who}`): public documents print source titles"
                    ),
                )
                .hint(format!(
                    "if the name is not public, shorten the title in cases/_shared/sources/{id}.yaml or cite another source"
                )),
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

/// Each line of a shared file or a digest that still holds a `TODO`, in a value or in the
/// comment beside one: where `amicus new` can put no placeholder text in a value (a date, a
/// kind from a list), it writes one and a TODO comment, which must warn as a text's TODO does.
/// Case files are judged by their values alone, since their skeleton's header names TODOs.
fn placeholders<T>(file: &Loaded<T>) -> Vec<Diagnostic> {
    let text = &file.file.text;
    let mut lines = BTreeSet::new();
    text.match_indices("TODO")
        .filter(|(at, _)| lines.insert(text[..*at].matches('\n').count()))
        .map(|(at, todo)| {
            let warning = Diagnostic::warning("this is still a placeholder (`TODO`)")
                .at(file.file.location(at..at + todo.len()))
                .hint("write what the TODO asks for (`unknown` where a fact may be unknown), then delete the TODO");
            match file.field_at(at) {
                Some(field) => warning.field(field),
                None => warning,
            }
        })
        .collect()
}

/// Ids become folder and file names: keep them to safe characters.
fn check_id<T>(file: &Loaded<T>, id: &str, found: &mut Vec<Diagnostic>) {
    if !is_safe_id(id) {
        found.push(
            file.error("id", format!("`{id}` cannot be an id"))
                .hint("use lowercase letters, digits and hyphens, like `kanaliyev-2021` (`digests` is taken)"),
        );
    }
}

/// Whether an id can name a folder: lowercase letters, digits and hyphens.
fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id != crate::output::DIGESTS_DIR
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// `cite` and `disputes` name facts the person's record has (else a note would hang on nothing)
/// and sources that exist. Checked on each defendant's view; the proceeding's own entries once,
/// on the first.
fn check_notes(case: &Loaded<Case>, index: usize, view: &Case, shared: &Shared, found: &mut Vec<Diagnostic>) {
    let own = case.value.defendants.get(index);
    let (cite, disputes, prefix) = match own {
        Some(defendant) if case.value.lists_defendants() => {
            (&defendant.cite, &defendant.disputes, format!("defendants[{index}]."))
        }
        _ => (&case.value.cite, &case.value.disputes, String::new()),
    };
    let mut tree = serde_json::to_value(view).expect("case data always serializes");
    // The proceeding's own facts (its stages) are facts of each person's record too, and so is
    // the verdict the stages give, as documents name it (`verdict.date`).
    tree["stages"] = serde_json::to_value(&case.value.stages).expect("stages always serialize");
    let latest = Standing::at(view, None, Date::parse("2199-12-31").expect("a valid date"));
    tree["verdict"] = serde_json::to_value(&latest.verdict).expect("a verdict always serializes");
    let mut fields: Vec<(String, &String)> = Vec::new();
    for field in cite.keys() {
        fields.push((format!("{prefix}cite.{field}"), field));
    }
    for (i, dispute) in disputes.iter().enumerate() {
        fields.push((format!("{prefix}disputes[{i}].field"), &dispute.field));
    }
    for (at, field) in fields {
        // A list's item by its number (`stages[0].date`) is no path a note can hang on: the
        // documents cite a stage's facts on the verdict it gave. Said so, rather than "the file
        // gives no `stages.0.date`" of a stage that has one.
        let numbered = field.contains('[') || field.split('.').any(|step| step.parse::<usize>().is_ok());
        if numbered {
            found.push(
                case.warning(&at, format!("`{field}` names an item of a list by its number, which a note cannot go with"))
                    .hint(
                        "cite a stage's facts on the verdict it gave (`verdict.date`, `verdict.court`, `verdict.sentence`); \
                         other items carry their own `sources`",
                    ),
            );
        } else if fact_state(&tree, field) == FactState::Missing {
            found.push(
                case.warning(&at, format!("the file gives no `{field}`: there is nothing for this note to go with"))
                    .hint("name a field the file fills in, as `check` names them: `arrest.date`, `verdict.court`"),
            );
        }
    }
    for (field, ids) in cite {
        refs(case, &format!("{prefix}cite.{field}"), ids, &shared.sources, &shared.unreadable, found);
    }
    for (i, dispute) in disputes.iter().enumerate() {
        refs(
            case,
            &format!("{prefix}disputes[{i}].sources"),
            &dispute.sources,
            &shared.sources,
            &shared.unreadable,
            found,
        );
        for (j, other) in dispute.others.iter().enumerate() {
            let field = format!("{prefix}disputes[{i}].others[{j}].sources");
            refs(case, &field, &other.sources, &shared.sources, &shared.unreadable, found);
        }
    }
    // A trial's own notes, on its first defendant's pass.
    if index == 0 && case.value.lists_defendants() {
        for (field, ids) in &case.value.cite {
            refs(case, &format!("cite.{field}"), ids, &shared.sources, &shared.unreadable, found);
        }
    }
}

/// A statement's `concerns` name, in a trial of several, a defendant that exists, and a
/// spelling of the name the case lists: a document matching the statement to the person relies
/// on both. A case the project does not hold is a warning where a case here lists the statement.
fn check_concerns(
    statement: &Loaded<Statement>,
    cases: &BTreeMap<&str, Vec<&Loaded<Case>>>,
    found: &mut Vec<Diagnostic>,
) {
    for (i, concerned) in statement.value.concerns.iter().enumerate() {
        let Some(case) = cases.get(concerned.case.as_str()).and_then(|c| c.first()) else {
            // Shared files serve projects that hold only some of the cases: a case not here is
            // worth a word only where the statement is used, as a likely typo.
            let id = statement.path().file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let used = cases.values().flatten().any(|c| {
                let own = c.value.defendants.iter().flat_map(|d| &d.statements);
                c.value.statements.iter().chain(own).any(|s| s == id)
            });
            if used {
                let known: Vec<String> = cases.keys().map(|k| k.to_string()).collect();
                let field = format!("concerns[{i}].case");
                let mut warning = dangling(statement, &field, "case", &concerned.case, &known);
                warning.severity = crate::diag::Severity::Warning;
                found.push(warning);
            }
            continue;
        };
        let ids = case.value.defendant_ids();
        let index = match (&concerned.defendant, case.value.lists_defendants()) {
            (Some(id), true) => match ids.iter().position(|d| d == id) {
                Some(index) => index,
                None => {
                    let known: Vec<String> = ids.iter().map(|d| d.to_string()).collect();
                    let field = format!("concerns[{i}].defendant");
                    found.push(dangling(statement, &field, "defendant", id, &known));
                    continue;
                }
            },
            // The whole case (a resolution naming the outlet all of them worked for); a spelling
            // is some one person's.
            (None, true) if concerned.name.is_none() => continue,
            (None, true) => {
                found.push(
                    statement
                        .error(
                            &format!("concerns[{i}]"),
                            format!("`{}` tried several people: say whose name this spells", case.value.id),
                        )
                        .hint(format!("add `defendant:` with one of {}", ids.join(", "))),
                );
                continue;
            }
            (Some(_), false) => {
                found.push(
                    statement
                        .warning(&format!("concerns[{i}].defendant"), format!("`{}` tried one person", case.value.id))
                        .hint("leave `defendant` out for a case of one person"),
                );
                0
            }
            (None, false) => 0,
        };
        let (Some(spelling), Some(person)) = (&concerned.name, case.value.for_defendant(index).person) else {
            continue;
        };
        if !person.name.0.spellings().contains(&normalise_spelling(spelling)) {
            found.push(
                statement
                    .warning(
                        &format!("concerns[{i}].name"),
                        format!("the statement spells the name `{spelling}`, which `{}` does not list", case.value.id),
                    )
                    .hint("check it is the same person; if so, add the spelling to the person's name forms in the case file"),
            );
        }
    }
}

/// Checks the ids a field lists (`sources`, `acts[0].organisations`) against the entities of
/// the folder under `_shared/` the field is named after.
fn refs<'a, T, U>(
    file: &Loaded<T>,
    field: &str,
    ids: impl IntoIterator<Item = &'a String>,
    known: &BTreeMap<String, U>,
    unreadable: &BTreeMap<(&'static str, String), Diagnostic>,
    found: &mut Vec<Diagnostic>,
) {
    let names: Vec<String> = known.keys().cloned().collect();
    // A note's sources are listed under the field they support (`cite.arrest.date`).
    let folder = match field.starts_with("cite.") || field.contains(".cite.") {
        true => "sources",
        false => field.rsplit('.').next().unwrap_or(field),
    };
    let kind = folder.trim_end_matches('s');
    for (i, id) in ids.into_iter().enumerate() {
        if known.contains_key(id) {
            continue;
        }
        let field = format!("{field}[{i}]");
        match unreadable_file(unreadable, folder, id) {
            Some(error) => found.push(refers_to_unreadable(file, &field, kind, id, error)),
            None => found.push(dangling(file, &field, kind, id, &names)),
        }
    }
}

/// The error of the file under `_shared/<folder>/` named `id`, if it is there and did not load.
fn unreadable_file<'a>(
    unreadable: &'a BTreeMap<(&'static str, String), Diagnostic>,
    folder: &str,
    id: &str,
) -> Option<&'a Diagnostic> {
    unreadable.iter().find(|((f, unread), _)| *f == folder && unread == id).map(|(_, error)| error)
}

/// A reference to an entity whose file is there but did not load: the file's own error is the
/// one to fix, and saying the id does not exist would send the writer looking for a typo.
fn refers_to_unreadable<T>(file: &Loaded<T>, field: &str, kind: &str, id: &str, error: &Diagnostic) -> Diagnostic {
    let mut diagnostic = file.error(field, format!("the {kind} `{id}` cannot be used: its file has an error"));
    if let Some(location) = &error.location {
        let fault = match &error.field {
            Some(at) => format!("{} (field `{at}`)", error.message),
            None => error.message.clone(),
        };
        diagnostic = diagnostic.related(fault, location.clone());
    }
    diagnostic.hint("fix that file (its error is reported on its own too): this reference is right as it is")
}

fn dangling<T>(file: &Loaded<T>, field: &str, kind: &str, id: &str, known: &[String]) -> Diagnostic {
    let diagnostic = file.error(field, format!("there is no {kind} with the id `{id}`"));
    match did_you_mean(id, known) {
        Some(best) => diagnostic.hint(format!("did you mean `{best}`?")),
        None if known.is_empty() => diagnostic.hint(format!("add it as a file under `cases/_shared/`")),
        // A long list helps no one: the first dozen (the countries of the region fit), and how
        // many there are.
        None if known.len() > 12 => diagnostic.hint(format!(
            "known ids include {}, ... ({} in all, under `cases/_shared/`)",
            known[..12].join(", "),
            known.len()
        )),
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
    /// Facts the sender or filer supplies that the files lack (missing or `unknown`): the
    /// document is built as a draft with lines to fill in, and `build --final` refuses it.
    pub missing_filer: Vec<String>,
    /// Keys of the case's jurisdiction file the kind prints and the file lacks: the kind is
    /// not built, rather than printing another country's law.
    pub missing_law: Vec<String>,
    /// Where the first of them belongs in the jurisdiction file.
    pub missing_law_at: Option<Location>,
    /// Keys the kind prints that nobody has yet checked against the law in force or a current
    /// source (`verified: false` on them, on what holds them or on an item of them).
    pub unverified: Vec<String>,
    /// For a kind filed with the courts: the languages they accept, when the kind has a
    /// template in none of them.
    pub unfileable_in: Vec<String>,
    /// Why the kind does not concern this defendant (an appeal against a verdict in force,
    /// a communication about detention for a person never held).
    pub not_applicable: Option<String>,
    /// Which form of the kind is built and why, where it has two: "a follow-up to the
    /// Working Group's opinion No. 3/2024 (viasna-2023-wgad-3-2024), which concerns the person".
    pub form: Option<String>,
}

impl Readiness {
    pub fn ready(&self) -> bool {
        self.missing_required.is_empty() && self.missing_law.is_empty() && self.not_applicable.is_none()
    }

    /// The refusals `build` gives, and `check --kind` prints, for a kind that cannot be built:
    /// one for the facts the case file lacks, one for the law its jurisdiction file lacks.
    /// `who` names the case, or the defendant of a case of several (`viasna-2023/bialiatski`).
    pub fn refusal(&self, who: &str, case: &Loaded<Case>, kind: &str) -> Vec<Diagnostic> {
        let mut refusals = Vec::new();
        let id = who;
        // A kind that does not concern the person: what it would lack is beside the point.
        if let Some(reason) = &self.not_applicable {
            return vec![
                Diagnostic::error(format!("{kind} does not apply to `{id}`: {reason}"))
                    .with_code(Code::NotApplicable)
                    .in_file(case.path()),
            ];
        }
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
                "amicus has no such rules for this country that were checked against the code in force (the \
                 jurisdiction file's comments say what was found): a lawyer who has checked them may add `{keys}` \
                 to cases/_shared/jurisdictions/{jurisdiction}.yaml, each with the article it comes from; the \
                 document prints them as this country's law"
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

/// A status given as of a date the file's own record goes past: documents print the status
/// with its date, and beside a later verdict it reads as a contradiction (Salauyou "in exile
/// as of 30 September 2022", convicted on 3 March 2023). Or one the verdict's own term has
/// ended by the documents' date `at`: a sheet of 2026 said "restriction of liberty (as of 21
/// December 2021)" of a one-year term. Or one a year old by then. A warning: the sources may
/// say no more, and the status is then right as of its date.
fn stale_status(case: &Loaded<Case>, at: Date) -> Vec<Diagnostic> {
    let value = &case.value;
    let mut found = Vec::new();
    for index in 0..value.defendant_count() {
        let view = value.for_defendant(index);
        let (Some(status), Some(as_of)) = (view.status, view.status_as_of) else { continue };
        let field = match value.defendants.is_empty() {
            true => "status_as_of".to_owned(),
            false => format!("defendants[{index}].status_as_of"),
        };
        let name = serde_json::to_value(status).expect("a status always serializes");
        let name = name.as_str().unwrap_or_default();
        let problem = match later_record(&view, as_of) {
            Some((date, what)) => format!(
                "the status `{name}` is given as of {as_of}, but the file records {what} on {date}, after it: \
                 documents print the status with its date beside that"
            ),
            None => match term_ended(&view, status, at) {
                Some((end, what)) if as_of < end => format!(
                    "the status `{name}` is given as of {as_of}, but by the verdict's terms {what} ended on {end}, \
                     before the documents' date {at}: they print a status that has most likely ended"
                ),
                // A year old: a reader of 2026 met "in exile (as of 21 April 2023)" in a brief
                // proposing action now.
                _ if (at.0 - as_of.0).num_days() > 365 => format!(
                    "the status `{name}` is given as of {as_of}, more than a year before the documents' date {at}: \
                     they print it with that date"
                ),
                _ => continue,
            },
        };
        found.push(case.warning(&field, problem).hint(
            "update `status` and `status_as_of` from the latest source (a new term or new charges included), or \
             leave both out for amicus to derive the status from the record",
        ));
    }
    found
}

/// An urgent appeal asked for a person the record shows freed of what it was about by the
/// documents' date `at` (released, acquitted, dead, the sentence ended): the Special Procedures
/// keep urgent appeals for violations ongoing or imminent, and a submission shared by a trial
/// asked one for a defendant pardoned months before. A warning: threats, a ban or new charges
/// may go on that the record does not show.
fn urgent_appeal_for_the_freed(case: &Loaded<Case>, at: Date) -> Vec<Diagnostic> {
    let value = &case.value;
    let freed = |index: usize| {
        let view = value.for_defendant(index);
        view.submission.as_ref().filter(|s| s.communication == Communication::UrgentAppeal)?;
        let standing = Standing::at(&view, None, at);
        let why = match standing.status(&view, at).0 {
            Status::Released => "was released",
            Status::Acquitted => "was acquitted",
            Status::Died => "has died",
            _ if standing.served(&view, at) => "has no sentence running",
            _ => return None,
        };
        let name = view.person.as_ref().map(|p| p.name.0.display()).unwrap_or_default();
        let field = value.file_field(index, "submission.communication");
        Some(
            case.warning(
                &field,
                format!(
                    "an urgent appeal is asked for {name}, who {why} by the documents' date {at}: the Special \
                     Procedures keep urgent appeals for violations ongoing or imminent"
                ),
            )
            .hint(
                "write `communication: allegation_letter` (for one defendant of a trial, in their own \
                 `submission`), unless violations go on that the file does not show: threats, a ban, new charges",
            ),
        )
    };
    (0..value.defendant_count()).filter_map(freed).collect()
}

/// The latest entry of a defendant's record dated after `as_of`, with what it is.
fn later_record(view: &Case, as_of: Date) -> Option<(Date, &'static str)> {
    // A decision that left the verdict as it was (upheld, a complaint refused) changes no status:
    // Gorinov's status as of his transfer was warned of beside a cassation that changed nothing.
    let unchanged = |s: &&crate::case::Stage| matches!(s.outcome, Some(Outcome::Upheld | Outcome::Refused));
    let mut record: Vec<(Date, &str)> =
        view.stages.iter().filter(|s| !unchanged(s)).map(|s| (s.date.earliest(), "a decision")).collect();
    record.extend(view.release.iter().filter_map(|r| r.date.known()).map(|w| (w.earliest(), "the release")));
    // An event known only to the month or year counts once all of it is past the status.
    record.extend(view.events.iter().filter_map(|e| e.date.known()).map(|w| (w.earliest(), "an event")));
    record.extend(view.other_arrests.iter().filter_map(|a| a.date.known()).map(|w| (w.earliest(), "an arrest")));
    for custody in &view.detention {
        record.extend(custody.from.known().map(|w| (w.earliest(), "a custody record")));
        record.extend(
            custody.to.iter().filter_map(|to| to.known()).map(|w| (w.earliest(), "the end of a custody record")),
        );
    }
    record.into_iter().filter(|(d, _)| *d > as_of).max_by_key(|(d, _)| *d)
}

/// The day the verdict in effect on `at` ends what a given status says the person is under
/// (a restriction of liberty, a term in custody), where every such penalty has a term and all
/// of them ended before `at`; with what it is.
fn term_ended(view: &Case, status: Status, at: Date) -> Option<(Date, &'static str)> {
    let standing = Standing::at(view, None, at);
    let verdict = standing.verdict.as_ref().filter(|v| v.convicted())?;
    let (bound, what): (fn(PenaltyKind) -> bool, _) = match status {
        Status::Restricted => (|k| k == PenaltyKind::RestrictionOfLiberty, "the restriction of liberty"),
        Status::Detained => (PenaltyKind::deprives_of_liberty, "the term of imprisonment"),
        _ => return None,
    };
    let ends: Vec<Option<Date>> =
        verdict.sentence.iter().filter(|p| bound(p.kind)).map(|p| verdict.runs_until(p)).collect();
    let end = ends.iter().copied().collect::<Option<Vec<Date>>>()?.into_iter().max()?;
    (end <= at).then_some((end, what))
}

/// Statements a case lists that were made after its `document_date`: its documents carry that
/// date and would cite them before they were made (a fact sheet of 22 December 2021 quoting a
/// prize of 2022). A warning: the date may be kept on purpose, to rebuild what was sent then.
fn statements_after_the_document(case: &Loaded<Case>, shared: &Shared) -> Vec<Diagnostic> {
    let value = &case.value;
    let Some(dated) = value.document_date else { return Vec::new() };
    let mut ids: Vec<&String> =
        value.statements.iter().chain(value.defendants.iter().flat_map(|d| &d.statements)).collect();
    ids.sort();
    ids.dedup();
    let later: Vec<String> = ids
        .into_iter()
        .filter_map(|id| shared.statements.get(id).map(|s| (id, s.value.date)))
        .filter(|(_, made)| made.earliest() > dated)
        .map(|(id, made)| format!("`{id}` ({made})"))
        .collect();
    if later.is_empty() {
        return Vec::new();
    }
    vec![
        case.warning(
            "document_date",
            format!(
                "the documents are dated {dated}, before {}: they leave {} out, as not yet said on that day",
                later.join(", "),
                if later.len() == 1 { "it" } else { "them" }
            ),
        )
        .hint("move `document_date` on, or leave it out for documents dated the day they are built"),
    ]
}

/// Checks one defendant of a case (the only one of a one-person case) against a kind's
/// required and recommended facts and whether the kind applies to them at a date, and the
/// case's jurisdiction file against the law the kind prints.
pub fn readiness(case: &Loaded<Case>, index: usize, kind: &Kind, shared: &Shared, at: Date) -> Readiness {
    let mut view = case.value.for_defendant(index);
    let sender = shared.sender_of(&case.value).map(|s| &s.value);
    view.with_sender_as_submitter(sender);
    let jurisdiction = shared.jurisdictions.get(&case.value.jurisdiction);
    let deadline_days = jurisdiction.and_then(|j| j.value.appeal.as_ref()).map(|a| a.deadline_days);
    let standing = Standing::at(&view, deadline_days, at);
    let mut tree = serde_json::to_value(&view).expect("case data always serializes");
    tree["sender"] = serde_json::to_value(sender).expect("a sender always serializes");
    tree["verdict"] = serde_json::to_value(&standing.verdict).expect("a verdict always serializes");
    tree["campaign"] = crate::facts::campaign_tree(&view, jurisdiction.map(|j| &j.value), at);
    let mut readiness = Readiness::default();
    let (mut required, mut recommended) = (&kind.required, &kind.recommended);
    if let Some(follow_up) = &kind.follow_up {
        readiness.form = Some(match crate::facts::covering_opinion(&case.value, index, shared) {
            Some((id, opinion)) => {
                (required, recommended) = (&follow_up.required, &follow_up.recommended);
                let number = opinion.reference.as_ref().and_then(Fact::known).map(|r| format!(" {}", r.get("en")));
                format!(
                    "a follow-up to the Working Group's opinion{} ({id}), which concerns the person",
                    number.unwrap_or_default()
                )
            }
            None => {
                "a new communication: the case lists no opinion of the Working Group whose `concerns` name the person"
                    .into()
            }
        });
    }
    // A person still awaiting trial has no verdict to recommend giving yet.
    use crate::case::Status::{Detained, HouseArrest, OnTrial};
    let pending = matches!(case.value.status, Some(Detained | HouseArrest | OnTrial))
        && case.value.verdict.is_none()
        && case.value.stages.is_empty();
    for (fields, missing, unknown, is_required) in [
        (required, &mut readiness.missing_required, &mut readiness.unknown_required, true),
        (recommended, &mut readiness.missing_recommended, &mut readiness.unknown_recommended, false),
    ] {
        for field in fields {
            if pending && !is_required && (field == "verdict" || field.starts_with("verdict.")) {
                continue;
            }
            match fact_state(&tree, field) {
                // The officials a sheet asks readers to write to come from the jurisdiction
                // file unless the case names its own: the key says where to check them.
                FactState::Present if !verified(&tree, field) && field == "campaign.addressees" => {
                    let at = format!("cases/_shared/jurisdictions/{}.yaml", case.value.jurisdiction);
                    let own = view.campaign.as_ref().is_some_and(|c| !c.addressees.is_empty());
                    let whose = if own { format!("the case's and {at}'s") } else { format!("{at}'s") };
                    readiness.unverified.push(format!("{field} (the officials' addresses: {whose} `addressees`)"))
                }
                FactState::Present if !verified(&tree, field) => readiness.unverified.push(field.clone()),
                FactState::Present => {}
                FactState::Unknown => unknown.push(field.clone()),
                FactState::Missing => missing.push(field.clone()),
            }
        }
    }
    readiness.missing_filer =
        kind.filer.iter().filter(|field| fact_state(&tree, field) != FactState::Present).cloned().collect();
    readiness.not_applicable = applies(kind.applies, &view, &standing, at, jurisdiction.map(|j| &j.value));
    // A jurisdiction that does not exist is reported by `check` already: nothing to print.
    if let Some(jurisdiction) = jurisdiction {
        let law = serde_json::to_value(&jurisdiction.value).expect("jurisdiction data always serializes");
        for key in &kind.jurisdiction {
            match fact_state(&law, key) {
                FactState::Present if !verified(&law, key) => readiness.unverified.push(key.clone()),
                FactState::Present => {}
                _ => readiness.missing_law.push(key.clone()),
            }
        }
        for key in &kind.jurisdiction_optional {
            if fact_state(&law, key) == FactState::Present && !verified(&law, key) {
                readiness.unverified.push(key.clone());
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

/// What a kind made once per proceeding needs: a required fact must be in the file for at
/// least one defendant (a trial whose sources give one co-defendant's charges only is still a
/// trial to write about); where some defendants lack it, it counts as recommended, named with
/// the person (`mamadalieva.charges`). The law is the case's.
pub fn proceeding_readiness(case: &Loaded<Case>, kind: &Kind, shared: &Shared, at: Date) -> Readiness {
    let count = case.value.defendant_count();
    let mut merged = readiness(case, 0, kind, shared, at);
    if count == 1 {
        return merged;
    }
    let ids = case.value.defendant_ids();
    let all: Vec<Readiness> = (0..count).map(|i| readiness(case, i, kind, shared, at)).collect();
    // Each defendant's fields, named with the person.
    let named = |pick: fn(&Readiness) -> &Vec<String>, keep: &dyn Fn(&String) -> bool| -> Vec<String> {
        let mut fields = Vec::new();
        for (i, one) in all.iter().enumerate() {
            fields.extend(pick(one).iter().filter(|f| keep(f)).map(|f| format!("{}.{f}", ids[i])));
        }
        fields
    };
    let nowhere = |field: &String| all.iter().all(|r| r.missing_required.contains(field));
    merged.missing_required = kind.required.iter().filter(|f| nowhere(f)).cloned().collect();
    merged.unknown_required = Vec::new();
    merged.missing_recommended = named(|r| &r.missing_recommended, &|_| true);
    merged.missing_recommended.extend(named(|r| &r.missing_required, &|f| !nowhere(f)));
    merged.unknown_recommended = named(|r| &r.unknown_recommended, &|_| true);
    merged.unknown_recommended.extend(named(|r| &r.unknown_required, &|_| true));
    merged
}

/// Why a kind does not concern a defendant at a date, if it does not.
fn applies(
    applies: Applies,
    view: &Case,
    standing: &Standing,
    at: Date,
    jurisdiction: Option<&Jurisdiction>,
) -> Option<String> {
    let verdict = standing.verdict.as_ref();
    let convicted = verdict.is_some_and(|v| v.convicted());
    let not_convicted = || match verdict {
        Some(_) => "the person was acquitted".to_owned(),
        None if standing.quashed.is_some() => "the conviction was quashed".to_owned(),
        None if standing.awaiting_retrial => "the verdict was annulled and the case awaits a new trial".to_owned(),
        None => format!("there is no verdict on file as of {at}"),
    };
    match applies {
        Applies::Any => None,
        Applies::Convicted => (!convicted).then(not_convicted),
        Applies::DeprivedOfLiberty => {
            let held = !view.detention.is_empty()
                || view.measures.iter().any(|m| matches!(m.kind, MeasureKind::Custody | MeasureKind::HouseArrest));
            // A sentence to custody passed on someone abroad deprives no one of liberty yet.
            let sentenced = !view.in_absentia
                && verdict.is_some_and(|v| {
                    v.convicted()
                        && v.sentence
                            .iter()
                            .any(|p| p.kind.deprives_of_liberty() || p.kind == PenaltyKind::RestrictionOfLiberty)
                });
            (!held && !sentenced).then(|| match view.in_absentia {
                true => "the person was tried in absentia and the file records no custody".to_owned(),
                false => "the file records no deprivation of liberty: no custody and no such sentence".to_owned(),
            })
        }
        // The appeal kind writes a criminal appeal; a decision on an administrative offence is
        // challenged under that code's own procedure.
        Applies::Appealable if jurisdiction.is_some_and(|j| j.administrative(standing.charges(view))) => Some(
            "the charges are under a code of administrative offences, whose decisions are challenged under \
                  that code's own procedure, not by this criminal appeal"
                .to_owned(),
        ),
        Applies::Appealable if standing.appealable() => None,
        Applies::Appealable => {
            // What remains, unless the file records it decided already (a Georgian cassation
            // refused in March was still "what remains" in December).
            let reviewed = view.stages.iter().rfind(|s| {
                matches!(s.stage, StageKind::Cassation | StageKind::SupervisoryReview | StageKind::Review)
                    && s.outcome.is_some()
                    && !s.in_new_case
            });
            let later = match reviewed {
                Some(review) => format!("; a {} decided on it on {}", stage_name(review.stage), review.date),
                None => jurisdiction
                    .and_then(|j| j.remedy_in_force.as_ref())
                    .map(|r| format!("; what remains is {}", r.get("en")))
                    .unwrap_or_default(),
            };
            Some(match (verdict, standing.pending) {
                (_, Some(stage)) => format!("a {} is already on file, awaiting its outcome", stage_name(stage)),
                (Some(v), _) if !v.convicted() => not_convicted(),
                (Some(v), _) => match (v.in_force_since, v.made_final_by) {
                    (Some(since), None) => format!(
                        "the verdict of {} entered into force on {since}, when the time to appeal ran out{later}",
                        v.date
                    ),
                    (Some(since), Some(stage)) => {
                        format!(
                            "the verdict of {} is in force since the {} of {since}{later}",
                            v.date,
                            stage_name(stage)
                        )
                    }
                    (None, Some(stage)) => {
                        format!("the verdict of {} is in force: a {} reviewed it{later}", v.date, stage_name(stage))
                    }
                    (None, None) => format!("the verdict of {} was not given at trial{later}", v.date),
                },
                (None, _) => not_convicted(),
            })
        }
    }
}

/// A stage as a sentence names it.
fn stage_name(stage: StageKind) -> &'static str {
    match stage {
        StageKind::FirstInstance => "trial",
        StageKind::Appeal => "appeal",
        StageKind::Cassation => "cassation",
        StageKind::SupervisoryReview => "supervisory review",
        StageKind::Review => "review",
        StageKind::Retrial => "retrial",
        StageKind::Pardon => "pardon",
        StageKind::Amnesty => "amnesty",
        StageKind::NewCase => "new case",
    }
}

/// Whether the data at `key` (`appeal.invokes`, `campaign.addressees`) is marked verified:
/// neither it, nor anything that holds it, nor any item of it says `verified: false`.
fn verified(tree: &serde_json::Value, key: &str) -> bool {
    let unverified = |value: &serde_json::Value| value.get("verified") == Some(&serde_json::Value::Bool(false));
    let mut value = tree;
    for segment in key.split('.') {
        if unverified(value) {
            return false;
        }
        value = value.get(segment).unwrap_or(&serde_json::Value::Null);
    }
    !unverified(value) && !value.as_array().is_some_and(|items| items.iter().any(unverified))
}

/// The state of a field path like `arrest.date` or `arguments[].wgad_categories` (`[]`: any
/// element) in a serialized case. A field under an unknown fact is unknown too.
pub fn fact_state(tree: &serde_json::Value, path: &str) -> FactState {
    use serde_json::Value;
    // Steps taken before the courts are told by the stages as much as by `remedies`: the UN
    // forms list both, and a file whose stages hold an appeal has given them.
    let reviewed = || {
        let stages = tree["stages"].as_array().into_iter().flatten();
        stages
            .filter_map(|stage| serde_json::from_value::<StageKind>(stage["stage"].clone()).ok())
            .any(StageKind::is_review)
    };
    if path == "remedies" && tree["remedies"].is_null() && reviewed() {
        return FactState::Present;
    }
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
        // `list[]`: given when any item gives it; `list[*]`: only when every item does (the
        // article of each charge a court filing cites).
        let (key, each, every) = match (first.strip_suffix("[]"), first.strip_suffix("[*]")) {
            (Some(key), _) => (key, true, false),
            (_, Some(key)) => (key, true, true),
            _ => (*first, false, false),
        };
        let child = value.get(key).unwrap_or(&Value::Null);
        match (each, child) {
            (true, Value::Array(items)) if !items.is_empty() => {
                let states: Vec<FactState> = items.iter().map(|item| walk(item, rest)).collect();
                let lacking = states.iter().find(|state| **state != FactState::Present);
                if let (true, Some(state)) = (every, lacking) {
                    *state
                } else if states.contains(&FactState::Present) {
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

/// A period's ends, where both are known and the end lies wholly before the start. Only then:
/// June 2023 may end a stay that began on 20 June.
fn ends_before_it_begins(from: &Fact<When>, to: Option<&Fact<When>>) -> Option<(When, When)> {
    match (from, to) {
        (Fact::Known(from), Some(Fact::Known(to))) if to.next_day() <= from.earliest() => Some((*from, *to)),
        _ => None,
    }
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
        assert_eq!(fact_state(&tree, "arguments[*].wgad_categories"), FactState::Missing);
        assert_eq!(
            fact_state(&json!({"arguments": [{"wgad_categories": []}]}), "arguments[].wgad_categories"),
            FactState::Missing
        );
    }
}
