use std::fmt;

use thiserror::Error;

use super::{is_spacing, significant, string_identifier};

/// A Kenyan mobile number, stored in E.164 form: `+254` and 9 digits starting with 7 or 1.
///
/// Accepts the ways people write them: `0712 345 678`, `+254 712 345 678`, `254712345678`, `712345678`,
/// `00254…`, `+254 (0)712…`, with spaces, dashes and parentheses. Landlines are refused: the number is
/// for SMS codes and M-Pesa.
///
/// `Debug` shows only the masked form, so a number that reaches a log line is not disclosed.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PhoneNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhoneNumberError {
    #[error("Enter a mobile number.")]
    Empty,
    #[error(
        "A mobile number has only digits (and + at the start): remove the {found:?} at position {position}."
    )]
    InvalidCharacter { position: usize, found: char },
    #[error("Only Kenyan mobile numbers (+254) can be used here.")]
    NotKenyan,
    #[error("This is not a Kenyan mobile number: those start with 07 or 01, e.g. 0712 345 678.")]
    NotMobile,
    #[error("A mobile number has 10 digits, e.g. 0712 345 678: check for a missing digit.")]
    TooShort,
    #[error("A mobile number has 10 digits, e.g. 0712 345 678: check for an extra digit.")]
    TooLong,
}

impl PhoneNumberError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::NotKenyan => "not_kenyan",
            Self::NotMobile => "not_mobile",
            Self::TooShort => "too_short",
            Self::TooLong => "too_long",
        }
    }
}

impl PhoneNumber {
    const COUNTRY_CODE: &'static str = "254";
    /// Digits after the country code.
    const NATIONAL_DIGITS: usize = 9;

    pub fn parse(input: &str) -> Result<Self, PhoneNumberError> {
        use PhoneNumberError as E;

        let chars = significant(input, |c| is_spacing(c) || c == '(' || c == ')');
        let Some(&(_, first)) = chars.first() else {
            return Err(E::Empty);
        };
        let plus = first == '+';
        let rest = if plus { &chars[1..] } else { &chars[..] };
        if let Some(&(position, found)) = rest.iter().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(E::InvalidCharacter { position, found });
        }
        let digits: String = rest.iter().map(|(_, c)| c).collect();

        // Some people write the trunk 0 after the country code, as in `+254 (0)712 345 678`.
        let after_code = |n: &str| n.strip_prefix('0').unwrap_or(n).to_owned();
        let dialled_abroad = if plus {
            Some(digits.as_str())
        } else {
            digits.strip_prefix("00")
        };
        let national = match dialled_abroad {
            Some(d) => match d.strip_prefix(Self::COUNTRY_CODE) {
                Some(n) => after_code(n),
                None if Self::COUNTRY_CODE.starts_with(d) => return Err(E::TooShort),
                None => return Err(E::NotKenyan),
            },
            None => match digits.strip_prefix(Self::COUNTRY_CODE) {
                Some(n) => after_code(n),
                None => digits.strip_prefix('0').unwrap_or(&digits).to_owned(),
            },
        };

        if national.starts_with(|c| c != '7' && c != '1') {
            return Err(E::NotMobile);
        }
        match national.len() {
            n if n < Self::NATIONAL_DIGITS => Err(E::TooShort),
            n if n > Self::NATIONAL_DIGITS => Err(E::TooLong),
            _ => Ok(Self(format!("+{}{national}", Self::COUNTRY_CODE))),
        }
    }

    /// The 9 digits after `+254`.
    fn subscriber(&self) -> &str {
        &self.0[4..]
    }

    /// The number as Kenyans write it, for display: `0712 345 678`.
    pub fn national(&self) -> String {
        let n = self.subscriber();
        format!("0{} {} {}", &n[..3], &n[3..6], &n[6..])
    }

    /// `+254 7** *** 678`: enough for a person to recognise their number, e.g. "code sent to …".
    pub fn masked(&self) -> String {
        let n = self.subscriber();
        format!("+254 {}** *** {}", &n[..1], &n[6..])
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PhoneNumber").field(&self.masked()).finish()
    }
}

string_identifier!(
    PhoneNumber,
    PhoneNumberError,
    example = "+254712345678",
    description =
        "Kenyan mobile number in E.164 form (+254 and 9 digits); input may also be 0712 345 678"
);
