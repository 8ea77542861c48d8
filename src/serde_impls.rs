//! `serde` support (feature `serde`): the header inside users' own types.
//!
//! `Deserialize` applies the rules `parse` applies to the header: a boolean,
//! an `i32` integer or a string code, a string or `null` message, each field
//! exactly once, other members skipped. It never allocates.
//!
//! [`OwnedHeader`] is the type for serde_json: it decodes both strings into
//! its room, whatever their escapes, and reads an integer or a string code
//! (through `deserialize_any`, which serde-json-core does not support).
//! [`Header`] borrows, and is the type for serde-json-core: a borrowed
//! string from a deserializer is taken as raw JSON string contents
//! (serde-json-core without an unescape buffer lends them with their
//! escapes still in, which [`Message`] decodes on demand); one the
//! deserializer had to decode into a temporary buffer (serde_json, for any
//! string with an escape) cannot be borrowed, and is an error that says so.
//! It asks for an integer code (serde-json-core cannot tell a string from a
//! number without `deserialize_any`).

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::catalog::{Codes, Entry};
use crate::compute::{Api, Class, Remedy};
use crate::error::ErrorKind;
use crate::grammar::string::skip_string;
use crate::header::{Header, OwnedHeader, ResultCode, Room};
use crate::meaning::Meaning;
use crate::message::Message;
use crate::room::Text;
use crate::service::Service;
use crate::vocabulary::{Advice, Category};

const FIELDS: &[&str] = &["isSuccessful", "resultCode", "resultMessage"];

/// What the borrowed-header error says, so that users find the way out.
const CANNOT_BORROW: &str = "the header has a string with escapes that this deserializer \
    decodes into a temporary buffer, so it cannot be borrowed: deserialize an OwnedHeader<N> instead";

macro_rules! serialize_as_name {
    ($($type:ty),*) => {$(
        /// Serialized as its stable snake_case name.
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }
    )*};
}
serialize_as_name!(Class, Api, Remedy, ErrorKind, Service, Category, Advice);

/// Deserialized from its stable name, e.g. a gateway's configuration naming
/// the service behind a route.
macro_rules! deserialize_from_name {
    ($($type:ty => $expecting:literal),*) => {$(
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct NameVisitor;
                impl Visitor<'_> for NameVisitor {
                    type Value = $type;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: de::Error>(self, name: &str) -> Result<$type, E> {
                        <$type>::from_name(name)
                            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(name), &self))
                    }
                }
                deserializer.deserialize_str(NameVisitor)
            }
        }
    )*};
}
deserialize_from_name!(
    Service => "a service name such as \"notification-hub\"",
    Category => "a category name such as \"not_found\"",
    Advice => "an advice name such as \"retry_later\""
);

/// A table row with its category's and advice's names and whether a retry
/// can help: `{"first":40402,"last":40402,"isSuccessful":false,
/// "category":"not_found","advice":"fix_request","retryable":false,
/// "message":"...","description":null}`; a string code is `"code":"..."`
/// instead of `first` and `last`.
impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entry = serializer.serialize_struct("Entry", 8)?;
        match self.codes() {
            Codes::Integers { first, last } => {
                entry.serialize_field("first", &first)?;
                entry.serialize_field("last", &last)?;
            }
            Codes::Text(code) => entry.serialize_field("code", code)?,
        }
        entry.serialize_field("isSuccessful", &self.is_successful())?;
        entry.serialize_field("category", &self.category())?;
        entry.serialize_field("advice", &self.advice())?;
        entry.serialize_field("retryable", &self.advice().retryable())?;
        entry.serialize_field("message", self.message())?;
        entry.serialize_field("description", &self.description())?;
        entry.end()
    }
}

/// `{"known":true,"category":"not_found","advice":"fix_request",
/// "retryable":false,"consistent":true,"description":"..."}`: the keys of
/// the command-line tool's `--json` lines (`description` is
/// [`Meaning::table_text`]).
impl Serialize for Meaning {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut meaning = serializer.serialize_struct("Meaning", 6)?;
        meaning.serialize_field("known", &self.known)?;
        meaning.serialize_field("category", &self.category)?;
        meaning.serialize_field("advice", &self.advice)?;
        meaning.serialize_field("retryable", &self.retryable())?;
        meaning.serialize_field("consistent", &self.consistent)?;
        meaning.serialize_field("description", &self.table_text())?;
        meaning.end()
    }
}

