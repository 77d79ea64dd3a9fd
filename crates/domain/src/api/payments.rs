//! Payments of invoices: M-Pesa STK push ("pay from this phone"), M-Pesa Paybill (confirmed by the M-Pesa
//! code), and card through a payment gateway's hosted checkout. The rules a payment follows and the words for
//! M-Pesa's result codes live here so the SPA and the server agree.

use serde::{Deserialize, Serialize};

use crate::Money;
use crate::api::invoices::Invoice;

/// How a payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// A prompt sent to the person's phone (Lipa na M-Pesa Online).
    MpesaStk,
    /// Paid from the M-Pesa menu to Paybill 222222 with the invoice's account number.
    MpesaPaybill,
    /// A card, on the payment gateway's own page.
    Card,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 3] = [
        PaymentMethod::MpesaStk,
        PaymentMethod::MpesaPaybill,
        PaymentMethod::Card,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::MpesaStk => "mpesa_stk",
            PaymentMethod::MpesaPaybill => "mpesa_paybill",
            PaymentMethod::Card => "card",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentMethod> {
        PaymentMethod::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Where a payment stands. It only moves forward: `pending` → `paid` | `failed` | `unconfirmed` | `refund_due`, and
/// `unconfirmed` → `paid` | `failed` | `refund_due`. `paid`, `failed` and `refund_due` are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Waiting for the person (PIN prompt, card page) or for the provider's answer.
    Pending,
    Paid,
    /// The provider said no (cancelled, wrong PIN, no funds, declined…); nothing was taken.
    Failed,
    /// No answer within the time allowed. Reconciliation keeps asking; the person is told what to do.
    Unconfirmed,
    /// Money arrived for an invoice that was already paid (or did not match it): to be refunded.
    RefundDue,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 5] = [
        PaymentStatus::Pending,
        PaymentStatus::Paid,
        PaymentStatus::Failed,
        PaymentStatus::Unconfirmed,
        PaymentStatus::RefundDue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::Paid => "paid",
            PaymentStatus::Failed => "failed",
            PaymentStatus::Unconfirmed => "unconfirmed",
            PaymentStatus::RefundDue => "refund_due",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentStatus> {
        PaymentStatus::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// Whether a payment in this status may move to `next`: forward only, never out of a final status.
    pub fn may_become(self, next: PaymentStatus) -> bool {
        use PaymentStatus as S;
        matches!(
            (self, next),
            (S::Pending, S::Paid | S::Failed | S::Unconfirmed)
                | (S::Unconfirmed, S::Paid | S::Failed | S::RefundDue)
                | (S::Pending, S::RefundDue)
        )
    }

    /// Nothing more will happen to it.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            PaymentStatus::Paid | PaymentStatus::Failed | PaymentStatus::RefundDue
        )
    }
}

/// Why a payment failed, for the person: M-Pesa's result codes and a card gateway's refusals, grouped into
/// what the person can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentProblem {
    /// 1032: the prompt was cancelled on the phone.
    Cancelled,
    /// 1037: the phone could not be reached or the prompt was not answered in time.
    PhoneUnreachable,
    /// 2001: the M-Pesa PIN was wrong.
    WrongPin,
    /// 1: not enough money in M-Pesa (or on the card).
    InsufficientFunds,
    /// The card was declined by its bank.
    CardDeclined,
    /// Anything else.
    Other,
}

