//! Templates and Typst read only the project's `templates/` folder: every way out is closed,
//! and packages come only from `templates/_packages/`, never from the network.

mod common;

use common::{Project, pdf_text};

const CASE: &str = "cases/ismakova-2021.yaml";

/// Builds a one-off kind whose template is `body` (after a valid archival preamble) and
/// returns the exit code and standard error.
fn build_with(project: &Project, body: &str) -> (i32, String) {
    let template = format!("#set document(title: \"Test\")\n#set text(lang: \"en\")\n{body}\n{{{{ case.id }}}}\n");
    project.write("templates/probe/en.typ.j2", &template);
    let run = project.amicus(&["build", CASE, "--kind", "probe"]);
    (run.code(), run.stderr())
}

fn project_with_secret() -> Project {
    let project = Project::examples();
    project.write("secret.txt", "TOP-SECRET-CONTENT");
    project
}

#[test]
fn typst_cannot_read_outside_the_templates_folder() {
    let project = project_with_secret();
    for (route, expected) in [
        (r#"#read("../secret.txt")"#, "file not found"),
        (r#"#read("/../../secret.txt")"#, "would escape the project root"),
        (r#"#read("/etc/passwd")"#, "file not found"),
        (r#"#image("../../secret.txt")"#, "would escape the project root"),
    ] {
        let (code, stderr) = build_with(&project, route);
        assert_eq!(code, 1, "{route} was allowed");
        assert!(stderr.contains(expected), "{route}: {stderr}");
        assert!(!stderr.contains("TOP-SECRET-CONTENT"));
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_cannot_lead_out() {
    let project = project_with_secret();
    std::os::unix::fs::symlink(project.path().join("secret.txt"), project.path().join("templates/link.txt")).unwrap();
    let (code, stderr) = build_with(&project, r#"#read("/link.txt")"#);
    assert_eq!(code, 1);
    assert!(stderr.contains("access denied"), "{stderr}");
}

#[test]
fn packages_are_vendored_never_downloaded() {
    let project = Project::examples();
    let (code, stderr) = build_with(&project, r#"#import "@preview/cetz:0.3.0": *"#);
    assert_eq!(code, 1);
    assert!(stderr.contains("package @preview/cetz:0.3.0 is not vendored"), "{stderr}");

    project.write(
        "templates/_packages/preview/greet/0.1.0/typst.toml",
        "[package]\nname = \"greet\"\nversion = \"0.1.0\"\nentrypoint = \"lib.typ\"\n",
    );
    project.write("templates/_packages/preview/greet/0.1.0/lib.typ", "#let greet(who) = [Hello, #who!]\n");
    let (code, stderr) = build_with(&project, "#import \"@preview/greet:0.1.0\": greet\n#greet[vendored]");
    assert_eq!(code, 0, "{stderr}");
    assert!(pdf_text(&project.out("ismakova-2021/probe.en.pdf")).contains("Hello, vendored!"));
}

#[test]
fn templates_cannot_include_files_outside_the_folder() {
    let project = project_with_secret();
    for include in [r#"{% include "../secret.txt" %}"#, r#"{% include "/etc/passwd" %}"#] {
        let (code, stderr) = build_with(&project, include);
        assert_eq!(code, 1, "{include} was allowed");
        assert!(stderr.contains("outside the templates folder"), "{include}: {stderr}");
        assert!(!stderr.contains("TOP-SECRET-CONTENT"));
    }
}
