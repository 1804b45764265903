//! Test helpers: a throwaway copy of the project, the `amicus` binary run inside it, and
//! PDFs read back in process with lopdf: their text line by line as set on the page, word
//! positions, metadata, structure tree, images, and a structural check in place of
//! `qpdf --check`. `cargo test` needs no other program.

#![allow(dead_code)]

pub mod editor;
pub mod http;
pub mod webdriver;

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

/// A file under `tests/fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    repo().join("tests/fixtures").join(relative)
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
        let output = self.command(args).envs(env.iter().copied()).output().expect("the amicus binary runs");
        Run { output, root: self.path().to_path_buf() }
    }

    /// The command [`Project::amicus`] runs, to start it and not wait (or kill it).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_amicus"));
        command
            .env_remove("SOURCE_DATE_EPOCH")
            .env_remove("AMICUS_SMTP_PASSWORD")
            .envs(self.env.iter().map(|(k, v)| (*k, v.as_str())))
            .args(args)
            .args(["--root", self.path().to_str().unwrap(), "--color", "never"])
            .current_dir(self.path());
        command
    }

    /// Adds a kind whose only template is `template` (English) and builds it for one case.
    pub fn build_kind(&self, case: &str, kind: &str, template: &str) -> Run {
        self.write(&format!("templates/{kind}/en.typ.j2"), template);
        self.amicus(&["build", case, "--kind", kind])
    }

    /// Replaces `from` with `to` in a file of the project, which must hold `from`: a test that
    /// edits an example fails loudly when the example's text changes, not silently.
    pub fn replace(&self, relative: &str, from: &str, to: &str) {
        let path = self.path().join(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{relative} does not hold {from:?}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
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
        // The folder may be gone already (a project dropped before its run is read).
        let text = match self.root.canonicalize() {
            Ok(canonical) => text.replace(canonical.to_str().unwrap(), "[root]"),
            Err(_) => text,
        };
        text.replace(root, "[root]")
    }
}

/// The text of a PDF with white space folded and bidi controls removed, for `contains` checks:
/// its lines, page by page, top to bottom, as [`pdf_lines`] reads them.
pub fn pdf_text(path: &Path) -> String {
    fold(&pdf_lines(path).join("\n"))
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

/// Folds white space, drops the direction controls (those a reader adds around RTL runs and
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
    read_pdf(path).get_pages().len()
}

/// Asserts that `text` holds every one of `facts`, listing all that are missing.
pub fn assert_holds(text: &str, facts: &[&str], what: &str) {
    let missing: Vec<&&str> = facts.iter().filter(|f| !text.contains(&fold(f))).collect();
    assert!(missing.is_empty(), "{what} lacks {missing:#?}\n--- text ---\n{text}");
}

// ---- PDFs read back in process ----------------------------------------------------------

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

/// A PDF loaded strictly: a file lopdf has to repair does not load.
pub fn read_pdf(path: &Path) -> Document {
    let options = lopdf::LoadOptions { strict: true, ..Default::default() };
    Document::load_with_options(path, options).unwrap_or_else(|e| panic!("{} does not load: {e}", path.display()))
}

/// A word as set on a page: its page (from 1), its left edge and its baseline, in points from
/// the page's left and top edges.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub x: f64,
    pub top: f64,
}

/// The lines of a PDF as set on its pages, page by page and top to bottom: what sits on one
/// baseline is one line, read left to right (side-by-side columns share their lines, as in
/// `pdftotext -layout`), right-to-left runs put back in their logical order.
pub fn pdf_lines(path: &Path) -> Vec<String> {
    page_lines(&read_pdf(path)).into_iter().flatten().map(|line| line.text).collect()
}

/// The lines of each page of a PDF, as [`pdf_lines`] reads them.
pub fn pdf_page_lines(path: &Path) -> Vec<Vec<String>> {
    page_lines(&read_pdf(path)).into_iter().map(|page| page.into_iter().map(|line| line.text).collect()).collect()
}

