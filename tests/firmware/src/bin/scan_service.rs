//! `scan` and one service's catalog (Push): what a firmware that talks to
//! one other service links. The other fourteen tables must not be in it.
#![no_std]
#![no_main]

#[path = "../runtime.rs"]
mod runtime;

use nhncloud_header::Catalog;

#[unsafe(no_mangle)]
pub extern "C" fn reset() -> ! {
    let outcome = match nhncloud_header::scan(runtime::body()) {
        Ok(header) => {
            let meaning = header.meaning_in(&Catalog::PUSH);
            let message = meaning.entry.map_or(0, |entry| entry.message().len());
            meaning.category as u32 | (meaning.advice as u32) << 4 | (message as u32) << 8
        }
        Err(error) => 0x100 | error.kind() as u32,
    };
    runtime::report(outcome)
}
