//! Batch: inputs to output records, in input order, in parallel.
//!
//! ## What it does
//! [`expand`] turns the command-line paths into a sorted list of inputs
//! (folders recursively). [`run`] reads them as units (one per text file,
//! one per JSONL line), runs the pipeline over a window of units at a time
//! with rayon, and writes each unit's record in input order. Every unit
//! yields exactly one record: a document or an error record.
//!
//! ## Invariants
//! No input is lost and the output does not depend on the number of
//! threads: units are numbered as read and written back in that order. Only
//! one window of units is held in memory at a time.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::document::Document;
use crate::input::{self, ErrorKind, InputError, Record};
use crate::output;
use crate::output::text::Style;
use crate::pipeline::analyze;

/// How an input's bytes are split into records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// One `claimscan/1` record a line.
    Jsonl,
    /// One JSON array of pretty-printed records.
    Json,
    /// The terminal view for reviewers (`output::text`), plain.
    Text,
    /// The same with ANSI colours.
    TextColour,
    /// One self-contained HTML page for the run.
    Html,
    /// ClaimReview drafts, one JSON-LD object a line.
    ClaimReview,
    /// One Label Studio import file (a JSON array of tasks).
    LabelStudio,
    /// One CSV row per claim, with one header row.
    Csv,
}

impl OutputFormat {
    /// What the run writes before its first record.
    fn prologue(self) -> &'static str {
        match self {
            OutputFormat::Json | OutputFormat::LabelStudio => "[",
            OutputFormat::Html => output::html::HEAD,
            OutputFormat::Csv => output::csv::HEADER,
            _ => "",
        }
    }

    /// What the run writes after its last record.
    fn epilogue(self) -> &'static str {
        match self {
            OutputFormat::Json | OutputFormat::LabelStudio => "\n]\n",
            OutputFormat::Html => output::html::FOOT,
            _ => "",
        }
    }

    /// Records are elements of one JSON array.
    fn is_array(self) -> bool {
        matches!(self, OutputFormat::Json | OutputFormat::LabelStudio)
    }
}

/// One input named on the command line, after folder expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    Path(PathBuf),
}

pub struct Options {
    /// `None`: by extension (`.jsonl`, `.jsonl.gz`, `.ndjson` are JSONL).
    pub input: Option<InputFormat>,
    pub format: OutputFormat,
    pub dct: Option<Date>,
    /// Records over this many bytes become `too_large` errors.
    pub max_bytes: usize,
}

/// What a run did, for the summary and the exit status.
#[derive(Debug, Default)]
pub struct Summary {
    pub records: usize,
    pub errors: usize,
    pub bytes: usize,
}

/// Expands folders (recursively, sorted) and keeps files and `-` as given.
/// A missing path is kept: reading it yields its error record.
pub fn expand(paths: &[PathBuf]) -> Vec<Source> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files);
            files.sort();
            out.extend(files.into_iter().map(Source::Path));
        } else {
            out.push(Source::Path(p.clone()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else if is_input_file(&path) {
            out.push(path);
        }
    }
}

/// Files a folder walk picks up: text and JSONL, plain or gzipped.
fn is_input_file(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".txt", ".text", ".jsonl", ".ndjson"].iter().any(|ext| name.ends_with(ext))
}

fn format_of(source: &Source, opts: &Options) -> InputFormat {
    if let Some(f) = opts.input {
        return f;
    }
    match source {
        Source::Stdin => InputFormat::Text,
        Source::Path(p) => {
            let name = p.to_string_lossy().to_lowercase();
            let name = name.strip_suffix(".gz").unwrap_or(&name);
            if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
                InputFormat::Jsonl
            } else {
                InputFormat::Text
            }
        }
    }
}

/// One unit of work: a record to analyse, or an input that already failed.
enum Unit {
    Ok(Record),
    Err(String, InputError),
}

/// Units per parallel window: enough to keep every thread busy, few enough
/// to bound memory.
const WINDOW: usize = 256;

