//! Invoices: made at submission for a service with a fee (in the submission's transaction), read by the
//! application's owner. Another person's invoice is a 404, like their application.

use axum::Json;
use axum::extract::{Path, State};
use njia_domain::Money;
use njia_domain::api::invoices::{
    Invoice, InvoiceItem, InvoiceStatus, account_number_for, invoice_items, invoice_total,
};
use njia_domain::catalog::Service;
use njia_domain::forms::Answers;
use sqlx::{AnyConnection, Row};

use crate::acting::{Actor, owned_by};
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;

/// Writes the pending invoice of a just-submitted application. A second call for the same application
/// changes nothing (one invoice per application).
pub(crate) async fn create(
    conn: &mut AnyConnection,
    service: &Service,
    answers: &Answers,
    application_id: &str,
    user_id: &str,
    reference: &str,
    now: i64,
) -> Result<(), ApiError> {
    let items = invoice_items(service, answers)
        .ok_or_else(|| anyhow::anyhow!("service {} has no fee for these answers", service.id))?;
    let total =
        invoice_total(&items).ok_or_else(|| anyhow::anyhow!("the invoice total overflows"))?;
    sqlx::query(
        "INSERT INTO invoices (id, application_id, user_id, account_number, items, total_cents, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (application_id) DO NOTHING",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(application_id)
    .bind(user_id)
    .bind(account_number_for(reference))
    .bind(serde_json::to_string(&items).map_err(anyhow::Error::from)?)
    .bind(total.cents())
    .bind(InvoiceStatus::Pending.as_str())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A resubmission (after an officer asked for changes) is free only while the answers still come to what the
/// invoice charged: a change that moves the fee (another vehicle, a bigger engine) is refused with
/// `409 fee_changed`, and is a new application.
pub(crate) async fn check_same_total(
    state: &AppState,
    service: &Service,
    answers: &Answers,
    application_id: &str,
) -> Result<(), ApiError> {
    let charged: Option<i64> =
        sqlx::query_scalar("SELECT total_cents FROM invoices WHERE application_id = $1")
            .bind(application_id)
            .fetch_optional(&state.db.pool)
            .await?;
    let Some(charged) = charged else {
        return Ok(());
    };
    let total = invoice_items(service, answers)
        .and_then(|items| invoice_total(&items))
        .map(|total| total.cents());
    if total == Some(charged) {
        Ok(())
    } else {
        Err(ApiError::Conflict("fee_changed"))
    }
}

/// The invoice of one of the person's applications: its lines and total in cents, and the account number
/// to quote on Paybill 222222. 404 for a free service, an unsubmitted draft or someone else's application.
#[utoipa::path(get, path = "/api/applications/{id}/invoice", tag = "applications", operation_id = "get_invoice",
    params(("id" = String, Path, description = "Application id")),
    responses((status = 200, body = Invoice), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_invoice(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Json<Invoice>, ApiError> {
    Ok(Json(load(&state, "application_id", &id, &actor).await?))
}

/// An invoice of the actor's by `column` (`id` or `application_id`): of an application of theirs, or of
/// the organisation they act for. 404 otherwise.
pub(crate) async fn load(
    state: &AppState,
    column: &'static str,
    value: &str,
    actor: &Actor,
) -> Result<Invoice, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT i.id, i.application_id, i.account_number, i.items, i.total_cents, i.status, i.created_at, \
         i.paid_at FROM invoices i JOIN applications a ON a.id = i.application_id \
         WHERE i.{column} = $1 AND {}",
        owned_by("a", 2)
    ))
    .bind(value)
    .bind(actor.person_id())
    .bind(actor.organisation_id())
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    let items: Vec<InvoiceItem> =
        serde_json::from_str(&row.try_get::<String, _>("items")?).map_err(anyhow::Error::from)?;
    let status = row.try_get::<String, _>("status")?;
    Ok(Invoice {
        id: row.try_get("id")?,
        application_id: row.try_get("application_id")?,
        account_number: row.try_get("account_number")?,
        items,
        total: Money::from_cents(row.try_get("total_cents")?),
        status: InvoiceStatus::parse(&status)
            .ok_or_else(|| anyhow::anyhow!("unknown invoice status {status}"))?,
        created_at: rfc3339(row.try_get("created_at")?),
        paid_at: row.try_get::<Option<i64>, _>("paid_at")?.map(rfc3339),
    })
}

/// The status of an invoice, read afresh.
pub(crate) async fn status_of(
    state: &AppState,
    invoice_id: &str,
) -> Result<InvoiceStatus, ApiError> {
    let status: String = sqlx::query_scalar("SELECT status FROM invoices WHERE id = $1")
        .bind(invoice_id)
        .fetch_one(&state.db.pool)
        .await?;
    InvoiceStatus::parse(&status)
        .ok_or_else(|| anyhow::anyhow!("unknown invoice status {status}").into())
}
