//! Every file under `tests/fixtures/invalid/` is rejected with a located diagnostic
//! (file:line:column, field, hint) whose text is a snapshot. Case files go through `check`;
//! `recipients-*` files through a letter build. No panic, exit 1, nothing built.

mod common;

use common::Project;

#[test]
fn each_invalid_fixture_gets_a_located_diagnostic() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut names: Vec<String> =
        std::fs::read_dir(&fixtures).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert!(names.len() >= 30, "the corpus shrank: {names:?}");
    for name in names {
        let project = Project::examples();
        let bytes = std::fs::read(fixtures.join(&name)).unwrap();
        let path = project.path().join(format!("fixtures/{name}"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        let run = match name.starts_with("recipients-") {
            true => project.amicus(&[
                "build",
                "cases/ismakova-2021.yaml",
                "--kind",
                "mep-letter",
                "--recipients",
                path.to_str().unwrap(),
            ]),
            false => project.amicus(&["check", path.to_str().unwrap()]),
        };
        let stderr = run.stderr();
        assert_eq!(run.code(), 1, "{name} was accepted:\n{}\n{stderr}", run.stdout());
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(stderr.contains(&format!("[root]/fixtures/{name}")), "{name}: the file is not named in\n{stderr}");
        assert!(!project.path().join("out").exists(), "{name}: something was built");
        insta::assert_snapshot!(name.replace('.', "_"), without_time(&stderr));
    }
}

/// The build's summary line without its run time (`in 38 ms`), which differs run to run.
fn without_time(stderr: &str) -> String {
    let lines = stderr.lines().map(|line| match (line.contains(" built, "), line.find(" in "), line.find(" (")) {
        (true, Some(start), Some(end)) if start < end => format!("{} in [time]{}", &line[..start], &line[end..]),
        _ => line.to_owned(),
    });
    lines.collect::<Vec<_>>().join("\n")
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let project = Project::examples();
    let path = project.path().join("cases/huge-2022.yaml");
    let line = format!("# {}\n", "x".repeat(998));
    std::fs::write(&path, line.repeat(50_000)).unwrap();
    let run = project.amicus(&["check", "cases/huge-2022.yaml"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("this file is 51 MB; a case file may be at most 5 MB"), "{}", run.stderr());
}

/// A shared file that does not parse is reported with its own file, line and field, and every
/// reference to it says that its file has an error, never that no entity has the id: the
/// writer would otherwise search the case for a typo that is not there.
#[test]
fn a_reference_to_a_shared_file_that_does_not_parse_names_that_file_and_its_error() {
    let project = Project::aktau();
    let source = "cases/_shared/sources/aktau-convictions-2021.yaml";
    let text = std::fs::read_to_string(project.path().join(source)).unwrap();
    let text = text.replace("publisher: unknown", "publisher: unknown\npublished: 2021-12-22");
    project.write(source, &text);
    let line_of = |text: &str, start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let error_line = line_of(&text, "published:");
    let case = std::fs::read_to_string(project.path().join("cases/kanaliyev-2021.yaml")).unwrap();
    let reference_line = line_of(&case, "sources: [aktau-convictions-2021");
    let jurisdiction = "cases/_shared/jurisdictions/kz.yaml";
    let text = std::fs::read_to_string(project.path().join(jurisdiction)).unwrap();
    project.write(jurisdiction, &text.replace("filing_languages: [kk, ru]", "filing_languages: kk, ru"));

    let run = project.amicus(&["check", "cases/kanaliyev-2021.yaml"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let stderr = run.stderr();
    assert!(!stderr.contains("there is no source"), "{stderr}");
    assert!(!stderr.contains("there is no jurisdiction"), "{stderr}");
    // The file's own error, once, where it is.
    assert_eq!(stderr.matches("error: unknown field `published` (field `published`)").count(), 1, "{stderr}");
    assert!(stderr.contains(&format!("[root]/{source}:")), "{stderr}");
    // The case's reference, pointing at it.
    assert!(
        stderr.contains(
            "error: the source `aktau-convictions-2021` cannot be used: its file has an error (field `sources[0]`)"
        ),
        "{stderr}"
    );
    let reference = stderr.split("the source `aktau-convictions-2021` cannot be used").nth(1).unwrap();
    let reference = reference.split("\nerror").next().unwrap();
    assert!(reference.contains(&format!("[root]/cases/kanaliyev-2021.yaml:{reference_line}:11")), "{stderr}");
    assert!(reference.contains("note: unknown field `published` (field `published`)"), "{stderr}");
    assert!(reference.contains(&format!("[root]/{source}:{error_line}:1")), "{stderr}");
    assert!(
        stderr.contains("error: the jurisdiction `kz` cannot be used: its file has an error (field `jurisdiction`)"),
        "{stderr}"
    );

    // Statements and organisations cite the source too: each is told the same.
    let run = project.amicus(&["check"]);
    assert!(!run.stderr().contains("there is no"), "{}", run.stderr());
    for citing in ["statements/ep-2021-02-11.yaml", "organisations/dck.yaml"] {
        assert!(run.stderr().contains(&format!("[root]/cases/_shared/{citing}:")), "{citing}: {}", run.stderr());
    }
    assert!(!project.path().join("out").exists());
}
