//! The header's rules, applied as tokens pass: which keys count, which
//! values the fields take, what is missing or repeated. Every `Error` the
//! engine reports about the header is built here.

use super::whole_header::FieldCode;
use super::whole_header::{Bytes, read_whole_header};
use super::{
    CODE_INVALID, CODE_NEGATIVE, CODE_TOO_LONG, Failed, HEADER_DONE, IN_HEADER, IS_SUCCESSFUL,
    MESSAGE_NULL, MESSAGE_TRUNCATED, Machine, PARSE_MODE, SEEN_ALL, SEEN_IS_SUCCESSFUL,
    SEEN_RESULT_CODE, SEEN_RESULT_MESSAGE, Sink, State, Text,
};
use crate::error::{ErrorKind, Field};
use crate::grammar::bytes::Class;
use crate::grammar::structure::{Expect, Token};
use crate::grammar::{key, literal, number};
use crate::message::Message;

/// What the current token means to the header, or what the next value will.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub(crate) enum Slot {
    /// Validated and forgotten.
    Skip,
    /// A key nobody asks about.
    Key,
    /// A key being matched against `grammar::key::KEYS` (candidates in `aux`).
    MatchedKey,
    /// The value of the top-level `header` member.
    Header,
    IsSuccessful,
    ResultCode,
    /// Inside a string `resultCode`.
    ResultCodeText,
    ResultMessage,
}

impl Slot {
    /// Whether a value whose first byte is `first` has the type this slot
    /// takes: the header an object, `isSuccessful` a boolean, `resultCode`
    /// a number or a string, `resultMessage` a string or `null`.
    pub(crate) const fn takes(self, first: u8) -> bool {
        match self {
            Slot::Header => first == b'{',
            Slot::IsSuccessful => first == b't' || first == b'f',
            Slot::ResultCode => first == b'"' || number::start(first).is_some(),
            Slot::ResultMessage => first == b'"' || first == b'n',
            _ => true,
        }
    }

    /// The slot of the header field `KEYS[index]`.
    pub(super) const fn of_field(index: Option<usize>) -> Slot {
        match index {
            Some(1) => Slot::IsSuccessful,
            Some(2) => Slot::ResultCode,
            Some(3) => Slot::ResultMessage,
            _ => Slot::Skip,
        }
    }
}

impl Machine {
    /// The candidate keys for a key at the current depth: `header` among the
    /// top-level members, the fields among the header's; none elsewhere.
    pub(super) fn key_candidates(&self) -> u8 {
        match self.depth {
            1 => key::TOP_CANDIDATES,
            2 if self.flags & IN_HEADER != 0 => key::HEADER_CANDIDATES,
            _ => 0,
        }
    }

    /// A key string opens at `quote`; it is matched character by character.
    pub(super) fn begin_key(&mut self, quote: usize) {
        self.mark = quote;
        self.state = State::String;
        let candidates = self.key_candidates();
        self.aux = candidates;
        self.slot = if candidates != 0 {
            Slot::MatchedKey
        } else {
            Slot::Key
        };
    }

    /// One more character of a key being matched.
    pub(super) fn match_key(&mut self, code: u32) {
        let position = (self.aux >> 4) as usize;
        let alive = key::narrow(self.aux & 0x0F, position, code);
        self.aux = alive | (position as u8 + 1).min(0x0F) << 4;
    }

    /// A string closes at `quote`.
    pub(super) fn end_string<S: Sink>(&mut self, quote: usize, sink: &mut S) -> Result<(), Failed> {
        let slot = core::mem::replace(&mut self.slot, Slot::Skip);
        self.state = State::Between(Expect::after(Token::Value));
        match slot {
            Slot::Key => self.state = State::Between(Expect::after(Token::Key)),
            Slot::MatchedKey => {
                let matched = key::matched(self.aux & 0x0F, (self.aux >> 4) as usize);
                self.slot = self.resolve_key(matched)?;
                self.state = State::Between(Expect::after(Token::Key));
            }
            Slot::ResultMessage => sink.text_end(Text::Message, quote),
            Slot::ResultCodeText => self.end_code_text(quote, sink)?,
            _ => {}
        }
        Ok(())
    }

