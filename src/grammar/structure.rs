//! The member and element cycles: which token may come next between
//! tokens. Every engine checks structure against this one table; the
//! structural index builds its per-block masks from it.

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

    /// What follows a `,` in an array or an object.
    #[inline(always)]
    pub(crate) const fn after_comma(in_array: bool) -> Expect {
        if in_array {
            Expect::Value
        } else {
            Expect::ObjectNext
        }
    }

    /// What follows an opening bracket.
    #[inline(always)]
    pub(crate) const fn after_open(array: bool) -> Expect {
        if array {
            Expect::ArrayFirst
        } else {
            Expect::ObjectFirst
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
