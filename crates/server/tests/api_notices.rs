//! Notices and maintenance windows: only administrators publish and withdraw; the public list shows a notice
//! only in its time; during an NTSA window NTSA's submissions and payment starts are refused with the notice
//! while drafts save and other agencies carry on, and a payment started before the window still settles. On
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Callbacks, TestApp};
use njia_domain::api::ErrorEnvelope;
use njia_domain::api::applications::{Application, ApplicationStatus};
use njia_domain::api::invoices::Invoice;
use njia_domain::api::notices::{Notice, NoticeList, format_utc};
use njia_domain::api::payments::{Payment, PaymentStatus};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const HOUR_MS: i64 = 3_600_000;

fn window(app: &TestApp, from_ms: i64, to_ms: i64) -> Value {
    let now = app.clock_now();
    json!({
        "agency_id": "ntsa",
        "message_en": "NTSA services are moving to the new system.",
        "message_sw": "Huduma za NTSA zinahamia mfumo mpya.",
        "starts_at": format_utc(now + from_ms),
        "ends_at": format_utc(now + to_ms),
        "maintenance": true,
    })
}

async fn publish(app: &TestApp, client: &Client, body: &Value) -> reqwest::Response {
    client
        .post(app.url("/api/admin/notices"))
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn published(app: &TestApp, admin: &Client, body: &Value) -> Notice {
    let r = publish(app, admin, body).await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    r.json().await.unwrap()
}

async fn public_ids(app: &TestApp) -> Vec<String> {
    let r = app.get("/api/notices").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-cache");
    let list: NoticeList = r.json().await.unwrap();
    list.items.into_iter().map(|n| n.id).collect()
}

async fn draft(app: &TestApp, client: &Client, service: &str) -> Application {
    client
        .post(app.url("/api/applications"))
        .json(&json!({ "service_id": service }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn save_period(app: &TestApp, client: &Client, id: &str, period: &str) -> StatusCode {
    client
        .put(app.url(&format!("/api/applications/{id}/answers")))
        .json(&json!({"answers": {"period": period}}))
        .send()
        .await
        .unwrap()
        .status()
}

async fn submit(app: &TestApp, client: &Client, id: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/applications/{id}/submit")))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .send()
        .await
        .unwrap()
}

async fn invoice(app: &TestApp, client: &Client, application_id: &str) -> Invoice {
    client
        .get(app.url(&format!("/api/applications/{application_id}/invoice")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn pay(app: &TestApp, client: &Client, invoice_id: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/invoices/{invoice_id}/mpesa")))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .json(&json!({"phone": "0712345000"}))
        .send()
        .await
        .unwrap()
}

/// A submitted booklet renewal awaiting payment.
async fn awaiting_payment(app: &TestApp, client: &Client) -> Application {
    let application = draft(app, client, "ntsa-dl-renewal-booklet").await;
    assert_eq!(
        save_period(app, client, &application.id, "3").await,
        StatusCode::OK
    );
    let r = submit(app, client, &application.id).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    application
}

async fn refused_for_maintenance(app: &TestApp, r: reqwest::Response, notice: &Notice) {
    assert_eq!(
        r.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        app.engine
    );
    let retry_after: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after > 0 && retry_after <= 7200, "{retry_after}");
    let body: ErrorEnvelope = r.json().await.unwrap();
    assert_eq!(body.error.code, "maintenance");
    assert_eq!(body.error.message, notice.message.en);
    let shown = body
        .error
        .notice
        .expect("the notice comes with the refusal");
    assert_eq!(shown.message.sw, notice.message.sw);
    assert_eq!(shown.ends_at, notice.ends_at);
}

#[tokio::test]
async fn only_administrators_publish_and_a_notice_is_shown_only_in_its_time() {
    for app in common::apps().await {
        let admin = common::administrator(&app, 1).await;
        let (citizen, _) = common::citizen(&app, 1).await;
        let officer = common::officer(&app, "ntsa", 1).await;
        let notice = json!({
            "message_en": "Njia will be slow on Sunday morning.",
            "message_sw": "Njia itakuwa polepole Jumapili asubuhi.",
            "starts_at": format_utc(app.clock_now() + 8 * 24 * HOUR_MS),
            "ends_at": format_utc(app.clock_now() + 8 * 24 * HOUR_MS + 2 * HOUR_MS),
        });
        for other in [&citizen, &officer] {
            let r = publish(&app, other, &notice).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", app.engine);
            let body: ErrorEnvelope = r.json().await.unwrap();
            assert_eq!(body.error.code, "administrators_only");
            let r = other
                .get(app.url("/api/admin/notices"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
        }
        let r = app
            .client
            .post(app.url("/api/admin/notices"))
            .json(&notice)
            .send()
            .await
            .unwrap();
        assert_ne!(r.status(), StatusCode::CREATED);

        let mut bad = notice.clone();
        bad["message_sw"] = json!("");
        bad["ends_at"] = bad["starts_at"].clone();
        bad["maintenance"] = json!(true);
        let r = publish(&app, &admin, &bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: ErrorEnvelope = r.json().await.unwrap();
        let fields: Vec<(String, String)> = body
            .error
            .fields
            .into_iter()
            .map(|f| (f.field, f.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("agency_id".to_string(), "agency_required".to_string()),
                ("message_sw".into(), "required".into()),
                ("ends_at".into(), "ends_before_start".into()),
            ]
        );
        let mut unknown = window(&app, 0, HOUR_MS);
        unknown["agency_id"] = json!("no-such-agency");
        let r = publish(&app, &admin, &unknown).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let sunday = published(&app, &admin, &notice).await;
        assert_eq!(sunday.agency_id, None);
        assert!(!sunday.maintenance);
        assert!(
            public_ids(&app).await.is_empty(),
            "8 days ahead is not shown yet"
        );
        app.clock.advance_secs(2 * 24 * 3600);
        assert_eq!(public_ids(&app).await, vec![sunday.id.clone()]);
        app.clock.advance_secs(6 * 24 * 3600 + 3 * 3600);
        assert!(public_ids(&app).await.is_empty(), "ended");

        // Days have passed: the first administrator's session has ended.
        let admin = common::administrator(&app, 2).await;
        let now_on = published(&app, &admin, &window(&app, 0, HOUR_MS)).await;
        assert_eq!(public_ids(&app).await, vec![now_on.id.clone()]);
        let r = admin
            .post(app.url(&format!("/api/admin/notices/{}/withdraw", now_on.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let withdrawn: Notice = r.json().await.unwrap();
        assert!(withdrawn.withdrawn_at.is_some());
        assert!(public_ids(&app).await.is_empty());
        let r = admin
            .post(app.url("/api/admin/notices/no-such-notice/withdraw"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let all: NoticeList = admin
            .get(app.url("/api/admin/notices"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            all.items.len(),
            2,
            "withdrawn and ended ones stay in the list"
        );

        let actions: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE action IN \
             ('notice_published', 'maintenance_window_scheduled', 'notice_withdrawn') ORDER BY at, action",
        )
        .fetch_all(&common::db(&app).await.pool)
        .await
        .unwrap();
        assert_eq!(
            actions,
            [
                "notice_published",
                "maintenance_window_scheduled",
                "notice_withdrawn"
            ]
        );
    }
}

#[tokio::test]
async fn a_maintenance_window_refuses_ntsa_transactions_while_drafts_and_other_agencies_go_on() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let admin = common::administrator(&app, 1).await;
        let (driver, _) = common::driver(&app, 1).await;
        let before = awaiting_payment(&app, &driver).await;
        let renewal = draft(&app, &driver, "ntsa-dl-renewal-booklet").await;
        assert_eq!(
            save_period(&app, &driver, &renewal.id, "3").await,
            StatusCode::OK
        );

        // Short enough that the sessions outlive it (30 minutes idle).
        let notice = published(&app, &admin, &window(&app, 0, 20 * 60_000)).await;
        let r = submit(&app, &driver, &renewal.id).await;
        refused_for_maintenance(&app, r, &notice).await;
        let pending = invoice(&app, &driver, &before.id).await;
        let r = pay(&app, &driver, &pending.id).await;
        refused_for_maintenance(&app, r, &notice).await;

        assert_eq!(
            save_period(&app, &driver, &renewal.id, "1").await,
            StatusCode::OK,
            "drafts still save"
        );
        let still: Application = driver
            .get(app.url(&format!("/api/applications/{}", renewal.id)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(still.status, ApplicationStatus::Draft);
        let other_agency = common::submitted_id_application(&app, &driver).await;
        assert_eq!(other_agency.status, ApplicationStatus::Submitted);

        app.clock.advance_secs(20 * 60);
        let r = submit(&app, &driver, &renewal.id).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let paid = common::pay_and_wait(&app, &driver, &before.id).await;
        assert_ne!(paid.status, ApplicationStatus::AwaitingPayment);
    }
}

#[tokio::test]
async fn a_payment_started_before_a_window_settles_during_it() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let admin = common::administrator(&app, 1).await;
        let (driver, _) = common::driver(&app, 1).await;
        let application = awaiting_payment(&app, &driver).await;
        // The window opens 30 seconds from now; the prompt is answered 100 ms after it is sent, by which time
        // the clock has been moved into the window (well inside the payment's 60-second timeout).
        published(&app, &admin, &window(&app, 30_000, 2 * HOUR_MS)).await;
        let pending = invoice(&app, &driver, &application.id).await;
        let r = pay(&app, &driver, &pending.id).await;
        assert_eq!(
            r.status(),
            StatusCode::ACCEPTED,
            "{}",
            r.text().await.unwrap()
        );
        let payment: Payment = r.json().await.unwrap();
        app.clock.advance_secs(31);
        assert_eq!(
            submit(
                &app,
                &driver,
                &draft(&app, &driver, "ntsa-dl-renewal-booklet").await.id
            )
            .await
            .status(),
            StatusCode::SERVICE_UNAVAILABLE,
            "the window is open"
        );
        let mut status = PaymentStatus::Pending;
        for _ in 0..100 {
            let now: Payment = driver
                .get(app.url(&format!("/api/payments/{}", payment.id)))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            status = now.status;
            if status != PaymentStatus::Pending {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(status, PaymentStatus::Paid, "{}", app.engine);
    }
}
