//! NTSA's registers as they concern the signed-in person.

use njia_domain::api::ntsa::MyNtsa;

use super::{ApiError, get};

/// `GET /api/ntsa/me`: the person's driving licence, provisional licence, vehicles, fines and points.
pub async fn me() -> Result<MyNtsa, ApiError> {
    get("/api/ntsa/me").await
}
