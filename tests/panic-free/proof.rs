//! Every public function that takes input, wrapped in `#[no_panic]`: if the
//! optimizer cannot remove every panic path from one of them, this binary
//! fails to link, naming the function. Inputs come from the command line so
//! that nothing is folded away at compile time.
//!
//! `.ci/run` builds it twice: as is (the structural index on every kernel),
//! and with `--cfg nhncloud_header_small` (the byte-wise engine alone, what
//! bare-metal targets ship). `serde` and `embedded-io` are on in both.

use core::fmt;
use std::hint::black_box;

use nhncloud_header::engines::Engine;
use nhncloud_header::{
    Advice, Api, BufferTooSmall, Catalog, Category, Class, ComputeDetails, Entry, Error, ErrorKind,
    Field, Header, Meaning, Message, Mode, Options, OwnedHeader, ReadError, Remedy, ResultCode,
    Service, Status, StreamParser,
};
use no_panic::no_panic;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor, value};

// The one-shot functions, and each engine they may run.

#[no_panic]
fn parse(body: &[u8]) -> Result<Header<'_>, Error> {
    nhncloud_header::parse(body)
}

#[no_panic]
fn scan(body: &[u8]) -> Result<Header<'_>, Error> {
    nhncloud_header::scan(body)
}

#[no_panic]
fn locate(body: &[u8]) -> Result<Header<'_>, Error> {
    nhncloud_header::locate(body)
}

#[no_panic]
fn parse_with(body: &[u8], depth: u8) -> Result<Header<'_>, Error> {
    nhncloud_header::parse_with(body, Options::new().with_max_depth(depth))
}

#[no_panic]
fn scan_with(body: &[u8], depth: u8) -> Result<Header<'_>, Error> {
    nhncloud_header::scan_with(body, Options::new().with_max_depth(depth))
}

#[no_panic]
fn locate_with(body: &[u8], depth: u8) -> Result<Header<'_>, Error> {
    nhncloud_header::locate_with(body, Options::new().with_max_depth(depth))
}

/// `parse`/`scan` on one engine (the structural index on each kernel, and
/// the byte-wise one): every engine that `parse` may run is proven.
#[no_panic]
fn extract_on(engine: Engine, body: &[u8], mode: Mode) -> Option<Result<Header<'_>, Error>> {
    engine.extract(body, mode, Options::new())
}

/// `locate` on one engine: the index's walk on each kernel, and the
/// byte-wise follower.
#[no_panic]
fn locate_on(engine: Engine, body: &[u8], depth: u8) -> Option<Result<Header<'_>, Error>> {
    engine.locate(body, Options::new().with_max_depth(depth))
}

#[no_panic]
fn walk_on(engine: Engine, body: &[u8], depth: u8) -> Option<usize> {
    engine.walk(body, Mode::Parse, Options::new().with_max_depth(depth))
}

// Classification.

#[no_panic]
fn classify(code: i32) -> Class {
    nhncloud_header::classify(code)
}

#[no_panic]
fn lookup(code: i32) -> ComputeDetails {
    ComputeDetails::of(code)
}

/// Every text and mapping of a class, an API and a remedy, summed up so
/// that none is optimized away.
#[no_panic]
fn describe(class: Class, api: Option<Api>, remedy: Remedy) -> usize {
    let mut total = class.name().len()
        + class.message().map_or(0, str::len)
        + class.description().map_or(0, str::len)
        + class.description_ja().map_or(0, str::len)
        + class.remedy().name().len()
        + remedy.name().len()
        + remedy.description().len();
    if let Some(api) = api {
        total += api.name().len()
            + api.message().len()
            + api.message_ja().len()
            + api.description_ja().len()
            + api.thousand() as usize;
    }
    total
}

#[no_panic]
fn header_accessors(header: &Header<'_>) -> (Option<ComputeDetails>, Option<i32>) {
    (header.compute_details(), header.result_code.integer())
}

// The service catalogs: every lookup, over a service chosen at run time.

#[no_panic]
fn service_lookup(
    service: Service,
    code: i32,
) -> (Option<&'static Entry>, usize, Category, Advice, bool) {
    let catalog = service.catalog();
    (
        service.lookup(code),
        catalog.entries_of(code).len(),
        service.category(code),
        service.advice(code),
        catalog.is_consistent(code, code % 2 == 0),
    )
}

