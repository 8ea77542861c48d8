//! An input without a header: malformed, unreadable or skipped as binary,
//! and its line of output: one plain sentence with where the error lies.

use std::fmt;
use std::io::{self, Write};

use nhncloud_header::{Error, ErrorKind, Field};
use serde::Serialize;

use crate::colour::Tone;
use crate::output::Sink;
use crate::position::Place;
use crate::report::{JsonLine, Source, Style};

/// A parser's error, and where it lies in the body (`None` when a stream
/// no longer holds that byte).
#[derive(Clone, Copy)]
pub struct Malformed {
    pub error: Error,
    pub place: Option<Place>,
}

/// Why an input has no header.
pub enum Failure<'a> {
    Malformed(Malformed),
    Unreadable(&'a io::Error),
    /// `--lines` found a NUL byte at this offset, near the start.
    Binary(usize),
}

/// What went wrong, as one plain sentence: the library's kinds, with the
/// field concerned where there is one, in fixed strings.
pub fn sentence(error: &Error) -> &'static str {
    match (error.kind(), error.field()) {
        (ErrorKind::Empty, _) => "no JSON value",
        (ErrorKind::NotAnObject, _) => "the top-level value is not an object",
        (ErrorKind::UnexpectedByte, _) => "unexpected character",
        (ErrorKind::UnexpectedEnd, _) => "the body ends early",
        (ErrorKind::InvalidNumber, _) => "invalid number",
        (ErrorKind::InvalidEscape, _) => "invalid escape sequence",
        (ErrorKind::LoneSurrogate, _) => "a \\u escape of an unpaired UTF-16 surrogate",
        (ErrorKind::ControlCharacter, _) => "raw control character inside a string",
        (ErrorKind::InvalidUtf8, _) => "invalid UTF-8 inside a string",
        (ErrorKind::DepthLimit, _) => "arrays and objects nested too deep",
        (ErrorKind::TrailingCharacters, _) => "more than whitespace after the top-level object",
        (ErrorKind::MissingHeader, _) => "the top-level object has no `header`",
        (ErrorKind::MissingField, Some(Field::IsSuccessful)) => "the header has no `isSuccessful`",
        (ErrorKind::MissingField, Some(Field::ResultCode)) => "the header has no `resultCode`",
        (ErrorKind::MissingField, Some(Field::ResultMessage)) => {
            "the header has no `resultMessage`"
        }
        (ErrorKind::DuplicateKey, Some(Field::IsSuccessful)) => "a second `isSuccessful`",
        (ErrorKind::DuplicateKey, Some(Field::ResultCode)) => "a second `resultCode`",
        (ErrorKind::DuplicateKey, Some(Field::ResultMessage)) => "a second `resultMessage`",
        (ErrorKind::DuplicateKey, None) => "a second `header`",
        (ErrorKind::WrongType, Some(Field::IsSuccessful)) => "`isSuccessful` is not a boolean",
        (ErrorKind::WrongType, Some(Field::ResultCode)) => {
            "`resultCode` is neither number nor string"
        }
        (ErrorKind::WrongType, Some(Field::ResultMessage)) => {
            "`resultMessage` is neither a string nor null"
        }
        (ErrorKind::WrongType, None) => "`header` is not an object",
        (ErrorKind::InvalidResultCode, _) => "`resultCode` is not a 32-bit integer",
        (ErrorKind::CodeTooLong, _) => "a string `resultCode` too long to keep",
        // A kind newer than this tool: the library's own words.
        (kind, _) => kind.description(),
    }
}

/// ` at line L, column C (byte B)`; the column alone for a line of
/// `--lines` (the line is the log's, already named); the byte alone when
/// the place is not known.
fn write_where(out: &mut impl Sink, malformed: &Malformed, in_a_log: bool) -> io::Result<()> {
    let offset = malformed.error.offset() as u64;
    let Some(place) = malformed.place else {
        out.write_all(b" at byte ")?;
        return out.put_integer(false, offset);
    };
    out.write_all(b" at ")?;
    if !in_a_log {
        out.write_all(b"line ")?;
        out.put_integer(false, place.line)?;
        out.write_all(b", ")?;
    }
    out.write_all(b"column ")?;
    out.put_integer(false, place.column)?;
    out.write_all(b" (byte ")?;
    out.put_integer(false, offset)?;
    out.write_all(b")")
}

/// What `--binary` would have read.
struct BinaryFile(usize);

impl fmt::Display for BinaryFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "binary file skipped (NUL at byte {}); read it with --binary",
            self.0
        )
    }
}

