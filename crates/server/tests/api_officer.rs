//! The back office: an officer sees and decides only their own agency's applications; each decision moves
//! the timeline, reaches the applicant by SMS and email, and is in the audit trail with who did it. On
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestApp;
use njia_domain::api::ErrorEnvelope;
use njia_domain::api::applications::{Application, ApplicationStatus, OfficerApplication, Queue};
use njia_domain::api::dev::OutboxList;
use reqwest::{Client, StatusCode};
use serde_json::json;

async fn decide(
    app: &TestApp,
    officer: &Client,
    id: &str,
    decision: &str,
    note: Option<&str>,
) -> reqwest::Response {
    officer
        .post(app.url(&format!("/api/officer/applications/{id}/decision")))
        .json(&json!({"decision": decision, "note": note}))
        .send()
        .await
        .unwrap()
}

async fn status_of(response: reqwest::Response) -> ApplicationStatus {
    assert_eq!(response.status(), StatusCode::OK);
    response
        .json::<OfficerApplication>()
        .await
        .unwrap()
        .application
        .status
}

#[tokio::test]
async fn an_application_goes_through_review_changes_approval_and_collection() {
    for app in common::apps().await {
        let (citizen, phone) = common::citizen(&app, 1).await;
        // A first national ID: free, so it goes straight to review, and handed over in person.
        let id = common::submitted_id_application(&app, &citizen).await.id;
        let submit = |key: String| {
            citizen
                .post(app.url(&format!("/api/applications/{id}/submit")))
                .header("idempotency-key", key)
                .send()
        };
        let registrar = common::officer(&app, "nrb", 1).await;
        let ntsa = common::officer(&app, "ntsa", 2).await;
        let queue: Queue = registrar
            .get(app.url("/api/officer/applications"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            queue
                .items
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            [id.as_str()]
        );
        assert_eq!(queue.items[0].applicant_name, "Njeri Karanja");
        let other: Queue = ntsa
            .get(app.url("/api/officer/applications"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            other.items.is_empty(),
            "another agency's queue does not show it"
        );
        assert_eq!(
            ntsa.get(app.url(&format!("/api/officer/applications/{id}")))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            decide(&app, &ntsa, &id, "approve", None).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            citizen
                .get(app.url("/api/officer/applications"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::FORBIDDEN
        );

        assert_eq!(
            status_of(decide(&app, &registrar, &id, "start_review", None).await).await,
            ApplicationStatus::UnderReview
        );
        let r = decide(&app, &registrar, &id, "request_changes", Some("  ")).await;
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "a request for changes says what to change"
        );
        let note = "Attach the receipt of the court's assessment";
        assert_eq!(
            status_of(decide(&app, &registrar, &id, "request_changes", Some(note)).await).await,
            ApplicationStatus::ChangesRequested
        );
        let outbox: OutboxList = app.get("/api/dev/outbox").await.json().await.unwrap();
        assert!(
            outbox
                .items
                .iter()
                .any(|m| m.to == phone && m.body.contains(note)),
            "the applicant is told what to change"
        );
        assert!(
            outbox
                .items
                .iter()
                .any(|m| m.to.starts_with("applicant.1@") && m.body.contains(note)),
            "by email too"
        );

        // The applicant resubmits; a free resubmission goes straight back to the queue.
        let again: Application = submit(uuid::Uuid::new_v4().to_string())
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(again.status, ApplicationStatus::Submitted);

        assert_eq!(
            status_of(decide(&app, &registrar, &id, "approve", None).await).await,
            ApplicationStatus::Approved
        );
        assert_eq!(
            decide(&app, &registrar, &id, "ready_for_collection", None)
                .await
                .status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let ready = decide(
            &app,
            &registrar,
            &id,
            "ready_for_collection",
            Some("Milimani Law Courts, Nairobi"),
        )
        .await;
        assert_eq!(
            status_of(ready).await,
            ApplicationStatus::ReadyForCollection
        );
        assert_eq!(
            status_of(decide(&app, &registrar, &id, "collected", None).await).await,
            ApplicationStatus::Collected
        );
        let r = decide(&app, &registrar, &id, "approve", None).await;
        assert_eq!(
            r.status(),
            StatusCode::CONFLICT,
            "no decision after collection"
        );

        let mine: Application = citizen
            .get(app.url(&format!("/api/applications/{id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let statuses: Vec<ApplicationStatus> = mine.timeline.iter().map(|t| t.status).collect();
        use ApplicationStatus::*;
        assert_eq!(
            statuses,
            [
                Submitted,
                UnderReview,
                ChangesRequested,
                Submitted,
                Approved,
                ReadyForCollection,
                Collected
            ]
        );
        assert_eq!(
            mine.timeline[5].note.as_deref(),
            Some("Milimani Law Courts, Nairobi")
        );

        // Every decision is in the audit trail with the officer who made it.
        let db = njia_server::db::Db::connect(&app.database_url)
            .await
            .unwrap();
        let rows: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT action, actor_id FROM audit_log WHERE action LIKE 'application_%' ORDER BY at, id",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap();
        assert_eq!(
            rows.len(),
            5,
            "start review, request changes, approve, ready, collected"
        );
        let officer_id: String =
            sqlx::query_scalar("SELECT id FROM users WHERE email_key = 'officer1@nrb.go.ke'")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert!(
            rows.iter()
                .all(|(_, actor)| actor.as_deref() == Some(officer_id.as_str()))
        );
        let tamper = sqlx::query("DELETE FROM audit_log").execute(&db.pool).await;
        assert!(
            tamper.is_err(),
            "{}: the audit trail is append-only",
            app.engine
        );
    }
}

#[tokio::test]
async fn only_the_agency_s_officers_read_an_application_s_documents() {
    for app in common::apps().await {
        let (citizen, _) = common::citizen(&app, 1).await;
        let (stranger, _) = common::citizen(&app, 2).await;
        let case = common::submitted_id_application(&app, &citizen).await;
        let nrb = common::officer(&app, "nrb", 3).await;
        let ntsa = common::officer(&app, "ntsa", 4).await;

        let seen: OfficerApplication = nrb
            .get(app.url(&format!("/api/officer/applications/{}", case.id)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(seen.documents.len(), 2);
        for document in &seen.documents {
            let path = format!("/api/documents/{}/content", document.id);
            let r = nrb.get(app.url(&path)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "the agency's officer reads it");
            assert_eq!(r.headers()["content-type"], "application/pdf");
            assert_eq!(r.headers()["x-content-type-options"], "nosniff");
            assert_eq!(r.bytes().await.unwrap().to_vec(), common::PDF);
            for (who, client) in [
                ("another agency's officer", &ntsa),
                ("another citizen", &stranger),
            ] {
                let r = client.get(app.url(&path)).send().await.unwrap();
                assert_eq!(r.status(), StatusCode::NOT_FOUND, "{who}");
            }
            let r = reqwest::get(app.url(&path)).await.unwrap();
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "someone signed out");
        }
    }
}

#[tokio::test]
async fn an_agency_with_collection_centres_must_name_one_of_them() {
    for app in common::apps().await {
        let (citizen, _) = common::citizen(&app, 1).await;
        let draft: Application = citizen
            .post(app.url("/api/applications"))
            .json(&json!({"service_id": "ntsa-dl-duplicate"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        // Payment is not built yet: the application is moved to "approved" directly, as review would.
        let db = njia_server::db::Db::connect(&app.database_url)
            .await
            .unwrap();
        sqlx::query(
            "UPDATE applications SET status = 'approved', reference = 'NJ-2345-6789' WHERE id = $1",
        )
        .bind(&draft.id)
        .execute(&db.pool)
        .await
        .unwrap();
        let ntsa = common::officer(&app, "ntsa", 5).await;
        let r = decide(
            &app,
            &ntsa,
            &draft.id,
            "ready_for_collection",
            Some("My cousin's shop"),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let envelope: ErrorEnvelope = r.json().await.unwrap();
        assert_eq!(envelope.error.fields[0].code, "not_a_centre");
        let r = decide(
            &app,
            &ntsa,
            &draft.id,
            "ready_for_collection",
            Some("Huduma Centre Thika"),
        )
        .await;
        assert_eq!(status_of(r).await, ApplicationStatus::ReadyForCollection);
    }
}

#[tokio::test]
async fn the_queue_comes_a_page_at_a_time_oldest_first() {
    for app in common::apps().await {
        let (citizen, _) = common::citizen(&app, 1).await;
        let mut ids = Vec::new();
        for _ in 0..3 {
            ids.push(common::submitted_id_application(&app, &citizen).await.id);
            app.clock.advance_secs(60);
        }
        let registrar = common::officer(&app, "nrb", 6).await;
        let page = |query: String| {
            let registrar = registrar.clone();
            let url = app.url(&format!("/api/officer/applications?{query}"));
            async move {
                let r = registrar.get(url).send().await.unwrap();
                assert_eq!(r.status(), StatusCode::OK);
                r.json::<Queue>().await.unwrap()
            }
        };
        let first = page("limit=2".into()).await;
        assert_eq!(
            first.items.iter().map(|e| e.id.clone()).collect::<Vec<_>>(),
            ids[..2]
        );
        let cursor = first.next_cursor.expect("a second page");
        let second = page(format!("limit=2&cursor={cursor}")).await;
        assert_eq!(
            second
                .items
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>(),
            ids[2..]
        );
        assert_eq!(second.next_cursor, None, "the last page says so");
        let other_service = page("service=nrb-id-replacement".into()).await;
        assert!(other_service.items.is_empty());
        let r = registrar
            .get(app.url("/api/officer/applications?cursor=nonsense"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }
}
