//! The resumable state machine behind every parser in the crate.
//!
//! It validates a JSON text byte by byte (with fast paths over string bodies
//! and whitespace), keeps the nesting in a 128-bit stack instead of recursing,
//! and picks the three header fields out as they pass. It can stop at any byte
//! and resume with the next chunk, so the one-shot functions and the streaming
//! parser run the very same code and agree on every error kind and offset.

use crate::error::{Error, ErrorKind, Field};
use crate::lexer::{
    CLASS, Class, FAST_PATHS, HEX, LITERALS, PLAIN, literal_after_first, skip_plain, skip_space,
    skip_string,
};
use crate::message::Message;

/// Moves `$i` past whitespace in `$input` and gives the byte there, if any.
/// The first byte is looked at here, before the call: most tokens have no
/// whitespace before them, and this keeps the fast paths' frames small.
macro_rules! byte_after_space {
    ($input:expr, $i:ident) => {{
        if $input
            .get($i)
            .is_some_and(|&b| CLASS[b as usize] == Class::Space)
        {
            $i = skip_space($input, $i + 1);
        }
        $input.get($i).copied()
    }};
}

/// The deepest nesting the fixed stack can hold; also the default limit.
pub(crate) const MAX_DEPTH: u8 = 128;

/// Receives the header's `resultMessage` text as the machine decodes it.
pub(crate) trait Sink {
    /// Whether `message_char` wants the text; when not, fast paths need not
    /// decode it.
    const NEEDS_TEXT: bool;
    /// The message string opens; `quote` is the offset of its opening quote.
    fn message_begin(&mut self, quote: usize);
    /// One decoded character; returns `false` once no more text fits.
    fn message_char(&mut self, ch: char) -> bool;
    /// The message string closes; `quote` is the offset of its closing quote.
    fn message_end(&mut self, quote: usize);
}

/// How much of the body a [`StreamParser`](crate::StreamParser) reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Mode {
    /// As [`scan`](crate::scan): done as soon as the top-level header object
    /// closes; nothing after it is looked at.
    Scan,
    /// As [`parse`](crate::parse): the whole body is validated; done only at
    /// the end of the input.
    Parse,
}

/// What `feed` has seen so far.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Progress {
    /// Everything given was consumed; more input (or the end) is needed.
    NeedMore,
    /// Scan mode only: the header object has closed; stop reading.
    HeaderClosed,
}

/// Where the machine is. Structural states expect the next token; the rest
/// are inside a string, number or literal.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
enum State {
    Start,
    /// After the first byte of a UTF-8 byte order mark.
    Bom1,
    Bom2,
    /// Expecting the top-level value.
    TopValue,
    /// After `{`: a key or `}`.
    ObjectFirst,
    /// After `,` in an object: a key.
    ObjectNext,
    Colon,
    /// After `:`, or after `,` in an array.
    Value,
    /// After `[`: a value or `]`.
    ArrayFirst,
    /// After a value: `,` or the container's close.
    AfterValue,
    /// After the top-level object, in parse mode: whitespace only.
    Trailing,
    /// Scan mode: the header has closed.
    Done,
    Failed,
    String,
    Escape,
    Hex1,
    Hex2,
    Hex3,
    Hex4,
    /// After a high surrogate escape: its low half must follow.
    LowBackslash,
    LowU,
    LowHex1,
    LowHex2,
    LowHex3,
    LowHex4,
    /// UTF-8 continuation bytes still expected (1, 2 or 3), any of 80..=BF.
    Tail1,
    Tail2,
    Tail3,
    /// The second byte after these leads has a narrower range (no overlongs,
    /// no surrogates, nothing above U+10FFFF).
    AfterE0,
    AfterEd,
    AfterF0,
    AfterF4,
    Minus,
    Zero,
    Integer,
    Dot,
    Fraction,
    Exponent,
    ExponentSign,
    ExponentDigits,
    Literal,
}

impl State {
    /// Between tokens, where `skip_fast` can take over.
    fn is_structural(self) -> bool {
        matches!(
            self,
            State::AfterValue
                | State::ObjectFirst
                | State::ObjectNext
                | State::Colon
                | State::Value
                | State::ArrayFirst
        )
    }
}

/// What `read_whole_header` found: where the header ends, the fields seen,
/// their values, and where the message's quotes are.
struct WholeHeader {
    end: usize,
    seen: u16,
    is_successful: bool,
    result_code: i32,
    message: Option<(usize, usize)>,
}

/// Which of `KEYS` an unescaped key equals, among those that count at its
/// level: `header` among the top-level members, the fields in the header.
fn key_index(key: &[u8], in_header: bool) -> Option<usize> {
    // Fixed-size comparisons, which compile to a few word compares.
    fn is<const N: usize>(key: &[u8], name: &[u8; N]) -> bool {
        key.len() == N && key.first_chunk::<N>() == Some(name)
    }
    let index = match (in_header, key.len()) {
        (false, 6) => 0,
        (true, 12) => 1,
        (true, 10) => 2,
        (true, 13) => 3,
        _ => return None,
    };
    let matches = match index {
        0 => is(key, b"header"),
        1 => is(key, b"isSuccessful"),
        2 => is(key, b"resultCode"),
        _ => is(key, b"resultMessage"),
    };
    matches.then_some(index)
}

/// The length of the literal (`true`, `false` or `null`, by its first byte)
/// at `at`, when all of it is there.
fn whole_literal(input: &[u8], at: usize) -> Option<usize> {
    let rest = input.get(at..)?;
    let (length, whole) = match rest.first()? {
        b't' => (4, rest.first_chunk::<4>() == Some(b"true")),
        b'f' => (5, rest.first_chunk::<5>() == Some(b"false")),
        _ => (4, rest.first_chunk::<4>() == Some(b"null")),
    };
    whole.then_some(length)
}

/// The value of a grammatical JSON number, when it is an integer within
/// `i32` (`-0` is 0).
fn result_code_of(number: &[u8]) -> Option<i32> {
    let (negative, digits) = match number.split_first() {
        Some((b'-', digits)) => (true, digits),
        _ => (false, number),
    };
    let mut magnitude: i64 = 0;
    for &digit in digits {
        if !digit.is_ascii_digit() {
            return None;
        }
        magnitude = magnitude * 10 + (digit - b'0') as i64;
        if magnitude > 1 << 31 {
            return None;
        }
    }
    i32::try_from(if negative { -magnitude } else { magnitude }).ok()
}

