//! A proceeding's defendants and where each of them stands: the one place where the current
//! verdict, whether it is in force, when the sentence ends and the person's status are derived.
//!
//! Contract: [`Case::defendants`] gives both shapes of case file (one person at the top level,
//! or a `defendants` list) as one list. [`Case::for_defendant`] gives the case as one
//! defendant's documents see it: the one-person shape, the defendant's own fields in place of
//! the proceeding's, and each stage reduced to what it decided for that defendant (a stage
//! that names other defendants only is left out). [`Standing::at`] walks those stages up to a
//! date, so a document dated before an appeal never knows its outcome, and nothing here reads
//! the clock. Nothing is typed twice in a case file: a verdict's being in force is derived,
//! never written.

use serde::Serialize;

use super::model::*;
use super::values::{Credit, Date, Fact, Term, Text, When};

impl Case {
    /// The release the person is free by: none where the record has them held again after it.
    /// Ametov, freed on his acquittal in 2020, was taken into custody at his retrial in 2022 and
    /// sent to a colony; every document called him released in 2020. The release stays in the
    /// timeline, as what happened then.
    pub fn release_in_effect(&self) -> Option<&Release> {
        let release = self.release.as_ref()?;
        let Some(out) = release.date.known() else { return Some(release) };
        let held_again = self
            .detention
            .iter()
            .any(|custody| custody.from.known().is_some_and(|from| from.earliest() > out.latest()));
        (!held_again).then_some(release)
    }

    /// Whether the file lists its defendants under `defendants` (a trial of several people, or
    /// one person written in the long form).
    pub fn lists_defendants(&self) -> bool {
        !self.defendants.is_empty()
    }

    /// How many people the proceeding tried.
    pub fn defendant_count(&self) -> usize {
        self.defendants.len().max(1)
    }

    /// The defendants' ids, in file order; a one-person case's only defendant has the case's id.
    pub fn defendant_ids(&self) -> Vec<&str> {
        match self.lists_defendants() {
            true => self.defendants.iter().map(|d| d.id.as_str()).collect(),
            false => vec![self.id.as_str()],
        }
    }

    /// How messages name a defendant: the case's id, with the defendant's for a case of several
    /// (`viasna-2023/bialiatski`).
    pub fn defendant_label(&self, index: usize) -> String {
        match self.defendants.len() > 1 {
            true => format!("{}/{}", self.id, self.defendants.get(index).map_or("", |d| d.id.as_str())),
            false => self.id.clone(),
        }
    }

    /// Where a field of one defendant's view is written in the file: `person.name` of the
    /// second defendant is `defendants[1].person.name`; a field the defendant does not give
    /// itself is the proceeding's.
    pub fn file_field(&self, index: usize, field: &str) -> String {
        let Some(defendant) = self.defendants.get(index) else { return field.to_owned() };
        let head = field.split(['.', '[']).next().unwrap_or_default();
        let own = match head {
            "person" | "status" | "status_as_of" | "arrest" | "other_arrests" | "not_arrested" | "charges"
            | "measures" | "detention" | "events" | "release" | "in_absentia" => true,
            "acts" => defendant.acts.is_some(),
            "evidence" => defendant.evidence.is_some(),
            "arguments" => defendant.arguments.is_some(),
            "remedies" => defendant.remedies.is_some(),
            "appeal" => defendant.appeal.is_some(),
            "submission" => defendant.submission.is_some(),
            "implementation" => defendant.implementation.is_some(),
            "cite" => !defendant.cite.is_empty(),
            "disputes" => !defendant.disputes.is_empty(),
            "confidential" => defendant.confidential.is_some(),
            "photo" => defendant.photo.is_some(),
            "campaign" => defendant.campaign.is_some(),
            _ => false,
        };
        match own {
            true => format!("defendants[{index}].{field}"),
            false => field.to_owned(),
        }
    }

