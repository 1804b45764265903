//! Language data: the words a document's filters print, one file per language.
//!
//! Contract: `templates/_lib/locale/<lang>.toml` holds every word the template filters write
//! in that language: month names (and, for languages that decline them, the forms a template
//! asks for by name), the plural forms of units, list conjunctions, the marker of an unknown
//! fact, how articles of a code are cited, and the languages its texts fall back to. A file is
//! read once per run ([`Locales::get`]); a key the file lacks is an error naming the language,
//! the key and the file, never an English word in a Kazakh document. Adding a language is
//! adding its file (and its templates), with no change to amicus.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use icu_plurals::{PluralCategory, PluralRuleType, PluralRules};
use serde::Deserialize;

use crate::case::{Date, When};
use crate::diag::{Code, Diagnostic};
use crate::templates::Templates;

/// Where locale files live, under the templates folder.
pub const LOCALE_DIR: &str = "_lib/locale";

/// One language's words, as its file gives them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LocaleFile {
    /// The language whose CLDR plural rules apply (`ru`; a language of its own usually).
    plural_rules: String,
    /// Languages whose texts a document uses, in order, when a case gives none in this one.
    #[serde(default)]
    fallback: Vec<String>,
    /// Whether the language writes people's names in their Latin form (`given`, `family`)
    /// rather than in a native form of its own (`ru: { given: ..., family: ... }`).
    #[serde(default)]
    latin_names: bool,
    /// The marker printed for a fact the sources do not give.
    unknown: String,
    /// The marker in documents for courts and UN bodies, said as the submitter's own
    /// knowledge ("not known to the submitter"); without it, `unknown`.
    #[serde(default)]
    unknown_to_bodies: Option<String>,
    list: ListWords,
    /// What a name's other forms are labelled with, by language code (`latin` for the Latin
    /// form): "Russian: Абзал Каналиев". A code not listed is printed as it is.
    #[serde(default)]
    languages: BTreeMap<String, String>,
    date: DateWords,
    duration: ListWords,
    /// Per unit (`year`, `month`, `day`), its form for each CLDR plural category.
    units: BTreeMap<String, BTreeMap<String, String>>,
    /// How a number and a unit are written: `{n} {unit}`.
    #[serde(default = "default_count")]
    count: String,
    /// What groups the digits of numbers of five digits or more, by thousands ("500,000",
    /// «500 000»); none by default.
    #[serde(default)]
    digit_group: String,
    article: ArticleWords,
}

fn default_count() -> String {
    "{n} {unit}".to_owned()
}

/// How a list is joined: `a, b and c`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListWords {
    /// Between the items but the last two.
    separator: String,
    /// Before the last item (`" and "`); a list filter may ask for another conjunction.
    last_separator: String,
    /// The conjunctions `join_list(conjunction="or")` may name, by their English word.
    #[serde(default)]
    conjunctions: BTreeMap<String, String>,
}

/// Dates: month names and patterns with `{day}`, `{month}`, `{year}` and, for periods,
/// `{from_day}`, `{from_month}`, `{from_year}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateWords {
    #[serde(flatten)]
    form: DateForm,
    /// A period within one month, one year, or across years.
    same_month: String,
    same_year: String,
    other_years: String,
    /// Declined forms a template asks for by name: `date(form="locative")`.
    #[serde(default)]
    forms: BTreeMap<String, DateForm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateForm {
    months: [String; 12],
    full: String,
    /// A date the sources give to the month only, and to the year only ("December 2021",
    /// «декабрь 2021 года», «в декабре 2021 года»).
    month: String,
    year: String,
    /// The months' names where no day goes before them, when they differ (Russian: «декабрь»,
    /// not «декабря»).
    standalone_months: Option<[String; 12]>,
}

