//! The resumable byte-wise engine: the reference for every answer the crate
//! gives, and the engine of the streaming parser.
//!
//! It validates a JSON text a byte at a time, keeps the nesting in a 128-bit
//! stack instead of recursing, and picks the three header fields out as
//! they pass. It can stop at any byte and resume with the next chunk, so the
//! one-shot functions and the streaming parser run the very same code and
//! agree on every error kind and offset. On hosted targets a token loop
//! (`tokens.rs`) takes whole tokens where they lie whole in a chunk and
//! leaves everything else to the byte-wise step (`step.rs`); the header's
//! rules, and every `Error`, are in `header.rs`.

mod header;
mod one_shot;
mod step;
mod tokens;
mod whole_header;

use crate::error::{Error, ErrorKind, Field};
use crate::grammar::FAST_PATHS;
use crate::grammar::number::Phase;
use crate::grammar::structure::{Expect, Token};
use crate::options::{MAX_DEPTH, Mode};
use crate::room::Text;

pub(crate) use header::Slot;
pub(crate) use one_shot::byte_wise;
#[cfg(nhncloud_header_fast)]
pub(crate) use one_shot::from_key;
#[cfg(nhncloud_header_fast)]
pub(crate) use whole_header::read_validated;

/// What the index says of a body it hands over to the byte-wise engine
/// (never an answer: the byte-wise engine gives that).
#[cfg(nhncloud_header_fast)]
pub(crate) const HANDED_OVER: Error = Error::new(ErrorKind::UnexpectedEnd, None, usize::MAX);

/// The machine has failed, and keeps the error (see `failure`): what the
/// engine hands back on its way out is then nothing at all, not the error's
/// bytes at every return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Failed;

/// Receives the header's strings as the machine decodes them.
pub(crate) trait Sink {
    /// Whether `text_char` wants the text; when not, whole strings need
    /// not be decoded.
    const NEEDS_TEXT: bool;
    /// A string opens; `quote` is the offset of its opening quote.
    fn text_begin(&mut self, text: Text, quote: usize);
    /// One decoded character; returns `false` once no more of it fits. A
    /// message is then cut there; a code that does not fit is an error.
    fn text_char(&mut self, text: Text, ch: char) -> bool;
    /// The string closes; `quote` is the offset of its closing quote.
    fn text_end(&mut self, text: Text, quote: usize);
}

/// What `feed` has seen so far.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Progress {
    /// Everything given was consumed; more input (or the end) is needed.
    NeedMore,
    /// Scan mode only: the header object has closed; stop reading.
    HeaderClosed,
}

/// Where the machine is: between tokens, or inside a string, number or
/// literal.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Start,
    /// After the first byte of a UTF-8 byte order mark.
    Bom1,
    Bom2,
    /// Expecting the top-level value.
    TopValue,
    /// Between tokens inside the top-level object.
    Between(Expect),
    /// After the top-level object, in parse mode: whitespace only.
    Trailing,
    /// Scan mode: the header has closed.
    Done,
    Failed,
    String,
    /// After a backslash.
    Escape,
    /// In a `\u` escape, with this many hex digits read.
    Hex(u8),
    /// After a high surrogate's escape: the `\` and `u` of its low half.
    LowBackslash,
    LowU,
    /// In the low half's hex digits, with this many read.
    LowHex(u8),
    /// After a UTF-8 lead byte (kept in `acc`): the first continuation byte.
    Utf8Second,
    /// This many more UTF-8 continuation bytes.
    Utf8Tail(u8),
    Number(Phase),
    /// In `true`, `false` or `null`, at `LITERALS[aux]`.
    Literal,
}

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
/// `resultCode` is a string.
const CODE_TEXT: u16 = 1 << 11;
/// The sink refused part of a string `resultCode`; reported at its closing
/// quote, so that grammar errors inside it win.
const CODE_TOO_LONG: u16 = 1 << 12;

/// The parser state: 48 bytes on 64-bit targets, 40 on 32-bit ones.
///
/// In this order (`repr(C)`), `max_depth`, never zero, splits the fields a
/// new machine zeroes into runs short enough for plain stores: laid out by
/// the compiler, they ran together and `Machine::new` called `memset`,
/// whose 174 bytes a firmware on thumbv7em linked for this alone
/// (`.ci/footprint` checks that `scan` links none).
#[derive(Clone, Debug)]
#[repr(C)]
pub(crate) struct Machine {
    /// Offset of the first byte of the next chunk.
    consumed: usize,
    /// Offset of the token that a later error may point at: the current
    /// key's opening quote, or the `resultCode` number's first byte. The
    /// error's offset once failed.
    mark: usize,
    /// Code point or hex value being decoded (with a UTF-8 lead byte in the
    /// top byte); `resultCode` magnitude being accumulated; the error once
    /// failed.
    acc: u32,
    result_code: i32,
    max_depth: u8,
    state: State,
    slot: Slot,
    depth: u8,
    /// Key matching (candidate bits of `grammar::key::KEYS` in the low
    /// nibble, characters matched in the high one), or the `LITERALS` index.
    aux: u8,
    /// One bit per open container, set for arrays; bit `d` is depth `d + 1`.
    nest: [u8; 16],
    flags: u16,
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

