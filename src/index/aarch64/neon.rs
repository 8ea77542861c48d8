//! The NEON kernel: four 16-byte registers per block. NEON is part of every
//! aarch64 target Rust ships (`target_feature = "neon"`).
#![allow(unsafe_code)]

use core::arch::aarch64::{
    uint8x16_t, vandq_u8, vceqq_u8, vcleq_u8, vdupq_n_u8, vgetq_lane_u64, vld1q_u8, vorrq_u8,
    vpaddq_u8, vqtbl1q_u8, vreinterpretq_u64_u8, vsubq_u8,
};

use crate::index::{Kernel, SPACE_BY_LOW_NIBBLE};

/// The NEON kernel.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Neon(());

impl Neon {
    pub(crate) const fn new() -> Option<Self> {
        if cfg!(target_feature = "neon") {
            Some(Neon(()))
        } else {
            None
        }
    }
}

/// Bit `i` for byte `i` of the four registers, each byte all ones or zero.
#[inline(always)]
fn movemask(vectors: [uint8x16_t; 4]) -> u64 {
    const WEIGHTS: [u8; 16] = [1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128];
    // SAFETY: NEON is enabled for this target (see `Neon::new`); `WEIGHTS`
    // is 16 readable bytes.
    unsafe {
        let weights = vld1q_u8(WEIGHTS.as_ptr());
        let [a, b, c, d] = vectors;
        let (a, b) = (vandq_u8(a, weights), vandq_u8(b, weights));
        let (c, d) = (vandq_u8(c, weights), vandq_u8(d, weights));
        // Pairwise sums fold each 8 weighted bytes into one byte of the mask.
        let ab = vpaddq_u8(a, b);
        let cd = vpaddq_u8(c, d);
        let abcd = vpaddq_u8(ab, cd);
        let folded = vpaddq_u8(abcd, abcd);
        vgetq_lane_u64::<0>(vreinterpretq_u64_u8(folded))
    }
}

/// Lanes of `v` equal to any of `bytes`, all ones.
#[inline(always)]
fn any_equal<const N: usize>(v: uint8x16_t, bytes: [u8; N]) -> uint8x16_t {
    // SAFETY: NEON is enabled for this target (see `Neon::new`).
    unsafe {
        let mut any = vdupq_n_u8(0);
        for byte in bytes {
            any = vorrq_u8(any, vceqq_u8(v, vdupq_n_u8(byte)));
        }
        any
    }
}

/// Lanes of `v` within `low..=high`, all ones.
#[inline(always)]
fn lanes_within(v: uint8x16_t, low: u8, high: u8) -> uint8x16_t {
    // SAFETY: NEON is enabled for this target (see `Neon::new`).
    unsafe {
        vcleq_u8(
            vsubq_u8(v, vdupq_n_u8(low)),
            vdupq_n_u8(high.wrapping_sub(low)),
        )
    }
}

impl Kernel for Neon {
    type Block = [uint8x16_t; 4];

    #[inline(always)]
    fn load(self, bytes: &[u8; 64]) -> [uint8x16_t; 4] {
        let pointer = bytes.as_ptr();
        // SAFETY: NEON is enabled (holding `self`); the loads read the four
        // 16-byte quarters of the 64 bytes `bytes` holds.
        unsafe {
            [
                vld1q_u8(pointer),
                vld1q_u8(pointer.add(16)),
                vld1q_u8(pointer.add(32)),
                vld1q_u8(pointer.add(48)),
            ]
        }
    }

    #[inline(always)]
    fn equal<const N: usize>(self, block: [uint8x16_t; 4], bytes: [u8; N]) -> u64 {
        movemask([
            any_equal(block[0], bytes),
            any_equal(block[1], bytes),
            any_equal(block[2], bytes),
            any_equal(block[3], bytes),
        ])
    }

    #[inline(always)]
    fn within(self, block: [uint8x16_t; 4], low: u8, high: u8) -> u64 {
        movemask([
            lanes_within(block[0], low, high),
            lanes_within(block[1], low, high),
            lanes_within(block[2], low, high),
            lanes_within(block[3], low, high),
        ])
    }

    #[inline(always)]
    fn non_ascii(self, block: [uint8x16_t; 4]) -> u64 {
        self.within(block, 0x80, 0xFF)
    }

    #[inline(always)]
    fn spaces(self, block: [uint8x16_t; 4]) -> u64 {
        movemask([
            space_lanes(block[0]),
            space_lanes(block[1]),
            space_lanes(block[2]),
            space_lanes(block[3]),
        ])
    }
}

/// Lanes of `v` that are JSON whitespace, all ones: `tbl` looks each byte's
/// low nibble up in [`SPACE_BY_LOW_NIBBLE`].
#[inline(always)]
fn space_lanes(v: uint8x16_t) -> uint8x16_t {
    // SAFETY: NEON is enabled for this target (see `Neon::new`); the table
    // is 16 readable bytes.
    unsafe {
        let table = vld1q_u8(SPACE_BY_LOW_NIBBLE.as_ptr());
        vceqq_u8(vqtbl1q_u8(table, vandq_u8(v, vdupq_n_u8(0x0F))), v)
    }
}
