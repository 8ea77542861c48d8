//! Compute's own details of a result code: its row of the Compute Instance
//! error-code table ([`Class`]), which [`Api`] raised it, the HTTP status
//! inside it, and the seed's [`Remedy`] (Japanese original, texts kept
//! verbatim). Compute's verdict, category and advice, is its
//! [`Catalog`](crate::Catalog)'s like every other service's; these are the
//! facts only Compute's numbering holds, in tables small enough for a
//! firmware that reads Compute alone.

use crate::header::Header;
use crate::names::display_name;

/// What a Compute Instance `resultCode` means: one row (or, for
/// [`ApiError`](Class::ApiError), the twelve range rows) of the table.
///
/// ```
/// use nhncloud_header::{classify, Class, Remedy};
///
/// const NOT_FOUND: Class = classify(10404);
/// assert_eq!(NOT_FOUND, Class::ApiError);
/// assert_eq!(classify(-4).remedy(), Remedy::RetryAfterFix);
/// assert_eq!(classify(20002), Class::Unknown);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// 0: the call succeeded.
    Success,
    /// -1: authentication failed, or the request cannot run in this state.
    Fail,
    /// -2: an unexpected error.
    UnknownException,
    /// -3: no permission for this user, AppKey or token.
    PermissionDenied,
    /// -4: a required value is missing or malformed.
    InvalidParameters,
    /// -5: the resource does not exist.
    Nonexistent,
    /// -6: a database query failed.
    InternalDbFailure,
    /// -7: the feature is not supported.
    NotSupported,
    /// -8: the JSON request body could not be parsed.
    JsonParsingError,
    /// 20001: no IP address can be allocated.
    NoAvailableIp,
    /// 20004: no accessible network, or a wrong network ID.
    NoAccessibleNetwork,
    /// `NN400..=NN499`: an HTTP client error from one of the APIs
    /// ([`Api`]); the last three digits are the HTTP status.
    ApiError,
    /// Any code the table does not list.
    Unknown,
}

/// Which API raised an [`ApiError`](Class::ApiError), by the code's first
/// two digits.
///
/// ```
/// use nhncloud_header::{Api, ComputeDetails};
///
/// let details = ComputeDetails::of(40404);
/// assert_eq!(details.api, Some(Api::Volume));
/// assert_eq!(Api::Volume.name(), "volume");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Api {
    /// 10xxx
    Instance,
    /// 11xxx
    Api,
    /// 12xxx
    AvailabilityZone,
    /// 13xxx
    Keypair,
    /// 20xxx
    Network,
    /// 21xxx
    Subnet,
    /// 22xxx
    FloatingIp,
    /// 23xxx
    LoadBalancer,
    /// 24xxx
    SecurityGroup,
    /// 30xxx
    Image,
    /// 40xxx
    Volume,
    /// 50xxx
    Token,
}

/// What to do about a result, from the table's description column.
///
/// ```
/// use nhncloud_header::{ComputeDetails, Remedy};
///
/// assert_eq!(ComputeDetails::of(-8).remedy, Remedy::CheckRequestBody);
/// assert_eq!(ComputeDetails::of(10404).remedy, Remedy::RetryAfterFix);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Remedy {
    /// Success: nothing to do.
    None,
    /// Fix the request as the message or its detail says, then retry.
    RetryAfterFix,
    /// Only the operator can help: contact support.
    ContactSupport,
    /// Read the detail after the colon in `resultMessage`.
    SeeDetail,
    /// Check the JSON request body.
    CheckRequestBody,
    /// Check the network ID, and that a network is accessible.
    CheckNetworkId,
    /// The code is not in the table.
    Unknown,
}

/// The Compute Instance [`Class`] of `code`: constant time, usable in
/// `const`. Shorthand for `ComputeDetails::of(code).class`.
pub const fn classify(code: i32) -> Class {
    lookup(code).0
}

