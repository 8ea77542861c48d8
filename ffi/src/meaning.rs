//! What a header's code means in any service's table: its category, the
//! advice (what to do next, and whether a retry can help), the table's
//! texts; the services, categories and advice by number and by name.

use core::ffi::{CStr, c_char};

use nhncloud::{Advice, Category, ResultCode, Service};

use crate::{
    NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT, NHNCLOUD_HEADER_RESULT_OK, Span, any_overlap,
    nhncloud_header, nhncloud_header_result, writable,
};

/// Compute > Instance.
pub const NHNCLOUD_HEADER_SERVICE_COMPUTE: u32 = 0;
/// Notification > Push.
pub const NHNCLOUD_HEADER_SERVICE_PUSH: u32 = 1;
/// Notification > SMS.
pub const NHNCLOUD_HEADER_SERVICE_SMS: u32 = 2;
/// Notification > Email.
pub const NHNCLOUD_HEADER_SERVICE_EMAIL: u32 = 3;
/// Notification > KakaoTalk Bizmessage.
pub const NHNCLOUD_HEADER_SERVICE_KAKAOTALK_BIZMESSAGE: u32 = 4;
/// Notification > Notification Hub.
pub const NHNCLOUD_HEADER_SERVICE_NOTIFICATION_HUB: u32 = 5;
/// Content Delivery > CDN.
pub const NHNCLOUD_HEADER_SERVICE_CDN: u32 = 6;
/// Application Service > API Gateway.
pub const NHNCLOUD_HEADER_SERVICE_API_GATEWAY: u32 = 7;
/// Application Service > ROLE.
pub const NHNCLOUD_HEADER_SERVICE_ROLE: u32 = 8;
/// Game > Leaderboard.
pub const NHNCLOUD_HEADER_SERVICE_LEADERBOARD: u32 = 9;
/// AI Service > Document Recognizer.
pub const NHNCLOUD_HEADER_SERVICE_DOCUMENT_RECOGNIZER: u32 = 10;
/// Game > Gamebase.
pub const NHNCLOUD_HEADER_SERVICE_GAMEBASE: u32 = 11;
/// AI Service > Face Recognition.
pub const NHNCLOUD_HEADER_SERVICE_FACE_RECOGNITION: u32 = 12;
/// Security > Certificate Manager.
pub const NHNCLOUD_HEADER_SERVICE_CERTIFICATE_MANAGER: u32 = 13;
/// Dev Tools > Deploy (string codes).
pub const NHNCLOUD_HEADER_SERVICE_DEPLOY: u32 = 14;
/// No service has that name.
pub const NHNCLOUD_HEADER_SERVICE_NONE: u32 = 255;

/// The request was done.
pub const NHNCLOUD_HEADER_CATEGORY_SUCCESS: u32 = 0;
/// Some of it was done.
pub const NHNCLOUD_HEADER_CATEGORY_PARTIAL_SUCCESS: u32 = 1;
/// The request is malformed or breaks a rule of the API.
pub const NHNCLOUD_HEADER_CATEGORY_INVALID_REQUEST: u32 = 2;
/// The caller's credentials are missing, invalid or expired.
pub const NHNCLOUD_HEADER_CATEGORY_UNAUTHORIZED: u32 = 3;
/// The caller is known but not allowed.
pub const NHNCLOUD_HEADER_CATEGORY_FORBIDDEN: u32 = 4;
/// The named resource, service or API does not exist.
pub const NHNCLOUD_HEADER_CATEGORY_NOT_FOUND: u32 = 5;
/// The request collides with the current state.
pub const NHNCLOUD_HEADER_CATEGORY_CONFLICT: u32 = 6;
/// A rate or quota is used up.
pub const NHNCLOUD_HEADER_CATEGORY_LIMIT_EXCEEDED: u32 = 7;
/// The service failed.
pub const NHNCLOUD_HEADER_CATEGORY_SERVER_ERROR: u32 = 8;
/// The service or one behind it is unavailable or timed out.
pub const NHNCLOUD_HEADER_CATEGORY_UNAVAILABLE: u32 = 9;
/// No evidence for more, or the code is not in the table.
pub const NHNCLOUD_HEADER_CATEGORY_UNSPECIFIED: u32 = 10;

