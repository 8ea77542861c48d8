//! The header inside users' own serde types: `OwnedHeader<N>` with
//! serde_json (gateways) on every body `parse` accepts, escaped strings and
//! string codes included; the borrowed `Header<'a>` with serde-json-core
//! (devices), which lends escaped text for `Message` to decode.
#![cfg(feature = "serde")]

mod common;

use common::{CountingAllocator, corpus, count_allocations};
use nhncloud_header::{
    Advice, Api, Catalog, Category, Class, ErrorKind, Header, OwnedHeader, Remedy, ResultCode,
    Service, parse,
};
use proptest::prelude::*;
use serde::Deserialize;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// What a user writes: the header plus the parts of the body they need.
#[derive(Deserialize, Debug)]
struct Servers<'a> {
    #[serde(borrow)]
    header: Header<'a>,
    instances: heapless::Vec<Instance<'a>, 8>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Instance<'a> {
    id: &'a str,
    name: &'a str,
    status: &'a str,
}

/// Any response, header only.
#[derive(Deserialize, Debug)]
struct Response<'a> {
    #[serde(borrow)]
    header: Header<'a>,
}

#[derive(Deserialize, Debug)]
struct OwnedResponse {
    header: OwnedHeader<64>,
}

/// What `parse` gives, in the same room: what every serde path must give.
fn owned<const N: usize>(body: &[u8]) -> OwnedHeader<N> {
    OwnedHeader::from_header(&parse(body).unwrap()).unwrap()
}

const INSTANCES: &[u8] = include_bytes!(
    "data/compute-v1.0_instances-brief__TOAST-DOCS-Compute-Instance_en-old-api-guide.json"
);

#[test]
fn a_users_struct_with_both_deserializers() {
    let expected = Instance {
        id: "{Instance ID}",
        name: "{Instance Name}",
        status: "{Instance Status}",
    };
    let servers: Servers = serde_json::from_slice(INSTANCES).unwrap();
    assert_eq!(servers.header, parse(INSTANCES).unwrap());
    assert_eq!(servers.instances[0], expected);
    let ((servers, _), allocations) =
        count_allocations(|| serde_json_core::from_slice::<Servers>(INSTANCES).unwrap());
    assert_eq!(
        allocations, 0,
        "serde-json-core and the header allocate nothing"
    );
    assert_eq!(servers.header, parse(INSTANCES).unwrap());
    assert_eq!(servers.instances[0], expected);
}

#[test]
fn every_corpus_body_through_both_deserializers() {
    for (name, body) in corpus() {
        let expected = parse(&body).unwrap();
        let from_json: Response =
            serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(from_json.header, expected, "{name}");
        let (from_core, _) = serde_json_core::from_slice::<Response>(&body)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(from_core.header, expected, "{name}");
        let from_json: OwnedResponse = serde_json::from_slice(&body).unwrap();
        assert_eq!(from_json.header, owned::<64>(&body), "{name}");
        assert_eq!(from_json.header.result_message(), Some("SUCCESS"));
    }
}

/// The other services' documentation bodies (Deploy's string code and
/// `serverTime` among them), through the owned header and serde_json.
#[test]
fn every_service_body_through_the_owned_header() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/services");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|extension| extension != "json") {
            continue;
        }
        let body = std::fs::read(&path).unwrap();
        let from_json: OwnedResponse = serde_json::from_slice(&body)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(from_json.header, owned::<64>(&body), "{}", path.display());
        count += 1;
    }
    assert!(count > 30, "{count} bodies");
}

