//! A client for a card payment gateway with a hosted checkout page, in the style of Stripe Checkout and
//! Pesapal: we create a checkout session for an amount, send the person to the gateway's page, and once the
//! gateway sends them back we ask it what became of the session. The card itself never touches our server.
//!
//! The wire protocol is JSON over HTTP with amounts in integer cents and the currency `KES`:
//! `POST /v1/checkout/sessions` and `GET /v1/checkout/sessions/{id}`, both with `Authorization: Bearer
//! {secret_key}`; errors are `{"error": {"code", "message"}}`. `crates/card-standin` plays the gateway.
//!
//! The secret key never appears in `Debug` output, errors or logs.

mod types;

use std::fmt;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use types::*;

/// The only currency the gateway takes here.
pub const CURRENCY: &str = "KES";

/// The placeholder the gateway replaces with the session id when it sends the person back to
/// `success_url` or `cancel_url`, as in `…/card-return?session_id={CHECKOUT_SESSION_ID}`.
pub const SESSION_ID_PLACEHOLDER: &str = "{CHECKOUT_SESSION_ID}";

/// The gateway refuses less than this (1 shilling).
pub const MIN_AMOUNT_CENTS: i64 = 100;

/// The gateway refuses a longer reference.
pub const MAX_REFERENCE_CHARS: usize = 40;

/// Where the gateway is and the key it knows us by.
#[derive(Clone)]
pub struct CardConfig {
    /// The gateway's API root, for example `https://gateway.example` (or the stand-in).
    pub base_url: String,
    /// The secret API key, sent as a Bearer token.
    pub secret_key: String,
}

impl fmt::Debug for CardConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardConfig")
            .field("base_url", &self.base_url)
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

/// Everything that can go wrong talking to the gateway.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    /// A session id with characters other than `[A-Za-z0-9_]` (or empty): refused before it could change
    /// the meaning of the URL it would go into. Ids come back to us in a redirect's query string, so anyone
    /// can send us any text as one.
    #[error("not a checkout session id")]
    InvalidSessionId,
    /// The gateway answered with its error body: 401 `invalid_api_key`, 404 `no_such_session`,
    /// 422 `invalid_request`, …
    #[error("card gateway error {code} (HTTP {status}): {message}")]
    Api {
        status: u16,
        code: String,
        message: String,
    },
    /// The gateway answered something we do not understand.
    #[error("unexpected answer from the card gateway (HTTP {status}): {excerpt}")]
    Unexpected { status: u16, excerpt: String },
    #[error("could not reach the card gateway: {0}")]
    Http(#[from] reqwest::Error),
}

impl CardError {
    /// The gateway's error code, if the answer carried one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The gateway does not know the session (404 `no_such_session`).
    pub fn is_no_such_session(&self) -> bool {
        matches!(self, Self::Api { status: 404, .. }) || self.code() == Some("no_such_session")
    }
}

/// A checkout session to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSession {
    /// In cents, as `njia_domain::Money` keeps it; at least [`MIN_AMOUNT_CENTS`].
    pub amount_cents: i64,
    /// Ours, shown on the gateway's page and echoed back (the invoice's account number); 1 to 40 characters.
    pub reference: String,
    /// Shown on the gateway's page, for example "Driving licence renewal".
    pub description: String,
    /// Absolute URL the person comes back to after paying (or after a decline: we confirm server-side either
    /// way). May hold [`SESSION_ID_PLACEHOLDER`].
    pub success_url: String,
    /// Absolute URL the person comes back to if they cancel. May hold [`SESSION_ID_PLACEHOLDER`].
    pub cancel_url: String,
}

/// `POST /v1/checkout/sessions`'s body: the session and the currency.
#[derive(Serialize)]
struct CreateBody<'a> {
    amount_cents: i64,
    currency: &'a str,
    reference: &'a str,
    description: &'a str,
    success_url: &'a str,
    cancel_url: &'a str,
}

/// The gateway client. Cheap to share behind an `Arc`.
pub struct CardGateway {
    config: CardConfig,
    http: reqwest::Client,
}

