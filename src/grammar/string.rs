//! Strings: which bytes stand for themselves, escapes, surrogate pairs and
//! UTF-8 sequences.

use super::FAST_PATHS;

/// Whether a byte stands for itself inside a string: printable ASCII other
/// than `"` and `\`. Everything else needs a closer look.
#[inline(always)]
pub(crate) fn is_plain(byte: u8) -> bool {
    if FAST_PATHS {
        PLAIN[byte as usize]
    } else {
        plain_rule(byte)
    }
}

/// The rule behind [`is_plain`].
const fn plain_rule(byte: u8) -> bool {
    byte >= FIRST_PRINTABLE && byte < 0x80 && byte != b'"' && byte != b'\\'
}

/// [`plain_rule`] for every byte: a load where speed counts (the small-code
/// build asks the rule and keeps 256 bytes of flash).
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = plain_rule(b as u8);
        b += 1;
    }
    table
};

/// Bytes below this are control characters, never allowed raw in a string.
pub(crate) const FIRST_PRINTABLE: u8 = 0x20;

/// The one-letter escapes: the letter after `\`, and the character it
/// stands for.
const SIMPLE_ESCAPES: [(u8, u8); 8] = [
    (b'"', b'"'),
    (b'\\', b'\\'),
    (b'/', b'/'),
    (b'b', 0x08),
    (b'f', 0x0C),
    (b'n', b'\n'),
    (b'r', b'\r'),
    (b't', b'\t'),
];

/// The character a one-letter escape (the byte after `\`) stands for; `u`
/// (four hex digits follow) and anything JSON does not define are `None`.
/// A search of eight pairs: escapes are rare, and the table is a third of
/// the flash a `match` takes.
#[inline(always)]
pub(crate) const fn simple_escape(letter: u8) -> Option<u8> {
    let mut k = 0;
    while k < SIMPLE_ESCAPES.len() {
        if SIMPLE_ESCAPES[k].0 == letter {
            return Some(SIMPLE_ESCAPES[k].1);
        }
        k += 1;
    }
    None
}

/// The value of a hex digit, or `0xFF`.
#[inline(always)]
pub(crate) fn hex_value(byte: u8) -> u8 {
    if FAST_PATHS {
        HEX[byte as usize]
    } else {
        hex_rule(byte)
    }
}

/// The rule behind [`hex_value`].
const fn hex_rule(byte: u8) -> u8 {
    match byte {
        b'0'..=b'9' => byte - b'0',
        b'a'..=b'f' => byte - b'a' + 10,
        b'A'..=b'F' => byte - b'A' + 10,
        _ => 0xFF,
    }
}

/// [`hex_rule`] for every byte, where speed counts.
static HEX: [u8; 256] = {
    let mut table = [0xFF; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = hex_rule(b as u8);
        b += 1;
    }
    table
};

/// The value of four hex digits at `at`, if there are four.
#[inline(always)]
pub(crate) fn hex4(input: &[u8], at: usize) -> Option<u32> {
    let digits = input.get(at..at + 4)?;
    digits
        .iter()
        .try_fold(0, |value, &digit| match hex_value(digit) {
            0xFF => None,
            nibble => Some(value << 4 | nibble as u32),
        })
}

/// What a `\u` escape's four hex digits are to UTF-16.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Unit {
    /// A whole character.
    Char,
    /// The first half of a surrogate pair: a low surrogate's `\u` must follow.
    High,
    /// A second half on its own: never valid.
    Low,
}

/// Classifies the code unit of a `\u` escape.
#[inline(always)]
pub(crate) const fn unit(code: u32) -> Unit {
    match code {
        0xD800..=0xDBFF => Unit::High,
        0xDC00..=0xDFFF => Unit::Low,
        _ => Unit::Char,
    }
}

/// The code point of a surrogate pair.
#[inline(always)]
pub(crate) const fn pair(high: u32, low: u32) -> u32 {
    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
}

/// The escape at `at` (a backslash) decoded, with its length in bytes,
/// surrogate pairs whole; `None` when it is invalid or incomplete.
#[inline(always)]
pub(crate) fn decode_escape(input: &[u8], at: usize) -> Option<(u32, usize)> {
    let letter = *input.get(at + 1)?;
    if let Some(decoded) = simple_escape(letter) {
        return Some((decoded as u32, 2));
    }
    if letter != b'u' {
        return None;
    }
    let code = hex4(input, at + 2)?;
    match unit(code) {
        Unit::Char => Some((code, 6)),
        Unit::Low => None,
        Unit::High => {
            if input.get(at + 6..at + 8) != Some(b"\\u") {
                return None;
            }
            let low = hex4(input, at + 8)?;
            (unit(low) == Unit::Low).then(|| (pair(code, low), 12))
        }
    }
}

/// The continuation bytes a UTF-8 sequence takes, other than the first.
pub(crate) const CONTINUATION: (u8, u8) = (0x80, 0xBF);

