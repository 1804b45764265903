//! The case-file data model, exactly as users write it.
//!
//! Every struct denies unknown fields: a misspelt field is an error with a suggestion, never a
//! fact silently dropped. Values that need more than serde's defaults (texts by language,
//! explicitly unknown facts, dates, durations) have their own types in [`super::values`].

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::values::{Credit, Date, Fact, Label, Name, Term, Text, When};

/// One prosecution: the trial, its stages, and the people tried in it.
///
/// A one-person case may give that person's fields (`person`, `charges`, `verdict`, ...) at
/// the top level, as every case file did before proceedings had several defendants; a trial of
/// several people lists them under `defendants`. [`Case::defendants`] gives both shapes as one
/// list, and `check` refuses a file that mixes them.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Stable identifier: names the output folder and is how digests and links refer to it.
    pub id: String,
    /// Which jurisdiction's rules apply (a file in `_shared/jurisdictions/`).
    pub jurisdiction: String,
    /// Where the case was tried.
    pub place: Text,
    /// The name the case is known by, where it has one, as a title prints it ("The Abzas Media
    /// case", «Дело Abzas Media»): the trial sheet and the briefing on a trial carry it under
    /// their titles.
    pub name: Option<Text>,
    /// How the trial was held: who sat, who prosecuted, when, in which language.
    pub trial: Option<Trial>,
    /// The steps of the proceeding before the courts, from the first verdict on: appeals,
    /// cassation, annulments, retrials, pardons. The current verdict is derived from them.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// The people tried, each with their own charges, outcomes and detention. Leave out for a
    /// one-person case and give `person` and the fields below at the top level instead.
    #[serde(default)]
    pub defendants: Vec<Defendant>,

    // A one-person case's defendant, written at the top level (see `Defendant`). The fields are
    // repeated rather than flattened in: serde's `flatten` cannot be combined with
    // `deny_unknown_fields`, and a misspelt field must stay an error.
    pub person: Option<Person>,
    pub status: Option<Status>,
    pub status_as_of: Option<Date>,
    pub arrest: Option<Fact<Arrest>>,
    #[serde(default)]
    pub other_arrests: Vec<OtherArrest>,
    #[serde(default)]
    pub not_arrested: bool,
    #[serde(default)]
    pub charges: Fact<Vec<Charge>>,
    /// The first-instance verdict: the short form of a `first_instance` stage.
    pub verdict: Option<Verdict>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub detention: Vec<Custody>,
    #[serde(default)]
    pub events: Vec<Event>,
    pub release: Option<Release>,
    #[serde(default)]
    pub in_absentia: bool,

    /// What the person is actually prosecuted for: things they did, or are said to have done.
    #[serde(default)]
    pub acts: Vec<Act>,
    /// What the person is prosecuted for, in one line for readers abroad, written by the
    /// submitter: a resolution's wording cites it, so it names nobody but the defendants
    /// ("reposts in support of peaceful opposition movements and calls for peaceful protests").
    pub summary: Option<Text>,
    /// What the prosecution offered to prove the charges (a denunciation, a testimony, an
    /// expert's opinion): not something the person did, so documents give it apart.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Ids of statements by international bodies (`_shared/statements/`) that bear on the case.
    #[serde(default)]
    pub statements: Vec<String>,
    /// Ids of the sources (`_shared/sources/`) the facts come from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The submitter's arguments: why the prosecution violates rights. Appeals, UN
    /// submissions and briefs argue from these, each tied to the acts it concerns.
    #[serde(default)]
    pub arguments: Vec<Argument>,
    /// Steps already taken before domestic courts and bodies, or `unknown`.
    pub remedies: Option<Fact<Vec<Remedy>>>,
    /// What the appeal asks and attaches; the appellant is `confidential.lawyer`.
    pub appeal: Option<AppealPlan>,
    /// What is asked of UN bodies.
    pub submission: Option<Submission>,
    /// What the government has done on the Working Group's opinion on the person, for the
    /// follow-up the WGAD document becomes once an opinion covers them.
    pub implementation: Option<Implementation>,
    /// The sources behind a fact, by its field (`arrest.date: [source-id]`): documents with
    /// notes print them as footnotes to the fact.
    #[serde(default)]
    pub cite: BTreeMap<String, Vec<String>>,
    /// Facts the sources disagree on: the file's value is the one preferred, and documents
    /// with notes give the others in a footnote.
    #[serde(default)]
    pub disputes: Vec<Dispute>,
    /// What must never reach a public document.
    pub confidential: Option<Confidential>,
    /// What a campaign about the case asks of its readers: by when, and whom to write to.
    pub campaign: Option<Campaign>,
    /// A photo of the person, a file next to the case file, with its description.
    pub photo: Option<Photo>,
    /// Who sends the documents about this case: the id of a file in `_shared/senders/`;
    /// without it, `default` (or the only sender the project has).
    pub sender: Option<String>,
    /// The date printed on documents built from this case, and the day their facts are judged
    /// at; without it, the run's date (`--date`, `SOURCE_DATE_EPOCH`), else today.
    #[serde(default)]
    pub document_date: Option<Date>,
    /// The languages documents about this case are made in (`[en, ru]`); when left out, every
    /// language a kind has a template in except those of another country's courts (another
    /// jurisdiction's `filing_languages`: a Kyrgyz case gets no Kazakh documents).
    #[serde(default)]
    pub languages: Vec<String>,
}

