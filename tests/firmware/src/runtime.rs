//! What every program shares: the reset vector, a panic handler, and a
//! response body in flash that the optimizer must treat as unknown.

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

/// An error response as it would come off the network.
static BODY: &[u8] = br#"{"header":{"isSuccessful":false,"resultCode":10404,"resultMessage":"Not Found : instance"},"instances":[]}"#;

/// The body, opaque to the optimizer, as if just read from a socket.
pub fn body() -> &'static [u8] {
    core::hint::black_box(BODY)
}

/// Keeps `value` alive, as if written to a register or sent on.
pub fn report(value: u32) -> ! {
    core::hint::black_box(value);
    loop {}
}
