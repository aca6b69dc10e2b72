//! Batch: inputs to output records, in input order, in parallel.
//!
//! ## What it does
//! [`expand`] turns the command-line paths into a sorted list of inputs
//! (folders recursively, filtered by `--glob`). [`run`] reads them as units
//! (one per text file, one per JSONL line) on a reader thread, runs the
//! pipeline over a window of units at a time with rayon, writes each unit's
//! record in input order and flushes the output after every window. Every
//! unit yields exactly one record: a document or an error record.
//! [`run_resumed`] does the same after skipping the records an earlier run
//! already wrote (`--resume`, see [`resume`]).
//!
//! ## Invariants
//! No input is lost and the output does not depend on the number of
//! threads: units are numbered as read and written back in that order.
//! Memory is bounded: the reader runs at most [`QUEUE`] units ahead, a
//! window holds at most [`WINDOW`] units or [`WINDOW_BYTES`] of text, and a
//! JSONL line over `--max-bytes` is skipped over, never held.
//!
//! ## Interruption
//! When [`Options::interrupt`] is set (Ctrl-C), the reader stops, the window
//! in hand is finished, written and flushed, and [`run`] returns with
//! `Summary::interrupted`: the output ends on a whole record, ready for
//! `--resume`.

pub mod progress;
pub mod resume;

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use globset::{Glob, GlobSet, GlobSetBuilder};
use jiff::civil::Date;
use rayon::prelude::*;

use crate::document::Document;
use crate::input::{self, ErrorKind, InputError, Record};
use crate::output;
use crate::output::text::Style;
use crate::pipeline::analyze;

pub use progress::Mode as ProgressMode;
use progress::Progress;

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

#[derive(Clone)]
pub struct Options {
    /// `None`: by extension (`.jsonl`, `.jsonl.gz`, `.ndjson` are JSONL).
    pub input: Option<InputFormat>,
    pub format: OutputFormat,
    pub dct: Option<Date>,
    /// Records over this many bytes become `too_large` errors.
    pub max_bytes: usize,
    /// The progress bar and summary line on stderr.
    pub progress: ProgressMode,
    /// Set (by a Ctrl-C handler) to stop after the window in hand.
    pub interrupt: Option<Arc<AtomicBool>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            input: None,
            format: OutputFormat::Jsonl,
            dct: None,
            max_bytes: 10 * 1024 * 1024,
            progress: ProgressMode::Never,
            interrupt: None,
        }
    }
}

impl Options {
    fn interrupted(&self) -> bool {
        self.interrupt.as_ref().is_some_and(|f| f.load(Ordering::SeqCst))
    }
}

/// What a run did, for the summary and the exit status.
#[derive(Debug, Default)]
pub struct Summary {
    /// Records written by this run.
    pub records: usize,
    /// Of those, error records.
    pub errors: usize,
    /// Bytes of text analysed.
    pub bytes: usize,
    /// Bytes read from the inputs (before decompression).
    pub read: u64,
    /// Records skipped because the output already held them (`--resume`).
    pub skipped: usize,
    /// The run stopped early on [`Options::interrupt`].
    pub interrupted: bool,
}

/// Expands folders (recursively, sorted) and keeps files and `-` as given.
/// A missing path is kept: reading it yields its error record.
pub fn expand(paths: &[PathBuf]) -> Vec<Source> {
    expand_matching(paths, &Filter::default())
}

/// Which files a folder walk picks up. By default text and JSONL files,
/// plain or gzipped; with globs, the files that match one of them (a glob
/// without `/` is matched against the file name, one with `/` against the
/// path below the folder named on the command line) and no `!` glob.
/// Files named on the command line are always read.
#[derive(Default)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filter {
    /// `--glob` patterns; a leading `!` excludes.
    pub fn new(globs: &[String]) -> Result<Filter, globset::Error> {
        let (mut inc, mut exc) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        let (mut n_inc, mut n_exc) = (0, 0);
        for g in globs {
            match g.strip_prefix('!') {
                Some(rest) => {
                    exc.add(glob(rest)?);
                    n_exc += 1;
                }
                None => {
                    inc.add(glob(g)?);
                    n_inc += 1;
                }
            }
        }
        Ok(Filter {
            include: if n_inc > 0 { Some(inc.build()?) } else { None },
            exclude: if n_exc > 0 { Some(exc.build()?) } else { None },
        })
    }

    /// `rel`: the path below the folder being walked.
    fn accepts(&self, rel: &Path) -> bool {
        let name = rel.file_name().map(Path::new).unwrap_or(rel);
        let hit = |set: &GlobSet| set.is_match(rel) || set.is_match(name);
        if self.exclude.as_ref().is_some_and(hit) {
            return false;
        }
        match &self.include {
            Some(set) => hit(set),
            None => is_input_file(rel),
        }
    }
}

/// `*` stays within one path component; `**` crosses them.
fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    globset::GlobBuilder::new(pattern).literal_separator(true).build()
}

