//! A local stand-in for Safaricom's Daraja (M-Pesa) API that speaks its wire format: OAuth token, STK push and
//! query, C2B URL registration and simulation. It calls the callback URLs it is given, like Daraja does.
//!
//! What happens to an STK push is chosen by the last three digits of its `PhoneNumber` (see [`Outcome`]).
//! It is written independently of `njia-daraja` (plain JSON, no shared types), so testing one against the other
//! checks the wire format rather than a shared mistake.
//!
//! `GET /phone` is a page that plays the payer's phone for a Paybill payment (see the `phone` module), so a
//! person or a browser test can pay in the demo without calling the simulate API.

mod phone;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The stand-in's settings.
#[derive(Clone)]
pub struct StandinConfig {
    pub consumer_key: String,
    pub consumer_secret: String,
    pub shortcode: String,
    pub passkey: String,
    /// How long after an accepted STK push (or C2B simulate) the callback is sent.
    pub callback_delay: Duration,
    /// The delay for the "late" outcome (phone ending in 009).
    pub late_delay: Duration,
    /// `expires_in` of the tokens it hands out.
    pub token_lifetime_secs: u64,
}

impl Default for StandinConfig {
    /// Daraja sandbox's public shortcode and passkey, a made-up key and secret.
    fn default() -> Self {
        Self {
            consumer_key: "standin-key".into(),
            consumer_secret: "standin-secret".into(),
            shortcode: "174379".into(),
            passkey: "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919".into(),
            callback_delay: Duration::from_secs(1),
            late_delay: Duration::from_secs(5),
            token_lifetime_secs: 3599,
        }
    }
}

/// What happens to an STK push, by the last three digits of its `PhoneNumber`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `…000` and anything not listed below: paid (ResultCode 0).
    Success,
    /// `…001`: ResultCode 1, insufficient funds.
    InsufficientFunds,
    /// `…032`: ResultCode 1032, cancelled by the user.
    Cancelled,
    /// `…037`: ResultCode 1037, phone unreachable / no answer.
    Unreachable,
    /// `…201`: ResultCode 2001, wrong PIN.
    WrongPin,
    /// `…404`: never decided, never calls back; the query keeps saying "being processed".
    NeverCallsBack,
    /// `…002`: paid, and the same callback is delivered twice.
    CallsBackTwice,
    /// `…009`: paid, the callback comes after `late_delay`.
    CallsBackLate,
}

impl Outcome {
    pub fn for_phone(phone: &str) -> Self {
        let tail = phone.get(phone.len().saturating_sub(3)..).unwrap_or("");
        match tail {
            "001" => Self::InsufficientFunds,
            "032" => Self::Cancelled,
            "037" => Self::Unreachable,
            "201" => Self::WrongPin,
            "404" => Self::NeverCallsBack,
            "002" => Self::CallsBackTwice,
            "009" => Self::CallsBackLate,
            _ => Self::Success,
        }
    }

    /// Daraja's `ResultCode` and `ResultDesc` for the outcome.
    pub fn result(self) -> (i64, &'static str) {
        match self {
            Self::Success | Self::CallsBackTwice | Self::CallsBackLate | Self::NeverCallsBack => {
                (0, "The service request is processed successfully.")
            }
            Self::InsufficientFunds => (1, "The balance is insufficient for the transaction."),
            Self::Cancelled => (1032, "Request cancelled by user"),
            Self::Unreachable => (1037, "DS timeout user cannot be reached"),
            Self::WrongPin => (2001, "The initiator information is invalid."),
        }
    }
}

