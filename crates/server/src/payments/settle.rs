//! The one place a payment changes status. Every change is a conditional update from the statuses it may
//! come from (`PaymentStatus::may_become`), so a repeated or late answer changes nothing, and the invoice is
//! marked paid only while it is still pending: a second payment that arrives for a paid invoice is kept as
//! `refund_due`, never lost and never counted twice.

use njia_domain::api::applications::ApplicationStatus;
use njia_domain::api::payments::{PaymentProblem, PaymentStatus};
use sqlx::Row;

use crate::app::AppState;
use crate::messages::{self, Message};
use njia_domain::api::accounts::Channel;

/// What a provider said about a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    Paid {
        mpesa_code: Option<String>,
        card_last4: Option<String>,
    },
    Failed {
        problem: PaymentProblem,
        result_code: Option<i64>,
    },
    /// No answer in the time allowed; reconciliation keeps asking until `next_check_at` is `None`.
    Unconfirmed { next_check_at: Option<i64> },
    /// Money taken that cannot pay the invoice (another amount): kept, to be refunded.
    RefundDue,
}

/// The statuses a payment may be in for `to` to apply.
fn from_statuses(to: PaymentStatus) -> Vec<&'static str> {
    PaymentStatus::ALL
        .into_iter()
        .filter(|from| from.may_become(to))
        .map(PaymentStatus::as_str)
        .collect()
}