/// Every word of a PDF with where it stands, in the order of [`pdf_lines`].
pub fn pdf_words(path: &Path) -> Vec<Word> {
    page_lines(&read_pdf(path)).into_iter().flatten().flat_map(|line| line.words).collect()
}

/// The document information dictionary, its text strings decoded: `Title`, `Author`,
/// `CreationDate` (as written, `D:20211221000000Z`), ...
pub fn pdf_info(path: &Path) -> std::collections::BTreeMap<String, String> {
    let doc = read_pdf(path);
    let mut info = std::collections::BTreeMap::new();
    let Ok(dict) = doc.trailer.get_deref(b"Info", &doc).and_then(Object::as_dict) else { return info };
    for (key, value) in dict.iter() {
        let value = doc.dereference(value).map(|(_, v)| v).unwrap_or(value);
        let text = match value {
            Object::String(..) => lopdf::decode_text_string(value).unwrap_or_else(|_| format!("{value:?}")),
            Object::Name(name) => String::from_utf8_lossy(name).into_owned(),
            other => format!("{other:?}"),
        };
        info.insert(String::from_utf8_lossy(key).into_owned(), text);
    }
    info
}

/// Whether the PDF says it is tagged (`/MarkInfo << /Marked true >>`, poppler's "Tagged: yes")
/// and has a structure tree.
pub fn is_tagged(path: &Path) -> bool {
    let doc = read_pdf(path);
    let Ok(catalog) = doc.catalog() else { return false };
    let marked = catalog
        .get_deref(b"MarkInfo", &doc)
        .and_then(Object::as_dict)
        .and_then(|m| m.get(b"Marked"))
        .and_then(Object::as_bool)
        .unwrap_or(false);
    marked && catalog.has(b"StructTreeRoot")
}

/// The types of the structure tree's elements (`Document`, `H1`, `P`, `Figure`, ...), depth
/// first, as written (what `pdfinfo -struct` lists).
pub fn structure_types(path: &Path) -> Vec<String> {
    fn walk(doc: &Document, node: &Object, seen: &mut std::collections::HashSet<ObjectId>, out: &mut Vec<String>) {
        if let Object::Reference(id) = node
            && !seen.insert(*id)
        {
            return;
        }
        let Ok((_, node)) = doc.dereference(node) else { return };
        match node {
            Object::Array(kids) => kids.iter().for_each(|kid| walk(doc, kid, seen, out)),
            Object::Dictionary(element) => {
                // Marked-content and object references (`/Type /MCR`, `/OBJR`) have no `/S`.
                if let Ok(kind) = element.get(b"S").and_then(Object::as_name) {
                    out.push(String::from_utf8_lossy(kind).into_owned());
                }
                if let Ok(kids) = element.get(b"K") {
                    walk(doc, kids, seen, out);
                }
            }
            _ => {}
        }
    }
    let doc = read_pdf(path);
    let mut types = Vec::new();
    let root = doc.catalog().ok().and_then(|c| c.get(b"StructTreeRoot").ok()).cloned();
    if let Some(root) = root
        && let Ok((_, Object::Dictionary(root))) = doc.dereference(&root)
        && let Ok(kids) = root.get(b"K")
    {
        walk(&doc, kids, &mut Default::default(), &mut types);
    }
    types
}

/// How many images the pages draw (`Do` of an image XObject, in the page or in a form it
/// draws), each drawing counted: what `pdfimages -list` lists, less the soft masks it lists
/// as images of their own.
pub fn images_drawn(path: &Path) -> usize {
    pages_as_set(&read_pdf(path)).iter().map(|page| page.images).sum()
}

