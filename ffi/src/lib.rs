//! The C API of `nhncloud-header`: the same parser, a static library
//! (`libnhncloud_header.a`) and a generated header
//! (`include/nhncloud_header.h`) for firmware and gateways written in C.
//!
//! Every function takes plain pointers and lengths, writes only through the
//! pointers it is given, allocates nothing, and cannot panic: `.ci/run`
//! links the release library with LTO and checks that no panic symbol is
//! left in it. A NULL where the header allows none, or a value out of range,
//! returns `NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT`.
//!
//! The Rust names are the C names, so `non_camel_case_types` is allowed.

#![no_std]
#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn, missing_docs)]

/// `[&CStr; N]` from string literals whose bytes lie in one string of
/// their own, NUL-separated, instead of each in the linker's merged C
/// strings (one section for the whole library, linked whole by a firmware
/// that names any of them): a program that uses none of a table's names
/// links none of them.
macro_rules! c_strings {
    [$($text:literal),* $(,)?] => {{
        const TEXTS: &str = concat!($($text, "\0"),*);
        const COUNT: usize = [$($text),*].len();
        const TABLE: [&core::ffi::CStr; COUNT] = {
            let bytes = TEXTS.as_bytes();
            let Ok(first) = core::ffi::CStr::from_bytes_until_nul(bytes) else {
                panic!("no NUL");
            };
            let mut table = [first; COUNT];
            let (mut at, mut k) = (0, 0);
            while k < COUNT {
                let (_, rest) = bytes.split_at(at);
                let Ok(text) = core::ffi::CStr::from_bytes_until_nul(rest) else {
                    panic!("no NUL");
                };
                table[k] = text;
                at += text.count_bytes() + 1;
                k += 1;
            }
            table
        };
        TABLE
    }};
}

mod extract;
mod meaning;
mod names;
mod stream;

pub use extract::{nhncloud_header_parse, nhncloud_header_scan};
pub use meaning::*;
pub use names::*;
pub use stream::*;

use core::ffi::c_char;

use nhncloud::{Error, ErrorKind, Field, ResultCode};

/// The outcome of a call: `NHNCLOUD_HEADER_RESULT_OK` (0), one of the 17
/// error kinds (1 to 17, in the order of the Rust `ErrorKind`), or
/// `NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT` (255). New kinds may be added.
pub type nhncloud_header_result = u32;

/// The body holds a valid header.
pub const NHNCLOUD_HEADER_RESULT_OK: nhncloud_header_result = 0;
/// The body holds no JSON value: it is empty or only whitespace.
pub const NHNCLOUD_HEADER_RESULT_EMPTY: nhncloud_header_result = 1;
/// The top-level value is not an object.
pub const NHNCLOUD_HEADER_RESULT_NOT_AN_OBJECT: nhncloud_header_result = 2;
/// A byte that cannot appear here in a JSON text.
pub const NHNCLOUD_HEADER_RESULT_UNEXPECTED_BYTE: nhncloud_header_result = 3;
/// The body ends inside the JSON text.
pub const NHNCLOUD_HEADER_RESULT_UNEXPECTED_END: nhncloud_header_result = 4;
/// A number that violates the JSON number grammar.
pub const NHNCLOUD_HEADER_RESULT_INVALID_NUMBER: nhncloud_header_result = 5;
/// A backslash escape that JSON does not define, or a bad `\u` hex digit.
pub const NHNCLOUD_HEADER_RESULT_INVALID_ESCAPE: nhncloud_header_result = 6;
/// A `\u` escape of a UTF-16 surrogate without its other half.
pub const NHNCLOUD_HEADER_RESULT_LONE_SURROGATE: nhncloud_header_result = 7;
/// A raw byte below 0x20 inside a string.
pub const NHNCLOUD_HEADER_RESULT_CONTROL_CHARACTER: nhncloud_header_result = 8;
/// Bytes inside a string that are not UTF-8.
pub const NHNCLOUD_HEADER_RESULT_INVALID_UTF8: nhncloud_header_result = 9;
/// Arrays and objects nested deeper than 128 levels.
pub const NHNCLOUD_HEADER_RESULT_DEPTH_LIMIT: nhncloud_header_result = 10;
/// Something other than whitespace after the top-level object (parse only).
pub const NHNCLOUD_HEADER_RESULT_TRAILING_CHARACTERS: nhncloud_header_result = 11;
/// The top-level object has no `header` member.
pub const NHNCLOUD_HEADER_RESULT_MISSING_HEADER: nhncloud_header_result = 12;
/// The header lacks a field; the error's `field` says which.
pub const NHNCLOUD_HEADER_RESULT_MISSING_FIELD: nhncloud_header_result = 13;
/// A second top-level `header`, or a repeated field inside the header.
pub const NHNCLOUD_HEADER_RESULT_DUPLICATE_KEY: nhncloud_header_result = 14;
/// The header is not an object, or a field has the wrong JSON type.
pub const NHNCLOUD_HEADER_RESULT_WRONG_TYPE: nhncloud_header_result = 15;
/// `resultCode` is a valid JSON number but not an integer within `int32_t`.
pub const NHNCLOUD_HEADER_RESULT_INVALID_RESULT_CODE: nhncloud_header_result = 16;
/// A string `resultCode` longer than `nhncloud_header.code_text` holds
/// (`NHNCLOUD_HEADER_CODE_CAP` - 1 bytes), or than a stream keeps. The
/// offset is the code's opening quote.
pub const NHNCLOUD_HEADER_RESULT_CODE_TOO_LONG: nhncloud_header_result = 17;
/// A bad argument: a NULL or misaligned pointer where none is allowed, a
/// length or capacity above `PTRDIFF_MAX`, buffers that overlap, an unknown
/// mode, or a stream that is not initialized.
pub const NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT: nhncloud_header_result = 255;

