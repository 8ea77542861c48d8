//! What the one-shot functions and the streaming parser are asked to do:
//! read the whole body or stop at the header ([`Mode`]), and how deep a
//! body may nest ([`Options`]).

/// The deepest nesting the fixed stack can hold; also the default limit.
pub(crate) const MAX_DEPTH: u8 = 128;

/// How much of the body a [`StreamParser`](crate::StreamParser) reads.
///
/// ```
/// use nhncloud_header::{Mode, Status, StreamParser};
///
/// let body = br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":null},"rest": not read"#;
/// let mut parser = StreamParser::<16>::new(Mode::Scan);
/// assert_eq!(parser.feed(body)?, Status::Complete);
/// assert_eq!(parser.finish()?.result_code(), 0);
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Mode {
    /// As [`scan`](crate::scan): done as soon as the top-level header object
    /// closes; nothing after it is looked at.
    Scan,
    /// As [`parse`](crate::parse): the whole body is validated; done only at
    /// the end of the input.
    Parse,
}

/// Settings shared by [`parse_with`](crate::parse_with),
/// [`scan_with`](crate::scan_with) and [`locate_with`](crate::locate_with).
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
