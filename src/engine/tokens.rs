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
    ///
    /// The rule is compiled, not interpreted: each expectation has its own
    /// copy of the token step (`nested_token::<E>`), in which what the rule
    /// allows and what each token leaves expected are constants, and the
    /// loop's dispatch on the next expectation is a jump the compiler can
    /// thread from each copy straight to the next.
    #[inline(never)]
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
        loop {
            let next = match expect {
                Expect::ObjectFirst => {
                    self.nested_token::<0>(input, &mut i, &mut in_array, member_depth)
                }
                Expect::ObjectNext => {
                    self.nested_token::<1>(input, &mut i, &mut in_array, member_depth)
                }
                Expect::Colon => self.nested_token::<2>(input, &mut i, &mut in_array, member_depth),
                Expect::Value => self.nested_token::<3>(input, &mut i, &mut in_array, member_depth),
                Expect::ArrayFirst => {
                    self.nested_token::<4>(input, &mut i, &mut in_array, member_depth)
                }
                Expect::AfterValue => {
                    self.nested_token::<5>(input, &mut i, &mut in_array, member_depth)
                }
            }?;
            match next {
                Some(next) => expect = next,
                None => break,
            }
        }
        Ok(i)
    }

    /// One token of [`skip_nested`](Self::skip_nested) where `Expect::ALL[E]`
    /// holds: the expectation it leaves, or `None` where the loop stops
    /// (the machine then left in the expectation that holds there).
    #[inline(always)]
    fn nested_token<const E: usize>(
        &mut self,
        input: &[u8],
        i: &mut usize,
        in_array: &mut bool,
        member_depth: u8,
    ) -> Result<Option<Expect>, Failed> {
        let expect = Expect::ALL[E];
        let stop = |machine: &mut Machine| {
            machine.state = State::Between(expect);
            Ok(None)
        };
        let (at, Some(byte)) = next_non_space(input, *i) else {
            // Only whitespace is left: taken, as the step would take it.
            *i = input.len();
            return stop(self);
        };
        *i = at;
        let class = Class::of(byte);
        if !expect.allows(class) {
            return stop(self);
        }
        let next = match class {
            Class::Quote => {
                let end = skip_string(input, at + 1);
                match input.get(end) {
                    Some(b'"') => {}
                    // The chunk ends inside the string, all of it valid so
                    // far: the machine goes in as the step would have taken
                    // it, so that the next chunk carries on from there
                    // rather than the step reading it again.
                    None if expect.takes_key() => {
                        self.begin_key(self.at(at));
                        *i = end;
                        return Ok(None);
                    }
                    None => {
                        self.slot = Slot::Skip;
                        self.state = State::String;
                        *i = end;
                        return Ok(None);
                    }
                    Some(_) => return stop(self),
                }
                *i = end + 1;
                Expect::after(Token::string(expect))
            }
            Class::Colon => {
                *i = at + 1;
                Expect::after(Token::Colon)
            }
            Class::Comma => {
                *i = at + 1;
                Expect::after(Token::Comma {
                    in_array: *in_array,
                })
            }
            Class::OpenObject | Class::OpenArray => {
                *in_array = class == Class::OpenArray;
                self.open(*in_array, self.at(at))?;
                *i = at + 1;
                Expect::after(Token::Open { array: *in_array })
            }
            Class::CloseObject | Class::CloseArray => {
                if *in_array != (class == Class::CloseArray) {
                    return stop(self);
                }
                *i = at + 1;
                self.depth -= 1;
                let next = Expect::after(Token::Value);
                if self.depth == member_depth {
                    self.state = State::Between(next);
                    return Ok(None);
                }
                *in_array = self.top_is_array();
                next
            }
            _ => {
                let Some(end) = scalar::end(input, at) else {
                    return stop(self);
                };
                *i = end;
                Expect::after(Token::Value)
            }
        };
        Ok(Some(next))
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
