//! Sixteen bytes at a time against the grammar's own tables, which the
//! callers pass in (`SPACES`; `FIRST_PRINTABLE`, the quote and the
//! backslash): the scans the byte-wise engine runs over whitespace and
//! string bodies on x86_64, where SSE2 is always there. The structural
//! index has kernels of its own; these are the grammar's, so that the
//! grammar imports nothing above it, and nothing of the grammar is copied.
//!
//! The intrinsics are `#[target_feature(enable = "sse2")]` functions: even
//! with SSE2 on for the whole target, a caller without the attribute must
//! call them in `unsafe`, and a function with it cannot be always inlined.
//! So the two scans are one `unsafe` block each, sound on every x86_64
//! target Rust ships (`target_feature = "sse2"`, checked by the `cfg` that
//! compiles this module in).
#![allow(unsafe_code)]

use core::arch::x86_64::{
    __m128i, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
    _mm_set1_epi8, _mm_setzero_si128,
};

/// Lanes equal to any of `bytes`, all ones; none when `bytes` is empty.
/// The compares are ORed as a balanced tree, as one would write them out.
///
/// # Safety
///
/// SSE2 must be enabled (it is, wherever this module is compiled).
#[inline(always)]
unsafe fn any_equal<const N: usize>(lanes: __m128i, bytes: [u8; N]) -> __m128i {
    // SAFETY: SSE2 is enabled (this function's contract).
    unsafe {
        let mut equal = [_mm_setzero_si128(); N];
        for (lane, byte) in equal.iter_mut().zip(bytes) {
            *lane = _mm_cmpeq_epi8(lanes, _mm_set1_epi8(byte as i8));
        }
        let mut width = N;
        while width > 1 {
            let half = width.div_ceil(2);
            for k in 0..width / 2 {
                equal[k] = _mm_or_si128(equal[k], equal[k + half]);
            }
            width = half;
        }
        equal.first().copied().unwrap_or(_mm_setzero_si128())
    }
}

/// Bit `i` set when byte `i` of `chunk` is below `printable` or is 0x80 or
/// above (a signed compare), or equals one of `bytes`: with the string
/// grammar's `FIRST_PRINTABLE`, quote and backslash, the bytes that end a
/// run of plain string text.
#[inline(always)]
pub(crate) fn below_or_equal_16<const N: usize>(
    chunk: &[u8; 16],
    printable: u8,
    bytes: [u8; N],
) -> u32 {
    // SAFETY: SSE2 is enabled for this target, and `chunk` is 16 readable
    // bytes; the load has no alignment needs.
    unsafe {
        let lanes = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        let below = _mm_cmplt_epi8(lanes, _mm_set1_epi8(printable as i8));
        _mm_movemask_epi8(_mm_or_si128(below, any_equal(lanes, bytes))) as u32
    }
}

/// Bit `i` set when byte `i` of `chunk` equals one of `bytes`: with the
/// grammar's `SPACES`, its whitespace.
#[inline(always)]
pub(crate) fn equal_16<const N: usize>(chunk: &[u8; 16], bytes: [u8; N]) -> u32 {
    // SAFETY: as for `below_or_equal_16`.
    unsafe {
        let lanes = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        _mm_movemask_epi8(any_equal(lanes, bytes)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::bytes::{SPACES, is_space};
    use crate::grammar::string::{FIRST_PRINTABLE, is_plain};

    /// Every byte value, in every lane: the masks say what the tables say.
    #[test]
    fn masks_follow_the_tables() {
        for byte in 0..=u8::MAX {
            for lane in 0..16 {
                let mut chunk = [b'a'; 16];
                chunk[lane] = byte;
                let lane_bit = 1u32 << lane;
                assert_eq!(
                    below_or_equal_16(&chunk, FIRST_PRINTABLE, [b'"', b'\\']),
                    if is_plain(byte) { 0 } else { lane_bit }
                );
                assert_eq!(
                    equal_16(&chunk, SPACES),
                    if is_space(byte) { lane_bit } else { 0 }
                );
            }
        }
    }
}
