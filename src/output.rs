//! Stage `write`: where documents go, and writing them so that no half-file is ever seen.
//!
//! Contract: [`Layout`] names every output path (`out/<case>/<kind>.<lang>.pdf`, digests under
//! `out/digests/`); [`write_atomic`] writes to a temporary file beside the target and renames
//! it into place, so a reader (or a crash) sees the old file or the new one, never a part.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder digests are written to, beside the case folders.
pub const DIGESTS_DIR: &str = "digests";

/// Output paths under one output folder.
#[derive(Debug, Clone)]
pub struct Layout {
    pub out_dir: PathBuf,
}

impl Layout {
    /// `out/<case-id>/<kind>.<lang>.pdf`
    pub fn case_document(&self, case_id: &str, kind: &str, lang: &str) -> PathBuf {
        self.out_dir.join(case_id).join(format!("{kind}.{lang}.pdf"))
    }

    /// `out/<case-id>/<kind>/<recipient-slug>.<lang>.pdf`
    pub fn letter(&self, case_id: &str, kind: &str, recipient_slug: &str, lang: &str) -> PathBuf {
        self.out_dir.join(case_id).join(kind).join(format!("{recipient_slug}.{lang}.pdf"))
    }

    /// The document the letters of `letter` share a source with: for
    /// `<folder>/<kind>/<recipient>.<lang>.pdf` (see [`Layout::letter`]),
    /// `<folder>/<kind>.<lang>.pdf`, whose kept source is the letters' shared one.
    pub fn letters_document(letter: &Path) -> Option<PathBuf> {
        let lang = letter.file_stem().map(Path::new).and_then(Path::extension)?.to_str()?;
        let kind_folder = letter.parent().filter(|p| !p.as_os_str().is_empty())?;
        Some(PathBuf::from(format!("{}.{lang}.pdf", kind_folder.display())))
    }

    /// `out/digests/<digest-id>.<lang>.pdf`
    pub fn digest_document(&self, digest_id: &str, lang: &str) -> PathBuf {
        self.out_dir.join(DIGESTS_DIR).join(format!("{digest_id}.{lang}.pdf"))
    }
}

/// The generated Typst source kept beside a PDF.
pub fn kept_source(pdf: &Path) -> PathBuf {
    pdf.with_extension("typ")
}

/// Where the source of a document that failed to compile is kept, for its error messages.
pub fn failed_source(pdf: &Path) -> PathBuf {
    pdf.with_extension("failed.typ")
}

/// The process that wrote a temporary of [`write_atomic`], `.<name>.amicus-<pid>-<random>.tmp`,
/// by its name; `None` for any other file: a user's own `.notes.tmp` is not amicus's to delete.
fn temporary_of(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, suffix) = inner.rsplit_once(".amicus-")?;
    let (pid, random) = suffix.split_once('-')?;
    let plain = !random.is_empty() && random.bytes().all(|b| b.is_ascii_alphanumeric());
    pid.bytes().all(|b| b.is_ascii_digit()).then(|| pid.parse().ok()).flatten().filter(|_| plain)
}

/// Whether the process that wrote a temporary is still running (this one, say: the editor
/// keeps a case file's previous version under `out/` while it builds letters there).
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
        let answer = unsafe { libc::kill(pid as libc::pid_t, 0) };
        answer == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    false
}

