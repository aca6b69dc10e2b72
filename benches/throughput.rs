//! Throughput of the library on the real corpus, in MB of input text per
//! CPU-second, single-threaded.
//!
//! ```text
//! cargo bench --bench throughput               # full run, >= 3 CPU-seconds each
//! cargo bench --bench throughput -- --quick    # smoke run: one pass over 5 MB
//! cargo bench --bench throughput -- --secs 10  # longer runs
//! cargo bench --bench throughput -- --only sentences   # one measurement, e.g. under perf
//! cargo bench --bench throughput -- --only cli          # the whole binary, --jobs 1 and 2, peak RSS
//! ```
//!
//! The texts of ../shared/corpus/whitehouse-briefing-room/news.jsonl.gz and
//! ../shared/corpus/wikinews-en/articles.jsonl are loaded into memory first;
//! reading, decompressing and parsing them is not timed. Then each
//! measurement repeats whole passes over the texts until it has used the
//! minimum CPU time, and prints the MB of text processed (10^6 bytes of
//! UTF-8), the CPU seconds (user + system, `getrusage(RUSAGE_SELF)`) and
//! their ratio.
//!
//! The `cli` measurements run the release binary itself (`claimscan
//! extract`) over ../shared/corpus/whitehouse-briefing-room/news.jsonl.gz
//! with `--jobs 1` and `--jobs 2`: decompression, JSON parsing, the
//! pipeline, writing the records (to /dev/null) and the threads, all
//! included. Their CPU time, wall time and peak RSS are the child's own
//! (`wait4`). `cli stdin` streams the decompressed file through the
//! binary's stdin, for the peak RSS of a pipe of any length. See
//! BENCHMARKS.md.

#![allow(clippy::print_stdout)]

use std::fs::File;
use std::hint::black_box;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use claimscan::{analyze, output, sentences, Document};
use serde_json::Value;

const CORPORA: [&str; 2] = ["corpus/whitehouse-briefing-room/news.jsonl.gz", "corpus/wikinews-en/articles.jsonl"];
const QUICK_BYTES: usize = 5_000_000;

struct Args {
    quick: bool,
    secs: f64,
    /// Run only the measurements whose name contains this (for profiling).
    only: Option<String>,
}

fn parse_args() -> Args {
    let mut args = Args { quick: false, secs: 3.0, only: None };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--quick" => args.quick = true,
            "--secs" => {
                args.secs = it.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| usage("--secs needs a number"));
            }
            "--only" => args.only = Some(it.next().unwrap_or_else(|| usage("--only needs a name"))),
            // `cargo bench` passes `--bench` to harness-less benchmarks.
            "--bench" => {}
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other:?}")),
        }
    }
    args
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("throughput: {problem}");
    }
    eprintln!("usage: cargo bench --bench throughput [-- [--quick] [--secs SECONDS] [--only NAME]]");
    std::process::exit(if problem.is_empty() { 0 } else { 2 });
}

/// User + system CPU time of this process, in seconds.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    assert_eq!(rc, 0, "getrusage failed");
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// The folder holding `shared/`: the parent of the project root.
fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new("..")).join("shared")
}

/// The documents of one JSONL file (gzip when it ends in `.gz`).
fn load(path: &Path, docs: &mut Vec<Document>) -> std::io::Result<()> {
    let file = File::open(path)?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    for line in BufReader::with_capacity(1 << 20, reader).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let Ok(Value::Object(mut rec)) = serde_json::from_str::<Value>(&line) else { continue };
        let Some(Value::String(text)) = rec.remove("text") else { continue };
        let id = rec.get("id").and_then(Value::as_str).unwrap_or("").to_string();
        let dct = rec.get("date").and_then(Value::as_str).and_then(|d| d.parse().ok());
        docs.push(Document::new(id, text, dct));
    }
    Ok(())
}

struct Measurement {
    name: &'static str,
    bytes: usize,
    cpu: f64,
    /// MB per CPU-second of each pass, to show the spread.
    passes: Vec<f64>,
}

impl Measurement {
    fn print(&self) {
        let mb = self.bytes as f64 / 1e6;
        let lo = self.passes.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = self.passes.iter().copied().fold(0.0, f64::max);
        println!(
            "{:<24} {:>8.1} MB {:>6.2} CPU-s {:>7.1} MB/CPU-s   ({} pass{}, {lo:.1} to {hi:.1})",
            self.name,
            mb,
            self.cpu,
            mb / self.cpu,
            self.passes.len(),
            if self.passes.len() == 1 { "" } else { "es" }
        );
    }
}