/// [`expand`], with the folder walks filtered by `filter`.
pub fn expand_matching(paths: &[PathBuf], filter: &Filter) -> Vec<Source> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, p, filter, &mut files);
            files.sort();
            out.extend(files.into_iter().map(Source::Path));
        } else {
            out.push(Source::Path(p.clone()));
        }
    }
    out
}

fn walk(root: &Path, dir: &Path, filter: &Filter, out: &mut Vec<PathBuf>) {
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
            walk(root, &path, filter, out);
        } else if filter.accepts(path.strip_prefix(root).unwrap_or(&path)) {
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

impl Unit {
    fn text_len(&self) -> usize {
        match self {
            Unit::Ok(r) => r.text.len(),
            Unit::Err(..) => 0,
        }
    }

    fn id(&self) -> &str {
        match self {
            Unit::Ok(r) => &r.id,
            Unit::Err(id, _) => id,
        }
    }
}

/// Units per parallel window: enough to keep every thread busy, few enough
/// to bound memory.
pub const WINDOW: usize = 256;
/// A window closes early once it holds this much text.
pub const WINDOW_BYTES: usize = 16 << 20;
/// Units the reader may run ahead of the window being analysed.
pub const QUEUE: usize = 64;
/// How long a window waits for more units once it has one: long enough to
/// fill it from a fast input, short enough that a slow stream (a pipe fed
/// record by record) gets each record back at once.
const LINGER: Duration = Duration::from_millis(20);

/// Reads every source, writes one record per unit to `out` and one line per
/// failed unit to `err`.
pub fn run(sources: &[Source], opts: &Options, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Summary> {
    run_resumed(sources, opts, resume::Done::default(), out, err)
}

/// [`run`], skipping the records already written (`done`, from
/// [`resume::prepare`]).
pub fn run_resumed(
    sources: &[Source],
    opts: &Options,
    done: resume::Done,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Summary> {
    let total = total_bytes(sources);
    let progress = Progress::new(opts.progress, io::stderr().is_terminal(), total);
    let counters = Arc::new(Counters::default());
    let (tx, rx) = mpsc::sync_channel(QUEUE);
    let reader = Reader { opts: opts.clone(), skip: done, counters: Arc::clone(&counters), tx };
    let sources = sources.to_vec();
    // Joined only after a complete run: after an interruption or an output
    // error (a closed pipe) it may be blocked reading stdin, and the run
    // must not wait for it.
    let handle = std::thread::Builder::new().name("claimscan-reader".into()).spawn(move || reader.run(&sources))?;

    let mut sink = Sink { out, err, opts, summary: Summary::default(), first: true, progress };
    let result = sink.drain(&rx, &counters);
    drop(rx);
    if result.is_ok() && !sink.summary.interrupted {
        let _ = handle.join();
    }
    sink.summary.read = counters.read.load(Ordering::Relaxed);
    sink.summary.skipped = counters.skipped.load(Ordering::Relaxed);
    sink.progress.finish(&sink.summary, sink.err);
    result?;
    Ok(sink.summary)
}

/// The bytes all sources will read, when every one is a file.
fn total_bytes(sources: &[Source]) -> Option<u64> {
    sources
        .iter()
        .map(|s| match s {
            Source::Stdin => None,
            Source::Path(p) => Some(std::fs::metadata(p).map_or(0, |m| m.len())),
        })
        .sum()
}

#[derive(Default)]
struct Counters {
    /// Bytes read from the inputs, before decompression.
    read: AtomicU64,
    skipped: AtomicUsize,
}

/// Counts the bytes read through it.
struct Counting<R> {
    inner: R,
    counters: Arc<Counters>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counters.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The reader thread: sources to units, in input order, into the queue.
struct Reader {
    opts: Options,
    skip: resume::Done,
    counters: Arc<Counters>,
    tx: SyncSender<Unit>,
}

/// The window side hung up (interrupted, or an output error).
struct Stop;

impl Reader {
    fn run(mut self, sources: &[Source]) {
        for source in sources {
            if self.read_source(source).is_err() {
                return;
            }
        }
    }

    /// Queues `unit`, unless the output already holds its record.
    fn send(&mut self, unit: Unit) -> Result<(), Stop> {
        if self.opts.interrupted() {
            return Err(Stop);
        }
        if self.skip.take(unit.id()) {
            self.counters.skipped.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.tx.send(unit).map_err(|_| Stop)
    }

    fn read_source(&mut self, source: &Source) -> Result<(), Stop> {
        let name = match source {
            Source::Stdin => "-".to_string(),
            Source::Path(p) => p.display().to_string(),
        };
        let format = format_of(source, &self.opts);
        // A text file already in the output is not even opened.
        if format == InputFormat::Text && self.skip.take(&name) {
            self.counters.skipped.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        let reader = match open(source, &self.counters) {
            Ok(r) => r,
            Err(e) => return self.send(Unit::Err(name, e)),
        };
        match format {
            InputFormat::Text => {
                let date = match source {
                    Source::Path(p) => {
                        self.opts.dct.or_else(|| p.file_name().and_then(|n| input::date_in_name(&n.to_string_lossy())))
                    }
                    Source::Stdin => self.opts.dct,
                };
                let unit = read_text(reader, &name, date, self.opts.max_bytes);
                if self.opts.interrupted() {
                    return Err(Stop);
                }
                self.tx.send(unit).map_err(|_| Stop)
            }
            InputFormat::Jsonl => {
                let mut reader = reader;
                let mut line = Vec::new();
                let mut lineno = 0;
                loop {
                    line.clear();
                    let read = read_line_limited(&mut reader, &mut line, self.opts.max_bytes);
                    let unit = match read {
                        Ok(Line::End) => return Ok(()),
                        Ok(Line::TooLong) => {
                            lineno += 1;
                            Unit::Err(
                                format!("{name}:{lineno}"),
                                InputError::new(
                                    ErrorKind::TooLarge,
                                    format!("record is over {} bytes", self.opts.max_bytes),
                                ),
                            )
                        }
                        Ok(Line::Read) => {
                            lineno += 1;
                            if line.iter().all(u8::is_ascii_whitespace) {
                                continue;
                            }
                            jsonl_unit(&line, &format!("{name}:{lineno}"), &self.opts)
                        }
                        Err(e) => {
                            let unit = Unit::Err(
                                format!("{name}:{}", lineno + 1),
                                InputError::new(ErrorKind::Unreadable, format!("read failed: {e}")),
                            );
                            return self.send(unit);
                        }
                    };
                    self.send(unit)?;
                }
            }
        }
    }
}

enum Line {
    Read,
    TooLong,
    End,
}

/// Reads one line (with its `\n`) into `buf`. A line over `max` bytes is
/// skipped to its end without being kept.
fn read_line_limited(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > max.saturating_add(1) {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        reader.consume(take);
        if done {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Read,
    })
}

fn open(source: &Source, counters: &Arc<Counters>) -> Result<Box<dyn BufRead>, InputError> {
    let counted = |r: Box<dyn Read>| Counting { inner: r, counters: Arc::clone(counters) };
    let raw: Box<dyn Read> = match source {
        Source::Stdin => Box::new(counted(Box::new(io::stdin()))),
        Source::Path(p) => {
            let f = File::open(p).map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => InputError::new(ErrorKind::NotFound, "no such file or directory"),
                _ => InputError::new(ErrorKind::Unreadable, format!("cannot open: {e}")),
            })?;
            if p.is_dir() {
                return Err(InputError::new(ErrorKind::Unreadable, "cannot read a folder"));
            }
            let f = counted(Box::new(f));
            if p.extension().is_some_and(|e| e == "gz") {
                Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(1 << 16, f)))
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
    progress: Progress,
}

impl Sink<'_> {
    /// Takes windows of units off the queue until it is empty and closed,
    /// or the run is interrupted, and writes their records.
    fn drain(&mut self, rx: &Receiver<Unit>, counters: &Counters) -> io::Result<()> {
        self.out.write_all(self.opts.format.prologue().as_bytes())?;
        let mut window: Vec<Unit> = Vec::with_capacity(WINDOW);
        loop {
            // The first unit: wait for it, watching for an interruption.
            let first = loop {
                if self.opts.interrupted() {
                    break None;
                }
                match rx.recv_timeout(Duration::from_millis(100)) {
                    Ok(u) => break Some(u),
                    Err(RecvTimeoutError::Timeout) => {
                        self.progress.update(&self.summary, counters.read.load(Ordering::Relaxed), self.err)
                    }
                    Err(RecvTimeoutError::Disconnected) => break None,
                }
            };
            let Some(first) = first else { break };
            let mut bytes = first.text_len();
            window.push(first);
            let deadline = Instant::now() + LINGER;
            while window.len() < WINDOW && bytes < WINDOW_BYTES {
                let unit = match rx.try_recv() {
                    Ok(u) => u,
                    Err(TryRecvError::Disconnected) => break,
                    Err(TryRecvError::Empty) => {
                        let now = Instant::now();
                        if now >= deadline {
                            break;
                        }
                        match rx.recv_timeout(deadline - now) {
                            Ok(u) => u,
                            Err(_) => break,
                        }
                    }
                };
                bytes += unit.text_len();
                window.push(unit);
            }
            self.flush(&mut window)?;
            self.progress.update(&self.summary, counters.read.load(Ordering::Relaxed), self.err);
        }
        self.summary.interrupted = self.opts.interrupted();
        self.out.write_all(self.opts.format.epilogue().as_bytes())?;
        self.out.flush()
    }

    /// Analyses the window in parallel, writes its records in order and
    /// flushes them.
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
                self.progress.println(self.err, &format!("claimscan: {msg}"))?;
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
        self.out.flush()
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
