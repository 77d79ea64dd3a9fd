//! SMS through Africa's Talking's bulk SMS API (`POST {base}/version1/messaging`), one recipient a request.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, HeaderValue};
use serde::Deserialize;

use super::sender::{QueuedMessage, SendError, SendFuture, Sender};

/// The API key. Its `Debug` prints `***`, so no log line or error message can carry it.
#[derive(Clone)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> ApiKey {
        ApiKey(key.into())
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[derive(Debug)]
pub struct AfricasTalkingSender {
    client: reqwest::Client,
    endpoint: String,
    username: String,
    api_key: HeaderValue,
    sender_id: Option<String>,
}

impl AfricasTalkingSender {
    /// `base_url` is e.g. `https://api.africastalking.com` or the sandbox's; `sender_id` the registered
    /// alphanumeric sender ID or short code, if any (without one, Africa's Talking picks its shared one).
    pub fn new(
        base_url: &str,
        username: impl Into<String>,
        api_key: ApiKey,
        sender_id: Option<String>,
    ) -> anyhow::Result<AfricasTalkingSender> {
        let mut api_key = HeaderValue::from_str(&api_key.0).map_err(|_| {
            anyhow::anyhow!("the Africa's Talking API key holds characters a header cannot")
        })?;
        // reqwest then prints the header as `Sensitive` in its own debug output.
        api_key.set_sensitive(true);
        // A code is worth sending only for a few minutes; a hung connection must not hold the worker longer.
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .build()?;
        Ok(AfricasTalkingSender {
            client,
            endpoint: format!("{}/version1/messaging", base_url.trim_end_matches('/')),
            username: username.into(),
            api_key,
            sender_id,
        })
    }

    async fn deliver(&self, message: &QueuedMessage) -> Result<(), SendError> {
        let mut form = vec![
            ("username", self.username.as_str()),
            ("to", message.to.as_str()),
            ("message", message.body.as_str()),
        ];
        if let Some(from) = &self.sender_id {
            form.push(("from", from.as_str()));
        }
        let response = self
            .client
            .post(&self.endpoint)
            .header(ACCEPT, "application/json")
            .header("apiKey", self.api_key.clone())
            .form(&form)
            .send()
            .await
            .map_err(|e| unreachable_service(&e))?;
        let status = response.status();
        match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                return Err(SendError::Configuration(format!(
                    "Africa's Talking refused the username or API key (HTTP {})",
                    status.as_u16()
                )));
            }
            StatusCode::REQUEST_TIMEOUT | StatusCode::TOO_MANY_REQUESTS => {
                return Err(SendError::Retryable(format!(
                    "Africa's Talking is busy (HTTP {})",
                    status.as_u16()
                )));
            }
            s if s.is_server_error() => {
                return Err(SendError::Retryable(format!(
                    "Africa's Talking failed (HTTP {})",
                    s.as_u16()
                )));
            }
            // Other 4xx: the request itself is wrong, and sending it again would not change that. The body
            // is not quoted: it may echo the number or the message.
            s if !s.is_success() => {
                return Err(SendError::Permanent(format!(
                    "Africa's Talking rejected the request (HTTP {})",
                    s.as_u16()
                )));
            }
            _ => {}
        }
        // Accepted but unreadable: it may well have gone out, so it is not sent again.
        let answer: SendAnswer = response.json().await.map_err(|_| {
            SendError::Permanent(format!(
                "Africa's Talking answered HTTP {} with a body that is not the documented JSON; not retried, \
                 as the SMS may have been sent",
                status.as_u16()
            ))
        })?;
        let Some(recipient) = answer.data.recipients.first() else {
            // No recipient at all: the whole request was refused, e.g. "InvalidSenderId".
            return Err(SendError::Permanent(format!(
                "Africa's Talking sent to nobody: {}",
                clip(&answer.data.message)
            )));
        };
        let outcome = classify_recipient(recipient.status_code, &recipient.status);
        if outcome.is_ok() {
            tracing::debug!(
                id = %message.id,
                provider_id = ?recipient.message_id,
                "accepted by Africa's Talking"
            );
        }
        outcome
    }
}

impl Sender for AfricasTalkingSender {
    fn send<'a>(&'a self, message: &'a QueuedMessage) -> SendFuture<'a> {
        Box::pin(self.deliver(message))
    }

    fn name(&self) -> &'static str {
        "africastalking"
    }
}

