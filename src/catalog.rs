//! A service's result-code table as data: its rows ([`Entry`]), sorted, and
//! looking a code up in them ([`Catalog`]).
//!
//! The tables of the services this crate knows are generated from the
//! reviewed data files in `tests/data/catalogs/` (one row per table row,
//! with the evidence for its category and advice); `tests/catalogs.rs`
//! regenerates `src/catalog/tables.rs` and fails if a row differs.

// Generated, and kept as generated.
#[rustfmt::skip]
mod tables;

use core::cmp::Ordering;
use core::ffi::CStr;

use crate::header::ResultCode;
use crate::message::HeaderText;
use crate::vocabulary::{Advice, Category};

/// The codes one row of a table stands for.
///
/// ```
/// use nhncloud_header::{Catalog, Codes};
///
/// let row = Catalog::PUSH.lookup(50100).unwrap();
/// assert_eq!(row.codes(), Codes::Integers { first: 50001, last: 50501 });
/// let row = Catalog::DEPLOY.lookup_text("NOT_FOUND_OS").unwrap();
/// assert_eq!(row.codes(), Codes::Text("NOT_FOUND_OS"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Codes {
    /// The integers `first..=last`: one code, or a range the table gives as
    /// one row (Push's `50001 ~ 50501`).
    Integers {
        /// The first code of the row.
        first: i32,
        /// The last code of the row (`first` for a single code).
        last: i32,
    },
    /// One string code (Deploy's `"NOT_FOUND_OS"`).
    Text(&'static str),
}

/// One row of a service's table: the code or codes, the table's own
/// columns verbatim, and what they mean ([`Category`] and [`Advice`]).
///
/// ```
/// use nhncloud_header::{Advice, Catalog, Category, Codes};
///
/// let row = Catalog::PUSH.lookup(40402).unwrap();
/// assert_eq!(row.codes(), Codes::Integers { first: 40402, last: 40402 });
/// assert_eq!(row.category(), Category::NotFound);
/// assert_eq!(row.advice(), Advice::FixRequest);
/// assert_eq!(row.is_successful(), Some(false));
/// assert_eq!(row.message(), "Client Error. Not found certificate.");
/// ```
#[derive(Clone, Copy, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Entry {
    codes: Codes,
    is_successful: Option<bool>,
    category: Category,
    advice: Advice,
    /// The texts end with a NUL in the generated tables, for C callers;
    /// the accessors leave it out.
    message: &'static str,
    description: Option<&'static str>,
}

impl Entry {
    /// A row of a table of your own (see [`Catalog::new`]).
    pub const fn new(
        codes: Codes,
        is_successful: Option<bool>,
        category: Category,
        advice: Advice,
        message: &'static str,
        description: Option<&'static str>,
    ) -> Entry {
        Entry {
            codes,
            is_successful,
            category,
            advice,
            message,
            description,
        }
    }

    /// The code or codes of the row.
    pub const fn codes(&self) -> Codes {
        self.codes
    }

    /// Whether the row stands for the integer `code`.
    pub const fn contains(&self, code: i32) -> bool {
        match self.codes {
            Codes::Integers { first, last } => first <= code && code <= last,
            Codes::Text(_) => false,
        }
    }

    /// The table's `isSuccessful` for the row; `None` when the table has no
    /// such column.
    pub const fn is_successful(&self) -> Option<bool> {
        self.is_successful
    }

    /// What the code means, in the common vocabulary.
    pub const fn category(&self) -> Category {
        self.category
    }

    /// What to do next, in the common vocabulary; whether a retry can help
    /// is [`Advice::retryable`].
    pub const fn advice(&self) -> Advice {
        self.advice
    }

