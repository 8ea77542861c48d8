//! The `Message` view: borrowed, decoded on demand, compared as text.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use nhncloud_header::{Message, parse};

/// Parses a header whose resultMessage is the given JSON string literal.
fn with_message(literal: &str, f: impl FnOnce(Message<'_>)) {
    let body = format!(
        r#"{{"header":{{"isSuccessful":false,"resultCode":-1,"resultMessage":{literal}}}}}"#
    );
    let header = parse(body.as_bytes()).unwrap();
    f(header.result_message.expect("not null"));
}

const ESCAPED: &str = r#""FAIL : \"quoted\"\n\u00e9\ud83d\ude00 \\ \/""#;
const DECODED: &str = "FAIL : \"quoted\"\n\u{e9}\u{1F600} \\ /";

#[test]
fn plain_text_is_borrowed_as_is() {
    with_message(r#""FAIL : detail""#, |message| {
        assert_eq!(message.raw(), b"FAIL : detail");
        assert_eq!(message.as_str(), Some("FAIL : detail"));
        assert!(!message.has_escapes());
        assert_eq!(message.decoded_len(), 13);
    });
}

#[test]
fn escaped_text_needs_decoding() {
    with_message(ESCAPED, |message| {
        assert_eq!(message.raw(), &ESCAPED.as_bytes()[1..ESCAPED.len() - 1]);
        assert!(message.has_escapes());
        assert_eq!(message.as_str(), None);
        assert_eq!(message.chars().collect::<String>(), DECODED);
        assert_eq!(message.to_string(), DECODED);
        assert_eq!(message.decoded_len(), DECODED.len());
        assert_eq!(format!("{message:?}"), format!("{DECODED:?}"));
    });
}

#[test]
fn unescape_into_fills_a_buffer_or_says_how_much_is_needed() {
    with_message(ESCAPED, |message| {
        let mut exact = vec![0; DECODED.len()];
        assert_eq!(message.unescape_into(&mut exact), Ok(DECODED));
        let mut raw_sized = vec![0; message.raw().len()];
        assert_eq!(message.unescape_into(&mut raw_sized), Ok(DECODED));
        for size in 0..DECODED.len() {
            let mut small = vec![0; size];
            let error = message.unescape_into(&mut small).unwrap_err();
            assert_eq!(error.needed(), DECODED.len());
            assert_eq!(
                error.to_string(),
                format!(
                    "buffer too small: the message needs {} bytes",
                    DECODED.len()
                )
            );
        }
    });
}

#[test]
fn equality_is_on_decoded_text_both_ways() {
    with_message(ESCAPED, |message| {
        assert_eq!(message, DECODED);
        assert_eq!(DECODED, message);
        assert_eq!(message, *DECODED);
        assert_ne!(message, &ESCAPED[1..ESCAPED.len() - 1]);
        assert_ne!(message, "FAIL");
        assert_ne!(message, &format!("{DECODED}x")[..]);
    });
}

#[test]
fn equal_messages_hash_alike_however_they_are_spelt() {
    let hash = |message: &Message<'_>| {
        let mut hasher = DefaultHasher::new();
        message.hash(&mut hasher);
        hasher.finish()
    };
    with_message(r#""A\u00e9""#, |escaped| {
        with_message(r#""Aé""#, |plain| {
            assert_eq!(escaped, plain);
            assert_eq!(hash(&escaped), hash(&plain));
        });
        with_message(r#""Ae""#, |other| assert_ne!(escaped, other));
    });
}

#[test]
fn empty_message() {
    with_message(r#""""#, |message| {
        assert_eq!(message, "");
        assert_eq!(message.as_str(), Some(""));
        assert_eq!(message.unescape_into(&mut []), Ok(""));
        assert_eq!(message.chars().next(), None);
    });
}

/// `chars` decodes the raw bytes itself (no second UTF-8 pass): every
/// scalar value of every length, raw or escaped, reads back as itself.
#[test]
fn chars_decode_every_scalar_value_raw_and_escaped() {
    let samples = (0..=0x10FFFF_u32)
        .step_by(97)
        .chain([0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF])
        .filter_map(char::from_u32);
    for ch in samples {
        // serde_json writes it raw, escaping only what JSON must.
        let literal = serde_json::to_string(&ch.to_string()).unwrap();
        with_message(&literal, |message| {
            assert_eq!(message.chars().collect::<Vec<_>>(), [ch], "{literal}");
            assert_eq!(message.decoded_len(), ch.len_utf8(), "{literal}");
        });
        let escaped: String = ch
            .encode_utf16(&mut [0; 2])
            .iter()
            .map(|unit| format!("\\u{unit:04x}"))
            .collect();
        with_message(&format!("\"{escaped}\""), |message| {
            assert_eq!(message.chars().collect::<Vec<_>>(), [ch], "{escaped}");
        });
    }
}
