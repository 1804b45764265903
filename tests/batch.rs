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

#[test]
fn a_killed_batch_leaves_only_complete_pdfs() {
    let project = Project::examples();
    let mut csv = String::from("name,title\n");
    for i in 0..200 {
        csv.push_str(&format!("Member Number{i},Dr\n"));
    }
    let recipients = project.write("meps.csv", &csv);
    let out = project.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(["build", "--recipients", recipients.to_str().unwrap(), "--root", project.path().to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as the first documents are on disk, in the middle of the batch.
    let started = Instant::now();
    while pdfs(&out).len() < 3 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let written = pdfs(&out);
    assert!(written.len() >= 3, "nothing was built before the kill");
    assert!(written.len() < 18 + 400, "the batch finished before it could be killed");
    for pdf in &written {
        let bytes = std::fs::read(pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{} is not a PDF", pdf.display());
        assert!(bytes.trim_ascii_end().ends_with(b"%%EOF"), "{} is cut short", pdf.display());
        let check = Command::new("qpdf").arg("--check").arg(pdf).output().expect("qpdf is installed");
        assert!(check.status.success(), "{} fails qpdf --check", pdf.display());
    }

    // The next run finishes the batch and leaves no temporary file behind.
    let run = project.amicus(&["build", "--recipients", recipients.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(pdfs(&out).len(), 18 + 400);
    assert_eq!(temporaries(&out), 0);
}
