//! The eCitizen convenience fee added to every invoice (Gazette Notice 1422 of 2023).

use serde::{Deserialize, Serialize};

use crate::Money;

/// Convenience fee bands as `(from, fee)`, ascending: a band applies from its `from` (inclusive) up to the
/// next band's `from` (exclusive), so amounts with cents between the published whole-shilling bands (e.g.
/// KES 199.50) still fall in exactly one band. Amounts below the first band (none are real) pay nothing.
///
/// Published as: up to 199 → 5; 200–299 → 10; 300–499 → 15; 500–699 → 20; 700–999 → 25; 1,000 and more → 50.
/// Payments in US dollars carry US$1 instead; the portal charges in KES only.
pub const CONVENIENCE_FEE_BANDS: &[(Money, Money)] = &[
    // A free service produces no invoice, so nothing to add.
    (Money::ZERO, Money::ZERO),
    (Money::from_cents(1), Money::shillings(5)),
    (Money::shillings(200), Money::shillings(10)),
    (Money::shillings(300), Money::shillings(15)),
    (Money::shillings(500), Money::shillings(20)),
    (Money::shillings(700), Money::shillings(25)),
    (Money::shillings(1_000), Money::shillings(50)),
];

/// The convenience fee on a service fee of `service_fee`.
pub fn convenience_fee(service_fee: Money) -> Money {
    CONVENIENCE_FEE_BANDS
        .iter()
        .rev()
        .find(|&&(from, _)| from <= service_fee)
        .map_or(Money::ZERO, |&(_, fee)| fee)
}

/// What an invoice shows: the service's own fee, the convenience fee and what the person pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeBreakdown {
    pub service_fee: Money,
    pub convenience_fee: Money,
    pub total: Money,
}

impl FeeBreakdown {
    pub fn for_service_fee(service_fee: Money) -> FeeBreakdown {
        let convenience_fee = convenience_fee(service_fee);
        // Saturating rather than panicking: only amounts near 92 quadrillion shillings could overflow.
        let total = Money::from_cents(service_fee.cents().saturating_add(convenience_fee.cents()));
        FeeBreakdown {
            service_fee,
            convenience_fee,
            total,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `kes(199, 50)` is KES 199.50.
    fn kes(shillings: i64, cents: i64) -> Money {
        Money::from_cents(shillings * 100 + cents)
    }

    #[test]
    fn fee_at_every_band_boundary() {
        let cases = [
            (kes(0, 0), 0),
            (kes(0, 1), 5),
            (kes(1, 0), 5),
            (kes(199, 0), 5),
            (kes(199, 50), 5),
            (kes(199, 99), 5),
            (kes(200, 0), 10),
            (kes(299, 99), 10),
            (kes(300, 0), 15),
            (kes(499, 99), 15),
            (kes(500, 0), 20),
            (kes(699, 99), 20),
            (kes(700, 0), 25),
            (kes(999, 0), 25),
            (kes(999, 99), 25),
            (kes(1_000, 0), 50),
            (kes(1_050, 0), 50),
            (kes(12_050, 0), 50),
            (Money::from_cents(i64::MAX), 50),
        ];
        for (amount, fee) in cases {
            assert_eq!(
                convenience_fee(amount),
                Money::shillings(fee),
                "service fee of {amount}"
            );
        }
    }

    #[test]
    fn nothing_is_added_to_a_negative_amount() {
        assert_eq!(convenience_fee(Money::from_cents(-1)), Money::ZERO);
    }

    #[test]
    fn bands_are_ascending_and_start_at_zero() {
        assert_eq!(
            CONVENIENCE_FEE_BANDS.first(),
            Some(&(Money::ZERO, Money::ZERO))
        );
        assert!(
            CONVENIENCE_FEE_BANDS
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1)
        );
    }

    #[test]
    fn breakdown_adds_up() {
        let b = FeeBreakdown::for_service_fee(Money::shillings(1_050));
        assert_eq!(
            b,
            FeeBreakdown {
                service_fee: Money::shillings(1_050),
                convenience_fee: Money::shillings(50),
                total: Money::shillings(1_100),
            }
        );
        assert_eq!(
            FeeBreakdown::for_service_fee(Money::ZERO).total,
            Money::ZERO
        );
        assert_eq!(
            FeeBreakdown::for_service_fee(Money::shillings(650)).total,
            Money::shillings(670)
        );
        assert_eq!(
            FeeBreakdown::for_service_fee(Money::from_cents(i64::MAX)).total,
            Money::from_cents(i64::MAX)
        );
    }

    #[test]
    fn breakdown_serialises_as_cents() {
        let json = serde_json::to_value(FeeBreakdown::for_service_fee(Money::shillings(600)))
            .expect("a breakdown serialises");
        assert_eq!(
            json,
            serde_json::json!({"service_fee": 60_000, "convenience_fee": 2_000, "total": 62_000})
        );
    }

    proptest! {
        #[test]
        fn fee_never_decreases_as_the_amount_grows(a in any::<i64>(), b in any::<i64>()) {
            let (low, high) = (a.min(b), a.max(b));
            prop_assert!(convenience_fee(Money::from_cents(low)) <= convenience_fee(Money::from_cents(high)));
        }

        #[test]
        fn fee_never_decreases_over_realistic_amounts(cents in 0i64..200_000, step in 0i64..50_000) {
            let (a, b) = (Money::from_cents(cents), Money::from_cents(cents + step));
            prop_assert!(convenience_fee(a) <= convenience_fee(b));
        }

        #[test]
        fn total_is_the_sum(cents in 0i64..10_000_000_000) {
            let b = FeeBreakdown::for_service_fee(Money::from_cents(cents));
            prop_assert_eq!(b.total.cents(), b.service_fee.cents() + b.convenience_fee.cents());
        }
    }
}