    /// The case as the documents about one defendant see it (see the module's contract).
    pub fn for_defendant(&self, index: usize) -> Case {
        // Not `clone()`: a trial of eleven would copy every defendant into each view, and
        // `check` makes a view per defendant of every case before any document is built.
        let mut view = Case {
            id: self.id.clone(),
            jurisdiction: self.jurisdiction.clone(),
            place: self.place.clone(),
            name: self.name.clone(),
            trial: self.trial.clone(),
            stages: Vec::new(),
            defendants: Vec::new(),
            person: self.person.clone(),
            status: self.status,
            status_as_of: self.status_as_of,
            arrest: self.arrest.clone(),
            other_arrests: self.other_arrests.clone(),
            not_arrested: self.not_arrested,
            charges: self.charges.clone(),
            verdict: None,
            measures: self.measures.clone(),
            detention: self.detention.clone(),
            events: self.events.clone(),
            release: self.release.clone(),
            in_absentia: self.in_absentia,
            acts: self.acts.clone(),
            evidence: self.evidence.clone(),
            summary: self.summary.clone(),
            statements: self.statements.clone(),
            sources: self.sources.clone(),
            arguments: self.arguments.clone(),
            remedies: self.remedies.clone(),
            appeal: self.appeal.clone(),
            submission: self.submission.clone(),
            implementation: self.implementation.clone(),
            cite: self.cite.clone(),
            disputes: self.disputes.clone(),
            confidential: self.confidential.clone(),
            photo: self.photo.clone(),
            sender: self.sender.clone(),
            document_date: self.document_date,
            campaign: self.campaign.clone(),
            languages: self.languages.clone(),
        };
        if let Some(defendant) = self.defendants.get(index).cloned() {
            view.person = Some(defendant.person);
            view.status = defendant.status;
            view.status_as_of = defendant.status_as_of;
            view.arrest = defendant.arrest;
            view.other_arrests = defendant.other_arrests;
            view.not_arrested = defendant.not_arrested;
            view.charges = defendant.charges;
            view.measures = defendant.measures;
            view.detention = defendant.detention;
            view.events = defendant.events;
            view.release = defendant.release;
            view.in_absentia = defendant.in_absentia;
            // One prosecuted for something of their own (a `summary`) is not given the trial's
            // acts, evidence and arguments: a man the outlet said it had no ties to was argued
            // to be prosecuted for its reporting.
            if defendant.summary.is_some() {
                (view.acts, view.evidence, view.arguments) = (Vec::new(), Vec::new(), Vec::new());
            }
            view.acts = defendant.acts.unwrap_or(view.acts);
            view.summary = defendant.summary.or(view.summary);
            view.evidence = defendant.evidence.unwrap_or(view.evidence);
            view.arguments = defendant.arguments.unwrap_or(view.arguments);
            view.remedies = defendant.remedies.or(view.remedies);
            view.appeal = defendant.appeal.or(view.appeal);
            view.submission = defendant.submission.or(view.submission);
            view.implementation = defendant.implementation.or(view.implementation);
            // The person's own notes on a fact before the proceeding's.
            view.cite.extend(defendant.cite);
            view.disputes.retain(|d| defendant.disputes.iter().all(|own| own.field != d.field));
            view.disputes.extend(defendant.disputes);
            view.confidential = defendant.confidential.or(view.confidential);
            view.photo = defendant.photo.or(view.photo);
            view.campaign = defendant.campaign.or(view.campaign);
            for id in defendant.statements {
                if !view.statements.contains(&id) {
                    view.statements.push(id);
                }
            }
            for id in defendant.sources {
                if !view.sources.contains(&id) {
                    view.sources.push(id);
                }
            }
        }
        let id = self.defendant_ids().get(index).map(|id| id.to_string()).unwrap_or_default();
        view.stages = self.stages_of(&id);
        view
    }

    /// Every stage as it concerns one defendant, in date order: the short `verdict` first, then
    /// `stages` with each one's outcome, sentence and charges for that defendant.
    fn stages_of(&self, defendant: &str) -> Vec<Stage> {
        let mut stages: Vec<Stage> = self.verdict.iter().map(Verdict::as_stage).collect();
        for stage in &self.stages {
            let result = stage.results.iter().find(|r| r.defendant == defendant);
            // A stage listing results for others only, with no outcome for the rest, is theirs.
            if result.is_none() && stage.outcome.is_none() && !stage.results.is_empty() {
                continue;
            }
            let mut own = stage.clone();
            own.results = Vec::new();
            if let Some(result) = result {
                own.outcome = Some(result.outcome);
                own.sentence = result.sentence.clone();
                own.charges = result.charges.clone().or(own.charges);
                own.requested = result.requested.clone();
                own.appealed_by = result.appealed_by.or(own.appealed_by);
                own.note = result.note.clone().or(own.note);
            }
            stages.push(own);
        }
        stages.sort_by_key(|s| s.date);
        stages
    }

    /// The date of the first verdict of the proceeding: where digests place it.
    pub fn first_verdict_date(&self) -> Option<Date> {
        let short = self.verdict.as_ref().map(|v| v.date);
        let stages = self.stages.iter().filter(|s| s.stage.is_trial()).map(|s| s.date.earliest());
        short.into_iter().chain(stages).min()
    }
}

impl Verdict {
    /// The short `verdict:` of a one-person case, as the first-instance stage it stands for.
    pub fn as_stage(&self) -> Stage {
        Stage {
            stage: StageKind::FirstInstance,
            court: self.court.clone(),
            date: self.date.into(),
            case_number: self.case_number.clone(),
            judges: Vec::new(),
            appealed_by: None,
            named: None,
            in_new_case: false,
            outcome: Some(Outcome::Convicted),
            sentence: self.sentence.clone(),
            charges: None,
            requested: Vec::new(),
            results: Vec::new(),
            assessment: self.assessment.clone(),
            note: None,
            sources: Vec::new(),
        }
    }
}

