//! The streaming parser, with chunk boundaries chosen by the input: the
//! same header as the one-shot function of the same mode, or the same error
//! kind at the same offset.
#![no_main]

// Shared with the tests, which use more of it than this target does.
#[allow(dead_code)]
#[path = "../../tests/common/streaming.rs"]
mod streaming;

use libfuzzer_sys::fuzz_target;
use nhncloud_header::Mode;
use streaming::{ROOM, agree, chunks_of, one_shot, stream};

fuzz_target!(|input: &[u8]| {
    // The first byte says how many of the following bytes are chunk sizes
    // (used in turn, over and over); the rest is the body.
    let Some((&count, rest)) = input.split_first() else {
        return;
    };
    let count = (count as usize % 8).min(rest.len());
    let (sizes, body) = rest.split_at(count);
    let sizes: Vec<usize> = sizes.iter().map(|&size| size as usize).collect();
    let chunks = chunks_of(body, &sizes);
    for mode in [Mode::Scan, Mode::Parse] {
        let streamed = stream::<ROOM>(mode, chunks.iter().copied());
        if let Err(disagreement) = agree(&one_shot(mode, body), &streamed) {
            panic!(
                "{mode:?}, chunks {:?}: {disagreement}",
                chunks.iter().map(|c| c.len()).collect::<Vec<_>>()
            );
        }
    }
});
