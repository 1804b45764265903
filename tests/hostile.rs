//! Case data is never code: hostile strings in every kind of field appear literally in the
//! PDF and change nothing else.

mod common;

use common::{Project, assert_holds, page_count, pdf_text};

/// A synthetic case whose texts are `payload` (YAML-quoted by the caller).
fn case_with(id: &str, name: &str, role: &str, act: &str) -> String {
    format!(
        r#"id: {id}
jurisdiction: kz
place: {{ en: Testville, ru: Тествиль }}
status: detained
person:
  name: {{ given: {name}, family: Testova, ru: {{ given: {name}, family: Тестова }} }}
  sex: female
  role: {role}
arrest: unknown
charges:
  - {{ code: criminal, article: "405", part: 2, title: {act} }}
verdict:
  date: 2022-03-01
  court: {act}
  sentence:
    - {{ kind: ban, term: 3y, scope: [{act}] }}
acts:
  - {{ kind: other, text: {act} }}
"#
    )
}

fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

const HOSTILE: [&str; 14] = [
    r#"#read("/etc/passwd")"#,
    "$x^2$",
    "*bold*",
    "_under_",
    "]",
    "<label>",
    "@ref",
    "// not a comment",
    "`raw`",
    r"\u{41}",
    "#{panic()}",
    "#set page(height: 1cm)",
    "שלום עולם",
    "مرحبا بالعالم",
];

#[test]
fn hostile_strings_appear_literally_and_run_nothing() {
    let project = Project::templates_only();
    let payload = HOSTILE.join(" ");
    let id = "hostile-2022";
    project.write(
        &format!("cases/{id}.yaml"),
        &case_with(id, &yaml_string(&payload), &yaml_string(&payload), &yaml_string(&payload)),
    );
    let run = project.amicus(&["build", "--kind", "fact-sheet"]);
    assert_eq!(run.code(), 0, "{}\n{}", run.stdout(), run.stderr());
    for lang in ["en", "ru"] {
        let pdf = project.out(&format!("{id}/fact-sheet.{lang}.pdf"));
        let text = pdf_text(&pdf);
        assert_holds(&text, &HOSTILE, &format!("the {lang} fact sheet"));
        // Nothing was executed: no file was read, the page size and count did not change.
        assert!(!text.contains("root:"), "/etc/passwd leaked into the PDF");
        assert_eq!(page_count(&pdf), 1, "{lang}");
        let source = std::fs::read_to_string(pdf.with_extension("typ")).unwrap();
        // Outside the one string literal (the document title), no `#` of the data is bare.
        let markup: String = source.lines().filter(|l| !l.starts_with("#set document(")).collect();
        assert!(!markup.contains(" #read("), "unescaped code in the generated source");
        assert!(source.contains(r#"\#read\(\"\/etc\/passwd\"\)"#));
    }
}

#[test]
fn newlines_in_data_cannot_start_headings_or_lists() {
    let project = Project::templates_only();
    let payload = "first line\n= Not a heading\n- not a list\n+ nor this\n1. nor this";
    project.write("cases/lines-2022.yaml", &case_with("lines-2022", "Lina", &yaml_string(payload), "plain"));
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let pdf = project.out("lines-2022/fact-sheet.en.pdf");
    let text = pdf_text(&pdf);
    assert_holds(&text, &["= Not a heading", "- not a list", "+ nor this", "1. nor this"], "the sheet");
    // The generated source keeps the payload on its own lines' escaped form: no heading markup.
    let source = std::fs::read_to_string(pdf.with_extension("typ")).unwrap();
    let headings = source.lines().filter(|l| l.starts_with("= ")).count();
    assert_eq!(headings, 1, "only the person's name is a level-1 heading:\n{source}");
}

#[test]
fn a_character_no_font_has_is_an_error_naming_it_and_the_field() {
    let project = Project::templates_only();
    project.write("cases/glyph-2022.yaml", &case_with("glyph-2022", "Gia", "\"poet 漢字\"", "plain"));
    project.write("cases/fine-2022.yaml", &case_with("fine-2022", "Fina", "poet", "plain"));
    let run = project.amicus(&["build", "--kind", "fact-sheet", "--lang", "en"]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    assert!(stderr.contains("`漢` (U+6F22)"), "{stderr}");
    assert!(stderr.contains("case.person.role"), "{stderr}");
    assert!(!project.out("glyph-2022/fact-sheet.en.pdf").exists(), "a PDF with empty boxes was written");
    assert!(project.out("fine-2022/fact-sheet.en.pdf").exists(), "the other case was not built");
}
