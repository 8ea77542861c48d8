//! `resultMessage` text: a borrowed view of the still-escaped JSON string,
//! decoded on demand without allocating.

use crate::grammar::string::utf8_lead;
use core::fmt;
use core::hash::{Hash, Hasher};

/// The `resultMessage` of a header, borrowed from the body.
///
/// It holds the string's contents exactly as they stand between the quotes,
/// escapes and all, which the parser has already validated. Nothing is
/// decoded or even looked at again until asked: [`as_str`](Message::as_str) when there is nothing to
/// decode, [`unescape_into`](Message::unescape_into) a buffer of yours,
/// [`chars`](Message::chars), or [`Display`](fmt::Display). Equality and
/// hashing are on the decoded text, so `"\u0041"` equals `"A"`.
///
/// ```
/// let body = br#"{"header":{"isSuccessful":false,"resultCode":-4,"resultMessage":"Invalid parameters : \"name\""}}"#;
/// let message = nhncloud_header::scan(body)?.result_message.unwrap();
/// assert_eq!(message.as_str(), None); // escaped: it must be decoded
/// assert_eq!(message, "Invalid parameters : \"name\"");
/// let mut buffer = [0; 64];
/// assert_eq!(message.unescape_into(&mut buffer).unwrap(), "Invalid parameters : \"name\"");
/// assert_eq!(message.detail().unwrap(), "\"name\"");
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Message<'a> {
    raw: &'a [u8],
}

/// [`Message::unescape_into`] was given too small a buffer.
///
/// ```
/// let body = br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"}}"#;
/// let message = nhncloud_header::scan(body)?.result_message.unwrap();
/// let error = message.unescape_into(&mut [0; 4]).unwrap_err();
/// assert_eq!(error.needed(), 7);
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct BufferTooSmall {
    needed: usize,
}

impl BufferTooSmall {
    pub(crate) const fn new(needed: usize) -> Self {
        BufferTooSmall { needed }
    }

    /// Bytes the decoded text needs.
    pub const fn needed(&self) -> usize {
        self.needed
    }
}

impl fmt::Display for BufferTooSmall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "buffer too small: the message needs {} bytes",
            self.needed
        )
    }
}

impl core::error::Error for BufferTooSmall {}

impl<'a> Message<'a> {
    /// Wraps string contents that the parser has validated as JSON.
    pub(crate) const fn from_validated(raw: &'a [u8]) -> Self {
        Message { raw }
    }

