//! `serde` support (feature `serde`): the header inside users' own types.
//!
//! `Deserialize` applies the rules `parse` applies to the header: a boolean,
//! an `i32` integer, a string or `null`, each field exactly once, other
//! members skipped. It never allocates.
//!
//! A borrowed string from a deserializer is taken as raw JSON string
//! contents: serde_json lends only strings without escapes, and
//! serde-json-core (without an unescape buffer) lends them with their escapes
//! still in, which [`Message`] decodes on demand. A string the deserializer
//! had to decode into a temporary buffer cannot be borrowed: a [`Header`]
//! then fails with an error that says so, and an [`OwnedHeader`] (whose
//! message is a `heapless::String<N>`) takes it in every case.

use core::fmt;
use core::marker::PhantomData;

use heapless::String;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::compute::{Api, Class, Remedy};
use crate::error::ErrorKind;
use crate::grammar::string::skip_string;
use crate::header::{Header, OwnedHeader};
use crate::message::Message;
use crate::service::{Category, Entry, Service};

const FIELDS: &[&str] = &["isSuccessful", "resultCode", "resultMessage"];

/// What the borrowed-header error says, so that users find the way out.
const CANNOT_BORROW: &str = "resultMessage has escapes that this deserializer decodes into a \
    temporary buffer, so it cannot be borrowed: deserialize an OwnedHeader<N> instead";

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
serialize_as_name!(Class, Api, Remedy, ErrorKind, Service, Category);

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
    Category => "a category name such as \"not_found\""
);

/// A table row with its category's name and whether it is retryable:
/// `{"first":40402,"last":40402,"isSuccessful":false,"category":"not_found",
/// "retryable":false,"message":"...","description":null}`.
impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entry = serializer.serialize_struct("Entry", 7)?;
        entry.serialize_field("first", &self.first)?;
        entry.serialize_field("last", &self.last)?;
        entry.serialize_field("isSuccessful", &self.is_successful)?;
        entry.serialize_field("category", &self.category)?;
        entry.serialize_field("retryable", &self.category.retryable())?;
        entry.serialize_field("message", self.message)?;
        entry.serialize_field("description", &self.description)?;
        entry.end()
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

/// `resultCode`: an integer within `i32`.
struct ResultCode(i32);

impl<'de> Deserialize<'de> for ResultCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;
        impl Visitor<'_> for CodeVisitor {
            type Value = ResultCode;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer within i32")
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<ResultCode, E> {
                i32::try_from(value)
                    .map(ResultCode)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<ResultCode, E> {
                i32::try_from(value)
                    .map(ResultCode)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
            }
            // serde_json hands `-0` over as the float -0.0 (and so `-0.0`
            // too, which `parse` would reject: they cannot be told apart).
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<ResultCode, E> {
                if value == 0.0 && value.is_sign_negative() {
                    Ok(ResultCode(0))
                } else {
                    Err(E::invalid_type(de::Unexpected::Float(value), &self))
                }
            }
        }
        deserializer.deserialize_i32(CodeVisitor)
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

/// A message decoded into `N` bytes, cut on a character boundary.
struct OwnedMessage<const N: usize> {
    text: String<N>,
    truncated: bool,
}

impl<const N: usize> OwnedMessage<N> {
    fn from_chars(chars: impl Iterator<Item = char>) -> Self {
        let mut text = String::new();
        for ch in chars {
            if text.push(ch).is_err() {
                return OwnedMessage {
                    text,
                    truncated: true,
                };
            }
        }
        OwnedMessage {
            text,
            truncated: false,
        }
    }
}

impl<'de, const N: usize> Deserialize<'de> for OwnedMessage<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OwnedVisitor<const N: usize>;
        impl<'de, const N: usize> Visitor<'de> for OwnedVisitor<N> {
            type Value = OwnedMessage<N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            // Borrowed: raw JSON contents, whose escapes (if any) are decoded here.
            fn visit_borrowed_str<E: de::Error>(self, raw: &'de str) -> Result<OwnedMessage<N>, E> {
                let message = Message::from_json_contents(raw.as_bytes()).ok_or_else(|| {
                    E::invalid_value(de::Unexpected::Str(raw), &"JSON string contents")
                })?;
                Ok(OwnedMessage::from_chars(message.chars()))
            }
            // Transient: already decoded by the deserializer.
            fn visit_str<E: de::Error>(self, text: &str) -> Result<OwnedMessage<N>, E> {
                Ok(OwnedMessage::from_chars(text.chars()))
            }
        }
        deserializer.deserialize_str(OwnedVisitor)
    }
}

/// The three fields, however the message is held.
struct Fields<M> {
    is_successful: bool,
    result_code: i32,
    result_message: Option<M>,
}

/// Reads a header object's members; `M` is how the message is held.
struct HeaderVisitor<M>(PhantomData<M>);

impl<'de, M: Deserialize<'de>> Visitor<'de> for HeaderVisitor<M> {
    type Value = Fields<M>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an NHN Cloud header object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<M>, A::Error> {
        let (mut is_successful, mut result_code, mut result_message) = (None, None, None);
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::IsSuccessful if is_successful.is_some() => {
                    return Err(de::Error::duplicate_field(FIELDS[0]));
                }
                Key::IsSuccessful => is_successful = Some(map.next_value::<bool>()?),
                Key::ResultCode if result_code.is_some() => {
                    return Err(de::Error::duplicate_field(FIELDS[1]));
                }
                Key::ResultCode => result_code = Some(map.next_value::<ResultCode>()?.0),
                Key::ResultMessage if result_message.is_some() => {
                    return Err(de::Error::duplicate_field(FIELDS[2]));
                }
                Key::ResultMessage => result_message = Some(map.next_value::<Option<M>>()?),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Fields {
            is_successful: is_successful.ok_or_else(|| de::Error::missing_field(FIELDS[0]))?,
            result_code: result_code.ok_or_else(|| de::Error::missing_field(FIELDS[1]))?,
            result_message: result_message.ok_or_else(|| de::Error::missing_field(FIELDS[2]))?,
        })
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Header<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = deserializer.deserialize_struct(
            "Header",
            FIELDS,
            HeaderVisitor::<Message<'a>>(PhantomData),
        )?;
        Ok(Header {
            is_successful: fields.is_successful,
            result_code: fields.result_code,
            result_message: fields.result_message,
        })
    }
}

impl<'de, const N: usize> Deserialize<'de> for OwnedHeader<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = deserializer.deserialize_struct(
            "Header",
            FIELDS,
            HeaderVisitor::<OwnedMessage<N>>(PhantomData),
        )?;
        let (result_message, cut) = match fields.result_message {
            Some(message) => (Some(message.text), message.truncated),
            None => (None, false),
        };
        Ok(OwnedHeader {
            is_successful: fields.is_successful,
            result_code: fields.result_code,
            result_message,
            message_truncated: cut,
        })
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
            serializer.serialize_struct("Header", 3 + self.message_truncated as usize)?;
        header.serialize_field(FIELDS[0], &self.is_successful)?;
        header.serialize_field(FIELDS[1], &self.result_code)?;
        header.serialize_field(FIELDS[2], &self.result_message.as_deref())?;
        if self.message_truncated {
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
