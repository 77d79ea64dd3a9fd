//! A local stand-in for a card payment gateway with a hosted checkout page (Stripe Checkout / Pesapal style):
//! the API creates and reads checkout sessions, and `GET /checkout/{id}` is the page where a person types a
//! card. What happens is chosen by the card number (see [`card::TEST_CARDS`]).
//!
//! It is written independently of `njia-card` (plain JSON, no shared types), so testing one against the other
//! checks the wire format rather than a shared mistake.
//!
//! The card number is never stored or logged: a session keeps the last four digits and the brand only.

pub mod card;
mod pages;

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::card::{CardOutcome, CardSeen};

/// The placeholder replaced by the session id in `success_url` and `cancel_url`.
pub const SESSION_ID_PLACEHOLDER: &str = "{CHECKOUT_SESSION_ID}";

/// The stand-in's settings.
#[derive(Clone)]
pub struct CardStandinConfig {
    /// The API key callers must send as `Authorization: Bearer …`.
    pub secret_key: String,
    /// Where people's browsers reach the stand-in: the base of each session's `url`.
    pub public_url: String,
    /// How long a session can be paid before it turns `expired`.
    pub session_lifetime: Duration,
}

impl Default for CardStandinConfig {
    fn default() -> Self {
        Self {
            secret_key: "standin-card-key".into(),
            public_url: "http://127.0.0.1:8090".into(),
            session_lifetime: Duration::from_secs(30 * 60),
        }
    }
}

impl fmt::Debug for CardStandinConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardStandinConfig")
            .field("secret_key", &"<redacted>")
            .field("public_url", &self.public_url)
            .field("session_lifetime", &self.session_lifetime)
            .finish()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Open,
    Paid,
    Declined,
    Cancelled,
    Expired,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Paid => "paid",
            Self::Declined => "declined",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
        }
    }
}

/// A checkout session: everything the stand-in keeps about it. `Debug` shows all of it, which is how the
/// tests check that no card number is kept.
#[derive(Clone, Debug)]
struct CheckoutSession {
    id: String,
    amount_cents: i64,
    currency: String,
    reference: String,
    description: String,
    success_url: String,
    cancel_url: String,
    status: Status,
    expires_at: Instant,
    card_last4: Option<String>,
    card_brand: Option<&'static str>,
    decline_reason: Option<&'static str>,
    transaction_id: Option<String>,
    paid_at: Option<i64>,
}

impl CheckoutSession {
    /// Turn an open session past its time into an expired one.
    fn refresh(&mut self, now: Instant) {
        if self.status == Status::Open && now >= self.expires_at {
            self.status = Status::Expired;
        }
    }

    fn return_url(&self, url: &str) -> String {
        url.replace(SESSION_ID_PLACEHOLDER, &self.id)
    }

    fn to_json(&self, public_url: &str) -> Value {
        json!({
            "id": self.id,
            "url": checkout_url(public_url, &self.id),
            "status": self.status.as_str(),
            "amount_cents": self.amount_cents,
            "currency": self.currency,
            "reference": self.reference,
            "description": self.description,
            "card_last4": self.card_last4,
            "card_brand": self.card_brand,
            "decline_reason": self.decline_reason,
            "transaction_id": self.transaction_id,
            "paid_at": self.paid_at,
        })
    }
}

fn checkout_url(public_url: &str, id: &str) -> String {
    format!("{}/checkout/{id}", public_url.trim_end_matches('/'))
}

struct AppState {
    config: CardStandinConfig,
    sessions: Mutex<HashMap<String, CheckoutSession>>,
    sessions_created: AtomicUsize,
    sessions_paid: AtomicUsize,
    sessions_declined: AtomicUsize,
    sessions_cancelled: AtomicUsize,
}

type Shared = Arc<AppState>;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running in-process stand-in; dropping it stops the server.
pub struct CardStandinHandle {
    state: Shared,
    task: JoinHandle<()>,
}

impl CardStandinHandle {
    /// Sessions created through the API.
    pub fn sessions_created(&self) -> usize {
        self.state.sessions_created.load(Ordering::SeqCst)
    }

    /// Sessions paid on the checkout page.
    pub fn sessions_paid(&self) -> usize {
        self.state.sessions_paid.load(Ordering::SeqCst)
    }

    /// Sessions declined on the checkout page.
    pub fn sessions_declined(&self) -> usize {
        self.state.sessions_declined.load(Ordering::SeqCst)
    }

    /// Sessions cancelled on the checkout page.
    pub fn sessions_cancelled(&self) -> usize {
        self.state.sessions_cancelled.load(Ordering::SeqCst)
    }

    /// Everything the stand-in keeps, as `Debug` text: for tests that check what it stores (never a card
    /// number).
    pub fn stored_state(&self) -> String {
        format!("{:#?}", *lock(&self.state.sessions))
    }
}

