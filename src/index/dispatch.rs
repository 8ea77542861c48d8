//! Which kernel runs: the best the CPU has, detected once and cached, or
//! one chosen by a test or benchmark.

use core::sync::atomic::{AtomicU8, Ordering};

#[cfg(target_arch = "aarch64")]
use super::aarch64::neon::Neon;
use super::locate;
use super::portable::Portable;
use super::walk::{self, Found};
#[cfg(target_arch = "x86_64")]
use super::x86_64::{avx2::Avx2, sse2::Sse2};
use crate::options::Mode;

/// An instruction set the index can run on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Vector {
    /// Plain integer code (the kernels' reference; never the best).
    Portable,
    Sse2,
    Avx2,
    Neon,
}

const VECTORS: [Vector; 4] = [Vector::Portable, Vector::Sse2, Vector::Avx2, Vector::Neon];

/// The best kernel, once known: its index in `VECTORS` plus 1, or
/// `NONE` for the byte-wise engine; 0 before the first detection.
static BEST: AtomicU8 = AtomicU8::new(0);
const NONE: u8 = u8::MAX;

/// The fastest kernel on this CPU, or `None` where the byte-wise engine is
/// faster (the portable kernel is never the best).
pub(crate) fn best() -> Option<Vector> {
    match BEST.load(Ordering::Relaxed) {
        0 => {
            let best = detect();
            BEST.store(encode(best), Ordering::Relaxed);
            best
        }
        NONE => None,
        known => VECTORS.get(known as usize - 1).copied(),
    }
}

fn encode(vector: Option<Vector>) -> u8 {
    match vector {
        None => NONE,
        Some(vector) => vector as u8 + 1,
    }
}

/// Makes `vector` (or, with `None`, the byte-wise engine) the one `parse`
/// and `scan` run first, if available here.
pub(crate) fn set_best(vector: Option<Vector>) -> bool {
    let available = vector.is_none_or(is_available);
    if available {
        BEST.store(encode(vector), Ordering::Relaxed);
    }
    available
}

fn detect() -> Option<Vector> {
    #[cfg(target_arch = "x86_64")]
    if Avx2::new().is_some() {
        return Some(Vector::Avx2);
    } else if Sse2::new().is_some() {
        return Some(Vector::Sse2);
    }
    #[cfg(target_arch = "aarch64")]
    if Neon::new().is_some() {
        return Some(Vector::Neon);
    }
    None
}

/// Whether `vector` can run on this CPU.
pub(crate) fn is_available(vector: Vector) -> bool {
    match vector {
        Vector::Portable => true,
        #[cfg(target_arch = "x86_64")]
        Vector::Sse2 => Sse2::new().is_some(),
        #[cfg(target_arch = "x86_64")]
        Vector::Avx2 => Avx2::new().is_some(),
        #[cfg(target_arch = "aarch64")]
        Vector::Neon => Neon::new().is_some(),
        #[allow(unreachable_patterns)]
        _ => false,
    }
}

/// The structural walk on `vector`; `None` for a kernel this CPU lacks.
#[inline(always)]
pub(crate) fn walk(vector: Vector, body: &[u8], mode: Mode, max_depth: u8) -> Option<Found> {
    match vector {
        Vector::Portable => Some(walk_on(Portable, body, mode, max_depth)),
        #[cfg(target_arch = "x86_64")]
        Vector::Sse2 => Some(walk_on(Sse2::new()?, body, mode, max_depth)),
        #[cfg(target_arch = "x86_64")]
        Vector::Avx2 => Some(Avx2::new()?.walk(body, mode, max_depth)),
        #[cfg(target_arch = "aarch64")]
        Vector::Neon => Some(walk_on(Neon::new()?, body, mode, max_depth)),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// The walk on one kernel, out of line: the dispatching frame stays small.
#[inline(never)]
fn walk_on<K: super::Kernel>(kernel: K, body: &[u8], mode: Mode, max_depth: u8) -> Found {
    walk::walk(kernel, body, mode, max_depth)
}

/// `locate`'s walk on `vector`: `Some` of its answer (the top-level
/// `header` key's quote, or `None` where the body cannot be followed to
/// it); `None` for a kernel this CPU lacks.
#[inline(always)]
pub(crate) fn find_header(vector: Vector, body: &[u8], max_depth: u8) -> Option<Option<usize>> {
    match vector {
        Vector::Portable => Some(find_header_on(Portable, body, max_depth)),
        #[cfg(target_arch = "x86_64")]
        Vector::Sse2 => Some(find_header_on(Sse2::new()?, body, max_depth)),
        #[cfg(target_arch = "x86_64")]
        Vector::Avx2 => Some(Avx2::new()?.find_header(body, max_depth)),
        #[cfg(target_arch = "aarch64")]
        Vector::Neon => Some(find_header_on(Neon::new()?, body, max_depth)),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

#[inline(never)]
fn find_header_on<K: super::Kernel>(kernel: K, body: &[u8], max_depth: u8) -> Option<usize> {
    locate::find_header(kernel, body, max_depth)
}

/// Stage 1 alone on `vector` (a checksum of the masks), for throughput
/// figures; `None` as for [`walk`].
pub(crate) fn index_only(vector: Vector, body: &[u8]) -> Option<u64> {
    match vector {
        Vector::Portable => Some(walk::index_only(Portable, body)),
        #[cfg(target_arch = "x86_64")]
        Vector::Sse2 => Some(walk::index_only(Sse2::new()?, body)),
        #[cfg(target_arch = "x86_64")]
        Vector::Avx2 => Some(Avx2::new()?.index_only(body)),
        #[cfg(target_arch = "aarch64")]
        Vector::Neon => Some(walk::index_only(Neon::new()?, body)),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}
