//! The card client against the local stand-in, both in process. A plain HTTP client (no redirects) plays the
//! person's browser on the hosted checkout page.

use std::time::Duration;

use njia_card::{
    CardConfig, CardError, CardGateway, DeclineReason, NewSession, Session, SessionStatus,
};
use njia_card_standin::{CardStandinConfig, CardStandinHandle, spawn};

const FULL_NUMBER: &str = "4242424242424242";

struct Setup {
    gateway: CardGateway,
    standin: CardStandinHandle,
    browser: reqwest::Client,
}

async fn setup_with(config: CardStandinConfig, secret_key: Option<&str>) -> Setup {
    let key = secret_key.unwrap_or(&config.secret_key).to_owned();
    let (addr, standin) = spawn(config).await.expect("stand-in starts");
    let gateway = CardGateway::new(CardConfig {
        base_url: format!("http://{addr}"),
        secret_key: key,
    })
    .expect("client");
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("browser");
    Setup {
        gateway,
        standin,
        browser,
    }
}

async fn setup() -> Setup {
    setup_with(CardStandinConfig::default(), None).await
}

fn new_session() -> NewSession {
    NewSession {
        amount_cents: 105_000,
        reference: "NJ7KX39QPM".into(),
        description: "Driving licence renewal".into(),
        success_url: "https://njia.example/payments/p1/card-return?session_id={CHECKOUT_SESSION_ID}"
            .into(),
        cancel_url:
            "https://njia.example/payments/p1/card-return?session_id={CHECKOUT_SESSION_ID}&cancelled=1"
                .into(),
    }
}

fn page_url(session: &Session) -> String {
    session
        .url
        .clone()
        .expect("a create answer has the page's url")
}

/// The person fills in the card form and presses "Pay".
async fn pay(
    s: &Setup,
    session: &Session,
    number: &str,
    expiry: &str,
    cvc: &str,
) -> reqwest::Response {
    s.browser
        .post(page_url(session))
        .form(&[
            ("name", "Wanjiru Kamau"),
            ("card_number", number),
            ("expiry", expiry),
            ("cvc", cvc),
        ])
        .send()
        .await
        .expect("the page answers")
}

fn location(response: &reqwest::Response) -> String {
    assert_eq!(response.status().as_u16(), 303, "a redirect");
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("a Location")
        .to_owned()
}

#[tokio::test]
async fn paying_with_the_test_card() {
    let s = setup().await;
    let session = s
        .gateway
        .create_session(&new_session())
        .await
        .expect("created");
    assert!(session.id.starts_with("cs_"), "{}", session.id);
    assert_eq!(session.status, SessionStatus::Open);
    assert_eq!(session.amount_cents, 105_000);
    assert_eq!(session.currency, "KES");
    assert_eq!(session.reference, "NJ7KX39QPM");
    assert_eq!(session.card_last4, None);
    assert!(page_url(&session).ends_with(&format!("/checkout/{}", session.id)));
    assert_eq!(s.standin.sessions_created(), 1);

    let page = s
        .browser
        .get(page_url(&session))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.expect("html");
    for text in [
        "Test card gateway (stand-in)",
        "NJ7KX39QPM",
        "Driving licence renewal",
        "KES 1,050",
        ">Pay KES 1,050</button>",
        ">Cancel and go back</button>",
        "<label for=\"card_number\">Card number</label>",
    ] {
        assert!(html.contains(text), "{text} in {html}");
    }

    let response = pay(&s, &session, "4242 4242 4242 4242", "12/99", "123").await;
    assert_eq!(
        location(&response),
        format!(
            "https://njia.example/payments/p1/card-return?session_id={}",
            session.id
        )
    );

    let paid = s.gateway.get_session(&session.id).await.expect("read");
    assert_eq!(paid.status, SessionStatus::Paid);
    assert!(paid.is_paid());
    assert_eq!(paid.card_last4.as_deref(), Some("4242"));
    assert_eq!(paid.card_brand.as_deref(), Some("visa"));
    assert_eq!(paid.decline_reason, None);
    assert!(paid.transaction_id.is_some_and(|t| t.starts_with("txn_")));
    assert!(paid.paid_at.is_some_and(|t| t > 1_700_000_000));
    assert_eq!(paid.amount_cents, 105_000);
    assert_eq!(paid.reference, "NJ7KX39QPM");
    assert_eq!(s.standin.sessions_paid(), 1);

    // The card number went through the stand-in, and none of it but the last four digits stayed.
    let stored = s.standin.stored_state();
    assert!(stored.contains("4242"), "{stored}");
    assert!(!stored.contains(FULL_NUMBER), "{stored}");
    assert!(!stored.contains("4242 4242"), "{stored}");
    assert!(!stored.contains("424242"), "{stored}");
    assert!(
        !stored.contains("Wanjiru"),
        "the name is not kept either: {stored}"
    );

    // Paid is final: the page says so and a second payment is refused.
    let html = s
        .browser
        .get(page_url(&session))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("This payment is complete"), "{html}");
    assert!(
        html.contains(&format!("session_id={}", session.id)),
        "a link back"
    );
    let again = pay(&s, &session, FULL_NUMBER, "12/99", "123").await;
    assert_eq!(again.status().as_u16(), 409);
    assert_eq!(s.standin.sessions_paid(), 1);
}

