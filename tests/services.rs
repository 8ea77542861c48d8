//! Documentation example bodies of the other services
//! (`tests/data/services`, sources in its SOURCES.md) through `parse`,
//! `scan`, `locate`, the streaming parser and the tool with `--service`,
//! and the codes that clash between services.

mod common;

use std::path::PathBuf;
#[cfg(feature = "cli")]
use std::process::Command;

use common::reference::{Reference, judge};
use common::streaming::{agree, one_shot, stream};
use nhncloud_header::{
    Advice, Catalog, Category, Class, ComputeDetails, Header, Mode, ResultCode, Service, classify,
    locate, parse, scan,
};
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

/// One line of `tests/data/services/manifest.tsv`.
struct Example {
    file: String,
    service: Service,
    position: String,
    body: Vec<u8>,
}

fn services_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/services")
}

fn examples() -> Vec<Example> {
    let manifest = std::fs::read_to_string(services_dir().join("manifest.tsv")).unwrap();
    let examples: Vec<Example> = manifest
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let service = Service::from_name(fields[1])
                .unwrap_or_else(|| panic!("manifest: no service {:?}", fields[1]));
            Example {
                file: fields[0].to_owned(),
                service,
                position: fields[2].to_owned(),
                body: std::fs::read(services_dir().join(fields[0])).unwrap(),
            }
        })
        .collect();
    let mut listed: Vec<&str> = examples
        .iter()
        .map(|example| example.file.as_str())
        .collect();
    listed.sort_unstable();
    let mut present: Vec<String> = std::fs::read_dir(services_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    present.sort_unstable();
    assert_eq!(
        listed, present,
        "every body is in the manifest, and only those"
    );
    examples
}

/// The top-level keys of a body, in order.
fn top_level_keys(body: &[u8]) -> Vec<String> {
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some((key, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
                keys.push(key);
            }
            Ok(keys)
        }
    }
    serde_json::Deserializer::from_slice(body)
        .deserialize_map(Keys)
        .unwrap()
}

/// Every service but Compute has bodies here, header first and header last
/// among them; each body sits where the manifest says.
#[test]
fn the_examples_cover_every_service_and_position() {
    let examples = examples();
    for service in &Service::ALL[1..] {
        assert!(
            examples.iter().any(|example| example.service == *service),
            "no example of {service}"
        );
    }
    for example in &examples {
        let keys = top_level_keys(&example.body);
        let at = keys.iter().position(|key| key == "header").unwrap();
        let position = match (at, keys.len()) {
            (0, 1) => "only",
            (0, _) => "first",
            (at, len) if at + 1 == len => "last",
            _ => "middle",
        };
        assert_eq!(position, example.position, "{}", example.file);
    }
    for position in ["only", "first", "last"] {
        assert!(
            examples.iter().any(|example| example.position == position),
            "no example with the header {position}"
        );
    }
}

/// `parse`, `scan`, `locate` and the stream (in one chunk, in 7-byte chunks,
/// byte by byte) give the reference's header for every example.
#[test]
fn every_example_through_every_reader() {
    for example in examples() {
        let name = &example.file;
        let body = &example.body[..];
        let Reference::Header {
            is_successful,
            result_code,
            result_message,
        } = judge(body)
        else {
            panic!("{name}: the reference rejects it");
        };
        let parsed = parse(body).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(parsed.is_successful, is_successful, "{name}");
        assert_eq!(
            parsed.result_code.map(|text| text.to_string()),
            result_code,
            "{name}"
        );
        assert_eq!(
            parsed
                .result_message
                .map(|message| message.chars().collect::<String>()),
            result_message,
            "{name}"
        );
        assert_eq!(scan(body), Ok(parsed), "{name}");
        assert_eq!(locate(body), Ok(parsed), "{name}");
        for mode in [Mode::Parse, Mode::Scan] {
            let expected = one_shot(mode, body);
            let whole = stream::<256>(mode, [body]);
            let sevens = stream::<256>(mode, body.chunks(7));
            let bytes = stream::<256>(mode, body.chunks(1));
            for streamed in [whole, sevens, bytes] {
                agree(&expected, &streamed).unwrap_or_else(|error| panic!("{name}: {error}"));
            }
        }
    }
}

