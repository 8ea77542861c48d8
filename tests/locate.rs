//! `locate` against its contract: every engine this machine runs (the
//! structural index's walk on each kernel, and the byte-wise follower)
//! against an independent reading of the body (`common/locating.rs`), on
//! every rule row, corpus body and prefix, generated and mutated documents,
//! each shifted across 64-byte blocks; and the contract's cases one by one.

mod common;

use common::generate::{document, mutated_document};
use common::locating::{check_locate, header_key, trusted_mode};
use common::rows::{HEADER, header_of, unmark, with_header};
use common::{at_every_shift, corpus, shifted};
use nhncloud_header::{ErrorKind, Field, Options, locate, locate_with, parse, scan};
use proptest::prelude::*;

fn check(body: &[u8]) -> Result<(), String> {
    check_locate(body, Options::new())
}

fn check_shifts(body: &[u8]) -> Result<(), String> {
    at_every_shift(body, check)
}

macro_rules! rows {
    ($($name:ident: $body:expr => $parse:expr $(, scan $scan:expr)?;)*) => {
        fn rule_rows() -> Vec<(&'static str, Vec<u8>)> {
            vec![$((stringify!($name), unmark(AsRef::<[u8]>::as_ref(&$body)).0)),*]
        }
    };
}
include!("common/rule_rows.in");

