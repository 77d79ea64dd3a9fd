//! Applications: drafts validated answer by answer with the catalog's own rules, submission validated as a
//! whole, idempotent under concurrent repeats, references, the timeline, the SMS, and access only for the
//! owner. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestApp;
use njia_domain::api::ErrorEnvelope;
use njia_domain::api::applications::{
    Application, ApplicationList, ApplicationStatus, parse_reference,
};
use njia_domain::api::dev::OutboxList;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

async fn draft(app: &TestApp, client: &Client, service: &str) -> Application {
    let r = client
        .post(app.url("/api/applications"))
        .json(&json!({"service_id": service}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

async fn save(app: &TestApp, client: &Client, id: &str, answers: Value) -> reqwest::Response {
    client
        .put(app.url(&format!("/api/applications/{id}/answers")))
        .json(&json!({ "answers": answers }))
        .send()
        .await
        .unwrap()
}

async fn submit(app: &TestApp, client: &Client, id: &str, key: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/applications/{id}/submit")))
        .header("idempotency-key", key)
        .send()
        .await
        .unwrap()
}

fn codes(envelope: &ErrorEnvelope) -> Vec<(String, String)> {
    envelope
        .error
        .fields
        .iter()
        .map(|f| (f.field.clone(), f.code.clone()))
        .collect()
}

#[tokio::test]
async fn a_draft_keeps_valid_answers_in_canonical_form_and_refuses_wrong_ones() {
    for app in common::apps().await {
        let (client, _) = common::citizen(&app, 1).await;
        let application = draft(&app, &client, "ntsa-vehicle-search").await;
        assert_eq!(application.status, ApplicationStatus::Draft);
        assert_eq!(application.reference, None);

        let r = save(
            &app,
            &client,
            &application.id,
            json!({"search_by": "plate", "plate": "kda123a"}),
        )
        .await;
        let saved: Application = r.json().await.unwrap();
        assert_eq!(
            saved.answers["plate"],
            njia_domain::forms::Answer::One("KDA 123A".into())
        );

        let r = save(
            &app,
            &client,
            &application.id,
            json!({"search_by": "boat", "plate": "XYZ", "owner_id": "1"}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let envelope: ErrorEnvelope = r.json().await.unwrap();
        let mut found = codes(&envelope);
        found.sort();
        assert_eq!(
            found,
            [
                ("owner_id".to_string(), "unknown_field".to_string()),
                ("plate".to_string(), "unknown_format".to_string()),
                ("search_by".to_string(), "not_an_option".to_string()),
            ]
        );
        // The draft is still what was last saved: nothing of a refused save is kept.
        let again: Application = client
            .get(app.url(&format!("/api/applications/{}", application.id)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(again.answers, saved.answers);
    }
}

#[tokio::test]
async fn submission_checks_the_whole_form_and_the_documents_it_makes_necessary() {
    for app in common::apps().await {
        let (client, phone) = common::citizen(&app, 2).await;
        let application = draft(&app, &client, "ntsa-dl-duplicate").await;
        let key = uuid::Uuid::new_v4().to_string();

        let r = submit(&app, &client, &application.id, &key).await;
        let envelope: ErrorEnvelope = r.json().await.unwrap();
        assert_eq!(
            codes(&envelope),
            [("reason".to_string(), "required".to_string())]
        );

        save(&app, &client, &application.id, json!({"reason": "lost"})).await;
        let envelope: ErrorEnvelope = submit(&app, &client, &application.id, &key)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            codes(&envelope),
            [("abstract_number".to_string(), "required".to_string())],
            "asked when lost"
        );

        save(
            &app,
            &client,
            &application.id,
            json!({"reason": "lost", "abstract_number": "OB/12/03/2026"}),
        )
        .await;
        let envelope: ErrorEnvelope = submit(&app, &client, &application.id, &key)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            codes(&envelope),
            [(
                "documents.police-abstract".to_string(),
                "document_missing".to_string()
            )]
        );

        // Defaced: no abstract needed. The same key works again after refusals.
        save(
            &app,
            &client,
            &application.id,
            json!({"reason": "defaced", "abstract_number": "OB/12/03/2026"}),
        )
        .await;
        let r = submit(&app, &client, &application.id, &key).await;
        assert_eq!(r.status(), StatusCode::OK);
        let submitted: Application = r.json().await.unwrap();
        assert_eq!(
            submitted.status,
            ApplicationStatus::AwaitingPayment,
            "a service with a fee waits for payment"
        );
        assert!(
            !submitted.answers.contains_key("abstract_number"),
            "the answer to a question not asked is dropped"
        );
        let reference = submitted.reference.clone().unwrap();
        assert_eq!(
            parse_reference(&reference).as_deref(),
            Some(reference.as_str())
        );
        assert_eq!(submitted.timeline.len(), 1);

        let outbox: OutboxList = app.get("/api/dev/outbox").await.json().await.unwrap();
        assert!(
            outbox
                .items
                .iter()
                .any(|m| m.to == phone && m.body.contains(&reference)),
            "the reference goes by SMS"
        );

        let r = save(&app, &client, &application.id, json!({"reason": "lost"})).await;
        assert_eq!(
            r.status(),
            StatusCode::CONFLICT,
            "a submitted application is not edited"
        );
    }
}

#[tokio::test]
async fn a_free_service_goes_straight_to_review() {
    for app in common::apps().await {
        let (client, _) = common::citizen(&app, 3).await;
        let application = draft(&app, &client, "judiciary-court-fees").await;
        let r = submit(
            &app,
            &client,
            &application.id,
            &uuid::Uuid::new_v4().to_string(),
        )
        .await;
        let submitted: Application = r.json().await.unwrap();
        assert_eq!(submitted.status, ApplicationStatus::Submitted);
    }
}

#[tokio::test]
async fn twenty_concurrent_submissions_with_one_key_create_one_application_and_one_message() {
    for app in common::apps().await {
        let (client, phone) = common::citizen(&app, 4).await;
        let application = draft(&app, &client, "judiciary-court-fees").await;
        let key = uuid::Uuid::new_v4().to_string();
        let url = app.url(&format!("/api/applications/{}/submit", application.id));
        let attempts = (0..20).map(|_| {
            let (client, url, key) = (client.clone(), url.clone(), key.clone());
            async move {
                client
                    .post(url)
                    .header("idempotency-key", key)
                    .send()
                    .await
                    .unwrap()
            }
        });
        let responses = futures_join_all(attempts).await;
        let mut bodies = Vec::new();
        for r in responses {
            match r.status() {
                StatusCode::OK => bodies.push(r.text().await.unwrap()),
                StatusCode::CONFLICT => {
                    let envelope: ErrorEnvelope = r.json().await.unwrap();
                    assert_eq!(envelope.error.code, "in_progress");
                }
                other => panic!("{}: unexpected {other}", app.engine),
            }
        }
        assert!(!bodies.is_empty());
        assert!(
            bodies.windows(2).all(|w| w[0] == w[1]),
            "every answer is the same answer"
        );
        // And once it is done, a retry gets the stored answer.
        let again = submit(&app, &client, &application.id, &key)
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(again, bodies[0]);
        let done: Application = serde_json::from_str(&again).unwrap();
        assert_eq!(done.timeline.len(), 1, "one submission event");
        let outbox: OutboxList = app.get("/api/dev/outbox").await.json().await.unwrap();
        let sms = outbox
            .items
            .iter()
            .filter(|m| m.to == phone && m.body.contains("received your application"))
            .count();
        assert_eq!(sms, 1, "one SMS");

        // The same key for another request is refused; a submission needs a key.
        let other = draft(&app, &client, "judiciary-court-fees").await;
        let r = submit(&app, &client, &other.id, &key).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = client
            .post(app.url(&format!("/api/applications/{}/submit", other.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }
}

/// A tiny join_all, so the tests need no futures crate.
async fn futures_join_all<F: std::future::Future<Output = reqwest::Response> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<reqwest::Response> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn another_person_or_nobody_cannot_see_an_application() {
    for app in common::apps().await {
        let (owner, _) = common::citizen(&app, 5).await;
        let (stranger, _) = common::citizen(&app, 6).await;
        let application = draft(&app, &owner, "ntsa-vehicle-search").await;
        let path = format!("/api/applications/{}", application.id);
        assert_eq!(
            stranger.get(app.url(&path)).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            save(&app, &stranger, &application.id, json!({}))
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            submit(
                &app,
                &stranger,
                &application.id,
                &uuid::Uuid::new_v4().to_string()
            )
            .await
            .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            Client::new()
                .get(app.url(&path))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::UNAUTHORIZED
        );
        let mine: ApplicationList = owner
            .get(app.url("/api/applications"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let theirs: ApplicationList = stranger
            .get(app.url("/api/applications"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(mine.items.len(), 1);
        assert!(theirs.items.is_empty());
    }
}
