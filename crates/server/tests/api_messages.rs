//! Outgoing messages: the outbox commits and rolls back with the change that causes it, the worker delivers
//! each message once with retries driven by the clock, the development outbox endpoint, and the wire formats
//! of the real senders against local stand-ins of Africa's Talking and an SMTP server. Every database test
//! runs on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;
mod support;

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestApp;
use njia_domain::api::ErrorEnvelope;
use njia_domain::api::accounts::Channel;
use njia_domain::api::dev::OutboxList;
use njia_server::app::{self, AppState};
use njia_server::clock::{Clock, ManualClock};
use njia_server::config::Config;
use njia_server::db::Db;
use njia_server::messages::{
    self, AfricasTalkingSender, ApiKey, MAX_ATTEMPTS, Message, MessagesConfig, Outbox,
    QueuedMessage, SendError, SendFuture, Sender, SmtpSender,
};
use reqwest::StatusCode;
use support::africastalking::{API_KEY, AfricasTalking, USERNAME};
use support::smtp::Smtp;

/// A second pool on the app's database, as another part of the server (or another instance) would have.
async fn database(app: &TestApp) -> Db {
    Db::connect(&app.database_url).await.unwrap()
}

fn sms(to: &str, body: &str) -> Message {
    Message {
        channel: Channel::Sms,
        to: to.into(),
        subject: None,
        body: body.into(),
        purpose: "sign_in_code",
    }
}