/// Done: nothing to do.
pub const NHNCLOUD_HEADER_ADVICE_NONE: u32 = 0;
/// Part of it was done: the body says which part failed.
pub const NHNCLOUD_HEADER_ADVICE_CHECK_RESULT: u32 = 1;
/// Fix the request as the message says, then send it again.
pub const NHNCLOUD_HEADER_ADVICE_FIX_REQUEST: u32 = 2;
/// Renew the credentials, then send again.
pub const NHNCLOUD_HEADER_ADVICE_AUTHENTICATE: u32 = 3;
/// Get the permission, or use another account.
pub const NHNCLOUD_HEADER_ADVICE_GET_PERMISSION: u32 = 4;
/// Look at the resource's state before sending again.
pub const NHNCLOUD_HEADER_ADVICE_CHECK_STATE: u32 = 5;
/// Send the same request again after a while (retryable).
pub const NHNCLOUD_HEADER_ADVICE_RETRY_LATER: u32 = 6;
/// Send the same request again, with back-off (retryable).
pub const NHNCLOUD_HEADER_ADVICE_RETRY: u32 = 7;
/// Only the operator can help: contact support.
pub const NHNCLOUD_HEADER_ADVICE_CONTACT_SUPPORT: u32 = 8;
/// The message's detail description says what to do.
pub const NHNCLOUD_HEADER_ADVICE_SEE_DETAIL: u32 = 9;
/// Nothing says what to do: read the message.
pub const NHNCLOUD_HEADER_ADVICE_READ_MESSAGE: u32 = 10;

/// What a header's code means in one service's table, as
/// `nhncloud_header_meaning_of` fills it in.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct nhncloud_header_meaning {
    /// The code is in the service's table.
    pub known: bool,
    /// The same request may succeed if sent again (the advice is
    /// `RETRY_LATER` or `RETRY`).
    pub retryable: bool,
    /// `isSuccessful` agrees with the table.
    pub consistent: bool,
    /// An `NHNCLOUD_HEADER_CATEGORY_` value.
    pub category: u32,
    /// An `NHNCLOUD_HEADER_ADVICE_` value.
    pub advice: u32,
    /// The table's `resultMessage` for the code, static and NUL-terminated;
    /// NULL when the code is not in the table, or the table gives several
    /// messages for it and none is the header's.
    pub message: *const c_char,
    /// The table's explanatory column for the code, static and
    /// NUL-terminated; NULL when there is none.
    pub description: *const c_char,
}

const SERVICE_NAMES: [&CStr; 15] = c_strings![
    "compute",
    "push",
    "sms",
    "email",
    "kakaotalk-bizmessage",
    "notification-hub",
    "cdn",
    "api-gateway",
    "role",
    "leaderboard",
    "document-recognizer",
    "gamebase",
    "face-recognition",
    "certificate-manager",
    "deploy",
];
const CATEGORY_NAMES: [&CStr; 11] = c_strings![
    "success",
    "partial_success",
    "invalid_request",
    "unauthorized",
    "forbidden",
    "not_found",
    "conflict",
    "limit_exceeded",
    "server_error",
    "unavailable",
    "unspecified",
];
const ADVICE_NAMES: [&CStr; 11] = c_strings![
    "none",
    "check_result",
    "fix_request",
    "authenticate",
    "get_permission",
    "check_state",
    "retry_later",
    "retry",
    "contact_support",
    "see_detail",
    "read_message",
];
const ADVICE_DESCRIPTIONS: [&CStr; 11] = c_strings![
    "Nothing to do.",
    "Part of the request was done: the body says which part failed.",
    "Fix the request as resultMessage says, then send it again.",
    "Renew the credentials (AppKey, secret key, token), then send again.",
    "Get the permission the request needs, or use another account.",
    "Check the state of the resource (it exists, or a task is running) before sending again.",
    "Send the same request again after a while.",
    "Send the same request again, with back-off.",
    "Contact the operator (support).",
    "Read the detail description after the colon in resultMessage.",
    "Nothing says what to do: read resultMessage.",
];

