//! The naive model: serde_json decides what is valid JSON (its strict
//! `Value` path, which checks UTF-8 and surrogates), and a plain walk over
//! the top-level members, in order and with duplicates kept, applies the
//! header rules. The crate's documented deviations are modelled here and
//! nowhere else: a byte order mark is skipped; numbers of any magnitude are
//! valid (serde_json's `arbitrary_precision`); nesting is limited to 128
//! levels, not serde_json's 127 (its `unbounded_depth`, and a naive count).
//!
//! Errors are placed as well as named: a syntax error at the byte serde_json's
//! line and column name (with the differences by design listed at
//! `expected_error`), a broken header rule at the key or value whose span
//! serde_json read, too deep a nesting at the bracket that goes past 128.

use nhncloud_header::{ErrorKind, Field, Header, ResultCode};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// What the reference says about a body.
#[derive(Clone, Debug, PartialEq)]
pub enum Reference {
    /// A valid body with this header.
    Header {
        is_successful: bool,
        result_code: ResultCode<String>,
        result_message: Option<String>,
    },
    /// Not valid JSON: serde_json's error.
    InvalidJson(SyntaxError),
    /// Valid JSON that breaks a header rule: the first such error, placed
    /// by the spans serde_json gives the offending key or value.
    Rejected(Rejection),
    /// Nested deeper than 128 levels: must be rejected with `depth_limit`
    /// at the bracket that opens level 129, or with another error no later.
    TooDeep { at: usize },
}

/// serde_json's verdict on invalid JSON, and what the crate must say.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// serde_json's message without its position.
    pub code: String,
    /// The byte serde_json found at fault, from its line and column (the
    /// column counts the line's bytes up to and including that byte), or
    /// the body's length where the body ends too soon.
    pub fault: usize,
    /// The crate's error kind and offset for the same fault (see
    /// [`expected_error`]); `None` for a serde_json error not modelled.
    pub expected: Option<(ErrorKind, usize)>,
}

/// A header rule broken, with the error the crate must give.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rejection {
    pub kind: ErrorKind,
    pub field: Option<Field>,
    pub offset: usize,
}

/// Object members in order, duplicates kept, each key and value as the span
/// of the body it was read from.
struct Members<'a>(Vec<(&'a RawValue, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// The offset of the bracket that opens level 129, counted naively. For a
/// body that is valid JSON up to there, this is where nesting first goes
/// past the limit; serde_json never recurses deeper.
fn first_too_deep(body: &[u8]) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (at, &byte) in body.iter().enumerate() {
        match (in_string, escaped, byte) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, ..) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'[' | b'{') => {
                depth += 1;
                if depth > 128 {
                    return Some(at);
                }
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Any JSON value, read as `serde_json::Value` reads one (every string
/// decoded and checked, every number parsed), but without `Value`'s magic
/// keys: under `arbitrary_precision` (and `raw_value`), `Value` takes an
/// object whose first key is `$serde_json::private::Number` (or
/// `...::RawValue`) for a number, and rejects a body the crate rightly
/// accepts. Found by the `parse` fuzz target.
struct AnyValue;

impl<'de> Deserialize<'de> for AnyValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnyValue)
    }
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = AnyValue;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_i64<E>(self, _: i64) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_u64<E>(self, _: u64) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_f64<E>(self, _: f64) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_str<E>(self, _: &str) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_unit<E>(self) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<AnyValue, A::Error> {
        while items.next_element::<AnyValue>()?.is_some() {}
        Ok(AnyValue)
    }

    // Numbers come here too under `arbitrary_precision`, as a one-entry map
    // from the magic key to the number's text: both are read as values.
    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<AnyValue, A::Error> {
        while members.next_key::<AnyValue>()?.is_some() {
            members.next_value::<AnyValue>()?;
        }
        Ok(AnyValue)
    }
}

