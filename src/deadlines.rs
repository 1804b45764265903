//! `amicus deadlines`: the dates that matter across cases, per person — the last day to
//! appeal a trial verdict not yet final, the end of each term of the sentence in effect — as a
//! table and as an iCalendar file.
//!
//! Contract: [`key_dates`] judges every defendant's standing at the given day (today, or
//! `--today`): a verdict upheld on appeal has no appeal deadline, an annulled one no ends of
//! terms. A term is counted from the day its verdict names (`counted_from`), less the custody
//! it credits, else from the verdict; a ban the verdict starts at release, from the end of the
//! term. Each date says which.

use chrono::NaiveDate;

use crate::case::{Case, Date, Loaded, MeasureKind, PenaltyKind, Project, StageKind, Standing};

/// One date to keep.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyDate {
    pub date: NaiveDate,
    /// The case, and the defendant of a case of several (`viasna-2023/bialiatski`).
    pub case_id: String,
    /// The person, as a calendar names them ("Aizhan Ismakova").
    pub person: String,
    /// The court that delivered the verdict, when known.
    pub court: Option<String>,
    /// Stable within a case, for the calendar's UIDs (`appeal`, `sentence-1`).
    pub key: String,
    pub what: String,
}

/// The key dates of the given cases' defendants as they stand on `today`, sorted by date.
pub fn key_dates(cases: &[&Loaded<Case>], project: &Project, today: Date) -> Vec<KeyDate> {
    let mut dates = Vec::new();
    for case in cases {
        let value = &case.value;
        let jurisdiction = project.shared.jurisdictions.get(&value.jurisdiction).map(|j| &j.value);
        let rules = jurisdiction.and_then(|j| j.appeal.as_ref());
        for index in 0..value.defendant_count() {
            let view = value.for_defendant(index);
            let Some(person) = &view.person else { continue };
            let standing = Standing::at(&view, rules.map(|r| r.deadline_days), today);
            let Some(verdict) = standing.verdict.as_ref().filter(|v| v.convicted()) else { continue };
            let name = &person.name.0;
            let person = name.display();
            let court = verdict.court.known().map(|c| c.get("en").to_owned());
            let mut add = |date: Date, key: String, what: String| {
                dates.push(KeyDate {
                    date: date.0,
                    case_id: value.defendant_label(index),
                    person: person.clone(),
                    court: court.clone(),
                    key,
                    what,
                })
            };
            // A trial verdict nobody has taken to a higher court: its deadline, open or passed.
            if let Some((rules, deadline)) = rules.and_then(|r| Some((r, verdict.trial_deadline(r.deadline_days)?))) {
                let verified = if rules.verified { "" } else { ", not verified" };
                add(
                    deadline,
                    "appeal".into(),
                    format!("last day to appeal ({} days after the verdict{verified})", rules.deadline_days),
                );
            }
            // No end of a term for someone released or dead; a ban may outlast a release.
            let (status, _) = standing.status(&view, today);
            if status == crate::case::Status::Died {
                continue;
            }
            if view.term_not_begun() {
                continue;
            }
            let freed = status == crate::case::Status::Released || verdict.pardoned.is_some();
            // Held before the verdict (a custody measure or a place of detention that began
            // earlier): a term counted from the verdict with nothing credited ends later than
            // the law's, and the line says what to give.
            let held_before = verdict.date.day().is_some_and(|verdict_day| {
                let custody = view.measures.iter().filter(|m| m.kind == MeasureKind::Custody).map(|m| &m.from);
                custody
                    .chain(view.detention.iter().map(|c| &c.from))
                    .any(|from| from.known().is_some_and(|from| from.earliest() < verdict_day))
            });
            let release = verdict.term_end();
            let mut bans = verdict.ban_ends().into_iter();
            for (i, penalty) in verdict.sentence.iter().enumerate() {
                let ban_end = match penalty.kind {
                    PenaltyKind::Ban => bans.next().flatten(),
                    _ => None,
                };
                let Some(term) = penalty.running_term() else { continue };
                if freed && penalty.kind != PenaltyKind::Ban {
                    continue;
                }
                let from = match (penalty.counted_from, penalty.after_release) {
                    (Some(day), _) => format!("counted from {day}"),
                    (None, true) if release.is_some() => "counted from release".to_owned(),
                    (None, _) if verdict.changed_by == Some(StageKind::NewCase) => {
                        "counted from the new case's verdict".to_owned()
                    }
                    (None, _) => "counted from the verdict".to_owned(),
                };
                let custodial =
                    matches!(penalty.kind, PenaltyKind::Imprisonment | PenaltyKind::AdministrativeDetention);
                let credit = match &penalty.credit {
                    Some(credit) => format!(", less custody: {credit}"),
                    None if custodial && held_before && penalty.counted_from.is_none() => {
                        "; the custody before the verdict is not deducted: give the sentence's `credit` or \
                         `counted_from`"
                            .to_owned()
                    }
                    None => String::new(),
                };
                let (end, what) = match penalty.kind {
                    PenaltyKind::Imprisonment => (None, "end of imprisonment".to_owned()),
                    PenaltyKind::AdministrativeDetention => (None, "end of administrative detention".to_owned()),
                    PenaltyKind::RestrictionOfLiberty => (None, "end of restriction of liberty".to_owned()),
                    PenaltyKind::SuspendedSentence => (None, "end of the suspended sentence".to_owned()),
                    PenaltyKind::CommunityService | PenaltyKind::CompulsoryLabour => {
                        (None, "end of compulsory labour".to_owned())
                    }
                    PenaltyKind::CorrectiveLabour => (None, "end of corrective labour".to_owned()),
                    PenaltyKind::Probation => (None, "end of probation".to_owned()),
                    PenaltyKind::DeprivationOfRights => (None, "end of the deprivation of rights".to_owned()),
                    PenaltyKind::Ban => {
                        let scope: Vec<&str> = penalty.scope.iter().map(|s| s.get("en")).collect();
                        (ban_end, format!("end of the ban on {}", scope.join(" and ")))
                    }
                    PenaltyKind::Fine | PenaltyKind::Confiscation | PenaltyKind::LifeImprisonment => continue,
                };
                // An end the record gives no day to count from is not a date to keep.
                let end = match (penalty.kind, penalty.counted_from.or(verdict.counted_on().day())) {
                    (PenaltyKind::Ban, _) => end,
                    (_, Some(start)) => verdict.exact_end(penalty, start, term),
                    (_, None) => None,
                };
                let Some(end) = end else { continue };
                add(end, format!("sentence-{}", i + 1), format!("{what} ({from}{credit})"));
            }
        }
    }
    dates.sort_by(|a, b| (a.date, &a.case_id, &a.key).cmp(&(b.date, &b.case_id, &b.key)));
    dates
}

