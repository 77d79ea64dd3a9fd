//! The driving record and its share code. A signed-in driver reads their own offences and points of the last
//! 3 years and makes a share code (8 characters, single use, valid 21 days; only its HMAC is stored). An
//! employer, not signed in, gives the code with the last 8 characters of the licence number and sees the
//! licence's status, classes, expiry and points — never a name, an ID number or the licence number. Every
//! failed check is the same `404 share_code_not_valid`, and failures are counted per client address so
//! codes cannot be guessed.

use axum::Json;
use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use njia_domain::Money;
use njia_domain::api::licence_check::{
    DrivingRecord, LicenceCheckRequest, LicenceCheckResult, RECORD_YEARS, RecordedOffence,
    SHARE_CODE_DAYS, ShareCode, licence_tail_matches, parse_share_code,
};
use njia_domain::catalog::Localized;
use njia_domain::date::Date;
use njia_domain::licences::{DEMERIT_RULES, LicenceClass, LicenceStatus, licence_status};
use sqlx::Row;

use crate::accounts::audit::{self, Origin};
use crate::accounts::sessions::SignedIn;
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::extract::ApiJson;

const DAY_MS: i64 = 86_400_000;
/// The window in which failed checks from one address are counted.
pub const CHECK_WINDOW_SECS: i64 = 10 * 60;
/// Failed checks allowed from one address within the window; the next is refused with `429`.
pub const MAX_FAILED_CHECKS: i64 = 10;
/// The purpose label of the share codes' HMAC.
const CODE_PURPOSE: &str = "licence-share-code";

type NoStore = [(HeaderName, HeaderValue); 1];

fn no_store() -> NoStore {
    [(CACHE_CONTROL, HeaderValue::from_static("no-store"))]
}

fn count(value: i64) -> Result<u32, ApiError> {
    u32::try_from(value).map_err(|_| ApiError::from(anyhow::anyhow!("count out of range: {value}")))
}

fn date_of(text: &str) -> Result<Date, ApiError> {
    Date::parse_iso(text)
        .map_err(|_| ApiError::from(anyhow::anyhow!("the register holds a bad date {text:?}")))
}

/// The same day `years` years earlier; 29 February goes back to 28 February.
fn years_before(date: Date, years: i32) -> Date {
    Date::new(date.year() - years, date.month(), date.day())
        .or_else(|_| Date::new(date.year() - years, date.month(), date.day() - 1))
        .unwrap_or(date)
}

/// A new share code, `XXXX-XXXX`, from the reference alphabet (no 0, O, 1, I or L).
pub fn generate_code() -> String {
    let body = crate::accounts::secret::random_reference_body();
    format!("{}-{}", &body[..4], &body[4..])
}

struct LicenceRow {
    id: String,
    number: String,
}

