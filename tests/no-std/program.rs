//! A `#![no_std]` program that calls `parse` and `scan`: it links only while
//! nhncloud-header pulls in neither std (its panic handler would clash with
//! this one) nor alloc (there is no global allocator to link against).
#![no_std]
#![no_main]

use core::hint::black_box;
use core::panic::PanicInfo;

#[panic_handler]
fn panic(_: &PanicInfo<'_>) -> ! {
    loop {}
}

/// The precompiled `core` refers to the unwinder's personality routine; with
/// `panic = "abort"` nothing unwinds, so it is never called.
#[unsafe(no_mangle)]
pub extern "C" fn rust_eh_personality() {}

static BODY: &[u8] =
    br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"}}"#;

/// The C entry point, called by the C runtime's start-up code: exits with
/// the result code found by `parse` plus the one found by `scan`.
#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    let body = black_box(BODY);
    let code = |header: nhncloud_header::Header<'_>| header.result_code.integer().unwrap_or(-2);
    let parsed = nhncloud_header::parse(body).map_or(-1, code);
    let scanned = nhncloud_header::scan(body).map_or(-1, code);
    parsed + scanned
}
