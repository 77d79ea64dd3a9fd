//! Reconciliation: a payment whose answer has not come (a lost callback, a person who left the card page) is
//! asked about with the provider's status query on a schedule, so no paid invoice stays unpaid. After the
//! timeout the person is told it is unconfirmed; the asking goes on, less often, for a day.

use std::time::Duration;

use njia_domain::api::payments::{PaymentMethod, PaymentProblem};
use sqlx::Row;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::record::{PaymentRow, find};
use super::settle::{Settlement, settle};
use crate::app::AppState;

/// After this long, reconciliation stops asking and the payment waits for a person (or a late callback).
const GIVE_UP_MS: i64 = 24 * 3600 * 1000;

/// STK result codes that are M-Pesa's last word on a prompt. Anything else (including a code we cannot read)
/// may still turn into a payment, so it is asked about again rather than failed.
const FINAL_FAILURES: [i64; 8] = [1, 1001, 1019, 1025, 1032, 1037, 2001, 9999];

/// What an STK `ResultCode` settles a payment as; `None` when it is not final.
pub(crate) fn stk_settlement(result_code: i64, mpesa_code: Option<String>) -> Option<Settlement> {
    if result_code == 0 {
        return Some(Settlement::Paid {
            mpesa_code,
            card_last4: None,
        });
    }
    FINAL_FAILURES
        .contains(&result_code)
        .then(|| Settlement::Failed {
            problem: PaymentProblem::from_mpesa_result(result_code)
                .unwrap_or(PaymentProblem::Other),
            result_code: Some(result_code),
        })
}

/// Runs [`reconcile_due`] every `check_every_ms` until shutdown.
pub fn spawn_worker(state: AppState, mut shutdown: watch::Receiver<bool>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let pause =
            Duration::from_millis(u64::try_from(state.payments.check_every_ms).unwrap_or(10_000));
        loop {
            if *shutdown.borrow() {
                break;
            }
            if let Err(error) = reconcile_due(&state).await {
                tracing::warn!(%error, "payment reconciliation failed; trying again shortly");
            }
            // After the payments are settled, so a hold whose payment has just gone through is kept.
            if let Err(error) = crate::test_holds::release_expired(&state).await {
                tracing::warn!(%error, "letting go of unpaid test places failed; trying again shortly");
            }
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                changed = shutdown.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
    })
}

/// Asks the provider about every payment due for a check; returns how many it asked about. Tests drive
/// reconciliation with it step by step.
pub async fn reconcile_due(state: &AppState) -> Result<usize, crate::error::ApiError> {
    let now = state.clock.now_ms();
    let ids: Vec<String> = sqlx::query(
        "SELECT id FROM payments WHERE next_check_at IS NOT NULL AND next_check_at <= $1 \
         AND status IN ('pending', 'unconfirmed') ORDER BY next_check_at LIMIT 50",
    )
    .bind(now)
    .fetch_all(&state.db.pool)
    .await?
    .iter()
    .map(|row| row.try_get("id"))
    .collect::<Result<_, _>>()?;
    for id in &ids {
        let Some(payment) = find(&state.db, id).await? else {
            continue;
        };
        // One payment that cannot be settled must not hold up the others: it is asked about again later.
        if let Err(error) = check(state, &payment, now).await {
            tracing::warn!(payment_id = id, %error, "could not reconcile a payment");
            sqlx::query("UPDATE payments SET next_check_at = $1 WHERE id = $2 AND status IN ('pending', 'unconfirmed')")
                .bind(now + state.payments.check_every_ms * 6)
                .bind(id)
                .execute(&state.db.pool)
                .await?;
        }
    }
    Ok(ids.len())
}

async fn check(
    state: &AppState,
    payment: &PaymentRow,
    now: i64,
) -> Result<(), crate::error::ApiError> {
    let payments = &state.payments;
    let answer = match payment.method {
        PaymentMethod::MpesaStk => match (&payments.mpesa, &payment.checkout_request_id) {
            (Some(mpesa), Some(checkout)) => match mpesa.stk_query(checkout).await {
                Ok(njia_daraja::StkQueryStatus::Done(result)) => {
                    stk_settlement(result.result().code(), None)
                }
                Ok(njia_daraja::StkQueryStatus::Pending) => None,
                Err(error) => {
                    tracing::warn!(payment_id = payment.id, %error, "STK status query failed");
                    None
                }
            },
            _ => None,
        },
        PaymentMethod::Card => match (&payments.card, &payment.card_session_id) {
            (Some(card), Some(session)) => match card.get_session(session).await {
                Ok(session) => super::card_settlement(&session, payment.amount_cents),
                Err(error) => {
                    tracing::warn!(payment_id = payment.id, %error, "card session query failed");
                    None
                }
            },
            _ => None,
        },
        PaymentMethod::MpesaPaybill => None,
    };
    let age = now - payment.created_at;
    let settlement = match answer {
        Some(settlement) => settlement,
        None if age >= GIVE_UP_MS => Settlement::Unconfirmed {
            next_check_at: None,
        },
        // A prompt unanswered this long: the person is told to look for an SMS or try again.
        None if age >= payments.timeout_ms && payment.method == PaymentMethod::MpesaStk => {
            Settlement::Unconfirmed {
                next_check_at: Some(now + payments.check_every_ms * 6),
            }
        }
        None => {
            sqlx::query("UPDATE payments SET next_check_at = $1 WHERE id = $2 AND status IN ('pending', 'unconfirmed')")
                .bind(now + payments.check_every_ms)
                .bind(&payment.id)
                .execute(&state.db.pool)
                .await?;
            return Ok(());
        }
    };
    settle(state, &payment.id, settlement).await
}
