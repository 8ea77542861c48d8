//! The `nhncloud-header` tool, run as a user would: files, stdin, both
//! output formats and the exit statuses.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const TOOL: &str = env!("CARGO_BIN_EXE_nhncloud-header");
/// The keys of a `--json` line for every service, in order.
const KEYS_OK: [&str; 14] = [
    "file",
    "ok",
    "isSuccessful",
    "resultCode",
    "resultMessage",
    "detail",
    "service",
    "known",
    "category",
    "advice",
    "retryable",
    "consistent",
    "description",
    // Then Compute's details, for `--service compute` alone.
    "class",
];

/// Compute's details: `class` and these.
const COMPUTE_KEYS: [&str; 3] = ["api", "httpStatus", "remedy"];

/// A fresh directory for one test's input files.
fn scratch() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("nhncloud-header-cli-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path.to_string_lossy().into_owned()
}

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(TOOL)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A child that exits without reading (a usage error) closes the pipe.
    match child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        result => result.unwrap(),
    }
    child.wait_with_output().unwrap()
}

fn lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

fn json_lines(output: &Output) -> Vec<serde_json::Map<String, serde_json::Value>> {
    lines(output)
        .iter()
        .map(|line| match serde_json::from_str(line).unwrap() {
            serde_json::Value::Object(map) => map,
            other => panic!("not an object: {other}"),
        })
        .collect()
}

const NOT_FOUND: &str =
    r#"{"header":{"isSuccessful":false,"resultCode":10404,"resultMessage":"Not Found"}}"#;
const SUCCESS: &str =
    r#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"},"instances":[]}"#;
const INVALID: &str = r#"{"instances":[],"header":{"isSuccessful":false,"resultCode":-4,"resultMessage":"Invalid parameters : name"}}"#;
const BROKEN: &str = r#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"\x"}}"#;

#[test]
fn readable_line_per_file() {
    let dir = scratch();
    let files = [
        write(&dir, "servers.json", NOT_FOUND),
        write(&dir, "ok.json", SUCCESS),
        write(&dir, "bad.json", INVALID),
    ];
    let output = run(&files.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert_eq!(
        lines(&output),
        [
            format!(
                "{}: 10404 not_found fix_request \"Not Found\" | table: \"Instance API error message\" | compute: api_error instance HTTP 404 retry_after_fix",
                files[0]
            ),
            format!(
                "{}: 0 success none \"SUCCESS\" | compute: success none",
                files[1]
            ),
            format!(
                "{}: -4 invalid_request fix_request \"Invalid parameters : name\" | table: \"Invalid parameters [: detail description]\" | compute: invalid_parameters retry_after_fix",
                files[2]
            ),
        ]
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "an unsuccessful header exits 1"
    );
}

#[test]
fn json_objects_have_exactly_the_documented_keys() {
    let dir = scratch();
    let files = [
        write(&dir, "a.json", NOT_FOUND),
        write(&dir, "b.json", INVALID),
        write(&dir, "c.json", BROKEN),
    ];
    let output = run(&["--json", &files[0], &files[1], &files[2]], "");
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 3);
    for object in &objects[..2] {
        let keys: Vec<_> = object.keys().map(String::as_str).collect();
        let mut expected: Vec<_> = KEYS_OK.iter().chain(&COMPUTE_KEYS).copied().collect();
        expected.sort_unstable();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort_unstable();
        assert_eq!(keys_sorted, expected);
    }
    // Another service: the same keys, Compute's details left out.
    let push_output = run(&["--json", "--service", "push", &files[0]], "");
    let push = &json_lines(&push_output)[0];
    let mut keys: Vec<_> = push.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut expected: Vec<_> = KEYS_OK[..KEYS_OK.len() - 1].to_vec();
    expected.sort_unstable();
    assert_eq!(keys, expected);
    let a = &objects[0];
    assert_eq!(a["file"], files[0].as_str());
    assert_eq!(a["ok"], true);
    assert_eq!(a["isSuccessful"], false);
    assert_eq!(a["resultCode"], 10404);
    assert_eq!(a["resultMessage"], "Not Found");
    assert_eq!(a["detail"], serde_json::Value::Null);
    assert_eq!(a["class"], "api_error");
    assert_eq!(a["api"], "instance");
    assert_eq!(a["httpStatus"], 404);
    assert_eq!(a["remedy"], "retry_after_fix");
    assert_eq!(a["consistent"], true);
    assert_eq!(a["service"], "compute");
    assert_eq!(a["known"], true);
    assert_eq!(a["category"], "not_found");
    assert_eq!(a["advice"], "fix_request");
    assert_eq!(a["retryable"], false);
    assert_eq!(a["description"], "Instance API error message");
    let b = &objects[1];
    assert_eq!(
        (&b["class"], &b["detail"], &b["api"], &b["httpStatus"]),
        (
            &"invalid_parameters".into(),
            &"name".into(),
            &serde_json::Value::Null,
            &serde_json::Value::Null
        )
    );
    let c = &objects[2];
    assert_eq!(
        c.keys().map(String::as_str).collect::<Vec<_>>(),
        ["error", "file", "ok"]
    );
    assert_eq!(c["ok"], false);
    assert_eq!(
        c["error"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["column", "kind", "line", "message", "offset"]
    );
    assert_eq!(c["error"]["kind"], "invalid_escape");
    assert_eq!(c["error"]["offset"], 64);
    assert_eq!(
        (&c["error"]["line"], &c["error"]["column"]),
        (&1.into(), &65.into())
    );
    assert_eq!(c["error"]["message"], "invalid escape sequence");
    assert_eq!(output.status.code(), Some(2), "a malformed input exits 2");
}

#[test]
fn standard_input_with_no_file_or_a_dash() {
    for args in [&[][..], &["-"], &["--json", "-"]] {
        let output = run(args, SUCCESS);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let out = lines(&output);
        assert_eq!(out.len(), 1);
        assert!(
            out[0].starts_with("-: 0 success") || out[0].starts_with(r#"{"file":"-","ok":true"#),
            "{out:?}"
        );
    }
}

#[test]
fn null_message_and_inconsistent_header() {
    let body = r#"{"header":{"isSuccessful":true,"resultCode":-2,"resultMessage":null}}"#;
    let output = run(&[], body);
    assert_eq!(
        lines(&output),
        [
            "-: -2 server_error contact_support null | table: \"UNKNOWN EXCEPTION\" | compute: unknown_exception contact_support (inconsistent: isSuccessful true)"
        ]
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "an inconsistent header exits 1, though it says isSuccessful true"
    );
    let objects = json_lines(&run(&["--json"], body));
    assert_eq!(objects[0]["resultMessage"], serde_json::Value::Null);
    assert_eq!(objects[0]["consistent"], false);
}

#[test]
fn unreadable_file_is_reported_and_the_rest_still_processed() {
    let dir = scratch();
    let good = write(&dir, "good.json", SUCCESS);
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    let output = run(&[&missing, &good], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains(&missing));
    assert_eq!(
        lines(&output),
        [format!(
            "{good}: 0 success none \"SUCCESS\" | compute: success none"
        )]
    );

    let output = run(&["--json", &missing, &good], "");
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 2, "one object per input");
    assert_eq!(objects[0]["ok"], false);
    assert_eq!(objects[0]["error"]["kind"], "unreadable");
    assert_eq!(objects[0]["error"]["offset"], serde_json::Value::Null);
    assert_eq!(objects[1]["ok"], true);
}

#[test]
fn scan_stops_at_the_header_parse_reads_on() {
    let body = format!("{SUCCESS} trailing garbage");
    let output = run(&[], &body);
    assert_eq!(output.status.code(), Some(2));
    let at = SUCCESS.len() + 1;
    assert_eq!(
        lines(&output),
        [format!(
            "-: malformed (trailing_characters): more than whitespace after the top-level object at line 1, column {} (byte {at})",
            at + 1
        )]
    );
    let output = run(&["--scan"], &body);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        lines(&output),
        ["-: 0 success none \"SUCCESS\" | compute: success none"]
    );
}

