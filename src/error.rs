//! The error type shared by every parser in the crate.

use core::fmt;

/// What went wrong, without where. See [`Error`] for the position.
///
/// Each kind has a stable snake_case [`name`](ErrorKind::name) that tools may
/// match on. New kinds may be added in minor releases.
///
/// ```
/// use nhncloud_header::ErrorKind;
///
/// let error = nhncloud_header::parse(b"{\"header\": 1}").unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::WrongType);
/// assert_eq!(error.kind().name(), "wrong_type");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The body holds no JSON value: it is empty or only whitespace.
    Empty,
    /// The top-level value is a valid JSON value start, but not an object.
    NotAnObject,
    /// A byte that cannot appear here in a JSON text.
    UnexpectedByte,
    /// The body ends inside the JSON text.
    UnexpectedEnd,
    /// A number that violates the JSON number grammar (`01`, `-`, `1.`, `1e+`).
    InvalidNumber,
    /// A backslash escape that JSON does not define, or a bad `\u` hex digit.
    InvalidEscape,
    /// A `\u` escape of a UTF-16 surrogate without its other half.
    LoneSurrogate,
    /// A raw byte below 0x20 inside a string.
    ControlCharacter,
    /// Bytes inside a string that are not UTF-8 (overlong forms and encoded
    /// surrogates included).
    InvalidUtf8,
    /// Arrays and objects nested deeper than the configured maximum.
    DepthLimit,
    /// Something other than whitespace after the top-level object
    /// (only [`parse`](crate::parse) looks there).
    TrailingCharacters,
    /// The top-level object has no `header` member.
    MissingHeader,
    /// The header lacks a field; [`Error::field`] says which.
    MissingField,
    /// A second top-level `header`, or a repeated field inside the header.
    DuplicateKey,
    /// The header is not an object, or one of its fields has the wrong JSON
    /// type (`resultCode` may be a number or a string).
    WrongType,
    /// `resultCode` is a valid JSON number but not an integer within `i32`.
    InvalidResultCode,
    /// A string `resultCode` longer than the room a fixed-memory reader has
    /// for it (the streaming parser's `N` bytes). Never from the one-shot
    /// functions, which borrow it from the body.
    CodeTooLong,
}

impl ErrorKind {
    /// Every kind, in declaration order (the order C callers number them
    /// in, from 1).
    pub const ALL: [ErrorKind; 17] = [
        ErrorKind::Empty,
        ErrorKind::NotAnObject,
        ErrorKind::UnexpectedByte,
        ErrorKind::UnexpectedEnd,
        ErrorKind::InvalidNumber,
        ErrorKind::InvalidEscape,
        ErrorKind::LoneSurrogate,
        ErrorKind::ControlCharacter,
        ErrorKind::InvalidUtf8,
        ErrorKind::DepthLimit,
        ErrorKind::TrailingCharacters,
        ErrorKind::MissingHeader,
        ErrorKind::MissingField,
        ErrorKind::DuplicateKey,
        ErrorKind::WrongType,
        ErrorKind::InvalidResultCode,
        ErrorKind::CodeTooLong,
    ];

