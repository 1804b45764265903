//! The document API in process: facts → Typst source for every template and example, as
//! snapshots (one per template file, globbed, so one failure does not hide the others), and a
//! document made in memory without touching `out/`.

mod common;

use std::path::Path;

use amicus::case::{self, Project};
use amicus::check::{self, Checked};
use amicus::diag::Code;
use amicus::document::{Documents, Kept, Subject};
use amicus::export;
use amicus::kind::{self, Scope};
use amicus::templates::Templates;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The week after the Aktau verdicts of 20 and 21 December 2021.
const WEEK_AFTER_THE_VERDICTS: amicus::case::Date =
    amicus::case::Date(chrono::NaiveDate::from_ymd_opt(2021, 12, 22).unwrap());

/// The day the snapshots are made as of: a document given no date is dated, and judged, today.
const SNAPSHOT_DAY: amicus::case::Date = amicus::case::Date(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());

/// The shipped example project, loaded and checked in process.
fn examples() -> (Project, Checked) {
    let (project, diagnostics) = case::load(&repo().join("cases"), &[]);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}");
    let checked = check::check(&project, |_| true, SNAPSHOT_DAY);
    assert!(checked.broken_cases.is_empty(), "{:#?}", checked.diagnostics);
    (project, checked)
}

/// Each template, filled with each example it applies to: the cases for a case kind, the
/// digests for a digest kind. The snapshot holds every source, each under its subject's id.
#[test]
fn every_template_renders_the_examples() {
    let (project, checked) = examples();
    let templates = Templates::new(&repo().join("templates"));
    let documents = Documents::new(&templates, &project, &checked, Some(SNAPSHOT_DAY));
    // An appeal is made only while the verdict is open to one: each case's appeal is made as
    // it would have been two days after its first verdict; built today, none would be.
    let after_the_verdict = |case: &case::Loaded<case::Case>| {
        let verdict = case.value.first_verdict_date().unwrap_or(WEEK_AFTER_THE_VERDICTS);
        let date = amicus::case::Date(verdict.0 + chrono::Days::new(2));
        Documents::new(&templates, &project, &checked, Some(date))
    };
    let kinds = kind::kinds(&templates).unwrap();
    insta::glob!("../templates", "*/*.typ.j2", |path| {
        let kind_name = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
        let lang = path.file_name().unwrap().to_str().unwrap().trim_end_matches(kind::TEMPLATE_SUFFIX);
        let kind = kinds.iter().find(|k| k.name == kind_name).unwrap();
        let subjects: Vec<Subject> = match kind.scope {
            // The languages each case asks for (`languages: [en, ru]`), as `build` does.
            Scope::Case => project
                .cases
                .iter()
                .filter(|case| case.value.languages.is_empty() || case.value.languages.iter().any(|l| l == lang))
                .flat_map(|case| Subject::of_case(case, kind))
                .collect(),
            Scope::Digest => project.digests.iter().map(Subject::Digest).collect(),
        };
        let mut sources = String::new();
        for subject in subjects {
            sources.push_str(&format!("// ==== {} ====\n", subject.folder()));
            let dated = match (kind.name.as_str(), subject) {
                ("appeal", Subject::Defendant(case, _)) => Some(after_the_verdict(case)),
                _ => None,
            };
            let prepared = match dated.as_ref().unwrap_or(&documents).prepare(subject, kind, lang) {
                Ok(prepared) => prepared,
                // A kind that does not concern a defendant (an appeal against a verdict in
                // force) or whose facts or law the files lack says why, in the snapshot, as
                // `build` skips it with a note.
                Err(errors)
                    if errors.iter().all(|e| {
                        matches!(e.code, Some(Code::NotApplicable | Code::MissingFacts | Code::MissingJurisdictionKey))
                    }) =>
                {
                    sources.push_str(&format!("// not made: {}\n", errors[0].message));
                    continue;
                }
                Err(errors) => panic!("{kind_name} ({lang}) for {}: {errors:#?}", subject.folder()),
            };
            // Texts taken from another language, which `build` warns about.
            for warning in &prepared.warnings {
                sources.push_str(&format!(
                    "// warning: {}: {}\n",
                    warning.field.as_deref().unwrap_or(""),
                    warning.message
                ));
            }
            sources.push_str(&format!("{}\n", prepared.rendered.source));
        }
        insta::assert_snapshot!(sources);
    });
}

