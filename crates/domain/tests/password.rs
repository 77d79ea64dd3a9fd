//! The password policy with the bundled lists: each rule with examples and counter-examples, the strength
//! scores of well-known passwords, stable codes, and properties over arbitrary input.
#![allow(clippy::unwrap_used)]

use njia_domain::password::*;
use proptest::prelude::*;

fn list() -> &'static CommonPasswords {
    CommonPasswords::bundled()
}

fn nobody() -> PersonalInfo<'static> {
    PersonalInfo::default()
}

fn check(password: &str) -> Result<Strength, PasswordError> {
    check_password(password, &nobody(), list())
}

fn code(password: &str) -> &'static str {
    match check(password) {
        Ok(_) => "ok",
        Err(error) => error.code(),
    }
}

fn score(password: &str) -> u8 {
    estimate(password, &nobody(), list()).score
}

/// Deterministic "random" text from `alphabet`, so tests need no RNG and never flake.
fn random_text(length: usize, seed: u64, alphabet: &str) -> String {
    let symbols: Vec<char> = alphabet.chars().collect();
    let mut state = seed;
    (0..length)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            symbols[(state % symbols.len() as u64) as usize]
        })
        .collect()
}

const MIXED: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#%&*+-=?@^_~";

// ---- The lists ----

#[test]
fn bundled_list_has_the_top_ten_thousand_and_the_local_supplement() {
    let list = list();
    assert!(list.len() >= 10_000 + 40, "{}", list.len());
    assert_eq!(list.rank("123456"), Some(1));
    assert_eq!(list.rank("PASSWORD"), Some(2));
    assert_eq!(list.rank("qwerty123"), Some(219));
    let file = include_str!("../data/common-passwords.txt");
    assert_eq!(file.lines().count(), 10_000);
    assert!(
        file.lines()
            .all(|line| line == line.to_lowercase() && !line.is_empty())
    );
    // The Kenyan supplement ranks after the zxcvbn list.
    assert!(list.rank("kenya123").is_some_and(|rank| rank > 10_000));
    assert!(list.rank("hakunamatata").is_some());
    assert_eq!(COMMON_PASSWORDS_FILE, "common-passwords.txt");
}

#[test]
fn parse_ignores_blank_lines_and_comments() {
    let list = CommonPasswords::parse("# most common first\n\nHunter2\n  letmein\n");
    assert_eq!(list.len(), 2);
    assert_eq!(list.rank("hunter2"), Some(1));
    assert_eq!(list.rank("LetMeIn"), Some(2));
    assert_eq!(list.rank("# most common first"), None);
    assert!(CommonPasswords::parse("").is_empty());
}

// ---- Length ----

#[test]
fn length_is_8_to_128_unicode_scalar_values() {
    assert_eq!(check("tX7#qLm"), Err(PasswordError::TooShort { min: 8 }));
    assert_eq!(code("tX7#qLm2"), "ok");
    let longest = random_text(128, 7, MIXED);
    assert_eq!(code(&longest), "ok");
    let too_long = format!("{longest}x");
    assert_eq!(check(&too_long), Err(PasswordError::TooLong { max: 128 }));
    // Counted in characters, not bytes: 7 characters in 22 bytes is too short, 8 in 25 is fine.
    assert_eq!(code("ñ🦒ü🦓é🐘ß"), "too_short");
    assert_eq!(code("ñ🦒ü🦓é🐘ßø"), "ok");
}

#[test]
fn spaces_and_any_script_are_allowed() {
    for fine in [
        "correct horse battery staple",
        "Mti mkubwa ulianguka jana usiku",
        "ውሃ ቀዝቃዛ ነው ዛሬ",
        "   spaces   around   ",
    ] {
        assert_eq!(code(fine), "ok", "{fine:?}");
    }
}

// ---- Common passwords ----

#[test]
fn common_passwords_are_refused_in_their_usual_disguises() {
    for common in [
        "password",
        "P@ssw0rd",
        "Password123!",
        "PASSWORD1",
        "qwerty123",
        "kenya123",
        "Kenya2024!",
        "Safaricom123",
        "1qaz2wsx",
        "iloveyou",
        "sunshin3",
        "  letmein1  ",
    ] {
        assert_eq!(check(common), Err(PasswordError::Common), "{common:?}");
    }
}

