//! Compute's details of a `resultCode` (its table row, API, HTTP status and
//! remedy), and the names of everything the API numbers, as NUL-terminated
//! static strings. What a code means in any service is `meaning.rs`.

use core::ffi::{CStr, c_char};

use nhncloud::{Api, Class, ComputeDetails, ErrorKind, Field, Remedy};

use crate::nhncloud_header_result;

/// 0: the call succeeded.
pub const NHNCLOUD_HEADER_CLASS_SUCCESS: u32 = 0;
/// -1: authentication failed, or the request cannot run in this state.
pub const NHNCLOUD_HEADER_CLASS_FAIL: u32 = 1;
/// -2: an unexpected error.
pub const NHNCLOUD_HEADER_CLASS_UNKNOWN_EXCEPTION: u32 = 2;
/// -3: no permission for this user, AppKey or token.
pub const NHNCLOUD_HEADER_CLASS_PERMISSION_DENIED: u32 = 3;
/// -4: a required value is missing or malformed.
pub const NHNCLOUD_HEADER_CLASS_INVALID_PARAMETERS: u32 = 4;
/// -5: the resource does not exist.
pub const NHNCLOUD_HEADER_CLASS_NONEXISTENT: u32 = 5;
/// -6: a database query failed.
pub const NHNCLOUD_HEADER_CLASS_INTERNAL_DB_FAILURE: u32 = 6;
/// -7: the feature is not supported.
pub const NHNCLOUD_HEADER_CLASS_NOT_SUPPORTED: u32 = 7;
/// -8: the JSON request body could not be parsed.
pub const NHNCLOUD_HEADER_CLASS_JSON_PARSING_ERROR: u32 = 8;
/// 20001: no IP address can be allocated.
pub const NHNCLOUD_HEADER_CLASS_NO_AVAILABLE_IP: u32 = 9;
/// 20004: no accessible network, or a wrong network ID.
pub const NHNCLOUD_HEADER_CLASS_NO_ACCESSIBLE_NETWORK: u32 = 10;
/// `NN400` to `NN499`: an HTTP client error from one of the APIs.
pub const NHNCLOUD_HEADER_CLASS_API_ERROR: u32 = 11;
/// Any code the table does not list.
pub const NHNCLOUD_HEADER_CLASS_UNKNOWN: u32 = 12;

/// 10xxx
pub const NHNCLOUD_HEADER_API_INSTANCE: u32 = 0;
/// 11xxx
pub const NHNCLOUD_HEADER_API_API: u32 = 1;
/// 12xxx
pub const NHNCLOUD_HEADER_API_AVAILABILITY_ZONE: u32 = 2;
/// 13xxx
pub const NHNCLOUD_HEADER_API_KEYPAIR: u32 = 3;
/// 20xxx
pub const NHNCLOUD_HEADER_API_NETWORK: u32 = 4;
/// 21xxx
pub const NHNCLOUD_HEADER_API_SUBNET: u32 = 5;
/// 22xxx
pub const NHNCLOUD_HEADER_API_FLOATING_IP: u32 = 6;
/// 23xxx
pub const NHNCLOUD_HEADER_API_LOAD_BALANCER: u32 = 7;
/// 24xxx
pub const NHNCLOUD_HEADER_API_SECURITY_GROUP: u32 = 8;
/// 30xxx
pub const NHNCLOUD_HEADER_API_IMAGE: u32 = 9;
/// 40xxx
pub const NHNCLOUD_HEADER_API_VOLUME: u32 = 10;
/// 50xxx
pub const NHNCLOUD_HEADER_API_TOKEN: u32 = 11;
/// The code is not an API error.
pub const NHNCLOUD_HEADER_API_NONE: u32 = 255;

