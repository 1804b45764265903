//! The command line: clap definitions, turned into one plan before any work is done.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::build::BuildPlan;
use crate::case::Date;
use crate::export::{self, Export};
use crate::schema::FileKind;
pub use codespan_reporting::term::termcolor::ColorChoice;

const EXAMPLES: &str = "\
Examples:
  amicus build                          build every case and digest under ./cases into ./out
  amicus build cases/kanaliyev-2021.yaml --kind fact-sheet --lang ru
  amicus build --kind mep-letter --recipients meps.csv   one letter per Member and case
  amicus check                          check every case file without building
  amicus check --kind wgad              ... and list the facts a WGAD communication lacks
  amicus list                           list cases, digests and document kinds";

/// Turns case files about politically motivated prosecutions into the documents that defend
/// the people prosecuted: appeals, UN submissions, letters to MEPs, fact sheets and digests.
#[derive(Debug, Parser)]
#[command(name = "amicus", version = version(), after_help = EXAMPLES)]
pub struct Cli {
    /// The project folder, holding `cases/` [default: the current folder, or the nearest one above it that holds a project]
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// When to colour diagnostics
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// How to print problems: `rich` quotes the lines of the file, `short` is one line each
    /// (`file:line:column: error: message`), for editors and CI logs
    #[arg(long, global = true, value_enum, value_name = "FORMAT", default_value_t = DiagnosticFormat::Rich)]
    pub diagnostic_format: DiagnosticFormat,
    /// Print only errors and the summary line
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: every missing or unknown fact (check), every kept source (build), each
    /// message as the server answers it (send)
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

pub use crate::diag::DiagnosticFormat;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build documents from case files (all cases and digests when no path is given)
    #[command(
        after_help = "Examples:\n  amicus build                  only what changed since the last build\n  amicus build --force          everything\n  amicus build cases/ismakova-2021.yaml --kind fact-sheet\n  amicus build --kind mep-letter --recipients meps.csv -j 2\n  amicus build --lang ru --out /tmp/out\n  amicus build --final --kind appeal   refuse drafts"
    )]
    Build(BuildArgs),
    /// Send the built letters' messages (.eml) over SMTP, each to its recipient, once: what a
    /// server accepted is in the send log and never sent again
    #[command(
        after_help = "Examples:\n  amicus send --smtp smtp://mail.example.org:587 --dry-run       connect and check, send nothing\n  amicus send --smtp smtp://me@mail.example.org --test-to me@example.org   one message, to yourself\n  amicus send --smtp smtps://me@mail.example.org:465 --rate 30 --yes\n  amicus send cases/kanaliyev-2021.yaml --kind mep-letter --smtp smtp://mail.example.org\n\nThe password of the user in --smtp comes from the environment variable AMICUS_SMTP_PASSWORD, or\nfrom the line `HOST USER PASSWORD` of ~/.config/amicus/credentials, never from the command line."
    )]
    Send(SendArgs),
    /// Edit cases in the browser, with a live preview of their documents: a local web editor
    /// for people who do not write YAML
    #[command(
        after_help = "Examples:\n  amicus serve --open\n  amicus serve --port 8765 --root ~/campaign\n\nThe editor listens on 127.0.0.1 only and opens only from the address it prints, which holds a\nkey that changes at each start. A save changes only the fields edited, keeps the file's previous\nversion under out/history/, and is refused when the file changed on disk meanwhile."
    )]
    Serve {
        /// The port to listen on (127.0.0.1 only) [default: any free port]
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Open the editor in the default browser
        #[arg(long)]
        open: bool,
        /// The output folder: letters built from the editor, the previous versions of saved
        /// files (history/) and the recipients list last given (editor/) [default: <root>/out]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Build, then rebuild what each saved change affects, until Ctrl-C
    #[command(after_help = "Examples:\n  amicus watch\n  amicus watch --kind fact-sheet --lang en")]
    Watch(BuildArgs),
    /// Check case files and report every problem, without building anything
    #[command(
        after_help = "Examples:\n  amicus check                 a table: each case, each kind: ready, or what is missing\n  amicus check -v              ... and the facts themselves\n  amicus check --kind wgad cases/kanaliyev-2021.yaml"
    )]
    Check {
        /// Case files or folders [default: ./cases]
        paths: Vec<PathBuf>,
        /// Also report, per case, the facts this kind of document needs that are missing or
        /// unknown (repeatable)
        #[arg(long = "kind", value_name = "KIND", value_hint = clap::ValueHint::Other)]
        kinds: Vec<String>,
        /// Judge deadlines and which documents apply as of this date instead of today
        /// (YYYY-MM-DD)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<Date>,
    },
    /// List the cases, digests and document kinds of the project
    #[command(after_help = "Examples:\n  amicus list\n  amicus list --root ~/campaign")]
    List,
    /// Withdraw what no longer exists: remove the documents of cases, defendants and recipients
    /// gone from the project, and build again without them the documents that named them
    #[command(
        after_help = "Examples:\n  amicus clean --dry-run          list what would be removed, change nothing\n  amicus clean                    after deleting a case file, or a person from one\n  amicus clean --case doe-2024    withdraw a case whose file is still there\n  amicus clean --case viasna-2023/bialiatski   one defendant of a trial of several"
    )]
    Clean(CleanArgs),
    /// Print a shell completion script; it offers the project's kinds, languages and case
    /// ids as they are when it is made (make it again after adding a case)
    #[command(
        after_help = "Examples:\n  amicus completions bash > ~/.local/share/bash-completion/completions/amicus\n  amicus completions zsh > ~/.zfunc/_amicus"
    )]
    Completions { shell: clap_complete::Shell },
    /// Print a manual page (roff), or write them all
    #[command(
        after_help = "Examples:\n  amicus man > amicus.1 && man ./amicus.1\n  amicus man build | man -l -\n  amicus man --dir ~/.local/share/man/man1   every page, then `man amicus-build`"
    )]
    Man {
        /// The subcommand whose page to print (`amicus man build`) [default: the top page]
        #[arg(value_name = "SUBCOMMAND", conflicts_with = "dir")]
        command: Option<String>,
        /// Write every page (`amicus.1`, `amicus-build.1`, ...) into this folder instead
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// The dates that matter across cases: appeal deadlines, ends of sentences and bans
    #[command(after_help = "Examples:\n  amicus deadlines\n  amicus deadlines --upcoming --ics deadlines.ics")]
    Deadlines {
        /// Case files or folders [default: ./cases]
        paths: Vec<PathBuf>,
        /// Also write the dates as an iCalendar file, one event each
        #[arg(long, value_name = "FILE")]
        ics: Option<PathBuf>,
        /// Only dates from today on
        #[arg(long)]
        upcoming: bool,
        /// The date to count from instead of the clock (YYYY-MM-DD)
        #[arg(long, value_name = "DATE", value_parser = parse_date, hide = true)]
        today: Option<Date>,
    },
    /// Who a recipients list gives letters to: each person with their group, country,
    /// committees and e-mail address, and who has no address (their letters get no message)
    #[command(
        after_help = "Examples:\n  amicus recipients meps.csv --where committee=DROI\n  amicus recipients meps.xml --join committees.csv --where country=Germany --where country=France"
    )]
    Recipients {
        /// The recipients list: CSV, or the Parliament's MEP list in XML
        file: PathBuf,
        /// A CSV keyed by member `id` that adds what the list lacks
        #[arg(long, value_name = "FILE")]
        join: Option<PathBuf>,
        /// Only those for whom KEY=VALUE holds (repeatable): committee, country or group
        #[arg(long = "where", value_name = "KEY=VALUE")]
        selection: Vec<String>,
    },
    /// Make a project folder that `amicus build` turns into documents at once: an example
    /// case, the shared files, the schemas; the templates stay built in
    #[command(
        after_help = "Examples:\n  amicus init demo && cd demo && amicus build\n  amicus init                    in the current folder"
    )]
    Init {
        /// The folder to make the project in [default: the current folder]
        dir: Option<PathBuf>,
    },
    /// Work with the templates built into amicus
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Start a new file from a commented skeleton
    #[command(
        subcommand,
        after_help = "Examples:\n  amicus new case doe-2024\n  amicus new case doe-2024 --from kanaliyev-2021\n  amicus new source doe-2024-verdict\n  amicus new jurisdiction uz\n  amicus new sender"
    )]
    New(New),
    /// Print the JSON Schema of a kind of file, for editors that complete and check fields
    #[command(
        after_help = "Examples:\n  amicus schema > schema/case.schema.json\n  amicus schema source > schema/source.schema.json"
    )]
    Schema {
        /// The kind of file
        #[arg(value_enum, default_value_t = FileKind::Case)]
        kind: FileKind,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Copy the built-in templates into the project's `templates/` folder, to change them there;
    /// files the project has already are kept as they are
    #[command(
        after_help = "Examples:\n  amicus templates export               every kind and the library\n  amicus templates export fact-sheet    one kind\n  amicus templates export _lib          the library every kind imports (locale words, phrases, style)\n\nA copied file replaces the built-in one for good, so words and phrases a later amicus brings\ndo not reach it: copy only what you change."
    )]
    Export {
        /// The kind to copy, or `_lib` [default: every kind and `_lib`]
        kind: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum New {
    /// A case file `cases/<ID>.yaml` to fill in: its TODOs say what to write, and `amicus check` what is left
    Case {
        /// The case's id: lowercase letters, digits and hyphens (`doe-2024`)
        id: String,
        /// Take jurisdiction, place, statements and sources from this case
        #[arg(long, value_name = "CASE")]
        from: Option<String>,
        /// How many people were tried together: more than one lists them under `defendants`
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=200))]
        defendants: u16,
    },
    /// A jurisdiction file `cases/_shared/jurisdictions/<ID>.yaml`: a country's law, by its code
    Jurisdiction {
        /// The file's id, which cases name: lowercase letters, digits and hyphens (`uz`)
        id: String,
    },
    /// An organisation file `cases/_shared/organisations/<ID>.yaml`: a movement, party or union
    Organisation {
        /// The file's id, which cases name: lowercase letters, digits and hyphens
        id: String,
    },
    /// A statement file `cases/_shared/statements/<ID>.yaml`: what an international body said
    Statement {
        /// The file's id, which cases name: lowercase letters, digits and hyphens
        /// (`ep-2024-05-02`)
        id: String,
    },
    /// A source file `cases/_shared/sources/<ID>.yaml`: a document the facts come from
    Source {
        /// The file's id, which cases name: lowercase letters, digits and hyphens
        /// (`doe-2024-verdict`)
        id: String,
    },
    /// A digest file `cases/_digests/<ID>.yaml`: a report over several cases
    Digest {
        /// The digest's id, which names its documents: lowercase letters, digits and hyphens
        id: String,
    },
    /// A sender file `cases/_shared/senders/<ID>.yaml`: who sends, signs and submits the
    /// documents
    Sender {
        /// `default` for the project's sender; another id for a case that names it
        #[arg(default_value = "default")]
        id: String,
    },
}

