//! The structural index: the second engine of the one-shot functions. It
//! finds a body's structure 64 bytes at a time (stage 1, `block.rs`) and
//! checks its grammar per block with bitmasks, walking only the brackets
//! one by one (stage 2, `walk.rs`). It answers with where the top-level
//! `header` key is, or with nothing: the body is invalid, or holds
//! something it leaves to the byte-wise engine, which then gives the exact
//! error. It never accepts what the byte-wise engine rejects. For
//! `locate`, a lighter stage 1 and walk follow only strings and brackets
//! to the header's key (`locate.rs`).
//!
//! The algorithm is written once, over [`Kernel`]; each instruction set
//! supplies only loads and compares (`portable.rs`, `x86_64/sse2.rs`,
//! `x86_64/avx2.rs`, `aarch64/neon.rs`), and `dispatch.rs` picks the best
//! the CPU has, once. The kernel files hold the crate's only `unsafe`.

mod block;
pub(crate) mod dispatch;
mod locate;
mod portable;
mod walk;

#[cfg(target_arch = "aarch64")]
pub(crate) mod aarch64;
#[cfg(target_arch = "x86_64")]
pub(crate) mod x86_64;

pub(crate) use locate::follow_bytes;
pub(crate) use walk::Found;

use crate::grammar::bytes::SPACES;

/// The whitespace byte with each low nibble, and for the other nibbles a
/// byte whose low nibble differs: a byte is whitespace exactly when the
/// entry for its low nibble equals it (a byte with the high bit set never
/// equals its entry).
const SPACE_BY_LOW_NIBBLE: [u8; 16] = {
    let mut table = [1; 16];
    table[1] = 0;
    let mut k = 0;
    while k < SPACES.len() {
        table[(SPACES[k] & 0x0F) as usize] = SPACES[k];
        k += 1;
    }
    table
};

/// The bytes of a block, 64 of them, as one instruction set holds them.
///
/// Every mask has bit `i` set for byte `i` of the block. A value of a type
/// implementing this is proof that the CPU has the instruction set: the
/// constructors check before they hand one out.
pub(crate) trait Kernel: Copy {
    /// A block held in registers.
    type Block: Copy;

    /// Loads a block.
    fn load(self, bytes: &[u8; 64]) -> Self::Block;

    /// Bytes equal to any of `bytes`.
    fn equal<const N: usize>(self, block: Self::Block, bytes: [u8; N]) -> u64;

    /// Bytes within `low..=high`, unsigned.
    fn within(self, block: Self::Block, low: u8, high: u8) -> u64;

    /// Bytes of 0x80 and above.
    fn non_ascii(self, block: Self::Block) -> u64;

    /// JSON whitespace. Kernels with a byte shuffle look each byte up in
    /// [`SPACE_BY_LOW_NIBBLE`] instead of comparing four times.
    #[inline(always)]
    fn spaces(self, block: Self::Block) -> u64 {
        self.equal(block, SPACES)
    }

    /// Bit `i` is the XOR of bits `0..=i`: inside-string masks from quotes.
    #[inline(always)]
    fn prefix_xor(self, bits: u64) -> u64 {
        let mut x = bits;
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        x
    }
}

#[cfg(test)]
mod tests;
