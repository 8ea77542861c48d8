//! Every name and text the crate shows, pinned: the `name()`, `Display` and
//! `description()` of each error kind, field, class, API, remedy, service,
//! category and advice, and how an `Error` displays. Tools match on the names and people read the texts,
//! so changing either must break a row here. (The Japanese texts and the
//! messages are pinned against the service's own table in `classify.rs`.)

use nhncloud_header::{
    Advice, Api, Category, Class, ErrorKind, Field, ReadError, Remedy, Service, parse,
};

/// Each error kind: its name (which is also its `Display`) and description.
const ERROR_KINDS: &[(ErrorKind, &str, &str)] = &[
    (ErrorKind::Empty, "empty", "empty body"),
    (
        ErrorKind::NotAnObject,
        "not_an_object",
        "top-level value is not an object",
    ),
    (
        ErrorKind::UnexpectedByte,
        "unexpected_byte",
        "unexpected byte",
    ),
    (
        ErrorKind::UnexpectedEnd,
        "unexpected_end",
        "unexpected end of input",
    ),
    (ErrorKind::InvalidNumber, "invalid_number", "invalid number"),
    (ErrorKind::InvalidEscape, "invalid_escape", "invalid escape"),
    (ErrorKind::LoneSurrogate, "lone_surrogate", "lone surrogate"),
    (
        ErrorKind::ControlCharacter,
        "control_character",
        "control character in string",
    ),
    (ErrorKind::InvalidUtf8, "invalid_utf8", "invalid UTF-8"),
    (ErrorKind::DepthLimit, "depth_limit", "nesting too deep"),
    (
        ErrorKind::TrailingCharacters,
        "trailing_characters",
        "trailing characters",
    ),
    (ErrorKind::MissingHeader, "missing_header", "missing header"),
    (ErrorKind::MissingField, "missing_field", "missing field"),
    (ErrorKind::DuplicateKey, "duplicate_key", "duplicate key"),
    (ErrorKind::WrongType, "wrong_type", "wrong type"),
    (
        ErrorKind::InvalidResultCode,
        "invalid_result_code",
        "resultCode is not an i32 integer",
    ),
    (
        ErrorKind::CodeTooLong,
        "code_too_long",
        "string resultCode longer than the room for it",
    ),
];

/// Each service: its name (also its `Display`, and what `FromStr` takes).
const SERVICES: &[(Service, &str)] = &[
    (Service::Compute, "compute"),
    (Service::Push, "push"),
    (Service::Sms, "sms"),
    (Service::Email, "email"),
    (Service::KakaotalkBizmessage, "kakaotalk-bizmessage"),
    (Service::NotificationHub, "notification-hub"),
    (Service::Cdn, "cdn"),
    (Service::ApiGateway, "api-gateway"),
    (Service::Role, "role"),
    (Service::Leaderboard, "leaderboard"),
    (Service::DocumentRecognizer, "document-recognizer"),
    (Service::Gamebase, "gamebase"),
    (Service::FaceRecognition, "face-recognition"),
    (Service::CertificateManager, "certificate-manager"),
    (Service::Deploy, "deploy"),
];

/// Each category: its name (also its `Display`).
const CATEGORIES: &[(Category, &str)] = &[
    (Category::Success, "success"),
    (Category::PartialSuccess, "partial_success"),
    (Category::InvalidRequest, "invalid_request"),
    (Category::Unauthorized, "unauthorized"),
    (Category::Forbidden, "forbidden"),
    (Category::NotFound, "not_found"),
    (Category::Conflict, "conflict"),
    (Category::LimitExceeded, "limit_exceeded"),
    (Category::ServerError, "server_error"),
    (Category::Unavailable, "unavailable"),
    (Category::Unspecified, "unspecified"),
];

