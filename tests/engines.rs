//! Every engine against the byte-wise one, in one binary: the structural
//! index on each kernel this machine has (forced one at a time through the
//! hidden `engines` hook), on every rule row, corpus body and prefix, and
//! generated and mutated documents, each also shifted by 0 to 130 leading
//! bytes so that every structure falls at every position of a 64-byte block
//! and across block boundaries. Each must give the same header, or the same
//! error kind, field and offset; and the index alone must vouch for exactly
//! the bodies the byte-wise engine accepts (never one it rejects outside
//! the header, never hand a valid one of 64 bytes or more over).

mod common;

use common::engines::{check_with, index_compiled, kernels};
use common::generate::{document, mutated_document};
use common::rows::{HEADER, header_of, unmark, with_header};
use common::{at_every_shift, corpus, shifted};
use nhncloud_header::{Mode, Options};
use proptest::prelude::*;

fn check(body: &[u8]) -> Result<(), String> {
    check_with(body, Options::new())
}

/// `check` at every shift from 0 to 130.
fn check_shifts(body: &[u8]) -> Result<(), String> {
    at_every_shift(body, check)
}

macro_rules! rows {
    ($($name:ident: $body:expr => $parse:expr $(, scan $scan:expr)?;)*) => {
        /// Every rule row's body.
        fn rule_rows() -> Vec<(&'static str, Vec<u8>)> {
            vec![$((stringify!($name), unmark(AsRef::<[u8]>::as_ref(&$body)).0)),*]
        }
    };
}
include!("common/rule_rows.in");

#[test]
fn every_rule_row_at_every_shift() {
    if !index_compiled() {
        return;
    }
    let rows = rule_rows();
    assert!(rows.len() >= 140, "{} rows", rows.len());
    for (name, body) in rows {
        check_shifts(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn every_corpus_body_at_every_shift_and_every_prefix() {
    if !index_compiled() {
        return;
    }
    for (name, body) in corpus() {
        check_shifts(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        for end in 0..body.len() {
            check(&body[..end]).unwrap_or_else(|e| panic!("{name}, first {end} bytes: {e}"));
        }
        for kernel in kernels() {
            assert!(
                kernel.walk(&body, Mode::Parse, Options::new()).is_some(),
                "{} hands {name} over",
                kernel.name()
            );
        }
    }
}

/// Strings built to put the hard cases on block boundaries: backslash runs
/// of every length up to 70 (odd ones escaping the quote), multi-byte UTF-8
/// and `\u` pairs, at every shift.
#[test]
fn escapes_and_utf8_across_block_boundaries() {
    if !index_compiled() {
        return;
    }
    let mut bodies = Vec::new();
    for run in 0..=70 {
        let backslashes = "\\".repeat(run);
        for value in [
            format!(r#""{backslashes}""#),
            format!(r#""{backslashes}"x"#),
            format!(r#""a{backslashes}\"""#),
        ] {
            bodies.push(format!(r#"{{"a":[{value}],"header":{HEADER}}}"#));
        }
    }
    for text in [
        "é€𝄞ハングル한국어",
        r"\u00e9\u20ac\ud834\udd1e\uD55C",
        r"\ud834\u0041",
        r"\udd1e",
        "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
    ] {
        for repeat in [1, 7, 13] {
            let text = text.repeat(repeat);
            bodies.push(format!(
                r#"{{"{text}":"{text}","header":{HEADER},"z":["{text}"]}}"#
            ));
        }
    }
    let invalid_utf8: [&[u8]; 6] = [
        b"\xC0\x80",
        b"\xE0\x9F\xBF",
        b"\xED\xA0\x80",
        b"\xF4\x90\x80\x80",
        b"\xE3\x81",
        b"\x80",
    ];
    for bytes in invalid_utf8 {
        let mut body =
            br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"S"},"x":""#.to_vec();
        body.extend_from_slice(bytes);
        body.extend_from_slice(br#""}"#);
        bodies.push(String::from_utf8_lossy(&body).into_owned());
        check_shifts(&body).unwrap();
    }
    for body in bodies {
        check_shifts(body.as_bytes()).unwrap();
    }
}

/// Nesting around the limit, with the default and lower limits.
#[test]
fn depth_at_the_limit() {
    if !index_compiled() {
        return;
    }
    for levels in [1, 2, 3, 62, 63, 64, 65, 126, 127, 128, 129, 200] {
        let nested = format!("{}0{}", "[".repeat(levels), "]".repeat(levels));
        let body = format!(r#"{{"a":{nested},"header":{HEADER}}}"#);
        for depth in [1, 2, 3, 64, 127, 128] {
            check_with(body.as_bytes(), Options::new().with_max_depth(depth)).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn generated_documents_agree(body in document(), shift in 0usize..=130) {
        if index_compiled() {
            check(&shifted(&body, shift)).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn mutated_documents_agree(body in mutated_document(), shift in 0usize..=130) {
        if index_compiled() {
            check(&shifted(&body, shift)).map_err(TestCaseError::fail)?;
        }
    }
}
