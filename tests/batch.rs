//! Batch runs at scale, through the binary (issue 8): output bytes that do
//! not depend on `--jobs`, `--output` with `--resume` after `kill -9` and
//! after Ctrl-C, one error record per bad input of every class, `--glob`,
//! `--progress`, streaming from stdin, and a closed output pipe.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::TempDir;
use serde_json::{json, Value};

fn claimscan(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimscan"));
    cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs the binary with `args` and an empty stdin.
fn run(args: &[&str]) -> Output {
    claimscan(args).stdin(Stdio::null()).output().expect("claimscan runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    text(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

/// The texts of `corpus/*.txt`, sorted by name.
fn corpus_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("corpus text")).collect()
}

/// A JSONL input of about `bytes` bytes of corpus text: unique ids, a bad
/// line now and then, and one id used twice (resume must keep both).
fn big_jsonl(dir: &TempDir, bytes: usize) -> PathBuf {
    let texts = corpus_texts();
    let mut out = String::new();
    let mut n = 0;
    while out.len() < bytes {
        let t = &texts[n % texts.len()];
        let line = match n % 97 {
            13 => "{not json".to_string(),
            41 => json!({"id": format!("r{n}"), "text": ""}).to_string(),
            _ => json!({"id": format!("r{n}"), "text": t, "date": "2024-09-27"}).to_string(),
        };
        out.push_str(&line);
        out.push('\n');
        n += 1;
    }
    out.push_str(&json!({"id": "r1", "text": "A repeated id. It is kept."}).to_string());
    out.push('\n');
    dir.write("big.jsonl", out)
}

#[test]
fn output_bytes_do_not_depend_on_jobs() {
    let dir = TempDir::new("batch-jobs");
    let big = big_jsonl(&dir, 1_500_000);
    let runs: Vec<Output> = ["1", "2", "8"]
        .iter()
        .map(|j| run(&["extract", "--jobs", j, "corpus", s(&big), "--progress", "never"]))
        .collect();
    let recs = lines(&runs[0].stdout);
    assert!(recs.len() > 300, "{} records", recs.len());
    assert_eq!(runs[0].status.code(), Some(2), "the input holds bad lines");
    for (j, r) in ["2", "8"].iter().zip(&runs[1..]) {
        assert!(r.stdout == runs[0].stdout, "--jobs {j} wrote other bytes than --jobs 1");
        assert_eq!(text(&r.stderr), text(&runs[0].stderr), "--jobs {j}: other stderr lines");
        assert_eq!(r.status.code(), Some(2));
    }
    // The other formats too.
    for format in ["json", "text"] {
        let one = run(&["extract", "--jobs", "1", "--format", format, "corpus"]);
        let eight = run(&["extract", "--jobs", "8", "--format", format, "corpus"]);
        assert!(one.stdout == eight.stdout, "--format {format}: --jobs 8 differs from --jobs 1");
    }
}

/// Waits until the file at `path` holds at least `min` bytes, or the child
/// ends. Whether the child was still running.
fn wait_for_output(child: &mut Child, path: &Path, min: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if std::fs::metadata(path).is_ok_and(|m| m.len() >= min) {
            return true;
        }
        if child.try_wait().expect("try_wait").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("no output after 60 s");
}

#[test]
fn a_killed_run_resumed_equals_an_uninterrupted_run() {
    let dir = TempDir::new("batch-kill");
    let input = big_jsonl(&dir, 12_000_000);
    let full = dir.path().join("full.jsonl");
    let part = dir.path().join("part.jsonl");
    let done = run(&["extract", "--jobs", "1", s(&input), "--output", s(&full)]);
    assert_eq!(done.status.code(), Some(2), "{}", text(&done.stderr));
    let want = std::fs::read(&full).expect("full output");

    // kill -9 once the first windows are out.
    let mut child = claimscan(&["extract", "--jobs", "1", s(&input), "--output", s(&part)])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("claimscan starts");
    let running = wait_for_output(&mut child, &part, 1);
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    let killed = std::fs::read(&part).expect("partial output");
    assert!(running && killed.len() < want.len(), "the run ended before it could be killed");
    assert_eq!(&want[..killed.len()], &killed[..], "the partial output is a prefix of the full one");

    // A write torn by the kill: half a record after the last whole line.
    let cut = killed.len() - killed.iter().rev().position(|&b| b == b'\n').unwrap_or(killed.len());
    let torn_line = &want[cut..cut + 40.min(want.len() - cut)];
    let mut torn = killed[..cut].to_vec();
    torn.extend_from_slice(torn_line);
    std::fs::write(&part, &torn).expect("write");

    let resumed = run(&["extract", "--jobs", "2", "--resume", s(&input), "--output", s(&part)]);
    assert_eq!(resumed.status.code(), Some(2), "earlier error records still count: {}", text(&resumed.stderr));
    let got = std::fs::read(&part).expect("resumed output");
    assert!(got == want, "resumed output differs from the uninterrupted one ({} vs {} bytes)", got.len(), want.len());

    // Resuming a complete output adds nothing.
    let again = run(&["extract", "--resume", s(&input), "--output", s(&part), "--progress", "always"]);
    assert!(std::fs::read(&part).expect("output") == want, "a second resume changed the output");
    let summary = text(&again.stderr);
    assert!(summary.contains("0 records, 0 errors") && summary.contains("already in the output"), "{summary}");
}

#[test]
fn resume_over_a_folder_of_text_files() {
    let dir = TempDir::new("batch-resume-text");
    let out = dir.path().join("out.jsonl");
    let full = run(&["extract", "corpus", "--output", s(&out)]);
    assert_eq!(full.status.code(), Some(0), "{}", text(&full.stderr));
    let want = std::fs::read(&out).expect("output");
    let ends: Vec<usize> = want.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1).collect();
    assert!(ends.len() >= 28);
    // Five whole records and a third of the sixth, as a kill would leave them.
    let cut = ends[4] + (ends[5] - ends[4]) / 3;
    std::fs::write(&out, &want[..cut]).expect("write");
    let resumed = run(&["extract", "corpus", "--output", s(&out), "--resume", "--progress", "always"]);
    assert_eq!(resumed.status.code(), Some(0), "{}", text(&resumed.stderr));
    assert!(std::fs::read(&out).expect("output") == want, "resumed output differs");
    let summary = text(&resumed.stderr);
    assert!(summary.contains(&format!("{} records, 0 errors", ends.len() - 5)), "{summary}");
    assert!(summary.contains("(5 records already in the output, skipped)"), "{summary}");
}

