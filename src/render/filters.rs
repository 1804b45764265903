//! Template filters that put facts into words: dates, durations, articles, lists.
//!
//! Each filter writes in the document's language with the words of its locale file, which
//! the renderer puts into the context as [`LOCALE_VARIABLE`]. Filters return plain strings,
//! which the Typst formatter then escapes like any other value.

use std::sync::Arc;

use minijinja::value::{Kwargs, Value};
use minijinja::{Error, ErrorKind, State};

use crate::case::{Term, When};
use crate::locale::{Citation, Locale, MissingWord};

use super::escape::{escape_markup, string_literal};

/// The context variable that holds the document's [`Locale`]; set by the renderer.
pub const LOCALE_VARIABLE: &str = "_locale";
/// The context variable holding the kind's audience: `public` or `restricted`.
pub const AUDIENCE_VARIABLE: &str = "_audience";
/// The context variable holding what the case's law calls a kind of stage (`Stage::named`).
pub const STAGE_NAMES_VARIABLE: &str = "_stage_names";
/// The context variable holding the facts the document's filer supplies (the kind's `filer`):
/// where the data lacks one, the document leaves a line to fill in.
pub const FILER_VARIABLE: &str = "_filer";

/// The document's language data, which the renderer puts into every template's context.
fn locale(state: &State) -> Result<Arc<Locale>, Error> {
    state
        .lookup(LOCALE_VARIABLE)
        .and_then(|value| value.downcast_object::<Locale>())
        .ok_or_else(|| invalid("the document's language data is not set: render templates through amicus's renderer"))
}

/// Whether the document goes to a court or a UN body (the kind's `audience`), which the
/// renderer puts into the context as [`AUDIENCE_VARIABLE`].
fn restricted(state: &State) -> bool {
    state.lookup(AUDIENCE_VARIABLE).is_some_and(|audience| audience.as_str() == Some("restricted"))
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidOperation, message.into())
}

impl From<MissingWord> for Error {
    fn from(missing: MissingWord) -> Error {
        invalid(missing.0)
    }
}

/// `2021-12-20` → "20 December 2021" / "20 декабря 2021 года" / "2021 жылғы 20 желтоқсан";
/// `2021-12` → "December 2021" / «декабрь 2021 г.»; `2021` → "2021" / «2021 г.».
/// `form="when"` gives the date as it answers "when?" in running text ("on 20 December 2021",
/// "in December 2021"); `form="locative"` and the like, the declined forms a locale names.
pub fn date(state: &State, value: Value, kwargs: Kwargs) -> Result<String, Error> {
    let form: Option<String> = kwargs.get("form")?;
    kwargs.assert_all_used()?;
    Ok(locale(state)?.date(when(&value)?, form.as_deref())?)
}

/// A date value as a template holds it: `2021-12-20`, `2021-12`, or a year alone, which reaches
/// templates as a number when a file wrote it as one.
fn when(value: &Value) -> Result<When, Error> {
    let text = match value.as_i64() {
        Some(year) => year.to_string(),
        None => {
            value.as_str().ok_or_else(|| invalid(format!("`date` expects a date, got {}", value.kind())))?.to_owned()
        }
    };
    When::parse(&text).map_err(invalid)
}

/// A period, said once: "20–21 December 2021", "30 November – 2 December 2021"; where either
/// end is known only to the month or year, each end in its own form ("March 2024 – 2025").
pub fn date_range(state: &State, from: Value, to: Value) -> Result<String, Error> {
    let locale = locale(state)?;
    match (when(&from)?, when(&to)?) {
        (When::Day(from), When::Day(to)) => Ok(locale.date_range(from, to)?),
        (from, to) => Ok(format!("{} – {}", locale.date(from, None)?, locale.date(to, None)?)),
    }
}

/// `2y6m` → "2 years and 6 months" / "2 года 6 месяцев": each unit in the plural form CLDR's
/// rules give for its number, joined as the language joins a term's parts.
pub fn duration(state: &State, value: Value, kwargs: Kwargs) -> Result<String, Error> {
    let locale = locale(state)?;
    // Days counted with another word (`days="custody_day"`: Russian counts days of
    // administrative detention in «сутки», not «дни»).
    let day: Option<String> = kwargs.get("days")?;
    kwargs.assert_all_used()?;
    let day = day.as_deref().unwrap_or("day");
    let text = value
        .as_str()
        .ok_or_else(|| invalid(format!("`duration` expects a term like `2y6m`, got {}", value.kind())))?;
    let term = Term::parse(text).map_err(invalid)?;
    let mut parts = Vec::new();
    for (n, unit) in [(term.years, "year"), (term.months, "month"), (term.days, day)] {
        if n > 0 {
            parts.push(locale.count(u64::from(n), unit)?);
        }
    }
    Ok(locale.duration(&parts))
}