/// Reads every source, writes one record per unit to `out` and one line per
/// failed unit to `err`.
pub fn run(sources: &[Source], opts: &Options, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Summary> {
    let mut sink = Sink { out, err, opts, summary: Summary::default(), first: true };
    sink.out.write_all(opts.format.prologue().as_bytes())?;
    let mut window: Vec<Unit> = Vec::with_capacity(WINDOW);
    for source in sources {
        let name = match source {
            Source::Stdin => "-".to_string(),
            Source::Path(p) => p.display().to_string(),
        };
        let reader = match open(source) {
            Ok(r) => r,
            Err(e) => {
                window.push(Unit::Err(name, e));
                continue;
            }
        };
        match format_of(source, opts) {
            InputFormat::Text => {
                let date = match source {
                    Source::Path(p) => {
                        opts.dct.or_else(|| p.file_name().and_then(|n| input::date_in_name(&n.to_string_lossy())))
                    }
                    Source::Stdin => opts.dct,
                };
                window.push(read_text(reader, &name, date, opts.max_bytes));
            }
            InputFormat::Jsonl => {
                let mut reader = reader;
                let mut line = Vec::new();
                let mut lineno = 0;
                loop {
                    line.clear();
                    match reader.read_until(b'\n', &mut line) {
                        Ok(0) => break,
                        Ok(_) => {}
                        Err(e) => {
                            window.push(Unit::Err(
                                format!("{name}:{}", lineno + 1),
                                InputError::new(ErrorKind::Unreadable, format!("read failed: {e}")),
                            ));
                            break;
                        }
                    }
                    lineno += 1;
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    window.push(jsonl_unit(&line, &format!("{name}:{lineno}"), opts));
                    if window.len() == WINDOW {
                        sink.flush(&mut window)?;
                    }
                }
            }
        }
        if window.len() >= WINDOW {
            sink.flush(&mut window)?;
        }
    }
    sink.flush(&mut window)?;
    sink.out.write_all(opts.format.epilogue().as_bytes())?;
    sink.out.flush()?;
    Ok(sink.summary)
}

fn open(source: &Source) -> Result<Box<dyn BufRead>, InputError> {
    let raw: Box<dyn Read> = match source {
        Source::Stdin => Box::new(io::stdin()),
        Source::Path(p) => {
            let f = File::open(p).map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => InputError::new(ErrorKind::NotFound, "no such file or directory"),
                _ => InputError::new(ErrorKind::Unreadable, format!("cannot open: {e}")),
            })?;
            if p.is_dir() {
                return Err(InputError::new(ErrorKind::Unreadable, "cannot read a folder"));
            }
            if p.extension().is_some_and(|e| e == "gz") {
                Box::new(flate2::read::MultiGzDecoder::new(f))
            } else {
                Box::new(f)
            }
        }
    };
    Ok(Box::new(BufReader::with_capacity(1 << 16, raw)))
}

fn read_text(mut reader: Box<dyn BufRead>, name: &str, date: Option<Date>, max_bytes: usize) -> Unit {
    let mut bytes = Vec::new();
    // Read one byte past the limit to tell "at the limit" from "over it".
    let limit = (max_bytes as u64).saturating_add(1);
    if let Err(e) = reader.by_ref().take(limit).read_to_end(&mut bytes) {
        return Unit::Err(name.to_string(), InputError::new(ErrorKind::Unreadable, format!("read failed: {e}")));
    }
    if bytes.len() > max_bytes {
        return Unit::Err(
            name.to_string(),
            InputError::new(ErrorKind::TooLarge, format!("input is over {max_bytes} bytes")),
        );
    }
    match input::decode_text(name, bytes, date) {
        Ok(r) => Unit::Ok(r),
        Err(e) => Unit::Err(name.to_string(), e),
    }
}

