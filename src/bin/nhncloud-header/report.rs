//! One input's result, and its line of output: readable or `--json`.
//! Everything borrows; writing a line allocates nothing, so `--lines` over
//! a million responses allocates no more than over one.

use std::fmt;
use std::io::{self, Write};

use nhncloud_header::{Api, Catalog, Class, Error, Header, OwnedHeader, Remedy};
use serde::{Serialize, Serializer};

/// How one input went, from worst to best: the exit status is the worst.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Successful = 0,
    Unsuccessful = 1,
    Malformed = 2,
}

/// Where an input came from: a file, and a line of it with `--lines`.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub file: &'a str,
    pub line: Option<u64>,
}

impl fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(self.file),
        }
    }
}

/// A header and what its code means.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report<'a> {
    pub is_successful: bool,
    pub result_code: i32,
    pub result_message: Option<&'a str>,
    pub detail: Option<&'a str>,
    #[serde(serialize_with = "name")]
    pub class: Class,
    #[serde(serialize_with = "optional_name")]
    pub api: Option<Api>,
    pub http_status: Option<u16>,
    #[serde(serialize_with = "name")]
    pub remedy: Remedy,
    pub consistent: bool,
    /// Only from the streaming parser, and only when the message did not fit.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub message_truncated: bool,
}

fn name<S: Serializer, T: fmt::Display>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

fn optional_name<S: Serializer, T: fmt::Display>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.collect_str(value),
        None => serializer.serialize_none(),
    }
}

/// Reused buffers for decoded messages: a message with escapes is decoded
/// into them instead of into a fresh `String` per input.
#[derive(Default)]
pub struct Scratch {
    message: String,
    detail: String,
}

impl<'a> Report<'a> {
    fn new(
        is_successful: bool,
        result_code: i32,
        message: Option<&'a str>,
        detail: Option<&'a str>,
    ) -> Self {
        let lookup = Catalog::COMPUTE.lookup(result_code);
        Report {
            is_successful,
            result_code,
            result_message: message,
            detail,
            class: lookup.class,
            api: lookup.api,
            http_status: lookup.http_status,
            remedy: lookup.class.remedy(),
            consistent: is_successful == (lookup.class == Class::Success),
            message_truncated: false,
        }
    }

    /// From a header borrowed from a body; escapes are decoded into `scratch`.
    pub fn from_header(header: &Header<'_>, scratch: &'a mut Scratch) -> Self {
        let Scratch { message, detail } = scratch;
        let message = header
            .result_message
            .map(|raw| decoded(raw.chars(), message));
        let detail = header
            .result_message
            .and_then(|raw| raw.detail())
            .map(|raw| decoded(raw.chars(), detail));
        Report::new(header.is_successful, header.result_code, message, detail)
    }

    /// From the streaming parser's header.
    pub fn from_owned<const N: usize>(header: &'a OwnedHeader<N>) -> Self {
        let message = header.result_message.as_deref();
        let mut report = Report::new(
            header.is_successful,
            header.result_code,
            message,
            header.detail(),
        );
        report.message_truncated = header.message_truncated;
        report
    }

    pub fn verdict(&self) -> Verdict {
        if self.is_successful {
            Verdict::Successful
        } else {
            Verdict::Unsuccessful
        }
    }

    /// `servers.json: 10404 api_error (instance, HTTP 404) retry_after_fix "Not Found"`
    fn write_readable(&self, out: &mut impl Write, source: Source<'_>) -> io::Result<()> {
        write!(out, "{source}: {} {}", self.result_code, self.class)?;
        if let (Some(api), Some(status)) = (self.api, self.http_status) {
            write!(out, " ({api}, HTTP {status})")?;
        }
        write!(out, " {} ", self.remedy)?;
        match self.result_message {
            Some(message) => write!(out, "{message:?}")?,
            None => out.write_all(b"null")?,
        }
        if self.message_truncated {
            out.write_all(b" (message truncated)")?;
        }
        if !self.consistent {
            write!(out, " (inconsistent: isSuccessful {})", self.is_successful)?;
        }
        out.write_all(b"\n")
    }
}

fn decoded(chars: impl Iterator<Item = char>, into: &mut String) -> &str {
    into.clear();
    into.extend(chars);
    into
}

/// Why an input has no report.
pub enum Failure<'a> {
    Malformed(Error),
    Unreadable(&'a io::Error),
}

/// One line of `--json` output.
#[derive(Serialize)]
struct JsonLine<'a, T: Serialize> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    ok: bool,
    #[serde(flatten)]
    outcome: T,
}

#[derive(Serialize)]
struct ErrorOutcome<'a> {
    error: Problem<'a>,
}

#[derive(Serialize)]
struct Problem<'a> {
    /// An `ErrorKind` name, or `unreadable`.
    kind: &'static str,
    /// Byte offset into the body (the line); `null` when it could not be read.
    offset: Option<usize>,
    #[serde(serialize_with = "name")]
    message: &'a dyn fmt::Display,
}

/// Writes one input's line and returns its verdict.
pub fn write_report(
    out: &mut impl Write,
    json: bool,
    source: Source<'_>,
    report: &Report<'_>,
) -> io::Result<Verdict> {
    if json {
        let line = JsonLine {
            file: source.file,
            line: source.line,
            ok: true,
            outcome: report,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    } else {
        report.write_readable(out, source)?;
    }
    Ok(report.verdict())
}

/// Writes one failed input's line (an unreadable one goes to standard
/// error too) and returns its verdict.
pub fn write_failure(
    out: &mut impl Write,
    json: bool,
    source: Source<'_>,
    failure: &Failure<'_>,
) -> io::Result<Verdict> {
    let problem = match failure {
        Failure::Malformed(error) => Problem {
            kind: error.kind().name(),
            offset: Some(error.offset()),
            message: error,
        },
        Failure::Unreadable(error) => {
            eprintln!("nhncloud-header: {source}: {error}");
            Problem {
                kind: "unreadable",
                offset: None,
                message: *error,
            }
        }
    };
    if json {
        let line = JsonLine {
            file: source.file,
            line: source.line,
            ok: false,
            outcome: ErrorOutcome { error: problem },
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    } else if let Failure::Malformed(error) = failure {
        writeln!(
            out,
            "{source}: malformed: {error} ({})",
            error.kind().name()
        )?;
    }
    Ok(Verdict::Malformed)
}
