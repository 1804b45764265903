//! Authoring aids: the JSON Schema editors use, kept in sync and true to what amicus accepts.

mod common;

use common::Project;

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A YAML file as editors read it for their schema checks: YAML 1.2, where only `true` and
/// `false` are booleans.
fn yaml_as_json(path: &std::path::Path) -> serde_json::Value {
    yaml_text_as_json(&std::fs::read_to_string(path).unwrap())
}

fn yaml_text_as_json(text: &str) -> serde_json::Value {
    let mut yaml_1_2 = serde_saphyr::Options::default();
    yaml_1_2.strict_booleans = true;
    serde_saphyr::from_str_with_options(text, yaml_1_2).unwrap()
}

/// Each kind of file a user writes: its name for `amicus schema` and `amicus new`, its folder
/// under `cases/` and the first line its files begin with. Written out here rather than taken
/// from amicus, so that a wrong path in amicus fails.
const KINDS: [(&str, &str, &str); 6] = [
    ("case", "cases", "# yaml-language-server: $schema=../schema/case.schema.json"),
    (
        "jurisdiction",
        "cases/_shared/jurisdictions",
        "# yaml-language-server: $schema=../../../schema/jurisdiction.schema.json",
    ),
    (
        "organisation",
        "cases/_shared/organisations",
        "# yaml-language-server: $schema=../../../schema/organisation.schema.json",
    ),
    ("statement", "cases/_shared/statements", "# yaml-language-server: $schema=../../../schema/statement.schema.json"),
    ("source", "cases/_shared/sources", "# yaml-language-server: $schema=../../../schema/source.schema.json"),
    ("digest", "cases/_digests", "# yaml-language-server: $schema=../../schema/digest.schema.json"),
];

fn validator(kind: &str) -> jsonschema::Validator {
    let path = repo(&format!("schema/{kind}.schema.json"));
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{}: not a valid JSON Schema: {e}", path.display()))
}