/// Citation patterns with `{article}`, `{part}`, `{item}`, `{code_name}`, `{code_abbreviation}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleWords {
    plain: String,
    part: String,
    plain_code: String,
    part_code: String,
    /// The short form a parliament's texts use for a part ("Article 405(2)"), where the
    /// language has one; without it, `part` and `part_code`.
    part_short: Option<String>,
    part_short_code: Option<String>,
    /// An item within a part ("Article 104 Part 3(a)", «п. «а» ч. 3 ст. 104»), in the same
    /// forms; an item is always within a part. A locale file made before items were cited
    /// works until a charge has one.
    item: Option<String>,
    item_code: Option<String>,
    item_short: Option<String>,
    item_short_code: Option<String>,
    /// How an item that is a letter is written, where it differs (Russian: in quotes, «а»).
    item_letter: Option<String>,
    /// Several items of one part (`items`), in the same forms, with `{items}` for the items:
    /// each as `item_letter` and then `item_each` write it ("(a)"), joined by
    /// `items_separator` and, before the last, `items_last` (Russian lists them with commas
    /// only: «пп. «а», «б», «д» ч. 2 ст. 207.3»).
    items: Option<String>,
    items_code: Option<String>,
    items_short: Option<String>,
    items_short_code: Option<String>,
    item_each: Option<String>,
    items_separator: Option<String>,
    items_last: Option<String>,
    /// A charge whose article the sources do not give (`article: unknown`). A locale file made
    /// before these were cited works until a charge has one.
    unknown: Option<UnknownArticleWords>,
}

/// Citation patterns for an article whose number is not known, with `{unknown}` (the
/// locale's `unknown`, or `unknown_to_bodies` in the UN kinds), `{part}`, `{code_name}` and
/// `{code_abbreviation}`: words, not a bracketed blank in the number's place, which read as a
/// gap left to fill ("Article [not known] Part 2"). An item is not cited without its article.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnknownArticleWords {
    plain: String,
    part: String,
    plain_code: String,
    part_code: String,
}

/// A language's words, ready for the filters.
pub struct Locale {
    pub lang: String,
    /// The file they came from, named in every error.
    pub path: PathBuf,
    words: LocaleFile,
    plurals: PluralRules,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("lang", &self.lang).field("path", &self.path).finish()
    }
}

/// A word the locale file lacks, or a pattern it cannot fill.
#[derive(Debug, Clone)]
pub struct MissingWord(pub String);

impl std::fmt::Display for MissingWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Locale {
    /// Reads `<templates>/_lib/locale/<lang>.toml`.
    pub fn load(templates: &Templates, lang: &str) -> Result<Locale, Diagnostic> {
        let relative = format!("{LOCALE_DIR}/{lang}.toml");
        let path = templates.path(&relative);
        let Some(file) = templates.data_file(&relative)? else {
            return Err(Diagnostic::error(format!("there is no locale file for the language `{lang}`"))
                .with_code(Code::MissingLocale)
                .in_file(&path)
                .hint(format!(
                    "documents in `{lang}` need the words amicus prints in that language: copy `{LOCALE_DIR}/en.toml` \
                     to `{LOCALE_DIR}/{lang}.toml` and translate it"
                )));
        };
        let loaded = crate::case::parse_file::<LocaleFile>(file)?;
        let language = loaded.value.plural_rules.parse::<icu_locale_core::Locale>().map_err(|e| {
            loaded.error("plural_rules", format!("`{}` is not a language code: {e}", loaded.value.plural_rules))
        })?;
        let plurals = PluralRules::try_new(language.into(), PluralRuleType::Cardinal.into()).map_err(|e| {
            loaded.error("plural_rules", format!("no CLDR plural rules for `{}`: {e}", loaded.value.plural_rules))
        })?;
        // Every form the rules can ask for, checked now rather than when a document first
        // prints "2 years".
        for (unit, forms) in &loaded.value.units {
            let missing: Vec<&str> =
                plurals.categories().map(category_name).filter(|c| !forms.contains_key(*c)).collect();
            if !missing.is_empty() {
                return Err(loaded
                    .error(
                        &format!("units.{unit}"),
                        format!("`{unit}` lacks the plural forms `{}`", missing.join("`, `")),
                    )
                    .hint(format!("the plural rules of `{}` use these forms", loaded.value.plural_rules)));
            }
        }
        Ok(Locale { lang: lang.to_owned(), path, words: loaded.value, plurals })
    }

    fn missing(&self, key: &str) -> MissingWord {
        let built_in = self.path.starts_with(crate::templates::BUILT_IN_PREFIX);
        let file = match built_in {
            // The built-in file cannot be edited: the project's own copy is.
            true => format!(
                "templates/_lib/locale/{}.toml (`amicus templates export` copies the built-in one into the project)",
                self.lang
            ),
            false => self.path.display().to_string(),
        };
        MissingWord(format!("the `{}` locale has no `{key}`: add it to {file}", self.lang))
    }

