//! Tokens an attacker who knows the person would try, and when a password counts as built from one.

use super::PersonalInfo;
use super::text::{lower_char, squash};

/// Names of this service, which people reach for when asked for a password on it.
pub(super) const SERVICE_NAMES: [&str; 2] = ["njia", "ecitizen"];

/// Shorter tokens match too much by chance ("Li" is in "lion") to refuse a password for.
const MIN_TOKEN_CHARS: usize = 3;
/// From this length a token counts anywhere in the password; shorter ones only as a whole word.
const SUBSTRING_TOKEN_CHARS: usize = 4;
/// A Kenyan subscriber number: what stays the same however the prefix is typed (+254, 254, 0).
const PHONE_DIGITS: usize = 9;
/// Domain labels that say nothing about the person (`co` in `.co.ke`, `com` in `.com.ng`).
const GENERIC_LABELS: [&str; 14] = [
    "ac", "co", "go", "me", "ne", "or", "sc", "com", "edu", "gov", "info", "mail", "mobi", "net",
];

/// The person's tokens, lower-cased, deduplicated, at least [`MIN_TOKEN_CHARS`] long (see [`PersonalInfo`]).
pub(super) fn personal_tokens(info: &PersonalInfo<'_>) -> Vec<String> {
    let mut tokens = Vec::new();
    for name in info.names {
        push_words(&mut tokens, name);
    }
    if let Some(id) = info.id_number {
        tokens.push(squash(id));
    }
    if let Some(email) = info.email {
        let (local, domain) = email.trim().rsplit_once('@').unwrap_or((email, ""));
        push_words(&mut tokens, local);
        let labels: Vec<&str> = domain.split('.').collect();
        let before_tld = labels.len().saturating_sub(1);
        tokens.extend(
            labels[..before_tld]
                .iter()
                .map(|label| label.chars().map(lower_char).collect::<String>())
                .filter(|label| !GENERIC_LABELS.contains(&label.as_str())),
        );
    }
    if let Some(phone) = info.phone {
        let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
        let last = digits.len().saturating_sub(PHONE_DIGITS);
        tokens.push(digits[last..].iter().collect());
    }
    tokens.retain(|token| token.chars().count() >= MIN_TOKEN_CHARS);
    tokens.sort_unstable();
    tokens.dedup();
    tokens
}

/// `text` squashed, and each of its parts between characters other than letters and digits.
fn push_words(tokens: &mut Vec<String>, text: &str) {
    tokens.push(squash(text));
    tokens.extend(
        text.split(|c: char| !c.is_alphanumeric())
            .map(|part| part.chars().map(lower_char).collect::<String>()),
    );
}

/// Whether any reading of the password (see `text::readings`) contains `token`: anywhere if it is long
/// enough, otherwise as a whole run of letters or of digits, so "ann" is found in "ann_1990" and "1990ann"
/// but not in "planning".
pub(super) fn mentions(readings: &[String], token: &str) -> bool {
    match token.chars().count() {
        n if n >= SUBSTRING_TOKEN_CHARS => readings.iter().any(|r| r.contains(token)),
        n if n >= MIN_TOKEN_CHARS => readings.iter().any(|r| has_run(r, token)),
        _ => false,
    }
}

/// Whether `token` is one of the maximal runs of letters, or of digits, in `text`.
fn has_run(text: &str, token: &str) -> bool {
    let class = |c: char| {
        if c.is_alphabetic() {
            1
        } else if c.is_numeric() {
            2
        } else {
            0
        }
    };
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let kind = class(c);
        let next_kind = chars.peek().map_or(0, |&(_, next)| class(next));
        if kind != next_kind {
            let end = at + c.len_utf8();
            if kind != 0 && text[start..end] == *token {
                return true;
            }
            start = end;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::password::text::readings;

    #[test]
    fn tokens_from_everything_the_person_told_us() {
        let info = PersonalInfo {
            names: &["Mary-Ann", "Wanjiru Kamau", "Li"],
            id_number: Some("2938 4756"),
            email: Some("Otieno.K@KenyaWeb.co.ke"),
            phone: Some("+254 712 345 678"),
        };
        assert_eq!(
            personal_tokens(&info),
            [
                "29384756",
                "712345678",
                "ann",
                "kamau",
                "kenyaweb",
                "mary",
                "maryann",
                "otieno",
                "otienok",
                "wanjiru",
                "wanjirukamau",
            ]
        );
    }

    #[test]
    fn short_phone_and_empty_fields() {
        let info = PersonalInfo {
            names: &["", " "],
            id_number: Some(""),
            email: Some("no-at-sign"),
            phone: Some("0712"),
        };
        assert_eq!(personal_tokens(&info), ["0712", "noatsign", "sign"]);
        assert!(personal_tokens(&PersonalInfo::default()).is_empty());
    }

    #[test]
    fn three_letter_tokens_only_as_whole_runs() {
        for hit in ["ann_1990", "1990ann", "i am ann", "4nn-loves-tea", "ANN"] {
            assert!(mentions(&readings(hit), "ann"), "{hit:?}");
        }
        for miss in ["planning", "annual", "joanna 12"] {
            assert!(!mentions(&readings(miss), "ann"), "{miss:?}");
        }
        assert!(mentions(&readings("x-123-y"), "123"));
        assert!(!mentions(&readings("x1234y"), "123"));
    }

    #[test]
    fn longer_tokens_anywhere() {
        assert!(mentions(&readings("iloveW@NJIRU!"), "wanjiru"));
        assert!(mentions(&readings("call 0712-345-678"), "712345678"));
        assert!(mentions(&readings("E-Citizen rocks"), "ecitizen"));
        assert!(mentions(&readings("wanj iru"), "wanjiru"), "squashed");
        assert!(!mentions(&readings("anything"), "ab"));
    }
}
