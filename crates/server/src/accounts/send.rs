//! Sending codes and notices: the code (or notice) and the outbox row that carries it are written in one
//! transaction, then the delivery worker is woken.

use njia_domain::api::accounts::{Channel, CodeSent};

use super::codes::{self, Purpose};
use super::store::User;
use super::texts;
use crate::app::AppState;
use crate::error::ApiError;
use crate::messages::{self, Message};

/// The host of the public URL, for the origin-bound SMS line.
fn host(state: &AppState) -> String {
    let url = &state.config.public_url;
    let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
    after_scheme
        .split(['/', ':'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Sends a code for `purpose` to `destination` (the account's own contact, or a new one being confirmed),
/// within the resend limits.
pub async fn code(
    state: &AppState,
    user: &User,
    purpose: Purpose,
    channel: Channel,
    destination: &str,
) -> Result<CodeSent, ApiError> {
    let now = state.clock.now_ms();
    if let Err(limit) = codes::may_send(&state.db, &user.id, purpose, now).await? {
        return Err(ApiError::Throttled {
            code: "resend_too_soon",
            retry_after_secs: limit.retry_after_secs,
        });
    }
    let lifetime = purpose.lifetime_secs(channel);
    let mut tx = state.db.begin().await?;
    let code = codes::issue(
        &mut tx,
        &state.secret,
        &user.id,
        purpose,
        channel,
        destination,
        now,
    )
    .await?;
    let minutes = lifetime / 60;
    let (subject, body) = match channel {
        Channel::Sms => (None, texts::code_sms(purpose, &code, minutes, &host(state))),
        Channel::Email => (
            Some(texts::code_subject(purpose).to_string()),
            texts::code_email(purpose, &code, minutes),
        ),
    };
    let message = Message {
        channel,
        to: destination.to_string(),
        subject,
        body,
        purpose: purpose.as_str(),
    };
    messages::enqueue(&mut tx, &message, now).await?;
    tx.commit().await?;
    state.outbox.notify();
    Ok(CodeSent {
        channel,
        destination: messages::mask_destination(destination),
        expires_in_seconds: lifetime as u64,
        resend_after_seconds: codes::RESEND_AFTER_SECS as u64,
    })
}

/// Queues a notice of `action` to each of `destinations`, inside the caller's transaction.
pub async fn notices(
    conn: &mut sqlx::AnyConnection,
    action: &'static str,
    destinations: &[(Channel, &str)],
    now: i64,
) -> sqlx::Result<()> {
    let (subject, body) = texts::notice(action);
    for (channel, to) in destinations {
        let subject = (*channel == Channel::Email).then(|| subject.to_string());
        let message = Message {
            channel: *channel,
            to: to.to_string(),
            subject,
            body: body.clone(),
            purpose: action,
        };
        messages::enqueue(&mut *conn, &message, now).await?;
    }
    Ok(())
}
