use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{is_spacing, significant, string_identifier};

/// A Kenyan vehicle registration plate, accepted in any case with or without spaces and stored upper-case
/// with the usual spacing:
///
/// | kind | canonical form |
/// |---|---|
/// | civilian | `KDA 123A`: `K`, two series letters (never I or O), 3 digits, a letter |
/// | motorcycle | `KMDF 219K`: `KM`, two series letters (never I or O), 3 digits, a letter |
/// | government | `GKB 123A` or `GK 123A`: `GK`, an optional letter, 3 digits, a letter |
/// | diplomatic | `1 CD 12 K`: 1–3 digits, `CD`, 1–3 digits, an optional letter |
/// | county | `47 CG 456A`: county code 1–47, `CG`, 3 digits, a letter |
///
/// Tractor (`KTC…`) and trailer (`Z…`) plates vary too much to check and are not accepted yet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Plate(String, PlateKind);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlateKind {
    Civilian,
    Motorcycle,
    Government,
    Diplomatic,
    County,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlateError {
    #[error("Enter a number plate.")]
    Empty,
    #[error(
        "A number plate has only letters and digits: remove the {found:?} at position {position}."
    )]
    InvalidCharacter { position: usize, found: char },
    #[error("The letters after the K on a number plate are never I or O: check them.")]
    LetterIOrO,
    #[error("A county plate starts with a county code from 1 to 47, e.g. 47 CG 456A.")]
    InvalidCountyCode,
    #[error(
        "This is not a Kenyan number plate: they look like KDA 123A, KMDF 219K, GKB 123A, 47 CG 456A \
         or 1 CD 12 K."
    )]
    UnknownFormat,
}

impl PlateError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::LetterIOrO => "letter_i_or_o",
            Self::InvalidCountyCode => "invalid_county_code",
            Self::UnknownFormat => "unknown_format",
        }
    }
}

/// Splits `KDA123A` into `["KDA", "123", "A"]`: alternating runs of letters and of digits.
fn runs(s: &str) -> Vec<&str> {
    let bytes = s.as_bytes();
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=bytes.len() {
        if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[i - 1].is_ascii_digit() {
            runs.push(&s[start..i]);
            start = i;
        }
    }
    runs
}

impl Plate {
    pub fn parse(input: &str) -> Result<Self, PlateError> {
        use PlateError as E;
        use PlateKind as K;

        let chars = significant(input, is_spacing);
        if chars.is_empty() {
            return Err(E::Empty);
        }
        if let Some(&(position, found)) = chars.iter().find(|(_, c)| !c.is_ascii_alphanumeric()) {
            return Err(E::InvalidCharacter { position, found });
        }
        let compact: String = chars.iter().map(|(_, c)| c.to_ascii_uppercase()).collect();
        let runs = runs(&compact);
        let starts_with_digits = compact.starts_with(|c: char| c.is_ascii_digit());

        // Runs alternate, so knowing whether the first is digits tells the type of every run.
        let (text, kind) = match *runs.as_slice() {
            [prefix, number, suffix]
                if !starts_with_digits && number.len() == 3 && suffix.len() == 1 =>
            {
                let (kind, series) = match prefix.len() {
                    2 | 3 if prefix.starts_with("GK") => (K::Government, ""),
                    3 if prefix.starts_with('K') => (K::Civilian, &prefix[1..]),
                    4 if prefix.starts_with("KM") => (K::Motorcycle, &prefix[2..]),
                    _ => return Err(E::UnknownFormat),
                };
                if series.contains(['I', 'O']) {
                    return Err(E::LetterIOrO);
                }
                (format!("{prefix} {number}{suffix}"), kind)
            }
            [code, "CG", number, suffix]
                if starts_with_digits && number.len() == 3 && suffix.len() == 1 =>
            {
                if code.len() > 2 || !matches!(code.parse::<u8>(), Ok(1..=47)) {
                    return Err(E::InvalidCountyCode);
                }
                (format!("{code} CG {number}{suffix}"), K::County)
            }
            [mission, "CD", number, ref suffix @ ..]
                if starts_with_digits
                    && mission.len() <= 3
                    && number.len() <= 3
                    && suffix.len() <= 1
                    && suffix.iter().all(|s| s.len() == 1) =>
            {
                let suffix: String = suffix.iter().map(|s| format!(" {s}")).collect();
                (format!("{mission} CD {number}{suffix}"), K::Diplomatic)
            }
            _ => return Err(E::UnknownFormat),
        };
        Ok(Self(text, kind))
    }

    pub fn kind(&self) -> PlateKind {
        self.1
    }
}

string_identifier!(
    Plate,
    PlateError,
    example = "KDA 123A",
    description =
        "Kenyan number plate, upper-case with the usual spacing, e.g. KDA 123A, KMDF 219K, GK 123A"
);
