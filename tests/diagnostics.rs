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
        insta::assert_snapshot!(name.replace('.', "_"), stderr);
    }
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