/// Success: nothing to do.
pub const NHNCLOUD_HEADER_REMEDY_NONE: u32 = 0;
/// Fix the request as the message or its detail says, then retry.
pub const NHNCLOUD_HEADER_REMEDY_RETRY_AFTER_FIX: u32 = 1;
/// Only the operator can help: contact support.
pub const NHNCLOUD_HEADER_REMEDY_CONTACT_SUPPORT: u32 = 2;
/// Read the detail after the colon in `resultMessage`.
pub const NHNCLOUD_HEADER_REMEDY_SEE_DETAIL: u32 = 3;
/// Check the JSON request body.
pub const NHNCLOUD_HEADER_REMEDY_CHECK_REQUEST_BODY: u32 = 4;
/// Check the network ID, and that a network is accessible.
pub const NHNCLOUD_HEADER_REMEDY_CHECK_NETWORK_ID: u32 = 5;
/// The code is not in the table.
pub const NHNCLOUD_HEADER_REMEDY_UNKNOWN: u32 = 6;

/// The names C callers get, in the order the values above number them.
/// Each is checked below against the Rust crate's own `name()`.
const RESULT_NAMES: [&CStr; 18] = c_strings![
    "ok",
    "empty",
    "not_an_object",
    "unexpected_byte",
    "unexpected_end",
    "invalid_number",
    "invalid_escape",
    "lone_surrogate",
    "control_character",
    "invalid_utf8",
    "depth_limit",
    "trailing_characters",
    "missing_header",
    "missing_field",
    "duplicate_key",
    "wrong_type",
    "invalid_result_code",
    "code_too_long",
];
const NULL_ARGUMENT_NAME: &CStr = c_strings!["null_argument"][0];
const FIELD_NAMES: [&CStr; 4] = c_strings!["", "isSuccessful", "resultCode", "resultMessage"];
const CLASS_NAMES: [&CStr; 13] = c_strings![
    "success",
    "fail",
    "unknown_exception",
    "permission_denied",
    "invalid_parameters",
    "nonexistent",
    "internal_db_failure",
    "not_supported",
    "json_parsing_error",
    "no_available_ip",
    "no_accessible_network",
    "api_error",
    "unknown",
];
const API_NAMES: [&CStr; 12] = c_strings![
    "instance",
    "api",
    "availability_zone",
    "keypair",
    "network",
    "subnet",
    "floating_ip",
    "load_balancer",
    "security_group",
    "image",
    "volume",
    "token",
];
const REMEDY_NAMES: [&CStr; 7] = c_strings![
    "none",
    "retry_after_fix",
    "contact_support",
    "see_detail",
    "check_request_body",
    "check_network_id",
    "unknown",
];
const REMEDY_DESCRIPTIONS: [&CStr; 7] = c_strings![
    "Nothing to do.",
    "Fix the request as resultMessage says, then retry.",
    "Contact the operator (support).",
    "Read the detail description after the colon in resultMessage.",
    "Check the JSON request body.",
    "Check the network ID, and that a network is accessible.",
    "The code is not in the table: read resultMessage.",
];
const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(version) => version,
        Err(_) => panic!("the version has no NUL"),
    };

// Used by the const checks below only; rustc 1.88 does not count those.
#[allow(dead_code)]
pub(crate) const fn same(c: &CStr, rust: &str) -> bool {
    let (c, rust) = (c.to_bytes(), rust.as_bytes());
    if c.len() != rust.len() {
        return false;
    }
    let mut i = 0;
    while i < c.len() {
        if c[i] != rust[i] {
            return false;
        }
        i += 1;
    }
    true
}