/// One person tried in a proceeding. The fields from `acts` on default to the proceeding's
/// own: a defendant gives them only where they differ (their own lawyer, their own acts).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Defendant {
    /// Names the defendant's output folder and is how stages and recipients refer to them
    /// (`bialiatski`): lower-case letters, digits and `-`.
    pub id: String,
    pub person: Person,
    /// Where the person stands; without it, derived from the stages, the detention record
    /// and the release.
    pub status: Option<Status>,
    /// The day `status` was last known to be true.
    pub status_as_of: Option<Date>,
    /// When, where and by whom the person was arrested; `unknown` when the sources are silent.
    pub arrest: Option<Fact<Arrest>>,
    /// Arrests of the person on other grounds that bear on this case, before or after `arrest`:
    /// days of administrative detention served before the criminal arrest, a re-arrest.
    #[serde(default)]
    pub other_arrests: Vec<OtherArrest>,
    /// Never arrested in this case (prosecuted at liberty, or abroad): documents say so rather
    /// than "not known".
    #[serde(default)]
    pub not_arrested: bool,
    /// The charges brought; a stage may change them (`stages[].charges`). `unknown` when the
    /// sources say the person is charged, or was tried, but not under what: documents say the
    /// charges are not known.
    #[serde(default)]
    pub charges: Fact<Vec<Charge>>,
    /// Measures before the verdict: custody, house arrest, a travel ban, bail. A travel ban
    /// imposed after the release is one too: while it runs (no `to`), documents ask to lift it.
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// Where the person has been held, in order; one entry per place, so a transfer is the
    /// next entry.
    #[serde(default)]
    pub detention: Vec<Custody>,
    /// What happened to the person in custody: hunger strikes, beatings, denied treatment.
    #[serde(default)]
    pub events: Vec<Event>,
    pub release: Option<Release>,
    /// Tried without being present (abroad, or refusing to attend).
    #[serde(default)]
    pub in_absentia: bool,
    pub acts: Option<Vec<Act>>,
    /// What this defendant is prosecuted for, where the case's `summary` does not fit them
    /// (one tried beside a newsroom's staff but not of it); as the case's, it names nobody else.
    pub summary: Option<Text>,
    pub evidence: Option<Vec<Evidence>>,
    pub arguments: Option<Vec<Argument>>,
    pub remedies: Option<Fact<Vec<Remedy>>>,
    pub appeal: Option<AppealPlan>,
    pub submission: Option<Submission>,
    /// What the government has done on the Working Group's opinion on the person, for the
    /// follow-up the WGAD document becomes once an opinion covers them.
    pub implementation: Option<Implementation>,
    /// The sources behind a fact, by its field (`arrest.date: [source-id]`): documents with
    /// notes print them as footnotes to the fact.
    #[serde(default)]
    pub cite: BTreeMap<String, Vec<String>>,
    /// Facts the sources disagree on: the file's value is the one preferred, and documents
    /// with notes give the others in a footnote.
    #[serde(default)]
    pub disputes: Vec<Dispute>,
    pub confidential: Option<Confidential>,
    pub photo: Option<Photo>,
    /// What a campaign for this defendant asks, where the proceeding's does not fit them (one
    /// released while the others are held: other addressees, another deadline).
    pub campaign: Option<Campaign>,
    /// Statements and sources about this defendant, beyond the proceeding's.
    #[serde(default)]
    pub statements: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// How a trial was held.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trial {
    /// How many people were tried, when the sources name only some of them (the file's
    /// `defendants` are those they name).
    pub people: Option<u32>,
    /// The sources give `people` as an approximate figure ("about 30"): documents say so.
    #[serde(default)]
    pub people_about: bool,
    #[serde(default)]
    pub judges: Vec<Name>,
    #[serde(default)]
    pub prosecutors: Vec<Name>,
    /// The body that investigated the case.
    pub investigator: Option<Fact<Text>>,
    /// Dates of the hearings, as far as the sources give them.
    #[serde(default)]
    pub hearings: Vec<Date>,
    /// Held behind closed doors.
    pub closed: Option<bool>,
    /// Held by video link, the defendant not brought to the courtroom.
    pub online: Option<bool>,
    /// The language the trial was held in.
    pub language: Option<Text>,
    /// A language the defence asked the trial to be held in, or interpreted into, and was refused.
    pub refused_language: Option<Text>,
    /// Motions of the defence the court rejected.
    #[serde(default)]
    pub rejected_motions: Vec<Text>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A step of a proceeding before a court or the head of state.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub stage: StageKind,
    pub court: Fact<Text>,
    /// The day of the decision; `2023-05` or `2023` when the sources give no more. Documents
    /// then say "in May 2023", and nothing is counted from it that would need the day: no
    /// appeal deadline, no day the verdict entered into force, no end of a term counted from it.
    /// A stage not yet decided (no `outcome`) gives the day it was brought, and documents say
    /// so ("20 August 2025, cassation: brought, not yet decided").
    pub date: When,
    /// The court's number for the case at this stage, which filings against its decision quote.
    pub case_number: Option<Fact<String>>,
    #[serde(default)]
    pub judges: Vec<Name>,
    /// Who brought the stage: for an appeal or cassation, who complained.
    pub appealed_by: Option<Party>,
    /// What the country's law calls this step, where the kind's name would mislead its lawyers:
    /// Tajikistan's review of a regional court's verdict before it enters into force is a
    /// cassation (`stage: appeal`, `named: { en: cassation, ru: кассация }`). Documents call
    /// the case's stages of this kind so.
    pub named: Option<Text>,
    /// A higher court's decision on the conviction in a new case (the `new_case` stage before
    /// it), not on this case's verdict: upholding it, changing the sentence for both cases, or
    /// quashing the new conviction, which leaves the first sentence as it was.
    #[serde(default)]
    pub in_new_case: bool,
    /// What came of it for every defendant not listed under `results`; leave out while the
    /// stage is pending.
    pub outcome: Option<Outcome>,
    /// The sentence given or changed at this stage (a one-person case; several people give it
    /// under `results`).
    #[serde(default)]
    pub sentence: Vec<Penalty>,
    /// The charges as the stage qualified them, where they changed; of a `new_case`, the new
    /// case's charges, which stand beside this one's. `unknown` when the sources give the
    /// sentence but not the articles it was given under: documents say so, and list the
    /// charges brought as what the person was charged with, not as the conviction.
    pub charges: Option<Fact<Vec<Charge>>>,
    /// What the prosecution asked for.
    #[serde(default)]
    pub requested: Vec<Penalty>,
    /// What came of it for each defendant, where that differs between them.
    #[serde(default)]
    pub results: Vec<StageResult>,
    /// How the sources characterise the decision ("illegally sentenced ...").
    pub assessment: Option<Text>,
    pub note: Option<Text>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// What a stage decided for one defendant.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageResult {
    /// The defendant's id.
    pub defendant: String,
    pub outcome: Outcome,
    #[serde(default)]
    pub sentence: Vec<Penalty>,
    /// As the stage's `charges`, for this defendant.
    pub charges: Option<Fact<Vec<Charge>>>,
    #[serde(default)]
    pub requested: Vec<Penalty>,
    /// Who brought the stage as to this defendant, where the stage's `appealed_by` does not
    /// hold for each: the prosecution alone appealed Ametov's acquittal while the defence
    /// appealed the others' convictions.
    pub appealed_by: Option<Party>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// The trial court's verdict.
    FirstInstance,
    /// A higher court's review of a verdict not yet in force.
    Appeal,
    /// Review of a verdict in force.
    Cassation,
    SupervisoryReview,
    /// Review for new or newly discovered circumstances (a UN body's views, among them).
    Review,
    /// A new trial after a verdict was annulled.
    Retrial,
    Pardon,
    Amnesty,
    /// A conviction in a new case brought while the person serves this sentence (for
    /// disobedience to a colony's administration, say), whose sentence the court combined with
    /// this one: `charges` are the new case's, and `sentence` what the person must now serve in
    /// all, with its `counted_from` or `credit` as the court fixed them. The verdict's date and
    /// court stay this case's.
    NewCase,
}

