//! What the worker hands a sender, and how a sender says it failed.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use njia_domain::api::accounts::Channel;

use super::mask::mask_destination;

/// A message taken from the outbox for one delivery try.
#[derive(Clone)]
pub struct QueuedMessage {
    pub id: String,
    pub channel: Channel,
    /// E.164 phone number or email address.
    pub to: String,
    pub subject: Option<String>,
    pub body: String,
    pub purpose: String,
    /// Tries made before this one.
    pub attempts: i64,
}

// Bodies hold one-time codes and destinations are personal data: a `{:?}` in a log line must show neither.
impl fmt::Debug for QueuedMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueuedMessage")
            .field("id", &self.id)
            .field("channel", &self.channel)
            .field("to", &mask_destination(&self.to))
            .field("purpose", &self.purpose)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// Why a delivery failed, as far as retrying is concerned. The text is stored in `outbox.last_error` and
/// logged, so it never holds the body, the full destination or a credential.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth another try later: the service is down, slow or busy.
    #[error("{0}")]
    Retryable(String),
    /// Another try would fail the same way: the destination is invalid, blocked or unreachable.
    #[error("{0}")]
    Permanent(String),
    /// Our side is wrong (API key, sender ID, SMTP login, account balance). Retried, because fixing the
    /// configuration or topping up fixes it, but logged as an error so an operator sees it.
    #[error("{0}")]
    Configuration(String),
}

impl SendError {
    pub fn is_retryable(&self) -> bool {
        !matches!(self, SendError::Permanent(_))
    }
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>>;

/// Delivers messages of one channel. Boxed futures keep the trait usable as `dyn Sender`, so the outbox can
/// hold whichever sender the configuration picks and tests can put in their own.
pub trait Sender: Send + Sync + 'static {
    /// One delivery try. `Ok` means the provider accepted the message.
    fn send<'a>(&'a self, message: &'a QueuedMessage) -> SendFuture<'a>;

    /// A short name for logs, e.g. `africastalking`.
    fn name(&self) -> &'static str;

    /// Whether this sender only keeps messages in the database (development), rather than sending them.
    fn is_local(&self) -> bool {
        false
    }
}
