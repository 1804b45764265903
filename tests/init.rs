//! A new user's first steps, outside this repository: the binary alone (copied elsewhere, as
//! `cargo install` puts it) makes a project with `amicus init`, builds its documents with the
//! templates built into it, and a project's own template overrides only itself.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary copied into a folder of its own, with nothing of the repository beside it.
struct Installed {
    dir: tempfile::TempDir,
    binary: PathBuf,
}

impl Installed {
    fn new() -> Installed {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("bin/amicus");
        std::fs::create_dir_all(binary.parent().unwrap()).unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_amicus"), &binary).unwrap();
        Installed { dir, binary }
    }

    /// Runs the binary in `cwd`, as a user would: no `--root`, the date fixed a week after the
    /// example's verdict so that its appeal is still open.
    ///
    /// Another test copying its binary at the same moment may fork while that copy is open for
    /// writing, and the child holds it open until it execs: running this binary then fails with
    /// "text file busy" (ETXTBSY) for a moment, so it is tried again.
    fn run(&self, cwd: &Path, args: &[&str]) -> Output {
        let mut tries = 0;
        loop {
            let run = Command::new(&self.binary)
                .args(args)
                .args(["--color", "never"])
                .current_dir(cwd)
                .env("SOURCE_DATE_EPOCH", "1640131200")
                .output();
            match run {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                run => return run.unwrap(),
            }
        }
    }

    fn home(&self) -> &Path {
        self.dir.path()
    }
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn init_makes_a_project_that_builds_with_the_built_in_templates() {
    let amicus = Installed::new();
    let made = amicus.run(amicus.home(), &["init", "demo"]);
    assert!(made.status.success(), "{}", text(&made));
    let demo = amicus.home().join("demo");
    for file in [
        "cases/kanaliyev-2021.yaml",
        "cases/_shared/jurisdictions/kz.yaml",
        "cases/_shared/jurisdictions/by.yaml",
        "cases/_shared/senders/default.yaml",
        "schema/case.schema.json",
        "schema/sender.schema.json",
        ".gitignore",
    ] {
        assert!(demo.join(file).is_file(), "init did not write {file}");
    }
    assert!(!demo.join("templates").exists(), "the templates stay built in");
    // The schema lines of the files it wrote lead to the schemas it wrote.
    let case = std::fs::read_to_string(demo.join("cases/kanaliyev-2021.yaml")).unwrap();
    let schema = case.lines().next().unwrap().split("$schema=").nth(1).unwrap();
    assert!(demo.join("cases").join(schema).is_file(), "{schema}");

    let checked = amicus.run(&demo, &["check"]);
    assert!(checked.status.success(), "{}", text(&checked));
    let built = amicus.run(&demo, &["build"]);
    assert!(built.status.success(), "{}", text(&built));
    for document in ["fact-sheet.en.pdf", "fact-sheet.ru.pdf", "fact-sheet.kk.pdf", "appeal.ru.pdf", "wgad.en.pdf"] {
        let pdf = demo.join("out/kanaliyev-2021").join(document);
        assert!(pdf.is_file(), "no {document}: {}", text(&built));
    }
    let sheet = common::pdf_text(&demo.join("out/kanaliyev-2021/fact-sheet.en.pdf"));
    common::assert_holds(&sheet, &["Abzal KANALIYEV", "Aktau", "21 December 2021"], "the fact sheet");

    // From a folder inside the project, the project is found upward, as cargo finds its own.
    let listed = amicus.run(&demo.join("cases/_shared"), &["list"]);
    assert!(listed.status.success(), "{}", text(&listed));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("kanaliyev-2021"), "{}", text(&listed));

    // Above, a folder of papers that happens to hold `cases/` is not taken for a project.
    let papers = amicus.home().join("papers");
    std::fs::create_dir_all(papers.join("notes")).unwrap();
    std::fs::create_dir_all(papers.join("cases")).unwrap();
    std::fs::copy(demo.join("cases/kanaliyev-2021.yaml"), papers.join("cases/kanaliyev-2021.yaml")).unwrap();
    let listed = amicus.run(&papers.join("notes"), &["list"]);
    assert!(!String::from_utf8_lossy(&listed.stdout).contains("kanaliyev-2021"), "{}", text(&listed));

