//! Quality floors of the quote pass on PolNeAR dev (../shared/eval/quotes),
//! the figures of `python3 ../shared/eval/scoreboard.py quotes`. Each floor is
//! the figure measured when it was last raised, rounded down; raise it when a
//! change improves the score. Without ../shared/eval the test says so and
//! passes.

use std::path::PathBuf;

use claimscan::eval::{quotes, read_gold};

fn gold(name: &str) -> Option<Vec<serde_json::Value>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval").join(name);
    if !path.exists() {
        eprintln!("skipping: {} is absent", path.display());
        return None;
    }
    Some(read_gold(&path).expect("gold file reads"))
}

#[track_caller]
fn at_least(what: &str, value: f64, floor: f64) {
    assert!(value >= floor, "{what}: {value:.4} fell below its floor {floor}");
}

#[test]
fn polnear_dev() {
    let Some(g) = gold("quotes/polnear_dev.jsonl") else { return };
    let rep = quotes::score(&g);
    let (direct, mixed, indirect, all) =
        (rep.bucket("direct"), rep.bucket("mixed"), rep.bucket("indirect"), rep.bucket("all"));
    at_least("direct overlap F1", direct.overlap().2, 0.907);
    at_least("direct speaker accuracy", direct.speaker_acc().unwrap_or(0.0), 0.897);
    at_least("mixed overlap F1", mixed.overlap().2, 0.830);
    at_least("indirect overlap F1", indirect.overlap().2, 0.526);
    at_least("all kinds end-to-end F1", all.e2e().2, 0.542);
}