/// No field is at fault.
pub const NHNCLOUD_HEADER_FIELD_NONE: u32 = 0;
/// `isSuccessful`
pub const NHNCLOUD_HEADER_FIELD_IS_SUCCESSFUL: u32 = 1;
/// `resultCode`
pub const NHNCLOUD_HEADER_FIELD_RESULT_CODE: u32 = 2;
/// `resultMessage`
pub const NHNCLOUD_HEADER_FIELD_RESULT_MESSAGE: u32 = 3;

// The numbering above is the Rust enums' declaration order, which
// `ErrorKind::ALL` and `Field::ALL` list; a kind added there breaks this
// build until it has a number here.
const _: () = {
    assert!(ErrorKind::ALL.len() == 17);
    let mut i = 0;
    while i < ErrorKind::ALL.len() {
        assert!(ErrorKind::ALL[i] as usize == i);
        i += 1;
    }
    assert!(ErrorKind::InvalidResultCode as u32 + 1 == NHNCLOUD_HEADER_RESULT_INVALID_RESULT_CODE);
    assert!(ErrorKind::CodeTooLong as u32 + 1 == NHNCLOUD_HEADER_RESULT_CODE_TOO_LONG);
    assert!(Field::ALL.len() == 3);
    assert!(Field::IsSuccessful as u32 + 1 == NHNCLOUD_HEADER_FIELD_IS_SUCCESSFUL);
    assert!(Field::ResultCode as u32 + 1 == NHNCLOUD_HEADER_FIELD_RESULT_CODE);
    assert!(Field::ResultMessage as u32 + 1 == NHNCLOUD_HEADER_FIELD_RESULT_MESSAGE);
};

/// The room for a string `resultCode` in `nhncloud_header.code_text`, its
/// NUL included: the longest code is one byte less.
pub const NHNCLOUD_HEADER_CODE_CAP: usize = 32;

/// A header, as `nhncloud_header_parse`, `nhncloud_header_scan` and
/// `nhncloud_header_stream_finish` fill it in. The message itself goes to
/// the caller's buffer; a string code (Deploy's) to `code_text`. After a
/// parser error every member is 0 or false; after
/// `NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT` nothing but the error was
/// written.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct nhncloud_header {
    /// `isSuccessful`
    pub is_successful: bool,
    /// `resultCode` when it is an integer; 0 when it is a string.
    pub result_code: i32,
    /// True when `resultCode` is a string: its text is `code_text`.
    pub code_is_text: bool,
    /// Bytes of `code_text`, the terminating NUL excluded.
    pub code_len: usize,
    /// A string `resultCode`, decoded and NUL-terminated (empty for an
    /// integer code). Trust `code_len`: the text may hold a NUL.
    pub code_text: [c_char; NHNCLOUD_HEADER_CODE_CAP],
    /// False when `resultMessage` is `null`.
    pub has_message: bool,
    /// The decoded text did not fit in `message_cap` (or, from a stream, in
    /// `NHNCLOUD_HEADER_STREAM_MESSAGE_CAP`): `message` holds its longest
    /// prefix that ends on a character boundary.
    pub message_truncated: bool,
    /// Bytes written to `message`, the terminating NUL excluded. The text
    /// may itself hold a NUL (from `\u0000`): trust this, not `strlen`.
    pub message_len: usize,
}