impl StageKind {
    /// A stage that gives a verdict of its own, rather than reviewing one.
    pub fn is_trial(self) -> bool {
        matches!(self, StageKind::FirstInstance | StageKind::Retrial)
    }

    /// A higher court's review of a verdict: a step before the courts that the UN forms list
    /// among the domestic remedies. Not a trial, a pardon, an amnesty or a new case.
    pub fn is_review(self) -> bool {
        !self.is_trial() && !matches!(self, StageKind::Pardon | StageKind::Amnesty | StageKind::NewCase)
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Defence,
    Prosecution,
    Both,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Found guilty (at trial, or by a higher court after an acquittal).
    Convicted,
    Acquitted,
    /// The verdict left as it was.
    Upheld,
    /// The conviction left standing with another sentence or other charges.
    Changed,
    /// The verdict set aside and the case closed.
    Quashed,
    /// The verdict set aside and the case sent back for a new trial.
    SentForRetrial,
    /// Released from punishment by pardon or amnesty, the conviction standing.
    Pardoned,
    /// A request to review refused, the verdict standing.
    Refused,
}

/// A measure ordered before the verdict, or a travel ban after the release.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub kind: MeasureKind,
    /// The day it was ordered or began; `2023-11` or `2023` when the sources give no more.
    pub from: Fact<When>,
    /// The day it ended, the month or year as for `from`; leave out while it runs.
    pub to: Option<Fact<When>>,
    /// The court or official that ordered it ("the Tverskoy District Court of Moscow").
    pub by: Option<Fact<Text>>,
    /// Each time its term was extended, in order.
    #[serde(default)]
    pub extended: Vec<Extension>,
    pub note: Option<Text>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// An extension of a measure's term.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// The day it was extended; the month or year where the sources give no more.
    pub on: Fact<When>,
    /// The day the extended term runs to.
    pub to: Option<Fact<When>>,
    /// The court or official that extended it.
    pub by: Option<Fact<Text>>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    Custody,
    HouseArrest,
    TravelBan,
    Bail,
    Other,
}

/// A place the person was held, from when to when.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Custody {
    pub kind: CustodyKind,
    /// The place as the sources name it ("pre-trial detention centre No. 1, Minsk").
    pub place: Fact<Text>,
    /// The day the person was brought there; the month or year where the sources give no more
    /// ("transferred to the colony in June 2023").
    pub from: Fact<When>,
    /// Leave out while the person is still held there; a month or year as for `from`.
    pub to: Option<Fact<When>>,
    /// The authority holding the person there.
    pub authority: Option<Fact<Text>>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CustodyKind {
    Police,
    PretrialCentre,
    Colony,
    Prison,
    HouseArrest,
    Psychiatric,
    Hospital,
    Other,
}

/// Something that happened to the person in custody, with its source.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub kind: EventKind,
    /// `2024-04-05`, or `2024-04` or `2024` when the sources give no more, or `unknown`.
    pub date: Fact<When>,
    /// The day what lasted ended (a hunger strike, solitary confinement), the month or year as
    /// for `date`; leave out for what happened on one day, or while it lasts.
    pub to: Option<Fact<When>>,
    pub text: Text,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    HungerStrike,
    IllTreatment,
    DeniedTreatment,
    Illness,
    Incommunicado,
    SolitaryConfinement,
    /// A new criminal case, new charges, or charges replaced, against the person while held or
    /// after the verdict ("charged under Article 411 with malicious disobedience to the colony's
    /// administration"): the `text` says which. Fact sheets keep it in their short timeline.
    NewCharges,
    Death,
    Other,
}

/// The person's release from custody.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// The day the person was freed; `2024-03` or `2024` when the sources give no more
    /// ("released in March 2024"), or `unknown`.
    pub date: Fact<When>,
    pub reason: ReleaseReason,
    /// Where the person was made to go at release, when freed only to be expelled from the
    /// country, as the words read after "expelled" in each language: `to Lithuania`,
    /// `в Литву`, `Литваға`.
    pub expelled_to: Option<Text>,
    /// What documents print after "Released on parole: " and the like, as a clause that does
    /// not say "released" again ("in the courtroom").
    pub note: Option<Text>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseReason {
    Served,
    Pardon,
    Amnesty,
    Exchange,
    Acquittal,
    Parole,
    /// Freed at the verdict, whose sentence holds no imprisonment (a fine, restriction of
    /// liberty, a suspended sentence).
    NonCustodialSentence,
    Other,
}

/// A picture a case attaches: the only file outside `templates/` documents may read.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// The file, relative to the case file's folder (`photos/kanaliyev.jpg`).
    pub file: String,
    /// What the picture shows, for readers who cannot see it (PDF/UA requires it).
    pub alt: Text,
}

/// One argument of the defence: a heading, the reasoning, and what it rests on.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Argument {
    pub title: Text,
    pub text: Text,
    /// Positions (from 1) in `acts` of the acts this argument concerns.
    #[serde(default)]
    pub acts: Vec<usize>,
    /// Positions (from 1) in `evidence` of the evidence this argument disputes.
    #[serde(default)]
    pub evidence: Vec<usize>,
    /// Provisions of international law the argument invokes ("ICCPR art. 19").
    #[serde(default)]
    pub provisions: Vec<String>,
    /// The ground for setting the verdict aside that the argument makes out, by its key in the
    /// jurisdiction file's `appeal.grounds` (`misapplied_law`): the appeal names it.
    pub ground: Option<String>,
    /// The categories of arbitrary detention (I–V) the argument supports before the WGAD.
    #[serde(default)]
    pub wgad_categories: Vec<WgadCategory>,
}

/// The Working Group on Arbitrary Detention's five categories.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, JsonSchema)]
pub enum WgadCategory {
    I,
    II,
    III,
    IV,
    V,
}

/// A step taken before a domestic court or body, and what came of it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Remedy {
    pub date: Fact<When>,
    pub body: Text,
    pub text: Text,
    pub result: Fact<Text>,
}

