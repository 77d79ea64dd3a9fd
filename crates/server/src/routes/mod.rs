//! The API's resources, one module each, merged into one router by [`router`].

pub mod health;
pub mod services;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health::get_health))
        .routes(routes!(services::list_services))
        .routes(routes!(services::get_service))
}
