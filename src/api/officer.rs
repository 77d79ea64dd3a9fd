//! The back office: an officer's queue, one application, and decisions on it; an NTSA examiner's driving
//! tests of a day and their results.

use gloo_net::http::Method;
use njia_domain::api::applications::{
    ApplicationStatus, Decision, DecisionRequest, OfficerApplication, Queue,
};
use njia_domain::api::test_bookings::{OfficerTestBookings, TestBooking, TestResultRequest};

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

/// The query string of the examiner's list (`centre=…&date=…`), empty without either.
pub fn tests_query(centre: Option<&str>, date: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(centre) = centre.filter(|c| !c.is_empty()) {
        parts.push(format!("centre={}", encode(centre)));
    }
    if let Some(date) = date.filter(|d| !d.is_empty()) {
        parts.push(format!("date={}", encode(date)));
    }
    parts.join("&")
}

/// `GET /api/officer/test-bookings`: one centre's driving tests of one day (the first centre and today when
/// not given), and the centres to choose from.
pub async fn test_bookings(
    centre: Option<&str>,
    date: Option<&str>,
) -> Result<OfficerTestBookings, ApiError> {
    let query = tests_query(centre, date);
    if query.is_empty() {
        get("/api/officer/test-bookings").await
    } else {
        get(&format!("/api/officer/test-bookings?{query}")).await
    }
}

/// `POST /api/officer/test-bookings/{id}/result`: `409 result_not_allowed` once recorded or before the test.
pub async fn record_test_result(id: &str, passed: bool) -> Result<TestBooking, ApiError> {
    write_json(
        Method::POST,
        &format!("/api/officer/test-bookings/{}/result", encode(id)),
        &TestResultRequest { passed },
    )
    .await
}
