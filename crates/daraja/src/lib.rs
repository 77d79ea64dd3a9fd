//! A client for Safaricom's Daraja (M-Pesa) API: the OAuth token (cached), STK push ("Lipa na M-Pesa Online")
//! and its status query, C2B URL registration and simulation, and the types of the bodies Daraja posts back.
//!
//! Secrets (consumer key and secret, passkey, access tokens, the STK password) never appear in `Debug` output,
//! errors or logs.

mod time;
mod types;

use std::fmt;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::Mutex;

pub use time::{timestamp_eat, unix_now};
pub use types::*;

/// Daraja's error code while an STK payment is still undecided ("The transaction is being processed").
pub const PENDING_ERROR_CODE: &str = "500.001.1001";

/// Where Daraja is and who we are to it.
#[derive(Clone)]
pub struct DarajaConfig {
    /// `https://sandbox.safaricom.co.ke` or `https://api.safaricom.co.ke` (or the stand-in).
    pub base_url: String,
    pub consumer_key: String,
    pub consumer_secret: String,
    /// The Paybill or till number (`BusinessShortCode`).
    pub shortcode: String,
    /// The Lipa na M-Pesa Online passkey.
    pub passkey: String,
    /// Our public base URL for Daraja's callbacks (it may carry a secret path segment). The STK callback goes
    /// to `{callback_base_url}/stk`, C2B to `{callback_base_url}/c2b/validation` and `/c2b/confirmation`.
    pub callback_base_url: String,
}

impl fmt::Debug for DarajaConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DarajaConfig")
            .field("base_url", &self.base_url)
            .field("consumer_key", &"<redacted>")
            .field("consumer_secret", &"<redacted>")
            .field("shortcode", &self.shortcode)
            .field("passkey", &"<redacted>")
            .field("callback_base_url", &"<redacted>")
            .finish()
    }
}

/// Everything that can go wrong talking to Daraja.
#[derive(Debug, thiserror::Error)]
pub enum DarajaError {
    /// Daraja takes whole shillings only; the amount was refused before sending.
    #[error("M-Pesa takes whole shillings only: {cents} cents has a fraction of a shilling")]
    AmountHasCents { cents: i64 },
    #[error("the amount must be at least 1 shilling, got {cents} cents")]
    AmountTooSmall { cents: i64 },
    #[error("not a Kenyan mobile number for M-Pesa")]
    InvalidPhone,
    #[error("the account reference must be 1 to 12 characters")]
    InvalidAccountReference,
    #[error("the transaction description must be 1 to 13 characters")]
    InvalidDescription,
    /// The token request was refused (wrong consumer key or secret).
    #[error("Daraja refused our credentials (HTTP {status}, {code})")]
    Auth {
        status: u16,
        code: String,
        message: String,
    },
    /// Daraja answered with its error body.
    #[error("Daraja error {code} (HTTP {status}): {message}")]
    Api {
        status: u16,
        request_id: String,
        code: String,
        message: String,
    },
    /// Daraja answered something we do not understand.
    #[error("unexpected answer from Daraja (HTTP {status}): {excerpt}")]
    Unexpected { status: u16, excerpt: String },
    #[error("could not reach Daraja: {0}")]
    Http(#[from] reqwest::Error),
}

impl DarajaError {
    /// The Daraja error code, if the answer carried one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Auth { code, .. } | Self::Api { code, .. } => Some(code),
            _ => None,
        }
    }
}

/// An STK push to start.
#[derive(Clone, Debug)]
pub struct StkPushRequest {
    /// In cents, as `njia_domain::Money` keeps it; must be whole shillings.
    pub amount_cents: i64,
    /// `07XXXXXXXX`, `01XXXXXXXX`, `+2547…`, `2547…`.
    pub phone: String,
    /// Shown to the customer; at most 12 characters (the invoice's account number).
    pub account_reference: String,
    /// At most 13 characters.
    pub description: String,
}

struct CachedToken {
    value: String,
    valid_until: Instant,
}

/// The Daraja client. Cheap to share behind an `Arc`; the access token is cached inside.
pub struct DarajaClient {
    config: DarajaConfig,
    http: reqwest::Client,
    token: Mutex<Option<CachedToken>>,
}