/// Facts that must never reach a public document: who submits, who defends, the family,
/// witnesses, private notes. Only restricted kinds (appeal, UN submissions) see this section;
/// public kinds are rendered from facts without it (`facts::case_facts`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Confidential {
    /// Who submits to UN bodies; they keep the identity confidential on request.
    pub submitter: Option<Contact>,
    /// The defence lawyer, who files the appeal.
    pub lawyer: Option<Contact>,
    #[serde(default)]
    pub family: Vec<Contact>,
    #[serde(default)]
    pub witnesses: Vec<Contact>,
    pub notes: Option<Text>,
}

/// A person and how to reach them.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: Fact<Name>,
    pub role: Option<Text>,
    /// What entitles a lawyer to act, as a court filing states it: the bar they belong to and
    /// their licence, or the warrant (`ордер`) for this case.
    pub credentials: Option<Fact<Text>>,
    pub organisation: Option<Fact<Text>>,
    pub address: Option<Fact<Text>>,
    pub email: Option<Fact<String>>,
    pub phone: Option<Fact<String>>,
}

/// The appeal against a verdict not yet in force; the appellant is `confidential.lawyer`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppealPlan {
    pub requests: Vec<AppealRequest>,
    /// What to ask should the court not grant `requests` (a new trial, a lighter sentence).
    #[serde(default)]
    pub alternatives: Vec<AppealRequest>,
    #[serde(default)]
    pub attachments: Vec<Text>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AppealRequest {
    /// Quash the verdict.
    Quash,
    /// Acquit the convicted person.
    Acquit,
    /// Terminate the criminal case.
    Terminate,
    /// Lift the bans imposed with the sentence.
    LiftBans,
    /// Send the case back to the court of first instance for a new trial.
    Retrial,
    /// Reduce the sentence.
    Mitigate,
    /// Hear the complaint with the convicted person and defence counsel present.
    HearInPerson,
}

/// A fact the sources give differently: the file holds the value preferred; `others` are the
/// values other sources give, in words ("August 2025"), each with its sources.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    /// The field whose value is disputed (`arrest.date`, `date`).
    pub field: String,
    /// The sources of the value the file holds.
    #[serde(default)]
    pub sources: Vec<String>,
    pub others: Vec<OtherValue>,
    /// Why the file's value is preferred.
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherValue {
    pub value: Text,
    pub sources: Vec<String>,
}

/// What a government has done on an opinion of the Working Group on Arbitrary Detention, in
/// the terms its follow-up procedure asks about (release is read from the case itself). Each is
/// `unknown` when the submitter does not know: the follow-up says so.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Implementation {
    /// Compensation or other reparation made to the person.
    pub compensation: Option<Fact<Text>>,
    /// An investigation into the violation of the person's rights, and its outcome.
    pub investigation: Option<Fact<Text>>,
    /// Changes of law or practice in line with the opinion.
    pub legislation: Option<Fact<Text>>,
    /// Anything else done to implement the opinion (a court that reopened the case on it).
    pub other: Option<Fact<Text>>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A communication to UN human rights mechanisms; the submitter is `confidential.submitter`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Whether the Special Procedures are asked for an urgent appeal or an allegation letter.
    pub communication: Communication,
    /// The Special Procedures mandates addressed.
    #[serde(default)]
    pub mandates: Vec<Mandate>,
    /// The state bodies responsible.
    #[serde(default)]
    pub perpetrators: Vec<Text>,
    /// Whether the alleged victim (or, for them, their family or lawyer) agreed to the
    /// submission: the Special Procedures ask. The submitter knows it; without it the
    /// submission is a draft.
    pub consent: Option<Consent>,
}

/// Who agreed to a submission to UN bodies, or why nobody could be asked.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Who agreed; left out when consent could not be obtained.
    pub given_by: Option<ConsentBy>,
    /// Why consent could not be obtained (held incommunicado, say).
    pub not_obtained: Option<Text>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentBy {
    /// The alleged victim themself.
    Victim,
    Family,
    /// Their lawyer or another representative.
    Representative,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Communication {
    UrgentAppeal,
    AllegationLetter,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mandate {
    FreedomOfExpression,
    PeacefulAssemblyAndAssociation,
    HumanRightsDefenders,
    ArbitraryDetention,
    IndependenceOfJudges,
    CounterTerrorism,
    // Torture and other cruel, inhuman or degrading treatment; extrajudicial, summary or
    // arbitrary executions (deaths in custody among them); the right to health (medical care
    // denied in custody). Plain comments: the schema keeps a plain list for the editor.
    Torture,
    ExtrajudicialExecutions,
    Health,
    // The Human Rights Council's rapporteur on the case's country, where it has one: named by
    // the jurisdiction file's `special_rapporteur`.
    Country,
}

/// Where the person stands, as a campaigner would say it.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Detained,
    HouseArrest,
    Restricted,
    OnTrial,
    Convicted,
    Acquitted,
    Released,
    InExile,
    Died,
    /// The sources do not say where the person stands now: documents say so rather than derive
    /// it from an old record.
    Unknown,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
}

/// The person prosecuted.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: Name,
    /// Needed for grammatical agreement in Russian; omit if not known.
    pub sex: Option<Sex>,
    /// `1962-09-25`, or `1962-09` or `1962` when the sources give no more, or `unknown`.
    pub birth_date: Option<Fact<When>>,
    /// The age the sources give when they give no birth date, with the day they gave it.
    pub age: Option<Age>,
    /// How the sources describe the person ("civil activist").
    pub role: Text,
    /// Home town.
    pub from: Option<Fact<Text>>,
    /// What the person does and stands for, one item per clause with its verb, as it reads
    /// after "She" or "who": `has directed Abzas Media since 2016`, not `director of Abzas Media`.
    #[serde(default)]
    pub background: Vec<Text>,
    pub nationality: Option<Fact<Text>>,
    /// Usual address, for the WGAD questionnaire.
    pub address: Option<Fact<Text>>,
    /// Identity document and its number.
    pub identity_document: Option<Fact<Text>>,
}

/// An age as a source gives it: `{ years: 34, as_of: 2021-12 }`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Age {
    pub years: u32,
    /// The sources give the age as approximate ("about 40").
    #[serde(default)]
    pub about: bool,
    /// When the source gave it.
    pub as_of: When,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Arrest {
    /// `2021-12-01`, or `2021-12` when the sources give no more, or `unknown`.
    pub date: Fact<When>,
    pub place: Fact<Text>,
    /// The authority that carried out the arrest.
    pub by: Option<Fact<Text>>,
    /// Whether a warrant or other decision was shown, and which.
    pub warrant: Option<Fact<Text>>,
    /// What the authorities gave as the reason at the arrest, where the sources say ("on
    /// suspicion of organising mass riots"). Without it the WGAD form gives the charges brought
    /// as what they are, not as what the person was told.
    pub reason: Option<Fact<Text>>,
}

