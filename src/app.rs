//! What each command does with a plan, and what it prints. Returns the process exit code:
//! 0 when everything asked for was done, 1 when any document or file failed, 2 for usage
//! errors (unknown kind or language; clap handles the rest).

use crate::build::{self, BuildPlan, Report};
use crate::case::{Case, Loaded};
use crate::cli::{Cli, Command};
use crate::diag::{Diagnostic, Printer, count};
use crate::document::Subject;
use crate::facts;
use crate::kind::{self, Kind, Scope};

pub const EXIT_OK: i32 = 0;
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

pub fn run(cli: &Cli) -> i32 {
    let printer = Printer::new(cli.color(), cli.diagnostic_format);
    let plan = match cli.plan() {
        Ok(plan) => plan,
        Err(usage) => {
            eprintln!("error: {usage}");
            return EXIT_USAGE;
        }
    };
    match &cli.command {
        Command::Build(_) => run_build(&plan, &printer, Verbosity::of(cli)),
        Command::Watch(_) => run_watch(&plan, &printer, Verbosity::of(cli)),
        Command::Check { .. } => run_check(&plan, &printer, Verbosity::of(cli)),
        Command::Completions { shell } => {
            let mut command = completion_command(&plan);
            clap_complete::generate(*shell, &mut command, "amicus", &mut std::io::stdout());
            EXIT_OK
        }
        Command::Man { command, dir } => run_man(command.as_deref(), dir.as_deref()),
        Command::List => run_list(&plan, &printer),
        Command::Clean(args) => run_clean(&plan, &printer, args, Verbosity::of(cli)),
        Command::Init { dir } => run_init(&printer, dir.as_deref().unwrap_or(std::path::Path::new("."))),
        Command::Templates(crate::cli::TemplatesCommand::Export { kind }) => {
            run_templates_export(&plan, &printer, kind.as_deref())
        }
        Command::New(crate::cli::New::Case { id, from, defendants }) => {
            run_new_case(&plan, &printer, id, from.as_deref(), usize::from(*defendants))
        }
        Command::New(new) => {
            let (kind, id) = new.kind_and_id();
            run_new(&plan, &printer, kind, id)
        }
        Command::Deadlines { ics, upcoming, today, .. } => {
            run_deadlines(&plan, &printer, ics.as_deref(), *upcoming, *today)
        }
        Command::Schema { kind } => {
            println!("{}", crate::schema::schema(*kind));
            EXIT_OK
        }
        Command::Recipients { file, join, selection } => run_recipients(&printer, file, join.as_deref(), selection),
        Command::Send(args) => run_send(&plan, &printer, args, Verbosity::of(cli)),
        Command::Serve { port, open, .. } => run_serve(&plan, &printer, *port, *open),
    }
}

/// `amicus recipients FILE`: who the list gives letters to, one line each on standard output
/// (name, group, country, committees, e-mail address), and a summary on standard error.
fn run_recipients(
    printer: &Printer,
    file: &std::path::Path,
    join: Option<&std::path::Path>,
    selection: &[String],
) -> i32 {
    let selection = match crate::recipients::Selection::parse(selection) {
        Ok(selection) => selection,
        Err(usage) => {
            eprintln!("error: {usage}");
            return EXIT_USAGE;
        }
    };
    let (list, warnings) = match crate::recipients::List::load(file, join, &selection) {
        Ok(loaded) => loaded,
        Err(errors) => {
            printer.print_all(&errors);
            return EXIT_FAILED;
        }
    };
    printer.print_all(&warnings);
    let mut unaddressed = 0;
    let read = list.each_chunk(crate::recipients::CHUNK, |chunk| {
        for person in chunk {
            let email = person.email.as_deref().and_then(crate::email::address);
            unaddressed += usize::from(email.is_none());
            let columns = [
                format!(
                    "{}{}",
                    person.title.as_deref().map(|t| format!("{t} ")).unwrap_or_default(),
                    person.display_name
                ),
                person.group.clone().unwrap_or_default(),
                person.country.clone().unwrap_or_default(),
                person.committees.join(";"),
                email.unwrap_or("(no e-mail address)").to_owned(),
            ];
            println!("{}", columns.join("\t"));
        }
    });
    if let Err(error) = read {
        printer.print(&error);
        return EXIT_FAILED;
    }
    let selected = match selection.is_empty() {
        true => format!("{} on the list", count(list.len(), "recipient", "recipients")),
        false => format!("{} of {} on the list match {selection}", list.len(), list.everybody()),
    };
    eprintln!(
        "{selected}; {} no e-mail address: their letters get no message (.eml)",
        match unaddressed {
            1 => "1 has".to_owned(),
            n => format!("{n} have"),
        }
    );
    EXIT_OK
}

