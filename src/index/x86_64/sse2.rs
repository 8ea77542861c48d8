//! The SSE2 kernel: x86_64's baseline, four 16-byte registers per block.
//! Plain functions, not `#[target_feature]` ones (SSE2 is always there), so that
//! they inline anywhere.
#![allow(unsafe_code)]

use core::arch::x86_64::{
    __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128,
    _mm_set1_epi8, _mm_setzero_si128, _mm_sub_epi8,
};

use crate::index::Kernel;

/// The SSE2 kernel. SSE2 is part of x86_64 (`target_feature = "sse2"`
/// holds for every x86_64 target Rust ships), so one is always at hand.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sse2(());

impl Sse2 {
    pub(crate) const fn new() -> Option<Self> {
        if cfg!(target_feature = "sse2") {
            Some(Sse2(()))
        } else {
            None
        }
    }
}

/// Bit `i` for the high bit of byte `i` of each register, 64 bits in all.
#[inline(always)]
fn movemask(vectors: [__m128i; 4]) -> u64 {
    // SAFETY: SSE2 is enabled for this target (see `Sse2::new`).
    unsafe {
        let [a, b, c, d] = vectors;
        let (a, b) = (
            _mm_movemask_epi8(a) as u16 as u64,
            _mm_movemask_epi8(b) as u16 as u64,
        );
        let (c, d) = (
            _mm_movemask_epi8(c) as u16 as u64,
            _mm_movemask_epi8(d) as u16 as u64,
        );
        a | b << 16 | c << 32 | d << 48
    }
}

/// Lanes of `v` equal to any of `bytes`, all ones.
#[inline(always)]
fn any_equal<const N: usize>(v: __m128i, bytes: [u8; N]) -> __m128i {
    // SAFETY: SSE2 is enabled for this target (see `Sse2::new`).
    unsafe {
        let mut any = _mm_setzero_si128();
        for byte in bytes {
            any = _mm_or_si128(any, _mm_cmpeq_epi8(v, _mm_set1_epi8(byte as i8)));
        }
        any
    }
}

/// Lanes of `v` within `low..=high`, all ones: `v - low <= high - low`
/// unsigned, as `max(v - low, high - low) == high - low`.
#[inline(always)]
fn lanes_within(v: __m128i, low: u8, high: u8) -> __m128i {
    // SAFETY: SSE2 is enabled for this target (see `Sse2::new`).
    unsafe {
        let span = _mm_set1_epi8(high.wrapping_sub(low) as i8);
        let shifted = _mm_sub_epi8(v, _mm_set1_epi8(low as i8));
        _mm_cmpeq_epi8(_mm_max_epu8(shifted, span), span)
    }
}

impl Kernel for Sse2 {
    type Block = [__m128i; 4];

    #[inline(always)]
    fn load(self, bytes: &[u8; 64]) -> [__m128i; 4] {
        let pointer = bytes.as_ptr().cast::<__m128i>();
        // SAFETY: SSE2 is enabled (holding `self`); the loads read the four
        // 16-byte quarters of the 64 bytes `bytes` holds, unaligned loads
        // being allowed.
        unsafe {
            [
                _mm_loadu_si128(pointer),
                _mm_loadu_si128(pointer.add(1)),
                _mm_loadu_si128(pointer.add(2)),
                _mm_loadu_si128(pointer.add(3)),
            ]
        }
    }

    #[inline(always)]
    fn equal<const N: usize>(self, block: [__m128i; 4], bytes: [u8; N]) -> u64 {
        movemask([
            any_equal(block[0], bytes),
            any_equal(block[1], bytes),
            any_equal(block[2], bytes),
            any_equal(block[3], bytes),
        ])
    }

    #[inline(always)]
    fn within(self, block: [__m128i; 4], low: u8, high: u8) -> u64 {
        movemask([
            lanes_within(block[0], low, high),
            lanes_within(block[1], low, high),
            lanes_within(block[2], low, high),
            lanes_within(block[3], low, high),
        ])
    }

    #[inline(always)]
    fn non_ascii(self, block: [__m128i; 4]) -> u64 {
        movemask(block)
    }
}
