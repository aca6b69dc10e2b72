//! The property tests of `tests/properties.rs`, looped for a time budget.
//!
//! ```text
//! cargo run --release --example fuzz_long -- SECONDS [--cases N] [--threads N] [--seed N] [--strict]
//! ```
//!
//! Cycles through the same generators (random Unicode, dense punctuation,
//! news-like text; the news-like text with its very long lines, which costs
//! a hundred times more, once every [`LONG_EVERY`] rounds) on `--threads`
//! threads (default 1; thread `t` seeds its generator with seed + t) until SECONDS have passed (default 60; no limit when only
//! `--cases` is given) or N cases have run, prints a progress line every
//! minute, runs
//! `tests/properties/support.rs::check` on each text, and reports the number
//! of cases, the slowest case, and every failing input, shrunk (for up to
//! 20 seconds each). Inputs that trigger a known, reported bug
//! (`support::known_bug`) are counted and skipped unless `--strict`. Exits
//! 1 when a case failed. The seed is printed so that a run can be repeated.

#![allow(clippy::print_stdout)]

#[path = "../tests/common/invariants.rs"]
mod common;
#[path = "../tests/properties/support.rs"]
mod support;

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

const MAX_FAILURES: usize = 10;
const SHRINK_TIME: Duration = Duration::from_secs(20);
const PRINT_LIMIT: usize = 2000;
const REPORT_EVERY: Duration = Duration::from_secs(60);

struct Args {
    seconds: f64,
    cases: Option<usize>,
    threads: usize,
    seed: u64,
    strict: bool,
}

fn parse_args() -> Args {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let mut args = Args { seconds: f64::NAN, cases: None, threads: 1, seed: now, strict: false };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                args.seed = it.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| usage("--seed needs a number"))
            }
            "--cases" => {
                args.cases =
                    Some(it.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| usage("--cases needs a number")))
            }
            "--threads" => {
                args.threads = it
                    .next()
                    .and_then(|s| s.parse::<usize>().ok())
                    .unwrap_or_else(|| usage("--threads needs a number"))
                    .max(1)
            }
            "--strict" => args.strict = true,
            "-h" | "--help" => usage(""),
            s => args.seconds = s.parse().unwrap_or_else(|_| usage(&format!("unknown argument {s:?}"))),
        }
    }
    if args.seconds.is_nan() {
        args.seconds = if args.cases.is_some() { f64::INFINITY } else { 60.0 };
    }
    args
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("fuzz_long: {problem}");
    }
    eprintln!(
        "usage: cargo run --release --example fuzz_long -- [SECONDS] [--cases N] [--threads N] [--seed N] [--strict]"
    );
    std::process::exit(if problem.is_empty() { 0 } else { 2 });
}

/// `check`, with a panic turned into an error.
fn run(text: &str) -> Result<(), String> {
    match panic::catch_unwind(AssertUnwindSafe(|| support::check(text))) {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic payload".into());
            Err(format!("panic: {msg}"))
        }
    }
}

/// Whether `text` counts as a failure for shrinking: it fails, and not
/// through a known bug (unless strict).
fn fails(text: &str, strict: bool) -> Option<String> {
    if !strict && support::known_bug(text).is_some() {
        return None;
    }
    run(text).err()
}

/// Shrinks a failing case the way proptest does: simplify while it fails,
/// complicate when it passes, for at most `SHRINK_TIME`.
fn shrink(tree: &mut dyn ValueTree<Value = String>, mut best: (String, String), strict: bool) -> (String, String) {
    let deadline = Instant::now() + SHRINK_TIME;
    if !tree.simplify() {
        return best;
    }
    while Instant::now() < deadline {
        let text = tree.current();
        match fails(&text, strict) {
            Some(err) => {
                best = (text, err);
                if !tree.simplify() {
                    break;
                }
            }
            None => {
                if !tree.complicate() {
                    break;
                }
            }
        }
    }
    best
}

fn show(text: &str, n: usize) -> String {
    if text.chars().count() <= PRINT_LIMIT {
        return format!("{text:?}");
    }
    let path = std::env::temp_dir().join(format!("fuzz_long-failure-{n}.txt"));
    match std::fs::write(&path, text) {
        Ok(()) => format!("{} bytes, written to {}", text.len(), path.display()),
        Err(e) => format!(
            "{} bytes (cannot write {}: {e}), starting {:?}",
            text.len(),
            path.display(),
            &text[..text.floor_char_boundary(400)]
        ),
    }
}

/// One round in this many also runs the news-like text with very long lines.
const LONG_EVERY: usize = 50;

/// What the threads share.
struct Shared {
    args: Args,
    start: Instant,
    budget: Duration,
    cases: AtomicUsize,
    failures: AtomicUsize,
    stop: AtomicBool,
    /// Serialises the reports of failures.
    print: Mutex<()>,
}

