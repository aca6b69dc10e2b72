//! Snapshot tests over the real news texts of `corpus/`.
//!
//! For every `corpus/*.txt`, in sorted order, the library runs on the text
//! with the date in the file name as the document date, and the test
//! checks:
//!
//! * the invariants of DESIGN.md on the `claimscan/1` record, in plain code
//!   (`common::assert_invariants`);
//! * the record against `tests/snapshots/corpus__<stem>.json.snap`;
//! * the `show` view against `tests/snapshots/corpus__<stem>.show.snap`.
//!
//! Review snapshot changes with `cargo insta review`, or regenerate them all
//! with `INSTA_UPDATE=always cargo test --test corpus` and read the diff;
//! never edit a snapshot by hand. Under `CI=true` a missing or changed
//! snapshot fails the test.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use claimscan::{analyze, input, output, Document};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The corpus texts, sorted by file name.
fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus/ is readable")
        .map(|e| e.expect("corpus/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem().expect("a file name").to_string_lossy().into_owned()
}

#[test]
fn corpus_is_in_place() {
    let files = corpus_files();
    assert!(files.len() >= 27, "corpus/ holds {} texts, want at least 27", files.len());
    assert_eq!(stem(&files[0]), "000-seed-2024-09-27", "the seed article comes first");
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy();
        assert!(input::date_in_name(&name).is_some(), "{name}: no YYYY-MM-DD document date in the file name");
    }
}

#[test]
fn corpus_snapshots() {
    let mut failures = Vec::new();
    for path in corpus_files() {
        let stem = stem(&path);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let dct = input::date_in_name(&name);
        let a = analyze(Document::new(format!("corpus/{name}"), text.clone(), dct));
        let record = output::record(&a, None);
        let shown = output::show(&a);

        let checked = catch_unwind(AssertUnwindSafe(|| {
            common::assert_invariants(&name, &text, &record);
            assert_eq!(record["dct"].as_str(), dct.map(|d| d.to_string()).as_deref(), "{name}: dct");
        }));
        // Snapshots are compared even when an invariant failed, so that one
        // run writes every new snapshot for review.
        let json = catch_unwind(AssertUnwindSafe(|| {
            insta::with_settings!({ omit_expression => true, description => format!("corpus/{name}: claimscan/1 record") }, {
                insta::assert_json_snapshot!(format!("{stem}.json"), record);
            });
        }));
        let show = catch_unwind(AssertUnwindSafe(|| {
            insta::with_settings!({ omit_expression => true, description => format!("corpus/{name}: show") }, {
                insta::assert_snapshot!(format!("{stem}.show"), shown);
            });
        }));
        for (what, r) in [("invariants", checked), ("record snapshot", json), ("show snapshot", show)] {
            if r.is_err() {
                failures.push(format!("{name}: {what}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} failure(s) (details above):\n  {}", failures.len(), failures.join("\n  "));
}

/// Every snapshot of this file belongs to a text still in `corpus/`.
#[test]
fn no_orphan_snapshots() {
    let stems: Vec<String> = corpus_files().iter().map(|p| stem(p)).collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for e in entries {
        let name = e.expect("snapshot entry").file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix("corpus__") else { continue };
        let Some(s) = rest.strip_suffix(".json.snap").or_else(|| rest.strip_suffix(".show.snap")) else { continue };
        assert!(stems.iter().any(|t| t == s), "tests/snapshots/{name} has no text in corpus/; delete it");
    }
}

/// The invariant checker finds what it is there to find.
#[test]
fn invariant_checker_catches_broken_records() {
    let text = "Rain fell. It stopped.\n\nThen the sun came out.";
    let good = output::record(&analyze(Document::new("t", text, None)), None);
    assert_eq!(common::violations(text, &good), Vec::<String>::new());

    let broken = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut r = good.clone();
        edit(&mut r);
        common::violations(text, &r)
    };
    let cases: [(&str, &dyn Fn(&mut serde_json::Value)); 6] = [
        ("text differs from its span", &|r| r["sentences"][0]["text"] = "Rain fell!".into()),
        ("span past the end", &|r| r["sentences"][2]["span"] = serde_json::json!([24, 99])),
        ("overlap", &|r| r["sentences"][1]["span"] = serde_json::json!([5, 22])),
        ("a sentence dropped", &|r| {
            r["sentences"].as_array_mut().unwrap().remove(1);
            r["sentences"][1]["id"] = "s1".into();
        }),
        ("empty sentence", &|r| {
            r["sentences"][0]["span"] = serde_json::json!([0, 0]);
            r["sentences"][0]["text"] = "".into();
        }),
        ("wrong schema", &|r| r["schema"] = "claimscan/0".into()),
    ];
    for (what, edit) in cases {
        assert!(!broken(edit).is_empty(), "the checker missed: {what}");
    }
}
