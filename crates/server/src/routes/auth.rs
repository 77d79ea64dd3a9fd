//! Sign-in in three steps (password, then where to send the code, then the code) and sign-out. Answers
//! never say whether an account exists: a wrong password and an unknown account look the same, and both
//! are throttled and locked the same way.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Response};
use njia_domain::accounts::{FieldProblem, field, parse_code};
use njia_domain::api::accounts::{
    Channel, ChannelOption, CodeSent, SendSignInCodeRequest, SessionInfo, SignInRequest,
    SignInResponse, VerifySignInRequest,
};

use super::accounts::code_problem;
use crate::accounts::audit::{self, Origin};
use crate::accounts::codes::{self, CodeError, Purpose};
use crate::accounts::sessions::{self, CurrentSession};
use crate::accounts::store::{self, User};
use crate::accounts::throttle::{self, Refusal};
use crate::accounts::{passwords, send, tokens};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::ApiJson;

pub fn refusal(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::TooSoon { retry_after_secs } => ApiError::Throttled {
            code: "too_soon",
            retry_after_secs,
        },
        Refusal::Locked { retry_after_secs } => ApiError::Throttled {
            code: "locked",
            retry_after_secs,
        },
    }
}

/// The throttling key of a sign-in: the account when the identifier names exactly one, else the identifier.
pub fn throttle_key(state: &AppState, identifier: &str, users: &[User]) -> String {
    match users {
        [user] => account_key(state, &user.id),
        _ => state
            .secret
            .mac("sign-in-identifier", &identifier.trim().to_lowercase()),
    }
}

pub fn account_key(state: &AppState, user_id: &str) -> String {
    state.secret.mac("sign-in-account", user_id)
}

/// Counts a failure and answers: locked (with when to try again) once the limit is reached, else the
/// given error.
async fn failed(
    state: &AppState,
    key: &str,
    origin: &Origin,
    subject: Option<&str>,
    action: &str,
    otherwise: ApiError,
) -> ApiError {
    let now = state.clock.now_ms();
    let next = throttle::record_failure(&state.db, key, origin.ip.as_deref(), now).await;
    if let Err(e) = audit::record_alone(&state.db, None, subject, action, origin, now).await {
        return e.into();
    }
    match next {
        Ok(Some(Refusal::Locked { retry_after_secs })) => ApiError::Throttled {
            code: "locked",
            retry_after_secs,
        },
        Ok(_) => otherwise,
        Err(e) => e.into(),
    }
}

/// Step 1: email address or ID number, and password.
#[utoipa::path(post, path = "/api/auth/sign-in", tag = "auth", operation_id = "sign_in",
    request_body = SignInRequest,
    responses((status = 200, body = SignInResponse), (status = 401, body = njia_domain::api::ErrorEnvelope),
        (status = 429, body = njia_domain::api::ErrorEnvelope)))]
