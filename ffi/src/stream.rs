//! The streaming parser in caller storage: a body that arrives in chunks.

use core::ffi::c_char;
use core::mem::{align_of, size_of};
use core::ptr::{addr_of, addr_of_mut};

use nhncloud::{Mode, Status, StreamParser};

use crate::{
    CLEARED_HEADER, Failure, NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT, NHNCLOUD_HEADER_RESULT_OK, Span,
    any_overlap, bad_argument, fill, input, message_buffer, nhncloud_header, nhncloud_header_error,
    nhncloud_header_result, outcome, writable,
};

/// The size of `nhncloud_header_stream` in 64-bit words (256 bytes).
pub const NHNCLOUD_HEADER_STREAM_WORDS: usize = 32;
/// The room, in bytes, a stream keeps for the decoded `resultMessage` and a
/// string `resultCode` together: the code takes its bytes first, and a
/// longer message is cut on a character boundary and `message_truncated`
/// set.
pub const NHNCLOUD_HEADER_STREAM_MESSAGE_CAP: usize = 184;

/// `nhncloud_header_stream_init` mode: stop at the end of the header, as
/// `nhncloud_header_scan` does.
pub const NHNCLOUD_HEADER_MODE_SCAN: u32 = 0;
/// `nhncloud_header_stream_init` mode: validate the whole body, as
/// `nhncloud_header_parse` does.
pub const NHNCLOUD_HEADER_MODE_PARSE: u32 = 1;

/// A streaming parser's state, in storage the caller owns (static, on the
/// stack, in a struct: no allocation). Set it up with
/// `nhncloud_header_stream_init`. A stream that was zero-filled (static
/// storage, `= {0}`) or finished and not initialized again is refused with
/// `NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT`; other uninitialized contents are
/// not allowed.
#[repr(C)]
pub struct nhncloud_header_stream {
    _opaque: [u64; NHNCLOUD_HEADER_STREAM_WORDS],
}

/// What the storage holds.
///
/// cbindgen:ignore
#[repr(C)]
struct Stream {
    /// `READY` between `init` and `finish`; anything else refuses use.
    state: u32,
    parser: StreamParser<NHNCLOUD_HEADER_STREAM_MESSAGE_CAP>,
}

/// "NHC1": a zero-filled or finished stream never holds it.
const READY: u32 = 0x4E48_4331;
const NOT_READY: u32 = 0;

// The parser fits the caller's storage on every target.
const _: () = {
    assert!(size_of::<nhncloud_header_stream>() == NHNCLOUD_HEADER_STREAM_WORDS * 8);
    assert!(size_of::<Stream>() <= size_of::<nhncloud_header_stream>());
    assert!(align_of::<Stream>() <= align_of::<nhncloud_header_stream>());
};

/// The stream, if it is ready: not NULL, aligned, and initialized.
///
/// # Safety
/// `stream` is NULL or valid for reads and writes of a
/// `nhncloud_header_stream` whose bytes are initialized.
unsafe fn ready_stream<'a>(stream: *mut nhncloud_header_stream) -> Option<&'a mut Stream> {
    if stream.is_null() || !stream.is_aligned() {
        return None;
    }
    let stream = stream.cast::<Stream>();
    // SAFETY: the caller's contract; `Stream` fits (checked above), and the
    // state word is read as an integer before anything else is trusted.
    let state = unsafe { addr_of!((*stream).state).read() };
    // SAFETY: only `init` writes READY, together with a valid parser.
    (state == READY).then(|| unsafe { &mut *stream })
}

/// Sets up (or resets) a stream for a new body. `mode` is
/// `NHNCLOUD_HEADER_MODE_SCAN` or `NHNCLOUD_HEADER_MODE_PARSE`; any other
/// value leaves the stream unusable and returns `NULL_ARGUMENT`, as does a
/// NULL or misaligned `stream`.
///
/// # Safety
/// `stream` is NULL or valid for writes of a `nhncloud_header_stream`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nhncloud_header_stream_init(
    stream: *mut nhncloud_header_stream,
    mode: u32,
) -> nhncloud_header_result {
    if stream.is_null() || !stream.is_aligned() {
        return NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT;
    }
    let stream = stream.cast::<Stream>();
    let mode = match mode {
        NHNCLOUD_HEADER_MODE_SCAN => Mode::Scan,
        NHNCLOUD_HEADER_MODE_PARSE => Mode::Parse,
        _ => {
            // SAFETY: the caller's contract.
            unsafe { addr_of_mut!((*stream).state).write(NOT_READY) };
            return NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT;
        }
    };
    let fresh = Stream {
        state: READY,
        parser: StreamParser::new(mode),
    };
    // SAFETY: the caller's contract; `Stream` fits (checked above).
    unsafe { stream.write(fresh) };
    NHNCLOUD_HEADER_RESULT_OK
}

