//! The Daraja client against the local stand-in, both in process; callbacks land in a small axum receiver.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::post;
use njia_daraja::{
    C2bResponseType, C2bTransaction, DarajaClient, DarajaConfig, DarajaError, ResultCode,
    StkCallback, StkCallbackEnvelope, StkPushRequest, StkQueryStatus,
};
use njia_mpesa_standin::{StandinConfig, StandinHandle, spawn};
use serde_json::{Value, json};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::time::timeout;

const WAIT: Duration = Duration::from_secs(5);

type Sink = UnboundedSender<(&'static str, Value)>;

/// What Daraja posted to us, in order: ("stk" | "validation" | "confirmation", body).
struct Receiver {
    base_url: String,
    rx: UnboundedReceiver<(&'static str, Value)>,
    _task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    async fn next(&mut self) -> (&'static str, Value) {
        timeout(WAIT, self.rx.recv())
            .await
            .expect("a callback in time")
            .expect("channel open")
    }

    async fn next_stk(&mut self) -> StkCallback {
        let (kind, body) = self.next().await;
        assert_eq!(kind, "stk");
        serde_json::from_value::<StkCallbackEnvelope>(body)
            .expect("an stkCallback body")
            .body
            .stk_callback
    }

    async fn nothing_within(&mut self, wait: Duration) -> bool {
        timeout(wait, self.rx.recv()).await.is_err()
    }
}

async fn receiver() -> Receiver {
    async fn stk(State(sink): State<Sink>, Json(body): Json<Value>) -> Json<Value> {
        let _ = sink.send(("stk", body));
        Json(json!({ "ResultCode": 0, "ResultDesc": "Accepted" }))
    }
    async fn validation(State(sink): State<Sink>, Json(body): Json<Value>) -> Json<Value> {
        let _ = sink.send(("validation", body));
        Json(json!({ "ResultCode": "0", "ResultDesc": "Accepted" }))
    }
    async fn confirmation(State(sink): State<Sink>, Json(body): Json<Value>) -> Json<Value> {
        let _ = sink.send(("confirmation", body));
        Json(json!({ "ResultCode": 0, "ResultDesc": "Success" }))
    }
    let (tx, rx) = unbounded_channel();
    let app = Router::new()
        .route("/cb/s3cret/stk", post(stk))
        .route("/cb/s3cret/c2b/validation", post(validation))
        .route("/cb/s3cret/c2b/confirmation", post(confirmation))
        .with_state(tx);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.expect("receiver serves");
    });
    Receiver {
        base_url: format!("http://{addr}/cb/s3cret"),
        rx,
        _task: task,
    }
}

fn fast() -> StandinConfig {
    StandinConfig {
        callback_delay: Duration::from_millis(20),
        late_delay: Duration::from_millis(400),
        ..StandinConfig::default()
    }
}

struct Setup {
    client: Arc<DarajaClient>,
    standin: StandinHandle,
    callbacks: Receiver,
}

async fn setup_with(standin_config: StandinConfig, tweak: impl FnOnce(&mut DarajaConfig)) -> Setup {
    let callbacks = receiver().await;
    let (addr, standin) = spawn(standin_config.clone())
        .await
        .expect("stand-in starts");
    let mut config = DarajaConfig {
        base_url: format!("http://{addr}"),
        consumer_key: standin_config.consumer_key,
        consumer_secret: standin_config.consumer_secret,
        shortcode: standin_config.shortcode,
        passkey: standin_config.passkey,
        callback_base_url: callbacks.base_url.clone(),
    };
    tweak(&mut config);
    Setup {
        client: Arc::new(DarajaClient::new(config).expect("client")),
        standin,
        callbacks,
    }
}

async fn setup() -> Setup {
    setup_with(fast(), |_| {}).await
}

fn push(phone: &str, amount_cents: i64) -> StkPushRequest {
    StkPushRequest {
        amount_cents,
        phone: phone.into(),
        account_reference: "NJ-INV00042".into(),
        description: "Smart DL".into(),
    }
}

async fn query_done(client: &DarajaClient, checkout_request_id: &str) -> ResultCode {
    match client
        .stk_query(checkout_request_id)
        .await
        .expect("query answers")
    {
        StkQueryStatus::Done(response) => {
            assert_eq!(response.checkout_request_id, checkout_request_id);
            response.result()
        }
        StkQueryStatus::Pending => panic!("still pending"),
    }
}

#[tokio::test]
async fn twenty_concurrent_pushes_fetch_one_token() {
    let s = setup().await;
    let pushes = (0..20).map(|_| {
        let client = s.client.clone();
        tokio::spawn(async move { client.stk_push(&push("0712345678", 10_000)).await })
    });
    for pushed in futures_join(pushes).await {
        let response = pushed.expect("push accepted");
        assert_eq!(response.response_code, "0");
        assert!(response.checkout_request_id.starts_with("ws_CO_"));
    }
    assert_eq!(s.standin.token_requests(), 1);
    assert_eq!(s.standin.stk_pushes(), 20);
}

