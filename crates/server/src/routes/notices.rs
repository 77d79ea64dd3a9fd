//! Notices and maintenance windows. Anyone may read the current and coming notices (the SPA's banner);
//! administrators publish and withdraw them. A maintenance window refuses its agency's transactions while it
//! is open (`crate::maintenance`). Every change is in the audit trail.

use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use njia_domain::accounts::FieldProblem;
use njia_domain::api::accounts::Role;
use njia_domain::api::notices::{NewNotice, Notice, NoticeList};

use crate::accounts::audit::{self, Origin};
use crate::accounts::sessions::{CurrentSession, SignedIn};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::maintenance::{NOTICE_COLUMNS, notice_from_row};

/// How far ahead the public list looks, so people can plan around a window before it opens.
const COMING_WITHIN_MS: i64 = 7 * 24 * 3_600_000;
/// How long an ended or withdrawn notice stays in the administrators' list.
const ADMIN_HISTORY_MS: i64 = 30 * 24 * 3_600_000;

/// A signed-in portal administrator (`users.role = 'administrator'`); anyone else gets
/// `403 administrators_only`.
pub struct Administrator {
    pub session: CurrentSession,
}

impl FromRequestParts<AppState> for Administrator {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let SignedIn(session) = SignedIn::from_request_parts(parts, state).await?;
        match session.user.role() {
            Role::Administrator => Ok(Administrator { session }),
            _ => Err(ApiError::Forbidden("administrators_only")),
        }
    }
}

fn cache(value: &'static str) -> [(HeaderName, HeaderValue); 1] {
    [(CACHE_CONTROL, HeaderValue::from_static(value))]
}

async fn notices(
    state: &AppState,
    condition: &str,
    order: &str,
    now: i64,
    bound: i64,
) -> Result<Vec<Notice>, ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT {NOTICE_COLUMNS} FROM notices WHERE {condition} ORDER BY {order} LIMIT 100"
    ))
    .bind(now)
    .bind(bound)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows.iter().map(notice_from_row).collect::<Result<_, _>>()?)
}

/// The notices current now and those starting within 7 days, soonest first. Public: the banner is shown
/// before anyone signs in.
#[utoipa::path(get, path = "/api/notices", tag = "notices", operation_id = "list_notices",
    responses((status = 200, body = NoticeList)))]
pub async fn list_notices(
    State(state): State<AppState>,
) -> Result<([(HeaderName, HeaderValue); 1], Json<NoticeList>), ApiError> {
    let now = state.clock.now_ms();
    let items = notices(
        &state,
        "withdrawn_at IS NULL AND ends_at > $1 AND starts_at <= $2",
        "starts_at, id",
        now,
        now + COMING_WITHIN_MS,
    )
    .await?;
    Ok((cache("no-cache"), Json(NoticeList { items })))
}

/// Every notice not ended more than 30 days ago, withdrawn ones included, latest start first
/// (administrators only).
#[utoipa::path(get, path = "/api/admin/notices", tag = "notices", operation_id = "admin_list_notices",
    responses((status = 200, body = NoticeList), (status = 403, body = njia_domain::api::ErrorEnvelope)))]
pub async fn admin_list_notices(
    State(state): State<AppState>,
    _admin: Administrator,
) -> Result<([(HeaderName, HeaderValue); 1], Json<NoticeList>), ApiError> {
    let now = state.clock.now_ms();
    let items = notices(
        &state,
        "ends_at > $1 - $2",
        "starts_at DESC, id",
        now,
        ADMIN_HISTORY_MS,
    )
    .await?;
    Ok((cache("no-store"), Json(NoticeList { items })))
}

async fn load(conn: &mut sqlx::AnyConnection, id: &str) -> Result<Notice, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {NOTICE_COLUMNS} FROM notices WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(ApiError::NotFound)?;
    Ok(notice_from_row(&row)?)
}

/// Publishes a notice, or a maintenance window of an agency (administrators only).
#[utoipa::path(post, path = "/api/admin/notices", tag = "notices", operation_id = "publish_notice",
    request_body = NewNotice,
    responses((status = 201, body = Notice), (status = 403, body = njia_domain::api::ErrorEnvelope),
        (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn publish_notice(
    State(state): State<AppState>,
    admin: Administrator,
    origin: Origin,
    ApiJson(request): ApiJson<NewNotice>,
) -> Result<(StatusCode, Json<Notice>), ApiError> {
    let now = state.clock.now_ms();
    let notice = request.validate(now)?;
    if let Some(agency) = &notice.agency_id
        && state.catalog.catalog.agency(agency).is_none()
    {
        return Err(FieldProblem::new(
            "agency_id",
            "unknown_agency",
            "Choose an agency from the list",
        )
        .into());
    }
    let id = uuid::Uuid::now_v7().to_string();
    let admin_id = &admin.session.user.id;
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO notices (id, agency_id, message_en, message_sw, starts_at, ends_at, maintenance, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(notice.agency_id.as_deref())
    .bind(&notice.message_en)
    .bind(&notice.message_sw)
    .bind(notice.starts_at_ms)
    .bind(notice.ends_at_ms)
    .bind(i64::from(notice.maintenance))
    .bind(admin_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let action = if notice.maintenance {
        "maintenance_window_scheduled"
    } else {
        "notice_published"
    };
    let detail = format!(
        "notice={id} agency={}",
        notice.agency_id.as_deref().unwrap_or("all")
    );
    audit::record_detailed(
        &mut tx,
        Some(admin_id),
        None,
        action,
        Some(&detail),
        &origin,
        now,
    )
    .await?;
    let published = load(&mut tx, &id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(published)))
}

/// Takes a notice down before its end (administrators only): it is no longer shown, and a maintenance
/// window no longer refuses anything. Withdrawing it again changes nothing.
#[utoipa::path(post, path = "/api/admin/notices/{id}/withdraw", tag = "notices", operation_id = "withdraw_notice",
    params(("id" = String, Path, description = "The notice's id")),
    responses((status = 200, body = Notice), (status = 403, body = njia_domain::api::ErrorEnvelope),
        (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn withdraw_notice(
    State(state): State<AppState>,
    admin: Administrator,
    origin: Origin,
    Path(id): Path<String>,
) -> Result<Json<Notice>, ApiError> {
    let now = state.clock.now_ms();
    let admin_id = &admin.session.user.id;
    let mut tx = state.db.begin().await?;
    let changed =
        sqlx::query("UPDATE notices SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL")
            .bind(now)
            .bind(&id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    let notice = load(&mut tx, &id).await?;
    if changed == 1 {
        audit::record_detailed(
            &mut tx,
            Some(admin_id),
            None,
            "notice_withdrawn",
            Some(&format!("notice={id}")),
            &origin,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(notice))
}
