//! The delivery worker: claims due messages, hands each to its channel's sender, and records the outcome,
//! retrying with growing delays. Several server instances may run it against one database: a claim (a
//! `claimed_until` in the future, taken by a conditional `UPDATE`) lets only one of them send a row.
//!
//! Delivery is at least once: a message is recorded as sent only after the provider accepted it, so an
//! instance that dies between the two sends it again once its claim runs out. Claims outlast the senders'
//! timeouts, so that happens only after a crash, never because a provider was slow.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::mask::mask_destination;
use super::outbox::Outbox;
use super::sender::{QueuedMessage, SendError};
use super::store;
use crate::clock::{Clock, SharedClock};
use crate::db::Db;

/// Tries before a message is given up. With the delays below the last try is about 10 minutes after the
/// first: as long as an SMS code stays valid.
pub const MAX_ATTEMPTS: i64 = 8;
/// Delay after the first failed try; it doubles after each one.
const FIRST_RETRY_MS: i64 = 5_000;
const MAX_RETRY_MS: i64 = 10 * 60_000;
/// How long a claim holds a row: well beyond a sender's 30-second timeout.
const CLAIM_MS: i64 = 2 * 60_000;
/// Rows read per query; a pass reads again while batches come back full.
const BATCH: i64 = 20;
/// Messages are normally sent when `Outbox::notify` rings; the poll catches retries that fall due and
/// messages enqueued by other instances.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// Runs the worker until `shutdown` turns true (or its sender is dropped). A message being sent when that
/// happens is finished and recorded first, so stopping never leaves a sent message unrecorded.
pub fn spawn_worker(
    db: Db,
    outbox: Arc<Outbox>,
    clock: SharedClock,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if *shutdown.borrow() {
                break;
            }
            let stopping = || *shutdown.borrow();
            if let Err(error) = run_pass(&db, &outbox, clock.as_ref(), &stopping).await {
                tracing::warn!(%error, "message worker: database error; trying again shortly");
            }
            tokio::select! {
                () = outbox.notified() => {}
                () = tokio::time::sleep(POLL_INTERVAL) => {}
                changed = shutdown.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
        tracing::debug!("message worker stopped");
    })
}

/// One pass of the worker: tries every message that is due now and returns how many it tried. Tests drive
/// delivery with it step by step.
pub async fn deliver_due(db: &Db, outbox: &Outbox, clock: &dyn Clock) -> sqlx::Result<usize> {
    run_pass(db, outbox, clock, &|| false).await
}

/// The delay before the next try, after `attempts` failed ones: 5 s, 10 s, 20 s … at most 10 minutes.
pub fn retry_delay_ms(attempts: i64) -> i64 {
    let doublings = (attempts - 1).clamp(0, 20);
    (FIRST_RETRY_MS << doublings).min(MAX_RETRY_MS)
}

async fn run_pass(
    db: &Db,
    outbox: &Outbox,
    clock: &dyn Clock,
    stopping: &(dyn Fn() -> bool + Sync),
) -> sqlx::Result<usize> {
    let mut tried = 0;
    loop {
        let batch = store::due(&db.pool, clock.now_ms(), BATCH).await?;
        let full = batch.len() as i64 == BATCH;
        let mut claimed = 0;
        for message in batch {
            if stopping() {
                return Ok(tried);
            }
            // Claimed one at a time, just before sending, so an instance never sits on rows that another
            // could be sending meanwhile.
            let now = clock.now_ms();
            let claim = now + CLAIM_MS;
            if !store::claim(&db.pool, &message.id, now, claim).await? {
                continue;
            }
            claimed += 1;
            deliver(db, outbox, clock, message.into(), claim).await?;
            tried += 1;
        }
        if !full || claimed == 0 {
            return Ok(tried);
        }
    }
}

async fn deliver(
    db: &Db,
    outbox: &Outbox,
    clock: &dyn Clock,
    message: QueuedMessage,
    claim: i64,
) -> sqlx::Result<()> {
    let sender = outbox.sender(message.channel);
    let outcome = sender.send(&message).await;
    let now = clock.now_ms();
    let attempt = message.attempts + 1;
    let (id, channel, purpose) = (&message.id, message.channel.as_str(), &message.purpose);
    let error = match outcome {
        Ok(()) => {
            record_sent(db, id, now).await?;
            tracing::info!(
                %id,
                channel,
                %purpose,
                to = %mask_destination(&message.to),
                sender = sender.name(),
                attempt,
                "message sent"
            );
            return Ok(());
        }
        Err(error) => error,
    };
    let give_up = !error.is_retryable() || attempt >= MAX_ATTEMPTS;
    let next_attempt_at = (!give_up).then(|| now + retry_delay_ms(attempt));
    let text = error.to_string();
    let recorded = store::mark_failed_try(&db.pool, id, claim, now, &text, next_attempt_at).await?;
    if !recorded {
        tracing::warn!(
            %id,
            "message worker: the claim ran out while sending; another worker has the message"
        );
    }
    let sender = sender.name();
    let retry_in_ms = next_attempt_at.map(|at| at - now);
    if matches!(error, SendError::Configuration(_)) {
        tracing::error!(
            %id, channel, %purpose, sender, attempt, error = %text, ?retry_in_ms,
            "message not sent: the sender's configuration or account needs attention"
        );
    } else if give_up {
        tracing::warn!(%id, channel, %purpose, sender, attempt, error = %text, "message given up");
    } else {
        tracing::warn!(
            %id, channel, %purpose, sender, attempt, error = %text, ?retry_in_ms,
            "message not sent; will retry"
        );
    }
    Ok(())
}

/// The message went out: recording that must not fail on a passing database hiccup, or the row would be
/// sent again when its claim runs out.
async fn record_sent(db: &Db, id: &str, now: i64) -> sqlx::Result<()> {
    let mut tries = 0;
    loop {
        match store::mark_sent(&db.pool, id, now).await {
            Ok(()) => return Ok(()),
            Err(error) if tries < 3 => {
                tries += 1;
                tracing::warn!(%id, %error, "could not record a sent message; trying again");
                tokio::time::sleep(Duration::from_millis(250 * tries)).await;
            }
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_ten_minutes() {
        let delays: Vec<i64> = (1..=MAX_ATTEMPTS).map(retry_delay_ms).collect();
        assert_eq!(
            delays,
            [
                5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000
            ]
        );
        assert_eq!(retry_delay_ms(60), MAX_RETRY_MS);
        assert_eq!(retry_delay_ms(0), FIRST_RETRY_MS);
    }
}
