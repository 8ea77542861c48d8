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
use crate::engine::Mode;
use crate::parse::Engine;

/// The best engine, once known: `Engine as u8 + 1`; 0 before the first
/// detection.
static BEST: AtomicU8 = AtomicU8::new(0);

/// The fastest engine on this CPU. The portable kernel is never the best:
/// where no vector kernel runs, the byte-wise engine is faster.
pub(crate) fn best() -> Engine {
    match BEST.load(Ordering::Relaxed) {
        0 => {
            let best = detect();
            BEST.store(best as u8 + 1, Ordering::Relaxed);
            best
        }
        known => Engine::ALL
            .get(known as usize - 1)
            .copied()
            .unwrap_or(Engine::ByteWise),
    }
}

/// Makes `engine` the one `parse` and `scan` run first, if available here.
pub(crate) fn set_best(engine: Engine) -> bool {
    let available = is_available(engine);
    if available {
        BEST.store(engine as u8 + 1, Ordering::Relaxed);
    }
    available
}

fn detect() -> Engine {
    #[cfg(target_arch = "x86_64")]
    if Avx2::new().is_some() {
        return Engine::Avx2;
    } else if Sse2::new().is_some() {
        return Engine::Sse2;
    }
    #[cfg(target_arch = "aarch64")]
    if Neon::new().is_some() {
        return Engine::Neon;
    }
    Engine::ByteWise
}

/// Whether `engine` can run on this CPU.
pub(crate) fn is_available(engine: Engine) -> bool {
    match engine {
        Engine::ByteWise | Engine::Portable => true,
        #[cfg(target_arch = "x86_64")]
        Engine::Sse2 => Sse2::new().is_some(),
        #[cfg(target_arch = "x86_64")]
        Engine::Avx2 => Avx2::new().is_some(),
        #[cfg(target_arch = "aarch64")]
        Engine::Neon => Neon::new().is_some(),
        #[allow(unreachable_patterns)]
        _ => false,
    }
}

/// The structural walk on `engine`; `None` for the byte-wise engine and for
/// kernels this CPU lacks.
#[inline(always)]
pub(crate) fn walk(engine: Engine, body: &[u8], mode: Mode, max_depth: u8) -> Option<Found> {
    match engine {
        Engine::ByteWise => None,
        Engine::Portable => Some(walk_on(Portable, body, mode, max_depth)),
        #[cfg(target_arch = "x86_64")]
        Engine::Sse2 => Some(walk_on(Sse2::new()?, body, mode, max_depth)),
        #[cfg(target_arch = "x86_64")]
        Engine::Avx2 => Some(Avx2::new()?.walk(body, mode, max_depth)),
        #[cfg(target_arch = "aarch64")]
        Engine::Neon => Some(walk_on(Neon::new()?, body, mode, max_depth)),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// The walk on one kernel, out of line: the dispatching frame stays small.
#[inline(never)]
fn walk_on<K: super::Kernel>(kernel: K, body: &[u8], mode: Mode, max_depth: u8) -> Found {
    walk::walk(kernel, body, mode, max_depth)
}

/// `locate`'s walk on `engine`: `Some` of its answer (the top-level
/// `header` key's quote, or `None` where the body cannot be followed to
/// it); `None` for the byte-wise engine and for kernels this CPU lacks.
#[inline(always)]
pub(crate) fn find_header(engine: Engine, body: &[u8], max_depth: u8) -> Option<Option<usize>> {
    match engine {
        Engine::ByteWise => None,
        Engine::Portable => Some(find_header_on(Portable, body, max_depth)),
        #[cfg(target_arch = "x86_64")]
        Engine::Sse2 => Some(find_header_on(Sse2::new()?, body, max_depth)),
        #[cfg(target_arch = "x86_64")]
        Engine::Avx2 => Some(Avx2::new()?.find_header(body, max_depth)),
        #[cfg(target_arch = "aarch64")]
        Engine::Neon => Some(find_header_on(Neon::new()?, body, max_depth)),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

#[inline(never)]
fn find_header_on<K: super::Kernel>(kernel: K, body: &[u8], max_depth: u8) -> Option<usize> {
    locate::find_header(kernel, body, max_depth)
}

/// Stage 1 alone on `engine` (a checksum of the masks), for throughput
/// figures; `None` as for [`walk`].
pub(crate) fn index_only(engine: Engine, body: &[u8]) -> Option<u64> {
    match engine {
        Engine::ByteWise => None,
        Engine::Portable => Some(walk::index_only(Portable, body)),
        #[cfg(target_arch = "x86_64")]
        Engine::Sse2 => Some(walk::index_only(Sse2::new()?, body)),
        #[cfg(target_arch = "x86_64")]
        Engine::Avx2 => Some(Avx2::new()?.index_only(body)),
        #[cfg(target_arch = "aarch64")]
        Engine::Neon => Some(walk::index_only(Neon::new()?, body)),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}
