//! The result codes of every NHN Cloud service that publishes them, in one
//! vocabulary.
//!
//! The header is the same across services but the codes are not: 20001 is
//! "No available IP" in Compute, "Failed to authenticate with AppKey" in CDN
//! and "Invalid condition attribute ID" in ROLE. So a code is looked up in a
//! [`Service`]'s table, and what a gateway acts on is the row's
//! [`Category`], one vocabulary across services.
//!
//! The tables are generated from the reviewed data files in
//! `tests/data/catalogs/` (one row per table row, with the evidence for its
//! category); `tests/catalogs.rs` regenerates `src/service/tables.rs` and
//! fails if a row differs.

// Generated, and kept as generated.
#[rustfmt::skip]
mod tables;

use crate::header::{Header, OwnedHeader};

/// An NHN Cloud service whose result-code table this crate ships.
///
/// ```
/// use nhncloud_header::{Category, Service};
///
/// // One number, three meanings.
/// assert_eq!(Service::Compute.lookup(20001).unwrap().message, "No available IP");
/// assert_eq!(
///     Service::Cdn.lookup(20001).unwrap().message,
///     "Failed to authenticate with AppKey."
/// );
/// assert_eq!(Service::Cdn.category(20001), Category::Unauthorized);
/// assert_eq!(Service::from_name("kakaotalk-bizmessage"), Some(Service::KakaotalkBizmessage));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Service {
    /// Compute > Instance (the crate's [`classify`](crate::classify) table).
    Compute,
    /// Notification > Push.
    Push,
    /// Notification > SMS.
    Sms,
    /// Notification > Email.
    Email,
    /// Notification > KakaoTalk Bizmessage.
    KakaotalkBizmessage,
    /// Notification > Notification Hub.
    NotificationHub,
    /// Content Delivery > CDN.
    Cdn,
    /// Application Service > API Gateway: its management API and the
    /// gateway's own errors.
    ApiGateway,
    /// Application Service > ROLE.
    Role,
    /// Game > Leaderboard.
    Leaderboard,
    /// AI Service > Document Recognizer.
    DocumentRecognizer,
    /// Game > Gamebase: its server API.
    Gamebase,
    /// AI Service > Face Recognition.
    FaceRecognition,
    /// Security > Certificate Manager: the certificate-file codes its API
    /// guide publishes.
    CertificateManager,
}

/// What a result code means to a gateway, whatever the service: a fixed
/// vocabulary that every table row is mapped into, on recorded evidence.
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

/// One row of a service's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Entry {
    /// The first code of the row.
    pub first: i32,
    /// The last code of the row: `first` unless the table gives a range
    /// (Push's `50001 ~ 50501`).
    pub last: i32,
    /// The table's `isSuccessful` for the row; `None` when the table has no
    /// such column.
    pub is_successful: Option<bool>,
    /// What the code means, in the common vocabulary.
    pub category: Category,
    /// The table's `resultMessage` column, verbatim (empty where the table
    /// leaves it empty).
    pub message: &'static str,
    /// The table's explanatory column, verbatim, where it has one apart from
    /// the message (SMS's "Result code message", CDN's "Description").
    pub description: Option<&'static str>,
}

/// The rows of one service's table, sorted by code, as a `const`: a
/// firmware that names one service's table links that table only.
///
/// ```
/// use nhncloud_header::{Category, ServiceCatalog};
///
/// const NOT_FOUND: Category = ServiceCatalog::PUSH.category(40402);
/// assert_eq!(NOT_FOUND, Category::NotFound);
/// assert!(ServiceCatalog::PUSH.lookup(50250).unwrap().category.retryable());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ServiceCatalog {
    /// The service whose table this is.
    pub service: Service,
    /// The rows, sorted by `first`; ranges do not overlap. One code has
    /// several rows only where the table lists several messages for it
    /// (Notification Hub), and they are adjacent.
    pub entries: &'static [Entry],
}

impl Service {
    /// Every service, in the order of the README.
    pub const ALL: [Service; 14] = [
        Service::Compute,
        Service::Push,
        Service::Sms,
        Service::Email,
        Service::KakaotalkBizmessage,
        Service::NotificationHub,
        Service::Cdn,
        Service::ApiGateway,
        Service::Role,
        Service::Leaderboard,
        Service::DocumentRecognizer,
        Service::Gamebase,
        Service::FaceRecognition,
        Service::CertificateManager,
    ];

