//! Decoding `resultMessage`: `unescape_into` with a buffer size chosen by
//! the input never panics and, when it succeeds, equals serde_json's
//! decoding; when it fails, it names the size needed. The `char` iterator,
//! `Display`, `decoded_len`, `as_str` and equality agree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&fraction, contents)) = input.split_first() else {
        return;
    };
    let mut body = br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":""#.to_vec();
    body.extend_from_slice(contents);
    body.extend_from_slice(br#""}}"#);
    let Ok(header) = nhncloud_header::parse(&body) else {
        return;
    };
    let Some(message) = header.result_message else {
        return;
    };
    let literal = [&b"\""[..], message.raw(), b"\""].concat();
    let expected: String =
        serde_json::from_slice(&literal).expect("the parser validated this string");

    // A buffer from empty to the raw length, which always suffices.
    let mut buffer = vec![0; message.raw().len() * fraction as usize / 255];
    match message.unescape_into(&mut buffer) {
        Ok(text) => assert_eq!(text, expected),
        Err(too_small) => {
            assert_eq!(too_small.needed(), expected.len());
            assert!(too_small.needed() > buffer.len());
        }
    }
    assert_eq!(message.chars().collect::<String>(), expected);
    assert_eq!(message.to_string(), expected);
    assert_eq!(message.decoded_len(), expected.len());
    assert!(message == expected.as_str());
    if let Some(text) = message.as_str() {
        assert_eq!(text, expected);
        assert!(!message.has_escapes());
    }
});
