//! Batches are atomic per document: a run killed in the middle leaves only whole PDFs, and
//! the next run clears what the killed one left half-written.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Project, walk};

fn pdfs(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    walk(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect()
}

fn temporaries(dir: &std::path::Path) -> usize {
    walk(dir).iter().filter(|p| p.to_string_lossy().ends_with(".tmp")).count()
}

/// Starts `amicus <args>` in the project, in the background, and returns once it has written
/// its first PDFs under `out`: in the middle of its batch.
fn start_batch(project: &Project, args: &[&str], out: &std::path::Path) -> std::process::Child {
    let child = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .args(["--root", project.path().to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while pdfs(out).len() < 3 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    child
}

/// A recipients list of `n` synthetic Members, as `meps.csv` in the project.
fn members(project: &Project, n: usize) -> std::path::PathBuf {
    let rows: String = (0..n).map(|i| format!("Member Number{i},Dr\n")).collect();
    project.write("meps.csv", &format!("name,title\n{rows}"))
}

#[test]
fn a_killed_batch_leaves_only_complete_pdfs() {
    let project = Project::aktau();
    let recipients = members(&project, 200);
    let out = project.path().join("out");
    // Kill it as soon as the first documents are on disk, in the middle of the batch.
    let mut child = start_batch(&project, &["build", "--recipients", recipients.to_str().unwrap()], &out);
    child.kill().unwrap();
    child.wait().unwrap();
    let written = pdfs(&out);
    assert!(written.len() >= 3, "nothing was built before the kill");
    assert!(written.len() < 22 + 400, "the batch finished before it could be killed");
    for pdf in &written {
        let bytes = std::fs::read(pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{} is not a PDF", pdf.display());
        assert!(bytes.trim_ascii_end().ends_with(b"%%EOF"), "{} is cut short", pdf.display());
        if let Err(problem) = common::check_well_formed(pdf) {
            panic!("{} is not well formed: {problem}", pdf.display());
        }
    }

    // The next run finishes the batch and leaves no temporary file behind.
    let run = project.amicus(&["build", "--recipients", recipients.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(pdfs(&out).len(), 22 + 400);
    assert_eq!(temporaries(&out), 0);
}

/// A list longer than the chunks it is read in (512 people): every letter is built once,
/// under its recipient's name, and a change to two people in later chunks rebuilds their
/// letters alone.
#[test]
fn a_long_list_is_built_a_chunk_at_a_time() {
    let project = Project::aktau();
    let recipients = members(&project, 1100);
    let build = || {
        let args = ["build", "-v", "--kind", "mep-letter", "cases/ismakova-2021.yaml", "--recipients"];
        let run = project.amicus(&[&args[..], &[recipients.to_str().unwrap()]].concat());
        assert_eq!(run.code(), 0, "{}", run.stderr());
        let built: Vec<String> = run
            .stderr()
            .lines()
            .filter_map(|line| line.strip_prefix("built [root]/out/ismakova-2021/mep-letter/"))
            .map(str::to_owned)
            .collect();
        (built, run.stderr())
    };
    let (built, _) = build();
    assert_eq!(built.len(), 1100);
    let letters = pdfs(&project.path().join("out/ismakova-2021/mep-letter"));
    assert_eq!(letters.len(), 1100);
    assert!(project.out("ismakova-2021/mep-letter/member-number1099.en.pdf").is_file());

    let csv = std::fs::read_to_string(&recipients).unwrap();
    let csv = csv
        .replace("Member Number600,Dr\n", "Member Number600,Prof\n")
        .replace("Member Number1099,Dr\n", "Member Number1099,Prof\n");
    std::fs::write(&recipients, csv).unwrap();
    let (mut built, stderr) = build();
    built.sort();
    assert_eq!(built, ["member-number1099.en.pdf", "member-number600.en.pdf"], "{stderr}");
    assert!(stderr.contains("2 built, 1098 up to date, 0 failed"), "{stderr}");
}

/// Two runs into one output folder take turns: a quick build started beside a long one waits,
/// says so, and deletes none of the long one's files in flight (every letter is built).
#[test]
fn runs_into_one_folder_take_turns() {
    let project = Project::aktau();
    let recipients = members(&project, 150);
    let out = project.path().join("out");
    // A first quick build makes the folder, so that the long run locks it from its start.
    assert_eq!(
        project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "fact-sheet", "--lang", "en"]).code(),
        0
    );
    let long =
        start_batch(&project, &["build", "--kind", "mep-letter", "--recipients", recipients.to_str().unwrap()], &out);
    let quick =
        project.amicus(&["build", "--force", "cases/ismakova-2021.yaml", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(quick.code(), 0, "{}", quick.stderr());
    assert!(quick.stderr().contains("waiting: another amicus run is writing to"), "{}", quick.stderr());
    let long = long.wait_with_output().unwrap();
    assert!(long.status.success(), "the long run failed");
    let letters = walk(&out).iter().filter(|p| p.to_string_lossy().contains("/mep-letter/")).count();
    assert_eq!(letters, 2 * 150, "letters were lost");
    assert_eq!(temporaries(&out), 0);
}

/// Cleaning up after a killed run touches only what amicus names its temporaries, and never
/// follows a link out of the output folder.
#[cfg(unix)]
#[test]
fn cleanup_removes_only_amicus_temporaries_and_follows_no_link() {
    let project = Project::aktau();
    let elsewhere = project.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join(".report.pdf.amicus-1234-Zz9yX8.tmp"), "someone else's").unwrap();
    std::fs::create_dir_all(project.path().join("out")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, project.path().join("out/linked")).unwrap();
    std::fs::write(project.path().join("out/.notes.tmp"), "the user's own").unwrap();
    // Left by a run that is over (a process that has ended), and by one still writing (this one).
    let mut ended = std::process::Command::new("true").spawn().unwrap();
    ended.wait().unwrap();
    let leftover = project.path().join(format!("out/.fact-sheet.en.pdf.amicus-{}-a1B2c3.tmp", ended.id()));
    std::fs::write(&leftover, "left by a killed run").unwrap();
    let in_flight = project.path().join(format!("out/.letter.pdf.amicus-{}-a1B2c3.tmp", std::process::id()));
    std::fs::write(&in_flight, "being written").unwrap();
    let run = project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(elsewhere.join(".report.pdf.amicus-1234-Zz9yX8.tmp").exists(), "a file behind a link was deleted");
    assert!(project.path().join("out/.notes.tmp").exists(), "a file amicus did not name was deleted");
    assert!(!leftover.exists(), "a leftover temporary stayed");
    assert!(in_flight.exists(), "a running process's file in flight was deleted");
}