    /// The table's `resultMessage` column, verbatim (empty where the table
    /// leaves it empty).
    pub const fn message(&self) -> &'static str {
        without_nul(self.message)
    }

    /// The table's explanatory column, verbatim, where it has one apart
    /// from the message (SMS's "Result code message", CDN's "Description").
    pub const fn description(&self) -> Option<&'static str> {
        match self.description {
            Some(description) => Some(without_nul(description)),
            None => None,
        }
    }

    /// [`message`](Self::message) as a C string: always for the tables this
    /// crate ships, `None` for a row of your own whose text has no NUL.
    pub const fn message_c_str(&self) -> Option<&'static CStr> {
        c_str(self.message)
    }

    /// [`description`](Self::description) as a C string (as
    /// [`message_c_str`](Self::message_c_str)).
    pub const fn description_c_str(&self) -> Option<&'static CStr> {
        match self.description {
            Some(description) => c_str(description),
            None => None,
        }
    }

    /// Whether a header's `isSuccessful` agrees with this row: the row's
    /// own column where the table has one; else true exactly for a success
    /// (either way for a partial success).
    pub const fn agrees_with(&self, is_successful: bool) -> bool {
        match (self.is_successful, self.category) {
            (Some(documented), _) => documented == is_successful,
            (None, Category::PartialSuccess) => true,
            (None, category) => is_successful == matches!(category, Category::Success),
        }
    }

    /// The row's first integer code, for the searches (`i32::MIN` for a
    /// string code, which never takes part in them).
    const fn first(&self) -> i32 {
        match self.codes {
            Codes::Integers { first, .. } => first,
            Codes::Text(_) => i32::MIN,
        }
    }

    const fn last(&self) -> i32 {
        match self.codes {
            Codes::Integers { last, .. } => last,
            Codes::Text(_) => i32::MIN,
        }
    }

    const fn text(&self) -> Option<&'static str> {
        match self.codes {
            Codes::Integers { .. } => None,
            Codes::Text(text) => Some(text),
        }
    }
}

/// Rows are equal when what they say is: their texts with or without the
/// NUL of the generated tables.
impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.codes == other.codes
            && self.is_successful == other.is_successful
            && self.category == other.category
            && self.advice == other.advice
            && self.message() == other.message()
            && self.description() == other.description()
    }
}

impl Eq for Entry {}

impl core::hash::Hash for Entry {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        (self.codes, self.is_successful, self.category, self.advice).hash(state);
        (self.message(), self.description()).hash(state);
    }
}

