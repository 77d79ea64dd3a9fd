//! Amounts of money in Kenyan shillings.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount in KES, held as integer cents so that sums are exact (no floating point anywhere near money).
///
/// Serialised as a plain JSON integer of cents: `105000` is KES 1,050. Fractions are refused on the way in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    /// Whole shillings, the unit of every published fee.
    ///
    /// # Panics
    /// If the amount does not fit in `i64` cents (beyond about 92 quadrillion shillings), so a typo in a fee
    /// table fails the build rather than wrapping around.
    pub const fn shillings(shillings: i64) -> Money {
        match shillings.checked_mul(100) {
            Some(cents) => Money(cents),
            None => panic!("amount out of range"),
        }
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    pub const fn checked_add(self, other: Money) -> Option<Money> {
        match self.0.checked_add(other.0) {
            Some(cents) => Some(Money(cents)),
            None => None,
        }
    }

    pub const fn checked_sub(self, other: Money) -> Option<Money> {
        match self.0.checked_sub(other.0) {
            Some(cents) => Some(Money(cents)),
            None => None,
        }
    }
}

/// `KES 1,050`, `KES 1,050.50`, `-KES 5`: cents are shown only when there are some, as on eCitizen.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        // `unsigned_abs` so that `i64::MIN` has a magnitude too.
        let magnitude = self.0.unsigned_abs();
        let (shillings, cents) = (magnitude / 100, magnitude % 100);
        let mut text = format!("{sign}KES {}", group_thousands(shillings));
        if cents != 0 {
            text.push_str(&format!(".{cents:02}"));
        }
        f.pad(&text)
    }
}

/// `1234567` → `1,234,567`: how Kenyans write amounts and quantities (engine sizes, counts).
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Money {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};

        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .description(Some("Amount in KES cents"))
            .examples([105_000])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Money {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_agree() {
        assert_eq!(Money::shillings(1_050), Money::from_cents(105_000));
        assert_eq!(Money::shillings(0), Money::ZERO);
        assert_eq!(Money::default(), Money::ZERO);
        assert_eq!(Money::from_cents(-5).cents(), -5);
    }

    #[test]
    fn displays_like_a_receipt() {
        let cases = [
            (0, "KES 0"),
            (5, "KES 0.05"),
            (50, "KES 0.50"),
            (500, "KES 5"),
            (99_900, "KES 999"),
            (100_000, "KES 1,000"),
            (105_000, "KES 1,050"),
            (105_050, "KES 1,050.50"),
            (100_000_000, "KES 1,000,000"),
            (1_234_567_890, "KES 12,345,678.90"),
            (-500, "-KES 5"),
            (-105_050, "-KES 1,050.50"),
            (i64::MAX, "KES 92,233,720,368,547,758.07"),
            (i64::MIN, "-KES 92,233,720,368,547,758.08"),
        ];
        for (cents, text) in cases {
            assert_eq!(Money::from_cents(cents).to_string(), text, "{cents} cents");
        }
    }

    #[test]
    fn display_honours_width() {
        assert_eq!(format!("{:>10}", Money::shillings(5)), "     KES 5");
    }

    #[test]
    fn checked_arithmetic() {
        let a = Money::shillings(100);
        assert_eq!(
            a.checked_add(Money::from_cents(50)),
            Some(Money::from_cents(10_050))
        );
        assert_eq!(
            a.checked_sub(Money::shillings(150)),
            Some(Money::shillings(-50))
        );
        assert_eq!(
            Money::from_cents(i64::MAX).checked_add(Money::from_cents(1)),
            None
        );
        assert_eq!(
            Money::from_cents(i64::MIN).checked_sub(Money::from_cents(1)),
            None
        );
    }

    #[test]
    fn orders_by_amount() {
        assert!(Money::shillings(-1) < Money::ZERO);
        assert!(Money::from_cents(19_950) < Money::shillings(200));
    }
}
