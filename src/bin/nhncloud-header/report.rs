//! One input's result, and its line of output: readable or `--json`.
//! Everything borrows; writing a line allocates nothing, so `--lines` over
//! a million responses allocates no more than over one.

use std::fmt;
use std::io::{self, Write};

use nhncloud_header::{
    Advice, Api, Category, Class, ComputeDetails, Header, Meaning, OwnedHeader, Remedy, ResultCode,
    Service,
};
use serde::{Serialize, Serializer};

use crate::colour::Tone;
use crate::output::Sink;
use crate::readings::Readings;

/// How one input went, from best to worst: the exit status is the worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// `isSuccessful` true, and the table agrees.
    Successful = 0,
    /// `isSuccessful` false, or the table disagrees with it.
    Unsuccessful = 1,
    /// Malformed, unreadable, or skipped as binary.
    Malformed = 2,
}

/// How the lines are written.
#[derive(Clone, Copy, Default)]
pub struct Style {
    pub json: bool,
    /// Readable lines only.
    pub colour: bool,
}

/// Where an input came from: a file, and a line of it with `--lines`.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub file: &'a str,
    /// `file` as a JSON string, quotes included: escaped once per input,
    /// not once per line.
    pub file_json: &'a str,
    pub line: Option<u64>,
}

impl<'a> Source<'a> {
    /// A whole input.
    pub fn new(file: &'a str, file_json: &'a str) -> Self {
        Source {
            file,
            file_json,
            line: None,
        }
    }

    /// A line of the input.
    pub fn at(self, line: u64) -> Self {
        Source {
            line: Some(line),
            ..self
        }
    }
}

impl Source<'_> {
    /// `FILE: ` or, with `--lines`, `FILE:LINE: `.
    pub fn write_prefix(&self, out: &mut impl Sink) -> io::Result<()> {
        out.write_all(self.file.as_bytes())?;
        if let Some(line) = self.line {
            out.write_all(b":")?;
            out.put_integer(false, line)?;
        }
        out.write_all(b": ")
    }
}

/// `file` as a JSON string, for [`Source::file_json`].
pub fn json_string(file: &str) -> String {
    serde_json::to_string(file).unwrap_or_else(|_| String::from("null"))
}

impl fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(self.file),
        }
    }
}

/// A header and what its code means: one reading, the service's; Compute's
/// own details only where the service is Compute.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report<'a> {
    pub is_successful: bool,
    pub result_code: ResultCode<&'a str>,
    pub result_message: Option<&'a str>,
    pub detail: Option<&'a str>,
    #[serde(serialize_with = "name")]
    pub service: Service,
    /// The code is in `service`'s table.
    pub known: bool,
    #[serde(serialize_with = "name")]
    pub category: Category,
    #[serde(serialize_with = "name")]
    pub advice: Advice,
    pub retryable: bool,
    /// `isSuccessful` agrees with `service`'s table.
    pub consistent: bool,
    /// The table's text for the code ([`Meaning::table_text`]).
    pub description: Option<&'static str>,
    /// Compute's details, for `--service compute` only.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub compute: Option<Details>,
    /// Only from the streaming parser, and only when the message did not fit.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub message_truncated: bool,
    /// The parts of the readable line that the reading decides, written
    /// already ([`Readings`]).
    #[serde(skip)]
    pub pieces: Option<&'a Pieces>,
}

/// What a code means in the service's table, for one `isSuccessful`: the
/// part of a report the code decides (and the message, where the table
/// gives the code several rows).
#[derive(Clone, Copy)]
pub struct Reading {
    pub service: Service,
    pub known: bool,
    pub category: Category,
    pub advice: Advice,
    pub retryable: bool,
    pub consistent: bool,
    pub description: Option<&'static str>,
    pub compute: Option<Details>,
}

impl Reading {
    pub fn of(
        service: Service,
        code: &ResultCode<&str>,
        is_successful: bool,
        message: Option<&str>,
    ) -> Self {
        let meaning: Meaning = service
            .catalog()
            .meaning(code, is_successful, message.as_ref());
        Reading {
            service,
            known: meaning.known,
            category: meaning.category,
            advice: meaning.advice,
            retryable: meaning.retryable(),
            consistent: meaning.consistent,
            description: meaning.table_text(),
            compute: (service == Service::Compute).then(|| Details::of(code)),
        }
    }
}

/// A reading's parts of the readable line, as [`Report::write_readable`]
/// writes them: the verdict (`CODE CATEGORY ADVICE [retryable]`, coloured
/// or not), the table's part (shown unless it is the message), and the
/// rest after it, newline included.
#[derive(Default)]
pub struct Pieces {
    pub verdict: Vec<u8>,
    pub table: Vec<u8>,
    pub end: Vec<u8>,
}

