//! The back office: an officer's queue, one application, and decisions on it.

use gloo_net::http::Method;
use njia_domain::api::applications::{
    ApplicationStatus, Decision, DecisionRequest, OfficerApplication, Queue,
};

use super::{ApiError, get, write_json};

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// The query string of the queue's filters (`service=…&status=…`), empty without any.
pub fn queue_query(service: Option<&str>, status: Option<ApplicationStatus>) -> String {
    let mut parts = Vec::new();
    if let Some(service) = service.filter(|s| !s.is_empty()) {
        parts.push(format!("service={}", encode(service)));
    }
    if let Some(status) = status {
        parts.push(format!("status={}", status.as_str()));
    }
    parts.join("&")
}

/// `GET /api/officer/applications`: a page of the agency's applications, oldest submission first; `cursor`
/// is the previous page's `next_cursor`.
pub async fn queue(
    service: Option<&str>,
    status: Option<ApplicationStatus>,
    cursor: Option<&str>,
) -> Result<Queue, ApiError> {
    let mut query = queue_query(service, status);
    if let Some(cursor) = cursor {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&format!("cursor={}", encode(cursor)));
    }
    if query.is_empty() {
        get("/api/officer/applications").await
    } else {
        get(&format!("/api/officer/applications?{query}")).await
    }
}

pub async fn application(id: &str) -> Result<OfficerApplication, ApiError> {
    get(&format!("/api/officer/applications/{}", encode(id))).await
}

/// Records a decision; the answer is the application as it now stands.
pub async fn decide(
    id: &str,
    decision: Decision,
    note: Option<String>,
) -> Result<OfficerApplication, ApiError> {
    write_json(
        Method::POST,
        &format!("/api/officer/applications/{}/decision", encode(id)),
        &DecisionRequest { decision, note },
    )
    .await
}

/// Where a document is downloaded from (the browser fetches it with the session cookie).
pub fn document_href(document_id: &str) -> String {
    format!("/api/documents/{}/content", encode(document_id))
}
