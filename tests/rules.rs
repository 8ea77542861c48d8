//! One row per rule: a body, what `parse` returns, and what `scan` returns
//! when that differs. Error offsets are marked in the body with `@@` (removed
//! before parsing), so each row shows where the error must point. Every row
//! also holds the streaming parser to the same answers, however the body is
//! cut into chunks, and checks that nothing allocates.

mod common;

use common::rows::*;
use common::{CountingAllocator, count_allocations};
use nhncloud_header::{Header, Options, parse, parse_with, scan, scan_with};

fn check(
    function: &str,
    got: Result<Header<'_>, nhncloud_header::Error>,
    expect: Expect,
    marker: Option<usize>,
) {
    match (got, expect) {
        (Result::Ok(header), Ok(is_successful, result_code, message)) => {
            assert_eq!(
                header.is_successful, is_successful,
                "{function}: isSuccessful"
            );
            assert_eq!(header.result_code, result_code, "{function}: resultCode");
            match (header.result_message, message) {
                (None, None) => {}
                (Some(got), Some(want)) => assert_eq!(got, want, "{function}: resultMessage"),
                (got, want) => panic!("{function}: resultMessage {got:?}, expected {want:?}"),
            }
        }
        (Result::Ok(header), OkText(is_successful, code, message)) => {
            assert_eq!(
                header.is_successful, is_successful,
                "{function}: isSuccessful"
            );
            assert_eq!(header.result_code, code, "{function}: resultCode");
            match (header.result_message, message) {
                (None, None) => {}
                (Some(got), Some(want)) => assert_eq!(got, want, "{function}: resultMessage"),
                (got, want) => panic!("{function}: resultMessage {got:?}, expected {want:?}"),
            }
        }
        (Result::Err(error), Err(kind, field)) => {
            assert_eq!(error.kind(), kind, "{function}: {error}");
            assert_eq!(error.field(), field, "{function}: {error}");
            let marker = marker.expect("an error row marks its offset with @@");
            assert_eq!(error.offset(), marker, "{function}: {error}");
        }
        (got, expect) => panic!("{function}: got {got:?}, expected {expect:?}"),
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn run(marked: impl AsRef<[u8]>, parse_expect: Expect, scan_expect: Expect) {
    let (body, marker) = unmark(marked.as_ref());
    let ((parsed, scanned), allocations) = count_allocations(|| (parse(&body), scan(&body)));
    assert_eq!(allocations, 0);
    check("parse", parsed, parse_expect, marker);
    check("scan", scanned, scan_expect, marker);
    if let Result::Err(disagreement) = common::streaming::check_every_feeding(&body) {
        panic!("streaming: {disagreement}");
    }
}

macro_rules! rows {
    ($($name:ident: $body:expr => $parse:expr $(, scan $scan:expr)?;)*) => {$(
        #[test]
        fn $name() {
            let parse_expect = $parse;
            #[allow(unused_variables)]
            let scan_expect = parse_expect;
            $(let scan_expect = $scan;)?
            run($body, parse_expect, scan_expect);
        }
    )*};
}

include!("common/rule_rows.in");

#[test]
fn default_depth_limit_is_128_levels_counting_the_top_level_object() {
    assert_eq!(Options::default().max_depth(), 128);
    assert!(parse(nested(128).as_bytes()).is_ok());
    let body = nested(129);
    let error = parse(body.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DepthLimit);
    assert_eq!(error.offset(), body.find('[').unwrap() + 127);
}

#[test]
fn lower_depth_limit_is_enforced_by_both_functions() {
    let options = Options::new().with_max_depth(2);
    let body = with_header(r#""a":[1],"#, "");
    assert!(parse_with(body.as_bytes(), options).is_ok());
    // The header object itself is at depth 2: a limit of 1 rejects it.
    let body = with_header("", "");
    let error = scan_with(body.as_bytes(), Options::new().with_max_depth(1)).unwrap_err();
    assert_eq!(
        (error.kind(), error.offset()),
        (ErrorKind::DepthLimit, body.find(":{").unwrap() + 1)
    );
    let body = with_header(r#""a":[[1]],"#, "");
    for result in [
        parse_with(body.as_bytes(), options),
        scan_with(body.as_bytes(), options),
    ] {
        let error = result.unwrap_err();
        assert_eq!((error.kind(), error.offset()), (ErrorKind::DepthLimit, 6));
    }
}

#[test]
fn depth_above_the_stack_means_the_maximum() {
    assert_eq!(
        Options::new().with_max_depth(255).max_depth(),
        Options::MAX_DEPTH
    );
    assert_eq!(
        parse_with(nested(129).as_bytes(), Options::new().with_max_depth(200))
            .unwrap_err()
            .kind(),
        ErrorKind::DepthLimit
    );
}

#[test]
fn scan_ignores_everything_after_the_header() {
    let body = format!("{{\"header\":{HEADER}\x00\x01 not JSON at all \u{FFFF}");
    let header = scan(body.as_bytes()).unwrap();
    assert_eq!(header.result_message.unwrap(), "SUCCESS");
    assert_eq!(
        parse(body.as_bytes()).unwrap_err().kind(),
        ErrorKind::UnexpectedByte
    );
}

#[test]
fn error_display_names_kind_field_and_offset() {
    let error = parse(br#"{"header":{"resultCode":1}}"#).unwrap_err();
    assert_eq!(error.to_string(), "missing field `isSuccessful` at byte 25");
    let error = parse(b"").unwrap_err();
    assert_eq!(error.to_string(), "empty body at byte 0");
    assert_eq!(error.kind().name(), "empty");
    assert_eq!(error.kind().to_string(), "empty");
}

#[test]
fn error_is_small_and_copy() {
    fn assert_copy<T: Copy + core::error::Error>() {}
    assert_copy::<nhncloud_header::Error>();
    assert!(size_of::<nhncloud_header::Error>() <= 2 * size_of::<usize>());
}

#[test]
fn every_kind_has_its_documented_snake_case_name() {
    let names = [
        (ErrorKind::Empty, "empty"),
        (ErrorKind::NotAnObject, "not_an_object"),
        (ErrorKind::UnexpectedByte, "unexpected_byte"),
        (ErrorKind::UnexpectedEnd, "unexpected_end"),
        (ErrorKind::InvalidNumber, "invalid_number"),
        (ErrorKind::InvalidEscape, "invalid_escape"),
        (ErrorKind::LoneSurrogate, "lone_surrogate"),
        (ErrorKind::ControlCharacter, "control_character"),
        (ErrorKind::InvalidUtf8, "invalid_utf8"),
        (ErrorKind::DepthLimit, "depth_limit"),
        (ErrorKind::TrailingCharacters, "trailing_characters"),
        (ErrorKind::MissingHeader, "missing_header"),
        (ErrorKind::MissingField, "missing_field"),
        (ErrorKind::DuplicateKey, "duplicate_key"),
        (ErrorKind::WrongType, "wrong_type"),
        (ErrorKind::InvalidResultCode, "invalid_result_code"),
    ];
    for (kind, name) in names {
        assert_eq!(kind.name(), name);
    }
}
