//! Value types case files use beyond plain strings and numbers.
//!
//! They serialize to tagged JSON (`{"$text": ...}`, `{"$name": ...}`, `{"$unknown": true}`) so
//! that the facts stage can localise a whole case generically, whatever struct a value sits in.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use chrono::{Datelike, NaiveDate};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// Tag of a text by language in the serialized case.
pub const TEXT_TAG: &str = "$text";
/// Tag of a personal name in the serialized case.
pub const NAME_TAG: &str = "$name";
/// Tag of an explicitly unknown fact in the serialized case.
pub const UNKNOWN_TAG: &str = "$unknown";

/// Free text: one string for every language, or one string per language (`{en: .., ru: ..}`).
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

impl Text {
    /// The text in a language, else in English, else in any language it has.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Text::Plain(text) => text,
            Text::ByLanguage(texts) => {
                texts.get(lang).or_else(|| texts.get("en")).or_else(|| texts.values().next()).map_or("", String::as_str)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: a string, or a map by language like `{en: ..., ru: ...}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                // Here `unknown` would be printed as the word: where a fact may be unknown the
                // field takes the marker before it reaches a text.
                if v.trim() == "unknown" {
                    return Err(E::custom(NOT_UNKNOWN));
                }
                Ok(Text::Plain(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some(language) = map.next_key::<String>()? {
                    if !is_language_code(&language) {
                        return Err(de::Error::custom(format_args!(
                            "`{language}` is not a language code; use two-letter codes such as en, ru or kk"
                        )));
                    }
                    let text: String = map.next_value()?;
                    texts.insert(language, text);
                }
                if texts.is_empty() {
                    return Err(de::Error::custom("a text by language needs at least one language"));
                }
                Ok(Text::ByLanguage(texts))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Text::Plain(text) => map.serialize_entry(TEXT_TAG, text)?,
            Text::ByLanguage(texts) => map.serialize_entry(TEXT_TAG, texts)?,
        }
        map.end()
    }
}

/// Why a text or label refuses `unknown`: the word would be printed as if it were the fact.
const NOT_UNKNOWN: &str = "this field cannot be `unknown`: documents print it as written; give what the sources give (for a place, the region or country if that is all they say), or leave the field out if it is optional and say in a comment what the sources leave open";

/// Whether a map key looks like an ISO 639 language code.
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// A personal name: the Latin form, and native-script forms per language.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Name(pub NameParts);

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameParts {
    pub given: Option<String>,
    /// The Latin family name; a name known only in its native script (a lawyer named in a
    /// Russian court paper) leaves it out and gives that form (`ru: { family: ... }`).
    pub family: Option<String>,
    pub patronymic: Option<String>,
    /// The Cyrillic form used in Russian documents.
    pub ru: Option<NameForm>,
    /// The form used in Kazakh documents.
    pub kk: Option<NameForm>,
    /// The forms in the region's other languages: Kyrgyz, Belarusian, Ukrainian, Uzbek,
    /// Tajik, Azerbaijani, Georgian, Armenian. A document in a language prints its form; the
    /// others appear beside the name where a document lists the person's names in other
    /// scripts.
    pub ky: Option<NameForm>,
    pub be: Option<NameForm>,
    pub uk: Option<NameForm>,
    pub uz: Option<NameForm>,
    pub tg: Option<NameForm>,
    pub az: Option<NameForm>,
    pub ka: Option<NameForm>,
    pub hy: Option<NameForm>,
    /// Forms in any other language, by its code (`forms: { tk: { family: ... } }`).
    #[serde(default)]
    pub forms: BTreeMap<String, NameForm>,
    /// How the Latin form was made, when it is not the person's own spelling ("BGN/PCGN
    /// transliteration of the Russian", "transliterated by us").
    pub transliteration: Option<Text>,
    /// Other spellings that documents about the person use (a UN opinion's, a court's), so that
    /// a statement spelling the name so is known to be about them.
    #[serde(default)]
    pub aliases: Vec<Alias>,
}

/// A spelling of a name used somewhere, and where.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub name: String,
    /// Where this spelling is used ("WGAD Opinion No. 3/2024").
    pub used_in: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameForm {
    pub given: Option<String>,
    pub family: String,
    pub patronymic: Option<String>,
}

impl NameParts {
    /// The ways the name may be written in running text, in every script the file gives,
    /// lower-cased: "given family", "family given", with the patronymic and without.
    pub fn spellings(&self) -> Vec<String> {
        let latin = self.family.clone().map(|family| NameForm {
            given: self.given.clone(),
            family,
            patronymic: self.patronymic.clone(),
        });
        let native = self.native_forms();
        let mut spellings = Vec::new();
        for form in latin.iter().chain(native.into_values()) {
            let given = form.given.as_deref().unwrap_or_default();
            let patronymic = form.patronymic.as_deref().unwrap_or_default();
            for parts in [
                [given, "", &form.family],
                [&form.family, given, ""],
                [given, patronymic, &form.family],
                [&form.family, given, patronymic],
            ] {
                spellings.push(normalise_spelling(&parts.join(" ")));
            }
        }
        spellings.extend(self.aliases.iter().map(|alias| normalise_spelling(&alias.name)));
        spellings.sort();
        spellings.dedup();
        spellings
    }
}

/// A name as `spellings` compares it: lower-case, single spaces.
pub fn normalise_spelling(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl NameParts {
    /// The name as messages print it: the Latin form, else the first native form the file gives.
    pub fn display(&self) -> String {
        let form = match &self.family {
            Some(family) => Some((self.given.as_deref(), family.as_str())),
            None => self.native_forms().into_values().next().map(|f| (f.given.as_deref(), f.family.as_str())),
        };
        form.map(|(given, family)| [given.unwrap_or_default(), family].join(" ").trim().to_owned()).unwrap_or_default()
    }

    /// The native-script forms by language code, those with a field of their own and those
    /// under `forms`.
    pub fn native_forms(&self) -> BTreeMap<&str, &NameForm> {
        let named = [
            ("ru", &self.ru),
            ("kk", &self.kk),
            ("ky", &self.ky),
            ("be", &self.be),
            ("uk", &self.uk),
            ("uz", &self.uz),
            ("tg", &self.tg),
            ("az", &self.az),
            ("ka", &self.ka),
            ("hy", &self.hy),
        ];
        let mut forms: BTreeMap<&str, &NameForm> =
            named.into_iter().filter_map(|(code, form)| Some((code, form.as_ref()?))).collect();
        forms.extend(self.forms.iter().map(|(code, form)| (code.as_str(), form)));
        forms
    }
}

/// Serialized with every native form under its language code, as the facts stage reads them;
/// the transliteration note and the aliases beside them, which are not forms to print as names.
impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let parts = &self.0;
        let mut fields = serde_json::Map::new();
        fields.insert("given".into(), serde_json::json!(parts.given));
        fields.insert("family".into(), serde_json::json!(parts.family));
        fields.insert("patronymic".into(), serde_json::json!(parts.patronymic));
        for (code, form) in parts.native_forms() {
            fields.insert(code.into(), serde_json::to_value(form).map_err(serde::ser::Error::custom)?);
        }
        fields.insert("aliases".into(), serde_json::to_value(&parts.aliases).map_err(serde::ser::Error::custom)?);
        if let Some(transliteration) = &parts.transliteration {
            fields.insert(
                "transliteration".into(),
                serde_json::to_value(transliteration).map_err(serde::ser::Error::custom)?,
            );
        }
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(NAME_TAG, &fields)?;
        map.end()
    }
}

/// A fact that may be recorded as explicitly unknown (`court: unknown`).
///
/// Absent and unknown are different: absent means nobody filled it in; unknown means the
/// sources are silent, and documents show that instead of guessing.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact<T> {
    Unknown,
    Known(T),
}

/// Given, and empty: what a list field left out of the file holds.
impl<T: Default> Default for Fact<T> {
    fn default() -> Self {
        Fact::Known(T::default())
    }
}

impl<T> Fact<T> {
    pub fn known(&self) -> Option<&T> {
        match self {
            Fact::Known(value) => Some(value),
            Fact::Unknown => None,
        }
    }
}

impl<T: Serialize> Serialize for Fact<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Fact::Known(value) => value.serialize(serializer),
            Fact::Unknown => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(UNKNOWN_TAG, &true)?;
                map.end()
            }
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Fact<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Peek at the value: the word `unknown` is the marker, anything else is handed on to
        // `T` through the same map or sequence access, so its errors keep their locations.
        struct FactVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for FactVisitor<T> {
            type Value = Fact<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value, or `unknown` when the sources do not say")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Fact<T>, E> {
                match v {
                    "unknown" => Ok(Fact::Unknown),
                    _ => T::deserialize(v.into_deserializer()).map(Fact::Known),
                }
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Fact<T>, E> {
                T::deserialize(v.into_deserializer()).map(Fact::Known)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Fact<T>, E> {
                T::deserialize(v.into_deserializer()).map(Fact::Known)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Fact<T>, E> {
                T::deserialize(v.into_deserializer()).map(Fact::Known)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Fact<T>, E> {
                T::deserialize(v.into_deserializer()).map(Fact::Known)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Fact<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Fact::Known)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Fact<T>, A::Error> {
                T::deserialize(SeqAccessDeserializer::new(seq)).map(Fact::Known)
            }
        }
        deserializer.deserialize_any(FactVisitor(PhantomData))
    }
}

/// A calendar date, written `YYYY-MM-DD` (TOML's native dates are accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Today, by the clock: what `check`, `deadlines` and the editor judge at unless given a
    /// date (never a built document's date, which comes from its facts).
    pub fn today() -> Date {
        Date(chrono::Local::now().date_naive())
    }

    pub fn parse(text: &str) -> Result<Date, String> {
        let well_formed = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !well_formed {
            return Err(format!("`{text}` is not a date: write dates as YYYY-MM-DD, like 2021-12-20"));
        }
        let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Date)
            .map_err(|_| format!("`{text}` is not a real calendar date: check the month and the day"))?;
        // Ends of sentences are counted from dates; a PDF records years up to 9999.
        if !(FIRST_YEAR..=LAST_YEAR).contains(&date.0.year()) {
            return Err(format!("`{text}`: amicus takes dates from {FIRST_YEAR} to {LAST_YEAR}; check the year"));
        }
        Ok(date)
    }
}

/// The years a date may fall in: a date outside them is a typing mistake.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2199;

/// The longest term amicus takes, in years.
const LONGEST_TERM_YEARS: u32 = 100;

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                // TOML hands its native dates over as a one-entry map with a private key.
                let Some((_key, value)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom("expected a date written YYYY-MM-DD"));
                };
                Date::parse(&value).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

/// A date as precise as the sources give it: a day (`2021-12-20`), a month (`2021-12`) or a
/// year (`2021`). Facts the sources often date loosely take it (an event, a statement, a
/// source, a birth, a court's decision); what amicus counts from (a release, the day a term is
/// counted from) takes a [`Date`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Day(Date),
    Month(i32, u32),
    Year(i32),
}

impl When {
    pub fn parse(text: &str) -> Result<When, String> {
        let bad = || {
            format!(
                "`{text}` is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY when the sources give no more, like 2021-12-20, 2021-12 or 2021"
            )
        };
        if text.trim() == "unknown" {
            return Err("this date cannot be `unknown`: give the year, if that is all the sources say (`2023`), \
                        never a year worked out; a stage not yet decided gives the day it was brought; a statement \
                        no source dates, even by its year, cannot be cited: leave it out until one does"
                .to_owned());
        }
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = text.split('-').collect();
        let year = |part: &str| -> Result<i32, String> {
            let year: i32 = part.parse().map_err(|_| bad())?;
            match (FIRST_YEAR..=LAST_YEAR).contains(&year) {
                true => Ok(year),
                false => Err(format!("`{text}`: amicus takes dates from {FIRST_YEAR} to {LAST_YEAR}; check the year")),
            }
        };
        match parts.as_slice() {
            [y] if y.len() == 4 && digits(y) => Ok(When::Year(year(y)?)),
            [y, m] if y.len() == 4 && m.len() == 2 && digits(y) && digits(m) => {
                let month: u32 = m.parse().map_err(|_| bad())?;
                match (1..=12).contains(&month) {
                    true => Ok(When::Month(year(y)?, month)),
                    false => Err(format!("`{text}` is not a real month: months run from 01 to 12")),
                }
            }
            [_, _, _] => Date::parse(text).map(When::Day),
            _ => Err(bad()),
        }
    }

    /// The first day it may be: where it sorts among full dates.
    pub fn earliest(&self) -> Date {
        let day = |y, m| NaiveDate::from_ymd_opt(y, m, 1).map(Date).expect("years and months are checked on parsing");
        match *self {
            When::Day(date) => date,
            When::Month(year, month) => day(year, month),
            When::Year(year) => day(year, 1),
        }
    }

    /// The first day after it: what happened from then on surely happened after it.
    pub fn next_day(&self) -> Date {
        let next = match *self {
            When::Day(date) => date.0.succ_opt(),
            When::Month(year, 12) => NaiveDate::from_ymd_opt(year + 1, 1, 1),
            When::Month(year, month) => NaiveDate::from_ymd_opt(year, month + 1, 1),
            When::Year(year) => NaiveDate::from_ymd_opt(year + 1, 1, 1),
        };
        Date(next.expect("years are checked on parsing"))
    }

    /// The last day it may be.
    pub fn latest(&self) -> Date {
        Date(self.next_day().0.pred_opt().expect("years are checked on parsing"))
    }

    /// The day, when the sources give it.
    pub fn day(&self) -> Option<Date> {
        match self {
            When::Day(date) => Some(*date),
            _ => None,
        }
    }
}

impl From<Date> for When {
    fn from(date: Date) -> When {
        When::Day(date)
    }
}

impl PartialOrd for When {
    fn partial_cmp(&self, other: &When) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By the first day each may be; a day before the month or year that starts with it.
impl Ord for When {
    fn cmp(&self, other: &When) -> std::cmp::Ordering {
        let precision = |w: &When| match w {
            When::Day(_) => 0,
            When::Month(..) => 1,
            When::Year(_) => 2,
        };
        (self.earliest(), precision(self)).cmp(&(other.earliest(), precision(other)))
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            When::Day(date) => date.fmt(f),
            When::Month(year, month) => write!(f, "{year:04}-{month:02}"),
            When::Year(year) => write!(f, "{year:04}"),
        }
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WhenVisitor;
        impl<'de> Visitor<'de> for WhenVisitor {
            type Value = When;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, YYYY-MM or YYYY")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<When, E> {
                When::parse(v).map_err(E::custom)
            }
            // YAML reads `2021` as a number.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<When, E> {
                When::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<When, E> {
                When::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<When, A::Error> {
                // TOML's native dates, as `Date` reads them.
                Date::deserialize(MapAccessDeserializer::new(map)).map(When::Day)
            }
        }
        deserializer.deserialize_any(WhenVisitor)
    }
}

/// A length of time in a sentence: years, months and days, written `1y`, `2y6m`, `18m`, `10d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Term {
    pub years: u32,
    pub months: u32,
    pub days: u32,
}

impl Term {
    /// Whether the term is shorter than `other`, months before days (as sentences write them).
    pub fn shorter_than(&self, other: &Term) -> bool {
        (self.years * 12 + self.months, self.days) < (other.years * 12 + other.months, other.days)
    }

    pub fn parse(text: &str) -> Result<Term, String> {
        let bad =
            || format!("`{text}` is not a duration: write years, months and days like `1y`, `2y6m`, `18m` or `10d`");
        let mut term = Term::default();
        let mut rest = text.trim();
        let mut last_unit = 0;
        if rest.is_empty() {
            return Err(bad());
        }
        while !rest.is_empty() {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 4 {
                return Err(bad());
            }
            let number: u32 = rest[..digits].parse().map_err(|_| bad())?;
            let (unit, slot) = match rest[digits..].chars().next() {
                Some('y') => (1, &mut term.years),
                Some('m') => (2, &mut term.months),
                Some('d') => (3, &mut term.days),
                _ => return Err(bad()),
            };
            if unit <= last_unit {
                return Err(format!("`{text}`: give years, months and days once each, in that order"));
            }
            last_unit = unit;
            *slot = number;
            rest = &rest[digits + 1..];
        }
        if term == Term::default() {
            return Err(format!("`{text}` is a term of no time at all: give its length, like `1y` or `6m`"));
        }
        let days = u64::from(term.years) * 365 + u64::from(term.months) * 31 + u64::from(term.days);
        if days > u64::from(LONGEST_TERM_YEARS) * 366 {
            return Err(format!(
                "`{text}` is longer than {LONGEST_TERM_YEARS} years: no sentence or ban runs that long; check the numbers"
            ));
        }
        Ok(term)
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (n, unit) in [(self.years, 'y'), (self.months, 'm'), (self.days, 'd')] {
            if n > 0 {
                write!(f, "{n}{unit}")?;
            }
        }
        if *self == Term::default() {
            f.write_str("0d")?;
        }
        Ok(())
    }
}

impl Serialize for Term {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Term::parse(&text).map_err(de::Error::custom)
    }
}

/// Time in custody a verdict counts against a term: a length it gives (`credit: 1y2m`), or
/// periods at the rate the code sets (`credit: [{ from: 2024-02-10, rate: 1.5 }]`). Russian and
/// Kazakh verdicts count pre-trial detention at a day and a half, or two days, of a colony per
/// day, and house arrest at half a day: a length alone gave release dates months too late.
#[derive(Debug, Clone, PartialEq)]
pub enum Credit {
    Length(Term),
    Periods(Vec<CreditPeriod>),
}

/// A period in custody the verdict counts, and at what rate.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditPeriod {
    /// The first day counted.
    pub from: Date,
    /// The last day counted; left out, the day the verdict entered into force, as verdicts
    /// say ("until the day the verdict enters into force").
    pub to: Option<Date>,
    /// Days of the sentence one day of this custody counts for: 1.5 for pre-trial detention
    /// against a general-regime colony (Russia, Criminal Code Art. 72(3.1)(b)), 2 against a
    /// settlement colony, 0.5 for house arrest (Art. 72(3.4)); 1 if left out.
    #[serde(default)]
    pub rate: Rate,
}