async fn enqueue_committed(db: &Db, message: &Message, clock: &dyn Clock) -> String {
    let mut tx = db.begin().await.unwrap();
    let id = messages::enqueue(&mut tx, message, clock.now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn stored(db: &Db, id: &str) -> messages::StoredMessage {
    messages::find(&db.pool, id)
        .await
        .unwrap()
        .expect("the message is in the outbox")
}

/// A sender that plays back scripted outcomes, then repeats `otherwise`, and records every try.
struct Scripted {
    script: Mutex<VecDeque<Result<(), SendError>>>,
    otherwise: Result<(), SendError>,
    delay: Duration,
    tries: Mutex<Vec<(String, bool)>>,
}

impl Scripted {
    fn new(script: Vec<Result<(), SendError>>, otherwise: Result<(), SendError>) -> Arc<Scripted> {
        Arc::new(Scripted {
            script: Mutex::new(script.into()),
            otherwise,
            delay: Duration::ZERO,
            tries: Mutex::new(Vec::new()),
        })
    }

    fn succeeding_slowly(delay: Duration) -> Arc<Scripted> {
        Arc::new(Scripted {
            script: Mutex::new(VecDeque::new()),
            otherwise: Ok(()),
            delay,
            tries: Mutex::new(Vec::new()),
        })
    }

    fn tries(&self) -> Vec<(String, bool)> {
        self.tries.lock().unwrap().clone()
    }

    fn outbox(self: &Arc<Self>) -> Outbox {
        Outbox::new(self.clone(), self.clone())
    }
}

impl Sender for Scripted {
    fn send<'a>(&'a self, message: &'a QueuedMessage) -> SendFuture<'a> {
        Box::pin(async move {
            if !self.delay.is_zero() {
                tokio::time::sleep(self.delay).await;
            }
            let outcome = self
                .script
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or_else(|| self.otherwise.clone());
            self.tries
                .lock()
                .unwrap()
                .push((message.id.clone(), outcome.is_ok()));
            outcome
        })
    }

    fn name(&self) -> &'static str {
        "scripted"
    }
}

#[tokio::test]
async fn a_message_enqueued_in_a_transaction_that_rolls_back_is_never_delivered() {
    for app in common::apps().await {
        let db = database(&app).await;
        let sender = Scripted::new(vec![], Ok(()));
        let outbox = sender.outbox();

        let mut tx = db.begin().await.unwrap();
        let id = messages::enqueue(
            &mut tx,
            &sms("+254712345678", "Your code is 482913"),
            app.clock.now_ms(),
        )
        .await
        .unwrap();
        tx.rollback().await.unwrap();
        outbox.notify();

        assert_eq!(
            messages::deliver_due(&db, &outbox, &app.clock)
                .await
                .unwrap(),
            0,
            "{}",
            app.engine
        );
        assert!(sender.tries().is_empty());
        assert!(messages::find(&db.pool, &id).await.unwrap().is_none());
        let listed: OutboxList = app.get("/api/dev/outbox").await.json().await.unwrap();
        assert!(listed.items.is_empty(), "{}", app.engine);
    }
}

#[tokio::test]
async fn a_committed_message_is_delivered_once_by_the_worker_and_listed_in_the_dev_outbox() {
    for app in common::apps().await {
        let db = database(&app).await;
        let outbox = Arc::new(Outbox::local());
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let worker = messages::spawn_worker(
            db.clone(),
            outbox.clone(),
            Arc::new(app.clock.clone()),
            stopped,
        );
        // Let the worker finish its first pass and wait: what follows must be woken by `notify`, not the poll.
        tokio::time::sleep(Duration::from_millis(100)).await;

        let message = Message {
            channel: Channel::Email,
            to: "wanjiru@example.com".into(),
            subject: Some("Confirm your email".into()),
            body: "Your Njia code is 482913.".into(),
            purpose: "email_confirmation_code",
        };
        let id = enqueue_committed(&db, &message, &app.clock).await;
        let rung = Instant::now();
        outbox.notify();
        let sent_at = loop {
            if let Some(sent_at) = stored(&db, &id).await.sent_at {
                break sent_at;
            }
            assert!(
                rung.elapsed() < Duration::from_secs(10),
                "{}: never delivered",
                app.engine
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        };
        assert!(
            rung.elapsed() < Duration::from_millis(1500),
            "{}: notify wakes the worker before its 2-second poll ({:?})",
            app.engine,
            rung.elapsed()
        );
        assert_eq!(sent_at, app.clock.now_ms(), "times come from the clock");

        let response = app.get("/api/dev/outbox").await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.engine);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let listed: OutboxList = response.json().await.unwrap();
        assert_eq!(listed.items.len(), 1);
        let item = &listed.items[0];
        assert_eq!(item.id, id);
        assert_eq!(item.channel, Channel::Email);
        assert_eq!(item.to, "wanjiru@example.com");
        assert_eq!(item.subject.as_deref(), Some("Confirm your email"));
        assert_eq!(item.body, "Your Njia code is 482913.");
        assert_eq!(
            item.created_at,
            njia_server::clock::rfc3339(app.clock.now_ms())
        );
        assert_eq!(item.sent_at.as_deref(), Some(item.created_at.as_str()));

        stop.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(2), worker)
            .await
            .expect("the worker stops promptly")
            .unwrap();
        // Later passes leave a sent message alone.
        app.clock.advance_secs(3600);
        assert_eq!(
            messages::deliver_due(&db, &outbox, &app.clock)
                .await
                .unwrap(),
            0
        );
        let row = stored(&db, &id).await;
        assert_eq!(
            (row.attempts, row.sent_at),
            (1, Some(sent_at)),
            "{}",
            app.engine
        );
    }
}