/// An arrest on other grounds than this case's charges.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherArrest {
    /// `2024-03-01`, or `2024-03` when the sources give no more, or `unknown`.
    pub date: Fact<When>,
    pub place: Option<Fact<Text>>,
    /// The authority that carried out the arrest.
    pub by: Option<Fact<Text>>,
    /// What it was for and what came of it, as a clause ("15 days of administrative detention
    /// for taking part in a rally, under Article 20.2 of the Code of Administrative Offences").
    pub reason: Text,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One article (and part) of a code the person is charged under.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    /// A code of the case's jurisdiction (`criminal`, `administrative`, ...).
    pub code: String,
    /// The article's number, or `unknown` when the sources name the offence only.
    pub article: Fact<Label>,
    pub part: Option<Label>,
    /// The item within the part, where the code divides it (Russian «п. "а" ч. 3 ст. 104»,
    /// Kazakh «1) тармағы»): `item: "1"`, or a letter in each language's documents
    /// (`item: { ru: а, en: a }`).
    pub item: Option<Text>,
    /// Several items of the same part, cited together («пп. "а", "б", "д" ч. 2 ст. 207.3»):
    /// `items: [а, б, д]`, each as `item` takes it; then no `item`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Text>,
    /// The offence as the code names it.
    pub title: Text,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    pub date: Date,
    pub court: Fact<Text>,
    /// The court's number for the case (`№ 4721-21-00-1/215`), which filings quote.
    pub case_number: Option<Fact<String>>,
    /// How the sources characterise the verdict ("illegally sentenced ...").
    pub assessment: Option<Text>,
    pub sentence: Vec<Penalty>,
}

/// One item of a sentence: a term of imprisonment, restriction of liberty, a ban, a fine,
/// labour, confiscation. `check` says which fields each kind needs.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    pub kind: PenaltyKind,
    pub term: Option<Term>,
    /// Where a term of imprisonment is served: a key of the jurisdiction's `regimes`
    /// (`general`, `strict`, `special`, `prison`, ...).
    pub regime: Option<String>,
    /// The first part of the term, served under another regime (`first: { term: 2y, regime:
    /// prison }`, Russia's Criminal Code Art. 58(2)): `regime` is then where the rest is served.
    pub first: Option<RegimePart>,
    /// A suspended sentence's probation period.
    pub probation: Option<Term>,
    /// A fine: the amount, in the currency's units.
    pub amount: Option<u64>,
    /// A fine's currency, as an ISO 4217 code (`RUB`, `KZT`, `BYN`, `KGS`).
    pub currency: Option<String>,
    /// A fine imposed on the defendants together, not on each.
    #[serde(default)]
    pub joint: bool,
    /// Compulsory or community labour: the hours.
    pub hours: Option<u32>,
    /// Corrective labour: the share of wages withheld, in per cent.
    pub percent: Option<u32>,
    /// What a ban covers, or what is confiscated, one item per activity or thing.
    #[serde(default)]
    pub scope: Vec<Text>,
    /// A ban that starts when the person leaves prison, not on the day of the verdict.
    #[serde(default)]
    pub after_release: bool,
    /// The day the term is counted from, when the verdict says (often the day of arrest).
    pub counted_from: Option<Date>,
    /// Time already spent in custody that the verdict counts against the term: a length
    /// (`1y2m`), or the periods it counts with their rate (`[{ from: 2024-02-10, rate: 1.5 }]`).
    pub credit: Option<Credit>,
}

impl Penalty {
    /// How long the penalty holds or restricts the person: its term, but for a suspended
    /// sentence its probation period, where the verdict gives one (eight years suspended with
    /// three of probation end after three; counting eight kept a 2023 sentence running in
    /// 2026, and a brief asked to lift it).
    pub fn running_term(&self) -> Option<Term> {
        match self.kind {
            PenaltyKind::SuspendedSentence => self.probation.or(self.term),
            _ => self.term,
        }
    }
}

/// Part of a prison term served under a regime of its own.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegimePart {
    pub term: Term,
    /// A key of the jurisdiction's `regimes`.
    pub regime: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyKind {
    Imprisonment,
    LifeImprisonment,
    RestrictionOfLiberty,
    SuspendedSentence,
    Ban,
    Fine,
    CommunityService,
    CompulsoryLabour,
    CorrectiveLabour,
    /// Probation supervision the verdict imposes (Kyrgyzstan's «пробационный надзор»), where
    /// the sources give no suspended term.
    Probation,
    Confiscation,
    DeprivationOfRights,
    /// Days in custody for an administrative offence (Russia's and Belarus's «административный
    /// арест», up to 30 days at a time), as `term: 15d`.
    AdministrativeDetention,
}

impl PenaltyKind {
    /// Whether the penalty holds the person in a place of detention.
    pub fn deprives_of_liberty(self) -> bool {
        matches!(self, PenaltyKind::Imprisonment | PenaltyKind::LifeImprisonment | PenaltyKind::AdministrativeDetention)
    }

    /// Whether the penalty restricts a person at liberty, for a term: what documents ask to lift.
    pub fn restricts(self) -> bool {
        use PenaltyKind::*;
        matches!(
            self,
            RestrictionOfLiberty | Ban | DeprivationOfRights | SuspendedSentence | CorrectiveLabour | Probation
        )
    }
}

/// Something the person did that the prosecution treats as a crime.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Act {
    pub kind: ActKind,
    pub platform: Option<String>,
    pub date: Option<Fact<When>>,
    /// The act in the words of the sources.
    pub text: Text,
    /// People named in the act.
    #[serde(default)]
    pub people: Vec<MentionedPerson>,
    /// Ids of organisations (`_shared/organisations/`) named in the act.
    #[serde(default)]
    pub organisations: Vec<String>,
}