/// The integer as a JSON number, a string code as a string.
impl<T: Serialize> Serialize for ResultCode<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ResultCode::Integer(code) => serializer.serialize_i32(*code),
            ResultCode::Text(text) => text.serialize(serializer),
        }
    }
}

/// A header field name, or any other member.
enum Key {
    IsSuccessful,
    ResultCode,
    ResultMessage,
    Other,
}

impl Key {
    fn of(name: &str) -> Key {
        match name {
            "isSuccessful" => Key::IsSuccessful,
            "resultCode" => Key::ResultCode,
            "resultMessage" => Key::ResultMessage,
            _ => Key::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a header field name")
            }
            // Borrowed: raw JSON contents (serde-json-core keeps escapes), so
            // `"is\u0053uccessful"` is compared decoded, as `parse` does.
            fn visit_borrowed_str<E: de::Error>(self, raw: &'de str) -> Result<Key, E> {
                if !raw.contains('\\') {
                    return Ok(Key::of(raw));
                }
                let Some(message) = Message::from_json_contents(raw.as_bytes()) else {
                    return Ok(Key::Other);
                };
                let names = ["isSuccessful", "resultCode", "resultMessage"];
                let decoded = names.into_iter().find(|name| message == *name);
                Ok(decoded.map_or(Key::Other, Key::of))
            }
            // Transient: already decoded by the deserializer.
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(Key::of(key))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// `resultCode` of a borrowed header: an integer within `i32`, or (from
/// a deserializer that lends it) a string.
struct BorrowedCode<'a>(ResultCode<Message<'a>>);

/// The integer visits shared by both code readers.
macro_rules! integer_code_visits {
    ($value:ty, $wrap:expr) => {
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<$value, E> {
            i32::try_from(value)
                .map($wrap)
                .map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
        }
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<$value, E> {
            i32::try_from(value)
                .map($wrap)
                .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
        }
        // serde_json hands `-0` over as the float -0.0 (and so `-0.0`
        // too, which `parse` would reject: they cannot be told apart).
        fn visit_f64<E: de::Error>(self, value: f64) -> Result<$value, E> {
            if value == 0.0 && value.is_sign_negative() {
                Ok($wrap(0))
            } else {
                Err(E::invalid_type(de::Unexpected::Float(value), &self))
            }
        }
        // serde_json with `arbitrary_precision` hands a number to
        // `deserialize_any` as a map of one private key to its text.
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$value, A::Error> {
            let number = match map.next_key::<NumberKey>()? {
                Some(NumberKey) => map.next_value::<NumberText>()?.0,
                None => return Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
            };
            if map.next_key::<IgnoredAny>()?.is_some() {
                return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
            }
            let code = crate::grammar::number::result_code_of(number.as_bytes())
                .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&number), &self))?;
            Ok($wrap(code))
        }
    };
}

/// The key serde_json's `arbitrary_precision` wraps a number's text in.
struct NumberKey;

impl<'de> Deserialize<'de> for NumberKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = NumberKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("serde_json's number token")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<NumberKey, E> {
                if key == "$serde_json::private::Number" {
                    Ok(NumberKey)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(key), &self))
                }
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// A number's text, as `arbitrary_precision` hands it over: at most the
/// digits of an `i32`, or it is not one.
struct NumberText(heapless::String<12>);

impl<'de> Deserialize<'de> for NumberText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = NumberText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer within i32")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<NumberText, E> {
                heapless::String::try_from(text)
                    .map(NumberText)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(text), &self))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for BorrowedCode<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for CodeVisitor<'a> {
            type Value = BorrowedCode<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer within i32, or a string")
            }
            integer_code_visits!(BorrowedCode<'a>, |code| BorrowedCode(ResultCode::Integer(
                code
            )));
            fn visit_borrowed_str<E: de::Error>(
                self,
                raw: &'de str,
            ) -> Result<BorrowedCode<'a>, E> {
                let text = Message::from_json_contents(raw.as_bytes()).ok_or_else(|| {
                    E::invalid_value(de::Unexpected::Str(raw), &"JSON string contents")
                })?;
                Ok(BorrowedCode(ResultCode::Text(text)))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<BorrowedCode<'a>, E> {
                Err(E::custom(CANNOT_BORROW))
            }
        }
        // serde-json-core, the borrowed header's deserializer, has no
        // `deserialize_any`: an integer is asked for, and a string is taken
        // from a deserializer that offers one anyway.
        deserializer.deserialize_i32(CodeVisitor(PhantomData))
    }
}