impl New {
    /// The kind of file to write and its id.
    pub fn kind_and_id(&self) -> (FileKind, &str) {
        match self {
            New::Case { id, .. } => (FileKind::Case, id),
            New::Jurisdiction { id } => (FileKind::Jurisdiction, id),
            New::Organisation { id } => (FileKind::Organisation, id),
            New::Statement { id } => (FileKind::Statement, id),
            New::Source { id } => (FileKind::Source, id),
            New::Digest { id } => (FileKind::Digest, id),
            New::Sender { id } => (FileKind::Sender, id),
        }
    }
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The output folder to clean [default: <root>/out]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Withdraw this case (or `CASE/DEFENDANT`, one person of a trial of several) though its
    /// file is still there; the file is kept (repeatable)
    #[arg(long = "case", value_name = "ID", value_hint = clap::ValueHint::Other)]
    pub cases: Vec<String>,
    /// List what would be removed and built again, and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Check every letter against this recipients list [default: the list each letter was
    /// built from]
    #[arg(long, value_name = "FILE")]
    pub recipients: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Only the letters of these case files, or folders of them [default: every built letter]
    pub paths: Vec<PathBuf>,
    /// The SMTP server: smtp://[USER@]HOST[:PORT] (STARTTLS, port 587 unless given) or
    /// smtps://[USER@]HOST[:PORT] (TLS, port 465)
    #[arg(long, value_name = "URL", value_parser = crate::send::Server::parse)]
    pub smtp: crate::send::Server,
    /// Only this kind of letter (repeatable)
    #[arg(long = "kind", value_name = "KIND", value_hint = clap::ValueHint::Other)]
    pub kinds: Vec<String>,
    /// Only this language (repeatable)
    #[arg(long = "lang", value_name = "LANG", value_hint = clap::ValueHint::Other)]
    pub languages: Vec<String>,
    /// The output folder the letters were built into [default: <root>/out]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Send without asking (needed when not on a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Connect, log in and check every message, and send nothing
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
    /// Send only the first message, to this address instead of its recipient, to see what
    /// recipients will get; it is not counted as sent
    #[arg(long, value_name = "ADDRESS", conflicts_with = "dry_run")]
    pub test_to: Option<String>,
    /// Send again the letters that changed since they were sent, and those a server took whole
    /// but never answered (perhaps delivered: ask the recipient first)
    #[arg(long)]
    pub resend: bool,
    /// At most N messages a minute (servers limit how fast they take mail)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub rate: Option<u32>,
    /// Allow plain SMTP when the server offers no STARTTLS, and any certificate: only for a
    /// test server on this machine
    #[arg(long)]
    pub insecure: bool,
    /// The credentials file, lines `HOST USER PASSWORD`, outside the project [default:
    /// ~/.config/amicus/credentials]
    #[arg(long, value_name = "FILE")]
    pub credentials: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Case or digest files, or folders of them [default: every case and digest in ./cases]
    pub paths: Vec<PathBuf>,
    /// Only this kind of document (repeatable): fact-sheet, digest, ...
    #[arg(long = "kind", value_name = "KIND", value_hint = clap::ValueHint::Other)]
    pub kinds: Vec<String>,
    /// Only this language (repeatable): en, ru, ...
    #[arg(long = "lang", value_name = "LANG", value_hint = clap::ValueHint::Other)]
    pub languages: Vec<String>,
    /// Where to write the documents [default: <root>/out]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Recipients of letters: CSV (`name`, optional `title`, `group`, `country`, `committees`,
    /// `email`) or the Parliament's MEP list in XML; letter kinds are skipped without it
    #[arg(long, value_name = "FILE")]
    pub recipients: Option<PathBuf>,
    /// A CSV keyed by member `id` that adds to the recipients what their file lacks (the
    /// Parliament's list has no `committees`, `email`, `office` or `title`)
    #[arg(long, value_name = "FILE", requires = "recipients")]
    pub join: Option<PathBuf>,
    /// Only the recipients for whom KEY=VALUE holds (repeatable): committee, country or group;
    /// values of one key are alternatives, different keys must all hold
    #[arg(long = "where", value_name = "KEY=VALUE", requires = "recipients")]
    pub selection: Vec<String>,
    /// The date written into documents whose case file has no `document_date`, and the day
    /// their facts are judged at (YYYY-MM-DD); it takes precedence over `SOURCE_DATE_EPOCH`.
    /// Default: today
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<Date>,
    /// What to write: archival PDF, PNG page images, or only the Typst source
    #[arg(long, value_enum, default_value = export::FORMATS[0].name())]
    pub format: Format,
    /// Build every document, even those whose inputs have not changed since the last build
    #[arg(long)]
    pub force: bool,
    /// Refuse drafts: fail (exit 1) for a document whose sender or filer has not given their
    /// own facts, instead of building it with lines to fill in and a DRAFT mark
    #[arg(long = "final")]
    pub final_only: bool,
    /// How many documents to typeset at once [default: one per core, at most 8]
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: Option<u16>,
}

