//! Acting for an organisation (`X-Njia-Acting-As`), on SQLite and PostgreSQL: what a person does for an
//! organisation belongs to it, and who sees it — a current member, a removed member, a member of another
//! organisation, a person on their own account, an officer — for applications, documents, invoices,
//! payments and vehicles. A dealer registers a vehicle into its stock; a bank lifts its caveat.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Callbacks, TestApp, acting_for, citizen_with_jar, db, pay_and_wait, user_id};
use njia_domain::api::applications::{Application, ApplicationList, ApplicationStatus};
use njia_domain::api::ntsa::MyNtsa;
use njia_domain::api::payments::PaymentHistory;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// An approved organisation with these members (phone, role), as an eCitizen officer's approval leaves it.
async fn organisation(
    app: &TestApp,
    kind: &str,
    name: &str,
    pin: &str,
    members: &[(&str, &str)],
) -> String {
    let pool = db(app).await.pool;
    let id = uuid::Uuid::new_v4().to_string();
    let creator = user_id(app, members[0].0).await;
    sqlx::query(
        "INSERT INTO organisations (id, kind, name, kra_pin, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(kind)
    .bind(name)
    .bind(pin)
    .bind(&creator)
    .bind(app.clock_now())
    .execute(&pool)
    .await
    .unwrap();
    for (phone, role) in members {
        sqlx::query(
            "INSERT INTO organisation_members (organisation_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&id)
        .bind(user_id(app, phone).await)
        .bind(role)
        .bind(app.clock_now())
        .execute(&pool)
        .await
        .unwrap();
    }
    id
}

fn registration(chassis: &str, dealer_pin: &str, bank_pin: &str) -> Value {
    json!({
        "chassis": chassis, "engine_cc": "1500", "engine_number": "2ZR-4471021",
        "make": "Toyota", "model": "Corolla Cross", "year": "2025", "colour": "Pearl white",
        "body_type": "Station Wagon", "owner_kra_pin": dealer_pin, "ownership": "joint",
        "co_owner_kra_pin": bank_pin, "collection_counter": "nairobi", "collector_name": "Peter Mwangi",
        "collector_id_number": "23456789", "collector_phone": "0722000111"
    })
}

async fn status(r: reqwest::Response) -> (StatusCode, String) {
    let status = r.status();
    let body: Value = r.json().await.unwrap_or(Value::Null);
    let code = body["error"]["fields"][0]["code"]
        .as_str()
        .or(body["error"]["code"].as_str())
        .unwrap_or_default()
        .to_string();
    (status, code)
}

async fn get(app: &TestApp, client: &Client, path: &str) -> StatusCode {
    client.get(app.url(path)).send().await.unwrap().status()
}

async fn list(app: &TestApp, client: &Client) -> Vec<String> {
    let list: ApplicationList = client
        .get(app.url("/api/applications"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list.items.into_iter().map(|a| a.id).collect()
}

async fn my_ntsa(app: &TestApp, client: &Client) -> MyNtsa {
    client
        .get(app.url("/api/ntsa/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn what_is_done_for_an_organisation_is_its_own_and_only_its_members_see_it() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let e = app.engine;
        let (admin_self, admin_phone, admin_jar) = citizen_with_jar(&app, 11).await;
        let (agent_self, agent_phone, agent_jar) = citizen_with_jar(&app, 12).await;
        let (_, outsider_phone, outsider_jar) = citizen_with_jar(&app, 13).await;
        let (stranger, _, _) = citizen_with_jar(&app, 14).await;
        let (_, banker_phone, banker_jar) = citizen_with_jar(&app, 15).await;
        let dealer = organisation(
            &app,
            "motor_dealer",
            "Baraka Motors Ltd",
            "P051365947M",
            &[(&admin_phone, "administrator"), (&agent_phone, "agent")],
        )
        .await;
        let other = organisation(
            &app,
            "company",
            "Tausi Logistics Ltd",
            "P052001234K",
            &[(&outsider_phone, "administrator")],
        )
        .await;
        let bank = organisation(
            &app,
            "financial_institution",
            "Jamii Bank",
            "P000604761H",
            &[(&banker_phone, "agent")],
        )
        .await;
        let admin = acting_for(&admin_jar, &dealer);
        let agent = acting_for(&agent_jar, &dealer);
        let outsider = acting_for(&outsider_jar, &other);
        let outsider_as_dealer = acting_for(&outsider_jar, &dealer);
        let banker = acting_for(&banker_jar, &bank);
        let officer = common::officer(&app, "ntsa", 1).await;

        // Who may apply for what: a licence is a person's, a new vehicle registration an organisation's.
        let start = |client: &Client, service: &str| {
            client
                .post(app.url("/api/applications"))
                .json(&json!({ "service_id": service }))
                .send()
        };
        assert_eq!(
            status(start(&agent, "ntsa-dl-renewal-booklet").await.unwrap()).await,
            (StatusCode::CONFLICT, "not_for_organisations".into()),
            "{e}"
        );
        // The fines on the register are the person's own: not paid by their organisation.
        assert_eq!(
            status(start(&agent, "ntsa-instant-fines").await.unwrap()).await,
            (StatusCode::CONFLICT, "not_for_organisations".into()),
            "{e}"
        );
        assert_eq!(
            status(
                start(&agent_self, "ntsa-vehicle-registration")
                    .await
                    .unwrap()
            )
            .await,
            (StatusCode::CONFLICT, "organisations_only".into()),
            "{e}"
        );
        // Acting for an organisation one does not belong to is refused, not done on one's own account.
        assert_eq!(
            status(
                start(&outsider_as_dealer, "ntsa-vehicle-registration")
                    .await
                    .unwrap()
            )
            .await,
            (StatusCode::FORBIDDEN, "not_a_member".into()),
            "{e}"
        );

        // The agent registers a new vehicle for the dealer's stock, financed by the bank.
        let draft: Application = start(&agent, "ntsa-vehicle-registration")
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = draft.id.clone();
        // The owner must be an organisation on Njia.
        let r = agent
            .put(app.url(&format!("/api/applications/{id}/answers")))
            .json(&json!({ "answers": registration("JTDBR32E720123456", "P051365947M", "P000604761H") }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "{e}: {}",
            r.text().await.unwrap()
        );
        let r = agent
            .put(app.url(&format!("/api/applications/{id}/documents/customs-entry")))
            .header("x-file-name", "entry.pdf")
            .header("content-type", "application/octet-stream")
            .body(common::PDF)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{e}: {}", r.text().await.unwrap());
        let r = agent
            .post(app.url(&format!("/api/applications/{id}/submit")))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "{e}: {}",
            r.text().await.unwrap()
        );
        let sent: Application = r.json().await.unwrap();
        assert_eq!(sent.status, ApplicationStatus::AwaitingPayment, "{e}");

        // The access matrix for the application, its documents and its invoice.
        let paths = [
            format!("/api/applications/{id}"),
            format!("/api/applications/{id}/documents"),
            format!("/api/applications/{id}/invoice"),
        ];
        for path in &paths {
            assert_eq!(
                get(&app, &agent, path).await,
                StatusCode::OK,
                "{e} agent {path}"
            );
            assert_eq!(
                get(&app, &admin, path).await,
                StatusCode::OK,
                "{e} admin {path}"
            );
            for (who, client) in [
                ("the agent on their own account", &agent_self),
                ("the administrator on their own account", &admin_self),
                ("a member of another organisation", &outsider),
                ("someone else", &stranger),
                ("the bank", &banker),
            ] {
                assert_eq!(
                    get(&app, client, path).await,
                    StatusCode::NOT_FOUND,
                    "{e} {who} {path}"
                );
            }
        }
        assert!(list(&app, &admin).await.contains(&id), "{e}");
        assert!(!list(&app, &agent_self).await.contains(&id), "{e}");
        assert!(!list(&app, &outsider).await.contains(&id), "{e}");
        // The person who acted is on record.
        let acted_by: String = sqlx::query_scalar("SELECT user_id FROM applications WHERE id = $1")
            .bind(&id)
            .fetch_one(&db(&app).await.pool)
            .await
            .unwrap();
        assert_eq!(acted_by, user_id(&app, &agent_phone).await, "{e}");

        // Another member pays; the payment is the organisation's.
        let paid = pay_and_wait(&app, &admin, &id).await;
        assert_eq!(paid.status, ApplicationStatus::Submitted, "{e}");
        let history = |client: Client| {
            let app = &app;
            async move {
                let h: PaymentHistory = client
                    .get(app.url("/api/payments"))
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                h.items
            }
        };
        let org_payments = history(agent.clone()).await;
        assert_eq!(org_payments.len(), 1, "{e}");
        let payment_id = org_payments[0].payment.id.clone();
        assert!(
            history(admin_self.clone()).await.is_empty(),
            "{e}: not on the payer's own account"
        );
        assert!(history(outsider.clone()).await.is_empty(), "{e}");
        let payment_path = format!("/api/payments/{payment_id}");
        assert_eq!(
            get(&app, &agent, &payment_path).await,
            StatusCode::OK,
            "{e}"
        );
        assert_eq!(
            get(&app, &admin_self, &payment_path).await,
            StatusCode::NOT_FOUND,
            "{e}"
        );
        assert_eq!(
            get(&app, &stranger, &payment_path).await,
            StatusCode::NOT_FOUND,
            "{e}"
        );

        // The officer sees it like any other, and approving puts the vehicle in the dealer's stock.
        assert_eq!(
            get(&app, &officer, &format!("/api/officer/applications/{id}")).await,
            StatusCode::OK,
            "{e}"
        );
        for decision in ["start_review", "approve"] {
            let r = officer
                .post(app.url(&format!("/api/officer/applications/{id}/decision")))
                .json(&json!({ "decision": decision }))
                .send()
                .await
                .unwrap();
            assert_eq!(
                r.status(),
                StatusCode::OK,
                "{e} {decision}: {}",
                r.text().await.unwrap()
            );
        }
        let stock = my_ntsa(&app, &agent).await;
        assert_eq!(stock.vehicles.len(), 1, "{e}");
        let plate = stock.vehicles[0].plate.clone();
        assert_eq!(stock.vehicles[0].make, "Toyota");
        assert_eq!(
            stock.vehicles[0].financier.as_deref(),
            Some("Jamii Bank"),
            "{e}"
        );
        assert!(
            stock.licence.is_none(),
            "an organisation has no driving licence"
        );
        assert!(my_ntsa(&app, &agent_self).await.vehicles.is_empty(), "{e}");
        assert!(my_ntsa(&app, &outsider).await.vehicles.is_empty(), "{e}");
        // The same chassis cannot be registered twice.
        let again: Application = start(&admin, "ntsa-vehicle-registration")
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        admin
            .put(app.url(&format!("/api/applications/{}/answers", again.id)))
            .json(&json!({ "answers": registration("JTDBR32E720123456", "P051365947M", "P000604761H") }))
            .send()
            .await
            .unwrap();
        admin
            .put(app.url(&format!(
                "/api/applications/{}/documents/customs-entry",
                again.id
            )))
            .header("x-file-name", "entry.pdf")
            .header("content-type", "application/octet-stream")
            .body(common::PDF)
            .send()
            .await
            .unwrap();
        let r = admin
            .post(app.url(&format!("/api/applications/{}/submit", again.id)))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(
            status(r).await,
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "chassis_registered".into()
            ),
            "{e}"
        );

        // The bank sees the vehicle it finances, and only its people can lift the caveat.
        let financed = my_ntsa(&app, &banker).await.financed;
        assert_eq!(
            financed.iter().map(|v| v.plate.clone()).collect::<Vec<_>>(),
            vec![plate.clone()],
            "{e}"
        );
        let lift = format!("/api/ntsa/vehicles/{plate}/lift-caveat");
        for client in [&agent, &admin_self, &outsider] {
            let r = client.post(app.url(&lift)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{e}");
        }
        let r = banker.post(app.url(&lift)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT, "{e}");
        assert_eq!(
            my_ntsa(&app, &agent).await.vehicles[0].financier,
            None,
            "{e}"
        );
        assert!(my_ntsa(&app, &banker).await.financed.is_empty(), "{e}");
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'caveat_lifted' AND actor_id = $1",
        )
        .bind(user_id(&app, &banker_phone).await)
        .fetch_one(&db(&app).await.pool)
        .await
        .unwrap();
        assert_eq!(audited, 1, "{e}");

        // Removing the agent takes effect at once, on the session they already have.
        let agent_id = user_id(&app, &agent_phone).await;
        let r = admin
            .delete(app.url(&format!("/api/organisations/{dealer}/members/{agent_id}")))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{e}: {}", r.status());
        for path in &paths {
            assert_eq!(
                status(agent.get(app.url(path)).send().await.unwrap()).await,
                (StatusCode::FORBIDDEN, "not_a_member".into()),
                "{e} {path}"
            );
            assert_eq!(
                get(&app, &agent_self, path).await,
                StatusCode::NOT_FOUND,
                "{e} {path}"
            );
            assert_eq!(get(&app, &admin, path).await, StatusCode::OK, "{e} {path}");
        }
        assert_eq!(
            get(&app, &agent, "/api/ntsa/me").await,
            StatusCode::FORBIDDEN,
            "{e}"
        );
        assert_eq!(
            get(&app, &agent, &payment_path).await,
            StatusCode::FORBIDDEN,
            "{e}"
        );
    }
}

#[tokio::test]
async fn a_dealer_sells_a_vehicle_from_its_stock_to_a_person() {
    use njia_domain::api::transfers::{TransferList, TransferStatus};
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let e = app.engine;
        let (_, agent_phone, agent_jar) = citizen_with_jar(&app, 21).await;
        let (buyer, _, _) = citizen_with_jar(&app, 22).await;
        let dealer = organisation(
            &app,
            "motor_dealer",
            "Baraka Motors Ltd",
            "P051365947M",
            &[(&agent_phone, "agent")],
        )
        .await;
        let agent = acting_for(&agent_jar, &dealer);
        let officer = common::officer(&app, "ntsa", 2).await;
        let pool = db(&app).await.pool;
        let vehicle = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO vehicles (id, plate, chassis_number, engine_number, make, model, year, colour, engine_cc, \
             body_type, logbook_number, registered_on) VALUES ($1, 'KDR 555K', 'MR0STOCK000000001', '2GD-1', \
             'Toyota', 'Hilux', 2025, 'White', 2400, 'Pick-up', 'LB-STOCK-1', '2026-11-01')",
        )
        .bind(&vehicle)
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO vehicle_organisation_owners (vehicle_id, organisation_id) VALUES ($1, $2)",
        )
        .bind(&vehicle)
        .bind(&dealer)
        .execute(&pool)
        .await
        .unwrap();

        let draft: Application = agent
            .post(app.url("/api/applications"))
            .json(&json!({ "service_id": "ntsa-vehicle-transfer" }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = draft.id;
        let r = agent
            .put(app.url(&format!("/api/applications/{id}/answers")))
            .json(&json!({ "answers": {"plate": "KDR 555K", "engine_cc": "2400",
                "buyer_identified_by": "national_id", "buyer_id_number": format!("{}", 31_000_000 + 22)} }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "{e}: {}",
            r.text().await.unwrap()
        );
        let r = agent
            .put(app.url(&format!("/api/applications/{id}/documents/logbook-scan")))
            .header("x-file-name", "logbook.pdf")
            .header("content-type", "application/octet-stream")
            .body(common::PDF)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{e}");
        let r = agent
            .post(app.url(&format!("/api/applications/{id}/submit")))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "{e}: {}",
            r.text().await.unwrap()
        );
        pay_and_wait(&app, &agent, &id).await;

        // The buyer is offered it by the dealer, not by the agent who clicked.
        let offers: TransferList = buyer
            .get(app.url("/api/ntsa/transfers"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(offers.items.len(), 1, "{e}");
        assert_eq!(offers.items[0].seller_name, "Baraka Motors Ltd", "{e}");
        let r = buyer
            .post(app.url(&format!(
                "/api/ntsa/transfers/{}/accept",
                offers.items[0].id
            )))
            .json(&json!({ "password": "baobab shade at noon 31" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{e}");
        for decision in ["start_review", "approve"] {
            let r = officer
                .post(app.url(&format!("/api/officer/applications/{id}/decision")))
                .json(&json!({ "decision": decision }))
                .send()
                .await
                .unwrap();
            assert_eq!(
                r.status(),
                StatusCode::OK,
                "{e} {decision}: {}",
                r.text().await.unwrap()
            );
        }
        assert!(
            my_ntsa(&app, &agent).await.vehicles.is_empty(),
            "{e}: out of stock"
        );
        let bought = my_ntsa(&app, &buyer).await;
        assert_eq!(bought.vehicles.len(), 1, "{e}");
        assert_eq!(bought.vehicles[0].plate, "KDR 555K");
        assert!(!bought.vehicles[0].joint, "{e}: the buyer alone");
        let offers: TransferList = buyer
            .get(app.url("/api/ntsa/transfers"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(offers.items[0].status, TransferStatus::Completed, "{e}");
    }
}