fn jsonl_unit(line: &[u8], fallback_id: &str, opts: &Options) -> Unit {
    if line.len() > opts.max_bytes {
        return Unit::Err(
            fallback_id.to_string(),
            InputError::new(ErrorKind::TooLarge, format!("record is over {} bytes", opts.max_bytes)),
        );
    }
    match input::parse_jsonl_line(line, fallback_id) {
        Ok(mut r) => {
            r.date = r.date.or(opts.dct);
            Unit::Ok(r)
        }
        Err((id, e)) => Unit::Err(id, e),
    }
}

struct Sink<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    opts: &'a Options,
    summary: Summary,
    first: bool,
}

impl Sink<'_> {
    /// Analyses the window in parallel and writes its records in order.
    fn flush(&mut self, window: &mut Vec<Unit>) -> io::Result<()> {
        let format = self.opts.format;
        let base = self.summary.records;
        let rendered: Vec<(Vec<u8>, Option<String>, usize)> =
            window.par_drain(..).enumerate().map(|(i, u)| render(u, format, base + i)).collect();
        for (bytes, error, size) in rendered {
            self.summary.records += 1;
            self.summary.bytes += size;
            if let Some(msg) = error {
                self.summary.errors += 1;
                writeln!(self.err, "claimscan: {msg}")?;
            }
            if format.is_array() {
                if bytes.is_empty() {
                    continue;
                }
                self.out.write_all(if self.first { b"\n" } else { b",\n" })?;
            }
            self.first = false;
            self.out.write_all(&bytes)?;
        }
        Ok(())
    }
}

/// The output bytes of one unit (the `n`th of the run), its error message,
/// and its input size. The reviewer formats (claimreview, label-studio,
/// csv) write nothing for an input that failed: its error goes to stderr.
fn render(unit: Unit, format: OutputFormat, n: usize) -> (Vec<u8>, Option<String>, usize) {
    let mut buf = Vec::new();
    match unit {
        Unit::Ok(rec) => {
            let size = rec.text.len();
            let meta = rec.meta;
            let a = analyze(Document::new(rec.id, rec.text, rec.date));
            match format {
                OutputFormat::Jsonl => {
                    output::write_record(&mut buf, &a, meta.as_ref());
                    buf.push(b'\n');
                }
                OutputFormat::Json => {
                    let _ = serde_json::to_writer_pretty(&mut buf, &output::record(&a, meta.as_ref()));
                }
                OutputFormat::Text => buf.extend_from_slice(output::text::text(&a, Style::Plain).as_bytes()),
                OutputFormat::TextColour => buf.extend_from_slice(output::text::text(&a, Style::Colour).as_bytes()),
                OutputFormat::Html => buf.extend_from_slice(output::html::document(&a, n).as_bytes()),
                OutputFormat::ClaimReview => buf.extend_from_slice(output::claimreview::drafts(&a).as_bytes()),
                OutputFormat::LabelStudio => {
                    let _ = serde_json::to_writer(&mut buf, &output::label_studio::task(&a));
                }
                OutputFormat::Csv => buf.extend_from_slice(output::csv::rows(&a).as_bytes()),
            }
            (buf, None, size)
        }
        Unit::Err(id, e) => {
            let rec = output::error_record(&id, &e);
            match format {
                OutputFormat::Jsonl => {
                    let _ = serde_json::to_writer(&mut buf, &rec);
                    buf.push(b'\n');
                }
                OutputFormat::Json => {
                    let _ = serde_json::to_writer_pretty(&mut buf, &rec);
                }
                OutputFormat::Text | OutputFormat::TextColour => {
                    buf.extend_from_slice(format!("── {id} · error {}: {}\n", e.kind.as_str(), e.message).as_bytes())
                }
                OutputFormat::Html => {
                    buf.extend_from_slice(output::html::error(&id, e.kind.as_str(), &e.message).as_bytes())
                }
                OutputFormat::ClaimReview | OutputFormat::LabelStudio | OutputFormat::Csv => {}
            }
            (buf, Some(format!("{id}: {}", e.message)), 0)
        }
    }
}