impl Drop for CardStandinHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Start a stand-in on 127.0.0.1 with a free port, in this process. Sessions' `url` use that address
/// whatever `config.public_url` says, since it is the only one that can work.
pub async fn spawn(
    mut config: CardStandinConfig,
) -> std::io::Result<(SocketAddr, CardStandinHandle)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    config.public_url = format!("http://{addr}");
    let state = new_state(config);
    let app = router(state.clone());
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "card stand-in stopped");
        }
    });
    Ok((addr, CardStandinHandle { state, task }))
}

/// Serve on a listener until the process ends (the binary).
pub async fn serve(listener: TcpListener, config: CardStandinConfig) -> std::io::Result<()> {
    axum::serve(listener, router(new_state(config))).await
}

fn new_state(config: CardStandinConfig) -> Shared {
    Arc::new(AppState {
        config,
        sessions: Mutex::default(),
        sessions_created: AtomicUsize::new(0),
        sessions_paid: AtomicUsize::new(0),
        sessions_declined: AtomicUsize::new(0),
        sessions_cancelled: AtomicUsize::new(0),
    })
}

fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(home))
        // Browsers ask for it on every page; "no content" keeps their consoles clean.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/v1/checkout/sessions", post(create_session))
        .route("/v1/checkout/sessions/{id}", get(read_session))
        .route("/checkout/{id}", get(checkout_page).post(pay))
        .route("/checkout/{id}/cancel", post(cancel))
        .with_state(state)
}

// ---- The API ----

/// A refusal, answered with the gateway's error body `{"error": {"code", "message"}}`.
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code, "message": self.message } });
        (self.status, axum::Json(body)).into_response()
    }
}

fn invalid_request(message: impl Into<String>) -> ApiError {
    ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "invalid_request",
        message: message.into(),
    }
}

fn check_key(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if key == Some(state.config.secret_key.as_str()) {
        Ok(())
    } else {
        // Never echo what was sent: it may be a real key pointed at the wrong place.
        Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "invalid_api_key",
            message: "Invalid API key provided.".into(),
        })
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

/// An absolute http(s) URL that can go into a `Location` header as it is.
fn is_absolute_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && url.bytes().all(|b| b.is_ascii_graphic())
}

fn new_id(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4().simple())
}

async fn create_session(
    State(state): State<Shared>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    check_key(&state, &headers)?;
    let body = match serde_json::from_slice::<Value>(&bytes) {
        Ok(body @ Value::Object(_)) => body,
        _ => return Err(invalid_request("The body must be a JSON object.")),
    };
    let Some(amount_cents) = body.get("amount_cents").and_then(Value::as_i64) else {
        return Err(invalid_request("amount_cents must be an integer."));
    };
    if amount_cents < 100 {
        return Err(invalid_request(
            "amount_cents must be at least 100 (KES 1).",
        ));
    }
    let string = |name: &str| body.get(name).and_then(Value::as_str).unwrap_or_default();
    if string("currency") != "KES" {
        return Err(invalid_request("currency must be KES."));
    }
    let reference = string("reference");
    if reference.trim().is_empty() || reference.chars().count() > 40 {
        return Err(invalid_request("reference must be 1 to 40 characters."));
    }
    let description = string("description");
    if description.chars().count() > 500 {
        return Err(invalid_request(
            "description must be at most 500 characters.",
        ));
    }
    for name in ["success_url", "cancel_url"] {
        if !is_absolute_url(string(name)) {
            return Err(invalid_request(format!(
                "{name} must be an absolute http(s) URL."
            )));
        }
    }
    let session = CheckoutSession {
        id: new_id("cs_"),
        amount_cents,
        currency: "KES".into(),
        reference: reference.to_owned(),
        description: description.to_owned(),
        success_url: string("success_url").to_owned(),
        cancel_url: string("cancel_url").to_owned(),
        status: Status::Open,
        expires_at: Instant::now() + state.config.session_lifetime,
        card_last4: None,
        card_brand: None,
        decline_reason: None,
        transaction_id: None,
        paid_at: None,
    };
    let answer = session.to_json(&state.config.public_url);
    tracing::info!(id = %session.id, amount_cents, "checkout session created");
    lock(&state.sessions).insert(session.id.clone(), session);
    state.sessions_created.fetch_add(1, Ordering::SeqCst);
    Ok((StatusCode::CREATED, axum::Json(answer)).into_response())
}

async fn read_session(
    State(state): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    check_key(&state, &headers)?;
    let mut sessions = lock(&state.sessions);
    let Some(session) = sessions.get_mut(&id) else {
        return Err(ApiError {
            status: StatusCode::NOT_FOUND,
            code: "no_such_session",
            message: "No such checkout session.".into(),
        });
    };
    session.refresh(Instant::now());
    Ok(axum::Json(session.to_json(&state.config.public_url)).into_response())
}

// ---- The hosted checkout page ----

async fn home() -> Html<String> {
    Html(pages::home())
}

/// The session as the page shows it (after expiring it if its time is up).
fn session_for_page(state: &AppState, id: &str) -> Option<CheckoutSession> {
    let mut sessions = lock(&state.sessions);
    let session = sessions.get_mut(id)?;
    session.refresh(Instant::now());
    Some(session.clone())
}

