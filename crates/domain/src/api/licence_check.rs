//! The driving record and its share code. `GET /api/ntsa/record`: the signed-in person's offences and
//! demerit points; `POST /api/ntsa/share-codes`: a single-use code, valid 21 days, that they give an employer
//! with the last 8 characters of their licence number; `POST /api/public/licence-check`: the employer's check,
//! which shows the licence's status, classes, expiry and points — nothing that names the person.

use serde::{Deserialize, Serialize};

use crate::Money;
use crate::api::applications::REFERENCE_ALPHABET;
use crate::catalog::Localized;
use crate::licences::LicenceStatus;

/// How long a share code works, if nobody uses it first.
pub const SHARE_CODE_DAYS: i64 = 21;

/// How far back the driving record goes.
pub const RECORD_YEARS: i32 = 3;

/// How many characters of the licence number the employer types.
pub const LICENCE_TAIL_LEN: usize = 8;

/// `GET /api/ntsa/record`: the person's licence number, points and offences of the last 3 years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DrivingRecord {
    pub licence_number: String,
    /// Demerit points left from the offences of the last 12 months.
    pub points_left: u32,
    /// The points every driver starts with.
    pub points_total: u32,
    /// Offences of the last 3 years, newest first.
    pub offences: Vec<RecordedOffence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordedOffence {
    pub offence: Localized,
    pub place: String,
    /// RFC 3339: when the offence happened.
    pub at: String,
    /// Demerit points the offence cost.
    pub points: u32,
    /// The fine, in cents.
    pub amount: Money,
    pub paid: bool,
}

/// `POST /api/ntsa/share-codes` (201): the new code. The plain code is given only here; the server keeps a
/// hash of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShareCode {
    /// `XXXX-XXXX`, from the letters and digits of references (no 0, O, 1, I or L).
    pub code: String,
    /// RFC 3339: after this the code no longer works.
    pub expires_at: String,
}

/// `POST /api/public/licence-check`: what the employer types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LicenceCheckRequest {
    /// The share code, in any case, dashes and spaces ignored.
    pub code: String,
    /// The last 8 characters of the licence number, in any case, dashes and spaces ignored.
    pub licence_last8: String,
}

/// What a share code shows: the licence's status, points, expiry and classes — nothing that names or
/// identifies the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenceCheckResult {
    pub status: LicenceStatus,
    pub points_left: u32,
    pub points_total: u32,
    /// `YYYY-MM-DD`; the licence is valid through this day.
    pub expires_on: String,
    /// Class codes (`B1`, `C1`), in the order NTSA lists them.
    pub classes: Vec<String>,
}

/// A share code as typed, in its canonical form `XXXX-XXXX`; `None` unless it is 8 characters of the
/// reference alphabet once case, dashes and spaces are set aside.
pub fn parse_share_code(text: &str) -> Option<String> {
    let body: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t'))
        .collect::<String>()
        .to_ascii_uppercase();
    (body.len() == 8 && body.bytes().all(|b| REFERENCE_ALPHABET.contains(&b)))
        .then(|| format!("{}-{}", &body[..4], &body[4..]))
}

/// The last 8 characters of a licence number as the check compares them: dashes and spaces set aside,
/// upper case (the whole number when it is shorter).
pub fn licence_tail(number: &str) -> String {
    let chars: Vec<char> = number
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    chars[chars.len().saturating_sub(LICENCE_TAIL_LEN)..]
        .iter()
        .collect()
}

/// Whether `typed` is the last 8 characters of the licence number `number` (any case, dashes and spaces
/// ignored). Nothing shorter than 8 characters matches.
pub fn licence_tail_matches(number: &str, typed: &str) -> bool {
    let typed: String = typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    typed.chars().count() == LICENCE_TAIL_LEN && typed == licence_tail(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_codes_read_in_any_case_with_or_without_dashes_and_spaces() {
        assert_eq!(parse_share_code("7KX3-9QPM").as_deref(), Some("7KX3-9QPM"));
        assert_eq!(parse_share_code("7kx39qpm").as_deref(), Some("7KX3-9QPM"));
        assert_eq!(
            parse_share_code(" 7KX3 9QPM ").as_deref(),
            Some("7KX3-9QPM")
        );
        assert_eq!(
            parse_share_code("7-K-X-3-9-Q-P-M").as_deref(),
            Some("7KX3-9QPM")
        );
    }

    #[test]
    fn share_codes_of_the_wrong_length_or_letters_are_refused() {
        assert_eq!(parse_share_code(""), None);
        assert_eq!(parse_share_code("7KX3-9QP"), None);
        assert_eq!(parse_share_code("7KX3-9QPMM"), None);
        // 0, O, 1, I and L are never in a code.
        for bad in [
            "0KX3-9QPM",
            "OKX3-9QPM",
            "1KX3-9QPM",
            "IKX3-9QPM",
            "LKX3-9QPM",
        ] {
            assert_eq!(parse_share_code(bad), None, "{bad}");
        }
        assert_eq!(parse_share_code("7KX3_9QPM"), None);
        assert_eq!(parse_share_code("7KX3-9QPÉ"), None);
    }

    #[test]
    fn the_licence_tail_is_the_last_eight_characters_without_dashes() {
        assert_eq!(licence_tail("SDL-3456789"), "L3456789");
        assert_eq!(licence_tail("abc"), "ABC");
        assert!(licence_tail_matches("SDL-3456789", "l3456789"));
        assert!(licence_tail_matches("SDL-3456789", " L-345 6789 "));
        assert!(!licence_tail_matches("SDL-3456789", "3456789"));
        assert!(!licence_tail_matches("SDL-3456789", "L3456788"));
        assert!(!licence_tail_matches("SDL-3456789", "DL3456789"));
        // A number shorter than 8 characters can never be matched.
        assert!(!licence_tail_matches("AB12", "AB12"));
        assert!(!licence_tail_matches("", ""));
    }

    #[test]
    fn the_check_result_carries_only_status_points_expiry_and_classes() {
        let result = LicenceCheckResult {
            status: LicenceStatus::Valid,
            points_left: 16,
            points_total: 20,
            expires_on: "2027-01-15".into(),
            classes: vec!["B1".into()],
        };
        let json = serde_json::to_value(&result).expect("json");
        let mut keys: Vec<&str> = json
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "classes",
                "expires_on",
                "points_left",
                "points_total",
                "status"
            ]
        );
    }

    #[test]
    fn check_requests_refuse_unknown_fields() {
        assert!(
            serde_json::from_str::<LicenceCheckRequest>(
                r#"{"code":"7KX3-9QPM","licence_last8":"L3456789","user_id":"x"}"#
            )
            .is_err()
        );
    }
}
