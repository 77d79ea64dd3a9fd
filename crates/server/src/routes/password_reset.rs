//! Forgotten password: a code by the chosen channel, then a new password. Every answer before the code is
//! checked is the same whether or not the account exists.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use njia_domain::accounts::{FieldProblem, check_new_password, field, parse_code};
use njia_domain::api::accounts::{
    Channel, CompleteResetRequest, ResetStarted, ResetToken, StartResetRequest, VerifyResetRequest,
};
use njia_domain::password::{CommonPasswords, PersonalInfo};

use super::accounts::code_problem;
use super::auth::{refusal, throttle_key};
use crate::accounts::audit::{self, Origin};
use crate::accounts::codes::{self, CodeError, Purpose};
use crate::accounts::throttle::{self, Refusal};
use crate::accounts::{passwords, send, sessions, store, tokens};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::ApiJson;

/// Step 1: sends a code if the identifier names one account; answers the same either way.
#[utoipa::path(post, path = "/api/password-reset", tag = "password-reset", operation_id = "start_password_reset",
    request_body = StartResetRequest, responses((status = 202, body = ResetStarted)))]
pub async fn start(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<StartResetRequest>,
) -> Result<(StatusCode, Json<ResetStarted>), ApiError> {
    if request.identifier.trim().is_empty() {
        return Err(FieldProblem::new(
            field::IDENTIFIER,
            "empty",
            "Enter your email address or ID number",
        )
        .into());
    }
    let users = store::by_identifier(&state.db, &request.identifier).await?;
    if let [user] = users.as_slice() {
        let destination = match request.channel {
            Channel::Sms => user.phone.clone(),
            Channel::Email => user.email.clone(),
        };
        // A refusal to resend so soon is not reported: it would show that the account exists.
        match send::code(
            &state,
            user,
            Purpose::ResetPassword,
            request.channel,
            &destination,
        )
        .await
        {
            Ok(_) | Err(ApiError::Throttled { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    let started = ResetStarted {
        expires_in_seconds: Purpose::ResetPassword.lifetime_secs(request.channel) as u64,
        resend_after_seconds: codes::RESEND_AFTER_SECS as u64,
    };
    Ok((StatusCode::ACCEPTED, Json(started)))
}

/// Step 2: the code. Answers a reset token that allows one new password.
#[utoipa::path(post, path = "/api/password-reset/verify", tag = "password-reset", operation_id = "verify_password_reset",
    request_body = VerifyResetRequest,
    responses((status = 200, body = ResetToken), (status = 422, body = njia_domain::api::ErrorEnvelope),
        (status = 429, body = njia_domain::api::ErrorEnvelope)))]
pub async fn verify(
    State(state): State<AppState>,
    origin: Origin,
    ApiJson(request): ApiJson<VerifyResetRequest>,
) -> Result<Json<ResetToken>, ApiError> {
    let code = parse_code(&request.code)?;
    let now = state.clock.now_ms();
    let users = store::by_identifier(&state.db, &request.identifier).await?;
    let key = throttle_key(&state, &request.identifier, &users);
    throttle::check(&state.db, &key, origin.ip.as_deref(), now)
        .await?
        .map_err(refusal)?;
    let outcome = match users.as_slice() {
        [user] => codes::verify(
            &state.db,
            &state.secret,
            &user.id,
            Purpose::ResetPassword,
            &code,
            now,
        )
        .await?
        .map(|_| user),
        // No such account: the same answer as a wrong code.
        _ => Err(CodeError::Wrong {
            remaining: codes::MAX_WRONG - 1,
        }),
    };
    match outcome {
        Ok(user) => {
            throttle::record_success(&state.db, &key).await?;
            let reset_token = tokens::create(
                &state,
                tokens::RESET,
                &user.id,
                Purpose::ResetPassword.lifetime_secs(Channel::Sms),
                now,
            )
            .await?;
            Ok(Json(ResetToken { reset_token }))
        }
        Err(e) => {
            let next = throttle::record_failure(&state.db, &key, origin.ip.as_deref(), now).await?;
            match next {
                Some(r @ Refusal::Locked { .. }) => Err(refusal(r)),
                _ => Err(code_problem(e)),
            }
        }
    }
}

/// Step 3: the new password. Ends every session and tells the person on both channels.
#[utoipa::path(post, path = "/api/password-reset/complete", tag = "password-reset", operation_id = "complete_password_reset",
    request_body = CompleteResetRequest,
    responses((status = 204, description = "Password changed"), (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn complete(
    State(state): State<AppState>,
    origin: Origin,
    ApiJson(request): ApiJson<CompleteResetRequest>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now_ms();
    let user_id = tokens::peek(&state, tokens::RESET, &request.reset_token, now)
        .await?
        .ok_or(ApiError::SessionExpired)?;
    let user = store::by_id(&state.db, &user_id)
        .await?
        .ok_or(ApiError::SessionExpired)?;
    let names: Vec<&str> = [&user.first_name, &user.other_names, &user.surname]
        .into_iter()
        .flat_map(|n| n.split_whitespace())
        .collect();
    let info = PersonalInfo {
        names: &names,
        id_number: Some(&user.id_number),
        email: Some(&user.email),
        phone: Some(&user.phone),
    };
    let problems = check_new_password(
        &request.password,
        &request.password_confirmation,
        &info,
        CommonPasswords::bundled(),
    );
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let hash = passwords::hash(request.password).await?;
    let mut tx = state.db.begin().await?;
    if !tokens::consume(&mut tx, &state, tokens::RESET, &request.reset_token, now).await? {
        return Err(ApiError::SessionExpired);
    }
    store::set_password_hash(&mut tx, &user.id, &hash, now).await?;
    sessions::end_others(&mut tx, &user.id, None, now).await?;
    audit::own(&mut tx, &user.id, "password_reset", &origin, now).await?;
    send::notices(
        &mut tx,
        "password_reset",
        &[(Channel::Sms, &user.phone), (Channel::Email, &user.email)],
        now,
    )
    .await?;
    tx.commit().await?;
    state.outbox.notify();
    Ok(StatusCode::NO_CONTENT)
}