/// What each example's code means in its own service: what the tables
/// say, checked by hand for the documented codes.
#[test]
fn every_example_reads_in_its_own_service() {
    let mut checked = 0;
    for example in examples() {
        let header = parse(&example.body).unwrap();
        let name = &example.file;
        let meaning = header.meaning(example.service);
        let entry = meaning.entry;
        assert_eq!(
            meaning.category,
            entry.map_or(Category::Unspecified, |entry| entry.category()),
            "{name}"
        );
        if header.result_code == 0 || header.result_code == "SUCCESS" {
            assert_eq!(meaning.category, Category::Success, "{name}");
            assert_eq!(meaning.advice, Advice::None, "{name}");
            assert!(meaning.consistent, "{name}");
            checked += 1;
        }
        let Some(code) = header.result_code.integer() else {
            continue;
        };
        let expected = match (name.as_str(), code) {
            // The common-information page's illustration: a code the error
            // table does not list.
            ("notification-hub__common-failure.json", 400629) => None,
            ("face-recognition__common-failure.json", -40000) => Some(Category::InvalidRequest),
            ("certificate-manager__download-by-name-failure.json", 52000) => {
                Some(Category::NotFound)
            }
            // The failure example of the management API answers 400 with
            // an error list: a code its table does not list.
            ("api-gateway__common-failure.json", 400) => None,
            // 52009 is in a later version of the guide than the table
            // shipped (see certificate-manager.tsv).
            ("certificate-manager__download-by-id-failure.json", 52009) => None,
            // The guide's placeholder: `"resultCode": 5` with success.
            ("role__common-response.json", 5) => None,
            (_, 0) => continue,
            (_, code) => panic!("{name}: code {code} has no expectation here"),
        };
        assert_eq!(entry.map(|entry| entry.category()), expected, "{name}");
        checked += 1;
    }
    assert!(checked >= 30, "{checked}");
}

#[cfg(feature = "cli")]
fn tool(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nhncloud-header"))
        .args(args)
        .output()
        .unwrap()
}

/// The tool with `--service` gives each example its service's reading, in
/// `--json` and readable form, whole and in chunks.
#[cfg(feature = "cli")]
#[test]
fn the_tool_reads_every_example_in_its_service() {
    for example in examples() {
        let path = services_dir().join(&example.file);
        let path = path.to_str().unwrap();
        let service = example.service.name();
        let header = parse(&example.body).unwrap();
        let meaning = header.meaning(example.service);
        for extra in [&[][..], &["--chunk", "5"], &["--scan"], &["--locate"]] {
            let mut args = vec!["--json", "--service", service, path];
            args.extend_from_slice(extra);
            let output = tool(&args);
            let line: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            assert_eq!(line["service"], service, "{path} {extra:?}");
            assert_eq!(line["known"], meaning.known, "{path}");
            assert_eq!(line["category"], meaning.category.name(), "{path}");
            assert_eq!(line["advice"], meaning.advice.name(), "{path}");
            assert_eq!(line["retryable"], meaning.retryable(), "{path}");
            assert_eq!(line["consistent"], meaning.consistent, "{path}");
            assert_eq!(
                line["resultCode"],
                serde_json::to_value(header.result_code).unwrap(),
                "{path}"
            );
            // Compute's keys for Compute alone.
            let compute = header
                .compute_details()
                .filter(|_| example.service == Service::Compute);
            match compute {
                Some(details) => {
                    assert_eq!(line["class"], details.class.name(), "{path}");
                    assert_eq!(line["remedy"], details.remedy.name(), "{path}");
                }
                None => {
                    for key in ["class", "api", "httpStatus", "remedy"] {
                        assert!(line.get(key).is_none(), "{path}: {key}");
                    }
                }
            }
            match meaning.table_text() {
                Some(text) => assert_eq!(line["description"], text, "{path}"),
                None => assert_eq!(line["description"], serde_json::Value::Null, "{path}"),
            }
        }
        let readable = String::from_utf8(tool(&["--service", service, path]).stdout).unwrap();
        let reading = format!(" {} {}", meaning.category, meaning.advice);
        assert!(readable.contains(&reading), "{readable}");
        assert_eq!(
            readable.contains("| compute:"),
            example.service == Service::Compute,
            "{readable}"
        );
    }
}