/// `text` without the NUL it ends with, if it does.
const fn without_nul(text: &'static str) -> &'static str {
    match text.as_bytes().split_last() {
        Some((0, _)) => match text.split_at_checked(text.len() - 1) {
            Some((text, _)) => text,
            None => text,
        },
        _ => text,
    }
}

const fn c_str(text: &'static str) -> Option<&'static CStr> {
    match CStr::from_bytes_with_nul(text.as_bytes()) {
        Ok(c_str) => Some(c_str),
        Err(_) => None,
    }
}

/// One service's result-code table: its rows, sorted by code, as a
/// `const`. A firmware that names one table links that table only.
///
/// ```
/// use nhncloud_header::{Advice, Catalog, Category};
///
/// const NOT_FOUND: Category = Catalog::PUSH.category(40402);
/// assert_eq!(NOT_FOUND, Category::NotFound);
/// assert_eq!(Catalog::CDN.advice(30001), Advice::RetryLater); // "Please try again later."
/// assert!(Catalog::CDN.advice(30001).retryable());
///
/// let header = nhncloud_header::scan(br#"{"header":{"isSuccessful":false,"resultCode":"NOT_FOUND_OS","resultMessage":"The OS could not be found"}}"#)?;
/// let meaning = header.meaning_in(&Catalog::DEPLOY);
/// assert_eq!(meaning.category, Category::NotFound);
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
///
/// A table of your own has the same shape: rows sorted by code, ranges
/// apart, integer codes or string codes but not both (several rows of one
/// code, next to each other, only where they share a category and advice).
///
/// ```
/// use nhncloud_header::{Advice, Catalog, Category, Codes, Entry};
///
/// static ROWS: [Entry; 2] = [
///     Entry::new(Codes::Integers { first: 0, last: 0 }, Some(true), Category::Success, Advice::None, "OK", None),
///     Entry::new(Codes::Integers { first: 42900, last: 42999 }, Some(false), Category::LimitExceeded, Advice::RetryLater, "Too many requests", None),
/// ];
/// const MINE: Catalog = match Catalog::new("mine", &ROWS) {
///     Some(catalog) => catalog,
///     None => panic!("unsorted rows"),
/// };
/// assert!(MINE.advice(42917).retryable());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Catalog {
    name: &'static str,
    entries: &'static [Entry],
}

impl Catalog {
    /// A table of your own, if its rows are in order: sorted by code,
    /// ranges apart, all of one kind of code, a code's several rows next to
    /// each other with one category and advice.
    pub const fn new(name: &'static str, entries: &'static [Entry]) -> Option<Catalog> {
        let mut rest = entries;
        while let [row, after @ ..] = rest {
            let in_order = match (row.codes, after) {
                (Codes::Integers { first, last }, _) if first > last => false,
                (_, []) => true,
                (Codes::Integers { first, last }, [next, ..]) => match next.codes {
                    Codes::Integers {
                        first: next_first,
                        last: next_last,
                    } => {
                        last < next_first
                            || (first == next_first && last == next_last && same_reading(row, next))
                    }
                    Codes::Text(_) => false,
                },
                (Codes::Text(text), [next, ..]) => match next.codes {
                    Codes::Text(next_text) => match compare(text, next_text) {
                        Ordering::Less => true,
                        Ordering::Equal => same_reading(row, next),
                        Ordering::Greater => false,
                    },
                    Codes::Integers { .. } => false,
                },
            };
            if !in_order {
                return None;
            }
            rest = after;
        }
        Some(Catalog { name, entries })
    }

    /// The table's name: the service's ([`Service::name`](crate::Service::name)).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The rows, sorted by code. One code has several rows only where the
    /// table lists several messages for it (Notification Hub), and they
    /// are adjacent.
    pub const fn entries(&self) -> &'static [Entry] {
        self.entries
    }

    /// Whether the table's codes are strings (Deploy's).
    pub const fn has_text_codes(&self) -> bool {
        matches!(
            self.entries.first(),
            Some(Entry {
                codes: Codes::Text(_),
                ..
            })
        )
    }

    /// How many of the leading `rows` end before `code` (with `through`: at
    /// or before it). Binary search over halves of the slice rather than
    /// indices, so that no bounds check is left to panic.
    const fn ending_before(rows: &[Entry], code: i32, through: bool) -> usize {
        let (mut rest, mut before) = (rows, 0);
        loop {
            let half = rest.len() / 2;
            let Some((left, right)) = rest.split_at_checked(half) else {
                return before;
            };
            let Some((middle, after)) = right.split_first() else {
                return before;
            };
            if middle.last() < code || (through && middle.last() == code) {
                before += half + 1;
                rest = after;
            } else {
                rest = left;
            }
        }
    }

    /// Every row of the integer `code`: one, none, or (Notification Hub)
    /// several with one category and different messages. `O(log n)`;
    /// none in a table of string codes.
    pub const fn entries_of(&self, code: i32) -> &'static [Entry] {
        if self.has_text_codes() {
            return &[];
        }
        let entries: &'static [Entry] = self.entries;
        let Some((_, from)) = entries.split_at_checked(Self::ending_before(entries, code, false))
        else {
            return &[];
        };
        let Some(row) = from.first() else {
            return &[];
        };
        if row.first() > code {
            return &[];
        }
        // Nearly always the only row of its code: no second search.
        let repeated = match from.split_first() {
            Some((_, [next, ..])) => next.last() == row.last(),
            _ => false,
        };
        if !repeated {
            return match from.split_at_checked(1) {
                Some((rows, _)) => rows,
                None => from,
            };
        }
        // The rows that repeat `row`'s range are the only ones from `row` on
        // that end no later than it.
        match from.split_at_checked(Self::ending_before(from, row.last(), true)) {
            Some((rows, _)) => rows,
            None => from,
        }
    }

    /// Every row of the string code `code` (decoded text, or a [`Message`](crate::Message)
    /// borrowed from a body), in a table of string codes; none in a table
    /// of integers. `O(log n)`.
    pub fn entries_of_text(&self, code: &impl HeaderText) -> &'static [Entry] {
        let entries: &'static [Entry] = self.entries;
        // Rows before the first whose code is not below `code`.
        let below = entries.partition_point(|entry| {
            entry
                .text()
                .is_some_and(|text| code.compare(text) == Ordering::Greater)
        });
        let from = entries.get(below..).unwrap_or_default();
        let same = from
            .iter()
            .take_while(|entry| entry.text().is_some_and(|text| code.equals(text)))
            .count();
        from.get(..same).unwrap_or_default()
    }

    /// Every row of `code`, an integer or a string: what the table says of
    /// a header's `resultCode`. A string in a table of integers, or an
    /// integer in a table of strings, has none.
    pub fn entries_for<T: HeaderText>(&self, code: &ResultCode<T>) -> &'static [Entry] {
        match code {
            ResultCode::Integer(code) => self.entries_of(*code),
            ResultCode::Text(text) => self.entries_of_text(text),
        }
    }

    /// The row of the integer `code`; the first of them where the table
    /// gives several.
    pub const fn lookup(&self, code: i32) -> Option<&'static Entry> {
        self.entries_of(code).first()
    }

    /// The row of a string code; the first of them where the table gives
    /// several.
    pub fn lookup_text(&self, code: &str) -> Option<&'static Entry> {
        self.entries_of_text(&code).first()
    }

    /// The category of the integer `code`:
    /// [`Unspecified`](Category::Unspecified) when the table does not list it.
    pub const fn category(&self, code: i32) -> Category {
        match self.lookup(code) {
            Some(entry) => entry.category,
            None => Category::Unspecified,
        }
    }

    /// What to do about the integer `code`:
    /// [`ReadMessage`](Advice::ReadMessage) when the table does not list it.
    pub const fn advice(&self, code: i32) -> Advice {
        match self.lookup(code) {
            Some(entry) => entry.advice,
            None => Advice::ReadMessage,
        }
    }

    /// Whether a header's `isSuccessful` agrees with the table
    /// ([`Entry::agrees_with`]). A code the table does not list agrees only
    /// when unsuccessful.
    pub const fn is_consistent(&self, code: i32, is_successful: bool) -> bool {
        match self.lookup(code) {
            Some(entry) => entry.agrees_with(is_successful),
            None => !is_successful,
        }
    }
}