/// What Compute's numbering says of a code, beside its
/// [`Meaning`](crate::Meaning): the table row, the API and the HTTP status
/// an `NN4xx` code carries, and the seed's remedy (which never contradicts
/// the meaning's advice: `tests/catalogs.rs` holds them together).
///
/// ```
/// use nhncloud_header::{Api, Class, ComputeDetails, Remedy};
///
/// const DETAILS: ComputeDetails = ComputeDetails::of(22404);
/// assert_eq!(DETAILS.class, Class::ApiError);
/// assert_eq!(DETAILS.api, Some(Api::FloatingIp));
/// assert_eq!(DETAILS.http_status, Some(404));
/// assert_eq!(DETAILS.remedy, Remedy::RetryAfterFix);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ComputeDetails {
    /// The code's row of the table.
    pub class: Class,
    /// For an [`ApiError`](Class::ApiError): the API that raised it.
    pub api: Option<Api>,
    /// For an [`ApiError`](Class::ApiError): the HTTP status in the last
    /// three digits of the code (always 400 to 499).
    pub http_status: Option<u16>,
    /// What the table's description column says to do.
    pub remedy: Remedy,
}

impl ComputeDetails {
    /// The details of `code`: constant time, usable in `const`.
    pub const fn of(code: i32) -> ComputeDetails {
        let (class, api) = lookup(code);
        ComputeDetails {
            class,
            api,
            http_status: match api {
                Some(_) => Some(code.rem_euclid(1000) as u16),
                None => None,
            },
            remedy: class.remedy(),
        }
    }
}

impl Header<'_> {
    /// Compute's details of an integer `resultCode` (`None` for a string):
    /// meaningful only for a Compute response; for any service's verdict
    /// see [`meaning`](Header::meaning).
    pub const fn compute_details(&self) -> Option<ComputeDetails> {
        match self.result_code.integer() {
            Some(code) => Some(ComputeDetails::of(code)),
            None => None,
        }
    }
}

/// A code's class, and for an API error its API. Each step constant time:
/// the dense table of `-8..=0`, the two single codes of the thousands
/// (20001 and 20004), the API of the code's thousand (10 to 50) for the
/// `NN400..=NN499` API-error ranges, else [`Unknown`](Class::Unknown).
const fn lookup(code: i32) -> (Class, Option<Api>) {
    let direct = code as i64 - DIRECT_FIRST as i64;
    if direct >= 0 && direct < DIRECT.len() as i64 {
        return (DIRECT[direct as usize], None);
    }
    let mut single = 0;
    while single < SINGLES.len() {
        if SINGLES[single].0 == code {
            return (SINGLES[single].1, None);
        }
        single += 1;
    }
    let thousand = code.div_euclid(1000) as i64 - THOUSANDS_FIRST as i64;
    if thousand < 0 || thousand >= API_BY_THOUSAND.len() as i64 {
        return (Class::Unknown, None);
    }
    let last_three = code.rem_euclid(1000);
    match API_BY_THOUSAND[thousand as usize] {
        Some(api) if last_three >= 400 && last_three <= 499 => (Class::ApiError, Some(api)),
        _ => (Class::Unknown, None),
    }
}

/// The code `DIRECT[0]` classifies.
const DIRECT_FIRST: i32 = -8;

/// Codes -8 to 0.
const DIRECT: [Class; 9] = [
    Class::JsonParsingError,
    Class::NotSupported,
    Class::InternalDbFailure,
    Class::Nonexistent,
    Class::InvalidParameters,
    Class::PermissionDenied,
    Class::UnknownException,
    Class::Fail,
    Class::Success,
];

/// The table's single codes above 0 (Network's thousand).
const SINGLES: [(i32, Class); 2] = [
    (20001, Class::NoAvailableIp),
    (20004, Class::NoAccessibleNetwork),
];

/// The first thousand of `API_BY_THOUSAND`.
const THOUSANDS_FIRST: i32 = 10;

/// The API whose errors are each thousand's `NN400..=NN499`, for thousands
/// 10 to 50 (codes 10000 to 50999): one byte each.
static API_BY_THOUSAND: [Option<Api>; 41] = {
    let mut apis = [None; 41];
    let mut api = 0;
    while api < Api::ALL.len() {
        apis[(Api::ALL[api].thousand() - THOUSANDS_FIRST) as usize] = Some(Api::ALL[api]);
        api += 1;
    }
    apis
};

