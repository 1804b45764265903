//! Templates and Typst read only the project's `templates/` folder: every way out is closed,
//! and packages come only from `templates/_packages/`, never from the network.

mod common;

use common::{Project, pdf_text};

const CASE: &str = "cases/ismakova-2021.yaml";

/// Builds a one-off kind whose template is `body` (after a valid archival preamble) and
/// returns the exit code and standard error.
fn build_with(project: &Project, body: &str) -> (i32, String) {
    let template = format!("#set document(title: \"Test\")\n#set text(lang: \"en\")\n{body}\n{{{{ case.id }}}}\n");
    let run = project.build_kind(CASE, "probe", &template);
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

fn with_photo(project: &Project, file: &str) {
    let path = project.path().join(CASE);
    let text = std::fs::read_to_string(&path).unwrap();
    let text =
        format!("{text}\nphoto:\n  file: {file}\n  alt: {{ en: Synthetic test portrait, ru: Тестовый портрет }}\n");
    std::fs::write(path, text).unwrap();
}

fn portrait() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/photo/portrait.png")).unwrap()
}

#[test]
fn a_case_may_attach_a_photo_beside_it() {
    let project = Project::examples();
    std::fs::create_dir_all(project.path().join("cases/photos")).unwrap();
    std::fs::write(project.path().join("cases/photos/portrait.png"), portrait()).unwrap();
    with_photo(&project, "photos/portrait.png");
    let run = project.amicus(&["build", CASE, "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let pdf = project.out("ismakova-2021/fact-sheet.en.pdf");
    let images = std::process::Command::new("pdfimages").arg("-list").arg(&pdf).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&images.stdout).lines().count(), 2 + 1, "one image in the sheet");
    let structure = std::process::Command::new("pdfinfo").arg("-struct-text").arg(&pdf).output().unwrap();
    assert!(String::from_utf8_lossy(&structure.stdout).contains("Figure"), "the photo is tagged as a figure");
}

#[test]
fn a_photo_cannot_lead_outside_the_case_folder() {
    for (file, expected) in [
        ("../secret.png", "without `..`"),
        ("/etc/hostname.png", "without `..`"),
        ("photos/notes.txt", "is not a picture"),
        ("photos/missing.png", "cannot open"),
    ] {
        let project = Project::examples();
        std::fs::create_dir_all(project.path().join("cases/photos")).unwrap();
        project.write("cases/photos/notes.txt", "not a picture");
        with_photo(&project, file);
        let run = project.amicus(&["check", CASE]);
        assert_eq!(run.code(), 1, "{file} was accepted");
        assert!(run.stderr().contains(expected) && run.stderr().contains("photo.file"), "{file}: {}", run.stderr());
    }
    #[cfg(unix)]
    {
        let project = Project::examples();
        std::fs::write(project.path().join("outside.png"), portrait()).unwrap();
        std::os::unix::fs::symlink(project.path().join("outside.png"), project.path().join("cases/link.png")).unwrap();
        with_photo(&project, "link.png");
        let run = project.amicus(&["build", CASE, "--kind", "fact-sheet"]);
        assert_eq!(run.code(), 1);
        assert!(run.stderr().contains("leads outside the case file's folder"), "{}", run.stderr());
    }
}

#[test]
fn without_a_photo_the_attachment_path_leads_nowhere() {
    let project = Project::examples();
    let (code, stderr) = build_with(&project, "#image(\"/_case/photo.png\", alt: \"x\")");
    assert_eq!(code, 1);
    assert!(stderr.contains("file not found"), "{stderr}");
}
