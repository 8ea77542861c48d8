//! What every program shares: the reset vector, a panic handler, and a
//! response body in flash that the optimizer must treat as unknown. With
//! the feature `semihosting` (never in the measured builds), `report`
//! prints the outcome and ends the program under QEMU.

use core::panic::PanicInfo;

#[panic_handler]
fn panic(_: &PanicInfo<'_>) -> ! {
    loop {}
}

unsafe extern "C" {
    fn reset() -> !;
}

#[unsafe(link_section = ".vector_table.reset")]
#[used]
static RESET: unsafe extern "C" fn() -> ! = reset;

/// An error response as it would come off the network (unused by the
/// programs that read the corpus).
#[allow(dead_code)]
static BODY: &[u8] = br#"{"header":{"isSuccessful":false,"resultCode":10404,"resultMessage":"Not Found : instance"},"instances":[]}"#;

/// The body, opaque to the optimizer, as if just read from a socket.
#[allow(dead_code)]
pub fn body() -> &'static [u8] {
    core::hint::black_box(BODY)
}

/// Keeps `value` alive, as if written to a register or sent on.
pub fn report(value: u32) -> ! {
    core::hint::black_box(value);
    #[cfg(feature = "semihosting")]
    semihosting::print_and_exit(value);
    #[allow(unreachable_code)]
    loop {}
}

/// Just enough ARM semihosting for QEMU: print a line, exit with status 0.
#[cfg(feature = "semihosting")]
mod semihosting {
    const SYS_WRITE0: usize = 0x04;
    const SYS_EXIT: usize = 0x18;
    const ADP_STOPPED_APPLICATION_EXIT: usize = 0x20026;

    fn call(operation: usize, argument: usize) {
        // SAFETY: a semihosting request; QEMU reads only what `argument`
        // points to (a NUL-terminated string) or takes it as a value.
        unsafe {
            core::arch::asm!("bkpt #0xab", inout("r0") operation => _, in("r1") argument, options(nostack));
        }
    }

    /// Prints `outcome 0x0000000b` and exits.
    pub fn print_and_exit(value: u32) -> ! {
        let mut line = *b"outcome 0x00000000\n\0";
        for (digit, slot) in line[10..18].iter_mut().enumerate() {
            let nibble = (value >> (28 - 4 * digit)) & 0xF;
            *slot = b"0123456789abcdef"[nibble as usize];
        }
        call(SYS_WRITE0, line.as_ptr() as usize);
        call(SYS_EXIT, ADP_STOPPED_APPLICATION_EXIT);
        loop {}
    }
}
