//! `parse` and `scan` on any bytes: no panic; serde_json (the reference)
//! agrees on validity and on the three fields; `scan` returns `parse`'s
//! header whenever `parse` accepts, and `parse`'s error whenever `scan`
//! fails; every error offset lies within the input.
#![no_main]

#[path = "../../tests/common/reference.rs"]
mod reference;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let parsed = nhncloud_header::parse(body);
    let scanned = nhncloud_header::scan(body);
    for error in [&parsed, &scanned]
        .into_iter()
        .filter_map(|result| result.as_ref().err())
    {
        assert!(
            error.offset() <= body.len(),
            "{error} past the end of {} bytes",
            body.len()
        );
    }
    if let Ok(header) = &parsed {
        assert_eq!(scanned.as_ref(), Ok(header));
    }
    if let Err(error) = scanned {
        assert_eq!(parsed, Err(error));
    }
    if let Err(disagreement) = reference::agrees(&parsed, &reference::judge(body)) {
        panic!("{disagreement}");
    }
});