/// What a recipient's `statusCode` means for retrying.
///
/// | code | status | outcome |
/// |---|---|---|
/// | 100 | Processed | sent |
/// | 101 | Sent | sent |
/// | 102 | Queued | sent (Africa's Talking delivers it) |
/// | 401 | RiskHold | permanent: held by their fraud checks |
/// | 402 | InvalidSenderId | permanent: the sender ID is not registered for this route (fix the configuration) |
/// | 403 | InvalidPhoneNumber | permanent |
/// | 404 | UnsupportedNumberType | permanent (e.g. a landline) |
/// | 405 | InsufficientBalance | configuration: retried, so SMS go out once the account is topped up |
/// | 406 | UserInBlacklist | permanent: the person opted out |
/// | 407 | CouldNotRoute | permanent: no route to that network |
/// | 409 | DoNotDisturbRejection | permanent: the person's do-not-disturb setting; minutes later it is the same |
/// | 500 | InternalServerError | retryable |
/// | 501 | GatewayError | retryable |
/// | 502 | RejectedByGateway | retryable: the operator's gateway refused it this time |
/// | other | | retryable, bounded by the worker's attempt limit |
fn classify_recipient(status_code: u16, status: &str) -> Result<(), SendError> {
    let status = clip(status);
    match status_code {
        100..=102 => Ok(()),
        401..=404 | 406 | 407 | 409 => Err(SendError::Permanent(format!(
            "Africa's Talking: {status} ({status_code})"
        ))),
        405 => Err(SendError::Configuration(format!(
            "Africa's Talking: {status} ({status_code}); top up the account"
        ))),
        _ => Err(SendError::Retryable(format!(
            "Africa's Talking: {status} ({status_code})"
        ))),
    }
}

fn unreachable_service(error: &reqwest::Error) -> SendError {
    let what = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "the connection failed"
    };
    SendError::Retryable(format!("Africa's Talking: {what}"))
}

/// Provider text is stored and logged: keep it short and on one line.
fn clip(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(120).collect()
}

#[derive(Deserialize)]
struct SendAnswer {
    #[serde(rename = "SMSMessageData")]
    data: MessageData,
}

#[derive(Deserialize)]
struct MessageData {
    #[serde(rename = "Message", default)]
    message: String,
    #[serde(rename = "Recipients", default)]
    recipients: Vec<Recipient>,
}

#[derive(Deserialize)]
struct Recipient {
    #[serde(rename = "statusCode")]
    status_code: u16,
    #[serde(default)]
    status: String,
    #[serde(rename = "messageId", default)]
    message_id: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn success_codes_are_sent_and_failures_are_told_apart() {
        for code in [100, 101, 102] {
            assert_eq!(classify_recipient(code, "Success"), Ok(()));
        }
        for code in [401, 402, 403, 404, 406, 407, 409] {
            assert!(
                matches!(classify_recipient(code, "x"), Err(SendError::Permanent(_))),
                "{code}"
            );
        }
        assert!(matches!(
            classify_recipient(405, "InsufficientBalance"),
            Err(SendError::Configuration(_))
        ));
        for code in [500, 501, 502, 999] {
            assert!(
                matches!(classify_recipient(code, "x"), Err(SendError::Retryable(_))),
                "{code}"
            );
        }
    }

    #[test]
    fn the_api_key_never_prints() {
        let key = ApiKey::new("atsk_0123456789");
        assert_eq!(format!("{key:?}"), "***");
        let sender =
            AfricasTalkingSender::new("http://127.0.0.1:1/", "sandbox", key, None).unwrap();
        assert!(!format!("{sender:?}").contains("atsk_0123456789"));
        assert_eq!(sender.endpoint, "http://127.0.0.1:1/version1/messaging");
    }

    #[test]
    fn the_documented_answer_parses() {
        let answer: SendAnswer = serde_json::from_str(
            r#"{"SMSMessageData":{"Message":"Sent to 1/1 Total Cost: KES 0.8000","Recipients":[{"statusCode":101,"number":"+254711XXXYYY","status":"Success","cost":"KES 0.8000","messageId":"ATPid_SampleTxnId123"}]}}"#,
        )
        .unwrap();
        assert_eq!(answer.data.recipients[0].status_code, 101);
        assert_eq!(
            answer.data.recipients[0].message_id.as_deref(),
            Some("ATPid_SampleTxnId123")
        );
    }
}
