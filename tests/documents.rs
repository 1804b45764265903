//! The document API in process: facts → Typst source for every template and example, as
//! snapshots (one per template file, globbed, so one failure does not hide the others), and a
//! document made in memory without touching `out/`.

mod common;

use std::path::Path;

use amicus::case::{self, Project};
use amicus::check::{self, Checked};
use amicus::document::{Documents, Kept, Subject};
use amicus::export;
use amicus::kind::{self, Scope};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped example project, loaded and checked in process.
fn examples() -> (Project, Checked) {
    let (project, diagnostics) = case::load(&repo().join("cases"), &[]);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}");
    let checked = check::check(&project);
    assert!(checked.broken_cases.is_empty(), "{:#?}", checked.diagnostics);
    (project, checked)
}

/// Each template, filled with each example it applies to: the cases for a case kind, the
/// digests for a digest kind. The snapshot holds every source, each under its subject's id.
#[test]
fn every_template_renders_the_examples() {
    let (project, checked) = examples();
    let templates = repo().join("templates");
    let documents = Documents::new(&templates, &project, &checked, None);
    let kinds = kind::kinds(&templates).unwrap();
    insta::glob!("../templates", "*/*.typ.j2", |path| {
        let kind_name = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
        let lang = path.file_name().unwrap().to_str().unwrap().trim_end_matches(kind::TEMPLATE_SUFFIX);
        let kind = kinds.iter().find(|k| k.name == kind_name).unwrap();
        let subjects: Vec<Subject> = match kind.scope {
            Scope::Case => project.cases.iter().map(Subject::Case).collect(),
            Scope::Digest => project.digests.iter().map(Subject::Digest).collect(),
        };
        let mut sources = String::new();
        for subject in subjects {
            let prepared = documents
                .prepare(subject, kind, lang)
                .unwrap_or_else(|errors| panic!("{kind_name} ({lang}) for {}: {errors:#?}", subject.id()));
            sources.push_str(&format!("// ==== {} ====\n{}\n", subject.id(), prepared.rendered.source));
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
    let checked = check::check(&project);
    let kinds = kind::kinds(&root.join("templates")).unwrap();
    let fact_sheet = kinds.iter().find(|k| k.name == "fact-sheet").unwrap();
    let documents = Documents::new(&root.join("templates"), &project, &checked, None);
    let case = project.cases.iter().find(|c| c.value.id == "kanaliyev-2021").unwrap();

    let prepared = documents.prepare(Subject::Case(case), fact_sheet, "kk").unwrap();
    assert_eq!(prepared.label(None), "kanaliyev-2021 fact-sheet (kk)");
    let kept = Kept { source: Path::new("fact-sheet.kk.typ"), recipient: Path::new("-") };
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
            "Abzal Kanaliyev · Абзал Каналиев",
            "Үкім: 2021 жылғы 21 желтоқсан, Ақтау.",
            "2021 жылғы 21 желтоқсанда азаматтық белсенді Абзал ҚАНАЛИЕВ ҚР ҚК 405-бабының 2-бөлігі («экстремистік ұйымның қызметіне қатысу») және ҚР ҚК 293-бабының 2-бөлігі («бұзақылық») бойынша саяси астары бар қылмыстық іс аясында заңсыз сотталды.",
            "Жаза: 1 жыл мерзімге бас бостандығын шектеу; 2 жыл 6 ай мерзімге қоғамдық-саяси қызметпен айналысуға және әлеуметтік желілерді пайдалануға тыйым салу.",
            "Еуропалық парламент 2021 жылғы 11 ақпанда қабылдаған «Қазақстандағы адам құқықтарының жағдайы туралы» қарарында",
            "Қазақстан билігін саяси астары бар барлық қудалауды тоқтатуға және барлық саяси тұтқындарды дереу әрі сөзсіз босатуға шақырды",
        ],
        "the Kazakh fact sheet",
    );
}