/// `amicus 0.1.0 (Typst 0.15.1)`: the Typst compiled in decides how documents are set.
fn version() -> &'static str {
    static VERSION: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| format!("{} (Typst {})", env!("CARGO_PKG_VERSION"), typst::utils::version().raw()));
    &VERSION
}

/// `--format`: one of the exports [`export::FORMATS`] lists.
#[derive(Debug, Clone, Copy)]
pub struct Format(pub &'static dyn Export);

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        static VARIANTS: std::sync::LazyLock<Vec<Format>> =
            std::sync::LazyLock::new(|| export::FORMATS.into_iter().map(Format).collect());
        &VARIANTS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()).help(self.0.about()))
    }
}

impl Cli {
    /// The project folder: `--root`, else the current folder if it holds `cases/`, else the
    /// nearest folder above that holds an amicus project (as cargo finds `Cargo.toml`), else
    /// the current folder. Above, `cases/` alone is not enough (a folder of letters may have
    /// that name): it must hold `_shared/`, or `templates/` must stand beside it, as in every
    /// project `init` makes.
    pub fn root(&self) -> PathBuf {
        if let Some(root) = &self.root {
            return root.clone();
        }
        let here = PathBuf::from(".");
        let Ok(current) = std::env::current_dir() else { return here };
        if current.join("cases").is_dir() {
            return here;
        }
        match current.ancestors().find(|dir| is_project(dir)) {
            Some(found) if found != current => found.to_path_buf(),
            _ => here,
        }
    }

