//! The streaming parser fed 64-byte reads, then `classify`.
#![no_std]
#![no_main]

use nhncloud_header::{Mode, Status, StreamParser};

#[path = "../runtime.rs"]
mod runtime;

/// As big as the parser's state, so that `.ci/footprint` can read its size
/// on this target from the symbol table.
#[used]
static STREAM_PARSER_64_BYTES: [u8; size_of::<StreamParser<64>>()] = [0; size_of::<StreamParser<64>>()];
// The `64 + N` bound on this target, for a few message capacities: the
// build fails if one is broken.
const _: () = assert!(size_of::<StreamParser<0>>() <= StreamParser::<0>::SIZE_BOUND);
const _: () = assert!(size_of::<StreamParser<1>>() <= StreamParser::<1>::SIZE_BOUND);
const _: () = assert!(size_of::<StreamParser<64>>() <= StreamParser::<64>::SIZE_BOUND);
const _: () = assert!(size_of::<StreamParser<4096>>() <= StreamParser::<4096>::SIZE_BOUND);

#[unsafe(no_mangle)]
pub extern "C" fn reset() -> ! {
    let mut parser = StreamParser::<32>::new(Mode::Scan);
    for read in runtime::body().chunks(64) {
        match parser.feed(read) {
            Ok(Status::Partial) => {}
            Ok(Status::Complete) => break,
            Err(error) => runtime::report(0x100 | error.kind() as u32),
        }
    }
    let outcome = match parser.finish() {
        Ok(header) => match header.result_code().integer() {
            Some(code) => nhncloud_header::classify(code) as u32 | (header.message_truncated() as u32) << 8,
            None => 0x200,
        },
        Err(error) => 0x100 | error.kind() as u32,
    };
    runtime::report(outcome)
}