/// serde_json without its recursion limit (safe: callers bound the depth).
fn from_slice_unlimited<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> serde_json::Result<T> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    deserializer.disable_recursion_limit();
    let value = T::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// serde_json's error on `json`, which is `body` after `skipped` bytes (a
/// byte order mark).
fn syntax_error(
    body: &[u8],
    skipped: usize,
    json: &[u8],
    error: &serde_json::Error,
) -> SyntaxError {
    let line_start: usize = json
        .split_inclusive(|&byte| byte == b'\n')
        .take(error.line().saturating_sub(1))
        .map(<[u8]>::len)
        .sum();
    // Just past the byte at fault: the column counts it.
    let end = skipped + line_start + error.column();
    let message = error.to_string();
    let code = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(code, _)| code)
        .to_string();
    let fault = if code.starts_with("EOF while parsing") {
        body.len()
    } else {
        end - 1
    };
    SyntaxError {
        expected: expected_error(body, json, &code, fault),
        code,
        fault,
    }
}

fn reject(kind: ErrorKind, field: Option<Field>, offset: usize) -> Reference {
    Reference::Rejected(Rejection {
        kind,
        field,
        offset,
    })
}

/// Judges `body` as the crate's `parse` should.
pub fn judge(body: &[u8]) -> Reference {
    // A leading byte order mark is skipped.
    let json = body.strip_prefix(BYTE_ORDER_MARK).unwrap_or(body);
    let skipped = body.len() - json.len();
    if let Some(at) = first_too_deep(json) {
        return Reference::TooDeep { at: skipped + at };
    }
    if let Err(error) = from_slice_unlimited::<AnyValue>(json) {
        return Reference::InvalidJson(syntax_error(body, skipped, json, &error));
    }
    // Where serde_json read a key or value from: its first and last byte.
    let first = |raw: &RawValue| raw.get().as_ptr() as usize - body.as_ptr() as usize;
    let last = |raw: &RawValue| first(raw) + raw.get().len() - 1;
    let top: &RawValue = from_slice_unlimited(json).expect("valid JSON");
    let Ok(Members(members)) = from_slice_unlimited::<Members>(json) else {
        return reject(ErrorKind::NotAnObject, None, first(top));
    };
    let mut header = None;
    for (key, value) in members {
        if serde_json::from_str::<String>(key.get()).expect("a key") != "header" {
            continue;
        }
        if header.is_some() {
            return reject(ErrorKind::DuplicateKey, None, first(key));
        }
        if !value.get().starts_with('{') {
            return reject(ErrorKind::WrongType, None, first(value));
        }
        match judge_header(value, first) {
            Ok(found) => header = Some(found),
            Err(rejection) => return Reference::Rejected(rejection),
        }
    }
    header.unwrap_or(reject(ErrorKind::MissingHeader, None, last(top)))
}