/// The kinds the plan asks for, or the exit code of a usage error (reported here).
fn selected_kinds(plan: &BuildPlan, printer: &Printer) -> Result<Vec<Kind>, i32> {
    build::select_kinds(plan).map_err(|error| match error {
        Ok(usage) => {
            eprintln!("error: {}", usage.0);
            EXIT_USAGE
        }
        Err(diagnostic) => {
            printer.print(&diagnostic);
            EXIT_FAILED
        }
    })
}

/// The command line with the values the project has: its kinds, languages and case ids, so
/// that a completion script offers them. Read once, when the script is made; a project that
/// cannot be read yet (no cases) still gets the built-in kinds and languages.
fn completion_command(plan: &BuildPlan) -> clap::Command {
    use clap::builder::PossibleValuesParser;
    let kinds = kind::kinds(&plan.templates()).unwrap_or_default();
    let mut languages: Vec<String> = kinds.iter().flat_map(|k| k.languages.iter().cloned()).collect();
    languages.sort();
    languages.dedup();
    let names: Vec<String> = kinds.into_iter().map(|k| k.name).collect();
    let (project, _, _) = build::load_and_check(plan);
    let mut ids: Vec<String> = project.cases.iter().map(|c| c.value.id.clone()).collect();
    ids.sort();
    let offer = |values: &[String]| {
        PossibleValuesParser::new(values.iter().map(|v| clap::builder::PossibleValue::new(v.clone())))
    };
    let mut command = <Cli as clap::CommandFactory>::command();
    for sub in ["build", "watch"] {
        command = command.mut_subcommand(sub, |c| {
            c.mut_arg("kinds", |a| a.value_parser(offer(&names)))
                .mut_arg("languages", |a| a.value_parser(offer(&languages)))
        });
    }
    command = command.mut_subcommand("check", |c| c.mut_arg("kinds", |a| a.value_parser(offer(&names))));
    command = command.mut_subcommand("templates", |c| {
        c.mut_subcommand("export", |e| e.mut_arg("kind", |a| a.value_parser(offer(&names))))
    });
    if !ids.is_empty() {
        command = command.mut_subcommand("clean", |c| c.mut_arg("cases", |a| a.value_parser(offer(&ids))));
    }
    command
}

/// `amicus man`: the top page, one subcommand's page, or every page into a folder.
fn run_man(name: Option<&str>, dir: Option<&std::path::Path>) -> i32 {
    let command = <Cli as clap::CommandFactory>::command();
    if let Some(dir) = dir {
        // A mistyped folder is a mistake to report, as for `deadlines --ics`.
        if !dir.is_dir() {
            eprintln!("error: the folder {} does not exist; make it first", dir.display());
            return EXIT_FAILED;
        }
        return match clap_mangen::generate_to(command, dir) {
            Ok(()) => {
                eprintln!("wrote the manual pages into {}", dir.display());
                EXIT_OK
            }
            Err(e) => {
                eprintln!("error: cannot write the manual pages into {}: {e}", dir.display());
                EXIT_FAILED
            }
        };
    }
    let page = match name {
        None => command,
        Some(name) => {
            let mut command = command;
            command.build();
            match command.find_subcommand(name).cloned() {
                // Named as `generate_to` names it, so that the pages agree.
                Some(sub) => sub.name(format!("amicus-{name}")),
                None => {
                    let known: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                    eprintln!("error: there is no subcommand `{name}`; subcommands: {}", known.join(", "));
                    return EXIT_USAGE;
                }
            }
        }
    };
    match clap_mangen::Man::new(page).render(&mut std::io::stdout()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write the manual page: {e}");
            EXIT_FAILED
        }
    }
}

/// How much `build` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Verbosity {
    fn of(cli: &Cli) -> Verbosity {
        match (cli.quiet, cli.verbose) {
            (true, _) => Verbosity::Quiet,
            (_, true) => Verbosity::Verbose,
            _ => Verbosity::Normal,
        }
    }
}

fn run_build(plan: &BuildPlan, printer: &Printer, verbosity: Verbosity) -> i32 {
    let kinds = match selected_kinds(plan, printer) {
        Ok(kinds) => kinds,
        Err(code) => return code,
    };
    let progress = ProgressBar::on_terminal(verbosity);
    let report = build::build(plan, &kinds, &progress);
    progress.0.finish_and_clear();
    print_report(&report, plan, printer, verbosity);
    if report.success() { EXIT_OK } else { EXIT_FAILED }
}

