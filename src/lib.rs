//! Gets the `header` out of NHN Cloud API responses: no heap, no panics, a
//! small constant stack, and less time than a general JSON library needs.
//!
//! Every NHN Cloud Compute Instance API response body carries a top-level
//! `"header"` object:
//!
//! ```json
//! {"header": {"isSuccessful": true, "resultCode": 0, "resultMessage": "SUCCESS"}, "instances": []}
//! ```
//!
//! [`parse`] validates the whole body as JSON (RFC 8259) and returns the
//! header; [`scan`] returns it as soon as the header object closes, without
//! reading the rest.
//!
//! ```
//! let body = br#"{"header":{"isSuccessful":false,"resultCode":10404,"resultMessage":"Not Found"}}"#;
//! let header = nhncloud_header::scan(body)?;
//! assert_eq!(header.result_code, 10404);
//! assert_eq!(header.result_message.unwrap(), "Not Found");
//! # Ok::<(), nhncloud_header::Error>(())
//! ```
//!
//! [`StreamParser`] does the same for a body that arrives in chunks, in at
//! most `64 + N` bytes of state ([`Mode::Scan`] or [`Mode::Parse`]).
//!
//! [`classify`] tells what a `resultCode` means in the Compute Instance
//! error-code table ([`Class`]), which [`Api`] raised it, and the
//! [`Remedy`]; `Header` has shortcuts for all of it. Fourteen services'
//! published tables are [`Service`]s: a code is looked up in its service's
//! table ([`ServiceCatalog`]), and its [`Category`] is one vocabulary across
//! services, with whether a retry may help.
//!
//! ```
//! use nhncloud_header::{classify, Class, Remedy};
//!
//! const C: Class = classify(10404);
//! assert_eq!(C, Class::ApiError);
//! assert_eq!(C.remedy(), Remedy::RetryAfterFix);
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
//! integer within `i32`; `-0` is 0) and `resultMessage` (a string or `null`),
//! each exactly once and in any order; other members are validated and
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
//! from there. Whatever it rejects, or does not handle (bodies under 64
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
//! The library is `#![no_std]` and allocation-free whatever the features.
//!
//! - `cli`: the `nhncloud-header` command-line tool (a binary; std, clap and
//!   serde_json are used there only), and `StreamParser::read_from_std`.
//! - `embedded-io`: `StreamParser::read_from` for any `embedded_io::Read`.
//! - `serde`: `Deserialize` and `Serialize` for [`Header`], [`Message`] and
//!   [`OwnedHeader`] (NHN's camelCase keys; the same rules as `parse`; no
//!   allocation), and [`Class`], [`Api`], [`Remedy`] and [`ErrorKind`] as
//!   their snake_case names.
//! - `defmt`: `defmt::Format` for every public type (names for named types,
//!   decoded text for a message), forwarded to `heapless` and `embedded-io`.

#![no_std]
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
mod error;
mod grammar;
mod header;
#[cfg(not(any(target_os = "none", nhncloud_header_small)))]
mod index;
mod locate;
mod meaning;
mod message;
mod parse;
mod room;
#[cfg(feature = "serde")]
mod serde_impls;
mod service;
mod stream;

pub use catalog::{Catalog, Codes, Entry};
pub use compute::{Api, Class, ComputeDetails, Remedy, classify};
pub use engine::Mode;
pub use error::{Error, ErrorKind, Field};
pub use header::{Header, OwnedHeader, ResultCode};
pub use locate::{locate, locate_with};
pub use meaning::{Advice, Category, Meaning, UnknownName};
pub use message::{BufferTooSmall, Chars, HeaderText, Message};
pub use parse::{Options, parse, parse_with, scan, scan_with};
pub use service::Service;
pub use stream::{ReadError, Status, StreamHeader, StreamParser};

/// The engines behind `parse` and `scan`, one at a time, for the crate's
/// tests and benchmarks. Not part of the API: it may change at any time.
#[doc(hidden)]
pub mod engines {
    pub use crate::parse::Engine;
}

/// The README's examples are compiled and run as doctests (one needs the
/// `serde` feature, which the README's test command turns on).
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