/// Repeats `pass` (one pass over all documents, returning them) until it
/// has used the minimum CPU time (`--secs`, none with `--quick`), at least
/// once, then prints the measurement.
fn measure(
    name: &'static str,
    docs: &mut Vec<Document>,
    args: &Args,
    mut pass: impl FnMut(Vec<Document>) -> Vec<Document>,
) {
    if args.only.as_ref().is_some_and(|only| !name.contains(only.as_str())) {
        return;
    }
    let min_cpu = if args.quick { 0.0 } else { args.secs };
    let corpus_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut bytes = 0;
    let mut passes = Vec::new();
    let start = cpu_seconds();
    let mut last = start;
    loop {
        *docs = pass(std::mem::take(docs));
        bytes += corpus_bytes;
        let now = cpu_seconds();
        passes.push(corpus_bytes as f64 / 1e6 / (now - last));
        last = now;
        let cpu = now - start;
        if cpu >= min_cpu {
            Measurement { name, bytes, cpu, passes }.print();
            return;
        }
    }
}

fn main() {
    let args = parse_args();
    let shared = shared_dir();
    let paths: Vec<PathBuf> = CORPORA.iter().map(|c| shared.join(c)).collect();
    if let Some(missing) = paths.iter().find(|p| !p.is_file()) {
        println!(
            "throughput: skipped, corpus file {} not found (expected ../shared beside the project root)",
            missing.display()
        );
        return;
    }

    let mut docs = Vec::new();
    for p in &paths {
        if let Err(e) = load(p, &mut docs) {
            eprintln!("throughput: cannot read {}: {e}", p.display());
            std::process::exit(1);
        }
    }
    if args.quick {
        let mut total = 0;
        let keep = docs.iter().take_while(|d| {
            let before = total;
            total += d.text.len();
            before < QUICK_BYTES
        });
        let n = keep.count();
        docs.truncate(n);
    }
    let total: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "corpus: {} documents, {:.1} MB of text; single thread, {}",
        docs.len(),
        total as f64 / 1e6,
        if args.quick {
            "--quick: first 5 MB, one pass".to_string()
        } else {
            format!("at least {} CPU-s per measurement", args.secs)
        },
    );

    // Warm up: compile the rule sets and regexes outside the timings.
    black_box(analyze(Document::new("warmup", "WASHINGTON — It rained. “We stayed in,” he said.", None)));

    measure("sentences::split", &mut docs, &args, |docs| {
        for d in &docs {
            black_box(sentences::split(black_box(d)));
        }
        docs
    });

    // The date pass alone: its sentence layers are computed before timing.
    let layers: Vec<_> = docs.iter().map(sentences::split).collect();
    let numbers = claimscan::document::NumberLayer::default();
    measure("dates::extract", &mut docs, &args, |docs| {
        for (d, s) in docs.iter().zip(&layers) {
            black_box(claimscan::dates::extract(black_box(d), s, &numbers));
        }
        docs
    });

    // The claims pass alone, on the sentence layers computed beforehand (the
    // other layers are whatever those passes give).
    let layers: Vec<_> = docs
        .iter()
        .map(|d| {
            let s = sentences::split(d);
            let n = claimscan::numbers::extract(d, &s);
            let t = claimscan::dates::extract(d, &s, &n);
            let q = claimscan::quotes::extract(d, &s);
            (s, n, t, q)
        })
        .collect();
    measure("claims::assemble", &mut docs, &args, |docs| {
        for (d, (s, n, t, q)) in docs.iter().zip(&layers) {
            black_box(claimscan::claims::assemble(black_box(d), s, n, t, q));
        }
        docs
    });
    drop(layers);

    measure("analyze", &mut docs, &args, |docs| docs.into_iter().map(|d| black_box(analyze(d)).doc).collect());

    measure_cli(&paths[0], &args);

    let mut buf = Vec::with_capacity(1 << 20);
    measure("analyze + write_record", &mut docs, &args, |docs| {
        docs.into_iter()
            .map(|d| {
                let a = analyze(d);
                buf.clear();
                output::write_record(&mut buf, &a, None);
                buf.push(b'\n');
                black_box(&buf);
                a.doc
            })
            .collect()
    });
}

// ------------------------------------------------------------------ cli ----

/// CPU seconds, wall seconds and peak RSS (bytes) of one child process.
struct ChildUsage {
    cpu: f64,
    wall: f64,
    max_rss: u64,
}

