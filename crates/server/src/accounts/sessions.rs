//! Server-side sessions (SECURITY.md): the cookie holds only a random 128-bit token, the database its HMAC.
//! Idle timeout 30 minutes, absolute 12 hours; signing out ends the session on the server.

use axum::extract::FromRequestParts;
use axum::http::header::{self, HeaderValue};
use axum::http::request::Parts;
use njia_domain::api::accounts::SessionInfo;
use sqlx::{AnyConnection, Row};

use super::audit::Origin;
use super::secret::random_token;
use super::store::{self, User};
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::db::Db;
use crate::error::ApiError;

pub const IDLE_SECS: i64 = 30 * 60;
pub const ABSOLUTE_SECS: i64 = 12 * 60 * 60;
pub const WARN_BEFORE_SECS: u32 = 120;
/// `last_seen_at` is written at most this often, so that reading pages does not write on every request.
const TOUCH_EVERY_MS: i64 = 30_000;

/// `__Host-` binds the cookie to this exact origin and requires `Secure`, which browsers only honour over
/// HTTPS: on plain-HTTP development and test servers the cookie goes without the prefix.
pub fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-njia_session"
    } else {
        "njia_session"
    }
}

pub fn set_cookie(https: bool, token: &str) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    let value = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax{secure}",
        cookie_name(https)
    );
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(""))
}

pub fn clear_cookie(https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    let value = format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
        cookie_name(https)
    );
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(""))
}

fn token_hash(state: &AppState, token: &str) -> String {
    state.secret.mac("session", token)
}

/// Starts a session (a new token at every sign-in) and returns the token for the cookie and the session id.
pub async fn start(
    conn: &mut AnyConnection,
    state: &AppState,
    user_id: &str,
    origin: &Origin,
    now: i64,
) -> sqlx::Result<(String, String)> {
    let token = random_token();
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, ip_address, device) \
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(token_hash(state, &token))
    .bind(user_id)
    .bind(now)
    .bind(now + ABSOLUTE_SECS * 1000)
    .bind(origin.ip.as_deref())
    .bind(&origin.device)
    .execute(conn)
    .await?;
    Ok((token, id))
}

