//! Development delivery: the message stays in the database, where the development outbox page shows it.

use super::mask::mask_destination;
use super::sender::{QueuedMessage, SendFuture, Sender};

#[derive(Debug, Default, Clone, Copy)]
pub struct LocalSender;

impl Sender for LocalSender {
    fn send<'a>(&'a self, message: &'a QueuedMessage) -> SendFuture<'a> {
        Box::pin(async move {
            // Never the body: it holds one-time codes, which must not reach the log (SECURITY.md, logging).
            tracing::info!(
                id = %message.id,
                channel = message.channel.as_str(),
                purpose = %message.purpose,
                to = %mask_destination(&message.to),
                "message delivered locally; read it at /dev/outbox"
            );
            Ok(())
        })
    }

    fn name(&self) -> &'static str {
        "local"
    }

    fn is_local(&self) -> bool {
        true
    }
}