/// Removes temporaries a killed run left behind, so the output folder holds only whole files:
/// those of a process that is no longer running. Call it holding the folder's [`lock`], so that
/// no other run's files in flight are taken for leftovers (a process id is used again, in time). Symbolic links are never followed: a link in `out/` to another folder does not
/// make that folder's files amicus's.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        // The entry's own type: a symlink is a symlink, not the folder it leads to.
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            remove_stale_temporaries(&entry.path());
        } else if kind.is_file() && entry.file_name().to_str().and_then(temporary_of).is_some_and(|p| !running(p)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The file, in an output folder, that one run at a time holds a lock on.
pub const LOCK_FILE: &str = ".amicus-lock";

/// One run's exclusive hold on an output folder; released when dropped, or when the process
/// ends however it ends (the system lock goes with the file handle).
pub struct OutputLock {
    _file: std::fs::File,
}

/// Takes the lock on an output folder (creating the folder), first calling `waiting` if
/// another run holds it: two runs into one folder take turns instead of deleting each other's
/// files in flight (`watch` beside a manual `build` once lost 14 of 4,000 letters).
pub fn lock(dir: &Path, waiting: impl FnOnce()) -> std::io::Result<OutputLock> {
    std::fs::create_dir_all(dir)?;
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK_FILE))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock()?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    Ok(OutputLock { _file: file })
}

/// Writes `bytes` to `path` through a temporary file and a rename, and waits until the file
/// is on disk.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_new(path, bytes, true)
}

/// Writes `bytes` to `path` through a temporary file and a rename, without waiting for the
/// disk: a killed run still leaves the old file or the new one, never a part. A batch writes
/// thousands of files this way and calls [`flush_to_disk`] once at the end, because waiting
/// for the disk after each file took longer than typesetting it.
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_new(path, bytes, false)
}

/// Waits until everything written to the file system holding `dir` is on disk; an error
/// means some file may not be (a full disk, a failing one).
pub fn flush_to_disk(dir: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let folder = std::fs::File::open(dir)?;
        // SAFETY: the descriptor is open for the duration of the call.
        if unsafe { libc::syncfs(folder.as_raw_fd()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        let _ = dir;
        // SAFETY: sync takes no arguments; it reports nothing.
        unsafe { libc::sync() };
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Like [`write_atomic`], the content written by `write` as it goes rather than held whole:
/// the manifest of 100,000 letters is rewritten line by line.
pub fn write_atomic_streamed(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_new_with(path, true, true, |file| {
        let mut buffered = std::io::BufWriter::new(file);
        write(&mut buffered)?;
        buffered.flush()
    })
}

/// Like [`write_atomic`], but never over a file that is there: a file made meanwhile (by
/// hand, or by a second click in the editor) stays, and the write fails with `AlreadyExists`.
pub fn write_atomic_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_new_with(path, true, false, |file| file.write_all(bytes))
}

fn write_new(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    write_new_with(path, sync, true, |file| file.write_all(bytes))
}

fn write_new_with(
    path: &Path,
    sync: bool,
    replace: bool,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{name}.amicus-{}-", std::process::id());
    builder.prefix(&prefix).suffix(".tmp");
    // A document is read by others as any file the user makes is (the umask decides), not
    // kept to its owner as tempfile's own temporaries are.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Dropped unpersisted (an error on the way), the temporary removes itself.
    let mut temp = builder.tempfile_in(dir)?;
    write(temp.as_file_mut())?;
    if sync {
        temp.as_file().sync_all()?;
    }
    match replace {
        true => temp.persist(path).map_err(|e| e.error)?,
        false => temp.persist_noclobber(path).map_err(|e| e.error)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_amicus_temporaries_count_as_temporaries() {
        assert_eq!(temporary_of(".fact-sheet.en.pdf.amicus-4242-x7Rq2b.tmp"), Some(4242));
        assert_eq!(temporary_of(".notes.tmp"), None);
        assert_eq!(temporary_of(".draft.v2-final.tmp"), None);
        assert_eq!(temporary_of(".notes.2024-report.tmp"), None);
        assert_eq!(temporary_of("fact-sheet.en.pdf.amicus-4242-x7Rq2b.tmp"), None);
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.pdf")]);
        #[cfg(unix)]
        {
            // The mode of any file the user makes, not tempfile's owner-only 0600.
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            let plain = dir.path().join("plain");
            std::fs::File::create(&plain).unwrap();
            assert_eq!(mode(&path), mode(&plain));
        }
    }
}