/// The verdict a defendant's case rests on at a date, and what became of it since.
#[derive(Debug, Clone, Serialize)]
pub struct Current {
    /// Convicted or acquitted.
    pub outcome: Outcome,
    /// The stage that gave the verdict (a first-instance court, a retrial, an appeal court that
    /// convicted after an acquittal).
    pub stage: StageKind,
    /// The day it was given, or its month or year (see [`Stage::date`]).
    pub date: When,
    pub court: Fact<Text>,
    /// The court's number for the case at the stage that gave the verdict.
    pub case_number: Option<Fact<String>>,
    pub assessment: Option<Text>,
    /// The sentence as it stands, changes by higher courts included.
    pub sentence: Vec<Penalty>,
    /// The sentence the verdict gave, before any higher court changed it: documents give it
    /// beside the changed one ("18 years, changed on cassation to 15"), or a reader takes the
    /// verdict's day for the day of the sentence that stands.
    pub given_sentence: Vec<Penalty>,
    pub charges: Vec<Charge>,
    /// The charges of new cases whose sentences were combined with this verdict's
    /// (`new_case` stages), in order.
    pub added_charges: Vec<Charge>,
    /// Whether the verdict is final: a higher court decided on it, the time to appeal ran
    /// out, or a review only a final verdict is open to (cassation, supervisory review) took
    /// place.
    pub in_force: bool,
    /// The day it entered into force, where the record gives it: a higher court's decision,
    /// or the day after the appeal deadline passed with no appeal on file.
    pub in_force_since: Option<When>,
    /// The last day to appeal, for a trial verdict when the jurisdiction gives the deadline.
    pub appeal_deadline: Option<Date>,
    /// The stage whose decision made the verdict final; `None` while it is not, or when it
    /// became final because the time to appeal ran out.
    pub made_final_by: Option<StageKind>,
    /// A higher court changed the sentence: the last stage that did.
    pub changed_by: Option<StageKind>,
    /// A higher court changed the verdict but kept the sentence (charges requalified, under a
    /// new code say): the last stage that did. Documents must not call such a verdict upheld.
    pub requalified_by: Option<StageKind>,
    /// The day (or month) of the last stage that changed the verdict, its sentence or its
    /// charges: what documents date `changed_by` and `requalified_by` by. Not `last_decision`,
    /// which a later court upholding the change moves on ("on appeal, in September 2023" of a
    /// change made on appeal in March).
    pub changed_on: Option<When>,
    /// The date of the last stage that decided on the verdict (gave it, upheld it, changed it,
    /// pardoned): the date the verdict is "as of".
    pub last_decision: When,
    /// Released from punishment by pardon or amnesty.
    pub pardoned: Option<When>,
    /// It was an amnesty, not a pardon: documents say which.
    pub amnesty: bool,
    /// The higher courts that let the verdict stand since it was given or last changed, in
    /// order: upheld on appeal, a cassation complaint refused. Letters and briefs say so: a
    /// verdict upheld is final, and "sentenced" alone reads as if it could still be appealed.
    pub reviews: Vec<Review>,
    /// The higher courts' decisions on the last conviction in a new case (stages
    /// `in_new_case`), in order: upheld, refused, or changed (its `sentence` the one for both
    /// cases since).
    pub new_case_reviews: Vec<Review>,
    /// The verdict as it stood before the last conviction in a new case: what a higher court
    /// quashing that conviction restores, and what documents say the new sentence replaced
    /// (Gorinov's 6 years 11 months as the appeal left them, not the 7 years his verdict gave,
    /// and "changed on appeal", not "upheld").
    pub before_new_case: Option<Box<Current>>,
}

/// A higher court's decision that left the verdict as it was (or, on a conviction in a new
/// case, changed its sentence).
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub stage: StageKind,
    pub date: When,
    /// The court that decided, which a refusal names: "refused" alone does not say by whom,
    /// and a cassation court is not the appeal court.
    pub court: Fact<Text>,
    /// `upheld` or `refused`; `changed` only among [`Current::new_case_reviews`].
    pub outcome: Outcome,
}

impl Current {
    pub fn convicted(&self) -> bool {
        self.outcome == Outcome::Convicted
    }

    /// The last day to appeal a conviction at trial no higher court has decided on, open or
    /// passed (`check` and `deadlines` list it either way).
    pub fn trial_deadline(&self, days: u32) -> Option<Date> {
        let undecided = self.convicted() && self.stage.is_trial() && self.made_final_by.is_none();
        let day = self.date.day().filter(|_| undecided)?;
        Some(crate::facts::appeal_deadline(day, days))
    }

    /// A higher court decided on the last conviction in a new case (a stage `in_new_case`):
    /// upheld or refused, it is noted; changed, its sentence (and charges, where the court
    /// requalified them) replace the new case's; quashed, annulled or acquitted, the verdict
    /// is as it was before the new case.
    fn decided_in_new_case(&mut self, stage: &Stage, outcome: Outcome) {
        let Some(before) = self.before_new_case.clone() else { return };
        let review = Review { stage: stage.stage, date: stage.date, court: stage.court.clone(), outcome };
        match outcome {
            Outcome::Upheld | Outcome::Refused => {
                self.new_case_reviews.push(review);
                if outcome == Outcome::Upheld {
                    self.last_decision = stage.date;
                }
            }
            Outcome::Changed | Outcome::Convicted => {
                if !stage.sentence.is_empty() {
                    self.sentence = stage.sentence.clone();
                }
                if let Some(charges) = &stage.charges {
                    let charges = charges.known().into_iter().flatten();
                    self.added_charges = before.added_charges.iter().chain(charges).cloned().collect();
                }
                self.new_case_reviews.push(Review { outcome: Outcome::Changed, ..review });
                self.last_decision = stage.date;
            }
            Outcome::Quashed | Outcome::SentForRetrial | Outcome::Acquitted => *self = *before,
            Outcome::Pardoned => {}
        }
    }

    /// A higher court has decided on the verdict: an appeal makes it final that day; a review
    /// only a final verdict is open to shows it was final already, since a day the record
    /// may not give.
    fn finalised_by(&mut self, stage: &Stage) {
        self.appeal_deadline = None;
        if self.in_force {
            return;
        }
        self.in_force = true;
        self.made_final_by = Some(stage.stage);
        if stage.stage == StageKind::Appeal {
            self.in_force_since = Some(stage.date);
        }
    }

