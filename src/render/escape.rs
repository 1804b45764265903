//! Typst escaping: case data must never become Typst code.
//!
//! Two contexts exist. In markup (the default for every `{{ value }}`), every character that
//! can start markup or code is preceded by a backslash, which Typst reads as "this character,
//! literally"; line breaks become Typst line breaks so data can never start a heading or a
//! list. In code positions templates use the `str` filter, which emits a string literal.

/// Characters that start or continue markup or code somewhere in Typst markup.
fn needs_backslash(c: char) -> bool {
    matches!(
        c,
        '\\' | '#'
            | '$'
            | '*'
            | '_'
            | '`'
            | '<'
            | '>'
            | '@'
            | '['
            | ']'
            | '~'
            | '-'
            | '+'
            | '='
            | '/'
            | '\''
            | '"'
            | '.'
            | ':'
            | '{'
            | '}'
            | '('
            | ')'
            | ';'
            | ','
    )
}

/// Characters Typst treats as the end of a line.
fn is_newline(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// How many characters without a space may run before a break opportunity is added: a long
/// URL or word must wrap rather than run off the page, where nobody would see it.
const LONGEST_UNBROKEN_RUN: usize = 40;

/// The invisible break opportunity added into long runs (ZERO WIDTH SPACE).
pub const BREAK_OPPORTUNITY: char = '\u{200b}';

/// Appends `text` to `out` so that Typst markup shows it literally.
pub fn escape_markup(text: &str, out: &mut String) {
    let mut chars = text.chars().peekable();
    let mut run = 0;
    while let Some(c) = chars.next() {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        if run > LONGEST_UNBROKEN_RUN {
            out.push(BREAK_OPPORTUNITY);
            run = 1;
        }
        if is_newline(c) {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            // A backslash before a space is a line break; the text stays on one source line.
            out.push_str("\\ ");
        } else if c == '\t' {
            out.push(' ');
        } else if c.is_control() {
            // Other control characters have no printed form; they are dropped.
        } else {
            if needs_backslash(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
}

/// `text` as a Typst string literal, quotes included, for code positions.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markup(text: &str) -> String {
        let mut out = String::new();
        escape_markup(text, &mut out);
        out
    }

    #[test]
    fn markup_specials_are_escaped() {
        assert_eq!(markup("#read(\"/etc/passwd\")"), "\\#read\\(\\\"\\/etc\\/passwd\\\"\\)");
        assert_eq!(markup("$x$ *b* ]"), "\\$x\\$ \\*b\\* \\]");
        assert_eq!(markup("= Heading\n- item"), "\\= Heading\\ \\- item");
    }

    #[test]
    fn long_runs_get_break_opportunities() {
        let escaped = markup(&"a".repeat(100));
        assert_eq!(escaped.matches(BREAK_OPPORTUNITY).count(), 2);
        assert_eq!(escaped.replace(BREAK_OPPORTUNITY, ""), "a".repeat(100));
        assert!(!markup("a short sentence with words").contains(BREAK_OPPORTUNITY));
    }

    #[test]
    fn unicode_escapes_cannot_be_formed() {
        // `\u{...}` is Typst's Unicode escape; a data backslash is escaped itself.
        assert_eq!(markup("\\u{41}"), "\\\\u\\{41\\}");
    }

    #[test]
    fn string_literals_quote_everything() {
        assert_eq!(string_literal("a \"b\" \\ \n"), "\"a \\\"b\\\" \\\\ \\n\"");
        assert_eq!(string_literal("\u{7}"), "\"\\u{7}\"");
    }
}
