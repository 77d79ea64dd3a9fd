//! One-time codes (SECURITY.md): 6 digits from the operating system's CSPRNG, stored only as an HMAC,
//! bound to one account and one purpose, single use, at most 10 wrong entries, resent at most once a minute
//! and 10 times an hour per account.

use njia_domain::api::accounts::Channel;
use rand::Rng;
use sqlx::{AnyConnection, Row};

use super::secret::{ServerSecret, same_digest};
use crate::db::Db;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    SignIn,
    ConfirmPhone,
    ConfirmEmail,
    ResetPassword,
    ChangePhone,
    ChangeEmail,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SignIn => "sign_in",
            Purpose::ConfirmPhone => "confirm_phone",
            Purpose::ConfirmEmail => "confirm_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangePhone => "change_phone",
            Purpose::ChangeEmail => "change_email",
        }
    }

    /// 10 minutes by SMS, 24 hours to confirm an email address, 30 minutes to reset a password.
    pub fn lifetime_secs(self, channel: Channel) -> i64 {
        match (self, channel) {
            (Purpose::ResetPassword, _) => 30 * 60,
            (Purpose::ConfirmEmail | Purpose::ChangeEmail, Channel::Email) => 24 * 60 * 60,
            _ => 10 * 60,
        }
    }
}

pub const RESEND_AFTER_SECS: i64 = 60;
pub const MAX_PER_HOUR: i64 = 10;
pub const MAX_WRONG: i64 = 10;

pub fn generate() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

fn digest(secret: &ServerSecret, id: &str, code: &str) -> String {
    secret.mac("one-time-code", &format!("{id}:{code}"))
}

/// Why a code cannot be sent now: wait this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendLimit {
    pub retry_after_secs: i64,
}

/// Whether another code may be sent to this account now.
pub async fn may_send(
    db: &Db,
    user_id: &str,
    purpose: Purpose,
    now: i64,
) -> sqlx::Result<Result<(), SendLimit>> {
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(created_at) FROM one_time_codes WHERE user_id = $1 AND purpose = $2",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .fetch_one(&db.pool)
    .await?;
    if let Some(last) = last {
        let wait = last + RESEND_AFTER_SECS * 1000 - now;
        if wait > 0 {
            return Ok(Err(SendLimit {
                retry_after_secs: (wait + 999) / 1000,
            }));
        }
    }
    let hour_ago = now - 3_600_000;
    let rows = sqlx::query("SELECT created_at FROM one_time_codes WHERE user_id = $1 AND created_at > $2 ORDER BY created_at")
        .bind(user_id)
        .bind(hour_ago)
        .fetch_all(&db.pool)
        .await?;
    if rows.len() as i64 >= MAX_PER_HOUR {
        let oldest: i64 = rows[0].try_get(0)?;
        let wait = oldest + 3_600_000 - now;
        return Ok(Err(SendLimit {
            retry_after_secs: (wait.max(1000) + 999) / 1000,
        }));
    }
    Ok(Ok(()))
}

/// Stores a new code (in the caller's transaction, beside the message that carries it) and returns it.
/// Earlier unused codes for the same purpose stop working: only the newest code is valid.
pub async fn issue(
    conn: &mut AnyConnection,
    secret: &ServerSecret,
    user_id: &str,
    purpose: Purpose,
    channel: Channel,
    destination: &str,
    now: i64,
) -> sqlx::Result<String> {
    sqlx::query("UPDATE one_time_codes SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .bind(purpose.as_str())
        .execute(&mut *conn)
        .await?;
    let id = uuid::Uuid::new_v4().to_string();
    let code = generate();
    sqlx::query(
        "INSERT INTO one_time_codes (id, user_id, purpose, channel, destination, code_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(channel.as_str())
    .bind(destination)
    .bind(digest(secret, &id, &code))
    .bind(now)
    .bind(now + purpose.lifetime_secs(channel) * 1000)
    .execute(conn)
    .await?;
    Ok(code)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCode {
    pub channel: Channel,
    pub destination: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// No live code: never sent, expired, used, or replaced by a newer one.
    Expired,
    /// Wrong; `remaining` more tries before the code dies.
    Wrong { remaining: i64 },
    /// The 10th wrong entry: this code is dead, a new one is needed.
    TooManyWrong,
}

/// Checks `code` against the newest live code for the account and purpose. A wrong entry is counted at
/// once (its own transaction), so that failing does not roll the count back.
pub async fn verify(
    db: &Db,
    secret: &ServerSecret,
    user_id: &str,
    purpose: Purpose,
    code: &str,
    now: i64,
) -> sqlx::Result<Result<VerifiedCode, CodeError>> {
    let row = sqlx::query(
        "SELECT id, channel, destination, code_hash, wrong_attempts FROM one_time_codes \
         WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 \
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(Err(CodeError::Expired));
    };
    let id: String = row.try_get("id")?;
    let wrong: i64 = row.try_get("wrong_attempts")?;
    if wrong >= MAX_WRONG {
        return Ok(Err(CodeError::TooManyWrong));
    }
    if !same_digest(
        &digest(secret, &id, code),
        &row.try_get::<String, _>("code_hash")?,
    ) {
        let wrong = wrong + 1;
        // The 10th wrong entry also uses the code up, so it can never be guessed afterwards.
        let used = (wrong >= MAX_WRONG).then_some(now);
        sqlx::query("UPDATE one_time_codes SET wrong_attempts = $1, used_at = COALESCE(used_at, $2) WHERE id = $3")
            .bind(wrong)
            .bind(used)
            .bind(&id)
            .execute(&db.pool)
            .await?;
        return Ok(Err(if wrong >= MAX_WRONG {
            CodeError::TooManyWrong
        } else {
            CodeError::Wrong {
                remaining: MAX_WRONG - wrong,
            }
        }));
    }
    // Two requests with the right code at once: only one may use it.
    let used =
        sqlx::query("UPDATE one_time_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(&id)
            .execute(&db.pool)
            .await?;
    if used.rows_affected() != 1 {
        return Ok(Err(CodeError::Expired));
    }
    let channel = Channel::parse(&row.try_get::<String, _>("channel")?).unwrap_or(Channel::Sms);
    Ok(Ok(VerifiedCode {
        channel,
        destination: row.try_get("destination")?,
    }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: std::collections::HashSet<String> = (0..50).map(|_| super::generate()).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
        );
        assert!(codes.len() > 45, "50 draws from a million rarely repeat");
    }
}
