//! The driving record and its share code: the record shows the person's own offences of the last 3 years and
//! their points; a share code works once, with the right last 8 characters of the licence number, for 21
//! days, and shows status, points, expiry and classes only; every failure is the same 404; 20 checks at
//! once use a code once; failures are throttled per address; signed out is 401. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestApp;
use njia_domain::api::licence_check::{
    DrivingRecord, LicenceCheckResult, ShareCode, parse_share_code,
};
use njia_domain::date::Date;
use njia_domain::licences::LicenceStatus;
use njia_server::db::Db;
use reqwest::{Client, StatusCode};
use serde_json::json;

const DAY_MS: i64 = 86_400_000;
const NUMBER: &str = "SDL-7654321";
const LAST8: &str = "L7654321";

fn employer() -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-njia-csrf", "1".parse().unwrap());
    Client::builder().default_headers(headers).build().unwrap()
}

async fn user_id(db: &Db, phone: &str) -> String {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

/// A smart licence (B1, C1) expiring in 400 days, and offences: 3 points 10 days ago (unpaid), 4 points 400
/// days ago (paid), 5 points 4 years ago (too old for the record).
async fn seed(app: &TestApp, phone: &str) -> String {
    let db = Db::connect(&app.database_url).await.unwrap();
    let owner = user_id(&db, phone).await;
    let now = app.clock_now();
    let on = |days: i64| Date::from_unix_ms(now + days * DAY_MS).to_string();
    sqlx::query(
        "INSERT INTO driving_licences (id, user_id, number, kind, issued_on, expires_on) \
         VALUES ('lic-1', $1, $2, 'smart', $3, $4)",
    )
    .bind(&owner)
    .bind(NUMBER)
    .bind(on(-700))
    .bind(on(400))
    .execute(&db.pool)
    .await
    .unwrap();
    for class in ["C1", "B1"] {
        sqlx::query(
            "INSERT INTO licence_classes (licence_id, class, granted_on) VALUES ('lic-1', $1, '2015-04-01')",
        )
        .bind(class)
        .execute(&db.pool)
        .await
        .unwrap();
    }
    for (id, days_ago, points, paid, what) in [
        ("off-1", 10, 3_i64, false, "Not wearing a seatbelt"),
        ("off-2", 400, 4, true, "Speeding by 6 to 10 km/h"),
        ("off-3", 4 * 365, 5, true, "Driving on a pavement"),
    ] {
        let at = now - days_ago * DAY_MS;
        sqlx::query(
            "INSERT INTO offences (id, user_id, licence_id, code, description_en, description_sw, place, at, \
             amount_cents, points, paid_at) \
             VALUES ($1, $2, 'lic-1', 'X', $3, 'Kosa', 'Mombasa Road', $4, 50000, $5, $6)",
        )
        .bind(id)
        .bind(&owner)
        .bind(what)
        .bind(at)
        .bind(points)
        .bind(paid.then_some(at + DAY_MS))
        .execute(&db.pool)
        .await
        .unwrap();
    }
    owner
}

async fn new_code(app: &TestApp, client: &Client) -> ShareCode {
    let r = client
        .post(app.url("/api/ntsa/share-codes"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{}", app.engine);
    assert_eq!(
        r.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    r.json().await.unwrap()
}

async fn check(app: &TestApp, client: &Client, code: &str, last8: &str) -> reqwest::Response {
    client
        .post(app.url("/api/public/licence-check"))
        .json(&json!({"code": code, "licence_last8": last8}))
        .send()
        .await
        .unwrap()
}

async fn expect_not_valid(response: reqwest::Response, engine: &str) {
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "{engine}");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "share_code_not_valid", "{engine}");
}

#[tokio::test]
async fn the_record_shows_the_persons_offences_of_three_years_and_points() {
    for app in common::apps().await {
        let (client, phone) = common::citizen(&app, 1).await;
        let r = client
            .get(app.url("/api/ntsa/record"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", app.engine);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "no_licence");
        let r = client
            .post(app.url("/api/ntsa/share-codes"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", app.engine);

        seed(&app, &phone).await;
        let r = client
            .get(app.url("/api/ntsa/record"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
        assert_eq!(
            r.headers()
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store")
        );
        let record: DrivingRecord = r.json().await.unwrap();
        assert_eq!(record.licence_number, NUMBER);
        assert_eq!((record.points_left, record.points_total), (17, 20));
        let offences: Vec<(&str, u32, bool)> = record
            .offences
            .iter()
            .map(|o| (o.offence.en.as_str(), o.points, o.paid))
            .collect();
        assert_eq!(
            offences,
            [
                ("Not wearing a seatbelt", 3, false),
                ("Speeding by 6 to 10 km/h", 4, true)
            ],
            "{}",
            app.engine
        );
        assert_eq!(record.offences[0].amount.cents(), 50_000);

        // Someone else has no record of their own and never sees this one.
        let (other, _) = common::citizen(&app, 2).await;
        let r = other.get(app.url("/api/ntsa/record")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", app.engine);
    }
}

#[tokio::test]
async fn a_share_code_works_once_and_shows_nothing_that_names_the_person() {
    for app in common::apps().await {
        let (client, phone) = common::citizen(&app, 1).await;
        let owner = seed(&app, &phone).await;
        let code = new_code(&app, &client).await;
        assert_eq!(
            parse_share_code(&code.code).as_deref(),
            Some(code.code.as_str())
        );
        let expected_expiry = njia_server::clock::rfc3339(app.clock_now() + 21 * DAY_MS);
        assert_eq!(code.expires_at, expected_expiry);

        // A minute later (so the activity shows the two in order), the employer checks.
        app.clock.advance_secs(60);
        let employer = employer();
        // In lower case, without the dash: still the same code.
        let typed = code.code.replace('-', "").to_lowercase();
        let r = check(&app, &employer, &typed, &LAST8.to_lowercase()).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
        let text = r.text().await.unwrap();
        for secret in [
            "Njeri",
            "Karanja",
            "31000001",
            NUMBER,
            LAST8,
            "7654321",
            &owner,
            &phone,
            "applicant.1",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        let result: LicenceCheckResult = serde_json::from_str(&text).unwrap();
        assert_eq!(result.status, LicenceStatus::Valid);
        assert_eq!((result.points_left, result.points_total), (17, 20));
        assert_eq!(result.classes, ["B1", "C1"]);
        assert_eq!(
            result.expires_on,
            Date::from_unix_ms(app.clock_now() + 400 * DAY_MS).to_string()
        );

        // Never again, however it is typed.
        expect_not_valid(check(&app, &employer, &code.code, LAST8).await, app.engine).await;

        // The owner's activity shows the code made and used.
        let r = client
            .get(app.url("/api/account/activity"))
            .send()
            .await
            .unwrap();
        let activity: serde_json::Value = r.json().await.unwrap();
        let actions: Vec<&str> = activity["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|item| item["action"].as_str())
            .filter(|action| action.starts_with("share_code"))
            .collect();
        assert_eq!(
            actions,
            ["share_code_used", "share_code_created"],
            "{}",
            app.engine
        );
    }
}

#[tokio::test]
async fn a_wrong_licence_number_is_refused_and_the_code_still_works() {
    for app in common::apps().await {
        let (client, phone) = common::citizen(&app, 1).await;
        seed(&app, &phone).await;
        let code = new_code(&app, &client).await;
        let employer = employer();
        for wrong in ["L7654320", "7654321", "DL7654321", ""] {
            expect_not_valid(check(&app, &employer, &code.code, wrong).await, app.engine).await;
        }
        // An unknown code and a malformed one look exactly the same.
        expect_not_valid(check(&app, &employer, "2345-6789", LAST8).await, app.engine).await;
        expect_not_valid(
            check(&app, &employer, "not a code", LAST8).await,
            app.engine,
        )
        .await;
        let r = check(&app, &employer, &code.code, "l-765 4321").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
    }
}

#[tokio::test]
async fn a_share_code_expires_after_21_days() {
    for app in common::apps().await {
        let (client, phone) = common::citizen(&app, 1).await;
        seed(&app, &phone).await;
        let early = new_code(&app, &client).await;
        let late = new_code(&app, &client).await;
        assert_ne!(early.code, late.code);
        // The last second of its 21 days: it works.
        app.clock.advance_secs(21 * 86_400 - 1);
        let r = check(&app, &employer(), &early.code, LAST8).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
        // 21 days and 1 second: too late.
        app.clock.advance_secs(2);
        expect_not_valid(
            check(&app, &employer(), &late.code, LAST8).await,
            app.engine,
        )
        .await;
    }
}

#[tokio::test]
async fn of_20_checks_at_once_exactly_one_uses_the_code() {
    for app in common::apps().await {
        let (client, phone) = common::citizen(&app, 1).await;
        seed(&app, &phone).await;
        let code = new_code(&app, &client).await;
        let employer = employer();
        let checks = (0..20).map(|_| check(&app, &employer, &code.code, LAST8));
        let statuses: Vec<StatusCode> = futures_util::future::join_all(checks)
            .await
            .iter()
            .map(reqwest::Response::status)
            .collect();
        let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
        assert_eq!(ok, 1, "{} {statuses:?}", app.engine);
        assert!(
            statuses.iter().all(|s| matches!(
                *s,
                StatusCode::OK | StatusCode::NOT_FOUND | StatusCode::TOO_MANY_REQUESTS
            )),
            "{} {statuses:?}",
            app.engine
        );
        let db = Db::connect(&app.database_url).await.unwrap();
        let used: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM licence_share_codes WHERE used_at IS NOT NULL",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(used, 1, "{}", app.engine);
    }
}

#[tokio::test]
async fn failed_checks_are_throttled_per_address() {
    for app in common::apps().await {
        let (client, phone) = common::citizen(&app, 1).await;
        seed(&app, &phone).await;
        let code = new_code(&app, &client).await;
        let employer = employer();
        for n in 0..10 {
            let guess = format!("2345-{:04}", 6789 - n).replace(['0', '1'], "9");
            expect_not_valid(check(&app, &employer, &guess, LAST8).await, app.engine).await;
        }
        // The 11th, even with the right code, must wait.
        let r = check(&app, &employer, &code.code, LAST8).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{}", app.engine);
        let retry: u64 = r
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .unwrap();
        assert!((1..=600).contains(&retry), "{retry}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "too_many_checks");
        // Ten minutes later the failures no longer count, and the code was not used up.
        app.clock.advance_secs(10 * 60 + 1);
        let r = check(&app, &employer, &code.code, LAST8).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
    }
}

#[tokio::test]
async fn signed_out_is_401_and_the_check_needs_the_csrf_header() {
    for app in common::apps().await {
        let client = employer();
        let r = client
            .get(app.url("/api/ntsa/record"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{}", app.engine);
        let r = client
            .post(app.url("/api/ntsa/share-codes"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{}", app.engine);
        let r = Client::new()
            .post(app.url("/api/public/licence-check"))
            .json(&json!({"code": "2345-6789", "licence_last8": LAST8}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", app.engine);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "csrf");
        // No sign-in needed for the check itself.
        expect_not_valid(check(&app, &client, "2345-6789", LAST8).await, app.engine).await;
    }
}
