//! Starts the real server on a random port against a fresh database, once per engine: SQLite always, and
//! PostgreSQL when `NJIA_TEST_POSTGRES_URL` names a server (the test command starts one). With
//! `NJIA_REQUIRE_POSTGRES=1` (set by the test command) a missing PostgreSQL fails the test instead of
//! silently testing SQLite alone.
#![allow(dead_code, clippy::unwrap_used)]

pub mod s3;

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
    pub data_dir: PathBuf,
    /// The server's clock: tests move it forward instead of sleeping.
    pub clock: ManualClock,
    /// The S3 server behind the document store, when the app uses the object store.
    pub s3: Option<s3::S3StandIn>,
    /// The M-Pesa and card stand-ins the app pays through, when it has them.
    pub mpesa: Option<njia_mpesa_standin::StandinHandle>,
    pub card: Option<njia_card_standin::CardStandinHandle>,
    /// The server's state, for driving its workers step by step.
    pub state: AppState,
    server: tokio::task::JoinHandle<()>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The server's current time in milliseconds.
    pub fn clock_now(&self) -> i64 {
        use njia_server::clock::Clock;
        self.clock.now_ms()
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
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// One running server per database engine under test.
pub async fn apps() -> Vec<TestApp> {
    let mut apps = Vec::new();
    for (engine, url) in databases().await {
        apps.push(spawn(engine, url).await);
    }
    apps
}

/// A fresh database per engine under test.
async fn databases() -> Vec<(&'static str, String)> {
    let mut databases = vec![("sqlite", sqlite_url())];
    match std::env::var("NJIA_TEST_POSTGRES_URL") {
        Ok(admin) if !admin.is_empty() => {
            databases.push(("postgres", fresh_postgres(&admin).await))
        }
        _ if std::env::var("NJIA_REQUIRE_POSTGRES").as_deref() == Ok("1") => {
            panic!("NJIA_REQUIRE_POSTGRES=1 but NJIA_TEST_POSTGRES_URL is not set")
        }
        _ => {}
    }
    databases
}

/// One running server per database engine, each storing documents in its own S3 stand-in.
pub async fn apps_with_object_store() -> Vec<TestApp> {
    let mut apps = Vec::new();
    for (engine, url) in databases().await {
        let stand_in = s3::S3StandIn::start(scratch("s3")).await;
        let mut app = spawn_with(engine, url, Some(&stand_in)).await;
        app.s3 = Some(stand_in);
        apps.push(app);
    }
    apps
}

/// Every engine with the folder store, then every engine with the object store.
pub async fn apps_with_each_document_store() -> Vec<TestApp> {
    let mut all = apps().await;
    all.extend(apps_with_object_store().await);
    all
}

/// How many files a folder holds, in all its sub-folders (0 when it does not exist).
pub fn files_under(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                if e.path().is_dir() {
                    files_under(&e.path())
                } else {
                    1
                }
            })
            .sum()
    })
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
    spawn_with(engine, database_url, None).await
}

/// How the payment tests run M-Pesa: callbacks delivered (the usual case) or lost on the way.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Callbacks {
    Delivered,
    Lost,
}

/// The M-Pesa stand-in's key, secret and passkey, and a 222222 Paybill.
pub fn standin_config() -> njia_mpesa_standin::StandinConfig {
    njia_mpesa_standin::StandinConfig {
        shortcode: "222222".into(),
        callback_delay: std::time::Duration::from_millis(100),
        late_delay: std::time::Duration::from_millis(1500),
        ..Default::default()
    }
}