impl Pieces {
    /// Written for `report` (whose message is left out).
    pub fn write(&mut self, report: &Report<'_>, colour: bool) {
        let Pieces {
            verdict,
            table,
            end,
        } = self;
        for piece in [&mut *verdict, &mut *table, &mut *end] {
            piece.clear();
        }
        // Writing to a `Vec` cannot fail.
        let _ = report.write_verdict(verdict, colour);
        let _ = report.write_table(table);
        let _ = report.write_compute(end);
        let _ = report.write_inconsistency(end);
        end.push(b'\n');
    }
}

/// Compute's details under their `--json` keys.
#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
pub struct Details {
    #[serde(serialize_with = "name")]
    pub class: Class,
    #[serde(serialize_with = "api_name")]
    pub api: Option<Api>,
    pub http_status: Option<u16>,
    #[serde(serialize_with = "name")]
    pub remedy: Remedy,
}

impl Details {
    /// A string code is none of Compute's table's: an unknown class.
    fn of<T>(code: &ResultCode<T>) -> Self {
        let details = ComputeDetails::of(code.integer().unwrap_or(i32::MAX));
        Details {
            class: details.class,
            api: details.api,
            http_status: details.http_status,
            remedy: details.remedy,
        }
    }
}

pub fn name<S: Serializer, T: fmt::Display>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

fn api_name<S: Serializer>(api: &Option<Api>, serializer: S) -> Result<S::Ok, S::Error> {
    match api {
        Some(api) => serializer.serialize_str(api.name()),
        None => serializer.serialize_none(),
    }
}

/// Reused buffers for decoded strings: a message or code with escapes is
/// decoded into them instead of into a fresh `String` per input.
#[derive(Default)]
pub struct Scratch {
    code: String,
    message: String,
    detail: String,
}

impl<'a> Report<'a> {
    pub fn new(
        is_successful: bool,
        result_code: ResultCode<&'a str>,
        message: Option<&'a str>,
        detail: Option<&'a str>,
        reading: Reading,
    ) -> Self {
        let Reading {
            service,
            known,
            category,
            advice,
            retryable,
            consistent,
            description,
            compute,
        } = reading;
        Report {
            is_successful,
            result_code,
            result_message: message,
            detail,
            service,
            known,
            category,
            advice,
            retryable,
            consistent,
            description,
            compute,
            message_truncated: false,
            pieces: None,
        }
    }

    /// The reading, from `readings` when it has it (and the pieces with
    /// it), else from the table.
    fn read(
        readings: &'a mut Readings,
        is_successful: bool,
        result_code: ResultCode<&'a str>,
        message: Option<&'a str>,
        detail: Option<&'a str>,
    ) -> Self {
        let service = readings.service();
        match readings.of(&result_code, is_successful) {
            Some((reading, pieces)) => Report {
                pieces: Some(pieces),
                ..Report::new(is_successful, result_code, message, detail, *reading)
            },
            None => {
                let reading = Reading::of(service, &result_code, is_successful, message);
                Report::new(is_successful, result_code, message, detail, reading)
            }
        }
    }

    /// From a header borrowed from a body: its texts as they stand, or, if
    /// they have escapes, decoded into `scratch`. The detail is only looked
    /// for `with_detail` (the readable line does not show it).
    pub fn from_header(
        header: &Header<'a>,
        scratch: &'a mut Scratch,
        readings: &'a mut Readings,
        with_detail: bool,
    ) -> Self {
        let Scratch {
            code,
            message,
            detail,
        } = scratch;
        let result_code = match header.result_code {
            ResultCode::Integer(integer) => ResultCode::Integer(integer),
            ResultCode::Text(text) => ResultCode::Text(match text.as_str() {
                Some(plain) => plain,
                None => decoded(text.chars(), code),
            }),
        };
        let (text, detail) = match header.result_message {
            None => (None, None),
            Some(raw) if !raw.has_escapes() => {
                // The parser validates every string it hands out as UTF-8
                // (`Message::raw`: "always UTF-8"), so it is not checked
                // again on each of a million lines.
                // SAFETY: `raw.raw()` is UTF-8, as above.
                let text = unsafe { std::str::from_utf8_unchecked(raw.raw()) };
                let detail = with_detail
                    .then(|| raw.detail())
                    .flatten()
                    // SAFETY: the detail is the message's text cut at ASCII
                    // bytes (after a `:`, trimmed of ASCII whitespace): UTF-8.
                    .map(|raw| unsafe { std::str::from_utf8_unchecked(raw.raw()) });
                (Some(text), detail)
            }
            Some(raw) => {
                let text = decoded(raw.chars(), message);
                let detail = with_detail
                    .then(|| raw.detail())
                    .flatten()
                    .map(|raw| decoded(raw.chars(), detail));
                (Some(text), detail)
            }
        };
        Report::read(readings, header.is_successful, result_code, text, detail)
    }

