//! `cargo bench --bench batch`: how fast amicus writes letters to many recipients, how much
//! memory it takes, and how that compares with running `typst compile` once per letter.
//!
//! It builds the release binary (cargo does that for benchmarks), sets up a project under
//! `target/bench-work/` with the shipped templates and cases plus a synthetic case whose letter
//! runs to two pages (about 750 words, like the 770-word letter of the reference figures),
//! generates N synthetic recipients, and times whole `amicus build` processes from start to
//! exit; then the reference letter other tools are measured with (`bench/w1/`, built as a kind
//! of this project only) at up to 10,000 recipients; then many cases (copies of an example case
//! under other names, in a project of their own), every document of each, built and rebuilt
//! with nothing changed. Peak memory is the process's maximum
//! resident set, from `wait4`. typst-cli 0.15.1 is installed
//! with cargo into `target/bench-tools/` the first time (set `AMICUS_BENCH_TYPST` to use
//! another binary, or to nothing to leave the comparison out). Figures are printed as a Markdown table for the README.
//!
//! Settings, by environment variable: `AMICUS_BENCH_SIZES` (default `1000,10000,100000`: memory
//! must be the same at the first and the last),
//! `AMICUS_BENCH_TYPST_LETTERS` (letters compiled with typst-cli; default 100),
//! `AMICUS_BENCH_CASES` (cases of the many-cases scenario; default 1000, 0 leaves it out).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

// The tests' helpers: the benchmark copies the project the way the tests do.
#[path = "../tests/common/mod.rs"]
mod common;
use common::copy_dir;