#[test]
fn locate_follows_the_payload_and_validates_the_header() {
    // Invalid JSON before the header: `parse` and `scan` refuse it.
    let body = r#"{"servers": [1, 2,], "header": {"isSuccessful": true, "resultCode": 0, "resultMessage": "SUCCESS"}}"#;
    assert_eq!(run(&["--scan"], body).status.code(), Some(2));
    let output = run(&["--locate"], body);
    // In the small-code build `locate` is `scan`.
    if nhncloud_header::engines::Engine::Portable.is_available() {
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(
            lines(&output),
            ["-: 0 success none \"SUCCESS\" | compute: success none"]
        );
    } else {
        assert_eq!(output.stdout, run(&["--scan"], body).stdout);
    }
    // The header itself is still validated.
    let body = r#"{"servers": [], "header": {"isSuccessful": true, "resultCode": 0}}"#;
    let output = run(&["--locate", "--json"], body);
    assert_eq!(output.status.code(), Some(2));
    let objects = json_lines(&output);
    assert_eq!(objects[0]["error"]["kind"], "missing_field");
    // No streaming mode takes it.
    for other in ["--scan", "--chunk=64"] {
        let output = run(&["--locate", other], body);
        assert_eq!(output.status.code(), Some(64), "{other}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("cannot be used with"));
    }
}

#[test]
fn malformed_outranks_unsuccessful() {
    let dir = scratch();
    let files = [
        write(&dir, "a.json", NOT_FOUND),
        write(&dir, "b.json", BROKEN),
        write(&dir, "c.json", SUCCESS),
    ];
    let output = run(&[&files[0], &files[1], &files[2]], "");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(lines(&output).len(), 3);
}

#[test]
fn the_bundled_corpus_is_all_success() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    let output = run(&files.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert_eq!(output.status.code(), Some(0));
    let out = lines(&output);
    assert_eq!(out.len(), files.len());
    for (line, file) in out.iter().zip(&files) {
        assert_eq!(
            line,
            &format!("{file}: 0 success none \"SUCCESS\" | compute: success none")
        );
    }
}

#[test]
fn closed_output_pipe_is_not_an_error() {
    let dir = scratch();
    let file = write(&dir, "ok.json", SUCCESS);
    let many: Vec<&str> = std::iter::repeat_n(file.as_str(), 20_000).collect();
    let mut child = Command::new(TOOL)
        .args(&many)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn chunked_reading_gives_the_same_output() {
    let dir = scratch();
    let mut files: Vec<String> = [
        NOT_FOUND,
        SUCCESS,
        INVALID,
        BROKEN,
        &format!("{SUCCESS} trailing"),
    ]
    .iter()
    .enumerate()
    .map(|(i, body)| write(&dir, &format!("{i}.json"), body))
    .collect();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            files.push(path.to_string_lossy().into_owned());
        }
    }
    files.sort();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    for mode in [&[][..], &["--scan"]] {
        for format in [&[][..], &["--json"]] {
            let base: Vec<&str> = mode.iter().chain(format).copied().collect();
            let whole = run(&[&base[..], &files].concat(), "");
            for chunk in ["1", "7", "64", "100000"] {
                let chunked = run(&[&base[..], &["--chunk", chunk], &files].concat(), "");
                assert_eq!(lines(&chunked), lines(&whole), "{base:?} --chunk {chunk}");
                assert_eq!(chunked.status.code(), whole.status.code());
            }
        }
    }
    let output = run(&["--chunk", "5", "-"], NOT_FOUND);
    assert_eq!(
        lines(&output),
        [
            "-: 10404 not_found fix_request \"Not Found\" | table: \"Instance API error message\" | compute: api_error instance HTTP 404 retry_after_fix"
        ]
    );
}

#[test]
fn chunked_reading_flags_a_message_that_does_not_fit() {
    let long = "é".repeat(3000);
    let body = format!(
        r#"{{"header":{{"isSuccessful":false,"resultCode":-1,"resultMessage":"{long}"}}}}"#
    );
    let objects = json_lines(&run(&["--json", "--chunk", "64"], &body));
    assert_eq!(objects[0]["messageTruncated"], true);
    let message = objects[0]["resultMessage"].as_str().unwrap();
    assert_eq!(message.len(), 4096);
    assert!(long.starts_with(message));
    let whole = json_lines(&run(&["--json"], &body));
    assert!(!whole[0].contains_key("messageTruncated"));
    assert_eq!(whole[0]["resultMessage"], long.as_str());
    let output = run(&["--chunk", "64"], &body);
    assert!(lines(&output)[0].ends_with("(message truncated)"));
}

#[test]
fn chunk_size_must_be_positive() {
    let output = run(&["--chunk", "0"], SUCCESS);
    assert_eq!(output.status.code(), Some(64), "a usage error");
    assert!(lines(&output).is_empty());
}

/// A log as operators keep them: valid, failing and malformed bodies, a
/// blank line, CRLF endings, a line longer than the tool's 1 MiB line
/// buffer, and a last line without a newline.
fn mixed_log(dir: &Path) -> (String, usize) {
    let mut long = String::from(
        r#"{"header":{"isSuccessful":false,"resultCode":22404,"resultMessage":"Not Found : floating IP"},"floatingips":["#,
    );
    while long.len() < 3 << 20 {
        long += r#"{"id":"2b0a7d31-5f3c-4b7e-a8a9-1e7c5d6f4a20","status":"DOWN"},"#;
    }
    long.pop();
    long += "]}";
    let log = [
        SUCCESS,
        NOT_FOUND,
        "",
        INVALID,
        BROKEN,
        "   \r",
        &long,
        &format!("{NOT_FOUND}\r"),
        r#"{"header":{"isSuccessful":false,"resultCode":20001,"resultMessage":"No available IP"}}"#,
    ]
    .join("\n");
    (write(dir, "log.jsonl", &log), long.len())
}