/// What one thread saw.
#[derive(Default)]
struct Stats {
    cases: Vec<usize>,
    bytes: usize,
    known: BTreeMap<&'static str, usize>,
    slowest: (Duration, String, &'static str),
}

fn strategies() -> Vec<(&'static str, BoxedStrategy<String>, usize)> {
    vec![
        ("random_unicode", support::random_unicode().boxed(), 1),
        ("dense_punctuation", support::dense_punctuation().boxed(), 1),
        ("news_like_text", support::short_news_text().boxed(), 1),
        ("news_with_long_lines", support::structured_text().boxed(), LONG_EVERY),
    ]
}

fn worker(thread: usize, shared: &Shared) -> Stats {
    let args = &shared.args;
    let strategies = strategies();
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&args.seed.wrapping_add(thread as u64).to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
    // The runner counts the rejects of `prop_filter` over its whole life;
    // with the default cap (65,536) a long run stopped generating the
    // filtered strategies (news-like text) after about 6 million cases.
    let config = Config { max_local_rejects: u32::MAX, max_global_rejects: u32::MAX, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, rng);
    let mut stats = Stats { cases: vec![0; strategies.len()], ..Stats::default() };
    let max_cases = args.cases.unwrap_or(usize::MAX);
    let mut round = 0usize;

    while !shared.stop.load(Ordering::Relaxed) && shared.start.elapsed() < shared.budget {
        for (k, (name, strategy, every)) in strategies.iter().enumerate() {
            if !round.is_multiple_of(*every) {
                continue;
            }
            if shared.cases.load(Ordering::Relaxed) >= max_cases {
                shared.stop.store(true, Ordering::Relaxed);
                break;
            }
            let mut tree = match strategy.new_tree(&mut runner) {
                Ok(t) => t,
                Err(e) => {
                    println!("fuzz_long: {name}: cannot generate: {e}");
                    continue;
                }
            };
            let text = tree.current();
            if !args.strict {
                if let Some(bug) = support::known_bug(&text) {
                    *stats.known.entry(bug).or_default() += 1;
                    continue;
                }
            }
            let t0 = Instant::now();
            let outcome = run(&text);
            let dt = t0.elapsed();
            stats.cases[k] += 1;
            shared.cases.fetch_add(1, Ordering::Relaxed);
            stats.bytes += text.len();
            if dt > stats.slowest.0 {
                stats.slowest = (dt, text.clone(), name);
            }
            if let Err(err) = outcome {
                let n = shared.failures.fetch_add(1, Ordering::Relaxed) + 1;
                let (min, min_err) = shrink(&mut *tree, (text.clone(), err.clone()), args.strict);
                let _guard = shared.print.lock().unwrap_or_else(|e| e.into_inner());
                println!("\nFAILURE {n} ({name}): {err}\n  input: {}", show(&text, n * 2 - 1));
                println!("  shrunk: {min_err}\n  input: {}", show(&min, n * 2));
                if n >= MAX_FAILURES {
                    println!("\nfuzz_long: stopping after {MAX_FAILURES} failures");
                    shared.stop.store(true, Ordering::Relaxed);
                }
            }
        }
        round += 1;
    }
    stats
}

fn main() {
    let args = parse_args();
    // Panics are caught and reported with their input; keep stderr quiet.
    panic::set_hook(Box::new(|_| {}));

    let cases_note = args.cases.map_or(String::new(), |n| format!(", up to {n} cases"));
    println!(
        "fuzz_long: {} s{cases_note}, {} thread{}, seed {}{}",
        args.seconds,
        args.threads,
        if args.threads == 1 { "" } else { "s" },
        args.seed,
        if args.strict { ", strict" } else { "" }
    );
    let budget = Duration::try_from_secs_f64(args.seconds).unwrap_or(Duration::MAX);
    let shared = Shared {
        args,
        start: Instant::now(),
        budget,
        cases: AtomicUsize::new(0),
        failures: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        print: Mutex::new(()),
    };

    let all: Vec<Stats> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..shared.args.threads)
            .map(|t| {
                scope.spawn({
                    let shared = &shared;
                    move || worker(t, shared)
                })
            })
            .collect();
        // Progress, once a minute, until the workers are done.
        let mut next = Instant::now() + REPORT_EVERY;
        while !handles.iter().all(|h| h.is_finished()) {
            std::thread::sleep(Duration::from_millis(200));
            if Instant::now() >= next {
                next += REPORT_EVERY;
                println!(
                    "fuzz_long: {} cases, {} failures after {:.0} s",
                    shared.cases.load(Ordering::Relaxed),
                    shared.failures.load(Ordering::Relaxed),
                    shared.start.elapsed().as_secs_f64()
                );
            }
        }
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });

    let names: Vec<&str> = strategies().iter().map(|s| s.0).collect();
    let mut cases = vec![0usize; names.len()];
    let mut bytes = 0;
    let mut known: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut slowest = (Duration::ZERO, String::new(), "");
    for st in all {
        for (c, n) in cases.iter_mut().zip(&st.cases) {
            *c += n;
        }
        bytes += st.bytes;
        for (k, n) in st.known {
            *known.entry(k).or_default() += n;
        }
        if st.slowest.0 > slowest.0 {
            slowest = st.slowest;
        }
    }
    let failures = shared.failures.load(Ordering::Relaxed);
    let total: usize = cases.iter().sum();
    println!(
        "\nfuzz_long: {total} cases ({:.1} MB of text) in {:.1} s",
        bytes as f64 / 1e6,
        shared.start.elapsed().as_secs_f64()
    );
    for (name, n) in names.iter().zip(&cases) {
        println!("  {name:<20} {n} cases");
    }
    let slow_path = std::env::temp_dir().join("fuzz_long-slowest.txt");
    let saved = std::fs::write(&slow_path, &slowest.1)
        .map_or(String::new(), |()| format!(", saved to {}", slow_path.display()));
    println!(
        "  slowest case: {:.1} ms on {} bytes ({}){saved}",
        slowest.0.as_secs_f64() * 1e3,
        slowest.1.len(),
        slowest.2
    );
    for (bug, n) in &known {
        println!("  skipped {n} inputs of a known bug: {bug}");
    }
    println!("  failures: {failures}");
    if failures > 0 {
        std::process::exit(1);
    }
}
