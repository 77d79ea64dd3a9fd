//! Transfers of vehicle ownership as the buyer sees them: `GET /api/ntsa/transfers`, and
//! `POST /api/ntsa/transfers/{id}/accept` or `/decline` with the buyer's password.

use serde::{Deserialize, Serialize};

/// Where a transfer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TransferStatus {
    /// Paid by the seller; the buyer has not answered yet.
    AwaitingBuyer,
    /// The buyer accepted; an officer approves it next.
    Accepted,
    /// The buyer declined; the seller's application was rejected.
    Declined,
    /// Approved: the vehicle is the buyer's.
    Completed,
}

impl TransferStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TransferStatus::AwaitingBuyer => "awaiting_buyer",
            TransferStatus::Accepted => "accepted",
            TransferStatus::Declined => "declined",
            TransferStatus::Completed => "completed",
        }
    }

    pub fn parse(s: &str) -> Option<TransferStatus> {
        match s {
            "awaiting_buyer" => Some(TransferStatus::AwaitingBuyer),
            "accepted" => Some(TransferStatus::Accepted),
            "declined" => Some(TransferStatus::Declined),
            "completed" => Some(TransferStatus::Completed),
            _ => None,
        }
    }
}

/// A vehicle offered to the signed-in person. The seller is named, never their ID or phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferOffer {
    pub id: String,
    /// Canonical form, e.g. `KDA 123A`.
    pub plate: String,
    pub make: String,
    pub model: String,
    pub year: u16,
    pub seller_name: String,
    pub status: TransferStatus,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /api/ntsa/transfers`: newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferList {
    pub items: Vec<TransferOffer>,
}

/// The buyer's answer needs their password again.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferDecisionRequest {
    pub password: String,
}

impl std::fmt::Debug for TransferDecisionRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransferDecisionRequest")
            .field("password", &"<hidden>")
            .finish()
    }
}