#[tokio::test]
async fn a_flaky_sender_delivers_exactly_once_after_backing_off() {
    for app in common::apps().await {
        let db = database(&app).await;
        let sender = Scripted::new(
            vec![
                Err(SendError::Retryable(
                    "Africa's Talking failed (HTTP 500)".into(),
                )),
                Err(SendError::Retryable("Africa's Talking: timed out".into())),
            ],
            Ok(()),
        );
        let outbox = sender.outbox();
        let id = enqueue_committed(
            &db,
            &sms("+254712345678", "Your code is 482913"),
            &app.clock,
        )
        .await;
        let start = app.clock.now_ms();
        let pass = || messages::deliver_due(&db, &outbox, &app.clock);

        assert_eq!(pass().await.unwrap(), 1, "{}: first try fails", app.engine);
        let row = stored(&db, &id).await;
        assert_eq!(row.attempts, 1);
        assert_eq!(row.next_attempt_at, start + 5_000);
        assert_eq!(
            row.last_error.as_deref(),
            Some("Africa's Talking failed (HTTP 500)")
        );
        assert!(row.sent_at.is_none() && row.failed_at.is_none());
        assert_eq!(pass().await.unwrap(), 0, "not due again yet");

        app.clock.advance_secs(4);
        assert_eq!(pass().await.unwrap(), 0);
        app.clock.advance_secs(1);
        assert_eq!(pass().await.unwrap(), 1, "second try fails");
        let row = stored(&db, &id).await;
        assert_eq!(row.attempts, 2);
        assert_eq!(
            row.next_attempt_at,
            start + 5_000 + 10_000,
            "the delay doubles"
        );

        app.clock.advance_secs(9);
        assert_eq!(pass().await.unwrap(), 0);
        app.clock.advance_secs(1);
        assert_eq!(pass().await.unwrap(), 1, "third try succeeds");
        let row = stored(&db, &id).await;
        assert_eq!(row.attempts, 3);
        assert_eq!(row.sent_at, Some(start + 15_000));
        assert!(row.failed_at.is_none());
        assert_eq!(
            row.last_error.as_deref(),
            Some("Africa's Talking: timed out"),
            "the history stays"
        );

        app.clock.advance_secs(3600);
        assert_eq!(pass().await.unwrap(), 0);
        let tries = sender.tries();
        assert_eq!(tries.len(), 3, "{}", app.engine);
        assert_eq!(
            tries.iter().filter(|(_, ok)| *ok).count(),
            1,
            "delivered exactly once"
        );
    }
}

#[tokio::test]
async fn a_permanent_failure_stops_retrying() {
    for app in common::apps().await {
        let db = database(&app).await;
        let sender = Scripted::new(
            vec![],
            Err(SendError::Permanent(
                "Africa's Talking: InvalidPhoneNumber (403)".into(),
            )),
        );
        let outbox = sender.outbox();
        let id = enqueue_committed(
            &db,
            &sms("+254700000000", "Your code is 482913"),
            &app.clock,
        )
        .await;

        assert_eq!(
            messages::deliver_due(&db, &outbox, &app.clock)
                .await
                .unwrap(),
            1
        );
        let row = stored(&db, &id).await;
        assert_eq!(row.attempts, 1, "{}", app.engine);
        assert_eq!(row.failed_at, Some(app.clock.now_ms()));
        assert!(row.sent_at.is_none());
        assert_eq!(
            row.last_error.as_deref(),
            Some("Africa's Talking: InvalidPhoneNumber (403)")
        );

        for _ in 0..3 {
            app.clock.advance_secs(3600);
            assert_eq!(
                messages::deliver_due(&db, &outbox, &app.clock)
                    .await
                    .unwrap(),
                0
            );
        }
        assert_eq!(sender.tries().len(), 1, "{}", app.engine);
    }
}

