//! Email over SMTP with lettre's async transport and rustls, configured by one URL
//! (`smtps://user:password@host:465`, `smtp://user:password@host:587?tls=required`, or plain `smtp://host:25`).

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::sender::{QueuedMessage, SendError, SendFuture, Sender};

/// The subject of a message that has none of its own.
const DEFAULT_SUBJECT: &str = "Njia";

pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpSender {
    /// `from` is a mailbox such as `Njia <no-reply@njia.example.go.ke>`.
    pub fn from_url(url: &str, from: &str) -> anyhow::Result<SmtpSender> {
        // The URL holds the SMTP password: errors name the setting, never quote the value.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| {
                anyhow::anyhow!(
                    "NJIA_SMTP_URL is not a usable SMTP URL (smtp://, smtp://…?tls=required or smtps://)"
                )
            })?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| anyhow::anyhow!("NJIA_EMAIL_FROM is not an email address ({e})"))?;
        Ok(SmtpSender { transport, from })
    }

    async fn deliver(&self, message: &QueuedMessage) -> Result<(), SendError> {
        let to = message.to.parse::<Mailbox>().map_err(|_| {
            SendError::Permanent("the destination is not a valid email address".into())
        })?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.as_deref().unwrap_or(DEFAULT_SUBJECT))
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| SendError::Permanent(format!("the email could not be built: {e}")))?;
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| classify(&e))
    }
}

impl Sender for SmtpSender {
    fn send<'a>(&'a self, message: &'a QueuedMessage) -> SendFuture<'a> {
        Box::pin(self.deliver(message))
    }

    fn name(&self) -> &'static str {
        "smtp"
    }
}

/// 4xx replies and network trouble are retried; 5xx replies are permanent (RFC 5321 §4.2.1), except the
/// authentication ones, which mean our login is wrong. Only the reply code is kept: the server's text can
/// quote the recipient's address.
fn classify(error: &SmtpError) -> SendError {
    if let Some(code) = error.status() {
        let code = u16::from(code);
        return match code {
            // 530 authentication required, 534 mechanism too weak, 535 credentials invalid.
            530 | 534 | 535 => {
                SendError::Configuration(format!("SMTP server refused our login ({code})"))
            }
            500..=599 => SendError::Permanent(format!("SMTP server refused the message ({code})")),
            _ => SendError::Retryable(format!("SMTP server deferred the message ({code})")),
        };
    }
    if error.is_tls() {
        return SendError::Configuration("SMTP: TLS failed (check NJIA_SMTP_URL)".into());
    }
    if error.is_timeout() {
        return SendError::Retryable("SMTP: timed out".into());
    }
    if error.is_response() {
        return SendError::Retryable("SMTP: the server's reply could not be read".into());
    }
    SendError::Retryable("SMTP: could not connect or the connection failed".into())
}