pub async fn sign_in(
    State(state): State<AppState>,
    origin: Origin,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<Response, ApiError> {
    let mut problems = Vec::new();
    if request.identifier.trim().is_empty() {
        problems.push(FieldProblem::new(
            field::IDENTIFIER,
            "empty",
            "Enter your email address or ID number",
        ));
    }
    if request.password.is_empty() {
        problems.push(FieldProblem::new(
            field::PASSWORD,
            "empty",
            "Enter your password",
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let now = state.clock.now_ms();
    let users = store::by_identifier(&state.db, &request.identifier).await?;
    let key = throttle_key(&state, &request.identifier, &users);
    throttle::check(&state.db, &key, origin.ip.as_deref(), now)
        .await?
        .map_err(refusal)?;
    let mut matched = None;
    if users.is_empty() {
        passwords::verify(request.password.clone(), None).await;
    }
    for user in &users {
        if passwords::verify(request.password.clone(), Some(user.password_hash.clone())).await {
            matched = Some(user.clone());
            break;
        }
    }
    let Some(user) = matched else {
        let subject = users.first().map(|u| u.id.as_str());
        return Err(failed(
            &state,
            &key,
            &origin,
            subject,
            "sign_in_failed",
            ApiError::InvalidCredentials,
        )
        .await);
    };
    throttle::record_success(&state.db, &key).await?;
    if !user.is_usable() {
        // Contacts never confirmed: sign in only to confirm them (the codes prove the person holds them).
        let mut tx = state.db.begin().await?;
        let (token, _) = sessions::start(&mut tx, &state, &user.id, &origin, now).await?;
        audit::own(&mut tx, &user.id, "sign_in_to_confirm", &origin, now).await?;
        tx.commit().await?;
        let (cookie, info) = sessions::opened(&state, &token, now).await?;
        let body = SignInResponse::ConfirmContacts {
            session: Box::new(info),
        };
        return Ok(([(SET_COOKIE, cookie)], Json(body)).into_response());
    }
    let challenge =
        tokens::create(&state, tokens::SIGN_IN, &user.id, tokens::SIGN_IN_SECS, now).await?;
    let mut channels = vec![ChannelOption {
        channel: Channel::Sms,
        destination: user.masked_phone(),
    }];
    if !user.role().is_staff() {
        channels.push(ChannelOption {
            channel: Channel::Email,
            destination: user.masked_email(),
        });
    }
    Ok(Json(SignInResponse::ChooseChannel {
        challenge,
        channels,
    })
    .into_response())
}

async fn challenged_user(state: &AppState, challenge: &str) -> Result<User, ApiError> {
    let now = state.clock.now_ms();
    let user_id = tokens::peek(state, tokens::SIGN_IN, challenge, now)
        .await?
        .ok_or(ApiError::SessionExpired)?;
    store::by_id(&state.db, &user_id)
        .await?
        .ok_or(ApiError::SessionExpired)
}

/// Step 2: send the code by SMS or email (staff: SMS only). Also resends.
#[utoipa::path(post, path = "/api/auth/sign-in/code", tag = "auth", operation_id = "send_sign_in_code",
    request_body = SendSignInCodeRequest,
    responses((status = 200, body = CodeSent), (status = 429, body = njia_domain::api::ErrorEnvelope)))]
pub async fn send_sign_in_code(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<SendSignInCodeRequest>,
) -> Result<Json<CodeSent>, ApiError> {
    let user = challenged_user(&state, &request.challenge).await?;
    if user.role().is_staff() && request.channel != Channel::Sms {
        return Err(ApiError::Forbidden("staff_sms_only"));
    }
    let destination = match request.channel {
        Channel::Sms => user.phone.clone(),
        Channel::Email => user.email.clone(),
    };
    Ok(Json(
        send::code(
            &state,
            &user,
            Purpose::SignIn,
            request.channel,
            &destination,
        )
        .await?,
    ))
}

/// Step 3: the code. Starts the session.
#[utoipa::path(post, path = "/api/auth/sign-in/verify", tag = "auth", operation_id = "verify_sign_in",
    request_body = VerifySignInRequest,
    responses((status = 200, body = SessionInfo), (status = 422, body = njia_domain::api::ErrorEnvelope),
        (status = 429, body = njia_domain::api::ErrorEnvelope)))]
pub async fn verify_sign_in(
    State(state): State<AppState>,
    origin: Origin,
    ApiJson(request): ApiJson<VerifySignInRequest>,
) -> Result<Response, ApiError> {
    let code = parse_code(&request.code)?;
    let user = challenged_user(&state, &request.challenge).await?;
    let now = state.clock.now_ms();
    let key = account_key(&state, &user.id);
    throttle::check(&state.db, &key, origin.ip.as_deref(), now)
        .await?
        .map_err(refusal)?;
    match codes::verify(
        &state.db,
        &state.secret,
        &user.id,
        Purpose::SignIn,
        &code,
        now,
    )
    .await?
    {
        Ok(_) => {}
        Err(e @ (CodeError::Wrong { .. } | CodeError::TooManyWrong)) => {
            return Err(failed(
                &state,
                &key,
                &origin,
                Some(&user.id),
                "sign_in_code_failed",
                code_problem(e),
            )
            .await);
        }
        Err(e) => return Err(code_problem(e)),
    }
    throttle::record_success(&state.db, &key).await?;
    let mut tx = state.db.begin().await?;
    if !tokens::consume(&mut tx, &state, tokens::SIGN_IN, &request.challenge, now).await? {
        return Err(ApiError::SessionExpired);
    }
    let (token, _) = sessions::start(&mut tx, &state, &user.id, &origin, now).await?;
    audit::own(&mut tx, &user.id, "sign_in", &origin, now).await?;
    tx.commit().await?;
    let (cookie, info) = sessions::opened(&state, &token, now).await?;
    Ok(([(SET_COOKIE, cookie)], Json(info)).into_response())
}

/// Ends the session on the server and clears the cookie. Signing out twice is not an error.
#[utoipa::path(post, path = "/api/auth/sign-out", tag = "auth", operation_id = "sign_out",
    responses((status = 204, description = "Signed out")))]
pub async fn sign_out(
    State(state): State<AppState>,
    origin: Origin,
    session: Option<CurrentSession>,
) -> Result<Response, ApiError> {
    let now = state.clock.now_ms();
    if let Some(session) = session {
        sessions::end(&state.db, &session.id, now).await?;
        audit::record_alone(
            &state.db,
            Some(&session.user.id),
            Some(&session.user.id),
            "sign_out",
            &origin,
            now,
        )
        .await?;
    }
    let cookie = sessions::clear_cookie(state.config.is_https());
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
}
