//! `--progress`: a bar on stderr while a batch runs, and the summary line.
//!
//! The bar (indicatif) shows records, errors, MB read of the inputs, MB/s
//! and, when every input is a file of known size, the ETA. It draws only on
//! a terminal; `--progress always` on anything else prints a plain status
//! line every few seconds instead, so that logs show the run moving. Error
//! lines go above the bar, never through it.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Summary;

/// When to show progress.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Only when stderr is a terminal.
    #[default]
    Auto,
    Always,
    Never,
}

const PLAIN_EVERY: Duration = Duration::from_secs(5);

pub(super) struct Progress {
    bar: Option<ProgressBar>,
    /// Plain status lines (stderr is not a terminal, `--progress always`).
    plain: bool,
    total: Option<u64>,
    start: Instant,
    last_plain: Instant,
}

impl Progress {
    /// `total`: the bytes all inputs will read, when known.
    pub(super) fn new(mode: Mode, stderr_is_terminal: bool, total: Option<u64>) -> Progress {
        let start = Instant::now();
        let mut p = Progress { bar: None, plain: false, total, start, last_plain: start };
        match (mode, stderr_is_terminal) {
            (Mode::Never, _) | (Mode::Auto, false) => {}
            (Mode::Always, false) => p.plain = true,
            (_, true) => {
                let template = if total.is_some() {
                    "{spinner} {msg} {decimal_bytes}/{decimal_total_bytes} read, {decimal_bytes_per_sec}, ETA {eta} {wide_bar}"
                } else {
                    "{spinner} {msg} {decimal_bytes} read, {decimal_bytes_per_sec}, {elapsed}"
                };
                let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
                if let Ok(style) = ProgressStyle::with_template(template) {
                    bar.set_style(style.progress_chars("=> "));
                }
                bar.enable_steady_tick(Duration::from_millis(200));
                p.bar = Some(bar);
            }
        }
        p
    }

    /// Whether anything is shown (and so the summary line is printed).
    pub(super) fn active(&self) -> bool {
        self.bar.is_some() || self.plain
    }

    /// Shows the state after a window of records.
    pub(super) fn update(&mut self, s: &Summary, read: u64, err: &mut dyn Write) {
        if let Some(bar) = &self.bar {
            bar.set_position(read);
            bar.set_message(format!("{} records, {} errors,", s.records, s.errors));
        } else if self.plain && self.last_plain.elapsed() >= PLAIN_EVERY {
            self.last_plain = Instant::now();
            let secs = self.start.elapsed().as_secs_f64();
            let rate = read as f64 / 1e6 / secs.max(1e-9);
            let eta = match self.total {
                Some(t) if rate > 0.0 && t >= read => format!(", ETA {:.0} s", (t - read) as f64 / 1e6 / rate),
                _ => String::new(),
            };
            let _ = writeln!(
                err,
                "claimscan: {} records, {} errors, {:.1} MB read, {rate:.1} MB/s{eta}",
                s.records,
                s.errors,
                read as f64 / 1e6
            );
        }
    }

    /// Writes `line` to `err` without tearing the bar.
    pub(super) fn println(&self, err: &mut dyn Write, line: &str) -> io::Result<()> {
        match &self.bar {
            Some(bar) => bar.suspend(|| writeln!(err, "{line}")),
            None => writeln!(err, "{line}"),
        }
    }

    /// Removes the bar and prints the summary line (when progress is shown).
    pub(super) fn finish(&mut self, s: &Summary, err: &mut dyn Write) {
        let shown = self.active();
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if shown {
            let _ = writeln!(err, "claimscan: {}", summary_line(s, self.start.elapsed()));
        }
    }
}

/// "8133 records, 0 errors, 40.2 MB, 12.3 s" (MB of text analysed).
pub fn summary_line(s: &Summary, elapsed: Duration) -> String {
    let mut line = format!(
        "{} records, {} errors, {:.1} MB, {:.1} s",
        s.records,
        s.errors,
        s.bytes as f64 / 1e6,
        elapsed.as_secs_f64()
    );
    if s.skipped > 0 {
        line.push_str(&format!(" ({} records already in the output, skipped)", s.skipped));
    }
    if s.interrupted {
        line.push_str(", interrupted");
    }
    line
}
