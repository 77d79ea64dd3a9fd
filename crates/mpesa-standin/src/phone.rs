//! `GET /phone`: the payer's phone, for a Paybill payment in the demo. The form asks what M-Pesa's menu asks
//! (business number, account number, amount, phone), then `POST /phone` runs the same C2B path as
//! `/mpesa/c2b/v1/simulate` (validation, then confirmation, to the registered URLs) but waits for it, and
//! shows the SMS the payer would get.
//!
//! The pages are small and self-contained (inline CSS, no JavaScript), built for a 360 px wide phone and a
//! screen reader: one `<h1>`, real labels, an error summary linking to each field.

use std::collections::HashMap;
use std::fmt::Write as _;

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::{AppState, C2bDelivery, Shared, c2b_transaction, deliver_c2b, is_msisdn, lock};

/// The name the payer's SMS gives the business, as M-Pesa shows the Paybill's registered name.
const BUSINESS_NAME: &str = "NJIA";

/// The phone number the form starts with: the Daraja sandbox's test MSISDN.
const DEFAULT_PHONE: &str = "254708374149";

/// M-Pesa's ceiling for one payment, in shillings.
const MAX_AMOUNT: u64 = 250_000;

/// The longest account number M-Pesa takes (`BillRefNumber`).
const MAX_ACCOUNT_CHARS: usize = 20;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `1,050`: whole shillings with thousands separators.
fn grouped(shillings: u64) -> String {
    let digits = shillings.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `on 2/12/26 at 10:15 AM` from Daraja's `TransTime` (`YYYYMMDDHHmmss`, Kenya time), as M-Pesa's SMS says it.
fn sms_when(trans_time: &str) -> String {
    let part = |range: std::ops::Range<usize>| {
        trans_time
            .get(range)
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let (year, month, day, hour, minute) = (
        part(0..4),
        part(4..6),
        part(6..8),
        part(8..10),
        part(10..12),
    );
    let (hour12, half) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    format!(
        "on {day}/{month}/{:02} at {hour12}:{minute:02} {half}",
        year % 100
    )
}

/// A Kenyan mobile number as `2547XXXXXXXX` / `2541XXXXXXXX`, from the ways people type it.
fn msisdn(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let digits = digits.strip_prefix('+').unwrap_or(&digits);
    let national = digits
        .strip_prefix("254")
        .or_else(|| digits.strip_prefix('0'))
        .unwrap_or(digits);
    let full = format!("254{national}");
    is_msisdn(&full).then_some(full)
}

/// What the person typed, and what was wrong with it: (field id, message).
#[derive(Default)]
struct Filled {
    business_number: String,
    account_number: String,
    amount: String,
    phone: String,
    errors: Vec<(&'static str, String)>,
}

/// The form's answers once they are valid.
struct Payment {
    account_number: String,
    amount: u64,
    msisdn: String,
}

fn check(state: &AppState, filled: &mut Filled) -> Option<Payment> {
    let business = filled.business_number.trim();
    if business.is_empty() {
        filled
            .errors
            .push(("business_number", "Enter the business number".into()));
    } else if business != state.config.shortcode {
        filled.errors.push((
            "business_number",
            format!(
                "Business number {business} is not known here. Use {}",
                state.config.shortcode
            ),
        ));
    }
    let account = filled.account_number.trim();
    if account.is_empty() {
        filled
            .errors
            .push(("account_number", "Enter the account number".into()));
    } else if account.chars().count() > MAX_ACCOUNT_CHARS {
        filled.errors.push((
            "account_number",
            format!("Account number must be {MAX_ACCOUNT_CHARS} characters or fewer"),
        ));
    }
    let amount_text: String = filled
        .amount
        .chars()
        .filter(|c| !matches!(c, ',' | ' '))
        .collect();
    let amount_text = amount_text.strip_suffix(".00").unwrap_or(&amount_text);
    let amount = if amount_text.is_empty() {
        filled.errors.push(("amount", "Enter the amount".into()));
        None
    } else {
        match amount_text.parse::<u64>() {
            Ok(amount @ 1..=MAX_AMOUNT) => Some(amount),
            Ok(_) => {
                filled.errors.push((
                    "amount",
                    format!(
                        "Amount must be between KES 1 and KES {}",
                        grouped(MAX_AMOUNT)
                    ),
                ));
                None
            }
            Err(_) => {
                filled.errors.push((
                    "amount",
                    "Amount must be a whole number of shillings, like 1050".into(),
                ));
                None
            }
        }
    };
    let phone = if filled.phone.trim().is_empty() {
        filled
            .errors
            .push(("phone", "Enter the phone number".into()));
        None
    } else {
        let phone = msisdn(&filled.phone);
        if phone.is_none() {
            filled.errors.push((
                "phone",
                "Enter a Kenyan mobile number, like 0712 345 678 or 254712345678".into(),
            ));
        }
        phone
    };
    match (amount, phone) {
        (Some(amount), Some(msisdn)) if filled.errors.is_empty() => Some(Payment {
            account_number: account.to_owned(),
            amount,
            msisdn,
        }),
        _ => None,
    }
}

// Colours (all AA): text #0b0c0c on white, hints #505a5f (7:1), links #1d70b8 (5.1:1), the button white on
// #00703c (6.4:1), errors #b3261e (6.5:1), focus black on #ffdd00.
const STYLE: &str = "\
*,*::before,*::after{box-sizing:border-box}\
html{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:100%;line-height:1.45;\
color:#0b0c0c;background:#fff;-webkit-text-size-adjust:100%}\
body{margin:0}\
header{background:#00703c;color:#fff;padding:.75rem 1rem}\
header p{margin:0 auto;max-width:36rem;font-weight:700}\
main{display:block;max-width:36rem;margin:0 auto;padding:1rem 1rem 2rem}\
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}\
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}\
p,li{overflow-wrap:anywhere}\
a{color:#1d70b8}a:visited{color:#4c2c92}\
input:focus,button:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}\
a:focus{background:#ffdd00;color:#0b0c0c;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;outline:none;text-decoration:none}\
.field{margin:0 0 1.25rem}\
.field.invalid{border-left:5px solid #b3261e;padding-left:.75rem}\
label{display:block;font-weight:700;margin-bottom:.25rem}\
.hint{display:block;color:#505a5f;margin:0 0 .25rem}\
.error-message{display:block;color:#b3261e;font-weight:700;margin:0 0 .25rem}\
input{display:block;width:100%;min-height:2.75rem;padding:.4rem .5rem;font:inherit;font-size:1.1875rem;\
color:#0b0c0c;background:#fff;border:2px solid #0b0c0c;border-radius:0}\
input[aria-invalid=true]{border-color:#b3261e}\
.short{max-width:12rem}\
button{display:block;width:100%;min-height:2.75rem;margin:0 0 1rem;padding:.5rem 1rem;font:inherit;font-weight:700;\
font-size:1.1875rem;border:0;border-radius:0;cursor:pointer;color:#fff;background:#00703c;box-shadow:0 2px 0 #002d18}\
button:hover{background:#005a30}\
.error-summary{border:5px solid #b3261e;padding:1rem;margin:0 0 1.5rem}\
.error-summary h2{margin-top:0}\
.error-summary ul{margin:0;padding-left:1.25rem}\
.error-summary a{color:#b3261e;font-weight:700}\
.sms{background:#f3f2f1;border-left:5px solid #00703c;padding:.75rem 1rem;margin:0 0 1rem}\
.sms h2{margin-top:0;font-size:1rem}\
.sms p{margin:0}\
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;\
padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}\
@media(min-width:40rem){button{display:inline-block;width:auto}}";

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"robots\" content=\"noindex\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
<header><p>M-Pesa phone (stand-in)</p></header>\n<main id=\"main\">\n{body}</main>\n</body>\n</html>\n",
        escape(title),
    )
}

fn input(
    out: &mut String,
    filled: &Filled,
    id: &'static str,
    label: &str,
    hint: &str,
    attrs: &str,
    value: &str,
) {
    let error = filled
        .errors
        .iter()
        .find(|(field, _)| *field == id)
        .map(|(_, m)| m);
    let mut described = Vec::new();
    let _ = writeln!(
        out,
        "<div class=\"field{}\">\n<label for=\"{id}\">{label}</label>",
        if error.is_some() { " invalid" } else { "" }
    );
    if !hint.is_empty() {
        let _ = writeln!(
            out,
            "<span class=\"hint\" id=\"{id}-hint\">{}</span>",
            escape(hint)
        );
        described.push(format!("{id}-hint"));
    }
    if let Some(message) = error {
        let _ = writeln!(
            out,
            "<span class=\"error-message\" id=\"{id}-error\"><span class=\"visually-hidden\">Error: </span>{}</span>",
            escape(message)
        );
        described.push(format!("{id}-error"));
    }
    let _ = write!(
        out,
        "<input id=\"{id}\" name=\"{id}\" type=\"text\" {attrs}"
    );
    if !described.is_empty() {
        let _ = write!(out, " aria-describedby=\"{}\"", described.join(" "));
    }
    if error.is_some() {
        out.push_str(" aria-invalid=\"true\"");
    }
    let _ = write!(out, " value=\"{}\">\n</div>\n", escape(value));
}

/// The Paybill form, empty or given back with its errors.
fn form_page(state: &AppState, filled: &Filled) -> String {
    let mut body = String::new();
    if !filled.errors.is_empty() {
        body.push_str(
            "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus \
aria-labelledby=\"error-summary-title\">\n<h2 id=\"error-summary-title\">There is a problem</h2>\n<ul>\n",
        );
        for (field, message) in &filled.errors {
            let _ = writeln!(
                body,
                "<li><a href=\"#{field}\">{}</a></li>",
                escape(message)
            );
        }
        body.push_str("</ul>\n</div>\n");
    }
    let _ = write!(
        body,
        "<h1>Pay by Paybill</h1>\n\
<p>This page plays the payer's phone: it pays a Paybill as M-Pesa's menu does (Lipa na M-PESA, then Pay \
Bill). No real money moves. The business is told through its registered C2B URLs, and you get the SMS M-Pesa \
would send.</p>\n<form method=\"post\" action=\"/phone\" novalidate>\n"
    );
    let hint = format!("This stand-in's Paybill is {}", state.config.shortcode);
    input(
        &mut body,
        filled,
        "business_number",
        "Business number",
        &hint,
        "inputmode=\"numeric\" autocomplete=\"off\" class=\"short\"",
        &filled.business_number,
    );
    input(
        &mut body,
        filled,
        "account_number",
        "Account number",
        "The reference on the invoice, for example NJ7KX39QPM",
        "autocomplete=\"off\" spellcheck=\"false\" autocapitalize=\"characters\"",
        &filled.account_number,
    );
    input(
        &mut body,
        filled,
        "amount",
        "Amount (KES)",
        "Whole shillings",
        "inputmode=\"numeric\" autocomplete=\"off\" class=\"short\"",
        &filled.amount,
    );
    input(
        &mut body,
        filled,
        "phone",
        "Phone number",
        "The payer's M-Pesa number",
        "inputmode=\"tel\" autocomplete=\"tel\" class=\"short\"",
        &filled.phone,
    );
    body.push_str("<button type=\"submit\">Send money</button>\n</form>\n");
    let title = if filled.errors.is_empty() {
        "M-Pesa phone (stand-in)".to_owned()
    } else {
        "Error: M-Pesa phone (stand-in)".to_owned()
    };
    layout(&title, &body)
}

/// The page after sending: the SMS, and a way to pay again.
fn result_page(heading: &str, sms: &str, code: Option<&str>) -> String {
    let mut body = format!(
        "<h1>{heading}</h1>\n<section class=\"sms\" aria-labelledby=\"sms-title\">\n\
<h2 id=\"sms-title\">SMS from M-PESA</h2>\n<p>{}</p>\n</section>\n",
        escape(sms)
    );
    if let Some(code) = code {
        let _ = writeln!(
            body,
            "<p>M-Pesa code: <strong>{}</strong></p>",
            escape(code)
        );
    }
    body.push_str("<p><a href=\"/phone\">Send another payment</a></p>\n");
    layout(&format!("{heading} – M-Pesa phone (stand-in)"), &body)
}

pub(crate) async fn page(State(state): State<Shared>) -> Html<String> {
    let filled = Filled {
        business_number: state.config.shortcode.clone(),
        phone: DEFAULT_PHONE.into(),
        ..Filled::default()
    };
    Html(form_page(&state, &filled))
}

pub(crate) async fn send_money(
    State(state): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let mut filled = Filled {
        business_number: field("business_number"),
        account_number: field("account_number"),
        amount: field("amount"),
        phone: field("phone"),
        errors: Vec::new(),
    };
    let Some(payment) = check(&state, &mut filled) else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(form_page(&state, &filled)),
        )
            .into_response();
    };
    if lock(&state.c2b).is_none() {
        return (StatusCode::CONFLICT, Html(not_registered(&state))).into_response();
    }
    let transaction = c2b_transaction(
        &state,
        payment.amount,
        &payment.msisdn,
        &payment.account_number,
    );
    let code = transaction["TransID"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let when = sms_when(transaction["TransTime"].as_str().unwrap_or_default());
    // No callback delay: the person is looking at the phone, waiting for the SMS.
    match deliver_c2b(&state, &transaction).await {
        C2bDelivery::Confirmed => {
            tracing::info!(trans_id = %code, "C2B payment from the phone page confirmed");
            let sms = format!(
                "{code} Confirmed. KES {}.00 sent to {BUSINESS_NAME} for account {} {when}.",
                grouped(payment.amount),
                payment.account_number
            );
            Html(result_page("Payment sent", &sms, Some(&code))).into_response()
        }
        C2bDelivery::Rejected => {
            let sms = format!(
                "Failed. The business did not accept account {}.",
                payment.account_number
            );
            Html(result_page("Payment failed", &sms, None)).into_response()
        }
        // The registration went away while we were checking.
        C2bDelivery::NotRegistered => {
            (StatusCode::CONFLICT, Html(not_registered(&state))).into_response()
        }
    }
}

