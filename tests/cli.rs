//! The `claimscan` binary as a user runs it: inputs, outputs, error records,
//! stderr and exit status (DESIGN.md, "CLI" and "Invariants").

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::TempDir;
use serde_json::{json, Value};

/// Runs the binary with `args`, feeding `stdin` to it.
fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the claimscan binary starts");
    let mut input = child.stdin.take().expect("stdin");
    // The binary may exit before reading stdin (a bad flag): ignore EPIPE.
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    child.wait_with_output().expect("claimscan runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// One JSON value per stdout line.
#[track_caller]
fn records(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {l}")))
        .collect()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

const GOOD: &str = "BAGHDAD — The mission will end next year, officials said. “It is time,” one said.\n";

#[test]
fn extract_reports_each_bad_input_and_processes_the_rest() {
    let dir = TempDir::new("cli-bad-inputs");
    // Written out of order: the folder is read sorted by name.
    let latin1 = dir.write("d-latin1.txt", b"Caf\xe9 au lait. It was good.");
    let binary = dir.write("c-binary.txt", b"PK\x03\x04\x00\x00\x08\x00binary");
    let empty = dir.write("b-empty.txt", b"");
    let good = dir.write("a-good.txt", GOOD);
    let missing = dir.path().join("no-such-file.txt");

    let out = run(&["extract", path_str(dir.path()), path_str(&missing)], "");
    assert_eq!(out.status.code(), Some(2), "exit status 2 when an input failed; stderr: {}", stderr(&out));

    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().expect("every record has a string id")).collect();
    let want: Vec<&str> = [&good, &empty, &binary, &latin1, &missing].iter().map(|p| path_str(p)).collect();
    assert_eq!(ids, want, "one record per input, in input order");

    // The good file is processed in full.
    assert!(recs[0].get("error").is_none(), "the good file failed: {}", recs[0]);
    assert_eq!(recs[0]["schema"], "claimscan/1");
    assert_eq!(recs[0]["sentences"].as_array().map(Vec::len), Some(2), "{}", recs[0]["sentences"]);
    common::assert_invariants("a-good.txt", GOOD, &recs[0]);

    // The others are error records of the right kind.
    for (rec, kind) in recs[1..].iter().zip(["empty", "binary", "invalid_utf8", "not_found"]) {
        assert_eq!(rec["schema"], "claimscan/1", "{rec}");
        assert_eq!(rec["error"]["kind"], kind, "{rec}");
        assert!(rec["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "error without a message: {rec}");
        assert!(rec.get("sentences").is_none(), "an error record holds no analysis: {rec}");
    }
    assert_eq!(recs[3]["error"]["byte_offset"], 3, "invalid UTF-8 at byte 3: {}", recs[3]);

    // One clear stderr line per failed input, naming it.
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "one stderr line per failed input:\n{err}");
    for (line, p) in lines.iter().zip([&empty, &binary, &latin1, &missing]) {
        assert!(
            line.starts_with("claimscan: ") && line.contains(path_str(p)),
            "stderr line {line:?} does not name {}",
            p.display()
        );
    }
}

#[test]
fn extract_exits_0_when_every_input_is_fine() {
    let dir = TempDir::new("cli-all-good");
    let a = dir.write("a.txt", GOOD);
    let b = dir.write("b.txt", "Prices rose 3% in May. Nobody was surprised.");
    let out = run(&["extract", path_str(&a), path_str(&b)], "");
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(stderr(&out), "", "nothing on stderr when all is well");
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    for r in &recs {
        assert!(r.get("error").is_none(), "{r}");
    }
}

#[test]
fn extract_reads_jsonl_from_stdin() {
    let input = concat!(
        r#"{"id": "a", "text": "It rained. We stayed in.", "date": "2024-09-27", "url": "https://example.org/a", "n": 7}"#,
        "\n",
        "{not json\n",
        "\n",
        r#"{"id": "c", "text": "The third record."}"#,
        "\n",
    );
    let out = run(&["extract", "--input", "jsonl", "-"], input);
    assert_eq!(out.status.code(), Some(2), "a bad line makes the exit status 2");
    let recs = records(&out);
    assert_eq!(recs.len(), 3, "one record per non-blank line:\n{}", stdout(&out));

    assert_eq!(recs[0]["id"], "a");
    assert_eq!(recs[0]["dct"], "2024-09-27", "the `date` field is the dct");
    assert_eq!(recs[0]["meta"], json!({"url": "https://example.org/a", "n": 7}), "other fields are carried under meta");
    common::assert_invariants("record a", "It rained. We stayed in.", &recs[0]);

    assert_eq!(recs[1]["error"]["kind"], "invalid_json", "{}", recs[1]);
    assert_eq!(recs[1]["id"], "-:2", "a record without an id is named by its line");

    assert_eq!(recs[2]["id"], "c");
    assert_eq!(recs[2]["dct"], Value::Null, "no date, no --dct: the dct is unknown");
    assert!(recs[2].get("meta").is_none(), "no extra fields, no meta: {}", recs[2]);
    assert_eq!(recs[2]["sentences"][0]["text"], "The third record.");

    assert_eq!(stderr(&out).lines().count(), 1, "one stderr line for the bad line:\n{}", stderr(&out));
}

#[test]
fn the_document_date_comes_from_date_field_dct_flag_or_file_name() {
    let dir = TempDir::new("cli-dates");
    let named = dir.write("story-2019-06-01.txt", "It rained.");
    let plain = dir.write("story.txt", "It rained.");
    let jsonl = dir.write(
        "batch.jsonl",
        concat!(
            r#"{"id": "x", "text": "It rained.", "date": "2021-01-02"}"#,
            "\n",
            r#"{"id": "y", "text": "It rained."}"#,
            "\n"
        ),
    );
    let dct = |args: &[&str]| -> Value {
        let out = run(args, "It rained.");
        assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
        records(&out).iter().map(|r| r["dct"].clone()).collect()
    };
    assert_eq!(dct(&["extract", path_str(&named), path_str(&plain)]), json!(["2019-06-01", null]));
    assert_eq!(
        dct(&["extract", "--dct", "2020-05-05", path_str(&named), path_str(&plain)]),
        json!(["2020-05-05", "2020-05-05"])
    );
    // A .jsonl file is read as JSONL by its extension; its `date` wins over --dct.
    assert_eq!(dct(&["extract", "--dct", "2020-05-05", path_str(&jsonl)]), json!(["2021-01-02", "2020-05-05"]));
    assert_eq!(dct(&["extract", "-"]), json!([null]));
    assert_eq!(dct(&["extract", "--dct", "2020-05-05", "-"]), json!(["2020-05-05"]));
}

#[test]
fn format_json_is_one_array() {
    let dir = TempDir::new("cli-json");
    let a = dir.write("a.txt", GOOD);
    let empty = dir.write("b.txt", "  \n");
    let out = run(&["extract", "--format", "json", path_str(&a), path_str(&empty)], "");
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).expect("--format json prints one JSON document");
    let items = v.as_array().expect("a JSON array");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["schema"], "claimscan/1");
    common::assert_invariants("a.txt", GOOD, &items[0]);
    assert_eq!(items[1]["error"]["kind"], "empty");

    // No input records, still a valid (empty) array.
    let out = run(&["extract", "--format", "json", "--input", "jsonl", "-"], "");
    let v: Value = serde_json::from_slice(&out.stdout).expect("an empty run prints an empty array");
    assert_eq!(v, json!([]));
}

