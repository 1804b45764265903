//! Typography as rules in one place: the spaces no line may break at, in template text and
//! data alike.
//!
//! Contract: [`bind`] turns into Typst's non-breaking space (`~`) every plain space of the
//! generated source's markup that sits after a word introducing a number or a code ("Article
//! 293", "Part 2", «ст. 405», «ч. 2», "No. 3", «№ 3»), after a word of one letter or an initial
//! («в суд», "N. Toktakunov"), between a number and the unit or month it counts and a month and
//! its year ("2 years", «2 года», "21 December 2021"; the locale's words), between a currency
//! and its amount ("USD 54,000"), between a code's abbreviation and its country's («УК РК»),
//! and before a dash. It changes no byte count
//! (a space and `~` are one byte each), so the map from the source back to the templates still
//! holds; code, strings and comments are untouched, since only the parser knows where markup is.
//! Two rules need the value whole and live where it is: a range of numbers is not broken after
//! its dash ("2016–2021", the escaping stage) and a fine's amount not from its currency of
//! several words ("185,000 Belarusian roubles", the `money` filter).
//!
//! Why here and not as `show regex` rules in the Typst style: measured on 300 letters, such
//! rules doubled the typesetting time of a letter (1.8 to 3.5 ms), and more than about 500
//! matches in one paragraph failed the document ("maximum grouping depth exceeded").

use std::collections::HashSet;

use typst::syntax::{SyntaxKind, SyntaxNode};

/// Words after which a number or a code follows and must stay on the same line.
const BEFORE_A_NUMBER: [&str; 11] =
    ["Article", "Articles", "Art.", "Part", "No.", "para.", "ст.", "ч.", "п.", "№", "пункт"];

/// Binds, in `source`, the spaces of its markup the rules above name; `counted` are the
/// language's months and units, lower-cased.
pub fn bind(source: &mut String, counted: &HashSet<String>) {
    let root = typst::syntax::parse(source);
    let mut spaces = Vec::new();
    find(&root, 0, counted, &mut spaces);
    if spaces.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(source).into_bytes();
    for at in spaces {
        debug_assert_eq!(bytes[at], b' ');
        bytes[at] = b'~';
    }
    *source = String::from_utf8(bytes).expect("one ASCII byte replaced by another");
}

/// A piece of a markup sequence, as the rules read it.
enum Atom<'a> {
    /// A plain space at this offset of the source.
    Space(usize),
    /// Text a reader sees (a run of a text node, an escaped character, a dash shorthand).
    Visible(&'a str),
    /// Anything else: markup, code, a line break. No rule reads across it.
    Boundary,
}

/// Collects the offsets of the spaces to bind under `node`, which starts at `offset`.
fn find(node: &SyntaxNode, offset: usize, counted: &HashSet<String>, spaces: &mut Vec<usize>) {
    let mut atoms = Vec::new();
    let mut at = offset;
    for child in node.children() {
        match (node.kind(), child.kind()) {
            (SyntaxKind::Markup, SyntaxKind::Text) => {
                // A text node holds its words and the single spaces between them.
                let text = child.leaf_text().as_str();
                let mut from = 0;
                for (i, _) in text.match_indices(' ') {
                    atoms.push(Atom::Visible(&text[from..i]));
                    atoms.push(Atom::Space(at + i));
                    from = i + 1;
                }
                atoms.push(Atom::Visible(&text[from..]));
            }
            (SyntaxKind::Markup, SyntaxKind::Space) if child.leaf_text() == " " => atoms.push(Atom::Space(at)),
            (SyntaxKind::Markup, SyntaxKind::Escape) => atoms.push(Atom::Visible(&child.leaf_text()[1..])),
            (SyntaxKind::Markup, SyntaxKind::Shorthand) if child.leaf_text() == "---" => atoms.push(Atom::Visible("—")),
            (SyntaxKind::Markup, SyntaxKind::Shorthand) if child.leaf_text() == "--" => atoms.push(Atom::Visible("–")),
            _ => {
                atoms.push(Atom::Boundary);
                find(child, at, counted, spaces);
            }
        }
        at += child.len();
    }
    for (i, atom) in atoms.iter().enumerate() {
        if let Atom::Space(offset) = atom {
            let before = word(atoms[..i].iter().rev(), true);
            let after = word(atoms[i + 1..].iter(), false);
            if binds(&before, &after, counted) {
                spaces.push(*offset);
            }
        }
    }
}

