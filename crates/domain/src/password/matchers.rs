//! zxcvbn's pattern matchers, compactly: each finds the parts of a password that some attacker strategy
//! covers cheaply, and says how many guesses (log10) that strategy needs to reach the part.
//!
//! Cost: for n characters, dictionary matching is O(n × longest entry) binary searches (cut short as soon as no
//! entry starts with the substring), sequences, keyboard walks and dates O(n), repeats O(n²) matches.

use std::f64::consts::LOG10_2;

use super::list::{CommonPasswords, Lookup};
use super::text::{lower_char, unleet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pattern {
    Dictionary,
    Personal,
    Repeat,
    Sequence,
    Keyboard,
    Date,
    Bruteforce,
}

/// `chars[start..end]` can be guessed in `10^log_guesses` tries by the strategy `pattern`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Match {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) log_guesses: f64,
    pub(super) pattern: Pattern,
}

/// zxcvbn's least guesses for a match that is only part of the password: even a top-ranked word costs the
/// attacker something once they must also guess where it goes.
const LOG_MIN_SUBMATCH_GUESSES: f64 = 1.698_970_004_336_018_8; // log10(50)
const LOG_MIN_SINGLE_CHAR_GUESSES: f64 = 1.0;
/// Dates and years near this one are tried first. Off by a few years it changes little: see `year_space`.
const REFERENCE_YEAR: i32 = 2025;

/// log10 of the guesses for one character by brute force, by its class: 10 digits, 26 letters, 33 other
/// printable ASCII characters, and for anything else 100 (a letter with an accent, another script, emoji —
/// people draw those from a small set, not from all of Unicode).
pub(super) fn bruteforce(c: char) -> f64 {
    if c.is_ascii_digit() {
        1.0
    } else if c.is_ascii_alphabetic() {
        1.414_973_347_970_817_8 // log10(26)
    } else if c.is_ascii() {
        1.518_513_939_877_887_6 // log10(33)
    } else {
        2.0
    }
}

/// Every match in `chars` (as typed), sorted by start. `tokens` are the person's tokens and service names.
pub(super) fn all_matches(chars: &[char], tokens: &[String], list: &CommonPasswords) -> Vec<Match> {
    let lower: Vec<char> = chars.iter().map(|&c| lower_char(c)).collect();
    let mut matches = Vec::new();
    let common = |word: &str| list.lookup(word);
    let longest_common = list.max_chars();
    dictionary(
        chars,
        &lower,
        longest_common,
        &common,
        Pattern::Dictionary,
        &mut matches,
    );
    let personal = |word: &str| Lookup {
        rank: tokens.iter().position(|t| t == word).map(|i| i as u32 + 1),
        is_prefix: tokens.iter().any(|t| t.starts_with(word)),
    };
    let longest_token = tokens.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    dictionary(
        chars,
        &lower,
        longest_token,
        &personal,
        Pattern::Personal,
        &mut matches,
    );
    sequences(chars, &lower, &mut matches);
    keyboard(chars, &mut matches);
    dates(chars, &mut matches);
    matches.sort_unstable_by_key(|m| (m.start, m.end));
    let mut found = repeats(chars, &matches);
    matches.append(&mut found);

    let n = chars.len();
    for m in &mut matches {
        if m.end - m.start < n {
            let floor = if m.end - m.start == 1 {
                LOG_MIN_SINGLE_CHAR_GUESSES
            } else {
                LOG_MIN_SUBMATCH_GUESSES
            };
            m.log_guesses = m.log_guesses.max(floor);
        }
    }
    matches.sort_unstable_by_key(|m| (m.start, m.end));
    matches
}

