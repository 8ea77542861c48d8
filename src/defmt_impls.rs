//! `defmt::Format` (feature `defmt`) for logging on microcontrollers. Types
//! with a name print it (`api_error`, `invalid_escape`), an error prints as
//! its `Display` does, and a message prints decoded. The rest derive it.

use defmt::{Format, Formatter, write};

use crate::compute::{Api, Class, Remedy};
use crate::error::{Error, ErrorKind, Field};
use crate::message::{Message, Piece};
use crate::service::Service;
use crate::stream::StreamParser;
use crate::vocabulary::{Advice, Category};

macro_rules! format_as_name {
    ($($type:ty => $name:ident),*) => {$(
        impl Format for $type {
            fn format(&self, f: Formatter<'_>) {
                write!(f, "{=str}", self.$name())
            }
        }
    )*};
}
format_as_name!(
    Class => name,
    Api => name,
    Remedy => name,
    ErrorKind => name,
    Field => key,
    Service => name,
    Category => name,
    Advice => name
);

/// `invalid escape at byte 57`, as `Display`.
impl Format for Error {
    fn format(&self, f: Formatter<'_>) {
        write!(f, "{=str}", self.kind().description());
        if let Some(field) = self.field() {
            write!(f, " `{=str}`", field.key());
        }
        write!(f, " at byte {=usize}", self.offset());
    }
}

/// The decoded text.
impl Format for Message<'_> {
    fn format(&self, f: Formatter<'_>) {
        for piece in self.pieces() {
            match piece {
                Piece::Text(text) => write!(f, "{=str}", text),
                Piece::Char(ch) => write!(f, "{=char}", ch),
            }
        }
    }
}

/// Where it stands: bytes read so far, and the message decoded so far.
impl<const N: usize> Format for StreamParser<N> {
    fn format(&self, f: Formatter<'_>) {
        write!(
            f,
            "StreamParser {{ offset: {=usize}, message: {=str} }}",
            self.offset(),
            self.message_so_far()
        );
    }
}
