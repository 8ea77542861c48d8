//! The header of an NHN Cloud response: borrowed from the body by the
//! one-shot functions, owned (in fixed memory) by the streaming parser.

use core::fmt;
use core::hash::{Hash, Hasher};

use crate::message::{BufferTooSmall, Message, detail_of};
pub(crate) use crate::room::Room;
use crate::room::Text;

/// The top-level `"header"` object of an NHN Cloud API response.
///
/// ```json
/// {"header": {"isSuccessful": true, "resultCode": 0, "resultMessage": "SUCCESS"}}
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Header<'a> {
    /// `isSuccessful`.
    pub is_successful: bool,
    /// `resultCode`: an integer (0 on success), or a string where the
    /// service writes one (Dev Tools > Deploy: `"SUCCESS"`, `"NOT_FOUND_OS"`).
    /// It compares with an `i32`: `header.result_code == 0`.
    pub result_code: ResultCode<Message<'a>>,
    /// `resultMessage`, or `None` when it is `null`.
    pub result_message: Option<Message<'a>>,
}

/// A `resultCode`: an integer within `i32`, as nearly every service writes
/// it, or a JSON string (Deploy). `T` is how the string is held: a
/// [`Message`] borrowed from the body by [`Header`], decoded text (`&str`)
/// from an [`OwnedHeader`].
///
/// ```
/// use nhncloud_header::ResultCode;
///
/// let body = br#"{"header":{"isSuccessful":false,"serverTime":1533526167415,"resultCode":"NOT_FOUND_OS","resultMessage":"The OS could not be found"}}"#;
/// let header = nhncloud_header::parse(body)?;
/// assert_eq!(header.result_code, "NOT_FOUND_OS");
/// assert_eq!(header.result_code.integer(), None);
/// assert_eq!(header.result_code.to_string(), "NOT_FOUND_OS");
///
/// let header = nhncloud_header::parse(br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":null}}"#)?;
/// assert_eq!(header.result_code, ResultCode::Integer(0));
/// assert_eq!(header.result_code, 0);
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum ResultCode<T> {
    /// An integer code.
    Integer(i32),
    /// A string code.
    Text(T),
}

impl<T> ResultCode<T> {
    /// The integer code, or `None` for a string.
    pub const fn integer(&self) -> Option<i32> {
        match self {
            ResultCode::Integer(code) => Some(*code),
            ResultCode::Text(_) => None,
        }
    }

    /// The string code, or `None` for an integer.
    pub const fn text(&self) -> Option<&T> {
        match self {
            ResultCode::Integer(_) => None,
            ResultCode::Text(text) => Some(text),
        }
    }

    /// The same code with its string held another way, e.g. decoded into a
    /// `String` with `|text| text.to_string()`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResultCode<U> {
        match self {
            ResultCode::Integer(code) => ResultCode::Integer(code),
            ResultCode::Text(text) => ResultCode::Text(f(text)),
        }
    }
}

impl<T> PartialEq<i32> for ResultCode<T> {
    fn eq(&self, other: &i32) -> bool {
        self.integer() == Some(*other)
    }
}

impl<T: crate::HeaderText> PartialEq<&str> for ResultCode<T> {
    fn eq(&self, other: &&str) -> bool {
        self.text().is_some_and(|text| text.equals(other))
    }
}

impl<T: crate::HeaderText> PartialEq<str> for ResultCode<T> {
    fn eq(&self, other: &str) -> bool {
        self.text().is_some_and(|text| text.equals(other))
    }
}

/// The integer in decimal, or the string's decoded text.
impl<T: fmt::Display> fmt::Display for ResultCode<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResultCode::Integer(code) => code.fmt(f),
            ResultCode::Text(text) => text.fmt(f),
        }
    }
}

/// The header in memory of its own, as the
/// [`StreamParser`](crate::StreamParser) delivers it (the body is gone):
/// `N` bytes hold its decoded strings, the message and a string
/// `resultCode`.
///
/// A string code is never cut: one longer than `N` bytes (or than 255, the
/// most any room takes) is an error
/// ([`ErrorKind::CodeTooLong`](crate::ErrorKind::CodeTooLong) from the
/// stream, [`BufferTooSmall`] from [`OwnedHeader::from_header`]). The
/// message takes the rest (at most 65,535 bytes): a longer one keeps its
/// longest prefix that fits and ends on a character boundary, and
/// [`message_truncated`](OwnedHeader::message_truncated) says so. `N` bytes
/// and four for the lengths: the size of a `heapless::String<N>`.
///
/// ```
/// use nhncloud_header::{OwnedHeader, ResultCode};
///
/// let body = br#"{"header":{"isSuccessful":false,"resultCode":"NOT_FOUND_OS","resultMessage":"The OS could not be found"}}"#;
/// let header = nhncloud_header::parse(body)?;
/// let owned = OwnedHeader::<32>::from_header(&header).unwrap();
/// assert_eq!(owned.result_code(), ResultCode::Text("NOT_FOUND_OS"));
/// assert_eq!(owned.result_message(), Some("The OS could not be ")); // 32 - 12 bytes
/// assert!(owned.message_truncated());
/// assert!(OwnedHeader::<8>::from_header(&header).is_err()); // the code needs 12
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[derive(Clone)]
pub struct OwnedHeader<const N: usize> {
    is_successful: bool,
    code: i32,
    room: Room<N>,
}

