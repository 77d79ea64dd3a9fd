use axum::Json;
use axum::extract::State;
use njia_domain::api::Health;

use crate::app::AppState;
use crate::error::ApiError;

/// Whether the server and its database answer.
#[utoipa::path(get, path = "/api/health", tag = "health", operation_id = "get_health",
    responses((status = 200, body = Health), (status = 503, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state
        .db
        .ping()
        .await
        .map_err(|e| ApiError::Unavailable(format!("database: {e}")))?;
    Ok(Json(Health {
        status: "ok".into(),
        database: state.db.backend.name().into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}
