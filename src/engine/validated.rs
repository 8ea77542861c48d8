//! The header of a body the structural index has validated: JSON's grammar
//! holds there, so only the header's rules (the machine's own, from
//! `header.rs`) are applied.

use super::Slot;
use crate::grammar::bytes::{Class, next_non_space};
use crate::grammar::string::skip_string;
use crate::grammar::{key, literal, number, scalar};

/// The fields of a header, as read by [`read_validated`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub(crate) is_successful: bool,
    pub(crate) result_code: i32,
    /// Where the message's raw text lies (between its quotes), unless `null`.
    pub(crate) message: Option<(usize, usize)>,
}

/// The header of a body whose JSON the structural index has validated (up
/// to the header's end at least), read from its top-level key at `key`.
/// The grammar holds, so only the header's rules are applied, the same as
/// the machine's: each field once and of its type, an `i32` code. `None`
/// for anything else (and for a field key with escapes, matched only after
/// decoding): the byte-wise engine then reads or reports it.
pub(crate) fn read_validated(body: &[u8], key: usize) -> Option<Fields> {
    let after_key = match key::plain(body, key) {
        Some((_, close)) => close + 1,
        None => skip_string(body, key + 1) + 1,
    };
    let (colon, _) = next_non_space(body, after_key);
    let (mut at, open) = next_non_space(body, colon + 1);
    if !Slot::Header.takes(open?) {
        return None;
    }
    let mut fields = Fields {
        is_successful: false,
        result_code: 0,
        message: None,
    };
    let mut seen = 0;
    loop {
        let (quote, byte) = next_non_space(body, at + 1);
        if byte? != b'"' {
            // `}`: an empty header, or one whose last member was read.
            break;
        }
        let (text, end) = key::plain(body, quote)?;
        let index = key::index(text, key::HEADER_CANDIDATES);
        let slot = Slot::of_field(index);
        let (colon, _) = next_non_space(body, end + 1);
        let (value, first) = next_non_space(body, colon + 1);
        let first = first?;
        if !slot.takes(first) || index.is_some_and(|index| seen & 1 << index != 0) {
            return None;
        }
        seen |= index.map_or(0, |index| 1 << index);
        let value_end = match slot {
            Slot::IsSuccessful => {
                fields.is_successful = first == b't';
                value + literal::whole(body, value)?
            }
            Slot::ResultCode => {
                let (end, complete) = number::skip(body, value);
                complete.ok()?;
                fields.result_code = number::result_code_of(body.get(value..end)?)?;
                end
            }
            Slot::ResultMessage if first == b'"' => {
                let close = skip_string(body, value + 1);
                fields.message = Some((value + 1, close));
                close + 1
            }
            Slot::ResultMessage => value + literal::whole(body, value)?,
            _ => skip_validated(body, value)?,
        };
        let (comma, byte) = next_non_space(body, value_end);
        if byte? != b',' {
            break;
        }
        at = comma;
    }
    (seen == 0b1110).then_some(fields)
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
