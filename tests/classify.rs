//! Classification of `resultCode` against the Compute Instance error-code
//! table (tests/data/seed, copied from the service's documentation).

mod common;

use common::classify_reference::reference;
use nhncloud_header::{
    Advice, Api, Catalog, Category, Class, Codes, ComputeDetails, Entry, Remedy, Service, classify,
    parse,
};
use proptest::prelude::*;

fn ours(code: i32) -> (Class, Option<Api>, Option<u16>) {
    let ComputeDetails {
        class,
        api,
        http_status,
        remedy,
    } = ComputeDetails::of(code);
    assert_eq!(class, classify(code));
    assert_eq!(remedy, class.remedy());
    (class, api, http_status)
}

/// A code, its class, and for API errors the API and HTTP status.
type Row = (i32, Class, Option<(Api, u16)>);

#[test]
fn every_row_and_its_boundaries() {
    let rows: &[Row] = &[
        (0, Class::Success, None),
        (-1, Class::Fail, None),
        (-2, Class::UnknownException, None),
        (-3, Class::PermissionDenied, None),
        (-4, Class::InvalidParameters, None),
        (-5, Class::Nonexistent, None),
        (-6, Class::InternalDbFailure, None),
        (-7, Class::NotSupported, None),
        (-8, Class::JsonParsingError, None),
        (-9, Class::Unknown, None),
        (1, Class::Unknown, None),
        (400, Class::Unknown, None),
        (10399, Class::Unknown, None),
        (10400, Class::ApiError, Some((Api::Instance, 400))),
        (10404, Class::ApiError, Some((Api::Instance, 404))),
        (10499, Class::ApiError, Some((Api::Instance, 499))),
        (10500, Class::Unknown, None),
        (11401, Class::ApiError, Some((Api::Api, 401))),
        (12409, Class::ApiError, Some((Api::AvailabilityZone, 409))),
        (13400, Class::ApiError, Some((Api::Keypair, 400))),
        (14404, Class::Unknown, None),
        (20000, Class::Unknown, None),
        (20001, Class::NoAvailableIp, None),
        (20002, Class::Unknown, None),
        (20004, Class::NoAccessibleNetwork, None),
        (20399, Class::Unknown, None),
        (20400, Class::ApiError, Some((Api::Network, 400))),
        (21403, Class::ApiError, Some((Api::Subnet, 403))),
        (22404, Class::ApiError, Some((Api::FloatingIp, 404))),
        (23429, Class::ApiError, Some((Api::LoadBalancer, 429))),
        (24499, Class::ApiError, Some((Api::SecurityGroup, 499))),
        (30400, Class::ApiError, Some((Api::Image, 400))),
        (40413, Class::ApiError, Some((Api::Volume, 413))),
        (50400, Class::ApiError, Some((Api::Token, 400))),
        (50499, Class::ApiError, Some((Api::Token, 499))),
        (50500, Class::Unknown, None),
        (51400, Class::Unknown, None),
        (-10404, Class::Unknown, None),
        (i32::MIN, Class::Unknown, None),
        (i32::MAX, Class::Unknown, None),
    ];
    for &(code, class, api) in rows {
        let expected = (
            class,
            api.map(|(api, _)| api),
            api.map(|(_, status)| status),
        );
        assert_eq!(ours(code), expected, "code {code}");
        assert_eq!(
            reference(code),
            expected,
            "the reference itself, code {code}"
        );
    }
}

#[test]
fn classify_works_in_const_context() {
    const C: Class = classify(10404);
    const DETAILS: ComputeDetails = ComputeDetails::of(24403);
    const CATEGORY: Category = Catalog::COMPUTE.category(24403);
    assert_eq!(C, Class::ApiError);
    assert_eq!(DETAILS.api, Some(Api::SecurityGroup));
    assert_eq!(DETAILS.http_status, Some(403));
    assert_eq!(CATEGORY, Category::Forbidden);
}

#[test]
fn agrees_with_the_reference_on_every_code_near_the_table() {
    for code in -100_000..=100_000 {
        assert_eq!(ours(code), reference(code), "code {code}");
    }
}

proptest! {
    #[test]
    fn total_and_agrees_with_the_reference(code in any::<i32>()) {
        let (class, api, status) = ours(code);
        prop_assert_eq!((class, api, status), reference(code));
        prop_assert_eq!(status.is_some(), class == Class::ApiError);
        prop_assert!(status.is_none_or(|s| (400..=499).contains(&s)));
    }
}