/// A string of an owned header, decoded into its room.
struct IntoRoom<'r, const N: usize> {
    room: &'r mut Room<N>,
    text: Text,
}

impl<const N: usize> IntoRoom<'_, N> {
    /// Decodes `chars`; an error when a code does not fit.
    fn take<E: de::Error>(self, chars: impl Iterator<Item = char>) -> Result<bool, E> {
        if self.room.take(self.text, chars) {
            Ok(true)
        } else {
            Err(E::custom(format_args!(
                "a string resultCode longer than the {N} bytes of the header's room"
            )))
        }
    }

    fn take_raw<E: de::Error>(self, raw: &str) -> Result<bool, E> {
        let message = Message::from_json_contents(raw.as_bytes())
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(raw), &"JSON string contents"))?;
        self.take(message.chars())
    }
}

/// `resultMessage` of an owned header: `null` (`false`), or a string
/// decoded into the room (`true`).
impl<'de, const N: usize> de::DeserializeSeed<'de> for IntoRoom<'_, N> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_option(self)
    }
}

/// `resultCode` of an owned header: an integer (returned), or a string
/// decoded into the room.
struct CodeIntoRoom<'r, const N: usize>(IntoRoom<'r, N>);

impl<'de, const N: usize> de::DeserializeSeed<'de> for CodeIntoRoom<'_, N> {
    type Value = i32;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<i32, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Message<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MessageVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for MessageVisitor<'a> {
            type Value = Message<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string borrowed from the input")
            }
            fn visit_borrowed_str<E: de::Error>(self, raw: &'de str) -> Result<Message<'a>, E> {
                Message::from_json_contents(raw.as_bytes()).ok_or_else(|| {
                    E::invalid_value(de::Unexpected::Str(raw), &"JSON string contents")
                })
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Message<'a>, E> {
                Err(E::custom(CANNOT_BORROW))
            }
        }
        deserializer.deserialize_str(MessageVisitor(PhantomData))
    }
}

impl<'de, const N: usize> Visitor<'de> for IntoRoom<'_, N> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
    // Borrowed: raw JSON contents, whose escapes (if any) are decoded here.
    fn visit_borrowed_str<E: de::Error>(self, raw: &'de str) -> Result<bool, E> {
        self.take_raw(raw)
    }
    // Transient: already decoded by the deserializer.
    fn visit_str<E: de::Error>(self, text: &str) -> Result<bool, E> {
        self.take(text.chars())
    }
}

impl<'de, const N: usize> Visitor<'de> for CodeIntoRoom<'_, N> {
    type Value = i32;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer within i32, or a string")
    }
    integer_code_visits!(i32, |code| code);
    fn visit_borrowed_str<E: de::Error>(self, raw: &'de str) -> Result<i32, E> {
        self.0.take_raw(raw).map(|_| 0)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<i32, E> {
        self.0.take(text.chars()).map(|_| 0)
    }
}

/// Where a header's fields go as the visitor reads them.
trait Fields<'de>: Sized {
    type Header;
    /// Reads `resultCode`'s value.
    fn code<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>;
    /// Reads `resultMessage`'s value.
    fn message<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>;
    fn finish(self, is_successful: bool) -> Self::Header;
}

/// A borrowed header's fields.
struct Borrowed<'a> {
    code: ResultCode<Message<'a>>,
    message: Option<Message<'a>>,
}

impl<'de: 'a, 'a> Fields<'de> for Borrowed<'a> {
    type Header = Header<'a>;
    fn code<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        self.code = map.next_value::<BorrowedCode<'a>>()?.0;
        Ok(())
    }
    fn message<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        self.message = map.next_value()?;
        Ok(())
    }
    fn finish(self, is_successful: bool) -> Header<'a> {
        Header {
            is_successful,
            result_code: self.code,
            result_message: self.message,
        }
    }
}