/// Lead bytes, by how many continuation bytes follow them (1, 2, 3).
/// 0xC0, 0xC1 (overlong) and 0xF5 and above (beyond U+10FFFF) lead nothing.
pub(crate) const LEADS: [(u8, u8); 3] = [(0xC2, 0xDF), (0xE0, 0xEF), (0xF0, 0xF4)];

/// Leads whose first continuation byte has a narrower range: no overlong
/// forms (E0, F0), no encoded surrogates (ED), nothing above U+10FFFF (F4).
pub(crate) const NARROW_SECOND: [(u8, (u8, u8)); 4] = [
    (0xE0, (0xA0, 0xBF)),
    (0xED, (0x80, 0x9F)),
    (0xF0, (0x90, 0xBF)),
    (0xF4, (0x80, 0x8F)),
];

/// What a UTF-8 lead byte promises.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Utf8Lead {
    /// Continuation bytes that follow: 1, 2 or 3.
    pub(crate) continuations: u8,
    /// The range of the first of them.
    pub(crate) second: (u8, u8),
    /// The code point bits the lead carries.
    pub(crate) bits: u8,
}

/// What the lead byte `byte` promises, or `None` if it cannot lead.
#[inline]
pub(crate) const fn utf8_lead(byte: u8) -> Option<Utf8Lead> {
    let mut continuations = 0;
    let mut k = 0;
    while k < LEADS.len() {
        if byte >= LEADS[k].0 && byte <= LEADS[k].1 {
            continuations = k as u8 + 1;
        }
        k += 1;
    }
    if continuations == 0 {
        return None;
    }
    let mut second = CONTINUATION;
    let mut k = 0;
    while k < NARROW_SECOND.len() {
        if NARROW_SECOND[k].0 == byte {
            second = NARROW_SECOND[k].1;
        }
        k += 1;
    }
    Some(Utf8Lead {
        continuations,
        second,
        bits: byte & (0x3F >> continuations),
    })
}

/// Whether `byte` lies in the inclusive `range`.
#[inline(always)]
pub(crate) const fn within(byte: u8, range: (u8, u8)) -> bool {
    byte >= range.0 && byte <= range.1
}

