//! Short-lived, single-use tokens that link the steps of sign-in (password → channel → code) and of a
//! password reset (code → new password). Stored as an HMAC; the token itself goes only to the client.

use sqlx::Row;

use super::secret::random_token;
use crate::app::AppState;

pub const SIGN_IN: &str = "sign_in";
pub const RESET: &str = "reset";
pub const SIGN_IN_SECS: i64 = 10 * 60;

fn hash(state: &AppState, kind: &str, token: &str) -> String {
    state.secret.mac(kind, token)
}

pub async fn create(
    state: &AppState,
    kind: &str,
    user_id: &str,
    lifetime_secs: i64,
    now: i64,
) -> sqlx::Result<String> {
    let token = random_token();
    sqlx::query("INSERT INTO auth_tokens (token_hash, kind, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(hash(state, kind, &token))
        .bind(kind)
        .bind(user_id)
        .bind(now)
        .bind(now + lifetime_secs * 1000)
        .execute(&state.db.pool)
        .await?;
    Ok(token)
}

/// The account of a live token, leaving it usable.
pub async fn peek(
    state: &AppState,
    kind: &str,
    token: &str,
    now: i64,
) -> sqlx::Result<Option<String>> {
    let row = sqlx::query(
        "SELECT user_id FROM auth_tokens WHERE token_hash = $1 AND kind = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(hash(state, kind, token))
    .bind(kind)
    .bind(now)
    .fetch_optional(&state.db.pool)
    .await?;
    row.map(|r| r.try_get("user_id")).transpose()
}

/// Uses the token up; false when it was already used (two requests at once: only one wins).
pub async fn consume(
    conn: &mut sqlx::AnyConnection,
    state: &AppState,
    kind: &str,
    token: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query("UPDATE auth_tokens SET used_at = $1 WHERE token_hash = $2 AND kind = $3 AND used_at IS NULL")
        .bind(now)
        .bind(hash(state, kind, token))
        .bind(kind)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}
