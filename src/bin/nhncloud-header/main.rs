//! `nhncloud-header`: what NHN Cloud API responses say, at a shell prompt.
//!
//! ```text
//! nhncloud-header [--json] [--scan | --locate] [--chunk N] [--lines [--mmap] [--binary]]
//!                 [--summary [--each]] [--failures] [-q] [--color WHEN] [--service NAME] [FILE ...]
//! nhncloud-header --service list
//! nhncloud-header generate man|bash|zsh|fish
//! ```
//!
//! Exit status ([`generate::EXIT_STATUSES`]): 2 if any input was malformed
//! or unreadable; else 1 if any header was unsuccessful or inconsistent;
//! else 0; 64 for a usage error.

mod colour;
mod failure;
mod generate;
mod lines;
mod output;
mod position;
mod readings;
mod report;
mod streamed;
mod summary;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{self, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nhncloud_header::{Header, Mode, Service};

use failure::{Failure, Malformed};
use lines::{LINE_BUFFER, Line, Stop};
use output::Output;
use readings::Readings;
use report::{Report, Scratch, Source, Style, Verdict};
use streamed::Stream;
use summary::Summary;

/// The exit status of a usage error: `EX_USAGE` of sysexits.h, apart from
/// the inputs' 1 and 2.
const USAGE: u8 = 64;

/// Inputs from this size on get a progress bar with `--lines` (when
/// standard error is a terminal); standard input always does.
const PROGRESS_FROM: u64 = 8 << 20;

/// Print the header of NHN Cloud API response bodies: the result code and
/// what it means in the service's table (its category, what to do next and
/// whether a retry can help), with Compute's own details for Compute.
#[derive(Parser)]
#[command(version, after_help = generate::exit_status_help())]
struct Args {
    /// One JSON object per input per line, instead of a readable line.
    #[arg(long)]
    json: bool,
    /// Stop reading each body once its header closes (`scan`) instead of
    /// validating the whole body (`parse`).
    #[arg(long)]
    scan: bool,
    /// Trust each body to be well-formed: validate its header alone, and
    /// only follow strings and brackets up to it (`locate`), at the speed
    /// of the structural scan. Not with `--scan` or `--chunk`.
    #[arg(long, conflicts_with_all = ["scan", "chunk"])]
    locate: bool,
    /// Read each input N bytes at a time through the streaming parser, in
    /// fixed memory (messages beyond 4096 bytes are cut and flagged).
    #[arg(long, value_name = "N", conflicts_with = "lines")]
    chunk: Option<NonZeroUsize>,
    /// Each line of each input is one response body (JSON Lines): one
    /// result per line, with its line number; blank lines are skipped.
    #[arg(long)]
    lines: bool,
    /// With `--lines`, map regular files into memory instead of reading
    /// them: faster, but a file truncated while it is read (a log rotated
    /// with copytruncate) ends the tool with SIGBUS.
    #[arg(long, requires = "lines")]
    mmap: bool,
    /// With `--lines`, read an input that looks binary (a NUL byte in its
    /// first 8 KiB) instead of skipping it.
    #[arg(long, requires = "lines")]
    binary: bool,
    /// Print the counts alone, after the inputs: by category and advice in
    /// the service's table (and, for Compute, by class, API and HTTP
    /// status), by error kind, and the share that failed (one JSON object
    /// with `--json`).
    #[arg(long)]
    summary: bool,
    /// With `--summary`, print each input's result before the counts.
    #[arg(long, requires = "summary")]
    each: bool,
    /// Print only the inputs that are not successful: an unsuccessful or
    /// inconsistent header, a malformed or unreadable input (the summary
    /// still counts every input).
    #[arg(long)]
    failures: bool,
    /// Print nothing: the exit status alone answers.
    #[arg(short, long)]
    quiet: bool,
    /// Colour the readable lines: success, client-side and server-side
    /// failures, malformed inputs. `auto`: when standard output is a
    /// terminal and `NO_COLOR` is unset.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    color: colour::When,
    /// The service whose result-code table reads the codes (`compute`,
    /// `push`, `notification-hub`, ...); `list` prints the names.
    #[arg(
        long,
        value_name = "NAME",
        default_value = "compute",
        value_parser = service_name(),
        hide_possible_values = true
    )]
    service: ServiceArg,
    /// Response bodies to read; none, or `-`, reads standard input.
    files: Vec<PathBuf>,
}

