//! Numbers: the JSON number grammar as one transition function, and what
//! makes a number a `resultCode`.

/// Where a number is in its grammar, after the bytes seen so far.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Phase {
    /// After `-`: a digit must follow.
    Minus,
    /// After a leading `0`: no more integer digits.
    Zero,
    /// In the integer digits (after `1` to `9`).
    Integer,
    /// After `.`: a digit must follow.
    Dot,
    Fraction,
    /// After `e` or `E`: a sign or a digit must follow.
    Exponent,
    /// After the exponent's sign: a digit must follow.
    ExponentSign,
    ExponentDigits,
}

/// What the next byte does to a number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Step {
    /// The byte belongs to the number.
    Next(Phase),
    /// The number ended before this byte, which belongs to what follows.
    End,
    /// The byte breaks the grammar here.
    Invalid,
}

/// The phase after a number's first byte, if it can start one.
#[inline(always)]
pub(crate) const fn start(byte: u8) -> Option<Phase> {
    match byte {
        b'-' => Some(Phase::Minus),
        b'0' => Some(Phase::Zero),
        b'1'..=b'9' => Some(Phase::Integer),
        _ => None,
    }
}

/// The number grammar: what `byte` does in `phase`.
#[inline(always)]
pub(crate) const fn step(phase: Phase, byte: u8) -> Step {
    let digit = byte.is_ascii_digit();
    let exponent = byte == b'e' || byte == b'E';
    match phase {
        Phase::Minus => match byte {
            b'0' => Step::Next(Phase::Zero),
            b'1'..=b'9' => Step::Next(Phase::Integer),
            _ => Step::Invalid,
        },
        Phase::Zero if digit => Step::Invalid,
        Phase::Integer if digit => Step::Next(Phase::Integer),
        Phase::Zero | Phase::Integer if byte == b'.' => Step::Next(Phase::Dot),
        Phase::Zero | Phase::Integer | Phase::Fraction if exponent => Step::Next(Phase::Exponent),
        Phase::Dot | Phase::Fraction if digit => Step::Next(Phase::Fraction),
        Phase::Exponent if byte == b'+' || byte == b'-' => Step::Next(Phase::ExponentSign),
        Phase::Exponent | Phase::ExponentSign | Phase::ExponentDigits if digit => {
            Step::Next(Phase::ExponentDigits)
        }
        Phase::Zero | Phase::Integer | Phase::Fraction | Phase::ExponentDigits => Step::End,
        Phase::Dot | Phase::Exponent | Phase::ExponentSign => Step::Invalid,
    }
}

/// Whether a number that took this phase is no integer (a `resultCode` must be).
pub(crate) const fn leaves_integers(phase: Phase) -> bool {
    matches!(phase, Phase::Dot | Phase::Exponent)
}

/// A number from its first byte at `from`: where it ends (the index after
/// it) when it is complete within `input`, or where it stopped being valid
/// or ran out of input, with the phase it was in there.
#[inline(always)]
pub(crate) fn skip(input: &[u8], from: usize) -> (usize, Result<(), Phase>) {
    let Some(mut phase) = input.get(from).and_then(|&byte| start(byte)) else {
        return (from, Err(Phase::Minus));
    };
    let mut at = from + 1;
    loop {
        // Runs of digits, most of most numbers, without a step per digit:
        // in these phases a digit keeps the phase (tested below).
        let runs = matches!(
            phase,
            Phase::Integer | Phase::Fraction | Phase::ExponentDigits
        );
        if runs {
            while input.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
        }
        let Some(&byte) = input.get(at) else {
            return (at, Err(phase));
        };
        // After a run of digits only `.`, `e` and `E` go on (tested below).
        if runs && !matches!(byte, b'.' | b'e' | b'E') {
            return (at, Ok(()));
        }
        match step(phase, byte) {
            Step::Next(next) => phase = next,
            Step::End => return (at, Ok(())),
            Step::Invalid => return (at, Err(phase)),
        }
        at += 1;
    }
}

