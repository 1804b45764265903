//! `amicus serve` over HTTP: who may use it, the preview, the messages, saving, downloads.
//! The server is the real binary on 127.0.0.1, spoken to with plain HTTP/1.1 from the test;
//! the browser tests (tests/browser.rs) drive the same pages in Chromium.

mod common;

use common::Project;
use common::editor::Editor;
use serde_json::json;

const FILE: &str = "kanaliyev-2021.yaml";

#[test]
fn only_the_browser_given_the_address_is_served() {
    let editor = Editor::start(Project::aktau());
    // No token, a wrong one: refused, saying what to do.
    let none = editor.raw("GET", "/", &[], None);
    assert_eq!(none.status, 403);
    assert!(none.text().contains("open the address"), "{}", none.text());
    assert_eq!(editor.raw("GET", "/?token=0123", &[], None).status, 403);
    assert_eq!(
        editor
            .raw(
                "GET",
                "/api/case?file=kanaliyev-2021.yaml",
                &[("Cookie", &format!("amicus_editor_{}=x", editor.port))],
                None
            )
            .status,
        403
    );
    // The printed address: the token becomes a cookie, and leaves the address.
    let first = editor.raw("GET", &format!("/?token={}", editor.token), &[], None);
    assert_eq!(first.status, 303);
    let headers = first.headers.to_ascii_lowercase();
    let set = format!("set-cookie: amicus_editor_{}={}; httponly; samesite=strict", editor.port, editor.token);
    assert!(headers.contains(&set), "{headers}");
    assert!(headers.contains("location: /\r\n") || headers.ends_with("location: /"), "{headers}");
    // Opened at a case's page, the page stays; never sent off the editor (`//host`).
    let at_case = editor.raw("GET", &format!("/case?file={FILE}&token={}", editor.token), &[], None);
    assert!(
        at_case.headers.to_ascii_lowercase().contains(&format!("location: /case?file={FILE}\r\n")),
        "{}",
        at_case.headers
    );
    for off in ["//attacker.example/", "/\\attacker.example/"] {
        let off = editor.raw("GET", &format!("{off}?token={}", editor.token), &[], None);
        assert!(off.headers.to_ascii_lowercase().contains("location: /\r\n"), "{}", off.headers);
    }
    let home = editor.get("/");
    assert_eq!(home.status, 200);
    assert!(home.headers.to_ascii_lowercase().contains("cache-control: no-store"), "{}", home.headers);
    // Another name for 127.0.0.1 (DNS rebinding): refused, even with the cookie.
    let cookie = format!("amicus_editor_{}={}", editor.port, editor.token);
    let rebound = editor.raw("GET", "/", &[("Host", "attacker.example:80"), ("Cookie", &cookie)], None);
    assert_eq!(rebound.status, 403);
    let localhost =
        editor.raw("GET", "/", &[("Host", &format!("localhost:{}", editor.port)), ("Cookie", &cookie)], None);
    assert_eq!(localhost.status, 200);
    // A change from another page (no Origin, or another one): refused.
    let body = json!({ "id": "x-2024" }).to_string();
    for origin in [None, Some("http://attacker.example"), Some("null")] {
        let mut headers = vec![("Cookie", cookie.as_str()), ("Content-Type", "application/json")];
        if let Some(origin) = origin {
            headers.push(("Origin", origin));
        }
        assert_eq!(editor.raw("POST", "/api/new", &headers, Some(body.as_bytes())).status, 403, "{origin:?}");
    }
    assert!(!editor.project.path().join("cases/x-2024.yaml").exists());
    // An id is a plain name: nothing is written outside cases/, nor a second line into the file.
    for id in ["../../escaped", "x\nstatus: free", ""] {
        let refused = editor.post("/api/new", &json!({ "id": id }));
        assert_eq!(refused.status, 400, "{id:?}");
        assert!(refused.text().contains("cannot be an id"), "{}", refused.text());
    }
    assert!(!editor.project.path().join("escaped.yaml").exists());
    // Only case files of the project, by their name in cases/.
    std::fs::create_dir_all(editor.project.path().join("cases/.git")).unwrap();
    std::fs::copy(editor.project.path().join("cases").join(FILE), editor.project.path().join("cases/.git/x.yaml"))
        .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        editor.project.path().join("templates/fact-sheet/kind.toml"),
        editor.project.path().join("cases/link.yaml"),
    )
    .unwrap();
    for file in [
        "../Cargo.toml",
        "_shared/../kanaliyev-2021.yaml",
        "_shared/jurisdictions/_kz.yaml",
        "_shared/templates/kz.yaml",
        "_digests/aktau-2021-12.yaml",
        "/etc/passwd",
        "nothing.yaml",
        ".git/x.yaml",
        "../cases/kanaliyev-2021.yaml",
        "link.yaml",
    ] {
        assert_eq!(editor.get(&format!("/api/case?file={file}")).status, 400, "{file}");
    }
}

