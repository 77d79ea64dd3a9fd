//! The strength estimator: zxcvbn's model, compact. The password is split into the sequence of matches
//! (see `matchers`) and brute-forced stretches that an attacker would need the fewest guesses for.

use std::f64::consts::LOG10_2;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::matchers::{Match, Pattern, all_matches, bruteforce};
use super::personal::{SERVICE_NAMES, personal_tokens};
use super::{CommonPasswords, MAX_LENGTH, MIN_SCORE, PersonalInfo};

/// How hard a password is to guess, on zxcvbn's scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Strength {
    /// 0 (guessed within 10³ tries) to 4 (10¹⁰ or more); [`MIN_SCORE`] and above is accepted.
    pub score: u8,
    /// log10 of the estimated number of guesses.
    pub guesses_log10: f64,
    /// What would help most, when the score is below [`MIN_SCORE`].
    pub feedback: Option<StrengthHint>,
}

/// Advice for the meter, after the longest weak part of the password. `code()` is what the SPA translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StrengthHint {
    AddWords,
    AvoidSequences,
    AvoidRepeats,
    AvoidKeyboardPatterns,
    AvoidDates,
    AvoidCommon,
    AvoidPersonal,
}

impl StrengthHint {
    pub fn code(&self) -> &'static str {
        match self {
            Self::AddWords => "add_words",
            Self::AvoidSequences => "avoid_sequences",
            Self::AvoidRepeats => "avoid_repeats",
            Self::AvoidKeyboardPatterns => "avoid_keyboard_patterns",
            Self::AvoidDates => "avoid_dates",
            Self::AvoidCommon => "avoid_common",
            Self::AvoidPersonal => "avoid_personal",
        }
    }

    fn for_pattern(pattern: Pattern) -> Self {
        match pattern {
            Pattern::Dictionary => Self::AvoidCommon,
            Pattern::Personal => Self::AvoidPersonal,
            Pattern::Repeat => Self::AvoidRepeats,
            Pattern::Sequence => Self::AvoidSequences,
            Pattern::Keyboard => Self::AvoidKeyboardPatterns,
            Pattern::Date => Self::AvoidDates,
            Pattern::Bruteforce => Self::AddWords,
        }
    }
}

impl fmt::Display for StrengthHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::AddWords => "Add another word or two; uncommon words are best.",
            Self::AvoidSequences => "Avoid sequences like abc or 6543.",
            Self::AvoidRepeats => "Avoid repeated characters and words like aaa or abcabc.",
            Self::AvoidKeyboardPatterns => "Avoid rows and patterns of keys like qwerty or 1qaz.",
            Self::AvoidDates => "Avoid dates and years.",
            Self::AvoidCommon => "Avoid common words and passwords, even spelt like p@ssw0rd.",
            Self::AvoidPersonal => {
                "Avoid your name, ID number, phone, email and the name of this service."
            }
        })
    }
}

/// Only this many characters are searched for patterns; any more count as brute force. Longer passwords
/// are refused anyway, and it bounds the meter's work per keystroke.
const ANALYSED_CHARS: usize = MAX_LENGTH;
/// Sequences of more matches are costed as if they had this many: zxcvbn's 10⁴ per extra match already
/// passes the top score at 4 matches, so counting further changes no score.
const COUNTED_MATCHES: usize = 8;
/// log10 of l! for l = 0..=COUNTED_MATCHES: the attacker does not know the order of the patterns.
const LOG_FACTORIAL: [f64; COUNTED_MATCHES + 1] = [
    0.0, 0.0, LOG10_2, 0.778_151, 1.380_211, 2.079_181, 2.857_332, 3.702_431, 4.605_521,
];
/// zxcvbn's MIN_GUESSES_BEFORE_GROWING_SEQUENCE (10⁴), as log10: a sequence of l matches takes at least
/// 10^(4(l−1)) guesses, which is what makes a phrase of several words strong.
const LOG_GUESSES_PER_EXTRA_MATCH: f64 = 4.0;