/// The header object's fields, or the first rule it breaks; `first` gives
/// a key's or value's offset in the body.
fn judge_header(
    header: &RawValue,
    first: impl Fn(&RawValue) -> usize,
) -> Result<Reference, Rejection> {
    let Members(members) = from_slice_unlimited(header.get().as_bytes()).expect("an object");
    let (mut is_successful, mut result_code, mut result_message) = (None, None, None);
    for (key, raw) in members {
        let field = match serde_json::from_str::<String>(key.get())
            .expect("a key")
            .as_str()
        {
            "isSuccessful" => Field::IsSuccessful,
            "resultCode" => Field::ResultCode,
            "resultMessage" => Field::ResultMessage,
            _ => continue,
        };
        let fail = |kind, at| Rejection {
            kind,
            field: Some(field),
            offset: at,
        };
        let seen = match field {
            Field::IsSuccessful => is_successful.is_some(),
            Field::ResultCode => result_code.is_some(),
            Field::ResultMessage => result_message.is_some(),
        };
        if seen {
            return Err(fail(ErrorKind::DuplicateKey, first(key)));
        }
        let wrong_type = fail(ErrorKind::WrongType, first(raw));
        let value = raw.get();
        match field {
            Field::IsSuccessful => {
                is_successful = Some(match value {
                    "true" => true,
                    "false" => false,
                    _ => return Err(wrong_type),
                });
            }
            Field::ResultCode if value.starts_with('"') => {
                let text = serde_json::from_str::<String>(value).expect("valid string");
                result_code = Some(ResultCode::Text(text));
            }
            Field::ResultCode => {
                if !value.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
                    return Err(wrong_type);
                }
                let digits = value.strip_prefix('-').unwrap_or(value);
                // Any length of digits: parsed via i128 when it fits.
                let code = digits
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| value.parse::<i128>().ok())
                    .flatten()
                    .and_then(|v| i32::try_from(v).ok());
                let code = code.ok_or(fail(ErrorKind::InvalidResultCode, first(raw)))?;
                result_code = Some(ResultCode::Integer(code));
            }
            Field::ResultMessage => {
                result_message = Some(match value {
                    "null" => None,
                    _ if value.starts_with('"') => {
                        Some(serde_json::from_str::<String>(value).expect("valid string"))
                    }
                    _ => return Err(wrong_type),
                });
            }
        }
    }
    let missing = |field| Rejection {
        kind: ErrorKind::MissingField,
        field: Some(field),
        offset: first(header) + header.get().len() - 1,
    };
    Ok(Reference::Header {
        is_successful: is_successful.ok_or(missing(Field::IsSuccessful))?,
        result_code: result_code.ok_or(missing(Field::ResultCode))?,
        result_message: result_message.ok_or(missing(Field::ResultMessage))?,
    })
}

/// How closely an answer was checked against the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Checked {
    /// Accepted, with the reference's three fields.
    Fields,
    /// Rejected with the error kind (and field) the reference names, at
    /// the offset it names.
    Offset,
    /// Rejected for a reason the reference cannot see (a header rule in a
    /// body that is not JSON, say), no later than where the reference found
    /// its own error (see `found_first`) or the nesting limit.
    Before,
}

/// Checks the crate's answer against the reference, and says how closely.
pub fn compare(
    ours: &Result<Header<'_>, nhncloud_header::Error>,
    reference: &Reference,
) -> Result<Checked, String> {
    let differ = || Err(format!("ours {ours:?}, reference {reference:?}"));
    let error = match (ours, reference) {
        (
            Ok(header),
            Reference::Header {
                is_successful,
                result_code,
                result_message,
            },
        ) => {
            let message = header.result_message.map(|m| m.to_string());
            return if header.is_successful == *is_successful
                && header.result_code.map(|text| text.to_string()) == *result_code
                && message == *result_message
            {
                Ok(Checked::Fields)
            } else {
                differ()
            };
        }
        (Ok(_), _) | (Err(_), Reference::Header { .. }) => return differ(),
        (Err(error), _) => error,
    };
    let (kind, offset) = (error.kind(), error.offset());
    match reference {
        Reference::Rejected(rejection)
            if (kind, error.field(), offset)
                == (rejection.kind, rejection.field, rejection.offset) =>
        {
            Ok(Checked::Offset)
        }
        Reference::TooDeep { at } if (kind, offset) == (ErrorKind::DepthLimit, *at) => {
            Ok(Checked::Offset)
        }
        // The bracket itself may be out of place (`0[`): that comes first.
        Reference::TooDeep { at } if kind != ErrorKind::DepthLimit && offset <= *at => {
            Ok(Checked::Before)
        }
        Reference::InvalidJson(syntax) => match syntax.expected {
            Some(expected) if (kind, offset) == expected => Ok(Checked::Offset),
            // Only the crate sees these (see `expected_error`).
            _ if found_first(kind, offset, syntax) => Ok(Checked::Before),
            _ => differ(),
        },
        _ => differ(),
    }
}

