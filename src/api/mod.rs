//! The typed client of the REST API. One error type tells a network failure (retry when the connection is
//! back) from an answer of the API (which says what was wrong).

use gloo_net::http::{Request, Response};
use njia_domain::api::{ErrorBody, ErrorEnvelope};
use njia_domain::catalog::Catalog;
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
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Network => None,
            ApiError::Api { body, .. } => body.request_id.as_deref(),
            ApiError::Unexpected { request_id, .. } => request_id.as_deref(),
        }
    }
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
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
        Ok(envelope) => Err(ApiError::Api {
            status,
            body: envelope.error,
        }),
        Err(_) => Err(ApiError::Unexpected { status, request_id }),
    }
}

/// `GET /api/services`: the whole catalog.
pub async fn catalog() -> Result<Catalog, ApiError> {
    get_json("/api/services").await
}