/// Estimates how many guesses `password` would take an attacker who has `list` and knows `info` and the
/// name of this service.
///
/// Like zxcvbn's `most_guessable_match_sequence`: the password is covered by a sequence of l matches and
/// brute-forced stretches (brute force is 10 per digit, 26 per letter, 33 per other ASCII character, 100 per
/// other character), costing max(l! × the product of their guesses, 10^(4(l−1))), and the cheapest cover is
/// taken. (zxcvbn adds the two terms; taking the larger is within a factor 2.) Dynamic programming over
/// positions and match counts: O(matches × 8), with O(n²) matches at most.
pub fn estimate(password: &str, info: &PersonalInfo<'_>, list: &CommonPasswords) -> Strength {
    let all: Vec<char> = password.chars().collect();
    let (chars, rest) = all.split_at(all.len().min(ANALYSED_CHARS));
    let mut tokens = personal_tokens(info);
    tokens.extend(SERVICE_NAMES.iter().map(|name| name.to_string()));
    let matches = all_matches(chars, &tokens, list);
    let (log_guesses, pieces) = cheapest_cover(chars, &matches);
    let guesses_log10 = log_guesses + rest.iter().map(|&c| bruteforce(c)).sum::<f64>();
    let score = score(guesses_log10);
    let feedback = (score < MIN_SCORE).then(|| {
        // The longest part is the one worth changing; an empty password needs words most of all.
        // `pieces` runs last part first, and ties go to the last seen: the earliest part.
        let longest = pieces.iter().max_by_key(|&&(_, len)| len);
        longest.map_or(StrengthHint::AddWords, |&(pattern, _)| {
            StrengthHint::for_pattern(pattern)
        })
    });
    Strength {
        score,
        guesses_log10,
        feedback,
    }
}

/// zxcvbn's thresholds: fewer than 10³ guesses is 0, 10⁶ is 1, 10⁸ is 2, 10¹⁰ is 3; more is 4.
fn score(guesses_log10: f64) -> u8 {
    [3.0, 6.0, 8.0, 10.0]
        .iter()
        .filter(|&&threshold| guesses_log10 >= threshold)
        .count() as u8
}

/// How the DP reached a cell.
#[derive(Clone, Copy)]
enum Step {
    Unreached,
    /// Match number `index`, after a cover of its start with `before` matches.
    Match {
        index: usize,
        before: usize,
    },
    /// The cover ends with a brute-force stretch: see the brute-force table at the same cell.
    Bruteforce,
    /// A brute-force stretch of one character starts here, after a cover with `before` matches.
    NewStretch {
        before: usize,
    },
    /// The brute-force stretch grows by one character.
    Extend,
}

/// The cheapest cover of `chars` by `matches` (sorted by start) and brute force: its log10 guesses and its
/// parts as (pattern, length), last part first.
fn cheapest_cover(chars: &[char], matches: &[Match]) -> (f64, Vec<(Pattern, usize)>) {
    let n = chars.len();
    if n == 0 {
        return (0.0, Vec::new());
    }
    let width = COUNTED_MATCHES + 1;
    let at = |position: usize, count: usize| position * width + count;
    // best: the least sum of log10 guesses covering chars[..position] with `count` parts;
    // stretch: the same, for covers whose last part is a brute-force stretch.
    let mut best = vec![(f64::INFINITY, Step::Unreached); (n + 1) * width];
    let mut stretch = best.clone();
    best[at(0, 0)].0 = 0.0;
    let relax = |cell: &mut (f64, Step), cost: f64, step: Step| {
        if cost < cell.0 {
            *cell = (cost, step);
        }
    };
    let mut next_match = 0;
    for position in 0..=n {
        for count in 0..width {
            let (cost, _) = stretch[at(position, count)];
            relax(&mut best[at(position, count)], cost, Step::Bruteforce);
        }
        if position == n {
            break;
        }
        let char_cost = bruteforce(chars[position]);
        let starting = next_match
            + matches[next_match..]
                .iter()
                .take_while(|m| m.start == position)
                .count();
        for count in 0..width {
            let more = (count + 1).min(COUNTED_MATCHES);
            let (cost, _) = best[at(position, count)];
            if cost.is_finite() {
                for (index, m) in matches.iter().enumerate().take(starting).skip(next_match) {
                    let step = Step::Match {
                        index,
                        before: count,
                    };
                    relax(&mut best[at(m.end, more)], cost + m.log_guesses, step);
                }
                let step = Step::NewStretch { before: count };
                relax(&mut stretch[at(position + 1, more)], cost + char_cost, step);
            }
            let (extended, _) = stretch[at(position, count)];
            relax(
                &mut stretch[at(position + 1, count)],
                extended + char_cost,
                Step::Extend,
            );
        }
        next_match = starting;
    }

    let total = |count: usize| {
        let product = LOG_FACTORIAL[count] + best[at(n, count)].0;
        product.max(LOG_GUESSES_PER_EXTRA_MATCH * (count as f64 - 1.0))
    };
    let Some(count) = (1..width).min_by(|&a, &b| total(a).total_cmp(&total(b))) else {
        return (0.0, Vec::new());
    };
    (
        total(count),
        trace(&best, &stretch, matches, width, n, count),
    )
}