    /// The end of the longest term of deprivation or restriction of liberty, counted from the
    /// day the verdict gives (else the verdict's date, see [`Self::counted_on`]) less the
    /// custody credited.
    pub fn term_end(&self) -> Option<Date> {
        self.sentence
            .iter()
            .filter(|p| !matches!(p.kind, PenaltyKind::Ban | PenaltyKind::Fine | PenaltyKind::Confiscation))
            .filter(|p| !p.after_release)
            .filter_map(|p| self.exact_end(p, p.counted_from.or(self.counted_on().day())?, p.running_term()?))
            .max()
    }

    /// Whether a penalty that restricts the person still runs on `at`: one whose term the
    /// record does not give is taken to run. A letter of 2026 asked to lift a ban of 2021
    /// that had run out.
    pub fn restricts_at(&self, at: Date) -> bool {
        self.restricting_at(at).next().is_some()
    }

    /// The penalties that restrict the person and still run on `at`, as [`Self::restricts_at`]
    /// counts them: what a document asks to lift, named as they are (a ban, probation).
    pub fn restricting_at(&self, at: Date) -> impl Iterator<Item = &Penalty> {
        self.sentence
            .iter()
            .filter(|p| p.kind.restricts())
            .filter(move |p| self.runs_until(p).is_none_or(|end| end > at))
    }

    /// The day a penalty's term ends, counted from the day the verdict gives, else from release
    /// where the verdict says so, else from the verdict (see [`Self::end`]); `None` for a penalty
    /// with no term, which runs for as long as the record shows.
    pub fn runs_until(&self, penalty: &Penalty) -> Option<Date> {
        let start = match (penalty.counted_from, penalty.after_release) {
            (Some(day), _) => day,
            (None, true) => self.term_end().unwrap_or(self.start()),
            (None, false) => self.start(),
        };
        Some(self.end(penalty, start, penalty.running_term()?))
    }

    /// Whether any penalty that holds or restricts the person still runs on `at` (a term the
    /// record does not give, life imprisonment among them, is taken to run): when none does,
    /// the sentence has been served and its deprivation of liberty is in the past.
    pub fn runs_at(&self, at: Date) -> bool {
        let held = self
            .sentence
            .iter()
            .filter(|p| p.kind.deprives_of_liberty() && !p.after_release)
            .any(|p| self.runs_until(p).is_none_or(|end| end > at));
        held || self.restricts_at(at)
    }

    /// The end of each ban, counted from release where the verdict says so.
    pub fn ban_ends(&self) -> Vec<Option<Date>> {
        let release = if self.sentence.iter().any(|p| p.after_release) { self.term_end() } else { None };
        self.sentence
            .iter()
            .filter(|p| p.kind == PenaltyKind::Ban)
            .map(|p| {
                let start = match (p.counted_from, p.after_release) {
                    (Some(day), _) => day,
                    (None, true) => release?,
                    (None, false) => self.counted_on().day()?,
                };
                self.exact_end(p, start, p.term?)
            })
            .collect()
    }

    /// The day a penalty's term started on `start` ends, less the custody it counts up to the
    /// day the verdict entered into force (its own date while it has not). A day the record
    /// gives only to the month or year counts as its last day: the term runs no shorter than
    /// it may.
    pub fn end(&self, penalty: &Penalty, start: Date, term: Term) -> Date {
        end_of(start, term, penalty.credit.as_ref(), self.in_force_since.unwrap_or(self.date).latest())
    }

    /// [`Self::end`], where the record gives every day it is counted from: documents print it.
    pub fn exact_end(&self, penalty: &Penalty, start: Date, term: Term) -> Option<Date> {
        let open_credit = matches!(&penalty.credit, Some(Credit::Periods(p)) if p.iter().any(|p| p.to.is_none()));
        let until_known = self.in_force_since.unwrap_or(self.date).day().is_some();
        (!open_credit || until_known).then(|| self.end(penalty, start, term))
    }

    /// The day terms are counted from where the verdict gives none: its own day, else the last
    /// day it may have been given.
    fn start(&self) -> Date {
        let on = self.counted_on();
        on.day().unwrap_or_else(|| on.latest())
    }

    /// The date a sentence without its own `counted_from` runs from: the verdict's; for the
    /// sentence a new case fixed for both cases, the new verdict's, as the codes of the region
    /// count a sentence combined with an earlier one's unserved part (Gorinov's five years for
    /// both cases, fixed on 29 November 2024, run to November 2029, not from his first verdict
    /// of 2022).
    pub fn counted_on(&self) -> When {
        match (self.changed_by, self.changed_on) {
            (Some(StageKind::NewCase), Some(on)) => on,
            _ => self.date,
        }
    }
}

/// The day a term started on a day ends: the same date `term` later, less any credit, whose
/// open periods run `until`.
pub fn end_of(start: Date, term: Term, credit: Option<&Credit>, until: Date) -> Date {
    let add = |date: chrono::NaiveDate, t: Term| {
        date.checked_add_months(chrono::Months::new(t.years * 12 + t.months))
            .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(t.days))))
            .unwrap_or(chrono::NaiveDate::MAX)
    };
    let sub = |date: chrono::NaiveDate, t: Term| {
        date.checked_sub_months(chrono::Months::new(t.years * 12 + t.months))
            .and_then(|d| d.checked_sub_days(chrono::Days::new(u64::from(t.days))))
            .unwrap_or(chrono::NaiveDate::MIN)
    };
    let end = add(start.0, term);
    Date(match credit {
        None => end,
        Some(Credit::Length(length)) => sub(end, *length),
        Some(Credit::Periods(periods)) => {
            let days = periods.iter().map(|p| p.days(until)).sum();
            end.checked_sub_days(chrono::Days::new(days)).unwrap_or(chrono::NaiveDate::MIN)
        }
    })
}