/// Why a body was rejected, and where.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct nhncloud_header_error {
    /// The same value the call returned.
    pub kind: nhncloud_header_result,
    /// Which header field is at fault: one of the `NHNCLOUD_HEADER_FIELD_`
    /// values.
    pub field: u32,
    /// The byte offset from the start of the body (of the whole stream) at
    /// which the problem is certain; 0 for `NULL_ARGUMENT`.
    pub offset: usize,
}

const CLEARED_HEADER: nhncloud_header = nhncloud_header {
    is_successful: false,
    result_code: 0,
    code_is_text: false,
    code_len: 0,
    code_text: [0; NHNCLOUD_HEADER_CODE_CAP],
    has_message: false,
    message_truncated: false,
    message_len: 0,
};

/// `pointer` as a reference, or `None` if it is NULL or misaligned (a
/// packed struct's member, say: refused rather than faulting).
///
/// # Safety
/// A non-NULL, aligned `pointer` is valid for reads and writes of a `T`
/// that nothing else accesses while the reference lives.
unsafe fn writable<'a, T>(pointer: *mut T) -> Option<&'a mut T> {
    if pointer.is_aligned() {
        // SAFETY: `as_mut` checks for NULL; the rest is the caller's contract.
        unsafe { pointer.as_mut() }
    } else {
        None
    }
}

/// Writes `error` through `out` (unless it is NULL or misaligned) and
/// returns its kind.
///
/// # Safety
/// As for [`writable`].
unsafe fn report(
    out: *mut nhncloud_header_error,
    error: nhncloud_header_error,
) -> nhncloud_header_result {
    // SAFETY: the caller's contract.
    if let Some(out) = unsafe { writable(out) } {
        *out = error;
    }
    error.kind
}

/// Reports a bad argument.
///
/// # Safety
/// As for [`writable`].
unsafe fn bad_argument(out: *mut nhncloud_header_error) -> nhncloud_header_result {
    let error = nhncloud_header_error {
        kind: NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
        field: NHNCLOUD_HEADER_FIELD_NONE,
        offset: 0,
    };
    // SAFETY: the caller's contract.
    unsafe { report(out, error) }
}

/// Why a call failed: the parser's error, or a string code that does not
/// fit `code_text` (with the offset of its opening quote).
enum Failure {
    Parser(Error),
    CodeTooLong(usize),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Parser(error)
    }
}

/// Reports a failure, or a cleared error on success.
///
/// # Safety
/// As for [`writable`].
unsafe fn outcome(
    out: *mut nhncloud_header_error,
    result: Result<(), Failure>,
) -> nhncloud_header_result {
    let error = match result {
        Ok(()) => nhncloud_header_error {
            kind: NHNCLOUD_HEADER_RESULT_OK,
            field: NHNCLOUD_HEADER_FIELD_NONE,
            offset: 0,
        },
        Err(Failure::Parser(error)) => nhncloud_header_error {
            kind: error.kind() as u32 + 1,
            field: error
                .field()
                .map_or(NHNCLOUD_HEADER_FIELD_NONE, |field| field as u32 + 1),
            offset: error.offset(),
        },
        Err(Failure::CodeTooLong(offset)) => nhncloud_header_error {
            kind: NHNCLOUD_HEADER_RESULT_CODE_TOO_LONG,
            field: NHNCLOUD_HEADER_FIELD_RESULT_CODE,
            offset,
        },
    };
    // SAFETY: the caller's contract.
    unsafe { report(out, error) }
}

/// A span of the caller's memory, by address: what the argument checks
/// compare before any reference to it exists.
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    len: usize,
}

impl Span {
    fn of<T>(pointer: *const T, len: usize) -> Self {
        Span {
            start: pointer as usize,
            len,
        }
    }