fn page_view(session: &CheckoutSession) -> pages::Checkout<'_> {
    pages::Checkout {
        id: &session.id,
        reference: &session.reference,
        description: &session.description,
        amount_cents: session.amount_cents,
        status: session.status.as_str(),
        back_url: session.return_url(&session.success_url),
    }
}

async fn checkout_page(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let Some(session) = session_for_page(&state, &id) else {
        return (StatusCode::NOT_FOUND, Html(pages::not_found())).into_response();
    };
    let view = page_view(&session);
    if session.status == Status::Open {
        Html(pages::checkout(&view, &pages::Filled::default())).into_response()
    } else {
        Html(pages::not_open(&view)).into_response()
    }
}

fn see_other(url: &str) -> Response {
    match HeaderValue::try_from(url) {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        // Checked when the session was created; kept for safety.
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "bad return URL").into_response(),
    }
}

/// The card form. The fields are read here and dropped here: only the outcome, last four digits and brand go
/// any further.
async fn pay(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(session) = session_for_page(&state, &id) else {
        return (StatusCode::NOT_FOUND, Html(pages::not_found())).into_response();
    };
    if session.status != Status::Open {
        return (
            StatusCode::CONFLICT,
            Html(pages::not_open(&page_view(&session))),
        )
            .into_response();
    }
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    let mut errors = Vec::new();
    if field("name").trim().is_empty() {
        errors.push(("name", "Enter the name on the card"));
    }
    let seen = match card::check_number(field("card_number")) {
        Ok(seen) => Some(seen),
        Err(message) => {
            errors.push(("card_number", message));
            None
        }
    };
    if let Err(message) = card::check_expiry(field("expiry"), card::year_month_eat(unix_now())) {
        errors.push(("expiry", message));
    }
    if let Err(message) = card::check_cvc(field("cvc")) {
        errors.push(("cvc", message));
    }
    let Some(seen) = seen.filter(|_| errors.is_empty()) else {
        // The name and expiry are given back; the card number and security code are not echoed into the page.
        let filled = pages::Filled {
            name: field("name").to_owned(),
            expiry: field("expiry").to_owned(),
            errors,
        };
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(pages::checkout(&page_view(&session), &filled)),
        )
            .into_response();
    };
    decide(&state, &id, &seen)
}

/// Record what happened to the card and send the person back to the merchant.
fn decide(state: &AppState, id: &str, seen: &CardSeen) -> Response {
    let mut sessions = lock(&state.sessions);
    let Some(session) = sessions.get_mut(id) else {
        return (StatusCode::NOT_FOUND, Html(pages::not_found())).into_response();
    };
    session.refresh(Instant::now());
    // Two tabs may post at once: only the first decides.
    if session.status != Status::Open {
        return (
            StatusCode::CONFLICT,
            Html(pages::not_open(&page_view(session))),
        )
            .into_response();
    }
    session.card_last4 = Some(seen.last4.clone());
    session.card_brand = Some(seen.brand);
    match seen.outcome {
        CardOutcome::Paid => {
            session.status = Status::Paid;
            session.transaction_id = Some(new_id("txn_"));
            session.paid_at = Some(unix_now());
            state.sessions_paid.fetch_add(1, Ordering::SeqCst);
        }
        CardOutcome::Declined(reason) => {
            session.status = Status::Declined;
            session.decline_reason = Some(reason);
            state.sessions_declined.fetch_add(1, Ordering::SeqCst);
        }
    }
    tracing::info!(
        %id,
        status = session.status.as_str(),
        last4 = %seen.last4,
        brand = seen.brand,
        "card payment decided"
    );
    see_other(&session.return_url(&session.success_url))
}

async fn cancel(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let mut sessions = lock(&state.sessions);
    let Some(session) = sessions.get_mut(&id) else {
        return (StatusCode::NOT_FOUND, Html(pages::not_found())).into_response();
    };
    session.refresh(Instant::now());
    if session.status != Status::Open {
        return (
            StatusCode::CONFLICT,
            Html(pages::not_open(&page_view(session))),
        )
            .into_response();
    }
    session.status = Status::Cancelled;
    state.sessions_cancelled.fetch_add(1, Ordering::SeqCst);
    tracing::info!(%id, "checkout cancelled");
    see_other(&session.return_url(&session.cancel_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_urls_only() {
        for ok in [
            "https://njia.example/payments/1/card-return?session_id={CHECKOUT_SESSION_ID}",
            "http://127.0.0.1:8080/x",
        ] {
            assert!(is_absolute_url(ok), "{ok}");
        }
        for bad in [
            "",
            "/payments/1",
            "https://",
            "https:///x",
            "ftp://x",
            "javascript:alert(1)",
            "https://x/ y",
            "https://x/\ny",
        ] {
            assert!(!is_absolute_url(bad), "{bad}");
        }
    }

    #[test]
    fn debug_hides_the_key() {
        let shown = format!("{:?}", CardStandinConfig::default());
        assert!(!shown.contains("standin-card-key"), "{shown}");
    }
}
