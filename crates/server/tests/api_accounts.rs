//! Accounts: registration rules, confirmation codes, sign-in with a code, throttling and lockout,
//! enumeration-safe answers, sessions (idle and absolute expiry, sign-out, other devices), CSRF, password
//! reset and changes of contact. Every test runs on SQLite and PostgreSQL; time moves by the server's
//! ManualClock, never by sleeping.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestApp;
use njia_domain::api::ErrorEnvelope;
use njia_domain::api::accounts::{CodeSent, PRIVACY_NOTICE_VERSION, SessionInfo, SignInResponse};
use njia_domain::api::dev::OutboxList;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "mango tree by the river 42";

/// A browser: its own cookie jar, and the CSRF header the SPA sends.
fn browser() -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-njia-csrf", "1".parse().unwrap());
    Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .build()
        .unwrap()
}

struct Person {
    id_number: String,
    email: String,
    phone: String,
}

fn person(n: u32) -> Person {
    Person {
        id_number: format!("{}", 20_000_000 + n),
        email: format!("wanjiru.{n}@example.co.ke"),
        phone: format!("07{:08}", 10_000_000 + n),
    }
}

fn registration(p: &Person) -> Value {
    json!({
        "kind": "citizen", "id_number": p.id_number, "first_name": "Wanjiru", "other_names": "",
        "surname": "Mwangi", "date_of_birth": "1990-03-27", "email": p.email, "phone": p.phone,
        "password": PASSWORD, "password_confirmation": PASSWORD, "privacy_notice_version": PRIVACY_NOTICE_VERSION,
    })
}

async fn post(client: &Client, app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    client.post(app.url(path)).json(&body).send().await.unwrap()
}

async fn error(response: reqwest::Response) -> ErrorEnvelope {
    response.json().await.unwrap()
}

fn field_codes(envelope: &ErrorEnvelope) -> Vec<(String, String)> {
    envelope
        .error
        .fields
        .iter()
        .map(|f| (f.field.clone(), f.code.clone()))
        .collect()
}

fn e164(phone: &str) -> String {
    format!("+254{}", &phone[1..])
}