/// Deploy's string codes, escaped or not, first or last, with `serverTime`;
/// an unknown one; one too long for the room: what `parse` reads, and the
/// same reading in Deploy's table.
#[test]
fn string_codes_through_the_owned_header() {
    let bodies = [
        r#"{"header":{"isSuccessful":true,"serverTime":1533526167415,"resultCode":"SUCCESS","resultMessage":"success"},"body":{}}"#,
        r#"{"body":[{"deployKey":1}],"header":{"isSuccessful":false,"resultCode":"NOT_FOUND_OS","serverTime":1,"resultMessage":"The OS could not be found"}}"#,
        r#"{"header":{"resultCode":"NOT\u005fFOUND\u005FBINARY_INFO","resultMessage":"The binary is already deleted","isSuccessful":false}}"#,
        r#"{"header":{"isSuccessful":false,"resultCode":"NOT_IN_THE_TABLE","resultMessage":"x : \"y\""}}"#,
        r#"{"header":{"isSuccessful":false,"resultCode":"","resultMessage":null}}"#,
    ];
    for body in bodies {
        let from_json: OwnedResponse = serde_json::from_str(body).unwrap();
        let expected = owned::<64>(body.as_bytes());
        assert_eq!(from_json.header, expected, "{body}");
        assert!(from_json.header.result_code().text().is_some(), "{body}");
        assert_eq!(
            from_json.header.meaning(Service::Deploy),
            parse(body.as_bytes()).unwrap().meaning(Service::Deploy),
            "{body}"
        );
    }
    let header: OwnedHeader<64> = serde_json::from_str::<OwnedResponse>(bodies[2])
        .unwrap()
        .header;
    assert_eq!(
        header.result_code(),
        ResultCode::Text("NOT_FOUND_BINARY_INFO")
    );
    assert_eq!(header.meaning(Service::Deploy).advice, Advice::FixRequest);
    // A code longer than the room is an error that says so, never cut.
    let error = serde_json::from_str::<OwnedHeader<8>>(
        r#"{"isSuccessful":false,"resultCode":"NOT_FOUND_OS","resultMessage":null}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("longer than the 8 bytes"), "{error}");
    // The borrowed header asks serde-json-core for an integer: a string
    // code is its error (serde-json-core has no `deserialize_any`), never a
    // wrong answer; the owned header is not for serde-json-core.
    assert!(serde_json_core::from_str::<Response>(bodies[0]).is_err());
    assert!(
        serde_json_core::from_str::<OwnedResponse>(&header_json(
            r#""isSuccessful":true,"resultCode":0,"resultMessage":null"#
        ))
        .is_err()
    );
}

/// Generated bodies (escapes, non-ASCII text, string codes, keys in any
/// order): wherever `parse` accepts one and serde_json's own grammar does
/// too (it refuses a byte order mark), the owned header through serde_json
/// is `parse`'s.
mod generated {
    use super::*;

    proptest! {
        #![proptest_config(common::proptest_config(512))]
        #[test]
        fn the_owned_header_reads_what_parse_reads(body in common::generate::document()) {
            let Ok(header) = parse(&body) else { return Ok(()) };
            if body.starts_with(b"\xEF\xBB\xBF") {
                return Ok(());
            }
            let expected = OwnedHeader::<256>::from_header(&header).unwrap();
            #[derive(Deserialize)]
            struct Body {
                header: OwnedHeader<256>,
            }
            let from_json: Body = serde_json::from_slice(&body)
                .map_err(|error| TestCaseError::fail(format!("{error}: {:?}", String::from_utf8_lossy(&body))))?;
            prop_assert_eq!(from_json.header, expected);
        }
    }
}

fn header_json(fields: &str) -> String {
    format!(r#"{{"header":{{{fields}}},"instances":[]}}"#)
}

/// Each error through both deserializers, with `parse`'s verdict alongside.
fn rejected(fields: &str, parse_kind: ErrorKind) {
    let body = header_json(fields);
    assert_eq!(
        parse(body.as_bytes()).unwrap_err().kind(),
        parse_kind,
        "{fields}"
    );
    assert!(
        serde_json::from_str::<Response>(&body).is_err(),
        "serde_json accepted {fields}"
    );
    assert!(
        serde_json_core::from_str::<Response>(&body).is_err(),
        "serde-json-core accepted {fields}"
    );
    assert!(
        serde_json::from_str::<OwnedResponse>(&body).is_err(),
        "owned accepted {fields}"
    );
}

#[test]
fn the_same_field_rules_as_parse() {
    rejected(
        r#""isSuccessful":"true","resultCode":0,"resultMessage":null"#,
        ErrorKind::WrongType,
    );
    rejected(
        r#""isSuccessful":1,"resultCode":0,"resultMessage":null"#,
        ErrorKind::WrongType,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":true,"resultMessage":null"#,
        ErrorKind::WrongType,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":["0"],"resultMessage":null"#,
        ErrorKind::WrongType,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":1.5,"resultMessage":null"#,
        ErrorKind::InvalidResultCode,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":1e2,"resultMessage":null"#,
        ErrorKind::InvalidResultCode,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":2147483648,"resultMessage":null"#,
        ErrorKind::InvalidResultCode,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":-2147483649,"resultMessage":null"#,
        ErrorKind::InvalidResultCode,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":0,"resultMessage":5"#,
        ErrorKind::WrongType,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":0,"resultMessage":["x"]"#,
        ErrorKind::WrongType,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":0"#,
        ErrorKind::MissingField,
    );
    rejected(
        r#""resultCode":0,"resultMessage":null"#,
        ErrorKind::MissingField,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":0,"resultCode":1,"resultMessage":null"#,
        ErrorKind::DuplicateKey,
    );
    rejected(
        r#""isSuccessful":true,"isSuccessful":true,"resultCode":0,"resultMessage":null"#,
        ErrorKind::DuplicateKey,
    );
    rejected(
        r#""isSuccessful":true,"resultCode":0,"resultMessage":"a","resultMessage":"b""#,
        ErrorKind::DuplicateKey,
    );
}

#[test]
fn unknown_fields_are_skipped_and_edge_values_accepted() {
    let fields = r#""x":{"resultCode":"no"},"isSuccessful":false,"y":[1,null],"resultCode":-2147483648,"resultMessage":null"#;
    let body = header_json(fields);
    let expected = parse(body.as_bytes()).unwrap();
    assert_eq!(
        serde_json::from_str::<Response>(&body).unwrap().header,
        expected
    );
    assert_eq!(
        serde_json_core::from_str::<Response>(&body)
            .unwrap()
            .0
            .header,
        expected
    );
    // `-0` is the integer 0, as in `parse`.
    let body = header_json(r#""isSuccessful":true,"resultCode":-0,"resultMessage":"S""#);
    assert_eq!(
        serde_json::from_str::<Response>(&body)
            .unwrap()
            .header
            .result_code,
        0
    );
    assert_eq!(
        serde_json_core::from_str::<Response>(&body)
            .unwrap()
            .0
            .header
            .result_code,
        0
    );
}

const ESCAPED: &str = r#""isSuccessful":false,"resultCode":-4,"resultMessage":"Invalid parameters : \"name\"\n\u00e9""#;
const DECODED: &str = "Invalid parameters : \"name\"\n\u{e9}";

#[test]
fn an_escaped_message_borrows_from_serde_json_core_but_not_from_serde_json() {
    let body = header_json(ESCAPED);
    // serde-json-core lends the raw contents; the view decodes them.
    let (core, _) = serde_json_core::from_str::<Response>(&body).unwrap();
    assert_eq!(core.header, parse(body.as_bytes()).unwrap());
    assert_eq!(core.header.result_message.unwrap(), DECODED);
    // serde_json decodes into a buffer of its own: a clear error, not a wrong answer.
    let error = serde_json::from_str::<Response>(&body)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("cannot be borrowed") && error.contains("OwnedHeader"),
        "{error}"
    );
}

#[test]
fn the_owned_header_takes_every_message() {
    let body = header_json(ESCAPED);
    let from_json: OwnedResponse = serde_json::from_str(&body).unwrap();
    let header = from_json.header;
    assert_eq!(header.result_message(), Some(DECODED));
    assert!(!header.message_truncated());
    assert_eq!(header.detail(), Some("\"name\"\n\u{e9}"));
    assert_eq!(header, owned::<64>(body.as_bytes()));
    // serde-json-core decoding into its buffer cannot lend the borrowed kind.
    let mut unescape = [0; 64];
    assert!(serde_json_core::from_str_escaped::<Response>(&body, &mut unescape).is_err());
    // Too long for the room: cut on a character boundary, and flagged.
    let small: OwnedHeader<24> = serde_json::from_str(&format!("{{{ESCAPED}}}")).unwrap();
    assert_eq!(small.result_message(), Some("Invalid parameters : \"na"));
    assert!(small.message_truncated());
    // A string code takes its bytes first: the message has the rest.
    let small: OwnedHeader<24> = serde_json::from_str(
        r#"{"resultMessage":"The OS could not be found","isSuccessful":false,"resultCode":"NOT_FOUND_OS"}"#,
    )
    .unwrap();
    assert_eq!(small.result_code(), ResultCode::Text("NOT_FOUND_OS"));
    assert_eq!(
        (small.result_message(), small.message_truncated()),
        (Some("The OS could"), true)
    );
}

#[test]
fn serialize_round_trips_with_camel_case_keys() {
    let body = header_json(ESCAPED);
    let header = parse(body.as_bytes()).unwrap();
    let json = serde_json::to_string(&header).unwrap();
    assert_eq!(
        json,
        "{\"isSuccessful\":false,\"resultCode\":-4,\"resultMessage\":\"Invalid parameters : \\\"name\\\"\\n\u{e9}\"}"
    );
    let again = format!(r#"{{"header":{json}}}"#);
    assert_eq!(parse(again.as_bytes()).unwrap(), header);

    // serde-json-core serializes into a fixed buffer, without allocating.
    let mut buffer = [0u8; 128];
    let (written, allocations) =
        count_allocations(|| serde_json_core::to_slice(&header, &mut buffer).unwrap());
    assert_eq!(allocations, 0);
    let again = format!(
        r#"{{"header":{}}}"#,
        std::str::from_utf8(&buffer[..written]).unwrap()
    );
    assert_eq!(parse(again.as_bytes()).unwrap(), header);

    let body = header_json(r#""isSuccessful":true,"resultCode":0,"resultMessage":null"#);
    let null = parse(body.as_bytes()).unwrap();
    assert_eq!(
        serde_json::to_string(&null).unwrap(),
        r#"{"isSuccessful":true,"resultCode":0,"resultMessage":null}"#
    );
}

#[test]
fn owned_header_writes_its_truncation_flag() {
    let cut: OwnedHeader<4> = serde_json::from_str(
        r#"{"isSuccessful":false,"resultCode":-1,"resultMessage":"FAIL : x"}"#,
    )
    .unwrap();
    let json = serde_json::to_string(&cut).unwrap();
    assert_eq!(
        json,
        r#"{"isSuccessful":false,"resultCode":-1,"resultMessage":"FAIL","messageTruncated":true}"#
    );
    // Read back, the key is an unknown member (skipped) and "FAIL" fits.
    let again: OwnedHeader<4> = serde_json::from_str(&json).unwrap();
    assert_eq!(
        (again.result_message(), again.message_truncated()),
        (Some("FAIL"), false)
    );
}

#[test]
fn escaped_keys_match_through_both_deserializers() {
    let body =
        header_json(r#""is\u0053uccessful":true,"result\u0043ode":5,"resultMessag\u0065":"S""#);
    let expected = parse(body.as_bytes()).unwrap();
    assert_eq!(
        serde_json::from_str::<Response>(&body).unwrap().header,
        expected
    );
    assert_eq!(
        serde_json_core::from_str::<Response>(&body)
            .unwrap()
            .0
            .header,
        expected
    );
}

#[test]
fn a_member_named_message_truncated_is_skipped_like_any_other() {
    for value in [r#""x""#, "1", "null", "[1,{}]", r#"{"a":false}"#, "true"] {
        let body = header_json(&format!(
            r#""messageTruncated":{value},"isSuccessful":true,"resultCode":0,"resultMessage":"S""#
        ));
        assert!(parse(body.as_bytes()).is_ok());
        assert!(serde_json::from_str::<Response>(&body).is_ok(), "{value}");
        assert!(
            serde_json_core::from_str::<Response>(&body).is_ok(),
            "{value}"
        );
        let owned = serde_json::from_str::<OwnedResponse>(&body).unwrap();
        assert!(!owned.header.message_truncated(), "{value}");
    }
}

#[test]
fn names_serialize_as_snake_case() {
    assert_eq!(
        serde_json::to_string(&Class::ApiError).unwrap(),
        r#""api_error""#
    );
    assert_eq!(
        serde_json::to_string(&Api::AvailabilityZone).unwrap(),
        r#""availability_zone""#
    );
    assert_eq!(
        serde_json::to_string(&Remedy::RetryAfterFix).unwrap(),
        r#""retry_after_fix""#
    );
    assert_eq!(
        serde_json::to_string(&ErrorKind::InvalidUtf8).unwrap(),
        r#""invalid_utf8""#
    );
    assert_eq!(
        serde_json::to_string(&Advice::RetryLater).unwrap(),
        r#""retry_later""#
    );
}

/// Services and categories go both ways by their stable names, through both
/// deserializers; anything else is refused with the value it got.
#[test]
fn services_and_categories_round_trip_by_name() {
    for service in Service::ALL {
        let json = serde_json::to_string(&service).unwrap();
        assert_eq!(json, format!("\"{}\"", service.name()));
        assert_eq!(serde_json::from_str::<Service>(&json).unwrap(), service);
        let (core, _) = serde_json_core::from_str::<Service>(&json).unwrap();
        assert_eq!(core, service);
    }
    for category in Category::ALL {
        let json = serde_json::to_string(&category).unwrap();
        assert_eq!(json, format!("\"{}\"", category.name()));
        assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), category);
    }
    for advice in Advice::ALL {
        let json = serde_json::to_string(&advice).unwrap();
        assert_eq!(json, format!("\"{}\"", advice.name()));
        assert_eq!(serde_json::from_str::<Advice>(&json).unwrap(), advice);
    }
    let error = serde_json::from_str::<Service>(r#""Push""#).unwrap_err();
    assert!(error.to_string().contains("Push"), "{error}");
    assert!(serde_json::from_str::<Category>(r#""not-found""#).is_err());
    assert!(serde_json::from_str::<Service>("3").is_err());
}

#[test]
fn an_entry_serializes_with_its_category_advice_and_retryable() {
    let entry = Catalog::PUSH.lookup(50001).unwrap();
    assert_eq!(
        serde_json::to_string(entry).unwrap(),
        r#"{"first":50001,"last":50501,"isSuccessful":false,"category":"server_error","advice":"contact_support","retryable":false,"message":"Internal Error. Please report this. 'https://toast.com/support/inquiry'.","description":null}"#
    );
    let entry = Catalog::DEPLOY.lookup_text("NOT_FOUND_OS").unwrap();
    assert_eq!(
        serde_json::to_string(entry).unwrap(),
        r#"{"code":"NOT_FOUND_OS","isSuccessful":null,"category":"not_found","advice":"fix_request","retryable":false,"message":"The OS could not be found","description":null}"#
    );
    let meaning = Service::Cdn.meaning(30001, false);
    assert_eq!(
        serde_json::to_string(&meaning).unwrap(),
        r#"{"known":true,"category":"limit_exceeded","advice":"retry_later","retryable":true,"consistent":true,"description":"Purge usage has exceeded. Please try again later."}"#
    );
    let entry = Service::Cdn.lookup(20001).unwrap();
    let value: serde_json::Value = serde_json::to_value(entry).unwrap();
    assert_eq!(value["isSuccessful"], serde_json::Value::Null);
    assert_eq!(value["category"], "unauthorized");
    assert_eq!(value["retryable"], false);
    assert_eq!(value["message"], "Failed to authenticate with AppKey.");
    assert_eq!(value["description"], "Appkey is not valid.");
}
