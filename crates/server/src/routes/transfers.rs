//! The buyer's side of a transfer of vehicle ownership: the vehicles offered to the signed-in person, and
//! their answer, given with their password again (checked and throttled like the account page's checks).
//! Declining rejects the seller's application and tells the seller; accepting lets an officer approve it.
//! Anyone but the buyer gets a 404.

use axum::Json;
use axum::extract::{Path, State};
use njia_domain::accounts::FieldProblem;
use njia_domain::api::accounts::Channel;
use njia_domain::api::transfers::{
    TransferDecisionRequest, TransferList, TransferOffer, TransferStatus,
};
use sqlx::Row;

use super::auth::{account_key, refusal};
use crate::accounts::audit::{self, Origin};
use crate::accounts::sessions::SignedIn;
use crate::accounts::store::User;
use crate::accounts::{passwords, throttle};
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::messages::{self, Message};

/// Vehicles offered to the signed-in person as buyer, newest first, with the seller's name only.
#[utoipa::path(get, path = "/api/ntsa/transfers", tag = "ntsa", operation_id = "list_transfers",
    responses((status = 200, body = TransferList), (status = 401, body = njia_domain::api::ErrorEnvelope)))]
pub async fn list_transfers(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<Json<TransferList>, ApiError> {
    Ok(Json(TransferList {
        items: offers(&state, &session.user.id).await?,
    }))
}

async fn offers(state: &AppState, buyer_id: &str) -> Result<Vec<TransferOffer>, ApiError> {
    let rows = sqlx::query(
        "SELECT t.id, t.status, t.created_at, v.plate, v.make, v.model, v.year, \
         u.first_name, u.other_names, u.surname, g.name AS organisation FROM vehicle_transfers t \
         JOIN vehicles v ON v.id = t.vehicle_id JOIN users u ON u.id = t.seller_id \
         JOIN applications a ON a.id = t.application_id \
         LEFT JOIN organisations g ON g.id = a.organisation_id \
         WHERE t.buyer_id = $1 ORDER BY t.created_at DESC, t.id",
    )
    .bind(buyer_id)
    .fetch_all(&state.db.pool)
    .await?;
    let mut items = Vec::new();
    for row in rows {
        let names: [String; 3] = [
            row.try_get("first_name")?,
            row.try_get("other_names")?,
            row.try_get("surname")?,
        ];
        let year: i64 = row.try_get("year")?;
        items.push(TransferOffer {
            id: row.try_get("id")?,
            plate: row.try_get("plate")?,
            make: row.try_get("make")?,
            model: row.try_get("model")?,
            year: u16::try_from(year).unwrap_or_default(),
            // A vehicle sold by an organisation (a dealer's stock) is sold by it, not by its agent.
            seller_name: match row.try_get::<Option<String>, _>("organisation")? {
                Some(organisation) => organisation,
                None => names
                    .iter()
                    .flat_map(|n| n.split_whitespace())
                    .collect::<Vec<_>>()
                    .join(" "),
            },
            status: TransferStatus::parse(&row.try_get::<String, _>("status")?)
                .unwrap_or(TransferStatus::AwaitingBuyer),
            created_at: rfc3339(row.try_get("created_at")?),
        });
    }
    Ok(items)
}

/// The password again; wrong answers count towards the sign-in lock.
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
    Err(FieldProblem::new("password", "wrong", "Your password is not right").into())
}

