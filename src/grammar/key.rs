//! The keys that matter to the header, and matching them.

#[cfg(nhncloud_header_fast)]
use super::bytes::{next_non_space, top_object};
#[cfg(nhncloud_header_fast)]
use super::string::decode_escape;
use super::string::skip_plain;

/// Keys matched, in candidate-bit order: `header` among the top-level
/// members, the three fields among the header's.
pub(crate) const KEYS: [&[u8]; 4] = [b"header", b"isSuccessful", b"resultCode", b"resultMessage"];

/// Index of `header` in [`KEYS`].
pub(crate) const HEADER: usize = 0;

/// Candidate bits (one per entry of [`KEYS`]) for a key of the top-level
/// object, and for one of the header's.
pub(crate) const TOP_CANDIDATES: u8 = 1 << HEADER;
pub(crate) const HEADER_CANDIDATES: u8 = 0b1110;

/// Which of [`KEYS`] among `candidates` an unescaped key equals.
#[inline(always)]
pub(crate) fn index(key: &[u8], candidates: u8) -> Option<usize> {
    // Lengths first: the comparisons that remain have a constant length.
    (0..KEYS.len())
        .find(|&k| candidates & (1 << k) != 0 && KEYS[k].len() == key.len() && KEYS[k] == key)
}

/// The text of the key whose opening quote is at `open` and the index of
/// its closing quote, when it is plain: printable ASCII without escapes,
/// compared as it stands. Others are matched after decoding, a character
/// at a time.
#[inline(always)]
pub(crate) fn plain(input: &[u8], open: usize) -> Option<(&[u8], usize)> {
    let end = skip_plain(input, open + 1);
    let text = input
        .get(open + 1..end)
        .filter(|_| input.get(end) == Some(&b'"'))?;
    Some((text, end))
}

/// Narrows `candidates` by the key's character at `position` (0-based).
#[inline]
pub(crate) fn narrow(candidates: u8, position: usize, code: u32) -> u8 {
    let mut alive = candidates;
    for (k, key) in KEYS.iter().enumerate() {
        if key.get(position).map(|&b| b as u32) != Some(code) {
            alive &= !(1 << k);
        }
    }
    alive
}

/// Which of [`KEYS`] among `candidates` a key of `length` characters, every
/// one of which narrowed `candidates`, equals.
#[inline]
pub(crate) fn matched(candidates: u8, length: usize) -> Option<usize> {
    (0..KEYS.len()).find(|&k| candidates & (1 << k) != 0 && KEYS[k].len() == length)
}

/// The closing quote of the key whose opening quote is at `open`, if the
/// key is `header` after unescaping, matched as the byte-wise engine
/// matches it. Inlined (the index's rare path): a frame of its own
/// would sit under the escaped keys' one, at the walk's deepest point.
#[cfg(nhncloud_header_fast)]
#[inline(always)]
pub(crate) fn header_end(body: &[u8], open: usize) -> Option<usize> {
    // Plain `header` at once; anything else a character at a time, which
    // stops at the first that no key has there: a long string is not read
    // to its end.
    if body.get(open + 1..open + 8) == Some(b"header\"") {
        return Some(open + 7);
    }
    escaped_header_end(body, open + 1)
}

/// [`header_end`] for any key but a plain `header`,
/// decoded one character at a time, as the byte-wise engine matches it
/// (little stack: this runs at the walk's deepest point).
#[cfg(nhncloud_header_fast)]
#[cold]
#[inline(never)]
fn escaped_header_end(body: &[u8], from: usize) -> Option<usize> {
    let mut candidates = TOP_CANDIDATES;
    let (mut at, mut length) = (from, 0);
    loop {
        let (code, width) = match *body.get(at)? {
            b'"' => break,
            b'\\' => decode_escape(body, at)?,
            // No key that counts holds non-ASCII text.
            0x80.. => return None,
            byte => (byte as u32, 1),
        };
        candidates = narrow(candidates, length, code);
        if candidates == 0 {
            return None;
        }
        (at, length) = (at + width, length + 1);
    }
    (matched(candidates, length) == Some(HEADER)).then_some(at)
}

/// The first key's opening quote, when that key is the header's.
#[cfg(nhncloud_header_fast)]
pub(crate) fn header_first(body: &[u8]) -> Option<usize> {
    let (_, open) = top_object(body)?;
    let (quote, byte) = next_non_space(body, open + 1);
    (byte == Some(b'"') && is_header_key(body, quote)).then_some(quote)
}

/// Whether the string whose opening quote is at `quote` is the key
/// `header`: it decodes to `header`, and a colon follows it.
#[cfg(nhncloud_header_fast)]
#[inline(always)]
pub(crate) fn is_header_key(body: &[u8], quote: usize) -> bool {
    header_end(body, quote).is_some_and(|end| next_non_space(body, end + 1).1 == Some(b':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_and_character_wise_matching_agree() {
        let keys: [&[u8]; 9] = [
            b"header",
            b"headers",
            b"head",
            b"isSuccessful",
            b"resultCode",
            b"resultMessage",
            b"resultCod",
            b"",
            b"Header",
        ];
        for candidates in [TOP_CANDIDATES, HEADER_CANDIDATES] {
            for key in keys {
                let mut alive = candidates;
                for (position, &byte) in key.iter().enumerate() {
                    alive = narrow(alive, position, byte as u32);
                }
                assert_eq!(matched(alive, key.len()), index(key, candidates), "{key:?}");
            }
        }
        assert_eq!(index(b"header", TOP_CANDIDATES), Some(HEADER));
        assert_eq!(index(b"header", HEADER_CANDIDATES), None);
        assert_eq!(index(b"resultCode", HEADER_CANDIDATES), Some(2));
    }
}
