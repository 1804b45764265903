//! The templates a build reads: the project's own `templates/` folder laid over the set built
//! into amicus, file by file.
//!
//! Contract: every reader of templates (the kinds, the locale files, the minijinja loader, the
//! Typst world, the manifest's hash, `watch`, `templates export`) goes through [`Templates`].
//! A path names the project's file when the project has one, else the built-in file of that
//! name: a project without `templates/` builds with amicus's own, and a project that rewrote
//! one file (its `fact-sheet/en.typ.j2`) keeps every other built-in file. A project file must
//! lie inside the project's folder once links are followed; one that does not is an error,
//! never a silent fall back to the built-in file. Built-in files are shown in messages as
//! `<built-in>/templates/<path>`, with `amicus templates export` named as the way to edit them.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use crate::case::SourceFile;
use crate::diag::Diagnostic;
use crate::files::ReadError;

mod built_in {
    include!(concat!(env!("OUT_DIR"), "/built_in.rs"));
}

/// Where messages say a built-in file is.
pub const BUILT_IN_PREFIX: &str = "<built-in>/templates";

/// The files `amicus init` writes under `cases/`, as built in: (path, bytes).
pub fn init_files() -> &'static [(&'static str, &'static [u8])] {
    built_in::INIT
}

/// Why a template file could not be read.
#[derive(Debug)]
pub enum TemplateError {
    /// The path leaves the templates folder (`..`, an absolute path, or a link out of it).
    Outside,
    /// The project's file exists but cannot be read.
    Read(PathBuf, ReadError),
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemplateError::Outside => f.write_str("it is outside the templates folder"),
            TemplateError::Read(_, e) => write!(f, "{e}"),
        }
    }
}

/// A folder's entry, from the project, the built-in set or both.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub name: String,
    pub is_dir: bool,
}

/// The project's templates folder over the built-in templates.
#[derive(Debug, Clone)]
pub struct Templates {
    dir: PathBuf,
    /// `dir` with links resolved, when it exists: project files must resolve inside it.
    root: Option<PathBuf>,
}

impl Templates {
    pub fn new(dir: &Path) -> Templates {
        Templates { dir: dir.to_path_buf(), root: dir.canonicalize().ok() }
    }

    /// The project's folder, whether or not it exists.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The project's folder with links resolved, if it exists.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// The project's file at `relative` (`/`-separated), if the project has one inside its
    /// folder. `Err(Outside)` for a path or a link leading out of it.
    /// A link that leads nowhere is an error, not a reason to take the built-in file.
    fn project_file(&self, relative: &str) -> Result<Option<PathBuf>, TemplateError> {
        let relative = checked(relative)?;
        let path = self.dir.join(relative);
        let Some(root) = &self.root else {
            return match self.dir.symlink_metadata() {
                // `templates` is there but does not resolve: a link to nothing.
                Ok(_) => Err(TemplateError::Read(self.dir.clone(), ReadError::Io(std::io::ErrorKind::NotFound.into()))),
                Err(_) => Ok(None),
            };
        };
        match path.canonicalize() {
            Ok(real) if real.starts_with(root) => Ok(Some(real)),
            Ok(_) => Err(TemplateError::Outside),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && path.symlink_metadata().is_err() => Ok(None),
            Err(e) => Err(TemplateError::Read(path, ReadError::Io(e))),
        }
    }