#[tokio::test]
async fn retryable_failures_are_given_up_after_the_last_attempt() {
    for app in common::apps().await {
        let db = database(&app).await;
        let sender = Scripted::new(
            vec![],
            Err(SendError::Configuration(
                "Africa's Talking: InsufficientBalance (405)".into(),
            )),
        );
        let outbox = sender.outbox();
        let id = enqueue_committed(
            &db,
            &sms("+254712345678", "Your code is 482913"),
            &app.clock,
        )
        .await;

        for attempt in 1..=MAX_ATTEMPTS {
            assert_eq!(
                messages::deliver_due(&db, &outbox, &app.clock)
                    .await
                    .unwrap(),
                1,
                "try {attempt}"
            );
            let row = stored(&db, &id).await;
            assert_eq!(row.attempts, attempt);
            assert_eq!(
                row.failed_at.is_some(),
                attempt == MAX_ATTEMPTS,
                "{}: try {attempt}",
                app.engine
            );
            app.clock.advance_secs(600);
        }
        assert_eq!(
            messages::deliver_due(&db, &outbox, &app.clock)
                .await
                .unwrap(),
            0
        );
        assert_eq!(sender.tries().len() as i64, MAX_ATTEMPTS, "{}", app.engine);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_racing_over_the_same_rows_deliver_each_message_exactly_once() {
    for app in common::apps().await {
        // Two instances: each its own pool and worker, one shared record of what reached the provider.
        let sender = Scripted::succeeding_slowly(Duration::from_millis(3));
        let first = database(&app).await;
        let second = database(&app).await;
        let mut ids = Vec::new();
        for n in 0..40 {
            let to = format!("+2547123{n:05}");
            ids.push(enqueue_committed(&first, &sms(&to, "Your code is 482913"), &app.clock).await);
        }
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let clock: Arc<ManualClock> = Arc::new(app.clock.clone());
        let workers = [first.clone(), second.clone(), first.clone(), second.clone()].map(|db| {
            messages::spawn_worker(
                db,
                Arc::new(sender.outbox()),
                clock.clone(),
                stopped.clone(),
            )
        });
        let started = Instant::now();
        while sender.tries().len() < ids.len() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{}: not all delivered",
                app.engine
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // Give a late duplicate the chance to show itself.
        tokio::time::sleep(Duration::from_millis(200)).await;
        stop.send(true).unwrap();
        for worker in workers {
            worker.await.unwrap();
        }

        let mut deliveries: BTreeMap<String, usize> = BTreeMap::new();
        for (id, _) in sender.tries() {
            *deliveries.entry(id).or_default() += 1;
        }
        assert_eq!(deliveries.len(), ids.len(), "{}", app.engine);
        assert!(
            deliveries.values().all(|&n| n == 1),
            "{}: {deliveries:?}",
            app.engine
        );
        for id in &ids {
            let row = stored(&second, id).await;
            assert_eq!(row.attempts, 1, "{}", app.engine);
            assert!(row.sent_at.is_some());
        }
    }
}

#[tokio::test]
async fn the_dev_outbox_lists_the_newest_hundred_newest_first() {
    for app in common::apps().await {
        let db = database(&app).await;
        let mut ids = Vec::new();
        for n in 0..105 {
            ids.push(
                enqueue_committed(
                    &db,
                    &sms("+254712345678", &format!("Message {n}")),
                    &app.clock,
                )
                .await,
            );
            app.clock.advance_secs(1);
        }
        let listed: OutboxList = app.get("/api/dev/outbox").await.json().await.unwrap();
        assert_eq!(listed.items.len(), 100, "{}", app.engine);
        let listed_ids: Vec<&str> = listed.items.iter().map(|m| m.id.as_str()).collect();
        let newest: Vec<&str> = ids.iter().rev().take(100).map(String::as_str).collect();
        assert_eq!(listed_ids, newest);
        assert_eq!(listed.items[0].body, "Message 104");
        assert!(
            listed.items.iter().all(|m| m.sent_at.is_none()),
            "not delivered yet"
        );
    }
}

/// The app's database served by a second server whose configuration names real senders.
async fn serve_with(
    app: &TestApp,
    messages: MessagesConfig,
) -> (String, tokio::task::JoinHandle<()>) {
    let mut config = Config::for_database(app.database_url.clone(), app.spa_dir.clone());
    config.messages = messages;
    let db = database(app).await;
    let state = AppState::new(db, config, Arc::new(app.clock.clone()))
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        axum::serve(listener, app::router(state)).await.unwrap();
    });
    (base, server)
}

fn configured(at: bool, smtp: bool) -> MessagesConfig {
    MessagesConfig {
        at_username: at.then(|| USERNAME.into()),
        at_api_key: at.then(|| API_KEY.into()),
        at_sender_id: None,
        at_base_url: "http://127.0.0.1:9".into(),
        smtp_url: smtp.then(|| "smtp://127.0.0.1:9".into()),
        email_from: "Njia <no-reply@njia.local>".into(),
    }
}

#[tokio::test]
async fn the_dev_outbox_does_not_exist_when_a_real_sender_is_configured() {
    for app in common::apps().await {
        assert_eq!(
            app.get("/api/dev/outbox").await.status(),
            StatusCode::OK,
            "local only: it exists"
        );
        for (at, smtp) in [(true, false), (false, true), (true, true)] {
            let (base, server) = serve_with(&app, configured(at, smtp)).await;
            let response = reqwest::get(format!("{base}/api/dev/outbox"))
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                StatusCode::NOT_FOUND,
                "{}: sms {at}, email {smtp}",
                app.engine
            );
            let envelope: ErrorEnvelope = response.json().await.unwrap();
            assert_eq!(envelope.error.code, "not_found");
            server.abort();
        }
    }
}

