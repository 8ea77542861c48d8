//! The AVX2 kernel: two 32-byte registers per block, and the prefix XOR as
//! one carry-less multiplication (PCLMULQDQ). Chosen at run time. `locate`'s
//! walk is also compiled with POPCNT and BMI1; the validating walk is not,
//! as POPCNT grew its frame past the stack budget.
#![allow(unsafe_code)]

use core::arch::x86_64::{
    __m128i, __m256i, _mm_clmulepi64_si128, _mm_cvtsi128_si64, _mm_loadu_si128, _mm_set_epi64x,
    _mm_set1_epi8, _mm256_broadcastsi128_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256,
    _mm256_max_epu8, _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8, _mm256_setzero_si256,
    _mm256_shuffle_epi8, _mm256_sub_epi8,
};

use super::detect;
use crate::index::{Found, Kernel, SPACE_BY_LOW_NIBBLE, locate, walk};
use crate::options::Mode;

/// The AVX2 kernel; holding one proves the CPU has AVX2, PCLMULQDQ, POPCNT
/// and BMI1.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Avx2(());

impl Avx2 {
    pub(crate) fn new() -> Option<Self> {
        detect::avx2_kernel().then_some(Avx2(()))
    }

    /// The structural walk, compiled with AVX2 and PCLMULQDQ enabled.
    pub(crate) fn walk(self, body: &[u8], mode: Mode, max_depth: u8) -> Found {
        // SAFETY: holding `self` proves the CPU has both extensions.
        unsafe { walk_avx2(self, body, mode, max_depth) }
    }

    /// `locate`'s walk, compiled with AVX2 and PCLMULQDQ enabled.
    pub(crate) fn find_header(self, body: &[u8], max_depth: u8) -> Option<usize> {
        // SAFETY: as for `walk`.
        unsafe { find_header_avx2(self, body, max_depth) }
    }

    /// Stage 1 alone, compiled with AVX2 and PCLMULQDQ enabled.
    pub(crate) fn index_only(self, body: &[u8]) -> u64 {
        // SAFETY: as for `walk`.
        unsafe { index_only_avx2(self, body) }
    }
}

#[target_feature(enable = "avx2,pclmulqdq")]
#[inline(never)]
fn walk_avx2(kernel: Avx2, body: &[u8], mode: Mode, max_depth: u8) -> Found {
    walk::walk(kernel, body, mode, max_depth)
}

#[target_feature(enable = "avx2,pclmulqdq,popcnt,bmi1")]
#[inline(never)]
fn find_header_avx2(kernel: Avx2, body: &[u8], max_depth: u8) -> Option<usize> {
    locate::find_header(kernel, body, max_depth)
}

#[target_feature(enable = "avx2,pclmulqdq,popcnt,bmi1")]
fn index_only_avx2(kernel: Avx2, body: &[u8]) -> u64 {
    walk::index_only(kernel, body)
}

/// Bit `i` for the high bit of byte `i` of each register, 64 bits in all.
#[inline(always)]
fn movemask(vectors: [__m256i; 2]) -> u64 {
    // SAFETY: only reached through an `Avx2`, which proves AVX2.
    unsafe {
        let low = _mm256_movemask_epi8(vectors[0]) as u32 as u64;
        let high = _mm256_movemask_epi8(vectors[1]) as u32 as u64;
        low | high << 32
    }
}

/// Lanes of `v` equal to any of `bytes`, all ones.
#[inline(always)]
fn any_equal<const N: usize>(v: __m256i, bytes: [u8; N]) -> __m256i {
    // SAFETY: only reached through an `Avx2`, which proves AVX2.
    unsafe {
        let mut any = _mm256_setzero_si256();
        for byte in bytes {
            any = _mm256_or_si256(any, _mm256_cmpeq_epi8(v, _mm256_set1_epi8(byte as i8)));
        }
        any
    }
}

/// Lanes of `v` within `low..=high`, all ones: `v - low <= high - low`
/// unsigned, as `max(v - low, high - low) == high - low`.
#[inline(always)]
fn lanes_within(v: __m256i, low: u8, high: u8) -> __m256i {
    // SAFETY: only reached through an `Avx2`, which proves AVX2.
    unsafe {
        let span = _mm256_set1_epi8(high.wrapping_sub(low) as i8);
        let shifted = _mm256_sub_epi8(v, _mm256_set1_epi8(low as i8));
        _mm256_cmpeq_epi8(_mm256_max_epu8(shifted, span), span)
    }
}

impl Kernel for Avx2 {
    type Block = [__m256i; 2];

    #[inline(always)]
    fn load(self, bytes: &[u8; 64]) -> [__m256i; 2] {
        let pointer = bytes.as_ptr().cast::<__m256i>();
        // SAFETY: holding `self` proves AVX2; the loads read bytes 0..32
        // and 32..64 of the 64 `bytes` holds, unaligned loads being allowed.
        unsafe {
            [
                _mm256_loadu_si256(pointer),
                _mm256_loadu_si256(pointer.add(1)),
            ]
        }
    }

    #[inline(always)]
    fn equal<const N: usize>(self, block: [__m256i; 2], bytes: [u8; N]) -> u64 {
        movemask([any_equal(block[0], bytes), any_equal(block[1], bytes)])
    }

    #[inline(always)]
    fn within(self, block: [__m256i; 2], low: u8, high: u8) -> u64 {
        movemask([
            lanes_within(block[0], low, high),
            lanes_within(block[1], low, high),
        ])
    }

    #[inline(always)]
    fn non_ascii(self, block: [__m256i; 2]) -> u64 {
        movemask(block)
    }

    #[inline(always)]
    fn spaces(self, block: [__m256i; 2]) -> u64 {
        // SAFETY: holding `self` proves AVX2. `vpshufb` indexes the table by
        // each byte's low nibble (and gives 0 for bytes with the high bit).
        unsafe {
            let table = _mm256_broadcastsi128_si256(_mm_loadu_si128(
                SPACE_BY_LOW_NIBBLE.as_ptr().cast::<__m128i>(),
            ));
            let looked_up = |v| _mm256_cmpeq_epi8(_mm256_shuffle_epi8(table, v), v);
            movemask([looked_up(block[0]), looked_up(block[1])])
        }
    }

    #[inline(always)]
    fn prefix_xor(self, bits: u64) -> u64 {
        // SAFETY: holding `self` proves PCLMULQDQ. Multiplying by all ones
        // without carries XORs every lower bit into each bit.
        unsafe {
            let product =
                _mm_clmulepi64_si128(_mm_set_epi64x(0, bits as i64), _mm_set1_epi8(-1), 0);
            _mm_cvtsi128_si64(product) as u64
        }
    }
}