/// An item of the prosecution's evidence, in the words of the sources.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// What it is, as a court file would describe it ("the complaint of S. Zharylgap that ...").
    pub text: Text,
    /// What the sources or the defence say of it, as a clause after `text` ("which the sources
    /// call a false denunciation"): public documents and the UN forms add it; the appeal, which
    /// argues against the evidence in its grounds, does not.
    pub assessment: Option<Text>,
    /// People named in it (the complainant, a witness).
    #[serde(default)]
    pub people: Vec<MentionedPerson>,
    /// The charges it was offered for, by position (from 1) in `charges`; all when left out.
    #[serde(default)]
    pub charges: Vec<usize>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A complaint to the police, by a person the sources may say staged it.
    Denunciation,
    Testimony,
    ExpertOpinion,
    /// Posts, messages, recordings or papers seized or collected.
    Material,
    Other,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActKind {
    Protest,
    Criticism,
    Repost,
    Post,
    Message,
    CallToProtest,
    Membership,
    FalseDenunciation,
    Other,
}

/// Someone other than the defendant who appears in the facts.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MentionedPerson {
    pub name: Name,
    pub role: Option<Text>,
}

/// Who sends, files and signs the documents: the organisation whose letterhead a letter
/// carries, who issues a brief or a fact sheet, and who submits to UN bodies unless the case's
/// `confidential.submitter` names someone else. A file in `_shared/senders/`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    /// The organisation's name as documents print it.
    pub organisation: Text,
    /// The postal address, one line per item, the country last.
    #[serde(default)]
    pub address: Vec<Text>,
    /// The town letters are dated from ("Brussels, 2 December 2026").
    pub place: Option<Text>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// Who signs letters and is named as the submitter's contact.
    pub signatory: Option<Signatory>,
    /// A picture at the head of letters, next to the sender file (PNG, JPEG or SVG).
    pub logo: Option<String>,
}

/// The person who signs for the sender.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    pub name: Name,
    /// Their position ("Advocacy Director").
    pub role: Option<Text>,
}

impl Case {
    /// The charges brought, as far as the file gives them: none when they are `unknown`.
    pub fn charged(&self) -> &[Charge] {
        self.charges.known().map_or(&[], Vec::as_slice)
    }

    /// Sentenced in absentia and never held (a defendant's view): no term has begun, whatever
    /// the verdict's date, so none is counted from it.
    pub fn term_not_begun(&self) -> bool {
        self.in_absentia && self.detention.is_empty()
    }

    /// Where the case names no one who submits to UN bodies, its sender does (the
    /// organisation, its signatory as the contact): a view for restricted documents.
    pub fn with_sender_as_submitter(&mut self, sender: Option<&Sender>) {
        if let Some(sender) = sender {
            let confidential = self.confidential.get_or_insert_with(Confidential::default);
            confidential.submitter.get_or_insert_with(|| sender.as_contact());
        }
    }
}

impl Sender {
    /// The sender as the contact who submits to UN bodies, where the case names none: the
    /// signatory, for the organisation, at its address.
    pub fn as_contact(&self) -> Contact {
        // One line per language the address is written in, each line in that language.
        let languages: std::collections::BTreeSet<&String> = self
            .address
            .iter()
            .filter_map(|line| match line {
                Text::ByLanguage(texts) => Some(texts.keys()),
                Text::Plain(_) => None,
            })
            .flatten()
            .collect();
        let joined = |lang: &str| self.address.iter().map(|line| line.get(lang)).collect::<Vec<_>>().join(", ");
        let address = match languages.is_empty() {
            true => Text::Plain(joined("en")),
            false => Text::ByLanguage(languages.into_iter().map(|lang| (lang.clone(), joined(lang))).collect()),
        };
        Contact {
            name: self.signatory.as_ref().map_or(Fact::Unknown, |s| Fact::Known(s.name.clone())),
            role: self.signatory.as_ref().and_then(|s| s.role.clone()),
            credentials: None,
            organisation: Some(Fact::Known(self.organisation.clone())),
            address: (!self.address.is_empty()).then_some(Fact::Known(address)),
            email: self.email.clone().map(Fact::Known),
            phone: self.phone.clone().map(Fact::Known),
        }
    }
}

/// An organisation cases refer to by id: a movement, a party, a union.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// The short name used in running text.
    pub name: Text,
    pub full_name: Text,
    pub kind: Text,
    /// The mark of the organisation's footnote (`*`), as the sources print it.
    pub footnote_mark: Option<String>,
    /// The footnote's text.
    pub footnote: Option<Text>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// What a body said about the case: a resolution, an opinion, an urgent appeal, a press release.
/// Who made it (`author`) decides where documents put it and in what words they attribute it:
/// only the European Parliament's own texts are what "Parliament has already said".
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Which kind of body made it.
    pub author: Author,
    /// The body's name as documents print it ("UN Working Group on Arbitrary Detention").
    pub body: Text,
    /// The grammatical gender of the body's name, for languages whose verbs agree with it
    /// (Russian: «Рабочая группа призвала», «Управление призвало»); if left out, masculine,
    /// or feminine for a name in Latin letters («Amnesty International призвала»).
    pub body_gender: Option<Gender>,
    /// The body's name is said without "the" in English: a proper name such as "Amnesty
    /// International" or "Human Rights Watch" (`body_without_the: true`). A name that opens
    /// with its own article ("a group of human rights organisations") needs no flag.
    #[serde(default)]
    pub body_without_the: bool,
    pub kind: StatementKind,
    pub title: Text,
    /// What the statement is about, as it follows "resolution on ..." in running text.
    pub subject: Option<Text>,
    /// When the body made it public (`2024-07-18`, or `2024-03` when the sources give no
    /// more); for an opinion of the Working Group, when it was adopted if that is known, else
    /// when it was published (say which in a comment).
    pub date: When,
    /// The body's own reference (`P9_TA(2021)0056`, `{en: No. 3/2024, ru: № 3/2024}`), or
    /// `unknown` when the sources give none.
    pub reference: Option<Fact<Text>>,
    pub vote: Option<Vote>,
    /// The people it concerns, each with the spelling of the name the statement uses.
    #[serde(default)]
    pub concerns: Vec<Concerned>,
    /// What it found (the Working Group: the categories of arbitrary detention).
    pub findings: Option<Findings>,
    pub calls_on: Option<CallsOn>,
    #[serde(default)]
    pub condemns: Vec<Condemnation>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Its facts the sources give differently (its `date`, say).
    #[serde(default)]
    pub disputes: Vec<Dispute>,
}