/// A charge as lawyers cite it: "Article 405 Part 2" / "ч. 2 ст. 405"; `code=true` adds the
/// code ("of the Criminal Code of the Republic of Kazakhstan" / "УК РК"), as the locale's
/// citation patterns say; `short=true`, the form a parliament's texts use ("Article 405(2)").
pub fn article(state: &State, charge: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let locale = locale(state)?;
    let with_code: Option<bool> = kwargs.get("code")?;
    let short: Option<bool> = kwargs.get("short")?;
    kwargs.assert_all_used()?;
    let field = |name: &str| -> Result<Option<String>, Error> {
        let value = charge.get_attr(name)?;
        Ok(value
            .as_str()
            .map(str::to_owned)
            .or_else(|| (!value.is_undefined() && !value.is_none()).then(|| value.to_string())))
    };
    // An article the sources do not give (`article: unknown`) is cited in the locale's words
    // for it; in a filing whose filer supplies it (a defence lawyer holds the verdict), the
    // number is a line to fill in.
    let unknown = charge.get_attr("article")?.is_none();
    let blank = unknown && filer_supplies(state, "charges[*].article");
    let number = match (unknown, blank) {
        (true, true) => Some(FILL_IN_SENTINEL.to_owned()),
        (true, false) => None,
        (false, _) => {
            Some(field("article")?.ok_or_else(|| invalid("`article` expects a charge with an `article` field"))?)
        }
    };
    let (part, item) = (field("part")?, field("item")?);
    let items = charge.get_attr("items")?;
    let items: Vec<String> = match items.is_undefined() || items.is_none() {
        true => Vec::new(),
        false => items.try_iter()?.map(|item| item.as_str().map_or_else(|| item.to_string(), str::to_owned)).collect(),
    };
    let (name, abbreviation) = (field("code_name")?, field("code_abbreviation")?);
    let citation = Citation {
        article: number.as_deref(),
        part: part.as_deref(),
        item: item.as_deref(),
        items: &items,
        code_name: name.as_deref(),
        code_abbreviation: abbreviation.as_deref(),
    };
    let cited = locale.article(citation, with_code.unwrap_or(false), short.unwrap_or(false), restricted(state))?;
    // Plain text (an e-mail's body) is printed as it is, the line drawn in characters.
    if plain_text(state) {
        return Ok(Value::from(cited.replace(FILL_IN_SENTINEL, "________")));
    }
    let mut escaped = String::new();
    escape_markup(&cited, &mut escaped);
    Ok(Value::from_safe_string(escaped.replace(FILL_IN_SENTINEL, "#{box(fill-in(width: 1.5cm))}")))
}

/// What the case's law calls a kind of stage (`appeal` → "cassation" in a Tajik case), or none:
/// the templates' `stage` macro says the kind's own name then.
pub fn named_stage(state: &State, kind: Value) -> Value {
    state
        .lookup(STAGE_NAMES_VARIABLE)
        .and_then(|names| names.get_item(&kind).ok())
        .filter(|name| !name.is_undefined() && !name.is_none())
        .unwrap_or(Value::from(()))
}

/// Whether the template renders plain text (an e-mail's body), where nothing is markup.
fn plain_text(state: &State) -> bool {
    matches!(state.auto_escape(), minijinja::AutoEscape::None)
}

/// Stands for a line to fill in until the citation around it is escaped: letters only, which
/// escaping leaves as they are and no citation holds.
const FILL_IN_SENTINEL: &str = "AmicusFillInLine";

/// Whether the document's filer supplies `field` (the kind lists it in `filer`).
fn filer_supplies(state: &State, field: &str) -> bool {
    state
        .lookup(FILER_VARIABLE)
        .and_then(|fields| fields.try_iter().ok().map(|mut fields| fields.any(|f| f.as_str() == Some(field))))
        .unwrap_or(false)
}

