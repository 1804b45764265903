//! Every file under `tests/fixtures/invalid/` is checked; its diagnostic (file:line:column,
//! field, hint) and exit code are snapshots. A fixture added without a snapshot fails.

mod common;

use common::Project;

#[test]
fn each_invalid_fixture_gets_a_located_diagnostic() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut names: Vec<String> =
        std::fs::read_dir(&fixtures).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert!(names.len() >= 10, "the corpus shrank: {names:?}");
    for name in names {
        let project = Project::templates_only();
        let text = std::fs::read_to_string(fixtures.join(&name)).unwrap();
        project.write(&format!("cases/{name}"), &text);
        let run = project.amicus(&["check", &format!("cases/{name}")]);
        assert_eq!(run.code(), 1, "{name} was accepted:\n{}", run.stdout());
        let stderr = run.stderr();
        assert!(stderr.contains(&format!("[root]/cases/{name}:")), "{name}: no file:line:column in\n{stderr}");
        insta::assert_snapshot!(name.replace('.', "_"), stderr);
    }
}
