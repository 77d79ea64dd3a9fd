//! Identifier parsing: real examples from `DOMAIN.md`, counter-examples with the exact error, and properties
//! that hold for every identifier (no panics, canonical forms round-trip, serde agrees with `parse`).

use std::fmt::{Debug, Display};
use std::str::FromStr;

use njia_domain::ids::*;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The canonical form is a fixed point: it re-parses to the same value, through `FromStr` and through JSON.
fn assert_round_trips<T>(value: &T)
where
    T: FromStr + Display + Serialize + DeserializeOwned + PartialEq + Debug,
    T::Err: Debug,
{
    let text = value.to_string();
    let reparsed: T = text.parse().expect("the canonical form parses");
    assert_eq!(&reparsed, value, "Display → parse of {text:?}");
    let json = serde_json::to_string(value).expect("serialises");
    assert_eq!(
        json,
        serde_json::to_string(&text).expect("a string serialises")
    );
    let back: T = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(&back, value, "JSON round trip of {json}");
}

/// Serde accepts exactly what `parse` accepts, and produces the same value.
fn assert_serde_agrees<T>(input: &str, parsed: Result<T, impl Debug>)
where
    T: DeserializeOwned + PartialEq + Debug,
{
    let json = serde_json::to_string(input).expect("a string serialises");
    let from_json = serde_json::from_str::<T>(&json);
    match parsed {
        Ok(value) => assert_eq!(from_json.expect("serde accepts what parse accepts"), value),
        Err(_) => assert!(
            from_json.is_err(),
            "serde accepted {input:?}, which parse rejects"
        ),
    }
}

/// Error codes are stable snake_case, one per variant; messages are sentences.
fn assert_codes_and_messages<E: Display>(errors: &[E], code: impl Fn(&E) -> &'static str) {
    let mut seen = std::collections::HashSet::new();
    for error in errors {
        let c = code(error);
        assert!(
            !c.is_empty() && c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
            "code {c:?}"
        );
        assert!(seen.insert(c), "code {c:?} is used twice");
        let message = error.to_string();
        assert!(
            message.ends_with('.') && message.starts_with(char::is_uppercase),
            "message {message:?}"
        );
    }
}

/// Strings a person might type near each format, to reach deep into the parsers more often than
/// arbitrary unicode does.
const NEAR_DIGITS: &str = "[0-9 \\-a-zA-Z.+]{0,14}";
const NEAR_ALNUM: &str = "[0-9A-Za-z \\-/._#]{0,16}";
const NEAR_PHONE: &str = "[+0-9 ()\\-.]{0,18}";
const NEAR_EMAIL: &str = "[a-zA-Z0-9@.\\- _+]{0,24}";

/// The properties every identifier must have. `$valid` generates inputs that must be accepted.
macro_rules! identifier_properties {
    ($module:ident, $ty:ty, valid = $valid:expr, near = $near:expr) => {
        mod $module {
            use super::*;

            proptest! {
                #[test]
                fn parse_never_panics(input in any::<String>()) {
                    let _ = <$ty>::parse(&input);
                }

                #[test]
                fn parse_never_panics_on_near_misses(input in $near) {
                    let _ = <$ty>::parse(&input);
                }

                #[test]
                fn valid_inputs_are_accepted_and_round_trip(input in $valid) {
                    let value = <$ty>::parse(&input);
                    prop_assert!(value.is_ok(), "{:?} was rejected: {:?}", input, value);
                    if let Ok(value) = value {
                        assert_round_trips(&value);
                    }
                }

                #[test]
                fn whatever_is_accepted_round_trips(input in prop_oneof![$near, "\\PC{0,20}"]) {
                    if let Ok(value) = <$ty>::parse(&input) {
                        assert_round_trips(&value);
                    }
                }

                #[test]
                fn serde_agrees_with_parse(input in prop_oneof![$near, $valid, "\\PC{0,20}"]) {
                    assert_serde_agrees::<$ty>(&input, <$ty>::parse(&input));
                }
            }
        }
    };
}

