//! NTSA's registers as they concern the signed-in person.

use gloo_net::http::Method;
use njia_domain::api::applications::{Application, IDEMPOTENCY_KEY_HEADER};
use njia_domain::api::ntsa::MyNtsa;

use super::{ApiError, get, write_json_with_header};

/// `GET /api/ntsa/me`: the person's driving licence, provisional licence, vehicles, fines and points.
pub async fn me() -> Result<MyNtsa, ApiError> {
    get("/api/ntsa/me").await
}

/// `POST /api/ntsa/fines/{id}/pay`: the application that pays this fine, sent and waiting for payment.
pub async fn pay_fine(fine_id: &str, key: &str) -> Result<Application, ApiError> {
    write_json_with_header(
        Method::POST,
        &format!("/api/ntsa/fines/{fine_id}/pay"),
        (IDEMPOTENCY_KEY_HEADER, key),
    )
    .await
}

/// `POST /api/ntsa/vehicles/{plate}/lift-caveat`, acting for the financier.
pub async fn lift_caveat(plate: &str) -> Result<(), ApiError> {
    let plate: String = js_sys::encode_uri_component(plate).into();
    super::write_no_content::<()>(
        gloo_net::http::Method::POST,
        &format!("/api/ntsa/vehicles/{plate}/lift-caveat"),
        None,
    )
    .await
}