    // A second init changes nothing and says why.
    std::fs::write(demo.join("cases/_shared/senders/default.yaml"), "mine").unwrap();
    let again = amicus.run(amicus.home(), &["init", "demo"]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(text(&again).contains("holds an amicus project already"), "{}", text(&again));
    assert_eq!(std::fs::read_to_string(demo.join("cases/_shared/senders/default.yaml")).unwrap(), "mine");
}

#[test]
fn a_new_case_in_an_initialised_project_names_no_country_it_was_not_told() {
    let amicus = Installed::new();
    assert!(amicus.run(amicus.home(), &["init", "demo"]).status.success());
    let demo = amicus.home().join("demo");
    let made = amicus.run(&demo, &["new", "case", "doe-2024"]);
    assert!(made.status.success(), "{}", text(&made));
    let case = std::fs::read_to_string(demo.join("cases/doe-2024.yaml")).unwrap();
    assert!(
        case.contains("TODO: the id of a file in cases/_shared/jurisdictions/ (az, by, ge, kg, kz, ru, tj, tm, uz)"),
        "{case}"
    );
}

#[test]
fn an_exported_template_overrides_only_itself_and_export_keeps_what_the_project_has() {
    let amicus = Installed::new();
    assert!(amicus.run(amicus.home(), &["init", "demo"]).status.success());
    let demo = amicus.home().join("demo");

    let exported = amicus.run(&demo, &["templates", "export", "fact-sheet"]);
    assert!(exported.status.success(), "{}", text(&exported));
    for file in ["fact-sheet/en.typ.j2", "fact-sheet/kind.toml"] {
        assert!(demo.join("templates").join(file).is_file(), "export did not write {file}");
    }
    // The library stays built in, so that what a later amicus brings to it reaches the project.
    assert!(!demo.join("templates/appeal").exists(), "only the kind asked for");
    assert!(!demo.join("templates/_lib").exists(), "the library is exported only when asked for");
    let shipped = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/fact-sheet/en.typ.j2"));
    assert_eq!(std::fs::read_to_string(demo.join("templates/fact-sheet/en.typ.j2")).unwrap(), shipped.unwrap());

    // The organisation's own wording in its copy; the Russian sheet and every other kind stay
    // built in.
    let template = demo.join("templates/fact-sheet/en.typ.j2");
    let mine = std::fs::read_to_string(&template).unwrap() + "\nPrinted by the Demo Committee.\n";
    std::fs::write(&template, &mine).unwrap();
    let built = amicus.run(&demo, &["build", "--kind", "fact-sheet", "--kind", "wgad"]);
    assert!(built.status.success(), "{}", text(&built));
    let english = common::pdf_text(&demo.join("out/kanaliyev-2021/fact-sheet.en.pdf"));
    assert!(english.contains("Printed by the Demo Committee"), "{english}");
    let russian = common::pdf_text(&demo.join("out/kanaliyev-2021/fact-sheet.ru.pdf"));
    assert!(!russian.contains("Demo Committee") && russian.contains("Абзал КАНАЛИЕВ"), "{russian}");
    assert!(demo.join("out/kanaliyev-2021/wgad.en.pdf").is_file());

    // Exporting again keeps the changed file.
    let again = amicus.run(&demo, &["templates", "export"]);
    assert!(again.status.success(), "{}", text(&again));
    assert_eq!(std::fs::read_to_string(&template).unwrap(), mine);
    assert!(demo.join("templates/appeal/ru.typ.j2").is_file());

    let unknown = amicus.run(&demo, &["templates", "export", "fact-shet"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", text(&unknown));
    assert!(text(&unknown).contains("there is no kind `fact-shet`"), "{}", text(&unknown));
}

#[test]
fn an_error_in_a_projects_own_template_points_at_its_file() {
    let amicus = Installed::new();
    assert!(amicus.run(amicus.home(), &["init", "demo"]).status.success());
    let demo = amicus.home().join("demo");
    std::fs::create_dir_all(demo.join("templates/_lib")).unwrap();
    std::fs::write(demo.join("templates/_lib/style.typ"), "#let broken = (\n").unwrap();
    let built = amicus.run(&demo, &["build", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(built.status.code(), Some(1), "{}", text(&built));
    assert!(text(&built).contains("templates/_lib/style.typ"), "{}", text(&built));
    assert!(!text(&built).contains("<built-in>/templates/_lib/style.typ"), "{}", text(&built));
}

#[test]
fn outside_a_project_amicus_says_so_and_init_refuses_to_nest_one() {
    let amicus = Installed::new();
    let empty = amicus.home().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    for args in [&["build"][..], &["check"], &["templates", "export"]] {
        let run = amicus.run(&empty, args);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", text(&run));
        assert!(text(&run).contains("not an amicus project") && text(&run).contains("amicus init"), "{}", text(&run));
    }
    assert!(!empty.join("templates").exists(), "export wrote templates outside a project");

    assert!(amicus.run(amicus.home(), &["init", "demo"]).status.success());
    let nested = amicus.run(&amicus.home().join("demo/cases"), &["init", "inner"]);
    assert_eq!(nested.status.code(), Some(1), "{}", text(&nested));
    assert!(text(&nested).contains("inside an amicus project"), "{}", text(&nested));
    assert!(!amicus.home().join("demo/cases/inner").exists());
}