/// Where one defendant stands at a date.
#[derive(Debug, Clone, Default)]
pub struct Standing {
    /// The verdict in effect; `None` before the first verdict, after an annulment (until the
    /// retrial) and after a verdict was quashed.
    pub verdict: Option<Current>,
    /// The last verdict was set aside and the case sent back for a new trial, not yet held.
    pub awaiting_retrial: bool,
    /// The last verdict was set aside and the case closed.
    pub quashed: Option<When>,
    /// The verdict the last annulment or quashing set aside, with the day it was set aside:
    /// documents say what was annulled ("the verdict of 10 October 2024, 6 years of
    /// imprisonment, annulled on 10 March 2026"), not only that something was. Cleared by
    /// the next verdict.
    pub set_aside: Option<(Current, When)>,
    /// A stage on file with no outcome yet (an appeal heard but not decided).
    pub pending: Option<StageKind>,
}

impl Standing {
    /// The sentence in effect on `at` has been served: a conviction nothing of which holds or
    /// restricts the person any more, and which began (sentenced in absentia and never held, a
    /// person has served nothing).
    pub fn served(&self, view: &Case, at: Date) -> bool {
        !view.term_not_begun() && self.verdict.as_ref().is_some_and(|v| v.convicted() && !v.runs_at(at))
    }

    /// Walks one defendant's stages (from [`Case::for_defendant`]) up to and including `at`.
    /// `deadline_days` is the jurisdiction's time to appeal a trial verdict.
    pub fn at(view: &Case, deadline_days: Option<u32>, at: Date) -> Standing {
        let mut standing = Standing::default();
        let mut charges = view.charged().to_vec();
        for stage in view.stages.iter().filter(|s| s.date.earliest() <= at) {
            let Some(outcome) = stage.outcome else {
                // A new case not yet decided, or its appeal, leaves this verdict where it stands:
                // the person is not "on trial" again in this case, nor is its appeal pending.
                if stage.stage != StageKind::NewCase && !stage.in_new_case {
                    standing.pending = Some(stage.stage);
                }
                continue;
            };
            standing.pending = None;
            // A conviction in a new case: the verdict stands, final as it was, its charges its
            // own (documents do not say it convicted of the new ones), and the sentence the court
            // fixed for both in place of its own.
            if stage.stage == StageKind::NewCase {
                if let (Outcome::Convicted, Some(current)) = (outcome, &mut standing.verdict) {
                    let before = current.clone();
                    current.before_new_case = Some(Box::new(before));
                    current.new_case_reviews.clear();
                    current.added_charges.extend(stage.charges.iter().filter_map(Fact::known).flatten().cloned());
                    if !stage.sentence.is_empty() {
                        current.sentence = stage.sentence.clone();
                        current.changed_by = Some(StageKind::NewCase);
                        current.changed_on = Some(stage.date);
                    }
                    // The reviews stay: they made this verdict final, which the new case did
                    // not undo.
                    current.last_decision = stage.date;
                }
                continue;
            }
            // A higher court's decision on the new conviction: the first verdict stays as it is.
            if stage.in_new_case {
                if let Some(current) = &mut standing.verdict {
                    current.decided_in_new_case(stage, outcome);
                }
                continue;
            }
            // Articles the sources do not give for the verdict: none to say it was given under.
            if let Some(changed) = &stage.charges {
                charges = changed.known().cloned().unwrap_or_default();
            }
            let verdict = |outcome: Outcome, in_force: Option<When>| Current {
                outcome,
                stage: stage.stage,
                date: stage.date,
                court: stage.court.clone(),
                case_number: stage.case_number.clone(),
                assessment: stage.assessment.clone(),
                sentence: stage.sentence.clone(),
                given_sentence: stage.sentence.clone(),
                charges: charges.clone(),
                added_charges: Vec::new(),
                in_force: in_force.is_some(),
                in_force_since: in_force,
                appeal_deadline: match in_force {
                    None => {
                        stage.date.day().zip(deadline_days).map(|(day, days)| crate::facts::appeal_deadline(day, days))
                    }
                    Some(_) => None,
                },
                made_final_by: in_force.map(|_| stage.stage),
                changed_by: None,
                requalified_by: None,
                changed_on: None,
                last_decision: stage.date,
                pardoned: None,
                amnesty: false,
                reviews: Vec::new(),
                new_case_reviews: Vec::new(),
                before_new_case: None,
            };
            match (outcome, stage.stage.is_trial()) {
                (Outcome::Convicted | Outcome::Acquitted, true) => {
                    standing.verdict = Some(verdict(outcome, None));
                    standing.awaiting_retrial = false;
                    standing.quashed = None;
                    standing.set_aside = None;
                }
                // A higher court that gives a verdict of its own: it is final at once.
                (Outcome::Convicted | Outcome::Acquitted, false) => {
                    standing.verdict = Some(verdict(outcome, Some(stage.date)));
                    standing.awaiting_retrial = false;
                    standing.set_aside = None;
                }
                (Outcome::Upheld | Outcome::Refused | Outcome::Changed, _) => {
                    if let Some(current) = &mut standing.verdict {
                        current.finalised_by(stage);
                        if outcome == Outcome::Changed {
                            current.reviews.clear();
                            current.changed_on = Some(stage.date);
                            // Charges requalified with the sentence kept change no sentence.
                            if stage.sentence.is_empty() {
                                current.requalified_by = Some(stage.stage);
                            } else {
                                current.sentence = stage.sentence.clone();
                                current.changed_by = Some(stage.stage);
                            }
                            current.charges = charges.clone();
                        }
                        if outcome != Outcome::Refused {
                            current.last_decision = stage.date;
                        }
                        if outcome != Outcome::Changed {
                            current.reviews.push(Review {
                                stage: stage.stage,
                                date: stage.date,
                                court: stage.court.clone(),
                                outcome,
                            });
                        }
                    }
                }
                (Outcome::Quashed, _) => {
                    standing.set_aside = standing.verdict.take().map(|v| (v, stage.date));
                    standing.quashed = Some(stage.date);
                }
                (Outcome::SentForRetrial, _) => {
                    standing.set_aside = standing.verdict.take().map(|v| (v, stage.date));
                    standing.awaiting_retrial = true;
                }
                (Outcome::Pardoned, _) => {
                    if let Some(current) = &mut standing.verdict {
                        current.pardoned = Some(stage.date);
                        current.amnesty = stage.stage == StageKind::Amnesty;
                        current.last_decision = stage.date;
                    }
                }
            }
        }
        // A trial verdict nobody appealed enters into force when the time to appeal runs out;
        // for one known to the month or year only, once it has surely run out, since a day the
        // record does not give.
        if standing.pending.is_none() {
            if let Some(current) = &mut standing.verdict {
                if let (false, Some(deadline)) = (current.in_force, current.appeal_deadline) {
                    if at > deadline {
                        current.in_force = true;
                        current.in_force_since = deadline.0.succ_opt().map(|day| Date(day).into());
                        current.appeal_deadline = None;
                    }
                }
                let undated = current.date.day().is_none() && current.stage.is_trial();
                if let (false, true, Some(days)) = (current.in_force, undated, deadline_days) {
                    if at > crate::facts::appeal_deadline(current.date.latest(), days) {
                        current.in_force = true;
                    }
                }
            }
        }
        standing
    }

