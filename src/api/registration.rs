//! Registration and the confirmation of a new account's phone and email, and the common-password list the
//! password checks use.

use gloo_net::http::{Method, Request};
use njia_domain::api::accounts::{
    Channel, CodeSent, ConfirmVerificationRequest, CorrectContactRequest, RegisterRequest,
    SendVerificationRequest, SessionInfo,
};
use njia_domain::password::COMMON_PASSWORDS_FILE;

use super::{ApiError, write_json};

/// `POST /api/accounts`: 201 with the new session (the server sets its cookie), or 422 with the fields.
pub async fn register(request: &RegisterRequest) -> Result<SessionInfo, ApiError> {
    write_json(Method::POST, "/api/accounts", request).await
}

/// `POST /api/account/verification/send`: a new code for the phone (SMS) or the email.
pub async fn send_code(channel: Channel) -> Result<CodeSent, ApiError> {
    write_json(
        Method::POST,
        "/api/account/verification/send",
        &SendVerificationRequest { channel },
    )
    .await
}

/// `POST /api/account/verification/confirm`: the session again, with the channel now confirmed.
pub async fn confirm_code(channel: Channel, code: String) -> Result<SessionInfo, ApiError> {
    write_json(
        Method::POST,
        "/api/account/verification/confirm",
        &ConfirmVerificationRequest { channel, code },
    )
    .await
}

/// `PUT /api/account/unconfirmed-contact`: corrects a mistyped phone or email and sends it a code.
pub async fn correct_contact(channel: Channel, value: String) -> Result<CodeSent, ApiError> {
    write_json(
        Method::PUT,
        "/api/account/unconfirmed-contact",
        &CorrectContactRequest { channel, value },
    )
    .await
}

/// The common-password list, a static file served beside the app. Anything other than plain text (the app's
/// own page, from a server that does not have the file) counts as a failure.
pub async fn common_passwords() -> Result<String, ApiError> {
    let response = Request::get(&format!("/{COMMON_PASSWORDS_FILE}"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    let is_text = response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.starts_with("text/plain"));
    if !response.ok() || !is_text {
        return Err(ApiError::Unexpected {
            status: response.status(),
            request_id: None,
        });
    }
    response.text().await.map_err(|_| ApiError::Network)
}