/// Each advice: its name (also its `Display`), whether it is retryable, and
/// its description.
const ADVICE: &[(Advice, &str, bool, &str)] = &[
    (Advice::None, "none", false, "Nothing to do."),
    (
        Advice::CheckResult,
        "check_result",
        false,
        "Part of the request was done: the body says which part failed.",
    ),
    (
        Advice::FixRequest,
        "fix_request",
        false,
        "Fix the request as resultMessage says, then send it again.",
    ),
    (
        Advice::Authenticate,
        "authenticate",
        false,
        "Renew the credentials (AppKey, secret key, token), then send again.",
    ),
    (
        Advice::GetPermission,
        "get_permission",
        false,
        "Get the permission the request needs, or use another account.",
    ),
    (
        Advice::CheckState,
        "check_state",
        false,
        "Check the state of the resource (it exists, or a task is running) before sending again.",
    ),
    (
        Advice::RetryLater,
        "retry_later",
        true,
        "Send the same request again after a while.",
    ),
    (
        Advice::Retry,
        "retry",
        true,
        "Send the same request again, with back-off.",
    ),
    (
        Advice::ContactSupport,
        "contact_support",
        false,
        "Contact the operator (support).",
    ),
    (
        Advice::SeeDetail,
        "see_detail",
        false,
        "Read the detail description after the colon in resultMessage.",
    ),
    (
        Advice::ReadMessage,
        "read_message",
        false,
        "Nothing says what to do: read resultMessage.",
    ),
];

/// Each field: its JSON key (also its `Display`).
const FIELDS: &[(Field, &str)] = &[
    (Field::IsSuccessful, "isSuccessful"),
    (Field::ResultCode, "resultCode"),
    (Field::ResultMessage, "resultMessage"),
];

/// Each class: its name (also its `Display`) and English description.
const CLASSES: &[(Class, &str, Option<&str>)] = &[
    (
        Class::Success,
        "success",
        Some("Success. Depending on the API, the body carries more fields besides \"header\"."),
    ),
    (
        Class::Fail,
        "fail",
        Some(
            "Integration with the authentication module failed, or the request cannot be \
             executed in the current state. Retry is possible after acting on the detail \
             description.",
        ),
    ),
    (
        Class::UnknownException,
        "unknown_exception",
        Some("An unexpected error occurred. Contact the operator (support)."),
    ),
    (
        Class::PermissionDenied,
        "permission_denied",
        Some(
            "Request by a user, AppKey or token ID without permission. See the detail \
             description.",
        ),
    ),
    (
        Class::InvalidParameters,
        "invalid_parameters",
        Some(
            "A required value is missing from the request URL or body, or a value has a wrong \
             format. Retry is possible after acting on the detail description.",
        ),
    ),
    (
        Class::Nonexistent,
        "nonexistent",
        Some("A resource that does not exist was accessed. See the detail description."),
    ),
    (
        Class::InternalDbFailure,
        "internal_db_failure",
        Some("A database query failed. Contact the operator (support)."),
    ),
    (
        Class::NotSupported,
        "not_supported",
        Some("An unsupported feature was requested. See the detail description."),
    ),
    (
        Class::JsonParsingError,
        "json_parsing_error",
        Some("Parsing the JSON request body failed. Check the request body."),
    ),
    (
        Class::NoAvailableIp,
        "no_available_ip",
        Some("No IP address can be allocated. Contact the operator (support)."),
    ),
    (
        Class::NoAccessibleNetwork,
        "no_accessible_network",
        Some(
            "Network lookup failed: looked up with a wrong network ID, or no network is \
             accessible.",
        ),
    ),
    (
        Class::ApiError,
        "api_error",
        Some(
            "The last three digits of resultCode are the HTTP status code. Retry is possible \
             after acting on resultMessage.",
        ),
    ),
    (Class::Unknown, "unknown", None),
];

/// Each API: its name (also its `Display`).
const APIS: &[(Api, &str)] = &[
    (Api::Instance, "instance"),
    (Api::Api, "api"),
    (Api::AvailabilityZone, "availability_zone"),
    (Api::Keypair, "keypair"),
    (Api::Network, "network"),
    (Api::Subnet, "subnet"),
    (Api::FloatingIp, "floating_ip"),
    (Api::LoadBalancer, "load_balancer"),
    (Api::SecurityGroup, "security_group"),
    (Api::Image, "image"),
    (Api::Volume, "volume"),
    (Api::Token, "token"),
];