/// Skips a number from its first byte (`-` or a digit). Returns the index
/// after it, or, when the number stops being valid or the input ends inside
/// it, that index with the number state the general machine resumes in.
fn skip_number(input: &[u8], from: usize) -> (usize, Option<State>) {
    let digits_from = |mut i: usize| {
        while input.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = from;
    if input.get(i) == Some(&b'-') {
        i += 1;
    }
    match input.get(i) {
        Some(b'0') => {
            i += 1;
            if input.get(i).is_none_or(u8::is_ascii_digit) {
                return (i, Some(State::Zero));
            }
        }
        Some(b'1'..=b'9') => {
            i = digits_from(i + 1);
            if i == input.len() {
                return (i, Some(State::Integer));
            }
        }
        _ => return (i, Some(State::Minus)),
    }
    if input.get(i) == Some(&b'.') {
        i += 1;
        if !input.get(i).is_some_and(u8::is_ascii_digit) {
            return (i, Some(State::Dot));
        }
        i = digits_from(i);
        if i == input.len() {
            return (i, Some(State::Fraction));
        }
    }
    if matches!(input.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(input.get(i), Some(b'+' | b'-')) {
            i += 1;
            if !input.get(i).is_some_and(u8::is_ascii_digit) {
                return (i, Some(State::ExponentSign));
            }
        } else if !input.get(i).is_some_and(u8::is_ascii_digit) {
            return (i, Some(State::Exponent));
        }
        i = digits_from(i);
        if i == input.len() {
            return (i, Some(State::ExponentDigits));
        }
    }
    (i, None)
}

/// What the current token means to the header, or what the next value will.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
enum Slot {
    /// Validated and forgotten.
    Skip,
    /// A key nobody asks about.
    Key,
    /// A key of the top-level object, matched against `header`.
    TopKey,
    /// A key of the header object, matched against the three field names.
    HeaderKey,
    /// The value of the top-level `header` member.
    Header,
    IsSuccessful,
    ResultCode,
    ResultMessage,
}

/// Keys the machine matches, in candidate-bit order (see `Machine::aux`).
const KEYS: [&[u8]; 4] = [b"header", b"isSuccessful", b"resultCode", b"resultMessage"];
const TOP_KEY_CANDIDATES: u8 = 0x10;
const HEADER_KEY_CANDIDATES: u8 = 0xE0;

// Bits of `Machine::flags`.
const SEEN_IS_SUCCESSFUL: u16 = 1 << 0;
const SEEN_RESULT_CODE: u16 = 1 << 1;
const SEEN_RESULT_MESSAGE: u16 = 1 << 2;
const SEEN_ALL: u16 = SEEN_IS_SUCCESSFUL | SEEN_RESULT_CODE | SEEN_RESULT_MESSAGE;
const IN_HEADER: u16 = 1 << 3;
const HEADER_DONE: u16 = 1 << 4;
const IS_SUCCESSFUL: u16 = 1 << 5;
const CODE_NEGATIVE: u16 = 1 << 6;
/// The `resultCode` number is not an integer within `i32`; reported once the
/// number has ended, so that grammar errors win.
const CODE_INVALID: u16 = 1 << 7;
const MESSAGE_NULL: u16 = 1 << 8;
const MESSAGE_TRUNCATED: u16 = 1 << 9;
const PARSE_MODE: u16 = 1 << 10;

/// Every error kind, indexed by discriminant: a failed machine keeps its
/// error in `acc`, which nothing else needs any more.
const ERROR_KINDS: [ErrorKind; 16] = [
    ErrorKind::Empty,
    ErrorKind::NotAnObject,
    ErrorKind::UnexpectedByte,
    ErrorKind::UnexpectedEnd,
    ErrorKind::InvalidNumber,
    ErrorKind::InvalidEscape,
    ErrorKind::LoneSurrogate,
    ErrorKind::ControlCharacter,
    ErrorKind::InvalidUtf8,
    ErrorKind::DepthLimit,
    ErrorKind::TrailingCharacters,
    ErrorKind::MissingHeader,
    ErrorKind::MissingField,
    ErrorKind::DuplicateKey,
    ErrorKind::WrongType,
    ErrorKind::InvalidResultCode,
];
const FIELDS: [Option<Field>; 4] = [
    None,
    Some(Field::IsSuccessful),
    Some(Field::ResultCode),
    Some(Field::ResultMessage),
];

/// The parser state: 48 bytes on 64-bit targets, 40 on 32-bit ones.
#[derive(Clone, Debug)]
pub(crate) struct Machine {
    /// Offset of the first byte of the next chunk.
    consumed: usize,
    /// Offset of the token that a later error may point at: the current
    /// key's opening quote, or the `resultCode` number's first byte. The
    /// error's offset once failed.
    mark: usize,
    /// One bit per open container, set for arrays; bit `d` is depth `d + 1`.
    nest: [u8; 16],
    /// Code point or hex value being decoded; `resultCode` magnitude being
    /// accumulated; the error once failed.
    acc: u32,
    result_code: i32,
    flags: u16,
    state: State,
    slot: Slot,
    depth: u8,
    max_depth: u8,
    /// Key matching (position in the low nibble, live candidates in the high
    /// nibble, one bit per entry of `KEYS`), or the `LITERALS` index.
    aux: u8,
}

impl Machine {
    /// A machine at the start of a body. `max_depth` above [`MAX_DEPTH`] is
    /// treated as [`MAX_DEPTH`].
    pub(crate) const fn new(mode: Mode, max_depth: u8) -> Self {
        Machine {
            consumed: 0,
            mark: 0,
            nest: [0; 16],
            acc: 0,
            result_code: 0,
            flags: match mode {
                Mode::Scan => 0,
                Mode::Parse => PARSE_MODE,
            },
            state: State::Start,
            slot: Slot::Skip,
            depth: 0,
            max_depth: if max_depth > MAX_DEPTH {
                MAX_DEPTH
            } else {
                max_depth
            },
            aux: 0,
        }
    }

    pub(crate) fn is_successful(&self) -> bool {
        self.flags & IS_SUCCESSFUL != 0
    }

    pub(crate) fn result_code(&self) -> i32 {
        self.result_code
    }

    /// Whether `resultMessage` was `null`.
    pub(crate) fn message_is_null(&self) -> bool {
        self.flags & MESSAGE_NULL != 0
    }

    /// Whether the sink refused part of the message.
    pub(crate) fn message_truncated(&self) -> bool {
        self.flags & MESSAGE_TRUNCATED != 0
    }

    /// Offset of the next byte to be fed.
    pub(crate) fn offset(&self) -> usize {
        self.consumed
    }

    /// Consumes the next chunk of the body.
    pub(crate) fn feed<S: Sink>(&mut self, input: &[u8], sink: &mut S) -> Result<Progress, Error> {
        // Once over, chunks are not looked at (`run` would see no state in
        // an empty one) and not counted.
        match self.state {
            State::Failed => return Err(self.failure()),
            State::Done => return Ok(Progress::HeaderClosed),
            _ => {}
        }
        let progress = self.run(input, sink);
        self.consumed = self.consumed.saturating_add(input.len());
        progress
    }

    /// Ends the body: the whole input has been fed.
    pub(crate) fn finish(&mut self) -> Result<(), Error> {
        match self.state {
            State::Trailing | State::Done => Ok(()),
            State::Failed => Err(self.failure()),
            State::Start | State::TopValue => Err(self.fail(ErrorKind::Empty, None, self.consumed)),
            _ => Err(self.fail(ErrorKind::UnexpectedEnd, None, self.consumed)),
        }
    }

    fn run<S: Sink>(&mut self, input: &[u8], sink: &mut S) -> Result<Progress, Error> {
        let mut i = 0;
        while i < input.len() {
            if FAST_PATHS && (self.state.is_structural() || self.in_skipped_string()) {
                i = self.header_fast(input, i, sink)?;
            }
            match self.step(input, i, sink)? {
                Some(next) => i = next,
                None => break,
            }
            if self.state == State::Done {
                return Ok(Progress::HeaderClosed);
            }
        }
        // A fast path may close the header on the chunk's last byte.
        Ok(if self.state == State::Done {
            Progress::HeaderClosed
        } else {
            Progress::NeedMore
        })
    }

    /// One step of the byte-wise machine, at `input[i]`: whatever the fast
    /// paths leave to it. Returns where to go on, or `None` once the input
    /// has run out. Out of line, so that its locals take stack only while it
    /// runs, never under the fast paths.
    #[inline(never)]
    fn step<S: Sink>(
        &mut self,
        input: &[u8],
        mut i: usize,
        sink: &mut S,
    ) -> Result<Option<usize>, Error> {
        let base = self.consumed;
        let at = |i: usize| base.saturating_add(i);
        let Some(&byte) = input.get(i) else {
            return Ok(None);
        };
        let class = CLASS[byte as usize];
        match self.state {
            State::String => {
                i = match self.slot {
                    Slot::Skip | Slot::Key if FAST_PATHS => skip_string(input, i),
                    Slot::Skip | Slot::Key => skip_plain(input, i),
                    _ => self.capture_plain(input, i, sink),
                };
                let Some(&byte) = input.get(i) else {
                    return Ok(None);
                };
                match byte {
                    b'"' => self.end_string(at(i), sink)?,
                    b'\\' => self.state = State::Escape,
                    0x00..=0x1F => {
                        return Err(self.fail_at(ErrorKind::ControlCharacter, i));
                    }
                    _ => self.utf8_lead(byte, at(i))?,
                }
                i += 1;
            }
            State::AfterValue => match class {
                Class::Space => i = skip_space(input, i + 1),
                Class::Comma => {
                    self.state = if self.top_is_array() {
                        State::Value
                    } else {
                        State::ObjectNext
                    };
                    i += 1;
                }
                Class::CloseObject | Class::CloseArray => {
                    self.close(class == Class::CloseArray, at(i))?;
                    i += 1;
                }
                _ => return Err(self.fail_at(ErrorKind::UnexpectedByte, i)),
            },
            State::ObjectFirst | State::ObjectNext => match class {
                Class::Space => i = skip_space(input, i + 1),
                Class::Quote => {
                    self.begin_key(at(i));
                    i += 1;
                }
                Class::CloseObject if self.state == State::ObjectFirst => {
                    self.close(false, at(i))?;
                    i += 1;
                }
                _ => return Err(self.fail_at(ErrorKind::UnexpectedByte, i)),
            },
            State::Colon => match class {
                Class::Space => i = skip_space(input, i + 1),
                Class::Colon => {
                    self.state = State::Value;
                    i += 1;
                }
                _ => return Err(self.fail_at(ErrorKind::UnexpectedByte, i)),
            },
            State::Value | State::ArrayFirst => match class {
                Class::Space => i = skip_space(input, i + 1),
                Class::CloseArray if self.state == State::ArrayFirst => {
                    self.close(true, at(i))?;
                    i += 1;
                }
                _ => {
                    self.begin_value(byte, class, at(i), sink)?;
                    i += 1;
                }
            },
            State::Integer | State::Fraction | State::ExponentDigits => {
                while let Some(&digit) = input.get(i) {
                    if !digit.is_ascii_digit() {
                        break;
                    }
                    if self.state == State::Integer && self.slot == Slot::ResultCode {
                        self.accumulate_code(digit);
                    }
                    i += 1;
                }
                let Some(&byte) = input.get(i) else {
                    return Ok(None);
                };
                match (self.state, byte) {
                    (State::Integer, b'.') => self.begin_fraction(),
                    (State::Integer | State::Fraction, b'e' | b'E') => self.begin_exponent(),
                    _ => {
                        self.end_number()?;
                        return Ok(Some(i));
                    }
                }
                i += 1;
            }
            State::Minus => {
                match class {
                    Class::Zero => self.state = State::Zero,
                    Class::Digit => {
                        self.state = State::Integer;
                        if self.slot == Slot::ResultCode {
                            self.accumulate_code(byte);
                        }
                    }
                    _ => return Err(self.fail_at(ErrorKind::InvalidNumber, i)),
                }
                i += 1;
            }
            State::Zero => {
                match byte {
                    b'0'..=b'9' => {
                        return Err(self.fail_at(ErrorKind::InvalidNumber, i));
                    }
                    b'.' => self.begin_fraction(),
                    b'e' | b'E' => self.begin_exponent(),
                    _ => {
                        self.end_number()?;
                        return Ok(Some(i));
                    }
                }
                i += 1;
            }
            State::Dot | State::ExponentSign => {
                if !byte.is_ascii_digit() {
                    return Err(self.fail_at(ErrorKind::InvalidNumber, i));
                }
                self.state = if self.state == State::Dot {
                    State::Fraction
                } else {
                    State::ExponentDigits
                };
                i += 1;
            }
            State::Exponent => {
                self.state = match byte {
                    b'+' | b'-' => State::ExponentSign,
                    b'0'..=b'9' => State::ExponentDigits,
                    _ => return Err(self.fail_at(ErrorKind::InvalidNumber, i)),
                };
                i += 1;
            }
            State::Literal => {
                let expected = LITERALS[(self.aux & 15) as usize];
                if byte != expected {
                    return Err(self.fail_at(ErrorKind::UnexpectedByte, i));
                }
                self.aux = self.aux.wrapping_add(1);
                if LITERALS[(self.aux & 15) as usize] == 0 {
                    self.state = State::AfterValue;
                }
                i += 1;
            }
            State::Escape => {
                let decoded = match byte {
                    b'"' | b'\\' | b'/' => byte,
                    b'b' => 0x08,
                    b'f' => 0x0C,
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'u' => {
                        self.acc = 0;
                        self.state = State::Hex1;
                        i += 1;
                        return Ok(Some(i));
                    }
                    _ => return Err(self.fail_at(ErrorKind::InvalidEscape, i)),
                };
                self.state = State::String;
                self.on_char(decoded as u32, sink);
                i += 1;
            }
            State::Hex1
            | State::Hex2
            | State::Hex3
            | State::Hex4
            | State::LowHex1
            | State::LowHex2
            | State::LowHex3
            | State::LowHex4 => {
                let digit = HEX[byte as usize];
                if digit == 0xFF {
                    return Err(self.fail_at(ErrorKind::InvalidEscape, i));
                }
                self.acc = (self.acc << 4) | digit as u32;
                self.state = match self.state {
                    State::Hex1 => State::Hex2,
                    State::Hex2 => State::Hex3,
                    State::Hex3 => State::Hex4,
                    State::Hex4 => match self.acc {
                        0xD800..=0xDBFF => State::LowBackslash,
                        0xDC00..=0xDFFF => {
                            return Err(self.fail_at(ErrorKind::LoneSurrogate, i));
                        }
                        code => {
                            self.on_char(code, sink);
                            State::String
                        }
                    },
                    State::LowHex1 => State::LowHex2,
                    State::LowHex2 => State::LowHex3,
                    State::LowHex3 => State::LowHex4,
                    _ => {
                        let (high, low) = (self.acc >> 16, self.acc & 0xFFFF);
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.fail_at(ErrorKind::LoneSurrogate, i));
                        }
                        self.on_char(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), sink);
                        State::String
                    }
                };
                i += 1;
            }
            State::LowBackslash | State::LowU => {
                self.state = match (self.state, byte) {
                    (State::LowBackslash, b'\\') => State::LowU,
                    (State::LowU, b'u') => State::LowHex1,
                    _ => return Err(self.fail_at(ErrorKind::LoneSurrogate, i)),
                };
                i += 1;
            }
            State::Tail1
            | State::Tail2
            | State::Tail3
            | State::AfterE0
            | State::AfterEd
            | State::AfterF0
            | State::AfterF4 => {
                let (low, high, next) = match self.state {
                    State::Tail1 => (0x80, 0xBF, State::String),
                    State::Tail2 => (0x80, 0xBF, State::Tail1),
                    State::Tail3 => (0x80, 0xBF, State::Tail2),
                    State::AfterE0 => (0xA0, 0xBF, State::Tail1),
                    State::AfterEd => (0x80, 0x9F, State::Tail1),
                    State::AfterF0 => (0x90, 0xBF, State::Tail2),
                    _ => (0x80, 0x8F, State::Tail2),
                };
                if byte < low || byte > high {
                    return Err(self.fail_at(ErrorKind::InvalidUtf8, i));
                }
                self.acc = (self.acc << 6) | (byte & 0x3F) as u32;
                self.state = next;
                if next == State::String {
                    self.on_char(self.acc, sink);
                }
                i += 1;
            }
            State::Start => {
                if byte == 0xEF {
                    self.state = State::Bom1;
                    i += 1;
                } else {
                    self.state = State::TopValue;
                }
            }
            State::Bom1 | State::Bom2 => {
                self.state = match (self.state, byte) {
                    (State::Bom1, 0xBB) => State::Bom2,
                    (State::Bom2, 0xBF) => State::TopValue,
                    _ => return Err(self.fail_at(ErrorKind::UnexpectedByte, i)),
                };
                i += 1;
            }
            State::TopValue => match class {
                Class::Space => i = skip_space(input, i + 1),
                Class::OpenObject => {
                    self.open(false, at(i))?;
                    self.state = State::ObjectFirst;
                    i += 1;
                }
                _ if class.starts_value() => {
                    return Err(self.fail_at(ErrorKind::NotAnObject, i));
                }
                _ => return Err(self.fail_at(ErrorKind::UnexpectedByte, i)),
            },
            State::Trailing => match class {
                Class::Space => i = skip_space(input, i + 1),
                _ => return Err(self.fail_at(ErrorKind::TrailingCharacters, i)),
            },
            State::Done => return Ok(Some(i)),
            State::Failed => return Err(self.failure()),
        }
        Ok(Some(i))
    }

    /// Inside the plain text of a string nobody asks about: a chunk boundary
    /// fell there, and `skip_fast` can pick the string up again.
    fn in_skipped_string(&self) -> bool {
        self.state == State::String && matches!(self.slot, Slot::Skip | Slot::Key)
    }

    /// The depth of the object whose members `header_fast` looks at: the
    /// top-level object, or the header while inside it.
    fn member_depth(&self) -> u8 {
        if self.flags & IN_HEADER != 0 { 2 } else { 1 }
    }

    /// Fast path for the two levels the header lives on: the top-level
    /// object's members and the header's own. Keys without escapes are
    /// compared whole, field values of the right type are taken in one
    /// piece, and anything deeper goes to `skip_fast`. Returns at the first
    /// byte it does not handle (escaped keys, wrong types, closing braces,
    /// errors, the end of the input) with the state untouched there, so the
    /// byte-wise machine carries on with the same outcome.
    fn header_fast<S: Sink>(
        &mut self,
        input: &[u8],
        mut i: usize,
        sink: &mut S,
    ) -> Result<usize, Error> {
        let base = self.consumed;
        macro_rules! stop {
            ($state:expr) => {{
                self.state = $state;
                return Ok(i);
            }};
        }
        'level: loop {
            let member_depth = self.member_depth();
            if self.depth > member_depth {
                i = self.skip_fast(input, i, member_depth)?;
                if self.depth > member_depth || !self.state.is_structural() {
                    return Ok(i);
                }
            } else if !self.state.is_structural() {
                return Ok(i);
            }
            let in_header = member_depth == 2;
            // Where the member cycle `key : value ,` is entered; it then runs
            // straight through, writing the state back only where it stops.
            let mut phase = match self.state {
                State::ObjectFirst | State::ObjectNext => 0,
                State::Colon => 1,
                State::Value => 2,
                State::AfterValue => 3,
                _ => return Ok(i),
            };
            let mut key_state = self.state;
            loop {
                if phase == 0 {
                    if byte_after_space!(input, i) != Some(b'"') {
                        stop!(key_state)
                    }
                    let end = skip_plain(input, i + 1);
                    let Some(key) = input
                        .get(i + 1..end)
                        .filter(|_| input.get(end) == Some(&b'"'))
                    else {
                        stop!(key_state)
                    };
                    self.mark = base.saturating_add(i);
                    self.slot = self.resolve_key(key_index(key, in_header))?;
                    i = end + 1;
                }
                if phase <= 1 {
                    if byte_after_space!(input, i) != Some(b':') {
                        stop!(State::Colon)
                    }
                    i += 1;
                }
                if phase <= 2 {
                    let Some(byte) = byte_after_space!(input, i) else {
                        stop!(State::Value)
                    };
                    let at = base.saturating_add(i);
                    i = match (self.slot, byte) {
                        (Slot::Skip | Slot::Header, b'{' | b'[') => {
                            if self.slot == Slot::Header
                                && byte == b'{'
                                && let Some(whole) = self.read_whole_header(input, i)
                            {
                                self.commit_header(&whole, input, sink);
                                i = whole.end;
                                continue 'level;
                            }
                            self.begin_value(byte, CLASS[byte as usize], at, sink)?;
                            i += 1;
                            continue 'level;
                        }
                        (Slot::Skip | Slot::ResultMessage, b'"') => {
                            let end = skip_string(input, i + 1);
                            if input.get(end) != Some(&b'"') {
                                stop!(State::Value)
                            }
                            if self.slot == Slot::ResultMessage {
                                self.take_message(input, i, end, sink);
                            }
                            end + 1
                        }
                        (Slot::Skip | Slot::ResultCode, b'-' | b'0'..=b'9') => {
                            let (end, unfinished) = skip_number(input, i);
                            if unfinished.is_some() {
                                stop!(State::Value)
                            }
                            if self.slot == Slot::ResultCode {
                                self.take_result_code(input.get(i..end).unwrap_or_default(), at)?;
                            }
                            end
                        }
                        (slot, b't' | b'f' | b'n') => {
                            let fits = match slot {
                                Slot::Skip => true,
                                Slot::IsSuccessful => byte != b'n',
                                Slot::ResultMessage => byte == b'n',
                                _ => false,
                            };
                            let Some(length) = whole_literal(input, i).filter(|_| fits) else {
                                stop!(State::Value)
                            };
                            match byte {
                                b't' if slot == Slot::IsSuccessful => self.flags |= IS_SUCCESSFUL,
                                b'n' if slot == Slot::ResultMessage => self.flags |= MESSAGE_NULL,
                                _ => {}
                            }
                            i + length
                        }
                        _ => stop!(State::Value),
                    };
                    self.slot = Slot::Skip;
                }
                match byte_after_space!(input, i) {
                    Some(b',') => {
                        i += 1;
                        phase = 0;
                        key_state = State::ObjectNext;
                    }
                    Some(b'}') => {
                        self.state = State::AfterValue;
                        self.close(false, base.saturating_add(i))?;
                        i += 1;
                        continue 'level;
                    }
                    _ => stop!(State::AfterValue),
                }
            }
        }
    }

    /// The whole `resultMessage` string lies between the quotes at `open`
    /// and `close`, validated: hands it to the sink.
    fn take_message<S: Sink>(&mut self, input: &[u8], open: usize, close: usize, sink: &mut S) {
        let base = self.consumed;
        let raw = input.get(open + 1..close).unwrap_or_default();
        sink.message_begin(base.saturating_add(open));
        if S::NEEDS_TEXT {
            for ch in Message::from_validated(raw).chars() {
                self.on_char(ch as u32, sink);
            }
        }
        sink.message_end(base.saturating_add(close));
    }

    /// A complete, grammatical `resultCode` number: the same verdict as the
    /// byte-wise path, which accumulates digits as they come.
    fn take_result_code(&mut self, number: &[u8], at: usize) -> Result<(), Error> {
        self.result_code = result_code_of(number)
            .ok_or_else(|| self.fail(ErrorKind::InvalidResultCode, Some(Field::ResultCode), at))?;
        Ok(())
    }

    /// The header object opening at `open`, read in one go when it lies
    /// whole in `input` and is the common case: keys without escapes, the
    /// three fields once each and of the right types, other members scalar.
    /// Straight-line code over locals that changes nothing; anything else
    /// returns `None`, and the member cycle takes the header piece by piece
    /// (reporting any error exactly). Out of line, so that its locals do not
    /// widen the hot loop's frame, and it calls nothing that needs a frame.
    #[inline(never)]
    fn read_whole_header(&self, input: &[u8], open: usize) -> Option<WholeHeader> {
        if self.max_depth < 2 || input.get(open) != Some(&b'{') {
            return None;
        }
        let mut whole = WholeHeader {
            end: 0,
            seen: 0,
            is_successful: false,
            result_code: 0,
            message: None,
        };
        let mut i = open + 1;
        loop {
            if byte_after_space!(input, i) != Some(b'"') {
                return None;
            }
            let end = skip_plain(input, i + 1);
            let key = input
                .get(i + 1..end)
                .filter(|_| input.get(end) == Some(&b'"'))?;
            let field = key_index(key, true);
            i = end + 1;
            if byte_after_space!(input, i) != Some(b':') {
                return None;
            }
            i += 1;
            let byte = byte_after_space!(input, i)?;
            let bit = match field {
                Some(1) => SEEN_IS_SUCCESSFUL,
                Some(2) => SEEN_RESULT_CODE,
                Some(3) => SEEN_RESULT_MESSAGE,
                _ => 0,
            };
            if whole.seen & bit != 0 {
                return None;
            }
            whole.seen |= bit;
            i = match (field, byte) {
                (Some(1), b't' | b'f') | (Some(3), b'n') | (None, b't' | b'f' | b'n') => {
                    whole.is_successful |= field == Some(1) && byte == b't';
                    i + whole_literal(input, i)?
                }
                (Some(2) | None, b'-' | b'0'..=b'9') => {
                    let (end, unfinished) = skip_number(input, i);
                    if unfinished.is_some() {
                        return None;
                    }
                    if field == Some(2) {
                        whole.result_code = result_code_of(input.get(i..end)?)?;
                    }
                    end
                }
                (Some(3) | None, b'"') => {
                    let end = skip_string(input, i + 1);
                    if input.get(end) != Some(&b'"') {
                        return None;
                    }
                    if field == Some(3) {
                        whole.message = Some((i, end));
                    }
                    end + 1
                }
                _ => return None,
            };
            match byte_after_space!(input, i) {
                Some(b',') => i += 1,
                Some(b'}') if whole.seen == SEEN_ALL => break,
                _ => return None,
            }
        }
        whole.end = i + 1;
        Some(whole)
    }

    /// Leaves the machine as the member cycle would have after the header
    /// that `read_whole_header` read.
    fn commit_header<S: Sink>(&mut self, whole: &WholeHeader, input: &[u8], sink: &mut S) {
        self.flags |= whole.seen | HEADER_DONE;
        if whole.is_successful {
            self.flags |= IS_SUCCESSFUL;
        }
        self.result_code = whole.result_code;
        match whole.message {
            Some((open_quote, close_quote)) => {
                self.slot = Slot::ResultMessage;
                self.take_message(input, open_quote, close_quote, sink);
            }
            None => self.flags |= MESSAGE_NULL,
        }
        self.slot = Slot::Skip;
        self.state = if self.flags & PARSE_MODE != 0 {
            State::AfterValue
        } else {
            State::Done
        };
    }

    /// Skips whole tokens with the state held in local control flow, for as
    /// long as nothing in them matters to the header: below the members of
    /// the object at `member_depth`. Returns at the first byte that needs
    /// the general machine (the end of the input, anything but plain text in
    /// a string, anything invalid, the return to `member_depth`), with
    /// `self.state` exactly as the general machine would have it there.
    /// Errors it can raise itself (depth) are raised identically. Inlined
    /// into its one caller, so the two share a stack frame.
    #[inline(always)]
    fn skip_fast(&mut self, input: &[u8], mut i: usize, member_depth: u8) -> Result<usize, Error> {
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum At {
            Value,
            ArrayFirst,
            Key,
            KeyOrClose,
            Colon,
            After,
        }
        let mut at = match self.state {
            State::Value => At::Value,
            State::ArrayFirst => At::ArrayFirst,
            State::ObjectNext => At::Key,
            State::ObjectFirst => At::KeyOrClose,
            State::Colon => At::Colon,
            State::String => {
                // The rest of a string a chunk boundary cut (`in_skipped_string`).
                let end = skip_string(input, i);
                if input.get(end) != Some(&b'"') {
                    return Ok(end);
                }
                i = end + 1;
                let was_key = self.slot == Slot::Key;
                self.slot = Slot::Skip;
                if was_key { At::Colon } else { At::After }
            }
            _ => At::After,
        };
        let mut in_array = self.top_is_array();
        let base = self.consumed;
        macro_rules! stop {
            ($state:expr) => {{
                self.state = $state;
                return Ok(i);
            }};
        }
        // From the opening quote of a key through its colon, when all there.
        macro_rules! key_and_colon {
            () => {{
                let end = skip_string(input, i + 1);
                if input.get(end) != Some(&b'"') {
                    self.slot = Slot::Key;
                    i = end;
                    stop!(State::String)
                }
                i = end + 1;
                at = At::Colon;
                if byte_after_space!(input, i) == Some(b':') {
                    i += 1;
                    at = At::Value;
                }
            }};
        }
        // After `,` or `{`: the next key, or where to look for it.
        macro_rules! next_key {
            ($otherwise:expr) => {{
                at = $otherwise;
                if byte_after_space!(input, i) == Some(b'"') {
                    key_and_colon!();
                }
            }};
        }
        macro_rules! close {
            () => {{
                i += 1;
                self.depth -= 1;
                if self.depth == member_depth {
                    stop!(State::AfterValue)
                }
                in_array = self.top_is_array();
                at = At::After;
            }};
        }
        loop {
            let Some(byte) = byte_after_space!(input, i) else {
                stop!(match at {
                    At::Value => State::Value,
                    At::ArrayFirst => State::ArrayFirst,
                    At::Key => State::ObjectNext,
                    At::KeyOrClose => State::ObjectFirst,
                    At::Colon => State::Colon,
                    At::After => State::AfterValue,
                })
            };
            match at {
                At::Value | At::ArrayFirst => {
                    if byte == b'"' {
                        let end = skip_string(input, i + 1);
                        if input.get(end) != Some(&b'"') {
                            i = end;
                            stop!(State::String)
                        }
                        i = end + 1;
                    } else if byte.is_ascii_digit() || byte == b'-' {
                        let (end, unfinished) = skip_number(input, i);
                        i = end;
                        if let Some(state) = unfinished {
                            stop!(state)
                        }
                    } else if byte == b'{' {
                        self.open(false, base.saturating_add(i))?;
                        i += 1;
                        in_array = false;
                        next_key!(At::KeyOrClose);
                        continue;
                    } else if byte == b'[' {
                        self.open(true, base.saturating_add(i))?;
                        i += 1;
                        in_array = true;
                        at = At::ArrayFirst;
                        continue;
                    } else if byte == b't' || byte == b'f' || byte == b'n' {
                        let Some(length) = whole_literal(input, i) else {
                            self.aux = literal_after_first(byte);
                            i += 1;
                            stop!(State::Literal)
                        };
                        i += length;
                    } else if byte == b']' && at == At::ArrayFirst {
                        close!();
                        continue;
                    } else {
                        stop!(if at == At::Value {
                            State::Value
                        } else {
                            State::ArrayFirst
                        })
                    }
                    // The common case straight on: `, "key" :` or `,` in an array.
                    at = At::After;
                    if byte_after_space!(input, i) == Some(b',') {
                        i += 1;
                        if in_array {
                            at = At::Value;
                        } else {
                            next_key!(At::Key);
                        }
                    }
                }
                At::After => {
                    if byte == b',' {
                        i += 1;
                        if in_array {
                            at = At::Value;
                        } else {
                            next_key!(At::Key);
                        }
                    } else if (byte == b'}' || byte == b']') && in_array == (byte == b']') {
                        close!();
                    } else {
                        stop!(State::AfterValue)
                    }
                }
                At::Key | At::KeyOrClose => {
                    if byte == b'"' {
                        key_and_colon!();
                    } else if byte == b'}' && at == At::KeyOrClose {
                        close!();
                    } else {
                        stop!(if at == At::Key {
                            State::ObjectNext
                        } else {
                            State::ObjectFirst
                        })
                    }
                }
                At::Colon => {
                    if byte != b':' {
                        stop!(State::Colon)
                    }
                    i += 1;
                    at = At::Value;
                }
            }
        }
    }

    /// Feeds plain string bytes of a captured string (a key being matched or
    /// the message) to `on_char`; returns the index of the first other byte.
    fn capture_plain<S: Sink>(&mut self, input: &[u8], from: usize, sink: &mut S) -> usize {
        let mut i = from;
        while let Some(&byte) = input.get(i) {
            if !PLAIN[byte as usize] {
                break;
            }
            self.on_char(byte as u32, sink);
            i += 1;
        }
        i
    }

    /// A whole character of a string has been decoded.
    fn on_char<S: Sink>(&mut self, code: u32, sink: &mut S) {
        match self.slot {
            Slot::TopKey | Slot::HeaderKey => self.match_key(code),
            Slot::ResultMessage if self.flags & MESSAGE_TRUNCATED == 0 => {
                if let Some(ch) = char::from_u32(code)
                    && !sink.message_char(ch)
                {
                    self.flags |= MESSAGE_TRUNCATED;
                }
            }
            _ => {}
        }
    }

    fn match_key(&mut self, code: u32) {
        let position = (self.aux & 0x0F) as usize;
        let mut alive = self.aux & 0xF0;
        for (k, key) in KEYS.iter().enumerate() {
            if key.get(position).map(|&b| b as u32) != Some(code) {
                alive &= !(0x10 << k);
            }
        }
        self.aux = alive | (position as u8 + 1).min(0x0F);
    }

    /// The entry of `KEYS` the finished key equals, if any.
    fn matched_key(&self) -> Option<usize> {
        let length = (self.aux & 0x0F) as usize;
        (0..KEYS.len()).find(|&k| self.aux & (0x10 << k) != 0 && KEYS[k].len() == length)
    }

    fn begin_key(&mut self, quote: usize) {
        self.mark = quote;
        self.state = State::String;
        (self.slot, self.aux) = if self.depth == 1 {
            (Slot::TopKey, TOP_KEY_CANDIDATES)
        } else if self.depth == 2 && self.flags & IN_HEADER != 0 {
            (Slot::HeaderKey, HEADER_KEY_CANDIDATES)
        } else {
            (Slot::Key, 0)
        };
    }

    fn end_string<S: Sink>(&mut self, quote: usize, sink: &mut S) -> Result<(), Error> {
        self.state = State::Colon;
        self.slot = match self.slot {
            Slot::Skip => {
                self.state = State::AfterValue;
                Slot::Skip
            }
            Slot::ResultMessage => {
                sink.message_end(quote);
                self.state = State::AfterValue;
                Slot::Skip
            }
            Slot::TopKey | Slot::HeaderKey => self.resolve_key(self.matched_key())?,
            _ => Slot::Skip,
        };
        Ok(())
    }

    /// What the value after a top-level or header key means, given which of
    /// `KEYS` the key equals; a repeated `header` or field is an error.
    fn resolve_key(&mut self, matched: Option<usize>) -> Result<Slot, Error> {
        let (seen, field, slot) = match matched {
            Some(0) if self.flags & HEADER_DONE != 0 => {
                return Err(self.fail(ErrorKind::DuplicateKey, None, self.mark));
            }
            Some(0) => return Ok(Slot::Header),
            Some(1) => (SEEN_IS_SUCCESSFUL, Field::IsSuccessful, Slot::IsSuccessful),
            Some(2) => (SEEN_RESULT_CODE, Field::ResultCode, Slot::ResultCode),
            Some(3) => (
                SEEN_RESULT_MESSAGE,
                Field::ResultMessage,
                Slot::ResultMessage,
            ),
            _ => return Ok(Slot::Skip),
        };
        if self.flags & seen != 0 {
            return Err(self.fail(ErrorKind::DuplicateKey, Some(field), self.mark));
        }
        self.flags |= seen;
        Ok(slot)
    }

    /// The first byte of a value; `slot` says what the header expects of it.
    fn begin_value<S: Sink>(
        &mut self,
        byte: u8,
        class: Class,
        at: usize,
        sink: &mut S,
    ) -> Result<(), Error> {
        if !class.starts_value() {
            return Err(self.fail(ErrorKind::UnexpectedByte, None, at));
        }
        let slot = self.slot;
        self.slot = Slot::Skip;
        let wrong_type = match slot {
            Slot::Header if class == Class::OpenObject => {
                self.flags |= IN_HEADER;
                None
            }
            Slot::Header => Some(None),
            Slot::IsSuccessful if byte == b't' || byte == b'f' => {
                if byte == b't' {
                    self.flags |= IS_SUCCESSFUL;
                }
                None
            }
            Slot::IsSuccessful => Some(Some(Field::IsSuccessful)),
            Slot::ResultCode if matches!(class, Class::Minus | Class::Zero | Class::Digit) => {
                self.slot = Slot::ResultCode;
                self.mark = at;
                self.acc = 0;
                self.flags &= !(CODE_NEGATIVE | CODE_INVALID);
                if class == Class::Minus {
                    self.flags |= CODE_NEGATIVE;
                }
                None
            }
            Slot::ResultCode => Some(Some(Field::ResultCode)),
            Slot::ResultMessage if class == Class::Quote => {
                self.slot = Slot::ResultMessage;
                sink.message_begin(at);
                None
            }
            Slot::ResultMessage if byte == b'n' => {
                self.flags |= MESSAGE_NULL;
                None
            }
            Slot::ResultMessage => Some(Some(Field::ResultMessage)),
            _ => None,
        };
        if let Some(field) = wrong_type {
            return Err(self.fail(ErrorKind::WrongType, field, at));
        }
        match class {
            Class::OpenObject => {
                self.open(false, at)?;
                self.state = State::ObjectFirst;
            }
            Class::OpenArray => {
                self.open(true, at)?;
                self.state = State::ArrayFirst;
            }
            Class::Quote => self.state = State::String,
            Class::Minus => self.state = State::Minus,
            Class::Zero => self.state = State::Zero,
            Class::Digit => {
                self.state = State::Integer;
                if self.slot == Slot::ResultCode {
                    self.accumulate_code(byte);
                }
            }
            _ => {
                self.state = State::Literal;
                self.aux = literal_after_first(byte);
            }
        }
        Ok(())
    }

    fn accumulate_code(&mut self, digit: u8) {
        if self.flags & CODE_INVALID == 0 {
            // One past i32::MAX is i32::MIN's magnitude; anything above is out.
            let magnitude = self.acc as u64 * 10 + (digit - b'0') as u64;
            if magnitude > 1 << 31 {
                self.flags |= CODE_INVALID;
            } else {
                self.acc = magnitude as u32;
            }
        }
    }

    fn begin_fraction(&mut self) {
        self.state = State::Dot;
        self.flags |= CODE_INVALID;
    }

    fn begin_exponent(&mut self) {
        self.state = State::Exponent;
        self.flags |= CODE_INVALID;
    }

    /// A complete number has ended on the current (unconsumed) byte.
    fn end_number(&mut self) -> Result<(), Error> {
        self.state = State::AfterValue;
        if self.slot != Slot::ResultCode {
            return Ok(());
        }
        self.slot = Slot::Skip;
        let negative = self.flags & CODE_NEGATIVE != 0;
        if self.flags & CODE_INVALID != 0 || (!negative && self.acc > i32::MAX as u32) {
            return Err(self.fail(
                ErrorKind::InvalidResultCode,
                Some(Field::ResultCode),
                self.mark,
            ));
        }
        let magnitude = self.acc as i32;
        self.result_code = if negative {
            magnitude.wrapping_neg()
        } else {
            magnitude
        };
        Ok(())
    }

    fn utf8_lead(&mut self, byte: u8, at: usize) -> Result<(), Error> {
        let (bits, state) = match byte {
            0xC2..=0xDF => (byte & 0x1F, State::Tail1),
            0xE0 => (0, State::AfterE0),
            0xE1..=0xEC | 0xEE..=0xEF => (byte & 0x0F, State::Tail2),
            0xED => (0x0D, State::AfterEd),
            0xF0 => (0, State::AfterF0),
            0xF1..=0xF3 => (byte & 0x07, State::Tail3),
            0xF4 => (0x04, State::AfterF4),
            _ => return Err(self.fail(ErrorKind::InvalidUtf8, None, at)),
        };
        self.acc = bits as u32;
        self.state = state;
        Ok(())
    }

    #[inline]
    fn open(&mut self, is_array: bool, at: usize) -> Result<(), Error> {
        if self.depth >= self.max_depth {
            return Err(self.fail(ErrorKind::DepthLimit, None, at));
        }
        let (byte, bit) = Self::nest_bit(self.depth);
        if is_array {
            self.nest[byte] |= bit;
        } else {
            self.nest[byte] &= !bit;
        }
        self.depth += 1;
        Ok(())
    }

    fn top_is_array(&self) -> bool {
        let (byte, bit) = Self::nest_bit(self.depth.wrapping_sub(1));
        self.nest[byte] & bit != 0
    }

    /// Byte index and mask of the stack bit for depth `index + 1`.
    fn nest_bit(index: u8) -> (usize, u8) {
        let index = index & (MAX_DEPTH - 1);
        ((index >> 3) as usize, 1 << (index & 7))
    }

    /// A `}` or `]` at `at`.
    fn close(&mut self, is_array: bool, at: usize) -> Result<Progress, Error> {
        if self.top_is_array() != is_array {
            return Err(self.fail(ErrorKind::UnexpectedByte, None, at));
        }
        self.depth -= 1;
        self.state = State::AfterValue;
        match self.depth {
            1 if self.flags & IN_HEADER != 0 => {
                if self.flags & SEEN_ALL != SEEN_ALL {
                    let missing = if self.flags & SEEN_IS_SUCCESSFUL == 0 {
                        Field::IsSuccessful
                    } else if self.flags & SEEN_RESULT_CODE == 0 {
                        Field::ResultCode
                    } else {
                        Field::ResultMessage
                    };
                    return Err(self.fail(ErrorKind::MissingField, Some(missing), at));
                }
                self.flags = (self.flags & !IN_HEADER) | HEADER_DONE;
                if self.flags & PARSE_MODE == 0 {
                    self.state = State::Done;
                    return Ok(Progress::HeaderClosed);
                }
            }
            0 => {
                if self.flags & HEADER_DONE == 0 {
                    return Err(self.fail(ErrorKind::MissingHeader, None, at));
                }
                self.state = State::Trailing;
            }
            _ => {}
        }
        Ok(Progress::NeedMore)
    }

    /// [`fail`](Self::fail) at `input[i]` of the current chunk; the offset
    /// is worked out here, once, rather than at each of the many call sites.
    #[cold]
    #[inline(never)]
    fn fail_at(&mut self, kind: ErrorKind, i: usize) -> Error {
        self.fail(kind, None, self.consumed.saturating_add(i))
    }

    #[cold]
    #[inline(never)]
    fn fail(&mut self, kind: ErrorKind, field: Option<Field>, at: usize) -> Error {
        let field_index = match field {
            None => 0,
            Some(Field::IsSuccessful) => 1,
            Some(Field::ResultCode) => 2,
            Some(Field::ResultMessage) => 3,
        };
        self.state = State::Failed;
        self.acc = kind as u32 | field_index << 8;
        self.mark = at;
        Error::new(kind, field, at)
    }

    fn failure(&self) -> Error {
        let kind = ERROR_KINDS[(self.acc & 15) as usize];
        let field = FIELDS[((self.acc >> 8) & 3) as usize];
        Error::new(kind, field, self.mark)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_kind_table_follows_declaration_order() {
        for (index, kind) in ERROR_KINDS.iter().enumerate() {
            assert_eq!(*kind as usize, index, "{kind:?}");
        }
    }

    #[test]
    fn failure_round_trips_every_kind_and_field() {
        for kind in ERROR_KINDS {
            for field in FIELDS {
                let mut machine = Machine::new(Mode::Parse, MAX_DEPTH);
                let error = machine.fail(kind, field, 12345);
                assert_eq!(machine.failure(), error);
                assert_eq!(machine.finish(), Err(error));
            }
        }
    }

    /// Records the message as decoded characters.
    struct Text(([u8; 64], usize));

    impl Sink for Text {
        const NEEDS_TEXT: bool = true;
        fn message_begin(&mut self, _: usize) {}
        fn message_char(&mut self, ch: char) -> bool {
            let (buffer, length) = &mut self.0;
            let Some(slot) = buffer.get_mut(*length..*length + ch.len_utf8()) else {
                return false;
            };
            ch.encode_utf8(slot);
            *length += ch.len_utf8();
            true
        }
        fn message_end(&mut self, _: usize) {}
    }

    type Outcome = Result<(bool, i32, bool, [u8; 64], usize), Error>;

    fn run(mode: Mode, chunks: &mut dyn Iterator<Item = &[u8]>) -> Outcome {
        let mut machine = Machine::new(mode, MAX_DEPTH);
        let mut text = Text(([0; 64], 0));
        let mut closed = false;
        for chunk in chunks {
            if machine.feed(chunk, &mut text)? == Progress::HeaderClosed {
                closed = true;
                break;
            }
        }
        if !closed {
            machine.finish()?;
        }
        let (buffer, length) = text.0;
        Ok((
            machine.is_successful(),
            machine.result_code(),
            machine.message_is_null(),
            buffer,
            length,
        ))
    }

    /// Bodies that take every fast path and leave it at every kind of byte.
    const BODIES: &[&[u8]] = &[
        br#"{"a":[{"k":"v\"\n\u00e9\ud83d\ude00","n":[-0,1.5e+3,0.25,-12E-2,7],"l":[true,false,null]},[],{}],"header":{"isSuccessful":false,"resultCode":-4,"resultMessage":"bad : \u0041\u00e9"},"z":{"y":[[1],[2,{"x":"\u30c6"}]]}}"#,
        "{\"a\": [ {\"\u{30b5}\u{30fc}\" : \"\u{1F600}x\" } , 12 ] ,\n \"header\" : {\"resultMessage\":null, \"resultCode\":10404,\"isSuccessful\":true}}".as_bytes(),
        br#"{"a":{"b":[1,2,"x"],"c":{}},"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"S"},"d":[truex]}"#,
        br#"{"a":[1,2,{"b":"\x"}]}"#,
        br#"{"a":[01]}"#,
        br#"{"a":[1.]}"#,
        br#"{"a":[-]}"#,
        br#"{"a":[1e+]}"#,
        br#"{"a":[tru]}"#,
        br#"{"a":{"b" 1}}"#,
        br#"{"a":{"b":1,}}"#,
        br#"{"a":[1}"#,
        b"{\"a\":[\"\xE3\x81\"]}",
        b"{\"a\":[\"\xED\xA0\x80\"]}",
        b"{\"a\":[\"\x01\"]}",
        br#"{"a":["\ud800x"]}"#,
        br#"{"a":["\udc00"]}"#,
        b"{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        br#"{ "header" : { "x" : {"isSuccessful":[1,{"y":null}]} , "isSuccessful" : true , "resultCode" : -2147483648 , "resultMessage" : "a\u00e9\ud83d\ude00\n" , "z":[] } , "t":true,"f":false,"n":null,"s":"x","k":-1.5}"#,
        br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"S"},"header":{}}"#,
        br#"{"header":{"isSuccessful":true,"resultCode":0,"resultCode":1}}"#,
        br#"{"he\u0061der":{"is\u0053uccessful":false,"resultCode":5,"resultMessage":null}}"#,
        br#"{"header":{"isSuccessful":nul}}"#,
        br#"{"header":{"isSuccessful":"true"}}"#,
        br#"{"header":{"resultMessage":true}}"#,
        br#"{"header":{"resultCode":2147483648}}"#,
        br#"{"header":{"resultCode":1.0}}"#,
        br#"{"header":{"resultCode":-0,"isSuccessful":false,"resultMessage":"0123456789012345678901234567890123456789012345678901234567890123456789"}}"#,
        br#"{"header":[],"x":1}"#,
        br#"{"header":{"isSuccessful":true,"resultCode":0}}"#,
        br#"{"a":1}"#,
        br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"S"}} x"#,
    ];

    #[test]
    fn fast_paths_agree_with_the_byte_wise_machine_at_every_split() {
        for body in BODIES {
            let text = core::str::from_utf8(body);
            for mode in [Mode::Parse, Mode::Scan] {
                let whole = run(mode, &mut core::iter::once(*body));
                let bytes = run(mode, &mut body.chunks(1));
                assert_eq!(whole, bytes, "{mode:?}, one byte at a time: {text:?}");
                for split in 0..=body.len() {
                    let (head, tail) = body.split_at(split);
                    let two = run(mode, &mut [head, tail].into_iter());
                    assert_eq!(whole, two, "{mode:?}, split at {split}: {text:?}");
                }
            }
        }
    }

    #[test]
    fn state_is_small() {
        assert!(
            core::mem::size_of::<Machine>() <= 48,
            "{}",
            core::mem::size_of::<Machine>()
        );
    }
}