#[no_panic]
fn text_lookup(service: Service, code: &str) -> (usize, Option<&'static Entry>) {
    let catalog = service.catalog();
    (catalog.entries_of_text(&code).len(), catalog.lookup_text(code))
}

#[no_panic]
fn one_catalog(code: i32) -> (Option<&'static Entry>, Category, Advice) {
    (
        Catalog::NOTIFICATION_HUB.lookup(code),
        Catalog::PUSH.category(code),
        Catalog::DEPLOY.advice(code),
    )
}

#[no_panic]
fn entry_parts(entry: &Entry) -> (usize, usize, bool, Option<bool>) {
    (
        entry.message().len() + entry.message_c_str().map_or(0, |c| c.count_bytes()),
        entry.description().map_or(0, str::len)
            + entry.description_c_str().map_or(0, |c| c.count_bytes()),
        entry.agrees_with(entry.is_successful().unwrap_or(false)),
        entry.is_successful(),
    )
}

#[no_panic]
fn service_names(
    service: Service,
    category: Category,
    advice: Advice,
) -> (&'static str, &'static str, &'static str, &'static str, bool) {
    (
        service.name(),
        category.name(),
        advice.name(),
        advice.description(),
        advice.retryable() || category.advice().retryable(),
    )
}

#[no_panic]
fn header_in_service(header: &Header<'_>, service: Service) -> (Meaning, usize, Option<&'static str>) {
    let meaning = header.meaning(service);
    (meaning, header.entries_in(service).len(), meaning.table_text())
}

#[no_panic]
fn header_in_catalog(header: &Header<'_>) -> Meaning {
    header.meaning_in(&Catalog::DEPLOY)
}

#[no_panic]
fn to_owned(header: &Header<'_>) -> Result<OwnedHeader<16>, BufferTooSmall> {
    OwnedHeader::from_header(header)
}

#[no_panic]
fn owned_accessors<const N: usize>(
    header: &OwnedHeader<N>,
) -> (bool, Option<i32>, usize, Option<&str>, bool, Option<&str>, Meaning) {
    let code = header.result_code();
    (
        header.is_successful(),
        code.integer(),
        code.text().map_or(0, |text| text.len()),
        header.result_message(),
        header.message_truncated(),
        header.detail(),
        header.meaning(Service::ALL[header.result_message().map_or(0, str::len) % Service::ALL.len()]),
    )
}

// The streaming parser, for several message capacities.

#[no_panic]
fn feed<const N: usize>(parser: &mut StreamParser<N>, chunk: &[u8]) -> Result<Status, Error> {
    parser.feed(chunk)
}

#[no_panic]
fn finish<const N: usize>(parser: &mut StreamParser<N>) -> Result<OwnedHeader<N>, Error> {
    parser.finish().map(|header| header.to_owned_header())
}

#[no_panic]
fn stream_offset<const N: usize>(parser: &StreamParser<N>) -> (usize, Option<usize>) {
    (parser.offset(), parser.string_code_offset())
}

/// A reader over a byte slice that hands out at most `step` bytes a read
/// (and claims, when `lie` is set, more than it wrote).
struct Reader<'a> {
    rest: &'a [u8],
    step: usize,
    lie: bool,
}

impl Reader<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> Result<usize, Fault> {
        let length = self.rest.len().min(buffer.len()).min(self.step);
        let (now, rest) = self.rest.split_at_checked(length).ok_or(Fault)?;
        buffer.get_mut(..length).ok_or(Fault)?.copy_from_slice(now);
        self.rest = rest;
        Ok(if self.lie { length * 2 } else { length })
    }
}

#[derive(Debug)]
struct Fault;

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the reader failed")
    }
}

impl core::error::Error for Fault {}

impl embedded_io::Error for Fault {
    fn kind(&self) -> embedded_io::ErrorKind {
        embedded_io::ErrorKind::Other
    }
}

impl embedded_io::ErrorType for Reader<'_> {
    type Error = Fault;
}

impl embedded_io::Read for Reader<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> Result<usize, Fault> {
        Reader::read(self, buffer)
    }
}

#[no_panic]
fn read_with<const N: usize>(
    parser: StreamParser<N>,
    reader: &mut Reader<'_>,
    buffer: &mut [u8],
) -> Result<OwnedHeader<N>, ReadError<Fault>> {
    parser.read_with(buffer, |buffer| reader.read(buffer))
}

