//! Character-level helpers shared by the list, the rules and the estimator.

/// Lower-cases one character, keeping it as it is when its lower case is several characters (`İ`), so a
/// lower-cased password has its characters at the same positions as the original.
pub(super) fn lower_char(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The letter a l33t character stands for, as in zxcvbn's table. `1` and `|` can be `i` or `l`, and `7` can be
/// `t` or `l`: `alternate` picks the second reading, so checking both readings of a whole password covers
/// the usual spellings without trying every combination.
pub(super) fn unleet(c: char, alternate: bool) -> Option<char> {
    Some(match c {
        '4' | '@' => 'a',
        '8' => 'b',
        '(' | '{' | '[' | '<' => 'c',
        '3' => 'e',
        '6' | '9' => 'g',
        '!' => 'i',
        '1' | '|' if alternate => 'l',
        '1' | '|' => 'i',
        '7' if alternate => 'l',
        '7' | '+' => 't',
        '0' => 'o',
        '$' | '5' => 's',
        '%' => 'x',
        '2' => 'z',
        _ => return None,
    })
}

/// `text` (already lower-case) with every l33t character replaced by its letter.
pub(super) fn unleet_str(text: &str, alternate: bool) -> String {
    text.chars()
        .map(|c| unleet(c, alternate).unwrap_or(c))
        .collect()
}

/// Only the letters and digits of `text`, lower-cased: how a token is compared whatever separators surround
/// or split it.
pub(super) fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .map(lower_char)
        .collect()
}

/// The ways of reading a password that the personal and service-name rules search: lower-cased, its two
/// l33t readings, and each of those squashed. Duplicates are dropped.
pub(super) fn readings(password: &str) -> Vec<String> {
    let lower: String = password.chars().map(lower_char).collect();
    let mut readings = Vec::with_capacity(6);
    for reading in [unleet_str(&lower, false), unleet_str(&lower, true), lower] {
        let squashed = squash(&reading);
        for candidate in [reading, squashed] {
            if !readings.contains(&candidate) {
                readings.push(candidate);
            }
        }
    }
    readings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_keeps_positions() {
        assert_eq!(lower_char('A'), 'a');
        assert_eq!(lower_char('Ñ'), 'ñ');
        assert_eq!(lower_char('İ'), 'İ');
        assert_eq!(lower_char('7'), '7');
    }

    #[test]
    fn l33t_readings() {
        assert_eq!(unleet_str("p@ssw0rd", false), "password");
        assert_eq!(unleet_str("b4ll1", false), "balli");
        assert_eq!(unleet_str("b4ll1", true), "balll");
        assert_eq!(unleet_str("a77ack", false), "attack");
        assert_eq!(unleet_str("h3llo wörld", false), "hello wörld");
    }

    #[test]
    fn readings_cover_disguises() {
        let all = readings("W@njiru-07");
        for expected in [
            "w@njiru-07",
            "wanjiru-ot",
            "wanjiru-ol",
            "wanjiruot",
            "w@njiru-07",
        ] {
            assert!(all.iter().any(|r| r == expected), "{expected:?} in {all:?}");
        }
        assert!(
            all.iter().any(|r| r == "wnjiru07"),
            "squashed raw reading in {all:?}"
        );
    }
}
