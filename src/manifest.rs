//! What was built from what, so that a document whose inputs have not changed is not built
//! again.
//!
//! Contract: the manifest, `<out>/.amicus-manifest.jsonl`, has one line per document: its
//! path in the output folder, the hash of its inputs, and the files it wrote with their sizes.
//! A document is up to date when its inputs hash the same and each of its files is still there
//! with the same size. A line may also hold the hash of the files it was made from, taken
//! before rendering (`sources`): the same again, the document is up to date without being
//! rendered. [`Manifest::record`] appends a line as each document is written, so a killed run
//! keeps what it finished (a cut-off last line is ignored); when a document was recorded twice,
//! [`Manifest::save`] rewrites the file at the end of the run with one line per document,
//! reading it back line by line. A `Manifest` holds, of the lines it loaded, where each
//! document's last line is in the file, by a hash of the document's path, and reads a line when
//! asked: 100,000 letters' lines are 52 MB, which a no-op rebuild held whole (262 MB at its
//! peak; now 38 MB). It is not told what a run adds (that is on disk; load the manifest again
//! to see it), but a document it loaded and the run recorded again is looked up at its new
//! line. Each line also says whom the document is about ([`About`]), so that `amicus clean` can
//! find the documents of a case, a defendant or a recipient that no longer exists, and those
//! that name them.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::output;
use crate::templates::Templates;

/// The manifest's file name in the output folder.
pub const MANIFEST_FILE: &str = ".amicus-manifest.jsonl";

/// What one document was built from and what it wrote.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Entry {
    /// The document's path relative to the output folder (`kanaliyev-2021/fact-sheet.en.pdf`).
    document: String,
    /// The hash of everything the document was made from, its generated source included.
    inputs: String,
    /// The hash of the files and settings it was made from, before rendering; absent from
    /// lines written before amicus recorded it, and for letters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sources: Option<String>,
    /// The files written, relative to the output folder, and their sizes in bytes.
    files: Vec<(String, u64)>,
    /// Whom the document is about; absent from lines written before amicus recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    about: Option<About>,
}

impl Entry {
    fn recorded(&self) -> Recorded<'_> {
        Recorded {
            document: &self.document,
            files: self.files.iter().map(|(file, _)| file.as_str()).collect(),
            about: self.about.as_ref(),
        }
    }
}

/// Whom a document is about and how it was built: what `amicus clean` needs to tell the
/// documents of a withdrawn case, defendant or recipient, and to build again, as they were
/// built, the documents that named them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct About {
    /// The case whose folder the document is in; none for a digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    /// The defendant a document about one person of a case that lists `defendants` concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defendant: Option<String>,
    /// The digest, for a digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// Everyone the document may name, as `amicus clean` labels people: the case's id for a
    /// one-person case, `<case>/<defendant>` for each person a case lists (a document about
    /// one of them may name the others: "tried together with"), those of every case a digest
    /// selects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// The case file the document was made from: while it is there, a case built from a file
    /// outside `cases/` is not taken for withdrawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_file: Option<PathBuf>,
    /// A letter's recipient (their file name in the letters' folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// The recipient's name as the list gave it: two names can make one file name (`Müller`,
    /// `Muller`), and a list without one of them gives the other its file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_name: Option<String>,
    /// The recipients list a letter was built from, and the file joined to it (`--join`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join: Option<PathBuf>,
    /// The date the run was given (`--date`, or `SOURCE_DATE_EPOCH`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Whether the run refused drafts (`--final`); absent from lines written before amicus
    /// recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_only: Option<bool>,
}

/// What a document was made from, as the manifest records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MadeFrom {
    /// The hash of its inputs, the generated source included.
    pub inputs: u128,
    /// The hash of its files and settings before rendering, when recorded.
    pub sources: Option<u128>,
}

/// One document as the manifest records it, for `amicus clean`.
pub struct Recorded<'a> {
    /// Its path relative to the output folder, the manifest's key for it.
    pub document: &'a str,
    /// The files it wrote, relative to the output folder.
    pub files: Vec<&'a str>,
    /// Whom it is about; `None` on a line written before amicus recorded it.
    pub about: Option<&'a About>,
}

