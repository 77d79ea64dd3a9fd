//! The account page: details, password, phone and email, signed-in devices and account activity.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use njia_domain::accounts::{
    FieldProblem, check_new_password, field, parse_code, parse_email, parse_phone,
};
use njia_domain::api::accounts::{
    Account, ActivityEntry, ActivityPage, ChangeContactRequest, ChangePasswordRequest, Channel,
    CodeSent, ConfirmContactChangeRequest, SessionList, SessionSummary,
};
use njia_domain::password::{CommonPasswords, PersonalInfo};
use serde::Deserialize;
use sqlx::Row;

use super::accounts::code_problem;
use super::auth::{account_key, refusal};
use crate::accounts::audit::{self, Origin};
use crate::accounts::codes::{self, Purpose};
use crate::accounts::sessions::{self, SignedIn};
use crate::accounts::store::{self, User};
use crate::accounts::{passwords, send, throttle};
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::extract::ApiJson;

#[utoipa::path(get, path = "/api/account", tag = "account", operation_id = "get_account",
    responses((status = 200, body = Account), (status = 401, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_account(SignedIn(session): SignedIn) -> Json<Account> {
    Json(session.user.to_account())
}

/// Re-entering the password before a sensitive change (SECURITY.md); wrong answers count towards the lock.
async fn confirm_password(
    state: &AppState,
    user: &User,
    password: &str,
    origin: &Origin,
) -> Result<(), ApiError> {
    let now = state.clock.now_ms();
    let key = account_key(state, &user.id);
    throttle::check(&state.db, &key, origin.ip.as_deref(), now)
        .await?
        .map_err(refusal)?;
    if passwords::verify(password.to_string(), Some(user.password_hash.clone())).await {
        return Ok(());
    }
    let next = throttle::record_failure(&state.db, &key, origin.ip.as_deref(), now).await?;
    audit::record_alone(
        &state.db,
        Some(&user.id),
        Some(&user.id),
        "password_check_failed",
        origin,
        now,
    )
    .await?;
    if let Some(r @ throttle::Refusal::Locked { .. }) = next {
        return Err(refusal(r));
    }
    Err(FieldProblem::new("current_password", "wrong", "Your password is not right").into())
}

fn personal<'a>(user: &'a User, names: &'a [&'a str]) -> PersonalInfo<'a> {
    PersonalInfo {
        names,
        id_number: Some(&user.id_number),
        email: Some(&user.email),
        phone: Some(&user.phone),
    }
}