#[test]
fn the_preview_follows_the_form_and_messages_name_their_field() {
    let editor = Editor::start(Project::aktau());
    let case = editor.case(FILE);
    let mut value = case["value"].clone();
    let first = editor.preview(FILE, "fact-sheet", &value);
    assert_eq!(first["pages"], 1, "{first}");
    assert_eq!(first["faithful"], true);
    let before = editor.get(&format!("/api/page?file={FILE}&kind=fact-sheet&lang=en&n=1")).body;
    assert!(before.starts_with(b"\x89PNG"));
    value["person"]["name"]["given"] = json!("Zhanargul");
    let second = editor.preview(FILE, "fact-sheet", &value);
    assert_eq!(second["pages"], 1);
    let after = editor.get(&format!("/api/page?file={FILE}&kind=fact-sheet&lang=en&n=1")).body;
    assert!(after.starts_with(b"\x89PNG") && after != before, "the page changed with the name");
    // Nothing was written by a preview.
    let on_disk = std::fs::read_to_string(editor.project.path().join("cases").join(FILE)).unwrap();
    assert!(!on_disk.contains("Zhanargul"));
    // A mistake: the message names the field, the last pages stay.
    value["acts"][0]["date"] = json!("2021-13-45");
    let wrong = editor.preview(FILE, "fact-sheet", &value);
    let messages = wrong["messages"].as_array().unwrap();
    let on_date = messages.iter().find(|m| m["field"] == "acts[0].date").unwrap_or_else(|| panic!("{wrong}"));
    assert_eq!(on_date["severity"], "error");
    assert!(on_date["line"].as_u64().is_some());
    assert_eq!(wrong["pages"], 0);
    assert_eq!(editor.get(&format!("/api/page?file={FILE}&kind=fact-sheet&lang=en&n=1")).body, after);
}

