//! What NTSA's registers mean for a person's applications: who may apply for what (checked when a draft is
//! started and again when it is sent), and what a paid application changes in the registers, in the
//! payment's own transaction.

use njia_domain::catalog::Service;
use njia_domain::date::Date;
use njia_domain::forms::{Answer, Answers};
use sqlx::{AnyConnection, Row};

use crate::db::Db;
use crate::error::ApiError;

const NTSA: &str = "ntsa";
/// Paying fines is how a person with unpaid fines gets unblocked, so it is never blocked itself.
const FINES: &str = "ntsa-instant-fines";
const BOOKLET_RENEWAL: &str = "ntsa-dl-renewal-booklet";

/// Refuses an NTSA service the registers do not allow: any while the person has unpaid fines
/// (`unpaid_fines`), and a booklet renewal without a booklet licence (`no_booklet_licence`).
pub async fn check_eligibility(db: &Db, user_id: &str, service: &Service) -> Result<(), ApiError> {
    if service.agency != NTSA || service.id == FINES {
        return Ok(());
    }
    let unpaid: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM offences WHERE user_id = $1 AND paid_at IS NULL")
            .bind(user_id)
            .fetch_one(&db.pool)
            .await?;
    if unpaid > 0 {
        return Err(ApiError::Conflict("unpaid_fines"));
    }
    if service.id == BOOKLET_RENEWAL {
        let booklet: Option<String> = sqlx::query_scalar(
            "SELECT id FROM driving_licences WHERE user_id = $1 AND kind = 'booklet' AND suspended_at IS NULL",
        )
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
        if booklet.is_none() {
            return Err(ApiError::Conflict("no_booklet_licence"));
        }
    }
    Ok(())
}

/// Applies a just-paid application to the registers. Returns the note for its timeline when the payment
/// completes it (an immediate service with an effect); `None` leaves it for an officer.
pub async fn on_paid(
    conn: &mut AnyConnection,
    service_id: &str,
    user_id: &str,
    answers: &Answers,
    today: Date,
) -> Result<Option<String>, ApiError> {
    match service_id {
        BOOKLET_RENEWAL => renew_booklet(conn, user_id, answers, today).await,
        _ => Ok(None),
    }
}

/// A booklet renewal runs on from the current expiry, or from today if the licence has already expired.
async fn renew_booklet(
    conn: &mut AnyConnection,
    user_id: &str,
    answers: &Answers,
    today: Date,
) -> Result<Option<String>, ApiError> {
    let years = match answers.get("period") {
        Some(Answer::One(period)) if period == "1" => 1,
        Some(Answer::One(period)) if period == "3" => 3,
        _ => return Ok(None),
    };
    let Some(row) = sqlx::query(
        "SELECT id, number, expires_on FROM driving_licences WHERE user_id = $1 AND kind = 'booklet' \
         ORDER BY expires_on DESC LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let number: String = row.try_get("number")?;
    let expires_on: String = row.try_get("expires_on")?;
    let current = Date::parse_iso(&expires_on)
        .map_err(|_| anyhow::anyhow!("licence {id} has an unreadable expiry date"))?;
    let renewed = current.max(today).add_years(years);
    sqlx::query("UPDATE driving_licences SET expires_on = $1 WHERE id = $2")
        .bind(renewed.to_string())
        .bind(&id)
        .execute(&mut *conn)
        .await?;
    tracing::info!(licence = id, "booklet licence renewed");
    Ok(Some(format!(
        "Driving licence {number} renewed until {renewed}. / Leseni ya udereva {number} imehuishwa hadi {renewed}."
    )))
}
