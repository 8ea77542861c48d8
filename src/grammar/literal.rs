//! The literals `true`, `false` and `null`.

/// `true`, `false` and `null` back to back, each followed by a 0 sentinel.
/// A literal in progress is an index into this table: the next byte expected.
pub(crate) static LITERALS: [u8; 16] = *b"true\0false\0null\0";

/// Index into [`LITERALS`] of the byte after the literal's first letter.
pub(crate) const fn after_first(first: u8) -> u8 {
    match first {
        b't' => 1,
        b'f' => 6,
        _ => 12,
    }
}

/// The length of the literal starting at `at` (by its first letter, which
/// the caller has checked), when all of it is there.
#[inline(always)]
pub(crate) fn whole(input: &[u8], at: usize) -> Option<usize> {
    let rest = input.get(at..)?;
    let (length, whole) = match rest.first()? {
        b't' => (4, rest.first_chunk::<4>() == Some(b"true")),
        b'f' => (5, rest.first_chunk::<5>() == Some(b"false")),
        _ => (4, rest.first_chunk::<4>() == Some(b"null")),
    };
    whole.then_some(length)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_whole_literals_spell_the_same_words() {
        for word in [&b"true"[..], b"false", b"null"] {
            let at = after_first(word[0]) as usize;
            assert_eq!(&LITERALS[at..at + word.len() - 1], &word[1..]);
            assert_eq!(LITERALS[at + word.len() - 1], 0);
            assert_eq!(whole(word, 0), Some(word.len()));
            assert_eq!(whole(&word[..word.len() - 1], 0), None);
        }
        assert_eq!(whole(b"nul!", 0), None);
    }
}