#[test]
fn a_save_changes_the_edited_field_only_and_keeps_the_previous_version() {
    let editor = Editor::start(Project::aktau());
    let path = editor.project.path().join("cases").join(FILE);
    let original = std::fs::read_to_string(&path).unwrap();
    let case = editor.case(FILE);
    let mut value = case["value"].clone();
    value["person"]["name"]["given"] = json!("Zhanargul");
    value["person"]["role"]["en"] = json!("civil activist and blogger");
    let answer =
        editor.post("/api/save", &json!({ "file": FILE, "hash": case["hash"], "base": case["value"], "value": value }));
    assert_eq!(answer.status, 200, "{}", answer.text());
    let saved = std::fs::read_to_string(&path).unwrap();
    let expected = original.replacen("    given: Abzal\n", "    given: Zhanargul\n", 1).replacen(
        "    en: civil activist\n",
        "    en: civil activist and blogger\n",
        1,
    );
    assert_ne!(expected, original);
    assert_eq!(saved, expected, "byte for byte but the two fields");
    let history: Vec<_> = common::walk(&editor.project.path().join("out/history"));
    assert_eq!(history.len(), 1);
    assert_eq!(std::fs::read_to_string(&history[0]).unwrap(), original);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&history[0]).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the previous version, with its confidential section, is its owner's only");
    }
    assert!(history[0].file_name().unwrap().to_str().unwrap().starts_with("kanaliyev-2021."));
    // The saved file builds, with the new name, and the download is the saved version's PDF.
    let built = editor.project.amicus(&["build", &format!("cases/{FILE}"), "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(built.code(), 0, "{}", built.stderr());
    let pdf = editor.get(&format!("/api/pdf?file={FILE}&kind=fact-sheet&lang=en"));
    assert_eq!(pdf.status, 200);
    assert!(pdf.headers.to_ascii_lowercase().contains("content-type: application/pdf"));
    assert!(pdf.headers.contains("attachment; filename=\"kanaliyev-2021-fact-sheet.en.pdf\""), "{}", pdf.headers);
    let downloaded = editor.project.path().join("downloaded.pdf");
    std::fs::write(&downloaded, &pdf.body).unwrap();
    assert!(common::pdf_text(&downloaded).contains("Zhanargul"));
    // A second save from the same page goes on from the new hash.
    let hash = answer.json()["hash"].clone();
    assert_eq!(answer.json()["value"], value, "the page takes what was saved");
    let mut again = value.clone();
    again["person"]["name"]["given"] = json!("Abzal");
    let answer = editor.post("/api/save", &json!({ "file": FILE, "hash": hash, "base": value, "value": again }));
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected.replacen("given: Zhanargul", "given: Abzal", 1));
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let editor = Editor::start(Project::aktau());
    let path = editor.project.path().join("cases").join(FILE);
    let case = editor.case(FILE);
    let mut value = case["value"].clone();
    value["person"]["name"]["given"] = json!("Zhanargul");
    // Someone edits the file in a text editor meanwhile.
    let theirs = std::fs::read_to_string(&path).unwrap().replacen("  en: Aktau\n", "  en: Aqtau\n", 1);
    std::fs::write(&path, &theirs).unwrap();
    let save = json!({ "file": FILE, "hash": case["hash"], "base": case["value"], "value": value });
    let refused = editor.post("/api/save", &save);
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert_eq!(refused.json(), json!({ "refused": "changed_on_disk", "mergeable": true }));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs, "untouched");
    // Merged on request: both changes.
    let mut merge = save.clone();
    merge["merge"] = json!(true);
    assert_eq!(editor.post("/api/save", &merge).status, 200);
    let merged = std::fs::read_to_string(&path).unwrap();
    assert_eq!(merged, theirs.replacen("    given: Abzal\n", "    given: Zhanargul\n", 1));
    // The same field changed both ways: no merge offered.
    let case = editor.case(FILE);
    let mut value = case["value"].clone();
    value["place"]["en"] = json!("Aktau city");
    std::fs::write(&path, merged.replacen("  en: Aqtau\n", "  en: Aktau\n", 1)).unwrap();
    let save = json!({ "file": FILE, "hash": case["hash"], "base": case["value"], "value": value, "merge": true });
    let refused = editor.post("/api/save", &save);
    assert_eq!(refused.json(), json!({ "refused": "changed_on_disk", "mergeable": false }));
}

