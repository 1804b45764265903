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
    assert_eq!(common::images_drawn(&pdf), 1, "one image in the sheet");
    assert!(common::structure_types(&pdf).iter().any(|t| t == "Figure"), "the photo is tagged as a figure");
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

/// A pipe at `path`, which nothing will ever write to.
#[cfg(unix)]
fn fifo(path: &std::path::Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success());
}

/// Runs amicus in the project, failing the test (not hanging it) if it does not end in 60 s.
#[cfg(unix)]
fn run_within_a_minute(project: &Project, args: &[&str]) -> (i32, String) {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .args(["--root", project.path().to_str().unwrap(), "--color", "never"])
        .current_dir(project.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("amicus {args:?} did not end: it is reading something that never ends");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    (status.code().unwrap(), stderr)
}

/// Pipes and devices are refused where they are named, at once: a case file, a shared file,
/// a photo, a recipients list, a template include (`/dev/zero` behind a link once grew a case
/// file to 6 GB; a pipe blocked the build for ever).
#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_at_once() {
    let not_a_file = "not a regular file (a device, a pipe or a folder)";

    let project = Project::examples();
    std::os::unix::fs::symlink("/dev/zero", project.path().join("cases/zero-2024.yaml")).unwrap();
    fifo(&project.path().join("cases/pipe-2024.yaml"));
    fifo(&project.path().join("cases/_shared/sources/pipe.yaml"));
    let (code, stderr) = run_within_a_minute(&project, &["check"]);
    assert_eq!(code, 1, "{stderr}");
    for file in ["cases/zero-2024.yaml", "cases/pipe-2024.yaml", "cases/_shared/sources/pipe.yaml"] {
        assert!(
            stderr.contains(&format!("[root]/{file}").replace("[root]", project.path().to_str().unwrap())),
            "{file} not named: {stderr}"
        );
    }
    assert_eq!(stderr.matches(not_a_file).count(), 3, "{stderr}");

    let project = Project::examples();
    fifo(&project.path().join("cases/photos/pipe.png"));
    with_photo(&project, "photos/pipe.png");
    let (code, stderr) = run_within_a_minute(&project, &["build", CASE, "--kind", "fact-sheet"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("`photos/pipe.png` is not a regular file") && stderr.contains("photo.file"), "{stderr}");

    let project = Project::examples();
    fifo(&project.path().join("meps.csv"));
    let (code, stderr) =
        run_within_a_minute(&project, &["build", CASE, "--kind", "mep-letter", "--recipients", "meps.csv"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot read the recipients file: it is not a regular file"), "{stderr}");

    // A pipe Typst is asked to read, inside the templates folder.
    let project = Project::examples();
    fifo(&project.path().join("templates/_lib/pipe.txt"));
    project.write("templates/probe/en.typ.j2", "#set document(title: \"Test\")\n#read(\"/_lib/pipe.txt\")\n");
    let (code, stderr) = run_within_a_minute(&project, &["build", CASE, "--kind", "probe"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is not a regular file"), "{stderr}");

    let project = Project::examples();
    fifo(&project.path().join("templates/_lib/pipe.j2"));
    let (code, stderr) = build_with(&project, r#"{% include "_lib/pipe.j2" %}"#);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot read template `_lib/pipe.j2`: it is not a regular file"), "{stderr}");
}

/// A template include cannot follow a symbolic link out of `templates/`, as Typst's reads
/// cannot: the linked file's content never reaches a document.
#[cfg(unix)]
#[test]
fn a_template_include_cannot_follow_a_link_out() {
    let project = project_with_secret();
    std::os::unix::fs::symlink(project.path().join("secret.txt"), project.path().join("templates/_lib/notes.j2"))
        .unwrap();
    std::os::unix::fs::symlink("/dev/zero", project.path().join("templates/_lib/zero.j2")).unwrap();
    for include in [r#"{% include "_lib/notes.j2" %}"#, r#"{% include "_lib/zero.j2" %}"#] {
        let (code, stderr) = build_with(&project, include);
        assert_eq!(code, 1, "{include} was allowed");
        assert!(stderr.contains("is outside the templates folder"), "{include}: {stderr}");
        assert!(!stderr.contains("TOP-SECRET-CONTENT"));
        assert!(!project.out("ismakova-2021/probe.en.pdf").exists());
    }
    // A link that stays inside the folder is fine.
    std::os::unix::fs::symlink(
        project.path().join("templates/_lib/phrases.en.j2"),
        project.path().join("templates/_lib/same.j2"),
    )
    .unwrap();
    let (code, stderr) = build_with(&project, r#"{% import "_lib/same.j2" as say %}"#);
    assert_eq!(code, 0, "{stderr}");
}
