//! The cases the C test program (`ffi/tests/c/test.c`) runs through the C
//! API, on the host and on a Cortex-M4: every rule row, with the answer the
//! row itself states for `parse` and `scan`, every body of the bundled
//! corpus, and the nesting limit. They are written to
//! `ffi/tests/c/cases.h`, which is checked in (the firmware cannot read
//! files); this test fails if that file is stale. Regenerate it with
//! `NHNCLOUD_HEADER_BLESS=1 cargo test --test c_cases`.

mod common;

use std::fmt::Write;
use std::path::PathBuf;

use common::rows::*;

struct Case {
    name: String,
    body: Vec<u8>,
    parse: Expect,
    scan: Expect,
    /// Where an error row's error is.
    marker: Option<usize>,
}

fn rule_rows() -> Vec<Case> {
    let mut cases = Vec::new();
    macro_rules! rows {
        ($($name:ident: $body:expr => $parse:expr $(, scan $scan:expr)?;)*) => {{$({
            let parse = $parse;
            #[allow(unused_variables)]
            let scan = parse;
            $(let scan = $scan;)?
            let marked = $body;
            let (body, marker) = unmark(AsRef::<[u8]>::as_ref(&marked));
            cases.push(Case { name: stringify!($name).to_string(), body, parse, scan, marker });
        })*}};
    }
    include!("common/rule_rows.in");
    cases
}

fn all_cases() -> Vec<Case> {
    let mut cases = rule_rows();
    for (name, body) in common::corpus() {
        let success = Ok(true, 0, Some("SUCCESS"));
        let name = format!("corpus/{name}");
        cases.push(Case {
            name,
            body,
            parse: success,
            scan: success,
            marker: None,
        });
    }
    // Longer than the stream keeps (NHNCLOUD_HEADER_STREAM_MESSAGE_CAP, 184
    // bytes), with a two-byte character across byte 184: the stream keeps 183.
    let long = format!("{}é{}", "a".repeat(183), "b".repeat(20));
    let body = header_of(&format!(
        r#""isSuccessful":false,"resultCode":-4,"resultMessage":"{long}""#
    ));
    let long: &'static str = Box::leak(long.into_boxed_str());
    cases.push(Case {
        name: "message_longer_than_a_stream_keeps".into(),
        body: body.into_bytes(),
        parse: Ok(false, -4, Some(long)),
        scan: Ok(false, -4, Some(long)),
        marker: None,
    });
    // String codes (Deploy's): the longest `code_text` holds (31 bytes),
    // and one byte more, which no C header holds, from a body or a stream.
    let fits: &'static str = Box::leak("A".repeat(31).into_boxed_str());
    cases.push(Case {
        name: "string_code_that_fits".into(),
        body: header_of(&format!(
            r#""isSuccessful":false,"resultCode":"{fits}","resultMessage":null"#
        ))
        .into_bytes(),
        parse: OkText(false, fits, None),
        scan: OkText(false, fits, None),
        marker: None,
    });
    let body = header_of(&format!(
        r#""isSuccessful":false,"resultMessage":"m","resultCode":"{}""#,
        "B".repeat(32)
    ));
    let too_long = Err(ErrorKind::CodeTooLong, Some(Field::ResultCode));
    cases.push(Case {
        name: "string_code_too_long_for_c".into(),
        marker: body.find("\"BBB"),
        body: body.into_bytes(),
        parse: too_long,
        scan: too_long,
    });
    let deploy = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/services/deploy__upload-binary.json"),
    )
    .unwrap();
    cases.push(Case {
        name: "services/deploy__upload-binary.json".into(),
        body: deploy,
        parse: OkText(true, "SUCCESS", Some("success")),
        scan: OkText(true, "SUCCESS", Some("success")),
        marker: None,
    });
    let deepest = nested(128).into_bytes();
    cases.push(Case {
        name: "depth_128".into(),
        body: deepest,
        parse: OK,
        scan: OK,
        marker: None,
    });
    let too_deep = nested(129);
    let marker = too_deep.find('[').map(|at| at + 127);
    let limit = Err(ErrorKind::DepthLimit, None);
    cases.push(Case {
        name: "depth_129".into(),
        body: too_deep.into_bytes(),
        parse: limit,
        scan: limit,
        marker,
    });
    cases
}

fn bytes(out: &mut String, bytes: &[u8]) {
    // One element more than the data: C has no empty arrays.
    for (i, byte) in bytes.iter().chain([&0]).enumerate() {
        let separator = if i % 24 == 23 { ",\n" } else { "," };
        write!(out, "{byte}{separator}").unwrap();
    }
}