    /// The stable kebab-case name, e.g. `"notification-hub"`.
    pub const fn name(self) -> &'static str {
        match self {
            Service::Compute => "compute",
            Service::Push => "push",
            Service::Sms => "sms",
            Service::Email => "email",
            Service::KakaotalkBizmessage => "kakaotalk-bizmessage",
            Service::NotificationHub => "notification-hub",
            Service::Cdn => "cdn",
            Service::ApiGateway => "api-gateway",
            Service::Role => "role",
            Service::Leaderboard => "leaderboard",
            Service::DocumentRecognizer => "document-recognizer",
            Service::Gamebase => "gamebase",
            Service::FaceRecognition => "face-recognition",
            Service::CertificateManager => "certificate-manager",
        }
    }

    /// The service named `name` (exactly as [`name`](Service::name) gives
    /// it).
    pub fn from_name(name: &str) -> Option<Service> {
        Service::ALL
            .into_iter()
            .find(|service| service.name() == name)
    }

    /// The service's table. Matching on a service known only at run time
    /// links every table; a firmware that uses one names it, e.g.
    /// [`ServiceCatalog::PUSH`].
    pub const fn catalog(self) -> ServiceCatalog {
        match self {
            Service::Compute => ServiceCatalog::COMPUTE,
            Service::Push => ServiceCatalog::PUSH,
            Service::Sms => ServiceCatalog::SMS,
            Service::Email => ServiceCatalog::EMAIL,
            Service::KakaotalkBizmessage => ServiceCatalog::KAKAOTALK_BIZMESSAGE,
            Service::NotificationHub => ServiceCatalog::NOTIFICATION_HUB,
            Service::Cdn => ServiceCatalog::CDN,
            Service::ApiGateway => ServiceCatalog::API_GATEWAY,
            Service::Role => ServiceCatalog::ROLE,
            Service::Leaderboard => ServiceCatalog::LEADERBOARD,
            Service::DocumentRecognizer => ServiceCatalog::DOCUMENT_RECOGNIZER,
            Service::Gamebase => ServiceCatalog::GAMEBASE,
            Service::FaceRecognition => ServiceCatalog::FACE_RECOGNITION,
            Service::CertificateManager => ServiceCatalog::CERTIFICATE_MANAGER,
        }
    }

    /// The row of `code` in this service's table; the first of them where
    /// the table gives several ([`ServiceCatalog::entries_of`]).
    pub const fn lookup(self, code: i32) -> Option<&'static Entry> {
        self.catalog().lookup(code)
    }

    /// The category of `code`: [`Unspecified`](Category::Unspecified) when
    /// the table does not list it.
    pub const fn category(self, code: i32) -> Category {
        self.catalog().category(code)
    }
}

/// One generated row: `description` is empty where the table has none.
const fn row(
    first: i32,
    last: i32,
    is_successful: Option<bool>,
    category: Category,
    message: &'static str,
    description: &'static str,
) -> Entry {
    Entry {
        first,
        last,
        is_successful,
        category,
        message,
        description: if description.is_empty() {
            None
        } else {
            Some(description)
        },
    }
}

impl ServiceCatalog {
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
            if middle.last < code || (through && middle.last == code) {
                before += half + 1;
                rest = after;
            } else {
                rest = left;
            }
        }
    }

    /// Every row of `code`: one, none, or (Notification Hub) several with
    /// one category and different messages. `O(log n)`.
    pub const fn entries_of(&self, code: i32) -> &'static [Entry] {
        let entries: &'static [Entry] = self.entries;
        let Some((_, from)) = entries.split_at_checked(Self::ending_before(entries, code, false))
        else {
            return &[];
        };
        let Some(row) = from.first() else {
            return &[];
        };
        if row.first > code {
            return &[];
        }
        // Nearly always the only row of its code: no second search.
        let repeated = match from.split_first() {
            Some((_, [next, ..])) => next.last == row.last,
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
        match from.split_at_checked(Self::ending_before(from, row.last, true)) {
            Some((rows, _)) => rows,
            None => from,
        }
    }

    /// The row of `code`; the first of them where the table gives several.
    pub const fn lookup(&self, code: i32) -> Option<&'static Entry> {
        self.entries_of(code).first()
    }

    /// The category of `code`: [`Unspecified`](Category::Unspecified) when
    /// the table does not list it.
    pub const fn category(&self, code: i32) -> Category {
        match self.lookup(code) {
            Some(entry) => entry.category,
            None => Category::Unspecified,
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

impl Entry {
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

    /// Whether the same request may succeed later: true exactly for
    /// [`ServerError`](Category::ServerError),
    /// [`Unavailable`](Category::Unavailable) and
    /// [`LimitExceeded`](Category::LimitExceeded).
    pub const fn retryable(self) -> bool {
        matches!(
            self,
            Category::ServerError | Category::Unavailable | Category::LimitExceeded
        )
    }
}

/// A header's code read in any service's table, for both header types.
macro_rules! service_shortcuts {
    ($($impl:tt)*) => {
        $($impl)* {
            /// The row of `result_code` in `service`'s table.
            pub const fn entry_in(&self, service: Service) -> Option<&'static Entry> {
                service.lookup(self.result_code)
            }

            /// The category of `result_code` in `service`'s table.
            pub const fn category_in(&self, service: Service) -> Category {
                service.category(self.result_code)
            }

            /// Whether `is_successful` agrees with `service`'s table
            /// ([`ServiceCatalog::is_consistent`]).
            pub const fn is_consistent_in(&self, service: Service) -> bool {
                service.catalog().is_consistent(self.result_code, self.is_successful)
            }
        }
    };
}

service_shortcuts!(impl Header<'_>);
service_shortcuts!(impl<const N: usize> OwnedHeader<N>);

crate::compute::display_name!(Service, Category);