// Every table above is the Rust crate's, value for value: the build fails
// if a name, a number or an order drifts.
const _: () = {
    use crate::names::same;
    assert!(SERVICE_NAMES.len() == Service::ALL.len());
    let mut i = 0;
    while i < Service::ALL.len() {
        assert!(Service::ALL[i] as usize == i);
        assert!(same(SERVICE_NAMES[i], Service::ALL[i].name()));
        i += 1;
    }
    assert!(CATEGORY_NAMES.len() == Category::ALL.len());
    let mut i = 0;
    while i < Category::ALL.len() {
        assert!(Category::ALL[i] as usize == i);
        assert!(same(CATEGORY_NAMES[i], Category::ALL[i].name()));
        i += 1;
    }
    assert!(ADVICE_NAMES.len() == Advice::ALL.len());
    let mut i = 0;
    while i < Advice::ALL.len() {
        assert!(Advice::ALL[i] as usize == i);
        assert!(same(ADVICE_NAMES[i], Advice::ALL[i].name()));
        assert!(same(ADVICE_DESCRIPTIONS[i], Advice::ALL[i].description()));
        i += 1;
    }
    assert!(Service::Compute as u32 == NHNCLOUD_HEADER_SERVICE_COMPUTE);
    assert!(Service::Push as u32 == NHNCLOUD_HEADER_SERVICE_PUSH);
    assert!(Service::Sms as u32 == NHNCLOUD_HEADER_SERVICE_SMS);
    assert!(Service::Email as u32 == NHNCLOUD_HEADER_SERVICE_EMAIL);
    assert!(Service::KakaotalkBizmessage as u32 == NHNCLOUD_HEADER_SERVICE_KAKAOTALK_BIZMESSAGE);
    assert!(Service::NotificationHub as u32 == NHNCLOUD_HEADER_SERVICE_NOTIFICATION_HUB);
    assert!(Service::Cdn as u32 == NHNCLOUD_HEADER_SERVICE_CDN);
    assert!(Service::ApiGateway as u32 == NHNCLOUD_HEADER_SERVICE_API_GATEWAY);
    assert!(Service::Role as u32 == NHNCLOUD_HEADER_SERVICE_ROLE);
    assert!(Service::Leaderboard as u32 == NHNCLOUD_HEADER_SERVICE_LEADERBOARD);
    assert!(Service::DocumentRecognizer as u32 == NHNCLOUD_HEADER_SERVICE_DOCUMENT_RECOGNIZER);
    assert!(Service::Gamebase as u32 == NHNCLOUD_HEADER_SERVICE_GAMEBASE);
    assert!(Service::FaceRecognition as u32 == NHNCLOUD_HEADER_SERVICE_FACE_RECOGNITION);
    assert!(Service::CertificateManager as u32 == NHNCLOUD_HEADER_SERVICE_CERTIFICATE_MANAGER);
    assert!(Service::Deploy as u32 == NHNCLOUD_HEADER_SERVICE_DEPLOY);
    assert!(Category::Success as u32 == NHNCLOUD_HEADER_CATEGORY_SUCCESS);
    assert!(Category::PartialSuccess as u32 == NHNCLOUD_HEADER_CATEGORY_PARTIAL_SUCCESS);
    assert!(Category::InvalidRequest as u32 == NHNCLOUD_HEADER_CATEGORY_INVALID_REQUEST);
    assert!(Category::Unauthorized as u32 == NHNCLOUD_HEADER_CATEGORY_UNAUTHORIZED);
    assert!(Category::Forbidden as u32 == NHNCLOUD_HEADER_CATEGORY_FORBIDDEN);
    assert!(Category::NotFound as u32 == NHNCLOUD_HEADER_CATEGORY_NOT_FOUND);
    assert!(Category::Conflict as u32 == NHNCLOUD_HEADER_CATEGORY_CONFLICT);
    assert!(Category::LimitExceeded as u32 == NHNCLOUD_HEADER_CATEGORY_LIMIT_EXCEEDED);
    assert!(Category::ServerError as u32 == NHNCLOUD_HEADER_CATEGORY_SERVER_ERROR);
    assert!(Category::Unavailable as u32 == NHNCLOUD_HEADER_CATEGORY_UNAVAILABLE);
    assert!(Category::Unspecified as u32 == NHNCLOUD_HEADER_CATEGORY_UNSPECIFIED);
    assert!(Advice::None as u32 == NHNCLOUD_HEADER_ADVICE_NONE);
    assert!(Advice::CheckResult as u32 == NHNCLOUD_HEADER_ADVICE_CHECK_RESULT);
    assert!(Advice::FixRequest as u32 == NHNCLOUD_HEADER_ADVICE_FIX_REQUEST);
    assert!(Advice::Authenticate as u32 == NHNCLOUD_HEADER_ADVICE_AUTHENTICATE);
    assert!(Advice::GetPermission as u32 == NHNCLOUD_HEADER_ADVICE_GET_PERMISSION);
    assert!(Advice::CheckState as u32 == NHNCLOUD_HEADER_ADVICE_CHECK_STATE);
    assert!(Advice::RetryLater as u32 == NHNCLOUD_HEADER_ADVICE_RETRY_LATER);
    assert!(Advice::Retry as u32 == NHNCLOUD_HEADER_ADVICE_RETRY);
    assert!(Advice::ContactSupport as u32 == NHNCLOUD_HEADER_ADVICE_CONTACT_SUPPORT);
    assert!(Advice::SeeDetail as u32 == NHNCLOUD_HEADER_ADVICE_SEE_DETAIL);
    assert!(Advice::ReadMessage as u32 == NHNCLOUD_HEADER_ADVICE_READ_MESSAGE);
};

