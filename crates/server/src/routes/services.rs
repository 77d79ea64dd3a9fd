use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use njia_domain::catalog::{Catalog, Service};

use crate::app::AppState;
use crate::error::ApiError;

/// The whole catalog: agencies, categories and their services, in display order. Revalidate with
/// `If-None-Match`: an unchanged catalog answers 304 with no body.
#[utoipa::path(get, path = "/api/services", tag = "services", operation_id = "list_services",
    params(("If-None-Match" = Option<String>, Header, description = "The ETag of a copy the client holds")),
    responses((status = 200, body = Catalog), (status = 304, description = "The client's copy is current")))]
pub async fn list_services(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let cached = &state.catalog;
    let etag =
        HeaderValue::from_str(&cached.etag).unwrap_or(HeaderValue::from_static("\"catalog\""));
    let revalidate = [
        (header::ETAG, etag),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|t| t.trim() == cached.etag || t.trim() == "*")
        });
    if matches {
        return (StatusCode::NOT_MODIFIED, revalidate).into_response();
    }
    let json = HeaderValue::from_static("application/json");
    (
        revalidate,
        [(header::CONTENT_TYPE, json)],
        cached.json.clone(),
    )
        .into_response()
}

/// One service by its id.
#[utoipa::path(get, path = "/api/services/{id}", tag = "services", operation_id = "get_service",
    params(("id" = String, Path, description = "Service id, e.g. `ntsa-vehicle-search`")),
    responses((status = 200, body = Service), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_service(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Service>, ApiError> {
    state
        .catalog
        .catalog
        .service(&id)
        .cloned()
        .map(Json)
        .ok_or(ApiError::NotFound)
}