/// Walks the DP's steps back from the end to list the parts of the cheapest cover.
fn trace(
    best: &[(f64, Step)],
    stretch: &[(f64, Step)],
    matches: &[Match],
    width: usize,
    mut position: usize,
    mut count: usize,
) -> Vec<(Pattern, usize)> {
    let mut parts = Vec::new();
    let mut stretch_end = None;
    while position > 0 {
        let table = if stretch_end.is_some() { stretch } else { best };
        match table[position * width + count].1 {
            Step::Match { index, before } => {
                let m = &matches[index];
                parts.push((m.pattern, m.end - m.start));
                (position, count) = (m.start, before);
            }
            Step::Bruteforce => stretch_end = Some(position),
            Step::Extend => position -= 1,
            Step::NewStretch { before } => {
                position -= 1;
                let end = stretch_end.take().unwrap_or(position);
                parts.push((Pattern::Bruteforce, end - position));
                count = before;
            }
            Step::Unreached => break,
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn guesses(password: &str, list: &CommonPasswords) -> f64 {
        estimate(password, &PersonalInfo::default(), list).guesses_log10
    }

    fn parts(password: &str, list: &CommonPasswords) -> Vec<(Pattern, usize)> {
        let chars: Vec<char> = password.chars().collect();
        let mut tokens = personal_tokens(&PersonalInfo::default());
        tokens.extend(SERVICE_NAMES.iter().map(|name| name.to_string()));
        let mut parts = cheapest_cover(&chars, &all_matches(&chars, &tokens, list)).1;
        parts.reverse();
        parts
    }

    #[test]
    fn covers_with_patterns_and_brute_force() {
        let list = CommonPasswords::parse("password\n");
        assert_eq!(
            parts("Password1990!x", &list),
            [
                (Pattern::Dictionary, 8),
                (Pattern::Date, 4),
                (Pattern::Bruteforce, 2),
            ]
        );
        assert_eq!(parts("zq", &list), [(Pattern::Bruteforce, 2)]);
        assert_eq!(parts("", &list), []);
    }

    #[test]
    fn brute_force_alone_costs_per_character() {
        let list = CommonPasswords::default();
        // A 1-part cover: exactly the brute force.
        let expected = 2.0 * 1.0 + 1.518_513_939_877_887_6 + 2.0;
        assert!((guesses("5|7€", &list) - expected).abs() < 1e-9);
    }

    #[test]
    fn many_parts_cost_at_least_ten_thousand_each() {
        let list = CommonPasswords::parse("monkey\ndragon\nshadow\nmaster\n");
        // Four top words: tiny product, but 4 parts take at least 10^12 guesses, as in zxcvbn.
        let log = guesses("monkeydragonshadowmaster", &list);
        assert!((12.0..13.0).contains(&log), "{log}");
    }

    #[test]
    fn scores_follow_zxcvbn_thresholds() {
        let scores: Vec<u8> = [0.0, 2.99, 3.0, 5.9, 6.0, 8.0, 9.99, 10.0, 40.0, f64::NAN]
            .into_iter()
            .map(score)
            .collect();
        assert_eq!(scores, [0, 0, 1, 1, 2, 3, 3, 4, 4, 0]);
    }

    /// Appending is not monotone in general, by design, as in zxcvbn: finishing a common word makes the
    /// password cheaper than its unfinished prefix. The property that does hold is in the proptest below.
    #[test]
    fn finishing_a_word_can_lower_the_estimate() {
        let list = CommonPasswords::parse("password\n");
        assert!(guesses("password", &list) < guesses("passwor", &list) - 3.0);
    }

    proptest! {
        /// Never more than brute force: a single stretch over everything is always a candidate.
        #[test]
        fn at_most_brute_force(chars in proptest::collection::vec(any::<char>(), 0..200)) {
            let password: String = chars.iter().collect();
            let brute: f64 = chars.iter().map(|&c| bruteforce(c)).sum();
            let list = CommonPasswords::parse("password\n123456\nqwerty\n");
            let log = guesses(&password, &list);
            prop_assert!(log >= 0.0 && log <= brute + 1e-9, "{log} > {brute}");
        }

        /// Exact monotonicity where it can hold: appending a character that takes part in no pattern (not
        /// ASCII, so in no word, sequence, keyboard walk or date, and not already in the password, so in no
        /// repeat) never lowers the estimate. It shows the DP finds the true minimum and brute force adds up.
        #[test]
        fn appending_an_unrelated_character_never_lowers_the_estimate(
            password in "[a-zA-Z0-9 !@#$%.]{0,60}|\\PC{0,150}",
            extra in proptest::char::range('\u{4e00}', '\u{9fff}'),
        ) {
            prop_assume!(!password.contains(extra));
            let list = CommonPasswords::parse("password\nmonkey\nqwerty\nabc123\n");
            let before = guesses(&password, &list);
            let after = guesses(&format!("{password}{extra}"), &list);
            prop_assert!(after >= before - 1e-9, "{before} → {after}");
        }
    }
}
