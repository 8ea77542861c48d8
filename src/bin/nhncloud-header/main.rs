//! `nhncloud-header`: what NHN Cloud API responses say, at a shell prompt.
//!
//! ```text
//! nhncloud-header [--json] [--scan | --locate] [--chunk N] [--lines [--mmap]] [--summary]
//!                 [--service NAME] [FILE ...]
//! nhncloud-header --service list
//! ```
//!
//! Exit status: 2 if any input was malformed or unreadable; else 1 if any
//! reported `isSuccessful: false`; else 0.

mod lines;
mod report;
mod summary;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nhncloud_header::{Header, Mode, ReadError, Service, StreamParser};

use lines::{LINE_BUFFER, Line, Stop};
use report::{Failure, Report, Scratch, Source, Verdict, write_failure, write_report};
use summary::Summary;

/// Room for the decoded message when reading in chunks; longer messages are
/// cut on a character boundary and reported with `"messageTruncated":true`.
const MESSAGE_ROOM: usize = 4096;

/// Inputs from this size on get a progress bar with `--lines` (when
/// standard error is a terminal); standard input always does.
const PROGRESS_FROM: u64 = 8 << 20;

/// Print the header of NHN Cloud API response bodies: the result code and
/// what it means in the service's table (its category, what to do next and
/// whether a retry can help), with Compute's own details for Compute.
#[derive(Parser)]
#[command(version)]
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
    /// After the inputs, count them by category and advice in the service's
    /// table (and, for Compute, by class, API and HTTP status) and by error
    /// kind, and give the share that failed (one JSON object with `--json`).
    #[arg(long)]
    summary: bool,
    /// With `--lines`, map regular files into memory instead of reading
    /// them: faster, but a file truncated while it is read (a log rotated
    /// with copytruncate) ends the tool with SIGBUS.
    #[arg(long, requires = "lines")]
    mmap: bool,
    /// The service whose result-code table reads the codes (`compute`,
    /// `push`, `notification-hub`, ...); `list` prints the names.
    #[arg(long, value_name = "NAME", default_value = "compute", value_parser = service_name)]
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