    /// From the streaming parser's header.
    pub fn from_owned<const N: usize>(
        header: &'a OwnedHeader<N>,
        readings: &'a mut Readings,
    ) -> Self {
        let mut report = Report::read(
            readings,
            header.is_successful(),
            header.result_code(),
            header.result_message(),
            header.detail(),
        );
        report.message_truncated = header.message_truncated();
        report
    }

    pub fn verdict(&self) -> Verdict {
        if self.is_successful && self.consistent {
            Verdict::Successful
        } else {
            Verdict::Unsuccessful
        }
    }

    /// `servers.json: 10404 not_found fix_request "Not Found" | table:
    /// "Instance API error message" | compute: api_error instance HTTP 404
    /// retry_after_fix`: the service's reading, then Compute's details for
    /// a Compute response.
    ///
    /// Written piece by piece rather than through `format_args!`: with
    /// `--lines` this runs once per line. With `colour`, the verdict (code,
    /// category, advice) in its [`Tone`]. The pieces the reading decides
    /// are copied when [`Readings`] has them.
    fn write_readable(
        &self,
        out: &mut impl Sink,
        source: Source<'_>,
        colour: bool,
    ) -> io::Result<()> {
        source.write_prefix(out)?;
        let pieces = self.pieces.filter(|_| !self.message_truncated);
        match pieces {
            Some(pieces) => out.write_all(&pieces.verdict)?,
            None => self.write_verdict(out, colour)?,
        }
        out.write_all(b" ")?;
        match self.result_message {
            Some(message) => write_quoted(out, message)?,
            None => out.write_all(b"null")?,
        }
        // The table's text, unless it is the message itself.
        if self.description.is_none() || self.description != self.result_message {
            match pieces {
                Some(pieces) => out.write_all(&pieces.table)?,
                None => self.write_table(out)?,
            }
        }
        if let Some(pieces) = pieces {
            return out.write_all(&pieces.end);
        }
        self.write_compute(out)?;
        if self.message_truncated {
            out.write_all(b" (message truncated)")?;
        }
        self.write_inconsistency(out)?;
        out.write_all(b"\n")
    }

    /// `CODE CATEGORY ADVICE [retryable]`.
    fn write_verdict(&self, out: &mut impl Sink, colour: bool) -> io::Result<()> {
        let tone = colour.then(|| Tone::of(self.category, self.advice, self.is_successful));
        Tone::open(out, tone)?;
        match self.result_code {
            ResultCode::Integer(code) => out.put_integer(code < 0, code.unsigned_abs().into())?,
            ResultCode::Text(code) => write_quoted(out, code)?,
        }
        out.write_all(b" ")?;
        out.write_all(self.category.name().as_bytes())?;
        out.write_all(b" ")?;
        out.write_all(self.advice.name().as_bytes())?;
        if self.retryable {
            out.write_all(b" retryable")?;
        }
        Tone::close(out, tone)
    }

    /// ` | table: "TEXT"`, or ` | not in SERVICE's table`.
    fn write_table(&self, out: &mut impl Sink) -> io::Result<()> {
        match self.description {
            Some(description) => {
                out.write_all(b" | table: ")?;
                write_quoted(out, description)
            }
            None if self.known => Ok(()),
            None => {
                out.write_all(b" | not in ")?;
                out.write_all(self.service.name().as_bytes())?;
                out.write_all(b"'s table")
            }
        }
    }

    /// ` | compute: CLASS [API HTTP STATUS] REMEDY`, for Compute.
    fn write_compute(&self, out: &mut impl Sink) -> io::Result<()> {
        let Some(compute) = self.compute else {
            return Ok(());
        };
        out.write_all(b" | compute: ")?;
        out.write_all(compute.class.name().as_bytes())?;
        if let (Some(api), Some(status)) = (compute.api, compute.http_status) {
            out.write_all(b" ")?;
            out.write_all(api.name().as_bytes())?;
            out.write_all(b" HTTP ")?;
            out.put_integer(false, status.into())?;
        }
        out.write_all(b" ")?;
        out.write_all(compute.remedy.name().as_bytes())
    }

