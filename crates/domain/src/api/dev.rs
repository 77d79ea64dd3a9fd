//! Development-only API: exists only while no real SMS or email sender is configured.

use serde::{Deserialize, Serialize};

use super::accounts::Channel;

/// A message in the outbox, as `GET /api/dev/outbox` lists it (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub id: String,
    pub channel: Channel,
    /// E.164 phone number or email address.
    pub to: String,
    pub subject: Option<String>,
    pub body: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; absent until delivered.
    pub sent_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxList {
    pub items: Vec<OutboxMessage>,
}