#[tokio::test]
async fn a_configured_outbox_sends_sms_through_africas_talking_and_email_over_smtp() {
    let at = AfricasTalking::start().await;
    let smtp = Smtp::start().await;
    let mut engines = 0;
    for app in common::apps().await {
        engines += 1;
        let config = MessagesConfig {
            at_base_url: at.base_url.clone(),
            smtp_url: Some(smtp.url()),
            at_sender_id: Some("NJIA".into()),
            ..configured(true, true)
        };
        let outbox = Outbox::from_config(&config).unwrap();
        let db = database(&app).await;
        let text = enqueue_committed(
            &db,
            &sms("+254711000101", "Njia code 482913\n\n@njia.example #482913"),
            &app.clock,
        )
        .await;
        let email = Message {
            channel: Channel::Email,
            to: "wanjiru@example.com".into(),
            subject: Some("Reset your password".into()),
            body: "Your code is 482913.".into(),
            purpose: "password_reset_code",
        };
        let mail = enqueue_committed(&db, &email, &app.clock).await;
        assert_eq!(
            messages::deliver_due(&db, &outbox, &app.clock)
                .await
                .unwrap(),
            2,
            "{}",
            app.engine
        );
        assert!(stored(&db, &text).await.sent_at.is_some());
        assert!(stored(&db, &mail).await.sent_at.is_some());
    }
    let requests = at.requests();
    assert_eq!(requests.len(), engines);
    assert_eq!(
        requests[0].message,
        "Njia code 482913\n\n@njia.example #482913"
    );
    assert_eq!(requests[0].from.as_deref(), Some("NJIA"));
    assert_eq!(smtp.mails().len(), engines);
}

fn queued(channel: Channel, to: &str, subject: Option<&str>, body: &str) -> QueuedMessage {
    QueuedMessage {
        id: uuid::Uuid::new_v4().to_string(),
        channel,
        to: to.into(),
        subject: subject.map(str::to_owned),
        body: body.into(),
        purpose: "sign_in_code".into(),
        attempts: 0,
    }
}

#[tokio::test]
async fn africas_talking_receives_the_documented_request_and_a_success_counts_as_sent() {
    let at = AfricasTalking::start().await;
    let sender = AfricasTalkingSender::new(
        &at.base_url,
        USERNAME,
        ApiKey::new(API_KEY),
        Some("NJIA".into()),
    )
    .unwrap();
    let message = queued(
        Channel::Sms,
        "+254711000101",
        None,
        "Your Njia code is 482913. Valid 10 minutes.",
    );
    assert_eq!(sender.send(&message).await, Ok(()));
    let requests = at.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.username, USERNAME);
    assert_eq!(request.to, "+254711000101");
    assert_eq!(
        request.message,
        "Your Njia code is 482913. Valid 10 minutes."
    );
    assert_eq!(request.from.as_deref(), Some("NJIA"));
    assert_eq!(request.api_key, API_KEY);
    assert_eq!(request.accept, "application/json");

    let without_sender_id = AfricasTalkingSender::new(
        &format!("{}/", at.base_url),
        USERNAME,
        ApiKey::new(API_KEY),
        None,
    )
    .unwrap();
    assert_eq!(without_sender_id.send(&message).await, Ok(()));
    assert_eq!(
        at.requests()[1].from,
        None,
        "no `from` field without a sender ID"
    );
}