    fn write_inconsistency(&self, out: &mut impl Sink) -> io::Result<()> {
        match (self.consistent, self.is_successful) {
            (true, _) => Ok(()),
            (false, true) => out.write_all(b" (inconsistent: isSuccessful true)"),
            (false, false) => out.write_all(b" (inconsistent: isSuccessful false)"),
        }
    }
}

/// `text` quoted as Rust's `{:?}` quotes it: as it is when it is printable
/// ASCII without quotes or backslashes (NHN's messages, nearly always),
/// else through `Debug`.
fn write_quoted(out: &mut impl Write, text: &str) -> io::Result<()> {
    // Without short-circuiting, so that the check is vectorized.
    let plain = text.bytes().fold(true, |plain, byte| {
        plain & (b' '..=b'~').contains(&byte) & (byte != b'"') & (byte != b'\\')
    });
    if plain {
        out.write_all(b"\"")?;
        out.write_all(text.as_bytes())?;
        out.write_all(b"\"")
    } else {
        write!(out, "{text:?}")
    }
}

fn decoded(chars: impl Iterator<Item = char>, into: &mut String) -> &str {
    into.clear();
    into.extend(chars);
    into
}

/// One line of `--json` output.
#[derive(Serialize)]
pub struct JsonLine<'a, T: Serialize> {
    pub file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub ok: bool,
    #[serde(flatten)]
    pub outcome: T,
}

impl Report<'_> {
    /// The input's line.
    pub fn write(&self, out: &mut impl Sink, style: Style, source: Source<'_>) -> io::Result<()> {
        if style.json {
            self.write_json(out, source)
        } else {
            self.write_readable(out, source, style.colour)
        }
    }
}

impl Report<'_> {
    /// The `--json` line, keys written as constants and strings escaped by
    /// serde_json: what `JsonLine` with this report would give (the tests
    /// compare the two), at several times its speed.
    fn write_json(&self, out: &mut impl Sink, source: Source<'_>) -> io::Result<()> {
        out.write_all(b"{\"file\":")?;
        out.write_all(source.file_json.as_bytes())?;
        if let Some(line) = source.line {
            out.write_all(b",\"line\":")?;
            out.put_integer(false, line)?;
        }
        out.write_all(if self.is_successful {
            b",\"ok\":true,\"isSuccessful\":true,\"resultCode\":"
        } else {
            b",\"ok\":true,\"isSuccessful\":false,\"resultCode\":"
        })?;
        match self.result_code {
            ResultCode::Integer(code) => out.put_integer(code < 0, code.unsigned_abs().into())?,
            ResultCode::Text(code) => write_json_string(out, Some(code))?,
        }
        out.write_all(b",\"resultMessage\":")?;
        write_json_string(out, self.result_message)?;
        out.write_all(b",\"detail\":")?;
        write_json_string(out, self.detail)?;
        out.write_all(b",\"service\":\"")?;
        out.write_all(self.service.name().as_bytes())?;
        out.write_all(if self.known {
            b"\",\"known\":true,\"category\":\""
        } else {
            b"\",\"known\":false,\"category\":\""
        })?;
        out.write_all(self.category.name().as_bytes())?;
        out.write_all(b"\",\"advice\":\"")?;
        out.write_all(self.advice.name().as_bytes())?;
        out.write_all(if self.retryable {
            b"\",\"retryable\":true"
        } else {
            b"\",\"retryable\":false"
        })?;
        out.write_all(if self.consistent {
            b",\"consistent\":true,\"description\":"
        } else {
            b",\"consistent\":false,\"description\":"
        })?;
        write_json_string(out, self.description)?;
        if let Some(compute) = self.compute {
            out.write_all(b",\"class\":\"")?;
            out.write_all(compute.class.name().as_bytes())?;
            out.write_all(b"\",\"api\":")?;
            match compute.api {
                Some(api) => {
                    out.write_all(b"\"")?;
                    out.write_all(api.name().as_bytes())?;
                    out.write_all(b"\"")?;
                }
                None => out.write_all(b"null")?,
            }
            out.write_all(b",\"httpStatus\":")?;
            match compute.http_status {
                Some(status) => out.put_integer(false, status.into())?,
                None => out.write_all(b"null")?,
            }
            out.write_all(b",\"remedy\":\"")?;
            out.write_all(compute.remedy.name().as_bytes())?;
            out.write_all(b"\"")?;
        }
        if self.message_truncated {
            out.write_all(b",\"messageTruncated\":true")?;
        }
        out.write_all(b"}\n")
    }
}