#[test]
fn every_rule_row_at_every_shift() {
    let rows = rule_rows();
    assert!(rows.len() >= 140, "{} rows", rows.len());
    for (name, body) in rows {
        check_shifts(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn every_corpus_body_at_every_shift_and_every_prefix() {
    for (name, body) in corpus() {
        let parsed = parse(&body);
        if let Ok(header) = parsed {
            assert_eq!(locate(&body), Ok(header), "{name}");
        }
        check_shifts(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        for end in 0..body.len() {
            check(&body[..end]).unwrap_or_else(|e| panic!("{name}, first {end} bytes: {e}"));
        }
    }
}

/// The payload before the header is followed, not validated (in the
/// small-code build, where `locate` is `scan`, it is).
#[test]
fn invalid_json_before_the_header_is_followed_not_checked() {
    let accepted = |body: &[u8]| {
        let located = locate(body);
        if trusted_mode() {
            let header = located.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(header.result_message.unwrap(), "SUCCESS");
        } else {
            assert_eq!(located, scan(body));
        }
    };
    for before in [
        r#""n": 01,"#,
        r#""a": [1, 2,],"#,
        r#""a": {"x": 1 "y": 2},"#,
        r#""a": tru,"#,
        "\"a\": \"raw\u{1}control\",",
        r#""a": "\x", "b": "\ud800","#,
        r#""a": 1 2 3,"#,
        r#""a" "b" "c","#,
        // Brackets are counted, not matched.
        r#""a": [1}, "b": {2],"#,
    ] {
        let body = format!(r#"{{{before} "header": {HEADER}}}"#);
        assert!(scan(body.as_bytes()).is_err(), "{body}");
        accepted(body.as_bytes());
        check_shifts(body.as_bytes()).unwrap();
    }
    // Invalid UTF-8 too.
    let mut body = br#"{"a": ""#.to_vec();
    body.extend_from_slice(b"\xFF\xC0\x80");
    body.extend_from_slice(br#"", "header": "#);
    body.extend_from_slice(HEADER.as_bytes());
    body.push(b'}');
    accepted(&body);
    // And everything after the header's close, as `scan`.
    let body = format!(r#"{{"a": [], "header": {HEADER}, not JSON at all"#);
    assert_eq!(locate(body.as_bytes()).unwrap().result_code, 0);
}

/// The header is validated as `parse` validates it: same kind, same offset.
#[test]
fn the_header_itself_is_validated_as_parse_validates_it() {
    let cases: [(&str, ErrorKind, Option<Field>); 9] = [
        (
            r#"{"isSuccessful":true,"resultCode":0}"#,
            ErrorKind::MissingField,
            Some(Field::ResultMessage),
        ),
        (
            r#"{"isSuccessful":1,"resultCode":0,"resultMessage":null}"#,
            ErrorKind::WrongType,
            Some(Field::IsSuccessful),
        ),
        (
            r#"{"isSuccessful":true,"isSuccessful":true,"resultCode":0,"resultMessage":null}"#,
            ErrorKind::DuplicateKey,
            Some(Field::IsSuccessful),
        ),
        (
            r#"{"isSuccessful":true,"resultCode":2147483648,"resultMessage":null}"#,
            ErrorKind::InvalidResultCode,
            Some(Field::ResultCode),
        ),
        (
            r#"{"isSuccessful":true,"resultCode":0,"resultMessage":"\q"}"#,
            ErrorKind::InvalidEscape,
            None,
        ),
        (
            r#"{"isSuccessful":true,"resultCode":0,"resultMessage":"\ud800"}"#,
            ErrorKind::LoneSurrogate,
            None,
        ),
        (
            r#"{"isSuccessful":true,"resultCode":01,"resultMessage":null}"#,
            ErrorKind::InvalidNumber,
            None,
        ),
        (
            r#"{"isSuccessful":true,"resultCode":0,"resultMessage":null,}"#,
            ErrorKind::UnexpectedByte,
            None,
        ),
        (r#"[]"#, ErrorKind::WrongType, None),
    ];
    for (header, kind, field) in cases {
        for before in [
            "",
            r#""instances": [{"id": "a\"b", "n": [1, {"c": null}]}], "#,
        ] {
            let body = format!(r#"{{{before}"header": {header}, "after": 1}}"#);
            let expected = parse(body.as_bytes()).unwrap_err();
            assert_eq!(expected.kind(), kind, "{body}");
            if field.is_some() {
                assert_eq!(expected.field(), field, "{body}");
            }
            assert_eq!(locate(body.as_bytes()), Err(expected), "{body}");
            check_shifts(body.as_bytes()).unwrap();
        }
    }
}

/// A body that cannot be followed to its header gets `scan`'s error.
#[test]
fn bodies_that_cannot_be_followed_are_rejected_as_scan_rejects_them() {
    let cases: [(&[u8], ErrorKind); 10] = [
        (b"", ErrorKind::Empty),
        (b"  [1, 2]", ErrorKind::NotAnObject),
        (b"\"header\"", ErrorKind::NotAnObject),
        (
            br#"{"a": {"b": 1]]], "header": {}}"#,
            ErrorKind::UnexpectedByte,
        ),
        (
            br#"{"a": 1}, "header": {"isSuccessful": true}}"#,
            ErrorKind::MissingHeader,
        ),
        (
            br#"{"a": "unclosed, "header": {}}"#,
            ErrorKind::UnexpectedByte,
        ),
        (br#"{"a": ["unclosed]}"#, ErrorKind::UnexpectedEnd),
        (
            br#"{"a": {"header": {"isSuccessful": true, "resultCode": 0, "resultMessage": null}}}"#,
            ErrorKind::MissingHeader,
        ),
        (
            br#"{"a": "header", "b": ["header"]}"#,
            ErrorKind::MissingHeader,
        ),
        (br#"{"a": "x\"header\":{}"}"#, ErrorKind::MissingHeader),
    ];
    for (body, kind) in cases {
        let show = String::from_utf8_lossy(body);
        assert_eq!(header_key(body, 128), None, "{show}");
        let error = locate(body).unwrap_err();
        assert_eq!(error.kind(), kind, "{show}");
        assert_eq!(Err(error), scan(body), "{show}");
        check_shifts(body).unwrap();
    }
}

/// The key counts only at the top level, as a key, after unescaping; the
/// first one wins.
#[test]
fn the_header_is_the_first_top_level_key_that_is_header() {
    let second = r#"{"isSuccessful":false,"resultCode":-4,"resultMessage":"second"}"#;
    let bodies = [
        format!(r#"{{"x": {{"header": {second}}}, "header": {HEADER}}}"#),
        format!(r#"{{"x": ["header", {{"header": {second}}}], "header": {HEADER}}}"#),
        format!(r#"{{"x": "\"header\": {{\"isSuccessful\": false}}", "header": {HEADER}}}"#),
        format!(r#"{{"he\u0061der": {HEADER}, "header": {second}}}"#),
        format!(r#"{{"x": 1, "h\u0065ader"  :  {HEADER}, "header": {second}}}"#),
        format!("\u{feff}{{\"x\": [[[]]], \"header\": {HEADER}, \"header\": {second}}}"),
    ];
    for body in bodies {
        let header = locate(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(header.result_message.unwrap(), "SUCCESS", "{body}");
        check_shifts(body.as_bytes()).unwrap();
    }
}

/// Nesting around the limit, with the default and lower limits: the
/// nesting before the header counts, as in `parse`.
#[test]
fn depth_at_the_limit() {
    for levels in [1, 2, 3, 62, 63, 64, 65, 126, 127, 128, 129, 200] {
        let nested = format!("{}0{}", "[".repeat(levels), "]".repeat(levels));
        for body in [
            format!(r#"{{"a":{nested},"header":{HEADER}}}"#),
            format!(r#"{{"header":{HEADER},"a":{nested}}}"#),
        ] {
            for depth in [0, 1, 2, 3, 64, 127, 128, 200] {
                let options = Options::new().with_max_depth(depth);
                check_locate(body.as_bytes(), options).unwrap();
                if let Ok(header) = nhncloud_header::parse_with(body.as_bytes(), options) {
                    assert_eq!(locate_with(body.as_bytes(), options), Ok(header));
                }
            }
        }
    }
}

/// Nesting opened one bracket per 64-byte block, so that the depth moves a
/// block at a time right up to the limit.
#[test]
fn depth_at_the_limit_one_bracket_per_block() {
    for levels in [126, 127, 128, 129] {
        let opens = format!("[{}", " ".repeat(63)).repeat(levels);
        let body = format!(
            r#"{{"a":{opens}0{},"header":{HEADER}}}"#,
            "]".repeat(levels)
        );
        for depth in [127, 128] {
            let options = Options::new().with_max_depth(depth);
            check_locate(body.as_bytes(), options).unwrap();
            let located = locate_with(body.as_bytes(), options);
            if levels + 1 > usize::from(depth) {
                assert_eq!(located.unwrap_err().kind(), ErrorKind::DepthLimit);
            } else {
                assert_eq!(located.unwrap().result_code, 0);
            }
        }
    }
}

/// Bodies under a block are followed a byte at a time by the same rules:
/// an error in the header, not before it, is the answer.
#[test]
fn short_bodies_are_followed_too() {
    for body in [
        &br#"{"n":01,"header":{}}"#[..],
        br#"{"a":[1,],"header":{"isSuccessful":1}}"#,
        br#"{"a":"\q","header":[]}"#,
    ] {
        assert!(body.len() < 64);
        let error = locate(body).unwrap_err();
        if trusted_mode() {
            assert!(matches!(
                error.kind(),
                ErrorKind::MissingField | ErrorKind::WrongType
            ));
            assert_ne!(Err(error), scan(body));
        } else {
            assert_eq!(Err(error), scan(body));
        }
        check_shifts(body).unwrap();
    }
}

/// Backslash runs of every length, before quotes and brackets, in strings
/// and out, on block boundaries.
#[test]
fn backslash_runs_across_block_boundaries() {
    for run in 0..=70 {
        let backslashes = "\\".repeat(run);
        for value in [
            format!(r#""{backslashes}""#),
            format!(r#""{backslashes}"x"#),
            format!(r#""a{backslashes}\"""#),
            format!(r#"{backslashes}"x""#),
            // Outside strings a backslash escapes a bracket too.
            format!("{backslashes}["),
            format!("{backslashes}]"),
            format!("{backslashes}{{"),
        ] {
            let body = format!(r#"{{"a":[{value}],"header":{HEADER}}}"#);
            check_shifts(body.as_bytes()).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn generated_documents(body in document(), shift in 0usize..=130) {
        check(&shifted(&body, shift)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn mutated_documents(body in mutated_document(), shift in 0usize..=130) {
        check(&shifted(&body, shift)).map_err(TestCaseError::fail)?;
    }
}