    /// The stable snake_case name of this kind, e.g. `"invalid_escape"`.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::NotAnObject => "not_an_object",
            ErrorKind::UnexpectedByte => "unexpected_byte",
            ErrorKind::UnexpectedEnd => "unexpected_end",
            ErrorKind::InvalidNumber => "invalid_number",
            ErrorKind::InvalidEscape => "invalid_escape",
            ErrorKind::LoneSurrogate => "lone_surrogate",
            ErrorKind::ControlCharacter => "control_character",
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::DepthLimit => "depth_limit",
            ErrorKind::TrailingCharacters => "trailing_characters",
            ErrorKind::MissingHeader => "missing_header",
            ErrorKind::MissingField => "missing_field",
            ErrorKind::DuplicateKey => "duplicate_key",
            ErrorKind::WrongType => "wrong_type",
            ErrorKind::InvalidResultCode => "invalid_result_code",
            ErrorKind::CodeTooLong => "code_too_long",
        }
    }

    /// A short English description, used by `Display`.
    pub const fn description(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty body",
            ErrorKind::NotAnObject => "top-level value is not an object",
            ErrorKind::UnexpectedByte => "unexpected byte",
            ErrorKind::UnexpectedEnd => "unexpected end of input",
            ErrorKind::InvalidNumber => "invalid number",
            ErrorKind::InvalidEscape => "invalid escape",
            ErrorKind::LoneSurrogate => "lone surrogate",
            ErrorKind::ControlCharacter => "control character in string",
            ErrorKind::InvalidUtf8 => "invalid UTF-8",
            ErrorKind::DepthLimit => "nesting too deep",
            ErrorKind::TrailingCharacters => "trailing characters",
            ErrorKind::MissingHeader => "missing header",
            ErrorKind::MissingField => "missing field",
            ErrorKind::DuplicateKey => "duplicate key",
            ErrorKind::WrongType => "wrong type",
            ErrorKind::InvalidResultCode => "resultCode is not an i32 integer",
            ErrorKind::CodeTooLong => "string resultCode longer than the room for it",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One of the three header fields.
///
/// ```
/// use nhncloud_header::Field;
///
/// let body = br#"{"header":{"isSuccessful":true,"resultCode":0}}"#;
/// let error = nhncloud_header::parse(body).unwrap_err();
/// assert_eq!(error.field(), Some(Field::ResultMessage));
/// assert_eq!(Field::ResultMessage.key(), "resultMessage");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `isSuccessful`
    IsSuccessful,
    /// `resultCode`
    ResultCode,
    /// `resultMessage`
    ResultMessage,
}

impl Field {
    /// The three fields, in the order the documentation lists them.
    pub const ALL: [Field; 3] = [Field::IsSuccessful, Field::ResultCode, Field::ResultMessage];

    /// The field's JSON key, e.g. `"resultCode"`.
    pub const fn key(self) -> &'static str {
        match self {
            Field::IsSuccessful => "isSuccessful",
            Field::ResultCode => "resultCode",
            Field::ResultMessage => "resultMessage",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Why a body was rejected, and the byte offset where that was found.
///
/// The offset counts from the first byte of the body (of the whole stream,
/// for the streaming parser). It is the first byte at which the problem is
/// certain: the offending byte for syntax errors, the end of the input for
/// [`UnexpectedEnd`](ErrorKind::UnexpectedEnd) and
/// [`Empty`](ErrorKind::Empty), the opening quote of a duplicate key, the
/// first byte of a value of the wrong type or of an invalid `resultCode`, and
/// the closing `}` of an object that lacks the header or a field.
///
/// ```
/// use nhncloud_header::{ErrorKind, Field};
///
/// let body = br#"{"header":{"isSuccessful":"yes","resultCode":0,"resultMessage":null}}"#;
/// let error = nhncloud_header::parse(body).unwrap_err();
/// assert_eq!((error.kind(), error.field(), error.offset()), (ErrorKind::WrongType, Some(Field::IsSuccessful), 26));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Error {
    kind: ErrorKind,
    field: Option<Field>,
    offset: usize,
}

impl Error {
    pub(crate) const fn new(kind: ErrorKind, field: Option<Field>, offset: usize) -> Self {
        Error {
            kind,
            field,
            offset,
        }
    }

    /// What went wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Byte offset into the body where the problem was found.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The header field concerned, for
    /// [`MissingField`](ErrorKind::MissingField) (always), and for
    /// [`DuplicateKey`](ErrorKind::DuplicateKey),
    /// [`WrongType`](ErrorKind::WrongType) and
    /// [`InvalidResultCode`](ErrorKind::InvalidResultCode) when a field is at
    /// fault rather than the header itself.
    pub const fn field(&self) -> Option<Field> {
        self.field
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.description())?;
        if let Some(field) = self.field {
            write!(f, " `{}`", field.key())?;
        }
        write!(f, " at byte {}", self.offset)
    }
}

impl core::error::Error for Error {}