#[test]
fn ctrl_c_finishes_the_records_in_hand_then_resume_completes() {
    let dir = TempDir::new("batch-sigint");
    let input = big_jsonl(&dir, 12_000_000);
    let full = dir.path().join("full.jsonl");
    let part = dir.path().join("part.jsonl");
    run(&["extract", "--jobs", "2", s(&input), "--output", s(&full)]);
    let want = std::fs::read(&full).expect("full output");

    let mut child = claimscan(&["extract", "--jobs", "2", s(&input), "--output", s(&part)])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimscan starts");
    let running = wait_for_output(&mut child, &part, 1);
    // SAFETY: kill(2) on the pid of a child this test started.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let out = child.wait_with_output().expect("wait");
    let got = std::fs::read(&part).expect("partial output");
    assert!(running && got.len() < want.len(), "the run ended before Ctrl-C");
    assert_eq!(out.status.code(), Some(130), "stderr: {}", text(&out.stderr));
    assert!(got.ends_with(b"\n") && want.starts_with(&got), "the output stops on a whole record");
    assert!(text(&out.stderr).contains("--resume"), "{}", text(&out.stderr));

    run(&["extract", "--resume", s(&input), "--output", s(&part)]);
    assert!(std::fs::read(&part).expect("output") == want, "resumed output differs");
}

