//! The bundled corpus: response bodies copied verbatim from NHN Cloud's
//! public documentation (sources in tests/data/SOURCES.md).

mod common;

use common::{CountingAllocator, corpus, count_allocations};
use nhncloud_header::{ErrorKind, parse, scan};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

#[test]
fn every_body_parses_and_scans_to_the_documented_success_header() {
    for (name, body) in corpus() {
        for (function, result) in [("parse", parse(&body)), ("scan", scan(&body))] {
            let header = result.unwrap_or_else(|e| panic!("{function} {name}: {e}"));
            assert!(header.is_successful, "{function} {name}");
            assert_eq!(header.result_code, 0, "{function} {name}");
            let message = header.result_message.expect("a message");
            assert_eq!(message, "SUCCESS", "{function} {name}");
            assert_eq!(message.as_str(), Some("SUCCESS"), "{function} {name}");
        }
    }
}

#[test]
fn every_body_agrees_with_the_reference() {
    for (name, body) in corpus() {
        let reference = common::reference::judge(&body);
        common::reference::agrees(&parse(&body), &reference)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn every_body_has_its_source_recorded() {
    let sources = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/SOURCES.md"
    ))
    .unwrap();
    for (name, _) in corpus() {
        assert!(
            sources.contains(&format!("| {name} |")),
            "{name} is not in SOURCES.md"
        );
    }
}

/// Every prefix that stops before the final `}` is incomplete: `parse` says
/// where it ended. `scan` succeeds exactly from the prefix that includes the
/// header's closing brace.
#[test]
fn every_prefix_of_every_body_is_an_error_not_a_panic() {
    for (name, body) in corpus() {
        let header_end = (1..=body.len())
            .find(|&n| scan(&body[..n]).is_ok())
            .expect("scan succeeds on the whole body");
        assert_eq!(
            body[header_end - 1],
            b'}',
            "{name}: scan stops at the header's closing brace"
        );
        let complete = body.trim_ascii_end().len();
        for n in 0..complete {
            let prefix = &body[..n];
            let ((parsed, scanned), allocations) =
                count_allocations(|| (parse(prefix), scan(prefix)));
            assert_eq!(allocations, 0);
            let error = parsed.expect_err("a prefix without the final brace is incomplete");
            let only_space = prefix.iter().all(u8::is_ascii_whitespace);
            let expected = if only_space {
                ErrorKind::Empty
            } else {
                ErrorKind::UnexpectedEnd
            };
            assert_eq!(
                (error.kind(), error.offset()),
                (expected, n),
                "{name}, prefix of {n} bytes"
            );
            match scanned {
                Ok(header) => {
                    assert!(n >= header_end, "{name}: scan succeeded on {n} bytes");
                    assert_eq!(Ok(header), parse(&body), "{name}, prefix of {n} bytes");
                }
                Err(scan_error) => {
                    assert!(
                        n < header_end,
                        "{name}: scan failed on {n} bytes: {scan_error}"
                    );
                    assert_eq!(scan_error, error, "{name}, prefix of {n} bytes");
                }
            }
        }
        for n in complete..=body.len() {
            assert!(parse(&body[..n]).is_ok(), "{name}: only whitespace follows");
        }
    }
}
