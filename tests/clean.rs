//! Withdrawing a case: `amicus clean` removes every file amicus wrote about a case, defendant or
//! recipient that no longer exists, builds again without them the documents that named them,
//! leaves everything else as it was, and `build` says when there is something to clean.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{Project, Run, pdf_text, walk};

/// Every file under `out`, by its path relative to it, with its bytes.
fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(out)
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(out).unwrap().to_string_lossy().into_owned();
            (relative, std::fs::read(&path).unwrap())
        })
        .collect()
}

/// Where under `out` any of `needles` is found, case-insensitively: in a file's name, its bytes
/// (the manifest, the kept Typst sources, PDF metadata), or a PDF's text.
fn naming(out: &Path, needles: &[&str]) -> Vec<String> {
    let needles: Vec<String> = needles.iter().map(|n| n.to_lowercase()).collect();
    let mut found = Vec::new();
    for path in walk(out) {
        let relative = path.strip_prefix(out).unwrap().to_string_lossy().into_owned();
        let mut texts = vec![relative.clone(), String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned()];
        if path.extension().is_some_and(|e| e == "pdf") {
            texts.push(pdf_text(&path));
        }
        for text in texts.iter().map(|t| t.to_lowercase()) {
            for needle in needles.iter().filter(|n| text.contains(n.as_str())) {
                found.push(format!("{relative}: {needle}"));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The Aktau cases built with letters to three Members: 28 documents.
fn built_aktau() -> Project {
    let project = Project::aktau();
    let csv = std::fs::read_to_string(common::fixture("recipients/three.csv"));
    project.write("meps.csv", &csv.unwrap());
    let run = project.amicus(&["build", "--recipients", "meps.csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(build_summary(&run).starts_with("28 built"), "{}", build_summary(&run));
    project
}

/// Aizhan Ismakova as her case file and the documents write her: the case's id, her name in
/// Latin letters, in Russian and in Kazakh.
const ISMAKOVA: [&str; 5] = ["ismakova-2021", "Ismakova", "Исмакова", "Исмақова", "Айжан"];

fn kanaliyev(out: &Path) -> BTreeMap<String, Vec<u8>> {
    files(out).into_iter().filter(|(path, _)| path.starts_with("kanaliyev-2021/")).collect()
}

/// The summary line of a build, wherever it prints it.
fn build_summary(run: &Run) -> String {
    let all = format!("{}\n{}", run.stdout(), run.stderr());
    all.lines().filter(|l| l.contains(" built, ")).last().unwrap_or_default().to_owned()
}

fn lines_starting(run: &Run, prefix: &str) -> BTreeSet<String> {
    run.stderr().lines().filter_map(|l| l.strip_prefix(prefix)).map(|l| l.to_owned()).collect()
}

#[test]
fn a_deleted_case_leaves_nothing_in_the_output_folder_that_names_the_person() {
    let project = built_aktau();
    let out = project.path().join("out");
    let other = kanaliyev(&out);
    assert_eq!(other.len(), 25, "{:?}", other.keys());
    // Before: her documents, the digest and the manifest name her.
    let before = naming(&out, &ISMAKOVA);
    for expected in ["digests/aktau-2021-12.en.pdf: ismakova", ".amicus-manifest.jsonl: ismakova-2021"] {
        assert!(before.iter().any(|f| f == expected), "{expected} not in {before:#?}");
    }

    std::fs::remove_file(project.path().join("cases/ismakova-2021.yaml")).unwrap();
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stdout(), "", "clean prints on standard error");

    assert_eq!(naming(&out, &ISMAKOVA), Vec::<String>::new(), "{}", run.stderr());
    assert!(!out.join("ismakova-2021").exists());
    assert_eq!(kanaliyev(&out), other, "the other case's files are untouched");
    for digest in ["digests/aktau-2021-12.en.pdf", "digests/aktau-2021-12.ru.pdf"] {
        let text = pdf_text(&out.join(digest)).to_lowercase();
        assert!(text.contains("kanaliyev") || text.contains("каналиев"), "{digest} lost the other case: {text}");
    }

    let removed = lines_starting(&run, "removed ");
    for expected in [
        "ismakova-2021/fact-sheet.kk.pdf",
        "ismakova-2021/fact-sheet.kk.typ",
        "ismakova-2021/mep-letter/jan-voorbeeld.en.pdf",
        "ismakova-2021/mep-letter.en.typ",
        "ismakova-2021/mep-letter/",
        "ismakova-2021/",
    ] {
        assert!(removed.contains(expected), "{expected} not listed: {}", run.stderr());
    }
    assert!(removed.iter().all(|path| path.starts_with("ismakova-2021/")), "{removed:#?}");
    let rebuilt = lines_starting(&run, "built again ");
    assert_eq!(rebuilt.len(), 2, "{}", run.stderr());
    assert!(rebuilt.iter().all(|line| line.starts_with("digests/aktau-2021-12.")), "{rebuilt:#?}");
    let summary = run.stderr().lines().last().unwrap().to_owned();
    let expected = format!("withdrew 1 case (ismakova-2021): removed {} files and 2 folders", removed.len() - 2);
    assert!(summary.starts_with(&expected), "{summary}");
    assert!(summary.contains("built again 2 documents that named them"), "{summary}");

    // The digests were built as `build` builds them: the next build has nothing to do, and
    // nothing more to clean.
    let build = project.amicus(&["build", "--recipients", "meps.csv"]);
    assert!(build_summary(&build).starts_with("0 built, 15 up to date"), "{}", build_summary(&build));
    assert!(!build.stderr().contains("no longer exist"), "{}", build.stderr());
    let again = project.amicus(&["clean"]);
    assert_eq!(again.code(), 0);
    assert!(again.stderr().starts_with("nothing to clean in "), "{}", again.stderr());
}

#[test]
fn a_case_withdrawn_on_purpose_keeps_its_file() {
    let project = built_aktau();
    let out = project.path().join("out");
    let other = kanaliyev(&out);
    let case_file = project.path().join("cases/ismakova-2021.yaml");
    let case_bytes = std::fs::read(&case_file).unwrap();

    let run = project.amicus(&["clean", "--case", "ismakova-2021"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(naming(&out, &ISMAKOVA), Vec::<String>::new(), "{}", run.stderr());
    assert_eq!(kanaliyev(&out), other);
    assert_eq!(std::fs::read(&case_file).unwrap(), case_bytes, "the case file is the user's");
    assert!(
        run.stderr().contains("kept cases/ismakova-2021.yaml: amicus does not delete case files"),
        "{}",
        run.stderr()
    );
    assert_eq!(lines_starting(&run, "built again ").len(), 2, "the digests, without her: {}", run.stderr());

    // Its file still there, the next build writes her documents again, as the output said.
    let build = project.amicus(&["build", "--recipients", "meps.csv"]);
    assert!(build_summary(&build).starts_with("15 built, 13 up to date"), "{}", build_summary(&build));
}

#[test]
fn a_dry_run_lists_what_clean_removes_and_changes_nothing() {
    let project = built_aktau();
    let out = project.path().join("out");
    std::fs::remove_file(project.path().join("cases/ismakova-2021.yaml")).unwrap();
    let before = files(&out);

    let dry = project.amicus(&["clean", "--dry-run"]);
    assert_eq!(dry.code(), 0, "{}", dry.stderr());
    assert_eq!(files(&out), before, "a dry run changed the output folder");
    let summary = dry.stderr().lines().last().unwrap().to_owned();
    assert!(summary.starts_with("dry run, nothing changed: would withdraw 1 case (ismakova-2021)"), "{summary}");
    let listed = lines_starting(&dry, "would remove ");
    assert!(listed.contains("ismakova-2021/wgad.en.pdf"), "{}", dry.stderr());
    let rebuilt = lines_starting(&dry, "would build again ");
    assert_eq!(rebuilt.len(), 2, "{}", dry.stderr());

    // What it listed is what clean then removes, no more and no less.
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(lines_starting(&run, "removed "), listed);
}

#[test]
fn build_says_when_documents_of_what_no_longer_exists_are_there_and_removes_none() {
    let project = built_aktau();
    std::fs::remove_file(project.path().join("cases/ismakova-2021.yaml")).unwrap();
    let run = project.amicus(&["build", "--recipients", "meps.csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let stderr = run.stderr();
    let said: Vec<&str> = stderr.lines().filter(|l| l.contains("no longer exist")).collect();
    assert_eq!(
        said,
        ["warning: [root]/out holds 13 documents of 1 case that no longer exists: run `amicus clean` to remove them \
          (`--dry-run` lists them first)"],
        "{stderr}"
    );
    assert!(project.out("ismakova-2021/fact-sheet.en.pdf").is_file(), "build removed a document");

    // A recipient no longer on the list the letters were built from.
    project.write("meps.csv", "name,title\nHannah Testmann,Dr\nMarta Ejemplo,Ms\n");
    let run = project.amicus(&["build", "--recipients", "meps.csv"]);
    assert!(
        run.stderr().contains("holds 14 documents of 1 case and 1 recipient that no longer exist"),
        "{}",
        run.stderr()
    );
    assert!(project.out("kanaliyev-2021/mep-letter/jan-voorbeeld.en.pdf").is_file());

    assert_eq!(project.amicus(&["clean"]).code(), 0);
    assert!(!project.out("kanaliyev-2021/mep-letter/jan-voorbeeld.en.pdf").exists());
    assert!(project.out("kanaliyev-2021/mep-letter/hannah-testmann.en.pdf").is_file());
    let run = project.amicus(&["build", "--recipients", "meps.csv"]);
    assert!(!run.stderr().contains("no longer exist"), "{}", run.stderr());
}

#[test]
fn an_unknown_case_is_a_usage_error_naming_the_known_ids() {
    let project = Project::aktau();
    let run = project.amicus(&["clean", "--case", "ismakova-2012"]);
    assert_eq!(run.code(), 2);
    let stderr = run.stderr();
    assert!(stderr.contains("there is no case `ismakova-2012` (did you mean `ismakova-2021`?)"), "{stderr}");
    assert!(stderr.contains("the cases are: ismakova-2021, kanaliyev-2021"), "{stderr}");

    let run = project.amicus(&["clean", "--case", "kanaliyev-2021/abzal"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("the case `kanaliyev-2021` has no defendant `abzal`"), "{}", run.stderr());
    assert!(!project.path().join("out").exists(), "a refused clean made the output folder");
}

/// A trial of three, with letters to two Members.
fn trial_of_three() -> Project {
    let project = Project::templates_only();
    project.write(
        "cases/trio-2025.yaml",
        r#"id: trio-2025
jurisdiction: kz
place: { en: Aktau, ru: Актау }
stages:
  - stage: first_instance
    court: { en: Aktau City Court, ru: Актауский городской суд }
    date: 2025-03-03
    results:
      - defendant: doe
        outcome: convicted
        sentence: [{ kind: imprisonment, term: 5y, counted_from: 2024-09-01 }]
      - { defendant: roe, outcome: acquitted }
      - defendant: quintrell
        outcome: convicted
        sentence: [{ kind: imprisonment, term: 3y, counted_from: 2024-09-01 }]
defendants:
  - id: doe
    person: { name: { given: Jane, family: Doe }, role: journalist }
    charges: [{ code: criminal, article: "274", part: 2, title: spreading false information }]
  - id: roe
    person: { name: { given: Richard, family: Roe }, role: journalist }
    charges: [{ code: criminal, article: "274", part: 2, title: spreading false information }]
  - id: quintrell
    person: { name: { given: Zebulon, family: Quintrell, ru: { given: Зебулон, family: Квинтрелл } }, role: journalist }
    charges: [{ code: criminal, article: "274", part: 2, title: spreading false information }]
"#,
    );
    project.write("meps.csv", "name,title\nHannah Testmann,Dr\nOtto Gonewald,Mr\n");
    let run = project.amicus(&["build", "-q", "--date", "2025-06-01", "--recipients", "meps.csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    for built in
        ["trio-2025/quintrell/fact-sheet.ru.pdf", "trio-2025/doe/fact-sheet.en.pdf", "trio-2025/trial-sheet.en.pdf"]
    {
        assert!(project.out(built).is_file(), "{built}");
    }
    project
}

const QUINTRELL: [&str; 4] = ["quintrell", "Zebulon", "Квинтрелл", "Зебулон"];

#[test]
fn a_defendant_and_a_recipient_gone_from_the_project_leave_the_documents_that_named_them() {
    let project = trial_of_three();
    let out = project.path().join("out");
    let before = naming(&out, &QUINTRELL);
    // The co-defendants' fact sheets name him ("tried together with"), as do the letters.
    for expected in
        ["trio-2025/doe/fact-sheet.en.pdf: quintrell", "trio-2025/mep-letter/hannah-testmann.en.pdf: quintrell"]
    {
        assert!(before.iter().any(|f| f == expected), "{expected} not in {before:#?}");
    }
    let case = project.path().join("cases/trio-2025.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    let text = text.replace(
        "      - defendant: quintrell\n        outcome: convicted\n        sentence: [{ kind: imprisonment, term: 3y, counted_from: 2024-09-01 }]\n",
        "",
    );
    std::fs::write(&case, &text[..text.find("  - id: quintrell").unwrap()]).unwrap();
    project.write("meps.csv", "name,title\nHannah Testmann,Dr\n");

    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(naming(&out, &QUINTRELL), Vec::<String>::new(), "{}", run.stderr());
    assert_eq!(naming(&out, &["gonewald"]), Vec::<String>::new(), "{}", run.stderr());
    let summary = run.stderr().lines().last().unwrap().to_owned();
    assert!(summary.starts_with("withdrew 1 defendant (trio-2025/quintrell), 1 recipient: removed "), "{summary}");
    let rebuilt = lines_starting(&run, "built again ");
    for expected in [
        "trio-2025/doe/fact-sheet.en.pdf",
        "trio-2025/trial-sheet.ru.pdf",
        "trio-2025/mep-letter/hannah-testmann.en.pdf",
    ] {
        assert!(rebuilt.iter().any(|l| l.starts_with(expected)), "{expected} not built again: {}", run.stderr());
    }
    assert!(pdf_text(&project.out("trio-2025/doe/fact-sheet.en.pdf")).contains("ROE"), "the others are still named");
    // Built as `build` builds them, date and recipients included.
    let build = project.amicus(&["build", "--date", "2025-06-01", "--recipients", "meps.csv"]);
    assert!(build_summary(&build).starts_with("0 built, "), "{}", build_summary(&build));
}

#[test]
fn a_defendant_withdrawn_on_purpose_takes_the_documents_that_name_them() {
    let project = trial_of_three();
    let out = project.path().join("out");
    let run = project.amicus(&["clean", "--case", "trio-2025/nobody"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("its defendants are: doe, roe, quintrell"), "{}", run.stderr());

    let run = project.amicus(&["clean", "--case", "trio-2025/quintrell"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(naming(&out, &QUINTRELL), Vec::<String>::new(), "{}", run.stderr());
    let stderr = run.stderr();
    assert!(
        stderr.contains("kept cases/trio-2025.yaml: amicus does not delete case files; take `quintrell` out of it")
    );
    // Built again from a file that still names him, they would name him again.
    assert!(stderr.contains("not built again trio-2025/doe/fact-sheet.en.pdf: the case file still names"), "{stderr}");
    assert!(!project.out("trio-2025/doe/fact-sheet.en.pdf").exists());
}

#[test]
fn files_amicus_did_not_write_are_left_alone() {
    let project = built_aktau();
    let out = project.path().join("out");
    project.write("out/ismakova-2021/notes.txt", "the user's own");
    project.write("outside.txt", "not in the output folder");
    // A source kept from a failed build is amicus's, beside a recorded document.
    project.write("out/ismakova-2021/fact-sheet.en.failed.typ", "= failed");
    // A line naming a file outside the folder (a manifest edited by hand) is not followed.
    let manifest = out.join(".amicus-manifest.jsonl");
    let mut lines = std::fs::read_to_string(&manifest).unwrap();
    lines.push_str(r#"{"document":"ismakova-2021/x.pdf","inputs":"00","files":[["../outside.txt",25]]}"#);
    lines.push('\n');
    std::fs::write(&manifest, lines).unwrap();

    std::fs::remove_file(project.path().join("cases/ismakova-2021.yaml")).unwrap();
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let stderr = run.stderr();
    assert_eq!(std::fs::read_to_string(out.join("ismakova-2021/notes.txt")).unwrap(), "the user's own");
    assert!(project.path().join("outside.txt").is_file());
    assert!(!stderr.contains("notes.txt") && !stderr.contains("outside.txt"), "{stderr}");
    assert!(stderr.contains("left ismakova-2021/: it holds files amicus has no record of writing"), "{stderr}");
    assert!(stderr.contains("removed ismakova-2021/fact-sheet.en.failed.typ"), "{stderr}");
    assert!(!out.join("ismakova-2021/fact-sheet.en.pdf").exists());
    assert!(!std::fs::read_to_string(&manifest).unwrap().contains("ismakova"));
}

/// One manifest line, as a build writes it, for a document about `case` (one person).
fn line(document: &str, files: &[&str], case: &str, extra: &str) -> String {
    let files: Vec<String> = files.iter().map(|f| format!("[\"{f}\",1]")).collect();
    format!(
        "{{\"document\":\"{document}\",\"inputs\":\"00\",\"files\":[{}],\"about\":{{\"case\":\"{case}\",\"people\":[\"{case}\"]{extra},\"final_only\":false}}}}\n",
        files.join(",")
    )
}

/// The Aktau cases, not built: an output folder made by hand with `manifest` and `files`.
fn recorded(manifest: &[u8], files: &[&str]) -> Project {
    let project = Project::aktau();
    for file in files {
        project.write(&format!("out/{file}"), "x");
    }
    std::fs::write(project.path().join("out/.amicus-manifest.jsonl"), manifest).unwrap();
    project
}

#[test]
fn a_manifest_that_cannot_be_read_is_refused_and_kept() {
    let hers = line("ismakova-2021/fact-sheet.en.pdf", &["ismakova-2021/fact-sheet.en.pdf"], "ismakova-2021", "");
    // A line cut off in a character, then appended to: not UTF-8.
    let mut bytes = b"{\"document\":\"ismakova-2021/wgad.en.pdf\",\"about\":\"\xd0\n".to_vec();
    bytes.extend_from_slice(hers.as_bytes());
    let project = recorded(&bytes, &["ismakova-2021/fact-sheet.en.pdf"]);
    std::fs::remove_file(project.path().join("cases/ismakova-2021.yaml")).unwrap();
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("1 line of the manifest cannot be read"), "{}", run.stderr());
    assert_eq!(std::fs::read(project.out(".amicus-manifest.jsonl")).unwrap(), bytes, "the manifest was changed");
    assert!(project.out("ismakova-2021/fact-sheet.en.pdf").is_file());

    // A cut-off last line (a killed run) is no line: the others are read, one by one.
    let mut bytes = hers.into_bytes();
    bytes.extend_from_slice(b"{\"document\":\"ismakova-2021/wgad.en.pdf\",\"about\":\"\xd0");
    std::fs::write(project.out(".amicus-manifest.jsonl"), &bytes).unwrap();
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!project.out("ismakova-2021").exists(), "{}", run.stderr());
}

#[test]
fn sources_amicus_keeps_without_recording_them_go_with_the_case() {
    let manifest = line("ismakova-2021/fact-sheet.en.pdf", &["ismakova-2021/fact-sheet.en.pdf"], "ismakova-2021", "");
    let project = recorded(
        manifest.as_bytes(),
        &[
            "ismakova-2021/fact-sheet.en.pdf",
            // Documents that failed on their first build: never recorded.
            "ismakova-2021/wgad.en.failed.typ",
            "ismakova-2021/mep-letter/jan-voorbeeld.en.failed.typ",
            // `--format typ` output: never recorded.
            "ismakova-2021/fact-sheet.ru.typ",
            "ismakova-2021/mep-letter/jan-voorbeeld.en.typ",
            "ismakova-2021/mep-letter.en.typ",
            // The user's own.
            "ismakova-2021/notes.typ",
            "ismakova-2021/old/fact-sheet.en.typ",
        ],
    );
    std::fs::remove_file(project.path().join("cases/ismakova-2021.yaml")).unwrap();
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let left: Vec<String> = files(&project.path().join("out")).into_keys().filter(|f| f.contains("ismakova")).collect();
    assert_eq!(left, ["ismakova-2021/notes.typ", "ismakova-2021/old/fact-sheet.en.typ"], "{}", run.stderr());
    assert!(run.stderr().contains("removed ismakova-2021/wgad.en.failed.typ"), "{}", run.stderr());
    assert!(run.stderr().contains("left ismakova-2021/: it holds files amicus has no record of writing"));
}

#[test]
fn typst_sources_written_with_format_typ_are_removed_or_reported() {
    let project = Project::aktau();
    let out = project.path().join("out");
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let run = project.amicus(&["build", "--format", "typ"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let digests: Vec<String> = files(&out).into_keys().filter(|f| f.starts_with("digests/")).collect();
    assert!(!digests.is_empty(), "{:?}", files(&out).keys());

    std::fs::remove_file(project.path().join("cases/ismakova-2021.yaml")).unwrap();
    let run = project.amicus(&["clean"]);
    assert!(!out.join("ismakova-2021").exists(), "{}", run.stderr());
    // The digests' sources, not recorded, may name her: said, and clean fails.
    assert_eq!(run.code(), 1, "{}", run.stderr());
    for digest in digests {
        assert!(run.stderr().contains(&format!("not removed {digest}: amicus has no record")), "{}", run.stderr());
    }
}

#[test]
fn a_recorded_file_through_a_linked_folder_is_an_error_and_its_line_stays() {
    let letter = "ismakova-2021/mep-letter/jan-voorbeeld.en.pdf";
    let manifest = line(letter, &[letter], "ismakova-2021", ",\"recipient\":\"jan-voorbeeld\"");
    let project = recorded(manifest.as_bytes(), &["ismakova-2021/fact-sheet.en.pdf"]);
    project.write("elsewhere/jan-voorbeeld.en.pdf", "mine");
    std::os::unix::fs::symlink(project.path().join("elsewhere"), project.out("ismakova-2021/mep-letter")).unwrap();
    std::fs::remove_file(project.path().join("cases/ismakova-2021.yaml")).unwrap();
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("ismakova-2021/mep-letter is a link"), "{}", run.stderr());
    assert!(project.path().join("elsewhere/jan-voorbeeld.en.pdf").is_file());
    let text = std::fs::read_to_string(project.out(".amicus-manifest.jsonl")).unwrap();
    assert!(text.contains(letter), "{text}");
}

#[test]
fn an_output_folder_that_is_not_there_or_holds_no_record_changes_nothing() {
    let project = Project::aktau();
    let run = project.amicus(&["clean", "--out", "nowhere"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("the output folder nowhere does not exist"), "{}", run.stderr());
    assert!(!project.path().join("nowhere").exists());

    std::fs::create_dir_all(project.path().join("out")).unwrap();
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("nothing is recorded in "), "{}", run.stderr());
    assert!(!project.path().join("out/.amicus-lock").exists(), "clean took the lock");
}

#[test]
fn quiet_keeps_what_says_the_withdrawal_is_incomplete() {
    let letter = "kanaliyev-2021/mep-letter/jan-voorbeeld.en.pdf";
    let mut manifest = line(
        letter,
        &[letter],
        "kanaliyev-2021",
        ",\"recipient\":\"jan-voorbeeld\",\"recipients\":\"/nowhere/meps.csv\"",
    );
    manifest.push_str(&line(
        "ismakova-2021/fact-sheet.en.pdf",
        &["ismakova-2021/fact-sheet.en.pdf"],
        "ismakova-2021",
        "",
    ));
    let project =
        recorded(manifest.as_bytes(), &[letter, "ismakova-2021/fact-sheet.en.pdf", "ismakova-2021/notes.txt"]);
    std::fs::remove_file(project.path().join("cases/ismakova-2021.yaml")).unwrap();
    let run = project.amicus(&["clean", "-q"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("1 letter built from /nowhere/meps.csv kept"), "{}", run.stderr());
    assert!(run.stderr().contains("left ismakova-2021/: "), "{}", run.stderr());
}

#[test]
fn recipients_given_to_clean_judge_only_letters_whose_list_cannot_be_read() {
    let (a, b) = ("kanaliyev-2021/mep-letter/jan-voorbeeld.en.pdf", "ismakova-2021/mep-letter/jan-voorbeeld.en.pdf");
    let project = Project::aktau();
    let list = project.write("a.csv", "name,title\nJan Voorbeeld,Mr\n");
    project.write("c.csv", "name,title\nHannah Testmann,Dr\n");
    let mut manifest = line(
        a,
        &[a],
        "kanaliyev-2021",
        &format!(",\"recipient\":\"jan-voorbeeld\",\"recipients\":\"{}\"", list.display()),
    );
    manifest.push_str(&line(
        b,
        &[b],
        "ismakova-2021",
        ",\"recipient\":\"jan-voorbeeld\",\"recipients\":\"/nowhere/b.csv\"",
    ));
    for file in [a, b] {
        project.write(&format!("out/{file}"), "x");
    }
    std::fs::write(project.out(".amicus-manifest.jsonl"), manifest).unwrap();
    let run = project.amicus(&["clean", "--recipients", "c.csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(project.out(a).is_file(), "a letter built from a list it is still on: {}", run.stderr());
    assert!(!project.out(b).exists(), "{}", run.stderr());
}

#[test]
fn a_case_file_that_cannot_be_read_does_not_block_withdrawing_another_by_name() {
    let mut manifest =
        line("ismakova-2021/fact-sheet.en.pdf", &["ismakova-2021/fact-sheet.en.pdf"], "ismakova-2021", "");
    manifest.push_str(&line("gone-2020/fact-sheet.en.pdf", &["gone-2020/fact-sheet.en.pdf"], "gone-2020", ""));
    let project = recorded(manifest.as_bytes(), &["ismakova-2021/fact-sheet.en.pdf", "gone-2020/fact-sheet.en.pdf"]);
    project.write("cases/broken-2022.yaml", "id: [unclosed\n");
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(project.out("ismakova-2021/fact-sheet.en.pdf").is_file());

    let run = project.amicus(&["clean", "--case", "ismakova-2021"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!project.out("ismakova-2021").exists(), "{}", run.stderr());
    assert!(project.out("gone-2020/fact-sheet.en.pdf").is_file(), "only the case named: {}", run.stderr());
}

#[test]
fn a_document_built_before_amicus_recorded_final_is_not_guessed() {
    let mut manifest =
        line("ismakova-2021/fact-sheet.en.pdf", &["ismakova-2021/fact-sheet.en.pdf"], "ismakova-2021", "");
    manifest.push_str(
        "{\"document\":\"digests/aktau-2021-12.en.pdf\",\"inputs\":\"00\",\"files\":[[\"digests/aktau-2021-12.en.pdf\",1]],\"about\":{\"digest\":\"aktau-2021-12\",\"people\":[\"ismakova-2021\",\"kanaliyev-2021\"]}}\n",
    );
    let project = recorded(manifest.as_bytes(), &["ismakova-2021/fact-sheet.en.pdf", "digests/aktau-2021-12.en.pdf"]);
    std::fs::remove_file(project.path().join("cases/ismakova-2021.yaml")).unwrap();
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!project.out("digests/aktau-2021-12.en.pdf").exists(), "{}", run.stderr());
    assert!(
        run.stderr().contains(
            "not built again digests/aktau-2021-12.en.pdf: amicus did not record whether it was built with `--final`"
        ),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_defendant_gone_from_a_line_recorded_before_about_is_said() {
    let legacy = "{\"document\":\"kanaliyev-2021/someone/fact-sheet.en.pdf\",\"inputs\":\"00\",\"files\":[[\"kanaliyev-2021/someone/fact-sheet.en.pdf\",1]]}\n";
    let project = recorded(legacy.as_bytes(), &["kanaliyev-2021/someone/fact-sheet.en.pdf"]);
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("`amicus build --force`, then `amicus clean`"), "{}", run.stderr());
    assert!(project.out("kanaliyev-2021/someone/fact-sheet.en.pdf").is_file());
}

#[test]
fn a_case_built_from_a_file_outside_cases_is_not_taken_for_withdrawn() {
    let project = Project::aktau();
    let drafts = project.path().join("drafts");
    std::fs::create_dir(&drafts).unwrap();
    std::fs::rename(project.path().join("cases/ismakova-2021.yaml"), drafts.join("ismakova-2021.yaml")).unwrap();
    let build = project.amicus(&["build", "drafts/ismakova-2021.yaml", "--kind", "fact-sheet"]);
    assert_eq!(build.code(), 0, "{}", build.stderr());
    let sheet = project.out("ismakova-2021/fact-sheet.en.pdf");
    assert!(sheet.is_file());

    // Her file is still there, in another folder: nothing of hers is gone.
    let build = project.amicus(&["build"]);
    assert!(!build.stderr().contains("no longer exist"), "{}", build.stderr());
    let dry = project.amicus(&["clean", "--dry-run"]);
    assert_eq!(dry.code(), 0, "{}", dry.stderr());
    assert!(!dry.stderr().contains("ismakova-2021/"), "{}", dry.stderr());
    assert!(sheet.is_file());

    // Deleted, it is withdrawn like any other.
    std::fs::remove_file(drafts.join("ismakova-2021.yaml")).unwrap();
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!sheet.exists(), "{}", run.stderr());
    assert!(!project.out("ismakova-2021").exists(), "{}", run.stderr());
}

#[test]
fn a_recipient_gone_from_the_list_loses_their_letter_when_another_name_takes_its_file_name() {
    let project = Project::aktau();
    // Both names make the file name `anna-muller`; the second listed gets `anna-muller-2`.
    project.write("meps.csv", "name,title\nAnna Müller,Ms\nAnna Muller,Ms\n");
    let letters =
        ["build", "--kind", "mep-letter", "--lang", "en", "--recipients", "meps.csv", "cases/kanaliyev-2021.yaml"];
    let run = project.amicus(&letters);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let first = project.out("kanaliyev-2021/mep-letter/anna-muller.en.pdf");
    assert!(pdf_text(&first).contains("Müller"), "{}", pdf_text(&first));

    // Without Ms Müller, Ms Muller's letter would now take the file name `anna-muller`.
    project.write("meps.csv", "name,title\nAnna Muller,Ms\n");
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("withdrew 1 recipient"), "{}", run.stderr());
    let out = project.path().join("out");
    assert_eq!(naming(&out, &["Müller"]), Vec::<String>::new(), "{}", run.stderr());
    assert!(!first.exists(), "{}", run.stderr());

    // Ms Muller is still on the list: her letter, removed from its old file name, is built
    // again under the new one, and nothing is left to clean.
    let run = project.amicus(&letters);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(pdf_text(&first).contains("Muller"), "{}", pdf_text(&first));
    assert_eq!(naming(&out, &["anna-muller-2"]), Vec::<String>::new());
    assert!(!run.stderr().contains("amicus clean"), "{}", run.stderr());
}

#[test]
fn build_says_when_a_letter_lies_under_a_file_name_the_list_now_gives_another() {
    let project = Project::aktau();
    project.write("meps.csv", "name,title\nAnna Müller,Ms\nAnna Muller,Ms\n");
    let letters =
        ["build", "--kind", "mep-letter", "--lang", "en", "--recipients", "meps.csv", "cases/kanaliyev-2021.yaml"];
    assert_eq!(project.amicus(&letters).code(), 0);
    // Ms Müller leaves; Ms Muller's letter moves to `anna-muller`, its old file stays behind.
    project.write("meps.csv", "name,title\nAnna Muller,Ms\n");
    let run = project.amicus(&letters);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("run `amicus clean`"), "{}", run.stderr());
    // This build gave `anna-muller` to Ms Muller; her letter under the old name is what is left.
    let run = project.amicus(&letters);
    assert!(
        run.stderr()
            .contains("holds 1 document no longer made (in a language their case is no longer made in, or a letter"),
        "{}",
        run.stderr()
    );
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!project.out("kanaliyev-2021/mep-letter/anna-muller-2.en.pdf").exists(), "{}", run.stderr());
    assert!(pdf_text(&project.out("kanaliyev-2021/mep-letter/anna-muller.en.pdf")).contains("Muller"));
}

#[test]
fn documents_in_a_language_a_case_is_no_longer_made_in_are_removed() {
    let project = Project::aktau();
    let sheets = ["build", "--kind", "fact-sheet", "cases/kanaliyev-2021.yaml"];
    assert_eq!(project.amicus(&sheets).code(), 0);
    let kazakh = project.out("kanaliyev-2021/fact-sheet.kk.pdf");
    assert!(kazakh.is_file());

    // The case's documents are now made in English and Russian only: the Kazakh sheet, with
    // the facts as they were, is no longer made.
    let file = project.path().join("cases/kanaliyev-2021.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\nlanguages: [en, ru]\n")).unwrap();
    let run = project.amicus(&sheets);
    assert!(run.stderr().contains("holds 1 document no longer made"), "{}", run.stderr());
    let run = project.amicus(&["clean"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!kazakh.exists(), "{}", run.stderr());
    assert!(!project.out("kanaliyev-2021/fact-sheet.kk.typ").exists(), "{}", run.stderr());
    for kept in ["fact-sheet.en.pdf", "fact-sheet.ru.pdf"] {
        assert!(project.out(&format!("kanaliyev-2021/{kept}")).is_file(), "{kept}: {}", run.stderr());
    }
    let run = project.amicus(&sheets);
    assert!(!run.stderr().contains("amicus clean"), "{}", run.stderr());
}