    /// What the facts stage needs to know of the language.
    pub fn languages(&self) -> crate::facts::Languages<'_> {
        crate::facts::Languages {
            lang: &self.lang,
            fallback: &self.words.fallback,
            latin_names: self.words.latin_names,
        }
    }

    /// The marker for an unknown fact: `restricted`, in a document for a court or a UN body.
    pub fn unknown(&self, restricted: bool) -> &str {
        match (restricted, &self.words.unknown_to_bodies) {
            (true, Some(word)) => word,
            _ => &self.words.unknown,
        }
    }

    /// A date in words, as precise as it is known, in the named form (`None`: the plain one).
    pub fn date(&self, date: When, form: Option<&str>) -> Result<String, MissingWord> {
        let form = self.date_form(form)?;
        let standalone =
            |month: u32| form.standalone_months.as_ref().unwrap_or(&form.months)[month as usize - 1].clone();
        Ok(match date {
            When::Day(day) => fill(&form.full, &self.date_parts(day, form, "")),
            When::Month(year, month) => {
                fill(&form.month, &[("month".into(), standalone(month)), ("year".into(), year.to_string())])
            }
            When::Year(year) => fill(&form.year, &[("year".into(), year.to_string())]),
        })
    }

    fn date_form(&self, form: Option<&str>) -> Result<&DateForm, MissingWord> {
        match form {
            None => Ok(&self.words.date.form),
            Some(name) => self.words.date.forms.get(name).ok_or_else(|| self.missing(&format!("date.forms.{name}"))),
        }
    }

    fn date_parts(&self, date: Date, form: &DateForm, prefix: &str) -> Vec<(String, String)> {
        use chrono::Datelike;
        let day = date.0;
        vec![
            (format!("{prefix}day"), day.day().to_string()),
            (format!("{prefix}month"), form.months[day.month0() as usize].clone()),
            (format!("{prefix}year"), day.year().to_string()),
        ]
    }

    /// A period said once: "20–21 December 2021", "30 November – 2 December 2021".
    pub fn date_range(&self, from: Date, to: Date) -> Result<String, MissingWord> {
        use chrono::Datelike;
        let words = &self.words.date;
        if from == to {
            return self.date(to.into(), None);
        }
        let pattern = match (from.0.year() == to.0.year(), from.0.month() == to.0.month()) {
            (true, true) => &words.same_month,
            (true, false) => &words.same_year,
            (false, _) => &words.other_years,
        };
        let mut parts = self.date_parts(to, &words.form, "");
        parts.extend(self.date_parts(from, &words.form, "from_"));
        // "20–21": a WORD JOINER after the dash keeps the days on one line.
        let range = fill(pattern, &parts);
        let mut joined = String::with_capacity(range.len() + 3);
        let mut chars = range.chars().peekable();
        while let Some(c) = chars.next() {
            joined.push(c);
            if c == '–' && chars.peek().is_some_and(char::is_ascii_digit) {
                joined.push('\u{2060}');
            }
        }
        Ok(joined)
    }

    /// The words a number stays on one line with ("2 years", «21 декабря», "December 2021"):
    /// the months and the units, in every form the file gives, lower-cased.
    pub fn counted_words(&self) -> std::collections::HashSet<String> {
        let date = &self.words.date;
        let mut words = std::collections::HashSet::new();
        for form in std::iter::once(&date.form).chain(date.forms.values()) {
            words.extend(form.months.iter().map(|m| m.to_lowercase()));
            words.extend(form.standalone_months.iter().flatten().map(|m| m.to_lowercase()));
        }
        for forms in self.words.units.values() {
            words.extend(forms.values().map(|w| w.to_lowercase()));
        }
        words
    }

    /// A number with its unit in the form the number asks for: "1 year", "5 лет", "5 жыл",
    /// "500,000 roubles".
    pub fn count(&self, n: u64, unit: &str) -> Result<String, MissingWord> {
        let category = category_name(self.plurals.category_for(n));
        let forms = self.words.units.get(unit).ok_or_else(|| self.missing(&format!("units.{unit}")))?;
        let word = forms.get(category).ok_or_else(|| self.missing(&format!("units.{unit}.{category}")))?;
        Ok(fill(&self.words.count, &[("n".into(), self.number(n)), ("unit".into(), word.clone())]))
    }

    /// A whole number, its digits grouped by thousands from five digits on, as the language
    /// groups them.
    pub fn number(&self, n: u64) -> String {
        let digits = n.to_string();
        if digits.len() < 5 || self.words.digit_group.is_empty() {
            return digits;
        }
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push_str(&self.words.digit_group);
            }
            grouped.push(digit);
        }
        grouped
    }

    /// A term's parts joined as the language joins them: "2 years and 6 months", "2 года 6 месяцев".
    pub fn duration(&self, parts: &[String]) -> String {
        join(parts, &self.words.duration.separator, &self.words.duration.last_separator)
    }

    /// What a list is joined with: between items, and before the last one, with the
    /// conjunction named by its English word (`and` by default, `or`).
    /// The name of a language, by its code, as a label before a name written in it; the code
    /// itself where the file names no such language.
    pub fn language<'a>(&'a self, code: &'a str) -> &'a str {
        self.words.languages.get(code).map_or(code, String::as_str)
    }

    pub fn list_separators(&self, conjunction: Option<&str>) -> Result<(&str, &str), MissingWord> {
        let list = &self.words.list;
        let last = match conjunction {
            None | Some("and") => &list.last_separator,
            Some(word) => {
                list.conjunctions.get(word).ok_or_else(|| self.missing(&format!("list.conjunctions.{word}")))?
            }
        };
        Ok((&list.separator, last))
    }

    /// A charge as lawyers cite it, with the code's name or abbreviation when given. An item
    /// is cited within its part (`check` refuses one without).
    pub fn article<'a>(
        &'a self,
        charge: Citation,
        with_code: bool,
        short: bool,
        restricted: bool,
    ) -> Result<String, MissingWord> {
        let words = &self.words.article;
        let Citation { article, part, item, items, code_name, code_abbreviation } = charge;
        // A charge whose code the jurisdiction does not name is cited without one.
        let with_code = with_code && (code_name.is_some() || code_abbreviation.is_some());
        let item = item.filter(|_| part.is_some());
        let items = if part.is_some() { items } else { &[] };
        let needed = |pattern: &'a Option<String>, key: &str| pattern.as_ref().ok_or_else(|| self.missing(key));
        let Some(article) = article else {
            let words = words.unknown.as_ref().ok_or_else(|| self.missing("article.unknown"))?;
            let pattern = match (part.is_some(), with_code) {
                (false, false) => &words.plain,
                (true, false) => &words.part,
                (false, true) => &words.plain_code,
                (true, true) => &words.part_code,
            };
            let parts = [
                ("unknown", Some(self.unknown(restricted))),
                ("part", part),
                ("code_name", code_name),
                ("code_abbreviation", code_abbreviation),
            ];
            return Ok(fill_given(pattern, &parts));
        };
        let letter = |item: &str| match (&words.item_letter, item.chars().all(char::is_alphabetic)) {
            (Some(letter), true) => fill(letter, &[("item".to_owned(), item.to_owned())]),
            _ => item.to_owned(),
        };
        if items.len() > 1 {
            let pattern = match (with_code, short) {
                (false, true) => {
                    words.items_short.as_ref().map_or_else(|| needed(&words.items, "article.items"), Ok)?
                }
                (false, false) => needed(&words.items, "article.items")?,
                (true, true) => words
                    .items_short_code
                    .as_ref()
                    .map_or_else(|| needed(&words.items_code, "article.items_code"), Ok)?,
                (true, false) => needed(&words.items_code, "article.items_code")?,
            };
            let each: Vec<String> = items
                .iter()
                .map(|item| match &words.item_each {
                    Some(each) => fill(each, &[("item".to_owned(), letter(item))]),
                    None => letter(item),
                })
                .collect();
            let separator = words.items_separator.as_deref().unwrap_or(", ");
            let listed = join(&each, separator, words.items_last.as_deref().unwrap_or(separator));
            let parts = [
                ("article", Some(article)),
                ("part", part),
                ("items", Some(listed.as_str())),
                ("code_name", code_name),
                ("code_abbreviation", code_abbreviation),
            ];
            return Ok(fill_given(pattern, &parts));
        }
        let item = item.or(items.first().map(String::as_str));
        let pattern = match (part.is_some(), item.is_some(), with_code) {
            (false, _, false) => &words.plain,
            (true, false, false) if short => words.part_short.as_ref().unwrap_or(&words.part),
            (true, false, false) => &words.part,
            (true, true, false) if short => {
                words.item_short.as_ref().map_or_else(|| needed(&words.item, "article.item"), Ok)?
            }
            (true, true, false) => needed(&words.item, "article.item")?,
            (false, _, true) => &words.plain_code,
            (true, false, true) if short => words.part_short_code.as_ref().unwrap_or(&words.part_code),
            (true, false, true) => &words.part_code,
            (true, true, true) if short => {
                words.item_short_code.as_ref().map_or_else(|| needed(&words.item_code, "article.item_code"), Ok)?
            }
            (true, true, true) => needed(&words.item_code, "article.item_code")?,
        };
        let item = item.map(letter);
        let parts = [
            ("article", Some(article)),
            ("part", part),
            ("item", item.as_deref()),
            ("code_name", code_name),
            ("code_abbreviation", code_abbreviation),
        ];
        Ok(fill_given(pattern, &parts))
    }
}

