//! `classify` over `i32`: total, equal to a naive reference written from the
//! seed table, and an HTTP status (always 400 to 499) exactly for API errors.
#![no_main]

#[path = "../../tests/common/classify_reference.rs"]
mod classify_reference;

use libfuzzer_sys::fuzz_target;
use nhncloud_header::{Catalog, Class, classify};

fuzz_target!(|code: i32| {
    let lookup = Catalog::COMPUTE.lookup(code);
    assert_eq!(classify(code), lookup.class);
    assert_eq!(
        (lookup.class, lookup.api, lookup.http_status),
        classify_reference::reference(code)
    );
    assert_eq!(
        lookup.http_status.is_some(),
        lookup.class == Class::ApiError
    );
    assert!(
        lookup
            .http_status
            .is_none_or(|status| (400..=499).contains(&status))
    );
});