    /// The `T` at `pointer`.
    fn one<T>(pointer: *const T) -> Self {
        Span::of(pointer, size_of::<T>())
    }

    /// A NULL with a length, or a length no object can have.
    fn is_bad(self) -> bool {
        (self.start == 0 && self.len != 0) || self.len > isize::MAX as usize
    }

    fn overlaps(self, other: Span) -> bool {
        self.len != 0
            && other.len != 0
            && self.start < other.start.saturating_add(other.len)
            && other.start < self.start.saturating_add(self.len)
    }
}

/// Whether any two of `spans` share a byte: such arguments are refused
/// with nothing written, since writing one would change another.
fn any_overlap(spans: &[Span]) -> bool {
    spans
        .iter()
        .enumerate()
        .any(|(i, a)| spans.iter().skip(i + 1).any(|b| a.overlaps(*b)))
}

/// The `len` bytes at `data` (empty when `len` is 0).
///
/// # Safety
/// Their span passed the checks (not [`Span::is_bad`]); they are valid for
/// reads, and nothing writes to them while the slice lives.
unsafe fn input<'a>(data: *const c_char, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        // SAFETY: the caller's contract.
        unsafe { core::slice::from_raw_parts(data.cast::<u8>(), len) }
    }
}

/// The caller's message buffer (empty when `cap` is 0).
///
/// # Safety
/// The span passed the checks; its bytes are valid for writes and nothing
/// else accesses them while the slice lives.
unsafe fn message_buffer<'a>(message: *mut c_char, cap: usize) -> &'a mut [u8] {
    if cap == 0 {
        &mut []
    } else {
        // SAFETY: the caller's contract.
        unsafe { core::slice::from_raw_parts_mut(message.cast::<u8>(), cap) }
    }
}

/// Decodes `chars` into `buffer` (bytes, or C `char`s), NUL-terminated:
/// as many whole characters as fit before the NUL. Returns the length and
/// whether some did not fit.
fn decode_into<T: Copy>(
    chars: impl Iterator<Item = char>,
    buffer: &mut [T],
    from: fn(u8) -> T,
) -> (usize, bool) {
    let room = buffer.len().saturating_sub(1);
    let mut len = 0;
    let mut truncated = false;
    for ch in chars {
        let mut utf8 = [0; 4];
        let encoded = ch.encode_utf8(&mut utf8).as_bytes();
        if room - len < encoded.len() {
            truncated = true;
            break;
        }
        for &byte in encoded {
            if let Some(slot) = buffer.get_mut(len) {
                *slot = from(byte);
            }
            len += 1;
        }
    }
    if let Some(nul) = buffer.get_mut(len) {
        *nul = from(0);
    }
    (len, truncated)
}

/// A string code that does not fit `code_text`.
struct CodeTooLong;

/// Fills in `out` (a string code into its `code_text`, which it must fit
/// whole) and decodes the message into `buffer`, NUL-terminated: as many
/// whole characters as fit before the NUL.
fn fill(
    out: &mut nhncloud_header,
    is_successful: bool,
    result_code: ResultCode<impl Iterator<Item = char>>,
    message: Option<impl Iterator<Item = char>>,
    already_truncated: bool,
    buffer: &mut [u8],
) -> Result<(), CodeTooLong> {
    *out = CLEARED_HEADER;
    match result_code {
        ResultCode::Integer(code) => out.result_code = code,
        ResultCode::Text(chars) => {
            let (len, truncated) = decode_into(chars, &mut out.code_text, |byte| byte as c_char);
            if truncated {
                *out = CLEARED_HEADER;
                return Err(CodeTooLong);
            }
            out.code_is_text = true;
            out.code_len = len;
        }
    }
    out.is_successful = is_successful;
    if let Some(chars) = message {
        out.has_message = true;
        let (len, truncated) = decode_into(chars, buffer, |byte| byte);
        out.message_len = len;
        out.message_truncated = truncated || already_truncated;
    } else {
        decode_into(core::iter::empty(), buffer, |byte| byte);
        out.message_truncated = already_truncated;
    }
    Ok(())
}

#[cfg(feature = "panic-handler")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // Unreachable: no exported function has a panic path left after LTO
    // (.ci/run checks the release library's symbols).
    loop {}
}