#[test]
fn a_common_word_with_a_long_random_tail_is_not_common() {
    // Only tails of up to 6 digits or symbols are stripped; this one adds 10^8 guesses.
    assert_eq!(code("dragon83927461"), "ok");
    // A long but predictable tail is left to the estimator.
    assert_eq!(code("password1234567"), "too_weak");
}

// ---- Personal information ----

#[test]
fn passwords_built_from_personal_information_are_refused() {
    let info = PersonalInfo {
        names: &["Grace Wanjiru", "Ann"],
        id_number: Some("29384756"),
        email: Some("otieno.k@kenyaweb.co.ke"),
        phone: Some("+254 712 345 678"),
    };
    let personal = |password: &str| check_password(password, &info, list());
    for built in [
        "Wanjiru-Kahawa-77",
        "gr4ce and the river",
        "my id is 29384756!",
        "otieno sings loudly",
        "kenyaweb rocks 4ever",
        "call 0712-345-678 now",
        "ann_loves_tea_1990",
    ] {
        assert_eq!(personal(built), Err(PasswordError::Personal), "{built:?}");
    }
    // A 3-letter name counts only as a whole word; generic domain labels and the TLD are not personal.
    for fine in [
        "planning a big safari",
        "co-operative banking ke",
        "wanj ala mbili tatu",
    ] {
        assert!(personal(fine).is_ok(), "{fine:?}: {:?}", personal(fine));
    }
}

#[test]
fn the_service_name_is_refused() {
    for named in [
        "my njia password!",
        "E-Citizen rocks 2024",
        "eCitiz3n forever",
    ] {
        assert_eq!(check(named), Err(PasswordError::ServiceName), "{named:?}");
    }
    assert_eq!(code("ninja turtles on parade"), "ok");
}

// ---- Strength ----

#[test]
fn strong_passwords_score_3_or_more() {
    for strong in [
        "correct horse battery staple",
        "xK9#mQ2$vL7p",
        &random_text(12, 42, MIXED),
        "Tembo wa Kijani anakula",
    ] {
        let strength = estimate(strong, &nobody(), list());
        assert!(strength.score >= 3, "{strong:?}: {strength:?}");
        assert_eq!(strength.feedback, None);
    }
}

#[test]
fn weak_passwords_score_1_or_less() {
    for weak in [
        "abcdefgh", "12345678", "aaaaaaaa", "qwertyui", "01011990", "asdfasdf", "zaq12wsx",
    ] {
        assert!(
            score(weak) <= 1,
            "{weak:?}: {:?}",
            estimate(weak, &nobody(), list())
        );
    }
    // The matchers, not only the list: the same passwords with no list at all.
    let empty = CommonPasswords::default();
    for (weak, hint) in [
        ("abcdefgh", StrengthHint::AvoidSequences),
        ("98765432", StrengthHint::AvoidSequences),
        ("aaaaaaaa", StrengthHint::AvoidRepeats),
        ("abcabcabc", StrengthHint::AvoidRepeats),
        ("qwertyui", StrengthHint::AvoidKeyboardPatterns),
        ("14071987", StrengthHint::AvoidDates),
    ] {
        let strength = estimate(weak, &nobody(), &empty);
        assert!(strength.score <= 1, "{weak:?}: {strength:?}");
        assert_eq!(strength.feedback, Some(hint), "{weak:?}");
    }
}

#[test]
fn too_weak_says_why() {
    assert_eq!(
        check("aaaaaaaaaaaa"),
        Err(PasswordError::TooWeak {
            score: 0,
            hint: Some(StrengthHint::AvoidRepeats),
        })
    );
    let info = PersonalInfo {
        names: &["Akinyi"],
        ..nobody()
    };
    let hint = estimate("akinyi", &info, list()).feedback;
    assert_eq!(hint, Some(StrengthHint::AvoidPersonal));
    assert_eq!(
        estimate("", &nobody(), list()).feedback,
        Some(StrengthHint::AddWords)
    );
}

