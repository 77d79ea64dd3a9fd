//! The card form's rules: what a valid card looks like, and what each test card number does.
//!
//! The card number only passes through these functions: what comes out is the outcome, the last four digits
//! and the brand, never the number.

/// What the gateway's "bank" decides for a card number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardOutcome {
    Paid,
    /// Declined with this `decline_reason`.
    Declined(&'static str),
}

/// The test cards listed on the page, and what they do. Any other Luhn-valid number pays.
pub const TEST_CARDS: [(&str, CardOutcome); 3] = [
    ("4242 4242 4242 4242", CardOutcome::Paid),
    (
        "4000 0000 0000 0002",
        CardOutcome::Declined("card_declined"),
    ),
    (
        "4000 0000 0000 9995",
        CardOutcome::Declined("insufficient_funds"),
    ),
];

/// What may be kept of a card once it has been decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardSeen {
    pub last4: String,
    /// `visa` (starts with 4), `mastercard` (5) or `card`.
    pub brand: &'static str,
    pub outcome: CardOutcome,
}

/// The card number's digits, if it is made of digits and spaces (or dashes) only.
fn digits(number: &str) -> Option<String> {
    let digits: String = number.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    digits.bytes().all(|b| b.is_ascii_digit()).then_some(digits)
}

/// The Luhn check digit test, on a string of ASCII digits.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum % 10 == 0
}

/// Check a card number: the message for the person if it is not a valid one, else what happens to it.
pub fn check_number(number: &str) -> Result<CardSeen, &'static str> {
    let number = number.trim();
    if number.is_empty() {
        return Err("Enter the card number");
    }
    let Some(digits) = digits(number) else {
        return Err("Card number must only include numbers 0 to 9 and spaces");
    };
    if !(12..=19).contains(&digits.len()) {
        return Err("Card number must be between 12 and 19 digits");
    }
    if !luhn_valid(&digits) {
        return Err("Card number is not valid. Check it and try again");
    }
    let outcome = TEST_CARDS
        .iter()
        .find(|(test, _)| test.replace(' ', "") == digits)
        .map_or(CardOutcome::Paid, |(_, outcome)| *outcome);
    let brand = match digits.as_bytes()[0] {
        b'4' => "visa",
        b'5' => "mastercard",
        _ => "card",
    };
    Ok(CardSeen {
        last4: digits[digits.len() - 4..].to_owned(),
        brand,
        outcome,
    })
}

/// Check an expiry date `MM/YY` (or `MM/YYYY`, `MMYY`) against this month: a card is good until the end of
/// the month it shows.
pub fn check_expiry(expiry: &str, (year, month): (i64, i64)) -> Result<(), &'static str> {
    let expiry: String = expiry.chars().filter(|c| !c.is_whitespace()).collect();
    if expiry.is_empty() {
        return Err("Enter the expiry date");
    }
    let (mm, yy) = match expiry.split_once('/') {
        Some(parts) => parts,
        None if expiry.len() == 4 => expiry.split_at(2),
        None => return Err("Enter the expiry date as MM/YY, for example 08/29"),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(mm) || !all_digits(yy) || mm.len() > 2 || !matches!(yy.len(), 2 | 4) {
        return Err("Enter the expiry date as MM/YY, for example 08/29");
    }
    let card_month: i64 = mm.parse().unwrap_or(0);
    let card_year: i64 = yy.parse::<i64>().unwrap_or(0) + if yy.len() == 2 { 2000 } else { 0 };
    if !(1..=12).contains(&card_month) {
        return Err("The month of the expiry date must be from 01 to 12");
    }
    if (card_year, card_month) < (year, month) {
        return Err("The card has expired. Check the expiry date or use another card");
    }
    Ok(())
}

/// Check a security code: 3 or 4 digits.
pub fn check_cvc(cvc: &str) -> Result<(), &'static str> {
    let cvc = cvc.trim();
    if cvc.is_empty() {
        return Err("Enter the security code");
    }
    if !(3..=4).contains(&cvc.len()) || !cvc.bytes().all(|b| b.is_ascii_digit()) {
        return Err("Security code must be 3 or 4 digits");
    }
    Ok(())
}

/// The year and month (1 to 12) in Kenya (UTC+3) at a Unix time.
pub fn year_month_eat(unix_seconds: i64) -> (i64, i64) {
    let days = (unix_seconds + 3 * 3600).div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        for ok in [
            "4242424242424242",
            "4000000000000002",
            "4000000000009995",
            "5555555555554444",
            "79927398713",
        ] {
            assert!(luhn_valid(ok), "{ok}");
        }
        for bad in ["4242424242424241", "1234567812345678", ""] {
            assert!(!luhn_valid(bad), "{bad}");
        }
    }

    #[test]
    fn test_cards_decide_the_outcome() {
        let seen = check_number("4242 4242 4242 4242").expect("valid");
        assert_eq!(
            seen,
            CardSeen {
                last4: "4242".into(),
                brand: "visa",
                outcome: CardOutcome::Paid
            }
        );
        assert_eq!(
            check_number("4000000000000002").expect("valid").outcome,
            CardOutcome::Declined("card_declined")
        );
        assert_eq!(
            check_number("4000-0000-0000-9995").expect("valid").outcome,
            CardOutcome::Declined("insufficient_funds")
        );
        let master = check_number("5555 5555 5555 4444").expect("valid");
        assert_eq!(
            (master.brand, master.outcome),
            ("mastercard", CardOutcome::Paid)
        );
        assert_eq!(master.last4, "4444");
        assert_eq!(check_number("378282246310005").expect("amex").brand, "card");
        for (number, _) in TEST_CARDS {
            assert!(check_number(number).is_ok(), "{number}");
        }
    }

    #[test]
    fn bad_numbers_have_messages() {
        assert_eq!(check_number("  "), Err("Enter the card number"));
        assert!(check_number("4242 4242 4242 424x").is_err());
        assert!(check_number("4242").is_err());
        assert!(check_number("4242 4242 4242 4241").is_err());
    }

    #[test]
    fn expiry_dates() {
        let now = (2026, 2);
        for ok in [
            "02/26",
            "2/26",
            "12/26",
            "01/30",
            "0327",
            "03/2027",
            " 08 / 29 ",
        ] {
            assert_eq!(check_expiry(ok, now), Ok(()), "{ok}");
        }
        for bad in [
            "", "01/26", "12/25", "13/30", "00/30", "1/2/3", "ab/cd", "082", "08/291",
        ] {
            assert!(check_expiry(bad, now).is_err(), "{bad}");
        }
    }

    #[test]
    fn security_codes() {
        assert_eq!(check_cvc("123"), Ok(()));
        assert_eq!(check_cvc("1234"), Ok(()));
        for bad in ["", "12", "12345", "12a"] {
            assert!(check_cvc(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn months_in_kenya_time() {
        assert_eq!(year_month_eat(0), (1970, 1));
        // 2024-01-31 21:00 UTC is already February in Nairobi.
        assert_eq!(year_month_eat(1_706_734_800), (2024, 2));
        assert_eq!(year_month_eat(1_706_734_799), (2024, 1));
    }
}