async fn futures_join<T: Send + 'static>(
    handles: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<T> {
    let mut results = Vec::new();
    for handle in handles.collect::<Vec<_>>() {
        results.push(handle.await.expect("task finished"));
    }
    results
}

#[tokio::test]
async fn token_is_fetched_again_after_it_expires() {
    let s = setup_with(
        StandinConfig {
            token_lifetime_secs: 1,
            ..fast()
        },
        |_| {},
    )
    .await;
    s.client
        .stk_push(&push("0712345678", 10_000))
        .await
        .expect("first push");
    s.client
        .stk_push(&push("0712345678", 10_000))
        .await
        .expect("second push");
    assert_eq!(s.standin.token_requests(), 1, "cached while valid");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    s.client
        .stk_push(&push("0712345678", 10_000))
        .await
        .expect("push after expiry");
    assert_eq!(s.standin.token_requests(), 2, "refetched after expiry");
}

#[tokio::test]
async fn successful_push_calls_back_with_receipt_and_amount() {
    let mut s = setup().await;
    let response = s
        .client
        .stk_push(&push("0712 345 000", 305_000))
        .await
        .expect("push accepted");
    assert_eq!(response.response_code, "0");
    assert!(!response.merchant_request_id.is_empty());
    assert!(!response.customer_message.is_empty());

    let callback = s.callbacks.next_stk().await;
    assert_eq!(callback.checkout_request_id, response.checkout_request_id);
    assert_eq!(callback.merchant_request_id, response.merchant_request_id);
    assert_eq!(callback.result(), ResultCode::Success);
    assert_eq!(callback.amount_cents(), Some(305_000));
    let receipt = callback.receipt_number().expect("a receipt number");
    assert_eq!(receipt.len(), 10);
    assert!(receipt.chars().all(|c| c.is_ascii_alphanumeric()));
    assert_eq!(callback.phone_number().as_deref(), Some("254712345000"));
    let date = callback.transaction_date().expect("a transaction date");
    assert_eq!(date.len(), 14);

    assert_eq!(
        query_done(&s.client, &response.checkout_request_id).await,
        ResultCode::Success
    );
}

#[tokio::test]
async fn each_failure_outcome_has_its_result_code() {
    let mut s = setup().await;
    for (phone, expected) in [
        ("0712345001", ResultCode::InsufficientFunds),
        ("0712345032", ResultCode::CancelledByUser),
        ("0712345037", ResultCode::PhoneUnreachable),
        ("0712345201", ResultCode::WrongPin),
    ] {
        let response = s
            .client
            .stk_push(&push(phone, 10_000))
            .await
            .expect("push accepted");
        let callback = s.callbacks.next_stk().await;
        assert_eq!(
            callback.checkout_request_id, response.checkout_request_id,
            "{phone}"
        );
        assert_eq!(callback.result(), expected, "{phone}");
        assert!(
            callback.callback_metadata.is_none(),
            "{phone}: no metadata on failure"
        );
        assert_eq!(callback.amount_cents(), None);
        assert_eq!(
            query_done(&s.client, &response.checkout_request_id).await,
            expected,
            "{phone}"
        );
    }
}

#[tokio::test]
async fn a_duplicate_callback_arrives_twice() {
    let mut s = setup().await;
    let response = s
        .client
        .stk_push(&push("0712345002", 10_000))
        .await
        .expect("push accepted");
    let first = s.callbacks.next_stk().await;
    let second = s.callbacks.next_stk().await;
    assert_eq!(first.checkout_request_id, response.checkout_request_id);
    assert_eq!(second.checkout_request_id, response.checkout_request_id);
    assert_eq!(first.receipt_number(), second.receipt_number());
    assert!(
        s.callbacks.nothing_within(Duration::from_millis(200)).await,
        "only twice"
    );
    assert_eq!(s.standin.callbacks_sent(), 2);
}

#[tokio::test]
async fn no_callback_and_the_query_says_pending() {
    let mut s = setup().await;
    let response = s
        .client
        .stk_push(&push("0712345404", 10_000))
        .await
        .expect("push accepted");
    assert!(
        s.callbacks.nothing_within(Duration::from_millis(300)).await,
        "no callback"
    );
    let status = s
        .client
        .stk_query(&response.checkout_request_id)
        .await
        .expect("query answers");
    assert!(matches!(status, StkQueryStatus::Pending), "{status:?}");
}

#[tokio::test]
async fn a_late_callback_is_pending_until_it_comes() {
    let mut s = setup().await;
    let response = s
        .client
        .stk_push(&push("0712345009", 10_000))
        .await
        .expect("push accepted");
    let status = s
        .client
        .stk_query(&response.checkout_request_id)
        .await
        .expect("query answers");
    assert!(matches!(status, StkQueryStatus::Pending), "{status:?}");
    assert!(
        s.callbacks.nothing_within(Duration::from_millis(150)).await,
        "not yet"
    );
    let callback = s.callbacks.next_stk().await;
    assert_eq!(callback.checkout_request_id, response.checkout_request_id);
    assert!(callback.result().is_success());
    assert_eq!(
        query_done(&s.client, &response.checkout_request_id).await,
        ResultCode::Success
    );
}

