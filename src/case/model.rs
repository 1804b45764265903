//! The case-file data model, exactly as users write it.
//!
//! Every struct denies unknown fields: a misspelt field is an error with a suggestion, never a
//! fact silently dropped. Values that need more than serde's defaults (texts by language,
//! explicitly unknown facts, dates, durations) have their own types in [`super::values`].

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::values::{Date, Fact, Label, Name, Term, Text};

/// One prosecution of one person: the unit every per-case document is built from.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Stable identifier: names the output folder and is how digests and links refer to it.
    pub id: String,
    /// Which jurisdiction's rules apply (a file in `_shared/jurisdictions/`).
    pub jurisdiction: String,
    /// Where the case was tried.
    pub place: Text,
    pub status: Status,
    pub person: Person,
    /// When, where and by whom the person was arrested; `unknown` when the sources are silent.
    pub arrest: Fact<Arrest>,
    pub charges: Vec<Charge>,
    pub verdict: Option<Verdict>,
    /// What the person is actually prosecuted for.
    #[serde(default)]
    pub acts: Vec<Act>,
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
    /// What must never reach a public document.
    pub confidential: Option<Confidential>,
    /// A photo of the person, a file next to the case file, with its description.
    pub photo: Option<Photo>,
    /// The date printed on documents built from this case; defaults to none (no date printed).
    #[serde(default)]
    pub document_date: Option<Date>,
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
    /// Provisions of international law the argument invokes ("ICCPR art. 19").
    #[serde(default)]
    pub provisions: Vec<String>,
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
    pub date: Fact<Date>,
    pub body: Text,
    pub text: Text,
    pub result: Fact<Text>,
}

/// Facts that must never reach a public document: who submits, who defends, the family,
/// witnesses, private notes. Only restricted kinds (appeal, UN submissions) see this section;
/// public kinds are rendered from a view of the case without it ([`Case::public_view`]).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
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
}

impl Case {
    /// The case as public documents see it: without the confidential section.
    pub fn public_view(&self) -> Case {
        Case { confidential: None, ..self.clone() }
    }

    /// The latest date the case file records: the date documents fall back on.
    pub fn latest_date(&self) -> Option<Date> {
        let verdict = self.verdict.as_ref().map(|v| v.date);
        let arrest = self.arrest.known().and_then(|a| a.date.known().copied());
        let acts = self.acts.iter().filter_map(|a| a.date.as_ref().and_then(|d| d.known().copied()));
        let remedies = self.remedies.iter().filter_map(|r| r.known()).flatten().filter_map(|r| r.date.known().copied());
        [verdict, arrest].into_iter().flatten().chain(acts).chain(remedies).max()
    }
}

/// Where the person stands now, as a campaigner would say it.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Detained,
    Restricted,
    OnTrial,
    Convicted,
    Released,
    InExile,
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
    pub birth_date: Option<Fact<Date>>,
    /// How the sources describe the person ("civil activist").
    pub role: Text,
    /// Home town.
    pub from: Option<Fact<Text>>,
    /// What the person does and stands for, one item per clause.
    #[serde(default)]
    pub background: Vec<Text>,
    pub nationality: Option<Fact<Text>>,
    /// Usual address, for the WGAD questionnaire.
    pub address: Option<Fact<Text>>,
    /// Identity document and its number.
    pub identity_document: Option<Fact<Text>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Arrest {
    pub date: Fact<Date>,
    pub place: Fact<Text>,
    /// The authority that carried out the arrest.
    pub by: Option<Fact<Text>>,
    /// Whether a warrant or other decision was shown, and which.
    pub warrant: Option<Fact<Text>>,
}

/// One article (and part) of a code the person is charged under.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    /// A code of the case's jurisdiction (`criminal`, `administrative`, ...).
    pub code: String,
    pub article: Label,
    pub part: Option<Label>,
    /// The offence as the code names it.
    pub title: Text,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    pub date: Date,
    pub court: Fact<Text>,
    /// How the sources characterise the verdict ("illegally sentenced ...").
    pub assessment: Option<Text>,
    pub sentence: Vec<Penalty>,
}

/// One item of a sentence: a term of imprisonment, restriction of liberty, a ban, a fine.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    pub kind: PenaltyKind,
    pub term: Option<Term>,
    /// What a ban covers, one item per activity.
    #[serde(default)]
    pub scope: Vec<Text>,
    /// For a fine: the amount as written in the verdict.
    pub amount: Option<Text>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyKind {
    Imprisonment,
    RestrictionOfLiberty,
    SuspendedSentence,
    Ban,
    Fine,
    CommunityService,
}

/// Something the person did that the prosecution treats as a crime.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Act {
    pub kind: ActKind,
    pub platform: Option<String>,
    pub date: Option<Fact<Date>>,
    /// The act in the words of the sources.
    pub text: Text,
    /// People named in the act.
    #[serde(default)]
    pub people: Vec<MentionedPerson>,
    /// Ids of organisations (`_shared/organisations/`) named in the act.
    #[serde(default)]
    pub organisations: Vec<String>,
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

/// What an international body said: a resolution, an opinion, a statement.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub body: Text,
    pub kind: StatementKind,
    pub title: Text,
    /// What the statement is about, as it follows "resolution on ..." in running text.
    pub subject: Option<Text>,
    pub date: Date,
    /// The body's own reference (`P9_TA(2021)0056`).
    pub reference: Option<String>,
    pub vote: Option<Vote>,
    pub calls_on: Option<CallsOn>,
    #[serde(default)]
    pub condemns: Vec<Condemnation>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    Resolution,
    Opinion,
    Statement,
    Communication,
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

/// A document the facts come from.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: Text,
    pub kind: Text,
    pub publisher: Fact<Text>,
    pub date: Fact<Date>,
    pub url: Fact<String>,
}

/// Names of a country's legal codes and its other rules, per language.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    pub country: Text,
    pub adjective: Text,
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
    /// The appellate court for cases tried in each place.
    pub courts: Vec<AppellateCourt>,
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

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub name: Text,
    pub abbreviation: Text,
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