/// `["a", "b", "c"]` → "a, b and c" / "a, b и c"; `conjunction="or"` for the locale's "or".
/// Items are escaped here (unless already safe, like a macro's output), so the result is safe.
pub fn join_list(state: &State, items: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let locale = locale(state)?;
    let conjunction: Option<String> = kwargs.get("conjunction")?;
    kwargs.assert_all_used()?;
    // Plain text (an e-mail's body) is joined as it is; Typst markup escaped.
    let plain = plain_text(state);
    let escape = |text: &str| {
        let mut escaped = String::new();
        match plain {
            true => escaped.push_str(text),
            false => escape_markup(text, &mut escaped),
        }
        escaped
    };
    let mut words = Vec::new();
    for item in items.try_iter()? {
        let text = item.as_str().map(str::to_owned).unwrap_or_else(|| item.to_string());
        words.push(match item.is_safe() {
            true => text,
            false => escape(&text),
        });
    }
    let (separator, last) = locale.list_separators(conjunction.as_deref())?;
    Ok(Value::from_safe_string(crate::locale::join(&words, &escape(separator), &escape(last))))
}

/// A name's other forms (`{text, langs}`, from the facts stage), each after the languages that
/// write it so: "Russian: Рухшона Хакимова; Tajik: Рухшона Ҳакимова". Shown bare, a Cyrillic
/// form beside the Latin one read as another person's spelling. `separator` joins the forms.
pub fn name_forms(state: &State, forms: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let locale = locale(state)?;
    let separator: Option<String> = kwargs.get("separator")?;
    kwargs.assert_all_used()?;
    let (list_separator, last) = locale.list_separators(None)?;
    let mut said = Vec::new();
    for form in forms.try_iter()? {
        let text = form.get_attr("text")?;
        let codes: Vec<String> = form
            .get_attr("langs")?
            .try_iter()?
            .map(|code| locale.language(code.as_str().unwrap_or_default()).to_owned())
            .collect();
        said.push(format!(
            "{}: {}",
            crate::locale::join(&codes, list_separator, last),
            text.as_str().unwrap_or_default()
        ));
    }
    let joined = said.join(separator.as_deref().unwrap_or("; "));
    let mut escaped = String::new();
    match plain_text(state) {
        true => escaped.push_str(&joined),
        false => escape_markup(&joined, &mut escaped),
    }
    Ok(Value::from_safe_string(escaped))
}

/// Provisions as a list cites them: articles of one instrument together, in their order
/// ("ICCPR arts. 7, 9 and 10; UDHR art. 19"), whatever order the arguments gave them in
/// ("ICCPR art. 9, ICCPR art. 7 and ICCPR art. 10" read as unchecked). A provision not written
/// "<instrument> art. <number>" is listed as it is.
pub fn provisions(state: &State, items: Value) -> Result<Value, Error> {
    let locale = locale(state)?;
    let (separator, last) = locale.list_separators(None)?;
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for item in items.try_iter()? {
        let text = item.as_str().map_or_else(|| item.to_string(), str::to_owned);
        match text.split_once(" art. ") {
            Some((instrument, article)) => {
                match groups.iter_mut().find(|(name, _)| name.as_deref() == Some(instrument)) {
                    Some((_, articles)) => articles.push(article.to_owned()),
                    None => groups.push((Some(instrument.to_owned()), vec![article.to_owned()])),
                }
            }
            None => groups.push((None, vec![text])),
        }
    }
    let number = |article: &String| {
        let digits: String = article.chars().take_while(char::is_ascii_digit).collect();
        (digits.parse::<u32>().unwrap_or(u32::MAX), article.clone())
    };
    let cited: Vec<String> = groups
        .into_iter()
        .map(|(instrument, mut articles)| match instrument {
            Some(instrument) => {
                articles.sort_by_key(number);
                articles.dedup();
                let word = if articles.len() == 1 { "art." } else { "arts." };
                format!("{instrument} {word} {}", crate::locale::join(&articles, separator, last))
            }
            None => articles.concat(),
        })
        .collect();
    let mut escaped = String::new();
    escape_markup(&cited.join("; "), &mut escaped);
    Ok(Value::from_safe_string(escaped))
}

/// Upper-cases the first letter only ("civil activist" → "Civil activist"), unlike
/// `capitalize`, which would lower-case "Facebook" in the rest of the text.
pub fn capitalize_first(value: Value) -> Result<Value, Error> {
    first_letter(value, "capitalize_first", |c| c.to_uppercase().collect())
}

/// Lower-cases the first letter only, where a phrase that opens a sentence elsewhere goes on
/// one ("Died on 25 July 2020" → "…, with the sentence kept; died on 25 July 2020").
pub fn lower_first(value: Value) -> Result<Value, Error> {
    first_letter(value, "lower_first", |c| c.to_lowercase().collect())
}

