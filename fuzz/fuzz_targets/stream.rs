//! The streaming parser, with chunk boundaries chosen by the input: the
//! same header as the one-shot function of the same mode, or the same error
//! kind at the same offset.
#![no_main]

// Shared with the tests, which use more of it than this target does.
#[allow(dead_code)]
#[path = "../../tests/common/streaming.rs"]
mod streaming;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    if let Err(disagreement) = streaming::check_fuzz_input(input) {
        panic!("{disagreement}");
    }
});