/// Calls `found(start, end, rank)` for every substring of `text` that `lookup` knows, extending each start only
/// while some entry still begins with the substring.
fn scan(
    text: &[char],
    longest: usize,
    lookup: &dyn Fn(&str) -> Lookup,
    found: &mut dyn FnMut(usize, usize, u32),
) {
    let mut word = String::new();
    for start in 0..text.len() {
        word.clear();
        for end in start + 1..=text.len().min(start + longest) {
            word.push(text[end - 1]);
            let hit = lookup(&word);
            if let Some(rank) = hit.rank {
                found(start, end, rank);
            }
            if !hit.is_prefix {
                break;
            }
        }
    }
}

/// Words from a ranked list, as typed, backwards and in l33t, each with its capitals: rank × the ways the
/// attacker must also try (zxcvbn's dictionary, reverse-dictionary and l33t matchers).
fn dictionary(
    chars: &[char],
    lower: &[char],
    longest: usize,
    lookup: &dyn Fn(&str) -> Lookup,
    pattern: Pattern,
    out: &mut Vec<Match>,
) {
    let n = lower.len();
    let log_rank = |rank: u32| f64::from(rank).log10();
    let mut push = |start: usize, end: usize, log_guesses: f64| {
        out.push(Match {
            start,
            end,
            log_guesses: log_guesses + case_variations(&chars[start..end]),
            pattern,
        });
    };
    scan(lower, longest, lookup, &mut |start, end, rank| {
        push(start, end, log_rank(rank));
    });
    let reversed: Vec<char> = lower.iter().rev().copied().collect();
    scan(&reversed, longest, lookup, &mut |start, end, rank| {
        push(n - end, n - start, log_rank(rank) + LOG10_2);
    });
    let mut previous: Option<Vec<char>> = None;
    for alternate in [false, true] {
        let read: Vec<char> = lower
            .iter()
            .map(|&c| unleet(c, alternate).unwrap_or(c))
            .collect();
        if read == lower || previous.as_ref() == Some(&read) {
            continue;
        }
        scan(&read, longest, lookup, &mut |start, end, rank| {
            let (typed, meant) = (&lower[start..end], &read[start..end]);
            // Without a substitution inside, the plain scan already found it.
            if typed != meant {
                push(start, end, log_rank(rank) + l33t_variations(typed, meant));
            }
        });
        previous = Some(read);
    }
}

/// log10 of the ways to pick which `changed` of `changed + kept` characters were altered (capitalised,
/// shifted, substituted), as zxcvbn counts them: only up to the smaller group, and 2 when all were.
fn variations(changed: usize, kept: usize) -> f64 {
    match (changed, kept) {
        (0, _) => 0.0,
        (_, 0) => LOG10_2,
        _ => (1..=changed.min(kept))
            .map(|i| binomial(changed + kept, i))
            .sum::<f64>()
            .log10(),
    }
}

fn binomial(n: usize, k: usize) -> f64 {
    (1..=k).fold(1.0, |acc, i| acc * (n + 1 - i) as f64 / i as f64)
}

/// Capitals: none is free, a capital first or last letter or all capitals doubles, anything else counts the
/// placements.
fn case_variations(token: &[char]) -> f64 {
    let upper = token.iter().filter(|c| c.is_uppercase()).count();
    let lower = token.iter().filter(|c| c.is_lowercase()).count();
    let at_edge = |c: Option<&char>| c.is_some_and(|c| c.is_uppercase());
    if upper == 1 && (at_edge(token.first()) || at_edge(token.last())) {
        LOG10_2
    } else {
        variations(upper, lower)
    }
}

/// For each substituted character, the ways to choose which occurrences of its letter were substituted.
fn l33t_variations(typed: &[char], meant: &[char]) -> f64 {
    let mut seen = Vec::new();
    let mut total = 0.0;
    for (&sub, &letter) in typed.iter().zip(meant) {
        if sub != letter && !seen.contains(&sub) {
            seen.push(sub);
            let subbed = typed.iter().filter(|&&c| c == sub).count();
            let kept = typed.iter().filter(|&&c| c == letter).count();
            total += variations(subbed, kept);
        }
    }
    total
}