/// The table's description column for the API-error ranges.
const API_ERROR_EN: &str = "The last three digits of resultCode are the HTTP status code. \
    Retry is possible after acting on resultMessage.";
/// Eleven of the twelve range rows read so; see [`Api::description_ja`].
const API_ERROR_JA: &str = "resultCodeの後ろの3桁はHTTPステータスコードで、 resultMessageの内容に応じて対策を実施したら再試行が可能";
/// The 11400 row, which lacks the space after the comma.
const API_ERROR_JA_11400: &str = "resultCodeの後ろの3桁はHTTPステータスコードで、resultMessageの内容に応じて対策を実施したら再試行が可能";

impl Class {
    /// Every class, in table order.
    pub const ALL: [Class; 13] = [
        Class::Success,
        Class::Fail,
        Class::UnknownException,
        Class::PermissionDenied,
        Class::InvalidParameters,
        Class::Nonexistent,
        Class::InternalDbFailure,
        Class::NotSupported,
        Class::JsonParsingError,
        Class::NoAvailableIp,
        Class::NoAccessibleNetwork,
        Class::ApiError,
        Class::Unknown,
    ];

    /// The stable snake_case name, e.g. `"invalid_parameters"`.
    pub const fn name(self) -> &'static str {
        match self {
            Class::Success => "success",
            Class::Fail => "fail",
            Class::UnknownException => "unknown_exception",
            Class::PermissionDenied => "permission_denied",
            Class::InvalidParameters => "invalid_parameters",
            Class::Nonexistent => "nonexistent",
            Class::InternalDbFailure => "internal_db_failure",
            Class::NotSupported => "not_supported",
            Class::JsonParsingError => "json_parsing_error",
            Class::NoAvailableIp => "no_available_ip",
            Class::NoAccessibleNetwork => "no_accessible_network",
            Class::ApiError => "api_error",
            Class::Unknown => "unknown",
        }
    }

    /// What to do about a result of this class.
    pub const fn remedy(self) -> Remedy {
        match self {
            Class::Success => Remedy::None,
            Class::Fail | Class::InvalidParameters | Class::ApiError => Remedy::RetryAfterFix,
            Class::UnknownException | Class::InternalDbFailure | Class::NoAvailableIp => {
                Remedy::ContactSupport
            }
            Class::PermissionDenied | Class::Nonexistent | Class::NotSupported => Remedy::SeeDetail,
            Class::JsonParsingError => Remedy::CheckRequestBody,
            Class::NoAccessibleNetwork => Remedy::CheckNetworkId,
            Class::Unknown => Remedy::Unknown,
        }
    }

    /// The canonical head of `resultMessage` for this class (`"SUCCESS"`,
    /// `"Permission denied"`, ...), before any `: detail`. `None` for
    /// [`ApiError`](Class::ApiError), whose message comes from the API (see
    /// [`Api::message`]), and for [`Unknown`](Class::Unknown).
    pub const fn message(self) -> Option<&'static str> {
        Some(match self {
            Class::Success => "SUCCESS",
            Class::Fail => "FAIL",
            Class::UnknownException => "UNKNOWN EXCEPTION",
            Class::PermissionDenied => "Permission denied",
            Class::InvalidParameters => "Invalid parameters",
            Class::Nonexistent => "Nonexistent",
            Class::InternalDbFailure => "Failed to query internal db",
            Class::NotSupported => "Not supported",
            Class::JsonParsingError => "JSON parsing error",
            Class::NoAvailableIp => "No available IP",
            Class::NoAccessibleNetwork => "No accessible network",
            Class::ApiError | Class::Unknown => return None,
        })
    }

    /// The table's description, in English. `None` for
    /// [`Unknown`](Class::Unknown).
    pub const fn description(self) -> Option<&'static str> {
        Some(match self {
            Class::Success => {
                "Success. Depending on the API, the body carries more fields besides \"header\"."
            }
            Class::Fail => {
                "Integration with the authentication module failed, or the request cannot be \
                 executed in the current state. Retry is possible after acting on the detail \
                 description."
            }
            Class::UnknownException => {
                "An unexpected error occurred. Contact the operator (support)."
            }
            Class::PermissionDenied => {
                "Request by a user, AppKey or token ID without permission. See the detail description."
            }
            Class::InvalidParameters => {
                "A required value is missing from the request URL or body, or a value has a wrong \
                 format. Retry is possible after acting on the detail description."
            }
            Class::Nonexistent => {
                "A resource that does not exist was accessed. See the detail description."
            }
            Class::InternalDbFailure => "A database query failed. Contact the operator (support).",
            Class::NotSupported => {
                "An unsupported feature was requested. See the detail description."
            }
            Class::JsonParsingError => {
                "Parsing the JSON request body failed. Check the request body."
            }
            Class::NoAvailableIp => {
                "No IP address can be allocated. Contact the operator (support)."
            }
            Class::NoAccessibleNetwork => {
                "Network lookup failed: looked up with a wrong network ID, or no network is accessible."
            }
            Class::ApiError => API_ERROR_EN,
            Class::Unknown => return None,
        })
    }

    /// The table's description, verbatim from the Japanese original. `None`
    /// for [`Unknown`](Class::Unknown). For [`ApiError`](Class::ApiError),
    /// the text of eleven of its twelve rows; [`Api::description_ja`] has
    /// each row's own.
    pub const fn description_ja(self) -> Option<&'static str> {
        Some(match self {
            Class::Success => "処理成功。 APIに応じて\"header\"の他に追加情報を含む",
            Class::Fail => {
                "認証モジュール連携失敗またはリクエストを実行できない状態の場合。detail descriptionの内容を確認して対策を実施したら再試行が可能"
            }
            Class::UnknownException => "予期せぬエラー発生。担当者に問い合わせが必要",
            Class::PermissionDenied => {
                "権限がないユーザー、 AppKey、またはトークンIDによるリクエスト。 detail description内容参照"
            }
            Class::InvalidParameters => {
                "API呼び出し時、Request URLまたはBodyに必要な値がないか、誤った形式の値が入力されている場合。detail descriptionの内容を確認して対策を実施したら再試行が可能"
            }
            Class::Nonexistent => {
                "存在しないリソースにアクセスした場合、detail description内容参照"
            }
            Class::InternalDbFailure => {
                "データベースクエリが失敗した場合。担当者に問い合わせが必要"
            }
            Class::NotSupported => {
                "サポートしていない機能をリクエスト。 detail description内容参照"
            }
            Class::JsonParsingError => "Request BodyのJSONパーシング失敗。 Request Body確認必要",
            Class::NoAvailableIp => "割り当て可能なIPがない。担当者に問い合わせが必要",
            Class::NoAccessibleNetwork => {
                "ネットワーク照会失敗。誤ったネットワークIDで照会、またはアクセス可能なネットワークがない。"
            }
            Class::ApiError => API_ERROR_JA,
            Class::Unknown => return None,
        })
    }
}