/// Registers and confirms both contacts; returns the signed-in browser.
async fn registered(app: &TestApp, p: &Person) -> Client {
    let client = browser();
    let response = post(&client, app, "/api/accounts", registration(p)).await;
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "{}",
        response.text().await.unwrap()
    );
    let code = common::latest_code(app, &e164(&p.phone)).await;
    let r = post(
        &client,
        app,
        "/api/account/verification/confirm",
        json!({"channel": "sms", "code": code}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let code = common::latest_code(app, &p.email).await;
    let r = post(
        &client,
        app,
        "/api/account/verification/confirm",
        json!({"channel": "email", "code": code}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    client
}

/// Password, channel, code: a new signed-in browser.
async fn sign_in(
    app: &TestApp,
    identifier: &str,
    password: &str,
    channel: &str,
    destination: &str,
) -> Client {
    let client = browser();
    let r = post(
        &client,
        app,
        "/api/auth/sign-in",
        json!({"identifier": identifier, "password": password}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let SignInResponse::ChooseChannel { challenge, .. } = r.json().await.unwrap() else {
        panic!("a code is needed")
    };
    app.clock.advance_secs(61);
    let r = post(
        &client,
        app,
        "/api/auth/sign-in/code",
        json!({"challenge": challenge, "channel": channel}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let code = common::latest_code(app, destination).await;
    let r = post(
        &client,
        app,
        "/api/auth/sign-in/verify",
        json!({"challenge": challenge, "code": code}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    client
}

#[tokio::test]
async fn registration_applies_the_same_rules_as_the_spa() {
    for app in common::apps().await {
        let client = browser();
        let mut body = registration(&person(1));
        body["id_number"] = json!("12AB");
        body["date_of_birth"] = json!("2015-01-01");
        body["email"] = json!("not-an-email");
        body["phone"] = json!("+1 202 555 0100");
        body["password"] = json!("password123");
        body["password_confirmation"] = json!("password124");
        let r = post(&client, &app, "/api/accounts", body).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let codes = field_codes(&error(r).await);
        let fields: Vec<&str> = codes.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "id_number",
                "date_of_birth",
                "email",
                "phone",
                "password",
                "password_confirmation"
            ],
            "form order"
        );
        assert!(codes.contains(&("date_of_birth".into(), "under_18".into())));
        assert!(codes.contains(&("password".into(), "common".into())));

        // Each problem is the domain crate's verdict, so the SPA (which runs the same code) shows the same.
        let mut personal = registration(&person(2));
        personal["password"] = json!("Mwangi-and-Wanjiru");
        personal["password_confirmation"] = json!("Mwangi-and-Wanjiru");
        let codes = field_codes(&error(post(&client, &app, "/api/accounts", personal).await).await);
        assert_eq!(codes, [("password".to_string(), "personal".to_string())]);

        let mut short = registration(&person(3));
        short["password"] = json!("kD9$xq2");
        short["password_confirmation"] = json!("kD9$xq2");
        let codes = field_codes(&error(post(&client, &app, "/api/accounts", short).await).await);
        assert_eq!(codes, [("password".to_string(), "too_short".to_string())]);

        let mut unknown = registration(&person(4));
        unknown["role"] = json!("administrator");
        let r = post(&client, &app, "/api/accounts", unknown).await;
        assert_eq!(
            r.status(),
            StatusCode::BAD_REQUEST,
            "unknown fields cannot mass-assign"
        );
    }
}

#[tokio::test]
async fn a_new_account_is_usable_only_once_phone_and_email_are_confirmed() {
    for app in common::apps().await {
        let p = person(10);
        let client = browser();
        let r = post(&client, &app, "/api/accounts", registration(&p)).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let session: SessionInfo = r.json().await.unwrap();
        assert!(!session.account.phone_verified && !session.account.email_verified);
        assert_eq!(
            session.account.id_number_masked, "****0010",
            "the full ID number is never sent back"
        );

        let r = client.get(app.url("/api/account")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(error(r).await.error.code, "confirm_contacts");

        let sms = common::latest_code(&app, &e164(&p.phone)).await;
        let email = common::latest_code(&app, &p.email).await;
        // A code is bound to its purpose: the phone's code does not confirm the email.
        let r = post(
            &client,
            &app,
            "/api/account/verification/confirm",
            json!({"channel": "email", "code": sms}),
        )
        .await;
        assert_eq!(
            field_codes(&error(r).await),
            [("code".to_string(), "code_wrong".to_string())]
        );
        let r = post(
            &client,
            &app,
            "/api/account/verification/confirm",
            json!({"channel": "sms", "code": sms}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = post(
            &client,
            &app,
            "/api/account/verification/confirm",
            json!({"channel": "email", "code": email}),
        )
        .await;
        let session: SessionInfo = r.json().await.unwrap();
        assert!(session.account.is_usable());
        assert_eq!(
            client
                .get(app.url("/api/account"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn a_second_registration_with_the_same_details_is_refused_without_saying_whose() {
    for app in common::apps().await {
        let p = person(20);
        registered(&app, &p).await;
        let mut again = registration(&p);
        again["email"] = json!(p.email.to_uppercase());
        let envelope = error(post(&browser(), &app, "/api/accounts", again).await).await;
        let codes = field_codes(&envelope);
        assert_eq!(
            codes,
            [
                ("id_number".to_string(), "already_registered".to_string()),
                ("email".to_string(), "already_registered".to_string()),
                ("phone".to_string(), "already_registered".to_string())
            ]
        );
        let text = serde_json::to_string(&envelope).unwrap();
        assert!(
            !text.contains("Wanjiru") && !text.contains("Mwangi"),
            "nothing about the owner: {text}"
        );
    }
}

#[tokio::test]
async fn codes_expire_are_single_use_and_die_after_ten_wrong_entries() {
    for app in common::apps().await {
        let p = person(30);
        let client = browser();
        post(&client, &app, "/api/accounts", registration(&p)).await;
        let confirm = |code: String| {
            post(
                &client,
                &app,
                "/api/account/verification/confirm",
                json!({"channel": "sms", "code": code}),
            )
        };

        // Expiry: 10 minutes for an SMS code.
        let code = common::latest_code(&app, &e164(&p.phone)).await;
        app.clock.advance_secs(10 * 60 + 1);
        assert_eq!(
            field_codes(&error(confirm(code).await).await)[0].1,
            "code_expired"
        );

        // Resend, then ten wrong entries kill the code: even the right one fails afterwards.
        let r = post(
            &client,
            &app,
            "/api/account/verification/send",
            json!({"channel": "sms"}),
        )
        .await;
        let sent: CodeSent = r.json().await.unwrap();
        assert_eq!(sent.resend_after_seconds, 60);
        let code = common::latest_code(&app, &e164(&p.phone)).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for attempt in 1..=10 {
            let codes = field_codes(&error(confirm(wrong.into()).await).await);
            let expected = if attempt < 10 {
                "code_wrong"
            } else {
                "code_dead"
            };
            assert_eq!(codes[0].1, expected, "attempt {attempt}");
        }
        assert_eq!(
            field_codes(&error(confirm(code).await).await)[0].1,
            "code_expired"
        );

        // Single use: a used code does not work twice.
        app.clock.advance_secs(61);
        post(
            &client,
            &app,
            "/api/account/verification/send",
            json!({"channel": "sms"}),
        )
        .await;
        let code = common::latest_code(&app, &e164(&p.phone)).await;
        assert_eq!(confirm(code.clone()).await.status(), StatusCode::OK);
        let r = post(
            &client,
            &app,
            "/api/account/verification/send",
            json!({"channel": "sms"}),
        )
        .await;
        assert_eq!(
            field_codes(&error(r).await),
            [("phone".to_string(), "already_confirmed".to_string())]
        );
    }
}

#[tokio::test]
async fn codes_can_be_resent_once_a_minute_and_ten_times_an_hour() {
    for app in common::apps().await {
        let p = person(40);
        let client = browser();
        post(&client, &app, "/api/accounts", registration(&p)).await;
        let resend = || {
            post(
                &client,
                &app,
                "/api/account/verification/send",
                json!({"channel": "sms"}),
            )
        };
        let r = resend().await;
        assert_eq!(
            r.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "a code was sent at registration"
        );
        assert!(r.headers().contains_key("retry-after"));
        let envelope = error(r).await;
        assert_eq!(envelope.error.code, "resend_too_soon");
        assert!(envelope.error.retry_after_seconds.is_some_and(|s| s <= 60));
        // Registration sent 2 codes (SMS and email); 8 more resends fit in the hour.
        for _ in 0..8 {
            app.clock.advance_secs(61);
            assert_eq!(resend().await.status(), StatusCode::OK);
        }
        app.clock.advance_secs(61);
        assert_eq!(
            resend().await.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "10 an hour"
        );
    }
}

#[tokio::test]
async fn sign_in_needs_the_password_then_a_code_by_the_chosen_channel() {
    for app in common::apps().await {
        let p = person(50);
        registered(&app, &p).await;
        // By ID number, code by SMS.
        let client = sign_in(&app, &p.id_number, PASSWORD, "sms", &e164(&p.phone)).await;
        let session: SessionInfo = client
            .get(app.url("/api/session"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(session.account.email, p.email);
        assert_eq!(session.warn_before_seconds, 120);
        assert_eq!(session.idle_remaining_seconds, 1800);
        // By email address in any case, code by email.
        sign_in(&app, &p.email.to_uppercase(), PASSWORD, "email", &p.email).await;

        // A code from another sign-in attempt, or a wrong one, does not sign in.
        let c = browser();
        let r = post(
            &c,
            &app,
            "/api/auth/sign-in",
            json!({"identifier": p.email, "password": PASSWORD}),
        )
        .await;
        let SignInResponse::ChooseChannel {
            challenge,
            channels,
        } = r.json().await.unwrap()
        else {
            panic!()
        };
        assert_eq!(channels.len(), 2);
        assert!(
            channels
                .iter()
                .all(|c| !c.destination.contains(&p.phone[4..])),
            "destinations are masked"
        );
        let r = post(
            &c,
            &app,
            "/api/auth/sign-in/verify",
            json!({"challenge": challenge, "code": "12345"}),
        )
        .await;
        assert_eq!(
            field_codes(&error(r).await),
            [("code".to_string(), "invalid".to_string())]
        );
        let r = post(
            &c,
            &app,
            "/api/auth/sign-in/verify",
            json!({"challenge": "0".repeat(32), "code": "123456"}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn wrong_passwords_slow_down_then_lock_for_ten_minutes_and_unknown_accounts_behave_the_same()
{
    for app in common::apps().await {
        let p = person(60);
        registered(&app, &p).await;
        let client = browser();
        for identifier in [p.email.as_str(), "nobody.at.all@example.co.ke"] {
            let attempt = |password: &'static str| {
                post(
                    &client,
                    &app,
                    "/api/auth/sign-in",
                    json!({"identifier": identifier, "password": password}),
                )
            };
            for n in 1..=10 {
                let r = attempt("not the password at all").await;
                let status = r.status();
                let envelope = error(r).await;
                if n < 10 {
                    assert_eq!(
                        (status, envelope.error.code.as_str()),
                        (StatusCode::UNAUTHORIZED, "invalid_credentials"),
                        "{identifier} #{n}"
                    );
                    // Right away, the next try is refused once delays have started.
                    if n >= 3 {
                        let r = attempt("not the password at all").await;
                        assert_eq!(error(r).await.error.code, "too_soon", "{identifier} #{n}");
                    }
                    app.clock.advance_secs(61);
                } else {
                    assert_eq!(
                        (status, envelope.error.code.as_str()),
                        (StatusCode::TOO_MANY_REQUESTS, "locked"),
                        "{identifier}"
                    );
                    let wait = envelope.error.retry_after_seconds.unwrap();
                    assert!(
                        (590..=600).contains(&wait),
                        "locked for 10 minutes, said {wait}"
                    );
                }
            }
            // Locked: even the right password is refused, and says when to come back.
            let r = attempt(PASSWORD).await;
            assert_eq!(error(r).await.error.code, "locked");
            app.clock.advance_secs(10 * 60 + 1);
            let r = attempt(PASSWORD).await;
            let expected = if identifier == p.email {
                StatusCode::OK
            } else {
                StatusCode::UNAUTHORIZED
            };
            assert_eq!(
                r.status(),
                expected,
                "{identifier}: the lock ends after 10 minutes"
            );
        }
    }
}

#[tokio::test]
async fn ten_wrong_sign_in_codes_kill_the_code_and_lock_the_account() {
    for app in common::apps().await {
        let p = person(70);
        registered(&app, &p).await;
        let client = browser();
        let r = post(
            &client,
            &app,
            "/api/auth/sign-in",
            json!({"identifier": p.id_number, "password": PASSWORD}),
        )
        .await;
        let SignInResponse::ChooseChannel { challenge, .. } = r.json().await.unwrap() else {
            panic!()
        };
        post(
            &client,
            &app,
            "/api/auth/sign-in/code",
            json!({"challenge": challenge, "channel": "sms"}),
        )
        .await;
        let code = common::latest_code(&app, &e164(&p.phone)).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let mut last = String::new();
        for failures_so_far in 0..10 {
            // Wait exactly the growing delay: the challenge and the code live only 10 minutes.
            app.clock
                .advance_secs(njia_server::accounts::throttle::delay_secs(failures_so_far) + 1);
            let r = post(
                &client,
                &app,
                "/api/auth/sign-in/verify",
                json!({"challenge": challenge, "code": wrong}),
            )
            .await;
            let envelope = error(r).await;
            last = if envelope.error.code == "invalid" {
                envelope.error.fields[0].code.clone()
            } else {
                envelope.error.code
            };
        }
        assert_eq!(last, "locked", "the 10th wrong code locks the account");
        let r = post(
            &client,
            &app,
            "/api/auth/sign-in/verify",
            json!({"challenge": challenge, "code": code}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn sessions_end_after_30_idle_minutes_and_after_12_hours_whatever_happens() {
    for app in common::apps().await {
        let p = person(80);
        let client = registered(&app, &p).await;
        app.clock.advance_secs(29 * 60);
        assert_eq!(
            client
                .get(app.url("/api/account"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::OK
        );
        app.clock.advance_secs(29 * 60);
        assert_eq!(
            client
                .get(app.url("/api/account"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::OK,
            "activity resets the idle timer"
        );
        app.clock.advance_secs(30 * 60 + 1);
        let r = client.get(app.url("/api/account")).send().await.unwrap();
        assert_eq!(
            (r.status(), error(r).await.error.code),
            (StatusCode::UNAUTHORIZED, "session_expired".to_string())
        );

        let client = sign_in(&app, &p.email, PASSWORD, "sms", &e164(&p.phone)).await;
        let mut lived_minutes = 0;
        while lived_minutes <= 12 * 60 {
            app.clock.advance_secs(25 * 60);
            lived_minutes += 25;
            let r = post(&client, &app, "/api/session/refresh", json!({})).await;
            if r.status() != StatusCode::OK {
                assert_eq!(error(r).await.error.code, "session_expired");
                break;
            }
        }
        // Refreshed every 25 minutes, it still ends in the 25 minutes after its 12th hour.
        assert!(
            (12 * 60..12 * 60 + 25).contains(&lived_minutes),
            "{}: ended after {lived_minutes} minutes",
            app.engine
        );
    }
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server_and_other_devices_can_be_signed_out() {
    for app in common::apps().await {
        let p = person(90);
        let phone = registered(&app, &p).await;
        let laptop = sign_in(&app, &p.email, PASSWORD, "email", &p.email).await;
        let sessions: Value = laptop
            .get(app.url("/api/account/sessions"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(sessions["items"].as_array().unwrap().len(), 2);
        assert_eq!(sessions["items"][0]["current"], true);

        let r = post(
            &laptop,
            &app,
            "/api/account/sessions/sign-out-others",
            json!({}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        assert_eq!(
            phone
                .get(app.url("/api/account"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::UNAUTHORIZED
        );

        // Keep the cookie, sign out: the same cookie is worthless afterwards.
        let cookie_jar_copy = laptop.clone();
        let r = post(&laptop, &app, "/api/auth/sign-out", json!({})).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        assert!(
            r.headers()["set-cookie"]
                .to_str()
                .unwrap()
                .contains("Max-Age=0")
        );
        let r = cookie_jar_copy
            .get(app.url("/api/session"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn state_changing_requests_without_the_csrf_header_or_from_another_site_are_refused() {
    for app in common::apps().await {
        let plain = Client::new();
        let r = plain
            .post(app.url("/api/auth/sign-in"))
            .json(&json!({"identifier": "x", "password": "y"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            (r.status(), error(r).await.error.code),
            (StatusCode::FORBIDDEN, "csrf".to_string())
        );
        let r = browser()
            .post(app.url("/api/auth/sign-in"))
            .header("origin", "https://evil.example")
            .json(&json!({"identifier": "x", "password": "y"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = browser()
            .post(app.url("/api/auth/sign-in"))
            .header("sec-fetch-site", "cross-site")
            .json(&json!({"identifier": "x", "password": "y"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // Reading needs no header.
        assert_eq!(
            plain
                .get(app.url("/api/services"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn a_password_reset_answers_the_same_for_unknown_accounts_and_signs_out_everywhere() {
    for app in common::apps().await {
        let p = person(100);
        let old_device = registered(&app, &p).await;
        // Time passes between registering and forgetting: "newest code" must not tie with registration's.
        app.clock.advance_secs(3600);
        let c = browser();
        let known = post(
            &c,
            &app,
            "/api/password-reset",
            json!({"identifier": p.id_number, "channel": "sms"}),
        )
        .await;
        let unknown = post(
            &c,
            &app,
            "/api/password-reset",
            json!({"identifier": "99999999", "channel": "sms"}),
        )
        .await;
        assert_eq!(known.status(), StatusCode::ACCEPTED);
        assert_eq!(unknown.status(), StatusCode::ACCEPTED);
        assert_eq!(
            known.text().await.unwrap(),
            unknown.text().await.unwrap(),
            "no difference to see"
        );

        let r = post(
            &c,
            &app,
            "/api/password-reset/verify",
            json!({"identifier": "99999999", "code": "123456"}),
        )
        .await;
        assert_eq!(
            field_codes(&error(r).await)[0].1,
            "code_wrong",
            "an unknown account looks like a wrong code"
        );

        let code = common::latest_code(&app, &e164(&p.phone)).await;
        let r = post(
            &c,
            &app,
            "/api/password-reset/verify",
            json!({"identifier": p.id_number, "code": code}),
        )
        .await;
        let token: Value = r.json().await.unwrap();
        let new_password = "tall acacia at sunrise 77";
        let r = post(&c, &app, "/api/password-reset/complete",
            json!({"reset_token": token["reset_token"], "password": new_password, "password_confirmation": new_password})).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        assert_eq!(
            old_device
                .get(app.url("/api/account"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::UNAUTHORIZED
        );
        let r = post(&c, &app, "/api/password-reset/complete",
            json!({"reset_token": token["reset_token"], "password": new_password, "password_confirmation": new_password})).await;
        assert_eq!(
            r.status(),
            StatusCode::UNAUTHORIZED,
            "a reset token works once"
        );

        // Told on both channels; the old password no longer works, the new one does.
        let outbox: OutboxList = app.get("/api/dev/outbox").await.json().await.unwrap();
        for to in [e164(&p.phone), p.email.clone()] {
            assert!(
                outbox
                    .items
                    .iter()
                    .any(|m| m.to == to && m.body.contains("password was reset")),
                "notice to {to}"
            );
        }
        let r = post(
            &browser(),
            &app,
            "/api/auth/sign-in",
            json!({"identifier": p.email, "password": PASSWORD}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        sign_in(&app, &p.email, new_password, "sms", &e164(&p.phone)).await;
    }
}

#[tokio::test]
async fn changing_the_phone_needs_the_password_and_a_code_to_the_new_number_and_tells_the_old_one()
{
    for app in common::apps().await {
        let p = person(110);
        let client = registered(&app, &p).await;
        let new_phone = "0799 123 456";
        let r = post(
            &client,
            &app,
            "/api/account/contact",
            json!({"channel": "sms", "value": new_phone, "password": "wrong"}),
        )
        .await;
        assert_eq!(
            field_codes(&error(r).await),
            [("current_password".to_string(), "wrong".to_string())]
        );
        app.clock.advance_secs(61);
        let r = post(
            &client,
            &app,
            "/api/account/contact",
            json!({"channel": "sms", "value": new_phone, "password": PASSWORD}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let code = common::latest_code(&app, "+254799123456").await;
        let r = post(
            &client,
            &app,
            "/api/account/contact/confirm",
            json!({"channel": "sms", "code": code}),
        )
        .await;
        let account: Value = r.json().await.unwrap();
        assert_eq!(account["phone"], "+254799123456");

        let outbox: OutboxList = app.get("/api/dev/outbox").await.json().await.unwrap();
        assert!(outbox.items.iter().any(|m| {
            m.to == e164(&p.phone)
                && m.body
                    .contains("phone number of your Njia account was changed")
        }));
        let activity: Value = client
            .get(app.url("/api/account/activity"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let actions: Vec<&str> = activity["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions.first(), Some(&"phone_changed"), "{actions:?}");
        assert!(actions.contains(&"password_check_failed") && actions.contains(&"registered"));
    }
}

#[tokio::test]
async fn activity_pages_by_cursor() {
    for app in common::apps().await {
        let p = person(120);
        let client = registered(&app, &p).await;
        let first: Value = client
            .get(app.url("/api/account/activity?limit=2"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(first["items"].as_array().unwrap().len(), 2);
        let cursor = first["next_cursor"].as_str().unwrap();
        let second: Value = client
            .get(app.url(&format!("/api/account/activity?limit=2&cursor={cursor}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let ids = |page: &Value| {
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        assert!(
            ids(&second).iter().all(|id| !ids(&first).contains(id)),
            "pages do not overlap"
        );
        assert!(
            second["next_cursor"].is_null(),
            "registered, phone and email confirmed: three entries"
        );
    }
}