/// The manifest of one output folder.
pub struct Manifest {
    out_dir: PathBuf,
    /// Where the last line of each document loaded is, by the hash of its path.
    places: HashMap<u128, Place>,
    /// The file, open to read the lines `places` points to; none when there was no file.
    reader: Option<File>,
    /// Every entry, read when asked for all of them (`amicus clean`, `amicus send`).
    whole: OnceCell<Vec<Entry>>,
    journal: Option<File>,
    /// Whether the file differs from one line per entry: a document loaded was recorded again,
    /// or a document appears twice (a run appended a line and was stopped before `save`).
    changed: bool,
    /// Whether the file ends in the middle of a line (a run was killed while appending): the
    /// next line appended must start on a line of its own.
    cut_off: bool,
}

/// Where one line is in the manifest file, its end of line left out.
#[derive(Debug, Clone, Copy)]
struct Place {
    offset: u64,
    len: u32,
}

impl Manifest {
    /// Reads the manifest of `out_dir`; a missing or unreadable one is empty (everything is
    /// built). A line that is not UTF-8 or not an entry is skipped, the others kept.
    pub fn load(out_dir: &Path) -> Manifest {
        match Manifest::read(out_dir) {
            Ok(Some((manifest, _))) => manifest,
            _ => Manifest::empty(out_dir),
        }
    }

    /// Reads the manifest of `out_dir` for `amicus clean`, which must not take an unreadable
    /// one for an empty one: `None` when there is none; an error when it cannot be read (too
    /// large, not a file, a read error). With the manifest, how many whole lines (ending in a
    /// new line) could not be read: each may be a document's record, lost if the file is
    /// rewritten. A cut-off last line (a killed run) is not counted. The file is read line by
    /// line, each parsed and forgotten but for where it is.
    pub fn read(out_dir: &Path) -> Result<Option<(Manifest, usize)>, crate::files::ReadError> {
        let path = out_dir.join(MANIFEST_FILE);
        if std::fs::symlink_metadata(&path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            return Ok(None);
        }
        let (file, _) = crate::files::open_capped(&path, crate::files::MANIFEST_LIMIT)?;
        let mut places: HashMap<u128, Place> = HashMap::new();
        let (mut lines, mut unread, mut cut_off) = (0, 0, false);
        let size = each_line(file, |line| {
            lines += 1;
            cut_off = !line.whole;
            let entry = std::str::from_utf8(line.bytes).ok().and_then(|l| serde_json::from_str::<Entry>(l).ok());
            match entry {
                Some(entry) => {
                    let place = Place { offset: line.offset, len: line.bytes.len() as u32 };
                    places.insert(hash_inputs(&entry.document), place);
                }
                None if line.whole => unread += 1,
                None => {}
            }
        })?;
        if size > crate::files::MANIFEST_LIMIT {
            return Err(crate::files::ReadError::TooLarge { size, limit: crate::files::MANIFEST_LIMIT });
        }
        let changed = lines != places.len();
        let reader = Some(File::open(&path)?);
        let manifest = Manifest {
            out_dir: out_dir.to_path_buf(),
            places,
            reader,
            whole: OnceCell::new(),
            journal: None,
            changed,
            cut_off,
        };
        Ok(Some((manifest, unread)))
    }

    fn empty(out_dir: &Path) -> Manifest {
        Manifest {
            out_dir: out_dir.to_path_buf(),
            places: HashMap::new(),
            reader: None,
            whole: OnceCell::new(),
            journal: None,
            changed: false,
            cut_off: false,
        }
    }

    /// Whether `document` was built from `inputs` and every file it wrote is still there as
    /// it was written; if not, it must be built.
    pub fn is_current(&self, document: &Path, inputs: u128) -> bool {
        self.intact(document).is_some_and(|made| made.inputs == inputs)
    }

    /// What `document` was made from, if it was recorded and every file it wrote is still
    /// there as it was written.
    pub fn intact(&self, document: &Path) -> Option<MadeFrom> {
        let entry = self.entry(&self.relative(document))?;
        let intact =
            |(file, size): &(String, u64)| std::fs::metadata(self.out_dir.join(file)).is_ok_and(|m| m.len() == *size);
        if entry.files.is_empty() || !entry.files.iter().all(intact) {
            return None;
        }
        let parse = |hex: &str| u128::from_str_radix(hex, 16).ok();
        Some(MadeFrom { inputs: parse(&entry.inputs)?, sources: entry.sources.as_deref().and_then(parse) })
    }

    /// Records that `document` was built from `inputs` and wrote `files`, on disk at once.
    pub fn record(&mut self, document: &Path, inputs: u128, files: &[PathBuf]) -> std::io::Result<()> {
        self.record_about(document, MadeFrom { inputs, sources: None }, files, None)
    }

