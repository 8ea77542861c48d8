//! Gets the `header` out of NHN Cloud API responses, and tells what its
//! result code means: `#![no_std]`, no heap, no panics, a small constant
//! stack, and less time than a general JSON library needs.
//!
//! NHN Cloud answers `200 OK` to most failures and puts the verdict in the
//! body's top-level `"header"`:
//!
//! ```json
//! {"header": {"isSuccessful": false, "resultCode": 10404, "resultMessage": "Not Found"}, "instances": []}
//! ```
//!
//! # Entry points
//!
//! | to | call | |
//! |---|---|---|
//! | validate a whole body, get its header | [`parse`] / [`parse_with`] | `parse(body)?.result_code` |
//! | stop once the header closes | [`scan`] / [`scan_with`] | `scan(body)?.result_message` |
//! | read a trusted body at the structural scan's speed | [`locate`] / [`locate_with`] | `locate(body)?` |
//! | read a body that arrives in chunks, in `64 + N` bytes | [`StreamParser`] | `parser.feed(chunk)?` ... `parser.finish()?` |
//! | tell what a code means in a service's table | [`Header::meaning`], [`Catalog::meaning`] | `header.meaning(Service::Push).retryable()` |
//! | Compute's own details (row, API, HTTP status, remedy) | [`classify`], [`ComputeDetails`] | `classify(10404)` |
//! | keep a header past its body | [`OwnedHeader::from_header`] | `OwnedHeader::<64>::from_header(&header)?` |
//!
//! ```
//! use nhncloud_header::{Advice, Category, Service};
//!
//! let body = br#"{"header":{"isSuccessful":false,"resultCode":10404,"resultMessage":"Not Found"}}"#;
//! let header = nhncloud_header::scan(body)?;
//! assert_eq!(header.result_code, 10404);
//! assert_eq!(header.result_message.unwrap(), "Not Found");
//!
//! // One reading, in the service's table: what happened, what to do.
//! let meaning = header.meaning(Service::Compute);
//! assert_eq!(meaning.category, Category::NotFound);
//! assert_eq!(meaning.advice, Advice::FixRequest);
//! assert!(!meaning.retryable());
//! # Ok::<(), nhncloud_header::Error>(())
//! ```
//!
//! # What a result code means
//!
//! Fifteen services' published tables ship as [`Catalog`]s ([`Service`]
//! names them: `"push".parse::<Service>()`), and the same number means
//! different things in each: 20001 is "No available IP" in Compute and
//! "Failed to authenticate with AppKey." in CDN. A code's [`Meaning`] in a
//! table is one vocabulary for every service: a [`Category`] (what
//! happened) and an [`Advice`] (what to do next), each resting on the row's
//! recorded evidence; only the advice says whether a retry can help.
//! Deploy writes its codes as strings (`"NOT_FOUND_OS"`): a header's
//! [`ResultCode`] is an integer or a string.
//!
//! ```
//! use nhncloud_header::{Advice, Catalog, Category, Service};
//!
//! // Push's 40402 is not Compute's volume API error 402.
//! assert_eq!(Service::Push.category(40402), Category::NotFound);
//! // CDN says "Please try again later.": a retry can help.
//! const PURGE: Advice = Catalog::CDN.advice(30001);
//! assert!(PURGE.retryable());
//! // A string code, in Deploy's table.
//! let body = br#"{"header":{"isSuccessful":false,"serverTime":1533526167415,"resultCode":"NOT_FOUND_OS","resultMessage":"The OS could not be found"}}"#;
//! let meaning = nhncloud_header::parse(body)?.meaning(Service::Deploy);
//! assert_eq!((meaning.category, meaning.advice), (Category::NotFound, Advice::FixRequest));
//! # Ok::<(), nhncloud_header::Error>(())
//! ```
//!
//! # Errors
//!
//! Bad input gets an [`Error`]: an [`ErrorKind`] with a stable snake_case
//! name and the byte offset where the problem was found.
//!
//! ```
//! use nhncloud_header::{parse, ErrorKind};
//!
//! let error = parse(br#"{"header": {"resultMessage": "\x"}}"#).unwrap_err();
//! assert_eq!(error.kind(), ErrorKind::InvalidEscape);
//! assert_eq!(error.offset(), 31);
//! assert_eq!(error.to_string(), "invalid escape at byte 31");
//! ```
//!
//! # What is accepted
//!
//! The body must be one JSON object, optionally after a UTF-8 byte order mark
//! and surrounded by whitespace, whose members include exactly one `header`
//! (keys compare after unescaping, so `"he\u0061der"` counts). The header must
//! be an object with `isSuccessful` (`true` or `false`), `resultCode` (an
//! integer within `i32`, `-0` being 0, or a string) and `resultMessage` (a
//! string or `null`), each exactly once and in any order; other members
//! (Deploy's `serverTime`, Gamebase's `transactionId`) are validated and
//! skipped. Every string is checked for UTF-8, raw control characters and
//! escapes, every number against the JSON grammar. Nesting beyond
//! [`Options::max_depth`] is rejected; nothing recurses, so stack use does
//! not depend on the input.
//!
//! Compared with `serde_json` (`from_slice::<Value>`), the reference this
//! crate is tested against, the deliberate differences are:
//!
//! - a leading UTF-8 byte order mark is skipped (`serde_json` rejects it);
//! - numbers of any magnitude are accepted outside `resultCode`
//!   (`serde_json` rejects those beyond `f64`, such as `1e400`);
//! - nesting up to 128 levels is accepted, the top-level object included
//!   (`serde_json` stops at 127);
//! - duplicate keys other than `header` and its fields are not an error
//!   (as in `serde_json`), but a second `header` or a repeated field is.
//!
//! # Size and speed
//!
//! Two engines give the same answers. The byte-wise engine validates a
//! byte, or a whole token, at a time, resumes across chunks (it is the
//! streaming parser's), and reports every error with its exact offset. On
//! x86_64 and aarch64 the one-shot functions first run the structural
//! index: it finds the body's structure 64 bytes at a time with SIMD
//! (AVX2 with PCLMULQDQ when the CPU has them, else SSE2; NEON on aarch64),
//! checks the grammar of every block with bitmasks, and reads the header
//! from there. Whatever it rejects, or does not handle (bodies under 256
//! bytes among them), goes to the byte-wise engine, which then gives the
//! exact error; it never accepts what the byte-wise engine rejects.
//!
//! On bare-metal targets (`target_os = "none"`) the index and the byte-wise
//! engine's fast paths are compiled out: the byte-wise state machine alone
//! gives the same results in a third of the code (under 4 KiB of Thumb-2
//! for `scan` and `classify`). Nothing recurses; `parse` needs under 512
//! bytes of stack whatever the input, on either engine.
//!
//! # Crate features
//!
//! The library is `#![no_std]` and allocation-free whatever the features;
//! none is on by default.
//!
//! | feature | adds | in one line |
//! |---|---|---|
//! | `serde` | `Deserialize`/`Serialize` for [`OwnedHeader`] (the type for serde_json: every body, escapes and string codes included), [`Header`] (borrowed, for serde-json-core), [`Message`], [`ResultCode`], [`Entry`], [`Meaning`], and the names of [`Service`], [`Category`], [`Advice`], [`Class`], [`Api`], [`Remedy`], [`ErrorKind`] | `struct Response { header: OwnedHeader<64> }`, then `serde_json::from_slice::<Response>(body)` |
//! | `defmt` | `defmt::Format` for every public type, forwarded to `heapless`, `embedded-io` and `embedded-io-async` | `defmt::info!("{}", header.meaning(Service::Compute))` |
//! | `embedded-io` | [`StreamParser::read_from`] for any `embedded_io::Read` | `StreamParser::<64>::new(Mode::Scan).read_from(&mut uart, &mut [0; 64])?` |
//! | `embedded-io-async` | [`StreamParser::read_from_async`] for any `embedded_io_async::Read` (embassy-net's `TcpSocket`), no_std | `parser.read_from_async(&mut socket, &mut [0; 64]).await?` |
//! | `tokio` | [`StreamParser::read_from_tokio`] for any `tokio::io::AsyncRead + Unpin` (std) | `parser.read_from_tokio(&mut stream, &mut [0; 512]).await?` |
//! | `std` | [`StreamParser::read_from_std`] for any `std::io::Read`; no dependency | `parser.read_from_std(&mut file, &mut [0; 4096])?` |
//! | `cli` | the `nhncloud-header` command-line tool (a binary; its dependencies are for it alone) | `cargo install nhncloud-header --features cli` |
//!
//! On docs.rs every item that needs a feature says which.
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! // `serde`: the owned header inside your own types, with serde_json.
//! #[derive(serde::Deserialize)]
//! struct Response {
//!     header: nhncloud_header::OwnedHeader<64>,
//! }
//! let body = br#"{"header":{"isSuccessful":false,"resultCode":-4,"resultMessage":"Invalid parameters : \"name\""}}"#;
//! let response: Response = serde_json::from_slice(body).unwrap();
//! assert_eq!(response.header.result_message(), Some("Invalid parameters : \"name\""));
//! # }
//! ```

