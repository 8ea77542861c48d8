//! The header of an NHN Cloud response: borrowed from the body by the
//! one-shot functions, owned (in fixed memory) by the streaming parser.

use heapless::String;

use crate::message::{Message, detail_of};

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
    /// `resultCode`: 0 on success; negative or a five-digit API code on failure.
    pub result_code: i32,
    /// `resultMessage`, or `None` when it is `null`.
    pub result_message: Option<Message<'a>>,
}

/// The header as the [`StreamParser`](crate::StreamParser) delivers it: the
/// body is gone, so the message is decoded into `N` bytes of its own.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct OwnedHeader<const N: usize> {
    /// `isSuccessful`.
    pub is_successful: bool,
    /// `resultCode`.
    pub result_code: i32,
    /// `resultMessage`, decoded; `None` when it is `null`. At most `N`
    /// bytes: see `message_truncated`.
    pub result_message: Option<String<N>>,
    /// Whether the message was longer than `N` bytes. It then holds the
    /// longest prefix that fits and ends on a character boundary.
    pub message_truncated: bool,
}

impl<const N: usize> OwnedHeader<N> {
    /// The detail description: the text after the first `:` of the message,
    /// trimmed of ASCII whitespace; `None` when there is no `:` or nothing
    /// after it (see [`Message::detail`]).
    pub fn detail(&self) -> Option<&str> {
        let text = self.result_message.as_deref()?;
        let (start, end) = detail_of(
            text.char_indices()
                .map(|(at, ch)| (at, ch, at + ch.len_utf8())),
        )?;
        text.get(start..end)
    }
}