#[tokio::test]
async fn declined_cards_come_back_declined_with_the_reason() {
    let s = setup().await;
    for (number, reason) in [
        ("4000 0000 0000 0002", DeclineReason::CardDeclined),
        ("4000000000009995", DeclineReason::InsufficientFunds),
    ] {
        let session = s
            .gateway
            .create_session(&new_session())
            .await
            .expect("created");
        let response = pay(&s, &session, number, "01/40", "4321").await;
        // Declines go to the success URL too: the merchant asks the gateway what happened.
        assert!(
            location(&response).ends_with(&format!("session_id={}", session.id)),
            "{number}"
        );
        let declined = s.gateway.get_session(&session.id).await.expect("read");
        assert_eq!(declined.status, SessionStatus::Declined, "{number}");
        assert_eq!(declined.decline_reason, Some(reason), "{number}");
        assert_eq!(
            declined.card_last4.as_deref(),
            Some(&number[number.len() - 4..])
        );
        assert_eq!(declined.transaction_id, None);
        assert_eq!(declined.paid_at, None);
    }
    assert_eq!(s.standin.sessions_declined(), 2);
    assert_eq!(s.standin.sessions_paid(), 0);
}

#[tokio::test]
async fn any_other_valid_card_pays_with_its_brand() {
    let s = setup().await;
    let session = s
        .gateway
        .create_session(&new_session())
        .await
        .expect("created");
    pay(&s, &session, "5555 5555 5555 4444", "12/99", "123").await;
    let paid = s.gateway.get_session(&session.id).await.expect("read");
    assert_eq!(paid.status, SessionStatus::Paid);
    assert_eq!(paid.card_brand.as_deref(), Some("mastercard"));
    assert_eq!(paid.card_last4.as_deref(), Some("4444"));
}

#[tokio::test]
async fn cancelling_goes_to_the_cancel_url() {
    let s = setup().await;
    let session = s
        .gateway
        .create_session(&new_session())
        .await
        .expect("created");
    let response = s
        .browser
        .post(format!("{}/cancel", page_url(&session)))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        location(&response),
        format!(
            "https://njia.example/payments/p1/card-return?session_id={}&cancelled=1",
            session.id
        )
    );
    let cancelled = s.gateway.get_session(&session.id).await.expect("read");
    assert_eq!(cancelled.status, SessionStatus::Cancelled);
    assert_eq!(cancelled.card_last4, None);
    assert_eq!(s.standin.sessions_cancelled(), 1);
    let paid_after = pay(&s, &session, FULL_NUMBER, "12/99", "123").await;
    assert_eq!(
        paid_after.status().as_u16(),
        409,
        "a cancelled session cannot be paid"
    );
}

