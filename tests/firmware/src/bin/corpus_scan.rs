//! `scan` over every body of the corpus: with `corpus_baseline`, the
//! instructions a firmware pays per byte received (`.ci/run` counts them
//! under QEMU).
#![no_std]
#![no_main]

#[path = "../runtime.rs"]
mod runtime;

include!(concat!(env!("OUT_DIR"), "/corpus.rs"));

#[unsafe(no_mangle)]
pub extern "C" fn reset() -> ! {
    let mut outcome = 0u32;
    for body in core::hint::black_box(&CORPUS) {
        outcome = outcome.wrapping_add(match nhncloud_header::scan(body) {
            Ok(header) => header.result_code.integer().unwrap_or(1) as u32,
            Err(error) => 0x100 | error.kind() as u32,
        });
    }
    runtime::report(outcome)
}
