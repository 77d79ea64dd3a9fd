//! Request and response types of the REST API, shared by the server and the SPA's typed client.

use serde::{Deserialize, Serialize};

pub mod accounts;
pub mod applications;
pub mod dev;
pub mod invoices;
pub mod licence_check;
pub mod notices;
pub mod ntsa;
pub mod organisations;
pub mod payments;
pub mod services;
pub mod test_bookings;
pub mod transfers;

/// The header the SPA sends on every state-changing request. A cross-site page cannot add it without a CORS
/// preflight, which the server never grants, so its presence shows the request came from Njia itself.
pub const CSRF_HEADER: &str = "x-njia-csrf";

/// `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when the server and its database answer.
    pub status: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    pub version: String,
}

/// The one error envelope of every API error: `{"error": {...}}`. See `docs/API.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `not_found`; clients translate by it.
    pub code: String,
    /// Plain English for developers; clients show their own translation of `code`.
    pub message: String,
    /// Quote this to support; it is in the server's log line for the request.
    pub request_id: Option<String>,
    /// When a throttled or locked action may be tried again, in seconds (also in `Retry-After`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
    /// On `503 maintenance`: the maintenance window that refused the request, with its text in both languages
    /// and when it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Box<notices::Notice>>,
    /// Per-field problems of a rejected request body, in the order of the form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}
