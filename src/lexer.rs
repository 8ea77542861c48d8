//! Byte-level building blocks shared by every parser: byte classes, string
//! skipping many bytes at a time, hex digits and literals.

/// Whether the fast paths are compiled in: whole tokens at a time, the
/// whole header object in one go, strings eight or sixteen bytes per step.
/// They make `parse` several times faster and the code three times larger.
/// Bare-metal targets, where flash is what is scarce, go without: the
/// byte-wise machine alone gives the same results (the test suite pins the
/// two together). `--cfg nhncloud_header_small` chooses the same on any
/// target, so that CI runs the whole suite that way too.
pub(crate) const FAST_PATHS: bool = !cfg!(any(target_os = "none", nhncloud_header_small));

/// What a byte can start or be, outside strings.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub(crate) enum Class {
    /// Cannot appear between tokens.
    Other,
    /// JSON whitespace: space, tab, line feed, carriage return.
    Space,
    Quote,
    OpenObject,
    CloseObject,
    OpenArray,
    CloseArray,
    Colon,
    Comma,
    Minus,
    Zero,
    /// `1` to `9`.
    Digit,
    /// `t`, `f` or `n`: the first byte of a literal.
    Letter,
}

/// The class of every byte, built at compile time.
pub(crate) static CLASS: [Class; 256] = {
    let mut table = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' => Class::Space,
            b'"' => Class::Quote,
            b'{' => Class::OpenObject,
            b'}' => Class::CloseObject,
            b'[' => Class::OpenArray,
            b']' => Class::CloseArray,
            b':' => Class::Colon,
            b',' => Class::Comma,
            b'-' => Class::Minus,
            b'0' => Class::Zero,
            b'1'..=b'9' => Class::Digit,
            b't' | b'f' | b'n' => Class::Letter,
            _ => Class::Other,
        };
        b += 1;
    }
    table
};

impl Class {
    /// Whether a JSON value can start with a byte of this class.
    pub(crate) const fn starts_value(self) -> bool {
        matches!(
            self,
            Class::Quote
                | Class::OpenObject
                | Class::OpenArray
                | Class::Minus
                | Class::Zero
                | Class::Digit
                | Class::Letter
        )
    }
}

/// `true`, `false` and `null` back to back, each followed by a 0 sentinel.
/// A literal in progress is an index into this table: the next byte expected.
pub(crate) static LITERALS: [u8; 16] = *b"true\0false\0null\0";

/// Index into [`LITERALS`] of the byte after the literal's first letter.
pub(crate) const fn literal_after_first(first: u8) -> u8 {
    match first {
        b't' => 1,
        b'f' => 6,
        _ => 12,
    }
}

/// The value of a hex digit, or `0xFF`.
pub(crate) static HEX: [u8; 256] = {
    let mut table = [0xFF; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            d @ b'0'..=b'9' => d - b'0',
            d @ b'a'..=b'f' => d - b'a' + 10,
            d @ b'A'..=b'F' => d - b'A' + 10,
            _ => 0xFF,
        };
        b += 1;
    }
    table
};

/// Whether a byte stands for itself inside a string: printable ASCII other
/// than `"` and `\`. Everything else needs a closer look.
pub(crate) static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x20;
    while b < 0x80 {
        table[b] = b != b'"' as usize && b != b'\\' as usize;
        b += 1;
    }
    table
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// High bit set in every byte of `word` that is not [`PLAIN`]; the lowest
/// flagged byte is exact (borrows only flag bytes above a true hit).
#[inline(always)]
const fn special_bytes(word: u64) -> u64 {
    let control = word.wrapping_sub(ONES * 0x20) & !word;
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
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    while let Some(chunk) = input
        .get(at..)
        .and_then(|rest| rest.first_chunk::<16>())
        .filter(|_| FAST_PATHS)
    {
        let special = crate::simd::special_bytes(chunk);
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
    while let Some(&byte) = input.get(at) {
        if !PLAIN[byte as usize] {
            break;
        }
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
            b'\\' => escape_length(input, at),
            0x80.. => utf8_length(input, at),
            _ => 0,
        };
        if length == 0 {
            return at;
        }
        at = skip_plain(input, at + length);
    }
}