/// Each remedy: its name (also its `Display`) and description.
const REMEDIES: &[(Remedy, &str, &str)] = &[
    (Remedy::None, "none", "Nothing to do."),
    (
        Remedy::RetryAfterFix,
        "retry_after_fix",
        "Fix the request as resultMessage says, then retry.",
    ),
    (
        Remedy::ContactSupport,
        "contact_support",
        "Contact the operator (support).",
    ),
    (
        Remedy::SeeDetail,
        "see_detail",
        "Read the detail description after the colon in resultMessage.",
    ),
    (
        Remedy::CheckRequestBody,
        "check_request_body",
        "Check the JSON request body.",
    ),
    (
        Remedy::CheckNetworkId,
        "check_network_id",
        "Check the network ID, and that a network is accessible.",
    ),
    (
        Remedy::Unknown,
        "unknown",
        "The code is not in the table: read resultMessage.",
    ),
];

#[test]
fn error_kind_names_and_descriptions() {
    for &(kind, name, description) in ERROR_KINDS {
        assert_eq!(kind.name(), name, "{kind:?}");
        assert_eq!(kind.to_string(), name, "{kind:?}");
        assert_eq!(kind.description(), description, "{kind:?}");
    }
}

#[test]
fn field_keys() {
    for &(field, key) in FIELDS {
        assert_eq!(field.key(), key, "{field:?}");
        assert_eq!(field.to_string(), key, "{field:?}");
    }
}

#[test]
fn class_names_and_descriptions() {
    for &(class, name, description) in CLASSES {
        assert_eq!(class.name(), name, "{class:?}");
        assert_eq!(class.to_string(), name, "{class:?}");
        assert_eq!(class.description(), description, "{class:?}");
    }
}

#[test]
fn api_names() {
    for &(api, name) in APIS {
        assert_eq!(api.name(), name, "{api:?}");
        assert_eq!(api.to_string(), name, "{api:?}");
    }
}

#[test]
fn remedy_names_and_descriptions() {
    for &(remedy, name, description) in REMEDIES {
        assert_eq!(remedy.name(), name, "{remedy:?}");
        assert_eq!(remedy.to_string(), name, "{remedy:?}");
        assert_eq!(remedy.description(), description, "{remedy:?}");
    }
}

#[test]
fn service_category_and_advice_names() {
    for &(service, name) in SERVICES {
        assert_eq!(service.name(), name, "{service:?}");
        assert_eq!(service.to_string(), name, "{service:?}");
        assert_eq!(name.parse(), Ok(service), "{service:?}");
    }
    for &(category, name) in CATEGORIES {
        assert_eq!(category.name(), name, "{category:?}");
        assert_eq!(category.to_string(), name, "{category:?}");
        assert_eq!(name.parse(), Ok(category), "{category:?}");
    }
    for &(advice, name, retryable, description) in ADVICE {
        assert_eq!(advice.name(), name, "{advice:?}");
        assert_eq!(advice.to_string(), name, "{advice:?}");
        assert_eq!(name.parse(), Ok(advice), "{advice:?}");
        assert_eq!(advice.retryable(), retryable, "{advice:?}");
        assert_eq!(advice.description(), description, "{advice:?}");
    }
    let error = "Compute".parse::<Service>().unwrap_err();
    assert_eq!(error.to_string(), "not the name of any service");
    assert_eq!(
        "retry-later".parse::<Advice>().unwrap_err().to_string(),
        "not the name of any advice"
    );
}

/// The variants of `pub enum name` in `source`, in order. `ErrorKind` is
/// `#[non_exhaustive]`, so no match outside the crate can be exhaustive:
/// the source is what lists its variants.
fn variants_in_source(source: &str, name: &str) -> Vec<String> {
    let start = source
        .find(&format!("pub enum {name} {{"))
        .unwrap_or_else(|| panic!("`pub enum {name}` in the source"));
    source[start..]
        .lines()
        .skip(1)
        .take_while(|line| line.trim() != "}")
        .map(str::trim)
        .filter(|line| !line.starts_with("//") && !line.starts_with('#'))
        .map(|line| {
            let variant = line.strip_suffix(',').unwrap_or(line);
            assert!(
                variant.chars().all(char::is_alphanumeric),
                "a fieldless variant of {name}: {line:?}"
            );
            variant.to_string()
        })
        .collect()
}

fn debug_names<T: std::fmt::Debug>(variants: impl Iterator<Item = T>) -> Vec<String> {
    variants.map(|variant| format!("{variant:?}")).collect()
}

