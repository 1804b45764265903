//! Builds into the binary what it needs outside a checkout: every file under `templates/`
//! (the kinds, `_lib`, the locale files) and the project `amicus init` writes (one example
//! case and the shared files it names, every jurisdiction, the example sender).
//!
//! Writes `$OUT_DIR/built_in.rs`: two sorted tables of (path relative to its folder, bytes)
//! whose bytes are `include_bytes!` of the files themselves. Cargo reruns this when anything
//! under `templates/` or one of the listed case files changes, so the binary never carries
//! stale templates. Vendored Typst packages (`templates/_packages/`) are a project's own and
//! are not built in: Typst reads packages from the project's folder only.

use std::path::{Path, PathBuf};

/// What `amicus init` writes, relative to `cases/`: the example case and what it names, and the
/// shared files a new case in any of the example jurisdictions needs. `tests/init.rs` checks
/// that the project they make passes `check` and builds.
const INIT_FILES: &[&str] = &[
    "kanaliyev-2021.yaml",
    "_shared/jurisdictions/az.yaml",
    "_shared/jurisdictions/by.yaml",
    "_shared/jurisdictions/ge.yaml",
    "_shared/jurisdictions/kg.yaml",
    "_shared/jurisdictions/kz.yaml",
    "_shared/jurisdictions/ru.yaml",
    "_shared/jurisdictions/tj.yaml",
    "_shared/jurisdictions/tm.yaml",
    "_shared/jurisdictions/uz.yaml",
    "_shared/organisations/dck.yaml",
    "_shared/organisations/koshe-partiyasy.yaml",
    "_shared/senders/default.yaml",
    "_shared/sources/aktau-convictions-2021.yaml",
    "_shared/sources/ep-resolution-2021-0056.yaml",
    "_shared/statements/ep-2021-02-11.yaml",
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let templates = manifest.join("templates");
    let cases = manifest.join("cases");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=build.rs");

    let mut template_files = Vec::new();
    walk(&templates, &templates, &mut template_files);
    template_files.sort();
    let init_files: Vec<String> = INIT_FILES.iter().map(|f| (*f).to_owned()).collect();
    for file in &init_files {
        println!("cargo:rerun-if-changed=cases/{file}");
    }

    let mut out = String::new();
    out.push_str(&table("TEMPLATES", &templates, &template_files));
    out.push_str(&table("INIT", &cases, &init_files));
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("built_in.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// Every file under `dir`, relative to `root` with `/` between folders; hidden ones left out.
fn walk(dir: &Path, root: &Path, found: &mut Vec<String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("a readable folder entry");
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || (dir == root && name == "_packages") {
            continue;
        }
        if path.is_dir() {
            walk(&path, root, found);
        } else {
            let relative = path.strip_prefix(root).expect("under the root");
            let parts: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            found.push(parts.join("/"));
        }
    }
}

fn table(name: &str, root: &Path, files: &[String]) -> String {
    let mut out = format!("pub static {name}: &[(&str, &[u8])] = &[\n");
    for file in files {
        let path = root.join(file);
        assert!(path.is_file(), "{} is listed but missing", path.display());
        out.push_str(&format!("    ({file:?}, include_bytes!({:?})),\n", path.to_string_lossy()));
    }
    out.push_str("];\n");
    out
}