#[test]
fn names_are_exactly_the_documented_ones() {
    let classes: Vec<_> = Class::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(
        classes,
        [
            "success",
            "fail",
            "unknown_exception",
            "permission_denied",
            "invalid_parameters",
            "nonexistent",
            "internal_db_failure",
            "not_supported",
            "json_parsing_error",
            "no_available_ip",
            "no_accessible_network",
            "api_error",
            "unknown"
        ]
    );
    let apis: Vec<_> = Api::ALL.iter().map(|a| a.name()).collect();
    assert_eq!(
        apis,
        [
            "instance",
            "api",
            "availability_zone",
            "keypair",
            "network",
            "subnet",
            "floating_ip",
            "load_balancer",
            "security_group",
            "image",
            "volume",
            "token"
        ]
    );
    for api in Api::ALL {
        assert_eq!(classify(api.thousand() * 1000 + 404), Class::ApiError);
        assert_eq!(
            ComputeDetails::of(api.thousand() * 1000 + 404).api,
            Some(api)
        );
    }
    assert_eq!(Class::InvalidParameters.to_string(), "invalid_parameters");
    assert_eq!(Api::FloatingIp.to_string(), "floating_ip");
    assert_eq!(Remedy::RetryAfterFix.to_string(), "retry_after_fix");
}

#[test]
fn remedies_follow_the_description_column() {
    let remedy = |code| classify(code).remedy();
    assert_eq!(remedy(0), Remedy::None);
    for code in [-1, -4, 10404, 11400, 50499] {
        assert_eq!(remedy(code), Remedy::RetryAfterFix, "{code}");
    }
    for code in [-2, -6, 20001] {
        assert_eq!(remedy(code), Remedy::ContactSupport, "{code}");
    }
    for code in [-3, -5, -7] {
        assert_eq!(remedy(code), Remedy::SeeDetail, "{code}");
    }
    assert_eq!(remedy(-8), Remedy::CheckRequestBody);
    assert_eq!(remedy(20004), Remedy::CheckNetworkId);
    assert_eq!(remedy(-9), Remedy::Unknown);
    let names: Vec<_> = [
        Remedy::None,
        Remedy::RetryAfterFix,
        Remedy::ContactSupport,
        Remedy::SeeDetail,
        Remedy::CheckRequestBody,
        Remedy::CheckNetworkId,
        Remedy::Unknown,
    ]
    .iter()
    .map(|r| r.name())
    .collect();
    assert_eq!(
        names,
        [
            "none",
            "retry_after_fix",
            "contact_support",
            "see_detail",
            "check_request_body",
            "check_network_id",
            "unknown"
        ]
    );
}

/// The seed table's rows: (resultCode cell, resultMessage cell, Description cell).
fn seed_rows(language: &str) -> Vec<(String, String, String)> {
    let path = format!(
        "{}/tests/data/seed/error-codes.{language}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| {
            line.starts_with("| ")
                && !line.starts_with("| isSuccessful")
                && !line.starts_with("| ---")
        })
        .map(|line| {
            let cells: Vec<_> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            (
                cells[1].to_string(),
                cells[2].to_string(),
                cells[3].to_string(),
            )
        })
        .collect()
}

/// The class of a table row, from its first code.
fn row_class(code_cell: &str) -> Class {
    classify(code_cell.split('~').next().unwrap().parse().unwrap())
}

#[test]
fn texts_are_the_tables_verbatim() {
    let japanese = seed_rows("ja");
    let english = seed_rows("en");
    assert_eq!(japanese.len(), 23);
    for ((code, message_ja, description_ja), (_, message_en, description_en)) in
        japanese.iter().zip(&english)
    {
        let class = row_class(code);
        assert_ne!(class, Class::Unknown, "row {code}");
        if class == Class::ApiError {
            let api = ComputeDetails::of(code.split('~').next().unwrap().parse().unwrap())
                .api
                .unwrap();
            assert_eq!(api.message_ja(), message_ja, "row {code}");
            assert_eq!(api.message(), message_en, "row {code}");
            assert_eq!(api.description_ja(), description_ja, "row {code}");
            if code != "11400~11499" {
                assert_eq!(
                    class.description_ja(),
                    Some(description_ja.as_str()),
                    "row {code}"
                );
            }
        } else {
            let head = message_ja.split(" [:").next().unwrap();
            assert_eq!(class.message(), Some(head), "row {code}");
            assert_eq!(
                class.description_ja(),
                Some(description_ja.as_str()),
                "row {code}"
            );
            assert_eq!(
                class.description(),
                Some(description_en.as_str()),
                "row {code}"
            );
        }
    }
    assert_eq!(
        Class::ApiError.description(),
        Some(
            english
                .iter()
                .find(|row| row.0 == "10400~10499")
                .unwrap()
                .2
                .as_str()
        )
    );
    for text in [
        Class::Unknown.message(),
        Class::Unknown.description(),
        Class::Unknown.description_ja(),
    ] {
        assert_eq!(text, None);
    }
}

fn header(is_successful: bool, code: i32, message: &str) -> String {
    format!(
        r#"{{"header":{{"isSuccessful":{is_successful},"resultCode":{code},"resultMessage":{message}}}}}"#
    )
}

