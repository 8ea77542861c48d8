//! The fixed room where the streaming parser and the owned header keep a
//! header's decoded strings.

/// The header's two strings: `resultMessage`, and `resultCode` where a
/// service writes it as a string (Deploy).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Text {
    Message,
    Code,
}

/// `N` bytes for a header's two decoded strings: the message from the
/// front, a string code from the back. The code is never cut; the message
/// gives way to it. Both lengths and three flags are packed into one
/// `u32`, so that the room costs what a `heapless::String<N>` does: the
/// message takes at most 65,535 bytes, a code at most 255.
///
/// While a code is decoded its bytes are stored back to front (each byte
/// at the next lower index), so that it needs no length in advance; once
/// it closes, its bytes are put in order.
#[derive(Clone, Debug)]
pub(crate) struct Room<const N: usize> {
    bytes: [u8; N],
    /// The message's length (bits 0 to 15), the code's (16 to 23), and
    /// the flags below.
    state: u32,
}

const MESSAGE_LEN: u32 = 0xFFFF;
const CODE_SHIFT: u32 = 16;
const CODE_LEN: u32 = 0xFF << CODE_SHIFT;
const MESSAGE_PRESENT: u32 = 1 << 24;
const MESSAGE_TRUNCATED: u32 = 1 << 25;
const CODE_TEXT: u32 = 1 << 26;

/// The longest string code a room takes, whatever its `N`.
pub(crate) const CODE_CAPACITY: usize = (CODE_LEN >> CODE_SHIFT) as usize;

impl<const N: usize> Room<N> {
    /// The most the two strings may take together.
    const CAPACITY: usize = if N > MESSAGE_LEN as usize {
        MESSAGE_LEN as usize
    } else {
        N
    };

    pub(crate) const fn new() -> Self {
        Room {
            bytes: [0; N],
            state: 0,
        }
    }

    fn message_len(&self) -> usize {
        (self.state & MESSAGE_LEN) as usize
    }

    fn code_len(&self) -> usize {
        ((self.state & CODE_LEN) >> CODE_SHIFT) as usize
    }

    fn set_message_len(&mut self, length: usize) {
        self.state = (self.state & !MESSAGE_LEN) | (length as u32 & MESSAGE_LEN);
    }

    fn set_code_len(&mut self, length: usize) {
        self.state = (self.state & !CODE_LEN) | ((length as u32) << CODE_SHIFT & CODE_LEN);
    }

    /// Whether the message was cut.
    pub(crate) const fn truncated(&self) -> bool {
        self.state & MESSAGE_TRUNCATED != 0
    }

    /// A string opens: it starts empty.
    pub(crate) fn begin(&mut self, text: Text) {
        match text {
            Text::Message => {
                self.set_message_len(0);
                self.state = (self.state & !MESSAGE_TRUNCATED) | MESSAGE_PRESENT;
            }
            Text::Code => {
                self.set_code_len(0);
                self.state |= CODE_TEXT;
            }
        }
    }

    /// One more character; `false` when it does not fit (the message is
    /// then cut for good; the code does not fit at all).
    pub(crate) fn push(&mut self, text: Text, ch: char) -> bool {
        let mut utf8 = [0; 4];
        let encoded = ch.encode_utf8(&mut utf8).as_bytes();
        let (message, code) = (self.message_len(), self.code_len());
        match text {
            Text::Message => {
                if self.truncated() || message + code + encoded.len() > Self::CAPACITY {
                    self.state |= MESSAGE_TRUNCATED;
                    return false;
                }
                let Some(slot) = self.bytes.get_mut(message..message + encoded.len()) else {
                    return false;
                };
                // Byte by byte: `copy_from_slice` keeps a length check that
                // can panic where it is not inlined (opt-level z).
                for (to, &from) in slot.iter_mut().zip(encoded) {
                    *to = from;
                }
                self.set_message_len(message + encoded.len());
            }
            Text::Code => {
                if code + encoded.len() > CODE_CAPACITY {
                    return false;
                }
                let Some(room) = Self::CAPACITY.checked_sub(code + encoded.len()) else {
                    return false;
                };
                if message > room {
                    self.cut_message(room);
                }
                for &byte in encoded {
                    let Some(slot) = self.code_start().checked_sub(1) else {
                        return false;
                    };
                    let Some(slot) = self.bytes.get_mut(slot) else {
                        return false;
                    };
                    *slot = byte;
                    self.set_code_len(self.code_len() + 1);
                }
            }
        }
        true
    }

    /// A string closes: a code's bytes are put in order.
    pub(crate) fn end(&mut self, text: Text) {
        let start = self.code_start();
        if text == Text::Code
            && let Some(mut code) = self.bytes.get_mut(start..)
        {
            // By its ends: `reverse` keeps a bounds check that can panic
            // where it is not inlined (opt-level z).
            while let [first, middle @ .., last] = code {
                core::mem::swap(first, last);
                code = middle;
            }
        }
    }

