//! `parse` and `scan` on any bytes: no panic; serde_json (the reference)
//! agrees on validity and on the three fields; `scan` returns `parse`'s
//! header whenever `parse` accepts, and `parse`'s error whenever `scan`
//! fails; every error offset lies within the input.
#![no_main]

#[path = "../../tests/common/reference.rs"]
mod reference;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let parsed = nhncloud_header::parse(body);
    let scanned = nhncloud_header::scan(body);
    if let Err(failure) = reference::check_one_shot(body, &parsed, &scanned) {
        panic!("{failure}");
    }
});
