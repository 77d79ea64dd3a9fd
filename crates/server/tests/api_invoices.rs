//! Invoices: submitting an application with a fee makes one pending invoice (service fee by the chosen
//! option, convenience fee, total in cents, account number from the reference); a free service has none;
//! only the owner reads it; a repeated submission makes no second one. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestApp;
use njia_domain::Money;
use njia_domain::api::applications::{Application, ApplicationStatus};
use njia_domain::api::invoices::{Invoice, InvoiceStatus, account_number_for};
use reqwest::{Client, StatusCode};
use serde_json::json;

async fn draft(app: &TestApp, client: &Client, service: &str) -> Application {
    let r = client
        .post(app.url("/api/applications"))
        .json(&json!({"service_id": service}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    r.json().await.unwrap()
}

async fn save(app: &TestApp, client: &Client, id: &str, answers: serde_json::Value) {
    let r = client
        .put(app.url(&format!("/api/applications/{id}/answers")))
        .json(&json!({ "answers": answers }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
}

async fn submit(app: &TestApp, client: &Client, id: &str) -> Application {
    let r = client
        .post(app.url(&format!("/api/applications/{id}/submit")))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    r.json().await.unwrap()
}

async fn invoice(app: &TestApp, client: &Client, id: &str) -> reqwest::Response {
    client
        .get(app.url(&format!("/api/applications/{id}/invoice")))
        .send()
        .await
        .unwrap()
}

/// A submitted booklet renewal for `period` years.
async fn renewal(app: &TestApp, client: &Client, period: &str) -> Application {
    let draft = draft(app, client, "ntsa-dl-renewal-booklet").await;
    save(app, client, &draft.id, json!({ "period": period })).await;
    submit(app, client, &draft.id).await
}

async fn invoice_count(app: &TestApp, application_id: &str) -> i64 {
    let db = njia_server::db::Db::connect(&app.database_url)
        .await
        .unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE application_id = $1")
        .bind(application_id)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_three_year_renewal_is_invoiced_with_the_convenience_fee() {
    for app in common::apps().await {
        let (citizen, _) = common::driver(&app, 1).await;
        let application = renewal(&app, &citizen, "3").await;
        assert_eq!(application.status, ApplicationStatus::AwaitingPayment);
        let r = invoice(&app, &citizen, &application.id).await;
        assert_eq!(r.status(), StatusCode::OK);
        let raw: serde_json::Value = r.json().await.unwrap();
        assert_eq!(raw["total"], json!(145_000), "amounts are integer cents");
        let invoice: Invoice = serde_json::from_value(raw).unwrap();
        assert_eq!(invoice.application_id, application.id);
        assert_eq!(invoice.status, InvoiceStatus::Pending);
        assert_eq!(invoice.paid_at, None);
        assert_eq!(invoice.total, Money::shillings(1_450));
        let amounts: Vec<i64> = invoice.items.iter().map(|i| i.amount.cents()).collect();
        assert_eq!(amounts, [140_000, 5_000]);
        assert_eq!(
            invoice.items[0].description.en,
            "Driving licence renewal (old booklet): 3 years"
        );
        assert_eq!(invoice.items[1].description.en, "Convenience fee");
        assert_eq!(invoice.items[1].description.sw, "Ada ya huduma");
        let reference = application.reference.unwrap();
        assert_eq!(invoice.account_number, account_number_for(&reference));
        assert_eq!(invoice.account_number, reference.replace('-', ""));
        assert!(invoice.account_number.len() <= 12);
    }
}

#[tokio::test]
async fn a_one_year_renewal_costs_600_and_20() {
    for app in common::apps().await {
        let (citizen, _) = common::driver(&app, 1).await;
        let application = renewal(&app, &citizen, "1").await;
        let invoice: Invoice = invoice(&app, &citizen, &application.id)
            .await
            .json()
            .await
            .unwrap();
        let amounts: Vec<i64> = invoice.items.iter().map(|i| i.amount.cents()).collect();
        assert_eq!(amounts, [60_000, 2_000]);
        assert_eq!(invoice.total, Money::shillings(620));
    }
}

#[tokio::test]
async fn a_free_service_and_a_draft_have_no_invoice() {
    for app in common::apps().await {
        let (citizen, _) = common::driver(&app, 1).await;
        let application = common::submitted_id_application(&app, &citizen).await;
        assert_eq!(application.status, ApplicationStatus::Submitted);
        assert_eq!(
            invoice(&app, &citizen, &application.id).await.status(),
            StatusCode::NOT_FOUND
        );

        let unsubmitted = self::draft(&app, &citizen, "ntsa-dl-renewal-booklet").await;
        save(&app, &citizen, &unsubmitted.id, json!({ "period": "3" })).await;
        assert_eq!(
            invoice(&app, &citizen, &unsubmitted.id).await.status(),
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn only_the_owner_reads_the_invoice() {
    for app in common::apps().await {
        let (citizen, _) = common::driver(&app, 1).await;
        let (stranger, _) = common::driver(&app, 2).await;
        let application = renewal(&app, &citizen, "3").await;
        assert_eq!(
            invoice(&app, &stranger, &application.id).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            invoice(&app, &stranger, "no-such-application")
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        let anonymous = app
            .get(&format!("/api/applications/{}/invoice", application.id))
            .await;
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn submitting_again_makes_no_second_invoice() {
    for app in common::apps().await {
        let (citizen, _) = common::driver(&app, 1).await;
        let application = renewal(&app, &citizen, "3").await;
        let first: Invoice = invoice(&app, &citizen, &application.id)
            .await
            .json()
            .await
            .unwrap();
        let again = submit(&app, &citizen, &application.id).await;
        assert_eq!(again.status, ApplicationStatus::AwaitingPayment);
        assert_eq!(again.reference, application.reference);
        let second: Invoice = invoice(&app, &citizen, &application.id)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(second, first);
        assert_eq!(invoice_count(&app, &application.id).await, 1);
    }
}