/// The kind of body that made a statement.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    EuropeanParliament,
    /// The UN Working Group on Arbitrary Detention.
    Wgad,
    /// UN Special Rapporteurs and other mandates of the Human Rights Council.
    SpecialProcedures,
    /// A UN treaty body: the Human Rights Committee, the Committee against Torture, ...
    TreatyBody,
    /// The UN High Commissioner for Human Rights and the Office (OHCHR), or other UN organs.
    UnOffice,
    /// The OSCE, its Office for Democratic Institutions and Human Rights, its media representative.
    Osce,
    /// The Council of Europe: its Commissioner for Human Rights, its Parliamentary Assembly.
    CouncilOfEurope,
    /// The EU's other institutions: the High Representative, the External Action Service, the Council.
    EuropeanUnion,
    /// A national government or parliament.
    Government,
    /// A non-governmental organisation.
    Ngo,
    /// The state's ombudsman or national human rights institution where it speaks for the
    /// person's rights (Georgia's Public Defender): reported beside the other national voices,
    /// in every document. One that gives the government's account is `authorities`.
    Ombudsman,
    /// The prosecuting state's own bodies (its ministries, a court's press service, an
    /// ombudsman giving the government's account): their account is kept for the UN bodies,
    /// which weigh both sides, and left out of the public documents, which would print a
    /// denial of torture with nothing beside it.
    Authorities,
}

impl Author {
    /// International bodies, whose texts a Parliament resolution may take note of and fact
    /// sheets list as what "international bodies said"; governments' and NGOs' texts are
    /// reported apart.
    pub fn is_international(self) -> bool {
        !matches!(self, Author::Government | Author::Ngo | Author::Ombudsman | Author::Authorities)
    }

    /// Where the author's word stands among statements, the weightiest first: a page too short
    /// for every statement keeps the first (a Working Group opinion, then Parliament's own
    /// text, before a spokesperson's comment).
    pub fn rank(self) -> u8 {
        match self {
            Author::Wgad => 0,
            Author::EuropeanParliament => 1,
            Author::TreatyBody => 2,
            Author::SpecialProcedures => 3,
            Author::UnOffice => 4,
            Author::CouncilOfEurope => 5,
            Author::Osce => 6,
            Author::EuropeanUnion => 7,
            Author::Government => 8,
            Author::Ombudsman => 9,
            Author::Ngo => 10,
            Author::Authorities => 11,
        }
    }
}

/// Whom a statement concerns: the `case`, and in a trial of several the `defendant` it names;
/// without `defendant`, the whole case (a resolution naming the outlet they all worked for).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Concerned {
    pub case: String,
    pub defendant: Option<String>,
    /// The name as the statement spells it (`Aleksandr Bialiatski`); `check` warns when the
    /// case lists no such spelling of the person's name.
    pub name: Option<String>,
}

/// What a body found, as documents report it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    /// The finding in words, as it follows "found" ("that the detention was arbitrary").
    pub text: Option<Text>,
    /// The categories of arbitrary detention the Working Group found, or `unknown`.
    pub categories: Option<Fact<Vec<WgadCategory>>>,
    /// Whether the government answered the communication before the opinion, or `unknown`.
    pub government_replied: Option<Fact<bool>>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Masculine,
    Feminine,
    Neuter,
    Plural,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    Resolution,
    /// An opinion of the Working Group on Arbitrary Detention.
    Opinion,
    Statement,
    PressRelease,
    /// An urgent appeal of the Special Procedures to a government: about violations ongoing or
    /// about to happen.
    UrgentAppeal,
    /// An allegation letter of the Special Procedures to a government: about violations that
    /// have taken place (its reference begins "AL"). Called an urgent appeal, it misstates the
    /// UN's document.
    AllegationLetter,
    Communication,
    Report,
    /// A letter: to the authorities, to the person, to the family.
    Letter,
    /// A treaty body's views on an individual complaint (the Human Rights Committee's).
    Views,
    /// A recommendation of the European Parliament to the Council.
    Recommendation,
    /// A prize awarded to the person (the European Parliament's Sakharov Prize): its `subject`
    /// says what was awarded and to whom, as it follows "awarded" in running text ("the 2025
    /// Sakharov Prize for Freedom of Thought to Mzia Amaglobeli"). A prize finds and asks
    /// nothing: what the body said in awarding it is a statement of its own.
    Award,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    #[serde(rename = "for")]
    pub in_favour: u32,
    pub against: u32,
    pub abstentions: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CallsOn {
    pub addressee: Text,
    pub demands: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condemnation {
    pub text: Text,
    /// Organisations the condemned conduct targets, named after the text.
    #[serde(default)]
    pub organisations: Vec<String>,
}

/// A document the facts come from. It needs only what identifies it: a URL, a title or a
/// document reference; everything else is printed where given.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: Option<Text>,
    /// What it is ("NGO report", «приговор суда»).
    pub kind: Option<Text>,
    pub publisher: Option<Fact<Text>>,
    /// `2024-07-31`, or `2024-07` or `2024` when no more is known, or `unknown`.
    pub date: Option<Fact<When>>,
    pub url: Option<Fact<String>>,
    /// A document's own number or symbol (`A/HRC/WGAD/2024/3`, a court's case number).
    pub reference: Option<String>,
}

impl Source {
    /// Whether anything identifies it: a URL, a title or a reference.
    pub fn is_identified(&self) -> bool {
        self.title.is_some() || self.reference.is_some() || self.url.as_ref().and_then(Fact::known).is_some()
    }
}

