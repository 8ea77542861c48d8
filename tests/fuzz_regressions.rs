//! Every input a fuzz target ever failed on, replayed through the same
//! checks. Inputs are in tests/data/fuzz, named after the target and what
//! went wrong; the layout of each input is the target's (see fuzz/).

mod common;

use common::streaming::check_fuzz_input;

fn input(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/fuzz/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Found by the `stream` target: a header whose value is an array holding
/// what looks like the three fields. The one-shot fast path took it for the
/// header object without checking its opening bracket; the byte-wise
/// machine said `wrong_type`.
#[test]
fn stream_header_array_looks_like_fields() {
    check_fuzz_input(&input("stream-header-array-looks-like-fields")).unwrap();
    let error = nhncloud_header::scan(
        br#"{"header":["isSuccessful":true,"resultCode":0,"resultMessage":"S"]}"#,
    )
    .unwrap_err();
    assert_eq!(
        (error.kind(), error.offset()),
        (nhncloud_header::ErrorKind::WrongType, 10)
    );
}
