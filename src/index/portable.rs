//! The portable kernel: one byte at a time, plainly. It is the reference
//! the vector kernels are tested against, and runs wherever none of them
//! can (the byte-wise engine is faster there, so dispatch never picks it).

use super::Kernel;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Portable;

impl Kernel for Portable {
    type Block = [u8; 64];

    #[inline(always)]
    fn load(self, bytes: &[u8; 64]) -> [u8; 64] {
        *bytes
    }

    #[inline(always)]
    fn equal<const N: usize>(self, block: [u8; 64], bytes: [u8; N]) -> u64 {
        mask(&block, |byte| bytes.contains(&byte))
    }

    #[inline(always)]
    fn within(self, block: [u8; 64], low: u8, high: u8) -> u64 {
        mask(&block, |byte| (low..=high).contains(&byte))
    }

    #[inline(always)]
    fn non_ascii(self, block: [u8; 64]) -> u64 {
        mask(&block, |byte| byte >= 0x80)
    }
}

#[inline(always)]
fn mask(block: &[u8; 64], test: impl Fn(u8) -> bool) -> u64 {
    block
        .iter()
        .enumerate()
        .fold(0, |mask, (i, &byte)| mask | (test(byte) as u64) << i)
}
