//! CSRF protection (SECURITY.md): every state-changing API request must carry the `x-njia-csrf` header,
//! which a page on another site cannot add without a CORS preflight that this server never grants; and when
//! the browser says where the request came from (`Origin`, `Sec-Fetch-Site`), that must be this site.

use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use njia_domain::api::CSRF_HEADER;

use crate::error::ApiError;

pub async fn check(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let path = request.uri().path();
    // Daraja's callbacks come from Safaricom, not a browser: the secret in their URL authenticates them.
    let callback = path.starts_with("/api/callbacks/");
    if safe || callback || !path.starts_with("/api/") || is_same_site(&request) {
        return next.run(request).await;
    }
    ApiError::Forbidden("csrf").into_response()
}

fn is_same_site(request: &Request) -> bool {
    let headers = request.headers();
    if !headers.contains_key(CSRF_HEADER) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            origin
                .split_once("://")
                .is_some_and(|(_, authority)| !host.is_empty() && authority == host)
        }
    }
}