/// The step from `a` to `b` if both are lower-case ASCII letters or both digits and the step is small enough
/// to be a pattern (zxcvbn: up to 5, as in `acegi` or `97531`).
fn step(a: char, b: char) -> Option<i32> {
    let same_class = (a.is_ascii_lowercase() && b.is_ascii_lowercase())
        || (a.is_ascii_digit() && b.is_ascii_digit());
    let delta = b as i32 - a as i32;
    (same_class && delta != 0 && delta.abs() <= 5).then_some(delta)
}

/// Runs with a constant step (`abcd`, `1357`, `9876`): guessed from the first character and the length.
fn sequences(chars: &[char], lower: &[char], out: &mut Vec<Match>) {
    let n = lower.len();
    let mut start = 0;
    while start + 1 < n {
        let Some(delta) = step(lower[start], lower[start + 1]) else {
            start += 1;
            continue;
        };
        let mut end = start + 2;
        while end < n && step(lower[end - 1], lower[end]) == Some(delta) {
            end += 1;
        }
        // Two characters only count when adjacent (`ab`, `98`), as in zxcvbn.
        if end - start >= 3 || delta.abs() == 1 {
            let first = lower[start];
            let obvious_start = "az019".contains(first);
            let base = match (obvious_start, first.is_ascii_digit()) {
                (true, _) => 4.0,
                (false, true) => 10.0,
                (false, false) => 26.0,
            };
            let direction = if delta < 0 { 2.0 } else { 1.0 };
            let guesses: f64 = base * direction * (end - start) as f64;
            out.push(Match {
                start,
                end,
                log_guesses: guesses.log10() + case_variations(&chars[start..end]),
                pattern: Pattern::Sequence,
            });
        }
        // A run's last character can begin the next one, as in "abcba".
        start = end - 1;
    }
}

/// A US QWERTY keyboard, each row as typed without and with Shift. Kenyan phones and laptops use it.
const KEY_ROWS: [(&str, &str); 4] = [
    ("`1234567890-=", "~!@#$%^&*()_+"),
    ("qwertyuiop[]\\", "QWERTYUIOP{}|"),
    ("asdfghjkl;'", "ASDFGHJKL:\""),
    ("zxcvbnm,./", "ZXCVBNM<>?"),
];

/// Where a key is: its row, its column in half-key widths (each row sits about half a key right of the one
/// above, so `1 q a z` run diagonally), and whether Shift was held.
fn key(c: char) -> Option<(i32, i32, bool)> {
    KEY_ROWS
        .iter()
        .zip(0..)
        .find_map(|(&(plain, shifted), row)| {
            let column = |keys: &str| keys.chars().position(|k| k == c);
            let (column, shift) = match column(plain) {
                Some(i) => (i, false),
                None => (column(shifted)?, true),
            };
            let indent = if row == 0 { 0 } else { row + 2 };
            Some((row, 2 * column as i32 + indent, shift))
        })
}

/// Walks over neighbouring keys (`qwerty`, `asdf`, `1qaz`, `zaq1`), counted as zxcvbn does.
fn keyboard(chars: &[char], out: &mut Vec<Match>) {
    let n = chars.len();
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        let mut direction = None;
        let mut turns = 0;
        let mut shifted = usize::from(key(chars[start]).is_some_and(|k| k.2));
        while end < n {
            let (Some(from), Some(to)) = (key(chars[end - 1]), key(chars[end])) else {
                break;
            };
            let delta = (to.0 - from.0, to.1 - from.1);
            let adjacent = matches!(delta, (0, -2 | 2) | (-1 | 1, -1 | 1));
            if !adjacent {
                break;
            }
            if direction != Some(delta) {
                turns += 1;
                direction = Some(delta);
            }
            shifted += usize::from(to.2);
            end += 1;
        }
        if end - start >= 3 {
            let len = end - start;
            out.push(Match {
                start,
                end,
                log_guesses: walk_guesses(len, turns).log10() + variations(shifted, len - shifted),
                pattern: Pattern::Keyboard,
            });
        }
        start = end;
    }
}