    /// The bytes between the quotes, escapes not decoded (always UTF-8).
    pub const fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// The raw contents as text. The parser validated them as UTF-8, so the
    /// empty fallback is never taken; checking again here, only when text is
    /// wanted, keeps the parser from paying for it and the crate free of
    /// `unsafe`.
    fn raw_text(&self) -> &'a str {
        core::str::from_utf8(self.raw).unwrap_or_default()
    }

    /// Whether the raw text holds any backslash escape.
    pub fn has_escapes(&self) -> bool {
        self.raw.contains(&b'\\')
    }

    /// The text itself, without copying, when it holds no escapes; `None`
    /// when it must be decoded first.
    pub fn as_str(&self) -> Option<&'a str> {
        if self.has_escapes() {
            None
        } else {
            Some(self.raw_text())
        }
    }

    /// The decoded characters.
    pub fn chars(&self) -> Chars<'a> {
        Chars { rest: self.raw }
    }

    /// Length in bytes of the decoded text (never more than the raw length).
    pub fn decoded_len(&self) -> usize {
        self.chars().map(char::len_utf8).sum()
    }

    /// Decodes the text into `buffer` and returns it, or says how many bytes
    /// it needs. A buffer of [`raw().len()`](Message::raw) bytes always fits.
    pub fn unescape_into<'b>(&self, buffer: &'b mut [u8]) -> Result<&'b str, BufferTooSmall> {
        let mut length = 0;
        for piece in self.pieces() {
            let mut encoded = [0; 4];
            let bytes = match piece {
                Piece::Text(text) => text.as_bytes(),
                Piece::Char(ch) => ch.encode_utf8(&mut encoded).as_bytes(),
            };
            let Some(slot) = buffer.get_mut(length..length + bytes.len()) else {
                return Err(BufferTooSmall {
                    needed: self.decoded_len(),
                });
            };
            // Zipped: `copy_from_slice` keeps a length check that can
            // panic where it is not inlined (opt-level z).
            for (to, &from) in slot.iter_mut().zip(bytes) {
                *to = from;
            }
            length += bytes.len();
        }
        // Whole characters went in, so this cannot fail; no unsafe needed.
        let filled = buffer.get(..length).unwrap_or_default();
        core::str::from_utf8(filled).map_err(|_| BufferTooSmall { needed: length })
    }

    /// The detail description: the text after the first `:`, trimmed of
    /// ASCII whitespace; `None` when there is no `:` or nothing after it.
    /// Still a borrowed view, escapes and all.
    ///
    /// ```
    /// let body = br#"{"header":{"isSuccessful":false,"resultCode":-4,
    ///     "resultMessage":"Invalid parameters : name"}}"#;
    /// let message = nhncloud_header::parse(body)?.result_message.unwrap();
    /// assert_eq!(message.detail().unwrap(), "name");
    /// # Ok::<(), nhncloud_header::Error>(())
    /// ```
    pub fn detail(&self) -> Option<Message<'a>> {
        if !self.has_escapes() {
            // The text is its bytes: `:` and ASCII whitespace are single
            // bytes in UTF-8, never part of a longer character.
            let after_colon = self
                .raw
                .get(self.raw.iter().position(|&byte| byte == b':')? + 1..)?;
            let start = after_colon
                .iter()
                .position(|byte| !byte.is_ascii_whitespace())?;
            let end = after_colon
                .iter()
                .rposition(|byte| !byte.is_ascii_whitespace())?
                + 1;
            return Some(Message {
                raw: after_colon.get(start..end)?,
            });
        }
        let mut at = 0;
        let characters = core::iter::from_fn(|| {
            let (ch, length) = first_char(self.raw.get(at..)?)?;
            at += length;
            Some((at - length, ch, at))
        });
        let (start, end) = detail_of(characters)?;
        Some(Message {
            raw: self.raw.get(start..end)?,
        })
    }

    /// Runs of plain text and decoded escapes, in order.
    pub(crate) fn pieces(&self) -> Pieces<'a> {
        Pieces {
            rest: self.raw_text(),
        }
    }
}

/// A run of text without escapes, or one decoded escape.
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Char(char),
}

pub(crate) struct Pieces<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        if self.rest.is_empty() {
            return None;
        }
        let bytes = self.rest.as_bytes();
        match bytes.iter().position(|&b| b == b'\\') {
            Some(0) => {
                let (ch, length) = decode_escape(bytes);
                self.rest = self.rest.get(length..).unwrap_or_default();
                Some(Piece::Char(ch))
            }
            Some(run) => {
                let (text, rest) = self.rest.split_at_checked(run)?;
                self.rest = rest;
                Some(Piece::Text(text))
            }
            None => Some(Piece::Text(core::mem::take(&mut self.rest))),
        }
    }
}

/// Decodes the escape at the start of `bytes` (which begins with `\`) into
/// its character and length. The parser validated it; were it invalid, the
/// backslash alone becomes U+FFFD, so decoding can never panic or loop.
fn decode_escape(bytes: &[u8]) -> (char, usize) {
    crate::grammar::string::decode_escape(bytes, 0)
        .and_then(|(code, length)| Some((char::from_u32(code)?, length)))
        .unwrap_or((char::REPLACEMENT_CHARACTER, 1))
}

/// Where the detail description lies among `(start, char, end)` characters:
/// after the first `:`, trimmed of ASCII whitespace, if anything is left.
pub(crate) fn detail_of(
    characters: impl Iterator<Item = (usize, char, usize)>,
) -> Option<(usize, usize)> {
    let mut after_colon = characters.skip_while(|&(_, ch, _)| ch != ':').skip(1);
    let (start, _, mut end) = after_colon.find(|(_, ch, _)| !ch.is_ascii_whitespace())?;
    for (_, ch, character_end) in after_colon {
        if !ch.is_ascii_whitespace() {
            end = character_end;
        }
    }
    Some((start, end))
}