    /// A scan-mode machine that starts at a member key of the top-level
    /// object, its opening quote at `quote`: in the state the byte-wise
    /// engine is in there after a valid start (depth 1, a key expected,
    /// no header seen), so that from there on it reads exactly as `scan`
    /// reads. For `locate`, which follows the body up to that key itself.
    #[cfg(nhncloud_header_fast)]
    pub(crate) const fn at_top_level_key(max_depth: u8, quote: usize) -> Self {
        let mut machine = Machine::new(Mode::Scan, max_depth);
        machine.consumed = quote;
        machine.depth = 1;
        // As after a comma between the top-level object's members.
        machine.state = State::Between(Expect::after(Token::Comma { in_array: false }));
        machine
    }

    pub(crate) fn is_successful(&self) -> bool {
        self.flags & IS_SUCCESSFUL != 0
    }

    /// The integer `resultCode` (meaningless when it is a string).
    pub(crate) fn result_code(&self) -> i32 {
        self.result_code
    }

    /// Whether `resultCode` is a string, handed to the sink as [`Text::Code`].
    pub(crate) fn code_is_text(&self) -> bool {
        self.flags & CODE_TEXT != 0
    }

    /// For a string `resultCode`, the offset of its opening quote (kept in
    /// the integer's place, up to `u32::MAX`).
    pub(crate) fn code_text_offset(&self) -> Option<usize> {
        self.code_is_text()
            .then_some(self.result_code as u32 as usize)
    }

    /// A string `resultCode` opens at `quote`: where it is, in the
    /// integer's place.
    fn note_code_text(&mut self, quote: usize) {
        self.flags |= CODE_TEXT;
        self.result_code = quote.min(u32::MAX as usize) as u32 as i32;
    }

    /// Whether `resultMessage` was `null`.
    pub(crate) fn message_is_null(&self) -> bool {
        self.flags & MESSAGE_NULL != 0
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
        progress.map_err(|Failed| self.failure())
    }

    /// Ends the body: the whole input has been fed.
    pub(crate) fn finish(&mut self) -> Result<(), Error> {
        match self.state {
            State::Trailing | State::Done => Ok(()),
            State::Failed => Err(self.failure()),
            State::Start | State::TopValue => {
                let Failed = self.fail(ErrorKind::Empty, None, self.consumed);
                Err(self.failure())
            }
            _ => {
                let Failed = self.fail(ErrorKind::UnexpectedEnd, None, self.consumed);
                Err(self.failure())
            }
        }
    }

    fn run<S: Sink>(&mut self, input: &[u8], sink: &mut S) -> Result<Progress, Failed> {
        let mut i = 0;
        while i < input.len() {
            if FAST_PATHS {
                i = self.tokens(input, i, sink)?;
            }
            match self.step(input, i, sink)? {
                Some(next) => i = next,
                None => break,
            }
            if self.state == State::Done {
                return Ok(Progress::HeaderClosed);
            }
        }
        // The token loop may close the header on the chunk's last byte.
        Ok(if self.state == State::Done {
            Progress::HeaderClosed
        } else {
            Progress::NeedMore
        })
    }

    /// The offset in the body of `input[i]`, for the current chunk.
    fn at(&self, i: usize) -> usize {
        self.consumed.saturating_add(i)
    }

    /// Opens a container at `at`, after its slot has been checked.
    #[inline]
    fn open(&mut self, is_array: bool, at: usize) -> Result<(), Failed> {
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
        self.state = State::Between(Expect::after(Token::Open { array: is_array }));
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

    /// A `}` or `]` at `at`, where the structure allows a close.
    fn close(&mut self, is_array: bool, at: usize) -> Result<(), Failed> {
        if self.top_is_array() != is_array {
            return Err(self.fail(ErrorKind::UnexpectedByte, None, at));
        }
        self.depth -= 1;
        self.state = State::Between(Expect::after(Token::Value));
        self.closed(at)
    }

    /// [`fail`](Self::fail) at `input[i]` of the current chunk; the offset
    /// is worked out here, once, rather than at each of the many call sites.
    #[cold]
    #[inline(never)]
    fn fail_at(&mut self, kind: ErrorKind, i: usize) -> Failed {
        self.fail(kind, None, self.at(i))
    }

    #[cold]
    #[inline(never)]
    fn fail(&mut self, kind: ErrorKind, field: Option<Field>, at: usize) -> Failed {
        let field_index = match field {
            None => 0,
            Some(Field::IsSuccessful) => 1,
            Some(Field::ResultCode) => 2,
            Some(Field::ResultMessage) => 3,
        };
        self.state = State::Failed;
        self.acc = kind as u32 | field_index << 8;
        self.mark = at;
        Failed
    }

    fn failure(&self) -> Error {
        // `fail` stored a kind's index there: the fallback is never taken.
        let kind = ErrorKind::ALL
            .get((self.acc & 0xFF) as usize)
            .copied()
            .unwrap_or(ErrorKind::UnexpectedByte);
        let field = FIELDS[((self.acc >> 8) & 3) as usize];
        Error::new(kind, field, self.mark)
    }
}

const FIELDS: [Option<Field>; 4] = [
    None,
    Some(Field::IsSuccessful),
    Some(Field::ResultCode),
    Some(Field::ResultMessage),
];

#[cfg(test)]
pub(crate) mod tests;
