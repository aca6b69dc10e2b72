//! Time spent in each pass over the White House corpus (first N MB), single
//! thread: `cargo run --release --example pass_times [MB]`. For finding the
//! pass to optimise; the benchmark of record is benches/throughput.rs.
#![allow(clippy::print_stdout)]

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use claimscan::document::Document;
use claimscan::{claims, dates, numbers, quotes, sentences};

fn main() {
    let mb: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/whitehouse-briefing-room/news.jsonl.gz");
    let Ok(file) = std::fs::File::open(path) else {
        println!("skipping: {path} is absent");
        return;
    };
    let mut docs = Vec::new();
    let mut bytes = 0;
    for line in BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let text = v["text"].as_str().unwrap_or("").to_string();
        bytes += text.len();
        docs.push(Document::new("d", text, jiff::civil::Date::new(2024, 1, 1).ok()));
        if bytes > mb * 1_000_000 {
            break;
        }
    }
    let mut t = [Duration::ZERO; 5];
    for doc in &docs {
        let s0 = Instant::now();
        let s = sentences::split(doc);
        let s1 = Instant::now();
        let n = numbers::extract(doc, &s);
        let s2 = Instant::now();
        let d = dates::extract(doc, &s, &n);
        let s3 = Instant::now();
        let q = quotes::extract(doc, &s);
        let s4 = Instant::now();
        let c = claims::assemble(doc, &s, &n, &d, &q);
        let s5 = Instant::now();
        std::hint::black_box(c);
        for (i, (a, b)) in [(s0, s1), (s1, s2), (s2, s3), (s3, s4), (s4, s5)].into_iter().enumerate() {
            t[i] += b - a;
        }
    }
    let mb = bytes as f64 / 1e6;
    for (name, d) in ["sentences", "numbers", "dates", "quotes", "claims"].iter().zip(t) {
        println!("{name:<10} {:>8.2} s  {:>8.1} MB/s", d.as_secs_f64(), mb / d.as_secs_f64());
    }
}
