//! The header object read whole, in one pass over its members: the one
//! place both engines take the header from. The byte-wise engine tries it
//! when the header's `{` comes with the header lying whole in the chunk;
//! the structural index reads the header of a body it has validated.
//! Anything it does not take in stride (an escaped or repeated key, a
//! missing field, a value of the wrong type, anything invalid, a nested
//! value it cannot skip) gives `None`, and the machine takes the header
//! member by member instead, to the same answer or the exact error.

use super::Slot;
use crate::grammar::bytes::{Class, next_non_space};
use crate::grammar::string::skip_string;
use crate::grammar::{key, number, scalar};
#[cfg(nhncloud_header_fast)]
use crate::{error::Error, header::Header, header::ResultCode, message::Message};

/// `resultCode` of a header read whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FieldCode {
    Integer(i32),
    /// A string, between the quotes at these indices.
    Text(usize, usize),
}

/// The fields of a header read whole.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub(crate) is_successful: bool,
    pub(crate) code: FieldCode,
    /// The quotes around the message's raw text, unless it is `null`.
    pub(crate) message: Option<(usize, usize)>,
    /// The index just after the header's closing `}`.
    pub(crate) end: usize,
}

/// What the reader may assume of the bytes it reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Bytes {
    /// The structural index has validated them: nested values inside the
    /// header are skipped by their brackets alone.
    #[cfg_attr(not(nhncloud_header_fast), allow(dead_code))]
    Validated,
    /// Nothing: every token the reader takes, it checks; a nested value
    /// inside the header is left to the machine.
    Unchecked,
}

/// The header object whose `{` is at `input[open]`, read whole by the
/// header's rules (the machine's, from `Slot`): each field once and of its
/// type, an `i32` code, every token whole and valid; or `None`.
#[inline(always)]
pub(crate) fn read_whole_header(input: &[u8], open: usize, bytes: Bytes) -> Option<Fields> {
    if input.get(open) != Some(&b'{') {
        return None;
    }
    let mut fields = Fields {
        is_successful: false,
        code: FieldCode::Integer(0),
        message: None,
        end: 0,
    };
    let mut seen = 0;
    let mut at = open;
    loop {
        let (quote, byte) = next_non_space(input, at + 1);
        if byte? != b'"' {
            // `}` with no member (or one after a `,`): the machine says what.
            return None;
        }
        let (text, close) = key::plain(input, quote)?;
        let index = key::index(text, key::HEADER_CANDIDATES);
        let slot = Slot::of_field(index);
        let (colon, byte) = next_non_space(input, close + 1);
        if byte? != b':' {
            return None;
        }
        let (value, first) = next_non_space(input, colon + 1);
        let first = first?;
        let bit = index.map_or(0, |index| 1 << index);
        if !slot.takes(first) || seen & bit != 0 {
            return None;
        }
        seen |= bit;
        let value_end = match Class::of(first) {
            Class::Quote => {
                let close = skip_string(input, value + 1);
                if input.get(close) != Some(&b'"') {
                    return None;
                }
                match slot {
                    Slot::ResultMessage => fields.message = Some((value, close)),
                    Slot::ResultCode => fields.code = FieldCode::Text(value, close),
                    _ => {}
                }
                close + 1
            }
            Class::OpenObject | Class::OpenArray if bytes == Bytes::Validated => {
                skip_validated(input, value)?
            }
            _ => {
                let end = scalar::end(input, value)?;
                match slot {
                    Slot::IsSuccessful => fields.is_successful = first == b't',
                    Slot::ResultCode => {
                        let code = number::result_code_of(input.get(value..end)?)?;
                        fields.code = FieldCode::Integer(code);
                    }
                    _ => {}
                }
                end
            }
        };
        let (after, byte) = next_non_space(input, value_end);
        match byte? {
            b',' => at = after,
            // Every field: the bits of the header's candidate keys.
            b'}' if seen == key::HEADER_CANDIDATES => {
                fields.end = after + 1;
                return Some(fields);
            }
            _ => return None,
        }
    }
}

/// The header of a body whose JSON the structural index has validated,
/// from its top-level key, whose quote is at `key`. Out of line, and
/// written straight into the caller's result.
#[cfg(nhncloud_header_fast)]
#[inline(never)]
pub(crate) fn read_validated(body: &[u8], key: usize) -> Result<Header<'_>, Error> {
    read_validated_fields(body, key).ok_or(super::HANDED_OVER)
}

#[cfg(nhncloud_header_fast)]
#[inline(always)]
fn read_validated_fields(body: &[u8], key: usize) -> Option<Header<'_>> {
    let close = match key::plain(body, key) {
        Some((_, close)) => close,
        None => skip_string(body, key + 1),
    };
    let (colon, _) = next_non_space(body, close + 1);
    let (open, _) = next_non_space(body, colon + 1);
    let fields = read_whole_header(body, open, Bytes::Validated)?;
    let text = |(open, close): (usize, usize)| {
        Message::from_validated(body.get(open + 1..close).unwrap_or_default())
    };
    Some(Header {
        is_successful: fields.is_successful,
        result_code: match fields.code {
            FieldCode::Integer(code) => ResultCode::Integer(code),
            FieldCode::Text(open, close) => ResultCode::Text(text((open, close))),
        },
        result_message: fields.message.map(text),
    })
}