impl fmt::Debug for CardGateway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardGateway")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// Whether `id` can go into a URL path as one segment: `[A-Za-z0-9_]`, 1 to 255 characters.
pub fn is_valid_session_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 255 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl CardGateway {
    pub fn new(config: CardConfig) -> Result<Self, CardError> {
        // As the Daraja client: a person is waiting on the other end, so fail in seconds, not minutes.
        // No redirects: an API answer that redirects is not one we understand.
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self { config, http })
    }

    pub fn config(&self) -> &CardConfig {
        &self.config
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url.trim_end_matches('/'))
    }

    /// Create a checkout session; send the person to its [`Session::url`].
    pub async fn create_session(&self, session: &NewSession) -> Result<Session, CardError> {
        let body = CreateBody {
            amount_cents: session.amount_cents,
            currency: CURRENCY,
            reference: &session.reference,
            description: &session.description,
            success_url: &session.success_url,
            cancel_url: &session.cancel_url,
        };
        let request = self
            .http
            .post(self.url("/v1/checkout/sessions"))
            .bearer_auth(&self.config.secret_key)
            .json(&body);
        self.send(request).await
    }

    /// What became of a checkout session. Call it when the person comes back, whatever the return URL says:
    /// only the gateway's answer to us is proof of payment.
    pub async fn get_session(&self, id: &str) -> Result<Session, CardError> {
        if !is_valid_session_id(id) {
            return Err(CardError::InvalidSessionId);
        }
        let request = self
            .http
            .get(self.url(&format!("/v1/checkout/sessions/{id}")))
            .bearer_auth(&self.config.secret_key);
        self.send(request).await
    }

    async fn send<R: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<R, CardError> {
        let response = request.send().await?;
        let status = response.status();
        let bytes = response.bytes().await?;
        if status.is_success() {
            return serde_json::from_slice::<R>(&bytes).map_err(|_| CardError::Unexpected {
                status: status.as_u16(),
                excerpt: excerpt(&bytes),
            });
        }
        match serde_json::from_slice::<ErrorEnvelope>(&bytes) {
            Ok(envelope) => Err(CardError::Api {
                status: status.as_u16(),
                code: envelope.error.code,
                message: envelope.error.message,
            }),
            Err(_) => Err(CardError::Unexpected {
                status: status.as_u16(),
                excerpt: excerpt(&bytes),
            }),
        }
    }
}

/// The start of a body for an error message. The gateway's answers never hold our key, so quoting them is
/// safe; they are cut short so a stray HTML error page does not flood the logs.
fn excerpt(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gateway() -> CardGateway {
        CardGateway::new(CardConfig {
            base_url: "http://127.0.0.1:9/".into(),
            secret_key: "sk_live_hunter2".into(),
        })
        .expect("client")
    }

    #[test]
    fn debug_hides_the_key() {
        let shown = format!("{:?}", gateway());
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("127.0.0.1:9"), "{shown}");
    }

    #[test]
    fn urls_do_not_double_the_slash() {
        assert_eq!(
            gateway().url("/v1/checkout/sessions"),
            "http://127.0.0.1:9/v1/checkout/sessions"
        );
    }

    #[test]
    fn session_ids() {
        for ok in [
            "cs_abc123",
            "CS_0",
            "a",
            "cs_0123456789abcdef0123456789abcdef",
        ] {
            assert!(is_valid_session_id(ok), "{ok}");
        }
        for bad in [
            "",
            "../v1/x",
            "cs_1/2",
            "cs 1",
            "cs-1",
            "cs_1?x=1",
            "cs_%2F",
            "ćś",
            &"a".repeat(256),
        ] {
            assert!(!is_valid_session_id(bad), "{bad}");
        }
    }

    #[tokio::test]
    async fn a_bad_id_is_refused_before_sending() {
        // Port 9 (discard) would fail to connect: the error proves nothing was sent.
        let error = gateway()
            .get_session("../../admin")
            .await
            .expect_err("refused");
        assert!(matches!(error, CardError::InvalidSessionId), "{error:?}");
    }
}