/// A server or a mail sender wants a document's bytes, not a file: the API gives them, and
/// writes nothing.
#[test]
fn a_kazakh_fact_sheet_is_made_in_memory() {
    let project_dir = common::Project::examples();
    let root = project_dir.path();
    let (project, diagnostics) = case::load(&root.join("cases"), &[]);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let checked = check::check(&project, |_| true, SNAPSHOT_DAY);
    let templates = Templates::new(&root.join("templates"));
    let kinds = kind::kinds(&templates).unwrap();
    let fact_sheet = kinds.iter().find(|k| k.name == "fact-sheet").unwrap();
    let documents = Documents::new(&templates, &project, &checked, Some(SNAPSHOT_DAY));
    let case = project.cases.iter().find(|c| c.value.id == "kanaliyev-2021").unwrap();

    let prepared = documents.prepare(Subject::Defendant(case, 0), fact_sheet, "kk").unwrap();
    assert_eq!(prepared.label(None), "kanaliyev-2021 fact-sheet (kk)");
    let kept = Kept { source: Path::new("fact-sheet.kk.typ"), recipient: None };
    let made = documents.make(&prepared, None, export::FORMATS[0], kept).unwrap();
    assert_eq!(made.files.len(), 1);
    assert!(made.files[0].starts_with(b"%PDF-"));
    assert!(!root.join("out").exists(), "the API wrote to out/");

    let pdf = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(pdf.path(), &made.files[0]).unwrap();
    assert_eq!(common::page_count(pdf.path()), 1, "a fact sheet is one page");
    common::assert_holds(
        &common::pdf_text(pdf.path()),
        &[
            "ІС БОЙЫНША АНЫҚТАМА · Ақтау, Қазақстан",
            "Абзал ҚАНАЛИЕВ",
            // His other forms, each after its language.
            "латынша: Abzal Kanaliyev · орысша: Абзал Каналиев",
            "Үкім: 2021 жылғы 21 желтоқсан, Ақтау.",
            "2021 жылғы 21 желтоқсанда азаматтық белсенді Абзал ҚАНАЛИЕВ ҚР ҚК 405-бабының 2-бөлігі («экстремистік ұйымның қызметіне қатысу») және ҚР ҚК 293-бабының 2-бөлігі («бұзақылық») бойынша саяси астары бар қылмыстық іс аясында заңсыз сотталды.",
            "Жаза: 1 жыл мерзімге бас бостандығын шектеу; 2 жыл 6 ай мерзімге қоғамдық-саяси қызметпен айналысуға және әлеуметтік желілерді пайдалануға тыйым салу.",
            "Еуропалық парламент 2021 жылғы 11 ақпанда қабылдаған «Қазақстандағы адам құқықтарының жағдайы туралы» қарарында",
            "Қазақстан билігін саяси астары бар барлық қудалауды тоқтатуға және барлық саяси тұтқындарды дереу әрі сөзсіз босатуға шақырды",
        ],
        "the Kazakh fact sheet",
    );
}

/// Loads the project at `root` and prepares one document of it, in process.
fn prepare_in(
    root: &Path,
    case_id: &str,
    kind_name: &str,
    lang: &str,
) -> Result<Vec<String>, Vec<(Option<Code>, String)>> {
    let (project, _) = case::load(&root.join("cases"), &[]);
    let checked = check::check(&project, |_| true, SNAPSHOT_DAY);
    let templates = Templates::new(&root.join("templates"));
    let kinds = kind::kinds(&templates).unwrap();
    let kind = kinds.iter().find(|k| k.name == kind_name).unwrap();
    // Judged the week after the Aktau verdicts, when their appeals were open.
    let documents = Documents::new(&templates, &project, &checked, Some(WEEK_AFTER_THE_VERDICTS));
    let case = project.cases.iter().find(|c| c.value.id == case_id).unwrap();
    match documents.prepare(Subject::Defendant(case, 0), kind, lang) {
        Ok(prepared) => Ok(prepared
            .warnings
            .iter()
            .map(|w| format!("{}: {}", w.field.as_deref().unwrap_or(""), w.message))
            .collect()),
        Err(errors) => Err(errors.into_iter().map(|e| (e.code, e.message)).collect()),
    }
}

/// A Kazakh document takes a text the case gives only in Russian, and says so, naming the
/// field; texts it does not print (the arguments, given only in Russian and English) are no
/// concern of a fact sheet and give no warning.
#[test]
fn a_missing_kazakh_text_falls_back_to_russian_with_a_warning_if_printed() {
    let project = common::Project::examples();
    let path = project.path().join("cases/kanaliyev-2021.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("    kk: азаматтық белсенді\n", "", 1)).unwrap();
    let warnings = prepare_in(project.path(), "kanaliyev-2021", "fact-sheet", "kk").unwrap();
    assert_eq!(warnings, ["person.role: no `kk` text for this field; the `ru` text is used instead"]);
}

/// Refusals carry a code that code can match on, whatever their wording.
#[test]
fn refusals_carry_their_code() {
    let project = common::Project::examples();
    project.write("templates/fact-sheet/xq.typ.j2", "x\n");
    let errors = prepare_in(project.path(), "kanaliyev-2021", "fact-sheet", "xq").unwrap_err();
    assert_eq!(errors[0].0, Some(Code::MissingLocale), "{errors:?}");

    project.cut_block("cases/ismakova-2021.yaml", "appeal");
    let errors = prepare_in(project.path(), "ismakova-2021", "appeal", "ru").unwrap_err();
    assert_eq!(errors[0].0, Some(Code::MissingFacts), "{errors:?}");

    // Without the provisions an appeal is made under, the appeal is refused: no other
    // country's law is printed instead.
    let law = project.path().join("cases/_shared/jurisdictions/kz.yaml");
    let text = std::fs::read_to_string(&law).unwrap();
    let start = text.find("  invokes:").unwrap();
    let end = start + text[start..].find("    verified: false\n").unwrap() + "    verified: false\n".len();
    std::fs::write(&law, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let errors = prepare_in(project.path(), "kanaliyev-2021", "appeal", "ru").unwrap_err();
    assert_eq!(errors[0].0, Some(Code::MissingJurisdictionKey), "{errors:?}");
}
