//! Transfer of vehicle ownership: the seller's own vehicle, without a caveat, to a registered buyer; the
//! buyer accepts or declines with their password; an officer approves only an accepted transfer, and the
//! approval moves the vehicle in the register. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::{db, pay_and_wait, user_id};

use common::{Callbacks, TestApp};
use njia_domain::api::applications::{Application, ApplicationStatus};
use njia_domain::api::ntsa::MyNtsa;
use njia_domain::api::transfers::{TransferList, TransferOffer, TransferStatus};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "baobab shade at noon 31";

/// A 1,500 cc Toyota with `plate`, owned by the person with `owner_phone`, with a caveat if `financier`.
async fn vehicle(app: &TestApp, plate: &str, owner_phone: &str, financier: Option<&str>) {
    let id = uuid::Uuid::new_v4().to_string();
    let pool = db(app).await.pool;
    sqlx::query(
        "INSERT INTO vehicles (id, plate, chassis_number, engine_number, make, model, year, colour, engine_cc, \
         body_type, logbook_number, registered_on, financier) VALUES ($1, $2, $3, $4, 'Toyota', 'Axio', 2017, \
         'Silver', 1500, 'Saloon', $5, '2017-05-02', $6)",
    )
    .bind(&id)
    .bind(plate)
    .bind(format!("CH{}", &id[..15]))
    .bind(format!("EN{}", &id[..8]))
    .bind(format!("LB{}", &id[..8]))
    .bind(financier)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO vehicle_owners (vehicle_id, user_id) VALUES ($1, $2)")
        .bind(&id)
        .bind(user_id(app, owner_phone).await)
        .execute(&pool)
        .await
        .unwrap();
}

fn answers(plate: &str, engine_cc: &str, buyer: u32) -> Value {
    json!({"plate": plate, "engine_cc": engine_cc, "buyer_identified_by": "national_id",
        "buyer_id_number": format!("{}", 31_000_000 + buyer)})
}