/// The data files directly in a folder of the repository.
fn data_files(folder: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(repo(folder))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_committed_schemas_are_what_amicus_prints() {
    let project = Project::examples();
    for (kind, _, _) in KINDS {
        let run = project.amicus(&["schema", kind]);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        let committed = std::fs::read_to_string(repo(&format!("schema/{kind}.schema.json"))).unwrap();
        assert_eq!(
            run.stdout().trim(),
            committed.trim(),
            "schema/{kind}.schema.json is out of date: run `amicus schema {kind} > schema/{kind}.schema.json`"
        );
    }
    let default = project.amicus(&["schema"]);
    assert_eq!(default.stdout(), project.amicus(&["schema", "case"]).stdout(), "`amicus schema` is not the case's");
    assert_eq!(project.amicus(&["schema", "recipients"]).code(), 2);
}

#[test]
fn each_schema_accepts_the_examples_of_its_kind_and_rejects_what_amicus_rejects() {
    for (kind, folder, first_line) in KINDS {
        let validator = validator(kind);
        let files = data_files(folder);
        assert!(!files.is_empty(), "no example {kind} in {folder}");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let name = file.strip_prefix(repo("")).unwrap().display().to_string();
            assert_eq!(text.lines().next(), Some(first_line), "{name} does not point at its schema");
            let errors: Vec<String> = validator.iter_errors(&yaml_as_json(&file)).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}: {errors:#?}");
        }
    }
    let validator = validator("case");
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

/// Each fixture under `tests/fixtures/invalid-shared/`, named after its kind, is refused both
/// by amicus, where it belongs in a project, and by the kind's schema.
#[test]
fn shared_files_and_digests_amicus_refuses_the_schemas_refuse() {
    let fixtures = repo("tests/fixtures/invalid-shared");
    let mut names: Vec<String> =
        std::fs::read_dir(&fixtures).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    for (kind, folder, _) in KINDS.iter().skip(1) {
        let of_kind: Vec<&String> = names.iter().filter(|n| n.starts_with(&format!("{kind}-"))).collect();
        assert!(!of_kind.is_empty(), "no invalid {kind} among the fixtures");
        let validator = validator(kind);
        for name in of_kind {
            let value = yaml_as_json(&fixtures.join(name));
            assert!(!validator.is_valid(&value), "schema/{kind}.schema.json accepts {name}");
            let project = Project::examples();
            let relative = format!("{folder}/{name}");
            project.write(&relative, &std::fs::read_to_string(fixtures.join(name)).unwrap());
            let run = project.amicus(&["check"]);
            assert_eq!(run.code(), 1, "amicus accepts {name}:\n{}", run.stderr());
            assert!(run.stderr().contains(&format!("[root]/{relative}:")), "{name} is not located:\n{}", run.stderr());
        }
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
    assert!(!check.stderr().contains("error:"), "{}", check.stderr());
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
    // The project knows nine countries: the new case names none of them until told, and
    // `check` says which there are, rather than the case taking Kazakhstan's law silently.
    let check = project.amicus(&["check", "cases/roe-2024.yaml"]);
    assert_eq!(check.code(), 1, "{}", check.stderr());
    assert!(
        check.stderr().contains("there is no jurisdiction with the id `TODO")
            && check.stderr().contains("known ids: az, by, ge, kg, kz, ru, tj, tm, uz"),
        "{}",
        check.stderr()
    );
    let choose_jurisdiction = |file: &str| {
        let blank = std::fs::read_to_string(project.path().join(file)).unwrap();
        let chosen: Vec<&str> = blank
            .lines()
            .map(|line| if line.starts_with("jurisdiction:") { "jurisdiction: kg" } else { line })
            .collect();
        project.write(file, &chosen.join("\n"));
    };
    choose_jurisdiction("cases/roe-2024.yaml");
    assert_eq!(project.amicus(&["check", "cases/roe-2024.yaml"]).code(), 0);

    // A trial of several: each person under `defendants`, a row each in the readiness table.
    assert_eq!(project.amicus(&["new", "case", "trial-2024", "--defendants", "3"]).code(), 0);
    let trial = std::fs::read_to_string(project.path().join("cases/trial-2024.yaml")).unwrap();
    assert_eq!(trial.matches("  - id: defendant-").count(), 3, "{trial}");
    choose_jurisdiction("cases/trial-2024.yaml");
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

/// `amicus new <kind> ID` for each file a case refers to: a skeleton in the kind's folder,
/// pointing at its schema and valid under it, that `check` accepts with a warning per TODO,
/// and that a case may cite at once.
#[test]
fn new_shared_files_and_digests_are_skeletons_that_check_accepts() {
    // Without a `_digests` folder yet: `new digest` makes it.
    let project = Project::templates_only();
    for (kind, folder, first_line) in KINDS.iter().skip(1) {
        let id = format!("new-{kind}");
        let run = project.amicus(&["new", kind, &id]);
        assert_eq!(run.code(), 0, "new {kind}: {}", run.stderr());
        let relative = format!("{folder}/{id}.yaml");
        assert!(run.stderr().contains(&relative), "{}", run.stderr());
        let path = project.path().join(&relative);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("new {kind} wrote no {relative}"));
        assert_eq!(text.lines().next(), Some(*first_line), "{relative}");
        assert!(text.contains("TODO"), "{relative} says nothing to fill in:\n{text}");
        let errors: Vec<String> = validator(kind).iter_errors(&yaml_as_json(&path)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{relative} breaks its schema: {errors:#?}");

        // Never overwritten, whatever the format of the file holding the id.
        std::fs::write(&path, "edited by hand\n").unwrap();
        let again = project.amicus(&["new", kind, &id]);
        assert_eq!(again.code(), 1, "new {kind} twice: {}", again.stderr());
        assert!(
            again.stderr().contains(&format!("[root]/{relative}"))
                && again.stderr().contains("exists already; amicus does not overwrite it")
                && again.stderr().contains("hint: choose another id"),
            "{}",
            again.stderr()
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by hand\n");
        std::fs::write(&path, text).unwrap();
        assert_eq!(project.amicus(&["new", kind, "New Id"]).code(), 2);
    }
    std::fs::rename(
        project.path().join("cases/_shared/sources/new-source.yaml"),
        project.path().join("cases/_shared/sources/new-source.json"),
    )
    .unwrap();
    assert_eq!(project.amicus(&["new", "source", "new-source"]).code(), 1, "a JSON source was shadowed");
    std::fs::rename(
        project.path().join("cases/_shared/sources/new-source.json"),
        project.path().join("cases/_shared/sources/new-source.yaml"),
    )
    .unwrap();

    // A case citing the new jurisdiction, statement and source, in the new digest.
    assert_eq!(project.amicus(&["new", "case", "doe-2024"]).code(), 0);
    let case = project.path().join("cases/doe-2024.yaml");
    let text = std::fs::read_to_string(&case)
        .unwrap()
        .lines()
        .map(|line| if line.starts_with("jurisdiction:") { "jurisdiction: new-jurisdiction" } else { line })
        .collect::<Vec<_>>()
        .join("\n")
        .replacen("statements: []", "statements: [new-statement]", 1)
        .replacen("sources: []", "sources: [new-source]", 1)
        .replacen("acts: []", "acts: [{ kind: post, text: a post, organisations: [new-organisation] }]", 1);
    std::fs::write(&case, text).unwrap();
    let digest = project.path().join("cases/_digests/new-digest.yaml");
    let text = std::fs::read_to_string(&digest).unwrap().replacen("cases: []", "cases: [doe-2024]", 1);
    std::fs::write(&digest, text).unwrap();

    let check = project.amicus(&["check"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    assert!(!check.stderr().contains("error:"), "{}", check.stderr());
    for (kind, folder, _) in KINDS.iter().skip(1) {
        // One warning per TODO line, each at its line: a skeleton says what is left to write.
        let file = format!("[root]/{folder}/new-{kind}.yaml:");
        assert!(check.stderr().contains(&file), "no warning about the new {kind}:\n{}", check.stderr());
    }
    // The statement's date cannot be a TODO text: its TODO is a comment, and warns as well.
    assert!(check.stderr().contains("date: 1970-01-01   # TODO"), "{}", check.stderr());
    assert!(check.stderr().contains("1 digest checked"), "{}", check.stderr());
}

/// A prison term counted from the verdict, of someone held before it, with nothing credited:
/// its end is later than the law's, and the line says what to give.
#[test]
fn deadlines_say_when_custody_before_the_verdict_is_not_deducted() {
    let project = Project::examples();
    let run = project.amicus(&["deadlines", "--today", "2026-12-01", "cases/temirov-live-2024.yaml"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let stdout = run.stdout();
    let line = stdout.lines().find(|l| l.contains("ishenbekov")).expect("Ishenbekov's end of term");
    assert!(
        line.ends_with(
            "end of imprisonment (counted from the verdict; the custody before the verdict is not deducted: give \
             the sentence's `credit` or `counted_from`)"
        ),
        "{line}"
    );
    // Probation is not served in custody: nothing to deduct.
    let probation = stdout.lines().find(|l| l.contains("beishekeeva")).expect("Beishekeeva's end of probation");
    assert!(probation.ends_with("end of probation (counted from the verdict)"), "{probation}");
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

    // Read back with the parser of the crate that wrote it, after checking what that parser
    // forgives: every line ends in CRLF and none is longer than 75 octets.
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "CRLF line ends");
    assert!(text.split("\r\n").all(|line| line.len() <= 75), "folded at 75 octets");
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("the calendar parses");
    let events: Vec<_> = calendar.components.iter().filter(|c| c.name == "VEVENT").collect();
    assert_eq!(events.len(), 6);
    let property = |event: &icalendar::parser::Component, name: &str| {
        event.find_prop(name).map(|p| p.val.as_str().to_owned()).unwrap_or_default()
    };
    assert_eq!(property(events[0], "DTSTART"), "20220104");
    assert_eq!(property(events[0], "DTEND"), "20220105", "an all-day event ends the next day");
    assert_eq!(property(events[0], "DTSTAMP"), "20230101T000000Z", "stamped with the given day, not the clock");
    assert_eq!(
        property(events[0], "SUMMARY"),
        "Aizhan Ismakova: last day to appeal (15 days after the verdict, not verified)"
    );
    assert!(unfolded.contains("verdict\\, not verified"), "a comma in text is escaped");
    assert_eq!(
        property(events[0], "DESCRIPTION"),
        "Case file ismakova-2021. Court that delivered the verdict: not known."
    );
    // A reminder three days before an appeal deadline.
    let alarms: Vec<_> = events[0].components.iter().filter(|c| c.name == "VALARM").collect();
    assert_eq!(alarms.len(), 1);
    assert_eq!(property(alarms[0], "TRIGGER"), format!("-PT{}S", 3 * 24 * 3600));
    assert_eq!(property(alarms[0], "ACTION"), "DISPLAY");
    // The same cases and day make the same file: nothing from the clock, nothing random.
    let again = project.path().join("again.ics");
    project.amicus(&["deadlines", "--today", "2023-01-01", "--ics", again.to_str().unwrap(), aktau[0], aktau[1]]);
    assert_eq!(std::fs::read_to_string(&again).unwrap(), text);
    assert_eq!(property(events[5], "DTSTART"), "20240621");

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
    for word in ["_amicus()", "build", "check", "deadlines", "--recipients", "jurisdiction", "organisation", "digest"] {
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
    assert_eq!(quiet.stdout(), "");
    let stderr = quiet.stderr();
    assert_eq!(stderr.lines().count(), 1, "quiet prints only the summary: {stderr}");
    assert!(stderr.starts_with("6 built, 0 up to date, 0 failed in "), "{stderr}");
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

/// The schema editors check with and amicus's loader read a value the same way: YAML 1.2
/// booleans, numbers where text is due, a comma that splits a text. Each line of an example
/// case is changed in turn, and both must accept it or both refuse it, as the table says.
/// (One difference is left: the loader reads a quoted `"true"` as true where the schema wants
/// it unquoted; the meaning is the same either way.)
#[test]
fn the_schema_and_the_loader_agree_on_every_type() {
    const CASE: &str = "cases/prokopyeva-2020.yaml";
    const ROLE: &str = "  role: { en: journalist, ru: журналистка }";
    const ARTICLE: &str = "    article: \"205.2\"";
    // (the line as the example writes it, the line changed, whether it is valid)
    let changes: [(&str, &str, bool); 10] = [
        ("not_arrested: true", "not_arrested: yes", false),
        ("not_arrested: true", "not_arrested: on", false),
        ("not_arrested: true", "not_arrested: True", true),
        (ROLE, "  role: no", true),
        (ROLE, "  role: off", true),
        (ROLE, "  role: 1984", false),
        (ROLE, "  role: { en: 65,000 roubles }", false),
        (ROLE, "  role: { en: \"65,000 roubles\" }", true),
        (ARTICLE, "    article: 205.2", false),
        (ARTICLE, "    article: 2052", true),
    ];
    let original = std::fs::read_to_string(repo(CASE)).unwrap();
    let validator = validator("case");
    for (from, to, valid) in changes {
        assert!(original.contains(&format!("\n{from}")), "{CASE} no longer has the line `{from}`");
        let changed = original.replacen(&format!("\n{from}"), &format!("\n{to}"), 1);
        let project = Project::examples();
        project.write(CASE, &changed);
        let schema_valid = validator.is_valid(&yaml_text_as_json(&changed));
        let run = project.amicus(&["check", CASE]);
        let loader_valid = run.code() == 0;
        assert_eq!(schema_valid, valid, "`{to}`: the schema says valid = {schema_valid}");
        assert_eq!(loader_valid, valid, "`{to}`: amicus says valid = {loader_valid}:\n{}", run.stderr());
        let hint = match to {
            _ if valid => continue,
            _ if to.contains(",000") => "a comma inside `{ ... }` ends a value, so YAML read only `65`",
            _ if to.starts_with("not_arrested") => "write `true` or `false`",
            _ => "put it in quotes",
        };
        assert!(run.stderr().contains(hint), "`{to}` is refused without the hint `{hint}`:\n{}", run.stderr());
    }

    // Of a confidential field, neither the message nor a hint repeats the value.
    let secret = original.replacen(
        "    role: { en: defence counsel, ru: защитник }",
        "    role: { en: 77012345678, ru: защитник }",
        1,
    );
    assert_ne!(secret, original);
    let project = Project::examples();
    project.write(CASE, &secret);
    let run = project.amicus(&["check", CASE]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(!run.stderr().contains("77012345678"), "{}", run.stderr());
}

/// A status given as of a day the file's own record has gone past is named, with the later
/// entry: documents would print "In exile (as of 30 September 2022)" beside a 2023 verdict.
#[test]
fn check_names_a_status_older_than_the_record() {
    let project = Project::examples();
    let path = project.path().join("cases/viasna-2023.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("status_as_of: 2023-04-21"), "the example changed");
    std::fs::write(&path, text.replace("status_as_of: 2023-04-21", "status_as_of: 2022-09-30")).unwrap();
    let check = project.amicus(&["check", "cases/viasna-2023.yaml"]);
    assert_eq!(check.code(), 0, "a warning, not an error: {}", check.stderr());
    assert!(
        check.stderr().contains(
            "warning: the status `in_exile` is given as of 2022-09-30, but the file records a decision on \
             2023-03-03, after it"
        ) && check.stderr().contains("field `defendants[3].status_as_of`"),
        "{}",
        check.stderr()
    );
    // The appeal of 21 April 2023 upheld the verdict: a decision that changed nothing does not
    // date a status after the verdict.
    std::fs::write(&path, text.replace("status_as_of: 2023-04-21", "status_as_of: 2023-03-10")).unwrap();
    let check = project.amicus(&["check", "cases/viasna-2023.yaml"]);
    assert!(!check.stderr().contains("but the file records"), "{}", check.stderr());
    // As the example has it, no later record to name (its age is another warning).
    std::fs::write(&path, text).unwrap();
    let check = project.amicus(&["check", "cases/viasna-2023.yaml"]);
    assert!(!check.stderr().contains("but the file records"), "{}", check.stderr());
}
