//! Byte-level building blocks shared by every parser: byte classes, string
//! skipping many bytes at a time, hex digits and literals.

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
/// `input.len()`. Eight bytes per step: string bodies are most of a response.
#[inline]
pub(crate) fn skip_plain(input: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(chunk) = input.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
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

/// Index of the first non-whitespace byte at or after `from`, or `input.len()`.
#[inline(always)]
pub(crate) fn skip_space(input: &[u8], from: usize) -> usize {
    let mut at = from;
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
