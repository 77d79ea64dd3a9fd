//! Registration and the confirmation of a new account's phone and email.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Response};
use njia_domain::accounts::{
    FieldProblem, field, parse_code, parse_email, parse_phone, validate_registration,
};
use njia_domain::api::accounts::{
    Channel, CodeSent, ConfirmVerificationRequest, CorrectContactRequest, PRIVACY_NOTICE_VERSION,
    RegisterRequest, Role, SendVerificationRequest, SessionInfo,
};
use njia_domain::date::Date;
use njia_domain::password::CommonPasswords;

use crate::accounts::audit::{self, Origin};
use crate::accounts::codes::{self, CodeError, Purpose};
use crate::accounts::sessions::{self, CurrentSession};
use crate::accounts::store::{self, NewUser};
use crate::accounts::{passwords, send};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::ApiJson;

fn already_registered(what: &'static str) -> FieldProblem {
    let (field, noun) = match what {
        "id_number" => (field::ID_NUMBER, "this ID or document number"),
        "email" => (field::EMAIL, "this email address"),
        _ => (field::PHONE, "this phone number"),
    };
    FieldProblem::new(
        field,
        "already_registered",
        format!("An account already uses {noun}. If it is yours, sign in or reset your password."),
    )
}

/// Opens an account and sends codes to confirm its phone and email. The answer signs the person in, but
/// only to confirm those two; nothing else works until both are confirmed.
#[utoipa::path(post, path = "/api/accounts", tag = "accounts", operation_id = "register",
    request_body = RegisterRequest,
    responses((status = 201, body = SessionInfo), (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn register(
    State(state): State<AppState>,
    origin: Origin,
    ApiJson(request): ApiJson<RegisterRequest>,
) -> Result<Response, ApiError> {
    let now = state.clock.now_ms();
    let valid = validate_registration(
        &request,
        Date::from_unix_ms(now),
        CommonPasswords::bundled(),
    )?;
    let email = valid.email.to_string();
    let phone = valid.phone.to_string();
    let taken = store::taken(&state.db, valid.kind, &valid.id_number, &email, &phone).await?;
    if !taken.is_empty() {
        return Err(taken
            .into_iter()
            .map(already_registered)
            .collect::<Vec<_>>()
            .into());
    }
    let password_hash = passwords::hash(valid.password.clone()).await?;
    let mut tx = state.db.begin().await?;
    let date_of_birth = valid.date_of_birth.to_string();
    let new_user = NewUser {
        kind: valid.kind,
        id_number: &valid.id_number,
        first_name: &valid.first_name,
        other_names: &valid.other_names,
        surname: &valid.surname,
        date_of_birth: &date_of_birth,
        email: &email,
        phone: &phone,
        password_hash: &password_hash,
        role: Role::Citizen,
        agency_id: None,
        privacy_notice_version: PRIVACY_NOTICE_VERSION,
        verified: false,
    };
    let user_id = match store::insert(&mut tx, &new_user, now).await {
        Ok(id) => id,
        // Two registrations with the same details at once: the loser gets the same answer as above.
        Err(e) if store::is_unique_violation(&e) => {
            let taken =
                store::taken(&state.db, valid.kind, &valid.id_number, &email, &phone).await?;
            return Err(taken
                .into_iter()
                .map(already_registered)
                .collect::<Vec<_>>()
                .into());
        }
        Err(e) => return Err(e.into()),
    };
    audit::own(&mut tx, &user_id, "registered", &origin, now).await?;
    let (token, _) = sessions::start(&mut tx, &state, &user_id, &origin, now).await?;
    tx.commit().await?;
    let user = store::by_id(&state.db, &user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    send::code(
        &state,
        &user,
        Purpose::ConfirmPhone,
        Channel::Sms,
        &user.phone,
    )
    .await?;
    send::code(
        &state,
        &user,
        Purpose::ConfirmEmail,
        Channel::Email,
        &user.email,
    )
    .await?;
    let (cookie, info) = sessions::opened(&state, &token, now).await?;
    Ok((StatusCode::CREATED, [(SET_COOKIE, cookie)], Json(info)).into_response())
}

fn purpose_for(channel: Channel) -> Purpose {
    match channel {
        Channel::Sms => Purpose::ConfirmPhone,
        Channel::Email => Purpose::ConfirmEmail,
    }
}

fn already_confirmed(channel: Channel) -> ApiError {
    let field = if channel == Channel::Sms {
        field::PHONE
    } else {
        field::EMAIL
    };
    FieldProblem::new(field, "already_confirmed", "This is already confirmed").into()
}

/// Sends (again) the code that confirms the account's phone or email.
#[utoipa::path(post, path = "/api/account/verification/send", tag = "accounts", operation_id = "send_verification",
    request_body = SendVerificationRequest,
    responses((status = 200, body = CodeSent), (status = 429, body = njia_domain::api::ErrorEnvelope)))]
pub async fn send_verification(
    State(state): State<AppState>,
    session: CurrentSession,
    ApiJson(request): ApiJson<SendVerificationRequest>,
) -> Result<Json<CodeSent>, ApiError> {
    let user = &session.user;
    let (verified, destination) = match request.channel {
        Channel::Sms => (user.phone_verified_at.is_some(), &user.phone),
        Channel::Email => (user.email_verified_at.is_some(), &user.email),
    };
    if verified {
        return Err(already_confirmed(request.channel));
    }
    Ok(Json(
        send::code(
            &state,
            user,
            purpose_for(request.channel),
            request.channel,
            destination,
        )
        .await?,
    ))
}

/// The problem to show at the code field for a code that did not work.
pub fn code_problem(error: CodeError) -> ApiError {
    let problem = match error {
        CodeError::Expired => FieldProblem::new(
            field::CODE,
            "code_expired",
            "This code has expired or was replaced: ask for a new one",
        ),
        CodeError::Wrong { remaining } => FieldProblem::new(
            field::CODE,
            "code_wrong",
            format!("The code is not right: check it and try again ({remaining} tries left)"),
        ),
        CodeError::TooManyWrong => FieldProblem::new(
            field::CODE,
            "code_dead",
            "Too many wrong codes: ask for a new one",
        ),
    };
    problem.into()
}

/// Confirms the phone or email with its code.
#[utoipa::path(post, path = "/api/account/verification/confirm", tag = "accounts", operation_id = "confirm_verification",
    request_body = ConfirmVerificationRequest,
    responses((status = 200, body = SessionInfo), (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn confirm_verification(
    State(state): State<AppState>,
    session: CurrentSession,
    origin: Origin,
    ApiJson(request): ApiJson<ConfirmVerificationRequest>,
) -> Result<Json<SessionInfo>, ApiError> {
    let code = parse_code(&request.code)?;
    let now = state.clock.now_ms();
    let user = &session.user;
    let purpose = purpose_for(request.channel);
    let verified = codes::verify(&state.db, &state.secret, &user.id, purpose, &code, now)
        .await?
        .map_err(code_problem)?;
    let current = if request.channel == Channel::Sms {
        &user.phone
    } else {
        &user.email
    };
    if &verified.destination != current {
        // The contact was corrected after this code was sent.
        return Err(code_problem(CodeError::Expired));
    }
    let mut tx = state.db.begin().await?;
    store::mark_verified(&mut tx, &user.id, request.channel == Channel::Sms, now).await?;
    let action = if request.channel == Channel::Sms {
        "phone_confirmed"
    } else {
        "email_confirmed"
    };
    audit::own(&mut tx, &user.id, action, &origin, now).await?;
    tx.commit().await?;
    let refreshed = sessions::reload(&state, &session).await?;
    Ok(Json(refreshed.info(now)))
}

/// Corrects a mistyped phone or email that is not yet confirmed, and sends a code to the corrected one.
#[utoipa::path(put, path = "/api/account/unconfirmed-contact", tag = "accounts", operation_id = "correct_contact",
    request_body = CorrectContactRequest,
    responses((status = 200, body = CodeSent), (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn correct_contact(
    State(state): State<AppState>,
    session: CurrentSession,
    origin: Origin,
    ApiJson(request): ApiJson<CorrectContactRequest>,
) -> Result<Json<CodeSent>, ApiError> {
    let user = &session.user;
    let now = state.clock.now_ms();
    let (verified, value) = match request.channel {
        Channel::Sms => (
            user.phone_verified_at.is_some(),
            parse_phone(&request.value)?.to_string(),
        ),
        Channel::Email => (
            user.email_verified_at.is_some(),
            parse_email(&request.value)?.to_string(),
        ),
    };
    if verified {
        return Err(already_confirmed(request.channel));
    }
    let is_phone = request.channel == Channel::Sms;
    let unchanged = if is_phone {
        value == user.phone
    } else {
        value.eq_ignore_ascii_case(&user.email)
    };
    if !unchanged {
        let what = if is_phone { "phone" } else { "email" };
        if store::contact_taken(&state.db, is_phone, &value).await? {
            return Err(already_registered(what).into());
        }
        let mut tx = state.db.begin().await?;
        if let Err(e) = store::set_contact(&mut tx, &user.id, is_phone, &value, false, now).await {
            return Err(if store::is_unique_violation(&e) {
                already_registered(what).into()
            } else {
                e.into()
            });
        }
        let action = if is_phone {
            "phone_corrected"
        } else {
            "email_corrected"
        };
        audit::own(&mut tx, &user.id, action, &origin, now).await?;
        tx.commit().await?;
    }
    let user = store::by_id(&state.db, &user.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(
        send::code(
            &state,
            &user,
            purpose_for(request.channel),
            request.channel,
            &value,
        )
        .await?,
    ))
}
