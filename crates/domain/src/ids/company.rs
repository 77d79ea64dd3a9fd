use thiserror::Error;

use super::{is_spacing, significant, string_identifier};

/// A Business Registration Service number, stored upper-case. Accepted forms:
///
/// - `PVT-` and 6 to 8 letters or digits: a company (`PVT-ZQU6JE7`);
/// - `BN-` and 6 to 8 letters or digits: a business name (the format is assumed to mirror `PVT-`);
/// - `CPR/` year `/` 1 to 7 digits: a company registered before the online registry (`CPR/2009/12345`).
///
/// The dash may be typed as a space or left out. Other old forms (e.g. `C.12345`) are not accepted: they
/// are rare among organisations still acting today, and can be added here when someone needs one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CompanyRegNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CompanyRegError {
    #[error("Enter a registration number.")]
    Empty,
    #[error(
        "A registration number starts with PVT- (companies) or BN- (business names), e.g. PVT-ZQU6JE7; \
         older company numbers look like CPR/2009/12345."
    )]
    UnknownPrefix,
    #[error(
        "A registration number has only letters and digits after the prefix: remove the {found:?} at position {position}."
    )]
    InvalidCharacter { position: usize, found: char },
    #[error(
        "A registration number has at least {min} letters or digits after the prefix: check for a missing one."
    )]
    TooShort { min: usize },
    #[error(
        "A registration number has at most {max} letters or digits after the prefix: check for an extra one."
    )]
    TooLong { max: usize },
    #[error(
        "Older company registration numbers look like CPR/2009/12345: CPR, the year and the number, separated by slashes."
    )]
    InvalidLegacyFormat,
}

impl CompanyRegError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::UnknownPrefix => "unknown_prefix",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::TooShort { .. } => "too_short",
            Self::TooLong { .. } => "too_long",
            Self::InvalidLegacyFormat => "invalid_legacy_format",
        }
    }
}

impl CompanyRegNumber {
    pub const MIN_BODY: usize = 6;
    pub const MAX_BODY: usize = 8;
    const PREFIXES: [&'static str; 2] = ["PVT", "BN"];
    const LEGACY_PREFIX: &'static str = "CPR";
    const LEGACY_MAX_DIGITS: usize = 7;

    pub fn parse(input: &str) -> Result<Self, CompanyRegError> {
        use CompanyRegError as E;

        let chars = significant(input, is_spacing);
        if chars.is_empty() {
            return Err(E::Empty);
        }
        let text: String = chars.iter().map(|(_, c)| c.to_ascii_uppercase()).collect();

        if text.starts_with(Self::LEGACY_PREFIX) {
            let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
                len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
            };
            return match text.split('/').collect::<Vec<_>>().as_slice() {
                &["CPR", year, number]
                    if digits(year, 4..=4) && digits(number, 1..=Self::LEGACY_MAX_DIGITS) =>
                {
                    Ok(Self(text))
                }
                _ => Err(E::InvalidLegacyFormat),
            };
        }

        let Some(prefix) = Self::PREFIXES.into_iter().find(|p| text.starts_with(p)) else {
            return Err(E::UnknownPrefix);
        };
        let body = &chars[prefix.len()..];
        if let Some(&(position, found)) = body.iter().find(|(_, c)| !c.is_ascii_alphanumeric()) {
            return Err(E::InvalidCharacter { position, found });
        }
        match body.len() {
            n if n < Self::MIN_BODY => Err(E::TooShort {
                min: Self::MIN_BODY,
            }),
            n if n > Self::MAX_BODY => Err(E::TooLong {
                max: Self::MAX_BODY,
            }),
            _ => Ok(Self(format!("{prefix}-{}", &text[prefix.len()..]))),
        }
    }
}

string_identifier!(
    CompanyRegNumber,
    CompanyRegError,
    example = "PVT-ZQU6JE7",
    description = "Business Registration Service number: PVT-… (company), BN-… (business name) or CPR/2009/12345"
);
