//! The API's one error type. Every failure becomes the JSON envelope of `docs/API.md`; internal details go to
//! the log under the request id, never to the client.

use axum::Json;
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use njia_domain::accounts::FieldProblem;
use njia_domain::api::notices::Notice;
use njia_domain::api::{ErrorBody, ErrorEnvelope, FieldError};

use crate::request_id;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    /// Not found, with a code that says what is missing (e.g. `payment_not_found`).
    #[error("not found: {0}")]
    Missing(&'static str),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("the request is not valid")]
    Invalid(Vec<FieldError>),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("sign in first")]
    Unauthenticated,
    #[error("your session has ended: sign in again")]
    SessionExpired,
    /// The same answer for a wrong password and an unknown account.
    #[error("the details do not match an account")]
    InvalidCredentials,
    /// Signed in but not allowed; the code says why (e.g. `csrf`, `confirm_contacts`).
    #[error("not allowed: {0}")]
    Forbidden(&'static str),
    /// Too many attempts; the code says which limit (`too_soon`, `locked`, `resend_too_soon`, …).
    #[error("too many attempts: {code}")]
    Throttled {
        code: &'static str,
        retry_after_secs: i64,
    },
    /// An upload over its size limit, refused before the rest of it was read.
    #[error("the file is too large")]
    TooLarge(Vec<FieldError>),
    /// The request does not fit the resource's state; the code says why (e.g. `not_editable`).
    #[error("not possible now: {0}")]
    Conflict(&'static str),
    /// The same Idempotency-Key was sent with a different request.
    #[error("this Idempotency-Key was used for a different request")]
    IdempotencyKeyReused,
    /// The first request with this Idempotency-Key is still being handled.
    #[error(
        "the first request with this Idempotency-Key is still being handled: try again in a moment"
    )]
    InProgress,
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// A maintenance window of the agency is open: its notice goes to the client, who shows it, and
    /// `Retry-After` says when the window ends.
    #[error("closed for maintenance until {}", notice.ends_at)]
    Maintenance {
        notice: Box<Notice>,
        retry_after_secs: i64,
    },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<Vec<FieldProblem>> for ApiError {
    fn from(problems: Vec<FieldProblem>) -> ApiError {
        ApiError::Invalid(
            problems
                .into_iter()
                .map(|p| FieldError {
                    field: p.field.into(),
                    code: p.code.into(),
                    message: p.message,
                })
                .collect(),
        )
    }
}

impl From<FieldProblem> for ApiError {
    fn from(problem: FieldProblem) -> ApiError {
        ApiError::from(vec![problem])
    }
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound | ApiError::Missing(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated | ApiError::SessionExpired | ApiError::InvalidCredentials => {
                StatusCode::UNAUTHORIZED
            }
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::InProgress | ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) | ApiError::Maintenance { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::Invalid(_) => "invalid",
            ApiError::TooLarge(_) => "too_large",
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Unauthenticated => "unauthenticated",
            ApiError::SessionExpired => "session_expired",
            ApiError::InvalidCredentials => "invalid_credentials",
            ApiError::Forbidden(code)
            | ApiError::Missing(code)
            | ApiError::Throttled { code, .. }
            | ApiError::Conflict(code) => code,
            ApiError::IdempotencyKeyReused => "idempotency_key_reused",
            ApiError::InProgress => "in_progress",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Maintenance { .. } => "maintenance",
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
            ApiError::Throttled {
                retry_after_secs, ..
            } => {
                format!(
                    "Too many attempts. Try again in {}.",
                    wait_words(*retry_after_secs)
                )
            }
            ApiError::Maintenance { notice, .. } => notice.message.en.clone(),
            other => other.to_string(),
        };
        let retry_after = match &self {
            ApiError::Throttled {
                retry_after_secs, ..
            }
            | ApiError::Maintenance {
                retry_after_secs, ..
            } => Some((*retry_after_secs).max(1) as u64),
            _ => None,
        };
        let notice = match &self {
            ApiError::Maintenance { notice, .. } => Some(notice.clone()),
            _ => None,
        };
        let fields = match self {
            ApiError::Invalid(fields) | ApiError::TooLarge(fields) => fields,
            _ => Vec::new(),
        };
        let error = ErrorBody {
            code: code.into(),
            message,
            request_id: request_id::current(),
            retry_after_seconds: retry_after,
            notice,
            fields,
        };
        let mut response = (status, Json(ErrorEnvelope { error })).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

fn wait_words(seconds: i64) -> String {
    match seconds {
        s if s < 60 => format!("{s} seconds"),
        s => format!("{} minutes", (s + 59) / 60),
    }
}
