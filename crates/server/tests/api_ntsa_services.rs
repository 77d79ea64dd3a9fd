//! NTSA services against the registers: unpaid fines block every NTSA service but paying fines, at the start
//! and again at submission; a booklet renewal needs a booklet licence, and paying for it extends the
//! licence's expiry at once (from the old expiry, or from today if it has passed). On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::{db, pay_and_wait, user_id};

use common::{Callbacks, TestApp};
use njia_domain::api::applications::{Application, ApplicationStatus};
use njia_domain::api::invoices::Invoice;
use njia_domain::api::ntsa::MyNtsa;
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

/// Records a KES 500 seatbelt fine for the person; returns its id and reference number.
async fn fine(app: &TestApp, phone: &str, paid: bool) -> (String, String) {
    let id = uuid::Uuid::new_v4().to_string();
    let notice = format!("NF{}", &id[..8].to_ascii_uppercase());
    sqlx::query(
        "INSERT INTO offences (id, user_id, code, description_en, description_sw, place, at, amount_cents, points, paid_at, notice_number) \
         VALUES ($1, $2, 'no-seatbelt', 'Not wearing a seatbelt', 'Kutofunga mkanda', 'Thika Road', $3, 50000, 2, $4, $5)",
    )
    .bind(&id)
    .bind(user_id(app, phone).await)
    .bind(app.clock_now())
    .bind(paid.then(|| app.clock_now()))
    .bind(&notice)
    .execute(&db(app).await.pool)
    .await
    .unwrap();
    (id, notice)
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
    pay_and_wait(app, client, &draft.id).await
}