#[test]
fn format_text_and_show_draw_annotations_under_the_text() {
    let dir = TempDir::new("cli-text");
    let file = dir.write("wire-2024-09-27.txt", GOOD);
    for args in [vec!["extract", "--format", "text", path_str(&file)], vec!["show", path_str(&file)]] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].contains("wire-2024-09-27.txt") && lines[0].contains("dct 2024-09-27"),
            "{args:?}: header {:?}",
            lines[0]
        );
        assert!(
            lines.iter().any(|l| l.starts_with("   1 │ BAGHDAD — The mission")),
            "{args:?}: the text line is missing:\n{text}"
        );
        assert!(lines.iter().any(|l| l.contains("├s0 ")), "{args:?}: no row for s0:\n{text}");
        assert!(lines.iter().any(|l| l.contains("├s1 ")), "{args:?}: no row for s1:\n{text}");
        assert!(lines.iter().any(|l| l.contains("dateline")), "{args:?}: no dateline row:\n{text}");
    }
    let out = run(&["show", path_str(&dir.path().join("missing.txt"))], "");
    assert_ne!(out.status.code(), Some(0), "show on a missing file fails");
    assert!(stderr(&out).contains("missing.txt"), "{}", stderr(&out));
}

#[test]
fn a_bad_dct_is_a_clear_error() {
    let dir = TempDir::new("cli-bad-dct");
    let file = dir.write("a.txt", GOOD);
    for bad in ["2024-13-01", "yesterday", "27/09/2024"] {
        let out = run(&["extract", "--dct", bad, path_str(&file)], "");
        assert_eq!(out.status.code(), Some(2), "--dct {bad}");
        assert_eq!(stdout(&out), "", "--dct {bad}: no output records");
        let err = stderr(&out);
        assert!(err.contains(bad) && err.contains("YYYY-MM-DD"), "--dct {bad}: unclear message {err:?}");
    }
}