/// In place of `qpdf --check`: the PDF loads with lopdf in strict mode, without repairing its
/// cross-reference table; every object the table lists is there, and every reference in every
/// object leads to one; every compressed stream decompresses; the catalog leads to a page tree
/// of pages with a media box; every page's content streams parse as content operators, and
/// every font (`Tf`) and XObject (`Do`) they name is in the page's resources, every font with
/// its file embedded. Not checked, as qpdf does: linearization and its hint tables, the
/// decoding of image data (DCT, JPX), and the fine points of the syntax lopdf forgives even in
/// strict mode.
pub fn check_well_formed(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if !bytes.starts_with(b"%PDF-") {
        return Err("no %PDF- header".into());
    }
    if !bytes.trim_ascii_end().ends_with(b"%%EOF") {
        return Err("does not end in %%EOF".into());
    }
    let options = lopdf::LoadOptions { strict: true, ..Default::default() };
    let doc = Document::load_mem_with_options(&bytes, options).map_err(|e| format!("does not load: {e}"))?;
    if let Some(recovery) = doc.xref_recovery {
        return Err(format!("its cross-reference table had to be repaired: {recovery:?}"));
    }
    for (&number, entry) in &doc.reference_table.entries {
        let id = match *entry {
            lopdf::xref::XrefEntry::Normal { generation, .. } => (number, generation),
            lopdf::xref::XrefEntry::Compressed { .. } => (number, 0),
            _ => continue,
        };
        // lopdf keeps the objects of object streams, not the streams that held them.
        if !doc.objects.contains_key(&id) && !is_object_stream_holder(&bytes, number) {
            return Err(format!("object {} {} is listed but missing", id.0, id.1));
        }
    }
    fn references(object: &Object, out: &mut Vec<ObjectId>) {
        match object {
            Object::Reference(id) => out.push(*id),
            Object::Array(items) => items.iter().for_each(|item| references(item, out)),
            Object::Dictionary(dict) => dict.iter().for_each(|(_, value)| references(value, out)),
            Object::Stream(stream) => stream.dict.iter().for_each(|(_, value)| references(value, out)),
            _ => {}
        }
    }
    for (id, object) in &doc.objects {
        let mut found = Vec::new();
        references(object, &mut found);
        if let Some(missing) = found.iter().find(|r| !doc.objects.contains_key(r)) {
            return Err(format!("object {} {} refers to {} {}, which is not there", id.0, id.1, missing.0, missing.1));
        }
        if let Object::Stream(stream) = object
            && stream.dict.has(b"Filter")
        {
            let filters = stream.filters().map_err(|e| format!("object {} {}: {e}", id.0, id.1))?;
            let decodable = filters.iter().all(|f| {
                matches!(
                    &f[..],
                    b"FlateDecode" | b"LZWDecode" | b"ASCII85Decode" | b"ASCIIHexDecode" | b"RunLengthDecode"
                )
            });
            if decodable {
                stream.decompressed_content().map_err(|e| format!("stream {} {} does not decode: {e}", id.0, id.1))?;
            }
        }
    }
    let catalog = doc.catalog().map_err(|e| format!("no catalog: {e}"))?;
    if catalog.get(b"Type").and_then(Object::as_name).ok() != Some(b"Catalog") {
        return Err("the root is not a /Catalog".into());
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("no pages".into());
    }
    for (number, &page_id) in &pages {
        let page = doc.get_dictionary(page_id).map_err(|e| format!("page {number}: {e}"))?;
        if page.get(b"Type").and_then(Object::as_name).ok() != Some(b"Page") {
            return Err(format!("page {number} is not a /Page"));
        }
        inherited(&doc, page, b"MediaBox").ok_or(format!("page {number} has no media box"))?;
        let resources = inherited(&doc, page, b"Resources").and_then(|r| r.as_dict().ok());
        let mut content = Vec::new();
        for stream_id in doc.get_page_contents(page_id) {
            let stream =
                doc.get_object(stream_id).and_then(Object::as_stream).map_err(|e| format!("page {number}: {e}"))?;
            content.extend(stream.get_plain_content().map_err(|e| format!("page {number}: {e}"))?);
            content.push(b'\n');
        }
        let content =
            Content::decode_strict(&content).map_err(|e| format!("page {number}: the content does not parse: {e}"))?;
        for operation in &content.operations {
            let (category, name) = match operation.operator.as_str() {
                "Tf" => (&b"Font"[..], operation.operands.first()),
                "Do" => (&b"XObject"[..], operation.operands.first()),
                _ => continue,
            };
            let name = name
                .and_then(|n| n.as_name().ok())
                .ok_or(format!("page {number}: `{}` names nothing", operation.operator))?;
            let resource = resources
                .and_then(|r| r.get_deref(category, &doc).ok())
                .and_then(|d| d.as_dict().ok())
                .and_then(|d| d.get_deref(name, &doc).ok())
                .ok_or(format!("page {number} uses /{} that its resources lack", String::from_utf8_lossy(name)))?;
            if category == b"Font" {
                let font = resource.as_dict().map_err(|e| format!("page {number}: font: {e}"))?;
                let descriptor_of =
                    |font: &Dictionary| font.get_deref(b"FontDescriptor", &doc).and_then(Object::as_dict).ok().cloned();
                let descriptor = match font.get(b"Subtype").and_then(Object::as_name) {
                    Ok(b"Type0") => font
                        .get_deref(b"DescendantFonts", &doc)
                        .and_then(Object::as_array)
                        .ok()
                        .and_then(|a| a.first())
                        .and_then(|d| doc.dereference(d).ok())
                        .and_then(|(_, d)| d.as_dict().ok())
                        .and_then(descriptor_of),
                    Ok(b"Type3") => Some(Dictionary::new()),
                    _ => descriptor_of(font),
                };
                let embedded = descriptor.is_some_and(|d| {
                    d.is_empty() || [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| d.has(k))
                });
                if !embedded {
                    return Err(format!("page {number}: font /{} is not embedded", String::from_utf8_lossy(name)));
                }
            }
        }
    }
    Ok(())
}