struct Transaction {
    merchant_request_id: String,
    result: Option<(i64, &'static str)>,
}

struct C2bRegistration {
    validation_url: String,
    confirmation_url: String,
    complete_if_unreachable: bool,
}

struct AppState {
    config: StandinConfig,
    http: reqwest::Client,
    tokens: Mutex<HashMap<String, Instant>>,
    transactions: Mutex<HashMap<String, Transaction>>,
    c2b: Mutex<Option<C2bRegistration>>,
    sequence: AtomicU64,
    token_requests: AtomicUsize,
    stk_pushes: AtomicUsize,
    callbacks_sent: AtomicUsize,
    c2b_confirmations: AtomicUsize,
}

type Shared = Arc<AppState>;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running in-process stand-in; dropping it stops the server.
pub struct StandinHandle {
    state: Shared,
    task: JoinHandle<()>,
}

impl StandinHandle {
    /// Token requests received, good or bad.
    pub fn token_requests(&self) -> usize {
        self.state.token_requests.load(Ordering::SeqCst)
    }

    /// STK pushes accepted.
    pub fn stk_pushes(&self) -> usize {
        self.state.stk_pushes.load(Ordering::SeqCst)
    }

    /// STK callbacks posted (each attempt, whether or not the receiver answered).
    pub fn callbacks_sent(&self) -> usize {
        self.state.callbacks_sent.load(Ordering::SeqCst)
    }

    /// C2B confirmations posted.
    pub fn c2b_confirmations(&self) -> usize {
        self.state.c2b_confirmations.load(Ordering::SeqCst)
    }
}

impl Drop for StandinHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Start a stand-in on 127.0.0.1 with a free port, in this process.
pub async fn spawn(config: StandinConfig) -> std::io::Result<(SocketAddr, StandinHandle)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let state = new_state(config);
    let app = router(state.clone());
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "stand-in server stopped");
        }
    });
    Ok((addr, StandinHandle { state, task }))
}

/// Serve on a listener until the process ends (the binary).
pub async fn serve(listener: TcpListener, config: StandinConfig) -> std::io::Result<()> {
    axum::serve(listener, router(new_state(config))).await
}

fn new_state(config: StandinConfig) -> Shared {
    Arc::new(AppState {
        config,
        http: reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default(),
        tokens: Mutex::default(),
        transactions: Mutex::default(),
        c2b: Mutex::default(),
        sequence: AtomicU64::new(1),
        token_requests: AtomicUsize::new(0),
        stk_pushes: AtomicUsize::new(0),
        callbacks_sent: AtomicUsize::new(0),
        c2b_confirmations: AtomicUsize::new(0),
    })
}

fn router(state: Shared) -> Router {
    Router::new()
        .route("/oauth/v1/generate", get(token))
        .route("/mpesa/stkpush/v1/processrequest", post(stk_push))
        .route("/mpesa/stkpushquery/v1/query", post(stk_query))
        .route("/mpesa/c2b/v1/registerurl", post(c2b_register))
        .route("/mpesa/c2b/v1/simulate", post(c2b_simulate))
        .route("/phone", get(phone::page).post(phone::send_money))
        .with_state(state)
}

// ---- Daraja's answers ----

fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// A refusal, answered with Daraja's error body `{ requestId, errorCode, errorMessage }`.
struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body =
            json!({ "requestId": new_id(), "errorCode": self.code, "errorMessage": self.message });
        (self.status, axum::Json(body)).into_response()
    }
}

fn daraja_error(status: StatusCode, code: &'static str, message: &str) -> Refusal {
    Refusal {
        status,
        code,
        message: message.to_owned(),
    }
}

fn bad_request(field: &str) -> Refusal {
    daraja_error(
        StatusCode::BAD_REQUEST,
        "400.002.02",
        &format!("Bad Request - Invalid {field}"),
    )
}

type Answer = Result<Response, Refusal>;

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