    /// A conviction the defence can still appeal at the date the standing was judged on: one
    /// whose day the record gives, from which the time to appeal runs.
    pub fn appealable(&self) -> bool {
        self.pending.is_none()
            && self
                .verdict
                .as_ref()
                .is_some_and(|v| v.convicted() && !v.in_force && v.stage.is_trial() && v.date.day().is_some())
    }

    /// The charges as the verdict in effect has them, else as `view` brings them.
    pub fn charges<'a>(&'a self, view: &'a Case) -> &'a [Charge] {
        self.verdict.as_ref().map_or(view.charged(), |v| &v.charges)
    }

    /// Where the person stands on `at`: as the file gives it, else derived from the record.
    /// The date is the file's "as of", or for a status derived the day (or month) it came about
    /// where that is an end (died, released, acquitted); a derived status that still holds has
    /// none: it holds as of the document's date, and the day it began ("held since") is not an
    /// "as of".
    pub fn status(&self, view: &Case, at: Date) -> (Status, Option<When>) {
        if let Some(given) = view.status {
            return (given, view.status_as_of.map(When::from));
        }
        if let Some(death) = view.events.iter().find(|e| e.kind == EventKind::Death) {
            return (Status::Died, death.date.known().copied());
        }
        // What the verdict in effect leaves the person: acquitted, free with a sentence that
        // holds no one (a fine, probation), or a restriction of liberty still running on `at`.
        // One that has run out leaves the person convicted: a sheet of 2026 called a man
        // "under restriction of liberty" for a year's term given in 2021.
        let sentenced = |v: &Current| match v.restricting_at(at).any(|p| p.kind == PenaltyKind::RestrictionOfLiberty) {
            true => (Status::Restricted, None),
            false => (Status::Convicted, None),
        };
        match &self.verdict {
            Some(v) if v.outcome == Outcome::Acquitted => return (Status::Acquitted, Some(v.last_decision)),
            None if self.quashed.is_some() => return (Status::Acquitted, self.quashed),
            _ => {}
        }
        if let Some(release) = view.release_in_effect() {
            return match &self.verdict {
                Some(v) if !v.sentence.iter().any(|p| p.kind.deprives_of_liberty()) => sentenced(v),
                _ => (Status::Released, release.date.known().copied()),
            };
        }
        if let Some(held) = view.detention.last().filter(|c| c.to.is_none()) {
            let status = match held.kind {
                CustodyKind::HouseArrest => Status::HouseArrest,
                _ => Status::Detained,
            };
            return (status, None);
        }
        match &self.verdict {
            Some(v) => sentenced(v),
            None => (Status::OnTrial, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(yaml: &str) -> Case {
        let file =
            crate::case::SourceFile { path: "test.yaml".into(), text: yaml.into(), format: crate::case::Format::Yaml };
        crate::case::parse::parse(&file).unwrap_or_else(|d| panic!("{}", d.message))
    }

    const HEAD: &str = "id: t\njurisdiction: kz\nplace: Aktau\n";

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_trial_verdict_is_open_until_the_deadline_then_in_force() {
        let case = case(&format!(
            "{HEAD}person: {{name: {{family: Test}}, role: x}}\ncharges: []\n\
             verdict: {{date: 2021-12-20, court: unknown, sentence: [{{kind: imprisonment, term: 2y}}]}}\n"
        ));
        let view = case.for_defendant(0);
        let open = Standing::at(&view, Some(15), date("2022-01-04"));
        assert!(open.appealable());
        assert_eq!(open.verdict.as_ref().unwrap().appeal_deadline, Some(date("2022-01-04")));
        let late = Standing::at(&view, Some(15), date("2022-01-05"));
        assert!(!late.appealable());
        assert_eq!(late.verdict.unwrap().in_force_since, Some(date("2022-01-05").into()));
    }

    /// A stage known to the month only: nothing is counted from a day the record does not
    /// give (no deadline, no day in force, no printed end of the term), and the verdict is in
    /// force once the time to appeal has surely run out.
    #[test]
    fn a_verdict_known_to_the_month_counts_nothing_from_a_day() {
        let case = case(&format!(
            "{HEAD}person: {{name: {{family: Test}}, role: x}}\ncharges: []\n\
             stages:\n\
             - {{stage: first_instance, court: unknown, date: 2021-12, outcome: convicted, \
             sentence: [{{kind: imprisonment, term: 2y}}, {{kind: ban, term: 1y, after_release: true}}]}}\n"
        ));
        let view = case.for_defendant(0);
        let open = Standing::at(&view, Some(15), date("2022-01-10"));
        let verdict = open.verdict.as_ref().unwrap();
        assert!(!open.appealable() && verdict.appeal_deadline.is_none() && !verdict.in_force);
        assert_eq!(verdict.term_end(), None);
        assert_eq!(verdict.ban_ends(), vec![None]);
        // Still held on the last day the term may run to; counted from the month's last day.
        assert!(verdict.runs_at(date("2023-12-30")));
        let late = Standing::at(&view, Some(15), date("2022-01-16"));
        let verdict = late.verdict.as_ref().unwrap();
        assert!(verdict.in_force && verdict.in_force_since.is_none());
    }

    #[test]
    fn restrictions_and_bans_run_until_their_terms_end() {
        let restricted = case(&format!(
            "{HEAD}person: {{name: {{family: Test}}, role: x}}\ncharges: []\n\
             verdict: {{date: 2021-12-21, court: unknown, sentence: [{{kind: restriction_of_liberty, term: 1y}}, \
             {{kind: ban, term: 2y6m, after_release: true, scope: [x]}}]}}\n"
        ));
        let verdict = Standing::at(&restricted.for_defendant(0), None, date("2022-01-01")).verdict.unwrap();
        // The ban runs from the end of the restriction: 21 December 2022 to 21 June 2025.
        assert!(verdict.restricts_at(date("2025-06-20")));
        assert!(!verdict.restricts_at(date("2025-06-21")));
        assert!(verdict.runs_at(date("2022-06-01")), "restricted, not held: the sentence runs");
        assert!(!verdict.runs_at(date("2025-06-21")), "served");
        let fine = case(&format!(
            "{HEAD}person: {{name: {{family: Test}}, role: x}}\ncharges: []\n\
             verdict: {{date: 2021-12-21, court: unknown, sentence: [{{kind: fine, amount: 500, currency: KZT}}]}}\n"
        ));
        let fine = Standing::at(&fine.for_defendant(0), None, date("2022-01-01")).verdict.unwrap();
        assert!(!fine.restricts_at(date("2022-01-01")));
    }

    #[test]
    fn a_verdict_changed_with_its_sentence_kept_is_requalified_not_upheld() {
        let case = case(&format!(
            "{HEAD}person: {{name: {{family: Test}}, role: x}}\ncharges: []\nstages:\n\
             - {{stage: first_instance, court: unknown, date: 2017-01-24, outcome: convicted, sentence: [{{kind: life_imprisonment}}]}}\n\
             - {{stage: cassation, court: unknown, date: 2019-12-02, outcome: changed, appealed_by: defence}}\n"
        ));
        let standing = Standing::at(&case.for_defendant(0), None, date("2026-01-01"));
        let verdict = standing.verdict.unwrap();
        assert_eq!(verdict.requalified_by, Some(StageKind::Cassation));
        assert_eq!(verdict.changed_by, None, "the sentence did not change");
        assert_eq!(verdict.last_decision, date("2019-12-02").into());
        assert_eq!(verdict.sentence[0].kind, PenaltyKind::LifeImprisonment);
    }

    #[test]
    fn an_annulled_verdict_stands_no_more_and_the_retrial_gives_the_new_one() {
        let case = case(&format!(
            "{HEAD}person: {{name: {{family: Test}}, role: x}}\ncharges: []\nstages:\n\
             - {{stage: first_instance, court: unknown, date: 2010-09-15, outcome: convicted, sentence: [{{kind: life_imprisonment}}]}}\n\
             - {{stage: appeal, court: unknown, date: 2010-11-10, outcome: upheld, appealed_by: defence}}\n\
             - {{stage: supervisory_review, court: unknown, date: 2016-07-12, outcome: sent_for_retrial}}\n\
             - {{stage: retrial, court: unknown, date: 2017-01-24, outcome: convicted, sentence: [{{kind: imprisonment, term: 15y}}]}}\n"
        ));
        let view = case.for_defendant(0);
        let upheld = Standing::at(&view, Some(10), date("2011-01-01"));
        assert_eq!(upheld.verdict.as_ref().unwrap().in_force_since, Some(date("2010-11-10").into()));
        let annulled = Standing::at(&view, Some(10), date("2016-08-01"));
        assert!(annulled.verdict.is_none() && annulled.awaiting_retrial);
        assert_eq!(annulled.status(&view, date("2026-01-01")).0, Status::OnTrial);
        let retried = Standing::at(&view, Some(10), date("2017-01-25"));
        let verdict = retried.verdict.unwrap();
        assert_eq!(verdict.stage, StageKind::Retrial);
        assert_eq!(verdict.sentence[0].term.unwrap().years, 15);
        assert!(verdict.in_force_since.is_none());
    }

    #[test]
    fn each_defendant_gets_their_own_result_and_the_others_the_common_outcome() {
        let case = case(&format!(
            "{HEAD}defendants:\n\
             - {{id: a, person: {{name: {{family: A}}, role: x}}}}\n\
             - {{id: b, person: {{name: {{family: B}}, role: x}}}}\n\
             stages:\n\
             - stage: first_instance\n  court: unknown\n  date: 2024-10-10\n  results:\n\
             \x20   - {{defendant: a, outcome: convicted, sentence: [{{kind: imprisonment, term: 6y}}]}}\n\
             \x20   - {{defendant: b, outcome: acquitted}}\n\
             - {{stage: appeal, court: unknown, date: 2025-02-01, appealed_by: prosecution, results: [{{defendant: b, outcome: convicted, sentence: [{{kind: fine, amount: 100, currency: KGS}}]}}]}}\n"
        ));
        assert_eq!(case.defendant_ids(), vec!["a", "b"]);
        assert_eq!(case.file_field(1, "person.name"), "defendants[1].person.name");
        assert_eq!(case.file_field(1, "stages"), "stages");
        let a = case.for_defendant(0);
        assert_eq!(a.stages.len(), 1, "the prosecution's appeal against b is not a's stage");
        let b = case.for_defendant(1);
        let before = Standing::at(&b, None, date("2024-12-01"));
        assert_eq!(before.status(&b, date("2026-01-01")).0, Status::Acquitted);
        let after = Standing::at(&b, None, date("2025-03-01")).verdict.unwrap();
        assert!(after.convicted() && after.in_force_since == Some(date("2025-02-01").into()));
        assert_eq!(after.sentence[0].kind, PenaltyKind::Fine);
    }

    #[test]
    fn terms_end_less_the_credit_and_bans_after_release() {
        let case = case(&format!(
            "{HEAD}person: {{name: {{family: Test}}, role: x}}\ncharges: []\n\
             verdict: {{date: 2023-03-03, court: unknown, sentence: [\
             {{kind: imprisonment, term: 10y, counted_from: 2021-07-14}}, \
             {{kind: ban, term: 3y, after_release: true, scope: [x]}}]}}\n"
        ));
        let view = case.for_defendant(0);
        let verdict = Standing::at(&view, None, date("2023-03-03")).verdict.unwrap();
        assert_eq!(verdict.term_end(), Some(date("2031-07-14")));
        assert_eq!(verdict.ban_ends(), vec![Some(date("2034-07-14"))]);
        let month = Credit::Length(Term::parse("1m").unwrap());
        assert_eq!(
            end_of(date("2020-01-01"), Term::parse("1y").unwrap(), Some(&month), date("2020-01-01")),
            date("2020-12-01")
        );
    }

    /// Custody counted at the code's rates: 184 days of pre-trial detention (both ends count)
    /// at a day and a half, up to the verdict not yet in force, and 92 days of house arrest at
    /// half a day, are 276 and 46 days off a 5-year term.
    #[test]
    fn custody_counts_at_its_rate_up_to_the_verdict() {
        let case = case(&format!(
            "{HEAD}person: {{name: {{family: Test}}, role: x}}\ncharges: []\n\
             verdict: {{date: 2025-03-03, court: unknown, sentence: [\
             {{kind: imprisonment, term: 5y, credit: [{{from: 2024-09-01, rate: 1.5}}, {{from: 2024-06-01, to: 2024-08-31, rate: 0.5}}]}}]}}\n"
        ));
        let view = case.for_defendant(0);
        let verdict = Standing::at(&view, None, date("2025-03-03")).verdict.unwrap();
        assert_eq!(verdict.term_end(), Some(date("2029-04-15")));
    }

    #[test]
    fn a_change_is_dated_by_the_stage_that_made_it_not_by_a_later_one_upholding_it() {
        let case = case(&format!(
            "{HEAD}person: {{name: {{family: Test}}, role: x}}\ncharges: []\nstages:\n\
             - {{stage: first_instance, court: unknown, date: 2022-12-14, outcome: convicted, sentence: [{{kind: imprisonment, term: 18y}}]}}\n\
             - {{stage: appeal, court: unknown, date: 2023-03-21, outcome: changed, sentence: [{{kind: imprisonment, term: 15y}}]}}\n\
             - {{stage: cassation, court: unknown, date: 2023-09, outcome: upheld}}\n"
        ));
        let view = case.for_defendant(0);
        let verdict = Standing::at(&view, Some(15), date("2024-01-01")).verdict.unwrap();
        assert_eq!(verdict.changed_by, Some(StageKind::Appeal));
        assert_eq!(verdict.changed_on, Some(date("2023-03-21").into()));
        assert_eq!(verdict.last_decision, When::parse("2023-09").unwrap());
        assert_eq!(verdict.sentence[0].term.unwrap().years, 15);
    }
}