/// How many days of a sentence one day in custody counts for: 0.5, 1, 1.5 or 2, the rates the
/// codes of the region give. Kept in half days, so that no fraction is rounded twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub halves: u32,
}

impl Default for Rate {
    fn default() -> Rate {
        Rate { halves: 2 }
    }
}

impl CreditPeriod {
    /// The days of the sentence it counts for, its last day `until` when open (the day the
    /// verdict entered into force, else its date): both ends count, and a half day left over
    /// does not.
    pub fn days(&self, until: Date) -> u64 {
        let to = self.to.unwrap_or(until);
        let held = u64::try_from((to.0 - self.from.0).num_days() + 1).unwrap_or(0);
        held * u64::from(self.rate.halves) / 2
    }
}

impl Rate {
    /// Days of the sentence per day in custody, as written: 0.5, 1, 1.5 or 2.
    pub fn value(self) -> f64 {
        f64::from(self.halves) / 2.0
    }
}

impl fmt::Display for Credit {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Credit::Length(term) => term.fmt(f),
            Credit::Periods(periods) => {
                for (i, p) in periods.iter().enumerate() {
                    let to = p.to.map_or("the verdict's entry into force".to_owned(), |d| d.to_string());
                    write!(f, "{}{} to {to} at {} days a day", if i > 0 { ", " } else { "" }, p.from, p.rate.value())?;
                }
                Ok(())
            }
        }
    }
}