#[cfg(feature = "cli")]
#[test]
fn the_tool_lists_services_and_refuses_unknown_ones() {
    let output = tool(&["--service", "list"]);
    assert!(output.status.success());
    let names: Vec<&str> = std::str::from_utf8(&output.stdout)
        .unwrap()
        .lines()
        .collect();
    let expected: Vec<&str> = Service::ALL.iter().map(|service| service.name()).collect();
    assert_eq!(names, expected);
    // A usage error: clap's message, with the names it takes.
    let output = tool(&["--service", "Push", "-"]);
    assert_eq!(output.status.code(), Some(64));
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(
        error.contains("invalid value 'Push' for '--service <NAME>'")
            && error.contains("notification-hub"),
        "{error}"
    );
}

fn header(code: i32, is_successful: bool) -> Header<'static> {
    Header {
        is_successful,
        result_code: ResultCode::Integer(code),
        result_message: None,
    }
}

/// The same number means what its own service says.
#[test]
fn clashing_codes_keep_each_services_meaning() {
    let meaning = |service: Service, code: i32| {
        let entry = service.lookup(code).unwrap();
        (entry.message(), entry.category())
    };
    assert_eq!(
        meaning(Service::Compute, 20001),
        ("No available IP", Category::Unspecified)
    );
    assert_eq!(
        meaning(Service::Cdn, 20001),
        (
            "Failed to authenticate with AppKey.",
            Category::Unauthorized
        )
    );
    assert_eq!(meaning(Service::Role, 20001).1, Category::InvalidRequest);
    assert!(meaning(Service::Role, 20001).0.contains("조건 속성 ID"));
    assert_eq!(
        meaning(Service::Sms, -2001),
        ("RecipientList can not be null.", Category::InvalidRequest)
    );
    assert_eq!(
        meaning(Service::Email, -2001),
        (
            "The 'receiverList' or 'receiver' is required.",
            Category::InvalidRequest
        )
    );
    let kakaotalk = Service::KakaotalkBizmessage.lookup(-2001).unwrap();
    assert_eq!(
        kakaotalk.description(),
        Some("Specified field value is empty")
    );
    // Compute's -1, CDN's -1, the API Gateway's and Document Recognizer's.
    for service in [
        Service::Compute,
        Service::Cdn,
        Service::ApiGateway,
        Service::DocumentRecognizer,
    ] {
        assert_eq!(service.category(-1), Category::Unspecified, "{service}");
    }
    // Push's 40401 sits in Compute's volume API range.
    assert_eq!(Service::Push.category(40401), Category::NotFound);
    assert_eq!(
        Service::Push.lookup(40401).unwrap().message(),
        "Client Error. Not found."
    );
    assert_eq!(classify(40401), Class::ApiError);
    assert_eq!(
        Service::Compute.lookup(40401).unwrap().message(),
        "Volume API error message"
    );
    // Push's one range spans Compute's token API range; its words say to
    // report it, so it is not retried.
    let internal = Service::Push.lookup(50450).unwrap();
    assert_eq!(
        internal.codes(),
        nhncloud_header::Codes::Integers {
            first: 50001,
            last: 50501
        }
    );
    assert_eq!(internal.category(), Category::ServerError);
    assert_eq!(internal.advice(), Advice::ContactSupport);
    assert_eq!(Service::Compute.category(50450), Category::InvalidRequest);
    // The issue's contradiction, gone: -2 is one verdict, and no retry.
    let unknown = header(-2, false).meaning(Service::Compute);
    assert_eq!(
        (unknown.category, unknown.advice, unknown.retryable()),
        (Category::ServerError, Advice::ContactSupport, false)
    );
    assert_eq!(
        ComputeDetails::of(-2).remedy,
        nhncloud_header::Remedy::ContactSupport
    );
    // A Push 40402 is Push's, whatever Compute's volume API says of it.
    let push = header(40402, false).meaning(Service::Push);
    assert_eq!(push.category, Category::NotFound);
    assert_eq!(
        push.entry.unwrap().message(),
        "Client Error. Not found certificate."
    );
}

