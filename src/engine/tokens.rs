//! The token loop: whole tokens at a time, for as long as each lies whole
//! in the chunk. It runs the same structure table, header rules and token
//! grammar as the byte-wise step, and stops at the first byte it does not
//! take whole (an escaped key, a token cut by the chunk's end, anything
//! invalid), with the machine exactly as the byte-wise step would have it
//! there, so that the step carries on to the same outcome.

use super::{Failed, IN_HEADER, Machine, Sink, Slot, State};
use crate::grammar::bytes::{Class, next_non_space};
use crate::grammar::string::skip_string;
use crate::grammar::structure::{Expect, Token};
use crate::grammar::{key, literal, number, scalar};

impl Machine {
    /// Takes whole tokens from `input[i..]`; returns where it stopped.
    #[inline(always)]
    pub(super) fn tokens<S: Sink>(
        &mut self,
        input: &[u8],
        mut i: usize,
        sink: &mut S,
    ) -> Result<usize, Failed> {
        if self.state == State::String && matches!(self.slot, Slot::Skip | Slot::Key) {
            // The rest of a string a chunk boundary cut.
            let end = skip_string(input, i);
            if input.get(end) != Some(&b'"') {
                return Ok(end);
            }
            self.end_string(self.at(end), sink)?;
            i = end + 1;
        }
        loop {
            let member_depth = self.member_depth();
            if self.depth > member_depth {
                i = self.skip_nested(input, i, member_depth)?;
                if self.depth > member_depth {
                    return Ok(i);
                }
            }
            let State::Between(expect) = self.state else {
                return Ok(i);
            };
            let (at, byte) = next_non_space(input, i);
            i = at;
            let Some(byte) = byte else {
                return Ok(i);
            };
            let class = Class::of(byte);
            if !expect.allows(class) {
                return Ok(i);
            }
            let whole = if class == Class::Quote && expect.takes_key() {
                self.whole_key(input, i, sink)?
            } else {
                self.token(expect, byte, class, self.at(i), sink)?;
                match self.state {
                    State::String => self.whole_string(input, i, sink)?,
                    State::Number(_) => self.whole_number(input, i)?,
                    State::Literal => self.whole_literal(input, i),
                    _ => Some(i + 1),
                }
            };
            match whole {
                Some(next) => i = next,
                // Inside the token, just past its first byte.
                None if self.state != State::Between(expect) => return Ok(i + 1),
                None => return Ok(i),
            }
        }
    }

    /// The depth of the object whose members matter to the header: the
    /// top-level object, or the header while inside it.
    fn member_depth(&self) -> u8 {
        if self.flags & IN_HEADER != 0 { 2 } else { 1 }
    }

    /// Skips whole tokens below the members at `member_depth`, where nothing
    /// matters but validity, with the expectation held in a local. Returns
    /// at the return to `member_depth` or at the first byte it does not
    /// take whole, with the machine exactly as the byte-wise step would
    /// have it there.
    #[inline(always)]
    fn skip_nested(
        &mut self,
        input: &[u8],
        mut i: usize,
        member_depth: u8,
    ) -> Result<usize, Failed> {
        let State::Between(mut expect) = self.state else {
            return Ok(i);
        };
        let mut in_array = self.top_is_array();
        while let (at, Some(byte)) = next_non_space(input, i) {
            i = at;
            let class = Class::of(byte);
            if !expect.allows(class) {
                break;
            }
            // Most likely first: strings, then punctuation, then the rest.
            if class == Class::Quote {
                let end = skip_string(input, i + 1);
                if input.get(end) != Some(&b'"') {
                    break;
                }
                i = end + 1;
                expect = Expect::after(Token::string(expect));
            } else if class == Class::Colon {
                i += 1;
                expect = Expect::after(Token::Colon);
            } else if class == Class::Comma {
                i += 1;
                expect = Expect::after(Token::Comma { in_array });
            } else if class == Class::OpenObject || class == Class::OpenArray {
                in_array = class == Class::OpenArray;
                self.open(in_array, self.at(i))?;
                i += 1;
                expect = Expect::after(Token::Open { array: in_array });
            } else if class == Class::CloseObject || class == Class::CloseArray {
                if in_array != (class == Class::CloseArray) {
                    break;
                }
                i += 1;
                self.depth -= 1;
                expect = Expect::after(Token::Value);
                if self.depth == member_depth {
                    break;
                }
                in_array = self.top_is_array();
            } else {
                let Some(end) = scalar::end(input, i) else {
                    break;
                };
                i = end;
                expect = Expect::after(Token::Value);
            }
        }
        self.state = State::Between(expect);
        Ok(i)
    }

    /// A key from its opening quote at `input[open]`, when it lies whole
    /// and is plain ASCII; otherwise `None`, the machine untouched, and the
    /// byte-wise step matches it after decoding, character by character.
    /// The top-level `header` key is followed, where it lies whole, by
    /// its whole object.
    fn whole_key<S: Sink>(
        &mut self,
        input: &[u8],
        open: usize,
        sink: &mut S,
    ) -> Result<Option<usize>, Failed> {
        let Some((text, end)) = key::plain(input, open) else {
            return Ok(None);
        };
        self.mark = self.at(open);
        self.slot = self.resolve_key(key::index(text, self.key_candidates()))?;
        self.state = State::Between(Expect::after(Token::Key));
        if self.slot == Slot::Header
            && let (colon, Some(b':')) = next_non_space(input, end + 1)
            && let (value, Some(b'{')) = next_non_space(input, colon + 1)
            && let Some(after) = self.whole_header(input, value, sink)
        {
            return Ok(Some(after));
        }
        Ok(Some(end + 1))
    }

    /// The rest of a value string opened at `input[open]`, when it lies whole.
    fn whole_string<S: Sink>(
        &mut self,
        input: &[u8],
        open: usize,
        sink: &mut S,
    ) -> Result<Option<usize>, Failed> {
        let close = skip_string(input, open + 1);
        if input.get(close) != Some(&b'"') {
            return Ok(None);
        }
        if matches!(self.slot, Slot::ResultMessage | Slot::ResultCodeText) {
            self.take_text(input, open, close, sink)?;
            self.slot = Slot::Skip;
        }
        self.state = State::Between(Expect::after(Token::Value));
        Ok(Some(close + 1))
    }

    /// The rest of a number that starts at `input[start]`, when it lies
    /// whole and is valid.
    fn whole_number(&mut self, input: &[u8], start: usize) -> Result<Option<usize>, Failed> {
        let (end, complete) = number::skip(input, start);
        if complete.is_err() {
            return Ok(None);
        }
        if self.slot == Slot::ResultCode {
            self.slot = Slot::Skip;
            let code = input.get(start..end).and_then(number::result_code_of);
            self.take_result_code(code)?;
        }
        self.state = State::Between(Expect::after(Token::Value));
        Ok(Some(end))
    }

    /// The rest of a literal that starts at `input[start]`, when it lies whole.
    fn whole_literal(&mut self, input: &[u8], start: usize) -> Option<usize> {
        let length = literal::whole(input, start)?;
        self.state = State::Between(Expect::after(Token::Value));
        Some(start + length)
    }
}