    /// Where the code's bytes begin.
    fn code_start(&self) -> usize {
        N.saturating_sub(self.code_len())
    }

    /// A whole string: `false` if it does not fit (as [`push`](Self::push)).
    pub(crate) fn take(&mut self, text: Text, chars: impl Iterator<Item = char>) -> bool {
        self.begin(text);
        let mut fits = true;
        for ch in chars {
            if !self.push(text, ch) {
                fits = false;
                break;
            }
        }
        self.end(text);
        fits || text == Text::Message
    }

    /// Cuts the message to at most `length` bytes, on a character boundary.
    fn cut_message(&mut self, length: usize) {
        let mut at = length;
        // A continuation byte is no boundary; the message before it is
        // UTF-8, so a boundary is at most three bytes back.
        while at > 0 && self.bytes.get(at).is_some_and(|&byte| byte & 0xC0 == 0x80) {
            at -= 1;
        }
        self.set_message_len(at);
        self.state |= MESSAGE_TRUNCATED;
    }

    /// Marks the message `null`.
    #[cfg(feature = "serde")]
    pub(crate) fn set_null_message(&mut self) {
        self.set_message_len(0);
        self.state &= !(MESSAGE_PRESENT | MESSAGE_TRUNCATED);
    }

    pub(crate) fn message(&self) -> Option<&str> {
        if self.state & MESSAGE_PRESENT == 0 {
            return None;
        }
        Some(text(self.bytes.get(..self.message_len())?))
    }

    pub(crate) fn code_text(&self) -> Option<&str> {
        if self.state & CODE_TEXT == 0 {
            return None;
        }
        Some(text(self.bytes.get(self.code_start()..)?))
    }
}

/// The text of a string of the room. Not checked again: the room only ever
/// holds whole characters, written by `push` from `char`s (a code's bytes
/// reversed, then put back in order by `end` before any read) and cut by
/// `cut_message` on a character boundary; `tests` holds it to that. The
/// check would cost a firmware 400 bytes of flash.
#[allow(unsafe_code)]
fn text(bytes: &[u8]) -> &str {
    debug_assert!(core::str::from_utf8(bytes).is_ok());
    // SAFETY: the bytes are UTF-8, as above.
    unsafe { core::str::from_utf8_unchecked(bytes) }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use proptest::prelude::*;
    use std::string::String;

    /// What the room must hold after `first` and `second` were decoded in
    /// that order (each the message or a code): the code whole if it fits,
    /// the message's longest prefix that fits beside it.
    fn model(n: usize, message: &str, code: &str) -> (Option<String>, bool, Option<String>) {
        let code_fits = code.len() <= n.min(CODE_CAPACITY);
        let room = n.min(MESSAGE_LEN as usize) - if code_fits { code.len() } else { 0 };
        let mut cut = message.len().min(room);
        while !message.is_char_boundary(cut) {
            cut -= 1;
        }
        (
            Some(message[..cut].into()),
            cut < message.len(),
            code_fits.then(|| code.into()),
        )
    }

    fn run<const N: usize>(message: &str, code: &str, code_first: bool) {
        let mut room = Room::<N>::new();
        let code_fits = if code_first {
            let fits = room.take(Text::Code, code.chars());
            room.take(Text::Message, message.chars());
            fits
        } else {
            room.take(Text::Message, message.chars());
            room.take(Text::Code, code.chars())
        };
        let (want_message, want_cut, want_code) = model(N, message, code);
        assert_eq!(
            code_fits,
            want_code.is_some(),
            "N {N}: {message:?} {code:?}"
        );
        if want_code.is_some() {
            assert_eq!(room.code_text().map(String::from), want_code);
            assert_eq!(room.message().map(String::from), want_message, "N {N}");
            assert_eq!(room.truncated(), want_cut, "N {N}");
        }
        for text in [room.message(), room.code_text()].into_iter().flatten() {
            assert!(core::str::from_utf8(text.as_bytes()).is_ok());
        }
    }

    proptest! {
        /// Whole characters only, whatever the order, the sizes and the
        /// characters' widths; the code never cut; the message cut on a
        /// boundary, and flagged.
        #[test]
        fn holds_whole_characters(
            message in "[a\u{e9}\u{30a8}\u{1F600}]{0,40}",
            code in "[A_\u{e9}\u{1F600}]{0,20}",
            code_first: bool,
        ) {
            run::<0>(&message, &code, code_first);
            run::<1>(&message, &code, code_first);
            run::<5>(&message, &code, code_first);
            run::<16>(&message, &code, code_first);
            run::<64>(&message, &code, code_first);
            run::<300>(&message, &code, code_first);
        }
    }

    #[test]
    fn a_null_message_and_an_integer_code_hold_nothing() {
        let room = Room::<8>::new();
        assert_eq!(
            (room.message(), room.code_text(), room.truncated()),
            (None, None, false)
        );
        assert!(core::mem::size_of::<Room<64>>() <= 64 + 4);
    }
}
