use axum::Json;
use axum::extract::{Path, State};
use njia_domain::catalog::{Catalog, Service};

use crate::app::AppState;
use crate::catalog_store;
use crate::error::ApiError;

/// The whole catalog: agencies, categories and their services, in display order.
#[utoipa::path(get, path = "/api/services", tag = "services", operation_id = "list_services",
    responses((status = 200, body = Catalog)))]
pub async fn list_services(State(state): State<AppState>) -> Result<Json<Catalog>, ApiError> {
    Ok(Json(catalog_store::load(&state.db).await?))
}

/// One service by its id.
#[utoipa::path(get, path = "/api/services/{id}", tag = "services", operation_id = "get_service",
    params(("id" = String, Path, description = "Service id, e.g. `ntsa-vehicle-search`")),
    responses((status = 200, body = Service), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_service(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Service>, ApiError> {
    catalog_store::service(&state.db, &id)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
