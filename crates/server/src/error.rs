//! The API's one error type. Every failure becomes the JSON envelope of `docs/API.md`; internal details go to
//! the log under the request id, never to the client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use njia_domain::api::{ErrorBody, ErrorEnvelope, FieldError};

use crate::request_id;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("the request is not valid")]
    Invalid(Vec<FieldError>),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::Invalid(_) => "invalid",
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Database(_) | ApiError::Internal(_) => "internal",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = (self.status(), self.code());
        let message = match &self {
            ApiError::Database(e) => {
                tracing::error!(error = %e, "database error");
                "Something went wrong on our side. Please try again.".to_string()
            }
            ApiError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                "Something went wrong on our side. Please try again.".to_string()
            }
            ApiError::Unavailable(why) => {
                tracing::warn!(why, "unavailable");
                "The service is unavailable for a moment. Please try again.".to_string()
            }
            other => other.to_string(),
        };
        let fields = match self {
            ApiError::Invalid(fields) => fields,
            _ => Vec::new(),
        };
        let error = ErrorBody {
            code: code.into(),
            message,
            request_id: request_id::current(),
            retry_after_seconds: None,
            fields,
        };
        (status, Json(ErrorEnvelope { error })).into_response()
    }
}
