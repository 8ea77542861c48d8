//! `parse` and `scan` on any bytes: no panic; serde_json (the reference)
//! agrees on validity and on the three fields; `scan` returns `parse`'s
//! header whenever `parse` accepts, and `parse`'s error whenever `scan`
//! fails; every error offset lies within the input. And every engine this
//! machine runs (the structural index on each kernel) gives the byte-wise
//! engine's answer, and vouches for no body it rejects (where the index is
//! compiled: not in the small-code build).
#![no_main]

#[path = "../../tests/common/reference.rs"]
mod reference;

#[path = "../../tests/common/engines.rs"]
mod engines;

use libfuzzer_sys::fuzz_target;
use nhncloud_header::Options;

fuzz_target!(|body: &[u8]| {
    let parsed = nhncloud_header::parse(body);
    let scanned = nhncloud_header::scan(body);
    if let Err(failure) = reference::check_one_shot(body, &parsed, &scanned) {
        panic!("{failure}");
    }
    // In the small-code build there is no index to compare.
    if engines::index_compiled()
        && let Err(failure) = engines::check_with(body, Options::new())
    {
        panic!("{failure}");
    }
});