/// Shows what will be sent and asks, then sends, saying how it went; 0 when every message was
/// accepted (or had been before).
fn run_send(plan: &BuildPlan, printer: &Printer, args: &crate::cli::SendArgs, verbosity: Verbosity) -> i32 {
    use crate::send::{self, SendPlan};
    let send_plan = SendPlan {
        build: plan.clone(),
        server: args.smtp.clone(),
        insecure: args.insecure,
        resend: args.resend,
        rate: args.rate,
        test_to: args.test_to.clone(),
        credentials: args.credentials.clone(),
    };
    // Held from before the messages are read until the last is logged.
    let _lock = match plan.out_dir.is_dir() {
        true => match send::lock(&plan.out_dir, || {
            eprintln!("waiting: another amicus run is using {}; this one goes on when it ends", plan.out_dir.display())
        }) {
            Ok(lock) => Some(lock),
            Err(e) => {
                printer.print(&e);
                return EXIT_FAILED;
            }
        },
        false => None,
    };
    let prepared = match send::prepare(&send_plan) {
        Ok(prepared) => prepared,
        Err(errors) => {
            printer.print_all(&errors);
            eprintln!("nothing sent");
            return EXIT_FAILED;
        }
    };
    let server = args.smtp.url();
    if prepared.already_sent > 0 && verbosity != Verbosity::Quiet {
        eprintln!(
            "{} sent before and unchanged: not sent again",
            count(prepared.already_sent, "message was", "messages were")
        );
    }
    for (list, what) in [
        (&prepared.changed, "changed since sent, not sent again without --resend"),
        (
            &prepared.uncertain,
            "given to the server before, which never answered: perhaps delivered, not sent again without --resend",
        ),
        (&prepared.same_address, "to an address another letter of the same case goes to: not sent twice"),
    ] {
        if !list.is_empty() {
            eprintln!(
                "note: {} {what}: {}",
                count(list.len(), "letter", "letters"),
                named(list.iter().map(String::as_str))
            );
        }
    }
    let Some(first) = prepared.to_send.first() else {
        eprintln!("nothing to send ({})", send::log_path(&plan.out_dir).display());
        return match args.dry_run {
            true => dry_run(&send_plan, printer),
            false => EXIT_OK,
        };
    };
    let to_send = match &args.test_to {
        Some(address) => format!("1 test message ({}) to {address}, not to its recipient", first.file),
        None => {
            let mut cases: Vec<&str> = prepared.to_send.iter().map(|m| m.label.as_str()).collect();
            cases.dedup();
            format!(
                "{} ({}) to {}",
                count(prepared.to_send.len(), "message", "messages"),
                cases.join(", "),
                named(prepared.to_send.iter().map(|m| m.address.as_str()))
            )
        }
    };
    eprintln!("to send: {to_send}\n  from {}\n  through {server}", first.from);
    if args.dry_run {
        return dry_run(&send_plan, printer);
    }
    if args.test_to.is_none() && !args.yes && !confirmed(prepared.to_send.len()) {
        eprintln!("nothing sent");
        return EXIT_USAGE;
    }
    let total = if args.test_to.is_some() { 1 } else { prepared.to_send.len() };
    let progress = match verbosity != Verbosity::Quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        true => indicatif::ProgressBar::new(total as u64).with_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} messages, {eta} left  {wide_msg}")
                .expect("the template is valid"),
        ),
        false => indicatif::ProgressBar::hidden(),
    };
    let sent = send::send(&send_plan, &prepared, &mut |message, outcome| {
        if verbosity == Verbosity::Verbose {
            progress.suspend(|| eprintln!("{outcome:?}: {} to {}", message.file, message.address));
        }
        progress.set_message(message.address.clone());
        progress.inc(1);
    });
    progress.finish_and_clear();
    for (file, reply) in &sent.failed {
        eprintln!("error: {file}: refused by the server: {reply}");
    }
    if !sent.uncertain.is_empty() {
        eprintln!(
            "warning: {} went whole to the server, which never answered: perhaps delivered, so not sent again without --resend (ask the recipient, or look in the server's log): {}",
            count(sent.uncertain.len(), "message", "messages"),
            sent.uncertain.join(", ")
        );
    }
    if let Some(stopped) = &sent.stopped {
        printer.print(stopped);
    }
    let mut summary = format!("{} accepted, {} refused", sent.accepted, sent.failed.len());
    if !sent.uncertain.is_empty() {
        summary.push_str(&format!(", {} uncertain", sent.uncertain.len()));
    }
    if sent.not_tried > 0 {
        summary.push_str(&format!(", {} not sent (stopped; run amicus send again to go on)", sent.not_tried));
    }
    eprintln!("{summary} ({})", send::log_path(&plan.out_dir).display());
    match sent.failed.is_empty() && sent.uncertain.is_empty() && sent.stopped.is_none() {
        true => EXIT_OK,
        false => EXIT_FAILED,
    }
}

