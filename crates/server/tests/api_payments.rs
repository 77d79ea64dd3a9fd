//! Payments through the real Daraja client and the M-Pesa stand-in (and the card gateway's stand-in): every
//! outcome of a prompt, repeated and forged callbacks, a lost callback settled by reconciliation, twenty
//! taps on "Pay" starting one prompt, Paybill payments by account number and by M-Pesa code, card
//! payments, and who may see what. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::db;

use std::time::Duration;

use common::{Callbacks, TestApp};
use njia_domain::api::applications::{Application, ApplicationStatus};
use njia_domain::api::invoices::{Invoice, InvoiceStatus};
use njia_domain::api::payments::{
    CardCheckout, InvoiceWithPayments, Payment, PaymentHistory, PaymentMethod, PaymentProblem,
    PaymentStatus, Receipt,
};
use reqwest::{Client, StatusCode};
use serde_json::json;

/// A submitted three-year booklet renewal (KES 1,400 + 50) and its invoice.
async fn invoice_for(app: &TestApp, client: &Client) -> (Application, Invoice) {
    let draft: Application = client
        .post(app.url("/api/applications"))
        .json(&json!({"service_id": "ntsa-dl-renewal-booklet"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let r = client
        .put(app.url(&format!("/api/applications/{}/answers", draft.id)))
        .json(&json!({"answers": {"period": "3"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let r = client
        .post(app.url(&format!("/api/applications/{}/submit", draft.id)))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let invoice: Invoice = client
        .get(app.url(&format!("/api/applications/{}/invoice", draft.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (draft, invoice)
}

async fn pay(app: &TestApp, client: &Client, invoice_id: &str, phone: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/invoices/{invoice_id}/mpesa")))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .json(&json!({ "phone": phone }))
        .send()
        .await
        .unwrap()
}

async fn started(app: &TestApp, client: &Client, invoice_id: &str, phone: &str) -> Payment {
    let r = pay(app, client, invoice_id, phone).await;
    assert_eq!(
        r.status(),
        StatusCode::ACCEPTED,
        "{}",
        r.text().await.unwrap()
    );
    let payment: Payment = r.json().await.unwrap();
    assert_eq!(payment.status, PaymentStatus::Pending);
    payment
}

async fn payment(app: &TestApp, client: &Client, id: &str) -> Payment {
    client
        .get(app.url(&format!("/api/payments/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Polls until the payment leaves `pending` (the stand-in answers within a few hundred milliseconds).
async fn settled(app: &TestApp, client: &Client, id: &str) -> Payment {
    for _ in 0..100 {
        let p = payment(app, client, id).await;
        if p.status != PaymentStatus::Pending {
            return p;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{}: payment {id} still pending", app.engine)
}

async fn invoice_with_payments(app: &TestApp, client: &Client, id: &str) -> InvoiceWithPayments {
    client
        .get(app.url(&format!("/api/invoices/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn application(app: &TestApp, client: &Client, id: &str) -> Application {
    client
        .get(app.url(&format!("/api/applications/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn checkout_id(app: &TestApp, payment_id: &str) -> String {
    sqlx::query_scalar("SELECT checkout_request_id FROM payments WHERE id = $1")
        .bind(payment_id)
        .fetch_one(&db(app).await.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn every_prompt_outcome_through_the_client_the_stand_in_and_the_callback() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (client, _) = common::driver(&app, 1).await;
        let failures = [
            ("0712345001", PaymentProblem::InsufficientFunds),
            ("0712345032", PaymentProblem::Cancelled),
            ("0712345037", PaymentProblem::PhoneUnreachable),
            ("0712345201", PaymentProblem::WrongPin),
        ];
        for (phone, problem) in failures {
            let (draft, invoice) = invoice_for(&app, &client).await;
            let p = started(&app, &client, &invoice.id, phone).await;
            let p = settled(&app, &client, &p.id).await;
            assert_eq!(p.status, PaymentStatus::Failed, "{} {phone}", app.engine);
            assert_eq!(p.problem, Some(problem), "{} {phone}", app.engine);
            let still = invoice_with_payments(&app, &client, &invoice.id).await;
            assert_eq!(still.invoice.status, InvoiceStatus::Pending);
            assert_eq!(
                application(&app, &client, &draft.id).await.status,
                ApplicationStatus::AwaitingPayment,
                "an unpaid application does not go to review"
            );
        }
        // Paid: once called back, once called back twice, once called back late.
        for phone in ["0712345000", "0712345002", "0712345009"] {
            let (draft, invoice) = invoice_for(&app, &client).await;
            let p = started(&app, &client, &invoice.id, phone).await;
            let p = settled(&app, &client, &p.id).await;
            assert_eq!(p.status, PaymentStatus::Paid, "{} {phone}", app.engine);
            assert_eq!(p.amount, invoice.total);
            assert_eq!(
                p.phone_masked.as_deref(),
                Some(&*format!("0712 •••• {}", &phone[8..]))
            );
            let code = p.mpesa_code.clone().expect("the callback's M-Pesa code");
            assert_eq!(code.len(), 10);
            // A second callback (002) has had time to arrive: still one payment, still paid once.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let paid = invoice_with_payments(&app, &client, &invoice.id).await;
            assert_eq!(paid.invoice.status, InvoiceStatus::Paid, "{phone}");
            assert_eq!(paid.payments.len(), 1, "{phone}");
            assert_eq!(paid.payments[0].status, PaymentStatus::Paid);
            let application = application(&app, &client, &draft.id).await;
            assert_eq!(
                application.status,
                ApplicationStatus::Approved,
                "paid: a booklet renewal is done at once"
            );
            let renewed = application
                .timeline
                .last()
                .and_then(|e| e.note.clone())
                .unwrap();
            assert!(renewed.contains("renewed until"), "{renewed}");
            let receipt: Receipt = client
                .get(app.url(&format!("/api/invoices/{}/receipt", invoice.id)))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert!(receipt.receipt_number.starts_with("RN-"));
            let slip = receipt.outcome.clone().unwrap_or_default();
            assert!(slip.contains("renewed until"), "the renewal slip: {slip}");
            assert_eq!(receipt.payment.mpesa_code.as_deref(), Some(code.as_str()));
            assert_eq!(receipt.invoice.total.cents(), 145_000);
            assert_eq!(receipt.payer_name, "Njeri Karanja");
            // Paying again is refused: nobody pays twice.
            let again = pay(&app, &client, &invoice.id, phone).await;
            assert_eq!(again.status(), StatusCode::CONFLICT);
        }
        let standin = app.mpesa.as_ref().unwrap();
        assert_eq!(standin.stk_pushes(), 7);
        assert_eq!(standin.callbacks_sent(), 8, "002 called back twice");
        let history: PaymentHistory = client
            .get(app.url("/api/payments"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(history.items.len(), 7);
        assert!(
            history
                .items
                .iter()
                .all(|e| e.service_id == "ntsa-dl-renewal-booklet")
        );
        // The person was told by SMS, in both languages.
        let receipts = common::messages_to(&app, &common::phone_of(1))
            .await
            .into_iter()
            .filter(|sms| sms.contains("Receipt RN-") && sms.contains("Risiti RN-"))
            .count();
        assert_eq!(receipts, 3, "one SMS per paid invoice");
    }
}

#[tokio::test]
async fn twenty_taps_on_pay_start_one_prompt() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (client, _) = common::driver(&app, 2).await;
        let (_, invoice) = invoice_for(&app, &client).await;
        // 404: the stand-in never answers, so the prompt stays in flight throughout.
        let taps = (0..20).map(|_| pay(&app, &client, &invoice.id, "0712345404"));
        let answers = futures_util::future::join_all(taps).await;
        let mut ids = std::collections::BTreeSet::new();
        for answer in answers {
            assert!(
                matches!(answer.status(), StatusCode::OK | StatusCode::ACCEPTED),
                "{}: {}",
                app.engine,
                answer.status()
            );
            ids.insert(answer.json::<Payment>().await.unwrap().id);
        }
        assert_eq!(ids.len(), 1, "{}: one payment for all taps", app.engine);
        assert_eq!(
            app.mpesa.as_ref().unwrap().stk_pushes(),
            1,
            "{}",
            app.engine
        );
        // The same key again is the same answer, not a new request.
        let key = uuid::Uuid::new_v4().to_string();
        let first = client
            .post(app.url(&format!("/api/invoices/{}/mpesa", invoice.id)))
            .header("idempotency-key", &key)
            .json(&json!({"phone": "0712345404"}))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let second = client
            .post(app.url(&format!("/api/invoices/{}/mpesa", invoice.id)))
            .header("idempotency-key", &key)
            .json(&json!({"phone": "0712345404"}))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(first, second);
        assert_eq!(app.mpesa.as_ref().unwrap().stk_pushes(), 1);
    }
}

#[tokio::test]
async fn forged_callbacks_change_nothing() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (client, _) = common::driver(&app, 3).await;
        let (_, invoice) = invoice_for(&app, &client).await;
        let p = started(&app, &client, &invoice.id, "0712345404").await;
        let checkout = checkout_id(&app, &p.id).await;
        let secret = app.state.payments.callback_secret.clone();
        let callback = |checkout: &str, amount: i64| {
            json!({"Body": {"stkCallback": {
            "MerchantRequestID": "29115-1-1", "CheckoutRequestID": checkout, "ResultCode": 0,
            "ResultDesc": "The service request is processed successfully.",
            "CallbackMetadata": {"Item": [
                {"Name": "Amount", "Value": amount}, {"Name": "MpesaReceiptNumber", "Value": "FAKE123456"},
                {"Name": "TransactionDate", "Value": 20261202101500u64}, {"Name": "PhoneNumber", "Value": 254712345404u64}
            ]}}}})
        };
        let plain = Client::new();
        let post = |path: String, body: serde_json::Value| {
            let plain = plain.clone();
            let url = app.url(&path);
            async move { plain.post(url).json(&body).send().await.unwrap() }
        };
        // A wrong secret: refused outright.
        let r = post(
            format!("/api/callbacks/mpesa/{}/stk", "0".repeat(32)),
            callback(&checkout, 1450),
        )
        .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        // The right secret, but M-Pesa's status query says the prompt is still open: a "paid" callback
        // (right or wrong amount) is not believed.
        for amount in [1450, 1] {
            let r = post(
                format!("/api/callbacks/mpesa/{secret}/stk"),
                callback(&checkout, amount),
            )
            .await;
            assert_eq!(r.status(), StatusCode::OK);
        }
        // A checkout we never started.
        let r = post(
            format!("/api/callbacks/mpesa/{secret}/stk"),
            callback("ws_CO_UNKNOWN", 1450),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let after = invoice_with_payments(&app, &client, &invoice.id).await;
        assert_eq!(
            after.invoice.status,
            InvoiceStatus::Pending,
            "{}",
            app.engine
        );
        assert_eq!(after.payments.len(), 1);
        assert_eq!(after.payments[0].status, PaymentStatus::Pending);
        assert_eq!(after.payments[0].mpesa_code, None);
        // A forged Paybill confirmation with a wrong secret records nothing either.
        let r = post(
            format!("/api/callbacks/mpesa/{}/c2b/confirmation", "0".repeat(32)),
            json!({"TransactionType": "Pay Bill", "TransID": "SFAKE12345", "TransTime": "20261202101500",
                   "TransAmount": "1450.00", "BusinessShortCode": "222222", "BillRefNumber": invoice.account_number}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            invoice_with_payments(&app, &client, &invoice.id)
                .await
                .payments
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn a_lost_callback_is_settled_by_reconciliation_and_a_silent_prompt_becomes_unconfirmed() {
    for app in common::apps_with_payments(Callbacks::Lost).await {
        let (client, _) = common::driver(&app, 4).await;
        let (draft, invoice) = invoice_for(&app, &client).await;
        let p = started(&app, &client, &invoice.id, "0712345000").await;
        let (_, silent_invoice) = invoice_for(&app, &client).await;
        let silent = started(&app, &client, &silent_invoice.id, "0712345404").await;
        // The stand-in decides and calls back into the void.
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(
            payment(&app, &client, &p.id).await.status,
            PaymentStatus::Pending
        );
        // Not due yet: nothing asked.
        assert_eq!(
            njia_server::payments::reconcile_due(&app.state)
                .await
                .unwrap(),
            0
        );
        app.clock.advance_secs(6);
        assert_eq!(
            njia_server::payments::reconcile_due(&app.state)
                .await
                .unwrap(),
            2
        );
        let p = payment(&app, &client, &p.id).await;
        assert_eq!(p.status, PaymentStatus::Paid, "{}", app.engine);
        assert_eq!(
            application(&app, &client, &draft.id).await.status,
            ApplicationStatus::Approved
        );
        assert_eq!(
            payment(&app, &client, &silent.id).await.status,
            PaymentStatus::Pending
        );
        // Past the timeout the silent one is unconfirmed: the person is told what to do.
        app.clock.advance_secs(60);
        njia_server::payments::reconcile_due(&app.state)
            .await
            .unwrap();
        let silent = payment(&app, &client, &silent.id).await;
        assert_eq!(silent.status, PaymentStatus::Unconfirmed, "{}", app.engine);
        // Trying again first asks M-Pesa about it: still in progress there, so no second prompt is sent
        // (the person could otherwise pay twice); the same payment comes back.
        let retry = pay(&app, &client, &silent_invoice.id, "0712345000").await;
        assert_eq!(retry.status(), StatusCode::OK);
        assert_eq!(retry.json::<Payment>().await.unwrap().id, silent.id);
        assert_eq!(
            app.mpesa.as_ref().unwrap().stk_pushes(),
            2,
            "{}",
            app.engine
        );
    }
}

#[tokio::test]
async fn paybill_payments_find_their_invoice_by_account_number_or_by_their_code() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (client, _) = common::driver(&app, 5).await;
        let (draft, invoice) = invoice_for(&app, &client).await;
        let (_, other) = invoice_for(&app, &client).await;
        let mpesa = app.state.payments.mpesa.as_ref().unwrap();
        // A wrong amount and an unknown account are turned back by validation: nothing is recorded.
        mpesa
            .c2b_simulate(100_000, "254712345678", &invoice.account_number)
            .await
            .unwrap();
        mpesa
            .c2b_simulate(145_000, "254712345678", "NJ22223333")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(app.mpesa.as_ref().unwrap().c2b_confirmations(), 0);
        // The right amount to the account number (typed in lower case with dashes, as people do).
        let typed = format!(
            "{}-{}",
            &invoice.account_number[..2],
            &invoice.account_number[2..]
        )
        .to_lowercase();
        mpesa
            .c2b_simulate(145_000, "254712345678", &typed)
            .await
            .unwrap();
        let mut paid = None;
        for _ in 0..100 {
            let now = invoice_with_payments(&app, &client, &invoice.id).await;
            if now.invoice.status == InvoiceStatus::Paid {
                paid = Some(now);
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let paid =
            paid.unwrap_or_else(|| panic!("{}: the Paybill payment did not arrive", app.engine));
        assert_eq!(paid.payments.len(), 1);
        let payment = &paid.payments[0];
        assert_eq!(payment.method, PaymentMethod::MpesaPaybill);
        assert_eq!(payment.status, PaymentStatus::Paid);
        assert_eq!(
            application(&app, &client, &draft.id).await.status,
            ApplicationStatus::Approved
        );
        assert_eq!(
            invoice_with_payments(&app, &client, &other.id)
                .await
                .invoice
                .status,
            InvoiceStatus::Pending,
            "only the invoice with that account number"
        );
        // "I paid by Paybill": the code finds it (any case, spaces ignored).
        let code = payment.mpesa_code.clone().unwrap();
        let r = client
            .post(app.url(&format!("/api/invoices/{}/paybill-code", invoice.id)))
            .json(&json!({"code": format!(" {} ", code.to_lowercase())}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.json::<Payment>().await.unwrap().id, payment.id);
        // A code that is not ours for this invoice, and one that is not a code at all.
        let r = client
            .post(app.url(&format!("/api/invoices/{}/paybill-code", other.id)))
            .json(&json!({"code": code}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "payment_not_found");
        let r = client
            .post(app.url(&format!("/api/invoices/{}/paybill-code", other.id)))
            .json(&json!({"code": "12"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // A confirmation for an account number no invoice has (validation was unreachable and M-Pesa
        // completed it anyway) is kept unmatched, and its code claims it for the right invoice. Sent
        // twice, it is recorded once.
        let secret = app.state.payments.callback_secret.clone();
        let confirmation = json!({"TransactionType": "Pay Bill", "TransID": "SXK4H7Q2XP", "TransTime": "20261202101500",
            "TransAmount": "1450.00", "BusinessShortCode": "222222", "BillRefNumber": "NJ-TYPO-TYPO",
            "MSISDN": common::phone_of(5).trim_start_matches('+'), "FirstName": "Njeri"});
        for _ in 0..2 {
            let r = Client::new()
                .post(app.url(&format!("/api/callbacks/mpesa/{secret}/c2b/confirmation")))
                .json(&confirmation)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
        }
        let unmatched: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM payments WHERE mpesa_code = 'SXK4H7Q2XP' AND invoice_id IS NULL AND status = 'unconfirmed'",
        )
        .fetch_one(&db(&app).await.pool)
        .await
        .unwrap();
        assert_eq!(unmatched, 1, "{}", app.engine);
        // Someone else, paying the same amount, cannot take it: M-Pesa says whose phone paid.
        let (stranger, _) = common::driver(&app, 9).await;
        let (_, theirs) = invoice_for(&app, &stranger).await;
        let r = stranger
            .post(app.url(&format!("/api/invoices/{}/paybill-code", theirs.id)))
            .json(&json!({"code": "SXK4H7Q2XP"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = client
            .post(app.url(&format!("/api/invoices/{}/paybill-code", other.id)))
            .json(&json!({"code": "sxk4h7q2xp"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let claimed: Payment = r.json().await.unwrap();
        assert_eq!(claimed.status, PaymentStatus::Paid);
        assert_eq!(
            invoice_with_payments(&app, &client, &other.id)
                .await
                .invoice
                .status,
            InvoiceStatus::Paid
        );
    }
}

#[tokio::test]
async fn card_payments_go_through_the_gateway_page_and_are_confirmed_by_the_server() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (client, _) = common::driver(&app, 6).await;
        let browser = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        for (card, expected, problem) in [
            (
                "4000 0000 0000 0002",
                PaymentStatus::Failed,
                Some(PaymentProblem::CardDeclined),
            ),
            ("4242 4242 4242 4242", PaymentStatus::Paid, None),
        ] {
            let (_, invoice) = invoice_for(&app, &client).await;
            let r = client
                .post(app.url(&format!("/api/invoices/{}/card", invoice.id)))
                .header("idempotency-key", uuid::Uuid::new_v4().to_string())
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
            let checkout: CardCheckout = r.json().await.unwrap();
            let page = browser
                .get(&checkout.redirect_url)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(page.contains("KES 1,450"), "{page}");
            let r = browser
                .post(&checkout.redirect_url)
                .form(&[
                    ("name", "Njeri Karanja"),
                    ("card_number", card),
                    ("expiry", "12/30"),
                    ("cvc", "123"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            let back = r.headers()["location"].to_str().unwrap().to_string();
            assert!(
                back.starts_with(&format!(
                    "{}/payments/{}/card-return?session_id=",
                    app.base, checkout.payment.id
                )),
                "{back}"
            );
            // Coming back proves nothing by itself; the server asks the gateway.
            let r = client
                .post(app.url(&format!(
                    "/api/payments/{}/card-confirm",
                    checkout.payment.id
                )))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let p: Payment = r.json().await.unwrap();
            assert_eq!(p.status, expected, "{} {card}", app.engine);
            assert_eq!(p.problem, problem);
            if expected == PaymentStatus::Paid {
                assert_eq!(p.card_last4.as_deref(), Some("4242"));
                let receipt = client
                    .get(app.url(&format!("/api/invoices/{}/receipt", invoice.id)))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(receipt.status(), StatusCode::OK);
            }
        }
        // The card number never reached the server's database.
        let stored: Vec<String> =
            sqlx::query_scalar("SELECT COALESCE(card_last4, '') FROM payments")
                .fetch_all(&db(&app).await.pool)
                .await
                .unwrap();
        assert!(stored.iter().all(|s| s.len() <= 4));
    }
}

#[tokio::test]
async fn only_the_owner_sees_an_invoice_its_payments_and_its_receipt() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let (owner, _) = common::driver(&app, 7).await;
        let (stranger, _) = common::driver(&app, 8).await;
        let (_, invoice) = invoice_for(&app, &owner).await;
        let p = started(&app, &owner, &invoice.id, "0712345404").await;
        for path in [
            format!("/api/invoices/{}", invoice.id),
            format!("/api/invoices/{}/receipt", invoice.id),
            format!("/api/payments/{}", p.id),
        ] {
            let r = stranger.get(app.url(&path)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
            let r = Client::new().get(app.url(&path)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{path}");
        }
        let r = pay(&app, &stranger, &invoice.id, "0712345000").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = owner
            .get(app.url(&format!("/api/invoices/{}/receipt", invoice.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CONFLICT, "no receipt before paying");
        let history: PaymentHistory = stranger
            .get(app.url("/api/payments"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(history.items.is_empty());
        // A phone that is not a mobile number is refused with the field named.
        let r = pay(&app, &owner, &invoice.id, "020 123 4567").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["fields"][0]["field"], "phone");
    }
}
