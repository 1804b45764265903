//! Typst escaping: case data must never become Typst code.
//!
//! Two contexts exist. In markup (the default for every `{{ value }}`), every character that
//! can start markup or code is preceded by a backslash, which Typst reads as "this character,
//! literally"; line breaks become Typst line breaks so data can never start a heading or a
//! list. Straight quotes and apostrophes in prose are left to Typst, which sets them as the
//! document's language writes them (“…” and ’ in English, «…» in Russian), like the
//! templates' own; in an e-mail address or a URL they stay as written. In code positions
//! templates use the `str` filter, which emits a string literal.

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
/// Joins what is on either side of it into one word: no line breaks there.
const WORD_JOINER: char = '\u{2060}';

/// The explicit direction controls of Unicode's bidirectional algorithm that open a scope
/// (embeddings and overrides, closed by U+202C; isolates, closed by U+2069).
const OPEN_EMBEDDING: [char; 4] = ['\u{202a}', '\u{202b}', '\u{202d}', '\u{202e}'];
const OPEN_ISOLATE: [char; 3] = ['\u{2066}', '\u{2067}', '\u{2068}'];
const POP_EMBEDDING: char = '\u{202c}';
const POP_ISOLATE: char = '\u{2069}';
/// FIRST STRONG ISOLATE: the value takes the direction of its own first strong letter.
const FIRST_STRONG_ISOLATE: char = '\u{2068}';

/// Whether a character sets the direction of text: an embedding, override or isolate, what
/// closes one, or a direction mark (LRM, RLM, ALM).
pub fn is_direction_control(c: char) -> bool {
    OPEN_EMBEDDING.contains(&c)
        || OPEN_ISOLATE.contains(&c)
        || matches!(c, POP_EMBEDDING | POP_ISOLATE | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Whether a character is written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...).
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}' | '\u{10800}'..='\u{10fff}' | '\u{1e800}'..='\u{1efff}')
}

/// A value that cannot change the direction of the text around it. A value holding direction
/// controls or right-to-left letters is set in an isolate of its own; inside it, a control
/// that closes nothing is dropped and every control left open is closed. An unterminated
/// U+202E in a name once mirrored the rest of a court filing's paragraph. Other values are
/// left as they are.
fn contain_direction(text: &str) -> std::borrow::Cow<'_, str> {
    // The marks (LRM, RLM, ALM) open nothing, but a value ending in one can still move the
    // neutral characters after it: they are isolated too.
    let directional = |c: char| {
        OPEN_EMBEDDING.contains(&c)
            || OPEN_ISOLATE.contains(&c)
            || matches!(c, POP_EMBEDDING | POP_ISOLATE | '\u{200e}' | '\u{200f}' | '\u{061c}')
    };
    if !text.chars().any(|c| directional(c) || is_right_to_left(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push(FIRST_STRONG_ISOLATE);
    let mut open: Vec<char> = Vec::new();
    for c in text.chars() {
        if OPEN_EMBEDDING.contains(&c) || OPEN_ISOLATE.contains(&c) {
            open.push(c);
        } else if c == POP_EMBEDDING {
            // Closes the innermost embedding, unless an isolate is open inside it.
            if !open.last().is_some_and(|o| OPEN_EMBEDDING.contains(o)) {
                continue;
            }
            open.pop();
        } else if c == POP_ISOLATE {
            // Closes the innermost isolate and the embeddings opened inside it.
            let Some(at) = open.iter().rposition(|o| OPEN_ISOLATE.contains(o)) else { continue };
            open.truncate(at);
        }
        out.push(c);
    }
    for opened in open.iter().rev() {
        out.push(if OPEN_ISOLATE.contains(opened) { POP_ISOLATE } else { POP_EMBEDDING });
    }
    out.push(POP_ISOLATE);
    std::borrow::Cow::Owned(out)
}

/// Appends `text` to `out` so that Typst markup shows it literally.
pub fn escape_markup(text: &str, out: &mut String) {
    let text = contain_direction(text);
    // Typst sets an unescaped quote as a typographic one: prose only.
    let address = text.contains('@') || text.contains("://");
    // A web address gets no break opportunity of its own: Typst breaks one at its slashes, and a
    // ZERO WIDTH SPACE inside it would be copied out of the PDF with it and break the link.
    // Built only for a text that may hold one: every value of every document is escaped here.
    let links: Vec<bool> = match address || text.contains("www.") {
        false => Vec::new(),
        true => text
            .split_inclusive(char::is_whitespace)
            .flat_map(|word| {
                let link = word.contains("://") || word.starts_with("www.");
                std::iter::repeat_n(link, word.chars().count())
            })
            .collect(),
    };
    let mut chars = text.chars().peekable();
    let mut run = 0;
    let mut at = 0;
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        let link = links.get(at).copied().unwrap_or(false);
        at += 1;
        run = if c.is_whitespace() { 0 } else { run + 1 };
        if run > LONGEST_UNBROKEN_RUN && !link {
            out.push(BREAK_OPPORTUNITY);
            run = 1;
        }
        if is_newline(c) {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
                at += 1;
            }
            // A backslash before a space is a line break; the text stays on one source line.
            out.push_str("\\ ");
        } else if c == '\t' {
            out.push(' ');
        } else if c.is_control() {
            // Other control characters have no printed form; they are dropped.
        } else {
            if needs_backslash(c) || (address && matches!(c, '\'' | '"')) {
                out.push('\\');
            }
            out.push(c);
            // A range of numbers ("2016–2021", "15–18 June") is not broken after its dash.
            if c == '–' && previous.is_ascii_digit() && chars.peek().is_some_and(char::is_ascii_digit) {
                out.push(WORD_JOINER);
            }
        }
        previous = c;
    }
}