/// `--dry-run`: the messages were checked; the connection is checked, and nothing sent.
fn dry_run(plan: &crate::send::SendPlan, printer: &Printer) -> i32 {
    match crate::send::check_connection(plan) {
        Ok(()) => {
            eprintln!("dry run: the messages are ready and {} took the connection; nothing sent", plan.server.url());
            EXIT_OK
        }
        Err(e) => {
            printer.print(&e);
            EXIT_FAILED
        }
    }
}

/// The first few of a list, and how many more.
fn named<'a>(items: impl ExactSizeIterator<Item = &'a str>) -> String {
    const NAMED: usize = 3;
    let more = items.len().saturating_sub(NAMED);
    let mut line = items.take(NAMED).collect::<Vec<_>>().join(", ");
    if more > 0 {
        line.push_str(&format!(" and {more} more"));
    }
    line
}

/// Asks on the terminal; without one, says how to send without asking.
fn confirmed(messages: usize) -> bool {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        eprintln!("error: sending needs --yes when amicus cannot ask (not on a terminal); --dry-run checks first");
        return false;
    }
    eprint!("send {}? type yes to send: ", count(messages, "message", "messages"));
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).is_ok() && answer.trim().eq_ignore_ascii_case("yes")
}

/// A progress bar on standard error while documents are typeset: only on a terminal and
/// without `-q`, so that logs and pipes get nothing but the summary. Without `-q`, a run that
/// waits for another says so, wherever its output goes.
struct ProgressBar(indicatif::ProgressBar, Verbosity);

impl ProgressBar {
    fn on_terminal(verbosity: Verbosity) -> ProgressBar {
        use std::io::IsTerminal;
        if verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
            return ProgressBar(indicatif::ProgressBar::hidden(), verbosity);
        }
        let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} documents, {eta} left  {wide_msg}")
            .expect("the template is valid");
        ProgressBar(indicatif::ProgressBar::new(0).with_style(style), verbosity)
    }
}

impl build::Progress for ProgressBar {
    fn start(&self, documents: usize) {
        self.0.set_length(documents as u64);
    }

    fn finished(&self, label: &str) {
        self.0.set_message(label.to_owned());
        self.0.inc(1);
    }

    /// With `-v`, each document as it is written: a list of 100,000 letters is not held to the
    /// end.
    fn built(&self, built: &build::Built) {
        if self.1 != Verbosity::Verbose {
            return;
        }
        self.0.suspend(|| {
            eprintln!("built {}", built.file.display());
            if built.source != built.file {
                eprintln!("      from {}", built.source.display());
            }
        });
    }

    fn waiting(&self, out_dir: &std::path::Path) {
        if self.1 == Verbosity::Quiet {
            return;
        }
        self.0.suspend(|| {
            eprintln!("waiting: another amicus run is writing to {}; this one goes on when it ends", out_dir.display())
        });
    }
}

/// Diagnostics, notes and one summary line; the documents one by one only with `-v`.
fn print_report(report: &Report, plan: &BuildPlan, printer: &Printer, verbosity: Verbosity) {
    // The same warning comes once per document that meets it; say it once.
    let mut seen = std::collections::HashSet::new();
    let quiet = verbosity == Verbosity::Quiet;
    printer.print_all(
        report.diagnostics.iter().filter(|d| !(quiet && !d.is_error())).filter(|d| seen.insert(d.render_plain())),
    );
    // A refusal that is the same for each language of a kind is said once.
    for failure in &report.failed {
        printer.print_all(failure.diagnostics.iter().filter(|d| seen.insert(d.render_plain())));
    }
    for note in report.notes.iter().filter(|_| !quiet) {
        eprintln!("note: {note}");
    }
    if verbosity == Verbosity::Verbose && report.rendered_unchanged > 0 {
        eprintln!(
            "note: {} up to date once rendered: files they are made from changed, not what they say",
            report.rendered_unchanged
        );
    }
    eprintln!("{}", summary(report, plan));
}

/// `16 built, 0 up to date, 0 failed in 1.4 s (out)`, naming the failed documents.
fn summary(report: &Report, plan: &BuildPlan) -> String {
    /// Enough names to find the failures; the diagnostics above name them all.
    const NAMED: usize = 10;
    let failed: Vec<&str> = report.failed.iter().map(|f| f.label.as_str()).collect();
    let time = match report.elapsed.as_secs_f64() {
        s if s < 1.0 => format!("{} ms", report.elapsed.as_millis()),
        s => format!("{s:.1} s"),
    };
    let mut line = format!(
        "{} built, {} up to date, {} failed in {time} ({})",
        report.built,
        report.up_to_date,
        failed.len(),
        plan.out_dir.display()
    );
    if !failed.is_empty() {
        line.push_str(&format!(": {}", failed[..failed.len().min(NAMED)].join(", ")));
        if failed.len() > NAMED {
            line.push_str(&format!(" and {} more", failed.len() - NAMED));
        }
    }
    // Errors no document's failure accounts for: a file that cannot be read builds nothing.
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 && failed.is_empty() {
        line.push_str(&format!("; {} above", count(errors, "error", "errors")));
    }
    // Said even with `-q`: an earlier build of a skipped document may still be in the folder.
    if report.not_ready > 0 {
        line.push_str(&format!(
            "; {} not built: they do not apply, or their cases are not ready (`amicus check`)",
            report.not_ready
        ));
    }
    line
}