/// Whether object `number` is written as an object stream or a cross-reference stream, which
/// lopdf reads and then drops.
fn is_object_stream_holder(bytes: &[u8], number: u32) -> bool {
    let header = format!("\n{number} 0 obj");
    let text = String::from_utf8_lossy(bytes);
    text.match_indices(&header).any(|(at, _)| {
        let rest = &text[at..(at + 400).min(text.len())];
        rest.contains("/ObjStm") || rest.contains("/XRef")
    })
}

/// A page attribute, looked up through the page tree as PDF's inheritance has it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(value) = node.get_deref(key, doc) {
            return Some(value);
        }
        node = node.get_deref(b"Parent", doc).and_then(Object::as_dict).ok()?;
    }
    None
}

/// A matrix `[a b c d e f]`, as PDF writes them.
type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: PDF's `m × n`.
fn times(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn number(object: &Object) -> f64 {
    object.as_float().map(f64::from).unwrap_or(0.0)
}

/// What a font gives the reader: how long its codes are, how wide its glyphs, what text they
/// stand for.
struct Font<'a> {
    two_bytes: bool,
    widths: std::collections::HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space to text space: 1/1000, or a Type 3 font's matrix.
    scale: f64,
    encoding: Option<Encoding<'a>>,
}

impl<'a> Font<'a> {
    fn new(doc: &'a Document, font: &'a Dictionary) -> Font<'a> {
        let subtype = font.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        let two_bytes = subtype == b"Type0";
        let mut widths = std::collections::HashMap::new();
        let mut default_width = 0.0;
        let mut scale = 0.001;
        let array = |dict: &'a Dictionary, key: &[u8]| dict.get_deref(key, doc).and_then(Object::as_array).ok();
        if two_bytes {
            let descendant = array(font, b"DescendantFonts")
                .and_then(|a| a.first())
                .and_then(|d| doc.dereference(d).ok())
                .and_then(|(_, d)| d.as_dict().ok());
            if let Some(cid_font) = descendant {
                default_width = cid_font.get(b"DW").map(number).unwrap_or(1000.0);
                let w = array(cid_font, b"W").map(Vec::as_slice).unwrap_or_default();
                let mut i = 0;
                while i + 1 < w.len() {
                    let first = number(&w[i]) as u32;
                    match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
                        Ok(Object::Array(list)) => {
                            for (k, width) in list.iter().enumerate() {
                                widths.insert(first + k as u32, number(width));
                            }
                            i += 2;
                        }
                        Ok(last) if i + 2 < w.len() => {
                            for code in first..=number(last) as u32 {
                                widths.insert(code, number(&w[i + 2]));
                            }
                            i += 3;
                        }
                        _ => break,
                    }
                }
            }
        } else {
            let first = font.get(b"FirstChar").map(number).unwrap_or(0.0) as u32;
            for (k, width) in array(font, b"Widths").into_iter().flatten().enumerate() {
                widths.insert(first + k as u32, number(width));
            }
            if subtype == b"Type3" {
                scale = array(font, b"FontMatrix").and_then(|m| m.first()).map(number).unwrap_or(0.001);
            }
        }
        // A `/ToUnicode` map says best what the glyphs stand for: lopdf reads it when the font
        // has no `/Encoding` other than Identity.
        let encoding = match font.get(b"Encoding").and_then(Object::as_name) {
            Ok(b"Identity-H" | b"Identity-V") | Err(_) => font.get_font_encoding(doc).ok(),
            Ok(_) if font.has(b"ToUnicode") => {
                let mut without = font.clone();
                without.remove(b"Encoding");
                match without.get_font_encoding(doc) {
                    Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
                    _ => font.get_font_encoding(doc).ok(),
                }
            }
            Ok(_) => font.get_font_encoding(doc).ok(),
        };
        Font { two_bytes, widths, default_width, scale, encoding }
    }

    /// The codes in a string, each with its width in glyph units, the text it stands for, and
    /// whether it is the single-byte code 32 (to which word spacing applies).
    fn glyphs(&self, bytes: &[u8]) -> Vec<(f64, String, bool)> {
        let size = if self.two_bytes { 2 } else { 1 };
        bytes
            .chunks(size)
            .map(|chunk| {
                let code = chunk.iter().fold(0u32, |code, &b| code << 8 | u32::from(b));
                let width = self.widths.get(&code).copied().unwrap_or(self.default_width);
                let text = match &self.encoding {
                    Some(Encoding::UnicodeMapEncoding(map)) => map
                        .get(code, chunk.len() as u8)
                        .map(|units| String::from_utf16_lossy(&units))
                        .unwrap_or_else(|| "\u{fffd}".to_owned()),
                    Some(other) => other.bytes_to_string(chunk).unwrap_or_else(|_| "\u{fffd}".to_owned()),
                    None => "\u{fffd}".to_owned(),
                };
                (width, text, size == 1 && code == 32)
            })
            .collect()
    }
}

