//! Letting go of unpaid driving test places. Booking a test holds a place until its fee is paid; a hold left
//! unpaid for [`HOLD_MINUTES`] gives the place back to the slot, so people who walk away from the pay page
//! cannot fill a Driving Test Unit's day. The payment worker calls [`release_expired`] on every round.
//!
//! A hold whose invoice has an M-Pesa prompt or a card payment still pending or unconfirmed is kept: the
//! person may have paid, and the payment's answer decides. The invoice's own conditional update
//! (`pending` → `expired`) is what wins against a payment settling at the same moment: whichever commits first
//! changes the invoice, and the other finds it no longer pending (a payment that lands on an expired invoice
//! is recorded as `refund_due`, never lost — see docs/PAYMENTS.md).

use njia_domain::api::test_bookings::HOLD_MINUTES;
use sqlx::Row;

use crate::app::AppState;
use crate::error::ApiError;
use crate::routes::test_bookings::{event, release_place, sms};

/// Lets go of every hold older than [`HOLD_MINUTES`] without a payment in progress; returns how many.
pub async fn release_expired(state: &AppState) -> Result<usize, ApiError> {
    let now = state.clock.now_ms();
    let cutoff = now - HOLD_MINUTES * 60_000;
    let rows = sqlx::query(
        "SELECT b.id, b.application_id, b.slot_id FROM test_bookings b \
         JOIN invoices i ON i.application_id = b.application_id \
         WHERE b.status = 'held' AND b.created_at <= $1 AND i.status = 'pending' \
         AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id \
                         AND p.status IN ('pending', 'unconfirmed')) \
         ORDER BY b.created_at LIMIT 100",
    )
    .bind(cutoff)
    .fetch_all(&state.db.pool)
    .await?;
    let mut released = 0;
    for row in rows {
        let id: String = row.try_get("id")?;
        let application_id: String = row.try_get("application_id")?;
        // One hold that cannot be let go must not keep the others: it is tried again next round.
        match release(state, &id, &application_id, now).await {
            Ok(true) => released += 1,
            Ok(false) => {}
            Err(error) => {
                tracing::warn!(booking = id, %error, "could not let go of a held test place")
            }
        }
    }
    Ok(released)
}

async fn release(
    state: &AppState,
    id: &str,
    application_id: &str,
    now: i64,
) -> Result<bool, ApiError> {
    let mut tx = state.db.begin().await?;
    // The invoice's row is locked first, as a payment starting locks it (`routes::payments`): a payment
    // inserted by a transaction not yet committed would be invisible to a single UPDATE … NOT EXISTS.
    let locked = sqlx::query(
        "UPDATE invoices SET status = status WHERE application_id = $1 AND status = 'pending'",
    )
    .bind(application_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let in_progress: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM payments p JOIN invoices i ON i.id = p.invoice_id \
         WHERE i.application_id = $1 AND p.status IN ('pending', 'unconfirmed') LIMIT 1",
    )
    .bind(application_id)
    .fetch_optional(&mut *tx)
    .await?;
    if locked != 1 || in_progress.is_some() {
        tx.rollback().await?;
        return Ok(false);
    }
    let expired = sqlx::query(
        "UPDATE invoices SET status = 'expired' WHERE application_id = $1 AND status = 'pending'",
    )
    .bind(application_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let let_go = sqlx::query(
        "UPDATE test_bookings SET status = 'cancelled', updated_at = $1 WHERE id = $2 AND status = 'held'",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if expired != 1 || let_go != 1 {
        // Paid, being paid, or changed by the person meanwhile: the hold stays as it is.
        tx.rollback().await?;
        return Ok(false);
    }
    let row = sqlx::query(
        "SELECT b.slot_id, b.class, u.phone, a.reference, a.user_id FROM test_bookings b \
         JOIN users u ON u.id = b.user_id JOIN applications a ON a.id = b.application_id WHERE b.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let slot_id: String = row.try_get("slot_id")?;
    let class: String = row.try_get("class")?;
    let phone: String = row.try_get("phone")?;
    let reference: Option<String> = row.try_get("reference")?;
    let user_id: String = row.try_get("user_id")?;
    let reference = reference.unwrap_or_default();
    release_place(&mut tx, &slot_id).await?;
    event(
        &mut tx,
        application_id,
        &user_id,
        &format!(
            "The class {class} driving test place was let go: not paid within {HOLD_MINUTES} minutes. / \
             Nafasi ya mtihani wa udereva wa daraja {class} imeachiliwa: haikulipiwa ndani ya dakika {HOLD_MINUTES}."
        ),
        now,
    )
    .await?;
    sms(
        &mut tx,
        &phone,
        format!(
            "Njia: the driving test place held under {reference} was not paid within {HOLD_MINUTES} minutes \
             and is no longer held. You can book another time.\n\
             Njia: nafasi ya mtihani wa udereva iliyoshikiliwa kwa {reference} haikulipiwa ndani ya dakika \
             {HOLD_MINUTES}, kwa hivyo imeachiliwa. Unaweza kupanga wakati mwingine."
        ),
        "test_hold_released",
        now,
    )
    .await?;
    tx.commit().await?;
    state.outbox.notify();
    tracing::info!(booking = id, "unpaid driving test place let go");
    Ok(true)
}
