//! The token loop held to the byte-wise step, and the state's invariants.

extern crate std;
use super::*;

#[test]
fn error_kind_table_follows_declaration_order() {
    for (index, kind) in ErrorKind::ALL.iter().enumerate() {
        assert_eq!(*kind as usize, index, "{kind:?}");
    }
}

#[test]
fn failure_round_trips_every_kind_and_field() {
    for kind in ErrorKind::ALL {
        for field in FIELDS {
            let mut machine = Machine::new(Mode::Parse, MAX_DEPTH);
            let Failed = machine.fail(kind, field, 12345);
            let error = Error::new(kind, field, 12345);
            assert_eq!(machine.failure(), error);
            assert_eq!(machine.finish(), Err(error));
        }
    }
}

/// The decoded strings: the streaming parser's own room.
type Texts = crate::header::Room<64>;

/// What a run says: `isSuccessful`, the code, whether the message is
/// `null`, and the decoded message and string code.
type Outcome = Result<(bool, i32, bool, Option<[u8; 64]>, Option<[u8; 64]>), Error>;

fn copied(text: Option<&str>) -> Option<[u8; 64]> {
    let mut bytes = [0xFF; 64];
    bytes[..text?.len()].copy_from_slice(text?.as_bytes());
    Some(bytes)
}

fn run(mode: Mode, chunks: &mut dyn Iterator<Item = &[u8]>) -> Outcome {
    let mut machine = Machine::new(mode, MAX_DEPTH);
    let mut text = Texts::new();
    let mut closed = false;
    for chunk in chunks {
        if machine.feed(chunk, &mut text)? == Progress::HeaderClosed {
            closed = true;
            break;
        }
    }
    if !closed {
        machine.finish()?;
    }
    Ok((
        machine.is_successful(),
        machine.result_code(),
        machine.message_is_null(),
        copied(text.message()),
        copied(text.code_text()),
    ))
}

/// Bodies that take every fast path and leave it at every kind of byte.
pub(crate) const BODIES: &[&[u8]] = &[
    br#"{"a":[{"k":"v\"\n\u00e9\ud83d\ude00","n":[-0,1.5e+3,0.25,-12E-2,7],"l":[true,false,null]},[],{}],"header":{"isSuccessful":false,"resultCode":-4,"resultMessage":"bad : \u0041\u00e9"},"z":{"y":[[1],[2,{"x":"\u30c6"}]]}}"#,
    "{\"a\": [ {\"\u{30b5}\u{30fc}\" : \"\u{1F600}x\" } , 12 ] ,\n \"header\" : {\"resultMessage\":null, \"resultCode\":10404,\"isSuccessful\":true}}".as_bytes(),
    br#"{"a":{"b":[1,2,"x"],"c":{}},"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"S"},"d":[truex]}"#,
    br#"{"a":[1,2,{"b":"\x"}]}"#,
    br#"{"a":[01]}"#,
    br#"{"a":[1.]}"#,
    br#"{"a":[-]}"#,
    br#"{"a":[1e+]}"#,
    br#"{"a":[tru]}"#,
    br#"{"a":{"b" 1}}"#,
    br#"{"a":{"b":1,}}"#,
    br#"{"a":[1}"#,
    b"{\"a\":[\"\xE3\x81\"]}",
    b"{\"a\":[\"\xED\xA0\x80\"]}",
    b"{\"a\":[\"\x01\"]}",
    br#"{"a":["\ud800x"]}"#,
    br#"{"a":["\udc00"]}"#,
    b"{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    br#"{ "header" : { "x" : {"isSuccessful":[1,{"y":null}]} , "isSuccessful" : true , "resultCode" : -2147483648 , "resultMessage" : "a\u00e9\ud83d\ude00\n" , "z":[] } , "t":true,"f":false,"n":null,"s":"x","k":-1.5}"#,
    br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"S"},"header":{}}"#,
    br#"{"header":{"isSuccessful":true,"resultCode":0,"resultCode":1}}"#,
    br#"{"he\u0061der":{"is\u0053uccessful":false,"resultCode":5,"resultMessage":null}}"#,
    br#"{"header":{"isSuccessful":nul}}"#,
    br#"{"header":{"isSuccessful":"true"}}"#,
    br#"{"header":{"resultMessage":true}}"#,
    br#"{"header":{"resultCode":2147483648}}"#,
    br#"{"header":{"resultCode":1.0}}"#,
    br#"{"header":{"resultCode":-0,"isSuccessful":false,"resultMessage":"0123456789012345678901234567890123456789012345678901234567890123456789"}}"#,
    br#"{"header":[],"x":1}"#,
    br#"{"header":{"isSuccessful":true,"resultCode":0}}"#,
    br#"{"a":1}"#,
    br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"S"}} x"#,
    br#"{"header":{"isSuccessful":true,"serverTime":1,"resultCode":"SUCCESS","resultMessage":"success"},"body":[]}"#,
    br#"{"body":{},"header":{"resultMessage":"The OS could not be found \u00e9","resultCode":"NOT\u005fFOUND_OS","isSuccessful":false}}"#,
    br#"{"header":{"resultCode":"0123456789012345678901234567890123456789012345678901234567890123456789","isSuccessful":false,"resultMessage":null}}"#,
    br#"{"header":{"resultCode":"\x","isSuccessful":false,"resultMessage":null}}"#,
    br#"{"header":{"resultCode":"ab\ud800","isSuccessful":false,"resultMessage":null}}"#,
];

