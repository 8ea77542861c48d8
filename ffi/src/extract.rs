//! `nhncloud_header_parse` and `nhncloud_header_scan`: a whole body in one
//! buffer.

use core::ffi::c_char;

use nhncloud::{Error, Header};

use crate::{
    CLEARED_HEADER, Failure, NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT, Span, any_overlap, bad_argument,
    fill, input, message_buffer, nhncloud_header, nhncloud_header_error, nhncloud_header_result,
    outcome, writable,
};

/// Validates the whole body (RFC 8259) and extracts its header: `*out` is
/// filled in (a string `resultCode` decoded into its `code_text`) and the
/// decoded `resultMessage` written to `message`, NUL-terminated (with
/// `message_cap` 0 nothing is written, and `message` may be NULL). Returns `NHNCLOUD_HEADER_RESULT_OK`, or the error kind,
/// also written to `*error` with the field and byte offset when `error` is
/// not NULL. `body` may be NULL when `len` is 0. Arguments that overlap
/// are refused with `NULL_ARGUMENT`, and nothing is written.
///
/// # Safety
/// `body` is valid for reads of `len` bytes; `out` is valid for a write;
/// `message` is valid for writes of `message_cap` bytes; `error` is NULL or
/// valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nhncloud_header_parse(
    body: *const c_char,
    len: usize,
    out: *mut nhncloud_header,
    message: *mut c_char,
    message_cap: usize,
    error: *mut nhncloud_header_error,
) -> nhncloud_header_result {
    // SAFETY: the caller's contract, which is this function's.
    unsafe { extract(nhncloud::parse, body, len, out, message, message_cap, error) }
}

/// As `nhncloud_header_parse`, but returns as soon as the header object
/// closes, without reading (or validating) the rest of the body.
///
/// # Safety
/// As for `nhncloud_header_parse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nhncloud_header_scan(
    body: *const c_char,
    len: usize,
    out: *mut nhncloud_header,
    message: *mut c_char,
    message_cap: usize,
    error: *mut nhncloud_header_error,
) -> nhncloud_header_result {
    // SAFETY: the caller's contract, which is this function's.
    unsafe { extract(nhncloud::scan, body, len, out, message, message_cap, error) }
}

/// # Safety
/// As for `nhncloud_header_parse`.
unsafe fn extract(
    extractor: for<'a> fn(&'a [u8]) -> Result<Header<'a>, Error>,
    body: *const c_char,
    len: usize,
    out: *mut nhncloud_header,
    message: *mut c_char,
    message_cap: usize,
    error: *mut nhncloud_header_error,
) -> nhncloud_header_result {
    let (body_span, message_span) = (Span::of(body, len), Span::of(message, message_cap));
    if any_overlap(&[body_span, message_span, Span::one(out), Span::one(error)]) {
        return NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT;
    }
    if body_span.is_bad() || message_span.is_bad() {
        // SAFETY: the caller's contract.
        return unsafe { bad_argument(error) };
    }
    // SAFETY (all three): checked above, and the caller's contract.
    let Some(out) = (unsafe { writable(out) }) else {
        return unsafe { bad_argument(error) };
    };
    let (body, buffer) = unsafe { (input(body, len), message_buffer(message, message_cap)) };
    *out = CLEARED_HEADER;
    if let Some(nul) = buffer.first_mut() {
        *nul = 0;
    }
    let result = extractor(body).map_err(Failure::from).and_then(|header| {
        let message = header.result_message.map(|message| message.chars());
        let code = header.result_code.map(|text| text.chars());
        fill(out, header.is_successful, code, message, false, buffer).map_err(|_| {
            // The code's raw text lies in the body, after its opening quote.
            let raw = header
                .result_code
                .text()
                .map_or(0, |text| text.raw().as_ptr() as usize);
            Failure::CodeTooLong(raw.saturating_sub(body.as_ptr() as usize + 1))
        })
    });
    // SAFETY: the caller's contract.
    unsafe { outcome(error, result) }
}