/// The person's licence that expires last (the one "My NTSA" shows), if any.
async fn own_licence(state: &AppState, user_id: &str) -> Result<Option<LicenceRow>, ApiError> {
    let row = sqlx::query(
        "SELECT id, number FROM driving_licences \
         WHERE user_id = $1 ORDER BY expires_on DESC, number LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&state.db.pool)
    .await?;
    row.map(|row| {
        Ok(LicenceRow {
            id: row.try_get("id")?,
            number: row.try_get("number")?,
        })
    })
    .transpose()
}

/// The person's offences since `since_ms`, newest first, with the time of each in milliseconds.
async fn offences_since(
    state: &AppState,
    user_id: &str,
    since_ms: i64,
) -> Result<Vec<(i64, RecordedOffence)>, ApiError> {
    let rows = sqlx::query(
        "SELECT description_en, description_sw, place, at, amount_cents, points, paid_at \
         FROM offences WHERE user_id = $1 AND at >= $2 ORDER BY at DESC, id",
    )
    .bind(user_id)
    .bind(since_ms)
    .fetch_all(&state.db.pool)
    .await?;
    let mut offences = Vec::with_capacity(rows.len());
    for row in rows {
        let at: i64 = row.try_get("at")?;
        offences.push((
            at,
            RecordedOffence {
                offence: Localized {
                    en: row.try_get("description_en")?,
                    sw: row.try_get("description_sw")?,
                },
                place: row.try_get("place")?,
                at: rfc3339(at),
                points: count(row.try_get("points")?)?,
                amount: Money::from_cents(row.try_get("amount_cents")?),
                paid: row.try_get::<Option<i64>, _>("paid_at")?.is_some(),
            },
        ));
    }
    Ok(offences)
}

/// Midnight UTC at the start of `date`, in milliseconds.
fn start_of(date: Date) -> i64 {
    njia_domain::licences::days_between(Date::from_unix_ms(0), date) * DAY_MS
}

/// Demerit points left today from offences given as `(ms, points)`.
fn points_left(offences: impl IntoIterator<Item = (i64, u32)>, today: Date) -> u32 {
    DEMERIT_RULES.points_left(
        offences
            .into_iter()
            .map(|(at, points)| (Date::from_unix_ms(at), points)),
        today,
    )
}

/// The person's driving record: licence number, points left and the offences of the last 3 years, newest
/// first. `404 no_licence` when they hold no driving licence. Never cacheable.
#[utoipa::path(get, path = "/api/ntsa/record", tag = "ntsa", operation_id = "driving_record",
    responses((status = 200, body = DrivingRecord), (status = 401, body = njia_domain::api::ErrorEnvelope),
        (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn driving_record(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<(NoStore, Json<DrivingRecord>), ApiError> {
    let user_id = session.user.id.as_str();
    let Some(licence) = own_licence(&state, user_id).await? else {
        return Err(ApiError::Missing("no_licence"));
    };
    let today = Date::from_unix_ms(state.clock.now_ms());
    let offences =
        offences_since(&state, user_id, start_of(years_before(today, RECORD_YEARS))).await?;
    let points_left = points_left(offences.iter().map(|(at, o)| (*at, o.points)), today);
    Ok((
        no_store(),
        Json(DrivingRecord {
            licence_number: licence.number,
            points_left,
            points_total: DEMERIT_RULES.total,
            offences: offences.into_iter().map(|(_, offence)| offence).collect(),
        }),
    ))
}

/// A new share code for the person's licence, valid 21 days and for one check. The plain code is in this
/// answer only. `404 no_licence` when they hold no driving licence.
#[utoipa::path(post, path = "/api/ntsa/share-codes", tag = "ntsa", operation_id = "create_share_code",
    responses((status = 201, body = ShareCode), (status = 401, body = njia_domain::api::ErrorEnvelope),
        (status = 403, body = njia_domain::api::ErrorEnvelope), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn create_share_code(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
) -> Result<(StatusCode, NoStore, Json<ShareCode>), ApiError> {
    let user_id = session.user.id.as_str();
    let Some(licence) = own_licence(&state, user_id).await? else {
        return Err(ApiError::Missing("no_licence"));
    };
    let now = state.clock.now_ms();
    let expires_at = now + SHARE_CODE_DAYS * DAY_MS;
    let code = generate_code();
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO licence_share_codes (id, user_id, licence_id, code_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(user_id)
    .bind(&licence.id)
    .bind(state.secret.mac(CODE_PURPOSE, &code))
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    audit::own(&mut tx, user_id, "share_code_created", &origin, now).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        no_store(),
        Json(ShareCode {
            code,
            expires_at: rfc3339(expires_at),
        }),
    ))
}

/// The key failed checks are counted under: the client's address.
fn client_key(origin: &Origin) -> &str {
    origin.ip.as_deref().unwrap_or("unknown")
}

/// `Err(429 too_many_checks)` when this address has failed too many checks in the last 10 minutes.
async fn check_throttle(state: &AppState, origin: &Origin, now: i64) -> Result<(), ApiError> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS failures, MIN(at) AS oldest FROM licence_check_failures \
         WHERE ip_address = $1 AND at > $2",
    )
    .bind(client_key(origin))
    .bind(now - CHECK_WINDOW_SECS * 1000)
    .fetch_one(&state.db.pool)
    .await?;
    let failures: i64 = row.try_get("failures")?;
    if failures < MAX_FAILED_CHECKS {
        return Ok(());
    }
    let oldest: Option<i64> = row.try_get("oldest")?;
    let free_at = oldest.unwrap_or(now) + CHECK_WINDOW_SECS * 1000;
    Err(ApiError::Throttled {
        code: "too_many_checks",
        retry_after_secs: ((free_at - now).max(1000) + 999) / 1000,
    })
}

/// Counts a failed check and answers the one failure every refused code gets.
async fn failed_check(state: &AppState, origin: &Origin, now: i64) -> ApiError {
    let recorded = async {
        let mut tx = state.db.begin().await?;
        sqlx::query("DELETE FROM licence_check_failures WHERE at <= $1")
            .bind(now - CHECK_WINDOW_SECS * 1000)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO licence_check_failures (id, ip_address, at) VALUES ($1, $2, $3)")
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(client_key(origin))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    };
    match recorded.await {
        Ok(()) => ApiError::Missing("share_code_not_valid"),
        Err(e) => e.into(),
    }
}

/// An employer's check of a licence: the share code and the last 8 characters of the licence number. On
/// success the code is used up and the answer holds the licence's status, points, expiry and classes only.
/// Unknown, used or expired codes and a wrong licence number all get the same `404 share_code_not_valid`;
/// 10 failures from one address within 10 minutes and it must wait (`429 too_many_checks`). No sign-in.
#[utoipa::path(post, path = "/api/public/licence-check", tag = "ntsa", operation_id = "check_licence",
    request_body = LicenceCheckRequest,
    responses((status = 200, body = LicenceCheckResult), (status = 403, body = njia_domain::api::ErrorEnvelope),
        (status = 404, body = njia_domain::api::ErrorEnvelope), (status = 429, body = njia_domain::api::ErrorEnvelope)))]