const TYPST_CLI_VERSION: &str = "0.15.1";

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let amicus = PathBuf::from(env!("CARGO_BIN_EXE_amicus"));
    let sizes: Vec<usize> = setting("AMICUS_BENCH_SIZES", "1000,10000,100000")
        .split(',')
        .map(|n| n.trim().parse().expect("AMICUS_BENCH_SIZES is a list of numbers"))
        .collect();
    let many_cases: usize = setting("AMICUS_BENCH_CASES", "1000").parse().expect("AMICUS_BENCH_CASES is a number");
    let cli_letters: usize =
        setting("AMICUS_BENCH_TYPST_LETTERS", "100").parse().expect("AMICUS_BENCH_TYPST_LETTERS is a number");
    let work = repo.join("target/bench-work");
    let _ = std::fs::remove_dir_all(&work);
    let project = work.join("project");
    copy_dir(&repo.join("templates"), &project.join("templates"));
    copy_dir(&repo.join("cases"), &project.join("cases"));
    write_synthetic_case(&project);
    // The reference letter as a kind of the benchmark's project only (not of `templates/`).
    copy_dir(&repo.join("bench/w1"), &project.join("templates/w1-letter"));
    let _ = std::fs::remove_file(project.join("templates/w1-letter/recipients.csv"));

    println!("machine: {}", machine());
    println!("amicus: {}\n", amicus.display());
    let mut rows: Vec<(String, String, &str)> = Vec::new();

    let mut per_letter_at_1000 = None;
    for &n in &sizes {
        let recipients = write_recipients(&work, n);
        let out = work.join(format!("out-{n}"));
        let letters = |extra: &[&str]| {
            let mut command = Command::new(&amicus);
            command.args(["build", "-q", "--kind", "mep-letter", "cases/synthetic-2024.yaml", "--recipients"]);
            command.arg(&recipients).arg("--out").arg(&out).args(extra).current_dir(&project);
            command
        };
        // Writing thousands of files makes single runs noisy: the median of a few, each into an
        // empty folder; and of the no-op rebuilds after each.
        let repeats = if n <= 2000 { 5 } else { 1 };
        let mut fulls = Vec::new();
        let mut noops = Vec::new();
        for _ in 0..repeats {
            let _ = std::fs::remove_dir_all(&out);
            fulls.push(run(letters(&[])));
            noops.push(run(letters(&[])));
        }
        let (full, noop) = (median(fulls), median(noops));
        let pages = pages_per_letter(&out.join("synthetic-2024/mep-letter"));
        // 100,000 letters take 5 GB of disk.
        let _ = std::fs::remove_dir_all(&out);
        let ms = full.wall.as_secs_f64() * 1000.0 / n as f64;
        if n == 1000 {
            per_letter_at_1000 = Some(ms);
        }
        println!(
            "N = {n} (median of {repeats}): {:.1} s, {ms:.2} ms per letter, {:.0} letters/s, {pages:.2} pages per letter, peak {} MB; no-op rebuild {} ms",
            full.wall.as_secs_f64(),
            n as f64 / full.wall.as_secs_f64(),
            full.peak_mb(),
            noop.wall.as_millis()
        );
        rows.push((format!("ms per letter, N = {n}"), format!("{ms:.2}"), if n == 1000 { "≤ 5" } else { "" }));
        rows.push((format!("letters per second, N = {n}"), format!("{:.0}", n as f64 / full.wall.as_secs_f64()), ""));
        rows.push((format!("pages per letter, N = {n}"), format!("{pages:.2}"), "2"));
        rows.push((format!("peak memory, N = {n}"), format!("{} MB", full.peak_mb()), "≤ 150 MB, flat"));
        rows.push((
            format!("no-op rebuild, N = {n}"),
            format!(
                "{} ms ({:.1}% of the full build)",
                noop.wall.as_millis(),
                100.0 * noop.wall.as_secs_f64() / full.wall.as_secs_f64()
            ),
            "≤ 5%",
        ));
        if n == 1000 {
            let single = median((0..repeats).map(|_| run(letters(&["--force", "-j", "1"]))).collect());
            let ms = single.wall.as_secs_f64() * 1000.0 / n as f64;
            println!("N = {n}, one worker: {ms:.2} ms per letter, peak {} MB", single.peak_mb());
            rows.push((format!("ms per letter, N = {n}, one worker (`-j 1`)"), format!("{ms:.2}"), ""));
        }
    }

    // The reference letter (bench/w1/): a layout function of the letter and its recipient, as
    // most people write a Typst letter, and as the other tools were measured with it.
    let mut w1_at_1000 = None;
    for &n in sizes.iter().filter(|&&n| n <= 10_000) {
        let recipients = write_w1_recipients(repo, &work, n);
        let out = work.join(format!("out-w1-{n}"));
        let letters = || {
            let mut command = Command::new(&amicus);
            command.args(["build", "-q", "--kind", "w1-letter", "cases/kanaliyev-2021.yaml", "--recipients"]);
            command.arg(&recipients).arg("--out").arg(&out).current_dir(&project);
            command
        };
        let repeats = if n <= 2000 { 5 } else { 1 };
        let full = median(
            (0..repeats)
                .map(|_| {
                    let _ = std::fs::remove_dir_all(&out);
                    run(letters())
                })
                .collect(),
        );
        let pages = pages_per_letter(&out.join("kanaliyev-2021/w1-letter"));
        let _ = std::fs::remove_dir_all(&out);
        let ms = full.wall.as_secs_f64() * 1000.0 / n as f64;
        if n == 1000 {
            w1_at_1000 = Some(ms);
        }
        println!(
            "W1 reference letter, N = {n} (median of {repeats}): {ms:.2} ms per letter, {pages:.2} pages per letter, peak {} MB",
            full.peak_mb()
        );
        rows.push((format!("W1 reference letter: ms per letter, N = {n}"), format!("{ms:.2}"), "≤ 3"));
        rows.push((format!("W1 reference letter: peak memory, N = {n}"), format!("{} MB", full.peak_mb()), "flat"));
    }

    // Many cases, as an organisation that follows every political prisoner of a country has:
    // every document each case is ready for (letters aside: they need a recipients list).
    if many_cases > 0 {
        let project = write_many_cases(repo, &work, many_cases);
        let build = || {
            let mut command = Command::new(&amicus);
            command.args(["build", "-q"]).current_dir(&project);
            command
        };
        let full = run(build());
        let documents = count_pdfs(&project.join("out"));
        let noop = run(build());
        let _ = std::fs::remove_dir_all(&project);
        let (full_s, noop_ms) = (full.wall.as_secs_f64(), noop.wall.as_millis());
        println!(
            "{many_cases} cases, every kind: {documents} documents in {full_s:.1} s ({:.1} ms each), peak {} MB; no-op rebuild {noop_ms} ms ({:.1}% of the full build), peak {} MB",
            full_s * 1000.0 / documents as f64,
            full.peak_mb(),
            100.0 * noop.wall.as_secs_f64() / full_s,
            noop.peak_mb()
        );
        let what = format!("{many_cases} cases, every kind ({documents} documents)");
        rows.push((format!("{what}: full build"), format!("{full_s:.1} s, peak {} MB", full.peak_mb()), "≤ 250 MB"));
        rows.push((
            format!("{what}: no-op rebuild"),
            format!(
                "{noop_ms} ms ({:.1}% of the full build), peak {} MB",
                100.0 * noop.wall.as_secs_f64() / full_s,
                noop.peak_mb()
            ),
            "< 2%",
        ));
    }

    let (without, with, sent) = messages(&amicus, &project, &work, 1000);
    let built_ms = (with.wall.as_secs_f64() - without.wall.as_secs_f64()).max(0.0) * 1000.0;
    let send_s = sent.wall.as_secs_f64();
    println!(
        "1000 letters with messages (.eml): {:.1} s, {built_ms:.0} ms more than without; sent to a local SMTP server in {send_s:.1} s ({:.1} ms a message), peak {} MB",
        with.wall.as_secs_f64(),
        send_s,
        sent.peak_mb()
    );
    rows.push(("building 1,000 messages (.eml), beyond their letters".into(), format!("{built_ms:.0} ms"), ""));
    rows.push(("sending 1,000 messages to a local SMTP server".into(), format!("{send_s:.1} s"), ""));

    // The editor: from an edit's request to its preview's page images, through HTTP.
    for (file, kind, what) in
        [("kanaliyev-2021.yaml", "fact-sheet", "the fact sheet"), ("synthetic-2024.yaml", "mep-letter", "the letter")]
    {
        let (median, p95, pages, memory) = previews(1000, file, kind);
        println!(
            "editor, 1000 previews of {what} ({pages} pages): median {median:.0} ms, 95th percentile {p95:.0} ms; resident memory after 250, 1000: {} MB, {} MB",
            memory.0 / 1024,
            memory.1 / 1024
        );
        rows.push((
            format!(
                "editor: an edit to {what}'s new page images ({pages} pages), through HTTP (median; 95th percentile)"
            ),
            format!("{median:.0} ms; {p95:.0} ms"),
            "< 150 ms",
        ));
        rows.push((
            format!("editor, previewing {what}: resident memory after 250 and after 1,000 previews"),
            format!("{} MB, {} MB", memory.0 / 1024, memory.1 / 1024),
            "flat",
        ));
    }

    // A single fact sheet, as a campaigner would build one: a new process each time.
    let mut times: Vec<Duration> = (0..11)
        .map(|_| {
            let mut command = Command::new(&amicus);
            command.args([
                "build",
                "-q",
                "--force",
                "--kind",
                "fact-sheet",
                "--lang",
                "en",
                "cases/kanaliyev-2021.yaml",
            ]);
            command.arg("--out").arg(work.join("out-fact-sheet")).current_dir(&project);
            run(command).wall
        })
        .collect();
    times.sort();
    let cold = times[times.len() / 2];
    println!("one fact sheet from process start: {} ms (median of {})", cold.as_millis(), times.len());
    rows.push(("one fact sheet, from process start".into(), format!("{} ms", cold.as_millis()), "≤ 50 ms"));

    match typst_cli(repo) {
        Some(typst) => {
            for (letter, case, kind, ours, target) in [
                ("the synthetic letter", "synthetic-2024", "mep-letter", per_letter_at_1000, "≥ 9×"),
                ("the W1 reference letter", "kanaliyev-2021", "w1-letter", w1_at_1000, "≥ 15×"),
            ] {
                let recipients = match kind {
                    "w1-letter" => write_w1_recipients(repo, &work, cli_letters),
                    _ => write_recipients(&work, cli_letters),
                };
                let ms = typst_cli_per_letter(&typst, &amicus, repo, &project, &work, (case, kind), &recipients);
                println!("typst compile, once per letter, {letter}: {ms:.1} ms per letter ({cli_letters} letters)");
                rows.push((format!("`typst compile` once per letter, {letter}"), format!("{ms:.1} ms"), ""));
                if let Some(ours) = ours {
                    let faster = format!("{:.1}×", ms / ours);
                    rows.push((format!("faster than `typst compile` per letter, {letter}"), faster, target));
                }
            }
        }
        None => println!("typst-cli {TYPST_CLI_VERSION} is not available: no comparison"),
    }

    println!("\n| Figure | Measured | Target |\n|---|---|---|");
    for (what, value, target) in rows {
        println!("| {what} | {value} | {target} |");
    }
}

