//! Uploads: every kind of bad file refused with its own reason and nothing kept; an oversized upload refused
//! before it is all read; the type from the content; downloads only for the owner; a required document
//! lets the application be submitted. On SQLite and PostgreSQL, with the folder store and with the S3
//! object store (an S3 server in the test process).
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::TestApp;
use njia_domain::api::ErrorEnvelope;
use njia_domain::api::applications::{Application, ApplicationStatus, DocumentInfo, DocumentList};
use reqwest::{Client, StatusCode};
use serde_json::json;

use common::{JPEG, PDF};
const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00this program cannot be run in DOS mode";

/// A draft for a duplicate licence, lost, so the police abstract (PDF, JPEG or PNG, up to 5 MB) is needed.
async fn lost_licence(app: &TestApp, n: u32) -> (Client, Application) {
    let (client, _) = common::citizen(app, n).await;
    let r = client
        .post(app.url("/api/applications"))
        .json(&json!({"service_id": "ntsa-dl-duplicate"}))
        .send()
        .await
        .unwrap();
    let application: Application = r.json().await.unwrap();
    let answers = json!({"answers": {"reason": "lost", "abstract_number": "OB/1/2026"}});
    client
        .put(app.url(&format!("/api/applications/{}/answers", application.id)))
        .json(&answers)
        .send()
        .await
        .unwrap();
    (client, application)
}

async fn upload(
    app: &TestApp,
    client: &Client,
    application: &str,
    name: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    client
        .put(app.url(&format!(
            "/api/applications/{application}/documents/police-abstract"
        )))
        .header("x-file-name", name)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn reason(response: reqwest::Response) -> (StatusCode, String) {
    let status = response.status();
    let envelope: ErrorEnvelope = response.json().await.unwrap();
    (
        status,
        envelope
            .error
            .fields
            .first()
            .map(|f| f.code.clone())
            .unwrap_or(envelope.error.code),
    )
}

/// Files kept on disk for the test server (ignoring the folder of uploads in progress).
fn stored_files(app: &TestApp) -> usize {
    if let Some(s3) = &app.s3 {
        return s3.objects();
    }
    let root = app.data_dir.join("documents");
    common::files_under(&root) - common::files_under(&root.join("incoming"))
}

#[tokio::test]
async fn bad_files_are_refused_each_with_its_reason_and_nothing_is_kept() {
    for app in common::apps_with_each_document_store().await {
        let (client, application) = lost_licence(&app, 1).await;
        let id = &application.id;
        let cases: [(&str, Vec<u8>, &str); 5] = [
            ("photo.png", JPEG.to_vec(), "name_mismatch"),
            ("abstract.pdf", EXE.to_vec(), "unknown_type"),
            ("..%2F..%2Fetc%2Fabstract.pdf", PDF.to_vec(), "path_in_name"),
            ("abstract.pdf", Vec::new(), "empty_file"),
            (
                "abstract.pdf",
                [PDF, &vec![b'x'; 6 * 1024 * 1024]].concat(),
                "too_large",
            ),
        ];
        for (name, body, expected) in cases {
            let (status, code) = reason(upload(&app, &client, id, name, body).await).await;
            assert_eq!(code, expected, "{}: {name}", app.engine);
            let want = if expected == "too_large" {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            assert_eq!(status, want, "{name}");
        }
        let list: DocumentList = client
            .get(app.url(&format!("/api/applications/{id}/documents")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(list.items.is_empty());
        assert_eq!(stored_files(&app), 0, "nothing stored");
        let incoming = app.data_dir.join("documents").join("incoming");
        assert_eq!(
            std::fs::read_dir(incoming).map_or(0, |e| e.count()),
            0,
            "no partial file left behind"
        );
    }
}

#[tokio::test]
async fn an_oversized_upload_is_refused_before_it_is_all_read() {
    for app in common::apps_with_each_document_store().await {
        let (client, application) = lost_licence(&app, 2).await;
        // 50 chunks of 1 MiB without a Content-Length: the server can only count as it reads.
        let pulled = Arc::new(AtomicUsize::new(0));
        let counter = pulled.clone();
        let chunks = futures_util::stream::iter((0..50).map(move |i| {
            counter.fetch_add(1, Ordering::SeqCst);
            let mut chunk = vec![b'x'; 1024 * 1024];
            if i == 0 {
                chunk[..PDF.len()].copy_from_slice(PDF);
            }
            Ok::<_, std::io::Error>(chunk)
        }));
        let result = client
            .put(app.url(&format!(
                "/api/applications/{}/documents/police-abstract",
                application.id
            )))
            .header("x-file-name", "abstract.pdf")
            .body(reqwest::Body::wrap_stream(chunks))
            .send()
            .await;
        // The server answers 413 and stops reading; the client may see the answer or a closed connection.
        if let Ok(response) = result {
            assert_eq!(
                reason(response).await,
                (StatusCode::PAYLOAD_TOO_LARGE, "too_large".to_string())
            );
        }
        let sent = pulled.load(Ordering::SeqCst);
        assert!(
            sent < 30,
            "{}: the client was made to send {sent} of 50 MiB",
            app.engine
        );
        assert_eq!(stored_files(&app), 0);
    }
}

#[tokio::test]
async fn an_accepted_document_is_the_owners_alone_and_lets_the_application_be_submitted() {
    for app in common::apps_with_each_document_store().await {
        let (client, application) = lost_licence(&app, 3).await;
        let r = upload(
            &app,
            &client,
            &application.id,
            "Police%20abstract%20%E2%80%93%20Njeri.pdf",
            PDF.to_vec(),
        )
        .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let info: DocumentInfo = r.json().await.unwrap();
        assert_eq!(info.file_name, "Police abstract – Njeri.pdf");
        assert_eq!(info.size_bytes, PDF.len() as u64);
        assert_eq!(stored_files(&app), 1);

        // A second upload replaces the first.
        let r = upload(
            &app,
            &client,
            &application.id,
            "abstract-2.pdf",
            PDF.to_vec(),
        )
        .await;
        let second: DocumentInfo = r.json().await.unwrap();
        assert_eq!(stored_files(&app), 1, "the replaced file is removed");
        if app.s3.is_some() {
            assert!(
                !app.data_dir.join("documents").exists(),
                "with the object store, nothing is written to the data folder"
            );
        }

        let content = app.url(&format!("/api/documents/{}/content", second.id));
        let r = client.get(&content).send().await.unwrap();
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("abstract-2.pdf")
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
        let old = app.url(&format!("/api/documents/{}/content", info.id));
        assert_eq!(
            client.get(&old).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );

        let (stranger, _) = common::citizen(&app, 4).await;
        assert_eq!(
            stranger.get(&content).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            Client::new().get(&content).send().await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
        let r = stranger
            .put(app.url(&format!(
                "/api/applications/{}/documents/police-abstract",
                application.id
            )))
            .header("x-file-name", "x.pdf")
            .body(PDF.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::NOT_FOUND,
            "nobody else attaches to it"
        );

        let r = client
            .post(app.url(&format!("/api/applications/{}/submit", application.id)))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .unwrap();
        let submitted: Application = r.json().await.unwrap();
        assert_eq!(submitted.status, ApplicationStatus::AwaitingPayment);
        let r = client
            .delete(app.url(&format!("/api/documents/{}", second.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::CONFLICT,
            "a submitted application keeps its documents"
        );
    }
}