impl fmt::Debug for DarajaClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DarajaClient")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// The STK `Password`: base64 of shortcode + passkey + timestamp.
pub fn stk_password(shortcode: &str, passkey: &str, timestamp: &str) -> String {
    BASE64.encode(format!("{shortcode}{passkey}{timestamp}"))
}

/// A Kenyan mobile number as Daraja wants it, `2547XXXXXXXX` or `2541XXXXXXXX`.
pub fn normalise_phone(phone: &str) -> Result<String, DarajaError> {
    let digits: String = phone.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let digits = digits.strip_prefix('+').unwrap_or(&digits);
    let national = if let Some(rest) = digits.strip_prefix("254") {
        rest
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest
    } else {
        digits
    };
    let ok = national.len() == 9
        && national.bytes().all(|b| b.is_ascii_digit())
        && matches!(national.as_bytes()[0], b'7' | b'1');
    if ok {
        Ok(format!("254{national}"))
    } else {
        Err(DarajaError::InvalidPhone)
    }
}

/// Cents to whole shillings, refusing fractions and non-positive amounts.
pub fn whole_shillings(cents: i64) -> Result<u64, DarajaError> {
    if cents % 100 != 0 {
        return Err(DarajaError::AmountHasCents { cents });
    }
    if cents < 100 {
        return Err(DarajaError::AmountTooSmall { cents });
    }
    u64::try_from(cents / 100).map_err(|_| DarajaError::AmountTooSmall { cents })
}