/// `YYYYMMDDHHmmss` in Kenya time (UTC+3).
fn timestamp_eat(unix_seconds: i64) -> String {
    let local = unix_seconds + 3 * 3600;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

/// A field as text, whether Daraja's caller sent a string or a number.
fn text(body: &Value, name: &str) -> Option<String> {
    match body.get(name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A positive whole amount of shillings.
fn whole_amount(body: &Value, name: &str) -> Option<u64> {
    let amount = match body.get(name)? {
        Value::Number(n) => n.as_u64()?,
        Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    (amount >= 1).then_some(amount)
}

fn is_msisdn(phone: &str) -> bool {
    phone.len() == 12
        && phone.bytes().all(|b| b.is_ascii_digit())
        && (phone.starts_with("2547") || phone.starts_with("2541"))
}

fn check_bearer(state: &AppState, headers: &HeaderMap) -> Result<(), Refusal> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let valid = token.is_some_and(|t| {
        lock(&state.tokens)
            .get(t)
            .is_some_and(|until| Instant::now() < *until)
    });
    if valid {
        Ok(())
    } else {
        Err(daraja_error(
            StatusCode::UNAUTHORIZED,
            "404.001.03",
            "Invalid Access Token",
        ))
    }
}

fn parse_json(bytes: &Bytes) -> Result<Value, Refusal> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value @ Value::Object(_)) => Ok(value),
        _ => Err(daraja_error(
            StatusCode::BAD_REQUEST,
            "400.002.05",
            "Invalid Request Payload",
        )),
    }
}

/// BusinessShortCode, Timestamp and Password, as STK push and query both carry them.
fn check_password(state: &AppState, body: &Value) -> Result<(), Refusal> {
    if text(body, "BusinessShortCode").as_deref() != Some(state.config.shortcode.as_str()) {
        return Err(bad_request("BusinessShortCode"));
    }
    let timestamp = text(body, "Timestamp").unwrap_or_default();
    if timestamp.len() != 14 || !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_request("Timestamp"));
    }
    let expected = BASE64.encode(format!(
        "{}{}{timestamp}",
        state.config.shortcode, state.config.passkey
    ));
    if text(body, "Password").as_deref() != Some(expected.as_str()) {
        return Err(bad_request("Password"));
    }
    Ok(())
}

// ---- Handlers ----

async fn token(
    State(state): State<Shared>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Answer {
    state.token_requests.fetch_add(1, Ordering::SeqCst);
    if query.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return Err(daraja_error(
            StatusCode::BAD_REQUEST,
            "400.008.02",
            "Invalid grant type passed",
        ));
    }
    let credentials = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|v| BASE64.decode(v.trim()).ok())
        .and_then(|v| String::from_utf8(v).ok());
    let expected = format!(
        "{}:{}",
        state.config.consumer_key, state.config.consumer_secret
    );
    if credentials.as_deref() != Some(expected.as_str()) {
        tracing::info!("token refused: wrong credentials");
        return Err(daraja_error(
            StatusCode::BAD_REQUEST,
            "400.008.01",
            "Invalid Authentication passed",
        ));
    }
    let token = new_id();
    let lifetime = state.config.token_lifetime_secs;
    lock(&state.tokens).insert(
        token.clone(),
        Instant::now() + Duration::from_secs(lifetime),
    );
    tracing::info!("token issued");
    Ok(
        axum::Json(json!({ "access_token": token, "expires_in": lifetime.to_string() }))
            .into_response(),
    )
}

