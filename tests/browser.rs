//! The editor in a real browser: headless Chromium driven by WebDriver (see
//! tests/common/webdriver.rs for what it needs). What a user does, through the pages: open the
//! printed address, find a case, type, see the preview change and a message beside a wrong
//! field, save, be refused when the file changed on disk meanwhile, download a PDF.

mod common;

use std::time::{Duration, Instant};

use common::Project;
use common::editor::Editor;
use common::webdriver::Browser;

const FILE: &str = "kanaliyev-2021.yaml";

/// The sequence number of the preview on screen.
fn shown(browser: &Browser) -> u64 {
    browser
        .run("return Number(document.getElementById('pages').dataset.seq || 0);", serde_json::json!([]))
        .as_u64()
        .unwrap()
}

/// The PDF the browser downloaded into `folder`, once it is there whole.
fn downloaded(folder: &std::path::Path) -> std::path::PathBuf {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let done = std::fs::read_dir(folder)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "pdf"));
        // Whole once it ends as a PDF ends: under load the file was seen, and read, before
        // Chromium had written all of it ("couldn't parse input").
        let whole =
            |pdf: &std::path::PathBuf| std::fs::read(pdf).is_ok_and(|bytes| bytes.trim_ascii_end().ends_with(b"%%EOF"));
        if let Some(pdf) = done.filter(whole) {
            return pdf;
        }
        assert!(Instant::now() < deadline, "no PDF was downloaded");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_user_edits_a_case_in_the_browser() {
    let editor = Editor::start(Project::aktau());
    let downloads = tempfile::tempdir().unwrap();
    let Some(browser) = Browser::start(downloads.path()) else { return };
    let base = editor.origin();
    let path = editor.project.path().join("cases").join(FILE);
    let original = std::fs::read_to_string(&path).unwrap();

    // Without the printed address: refused, with what to do.
    browser.open(&format!("{base}/"));
    assert!(browser.text("body").contains("open the address `amicus serve` printed"), "{}", browser.text("body"));

    // The printed address: the project's cases, the token gone from the address bar.
    browser.open(&format!("{base}/?token={}", editor.token));
    browser.find("table.cases");
    assert_eq!(browser.url(), format!("{base}/"));
    let overview = browser.text("main");
    assert!(overview.contains("kanaliyev-2021") && overview.contains("Abzal Kanaliyev"), "{overview}");
    assert!(overview.contains("fact-sheet: ready"), "{overview}");
    // Ismakova's and Kanaliyev's key dates (the last days to appeal, the ends of their terms)
    // have all passed: folded under their count.
    let deadlines = browser.text("section.deadlines");
    assert!(deadlines.contains("No dates ahead.") && deadlines.contains("Passed (6)"), "{deadlines}");
    browser.find("section.deadlines summary").click();
    let deadlines = browser.text("section.deadlines");
    assert!(deadlines.contains("2022-01-05\tAbzal Kanaliyev (kanaliyev-2021)\tlast day to appeal"), "{deadlines}");
    browser.keep_screenshot("overview");

    // The case: a form from the schema, and the fact sheet's preview.
    browser.find("a[href='/case?file=kanaliyev-2021.yaml']").click();
    let given = browser.find("#f-person_name_given");
    assert_eq!(given.value(), "Abzal");
    browser.wait_for("document.querySelector('#pages img.page') !== null", "the first preview");
    let first = shown(&browser);
    let before = editor.get(&format!("/api/page?file={FILE}&kind=fact-sheet&lang=en&n=1")).body;
    browser.keep_screenshot("case");

    // Typing a name changes the preview.
    given.clear();
    given.type_text("Zhanargul");
    browser.wait_for(&format!("Number(document.getElementById('pages').dataset.seq) > {first}"), "a new preview");
    browser.wait_for("document.getElementById('pages').getAttribute('aria-busy') === 'false'", "the preview");
    let after = editor.get(&format!("/api/page?file={FILE}&kind=fact-sheet&lang=en&n=1")).body;
    assert!(after.starts_with(b"\x89PNG") && after != before, "the page image changed");
    assert_eq!(browser.text("#status"), "Unsaved changes");

    // A wrong date: the message appears beside the field, and the field is marked.
    let date = browser.find("#f-verdict_date");
    date.clear();
    date.type_text("2021-13-45");
    browser.wait_for(
        "document.querySelector('[data-path=\"verdict.date\"] .field-messages .message.error') !== null",
        "a message beside the verdict's date",
    );
    let message = browser.text("[data-path=\"verdict.date\"] .field-messages");
    assert!(message.contains("verdict.date") || message.to_lowercase().contains("date"), "{message}");
    assert_eq!(
        browser.run(
            "return document.getElementById('f-verdict_date').getAttribute('aria-invalid');",
            serde_json::json!([])
        ),
        "true"
    );
    browser.keep_screenshot("message");
    date.clear();
    date.type_text("2021-12-21");
    browser.wait_for(
        "document.querySelector('[data-path=\"verdict.date\"] .field-messages .message') === null",
        "the message to go",
    );

    // Save: the file changes in that one line, byte for byte elsewhere.
    browser.find("#save").click();
    browser.wait_for("document.getElementById('status').textContent === 'Saved'", "the save");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(saved, original.replacen("    given: Abzal\n", "    given: Zhanargul\n", 1));

    // Someone edits the file in a text editor meanwhile: the next save is refused.
    let theirs = saved.replacen("  en: Aktau\n", "  en: Aqtau\n", 1);
    std::fs::write(&path, &theirs).unwrap();
    let role = browser.find("#f-person_role_en");
    role.clear();
    role.type_text("blogger");
    browser.find("#save").click();
    browser.wait_for("!document.getElementById('dialog').hidden", "the refusal");
    assert!(browser.text("#dialog").contains("changed on disk"), "{}", browser.text("#dialog"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs, "the file is untouched");
    browser.keep_screenshot("changed-on-disk");
    // The changes touch different fields: merging keeps both.
    browser.find("#merge").click();
    browser.wait_for("document.getElementById('status').textContent === 'Saved'", "the merge");
    let merged = std::fs::read_to_string(&path).unwrap();
    assert_eq!(merged, theirs.replacen("    en: civil activist\n", "    en: blogger\n", 1));

    // Moving the first act down: the file's acts change places, with their lines, and the
    // arguments that name acts by position follow them.
    browser.find("[data-path='acts[0]'] .item-tools button[aria-label^='Move down']").click();
    browser.wait_for("document.getElementById('status').textContent === 'Unsaved changes'", "the move");
    browser.find("#save").click();
    browser.wait_for("document.getElementById('status').textContent === 'Saved'", "the save of the move");
    let moved = std::fs::read_to_string(&path).unwrap();
    let first = merged.find("  - kind: repost\n    platform: Facebook\n    organisations").unwrap();
    let second = merged.find("  - kind: repost\n    platform: Facebook\n    people").unwrap();
    assert!(
        moved.find("    people:").unwrap() < moved.find("    organisations: [koshe-partiyasy, dck]").unwrap(),
        "{moved}"
    );
    assert!(first < second);
    assert!(
        moved.contains("    acts: [2, 1, 3, 4]\n")
            && moved.contains("    acts: [2, 3, 4]\n")
            && moved.contains("    acts: [5]\n"),
        "{moved}"
    );
    assert_eq!(moved.lines().count(), merged.lines().count());
    assert_eq!(editor.project.amicus(&["check", &format!("cases/{FILE}")]).code(), 0);

    // Download the saved version's PDF.
    browser.find("#download").click();
    let pdf = downloaded(downloads.path());
    assert_eq!(pdf.file_name().unwrap(), "kanaliyev-2021-fact-sheet.en.pdf");
    let text = common::pdf_text(&pdf);
    assert!(text.contains("Zhanargul"), "{text}");

    // Zoomed to 200% (the window's 1,400 pixels become 700): the form and the preview stack,
    // and nothing needs scrolling sideways.
    browser.resize(700, 1000);
    browser.open(&format!("{base}/case?file={FILE}"));
    browser.wait_for("document.querySelector('#pages img.page') !== null", "the preview at 200%");
    let fits = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;";
    assert_eq!(browser.run(fits, serde_json::json!([])), true, "the case page scrolls sideways at 200%");
    let stacked = "const form = document.querySelector('form').getBoundingClientRect(); \
        const pages = document.getElementById('pages').getBoundingClientRect(); return pages.top >= form.bottom;";
    assert_eq!(browser.run(stacked, serde_json::json!([])), true, "the preview is beside a squeezed form at 200%");
    browser.keep_screenshot("case-200");
    browser.open(&format!("{base}/"));
    browser.find("table.cases");
    assert_eq!(browser.run(fits, serde_json::json!([])), true, "the overview scrolls sideways at 200%");
    browser.keep_screenshot("overview-200");
}

#[test]
fn the_interface_speaks_russian() {
    let editor = Editor::start(Project::aktau());
    let downloads = tempfile::tempdir().unwrap();
    let Some(browser) = Browser::start(downloads.path()) else { return };
    browser.open(&format!("{}/?token={}", editor.origin(), editor.token));
    browser.find("table.cases");
    browser.find("a[lang='ru']").click();
    browser.wait_for("document.documentElement.lang === 'ru'", "the Russian interface");
    let page = browser.text("main");
    assert!(page.contains("Дела") && page.contains("Новое дело"), "{page}");
    // A new case from the form: made from the skeleton, and opened.
    browser.find("#new-id").type_text("testova-2025");
    browser.find(".new-case button").click();
    browser.find("#f-id");
    assert!(browser.url().ends_with("/case?file=testova-2025.yaml"), "{}", browser.url());
    assert!(editor.project.path().join("cases/testova-2025.yaml").is_file());
    assert_eq!(browser.text("#save"), "Сохранить");
    // The jurisdiction is chosen from those the project has, as the user types.
    let offered = browser.run(
        "const input = document.getElementById('f-jurisdiction'); return [...input.list.options].map((o) => o.value);",
        serde_json::json!([]),
    );
    assert_eq!(offered, serde_json::json!(["az", "by", "ge", "kg", "kz", "ru", "tj", "tm", "uz"]), "{offered}");
    let jurisdiction = browser.find("#f-jurisdiction");
    jurisdiction.clear();
    jurisdiction.type_text("kz");
    browser.find("#save").click();
    browser.wait_for("document.getElementById('status').textContent === 'Сохранено'", "the save");
    let saved = std::fs::read_to_string(editor.project.path().join("cases/testova-2025.yaml")).unwrap();
    assert!(saved.contains("\njurisdiction: kz   # a file in cases/_shared/jurisdictions/\n"), "{saved}");
    // Fields are named and explained in Russian; the new case's fact sheet takes shape once it
    // has the one fact it cannot do without, a charge.
    let labels = browser.text("#form");
    assert!(labels.contains("Юрисдикция") && labels.contains("Имя") && !labels.contains("Birth date"), "{labels}");
    browser.wait_for(
        "document.querySelector('[data-path=\"charges\"] .field-messages .message') !== null",
        "what is missing",
    );
    browser.find("#f-charges-add").click();
    browser.find("#f-charges_0__code").type_text("criminal");
    browser.find("#f-charges_0__article").type_text("174");
    browser.find("#f-charges_0__title").type_text("inciting social discord");
    browser.wait_for("document.querySelector('#pages img.page') !== null", "the new case's fact sheet");
    browser.keep_screenshot("new-case-ru");
    // Saved, it is a case `amicus build` makes the fact sheet of.
    browser.find("#save").click();
    browser.wait_for("document.getElementById('status').textContent === 'Сохранено'", "the save of the charge");
    let built = editor.project.amicus(&["build", "cases/testova-2025.yaml", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(built.code(), 0, "{}", built.stderr());

    // A jurisdiction the project has no file for (Armenia): made from the field, then filled in.
    browser.find("#f-jurisdiction-box button[aria-expanded]").click();
    let id = browser.find("#f-jurisdiction-new");
    id.clear();
    id.type_text("am");
    browser.find("#f-jurisdiction-box .new-shared button").click();
    browser.find("#f-jurisdiction-box a.new-file");
    assert_eq!(browser.find("#f-jurisdiction").value(), "am");
    let made = editor.project.path().join("cases/_shared/jurisdictions/am.yaml");
    assert!(made.is_file());
    browser.find("#save").click();
    browser.wait_for("document.getElementById('status').textContent === 'Сохранено'", "the save");
    let href =
        browser.run("return document.querySelector('#f-jurisdiction-box a.new-file').href;", serde_json::json!([]));
    browser.open(href.as_str().unwrap());
    browser.find("#form .field");
    assert!(browser.url().contains("_shared%2Fjurisdictions%2Fam.yaml"), "{}", browser.url());
    browser.wait_for(
        "document.querySelector('[data-path=\"country\"] .field-messages .message') !== null",
        "check's message beside the new file's field",
    );
    let message = browser.text("[data-path=\"country\"] .field-messages");
    assert!(message.contains("TODO"), "{message}");
    assert!(browser.text("#form").contains("Страна"), "the jurisdiction's fields in Russian too");
    browser.keep_screenshot("new-jurisdiction-ru");
}

#[test]
fn letters_are_built_for_a_recipients_list_given_in_the_page() {
    let editor = Editor::start(Project::aktau());
    let downloads = tempfile::tempdir().unwrap();
    let Some(browser) = Browser::start(downloads.path()) else { return };
    browser.open(&format!("{}/case?file={FILE}&token={}", editor.origin(), editor.token));
    browser.find("#f-id");
    // An optional field emptied is left out of the file, not written as "".
    let path = editor.project.path().join("cases").join(FILE);
    let original = std::fs::read_to_string(&path).unwrap();
    browser.find("#f-person_name_family").clear();
    browser.wait_for("document.getElementById('status').textContent === 'Unsaved changes'", "the change");
    browser.find("#save").click();
    browser.wait_for("document.getElementById('status').textContent === 'Saved'", "the save");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original.replacen("    family: Kanaliyev\n", "", 1));
    // The letter's preview, addressed to a placeholder until a list is given.
    browser.run(
        "const kind = document.getElementById('kind'); kind.value = 'mep-letter'; kind.dispatchEvent(new Event('change'));",
        serde_json::json!([]),
    );
    browser
        .wait_for("document.getElementById('messages').textContent.includes('placeholder')", "the placeholder's note");
    let disabled = browser.run("return document.getElementById('build-letters').disabled;", serde_json::json!([]));
    assert_eq!(disabled, true, "no letters without a list");
    let list = common::fixture("recipients/three.csv");
    browser.find("#recipients-file").type_text(list.to_str().unwrap());
    browser.wait_for(
        "document.getElementById('recipients-state').textContent.includes('get a letter: 3')",
        "the list taken",
    );
    browser.wait_for(
        "!document.getElementById('messages').textContent.includes('placeholder')",
        "the letter to the first person",
    );
    browser.wait_for("document.querySelectorAll('#pages img.page').length >= 1", "the letter's pages");
    browser.keep_screenshot("letter-preview");
    browser.find("#build-letters").click();
    browser.wait_for("document.querySelectorAll('ul.letters a').length === 3", "three letters");
    browser.keep_screenshot("letters");
    browser.find("ul.letters a[href*='marta-ejemplo']").click();
    let pdf = downloaded(downloads.path());
    assert!(common::pdf_text(&pdf).contains("Ejemplo"));
}
