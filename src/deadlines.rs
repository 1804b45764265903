//! `amicus deadlines`: the dates that matter across cases — appeal deadlines, the end of each
//! term of a sentence — as a table and as an iCalendar file.
//!
//! Ends of terms are counted from the verdict date: the sources rarely say when a term began
//! (a ban may start after a restriction of liberty), so the table says "from the verdict".

use chrono::{Months, NaiveDate};

use crate::case::{Case, Jurisdiction, Loaded, PenaltyKind, Project, Term};
use crate::facts;

/// One date to keep.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyDate {
    pub date: NaiveDate,
    pub case_id: String,
    /// The person, as a calendar names them ("Aizhan Ismakova").
    pub person: String,
    /// The court that delivered the verdict, when known.
    pub court: Option<String>,
    /// Stable within a case, for the calendar's UIDs (`appeal`, `sentence-1`).
    pub key: String,
    pub what: String,
}

/// The key dates of the given cases, sorted by date.
pub fn key_dates(cases: &[&Loaded<Case>], project: &Project) -> Vec<KeyDate> {
    let mut dates = Vec::new();
    for case in cases {
        let value = &case.value;
        let Some(verdict) = &value.verdict else { continue };
        let name = &value.person.name.0;
        let person =
            [name.given.as_deref(), Some(name.family.as_str())].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let court = verdict.court.known().map(|c| c.get("en").to_owned());
        let jurisdiction: Option<&Jurisdiction> =
            project.shared.jurisdictions.get(&value.jurisdiction).map(|j| &j.value);
        if let Some(rules) = jurisdiction.and_then(|j| j.appeal.as_ref()) {
            let verified = if rules.verified { "" } else { ", not verified" };
            dates.push(KeyDate {
                date: facts::appeal_deadline(verdict.date, rules.deadline_days).0,
                case_id: value.id.clone(),
                person: person.clone(),
                court: court.clone(),
                key: "appeal".into(),
                what: format!("last day to appeal ({} days after the verdict{verified})", rules.deadline_days),
            });
        }
        for (i, penalty) in verdict.sentence.iter().enumerate() {
            let Some(term) = penalty.term else { continue };
            let Some(end) = add_term(verdict.date.0, term) else { continue };
            let what = match penalty.kind {
                PenaltyKind::Imprisonment => "end of imprisonment".to_owned(),
                PenaltyKind::RestrictionOfLiberty => "end of restriction of liberty".to_owned(),
                PenaltyKind::SuspendedSentence => "end of the suspended sentence".to_owned(),
                PenaltyKind::CommunityService => "end of community service".to_owned(),
                PenaltyKind::Fine => continue,
                PenaltyKind::Ban => {
                    let scope: Vec<&str> = penalty.scope.iter().map(|s| s.get("en")).collect();
                    format!("end of the ban on {}", scope.join(" and "))
                }
            };
            dates.push(KeyDate {
                date: end,
                case_id: value.id.clone(),
                person: person.clone(),
                court: court.clone(),
                key: format!("sentence-{}", i + 1),
                what: format!("{what} (counted from the verdict)"),
            });
        }
    }
    dates.sort_by(|a, b| (a.date, &a.case_id, &a.key).cmp(&(b.date, &b.case_id, &b.key)));
    dates
}

fn add_term(start: NaiveDate, term: Term) -> Option<NaiveDate> {
    start
        .checked_add_months(Months::new(term.years * 12 + term.months))?
        .checked_add_days(chrono::Days::new(u64::from(term.days)))
}

/// How long before a date its calendar event reminds: a deadline in time to file, the end of
/// a sentence in time to prepare.
fn reminder(key: &str) -> &'static str {
    match key {
        "appeal" => "-P3D",
        _ => "-P7D",
    }
}

/// The dates as a calendar (RFC 5545): one all-day event each, named after the person, with
/// the case and the court in its description and a reminder before it.
pub fn to_ics(dates: &[KeyDate], stamp: NaiveDate) -> String {
    let mut lines = vec!["BEGIN:VCALENDAR".to_owned(), "VERSION:2.0".into(), "PRODID:-//amicus//deadlines//EN".into()];
    for date in dates {
        let next = date.date.succ_opt().unwrap_or(date.date);
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}-{}@amicus", date.case_id, date.key),
            format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")),
            format!("DTSTART;VALUE=DATE:{}", date.date.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
            format!("SUMMARY:{}", ics_text(&format!("{}: {}", date.person, date.what))),
            format!(
                "DESCRIPTION:{}",
                ics_text(&format!(
                    "Case file {}. Court that delivered the verdict: {}.",
                    date.case_id,
                    date.court.as_deref().unwrap_or("not known")
                ))
            ),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            format!("TRIGGER:{}", reminder(&date.key)),
            format!("DESCRIPTION:{}", ics_text(&format!("{}: {}", date.person, date.what))),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|line| fold(line)).collect::<Vec<_>>().join("\r\n") + "\r\n"
}

/// Escapes text for an iCalendar value.
fn ics_text(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// Folds a content line at 75 octets, as RFC 5545 requires, never inside a character and
/// never leaving a space at the end of a line (some readers drop it).
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            let moved = out.ends_with(' ').then(|| out.pop()).flatten();
            out.push_str("\r\n ");
            width = 1;
            if let Some(space) = moved {
                out.push(space);
                width += 1;
            }
        }
        out.push(c);
        width += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_add_years_months_and_days() {
        let start = NaiveDate::from_ymd_opt(2021, 12, 21).unwrap();
        assert_eq!(add_term(start, Term::parse("2y6m").unwrap()), NaiveDate::from_ymd_opt(2024, 6, 21));
        assert_eq!(add_term(start, Term::parse("10d").unwrap()), NaiveDate::from_ymd_opt(2021, 12, 31));
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let folded = fold(&"ж".repeat(60));
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", ""), "ж".repeat(60));
    }
}