fn not_registered(state: &AppState) -> String {
    let body = format!(
        "<h1>Nobody to pay</h1>\n<p>No C2B URLs are registered for business number {}, so no business would hear \
about this payment. Nothing was sent.</p>\n<p>Start the portal (it registers its URLs with this stand-in), \
then try again.</p>\n<p><a href=\"/phone\">Back to the phone</a></p>\n",
        escape(&state.config.shortcode)
    );
    layout("Nobody to pay – M-Pesa phone (stand-in)", &body)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use axum::Json;
    use axum::Router;
    use axum::routing::post;
    use base64::Engine as _;
    use serde_json::{Value, json};

    use super::*;
    use crate::{StandinConfig, StandinHandle, spawn};

    #[test]
    fn sms_dates_read_like_mpesas() {
        assert_eq!(sms_when("20261202101500"), "on 2/12/26 at 10:15 AM");
        assert_eq!(sms_when("20260101000500"), "on 1/1/26 at 12:05 AM");
        assert_eq!(sms_when("20260315120000"), "on 15/3/26 at 12:00 PM");
        assert_eq!(sms_when("20261231235959"), "on 31/12/26 at 11:59 PM");
    }

    #[test]
    fn amounts_and_phones() {
        assert_eq!(grouped(1050), "1,050");
        assert_eq!(grouped(250_000), "250,000");
        assert_eq!(grouped(7), "7");
        assert_eq!(msisdn("0712 345 678").as_deref(), Some("254712345678"));
        assert_eq!(msisdn("+254708374149").as_deref(), Some("254708374149"));
        assert_eq!(msisdn("0112345678").as_deref(), Some("254112345678"));
        assert_eq!(msisdn("0212345678"), None);
        assert_eq!(msisdn("07123"), None);
    }

    type Seen = Arc<Mutex<Vec<(&'static str, Value)>>>;

    /// A business that accepts account numbers starting with "NJ" and records what it is told.
    async fn business() -> (String, Seen) {
        async fn validation(
            axum::extract::State(seen): axum::extract::State<Seen>,
            Json(body): Json<Value>,
        ) -> Json<Value> {
            let ok = body["BillRefNumber"]
                .as_str()
                .is_some_and(|r| r.starts_with("NJ"));
            lock(&seen).push(("validation", body));
            if ok {
                Json(json!({ "ResultCode": "0", "ResultDesc": "Accepted" }))
            } else {
                Json(json!({ "ResultCode": "C2B00012", "ResultDesc": "Rejected" }))
            }
        }
        async fn confirmation(
            axum::extract::State(seen): axum::extract::State<Seen>,
            Json(body): Json<Value>,
        ) -> Json<Value> {
            lock(&seen).push(("confirmation", body));
            Json(json!({ "ResultCode": 0, "ResultDesc": "Success" }))
        }
        let seen: Seen = Arc::default();
        let app = Router::new()
            .route("/c2b/validation", post(validation))
            .route("/c2b/confirmation", post(confirmation))
            .with_state(seen.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        (format!("http://{addr}"), seen)
    }

    struct Setup {
        base: String,
        http: reqwest::Client,
        standin: StandinHandle,
        seen: Seen,
    }

    async fn setup(register: bool) -> Setup {
        let config = StandinConfig {
            callback_delay: Duration::from_millis(20),
            ..StandinConfig::default()
        };
        let (addr, standin) = spawn(config.clone()).await.expect("stand-in starts");
        let (business_url, seen) = business().await;
        let base = format!("http://{addr}");
        let http = reqwest::Client::new();
        if register {
            let basic = base64::engine::general_purpose::STANDARD.encode(format!(
                "{}:{}",
                config.consumer_key, config.consumer_secret
            ));
            let token: Value = http
                .get(format!(
                    "{base}/oauth/v1/generate?grant_type=client_credentials"
                ))
                .header("authorization", format!("Basic {basic}"))
                .send()
                .await
                .expect("token")
                .json()
                .await
                .expect("json");
            let token = token["access_token"].as_str().expect("a token").to_owned();
            let registered = http
                .post(format!("{base}/mpesa/c2b/v1/registerurl"))
                .bearer_auth(&token)
                .json(&json!({
                    "ShortCode": config.shortcode,
                    "ResponseType": "Completed",
                    "ConfirmationURL": format!("{business_url}/c2b/confirmation"),
                    "ValidationURL": format!("{business_url}/c2b/validation"),
                }))
                .send()
                .await
                .expect("registered");
            assert_eq!(registered.status().as_u16(), 200);
        }
        Setup {
            base,
            http,
            standin,
            seen,
        }
    }

    async fn send(s: &Setup, fields: &[(&str, &str)]) -> (u16, String) {
        let response = s
            .http
            .post(format!("{}/phone", s.base))
            .form(fields)
            .send()
            .await
            .expect("answers");
        (
            response.status().as_u16(),
            response.text().await.expect("html"),
        )
    }

    fn payment(account: &str) -> [(&'static str, &str); 4] {
        [
            ("business_number", "174379"),
            ("account_number", account),
            ("amount", "1,050"),
            ("phone", "254708374149"),
        ]
    }

    /// The text between `<strong>` and `</strong>` after "M-Pesa code:".
    fn code_on(html: &str) -> &str {
        let start =
            html.find("M-Pesa code: <strong>").expect("a code") + "M-Pesa code: <strong>".len();
        let end = start + html[start..].find("</strong>").expect("closed");
        &html[start..end]
    }

    #[tokio::test]
    async fn the_form_is_prefilled_and_labelled() {
        let s = setup(false).await;
        let response = s
            .http
            .get(format!("{}/phone", s.base))
            .send()
            .await
            .expect("page");
        assert_eq!(response.status().as_u16(), 200);
        let html = response.text().await.expect("html");
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("<title>M-Pesa phone (stand-in)</title>"));
        assert_eq!(html.matches("<h1>").count(), 1);
        assert_eq!(html.matches("<main").count(), 1);
        assert!(!html.contains("<script"));
        for (id, label) in [
            ("business_number", "Business number"),
            ("account_number", "Account number"),
            ("amount", "Amount (KES)"),
            ("phone", "Phone number"),
        ] {
            assert!(
                html.contains(&format!("<label for=\"{id}\">{label}</label>")),
                "{label}"
            );
            assert!(
                html.contains(&format!("<input id=\"{id}\" name=\"{id}\"")),
                "{id}"
            );
        }
        assert!(html.contains("value=\"174379\""));
        assert!(html.contains("value=\"254708374149\""));
        assert!(html.contains(">Send money</button>"));
    }

    #[tokio::test]
    async fn an_accepted_payment_is_confirmed_and_the_sms_has_the_code() {
        let s = setup(true).await;
        let (status, html) = send(&s, &payment("NJ7KX39QPM")).await;
        assert_eq!(status, 200, "{html}");
        let code = code_on(&html).to_owned();
        assert_eq!(code.len(), 10, "{code}");
        assert!(code.starts_with('S'));
        assert!(
            code.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
            "{code}"
        );
        let sms_start =
            format!("{code} Confirmed. KES 1,050.00 sent to NJIA for account NJ7KX39QPM on ");
        assert!(html.contains(&sms_start), "{html}");
        assert!(
            html.contains(" AM.</p>") || html.contains(" PM.</p>"),
            "{html}"
        );

        // It waited: the business has been told by the time the page is back.
        let seen = lock(&s.seen).clone();
        let kinds: Vec<_> = seen.iter().map(|(kind, _)| *kind).collect();
        assert_eq!(kinds, ["validation", "confirmation"]);
        for (_, body) in &seen {
            assert_eq!(body["TransID"], code.as_str());
            assert_eq!(body["BillRefNumber"], "NJ7KX39QPM");
            assert_eq!(body["TransAmount"], "1050.00");
            assert_eq!(body["MSISDN"], "254708374149");
            assert_eq!(body["BusinessShortCode"], "174379");
        }
        assert_eq!(s.standin.c2b_confirmations(), 1);
    }

    #[tokio::test]
    async fn a_rejected_account_fails_and_is_not_confirmed() {
        let s = setup(true).await;
        let (status, html) = send(&s, &payment("XX123")).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("Failed. The business did not accept account XX123."),
            "{html}"
        );
        assert!(!html.contains("M-Pesa code:"));
        let kinds: Vec<_> = lock(&s.seen).iter().map(|(kind, _)| *kind).collect();
        assert_eq!(kinds, ["validation"]);
        assert_eq!(s.standin.c2b_confirmations(), 0);
    }

    #[tokio::test]
    async fn without_registered_urls_it_says_so() {
        let s = setup(false).await;
        let (status, html) = send(&s, &payment("NJ7KX39QPM")).await;
        assert_eq!(status, 409);
        assert!(
            html.contains("No C2B URLs are registered for business number 174379"),
            "{html}"
        );
        assert_eq!(s.standin.c2b_confirmations(), 0);
    }

    #[tokio::test]
    async fn form_errors_are_summarised_and_nothing_is_sent() {
        let s = setup(true).await;
        let (status, html) = send(
            &s,
            &[
                ("business_number", "999999"),
                ("account_number", ""),
                ("amount", "10.50"),
                ("phone", "0201234567"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(html.contains("<title>Error: M-Pesa phone (stand-in)</title>"));
        assert!(html.find("There is a problem") < html.find("<h1>"));
        for field in ["business_number", "account_number", "amount", "phone"] {
            assert!(html.contains(&format!("<a href=\"#{field}\">")), "{field}");
            assert!(html.contains(&format!("id=\"{field}-error\"")), "{field}");
        }
        assert!(
            html.contains("value=\"999999\""),
            "what was typed is given back"
        );
        let (status, html) = send(&s, &[("amount", "300000")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("Amount must be between KES 1 and KES 250,000"));
        assert!(lock(&s.seen).is_empty());
    }

    #[tokio::test]
    async fn the_simulate_api_uses_mpesa_like_codes_too() {
        let s = setup(true).await;
        let config = StandinConfig::default();
        let basic = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            config.consumer_key, config.consumer_secret
        ));
        let token: Value = s
            .http
            .get(format!(
                "{}/oauth/v1/generate?grant_type=client_credentials",
                s.base
            ))
            .header("authorization", format!("Basic {basic}"))
            .send()
            .await
            .expect("token")
            .json()
            .await
            .expect("json");
        let response = s
            .http
            .post(format!("{}/mpesa/c2b/v1/simulate", s.base))
            .bearer_auth(token["access_token"].as_str().expect("token"))
            .json(&json!({
                "ShortCode": "174379", "CommandID": "CustomerPayBillOnline", "Amount": 650,
                "Msisdn": "254712345678", "BillRefNumber": "NJ-INV00042",
            }))
            .send()
            .await
            .expect("simulated");
        assert_eq!(response.status().as_u16(), 200);
        for _ in 0..100 {
            if lock(&s.seen).len() == 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let seen = lock(&s.seen).clone();
        assert_eq!(seen.len(), 2, "validation and confirmation");
        let code = seen[0].1["TransID"].as_str().expect("a code");
        assert!(code.len() == 10 && code.starts_with('S'), "{code}");
    }
}
