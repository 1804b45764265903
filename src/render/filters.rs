//! Template filters that put facts into words: dates, durations, articles, lists.
//!
//! Each filter reads the document's language from the template variable `lang`. Filters
//! return plain strings, which the Typst formatter then escapes like any other value.

use std::sync::LazyLock;

use chrono::Datelike;
use icu_plurals::{PluralCategory, PluralRuleType, PluralRules};
use minijinja::value::{Kwargs, Value};
use minijinja::{Error, ErrorKind, State};

use crate::case::{Date, Term};

use super::escape::{escape_markup, string_literal};

/// The languages the filters can write in.
pub const LANGUAGES: [&str; 2] = ["en", "ru"];

fn lang(state: &State) -> Result<&'static str, Error> {
    let value = state.lookup("lang").ok_or_else(|| invalid("the template variable `lang` is not set"))?;
    let lang = value.as_str().unwrap_or_default();
    LANGUAGES.into_iter().find(|l| *l == lang).ok_or_else(|| {
        invalid(format!("the filters do not know the language `{lang}` (known: {})", LANGUAGES.join(", ")))
    })
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidOperation, message.into())
}

fn parse_date(value: &Value) -> Result<Date, Error> {
    let text = value.as_str().ok_or_else(|| invalid(format!("`date` expects a date, got {}", value.kind())))?;
    Date::parse(text).map_err(invalid)
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Russian month names in the genitive, as dates use them ("20 декабря").
const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

fn day_month(date: Date, lang: &str) -> String {
    let month = date.0.month0() as usize;
    match lang {
        "ru" => format!("{} {}", date.0.day(), MONTHS_RU[month]),
        _ => format!("{} {}", date.0.day(), MONTHS_EN[month]),
    }
}

fn year(date: Date, lang: &str) -> String {
    match lang {
        "ru" => format!("{} года", date.0.year()),
        _ => date.0.year().to_string(),
    }
}

/// `2021-12-20` → "20 December 2021" / "20 декабря 2021 года".
pub fn date(state: &State, value: Value) -> Result<String, Error> {
    Ok(format_date(parse_date(&value)?, lang(state)?))
}

/// A date in words, for templates and for messages printed by amicus itself.
pub fn format_date(date: Date, lang: &str) -> String {
    format!("{} {}", day_month(date, lang), year(date, lang))
}

/// A period, said once: "20–21 December 2021", "30 November – 2 December 2021".
pub fn date_range(state: &State, from: Value, to: Value) -> Result<String, Error> {
    let lang = lang(state)?;
    let (from, to) = (parse_date(&from)?, parse_date(&to)?);
    let (a, b) = (from.0, to.0);
    Ok(if a == b {
        format!("{} {}", day_month(from, lang), year(from, lang))
    } else if a.year() == b.year() && a.month() == b.month() {
        format!("{}–{} {}", a.day(), day_month(to, lang), year(to, lang))
    } else if a.year() == b.year() {
        format!("{} – {} {}", day_month(from, lang), day_month(to, lang), year(to, lang))
    } else {
        let ru_year = |d: Date| {
            if lang == "ru" { format!("{} г.", d.0.year()) } else { d.0.year().to_string() }
        };
        format!("{} {} – {} {}", day_month(from, lang), ru_year(from), day_month(to, lang), ru_year(to))
    })
}

static RUSSIAN_PLURALS: LazyLock<PluralRules> = LazyLock::new(|| {
    PluralRules::try_new(icu_locale_core::locale!("ru").into(), PluralRuleType::Cardinal.into())
        .expect("compiled CLDR data covers Russian")
});

/// "1 год", "2 года", "5 лет": the CLDR plural category picks the form.
fn russian_count(n: u32, forms: [&str; 3]) -> String {
    let form = match RUSSIAN_PLURALS.category_for(n) {
        PluralCategory::One => forms[0],
        PluralCategory::Few => forms[1],
        _ => forms[2],
    };
    format!("{n} {form}")
}

fn english_count(n: u32, unit: &str) -> String {
    match n {
        1 => format!("1 {unit}"),
        n => format!("{n} {unit}s"),
    }
}

/// `2y6m` → "2 years and 6 months" / "2 года 6 месяцев".
pub fn duration(state: &State, value: Value) -> Result<String, Error> {
    let lang = lang(state)?;
    let text = value
        .as_str()
        .ok_or_else(|| invalid(format!("`duration` expects a term like `2y6m`, got {}", value.kind())))?;
    let term = Term::parse(text).map_err(invalid)?;
    let parts: Vec<(u32, usize)> =
        [term.years, term.months, term.days].into_iter().zip(0..).filter(|(n, _)| *n > 0).collect();
    let words: Vec<String> = parts
        .iter()
        .map(|&(n, unit)| match lang {
            "ru" => russian_count(
                n,
                [["год", "года", "лет"], ["месяц", "месяца", "месяцев"], ["день", "дня", "дней"]][unit],
            ),
            _ => english_count(n, ["year", "month", "day"][unit]),
        })
        .collect();
    Ok(match lang {
        "ru" => words.join(" "),
        _ => join_words(&words, "and"),
    })
}

/// A charge as lawyers cite it: "Article 405 Part 2" / "ч. 2 ст. 405"; `code=true` adds the
/// code ("of the Criminal Code of the Republic of Kazakhstan" / "УК РК").
pub fn article(state: &State, charge: Value, kwargs: Kwargs) -> Result<String, Error> {
    let lang = lang(state)?;
    let with_code: Option<bool> = kwargs.get("code")?;
    kwargs.assert_all_used()?;
    let field = |name: &str| -> Result<Option<String>, Error> {
        let value = charge.get_attr(name)?;
        Ok(value
            .as_str()
            .map(str::to_owned)
            .or_else(|| (!value.is_undefined() && !value.is_none()).then(|| value.to_string())))
    };
    let number = field("article")?.ok_or_else(|| invalid("`article` expects a charge with an `article` field"))?;
    let part = field("part")?;
    let mut cited = match (lang, &part) {
        ("ru", Some(part)) => format!("ч. {part} ст. {number}"),
        ("ru", None) => format!("ст. {number}"),
        (_, Some(part)) => format!("Article {number} Part {part}"),
        (_, None) => format!("Article {number}"),
    };
    if with_code.unwrap_or(false) {
        match lang {
            "ru" => {
                if let Some(abbreviation) = field("code_abbreviation")? {
                    cited = format!("{cited} {abbreviation}");
                }
            }
            _ => {
                if let Some(name) = field("code_name")? {
                    cited = format!("{cited} of the {name}");
                }
            }
        }
    }
    Ok(cited)
}

fn join_words(words: &[String], conjunction: &str) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// `["a", "b", "c"]` → "a, b and c" / "a, b и c"; `conjunction="or"` to change the last word.
/// Items are escaped here (unless already safe, like a macro's output), so the result is safe.
pub fn join_list(state: &State, items: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let lang = lang(state)?;
    let conjunction: Option<String> = kwargs.get("conjunction")?;
    kwargs.assert_all_used()?;
    let mut words = Vec::new();
    for item in items.try_iter()? {
        let text = item.as_str().map(str::to_owned).unwrap_or_else(|| item.to_string());
        words.push(match item.is_safe() {
            true => text,
            false => {
                let mut escaped = String::new();
                escape_markup(&text, &mut escaped);
                escaped
            }
        });
    }
    let conjunction = conjunction.unwrap_or_else(|| if lang == "ru" { "и" } else { "and" }.to_owned());
    let mut escaped_conjunction = String::new();
    escape_markup(&conjunction, &mut escaped_conjunction);
    Ok(Value::from_safe_string(join_words(&words, &escaped_conjunction)))
}

/// Upper-cases the first letter only ("civil activist" → "Civil activist"), unlike
/// `capitalize`, which would lower-case "Facebook" in the rest of the text.
pub fn capitalize_first(value: Value) -> Result<Value, Error> {
    let text =
        value.as_str().ok_or_else(|| invalid(format!("`capitalize_first` expects text, got {}", value.kind())))?;
    let mut chars = text.chars();
    let capitalized = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    Ok(match value.is_safe() {
        true => Value::from_safe_string(capitalized),
        false => Value::from(capitalized),
    })
}

/// The marker a document prints for a fact recorded as unknown (or not given), in the
/// document's language; any other value passes through unchanged (and is escaped as usual).
pub fn or_unknown(state: &State, value: Value) -> Result<Value, Error> {
    if !(value.is_undefined() || value.is_none()) {
        return Ok(value);
    }
    let marker = match lang(state)? {
        "ru" => "заявителю не известно",
        _ => "not known to the submitter",
    };
    // `not-known` is defined in `templates/_lib/style.typ`; the code block ends the call, so
    // whatever the template writes next (`.`, `(`, `[`) stays text.
    Ok(Value::from_safe_string(format!("#{{not-known[{marker}]}}")))
}

/// A number of days with the noun agreeing: "15 days" / "15 дней", "1 день", "2 дня".
pub fn days(state: &State, value: Value) -> Result<String, Error> {
    let n = u32::try_from(value.clone()).map_err(|_| invalid(format!("`days` expects a whole number, got {value}")))?;
    Ok(match lang(state)? {
        "ru" => russian_count(n, ["день", "дня", "дней"]),
        _ => english_count(n, "day"),
    })
}

/// The number of words in a text as a reader counts them: Typst escapes and markup aside.
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
    fn russian_plural_forms_follow_cldr() {
        let year = |n| russian_count(n, ["год", "года", "лет"]);
        assert_eq!(year(1), "1 год");
        assert_eq!(year(2), "2 года");
        assert_eq!(year(5), "5 лет");
        assert_eq!(year(11), "11 лет");
        assert_eq!(year(12), "12 лет");
        assert_eq!(year(21), "21 год");
        assert_eq!(year(22), "22 года");
        let month = |n| russian_count(n, ["месяц", "месяца", "месяцев"]);
        assert_eq!(month(6), "6 месяцев");
        assert_eq!(month(3), "3 месяца");
    }

    #[test]
    fn words_are_counted_without_markup() {
        assert_eq!(count_words("Calls on the authorities of Kazakhstan \\(all\\) to release"), 9);
        assert_eq!(count_words("= Heading\n\n#strong[x] word \\- dash"), 3);
    }

    #[test]
    fn lists_read_naturally() {
        let words: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(join_words(&words, "and"), "a, b and c");
        assert_eq!(join_words(&words[..1], "and"), "a");
    }
}
