//! `locate` held to its contract on one body, by a reading of the body
//! written apart from the crate: the check behind `tests/locate.rs` and
//! the `locate` fuzz target.

use nhncloud_header::engines::Engine;
use nhncloud_header::{Error, ErrorKind, Field, Header, Options, ResultCode};

/// The top-level `header` key's opening quote as the contract delimits it:
/// strings run from an unescaped quote to the next one (a backslash
/// escapes the byte after it, in a string or not); brackets outside
/// strings nest, counted (a `]` may close a `{`), never closing the top
/// level, never deeper than `max_depth`; the key is the first string at
/// depth 1 that serde_json decodes to `header` and that a colon follows.
/// `None` where the body cannot be followed to one.
///
/// Written apart from the crate's byte-at-a-time follower, in whole-body
/// passes: which bytes are escaped, which are inside strings, the depth
/// before each byte; then the first key against the first failure.
pub fn header_key(body: &[u8], max_depth: u8) -> Option<usize> {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let start = if body.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let first = start + body[start..].iter().position(|b| !is_space(b))?;
    if body[first] != b'{' {
        return None;
    }
    let body = &body[first..];
    // Pass 1: a backslash that is not itself escaped escapes the next byte.
    let mut escaped = vec![false; body.len() + 1];
    for at in 0..body.len() {
        escaped[at + 1] = body[at] == b'\\' && !escaped[at];
    }
    // Pass 2: unescaped quotes open and close strings; `quote_of[at]` is
    // the opening quote of the string holding `at` (its closing quote too).
    let mut quote_of: Vec<Option<usize>> = vec![None; body.len()];
    let mut closing: Vec<Option<usize>> = vec![None; body.len()];
    let mut open: Option<usize> = None;
    for at in 0..body.len() {
        let unescaped_quote = body[at] == b'"' && !escaped[at];
        match open {
            Some(quote) => {
                quote_of[at] = Some(quote);
                if unescaped_quote {
                    closing[quote] = Some(at);
                    open = None;
                }
            }
            None if unescaped_quote => {
                quote_of[at] = Some(at);
                open = Some(at);
            }
            None => {}
        }
    }
    // Pass 3: the depth before each byte, and the first byte the nesting
    // cannot follow (too deep, or a close of the top level).
    let limit = i64::from(max_depth.min(128));
    let mut depth_before = vec![0i64; body.len()];
    let mut depth = 0i64;
    let mut failure = body.len();
    for at in 0..body.len() {
        depth_before[at] = depth;
        if quote_of[at].is_some() || escaped[at] {
            continue;
        }
        match body[at] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth -= 1,
            _ => continue,
        }
        if depth > limit || depth < 1 {
            failure = at;
            break;
        }
    }
    // The first string that opens at depth 1, before the failure, decodes
    // to `header` and is followed by a colon; an unclosed string ends the
    // search where it opens.
    let key = (0..failure).find_map(|at| {
        if quote_of[at] != Some(at) || depth_before[at] != 1 {
            return None;
        }
        let Some(end) = closing[at] else {
            return Some(None);
        };
        let colon_follows = body[end + 1..].iter().find(|b| !is_space(b)) == Some(&b':');
        let decoded = serde_json::from_slice::<String>(&body[at..=end]);
        (colon_follows && decoded.is_ok_and(|k| k == "header")).then_some(Some(at))
    })??;
    Some(first + key)
}

/// An answer, comparable across bodies: the header's fields (the message
/// decoded), or the error's kind, field and offset.
pub type Answer =
    Result<(bool, ResultCode<String>, Option<String>), (ErrorKind, Option<Field>, usize)>;

pub fn answer(result: Result<Header<'_>, Error>) -> Answer {
    result
        .map(|h| {
            let text = h.result_message.map(|m| m.chars().collect());
            (
                h.is_successful,
                h.result_code.map(|text| text.to_string()),
                text,
            )
        })
        .map_err(|e| (e.kind(), e.field(), e.offset()))
}

/// Whether the trusted mode is compiled in: not in the small-code build,
/// where `locate` is `scan`.
pub fn trusted_mode() -> bool {
    Engine::Portable.is_available()
}

/// What `locate` must answer: with a key, the header as `scan` reads it
/// from there (on `{` followed by the body from the key, the offsets moved
/// back); without one, or without the trusted mode, `scan`'s answer.
pub fn expected(body: &[u8], options: Options) -> Answer {
    let key = header_key(body, options.max_depth()).filter(|_| trusted_mode());
    let Some(key) = key else {
        return answer(nhncloud_header::scan_with(body, options));
    };
    let mut rest = b"{".to_vec();
    rest.extend_from_slice(&body[key..]);
    answer(nhncloud_header::scan_with(&rest, options))
        .map_err(|(kind, field, offset)| (kind, field, offset + key - 1))
}

/// `locate` on one body with `options`, on every engine this machine runs
/// and through the public function: the answer [`expected`] gives; and
/// whatever `parse` or `scan` accepts, the same header.
pub fn check_locate(body: &[u8], options: Options) -> Result<(), String> {
    let show = || String::from_utf8_lossy(body).into_owned();
    let expected = expected(body, options);
    let public = answer(nhncloud_header::locate_with(body, options));
    if public != expected {
        return Err(format!(
            "locate: {public:?}, expected {expected:?}\nbody: {:?}",
            show()
        ));
    }
    for engine in Engine::ALL.into_iter().filter(|e| e.is_available()) {
        let got = answer(engine.locate(body, options).unwrap());
        if got != expected {
            return Err(format!(
                "locate on {}: {got:?}, expected {expected:?}\nbody: {:?}",
                engine.name(),
                show()
            ));
        }
    }
    for (name, other) in [
        ("parse", nhncloud_header::parse_with(body, options)),
        ("scan", nhncloud_header::scan_with(body, options)),
    ] {
        if other.is_ok() && answer(other) != public {
            return Err(format!(
                "{name} accepts, locate differs: {public:?}\nbody: {:?}",
                show()
            ));
        }
    }
    Ok(())
}