#[tokio::test]
async fn a_fine_is_paid_from_my_ntsa_and_then_ntsa_services_open_again() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (client, phone) = common::driver(&app, 4).await;
        let (fine_id, notice) = fine(&app, &phone, false).await;
        assert_eq!(
            start(&app, &client, "ntsa-vehicle-search").await.status(),
            StatusCode::CONFLICT
        );
        // A reference number that is not one of the person's unpaid fines is refused at submission.
        let typed: Application = start(&app, &client, "ntsa-instant-fines")
            .await
            .json()
            .await
            .unwrap();
        client
            .put(app.url(&format!("/api/applications/{}/answers", typed.id)))
            .json(&json!({"answers": {"notice_number": "NF00000000", "offence": "no-seatbelt"}}))
            .send()
            .await
            .unwrap();
        let r = client
            .post(app.url(&format!("/api/applications/{}/submit", typed.id)))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["fields"][0]["code"], "unknown_notice");

        // From My NTSA: one application for the fine, however often asked, then paid like any invoice.
        let mut ids = std::collections::BTreeSet::new();
        for _ in 0..2 {
            let r = client
                .post(app.url(&format!("/api/ntsa/fines/{fine_id}/pay")))
                .header("idempotency-key", uuid::Uuid::new_v4().to_string())
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
            let application: Application = r.json().await.unwrap();
            assert_eq!(application.status, ApplicationStatus::AwaitingPayment);
            ids.insert(application.id);
        }
        assert_eq!(ids.len(), 1, "{}: one application per fine", app.engine);
        let id = ids.into_iter().next().unwrap();
        let invoice: Invoice = client
            .get(app.url(&format!("/api/applications/{id}/invoice")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            invoice.total.cents(),
            52_000,
            "KES 500 and the KES 20 convenience fee"
        );
        let paid = pay_and_wait(&app, &client, &id).await;
        assert_eq!(paid.status, ApplicationStatus::Approved);
        let note = paid.timeline.last().unwrap().note.clone().unwrap();
        assert!(note.contains(&notice), "{note}");
        let mine: MyNtsa = client
            .get(app.url("/api/ntsa/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(mine.fines.iter().all(|f| f.paid));
        assert_eq!(
            start(&app, &client, "ntsa-vehicle-search").await.status(),
            StatusCode::CREATED
        );
        let r = client
            .post(app.url(&format!("/api/ntsa/fines/{fine_id}/pay")))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::CONFLICT,
            "a paid fine is not paid again"
        );
    }
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

/// Sends a draft of `service` with these answers (no documents asked for, or uploaded first by the caller).
async fn send(
    app: &TestApp,
    client: &Client,
    service: &str,
    answers: serde_json::Value,
) -> reqwest::Response {
    let draft: Application = start(app, client, service).await.json().await.unwrap();
    let r = client
        .put(app.url(&format!("/api/applications/{}/answers", draft.id)))
        .json(&json!({ "answers": answers }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    for (requirement, file, name) in [
        ("passport-photo", common::JPEG, "photo.jpg"),
        ("id-copy", common::PDF, "id.pdf"),
        ("old-licence", common::PDF, "licence.pdf"),
    ] {
        // Only the documents the service asks for are kept; the others are refused, which is fine here.
        client
            .put(app.url(&format!(
                "/api/applications/{}/documents/{requirement}",
                draft.id
            )))
            .header("x-file-name", name)
            .header("content-type", "application/octet-stream")
            .body(file)
            .send()
            .await
            .unwrap();
    }
    client
        .post(app.url(&format!("/api/applications/{}/submit", draft.id)))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_vehicle_search_names_a_vehicle_on_the_register_and_shows_its_record_but_not_the_owners_id()
 {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (owner, owner_phone) = common::citizen(&app, 5).await;
        let vehicle = uuid::Uuid::new_v4().to_string();
        let pool = db(&app).await.pool;
        sqlx::query(
            "INSERT INTO vehicles (id, plate, chassis_number, engine_number, make, model, year, colour, engine_cc, \
             body_type, logbook_number, registered_on, financier) VALUES ($1, 'KDC 321B', 'JTDBR32E720012345', \
             '1NZ-7654321', 'Toyota', 'Fielder', 2018, 'White', 1500, 'Station wagon', 'LB-0099', '2018-03-01', 'Equity Bank')",
        )
        .bind(&vehicle)
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO vehicle_owners (vehicle_id, user_id) VALUES ($1, $2)")
            .bind(&vehicle)
            .bind(user_id(&app, &owner_phone).await)
            .execute(&pool)
            .await
            .unwrap();
        drop(owner);
        let (buyer, _) = common::citizen(&app, 6).await;
        // Not on the register: refused before anyone pays for nothing.
        let r = send(
            &app,
            &buyer,
            "ntsa-vehicle-search",
            json!({"search_by": "plate", "plate": "KDD 999Z"}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["fields"][0]["code"], "unknown_vehicle");
        // Typed in lower case without the space: the register's KDC 321B.
        let r = send(
            &app,
            &buyer,
            "ntsa-vehicle-search",
            json!({"search_by": "plate", "plate": "kdc321b"}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let sent: Application = r.json().await.unwrap();
        let done = pay_and_wait(&app, &buyer, &sent.id).await;
        assert_eq!(done.status, ApplicationStatus::Approved, "{}", app.engine);
        let record = done.timeline.last().unwrap().note.clone().unwrap();
        for shown in [
            "KDC 321B",
            "JTDBR32E720012345",
            "1NZ-7654321",
            "Toyota Fielder",
            "2018-03-01",
            "Njeri Karanja",
            "Equity Bank",
        ] {
            assert!(record.contains(shown), "{shown} in {record}");
        }
        let id_number = format!("{}", 31_000_000 + 5);
        assert!(
            !record.contains(&id_number) && !record.contains(&owner_phone[4..]),
            "no ID, no phone: {record}"
        );
    }
}

#[tokio::test]
async fn approving_a_smart_licence_or_a_provisional_licence_changes_the_register() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let officer = common::officer(&app, "ntsa", 1).await;
        // Without any licence there is nothing to replace with a smart one.
        let (learner, _) = common::citizen(&app, 7).await;
        let r = start(&app, &learner, "ntsa-smart-dl").await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert_eq!(error_code(r).await, "no_licence");

        // A provisional licence: approved by the officer, issued for 3 months.
        let r = send(
            &app,
            &learner,
            "ntsa-dl-provisional",
            json!({
            "licence_classes": ["B1"], "driving_school": "Baraka Driving School, Nairobi",
            "medical_condition": "no", "glasses": "no", "blood_group": "O+"}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let sent: Application = r.json().await.unwrap();
        pay_and_wait(&app, &learner, &sent.id).await;
        let r = officer
            .post(app.url(&format!("/api/officer/applications/{}/decision", sent.id)))
            .json(&json!({"decision": "approve"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let mine: MyNtsa = learner
            .get(app.url("/api/ntsa/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let provisional = mine.provisional.expect("a provisional licence");
        let today = njia_domain::date::Date::from_unix_ms(app.clock_now());
        assert_eq!(
            provisional.expires_on,
            today.add_months(3).to_string(),
            "{}",
            app.engine
        );
        assert_eq!(
            provisional.classes,
            vec![njia_domain::licences::LicenceClass::B1]
        );
    }
}

#[tokio::test]
async fn approving_a_smart_licence_replaces_the_booklet_for_three_years() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let officer = common::officer(&app, "ntsa", 2).await;
        let (driver, _) = common::driver(&app, 8).await;
        let r = send(
            &app,
            &driver,
            "ntsa-smart-dl",
            json!({
                "application_type": "upgrade", "blood_group": "A+", "place_of_birth": "Othaya, Nyeri",
                "county": "019", "physical_address": "Ruring'u estate, Nyeri", "collection_centre": "nyeri"}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let sent: Application = r.json().await.unwrap();
        let paid = pay_and_wait(&app, &driver, &sent.id).await;
        assert_eq!(
            paid.status,
            ApplicationStatus::Submitted,
            "an officer decides a smart licence"
        );
        let r = officer
            .post(app.url(&format!("/api/officer/applications/{}/decision", sent.id)))
            .json(&json!({"decision": "approve"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let mine: MyNtsa = driver
            .get(app.url("/api/ntsa/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let licence = mine.licence.unwrap();
        let today = njia_domain::date::Date::from_unix_ms(app.clock_now());
        assert_eq!(
            licence.kind,
            njia_domain::licences::LicenceKind::Smart,
            "{}",
            app.engine
        );
        assert_eq!(licence.expires_on, today.add_years(3).to_string());
        // Then it goes on to collection, as the service declares.
        let r = officer
            .post(app.url(&format!("/api/officer/applications/{}/decision", sent.id)))
            .json(&json!({"decision": "ready_for_collection", "note": "Huduma Centre Nyeri"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    }
}