    /// The bytes of the file at `relative`: the project's, else the built-in one; `None` if
    /// neither exists. A folder of the project is not a file: `Ok(None)`.
    pub fn read(&self, relative: &str, limit: u64) -> Result<Option<Cow<'static, [u8]>>, TemplateError> {
        match self.project_file(relative)? {
            Some(path) if path.is_dir() => Ok(None),
            Some(path) => crate::files::read_capped(&path, limit)
                .map(|bytes| Some(Cow::Owned(bytes)))
                .map_err(|e| TemplateError::Read(self.dir.join(relative), e)),
            None => Ok(built_in(relative).map(Cow::Borrowed)),
        }
    }

    /// A data file (a kind's `kind.toml`, a locale file) ready to parse with located errors,
    /// or `None` if neither the project nor amicus has it.
    pub fn data_file(&self, relative: &str) -> Result<Option<SourceFile>, Diagnostic> {
        let located =
            |e: TemplateError| Diagnostic::error(format!("cannot read this file: {e}")).in_file(&self.path(relative));
        match self.project_file(relative).map_err(located)? {
            // Read where the link leads; named in messages as the user wrote it.
            Some(real) => {
                SourceFile::read(&real).map(|file| Some(SourceFile { path: self.dir.join(relative), ..file }))
            }
            None => match built_in(relative) {
                Some(bytes) => Ok(Some(SourceFile::built_in(self.path(relative), bytes))),
                None => Ok(None),
            },
        }
    }

    /// Where messages say the file at `relative` is: the project's path when the project has
    /// it (or has neither it nor a built-in one), else `<built-in>/templates/<relative>`.
    pub fn path(&self, relative: &str) -> PathBuf {
        let project = self.dir.join(relative);
        if built_in(relative).is_some() && !project.exists() {
            return Path::new(BUILT_IN_PREFIX).join(relative);
        }
        project
    }

    /// The entries of the folder at `relative` (`""` for the top), project and built-in
    /// together, sorted by name; hidden project entries are left out, as in the built-in set.
    pub fn list(&self, relative: &str) -> Vec<Entry> {
        let mut entries = Vec::new();
        if let Ok(Some(dir)) = self.project_file(relative) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.starts_with('.') {
                    entries.push(Entry { is_dir: entry.path().is_dir(), name });
                }
            }
        }
        let prefix = if relative.is_empty() { String::new() } else { format!("{}/", relative.trim_end_matches('/')) };
        for (path, _) in built_in::TEMPLATES {
            let Some(rest) = path.strip_prefix(&prefix) else { continue };
            let entry = match rest.split_once('/') {
                Some((folder, _)) => Entry { name: folder.to_owned(), is_dir: true },
                None => Entry { name: rest.to_owned(), is_dir: false },
            };
            entries.push(entry);
        }
        entries.sort();
        entries.dedup_by(|a, b| a.name == b.name);
        entries
    }

    /// Every file, project and built-in together, as sorted `/`-separated paths.
    pub fn files(&self) -> Vec<String> {
        let mut files: Vec<String> = built_in::TEMPLATES.iter().map(|(path, _)| (*path).to_owned()).collect();
        if self.root.is_some() {
            walk(&self.dir, "", &mut files);
        }
        files.sort();
        files.dedup();
        files
    }

    /// Writes the built-in files under `folder` (`""` for all, `fact-sheet` for one kind,
    /// `_lib` for the library its templates import) into the project's folder, leaving every
    /// file the project already has as it is. Returns the files written and those kept. A kind
    /// comes without `_lib`: a project's copy of a library file replaces the built-in one for
    /// good, so the locale words and phrases a later amicus brings would not reach it.
    pub fn export(&self, folder: &str) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Diagnostic> {
        let mut written = Vec::new();
        let mut kept = Vec::new();
        let wanted = |path: &str| folder.is_empty() || path.starts_with(&format!("{folder}/"));
        for (path, bytes) in built_in::TEMPLATES.iter().filter(|(path, _)| wanted(path)) {
            let dest = self.dir.join(path);
            if dest.exists() {
                kept.push(dest);
                continue;
            }
            crate::scaffold::place(&dest, bytes)?;
            written.push(dest);
        }
        Ok((written, kept))
    }
}

/// The built-in file at `relative`, if there is one.
fn built_in(relative: &str) -> Option<&'static [u8]> {
    let relative = relative.trim_start_matches('/');
    built_in::TEMPLATES.binary_search_by(|(path, _)| (*path).cmp(relative)).ok().map(|i| built_in::TEMPLATES[i].1)
}

/// `relative` as a path of plain names, or `Outside` (`..`, or an absolute path such as a
/// template's `{% include "/etc/passwd" %}`).
fn checked(relative: &str) -> Result<&Path, TemplateError> {
    let path = Path::new(relative);
    match path.components().all(|c| matches!(c, Component::Normal(_))) {
        true => Ok(path),
        false => Err(TemplateError::Outside),
    }
}

/// The files under `dir`, as `/`-separated paths after `prefix`. A linked folder is not
/// entered (`templates/x -> /` would walk the disk); a linked file is listed, and read only if
/// it leads inside the folder.
fn walk(dir: &Path, prefix: &str, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = format!("{prefix}{name}");
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            walk(&entry.path(), &format!("{relative}/"), found);
        } else {
            found.push(relative);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_set_is_sorted_and_holds_every_kind_and_the_library() {
        let paths: Vec<&str> = built_in::TEMPLATES.iter().map(|(p, _)| *p).collect();
        assert!(paths.windows(2).all(|w| w[0] < w[1]), "binary search needs sorted paths");
        for needed in ["_lib/style.typ", "_lib/locale/en.toml", "fact-sheet/kind.toml", "appeal/ru.typ.j2"] {
            assert!(built_in(needed).is_some(), "{needed} is not built in");
        }
    }

    #[test]
    fn a_project_file_overrides_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("fact-sheet")).unwrap();
        std::fs::write(dir.path().join("fact-sheet/en.typ.j2"), "mine").unwrap();
        let templates = Templates::new(dir.path());
        assert_eq!(&*templates.read("fact-sheet/en.typ.j2", 100).unwrap().unwrap(), b"mine");
        assert_eq!(
            templates.read("fact-sheet/ru.typ.j2", 1_000_000).unwrap().unwrap(),
            built_in("fact-sheet/ru.typ.j2").unwrap()
        );
        assert!(templates.path("fact-sheet/ru.typ.j2").starts_with(BUILT_IN_PREFIX));
        assert_eq!(templates.path("fact-sheet/en.typ.j2"), dir.path().join("fact-sheet/en.typ.j2"));
        let names: Vec<String> = templates.list("fact-sheet").into_iter().map(|e| e.name).collect();
        assert_eq!(names.iter().filter(|n| *n == "en.typ.j2").count(), 1, "{names:?}");
        assert!(matches!(templates.read("../secret", 100), Err(TemplateError::Outside)));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_project_folder_is_refused_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("style.typ"), "secret").unwrap();
        std::fs::create_dir_all(dir.path().join("_lib")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("style.typ"), dir.path().join("_lib/style.typ")).unwrap();
        let templates = Templates::new(dir.path());
        assert!(matches!(templates.read("_lib/style.typ", 100), Err(TemplateError::Outside)));
    }
}
