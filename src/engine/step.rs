//! The byte-wise step: whatever the token loop leaves, one byte (or one run
//! of plain string bytes or whitespace) at a time.

use super::{Failed, Machine, Sink, Slot, State};
use crate::error::ErrorKind;
use crate::grammar::FAST_PATHS;
use crate::grammar::bytes::{BOM, Class, skip_space};
use crate::grammar::literal::LITERALS;
use crate::grammar::number::{self, Step};
use crate::grammar::string::{
    CONTINUATION, FIRST_PRINTABLE, Unit, hex_value, is_plain, pair, simple_escape, skip_plain,
    skip_string, unit, utf8_lead, within,
};
use crate::grammar::structure::{Expect, Token};

impl Machine {
    /// One step at `input[i]`. Returns where to go on, or `None` once the
    /// input has run out. Out of line, so that its locals take stack only
    /// while it runs, never under the token loop.
    #[inline(never)]
    pub(super) fn step<S: Sink>(
        &mut self,
        input: &[u8],
        i: usize,
        sink: &mut S,
    ) -> Result<Option<usize>, Failed> {
        let Some(&byte) = input.get(i) else {
            return Ok(None);
        };
        let class = Class::of(byte);
        match self.state {
            State::String => return self.string_bytes(input, i, sink),
            State::Between(expect) => {
                if class == Class::Space {
                    return Ok(Some(skip_space(input, i + 1)));
                }
                if !expect.allows(class) {
                    return Err(self.fail_at(ErrorKind::UnexpectedByte, i));
                }
                self.token(expect, byte, class, self.at(i), sink)?;
            }
            State::Number(phase) => match number::step(phase, byte) {
                Step::Next(next) => {
                    self.state = State::Number(next);
                    self.number_byte(next, byte);
                }
                Step::End => {
                    self.end_number()?;
                    return Ok(Some(i));
                }
                Step::Invalid => return Err(self.fail_at(ErrorKind::InvalidNumber, i)),
            },
            State::Literal => {
                if byte != LITERALS[(self.aux & 15) as usize] {
                    return Err(self.fail_at(ErrorKind::UnexpectedByte, i));
                }
                self.aux = self.aux.wrapping_add(1);
                if LITERALS[(self.aux & 15) as usize] == 0 {
                    self.state = State::Between(Expect::after(Token::Value));
                }
            }
            State::Escape => {
                if let Some(decoded) = simple_escape(byte) {
                    self.state = State::String;
                    self.on_char(decoded as u32, sink);
                } else if byte == b'u' {
                    self.acc = 0;
                    self.state = State::Hex(0);
                } else {
                    return Err(self.fail_at(ErrorKind::InvalidEscape, i));
                }
            }
            State::Hex(read) | State::LowHex(read) => {
                let digit = hex_value(byte);
                if digit == 0xFF {
                    return Err(self.fail_at(ErrorKind::InvalidEscape, i));
                }
                self.acc = (self.acc << 4) | digit as u32;
                let low = matches!(self.state, State::LowHex(_));
                self.state = match (read, low) {
                    (0..=2, false) => State::Hex(read + 1),
                    (0..=2, true) => State::LowHex(read + 1),
                    (_, false) => match unit(self.acc) {
                        Unit::High => State::LowBackslash,
                        Unit::Low => return Err(self.fail_at(ErrorKind::LoneSurrogate, i)),
                        Unit::Char => {
                            self.on_char(self.acc, sink);
                            State::String
                        }
                    },
                    (_, true) => {
                        let (high, low) = (self.acc >> 16, self.acc & 0xFFFF);
                        if unit(low) != Unit::Low {
                            return Err(self.fail_at(ErrorKind::LoneSurrogate, i));
                        }
                        self.on_char(pair(high, low), sink);
                        State::String
                    }
                };
            }
            State::LowBackslash | State::LowU => {
                self.state = match (self.state, byte) {
                    (State::LowBackslash, b'\\') => State::LowU,
                    (State::LowU, b'u') => State::LowHex(0),
                    _ => return Err(self.fail_at(ErrorKind::LoneSurrogate, i)),
                };
            }
            State::Utf8Second => {
                let lead = (self.acc >> 24) as u8;
                let Some(promise) = utf8_lead(lead) else {
                    return Err(self.fail_at(ErrorKind::InvalidUtf8, i));
                };
                if !within(byte, promise.second) {
                    return Err(self.fail_at(ErrorKind::InvalidUtf8, i));
                }
                self.acc = ((self.acc & 0xFF_FFFF) << 6) | (byte & 0x3F) as u32;
                self.after_continuation(promise.continuations - 1, sink);
            }
            State::Utf8Tail(remaining) => {
                if !within(byte, CONTINUATION) {
                    return Err(self.fail_at(ErrorKind::InvalidUtf8, i));
                }
                self.acc = (self.acc << 6) | (byte & 0x3F) as u32;
                self.after_continuation(remaining - 1, sink);
            }
            State::Start => {
                if byte != BOM[0] {
                    self.state = State::TopValue;
                    return Ok(Some(i));
                }
                self.state = State::Bom1;
            }
            State::Bom1 | State::Bom2 => {
                self.state = match (self.state, byte) {
                    (State::Bom1, second) if second == BOM[1] => State::Bom2,
                    (State::Bom2, third) if third == BOM[2] => State::TopValue,
                    _ => return Err(self.fail_at(ErrorKind::UnexpectedByte, i)),
                };
            }
            State::TopValue => match class {
                Class::Space => return Ok(Some(skip_space(input, i + 1))),
                Class::OpenObject => self.open(false, self.at(i))?,
                _ if class.starts_value() => {
                    return Err(self.fail_at(ErrorKind::NotAnObject, i));
                }
                _ => return Err(self.fail_at(ErrorKind::UnexpectedByte, i)),
            },
            State::Trailing => match class {
                Class::Space => return Ok(Some(skip_space(input, i + 1))),
                _ => return Err(self.fail_at(ErrorKind::TrailingCharacters, i)),
            },
            State::Done => return Ok(Some(i)),
            State::Failed => return Err(Failed),
        }
        Ok(Some(i + 1))
    }

