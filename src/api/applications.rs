//! The person's own applications: drafts, answers, documents and submission.

use gloo_net::http::Method;
use njia_domain::api::applications::{
    Application, ApplicationList, CreateDraftRequest, DocumentList, IDEMPOTENCY_KEY_HEADER,
    SaveAnswersRequest,
};
use njia_domain::forms::Answers;

use super::{ApiError, get, write_json, write_json_with_header, write_no_content};

pub async fn create_draft(service_id: &str) -> Result<Application, ApiError> {
    let body = CreateDraftRequest {
        service_id: service_id.to_string(),
    };
    write_json(Method::POST, "/api/applications", &body).await
}

pub async fn list() -> Result<ApplicationList, ApiError> {
    get("/api/applications").await
}

pub async fn fetch(id: &str) -> Result<Application, ApiError> {
    get(&format!("/api/applications/{id}")).await
}

pub async fn save_answers(id: &str, answers: Answers) -> Result<Application, ApiError> {
    let body = SaveAnswersRequest { answers };
    write_json(
        Method::PUT,
        &format!("/api/applications/{id}/answers"),
        &body,
    )
    .await
}

/// `key` is chosen once per submission and kept until it succeeds, so a retry after a dropped connection is
/// recognised by the server as the same submission.
pub async fn submit(id: &str, key: &str) -> Result<Application, ApiError> {
    write_json_with_header(
        Method::POST,
        &format!("/api/applications/{id}/submit"),
        (IDEMPOTENCY_KEY_HEADER, key),
    )
    .await
}

pub async fn documents(id: &str) -> Result<DocumentList, ApiError> {
    get(&format!("/api/applications/{id}/documents")).await
}

pub async fn delete_document(document_id: &str) -> Result<(), ApiError> {
    write_no_content::<()>(
        Method::DELETE,
        &format!("/api/documents/{document_id}"),
        None,
    )
    .await
}
