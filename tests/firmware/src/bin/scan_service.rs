//! `scan` and one service's catalog (Push): what a firmware that talks to
//! one other service links. The other thirteen tables must not be in it.
#![no_std]
#![no_main]

#[path = "../runtime.rs"]
mod runtime;

use nhncloud_header::{Category, ServiceCatalog};

#[unsafe(no_mangle)]
pub extern "C" fn reset() -> ! {
    let outcome = match nhncloud_header::scan(runtime::body()) {
        Ok(header) => match ServiceCatalog::PUSH.lookup(header.result_code) {
            Some(entry) => entry.category as u32 | (entry.message.len() as u32) << 8,
            None => Category::Unspecified as u32,
        },
        Err(error) => 0x100 | error.kind() as u32,
    };
    runtime::report(outcome)
}