/// zxcvbn's count of walks of up to `len` keys with up to `turns` changes of direction, from any of its
/// QWERTY graph's 94 keys with its 4.6 neighbours on average.
fn walk_guesses(len: usize, turns: usize) -> f64 {
    const STARTS: f64 = 94.0;
    const DEGREE: f64 = 4.6;
    let mut guesses = 0.0;
    for i in 2..=len {
        let mut degree_power = 1.0;
        for j in 1..=turns.min(i - 1) {
            degree_power *= DEGREE;
            guesses += binomial(i - 1, j - 1) * STARTS * degree_power;
        }
    }
    guesses
}

/// Years 1900–2099 alone, and dates as digits (`01011990`, `1190`) or with one kind of separator
/// (`1/1/1990`, `1990-01-01`). A 4-digit year is tried within its distance from the reference year (at least
/// 20 years); a date also needs the day (365), and ×4 for the separator.
fn dates(chars: &[char], out: &mut Vec<Match>) {
    let n = chars.len();
    // Dates and years start and end with a digit: most windows are rejected at once.
    for start in (0..n).filter(|&i| chars[i].is_ascii_digit()) {
        for end in (start + 4..=n.min(start + 10)).filter(|&e| chars[e - 1].is_ascii_digit()) {
            let token = &chars[start..end];
            let mut push = |log_guesses: f64| {
                out.push(Match {
                    start,
                    end,
                    log_guesses,
                    pattern: Pattern::Date,
                });
            };
            if let Some(year) = number(token).filter(|year| (1900..=2099).contains(year)) {
                push(year_space(year).log10());
            }
            if let Some((year, separated)) = date(token) {
                let separator = if separated { 4.0 } else { 1.0 };
                push((year_space(year) * 365.0 * separator).log10());
            }
        }
    }
}

fn year_space(year: i32) -> f64 {
    f64::from((year - REFERENCE_YEAR).abs().max(20))
}

/// The value of 1 to 4 ASCII digits.
fn number(digits: &[char]) -> Option<i32> {
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    digits.iter().try_fold(0, |value, c| {
        c.to_digit(10)
            .filter(|_| c.is_ascii_digit())
            .map(|d| value * 10 + d as i32)
    })
}

/// The most recent year `token` can be read as a date of, and whether it has separators.
fn date(token: &[char]) -> Option<(i32, bool)> {
    let mut separators = token.iter().copied().filter(|c| !c.is_ascii_digit());
    match (separators.next(), separators.next(), separators.next()) {
        (None, _, _) if token.len() <= 8 => {
            let mut best = None;
            for first in 1..=4 {
                for second in 1..=4 {
                    let Some(rest) = token.len().checked_sub(first + second) else {
                        continue;
                    };
                    let (a, tail) = token.split_at(first);
                    let (b, c) = tail.split_at(second);
                    if (1..=4).contains(&rest)
                        && let Some(year) = day_month_year([a, b, c])
                    {
                        best = closer(best, year);
                    }
                }
            }
            best.map(|year| (year, false))
        }
        (Some(one), Some(two), None) if one == two && " /\\_.-".contains(one) => {
            let mut parts = token.split(|c| *c == one);
            let parts = [parts.next()?, parts.next()?, parts.next()?];
            day_month_year(parts).map(|year| (year, true))
        }
        _ => None,
    }
}