async fn stk_push(State(state): State<Shared>, headers: HeaderMap, bytes: Bytes) -> Answer {
    check_bearer(&state, &headers)?;
    let body = parse_json(&bytes)?;
    check_password(&state, &body)?;
    if !matches!(
        text(&body, "TransactionType").as_deref(),
        Some("CustomerPayBillOnline" | "CustomerBuyGoodsOnline")
    ) {
        return Err(bad_request("TransactionType"));
    }
    let Some(amount) = whole_amount(&body, "Amount") else {
        return Err(bad_request("Amount"));
    };
    let phone = text(&body, "PhoneNumber").unwrap_or_default();
    if !is_msisdn(&phone) {
        return Err(bad_request("PhoneNumber"));
    }
    if !text(&body, "PartyA").is_some_and(|p| is_msisdn(&p)) {
        return Err(bad_request("PartyA"));
    }
    if text(&body, "PartyB").is_none() {
        return Err(bad_request("PartyB"));
    }
    let callback_url = text(&body, "CallBackURL").unwrap_or_default();
    if !(callback_url.starts_with("http://") || callback_url.starts_with("https://")) {
        return Err(bad_request("CallBackURL"));
    }
    if text(&body, "AccountReference").is_none_or(|r| r.chars().count() > 12) {
        return Err(bad_request("AccountReference"));
    }
    if text(&body, "TransactionDesc").is_none() {
        return Err(bad_request("TransactionDesc"));
    }

    let n = state.sequence.fetch_add(1, Ordering::SeqCst);
    let merchant_request_id = format!("29115-{}-1", 34_620_000 + n);
    let checkout_request_id = format!("ws_CO_{}{n:06}", timestamp_eat(unix_now()));
    lock(&state.transactions).insert(
        checkout_request_id.clone(),
        Transaction {
            merchant_request_id: merchant_request_id.clone(),
            result: None,
        },
    );
    state.stk_pushes.fetch_add(1, Ordering::SeqCst);
    let outcome = Outcome::for_phone(&phone);
    tracing::info!(checkout_request_id, ?outcome, "STK push accepted");
    tokio::spawn(finish_stk(
        state.clone(),
        checkout_request_id.clone(),
        outcome,
        callback_url,
        amount,
        phone,
    ));
    Ok(axum::Json(json!({
        "MerchantRequestID": merchant_request_id,
        "CheckoutRequestID": checkout_request_id,
        "ResponseCode": "0",
        "ResponseDescription": "Success. Request accepted for processing",
        "CustomerMessage": "Success. Request accepted for processing",
    }))
    .into_response())
}

/// The customer's side of an STK push: decide after a delay, then call back (or not, or twice).
async fn finish_stk(
    state: Shared,
    checkout_request_id: String,
    outcome: Outcome,
    callback_url: String,
    amount: u64,
    phone: String,
) {
    let delay = match outcome {
        Outcome::NeverCallsBack => return,
        Outcome::CallsBackLate => state.config.late_delay,
        _ => state.config.callback_delay,
    };
    tokio::time::sleep(delay).await;
    let (code, description) = outcome.result();
    let merchant_request_id = {
        let mut transactions = lock(&state.transactions);
        let Some(transaction) = transactions.get_mut(&checkout_request_id) else {
            return;
        };
        transaction.result = Some((code, description));
        transaction.merchant_request_id.clone()
    };
    let mut callback = json!({
        "MerchantRequestID": merchant_request_id,
        "CheckoutRequestID": checkout_request_id,
        "ResultCode": code,
        "ResultDesc": description,
    });
    if code == 0 {
        let receipt: String = new_id().to_uppercase().chars().take(10).collect();
        let date: u64 = timestamp_eat(unix_now()).parse().unwrap_or(0);
        let phone_number: u64 = phone.parse().unwrap_or(0);
        callback["CallbackMetadata"] = json!({ "Item": [
            { "Name": "Amount", "Value": amount },
            { "Name": "MpesaReceiptNumber", "Value": receipt },
            { "Name": "Balance" },
            { "Name": "TransactionDate", "Value": date },
            { "Name": "PhoneNumber", "Value": phone_number },
        ]});
    }
    let body = json!({ "Body": { "stkCallback": callback } });
    let times = if outcome == Outcome::CallsBackTwice {
        2
    } else {
        1
    };
    for _ in 0..times {
        state.callbacks_sent.fetch_add(1, Ordering::SeqCst);
        match state.http.post(&callback_url).json(&body).send().await {
            Ok(response) => {
                tracing::info!(checkout_request_id, status = %response.status(), "STK callback sent")
            }
            Err(error) => tracing::warn!(checkout_request_id, %error, "STK callback failed"),
        }
    }
}