/// One more integer digit of a `resultCode`'s magnitude; `None` once it is
/// past `i32`'s range (one past `i32::MAX` is `i32::MIN`'s magnitude).
#[inline(always)]
pub(crate) const fn accumulate(magnitude: u32, digit: u8) -> Option<u32> {
    let next = magnitude as u64 * 10 + digit.wrapping_sub(b'0') as u64;
    if next > 1 << 31 {
        None
    } else {
        Some(next as u32)
    }
}

/// The `resultCode` of an integer's magnitude and sign, if within `i32`
/// (`-0` is 0).
#[inline(always)]
pub(crate) const fn result_code(magnitude: u32, negative: bool) -> Option<i32> {
    if negative {
        Some((magnitude as i32).wrapping_neg())
    } else if magnitude > i32::MAX as u32 {
        None
    } else {
        Some(magnitude as i32)
    }
}

/// The `resultCode` of a grammatical JSON number, when it is an integer
/// within `i32`.
pub(crate) fn result_code_of(number: &[u8]) -> Option<i32> {
    let (negative, digits) = match number.split_first() {
        Some((b'-', digits)) => (true, digits),
        _ => (false, number),
    };
    let mut magnitude = 0;
    for &digit in digits {
        if !digit.is_ascii_digit() {
            return None;
        }
        magnitude = accumulate(magnitude, digit)?;
    }
    result_code(magnitude, negative)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A naive reading of RFC 8259's number rule.
    fn naive_is_number(text: &str) -> bool {
        let rest = text.strip_prefix('-').unwrap_or(text);
        let (int, rest) = rest.split_at(rest.find(['.', 'e', 'E']).unwrap_or(rest.len()));
        let int_ok = int == "0"
            || (!int.is_empty()
                && !int.starts_with('0')
                && int.bytes().all(|b| b.is_ascii_digit()));
        let (frac, exp) = match rest.strip_prefix('.') {
            Some(after) => after.split_at(after.find(['e', 'E']).unwrap_or(after.len())),
            None => ("", rest),
        };
        let frac_ok = !rest.starts_with('.')
            || (!frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()));
        let exp_ok = exp.is_empty() || {
            let digits = exp[1..].strip_prefix(['+', '-']).unwrap_or(&exp[1..]);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        };
        int_ok && frac_ok && exp_ok
    }

    #[test]
    fn skip_agrees_with_the_rfc_on_every_short_string() {
        let alphabet = b"-+.eE019x";
        let mut text = [0u8; 5];
        for length in 1..=5 {
            for index in 0..alphabet.len().pow(length as u32) {
                let mut n = index;
                for slot in text.iter_mut().take(length) {
                    *slot = alphabet[n % alphabet.len()];
                    n /= alphabet.len();
                }
                let number = &text[..length];
                let mut delimited = number.to_vec();
                delimited.push(b',');
                let (end, result) = skip(&delimited, 0);
                let whole = result.is_ok() && end == length;
                let expected = naive_is_number(core::str::from_utf8(number).unwrap());
                assert_eq!(whole, expected, "{:?}", core::str::from_utf8(number));
            }
        }
    }

    #[test]
    fn digits_keep_the_phases_skip_runs_through() {
        for phase in [Phase::Integer, Phase::Fraction, Phase::ExponentDigits] {
            for byte in 0..=255u8 {
                match step(phase, byte) {
                    Step::Next(next) if byte.is_ascii_digit() => assert_eq!(next, phase),
                    Step::Next(_) => assert!(matches!(byte, b'.' | b'e' | b'E'), "{byte:#x}"),
                    Step::End => {}
                    Step::Invalid => panic!("{phase:?} {byte:#x}"),
                }
            }
        }
    }

    #[test]
    fn result_codes_cover_exactly_i32() {
        assert_eq!(result_code_of(b"-2147483648"), Some(i32::MIN));
        assert_eq!(result_code_of(b"2147483647"), Some(i32::MAX));
        assert_eq!(result_code_of(b"2147483648"), None);
        assert_eq!(result_code_of(b"-2147483649"), None);
        assert_eq!(result_code_of(b"-0"), Some(0));
        assert_eq!(result_code_of(b"1.0"), None);
        assert_eq!(result_code_of(b"99999999999999999999"), None);
    }
}