#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![cfg_attr(test, deny(warnings))]
#![deny(unsafe_code)]

// Only the std readers (`std`'s and tokio's) link std.
#[cfg(any(feature = "std", feature = "tokio"))]
extern crate std;

mod catalog;
mod compute;
#[cfg(feature = "defmt")]
mod defmt_impls;
mod engine;
#[doc(hidden)]
pub mod engines;
mod error;
mod grammar;
mod header;
#[cfg(nhncloud_header_fast)]
mod index;
mod locate;
mod meaning;
mod message;
mod names;
mod options;
mod parse;
mod room;
#[cfg(feature = "serde")]
mod serde_impls;
mod service;
mod stream;
mod vocabulary;

pub use catalog::{Catalog, Codes, Entry};
pub use compute::{Api, Class, ComputeDetails, Remedy, classify};
pub use error::{Error, ErrorKind, Field};
pub use header::{Header, OwnedHeader, ResultCode};
pub use locate::{locate, locate_with};
pub use meaning::Meaning;
pub use message::{BufferTooSmall, Chars, HeaderText, Message};
pub use names::UnknownName;
pub use options::{Mode, Options};
pub use parse::{parse, parse_with, scan, scan_with};
pub use service::Service;
pub use stream::{ReadError, Status, StreamHeader, StreamParser};
pub use vocabulary::{Advice, Category};

/// The README's examples are compiled and run as doctests (one needs the
/// `serde` feature, which the README's test command turns on).
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

// The examples of `docs/`, compiled and run as doctests like the README's.
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../docs/services.md")]
struct ServicesDoctests;

#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../docs/gateway.md")]
struct GatewayDoctests;

#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../docs/design.md")]
struct DesignDoctests;