/// What a charge's citation is made of, as [`Locale::article`] cites it.
#[derive(Debug, Default, Clone, Copy)]
pub struct Citation<'a> {
    /// `None`: the sources do not give it.
    pub article: Option<&'a str>,
    pub part: Option<&'a str>,
    pub item: Option<&'a str>,
    /// Several items of the part, cited together.
    pub items: &'a [String],
    pub code_name: Option<&'a str>,
    pub code_abbreviation: Option<&'a str>,
}

impl minijinja::value::Object for Locale {}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// Fills a citation's placeholders, a part not given with nothing.
fn fill_given(pattern: &str, parts: &[(&str, Option<&str>)]) -> String {
    let values: Vec<(String, String)> =
        parts.iter().map(|(k, v)| ((*k).to_owned(), v.unwrap_or_default().to_owned())).collect();
    fill(pattern, &values)
}

/// Fills `{name}` placeholders; an unknown placeholder stays as written, visible in review.
fn fill(pattern: &str, values: &[(String, String)]) -> String {
    let mut out = pattern.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// `a, b and c`: `separator` between items, `last` before the last one.
pub fn join(items: &[String], separator: &str, last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(separator)),
    }
}

/// The locales of a run, each file read the first time a document in its language asks.
pub struct Locales {
    templates: Templates,
    loaded: Mutex<HashMap<String, Result<Arc<Locale>, Diagnostic>>>,
}