#[tokio::test]
async fn africas_talking_failures_are_classified_for_retrying() {
    let at = AfricasTalking::start().await;
    let sender =
        AfricasTalkingSender::new(&at.base_url, USERNAME, ApiKey::new(API_KEY), None).unwrap();
    let send = |to: &'static str| {
        let sender = &sender;
        async move {
            sender
                .send(&queued(Channel::Sms, to, None, "Your code is 482913"))
                .await
        }
    };

    let balance = send("+254711000405").await.unwrap_err();
    assert!(
        matches!(balance, SendError::Configuration(_)) && balance.is_retryable(),
        "{balance:?}"
    );
    assert!(balance.to_string().contains("InsufficientBalance"));

    let invalid = send("+254711000403").await.unwrap_err();
    assert!(matches!(invalid, SendError::Permanent(_)), "{invalid:?}");
    assert!(invalid.to_string().contains("InvalidPhoneNumber"));

    let down = send("+254711000500").await.unwrap_err();
    assert!(matches!(down, SendError::Retryable(_)), "{down:?}");

    let wrong_key =
        AfricasTalkingSender::new(&at.base_url, USERNAME, ApiKey::new("atsk_wrong"), None).unwrap();
    let refused = wrong_key
        .send(&queued(
            Channel::Sms,
            "+254711000101",
            None,
            "Your code is 482913",
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(refused, SendError::Configuration(_)) && refused.is_retryable(),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("401") && !refused.to_string().contains("atsk_wrong"));

    // Nothing listens on a port just freed: a network failure is retried.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let unreachable = AfricasTalkingSender::new(
        &format!("http://{closed}"),
        USERNAME,
        ApiKey::new(API_KEY),
        None,
    )
    .unwrap();
    let error = unreachable
        .send(&queued(
            Channel::Sms,
            "+254711000101",
            None,
            "Your code is 482913",
        ))
        .await
        .unwrap_err();
    assert!(matches!(error, SendError::Retryable(_)), "{error:?}");

    for error in [balance, invalid, down, refused, error] {
        assert!(
            !error.to_string().contains("482913"),
            "no message text in errors: {error}"
        );
    }
}

