//! The naive model: serde_json decides what is valid JSON (its strict
//! `Value` path, which checks UTF-8 and surrogates), and a plain walk over
//! the top-level members, in order and with duplicates kept, applies the
//! header rules. The crate's documented deviations are modelled here and
//! nowhere else: a byte order mark is skipped; numbers of any magnitude are
//! valid (serde_json's `arbitrary_precision`); nesting is limited to 128
//! levels, not serde_json's 127 (its `unbounded_depth`, and a naive count).

use nhncloud_header::{ErrorKind, Header};
use serde::de::{Deserialize, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// What the reference says about a body.
#[derive(Clone, Debug, PartialEq)]
pub enum Reference {
    /// A valid body with this header.
    Header {
        is_successful: bool,
        result_code: i32,
        result_message: Option<String>,
    },
    /// Not valid JSON.
    InvalidJson,
    /// Valid JSON that breaks a header rule, with the first such error.
    Rejected(ErrorKind),
    /// Nested deeper than 128 levels: must be rejected (with `depth_limit`,
    /// or an error that comes first).
    TooDeep,
}

/// Object members in order, duplicates kept.
struct Members(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
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

/// The deepest nesting of brackets outside strings, counted naively. For
/// valid JSON this is the nesting depth; serde_json never recurses deeper.
fn naive_depth(body: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for &byte in body {
        match (in_string, escaped, byte) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, ..) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// serde_json without its recursion limit (safe: callers bound the depth).
fn from_slice_unlimited<T: DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    deserializer.disable_recursion_limit();
    let value = T::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Judges `body` as the crate's `parse` should.
pub fn judge(body: &[u8]) -> Reference {
    // A leading byte order mark is skipped.
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if naive_depth(body) > 128 {
        return Reference::TooDeep;
    }
    if from_slice_unlimited::<serde_json::Value>(body).is_err() {
        return Reference::InvalidJson;
    }
    let Ok(Members(members)) = from_slice_unlimited::<Members>(body) else {
        return Reference::Rejected(ErrorKind::NotAnObject);
    };
    let mut header = None;
    for (key, value) in members {
        if key != "header" {
            continue;
        }
        if header.is_some() {
            return Reference::Rejected(ErrorKind::DuplicateKey);
        }
        match judge_header(value.get()) {
            Ok(found) => header = Some(found),
            Err(kind) => return Reference::Rejected(kind),
        }
    }
    header.unwrap_or(Reference::Rejected(ErrorKind::MissingHeader))
}

fn judge_header(text: &str) -> Result<Reference, ErrorKind> {
    if !text.starts_with('{') {
        return Err(ErrorKind::WrongType);
    }
    let Members(fields) = from_slice_unlimited(text.as_bytes()).expect("valid object");
    let (mut is_successful, mut result_code, mut result_message) = (None, None, None);
    for (key, value) in fields {
        let value = value.get();
        match key.as_str() {
            "isSuccessful" => {
                if is_successful.is_some() {
                    return Err(ErrorKind::DuplicateKey);
                }
                is_successful = Some(match value {
                    "true" => true,
                    "false" => false,
                    _ => return Err(ErrorKind::WrongType),
                });
            }
            "resultCode" => {
                if result_code.is_some() {
                    return Err(ErrorKind::DuplicateKey);
                }
                if !value.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
                    return Err(ErrorKind::WrongType);
                }
                let digits = value.strip_prefix('-').unwrap_or(value);
                if !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(ErrorKind::InvalidResultCode);
                }
                // Any length of digits: parse as a big decimal via i128 when it fits.
                let parsed = value
                    .parse::<i128>()
                    .ok()
                    .and_then(|v| i32::try_from(v).ok());
                result_code = Some(parsed.ok_or(ErrorKind::InvalidResultCode)?);
            }
            "resultMessage" => {
                if result_message.is_some() {
                    return Err(ErrorKind::DuplicateKey);
                }
                result_message = Some(match value {
                    "null" => None,
                    _ if value.starts_with('"') => {
                        Some(serde_json::from_str::<String>(value).expect("valid string"))
                    }
                    _ => return Err(ErrorKind::WrongType),
                });
            }
            _ => {}
        }
    }
    match (is_successful, result_code, result_message) {
        (Some(is_successful), Some(result_code), Some(result_message)) => Ok(Reference::Header {
            is_successful,
            result_code,
            result_message,
        }),
        _ => Err(ErrorKind::MissingField),
    }
}

/// Whether the crate's answer agrees with the reference.
pub fn agrees(
    ours: &Result<Header<'_>, nhncloud_header::Error>,
    reference: &Reference,
) -> Result<(), String> {
    match (ours, reference) {
        (
            Ok(header),
            Reference::Header {
                is_successful,
                result_code,
                result_message,
            },
        ) => {
            let message = header.result_message.map(|m| m.to_string());
            if header.is_successful == *is_successful
                && header.result_code == *result_code
                && message == *result_message
            {
                Ok(())
            } else {
                Err(format!(
                    "fields differ: ours {header:?}, reference {reference:?}"
                ))
            }
        }
        (Err(_), Reference::InvalidJson | Reference::TooDeep) => Ok(()),
        (Err(error), Reference::Rejected(kind)) if error.kind() == *kind => Ok(()),
        _ => Err(format!("ours {ours:?}, reference {reference:?}")),
    }
}

/// Everything `parse` and `scan` must satisfy on any body: the reference
/// agrees, every error offset lies within the body, and `scan` gives
/// `parse`'s header whenever `parse` accepts, `parse`'s error whenever it fails.
pub fn check_one_shot(
    body: &[u8],
    parsed: &Result<Header<'_>, nhncloud_header::Error>,
    scanned: &Result<Header<'_>, nhncloud_header::Error>,
) -> Result<(), String> {
    agrees(parsed, &judge(body))
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
        _ => Ok(()),
    }
}
