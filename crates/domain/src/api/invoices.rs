//! Invoices: what an application with a fee costs, line by line, and the account number to quote on Paybill.
//!
//! The lines are worked out here, from the catalog and the answers, so the SPA shows the exact total before the
//! person commits and the server charges the same. Amounts are integer cents end to end.

use serde::{Deserialize, Serialize};

use crate::Money;
use crate::api::applications::parse_reference;
use crate::catalog::{Fee, Localized, Service, band_for};
use crate::fees::convenience_fee;
use crate::forms::{Answer, Answers};
use crate::money::group_thousands;

/// The eCitizen Paybill every invoice is paid to, with its account number as the bill reference.
pub const PAYBILL_NUMBER: &str = "222222";

/// Where an invoice stands: `pending` until paid, or `cancelled` / `expired`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Pending,
    Paid,
    Cancelled,
    Expired,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 4] = [
        InvoiceStatus::Pending,
        InvoiceStatus::Paid,
        InvoiceStatus::Cancelled,
        InvoiceStatus::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Pending => "pending",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Cancelled => "cancelled",
            InvoiceStatus::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<InvoiceStatus> {
        InvoiceStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
    }
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceItem {
    pub description: Localized,
    /// In cents.
    pub amount: Money,
}

/// `GET /api/applications/{id}/invoice`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub id: String,
    pub application_id: String,
    /// The bill reference to quote on Paybill 222222, e.g. `NJ7KX39QPM`.
    pub account_number: String,
    /// The service fee, then the convenience fee.
    pub items: Vec<InvoiceItem>,
    /// The sum of the items, in cents.
    pub total: Money,
    pub status: InvoiceStatus,
    pub created_at: String,
    pub paid_at: Option<String>,
}

/// The sum of `items`; `None` only if it would overflow.
pub fn invoice_total(items: &[InvoiceItem]) -> Option<Money> {
    items
        .iter()
        .try_fold(Money::ZERO, |sum, item| sum.checked_add(item.amount))
}

fn with_detail(name: &Localized, en: &str, sw: &str) -> Localized {
    Localized {
        en: format!("{}: {en}", name.en),
        sw: format!("{}: {sw}", name.sw),
    }
}

/// The lines of the invoice for `service` with these answers: the service fee, named after the service and
/// the option or band chosen, then the convenience fee when there is one. `None` when the service is free or
/// an answer the fee depends on is missing.
pub fn invoice_items(service: &Service, answers: &Answers) -> Option<Vec<InvoiceItem>> {
    let amount = service.fee.amount_for(answers)?;
    if amount <= Money::ZERO {
        return None;
    }
    let description = match &service.fee {
        Fee::Free => return None,
        Fee::Fixed { .. } => service.name.clone(),
        Fee::ByOption { field, options } => {
            let chosen = match answers.get(field) {
                Some(Answer::One(value)) => value,
                _ => return None,
            };
            let option = options.iter().find(|o| &o.value == chosen)?;
            with_detail(&service.name, &option.label.en, &option.label.sw)
        }
        Fee::ByBand { field, unit, bands } => {
            let quantity: u64 = match answers.get(field) {
                Some(Answer::One(value)) => value.parse().ok()?,
                _ => return None,
            };
            let index = band_for(bands, quantity)?;
            match (
                bands[index].up_to,
                index.checked_sub(1).map(|i| bands[i].up_to),
            ) {
                (Some(up_to), _) => {
                    let n = group_thousands(up_to);
                    with_detail(
                        &service.name,
                        &format!("up to {n} {}", unit.en),
                        &format!("hadi {} {n}", unit.sw),
                    )
                }
                (None, Some(Some(over))) => {
                    let n = group_thousands(over);
                    with_detail(
                        &service.name,
                        &format!("over {n} {}", unit.en),
                        &format!("zaidi ya {} {n}", unit.sw),
                    )
                }
                (None, _) => service.name.clone(),
            }
        }
    };
    let mut items = vec![InvoiceItem {
        description,
        amount,
    }];
    let convenience = convenience_fee(amount);
    if convenience != Money::ZERO {
        items.push(InvoiceItem {
            description: Localized {
                en: "Convenience fee".into(),
                sw: "Ada ya huduma".into(),
            },
            amount: convenience,
        });
    }
    Some(items)
}

