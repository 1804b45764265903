//! Fuzzes the Typst escaper: whatever the bytes, escaped markup parses as plain text that
//! shows exactly the input's visible characters, and so does a string literal.

#![no_main]

use amicus::render::escape::{BREAK_OPPORTUNITY, escape_markup, string_literal};
use libfuzzer_sys::fuzz_target;
use typst::syntax::{SyntaxKind, SyntaxNode, ast};

fn plain_text(node: &SyntaxNode, out: &mut String) {
    match node.kind() {
        SyntaxKind::Markup => node.children().for_each(|child| plain_text(child, out)),
        SyntaxKind::Text => out.push_str(node.leaf_text()),
        SyntaxKind::Escape => out.push_str(&node.leaf_text()[1..]),
        SyntaxKind::Space | SyntaxKind::Linebreak => {}
        kind => panic!("data became {kind:?}: {:?}", node.full_text()),
    }
}

/// What a reader sees: not the break opportunities the escaper adds, nor the direction
/// controls it closes or drops to keep a value's direction inside it.
fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace() && *c != BREAK_OPPORTUNITY)
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

fuzz_target!(|data: &str| {
    let mut escaped = String::new();
    escape_markup(data, &mut escaped);
    let tree = typst::syntax::parse(&escaped);
    assert!(tree.errors_and_warnings().0.is_empty(), "{escaped:?} does not parse");
    let mut seen = String::new();
    plain_text(&tree, &mut seen);
    assert_eq!(visible(&seen), visible(data));

    let literal = string_literal(data);
    let code = typst::syntax::parse_code(&literal);
    assert!(code.errors_and_warnings().0.is_empty(), "{literal:?} does not parse");
    let string = code.children().find_map(|n| n.cast::<ast::Str>()).expect("one string literal");
    assert_eq!(visible(string.get().as_str()), visible(data));
});