/// One running server per engine, paying through its own M-Pesa and card stand-ins. Reconciliation is not
/// running: tests call `reconcile_due` themselves after moving the clock.
pub async fn apps_with_payments(callbacks: Callbacks) -> Vec<TestApp> {
    let mut apps = Vec::new();
    for (engine, url) in databases().await {
        let standin = standin_config();
        let (mpesa_addr, mpesa) = njia_mpesa_standin::spawn(standin.clone()).await.unwrap();
        let (card_addr, card) =
            njia_card_standin::spawn(njia_card_standin::CardStandinConfig::default())
                .await
                .unwrap();
        let mut app = spawn_configured(engine, url, None, |config, base| {
            config.payments.mpesa_base_url = Some(format!("http://{mpesa_addr}"));
            config.payments.mpesa_consumer_key = Some(standin.consumer_key.clone());
            config.payments.mpesa_consumer_secret = Some(standin.consumer_secret.clone());
            config.payments.mpesa_shortcode = standin.shortcode.clone();
            config.payments.mpesa_passkey = Some(standin.passkey.clone());
            if callbacks == Callbacks::Lost {
                // Nothing listens on port 9 of this host: every callback is lost.
                config.payments.mpesa_callback_url =
                    Some("http://127.0.0.1:9/api/callbacks/mpesa".into());
            }
            config.payments.card_base_url = Some(format!("http://{card_addr}"));
            config.payments.card_secret_key = Some("standin-card-key".into());
            config.payments.check_seconds = 5;
            config.payments.timeout_seconds = 60;
            config.public_url = base.to_string();
        })
        .await;
        app.state.payments.clone().register_c2b().await;
        app.mpesa = Some(mpesa);
        app.card = Some(card);
        apps.push(app);
    }
    apps
}

async fn spawn_with(
    engine: &'static str,
    database_url: String,
    object_store: Option<&s3::S3StandIn>,
) -> TestApp {
    spawn_configured(engine, database_url, object_store, |_, _| {}).await
}

async fn spawn_configured(
    engine: &'static str,
    database_url: String,
    object_store: Option<&s3::S3StandIn>,
    configure: impl FnOnce(&mut Config, &str),
) -> TestApp {
    // The server's log goes to the test's captured output: shown when a test fails, silent otherwise.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter("warn,njia_server=info")
        .try_init();
    let spa_dir = fake_spa();
    let mut config = Config::for_database(database_url.clone(), spa_dir.clone());
    // Uploaded files and keys go to a folder of this test's own, never into the source tree.
    config.data_dir = scratch("data");
    let data_dir = config.data_dir.clone();
    if let Some(stand_in) = object_store {
        config.documents.location = format!("s3://{}/portal", s3::BUCKET);
        config.documents.endpoint = Some(stand_in.endpoint.clone());
        config.documents.access_key_id = Some(s3::ACCESS_KEY.into());
        config.documents.secret_access_key = Some(s3::SECRET_KEY.into());
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    configure(&mut config, &base);
    let db = app::prepare(&config)
        .await
        .unwrap_or_else(|e| panic!("{engine}: server prepares: {e:#}"));
    let clock = ManualClock::starting_now();
    let state = AppState::new(db, config, Arc::new(clock.clone()))
        .await
        .unwrap();
    let router = app::router(state.clone());
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
        data_dir,
        clock,
        s3: None,
        mpesa: None,
        card: None,
        state,
        server,
    }
}

/// A signed-in citizen whose contacts are confirmed (registered through the API, codes from the outbox).
pub async fn citizen(app: &TestApp, n: u32) -> (reqwest::Client, String) {
    let (client, phone, _) = citizen_with_jar(app, n).await;
    (client, phone)
}

/// A client on the same session as `jar`'s that acts for an organisation (`X-Njia-Acting-As`), as the SPA
/// does once the person switches to it.
pub fn acting_for(
    jar: &std::sync::Arc<reqwest::cookie::Jar>,
    organisation_id: &str,
) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-njia-csrf", "1".parse().unwrap());
    headers.insert("x-njia-acting-as", organisation_id.parse().unwrap());
    reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .default_headers(headers)
        .build()
        .unwrap()
}