#[test]
fn lines_one_result_per_line_with_its_number() {
    let dir = scratch();
    let (log, _) = mixed_log(&dir);
    let output = run(&["--lines", &log], "");
    assert_eq!(
        lines(&output),
        [
            format!("{log}:1: 0 success none \"SUCCESS\" | compute: success none"),
            format!(
                "{log}:2: 10404 not_found fix_request \"Not Found\" | table: \"Instance API error message\" | compute: api_error instance HTTP 404 retry_after_fix"
            ),
            format!(
                "{log}:4: -4 invalid_request fix_request \"Invalid parameters : name\" | table: \"Invalid parameters [: detail description]\" | compute: invalid_parameters retry_after_fix"
            ),
            format!(
                "{log}:5: malformed (invalid_escape): invalid escape sequence at column {} (byte {})",
                BROKEN.find("\\x").unwrap() + 2,
                BROKEN.find("\\x").unwrap() + 1
            ),
            format!(
                "{log}:7: 22404 not_found fix_request \"Not Found : floating IP\" | table: \"Floating IP API error message\" | compute: api_error floating_ip HTTP 404 retry_after_fix"
            ),
            format!(
                "{log}:8: 10404 not_found fix_request \"Not Found\" | table: \"Instance API error message\" | compute: api_error instance HTTP 404 retry_after_fix"
            ),
            format!(
                "{log}:9: 20001 unspecified contact_support \"No available IP\" | compute: no_available_ip contact_support"
            ),
        ]
    );
    assert_eq!(output.status.code(), Some(2), "a malformed line exits 2");
    assert!(
        output.stderr.is_empty(),
        "no progress bar when standard error is not a terminal"
    );
}

