use thiserror::Error;

use super::{is_spacing, significant, string_identifier};

/// A KRA PIN: `A` (a person) or `P` (an organisation), 9 digits and a check letter, e.g. `A004416331M`.
/// Accepted in any case, stored upper-case. The check letter's algorithm is not published, so it is not
/// verified here.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KraPin(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KraPinError {
    #[error("Enter a KRA PIN.")]
    Empty,
    #[error("A KRA PIN has only letters and digits: remove the {found:?} at position {position}.")]
    InvalidCharacter { position: usize, found: char },
    #[error("A KRA PIN starts with A (for a person) or P (for an organisation), e.g. A004416331M.")]
    WrongPrefix { found: char },
    #[error("A KRA PIN has {expected} characters, e.g. A004416331M; this one has {found}.")]
    WrongLength { expected: usize, found: usize },
    #[error(
        "A KRA PIN has 9 digits after the first letter: check the {found:?} at position {position} \
         (an O may be a 0)."
    )]
    ExpectedDigit { position: usize, found: char },
    #[error("A KRA PIN ends with a letter, e.g. A004416331M: check the last character.")]
    MissingFinalLetter,
}

impl KraPinError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::WrongPrefix { .. } => "wrong_prefix",
            Self::WrongLength { .. } => "wrong_length",
            Self::ExpectedDigit { .. } => "expected_digit",
            Self::MissingFinalLetter => "missing_final_letter",
        }
    }
}

impl KraPin {
    pub const LENGTH: usize = 11;

    pub fn parse(input: &str) -> Result<Self, KraPinError> {
        use KraPinError as E;

        let chars = significant(input, is_spacing);
        let Some(&(_, first)) = chars.first() else {
            return Err(E::Empty);
        };
        if let Some(&(position, found)) = chars.iter().find(|(_, c)| !c.is_ascii_alphanumeric()) {
            return Err(E::InvalidCharacter { position, found });
        }
        if !matches!(first.to_ascii_uppercase(), 'A' | 'P') {
            return Err(E::WrongPrefix { found: first });
        }
        if chars.len() != Self::LENGTH {
            return Err(E::WrongLength {
                expected: Self::LENGTH,
                found: chars.len(),
            });
        }
        if let Some(&(position, found)) = chars[1..10].iter().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(E::ExpectedDigit { position, found });
        }
        if !chars[10].1.is_ascii_alphabetic() {
            return Err(E::MissingFinalLetter);
        }
        Ok(Self(
            chars.iter().map(|(_, c)| c.to_ascii_uppercase()).collect(),
        ))
    }

    /// Whether the PIN belongs to an organisation (`P…`) rather than a person (`A…`).
    pub fn is_organisation(&self) -> bool {
        self.0.starts_with('P')
    }
}

string_identifier!(
    KraPin,
    KraPinError,
    example = "A004416331M",
    description = "KRA PIN: A (person) or P (organisation), 9 digits and a letter"
);