/// The crate's error for the fault serde_json found in `body` (`json`
/// after any byte order mark). Both name the byte at fault, or the end of
/// the input, and mostly the same byte. Where they differ by design:
///
/// - a `\u` escape with a bad hex digit: serde_json reads all four digits
///   and reports the fourth, the crate the first that is not hex;
/// - invalid UTF-8: serde_json checks a string at its closing quote and
///   derives the column from the decoded text, so after a later escape in
///   the string the column is off. The model takes the string serde_json
///   points into and finds the bad sequence in it; the crate names the
///   byte that breaks the sequence: its first byte if no UTF-8 sequence
///   starts so, else the byte after its longest valid start;
/// - a body that begins like a byte order mark but is not one: the crate
///   reads a broken mark (the first byte that differs from the mark, or the
///   end), serde_json a byte that starts no value.
///
/// And some errors only the crate can find, before serde_json's fault (see
/// [`found_first`]).
fn expected_error(
    body: &[u8],
    json: &[u8],
    code: &str,
    fault: usize,
) -> Option<(ErrorKind, usize)> {
    if body.starts_with(&BYTE_ORDER_MARK[..1]) && json.len() == body.len() {
        let differs = (1..3).find(|&i| body.get(i).is_some_and(|&b| b != BYTE_ORDER_MARK[i]));
        return Some(match differs {
            Some(at) => (ErrorKind::UnexpectedByte, at),
            None => (ErrorKind::UnexpectedEnd, body.len()),
        });
    }
    if code.starts_with("EOF while parsing") {
        let kind = match json.iter().all(|b| b" \t\r\n".contains(b)) {
            true => ErrorKind::Empty,
            false => ErrorKind::UnexpectedEnd,
        };
        return Some((kind, fault));
    }
    Some(match code {
        "expected `,` or `]`"
        | "expected `,` or `}`"
        | "expected `:`"
        | "expected ident"
        | "expected value"
        | "key must be a string"
        | "trailing comma" => (ErrorKind::UnexpectedByte, fault),
        "invalid number" => (ErrorKind::InvalidNumber, fault),
        "invalid escape" => (ErrorKind::InvalidEscape, invalid_escape_at(body, fault)),
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            (ErrorKind::LoneSurrogate, fault)
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            (ErrorKind::ControlCharacter, fault)
        }
        "trailing characters" => (ErrorKind::TrailingCharacters, fault),
        "invalid unicode code point" => (ErrorKind::InvalidUtf8, invalid_utf8_at(body, fault)?),
        _ => return None,
    })
}

/// Errors the crate finds before serde_json's fault, which serde_json
/// does not see: the header rules (serde_json stops at the first syntax
/// error and never applies them); invalid UTF-8 in a string that
/// serde_json ends on for another reason (it checks UTF-8 at the closing
/// quote), up to the very byte it ends on (a control character, say, that
/// also breaks a UTF-8 sequence); and a `\u` escape's bad hex digit where
/// fewer than four bytes remain (serde_json reports the end of the input).
fn found_first(kind: ErrorKind, offset: usize, syntax: &SyntaxError) -> bool {
    match kind {
        ErrorKind::NotAnObject
        | ErrorKind::MissingHeader
        | ErrorKind::MissingField
        | ErrorKind::DuplicateKey
        | ErrorKind::WrongType
        | ErrorKind::InvalidResultCode => offset < syntax.fault,
        ErrorKind::InvalidUtf8 => {
            syntax.code != "invalid unicode code point" && offset <= syntax.fault
        }
        ErrorKind::InvalidEscape => {
            syntax.code == "EOF while parsing a string" && offset < syntax.fault
        }
        _ => false,
    }
}