fn service_name(name: &str) -> Result<ServiceArg, String> {
    if name == "list" {
        return Ok(ServiceArg::List);
    }
    Service::from_name(name)
        .map(ServiceArg::Named)
        .ok_or_else(|| {
            let names: Vec<&str> = Service::ALL.iter().map(|service| service.name()).collect();
            format!("no service {name:?}; one of: {}", names.join(", "))
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

    fn extract<'a>(&self, body: &'a [u8]) -> Result<Header<'a>, nhncloud_header::Error> {
        if self.locate {
            nhncloud_header::locate(body)
        } else if self.scan {
            nhncloud_header::scan(body)
        } else {
            nhncloud_header::parse(body)
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
    out: W,
    worst: Verdict,
    summary: Option<Summary>,
    scratch: Scratch,
}

impl<W: Write> Run<W> {
    fn report(&mut self, args: &Args, source: Source<'_>, report: &Report<'_>) -> io::Result<()> {
        if let Some(summary) = &mut self.summary {
            summary.count_report(report);
        }
        let verdict = write_report(&mut self.out, args.json, source, report)?;
        self.worst = self.worst.max(verdict);
        Ok(())
    }

    fn failure(
        &mut self,
        args: &Args,
        source: Source<'_>,
        failure: &Failure<'_>,
    ) -> io::Result<()> {
        if let Some(summary) = &mut self.summary {
            summary.count_failure(failure);
        }
        let verdict = write_failure(&mut self.out, args.json, source, failure)?;
        self.worst = self.worst.max(verdict);
        Ok(())
    }

    /// One input, whole or in `--chunk` reads.
    fn body(&mut self, args: &Args, source: Source<'_>, reader: &mut dyn Read) -> io::Result<()> {
        if let Some(chunk) = args.chunk {
            let parser = StreamParser::<MESSAGE_ROOM>::new(args.mode());
            return match parser.read_from_std(&mut &mut *reader, &mut vec![0; chunk.get()]) {
                Ok(header) => {
                    self.report(args, source, &Report::from_owned(args.service(), &header))
                }
                Err(ReadError::Parse(error)) => {
                    self.failure(args, source, &Failure::Malformed(error))
                }
                Err(ReadError::Read(error)) => {
                    self.failure(args, source, &Failure::Unreadable(&error))
                }
            };
        }
        let mut body = Vec::new();
        if let Err(error) = reader.read_to_end(&mut body) {
            return self.failure(args, source, &Failure::Unreadable(&error));
        }
        match args.extract(&body) {
            Ok(header) => {
                let mut scratch = std::mem::take(&mut self.scratch);
                let result = self.report(
                    args,
                    source,
                    &Report::from_header(args.service(), &header, &mut scratch, args.json),
                );
                self.scratch = scratch;
                result
            }
            Err(error) => self.failure(args, source, &Failure::Malformed(error)),
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
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut on_line = |line, body: Line<'_>| {
            let source = input_source.at(line);
            match body {
                Line::Whole(bytes) => match args.extract(bytes) {
                    Ok(header) => self.report(
                        args,
                        source,
                        &Report::from_header(args.service(), &header, &mut scratch, args.json),
                    ),
                    Err(error) => self.failure(args, source, &Failure::Malformed(error)),
                },
                Line::Streamed(Ok(header)) => {
                    self.report(args, source, &Report::from_owned(args.service(), header))
                }
                Line::Streamed(Err(error)) => {
                    self.failure(args, source, &Failure::Malformed(*error))
                }
            }
        };
        let on_progress = |read: usize| {
            if let Some(bar) = &progress {
                bar.inc(read as u64);
            }
        };
        let result = match if args.mmap { input.map() } else { None } {
            Some(map) => {
                lines::for_each_line_in(&map, &mut on_line, on_progress).map_err(Stop::Output)
            }
            None => lines::for_each_line(
                &mut input.reader(),
                buffer,
                args.mode(),
                &mut on_line,
                on_progress,
            ),
        };
        self.scratch = scratch;
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        match result {
            Ok(()) => Ok(()),
            // The lines read so far have their results; the input is
            // reported unreadable from there on.
            Err(Stop::Read(error, line)) => {
                self.failure(args, input_source.at(line), &Failure::Unreadable(&error))
            }
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

fn main() -> ExitCode {
    let mut args = Args::parse();
    if let ServiceArg::List = args.service {
        let mut out = io::stdout().lock();
        let listed = Service::ALL
            .iter()
            .try_for_each(|service| writeln!(out, "{service}"));
        return ExitCode::from(if listed.is_ok() { 0 } else { 2 });
    }
    if args.files.is_empty() {
        args.files.push(PathBuf::from("-"));
    }
    let mut run = Run {
        out: BufWriter::new(io::stdout().lock()),
        worst: Verdict::Successful,
        summary: args.summary.then(|| Summary::new(args.service())),
        scratch: Scratch::default(),
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
            Err(error) => run.failure(&args, source, &Failure::Unreadable(&error)),
            Ok(mut input) if args.lines => run.lines(&args, source, &mut input, &mut line_buffer),
            Ok(mut input) => run.body(&args, source, &mut input.reader()),
        }
        .and_then(|()| run.out.flush());
        if outcome.is_err() {
            break;
        }
    }
    if let (Ok(()), Some(summary)) = (&outcome, &run.summary) {
        outcome = if args.json {
            summary.write_json(&mut run.out)
        } else {
            summary.write_table(&mut run.out)
        }
        .and_then(|()| run.out.flush());
    }
    if std::env::var_os("NHNCLOUD_HEADER_COUNT_ALLOCATIONS").is_some() {
        eprintln!("allocations: {}", ALLOCATIONS.load(Ordering::Relaxed));
    }
    match outcome {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(run.worst as u8),
        Err(error) => {
            eprintln!("nhncloud-header: writing output: {error}");
            ExitCode::from(Verdict::Malformed as u8)
        }
        Ok(()) => ExitCode::from(run.worst as u8),
    }
}