/// Marks the session as active now (the person chose to stay signed in).
pub async fn touch(db: &Db, session_id: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND ended_at IS NULL")
        .bind(now)
        .bind(session_id)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// Once the transaction that started a session has committed: the cookie to set and what to tell the client.
pub async fn opened(
    state: &AppState,
    token: &str,
    now: i64,
) -> Result<(HeaderValue, SessionInfo), ApiError> {
    let session = load_by_token(state, token)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    Ok((
        set_cookie(state.config.is_https(), token),
        session.info(now),
    ))
}

pub async fn end(db: &Db, session_id: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL")
        .bind(now)
        .bind(session_id)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// Ends every session of the person except `keep` (after a password reset or on request).
pub async fn end_others(
    conn: &mut AnyConnection,
    user_id: &str,
    keep: Option<&str>,
    now: i64,
) -> sqlx::Result<u64> {
    let result = sqlx::query(
        "UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL AND id <> $3",
    )
    .bind(now)
    .bind(user_id)
    .bind(keep.unwrap_or(""))
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// The session of the request, whatever the state of the account (registration confirms contacts with it).
#[derive(Debug, Clone)]
pub struct CurrentSession {
    pub id: String,
    pub user: User,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
}

impl CurrentSession {
    pub fn info(&self, now: i64) -> SessionInfo {
        let idle_expires_at = (self.last_seen_at + IDLE_SECS * 1000).min(self.expires_at);
        SessionInfo {
            account: self.user.to_account(),
            idle_expires_at: rfc3339(idle_expires_at),
            absolute_expires_at: rfc3339(self.expires_at),
            warn_before_seconds: WARN_BEFORE_SECS,
            idle_remaining_seconds: u64::try_from((idle_expires_at - now) / 1000).unwrap_or(0),
        }
    }
}

fn token_from(parts: &Parts, https: bool) -> Option<String> {
    let name = cookie_name(https);
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|token| token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Loads and refreshes the session named by the cookie; ends it when it has been idle or lived too long.
pub async fn load(state: &AppState, parts: &Parts) -> Result<Option<CurrentSession>, ApiError> {
    match token_from(parts, state.config.is_https()) {
        Some(token) => load_by_token(state, &token).await,
        None => Ok(None),
    }
}

/// The same session with its account read again (after a change to the account).
pub async fn reload(
    state: &AppState,
    session: &CurrentSession,
) -> Result<CurrentSession, ApiError> {
    let user = store::by_id(&state.db, &session.user.id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    Ok(CurrentSession {
        user,
        ..session.clone()
    })
}

pub async fn load_by_token(
    state: &AppState,
    token: &str,
) -> Result<Option<CurrentSession>, ApiError> {
    let now = state.clock.now_ms();
    let row = sqlx::query(
        "SELECT id, user_id, created_at, last_seen_at, expires_at, ended_at FROM sessions WHERE token_hash = $1",
    )
    .bind(token_hash(state, token))
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: String = row.try_get("id")?;
    let ended_at: Option<i64> = row.try_get("ended_at")?;
    let last_seen_at: i64 = row.try_get("last_seen_at")?;
    let expires_at: i64 = row.try_get("expires_at")?;
    if ended_at.is_some() {
        return Err(ApiError::SessionExpired);
    }
    if now >= expires_at || now >= last_seen_at + IDLE_SECS * 1000 {
        end(&state.db, &id, now).await?;
        return Err(ApiError::SessionExpired);
    }
    let user_id: String = row.try_get("user_id")?;
    let Some(user) = store::by_id(&state.db, &user_id).await? else {
        return Ok(None);
    };
    let mut last_seen = last_seen_at;
    if now - last_seen_at >= TOUCH_EVERY_MS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
            .bind(now)
            .bind(&id)
            .execute(&state.db.pool)
            .await?;
        last_seen = now;
    }
    Ok(Some(CurrentSession {
        id,
        user,
        created_at: row.try_get("created_at")?,
        last_seen_at: last_seen,
        expires_at,
    }))
}

impl FromRequestParts<AppState> for CurrentSession {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        load(state, parts).await?.ok_or(ApiError::Unauthenticated)
    }
}

/// For endpoints that work signed in or not (sign-out): an ended or missing session is simply none.
impl axum::extract::OptionalFromRequestParts<AppState> for CurrentSession {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        match load(state, parts).await {
            Err(ApiError::SessionExpired) => Ok(None),
            other => other,
        }
    }
}

/// A signed-in person whose phone and email are both confirmed: what every ordinary endpoint requires.
#[derive(Debug, Clone)]
pub struct SignedIn(pub CurrentSession);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session = CurrentSession::from_request_parts(parts, state).await?;
        if !session.user.is_usable() {
            return Err(ApiError::Forbidden("confirm_contacts"));
        }
        Ok(SignedIn(session))
    }
}

/// Where the request came from, for the audit trail and the sessions list.
impl FromRequestParts<AppState> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip().to_string());
        let agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok());
        Ok(Origin {
            ip,
            device: super::device::describe(agent),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_follow_the_security_baseline() {
        let https = set_cookie(true, "0123456789abcdef0123456789abcdef");
        let https = https.to_str().expect("ascii");
        assert!(https.starts_with("__Host-njia_session=0123"), "{https}");
        for part in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"] {
            assert!(https.contains(part), "{part} in {https}");
        }
        assert!(
            !https.contains("Domain="),
            "__Host- cookies must not name a domain"
        );
        let http = set_cookie(false, "0123456789abcdef0123456789abcdef");
        assert!(!http.to_str().expect("ascii").contains("Secure"));
        assert!(
            clear_cookie(true)
                .to_str()
                .expect("ascii")
                .contains("Max-Age=0")
        );
    }
}