/// Where the crate places the invalid escape serde_json found at `fault`:
/// the first non-hex byte of a `\u` escape's four, or else the letter after
/// the backslash (`fault` itself).
fn invalid_escape_at(body: &[u8], fault: usize) -> usize {
    let end = fault + 1;
    // A backslash starts an escape if it ends an odd run of backslashes:
    // sound here, as serde_json read everything before `end` as JSON.
    let starts_escape = |at: usize| {
        body[..=at]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count()
            % 2
            == 1
    };
    let hex_digits = end.checked_sub(4).filter(|&digits| {
        digits >= 2 && &body[digits - 2..digits] == b"\\u" && starts_escape(digits - 2)
    });
    hex_digits
        .and_then(|digits| (digits..end).find(|&i| !body[i].is_ascii_hexdigit()))
        .unwrap_or(fault)
}

/// Where the crate places the invalid UTF-8 in the string that holds byte
/// `within`; `None` if there is no such string.
fn invalid_utf8_at(body: &[u8], within: usize) -> Option<usize> {
    // Everything before the string is valid JSON, so quotes and escapes
    // can be followed naively up to it.
    let (mut open, mut at) = (None, 0);
    while at < body.len() {
        match (open, body[at]) {
            (None, b'"') => open = Some(at),
            (Some(_), b'\\') => at += 1,
            (Some(start), b'"') if within < at => {
                let mut i = start + 1;
                while i < at {
                    if body[i] == b'\\' {
                        i += if body[i + 1] == b'u' { 6 } else { 2 };
                        continue;
                    }
                    let run = body[i..at]
                        .iter()
                        .position(|&b| b == b'\\')
                        .unwrap_or(at - i);
                    // Up to the closing quote: what follows the run can break
                    // a sequence that starts in it.
                    match std::str::from_utf8(&body[i..=at]) {
                        Err(bad) if bad.valid_up_to() < run => {
                            let lead = i + bad.valid_up_to();
                            let starts_a_sequence = (0xC2..=0xF4).contains(&body[lead]);
                            let broken_by =
                                bad.error_len().expect("broken by the quote at the latest");
                            return Some(if starts_a_sequence {
                                lead + broken_by
                            } else {
                                lead
                            });
                        }
                        _ => i += run,
                    }
                }
                return None;
            }
            (Some(_), b'"') => open = None,
            _ => {}
        }
        at += 1;
    }
    None
}

/// Whether the crate's answer agrees with the reference.
#[allow(
    dead_code,
    reason = "the parse fuzz target includes this file for check_one_shot alone"
)]
pub fn agrees(
    ours: &Result<Header<'_>, nhncloud_header::Error>,
    reference: &Reference,
) -> Result<(), String> {
    compare(ours, reference).map(drop)
}

/// Everything `parse` and `scan` must satisfy on any body: the reference
/// agrees (on the error's offset too, where it can tell), every error
/// offset lies within the body, and `scan` gives `parse`'s header whenever
/// `parse` accepts, `parse`'s error whenever it fails.
pub fn check_one_shot(
    body: &[u8],
    parsed: &Result<Header<'_>, nhncloud_header::Error>,
    scanned: &Result<Header<'_>, nhncloud_header::Error>,
) -> Result<Checked, String> {
    let checked = compare(parsed, &judge(body))
        .map_err(|e| format!("{e}\nbody: {:?}", String::from_utf8_lossy(body)))?;
    for error in [parsed, scanned]
        .into_iter()
        .filter_map(|r| r.as_ref().err())
    {
        if error.offset() > body.len() {
            return Err(format!("{error} past the end of {} bytes", body.len()));
        }
    }
    match (scanned, parsed) {
        // scan validates what it reads exactly as parse does: the same error.
        (Err(scan_error), parsed) if parsed != &Err(*scan_error) => {
            Err(format!("scan {scan_error}, parse {parsed:?}"))
        }
        (Ok(scan_header), Ok(parse_header)) if scan_header != parse_header => {
            Err(format!("scan {scan_header:?}, parse {parse_header:?}"))
        }
        // parse may still fail after the header; scan never looks there.
        _ => Ok(checked),
    }
}