#[test]
fn lines_json_carries_the_line_next_to_the_file() {
    let dir = scratch();
    let (log, long) = mixed_log(&dir);
    let output = run(&["--lines", "--json", "--scan", &log], "");
    let objects = json_lines(&output);
    let numbers: Vec<_> = objects
        .iter()
        .map(|o| o["line"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 4, 5, 7, 8, 9]);
    // "line" comes right after "file".
    let file = serde_json::to_string(&log).unwrap();
    for (text, number) in lines(&output).iter().zip(numbers) {
        assert!(
            text.starts_with(&format!(r#"{{"file":{file},"line":{number},"ok":"#)),
            "{text}"
        );
    }
    assert_eq!(objects[3]["error"]["kind"], "invalid_escape");
    assert_eq!(
        objects[3]["error"]["offset"],
        BROKEN.find("\\x").unwrap() + 1
    );
    assert_eq!(objects[4]["resultCode"], 22404, "the {long}-byte line");
    // A malformed long line gives the offset within its line.
    let broken_long = format!("{}x]}}", &SUCCESS[..SUCCESS.len() - 3]);
    let input = format!("{SUCCESS}\n{}{broken_long}\n", " ".repeat(2 << 20));
    let output = run(&["--lines", "--json", "-"], &input);
    // Standard input of unknown size would get a progress bar on a terminal.
    assert!(
        output.stderr.is_empty(),
        "no progress bar when standard error is not a terminal"
    );
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[1]["line"], 2);
    assert_eq!(objects[1]["error"]["kind"], "unexpected_byte");
    assert_eq!(objects[1]["error"]["offset"], (2 << 20) + SUCCESS.len() - 3);
}

#[test]
fn summary_table_counts_every_kind_of_result() {
    let dir = scratch();
    let (log, _) = mixed_log(&dir);
    let output = run(&["--lines", "--summary", &log], "");
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    let summary = &text[text.find("summary:").expect("a summary")..];
    assert_eq!(
        summary,
        "summary: 7 inputs: 1 successful, 5 unsuccessful, 1 malformed (85.7% failed)\n\
         by category in compute (0 codes not in its table):\n\
         \x20 success                                   1\n\
         \x20 invalid_request                           1\n\
         \x20 not_found                                 3\n\
         \x20 unspecified                               1\n\
         by advice (0 retryable):\n\
         \x20 none                                      1\n\
         \x20 fix_request                               4\n\
         \x20 contact_support                           1\n\
         compute: by class:\n\
         \x20 success                                   1\n\
         \x20 invalid_parameters                        1\n\
         \x20 no_available_ip                           1\n\
         \x20 api_error                                 3\n\
         compute: api_error by API and HTTP status:\n\
         \x20 instance 404                              2\n\
         \x20 floating_ip 404                           1\n\
         malformed, by error kind:\n\
         \x20 invalid_escape                            1\n"
    );
    assert_eq!(output.status.code(), Some(2));
    // Another service: its categories alone, Compute's reading left out.
    let output = run(&["--lines", "--summary", "--service", "cdn", &log], "");
    let text = String::from_utf8(output.stdout).unwrap();
    let summary = &text[text.find("summary:").expect("a summary")..];
    assert_eq!(
        summary,
        "summary: 7 inputs: 1 successful, 5 unsuccessful, 1 malformed (85.7% failed)\n\
         by category in cdn (4 codes not in its table):\n\
         \x20 success                                   1\n\
         \x20 unauthorized                              1\n\
         \x20 unspecified                               4\n\
         by advice (0 retryable):\n\
         \x20 none                                      1\n\
         \x20 authenticate                              1\n\
         \x20 read_message                              4\n\
         malformed, by error kind:\n\
         \x20 invalid_escape                            1\n"
    );
}

#[test]
fn summary_json_is_one_object_whose_counts_add_up() {
    let dir = scratch();
    let (log, _) = mixed_log(&dir);
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    let files = [
        write(&dir, "a.json", NOT_FOUND),
        write(&dir, "b.json", BROKEN),
    ];
    for args in [
        vec![
            "--lines",
            "--summary",
            "--each",
            "--json",
            log.as_str(),
            missing.as_str(),
        ],
        vec![
            "--summary",
            "--each",
            "--json",
            files[0].as_str(),
            files[1].as_str(),
            missing.as_str(),
        ],
    ] {
        let output = run(&args, "");
        let objects = json_lines(&output);
        let summary = objects.last().unwrap()["summary"].as_object().unwrap();
        let count = |key: &str| summary[key].as_u64().unwrap();
        let sum = |key: &str| -> u64 {
            summary[key]
                .as_object()
                .unwrap()
                .values()
                .map(|v| v.as_u64().unwrap())
                .sum()
        };
        let inputs = count("inputs");
        assert_eq!(
            inputs as usize,
            objects.len() - 1,
            "one result line per input: {args:?}"
        );
        assert_eq!(
            count("successful") + count("unsuccessful") + count("malformed"),
            inputs
        );
        assert_eq!(sum("classes"), count("successful") + count("unsuccessful"));
        assert_eq!(sum("advice"), count("successful") + count("unsuccessful"));
        assert!(summary.get("remedies").is_none());
        assert_eq!(sum("errors"), count("malformed"));
        assert_eq!(
            sum("categories"),
            count("successful") + count("unsuccessful")
        );
        assert_eq!(summary["service"], "compute");
        assert_eq!(summary["retryable"], 0);
        assert_eq!(summary["unknownCodes"], 0);
        let api_errors: u64 = summary["apiErrors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["count"].as_u64().unwrap())
            .sum();
        assert_eq!(
            api_errors,
            summary["classes"]["api_error"].as_u64().unwrap()
        );
        assert_eq!(summary["errors"]["unreadable"], 1);
        let failed = (count("unsuccessful") + count("malformed")) as f64 / inputs as f64;
        assert!((summary["failedShare"].as_f64().unwrap() - failed).abs() < 1e-12);
        assert_eq!(output.status.code(), Some(2));
    }
}

/// `--lines` reads through one reused buffer and writes each line without
/// allocating: the tool's own allocation count does not grow with lines.
#[test]
fn lines_allocate_nothing_per_line() {
    let dir = scratch();
    let mix = [
        SUCCESS,
        NOT_FOUND,
        INVALID,
        BROKEN,
        r#"{"header":{"isSuccessful":false,"resultCode":-1,"resultMessage":"a\u00e9 : d\u00e9tail"}}"#,
    ];
    let few = write(&dir, "few.jsonl", &mix.join("\n"));
    let many = write(&dir, "many.jsonl", &mix.repeat(2000).join("\n"));
    for flags in [
        &["--lines"][..],
        &["--lines", "--json", "--summary"],
        &["--lines", "--scan"],
        &["--lines", "--locate", "--json"],
    ] {
        let allocations = |file: &str| {
            let output = Command::new(TOOL)
                .args(flags)
                .arg(file)
                .env("NHNCLOUD_HEADER_COUNT_ALLOCATIONS", "1")
                .output()
                .unwrap();
            let stderr = String::from_utf8(output.stderr).unwrap();
            let count = stderr
                .lines()
                .last()
                .and_then(|line| line.strip_prefix("allocations: "));
            count
                .unwrap_or_else(|| panic!("no count in {stderr:?}"))
                .parse::<u64>()
                .unwrap()
        };
        assert_eq!(
            allocations(&few),
            allocations(&many),
            "{flags:?}: 5 lines against 10000"
        );
    }
}

/// On a terminal (a pseudo-terminal from util-linux's `script`), `--lines`
/// over standard input draws a progress bar on standard error: bytes done
/// and the rate.
#[test]
fn lines_show_progress_on_a_terminal() {
    let dir = scratch();
    let log = write(
        &dir,
        "log.jsonl",
        &[SUCCESS, NOT_FOUND].repeat(100_000).join("\n"),
    );
    let command = format!("cat {log} | {TOOL} --lines >/dev/null");
    let output = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("util-linux's `script`, for a pseudo-terminal");
    let terminal = String::from_utf8_lossy(&output.stdout);
    assert!(terminal.contains("iB/s"), "no rate drawn: {terminal:?}");
    assert!(
        terminal.contains("KiB") || terminal.contains("MiB"),
        "no byte count drawn: {terminal:?}"
    );
}

/// Every `$ nhncloud-header ...` console example, in the README and in
/// `docs/`, is this tool's output: each is run from the crate's root and
/// must print exactly the lines shown (the first or last N with `| head -N`
/// or `| tail -N`), nothing on standard error unless the example discards
/// it (`2>/dev/null`), and exit with its status: the one in this table,
/// and the one a following `$ echo $?` shows.
#[test]
fn readme_examples_are_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Each example's exit status. An example missing from the documents,
    // or one not listed here, fails the test.
    let statuses: &[(&str, i32)] = &[
        (
            "--service push tests/data/services/push__delete-token.json",
            0,
        ),
        ("-q examples/responses/servers.json", 0),
        ("examples/responses/*.json", 2),
        ("tests/data/fuzz/parse-serde-json-number-token-key", 2),
        (
            "--json tests/data/fuzz/parse-serde-json-number-token-key",
            2,
        ),
        (
            "--service deploy --json tests/data/services/deploy__upload-binary.json",
            0,
        ),
        ("--service list", 0),
        (
            "--json examples/responses/instance-not-found.json examples/responses/invalid-parameters.json examples/responses/malformed.json missing.json 2>/dev/null",
            2,
        ),
        ("--lines --failures examples/responses/log.jsonl", 2),
        ("--lines examples/responses/log.jsonl", 2),
        ("--lines --json examples/responses/log.jsonl | head -2", 2),
        (
            "--lines --json tests/data/fuzz/parse-invalid-utf8-then-control-byte 2>/dev/null",
            2,
        ),
        ("--summary examples/responses/*.json", 2),
        (
            "--service cdn --summary --each tests/data/services/cdn__common-header.json tests/data/services/cdn__create-service.json",
            0,
        ),
        ("--lines --json --summary examples/responses/log.jsonl", 2),
        (
            "--service notification-hub tests/data/services/notification-hub__common-failure.json tests/data/services/notification-hub__common-success.json",
            1,
        ),
    ];
    let examples = console_examples(root);
    let found: std::collections::BTreeSet<&str> = examples
        .iter()
        .map(|example| example.command.as_str())
        .collect();
    for (command, _) in statuses {
        assert!(
            found.contains(command),
            "no document shows `$ nhncloud-header {command}`"
        );
    }
    for example in &examples {
        let command = example.command.as_str();
        let at = format!("{}: `$ nhncloud-header {command}`", example.document);
        let status = statuses
            .iter()
            .find(|(listed, _)| *listed == command)
            .unwrap_or_else(|| panic!("{at} has no exit status in this test's table"))
            .1;
        if let Some(shown) = example.status {
            assert_eq!(shown, status, "{at}: the `echo $?` shown");
        }
        let (args, pipe, quiet) = shell_words(root, command);
        let output = Command::new(TOOL)
            .args(&args)
            .current_dir(root)
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let all: Vec<&str> = text.lines().collect();
        let got = match pipe {
            Some(Pipe::Head(n)) => &all[..n.min(all.len())],
            Some(Pipe::Tail(n)) => &all[all.len().saturating_sub(n)..],
            None => &all[..],
        };
        assert_eq!(example.shown, got, "{at}");
        assert_eq!(output.status.code(), Some(status), "{at}: exit status");
        if !quiet {
            assert_eq!(
                String::from_utf8_lossy(&output.stderr),
                "",
                "{at}: standard error"
            );
        }
    }
}

/// One `$ nhncloud-header ...` example of a document.
struct ConsoleExample {
    document: String,
    /// What follows `$ nhncloud-header `.
    command: String,
    /// The lines shown after it, up to the next prompt or the block's end.
    shown: Vec<String>,
    /// The status a `$ echo $?` right after it shows.
    status: Option<i32>,
}

/// Every console example of the README and of `docs/*.md`.
fn console_examples(root: &Path) -> Vec<ConsoleExample> {
    let mut documents = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
        .collect();
    docs.sort();
    documents.extend(docs);
    let mut examples = Vec::new();
    for path in documents {
        let text = std::fs::read_to_string(&path).unwrap();
        let document = path.strip_prefix(root).unwrap().display().to_string();
        let lines: Vec<&str> = text.lines().collect();
        let mut in_console = false;
        for (at, line) in lines.iter().enumerate() {
            if line.starts_with("```") {
                in_console = !in_console && *line == "```console";
                continue;
            }
            let Some(command) = line.strip_prefix("$ nhncloud-header ") else {
                // Outside a console block, a prompt would go unchecked.
                assert!(
                    in_console || !line.starts_with("$ nhncloud-header"),
                    "{document}: an example outside a console block: {line}"
                );
                continue;
            };
            assert!(
                in_console,
                "{document}: an example outside a console block: {line}"
            );
            let rest = &lines[at + 1..];
            let shown: Vec<String> = rest
                .iter()
                .take_while(|line| !line.starts_with("$ ") && !line.starts_with("```"))
                .map(|line| line.to_string())
                .collect();
            let status = match rest.get(shown.len()..shown.len() + 2) {
                Some(["$ echo $?", status]) => Some(status.parse().unwrap()),
                _ => None,
            };
            examples.push(ConsoleExample {
                document: document.clone(),
                command: command.to_owned(),
                shown,
                status,
            });
        }
    }
    examples
}

/// A pipe at the end of an example.
#[derive(Clone, Copy)]
enum Pipe {
    Head(usize),
    Tail(usize),
}

/// An example's command line as the shell would run it: its words (a
/// `DIR/*SUFFIX` word expanded to the sorted file names it matches), the
/// pipe it ends with, and whether it discards standard error.
fn shell_words(root: &Path, command: &str) -> (Vec<String>, Option<Pipe>, bool) {
    let (command, pipe) = match command.split_once(" | ") {
        Some((command, pipe)) => {
            let (tool, count) = pipe.split_once(" -").expect("`| head -N` or `| tail -N`");
            let count: usize = count.parse().unwrap();
            let pipe = match tool {
                "head" => Pipe::Head(count),
                "tail" => Pipe::Tail(count),
                other => panic!("no pipe into {other}"),
            };
            (command, Some(pipe))
        }
        None => (command, None),
    };
    let mut quiet = false;
    let mut args = Vec::new();
    for word in command.split_whitespace() {
        if word == "2>/dev/null" {
            quiet = true;
        } else if let Some((dir, suffix)) = word.split_once("/*") {
            let mut matched: Vec<String> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(suffix))
                .map(|name| format!("{dir}/{name}"))
                .collect();
            matched.sort();
            assert!(!matched.is_empty(), "`{word}` matches nothing");
            args.extend(matched);
        } else {
            assert!(
                !word.contains(['*', '?', '\'', '"', '$', '>', '<', '|']),
                "`{word}`: more shell than this test reads"
            );
            args.push(word.to_owned());
        }
    }
    (args, pipe, quiet)
}

