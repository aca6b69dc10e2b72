//! The property tests of `tests/properties.rs`, looped for a time budget.
//!
//! ```text
//! cargo run --release --example fuzz_long -- SECONDS [--seed N] [--strict]
//! ```
//!
//! Cycles through the same generators (random Unicode, dense punctuation,
//! news-like text) until SECONDS have passed (default 60), runs
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
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

const MAX_FAILURES: usize = 10;
const SHRINK_TIME: Duration = Duration::from_secs(20);
const PRINT_LIMIT: usize = 2000;

struct Args {
    seconds: f64,
    seed: u64,
    strict: bool,
}

fn parse_args() -> Args {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let mut args = Args { seconds: 60.0, seed: now, strict: false };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                args.seed = it.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| usage("--seed needs a number"))
            }
            "--strict" => args.strict = true,
            "-h" | "--help" => usage(""),
            s => args.seconds = s.parse().unwrap_or_else(|_| usage(&format!("unknown argument {s:?}"))),
        }
    }
    args
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("fuzz_long: {problem}");
    }
    eprintln!("usage: cargo run --release --example fuzz_long -- [SECONDS] [--seed N] [--strict]");
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

fn main() {
    let args = parse_args();
    // Panics are caught and reported with their input; keep stderr quiet.
    panic::set_hook(Box::new(|_| {}));

    let strategies: Vec<(&str, BoxedStrategy<String>)> = vec![
        ("random_unicode", support::random_unicode().boxed()),
        ("dense_punctuation", support::dense_punctuation().boxed()),
        ("news_like_text", support::structured_text().boxed()),
    ];
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&args.seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);

    println!("fuzz_long: {} s, seed {}{}", args.seconds, args.seed, if args.strict { ", strict" } else { "" });
    let budget = Duration::from_secs_f64(args.seconds);
    let start = Instant::now();
    let mut cases = vec![0usize; strategies.len()];
    let mut bytes = 0usize;
    let mut known: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut slowest = (Duration::ZERO, String::new(), "");
    let mut failures = 0usize;

    'outer: while start.elapsed() < budget {
        for (k, (name, strategy)) in strategies.iter().enumerate() {
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
                    *known.entry(bug).or_default() += 1;
                    continue;
                }
            }
            let t0 = Instant::now();
            let outcome = run(&text);
            let dt = t0.elapsed();
            cases[k] += 1;
            bytes += text.len();
            if dt > slowest.0 {
                slowest = (dt, text.clone(), name);
            }
            if let Err(err) = outcome {
                failures += 1;
                println!("\nFAILURE {failures} ({name}): {err}\n  input: {}", show(&text, failures * 2 - 1));
                let (min, min_err) = shrink(&mut *tree, (text, err), args.strict);
                println!("  shrunk: {min_err}\n  input: {}", show(&min, failures * 2));
                if failures >= MAX_FAILURES {
                    println!("\nfuzz_long: stopping after {MAX_FAILURES} failures");
                    break 'outer;
                }
            }
        }
    }

    let total: usize = cases.iter().sum();
    println!(
        "\nfuzz_long: {total} cases ({:.1} MB of text) in {:.1} s",
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    for ((name, _), n) in strategies.iter().zip(&cases) {
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