impl<'de, const N: usize> Fields<'de> for OwnedHeader<N> {
    type Header = OwnedHeader<N>;
    fn code<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        let seed = CodeIntoRoom(IntoRoom {
            room: self.room_mut(),
            text: Text::Code,
        });
        let code = map.next_value_seed(seed)?;
        let is_successful = self.is_successful();
        self.set_fields(is_successful, code);
        Ok(())
    }
    fn message<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        let seed = IntoRoom {
            room: self.room_mut(),
            text: Text::Message,
        };
        if !map.next_value_seed(seed)? {
            self.room_mut().set_null_message();
        }
        Ok(())
    }
    fn finish(mut self, is_successful: bool) -> OwnedHeader<N> {
        let code = self.result_code().integer().unwrap_or(0);
        self.set_fields(is_successful, code);
        self
    }
}

/// Reads a header object's members into `F`.
struct HeaderVisitor<F>(F);

impl<'de, F: Fields<'de>> Visitor<'de> for HeaderVisitor<F> {
    type Value = F::Header;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an NHN Cloud header object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<F::Header, A::Error> {
        let mut fields = self.0;
        let (mut is_successful, mut code_seen, mut message_seen) = (None, false, false);
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::IsSuccessful if is_successful.is_some() => {
                    return Err(de::Error::duplicate_field(FIELDS[0]));
                }
                Key::IsSuccessful => is_successful = Some(map.next_value::<bool>()?),
                Key::ResultCode if code_seen => {
                    return Err(de::Error::duplicate_field(FIELDS[1]));
                }
                Key::ResultCode => {
                    fields.code(&mut map)?;
                    code_seen = true;
                }
                Key::ResultMessage if message_seen => {
                    return Err(de::Error::duplicate_field(FIELDS[2]));
                }
                Key::ResultMessage => {
                    fields.message(&mut map)?;
                    message_seen = true;
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let is_successful = is_successful.ok_or_else(|| de::Error::missing_field(FIELDS[0]))?;
        if !code_seen {
            return Err(de::Error::missing_field(FIELDS[1]));
        }
        if !message_seen {
            return Err(de::Error::missing_field(FIELDS[2]));
        }
        Ok(fields.finish(is_successful))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Header<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = Borrowed {
            code: ResultCode::Integer(0),
            message: None,
        };
        deserializer.deserialize_struct("Header", FIELDS, HeaderVisitor(fields))
    }
}

impl<'de, const N: usize> Deserialize<'de> for OwnedHeader<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = OwnedHeader::new(false, 0);
        deserializer.deserialize_struct("Header", FIELDS, HeaderVisitor(fields))
    }
}

/// The decoded text, without a buffer: as it stands when there is nothing
/// to decode, streamed through `collect_str` otherwise.
impl Serialize for Message<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_str() {
            Some(text) => serializer.serialize_str(text),
            None => serializer.collect_str(self),
        }
    }
}

/// NHN's camelCase keys, the message decoded.
impl Serialize for Header<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut header = serializer.serialize_struct("Header", 3)?;
        header.serialize_field(FIELDS[0], &self.is_successful)?;
        header.serialize_field(FIELDS[1], &self.result_code)?;
        header.serialize_field(FIELDS[2], &self.result_message)?;
        header.end()
    }
}

/// As [`Header`], plus `"messageTruncated": true` when the message was cut.
/// That key is information for readers: `Deserialize` skips it, as `parse`
/// skips any member the header does not define.
impl<const N: usize> Serialize for OwnedHeader<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut header =
            serializer.serialize_struct("Header", 3 + self.message_truncated() as usize)?;
        header.serialize_field(FIELDS[0], &self.is_successful())?;
        header.serialize_field(FIELDS[1], &self.result_code())?;
        header.serialize_field(FIELDS[2], &self.result_message())?;
        if self.message_truncated() {
            header.serialize_field("messageTruncated", &true)?;
        }
        header.end()
    }
}

impl<'a> Message<'a> {
    /// The contents of a JSON string, between its quotes, when they are
    /// valid as such: UTF-8, no raw control characters or quotes, only
    /// JSON's escapes with surrogates paired.
    fn from_json_contents(raw: &'a [u8]) -> Option<Self> {
        (skip_string(raw, 0) == raw.len()).then_some(Message::from_validated(raw))
    }
}