identifier_properties!(
    national_id_properties,
    NationalId,
    valid = prop_oneof!["[0-9]{6,8}", " ?[0-9]{2,4}[ \\-]?[0-9]{4} ?"],
    near = NEAR_DIGITS
);
identifier_properties!(
    alien_id_properties,
    AlienId,
    valid = prop_oneof!["[0-9]{6,9}", " ?[0-9]{3}[ \\-]?[0-9]{3,6} ?"],
    near = NEAR_DIGITS
);
identifier_properties!(
    passport_properties,
    PassportNumber,
    valid = "[A-Za-z]{1,2}[ \\-]?[0-9]{6,8}",
    near = NEAR_ALNUM
);
identifier_properties!(
    kra_pin_properties,
    KraPin,
    valid = prop_oneof![
        "[AaPp][0-9]{9}[A-Za-z]",
        " ?[AaPp] ?[0-9]{3}[ \\-]?[0-9]{6} ?[A-Za-z] ?"
    ],
    near = "[AaPp0-9A-Za-z \\-]{0,14}"
);
identifier_properties!(
    phone_properties,
    PhoneNumber,
    valid = prop_oneof![
        "0[71][0-9]{8}",
        "0[71][0-9]{2} [0-9]{3} [0-9]{3}",
        "\\(0[71][0-9]{2}\\) [0-9]{3}-[0-9]{3}",
        "\\+254 ?[71][0-9]{2} ?[0-9]{3} ?[0-9]{3}",
        "\\+254 \\(0\\)[71][0-9]{8}",
        "(00)?254[71][0-9]{8}",
        "[71][0-9]{8}",
    ],
    near = NEAR_PHONE
);
identifier_properties!(
    email_properties,
    Email,
    valid = "[a-zA-Z0-9_%+'\\-]{1,10}(\\.[a-zA-Z0-9_%+\\-]{1,10})?@[a-zA-Z0-9]([a-zA-Z0-9\\-]{0,8}[a-zA-Z0-9])?(\\.[a-zA-Z]{2,6}){1,2}",
    near = NEAR_EMAIL
);
identifier_properties!(
    plate_properties,
    Plate,
    valid = prop_oneof![
        "[Kk][A-HJ-NP-Za-hj-np-z]{2} ?[0-9]{3}[A-Za-z]",
        "[Kk][Mm][A-HJ-NP-Z]{2} ?[0-9]{3} ?[A-Z]",
        "[Gg][Kk][A-Z]? ?[0-9]{3}[A-Za-z]",
        "[0-9]{1,3} ?[Cc][Dd] ?[0-9]{1,3}( ?[A-Z])?",
        (1u8..=47, "[0-9]{3}[A-Z]").prop_map(|(county, rest)| format!("{county} CG {rest}")),
    ],
    near = "[0-9A-Za-z \\-]{0,12}"
);
identifier_properties!(
    company_properties,
    CompanyRegNumber,
    valid = prop_oneof![
        "(PVT|pvt|Pvt)[\\- ]?[A-Za-z0-9]{6,8}",
        "(BN|bn)[\\- ]?[A-Za-z0-9]{6,8}",
        "(CPR|cpr) ?/ ?(19|20)[0-9]{2} ?/ ?[0-9]{1,7}",
    ],
    near = NEAR_ALNUM
);

mod national_id {
    use super::*;
    use NationalIdError as E;

    #[test]
    fn accepts_real_ids() {
        for (input, canonical) in [
            ("12345678", "12345678"),
            (" 12345678 ", "12345678"),
            ("123456", "123456"),
            ("1234567", "1234567"),
            ("1234 5678", "12345678"),
            ("12-345-678", "12345678"),
            ("00123456", "00123456"),
        ] {
            let id = NationalId::parse(input).expect(input);
            assert_eq!(id.as_str(), canonical);
        }
    }

