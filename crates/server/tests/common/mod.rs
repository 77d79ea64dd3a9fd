//! Starts the real server on a random port against a fresh database, once per engine: SQLite always, and
//! PostgreSQL when `NJIA_TEST_POSTGRES_URL` names a server (the test command starts one). With
//! `NJIA_REQUIRE_POSTGRES=1` (set by the test command) a missing PostgreSQL fails the test instead of
//! silently testing SQLite alone.
#![allow(dead_code, clippy::unwrap_used)]

use njia_server::app::{self, AppState};
use njia_server::clock::ManualClock;
use njia_server::config::Config;
use sqlx::{Connection, Executor};
use std::path::PathBuf;
use std::sync::Arc;

pub struct TestApp {
    pub engine: &'static str,
    pub base: String,
    pub client: reqwest::Client,
    pub spa_dir: PathBuf,
    pub database_url: String,
    /// The server's clock: tests move it forward instead of sleeping.
    pub clock: ManualClock,
    server: tokio::task::JoinHandle<()>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("server answers")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        let _ = std::fs::remove_dir_all(&self.spa_dir);
    }
}

/// One running server per database engine under test.
pub async fn apps() -> Vec<TestApp> {
    let mut apps = vec![spawn("sqlite", sqlite_url()).await];
    match std::env::var("NJIA_TEST_POSTGRES_URL") {
        Ok(admin) if !admin.is_empty() => {
            apps.push(spawn("postgres", fresh_postgres(&admin).await).await)
        }
        _ if std::env::var("NJIA_REQUIRE_POSTGRES").as_deref() == Ok("1") => {
            panic!("NJIA_REQUIRE_POSTGRES=1 but NJIA_TEST_POSTGRES_URL is not set")
        }
        _ => {}
    }
    apps
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "njia-test-{}-{name}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sqlite_url() -> String {
    format!(
        "sqlite://{}?mode=rwc",
        scratch("db").join("njia.db").display()
    )
}

pub async fn fresh_postgres(admin_url: &str) -> String {
    let name = format!("njia_test_{}", uuid::Uuid::new_v4().simple());
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(admin_url)
        .await
        .expect("PostgreSQL for tests answers");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    admin.close().await.unwrap();
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("URL ends with a database name");
    format!("{base}/{name}")
}

/// A stand-in for trunk's output, enough to test how the server serves the SPA.
fn fake_spa() -> PathBuf {
    let dir = scratch("spa");
    std::fs::write(dir.join("index.html"), "<!DOCTYPE html><title>Njia</title>").unwrap();
    std::fs::write(dir.join("njia-0123456789abcdef.js"), "export default 1;").unwrap();
    std::fs::write(
        dir.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    dir
}

async fn spawn(engine: &'static str, database_url: String) -> TestApp {
    let spa_dir = fake_spa();
    let config = Config::for_database(database_url.clone(), spa_dir.clone());
    let db = app::prepare(&config)
        .await
        .unwrap_or_else(|e| panic!("{engine}: server prepares: {e:#}"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let clock = ManualClock::starting_now();
    let router = app::router(
        AppState::new(db, config, Arc::new(clock.clone()))
            .await
            .unwrap(),
    );
    let server = tokio::spawn(async move {
        let app = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, app).await.unwrap();
    });
    TestApp {
        engine,
        base,
        client: reqwest::Client::new(),
        spa_dir,
        database_url,
        clock,
        server,
    }
}
