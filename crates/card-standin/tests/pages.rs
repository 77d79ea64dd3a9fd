//! The stand-in's HTTP surface on its own: the API's error bodies and the pages, with plain HTTP and JSON.

use njia_card_standin::{CardStandinConfig, spawn};
use serde_json::{Value, json};

async fn create(client: &reqwest::Client, base: &str, body: &Value) -> reqwest::Response {
    client
        .post(format!("{base}/v1/checkout/sessions"))
        .bearer_auth("standin-card-key")
        .json(body)
        .send()
        .await
        .expect("answers")
}

fn body() -> Value {
    json!({
        "amount_cents": 105_000,
        "currency": "KES",
        "reference": "NJ7KX39QPM",
        "description": "Driving licence renewal",
        "success_url": "https://njia.example/r?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "https://njia.example/r?session_id={CHECKOUT_SESSION_ID}&cancelled=1",
    })
}

#[tokio::test]
async fn the_api_speaks_the_wire_format() {
    let (addr, standin) = spawn(CardStandinConfig::default()).await.expect("starts");
    let base = format!("http://{addr}");
    let client = reqwest::Client::new();

    let response = create(&client, &base, &body()).await;
    assert_eq!(response.status().as_u16(), 201);
    let created: Value = response.json().await.expect("json");
    let id = created["id"].as_str().expect("an id").to_owned();
    assert!(id.starts_with("cs_") && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
    assert_eq!(created["url"], format!("{base}/checkout/{id}"));
    assert_eq!(created["status"], "open");
    assert_eq!(created["amount_cents"], 105_000);
    assert_eq!(created["currency"], "KES");
    assert_eq!(created["reference"], "NJ7KX39QPM");

    let read: Value = client
        .get(format!("{base}/v1/checkout/sessions/{id}"))
        .bearer_auth("standin-card-key")
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    for field in [
        "card_last4",
        "card_brand",
        "decline_reason",
        "transaction_id",
        "paid_at",
    ] {
        assert_eq!(read[field], Value::Null, "{field}");
    }

    let mut usd = body();
    usd["currency"] = json!("USD");
    let mut fraction = body();
    fraction["amount_cents"] = json!(1050.5);
    for bad in [usd, fraction, json!([1, 2])] {
        let response = create(&client, &base, &bad).await;
        assert_eq!(response.status().as_u16(), 422);
        let error: Value = response.json().await.expect("json");
        assert_eq!(error["error"]["code"], "invalid_request");
        assert!(
            error["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }

    let response = client
        .get(format!("{base}/v1/checkout/sessions/{id}"))
        .bearer_auth("nope")
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 401);
    let error: Value = response.json().await.expect("json");
    assert_eq!(error["error"]["code"], "invalid_api_key");
    let response = client
        .get(format!("{base}/v1/checkout/sessions/{id}"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 401, "no key at all");
    assert_eq!(standin.sessions_created(), 1);
}

#[tokio::test]
async fn the_pages_are_accessible_html() {
    let (addr, _standin) = spawn(CardStandinConfig::default()).await.expect("starts");
    let base = format!("http://{addr}");
    let client = reqwest::Client::new();
    let home = client.get(&base).send().await.expect("home");
    assert_eq!(home.status().as_u16(), 200);
    assert!(
        home.headers()["content-type"]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/html"))
    );
    let html = home.text().await.expect("html");
    assert!(html.contains("Test card gateway (stand-in)"));

    let created: Value = create(&client, &base, &body())
        .await
        .json()
        .await
        .expect("json");
    let html = client
        .get(created["url"].as_str().expect("url"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    for html in [
        &html,
        &client
            .get(&base)
            .send()
            .await
            .expect("home")
            .text()
            .await
            .expect("html"),
    ] {
        assert!(html.starts_with("<!doctype html>"));
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("<title>") && html.contains("name=\"viewport\""));
        assert_eq!(html.matches("<h1>").count(), 1, "{html}");
        assert_eq!(html.matches("<main").count(), 1);
        assert!(!html.contains("<script"));
    }
    // Every input has a label pointing at it.
    for id in ["name", "card_number", "expiry", "cvc"] {
        assert!(html.contains(&format!("<label for=\"{id}\">")), "{id}");
        assert!(html.contains(&format!("<input id=\"{id}\"")), "{id}");
    }
}
