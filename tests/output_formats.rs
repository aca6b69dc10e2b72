//! The reviewer output formats on the seed article: a snapshot of each
//! (`text`, `html`, `claimreview`, `label-studio`, `csv`), structural checks
//! of each, and the HTML page rendered in headless Chromium (Debian package
//! `chromium`): a screenshot, no console message, and every claim in the
//! DOM. Without chromium the browser test says so and passes, except under
//! `CI=true`, where `.ci/run` installs it and its absence is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use claimscan::output::{claimreview, csv, html, label_studio, text};
use claimscan::{analyze, input, Analysis, Document};

const SEED: &str = "000-seed-2024-09-27.txt";

fn seed() -> Analysis {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(SEED);
    let text = std::fs::read_to_string(&path).expect("the seed article reads");
    analyze(Document::new(format!("corpus/{SEED}"), text, input::date_in_name(SEED)))
}

fn snapshot(name: &str, value: &str) {
    insta::with_settings!({ omit_expression => true, description => format!("corpus/{SEED}: --format {name}") }, {
        insta::assert_snapshot!(format!("seed.{name}"), value);
    });
}

#[test]
fn text_format() {
    let a = seed();
    let plain = text::text(&a, text::Style::Plain);
    assert!(!plain.contains('\x1b'), "plain text has escape codes");
    assert!(text::text(&a, text::Style::Colour).contains("\x1b[1;31m"), "colour text has no colour");
    snapshot("text", &plain);
}

#[test]
fn csv_format() {
    let a = seed();
    let rows = csv::rows(&a);
    assert_eq!(rows.matches("\r\n").count(), a.claims.claims.len(), "one row per claim");
    snapshot("csv", &format!("{}{rows}", csv::HEADER));
}

#[test]
fn claimreview_format() {
    let a = seed();
    let drafts = claimreview::values(&a);
    let worthy = a.claims.claims.iter().filter(|c| c.checkworthy_3dp() >= 0.5).count();
    assert_eq!(drafts.len(), worthy, "one draft per check-worthy claim");
    for d in &drafts {
        assert_eq!(d["@type"], "ClaimReview");
        assert!(d["claimReviewed"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(d["reviewRating"]["ratingValue"].is_null(), "the rating is the reviewer's");
    }
    snapshot("claimreview", &claimreview::drafts(&a));
}

#[test]
fn label_studio_format() {
    let a = seed();
    let task = label_studio::task(&a);
    let text = task["data"]["text"].as_str().expect("the task holds the text");
    let chars: Vec<char> = text.chars().collect();
    let result = task["predictions"][0]["result"].as_array().expect("pre-annotations");
    for r in result {
        let v = &r["value"];
        let (s, e) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(v["text"].as_str(), Some(slice.as_str()), "region {r}");
    }
    let claims = result.iter().filter(|r| r["value"]["labels"][0] == "Claim").count();
    assert_eq!(claims, a.claims.claims.len());
    snapshot("label-studio", &serde_json::to_string_pretty(&task).unwrap());
}

#[test]
fn html_format() {
    let a = seed();
    let page = html::page(std::slice::from_ref(&a));
    assert!(!page.contains("http://") && !page.contains("src=") && !page.contains("<link"), "the page loads nothing");
    for i in 0..a.claims.claims.len() {
        assert_eq!(page.matches(&format!("data-claim=\"c{i}\"")).count(), 2, "c{i}: one row and one mark");
    }
    snapshot("html", &page);
}

/// The chromium binary: $CHROMIUM, else `chromium` or `chromium-browser` on
/// the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n))).find(|p| p.is_file())
}

/// Runs chromium headless with `args` and the page, for at most two minutes;
/// returns stdout and stderr.
fn run_chromium(bin: &Path, profile: &Path, args: &[&str], page: &Path) -> (String, String) {
    let mut child = Command::new(bin)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"])
        .args(["--enable-logging=stderr", "--v=0", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("chromium runs").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish in two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("chromium output");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[test]
fn html_renders_in_chromium() {
    let Some(bin) = chromium() else {
        assert!(std::env::var_os("CI").is_none(), "chromium is not installed (.ci/run installs it)");
        eprintln!("skipping: chromium is not installed (apt-get install chromium)");
        return;
    };
    let a = seed();
    let dir = common::TempDir::new("html-chromium");
    let page = dir.write("seed.html", html::page(std::slice::from_ref(&a)));
    let profile = dir.path().join("profile");

    let (dom, log) = run_chromium(&bin, &profile, &["--dump-dom"], &page);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "the page wrote to the console:\n{}", console.join("\n"));
    assert!(dom.contains("data-ready=\"1\""), "the page's script did not finish:\n{log}");
    let dom = unescape(&dom);
    let text = a.doc.text.as_str();
    for (i, c) in a.claims.claims.iter().enumerate() {
        assert_eq!(dom.matches(&format!("data-claim=\"c{i}\"")).count(), 2, "c{i}: a row and a mark in the DOM");
        assert!(dom.contains(c.span.slice(text)), "c{i}: its text is not in the DOM");
    }

    // The screenshot is kept under target/tmp for a look.
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("seed-page.png");
    let _ = std::fs::remove_file(&shot);
    let (_, log) =
        run_chromium(&bin, &profile, &[&format!("--screenshot={}", shot.display()), "--window-size=1280,2400"], &page);
    let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot at {} ({e}):\n{log}", shot.display()));
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "the screenshot is not a page: {} bytes",
        png.len()
    );
}
