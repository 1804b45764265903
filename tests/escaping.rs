//! Escaping under pressure. Generated strings — Typst markup and code, control characters,
//! line breaks, RTL text, combining marks, very long words — go through the escaper and
//! must parse as plain text (many cases, in process), and 10,000 of them go through the
//! whole pipeline into PDFs and must read back verbatim without adding a heading or losing
//! a paragraph. Characters no embedded font has (emoji) stop the build with an error naming
//! them instead.

mod common;

use amicus::render::escape::escape_markup;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use typst::syntax::{SyntaxKind, SyntaxNode};
use unicode_normalization::UnicodeNormalization;

use common::{Project, pdf_text};

/// Pieces strings are made of: each alphabet on its own, so that a string mixes them.
/// `rtl` adds Hebrew and Arabic words.
fn piece(rtl: bool) -> impl Strategy<Value = String> {
    let typst_specials = prop::sample::select(vec![
        "#",
        "$",
        "*",
        "_",
        "`",
        "<",
        ">",
        "@",
        "[",
        "]",
        "{",
        "}",
        "(",
        ")",
        "\\",
        "/",
        "//",
        "/*",
        "*/",
        "=",
        "==",
        "-",
        "--",
        "---",
        "-?",
        "+",
        "~",
        "'",
        "\"",
        ".",
        "...",
        ":",
        ";",
        ",",
        "1.",
        "#let x = 1",
        "#read(\"/etc/passwd\")",
        "#set page(height: 1cm)",
        "#pagebreak()",
        "= Heading",
        "\\u{41}",
        "http://example.org",
        "<label>",
        "@ref",
        "```raw```",
        "$ x^2 $",
        "#{",
        "#[",
        "]#",
    ])
    .prop_map(str::to_owned);
    let breaks = prop::sample::select(vec![
        "\n", "\r\n", "\r", "\t", "\u{2028}", "\u{2029}", "\u{85}", "\u{0b}", "\u{0c}", "  ",
    ])
    .prop_map(str::to_owned);
    let controls =
        prop::sample::select(vec!["\u{0}", "\u{1}", "\u{7}", "\u{1b}", "\u{7f}", "\u{9b}"]).prop_map(str::to_owned);
    let latin = "[a-zA-Z0-9àéîõüçßøÆŁ]{1,12}";
    let cyrillic = "[а-яА-ЯёЁӘәҒғҚқҢңӨөҰұҮүҺһІі]{1,12}";
    let greek = "[α-ωΑ-ΡΣ-Ω]{1,8}";
    let hebrew = "[א-ת]{2,8}";
    // Without U+063B–063F, rare letters DejaVu Sans lacks (they stop the build, by design).
    let arabic = "[ء-غف-ي]{2,8}";
    let combining = "[aeiou][\u{300}\u{301}\u{302}\u{308}]";
    let long_word = "[a-z]{120,300}";
    prop_oneof![
        4 => typst_specials,
        2 => breaks,
        1 => controls,
        4 => latin,
        3 => cyrillic,
        1 => greek,
        1 => hebrew.prop_map(move |w| if rtl { format!(" {w} ") } else { " ".to_owned() }),
        1 => arabic.prop_map(move |w| if rtl { format!(" {w} ") } else { " ".to_owned() }),
        1 => combining,
        1 => long_word,
        2 => Just(" ".to_owned()),
    ]
}

fn generated_string(rtl: bool) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(rtl), 1..12).prop_map(|pieces| pieces.concat())
}

fn is_quote(c: char) -> bool {
    matches!(c, '\'' | '"' | '‘' | '’' | '′' | '“' | '”' | '«' | '»' | '„' | '″')
}

/// How many quotes and apostrophes a text holds, of any form.
fn quotes(text: &str) -> usize {
    text.chars().filter(|c| is_quote(*c)).count()
}

/// What a reader should see of `input`: control characters gone, composed, no white space.
fn visible(input: &str) -> String {
    input
        .chars()
        // The escaper adds invisible break opportunities into long runs, and isolates a value's
        // direction controls (closing those left open, dropping those that close nothing);
        // readers see neither.
        .filter(|c| !c.is_control() && !c.is_whitespace() && *c != '\u{200b}')
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        // Quotes and apostrophes in prose are set as the language's typographic ones, whose
        // kerning can move them a letter in a reading of the PDF by position ("‘Æ" read as
        // "Æ‘"): they are compared by count, in `quotes`, and the rest in order.
        .filter(|c| !is_quote(*c))
        .collect::<String>()
        .nfc()
        .collect()
}

/// Walks a parsed markup tree: every node must be plain text, an escape, a quote Typst sets
/// typographically, a space or a line break; returns the text a reader sees.
fn plain_text(node: &SyntaxNode, out: &mut String) -> Result<(), String> {
    match node.kind() {
        SyntaxKind::Markup => {
            for child in node.children() {
                plain_text(child, out)?;
            }
        }
        SyntaxKind::Text => out.push_str(node.leaf_text()),
        SyntaxKind::Escape => out.push_str(&node.leaf_text()[1..]),
        SyntaxKind::SmartQuote => out.push_str(node.leaf_text()),
        SyntaxKind::Space | SyntaxKind::Linebreak => {}
        kind => return Err(format!("data became {kind:?}: {:?}", node.full_text())),
    }
    Ok(())
}