pub async fn check_licence(
    State(state): State<AppState>,
    origin: Origin,
    ApiJson(request): ApiJson<LicenceCheckRequest>,
) -> Result<(NoStore, Json<LicenceCheckResult>), ApiError> {
    let now = state.clock.now_ms();
    check_throttle(&state, &origin, now).await?;
    let Some(code) = parse_share_code(&request.code) else {
        return Err(failed_check(&state, &origin, now).await);
    };
    let code_hash = state.secret.mac(CODE_PURPOSE, &code);
    let found = sqlx::query(
        "SELECT s.user_id, s.licence_id, l.number, l.expires_on, l.suspended_at \
         FROM licence_share_codes s JOIN driving_licences l ON l.id = s.licence_id \
         WHERE s.code_hash = $1 AND s.used_at IS NULL AND s.expires_at > $2",
    )
    .bind(&code_hash)
    .bind(now)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(row) = found else {
        return Err(failed_check(&state, &origin, now).await);
    };
    let number: String = row.try_get("number")?;
    if !licence_tail_matches(&number, &request.licence_last8) {
        return Err(failed_check(&state, &origin, now).await);
    }
    let user_id: String = row.try_get("user_id")?;
    let licence_id: String = row.try_get("licence_id")?;
    let expires_on: String = row.try_get("expires_on")?;
    let suspended = row.try_get::<Option<i64>, _>("suspended_at")?.is_some();

    // Used in the same statement that checks it is still unused: of two checks at once, one wins.
    let mut tx = state.db.begin().await?;
    let used = sqlx::query(
        "UPDATE licence_share_codes SET used_at = $2 \
         WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(&code_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if used.rows_affected() != 1 {
        drop(tx);
        return Err(failed_check(&state, &origin, now).await);
    }
    audit::record(
        &mut tx,
        None,
        Some(&user_id),
        "share_code_used",
        &origin,
        now,
    )
    .await?;
    tx.commit().await?;

    let today = Date::from_unix_ms(now);
    let since = start_of(years_before(today, 1));
    let offences = offences_since(&state, &user_id, since).await?;
    let points_left = points_left(offences.iter().map(|(at, o)| (*at, o.points)), today);
    let status = if suspended {
        LicenceStatus::Suspended
    } else {
        licence_status(date_of(&expires_on)?, today, points_left)
    };
    let mut classes: Vec<LicenceClass> = Vec::new();
    for class_row in sqlx::query("SELECT class FROM licence_classes WHERE licence_id = $1")
        .bind(&licence_id)
        .fetch_all(&state.db.pool)
        .await?
    {
        let code: String = class_row.try_get("class")?;
        classes.push(
            LicenceClass::parse(&code)
                .ok_or_else(|| anyhow::anyhow!("unknown licence class {code}"))?,
        );
    }
    classes.sort_unstable();
    Ok((
        no_store(),
        Json(LicenceCheckResult {
            status,
            points_left,
            points_total: DEMERIT_RULES.total,
            expires_on,
            classes: classes
                .into_iter()
                .map(|class| class.code().to_string())
                .collect(),
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_two_groups_of_four_from_the_reference_alphabet() {
        for _ in 0..200 {
            let code = generate_code();
            assert_eq!(parse_share_code(&code).as_deref(), Some(code.as_str()));
        }
        assert_ne!(generate_code(), generate_code());
    }

    #[test]
    fn the_record_reaches_back_three_years_to_the_day() {
        let today = Date::parse_iso("2028-02-29").expect("date");
        assert_eq!(years_before(today, 3).to_string(), "2025-02-28");
        assert_eq!(
            start_of(Date::parse_iso("1970-01-02").expect("date")),
            DAY_MS
        );
    }
}
