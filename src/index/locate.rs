//! `locate`'s walk: strings and brackets followed a block at a time, to the
//! top-level `header` key. Nothing is validated here; the header is read
//! from its key by the byte-wise engine, as `scan` reads it.

use super::Kernel;
use super::block::{self, Carry, Skeleton};
use crate::engine::MAX_DEPTH;
use crate::grammar::bytes::{BOM, next_non_space};
use crate::locate::is_header_key;

/// The opening quote of the first top-level key that is `header` (after
/// unescaping) and is followed by a colon, following only strings and
/// brackets; `None` where the body cannot be followed that far: its top
/// level is not an object, a bracket closes what did not open or the top
/// level before a `header` key, the nesting passes `max_depth`, or the body
/// ends first. The same answer as `locate::follow_bytes` on every input.
#[inline(always)]
pub(super) fn find_header<K: Kernel>(kernel: K, body: &[u8], max_depth: u8) -> Option<usize> {
    let start = if body.starts_with(&BOM) { BOM.len() } else { 0 };
    if next_non_space(body, start).1 != Some(b'{') {
        return None;
    }
    // As in the validating walk: the last block is loaded overlapping the
    // one before it, the bytes already followed skipped.
    let last = body.len().checked_sub(64)?;
    let mut nesting = Nesting {
        stack: 0,
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
            brackets,
        } = block::skeleton(kernel, bytes, skip, &mut carry);
        let (at_top, fault) = if brackets != 0 {
            nesting.follow(bytes, skip, brackets)
        } else {
            (if nesting.depth == 1 { u64::MAX } else { 0 }, 0)
        };
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

/// The containers open: one bit each, set for arrays, innermost in bit 0.
struct Nesting {
    stack: u128,
    depth: u8,
    max_depth: u8,
}

impl Nesting {
    /// The brackets of a block, in order: the bytes at depth 1 after each,
    /// and the first bracket that cannot be followed (its bit; 0 for none):
    /// a close of what is not open or of the top level, an open past the
    /// depth limit. The nesting stops there.
    #[inline(always)]
    fn follow(&mut self, bytes: &[u8; 64], skip: u32, brackets: u64) -> (u64, u64) {
        let (mut at_top, mut from) = (0, 0);
        let mut bits = brackets;
        while bits != 0 {
            let at = bits.trailing_zeros();
            bits &= bits - 1;
            if self.depth == 1 {
                at_top |= between(from, at);
            }
            let byte = bytes[((at + skip) & 63) as usize];
            // `[` and `]` have bit 5 clear, `{` and `}` set; openers have bit 1 set.
            let array = byte & 0x20 == 0;
            if byte & 0x02 != 0 {
                if self.depth >= self.max_depth {
                    return (at_top, 1 << at);
                }
                self.stack = self.stack << 1 | array as u128;
                self.depth += 1;
            } else {
                if self.depth <= 1 || (self.stack & 1 != 0) != array {
                    return (at_top, 1 << at);
                }
                self.stack >>= 1;
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
