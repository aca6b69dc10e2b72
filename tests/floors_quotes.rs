//! Quality floors of the quote pass on PolNeAR dev (../shared/eval/quotes),
//! the figures of `python3 ../shared/eval/scoreboard.py quotes`. Each floor is
//! the figure measured when it was last raised, rounded down; raise it when a
//! change improves the score. Without ../shared/eval the test says so and
//! passes.

mod common;
use common::{at_least, eval_gold as gold};

use claimscan::eval::quotes;

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
