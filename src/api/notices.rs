//! Notices: the public list the banner shows, and the administrators' publishing and withdrawing.

use gloo_net::http::Method;
use njia_domain::api::notices::{NewNotice, Notice, NoticeList};

use super::{ApiError, get, write_json};

/// `GET /api/notices`: current ones and those starting within 7 days. Public.
pub async fn current() -> Result<NoticeList, ApiError> {
    get("/api/notices").await
}

/// `GET /api/admin/notices` (administrators).
pub async fn all() -> Result<NoticeList, ApiError> {
    get("/api/admin/notices").await
}

/// `POST /api/admin/notices` (administrators).
pub async fn publish(notice: &NewNotice) -> Result<Notice, ApiError> {
    write_json(Method::POST, "/api/admin/notices", notice).await
}

/// `POST /api/admin/notices/{id}/withdraw` (administrators).
pub async fn withdraw(id: &str) -> Result<Notice, ApiError> {
    write_json(
        Method::POST,
        &format!(
            "/api/admin/notices/{}/withdraw",
            String::from(js_sys::encode_uri_component(id))
        ),
        &serde_json::Value::Null,
    )
    .await
}
