//! The password policy of SECURITY.md ("Passwords and sign-in"), shared by the SPA's live checks and the
//! server's final word, so both tell the person the same thing.
//!
//! [`check_password`] applies the rules in this order and reports the first that fails:
//!
//! 1. **Length**: 8 to 128 Unicode scalar values (what `str::chars` counts). Nothing is truncated and there
//!    are no composition rules: spaces, emoji and any script are welcome.
//! 2. **Common**: the password is in the list of common passwords ([`CommonPasswords`]), compared
//!    case-insensitively after trimming, also with common l33t spellings undone (`p@ssw0rd`) and with a
//!    short tail of digits, punctuation or spaces removed (`password123!`). "Short" means at most
//!    [`MAX_STRIPPED_SUFFIX`] characters: a long random tail adds real strength, and weak long tails
//!    (`password1234567`) are caught by the estimator anyway.
//! 3. **Personal**: the password contains one of the person's tokens (see [`PersonalInfo`]): tokens of 4 or
//!    more characters anywhere, 3-character tokens (a name like "Ann") only as a whole run of letters or
//!    digits, so "ann_1990" is refused but "planning" is not. Shorter tokens are ignored.
//! 4. **Service name**: it contains `njia` or `ecitizen`, by the same rule.
//! 5. **Strength**: the [`estimate`] scores at least [`MIN_SCORE`] (zxcvbn's scale, 0 to 4).
//!    The estimator also finds the person's tokens and the service names (from 3 characters, anywhere) and
//!    counts them as the first words an attacker tries, so even a 3-letter name inside a word weakens it.
//!
//! Rules 3 and 4 compare against the lower-cased password, its two l33t readings (`1` as `i` or `l`,
//! `7` as `t` or `l`, `@` as `a`, `0` as `o`, `$` as `s`, … as zxcvbn), and each of those with everything but
//! letters and digits removed, so `W@njiru`, `e-citizen` and `0712 345 678` are all caught.
//!
//! The list is data, not code: the SPA fetches [`COMMON_PASSWORDS_FILE`] when the person starts typing a
//! password and builds it with [`CommonPasswords::with_local`]; the server uses [`CommonPasswords::bundled`].

mod estimate;
mod list;
mod matchers;
mod personal;
mod text;

use thiserror::Error;

pub use estimate::{Strength, StrengthHint, estimate};
pub use list::{COMMON_PASSWORDS_FILE, CommonPasswords, LOCAL_PASSWORDS};

use personal::{SERVICE_NAMES, mentions, personal_tokens};
use text::{lower_char, readings, unleet_str};

/// Fewer characters than this is refused.
pub const MIN_LENGTH: usize = 8;
/// More characters than this is refused (never silently cut).
pub const MAX_LENGTH: usize = 128;
/// The lowest [`Strength::score`] accepted.
pub const MIN_SCORE: u8 = 3;
/// The longest tail of digits, punctuation or spaces removed before looking a password up in the list.
pub const MAX_STRIPPED_SUFFIX: usize = 6;

/// What the person told us about themselves, which an attacker who knows them would try first.
///
/// Tokens taken from it (lower-cased; fewer than 3 characters are ignored):
/// - each name as given with only its letters and digits, and each part of it between other characters
///   ("Mary-Ann" gives `maryann`, `mary`, `ann`);
/// - the ID number with only its letters and digits;
/// - the email's local part likewise and its parts between dots, dashes, …, and each label of its domain
///   except the last (the TLD) and generic ones such as `com`, `org`, `co`, `ac`;
/// - the last 9 digits of the phone number (the subscriber number, whatever prefix is typed).
#[derive(Clone, Copy, Default)]
pub struct PersonalInfo<'a> {
    pub names: &'a [&'a str],
    pub id_number: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PasswordError {
    #[error("Use at least {min} characters.")]
    TooShort { min: usize },
    #[error("Use at most {max} characters.")]
    TooLong { max: usize },
    #[error("This password is on a list of passwords that are often stolen: choose another.")]
    Common,
    #[error("Don't build your password from your name, ID number, phone or email.")]
    Personal,
    #[error("Don't use the name of this service in your password.")]
    ServiceName,
    /// `score` and `hint` are what the meter showed, so the form can say what to change.
    #[error("Add another word or two: this password is easy to guess.")]
    TooWeak {
        score: u8,
        hint: Option<StrengthHint>,
    },
}

impl PasswordError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooShort { .. } => "too_short",
            Self::TooLong { .. } => "too_long",
            Self::Common => "common",
            Self::Personal => "personal",
            Self::ServiceName => "service_name",
            Self::TooWeak { .. } => "too_weak",
        }
    }
}

/// Applies the policy (see the module documentation); on success returns the strength for the meter.
pub fn check_password(
    password: &str,
    info: &PersonalInfo<'_>,
    list: &CommonPasswords,
) -> Result<Strength, PasswordError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordError::TooShort { min: MIN_LENGTH });
    }
    if length > MAX_LENGTH {
        return Err(PasswordError::TooLong { max: MAX_LENGTH });
    }
    if is_common(password, list) {
        return Err(PasswordError::Common);
    }
    let readings = readings(password);
    if personal_tokens(info)
        .iter()
        .any(|token| mentions(&readings, token))
    {
        return Err(PasswordError::Personal);
    }
    if SERVICE_NAMES.iter().any(|name| mentions(&readings, name)) {
        return Err(PasswordError::ServiceName);
    }
    let strength = estimate(password, info, list);
    if strength.score < MIN_SCORE {
        return Err(PasswordError::TooWeak {
            score: strength.score,
            hint: strength.feedback,
        });
    }
    Ok(strength)
}

/// Whether the whole password is a listed one in any of the disguises attackers' rules undo first.
fn is_common(password: &str, list: &CommonPasswords) -> bool {
    let lower: String = password.chars().map(lower_char).collect();
    let whole = lower.trim();
    let stripped = strip_suffix(whole);
    [whole, stripped].into_iter().any(|candidate| {
        !candidate.is_empty()
            && (list.rank(candidate).is_some()
                || list.rank(&unleet_str(candidate, false)).is_some()
                || list.rank(&unleet_str(candidate, true)).is_some())
    })
}

/// `text` without its tail of digits, punctuation and spaces, if that tail is short enough to be the kind
/// people bolt on to satisfy old composition rules.
fn strip_suffix(text: &str) -> &str {
    let kept = text.trim_end_matches(|c: char| {
        c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace()
    });
    if text[kept.len()..].chars().count() <= MAX_STRIPPED_SUFFIX {
        kept
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_only_short_suffixes() {
        assert_eq!(strip_suffix("password123!"), "password");
        assert_eq!(strip_suffix("love 2024!"), "love");
        assert_eq!(strip_suffix("love 2024!!"), "love 2024!!", "7 characters");
        assert_eq!(strip_suffix("dragon83927461"), "dragon83927461");
        assert_eq!(strip_suffix("123456"), "");
        assert_eq!(strip_suffix("p@ssw0rd"), "p@ssw0rd");
    }

    #[test]
    fn common_in_disguise() {
        let list = CommonPasswords::parse("password\nmonkey\n");
        for common in [
            "password",
            "PASSWORD",
            " Password ",
            "p@ssw0rd",
            "Pa$$word1!",
            "m0nk3y99",
        ] {
            assert!(is_common(common, &list), "{common:?}");
        }
        for fine in [
            "passwords",
            "dragon83927461",
            "my password",
            "password1234567",
        ] {
            assert!(!is_common(fine, &list), "{fine:?}");
        }
    }
}
