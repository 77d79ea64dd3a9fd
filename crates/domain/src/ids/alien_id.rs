use std::fmt;

use thiserror::Error;

use super::{is_spacing, mask_tail, significant, string_identifier};

/// A Kenyan alien (foreign resident) ID number. No format is published, so this accepts 6 to 9 digits;
/// leading zeros are kept as typed.
///
/// `Debug` shows only the masked form, so an ID that reaches a log line is not disclosed.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AlienId(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AlienIdError {
    #[error("Enter an alien ID number.")]
    Empty,
    #[error("An alien ID number has only digits: remove the {found:?} at position {position}.")]
    InvalidCharacter { position: usize, found: char },
    #[error("An alien ID number has at least {min} digits: check for a missing digit.")]
    TooShort { min: usize },
    #[error("An alien ID number has at most {max} digits: check for an extra digit.")]
    TooLong { max: usize },
}

impl AlienIdError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::TooShort { .. } => "too_short",
            Self::TooLong { .. } => "too_long",
        }
    }
}

impl AlienId {
    pub const MIN_DIGITS: usize = 6;
    pub const MAX_DIGITS: usize = 9;

    pub fn parse(input: &str) -> Result<Self, AlienIdError> {
        let chars = significant(input, is_spacing);
        if chars.is_empty() {
            return Err(AlienIdError::Empty);
        }
        if let Some(&(position, found)) = chars.iter().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(AlienIdError::InvalidCharacter { position, found });
        }
        match chars.len() {
            n if n < Self::MIN_DIGITS => Err(AlienIdError::TooShort {
                min: Self::MIN_DIGITS,
            }),
            n if n > Self::MAX_DIGITS => Err(AlienIdError::TooLong {
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

impl fmt::Debug for AlienId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AlienId").field(&self.masked()).finish()
    }
}

string_identifier!(
    AlienId,
    AlienIdError,
    example = "123456789",
    description = "Kenyan alien ID number: 6 to 9 digits"
);