/// Reads three digit groups as year-month-day, day-month-year or month-day-year (two-digit years as zxcvbn:
/// above 50 is 19xx), keeping the reading closest to the reference year.
fn day_month_year([a, b, c]: [&[char]; 3]) -> Option<i32> {
    let is_day_month = |d: i32, m: i32| (1..=31).contains(&d) && (1..=12).contains(&m);
    let mut best = None;
    for (year, x, y) in [(a, b, c), (c, a, b)] {
        if x.len() > 2 || y.len() > 2 {
            continue;
        }
        let year = match (year.len(), number(year)) {
            (4, Some(year)) => year,
            (2, Some(year)) if year > 50 => 1900 + year,
            (2, Some(year)) => 2000 + year,
            _ => continue,
        };
        let (Some(x), Some(y)) = (number(x), number(y)) else {
            continue;
        };
        if (1900..=2099).contains(&year) && (is_day_month(x, y) || is_day_month(y, x)) {
            best = closer(best, year);
        }
    }
    best
}

fn closer(best: Option<i32>, year: i32) -> Option<i32> {
    match best {
        Some(b) if (b - REFERENCE_YEAR).abs() <= (year - REFERENCE_YEAR).abs() => Some(b),
        _ => Some(year),
    }
}

/// Repeated blocks (`aaaa`, `abcabc`, `lol lol `): the block's cheapest single explanation (a word, a
/// sequence, … or brute force) times the number of copies. `singles` are the other matches, sorted by
/// (start, end). One match per start and block length, so O(n²) matches at most.
fn repeats(chars: &[char], singles: &[Match]) -> Vec<Match> {
    let n = chars.len();
    let mut out = Vec::new();
    // Brute force of any block in O(1).
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0.0);
    for &c in chars {
        prefix.push(prefix[prefix.len() - 1] + bruteforce(c));
    }
    // run[k]: how many positions from k on equal the character `period` places later.
    let mut run = vec![0usize; n + 1];
    for period in 1..=n / 2 {
        run[n - period] = 0;
        for k in (0..n - period).rev() {
            run[k] = if chars[k] == chars[k + period] {
                run[k + 1] + 1
            } else {
                0
            };
        }
        for start in 0..n - period {
            let copies = (run[start] + period) / period;
            if copies < 2 {
                continue;
            }
            let block_end = start + period;
            let first = singles.partition_point(|m| (m.start, m.end) < (start, block_end));
            let base = singles[first..]
                .iter()
                .take_while(|m| (m.start, m.end) == (start, block_end))
                .map(|m| m.log_guesses)
                .fold(prefix[block_end] - prefix[start], f64::min);
            out.push(Match {
                start,
                end: start + copies * period,
                log_guesses: base + (copies as f64).log10(),
                pattern: Pattern::Repeat,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(password: &str, list: &CommonPasswords) -> Vec<(Pattern, String, f64)> {
        let chars: Vec<char> = password.chars().collect();
        all_matches(&chars, &["wanjiru".to_string()], list)
            .into_iter()
            .map(|m| {
                let token: String = chars[m.start..m.end].iter().collect();
                (m.pattern, token, m.log_guesses)
            })
            .collect()
    }

    fn has(found: &[(Pattern, String, f64)], pattern: Pattern, token: &str) -> f64 {
        found
            .iter()
            .filter(|(p, t, _)| *p == pattern && t == token)
            .map(|f| f.2)
            .fold(f64::INFINITY, f64::min)
    }

    /// The guesses of the cheapest `pattern` match covering all of `password` (so no sub-match floor).
    fn whole(password: &str, pattern: Pattern, list: &CommonPasswords) -> f64 {
        let found = find(password, list);
        has(&found, pattern, password)
    }

    #[test]
    fn dictionary_plain_reversed_l33t_and_capitals() {
        let list = CommonPasswords::parse("password\nmonkey\n");
        let log2 = 2f64.log10();
        let capital = whole("Password", Pattern::Dictionary, &list);
        // Rank 1, capitalised: 2 guesses; backwards: 2 as well.
        assert!((capital - LOG10_2).abs() < 1e-9, "{capital}");
        let reversed = whole("drowssap", Pattern::Dictionary, &list);
        assert!((reversed - LOG10_2).abs() < 1e-9);
        // Rank 2, two substitutions of letters that are not also typed plainly: ×2 each.
        let leet = whole("m0nk3y", Pattern::Dictionary, &list);
        assert!((leet - log2 - 2.0 * LOG10_2).abs() < 1e-9);
        // As part of a longer password, at least 50 guesses.
        let inside = has(&find("xPassword-", &list), Pattern::Dictionary, "Password");
        assert!((inside - LOG_MIN_SUBMATCH_GUESSES).abs() < 1e-9);
        assert!((whole("Wanjiru", Pattern::Personal, &list) - LOG10_2).abs() < 1e-9);
        assert!(has(&find("I am Wanjiru", &list), Pattern::Personal, "Wanjiru").is_finite());
        assert!(has(&find("wanjir", &list), Pattern::Personal, "wanjir").is_infinite());
    }

    #[test]
    fn sequences_keyboard_and_repeats() {
        let list = CommonPasswords::default();
        // Starting at 'a': 4 × 6 guesses.
        let abc = whole("abcdef", Pattern::Sequence, &list);
        assert!((abc - 24f64.log10()).abs() < 1e-9);
        assert!(whole("97531", Pattern::Sequence, &list).is_finite());
        let qwerty = whole("qwerty", Pattern::Keyboard, &list);
        assert!((qwerty - (5.0 * 94.0 * 4.6f64).log10()).abs() < 1e-9);
        let found = find("1qaz2wsx zzzz xyzxyz", &list);
        assert!(has(&found, Pattern::Keyboard, "1qaz").is_finite());
        assert!(has(&found, Pattern::Keyboard, "2wsx").is_finite());
        assert!(has(&found, Pattern::Keyboard, "1qaz2wsx").is_infinite());
        assert!(has(&found, Pattern::Repeat, "zzzz").is_finite());
        // The block is itself a sequence ('x' is not an obvious start: 26 × 3), twice.
        let xyz = has(&found, Pattern::Repeat, "xyzxyz");
        assert!((xyz - (26.0 * 3.0 * 2.0f64).log10()).abs() < 1e-9, "{xyz}");
    }

    #[test]
    fn dates_and_years() {
        let list = CommonPasswords::default();
        let found = find("born 01011990, wed 1/1/2020, 1990-01-31, 1987", &list);
        for date in ["01011990", "1/1/2020", "1990-01-31", "1987"] {
            assert!(has(&found, Pattern::Date, date).is_finite(), "{date}");
        }
        assert!((whole("1987", Pattern::Date, &list) - 38f64.log10()).abs() < 1e-9);
        assert!((whole("2024", Pattern::Date, &list) - 20f64.log10()).abs() < 1e-9);
        assert!(has(&find("1/1-2020", &list), Pattern::Date, "1/1-2020").is_infinite());
        assert!(date(&"13131990".chars().collect::<Vec<_>>()).is_none());
        assert_eq!(
            date(&"311299".chars().collect::<Vec<_>>()),
            Some((1999, false))
        );
        assert_eq!(
            date(&"1.2.03".chars().collect::<Vec<_>>()),
            Some((2003, true))
        );
    }

    #[test]
    fn variation_counts() {
        assert_eq!(variations(0, 5), 0.0);
        assert_eq!(variations(3, 0), LOG10_2);
        // One capital in the middle of 5 letters: 5 places.
        assert!((case_variations(&['a', 'b', 'C', 'd', 'e']) - 5f64.log10()).abs() < 1e-9);
        assert_eq!(case_variations(&['A', 'b', 'c']), LOG10_2);
        assert_eq!(binomial(128, 64).log10().floor(), 37.0);
        assert_eq!(key('q'), Some((1, 3, false)));
        assert_eq!(key('A'), Some((2, 4, true)));
        assert_eq!(key('é'), None);
    }
}
