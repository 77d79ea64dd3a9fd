//! Puts the server together: state, routes, layers, and the listener with graceful shutdown.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::HeaderName;
use axum::middleware;
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::{Json, Router};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::catalog_store::CachedCatalog;
use crate::config::Config;
use crate::db::Db;
use crate::error::ApiError;
use crate::spa::Spa;
use crate::{catalog, catalog_store, request_id, routes, security};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub catalog: Arc<CachedCatalog>,
    pub outbox: std::sync::Arc<crate::messages::Outbox>,
    pub clock: crate::clock::SharedClock,
    pub secret: Arc<crate::accounts::secret::ServerSecret>,
    pub document_store: crate::document_store::DocumentStore,
    pub payments: Arc<crate::payments::Payments>,
}

impl AppState {
    /// The catalog is read from the database once, after `prepare` has synced it: it changes only then.
    pub async fn new(
        db: Db,
        config: Config,
        clock: crate::clock::SharedClock,
    ) -> anyhow::Result<AppState> {
        let catalog = Arc::new(CachedCatalog::new(catalog_store::load(&db).await?)?);
        let secret = crate::accounts::secret::ServerSecret::load(
            config.secret_key.as_deref(),
            &config.data_dir,
        )?;
        let outbox = Arc::new(crate::messages::Outbox::from_config(&config.messages)?);
        // The local sender shows every code on /dev/outbox: fine on a developer's machine, never on a public
        // HTTPS site, where nobody could receive a code anyway.
        anyhow::ensure!(
            !(outbox.is_local_only() && config.is_https()),
            "NJIA_PUBLIC_URL is https but no SMS or email sender is configured: set NJIA_AT_USERNAME and \
             NJIA_AT_API_KEY, and NJIA_SMTP_URL"
        );
        let document_store =
            crate::document_store::DocumentStore::from_config(&config.documents, &config.data_dir)?;
        let payments =
            crate::payments::Payments::from_config(&config.payments, &config.public_url, &secret)?;
        Ok(AppState {
            payments,
            document_store,
            secret: Arc::new(secret),
            db,
            config: Arc::new(config),
            catalog,
            outbox,
            clock,
        })
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Njia API",
        description = "REST API of the Njia citizen-services portal. Conventions: docs/API.md."
    ),
    components(schemas(njia_domain::api::ErrorEnvelope))
)]
struct ApiDoc;

/// The OpenAPI document, generated from the handlers' annotations.
pub fn openapi() -> utoipa::openapi::OpenApi {
    OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi())
        .merge(routes::router())
        .split_for_parts()
        .1
}

/// Connects, migrates and refreshes the catalog: what every start of the server does before listening.
pub async fn prepare(config: &Config) -> anyhow::Result<Db> {
    let db = Db::connect(&config.database_url()).await?;
    db.migrate().await?;
    catalog_store::sync(&db, &catalog::load()?).await?;
    Ok(db)
}

pub fn router(state: AppState) -> Router {
    let (api, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(routes::router())
        .split_for_parts();
    let doc = Arc::new(doc);
    let api = api
        .route(
            "/api/openapi.json",
            get(move || async move { Json(doc.as_ref().clone()) }),
        )
        .route(
            "/api/{*rest}",
            axum::routing::any(|| async { ApiError::NotFound }),
        )
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        // Static files are compressed at build time; only API responses are compressed here.
        .layer(CompressionLayer::new());
    let spa = Spa::new(state.config.spa_dir.clone());
    let x_request_id = HeaderName::from_static(request_id::HEADER);
    api.merge(routes::callbacks::router())
        .with_state(state)
        .fallback_service(get(crate::spa::serve).with_state(spa))
        .layer(middleware::from_fn(crate::csrf::check))
        .layer(middleware::from_fn(security::add))
        .layer(middleware::from_fn(request_id::scope))
        // One line per request at INFO, inside a span that names the request id, so every line logged while
        // handling it carries the id too. The query string is left out: it may hold personal data.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let id = request.headers().get(request_id::HEADER).and_then(|v| v.to_str().ok()).unwrap_or("-");
                    let path = crate::routes::callbacks::loggable_path(request.uri().path());
                    tracing::info_span!("request", method = %request.method(), path = %path, request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::new(x_request_id.clone()))
        .layer(SetRequestIdLayer::new(x_request_id, MakeRequestUuid))
}

/// Serves until SIGINT or SIGTERM, then lets requests in flight finish.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let db = prepare(&config).await?;
    let listener = TcpListener::bind(config.bind).await?;
    let address = listener.local_addr()?;
    // Without TCP_NODELAY a response whose body follows its headers in a second write waits for the
    // client's delayed ACK: a flat 40 ms on every static file (measured with scripts/bench).
    let listener = listener.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
    });
    let clock: crate::clock::SharedClock = Arc::new(crate::clock::SystemClock);
    let state = AppState::new(db.clone(), config, clock.clone()).await?;
    let (stop_worker, worker_stop) = tokio::sync::watch::channel(false);
    let worker =
        crate::messages::spawn_worker(db.clone(), state.outbox.clone(), clock, worker_stop.clone());
    let reconciler = crate::payments::spawn_worker(state.clone(), worker_stop);
    tokio::spawn(state.payments.clone().register_c2b());
    tracing::info!(%address, database = db.backend.name(), "listening");
    // Client addresses feed the per-IP sign-in throttle and the sessions list.
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await;
    // The worker finishes the message it is sending, records it, and stops before the pool closes.
    let _ = stop_worker.send(true);
    if let Err(error) = worker.await {
        tracing::error!(%error, "the message worker ended abnormally");
    }
    if let Err(error) = reconciler.await {
        tracing::error!(%error, "the payment reconciliation worker ended abnormally");
    }
    served?;
    db.pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
    // Give load balancers a moment to stop sending before the listener closes.
    tokio::time::sleep(Duration::from_millis(100)).await;
}
