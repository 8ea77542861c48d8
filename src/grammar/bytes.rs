//! What each byte can be between tokens, and whitespace.

use super::FAST_PATHS;

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

/// Every byte class.
pub(crate) const CLASSES: [Class; 13] = [
    Class::Other,
    Class::Space,
    Class::Quote,
    Class::OpenObject,
    Class::CloseObject,
    Class::OpenArray,
    Class::CloseArray,
    Class::Colon,
    Class::Comma,
    Class::Minus,
    Class::Zero,
    Class::Digit,
    Class::Letter,
];

/// The class of every byte, built at compile time from [`Class::rule`]: a
/// load where speed counts. The small-code build asks the rule itself: its
/// compares, merged by the compiler with the engine's own match on the
/// class, take less flash than any table (measured against this one, half
/// of it, and half of it packed two to a byte).
static CLASS: [Class; 256] = {
    let mut table = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = Class::rule(b as u8);
        b += 1;
    }
    table
};

impl Class {
    /// The class of `byte`.
    #[inline(always)]
    pub(crate) fn of(byte: u8) -> Class {
        if FAST_PATHS {
            CLASS[byte as usize]
        } else {
            Class::rule(byte)
        }
    }

    /// The rule itself.
    const fn rule(byte: u8) -> Class {
        if is_space_rule(byte) {
            return Class::Space;
        }
        match byte {
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
        }
    }

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

    /// Whether a byte of this class ends a number or literal that runs into
    /// it: whitespace, a quote or a structural character. Any other byte
    /// would be part of the same token. (The structural index's; not in
    /// the small-code build.)
    #[cfg_attr(not(nhncloud_header_fast), allow(dead_code))]
    pub(crate) const fn delimits(self) -> bool {
        matches!(
            self,
            Class::Space
                | Class::Quote
                | Class::OpenObject
                | Class::CloseObject
                | Class::OpenArray
                | Class::CloseArray
                | Class::Colon
                | Class::Comma
        )
    }
}

/// The UTF-8 byte order mark a body may begin with (and that is skipped).
pub(crate) const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Where the JSON text starts (after a byte order mark) and where its
/// top-level `{` is, when the first token is one: the start of what the
/// one-shot engines walk and follow.
#[cfg(nhncloud_header_fast)]
#[inline(always)]
pub(crate) fn top_object(body: &[u8]) -> Option<(usize, usize)> {
    let start = if body.starts_with(&BOM) { BOM.len() } else { 0 };
    match next_non_space(body, start) {
        (open, Some(b'{')) => Some((start, open)),
        _ => None,
    }
}

/// The whitespace bytes, in the order the SIMD kernels compare them.
#[cfg_attr(not(nhncloud_header_fast), allow(dead_code))]
pub(crate) const SPACES: [u8; 4] = [b' ', b'\t', b'\n', b'\r'];

/// Whether `byte` is JSON whitespace: [`Class::Space`]. The small-code
/// build asks the rule on its own (a bit test), the fast one the table.
#[inline(always)]
pub(crate) fn is_space(byte: u8) -> bool {
    if FAST_PATHS {
        Class::of(byte) == Class::Space
    } else {
        is_space_rule(byte)
    }
}

/// The rule of [`Class::Space`].
const fn is_space_rule(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// Index of the first non-whitespace byte at or after `from`, or
/// `input.len()`. Callers look at the first byte themselves: runs are for
/// indentation. Inlined where speed counts; one copy in the small-code
/// build, whose step calls it from three places.
#[cfg_attr(nhncloud_header_fast, inline(always))]
#[cfg_attr(not(nhncloud_header_fast), inline(never))]
pub(crate) fn skip_space(input: &[u8], from: usize) -> usize {
    let mut at = from;
    // Single spaces (`"key" : value`) are common: no wide load for those
    // (the small-code build has none, and the loop below does the same).
    if FAST_PATHS && !input.get(at).is_some_and(|&byte| is_space(byte)) {
        return at;
    }
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2", nhncloud_header_fast))]
    while let Some(chunk) = input.get(at..).and_then(|rest| rest.first_chunk::<16>()) {
        let other = !super::wide::equal_16(chunk, SPACES) & 0xFFFF;
        if other != 0 {
            return at + other.trailing_zeros() as usize;
        }
        at += 16;
    }
    while input.get(at).is_some_and(|&byte| is_space(byte)) {
        at += 1;
    }
    at
}

/// The index of the first byte at or after `from` that is not whitespace,
/// with that byte, if there is one.
#[inline(always)]
pub(crate) fn next_non_space(input: &[u8], from: usize) -> (usize, Option<u8>) {
    let at = skip_space(input, from);
    (at, input.get(at).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_space_stops_at_the_first_other_byte_at_every_position() {
        for other in 0..=255u8 {
            if is_space(other) {
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
    fn spaces_are_the_space_class() {
        for byte in 0..=255u8 {
            assert_eq!(SPACES.contains(&byte), is_space(byte), "{byte:#x}");
        }
    }

    #[test]
    fn scalar_starts_and_delimiters_partition_the_token_bytes() {
        for byte in 0..=255u8 {
            let class = Class::of(byte);
            let starts_scalar = matches!(
                class,
                Class::Minus | Class::Zero | Class::Digit | Class::Letter
            );
            assert!(!(starts_scalar && class.delimits()), "{byte:#x}");
            let starts_bracketed =
                matches!(class, Class::Quote | Class::OpenObject | Class::OpenArray);
            assert_eq!(
                class.starts_value(),
                starts_scalar || starts_bracketed,
                "{byte:#x}"
            );
        }
    }
}
