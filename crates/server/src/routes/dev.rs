//! Development-only endpoints. They exist only while no real SMS or email sender is configured; otherwise
//! they answer 404 like any unknown path.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use axum::response::IntoResponse;
use njia_domain::api::dev::{OutboxList, OutboxMessage};

use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::messages;

/// How many messages the development outbox shows.
const OUTBOX_PAGE: i64 = 100;

/// The newest 100 outgoing messages, newest first, bodies included, so a developer can read the codes the
/// local sender "delivered". Exists only while no real sender is configured.
#[utoipa::path(get, path = "/api/dev/outbox", tag = "dev", operation_id = "list_dev_outbox",
    responses((status = 200, body = OutboxList),
        (status = 404, description = "A real SMS or email sender is configured", body = njia_domain::api::ErrorEnvelope)))]
pub async fn list_dev_outbox(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    if !state.outbox.is_local_only() {
        return Err(ApiError::NotFound);
    }
    let items = messages::recent(&state.db.pool, OUTBOX_PAGE)
        .await?
        .into_iter()
        .map(|m| OutboxMessage {
            id: m.id,
            channel: m.channel,
            to: m.to,
            subject: m.subject,
            body: m.body,
            created_at: rfc3339(m.created_at),
            sent_at: m.sent_at.map(rfc3339),
        })
        .collect();
    // One-time codes: never kept by a browser or a proxy.
    Ok((
        [(CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(OutboxList { items }),
    ))
}