fn expect(
    out: &mut String,
    expect: Expect,
    marker: Option<usize>,
    message_array: &str,
    code_array: &str,
) {
    let (is_successful, code, text, message) = match expect {
        Ok(is_successful, code, message) => (is_successful, code, None, message),
        OkText(is_successful, text, message) => (is_successful, 0, Some(text), message),
        Err(kind, field) => {
            let kind = kind as u32 + 1;
            let field = field.map_or(0, |field| field as u32 + 1);
            let offset = marker.expect("an error row marks its offset");
            write!(
                out,
                "{{{kind}, {field}, {offset}, false, 0, false, NULL, 0, false, NULL, 0}}"
            )
            .unwrap();
            return;
        }
    };
    let (has, array, len) = match message {
        Some(message) => (true, message_array, message.len()),
        None => (false, "NULL", 0),
    };
    let (is_text, code_array, code_len) = match text {
        Some(text) => (true, code_array, text.len()),
        None => (false, "NULL", 0),
    };
    // C has no negative literals: -2147483648 would be a wider type.
    let code = if code == i32::MIN {
        "INT32_MIN".to_string()
    } else {
        code.to_string()
    };
    write!(
        out,
        "{{0, 0, 0, {is_successful}, {code}, {has}, {array}, {len}, {is_text}, {code_array}, {code_len}}}"
    )
    .unwrap();
}

fn message(expect: Expect) -> Option<&'static str> {
    match expect {
        Ok(_, _, message) | OkText(_, _, message) => message,
        Err(..) => None,
    }
}

fn code_text(expect: Expect) -> Option<&'static str> {
    match expect {
        OkText(_, text, _) => Some(text),
        Ok(..) | Err(..) => None,
    }
}

/// What every case holds: what `parse` and `scan` must return for a body.
const CASE_TYPES: &str = "#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include \"nhncloud_header.h\"

struct nh_expect {
    nhncloud_header_result result;
    uint32_t field;
    size_t offset;
    bool is_successful;
    int32_t result_code;
    bool has_message;
    const uint8_t *message;
    size_t message_len;
    bool code_is_text;
    const uint8_t *code;
    size_t code_len;
};

struct nh_case {
    const char *name;
    const uint8_t *body;
    size_t len;
    struct nh_expect parse;
    struct nh_expect scan;
};

";

fn generate() -> String {
    let cases = all_cases();
    let mut out = String::from(
        "/* Generated by tests/c_cases.rs from tests/common/rule_rows.in and tests/data:\n \
         * do not edit. NHNCLOUD_HEADER_BLESS=1 cargo test --test c_cases rewrites it. */\n\n",
    );
    out.push_str(CASE_TYPES);
    for (i, case) in cases.iter().enumerate() {
        write!(
            out,
            "/* {} */\nstatic const uint8_t body_{i}[] = {{\n",
            case.name
        )
        .unwrap();
        bytes(&mut out, &case.body);
        out.push_str("};\n");
        for (which, expect) in [("parse", case.parse), ("scan", case.scan)] {
            if let Some(message) = message(expect) {
                write!(out, "static const uint8_t {which}_message_{i}[] = {{").unwrap();
                bytes(&mut out, message.as_bytes());
                out.push_str("};\n");
            }
            if let Some(code) = code_text(expect) {
                write!(out, "static const uint8_t {which}_code_{i}[] = {{").unwrap();
                bytes(&mut out, code.as_bytes());
                out.push_str("};\n");
            }
        }
    }
    out.push_str("\nstatic const struct nh_case cases[] = {\n");
    for (i, case) in cases.iter().enumerate() {
        write!(
            out,
            "    {{\"{}\", body_{i}, {}, ",
            case.name,
            case.body.len()
        )
        .unwrap();
        let (parse_message, parse_code) = (format!("parse_message_{i}"), format!("parse_code_{i}"));
        let (scan_message, scan_code) = (format!("scan_message_{i}"), format!("scan_code_{i}"));
        expect(
            &mut out,
            case.parse,
            case.marker,
            &parse_message,
            &parse_code,
        );
        out.push_str(", ");
        expect(&mut out, case.scan, case.marker, &scan_message, &scan_code);
        out.push_str("},\n");
    }
    out.push_str("};\n");
    out
}

#[test]
fn c_cases_are_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ffi/tests/c/cases.h");
    let generated = generate();
    if std::env::var_os("NHNCLOUD_HEADER_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("writable ffi/tests/c/cases.h");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "ffi/tests/c/cases.h is stale: NHNCLOUD_HEADER_BLESS=1 cargo test --test c_cases"
    );
}

/// The C test checks that its cases reach every error kind, as the rows do
/// here: a kind no case expects would go untested through the C API.
#[test]
fn c_cases_reach_every_error_kind() {
    let cases = all_cases();
    for kind in ErrorKind::ALL {
        let reached = cases.iter().any(|case| {
            matches!(case.parse, Err(k, _) if k == kind)
                || matches!(case.scan, Err(k, _) if k == kind)
        });
        assert!(reached, "no C case expects {kind}");
    }
}