    /// How to colour diagnostics. A flag beats the environment: `--color always` colours even
    /// with `NO_COLOR` set or `TERM=dumb`; `auto` colours a terminal unless they say not to.
    pub fn color(&self) -> ColorChoice {
        match self.color {
            Color::Always => ColorChoice::Always,
            Color::Never => ColorChoice::Never,
            Color::Auto if std::io::stderr().is_terminal() => ColorChoice::Auto,
            Color::Auto => ColorChoice::Never,
        }
    }

    /// The plan for the command, decided before any work; an error is a usage error.
    pub fn plan(&self) -> Result<BuildPlan, String> {
        let root = self.root();
        let mut plan = BuildPlan { date: source_date_epoch()?, ..BuildPlan::new(root) };
        match &self.command {
            Command::Build(args) | Command::Watch(args) => {
                plan.paths = args.paths.clone();
                plan.kinds = args.kinds.clone();
                plan.languages = args.languages.clone();
                plan.recipients = args.recipients.clone();
                plan.join = args.join.clone();
                plan.selection = crate::recipients::Selection::parse(&args.selection)?;
                // A flag beats the environment: `--date` is what the user asked for now.
                plan.date = args.date.or(plan.date);
                plan.format = args.format.0;
                plan.force = args.force;
                plan.final_only = args.final_only;
                if let Some(jobs) = args.jobs {
                    plan.jobs = usize::from(jobs);
                }
                if let Some(out) = &args.out {
                    plan.out_dir = out.clone();
                }
            }
            Command::Deadlines { paths, .. } => plan.paths = paths.clone(),
            Command::Send(args) => {
                plan.paths = args.paths.clone();
                plan.kinds = args.kinds.clone();
                plan.languages = args.languages.clone();
                if let Some(out) = &args.out {
                    plan.out_dir = out.clone();
                }
                if let Some(to) = args.test_to.as_deref().filter(|to| crate::email::address(to).is_none()) {
                    return Err(format!("`--test-to {to}` is not one plain e-mail address (name@example.org)"));
                }
            }
            Command::Serve { out: Some(out), .. } => plan.out_dir = out.clone(),
            Command::Serve { out: None, .. } => {}
            Command::Clean(args) => {
                plan.recipients = args.recipients.clone();
                if let Some(out) = &args.out {
                    plan.out_dir = out.clone();
                }
            }
            Command::Check { paths, kinds, date } => {
                plan.paths = paths.clone();
                plan.kinds = kinds.clone();
                // What applies is judged today unless asked otherwise; not at a build's date.
                plan.date = *date;
            }
            Command::List
            | Command::Schema { .. }
            | Command::New(_)
            | Command::Init { .. }
            | Command::Templates(_)
            | Command::Completions { .. }
            | Command::Recipients { .. }
            | Command::Man { .. } => {}
        }
        // Commands that read a project need one: outside it, a build that silently finds
        // nothing to do would look like success.
        let reads_project = matches!(
            self.command,
            Command::Build(_)
                | Command::Watch(_)
                | Command::Check { .. }
                | Command::List
                | Command::Clean(_)
                | Command::Send(_)
                | Command::Deadlines { .. }
                | Command::Templates(_)
        );
        if reads_project && !plan.cases_dir().is_dir() {
            return Err(format!(
                "{} holds no `cases/` folder, so it is not an amicus project: run amicus in a project (or a folder \
                 inside one), give it with `--root DIR`, or make one with `amicus init DIR`",
                plan.root.display()
            ));
        }
        if let Some(missing) = plan.paths.iter().find(|p| !p.exists()) {
            return Err(format!("`{}` does not exist", missing.display()));
        }
        Ok(plan)
    }
}

/// Whether `dir` holds an amicus project, as a folder above the current one must to be taken
/// for it: `cases/` holding `_shared/`, or `cases/` beside `templates/`.
pub fn is_project(dir: &std::path::Path) -> bool {
    dir.join("cases").is_dir() && (dir.join("cases/_shared").is_dir() || dir.join("templates").is_dir())
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
}

/// The date reproducible builds agree on, from `SOURCE_DATE_EPOCH` (seconds since 1970).
fn source_date_epoch() -> Result<Option<Date>, String> {
    let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") else { return Ok(None) };
    let seconds: i64 =
        value.trim().parse().map_err(|_| format!("SOURCE_DATE_EPOCH is `{value}`, not a number of seconds"))?;
    let moment = chrono::DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{value}` is out of range"))?;
    Ok(Some(Date(moment.date_naive())))
}
