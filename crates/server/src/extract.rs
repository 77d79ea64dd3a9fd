//! Request extractors whose rejections speak the API's error envelope instead of axum's plain text.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON body. Malformed JSON, a wrong content type and unknown or missing fields are `400 bad_request`
/// with a message that names the problem.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(ApiError::BadRequest(match rejection {
                JsonRejection::MissingJsonContentType(_) => {
                    "send JSON with Content-Type: application/json".into()
                }
                other => other.body_text(),
            })),
        }
    }
}
