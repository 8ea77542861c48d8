//! `scan` and the catalog of a service chosen at run time: every table is
//! linked. The figure a gateway-like firmware pays for all fifteen.
#![no_std]
#![no_main]

#[path = "../runtime.rs"]
mod runtime;

use nhncloud_header::Service;

#[unsafe(no_mangle)]
pub extern "C" fn reset() -> ! {
    let body = runtime::body();
    let service = Service::ALL[body.len() % Service::ALL.len()];
    let outcome = match nhncloud_header::scan(body) {
        Ok(header) => {
            let meaning = header.meaning(service);
            let message = meaning.entry.map_or(0, |entry| entry.message().len());
            meaning.category as u32 | (meaning.advice as u32) << 4 | (message as u32) << 8
        }
        Err(error) => 0x100 | error.kind() as u32,
    };
    runtime::report(outcome)
}