    /// Like [`Manifest::record`], with the sources' hash too, saying whom the document is about.
    pub fn record_about(
        &mut self,
        document: &Path,
        made: MadeFrom,
        files: &[PathBuf],
        about: Option<About>,
    ) -> std::io::Result<()> {
        let files = files
            .iter()
            .map(|file| Ok((self.relative(file), std::fs::metadata(file)?.len())))
            .collect::<std::io::Result<Vec<_>>>()?;
        let sources = made.sources.map(hex);
        self.append(Entry { document: self.relative(document), inputs: hex(made.inputs), sources, files, about })
    }

    /// Records that `document`, found up to date once rendered, is made from `sources`: the
    /// next run knows it without rendering it.
    pub fn confirm(&mut self, document: &Path, sources: u128) -> std::io::Result<()> {
        match self.entry(&self.relative(document)) {
            Some(entry) if entry.sources != Some(hex(sources)) => {
                self.append(Entry { sources: Some(hex(sources)), ..entry })
            }
            _ => Ok(()),
        }
    }

    fn append(&mut self, entry: Entry) -> std::io::Result<()> {
        let mut line = serde_json::to_string(&entry).expect("an entry serializes");
        line.push('\n');
        if self.journal.is_none() {
            std::fs::create_dir_all(&self.out_dir)?;
            let mut journal =
                std::fs::OpenOptions::new().create(true).append(true).open(self.out_dir.join(MANIFEST_FILE))?;
            if std::mem::take(&mut self.cut_off) {
                journal.write_all(b"\n")?;
            }
            self.journal = Some(journal);
        }
        let journal = self.journal.as_mut().expect("opened above");
        let offset = journal.metadata()?.len();
        // One write per line: a killed run leaves at most one cut-off line.
        journal.write_all(line.as_bytes())?;
        // What was loaded points to its new line; what is new stays on disk only. Only then
        // does the file hold a document twice (a new document is recorded once a run).
        if let Some(place) = self.places.get_mut(&hash_inputs(&entry.document)) {
            *place = Place { offset, len: line.len() as u32 - 1 };
            self.whole = OnceCell::new();
            self.changed = true;
        }
        Ok(())
    }

    /// The entry of `document` (its path relative to the output folder), read from its line.
    fn entry(&self, document: &str) -> Option<Entry> {
        let place = self.places.get(&hash_inputs(&document))?;
        self.read_entry(*place).filter(|entry| entry.document == document)
    }