/// `n` previews from `amicus serve` of one document of `file` (a fact sheet, or the letter to
/// the first person of a recipients list given as the page gives it), each of the case with
/// another given name, as the editor's page asks for them: the times from the request to the
/// last page image, the pages, and the server's resident memory (kB) after a quarter of them
/// and after all (a server grows for its first few hundred previews, as Typst's caches and the
/// allocator's arenas fill, then stays: measured over 2,500).
fn previews(n: usize, file: &str, kind: &str) -> (f64, f64, u64, (u64, u64)) {
    let project = common::Project::aktau();
    write_synthetic_case(project.path());
    let editor = common::editor::Editor::start(project);
    let list = b"name,title,family,committees,email\nMember SYNTHETIC,Dr,Synthetic,DROI,member@example.eu\n";
    assert_eq!(editor.post_text("/api/recipients?name=members.csv", list).status, 200);
    let value = editor.case(file)["value"].clone();
    let resident = || {
        let status = std::fs::read_to_string(format!("/proc/{}/status", editor.pid())).unwrap_or_default();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap_or("VmRSS: 0 kB");
        line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(0)
    };
    let (mut times, mut after_quarter, mut pages) = (Vec::new(), 0, 0);
    for i in 0..n {
        let mut edited = value.clone();
        edited["person"]["name"]["given"] = serde_json::json!(format!("Abzal{i}"));
        let started = Instant::now();
        let preview = editor.preview(file, kind, &edited);
        pages = preview["pages"].as_u64().unwrap_or(0);
        for page in 1..=pages {
            let image = editor.get(&format!("/api/page?file={file}&kind={kind}&lang=en&n={page}"));
            assert!(image.body.starts_with(b"\x89PNG"), "{preview}");
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(pages >= 1, "{preview}");
        if i + 1 == n / 4 {
            after_quarter = resident();
        }
    }
    times.sort_by(f64::total_cmp);
    (times[n / 2], times[n * 95 / 100], pages, (after_quarter, resident()))
}

/// `n` letters built without e-mail addresses and with them (so with messages), then sent with
/// `amicus send` to an SMTP server in this process on 127.0.0.1 (each message its own
/// connection, and its send-log line on disk before the next).
fn messages(amicus: &Path, project: &Path, work: &Path, n: usize) -> (Measured, Measured, Measured) {
    use mailin_embedded::{Handler, Response, Server};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Clone)]
    struct Counter(Arc<AtomicUsize>);
    impl Handler for Counter {
        fn data_end(&mut self) -> Response {
            self.0.fetch_add(1, Ordering::SeqCst);
            mailin_embedded::response::OK
        }
    }

    let with_addresses = write_recipients(work, n);
    let without_addresses = work.join(format!("recipients-{n}-no-email.csv"));
    let text = std::fs::read_to_string(&with_addresses).unwrap();
    let stripped: String = text.lines().map(|line| format!("{}\n", line.rsplit_once(',').unwrap().0)).collect();
    std::fs::write(&without_addresses, stripped).unwrap();
    let out = work.join(format!("out-messages-{n}"));
    let build = |recipients: &Path| {
        let _ = std::fs::remove_dir_all(&out);
        let mut command = Command::new(amicus);
        command.args(["build", "-q", "--kind", "mep-letter", "cases/synthetic-2024.yaml", "--recipients"]);
        command.arg(recipients).arg("--out").arg(&out).current_dir(project);
        run(command)
    };
    let without = median((0..3).map(|_| build(&without_addresses)).collect());
    let with = median((0..3).map(|_| build(&with_addresses)).collect());

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let received = Arc::new(AtomicUsize::new(0));
    let mut server = Server::new(Counter(received.clone()));
    server.with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    let mut command = Command::new(amicus);
    command.args(["send", "-q", "--yes", "--insecure", "--smtp", &format!("smtp://{address}")]);
    command.arg("--out").arg(&out).current_dir(project);
    let sent = run(command);
    assert_eq!(received.load(Ordering::SeqCst), n, "every message reached the server");
    let _ = std::fs::remove_dir_all(&out);
    (without, with, sent)
}

