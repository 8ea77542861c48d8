//! The JSON grammar and the header's vocabulary, each rule written once.
//!
//! Every engine asks these tables and functions and keeps no copy of its
//! own: the byte-wise machine one byte at a time, its token loop a whole
//! token at a time, the structural index a 64-byte block at a time. What
//! differs between engines is how far they read per step, never what is
//! valid.

pub(crate) mod bytes;
pub(crate) mod key;
pub(crate) mod literal;
pub(crate) mod number;
pub(crate) mod scalar;
pub(crate) mod string;
pub(crate) mod structure;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2", nhncloud_header_fast))]
pub(crate) mod wide;

/// Whether the fast paths are compiled in: whole tokens at a time, strings
/// and whitespace sixteen bytes per step, and the structural index. They
/// make `parse` several times faster and the code three times larger.
/// Bare-metal targets, where flash is what is scarce, go without: the
/// byte-wise machine alone gives the same results (the test suite pins the
/// engines together). `--cfg nhncloud_header_small` chooses the same on any
/// target, so that CI runs the whole suite that way too.
pub(crate) const FAST_PATHS: bool = cfg!(nhncloud_header_fast);