/// The account number (bill reference) of an application's invoice: its reference without dashes, e.g.
/// `NJ-7KX3-9QPM` → `NJ7KX39QPM`. Ten characters, within the 12 M-Pesa allows, from the reference's alphabet
/// (no 0/O or 1/I/L), so it is easy to type on a phone.
pub fn account_number_for(reference: &str) -> String {
    reference
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// An account number as a person typed it (any case, with or without dashes or spaces), in the form
/// [`account_number_for`] gives; `None` when it cannot be one.
pub fn parse_account_number(text: &str) -> Option<String> {
    parse_reference(text).map(|reference| account_number_for(&reference))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::catalog::{FeeBand, FeeOption, ProcessingTime};

    fn loc(en: &str, sw: &str) -> Localized {
        Localized {
            en: en.into(),
            sw: sw.into(),
        }
    }

    fn service(fee: Fee) -> Service {
        Service {
            id: "test".into(),
            agency: "ntsa".into(),
            category: "test".into(),
            name: loc("Driving licence renewal", "Kuhuisha leseni"),
            summary: loc("", ""),
            description: loc("", ""),
            applicants: vec![],
            fee,
            documents: vec![],
            processing_time: ProcessingTime::Immediate,
            keywords: vec![],
            steps: vec![],
            collection: false,
        }
    }

    fn answers(field: &str, value: &str) -> Answers {
        [(field.to_string(), Answer::One(value.to_string()))]
            .into_iter()
            .collect()
    }

    fn by_option() -> Service {
        service(Fee::ByOption {
            field: "period".into(),
            options: vec![
                FeeOption {
                    value: "1".into(),
                    label: loc("1 year", "Mwaka 1"),
                    amount: Money::shillings(600),
                },
                FeeOption {
                    value: "3".into(),
                    label: loc("3 years", "Miaka 3"),
                    amount: Money::shillings(1_400),
                },
            ],
        })
    }

    fn by_band() -> Service {
        service(Fee::ByBand {
            field: "engine_cc".into(),
            unit: loc("cc", "cc"),
            bands: vec![
                FeeBand {
                    up_to: Some(1_000),
                    amount: Money::shillings(1_660),
                },
                FeeBand {
                    up_to: Some(1_500),
                    amount: Money::shillings(2_560),
                },
                FeeBand {
                    up_to: None,
                    amount: Money::shillings(8_260),
                },
            ],
        })
    }

    fn amounts(items: &[InvoiceItem]) -> Vec<i64> {
        items.iter().map(|i| i.amount.cents()).collect()
    }

    #[test]
    fn a_fixed_fee_is_named_after_the_service() {
        let items = invoice_items(
            &service(Fee::Fixed {
                amount: Money::shillings(3_050),
            }),
            &Answers::new(),
        )
        .unwrap();
        assert_eq!(amounts(&items), [305_000, 5_000]);
        assert_eq!(
            items[0].description,
            loc("Driving licence renewal", "Kuhuisha leseni")
        );
        assert_eq!(
            items[1].description,
            loc("Convenience fee", "Ada ya huduma")
        );
        assert_eq!(invoice_total(&items), Some(Money::shillings(3_100)));
    }

    #[test]
    fn an_option_fee_names_the_option() {
        let items = invoice_items(&by_option(), &answers("period", "3")).unwrap();
        assert_eq!(amounts(&items), [140_000, 5_000]);
        assert_eq!(items[0].description.en, "Driving licence renewal: 3 years");
        assert_eq!(items[0].description.sw, "Kuhuisha leseni: Miaka 3");
        assert_eq!(invoice_total(&items), Some(Money::shillings(1_450)));

        let items = invoice_items(&by_option(), &answers("period", "1")).unwrap();
        assert_eq!(amounts(&items), [60_000, 2_000]);
        assert_eq!(invoice_total(&items), Some(Money::shillings(620)));

        assert_eq!(invoice_items(&by_option(), &Answers::new()), None);
        assert_eq!(invoice_items(&by_option(), &answers("period", "2")), None);
    }

    #[test]
    fn a_band_fee_names_the_band() {
        let items = invoice_items(&by_band(), &answers("engine_cc", "998")).unwrap();
        assert_eq!(amounts(&items), [166_000, 5_000]);
        assert_eq!(
            items[0].description.en,
            "Driving licence renewal: up to 1,000 cc"
        );
        assert_eq!(items[0].description.sw, "Kuhuisha leseni: hadi cc 1,000");

        let items = invoice_items(&by_band(), &answers("engine_cc", "1001")).unwrap();
        assert_eq!(amounts(&items), [256_000, 5_000]);

        let items = invoice_items(&by_band(), &answers("engine_cc", "4000")).unwrap();
        assert_eq!(amounts(&items), [826_000, 5_000]);
        assert_eq!(
            items[0].description.en,
            "Driving licence renewal: over 1,500 cc"
        );
        assert_eq!(
            items[0].description.sw,
            "Kuhuisha leseni: zaidi ya cc 1,500"
        );

        assert_eq!(
            invoice_items(&by_band(), &answers("engine_cc", "lots")),
            None
        );
    }

    #[test]
    fn the_convenience_fee_follows_the_bands() {
        for (shillings, fee) in [
            (50, 5),
            (199, 5),
            (200, 10),
            (450, 15),
            (650, 20),
            (999, 25),
            (1_000, 50),
            (12_050, 50),
        ] {
            let items = invoice_items(
                &service(Fee::Fixed {
                    amount: Money::shillings(shillings),
                }),
                &Answers::new(),
            )
            .unwrap();
            assert_eq!(amounts(&items), [shillings * 100, fee * 100]);
            assert_eq!(
                invoice_total(&items).unwrap().cents(),
                items.iter().map(|i| i.amount.cents()).sum::<i64>()
            );
        }
    }

    #[test]
    fn a_free_service_has_no_invoice() {
        assert_eq!(invoice_items(&service(Fee::Free), &Answers::new()), None);
        assert_eq!(
            invoice_items(
                &service(Fee::Fixed {
                    amount: Money::ZERO
                }),
                &Answers::new()
            ),
            None
        );
    }

    #[test]
    fn account_numbers_round_trip() {
        let account = account_number_for("NJ-7KX3-9QPM");
        assert_eq!(account, "NJ7KX39QPM");
        assert!(account.len() <= 12);
        for typed in ["NJ7KX39QPM", "nj7kx39qpm", "nj-7kx3-9qpm", " NJ 7KX3 9QPM"] {
            assert_eq!(
                parse_account_number(typed).as_deref(),
                Some("NJ7KX39QPM"),
                "{typed}"
            );
        }
        assert_eq!(parse_account_number("NJ7KX39QP0"), None, "no zero");
        assert_eq!(parse_account_number("NJ7KX39QP"), None);
        assert_eq!(parse_account_number("222222"), None);
    }

    #[test]
    fn statuses_round_trip() {
        for status in InvoiceStatus::ALL {
            assert_eq!(InvoiceStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(
            serde_json::to_value(InvoiceStatus::Cancelled).unwrap(),
            serde_json::json!("cancelled")
        );
    }
}