impl Api {
    /// Every API, in table order.
    pub const ALL: [Api; 12] = [
        Api::Instance,
        Api::Api,
        Api::AvailabilityZone,
        Api::Keypair,
        Api::Network,
        Api::Subnet,
        Api::FloatingIp,
        Api::LoadBalancer,
        Api::SecurityGroup,
        Api::Image,
        Api::Volume,
        Api::Token,
    ];

    /// The stable snake_case name, e.g. `"floating_ip"`.
    pub const fn name(self) -> &'static str {
        match self {
            Api::Instance => "instance",
            Api::Api => "api",
            Api::AvailabilityZone => "availability_zone",
            Api::Keypair => "keypair",
            Api::Network => "network",
            Api::Subnet => "subnet",
            Api::FloatingIp => "floating_ip",
            Api::LoadBalancer => "load_balancer",
            Api::SecurityGroup => "security_group",
            Api::Image => "image",
            Api::Volume => "volume",
            Api::Token => "token",
        }
    }

    /// The thousand of its codes: 10 for `10400..=10499`.
    pub const fn thousand(self) -> i32 {
        match self {
            Api::Instance => 10,
            Api::Api => 11,
            Api::AvailabilityZone => 12,
            Api::Keypair => 13,
            Api::Network => 20,
            Api::Subnet => 21,
            Api::FloatingIp => 22,
            Api::LoadBalancer => 23,
            Api::SecurityGroup => 24,
            Api::Image => 30,
            Api::Volume => 40,
            Api::Token => 50,
        }
    }

    /// The table's `resultMessage` column for this API's range, in English.
    pub const fn message(self) -> &'static str {
        match self {
            Api::Instance => "Instance API error message",
            Api::Api => "API error message",
            Api::AvailabilityZone => "Availability-zone API error message",
            Api::Keypair => "Key-pair API error message",
            Api::Network => "Network API error message",
            Api::Subnet => "Subnet API error message",
            Api::FloatingIp => "Floating IP API error message",
            Api::LoadBalancer => "Load-balancer API error message",
            Api::SecurityGroup => "Security-group API error message",
            Api::Image => "Image API error message",
            Api::Volume => "Volume API error message",
            Api::Token => "Token API error message",
        }
    }

    /// The Description column of this API's row, verbatim from the Japanese
    /// original (one row differs from the others by a space).
    pub const fn description_ja(self) -> &'static str {
        match self {
            Api::Api => API_ERROR_JA_11400,
            _ => API_ERROR_JA,
        }
    }

    /// The table's `resultMessage` column, verbatim from the Japanese original.
    pub const fn message_ja(self) -> &'static str {
        match self {
            Api::Instance => "インスタンスAPI関連エラーメッセージ",
            Api::Api => "API関連エラーメッセージ",
            Api::AvailabilityZone => "アベイラビリティーゾーンAPI関連エラーメッセージ",
            Api::Keypair => "キーペアAPI関連エラーメッセージ",
            Api::Network => "ネットワークAPI関連エラーメッセージ",
            Api::Subnet => "サブネットAPI関連エラーメッセージ",
            Api::FloatingIp => "Floating IP API関連エラーメッセージ",
            Api::LoadBalancer => "ロードバランサーAPI関連エラーメッセージ",
            Api::SecurityGroup => "セキュリティーグループAPI関連エラーメッセージ",
            Api::Image => "イメージAPI関連エラーメッセージ",
            Api::Volume => "ボリュームAPI関連エラーメッセージ",
            Api::Token => "トークンAPI関連エラーメッセージ",
        }
    }
}

