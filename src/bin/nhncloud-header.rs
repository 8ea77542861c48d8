//! `nhncloud-header`: what NHN Cloud API responses say, at a shell prompt.
//!
//! ```text
//! nhncloud-header [--json] [--scan | --locate] [--chunk N] [FILE ...]
//! ```
//!
//! Exit status: 2 if any input was malformed or unreadable; else 1 if any
//! reported `isSuccessful: false`; else 0.

use std::io::{self, BufWriter, Read, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use nhncloud_header::{Catalog, Class, Error, Mode, ReadError, StreamParser};
use serde::Serialize;

/// Room for the decoded message when reading in chunks; longer messages are
/// cut on a character boundary and reported with `"messageTruncated":true`.
const MESSAGE_ROOM: usize = 4096;

/// Print the header of NHN Cloud API response bodies: the result code, its
/// class in the Compute Instance error-code table, and what to do next.
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
    #[arg(long, value_name = "N")]
    chunk: Option<NonZeroUsize>,
    /// Response bodies to read; none, or `-`, reads standard input.
    files: Vec<PathBuf>,
}

/// How one input went, from worst to best: the exit status is the worst.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    Successful = 0,
    Unsuccessful = 1,
    Malformed = 2,
}

/// One line of `--json` output.
#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    ok: bool,
    #[serde(flatten)]
    outcome: Outcome,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Outcome {
    Header(Report),
    Error { error: Problem },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    is_successful: bool,
    result_code: i32,
    result_message: Option<String>,
    detail: Option<String>,
    class: &'static str,
    api: Option<&'static str>,
    http_status: Option<u16>,
    remedy: &'static str,
    consistent: bool,
    /// Only with `--chunk`, and only when the message did not fit.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    message_truncated: bool,
}

#[derive(Serialize)]
struct Problem {
    /// An [`ErrorKind`](nhncloud_header::ErrorKind) name, or `unreadable`.
    kind: &'static str,
    /// Byte offset into the body; `null` when the file could not be read.
    offset: Option<usize>,
    message: String,
}

impl Report {
    fn new(
        is_successful: bool,
        result_code: i32,
        result_message: Option<String>,
        detail: Option<String>,
    ) -> Self {
        let lookup = Catalog::COMPUTE.lookup(result_code);
        Report {
            is_successful,
            result_code,
            result_message,
            detail,
            class: lookup.class.name(),
            api: lookup.api.map(|api| api.name()),
            http_status: lookup.http_status,
            remedy: lookup.class.remedy().name(),
            consistent: is_successful == (lookup.class == Class::Success),
            message_truncated: false,
        }
    }

    /// `servers.json: 10404 api_error (instance, HTTP 404) retry_after_fix "Not Found"`
    fn human(&self, file: &str) -> String {
        let mut line = format!("{file}: {} {}", self.result_code, self.class);
        if let (Some(api), Some(status)) = (self.api, self.http_status) {
            line += &format!(" ({api}, HTTP {status})");
        }
        line += &format!(" {} ", self.remedy);
        match &self.result_message {
            Some(message) => line += &format!("{message:?}"),
            None => line += "null",
        }
        if self.message_truncated {
            line += " (message truncated)";
        }
        if !self.consistent {
            line += &format!(" (inconsistent: isSuccessful {})", self.is_successful);
        }
        line
    }
}

fn open(path: &PathBuf) -> io::Result<Box<dyn Read>> {
    if path.as_os_str() == "-" {
        Ok(Box::new(io::stdin().lock()))
    } else {
        Ok(Box::new(std::fs::File::open(path)?))
    }
}

/// Why an input has no report.
enum Failure {
    Unreadable(io::Error),
    Malformed(Error),
}

/// Reads and judges one input: whole, or in `--chunk` reads.
fn judge(args: &Args, path: &PathBuf) -> Result<Report, Failure> {
    let mode = if args.scan { Mode::Scan } else { Mode::Parse };
    let mut reader = open(path).map_err(Failure::Unreadable)?;
    if let Some(chunk) = args.chunk {
        let parser = StreamParser::<MESSAGE_ROOM>::new(mode);
        let header = parser
            .read_from_std(&mut reader, &mut vec![0; chunk.get()])
            .map_err(|error| match error {
                ReadError::Read(error) => Failure::Unreadable(error),
                ReadError::Parse(error) => Failure::Malformed(error),
            })?;
        let detail = header.detail().map(String::from);
        let message = header.result_message.as_ref().map(|m| m.to_string());
        let mut report = Report::new(header.is_successful, header.result_code, message, detail);
        report.message_truncated = header.message_truncated;
        return Ok(report);
    }
    let mut body = Vec::new();
    reader.read_to_end(&mut body).map_err(Failure::Unreadable)?;
    let extract = match mode {
        _ if args.locate => nhncloud_header::locate,
        Mode::Scan => nhncloud_header::scan,
        Mode::Parse => nhncloud_header::parse,
    };
    let header = extract(&body).map_err(Failure::Malformed)?;
    let message = header.result_message;
    Ok(Report::new(
        header.is_successful,
        header.result_code,
        message.map(|m| m.to_string()),
        message.and_then(|m| m.detail()).map(|d| d.to_string()),
    ))
}

/// Judges one input and writes its line.
fn report(args: &Args, path: &PathBuf, out: &mut impl Write) -> io::Result<Verdict> {
    let file = path.to_string_lossy();
    match judge(args, path) {
        Ok(report) => {
            let verdict = if report.is_successful {
                Verdict::Successful
            } else {
                Verdict::Unsuccessful
            };
            if args.json {
                write_json(out, &file, Outcome::Header(report))?;
            } else {
                writeln!(out, "{}", report.human(&file))?;
            }
            Ok(verdict)
        }
        Err(Failure::Malformed(error)) => {
            if args.json {
                write_json(
                    out,
                    &file,
                    Outcome::Error {
                        error: problem(&error),
                    },
                )?;
            } else {
                writeln!(out, "{file}: malformed: {error} ({})", error.kind().name())?;
            }
            Ok(Verdict::Malformed)
        }
        Err(Failure::Unreadable(error)) => {
            eprintln!("nhncloud-header: {file}: {error}");
            if args.json {
                let problem = Problem {
                    kind: "unreadable",
                    offset: None,
                    message: error.to_string(),
                };
                write_json(out, &file, Outcome::Error { error: problem })?;
            }
            Ok(Verdict::Malformed)
        }
    }
}

fn problem(error: &Error) -> Problem {
    Problem {
        kind: error.kind().name(),
        offset: Some(error.offset()),
        message: error.to_string(),
    }
}

fn write_json(out: &mut impl Write, file: &str, outcome: Outcome) -> io::Result<()> {
    let ok = matches!(outcome, Outcome::Header(_));
    serde_json::to_writer(&mut *out, &Line { file, ok, outcome })?;
    writeln!(out)
}

fn main() -> ExitCode {
    let mut args = Args::parse();
    if args.files.is_empty() {
        args.files.push(PathBuf::from("-"));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut worst = Verdict::Successful;
    for path in &args.files {
        match report(&args, path, &mut out).and_then(|verdict| out.flush().map(|()| verdict)) {
            Ok(verdict) => worst = worst.max(verdict),
            // A closed pipe (`| head`) is the reader's choice, not an error.
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => break,
            Err(error) => {
                eprintln!("nhncloud-header: writing output: {error}");
                return ExitCode::from(Verdict::Malformed as u8);
            }
        }
    }
    ExitCode::from(worst as u8)
}