#[test]
fn header_accessors() {
    let body = header(false, 22404, r#""Floating IP not found""#);
    let parsed = parse(body.as_bytes()).unwrap();
    let details = parsed.compute_details().unwrap();
    assert_eq!(details.class, Class::ApiError);
    assert_eq!(details.api, Some(Api::FloatingIp));
    assert_eq!(details.http_status, Some(404));
    assert_eq!(details.remedy, Remedy::RetryAfterFix);
    assert!(parsed.meaning(Service::Compute).consistent);

    let body = header(true, 0, r#""SUCCESS""#);
    let parsed = parse(body.as_bytes()).unwrap();
    let details = parsed.compute_details().unwrap();
    assert_eq!(
        (details.class, details.api, details.http_status),
        (Class::Success, None, None)
    );
    assert_eq!(details.remedy, Remedy::None);
    assert!(parsed.meaning(Service::Compute).consistent);

    for (is_successful, code) in [(true, -1), (false, 0), (true, 10404), (true, 12345)] {
        let body = header(is_successful, code, "null");
        assert!(
            !parse(body.as_bytes())
                .unwrap()
                .meaning(Service::Compute)
                .consistent,
            "{is_successful} {code}"
        );
    }
    // A string code has no Compute details.
    let body = header(false, 0, "null").replace("\"resultCode\":0", "\"resultCode\":\"0\"");
    assert_eq!(parse(body.as_bytes()).unwrap().compute_details(), None);
}

#[test]
fn detail_is_the_trimmed_text_after_the_first_colon() {
    let cases: &[(&str, Option<&str>)] = &[
        (r#""Invalid parameters : name""#, Some("name")),
        (r#""FAIL""#, None),
        (r#""FAIL :""#, None),
        (r#""FAIL : \t \n ""#, None),
        (r#""a:b : c ""#, Some("b : c")),
        (r#""Nonexistent:instance""#, Some("instance")),
        (r#""x \u003a escaped colon""#, Some("escaped colon")),
        (r#""x :\u0020\"quoted\"\t""#, Some("\"quoted\"")),
        (r#""権限がありません : トークン ""#, Some("トークン")),
        (r#""""#, None),
    ];
    for &(literal, expected) in cases {
        let body = header(false, -4, literal);
        let message = parse(body.as_bytes()).unwrap().result_message.unwrap();
        let detail = message.detail();
        assert_eq!(
            detail.map(|d| d.to_string()).as_deref(),
            expected,
            "{literal}"
        );
    }
}

/// Every string of up to five characters from colons, ASCII whitespace, a
/// letter and a two-byte character, raw and all escaped: `detail` gives the
/// naive answer on both paths (the raw one works on bytes).
#[test]
fn detail_matches_a_naive_reading_raw_and_escaped() {
    let alphabet = [':', ' ', '\t', 'a', '\u{e9}'];
    let mut strings = vec![String::new()];
    for _ in 0..5 {
        let longer: Vec<String> = strings
            .iter()
            .filter(|s| s.chars().count() == strings.last().unwrap().chars().count())
            .flat_map(|s| alphabet.iter().map(move |ch| format!("{s}{ch}")))
            .collect();
        strings.extend(longer);
    }
    assert_eq!(strings.len(), 1 + 5 + 25 + 125 + 625 + 3125);
    for text in &strings {
        let naive = text
            .split_once(':')
            .map(|(_, after)| after.trim_matches(|ch: char| ch.is_ascii_whitespace()))
            .filter(|detail| !detail.is_empty());
        let raw = serde_json::to_string(text).unwrap();
        let escaped: String = text
            .chars()
            .map(|ch| format!("\\u{:04x}", ch as u32))
            .collect();
        for literal in [raw, format!("\"{escaped}\"")] {
            let body = header(false, -4, &literal);
            let message = parse(body.as_bytes()).unwrap().result_message.unwrap();
            let detail = message.detail().map(|d| d.to_string());
            assert_eq!(detail.as_deref(), naive, "{literal}");
        }
    }
}

/// A table of your own whose codes clash with Compute's: adding it is
/// adding a `static` of rows and a `const` catalog, with no change to the
/// parser or to the lookup.
mod another_service {
    use super::*;

    /// Success is 200 here, not 0; 1000 a partial success; 20001 an
    /// authentication failure; 20400 to 20499 client errors.
    static ROWS: [Entry; 4] = [
        Entry::new(
            Codes::Integers {
                first: 200,
                last: 200,
            },
            Some(true),
            Category::Success,
            Advice::None,
            "OK",
            None,
        ),
        Entry::new(
            Codes::Integers {
                first: 1000,
                last: 1000,
            },
            Some(true),
            Category::PartialSuccess,
            Advice::CheckResult,
            "PARTIAL SUCCESS",
            None,
        ),
        Entry::new(
            Codes::Integers {
                first: 20001,
                last: 20001,
            },
            Some(false),
            Category::Unauthorized,
            Advice::Authenticate,
            "Authentication failed",
            Some("The token has expired."),
        ),
        Entry::new(
            Codes::Integers {
                first: 20400,
                last: 20499,
            },
            Some(false),
            Category::InvalidRequest,
            Advice::FixRequest,
            "Client error",
            None,
        ),
    ];

    const STORAGE: Catalog = match Catalog::new("storage", &ROWS) {
        Some(catalog) => catalog,
        None => panic!("the rows are in order"),
    };

    #[test]
    fn clashing_codes_mean_what_the_table_says() {
        const AUTH: Category = STORAGE.category(20001);
        assert_eq!(AUTH, Category::Unauthorized);
        assert_eq!(classify(20001), Class::NoAvailableIp);
        assert_eq!(STORAGE.category(200), Category::Success);
        assert_eq!(classify(200), Class::Unknown);
        assert_eq!(STORAGE.lookup(0), None);
        assert_eq!(STORAGE.category(20403), Category::InvalidRequest);
        assert_eq!(STORAGE.advice(20403), Advice::FixRequest);
        assert_eq!(STORAGE.lookup(i32::MIN), None);
        assert_eq!(STORAGE.name(), "storage");
        // A row of your own has no C string (its text has no NUL).
        assert_eq!(STORAGE.lookup(200).unwrap().message_c_str(), None);
        assert_eq!(
            STORAGE.lookup(20001).unwrap().description(),
            Some("The token has expired.")
        );
    }

    #[test]
    fn partial_success_is_reported_with_is_successful_true() {
        let body = header(true, 1000, r#""PARTIAL SUCCESS""#);
        let parsed = parse(body.as_bytes()).unwrap();
        let meaning = parsed.meaning_in(&STORAGE);
        assert_eq!(meaning.category, Category::PartialSuccess);
        assert!(meaning.consistent);
        // Under Compute's table the same header is inconsistent.
        assert!(!parsed.meaning(Service::Compute).consistent);
    }

    /// Rows out of order, overlapping, of two kinds, or a code's two rows
    /// of different readings are refused.
    #[test]
    fn a_table_out_of_order_is_refused() {
        static OVERLAP: [Entry; 2] = [
            Entry::new(
                Codes::Integers { first: 0, last: 10 },
                None,
                Category::Success,
                Advice::None,
                "a",
                None,
            ),
            Entry::new(
                Codes::Integers {
                    first: 10,
                    last: 12,
                },
                None,
                Category::Success,
                Advice::None,
                "b",
                None,
            ),
        ];
        static UNSORTED: [Entry; 2] = [
            Entry::new(
                Codes::Text("B"),
                None,
                Category::Success,
                Advice::None,
                "a",
                None,
            ),
            Entry::new(
                Codes::Text("A"),
                None,
                Category::Success,
                Advice::None,
                "b",
                None,
            ),
        ];
        static MIXED: [Entry; 2] = [
            Entry::new(
                Codes::Integers { first: 0, last: 0 },
                None,
                Category::Success,
                Advice::None,
                "a",
                None,
            ),
            Entry::new(
                Codes::Text("A"),
                None,
                Category::Success,
                Advice::None,
                "b",
                None,
            ),
        ];
        static BACKWARDS: [Entry; 1] = [Entry::new(
            Codes::Integers { first: 5, last: 4 },
            None,
            Category::Success,
            Advice::None,
            "a",
            None,
        )];
        static TWO_READINGS: [Entry; 2] = [
            Entry::new(
                Codes::Integers { first: 7, last: 7 },
                None,
                Category::NotFound,
                Advice::FixRequest,
                "a",
                None,
            ),
            Entry::new(
                Codes::Integers { first: 7, last: 7 },
                None,
                Category::NotFound,
                Advice::Retry,
                "b",
                None,
            ),
        ];
        static SAME_READING: [Entry; 2] = [
            Entry::new(
                Codes::Text("A"),
                None,
                Category::NotFound,
                Advice::FixRequest,
                "a",
                None,
            ),
            Entry::new(
                Codes::Text("A"),
                None,
                Category::NotFound,
                Advice::FixRequest,
                "b",
                None,
            ),
        ];
        for rows in [&OVERLAP[..], &UNSORTED, &MIXED, &BACKWARDS, &TWO_READINGS] {
            assert!(Catalog::new("x", rows).is_none(), "{rows:?}");
        }
        let catalog = Catalog::new("x", &SAME_READING).unwrap();
        assert_eq!(catalog.entries_of_text(&"A").len(), 2);
        assert!(Catalog::new("x", &[]).is_some());
    }
}
