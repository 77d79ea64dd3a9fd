//! Maintenance windows: while one of an agency's (or a portal-wide one) is open, the agency's transactions —
//! submitting an application, starting a payment — are refused with `503 maintenance` and the notice. Reading,
//! saving drafts and uploads go on, and so does everything that settles money already paid (Daraja's
//! callbacks, C2B confirmations, the reconciliation worker, Paybill codes): those never call [`check`].

use njia_domain::api::notices::{Notice, format_utc};
use njia_domain::catalog::Localized;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::db::Db;
use crate::error::ApiError;

pub(crate) const NOTICE_COLUMNS: &str =
    "id, agency_id, message_en, message_sw, starts_at, ends_at, maintenance, withdrawn_at";

pub(crate) fn notice_from_row(row: &AnyRow) -> Result<Notice, sqlx::Error> {
    Ok(Notice {
        id: row.try_get("id")?,
        agency_id: row.try_get("agency_id")?,
        message: Localized {
            en: row.try_get("message_en")?,
            sw: row.try_get("message_sw")?,
        },
        starts_at: format_utc(row.try_get("starts_at")?),
        ends_at: format_utc(row.try_get("ends_at")?),
        maintenance: row.try_get::<i64, _>("maintenance")? == 1,
        withdrawn_at: row
            .try_get::<Option<i64>, _>("withdrawn_at")?
            .map(format_utc),
    })
}

/// `Ok` unless a maintenance window of `agency_id`, or of the whole portal, is open at `now`. When windows
/// overlap, the one ending last is given, so that the time the person is told to come back is right.
pub async fn check(db: &Db, agency_id: &str, now: i64) -> Result<(), ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {NOTICE_COLUMNS} FROM notices \
         WHERE maintenance = 1 AND withdrawn_at IS NULL AND starts_at <= $1 AND ends_at > $1 \
           AND (agency_id = $2 OR agency_id IS NULL) \
         ORDER BY ends_at DESC, id LIMIT 1"
    ))
    .bind(now)
    .bind(agency_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(());
    };
    let ends_at: i64 = row.try_get("ends_at")?;
    Err(ApiError::Maintenance {
        notice: Box::new(notice_from_row(&row)?),
        retry_after_secs: (ends_at - now + 999) / 1000,
    })
}
