//! Authoring aids: the JSON Schema editors use, kept in sync and true to what amicus accepts.

mod common;

use common::Project;

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn yaml_as_json(path: &std::path::Path) -> serde_json::Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_committed_schema_is_what_amicus_prints() {
    let run = Project::examples().amicus(&["schema"]);
    assert_eq!(run.code(), 0);
    let committed = std::fs::read_to_string(repo("schema/case.schema.json")).unwrap();
    assert_eq!(run.stdout().trim(), committed.trim(), "run `amicus schema > schema/case.schema.json`");
}

#[test]
fn the_schema_accepts_the_examples_and_rejects_what_amicus_rejects() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo("schema/case.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for case in ["cases/ismakova-2021.yaml", "cases/kanaliyev-2021.yaml"] {
        let text = std::fs::read_to_string(repo(case)).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/case.schema.json\n"),
            "{case} does not point at the schema"
        );
        let value = yaml_as_json(&repo(case));
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{case}: {errors:#?}");
    }
    for fixture in [
        "unknown-field.yaml",
        "unknown-variant.yaml",
        "nested-unknown-field.yaml",
        "empty-text-map.yaml",
        "bad-language-key.yaml",
    ] {
        let value = yaml_as_json(&repo(&format!("tests/fixtures/invalid/{fixture}")));
        assert!(!validator.is_valid(&value), "the schema accepts {fixture}, which amicus rejects");
    }
}

#[test]
fn check_prints_a_readiness_table_per_case_and_kind() {
    let project = Project::examples();
    // Without its appeal section, one case cannot have an appeal.
    project.cut_block("cases/ismakova-2021.yaml", "appeal");
    let run = project.amicus(&["check"]);
    assert_eq!(run.code(), 0, "a kind that cannot be built is shown, not an error: {}", run.stderr());
    insta::assert_snapshot!("check_table", run.stdout());
    let verbose = project.amicus(&["check", "-v"]).stdout();
    assert!(verbose.contains("ismakova-2021 · appeal: CANNOT be built"), "{verbose}");
    assert!(verbose.contains("required, missing: appeal.requests"), "{verbose}");
}

