//! The one-shot entry points: the whole body is in one byte slice.

#[cfg(not(any(target_os = "none", nhncloud_header_small)))]
use crate::engine::read_validated;
use crate::engine::{MAX_DEPTH, Machine, Mode, Progress, Sink, Text};
use crate::error::Error;
use crate::header::{Header, ResultCode};
#[cfg(not(any(target_os = "none", nhncloud_header_small)))]
use crate::index::{self, Found};
#[cfg(not(any(target_os = "none", nhncloud_header_small)))]
use crate::locate::header_first;
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

/// Out of line, so that a caller's frame never grows by the parser's state;
/// the two engines are called from here one after the other, never one
/// inside the other, so that the deeper of them sets the stack used.
#[inline(never)]
fn extract(body: &[u8], mode: Mode, options: Options) -> Result<Header<'_>, Error> {
    #[cfg(not(any(target_os = "none", nhncloud_header_small)))]
    if body.len() >= INDEX_FROM && !(mode == Mode::Scan && header_first(body).is_some()) {
        // Written where this function returns it: no header on this frame.
        let header = indexed(index::dispatch::best(), body, mode, options);
        if header.is_ok() {
            return header;
        }
    }
    byte_wise(body, mode, options)
}

/// The body length from which the structural index runs first. Below it
/// the byte-wise engine, which reads a whole header in one go, executes
/// fewer instructions: the two cross near 220 bytes on AVX2 and 330 on
/// SSE2 (callgrind, on a header-first body padded with small objects).
#[cfg(not(any(target_os = "none", nhncloud_header_small)))]
const INDEX_FROM: usize = 256;

/// The byte-wise engine: every answer, errors with their exact offsets.
#[inline(never)]
pub(crate) fn byte_wise(body: &[u8], mode: Mode, options: Options) -> Result<Header<'_>, Error> {
    let mut machine = Machine::new(mode, options.max_depth);
    let mut spans = Spans::default();
    if machine.feed(body, &mut spans)? == Progress::NeedMore {
        machine.finish()?;
    }
    Ok(header_of(&machine, &spans, body))
}

/// The structural index on `engine`, when it vouches for the body: the
/// header is then read from its key on by the header's rules alone. `None`
/// hands the body over to the byte-wise engine from the start.
#[cfg(not(any(target_os = "none", nhncloud_header_small)))]
#[inline(always)]
fn indexed(engine: Engine, body: &[u8], mode: Mode, options: Options) -> Result<Header<'_>, Error> {
    match index::dispatch::walk(engine, body, mode, options.max_depth) {
        Some(Found::Header(key)) => read_validated(body, key),
        _ => Err(HANDED_OVER),
    }
}

/// What the index says of a body it hands over to the byte-wise engine
/// (never an answer: the byte-wise engine gives that).
#[cfg(not(any(target_os = "none", nhncloud_header_small)))]
pub(crate) const HANDED_OVER: Error = Error::new(crate::ErrorKind::UnexpectedEnd, None, usize::MAX);

pub(crate) fn header_of<'a>(machine: &Machine, spans: &Spans, body: &'a [u8]) -> Header<'a> {
    let text = |(start, end): (usize, usize)| {
        Message::from_validated(body.get(start..end).unwrap_or_default())
    };
    Header {
        is_successful: machine.is_successful(),
        result_code: if machine.code_is_text() {
            ResultCode::Text(text(spans.code))
        } else {
            ResultCode::Integer(machine.result_code())
        },
        result_message: (!machine.message_is_null()).then(|| text(spans.message)),
    }
}

/// The engines the one-shot functions can run, for tests and benchmarks:
/// the byte-wise machine, and the structural index on each kernel.
#[doc(hidden)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Engine {
    /// The byte-wise engine alone.
    ByteWise,
    /// The index on the portable kernel (the kernels' reference).
    Portable,
    /// The index on SSE2 (x86_64).
    Sse2,
    /// The index on AVX2, PCLMULQDQ, POPCNT and BMI1 (x86_64, detected at
    /// run time).
    Avx2,
    /// The index on NEON (aarch64).
    Neon,
}

impl Engine {
    /// Every engine, available or not.
    pub const ALL: [Engine; 5] = [
        Engine::ByteWise,
        Engine::Portable,
        Engine::Sse2,
        Engine::Avx2,
        Engine::Neon,
    ];