/// `text` as a Typst string literal, quotes included, for code positions. Control characters
/// other than line breaks and tabs are left out, as in markup: a string may end up in the
/// PDF's XMP metadata (the title), which is XML and may not hold them (a `U+0001` in a name
/// once made 212 of 1,002 PDFs fail PDF/A).
pub fn string_literal(text: &str) -> String {
    let text = contain_direction(text);
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
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
    fn a_range_of_numbers_is_not_broken_after_its_dash() {
        assert_eq!(markup("in 2016–2021 and 15–18 June"), "in 2016–\u{2060}2021 and 15–\u{2060}18 June");
        // Between words a dash may still end a line.
        assert_eq!(markup("Bishkek–Osh"), "Bishkek–Osh");
    }

    #[test]
    fn markup_specials_are_escaped() {
        assert_eq!(markup("#read(\"/etc/passwd\")"), "\\#read\\(\"\\/etc\\/passwd\"\\)");
        assert_eq!(markup("$x$ *b* ]"), "\\$x\\$ \\*b\\* \\]");
        assert_eq!(markup("= Heading\n- item"), "\\= Heading\\ \\- item");
    }

    #[test]
    fn quotes_are_typographic_in_prose_and_kept_in_addresses() {
        assert_eq!(markup("the authorities' abuse"), "the authorities' abuse");
        assert_eq!(markup("o'brien@example.org"), "o\\'brien\\@example\\.org");
        assert_eq!(markup("https://example.org/?q=\"x\""), "https\\:\\/\\/example\\.org\\/?q\\=\\\"x\\\"");
    }

    #[test]
    fn long_runs_get_break_opportunities() {
        let escaped = markup(&"a".repeat(100));
        assert_eq!(escaped.matches(BREAK_OPPORTUNITY).count(), 2);
        assert_eq!(escaped.replace(BREAK_OPPORTUNITY, ""), "a".repeat(100));
        assert!(!markup("a short sentence with words").contains(BREAK_OPPORTUNITY));
        // Typst breaks a web address at its slashes: a character added inside it would be
        // copied out of the PDF with it.
        let url = "https://www.example.org/document/a-very-long-path-of-many-parts/and-more-of-it.pdf";
        assert!(!markup(url).contains(BREAK_OPPORTUNITY));
        assert!(!markup(&format!("see {url}, page 2")).contains(BREAK_OPPORTUNITY));
    }

    #[test]
    fn unicode_escapes_cannot_be_formed() {
        // `\u{...}` is Typst's Unicode escape; a data backslash is escaped itself.
        assert_eq!(markup("\\u{41}"), "\\\\u\\{41\\}");
    }

    #[test]
    fn direction_controls_are_closed_inside_the_value() {
        let (fsi, pdi, rlo, pdf) = ('\u{2068}', '\u{2069}', '\u{202e}', '\u{202c}');
        // An override left open is closed, and the whole value isolated.
        assert_eq!(contain_direction(&format!("abc{rlo}def")), format!("{fsi}abc{rlo}def{pdf}{pdi}"));
        // A closer with nothing to close is dropped: it cannot end the template's own isolate.
        assert_eq!(contain_direction(&format!("x{pdi}{pdf}y")), format!("{fsi}xy{pdi}"));
        // Balanced controls stay as written.
        let balanced = format!("a\u{2067}b{pdi}c\u{202b}d{pdf}");
        assert_eq!(contain_direction(&balanced), format!("{fsi}{balanced}{pdi}"));
        // A right-to-left name is isolated, so the punctuation after it keeps its place.
        assert_eq!(contain_direction("محمد"), format!("{fsi}محمد{pdi}"));
        // A value ending in a mark is isolated too: the mark cannot pull the text after it.
        assert_eq!(contain_direction("Tess\u{200f}"), "\u{2068}Tess\u{200f}\u{2069}");
        // Everything else is untouched.
        assert_eq!(contain_direction("Абзал Каналиев, civil activist"), "Абзал Каналиев, civil activist");
        assert!(string_literal(&format!("t{rlo}")).ends_with(&format!("{pdf}{pdi}\"")));
    }

    #[test]
    fn string_literals_quote_everything() {
        assert_eq!(string_literal("a \"b\" \\ \n"), "\"a \\\"b\\\" \\\\ \\n\"");
        assert_eq!(string_literal("a\u{7}\u{0}b\u{9b}"), "\"ab\"");
    }
}