impl PaymentProblem {
    pub const ALL: [PaymentProblem; 6] = [
        PaymentProblem::Cancelled,
        PaymentProblem::PhoneUnreachable,
        PaymentProblem::WrongPin,
        PaymentProblem::InsufficientFunds,
        PaymentProblem::CardDeclined,
        PaymentProblem::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentProblem::Cancelled => "cancelled",
            PaymentProblem::PhoneUnreachable => "phone_unreachable",
            PaymentProblem::WrongPin => "wrong_pin",
            PaymentProblem::InsufficientFunds => "insufficient_funds",
            PaymentProblem::CardDeclined => "card_declined",
            PaymentProblem::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentProblem> {
        PaymentProblem::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The problem an M-Pesa STK `ResultCode` means (0 is not a problem).
    pub fn from_mpesa_result(code: i64) -> Option<PaymentProblem> {
        match code {
            0 => None,
            1 => Some(PaymentProblem::InsufficientFunds),
            1032 => Some(PaymentProblem::Cancelled),
            1037 => Some(PaymentProblem::PhoneUnreachable),
            2001 => Some(PaymentProblem::WrongPin),
            _ => Some(PaymentProblem::Other),
        }
    }

    /// What to tell the person, and what to do next, in English.
    pub fn message_en(self) -> &'static str {
        match self {
            PaymentProblem::Cancelled => {
                "The payment was cancelled on your phone. Nothing was taken. Try again when you are ready."
            }
            PaymentProblem::PhoneUnreachable => {
                "We could not reach your phone, or the request was not answered in time. Check that the phone is on and has signal, then try again."
            }
            PaymentProblem::WrongPin => {
                "The M-Pesa PIN was wrong. Nothing was taken. Try again and enter your M-Pesa PIN carefully."
            }
            PaymentProblem::InsufficientFunds => {
                "There is not enough money to pay this. Top up, or pay another way, then try again."
            }
            PaymentProblem::CardDeclined => {
                "Your bank declined the card. Nothing was taken. Try another card or pay by M-Pesa."
            }
            PaymentProblem::Other => {
                "The payment did not go through. Nothing was taken. Try again."
            }
        }
    }

    /// The same in Kiswahili.
    pub fn message_sw(self) -> &'static str {
        match self {
            PaymentProblem::Cancelled => {
                "Malipo yalisitishwa kwenye simu yako. Hakuna pesa iliyotolewa. Jaribu tena ukiwa tayari."
            }
            PaymentProblem::PhoneUnreachable => {
                "Hatukuweza kufikia simu yako, au ombi halikujibiwa kwa wakati. Hakikisha simu imewashwa na ina mtandao, kisha ujaribu tena."
            }
            PaymentProblem::WrongPin => {
                "PIN ya M-Pesa haikuwa sahihi. Hakuna pesa iliyotolewa. Jaribu tena na uweke PIN yako kwa makini."
            }
            PaymentProblem::InsufficientFunds => {
                "Huna pesa za kutosha kulipa hii. Ongeza salio, au lipa kwa njia nyingine, kisha ujaribu tena."
            }
            PaymentProblem::CardDeclined => {
                "Benki yako imekataa kadi. Hakuna pesa iliyotolewa. Jaribu kadi nyingine au ulipe kwa M-Pesa."
            }
            PaymentProblem::Other => "Malipo hayakufaulu. Hakuna pesa iliyotolewa. Jaribu tena.",
        }
    }
}

/// A payment of an invoice, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: String,
    pub invoice_id: String,
    pub application_id: String,
    pub method: PaymentMethod,
    pub status: PaymentStatus,
    /// In cents.
    pub amount: Money,
    /// The paying phone with the middle hidden, e.g. `0712 •••• 78` (M-Pesa only).
    pub phone_masked: Option<String>,
    /// M-Pesa's own transaction code (e.g. `SLK4H7Q2XP`), once known.
    pub mpesa_code: Option<String>,
    /// For a card: the last four digits, once the gateway tells us.
    pub card_last4: Option<String>,
    /// Why it failed (status `failed`).
    pub problem: Option<PaymentProblem>,
    pub created_at: String,
    /// When it became paid, failed or refund due.
    pub settled_at: Option<String>,
}

/// `POST /api/invoices/{id}/mpesa`: send an M-Pesa prompt to this phone. Needs an `Idempotency-Key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MpesaPayRequest {
    /// `07XXXXXXXX`, `01XXXXXXXX` or `+2547XXXXXXXX`.
    pub phone: String,
}

/// `POST /api/invoices/{id}/paybill-code`: "I paid by Paybill": the M-Pesa code from the confirmation SMS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaybillCodeRequest {
    pub code: String,
}

/// `POST /api/invoices/{id}/card`: the gateway's page to send the person to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CardCheckout {
    pub payment: Payment,
    /// The gateway's hosted checkout page; it sends the person back to `/payments/{id}/card-return`.
    pub redirect_url: String,
}

/// `GET /api/invoices/{id}`: an invoice with its payments, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceWithPayments {
    pub invoice: Invoice,
    pub payments: Vec<Payment>,
    /// The Paybill to pay to (222222 on eCitizen).
    pub paybill_number: String,
    /// The card gateway is configured on this server.
    pub card_available: bool,
}

/// `GET /api/invoices/{id}/receipt`: what the receipt shows once the invoice is paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receipt {
    /// Njia's receipt number, e.g. `RN-4K7Q-X2PM`.
    pub receipt_number: String,
    pub invoice: Invoice,
    /// The payment that paid it.
    pub payment: Payment,
    /// The application's reference and service.
    pub application_reference: String,
    pub service_id: String,
    pub payer_name: String,
    pub paid_at: String,
    /// What the payment did at once, where it completes the service: e.g. the renewed licence's new expiry
    /// (the renewal slip), written in both languages as `English. / Kiswahili.` (see [`note_in`]).
    #[serde(default)]
    pub outcome: Option<String>,
}