impl Failure<'_> {
    /// The stable name scripts match on: an `ErrorKind` name, or
    /// `unreadable` (a binary file skipped included).
    pub fn kind(&self) -> &'static str {
        match self {
            Failure::Malformed(malformed) => malformed.error.kind().name(),
            Failure::Unreadable(_) | Failure::Binary(_) => "unreadable",
        }
    }

    /// The line on standard error for an input that was not read, which
    /// the readable output leaves out (its results are the bodies').
    pub fn warn(&self, source: Source<'_>) {
        match self {
            Failure::Malformed(_) => {}
            Failure::Unreadable(error) => eprintln!("nhncloud-header: {source}: {error}"),
            Failure::Binary(at) => eprintln!("nhncloud-header: {source}: {}", BinaryFile(*at)),
        }
    }

    /// The input's line on standard output: a malformed body's, or any
    /// failure's with `--json`.
    pub fn write(&self, out: &mut impl Sink, style: Style, source: Source<'_>) -> io::Result<()> {
        if style.json {
            return self.write_json(out, source);
        }
        let Failure::Malformed(malformed) = self else {
            return Ok(());
        };
        source.write_prefix(out)?;
        let tone = style.colour.then_some(Tone::Malformed);
        Tone::open(out, tone)?;
        out.write_all(b"malformed (")?;
        out.write_all(self.kind().as_bytes())?;
        out.write_all(b")")?;
        Tone::close(out, tone)?;
        out.write_all(b": ")?;
        out.write_all(sentence(&malformed.error).as_bytes())?;
        write_where(out, malformed, source.line.is_some())?;
        out.write_all(b"\n")
    }

    fn write_json(&self, out: &mut impl Write, source: Source<'_>) -> io::Result<()> {
        let binary;
        let problem = match self {
            Failure::Malformed(malformed) => Problem {
                kind: self.kind(),
                offset: Some(malformed.error.offset()),
                line: malformed.place.map(|place| place.line),
                column: malformed.place.map(|place| place.column),
                message: &sentence(&malformed.error),
            },
            Failure::Unreadable(error) => Problem {
                kind: self.kind(),
                offset: None,
                line: None,
                column: None,
                message: *error,
            },
            Failure::Binary(at) => {
                binary = BinaryFile(*at);
                Problem {
                    kind: self.kind(),
                    offset: None,
                    line: None,
                    column: None,
                    message: &binary,
                }
            }
        };
        let line = JsonLine {
            file: source.file,
            line: source.line,
            ok: false,
            outcome: ErrorOutcome { error: problem },
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")
    }
}

#[derive(Serialize)]
struct ErrorOutcome<'a> {
    error: Problem<'a>,
}

#[derive(Serialize)]
struct Problem<'a> {
    kind: &'static str,
    /// Byte offset into the body (the line, with `--lines`); with the line
    /// and column it lies at, from 1. `null` for an input not read, and
    /// `line` and `column` `null` when a stream no longer held the byte.
    offset: Option<usize>,
    line: Option<u64>,
    column: Option<u64>,
    #[serde(serialize_with = "crate::report::name")]
    message: &'a dyn fmt::Display,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sentence, with where it lies, is its own: no word in it twice,
    /// none the same as another kind's, none ending in a full stop or
    /// starting with a capital (they read as rustc's do).
    #[test]
    fn sentences_are_plain_and_distinct() {
        let bodies: [&[u8]; 18] = [
            b"",
            b"[]",
            b"{x",
            b"{",
            b"{\"header\":{\"isSuccessful\":true,\"resultCode\":01",
            b"{\"a\":\"\\x\"}",
            b"{\"a\":\"\\ud800\"}",
            b"{\"a\":\"\x01\"}",
            b"{\"a\":\"\xff\"}",
            b"{\"header\":{\"isSuccessful\":true,\"resultCode\":0,\"resultMessage\":null}} x",
            b"{}",
            b"{\"header\":{}}",
            b"{\"header\":{\"isSuccessful\":true,\"isSuccessful\":true}}",
            b"{\"header\":1}",
            b"{\"header\":{\"isSuccessful\":1}}",
            b"{\"header\":{\"resultCode\":true}}",
            b"{\"header\":{\"resultMessage\":1}}",
            b"{\"header\":{\"resultCode\":1.5}}",
        ];
        let mut errors: Vec<(&[u8], Error)> = bodies
            .iter()
            .map(|&body| (body, nhncloud_header::parse(body).unwrap_err()))
            .collect();
        let more: [&[u8]; 5] = [
            b"{\"header\":{\"isSuccessful\":true,\"resultMessage\":null}}",
            b"{\"header\":{\"isSuccessful\":true,\"resultCode\":0}}",
            b"{\"header\":{\"resultCode\":0,\"resultCode\":0}}",
            b"{\"header\":{\"resultMessage\":null,\"resultMessage\":null}}",
            b"{\"header\":{\"isSuccessful\":true,\"resultCode\":0,\"resultMessage\":null},\"header\":1}",
        ];
        errors.extend(more.map(|body| (body, nhncloud_header::parse(body).unwrap_err())));
        let deep = [&b"{\"a\":"[..], &[b'['; 200]].concat();
        errors.push((&deep, nhncloud_header::parse(&deep).unwrap_err()));
        let long_code: &[u8] = b"{\"header\":{\"resultCode\":\"AB\"}}";
        let mut parser = nhncloud_header::StreamParser::<1>::new(nhncloud_header::Mode::Parse);
        errors.push((long_code, parser.feed(long_code).unwrap_err()));
        let mut seen = std::collections::BTreeMap::new();
        for (body, error) in errors {
            let malformed = Malformed {
                error,
                place: Some(crate::position::place_in(body, error.offset())),
            };
            let mut out = Vec::new();
            Failure::Malformed(malformed)
                .write(&mut out, Style::default(), Source::new("f", "\"f\""))
                .unwrap();
            let line = String::from_utf8(out).unwrap();
            let text = line.split_once("): ").unwrap().1.trim_end();
            let words: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || "_-".contains(c)))
                .filter(|word| !word.is_empty() && !word.starts_with(|c: char| c.is_ascii_digit()))
                .collect();
            let mut unique = words.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), words.len(), "a word twice in {text:?}");
            assert!(
                !text.ends_with('.') && !text.starts_with(char::is_uppercase),
                "{text}"
            );
            let sentence = sentence(&error);
            if let Some(other) = seen.insert(sentence, (error.kind(), error.field())) {
                assert_eq!(other, (error.kind(), error.field()), "{sentence:?} twice");
            }
        }
        // Every kind the one-shot and streaming parsers report, and every
        // field of those that have one.
        assert_eq!(seen.len(), 25, "{seen:#?}");
    }
}
