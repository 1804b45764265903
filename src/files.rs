//! Reading the files a user or a template names: regular files only, never more than a cap.
//!
//! Contract: [`read_capped`] opens without waiting (a FIFO would otherwise block the build
//! until something writes to it, for ever), refuses what is not a regular file once opened
//! (a device reports size 0 and never ends: `/dev/zero` behind a symlink grew a case file to
//! 6 GB in 13 s), and reads at most `limit` bytes whatever the file's size claims. The readers
//! of project files go through it: case and shared files, digests, locale and kind files,
//! recipients lists, templates, the files Typst reads, the photos cases attach (whose path
//! `check` also tests) and the manifest.

use std::io::Read;
use std::path::Path;

/// Templates: far above any real one. (Case, shared, locale and kind files are data files,
/// capped by `case::MAX_FILE_BYTES`.)
pub const TEMPLATE_LIMIT: u64 = 5_000_000;
/// The build manifest: about 200 bytes a document, so a million documents.
pub const MANIFEST_LIMIT: u64 = 200_000_000;
/// Files Typst reads from the templates folder (fonts and pictures among them).
pub const TYPST_FILE_LIMIT: u64 = 64_000_000;
/// A photo a case attaches.
pub const PHOTO_LIMIT: u64 = 20_000_000;
/// A recipients list: the Parliament's list of Members is about 200 KB; a CSV of 100,000
/// letters about 10 MB.
pub const RECIPIENTS_LIMIT: u64 = 50_000_000;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A device, a pipe, a socket or a folder.
    NotAFile,
    /// Larger than the limit; `size` as far as it is known.
    TooLarge {
        size: u64,
        limit: u64,
    },
}

impl ReadError {
    /// What is wrong with the file, to follow "it is" or its name and "is".
    pub fn what(&self) -> String {
        match self {
            ReadError::Io(e) => format!("unreadable: {e}"),
            ReadError::NotAFile => "not a regular file (a device, a pipe or a folder)".to_owned(),
            ReadError::TooLarge { size, limit } => {
                format!("{} MB; the limit is {} MB", size.div_ceil(1_000_000), limit / 1_000_000)
            }
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            other => write!(f, "it is {}", other.what()),
        }
    }
}

/// Whether what `metadata` describes may be read: a regular file of at most `limit` bytes.
fn readable(metadata: &std::fs::Metadata, limit: u64) -> Result<(), ReadError> {
    if !metadata.is_file() {
        return Err(ReadError::NotAFile);
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { size: metadata.len(), limit });
    }
    Ok(())
}

/// Checks, without opening it, that `path` (links followed) is a regular file of at most
/// `limit` bytes: for files another stage reads later, such as a case's photo.
pub fn check_readable(path: &Path, limit: u64) -> Result<(), ReadError> {
    readable(&std::fs::metadata(path)?, limit)
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

/// The bytes of a regular file of at most `limit` bytes.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (mut file, metadata) = open_capped(path, limit)?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// A regular file of at most `limit` bytes opened for reading, to read as it goes (no more than
/// `limit` and one byte), and what it was when opened.
pub fn open_capped(path: &Path, limit: u64) -> Result<(std::io::Take<std::fs::File>, std::fs::Metadata), ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading waits for a writer unless told not to.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    // The opened file, not the path: a symlink swapped after a check cannot slip past this.
    let metadata = file.metadata()?;
    readable(&metadata, limit)?;
    Ok((file.take(limit + 1), metadata))
}

/// Like [`read_capped`], as UTF-8 text (an `InvalidData` error when it is not).
pub fn read_text_capped(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_capped(path, limit)?;
    String::from_utf8(bytes)
        .map_err(|e| ReadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error())))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn devices_pipes_and_folders_are_refused_at_once() {
        assert!(matches!(read_capped(Path::new("/dev/zero"), 1000), Err(ReadError::NotAFile)));
        assert!(matches!(read_capped(Path::new("/tmp"), 1000), Err(ReadError::NotAFile)));
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.yaml");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        // Returns at once: nothing ever writes to the pipe.
        assert!(matches!(read_capped(&fifo, 1000), Err(ReadError::NotAFile)));
    }

    #[test]
    fn files_over_the_limit_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, vec![b'x'; 2001]).unwrap();
        assert!(matches!(read_capped(&path, 2000), Err(ReadError::TooLarge { size: 2001, limit: 2000 })));
        assert_eq!(read_capped(&path, 2001).unwrap().len(), 2001);
    }
}

/// `path` resolved (links, `..`) when it can be, as given when not (it is missing or
/// unreadable): how paths are compared with those a manifest recorded.
pub fn canonical_or_given(path: &Path) -> std::path::PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}
