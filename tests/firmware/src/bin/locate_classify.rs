//! `locate` and `classify`: the header of a trusted response and what it means.
#![no_std]
#![no_main]

#[path = "../runtime.rs"]
mod runtime;

#[unsafe(no_mangle)]
pub extern "C" fn reset() -> ! {
    let outcome = match nhncloud_header::locate(runtime::body()) {
        Ok(header) => match header.result_code.integer() {
            Some(code) => nhncloud_header::classify(code) as u32,
            None => 0x200,
        },
        Err(error) => 0x100 | error.kind() as u32,
    };
    runtime::report(outcome)
}
