//! Every document is PDF/A-2b and PDF/UA-1, is well formed (the check that replaced `qpdf --check`,
//! `common::check_well_formed`), carries title, author (its sender),
//! language and a date from the case (else `--date`, else `SOURCE_DATE_EPOCH`, else today).

mod common;

use common::Project;

/// The PDF's XMP metadata, parsed as XML: PDF/A requires it to be well-formed.
fn xmp_parses(pdf: &std::path::Path) -> Result<(), String> {
    let bytes = std::fs::read(pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let start = text.find("<x:xmpmeta").ok_or("no XMP")?;
    let end = text[start..].find("</x:xmpmeta>").ok_or("XMP does not end")? + start + "</x:xmpmeta>".len();
    roxmltree::Document::parse(&text[start..end])
        .map(|_| ())
        .map_err(|e| format!("{}: XMP is not XML: {e}", pdf.display()))
}

/// The number of documents a build's summary line says it built (`118 built, ...`).
fn built_count(stderr: &str) -> usize {
    let line = stderr.lines().find(|l| l.contains(" built, ")).expect("a summary line");
    line.split(" built").next().and_then(|n| n.trim().parse().ok()).expect("a count of documents built")
}

/// Every PDF under `dir`.
fn pdfs(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    common::walk(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect()
}

/// The document's creation date as written in its information dictionary, `D:20211221000000Z`.
fn creation_date(pdf: &std::path::Path) -> String {
    common::pdf_info(pdf).remove("CreationDate").unwrap_or_default()
}

#[test]
fn every_document_is_archival_accessible_and_well_formed() {
    let project = Project::examples();
    let recipients = common::fixture("recipients/three.csv").to_string_lossy().into_owned();
    let run = project.amicus(&["build", "--recipients", &recipients]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let mut checked = 0;
    let mut stack = vec![project.path().join("out")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "pdf") {
                continue;
            }
            if let Err(problem) = common::check_well_formed(&path) {
                panic!("{} is not well formed: {problem}", path.display());
            }
            let bytes = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            for claim in [
                "<pdfaid:part>2</pdfaid:part>",
                "<pdfaid:conformance>B</pdfaid:conformance>",
                "<pdfuaid:part>1</pdfuaid:part>",
            ] {
                assert!(bytes.contains(claim), "{} does not claim {claim}", path.display());
            }
            xmp_parses(&path).unwrap();
            let info = common::pdf_info(&path);
            assert!(common::is_tagged(&path), "{}: not tagged", path.display());
            let title = info.get("Title").map(|t| t.trim().chars().count()).unwrap_or(0);
            assert!(title > 3, "{}: no title: {info:?}", path.display());
            // The author is who sends the document (the examples' sender), never the tool; an
            // appeal's is its appellant, whom the examples do not name.
            if !path.to_string_lossy().contains("appeal") {
                let sender = ["Example Rights Network", "Сеть «Пример прав»", "«Құқық үлгісі» желісі"];
                assert!(
                    sender.iter().any(|s| info.get("Author").map(String::as_str) == Some(*s)),
                    "{}: {info:?}",
                    path.display()
                );
            }
            assert!(!info.values().any(|v| v.contains("amicus")), "{}: {info:?}", path.display());
            // `fact-sheet.kk.pdf`: the language is the name's last part before `.pdf`.
            let stem = std::path::Path::new(path.file_stem().unwrap());
            let lang = stem.extension().unwrap().to_str().unwrap();
            assert!(
                bytes.contains(&format!("<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li>")),
                "{}: language",
                path.display()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, built_count(&run.stderr()), "every kind, language and letter");
    assert!(checked > 100, "the examples give over a hundred documents, {checked} checked");
}

#[test]
fn the_document_date_comes_from_the_case_then_the_flag_then_the_environment() {
    let project = Project::examples();
    let sheet = project.out("kanaliyev-2021/fact-sheet.en.pdf");
    let build = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "en"];
        all.extend_from_slice(args);
        let run = project.amicus_with_env(&all, env);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        creation_date(&sheet)
    };
    // Nothing given: today (a letter built to be sent today), not the case's latest fact.
    let today = chrono::Local::now().format("D:%Y%m%d000000").to_string();
    assert!(build(&[], &[]).starts_with(&today));
    assert!(build(&["--date", "2024-03-05"], &[]).starts_with("D:20240305000000"));
    // 1700000000 is 14 November 2023; a flag beats the environment.
    assert!(build(&[], &[("SOURCE_DATE_EPOCH", "1700000000")]).starts_with("D:20231114000000"));
    assert!(build(&["--date", "2024-03-05"], &[("SOURCE_DATE_EPOCH", "1700000000")]).starts_with("D:20240305000000"));
    let path = project.path().join("cases/kanaliyev-2021.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\ndocument_date: 2025-06-30\n")).unwrap();
    assert!(build(&[], &[("SOURCE_DATE_EPOCH", "1700000000")]).starts_with("D:20250630000000"));
    let run = project.amicus_with_env(&["build"], &[("SOURCE_DATE_EPOCH", "yesterday")]);
    assert_eq!(run.code(), 2, "a malformed SOURCE_DATE_EPOCH is a usage error");
}

/// Control characters in data (pasted with a name, or a NUL in a shared footnote mark) are
/// left out of every document, its XMP metadata included, and `check` names the field.
#[test]
fn control_characters_never_reach_the_metadata() {
    let project = Project::examples();
    let case = project.path().join("cases/ismakova-2021.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(&case, text.replacen("given: Aizhan", "given: \"Aizhan\\u0001\"", 1)).unwrap();
    let mark = project.path().join("cases/_shared/organisations/dck.yaml");
    let text = std::fs::read_to_string(&mark).unwrap();
    std::fs::write(&mark, text.replace("footnote_mark: \"*\"", "footnote_mark: \"*\\0\"")).unwrap();

    let check = project.amicus(&["check"]);
    assert_eq!(check.code(), 0, "a warning, not an error: {}", check.stderr());
    let stderr = check.stderr();
    assert!(
        stderr.contains("invisible control character (U+0001)") && stderr.contains("person.name.given"),
        "{stderr}"
    );
    assert!(
        stderr.contains("invisible control character (U+0000)")
            && stderr.contains("[root]/cases/_shared/organisations/dck.yaml"),
        "{stderr}"
    );

    let recipients = common::fixture("recipients/three.csv").to_string_lossy().into_owned();
    let run = project.amicus(&["build", "--recipients", &recipients]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let built = pdfs(&project.path().join("out"));
    assert_eq!(built.len(), built_count(&run.stderr()));
    for pdf in built {
        xmp_parses(&pdf).unwrap();
    }
}