    /// Every document recorded, in the order of their paths.
    pub fn documents(&self) -> Vec<Recorded<'_>> {
        self.all().iter().map(Entry::recorded).collect()
    }

    /// Calls `each` with every document recorded, one at a time and in no order, holding
    /// only that one: what `build` looks through for documents no longer made.
    pub fn each(&self, mut each: impl FnMut(Recorded<'_>)) {
        for entry in self.places.values().filter_map(|place| self.read_entry(*place)) {
            each(entry.recorded());
        }
    }

    /// Every entry loaded, in the order of their paths, read once.
    fn all(&self) -> &[Entry] {
        self.whole.get_or_init(|| {
            let mut entries: Vec<Entry> = self.places.values().filter_map(|place| self.read_entry(*place)).collect();
            entries.sort_by(|a, b| a.document.cmp(&b.document));
            entries
        })
    }

    /// The entry on the line at `place`.
    fn read_entry(&self, place: Place) -> Option<Entry> {
        let mut bytes = vec![0; place.len as usize];
        read_exact_at(self.reader.as_ref()?, &mut bytes, place.offset).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Forgets one document (its path relative to the output folder); [`Manifest::rewrite`]
    /// then drops its lines from the file.
    pub fn remove(&mut self, document: &str) {
        if self.places.remove(&hash_inputs(&document)).is_some() {
            self.whole = OnceCell::new();
            self.changed = true;
        }
    }

    /// Rewrites the file from what was loaded, with one line per document in the order of
    /// their paths, whatever changed, and removes it when no document is left: every line
    /// appended before, those about documents since forgotten among them, is gone from it
    /// (`amicus clean` must leave no line naming a withdrawn person). For a manifest that
    /// records nothing itself.
    pub fn rewrite(mut self) -> std::io::Result<()> {
        self.journal = None;
        if self.places.is_empty() {
            return match std::fs::remove_file(self.out_dir.join(MANIFEST_FILE)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        let mut text = String::new();
        for entry in self.all() {
            text.push_str(&serde_json::to_string(entry).expect("an entry serializes"));
            text.push('\n');
        }
        output::write_atomic(&self.out_dir.join(MANIFEST_FILE), text.as_bytes())
    }

    /// Forgets every document: the next run builds them all.
    pub fn forget(&mut self) {
        self.journal = None;
        self.places.clear();
        self.whole = OnceCell::new();
        self.changed = false;
        let _ = std::fs::remove_file(self.out_dir.join(MANIFEST_FILE));
    }

    /// Rewrites the file with one line per document, the last recorded of each, if it may
    /// hold more: read back twice, line by line, so that memory holds a hash per document and
    /// not its entry. Lines keep their order; lines that cannot be read are dropped.
    pub fn save(&mut self) -> std::io::Result<()> {
        self.journal = None;
        if !std::mem::take(&mut self.changed) {
            return Ok(());
        }
        let path = self.out_dir.join(MANIFEST_FILE);
        let mut last: HashMap<u128, usize> = HashMap::new();
        let mut lines = 0;
        each_line(File::open(&path)?, |line| {
            if !line.whole {
                return;
            }
            lines += 1;
            if let Some(entry) =
                std::str::from_utf8(line.bytes).ok().and_then(|l| serde_json::from_str::<Entry>(l).ok())
            {
                last.insert(hash_inputs(&entry.document), line.index);
            }
        })?;
        if last.len() == lines {
            return Ok(());
        }
        let mut kept = vec![false; lines];
        last.into_values().for_each(|index| kept[index] = true);
        output::write_atomic_streamed(&path, |out| {
            let mut written = Ok(());
            each_line(File::open(&path)?, |line| {
                if line.whole && kept[line.index] && written.is_ok() {
                    written = out.write_all(line.bytes).and_then(|()| out.write_all(b"\n"));
                }
            })?;
            written
        })
    }

    fn relative(&self, path: &Path) -> String {
        key(&self.out_dir, path)
    }
}

/// One line of the manifest file, without its end.
struct Line<'a> {
    /// Its place among the lines, and in bytes from the start of the file.
    index: usize,
    offset: u64,
    bytes: &'a [u8],
    /// Whether it ends in a new line: only the last may not (cut off by a killed run).
    whole: bool,
}

/// Calls `each` with every line of `file`, read in pieces, never whole; the number of bytes
/// read.
fn each_line(file: impl std::io::Read, mut each: impl FnMut(Line)) -> std::io::Result<u64> {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::new(file);
    let mut bytes = Vec::new();
    let (mut index, mut offset) = (0, 0);
    loop {
        bytes.clear();
        let read = reader.read_until(b'\n', &mut bytes)? as u64;
        if read == 0 {
            return Ok(offset);
        }
        let whole = bytes.pop_if(|b| *b == b'\n').is_some();
        each(Line { index, offset, bytes: &bytes, whole });
        (index, offset) = (index + 1, offset + read);
    }
}

/// Reads `buf.len()` bytes of `file` from `offset`, without moving a cursor (the file is
/// shared by every lookup).
#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    let mut done = 0;
    while done < buf.len() {
        match std::os::windows::fs::FileExt::seek_read(file, &mut buf[done..], offset + done as u64)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => done += n,
        }
    }
    Ok(())
}