impl Serialize for Credit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Credit::Length(term) => term.serialize(serializer),
            Credit::Periods(periods) => periods.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Credit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CreditVisitor;
        impl<'de> Visitor<'de> for CreditVisitor {
            type Value = Credit;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a length like `1y2m`, or a list of periods like `[{ from: 2024-02-10, rate: 1.5 }]`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Credit, E> {
                Term::parse(v).map(Credit::Length).map_err(E::custom)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Credit, A::Error> {
                Vec::<CreditPeriod>::deserialize(SeqAccessDeserializer::new(seq)).map(Credit::Periods)
            }
        }
        deserializer.deserialize_any(CreditVisitor)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.value())
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let rate = f64::deserialize(deserializer)?;
        match [0.5, 1.0, 1.5, 2.0].iter().position(|r| *r == rate) {
            Some(i) => Ok(Rate { halves: i as u32 + 1 }),
            None => Err(de::Error::custom(format!(
                "a rate of {rate} is not one the codes give: write 0.5, 1, 1.5 or 2 (days of the sentence per day in custody)"
            ))),
        }
    }
}

impl JsonSchema for Rate {
    fn schema_name() -> Cow<'static, str> {
        "Rate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Days of the sentence per day in custody: 0.5, 1, 1.5 or 2.",
            "enum": [0.5, 1, 1.5, 2]
        })
    }
}