#[test]
fn a_file_that_cannot_change_in_place_is_rewritten_only_when_asked() {
    let project = Project::aktau();
    let path = project.path().join("cases").join(FILE);
    // A place shared through an anchor: changing one use cannot be written in place.
    let text = std::fs::read_to_string(&path).unwrap().replacen("place:\n", "place: &town\n", 1).replacen(
        "  from:\n    en: Aktau\n    ru: Актау\n    kk: Ақтау\n",
        "  from: *town\n",
        1,
    );
    std::fs::write(&path, &text).unwrap();
    let editor = Editor::start(project);
    let case = editor.case(FILE);
    let mut value = case["value"].clone();
    value["person"]["from"]["en"] = json!("Zhanaozen");
    let save = json!({ "file": FILE, "hash": case["hash"], "base": case["value"], "value": value.clone() });
    let refused = editor.post("/api/save", &save);
    assert_eq!(refused.status, 422, "{}", refused.text());
    let refusal = refused.json();
    assert_eq!(refusal["refused"], "unfaithful");
    assert!(refusal["diff"].as_str().unwrap().contains("+     en: Zhanaozen"), "{refusal}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let mut rewrite = save.clone();
    rewrite["rewrite"] = json!(true);
    assert_eq!(editor.post("/api/save", &rewrite).status, 200);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with("# yaml-language-server: $schema="), "the header comments stay");
    let built = editor.project.amicus(&["build", &format!("cases/{FILE}"), "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(built.code(), 0, "{}", built.stderr());
}

#[test]
fn a_new_case_starts_from_the_skeleton_and_case_data_stays_data() {
    let editor = Editor::start(Project::aktau());
    let answer = editor.post("/api/new", &json!({ "id": "testova-2025" }));
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.json()["file"], "testova-2025.yaml");
    assert!(editor.project.path().join("cases/testova-2025.yaml").is_file());
    let taken = editor.post("/api/new", &json!({ "id": "testova-2025" }));
    assert_eq!(taken.status, 400);
    assert!(taken.text().contains("exists already"), "{}", taken.text());
    // A case with no events yet is previewed, dated today as a letter written now.
    let skeleton = editor.case("testova-2025.yaml");
    let first = editor.preview("testova-2025.yaml", "fact-sheet", &skeleton["value"]);
    assert!(!first["messages"].to_string().contains("no date"), "{first}");
    // A hostile name reaches the page as data inside its JSON, never as markup.
    let case = editor.case("testova-2025.yaml");
    let mut value = case["value"].clone();
    let hostile = "</script><script>alert(1)</script><!--";
    value["person"]["name"]["given"] = json!(hostile);
    let save = json!({ "file": "testova-2025.yaml", "hash": case["hash"], "base": case["value"], "value": value });
    assert_eq!(editor.post("/api/save", &save).status, 200);
    let page = editor.get("/case?file=testova-2025.yaml").text();
    assert_eq!(page.matches("<script").count(), 2, "{page}");
    assert!(page.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
    let home = editor.get("/").text();
    assert!(home.contains("testova-2025") && !home.contains("<script>alert"));
    let headers = editor.get("/").headers.to_ascii_lowercase();
    assert!(headers.contains("content-security-policy: default-src 'self'"), "{headers}");
}

#[test]
fn letters_go_to_the_recipients_list_given_and_are_downloaded() {
    let editor = Editor::start(Project::aktau());
    // Before a list: the letter is previewed, addressed to a placeholder, and says so.
    let first = editor.preview(FILE, "mep-letter", &editor.case(FILE)["value"]);
    assert!(first["pages"].as_u64().unwrap() >= 1, "{first}");
    assert!(first["messages"].to_string().contains("placeholder"), "{first}");
    assert_eq!(editor.case(FILE)["recipients"], json!(null));
    // A list with a bad line: every error, named after the file given, and nothing kept.
    let broken = std::fs::read(common::fixture("recipients/broken.csv")).unwrap();
    let refused = editor.post_text("/api/recipients?name=meps.csv", &broken);
    assert_eq!(refused.status, 400, "{}", refused.text());
    let text = refused.text();
    assert!(text.contains("meps.csv") && text.contains("\"line\":3"), "{text}");
    assert_eq!(editor.case(FILE)["recipients"], json!(null));
    let not_a_list = editor.post_text("/api/recipients?name=meps.txt", b"name\nA\n");
    assert_eq!(not_a_list.status, 400);
    assert!(not_a_list.text().contains("not a recipients list"), "{}", not_a_list.text());
    // A good list: kept for letters (and when the editor starts again).
    let list = std::fs::read(common::fixture("recipients/three.csv")).unwrap();
    let taken = editor.post_text("/api/recipients?name=three.csv", &list);
    assert_eq!(taken.status, 200, "{}", taken.text());
    assert_eq!(taken.json()["count"], 3);
    assert_eq!(editor.case(FILE)["recipients"], 3);
    let second = editor.preview(FILE, "mep-letter", &editor.case(FILE)["value"]);
    assert!(!second["messages"].to_string().contains("placeholder"), "{second}");
    // A list with mistakes, or not in UTF-8 (Excel's default CSV), leaves the good one in place.
    assert_eq!(editor.post_text("/api/recipients?name=meps.csv", &broken).status, 400);
    let latin1 = editor.post_text("/api/recipients?name=meps.csv", b"name\nMarta Ejemplo M\xfcller\n");
    assert_eq!(latin1.status, 400);
    assert!(latin1.text().contains("not UTF-8"), "{}", latin1.text());
    assert_eq!(editor.case(FILE)["recipients"], 3);
    let kept: Vec<_> =
        std::fs::read_dir(editor.project.path().join("out/editor")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(kept, ["recipients.csv"], "no copy left of the lists refused");
    // A letter is made for each person: no single letter to download.
    let pdf = editor.get(&format!("/api/pdf?file={FILE}&kind=mep-letter&lang=en"));
    assert_eq!(pdf.status, 422);
    assert!(pdf.text().contains("build the letters"), "{}", pdf.text());
    // The letters of the saved case, one a person, built into out/ and downloaded from there.
    let letters = editor.post("/api/letters", &json!({ "file": FILE }));
    assert_eq!(letters.status, 200, "{}", letters.text());
    let built: Vec<String> = letters.json()["built"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .filter(|f| f.ends_with(".pdf"))
        .collect();
    assert_eq!(built.len(), 3, "{}", letters.text());
    for file in &built {
        assert!(editor.project.path().join("out").join(file).is_file(), "{file}");
    }
    let hannah = editor.get(&format!("/api/out?file={}", built.iter().find(|f| f.contains("hannah")).unwrap()));
    let hannah_pdf = editor.project.path().join("hannah.pdf");
    std::fs::write(&hannah_pdf, &hannah.body).unwrap();
    assert!(common::pdf_text(&hannah_pdf).contains("Dear Dr Testmann"), "each letter to its person");
    let marta = built.iter().find(|f| f.contains("marta-ejemplo")).expect("a letter to Marta Ejemplo");
    let download = editor.get(&format!("/api/out?file={marta}"));
    assert_eq!(download.status, 200);
    assert!(download.headers.to_ascii_lowercase().contains("content-type: application/pdf"), "{}", download.headers);
    let saved = editor.project.path().join("marta.pdf");
    std::fs::write(&saved, &download.body).unwrap();
    assert!(common::pdf_text(&saved).contains("Ejemplo"));
    // The list is there when the editor starts again.
    let mut editor = editor;
    editor.restart();
    assert_eq!(editor.case(FILE)["recipients"], 3);
    // Only documents of the output folder.
    std::fs::write(editor.project.path().join("out/.hidden.pdf"), b"%PDF").unwrap();
    for file in ["../cases/kanaliyev-2021.yaml", "/etc/passwd", "editor/recipients.csv", ".hidden.pdf", "../out/x.pdf"]
    {
        assert_eq!(editor.get(&format!("/api/out?file={file}")).status, 404, "{file}");
    }
}

#[test]
fn shared_files_are_made_and_edited_from_the_form() {
    let editor = Editor::start(Project::aktau());
    let made = editor.post("/api/new", &json!({ "id": "ep-2025-01-16", "kind": "statement" }));
    assert_eq!(made.status, 200, "{}", made.text());
    let file = "_shared/statements/ep-2025-01-16.yaml";
    assert_eq!(made.json()["file"], file);
    let path = editor.project.path().join("cases").join(file);
    let skeleton = std::fs::read_to_string(&path).unwrap();
    for (kind, status) in [("digest", 400), ("script", 400)] {
        assert_eq!(editor.post("/api/new", &json!({ "id": "x-1", "kind": kind })).status, status, "{kind}");
    }
    let shared = editor.case(file);
    assert_eq!(shared["schema"], "statement");
    assert_eq!(shared["kinds"], json!([]), "a shared file has no documents of its own");
    let schema = editor.get("/api/schema?kind=statement").json();
    assert!(schema["properties"]["body"].is_object(), "{schema}");
    // Its preview is check's messages about it: the skeleton's TODOs.
    let preview = editor.preview(file, "", &shared["value"]);
    assert_eq!(preview["pages"], 0);
    assert!(preview["messages"].to_string().contains("TODO"), "{preview}");
    let placed = preview["messages"].as_array().unwrap().iter().filter(|m| m["field"] != "").count();
    assert!(placed >= 1, "a TODO is beside its field: {preview}");
    // Saved in place, the skeleton's comments kept.
    let mut value = shared["value"].clone();
    value["date"] = json!("2025-01-16");
    let save = json!({ "file": file, "hash": shared["hash"], "base": shared["value"], "value": value });
    let answer = editor.post("/api/save", &save);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("date: 2025-01-16"), "{saved}");
    let comments = |text: &str| text.lines().filter(|l| l.trim_start().starts_with('#')).count();
    assert_eq!(comments(&saved), comments(&skeleton));
    let kept = common::walk(&editor.project.path().join("out/history"));
    assert_eq!(kept.len(), 1);
    assert!(kept[0].starts_with(editor.project.path().join("out/history/_shared/statements")), "{kept:?}");
    // The documents and letters of a case only.
    assert_eq!(editor.get(&format!("/api/pdf?file={file}&kind=fact-sheet&lang=en")).status, 422);
    assert_eq!(editor.post("/api/letters", &json!({ "file": file })).status, 400);
}

#[test]
fn a_windows_file_keeps_its_line_ends_and_byte_order_mark() {
    let project = Project::aktau();
    let path = project.path().join("cases").join(FILE);
    let unix = std::fs::read_to_string(&path).unwrap();
    let windows = format!("\u{feff}{}", unix.replace('\n', "\r\n"));
    std::fs::write(&path, &windows).unwrap();
    let editor = Editor::start(project);
    let case = editor.case(FILE);
    let mut value = case["value"].clone();
    value["person"]["name"]["given"] = json!("Zhanargul");
    let save = json!({ "file": FILE, "hash": case["hash"], "base": case["value"], "value": value });
    assert_eq!(editor.post("/api/save", &save).status, 200);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(saved, windows.replacen("    given: Abzal\r\n", "    given: Zhanargul\r\n", 1));
    // Mixed line ends: each line keeps its own.
    let mixed = unix.replacen("  en: Aktau\n", "  en: Aktau\r\n", 1);
    std::fs::write(&path, &mixed).unwrap();
    let case = editor.case(FILE);
    let save = json!({ "file": FILE, "hash": case["hash"], "base": case["value"], "value": value });
    assert_eq!(editor.post("/api/save", &save).status, 200);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(saved, mixed.replacen("    given: Abzal\n", "    given: Zhanargul\n", 1));
}

#[test]
fn the_overview_gives_each_defendant_of_a_trial_their_readiness() {
    let editor = Editor::start(Project::examples());
    let page = editor.get("/").text();
    let data = page.split("id=\"data\">").nth(1).and_then(|rest| rest.split("</script>").next()).unwrap();
    let overview: serde_json::Value = serde_json::from_str(data).unwrap();
    let viasna = overview["cases"].as_array().unwrap().iter().find(|c| c["id"] == "viasna-2023").unwrap();
    let sheets: Vec<&serde_json::Value> =
        viasna["kinds"].as_array().unwrap().iter().filter(|k| k["kind"] == "fact-sheet").collect();
    assert_eq!(sheets.len(), viasna["people"].as_array().unwrap().len(), "{viasna}");
    assert!(sheets.iter().all(|k| k["who"].as_str().is_some_and(|w| w.starts_with("viasna-2023/"))), "{viasna}");
    let letters: Vec<_> = viasna["kinds"].as_array().unwrap().iter().filter(|k| k["kind"] == "mep-letter").collect();
    assert_eq!(letters.len(), 1, "a letter per trial");
    // A case's document from the editor is the one `build` makes: dated by its facts, not by
    // the clock (the project has no SOURCE_DATE_EPOCH).
    let built = editor.project.amicus(&["build", "cases/prokopyeva-2020.yaml", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(built.code(), 0, "{}", built.stderr());
    let by_build = common::walk(&editor.project.path().join("out/prokopyeva-2020"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    let downloaded = editor.get("/api/pdf?file=prokopyeva-2020.yaml&kind=fact-sheet&lang=en");
    let by_editor = editor.project.path().join("downloaded.pdf");
    std::fs::write(&by_editor, &downloaded.body).unwrap();
    assert_eq!(common::pdf_text(&by_editor), common::pdf_text(&by_build));
    // The key dates are those `amicus deadlines` gives on the same day, each with its case's
    // file to open: past ones (the Aktau appeals) and ahead (the Temirov Live terms).
    let listed = editor.project.amicus(&["deadlines"]);
    assert_eq!(listed.code(), 0, "{}", listed.stderr());
    let expected: Vec<(String, String, String, bool)> = listed
        .stdout()
        .lines()
        .filter_map(|line| {
            let (date, rest) = (line.get(..10)?, line.get(10..)?.trim_start());
            let (passed, rest) = rest.strip_prefix("passed").map_or((false, rest), |r| (true, r.trim_start()));
            let (case, what) = rest.split_once(' ')?;
            Some((date.to_owned(), case.to_owned(), what.trim_start().to_owned(), passed))
        })
        .collect();
    let given: Vec<(String, String, String, bool)> = overview["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let case = d["case"].as_str().unwrap();
            let file = format!("{}.yaml", case.split('/').next().unwrap());
            assert_eq!(d["file"], file.as_str(), "{d}");
            let days = d["days"].as_i64().unwrap();
            (d["date"].as_str().unwrap().to_owned(), case.to_owned(), d["what"].as_str().unwrap().to_owned(), days < 0)
        })
        .collect();
    assert_eq!(given, expected);
    assert!(given.iter().any(|d| d.3) && given.iter().any(|d| !d.3), "{given:?}");
    assert!(given.iter().any(|d| d.1 == "temirov-live-2024/ishenbekov" && d.2.starts_with("end of imprisonment")));
    // The shared files are listed, to open: the sender's letterhead, for one.
    let senders = overview["shared"]["senders"].as_array().unwrap();
    assert!(senders.contains(&serde_json::json!("_shared/senders/default.yaml")), "{overview}");
    assert_eq!(editor.case("_shared/senders/default.yaml")["schema"], "sender");
}