// Every table above is the Rust crate's, value for value: the build fails
// if a name, a number or an order drifts.
const _: () = {
    let mut i = 0;
    while i < ErrorKind::ALL.len() {
        assert!(same(RESULT_NAMES[i + 1], ErrorKind::ALL[i].name()));
        i += 1;
    }
    let mut i = 0;
    while i < Field::ALL.len() {
        assert!(same(FIELD_NAMES[i + 1], Field::ALL[i].key()));
        i += 1;
    }
    assert!(CLASS_NAMES.len() == Class::ALL.len());
    let mut i = 0;
    while i < Class::ALL.len() {
        assert!(Class::ALL[i] as usize == i);
        assert!(same(CLASS_NAMES[i], Class::ALL[i].name()));
        i += 1;
    }
    assert!(API_NAMES.len() == Api::ALL.len());
    let mut i = 0;
    while i < Api::ALL.len() {
        assert!(Api::ALL[i] as usize == i);
        assert!(same(API_NAMES[i], Api::ALL[i].name()));
        i += 1;
    }
    assert!(REMEDY_NAMES.len() == Remedy::ALL.len());
    let mut i = 0;
    while i < Remedy::ALL.len() {
        assert!(Remedy::ALL[i] as usize == i);
        assert!(same(REMEDY_NAMES[i], Remedy::ALL[i].name()));
        assert!(same(REMEDY_DESCRIPTIONS[i], Remedy::ALL[i].description()));
        i += 1;
    }
    assert!(Class::Success as u32 == NHNCLOUD_HEADER_CLASS_SUCCESS);
    assert!(Class::Fail as u32 == NHNCLOUD_HEADER_CLASS_FAIL);
    assert!(Class::UnknownException as u32 == NHNCLOUD_HEADER_CLASS_UNKNOWN_EXCEPTION);
    assert!(Class::PermissionDenied as u32 == NHNCLOUD_HEADER_CLASS_PERMISSION_DENIED);
    assert!(Class::InvalidParameters as u32 == NHNCLOUD_HEADER_CLASS_INVALID_PARAMETERS);
    assert!(Class::Nonexistent as u32 == NHNCLOUD_HEADER_CLASS_NONEXISTENT);
    assert!(Class::InternalDbFailure as u32 == NHNCLOUD_HEADER_CLASS_INTERNAL_DB_FAILURE);
    assert!(Class::NotSupported as u32 == NHNCLOUD_HEADER_CLASS_NOT_SUPPORTED);
    assert!(Class::JsonParsingError as u32 == NHNCLOUD_HEADER_CLASS_JSON_PARSING_ERROR);
    assert!(Class::NoAvailableIp as u32 == NHNCLOUD_HEADER_CLASS_NO_AVAILABLE_IP);
    assert!(Class::NoAccessibleNetwork as u32 == NHNCLOUD_HEADER_CLASS_NO_ACCESSIBLE_NETWORK);
    assert!(Class::ApiError as u32 == NHNCLOUD_HEADER_CLASS_API_ERROR);
    assert!(Class::Unknown as u32 == NHNCLOUD_HEADER_CLASS_UNKNOWN);
    assert!(Api::Instance as u32 == NHNCLOUD_HEADER_API_INSTANCE);
    assert!(Api::Api as u32 == NHNCLOUD_HEADER_API_API);
    assert!(Api::AvailabilityZone as u32 == NHNCLOUD_HEADER_API_AVAILABILITY_ZONE);
    assert!(Api::Keypair as u32 == NHNCLOUD_HEADER_API_KEYPAIR);
    assert!(Api::Network as u32 == NHNCLOUD_HEADER_API_NETWORK);
    assert!(Api::Subnet as u32 == NHNCLOUD_HEADER_API_SUBNET);
    assert!(Api::FloatingIp as u32 == NHNCLOUD_HEADER_API_FLOATING_IP);
    assert!(Api::LoadBalancer as u32 == NHNCLOUD_HEADER_API_LOAD_BALANCER);
    assert!(Api::SecurityGroup as u32 == NHNCLOUD_HEADER_API_SECURITY_GROUP);
    assert!(Api::Image as u32 == NHNCLOUD_HEADER_API_IMAGE);
    assert!(Api::Volume as u32 == NHNCLOUD_HEADER_API_VOLUME);
    assert!(Api::Token as u32 == NHNCLOUD_HEADER_API_TOKEN);
    assert!(Remedy::None as u32 == NHNCLOUD_HEADER_REMEDY_NONE);
    assert!(Remedy::RetryAfterFix as u32 == NHNCLOUD_HEADER_REMEDY_RETRY_AFTER_FIX);
    assert!(Remedy::ContactSupport as u32 == NHNCLOUD_HEADER_REMEDY_CONTACT_SUPPORT);
    assert!(Remedy::SeeDetail as u32 == NHNCLOUD_HEADER_REMEDY_SEE_DETAIL);
    assert!(Remedy::CheckRequestBody as u32 == NHNCLOUD_HEADER_REMEDY_CHECK_REQUEST_BODY);
    assert!(Remedy::CheckNetworkId as u32 == NHNCLOUD_HEADER_REMEDY_CHECK_NETWORK_ID);
    assert!(Remedy::Unknown as u32 == NHNCLOUD_HEADER_REMEDY_UNKNOWN);
};