/// One glyph as drawn: where it starts and ends on its baseline, in points from the page's
/// left and top edges, its size, the text it stands for, and the run of glyphs drawn one
/// after the other (without a move in between) that it belongs to.
#[derive(Debug, Clone)]
struct Glyph {
    x0: f64,
    x1: f64,
    top: f64,
    size: f64,
    text: String,
    run: usize,
}

/// A page as drawn: its glyphs and how many images it draws.
#[derive(Default)]
struct PageSet {
    glyphs: Vec<Glyph>,
    images: usize,
}

#[derive(Clone)]
struct TextState {
    font: Option<usize>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    horizontal: f64,
    leading: f64,
    rise: f64,
}

/// Walks a page's content (and the forms it draws), as a viewer would, noting each glyph.
struct Walker<'a> {
    doc: &'a Document,
    page_top: f64,
    fonts: Vec<Font<'a>>,
    font_ids: std::collections::HashMap<*const Dictionary, usize>,
    run: usize,
    out: PageSet,
}

impl<'a> Walker<'a> {
    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<usize> {
        let dict = resources?
            .get_deref(b"Font", self.doc)
            .and_then(Object::as_dict)
            .ok()?
            .get_deref(name, self.doc)
            .and_then(Object::as_dict)
            .ok()?;
        let key = dict as *const Dictionary;
        if let Some(&index) = self.font_ids.get(&key) {
            return Some(index);
        }
        self.fonts.push(Font::new(self.doc, dict));
        self.font_ids.insert(key, self.fonts.len() - 1);
        Some(self.fonts.len() - 1)
    }