fn in_list(statuses: &[&str]) -> String {
    statuses
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A receipt number such as `RN-4K7Q-X2PM`, from the references' unambiguous alphabet.
fn new_receipt_number() -> String {
    let body = crate::accounts::secret::random_reference_body();
    format!("RN-{}-{}", &body[..4], &body[4..])
}

/// Applies what the provider said; an answer that comes too late to matter changes nothing.
pub async fn settle(
    state: &AppState,
    payment_id: &str,
    settlement: Settlement,
) -> Result<(), crate::error::ApiError> {
    let now = state.clock.now_ms();
    let mut tx = state.db.begin().await?;
    match settlement {
        Settlement::Failed {
            problem,
            result_code,
        } => {
            sqlx::query(&format!(
                "UPDATE payments SET status = 'failed', problem = $1, result_code = $2, settled_at = $3, \
                 updated_at = $3, next_check_at = NULL WHERE id = $4 AND status IN ({})",
                in_list(&from_statuses(PaymentStatus::Failed))
            ))
            .bind(problem.as_str())
            .bind(result_code)
            .bind(now)
            .bind(payment_id)
            .execute(&mut *tx)
            .await?;
        }
        Settlement::RefundDue => {
            tracing::warn!(payment_id, "payment kept as a refund due");
            sqlx::query(&format!(
                "UPDATE payments SET status = 'refund_due', settled_at = $1, updated_at = $1, next_check_at = NULL \
                 WHERE id = $2 AND status IN ({})",
                in_list(&from_statuses(PaymentStatus::RefundDue))
            ))
            .bind(now)
            .bind(payment_id)
            .execute(&mut *tx)
            .await?;
        }
        Settlement::Unconfirmed { next_check_at } => {
            sqlx::query(
                "UPDATE payments SET status = 'unconfirmed', updated_at = $1, next_check_at = $2 \
                 WHERE id = $3 AND status IN ('pending', 'unconfirmed')",
            )
            .bind(now)
            .bind(next_check_at)
            .bind(payment_id)
            .execute(&mut *tx)
            .await?;
        }
        Settlement::Paid {
            mpesa_code,
            card_last4,
        } => {
            let changed = sqlx::query(&format!(
                "UPDATE payments SET status = 'paid', mpesa_code = COALESCE(mpesa_code, $1), \
                 card_last4 = COALESCE(card_last4, $2), settled_at = $3, updated_at = $3, next_check_at = NULL \
                 WHERE id = $4 AND status IN ({})",
                in_list(&from_statuses(PaymentStatus::Paid))
            ))
            .bind(&mpesa_code)
            .bind(&card_last4)
            .bind(now)
            .bind(payment_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 1 {
                mark_invoice_paid(&mut tx, payment_id, now).await?;
            } else if mpesa_code.is_some() {
                // Already paid, confirmed by the status query before the callback brought the code.
                sqlx::query(
                    "UPDATE payments SET mpesa_code = $1, updated_at = $2 \
                     WHERE id = $3 AND status IN ('paid', 'refund_due') AND mpesa_code IS NULL",
                )
                .bind(&mpesa_code)
                .bind(now)
                .bind(payment_id)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    state.outbox.notify();
    Ok(())
}

/// The payment just became paid: its invoice becomes paid (if it still waits), the application goes to
/// review, and the person gets an SMS; or, if the invoice was paid already, the payment is a refund due.
async fn mark_invoice_paid(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    payment_id: &str,
    now: i64,
) -> Result<(), crate::error::ApiError> {
    let row = sqlx::query(
        "SELECT p.invoice_id, p.amount_cents, i.total_cents, i.application_id, i.user_id FROM payments p \
         JOIN invoices i ON i.id = p.invoice_id WHERE p.id = $1",
    )
    .bind(payment_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        // Not matched to an invoice (a Paybill payment with an unknown account): kept for a claim.
        return Ok(());
    };
    let invoice_id: String = row.try_get("invoice_id")?;
    let amount: i64 = row.try_get("amount_cents")?;
    let total: i64 = row.try_get("total_cents")?;
    let application_id: String = row.try_get("application_id")?;
    let user_id: String = row.try_get("user_id")?;
    let receipt_number = new_receipt_number();
    let paid = amount == total
        && sqlx::query(
            "UPDATE invoices SET status = 'paid', paid_at = $1, payment_id = $2, receipt_number = $3 \
             WHERE id = $4 AND status = 'pending'",
        )
        .bind(now)
        .bind(payment_id)
        .bind(&receipt_number)
        .bind(&invoice_id)
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1;
    if !paid {
        tracing::warn!(
            payment_id,
            invoice_id,
            "money arrived for an invoice that is not waiting for it: refund due"
        );
        sqlx::query("UPDATE payments SET status = 'refund_due', updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(payment_id)
            .execute(&mut **tx)
            .await?;
        return Ok(());
    }
    // An immediate service with an effect on the registers is complete once paid; the rest go to review.
    let application = sqlx::query("SELECT service_id, answers FROM applications WHERE id = $1")
        .bind(&application_id)
        .fetch_one(&mut **tx)
        .await?;
    let answers: njia_domain::forms::Answers =
        serde_json::from_str(&application.try_get::<String, _>("answers")?)
            .map_err(anyhow::Error::from)?;
    let note = crate::registers::on_paid(
        tx,
        &application.try_get::<String, _>("service_id")?,
        &application_id,
        &user_id,
        &answers,
        now,
    )
    .await?;
    let next = if note.is_some() {
        ApplicationStatus::Approved
    } else {
        ApplicationStatus::Submitted
    };
    let moved = sqlx::query(
        "UPDATE applications SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(next.as_str())
    .bind(now)
    .bind(&application_id)
    .bind(ApplicationStatus::AwaitingPayment.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if moved == 1 {
        sqlx::query("INSERT INTO application_events (id, application_id, at, status, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(&application_id)
            .bind(now)
            .bind(next.as_str())
            .bind(&user_id)
            .bind(&note)
            .execute(&mut **tx)
            .await?;
    }
    let details = sqlx::query(
        "SELECT u.phone, a.reference FROM users u JOIN applications a ON a.user_id = u.id WHERE a.id = $1",
    )
    .bind(&application_id)
    .fetch_one(&mut **tx)
    .await?;
    let phone: String = details.try_get("phone")?;
    let reference: String = details.try_get("reference")?;
    let amount = njia_domain::Money::from_cents(amount);
    let message = Message {
        channel: Channel::Sms,
        to: phone,
        subject: None,
        body: format!(
            "Njia: we have received {amount} for application {reference}. Receipt {receipt_number}.\n\
             Njia: tumepokea {amount} kwa maombi {reference}. Risiti {receipt_number}."
        ),
        purpose: "payment_received",
    };
    messages::enqueue(tx, &message, now).await?;
    tracing::info!(payment_id, invoice_id, "invoice paid");
    Ok(())
}
