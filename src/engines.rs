//! The engines behind `parse`, `scan` and `locate`, one at a time, for the
//! crate's tests and benchmarks (the hidden `engines` module). Not part of
//! the API: it may change at any time.

use crate::engine::byte_wise;
use crate::error::Error;
use crate::header::Header;
#[cfg(nhncloud_header_fast)]
use crate::index::{
    Found,
    dispatch::{self, Vector},
    follow_bytes,
};
use crate::options::{Mode, Options};

/// The engines the one-shot functions can run, for tests and benchmarks:
/// the byte-wise machine, and the structural index on each kernel.
#[doc(hidden)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Engine {
    /// The byte-wise engine alone.
    ByteWise,
    /// The index on the portable kernel (the kernels' reference).
    Portable,
    /// The index on SSE2 (x86_64).
    Sse2,
    /// The index on AVX2, PCLMULQDQ, POPCNT and BMI1 (x86_64, detected at
    /// run time).
    Avx2,
    /// The index on NEON (aarch64).
    Neon,
}

impl Engine {
    /// Every engine, available or not.
    pub const ALL: [Engine; 5] = [
        Engine::ByteWise,
        Engine::Portable,
        Engine::Sse2,
        Engine::Avx2,
        Engine::Neon,
    ];

    /// A short name, for test and benchmark labels.
    pub const fn name(self) -> &'static str {
        match self {
            Engine::ByteWise => "byte_wise",
            Engine::Portable => "portable",
            Engine::Sse2 => "sse2",
            Engine::Avx2 => "avx2",
            Engine::Neon => "neon",
        }
    }

    /// The index's kernel this engine runs, if any.
    #[cfg(nhncloud_header_fast)]
    const fn vector(self) -> Option<Vector> {
        match self {
            Engine::ByteWise => None,
            Engine::Portable => Some(Vector::Portable),
            Engine::Sse2 => Some(Vector::Sse2),
            Engine::Avx2 => Some(Vector::Avx2),
            Engine::Neon => Some(Vector::Neon),
        }
    }

    /// Whether it can run here: compiled in, and the CPU has what it needs.
    pub fn is_available(self) -> bool {
        #[cfg(nhncloud_header_fast)]
        return self.vector().is_none_or(dispatch::is_available);
        #[cfg(not(nhncloud_header_fast))]
        return self == Engine::ByteWise;
    }

    /// The engine `parse` and `scan` run first on bodies of 256 bytes or more.
    pub fn best() -> Engine {
        #[cfg(nhncloud_header_fast)]
        return match dispatch::best() {
            None => Engine::ByteWise,
            Some(Vector::Portable) => Engine::Portable,
            Some(Vector::Sse2) => Engine::Sse2,
            Some(Vector::Avx2) => Engine::Avx2,
            Some(Vector::Neon) => Engine::Neon,
        };
        #[cfg(not(nhncloud_header_fast))]
        return Engine::ByteWise;
    }

    /// Makes this engine the one [`parse`](crate::parse) and
    /// [`scan`](crate::scan) run first on bodies
    /// of 256 bytes or more (shorter ones go to the byte-wise engine), for
    /// the whole process, when it is available (tests and benchmarks use it
    /// to measure each kernel through the public entry points).
    pub fn set_best(self) -> bool {
        #[cfg(nhncloud_header_fast)]
        return dispatch::set_best(self.vector());
        #[cfg(not(nhncloud_header_fast))]
        return self == Engine::ByteWise;
    }

    /// [`parse_with`](crate::parse_with) or [`scan_with`](crate::scan_with)
    /// on this engine (falling back to the byte-wise one as they do);
    /// `None` when it is not available.
    pub fn extract<'a>(
        self,
        body: &'a [u8],
        mode: Mode,
        options: Options,
    ) -> Option<Result<Header<'a>, Error>> {
        if !self.is_available() {
            return None;
        }
        #[cfg(nhncloud_header_fast)]
        if let Some(vector) = self.vector()
            && let Ok(header) = crate::parse::indexed(vector, body, mode, options)
        {
            return Some(Ok(header));
        }
        Some(byte_wise(body, mode, options))
    }

    /// [`locate_with`](crate::locate_with) on this engine: the header's key
    /// found by the index's `locate` walk on this kernel, or a byte at a
    /// time for the byte-wise engine, whatever the body's size; `None` when
    /// it is not available.
    pub fn locate<'a>(self, body: &'a [u8], options: Options) -> Option<Result<Header<'a>, Error>> {
        if !self.is_available() {
            return None;
        }
        #[cfg(nhncloud_header_fast)]
        return {
            let found = (body.len() >= 64)
                .then(|| dispatch::find_header(self.vector()?, body, options.max_depth()))
                .flatten();
            let quote = found.unwrap_or_else(|| follow_bytes(body, options.max_depth()));
            Some(crate::locate::located(body, quote, options))
        };
        #[cfg(not(nhncloud_header_fast))]
        return Some(crate::locate_with(body, options));
    }

    /// What the structural index alone says: the offset of the top-level
    /// `header` key's quote, or `None` where it hands over. `None` too for
    /// the byte-wise engine and unavailable kernels.
    pub fn walk(self, body: &[u8], mode: Mode, options: Options) -> Option<usize> {
        #[cfg(nhncloud_header_fast)]
        if let Some(vector) = self.vector()
            && let Some(Found::Header(key)) =
                dispatch::walk(vector, body, mode, options.max_depth())
        {
            return Some(key);
        }
        let _ = (body, mode, options);
        None
    }

    /// Stage 1 alone over `body` (a checksum of its masks), for the
    /// benchmarks' throughput figures.
    pub fn index_only(self, body: &[u8]) -> Option<u64> {
        #[cfg(nhncloud_header_fast)]
        return dispatch::index_only(self.vector()?, body);
        #[cfg(not(nhncloud_header_fast))]
        return {
            let _ = body;
            None
        };
    }
}
