//! `scan` and the catalog of a service chosen at run time: every table is
//! linked. The figure a gateway-like firmware pays for all fourteen.
#![no_std]
#![no_main]

#[path = "../runtime.rs"]
mod runtime;

use nhncloud_header::{Category, Service};

#[unsafe(no_mangle)]
pub extern "C" fn reset() -> ! {
    let body = runtime::body();
    let service = Service::ALL[body.len() % Service::ALL.len()];
    let outcome = match nhncloud_header::scan(body) {
        Ok(header) => match header.entry_in(service) {
            Some(entry) => entry.category as u32 | (entry.message.len() as u32) << 8,
            None => Category::Unspecified as u32,
        },
        Err(error) => 0x100 | error.kind() as u32,
    };
    runtime::report(outcome)
}
