//! The member and element cycles, written once: what a token leaves
//! expected ([`Expect::after`]), and which token may come next
//! ([`Expect::rule`]). Every engine moves between tokens by the first and
//! checks by the second; the structural index builds its per-block masks
//! from both.

use super::bytes::{CLASSES, Class};

/// What a JSON text may have next, between two tokens inside the
/// top-level object.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub(crate) enum Expect {
    /// After `{`: a key or `}`.
    ObjectFirst,
    /// After `,` in an object: a key.
    ObjectNext,
    /// After a key: `:`.
    Colon,
    /// After `:`, or after `,` in an array: a value.
    Value,
    /// After `[`: a value or `]`.
    ArrayFirst,
    /// After a value: `,` or the container's close (which must match it:
    /// that is the nesting's business, not this table's).
    AfterValue,
}

/// A token, as far as what may come after it goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Token {
    /// `{` (`array: false`) or `[` (`array: true`).
    Open { array: bool },
    /// `,` between an object's members or an array's elements.
    Comma { in_array: bool },
    /// `:` after a key.
    Colon,
    /// A string where a key is expected.
    Key,
    /// A whole value: a string that is not a key, a number, a literal, or
    /// a container's close.
    Value,
}

impl Token {
    /// Every token, for tables built from the rule (the structural
    /// index's).
    #[cfg(nhncloud_header_fast)]
    pub(crate) const ALL: [Token; 7] = [
        Token::Open { array: false },
        Token::Open { array: true },
        Token::Comma { in_array: false },
        Token::Comma { in_array: true },
        Token::Colon,
        Token::Key,
        Token::Value,
    ];

    /// A string token: a key where `expect` takes one, else a value.
    #[inline(always)]
    pub(crate) const fn string(expect: Expect) -> Token {
        if expect.takes_key() {
            Token::Key
        } else {
            Token::Value
        }
    }
}

/// [`Expect::rule`] as one bit per byte class for each expectation, so
/// that checking a token is a load and a test.
static ALLOWS: [u16; 6] = {
    let mut table = [0; 6];
    let mut e = 0;
    while e < Expect::ALL.len() {
        let mut c = 0;
        while c < CLASSES.len() {
            if Expect::ALL[e].rule(CLASSES[c]) {
                table[e] |= 1 << CLASSES[c] as u8;
            }
            c += 1;
        }
        e += 1;
    }
    table
};

impl Expect {
    /// Every expectation, for tables built from this one.
    pub(crate) const ALL: [Expect; 6] = [
        Expect::ObjectFirst,
        Expect::ObjectNext,
        Expect::Colon,
        Expect::Value,
        Expect::ArrayFirst,
        Expect::AfterValue,
    ];

    /// Whether a token whose first byte is of `class` may come next.
    #[inline(always)]
    pub(crate) fn allows(self, class: Class) -> bool {
        ALLOWS[self as usize] & (1 << class as u8) != 0
    }

    /// The rule itself, from which [`ALLOWS`] is built; the structural
    /// index asks it with constant arguments, at compile time.
    pub(crate) const fn rule(self, class: Class) -> bool {
        match self {
            Expect::ObjectFirst => matches!(class, Class::Quote | Class::CloseObject),
            Expect::ObjectNext => matches!(class, Class::Quote),
            Expect::Colon => matches!(class, Class::Colon),
            Expect::Value => class.starts_value(),
            Expect::ArrayFirst => class.starts_value() || matches!(class, Class::CloseArray),
            Expect::AfterValue => {
                matches!(class, Class::Comma | Class::CloseObject | Class::CloseArray)
            }
        }
    }

    /// Whether a string here is a key.
    #[inline(always)]
    pub(crate) const fn takes_key(self) -> bool {
        matches!(self, Expect::ObjectFirst | Expect::ObjectNext)
    }

    /// What `token` leaves expected: the one transition every engine
    /// takes between tokens.
    #[inline(always)]
    pub(crate) const fn after(token: Token) -> Expect {
        match token {
            Token::Open { array: false } => Expect::ObjectFirst,
            Token::Open { array: true } => Expect::ArrayFirst,
            Token::Comma { in_array } => {
                if in_array {
                    Expect::Value
                } else {
                    Expect::ObjectNext
                }
            }
            Token::Colon => Expect::Value,
            Token::Key => Expect::Colon,
            Token::Value => Expect::AfterValue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index treats every number and literal as one kind of token
    /// (validated on its own), so the table must not tell them apart.
    #[test]
    fn scalars_are_allowed_alike() {
        for expect in Expect::ALL {
            for class in [Class::Minus, Class::Zero, Class::Letter] {
                assert_eq!(
                    expect.allows(class),
                    expect.allows(Class::Digit),
                    "{expect:?}"
                );
            }
            assert!(!expect.allows(Class::Other) && !expect.allows(Class::Space));
        }
    }
}