/// The run with the median wall time.
fn median(mut runs: Vec<Measured>) -> Measured {
    runs.sort_by_key(|r| r.wall);
    runs.swap_remove(runs.len() / 2)
}

fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// What one process took.
struct Measured {
    wall: Duration,
    peak_kb: i64,
}

impl Measured {
    fn peak_mb(&self) -> i64 {
        (self.peak_kb + 512) / 1024
    }
}

/// Runs a command to its end, with its wall time and peak resident memory.
fn run(mut command: Command) -> Measured {
    command.stdout(std::process::Stdio::null());
    let started = Instant::now();
    // Reaped by `wait4` below, which also gives its peak memory.
    #[allow(clippy::zombie_processes)]
    let child = command.spawn().expect("the command starts");
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for the child it reaps.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for.
    let reaped = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(reaped, child.id() as libc::pid_t, "wait4 failed");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{command:?} failed");
    Measured { wall, peak_kb: usage.ru_maxrss }
}

/// The average page count of up to 20 letters in `dir`, read from each PDF's page tree.
fn pages_per_letter(dir: &Path) -> f64 {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("letters were written")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    let step = (pdfs.len() / 20).max(1);
    let sample: Vec<&PathBuf> = pdfs.iter().step_by(step).collect();
    let pages: usize = sample.iter().map(|pdf| page_count(&std::fs::read(pdf).unwrap())).sum();
    pages as f64 / sample.len() as f64
}

fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let after = text.split("/Type/Pages/Count ").nth(1).expect("a page tree");
    after.chars().take_while(char::is_ascii_digit).collect::<String>().parse().expect("a page count")
}

/// A synthetic person's case: the shipped Kanaliyev case under another name, with more acts
/// and no one-line `summary` (a letter prints the acts in its place), so that the letter to a
/// Member runs to two pages.
fn write_synthetic_case(project: &Path) {
    let original = std::fs::read_to_string(project.join("cases/kanaliyev-2021.yaml")).unwrap();
    let mut in_summary = false;
    let original: String = original
        .lines()
        .filter(|line| {
            in_summary = *line == "summary:" || (in_summary && line.starts_with("  "));
            !in_summary
        })
        .map(|line| format!("{line}\n"))
        .collect();
    let mut acts = String::new();
    for i in 1..=7 {
        acts.push_str(&format!(
            "  - kind: message\n    platform: Telegram\n    text:\n      en: message number {i} in a public \
             channel, in which the defendant described the conditions of detention of other activists, listed \
             the hearings of the coming month, asked readers to attend them as observers and to write to the \
             court, and quoted the resolution of the European Parliament on the human rights situation\n      \
             ru: сообщение номер {i} в открытом канале\n"
        ));
    }
    let synthetic = original
        .replace("id: kanaliyev-2021", "id: synthetic-2024")
        .replace("given: Abzal", "given: Testperson")
        .replace("family: Kanaliyev", "family: Synthetic")
        .replace("Abzal KANALIYEV", "Testperson SYNTHETIC")
        .replace("Abzal Kanaliyev", "Testperson Synthetic")
        .replace("{ given: Абзал, family: Каналиев }", "{ given: Тестперсон, family: Синтетический }")
        .replace("# What the prosecution offered", &format!("{acts}# What the prosecution offered"));
    assert!(synthetic.contains("message number 7"), "the case file changed shape: update the benchmark");
    std::fs::write(project.join("cases/synthetic-2024.yaml"), synthetic).unwrap();
}

