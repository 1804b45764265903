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

/// Markup, code and line breaks of every kind Typst knows, plus text that would turn into a
/// link, an en dash, an ellipsis or a non-breaking space if it were not escaped.
const PAYLOAD: &str = "#read(\"/etc/passwd\") $x$ *b* ] <l> @r // c -- ... ~ http://example.org a\u{2028}= b\r\n- c";

#[test]
fn hostile_data_in_every_kind_and_in_recipients_stays_text() {
    let project = Project::aktau();
    let path = project.path().join("cases/kanaliyev-2021.yaml");
    let quoted = yaml_string(PAYLOAD);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("    en: civil activist\n", &format!("    en: {quoted}\n"))
        .replace("      en: calls for participation in peaceful protests\n", &format!("      en: {quoted}\n"))
        .replace("  court: unknown\n", &format!("  court: {quoted}\n"))
        .replace("      en: The hooliganism charge rests on a false denunciation\n", &format!("      en: {quoted}\n"));
    std::fs::write(&path, text).unwrap();
    let csv =
        format!("name,title,group,email\n\"Hostile {0}\",\"{0}\",\"{0}\",\"{0}\"\n", PAYLOAD.replace('"', "\"\""));
    let recipients = project.write("hostile.csv", &csv);
    // The fact sheet has its own test above: this much hostile text would not fit its one page.
    let mut args =
        vec!["build", "cases/kanaliyev-2021.yaml", "--lang", "en", "--recipients", recipients.to_str().unwrap()];
    for kind in ["appeal", "wgad", "special-procedures", "ep-brief", "mep-letter"] {
        args.extend(["--kind", kind]);
    }
    let run = project.amicus(&args);
    assert_eq!(run.code(), 0, "{}\n{}", run.stdout(), run.stderr());
    let letters: Vec<_> = std::fs::read_dir(project.out("kanaliyev-2021/mep-letter"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(letters.len(), 1);
    // Line breaks in the data and where lines wrap move spaces in pdftotext's output: compare
    // without white space, character for character.
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    let expected = squeeze(PAYLOAD);
    for kind in ["appeal", "wgad", "special-procedures", "ep-brief"] {
        let text = squeeze(&pdf_text(&project.out(&format!("kanaliyev-2021/{kind}.en.pdf"))));
        assert!(text.contains(&expected), "{kind} does not show the payload literally:\n{text}");
        assert!(!text.contains("root:"), "{kind} read /etc/passwd");
    }
    let letter = squeeze(&pdf_text(&letters[0]));
    // Name, title, group and email each show the payload.
    assert!(letter.matches(&expected).count() >= 4, "{letter}");
}

/// Direction controls in data cannot reorder the template's own words: an unterminated
/// RIGHT-TO-LEFT OVERRIDE in a role once mirrored the rest of a court filing's paragraph
/// ("...lanimirc detavitom yllacitilop a ni decnetnes yllagelli saw..."). A right-to-left name
/// stays readable, in its own order, and leaves the words around it in theirs.
#[test]
fn direction_controls_in_data_stay_inside_their_value() {
    let project = Project::aktau();
    let path = project.path().join("cases/kanaliyev-2021.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("    en: civil activist\n", &format!("    en: {}\n", yaml_string("civil activist \u{202e}")), 1)
        .replacen(
            "    ru: гражданский активист\n",
            &format!("    ru: {}\n", yaml_string("гражданский активист \u{2067}\u{202b} محمد")),
            1,
        );
    std::fs::write(&path, text).unwrap();
    let run = project.amicus(&["build", "cases/kanaliyev-2021.yaml", "--kind", "fact-sheet", "--kind", "appeal"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_holds(
        &pdf_text(&project.out("kanaliyev-2021/fact-sheet.en.pdf")),
        &[
            "Abzal KANALIYEV was illegally sentenced in a politically motivated criminal case under Article 405 Part 2",
            "from Aktau, sentenced on 21 December 2021 in Aktau",
        ],
        "the English fact sheet",
    );
    let appeal = pdf_text(&project.out("kanaliyev-2021/appeal.ru.pdf"));
    assert_holds(
        &appeal,
        &["Абзал Каналиев осуждён по ч. 2 ст. 405 УК РК («участие в деятельности экстремистской организации»)", "محمد"],
        "the Russian appeal",
    );
}

/// A recipient's name of 240 characters still gives a letter: its file name is shortened, and
/// stays unique.
#[test]
fn a_very_long_recipient_name_still_gets_its_letter() {
    let project = Project::aktau();
    let long = format!("Dr {} Testova", "Anna-Maria ".repeat(21));
    assert!(long.len() > 230);
    project.write("meps.csv", &format!("name\n{long}\n{long}\n"));
    let run =
        project.amicus(&["build", "cases/ismakova-2021.yaml", "--kind", "mep-letter", "--recipients", "meps.csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let letters = common::walk(&project.out("ismakova-2021/mep-letter"));
    assert_eq!(letters.iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).count(), 2, "{letters:?}");
}

/// A footnote mark is set where nothing breaks a line: one of 300 characters is refused where
/// it is written, rather than running off the page.
#[test]
fn a_long_footnote_mark_is_refused_where_it_is_written() {
    let project = Project::aktau();
    let path = project.path().join("cases/_shared/organisations/dck.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("footnote_mark: \"*\"", &format!("footnote_mark: \"{}\"", "*".repeat(300))))
        .unwrap();
    let run = project.amicus(&["check"]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    assert!(stderr.contains("a footnote mark of 300 characters cannot be set (field `footnote_mark`)"), "{stderr}");
    assert!(stderr.contains("[root]/cases/_shared/organisations/dck.yaml:17"), "{stderr}");
}
