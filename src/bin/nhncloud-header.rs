//! `nhncloud-header`: what NHN Cloud API responses say, at a shell prompt.
//!
//! ```text
//! nhncloud-header [--json] [--scan] [FILE ...]
//! ```
//!
//! Exit status: 2 if any input was malformed or unreadable; else 1 if any
//! reported `isSuccessful: false`; else 0.

use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use nhncloud_header::{Error, Header};
use serde::Serialize;

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
    fn new(header: &Header<'_>) -> Self {
        Report {
            is_successful: header.is_successful,
            result_code: header.result_code,
            result_message: header.result_message.map(|m| m.to_string()),
            detail: header
                .result_message
                .and_then(|m| m.detail())
                .map(|d| d.to_string()),
            class: header.class().name(),
            api: header.api().map(|api| api.name()),
            http_status: header.http_status(),
            remedy: header.remedy().name(),
            consistent: header.is_consistent(),
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
        if !self.consistent {
            line += &format!(" (inconsistent: isSuccessful {})", self.is_successful);
        }
        line
    }
}

fn read_input(path: &PathBuf) -> io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut body = Vec::new();
        io::stdin().lock().read_to_end(&mut body)?;
        Ok(body)
    } else {
        std::fs::read(path)
    }
}

/// Judges one input and writes its line.
fn report(args: &Args, path: &PathBuf, out: &mut impl Write) -> io::Result<Verdict> {
    let file = path.to_string_lossy();
    let body = match read_input(path) {
        Ok(body) => body,
        Err(error) => {
            eprintln!("nhncloud-header: {file}: {error}");
            if args.json {
                let problem = Problem {
                    kind: "unreadable",
                    offset: None,
                    message: error.to_string(),
                };
                write_json(out, &file, Outcome::Error { error: problem })?;
            }
            return Ok(Verdict::Malformed);
        }
    };
    let extract = if args.scan {
        nhncloud_header::scan
    } else {
        nhncloud_header::parse
    };
    match extract(&body) {
        Ok(header) => {
            let report = Report::new(&header);
            let verdict = if header.is_successful {
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
        Err(error) => {
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