/// Changes the password; other devices are signed out and the person is told on both channels.
#[utoipa::path(post, path = "/api/account/password", tag = "account", operation_id = "change_password",
    request_body = ChangePasswordRequest,
    responses((status = 204, description = "Changed"), (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    ApiJson(request): ApiJson<ChangePasswordRequest>,
) -> Result<StatusCode, ApiError> {
    let user = &session.user;
    confirm_password(&state, user, &request.current_password, &origin).await?;
    let names: Vec<&str> = [&user.first_name, &user.other_names, &user.surname]
        .into_iter()
        .flat_map(|n| n.split_whitespace())
        .collect();
    let problems = check_new_password(
        &request.password,
        &request.password_confirmation,
        &personal(user, &names),
        CommonPasswords::bundled(),
    );
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let hash = passwords::hash(request.password).await?;
    let now = state.clock.now_ms();
    let mut tx = state.db.begin().await?;
    store::set_password_hash(&mut tx, &user.id, &hash, now).await?;
    sessions::end_others(&mut tx, &user.id, Some(&session.id), now).await?;
    audit::own(&mut tx, &user.id, "password_changed", &origin, now).await?;
    send::notices(
        &mut tx,
        "password_changed",
        &[(Channel::Sms, &user.phone), (Channel::Email, &user.email)],
        now,
    )
    .await?;
    tx.commit().await?;
    state.outbox.notify();
    Ok(StatusCode::NO_CONTENT)
}

fn change_purpose(channel: Channel) -> Purpose {
    match channel {
        Channel::Sms => Purpose::ChangePhone,
        Channel::Email => Purpose::ChangeEmail,
    }
}

/// Starts a change of phone or email: password first, then a code to the new one.
#[utoipa::path(post, path = "/api/account/contact", tag = "account", operation_id = "change_contact",
    request_body = ChangeContactRequest,
    responses((status = 200, body = CodeSent), (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn change_contact(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    ApiJson(request): ApiJson<ChangeContactRequest>,
) -> Result<Json<CodeSent>, ApiError> {
    let user = &session.user;
    let is_phone = request.channel == Channel::Sms;
    let value = if is_phone {
        parse_phone(&request.value)?.to_string()
    } else {
        parse_email(&request.value)?.to_string()
    };
    confirm_password(&state, user, &request.password, &origin).await?;
    let current = if is_phone { &user.phone } else { &user.email };
    let field = if is_phone { field::PHONE } else { field::EMAIL };
    if value.eq_ignore_ascii_case(current) {
        return Err(FieldProblem::new(
            field,
            "unchanged",
            "This is already your contact: enter a different one",
        )
        .into());
    }
    if store::contact_taken(&state.db, is_phone, &value).await? {
        return Err(FieldProblem::new(
            field,
            "already_registered",
            "Another account already uses this: enter a different one",
        )
        .into());
    }
    Ok(Json(
        send::code(
            &state,
            user,
            change_purpose(request.channel),
            request.channel,
            &value,
        )
        .await?,
    ))
}

/// Completes the change with the code from the new phone or email; the old one is told.
#[utoipa::path(post, path = "/api/account/contact/confirm", tag = "account", operation_id = "confirm_contact_change",
    request_body = ConfirmContactChangeRequest,
    responses((status = 200, body = Account), (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn confirm_contact_change(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    ApiJson(request): ApiJson<ConfirmContactChangeRequest>,
) -> Result<Json<Account>, ApiError> {
    let code = parse_code(&request.code)?;
    let user = &session.user;
    let now = state.clock.now_ms();
    let purpose = change_purpose(request.channel);
    let verified = codes::verify(&state.db, &state.secret, &user.id, purpose, &code, now)
        .await?
        .map_err(code_problem)?;
    let is_phone = request.channel == Channel::Sms;
    let old = if is_phone {
        user.phone.clone()
    } else {
        user.email.clone()
    };
    let mut tx = state.db.begin().await?;
    if let Err(e) = store::set_contact(
        &mut tx,
        &user.id,
        is_phone,
        &verified.destination,
        true,
        now,
    )
    .await
    {
        return Err(if store::is_unique_violation(&e) {
            FieldProblem::new(
                if is_phone { field::PHONE } else { field::EMAIL },
                "already_registered",
                "Another account now uses this",
            )
            .into()
        } else {
            e.into()
        });
    }
    let action = if is_phone {
        "phone_changed"
    } else {
        "email_changed"
    };
    audit::own(&mut tx, &user.id, action, &origin, now).await?;
    send::notices(&mut tx, action, &[(request.channel, &old)], now).await?;
    tx.commit().await?;
    state.outbox.notify();
    let user = store::by_id(&state.db, &user.id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    Ok(Json(user.to_account()))
}

/// The person's signed-in devices, this one first.
#[utoipa::path(get, path = "/api/account/sessions", tag = "account", operation_id = "list_sessions",
    responses((status = 200, body = SessionList)))]
pub async fn list_sessions(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<Json<SessionList>, ApiError> {
    let now = state.clock.now_ms();
    let rows = sqlx::query(
        "SELECT id, device, ip_address, created_at, last_seen_at FROM sessions WHERE user_id = $1 AND ended_at IS NULL \
         AND expires_at > $2 AND last_seen_at > $3 ORDER BY last_seen_at DESC",
    )
    .bind(&session.user.id)
    .bind(now)
    .bind(now - sessions::IDLE_SECS * 1000)
    .fetch_all(&state.db.pool)
    .await?;
    let mut items = rows
        .iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            Ok(SessionSummary {
                current: id == session.id,
                id,
                device: row.try_get("device")?,
                ip_address: row.try_get("ip_address")?,
                signed_in_at: rfc3339(row.try_get("created_at")?),
                last_seen_at: rfc3339(row.try_get("last_seen_at")?),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    items.sort_by_key(|s| !s.current);
    Ok(Json(SessionList { items }))
}

/// Signs out every other device.
#[utoipa::path(post, path = "/api/account/sessions/sign-out-others", tag = "account", operation_id = "sign_out_other_sessions",
    responses((status = 204, description = "Other sessions ended")))]
pub async fn sign_out_others(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now_ms();
    let mut tx = state.db.begin().await?;
    sessions::end_others(&mut tx, &session.user.id, Some(&session.id), now).await?;
    audit::own(
        &mut tx,
        &session.user.id,
        "signed_out_other_devices",
        &origin,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PageQuery {
    /// From the previous page's `next_cursor`.
    pub cursor: Option<String>,
    /// 1 to 100; 20 when absent.
    pub limit: Option<i64>,
}

/// Sign-ins, failed attempts and changes, newest first.
#[utoipa::path(get, path = "/api/account/activity", tag = "account", operation_id = "list_activity",
    params(PageQuery), responses((status = 200, body = ActivityPage)))]
pub async fn list_activity(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Query(query): Query<PageQuery>,
) -> Result<Json<ActivityPage>, ApiError> {
    let limit = super::page_limit(query.limit);
    let before = super::page_cursor(query.cursor.as_deref())?;
    let rows = audit::activity(&state.db, &session.user.id, before, limit + 1).await?;
    let more = rows.len() as i64 > limit;
    let items: Vec<ActivityEntry> = rows
        .iter()
        .take(limit as usize)
        .map(|r| ActivityEntry {
            id: r.id.clone(),
            action: r.action.clone(),
            at: rfc3339(r.at),
            device: r.device.clone(),
            ip_address: r.ip.clone(),
            place: r.place.clone(),
        })
        .collect();
    let next_cursor = if more {
        rows.get(limit as usize - 1)
            .map(|r| super::next_page_cursor(r.at, &r.id))
    } else {
        None
    };
    Ok(Json(ActivityPage { items, next_cursor }))
}