impl JsonSchema for Credit {
    fn schema_name() -> Cow<'static, str> {
        "Credit".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Time in custody counted against the term: a length like 1y2m, or periods with their rate.",
            "anyOf": [generator.subschema_for::<Term>(), generator.subschema_for::<Vec<CreditPeriod>>()]
        })
    }
}

/// An identifier that people write as a number or a string (an article, a part): `405`, `"405-1"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label(pub String);

impl Serialize for Label {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LabelVisitor;
        impl Visitor<'_> for LabelVisitor {
            type Value = Label;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a short label like `405` or `405-1`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Label, E> {
                match v.trim() {
                    "" => Err(E::custom("this label is empty")),
                    "unknown" => Err(E::custom(NOT_UNKNOWN)),
                    v => Ok(Label(v.to_owned())),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Label, E> {
                Ok(Label(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Label, E> {
                Ok(Label(v.to_string()))
            }
        }
        deserializer.deserialize_any(LabelVisitor)
    }
}

// The JSON Schema of the values above, for editors: what serde accepts, said as a schema.

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A text: one string, or one string per language ({en: ..., ru: ...}).",
            "oneOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "minProperties": 1,
                    "patternProperties": {"^[a-z]{2,3}$": {"type": "string"}},
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl<T: JsonSchema> JsonSchema for Fact<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Fact_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A fact, or `unknown` when the sources do not say.",
            "anyOf": [{"const": "unknown"}, generator.subschema_for::<T>()]
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date written YYYY-MM-DD.",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

impl JsonSchema for When {
    fn schema_name() -> Cow<'static, str> {
        "When".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date written YYYY-MM-DD, or YYYY-MM or YYYY when the sources give no more.",
            "anyOf": [
                {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2199}
            ]
        })
    }
}

