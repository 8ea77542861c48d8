//! The one-shot entry points: the whole body is in one byte slice.

use crate::engine::{MAX_DEPTH, Machine, Mode, Progress, Sink};
use crate::error::Error;
use crate::header::Header;
use crate::message::Message;

/// Settings shared by [`parse_with`] and [`scan_with`].
///
/// ```
/// use nhncloud_header::{parse_with, ErrorKind, Options};
///
/// let options = Options::new().with_max_depth(2);
/// let body = br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":null},"a":[[1]]}"#;
/// assert_eq!(parse_with(body, options).unwrap_err().kind(), ErrorKind::DepthLimit);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Options {
    max_depth: u8,
}

impl Options {
    /// The deepest nesting any parser in this crate accepts: the top-level
    /// object counts as depth 1. It is also the default.
    pub const MAX_DEPTH: u8 = MAX_DEPTH;

    /// The defaults: `max_depth` 128.
    pub const fn new() -> Self {
        Options {
            max_depth: MAX_DEPTH,
        }
    }

    /// Rejects arrays and objects nested deeper than `depth` with
    /// [`ErrorKind::DepthLimit`](crate::ErrorKind::DepthLimit). The header
    /// itself sits at depth 2. The nesting stack is a fixed 128 bits, so
    /// values above [`Options::MAX_DEPTH`] mean [`Options::MAX_DEPTH`].
    #[must_use]
    pub const fn with_max_depth(self, depth: u8) -> Self {
        Options {
            max_depth: if depth > MAX_DEPTH { MAX_DEPTH } else { depth },
        }
    }

    /// The nesting limit in force.
    pub const fn max_depth(&self) -> u8 {
        self.max_depth
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::new()
    }
}

/// Validates the whole body as one JSON text and returns its top-level
/// `header`, wherever it stands among the top-level members.
///
/// ```
/// let body = br#"{"servers": [], "header": {"isSuccessful": false, "resultCode": -4,
///     "resultMessage": "Invalid parameters : name"}}"#;
/// let header = nhncloud_header::parse(body)?;
/// assert!(!header.is_successful);
/// assert_eq!(header.result_code, -4);
/// assert_eq!(header.result_message.unwrap(), "Invalid parameters : name");
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[inline]
pub fn parse(body: &[u8]) -> Result<Header<'_>, Error> {
    parse_with(body, Options::new())
}

/// [`parse`] with explicit [`Options`].
#[inline]
pub fn parse_with(body: &[u8], options: Options) -> Result<Header<'_>, Error> {
    extract(body, Mode::Parse, options)
}

/// Returns the top-level `header` as soon as its object closes.
///
/// Everything up to and including the header's closing `}` is validated
/// exactly as [`parse`] validates it, and the result is the same. Bytes after
/// it are never looked at: a later duplicate `header`, invalid JSON or
/// trailing garbage go unnoticed. When the header comes first, the cost does
/// not depend on the size of the body.
///
/// ```
/// let body = br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"},"rest": not even JSON"#;
/// assert!(nhncloud_header::parse(body).is_err());
/// assert_eq!(nhncloud_header::scan(body)?.result_code, 0);
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[inline]
pub fn scan(body: &[u8]) -> Result<Header<'_>, Error> {
    scan_with(body, Options::new())
}

/// [`scan`] with explicit [`Options`].
#[inline]
pub fn scan_with(body: &[u8], options: Options) -> Result<Header<'_>, Error> {
    extract(body, Mode::Scan, options)
}

/// Out of line, so that a caller's frame never grows by the parser's state.
#[inline(never)]
fn extract(body: &[u8], mode: Mode, options: Options) -> Result<Header<'_>, Error> {
    let mut machine = Machine::new(mode, options.max_depth);
    let mut span = MessageSpan { start: 0, end: 0 };
    if machine.feed(body, &mut span)? == Progress::NeedMore {
        machine.finish()?;
    }
    let result_message = if machine.message_is_null() {
        None
    } else {
        Some(Message::from_validated(
            body.get(span.start..span.end).unwrap_or_default(),
        ))
    };
    Ok(Header {
        is_successful: machine.is_successful(),
        result_code: machine.result_code(),
        result_message,
    })
}

/// Remembers where the message's raw text lies; the text stays in the body.
struct MessageSpan {
    start: usize,
    end: usize,
}

impl Sink for MessageSpan {
    const NEEDS_TEXT: bool = false;

    fn message_begin(&mut self, quote: usize) {
        self.start = quote + 1;
    }

    fn message_char(&mut self, _: char) -> bool {
        true
    }

    fn message_end(&mut self, quote: usize) {
        self.end = quote;
    }
}
