//! A stand-in for Africa's Talking's bulk SMS endpoint, `POST /version1/messaging`. It checks the request
//! as the real API would (API key header, `Accept`, form encoding, required fields, E.164 numbers) and
//! answers with the documented bodies. The outcome is chosen by the number's last three digits:
//!
//! | number ends in | answer |
//! |---|---|
//! | 101 (and anything not below) | 201, recipient `Success` (101) |
//! | 405 | 201, recipient `InsufficientBalance` (405) |
//! | 403 | 201, recipient `InvalidPhoneNumber` (403) |
//! | 500 | HTTP 500 |
//!
//! A wrong username or API key gets HTTP 401 "The supplied authentication is invalid".

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};

pub const USERNAME: &str = "njia-test";
pub const API_KEY: &str = "atsk_7f3c0e9b2a4d4c1e8f6a5b3c2d1e0f9a";

/// What one accepted request carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsRequest {
    pub username: String,
    pub to: String,
    pub message: String,
    pub from: Option<String>,
    pub api_key: String,
    pub accept: String,
}

pub struct AfricasTalking {
    pub base_url: String,
    requests: Arc<Mutex<Vec<SmsRequest>>>,
    server: tokio::task::JoinHandle<()>,
}

impl AfricasTalking {
    pub async fn start() -> AfricasTalking {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let app = Router::new()
            .route("/version1/messaging", post(messaging))
            .with_state(requests.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        AfricasTalking {
            base_url,
            requests,
            server,
        }
    }

    /// Requests that passed the checks, in order.
    pub fn requests(&self) -> Vec<SmsRequest> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for AfricasTalking {
    fn drop(&mut self) {
        self.server.abort();
    }
}

const FIELDS: [&str; 8] = [
    "username",
    "to",
    "message",
    "from",
    "bulkSMSMode",
    "enqueue",
    "keyword",
    "linkId",
];

async fn messaging(
    State(requests): State<Arc<Mutex<Vec<SmsRequest>>>>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let content_type = header(header::CONTENT_TYPE.as_str());
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return bad_request(&format!(
            "expected application/x-www-form-urlencoded, got {content_type:?}"
        ));
    }
    let accept = header(header::ACCEPT.as_str());
    if !accept.contains("application/json") {
        // The real API answers XML unless asked for JSON.
        return bad_request("send Accept: application/json to get JSON");
    }
    let Ok(Form(fields)) = form else {
        return bad_request("the body is not a form");
    };
    let mut seen = std::collections::HashMap::new();
    for (name, value) in &fields {
        if !FIELDS.contains(&name.as_str()) {
            return bad_request(&format!("unknown field {name:?}"));
        }
        if seen.insert(name.as_str(), value.as_str()).is_some() {
            return bad_request(&format!("field {name:?} given twice"));
        }
    }
    let api_key = header("apikey");
    if seen.get("username") != Some(&USERNAME) || api_key != API_KEY {
        return (
            StatusCode::UNAUTHORIZED,
            "The supplied authentication is invalid",
        )
            .into_response();
    }
    let (Some(to), Some(message)) = (seen.get("to"), seen.get("message")) else {
        return bad_request("username, to and message are required");
    };
    if !is_e164(to) {
        return bad_request("to must be a phone number in E.164 form, like +254711000101");
    }
    if message.is_empty() {
        return bad_request("message must not be empty");
    }
    requests.lock().unwrap().push(SmsRequest {
        username: USERNAME.to_owned(),
        to: (*to).to_owned(),
        message: (*message).to_owned(),
        from: seen.get("from").map(|f| (*f).to_owned()),
        api_key,
        accept,
    });
    let (code, status, cost) = match &to[to.len() - 3..] {
        "500" => {
            return (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response();
        }
        "405" => (405, "InsufficientBalance", "0"),
        "403" => (403, "InvalidPhoneNumber", "0"),
        _ => (101, "Success", "KES 0.8000"),
    };
    let sent = u8::from(code == 101);
    let total = if sent == 1 { "KES 0.8000" } else { "0" };
    let message_id = if sent == 1 {
        format!("ATXid_{:032x}", rand_id())
    } else {
        "None".to_owned()
    };
    let body = serde_json::json!({
        "SMSMessageData": {
            "Message": format!("Sent to {sent}/1 Total Cost: {total}"),
            "Recipients": [{
                "statusCode": code,
                "number": to,
                "status": status,
                "cost": cost,
                "messageId": message_id,
            }]
        }
    });
    (
        StatusCode::CREATED,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn bad_request(why: &str) -> Response {
    (StatusCode::BAD_REQUEST, why.to_owned()).into_response()
}

fn is_e164(number: &str) -> bool {
    number.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

fn rand_id() -> u128 {
    uuid::Uuid::new_v4().as_u128()
}