/// `--service`: a service, or `list`.
#[derive(Clone, Copy)]
enum ServiceArg {
    List,
    Named(Service),
}

/// The names `--service` takes, which completions offer too.
fn service_name() -> impl TypedValueParser<Value = ServiceArg> {
    let names = std::iter::once("list").chain(Service::ALL.iter().map(|service| service.name()));
    PossibleValuesParser::new(names).map(|name| match Service::from_name(&name) {
        Some(service) => ServiceArg::Named(service),
        None => ServiceArg::List,
    })
}

impl Args {
    /// The service that reads the codes (`compute` for `--service list`,
    /// which reads none).
    fn service(&self) -> Service {
        match self.service {
            ServiceArg::Named(service) => service,
            ServiceArg::List => Service::Compute,
        }
    }

    /// The streaming parser's mode: `--locate` trusts the body, so it
    /// streams as `scan` does (the closest the streaming parser comes).
    fn mode(&self) -> Mode {
        if self.scan || self.locate {
            Mode::Scan
        } else {
            Mode::Parse
        }
    }

    fn extract<'a>(&self, body: &'a [u8]) -> Result<Header<'a>, Malformed> {
        let extracted = if self.locate {
            nhncloud_header::locate(body)
        } else if self.scan {
            nhncloud_header::scan(body)
        } else {
            nhncloud_header::parse(body)
        };
        extracted.map_err(|error| Malformed {
            error,
            place: Some(position::place_in(body, error.offset())),
        })
    }

    /// Which inputs get a line on standard output.
    fn printed(&self) -> Printed {
        if self.quiet {
            Printed::Nothing
        } else if self.failures {
            Printed::Failures
        } else if self.summary && !self.each {
            Printed::Nothing
        } else {
            Printed::All
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Printed {
    All,
    Failures,
    Nothing,
}

impl Printed {
    fn includes(self, verdict: Verdict) -> bool {
        match self {
            Printed::All => true,
            Printed::Failures => verdict != Verdict::Successful,
            Printed::Nothing => false,
        }
    }
}

/// Counts allocations, so that tests can check that `--lines` allocates
/// nothing per line (printed with `NHNCLOUD_HEADER_COUNT_ALLOCATIONS=1`).
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: defers to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(pointer, layout, size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// An input: standard input, or a file (with its size if it is a regular
/// file, which `--lines --mmap` maps into memory instead of reading).
enum Input {
    Stdin,
    File(std::fs::File, Option<u64>),
}

impl Input {
    fn open(path: &PathBuf) -> io::Result<Self> {
        if path.as_os_str() == "-" {
            return Ok(Input::Stdin);
        }
        let file = std::fs::File::open(path)?;
        let size = file
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        Ok(Input::File(file, size))
    }

    fn size(&self) -> Option<u64> {
        match self {
            Input::Stdin => None,
            Input::File(_, size) => *size,
        }
    }

    fn reader(&mut self) -> Box<dyn Read + '_> {
        match self {
            Input::Stdin => Box::new(io::stdin().lock()),
            Input::File(file, _) => Box::new(file),
        }
    }

    /// The whole of a non-empty regular file, mapped; `None` for anything
    /// else, or if mapping fails (the input is then read instead).
    fn map(&self) -> Option<memmap2::Mmap> {
        let Input::File(file, Some(1..)) = self else {
            return None;
        };
        // SAFETY: the map is only read. If another process truncates the
        // file while it is mapped, reading past the new end raises SIGBUS:
        // the risk `--mmap` asks to take (as ripgrep does by default).
        let map = unsafe { memmap2::Mmap::map(file) }.ok()?;
        let _ = map.advise(memmap2::Advice::Sequential);
        Some(map)
    }
}

/// What the run keeps across inputs.
struct Run<W: Write> {
    results: Results<W>,
    scratch: Scratch,
    readings: Readings,
}

/// Where each input's result goes: the output, the counts, the status.
struct Results<W: Write> {
    out: Output<W>,
    style: Style,
    printed: Printed,
    /// Unreadable inputs are named on standard error (not with `--quiet`).
    warn: bool,
    worst: Verdict,
    summary: Option<Summary>,
}

impl<W: Write> Results<W> {
    fn report(&mut self, source: Source<'_>, report: &Report<'_>) -> io::Result<()> {
        if let Some(summary) = &mut self.summary {
            summary.count_report(report);
        }
        let verdict = report.verdict();
        self.worst = self.worst.max(verdict);
        if self.printed.includes(verdict) {
            report.write(&mut self.out, self.style, source)?;
            self.out.end_line()?;
        }
        Ok(())
    }

    fn failure(&mut self, source: Source<'_>, failure: &Failure<'_>) -> io::Result<()> {
        if let Some(summary) = &mut self.summary {
            summary.count_failure(failure);
        }
        self.worst = Verdict::Malformed;
        if self.warn {
            failure.warn(source);
        }
        if self.printed.includes(Verdict::Malformed) {
            failure.write(&mut self.out, self.style, source)?;
            self.out.end_line()?;
        }
        Ok(())
    }
}

impl<W: Write> Run<W> {
    /// One input, whole or in `--chunk` reads.
    fn body(&mut self, args: &Args, source: Source<'_>, reader: &mut dyn Read) -> io::Result<()> {
        let results = &mut self.results;
        if let Some(chunk) = args.chunk {
            return match Stream::new(args.mode()).read_from(reader, &mut vec![0; chunk.get()]) {
                Ok(Ok(header)) => {
                    results.report(source, &Report::from_owned(&header, &mut self.readings))
                }
                Ok(Err(malformed)) => results.failure(source, &Failure::Malformed(malformed)),
                Err(error) => results.failure(source, &Failure::Unreadable(&error)),
            };
        }
        let mut body = Vec::new();
        if let Err(error) = reader.read_to_end(&mut body) {
            return results.failure(source, &Failure::Unreadable(&error));
        }
        match args.extract(&body) {
            Ok(header) => results.report(
                source,
                &Report::from_header(&header, &mut self.scratch, &mut self.readings, args.json),
            ),
            Err(malformed) => results.failure(source, &Failure::Malformed(malformed)),
        }
    }

    /// One input of `--lines`: mapped, or read through `buffer`.
    fn lines(
        &mut self,
        args: &Args,
        input_source: Source<'_>,
        input: &mut Input,
        buffer: &mut [u8],
    ) -> io::Result<()> {
        let progress = progress_bar(input.size());
        let Run {
            results,
            scratch,
            readings,
        } = self;
        let mut on_line = |line, body: Line<'_>| {
            let source = input_source.at(line);
            match body {
                Line::Whole(bytes) => match args.extract(bytes) {
                    Ok(header) => results.report(
                        source,
                        &Report::from_header(&header, scratch, readings, args.json),
                    ),
                    Err(malformed) => results.failure(source, &Failure::Malformed(malformed)),
                },
                Line::Streamed(Ok(header)) => {
                    results.report(source, &Report::from_owned(header, readings))
                }
                Line::Streamed(Err(malformed)) => {
                    results.failure(source, &Failure::Malformed(*malformed))
                }
            }
        };
        let on_progress = |read: usize| {
            if let Some(bar) = &progress {
                bar.inc(read as u64);
            }
        };
        let result = match if args.mmap { input.map() } else { None } {
            Some(map) => lines::for_each_line_in(&map, args.binary, &mut on_line, on_progress),
            None => lines::for_each_line(
                &mut input.reader(),
                buffer,
                args.mode(),
                args.binary,
                &mut on_line,
                on_progress,
            ),
        };
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        match result {
            Ok(()) => Ok(()),
            // The lines read so far have their results; the input is
            // reported unreadable from there on.
            Err(Stop::Read(error, line)) => {
                results.failure(input_source.at(line), &Failure::Unreadable(&error))
            }
            Err(Stop::Binary(at)) => results.failure(input_source, &Failure::Binary(at)),
            Err(Stop::Output(error)) => Err(error),
        }
    }
}

/// A progress bar on standard error for a large (or unsized) `--lines`
/// input, only when standard error is a terminal and standard output is
/// not (the results would draw over it).
fn progress_bar(size: Option<u64>) -> Option<ProgressBar> {
    if !io::stderr().is_terminal()
        || io::stdout().is_terminal()
        || size.is_some_and(|size| size < PROGRESS_FROM)
    {
        return None;
    }
    let bar = match size {
        Some(size) => ProgressBar::with_draw_target(Some(size), ProgressDrawTarget::stderr())
            .with_style(
                ProgressStyle::with_template(
                    "{bytes}/{total_bytes} {binary_bytes_per_sec} {eta} left {wide_bar}",
                )
                .ok()?,
            ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{bytes} {binary_bytes_per_sec} {spinner}").ok()?,
        ),
    };
    Some(bar)
}

/// Writes on standard output, where a closed pipe (`| head`) is the
/// reader's choice, not an error.
fn written(result: io::Result<()>, status: u8) -> ExitCode {
    match result {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(status),
        Err(error) => {
            eprintln!("nhncloud-header: writing output: {error}");
            ExitCode::from(Verdict::Malformed as u8)
        }
        Ok(()) => ExitCode::from(status),
    }
}

/// The arguments, or the exit status of a usage error (0 for `--help` and
/// `--version`, which are answers, on standard output).
fn parsed<T: Parser>(arguments: impl Iterator<Item = std::ffi::OsString>) -> Result<T, ExitCode> {
    T::try_parse_from(arguments).map_err(|error| {
        let _ = error.print();
        ExitCode::from(if error.use_stderr() { USAGE } else { 0 })
    })
}

fn main() -> ExitCode {
    // `generate` is a hidden subcommand, seen before clap so that the man
    // page and the completions, made from `Args`, do not show it.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|first| first == "generate")
    {
        let arguments = std::env::args_os().skip(1);
        let what = match parsed::<generate::Arguments>(arguments) {
            Ok(arguments) => arguments.what,
            Err(status) => return status,
        };
        let mut out = io::stdout().lock();
        let result = generate::write(what, Args::command(), &mut out).and_then(|()| out.flush());
        return written(result, 0);
    }
    let mut args = match parsed::<Args>(std::env::args_os()) {
        Ok(args) => args,
        Err(status) => return status,
    };
    if let ServiceArg::List = args.service {
        let mut out = io::stdout().lock();
        let listed = Service::ALL
            .iter()
            .try_for_each(|service| writeln!(out, "{service}"));
        return written(listed, 0);
    }
    if args.files.is_empty() {
        args.files.push(PathBuf::from("-"));
    }
    let style = Style {
        json: args.json,
        colour: !args.json && args.color.colours(),
    };
    let mut run = Run {
        results: Results {
            out: Output::new(io::stdout().lock()),
            style,
            printed: args.printed(),
            warn: !args.quiet,
            worst: Verdict::Successful,
            summary: args.summary.then(|| Summary::new(args.service())),
        },
        scratch: Scratch::default(),
        readings: Readings::new(args.service(), style.colour),
    };
    let mut line_buffer = if args.lines {
        vec![0; LINE_BUFFER]
    } else {
        Vec::new()
    };
    let mut outcome = Ok(());
    for path in &args.files {
        let file = path.to_string_lossy();
        let file_json = report::json_string(&file);
        let source = Source::new(&file, &file_json);
        outcome = match Input::open(path) {
            Err(error) => run.results.failure(source, &Failure::Unreadable(&error)),
            Ok(mut input) if args.lines => run.lines(&args, source, &mut input, &mut line_buffer),
            Ok(mut input) => run.body(&args, source, &mut input.reader()),
        }
        .and_then(|()| run.results.out.flush());
        if outcome.is_err() {
            break;
        }
    }
    let results = &mut run.results;
    if let (Ok(()), Some(summary), false) = (&outcome, &results.summary, args.quiet) {
        outcome = if args.json {
            summary.write_json(&mut results.out)
        } else {
            summary.write_table(&mut results.out)
        }
        .and_then(|()| results.out.flush());
    }
    if std::env::var_os("NHNCLOUD_HEADER_COUNT_ALLOCATIONS").is_some() {
        eprintln!("allocations: {}", ALLOCATIONS.load(Ordering::Relaxed));
    }
    written(outcome, results.worst as u8)
}
