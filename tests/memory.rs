//! Memory that does not grow with the number of documents built before: the manifest of an
//! output folder of 100,000 letters is 50 MB of lines, and a rebuild must not hold them.
//!
//! Counted by an allocator of this test binary's own (live bytes and their peak), so the
//! figures are exact and the same on every machine; one test, because the count is global.
//! The benchmark (`cargo bench --bench batch`) measures the whole process; this pins down the
//! part a change to the manifest could break.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use amicus::manifest::{About, MadeFrom, Manifest};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most bytes live at once while `work` ran, beyond those live when it started.
fn peak_during<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let result = work();
    (result, PEAK.load(Ordering::Relaxed) - before)
}

#[test]
fn a_manifest_of_many_letters_is_read_a_line_at_a_time() {
    const LETTERS: usize = 20_000;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let letter = |i: usize| out.join(format!("case-2024/mep-letter/member{i}-synthetic.en.pdf"));
    // The letters as a run records them, with whom each is about (what makes a line 400 bytes).
    // Their files are one file, written once: what is looked up is the same.
    let pdf = out.join("case-2024/mep-letter/letter.en.pdf");
    amicus::output::write_atomic(&pdf, b"%PDF-1.7").unwrap();
    let mut manifest = Manifest::load(out);
    for i in 0..LETTERS {
        let about = About {
            case: Some("case-2024".into()),
            people: vec!["case-2024".into()],
            case_file: Some(PathBuf::from("/home/someone/amicus/cases/case-2024.yaml")),
            recipient: Some(format!("member{i}-synthetic")),
            recipient_name: Some(format!("Member{i} SYNTHETIC")),
            recipients: Some(PathBuf::from("/home/someone/amicus/recipients.csv")),
            final_only: Some(false),
            ..About::default()
        };
        let made = MadeFrom { inputs: i as u128, sources: None };
        manifest.record_about(&letter(i), made, std::slice::from_ref(&pdf), Some(about)).unwrap();
    }
    let file = out.join(amicus::manifest::MANIFEST_FILE);
    // A run that recorded only new documents leaves its lines as they are: nothing to read back.
    let inode = || std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&file).unwrap());
    let written = inode();
    manifest.save().unwrap();
    assert_eq!(inode(), written, "the manifest was rewritten though no document was recorded twice");
    let size = std::fs::metadata(&file).unwrap().len() as usize;
    assert!(size > 7_000_000, "the lines are as long as a run writes them: {size} bytes");

    // A rebuild: every letter looked up, then every line looked through for letters of people
    // no longer listed (what `build` warns about), as `build` does.
    let ((current, seen), peak) = peak_during(|| {
        let manifest = Manifest::load(out);
        let current = (0..LETTERS).filter(|&i| manifest.is_current(&letter(i), i as u128)).count();
        let mut seen = 0;
        manifest.each(|recorded| seen += usize::from(recorded.about.is_some_and(|a| a.recipient.is_some())));
        (current, seen)
    });
    assert_eq!((current, seen), (LETTERS, LETTERS));
    // Where each line is, by a hash of its path: 32 bytes a letter and the table's room to grow.
    // Held whole, the entries took 10 times the file (80 MB here).
    assert!(peak < 2_000_000, "a rebuild held {peak} bytes at once for a manifest of {size} bytes");
}
