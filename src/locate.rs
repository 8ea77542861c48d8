//! `locate`: the header of a trusted body. Up to the top-level `header` key
//! the body is followed, not validated: strings (escaped quotes included)
//! and brackets, enough to tell which key is at the top level. From the key
//! on, the byte-wise engine reads exactly as `scan` reads.

use crate::engine::byte_wise;
#[cfg(nhncloud_header_fast)]
use crate::engine::from_key;
use crate::error::Error;
#[cfg(nhncloud_header_fast)]
use crate::grammar::key::header_first;
use crate::header::Header;
#[cfg(nhncloud_header_fast)]
use crate::index::{dispatch, follow_bytes};
use crate::options::{Mode, Options};

/// Returns the top-level `header` of a body trusted to be well-formed,
/// validating the header alone, at the speed of the structural scan.
///
/// The contract:
///
/// - For every body that [`parse`](crate::parse) accepts, `locate` returns
///   the same header.
/// - The header object, from its `{` to its `}`, is validated by the same
///   rules as in `parse` (fields, types, duplicates, escapes, UTF-8, the
///   `resultCode` range), with errors of the same kind at the same offset.
/// - Before the header, the body is only followed: strings by their
///   unescaped quotes (a backslash escapes the byte after it, in a string
///   or not), brackets for the nesting (counted up to
///   [`Options::max_depth`]: a `]` may close a `{`), and the top-level keys, of
///   which the first that decodes to `header` and is followed by a colon is
///   the header's. Invalid JSON there (a bad number, a missing comma, a raw
///   control byte, invalid UTF-8) may therefore be accepted.
/// - A body that cannot be followed to its header is rejected with the
///   error [`scan`](crate::scan) gives it, kind and offset: its top level is
///   not an object, a bracket closes the top level early, a string is not
///   closed, the nesting is too deep, or there is no top-level `header`.
/// - Like `scan`, it stops at the header's closing `}`: nothing after it is
///   looked at.
///
/// It never panics, reads out of bounds, recurses or allocates, on any
/// input. Where the CPU has a vector unit (SSE2 or AVX2 on x86_64, NEON on
/// aarch64), 64 bytes are followed per step; on other hosted targets, and
/// for bodies under 64 bytes, a byte at a time. On bare-metal targets
/// (`target_os = "none"`) and under `--cfg nhncloud_header_small` the
/// trusted mode is left out to keep the code small, and `locate` is
/// [`scan`](crate::scan): stricter before the header, the same answer
/// wherever `parse` accepts.
///
/// ```
/// // A trailing comma and a bad number before the header: `parse` and
/// // `scan` refuse the body, `locate` follows it.
/// let body = br#"{"data": {"ids": [1, 2, 3,], "n": 01},
///     "header": {"isSuccessful": true, "resultCode": 0, "resultMessage": "SUCCESS"}}"#;
/// assert!(nhncloud_header::scan(body).is_err());
/// # if nhncloud_header::engines::Engine::Portable.is_available() {
/// let header = nhncloud_header::locate(body)?;
/// assert_eq!(header.result_code, 0);
/// # }
///
/// // The header itself is validated as `parse` validates it.
/// let body = br#"{"data": [], "header": {"isSuccessful": true, "resultCode": 0}}"#;
/// let error = nhncloud_header::locate(body).unwrap_err();
/// assert_eq!(error.kind(), nhncloud_header::ErrorKind::MissingField);
/// assert_eq!(error, nhncloud_header::parse(body).unwrap_err());
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[inline]
pub fn locate(body: &[u8]) -> Result<Header<'_>, Error> {
    locate_with(body, Options::new())
}

/// [`locate`] with explicit [`Options`].
#[inline]
pub fn locate_with(body: &[u8], options: Options) -> Result<Header<'_>, Error> {
    #[cfg(nhncloud_header_fast)]
    return located(body, find_header(body, options.max_depth()), options);
    // The follower would take `locate` + `classify` to 5.4 KB of code on
    // thumbv7em, past the 4 KB budget: here `locate` is `scan`.
    #[cfg(not(nhncloud_header_fast))]
    return byte_wise(body, Mode::Scan, options);
}

/// The header read from the key at `quote` as `scan` reads it; with no key,
/// the error `scan` gives the body. The two run in frames of their own,
/// never one inside the other, nor inside the search's.
#[cfg(nhncloud_header_fast)]
#[inline(always)]
pub(crate) fn located(
    body: &[u8],
    quote: Option<usize>,
    options: Options,
) -> Result<Header<'_>, Error> {
    match quote {
        Some(quote) => from_key(body, quote, options),
        None => byte_wise(body, Mode::Scan, options),
    }
}

/// The top-level `header` key's opening quote: at once when it is the
/// first key, else through the structural index where a vector kernel runs
/// and the body holds a block, else a byte at a time.
#[cfg(nhncloud_header_fast)]
#[inline(always)]
fn find_header(body: &[u8], max_depth: u8) -> Option<usize> {
    if let Some(quote) = header_first(body) {
        return Some(quote).filter(|_| max_depth >= 1);
    }
    if body.len() >= 64
        && let Some(vector) = dispatch::best()
        && let Some(found) = dispatch::find_header(vector, body, max_depth)
    {
        return found;
    }
    follow_bytes(body, max_depth)
}
