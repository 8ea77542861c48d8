//! The Compute Instance error-code table written out naively, straight from
//! the seed: what `classify` must agree with (tests and the fuzz target).

use nhncloud_header::{Api, Class};

/// The table, written out naively: what `classify` must agree with.
pub fn reference(code: i32) -> (Class, Option<Api>, Option<u16>) {
    let api = match code / 1000 {
        10 => Some(Api::Instance),
        11 => Some(Api::Api),
        12 => Some(Api::AvailabilityZone),
        13 => Some(Api::Keypair),
        20 => Some(Api::Network),
        21 => Some(Api::Subnet),
        22 => Some(Api::FloatingIp),
        23 => Some(Api::LoadBalancer),
        24 => Some(Api::SecurityGroup),
        30 => Some(Api::Image),
        40 => Some(Api::Volume),
        50 => Some(Api::Token),
        _ => None,
    };
    let class = match code {
        0 => Class::Success,
        -1 => Class::Fail,
        -2 => Class::UnknownException,
        -3 => Class::PermissionDenied,
        -4 => Class::InvalidParameters,
        -5 => Class::Nonexistent,
        -6 => Class::InternalDbFailure,
        -7 => Class::NotSupported,
        -8 => Class::JsonParsingError,
        20001 => Class::NoAvailableIp,
        20004 => Class::NoAccessibleNetwork,
        _ if code > 0 && (400..=499).contains(&(code % 1000)) && api.is_some() => {
            return (Class::ApiError, api, Some((code % 1000) as u16));
        }
        _ => Class::Unknown,
    };
    (class, None, None)
}
