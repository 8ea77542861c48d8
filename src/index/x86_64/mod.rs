//! x86_64 kernels.

pub(crate) mod sse2;