/// The text with its first letter changed; markup stays markup.
fn first_letter(value: Value, filter: &str, change: impl Fn(char) -> String) -> Result<Value, Error> {
    let text = value.as_str().ok_or_else(|| invalid(format!("`{filter}` expects text, got {}", value.kind())))?;
    let mut chars = text.chars();
    let changed = match chars.next() {
        Some(first) => change(first) + chars.as_str(),
        None => String::new(),
    };
    Ok(match value.is_safe() {
        true => Value::from_safe_string(changed),
        false => Value::from(changed),
    })
}

/// The marker a document prints for a fact recorded as unknown (or not given), in the
/// document's language; any other value passes through unchanged (and is escaped as usual).
pub fn or_unknown(state: &State, value: Value) -> Result<Value, Error> {
    if !(value.is_undefined() || value.is_none()) {
        return Ok(value);
    }
    let mut marker = String::new();
    escape_markup(locale(state)?.unknown(restricted(state)), &mut marker);
    // `not-known` is defined in `templates/_lib/style.typ`; the code block ends the call, so
    // whatever the template writes next (`.`, `(`, `[`) stays text.
    Ok(Value::from_safe_string(format!("#{{not-known[{marker}]}}")))
}

/// The words `or_unknown` marks, plain: for prose that reads on past them, where a bracketed
/// marker would look like a blank left to fill ("sentenced under articles not known").
pub fn not_known(state: &State) -> Result<String, Error> {
    Ok(locale(state)?.unknown(restricted(state)).to_owned())
}

/// A number of days with the noun agreeing: "15 days" / "15 дней", "1 день", "2 дня".
pub fn days(state: &State, value: Value) -> Result<String, Error> {
    count(state, value, "day".into())
}

/// A number with a unit of the locale file agreeing with it: `240 | count("hour")` gives
/// "240 hours" / «240 часов».
pub fn count(state: &State, value: Value, unit: String) -> Result<String, Error> {
    let n =
        u64::try_from(value.clone()).map_err(|_| invalid(format!("`count` expects a whole number, got {value}")))?;
    Ok(locale(state)?.count(n, &unit)?)
}

/// A fine's amount in its currency, the currency's name agreeing with the number: "500,000
/// roubles" / «500 000 рублей». The currency is a unit of the locale file named by its ISO
/// code (`units.RUB`).
pub fn money(state: &State, penalty: Value) -> Result<String, Error> {
    let amount = penalty.get_attr("amount")?;
    let currency = penalty.get_attr("currency")?;
    let currency = currency.as_str().ok_or_else(|| invalid("`money` expects a fine with a `currency`"))?;
    // The amount and its currency on one line, however many words the currency's name has
    // ("185,000 Belarusian roubles"): a space after a digit is a non-breaking one.
    let counted = count(state, amount, currency.to_owned())?;
    let mut previous = ' ';
    Ok(counted
        .chars()
        .map(|c| {
            let bound = if c == ' ' && previous.is_ascii_digit() { '\u{a0}' } else { c };
            previous = c;
            bound
        })
        .collect())
}

/// The number of words in a text as a reader counts them: Typst escapes and markup aside.
/// Whether a text already names someone: `src.title | names(src.publisher)`. Word by word,
/// case aside, each word of the name may end differently by up to three letters, as Russian
/// and Kazakh decline names (the kind «резолюция Европейского парламента» names the publisher
/// «Европейский парламент»); a word of four letters or fewer must match whole. Nothing (an
/// undefined or empty value on either side) names nothing.
pub fn names(text: Value, name: Value) -> bool {
    let words = |value: &Value| -> Vec<String> {
        let text = value.as_str().map(str::to_owned).unwrap_or_default();
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (text, name) = (words(&text), words(&name));
    let alike = |word: &String, part: &String| {
        let (word, part): (Vec<char>, Vec<char>) = (word.chars().collect(), part.chars().collect());
        let stem = if part.len() <= 4 { part.len() } else { (part.len() - 3).max(4) };
        // The same stem, and an ending no more than three letters longer or shorter.
        word.len() >= stem && word[..stem] == part[..stem] && word.len().abs_diff(part.len()) <= 3
    };
    !name.is_empty() && text.windows(name.len()).any(|window| window.iter().zip(&name).all(|(w, p)| alike(w, p)))
}

pub fn word_count(value: Value) -> Result<usize, Error> {
    let text = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
    Ok(count_words(&text))
}

fn count_words(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace() || c == '\\')
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .filter(|word| !word.starts_with('#'))
        .count()
}

