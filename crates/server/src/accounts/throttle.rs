//! Throttling of failed sign-ins (SECURITY.md): growing delays after 3 consecutive failures, a 10-minute lock
//! after 10, at most 100 failures an hour per key, and a ceiling per IP address. A key is the account when
//! it exists and the identifier typed otherwise, so an unknown account behaves exactly like a real one.

use sqlx::Row;

use crate::db::Db;

pub const LOCK_AFTER: i64 = 10;
pub const LOCK_SECS: i64 = 10 * 60;
pub const MAX_PER_HOUR: i64 = 100;
/// Consecutive failures allowed before delays start.
pub const FREE_FAILURES: i64 = 3;
pub const MAX_DELAY_SECS: i64 = 60;
pub const IP_WINDOW_SECS: i64 = 15 * 60;
pub const IP_MAX_FAILURES: i64 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too soon after the last failure; the delay grows with each one.
    TooSoon { retry_after_secs: i64 },
    /// 10 failures in a row, or 100 in an hour.
    Locked { retry_after_secs: i64 },
}

fn seconds_until(at_ms: i64, now: i64) -> i64 {
    ((at_ms - now).max(1000) + 999) / 1000
}

/// Delay after `n` consecutive failures: none for the first 3, then 1, 2, 4 … seconds, at most a minute.
pub fn delay_secs(consecutive: i64) -> i64 {
    if consecutive < FREE_FAILURES {
        0
    } else {
        (1i64 << (consecutive - FREE_FAILURES).min(6)).min(MAX_DELAY_SECS)
    }
}

/// Whether an attempt for `key` from `ip` may be checked now.
pub async fn check(
    db: &Db,
    key: &str,
    ip: Option<&str>,
    now: i64,
) -> sqlx::Result<Result<(), Refusal>> {
    if let Some(ip) = ip {
        let recent: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sign_in_failures_by_ip WHERE ip_address = $1 AND at > $2",
        )
        .bind(ip)
        .bind(now - IP_WINDOW_SECS * 1000)
        .fetch_one(&db.pool)
        .await?;
        if recent >= IP_MAX_FAILURES {
            return Ok(Err(Refusal::TooSoon {
                retry_after_secs: IP_WINDOW_SECS / 3,
            }));
        }
    }
    let row = sqlx::query("SELECT consecutive_failures, last_failure_at, locked_until FROM sign_in_throttle WHERE key_hash = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else { return Ok(Ok(())) };
    let locked_until: Option<i64> = row.try_get("locked_until")?;
    if let Some(until) = locked_until.filter(|until| *until > now) {
        return Ok(Err(Refusal::Locked {
            retry_after_secs: seconds_until(until, now),
        }));
    }
    let consecutive: i64 = row.try_get("consecutive_failures")?;
    let allowed_at = row.try_get::<i64, _>("last_failure_at")? + delay_secs(consecutive) * 1000;
    if allowed_at > now {
        return Ok(Err(Refusal::TooSoon {
            retry_after_secs: seconds_until(allowed_at, now),
        }));
    }
    Ok(Ok(()))
}

/// Counts a failure; returns the refusal the next attempt will meet, if any (so the answer to a 10th wrong
/// password already says the account is locked).
pub async fn record_failure(
    db: &Db,
    key: &str,
    ip: Option<&str>,
    now: i64,
) -> sqlx::Result<Option<Refusal>> {
    let mut tx = db.begin().await?;
    if let Some(ip) = ip {
        sqlx::query("INSERT INTO sign_in_failures_by_ip (id, ip_address, at) VALUES ($1, $2, $3)")
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(ip)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    let row = sqlx::query(
        "SELECT consecutive_failures, locked_until, hour_started_at, failures_this_hour FROM sign_in_throttle \
         WHERE key_hash = $1",
    )
    .bind(key)
    .fetch_optional(&mut *tx)
    .await?;
    let (mut consecutive, locked_until, mut hour_started, mut this_hour) = match &row {
        Some(row) => (
            row.try_get::<i64, _>(0)?,
            row.try_get::<Option<i64>, _>(1)?,
            row.try_get::<i64, _>(2)?,
            row.try_get::<i64, _>(3)?,
        ),
        None => (0, None, now, 0),
    };
    // A lock that has run out starts the count again.
    if locked_until.is_some_and(|until| until <= now) {
        consecutive = 0;
    }
    if now - hour_started >= 3_600_000 {
        hour_started = now;
        this_hour = 0;
    }
    consecutive += 1;
    this_hour += 1;
    let mut new_lock = locked_until.filter(|until| *until > now);
    if consecutive >= LOCK_AFTER {
        new_lock = Some(now + LOCK_SECS * 1000);
    }
    if this_hour >= MAX_PER_HOUR {
        new_lock = Some(new_lock.unwrap_or(0).max(hour_started + 3_600_000));
    }
    sqlx::query(
        "INSERT INTO sign_in_throttle (key_hash, consecutive_failures, last_failure_at, locked_until, hour_started_at, \
         failures_this_hour) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (key_hash) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, \
         last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until, \
         hour_started_at = excluded.hour_started_at, failures_this_hour = excluded.failures_this_hour",
    )
    .bind(key)
    .bind(consecutive)
    .bind(now)
    .bind(new_lock)
    .bind(hour_started)
    .bind(this_hour)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(match new_lock {
        Some(until) => Some(Refusal::Locked {
            retry_after_secs: seconds_until(until, now),
        }),
        None if delay_secs(consecutive) > 0 => Some(Refusal::TooSoon {
            retry_after_secs: delay_secs(consecutive),
        }),
        None => None,
    })
}

/// A success clears the consecutive count (the hourly count stays, so 100 an hour holds).
pub async fn record_success(db: &Db, key: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE sign_in_throttle SET consecutive_failures = 0, locked_until = NULL WHERE key_hash = $1")
        .bind(key)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::delay_secs;

    #[test]
    fn delays_grow_after_three_failures_and_stop_at_a_minute() {
        let delays: Vec<i64> = (0..12).map(delay_secs).collect();
        assert_eq!(delays, vec![0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