    /// A short name, for test and benchmark labels.
    pub const fn name(self) -> &'static str {
        match self {
            Engine::ByteWise => "byte_wise",
            Engine::Portable => "portable",
            Engine::Sse2 => "sse2",
            Engine::Avx2 => "avx2",
            Engine::Neon => "neon",
        }
    }

    /// Whether it can run here: compiled in, and the CPU has what it needs.
    pub fn is_available(self) -> bool {
        #[cfg(not(any(target_os = "none", nhncloud_header_small)))]
        return index::dispatch::is_available(self);
        #[cfg(any(target_os = "none", nhncloud_header_small))]
        return self == Engine::ByteWise;
    }

    /// The engine `parse` and `scan` run first on bodies of 256 bytes or more.
    pub fn best() -> Engine {
        #[cfg(not(any(target_os = "none", nhncloud_header_small)))]
        return index::dispatch::best();
        #[cfg(any(target_os = "none", nhncloud_header_small))]
        return Engine::ByteWise;
    }

    /// Makes this engine the one [`parse`] and [`scan`] run first on bodies
    /// of 256 bytes or more (shorter ones go to the byte-wise engine), for
    /// the whole process, when it is available (tests and benchmarks use it
    /// to measure each kernel through the public entry points).
    pub fn set_best(self) -> bool {
        #[cfg(not(any(target_os = "none", nhncloud_header_small)))]
        return index::dispatch::set_best(self);
        #[cfg(any(target_os = "none", nhncloud_header_small))]
        return self == Engine::ByteWise;
    }

    /// [`parse_with`] or [`scan_with`] on this engine (falling back to the
    /// byte-wise one as they do); `None` when it is not available.
    pub fn extract<'a>(
        self,
        body: &'a [u8],
        mode: Mode,
        options: Options,
    ) -> Option<Result<Header<'a>, Error>> {
        if !self.is_available() {
            return None;
        }
        #[cfg(not(any(target_os = "none", nhncloud_header_small)))]
        if let Ok(header) = indexed(self, body, mode, options) {
            return Some(Ok(header));
        }
        Some(byte_wise(body, mode, options))
    }

    /// [`locate_with`](crate::locate_with) on this engine: the header's key
    /// found by the index's `locate` walk on this kernel, or a byte at a
    /// time for the byte-wise engine, whatever the body's size; `None` when
    /// it is not available.
    pub fn locate<'a>(self, body: &'a [u8], options: Options) -> Option<Result<Header<'a>, Error>> {
        if !self.is_available() {
            return None;
        }
        #[cfg(not(any(target_os = "none", nhncloud_header_small)))]
        return {
            let found = (body.len() >= 64)
                .then(|| index::dispatch::find_header(self, body, options.max_depth))
                .flatten();
            let quote =
                found.unwrap_or_else(|| crate::locate::follow_bytes(body, options.max_depth));
            Some(crate::locate::located(body, quote, options))
        };
        #[cfg(any(target_os = "none", nhncloud_header_small))]
        return Some(crate::locate_with(body, options));
    }

    /// What the structural index alone says: the offset of the top-level
    /// `header` key's quote, or `None` where it hands over. `None` too for
    /// the byte-wise engine and unavailable kernels.
    pub fn walk(self, body: &[u8], mode: Mode, options: Options) -> Option<usize> {
        #[cfg(not(any(target_os = "none", nhncloud_header_small)))]
        if let Some(Found::Header(key)) = index::dispatch::walk(self, body, mode, options.max_depth)
        {
            return Some(key);
        }
        let _ = (body, mode, options);
        None
    }

    /// Stage 1 alone over `body` (a checksum of its masks), for the
    /// benchmarks' throughput figures.
    pub fn index_only(self, body: &[u8]) -> Option<u64> {
        #[cfg(not(any(target_os = "none", nhncloud_header_small)))]
        return index::dispatch::index_only(self, body);
        #[cfg(any(target_os = "none", nhncloud_header_small))]
        return {
            let _ = body;
            None
        };
    }
}

/// Remembers where the raw text of the message and of a string code lie
/// (from the byte after the opening quote to the closing one); the text
/// stays in the body.
#[derive(Default)]
pub(crate) struct Spans {
    message: (usize, usize),
    code: (usize, usize),
}

impl Spans {
    fn of(&mut self, text: Text) -> &mut (usize, usize) {
        match text {
            Text::Message => &mut self.message,
            Text::Code => &mut self.code,
        }
    }
}

impl Sink for Spans {
    const NEEDS_TEXT: bool = false;

    fn text_begin(&mut self, text: Text, quote: usize) {
        self.of(text).0 = quote + 1;
    }

    fn text_char(&mut self, _: Text, _: char) -> bool {
        true
    }

    fn text_end(&mut self, text: Text, quote: usize) {
        self.of(text).1 = quote;
    }
}