/// Length of the valid UTF-8 sequence at `at` (a byte of 0x80 or more); 0
/// when it is invalid or incomplete.
#[inline]
fn utf8_length(input: &[u8], at: usize) -> usize {
    let Some(lead) = input.get(at).and_then(|&byte| utf8_lead(byte)) else {
        return 0;
    };
    let length = lead.continuations as usize + 1;
    let Some([_, second, rest @ ..]) = input.get(at..at + length) else {
        return 0;
    };
    let valid = within(*second, lead.second) && rest.iter().all(|&b| within(b, CONTINUATION));
    if valid { length } else { 0 }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// High bit set in every byte of `word` that is not [`PLAIN`]; the lowest
/// flagged byte is exact (borrows only flag bytes above a true hit).
#[inline(always)]
const fn special_bytes(word: u64) -> u64 {
    let control = word.wrapping_sub(ONES * FIRST_PRINTABLE as u64) & !word;
    let quote = word ^ (ONES * b'"' as u64);
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = word ^ (ONES * b'\\' as u64);
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (control | quote | backslash | word) & HIGHS
}

/// Index of the first byte at or after `from` that is not [`PLAIN`], or
/// `input.len()`. Many bytes per step: string bodies are most of a response.
/// Always inlined: it is the innermost loop, and a frame of its own would
/// sit at the deepest point of every parser's stack.
#[inline(always)]
pub(crate) fn skip_plain(input: &[u8], from: usize) -> usize {
    let mut at = from;
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2", nhncloud_header_fast))]
    while let Some(chunk) = input.get(at..).and_then(|rest| rest.first_chunk::<16>()) {
        let special = super::wide::below_or_equal_16(chunk, FIRST_PRINTABLE, [b'"', b'\\']);
        if special != 0 {
            return at + special.trailing_zeros() as usize;
        }
        at += 16;
    }
    while let Some(chunk) = input
        .get(at..)
        .and_then(|rest| rest.first_chunk::<8>())
        .filter(|_| FAST_PATHS)
    {
        let special = special_bytes(u64::from_le_bytes(*chunk));
        if special != 0 {
            return at + (special.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while input.get(at).is_some_and(|&byte| is_plain(byte)) {
        at += 1;
    }
    at
}

/// Index of the closing quote of a string whose contents start at `from`,
/// or of the first character it cannot vouch for: one that is invalid or
/// runs past the end of `input`. Escapes and UTF-8 sequences are validated
/// whole, so the index is always on a character boundary and the byte-wise
/// machine can take over there and reach the same verdict.
#[inline(always)]
pub(crate) fn skip_string(input: &[u8], from: usize) -> usize {
    let at = skip_plain(input, from);
    match input.get(at) {
        Some(b'"') | None => at,
        Some(_) => skip_string_rest(input, at),
    }
}

/// [`skip_string`] past its first escape or non-ASCII character. On
/// x86_64 it is inlined, saving a frame at the deepest point of the parser's
/// stack; on small targets one out-of-line copy keeps the code small.
#[cfg_attr(target_arch = "x86_64", inline(always))]
#[cfg_attr(not(target_arch = "x86_64"), inline(never))]
fn skip_string_rest(input: &[u8], from: usize) -> usize {
    let mut at = from;
    loop {
        let Some(&byte) = input.get(at) else {
            return at;
        };
        let length = match byte {
            b'"' => return at,
            b'\\' => decode_escape(input, at).map_or(0, |(_, length)| length),
            0x80.. => utf8_length(input, at),
            _ => 0,
        };
        if length == 0 {
            return at;
        }
        at = skip_plain(input, at + length);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_skip_plain(input: &[u8], from: usize) -> usize {
        (from..input.len())
            .find(|&i| !is_plain(input[i]))
            .unwrap_or(input.len())
    }

    #[test]
    fn skip_plain_matches_the_table_for_every_byte_at_every_position() {
        for special in 0..=255u8 {
            for position in 0..20 {
                let mut input = [b'a'; 24];
                input[position] = special;
                for from in 0..=position {
                    assert_eq!(
                        skip_plain(&input, from),
                        naive_skip_plain(&input, from),
                        "byte {special:#x} at {position}, from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn skip_plain_finds_the_first_of_several_special_bytes() {
        let input = b"abc\x1f\"\\\x80zzzzzzzzzzzz";
        assert_eq!(skip_plain(input, 0), 3);
        assert_eq!(skip_plain(b"\x00\x00\x00\x00\x00\x00\x00\x00", 0), 0);
        assert_eq!(skip_plain(b"abcdefgh\xff", 0), 8);
        assert_eq!(skip_plain(b"abcdefghijk", 0), 11);
        assert_eq!(skip_plain(b"abc", 7), 7);
    }

    /// `skip_string` vouches for every valid character, so the fast paths
    /// reach the closing quote; it stops at the first it cannot vouch for,
    /// on a character boundary, for the byte-wise machine to judge.
    #[test]
    fn skip_string_passes_valid_characters_and_stops_at_the_first_invalid() {
        let cases: [(&[u8], usize); 9] = [
            (b"plain\"", 5),
            ("caf\u{e9} \u{30b5}\u{1f600}\"".as_bytes(), 13),
            (b"a\\n\\u00e9\\\"b\"", 12),
            (b"\\uD83D\\uDE00\"", 12),
            (b"ab\xc3(\"", 2),
            (b"ab\xed\xa0\x80\"", 2),
            (b"ab\\x\"", 2),
            (b"ab\x01\"", 2),
            (b"ab\xc3", 2),
        ];
        for (input, expected) in cases {
            assert_eq!(skip_string(input, 0), expected, "{input:?}");
        }
        assert_eq!(skip_string(b"", 0), 0);
        assert_eq!(skip_string(b"xyz", 1), 3);
    }

    /// Every sequence of one to four bytes against the standard library.
    #[test]
    fn utf8_length_agrees_with_core_on_every_short_sequence() {
        let interesting = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
            0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ];
        for &a in &interesting[3..] {
            for &b in &interesting {
                for &c in &interesting {
                    for &d in &interesting {
                        let bytes = [a, b, c, d];
                        // The one character `a` leads, if it leads one.
                        let expected = (2..=4)
                            .find(|&n| core::str::from_utf8(&bytes[..n]).is_ok())
                            .unwrap_or(0);
                        assert_eq!(utf8_length(&bytes, 0), expected, "{bytes:02x?}");
                    }
                }
            }
        }
    }

    #[test]
    fn decode_escape_takes_pairs_whole_and_refuses_halves() {
        assert_eq!(decode_escape(br#"\n"#, 0), Some((0x0A, 2)));
        assert_eq!(decode_escape(br#"\u00e9"#, 0), Some((0xE9, 6)));
        assert_eq!(decode_escape(br#"\ud83d\ude00"#, 0), Some((0x1F600, 12)));
        assert_eq!(decode_escape(br#"\ud83d\u0041"#, 0), None);
        assert_eq!(decode_escape(br#"\ude00"#, 0), None);
        assert_eq!(decode_escape(br#"\x"#, 0), None);
        assert_eq!(decode_escape(br#"\u12"#, 0), None);
    }

    #[test]
    fn lead_table_matches_the_standard_library() {
        for byte in 0x80..=0xFFu8 {
            let takes_two = (0x80..=0xBF).any(|next| core::str::from_utf8(&[byte, next]).is_ok());
            let lead = utf8_lead(byte);
            if takes_two {
                assert_eq!(lead.map(|l| l.continuations), Some(1), "{byte:#x}");
            }
            if let Some(lead) = lead {
                let full = [byte, lead.second.0, 0x80, 0x80];
                let length = lead.continuations as usize + 1;
                assert!(core::str::from_utf8(&full[..length]).is_ok(), "{byte:#x}");
                if lead.second.0 > 0x80 {
                    let below = [byte, lead.second.0 - 1, 0x80, 0x80];
                    assert!(core::str::from_utf8(&below[..length]).is_err(), "{byte:#x}");
                }
            }
        }
    }
}
