//! The gateway's wire types.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a checkout session stands. Unknown words become [`SessionStatus::Other`] rather than an error: a
/// gateway that adds a status must not make a paid session unreadable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum SessionStatus {
    /// Created; the person has not finished on the gateway's page yet.
    Open,
    /// The card was charged.
    Paid,
    /// The card's bank refused; see [`Session::decline_reason`]. Nothing was taken.
    Declined,
    /// The person chose to go back without paying.
    Cancelled,
    /// Nobody finished in time (30 minutes); the session can no longer be paid.
    Expired,
    /// A status this client does not know.
    Other(String),
}

impl SessionStatus {
    pub fn as_str(&self) -> &str {
        match self {
            Self::Open => "open",
            Self::Paid => "paid",
            Self::Declined => "declined",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
            Self::Other(other) => other,
        }
    }

    /// Nothing more will happen to the session (everything but `open`; an unknown status counts as
    /// undecided, so it is asked about again rather than settled wrongly).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Self::Paid | Self::Declined | Self::Cancelled | Self::Expired
        )
    }
}

impl From<String> for SessionStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "open" => Self::Open,
            "paid" => Self::Paid,
            "declined" => Self::Declined,
            "cancelled" => Self::Cancelled,
            "expired" => Self::Expired,
            _ => Self::Other(value),
        }
    }
}

impl From<SessionStatus> for String {
    fn from(value: SessionStatus) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for SessionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why the card was declined. Unknown words become [`DeclineReason::Other`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum DeclineReason {
    /// `card_declined`: the bank said no, without saying why.
    CardDeclined,
    /// `insufficient_funds`.
    InsufficientFunds,
    Other(String),
}

impl DeclineReason {
    pub fn as_str(&self) -> &str {
        match self {
            Self::CardDeclined => "card_declined",
            Self::InsufficientFunds => "insufficient_funds",
            Self::Other(other) => other,
        }
    }
}

impl From<String> for DeclineReason {
    fn from(value: String) -> Self {
        match value.as_str() {
            "card_declined" => Self::CardDeclined,
            "insufficient_funds" => Self::InsufficientFunds,
            _ => Self::Other(value),
        }
    }
}

impl From<DeclineReason> for String {
    fn from(value: DeclineReason) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for DeclineReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A checkout session as the gateway reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// `cs_…`.
    pub id: String,
    /// The hosted checkout page to send the person to. Always in the answer to a create; a read may leave it
    /// out.
    #[serde(default)]
    pub url: Option<String>,
    pub status: SessionStatus,
    pub amount_cents: i64,
    pub currency: String,
    /// Ours, echoed back: check it matches what we created the session for.
    pub reference: String,
    /// Once a card was tried: its last four digits, for the receipt.
    #[serde(default)]
    pub card_last4: Option<String>,
    /// `visa`, `mastercard`, …
    #[serde(default)]
    pub card_brand: Option<String>,
    /// Only when [`SessionStatus::Declined`].
    #[serde(default)]
    pub decline_reason: Option<DeclineReason>,
    /// The gateway's charge (`txn_…`), once paid: quote it to the gateway's support.
    #[serde(default)]
    pub transaction_id: Option<String>,
    /// When it was paid, in Unix seconds.
    #[serde(default)]
    pub paid_at: Option<i64>,
}

impl Session {
    pub fn is_paid(&self) -> bool {
        self.status == SessionStatus::Paid
    }
}

/// The gateway's error body: `{"error": {"code", "message"}}`.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ErrorEnvelope {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ErrorDetail {
    pub code: String,
    #[serde(default)]
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_paid_session() {
        let session: Session = serde_json::from_str(
            r#"{"id":"cs_1","status":"paid","amount_cents":105000,"currency":"KES","reference":"NJ7KX39QPM",
                "card_last4":"4242","card_brand":"visa","decline_reason":null,"transaction_id":"txn_1",
                "paid_at":1764659700}"#,
        )
        .expect("parses");
        assert!(session.is_paid());
        assert!(session.status.is_final());
        assert_eq!(session.url, None);
        assert_eq!(session.card_last4.as_deref(), Some("4242"));
        assert_eq!(session.paid_at, Some(1_764_659_700));
    }

    #[test]
    fn unknown_words_are_kept_not_refused() {
        let session: Session = serde_json::from_str(
            r#"{"id":"cs_1","url":"http://x/checkout/cs_1","status":"requires_action","amount_cents":100,
                "currency":"KES","reference":"R","decline_reason":"stolen_card"}"#,
        )
        .expect("parses");
        assert_eq!(
            session.status,
            SessionStatus::Other("requires_action".into())
        );
        assert!(!session.status.is_final());
        assert_eq!(
            session.decline_reason,
            Some(DeclineReason::Other("stolen_card".into()))
        );
        let back = serde_json::to_value(&session).expect("serialises");
        assert_eq!(back["status"], "requires_action");
        assert_eq!(back["decline_reason"], "stolen_card");
    }

    #[test]
    fn decline_reasons() {
        for (word, reason) in [
            ("card_declined", DeclineReason::CardDeclined),
            ("insufficient_funds", DeclineReason::InsufficientFunds),
        ] {
            assert_eq!(DeclineReason::from(word.to_owned()), reason);
            assert_eq!(reason.as_str(), word);
        }
    }
}