#[test]
fn fast_paths_agree_with_the_byte_wise_machine_at_every_split() {
    for body in BODIES {
        let text = core::str::from_utf8(body);
        for mode in [Mode::Parse, Mode::Scan] {
            let whole = run(mode, &mut core::iter::once(*body));
            let bytes = run(mode, &mut body.chunks(1));
            assert_eq!(whole, bytes, "{mode:?}, one byte at a time: {text:?}");
            for split in 0..=body.len() {
                let (head, tail) = body.split_at(split);
                let two = run(mode, &mut [head, tail].into_iter());
                assert_eq!(whole, two, "{mode:?}, split at {split}: {text:?}");
            }
        }
    }
}

#[test]
fn state_is_small() {
    assert!(
        core::mem::size_of::<Machine>() <= 48,
        "{}",
        core::mem::size_of::<Machine>()
    );
}

/// The token loop takes a body it can vouch for whole, in one call, from
/// the top-level object's first member to its end (`parse`) or to the
/// header's end (`scan`). A fast path that gives up early hands over to
/// `step`, which reaches the same answer, so only this test can see it.
#[cfg(nhncloud_header_fast)]
#[test]
fn tokens_take_a_plain_body_whole() {
    // Each body, and the index just past its header's `}`.
    let bodies: [(&[u8], usize); 4] = [
        (
            br#"{"a":[{"k":"v","n":[1,2.5,{"x":null}]},[]],"b":{"c":"d"},"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"S"},"z":1}"#,
            122,
        ),
        (
            br#"{"header" : { "resultCode" : 5 , "isSuccessful" : false , "resultMessage" : null } , "t" : [ true ] }"#,
            82,
        ),
        (
            br#"{"header":{"resultCode":-7,"x":[{"y":[]}],"isSuccessful":false,"resultMessage":"m"},"u":{}}"#,
            83,
        ),
        (
            br#"{"s":"\u00e9\"","header":{"isSuccessful":true,"resultMessage":"\n","resultCode":1}}"#,
            82,
        ),
    ];
    for (body, header_end) in bodies {
        let text = core::str::from_utf8(body);
        for (mode, expected) in [(Mode::Parse, body.len()), (Mode::Scan, header_end)] {
            let mut machine = Machine::new(mode, MAX_DEPTH);
            let mut sink = Texts::new();
            // The top-level `{` by the byte-wise step.
            assert_eq!(machine.step(body, 0, &mut sink), Ok(Some(0)));
            assert_eq!(machine.step(body, 0, &mut sink), Ok(Some(1)));
            assert_eq!(
                machine.tokens(body, 1, &mut sink),
                Ok(expected),
                "{mode:?}: {text:?}"
            );
        }
    }
}