/// Length of the valid escape at `at` (a backslash), surrogate pairs whole;
/// 0 when it is invalid or incomplete.
#[inline]
fn escape_length(input: &[u8], at: usize) -> usize {
    match input.get(at + 1) {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
        Some(b'u') => match hex4(input, at + 2) {
            Some(0xD800..=0xDBFF) => match (input.get(at + 6..at + 8), hex4(input, at + 8)) {
                (Some(b"\\u"), Some(0xDC00..=0xDFFF)) => 12,
                _ => 0,
            },
            Some(0xDC00..=0xDFFF) | None => 0,
            Some(_) => 6,
        },
        _ => 0,
    }
}

/// The value of four hex digits at `at`, if there are four.
#[inline]
fn hex4(input: &[u8], at: usize) -> Option<u32> {
    let digits = input.get(at..at + 4)?;
    digits
        .iter()
        .try_fold(0, |value, &digit| match HEX[digit as usize] {
            0xFF => None,
            nibble => Some(value << 4 | nibble as u32),
        })
}

/// Length of the valid UTF-8 sequence at `at` (a byte of 0x80 or more); 0
/// when it is invalid or incomplete. The second byte's range excludes
/// overlong forms, surrogates and code points above U+10FFFF.
#[inline]
fn utf8_length(input: &[u8], at: usize) -> usize {
    let (length, low, high) = match input.get(at) {
        Some(0xC2..=0xDF) => (2, 0x80, 0xBF),
        Some(0xE0) => (3, 0xA0, 0xBF),
        Some(0xE1..=0xEC | 0xEE..=0xEF) => (3, 0x80, 0xBF),
        Some(0xED) => (3, 0x80, 0x9F),
        Some(0xF0) => (4, 0x90, 0xBF),
        Some(0xF1..=0xF3) => (4, 0x80, 0xBF),
        Some(0xF4) => (4, 0x80, 0x8F),
        _ => return 0,
    };
    let Some([_, second, rest @ ..]) = input.get(at..at + length) else {
        return 0;
    };
    let valid = (low..=high).contains(second) && rest.iter().all(|&b| b & 0xC0 == 0x80);
    if valid { length } else { 0 }
}

/// Index of the first non-whitespace byte at or after `from`, or `input.len()`.
/// Callers look at the first byte themselves: runs are for indentation.
#[inline(always)]
pub(crate) fn skip_space(input: &[u8], from: usize) -> usize {
    let mut at = from;
    // Single spaces (`"key" : value`) are common: no wide load for those.
    if input
        .get(at)
        .is_none_or(|&byte| CLASS[byte as usize] != Class::Space)
    {
        return at;
    }
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    while let Some(chunk) = input
        .get(at..)
        .and_then(|rest| rest.first_chunk::<16>())
        .filter(|_| FAST_PATHS)
    {
        let other = !crate::simd::space_bytes(chunk) & 0xFFFF;
        if other != 0 {
            return at + other.trailing_zeros() as usize;
        }
        at += 16;
    }
    while let Some(&byte) = input.get(at) {
        if CLASS[byte as usize] != Class::Space {
            break;
        }
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_skip_plain(input: &[u8], from: usize) -> usize {
        (from..input.len())
            .find(|&i| !PLAIN[input[i] as usize])
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
    fn skip_space_stops_at_the_first_other_byte_at_every_position() {
        for other in 0..=255u8 {
            if CLASS[other as usize] == Class::Space {
                continue;
            }
            for position in 0..40 {
                let mut input =
                    *b" \t\r\n \t\r\n \t\r\n \t\r\n \t\r\n \t\r\n \t\r\n \t\r\n \t\r\n \t\r\n";
                input[position] = other;
                for from in 0..=position {
                    assert_eq!(
                        skip_space(&input, from),
                        position,
                        "byte {other:#x} at {position}"
                    );
                }
            }
        }
        assert_eq!(skip_space(b"  \n\t", 0), 4);
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

    #[test]
    fn literal_table_is_laid_out_as_documented() {
        for (first, word) in [(b't', &b"rue"[..]), (b'f', b"alse"), (b'n', b"ull")] {
            let at = literal_after_first(first) as usize;
            assert_eq!(&LITERALS[at..at + word.len()], word);
            assert_eq!(LITERALS[at + word.len()], 0);
        }
    }
}
