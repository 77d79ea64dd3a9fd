//! The driving record, its share codes, and the employer's public check of a licence.

use gloo_net::http::Method;
use njia_domain::api::licence_check::{
    DrivingRecord, LicenceCheckRequest, LicenceCheckResult, ShareCode,
};

use super::{ApiError, decode, get, send, write_json};

/// `GET /api/ntsa/record`: the person's points and offences of the last 3 years (`404 no_licence` without
/// a licence).
pub async fn record() -> Result<DrivingRecord, ApiError> {
    get("/api/ntsa/record").await
}

/// `POST /api/ntsa/share-codes`: a new single-use code, valid 21 days.
pub async fn create_share_code() -> Result<ShareCode, ApiError> {
    decode(send::<()>(Method::POST, "/api/ntsa/share-codes", None).await?).await
}

/// `POST /api/public/licence-check` (no sign-in): `404 share_code_not_valid` for any refused code,
/// `429 too_many_checks` after too many failures.
pub async fn check(code: String, licence_last8: String) -> Result<LicenceCheckResult, ApiError> {
    write_json(
        Method::POST,
        "/api/public/licence-check",
        &LicenceCheckRequest {
            code,
            licence_last8,
        },
    )
    .await
}