#[test]
fn escaped_data_always_parses_as_plain_text() {
    let mut runner = TestRunner::new(Config { cases: 20_000, failure_persistence: None, ..Config::default() });
    runner
        .run(&generated_string(true), |input| {
            let mut escaped = String::new();
            escape_markup(&input, &mut escaped);
            let tree = typst::syntax::parse(&escaped);
            prop_assert!(tree.errors_and_warnings().0.is_empty(), "{input:?} → {escaped:?} does not parse");
            let mut seen = String::new();
            plain_text(&tree, &mut seen).map_err(TestCaseError::fail)?;
            prop_assert_eq!(visible(&seen), visible(&input), "{:?} → {:?}", input, escaped);
            prop_assert_eq!(quotes(&seen), quotes(&input), "{:?} → {:?}", input, escaped);
            Ok(())
        })
        .unwrap();
}

const PROBE: &str = r#"#set document(title: "Probe")
#set text(lang: "en")
#show: it => { set text(font: ("PT Sans", "DejaVu Sans"), fallback: false); it }
= Probe
{% for act in case.acts %}
Þ{{ loop.index }}Þ {{ act.text }} ÞÞÞ

{% endfor %}
"#;

/// Writes a case whose acts are `texts`, as JSON (any string is valid there).
fn case_with_acts(texts: &[String]) -> String {
    let acts: Vec<serde_json::Value> = texts.iter().map(|t| serde_json::json!({"kind": "other", "text": t})).collect();
    serde_json::json!({
        "id": "probe-2022", "jurisdiction": "kz", "place": "Testville", "status": "detained",
        "person": {"name": {"family": "Probe"}, "role": "tester"},
        "arrest": "unknown",
        "charges": [{"code": "criminal", "article": "1", "title": "probe"}],
        "document_date": "2022-01-01",
        "acts": acts,
    })
    .to_string()
}

#[test]
fn ten_thousand_generated_strings_read_back_verbatim_from_pdfs() {
    let project = Project::templates_only();
    project.write("templates/probe/en.typ.j2", PROBE);
    // Without RTL: a reader of the PDF guesses the logical order of mixed-direction lines and moves
    // neutral characters (and markers) around RTL runs. The escaper's handling of RTL is
    // proven in process above, and RTL text is read back from PDFs in tests/hostile.rs.
    let batch = prop::collection::vec(generated_string(false).prop_filter("no marker", |s| !s.contains('Þ')), 100);
    let config = Config { cases: 100, max_shrink_iters: 20, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    runner
        .run(&batch, |texts| {
            project.write("cases/probe.json", &case_with_acts(&texts));
            let run = project.amicus(&["build", "--kind", "probe", "--lang", "en"]);
            prop_assert_eq!(run.code(), 0, "{}", run.stderr());
            let pdf = project.out("probe-2022/probe.en.pdf");
            // Headings in the structure tree: `H`, `H1` to `H6`.
            let headings = common::structure_types(&pdf)
                .iter()
                .filter(|t| t.strip_prefix('H').is_some_and(|level| level.chars().all(|c| c.is_ascii_digit())))
                .count();
            prop_assert_eq!(headings, 1, "data added a heading");
            let text = pdf_text(&pdf);
            for (i, input) in texts.iter().enumerate() {
                // Markers of a strong left-to-right letter the strings never use, so that no
                // RTL run can pull them in when the reader reorders bidirectional text.
                let start = format!("Þ{}Þ", i + 1);
                let from =
                    text.find(&start).ok_or_else(|| TestCaseError::fail(format!("paragraph {} is missing", i + 1)))?;
                let rest = &text[from + start.len()..];
                let end = rest.find("ÞÞÞ").ok_or_else(|| {
                    TestCaseError::fail(format!(
                        "paragraph {} did not end: {:?} (input {input:?})",
                        i + 1,
                        rest.chars().take(400).collect::<String>()
                    ))
                })?;
                let seen: String = rest[..end].nfc().collect();
                prop_assert_eq!(visible(&seen), visible(input), "string {} read back differently", i + 1);
                prop_assert_eq!(quotes(&seen), quotes(input), "string {} lost or gained a quote", i + 1);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn an_emoji_is_an_error_naming_it_not_an_empty_box() {
    let project = Project::templates_only();
    project.write("templates/probe/en.typ.j2", PROBE);
    project.write("cases/probe.json", &case_with_acts(&["a rally 🙂 today".to_owned()]));
    let run = project.amicus(&["build", "--kind", "probe", "--lang", "en"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("no embedded font can draw `🙂` (U+1F642)"), "{}", run.stderr());
    assert!(run.stderr().contains("case.acts[0].text"), "{}", run.stderr());
}
