//! Signing in and out, the session, and the forgotten-password journey.

use gloo_net::http::Method;
use njia_domain::api::accounts::{
    Channel, CodeSent, CompleteResetRequest, ResetStarted, ResetToken, SendSignInCodeRequest,
    SessionInfo, SignInRequest, SignInResponse, StartResetRequest, VerifyResetRequest,
    VerifySignInRequest,
};
use njia_domain::api::dev::OutboxList;

use super::{ApiError, get, write_json, write_no_content};

/// The request bodies of endpoints that take none: the server ignores an empty object.
#[derive(serde::Serialize)]
struct Empty {}

/// `GET /api/session`: who is signed in; `401` when nobody is.
pub async fn session() -> Result<SessionInfo, ApiError> {
    get("/api/session").await
}

/// "Stay signed in": restarts the idle timer.
pub async fn refresh_session() -> Result<SessionInfo, ApiError> {
    write_json(Method::POST, "/api/session/refresh", &Empty {}).await
}

pub async fn sign_in(identifier: String, password: String) -> Result<SignInResponse, ApiError> {
    write_json(
        Method::POST,
        "/api/auth/sign-in",
        &SignInRequest {
            identifier,
            password,
        },
    )
    .await
}

pub async fn send_sign_in_code(challenge: String, channel: Channel) -> Result<CodeSent, ApiError> {
    write_json(
        Method::POST,
        "/api/auth/sign-in/code",
        &SendSignInCodeRequest { challenge, channel },
    )
    .await
}

pub async fn verify_sign_in(challenge: String, code: String) -> Result<SessionInfo, ApiError> {
    write_json(
        Method::POST,
        "/api/auth/sign-in/verify",
        &VerifySignInRequest { challenge, code },
    )
    .await
}

pub async fn sign_out() -> Result<(), ApiError> {
    write_no_content::<Empty>(Method::POST, "/api/auth/sign-out", None).await
}

pub async fn start_reset(identifier: String, channel: Channel) -> Result<ResetStarted, ApiError> {
    write_json(
        Method::POST,
        "/api/password-reset",
        &StartResetRequest {
            identifier,
            channel,
        },
    )
    .await
}

pub async fn verify_reset(identifier: String, code: String) -> Result<ResetToken, ApiError> {
    write_json(
        Method::POST,
        "/api/password-reset/verify",
        &VerifyResetRequest { identifier, code },
    )
    .await
}

pub async fn complete_reset(
    reset_token: String,
    password: String,
    password_confirmation: String,
) -> Result<(), ApiError> {
    let body = CompleteResetRequest {
        reset_token,
        password,
        password_confirmation,
    };
    write_no_content(Method::POST, "/api/password-reset/complete", Some(&body)).await
}

/// `GET /api/dev/outbox`: `404` wherever a real sender is configured.
pub async fn dev_outbox() -> Result<OutboxList, ApiError> {
    get("/api/dev/outbox").await
}