/// Runs `cmd` to its end, feeding it `stdin` (on a thread) when given, and
/// returns its own resource usage (`wait4`).
fn run_child(mut cmd: Command, stdin: Option<&Path>) -> ChildUsage {
    cmd.stdout(Stdio::null()).stderr(Stdio::inherit());
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let t0 = Instant::now();
    // Reaped by wait4 below, which also gives its resource usage.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let feeder = stdin.map(|path| {
        let mut pipe = child.stdin.take().expect("a piped stdin");
        let path = path.to_path_buf();
        std::thread::spawn(move || {
            let file = File::open(&path).expect("the corpus file opens");
            let mut gz = flate2::read::MultiGzDecoder::new(BufReader::new(file));
            let _ = std::io::copy(&mut gz, &mut pipe);
            let _ = pipe.flush();
        })
    });
    let pid = child.id() as libc::pid_t;
    // The peak RSS of the claimscan process alone: its VmHWM, read until it
    // exits (ru_maxrss of a forked child can include this process's RSS at
    // the fork). The mark only grows, so the last reading is the peak but
    // for the last few milliseconds.
    let status_path = format!("/proc/{pid}/status");
    let watcher = std::thread::spawn(move || {
        let mut peak = 0u64;
        while let Ok(status) = std::fs::read_to_string(&status_path) {
            if let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kb * 1024);
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        peak
    });
    let mut status = 0;
    // SAFETY: wait4 writes the status and the rusage struct it is given;
    // the child is ours and not waited for elsewhere.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    let wall = t0.elapsed().as_secs_f64();
    assert_eq!(rc, pid, "wait4 failed");
    if let Some(f) = feeder {
        let _ = f.join();
    }
    let exited_ok = libc::WIFEXITED(status) && matches!(libc::WEXITSTATUS(status), 0 | 2);
    assert!(exited_ok, "{cmd:?} failed with status {status}");
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    let max_rss = watcher.join().unwrap_or(0);
    ChildUsage { cpu: tv(ru.ru_utime) + tv(ru.ru_stime), wall, max_rss }
}

/// The whole binary over the White House corpus: `--jobs 1`, `--jobs 2`,
/// then `--jobs 2` reading the decompressed JSONL from stdin.
fn measure_cli(corpus: &Path, args: &Args) {
    if args.only.as_ref().is_some_and(|only| !"cli --jobs 1 cli --jobs 2 cli stdin".contains(only.as_str())) {
        return;
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_claimscan"));
    let mut docs = Vec::new();
    if let Err(e) = load(corpus, &mut docs) {
        eprintln!("throughput: cannot read {}: {e}", corpus.display());
        return;
    }
    let text_mb = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
    drop(docs);
    println!(
        "cli: {} extract over {} ({text_mb:.1} MB of text), output to /dev/null",
        bin.display(),
        corpus.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
    );
    let min_cpu = if args.quick { 0.0 } else { args.secs };
    let mut rate_1 = None;
    for (name, jobs, stdin) in [("cli --jobs 1", "1", false), ("cli --jobs 2", "2", false), ("cli stdin", "2", true)] {
        if args.only.as_ref().is_some_and(|only| !name.contains(only.as_str())) {
            continue;
        }
        let (mut cpu, mut wall, mut rss, mut runs) = (0.0, 0.0, 0u64, Vec::new());
        while runs.is_empty() || cpu < min_cpu {
            let mut cmd = Command::new(bin);
            cmd.args(["extract", "--jobs", jobs, "--progress", "never"]);
            if stdin {
                cmd.args(["--input", "jsonl", "-"]);
            } else {
                cmd.arg(corpus);
            }
            let u = run_child(cmd, stdin.then_some(corpus));
            cpu += u.cpu;
            wall += u.wall;
            rss = rss.max(u.max_rss);
            runs.push(text_mb / u.cpu);
        }
        let n = runs.len() as f64;
        let lo = runs.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = runs.iter().copied().fold(0.0, f64::max);
        let per_wall = text_mb * n / wall;
        println!(
            "{name:<24} {:>8.1} MB {cpu:>6.2} CPU-s {:>7.1} MB/CPU-s   {per_wall:>6.1} MB/wall-s   peak RSS {:.1} MB   ({} run{}, {lo:.1} to {hi:.1} MB/CPU-s)",
            text_mb * n,
            text_mb * n / cpu,
            rss as f64 / 1e6,
            runs.len(),
            if runs.len() == 1 { "" } else { "s" },
        );
        match (jobs, rate_1) {
            ("1", _) if !stdin => rate_1 = Some((per_wall, text_mb * n / cpu)),
            ("2", Some((wall_1, cpu_1))) if !stdin => println!(
                "{:<24} {:.2}x the MB/wall-s of --jobs 1, {:.2}x its MB/CPU-s (target 1.8x; wall time is noisy on a shared machine)",
                "",
                per_wall / wall_1,
                per_wall / cpu_1
            ),
            _ => {}
        }
    }
}