    /// A token the structure allows, starting with `byte` at offset `at`:
    /// what it does to the nesting and the header.
    #[inline]
    pub(super) fn token<S: Sink>(
        &mut self,
        expect: Expect,
        byte: u8,
        class: Class,
        at: usize,
        sink: &mut S,
    ) -> Result<(), Failed> {
        match class {
            Class::Quote if expect.takes_key() => self.begin_key(at),
            Class::Colon => self.state = State::Between(Expect::after(Token::Colon)),
            Class::Comma => {
                self.state = State::Between(Expect::after(Token::Comma {
                    in_array: self.top_is_array(),
                }))
            }
            Class::CloseObject | Class::CloseArray => {
                self.close(class == Class::CloseArray, at)?;
            }
            _ => self.begin_value(byte, class, at, sink)?,
        }
        Ok(())
    }

    /// Inside a string at `input[i]`: a run of plain bytes, then the byte
    /// that ends it.
    fn string_bytes<S: Sink>(
        &mut self,
        input: &[u8],
        i: usize,
        sink: &mut S,
    ) -> Result<Option<usize>, Failed> {
        let i = match self.slot {
            Slot::Skip | Slot::Key if FAST_PATHS => skip_string(input, i),
            Slot::Skip | Slot::Key => skip_plain(input, i),
            _ => self.capture_plain(input, i, sink),
        };
        let Some(&byte) = input.get(i) else {
            return Ok(None);
        };
        match byte {
            b'"' => self.end_string(self.at(i), sink)?,
            b'\\' => self.state = State::Escape,
            0x00..FIRST_PRINTABLE => {
                return Err(self.fail_at(ErrorKind::ControlCharacter, i));
            }
            _ => {
                let Some(lead) = utf8_lead(byte) else {
                    return Err(self.fail_at(ErrorKind::InvalidUtf8, i));
                };
                self.acc = lead.bits as u32 | (byte as u32) << 24;
                self.state = State::Utf8Second;
            }
        }
        Ok(Some(i + 1))
    }

    /// A UTF-8 continuation byte was taken, with `remaining` more to come.
    fn after_continuation<S: Sink>(&mut self, remaining: u8, sink: &mut S) {
        if remaining == 0 {
            self.state = State::String;
            self.on_char(self.acc, sink);
        } else {
            self.state = State::Utf8Tail(remaining);
        }
    }

    /// Feeds plain string bytes of a captured string (a key being matched or
    /// the message) to `on_char`; returns the index of the first other byte.
    fn capture_plain<S: Sink>(&mut self, input: &[u8], from: usize, sink: &mut S) -> usize {
        let mut i = from;
        while let Some(&byte) = input.get(i) {
            if !is_plain(byte) {
                break;
            }
            self.on_char(byte as u32, sink);
            i += 1;
        }
        i
    }
}
