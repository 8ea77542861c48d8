//! One row per rule: a body, what `parse` returns, and what `scan` returns
//! when that differs. Error offsets are marked in the body with `@@` (removed
//! before parsing), so each row shows where the error must point. Every row
//! also holds the streaming parser to the same answers, however the body is
//! cut into chunks, and checks that nothing allocates.

mod common;

use common::{CountingAllocator, count_allocations};
use nhncloud_header::{ErrorKind, Field, Header, Options, parse, parse_with, scan, scan_with};

#[derive(Clone, Copy, Debug)]
enum Expect {
    Header(bool, i32, Option<&'static str>),
    Error(ErrorKind, Option<Field>),
}
use Expect::{Error as Err, Header as Ok};

const OK: Expect = Ok(true, 0, Some("SUCCESS"));
const HEADER: &str = r#"{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"}"#;

/// Removes the `@@` marker; returns the body and the marker's offset.
fn unmark(marked: &[u8]) -> (Vec<u8>, Option<usize>) {
    match marked.windows(2).position(|w| w == b"@@") {
        Some(at) => ([&marked[..at], &marked[at + 2..]].concat(), Some(at)),
        None => (marked.to_vec(), None),
    }
}

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

fn with_header(before: &str, after: &str) -> String {
    format!("{{{before}\"header\":{HEADER}{after}}}")
}

fn header_of(fields: &str) -> String {
    format!(r#"{{"header":{{{fields}}}}}"#)
}

rows! {
    // Where the header stands, and what surrounds it.
    header_alone: with_header("", "") => OK;
    header_first: with_header("", r#","instances":[{"id":"x"}]"#) => OK;
    header_last: with_header(r#""instances":[{"id":"x"}],"#, "") => OK;
    header_in_the_middle: with_header(r#""a":1,"#, r#","b":[true]"#) => OK;
    whitespace_everywhere: format!(" \t\r\n{{ \"header\" :\n{{ \"isSuccessful\" : true ,\r\n\"resultCode\" : 0 , \"resultMessage\" : \"SUCCESS\" }} , \"a\" : [ 1 , {{ }} ] }} \n\t")
        => OK;
    byte_order_mark_is_skipped: [b"\xEF\xBB\xBF", with_header("", "").as_bytes()].concat() => OK;
    empty_containers_are_skipped: with_header(r#""a":{},"b":[],"c":[[],{}],"#, "") => OK;

    // Header fields: order, extras, values.
    fields_in_any_order: header_of(r#""resultMessage":"Invalid parameters : name","resultCode":-4,"isSuccessful":false"#)
        => Ok(false, -4, Some("Invalid parameters : name"));
    extra_fields_are_skipped: header_of(r#""x":{"resultCode":"no"},"isSuccessful":true,"y":[1,"2",null],"resultCode":0,"resultMessage":"S","z":-1.5e3"#)
        => Ok(true, 0, Some("S"));
    null_message: header_of(r#""isSuccessful":false,"resultCode":-2,"resultMessage":null"#) => Ok(false, -2, None);
    empty_message: header_of(r#""isSuccessful":true,"resultCode":0,"resultMessage":"""#) => Ok(true, 0, Some(""));
    negative_zero_is_zero: header_of(r#""isSuccessful":true,"resultCode":-0,"resultMessage":"S""#) => Ok(true, 0, Some("S"));
    i32_min: header_of(r#""isSuccessful":false,"resultCode":-2147483648,"resultMessage":"S""#) => Ok(false, i32::MIN, Some("S"));
    i32_max: header_of(r#""isSuccessful":false,"resultCode":2147483647,"resultMessage":"S""#) => Ok(false, i32::MAX, Some("S"));
    api_error_code: header_of(r#""isSuccessful":false,"resultCode":10404,"resultMessage":"Not Found""#) => Ok(false, 10404, Some("Not Found"));
    message_escapes_are_decoded: header_of(r#""isSuccessful":false,"resultCode":-1,"resultMessage":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#)
        => Ok(false, -1, Some("a\"b\\c/d\u{8}\u{c}\n\r\t\u{e9}\u{1F600}"));
    message_raw_utf8: header_of(r#""isSuccessful":false,"resultCode":-5,"resultMessage":"存在しない : インスタンス ü €𝄞""#)
        => Ok(false, -5, Some("存在しない : インスタンス ü €𝄞"));

    // Keys compare after unescaping; only top-level members count.
    escaped_header_key: r#"{"he\u0061der":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"}}"# => OK;
    escaped_field_keys: header_of(r#""is\u0053uccessful":true,"result\u0043ode":7,"resultMessag\u0065":"S""#) => Ok(true, 7, Some("S"));
    escaped_solidus_in_key: header_of(r#""isSuccessful":true,"resultCode":0,"result\/Message":1,"resultMessage":"S""#) => Ok(true, 0, Some("S"));
    decoy_header_nested_in_a_value: with_header(r#""data":{"header":{"isSuccessful":false,"resultCode":1,"resultMessage":"no"}},"#, "") => OK;
    decoy_header_in_an_array: with_header(r#""list":[{"header":5},"header"],"#, "") => OK;
    decoy_header_inside_a_string: with_header(r#""note":"\"header\":{\"isSuccessful\":false}","#, "") => OK;
    decoy_header_as_a_value: with_header(r#""header_like":"header","#, "") => OK;
    decoy_fields_nested_in_header: header_of(r#""x":{"isSuccessful":false,"resultCode":9,"resultMessage":"no"},"isSuccessful":true,"resultCode":0,"resultMessage":"S""#)
        => Ok(true, 0, Some("S"));
    prefix_of_header_is_not_header: r#"{"head":{},"headers":{},"Header":{}@@}"# => Err(ErrorKind::MissingHeader, None);
    only_a_nested_header: r#"{"data":{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"S"}}@@}"#
        => Err(ErrorKind::MissingHeader, None);

    // Numbers and literals outside the header: any valid JSON is skipped.
    numbers_of_any_shape: with_header(r#""n":[0,-0,1.5,-1.5e10,1E+2,1e-2,0.0e0,123456789012345678901234567890,1e400],"#, "") => OK;
    literals: with_header(r#""l":[true,false,null],"#, "") => OK;
    unicode_everywhere_else: with_header(r#""名前":"テスト\u30c6\"","e":"\ud800\udc00"," ":"\u0000","#, "") => OK;

    // empty
    empty_body: "@@" => Err(ErrorKind::Empty, None);
    whitespace_only: " \t\r\n@@" => Err(ErrorKind::Empty, None);
    byte_order_mark_only: b"\xEF\xBB\xBF@@" => Err(ErrorKind::Empty, None);

    // not_an_object
    top_level_array: "@@[]" => Err(ErrorKind::NotAnObject, None);
    top_level_string: " @@\"header\"" => Err(ErrorKind::NotAnObject, None);
    top_level_number: "@@-5" => Err(ErrorKind::NotAnObject, None);
    top_level_literal: "@@null" => Err(ErrorKind::NotAnObject, None);

    // unexpected_byte
    garbage: "@@x" => Err(ErrorKind::UnexpectedByte, None);
    missing_colon: r#"{"header" @@1}"# => Err(ErrorKind::UnexpectedByte, None);
    missing_comma: r#"{"a":1 @@"b":2}"# => Err(ErrorKind::UnexpectedByte, None);
    trailing_comma_in_object: r#"{"a":1,@@}"# => Err(ErrorKind::UnexpectedByte, None);
    trailing_comma_in_array: r#"{"a":[1,@@]}"# => Err(ErrorKind::UnexpectedByte, None);
    leading_comma: r#"{@@,"a":1}"# => Err(ErrorKind::UnexpectedByte, None);
    mismatched_close: r#"{"a":[1@@}"# => Err(ErrorKind::UnexpectedByte, None);
    unquoted_key: r#"{@@a:1}"# => Err(ErrorKind::UnexpectedByte, None);
    single_quotes: r#"{@@'a':1}"# => Err(ErrorKind::UnexpectedByte, None);
    misspelt_literal: r#"{"a":tru@@}"# => Err(ErrorKind::UnexpectedByte, None);
    capitalised_literal: r#"{"a":@@True}"# => Err(ErrorKind::UnexpectedByte, None);
    literal_run_on: r#"{"a":true@@x}"# => Err(ErrorKind::UnexpectedByte, None);
    number_without_leading_digit: r#"{"a":@@.5}"# => Err(ErrorKind::UnexpectedByte, None);
    plus_sign: r#"{"a":@@+1}"# => Err(ErrorKind::UnexpectedByte, None);
    second_dot: r#"{"a":1.5@@.3}"# => Err(ErrorKind::UnexpectedByte, None);
    broken_byte_order_mark: b"\xEF\xBB@@{}" => Err(ErrorKind::UnexpectedByte, None);
    byte_order_mark_after_space: b" @@\xEF\xBB\xBF{}" => Err(ErrorKind::UnexpectedByte, None);
    non_ascii_between_tokens: b"{@@\xC3\xA9}" => Err(ErrorKind::UnexpectedByte, None);
    comment: "{@@/* c */}" => Err(ErrorKind::UnexpectedByte, None);

    // unexpected_end
    open_brace_only: "{@@" => Err(ErrorKind::UnexpectedEnd, None);
    ends_in_header: r#"{"header":{"isSuccessful":true@@"# => Err(ErrorKind::UnexpectedEnd, None);
    ends_in_string: r#"{"a":"abc@@"# => Err(ErrorKind::UnexpectedEnd, None);
    ends_in_escape: r#"{"a":"\u12@@"# => Err(ErrorKind::UnexpectedEnd, None);
    ends_in_number: r#"{"a":12@@"# => Err(ErrorKind::UnexpectedEnd, None);
    ends_after_minus: r#"{"a":-@@"# => Err(ErrorKind::UnexpectedEnd, None);
    ends_in_literal: r#"{"a":nu@@"# => Err(ErrorKind::UnexpectedEnd, None);
    ends_in_utf8_sequence: b"{\"a\":\"\xE3\x81@@" => Err(ErrorKind::UnexpectedEnd, None);
    ends_in_byte_order_mark: b"\xEF\xBB@@" => Err(ErrorKind::UnexpectedEnd, None);
    header_closed_but_not_the_body: format!(r#"{{"header":{HEADER}@@"#) => Err(ErrorKind::UnexpectedEnd, None), scan OK;

    // invalid_number: the first byte the grammar rejects
    leading_zero: r#"{"a":0@@1}"# => Err(ErrorKind::InvalidNumber, None);
    minus_alone: r#"{"a":-@@}"# => Err(ErrorKind::InvalidNumber, None);
    minus_letter: r#"{"a":-@@a}"# => Err(ErrorKind::InvalidNumber, None);
    dot_without_fraction: r#"{"a":1.@@}"# => Err(ErrorKind::InvalidNumber, None);
    exponent_without_digits: r#"{"a":1e@@}"# => Err(ErrorKind::InvalidNumber, None);
    exponent_sign_without_digits: r#"{"a":1e+@@}"# => Err(ErrorKind::InvalidNumber, None);
    fraction_exponent_without_digits: r#"{"a":1.5E@@]}"# => Err(ErrorKind::InvalidNumber, None);
    double_zero_result_code: header_of(r#""resultCode":0@@0"#) => Err(ErrorKind::InvalidNumber, None);
    result_code_dot_without_fraction: header_of(r#""resultCode":1.@@,"#) => Err(ErrorKind::InvalidNumber, None);

    // invalid_escape: the byte after the backslash, or the bad hex digit
    unknown_escape: r#"{"a":"\@@x"}"# => Err(ErrorKind::InvalidEscape, None);
    capital_u_escape: r#"{"a":"\@@U0041"}"# => Err(ErrorKind::InvalidEscape, None);
    bad_hex_digit: r#"{"a":"\u12@@G4"}"# => Err(ErrorKind::InvalidEscape, None);
    bad_hex_in_low_surrogate: r#"{"a":"\ud83d\ude@@x0"}"# => Err(ErrorKind::InvalidEscape, None);
    invalid_escape_in_key: r#"{"\@@q":1}"# => Err(ErrorKind::InvalidEscape, None);
    invalid_escape_in_message: header_of(r#""resultMessage":"\@@a""#) => Err(ErrorKind::InvalidEscape, None);

    // lone_surrogate: where the missing half should have been
    high_surrogate_then_quote: r#"{"a":"\ud800@@"}"# => Err(ErrorKind::LoneSurrogate, None);
    high_surrogate_then_text: r#"{"a":"\uD800@@x"}"# => Err(ErrorKind::LoneSurrogate, None);
    high_surrogate_then_other_escape: r#"{"a":"\ud800\@@n"}"# => Err(ErrorKind::LoneSurrogate, None);
    high_surrogate_then_non_surrogate: r#"{"a":"\ud800\u004@@1"}"# => Err(ErrorKind::LoneSurrogate, None);
    two_high_surrogates: r#"{"a":"\ud800\ud80@@0"}"# => Err(ErrorKind::LoneSurrogate, None);
    low_surrogate_alone: r#"{"a":"\udc0@@0"}"# => Err(ErrorKind::LoneSurrogate, None);

    // control_character
    raw_newline_in_string: "{\"a\":\"x@@\ny\"}" => Err(ErrorKind::ControlCharacter, None);
    raw_nul_in_key: b"{\"@@\x00\":1}" => Err(ErrorKind::ControlCharacter, None);
    raw_unit_separator_in_message: header_of("\"resultMessage\":\"@@\u{1f}\"") => Err(ErrorKind::ControlCharacter, None);
    raw_tab_in_string: "{\"a\":\"@@\t\"}" => Err(ErrorKind::ControlCharacter, None);

    // invalid_utf8: the first byte that cannot continue valid UTF-8
    lone_continuation_byte: b"{\"a\":\"@@\x80\"}" => Err(ErrorKind::InvalidUtf8, None);
    overlong_two_bytes: b"{\"a\":\"@@\xC0\xAF\"}" => Err(ErrorKind::InvalidUtf8, None);
    overlong_three_bytes: b"{\"a\":\"\xE0@@\x80\xAF\"}" => Err(ErrorKind::InvalidUtf8, None);
    overlong_four_bytes: b"{\"a\":\"\xF0@@\x8F\xBF\xBF\"}" => Err(ErrorKind::InvalidUtf8, None);
    encoded_surrogate: b"{\"a\":\"\xED@@\xA0\x80\"}" => Err(ErrorKind::InvalidUtf8, None);
    above_max_code_point: b"{\"a\":\"\xF4@@\x90\x80\x80\"}" => Err(ErrorKind::InvalidUtf8, None);
    invalid_lead_byte: b"{\"a\":\"@@\xF5\x80\x80\x80\"}" => Err(ErrorKind::InvalidUtf8, None);
    truncated_sequence: b"{\"a\":\"\xE2\x82@@\"}" => Err(ErrorKind::InvalidUtf8, None);
    bad_third_byte: b"{\"a\":\"\xE2\x82@@A\"}" => Err(ErrorKind::InvalidUtf8, None);
    invalid_utf8_in_key: b"{\"@@\xFF\":1}" => Err(ErrorKind::InvalidUtf8, None);
    invalid_utf8_in_message: b"{\"header\":{\"resultMessage\":\"ok@@\xFF\"}}" => Err(ErrorKind::InvalidUtf8, None);

    // trailing_characters: parse only
    trailing_garbage: format!("{} @@x", with_header("", "")) => Err(ErrorKind::TrailingCharacters, None), scan OK;
    second_object: format!("{}@@{{}}", with_header("", "")) => Err(ErrorKind::TrailingCharacters, None), scan OK;
    trailing_whitespace_is_fine: format!("{} \r\n\t", with_header("", "")) => OK;

    // missing_header: at the top-level object's closing brace
    empty_object: "{@@}" => Err(ErrorKind::MissingHeader, None);
    no_header_member: r#"{"a":1,"instances":[]@@}"# => Err(ErrorKind::MissingHeader, None);

    // missing_field: at the header's closing brace; the first missing in key order
    empty_header: r#"{"header":{@@}}"# => Err(ErrorKind::MissingField, Some(Field::IsSuccessful));
    missing_is_successful: header_of(r#""resultCode":0,"resultMessage":"S"@@"#) => Err(ErrorKind::MissingField, Some(Field::IsSuccessful));
    missing_result_code: header_of(r#""isSuccessful":true,"resultMessage":"S"@@"#) => Err(ErrorKind::MissingField, Some(Field::ResultCode));
    missing_result_message: header_of(r#""isSuccessful":true,"resultCode":0@@"#) => Err(ErrorKind::MissingField, Some(Field::ResultMessage));
    misspelt_field: header_of(r#""isSuccessful":true,"resultcode":0,"resultMessage":"S"@@"#) => Err(ErrorKind::MissingField, Some(Field::ResultCode));

    // duplicate_key: at the second key's opening quote
    second_header: format!(r#"{{"header":{HEADER},@@"header":{HEADER}}}"#) => Err(ErrorKind::DuplicateKey, None), scan OK;
    second_header_escaped: format!(r#"{{"header":{HEADER},"a":1,@@"h\u0065ader":1}}"#) => Err(ErrorKind::DuplicateKey, None), scan OK;
    repeated_result_code: header_of(r#""resultCode":1,@@"resultCode":2"#) => Err(ErrorKind::DuplicateKey, Some(Field::ResultCode));
    repeated_is_successful_escaped: header_of(r#""isSuccessful":true,@@"\u0069sSuccessful":true"#) => Err(ErrorKind::DuplicateKey, Some(Field::IsSuccessful));
    repeated_null_message: header_of(r#""resultMessage":null,@@"resultMessage":"S""#) => Err(ErrorKind::DuplicateKey, Some(Field::ResultMessage));

    // wrong_type: at the value's first byte
    header_is_array: r#"{"header":@@[]}"# => Err(ErrorKind::WrongType, None);
    header_is_array_of_what_looks_like_fields: r#"{"header":@@["isSuccessful":true,"resultCode":0,"resultMessage":"S"]}"#
        => Err(ErrorKind::WrongType, None);
    header_is_string: r#"{"header":@@"{}"}"# => Err(ErrorKind::WrongType, None);
    header_is_null: r#"{"header": @@null}"# => Err(ErrorKind::WrongType, None);
    is_successful_is_string: header_of(r#""isSuccessful":@@"true""#) => Err(ErrorKind::WrongType, Some(Field::IsSuccessful));
    is_successful_is_number: header_of(r#""isSuccessful":@@1"#) => Err(ErrorKind::WrongType, Some(Field::IsSuccessful));
    is_successful_is_null: header_of(r#""isSuccessful":@@null"#) => Err(ErrorKind::WrongType, Some(Field::IsSuccessful));
    result_code_is_string: header_of(r#""resultCode":@@"0""#) => Err(ErrorKind::WrongType, Some(Field::ResultCode));
    result_code_is_null: header_of(r#""resultCode":@@null"#) => Err(ErrorKind::WrongType, Some(Field::ResultCode));
    result_code_is_array: header_of(r#""resultCode":@@[0]"#) => Err(ErrorKind::WrongType, Some(Field::ResultCode));
    result_message_is_number: header_of(r#""resultMessage":@@0"#) => Err(ErrorKind::WrongType, Some(Field::ResultMessage));
    result_message_is_boolean: header_of(r#""resultMessage":@@false"#) => Err(ErrorKind::WrongType, Some(Field::ResultMessage));
    result_message_is_object: header_of(r#""resultMessage":@@{}"#) => Err(ErrorKind::WrongType, Some(Field::ResultMessage));
    not_a_value_is_a_syntax_error: header_of(r#""resultCode":@@x"#) => Err(ErrorKind::UnexpectedByte, None);

    // invalid_result_code: at the number's first byte, once the number is complete
    result_code_with_fraction: header_of(r#""resultCode":@@0.0,"#) => Err(ErrorKind::InvalidResultCode, Some(Field::ResultCode));
    result_code_with_exponent: header_of(r#""resultCode":@@1e2,"#) => Err(ErrorKind::InvalidResultCode, Some(Field::ResultCode));
    result_code_above_i32: header_of(r#""resultCode":@@2147483648}"#) => Err(ErrorKind::InvalidResultCode, Some(Field::ResultCode));
    result_code_below_i32: header_of(r#""resultCode": @@-2147483649 "#) => Err(ErrorKind::InvalidResultCode, Some(Field::ResultCode));
    result_code_huge: header_of(r#""resultCode":@@123456789012345678901234567890"#) => Err(ErrorKind::InvalidResultCode, Some(Field::ResultCode));
    result_code_negative_zero_fraction: header_of(r#""resultCode":@@-0.0"#) => Err(ErrorKind::InvalidResultCode, Some(Field::ResultCode));
    fraction_elsewhere_does_not_taint_result_code: header_of(r#""x":-1.5e3,"isSuccessful":true,"resultCode":5,"resultMessage":null"#) => Ok(true, 5, None);

    // The first problem in the body wins; scan never looks past the header.
    syntax_error_after_header: with_header("", r#","a":0@@1"#) => Err(ErrorKind::InvalidNumber, None), scan OK;
    header_error_before_syntax_error: header_of(r#""isSuccessful":@@1,"x":01"#) => Err(ErrorKind::WrongType, Some(Field::IsSuccessful));
    syntax_error_before_header: with_header("\"a\":\"@@\u{1}\",", "") => Err(ErrorKind::ControlCharacter, None);
}

fn nested(depth: usize) -> String {
    let inner = format!("{}{}", "[".repeat(depth - 1), "]".repeat(depth - 1));
    with_header(&format!(r#""deep":{inner},"#), "")
}

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
