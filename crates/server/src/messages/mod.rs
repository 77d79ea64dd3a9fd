//! Outgoing SMS and email. A message is a row in the `outbox` table, written in the same transaction as
//! the change that causes it; a worker delivers it with retries, so a crash loses none and a retry after a
//! commit sends none twice.
//!
//! To send: `enqueue(&mut *tx, &message, now)` inside the transaction, commit, then `state.outbox.notify()`.

mod africastalking;
mod config;
mod local;
mod mask;
mod outbox;
mod sender;
mod smtp;
mod store;
mod worker;

pub use africastalking::{AfricasTalkingSender, ApiKey};
pub use config::MessagesConfig;
pub use local::LocalSender;
pub use mask::mask_destination;
pub use outbox::Outbox;
pub use sender::{QueuedMessage, SendError, SendFuture, Sender};
pub use smtp::SmtpSender;
pub use store::{Message, StoredMessage, enqueue, find, recent};
pub use worker::{MAX_ATTEMPTS, deliver_due, retry_delay_ms, spawn_worker};
