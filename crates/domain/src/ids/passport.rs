use std::fmt;

use thiserror::Error;

use super::{is_spacing, mask_tail, significant, string_identifier};

/// A passport number. No format is published for Kenyan passports, and foreigners bring others, so this
/// accepts 1 or 2 letters then 6 to 8 digits (`AK1234567`); letters are stored upper-case.
///
/// `Debug` shows only the masked form, so a passport number that reaches a log line is not disclosed.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PassportNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PassportNumberError {
    #[error("Enter a passport number.")]
    Empty,
    #[error(
        "A passport number has only letters and digits: remove the {found:?} at position {position}."
    )]
    InvalidCharacter { position: usize, found: char },
    #[error("A passport number starts with one or two letters, e.g. AK1234567.")]
    MissingLetters,
    #[error("A passport number starts with at most {max} letters, then digits, e.g. AK1234567.")]
    TooManyLetters { max: usize },
    #[error(
        "A passport number has letters only at the start: check the {found:?} at position {position} \
         (an O may be a 0, an I a 1)."
    )]
    LetterAmongDigits { position: usize, found: char },
    #[error(
        "A passport number has at least {min} digits after the letters: check for a missing digit."
    )]
    TooFewDigits { min: usize },
    #[error(
        "A passport number has at most {max} digits after the letters: check for an extra digit."
    )]
    TooManyDigits { max: usize },
}

impl PassportNumberError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::MissingLetters => "missing_letters",
            Self::TooManyLetters { .. } => "too_many_letters",
            Self::LetterAmongDigits { .. } => "letter_among_digits",
            Self::TooFewDigits { .. } => "too_few_digits",
            Self::TooManyDigits { .. } => "too_many_digits",
        }
    }
}

impl PassportNumber {
    pub const MAX_LETTERS: usize = 2;
    pub const MIN_DIGITS: usize = 6;
    pub const MAX_DIGITS: usize = 8;

    pub fn parse(input: &str) -> Result<Self, PassportNumberError> {
        use PassportNumberError as E;

        let chars = significant(input, is_spacing);
        if chars.is_empty() {
            return Err(E::Empty);
        }
        if let Some(&(position, found)) = chars.iter().find(|(_, c)| !c.is_ascii_alphanumeric()) {
            return Err(E::InvalidCharacter { position, found });
        }
        let letters = chars
            .iter()
            .take_while(|(_, c)| c.is_ascii_alphabetic())
            .count();
        if letters == 0 {
            return Err(E::MissingLetters);
        }
        if letters > Self::MAX_LETTERS {
            return Err(E::TooManyLetters {
                max: Self::MAX_LETTERS,
            });
        }
        let digits = &chars[letters..];
        if let Some(&(position, found)) = digits.iter().find(|(_, c)| c.is_ascii_alphabetic()) {
            return Err(E::LetterAmongDigits { position, found });
        }
        match digits.len() {
            n if n < Self::MIN_DIGITS => Err(E::TooFewDigits {
                min: Self::MIN_DIGITS,
            }),
            n if n > Self::MAX_DIGITS => Err(E::TooManyDigits {
                max: Self::MAX_DIGITS,
            }),
            _ => Ok(Self(
                chars.iter().map(|(_, c)| c.to_ascii_uppercase()).collect(),
            )),
        }
    }

    /// `****4567`: for logs and for screens that only need to remind the person which passport it is.
    pub fn masked(&self) -> String {
        mask_tail(&self.0)
    }
}

impl fmt::Debug for PassportNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PassportNumber")
            .field(&self.masked())
            .finish()
    }
}

string_identifier!(
    PassportNumber,
    PassportNumberError,
    example = "AK1234567",
    description = "Passport number: 1 or 2 letters then 6 to 8 digits"
);
