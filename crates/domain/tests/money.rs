//! `Money` on the wire and on screen.

use njia_domain::Money;
use proptest::prelude::*;

#[test]
fn serialises_as_integer_cents() {
    assert_eq!(
        serde_json::to_string(&Money::shillings(1_050)).expect("serialises"),
        "105000"
    );
    assert_eq!(
        serde_json::to_string(&Money::from_cents(-5)).expect("serialises"),
        "-5"
    );
    assert_eq!(
        serde_json::from_str::<Money>("105050").expect("integer"),
        Money::from_cents(105_050)
    );
    assert_eq!(
        serde_json::from_str::<Money>("-500").expect("integer"),
        Money::shillings(-5)
    );
}

#[test]
fn refuses_anything_but_an_integer() {
    for json in [
        "1050.5",
        "1050.0",
        "1e3",
        r#""105000""#,
        "null",
        "true",
        "[105000]",
        r#"{"cents": 105000}"#,
        "9223372036854775808",
    ] {
        assert!(
            serde_json::from_str::<Money>(json).is_err(),
            "{json} was accepted"
        );
    }
}

#[test]
fn works_inside_a_struct() {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Invoice {
        amount: Money,
    }
    let invoice = Invoice {
        amount: Money::shillings(650),
    };
    let json = serde_json::to_string(&invoice).expect("serialises");
    assert_eq!(json, r#"{"amount":65000}"#);
    assert_eq!(
        serde_json::from_str::<Invoice>(&json).expect("deserialises"),
        invoice
    );
}

#[cfg(feature = "openapi")]
#[test]
fn schema_is_an_int64_of_cents() {
    let schema =
        serde_json::to_value(<Money as utoipa::PartialSchema>::schema()).expect("serialises");
    assert_eq!(schema["type"], "integer");
    assert_eq!(schema["format"], "int64");
    assert_eq!(schema["description"], "Amount in KES cents");
}

/// Reads `KES 1,050.50` back into cents, independently of `Display`'s code.
fn parse_display(text: &str) -> Option<i64> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let number: String = rest
        .strip_prefix("KES ")?
        .chars()
        .filter(|&c| c != ',')
        .collect();
    let (shillings, cents) = match number.split_once('.') {
        Some((s, c)) if c.len() == 2 => (s.parse::<i128>().ok()?, c.parse::<i128>().ok()?),
        Some(_) => return None,
        None => (number.parse::<i128>().ok()?, 0),
    };
    let magnitude = shillings * 100 + cents;
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

proptest! {
    #[test]
    fn json_round_trips(cents in any::<i64>()) {
        let money = Money::from_cents(cents);
        let json = serde_json::to_string(&money).expect("serialises");
        prop_assert_eq!(&json, &cents.to_string());
        prop_assert_eq!(serde_json::from_str::<Money>(&json).expect("deserialises"), money);
    }

    #[test]
    fn display_reads_back_to_the_same_amount(cents in any::<i64>()) {
        let text = Money::from_cents(cents).to_string();
        prop_assert_eq!(parse_display(&text), Some(cents), "{}", text);
        prop_assert_eq!(text.contains('.'), cents % 100 != 0, "{}", text);
    }

    #[test]
    fn display_groups_thousands(cents in any::<i64>()) {
        let text = Money::from_cents(cents).to_string();
        let whole = text.trim_start_matches('-').trim_start_matches("KES ");
        let whole = whole.split('.').next().unwrap_or_default();
        let groups: Vec<&str> = whole.split(',').collect();
        prop_assert!(groups[0].len() <= 3 && !groups[0].is_empty(), "{}", text);
        prop_assert!(groups[1..].iter().all(|g| g.len() == 3), "{}", text);
    }

    #[test]
    fn checked_arithmetic_matches_i64(a in any::<i64>(), b in any::<i64>()) {
        let (x, y) = (Money::from_cents(a), Money::from_cents(b));
        prop_assert_eq!(x.checked_add(y).map(Money::cents), a.checked_add(b));
        prop_assert_eq!(x.checked_sub(y).map(Money::cents), a.checked_sub(b));
    }

    #[test]
    fn orders_like_cents(a in any::<i64>(), b in any::<i64>()) {
        prop_assert_eq!(Money::from_cents(a).cmp(&Money::from_cents(b)), a.cmp(&b));
    }
}