/// `table[index]` as a C string, or NULL past its end.
pub(crate) fn name_in(table: &[&'static CStr], index: u32) -> *const c_char {
    match table.get(index as usize) {
        Some(name) => name.as_ptr(),
        None => core::ptr::null(),
    }
}

/// The stable snake_case name of a result: `"ok"`, `"empty"`, ...
/// `"invalid_result_code"`, `"null_argument"`; NULL for any other value.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_result_name(r: nhncloud_header_result) -> *const c_char {
    if r == crate::NHNCLOUD_HEADER_RESULT_NULL_ARGUMENT {
        NULL_ARGUMENT_NAME.as_ptr()
    } else {
        name_in(&RESULT_NAMES, r)
    }
}

/// The JSON key of a field (`"isSuccessful"`, `"resultCode"`,
/// `"resultMessage"`), `""` for `NHNCLOUD_HEADER_FIELD_NONE`; NULL for any
/// other value.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_field_name(field: u32) -> *const c_char {
    name_in(&FIELD_NAMES, field)
}

/// A Compute Instance `resultCode`'s row of its table: an
/// `NHNCLOUD_HEADER_CLASS_` value, `NHNCLOUD_HEADER_CLASS_UNKNOWN` for codes
/// the table does not list. (What a code means in any service, Compute
/// included, is `nhncloud_header_meaning_of`.)
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_classify(result_code: i32) -> u32 {
    nhncloud::classify(result_code) as u32
}

/// The stable snake_case name of a class (`"api_error"`, ...); NULL for a
/// value that is not a class.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_class_name(class_: u32) -> *const c_char {
    name_in(&CLASS_NAMES, class_)
}

/// The HTTP status a Compute API error carries in its last three digits
/// (`10404` gives 404); 0 for any other code.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_http_status(result_code: i32) -> u16 {
    ComputeDetails::of(result_code).http_status.unwrap_or(0)
}

/// Which Compute API raised an API error: an `NHNCLOUD_HEADER_API_` value,
/// or `NHNCLOUD_HEADER_API_NONE` when the code is not an API error.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_api(result_code: i32) -> u32 {
    ComputeDetails::of(result_code)
        .api
        .map_or(NHNCLOUD_HEADER_API_NONE, |api| api as u32)
}

/// The snake_case name of the API that raised an API error (`"instance"`,
/// `"floating_ip"`, ...); NULL when the code is not an API error.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_api_name(result_code: i32) -> *const c_char {
    name_in(&API_NAMES, nhncloud_header_api(result_code))
}

/// What Compute's table says to do about a `resultCode` (the seed's own
/// remedy, which `nhncloud_header_meaning_of`'s advice never contradicts):
/// an `NHNCLOUD_HEADER_REMEDY_` value.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_remedy(result_code: i32) -> u32 {
    nhncloud::classify(result_code).remedy() as u32
}

/// The stable snake_case name of a remedy (`"retry_after_fix"`, ...); NULL
/// for a value that is not a remedy.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_remedy_name(remedy: u32) -> *const c_char {
    name_in(&REMEDY_NAMES, remedy)
}

/// What to do, in an English sentence; NULL for a value that is not a
/// remedy.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_remedy_description(remedy: u32) -> *const c_char {
    name_in(&REMEDY_DESCRIPTIONS, remedy)
}

/// The library's version, e.g. `"0.1.0"`.
#[unsafe(no_mangle)]
pub extern "C" fn nhncloud_header_version() -> *const c_char {
    VERSION.as_ptr()
}
