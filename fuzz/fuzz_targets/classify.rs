//! `classify` and every service's table over `i32`: Compute's details total
//! and equal to a naive reference written from the seed table (an HTTP
//! status, always 400 to 499, exactly for API errors); in every table the
//! binary search equal to a linear scan of the rows, and the meaning of a
//! code the rows' (unknown codes unspecified, read the message, consistent
//! only when unsuccessful); Compute's advice never against the seed's
//! remedy.
#![no_main]

#[path = "../../tests/common/classify_reference.rs"]
mod classify_reference;

use libfuzzer_sys::fuzz_target;
use nhncloud_header::{Advice, Category, Class, ComputeDetails, Remedy, ResultCode, Service, classify};

fuzz_target!(|input: (i32, bool)| {
    let (code, is_successful) = input;
    let details = ComputeDetails::of(code);
    assert_eq!(classify(code), details.class);
    assert_eq!(
        (details.class, details.api, details.http_status),
        classify_reference::reference(code)
    );
    assert_eq!(details.http_status.is_some(), details.class == Class::ApiError);
    assert!(
        details
            .http_status
            .is_none_or(|status| (400..=499).contains(&status))
    );
    for service in Service::ALL {
        let catalog = service.catalog();
        let rows: Vec<_> = catalog.entries().iter().filter(|row| row.contains(code)).collect();
        assert!(catalog.entries_of(code).iter().eq(rows.iter().copied()), "{service} {code}");
        let meaning = catalog.meaning(&ResultCode::<&str>::Integer(code), is_successful, None::<&&str>);
        match rows.first() {
            Some(row) => {
                assert!(meaning.known);
                assert_eq!((meaning.category, meaning.advice), (row.category(), row.advice()));
                assert_eq!(meaning.consistent, row.agrees_with(is_successful));
            }
            None => {
                assert!(!meaning.known);
                assert_eq!(
                    (meaning.category, meaning.advice),
                    (Category::Unspecified, Advice::ReadMessage)
                );
                assert_eq!(meaning.consistent, !is_successful);
            }
        }
        assert_eq!(meaning.retryable(), meaning.advice.retryable());
    }
    let advice = Service::Compute.advice(code);
    let agrees = match details.remedy {
        Remedy::None => advice == Advice::None,
        Remedy::ContactSupport => advice == Advice::ContactSupport,
        Remedy::SeeDetail => advice == Advice::SeeDetail,
        Remedy::Unknown => advice == Advice::ReadMessage,
        Remedy::CheckRequestBody | Remedy::CheckNetworkId => advice == Advice::FixRequest,
        Remedy::RetryAfterFix => !matches!(
            advice,
            Advice::None | Advice::ContactSupport | Advice::Retry | Advice::ReadMessage
        ),
    };
    assert!(agrees, "{code}: {} against {advice}", details.remedy);
});
