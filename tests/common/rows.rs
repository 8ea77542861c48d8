//! The rule rows shared by `tests/rules.rs` (a test per row) and
//! `tests/engines.rs` (every row on every engine): what each row expects,
//! and the helpers the rows are written with. The rows themselves are in
//! `rule_rows.in`, expanded by each includer's own `rows!` macro.

pub use nhncloud_header::{ErrorKind, Field};

/// What `parse` (or `scan`) returns for a row.
#[derive(Clone, Copy, Debug)]
pub enum Expect {
    Header(bool, i32, Option<&'static str>),
    /// A header whose `resultCode` is a string (decoded here).
    TextCode(bool, &'static str, Option<&'static str>),
    Error(ErrorKind, Option<Field>),
}
#[allow(unused_imports)] // the rows name them; not every includer reads them
pub use Expect::{Error as Err, Header as Ok, TextCode as OkText};

pub const OK: Expect = Ok(true, 0, Some("SUCCESS"));
pub const HEADER: &str = r#"{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"}"#;

/// Removes the `@@` marker; returns the body and the marker's offset.
pub fn unmark(marked: &[u8]) -> (Vec<u8>, Option<usize>) {
    match marked.windows(2).position(|w| w == b"@@") {
        Some(at) => ([&marked[..at], &marked[at + 2..]].concat(), Some(at)),
        None => (marked.to_vec(), None),
    }
}

pub fn with_header(before: &str, after: &str) -> String {
    format!("{{{before}\"header\":{HEADER}{after}}}")
}

pub fn header_of(fields: &str) -> String {
    format!(r#"{{"header":{{{fields}}}}}"#)
}

/// A header after arrays nested so that the deepest is `depth` levels
/// deep, the top-level object included.
pub fn nested(depth: usize) -> String {
    let inner = format!("{}{}", "[".repeat(depth - 1), "]".repeat(depth - 1));
    with_header(&format!(r#""deep":{inner},"#), "")
}
