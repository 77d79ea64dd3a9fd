use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use njia_domain::api::FieldError;
use njia_domain::api::services::{SearchResult, SearchResults};
use njia_domain::catalog::{Catalog, Service};
use njia_domain::search::MAX_QUERY_CHARS;
use serde::Deserialize;

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

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What the person typed, in English or Kiswahili, typos and all; at most 100 characters.
    pub q: Option<String>,
    /// 1 to 50; 20 when absent.
    pub limit: Option<u32>,
}

/// Services matching a query, best first, with the same rules as the SPA's search (see docs/API.md). A
/// missing or blank query finds nothing.
#[utoipa::path(get, path = "/api/services/search", tag = "services", operation_id = "search_services",
    params(SearchQuery),
    responses((status = 200, body = SearchResults),
        (status = 400, body = njia_domain::api::ErrorEnvelope, description = "`limit` is not a whole number from 0 up"),
        (status = 422, body = njia_domain::api::ErrorEnvelope, description = "`q` is longer than 100 characters")))]
pub async fn search_services(
    State(state): State<AppState>,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Json<SearchResults>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let q = query.q.unwrap_or_default();
    if q.chars().nth(MAX_QUERY_CHARS).is_some() {
        return Err(ApiError::Invalid(vec![FieldError {
            field: "q".into(),
            code: "too_long".into(),
            message: format!("Search with at most {MAX_QUERY_CHARS} characters"),
        }]));
    }
    let limit = query.limit.unwrap_or(20).clamp(1, 50) as usize;
    let catalog = &state.catalog.catalog;
    let items = state
        .catalog
        .search
        .search(&q, limit)
        .into_iter()
        .filter_map(|hit| catalog.service(hit.id))
        .map(|service| SearchResult {
            id: service.id.clone(),
            agency: service.agency.clone(),
            category: service.category.clone(),
            name: service.name.clone(),
            summary: service.summary.clone(),
        })
        .collect();
    Ok(Json(SearchResults { items }))
}