/// The service named `name` (`"push"`, `"notification-hub"`, `"deploy"`,
/// ...: the stable names of `nhncloud_header_service_name`), as an
/// `NHNCLOUD_HEADER_SERVICE_` value; `NHNCLOUD_HEADER_SERVICE_NONE` for any
/// other name, or NULL.
///
/// # Safety
/// `name` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nhncloud_header_service_from_name(name: *const c_char) -> u32 {
    if name.is_null() {
        return NHNCLOUD_HEADER_SERVICE_NONE;
    }
    // SAFETY: the caller's contract.
    let name = unsafe { CStr::from_ptr(name) };
    SERVICE_NAMES
        .iter()
        .position(|known| *known == name)
        .map_or(NHNCLOUD_HEADER_SERVICE_NONE, |index| index as u32)
}

/// The stable name of a service (`"compute"`, `"api-gateway"`, ...); NULL
/// for a value that is not a service.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_service_name(service: u32) -> *const c_char {
    crate::names::name_in(&SERVICE_NAMES, service)
}

/// The stable name of a category (`"not_found"`, ...); NULL for a value
/// that is not a category.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_category_name(category: u32) -> *const c_char {
    crate::names::name_in(&CATEGORY_NAMES, category)
}

/// The stable name of an advice (`"retry_later"`, ...); NULL for a value
/// that is not an advice.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_advice_name(advice: u32) -> *const c_char {
    crate::names::name_in(&ADVICE_NAMES, advice)
}

/// What to do, in an English sentence; NULL for a value that is not an
/// advice.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_advice_description(advice: u32) -> *const c_char {
    crate::names::name_in(&ADVICE_DESCRIPTIONS, advice)
}

/// Whether the same request may succeed if sent again: true exactly for
/// `NHNCLOUD_HEADER_ADVICE_RETRY_LATER` and `NHNCLOUD_HEADER_ADVICE_RETRY`.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_advice_retryable(advice: u32) -> bool {
    Advice::ALL
        .get(advice as usize)
        .is_some_and(|advice| advice.retryable())
}

/// Reads a header (as `nhncloud_header_parse` or the stream filled it in)
/// in `service`'s table into `*out`. `message` is the header's decoded
/// message, `header->message_len` bytes (the buffer the call filled in),
/// or NULL: it picks the row where the table gives several messages for
/// one code. An integer code in a table of strings (Deploy's), or a string
/// in one of integers, is not in the table. Returns
/// `NHNCLOUD_HEADER_RESULT_OK`, or `NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT`
/// (nothing written) for a NULL or misaligned `header` or `out`, an unknown
/// service, or arguments that overlap.
///
/// # Safety
/// `header` is valid for a read; `message` is NULL or valid for reads of
/// `header->message_len` bytes; `out` is valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nhncloud_header_meaning_of(
    service: u32,
    header: *const nhncloud_header,
    message: *const c_char,
    out: *mut nhncloud_header_meaning,
) -> nhncloud_header_result {
    let Some(&service) = Service::ALL.get(service as usize) else {
        return NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT;
    };
    if header.is_null() || !header.is_aligned() {
        return NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT;
    }
    // SAFETY: checked above, and the caller's contract.
    let header = unsafe { &*header };
    let message_len = if message.is_null() {
        0
    } else {
        header.message_len
    };
    let message_span = Span::of(message, message_len);
    if message_span.is_bad()
        || any_overlap(&[Span::one(header), message_span, Span::one(out)])
        || header.code_len >= header.code_text.len()
    {
        return NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT;
    }
    // SAFETY: checked above, and the caller's contract.
    let Some(out) = (unsafe { writable(out) }) else {
        return NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT;
    };
    let message = if header.has_message && !message.is_null() {
        // SAFETY: checked above, and the caller's contract.
        let bytes = unsafe { crate::input(message, header.message_len) };
        core::str::from_utf8(bytes).ok()
    } else {
        None
    };
    let code_bytes = header.code_text.map(|byte| byte as u8);
    let code = match header.code_is_text {
        // Not UTF-8: not a header the library filled in.
        true => match core::str::from_utf8(code_bytes.get(..header.code_len).unwrap_or_default()) {
            Ok(code) => ResultCode::Text(code),
            Err(_) => return NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT,
        },
        false => ResultCode::Integer(header.result_code),
    };
    let meaning = service
        .catalog()
        .meaning(&code, header.is_successful, message.as_ref());
    *out = nhncloud_header_meaning {
        known: meaning.known,
        retryable: meaning.retryable(),
        consistent: meaning.consistent,
        category: meaning.category as u32,
        advice: meaning.advice as u32,
        message: meaning
            .entry
            .and_then(|entry| entry.message_c_str())
            .map_or(core::ptr::null(), CStr::as_ptr),
        description: meaning
            .entry
            .and_then(|entry| entry.description_c_str())
            .map_or(core::ptr::null(), CStr::as_ptr),
    };
    NHNCLOUD_HEADER_RESULT_OK
}
