//! The words every reading of a result code is made of, whatever the
//! service: its [`Category`] (what happened) and its [`Advice`] (what to do
//! next, including whether a retry can help).

use crate::names::{display_name, from_str_by_name};

/// What a result code says happened, whatever the service: a fixed
/// vocabulary that every table row is mapped into, on recorded evidence.
///
/// ```
/// use nhncloud_header::{Advice, Category, Service};
///
/// let category = Service::Email.category(1000);
/// assert_eq!(category, Category::PartialSuccess);
/// assert_eq!(category.advice(), Advice::CheckResult);
/// assert_eq!("not_found".parse::<Category>(), Ok(Category::NotFound));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// The request was done.
    Success,
    /// Some of it was done (Email's 1000), or the service says "partial".
    PartialSuccess,
    /// The request is malformed or breaks a rule of the API.
    InvalidRequest,
    /// The caller's credentials are missing, invalid or expired.
    Unauthorized,
    /// The caller is known but not allowed.
    Forbidden,
    /// The named resource, service or API does not exist.
    NotFound,
    /// The request collides with the current state (duplicate, already done).
    Conflict,
    /// A rate or quota is used up; the same request may succeed later.
    LimitExceeded,
    /// The service failed.
    ServerError,
    /// The service or one behind it is unavailable or timed out.
    Unavailable,
    /// The table gives no evidence for anything more specific, or the code
    /// is not in it.
    Unspecified,
}

/// What to do next about a result, whatever the service. Each row's advice
/// rests on its evidence: what the table says to do where it says it (the
/// Compute seed's "contact the person in charge", CDN's "Please try again
/// later."), else the [default of its category](Category::advice).
/// Whether a retry of the same request can help is
/// [`retryable`](Advice::retryable), and only this says it.
///
/// ```
/// use nhncloud_header::{Advice, Category, Service};
///
/// // -2 "UNKNOWN EXCEPTION": a server error, but the seed says to contact
/// // the person in charge, so it is not retried.
/// let meaning = Service::Compute.meaning(-2, false);
/// assert_eq!(meaning.category, Category::ServerError);
/// assert_eq!(meaning.advice, Advice::ContactSupport);
/// assert!(!meaning.retryable());
/// assert_eq!("retry_later".parse(), Ok(Advice::RetryLater));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Advice {
    /// Done: nothing to do.
    None,
    /// Part of it was done: the body says which part failed.
    CheckResult,
    /// The request is wrong: change it as the message says, then send it
    /// again.
    FixRequest,
    /// Renew the credentials (AppKey, secret key, token), then send again.
    Authenticate,
    /// The caller lacks the permission: get it, or use another account.
    GetPermission,
    /// The resource's current state stands in the way (it exists already,
    /// a task is running): look at it before sending again.
    CheckState,
    /// A rate or quota is used up, or the service says to try again later:
    /// send the same request again after a while.
    RetryLater,
    /// The service failed or is unavailable: send the same request again,
    /// with back-off.
    Retry,
    /// Only the operator can help: report it to support.
    ContactSupport,
    /// The message's detail description (after its `:`) says what to do.
    SeeDetail,
    /// Nothing says what to do (the code is not in the table, or the table
    /// gives no evidence): read the message.
    ReadMessage,
}

impl Category {
    /// Every category, in the order of the vocabulary.
    pub const ALL: [Category; 11] = [
        Category::Success,
        Category::PartialSuccess,
        Category::InvalidRequest,
        Category::Unauthorized,
        Category::Forbidden,
        Category::NotFound,
        Category::Conflict,
        Category::LimitExceeded,
        Category::ServerError,
        Category::Unavailable,
        Category::Unspecified,
    ];

    /// The category named `name` (exactly as [`name`](Category::name)
    /// gives it).
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.name() == name)
    }

    /// The stable snake_case name, e.g. `"limit_exceeded"`.
    pub const fn name(self) -> &'static str {
        match self {
            Category::Success => "success",
            Category::PartialSuccess => "partial_success",
            Category::InvalidRequest => "invalid_request",
            Category::Unauthorized => "unauthorized",
            Category::Forbidden => "forbidden",
            Category::NotFound => "not_found",
            Category::Conflict => "conflict",
            Category::LimitExceeded => "limit_exceeded",
            Category::ServerError => "server_error",
            Category::Unavailable => "unavailable",
            Category::Unspecified => "unspecified",
        }
    }

    /// The advice a row of this category takes when the table says nothing
    /// more about what to do.
    pub const fn advice(self) -> Advice {
        match self {
            Category::Success => Advice::None,
            Category::PartialSuccess => Advice::CheckResult,
            Category::InvalidRequest | Category::NotFound => Advice::FixRequest,
            Category::Unauthorized => Advice::Authenticate,
            Category::Forbidden => Advice::GetPermission,
            Category::Conflict => Advice::CheckState,
            Category::LimitExceeded => Advice::RetryLater,
            Category::ServerError | Category::Unavailable => Advice::Retry,
            Category::Unspecified => Advice::ReadMessage,
        }
    }
}

impl Advice {
    /// Every advice, in the order of the vocabulary.
    pub const ALL: [Advice; 11] = [
        Advice::None,
        Advice::CheckResult,
        Advice::FixRequest,
        Advice::Authenticate,
        Advice::GetPermission,
        Advice::CheckState,
        Advice::RetryLater,
        Advice::Retry,
        Advice::ContactSupport,
        Advice::SeeDetail,
        Advice::ReadMessage,
    ];

    /// The advice named `name` (exactly as [`name`](Advice::name) gives it).
    pub fn from_name(name: &str) -> Option<Advice> {
        Advice::ALL.into_iter().find(|advice| advice.name() == name)
    }

    /// The stable snake_case name, e.g. `"retry_later"`.
    pub const fn name(self) -> &'static str {
        match self {
            Advice::None => "none",
            Advice::CheckResult => "check_result",
            Advice::FixRequest => "fix_request",
            Advice::Authenticate => "authenticate",
            Advice::GetPermission => "get_permission",
            Advice::CheckState => "check_state",
            Advice::RetryLater => "retry_later",
            Advice::Retry => "retry",
            Advice::ContactSupport => "contact_support",
            Advice::SeeDetail => "see_detail",
            Advice::ReadMessage => "read_message",
        }
    }

    /// Whether the same request may succeed if sent again: true exactly for
    /// [`RetryLater`](Advice::RetryLater) and [`Retry`](Advice::Retry).
    pub const fn retryable(self) -> bool {
        matches!(self, Advice::RetryLater | Advice::Retry)
    }

    /// What to do, in a sentence.
    pub const fn description(self) -> &'static str {
        match self {
            Advice::None => "Nothing to do.",
            Advice::CheckResult => "Part of the request was done: the body says which part failed.",
            Advice::FixRequest => "Fix the request as resultMessage says, then send it again.",
            Advice::Authenticate => {
                "Renew the credentials (AppKey, secret key, token), then send again."
            }
            Advice::GetPermission => {
                "Get the permission the request needs, or use another account."
            }
            Advice::CheckState => {
                "Check the state of the resource (it exists, or a task is running) before sending again."
            }
            Advice::RetryLater => "Send the same request again after a while.",
            Advice::Retry => "Send the same request again, with back-off.",
            Advice::ContactSupport => "Contact the operator (support).",
            Advice::SeeDetail => "Read the detail description after the colon in resultMessage.",
            Advice::ReadMessage => "Nothing says what to do: read resultMessage.",
        }
    }
}

from_str_by_name!(Category => "category", Advice => "advice");
display_name!(Category, Advice);