/// Feeds the next chunk of the body (any size; `chunk` may be NULL when
/// `len` is 0). `*complete` (if `complete` is not NULL) becomes true in scan
/// mode once the header has closed: call `nhncloud_header_stream_finish`
/// without reading on. A stream that has failed returns the same error from
/// every later call until `finish`, which returns it too. Arguments that
/// overlap each other or the stream are refused with `NULL_ARGUMENT`, and
/// nothing is written.
///
/// # Safety
/// `stream` is NULL or a stream as its documentation allows; `chunk` is
/// valid for reads of `len` bytes; `complete` and `error` are NULL or valid
/// for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nhncloud_header_stream_feed(
    stream: *mut nhncloud_header_stream,
    chunk: *const c_char,
    len: usize,
    complete: *mut bool,
    error: *mut nhncloud_header_error,
) -> nhncloud_header_result {
    let chunk_span = Span::of(chunk, len);
    if any_overlap(&[
        Span::one(stream),
        chunk_span,
        Span::one(complete),
        Span::one(error),
    ]) {
        return NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT;
    }
    // SAFETY (all): checked above, and the caller's contract.
    let mut complete = unsafe { writable(complete) };
    if let Some(complete) = complete.as_deref_mut() {
        *complete = false;
    }
    let stream = match unsafe { ready_stream(stream) } {
        Some(stream) if !chunk_span.is_bad() => stream,
        _ => return unsafe { bad_argument(error) },
    };
    let chunk = unsafe { input(chunk, len) };
    let result = stream
        .parser
        .feed(chunk)
        .map_err(Failure::from)
        .map(|status| {
            if let Some(complete) = complete {
                *complete = status == Status::Complete;
            }
        });
    unsafe { outcome(error, result) }
}

/// Ends the body (after `complete`, or once the input has run out) and
/// fills in `*out` and `message` as `nhncloud_header_parse` does. In parse
/// mode, this is where an incomplete body is found. Afterwards the stream
/// is ready for `nhncloud_header_stream_init` again, and refuses anything
/// else. With a NULL `out` (or a NULL `message` and a non-zero
/// `message_cap`, or arguments that overlap) nothing happens but
/// `NULL_ARGUMENT`.
///
/// # Safety
/// As for `nhncloud_header_stream_feed`; `out` is valid for a write and
/// `message` for writes of `message_cap` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nhncloud_header_stream_finish(
    stream: *mut nhncloud_header_stream,
    out: *mut nhncloud_header,
    message: *mut c_char,
    message_cap: usize,
    error: *mut nhncloud_header_error,
) -> nhncloud_header_result {
    let message_span = Span::of(message, message_cap);
    if any_overlap(&[
        Span::one(stream),
        Span::one(out),
        message_span,
        Span::one(error),
    ]) {
        return NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT;
    }
    // SAFETY (all): checked above, and the caller's contract.
    let (Some(stream), Some(out)) = (unsafe { ready_stream(stream) }, unsafe { writable(out) })
    else {
        return unsafe { bad_argument(error) };
    };
    if message_span.is_bad() {
        return unsafe { bad_argument(error) };
    }
    let buffer = unsafe { message_buffer(message, message_cap) };
    *out = CLEARED_HEADER;
    if let Some(nul) = buffer.first_mut() {
        *nul = 0;
    }
    stream.state = NOT_READY;
    // Where a string code is, for an error about it, which the finished
    // header does not say.
    let code_at = stream.parser.string_code_offset().unwrap_or(0);
    // The header is read where the parser keeps it: nothing is moved.
    let result = stream
        .parser
        .finish()
        .map_err(Failure::from)
        .and_then(|header| {
            let message = header.result_message().map(str::chars);
            let code = header.result_code().map(str::chars);
            fill(
                out,
                header.is_successful(),
                code,
                message,
                header.message_truncated(),
                buffer,
            )
            .map_err(|_| Failure::CodeTooLong(code_at))
        });
    unsafe { outcome(error, result) }
}