/// The transition written once, held to what every engine does and to the
/// reference: after each kind of token (`Token::ALL`, in and out of
/// arrays, at the top level and below), each kind of next token is
/// accepted exactly where `Expect::after(token).rule(class)` allows it (and
/// the nesting matches), by serde_json, by the byte-wise step a byte at a
/// time, by the token loop over the whole body, and by the structural
/// index's walk on every kernel. Each body is completed after the token
/// under test, so that it is the only thing wrong with a rejected body.
#[test]
fn every_engine_moves_between_tokens_by_the_one_rule() {
    use crate::grammar::bytes::Class;
    use crate::grammar::structure::Token;
    // After `{"header":…,"pad":"…","x":`, which ends with a colon at the
    // top level: the last token of each context, and the context.
    let contexts: [(Token, &str); 11] = [
        (Token::Colon, ""),
        (Token::Open { array: false }, "{"),
        (Token::Open { array: true }, "["),
        (Token::Comma { in_array: false }, "{\"a\":1,"),
        (Token::Comma { in_array: true }, "[1,"),
        (Token::Colon, "{\"a\":"),
        (Token::Key, "{\"a\""),
        (Token::Value, "{\"a\":1"),
        (Token::Value, "[1"),
        (Token::Value, "[\"s\""),
        (Token::Value, "[{}"),
    ];
    let nexts: [(Class, &str); 11] = [
        (Class::Quote, "\"k\""),
        (Class::Colon, ":"),
        (Class::Comma, ","),
        (Class::OpenObject, "{"),
        (Class::OpenArray, "["),
        (Class::CloseObject, "}"),
        (Class::CloseArray, "]"),
        (Class::Minus, "-1"),
        (Class::Zero, "0"),
        (Class::Digit, "7"),
        (Class::Letter, "true"),
    ];
    let head = std::format!(
        "{{\"header\":{{\"isSuccessful\":true,\"resultCode\":0,\"resultMessage\":null}},\"pad\":\"{}\",\"x\":",
        " ".repeat(300)
    );
    let mut seen_allowed = 0;
    for (token, context) in contexts {
        for (class, next) in nexts {
            // A space between, so that a number does not run on into the next.
            let prefix = std::format!("{head}{context} ");
            let body = std::format!(
                "{prefix}{next}{}",
                completion(&std::format!("{prefix}{next}"))
            );
            let nesting_matches = match class {
                Class::CloseObject | Class::CloseArray => {
                    let opened = innermost_open(&prefix);
                    opened
                        == Some(if class == Class::CloseArray {
                            b'['
                        } else {
                            b'{'
                        })
                }
                _ => true,
            };
            let allowed = Expect::after(token).rule(class) && nesting_matches;
            seen_allowed += allowed as usize;
            let what = std::format!("{token:?} then {class:?}: {body}");
            assert_eq!(
                serde_json::from_str::<serde::de::IgnoredAny>(&body).is_ok(),
                allowed,
                "serde_json, {what}"
            );
            let at = prefix.len();
            let stepped = run(Mode::Parse, &mut body.as_bytes().chunks(1));
            let whole = run(Mode::Parse, &mut core::iter::once(body.as_bytes()));
            for (engine, outcome) in [("a byte per chunk", stepped), ("the whole body", whole)] {
                match outcome {
                    Ok(_) => assert!(allowed, "{engine} accepts {what}"),
                    Err(error) => {
                        assert!(!allowed, "{engine} rejects ({error:?}) {what}");
                        assert_eq!(error.offset(), at, "{engine}, {what}");
                    }
                }
            }
            let kernels = crate::engines::Engine::ALL.into_iter().filter(|engine| {
                engine.is_available() && *engine != crate::engines::Engine::ByteWise
            });
            for engine in kernels {
                let walked =
                    engine.walk(body.as_bytes(), Mode::Parse, crate::options::Options::new());
                assert_eq!(walked.is_some(), allowed, "{engine:?} walk, {what}");
            }
        }
    }
    assert!(seen_allowed > 20 && seen_allowed < 100, "{seen_allowed}");
}

/// The byte of the innermost container still open at the end of `json`,
/// written plainly (no escapes in these bodies).
fn innermost_open(json: &str) -> Option<u8> {
    let mut stack = std::vec::Vec::new();
    let mut in_string = false;
    for byte in json.bytes() {
        match byte {
            b'"' => in_string = !in_string,
            b'{' | b'[' if !in_string => stack.push(byte),
            b'}' | b']' if !in_string => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

/// What ends a JSON text cut after `json`'s last token as a valid one
/// would: a value after a key, a colon or a comma, then every close.
/// Written on its own, not from the crate's rule (no escapes in these
/// bodies).
fn completion(json: &str) -> std::string::String {
    let mut stack = std::vec::Vec::new();
    let mut in_string = false;
    // The last token: its byte, or `k` for a key and `s` for a string value.
    let mut last = b' ';
    for byte in json.bytes() {
        match byte {
            b'"' if in_string => {
                in_string = false;
                let member_start = matches!(last, b'{' | b',') && stack.last() == Some(&b'{');
                last = if member_start { b'k' } else { b's' };
            }
            b'"' => in_string = true,
            _ if in_string => {}
            b'{' | b'[' => {
                stack.push(byte);
                last = byte;
            }
            b'}' | b']' => {
                stack.pop();
                last = byte;
            }
            b' ' => {}
            _ => last = byte,
        }
    }
    let mut end = std::string::String::from(match last {
        b'k' => ":0",
        b':' => "0",
        b',' if stack.last() == Some(&b'{') => "\"z\":0",
        b',' => "0",
        _ => "",
    });
    for open in stack.iter().rev() {
        end.push(if *open == b'{' { '}' } else { ']' });
    }
    end
}
