//! The `outbox` table: writing a message, reading it back, and the worker's claims and outcomes. Every
//! statement is one SQL text for both engines.

use std::fmt;

use njia_domain::api::accounts::Channel;
use sqlx::{AnyConnection, AnyPool, FromRow};

use super::mask::mask_destination;
use super::sender::QueuedMessage;

/// A message to send. `purpose` is a short code such as `sign_in_code`, logged instead of the body.
#[derive(Clone, PartialEq, Eq)]
pub struct Message {
    pub channel: Channel,
    /// E.164 phone number for SMS, email address for email.
    pub to: String,
    /// Email only; SMS ignores it.
    pub subject: Option<String>,
    pub body: String,
    pub purpose: &'static str,
}

// The body holds one-time codes: never let a `{:?}` print it.
impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Message")
            .field("channel", &self.channel)
            .field("to", &mask_destination(&self.to))
            .field("purpose", &self.purpose)
            .finish_non_exhaustive()
    }
}

/// Writes `message` to the outbox on the caller's connection, normally `&mut *tx` of the transaction that
/// makes the change the message tells of: it commits or rolls back with that change. Returns the message id.
/// Call [`Outbox::notify`](super::Outbox::notify) after the commit.
pub async fn enqueue(
    conn: &mut AnyConnection,
    message: &Message,
    now_ms: i64,
) -> sqlx::Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO outbox (id, channel, destination, subject, body, purpose, created_at, attempts, \
         next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)",
    )
    .bind(&id)
    .bind(message.channel.as_str())
    .bind(&message.to)
    .bind(message.subject.as_deref())
    .bind(&message.body)
    .bind(message.purpose)
    .bind(now_ms)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// A row of the outbox with its delivery state. Times are milliseconds since the Unix epoch.
#[derive(Clone, PartialEq, Eq)]
pub struct StoredMessage {
    pub id: String,
    pub channel: Channel,
    pub to: String,
    pub subject: Option<String>,
    pub body: String,
    pub purpose: String,
    pub created_at: i64,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
    pub failed_at: Option<i64>,
}

impl fmt::Debug for StoredMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredMessage")
            .field("id", &self.id)
            .field("channel", &self.channel)
            .field("to", &mask_destination(&self.to))
            .field("purpose", &self.purpose)
            .field("attempts", &self.attempts)
            .field("sent_at", &self.sent_at)
            .field("last_error", &self.last_error)
            .field("failed_at", &self.failed_at)
            .finish_non_exhaustive()
    }
}

const COLUMNS: &str = "id, channel, destination, subject, body, purpose, created_at, attempts, \
                       next_attempt_at, sent_at, last_error, failed_at";

#[derive(FromRow)]
struct Row {
    id: String,
    channel: String,
    destination: String,
    subject: Option<String>,
    body: String,
    purpose: String,
    created_at: i64,
    attempts: i64,
    next_attempt_at: i64,
    sent_at: Option<i64>,
    last_error: Option<String>,
    failed_at: Option<i64>,
}

impl TryFrom<Row> for StoredMessage {
    type Error = sqlx::Error;

    fn try_from(row: Row) -> Result<StoredMessage, sqlx::Error> {
        let channel = Channel::parse(&row.channel).ok_or_else(|| sqlx::Error::ColumnDecode {
            index: "channel".into(),
            source: format!("unknown channel {:?}", row.channel).into(),
        })?;
        Ok(StoredMessage {
            id: row.id,
            channel,
            to: row.destination,
            subject: row.subject,
            body: row.body,
            purpose: row.purpose,
            created_at: row.created_at,
            attempts: row.attempts,
            next_attempt_at: row.next_attempt_at,
            sent_at: row.sent_at,
            last_error: row.last_error,
            failed_at: row.failed_at,
        })
    }
}

impl From<StoredMessage> for QueuedMessage {
    fn from(m: StoredMessage) -> QueuedMessage {
        QueuedMessage {
            id: m.id,
            channel: m.channel,
            to: m.to,
            subject: m.subject,
            body: m.body,
            purpose: m.purpose,
            attempts: m.attempts,
        }
    }
}

pub async fn find(pool: &AnyPool, id: &str) -> sqlx::Result<Option<StoredMessage>> {
    sqlx::query_as::<_, Row>(&format!("SELECT {COLUMNS} FROM outbox WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .map(StoredMessage::try_from)
        .transpose()
}

/// The newest `limit` messages, newest first.
pub async fn recent(pool: &AnyPool, limit: i64) -> sqlx::Result<Vec<StoredMessage>> {
    sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS} FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(StoredMessage::try_from)
    .collect()
}

/// Pending messages that are due and held by no worker, the longest-waiting first.
pub(crate) async fn due(
    pool: &AnyPool,
    now_ms: i64,
    limit: i64,
) -> sqlx::Result<Vec<StoredMessage>> {
    sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
         AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY next_attempt_at LIMIT $3"
    ))
    .bind(now_ms)
    .bind(now_ms)
    .bind(limit)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(StoredMessage::try_from)
    .collect()
}

/// Takes the row for one worker until `until_ms`. The condition is checked again by the `UPDATE` itself, so of
/// two workers that both saw the row as due, exactly one changes it (PostgreSQL re-checks a row another
/// transaction just updated; SQLite runs one writer at a time); the other sees no row affected and skips it.
pub(crate) async fn claim(
    pool: &AnyPool,
    id: &str,
    now_ms: i64,
    until_ms: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE outbox SET claimed_until = $1 WHERE id = $2 AND sent_at IS NULL AND failed_at IS NULL \
         AND next_attempt_at <= $3 AND (claimed_until IS NULL OR claimed_until < $4)",
    )
    .bind(until_ms)
    .bind(id)
    .bind(now_ms)
    .bind(now_ms)
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Recorded whoever holds the claim now: the message did go out.
pub(crate) async fn mark_sent(pool: &AnyPool, id: &str, now_ms: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, claimed_until = NULL \
         WHERE id = $2 AND sent_at IS NULL",
    )
    .bind(now_ms)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ())
}

/// A failed try. With `next_attempt_at` it is retried then; without, it is given up (`failed_at`). Only the
/// holder of the claim (`claimed_until` is its token) records it, so a worker whose claim ran out cannot undo
/// another's. Returns whether the row was updated.
pub(crate) async fn mark_failed_try(
    pool: &AnyPool,
    id: &str,
    claim_token: i64,
    now_ms: i64,
    error: &str,
    next_attempt_at: Option<i64>,
) -> sqlx::Result<bool> {
    let result =
        match next_attempt_at {
            Some(next) => sqlx::query(
                "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, \
                 claimed_until = NULL WHERE id = $3 AND claimed_until = $4 AND sent_at IS NULL",
            )
            .bind(error)
            .bind(next)
            .bind(id)
            .bind(claim_token)
            .execute(pool)
            .await?,
            None => {
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $1, failed_at = $2, \
                 claimed_until = NULL WHERE id = $3 AND claimed_until = $4 AND sent_at IS NULL",
                )
                .bind(error)
                .bind(now_ms)
                .bind(id)
                .bind(claim_token)
                .execute(pool)
                .await?
            }
        };
    Ok(result.rows_affected() == 1)
}