/// [`citizen`], with the cookie jar of the session, for [`acting_for`].
pub async fn citizen_with_jar(
    app: &TestApp,
    n: u32,
) -> (
    reqwest::Client,
    String,
    std::sync::Arc<reqwest::cookie::Jar>,
) {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-njia-csrf", "1".parse().unwrap());
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .default_headers(headers)
        .build()
        .unwrap();
    let phone = phone_of(n);
    let email = format!("applicant.{n}@example.co.ke");
    let password = "baobab shade at noon 31";
    let r = client
        .post(app.url("/api/accounts"))
        .json(&serde_json::json!({
            "kind": "citizen", "id_number": format!("{}", 31_000_000 + n), "first_name": "Njeri", "other_names": "",
            "surname": "Karanja", "date_of_birth": "1991-07-07", "email": email, "phone": phone,
            "password": password, "password_confirmation": password, "privacy_notice_version": njia_domain::api::accounts::PRIVACY_NOTICE_VERSION
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    for (channel, to) in [("sms", phone.clone()), ("email", email)] {
        let code = latest_code(app, &to).await;
        let r = client
            .post(app.url("/api/account/verification/confirm"))
            .json(&serde_json::json!({"channel": channel, "code": code}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::OK);
    }
    (client, phone, jar)
}

/// The newest code sent to `to`, read from the development outbox as the demo and the SPA's tests do.
pub async fn latest_code(app: &TestApp, to: &str) -> String {
    let list: njia_domain::api::dev::OutboxList =
        app.get("/api/dev/outbox").await.json().await.unwrap();
    let message = list
        .items
        .iter()
        .find(|m| m.to == to)
        .unwrap_or_else(|| panic!("no message to {to}"));
    let digits: Vec<String> = message
        .body
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 6)
        .map(str::to_string)
        .collect();
    digits
        .first()
        .cloned()
        .unwrap_or_else(|| panic!("no code in {:?}", message.body))
}

/// The phone number of test citizen `n`.
pub fn phone_of(n: u32) -> String {
    format!("+2547{:08}", 30_000_000 + n)
}

/// Records a booklet driving licence for the person with this phone (`+2547…`), so they may renew it.
pub async fn give_booklet_licence(database_url: &str, phone: &str) {
    let db = njia_server::db::Db::connect(database_url).await.unwrap();
    let user_id: String = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO driving_licences (id, user_id, number, kind, issued_on, expires_on) \
         VALUES ($1, $2, $3, 'booklet', '2012-01-15', '2027-01-15')",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&user_id)
    .bind(format!(
        "DL-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    ))
    .execute(&db.pool)
    .await
    .unwrap();
}

/// A signed-in citizen with a booklet licence to renew.
pub async fn driver(app: &TestApp, n: u32) -> (reqwest::Client, String) {
    let (client, phone) = citizen(app, n).await;
    give_booklet_licence(&app.database_url, &phone).await;
    (client, phone)
}

/// The bodies of the messages to `to` in the development outbox.
pub async fn messages_to(app: &TestApp, to: &str) -> Vec<String> {
    let list: njia_domain::api::dev::OutboxList =
        app.get("/api/dev/outbox").await.json().await.unwrap();
    list.items
        .iter()
        .filter(|m| m.to == to)
        .map(|m| m.body.clone())
        .collect()
}

/// A minimal JPEG, as the upload rules recognise one.
pub const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0xFF, 0xD9,
];

/// A minimal PDF, as the upload rules recognise one.
pub const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// A first national ID: free, so it goes straight to review, with two documents.
pub async fn submitted_id_application(
    app: &TestApp,
    citizen: &reqwest::Client,
) -> njia_domain::api::applications::Application {
    let draft: njia_domain::api::applications::Application = citizen
        .post(app.url("/api/applications"))
        .json(&serde_json::json!({"service_id": "nrb-id-new"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let answers = serde_json::json!({"answers": {
        "birth_county": "022", "place_of_birth": "Kikuyu", "parent": "mother",
        "parent_id_number": "12345678", "registration_county": "022",
        "registration_office": "Huduma Centre Thika"}});
    let r = citizen
        .put(app.url(&format!("/api/applications/{}/answers", draft.id)))
        .json(&answers)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        reqwest::StatusCode::OK,
        "{}",
        r.text().await.unwrap()
    );
    for requirement in ["birth-certificate", "parent-id-copy"] {
        let r = citizen
            .put(app.url(&format!(
                "/api/applications/{}/documents/{requirement}",
                draft.id
            )))
            .header("x-file-name", format!("{requirement}.pdf"))
            .header("content-type", "application/octet-stream")
            .body(PDF)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    }
    let r = citizen
        .post(app.url(&format!("/api/applications/{}/submit", draft.id)))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    r.json().await.unwrap()
}

const STAFF_PASSWORD: &str = "gavel and scales 2026";

/// An officer of `agency`, created as `create-staff` would, then signed in with an SMS code.
pub async fn officer(app: &TestApp, agency: &str, n: u32) -> reqwest::Client {
    staff(
        app,
        njia_domain::api::accounts::Role::Officer,
        Some(agency),
        n,
    )
    .await
}

/// A portal administrator (no agency), created as `create-staff` would, then signed in with an SMS code.
pub async fn administrator(app: &TestApp, n: u32) -> reqwest::Client {
    staff(
        app,
        njia_domain::api::accounts::Role::Administrator,
        None,
        n,
    )
    .await
}

async fn staff(
    app: &TestApp,
    role: njia_domain::api::accounts::Role,
    agency: Option<&str>,
    n: u32,
) -> reqwest::Client {
    let db = njia_server::db::Db::connect(&app.database_url)
        .await
        .unwrap();
    let hash = njia_server::accounts::passwords::hash(STAFF_PASSWORD.into())
        .await
        .unwrap();
    let (email, phone, id_number) = match agency {
        Some(agency) => (
            format!("officer{n}@{agency}.go.ke"),
            format!("+2547220{:05}", n),
            format!("{}", 40_000_000 + n),
        ),
        None => (
            format!("admin{n}@njia.go.ke"),
            format!("+2547221{:05}", n),
            format!("{}", 41_000_000 + n),
        ),
    };
    let mut conn = db.pool.acquire().await.unwrap();
    let user = njia_server::accounts::store::NewUser {
        kind: njia_domain::api::accounts::AccountKind::Citizen,
        id_number: &id_number,
        first_name: "Asha",
        other_names: "",
        surname: "Mutua",
        date_of_birth: "1980-01-01",
        email: &email,
        phone: &phone,
        password_hash: &hash,
        role,
        agency_id: agency,
        privacy_notice_version: njia_domain::api::accounts::PRIVACY_NOTICE_VERSION,
        verified: true,
    };
    njia_server::accounts::store::insert(&mut conn, &user, app.clock_now())
        .await
        .unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-njia-csrf", "1".parse().unwrap());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .build()
        .unwrap();
    let r = client
        .post(app.url("/api/auth/sign-in"))
        .json(&serde_json::json!({"identifier": email, "password": STAFF_PASSWORD}))
        .send()
        .await
        .unwrap();
    let njia_domain::api::accounts::SignInResponse::ChooseChannel {
        challenge,
        channels,
    } = r.json().await.unwrap()
    else {
        panic!()
    };
    assert_eq!(channels.len(), 1, "staff get their code by SMS only");
    let r = client
        .post(app.url("/api/auth/sign-in/code"))
        .json(&serde_json::json!({"challenge": challenge, "channel": "email"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<njia_domain::api::ErrorEnvelope>()
            .await
            .unwrap()
            .error
            .code,
        "staff_sms_only"
    );
    client
        .post(app.url("/api/auth/sign-in/code"))
        .json(&serde_json::json!({"challenge": challenge, "channel": "sms"}))
        .send()
        .await
        .unwrap();
    let code = latest_code(app, &phone).await;
    let r = client
        .post(app.url("/api/auth/sign-in/verify"))
        .json(&serde_json::json!({"challenge": challenge, "code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    client
}

/// A connection pool to the app's database, for seeding rows and reading what the API does not show.
pub async fn db(app: &TestApp) -> njia_server::db::Db {
    njia_server::db::Db::connect(&app.database_url)
        .await
        .unwrap()
}

/// The user id of the person with this phone (`+2547…`).
pub async fn user_id(app: &TestApp, phone: &str) -> String {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&db(app).await.pool)
        .await
        .unwrap()
}

/// Pays a sent application's invoice by M-Pesa (the stand-in pays 0712345000), waits until the payment is
/// paid, and returns the application as it then stands.
pub async fn pay_and_wait(
    app: &TestApp,
    client: &reqwest::Client,
    application_id: &str,
) -> njia_domain::api::applications::Application {
    use njia_domain::api::payments::{Payment, PaymentStatus};
    let invoice: njia_domain::api::invoices::Invoice = client
        .get(app.url(&format!("/api/applications/{application_id}/invoice")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let payment: Payment = client
        .post(app.url(&format!("/api/invoices/{}/mpesa", invoice.id)))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .json(&serde_json::json!({"phone": "0712345000"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for _ in 0..100 {
        let now: Payment = client
            .get(app.url(&format!("/api/payments/{}", payment.id)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if now.status == PaymentStatus::Paid {
            return client
                .get(app.url(&format!("/api/applications/{application_id}")))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{}: not paid", app.engine)
}