/// A project of its own with `n` cases, each the shipped Kanaliyev case under another id and
/// family name (in each script), with the shared files and templates and no digest.
fn write_many_cases(repo: &Path, work: &Path, n: usize) -> PathBuf {
    let project = work.join("many-cases");
    let _ = std::fs::remove_dir_all(&project);
    copy_dir(&repo.join("templates"), &project.join("templates"));
    copy_dir(&repo.join("cases/_shared"), &project.join("cases/_shared"));
    let original = std::fs::read_to_string(repo.join("cases/kanaliyev-2021.yaml")).unwrap();
    // A name of letters, not digits: case 27 is Testov-bb, in Latin and in Cyrillic.
    let letters = |mut i: usize, alphabet: &[char]| {
        let mut name = String::new();
        loop {
            name.push(alphabet[i % alphabet.len()]);
            i /= alphabet.len();
            if i == 0 {
                return name;
            }
        }
    };
    let latin: Vec<char> = ('a'..='z').collect();
    let cyrillic: Vec<char> = ('а'..='я').collect();
    for i in 0..n {
        let (en, ru) = (letters(i, &latin), letters(i, &cyrillic));
        let case = original
            .replace("id: kanaliyev-2021", &format!("id: case-{i:05}"))
            .replace("family: Kanaliyev", &format!("family: Testov{en}"))
            .replace("family: Каналиев", &format!("family: Тестов{ru}"))
            .replace("family: Қаналиев", &format!("family: Тестов{ru}"));
        assert!(case.contains("family: Тестов"), "the case file changed shape: update the benchmark");
        std::fs::write(project.join(format!("cases/case-{i:05}.yaml")), case).unwrap();
    }
    project
}

/// How many PDFs a folder holds, in every folder under it.
fn count_pdfs(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| match entry.path() {
            path if path.is_dir() => count_pdfs(&path),
            path => usize::from(path.extension().is_some_and(|e| e == "pdf")),
        })
        .sum()
}

/// `n` synthetic Members, a fifth of them in DROI.
fn write_recipients(work: &Path, n: usize) -> PathBuf {
    let groups = ["EPP", "S&D", "Renew Europe", "Greens/EFA", "ECR", "The Left"];
    let countries = ["Germany", "France", "Spain", "Italy", "Poland", "Netherlands", "Belgium"];
    let mut csv = String::from("name,title,group,country,committees,email\n");
    for i in 0..n {
        let title = if i % 3 == 0 { "Dr" } else { "" };
        let committees = if i % 5 == 0 { "DROI;AFET" } else { "LIBE" };
        let (group, country) = (groups[i % groups.len()], countries[i % countries.len()]);
        csv.push_str(&format!("Member{i} SYNTHETIC,{title},{group},{country},{committees},member{i}@example.eu\n"));
    }
    let path = work.join(format!("recipients-{n}.csv"));
    std::fs::write(&path, csv).unwrap();
    path
}