#[test]
fn estimates_are_ordered_sensibly() {
    let log = |password: &str| estimate(password, &nobody(), list()).guesses_log10;
    assert!(log("password") < log("Password"));
    assert!(log("Password") < log("PaSsWoRd"));
    assert!(log("password") < log("p@ssw0rd"));
    assert!(log("monkey") < log("monkeyx"));
    assert!(log("correct horse") < log("correct horse battery"));
}

// ---- Codes and messages ----

#[test]
fn error_codes_and_messages_are_stable() {
    let cases = [
        (
            PasswordError::TooShort { min: 8 },
            "too_short",
            "Use at least 8 characters.",
        ),
        (
            PasswordError::TooLong { max: 128 },
            "too_long",
            "Use at most 128 characters.",
        ),
        (
            PasswordError::Common,
            "common",
            "This password is on a list of passwords that are often stolen: choose another.",
        ),
        (
            PasswordError::Personal,
            "personal",
            "Don't build your password from your name, ID number, phone or email.",
        ),
        (
            PasswordError::ServiceName,
            "service_name",
            "Don't use the name of this service in your password.",
        ),
        (
            PasswordError::TooWeak {
                score: 1,
                hint: None,
            },
            "too_weak",
            "Add another word or two: this password is easy to guess.",
        ),
    ];
    for (error, code, message) in cases {
        assert_eq!(error.code(), code);
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn hint_codes_are_their_serde_names() {
    let hints = [
        (StrengthHint::AddWords, "add_words"),
        (StrengthHint::AvoidSequences, "avoid_sequences"),
        (StrengthHint::AvoidRepeats, "avoid_repeats"),
        (
            StrengthHint::AvoidKeyboardPatterns,
            "avoid_keyboard_patterns",
        ),
        (StrengthHint::AvoidDates, "avoid_dates"),
        (StrengthHint::AvoidCommon, "avoid_common"),
        (StrengthHint::AvoidPersonal, "avoid_personal"),
    ];
    for (hint, code) in hints {
        assert_eq!(hint.code(), code);
        assert_eq!(serde_json::to_string(&hint).unwrap(), format!("\"{code}\""));
        assert!(hint.to_string().ends_with('.'));
    }
    let strength = estimate("password", &nobody(), list());
    let json = serde_json::to_value(strength).unwrap();
    assert_eq!(json["score"], 0);
    assert_eq!(json["feedback"], "avoid_common");
}

// ---- Properties ----

fn any_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..=max).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn never_panics_and_scores_stay_in_range(
        password in prop_oneof![any_text(200), "[a-zA-Z0-9 @!$._/-]{0,200}"],
        name in any_text(20),
        id in any_text(12),
        email in any_text(30),
        phone in any_text(16),
    ) {
        let names = [name.as_str()];
        let info = PersonalInfo {
            names: &names,
            id_number: Some(&id),
            email: Some(&email),
            phone: Some(&phone),
        };
        let strength = estimate(&password, &info, list());
        prop_assert!(strength.score <= 4);
        prop_assert!(strength.guesses_log10.is_finite() && strength.guesses_log10 >= 0.0);
        prop_assert_eq!(strength.feedback.is_some(), strength.score < MIN_SCORE);
        match check_password(&password, &info, list()) {
            Ok(accepted) => {
                prop_assert!(accepted.score >= MIN_SCORE);
                prop_assert_eq!(accepted, strength);
            }
            Err(PasswordError::TooWeak { score, hint }) => {
                prop_assert_eq!((score, hint), (strength.score, strength.feedback));
            }
            Err(_) => {}
        }
    }

    /// Monotone where it can be: adding a character that belongs to no pattern (an ideograph not already in
    /// the password, so in no listed word, sequence, keyboard walk, date or repeat) never lowers the estimate.
    /// Appending in general can, by design: "passwor" + "d" completes a listed word (see the unit tests).
    #[test]
    fn appending_an_unrelated_character_never_lowers_guesses(
        password in prop_oneof![any_text(199), "[a-z0-9 !@]{0,80}"],
        extra in proptest::char::range('\u{4e00}', '\u{9fff}'),
    ) {
        prop_assume!(!password.contains(extra));
        let before = estimate(&password, &nobody(), list()).guesses_log10;
        let after = estimate(&format!("{password}{extra}"), &nobody(), list()).guesses_log10;
        prop_assert!(after >= before - 1e-9, "{} → {}", before, after);
    }
}