/// The accessors of a header whose strings are in a [`Room`]: the owned
/// header, and the stream's, borrowed from the parser.
macro_rules! room_header {
    ($($impl:tt)*) => {
        $($impl)* {
            /// `isSuccessful`.
            pub const fn is_successful(&self) -> bool {
                self.is_successful
            }

            /// `resultCode`: the integer, or the decoded string.
            pub fn result_code(&self) -> ResultCode<&str> {
                match self.room().code_text() {
                    Some(text) => ResultCode::Text(text),
                    None => ResultCode::Integer(self.code),
                }
            }

            /// `resultMessage`, decoded; `None` when it is `null`. At most
            /// `N` bytes, less those of a string code: see
            /// [`message_truncated`](Self::message_truncated).
            pub fn result_message(&self) -> Option<&str> {
                self.room().message()
            }

            /// Whether the message was longer than the room left for it. It
            /// then holds the longest prefix that fits and ends on a
            /// character boundary.
            pub const fn message_truncated(&self) -> bool {
                self.room().truncated()
            }

            /// The detail description: the text after the first `:` of the
            /// message, trimmed of ASCII whitespace; `None` when there is no
            /// `:` or nothing after it (see [`Message::detail`](crate::Message::detail)).
            pub fn detail(&self) -> Option<&str> {
                let text = self.result_message()?;
                let (start, end) = detail_of(
                    text.char_indices()
                        .map(|(at, ch)| (at, ch, at + ch.len_utf8())),
                )?;
                text.get(start..end)
            }
        }
    };
}
pub(crate) use room_header;

room_header!(impl<const N: usize> OwnedHeader<N>);

impl<const N: usize> OwnedHeader<N> {
    /// The header of a body, in memory of its own: both strings decoded
    /// into the `N` bytes, the message cut (and flagged) where it does not
    /// fit; an error when a string code alone does not.
    pub fn from_header(header: &Header<'_>) -> Result<Self, BufferTooSmall> {
        let mut owned = OwnedHeader::new(header.is_successful, 0);
        match header.result_code {
            ResultCode::Integer(code) => owned.code = code,
            ResultCode::Text(text) => {
                if !owned.room.take(Text::Code, text.chars()) {
                    return Err(BufferTooSmall::new(text.decoded_len()));
                }
            }
        }
        if let Some(message) = header.result_message {
            owned.room.take(Text::Message, message.chars());
        }
        Ok(owned)
    }

    /// A header with an integer code and no text yet.
    pub(crate) const fn new(is_successful: bool, code: i32) -> Self {
        OwnedHeader {
            is_successful,
            code,
            room: Room::new(),
        }
    }

    /// The header a stream has read: its fields, and the room its strings
    /// were decoded into.
    pub(crate) const fn from_room(is_successful: bool, code: i32, room: Room<N>) -> Self {
        OwnedHeader {
            is_successful,
            code,
            room,
        }
    }

    const fn room(&self) -> &Room<N> {
        &self.room
    }

    /// Where its strings are decoded, for the serde reader.
    #[cfg(feature = "serde")]
    pub(crate) fn room_mut(&mut self) -> &mut Room<N> {
        &mut self.room
    }

    /// Sets `isSuccessful` and the integer code, for the serde reader.
    #[cfg(feature = "serde")]
    pub(crate) fn set_fields(&mut self, is_successful: bool, code: i32) {
        self.is_successful = is_successful;
        self.code = code;
    }
}

impl<const N: usize> fmt::Debug for OwnedHeader<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedHeader")
            .field("is_successful", &self.is_successful)
            .field("result_code", &self.result_code())
            .field("result_message", &self.result_message())
            .field("message_truncated", &self.message_truncated())
            .finish()
    }
}

impl<const N: usize> PartialEq for OwnedHeader<N> {
    fn eq(&self, other: &Self) -> bool {
        self.is_successful == other.is_successful
            && self.result_code() == other.result_code()
            && self.result_message() == other.result_message()
            && self.message_truncated() == other.message_truncated()
    }
}

impl<const N: usize> Eq for OwnedHeader<N> {}

impl<const N: usize> Hash for OwnedHeader<N> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.is_successful.hash(state);
        self.result_code().hash(state);
        self.result_message().hash(state);
        self.message_truncated().hash(state);
    }
}

#[cfg(feature = "defmt")]
impl<const N: usize> defmt::Format for OwnedHeader<N> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "OwnedHeader {{ is_successful: {=bool}, result_code: {}, result_message: {}, message_truncated: {=bool} }}",
            self.is_successful,
            self.result_code(),
            self.result_message(),
            self.message_truncated()
        );
    }
}
