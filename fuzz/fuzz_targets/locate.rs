//! `locate` on any bytes: no panic; on every engine this machine runs, the
//! answer an independent reading of the body gives (the header as `scan`
//! reads it from the top-level `header` key delimited by unescaped quotes
//! and brackets, or `scan`'s error where there is none); and whenever
//! `parse` or `scan` accepts, their header.
#![no_main]

#[path = "../../tests/common/locating.rs"]
mod locating;

use libfuzzer_sys::fuzz_target;
use nhncloud_header::Options;

fuzz_target!(|body: &[u8]| {
    if let Err(failure) = locating::check_locate(body, Options::new()) {
        panic!("{failure}");
    }
});