fn run_check(plan: &BuildPlan, printer: &Printer, verbosity: Verbosity) -> i32 {
    let verbose = verbosity == Verbosity::Verbose;
    let kinds = match selected_kinds(plan, printer) {
        Ok(kinds) => kinds,
        Err(code) => return code,
    };
    let case_kinds: Vec<&Kind> = kinds.iter().filter(|k| k.scope == Scope::Case).collect();
    let (project, checked, mut diagnostics) = build::load_and_check(plan);
    // The words of every language the kinds are written in.
    let mut languages: Vec<&String> = kinds.iter().flat_map(|k| &k.languages).collect();
    languages.sort();
    languages.dedup();
    for lang in languages {
        diagnostics.extend(crate::locale::Locale::load(&plan.templates(), lang).err());
    }
    // `-q`: errors only, as `build -q` prints them.
    printer.print_all(diagnostics.iter().filter(|d| verbosity != Verbosity::Quiet || d.is_error()));
    let (cases, digests) = build::requested(plan, &project);
    let valid: Vec<&Loaded<Case>> =
        cases.iter().copied().filter(|c| !checked.broken_cases.contains(&c.value.id)).collect();
    let at = plan.judged_at();
    // Without `--kind`: one table, a row per case (per defendant of a case of several) and a
    // column per kind.
    if plan.kinds.is_empty() && !valid.is_empty() {
        print_readiness_table(&valid, &case_kinds, &project.shared, at);
    }
    let detailed = !plan.kinds.is_empty() || verbose;
    // Kinds asked for by name that cannot be built: errors, counted with the others.
    let mut refused = 0;
    for case in &valid {
        for line in appeal_deadline_lines(case, &project, at) {
            println!("{line}");
        }
        for kind in case_kinds.iter().filter(|_| detailed) {
            for subject in Subject::of_case(case, kind) {
                let (who, readiness) = (subject.folder(), subject.readiness(kind, &project.shared, at));
                let verdict = if readiness.ready() { "can be built" } else { "CANNOT be built" };
                println!("{who} · {}: {verdict}", kind.name);
                if let Some(form) = readiness.form.as_ref().filter(|_| readiness.not_applicable.is_none()) {
                    println!("  builds {form}");
                }
                if let Some(reason) = &readiness.not_applicable {
                    println!("  does not apply: {reason}");
                }
                for (label, fields) in [
                    ("required, missing", &readiness.missing_required),
                    ("required, unknown (printed as not known)", &readiness.unknown_required),
                    ("recommended, missing", &readiness.missing_recommended),
                    ("recommended, unknown", &readiness.unknown_recommended),
                    (
                        "the sender's or filer's own, missing (built as a DRAFT with lines to fill in)",
                        &readiness.missing_filer,
                    ),
                    ("law its jurisdiction file does not give", &readiness.missing_law),
                    ("not yet verified against the law in force or a current source", &readiness.unverified),
                    ("no template in a language the courts accept", &readiness.unfileable_in),
                ] {
                    if !fields.is_empty() {
                        println!("  {label}: {}", fields.join(", "));
                    }
                }
                // Asked about a kind by name, a kind that cannot be built fails the check.
                if !plan.kinds.is_empty() {
                    for refusal in readiness.refusal(&who, case, &kind.name) {
                        printer.print(&refusal);
                        refused += 1;
                    }
                }
            }
        }
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let errors = errors + refused;
    eprintln!(
        "{}, {} checked: {}, {}",
        count(cases.len(), "case", "cases"),
        count(digests.len(), "digest", "digests"),
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings")
    );
    let broken = cases.iter().any(|c| checked.broken_cases.contains(&c.value.id))
        || digests.iter().any(|d| checked.broken_digests.contains(&d.value.id));
    if errors > 0 || broken { EXIT_FAILED } else { EXIT_OK }
}

/// Prints, per case (per defendant of a case of several) and kind: `ready`, `ready, 1 missing,
/// 3 unknown` (recommended facts), `does not apply` (an appeal against a verdict in force), or
/// `BLOCKED: 2 missing` (required facts absent: `build` refuses the kind).
fn print_readiness_table(
    cases: &[&Loaded<Case>],
    kinds: &[&Kind],
    shared: &crate::case::Shared,
    at: crate::case::Date,
) {
    let mut rows: Vec<Vec<String>> =
        vec![std::iter::once("case".to_owned()).chain(kinds.iter().map(|k| k.name.clone())).collect()];
    for case in cases {
        for index in 0..case.value.defendant_count() {
            let mut row = vec![case.value.defendant_label(index)];
            for kind in kinds {
                let subject = match kind.fan_out {
                    crate::kind::FanOut::Defendant => Subject::Defendant(case, index),
                    // A kind made once per trial: its cell on the first defendant's row.
                    crate::kind::FanOut::Proceeding if index == 0 => Subject::Proceeding(case),
                    crate::kind::FanOut::Proceeding => {
                        row.push("(per trial)".to_owned());
                        continue;
                    }
                };
                let readiness = subject.readiness(kind, shared, at);
                let missing = readiness.missing_recommended.len();
                let unknown = readiness.unknown_required.len() + readiness.unknown_recommended.len();
                row.push(match (readiness.ready(), missing, unknown) {
                    (false, _, _) if readiness.not_applicable.is_some() => "does not apply".to_owned(),
                    (false, _, _) => {
                        let facts = readiness.missing_required.len();
                        let facts = (facts > 0).then(|| format!("{facts} missing"));
                        let law = (!readiness.missing_law.is_empty())
                            .then(|| format!("law missing: {}", readiness.missing_law.join(", ")));
                        format!("BLOCKED: {}", facts.into_iter().chain(law).collect::<Vec<_>>().join(", "))
                    }
                    (true, 0, 0) => "ready".to_owned(),
                    (true, 0, u) => format!("ready, {u} unknown"),
                    (true, m, 0) => format!("ready, {m} missing"),
                    (true, m, u) => format!("ready, {m} missing, {u} unknown"),
                });
            }
            rows.push(row);
        }
    }
    let widths: Vec<usize> =
        (0..rows[0].len()).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    for row in rows {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect();
        println!("{}", cells.join("  ").trim_end());
    }
}

/// Per defendant whose trial verdict no higher court has yet decided on: "kanaliyev-2021:
/// appeal deadline 4 January 2022 (15 days after the verdict of ...)", passed or open at `at`.
fn appeal_deadline_lines(case: &Loaded<Case>, project: &crate::case::Project, at: crate::case::Date) -> Vec<String> {
    let Some(jurisdiction) = project.shared.jurisdictions.get(&case.value.jurisdiction) else { return Vec::new() };
    let Some(rules) = jurisdiction.value.appeal.as_ref() else { return Vec::new() };
    let mut lines = Vec::new();
    for index in 0..case.value.defendant_count() {
        let view = case.value.for_defendant(index);
        let standing = crate::case::Standing::at(&view, Some(rules.deadline_days), at);
        let Some((verdict, deadline)) =
            standing.verdict.and_then(|v| Some((v.date.day()?, v.trial_deadline(rules.deadline_days)?)))
        else {
            continue;
        };
        let source = rules.deadline_source.get("en");
        let verified = if rules.verified { "" } else { "; not verified" };
        let state = if deadline < at { "passed: " } else { "" };
        lines.push(format!(
            "{}: appeal deadline {state}{} ({} days after the verdict of {}; {source}{verified})",
            case.value.defendant_label(index),
            english_date(deadline),
            rules.deadline_days,
            english_date(verdict),
        ));
    }
    lines
}

/// A date in amicus's own messages, which are in English: "5 January 2022".
fn english_date(date: crate::case::Date) -> String {
    date.0.format("%-d %B %Y").to_string()
}

fn run_list(plan: &BuildPlan, printer: &Printer) -> i32 {
    let (project, _checked, diagnostics) = build::load_and_check(plan);
    printer.print_all(&diagnostics);
    println!("cases:");
    for case in &project.cases {
        let value = &case.value;
        let names: Vec<String> = (0..value.defendant_count())
            .filter_map(|i| value.for_defendant(i).person)
            .map(|p| p.name.0.display())
            .collect();
        let verdict = value.first_verdict_date().map_or_else(|| "no verdict yet".into(), |d| format!("verdict {d}"));
        println!("  {:<24} {}  {verdict}", value.id, names.join(", "));
    }
    println!("digests:");
    for digest in &project.digests {
        let selected: Vec<&str> =
            facts::select(&digest.value, &project.cases).iter().map(|c| c.value.id.as_str()).collect();
        println!("  {:<24} {}", digest.value.id, selected.join(", "));
    }
    println!("kinds:");
    match kind::kinds(&plan.templates()) {
        Ok(kinds) => {
            for kind in kinds {
                let scope = match kind.scope {
                    Scope::Case => "per case",
                    Scope::Digest => "per digest",
                };
                let about = kind.description.as_deref().map(|d| format!("{d}; ")).unwrap_or_default();
                println!("  {:<20} {about}{scope}, languages: {}", kind.name, kind.languages.join(", "));
            }
        }
        Err(diagnostic) => {
            printer.print(&diagnostic);
            return EXIT_FAILED;
        }
    }
    if diagnostics.iter().any(Diagnostic::is_error) { EXIT_FAILED } else { EXIT_OK }
}

/// `amicus clean`: what it removed and built again, one line each on standard error (only the
/// summary with `-q`), then the summary.
fn run_clean(plan: &BuildPlan, printer: &Printer, args: &crate::cli::CleanArgs, verbosity: Verbosity) -> i32 {
    let options = crate::clean::Options { cases: args.cases.clone(), dry_run: args.dry_run };
    let waiting = || {
        eprintln!("waiting: another amicus run is writing to {}; this one goes on when it ends", plan.out_dir.display())
    };
    let cleaned = match crate::clean::clean(plan, &options, &waiting) {
        Ok(cleaned) => cleaned,
        Err(crate::clean::Refused::Usage(message)) => {
            eprintln!("error: {message}");
            return EXIT_USAGE;
        }
        Err(crate::clean::Refused::Failed(diagnostics)) => {
            printer.print_all(&diagnostics);
            return EXIT_FAILED;
        }
    };
    let quiet = verbosity == Verbosity::Quiet;
    // Warnings too with `-q`: each says the withdrawal may not be complete.
    printer.print_all(&cleaned.diagnostics);
    for failure in &cleaned.failures {
        printer.print_all(&failure.diagnostics);
    }
    for line in cleaned.lines(quiet) {
        eprintln!("{line}");
    }
    eprintln!("{}", cleaned.summary(&plan.out_dir));
    if cleaned.success() { EXIT_OK } else { EXIT_FAILED }
}

fn run_init(printer: &Printer, dir: &std::path::Path) -> i32 {
    match crate::scaffold::init(dir) {
        Ok(files) => {
            eprintln!("made an amicus project in {} ({} files):", dir.display(), files.len());
            eprintln!("  cases/kanaliyev-2021.yaml   an example case, every fact tied to its source");
            eprintln!("  cases/_shared/              the countries' law, sources, statements, the sender");
            eprintln!("  cases/_shared/senders/default.yaml   who signs: replace the example organisation with yours");
            eprintln!("  schema/                     for editors that complete and check fields");
            let cd = if dir == std::path::Path::new(".") { String::new() } else { format!("cd {} && ", dir.display()) };
            eprintln!("next: {cd}amicus build    then `amicus new case ID` for a case of your own");
            EXIT_OK
        }
        Err(diagnostic) => {
            printer.print(&diagnostic);
            EXIT_FAILED
        }
    }
}

fn run_templates_export(plan: &BuildPlan, printer: &Printer, kind: Option<&str>) -> i32 {
    let templates = plan.templates();
    if let Some(kind) = kind {
        let known: Vec<String> = match kind::kinds(&templates) {
            Ok(kinds) => kinds.into_iter().map(|k| k.name).collect(),
            Err(diagnostic) => {
                printer.print(&diagnostic);
                return EXIT_FAILED;
            }
        };
        if !known.iter().any(|k| k == kind) && kind != "_lib" {
            eprintln!(
                "error: there is no kind `{kind}`; kinds: {}, or `_lib` (the library they share)",
                known.join(", ")
            );
            return EXIT_USAGE;
        }
    }
    match templates.export(kind.unwrap_or("")) {
        Ok((written, kept)) => {
            for path in &written {
                println!("{}", path.display());
            }
            eprintln!(
                "{} files copied to {}; {} the project had already were kept as they are",
                written.len(),
                templates.dir().display(),
                kept.len()
            );
            EXIT_OK
        }
        Err(diagnostic) => {
            printer.print(&diagnostic);
            EXIT_FAILED
        }
    }
}

/// Whether `id` may name a new file, else the usage error (printed here).
fn new_id_is_valid(id: &str) -> bool {
    if !crate::scaffold::is_valid_id(id) {
        eprintln!("error: `{id}` cannot be an id: use lowercase letters, digits and hyphens, like `doe-2024`");
        return false;
    }
    true
}

fn run_new_case(plan: &BuildPlan, printer: &Printer, id: &str, from: Option<&str>, defendants: usize) -> i32 {
    if !new_id_is_valid(id) {
        return EXIT_USAGE;
    }
    let (project, _, _) = build::load_and_check(plan);
    let template = match from {
        None => None,
        Some(from) => match project.cases.iter().find(|c| c.value.id == from) {
            Some(case) => Some(&case.value),
            None => {
                eprintln!("error: there is no case `{from}` to start from");
                return EXIT_USAGE;
            }
        },
    };
    let jurisdictions: Vec<String> = project.shared.jurisdictions.keys().cloned().collect();
    report_new(printer, crate::scaffold::new_case(&plan.cases_dir(), id, template, defendants, &jurisdictions))
}

/// `amicus new <kind> ID` for the files cases refer to: shared entities and digests.
fn run_new(plan: &BuildPlan, printer: &Printer, kind: crate::schema::FileKind, id: &str) -> i32 {
    if !new_id_is_valid(id) {
        return EXIT_USAGE;
    }
    report_new(printer, crate::scaffold::new_file(&plan.cases_dir(), kind, id))
}

/// What `amicus new` says of the file it wrote, or why it wrote none.
fn report_new(printer: &Printer, written: Result<std::path::PathBuf, crate::diag::Diagnostic>) -> i32 {
    match written {
        Ok(path) => {
            eprintln!("wrote {}: fill in the TODOs, then run `amicus check`", path.display());
            EXIT_OK
        }
        Err(diagnostic) => {
            printer.print(&diagnostic);
            EXIT_FAILED
        }
    }
}

fn run_deadlines(
    plan: &BuildPlan,
    printer: &Printer,
    ics: Option<&std::path::Path>,
    upcoming: bool,
    today: Option<crate::case::Date>,
) -> i32 {
    let today = today.unwrap_or_else(crate::case::Date::today).0;
    let (project, checked, diagnostics) = build::load_and_check(plan);
    printer.print_all(&diagnostics);
    let (cases, _) = build::requested(plan, &project);
    let valid: Vec<&Loaded<Case>> = cases.into_iter().filter(|c| !checked.broken_cases.contains(&c.value.id)).collect();
    let mut dates = crate::deadlines::key_dates(&valid, &project, crate::case::Date(today));
    if upcoming {
        dates.retain(|d| d.date >= today);
    }
    for date in &dates {
        let passed = if date.date < today { "passed" } else { "      " };
        println!("{}  {passed}  {:<20}  {}", date.date.format("%Y-%m-%d"), date.case_id, date.what);
    }
    if dates.is_empty() {
        println!("no dates");
    }
    if let Some(path) = ics {
        // A mistyped folder is a mistake to report, not a folder to make.
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(folder) = folder.filter(|f| !f.is_dir()) {
            printer.print(
                &Diagnostic::error(format!(
                    "cannot write the calendar: the folder {} does not exist",
                    folder.display()
                ))
                .hint("give a file in an existing folder, or make the folder first"),
            );
            return EXIT_FAILED;
        }
        let calendar = crate::deadlines::to_ics(&dates, today);
        if let Err(e) = crate::output::write_atomic(path, calendar.as_bytes()) {
            printer.print(&Diagnostic::error(format!("cannot write the calendar: {e}")).in_file(path));
            return EXIT_FAILED;
        }
        eprintln!("wrote {} ({} events)", path.display(), dates.len());
    }
    if diagnostics.iter().any(Diagnostic::is_error) { EXIT_FAILED } else { EXIT_OK }
}

fn run_serve(plan: &BuildPlan, printer: &Printer, port: u16, open: bool) -> i32 {
    let workspace = match crate::serve::Workspace::new(plan.clone()) {
        Ok(workspace) => workspace,
        Err(diagnostic) => {
            printer.print(&diagnostic);
            return EXIT_FAILED;
        }
    };
    match crate::serve::run(workspace, port, open) {
        Ok(()) => EXIT_OK,
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_FAILED
        }
    }
}

fn run_watch(plan: &BuildPlan, printer: &Printer, verbosity: Verbosity) -> i32 {
    let kinds = match selected_kinds(plan, printer) {
        Ok(kinds) => kinds,
        Err(code) => return code,
    };
    let result = crate::watch::watch(plan, |narrowed| {
        // Kinds added since the start (a new template folder) are picked up too.
        let kinds = build::select_kinds(narrowed).unwrap_or_else(|_| kinds.clone());
        // No bar between saves, but `-v` still names each document as it is written.
        let progress = ProgressBar(indicatif::ProgressBar::hidden(), verbosity);
        let report = build::build(narrowed, &kinds, &progress);
        print_report(&report, narrowed, printer, verbosity);
    });
    match result {
        Ok(()) => EXIT_OK,
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_FAILED
        }
    }
}
