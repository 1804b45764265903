//! Incremental and parallel builds: a document is built again only when something it is made
//! from changed, `--force` builds everything, documents typeset in parallel are the same as
//! documents typeset one at a time, and the summary says what happened.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::{Project, Run, pdf_text, walk};

/// The example project with the three-recipient CSV copied in, so tests can edit it.
fn project_with_recipients() -> Project {
    let project = Project::aktau();
    let csv = std::fs::read_to_string(common::fixture("recipients/three.csv"));
    project.write("meps.csv", &csv.unwrap());
    project
}

/// The documents a verbose run built, relative to the output folder.
fn built(run: &Run) -> BTreeSet<String> {
    assert_eq!(run.code(), 0, "{}\n{}", run.stdout(), run.stderr());
    run.stderr().lines().filter_map(|line| line.strip_prefix("built [root]/out/")).map(str::to_owned).collect()
}

fn build(project: &Project, extra: &[&str]) -> Run {
    let mut args = vec!["build", "-v", "--recipients", "meps.csv"];
    args.extend(extra);
    project.amicus(&args)
}

fn summary(run: &Run) -> String {
    run.stderr().lines().last().unwrap_or_default().to_owned()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

const KANALIYEV: [&str; 13] = [
    "kanaliyev-2021/appeal.en.pdf",
    "kanaliyev-2021/appeal.ru.pdf",
    "kanaliyev-2021/ep-brief.en.pdf",
    "kanaliyev-2021/fact-sheet.en.pdf",
    "kanaliyev-2021/fact-sheet.kk.pdf",
    "kanaliyev-2021/fact-sheet.ru.pdf",
    "kanaliyev-2021/mep-letter/hannah-testmann.en.pdf",
    "kanaliyev-2021/mep-letter/jan-voorbeeld.en.pdf",
    "kanaliyev-2021/mep-letter/marta-ejemplo.en.pdf",
    "kanaliyev-2021/special-procedures.en.pdf",
    "kanaliyev-2021/trial-sheet.en.pdf",
    "kanaliyev-2021/trial-sheet.ru.pdf",
    "kanaliyev-2021/wgad.en.pdf",
];

#[test]
fn an_unchanged_project_is_not_built_again_unless_forced() {
    let project = project_with_recipients();
    assert_eq!(built(&build(&project, &[])).len(), 28);
    let sheet = project.out("kanaliyev-2021/fact-sheet.en.pdf");
    let written = std::fs::metadata(&sheet).unwrap().modified().unwrap();

    let again = build(&project, &[]);
    assert_eq!(built(&again), BTreeSet::new());
    assert!(summary(&again).starts_with("0 built, 28 up to date, 0 failed in "), "{}", summary(&again));
    assert_eq!(std::fs::metadata(&sheet).unwrap().modified().unwrap(), written, "an up-to-date PDF was rewritten");

    let forced = build(&project, &["--force"]);
    assert_eq!(built(&forced).len(), 28);
    assert!(summary(&forced).starts_with("28 built, 0 up to date, 0 failed in "), "{}", summary(&forced));
    let shared = "[root]/out/kanaliyev-2021/mep-letter.en.typ";
    assert!(forced.stderr().contains(&format!("      from {shared}")), "letters name their source");

    // Page images are not PDFs: a preview is built, and leaves the PDFs up to date.
    let previews = project.amicus(&["build", "--format", "png", "--kind", "fact-sheet"]);
    assert!(summary(&previews).starts_with("6 built, 0 up to date"), "{}", summary(&previews));
    assert!(summary(&build(&project, &[])).starts_with("0 built, 28 up to date"));
}

#[test]
fn a_change_rebuilds_exactly_the_documents_it_reaches() {
    let project = project_with_recipients();
    built(&build(&project, &[]));

    // A case file: the documents of that case and the digests that include it, nothing else;
    // and of those, only the ones the change shows in: the Russian documents write the name in
    // Cyrillic, except the fact sheets, which also give it in Latin script.
    let case = project.path().join("cases/kanaliyev-2021.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(&case, text.replace("given: Abzal", "given: Abzall")).unwrap();
    let mut expected: BTreeSet<String> = set(&KANALIYEV).into_iter().filter(|d| d.contains(".en.")).collect();
    let sheets = ["kanaliyev-2021/fact-sheet.ru.pdf", "kanaliyev-2021/fact-sheet.kk.pdf"];
    expected.extend(set(&sheets).into_iter().chain(set(&["digests/aktau-2021-12.en.pdf"])));
    assert_eq!(built(&build(&project, &[])), expected);

    // A comment changes no document.
    std::fs::write(&case, format!("{}\n# reviewed\n", std::fs::read_to_string(&case).unwrap())).unwrap();
    assert_eq!(built(&build(&project, &[])), BTreeSet::new());

    // One recipient's row: that recipient's letters only.
    let csv = project.path().join("meps.csv");
    let rows = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(&csv, rows.replace("Marta Ejemplo,Ms,S&D", "Marta Ejemplo,Dr,S&D")).unwrap();
    let marta =
        set(&["ismakova-2021/mep-letter/marta-ejemplo.en.pdf", "kanaliyev-2021/mep-letter/marta-ejemplo.en.pdf"]);
    assert_eq!(built(&build(&project, &[])), marta);
    assert!(pdf_text(&project.out("kanaliyev-2021/mep-letter/marta-ejemplo.en.pdf")).contains("Dear Dr Ejemplo,"));

    // One kind's template: that kind only.
    let template = project.path().join("templates/wgad/en.typ.j2");
    std::fs::write(&template, format!("{}\nReviewed.\n", std::fs::read_to_string(&template).unwrap())).unwrap();
    assert_eq!(built(&build(&project, &[])), set(&["kanaliyev-2021/wgad.en.pdf", "ismakova-2021/wgad.en.pdf"]));

    // A word of one language: the documents that print it, not every document.
    let kazakh = project.path().join("templates/_lib/locale/kk.toml");
    let words = std::fs::read_to_string(&kazakh).unwrap();
    std::fs::write(&kazakh, words.replace("\"қараша\", \"желтоқсан\"]", "\"қараша\", \"Желтоқсан\"]")).unwrap();
    assert_eq!(
        built(&build(&project, &[])),
        set(&["kanaliyev-2021/fact-sheet.kk.pdf", "ismakova-2021/fact-sheet.kk.pdf"])
    );

    // The Typst style every template imports: everything.
    let style = project.path().join("templates/_lib/style.typ");
    std::fs::write(&style, format!("{}\n// reviewed\n", std::fs::read_to_string(&style).unwrap())).unwrap();
    assert_eq!(built(&build(&project, &[])).len(), 28);

    // A document deleted or replaced by hand: that one only.
    std::fs::remove_file(project.out("ismakova-2021/fact-sheet.ru.pdf")).unwrap();
    std::fs::write(project.out("digests/aktau-2021-12.en.pdf"), "edited").unwrap();
    assert_eq!(built(&build(&project, &[])), set(&["ismakova-2021/fact-sheet.ru.pdf", "digests/aktau-2021-12.en.pdf"]));
}

/// The count in the verbose note about documents rendered to find them up to date, if any.
fn rendered_unchanged(run: &Run) -> Option<usize> {
    let note = run.stderr().lines().find_map(|line| {
        line.strip_suffix(" up to date once rendered: files they are made from changed, not what they say")
            .map(str::to_owned)
    })?;
    note.strip_prefix("note: ")?.parse().ok()
}

#[test]
fn a_rebuild_renders_only_the_documents_whose_files_changed() {
    let project = project_with_recipients();
    built(&build(&project, &[]));
    // Nothing changed: every document is known up to date from its files' bytes, none rendered.
    let again = build(&project, &[]);
    assert_eq!(rendered_unchanged(&again), None, "{}", again.stderr());

    // A comment in a case file: that case's documents (not its letters) and the digest are
    // rendered to compare; none is built, and the next run knows them without rendering.
    let case = project.path().join("cases/kanaliyev-2021.yaml");
    std::fs::write(&case, format!("{}\n# reviewed\n", std::fs::read_to_string(&case).unwrap())).unwrap();
    let commented = build(&project, &[]);
    assert_eq!(built(&commented), BTreeSet::new());
    let not_letters = KANALIYEV.iter().filter(|d| !d.contains("/mep-letter/")).count();
    // The digest, in English and in Russian, selects among every case.
    assert_eq!(rendered_unchanged(&commented), Some(not_letters + 2), "{}", commented.stderr());
    assert_eq!(rendered_unchanged(&build(&project, &[])), None);

    // A shared file: what prints it is built again.
    let source = project.path().join("cases/_shared/sources/aktau-convictions-2021.yaml");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        text.replace("in the period 20-21 December 2021 in Aktau", "of 20 and 21 December 2021 in Aktau"),
    )
    .unwrap();
    let rebuilt = built(&build(&project, &[]));
    assert!(rebuilt.contains("kanaliyev-2021/fact-sheet.en.pdf"), "{rebuilt:?}");
    assert!(pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf")).contains("of 20 and 21 December 2021 in Aktau"));

    // A photo replaced by another picture under the same name: the documents that attach it
    // are built again, though not a character of their source changed.
    let photo = project.path().join("cases/photos/portrait.png");
    std::fs::create_dir_all(photo.parent().unwrap()).unwrap();
    std::fs::write(&photo, portrait(false)).unwrap();
    let case = project.path().join("cases/ismakova-2021.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    let alt = "{ en: Synthetic test portrait, ru: Тестовый портрет, kk: Сынақ портреті }";
    std::fs::write(&case, format!("{text}\nphoto:\n  file: photos/portrait.png\n  alt: {alt}\n")).unwrap();
    let with_photo = built(&build(&project, &[]));
    let attaching: BTreeSet<String> = with_photo.into_iter().filter(|d| !d.contains("/mep-letter/")).collect();
    assert!(attaching.contains("ismakova-2021/fact-sheet.kk.pdf"), "{attaching:?}");
    let before = std::fs::read(project.out("ismakova-2021/fact-sheet.en.pdf")).unwrap();
    std::fs::write(&photo, portrait(true)).unwrap();
    assert_eq!(built(&build(&project, &[])), attaching);
    assert_ne!(std::fs::read(project.out("ismakova-2021/fact-sheet.en.pdf")).unwrap(), before);
}

/// The test portrait, or another picture of the same size (each row's bytes reversed).
fn portrait(changed: bool) -> Vec<u8> {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/photo/portrait.png")).unwrap();
    if !changed {
        return bytes;
    }
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let row = info.line_size;
    for line in pixels.chunks_mut(row) {
        line.reverse();
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, info.width, info.height);
    encoder.set_color(info.color_type);
    encoder.set_depth(info.bit_depth);
    encoder.write_header().unwrap().write_image_data(&pixels).unwrap();
    out
}

#[test]
fn documents_typeset_in_parallel_are_the_same_as_one_at_a_time() {
    let project = project_with_recipients();
    let mut rows = String::from("name,title,committees\n");
    for i in 0..12 {
        rows.push_str(&format!("Member Number{i},Dr,{}\n", if i % 2 == 0 { "DROI" } else { "LIBE" }));
    }
    project.write("meps.csv", &rows);
    for (jobs, out) in [("1", "one"), ("4", "four")] {
        let run = project.amicus(&["build", "-q", "-j", jobs, "--recipients", "meps.csv", "--out", out]);
        assert_eq!(run.code(), 0, "{}", run.stderr());
    }
    let mut compared = 0;
    for entry in walk(&project.path().join("one")) {
        let relative = entry.strip_prefix(project.path().join("one")).unwrap();
        if relative.extension().is_some_and(|e| e == "pdf") {
            let other = project.path().join("four").join(relative);
            assert!(std::fs::read(&entry).unwrap() == std::fs::read(&other).unwrap(), "{} differs", relative.display());
            compared += 1;
        }
    }
    assert_eq!(compared, 22 + 24);
}

#[test]
fn a_failing_letter_keeps_its_source_and_the_other_letters_are_built() {
    let project = Project::aktau();
    let letters_of = |csv: &str| {
        project.write("meps.csv", csv);
        project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "mep-letter", "--recipients", "meps.csv"])
    };
    let good = "name,title\nHannah Testmann,Dr\nTest Kanji,Ms\n";
    assert_eq!(letters_of(good).code(), 0);
    let letters = project.out("kanaliyev-2021/mep-letter");
    let before = std::fs::read(letters.join("test-kanji.en.pdf")).unwrap();

    // No embedded font has these characters: this letter cannot be typeset.
    let run = letters_of("name,title\nHannah Testmann,Dr\nTest Kanji,\u{6F22}\u{5B57}\n");
    assert_eq!(run.code(), 1, "{}", run.stdout());
    let stderr = run.stderr();
    assert!(stderr.contains("no embedded font can draw `\u{6F22}`"), "{stderr}");
    assert!(stderr.contains("field `recipient.title`"), "the error names the field: {stderr}");
    assert!(stderr.contains("test-kanji.en.failed.typ"), "the error points at the kept module: {stderr}");
    let line = summary(&run);
    assert!(line.starts_with("0 built, 1 up to date, 1 failed in "), "{line}");
    assert!(line.ends_with("kanaliyev-2021 mep-letter to Test Kanji (en)"), "{line}");
    let module = std::fs::read_to_string(letters.join("test-kanji.en.failed.typ")).unwrap();
    assert!(module.contains("title: [\u{6F22}\u{5B57}]"), "{module}");
    assert_eq!(std::fs::read(letters.join("test-kanji.en.pdf")).unwrap(), before, "the last good letter stays");
    assert!(project.out("kanaliyev-2021/mep-letter.en.failed.typ").is_file(), "the shared source, for the errors");

    // Put back, the letter is up to date again and nothing suggests a failure any more.
    let run = letters_of(good);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(summary(&run).starts_with("0 built, 2 up to date, 0 failed"), "{}", summary(&run));
    assert!(!letters.join("test-kanji.en.failed.typ").exists());
    assert!(!project.out("kanaliyev-2021/mep-letter.en.failed.typ").exists());
}

#[test]
fn only_a_terminal_gets_a_progress_bar() {
    let project = Project::aktau();
    let piped = project.amicus(&["build"]);
    assert_eq!(piped.code(), 0);
    assert_eq!(piped.stdout(), "", "build's talk goes to stderr, as cargo's does");
    // Notes (the skipped letters, drafts, deadlines) and the summary: no progress in a pipe.
    let stderr = piped.stderr();
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines[..lines.len() - 1].iter().all(|l| l.starts_with("note: ")), "{stderr}");
    assert!(lines[lines.len() - 1].contains(" built, "), "{stderr}");
    assert!(!stderr.contains("/22 documents") && !stderr.contains('\r'), "a pipe gets no progress: {stderr}");

    // `script` runs the command on a pseudo-terminal and copies what it printed.
    // Dated as the project's other runs are (`Project::aktau`).
    let command = format!(
        "SOURCE_DATE_EPOCH=1640131200 {} build --force --root {}",
        env!("CARGO_BIN_EXE_amicus"),
        project.path().display()
    );
    let terminal = Command::new("script").args(["-qec", &command, "/dev/null"]).output().expect("script runs");
    let shown = String::from_utf8_lossy(&terminal.stdout);
    assert!(terminal.status.success(), "{shown}");
    assert!(shown.contains("/22 documents"), "no progress bar on a terminal:\n{shown}");
    assert!(shown.contains("22 built, 0 up to date, 0 failed in "), "{shown}");

    let quiet = format!("{command} -q");
    let terminal = Command::new("script").args(["-qec", &quiet, "/dev/null"]).output().expect("script runs");
    let shown = String::from_utf8_lossy(&terminal.stdout);
    assert!(!shown.contains("documents"), "-q shows no progress:\n{shown}");
}

#[test]
fn a_letter_template_that_asks_minijinja_for_the_recipient_is_told_where_it_is() {
    let project = Project::aktau();
    project.write("templates/note/kind.toml", "per_recipient = true\n");
    project.write("templates/note/en.typ.j2", "Dear {{ recipient.name }},\n");
    project.write("meps.csv", "name\nHannah Testmann\n");
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "note", "--recipients", "meps.csv"]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    assert!(stderr.contains("templates/note/en.typ.j2:1"), "{stderr}");
    assert!(stderr.contains("write `#recipient.name` (Typst)"), "{stderr}");

    // Written as the hint says, the letter is built and addressed.
    project.write(
        "templates/note/en.typ.j2",
        "#import \"/_recipient.typ\": recipient\n#set document(title: \"Note\")\nDear #recipient.name,\n",
    );
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "note", "--recipients", "meps.csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(pdf_text(&project.out("kanaliyev-2021/note/hannah-testmann.en.pdf")).contains("Dear Hannah Testmann,"));
}