/// A file read through the 1 MiB buffer, the same file mapped (`--mmap`)
/// and the same log piped in give the same results (the file name apart):
/// the blank, CRLF, over-long and unterminated lines included.
#[test]
fn lines_from_a_file_mapped_and_piped_agree() {
    let dir = scratch();
    let (log, _) = mixed_log(&dir);
    let text = std::fs::read_to_string(&log).unwrap();
    for flags in [
        &["--lines"][..],
        &["--lines", "--scan"],
        &["--lines", "--json"],
        &["--lines", "--locate"],
    ] {
        let read = run(&[flags, &[log.as_str()]].concat(), "");
        let mapped = run(&[flags, &["--mmap", log.as_str()]].concat(), "");
        let piped = run(&[flags, &["-"]].concat(), &text);
        assert_eq!(lines(&read), lines(&mapped), "{flags:?}");
        let piped_as_file: Vec<String> = lines(&piped)
            .iter()
            .map(|line| {
                line.replacen("-:", &format!("{log}:"), 1).replacen(
                    r#""file":"-""#,
                    &format!(r#""file":"{log}""#),
                    1,
                )
            })
            .collect();
        assert_eq!(lines(&read), piped_as_file, "{flags:?}");
        assert_eq!(
            (read.status.code(), piped.status.code()),
            (Some(2), Some(2))
        );
    }
}

/// The buffered path allocates nothing per line either.
#[test]
fn piped_lines_allocate_nothing_per_line() {
    let few = [SUCCESS, BROKEN].join("\n");
    let many = [SUCCESS, BROKEN].repeat(5000).join("\n");
    let allocations = |input: &str| {
        let mut child = Command::new(TOOL)
            .args(["--lines", "--json", "-"])
            .env("NHNCLOUD_HEADER_COUNT_ALLOCATIONS", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        stderr
            .lines()
            .last()
            .and_then(|line| line.strip_prefix("allocations: "))
            .unwrap()
            .parse::<u64>()
            .unwrap()
    };
    assert_eq!(allocations(&few), allocations(&many));
}

/// `| head -1` on a long log: the tool stops quietly with the status so far.
#[test]
fn lines_into_a_closed_pipe_stop_quietly() {
    let dir = scratch();
    let log = write(
        &dir,
        "log.jsonl",
        &[NOT_FOUND, SUCCESS].repeat(50_000).join("\n"),
    );
    let mut child = Command::new(TOOL)
        .args(["--lines", &log])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "the first line was a 10404");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A message with escapes is decoded for both outputs, its detail too.
#[test]
fn escaped_messages_are_decoded() {
    let body = r#"{"header":{"isSuccessful":false,"resultCode":-4,"resultMessage":"Invalid parameters : n\u00e9me \"x\""}}"#;
    let output = run(&["--lines", "-"], body);
    assert_eq!(
        lines(&output),
        [
            r#"-:1: -4 invalid_request fix_request "Invalid parameters : néme \"x\"" | table: "Invalid parameters [: detail description]" | compute: invalid_parameters retry_after_fix"#
        ]
    );
    let output = run(&["--lines", "--json", "-"], body);
    let objects = json_lines(&output);
    assert_eq!(
        objects[0]["resultMessage"],
        "Invalid parameters : néme \"x\""
    );
    assert_eq!(objects[0]["detail"], "néme \"x\"");
}

/// A write that fails for another reason than a closed pipe (a full disk:
/// /dev/full) is reported, with exit status 2.
#[test]
fn an_output_error_is_reported() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let dir = scratch();
    let log = write(&dir, "log.jsonl", &[SUCCESS].repeat(10_000).join("\n"));
    let output = Command::new(TOOL)
        .args(["--lines", &log])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("nhncloud-header: writing output: "),
        "{stderr}"
    );
}