async fn stk_query(State(state): State<Shared>, headers: HeaderMap, bytes: Bytes) -> Answer {
    check_bearer(&state, &headers)?;
    let body = parse_json(&bytes)?;
    check_password(&state, &body)?;
    let checkout_request_id = text(&body, "CheckoutRequestID").unwrap_or_default();
    let found = lock(&state.transactions)
        .get(&checkout_request_id)
        .map(|t| (t.merchant_request_id.clone(), t.result));
    match found {
        None => Err(bad_request("CheckoutRequestID")),
        Some((_, None)) => Err(daraja_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "500.001.1001",
            "The transaction is being processed",
        )),
        Some((merchant_request_id, Some((code, description)))) => Ok(axum::Json(json!({
            "ResponseCode": "0",
            "ResponseDescription": "The service request has been accepted successsfully",
            "MerchantRequestID": merchant_request_id,
            "CheckoutRequestID": checkout_request_id,
            "ResultCode": code.to_string(),
            "ResultDesc": description,
        }))
        .into_response()),
    }
}

async fn c2b_register(State(state): State<Shared>, headers: HeaderMap, bytes: Bytes) -> Answer {
    check_bearer(&state, &headers)?;
    let body = parse_json(&bytes)?;
    if text(&body, "ShortCode").as_deref() != Some(state.config.shortcode.as_str()) {
        return Err(bad_request("ShortCode"));
    }
    let complete_if_unreachable = match text(&body, "ResponseType").as_deref() {
        Some("Completed") => true,
        Some("Cancelled") => false,
        _ => return Err(bad_request("ResponseType")),
    };
    let url =
        |name| text(&body, name).filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let (Some(validation_url), Some(confirmation_url)) =
        (url("ValidationURL"), url("ConfirmationURL"))
    else {
        return Err(bad_request("URL"));
    };
    *lock(&state.c2b) = Some(C2bRegistration {
        validation_url,
        confirmation_url,
        complete_if_unreachable,
    });
    tracing::info!("C2B URLs registered");
    Ok(axum::Json(json!({
        "OriginatorCoversationID": new_id(),
        "ResponseCode": "0",
        "ResponseDescription": "Success",
    }))
    .into_response())
}

async fn c2b_simulate(State(state): State<Shared>, headers: HeaderMap, bytes: Bytes) -> Answer {
    check_bearer(&state, &headers)?;
    let body = parse_json(&bytes)?;
    if text(&body, "ShortCode").as_deref() != Some(state.config.shortcode.as_str()) {
        return Err(bad_request("ShortCode"));
    }
    if !matches!(
        text(&body, "CommandID").as_deref(),
        Some("CustomerPayBillOnline" | "CustomerBuyGoodsOnline")
    ) {
        return Err(bad_request("CommandID"));
    }
    let Some(amount) = whole_amount(&body, "Amount") else {
        return Err(bad_request("Amount"));
    };
    let msisdn = text(&body, "Msisdn").unwrap_or_default();
    if !is_msisdn(&msisdn) {
        return Err(bad_request("Msisdn"));
    }
    let bill_ref = text(&body, "BillRefNumber").unwrap_or_default();
    if lock(&state.c2b).is_none() {
        return Err(bad_request("ShortCode - no URLs registered"));
    }
    let transaction = c2b_transaction(&state, amount, &msisdn, &bill_ref);
    tokio::spawn(finish_c2b(state.clone(), transaction));
    Ok(axum::Json(json!({
        "OriginatorCoversationID": new_id(),
        "ResponseCode": "0",
        "ResponseDescription": "Accept the service request successfully.",
    }))
    .into_response())
}

/// A transaction code as M-Pesa writes them: 10 capitals and digits, the first a letter (here always `S`), the
/// other 9 random. Real-looking codes let the portal's code checks and masking run on them.
fn mpesa_code() -> String {
    const ALPHABET: &[u8; 36] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    // The low 62 bits of a v4 UUID are all random: plenty for 9 base-36 characters (about 47 bits).
    let mut random = uuid::Uuid::new_v4().as_u128() & ((1 << 62) - 1);
    let mut code = String::from("S");
    for _ in 0..9 {
        code.push(char::from(ALPHABET[(random % 36) as usize]));
        random /= 36;
    }
    code
}