impl DarajaClient {
    pub fn new(config: DarajaConfig) -> Result<Self, DarajaError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .build()?;
        Ok(Self {
            config,
            http,
            token: Mutex::new(None),
        })
    }

    pub fn config(&self) -> &DarajaConfig {
        &self.config
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url.trim_end_matches('/'))
    }

    fn callback_url(&self, path: &str) -> String {
        format!(
            "{}{path}",
            self.config.callback_base_url.trim_end_matches('/')
        )
    }

    /// The STK callback URL sent with every push.
    pub fn stk_callback_url(&self) -> String {
        self.callback_url("/stk")
    }

    /// A valid access token: the cached one, or a new one. Concurrent callers wait for one fetch.
    pub async fn access_token(&self) -> Result<String, DarajaError> {
        let mut cached = self.token.lock().await;
        if let Some(token) = cached.as_ref()
            && Instant::now() < token.valid_until
        {
            return Ok(token.value.clone());
        }
        let fetched_at = Instant::now();
        let response = self
            .http
            .get(self.url("/oauth/v1/generate"))
            .query(&[("grant_type", "client_credentials")])
            .basic_auth(
                &self.config.consumer_key,
                Some(&self.config.consumer_secret),
            )
            .send()
            .await?;
        let status = response.status();
        let bytes = response.bytes().await?;
        if !status.is_success() {
            let (code, message) = match serde_json::from_slice::<ErrorBody>(&bytes) {
                Ok(body) => (body.error_code, body.error_message),
                Err(_) => (String::new(), excerpt(&bytes)),
            };
            return Err(DarajaError::Auth {
                status: status.as_u16(),
                code,
                message,
            });
        }
        // The body holds the token: never quote it in an error.
        let body: TokenResponse =
            serde_json::from_slice(&bytes).map_err(|_| DarajaError::Unexpected {
                status: status.as_u16(),
                excerpt: "token response without access_token/expires_in".into(),
            })?;
        let lifetime = body.expires_in.trim().parse::<u64>().unwrap_or(0);
        // Renew a minute early (a tenth early for short lifetimes), so a token never expires in flight.
        let margin = (lifetime / 10).min(60);
        let token = CachedToken {
            value: body.access_token,
            valid_until: fetched_at + Duration::from_secs(lifetime - margin),
        };
        let value = token.value.clone();
        *cached = Some(token);
        Ok(value)
    }

    /// Forget the cached token (Daraja said it is invalid).
    pub async fn forget_token(&self) {
        *self.token.lock().await = None;
    }

    async fn post<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R, DarajaError> {
        let token = self.access_token().await?;
        let response = self
            .http
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await?;
        let status = response.status();
        let bytes = response.bytes().await?;
        if status.is_success()
            && let Ok(parsed) = serde_json::from_slice::<R>(&bytes)
        {
            return Ok(parsed);
        }
        if status == reqwest::StatusCode::UNAUTHORIZED {
            self.forget_token().await;
        }
        match serde_json::from_slice::<ErrorBody>(&bytes) {
            Ok(err) => {
                if err.error_code.starts_with("404.001.03") {
                    // "Invalid Access Token": fetch a new one next time.
                    self.forget_token().await;
                }
                Err(DarajaError::Api {
                    status: status.as_u16(),
                    request_id: err.request_id,
                    code: err.error_code,
                    message: err.error_message,
                })
            }
            Err(_) => Err(DarajaError::Unexpected {
                status: status.as_u16(),
                excerpt: excerpt(&bytes),
            }),
        }
    }

    /// The STK push body for a request at a given time; checks everything Daraja would refuse.
    pub fn stk_push_body(
        &self,
        request: &StkPushRequest,
        unix_seconds: i64,
    ) -> Result<StkPushBody, DarajaError> {
        let amount = whole_shillings(request.amount_cents)?;
        let phone = normalise_phone(&request.phone)?;
        let reference_len = request.account_reference.chars().count();
        if reference_len == 0 || reference_len > 12 {
            return Err(DarajaError::InvalidAccountReference);
        }
        let description_len = request.description.chars().count();
        if description_len == 0 || description_len > 13 {
            return Err(DarajaError::InvalidDescription);
        }
        let timestamp = timestamp_eat(unix_seconds);
        Ok(StkPushBody {
            business_short_code: self.config.shortcode.clone(),
            password: stk_password(&self.config.shortcode, &self.config.passkey, &timestamp),
            timestamp,
            transaction_type: "CustomerPayBillOnline".into(),
            amount,
            party_a: phone.clone(),
            party_b: self.config.shortcode.clone(),
            phone_number: phone,
            callback_url: self.stk_callback_url(),
            account_reference: request.account_reference.clone(),
            transaction_desc: request.description.clone(),
        })
    }

    /// Send an STK push: the customer's phone asks for their PIN; the result arrives at the callback URL.
    pub async fn stk_push(&self, request: &StkPushRequest) -> Result<StkPushResponse, DarajaError> {
        self.stk_push_at(request, unix_now()).await
    }

    /// [`Self::stk_push`] with the timestamp taken from a given Unix time.
    pub async fn stk_push_at(
        &self,
        request: &StkPushRequest,
        unix_seconds: i64,
    ) -> Result<StkPushResponse, DarajaError> {
        let body = self.stk_push_body(request, unix_seconds)?;
        self.post("/mpesa/stkpush/v1/processrequest", &body).await
    }

    /// Ask Daraja what became of an STK push.
    pub async fn stk_query(
        &self,
        checkout_request_id: &str,
    ) -> Result<StkQueryStatus, DarajaError> {
        self.stk_query_at(checkout_request_id, unix_now()).await
    }

    pub async fn stk_query_at(
        &self,
        checkout_request_id: &str,
        unix_seconds: i64,
    ) -> Result<StkQueryStatus, DarajaError> {
        let timestamp = timestamp_eat(unix_seconds);
        let body = StkQueryBody {
            business_short_code: self.config.shortcode.clone(),
            password: stk_password(&self.config.shortcode, &self.config.passkey, &timestamp),
            timestamp,
            checkout_request_id: checkout_request_id.to_owned(),
        };
        match self
            .post::<_, StkQueryResponse>("/mpesa/stkpushquery/v1/query", &body)
            .await
        {
            Ok(response) => Ok(StkQueryStatus::Done(response)),
            Err(DarajaError::Api { code, .. }) if code == PENDING_ERROR_CODE => {
                Ok(StkQueryStatus::Pending)
            }
            Err(other) => Err(other),
        }
    }

    /// Register our C2B validation and confirmation URLs for the shortcode.
    pub async fn c2b_register_urls(
        &self,
        response_type: C2bResponseType,
    ) -> Result<C2bAck, DarajaError> {
        let body = C2bRegisterUrlBody {
            short_code: self.config.shortcode.clone(),
            response_type,
            confirmation_url: self.callback_url("/c2b/confirmation"),
            validation_url: self.callback_url("/c2b/validation"),
        };
        self.post("/mpesa/c2b/v1/registerurl", &body).await
    }

    /// Sandbox only: pretend a customer paid the Paybill with an account number.
    pub async fn c2b_simulate(
        &self,
        amount_cents: i64,
        phone: &str,
        bill_ref_number: &str,
    ) -> Result<C2bAck, DarajaError> {
        let body = C2bSimulateBody {
            short_code: self.config.shortcode.clone(),
            command_id: "CustomerPayBillOnline".into(),
            amount: whole_shillings(amount_cents)?,
            msisdn: normalise_phone(phone)?,
            bill_ref_number: bill_ref_number.to_owned(),
        };
        self.post("/mpesa/c2b/v1/simulate", &body).await
    }
}

