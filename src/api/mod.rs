//! The typed client of the REST API. One error type tells a network failure (retry when the connection is
//! back) from an answer of the API (which says what was wrong).

pub mod account;
pub mod applications;
pub mod auth;
pub mod licence_check;
pub mod notices;
pub mod ntsa;
pub mod officer;
pub mod organisations;
pub mod payments;
pub mod registration;
pub mod test_bookings;
pub mod transfers;
pub mod upload;

use gloo_net::http::{Method, Request, RequestBuilder, Response};
use njia_domain::api::{CSRF_HEADER, ErrorBody, ErrorEnvelope, FieldError};
use njia_domain::catalog::Catalog;
use serde::Serialize;
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer: offline, timed out, or the server is down.
    Network,
    /// The API answered with its error envelope.
    Api { status: u16, body: ErrorBody },
    /// The API answered something this client does not understand (e.g. a proxy's error page).
    Unexpected {
        status: u16,
        request_id: Option<String>,
    },
}

impl ApiError {
    /// The API's error code (`invalid`, `locked`, `session_expired`…), if the API answered.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Api { body, .. } => Some(&body.code),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Network => None,
            ApiError::Api { status, .. } | ApiError::Unexpected { status, .. } => Some(*status),
        }
    }

    /// Per-field problems of a `422 invalid`.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ApiError::Api { body, .. } => &body.fields,
            _ => &[],
        }
    }

    /// When a throttled action may be tried again.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            ApiError::Api { body, .. } => body.retry_after_seconds,
            _ => None,
        }
    }

    /// The maintenance window that refused a transaction (`503 maintenance`), to say what and until when.
    pub fn maintenance(&self) -> Option<&njia_domain::api::notices::Notice> {
        match self {
            ApiError::Api { body, .. } if body.code == "maintenance" => body.notice.as_deref(),
            _ => None,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Network => None,
            ApiError::Api { body, .. } => body.request_id.as_deref(),
            ApiError::Unexpected { request_id, .. } => request_id.as_deref(),
        }
    }
}

/// Adds who the call acts for (see [`crate::acting`]); nothing for the person's own account.
fn acting_as(builder: RequestBuilder) -> RequestBuilder {
    match crate::acting::header_value() {
        Some(organisation) => builder.header(crate::acting::HEADER, &organisation),
        None => builder,
    }
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = acting_as(Request::get(path).header("Accept", "application/json"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    decode(response).await
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let request_id = response.headers().get("x-request-id");
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|_| ApiError::Unexpected { status, request_id });
    }
    match response.json::<ErrorEnvelope>().await {
        Ok(envelope) => {
            if status == 403 && envelope.error.code == "not_a_member" {
                crate::acting::refused();
            }
            Err(ApiError::Api {
                status,
                body: envelope.error,
            })
        }
        Err(_) => Err(ApiError::Unexpected { status, request_id }),
    }
}

/// A state-changing request: JSON body (if any) and the CSRF header the server requires.
fn writing(method: Method, path: &str) -> RequestBuilder {
    acting_as(
        RequestBuilder::new(path)
            .method(method)
            .header("Accept", "application/json")
            .header(CSRF_HEADER, "1"),
    )
}

async fn send<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<Response, ApiError> {
    let builder = writing(method, path);
    let request = match body {
        Some(body) => builder.json(body).map_err(|_| ApiError::Network)?,
        None => builder.build().map_err(|_| ApiError::Network)?,
    };
    request.send().await.map_err(|_| ApiError::Network)
}

/// POST (or PUT) with a JSON body, JSON answer.
pub async fn write_json<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    decode(send(method, path, Some(body)).await?).await
}

/// POST with an optional JSON body whose answer has no body (204).
pub async fn write_no_content<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<(), ApiError> {
    let response = send(method, path, body).await?;
    if response.ok() {
        return Ok(());
    }
    decode::<serde_json::Value>(response).await.map(|_| ())
}

/// POST without a body, with one extra header (an `Idempotency-Key`), JSON answer.
pub async fn write_json_with_header<T: DeserializeOwned>(
    method: Method,
    path: &str,
    (name, value): (&str, &str),
) -> Result<T, ApiError> {
    let request = writing(method, path)
        .header(name, value)
        .build()
        .map_err(|_| ApiError::Network)?;
    decode(request.send().await.map_err(|_| ApiError::Network)?).await
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    get_json(path).await
}

/// `GET /api/services`: the whole catalog.
pub async fn catalog() -> Result<Catalog, ApiError> {
    get_json("/api/services").await
}
