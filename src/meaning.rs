//! What a result code means, read in one service's table: a [`Meaning`],
//! in the vocabulary of [`Category`] and [`Advice`] that every table
//! shares.

use crate::catalog::{Catalog, Entry};
use crate::header::ResultCode;
use crate::message::HeaderText;
use crate::vocabulary::{Advice, Category};

/// What a header says, read in one service's table: one verdict, the same
/// vocabulary for every service.
///
/// ```
/// use nhncloud_header::{Advice, Category, Service};
///
/// let body = br#"{"header":{"isSuccessful":false,"resultCode":40402,"resultMessage":"Client Error. Not found certificate."}}"#;
/// let meaning = nhncloud_header::scan(body)?.meaning(Service::Push);
/// assert!(meaning.known && meaning.consistent);
/// assert_eq!((meaning.category, meaning.advice), (Category::NotFound, Advice::FixRequest));
/// assert_eq!(meaning.table_text(), Some("Client Error. Not found certificate."));
///
/// // Not in Push's table: unknown, `unspecified`, read the message.
/// let meaning = Service::Push.meaning(12345, false);
/// assert!(!meaning.known);
/// assert_eq!((meaning.category, meaning.advice), (Category::Unspecified, Advice::ReadMessage));
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Meaning {
    /// The code's row: the only one, or, where the table gives several
    /// messages for the code (Notification Hub), the one whose message is
    /// the header's; `None` when the code is not in the table or none of
    /// its rows has the header's message.
    pub entry: Option<&'static Entry>,
    /// Whether the code is in the table.
    pub known: bool,
    /// What happened.
    pub category: Category,
    /// What to do next.
    pub advice: Advice,
    /// Whether `isSuccessful` agrees with the table ([`Entry::agrees_with`];
    /// a code the table does not list agrees only when unsuccessful).
    pub consistent: bool,
}

impl Meaning {
    /// The meaning of a code with these rows (all of one category and
    /// advice, as the tables keep them).
    pub(crate) fn of<M: HeaderText>(
        rows: &'static [Entry],
        is_successful: bool,
        message: Option<&M>,
    ) -> Meaning {
        let Some(first) = rows.first() else {
            return Meaning {
                entry: None,
                known: false,
                category: Category::Unspecified,
                advice: Advice::ReadMessage,
                consistent: !is_successful,
            };
        };
        let entry = match rows {
            [only] => Some(only),
            _ => message.and_then(|message| rows.iter().find(|row| message.equals(row.message()))),
        };
        Meaning {
            entry,
            known: true,
            category: first.category(),
            advice: first.advice(),
            consistent: first.agrees_with(is_successful),
        }
    }

    /// Whether the same request may succeed if sent again
    /// ([`Advice::retryable`]).
    pub const fn retryable(&self) -> bool {
        self.advice.retryable()
    }

    /// The table's text for the code: the row's message, verbatim, or its
    /// explanatory column where the message is empty (Gamebase's table has
    /// no message column); `None` without a row.
    pub const fn table_text(&self) -> Option<&'static str> {
        let Some(entry) = self.entry else {
            return None;
        };
        match (entry.message(), entry.description()) {
            (message, Some(description)) if message.is_empty() => Some(description),
            (message, _) => Some(message),
        }
    }
}

impl Catalog {
    /// What a header says, read in this table: see [`Meaning`].
    /// `message` picks the row where the table gives several for the code.
    pub fn meaning<C: HeaderText, M: HeaderText>(
        &self,
        code: &ResultCode<C>,
        is_successful: bool,
        message: Option<&M>,
    ) -> Meaning {
        Meaning::of(self.entries_for(code), is_successful, message)
    }
}
