//! The `claimscan` command line. Argument parsing and exit codes only: the
//! work is in `claimscan::batch`, `claimscan::eval` and the library.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context};
use claimscan::batch::{self, InputFormat, Options, OutputFormat, ProgressMode};
use claimscan::eval;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "claimscan",
    version,
    about = "Annotated claims from English news: who said what, when, with which numbers."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse files, folders (recursively) or standard input (`-`) and
    /// write one `claimscan/1` record per document.
    ///
    /// Every input yields exactly one record, in input order: a document, or
    /// an error record for input that cannot be read (empty, binary, invalid
    /// UTF-8, missing). Exit status 2 when any input failed.
    Extract {
        /// Files, folders or `-` for standard input (default: `-`).
        paths: Vec<PathBuf>,
        /// How to read inputs [default: by extension: .jsonl/.ndjson are JSONL, else text; stdin is text]
        #[arg(long, value_enum)]
        input: Option<InputArg>,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: FormatArg,
        /// Document creation time (YYYY-MM-DD) for inputs without their own
        /// (a JSONL `date` field wins; for text files this wins over a date
        /// in the file name).
        #[arg(long, value_name = "YYYY-MM-DD")]
        dct: Option<String>,
        /// Worker threads (default: all cores). Output is the same for any N.
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Write records here instead of standard output, flushed as they
        /// complete.
        #[arg(long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Continue a run into --output: drop a truncated last line, skip the
        /// inputs whose records are already there, append the rest.
        #[arg(long, requires = "output")]
        resume: bool,
        /// In folders, read only the files matching this glob (repeatable;
        /// `*` stays within a folder, `**` crosses folders, `!GLOB` excludes).
        #[arg(long, value_name = "GLOB")]
        glob: Vec<String>,
        /// A progress bar and a summary line on stderr [auto: when stderr is
        /// a terminal].
        #[arg(long, value_enum, default_value = "auto")]
        progress: ProgressArg,
        /// Records larger than this many bytes become `too_large` errors.
        #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
        max_bytes: usize,
    },
    /// Score the pipeline against a gold file of ../shared/eval.
    Eval {
        /// Which pass to score.
        #[arg(value_enum)]
        pass: PassArg,
        /// The gold JSONL file.
        gold: PathBuf,
        /// Print up to N errors (missed and spurious boundaries, failed cases).
        #[arg(long, value_name = "N", default_value_t = 0)]
        errors: usize,
    },
    /// Print FILE with its annotations drawn under each line.
    Show {
        /// A text file, or a JSONL file (every record is shown).
        file: PathBuf,
        /// Document creation time (YYYY-MM-DD) when the file has none.
        #[arg(long, value_name = "YYYY-MM-DD")]
        dct: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum InputArg {
    Text,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// One JSON record a line.
    Jsonl,
    /// One pretty-printed JSON array.
    Json,
    /// The annotated text as `show` prints it, then the claims by
    /// check-worthiness (coloured when standard output is a terminal).
    Text,
    /// One self-contained HTML page to review the claims.
    Html,
    /// A schema.org ClaimReview draft (JSON-LD) per check-worthy claim, one a line.
    Claimreview,
    /// A Label Studio import file: one task per document, with pre-annotations.
    LabelStudio,
    /// One CSV row per claim.
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProgressArg {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum PassArg {
    Sentences,
    Numbers,
    Dates,
    Quotes,
    Claims,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr(), "claimscan: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { paths, input, format, dct, jobs, output, resume, glob, progress, max_bytes } => {
            let paths = if paths.is_empty() { vec![PathBuf::from("-")] } else { paths };
            let format = match format {
                FormatArg::Jsonl => OutputFormat::Jsonl,
                FormatArg::Json => OutputFormat::Json,
                FormatArg::Text if output.is_none() && io::stdout().is_terminal() => OutputFormat::TextColour,
                FormatArg::Text => OutputFormat::Text,
                FormatArg::Html => OutputFormat::Html,
                FormatArg::Claimreview => OutputFormat::ClaimReview,
                FormatArg::LabelStudio => OutputFormat::LabelStudio,
                FormatArg::Csv => OutputFormat::Csv,
            };
            if resume && format != OutputFormat::Jsonl {
                bail!("--resume needs --format jsonl");
            }
            let interrupt = Arc::new(AtomicBool::new(false));
            let flag = Arc::clone(&interrupt);
            // First Ctrl-C: finish the records in hand and flush; second: stop now.
            ctrlc::set_handler(move || {
                if flag.swap(true, Ordering::SeqCst) {
                    std::process::exit(130);
                }
            })
            .context("cannot install the Ctrl-C handler")?;
            let opts = Options {
                input: input.map(|i| match i {
                    InputArg::Text => InputFormat::Text,
                    InputArg::Jsonl => InputFormat::Jsonl,
                }),
                format,
                dct: parse_dct(dct.as_deref())?,
                max_bytes,
                progress: match progress {
                    // Records printed on the same terminal would tear the bar.
                    ProgressArg::Auto if output.is_none() && io::stdout().is_terminal() => ProgressMode::Never,
                    ProgressArg::Auto => ProgressMode::Auto,
                    ProgressArg::Always => ProgressMode::Always,
                    ProgressArg::Never => ProgressMode::Never,
                },
                interrupt: Some(interrupt),
            };
            if let Some(n) = jobs {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global()
                    .context("cannot start worker threads")?;
            }
            let filter = batch::Filter::new(&glob).context("bad --glob")?;
            let sources = batch::expand_matching(&paths, &filter);
            // Not locked for the run: the progress bar's ticker thread draws
            // on stderr too.
            let mut err = io::stderr();
            let resumable = output.is_some();
            let (summary, earlier_errors) = match output {
                Some(path) => {
                    let (file, done) = if resume {
                        let done = batch::resume::prepare(&path)
                            .with_context(|| format!("cannot resume from {}", path.display()))?;
                        let file = std::fs::OpenOptions::new()
                            .create(true)
                            .append(true)
                            .open(&path)
                            .with_context(|| format!("cannot open {}", path.display()))?;
                        (file, done)
                    } else {
                        let file = std::fs::File::create(&path)
                            .with_context(|| format!("cannot create {}", path.display()))?;
                        (file, batch::resume::Done::default())
                    };
                    let earlier_errors = done.errors;
                    let mut out = io::BufWriter::new(file);
                    (batch::run_resumed(&sources, &opts, done, &mut out, &mut err)?, earlier_errors)
                }
                None => {
                    let stdout = io::stdout();
                    let mut out = io::BufWriter::new(stdout.lock());
                    (batch::run(&sources, &opts, &mut out, &mut err)?, 0)
                }
            };
            if summary.interrupted {
                let hint = if resumable { "; run again with --resume to continue" } else { "" };
                writeln!(err, "claimscan: interrupted after {} records{hint}", summary.records)?;
                return Ok(ExitCode::from(130));
            }
            Ok(if summary.errors + earlier_errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Command::Eval { pass, gold, errors } => {
            let records = eval::read_gold(&gold)?;
            let report = match pass {
                PassArg::Sentences => eval::sentences::render(&eval::sentences::score(&records), errors),
                PassArg::Numbers => eval::numbers::render(&eval::numbers::score(&records), errors),
                PassArg::Dates => eval::dates::render(&eval::dates::score(&records), errors),
                PassArg::Quotes => eval::quotes::render(&eval::quotes::score(&records), errors),
                PassArg::Claims => eval::claims::render(&eval::claims::score(&records), errors),
            };
            io::stdout().lock().write_all(report.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { file, dct } => {
            if !file.exists() {
                bail!("{}: no such file or directory", file.display());
            }
            let opts = Options {
                format: OutputFormat::Text,
                dct: parse_dct(dct.as_deref())?,
                max_bytes: usize::MAX,
                ..Options::default()
            };
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let summary = batch::run(&[batch::Source::Path(file)], &opts, &mut out, &mut io::stderr().lock())?;
            Ok(if summary.errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
    }
}

fn parse_dct(s: Option<&str>) -> anyhow::Result<Option<jiff::civil::Date>> {
    match s {
        None => Ok(None),
        Some(s) => match claimscan::input::parse_date(s) {
            Some(d) => Ok(Some(d)),
            None => bail!("--dct {s:?} is not a YYYY-MM-DD date"),
        },
    }
}