/// On a terminal, no progress bar for a file under 8 MiB, one for a file
/// from 8 MiB on, and none when standard output is the terminal too.
#[test]
fn progress_only_for_large_inputs_and_not_over_the_results() {
    let dir = scratch();
    let line = format!("{SUCCESS}\n");
    let small = write(&dir, "small.jsonl", &line.repeat((7 << 20) / line.len()));
    let large = write(&dir, "large.jsonl", &line.repeat((9 << 20) / line.len()));
    let on_a_terminal = |command: String| {
        let output = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .output()
            .expect("util-linux's `script`");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(!on_a_terminal(format!("{TOOL} --lines {small} >/dev/null")).contains("iB/s"));
    assert!(on_a_terminal(format!("{TOOL} --lines {large} >/dev/null")).contains("iB/s"));
    let both = on_a_terminal(format!("{TOOL} --lines {large}"));
    assert!(
        both.contains("0 success none"),
        "the results on the terminal"
    );
    assert!(!both.contains("iB/s"), "a bar drawn over the results");
}

/// The summary counts retryable results (by their advice: -2 is a server
/// error the seed says to report, so not retryable) and codes the chosen
/// service's table does not list.
#[test]
fn summary_counts_retryable_results_and_unknown_codes() {
    let dir = scratch();
    let files = [
        write(
            &dir,
            "exception.json",
            r#"{"header":{"isSuccessful":false,"resultCode":-2,"resultMessage":"UNKNOWN EXCEPTION"}}"#,
        ),
        write(
            &dir,
            "throttled.json",
            r#"{"header":{"isSuccessful":false,"resultCode":10429,"resultMessage":"Too Many Requests"}}"#,
        ),
        write(&dir, "not-found.json", NOT_FOUND),
        write(
            &dir,
            "unknown.json",
            r#"{"header":{"isSuccessful":false,"resultCode":77,"resultMessage":"?"}}"#,
        ),
    ];
    let mut args = vec!["--summary", "--json"];
    args.extend(files.iter().map(String::as_str));
    let objects = json_lines(&run(&args, ""));
    let summary = &objects.last().unwrap()["summary"];
    assert_eq!(summary["retryable"], 1);
    assert_eq!(summary["unknownCodes"], 1);
    assert_eq!(summary["categories"]["server_error"], 1);
    assert_eq!(summary["categories"]["limit_exceeded"], 1);
    assert_eq!(summary["advice"]["contact_support"], 1);
    assert_eq!(summary["advice"]["retry_later"], 1);
    args.remove(1); // --json
    let text = String::from_utf8(run(&args, "").stdout).unwrap();
    assert!(
        text.contains("by category in compute (1 codes not in its table):")
            && text.contains("by advice (1 retryable):"),
        "{text}"
    );
}

/// A header that says it succeeded with a code Compute's table lists as a
/// server error: inconsistent.
const INCONSISTENT: &str =
    r#"{"header":{"isSuccessful":true,"resultCode":-2,"resultMessage":null}}"#;

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// `--summary` prints the counts alone; `--summary --each` prints every
/// input's result before them, as `--summary` did before.
#[test]
fn summary_alone_and_with_each() {
    let dir = scratch();
    let files = [
        write(&dir, "a.json", NOT_FOUND),
        write(&dir, "b.json", SUCCESS),
        write(&dir, "c.json", BROKEN),
    ];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let alone = run(&[&["--summary"][..], &files].concat(), "");
    let text = lines(&alone);
    assert_eq!(
        text[0],
        "summary: 3 inputs: 1 successful, 1 unsuccessful, 1 malformed (66.7% failed)"
    );
    assert!(!text.iter().any(|line| line.contains(files[0])), "{text:?}");
    assert_eq!(alone.status.code(), Some(2));
    let json = run(&[&["--summary", "--json"][..], &files].concat(), "");
    let objects = json_lines(&json);
    assert_eq!(objects.len(), 1, "one object");
    assert_eq!(objects[0]["summary"]["inputs"], 3);
    let each = run(&[&["--summary", "--each"][..], &files].concat(), "");
    let text = lines(&each);
    assert_eq!(text.len(), 3 + lines(&alone).len());
    for (line, file) in text.iter().zip(&files) {
        assert!(line.starts_with(&format!("{file}: ")), "{line}");
    }
    assert_eq!(text[3..], lines(&alone)[..]);
    let each = run(
        &[&["--summary", "--each", "--json"][..], &files].concat(),
        "",
    );
    assert_eq!(json_lines(&each).len(), 4);
}

/// `--failures` prints the unsuccessful, inconsistent, malformed and
/// unreadable inputs alone, with `--lines`, `--json` and `--summary` (which
/// still counts every input).
#[test]
fn failures_alone() {
    let dir = scratch();
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    let files = [
        write(&dir, "a.json", SUCCESS),
        write(&dir, "b.json", NOT_FOUND),
        write(&dir, "c.json", INCONSISTENT),
        write(&dir, "d.json", BROKEN),
        missing.clone(),
    ];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let output = run(&[&["--failures"][..], &files].concat(), "");
    let text = lines(&output);
    let named: Vec<&str> = text
        .iter()
        .map(|line| line.split_once(": ").unwrap().0)
        .collect();
    // An unreadable input is named on standard error, as without the flag.
    assert_eq!(named, files[1..4]);
    assert!(stderr(&output).contains(&missing));
    assert_eq!(output.status.code(), Some(2));
    let objects = json_lines(&run(&[&["--failures", "--json"][..], &files].concat(), ""));
    let named: Vec<&str> = objects
        .iter()
        .map(|o| o["file"].as_str().unwrap())
        .collect();
    assert_eq!(named, files[1..]);
    assert_eq!(objects[3]["error"]["kind"], "unreadable");
    // With the summary: the failures, then counts of every input.
    let output = run(
        &[&["--failures", "--summary", "--json"][..], &files].concat(),
        "",
    );
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 5);
    assert_eq!(objects[4]["summary"]["inputs"], 5);
    assert_eq!(objects[4]["summary"]["successful"], 2, "isSuccessful true");
    // Over a log: the lines that failed, with their numbers.
    let (log, _) = mixed_log(&dir);
    let all = lines(&run(&["--lines", &log], ""));
    let failed = run(&["--lines", "--failures", &log], "");
    assert_eq!(
        lines(&failed),
        all.iter()
            .filter(|line| !line.contains(": 0 success none"))
            .cloned()
            .collect::<Vec<_>>()
    );
    assert_eq!(lines(&failed).len(), all.len() - 1);
    assert_eq!(failed.status.code(), Some(2));
    // Nothing failed: nothing printed.
    let output = run(&["--failures", files[0]], "");
    assert_eq!((output.stdout.len(), output.status.code()), (0, Some(0)));
}

