//! Idempotent requests (SECURITY.md, Reliability): a state-changing request that a flaky mobile connection
//! may send twice carries an `Idempotency-Key` (a UUID). The key is stored with the person and a hash of the
//! request; a repeat gets the first answer again, a repeat with another body gets 422, and one that arrives
//! while the first is still running gets 409.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::app::AppState;
use crate::error::ApiError;

/// A key left without an answer this long belongs to a request that died with its server: run it again.
const ABANDONED_AFTER_MS: i64 = 60_000;

pub fn key_from(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get(njia_domain::api::applications::IDEMPOTENCY_KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ApiError::BadRequest("send an Idempotency-Key header (a UUID) with this request".into())
        })?;
    uuid::Uuid::parse_str(key)
        .map(|u| u.to_string())
        .map_err(|_| ApiError::BadRequest("the Idempotency-Key must be a UUID".into()))
}

pub fn request_hash(method: &str, path: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(method.as_bytes());
    hasher.update([0]);
    hasher.update(path.as_bytes());
    hasher.update([0]);
    hasher.update(body);
    hex::encode(hasher.finalize())
}

/// Runs `operation` at most once for (`principal`, `key`), answering repeats with the stored response.
pub async fn run<F, Fut>(
    state: &AppState,
    principal: &str,
    key: &str,
    hash: &str,
    operation: F,
) -> Result<Response, ApiError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<(StatusCode, String), ApiError>>,
{
    let now = state.clock.now_ms();
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (principal, idempotency_key, request_hash, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (principal, idempotency_key) DO NOTHING",
    )
    .bind(principal)
    .bind(key)
    .bind(hash)
    .bind(now)
    .execute(&state.db.pool)
    .await?
    .rows_affected()
        == 1;
    if !claimed {
        let row = sqlx::query(
            "SELECT request_hash, status_code, response_body, created_at FROM idempotency_keys \
             WHERE principal = $1 AND idempotency_key = $2",
        )
        .bind(principal)
        .bind(key)
        .fetch_one(&state.db.pool)
        .await?;
        if row.try_get::<String, _>("request_hash")? != hash {
            return Err(ApiError::IdempotencyKeyReused);
        }
        match row.try_get::<Option<i64>, _>("status_code")? {
            Some(status) => {
                let body: String = row
                    .try_get::<Option<String>, _>("response_body")?
                    .unwrap_or_default();
                let status = StatusCode::from_u16(u16::try_from(status).unwrap_or(200))
                    .unwrap_or(StatusCode::OK);
                return Ok(json_response(status, body));
            }
            None if now - row.try_get::<i64, _>("created_at")? < ABANDONED_AFTER_MS => {
                return Err(ApiError::InProgress);
            }
            None => {
                // Abandoned: take it over. The operation itself is safe to run again (it checks state).
                sqlx::query("UPDATE idempotency_keys SET created_at = $1 WHERE principal = $2 AND idempotency_key = $3")
                    .bind(now)
                    .bind(principal)
                    .bind(key)
                    .execute(&state.db.pool)
                    .await?;
            }
        }
    }
    match operation().await {
        Ok((status, body)) => {
            sqlx::query(
                "UPDATE idempotency_keys SET status_code = $1, response_body = $2 WHERE principal = $3 AND idempotency_key = $4",
            )
            .bind(i64::from(status.as_u16()))
            .bind(&body)
            .bind(principal)
            .bind(key)
            .execute(&state.db.pool)
            .await?;
            Ok(json_response(status, body))
        }
        Err(error) => {
            // A refusal is not remembered: the person fixes the problem and sends the same key again.
            sqlx::query(
                "DELETE FROM idempotency_keys WHERE principal = $1 AND idempotency_key = $2",
            )
            .bind(principal)
            .bind(key)
            .execute(&state.db.pool)
            .await?;
            Err(error)
        }
    }
}

fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}