    /// A string `resultCode` closes at `quote`: whole in the sink, or too
    /// long for it.
    fn end_code_text<S: Sink>(&mut self, quote: usize, sink: &mut S) -> Result<(), Failed> {
        if self.flags & CODE_TOO_LONG != 0 {
            return Err(self.fail(ErrorKind::CodeTooLong, Some(Field::ResultCode), self.mark));
        }
        sink.text_end(Text::Code, quote);
        Ok(())
    }

    /// What the value after a top-level or header key means, given which of
    /// `KEYS` the key (whose quote is at `mark`) equals; a repeated `header`
    /// or field is an error.
    pub(super) fn resolve_key(&mut self, matched: Option<usize>) -> Result<Slot, Failed> {
        let (seen, field, slot) = match matched {
            Some(key::HEADER) if self.flags & HEADER_DONE != 0 => {
                return Err(self.fail(ErrorKind::DuplicateKey, None, self.mark));
            }
            Some(key::HEADER) => return Ok(Slot::Header),
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

    /// The first byte of a value at `at`, which the structure allows here;
    /// `slot` says what the header expects of it. Leaves the machine inside
    /// the value, just past this byte.
    pub(super) fn begin_value<S: Sink>(
        &mut self,
        byte: u8,
        class: Class,
        at: usize,
        sink: &mut S,
    ) -> Result<(), Failed> {
        let slot = core::mem::replace(&mut self.slot, Slot::Skip);
        if !slot.takes(byte) {
            let field = match slot {
                Slot::IsSuccessful => Some(Field::IsSuccessful),
                Slot::ResultCode => Some(Field::ResultCode),
                Slot::ResultMessage => Some(Field::ResultMessage),
                _ => None,
            };
            return Err(self.fail(ErrorKind::WrongType, field, at));
        }
        match slot {
            Slot::Header => self.flags |= IN_HEADER,
            Slot::IsSuccessful if byte == b't' => self.flags |= IS_SUCCESSFUL,
            Slot::ResultCode if byte == b'"' => {
                self.slot = Slot::ResultCodeText;
                self.mark = at;
                self.note_code_text(at);
                sink.text_begin(Text::Code, at);
            }
            Slot::ResultCode => {
                self.slot = Slot::ResultCode;
                self.mark = at;
                self.acc = 0;
                self.flags &= !(CODE_NEGATIVE | CODE_INVALID);
                if byte == b'-' {
                    self.flags |= CODE_NEGATIVE;
                }
            }
            Slot::ResultMessage if byte == b'"' => {
                self.slot = Slot::ResultMessage;
                sink.text_begin(Text::Message, at);
            }
            Slot::ResultMessage => self.flags |= MESSAGE_NULL,
            _ => {}
        }
        match class {
            Class::OpenObject | Class::OpenArray => self.open(class == Class::OpenArray, at)?,
            Class::Quote => self.state = State::String,
            Class::Letter => {
                self.state = State::Literal;
                self.aux = literal::after_first(byte);
            }
            _ => {
                if let Some(phase) = number::start(byte) {
                    self.state = State::Number(phase);
                    self.number_byte(phase, byte);
                }
            }
        }
        Ok(())
    }

    /// A byte that took a number into `phase`: accumulates a `resultCode`.
    pub(super) fn number_byte(&mut self, phase: number::Phase, byte: u8) {
        if self.slot != Slot::ResultCode || self.flags & CODE_INVALID != 0 {
            return;
        }
        if number::leaves_integers(phase) {
            self.flags |= CODE_INVALID;
        } else if byte.is_ascii_digit() {
            match number::accumulate(self.acc, byte) {
                Some(magnitude) => self.acc = magnitude,
                None => self.flags |= CODE_INVALID,
            }
        }
    }

    /// A complete number has ended before the current byte.
    pub(super) fn end_number(&mut self) -> Result<(), Failed> {
        self.state = State::Between(Expect::after(Token::Value));
        if self.slot != Slot::ResultCode {
            return Ok(());
        }
        self.slot = Slot::Skip;
        let negative = self.flags & CODE_NEGATIVE != 0;
        let code = (self.flags & CODE_INVALID == 0)
            .then(|| number::result_code(self.acc, negative))
            .flatten();
        self.take_result_code(code)
    }

    /// A whole `resultCode` number, its value if it is an integer in `i32`.
    pub(super) fn take_result_code(&mut self, code: Option<i32>) -> Result<(), Failed> {
        match code {
            Some(code) => {
                self.result_code = code;
                Ok(())
            }
            None => Err(self.fail(
                ErrorKind::InvalidResultCode,
                Some(Field::ResultCode),
                self.mark,
            )),
        }
    }

    /// A whole character of a string has been decoded.
    pub(super) fn on_char<S: Sink>(&mut self, code: u32, sink: &mut S) {
        let (text, refused) = match self.slot {
            Slot::MatchedKey => return self.match_key(code),
            Slot::ResultMessage => (Text::Message, MESSAGE_TRUNCATED),
            Slot::ResultCodeText => (Text::Code, CODE_TOO_LONG),
            _ => return,
        };
        // Once refused, nothing more: a message keeps its first part only.
        if self.flags & refused == 0
            && let Some(ch) = char::from_u32(code)
            && !sink.text_char(text, ch)
        {
            self.flags |= refused;
        }
    }

    /// The whole `resultMessage` or string `resultCode` (the current slot)
    /// lies between the quotes at `open` and `close` of `input`, validated:
    /// hands it to the sink.
    pub(super) fn take_text<S: Sink>(
        &mut self,
        input: &[u8],
        open: usize,
        close: usize,
        sink: &mut S,
    ) -> Result<(), Failed> {
        if S::NEEDS_TEXT {
            let raw = input.get(open + 1..close).unwrap_or_default();
            for ch in Message::from_validated(raw).chars() {
                self.on_char(ch as u32, sink);
            }
        }
        match self.slot {
            Slot::ResultCodeText => self.end_code_text(self.at(close), sink),
            _ => {
                sink.text_end(Text::Message, self.at(close));
                Ok(())
            }
        }
    }

    /// The header's object, from its `{` at `input[open]`, when
    /// [`read_whole_header`] takes it whole: the machine is left as the
    /// member cycle would leave it after the header's `}`, and the index
    /// after that is returned. `None` leaves the machine untouched. Out of
    /// line: the token loop's frame does not hold the fields.
    #[inline(never)]
    pub(super) fn whole_header<S: Sink>(
        &mut self,
        input: &[u8],
        open: usize,
        sink: &mut S,
    ) -> Option<usize> {
        // Opening the header must not break the nesting limit.
        if self.depth >= self.max_depth {
            return None;
        }
        let fields = read_whole_header(input, open, Bytes::Unchecked)?;
        match fields.code {
            FieldCode::Integer(code) => self.result_code = code,
            FieldCode::Text(open_quote, close_quote) => {
                let quote = self.at(open_quote);
                sink.text_begin(Text::Code, quote);
                if S::NEEDS_TEXT {
                    let raw = input.get(open_quote + 1..close_quote).unwrap_or_default();
                    let mut code = Message::from_validated(raw).chars();
                    if !code.all(|ch| sink.text_char(Text::Code, ch)) {
                        // Too long for the sink: the member cycle finds that
                        // again, and reports it where it lies.
                        return None;
                    }
                }
                sink.text_end(Text::Code, self.at(close_quote));
                self.note_code_text(quote);
            }
        }
        self.flags |= SEEN_ALL | HEADER_DONE;
        if fields.is_successful {
            self.flags |= IS_SUCCESSFUL;
        }
        match fields.message {
            Some((open_quote, close_quote)) => {
                sink.text_begin(Text::Message, self.at(open_quote));
                self.slot = Slot::ResultMessage;
                // A message is never refused, only cut.
                let _ = self.take_text(input, open_quote, close_quote, sink);
            }
            None => self.flags |= MESSAGE_NULL,
        }
        self.slot = Slot::Skip;
        self.state = if self.flags & PARSE_MODE != 0 {
            State::Between(Expect::after(Token::Value))
        } else {
            State::Done
        };
        Some(fields.end)
    }

    /// A container closed at `at`; what it means to the header.
    pub(super) fn closed(&mut self, at: usize) -> Result<(), Failed> {
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
        Ok(())
    }
}