#[test]
fn every_bad_input_class_gives_one_error_record_and_the_rest_is_processed() {
    let dir = TempDir::new("batch-bad");
    let good = "It rained. We stayed in.";
    let files = [
        ("a-good.txt", good.as_bytes().to_vec(), None),
        ("b-empty.txt", b" \n".to_vec(), Some("empty")),
        ("c-binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec(), Some("binary")),
        ("d-nul.txt", b"It rained.\x00 We stayed in.".to_vec(), Some("nul_byte")),
        ("e-latin1.txt", b"Caf\xe9 au lait.".to_vec(), Some("invalid_utf8")),
        ("f-large.txt", "It rained. ".repeat(100).into_bytes(), Some("too_large")),
        ("g-broken.txt.gz", b"\x1f\x8b\x08\x00garbage".to_vec(), Some("unreadable")),
        ("h-good.txt", good.as_bytes().to_vec(), None),
    ];
    for (name, bytes, _) in &files {
        dir.write(name, bytes);
    }
    let jsonl = [
        (json!({"id": "j1", "text": good}).to_string(), None),
        ("{not json".to_string(), Some("invalid_json")),
        (json!({"id": "j3"}).to_string(), Some("missing_text")),
        (json!({"id": "j4", "text": 4}).to_string(), Some("missing_text")),
        (json!({"id": "j5", "text": good, "date": "soon"}).to_string(), Some("invalid_date")),
        (json!({"id": "j6", "text": "It \u{0} rained."}).to_string(), Some("nul_byte")),
        (json!({"id": "j7", "text": "\u{1}\u{2}\u{3}\u{4}"}).to_string(), Some("binary")),
        (json!({"id": "j8", "text": "x ".repeat(600)}).to_string(), Some("too_large")),
        (json!({"id": "j9", "text": "  "}).to_string(), Some("empty")),
        (json!({"id": "j10", "text": good}).to_string(), None),
    ];
    let mut jl: Vec<u8> = jsonl.iter().flat_map(|(l, _)| format!("{l}\n").into_bytes()).collect();
    jl.extend_from_slice(b"{\"id\": \"j11\", \"text\": \"Caf\xe9.\"}\n");
    dir.write("z.jsonl", jl);
    let missing = dir.path().join("no-such.txt");

    let out = run(&["extract", "--max-bytes", "1000", s(dir.path()), s(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    let recs = lines(&out.stdout);
    let kinds: Vec<Option<&str>> = recs.iter().map(|r| r["error"]["kind"].as_str()).collect();
    let mut want: Vec<Option<&str>> = files.iter().map(|f| f.2).collect();
    want.extend(jsonl.iter().map(|j| j.1));
    want.push(Some("invalid_utf8"));
    want.push(Some("not_found"));
    assert_eq!(kinds, want, "one record per input, each bad one with its kind");
    for r in &recs {
        match r.get("error") {
            Some(e) => assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{r}"),
            None => common::assert_invariants("good", good, r),
        }
    }
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), want.iter().filter(|k| k.is_some()).count(), "one stderr line each:\n{err}");
}

#[test]
fn glob_selects_files_in_folders() {
    let dir = TempDir::new("batch-glob");
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    for name in ["a.txt", "b.md", "sub/c.txt", "sub/d.md", "sub/e.jsonl"] {
        let body = if name.ends_with(".jsonl") {
            r#"{"id": "e", "text": "It rained."}"#.to_string()
        } else {
            "It rained.".to_string()
        };
        dir.write(name, body);
    }
    let ids = |globs: &[&str]| -> Vec<String> {
        let mut args = vec!["extract", s(dir.path())];
        for g in globs {
            args.extend(["--glob", g]);
        }
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{globs:?}: {}", text(&out.stderr));
        let root = format!("{}/", s(dir.path()));
        lines(&out.stdout).iter().map(|r| r["id"].as_str().unwrap_or("").replace(&root, "")).collect()
    };
    assert_eq!(ids(&[]), ["a.txt", "sub/c.txt", "e"], "by default: text and JSONL files");
    assert_eq!(ids(&["*.md"]), ["b.md", "sub/d.md"], "a glob without / matches file names at any depth");
    assert_eq!(ids(&["sub/*.txt"]), ["sub/c.txt"], "a glob with / matches the path below the folder");
    assert_eq!(ids(&["*.txt", "*.md"]), ["a.txt", "b.md", "sub/c.txt", "sub/d.md"]);
    assert_eq!(ids(&["!sub/**"]), ["a.txt"], "! excludes");
    let bad = run(&["extract", "--glob", "a[", s(dir.path())]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--glob"), "{}", text(&bad.stderr));
}

#[test]
fn progress_always_ends_with_a_summary_line_and_never_is_silent() {
    let out = run(&["extract", "--progress", "always", "corpus"]);
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    let last = err.lines().last().unwrap_or("");
    let n = lines(&out.stdout).len();
    assert!(
        last.starts_with(&format!("claimscan: {n} records, 0 errors, ")) && last.ends_with(" s"),
        "summary line: {last:?}"
    );
    let quiet = run(&["extract", "--progress", "never", "corpus"]);
    assert_eq!(text(&quiet.stderr), "");
    // Not a terminal: auto shows nothing either.
    assert_eq!(text(&run(&["extract", "corpus"]).stderr), "");
}

#[test]
fn stdin_jsonl_streams_record_by_record() {
    let mut child = claimscan(&["extract", "--input", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimscan starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    for i in 0..3 {
        writeln!(stdin, "{}", json!({"id": format!("s{i}"), "text": "It rained. We stayed in."})).expect("write");
        stdin.flush().expect("flush");
        // The record comes back while stdin is still open.
        let mut line = String::new();
        stdout.read_line(&mut line).expect("read");
        let rec: Value = serde_json::from_str(&line).expect("a JSON record");
        assert_eq!(rec["id"], format!("s{i}"));
    }
    drop(stdin);
    assert_eq!(child.wait().expect("wait").code(), Some(0));
}

#[test]
fn a_closed_output_pipe_ends_the_run_quietly() {
    let dir = TempDir::new("batch-pipe");
    let input = big_jsonl(&dir, 3_000_000);
    let mut child = claimscan(&["extract", s(&input)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimscan starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("read");
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "like `| head`: exit 0");
    let err = text(&out.stderr).to_lowercase();
    assert!(!err.contains("panicked") && !err.contains("broken pipe"), "quietly: {err}");
}

/// On a terminal the progress bar draws from its own thread: once, holding
/// the stderr lock for the whole run deadlocked it. Runs the binary under
/// `script` (util-linux) for a pseudo-terminal; skipped without it.
#[test]
fn progress_bar_on_a_terminal_does_not_hang() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) not found");
        return;
    }
    // Long enough for the bar's ticker (every 200 ms) to draw.
    let dir = TempDir::new("batch-tty");
    let input = big_jsonl(&dir, 12_000_000);
    let cmd = format!(
        "{} extract --jobs 1 --progress auto {} --output /dev/null",
        env!("CARGO_BIN_EXE_claimscan"),
        s(&input)
    );
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("try_wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            kill_processes_naming(&input);
            panic!("claimscan with a progress bar on a terminal did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("wait");
    let screen = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "the input holds bad lines: {screen}");
    assert!(screen.contains(" records, "), "no summary line on the terminal: {screen:?}");
}

/// Kills (SIGKILL) every process whose command line names `path`: the
/// claimscan that `script` started in its own session, which outlives it.
fn kill_processes_naming(path: &Path) {
    let needle = s(path).as_bytes();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<libc::pid_t>() else { continue };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
        if cmdline.windows(needle.len()).any(|w| w == needle) {
            // SAFETY: kill(2) on a process this test started (its command line names the test's temp file).
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    }
}