/// The first sentence of a text from case data: a brief gives an argument's title and the
/// sentence that opens its reasoning. A sentence ends at `.`, `!` or `?` (a closing quote or
/// bracket may follow) before a space and a capital letter, not after an initial ("N. Toktakunov")
/// or an abbreviation that cites ("Art. 19", "No. 57/2024", «ст. 405», «ч. 2»). A text of one
/// sentence is the whole text.
pub fn first_sentence(value: Value) -> Result<Value, Error> {
    let text = value.as_str().ok_or_else(|| invalid("`first_sentence` expects a text"))?;
    const ABBREVIATIONS: &[&str] = &[
        "no", "nos", "art", "arts", "para", "paras", "p", "pp", "e.g", "i.e", "cf", "vs", "mr", "ms", "mrs", "dr",
        "st", "ст", "ч", "п", "пп", "г", "гг", "т.е", "т.ч", "им", "см", "№",
    ];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (at, &(index, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut next = at + 1;
        while chars.get(next).is_some_and(|&(_, c)| matches!(c, '"' | '”' | '»' | '’' | ')')) {
            next += 1;
        }
        let spaced = chars.get(next).is_some_and(|&(_, c)| c == ' ');
        let capital = chars.get(next + 1).is_some_and(|&(_, c)| c.is_uppercase() || matches!(c, '“' | '«' | '"'));
        if !(spaced && capital) {
            continue;
        }
        let word: String =
            text[..index].rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or_default().to_lowercase();
        let initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        if c == '.' && (initial || ABBREVIATIONS.contains(&word.as_str())) {
            continue;
        }
        let end = chars.get(next).map_or(text.len(), |&(i, _)| i);
        return Ok(Value::from(text[..end].to_owned()));
    }
    Ok(Value::from(text.to_owned()))
}

/// Stops rendering with a message: templates use it to enforce a document's rules.
pub fn fail(message: String) -> Result<Value, Error> {
    Err(invalid(message))
}

/// Any value as a Typst string literal, for code positions (`#set document(title: ..)`).
pub fn str_literal(value: Value) -> Result<Value, Error> {
    if value.is_undefined() || value.is_none() {
        return Err(invalid("`str` was given a missing value"));
    }
    let text = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
    Ok(Value::from_safe_string(string_literal(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_sentence_ends_where_the_sentence_does() {
        let first = |text: &str| first_sentence(Value::from(text)).unwrap().as_str().unwrap().to_owned();
        assert_eq!(first("The trial was not fair. The court refused motions."), "The trial was not fair.");
        // Not after an initial, a citation's abbreviation or a number's point.
        assert_eq!(
            first("Lawyer N. Toktakunov cited Art. 19 and opinion No. 57/2024 of 2.5 pages. Then more."),
            "Lawyer N. Toktakunov cited Art. 19 and opinion No. 57/2024 of 2.5 pages."
        );
        assert_eq!(first("Осуждён по ст. 405 ч. 2 УК. Далее."), "Осуждён по ст. 405 ч. 2 УК.");
        // A quotation closed after its stop belongs to the sentence.
        assert_eq!(first("He said “enough.” Then he left."), "He said “enough.”");
        assert_eq!(first("One sentence only"), "One sentence only");
    }

    #[test]
    fn a_name_is_found_in_any_case_of_its_words() {
        let names = |text: &str, name: &str| names(Value::from(text), Value::from(name));
        assert!(names("резолюция Европейского парламента", "Европейский парламент"));
        assert!(!names("Viasna's statement on the special proceedings", "Human Rights Centre Viasna"));
        assert!(names("Viasna's statement on the special proceedings", "Viasna"));
        assert!(names("NGO case page by Front Line Defenders", "front line defenders"));
        // Another word with the same beginning is not the name.
        assert!(!names("Parliamentary question", "Parliament of Georgia"));
        assert!(!names("European Court of Human Rights", "European Parliament"));
        assert!(!names("a report", ""));
        assert!(!names("OSCE", "OSCE RFoM") && names("the OSCE RFoM said", "OSCE RFoM"));
    }

    #[test]
    fn words_are_counted_without_markup() {
        assert_eq!(count_words("Calls on the authorities of Kazakhstan \\(all\\) to release"), 9);
        assert_eq!(count_words("= Heading\n\n#strong[x] word \\- dash"), 3);
    }
}