#[no_panic]
fn read_from<const N: usize>(
    parser: StreamParser<N>,
    reader: &mut Reader<'_>,
    buffer: &mut [u8],
) -> Result<OwnedHeader<N>, ReadError<Fault>> {
    parser.read_from(reader, buffer)
}

// The message.

#[no_panic]
fn unescape_into<'b>(
    message: Message<'_>,
    buffer: &'b mut [u8],
) -> Result<&'b str, BufferTooSmall> {
    message.unescape_into(buffer)
}

#[no_panic]
fn detail(message: Message<'_>) -> Option<Message<'_>> {
    message.detail()
}

#[no_panic]
fn decoded_len(message: Message<'_>) -> usize {
    message.decoded_len()
}

#[no_panic]
fn message_views(message: Message<'_>) -> (usize, bool, Option<&str>) {
    (message.raw().len(), message.has_escapes(), message.as_str())
}

/// Every character, folded so that the iteration is not optimized away.
#[no_panic]
fn chars(message: Message<'_>) -> u32 {
    message
        .chars()
        .fold(0u32, |sum, ch| sum.wrapping_mul(31).wrapping_add(ch as u32))
}

#[no_panic]
fn message_equals(message: Message<'_>, text: &str) -> bool {
    message == text
}

#[no_panic]
fn error_parts(error: Error) -> (ErrorKind, usize, Option<Field>, &'static str, &'static str) {
    let kind = error.kind();
    (
        kind,
        error.offset(),
        error.field(),
        kind.name(),
        kind.description(),
    )
}

#[no_panic]
fn field_key(field: Field) -> &'static str {
    field.key()
}

// Serde. serde-json-core 0.7 has panic paths of its own (slice indexing in
// `de/mod.rs`, `peek().unwrap()`), and so has serde's `MapDeserializer`
// (`next_value` before `next_key` panics), so a proof through either would
// fail on a dependency's code; the impls here are driven instead by
// `Members`, a map deserializer that cannot panic, over members chosen by
// the input.

/// One JSON value, as a deserializer hands it to a visitor.
#[derive(Clone, Copy)]
enum Token<'de> {
    Bool(bool),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Text(&'de str),
    Null,
}

