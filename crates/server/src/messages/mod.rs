//! Outgoing SMS and email. A message is a row in the `outbox` table, written in the same transaction as
//! the change that causes it; a worker delivers it with retries, so a crash loses none and a retry after a
//! commit sends none twice.

mod config;

pub use config::MessagesConfig;
