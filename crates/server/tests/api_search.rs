//! Searching the catalog over the API: both languages, typos, narrowing, blank and over-long queries, and
//! the limit. The rules themselves are tested in `njia_domain::search`; these check the endpoint around them.
//! Every test runs on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestApp;
use njia_domain::api::ErrorEnvelope;
use njia_domain::api::services::SearchResults;
use reqwest::StatusCode;

async fn search(app: &TestApp, params: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .get(app.url("/api/services/search"))
        .query(params)
        .send()
        .await
        .unwrap()
}

async fn found(app: &TestApp, q: &str) -> SearchResults {
    let response = search(app, &[("q", q)]).await;
    assert_eq!(response.status(), StatusCode::OK, "{}: {q}", app.engine);
    response.json().await.unwrap()
}

fn ids(results: &SearchResults) -> Vec<&str> {
    results.items.iter().map(|i| i.id.as_str()).collect()
}

#[tokio::test]
async fn leseni_licence_and_a_misspelling_find_the_driving_licences_first() {
    for app in common::apps().await {
        for q in ["leseni", "licence", "lisence", "Lesseni"] {
            let results = found(&app, q).await;
            let ids = ids(&results);
            assert!(
                ids.contains(&"ntsa-dl-renewal-booklet") && ids.contains(&"ntsa-smart-dl"),
                "{}: {q}: {ids:?}",
                app.engine
            );
            let first = &results.items[0];
            assert_eq!(first.category, "driving-licences", "{q}: {ids:?}");
            assert_eq!(first.agency, "ntsa");
        }
        let renewal = found(&app, "leseni").await.items.remove(0);
        assert_eq!(renewal.id, "ntsa-dl-renewal-booklet");
        assert_eq!(
            renewal.name.sw, "Kuhuisha leseni ya udereva (kijitabu cha zamani)",
            "names and summaries come in both languages"
        );
        assert!(renewal.summary.en.starts_with("Renew"));
    }
}

#[tokio::test]
async fn kiswahili_words_find_their_services_and_more_words_narrow() {
    for app in common::apps().await {
        let passport = found(&app, "pasipoti").await;
        assert_eq!(ids(&passport)[0], "immigration-passport", "{}", app.engine);
        assert_eq!(
            ids(&found(&app, "passport").await)[0],
            "immigration-passport"
        );

        let renewals = found(&app, "kuhuisha leseni").await;
        let renewals = ids(&renewals);
        assert!(
            renewals.contains(&"ntsa-dl-renewal-booklet"),
            "{renewals:?}"
        );
        assert!(!renewals.contains(&"immigration-passport"), "{renewals:?}");
        assert!(renewals.len() < found(&app, "leseni").await.items.len());

        let birth = found(&app, "cheti cha kuzaliwa").await;
        assert_eq!(ids(&birth)[0], "civil-registration-birth-certificate");
    }
}

#[tokio::test]
async fn a_blank_query_finds_nothing_and_an_overlong_one_is_refused() {
    for app in common::apps().await {
        let none = app.get("/api/services/search").await;
        assert_eq!(none.status(), StatusCode::OK, "{}", app.engine);
        assert_eq!(none.json::<SearchResults>().await.unwrap().items, vec![]);
        for q in ["", "   ", "the", "ya na kwa", "?!"] {
            assert_eq!(found(&app, q).await.items, vec![], "{q:?}");
        }

        // Characters, not bytes: a hundred accented letters are within the limit.
        assert!(found(&app, &"é".repeat(100)).await.items.is_empty());
        let long = "leseni ".repeat(15);
        let refused = search(&app, &[("q", &long)]).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let request_id = refused.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let envelope: ErrorEnvelope = refused.json().await.unwrap();
        assert_eq!(envelope.error.code, "invalid");
        assert_eq!(
            envelope.error.request_id.as_deref(),
            Some(request_id.as_str())
        );
        let field = &envelope.error.fields[0];
        assert_eq!(
            (field.field.as_str(), field.code.as_str()),
            ("q", "too_long")
        );
    }
}

#[tokio::test]
async fn the_limit_defaults_to_20_and_is_at_most_50() {
    for app in common::apps().await {
        // A word still being typed matches every word it begins: "ki" begins a word of every service.
        let all = search(&app, &[("q", "ki"), ("limit", "50")]).await;
        let all: SearchResults = all.json().await.unwrap();
        assert!(all.items.len() > 20, "{}: {}", app.engine, all.items.len());
        assert_eq!(found(&app, "ki").await.items.len(), 20);
        let over: SearchResults = search(&app, &[("q", "ki"), ("limit", "500")])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(over, all);
        let two: SearchResults = search(&app, &[("q", "ki"), ("limit", "2")])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(two.items, all.items[..2]);
        let zero: SearchResults = search(&app, &[("q", "ki"), ("limit", "0")])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(zero.items.len(), 1, "a limit below 1 counts as 1");

        let malformed = search(&app, &[("q", "ki"), ("limit", "many")]).await;
        assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
        let envelope: ErrorEnvelope = malformed.json().await.unwrap();
        assert_eq!(envelope.error.code, "bad_request");
    }
}