/// `n` recipients for the reference letter: the 200 of `bench/w1/recipients.csv` over and over,
/// each round's family names numbered so that every letter has a file of its own. Its
/// `committee` column is amicus's `committees`.
fn write_w1_recipients(repo: &Path, work: &Path, n: usize) -> PathBuf {
    let text = std::fs::read_to_string(repo.join("bench/w1/recipients.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().replace(",committee,", ",committees,");
    let people: Vec<Vec<&str>> = lines.map(|line| line.split(',').collect()).collect();
    let family = header.split(',').position(|c| c == "family").unwrap();
    let mut csv = format!("{header}\n");
    for i in 0..n {
        let mut row = people[i % people.len()].clone();
        let numbered = format!("{}{}", row[family], i / people.len());
        if i >= people.len() {
            row[family] = &numbered;
        }
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    let path = work.join(format!("w1-recipients-{n}.csv"));
    std::fs::write(&path, csv).unwrap();
    path
}

/// The processor, its cores and the memory, from /proc.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown processor".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or("unknown memory".into(), |kb| format!("{} GiB", kb / 1024 / 1024));
    format!("{cpu}, {cores} cores, {memory}")
}

/// typst-cli 0.15.1: `AMICUS_BENCH_TYPST`, else installed with cargo into `target/bench-tools/`.
fn typst_cli(repo: &Path) -> Option<PathBuf> {
    if let Ok(path) = std::env::var("AMICUS_BENCH_TYPST") {
        // Set empty: no comparison.
        return Some(PathBuf::from(path)).filter(|p| !p.as_os_str().is_empty());
    }
    let root = repo.join(format!("target/bench-tools/typst-cli-{TYPST_CLI_VERSION}"));
    let binary = root.join("bin/typst");
    if !binary.is_file() {
        println!("installing typst-cli {TYPST_CLI_VERSION} into {} (once; takes minutes)", root.display());
        let installed = Command::new("cargo")
            .args(["install", "typst-cli", "--locked", "--version", TYPST_CLI_VERSION, "--root"])
            .arg(&root)
            .status();
        if !installed.is_ok_and(|s| s.success()) {
            return None;
        }
    }
    Some(binary)
}

/// A case's letter through `typst compile`, one process per letter of `recipients`, as a
/// script around typst-cli would do it: same source, same fonts, same PDF standards. Returns
/// the average milliseconds per letter.
fn typst_cli_per_letter(
    typst: &Path,
    amicus: &Path,
    repo: &Path,
    project: &Path,
    work: &Path,
    (case, kind): (&str, &str),
    recipients: &Path,
) -> f64 {
    // amicus writes the shared source and each letter's recipient module.
    let sources = work.join("typst-sources");
    let _ = std::fs::remove_dir_all(&sources);
    let mut command = Command::new(amicus);
    command.args(["build", "-q", "--format", "typ", "--kind", kind, &format!("cases/{case}.yaml"), "--recipients"]);
    command.arg(recipients).arg("--out").arg(&sources).current_dir(project);
    run(command);
    let root = work.join("typst-root");
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&project.join("templates"), &root);
    // The style's setting, which amicus serves as a virtual module: the style's own, untightened.
    std::fs::write(root.join("_fit.typ"), "#let squeeze = 0\n#let pull = false\n#let cut = 0\n").unwrap();
    std::fs::copy(sources.join(format!("{case}/{kind}.en.typ")), root.join(format!("{kind}/en.typ"))).unwrap();
    let letters = std::fs::read_to_string(recipients).unwrap().lines().count() - 1;
    let modules: Vec<PathBuf> = std::fs::read_dir(sources.join(format!("{case}/{kind}")))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".en.typ"))
        .collect();
    assert_eq!(modules.len(), letters);
    let out = work.join("typst-out");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let mut total = Duration::ZERO;
    for (i, module) in modules.iter().enumerate() {
        std::fs::copy(module, root.join("_recipient.typ")).unwrap();
        let mut command = Command::new(typst);
        command
            .arg("compile")
            .arg("--root")
            .arg(&root)
            .arg("--font-path")
            .arg(repo.join("fonts"))
            .args(["--ignore-system-fonts", "--pdf-standard", "a-2b,ua-1", "--creation-timestamp", "1640044800"])
            .arg(root.join(format!("{kind}/en.typ")))
            .arg(out.join(format!("{i}.pdf")));
        total += run(command).wall;
    }
    let pages = pages_per_letter(&out);
    println!("typst compile wrote {letters} letters of {pages:.2} pages");
    total.as_secs_f64() * 1000.0 / letters as f64
}