/// Starts, fills in, attaches the logbook and sends a transfer.
async fn send(app: &TestApp, client: &Client, answers: Value) -> reqwest::Response {
    let draft: Application = client
        .post(app.url("/api/applications"))
        .json(&json!({ "service_id": "ntsa-vehicle-transfer" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let r = client
        .put(app.url(&format!("/api/applications/{}/answers", draft.id)))
        .json(&json!({ "answers": answers }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let r = client
        .put(app.url(&format!(
            "/api/applications/{}/documents/logbook-scan",
            draft.id
        )))
        .header("x-file-name", "logbook.pdf")
        .header("content-type", "application/octet-stream")
        .body(common::PDF)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    client
        .post(app.url(&format!("/api/applications/{}/submit", draft.id)))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .send()
        .await
        .unwrap()
}

async fn application(app: &TestApp, client: &Client, id: &str) -> Application {
    client
        .get(app.url(&format!("/api/applications/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// A refused submission's status and its first field's code (or the error's code).
async fn refusal(r: reqwest::Response) -> (StatusCode, String, String) {
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    let field = body["error"]["fields"][0]["field"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let code = body["error"]["fields"][0]["code"]
        .as_str()
        .or(body["error"]["code"].as_str())
        .unwrap_or_default()
        .to_string();
    (status, field, code)
}

async fn offers(app: &TestApp, client: &Client) -> Vec<TransferOffer> {
    let list: TransferList = client
        .get(app.url("/api/ntsa/transfers"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list.items
}

async fn answer(
    app: &TestApp,
    client: &Client,
    id: &str,
    what: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/ntsa/transfers/{id}/{what}")))
        .json(&json!({ "password": password }))
        .send()
        .await
        .unwrap()
}

async fn decide(app: &TestApp, officer: &Client, id: &str, decision: &str) -> reqwest::Response {
    officer
        .post(app.url(&format!("/api/officer/applications/{id}/decision")))
        .json(&json!({ "decision": decision }))
        .send()
        .await
        .unwrap()
}

async fn plates(app: &TestApp, client: &Client) -> Vec<String> {
    let me: MyNtsa = client
        .get(app.url("/api/ntsa/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    me.vehicles.into_iter().map(|v| v.plate).collect()
}

#[tokio::test]
async fn transfer_needs_the_buyers_consent_and_the_officers_approval() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (seller, seller_phone) = common::citizen(&app, 1).await;
        let (buyer, buyer_phone) = common::citizen(&app, 2).await;
        let (stranger, _) = common::citizen(&app, 3).await;
        let officer = common::officer(&app, "ntsa", 1).await;
        vehicle(&app, "KDE 111A", &seller_phone, None).await;

        // Only the owner may transfer it, at the engine size on the register, to someone else with an account.
        let refused = [
            (
                &stranger,
                answers("KDE 111A", "1500", 2),
                "plate",
                "not_your_vehicle",
            ),
            (
                &seller,
                answers("KDE 111A", "1800", 2),
                "engine_cc",
                "engine_differs",
            ),
            (
                &seller,
                answers("KDE 111A", "1500", 1),
                "buyer_id_number",
                "buyer_is_seller",
            ),
            (
                &seller,
                answers("KDE 111A", "1500", 9),
                "buyer_id_number",
                "buyer_not_found",
            ),
            (
                &seller,
                json!({"plate": "KDE 111A", "engine_cc": "1500", "buyer_identified_by": "kra_pin",
                    "buyer_kra_pin": "A004416331M"}),
                "buyer_kra_pin",
                "buyer_not_found",
            ),
        ];
        for (client, answers, field, code) in refused {
            let got = refusal(send(&app, client, answers).await).await;
            assert_eq!(
                got,
                (StatusCode::UNPROCESSABLE_ENTITY, field.into(), code.into()),
                "{}",
                app.engine
            );
        }

        // Typed in lower case without the space: the register's KDE 111A.
        let r = send(&app, &seller, answers("kde111a", "1500", 2)).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let sent: Application = r.json().await.unwrap();
        let paid = pay_and_wait(&app, &seller, &sent.id).await;
        assert_eq!(paid.status, ApplicationStatus::Submitted, "{}", app.engine);
        assert!(
            common::messages_to(&app, &buyer_phone)
                .await
                .iter()
                .any(|m| m.contains("KDE 111A") && m.contains("Njeri Karanja")),
            "the buyer is told by SMS"
        );

        // The buyer sees the offer with the seller's name, never their ID number or phone.
        let raw = buyer
            .get(app.url("/api/ntsa/transfers"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !raw.contains("31000001") && !raw.contains(&seller_phone[4..]),
            "{raw}"
        );
        let offered = offers(&app, &buyer).await;
        assert_eq!(offered.len(), 1);
        let offer = &offered[0];
        assert_eq!(
            (
                offer.plate.as_str(),
                offer.make.as_str(),
                offer.model.as_str(),
                offer.year
            ),
            ("KDE 111A", "Toyota", "Axio", 2017)
        );
        assert_eq!(offer.seller_name, "Njeri Karanja");
        assert_eq!(offer.status, TransferStatus::AwaitingBuyer);
        assert!(offers(&app, &seller).await.is_empty());

        // The officer may not approve before the buyer accepts.
        let r = decide(&app, &officer, &sent.id, "start_review").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let got = refusal(decide(&app, &officer, &sent.id, "approve").await).await;
        assert_eq!(got.0, StatusCode::CONFLICT);
        assert_eq!(got.2, "awaiting_buyer");

        // Only the buyer, and only with their password.
        let r = answer(&app, &stranger, &offer.id, "accept", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = answer(&app, &seller, &offer.id, "accept", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let got = refusal(answer(&app, &buyer, &offer.id, "accept", "not my password").await).await;
        assert_eq!(
            got,
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "password".into(),
                "wrong".into()
            )
        );
        assert_eq!(
            offers(&app, &buyer).await[0].status,
            TransferStatus::AwaitingBuyer
        );
        let r = answer(&app, &buyer, &offer.id, "accept", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let accepted: TransferOffer = r.json().await.unwrap();
        assert_eq!(accepted.status, TransferStatus::Accepted);
        let r = answer(&app, &buyer, &offer.id, "decline", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "answered once");
        assert!(
            common::messages_to(&app, &seller_phone)
                .await
                .iter()
                .any(|m| m.contains("accepted the transfer of KDE 111A"))
        );

        // Approved: the register moves the vehicle, and the timeline says so.
        let r = decide(&app, &officer, &sent.id, "approve").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let done = application(&app, &seller, &sent.id).await;
        assert_eq!(done.status, ApplicationStatus::Approved);
        let note = done.timeline.last().unwrap().note.clone().unwrap();
        assert!(
            note.contains("KDE 111A now belongs to Njeri Karanja"),
            "{note}"
        );
        assert_eq!(plates(&app, &buyer).await, vec!["KDE 111A".to_string()]);
        assert!(plates(&app, &seller).await.is_empty(), "{}", app.engine);
        assert_eq!(
            offers(&app, &buyer).await[0].status,
            TransferStatus::Completed
        );
    }
}

#[tokio::test]
async fn caveat_blocks_transfer_and_a_declined_transfer_changes_nothing() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (seller, seller_phone) = common::citizen(&app, 4).await;
        let (buyer, _) = common::citizen(&app, 5).await;
        let officer = common::officer(&app, "ntsa", 2).await;
        vehicle(&app, "KDF 222B", &seller_phone, Some("Equity Bank")).await;
        vehicle(&app, "KDG 333C", &seller_phone, None).await;

        // A financier's caveat: refused at submission, before anyone pays.
        let got = refusal(send(&app, &seller, answers("KDF 222B", "1500", 5)).await).await;
        assert_eq!(got.0, StatusCode::CONFLICT, "{}", app.engine);
        assert_eq!(got.2, "caveat");

        let r = send(&app, &seller, answers("KDG 333C", "1500", 5)).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let sent: Application = r.json().await.unwrap();
        pay_and_wait(&app, &seller, &sent.id).await;
        let offer = offers(&app, &buyer).await.remove(0);
        let r = answer(&app, &buyer, &offer.id, "decline", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let declined: TransferOffer = r.json().await.unwrap();
        assert_eq!(declined.status, TransferStatus::Declined);

        let closed = application(&app, &seller, &sent.id).await;
        assert_eq!(closed.status, ApplicationStatus::Rejected, "{}", app.engine);
        let note = closed.timeline.last().unwrap().note.clone().unwrap();
        assert!(note.contains("The buyer declined."), "{note}");
        assert!(
            common::messages_to(&app, &seller_phone)
                .await
                .iter()
                .any(|m| m.contains("declined the transfer of KDG 333C"))
        );
        let r = decide(&app, &officer, &sent.id, "approve").await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let mut owned = plates(&app, &seller).await;
        owned.sort();
        assert_eq!(owned, vec!["KDF 222B".to_string(), "KDG 333C".to_string()]);
        assert!(plates(&app, &buyer).await.is_empty());
    }
}

#[tokio::test]
async fn a_transfer_resubmitted_with_another_buyer_asks_the_new_buyer() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (seller, seller_phone) = common::citizen(&app, 6).await;
        let (first, _) = common::citizen(&app, 7).await;
        let (second, second_phone) = common::citizen(&app, 8).await;
        let officer = common::officer(&app, "ntsa", 3).await;
        vehicle(&app, "KDH 333C", &seller_phone, None).await;
        let r = send(&app, &seller, answers("KDH 333C", "1500", 7)).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let sent: Application = r.json().await.unwrap();
        pay_and_wait(&app, &seller, &sent.id).await;
        let offer = offers(&app, &first).await.remove(0);
        let r = answer(&app, &first, &offer.id, "accept", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);

        // A change that moves the fee (a bigger vehicle of the seller's) is not sent as changes.
        vehicle(&app, "KDH 444D", &seller_phone, None).await;
        sqlx::query("UPDATE vehicles SET engine_cc = 3500 WHERE plate = 'KDH 444D'")
            .execute(&db(&app).await.pool)
            .await
            .unwrap();
        // The officer finds the buyer's ID wrong; the seller names the second person instead and resends.
        let r = decide(&app, &officer, &sent.id, "start_review").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
        let r = officer
            .post(app.url(&format!("/api/officer/applications/{}/decision", sent.id)))
            .json(&json!({ "decision": "request_changes", "note": "The buyer's ID number does not match the sale agreement." }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let r = seller
            .put(app.url(&format!("/api/applications/{}/answers", sent.id)))
            .json(&json!({ "answers": answers("KDH 444D", "3500", 8) }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let r = seller
            .post(app.url(&format!("/api/applications/{}/submit", sent.id)))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(refusal(r).await.2, "fee_changed", "{}", app.engine);
        let r = seller
            .put(app.url(&format!("/api/applications/{}/answers", sent.id)))
            .json(&json!({ "answers": answers("KDH 333C", "1500", 8) }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let r = seller
            .post(app.url(&format!("/api/applications/{}/submit", sent.id)))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());

        // The first person's acceptance does not carry over to the new terms; the second is asked.
        assert!(offers(&app, &first).await.is_empty(), "{}", app.engine);
        let offered = offers(&app, &second).await;
        assert_eq!(offered.len(), 1, "{}", app.engine);
        assert_eq!(offered[0].status, TransferStatus::AwaitingBuyer);
        assert!(
            common::messages_to(&app, &second_phone)
                .await
                .iter()
                .any(|m| m.contains("KDH 333C")),
            "{}",
            app.engine
        );
        let r = decide(&app, &officer, &sent.id, "start_review").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let got = refusal(decide(&app, &officer, &sent.id, "approve").await).await;
        assert_eq!(got.2, "awaiting_buyer", "{}", app.engine);
        let r = answer(&app, &second, &offered[0].id, "accept", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
        let r = decide(&app, &officer, &sent.id, "approve").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        assert_eq!(plates(&app, &second).await, vec!["KDH 333C".to_string()]);
        assert!(plates(&app, &first).await.is_empty(), "{}", app.engine);
    }
}
