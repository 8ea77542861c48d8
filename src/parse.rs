//! The one-shot entry points: the whole body is in one byte slice.

use crate::engine::byte_wise;
#[cfg(nhncloud_header_fast)]
use crate::engine::{HANDED_OVER, read_validated};
use crate::error::Error;
#[cfg(nhncloud_header_fast)]
use crate::grammar::key::header_first;
use crate::header::Header;
#[cfg(nhncloud_header_fast)]
use crate::index::{
    Found,
    dispatch::{self, Vector},
};
use crate::options::{Mode, Options};

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
    #[cfg(nhncloud_header_fast)]
    if body.len() >= INDEX_FROM && !(mode == Mode::Scan && header_first(body).is_some()) {
        // Written where this function returns it: no header on this frame.
        if let Some(vector) = dispatch::best() {
            let header = indexed(vector, body, mode, options);
            if header.is_ok() {
                return header;
            }
        }
    }
    byte_wise(body, mode, options)
}

/// The body length from which the structural index runs first. Below it
/// the byte-wise engine, which reads a whole header in one go, executes
/// fewer instructions: the two cross near 220 bytes on AVX2 and 330 on
/// SSE2 (callgrind, on a header-first body padded with small objects).
#[cfg(nhncloud_header_fast)]
const INDEX_FROM: usize = 256;

/// The structural index on `vector`, when it vouches for the body: the
/// header is then read from its key on by the header's rules alone.
/// [`HANDED_OVER`] hands the body over to the byte-wise engine.
#[cfg(nhncloud_header_fast)]
#[inline(always)]
pub(crate) fn indexed(
    vector: Vector,
    body: &[u8],
    mode: Mode,
    options: Options,
) -> Result<Header<'_>, Error> {
    match dispatch::walk(vector, body, mode, options.max_depth()) {
        Some(Found::Header(key)) => read_validated(body, key),
        _ => Err(HANDED_OVER),
    }
}