#[test]
fn help_names_the_commands() {
    let out = run(&["--help"], "");
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for cmd in ["extract", "eval", "show"] {
        assert!(help.contains(cmd), "--help does not mention {cmd}:\n{help}");
    }
    let out = run(&["extract", "--help"], "");
    let help = stdout(&out);
    for flag in ["--input", "--format", "--dct", "--jobs", "--output"] {
        assert!(help.contains(flag), "extract --help does not mention {flag}:\n{help}");
    }
}

#[test]
fn eval_sentences_scores_a_gold_file() {
    let dir = TempDir::new("cli-eval");
    let gold = dir.write(
        "gold.jsonl",
        concat!(
            r#"{"id": "ok", "text": "It rained. We stayed in.", "sentences": ["It rained.", "We stayed in."]}"#,
            "\n",
            // Deliberately wrong gold: the pipeline must not agree with it.
            r#"{"id": "wrong", "text": "It rained. We stayed in.", "sentences": ["It rained. We stayed in."]}"#,
            "\n",
        ),
    );
    let out = run(&["eval", "sentences", path_str(&gold), "--errors", "5"], "");
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("exact-match accuracy: 1/2"), "{report}");
    assert!(report.contains("FAIL wrong"), "--errors lists the failed case:\n{report}");

    let out = run(&["eval", "sentences", path_str(&dir.path().join("missing.jsonl"))], "");
    assert_ne!(out.status.code(), Some(0), "a missing gold file is an error");
}

#[test]
fn output_flag_writes_the_records_to_a_file() {
    let dir = TempDir::new("cli-output");
    let a = dir.write("a.txt", GOOD);
    let target = dir.path().join("out.jsonl");
    let out = run(&["extract", "--output", path_str(&target), path_str(&a)], "");
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(stdout(&out), "", "records go to the file, not stdout");
    let written = std::fs::read_to_string(&target).expect("the output file exists");
    let rec: Value = serde_json::from_str(written.trim_end()).expect("one JSON record");
    common::assert_invariants("a.txt", GOOD, &rec);
}

#[test]
fn output_does_not_depend_on_jobs() {
    let one = run(&["extract", "--jobs", "1", "corpus"], "");
    let two = run(&["extract", "--jobs", "2", "corpus"], "");
    assert_eq!(one.status.code(), Some(0), "the corpus has no bad inputs: {}", stderr(&one));
    assert!(records(&one).len() >= 28, "one record per corpus file");
    assert!(one.stdout == two.stdout, "--jobs 1 and --jobs 2 give different output");
}

#[test]
fn reviewer_formats() {
    let dir = TempDir::new("cli-reviewer");
    let file = dir.write("wire-2024-09-27.txt", "Prices rose 5% last year, the agency said. Thank you.\n");
    let missing = dir.path().join("missing.txt");
    let run_fmt = |fmt: &str| {
        let out = run(&["extract", "--format", fmt, path_str(&file), path_str(&missing)], "");
        assert_eq!(out.status.code(), Some(2), "{fmt}: the missing file is an error: {}", stderr(&out));
        stdout(&out)
    };
    let csv = run_fmt("csv");
    assert!(csv.starts_with("doc_id,claim_id,"), "{csv}");
    assert_eq!(csv.lines().count(), 3, "header and two claims:\n{csv}");
    let html = run_fmt("html");
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"), "{html}");
    assert!(html.contains("class=\"error\""), "the missing file shows as an error section");
    let drafts = run_fmt("claimreview");
    let first: Value = serde_json::from_str(drafts.lines().next().expect("a draft")).expect("JSON-LD");
    assert_eq!(first["@type"], "ClaimReview");
    assert_eq!(first["itemReviewed"]["author"]["name"], "the agency");
    let tasks: Value = serde_json::from_str(&run_fmt("label-studio")).expect("one JSON array");
    assert_eq!(tasks.as_array().map(Vec::len), Some(1), "one task: the missing file has none");
}
