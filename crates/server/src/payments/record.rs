//! Payment rows and how they read as the API's `Payment`.

use njia_domain::Money;
use njia_domain::api::payments::{
    Payment, PaymentMethod, PaymentProblem, PaymentStatus, mask_phone,
};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::clock::rfc3339;
use crate::db::Db;

/// A payment as stored, with its invoice's application.
#[derive(Clone)]
pub struct PaymentRow {
    pub id: String,
    pub invoice_id: Option<String>,
    pub application_id: Option<String>,
    pub user_id: Option<String>,
    pub method: PaymentMethod,
    pub status: PaymentStatus,
    pub amount_cents: i64,
    pub phone: Option<String>,
    pub checkout_request_id: Option<String>,
    pub mpesa_code: Option<String>,
    pub card_session_id: Option<String>,
    pub card_last4: Option<String>,
    pub problem: Option<String>,
    pub created_at: i64,
    pub settled_at: Option<i64>,
}

// The phone is personal data: a `{:?}` shows the payment without it.
impl std::fmt::Debug for PaymentRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentRow")
            .field("id", &self.id)
            .field("invoice_id", &self.invoice_id)
            .field("method", &self.method)
            .field("status", &self.status)
            .field("amount_cents", &self.amount_cents)
            .finish_non_exhaustive()
    }
}

const SELECT: &str = "SELECT p.id, p.invoice_id, i.application_id, p.user_id, p.method, p.status, p.amount_cents, \
     p.phone, p.checkout_request_id, p.mpesa_code, p.card_session_id, p.card_last4, p.problem, p.created_at, \
     p.settled_at FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id";

fn parse(row: &AnyRow) -> Result<PaymentRow, sqlx::Error> {
    let text = |name: &str| row.try_get::<String, _>(name);
    let method = text("method")?;
    let status = text("status")?;
    Ok(PaymentRow {
        id: row.try_get("id")?,
        invoice_id: row.try_get("invoice_id")?,
        application_id: row.try_get("application_id")?,
        user_id: row.try_get("user_id")?,
        method: PaymentMethod::parse(&method)
            .ok_or_else(|| sqlx::Error::Decode(format!("payment method {method}").into()))?,
        status: PaymentStatus::parse(&status)
            .ok_or_else(|| sqlx::Error::Decode(format!("payment status {status}").into()))?,
        amount_cents: row.try_get("amount_cents")?,
        phone: row.try_get("phone")?,
        checkout_request_id: row.try_get("checkout_request_id")?,
        mpesa_code: row.try_get("mpesa_code")?,
        card_session_id: row.try_get("card_session_id")?,
        card_last4: row.try_get("card_last4")?,
        problem: row.try_get("problem")?,
        created_at: row.try_get("created_at")?,
        settled_at: row.try_get("settled_at")?,
    })
}

/// One payment by id.
pub async fn find(db: &Db, id: &str) -> sqlx::Result<Option<PaymentRow>> {
    find_by(db, "p.id", id).await
}

/// One payment by a unique column (`p.id`, `p.checkout_request_id`, `p.mpesa_code`, `p.card_session_id`).
pub async fn find_by(
    db: &Db,
    column: &'static str,
    value: &str,
) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query(&format!("{SELECT} WHERE {column} = $1"))
        .bind(value)
        .fetch_optional(&db.pool)
        .await?
        .as_ref()
        .map(parse)
        .transpose()
}

/// The payments of an invoice, newest first.
pub async fn of_invoice(db: &Db, invoice_id: &str) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query(&format!(
        "{SELECT} WHERE p.invoice_id = $1 ORDER BY p.created_at DESC, p.id DESC"
    ))
    .bind(invoice_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(parse)
    .collect()
}

/// The payments of the person's own applications (and their Paybill payments not yet matched to an
/// invoice), or of the organisation's applications, newest first — bind as [`crate::acting::owned_by`].
pub async fn of_owner(
    db: &Db,
    person_id: Option<&str>,
    organisation_id: Option<&str>,
) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query(&format!(
        "{SELECT} LEFT JOIN applications a ON a.id = i.application_id \
         WHERE {} OR (p.invoice_id IS NULL AND p.user_id = $1) \
         ORDER BY p.created_at DESC, p.id DESC LIMIT 200",
        crate::acting::owned_by("a", 1)
    ))
    .bind(person_id)
    .bind(organisation_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(parse)
    .collect()
}

/// The API's view of a payment row.
pub fn to_api(row: &PaymentRow) -> Payment {
    Payment {
        id: row.id.clone(),
        invoice_id: row.invoice_id.clone().unwrap_or_default(),
        application_id: row.application_id.clone().unwrap_or_default(),
        method: row.method,
        status: row.status,
        amount: Money::from_cents(row.amount_cents),
        phone_masked: row.phone.as_deref().map(mask_phone),
        mpesa_code: row.mpesa_code.clone(),
        card_last4: row.card_last4.clone(),
        problem: row.problem.as_deref().and_then(PaymentProblem::parse),
        created_at: rfc3339(row.created_at),
        settled_at: row.settled_at.map(rfc3339),
    }
}