#[tokio::test]
async fn a_wrong_key_is_an_api_error_that_does_not_quote_it() {
    let s = setup_with(CardStandinConfig::default(), Some("sk_wrong_hunter2")).await;
    let error = s
        .gateway
        .create_session(&new_session())
        .await
        .expect_err("refused");
    match &error {
        CardError::Api { status, code, .. } => {
            assert_eq!(*status, 401);
            assert_eq!(code, "invalid_api_key");
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert_eq!(error.code(), Some("invalid_api_key"));
    assert!(!error.to_string().contains("hunter2"));
    assert!(!format!("{error:?}").contains("hunter2"));
    assert!(!format!("{:?}", s.gateway).contains("hunter2"));
    let error = s.gateway.get_session("cs_x").await.expect_err("refused");
    assert_eq!(error.code(), Some("invalid_api_key"));
    assert_eq!(s.standin.sessions_created(), 0);
}

#[tokio::test]
async fn an_unknown_session_is_a_404() {
    let s = setup().await;
    let error = s
        .gateway
        .get_session("cs_doesnotexist")
        .await
        .expect_err("unknown");
    assert!(
        matches!(&error, CardError::Api { status: 404, code, .. } if code == "no_such_session"),
        "{error:?}"
    );
    assert!(error.is_no_such_session());
    let page = s
        .browser
        .get(format!(
            "{}/checkout/cs_doesnotexist",
            s.gateway.config().base_url
        ))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status().as_u16(), 404);
    assert!(
        page.text()
            .await
            .expect("html")
            .contains("Payment not found")
    );
    // An id that would change the URL's path never leaves the client.
    let error = s
        .gateway
        .get_session("../sessions")
        .await
        .expect_err("refused");
    assert!(matches!(error, CardError::InvalidSessionId), "{error:?}");
}

#[tokio::test]
async fn the_gateway_refuses_bad_sessions() {
    let s = setup().await;
    type Spoil = fn(&mut NewSession);
    let cases: [(&str, Spoil); 6] = [
        ("amount", |n| n.amount_cents = 99),
        ("empty reference", |n| n.reference = String::new()),
        ("long reference", |n| n.reference = "R".repeat(41)),
        ("relative success URL", |n| {
            n.success_url = "/payments/p1/card-return".into()
        }),
        ("missing cancel URL", |n| n.cancel_url = String::new()),
        ("javascript URL", |n| {
            n.cancel_url = "javascript:alert(1)".into()
        }),
    ];
    for (what, spoil) in cases {
        let mut session = new_session();
        spoil(&mut session);
        let error = s.gateway.create_session(&session).await.expect_err(what);
        assert!(
            matches!(&error, CardError::Api { status: 422, code, .. } if code == "invalid_request"),
            "{what}: {error:?}"
        );
    }
    let mut smallest = new_session();
    smallest.amount_cents = 100;
    smallest.reference = "R".repeat(40);
    s.gateway
        .create_session(&smallest)
        .await
        .expect("KES 1 and a 40-character reference are fine");
    assert_eq!(s.standin.sessions_created(), 1);
}

#[tokio::test]
async fn form_errors_are_shown_and_nothing_is_decided() {
    let s = setup().await;
    let session = s
        .gateway
        .create_session(&new_session())
        .await
        .expect("created");
    let response = pay(&s, &session, "4242 4242 4242 4241", "01/20", "12").await;
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.expect("html");
    assert!(html.contains("<title>Error: "), "{html}");
    let summary_at = html.find("There is a problem").expect("an error summary");
    assert!(
        summary_at < html.find("<h1>").expect("a heading"),
        "at the top"
    );
    for field in ["card_number", "expiry", "cvc"] {
        assert!(
            html.contains(&format!("<a href=\"#{field}\">")),
            "{field} linked"
        );
        assert!(
            html.contains(&format!("id=\"{field}-error\"")),
            "{field} inline"
        );
    }
    assert!(!html.contains("<a href=\"#name\">"), "the name was given");
    assert!(html.contains("value=\"Wanjiru Kamau\""), "the name is kept");
    assert!(
        !html.contains("4242 4242 4242 4241"),
        "the card number is not echoed"
    );

    let empty = s
        .browser
        .post(page_url(&session))
        .form(&[
            ("name", ""),
            ("card_number", ""),
            ("expiry", ""),
            ("cvc", ""),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(empty.status().as_u16(), 422);
    let html = empty.text().await.expect("html");
    for message in [
        "Enter the name on the card",
        "Enter the card number",
        "Enter the expiry date",
        "Enter the security code",
    ] {
        assert!(html.contains(message), "{message}");
    }

    let still = s.gateway.get_session(&session.id).await.expect("read");
    assert_eq!(still.status, SessionStatus::Open);
    assert_eq!(still.card_last4, None);
    assert!(!s.standin.stored_state().contains("424242"));
    assert_eq!(s.standin.sessions_paid() + s.standin.sessions_declined(), 0);
}

#[tokio::test]
async fn sessions_expire() {
    let s = setup_with(
        CardStandinConfig {
            session_lifetime: Duration::from_millis(200),
            ..CardStandinConfig::default()
        },
        None,
    )
    .await;
    let session = s
        .gateway
        .create_session(&new_session())
        .await
        .expect("created");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let expired = s.gateway.get_session(&session.id).await.expect("read");
    assert_eq!(expired.status, SessionStatus::Expired);
    let html = s
        .browser
        .get(page_url(&session))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("This payment link has expired"), "{html}");
    let late = pay(&s, &session, FULL_NUMBER, "12/99", "123").await;
    assert_eq!(late.status().as_u16(), 409);
    assert_eq!(s.standin.sessions_paid(), 0);
}
