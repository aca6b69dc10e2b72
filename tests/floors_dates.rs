//! Quality floors of the date pass on ../shared/eval/dates: the figures
//! measured when last raised, rounded down, so quality only ratchets up.
//! Without ../shared/eval (a laptop checkout) the tests say so and pass.

use std::path::PathBuf;

use claimscan::eval::{dates, read_gold};

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
fn tempeval3_training_data() {
    let Some(g) = gold("dates/te3_train.jsonl") else { return };
    let rep = dates::score(&g);
    let report = dates::render(&rep, 0);
    at_least(&format!("TE3 value F1\n{report}"), rep.value_f1(), 0.780);
    at_least(&format!("TE3 strict span F1\n{report}"), rep.strict_f1(), 0.861);
    at_least(&format!("TE3 relaxed span F1\n{report}"), rep.relaxed_f1(), 0.933);
}