impl JsonSchema for Term {
    fn schema_name() -> Cow<'static, str> {
        "Term".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A length of time: years, months, days, like 1y, 2y6m, 18m, 10d.",
            "type": "string",
            "pattern": "^([0-9]+y)?([0-9]+m)?([0-9]+d)?$",
            "minLength": 2
        })
    }
}

impl JsonSchema for Label {
    fn schema_name() -> Cow<'static, str> {
        "Label".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number or a short label, like 405 or \"405-1\".",
            "type": ["string", "integer"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_parse_in_order() {
        assert_eq!(Term::parse("2y6m"), Ok(Term { years: 2, months: 6, days: 0 }));
        assert_eq!(Term::parse("18m").unwrap().months, 18);
        assert_eq!(Term::parse("1y").unwrap().to_string(), "1y");
        assert!(Term::parse("6m2y").is_err());
        assert!(Term::parse("2.5y").is_err());
        assert!(Term::parse("").is_err());
        assert!(Term::parse("y").is_err());
        assert!(Term::parse("25y11m30d").is_ok());
        assert!(Term::parse("9999y9999m9999d").unwrap_err().contains("longer than 100 years"));
        assert!(Term::parse("1300m").unwrap_err().contains("longer than 100 years"));
    }

    #[test]
    fn dates_must_exist() {
        assert!(Date::parse("2021-12-20").is_ok());
        assert!(Date::parse("2021-13-45").unwrap_err().contains("not a real calendar date"));
        assert!(Date::parse("20.12.2021").unwrap_err().contains("YYYY-MM-DD"));
        assert!(Date::parse("9999-12-31").unwrap_err().contains("from 1900 to 2199"));
        assert!(Date::parse("0021-12-20").unwrap_err().contains("check the year"));
    }
}
