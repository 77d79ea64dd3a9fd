//! NTSA services against the registers: unpaid fines block every NTSA service but paying fines, at the start
//! and again at submission; a booklet renewal needs a booklet licence, and paying for it extends the
//! licence's expiry at once (from the old expiry, or from today if it has passed). On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Callbacks, TestApp};
use njia_domain::api::applications::{Application, ApplicationStatus};
use njia_domain::api::invoices::Invoice;
use njia_domain::api::ntsa::MyNtsa;
use njia_domain::api::payments::{Payment, PaymentStatus};
use reqwest::{Client, StatusCode};
use serde_json::json;

async fn start(app: &TestApp, client: &Client, service: &str) -> reqwest::Response {
    client
        .post(app.url("/api/applications"))
        .json(&json!({ "service_id": service }))
        .send()
        .await
        .unwrap()
}

async fn error_code(r: reqwest::Response) -> String {
    let body: serde_json::Value = r.json().await.unwrap();
    body["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn db(app: &TestApp) -> njia_server::db::Db {
    njia_server::db::Db::connect(&app.database_url)
        .await
        .unwrap()
}

async fn user_id(app: &TestApp, phone: &str) -> String {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&db(app).await.pool)
        .await
        .unwrap()
}

async fn fine(app: &TestApp, phone: &str, paid: bool) {
    sqlx::query(
        "INSERT INTO offences (id, user_id, code, description_en, description_sw, place, at, amount_cents, points, paid_at) \
         VALUES ($1, $2, 'no-seatbelt', 'Not wearing a seatbelt', 'Kutofunga mkanda', 'Thika Road', $3, 50000, 2, $4)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(user_id(app, phone).await)
    .bind(app.clock_now())
    .bind(paid.then(|| app.clock_now()))
    .execute(&db(app).await.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn unpaid_fines_block_ntsa_services_but_not_paying_fines_or_other_agencies() {
    for app in common::apps().await {
        let (client, phone) = common::driver(&app, 1).await;
        // Started before the fine came: refused at submission.
        let early: Application = start(&app, &client, "ntsa-dl-renewal-booklet")
            .await
            .json()
            .await
            .unwrap();
        client
            .put(app.url(&format!("/api/applications/{}/answers", early.id)))
            .json(&json!({"answers": {"period": "1"}}))
            .send()
            .await
            .unwrap();
        fine(&app, &phone, true).await;
        assert_eq!(
            start(&app, &client, "ntsa-vehicle-search").await.status(),
            StatusCode::CREATED,
            "a paid fine blocks nothing"
        );
        fine(&app, &phone, false).await;
        for service in [
            "ntsa-dl-renewal-booklet",
            "ntsa-vehicle-search",
            "ntsa-smart-dl",
        ] {
            let r = start(&app, &client, service).await;
            assert_eq!(r.status(), StatusCode::CONFLICT, "{} {service}", app.engine);
            assert_eq!(error_code(r).await, "unpaid_fines");
        }
        let r = client
            .post(app.url(&format!("/api/applications/{}/submit", early.id)))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert_eq!(error_code(r).await, "unpaid_fines");
        assert_eq!(
            start(&app, &client, "ntsa-instant-fines").await.status(),
            StatusCode::CREATED
        );
        assert_eq!(
            start(&app, &client, "nrb-id-new").await.status(),
            StatusCode::CREATED,
            "other agencies"
        );
    }
}

#[tokio::test]
async fn a_booklet_renewal_needs_a_booklet_licence() {
    for app in common::apps().await {
        let (client, _) = common::citizen(&app, 2).await;
        let r = start(&app, &client, "ntsa-dl-renewal-booklet").await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert_eq!(error_code(r).await, "no_booklet_licence");
    }
}

async fn renew_and_pay(app: &TestApp, client: &Client, period: &str) -> Application {
    let draft: Application = start(app, client, "ntsa-dl-renewal-booklet")
        .await
        .json()
        .await
        .unwrap();
    client
        .put(app.url(&format!("/api/applications/{}/answers", draft.id)))
        .json(&json!({"answers": {"period": period}}))
        .send()
        .await
        .unwrap();
    let r = client
        .post(app.url(&format!("/api/applications/{}/submit", draft.id)))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let invoice: Invoice = client
        .get(app.url(&format!("/api/applications/{}/invoice", draft.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let r = client
        .post(app.url(&format!("/api/invoices/{}/mpesa", invoice.id)))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .json(&json!({"phone": "0712345000"}))
        .send()
        .await
        .unwrap();
    let payment: Payment = r.json().await.unwrap();
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
                .get(app.url(&format!("/api/applications/{}", draft.id)))
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

#[tokio::test]
async fn paying_for_a_booklet_renewal_extends_the_licence_at_once() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (client, phone) = common::driver(&app, 3).await;
        // The licence runs to 2027-01-15: three more years run from then.
        let application = renew_and_pay(&app, &client, "3").await;
        assert_eq!(
            application.status,
            ApplicationStatus::Approved,
            "{}",
            app.engine
        );
        let note = application.timeline.last().unwrap().note.clone().unwrap();
        assert!(note.contains("renewed until 2030-01-15"), "{note}");
        let mine: MyNtsa = client
            .get(app.url("/api/ntsa/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(mine.licence.unwrap().expires_on, "2030-01-15");

        // An expired licence is renewed from today.
        sqlx::query("UPDATE driving_licences SET expires_on = '2020-05-01' WHERE user_id = $1")
            .bind(user_id(&app, &phone).await)
            .execute(&db(&app).await.pool)
            .await
            .unwrap();
        renew_and_pay(&app, &client, "1").await;
        let today = njia_domain::date::Date::from_unix_ms(app.clock_now());
        let mine: MyNtsa = client
            .get(app.url("/api/ntsa/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            mine.licence.unwrap().expires_on,
            today.add_years(1).to_string()
        );
    }
}