#[test]
fn new_case_writes_a_skeleton_that_check_accepts_with_warnings() {
    let project = Project::examples();
    let run = project.amicus(&["new", "case", "doe-2024", "--from", "kanaliyev-2021"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = std::fs::read_to_string(project.path().join("cases/doe-2024.yaml")).unwrap();
    assert!(text.contains("place: { en: \"Aktau\", kk: \"Ақтау\", ru: \"Актау\" }"), "{text}");
    assert!(text.contains("statements: [ep-2021-02-11]"), "{text}");
    let check = project.amicus(&["check", "cases/doe-2024.yaml"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    assert!(
        check.stderr().contains("warning: this is still a placeholder (`TODO`) (field `person.role`)"),
        "{}",
        check.stderr()
    );
    assert!(!check.stderr().contains("error"), "{}", check.stderr());
    assert!(check.stdout().contains("doe-2024  does not apply  BLOCKED"), "{}", check.stdout());

    // The skeleton follows the schema too.
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo("schema/case.schema.json")).unwrap()).unwrap();
    assert!(
        jsonschema::validator_for(&schema)
            .unwrap()
            .is_valid(&yaml_as_json(&project.path().join("cases/doe-2024.yaml")))
    );

    assert_eq!(project.amicus(&["new", "case", "doe-2024"]).code(), 1, "an existing file was overwritten");
    assert_eq!(project.amicus(&["new", "case", "Doe 2024"]).code(), 2);
    assert_eq!(project.amicus(&["new", "case", "x-2024", "--from", "nobody"]).code(), 2);
    let blank = project.amicus(&["new", "case", "roe-2024"]);
    assert_eq!(blank.code(), 0);
    assert_eq!(project.amicus(&["check", "cases/roe-2024.yaml"]).code(), 0);

    // A trial of several: each person under `defendants`, a row each in the readiness table.
    assert_eq!(project.amicus(&["new", "case", "trial-2024", "--defendants", "3"]).code(), 0);
    let trial = std::fs::read_to_string(project.path().join("cases/trial-2024.yaml")).unwrap();
    assert_eq!(trial.matches("  - id: defendant-").count(), 3, "{trial}");
    let check = project.amicus(&["check", "cases/trial-2024.yaml"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    for person in ["trial-2024/defendant-1", "trial-2024/defendant-2", "trial-2024/defendant-3"] {
        assert!(check.stdout().contains(person), "{}", check.stdout());
    }
    assert!(
        jsonschema::validator_for(&schema)
            .unwrap()
            .is_valid(&yaml_as_json(&project.path().join("cases/trial-2024.yaml")))
    );
}

#[test]
fn deadlines_as_a_table_and_a_calendar_that_parses() {
    let project = Project::examples();
    let ics = project.path().join("deadlines.ics");
    let aktau = ["cases/ismakova-2021.yaml", "cases/kanaliyev-2021.yaml"];
    let run =
        project.amicus(&["deadlines", "--today", "2023-01-01", "--ics", ics.to_str().unwrap(), aktau[0], aktau[1]]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    insta::assert_snapshot!("deadlines_table", run.stdout().replace(ics.to_str().unwrap(), "[ics]"));

    let reader = ical::IcalParser::new(std::io::BufReader::new(std::fs::File::open(&ics).unwrap()));
    let calendars: Vec<_> = reader.map(|c| c.expect("the calendar parses")).collect();
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    assert_eq!(events.len(), 6);
    let property = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
    };
    assert_eq!(property(&events[0], "DTSTART"), "20220104");
    assert_eq!(
        property(&events[0], "SUMMARY"),
        "Aizhan Ismakova: last day to appeal (15 days after the verdict\\, not verified)"
    );
    assert_eq!(
        property(&events[0], "DESCRIPTION"),
        "Case file ismakova-2021. Court that delivered the verdict: not known."
    );
    // A reminder three days before an appeal deadline.
    assert_eq!(events[0].alarms.len(), 1);
    let trigger = events[0].alarms[0].properties.iter().find(|p| p.name == "TRIGGER").and_then(|p| p.value.clone());
    assert_eq!(trigger.as_deref(), Some("-P3D"));
    assert_eq!(property(&events[5], "DTSTART"), "20240621");

    let upcoming = project.amicus(&["deadlines", "--today", "2023-01-01", "--upcoming"]).stdout();
    assert_eq!(upcoming.lines().count(), 2, "{upcoming}");
    assert!(!upcoming.contains("passed"));
    // A folder that does not exist is a mistake to report, not a folder to make.
    let missing = project.path().join("no-such-folder/deadlines.ics");
    let run = project.amicus(&["deadlines", "--ics", missing.to_str().unwrap()]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("the folder [root]/no-such-folder does not exist"), "{}", run.stderr());
    assert!(!project.path().join("no-such-folder").exists());
}

#[test]
fn completions_man_page_help_and_quiet() {
    let project = Project::examples();
    let bash = project.amicus(&["completions", "bash"]);
    assert_eq!(bash.code(), 0);
    for word in ["_amicus()", "build", "check", "deadlines", "--recipients"] {
        assert!(bash.stdout().contains(word), "the bash completion lacks {word}");
    }
    let version = project.amicus(&["--version"]).stdout();
    assert!(version.starts_with("amicus ") && version.contains("(Typst 0.15"), "{version}");
    let zsh = project.amicus(&["completions", "zsh"]).stdout();
    assert!(zsh.contains("#compdef amicus"));
    // Kinds and languages are words, not file names: completion offers no files for them.
    for line in zsh.lines().filter(|l| l.contains("'*--kind=") || l.contains("'*--lang=")) {
        assert!(!line.contains("_default") && !line.contains("_files"), "{line}");
    }
    let man = project.amicus(&["man"]).stdout();
    assert!(man.contains(".TH amicus 1") && man.contains("deadlines"), "{man}");
    for command in ["build", "check", "list", "schema", "new", "deadlines", "completions", "man"] {
        let help = project.amicus(&[command, "--help"]).stdout();
        assert!(help.contains("Examples:"), "`amicus {command} --help` has no examples:\n{help}");
    }
    let quiet = project.amicus(&[
        "-q",
        "build",
        "--kind",
        "fact-sheet",
        "cases/ismakova-2021.yaml",
        "cases/kanaliyev-2021.yaml",
    ]);
    assert_eq!(quiet.code(), 0);
    let stdout = quiet.stdout();
    assert_eq!(stdout.lines().count(), 1, "quiet prints only the summary: {stdout}");
    assert!(stdout.starts_with("6 built, 0 up to date, 0 failed in "), "{stdout}");
}

#[test]
fn build_writes_png_previews_or_only_typst_source_on_request() {
    let project = Project::aktau();
    let run = project.amicus(&[
        "build",
        "cases/kanaliyev-2021.yaml",
        "--kind",
        "fact-sheet",
        "--kind",
        "wgad",
        "--format",
        "png",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let decode = |path: &str| {
        let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(project.out(path)).unwrap()));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut pixels).expect("the image decodes");
        (frame.width, frame.height)
    };
    // A4 at 144 pixels per inch.
    assert_eq!(decode("kanaliyev-2021/fact-sheet.en.png"), (1191, 1684));
    assert_eq!(decode("kanaliyev-2021/wgad.en-1.png"), (1191, 1684));
    assert!(project.out("kanaliyev-2021/wgad.en-2.png").is_file());
    assert!(!project.out("kanaliyev-2021/fact-sheet.en.pdf").exists());

    let run = project.amicus(&["build", "cases/ismakova-2021.yaml", "--format", "typ"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(project.out("ismakova-2021/appeal.ru.typ").is_file());
    assert!(!project.out("ismakova-2021/appeal.ru.pdf").exists());
}

#[cfg(unix)]
#[test]
fn watch_rebuilds_the_changed_case_and_stops_cleanly_on_ctrl_c() {
    use std::time::{Duration, Instant};
    let project = Project::examples();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(["watch", "--kind", "fact-sheet", "--lang", "en", "--root", project.path().to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let kanaliyev = project.out("kanaliyev-2021/fact-sheet.en.pdf");
    let ismakova = project.out("ismakova-2021/fact-sheet.en.pdf");
    let wait_for = |what: &str, done: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !done() {
            assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("the first build", &|| kanaliyev.is_file() && ismakova.is_file());
    // Let the watcher settle, then save a change to one case.
    std::thread::sleep(Duration::from_millis(700));
    let before = std::fs::read(&kanaliyev).unwrap();
    let untouched = std::fs::metadata(&ismakova).unwrap().modified().unwrap();
    let path = project.path().join("cases/kanaliyev-2021.yaml");
    let text =
        std::fs::read_to_string(&path).unwrap().replace("    en: civil activist\n", "    en: civil rights activist\n");
    std::fs::write(&path, text).unwrap();
    wait_for("the rebuild", &|| std::fs::read(&kanaliyev).is_ok_and(|now| now != before));
    assert!(common::pdf_text(&kanaliyev).contains("Civil rights activist"));
    assert_eq!(std::fs::metadata(&ismakova).unwrap().modified().unwrap(), untouched, "an unaffected case was rebuilt");

    // SAFETY: sends SIGINT (Ctrl-C) to the child this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "watch did not stop cleanly");
}

/// Page images follow the document: when it shrinks from three pages to two, the third image
/// goes (a stale `-3.png` once stayed beside the new two).
#[test]
fn page_images_of_a_shrunk_document_do_not_stay() {
    let project = Project::examples();
    let pages = |n: usize| {
        let body = vec!["Page."; n].join("\n#pagebreak()\n");
        format!("#set document(title: \"Probe\")\n#set text(lang: \"en\")\n{body}\n")
    };
    project.write("templates/probe/en.typ.j2", &pages(3));
    let run = project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "probe", "--format", "png"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(project.out("ismakova-2021/probe.en-3.png").is_file());
    project.write("templates/probe/en.typ.j2", &pages(2));
    let run = project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "probe", "--format", "png"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(project.out("ismakova-2021/probe.en-2.png").is_file());
    assert!(!project.out("ismakova-2021/probe.en-3.png").exists(), "the third page's image stayed");
    project.write("templates/probe/en.typ.j2", &pages(1));
    let run = project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "probe", "--format", "png"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(project.out("ismakova-2021/probe.en.png").is_file());
    assert!(
        !project.out("ismakova-2021/probe.en-1.png").exists() && !project.out("ismakova-2021/probe.en-2.png").exists()
    );
}