/// A variant added to any of these enums must get a row above.
#[test]
fn every_variant_has_a_row() {
    let error_rs = include_str!("../src/error.rs");
    let compute_rs = include_str!("../src/compute.rs");
    let service_rs = include_str!("../src/service.rs");
    let vocabulary_rs = include_str!("../src/vocabulary.rs");
    let tables = [
        (
            "ErrorKind",
            error_rs,
            debug_names(ERROR_KINDS.iter().map(|row| row.0)),
        ),
        (
            "Field",
            error_rs,
            debug_names(FIELDS.iter().map(|row| row.0)),
        ),
        (
            "Class",
            compute_rs,
            debug_names(CLASSES.iter().map(|row| row.0)),
        ),
        ("Api", compute_rs, debug_names(APIS.iter().map(|row| row.0))),
        (
            "Remedy",
            compute_rs,
            debug_names(REMEDIES.iter().map(|row| row.0)),
        ),
        (
            "Service",
            service_rs,
            debug_names(SERVICES.iter().map(|row| row.0)),
        ),
        (
            "Category",
            vocabulary_rs,
            debug_names(CATEGORIES.iter().map(|row| row.0)),
        ),
        (
            "Advice",
            vocabulary_rs,
            debug_names(ADVICE.iter().map(|row| row.0)),
        ),
    ];
    for (name, source, rows) in tables {
        assert_eq!(rows, variants_in_source(source, name), "rows of {name}");
    }
    // The `ALL` lists are in declaration order: the C API numbers by them.
    assert!(ERROR_KINDS.iter().map(|row| row.0).eq(ErrorKind::ALL));
    assert!(FIELDS.iter().map(|row| row.0).eq(Field::ALL));
    assert!(CLASSES.iter().map(|row| row.0).eq(Class::ALL));
    assert!(APIS.iter().map(|row| row.0).eq(Api::ALL));
    assert!(REMEDIES.iter().map(|row| row.0).eq(Remedy::ALL));
    assert!(SERVICES.iter().map(|row| row.0).eq(Service::ALL));
    assert!(CATEGORIES.iter().map(|row| row.0).eq(Category::ALL));
    assert!(ADVICE.iter().map(|row| row.0).eq(Advice::ALL));
}

/// `Error` displays as the kind's description, the field in backquotes if
/// one is at fault, and the offset.
#[test]
fn error_display() {
    let rows: [(&[u8], &str); 10] = [
        (b"", "empty body at byte 0"),
        (b"  \n", "empty body at byte 3"),
        (br#"{"id":1}"#, "missing header at byte 7"),
        (br#"{"a":"\ud800"}"#, "lone surrogate at byte 12"),
        (
            br#"{"header": {"resultMessage": "\x"}}"#,
            "invalid escape at byte 31",
        ),
        (
            br#"{"header":{"isSuccessful":true,"resultCode":0}}"#,
            "missing field `resultMessage` at byte 45",
        ),
        (
            br#"{"header":{"isSuccessful":1}}"#,
            "wrong type `isSuccessful` at byte 26",
        ),
        (
            br#"{"header":{"isSuccessful":true,"resultCode":1.5,"resultMessage":null}}"#,
            "resultCode is not an i32 integer `resultCode` at byte 44",
        ),
        (
            br#"{"header":{"isSuccessful":true,"isSuccessful":true}}"#,
            "duplicate key `isSuccessful` at byte 31",
        ),
        (
            br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":null},"header":1}"#,
            "duplicate key at byte 68",
        ),
    ];
    for (body, display) in rows {
        let error = parse(body).unwrap_err();
        assert_eq!(
            error.to_string(),
            display,
            "{:?}",
            String::from_utf8_lossy(body)
        );
        let read_error: ReadError<&str> = ReadError::Parse(error);
        assert_eq!(read_error.to_string(), display);
    }
    assert_eq!(
        ReadError::Read("link down").to_string(),
        "read failed: link down"
    );
}

#[test]
fn buffer_too_small_display() {
    let header =
        parse(br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"a\u00e9"}}"#)
            .unwrap();
    let error = header
        .result_message
        .unwrap()
        .unescape_into(&mut [0; 2])
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "buffer too small: the message needs 3 bytes"
    );
}
