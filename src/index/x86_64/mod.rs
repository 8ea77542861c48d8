//! x86_64: SSE2 is the baseline, AVX2 is detected at run time.

pub(crate) mod avx2;
pub(crate) mod detect;
pub(crate) mod sse2;