/// The end of the valid JSON value at `at`.
fn skip_validated(body: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    loop {
        let byte = *body.get(i)?;
        i = match Class::of(byte) {
            Class::Quote => skip_string(body, i + 1) + 1,
            Class::OpenObject | Class::OpenArray => {
                depth += 1;
                i + 1
            }
            Class::CloseObject | Class::CloseArray => {
                depth = depth.checked_sub(1)?;
                i + 1
            }
            _ if depth == 0 => scalar::end(body, i)?,
            _ => i + 1,
        };
        if depth == 0 {
            return Some(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[u8] =
        br#"{ "isSuccessful" : false, "x": [1], "resultCode":-4,"resultMessage":"a\"b" } ,"#;

    #[test]
    fn reads_a_whole_header_and_ends_after_its_close() {
        let fields = read_whole_header(HEADER, 0, Bytes::Validated).unwrap();
        assert!(!fields.is_successful);
        assert_eq!(fields.code, FieldCode::Integer(-4));
        let (open, close) = fields.message.unwrap();
        assert_eq!(&HEADER[open..=close], br#""a\"b""#);
        assert_eq!(&HEADER[fields.end..], b" ,");
        let null = br#"{"resultMessage":null,"resultCode":0,"isSuccessful":true}"#;
        let fields = read_whole_header(null, 0, Bytes::Unchecked).unwrap();
        assert!(fields.is_successful && fields.message.is_none());
        assert_eq!(fields.end, null.len());
    }

    /// The index's path: from the top-level key of a body it validated, the
    /// header itself, not a hand-over (which would give the same answer,
    /// only slower, so no other test can tell).
    #[cfg(nhncloud_header_fast)]
    #[test]
    fn reads_the_header_of_a_validated_body_from_its_key() {
        let cases: [(&[u8], usize); 3] = [
            (br#"{"a":[{"b":"]"}],"header":{"isSuccessful":true,"resultCode":7,"resultMessage":"m"}}"#, 17),
            (br#"{"header" :  {"resultCode":7,"resultMessage":"m","isSuccessful":true}}"#, 1),
            (br#"{"he\u0061der":{"isSuccessful":true,"resultCode":7,"resultMessage":"m"}}"#, 1),
        ];
        for (body, key) in cases {
            let header = read_validated(body, key).unwrap();
            assert!(header.is_successful, "{:?}", core::str::from_utf8(body));
            assert_eq!(header.result_code, ResultCode::Integer(7));
            assert_eq!(header.result_message.map(|m| m.raw()), Some(&b"m"[..]));
        }
    }

    /// A nested value inside a validated header is skipped whole, whatever
    /// its strings hold, to the byte after it.
    #[test]
    fn skips_a_validated_value_whole() {
        let cases: [(&[u8], usize); 6] = [
            (b"[1,{\"a\":\"]}\"},[]] ,", 17),
            (b"{} ,", 2),
            (b"[[[0]]]", 7),
            (b"\"x\" ,", 3),
            (b"-12.5e3,", 7),
            (b"[true, null]", 12),
        ];
        for (value, end) in cases {
            assert_eq!(
                skip_validated(value, 0),
                Some(end),
                "{:?}",
                core::str::from_utf8(value)
            );
        }
        assert_eq!(skip_validated(b"[1,2", 0), None);
        assert_eq!(skip_validated(b"]", 0), None);
        let header =
            br#"{"isSuccessful":true,"x":{"y":["}"]},"resultCode":3,"resultMessage":null}"#;
        let fields = read_whole_header(header, 0, Bytes::Validated).unwrap();
        assert_eq!(
            (fields.code, fields.end),
            (FieldCode::Integer(3), header.len())
        );
        let header = br#"{"resultCode":"NOT_FOUND_OS","isSuccessful":false,"resultMessage":null}"#;
        let fields = read_whole_header(header, 0, Bytes::Unchecked).unwrap();
        assert_eq!(fields.code, FieldCode::Text(14, 27));
    }

    /// Whatever it does not take in stride is the machine's to read or to
    /// report, from the header's `{` on.
    #[test]
    fn leaves_everything_else_to_the_machine() {
        let bodies: [&[u8]; 14] = [
            // A nested value it cannot vouch for.
            br#"{"isSuccessful":true,"x":[1],"resultCode":0,"resultMessage":null}"#,
            br#"{"is\u0053uccessful":true,"resultCode":0,"resultMessage":null}"#,
            br#"{"isSuccessful":true,"isSuccessful":true,"resultCode":0,"resultMessage":null}"#,
            br#"{"isSuccessful":true,"resultCode":0}"#,
            br#"{"isSuccessful":1,"resultCode":0,"resultMessage":null}"#,
            br#"{"isSuccessful":true,"resultCode":0.5,"resultMessage":null}"#,
            br#"{"isSuccessful":true,"resultCode":2147483648,"resultMessage":null}"#,
            br#"{"isSuccessful":true,"resultCode":0x,"resultMessage":null}"#,
            br#"{"isSuccessful":truex,"resultCode":0,"resultMessage":null}"#,
            br#"{"isSuccessful":true,"resultCode":0,"resultMessage":"\q"}"#,
            br#"{"isSuccessful":true,"resultCode":0,"resultMessage":null,}"#,
            br#"{"isSuccessful":true "resultCode":0,"resultMessage":null}"#,
            br#"{"isSuccessful":true,"resultCode":0,"resultMessage":null"#,
            br#"{}"#,
        ];
        for body in bodies {
            assert!(
                read_whole_header(body, 0, Bytes::Unchecked).is_none(),
                "{:?}",
                core::str::from_utf8(body)
            );
        }
        assert!(read_whole_header(bodies[0], 0, Bytes::Validated).is_some());
    }
}