/// The start of a body for an error message (never used on bodies that may hold a token).
fn excerpt(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> DarajaClient {
        DarajaClient::new(DarajaConfig {
            base_url: "http://127.0.0.1:9".into(),
            consumer_key: "key".into(),
            consumer_secret: "hunter2".into(),
            shortcode: "174379".into(),
            passkey: "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919".into(),
            callback_base_url: "https://example.test/cb/s3cret/".into(),
        })
        .expect("client")
    }

    #[test]
    fn password_matches_daraja_docs_example() {
        assert_eq!(
            stk_password(
                "174379",
                "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
                "20160216165627"
            ),
            "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMTYwMjE2MTY1NjI3"
        );
    }

    #[test]
    fn phones() {
        for ok in [
            "0712345678",
            "+254712345678",
            "254712345678",
            "712345678",
            "0112345678",
            "0712 345 678",
        ] {
            let n = normalise_phone(ok).expect(ok);
            assert_eq!(n.len(), 12, "{ok}");
            assert!(n.starts_with("254"));
        }
        for bad in ["", "0212345678", "07123456789", "07123456a8", "+1 555 0100"] {
            assert!(normalise_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts() {
        assert_eq!(whole_shillings(65_000).expect("whole"), 650);
        assert!(matches!(
            whole_shillings(65_050),
            Err(DarajaError::AmountHasCents { cents: 65_050 })
        ));
        assert!(matches!(
            whole_shillings(0),
            Err(DarajaError::AmountTooSmall { .. })
        ));
        assert!(matches!(
            whole_shillings(-100),
            Err(DarajaError::AmountTooSmall { .. })
        ));
    }

    #[test]
    fn push_body_uses_daraja_names() {
        let request = StkPushRequest {
            amount_cents: 305_000,
            phone: "0712345678".into(),
            account_reference: "NJ-ABC12345".into(),
            description: "Smart DL".into(),
        };
        let body = client()
            .stk_push_body(&request, 1_704_056_400)
            .expect("valid");
        let json = serde_json::to_value(&body).expect("serialises");
        assert_eq!(json["BusinessShortCode"], "174379");
        assert_eq!(json["Timestamp"], "20240101000000");
        assert_eq!(
            json["Password"],
            stk_password("174379", &client().config.passkey, "20240101000000")
        );
        assert_eq!(json["TransactionType"], "CustomerPayBillOnline");
        assert_eq!(json["Amount"], 3050);
        assert_eq!(json["PartyA"], "254712345678");
        assert_eq!(json["PartyB"], "174379");
        assert_eq!(json["PhoneNumber"], "254712345678");
        assert_eq!(json["CallBackURL"], "https://example.test/cb/s3cret/stk");
        assert_eq!(json["AccountReference"], "NJ-ABC12345");
        assert_eq!(json["TransactionDesc"], "Smart DL");
        assert_eq!(json.as_object().map(|o| o.len()), Some(11));
    }

    #[test]
    fn push_body_refuses_long_reference() {
        let request = StkPushRequest {
            amount_cents: 100,
            phone: "0712345678".into(),
            account_reference: "1234567890123".into(),
            description: "x".into(),
        };
        assert!(matches!(
            client().stk_push_body(&request, 0),
            Err(DarajaError::InvalidAccountReference)
        ));
    }

    #[test]
    fn debug_hides_secrets() {
        let shown = format!("{:?}", client());
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(!shown.contains("bfb279"), "{shown}");
    }
}
