//! Every input a fuzz target ever failed on, replayed through the same
//! checks. Inputs are in tests/data/fuzz, named after the target and what
//! went wrong; the layout of each input is the target's (see fuzz/).

mod common;

use common::streaming::check_fuzz_input;

/// The `parse` target's checks on `body`: `parse` and `scan` against the
/// reference. Returns what `parse` said.
fn check_parse_target(body: &[u8]) -> Result<nhncloud_header::Header<'_>, nhncloud_header::Error> {
    let parsed = nhncloud_header::parse(body);
    let scanned = nhncloud_header::scan(body);
    common::reference::check_one_shot(body, &parsed, &scanned).unwrap();
    parsed
}

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

/// Found by the `parse` target in the small-code build, against a draft of
/// the offset-checking reference: a key holding `C2 01`, a lead byte and
/// then a control byte. serde_json reports the control character at the
/// second byte; the crate reports invalid UTF-8 there, since the sequence
/// broke first. The reference must accept that as the same byte.
#[test]
fn parse_invalid_utf8_then_control_byte() {
    let body = input("parse-invalid-utf8-then-control-byte");
    let error = check_parse_target(&body).unwrap_err();
    assert_eq!(
        (error.kind(), error.offset()),
        (nhncloud_header::ErrorKind::InvalidUtf8, 28)
    );
}

/// Found by the `parse` target in the small-code build: a body whose first
/// key is serde_json's private number token, `$serde_json::private::Number`.
/// Under `arbitrary_precision`, serde_json's `Value` takes such an object
/// for a number and rejected the body at its `{`; the crate (rightly) reads
/// on and finds the body cut short. The reference now reads values without
/// `Value`'s magic keys.
#[test]
fn parse_serde_json_number_token_key() {
    let body = input("parse-serde-json-number-token-key");
    let error = check_parse_target(&body).unwrap_err();
    assert_eq!(
        (error.kind(), error.offset()),
        (nhncloud_header::ErrorKind::UnexpectedEnd, body.len())
    );
    // Whole bodies with the magic keys, raw and escaped, are ordinary JSON.
    for key in [
        r#""$serde_json::private::Number""#,
        r#""\u0024serde_json::private::RawValue""#,
    ] {
        let body = format!(
            r#"{{{key}:{{"a":[1]}},"header":{{"isSuccessful":true,"resultCode":0,"resultMessage":"S"}}}}"#
        );
        assert_eq!(check_parse_target(body.as_bytes()).unwrap().result_code, 0);
    }
}
