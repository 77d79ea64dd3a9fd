//! Transfers of vehicle ownership offered to the signed-in person, and their answer.

use gloo_net::http::Method;
use njia_domain::api::transfers::{TransferDecisionRequest, TransferList, TransferOffer};

use super::{ApiError, get, write_json};

/// `GET /api/ntsa/transfers`: the vehicles offered to the person as buyer, newest first.
pub async fn list() -> Result<TransferList, ApiError> {
    get("/api/ntsa/transfers").await
}

/// `POST /api/ntsa/transfers/{id}/accept` or `/decline`, with the person's password.
pub async fn answer(id: &str, accept: bool, password: String) -> Result<TransferOffer, ApiError> {
    let what = if accept { "accept" } else { "decline" };
    write_json(
        Method::POST,
        &format!("/api/ntsa/transfers/{id}/{what}"),
        &TransferDecisionRequest { password },
    )
    .await
}