/// Two rows of one code read the same.
const fn same_reading(a: &Entry, b: &Entry) -> bool {
    a.category as u8 == b.category as u8 && a.advice as u8 == b.advice as u8
}

/// Byte order of two strings, in `const`.
const fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return if a[i] < b[i] {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        i += 1;
    }
    if a.len() < b.len() {
        Ordering::Less
    } else if a.len() > b.len() {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// A text of a generated table: the `length` bytes at `at` of the
/// table's texts (its NUL included, or none). One string per table keeps
/// the texts out of the linker's merged C strings, from which a firmware
/// that names one table could not leave the others out.
const fn text(texts: &'static str, (at, length): (usize, usize)) -> &'static str {
    match texts.split_at_checked(at) {
        Some((_, rest)) => match rest.split_at_checked(length) {
            Some((text, _)) => text,
            None => "",
        },
        None => "",
    }
}

/// One generated row of integer codes: its message and description in the
/// table's `texts` (a description of length 0 is none).
#[allow(clippy::too_many_arguments)]
const fn row(
    first: i32,
    last: i32,
    is_successful: Option<bool>,
    category: Category,
    advice: Advice,
    texts: &'static str,
    message: (usize, usize),
    description: (usize, usize),
) -> Entry {
    Entry {
        codes: Codes::Integers { first, last },
        is_successful,
        category,
        advice,
        message: text(texts, message),
        description: if description.1 == 0 {
            None
        } else {
            Some(text(texts, description))
        },
    }
}

/// One generated row of a string code.
const fn text_row(
    code: &'static str,
    is_successful: Option<bool>,
    category: Category,
    advice: Advice,
    texts: &'static str,
    message: (usize, usize),
    description: (usize, usize),
) -> Entry {
    let mut entry = row(
        0,
        0,
        is_successful,
        category,
        advice,
        texts,
        message,
        description,
    );
    entry.codes = Codes::Text(code);
    entry
}
