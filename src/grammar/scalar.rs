//! Numbers and literals: the values that are not delimited by brackets or
//! quotes, and so end where a byte that cannot be part of them begins.

use super::bytes::Class;
use super::{literal, number};

/// The index after the number or literal that starts at `at`, when it is
/// whole and valid in `input`.
#[inline(always)]
pub(crate) fn end(input: &[u8], at: usize) -> Option<usize> {
    match Class::of(*input.get(at)?) {
        Class::Letter => literal::whole(input, at).map(|length| at + length),
        Class::Minus | Class::Zero | Class::Digit => {
            let (end, complete) = number::skip(input, at);
            complete.ok().map(|()| end)
        }
        _ => None,
    }
}

/// Whether a number or literal ending before `end` ends there: the input
/// ends, or a byte follows that no number or literal runs into.
#[cfg(nhncloud_header_fast)]
#[inline(always)]
pub(crate) fn delimited(input: &[u8], end: usize) -> bool {
    input
        .get(end)
        .is_none_or(|&byte| Class::of(byte).delimits())
}