impl Remedy {
    /// Every remedy, in declaration order.
    pub const ALL: [Remedy; 7] = [
        Remedy::None,
        Remedy::RetryAfterFix,
        Remedy::ContactSupport,
        Remedy::SeeDetail,
        Remedy::CheckRequestBody,
        Remedy::CheckNetworkId,
        Remedy::Unknown,
    ];

    /// The stable snake_case name, e.g. `"retry_after_fix"`.
    pub const fn name(self) -> &'static str {
        match self {
            Remedy::None => "none",
            Remedy::RetryAfterFix => "retry_after_fix",
            Remedy::ContactSupport => "contact_support",
            Remedy::SeeDetail => "see_detail",
            Remedy::CheckRequestBody => "check_request_body",
            Remedy::CheckNetworkId => "check_network_id",
            Remedy::Unknown => "unknown",
        }
    }

    /// What to do, in a sentence.
    pub const fn description(self) -> &'static str {
        match self {
            Remedy::None => "Nothing to do.",
            Remedy::RetryAfterFix => "Fix the request as resultMessage says, then retry.",
            Remedy::ContactSupport => "Contact the operator (support).",
            Remedy::SeeDetail => "Read the detail description after the colon in resultMessage.",
            Remedy::CheckRequestBody => "Check the JSON request body.",
            Remedy::CheckNetworkId => "Check the network ID, and that a network is accessible.",
            Remedy::Unknown => "The code is not in the table: read resultMessage.",
        }
    }
}

display_name!(Class, Api, Remedy);