    #[test]
    fn rejects_with_the_exact_reason() {
        for (input, error) in [
            ("", E::Empty),
            ("   ", E::Empty),
            (" - ", E::Empty),
            ("12345", E::TooShort { min: 6 }),
            ("123456789", E::TooLong { max: 8 }),
            (
                "1234567a",
                E::InvalidCharacter {
                    position: 8,
                    found: 'a',
                },
            ),
            (
                "A1234567",
                E::InvalidCharacter {
                    position: 1,
                    found: 'A',
                },
            ),
            (
                "1234.5678",
                E::InvalidCharacter {
                    position: 5,
                    found: '.',
                },
            ),
            (
                " 12 34x",
                E::InvalidCharacter {
                    position: 6,
                    found: 'x',
                },
            ),
            (
                "١٢٣٤٥٦٧",
                E::InvalidCharacter {
                    position: 1,
                    found: '١',
                },
            ),
            (
                "１２３４５６７８",
                E::InvalidCharacter {
                    position: 1,
                    found: '１',
                },
            ),
        ] {
            assert_eq!(NationalId::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn masks_all_but_the_last_four_digits() {
        let id = NationalId::parse("12345678").expect("valid");
        assert_eq!(id.masked(), "****5678");
        assert_eq!(
            NationalId::parse("123456").expect("valid").masked(),
            "****3456"
        );
        let debug = format!("{id:?}");
        assert!(
            !debug.contains("12345678"),
            "Debug discloses the ID: {debug}"
        );
    }

    #[test]
    fn errors_have_codes_and_sentences() {
        let errors = [
            E::Empty,
            E::InvalidCharacter {
                position: 1,
                found: 'x',
            },
            E::TooShort { min: 6 },
            E::TooLong { max: 8 },
        ];
        assert_codes_and_messages(&errors, E::code);
        assert_eq!(E::TooShort { min: 6 }.code(), "too_short");
        assert_eq!(
            E::TooShort { min: 6 }.to_string(),
            "An ID number has at least 6 digits: check for a missing digit."
        );
    }
}

mod alien_id {
    use super::*;
    use AlienIdError as E;

    #[test]
    fn accepts_six_to_nine_digits() {
        for (input, canonical) in [
            ("123456", "123456"),
            ("123456789", "123456789"),
            ("1234 56789", "123456789"),
            ("000123", "000123"),
            (" 987654321 ", "987654321"),
        ] {
            assert_eq!(AlienId::parse(input).expect(input).as_str(), canonical);
        }
    }

    #[test]
    fn rejects_with_the_exact_reason() {
        for (input, error) in [
            ("", E::Empty),
            ("\t", E::Empty),
            ("12345", E::TooShort { min: 6 }),
            ("1234567890", E::TooLong { max: 9 }),
            (
                "12345a",
                E::InvalidCharacter {
                    position: 6,
                    found: 'a',
                },
            ),
            (
                "A123456",
                E::InvalidCharacter {
                    position: 1,
                    found: 'A',
                },
            ),
            (
                "12_3456",
                E::InvalidCharacter {
                    position: 3,
                    found: '_',
                },
            ),
            (
                "12.3456",
                E::InvalidCharacter {
                    position: 3,
                    found: '.',
                },
            ),
        ] {
            assert_eq!(AlienId::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn masks() {
        let id = AlienId::parse("123456789").expect("valid");
        assert_eq!(id.masked(), "****6789");
        assert!(!format!("{id:?}").contains("123456789"));
    }

    #[test]
    fn errors_have_codes_and_sentences() {
        assert_codes_and_messages(
            &[
                E::Empty,
                E::InvalidCharacter {
                    position: 1,
                    found: 'x',
                },
                E::TooShort { min: 6 },
                E::TooLong { max: 9 },
            ],
            E::code,
        );
    }
}

mod passport {
    use super::*;
    use PassportNumberError as E;

    #[test]
    fn accepts_passport_numbers() {
        for (input, canonical) in [
            ("AK1234567", "AK1234567"),
            ("ak1234567", "AK1234567"),
            ("A123456", "A123456"),
            ("AB12345678", "AB12345678"),
            ("ak 123 4567", "AK1234567"),
            ("C-12345678", "C12345678"),
        ] {
            assert_eq!(
                PassportNumber::parse(input).expect(input).as_str(),
                canonical
            );
        }
    }

    #[test]
    fn rejects_with_the_exact_reason() {
        for (input, error) in [
            ("", E::Empty),
            ("1234567", E::MissingLetters),
            ("ABC123456", E::TooManyLetters { max: 2 }),
            ("AK12345", E::TooFewDigits { min: 6 }),
            ("AK", E::TooFewDigits { min: 6 }),
            ("AK123456789", E::TooManyDigits { max: 8 }),
            (
                "AK12345B7",
                E::LetterAmongDigits {
                    position: 8,
                    found: 'B',
                },
            ),
            (
                "AK123456X",
                E::LetterAmongDigits {
                    position: 9,
                    found: 'X',
                },
            ),
            (
                "AK#123456",
                E::InvalidCharacter {
                    position: 3,
                    found: '#',
                },
            ),
            (
                "ÄK1234567",
                E::InvalidCharacter {
                    position: 1,
                    found: 'Ä',
                },
            ),
        ] {
            assert_eq!(PassportNumber::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn masks() {
        let passport = PassportNumber::parse("AK1234567").expect("valid");
        assert_eq!(passport.masked(), "****4567");
        assert!(!format!("{passport:?}").contains("AK1234567"));
    }

    #[test]
    fn errors_have_codes_and_sentences() {
        assert_codes_and_messages(
            &[
                E::Empty,
                E::InvalidCharacter {
                    position: 1,
                    found: '#',
                },
                E::MissingLetters,
                E::TooManyLetters { max: 2 },
                E::LetterAmongDigits {
                    position: 3,
                    found: 'O',
                },
                E::TooFewDigits { min: 6 },
                E::TooManyDigits { max: 8 },
            ],
            E::code,
        );
    }
}

mod kra_pin {
    use super::*;
    use KraPinError as E;

    #[test]
    fn accepts_real_pins() {
        for (input, canonical, organisation) in [
            ("A004416331M", "A004416331M", false),
            ("P051365947M", "P051365947M", true),
            ("a004416331m", "A004416331M", false),
            (" A 004416331 M ", "A004416331M", false),
            ("p051-365-947-m", "P051365947M", true),
        ] {
            let pin = KraPin::parse(input).expect(input);
            assert_eq!(pin.as_str(), canonical);
            assert_eq!(pin.is_organisation(), organisation, "{input}");
        }
    }

    #[test]
    fn rejects_with_the_exact_reason() {
        for (input, error) in [
            ("", E::Empty),
            ("B004416331M", E::WrongPrefix { found: 'B' }),
            ("12345678", E::WrongPrefix { found: '1' }),
            (
                "a00441633M",
                E::WrongLength {
                    expected: 11,
                    found: 10,
                },
            ),
            (
                "A0044163311M",
                E::WrongLength {
                    expected: 11,
                    found: 12,
                },
            ),
            (
                "P",
                E::WrongLength {
                    expected: 11,
                    found: 1,
                },
            ),
            (
                "A00441633XM",
                E::ExpectedDigit {
                    position: 10,
                    found: 'X',
                },
            ),
            (
                "AO04416331M",
                E::ExpectedDigit {
                    position: 2,
                    found: 'O',
                },
            ),
            ("A0044163311", E::MissingFinalLetter),
            (
                "A004416331M!",
                E::InvalidCharacter {
                    position: 12,
                    found: '!',
                },
            ),
            (
                "A004416331_M",
                E::InvalidCharacter {
                    position: 11,
                    found: '_',
                },
            ),
        ] {
            assert_eq!(KraPin::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn errors_have_codes_and_sentences() {
        assert_codes_and_messages(
            &[
                E::Empty,
                E::InvalidCharacter {
                    position: 1,
                    found: '!',
                },
                E::WrongPrefix { found: 'B' },
                E::WrongLength {
                    expected: 11,
                    found: 3,
                },
                E::ExpectedDigit {
                    position: 2,
                    found: 'O',
                },
                E::MissingFinalLetter,
            ],
            E::code,
        );
    }
}

mod phone {
    use super::*;
    use PhoneNumberError as E;

    #[test]
    fn accepts_the_ways_people_write_numbers() {
        for (input, canonical) in [
            ("0712345678", "+254712345678"),
            ("0112345678", "+254112345678"),
            ("+254712345678", "+254712345678"),
            ("+254 712 345 678", "+254712345678"),
            ("254712345678", "+254712345678"),
            ("254112345678", "+254112345678"),
            ("712345678", "+254712345678"),
            ("112345678", "+254112345678"),
            ("0712-345-678", "+254712345678"),
            ("(0712) 345 678", "+254712345678"),
            ("+254 (0)712 345 678", "+254712345678"),
            ("00254712345678", "+254712345678"),
        ] {
            assert_eq!(PhoneNumber::parse(input).expect(input).as_str(), canonical);
        }
    }

    #[test]
    fn rejects_with_the_exact_reason() {
        for (input, error) in [
            ("", E::Empty),
            ("0712 345 67", E::TooShort),
            ("+25", E::TooShort),
            ("+", E::TooShort),
            ("07123456789", E::TooLong),
            ("2547123456789", E::TooLong),
            ("0201234567", E::NotMobile),
            ("0812345678", E::NotMobile),
            ("+255712345678", E::NotKenyan),
            ("+1 202 555 0123", E::NotKenyan),
            (
                "0712a45678",
                E::InvalidCharacter {
                    position: 5,
                    found: 'a',
                },
            ),
            (
                "07+12345678",
                E::InvalidCharacter {
                    position: 3,
                    found: '+',
                },
            ),
            (
                "++254712345678",
                E::InvalidCharacter {
                    position: 2,
                    found: '+',
                },
            ),
            (
                "0712.345.678",
                E::InvalidCharacter {
                    position: 5,
                    found: '.',
                },
            ),
        ] {
            assert_eq!(PhoneNumber::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn displays_nationally_and_masked() {
        let phone = PhoneNumber::parse("+254712345678").expect("valid");
        assert_eq!(phone.national(), "0712 345 678");
        assert_eq!(phone.masked(), "+254 7** *** 678");
        assert_eq!(
            PhoneNumber::parse("0112 000 999")
                .expect("valid")
                .national(),
            "0112 000 999"
        );
        assert!(!format!("{phone:?}").contains("712345678"));
    }

    #[test]
    fn errors_have_codes_and_sentences() {
        assert_codes_and_messages(
            &[
                E::Empty,
                E::InvalidCharacter {
                    position: 1,
                    found: 'a',
                },
                E::NotKenyan,
                E::NotMobile,
                E::TooShort,
                E::TooLong,
            ],
            E::code,
        );
    }
}

mod email {
    use super::*;
    use EmailError as E;

    #[test]
    fn accepts_addresses() {
        let longest_local = format!("{}@example.com", "a".repeat(64));
        let longest = format!(
            "{}@{}.{}.{}",
            "a".repeat(64),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(61)
        );
        assert_eq!(longest.len(), 254);
        for (input, canonical) in [
            ("jane@example.com", "jane@example.com"),
            ("Jane.Doe@Example.CO.KE", "Jane.Doe@example.co.ke"),
            (
                "  jane+njia@mail.example.org ",
                "jane+njia@mail.example.org",
            ),
            ("j@x.io", "j@x.io"),
            (
                "first_last-1@sub-domain.example.ke",
                "first_last-1@sub-domain.example.ke",
            ),
            ("o'brien@example.com", "o'brien@example.com"),
            (&longest_local, &longest_local),
            (&longest, &longest),
        ] {
            assert_eq!(Email::parse(input).expect(input).as_str(), canonical);
        }
    }

    #[test]
    fn rejects_with_the_exact_reason() {
        let long_local = format!("{}@example.com", "a".repeat(65));
        let long_label = format!("jane@{}.com", "a".repeat(64));
        let too_long = format!(
            "{}@{}.{}.{}.com",
            "a".repeat(64),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(63)
        );
        for (input, error) in [
            ("", E::Empty),
            ("jane.example.com", E::MissingAt),
            ("jane@doe@example.com", E::MultipleAt),
            ("@example.com", E::EmptyLocalPart),
            ("jane@", E::MissingDomain),
            ("jane@localhost", E::DomainWithoutDot),
            ("jane@example..com", E::EmptyDomainLabel),
            ("jane@.example.com", E::EmptyDomainLabel),
            ("jane@example.com.", E::EmptyDomainLabel),
            ("jane@-example.com", E::HyphenAtLabelEdge),
            ("jane@example-.com", E::HyphenAtLabelEdge),
            (".jane@example.com", E::MisplacedDot),
            ("jane.@example.com", E::MisplacedDot),
            ("ja..ne@example.com", E::MisplacedDot),
            (
                "jane doe@example.com",
                E::InvalidCharacter {
                    position: 5,
                    found: ' ',
                },
            ),
            (
                "jane@exam_ple.com",
                E::InvalidCharacter {
                    position: 10,
                    found: '_',
                },
            ),
            (
                "jané@example.com",
                E::InvalidCharacter {
                    position: 4,
                    found: 'é',
                },
            ),
            (
                "<jane@example.com>",
                E::InvalidCharacter {
                    position: 1,
                    found: '<',
                },
            ),
            (&long_local, E::LocalPartTooLong { max: 64 }),
            (&long_label, E::DomainLabelTooLong { max: 63 }),
            (&too_long, E::TooLong { max: 254 }),
        ] {
            assert_eq!(Email::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn masks_and_exposes_the_domain() {
        let email = Email::parse("jane@Example.com").expect("valid");
        assert_eq!(email.masked(), "j***@example.com");
        assert_eq!(email.domain(), "example.com");
        assert!(!format!("{email:?}").contains("jane"));
    }

    #[test]
    fn errors_have_codes_and_sentences() {
        assert_codes_and_messages(
            &[
                E::Empty,
                E::TooLong { max: 254 },
                E::MissingAt,
                E::MultipleAt,
                E::InvalidCharacter {
                    position: 1,
                    found: ' ',
                },
                E::EmptyLocalPart,
                E::LocalPartTooLong { max: 64 },
                E::MisplacedDot,
                E::MissingDomain,
                E::DomainWithoutDot,
                E::EmptyDomainLabel,
                E::HyphenAtLabelEdge,
                E::DomainLabelTooLong { max: 63 },
            ],
            E::code,
        );
    }
}

mod plate {
    use super::*;
    use PlateError as E;
    use PlateKind as K;

    #[test]
    fn accepts_every_kind() {
        for (input, canonical, kind) in [
            ("KDA 123A", "KDA 123A", K::Civilian),
            ("kda123a", "KDA 123A", K::Civilian),
            (" KCB 001Z ", "KCB 001Z", K::Civilian),
            ("KDA-123A", "KDA 123A", K::Civilian),
            ("KMDF 219K", "KMDF 219K", K::Motorcycle),
            ("kmdf219k", "KMDF 219K", K::Motorcycle),
            ("GKB 123A", "GKB 123A", K::Government),
            ("GK 123A", "GK 123A", K::Government),
            ("gk123a", "GK 123A", K::Government),
            ("1 CD 12 K", "1 CD 12 K", K::Diplomatic),
            ("1CD12K", "1 CD 12 K", K::Diplomatic),
            ("123 cd 456", "123 CD 456", K::Diplomatic),
            ("47 CG 456A", "47 CG 456A", K::County),
            ("1cg001b", "1 CG 001B", K::County),
        ] {
            let plate = Plate::parse(input).expect(input);
            assert_eq!(
                (plate.as_str(), plate.kind()),
                (canonical, kind),
                "{input:?}"
            );
        }
    }

    #[test]
    fn rejects_with_the_exact_reason() {
        for (input, error) in [
            ("", E::Empty),
            ("KIA 123A", E::LetterIOrO),
            ("KDO 123A", E::LetterIOrO),
            ("KMOA 123A", E::LetterIOrO),
            ("KDA 1234A", E::UnknownFormat),
            ("KDA 123", E::UnknownFormat),
            ("KDA 123AB", E::UnknownFormat),
            ("XDA 123A", E::UnknownFormat),
            ("KD 123A", E::UnknownFormat),
            ("GKBB 123A", E::UnknownFormat),
            ("KTCA 123A", E::UnknownFormat),
            ("ZD 1234", E::UnknownFormat),
            ("1 CD 1234 K", E::UnknownFormat),
            ("1234 CD 12", E::UnknownFormat),
            ("48 CG 456A", E::InvalidCountyCode),
            ("0 CG 456A", E::InvalidCountyCode),
            ("123 CG 456A", E::InvalidCountyCode),
            (
                "KDA 123A!",
                E::InvalidCharacter {
                    position: 9,
                    found: '!',
                },
            ),
            (
                "KDA_123A",
                E::InvalidCharacter {
                    position: 4,
                    found: '_',
                },
            ),
        ] {
            assert_eq!(Plate::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn kind_serialises_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&K::Motorcycle).expect("serialises"),
            "\"motorcycle\""
        );
    }

    #[test]
    fn errors_have_codes_and_sentences() {
        assert_codes_and_messages(
            &[
                E::Empty,
                E::InvalidCharacter {
                    position: 1,
                    found: '!',
                },
                E::LetterIOrO,
                E::InvalidCountyCode,
                E::UnknownFormat,
            ],
            E::code,
        );
    }
}

mod company {
    use super::*;
    use CompanyRegError as E;

    #[test]
    fn accepts_registration_numbers() {
        for (input, canonical) in [
            ("PVT-ZQU6JE7", "PVT-ZQU6JE7"),
            ("pvt-zqu6je7", "PVT-ZQU6JE7"),
            ("PVT ZQU6JE7", "PVT-ZQU6JE7"),
            ("PVTZQU6JE7", "PVT-ZQU6JE7"),
            ("PVT-AB12CD34", "PVT-AB12CD34"),
            ("BN-ABC1234", "BN-ABC1234"),
            ("bn 123456", "BN-123456"),
            ("CPR/2009/12345", "CPR/2009/12345"),
            ("cpr / 2009 / 12345", "CPR/2009/12345"),
        ] {
            assert_eq!(
                CompanyRegNumber::parse(input).expect(input).as_str(),
                canonical
            );
        }
    }

    #[test]
    fn rejects_with_the_exact_reason() {
        for (input, error) in [
            ("", E::Empty),
            ("ZQU6JE7", E::UnknownPrefix),
            ("C.12345", E::UnknownPrefix),
            ("LLP-ABC1234", E::UnknownPrefix),
            ("PVT", E::TooShort { min: 6 }),
            ("PVT-ZQU6J", E::TooShort { min: 6 }),
            ("PVT-ZQU6JE7XY", E::TooLong { max: 8 }),
            (
                "PVT-ZQU6/JE7",
                E::InvalidCharacter {
                    position: 9,
                    found: '/',
                },
            ),
            (
                "BN-ABC 12_34",
                E::InvalidCharacter {
                    position: 10,
                    found: '_',
                },
            ),
            ("CPR/09/12345", E::InvalidLegacyFormat),
            ("CPR/2009", E::InvalidLegacyFormat),
            ("CPR/2009/12345678", E::InvalidLegacyFormat),
            ("CPR-2009-12345", E::InvalidLegacyFormat),
        ] {
            assert_eq!(CompanyRegNumber::parse(input), Err(error), "{input:?}");
        }
    }

    #[test]
    fn errors_have_codes_and_sentences() {
        assert_codes_and_messages(
            &[
                E::Empty,
                E::UnknownPrefix,
                E::InvalidCharacter {
                    position: 1,
                    found: '/',
                },
                E::TooShort { min: 6 },
                E::TooLong { max: 8 },
                E::InvalidLegacyFormat,
            ],
            E::code,
        );
    }
}

/// A request body with an invalid identifier is refused by serde, with `parse`'s message.
#[test]
fn serde_rejects_invalid_identifiers_in_a_body() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Registration {
        id_number: NationalId,
        phone: PhoneNumber,
    }
    let ok: Registration =
        serde_json::from_str(r#"{"id_number": "12345678", "phone": "0712 345 678"}"#)
            .expect("valid body");
    assert_eq!(ok.phone.as_str(), "+254712345678");

    let err =
        serde_json::from_str::<Registration>(r#"{"id_number": "1234", "phone": "0712345678"}"#)
            .expect_err("short ID");
    assert!(err.to_string().contains("at least 6 digits"), "{err}");
    for bad in [r#""""#, "12345678", "null", r#""0712345678x""#] {
        assert!(serde_json::from_str::<PhoneNumber>(bad).is_err(), "{bad}");
    }
    assert!(
        serde_json::from_str::<NationalId>("12345678").is_err(),
        "a JSON number is not an ID string"
    );
    assert!(serde_json::from_str::<Email>(r#""jane@localhost""#).is_err());
    assert!(serde_json::from_str::<Plate>(r#""KIA 123A""#).is_err());
    assert!(serde_json::from_str::<KraPin>(r#""B004416331M""#).is_err());
    assert!(serde_json::from_str::<PassportNumber>(r#""1234567""#).is_err());
    assert!(serde_json::from_str::<AlienId>(r#""12345""#).is_err());
    assert!(serde_json::from_str::<CompanyRegNumber>(r#""LTD-1234567""#).is_err());
}

#[test]
fn conversions_agree() {
    let pin: KraPin = "a004416331m".parse().expect("valid");
    assert_eq!(KraPin::try_from("A004416331M".to_owned()), Ok(pin.clone()));
    assert_eq!(KraPin::try_from("A004416331M"), Ok(pin.clone()));
    assert_eq!(String::from(pin.clone()), "A004416331M");
    assert_eq!(pin.as_ref(), "A004416331M");
}

#[cfg(feature = "openapi")]
#[test]
fn schemas_are_strings_with_examples() {
    use utoipa::PartialSchema;

    for schema in [
        NationalId::schema(),
        PhoneNumber::schema(),
        Plate::schema(),
        CompanyRegNumber::schema(),
    ] {
        let schema = serde_json::to_value(schema).expect("serialises");
        assert_eq!(schema["type"], "string", "{schema}");
        assert!(schema["examples"][0].is_string(), "{schema}");
        assert!(schema["description"].is_string(), "{schema}");
    }
}

/// Every schema example is itself valid and canonical, so the API docs never show a value the API refuses.
#[cfg(feature = "openapi")]
#[test]
fn schema_examples_are_canonical() {
    fn example_of<T: utoipa::PartialSchema>() -> String {
        let schema = serde_json::to_value(T::schema()).expect("serialises");
        schema["examples"][0]
            .as_str()
            .expect("an example")
            .to_owned()
    }
    macro_rules! check {
        ($($ty:ty),*) => {$(
            let example = example_of::<$ty>();
            assert_eq!(<$ty>::parse(&example).map(|v| v.to_string()), Ok(example.clone()), "{}", stringify!($ty));
        )*};
    }
    check!(
        NationalId,
        AlienId,
        PassportNumber,
        KraPin,
        PhoneNumber,
        Email,
        Plate,
        CompanyRegNumber
    );
}
