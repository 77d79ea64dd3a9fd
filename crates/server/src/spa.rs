//! Serves the built SPA: hashed assets cached for a year, everything else revalidated, pre-compressed
//! `.br`/`.gz` files preferred, and any unknown path without a file extension answered with `index.html` so
//! that deep links work.

use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

#[derive(Clone)]
pub struct Spa {
    dir: PathBuf,
}

impl Spa {
    pub fn new(dir: PathBuf) -> Spa {
        Spa { dir }
    }
}

pub async fn serve(State(spa): State<Spa>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let wants_file = path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    let files = ServeDir::new(&spa.dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let (parts, body) = request.into_parts();
    let response = match files
        .oneshot(Request::from_parts(parts.clone(), body))
        .await
    {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    };
    if (response.status() == StatusCode::NOT_FOUND && !wants_file) || path == "/" {
        return index(&spa, parts).await;
    }
    with_cache_control(
        response,
        if is_hashed_asset(&path) {
            IMMUTABLE
        } else {
            REVALIDATE
        },
    )
}

async fn index(spa: &Spa, parts: axum::http::request::Parts) -> Response {
    let index = ServeFile::new(spa.dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    match index
        .oneshot(Request::from_parts(parts, Body::empty()))
        .await
    {
        Ok(r) if r.status() == StatusCode::NOT_FOUND => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The portal's web app has not been built: run the README's set-up command.",
        )
            .into_response(),
        Ok(r) => with_cache_control(r.map(Body::new), REVALIDATE),
        Err(never) => match never {},
    }
}

fn with_cache_control(mut response: Response, value: &'static str) -> Response {
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// trunk names built assets `name-<16 hex digits>.ext` (or `_bg.wasm`); only those may be cached for good,
/// because a new build gives them new names.
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches("_bg");
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn only_trunk_hashed_names_count_as_immutable() {
        assert!(is_hashed_asset("/njia-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/njia-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/manifest.webmanifest"));
        assert!(!is_hashed_asset("/icons/icon-192.png"));
        assert!(!is_hashed_asset("/boot-xyz.js"));
    }
}
