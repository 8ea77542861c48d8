//! `locate`'s walk: strings and brackets followed a block at a time, to the
//! top-level `header` key. Nothing is validated here; the header is read
//! from its key by the byte-wise engine, as `scan` reads it.

use super::Kernel;
use super::block::{self, Carry, Skeleton};
use crate::grammar::bytes::top_object;
use crate::grammar::key::is_header_key;
use crate::grammar::string::skip_plain;
use crate::options::MAX_DEPTH;

/// The opening quote of the first top-level key that is `header` (after
/// unescaping) and is followed by a colon, following only strings and
/// brackets; `None` where the body cannot be followed that far: its top
/// level is not an object, a bracket closes the top level before a
/// `header` key, the nesting passes `max_depth`, or the body ends first.
/// The same answer as [`follow_bytes`] on every input.
#[inline(always)]
pub(super) fn find_header<K: Kernel>(kernel: K, body: &[u8], max_depth: u8) -> Option<usize> {
    let (start, _) = top_object(body)?;
    // As in the validating walk: the last block is loaded overlapping the
    // one before it, the bytes already followed skipped.
    let last = body.len().checked_sub(64)?;
    let mut nesting = Nesting {
        depth: 0,
        max_depth: max_depth.min(MAX_DEPTH),
    };
    let mut carry = Carry::default();
    let mut offset = start;
    while offset < body.len() {
        let (bytes, skip) = match body.get(offset..).and_then(|rest| rest.first_chunk::<64>()) {
            Some(bytes) => (bytes, 0),
            None => (
                body.get(last..)?.first_chunk::<64>()?,
                (offset - last) as u32,
            ),
        };
        let Skeleton {
            in_string,
            quotes,
            opens,
            closes,
        } = block::skeleton(kernel, bytes, skip, &mut carry);
        let (at_top, fault) = nesting.follow(opens, closes);
        // Keys before the first fault count: the header's key may come
        // before a bracket that breaks the nesting after it.
        let mut keys = quotes & in_string & at_top & fault.wrapping_sub(1);
        while keys != 0 {
            let quote = offset + keys.trailing_zeros() as usize;
            keys &= keys - 1;
            if is_header_key(body, quote) {
                return Some(quote);
            }
        }
        if fault != 0 {
            return None;
        }
        offset += 64;
    }
    None
}

/// How deep the brackets so far nest. Only counted: `locate` does not
/// check that a `]` closes a `[`.
struct Nesting {
    depth: u8,
    max_depth: u8,
}

impl Nesting {
    /// The brackets of a block: the bytes at depth 1, and the first bracket
    /// that cannot be followed (its bit; 0 for none): a close of the top
    /// level, or an open past the depth limit. The nesting stops there.
    #[inline(always)]
    fn follow(&mut self, opens: u64, closes: u64) -> (u64, u64) {
        let depth = self.depth;
        if opens | closes == 0 {
            return (if depth == 1 { u64::MAX } else { 0 }, 0);
        }
        // Most blocks lie deep in the payload: if every close came first the
        // depth would stay above 1, and if every open came first it would
        // stay within the limit, so the order does not matter.
        let (opened, closed) = (opens.count_ones() as u8, closes.count_ones() as u8);
        if depth > closed.saturating_add(1) && self.max_depth - depth >= opened {
            self.depth = depth + opened - closed;
            return (0, 0);
        }
        self.one_by_one(opens, closes)
    }

    /// [`Nesting::follow`] a bracket at a time, for blocks near the top
    /// level or the limit.
    #[cold]
    #[inline(never)]
    fn one_by_one(&mut self, opens: u64, closes: u64) -> (u64, u64) {
        let (mut at_top, mut from) = (0, 0);
        let mut bits = opens | closes;
        while bits != 0 {
            let at = bits.trailing_zeros();
            let bit = bits & bits.wrapping_neg();
            bits &= bits - 1;
            if self.depth == 1 {
                at_top |= between(from, at);
            }
            if opens & bit != 0 {
                if self.depth >= self.max_depth {
                    return (at_top, bit);
                }
                self.depth += 1;
            } else {
                if self.depth <= 1 {
                    return (at_top, bit);
                }
                self.depth -= 1;
            }
            from = at + 1;
        }
        if self.depth == 1 {
            at_top |= between(from, 64);
        }
        (at_top, 0)
    }
}

/// Bits `from..to`.
#[inline(always)]
fn between(from: u32, to: u32) -> u64 {
    u64::MAX.checked_shl(from).unwrap_or(0) & !u64::MAX.checked_shl(to).unwrap_or(0)
}

/// What the structural index's `locate` walk answers, a byte at a time:
/// the top-level `header` key's opening quote, or `None` where the body
/// cannot be followed to it.
#[inline(never)]
pub(crate) fn follow_bytes(body: &[u8], max_depth: u8) -> Option<usize> {
    let (_, mut at) = top_object(body)?;
    let max_depth = max_depth.min(MAX_DEPTH);
    // Only counted, as the index counts it.
    let mut depth = 0u8;
    while let Some(&byte) = body.get(at) {
        match byte {
            b'"' => {
                if depth == 1 && is_header_key(body, at) {
                    return Some(at);
                }
                at = string_end(body, at + 1)?;
            }
            // A backslash outside a string escapes the next byte too, as
            // the index reads it.
            b'\\' => at += 1,
            b'{' | b'[' => {
                if depth >= max_depth {
                    return None;
                }
                depth += 1;
            }
            b'}' | b']' => {
                if depth <= 1 {
                    return None;
                }
                depth -= 1;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The closing quote of the string whose text starts at `from`: the next
/// quote that no backslash escapes.
fn string_end(body: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        at = skip_plain(body, at);
        match *body.get(at)? {
            b'"' => return Some(at),
            b'\\' => at += 2,
            _ => at += 1,
        }
    }
}