/// How long before a date its calendar event reminds: a deadline in time to file, the end of
/// a sentence in time to prepare.
fn reminder(key: &str) -> chrono::Duration {
    match key {
        "appeal" => chrono::Duration::days(3),
        _ => chrono::Duration::days(7),
    }
}

/// The dates as a calendar (RFC 5545): one all-day event each, named after the person, with
/// the case and the court in its description and a reminder before it. The `icalendar` crate
/// escapes and folds the lines; the stamp is the given day, not the clock, so that the same
/// cases and day make the same file.
pub fn to_ics(dates: &[KeyDate], stamp: NaiveDate) -> String {
    use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};
    let stamp = stamp.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_default();
    let mut calendar = Calendar::empty();
    calendar.append_property(("VERSION", "2.0")).append_property(("PRODID", "-//amicus//deadlines//EN"));
    for date in dates {
        let title = format!("{}: {}", date.person, date.what);
        let description = format!(
            "Case file {}. Court that delivered the verdict: {}.",
            date.case_id,
            date.court.as_deref().unwrap_or("not known")
        );
        // An all-day event ends the next day: RFC 5545 counts DTEND out.
        let next = date.date.succ_opt().unwrap_or(date.date);
        let uid = format!("{}-{}@amicus", date.case_id, date.key);
        // The crate gives a reminder the clock's time and a random UID unless told otherwise.
        let alarm = Alarm::display(&title, Trigger::before_start(reminder(&date.key)))
            .timestamp(stamp)
            .uid(&format!("reminder-{uid}"))
            .done();
        calendar.push(
            Event::with_uid(&uid)
                .timestamp(stamp)
                .starts(date.date)
                .ends(next)
                .summary(&title)
                .description(&description)
                .alarm(alarm)
                .done(),
        );
    }
    calendar.done().to_string()
}
