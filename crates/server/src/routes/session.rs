//! The current session: who is signed in and when the session ends.

use axum::Json;
use axum::extract::State;
use njia_domain::api::accounts::SessionInfo;

use crate::accounts::sessions::{self, CurrentSession};
use crate::app::AppState;
use crate::error::ApiError;

/// The signed-in person and the session's limits; 401 when nobody is signed in.
#[utoipa::path(get, path = "/api/session", tag = "session", operation_id = "get_session",
    responses((status = 200, body = SessionInfo), (status = 401, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_session(
    State(state): State<AppState>,
    session: CurrentSession,
) -> Json<SessionInfo> {
    Json(session.info(state.clock.now_ms()))
}

/// "Stay signed in": restarts the idle timer (the absolute limit stays).
#[utoipa::path(post, path = "/api/session/refresh", tag = "session", operation_id = "refresh_session",
    responses((status = 200, body = SessionInfo), (status = 401, body = njia_domain::api::ErrorEnvelope)))]
pub async fn refresh_session(
    State(state): State<AppState>,
    session: CurrentSession,
) -> Result<Json<SessionInfo>, ApiError> {
    let now = state.clock.now_ms();
    sessions::touch(&state.db, &session.id, now).await?;
    Ok(Json(
        CurrentSession {
            last_seen_at: now,
            ..session
        }
        .info(now),
    ))
}
