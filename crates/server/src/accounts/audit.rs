//! The append-only audit trail (the database refuses updates and deletes): sign-ins, failures, changes to
//! account data and, later, every officer decision. Written in the same transaction as the change it
//! records. Never holds secrets or full ID numbers.

use sqlx::{AnyConnection, Row};

use crate::db::Db;

/// Who acted and from where, taken from the request.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub ip: Option<String>,
    pub device: String,
}

pub async fn record(
    conn: &mut AnyConnection,
    actor: Option<&str>,
    subject: Option<&str>,
    action: &str,
    origin: &Origin,
    now: i64,
) -> sqlx::Result<()> {
    record_detailed(conn, actor, subject, action, None, origin, now).await
}

/// A record that also names what it was about beyond the two people, e.g. which organisation a membership
/// change was in (`organisation=…`). Never a secret or a full ID number.
pub async fn record_detailed(
    conn: &mut AnyConnection,
    actor: Option<&str>,
    subject: Option<&str>,
    action: &str,
    detail: Option<&str>,
    origin: &Origin,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, subject_id, action, detail, ip_address, device) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(now)
    .bind(actor)
    .bind(subject)
    .bind(action)
    .bind(detail)
    .bind(origin.ip.as_deref())
    .bind(&origin.device)
    .execute(conn)
    .await
    .map(|_| ())
}

/// A person's own action on their own account (the usual case).
pub async fn own(
    conn: &mut AnyConnection,
    user_id: &str,
    action: &str,
    origin: &Origin,
    now: i64,
) -> sqlx::Result<()> {
    record(conn, Some(user_id), Some(user_id), action, origin, now).await
}

/// A record outside any other change (e.g. a failed sign-in, which changes nothing else).
pub async fn record_alone(
    db: &Db,
    actor: Option<&str>,
    subject: Option<&str>,
    action: &str,
    origin: &Origin,
    now: i64,
) -> sqlx::Result<()> {
    let mut conn = db.pool.acquire().await?;
    record(&mut conn, actor, subject, action, origin, now).await
}

pub struct ActivityRow {
    pub id: String,
    pub at: i64,
    pub action: String,
    pub ip: Option<String>,
    pub device: Option<String>,
    pub place: Option<String>,
}

/// A person's activity, newest first, `limit` rows before the cursor `(at, id)`.
pub async fn activity(
    db: &Db,
    subject: &str,
    before: Option<(i64, String)>,
    limit: i64,
) -> sqlx::Result<Vec<ActivityRow>> {
    let (at, id) = before.unwrap_or((i64::MAX, String::new()));
    let rows = sqlx::query(
        "SELECT id, at, action, ip_address, device, place FROM audit_log WHERE subject_id = $1 \
         AND (at < $2 OR (at = $2 AND id < $3)) ORDER BY at DESC, id DESC LIMIT $4",
    )
    .bind(subject)
    .bind(at)
    .bind(if id.is_empty() {
        "\u{10FFFF}".to_string()
    } else {
        id
    })
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ActivityRow {
                id: row.try_get("id")?,
                at: row.try_get("at")?,
                action: row.try_get("action")?,
                ip: row.try_get("ip_address")?,
                device: row.try_get("device")?,
                place: row.try_get("place")?,
            })
        })
        .collect()
}