/// A string code read by a service of integers, or an integer by Deploy:
/// unknown to the table, never success, never malformed.
#[test]
fn string_codes_and_integer_services() {
    let body =
        br#"{"header":{"isSuccessful":true,"resultCode":"SUCCESS","resultMessage":"success"}}"#;
    let success = parse(body).unwrap();
    for service in Service::ALL {
        let meaning = success.meaning(service);
        if service == Service::Deploy {
            assert_eq!(meaning.category, Category::Success);
            assert!(meaning.consistent);
        } else {
            assert!(!meaning.known, "{service}");
            assert_eq!(meaning.category, Category::Unspecified, "{service}");
            assert!(
                !meaning.consistent,
                "{service}: isSuccessful true for an unknown code"
            );
        }
    }
    let meaning = header(0, true).meaning(Service::Deploy);
    assert!(!meaning.known && !meaning.consistent);
    assert_eq!(meaning.category, Category::Unspecified);
    assert!(Catalog::DEPLOY.entries_of(0).is_empty());
    // Deploy's every row, by its text.
    assert_eq!(Catalog::DEPLOY.entries().len(), 11);
    assert_eq!(
        Catalog::DEPLOY
            .entries_of_text(&"NOT_FOUND_BINARY_INFO")
            .len(),
        2
    );
    assert_eq!(
        Catalog::DEPLOY
            .lookup_text("ALREADY_UPLOADED_VERSION")
            .unwrap()
            .category(),
        Category::Conflict
    );
}

/// Success other than 0, partial success and partial failure, and whether
/// `isSuccessful` agrees.
#[test]
fn success_and_partial_codes() {
    let consistent = |code, ok, service| header(code, ok).meaning(service).consistent;
    let email = Catalog::EMAIL.lookup(1000).unwrap();
    assert_eq!(
        (email.is_successful(), email.category(), email.advice()),
        (Some(true), Category::PartialSuccess, Advice::CheckResult)
    );
    assert!(consistent(1000, true, Service::Email));
    assert!(!consistent(1000, false, Service::Email));
    assert_eq!(Service::Leaderboard.category(1), Category::Success);
    assert!(consistent(1, true, Service::Leaderboard));
    assert!(!consistent(1, false, Service::Leaderboard));
    let hub = Catalog::NOTIFICATION_HUB.lookup(400000).unwrap();
    assert_eq!(
        (hub.is_successful(), hub.category(), hub.message()),
        (Some(false), Category::PartialSuccess, "Partial Failure")
    );
    assert!(consistent(400000, false, Service::NotificationHub));
    // Compute: unchanged, 0 alone is success.
    assert!(consistent(0, true, Service::Compute));
    assert!(!consistent(20001, true, Service::Compute));
    assert_eq!(
        header(10404, false).meaning(Service::Compute).category,
        Category::NotFound
    );
}

/// A code the table gives several messages for: every row comes back, and
/// the tool names the one the body carries.
#[test]
fn a_code_with_several_messages() {
    let rows = Catalog::NOTIFICATION_HUB.entries_of(400001);
    assert_eq!(rows.len(), 68);
    assert!(
        rows.iter()
            .all(|row| row.category() == Category::InvalidRequest)
    );
    assert_eq!(rows[0].message(), "The number of contacts is exceeded.");
    assert_eq!(Catalog::NOTIFICATION_HUB.lookup(400001), rows.first());
}

/// The tool names the row whose message the body carries, and none when no
/// row has it.
#[cfg(feature = "cli")]
#[test]
fn the_tool_picks_the_row_of_the_message() {
    let dir = std::env::temp_dir().join(format!("nhncloud-header-services-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let known = dir.join("known.json");
    std::fs::write(
        &known,
        r#"{"header":{"isSuccessful":false,"resultCode":400001,"resultMessage":"Invalid phone number pattern."}}"#,
    )
    .unwrap();
    let other = dir.join("other.json");
    std::fs::write(
        &other,
        r#"{"header":{"isSuccessful":false,"resultCode":400001,"resultMessage":"Something else."}}"#,
    )
    .unwrap();
    let output = tool(&[
        "--json",
        "--service",
        "notification-hub",
        known.to_str().unwrap(),
        other.to_str().unwrap(),
    ]);
    let lines: Vec<serde_json::Value> = output
        .stdout
        .split(|&byte| byte == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).unwrap())
        .collect();
    assert_eq!(lines[0]["description"], "Invalid phone number pattern.");
    assert_eq!(lines[1]["description"], serde_json::Value::Null);
    assert_eq!(lines[1]["known"], true);
    assert_eq!(lines[1]["category"], "invalid_request");
    std::fs::remove_dir_all(&dir).unwrap();
}