/// The first character of raw text and how many raw bytes it takes,
/// decoded from the bytes by the grammar's UTF-8 rule: the parser validated
/// them, so nothing is checked again (no second pass, and no 256-byte width
/// table in a firmware that reads the message). Were they invalid, each
/// byte that leads nothing would become U+FFFD, so decoding can never panic
/// or loop.
fn first_char(raw: &[u8]) -> Option<(char, usize)> {
    let (&lead, rest) = raw.split_first()?;
    if lead == b'\\' {
        return Some(decode_escape(raw));
    }
    if lead.is_ascii() {
        return Some((lead as char, 1));
    }
    let Some(promise) = utf8_lead(lead) else {
        return Some((char::REPLACEMENT_CHARACTER, 1));
    };
    let continuations = rest.get(..promise.continuations as usize).unwrap_or(rest);
    let code = continuations
        .iter()
        .fold(promise.bits as u32, |code, &byte| {
            code << 6 | (byte & 0x3F) as u32
        });
    let ch = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
    Some((ch, 1 + continuations.len()))
}

/// The decoded characters of a [`Message`].
///
/// ```
/// let body = br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"\uD55C\uAE00 OK"}}"#;
/// let message = nhncloud_header::scan(body)?.result_message.unwrap();
/// assert_eq!(message.chars().next(), Some('한'));
/// assert_eq!(message.chars().count(), 5);
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Chars<'a> {
    rest: &'a [u8],
}

impl Iterator for Chars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let (ch, length) = first_char(self.rest)?;
        self.rest = self.rest.get(length..).unwrap_or_default();
        Some(ch)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // An escape is at most 12 bytes for one char; a char at most 4 bytes.
        (self.rest.len().div_ceil(12), Some(self.rest.len()))
    }
}

impl core::iter::FusedIterator for Chars<'_> {}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        for piece in self.pieces() {
            match piece {
                Piece::Text(text) => f.write_str(text)?,
                Piece::Char(ch) => f.write_char(ch)?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        f.write_char('"')?;
        for ch in self.chars() {
            for escaped in ch.escape_debug() {
                f.write_char(escaped)?;
            }
        }
        f.write_char('"')
    }
}

impl PartialEq for Message<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw || self.chars().eq(other.chars())
    }
}

impl Eq for Message<'_> {}

impl Hash for Message<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for ch in self.chars() {
            state.write_u32(ch as u32);
        }
        state.write_u8(0xFF);
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Message<'_> {}
    impl Sealed for &str {}
}

/// A string of a header, as a result-code table compares it: a [`Message`]
/// borrowed from the body (escapes decoded as it is read), or decoded text
/// (`&str`). Implemented for those two only.
///
/// ```
/// use nhncloud_header::{Catalog, HeaderText};
///
/// // A borrowed message and a `&str` compare alike, on the decoded text.
/// let body = br#"{"header":{"isSuccessful":false,"resultCode":"NOT_FOUND_OS","resultMessage":"x"}}"#;
/// let header = nhncloud_header::scan(body)?;
/// let code = header.result_code.text().unwrap();
/// assert!(code.equals("NOT_FOUND_OS"));
/// assert_eq!(Catalog::DEPLOY.entries_of_text(code), Catalog::DEPLOY.entries_of_text(&"NOT_FOUND_OS"));
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
pub trait HeaderText: sealed::Sealed + fmt::Display {
    /// Whether the decoded text is `text`.
    fn equals(&self, text: &str) -> bool;
    /// The decoded text's order against `text`: that of their bytes (UTF-8
    /// keeps the order of code points).
    fn compare(&self, text: &str) -> core::cmp::Ordering;
}

impl HeaderText for Message<'_> {
    fn equals(&self, text: &str) -> bool {
        match self.as_str() {
            Some(plain) => plain == text,
            None => self.chars().eq(text.chars()),
        }
    }

    fn compare(&self, text: &str) -> core::cmp::Ordering {
        match self.as_str() {
            Some(plain) => plain.cmp(text),
            None => self.chars().cmp(text.chars()),
        }
    }
}

impl HeaderText for &str {
    fn equals(&self, text: &str) -> bool {
        *self == text
    }

    fn compare(&self, text: &str) -> core::cmp::Ordering {
        (*self).cmp(text)
    }
}

impl PartialEq<str> for Message<'_> {
    fn eq(&self, other: &str) -> bool {
        self.chars().eq(other.chars())
    }
}

impl PartialEq<&str> for Message<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<Message<'_>> for str {
    fn eq(&self, other: &Message<'_>) -> bool {
        *other == *self
    }
}

impl PartialEq<Message<'_>> for &str {
    fn eq(&self, other: &Message<'_>) -> bool {
        *other == **self
    }
}