    fn walk(&mut self, content: &[u8], resources: Option<&'a Dictionary>, ctm: Matrix, depth: usize) {
        let Ok(content) = Content::decode(content) else { return };
        let mut ctm = ctm;
        let mut text = TextState {
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut saved: Vec<(Matrix, TextState)> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        // Marked content: the `/ActualText` of a span and the first glyph drawn inside it.
        let mut marked: Vec<Option<(String, usize)>> = Vec::new();
        for operation in &content.operations {
            let operands = &operation.operands;
            let n = |i: usize| operands.get(i).map(number).unwrap_or(0.0);
            let next_line = |tm: &mut Matrix, tlm: &mut Matrix, tx: f64, ty: f64| {
                *tlm = times(&[1.0, 0.0, 0.0, 1.0, tx, ty], tlm);
                *tm = *tlm;
            };
            let mut shown: Vec<&Object> = Vec::new();
            match operation.operator.as_str() {
                "q" => saved.push((ctm, text.clone())),
                "Q" => {
                    if let Some((m, t)) = saved.pop() {
                        (ctm, text) = (m, t);
                    }
                }
                "cm" => ctm = times(&[n(0), n(1), n(2), n(3), n(4), n(5)], &ctm),
                "BT" => {
                    (tm, tlm) = (IDENTITY, IDENTITY);
                    self.run += 1;
                }
                "Tf" => {
                    text.font =
                        operands.first().and_then(|o| o.as_name().ok()).and_then(|name| self.font(resources, name));
                    text.size = n(1);
                }
                "Tc" => text.char_spacing = n(0),
                "Tw" => text.word_spacing = n(0),
                "Tz" => text.horizontal = n(0) / 100.0,
                "TL" => text.leading = n(0),
                "Ts" => text.rise = n(0),
                "Td" => {
                    next_line(&mut tm, &mut tlm, n(0), n(1));
                    self.run += 1;
                }
                "TD" => {
                    text.leading = -n(1);
                    next_line(&mut tm, &mut tlm, n(0), n(1));
                    self.run += 1;
                }
                "Tm" => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                    self.run += 1;
                }
                "T*" => {
                    next_line(&mut tm, &mut tlm, 0.0, -text.leading);
                    self.run += 1;
                }
                "Tj" => shown.extend(operands.first()),
                "'" => {
                    next_line(&mut tm, &mut tlm, 0.0, -text.leading);
                    self.run += 1;
                    shown.extend(operands.first());
                }
                "\"" => {
                    text.word_spacing = n(0);
                    text.char_spacing = n(1);
                    next_line(&mut tm, &mut tlm, 0.0, -text.leading);
                    self.run += 1;
                    shown.extend(operands.get(2));
                }
                "TJ" => shown.extend(operands.first().and_then(|o| o.as_array().ok()).into_iter().flatten()),
                "BMC" => marked.push(None),
                "BDC" => {
                    let properties = match operands.get(1) {
                        Some(Object::Dictionary(d)) => Some(d),
                        Some(Object::Name(name)) => resources
                            .and_then(|r| r.get_deref(b"Properties", self.doc).ok())
                            .and_then(|p| p.as_dict().ok())
                            .and_then(|p| p.get_deref(name, self.doc).ok())
                            .and_then(|p| p.as_dict().ok()),
                        _ => None,
                    };
                    let actual = properties.and_then(|p| p.get(b"ActualText").ok());
                    let actual = actual.and_then(|a| lopdf::decode_text_string(a).ok());
                    marked.push(actual.map(|a| (a, self.out.glyphs.len())));
                }
                "EMC" => {
                    // The span's glyphs read as its actual text, once, where the first stands.
                    if let Some(Some((actual, first))) = marked.pop()
                        && first < self.out.glyphs.len()
                    {
                        for glyph in &mut self.out.glyphs[first..] {
                            glyph.text.clear();
                        }
                        self.out.glyphs[first].text = actual;
                    }
                }
                "Do" if depth < 16 => {
                    let xobject = operands.first().and_then(|o| o.as_name().ok()).and_then(|name| {
                        resources?
                            .get_deref(b"XObject", self.doc)
                            .and_then(Object::as_dict)
                            .ok()?
                            .get_deref(name, self.doc)
                            .and_then(Object::as_stream)
                            .ok()
                    });
                    let Some(xobject) = xobject else { continue };
                    match xobject.dict.get(b"Subtype").and_then(Object::as_name) {
                        Ok(b"Image") => self.out.images += 1,
                        Ok(b"Form") => {
                            let matrix = xobject.dict.get_deref(b"Matrix", self.doc).and_then(Object::as_array);
                            let matrix = matrix.ok().filter(|m| m.len() == 6).map(|m| {
                                let v: Vec<f64> = m.iter().map(number).collect();
                                [v[0], v[1], v[2], v[3], v[4], v[5]]
                            });
                            let form_resources =
                                xobject.dict.get_deref(b"Resources", self.doc).and_then(Object::as_dict).ok();
                            let content = xobject.get_plain_content().unwrap_or_default();
                            self.walk(
                                &content,
                                form_resources.or(resources),
                                times(&matrix.unwrap_or(IDENTITY), &ctm),
                                depth + 1,
                            );
                            self.run += 1;
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
            let Some(font) = text.font else { continue };
            for item in shown {
                if let Ok(adjust) = item.as_float() {
                    let tx = -f64::from(adjust) / 1000.0 * text.size * text.horizontal;
                    tm = times(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                    continue;
                }
                let Ok(bytes) = item.as_str() else { continue };
                for (width, glyph_text, is_space) in self.fonts[font].glyphs(bytes) {
                    let render =
                        times(&[text.size * text.horizontal, 0.0, 0.0, text.size, 0.0, text.rise], &times(&tm, &ctm));
                    let advance = (width * self.fonts[font].scale * text.size
                        + text.char_spacing
                        + if is_space { text.word_spacing } else { 0.0 })
                        * text.horizontal;
                    tm = times(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &tm);
                    let end = times(&[1.0, 0.0, 0.0, 1.0, 0.0, text.rise], &times(&tm, &ctm));
                    let size = (render[2] * render[2] + render[3] * render[3]).sqrt();
                    self.out.glyphs.push(Glyph {
                        x0: render[4],
                        x1: end[4],
                        top: self.page_top - render[5],
                        size,
                        text: glyph_text,
                        run: self.run,
                    });
                }
            }
        }
    }
}

/// Every page's glyphs and images, page by page.
fn pages_as_set(doc: &Document) -> Vec<PageSet> {
    let mut pages = Vec::new();
    for &page_id in doc.get_pages().values() {
        let Ok(page) = doc.get_dictionary(page_id) else {
            pages.push(PageSet::default());
            continue;
        };
        let media = inherited(doc, page, b"MediaBox").and_then(|m| m.as_array().ok());
        let page_top = media.and_then(|m| m.get(3)).map(number).unwrap_or(842.0);
        let resources = inherited(doc, page, b"Resources").and_then(|r| r.as_dict().ok());
        let mut walker =
            Walker { doc, page_top, fonts: Vec::new(), font_ids: Default::default(), run: 0, out: PageSet::default() };
        walker.walk(&doc.get_page_content(page_id), resources, IDENTITY, 0);
        pages.push(walker.out);
    }
    pages
}

/// A line as read: its text and its words.
struct Line {
    text: String,
    words: Vec<Word>,
}

/// Each page's lines, top to bottom. Glyphs whose baselines lie within half their size of
/// the line's first are one line (a raised footnote mark too); a line reads its runs left to
/// right, each run in the order it was drawn, and a gap wider than a tenth of the type size
/// between glyphs (the smaller, beside a footnote mark) is a space: letter-spacing and kerning
/// stay well below that. What this reads is what `pdftotext -layout` read of Typst's PDFs.
fn page_lines(doc: &Document) -> Vec<Vec<Line>> {
    let mut pages = Vec::new();
    for (index, page) in pages_as_set(doc).into_iter().enumerate() {
        let mut glyphs = page.glyphs;
        glyphs.retain(|g| !g.text.is_empty() || g.x1 > g.x0);
        let mut order: Vec<usize> = (0..glyphs.len()).collect();
        order.sort_by(|&a, &b| glyphs[a].top.total_cmp(&glyphs[b].top));
        let mut clusters: Vec<(f64, f64, Vec<usize>)> = Vec::new();
        for i in order {
            let g = &glyphs[i];
            match clusters.last_mut() {
                Some((top, size, members)) if g.top - *top <= 0.5 * size.max(g.size) => {
                    members.push(i);
                    *size = size.max(g.size);
                }
                _ => clusters.push((g.top, g.size, vec![i])),
            }
        }
        let mut lines = Vec::new();
        for (_, _, mut members) in clusters {
            // Runs left to right, each in drawing order.
            members.sort_unstable();
            let mut runs: Vec<Vec<usize>> = Vec::new();
            for i in members {
                match runs.last_mut() {
                    Some(run) if glyphs[run[0]].run == glyphs[i].run => run.push(i),
                    _ => runs.push(vec![i]),
                }
            }
            runs.sort_by(|a, b| {
                let left =
                    |run: &Vec<usize>| run.iter().map(|&i| glyphs[i].x0.min(glyphs[i].x1)).fold(f64::MAX, f64::min);
                left(a).total_cmp(&left(b))
            });
            let mut text = String::new();
            let mut words: Vec<Word> = Vec::new();
            let mut previous: Option<&Glyph> = None;
            for &i in runs.iter().flatten() {
                let g = &glyphs[i];
                let gap = previous.map_or(0.0, |p| g.x0 - p.x1);
                let spaced = text.is_empty() || text.ends_with(char::is_whitespace);
                let size = previous.map_or(g.size, |p| p.size.min(g.size));
                // A raised or lowered glyph (a footnote mark) is a word of its own where a
                // visible gap parts it from its neighbour.
                let shifted = previous.is_some_and(|p| (p.top - g.top).abs() > 0.1 * size);
                let word_gap = if shifted { 0.02 } else { 0.1 } * size;
                if gap > word_gap && !spaced && !g.text.starts_with(char::is_whitespace) {
                    text.push(' ');
                }
                let mut x = g.x0;
                for c in g.text.chars() {
                    if c.is_whitespace() {
                        text.push(' ');
                    } else {
                        if text.is_empty() || text.ends_with(' ') {
                            words.push(Word { page: index + 1, text: String::new(), x, top: g.top });
                        }
                        words.last_mut().unwrap().text.push(c);
                        text.push(c);
                    }
                    x = g.x1;
                }
                previous = Some(g);
            }
            let text = logical_order(text.trim());
            if !text.is_empty() {
                lines.push(Line { text, words });
            }
        }
        pages.push(lines);
    }
    pages
}

/// A line drawn left to right with its right-to-left stretches (Hebrew, Arabic, and the
/// spaces and punctuation between their letters) put back in the order they are read.
fn logical_order(line: &str) -> String {
    let rtl = |c: char| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if !rtl(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The stretch runs to the last right-to-left letter before a left-to-right letter or digit.
        let mut end = i;
        let mut j = i;
        while j < chars.len() && (rtl(chars[j]) || !chars[j].is_alphanumeric()) {
            if rtl(chars[j]) {
                end = j;
            }
            j += 1;
        }
        out.extend(chars[i..=end].iter().rev());
        i = end + 1;
    }
    out
}
