//! The crate's only `unsafe`: SSE2 for the string and whitespace scans.
//! SSE2 is part of the x86_64 baseline (this module is compiled only when
//! `target_feature = "sse2"`); other targets use the portable loops in
//! `lexer`. Plain functions, not `#[target_feature]` ones, so that they
//! inline into the loops that call them.
#![allow(unsafe_code)]

use core::arch::x86_64::{
    __m128i, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
    _mm_set1_epi8,
};

/// A mask with bit `i` set when byte `i` of `chunk` is not plain string
/// text: below 0x20, 0x80 or above, `"` or `\`.
#[inline(always)]
pub(crate) fn special_bytes_16(chunk: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is enabled for this target (see the module's cfg), and
    // `chunk` is 16 readable bytes; the load has no alignment needs.
    unsafe {
        let bytes = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        // A signed compare flags control bytes and, being negative, 0x80..=0xFF.
        let below_space = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
        let quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\\' as i8));
        _mm_movemask_epi8(_mm_or_si128(below_space, _mm_or_si128(quote, backslash))) as u32
    }
}

/// A mask with bit `i` set when byte `i` of `chunk` is JSON whitespace.
#[inline(always)]
pub(crate) fn space_bytes_16(chunk: &[u8; 16]) -> u32 {
    // SAFETY: as for `special_bytes_16`.
    unsafe {
        let bytes = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        let space = _mm_or_si128(
            _mm_or_si128(
                _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b' ' as i8)),
                _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\n' as i8)),
            ),
            _mm_or_si128(
                _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\t' as i8)),
                _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\r' as i8)),
            ),
        );
        _mm_movemask_epi8(space) as u32
    }
}