fn write_json_string(out: &mut impl Write, text: Option<&str>) -> io::Result<()> {
    match text {
        Some(text) => serde_json::to_writer(&mut *out, text).map_err(io::Error::from),
        None => out.write_all(b"null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written `--json` line is byte for byte what serde gives for
    /// the same report, whatever the optional parts and the text.
    #[test]
    fn json_line_matches_serde() {
        let texts = [
            None,
            Some(""),
            Some("Not Found"),
            Some("a \"quoted\" \\ tab\t nl\n é 𝄞 \u{1}"),
        ];
        let files = ["servers.json", "dir/\"odd\" name\\.json"];
        let cases = [
            (Service::Compute, ResultCode::Integer(0)),
            (Service::Compute, ResultCode::Integer(-4)),
            (Service::Compute, ResultCode::Integer(10404)),
            (Service::Compute, ResultCode::Text("SUCCESS")),
            (Service::Cdn, ResultCode::Integer(20001)),
            (Service::Push, ResultCode::Integer(50250)),
            (Service::NotificationHub, ResultCode::Integer(400001)),
            (Service::Email, ResultCode::Integer(i32::MIN)),
            (Service::Role, ResultCode::Integer(i32::MAX)),
            (Service::Deploy, ResultCode::Text("NOT_FOUND_OS")),
            (Service::Deploy, ResultCode::Text("a \"quoted\" \\ code")),
            (Service::Deploy, ResultCode::Integer(0)),
        ];
        for (service, code) in cases {
            for (message, detail) in texts.iter().zip(texts.iter().rev()) {
                for is_successful in [true, false] {
                    for truncated in [false, true] {
                        for (file, line) in files.iter().zip([None, Some(u64::MAX)]) {
                            let reading = Reading::of(service, &code, is_successful, *message);
                            let mut report =
                                Report::new(is_successful, code, *message, *detail, reading);
                            report.message_truncated = truncated;
                            let file_json = json_string(file);
                            let source = Source {
                                file,
                                file_json: &file_json,
                                line,
                            };
                            let mut ours = Vec::new();
                            report.write_json(&mut ours, source).unwrap();
                            let line = JsonLine {
                                file,
                                line,
                                ok: true,
                                outcome: &report,
                            };
                            let mut theirs = serde_json::to_vec(&line).unwrap();
                            theirs.push(b'\n');
                            assert_eq!(
                                String::from_utf8(ours).unwrap(),
                                String::from_utf8(theirs).unwrap()
                            );
                        }
                    }
                }
            }
        }
    }

    /// A line written from the pieces [`Readings`] keeps is the line
    /// written whole: every service's codes (listed or not, several rows
    /// for one included), either `isSuccessful`, the table's text as the
    /// message or not, coloured or not, twice over so that slots are
    /// reused and shared.
    #[test]
    fn pieces_make_the_same_line() {
        let mut codes: Vec<(Service, i32, Option<&str>)> = Vec::new();
        for service in Service::ALL {
            for entry in service.catalog().entries().iter().take(40) {
                if let nhncloud_header::Codes::Integers { first, .. } = entry.codes() {
                    codes.push((service, first, Some(entry.message())));
                    codes.push((service, first, Some("other")));
                }
            }
            codes.push((service, 123_456_789, None));
        }
        let mut lines = 0;
        for colour in [false, true] {
            let mut readings: Vec<Readings> = Service::ALL
                .iter()
                .map(|&service| Readings::new(service, colour))
                .collect();
            for _ in 0..2 {
                for &(service, code, message) in &codes {
                    for is_successful in [true, false] {
                        let at = Service::ALL.iter().position(|&s| s == service).unwrap();
                        let readings = &mut readings[at];
                        let code = ResultCode::Integer(code);
                        let cached = Report::read(readings, is_successful, code, message, None);
                        let reading = Reading::of(service, &code, is_successful, message);
                        let whole = Report::new(is_successful, code, message, None, reading);
                        let source = Source::new("f", "\"f\"");
                        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
                        cached.write_readable(&mut ours, source, colour).unwrap();
                        whole.write_readable(&mut theirs, source, colour).unwrap();
                        assert_eq!(
                            String::from_utf8(ours).unwrap(),
                            String::from_utf8(theirs).unwrap()
                        );
                        lines += usize::from(cached.pieces.is_some());
                    }
                }
            }
        }
        assert!(lines > 1000, "{lines} lines from pieces");
    }

    #[test]
    fn quoting_matches_debug() {
        for text in [
            "",
            "Not Found : name",
            "a \"b\" \\ c",
            "tab\there",
            "é 𝄞",
            "\u{7f}",
            "~ and `",
        ] {
            let mut out = Vec::new();
            write_quoted(&mut out, text).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), format!("{text:?}"));
        }
    }
}