/// The visible word next to a space, read outwards from it up to the next space or boundary.
fn word<'a>(atoms: impl Iterator<Item = &'a Atom<'a>>, backwards: bool) -> String {
    let mut parts = Vec::new();
    for atom in atoms {
        match atom {
            Atom::Visible(text) => parts.push(*text),
            _ => break,
        }
    }
    if backwards {
        parts.reverse();
    }
    parts.concat()
}

/// Whether the space between `before` and `after` must not break a line.
fn binds(before: &str, after: &str, counted: &HashSet<String>) -> bool {
    let letters = |word: &str| word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = |word: &str, range: std::ops::RangeInclusive<usize>| {
        range.contains(&word.chars().count()) && word.chars().all(char::is_uppercase)
    };
    // A word opening a bracket or a quotation is the word itself: «(ч. 2», "(Article 243".
    let before = before.trim_start_matches(['(', '[', '«', '“', '„', '‘', '"']);
    // A space before a line break or other markup binds nothing.
    if after.is_empty() || before.is_empty() {
        return false;
    }
    BEFORE_A_NUMBER.contains(&before)
        // A word of one letter («в», «и», "a"), or an initial ("N.").
        || (letters(before) == 1 && (before.chars().count() == 1 || (before.len() <= 3 && before.ends_with('.'))))
        // A number and the unit or month it counts ("2 years", "21 December"), a month and its
        // year, a currency and its amount: not any word after a number ("2021 the").
        || (before.ends_with(|c: char| c.is_ascii_digit())
            && (counted.contains(&word_of(after).to_lowercase())
                || BEFORE_A_NUMBER.contains(&after)
                || capitals(word_of(after), 2..=5)))
        || (counted.contains(&before.to_lowercase()) && after.starts_with(|c: char| c.is_ascii_digit()))
        || (capitals(before, 3..=3) && after.starts_with(|c: char| c.is_ascii_digit()))
        || after.starts_with(['—', '–'])
        || (capitals(before, 2..=5) && capitals(after.trim_end_matches([',', '.', ';', ')']), 2..=3))
}

/// The letters a word starts with, without the punctuation after them ("years," → "years").
fn word_of(text: &str) -> &str {
    text.split(|c: char| !c.is_alphabetic()).next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(source: &str) -> String {
        let counted: HashSet<String> =
            ["year", "years", "december", "года", "лет", "декабря"].into_iter().map(str::to_owned).collect();
        let mut source = source.to_owned();
        bind(&mut source, &counted);
        source
    }

    #[test]
    fn citations_quantities_and_one_letter_words_are_bound() {
        assert_eq!(bound("under Article 293 Part 2 of"), "under Article~293~Part~2 of");
        assert_eq!(bound("по ч. 2 ст. 405 УК РК («участие»)"), "по ч.~2~ст.~405~УК~РК («участие»)");
        assert_eq!(bound("сроком 2 года и в суд"), "сроком 2~года и~в~суд");
        assert_eq!(bound("за — 598"), "за~— 598");
        assert_eq!(
            bound("налогов \\(ч\\. 2 ст\\. 243 УК\\) и («в суд»)"),
            "налогов \\(ч\\.~2~ст\\.~243~УК\\) и~(«в~суд»)"
        );
        assert_eq!(bound("Part 2 (“hooliganism”)"), "Part~2 (“hooliganism”)");
        assert_eq!(bound("opinion No\\. 3\\/2024 by N\\. Toktakunov"), "opinion No\\.~3\\/2024 by N\\.~Toktakunov");
        assert_eq!(
            bound("on 21 December 2021 the court, for 2 years, USD 54,000"),
            "on 21~December~2021 the court, for 2~years, USD~54,000"
        );
    }

    #[test]
    fn code_strings_and_line_breaks_are_left_alone() {
        let source = "#set document(title: \"a b 2 c\")\n#if x != none [в суд]\nRue Wiertz 60 \\\n";
        assert_eq!(bound(source), "#set document(title: \"a b 2 c\")\n#if x != none [в~суд]\nRue Wiertz 60 \\\n");
    }

    #[test]
    fn nothing_changes_length() {
        let source = "= Title\n- a list item with 3 words\n+ и ещё\n*Re: the case of A B* in 2021 —";
        assert_eq!(bound(source).len(), source.len());
    }
}