/// The transfer if the signed-in person is its buyer, with the seller's application and the vehicle.
async fn offered(
    state: &AppState,
    user: &User,
    id: &str,
) -> Result<(String, String, String, String), ApiError> {
    let row = sqlx::query(
        "SELECT t.status, t.application_id, t.seller_id, v.plate FROM vehicle_transfers t \
         JOIN vehicles v ON v.id = t.vehicle_id WHERE t.id = $1 AND t.buyer_id = $2",
    )
    .bind(id)
    .bind(&user.id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    Ok((
        row.try_get("status")?,
        row.try_get("application_id")?,
        row.try_get("seller_id")?,
        row.try_get("plate")?,
    ))
}

async fn answer(
    state: &AppState,
    user: &User,
    origin: &Origin,
    id: &str,
    password: &str,
    accept: bool,
) -> Result<Json<TransferOffer>, ApiError> {
    let (status, application_id, seller_id, plate) = offered(state, user, id).await?;
    if status != TransferStatus::AwaitingBuyer.as_str() {
        return Err(ApiError::Conflict("already_answered"));
    }
    confirm_password(state, user, password, origin).await?;
    let now = state.clock.now_ms();
    let to = if accept {
        TransferStatus::Accepted
    } else {
        TransferStatus::Declined
    };
    let mut tx = state.db.begin().await?;
    let changed = sqlx::query(
        "UPDATE vehicle_transfers SET status = $1, decided_at = $2 WHERE id = $3 AND status = 'awaiting_buyer'",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(ApiError::Conflict("already_answered"));
    }
    let seller = sqlx::query("SELECT phone FROM users WHERE id = $1")
        .bind(&seller_id)
        .fetch_one(&mut *tx)
        .await?;
    let phone: String = seller.try_get("phone")?;
    let buyer = crate::transfers::full_name(&mut tx, &user.id).await?;
    let body = if accept {
        format!(
            "Njia: {buyer} has accepted the transfer of {plate}. NTSA will now review it.\n\
             Njia: {buyer} amekubali uhamisho wa {plate}. NTSA sasa itaushughulikia."
        )
    } else {
        // The seller's application ends here: rejected, with the reason on its timeline.
        let rejected = sqlx::query(
            "UPDATE applications SET status = 'rejected', updated_at = $1 WHERE id = $2 \
             AND status IN ('submitted', 'under_review', 'changes_requested')",
        )
        .bind(now)
        .bind(&application_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if rejected == 1 {
            sqlx::query("INSERT INTO application_events (id, application_id, at, status, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(&application_id)
                .bind(now)
                .bind("rejected")
                .bind(&user.id)
                .bind("The buyer declined. / Mnunuzi amekataa.")
                .execute(&mut *tx)
                .await?;
        }
        format!(
            "Njia: {buyer} has declined the transfer of {plate}. Your application was closed.\n\
             Njia: {buyer} amekataa uhamisho wa {plate}. Maombi yako yamefungwa."
        )
    };
    audit::record(
        &mut tx,
        Some(&user.id),
        Some(&seller_id),
        &format!("vehicle_transfer_{}", to.as_str()),
        origin,
        now,
    )
    .await?;
    let message = Message {
        channel: Channel::Sms,
        to: phone,
        subject: None,
        body,
        purpose: "vehicle_transfer",
    };
    messages::enqueue(&mut tx, &message, now).await?;
    tx.commit().await?;
    state.outbox.notify();
    offers(state, &user.id)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .map(Json)
        .ok_or(ApiError::NotFound)
}

/// The buyer accepts: an officer may now approve the transfer.
#[utoipa::path(post, path = "/api/ntsa/transfers/{id}/accept", tag = "ntsa", operation_id = "accept_transfer",
    params(("id" = String, Path, description = "The transfer's id")), request_body = TransferDecisionRequest,
    responses((status = 200, body = TransferOffer), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 409, body = njia_domain::api::ErrorEnvelope), (status = 422, body = njia_domain::api::ErrorEnvelope),
        (status = 429, body = njia_domain::api::ErrorEnvelope)))]
pub async fn accept_transfer(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<TransferDecisionRequest>,
) -> Result<Json<TransferOffer>, ApiError> {
    answer(&state, &session.user, &origin, &id, &request.password, true).await
}

/// The buyer declines: the seller's application is rejected and the seller told.
#[utoipa::path(post, path = "/api/ntsa/transfers/{id}/decline", tag = "ntsa", operation_id = "decline_transfer",
    params(("id" = String, Path, description = "The transfer's id")), request_body = TransferDecisionRequest,
    responses((status = 200, body = TransferOffer), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 409, body = njia_domain::api::ErrorEnvelope), (status = 422, body = njia_domain::api::ErrorEnvelope),
        (status = 429, body = njia_domain::api::ErrorEnvelope)))]
pub async fn decline_transfer(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<TransferDecisionRequest>,
) -> Result<Json<TransferOffer>, ApiError> {
    answer(
        &state,
        &session.user,
        &origin,
        &id,
        &request.password,
        false,
    )
    .await
}
