//! The command line as users meet it: exit codes, located errors, batches that survive a
//! broken file, template and Typst errors that point at the template line.

mod common;

use common::{Project, walk};

const GOOD_CASE: &str = "cases/ismakova-2021.yaml";

#[test]
fn check_accepts_the_examples() {
    let run = Project::examples().amicus(&["check"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("6 cases, 1 digest checked: 0 errors"), "{}", run.stderr());
}

#[test]
fn list_names_cases_digests_and_kinds() {
    let run = Project::examples().amicus(&["list"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let stdout = run.stdout();
    for expected in [
        "kanaliyev-2021",
        "Abzal Kanaliyev",
        "aktau-2021-12",
        "ismakova-2021, kanaliyev-2021",
        "fact-sheet",
        "per digest",
    ] {
        assert!(stdout.contains(expected), "`{expected}` missing from:\n{stdout}");
    }
}

#[test]
fn a_malformed_file_is_located_and_fails_the_run() {
    let project = Project::templates_only();
    project.write("cases/bad-2022.yaml", "id: bad-2022\njurisdiction: kz\nplace: [unclosed\n");
    let run = project.amicus(&["build"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("[root]/cases/bad-2022.yaml:3:"), "{}", run.stderr());
}

#[test]
fn one_broken_case_does_not_stop_the_others() {
    let project = Project::examples();
    let broken = std::fs::read_to_string(project.path().join(GOOD_CASE))
        .unwrap()
        .replace("date: 2021-12-20", "date: 2021-13-45");
    project.write("cases/ismakova-2021.yaml", &broken);
    let run = project.amicus(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stdout());
    let stderr = run.stderr();
    assert!(stderr.contains("`2021-13-45` is not a real calendar date"), "{stderr}");
    assert!(stderr.contains("ismakova-2021.yaml:"), "{stderr}");
    assert!(project.out("kanaliyev-2021/fact-sheet.en.pdf").is_file());
    assert!(project.out("kanaliyev-2021/fact-sheet.ru.pdf").is_file());
    // The digest selects only cases that loaded; no temporary file is left behind anywhere.
    for entry in walk(&project.path().join("out")) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "temporary file left: {name}");
    }
}

#[test]
fn an_error_in_a_checked_case_keeps_its_old_documents() {
    let project = Project::examples();
    assert_eq!(project.amicus(&["build", GOOD_CASE, "--kind", "fact-sheet"]).code(), 0);
    let pdf = project.out("ismakova-2021/fact-sheet.en.pdf");
    let before = std::fs::read(&pdf).unwrap();
    let broken = std::fs::read_to_string(project.path().join(GOOD_CASE))
        .unwrap()
        .replace("statements: [ep-2021-02-11]", "statements: [ep-2021-02-12]");
    project.write(GOOD_CASE, &broken);
    let run = project.amicus(&["build", GOOD_CASE, "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("there is no statement with the id `ep-2021-02-12`"), "{}", run.stderr());
    assert!(run.stderr().contains("did you mean `ep-2021-02-11`?"), "{}", run.stderr());
    assert_eq!(std::fs::read(&pdf).unwrap(), before, "the earlier PDF was lost");
}

#[test]
fn unknown_kind_or_language_is_a_usage_error() {
    let project = Project::examples();
    let run = project.amicus(&["build", "--kind", "fact-shet"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("did you mean `fact-sheet`?"), "{}", run.stderr());
    assert_eq!(project.amicus(&["build", "--lang", "xx"]).code(), 2);
    assert_eq!(project.amicus(&["build", "--no-such-flag"]).code(), 2);
    assert!(!project.path().join("out").exists(), "a usage error still built something");
}

#[test]
fn a_template_error_names_the_template_line() {
    let project = Project::examples();
    let run = project.build_kind(GOOD_CASE, "broken", "Line one\n{{ case.person.no_such_field }}\n");
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("[root]/templates/broken/en.typ.j2:2:"), "{}", run.stderr());
}

#[test]
fn a_typst_error_names_the_kept_source_and_the_template_line() {
    let project = Project::examples();
    let run = project.build_kind(GOOD_CASE, "broken", "= {{ case.person.name.full }}\n\n#no-such-function()\n");
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    assert!(stderr.contains("unknown variable: no-such-function"), "{stderr}");
    assert!(stderr.contains("[root]/out/ismakova-2021/broken.en.failed.typ:3:"), "{stderr}");
    assert!(stderr.contains("[root]/templates/broken/en.typ.j2:3:"), "{stderr}");
    assert!(project.out("ismakova-2021/broken.en.failed.typ").is_file(), "the failed source was not kept");
    assert!(!project.out("ismakova-2021/broken.en.typ").exists(), "a .typ without its PDF");
}

#[test]
fn an_unknown_font_is_an_error() {
    let project = Project::examples();
    let template = "#set text(font: \"No Such Font\", fallback: false)\n{{ case.person.name.full }}\n";
    let run = project.build_kind(GOOD_CASE, "broken", template);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("unknown font family"), "{}", run.stderr());
}

#[test]
fn a_fact_sheet_that_overflows_one_page_fails() {
    let project = Project::templates_only();
    let long = "the very long story ".repeat(600);
    let case = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/cases/ismakova-2021.yaml"))
        .unwrap()
        .replace("      en: criticising the authorities", &format!("      en: {long}"));
    project.write("cases/long-2021.yaml", &case.replace("id: ismakova-2021", "id: long-2021"));
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("this kind must fit on 1"), "{}", run.stderr());
    assert!(!project.out("long-2021/fact-sheet.en.pdf").exists());
}

#[test]
fn a_missing_translation_is_a_located_warning_not_a_silent_mix() {
    let project = Project::examples();
    let case = std::fs::read_to_string(project.path().join(GOOD_CASE))
        .unwrap()
        .replace("    ru: гражданская активистка\n", "")
        .replace("    ru: { given: Айжан, family: Исмакова }\n", "");
    project.write(GOOD_CASE, &case);
    let run = project.amicus(&["build", GOOD_CASE, "--kind", "fact-sheet", "--lang", "ru"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let stderr = run.stderr();
    assert!(
        stderr.contains("warning: no `ru` text for this field; the `en` text is used instead (field `person.role`)"),
        "{stderr}"
    );
    assert!(stderr.contains("[root]/cases/ismakova-2021.yaml:") && stderr.contains("en: civil activist"), "{stderr}");
    assert!(
        stderr.contains("no `ru` form of this name; the Latin form is used instead (field `person.name`)"),
        "{stderr}"
    );

    // A shared source's text is fixed in its own file: the warning points there, once.
    project.replace(
        "cases/_shared/sources/aktau-convictions-2021.yaml",
        "  ru: Политически мотивированные приговоры в Актау 20–21 декабря 2021 года\n",
        "",
    );
    let run = project.amicus(&["build", GOOD_CASE, "--kind", "fact-sheet", "--lang", "ru"]);
    let stderr = run.stderr();
    let warning = "no `ru` text for this field; the `en` text is used instead (field `title`)";
    assert_eq!(stderr.matches(warning).count(), 1, "{stderr}");
    assert!(stderr.contains("[root]/cases/_shared/sources/aktau-convictions-2021.yaml:4:"), "{stderr}");
}

/// `check -q` prints errors only, as `build -q` does; without it, warnings too.
#[test]
fn check_quiet_prints_errors_only() {
    let project = Project::examples();
    let run = project.amicus(&["new", "case", "doe-2024", "--from", "kanaliyev-2021"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let loud = project.amicus(&["check", "cases/doe-2024.yaml"]);
    assert!(loud.stderr().contains("warning: this is still a placeholder"), "{}", loud.stderr());
    let quiet = project.amicus(&["-q", "check", "cases/doe-2024.yaml"]);
    assert_eq!(quiet.code(), 0);
    assert!(!quiet.stderr().contains("warning:"), "{}", quiet.stderr());
}

/// A flag beats the environment: `--color always` colours diagnostics even with `NO_COLOR`
/// set, and `--color never` never does.
#[test]
fn color_flags_beat_no_color() {
    let project = Project::examples();
    project.write("cases/broken-2024.yaml", "id: broken-2024\n");
    let run = |color: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_amicus"))
            .env("NO_COLOR", "1")
            .args(["check", "cases/broken-2024.yaml", "--color", color, "--root", project.path().to_str().unwrap()])
            .current_dir(project.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    assert!(run("always").contains("\u{1b}["), "no colour with --color always");
    assert!(!run("never").contains("\u{1b}["), "colour with --color never");
}

/// The distance between the first two lines that start with "Paragraph", and the page count;
/// `foot` is set at the foot of the last page, as documents set their sources.
fn line_pitch_and_pages(project: &Project, paragraphs: usize, foot: &str) -> (f64, usize) {
    let body: Vec<String> = (0..paragraphs).map(|i| format!("Paragraph {i} of the probe, one line long.")).collect();
    project.write(
        "templates/probe/en.typ.j2",
        &format!(
            "#import \"/_lib/style.typ\": *\n#set document(title: \"Probe\")\n#show: document-style.with(lang: \"en\")\n{}\n{foot}\n",
            body.join("\n\n")
        ),
    );
    let run = project.amicus(&["build", "--kind", "probe", "--lang", "en", "--force"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let pdf = project.out("probe-2022/probe.en.pdf");
    let tops: Vec<f64> =
        common::pdf_words(&pdf).into_iter().filter(|w| w.page == 1 && w.text == "Paragraph").map(|w| w.top).collect();
    (tops[1] - tops[0], common::page_count(&pdf))
}

/// A document whose last page would hold a few lines is set a little tighter, on one page
/// fewer; one that needs no saving keeps the style's own setting.
#[test]
fn a_nearly_empty_last_page_is_saved_by_a_tighter_setting() {
    let project = Project::templates_only();
    project.write("templates/probe/kind.toml", "description = \"probe\"\nscope = \"case\"\n");
    project.write(
        "cases/probe.yaml",
        "id: probe-2022\njurisdiction: kz\nplace: Testville\nperson: { name: { family: Probe }, role: tester }\ncharges: [{ code: criminal, article: \"1\", title: probe }]\ndocument_date: 2022-01-01\n",
    );
    let (roomy, pages) = line_pitch_and_pages(&project, 40, "");
    assert_eq!(pages, 1);
    let (tight, pages) = line_pitch_and_pages(&project, 56, "");
    assert_eq!(pages, 1, "the few lines of a second page are pulled back");
    assert!(tight < roomy, "set tighter: {tight} against {roomy}");
    // Sources pushed to the foot of the page do not make a page of two lines look full.
    let sources = "#v(1fr)\n#small-print[Sources: a report, a resolution and a statement, listed here.]";
    let (_, pages) = line_pitch_and_pages(&project, 58, sources);
    assert_eq!(pages, 1, "the few lines above the sources are pulled back");
    let (long, pages) = line_pitch_and_pages(&project, 90, "");
    assert_eq!(pages, 2);
    assert_eq!(long, roomy, "a full second page is not worth a tighter setting");
}

/// The binary's allocator commits memory as it uses it (src/main.rs): the option is set by its
/// number before `main`, so a mimalloc whose list of options changed would set another one.
#[test]
#[cfg(target_os = "linux")]
fn the_allocator_commits_memory_as_it_is_used() {
    let run = Project::examples().amicus_with_env(&["list"], &[("MIMALLOC_VERBOSE", "1")]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("option 'arena_eager_commit': 0"), "{}", run.stderr());
}

/// A fact sheet whose record does not fit its one page even set smaller leaves out what its
/// template marks optional, one step at a time (here the statements after the first two),
/// and `build` says what it left out, rather than failing the sheet.
#[test]
fn a_sheet_too_long_for_its_page_leaves_out_its_optional_sections_and_says_so() {
    let project = Project::examples();
    let mut ids = vec!["ep-2021-02-11".to_owned()];
    for i in 1..=15 {
        let id = format!("long-{i}");
        let demand = format!(
            "quash the verdict, lift every restriction, end the ban on his social and political activity and \
             guarantee that every civil activist in Aktau can speak and assemble peacefully without fear, number {i}"
        );
        project.write(
            &format!("cases/_shared/statements/{id}.yaml"),
            &format!(
                "author: osce\nbody: {{ en: OSCE Representative on Freedom of the Media }}\nkind: statement\n\
                 title: {{ en: Statement number {i} }}\nsubject: {{ en: the case of Abzal Kanaliyev }}\n\
                 date: 2022-01-{i:02}\ncalls_on:\n  addressee: {{ en: the Kazakhstani authorities }}\n  \
                 demands: [{{ en: \"{demand}\" }}]\nsources: []\n"
            ),
        );
        ids.push(id);
    }
    let path = project.path().join("cases/kanaliyev-2021.yaml");
    let case = std::fs::read_to_string(&path).unwrap();
    assert!(case.contains("statements: [ep-2021-02-11]"), "the example changed");
    std::fs::write(&path, case.replace("statements: [ep-2021-02-11]", &format!("statements: [{}]", ids.join(", "))))
        .unwrap();
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("fact-sheet.en is too long for 1 page: it is set without the statements after the first two"),
        "{}",
        run.stderr()
    );
    let text = common::pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf"));
    // One page; the first two statements kept, the later ones left out.
    assert!(!text.contains("Page 1 of"), "{text}");
    assert!(text.contains("resolution of 11 February 2021") && text.contains("number 1."), "{text}");
    assert!(!text.contains("number 15"), "{text}");
}

/// A long note on one entry does not cost a sheet its whole timeline: the notes go first, the
/// entries stay.
#[test]
fn a_sheet_leaves_out_a_long_note_before_its_timeline() {
    let project = Project::examples();
    let note = "one of 123 freed under a deal with the United States; pressed to ask for a pardon, he says he did not";
    let long = format!("{note}{}", "; and a further account of the day, as his family told it to the press".repeat(40));
    project.replace("cases/viasna-2023.yaml", &format!("en: {note}"), &format!("en: {long}"));
    let run = project.amicus(&["build", "cases/viasna-2023.yaml", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stderr().contains("bialiatski/fact-sheet.en is too long for 1 page: it is set without the statements after the first two and the notes of the timeline's entries"),
        "{}",
        run.stderr()
    );
    let text = common::pdf_text(&project.out("viasna-2023/bialiatski/fact-sheet.en.pdf"));
    assert!(!text.contains("Page 1 of"), "{text}");
    assert!(
        text.contains("Timeline")
            && text.contains("13 December 2025: Pardoned by Aliaksandr Lukashenka, released and expelled"),
        "{text}"
    );
    assert!(!text.contains("a further account"), "{text}");
}

/// A language asked for that a case is not made in is said, not left to read as "0 built".
#[test]
fn a_language_a_case_is_not_made_in_is_said() {
    let project = Project::examples();
    project.replace("cases/temirov-live-2024.yaml", "\nlanguages: [en, ru]\n", "\n");
    project.replace("cases/prokopyeva-2020.yaml", "\nlanguages: [en, ru]\n", "\n");
    // A Kyrgyz case with a Kazakh text is still not made in a language only Kazakh courts use.
    project.replace("cases/temirov-live-2024.yaml", "place:\n  en: Bishkek\n", "place:\n  en: Bishkek\n  kk: Бішкек\n");
    for (case, why) in [
        ("askarov-2010", "the case file's `languages` leave it out"),
        ("temirov-live-2024", "it is another country's court language"),
    ] {
        let run = project.amicus(&["build", &format!("cases/{case}.yaml"), "--kind", "fact-sheet", "--lang", "kk"]);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        let note = format!("{case}: not made in `kk`: {why}");
        assert!(run.stderr().contains(&note), "{}", run.stderr());
    }
    let run = project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "fact-sheet", "--lang", "kk"]);
    assert!(!run.stderr().contains("not made in"), "{}", run.stderr());
    // Unasked, a language the case file is not written in is not made, and said.
    let run = project.amicus(&["build", "cases/prokopyeva-2020.yaml", "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let note = "prokopyeva-2020: not made in `kk`: the case file is not written in it";
    assert!(run.stderr().contains(note), "{}", run.stderr());
    assert!(!run.stderr().contains("prokopyeva-2020: not made in `ru`"), "{}", run.stderr());
    assert!(project.out("prokopyeva-2020/fact-sheet.ru.pdf").is_file());
    assert!(!project.out("prokopyeva-2020/fact-sheet.kk.pdf").exists());
}