/// The C2B body Daraja posts to the validation and confirmation URLs.
fn c2b_transaction(state: &AppState, amount: u64, msisdn: &str, bill_ref: &str) -> Value {
    json!({
        "TransactionType": "Pay Bill",
        "TransID": mpesa_code(),
        "TransTime": timestamp_eat(unix_now()),
        "TransAmount": format!("{amount}.00"),
        "BusinessShortCode": state.config.shortcode,
        "BillRefNumber": bill_ref,
        "InvoiceNumber": "",
        "OrgAccountBalance": "",
        "ThirdPartyTransID": "",
        "MSISDN": msisdn,
        "FirstName": "John",
        "MiddleName": "",
        "LastName": "Doe",
    })
}

/// What became of a C2B payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum C2bDelivery {
    /// No URLs registered for the shortcode: nobody to pay.
    NotRegistered,
    /// The validation URL said no (or could not be reached and the registration says "Cancelled").
    Rejected,
    /// Validated, and the confirmation was posted.
    Confirmed,
}

/// The API's simulate: after the callback delay, as Daraja does it in the background.
async fn finish_c2b(state: Shared, transaction: Value) {
    tokio::time::sleep(state.config.callback_delay).await;
    deliver_c2b(&state, &transaction).await;
}

/// Validation first; confirmation if it accepts (or cannot be reached and the registration says "Completed").
async fn deliver_c2b(state: &AppState, transaction: &Value) -> C2bDelivery {
    let Some((validation_url, confirmation_url, complete_if_unreachable)) =
        lock(&state.c2b).as_ref().map(|r| {
            (
                r.validation_url.clone(),
                r.confirmation_url.clone(),
                r.complete_if_unreachable,
            )
        })
    else {
        return C2bDelivery::NotRegistered;
    };
    let accepted = match state
        .http
        .post(&validation_url)
        .json(transaction)
        .send()
        .await
    {
        Ok(response) => match response.json::<Value>().await {
            Ok(answer) => text(&answer, "ResultCode").as_deref() == Some("0"),
            Err(_) => complete_if_unreachable,
        },
        Err(_) => complete_if_unreachable,
    };
    if !accepted {
        tracing::info!("C2B payment rejected by validation");
        return C2bDelivery::Rejected;
    }
    state.c2b_confirmations.fetch_add(1, Ordering::SeqCst);
    if let Err(error) = state
        .http
        .post(&confirmation_url)
        .json(transaction)
        .send()
        .await
    {
        tracing::warn!(%error, "C2B confirmation failed");
    }
    C2bDelivery::Confirmed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_by_last_three_digits() {
        assert_eq!(Outcome::for_phone("254712345000"), Outcome::Success);
        assert_eq!(Outcome::for_phone("254712345678"), Outcome::Success);
        assert_eq!(
            Outcome::for_phone("254712345001"),
            Outcome::InsufficientFunds
        );
        assert_eq!(Outcome::for_phone("254712345032"), Outcome::Cancelled);
        assert_eq!(Outcome::for_phone("254712345037"), Outcome::Unreachable);
        assert_eq!(Outcome::for_phone("254712345201"), Outcome::WrongPin);
        assert_eq!(Outcome::for_phone("254712345404"), Outcome::NeverCallsBack);
        assert_eq!(Outcome::for_phone("254712345002"), Outcome::CallsBackTwice);
        assert_eq!(Outcome::for_phone("254712345009"), Outcome::CallsBackLate);
        assert_eq!(Outcome::for_phone("1"), Outcome::Success);
    }

    #[test]
    fn transaction_codes_look_like_mpesa_codes() {
        let codes: Vec<String> = (0..200).map(|_| mpesa_code()).collect();
        for code in &codes {
            assert_eq!(code.len(), 10, "{code}");
            assert!(code.starts_with('S'), "{code}");
            assert!(
                code.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
                "{code}"
            );
        }
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), codes.len());
    }

    #[test]
    fn timestamps_in_kenya_time() {
        assert_eq!(timestamp_eat(0), "19700101030000");
        assert_eq!(timestamp_eat(1_704_056_400), "20240101000000");
    }
}