impl<'de> Deserializer<'de> for Token<'de> {
    type Error = value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, value::Error> {
        match self {
            Token::Bool(value) => visitor.visit_bool(value),
            Token::Signed(value) => visitor.visit_i64(value),
            Token::Unsigned(value) => visitor.visit_u64(value),
            Token::Float(value) => visitor.visit_f64(value),
            Token::Text(text) => visitor.visit_borrowed_str(text),
            Token::Null => visitor.visit_none(),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, value::Error> {
        match self {
            Token::Null => visitor.visit_none(),
            token => visitor.visit_some(token),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A header object of four members, chosen by the input's bytes: each byte
/// picks a key (one of the three, another, or the input itself) and a value
/// of any type.
struct Members<'de> {
    members: [(&'de str, Token<'de>); 4],
    next: usize,
    value: Option<Token<'de>>,
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = value::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, value::Error> {
        let Some(&(key, value)) = self.members.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        self.value = Some(value);
        seed.deserialize(Token::Text(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, value::Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("no key"))?;
        seed.deserialize(value)
    }
}

impl<'de> Deserializer<'de> for Members<'de> {
    type Error = value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, value::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

fn members(input: &str) -> Members<'_> {
    let bytes = input.as_bytes();
    let members = core::array::from_fn(|i| {
        let byte = bytes.get(i).copied().unwrap_or(0);
        let key = match byte % 5 {
            0 => "isSuccessful",
            1 => "resultCode",
            2 => "resultMessage",
            3 => "other",
            _ => input,
        };
        let value = match byte / 5 % 7 {
            0 => Token::Bool(byte % 2 == 0),
            1 => Token::Signed(i64::from(byte) * -1_000_000_000),
            2 => Token::Unsigned(u64::from(byte) << 33),
            3 => Token::Float(f64::from(byte) / 3.0),
            4 => Token::Text(input),
            5 => Token::Signed(i64::from(byte) - 100),
            _ => Token::Null,
        };
        (key, value)
    });
    Members {
        members,
        next: 0,
        value: None,
    }
}

#[no_panic]
fn deserialize_header(input: &str) -> Result<Header<'_>, value::Error> {
    Header::deserialize(members(input))
}

#[no_panic]
fn deserialize_owned(input: &str) -> Result<OwnedHeader<64>, value::Error> {
    OwnedHeader::<64>::deserialize(members(input))
}

/// Runs the streaming entry points with message room `N`.
fn stream<const N: usize>(body: &[u8], step: usize) {
    let mode = if step.is_multiple_of(2) {
        Mode::Scan
    } else {
        Mode::Parse
    };
    let mut parser = StreamParser::<N>::new(mode);
    for chunk in body.chunks(step.max(1)) {
        let _ = feed(&mut parser, chunk);
    }
    println!("{:?}", stream_offset(&parser));
    if let Ok(header) = finish(&mut parser) {
        println!("{:?}", owned_accessors(&header));
    }
    let mut buffer = vec![0; step];
    let mut reader = Reader {
        rest: body,
        step,
        lie: step.is_multiple_of(3),
    };
    println!(
        "{:?}",
        read_with(StreamParser::<N>::new(mode), &mut reader, &mut buffer)
    );
    let mut reader = Reader {
        rest: body,
        step,
        lie: false,
    };
    println!(
        "{:?}",
        read_from(StreamParser::<N>::new(mode), &mut reader, &mut buffer)
    );
}

fn main() {
    let body = std::env::args().nth(1).unwrap_or_default().into_bytes();
    let body = black_box(&body[..]);
    let depth = black_box(body.len() as u8);
    let code = black_box(body.len() as i32 - 60_000);
    let step = black_box(body.len() % 13);

    stream::<0>(body, step);
    stream::<1>(body, step);
    stream::<64>(body, step);
    stream::<4096>(body, step);

    println!(
        "{:?} {:?} {:?}",
        parse(body),
        scan(body),
        parse_with(body, depth)
    );
    println!(
        "{:?} {:?} {:?}",
        scan_with(body, depth),
        locate(body),
        locate_with(body, depth)
    );
    for engine in Engine::ALL {
        println!(
            "{:?} {:?} {:?} {:?}",
            extract_on(engine, body, Mode::Parse),
            extract_on(engine, body, Mode::Scan),
            walk_on(engine, body, depth),
            locate_on(engine, body, depth)
        );
    }

    let service = Service::ALL[body.len() % Service::ALL.len()];
    let category = Category::ALL[body.len() % Category::ALL.len()];
    println!("{:?}", service_lookup(service, code));
    println!(
        "{:?}",
        service_lookup(service, black_box(body.len() as i32 * 1000 - 1))
    );
    let advice = Advice::ALL[body.len() % Advice::ALL.len()];
    println!(
        "{:?} {:?}",
        one_catalog(code),
        service_names(service, category, advice)
    );
    let text = std::str::from_utf8(body).unwrap_or_default();
    println!("{:?}", text_lookup(service, text));
    if let Some(entry) = service.catalog().entries().get(body.len()) {
        println!("{:?}", entry_parts(entry));
    }

    let class = classify(code);
    let found = lookup(code);
    println!("{class:?} {found:?}");
    println!("{}", describe(class, found.api, found.remedy));

    match parse(body) {
        Ok(header) => {
            println!(
                "{:?} {:?} {:?}",
                header_accessors(&header),
                header_in_catalog(&header),
                to_owned(&header).map(|owned| owned_accessors(&owned).2)
            );
            println!("{:?}", header_in_service(&header, service));
            if let ResultCode::Text(code) = header.result_code {
                println!("{}", decoded_len(code));
            }
            if let Some(message) = header.result_message {
                let mut buffer = vec![0; black_box(body.len() / 2)];
                println!(
                    "{:?} {:?} {} {:?} {} {}",
                    unescape_into(message, &mut buffer),
                    detail(message),
                    decoded_len(message),
                    message_views(message),
                    chars(message),
                    message_equals(message, "SUCCESS")
                );
                if let Err(error) = unescape_into(message, &mut []) {
                    println!("{}", error.needed());
                }
            }
        }
        Err(error) => {
            println!("{:?}", error_parts(error));
            if let Some(field) = error.field() {
                println!("{}", field_key(field));
            }
        }
    }
    println!("{:?}", deserialize_header(text));
    if let Ok(owned) = deserialize_owned(text) {
        println!("{:?}", owned_accessors(&owned));
    }
}
