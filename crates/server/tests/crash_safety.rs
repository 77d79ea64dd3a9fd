//! SECURITY.md, Reliability: the real server is killed with SIGKILL in the middle of concurrent submissions
//! and payments, then started again on the same database. Every acknowledged request is there exactly once,
//! a repeat of it with its Idempotency-Key gets the same answer, and every prompt M-Pesa accepted ends paid
//! exactly once — including prompts whose checkout id the dying server never recorded. SQLite and, when
//! available, PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use njia_domain::api::applications::Application;
use njia_domain::api::invoices::Invoice;
use serde_json::json;

const ROUNDS: usize = 6;

struct Server {
    child: Child,
    base: String,
}

fn start(port: u16, data: &std::path::Path, database_url: &str, mpesa: &str) -> Server {
    let standin = common::standin_config();
    let child = Command::new(env!("CARGO_BIN_EXE_njia-server"))
        .arg("serve")
        .env("NJIA_BIND", format!("127.0.0.1:{port}"))
        .env("NJIA_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
        .env("NJIA_DATA_DIR", data)
        .env("DATABASE_URL", database_url)
        .env(
            "NJIA_SECRET_KEY",
            "crash-test-secret-key-crash-test-secret-key",
        )
        .env("NJIA_MPESA_BASE_URL", mpesa)
        .env("NJIA_MPESA_CONSUMER_KEY", &standin.consumer_key)
        .env("NJIA_MPESA_CONSUMER_SECRET", &standin.consumer_secret)
        .env("NJIA_MPESA_SHORTCODE", &standin.shortcode)
        .env("NJIA_MPESA_PASSKEY", &standin.passkey)
        .env("NJIA_PAYMENT_CHECK_SECONDS", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

async fn healthy(client: &reqwest::Client, base: &str) {
    for _ in 0..300 {
        if client
            .get(format!("{base}/api/health"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
}

async fn json_of<T: serde::de::DeserializeOwned>(r: reqwest::Response) -> T {
    let status = r.status();
    let text = r.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status}: {e}: {text}"))
}

/// The person's phone for round `i`: the stand-in pays (the last three digits are not an outcome code),
/// and each round's phone differs, so a callback can be told apart.
fn phone(i: usize) -> String {
    format!("071230{i}005")
}

async fn exercise(database_url: &str) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let data = std::env::temp_dir().join(format!("njia-crash-{}", uuid::Uuid::new_v4().simple()));
    // Callbacks come late enough to find the server dead or restarted, never in between.
    let (mpesa_addr, mpesa) = njia_mpesa_standin::spawn(njia_mpesa_standin::StandinConfig {
        callback_delay: Duration::from_secs(3),
        ..common::standin_config()
    })
    .await
    .unwrap();
    let mpesa_url = format!("http://{mpesa_addr}");
    let mut server = start(port, &data, database_url, &mpesa_url);
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-njia-csrf", "1".parse().unwrap());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .build()
        .unwrap();
    healthy(&client, &server.base).await;
    let base = server.base.clone();
    let url = |path: &str| format!("{base}{path}");

    // A signed-in citizen with ROUNDS invoices to pay and ROUNDS drafts ready to submit.
    let password = "acacia thorns at dusk 77";
    let r = client
        .post(url("/api/accounts"))
        .json(&json!({
            "kind": "citizen", "id_number": "27345678", "first_name": "Achieng", "other_names": "", "surname": "Otieno",
            "date_of_birth": "1990-03-03", "email": "achieng@example.co.ke", "phone": "0733444555",
            "password": password, "password_confirmation": password,
            "privacy_notice_version": njia_domain::api::accounts::PRIVACY_NOTICE_VERSION
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    for (channel, to) in [("sms", "+254733444555"), ("email", "achieng@example.co.ke")] {
        let list: njia_domain::api::dev::OutboxList =
            json_of(client.get(url("/api/dev/outbox")).send().await.unwrap()).await;
        let body = &list.items.iter().find(|m| m.to == to).unwrap().body;
        let code = body
            .split(|c: char| !c.is_ascii_digit())
            .find(|run| run.len() == 6)
            .unwrap();
        let r = client
            .post(url("/api/account/verification/confirm"))
            .json(&json!({"channel": channel, "code": code}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    common::give_booklet_licence(database_url, "+254733444555").await;
    let mut drafts = Vec::new();
    let mut invoices = Vec::new();
    for i in 0..ROUNDS * 2 {
        let draft: Application = json_of(
            client
                .post(url("/api/applications"))
                .json(&json!({"service_id": "ntsa-dl-renewal-booklet"}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        let r = client
            .put(url(&format!("/api/applications/{}/answers", draft.id)))
            .json(&json!({"answers": {"period": "1"}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        if i < ROUNDS {
            drafts.push(draft);
            continue;
        }
        let r = client
            .post(url(&format!("/api/applications/{}/submit", draft.id)))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let invoice: Invoice = json_of(
            client
                .get(url(&format!("/api/applications/{}/invoice", draft.id)))
                .send()
                .await
                .unwrap(),
        )
        .await;
        invoices.push(invoice);
    }

    // Everything at once, and the server killed while it is busy.
    let mut tasks = Vec::new();
    for i in 0..ROUNDS {
        let (client, submit_url, pay_url) = (
            client.clone(),
            url(&format!("/api/applications/{}/submit", drafts[i].id)),
            url(&format!("/api/invoices/{}/mpesa", invoices[i].id)),
        );
        tasks.push(tokio::spawn(async move {
            let submit_key = uuid::Uuid::new_v4().to_string();
            let pay_key = uuid::Uuid::new_v4().to_string();
            let body = json!({"phone": phone(i)});
            let (submitted, paid) = tokio::join!(
                client
                    .post(&submit_url)
                    .header("idempotency-key", &submit_key)
                    .send(),
                client
                    .post(&pay_url)
                    .header("idempotency-key", &pay_key)
                    .json(&body)
                    .send(),
            );
            let read = |r: Result<reqwest::Response, reqwest::Error>| async move {
                match r {
                    Ok(r) if r.status().is_success() => Some(r.text().await.ok()?),
                    _ => None,
                }
            };
            (
                (submit_url, submit_key, read(submitted).await),
                (pay_url, pay_key, body, read(paid).await),
            )
        }));
    }
    // Killed once M-Pesa has some prompts: some answered to the person, some maybe not even recorded.
    for _ in 0..500 {
        if mpesa.stk_pushes() >= ROUNDS / 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }

    server = start(port, &data, database_url, &mpesa_url);
    healthy(&client, &server.base).await;
    let db = njia_server::db::Db::connect(database_url).await.unwrap();

    for (i, ((submit_url, submit_key, submitted), (pay_url, pay_key, body, paid))) in
        outcomes.iter().enumerate()
    {
        if let Some(first) = submitted {
            // Acknowledged: there, once, and the same answer to a repeat.
            let count: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE application_id = $1")
                    .bind(&drafts[i].id)
                    .fetch_one(&db.pool)
                    .await
                    .unwrap();
            assert_eq!(
                count, 1,
                "round {i}: one invoice for an acknowledged submission"
            );
            let again = client
                .post(submit_url)
                .header("idempotency-key", submit_key)
                .send()
                .await
                .unwrap();
            assert_eq!(
                &again.text().await.unwrap(),
                first,
                "round {i}: the same answer"
            );
        }
        if let Some(first) = paid {
            let payment: njia_domain::api::payments::Payment = serde_json::from_str(first).unwrap();
            let again = client
                .post(pay_url)
                .header("idempotency-key", pay_key)
                .json(body)
                .send()
                .await
                .unwrap();
            assert_eq!(
                &again.text().await.unwrap(),
                first,
                "round {i}: the same payment"
            );
            let stored: Option<String> =
                sqlx::query_scalar("SELECT id FROM payments WHERE id = $1")
                    .bind(&payment.id)
                    .fetch_optional(&db.pool)
                    .await
                    .unwrap();
            assert!(
                stored.is_some(),
                "round {i}: an acknowledged payment is kept"
            );
        }
    }

    // Every prompt M-Pesa accepted ends paid, once per invoice, whether or not its answer reached anyone
    // before the crash; nothing is paid twice.
    let accepted = mpesa.stk_pushes();
    let acknowledged = outcomes
        .iter()
        .filter(|(_, (_, _, _, paid))| paid.is_some())
        .count();
    let submitted = outcomes.iter().filter(|((_, _, s), _)| s.is_some()).count();
    eprintln!(
        "killed with {submitted} submissions and {acknowledged} payments acknowledged, {accepted} prompts at M-Pesa"
    );
    let mut settled = false;
    for _ in 0..200 {
        let paid: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM payments WHERE method = 'mpesa_stk' AND status = 'paid'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        if usize::try_from(paid).unwrap() == accepted {
            settled = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        settled,
        "{accepted} prompts accepted by M-Pesa, not all paid"
    );
    for invoice in &invoices {
        let (status, paid): (String, i64) = {
            let status: String = sqlx::query_scalar("SELECT status FROM invoices WHERE id = $1")
                .bind(&invoice.id)
                .fetch_one(&db.pool)
                .await
                .unwrap();
            let paid: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM payments WHERE invoice_id = $1 AND status = 'paid'",
            )
            .bind(&invoice.id)
            .fetch_one(&db.pool)
            .await
            .unwrap();
            (status, paid)
        };
        assert!(paid <= 1, "an invoice paid at most once");
        assert_eq!(
            status == "paid",
            paid == 1,
            "the invoice says what its payments say"
        );
    }
    let refunds: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE status = 'refund_due'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(refunds, 0, "nobody paid twice");

    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let _ = std::fs::remove_dir_all(data);
}

#[tokio::test]
async fn acknowledged_submissions_and_payments_survive_sigkill_exactly_once() {
    let sqlite = format!(
        "sqlite://{}?mode=rwc",
        std::env::temp_dir()
            .join(format!("njia-crash-{}.db", uuid::Uuid::new_v4().simple()))
            .display()
    );
    exercise(&sqlite).await;
    if let Ok(admin) = std::env::var("NJIA_TEST_POSTGRES_URL") {
        exercise(&common::fresh_postgres(&admin).await).await;
    }
}
