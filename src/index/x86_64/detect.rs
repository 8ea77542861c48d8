//! Which x86_64 extensions the CPU has, asked of CPUID without std, and
//! whether the OS saves the AVX registers (XGETBV), once: under a
//! hypervisor CPUID traps and costs tens of microseconds. Miri cannot run
//! CPUID: there, and on any build that enables the features at compile
//! time, the answer is the compile-time one.
#![allow(unsafe_code)]

use core::sync::atomic::{AtomicU8, Ordering};

/// 0 before the first question, then 1 + the answer.
static AVX2_KERNEL: AtomicU8 = AtomicU8::new(0);

#[cfg(not(miri))]
use core::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};

/// Whether the CPU has what the AVX2 kernel is compiled with (AVX2,
/// PCLMULQDQ, POPCNT and BMI1: every AVX2 CPU has the last three) and the
/// OS saves the 256-bit registers.
#[inline]
pub(crate) fn avx2_kernel() -> bool {
    match AVX2_KERNEL.load(Ordering::Relaxed) {
        0 => {
            let answer = ask_avx2_kernel();
            AVX2_KERNEL.store(1 + answer as u8, Ordering::Relaxed);
            answer
        }
        known => known == 2,
    }
}

#[cold]
fn ask_avx2_kernel() -> bool {
    if cfg!(all(
        target_feature = "avx2",
        target_feature = "pclmulqdq",
        target_feature = "popcnt",
        target_feature = "bmi1"
    )) {
        return true;
    }
    #[cfg(miri)]
    {
        false
    }
    #[cfg(not(miri))]
    {
        // SAFETY: CPUID is present on every x86_64 CPU; leaf 0 says which
        // leaves exist before leaf 7 is asked for.
        #[allow(unused_unsafe)]
        let (max_leaf, features, extended) = unsafe {
            let max_leaf = __cpuid(0).eax;
            let features = __cpuid(1).ecx;
            let extended = if max_leaf >= 7 {
                __cpuid_count(7, 0).ebx
            } else {
                0
            };
            (max_leaf, features, extended)
        };
        // Leaf 1, ECX.
        const PCLMULQDQ: u32 = 1 << 1;
        const POPCNT: u32 = 1 << 23;
        const OSXSAVE: u32 = 1 << 27;
        const AVX: u32 = 1 << 28;
        const LEAF_1: u32 = PCLMULQDQ | POPCNT | OSXSAVE | AVX;
        // Leaf 7, EBX.
        const BMI1: u32 = 1 << 3;
        const AVX2: u32 = 1 << 5;
        let cpu =
            max_leaf >= 7 && features & LEAF_1 == LEAF_1 && extended & (BMI1 | AVX2) == BMI1 | AVX2;
        // XCR0 bits 1 and 2: the OS saves SSE and AVX state.
        cpu && os_saves_ymm()
    }
}

/// XGETBV, only once CPUID has said OSXSAVE.
#[cfg(not(miri))]
#[target_feature(enable = "xsave")]
fn read_xcr0() -> u64 {
    // SAFETY: the caller has checked OSXSAVE, so XGETBV exists and XCR0
    // (register 0) is readable.
    #[allow(unused_unsafe)]
    unsafe {
        _xgetbv(0)
    }
}

#[cfg(not(miri))]
fn os_saves_ymm() -> bool {
    // SAFETY: `xsave` is what the function needs, and CPUID reported
    // OSXSAVE, which implies XSAVE support.
    let xcr0 = unsafe { read_xcr0() };
    xcr0 & 0b110 == 0b110
}
