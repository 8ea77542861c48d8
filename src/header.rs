//! The header of an NHN Cloud response, borrowed from the body.

use crate::message::Message;

/// The top-level `"header"` object of an NHN Cloud API response.
///
/// ```json
/// {"header": {"isSuccessful": true, "resultCode": 0, "resultMessage": "SUCCESS"}}
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Header<'a> {
    /// `isSuccessful`.
    pub is_successful: bool,
    /// `resultCode`: 0 on success; negative or a five-digit API code on failure.
    pub result_code: i32,
    /// `resultMessage`, or `None` when it is `null`.
    pub result_message: Option<Message<'a>>,
}