/// `-q` and `--quiet` print nothing, on either output, whatever else is
/// asked; the exit status answers.
#[test]
fn quiet_prints_nothing() {
    let dir = scratch();
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    let cases = [
        (vec![write(&dir, "a.json", SUCCESS)], 0),
        (vec![write(&dir, "b.json", NOT_FOUND)], 1),
        (vec![write(&dir, "c.json", INCONSISTENT)], 1),
        (vec![write(&dir, "d.json", BROKEN)], 2),
        (vec![missing, write(&dir, "e.json", SUCCESS)], 2),
        (vec![write(&dir, "f.bin", "\0\u{1}ELF")], 2),
    ];
    for (files, status) in &cases {
        for flags in [
            &["-q"][..],
            &["--quiet"],
            &["-q", "--json", "--summary"],
            &["-q", "--lines", "--failures"],
            &["-q", "--lines", "--mmap", "--each", "--summary"],
        ] {
            let args: Vec<&str> = flags
                .iter()
                .copied()
                .chain(files.iter().map(String::as_str))
                .collect();
            let output = run(&args, "");
            assert_eq!(output.status.code(), Some(*status), "{args:?}");
            assert_eq!(
                (stderr(&output), lines(&output)),
                (String::new(), vec![]),
                "{args:?}"
            );
        }
    }
}

/// A pretty-printed body's error is placed by line and column (in
/// characters, from 1) beside its byte; a line of `--lines` by its column
/// (the line is the log's); `--chunk` places it the same, whatever the
/// chunk; `--json` gives `line` and `column` beside `offset`.
#[test]
fn errors_name_their_line_and_column() {
    let body =
        "{\n  \"servers\": [\"é\"],\n  \"header\": {\"isSuccessful\": tru, \"resultCode\": 0}\n}\n";
    let offset = body.find("tru,").unwrap() + 3;
    let column = body[body.rfind("\n  \"header").unwrap() + 1..offset]
        .chars()
        .count()
        + 1;
    let dir = scratch();
    let file = write(&dir, "pretty.json", body);
    let want = format!(
        "{file}: malformed (unexpected_byte): unexpected character at line 3, column {column} (byte {offset})"
    );
    for chunk in [
        &[][..],
        &["--chunk", "1"],
        &["--chunk", "7"],
        &["--chunk", "4096"],
    ] {
        let output = run(&[chunk, &[file.as_str()]].concat(), "");
        assert_eq!(lines(&output), std::slice::from_ref(&want), "{chunk:?}");
        let object = &json_lines(&run(&[chunk, &["--json", file.as_str()]].concat(), ""))[0];
        assert_eq!(
            (
                &object["error"]["offset"],
                &object["error"]["line"],
                &object["error"]["column"]
            ),
            (&offset.into(), &3.into(), &column.into()),
            "{chunk:?}"
        );
    }
    // Characters, not bytes: "é" is two bytes and one column.
    let line = r#"{"é":"ü","header":1}"#;
    let offset = line.find('1').unwrap();
    assert_eq!(
        lines(&run(&["--lines", "-"], &format!("{SUCCESS}\n{line}\n"))),
        [
            "-:1: 0 success none \"SUCCESS\" | compute: success none".to_string(),
            format!(
                "-:2: malformed (wrong_type): `header` is not an object at column {} (byte {offset})",
                offset - 1
            )
        ]
    );
    let object = &json_lines(&run(&["--lines", "--json", "-"], line))[0];
    assert_eq!(object["line"], 1, "the log's line");
    assert_eq!(object["error"]["line"], 1, "the body's line");
    assert_eq!(object["error"]["column"], offset - 1);
    // A line longer than the 1 MiB buffer is placed as well.
    let long = format!("{}{line}", " ".repeat(2 << 20));
    let object = &json_lines(&run(&["--lines", "--json", "-"], &long))[0];
    assert_eq!(object["error"]["offset"], (2 << 20) + offset);
    assert_eq!(object["error"]["column"], (2 << 20) + offset - 1);
    // An input not read has no place.
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    let object = &json_lines(&run(&["--json", &missing], ""))[0];
    for key in ["offset", "line", "column"] {
        assert_eq!(object["error"][key], serde_json::Value::Null, "{key}");
    }
}