#[tokio::test]
async fn the_africas_talking_stand_in_refuses_malformed_requests() {
    let at = AfricasTalking::start().await;
    let client = reqwest::Client::new();
    let url = format!("{}/version1/messaging", at.base_url);
    let good = [
        ("username", USERNAME),
        ("to", "+254711000101"),
        ("message", "hello"),
    ];

    let no_key = client
        .post(&url)
        .header("accept", "application/json")
        .form(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(no_key.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        no_key.text().await.unwrap(),
        "The supplied authentication is invalid"
    );

    let json = client
        .post(&url)
        .header("accept", "application/json")
        .header("apiKey", API_KEY)
        .json(&serde_json::json!({"username": USERNAME, "to": "+254711000101", "message": "hello"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), StatusCode::BAD_REQUEST);

    let no_accept = client
        .post(&url)
        .header("apiKey", API_KEY)
        .form(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(no_accept.status(), StatusCode::BAD_REQUEST);

    let local_number = [
        ("username", USERNAME),
        ("to", "0711000101"),
        ("message", "hello"),
    ];
    let response = client
        .post(&url)
        .header("accept", "application/json")
        .header("apiKey", API_KEY)
        .form(&local_number)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    let get = client
        .get(&url)
        .header("apiKey", API_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(at.requests().is_empty());
}

#[tokio::test]
async fn email_arrives_over_smtp_with_its_from_to_subject_and_body() {
    let smtp = Smtp::start().await;
    let sender = SmtpSender::from_url(&smtp.url(), "Njia <no-reply@njia.local>").unwrap();
    let body = "Your Njia code is 482913.\n.A line that starts with a dot survives.\n\nNjia";
    let message = queued(
        Channel::Email,
        "wanjiru@example.com",
        Some("Confirm your email"),
        body,
    );
    assert_eq!(sender.send(&message).await, Ok(()));

    let mails = smtp.mails();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.mail_from, "no-reply@njia.local");
    assert_eq!(mail.rcpt_to, ["wanjiru@example.com"]);
    assert_eq!(
        mail.header("From").as_deref(),
        Some("Njia <no-reply@njia.local>")
    );
    assert_eq!(mail.header("To").as_deref(), Some("wanjiru@example.com"));
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Confirm your email")
    );
    assert!(
        mail.header("Content-Type")
            .unwrap()
            .starts_with("text/plain")
    );
    assert_eq!(mail.body().replace("\r\n", "\n").trim_end(), body);

    let untitled = queued(Channel::Email, "wanjiru@example.com", None, "Hello");
    assert_eq!(sender.send(&untitled).await, Ok(()));
    assert_eq!(
        smtp.mails()[1].header("Subject").as_deref(),
        Some("Njia"),
        "a default subject"
    );
}

#[tokio::test]
async fn smtp_refusals_are_classified_for_retrying() {
    let smtp = Smtp::start().await;
    let sender = SmtpSender::from_url(&smtp.url(), "Njia <no-reply@njia.local>").unwrap();
    let send = |to: &'static str| {
        let sender = &sender;
        async move {
            sender
                .send(&queued(
                    Channel::Email,
                    to,
                    Some("Code"),
                    "Your code is 482913",
                ))
                .await
        }
    };

    let refused = send("reject-permanent@example.com").await.unwrap_err();
    assert!(matches!(refused, SendError::Permanent(_)), "{refused:?}");
    assert!(
        refused.to_string().contains("550") && !refused.to_string().contains("reject-permanent")
    );

    let deferred = send("reject-later@example.com").await.unwrap_err();
    assert!(matches!(deferred, SendError::Retryable(_)), "{deferred:?}");

    let invalid = send("not an address").await.unwrap_err();
    assert!(matches!(invalid, SendError::Permanent(_)), "{invalid:?}");
    assert!(smtp.mails().is_empty());

    // Refusals leave nothing half-done: the next message goes through.
    assert_eq!(send("wanjiru@example.com").await, Ok(()));

    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let unreachable =
        SmtpSender::from_url(&format!("smtp://127.0.0.1:{closed}"), "no-reply@njia.local").unwrap();
    let error = unreachable
        .send(&queued(
            Channel::Email,
            "wanjiru@example.com",
            None,
            "Hello",
        ))
        .await
        .unwrap_err();
    assert!(matches!(error, SendError::Retryable(_)), "{error:?}");
}

#[tokio::test]
async fn the_smtp_stand_in_refuses_commands_out_of_order() {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let smtp = Smtp::start().await;
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", smtp.port))
        .await
        .unwrap();
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    assert!(
        lines
            .next_line()
            .await
            .unwrap()
            .unwrap()
            .starts_with("220 ")
    );
    let mut say = async |command: &str| {
        write.write_all(command.as_bytes()).await.unwrap();
        lines.next_line().await.unwrap().unwrap()
    };
    assert!(
        say("MAIL FROM:<a@example.com>\r\n")
            .await
            .starts_with("503 "),
        "EHLO first"
    );
    assert!(say("HELO client.test\r\n").await.starts_with("250 "));
    assert!(
        say("RCPT TO:<b@example.com>\r\n").await.starts_with("503 "),
        "MAIL first"
    );
    assert!(
        say("MAIL FROM:a@example.com\r\n").await.starts_with("501 "),
        "angle brackets required"
    );
    assert!(
        say("MAIL FROM:<a@example.com>\r\n")
            .await
            .starts_with("250 ")
    );
    assert!(say("DATA\r\n").await.starts_with("503 "), "RCPT first");
    assert!(
        say("RCPT TO:<b@example.com>\n").await.starts_with("500 "),
        "bare LF refused"
    );
    assert!(say("QUIT\r\n").await.starts_with("221 "));
    assert!(smtp.mails().is_empty());
}

#[tokio::test]
async fn a_public_https_server_without_real_senders_refuses_to_start() {
    let db_url = format!(
        "sqlite://{}?mode=rwc",
        std::env::temp_dir()
            .join(format!("njia-https-{}.db", uuid::Uuid::new_v4().simple()))
            .display()
    );
    let mut config = njia_server::config::Config::for_database(db_url, std::env::temp_dir());
    config.public_url = "https://njia.example.go.ke".into();
    let db = njia_server::app::prepare(&config).await.unwrap();
    let clock: njia_server::clock::SharedClock =
        std::sync::Arc::new(njia_server::clock::SystemClock);
    let refused = njia_server::app::AppState::new(db, config, clock).await;
    let error = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        error.contains("no SMS or email sender is configured"),
        "{error}"
    );
}