/// How the manifest names a file of `out_dir`: its path relative to the folder, with `/`.
pub fn key(out_dir: &Path, path: &Path) -> String {
    path.strip_prefix(out_dir).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// A hash of a document's inputs: 128 bits, so that two different inputs never meet.
pub fn hash_inputs(inputs: &impl std::hash::Hash) -> u128 {
    typst::utils::hash128(inputs)
}

/// A hash as the manifest writes it: 32 hexadecimal digits.
fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

/// What identifies this build of amicus: its version, and the size and time of its executable,
/// so that a rebuilt binary (new escaping, new typesetting) rebuilds every document.
pub fn tool_identity() -> String {
    let binary = std::env::current_exe().and_then(std::fs::metadata).ok();
    let size = binary.as_ref().map_or(0, std::fs::Metadata::len);
    let modified = binary.and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    format!("amicus {} {size} {}", env!("CARGO_PKG_VERSION"), modified.map_or(0, |d| d.as_nanos()))
}

/// A hash of every template file Typst may read, the project's and the built-in ones (all but
/// the minijinja templates and the locale files, whose effect is already in the generated
/// source: a Kazakh word changed rebuilds only what prints it). Like Typst, it reads only
/// regular files inside the folder: not what a symlink leads to outside, nor a pipe that
/// would never end.
pub fn hash_typst_files(templates: &Templates) -> u128 {
    let contents: Vec<(String, Vec<u8>)> = templates
        .files()
        .into_iter()
        .filter(|f| !f.ends_with(".j2") && !f.starts_with(&format!("{}/", crate::locale::LOCALE_DIR)))
        .filter_map(|f| {
            let bytes = templates.read(&f, crate::files::TYPST_FILE_LIMIT).ok()??;
            Some((f, bytes.into_owned()))
        })
        .collect();
    hash_inputs(&contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_document_is_current_until_its_inputs_or_files_change() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let pdf = out.join("case/fact-sheet.en.pdf");
        output::write_atomic(&pdf, b"%PDF-1.7 one").unwrap();
        let mut manifest = Manifest::load(out);
        assert!(!manifest.is_current(&pdf, 0xaa), "an empty manifest knows nothing");
        manifest.record(&pdf, 0xaa, std::slice::from_ref(&pdf)).unwrap();
        assert!(!manifest.is_current(&pdf, 0xaa), "what a run adds is on disk, not in memory");
        let mut manifest = Manifest::load(out);
        assert!(manifest.is_current(&pdf, 0xaa));
        assert!(!manifest.is_current(&pdf, 0xbb), "other inputs");
        // Built again, a document loaded is updated in place.
        manifest.record(&pdf, 0xab, std::slice::from_ref(&pdf)).unwrap();
        assert!(manifest.is_current(&pdf, 0xab));

        // What was appended survives without `save` (a killed run), and a cut-off line is ignored.
        let mut journal = std::fs::OpenOptions::new().append(true).open(out.join(MANIFEST_FILE)).unwrap();
        journal.write_all(b"{\"document\":\"case/x.pdf\",\"inp").unwrap();
        let mut reloaded = Manifest::load(out);
        assert!(reloaded.is_current(&pdf, 0xab));
        // The next line appended starts on a line of its own, so it is not lost with the fragment.
        let other = out.join("case/other.pdf");
        output::write_atomic(&other, b"%PDF-1.7 two").unwrap();
        reloaded.record(&other, 0xcc, std::slice::from_ref(&other)).unwrap();
        assert!(Manifest::load(out).is_current(&other, 0xcc));

        // A file replaced by one of another size, or deleted, is built again.
        output::write_atomic(&pdf, b"%PDF-1.7 changed by hand").unwrap();
        assert!(!reloaded.is_current(&pdf, 0xab));
        std::fs::remove_file(&pdf).unwrap();
        assert!(!reloaded.is_current(&pdf, 0xab));
    }

    #[test]
    fn sources_confirmed_are_recorded_with_the_same_files() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("case/fact-sheet.en.pdf");
        output::write_atomic(&pdf, b"%PDF-1.7 one").unwrap();
        let mut manifest = Manifest::load(dir.path());
        let about = About { case: Some("case".into()), ..About::default() };
        let made = MadeFrom { inputs: 0xaa, sources: Some(0x11) };
        manifest.record_about(&pdf, made, std::slice::from_ref(&pdf), Some(about.clone())).unwrap();
        let mut manifest = Manifest::load(dir.path());
        assert_eq!(manifest.intact(&pdf), Some(made));
        // Rendered again and found the same, from other sources: the new ones are recorded.
        manifest.confirm(&pdf, 0x22).unwrap();
        manifest.save().unwrap();
        let reloaded = Manifest::load(dir.path());
        assert_eq!(reloaded.intact(&pdf), Some(MadeFrom { inputs: 0xaa, sources: Some(0x22) }));
        assert_eq!(reloaded.documents()[0].about, Some(&about), "whom it is about is kept");
        // A line without sources (an older amicus, a letter) reads as none; a changed file, as nothing.
        manifest.record(&pdf, 0xbb, std::slice::from_ref(&pdf)).unwrap();
        assert_eq!(Manifest::load(dir.path()).intact(&pdf), Some(MadeFrom { inputs: 0xbb, sources: None }));
        output::write_atomic(&pdf, b"%PDF-1.7 edited by hand").unwrap();
        assert_eq!(Manifest::load(dir.path()).intact(&pdf), None);
    }

    #[test]
    fn save_keeps_one_line_per_document() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("a.pdf");
        output::write_atomic(&pdf, b"x").unwrap();
        let mut manifest = Manifest::load(dir.path());
        for inputs in [1, 2, 3] {
            manifest.record(&pdf, inputs, std::slice::from_ref(&pdf)).unwrap();
        }
        // Another document, and a line cut off by a killed run before it.
        let other = dir.path().join("b.pdf");
        output::write_atomic(&other, b"y").unwrap();
        let mut journal = std::fs::OpenOptions::new().append(true).open(dir.path().join(MANIFEST_FILE)).unwrap();
        journal.write_all(b"{\"document\":\"a.p").unwrap();
        let mut manifest = Manifest::load(dir.path());
        manifest.record(&other, 4, std::slice::from_ref(&other)).unwrap();
        manifest.save().unwrap();
        let text = std::fs::read_to_string(dir.path().join(MANIFEST_FILE)).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.ends_with('\n'), "{text}");
        let reloaded = Manifest::load(dir.path());
        assert!(reloaded.is_current(&pdf, 3) && reloaded.is_current(&other, 4));

        // A run that built nothing leaves the file alone (a new file is a new inode).
        use std::os::unix::fs::MetadataExt;
        let inode = || std::fs::metadata(dir.path().join(MANIFEST_FILE)).unwrap().ino();
        let before = inode();
        Manifest::load(dir.path()).save().unwrap();
        assert_eq!(inode(), before);
    }

    #[test]
    fn a_removed_document_leaves_no_line_behind() {
        let dir = tempfile::tempdir().unwrap();
        let (gone, kept) = (dir.path().join("gone-2021/a.pdf"), dir.path().join("kept-2021/a.pdf"));
        for pdf in [&gone, &kept] {
            output::write_atomic(pdf, b"x").unwrap();
        }
        let mut manifest = Manifest::load(dir.path());
        let about = About { case: Some("gone-2021".into()), people: vec!["gone-2021".into()], ..About::default() };
        // Appended twice, as a run killed before `save` leaves it: both lines name the case.
        for inputs in [1, 2] {
            let made = MadeFrom { inputs, sources: None };
            manifest.record_about(&gone, made, std::slice::from_ref(&gone), Some(about.clone())).unwrap();
        }
        manifest.record(&kept, 3, std::slice::from_ref(&kept)).unwrap();
        let mut manifest = Manifest::load(dir.path());
        let recorded = manifest.documents();
        assert_eq!(recorded[0].document, "gone-2021/a.pdf");
        assert_eq!(recorded[0].about, Some(&about));
        assert_eq!(recorded[1].about, None, "a line without `about` reads as before");
        manifest.remove("gone-2021/a.pdf");
        manifest.rewrite().unwrap();
        let text = std::fs::read_to_string(dir.path().join(MANIFEST_FILE)).unwrap();
        assert!(!text.contains("gone-2021"), "{text}");
        assert!(Manifest::load(dir.path()).is_current(&kept, 3));
        // The last document gone, so is the file.
        let mut manifest = Manifest::load(dir.path());
        manifest.remove("kept-2021/a.pdf");
        manifest.rewrite().unwrap();
        assert!(!dir.path().join(MANIFEST_FILE).exists());
    }

    #[test]
    fn template_hash_follows_typst_files_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("_lib")).unwrap();
        std::fs::write(dir.path().join("_lib/style.typ"), "#let a = 1").unwrap();
        std::fs::write(dir.path().join("letter.typ.j2"), "one").unwrap();
        let templates = Templates::new(dir.path());
        let before = hash_typst_files(&templates);
        std::fs::write(dir.path().join("letter.typ.j2"), "two").unwrap();
        assert_eq!(hash_typst_files(&templates), before, "minijinja templates count through their output");
        std::fs::write(dir.path().join("_lib/style.typ"), "#let a = 2").unwrap();
        let after = hash_typst_files(&templates);
        assert_ne!(after, before);

        // What Typst may not read is not read here either: a pipe (reading it would never end)
        // and a symlink to a file outside the folder.
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.typ"), "one").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.typ"), dir.path().join("_lib/link.typ")).unwrap();
        let made = std::process::Command::new("mkfifo").arg(dir.path().join("_lib/pipe.typ")).status().unwrap();
        assert!(made.success());
        assert_eq!(hash_typst_files(&templates), after);
    }
}
