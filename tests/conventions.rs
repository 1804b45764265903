//! The conventions of command-line tools that users and their scripts rely on: data on
//! standard output and talk on standard error, one-line diagnostics for editors and CI, a
//! manual page per subcommand, completions that know the project.

mod common;

use common::Project;

#[test]
fn data_goes_to_stdout_and_the_summary_to_stderr() {
    let project = Project::aktau();
    let build = project.amicus(&["build", "--kind", "fact-sheet", "--lang", "en", "-v"]);
    assert_eq!(build.code(), 0, "{}", build.stderr());
    // `build` answers nothing a script would read: what it did is talk, as cargo's is.
    assert_eq!(build.stdout(), "", "build printed to stdout");
    assert!(build.stderr().contains("2 built, 0 up to date, 0 failed"), "{}", build.stderr());
    assert!(build.stderr().contains("built "), "-v names each document on stderr: {}", build.stderr());

    // `check`'s table is its answer; the count of problems is talk.
    let check = project.amicus(&["check"]);
    assert!(check.stdout().contains("ismakova-2021"), "the table on stdout: {}", check.stdout());
    assert!(!check.stdout().contains("digests checked"), "{}", check.stdout());
    assert!(check.stderr().contains("2 cases, 1 digest checked"), "{}", check.stderr());

    // `deadlines`: the dates on stdout, what was written on stderr.
    let ics = project.path().join("dates.ics");
    let deadlines = project.amicus(&["deadlines", "--today", "2023-01-01", "--ics", ics.to_str().unwrap()]);
    assert!(deadlines.stdout().contains("2022-01-04"), "{}", deadlines.stdout());
    assert!(!deadlines.stdout().contains("wrote"), "{}", deadlines.stdout());
    assert!(deadlines.stderr().contains("wrote"), "{}", deadlines.stderr());
}

#[test]
fn short_diagnostics_are_one_line_each_with_the_place() {
    let project = Project::aktau();
    let case = project.path().join("cases/ismakova-2021.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    // A field that does not exist: an error with a place and a hint.
    let broken = text.replacen("jurisdiction: kz", "jurisdiction: kz\nnicknmae: Aizhan", 1);
    std::fs::write(&case, broken).unwrap();
    let rich = project.amicus(&["check"]);
    let short = project.amicus(&["--diagnostic-format", "short", "check"]);
    assert_eq!(short.code(), 1);
    assert_eq!(rich.code(), short.code(), "the form changes nothing but the form");
    let stderr = short.stderr();
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(lines.len(), 1, "{}", short.stderr());
    let line = lines[0];
    // `file:line:column: error: message (field `x`); hint: ...`, all on one line.
    let (place, rest) = line.split_once(": error: ").unwrap();
    let mut parts = place.rsplitn(3, ':');
    let column: usize = parts.next().unwrap().parse().expect("a column");
    let row: usize = parts.next().unwrap().parse().expect("a line");
    assert!(parts.next().unwrap().ends_with("cases/ismakova-2021.yaml"), "{line}");
    assert_eq!(text.lines().position(|l| l.starts_with("jurisdiction: kz")).unwrap() + 2, row, "{line}");
    assert_eq!(column, 1, "{line}");
    assert!(rest.contains("nicknmae") && rest.contains("hint:"), "{line}");
    // The rich form quotes the line; the short one never does.
    assert!(rich.stderr().contains("│"), "{}", rich.stderr());
    assert!(!short.stderr().contains("│"), "{}", short.stderr());
}

#[test]
fn every_subcommand_has_its_manual_page() {
    let project = Project::aktau();
    let build = project.amicus(&["man", "build"]);
    assert_eq!(build.code(), 0, "{}", build.stderr());
    assert!(build.stdout().contains(".TH amicus-build 1"), "{}", build.stdout());
    assert!(build.stdout().contains("\\-\\-recipients"), "the page lists build's own options");
    let top = project.amicus(&["man"]).stdout();
    assert!(top.contains(".TH amicus 1") && top.contains("amicus\\-build(1)"), "the top page refers to the others");

    let dir = project.path().join("man1");
    assert_eq!(project.amicus(&["man", "--dir", dir.to_str().unwrap()]).code(), 1, "a missing folder is reported");
    std::fs::create_dir(&dir).unwrap();
    assert_eq!(project.amicus(&["man", "--dir", dir.to_str().unwrap()]).code(), 0);
    for page in ["amicus.1", "amicus-build.1", "amicus-check.1", "amicus-new-case.1", "amicus-templates-export.1"] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".TH"), "{page}");
    }
    // Every page the top page refers to was written.
    for reference in top.split("\\fBamicus\\-").skip(1) {
        let name = reference.split("(1)").next().unwrap().replace("\\fR", "").replace("\\-", "-");
        assert!(dir.join(format!("amicus-{name}.1")).exists(), "no page for amicus-{name}");
    }

    let unknown = project.amicus(&["man", "biuld"]);
    assert_eq!(unknown.code(), 2);
    assert!(unknown.stderr().contains("build"), "the error lists the subcommands: {}", unknown.stderr());
}

#[test]
fn completions_offer_the_projects_kinds_languages_and_cases() {
    let project = Project::aktau();
    let bash = project.amicus(&["completions", "bash"]);
    assert_eq!(bash.code(), 0, "{}", bash.stderr());
    let script = bash.stdout();
    // The words bash offers after `--kind`, `--lang` and `clean --case`.
    let offered = |option: &str| -> Vec<String> {
        let mut words = Vec::new();
        for (i, _) in script.match_indices(&format!("{option})")) {
            let after = &script[i..];
            if let Some(start) = after.find("compgen -W \"") {
                let list = &after[start + 12..];
                words.extend(list[..list.find('"').unwrap()].split_whitespace().map(str::to_owned));
            }
        }
        words
    };
    let kinds = offered("--kind");
    for kind in ["fact-sheet", "appeal", "wgad", "digest"] {
        assert!(kinds.iter().any(|k| k == kind), "--kind does not offer {kind}: {kinds:?}");
    }
    let languages = offered("--lang");
    assert!(languages.iter().any(|l| l == "ru") && languages.iter().any(|l| l == "en"), "{languages:?}");
    let cases = offered("--case");
    assert!(cases.iter().any(|c| c == "ismakova-2021") && cases.iter().any(|c| c == "kanaliyev-2021"), "{cases:?}");
}
