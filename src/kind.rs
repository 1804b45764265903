//! Document kinds: what each folder under `templates/` declares about its documents.
//!
//! Contract: [`kinds`] reads every `templates/<kind>/kind.toml` and the languages the kind has
//! templates for. A [`Kind`] says what a document is made from (its [`Scope`]), who may read
//! it (its [`Audience`]), how it fans out (one per recipient for letters), and what it needs:
//! facts of the case file and keys of the case's jurisdiction file. Every stage that needs to
//! know a kind imports it from here.

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::templates::Templates;

/// Whether a kind makes one document per case or one per digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Case,
    Digest,
}

/// Whether a case kind makes one document per defendant or one per proceeding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FanOut {
    /// One per person tried (an appeal, a UN communication, a fact sheet).
    #[default]
    Defendant,
    /// One per trial, naming every defendant (a letter to a Member of Parliament).
    Proceeding,
}

/// Which defendants a kind concerns: a kind about a conviction has nothing to say for a
/// person acquitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Applies {
    /// Every defendant.
    #[default]
    Any,
    /// A defendant whose verdict in effect is a conviction.
    Convicted,
    /// A conviction still open to appeal at the document's date.
    Appealable,
    /// A defendant deprived of liberty: held in custody, or sentenced to it.
    DeprivedOfLiberty,
}

/// Who may read a kind of document. Restricted documents go to courts and UN bodies and may
/// carry the case's confidential section; public ones never see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Public,
    Restricted,
}

/// A document kind: a folder `templates/<name>/` with `<lang>.typ.j2` files and a `kind.toml`.
#[derive(Debug, Clone, Default)]
pub struct Kind {
    pub name: String,
    pub scope: Scope,
    pub fan_out: FanOut,
    pub applies: Applies,
    pub audience: Audience,
    /// The most pages a document of this kind may have (a fact sheet: 1).
    pub max_pages: Option<usize>,
    /// What the template leaves out, step by step, when the document is still too long for
    /// `max_pages` at the tightest setting ("the statements after the first two"): the
    /// sections it marks `optional(1)`, `optional(2)`, ...; `build` names what it left out.
    pub cuts: Vec<String>,
    pub languages: Vec<String>,
    /// What the kind is, for `amicus list`.
    pub description: Option<String>,
    /// Facts (field paths of the case file) without which the kind is not built.
    pub required: Vec<String>,
    /// Facts the document is weaker without; `check --kind` lists them.
    pub recommended: Vec<String>,
    /// Facts the one who sends or files the document supplies (their own name, the court they
    /// file with): without them the document is built as a draft, with lines to fill in, and
    /// `build --final` refuses it.
    pub filer: Vec<String>,
    /// Keys of the case's jurisdiction file (`appeal.invokes`) the templates print: a case
    /// whose jurisdiction lacks one is refused rather than given another country's law.
    pub jurisdiction: Vec<String>,
    /// Keys of the jurisdiction file the templates print when present (`appeal.copies`):
    /// `check` lists them while they are not verified, and the kind is built without them.
    pub jurisdiction_optional: Vec<String>,
    /// One document per recipient of `--recipients FILE` (letters).
    pub per_recipient: bool,
    /// Filed with the country's courts: `check` warns when the kind has no template in a
    /// language they accept (the jurisdiction's `filing_languages`).
    pub filed_with_courts: bool,
    /// Names in normal case, in the facts' texts too ("Abzal Kanaliyev"), as the kind's readers
    /// write them (`names = "normal"`), rather than with the family name in capitals.
    pub normal_names: bool,
    /// What the kind needs when an opinion of the Working Group on Arbitrary Detention already
    /// covers the person and the document follows it up instead of starting anew (`wgad`).
    pub follow_up: Option<FollowUp>,
}

/// The facts a follow-up to an opinion needs, in place of the kind's own `required` and
/// `recommended`: the opinion has already found what a first communication argues.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(default)]
    pub recommended: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct KindFile {
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    fan_out: FanOut,
    #[serde(default)]
    applies: Applies,
    #[serde(default)]
    audience: Audience,
    max_pages: Option<usize>,
    #[serde(default)]
    cuts: Vec<String>,
    description: Option<String>,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    recommended: Vec<String>,
    #[serde(default)]
    filer: Vec<String>,
    #[serde(default)]
    jurisdiction: Vec<String>,
    #[serde(default)]
    jurisdiction_optional: Vec<String>,
    #[serde(default)]
    per_recipient: bool,
    #[serde(default)]
    filed_with_courts: bool,
    follow_up: Option<FollowUp>,
    #[serde(default)]
    names: NameStyle,
}

/// How a kind writes people's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
enum NameStyle {
    /// The family name in capitals ("Abzal KANALIYEV"), as human-rights reports write it.
    #[default]
    Formal,
    /// As courts and parliaments write them ("Abzal Kanaliyev").
    Normal,
}

/// The suffix of a kind's template files: `<lang>.typ.j2`.
pub const TEMPLATE_SUFFIX: &str = ".typ.j2";

/// Finds the kinds among the templates (the project's and the built-in ones): every folder not
/// starting with `_` or `.`.
pub fn kinds(templates: &Templates) -> Result<Vec<Kind>, Diagnostic> {
    let mut kinds = Vec::new();
    for entry in templates.list("") {
        let name = entry.name;
        if name.starts_with(['_', '.']) || !entry.is_dir {
            continue;
        }
        let meta: KindFile = match templates.data_file(&format!("{name}/kind.toml"))? {
            Some(file) => crate::case::parse_file::<KindFile>(file)?.value,
            None => KindFile::default(),
        };
        let mut languages: Vec<String> = templates
            .list(&name)
            .into_iter()
            .filter_map(|f| f.name.strip_suffix(TEMPLATE_SUFFIX).map(str::to_owned))
            .collect();
        languages.sort();
        kinds.push(Kind {
            name,
            scope: meta.scope,
            fan_out: meta.fan_out,
            applies: meta.applies,
            audience: meta.audience,
            max_pages: meta.max_pages,
            cuts: meta.cuts,
            languages,
            description: meta.description,
            required: meta.required,
            recommended: meta.recommended,
            filer: meta.filer,
            jurisdiction: meta.jurisdiction,
            jurisdiction_optional: meta.jurisdiction_optional,
            per_recipient: meta.per_recipient,
            filed_with_courts: meta.filed_with_courts,
            follow_up: meta.follow_up,
            normal_names: meta.names == NameStyle::Normal,
        });
    }
    kinds.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(kinds)
}
