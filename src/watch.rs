//! `amicus watch`: rebuild what a change affects, as files are saved.
//!
//! A changed case rebuilds that case's documents and the digests; a changed digest, that
//! digest; a changed kind's template, that kind; anything shared (entities, `_lib`,
//! packages), everything. `notify-debouncer-full` turns an editor's save (often several
//! writes, or a write to a temporary file and a rename) into one event per file; batches that
//! follow each other closely (a `git checkout` of many files) are taken together, so that they
//! cause one rebuild.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::DebounceEventResult;

use crate::build::BuildPlan;

/// How long a file must stay unchanged before its change is reported, and how long after one
/// batch of changes the next one is waited for before a rebuild starts.
const QUIET: Duration = Duration::from_millis(300);

/// The part of a full plan that a set of changed files affects; `None` if nothing does.
pub fn affected(plan: &BuildPlan, changed: &[PathBuf]) -> Option<BuildPlan> {
    // A project without its own templates folder has nothing there to change.
    let templates = plan.templates_dir().canonicalize().ok();
    let cases = plan.cases_dir().canonicalize().ok()?;
    let mut paths = Vec::new();
    let mut kinds = Vec::new();
    for path in changed {
        let path = crate::files::canonical_or_given(&path);
        if let Some(relative) = templates.as_ref().and_then(|t| path.strip_prefix(t).ok()) {
            let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
            match first {
                Some(kind) if !kind.starts_with(['_', '.']) && relative.components().count() > 1 => kinds.push(kind),
                _ => return Some(plan.clone()),
            }
        } else if let Ok(relative) = path.strip_prefix(&cases) {
            let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
            match first.as_deref() {
                Some("_shared") => return Some(plan.clone()),
                Some("_digests") => paths.push(path.clone()),
                _ if crate::case::Format::of(&path).is_some() => {
                    paths.push(path.clone());
                    paths.push(cases.join("_digests"));
                }
                _ => {}
            }
        }
    }
    if !kinds.is_empty() {
        // A template changed: rebuild its kinds for everything asked for.
        let mut narrowed = plan.clone();
        narrowed.kinds = match plan.kinds.is_empty() {
            true => kinds,
            false => plan.kinds.iter().filter(|k| kinds.contains(k)).cloned().collect(),
        };
        return (!narrowed.kinds.is_empty()).then_some(narrowed);
    }
    if paths.is_empty() {
        return None;
    }
    let mut narrowed = plan.clone();
    paths.retain(|p| p.exists());
    paths.sort();
    paths.dedup();
    narrowed.paths = paths;
    Some(narrowed)
}

/// Watches the project and calls `rebuild` with each affected plan, until Ctrl-C.
pub fn watch(plan: &BuildPlan, mut rebuild: impl FnMut(&BuildPlan)) -> Result<(), String> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;
    let (sender, events) = mpsc::channel();
    let mut watcher = notify_debouncer_full::new_debouncer(QUIET, None, move |result: DebounceEventResult| {
        // Errors (a watched folder removed) are not changes; the next save is seen again.
        let Ok(batch) = result else { return };
        let paths: Vec<PathBuf> = batch
            .into_iter()
            .filter(|event| !matches!(event.event.kind, notify::EventKind::Access(_)))
            .flat_map(|event| event.event.paths)
            .collect();
        if !paths.is_empty() {
            let _ = sender.send(paths);
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in [plan.cases_dir(), plan.templates_dir()].into_iter().filter(|d| d.is_dir()) {
        watcher.watch(&dir, RecursiveMode::Recursive).map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    }
    rebuild(plan);
    match plan.templates_dir().is_dir() {
        true => {
            eprintln!("watching {} and {} (Ctrl-C to stop)", plan.cases_dir().display(), plan.templates_dir().display())
        }
        // A templates folder made later (`amicus templates export`) is watched from the next start.
        false => eprintln!("watching {} (Ctrl-C to stop)", plan.cases_dir().display()),
    }
    while !stop.load(Ordering::SeqCst) {
        let Ok(first) = events.recv_timeout(Duration::from_millis(100)) else { continue };
        let mut changed: Vec<PathBuf> = first;
        // Batches in quick succession are one change of many files.
        while let Ok(more) = events.recv_timeout(QUIET) {
            changed.extend(more);
        }
        changed.retain(|p| !is_output(p, &plan.out_dir));
        if let Some(narrowed) = affected(plan, &changed) {
            rebuild(&narrowed);
        }
    }
    Ok(())
}

fn is_output(path: &Path, out_dir: &Path) -> bool {
    let out = crate::files::canonical_or_given(out_dir);
    path.starts_with(&out) || path.starts_with(out_dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(root: &Path) -> BuildPlan {
        BuildPlan::new(root.to_path_buf())
    }

    #[test]
    fn a_change_rebuilds_what_it_affects() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for sub in ["cases/_shared/statements", "cases/_digests", "templates/fact-sheet", "templates/_lib"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        for file in [
            "cases/a.yaml",
            "cases/_digests/d.yaml",
            "cases/_shared/statements/s.yaml",
            "templates/fact-sheet/en.typ.j2",
            "templates/_lib/style.typ",
        ] {
            std::fs::write(root.join(file), "").unwrap();
        }
        let full = plan(root);
        let case = affected(&full, &[root.join("cases/a.yaml")]).unwrap();
        assert_eq!(case.paths.len(), 2, "the case and the digests: {:?}", case.paths);
        assert!(case.kinds.is_empty());
        let digest = affected(&full, &[root.join("cases/_digests/d.yaml")]).unwrap();
        assert_eq!(digest.paths.len(), 1);
        let kind = affected(&full, &[root.join("templates/fact-sheet/en.typ.j2")]).unwrap();
        assert_eq!(kind.kinds, ["fact-sheet"]);
        assert!(kind.paths.is_empty());
        for shared in ["cases/_shared/statements/s.yaml", "templates/_lib/style.typ"] {
            let everything = affected(&full, &[root.join(shared)]).unwrap();
            assert!(everything.paths.is_empty() && everything.kinds.is_empty(), "{shared}");
        }
        assert!(affected(&full, &[root.join("cases/notes.txt")]).is_none());
    }
}