#[tokio::test]
async fn query_for_an_unknown_checkout_is_an_api_error() {
    let s = setup().await;
    let error = s
        .client
        .stk_query("ws_CO_nonsense")
        .await
        .expect_err("unknown id");
    assert!(
        matches!(error, DarajaError::Api { status: 400, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn wrong_credentials_are_a_typed_auth_error() {
    let s = setup_with(fast(), |c| c.consumer_secret = "not-the-secret".into()).await;
    let error = s
        .client
        .stk_push(&push("0712345678", 10_000))
        .await
        .expect_err("refused");
    match &error {
        DarajaError::Auth { status, code, .. } => {
            assert_eq!(*status, 400);
            assert_eq!(code, "400.008.01");
        }
        other => panic!("expected Auth, got {other:?}"),
    }
    assert!(!error.to_string().contains("not-the-secret"));
    assert_eq!(s.standin.stk_pushes(), 0);
}

#[tokio::test]
async fn a_wrong_passkey_is_refused() {
    let s = setup_with(fast(), |c| c.passkey = "wrong-passkey".into()).await;
    let error = s
        .client
        .stk_push(&push("0712345678", 10_000))
        .await
        .expect_err("refused");
    match &error {
        DarajaError::Api {
            status,
            code,
            message,
            ..
        } => {
            assert_eq!(*status, 400);
            assert_eq!(code, "400.002.02");
            assert!(message.contains("Password"), "{message}");
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert!(!error.to_string().contains("wrong-passkey"));
    assert_eq!(s.standin.stk_pushes(), 0);
}

#[tokio::test]
async fn an_amount_with_cents_is_refused_before_sending() {
    let s = setup().await;
    let error = s
        .client
        .stk_push(&push("0712345678", 10_050))
        .await
        .expect_err("refused");
    assert!(
        matches!(error, DarajaError::AmountHasCents { cents: 10_050 }),
        "{error:?}"
    );
    let error = s
        .client
        .c2b_simulate(99, "0712345678", "NJ-1")
        .await
        .expect_err("refused");
    assert!(
        matches!(error, DarajaError::AmountHasCents { cents: 99 }),
        "{error:?}"
    );
    assert_eq!(s.standin.token_requests(), 0, "nothing was sent");
}

#[tokio::test]
async fn a_bad_phone_is_refused_before_sending() {
    let s = setup().await;
    let error = s
        .client
        .stk_push(&push("0201234567", 10_000))
        .await
        .expect_err("refused");
    assert!(matches!(error, DarajaError::InvalidPhone), "{error:?}");
    assert_eq!(s.standin.token_requests(), 0);
}

#[tokio::test]
async fn c2b_simulate_calls_validation_then_confirmation() {
    let mut s = setup().await;
    let ack = s
        .client
        .c2b_register_urls(C2bResponseType::Completed)
        .await
        .expect("registered");
    assert_eq!(ack.response_code, "0");
    let ack = s
        .client
        .c2b_simulate(65_000, "0712345678", "NJ-INV00042")
        .await
        .expect("simulated");
    assert_eq!(ack.response_code, "0");

    let (kind, body) = s.callbacks.next().await;
    assert_eq!(kind, "validation");
    let validation: C2bTransaction = serde_json::from_value(body).expect("a C2B body");
    let (kind, body) = s.callbacks.next().await;
    assert_eq!(kind, "confirmation");
    let confirmation: C2bTransaction = serde_json::from_value(body).expect("a C2B body");

    for transaction in [&validation, &confirmation] {
        assert_eq!(transaction.bill_ref_number, "NJ-INV00042");
        assert_eq!(transaction.amount_cents(), Some(65_000));
        assert_eq!(transaction.business_short_code, "174379");
        assert_eq!(transaction.msisdn, "254712345678");
        assert_eq!(transaction.trans_time.len(), 14);
        assert!(!transaction.trans_id.is_empty());
    }
    assert_eq!(validation.trans_id, confirmation.trans_id);
    assert_eq!(s.standin.c2b_confirmations(), 1);
}

#[tokio::test]
async fn a_forged_token_is_refused_with_darajas_code() {
    let s = setup().await;
    let url = format!(
        "{}/mpesa/stkpush/v1/processrequest",
        s.client.config().base_url
    );
    let response = reqwest::Client::new()
        .post(url)
        .bearer_auth("forged")
        .json(&json!({}))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 401);
    let body: Value = response.json().await.expect("a JSON error body");
    assert_eq!(body["errorCode"], "404.001.03");
    assert_eq!(s.standin.stk_pushes(), 0);
}