/// 0, 1, 2 for the inputs; 64 for a usage error, with clap's message;
/// help and version are answers (0), and help lists the statuses.
#[test]
fn exit_statuses() {
    let dir = scratch();
    let ok = write(&dir, "ok.json", SUCCESS);
    let failed = write(&dir, "failed.json", NOT_FOUND);
    let broken = write(&dir, "broken.json", BROKEN);
    for (args, status) in [
        (vec![ok.as_str()], 0),
        (vec![ok.as_str(), failed.as_str()], 1),
        (vec![failed.as_str(), broken.as_str(), ok.as_str()], 2),
    ] {
        assert_eq!(run(&args, "").status.code(), Some(status), "{args:?}");
    }
    for (args, message) in [
        (&["--bogus"][..], "unexpected argument '--bogus'"),
        (
            &["--service", "bogus"],
            "invalid value 'bogus' for '--service <NAME>'",
        ),
        (&["--chunk", "0"], "invalid value '0' for '--chunk <N>'"),
        (&["--chunk", "x"], "invalid value 'x' for '--chunk <N>'"),
        (
            &["--color", "sometimes"],
            "invalid value 'sometimes' for '--color <WHEN>'",
        ),
        (
            &["--each"],
            "the following required arguments were not provided",
        ),
        (
            &["--binary"],
            "the following required arguments were not provided",
        ),
        (&["--scan", "--locate"], "cannot be used with"),
        (&["--lines", "--chunk", "8"], "cannot be used with"),
    ] {
        let output = run(&[args, &[ok.as_str()]].concat(), "");
        assert_eq!(output.status.code(), Some(64), "{args:?}");
        assert!(stderr(&output).starts_with("error: "), "{args:?}");
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty());
    }
    for flag in ["--help", "-h"] {
        let output = run(&[flag], "");
        assert_eq!(output.status.code(), Some(0), "{flag}");
        let help = String::from_utf8(output.stdout).unwrap();
        let statuses = &help[help.find("EXIT STATUS:\n").expect("the section")..];
        for status in [
            "\n  0   every input successful",
            "\n  1   ",
            "\n  2   ",
            "\n  64  ",
        ] {
            assert!(
                statuses.contains(status),
                "{flag}: {status:?} in {statuses}"
            );
        }
        assert!(!help.contains("generate"), "the subcommand is hidden");
    }
    let output = run(&["--version"], "");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("nhncloud-header {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// `--lines` skips an input with a NUL byte in its first 8 KiB, once, as
/// unreadable: read, mapped or piped. `--binary` reads it anyway.
#[test]
fn binary_inputs_are_skipped_once() {
    let dir = scratch();
    // An executable's start, then 500 lines of 100 letters.
    let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0".to_vec();
    for i in 0..50_000u32 {
        bytes.push(b'A' + (i % 26) as u8);
        if i % 100 == 99 {
            bytes.push(b'\n');
        }
    }
    let file = dir.join("program");
    std::fs::write(&file, &bytes).unwrap();
    let file = file.to_string_lossy().into_owned();
    let good = write(&dir, "good.jsonl", SUCCESS);
    let message = "binary file skipped (NUL at byte 7); read it with --binary";
    for flags in [&["--lines"][..], &["--lines", "--mmap"]] {
        let output = run(&[flags, &[file.as_str(), good.as_str()]].concat(), "");
        assert_eq!(
            lines(&output),
            [format!(
                "{good}:1: 0 success none \"SUCCESS\" | compute: success none"
            )]
        );
        assert_eq!(
            stderr(&output),
            format!("nhncloud-header: {file}: {message}\n")
        );
        assert_eq!(output.status.code(), Some(2), "counted as unreadable");
        let output = run(
            &[flags, &["--json", "--summary", "--each", file.as_str()]].concat(),
            "",
        );
        let objects = json_lines(&output);
        assert_eq!(objects.len(), 2, "one line for the file, then the summary");
        assert_eq!(objects[0]["file"], file.as_str());
        assert!(objects[0].get("line").is_none());
        assert_eq!(objects[0]["error"]["kind"], "unreadable");
        assert_eq!(objects[0]["error"]["message"], message);
        assert_eq!(objects[1]["summary"]["errors"]["unreadable"], 1);
        assert_eq!(objects[1]["summary"]["inputs"], 1);
        let read = run(&[flags, &["--binary", file.as_str()]].concat(), "");
        assert_eq!(lines(&read).len(), 500, "every line read");
        assert!(
            lines(&read)
                .iter()
                .all(|line| line.contains(": malformed ("))
        );
        assert_eq!(stderr(&read), "");
    }
    let mut child = Command::new(TOOL)
        .args(["--lines", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Piped a few bytes at a time: still found.
    let mut stdin = child.stdin.take().unwrap();
    for piece in bytes.chunks(3).take(10) {
        stdin.write_all(piece).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let _ = stdin.write_all(&bytes[30..]);
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(stderr(&output), format!("nhncloud-header: -: {message}\n"));
    assert!(output.stdout.is_empty());
    // A NUL further on is only a malformed line's.
    let late = format!("{}\n\0\n", [SUCCESS].repeat(200).join("\n"));
    let output = run(&["--lines", "--failures", "-"], &late);
    assert_eq!(lines(&output).len(), 1);
    assert!(lines(&output)[0].starts_with("-:201: malformed ("));
}

/// Colours on a terminal (a pseudo-terminal from `script`) or when asked:
/// a success, a client-side failure, a server-side one and a malformed
/// body in four colours; never in JSON, never when piped unless asked, and
/// not with `NO_COLOR`.
#[test]
fn colour_when_asked_or_on_a_terminal() {
    let dir = scratch();
    let files = [
        write(&dir, "a.json", SUCCESS),
        write(&dir, "b.json", NOT_FOUND),
        write(
            &dir,
            "c.json",
            r#"{"header":{"isSuccessful":false,"resultCode":-2,"resultMessage":"UNKNOWN EXCEPTION"}}"#,
        ),
        write(&dir, "d.json", BROKEN),
    ];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let coloured = lines(&run(&[&["--color", "always"][..], &files].concat(), ""));
    let escape = |line: &str| {
        let start = line.find("\x1b[").expect("a colour");
        let end = start + line[start..].find('m').unwrap();
        assert!(line[end..].contains("\x1b[0m"), "reset: {line:?}");
        line[start..=end].to_string()
    };
    assert_eq!(
        coloured.iter().map(|line| escape(line)).collect::<Vec<_>>(),
        ["\x1b[32m", "\x1b[33m", "\x1b[31m", "\x1b[1;35m"]
    );
    assert_eq!(
        coloured[1],
        format!(
            "{}: \x1b[33m10404 not_found fix_request\x1b[0m \"Not Found\" | table: \"Instance API error message\" | compute: api_error instance HTTP 404 retry_after_fix",
            files[1]
        )
    );
    let plain = lines(&run(&files, ""));
    let stripped: Vec<String> = coloured
        .iter()
        .map(|line| {
            let mut line = line.clone();
            for escape in ["\x1b[32m", "\x1b[33m", "\x1b[31m", "\x1b[1;35m", "\x1b[0m"] {
                line = line.replace(escape, "");
            }
            line
        })
        .collect();
    assert_eq!(stripped, plain, "only the colours differ");
    for args in [
        &["--color", "never"][..],
        &["--color", "auto"],
        &["--color", "always", "--json"],
    ] {
        let output = run(&[args, &files].concat(), "");
        assert!(!output.stdout.contains(&0x1b), "{args:?}");
    }
    let on_a_terminal = |command: String| {
        let output = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .output()
            .expect("util-linux's `script`");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let all = files.join(" ");
    assert!(on_a_terminal(format!("env -u NO_COLOR {TOOL} {all}")).contains("\x1b[33m10404"));
    assert!(!on_a_terminal(format!("NO_COLOR=1 {TOOL} {all}")).contains("\x1b["));
    assert!(on_a_terminal(format!("NO_COLOR=1 {TOOL} --color always {all}")).contains("\x1b[33m"));
    assert!(!on_a_terminal(format!("{TOOL} --color never {all}")).contains("\x1b["));
}

/// `generate man` writes a man page with every option and the exit
/// statuses; `generate bash|zsh|fish`, completions for every option and
/// service name, which each shell (where installed) reads without error.
#[test]
fn man_page_and_completions_come_from_the_arguments() {
    let output = run(&["generate", "man"], "");
    assert_eq!(output.status.code(), Some(0));
    let man = String::from_utf8(output.stdout).unwrap();
    assert!(man.contains("\n.TH nhncloud-header 1 "), "{man}");
    let flags = [
        "json", "scan", "locate", "chunk", "lines", "mmap", "binary", "summary", "each",
        "failures", "quiet", "color", "service", "help", "version",
    ];
    for flag in flags {
        assert!(
            man.contains(&format!("\\-\\-{flag}")),
            "--{flag} in the man page"
        );
    }
    let statuses = &man[man.find(".SH \"EXIT STATUS\"").expect("EXIT STATUS")..];
    for status in ["\n0\nevery input successful\n", "\n1\n", "\n2\n", "\n64\n"] {
        assert!(statuses.contains(status), "{status:?}");
    }
    assert!(!man.contains("generate"), "the subcommand is hidden");
    if let Ok(output) = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(man.as_bytes())?;
            child.wait_with_output()
        })
    {
        assert_eq!(stderr(&output), "", "groff's warnings");
    }
    for shell in ["bash", "zsh", "fish"] {
        let output = run(&["generate", shell], "");
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for flag in flags {
            assert!(script.contains(flag), "{shell}: --{flag}");
        }
        for value in ["notification-hub", "always"] {
            assert!(script.contains(value), "{shell}: {value}");
        }
        let dir = scratch();
        let path = write(&dir, &format!("completion.{shell}"), &script);
        // `-n`: read, do not run.
        if let Ok(check) = Command::new(shell).args(["-n", &path]).output() {
            assert!(check.status.success(), "{shell}: {}", stderr(&check));
        }
    }
    let output = run(&["generate", "tcsh"], "");
    assert_eq!(output.status.code(), Some(64));
}
