use std::fmt;

use thiserror::Error;

use super::{is_spacing, mask_tail, significant, string_identifier};

/// A Kenyan national ID number: 6 to 8 digits, no check digit. Leading zeros are kept as typed.
///
/// `Debug` shows only the masked form, so an ID that reaches a log line is not disclosed.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NationalId(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NationalIdError {
    #[error("Enter an ID number.")]
    Empty,
    #[error("An ID number has only digits: remove the {found:?} at position {position}.")]
    InvalidCharacter { position: usize, found: char },
    #[error("An ID number has at least {min} digits: check for a missing digit.")]
    TooShort { min: usize },
    #[error(
        "An ID number has at most {max} digits: check for an extra digit \
         (the 9-digit serial number on the card is a different number)."
    )]
    TooLong { max: usize },
}

impl NationalIdError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::TooShort { .. } => "too_short",
            Self::TooLong { .. } => "too_long",
        }
    }
}

impl NationalId {
    pub const MIN_DIGITS: usize = 6;
    pub const MAX_DIGITS: usize = 8;

    pub fn parse(input: &str) -> Result<Self, NationalIdError> {
        let chars = significant(input, is_spacing);
        if chars.is_empty() {
            return Err(NationalIdError::Empty);
        }
        if let Some(&(position, found)) = chars.iter().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(NationalIdError::InvalidCharacter { position, found });
        }
        match chars.len() {
            n if n < Self::MIN_DIGITS => Err(NationalIdError::TooShort {
                min: Self::MIN_DIGITS,
            }),
            n if n > Self::MAX_DIGITS => Err(NationalIdError::TooLong {
                max: Self::MAX_DIGITS,
            }),
            _ => Ok(Self(chars.into_iter().map(|(_, c)| c).collect())),
        }
    }

    /// `****5678`: for logs and for screens that only need to remind the person which ID it is.
    pub fn masked(&self) -> String {
        mask_tail(&self.0)
    }
}

impl fmt::Debug for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("NationalId").field(&self.masked()).finish()
    }
}

string_identifier!(
    NationalId,
    NationalIdError,
    example = "12345678",
    description = "Kenyan national ID number: 6 to 8 digits"
);
