//! SECURITY.md: passwords, one-time codes, session tokens, full ID numbers and payment secrets never reach
//! the log. The real binary runs with debug logging while a person registers, confirms, signs in and pays by
//! M-Pesa (through the stand-in, whose callback carries the callback secret in its path); then its whole
//! output is searched for each secret it handled. On SQLite and, when available, PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use njia_domain::api::accounts::{PRIVACY_NOTICE_VERSION, SignInResponse};
use njia_domain::api::applications::Application;
use njia_domain::api::dev::OutboxList;
use njia_domain::api::invoices::Invoice;
use njia_domain::api::payments::{Payment, PaymentStatus};
use njia_server::accounts::secret::ServerSecret;
use serde_json::json;

const PASSWORD: &str = "kingfisher over lake naivasha";
const ID_NUMBER: &str = "29876543";
/// Fixed so the test can derive the M-Pesa callback secret as `Payments::from_config` does.
const SECRET_KEY: &str = "logs-test-server-secret-key-0123456789abcdef";

async fn newest_code(client: &reqwest::Client, base: &str, to: &str) -> String {
    let list: OutboxList = client
        .get(format!("{base}/api/dev/outbox"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let body = &list.items.iter().find(|m| m.to == to).unwrap().body;
    body.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .unwrap()
        .to_string()
}

/// Submit a three-year booklet renewal, pay its invoice by M-Pesa prompt and wait (at most ~10 s) for the
/// stand-in's callback to settle it.
async fn pay_by_mpesa(client: &reqwest::Client, base: &str) -> Payment {
    let r = client
        .post(format!("{base}/api/applications"))
        .json(&json!({"service_id": "ntsa-dl-renewal-booklet"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
    let draft: Application = r.json().await.unwrap();
    let id = &draft.id;
    let r = client
        .put(format!("{base}/api/applications/{id}/answers"))
        .json(&json!({"answers": {"period": "3"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let r = client
        .post(format!("{base}/api/applications/{id}/submit"))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let invoice: Invoice = client
        .get(format!("{base}/api/applications/{id}/invoice"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let r = client
        .post(format!("{base}/api/invoices/{}/mpesa", invoice.id))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .json(&json!({"phone": "0711222000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202, "{}", r.text().await.unwrap());
    let mut payment: Payment = r.json().await.unwrap();
    for _ in 0..100 {
        if payment.status == PaymentStatus::Paid {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        payment = client
            .get(format!("{base}/api/payments/{}", payment.id))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    }
    payment
}

async fn exercise(database_url: &str, json_logs: bool) -> (String, Vec<String>) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let data = std::env::temp_dir().join(format!("njia-logs-{}", uuid::Uuid::new_v4().simple()));
    // Distinctive credentials, so that a hit in the log can only be a leak.
    let standin = njia_mpesa_standin::StandinConfig {
        consumer_key: format!("ck-{}", uuid::Uuid::new_v4().simple()),
        consumer_secret: format!("cs-{}", uuid::Uuid::new_v4().simple()),
        passkey: format!("pk-{}", uuid::Uuid::new_v4().simple()),
        ..common::standin_config()
    };
    let (mpesa_addr, _mpesa) = njia_mpesa_standin::spawn(standin.clone()).await.unwrap();
    let callback_secret = ServerSecret::new(SECRET_KEY.as_bytes())
        .unwrap()
        .mac("mpesa-callback", "v1")[..32]
        .to_string();
    let mut server = Command::new(env!("CARGO_BIN_EXE_njia-server"))
        .arg("serve")
        .env("NJIA_BIND", format!("127.0.0.1:{port}"))
        .env("NJIA_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
        .env("NJIA_SECRET_KEY", SECRET_KEY)
        .env("NJIA_MPESA_BASE_URL", format!("http://{mpesa_addr}"))
        .env("NJIA_MPESA_CONSUMER_KEY", &standin.consumer_key)
        .env("NJIA_MPESA_CONSUMER_SECRET", &standin.consumer_secret)
        .env("NJIA_MPESA_PASSKEY", &standin.passkey)
        .env("NJIA_MPESA_SHORTCODE", "222222")
        .env("NJIA_DATA_DIR", &data)
        .env("DATABASE_URL", database_url)
        .env("NJIA_LOG_JSON", json_logs.to_string())
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-njia-csrf", "1".parse().unwrap());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .build()
        .unwrap();
    for _ in 0..200 {
        if client
            .get(format!("{base}/api/health"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut secrets = vec![
        PASSWORD.to_string(),
        ID_NUMBER.to_string(),
        standin.consumer_secret.clone(),
        standin.passkey.clone(),
        callback_secret.clone(),
        SECRET_KEY.to_string(),
        standin.consumer_key.clone(),
    ];
    let r = client
        .post(format!("{base}/api/accounts"))
        .json(&json!({
            "kind": "citizen", "id_number": ID_NUMBER, "first_name": "Akinyi", "other_names": "", "surname": "Ochieng",
            "date_of_birth": "1992-05-05", "email": "akinyi@example.co.ke", "phone": "0711222333",
            "password": PASSWORD, "password_confirmation": PASSWORD, "privacy_notice_version": PRIVACY_NOTICE_VERSION
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    secrets.extend(r.headers().get_all("set-cookie").iter().filter_map(|c| {
        c.to_str()
            .ok()?
            .split(['=', ';'])
            .nth(1)
            .map(str::to_string)
    }));
    for (channel, to) in [("sms", "+254711222333"), ("email", "akinyi@example.co.ke")] {
        let code = newest_code(&client, &base, to).await;
        secrets.push(code.clone());
        let r = client
            .post(format!("{base}/api/account/verification/confirm"))
            .json(&json!({"channel": channel, "code": code}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    // A wrong password too: failures are logged, their input must not be.
    let r = client
        .post(format!("{base}/api/auth/sign-in"))
        .json(&json!({"identifier": ID_NUMBER, "password": "wrong guess 12345"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    secrets.push("wrong guess 12345".into());
    let r = client
        .post(format!("{base}/api/auth/sign-in"))
        .json(&json!({"identifier": ID_NUMBER, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let SignInResponse::ChooseChannel { challenge, .. } = r.json().await.unwrap() else {
        panic!()
    };
    secrets.push(challenge.clone());
    tokio::time::sleep(Duration::from_millis(10)).await;
    // The SMS code sent at registration is less than a minute old: ask for the email one.
    let r = client
        .post(format!("{base}/api/auth/sign-in/code"))
        .json(&json!({"challenge": challenge, "channel": "email"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let code = newest_code(&client, &base, "akinyi@example.co.ke").await;
    secrets.push(code.clone());
    let r = client
        .post(format!("{base}/api/auth/sign-in/verify"))
        .json(&json!({"challenge": challenge, "code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    secrets.extend(r.headers().get_all("set-cookie").iter().filter_map(|c| {
        c.to_str()
            .ok()?
            .split(['=', ';'])
            .nth(1)
            .map(str::to_string)
    }));
    // Pay by M-Pesa: the stand-in's callback carries the callback secret in its path.
    common::give_booklet_licence(database_url, "+254711222333").await;
    let payment = pay_by_mpesa(&client, &base).await;
    assert_eq!(payment.status, PaymentStatus::Paid, "{payment:?}");
    // A forged callback: its (wrong) secret is logged, which is fine; it is refused all the same.
    let r = client
        .post(format!("{base}/api/callbacks/mpesa/{}/stk", "0".repeat(32)))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // Let the delivery worker log its deliveries, then stop cleanly.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    Command::new("kill")
        .arg("-TERM")
        .arg(server.id().to_string())
        .status()
        .unwrap();
    let status = server.wait().unwrap();
    assert!(status.success(), "graceful shutdown");
    let mut output = String::new();
    server
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut output)
        .unwrap();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut output)
        .unwrap();
    let _ = std::fs::remove_dir_all(data);
    (output, secrets)
}

#[tokio::test]
async fn no_secret_or_full_id_number_reaches_the_log() {
    let sqlite = format!(
        "sqlite://{}?mode=rwc",
        std::env::temp_dir()
            .join(format!("njia-logs-{}.db", uuid::Uuid::new_v4().simple()))
            .display()
    );
    let mut databases = vec![sqlite];
    if let Ok(admin) = std::env::var("NJIA_TEST_POSTGRES_URL") {
        databases.push(common::fresh_postgres(&admin).await);
    }
    for (i, url) in databases.iter().enumerate() {
        let (log, secrets) = exercise(url, i % 2 == 1).await;
        assert!(
            log.contains("finished processing request"),
            "the log was captured: {log}"
        );
        assert!(
            log.contains("****6543") || !log.contains("6543"),
            "at most a masked ID"
        );
        assert!(
            log.contains("/api/callbacks/mpesa/***/stk"),
            "the stand-in's callback was received and logged, redacted: {log}"
        );
        for secret in secrets.iter().filter(|s| !s.is_empty()) {
            assert!(
                !log.contains(secret.as_str()),
                "{secret:?} appears in the log:\n{log}"
            );
        }
    }
}