/// One language's part of a note the system writes in both, as `English sentences. / Kiswahili sentences.`;
/// the whole note otherwise (an officer's note is shown as written).
pub fn note_in(note: &str, swahili: bool) -> &str {
    match note.split_once(". / ") {
        Some((_, sw)) if swahili => sw,
        // Keep the English part's full stop.
        Some((en, _)) => &note[..en.len() + 1],
        None => note,
    }
}

/// One row of the person's payment history (`GET /api/payments`), newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentHistoryEntry {
    pub payment: Payment,
    pub service_id: String,
    pub application_reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentHistory {
    pub items: Vec<PaymentHistoryEntry>,
}

/// An M-Pesa code as typed (any case, spaces ignored) in its stored form: 10 letters and digits, upper case.
pub fn parse_mpesa_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == 10 && code.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(code)
}

/// A phone number with the middle hidden, as shown on receipts and in history: `0712 •••• 78`.
pub fn mask_phone(msisdn: &str) -> String {
    let national = msisdn
        .strip_prefix("254")
        .map_or_else(|| msisdn.to_string(), |rest| format!("0{rest}"));
    if national.len() < 6 {
        return "••••".into();
    }
    format!(
        "{} •••• {}",
        &national[..4],
        &national[national.len() - 2..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payments_only_move_forward() {
        use PaymentStatus as S;
        for from in S::ALL {
            assert!(!from.may_become(from), "{from:?} to itself is not a move");
            assert!(!from.may_become(S::Pending), "nothing goes back to pending");
            if from.is_final() {
                for to in S::ALL {
                    assert!(!from.may_become(to), "{from:?} is final");
                }
            }
        }
        assert!(S::Pending.may_become(S::Paid));
        assert!(S::Unconfirmed.may_become(S::Paid));
        assert!(S::Unconfirmed.may_become(S::RefundDue));
    }

    #[test]
    fn names_round_trip() {
        for status in PaymentStatus::ALL {
            assert_eq!(PaymentStatus::parse(status.as_str()), Some(status));
        }
        for method in PaymentMethod::ALL {
            assert_eq!(PaymentMethod::parse(method.as_str()), Some(method));
        }
        for problem in PaymentProblem::ALL {
            assert_eq!(PaymentProblem::parse(problem.as_str()), Some(problem));
            assert_eq!(
                serde_json::to_value(problem).ok(),
                Some(serde_json::Value::String(problem.as_str().into()))
            );
        }
    }

    #[test]
    fn result_codes_become_problems() {
        assert_eq!(PaymentProblem::from_mpesa_result(0), None);
        assert_eq!(
            PaymentProblem::from_mpesa_result(1032),
            Some(PaymentProblem::Cancelled)
        );
        assert_eq!(
            PaymentProblem::from_mpesa_result(1037),
            Some(PaymentProblem::PhoneUnreachable)
        );
        assert_eq!(
            PaymentProblem::from_mpesa_result(2001),
            Some(PaymentProblem::WrongPin)
        );
        assert_eq!(
            PaymentProblem::from_mpesa_result(1),
            Some(PaymentProblem::InsufficientFunds)
        );
        assert_eq!(
            PaymentProblem::from_mpesa_result(17),
            Some(PaymentProblem::Other)
        );
    }

    #[test]
    fn notes_in_both_languages_are_split() {
        let note = "Fine NF1 paid. / Faini NF1 imelipwa.";
        assert_eq!(note_in(note, false), "Fine NF1 paid.");
        assert_eq!(note_in(note, true), "Faini NF1 imelipwa.");
        assert_eq!(note_in("Collect at Thika", true), "Collect at Thika");
        assert_eq!(
            note_in("Bring your ID / passport", true),
            "Bring your ID / passport"
        );
    }

    #[test]
    fn codes_and_phones() {
        assert_eq!(
            parse_mpesa_code(" slk4h7q2xp ").as_deref(),
            Some("SLK4H7Q2XP")
        );
        assert_eq!(parse_mpesa_code("SLK4H7Q2X"), None);
        assert_eq!(parse_mpesa_code("SLK4H7Q2X!"), None);
        assert_eq!(mask_phone("254712345678"), "0712 •••• 78");
        assert_eq!(mask_phone("12"), "••••");
    }
}
