//! The foundation's API: health, the catalog, the error envelope, the OpenAPI document, and how the SPA and
//! its headers are served. Every test runs on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use njia_domain::api::{ErrorEnvelope, Health};
use njia_domain::catalog::{Catalog, Service};
use reqwest::StatusCode;

#[tokio::test]
async fn health_checks_the_database() {
    for app in common::apps().await {
        let response = app.get("/api/health").await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.engine);
        let health: Health = response.json().await.unwrap();
        assert_eq!(health.status, "ok");
        assert_eq!(health.database, app.engine);
    }
}

#[tokio::test]
async fn the_catalog_lists_every_agency_with_its_services() {
    for app in common::apps().await {
        let catalog: Catalog = app.get("/api/services").await.json().await.unwrap();
        let embedded = njia_server::catalog::load().unwrap();
        assert_eq!(
            catalog, embedded,
            "{}: the API serves what the catalog files say",
            app.engine
        );
        assert_eq!(catalog.agencies[0].id, "ntsa", "NTSA comes first");
        let ntsa: Vec<&str> = catalog.services_of("ntsa").map(|s| s.id.as_str()).collect();
        assert!(ntsa.contains(&"ntsa-dl-renewal-booklet") && ntsa.contains(&"ntsa-vehicle-search"));
    }
}

#[tokio::test]
async fn a_phone_that_has_the_catalog_revalidates_it_for_free() {
    for app in common::apps().await {
        let first = app.get("/api/services").await;
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        assert_eq!(first.headers()["cache-control"], "no-cache");
        let again = app
            .client
            .get(app.url("/api/services"))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{}", app.engine);
        assert!(again.bytes().await.unwrap().is_empty());
        let stale = app
            .client
            .get(app.url("/api/services"))
            .header("if-none-match", "\"old\"")
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn one_service_by_id_and_a_404_envelope_for_an_unknown_one() {
    for app in common::apps().await {
        let service: Service = app
            .get("/api/services/ntsa-vehicle-search")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(service.agency, "ntsa");

        let response = app.get("/api/services/no-such-service").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let request_id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let envelope: ErrorEnvelope = response.json().await.unwrap();
        assert_eq!(envelope.error.code, "not_found");
        assert_eq!(
            envelope.error.request_id.as_deref(),
            Some(request_id.as_str()),
            "the body names the request"
        );
    }
}

#[tokio::test]
async fn unknown_api_paths_and_methods_answer_with_the_envelope_not_the_spa() {
    for app in common::apps().await {
        let response = app.get("/api/nothing/here").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            response.json::<ErrorEnvelope>().await.unwrap().error.code,
            "not_found"
        );

        let response = app
            .client
            .delete(app.url("/api/services"))
            .header("x-njia-csrf", "1")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(
            response.json::<ErrorEnvelope>().await.unwrap().error.code,
            "method_not_allowed"
        );
    }
}

#[tokio::test]
async fn seeding_twice_changes_nothing() {
    for app in common::apps().await {
        let before: Catalog = app.get("/api/services").await.json().await.unwrap();
        // `prepare` is what `seed` and every start run: do it again against the same database.
        let config = njia_server::config::Config::for_database(
            app.database_url.clone(),
            app.spa_dir.clone(),
        );
        njia_server::app::prepare(&config).await.unwrap();
        njia_server::app::prepare(&config).await.unwrap();
        let after: Catalog = app.get("/api/services").await.json().await.unwrap();
        assert_eq!(before, after, "{}", app.engine);
        assert_eq!(
            after.services.len(),
            njia_server::catalog::load().unwrap().services.len()
        );
    }
}

#[tokio::test]
async fn deep_links_get_the_app_and_hashed_assets_are_cached_for_good() {
    for app in common::apps().await {
        let page = app.get("/services/ntsa-vehicle-search").await;
        assert_eq!(
            page.status(),
            StatusCode::OK,
            "a deep link is answered with index.html"
        );
        assert_eq!(page.headers()["cache-control"], "no-cache");
        assert!(page.text().await.unwrap().contains("<title>Njia</title>"));

        let asset = app.get("/njia-0123456789abcdef.js").await;
        assert_eq!(asset.status(), StatusCode::OK);
        assert_eq!(
            asset.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );

        let worker = app.get("/sw.js").await;
        assert_eq!(
            worker.headers()["cache-control"],
            "no-cache",
            "a new service worker must be seen at once"
        );

        let missing = app.get("/missing-file.js").await;
        assert_eq!(
            missing.status(),
            StatusCode::NOT_FOUND,
            "a missing file is not answered with the app"
        );
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_request_id() {
    for app in common::apps().await {
        for path in ["/", "/api/health", "/api/nothing"] {
            let response = app.get(path).await;
            let h = response.headers();
            let csp = h["content-security-policy"].to_str().unwrap();
            assert!(
                csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
                "{path}: {csp}"
            );
            assert!(
                !csp.contains("unsafe-inline"),
                "{path}: no inline script or style"
            );
            assert!(csp.contains("frame-ancestors 'none'"));
            assert_eq!(h["x-content-type-options"], "nosniff");
            assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
            assert!(
                h.contains_key("strict-transport-security") && h.contains_key("permissions-policy")
            );
            assert_eq!(h["x-request-id"].len(), 36, "{path}: a UUID request id");
        }
    }
}

#[tokio::test]
async fn api_responses_are_compressed_when_the_client_accepts_it() {
    for app in common::apps().await {
        for encoding in ["br", "gzip"] {
            let response = app
                .client
                .get(app.url("/api/services"))
                .header("accept-encoding", encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(response.headers()["content-encoding"], encoding);
        }
    }
}

#[tokio::test]
async fn the_openapi_document_matches_its_snapshot() {
    // Through `Value`, so keys are sorted and the snapshot does not depend on declaration order.
    let value = serde_json::to_value(njia_server::app::openapi()).unwrap();
    let generated = serde_json::to_string_pretty(&value).unwrap() + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json");
    if std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        std::fs::write(&path, &generated).unwrap();
    }
    let snapshot = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        generated == snapshot,
        "the API changed: review the difference, then run `UPDATE_SNAPSHOTS=1 cargo test -p njia-server` \
         and commit tests/snapshots/openapi.json"
    );
    for app in common::apps().await {
        let served: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
        assert!(
            served == value,
            "{}: /api/openapi.json is the generated document",
            app.engine
        );
    }
}
