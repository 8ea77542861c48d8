//! The NHN Cloud services whose result-code tables this crate ships.
//!
//! The header is the same across services but the codes are not: 20001 is
//! "No available IP" in Compute, "Failed to authenticate with AppKey" in CDN
//! and "Invalid condition attribute ID" in ROLE. So a code is read in a
//! [`Service`]'s table ([`Catalog`]), and what a gateway acts on is the
//! row's [`Meaning`]: one vocabulary across services.

use crate::catalog::{Catalog, Entry};
use crate::header::{Header, OwnedHeader, ResultCode};
use crate::meaning::Meaning;
use crate::names::{display_name, from_str_by_name};
use crate::stream::StreamHeader;
use crate::vocabulary::{Advice, Category};

/// An NHN Cloud service whose result-code table this crate ships.
///
/// ```
/// use nhncloud_header::{Category, Service};
///
/// // One number, three meanings.
/// assert_eq!(Service::Compute.lookup(20001).unwrap().message(), "No available IP");
/// assert_eq!(
///     Service::Cdn.lookup(20001).unwrap().message(),
///     "Failed to authenticate with AppKey."
/// );
/// assert_eq!(Service::Cdn.category(20001), Category::Unauthorized);
/// assert_eq!("kakaotalk-bizmessage".parse(), Ok(Service::KakaotalkBizmessage));
/// assert_eq!(Service::NotificationHub.to_string(), "notification-hub");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Service {
    /// Compute > Instance (the crate's [`classify`](crate::classify) table,
    /// whose [`ComputeDetails`](crate::ComputeDetails) it adds).
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
    /// Dev Tools > Deploy: string codes (`"SUCCESS"`, `"NOT_FOUND_OS"`).
    Deploy,
}

impl Service {
    /// Every service, in the order of the README.
    pub const ALL: [Service; 15] = [
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
        Service::Deploy,
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
            Service::Deploy => "deploy",
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
    /// [`Catalog::PUSH`].
    pub const fn catalog(self) -> Catalog {
        match self {
            Service::Compute => Catalog::COMPUTE,
            Service::Push => Catalog::PUSH,
            Service::Sms => Catalog::SMS,
            Service::Email => Catalog::EMAIL,
            Service::KakaotalkBizmessage => Catalog::KAKAOTALK_BIZMESSAGE,
            Service::NotificationHub => Catalog::NOTIFICATION_HUB,
            Service::Cdn => Catalog::CDN,
            Service::ApiGateway => Catalog::API_GATEWAY,
            Service::Role => Catalog::ROLE,
            Service::Leaderboard => Catalog::LEADERBOARD,
            Service::DocumentRecognizer => Catalog::DOCUMENT_RECOGNIZER,
            Service::Gamebase => Catalog::GAMEBASE,
            Service::FaceRecognition => Catalog::FACE_RECOGNITION,
            Service::CertificateManager => Catalog::CERTIFICATE_MANAGER,
            Service::Deploy => Catalog::DEPLOY,
        }
    }

    /// The row of `code` in this service's table; the first of them where
    /// the table gives several ([`Catalog::entries_of`]).
    pub const fn lookup(self, code: i32) -> Option<&'static Entry> {
        self.catalog().lookup(code)
    }

    /// The category of the integer `code`:
    /// [`Unspecified`](Category::Unspecified) when the table does not list it.
    pub const fn category(self, code: i32) -> Category {
        self.catalog().category(code)
    }

    /// What to do about the integer `code`:
    /// [`ReadMessage`](Advice::ReadMessage) when the table does not list it.
    pub const fn advice(self, code: i32) -> Advice {
        self.catalog().advice(code)
    }

    /// What an integer `code` and `isSuccessful` mean in this service's
    /// table (without a message to pick among several rows of one code).
    pub fn meaning(self, code: i32, is_successful: bool) -> Meaning {
        self.catalog().meaning(
            &ResultCode::<&str>::Integer(code),
            is_successful,
            None::<&&str>,
        )
    }
}

impl Header<'_> {
    /// The code read in `service`'s table: category, advice, consistency
    /// (a run-time `service` links every table; see [`meaning_in`](Self::meaning_in)).
    pub fn meaning(&self, service: Service) -> Meaning {
        self.meaning_in(&service.catalog())
    }

    /// The code read in `catalog` (`&Catalog::PUSH` links Push's table
    /// alone).
    pub fn meaning_in(&self, catalog: &Catalog) -> Meaning {
        catalog.meaning(
            &self.result_code,
            self.is_successful,
            self.result_message.as_ref(),
        )
    }

    /// The code's rows in `service`'s table ([`Catalog::entries_for`]).
    pub fn entries_in(&self, service: Service) -> &'static [Entry] {
        service.catalog().entries_for(&self.result_code)
    }
}

/// The code of a header whose strings are in a room (the owned header, and
/// the stream's), read as [`Header`]'s is.
macro_rules! room_header_meaning {
    ($($impl:tt)*) => {
        $($impl)* {
            /// The code read in `service`'s table, as [`Header::meaning`].
            pub fn meaning(&self, service: Service) -> Meaning {
                self.meaning_in(&service.catalog())
            }

            /// The code read in `catalog`, as [`Header::meaning_in`].
            pub fn meaning_in(&self, catalog: &Catalog) -> Meaning {
                catalog.meaning(
                    &self.result_code(),
                    self.is_successful(),
                    self.result_message().as_ref(),
                )
            }
        }
    };
}
room_header_meaning!(impl<const N: usize> OwnedHeader<N>);
room_header_meaning!(impl<const N: usize> StreamHeader<'_, N>);

display_name!(Service);
from_str_by_name!(Service => "service");
