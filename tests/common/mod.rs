//! Test helpers: a throwaway copy of the project, the `amicus` binary run inside it, and
//! PDFs read back as text with poppler (`pdftotext`, `pdfinfo`; `.ci/run` installs them).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary project folder: the shipped templates and shared entities, and chosen cases.
pub struct Project {
    pub dir: tempfile::TempDir,
    /// Environment every run of amicus in the project gets.
    env: Vec<(&'static str, String)>,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Project {
    /// The shipped example project: cases, digests, shared entities and templates.
    pub fn examples() -> Project {
        let project = Project::templates_only();
        copy_dir(&repo().join("cases"), &project.path().join("cases"));
        project
    }

    /// The seed report's two Aktau cases and its digest, with the shipped templates and shared
    /// entities: a project whose document count tests can rely on. Its documents are dated,
    /// and judged, on 22 December 2021 (`SOURCE_DATE_EPOCH`), the week after the verdicts,
    /// when the appeals were open: built today, they would not be.
    pub fn aktau() -> Project {
        let mut project = Project::templates_only();
        project.env.push(("SOURCE_DATE_EPOCH", "1640131200".to_owned()));
        for file in ["cases/ismakova-2021.yaml", "cases/kanaliyev-2021.yaml"] {
            std::fs::copy(repo().join(file), project.path().join(file)).unwrap();
        }
        copy_dir(&repo().join("cases/_digests"), &project.path().join("cases/_digests"));
        project
    }

    /// The shipped templates and shared entities, without any case or digest.
    pub fn templates_only() -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("templates"), &dir.path().join("templates"));
        copy_dir(&repo().join("cases/_shared"), &dir.path().join("cases/_shared"));
        Project { dir, env: Vec::new() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Runs `amicus <args> --root <project> --color never` from inside the project.
    pub fn amicus(&self, args: &[&str]) -> Run {
        self.amicus_with_env(args, &[])
    }

    /// Like [`Project::amicus`], with environment variables set.
    pub fn amicus_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_amicus"))
            .env_remove("SOURCE_DATE_EPOCH")
            .envs(self.env.iter().map(|(k, v)| (*k, v.as_str())))
            .envs(env.iter().copied())
            .args(args)
            .args(["--root", self.path().to_str().unwrap(), "--color", "never"])
            .current_dir(self.path())
            .output()
            .expect("the amicus binary runs");
        Run { output, root: self.path().to_path_buf() }
    }

    /// Adds a kind whose only template is `template` (English) and builds it for one case.
    pub fn build_kind(&self, case: &str, kind: &str, template: &str) -> Run {
        self.write(&format!("templates/{kind}/en.typ.j2"), template);
        self.amicus(&["build", case, "--kind", kind])
    }

    /// Removes a top-level block (`appeal:` up to the blank line that ends it) from a case file.
    pub fn cut_block(&self, case: &str, key: &str) {
        let path = self.path().join(case);
        let text = std::fs::read_to_string(&path).unwrap();
        let start = text.find(&format!("\n{key}:\n")).unwrap_or_else(|| panic!("{case} has no `{key}:` block"));
        let end = start + text[start..].find("\n\n").unwrap_or(text.len() - start);
        std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    }

    pub fn out(&self, relative: &str) -> PathBuf {
        self.path().join("out").join(relative)
    }
}

/// A finished run of the binary.
pub struct Run {
    pub output: Output,
    root: PathBuf,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output.status.code().expect("exited normally")
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    /// Standard error with the temporary folder replaced by `[root]`, for snapshots.
    pub fn stderr(&self) -> String {
        let text = String::from_utf8_lossy(&self.output.stderr).into_owned();
        let root = self.root.to_str().unwrap();
        let canonical = self.root.canonicalize().unwrap();
        text.replace(canonical.to_str().unwrap(), "[root]").replace(root, "[root]")
    }
}

/// The text of a PDF with white space folded and bidi controls removed, for `contains` checks.
pub fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed; .ci/run installs it");
    assert!(output.status.success(), "pdftotext failed on {}", path.display());
    fold(&String::from_utf8_lossy(&output.stdout))
}

/// Every file under `dir`, in its subfolders too.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        match entry.path().is_dir() {
            true => files.extend(walk(&entry.path())),
            false => files.push(entry.path()),
        }
    }
    files
}

/// Folds white space, drops the direction controls (those pdftotext adds around RTL runs and
/// those amicus closes a value's own with) and the word joiner that keeps a range of numbers
/// on one line, and
/// rejoins words Typst broke across lines after a hyphen ("общественно-\nполитическую").
pub fn fold(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(
            |c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{2060}'),
        )
        .collect();
    let folded = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in chars.iter().enumerate() {
        let broken_after_hyphen = c == ' '
            && i >= 2
            && chars[i - 1] == '-'
            && chars[i - 2].is_alphabetic()
            && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if !broken_after_hyphen {
            out.push(c);
        }
    }
    out
}

pub fn page_count(path: &Path) -> usize {
    let output = Command::new("pdfinfo").arg(path).output().expect("pdfinfo (poppler-utils) is installed");
    let info = String::from_utf8_lossy(&output.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports a page count")
}

/// Asserts that `text` holds every one of `facts`, listing all that are missing.
pub fn assert_holds(text: &str, facts: &[&str], what: &str) {
    let missing: Vec<&&str> = facts.iter().filter(|f| !text.contains(&fold(f))).collect();
    assert!(missing.is_empty(), "{what} lacks {missing:#?}\n--- text ---\n{text}");
}
