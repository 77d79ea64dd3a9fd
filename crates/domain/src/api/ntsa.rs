//! `GET /api/ntsa/me`: what NTSA's registers hold about the signed-in person — their driving licence,
//! provisional licence, vehicles, fines and demerit points. Dates are `YYYY-MM-DD`, timestamps RFC 3339.

use serde::{Deserialize, Serialize};

use crate::Money;
use crate::catalog::Localized;
use crate::licences::{LicenceClass, LicenceKind, LicenceStatus};

/// "My NTSA".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyNtsa {
    /// The person's driving licence, if they hold one.
    pub licence: Option<DrivingLicence>,
    /// Their provisional (learner's) licence, if they hold one.
    pub provisional: Option<ProvisionalLicence>,
    /// Vehicles they own, alone or jointly, by plate (an organisation's: its stock or fleet).
    pub vehicles: Vec<Vehicle>,
    /// For a financial institution: the vehicles it holds a caveat on as financier, which its people can
    /// lift once the loan is repaid. Empty for a person.
    #[serde(default)]
    pub financed: Vec<Vehicle>,
    /// Their fines, unpaid first, then newest first.
    pub fines: Vec<Fine>,
    /// Demerit points left from the offences of the last 12 months.
    pub points_left: u32,
    /// The points every driver starts with.
    pub points_total: u32,
}

/// One class on a licence and when it was granted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantedClass {
    pub class: LicenceClass,
    /// `YYYY-MM-DD`.
    pub granted_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DrivingLicence {
    /// As the registry issued it (no published format).
    pub number: String,
    pub kind: LicenceKind,
    /// In the order NTSA lists the classes.
    pub classes: Vec<GrantedClass>,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
    /// `YYYY-MM-DD`; the licence is valid through this day.
    pub expires_on: String,
    pub status: LicenceStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProvisionalLicence {
    pub number: String,
    pub classes: Vec<LicenceClass>,
    /// The driving school's name.
    pub driving_school: String,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
    /// `YYYY-MM-DD`.
    pub expires_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Vehicle {
    /// Canonical form, e.g. `KDA 123A`.
    pub plate: String,
    pub make: String,
    pub model: String,
    pub year: u16,
    pub colour: String,
    /// Engine size in cubic centimetres.
    pub engine_cc: u32,
    pub body_type: String,
    /// Only the last four characters of the chassis number: `****4567`.
    pub chassis_number_masked: String,
    /// `YYYY-MM-DD`.
    pub registered_on: String,
    /// Owned jointly with someone else.
    pub joint: bool,
    /// The financier's caveat on the logbook (hire purchase, loan), if any.
    pub financier: Option<String>,
    /// `YYYY-MM-DD` of the latest inspection, if any.
    pub last_inspection: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fine {
    pub id: String,
    pub offence: Localized,
    pub place: String,
    /// RFC 3339: when the offence happened.
    pub at: String,
    /// In cents.
    pub amount: Money,
    /// Demerit points the offence cost.
    pub points: u32,
    pub paid: bool,
    /// The fine's reference number, as in its SMS; it is paid by this number.
    pub notice_number: Option<String>,
}

/// A chassis number as "My NTSA" shows it: four stars (whatever its length) and its last four characters.
pub fn mask_chassis_number(chassis: &str) -> String {
    let chars: Vec<char> = chassis.trim().chars().collect();
    let last: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!("****{last}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chassis_numbers_keep_only_their_last_four_characters() {
        assert_eq!(mask_chassis_number("NZE1613012345"), "****2345");
        assert_eq!(mask_chassis_number(" SJ5-0123456 "), "****3456");
        assert_eq!(mask_chassis_number("AB1"), "****AB1");
        assert_eq!(mask_chassis_number(""), "****");
    }
}