impl Locales {
    pub fn new(templates: &Templates) -> Locales {
        Locales { templates: templates.clone(), loaded: Mutex::default() }
    }

    pub fn get(&self, lang: &str) -> Result<Arc<Locale>, Diagnostic> {
        let mut loaded = self.loaded.lock().expect("locale cache");
        loaded.entry(lang.to_owned()).or_insert_with(|| Locale::load(&self.templates, lang).map(Arc::new)).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(lang: &str) -> Locale {
        Locale::load(&Templates::new(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")), lang)
            .unwrap()
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn russian_plural_forms_follow_cldr() {
        let ru = shipped("ru");
        let years: Vec<String> = [1, 2, 5, 11, 12, 21, 22].map(|n| ru.count(n, "year").unwrap()).to_vec();
        assert_eq!(years, ["1 год", "2 года", "5 лет", "11 лет", "12 лет", "21 год", "22 года"]);
        assert_eq!(ru.count(6, "month").unwrap(), "6 месяцев");
        assert_eq!(ru.count(3, "month").unwrap(), "3 месяца");
    }

    #[test]
    fn dates_and_periods_in_each_shipped_language() {
        let (en, ru, kk) = (shipped("en"), shipped("ru"), shipped("kk"));
        assert_eq!(en.date(date("2021-12-20").into(), None).unwrap(), "20 December 2021");
        assert_eq!(ru.date(date("2021-12-20").into(), None).unwrap(), "20 декабря 2021 года");
        assert_eq!(kk.date(date("2021-12-20").into(), None).unwrap(), "2021 жылғы 20 желтоқсан");
        assert_eq!(en.date_range(date("2021-12-20"), date("2021-12-21")).unwrap(), "20–\u{2060}21 December 2021");
        assert_eq!(ru.date_range(date("2021-11-30"), date("2021-12-02")).unwrap(), "30 ноября – 2 декабря 2021 года");
        assert_eq!(en.date_range(date("2021-12-30"), date("2022-01-02")).unwrap(), "30 December 2021 – 2 January 2022");
        assert_eq!(
            kk.date_range(date("2021-12-20"), date("2021-12-21")).unwrap(),
            "2021 жылғы 20–\u{2060}21 желтоқсан"
        );
    }

    /// A date the sources give to the month or the year only is printed as such, in the form
    /// running text needs: "in December 2021", «в декабре 2021 года», «2021 жылғы желтоқсанда».
    #[test]
    fn partial_dates_in_each_shipped_language() {
        let when = |text: &str| When::parse(text).unwrap();
        let (en, ru, kk) = (shipped("en"), shipped("ru"), shipped("kk"));
        let say = |locale: &Locale, text: &str, form: Option<&str>| locale.date(when(text), form).unwrap();
        assert_eq!(say(&en, "2021-12", None), "December 2021");
        assert_eq!(say(&en, "2021", None), "2021");
        assert_eq!(say(&en, "2021-12-20", Some("when")), "on 20 December 2021");
        assert_eq!(say(&en, "2021-12", Some("when")), "in December 2021");
        assert_eq!(say(&en, "2021", Some("when")), "in 2021");
        assert_eq!(say(&ru, "2021-12", None), "декабрь 2021 года");
        assert_eq!(say(&ru, "2021", None), "2021 год");
        assert_eq!(say(&ru, "2021-12-20", Some("when")), "20 декабря 2021 года");
        assert_eq!(say(&ru, "2021-12", Some("when")), "в декабре 2021 года");
        assert_eq!(say(&ru, "2021", Some("when")), "в 2021 году");
        assert_eq!(say(&ru, "2021-12", Some("genitive")), "декабря 2021 года");
        assert_eq!(say(&ru, "2021", Some("genitive")), "2021 года");
        assert_eq!(say(&kk, "2021-12", None), "2021 жылғы желтоқсан");
        assert_eq!(say(&kk, "2021-12", Some("locative")), "2021 жылғы желтоқсанда");
        assert_eq!(say(&kk, "2021", Some("when")), "2021 жылы");
    }

    /// Kazakh declines the month after a date: "on 20 December" is locative, with the ending
    /// chosen by vowel harmony and the last sound (-да/-де after voiced sounds, -та/-те after
    /// voiceless ones).
    #[test]
    fn kazakh_dates_take_case_endings() {
        let kk = shipped("kk");
        let on = |d: &str| kk.date(date(d).into(), Some("locative")).unwrap();
        assert_eq!(on("2021-12-20"), "2021 жылғы 20 желтоқсанда");
        assert_eq!(on("2021-09-01"), "2021 жылғы 1 қыркүйекте");
        assert_eq!(on("2021-07-01"), "2021 жылғы 1 шілдеде");
        assert_eq!(on("2021-04-01"), "2021 жылғы 1 сәуірде");
        let of = |d: &str| kk.date(date(d).into(), Some("attributive")).unwrap();
        assert_eq!(of("2021-12-21"), "2021 жылғы 21 желтоқсандағы");
        assert_eq!(of("2021-09-21"), "2021 жылғы 21 қыркүйектегі");
        // Nouns after numbers stay singular.
        assert_eq!(kk.count(5, "year").unwrap(), "5 жыл");
        assert_eq!(kk.count(1, "year").unwrap(), "1 жыл");
        assert_eq!(kk.duration(&["2 жыл".into(), "6 ай".into()]), "2 жыл 6 ай");
        let cite = |article, part, item, code_abbreviation| Citation {
            article: Some(article),
            part,
            item,
            code_abbreviation,
            ..Default::default()
        };
        assert_eq!(
            kk.article(cite("405", Some("2"), None, Some("ҚР ҚК")), true, false, false).unwrap(),
            "ҚР ҚК 405-бабының\u{a0}2-бөлігі"
        );
        assert_eq!(kk.article(cite("405", None, None, None), false, false, false).unwrap(), "405-бап");
        // An item within a part: a letter in quotes in Russian, in brackets in English.
        assert_eq!(
            kk.article(cite("174", Some("2"), Some("1"), Some("ҚР ҚК")), true, false, false).unwrap(),
            "ҚР ҚК 174-бабының\u{a0}2-бөлігінің\u{a0}1)\u{a0}тармағы"
        );
        let ru = shipped("ru");
        assert_eq!(
            ru.article(cite("104", Some("3"), Some("а"), Some("УК")), true, false, false).unwrap(),
            "п.\u{a0}«а» ч.\u{a0}3\u{a0}ст.\u{a0}104 УК"
        );
        assert_eq!(
            ru.article(cite("105", Some("2"), Some("1"), None), false, false, false).unwrap(),
            "п.\u{a0}1 ч.\u{a0}2\u{a0}ст.\u{a0}105"
        );
        let en = shipped("en");
        assert_eq!(
            en.article(cite("104", Some("3"), Some("a"), None), false, false, false).unwrap(),
            "Article\u{a0}104\u{a0}Part\u{a0}3(a)"
        );
        assert_eq!(
            en.article(cite("104", Some("3"), Some("a"), None), false, true, false).unwrap(),
            "Article\u{a0}104(3)(a)"
        );
        // An article the sources do not give is cited in words, not as a blank in the number's
        // place ("Article [not known] Part 2"); the UN kinds say whose knowledge it is.
        let unknown = |part, code_name, code_abbreviation| Citation {
            article: None,
            part,
            code_name,
            code_abbreviation,
            ..Default::default()
        };
        assert_eq!(
            en.article(unknown(Some("2"), Some("Criminal Code"), None), true, false, false).unwrap(),
            "Part\u{a0}2 of an article of the Criminal Code whose number is not known"
        );
        assert_eq!(
            en.article(unknown(None, None, None), false, true, true).unwrap(),
            "an article whose number is not known to the submitter"
        );
        assert_eq!(
            ru.article(unknown(Some("2"), None, Some("УК РК")), true, false, false).unwrap(),
            "ч.\u{a0}2\u{a0}ст.\u{a0}(номер неизвестен) УК РК"
        );
        assert_eq!(
            kk.article(unknown(Some("2"), None, Some("ҚР ҚК")), true, false, false).unwrap(),
            "ҚР ҚК нөмірі белгісіз бабының\u{a0}2-бөлігі"
        );
        // An item without its part is not cited as if it were the part.
        assert_eq!(en.article(cite("104", None, Some("a"), None), false, false, false).unwrap(), "Article\u{a0}104");
        // Several items of one part, cited together.
        let several = |items: &[&str]| items.iter().map(|item| item.to_string()).collect::<Vec<_>>();
        let (letters, numbers) = (several(&["а", "б", "д"]), several(&["1", "3"]));
        let items = |items, code_abbreviation| Citation {
            article: Some("207.3"),
            part: Some("2"),
            items,
            code_abbreviation,
            ..Default::default()
        };
        assert_eq!(
            ru.article(items(&letters, Some("УК РФ")), true, false, false).unwrap(),
            "пп.\u{a0}«а», «б», «д» ч.\u{a0}2\u{a0}ст.\u{a0}207.3 УК РФ"
        );
        let latin = several(&["a", "b", "d"]);
        assert_eq!(
            en.article(items(&latin, None), false, false, false).unwrap(),
            "Article\u{a0}207.3\u{a0}Part\u{a0}2(a), (b) and (d)"
        );
        assert_eq!(
            en.article(items(&latin, None), false, true, false).unwrap(),
            "Article\u{a0}207.3(2)(a), (b) and (d)"
        );
        assert_eq!(
            kk.article(items(&numbers, Some("ҚР ҚК")), true, false, false).unwrap(),
            "ҚР ҚК 207.3-бабының\u{a0}2-бөлігінің\u{a0}1), 3)\u{a0}тармақтары"
        );
        // One item given as a list of one is cited as one.
        assert_eq!(
            en.article(items(&latin[..1], None), false, false, false).unwrap(),
            "Article\u{a0}207.3\u{a0}Part\u{a0}2(a)"
        );
    }

    #[test]
    fn a_missing_form_names_the_language_the_key_and_the_file() {
        let en = shipped("en");
        let error = en.date(date("2021-12-20").into(), Some("locative")).unwrap_err().0;
        assert!(error.contains("`en` locale has no `date.forms.locative`"), "{error}");
        assert!(error.contains("_lib/locale/en.toml"), "{error}");
        assert!(en.count(2, "week").unwrap_err().0.contains("`units.week`"));
    }

    #[test]
    fn lists_read_naturally() {
        let words: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let list = |lang: &str, conjunction: Option<&str>| {
            let locale = shipped(lang);
            let (separator, last) = locale.list_separators(conjunction).unwrap();
            join(&words, separator, last)
        };
        assert_eq!(list("en", None), "a, b and c");
        assert_eq!(list("en", Some("or")), "a, b or c");
        assert_eq!(list("ru", None), "a, b и c");
        assert_eq!(list("kk", None), "a, b және c");
        assert_eq!(join(&words[..1], ", ", " and "), "a");
    }
}