/// Names of a country's legal codes and its other rules, per language.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    pub country: Text,
    pub adjective: Text,
    /// How letters and resolutions name those who hold power, where "the <adjective>
    /// authorities" would lend them a legitimacy the European Parliament denies them ("the de
    /// facto authorities of Belarus").
    pub authorities: Option<Text>,
    /// Whom a fact sheet asks readers to write to, in the form "Write to ..." needs (the
    /// dative in Russian and Kazakh: «властям Казахстана»); without it the sheet names the
    /// country.
    pub write_to: Option<Text>,
    /// The officials campaigners write to about any case here, with their addresses.
    #[serde(default)]
    pub addressees: Vec<Addressee>,
    pub codes: BTreeMap<String, Code>,
    /// The languages a court of this country accepts filings in (`[kk, ru]`).
    #[serde(default)]
    pub filing_languages: Vec<String>,
    pub appeal: Option<AppealRules>,
    /// What a kind of penalty (`restriction_of_liberty`) means in this country, for readers
    /// abroad, as a phrase that follows its name ("Restriction of liberty confines ...").
    #[serde(default)]
    pub penalties: BTreeMap<String, Text>,
    /// Decisions about this country that documents cite (an opinion of the Working Group on
    /// Arbitrary Detention), each under the topic a template looks it up by.
    #[serde(default)]
    pub precedents: Vec<Precedent>,
    /// How a prison term is served, by the key a sentence's `regime` gives (`general`), each
    /// as a phrase that follows "to be served in" / «с отбыванием в».
    #[serde(default)]
    pub regimes: BTreeMap<String, Text>,
    /// What can still be done against a verdict in force ("a cassation petition to the Supreme
    /// Court"): `check` names it when an appeal is too late.
    pub remedy_in_force: Option<Text>,
    /// The Human Rights Council's Special Rapporteur on this country, where the Council has
    /// appointed one ("Special Rapporteur on the situation of human rights in Belarus"): the
    /// mandate a submission names when it addresses `country`.
    pub special_rapporteur: Option<Text>,
    /// How the country's own texts cite a part of an article: `parts` ("Article 293 Part 2",
    /// «ч. 2 ст. 293») unless they join article, part and item by dots (`dotted`).
    #[serde(default)]
    pub citation: CitationStyle,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CitationStyle {
    /// The part and item named as such, in each language's words.
    #[default]
    Parts,
    /// Article, part and item joined by dots, as the country's courts and press write them
    /// ("Article 206.3.2", «ст. 206.3.2»): a reader there knows no "Part 3(2)".
    Dotted,
}

/// What a fact sheet asks its readers to do about a case, on the model of an Urgent Action.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// The issuing organisation's own reference for the action ("UA 12/26"); without it the
    /// sheet gives the case's id.
    pub reference: Option<String>,
    /// The date by which readers should act (the next hearing, a decision due); not printed
    /// once it is past at the document's date.
    pub act_by: Option<Date>,
    /// Whom to write to about this case in particular (a prison governor, a regional
    /// prosecutor), listed before those the jurisdiction file gives for every case.
    #[serde(default)]
    pub addressees: Vec<Addressee>,
}

/// An official campaigners write to: the office, its address and how a letter opens, with
/// where that comes from. Offices change hands and move: `as_of` and `verified` say how fresh
/// the entry is, and `check` names an entry not yet verified.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Addressee {
    /// The office, as an address block names it ("President of the Republic of Kazakhstan").
    pub office: Text,
    /// The office holder's name, where letters name them.
    pub name: Option<Text>,
    /// The postal address, one line each.
    #[serde(default)]
    pub address: Vec<Text>,
    pub email: Option<String>,
    /// How a letter to them opens, without the comma ("Dear President").
    pub salutation: Text,
    /// Where the office and address come from.
    pub source: Option<Text>,
    /// When that source gave them.
    pub as_of: Option<Date>,
    /// False until someone has checked the entry against a current source.
    pub verified: bool,
}

/// A provision of national law a document invokes, with where it comes from and whether
/// someone has checked it against the law in force.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    /// The words a document prints, per language, in the grammatical form its template's
    /// sentence needs (the Russian appeal writes «руководствуясь главой 48 УПК РК»).
    pub text: Text,
    /// The law and its edition.
    pub source: Option<Text>,
    pub verified: bool,
}

/// A decision about this country that documents cite.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Precedent {
    /// What templates look it up by (`restriction_of_liberty`).
    pub about: String,
    /// How it is cited ("Opinion No. 2/2022").
    pub reference: String,
    /// The Working Group's categories it found, if an opinion of the Working Group.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Where it is published.
    pub source: Option<Text>,
    pub verified: bool,
}

/// How a verdict not yet in force is appealed: where, through whom, by when.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppealRules {
    /// Days from the verdict within which the complaint must be filed.
    pub deadline_days: u32,
    /// The legal source of the deadline.
    pub deadline_source: Text,
    /// False until someone has checked the deadline against the law in force.
    pub verified: bool,
    /// The article that lists what a complaint must contain.
    pub content_source: Option<Text>,
    /// How the complaint reaches the appellate court ("through the court of first instance").
    pub filed_through: Text,
    /// The provisions the complaint is made under ("chapter 48 of the Criminal Procedure Code").
    pub invokes: Option<Provision>,
    /// What the law has filed with every complaint beyond the case's own attachments (copies
    /// for the other parties), as an attachment line.
    pub copies: Option<Provision>,
    /// The grounds on which the law lets an appellate court set aside or change a verdict, by
    /// the key an argument's `ground` names (`misapplied_law`), each in the words the
    /// complaint prints; `grounds_source` says where the list comes from.
    #[serde(default)]
    pub grounds: BTreeMap<String, Text>,
    pub grounds_source: Option<Text>,
    /// The appellate court for cases tried in each place.
    pub courts: Vec<AppellateCourt>,
    /// What a lawyer filing gives to show their standing, each a label a blank follows in a
    /// draft ("licence No.", "warrant No."), where the file does not give
    /// `confidential.lawyer.credentials`.
    #[serde(default)]
    pub credentials: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppellateCourt {
    /// Places (in any language) whose first-instance courts this court hears appeals from.
    pub places: Vec<String>,
    pub name: Text,
    /// The address line of the court ("Aktau, Mangystau Region").
    pub address: Option<Text>,
}

impl Jurisdiction {
    /// Whether `charges` are all under its codes of administrative offences (and there are
    /// some): a case decided by an administrative decision, not a criminal verdict.
    pub fn administrative(&self, charges: &[Charge]) -> bool {
        !charges.is_empty() && charges.iter().all(|c| self.codes.get(&c.code).is_some_and(|code| code.administrative))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub name: Text,
    pub abbreviation: Text,
    /// A code of administrative offences (`КоАП`): a penalty under it is imposed by a court's
    /// decision, not a criminal verdict, and is no conviction. Documents about a case charged
    /// only under such codes say "found liable", "decision", «постановление», not "convicted",
    /// "verdict", «приговор».
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub administrative: bool,
}

/// A report over several cases: which cases, and what context to add.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Digest {
    pub id: String,
    /// A fixed title; without it the title is built from the selection (period and place).
    pub title: Option<Text>,
    pub select: Selection,
    /// Statements to present as context, beyond those the selected cases cite.
    #[serde(default)]
    pub statements: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    pub document_date: Option<Date>,
}

/// Which cases a digest covers. Every given criterion must hold.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// The place of the case, in any of its languages.
    pub place: Option<String>,
    /// First verdict date included.
    pub from: Option<Date>,
    /// Last verdict date included.
    pub to: Option<Date>,
    /// Explicit case ids, in addition to the criteria above.
    #[serde(default)]
    pub cases: Vec<String>,
}
