//! A `#![no_std]` library that calls `parse` and `scan`: it builds only while
//! nhncloud-header pulls in neither std nor alloc.
#![no_std]

use core::panic::PanicInfo;

#[panic_handler]
fn panic(_: &PanicInfo<'_>) -> ! {
    loop {}
}

/// Result code of the header in the first `len` bytes of `body`, or
/// `i32::MIN` when there is none.
#[unsafe(no_mangle)]
pub extern "C" fn parse_result_code(body: &[u8; 1024], len: usize) -> i32 {
    body.get(..len)
        .and_then(|body| nhncloud_header::parse(body).ok())
        .map_or(i32::MIN, |header| header.result_code)
}

/// As [`parse_result_code`], through `scan`.
#[unsafe(no_mangle)]
pub extern "C" fn scan_result_code(body: &[u8; 1024], len: usize) -> i32 {
    body.get(..len)
        .and_then(|body| nhncloud_header::scan(body).ok())
        .map_or(i32::MIN, |header| header.result_code)
}
