//! What M-Pesa (Daraja) posts to us: the STK callback, and C2B validation and confirmation for Paybill
//! payments. Daraja's wire format, not the API's conventions, so these are not in the OpenAPI document.
//!
//! Every URL carries a secret path segment (SECURITY.md, Payments); a wrong one is a 404 and changes nothing.
//! An STK callback is treated as a hint: the status query says what happened, and the callback supplies the
//! M-Pesa code only when its amount is the payment's.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use njia_daraja::{C2bTransaction, C2bValidationResponse, StkCallbackEnvelope, StkQueryStatus};
use njia_domain::api::invoices::parse_account_number;
use njia_domain::api::payments::{PaymentMethod, parse_mpesa_code};
use serde_json::json;
use sqlx::Row;

use crate::accounts::secret::same_digest;
use crate::app::AppState;
use crate::error::ApiError;
use crate::payments::{self, Settlement, settle};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/callbacks/mpesa/{secret}/stk", post(stk))
        .route(
            "/api/callbacks/mpesa/{secret}/c2b/validation",
            post(c2b_validation),
        )
        .route(
            "/api/callbacks/mpesa/{secret}/c2b/confirmation",
            post(c2b_confirmation),
        )
}

/// A request path fit for the log: a callback's secret segment is replaced by `***`.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    const PREFIX: &str = "/api/callbacks/mpesa/";
    match path.strip_prefix(PREFIX) {
        Some(rest) => {
            let tail = rest.find('/').map_or("", |i| &rest[i..]);
            format!("{PREFIX}***{tail}").into()
        }
        None => path.into(),
    }
}

fn authentic(state: &AppState, secret: &str) -> bool {
    same_digest(secret, &state.payments.callback_secret)
}

/// Daraja's acknowledgement; anything else makes it retry.
fn ack() -> Response {
    Json(json!({ "ResultCode": 0, "ResultDesc": "Accepted" })).into_response()
}

async fn stk(State(state): State<AppState>, Path(secret): Path<String>, body: Bytes) -> Response {
    if !authentic(&state, &secret) {
        tracing::warn!("M-Pesa callback with a wrong secret refused");
        return ApiError::NotFound.into_response();
    }
    let Ok(envelope) = serde_json::from_slice::<StkCallbackEnvelope>(&body) else {
        return (StatusCode::BAD_REQUEST, "not an STK callback").into_response();
    };
    match stk_callback(&state, envelope).await {
        Ok(()) => ack(),
        Err(error) => error.into_response(),
    }
}

async fn stk_callback(state: &AppState, envelope: StkCallbackEnvelope) -> Result<(), ApiError> {
    let callback = envelope.body.stk_callback;
    let checkout = callback.checkout_request_id.as_str();
    let Some(mpesa) = &state.payments.mpesa else {
        return Ok(());
    };
    let payment = match payments::find_by(&state.db, "p.checkout_request_id", checkout).await? {
        Some(payment) => payment,
        None => match adopt(state, mpesa, &callback).await? {
            Some(payment) => payment,
            None => {
                tracing::warn!(
                    checkout,
                    "STK callback for a checkout we did not start: ignored"
                );
                return Ok(());
            }
        },
    };
    if payment.method != PaymentMethod::MpesaStk || payment.status.is_final() {
        // A repeat of an answer already applied.
        return Ok(());
    }
    let confirmed = match mpesa.stk_query(checkout).await {
        Ok(StkQueryStatus::Done(result)) => Some(result.result().code()),
        Ok(StkQueryStatus::Pending) => None,
        Err(error) => {
            tracing::warn!(payment_id = payment.id, %error, "STK status query failed");
            None
        }
    };
    let Some(code) = confirmed else {
        // Not confirmed yet: reconciliation asks again at its next pass.
        sqlx::query(
            "UPDATE payments SET next_check_at = $1 WHERE id = $2 AND next_check_at IS NOT NULL",
        )
        .bind(state.clock.now_ms())
        .bind(&payment.id)
        .execute(&state.db.pool)
        .await?;
        return Ok(());
    };
    if code != callback.result_code {
        tracing::warn!(
            payment_id = payment.id,
            callback = callback.result_code,
            query = code,
            "STK callback disagrees with the status query: the query wins"
        );
    }
    let amount_matches = callback.amount_cents() == Some(payment.amount_cents);
    if code == 0 && callback.result_code == 0 && !amount_matches {
        tracing::warn!(
            payment_id = payment.id,
            "STK callback amount is not the payment's: its details are ignored"
        );
    }
    let mpesa_code = (code == 0 && callback.result_code == 0 && amount_matches)
        .then(|| callback.receipt_number())
        .flatten()
        .and_then(|c| parse_mpesa_code(&c));
    match payments::stk_settlement(code, mpesa_code) {
        Some(settlement) => settle(state, &payment.id, settlement).await,
        None => Ok(()),
    }
}

/// The answer to a prompt whose checkout id we never stored: the server stopped between Daraja accepting the
/// push and recording its id. If M-Pesa's status query knows the checkout, the callback is matched to our
/// prompt that has no id yet, for the same phone and amount, so money taken is never left unmatched.
async fn adopt(
    state: &AppState,
    mpesa: &njia_daraja::DarajaClient,
    callback: &njia_daraja::StkCallback,
) -> Result<Option<payments::PaymentRow>, ApiError> {
    let (Some(phone), Some(amount)) = (callback.phone_number(), callback.amount_cents()) else {
        return Ok(None);
    };
    let Ok(phone) = njia_daraja::normalise_phone(&phone) else {
        return Ok(None);
    };
    let paid = match mpesa.stk_query(&callback.checkout_request_id).await {
        Ok(StkQueryStatus::Done(result)) => result.result().is_success(),
        Ok(StkQueryStatus::Pending) => false,
        // M-Pesa does not know this checkout: a forgery, or not ours.
        Err(_) => return Ok(None),
    };
    let id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM payments WHERE method = 'mpesa_stk' AND checkout_request_id IS NULL \
         AND status IN ('pending', 'unconfirmed') AND phone = $1 AND amount_cents = $2 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(&phone)
    .bind(amount)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(id) = id else {
        if paid && let Some(code) = callback.receipt_number().and_then(|c| parse_mpesa_code(&c)) {
            // Money taken for a prompt we cannot place: kept unmatched, claimable by its M-Pesa code.
            tracing::warn!("paid STK callback matches no prompt: kept unmatched");
            let now = state.clock.now_ms();
            sqlx::query(
                "INSERT INTO payments (id, method, status, amount_cents, phone, checkout_request_id, \
                 merchant_request_id, mpesa_code, created_at, updated_at) \
                 VALUES ($1, 'mpesa_stk', 'unconfirmed', $2, $3, $4, $5, $6, $7, $7) ON CONFLICT DO NOTHING",
            )
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(amount)
            .bind(&phone)
            .bind(&callback.checkout_request_id)
            .bind(&callback.merchant_request_id)
            .bind(&code)
            .bind(now)
            .execute(&state.db.pool)
            .await?;
        }
        return Ok(None);
    };
    let adopted = sqlx::query(
        "UPDATE payments SET checkout_request_id = $1, merchant_request_id = $2, updated_at = $3 \
         WHERE id = $4 AND checkout_request_id IS NULL",
    )
    .bind(&callback.checkout_request_id)
    .bind(&callback.merchant_request_id)
    .bind(state.clock.now_ms())
    .bind(&id)
    .execute(&state.db.pool)
    .await?
    .rows_affected();
    if adopted == 0 {
        return Ok(None);
    }
    tracing::warn!(
        payment_id = id,
        "STK callback matched to a prompt whose checkout id was not recorded"
    );
    Ok(payments::find(&state.db, &id).await?)
}

async fn c2b_validation(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    body: Bytes,
) -> Response {
    if !authentic(&state, &secret) {
        tracing::warn!("M-Pesa validation with a wrong secret refused");
        return ApiError::NotFound.into_response();
    }
    let Ok(transaction) = serde_json::from_slice::<C2bTransaction>(&body) else {
        return (StatusCode::BAD_REQUEST, "not a C2B transaction").into_response();
    };
    let answer = match validate(&state, &transaction).await {
        Ok(answer) => answer,
        Err(error) => return error.into_response(),
    };
    Json(answer).into_response()
}

/// Accepts a Paybill payment only for a pending invoice's account number and exact total, so money for a
/// mistyped account is turned back by M-Pesa instead of reaching us.
async fn validate(
    state: &AppState,
    transaction: &C2bTransaction,
) -> Result<C2bValidationResponse, ApiError> {
    // Daraja's codes: C2B00012 invalid account number, C2B00013 invalid amount, C2B00015 invalid shortcode.
    if transaction.business_short_code != state.payments.paybill_number {
        return Ok(C2bValidationResponse::reject("C2B00015"));
    }
    let Some(account) = parse_account_number(&transaction.bill_ref_number) else {
        return Ok(C2bValidationResponse::reject("C2B00012"));
    };
    let total: Option<i64> = sqlx::query_scalar(
        "SELECT total_cents FROM invoices WHERE account_number = $1 AND status = 'pending'",
    )
    .bind(&account)
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(match total {
        None => C2bValidationResponse::reject("C2B00012"),
        Some(total) if transaction.amount_cents() != Some(total) => {
            C2bValidationResponse::reject("C2B00013")
        }
        Some(_) => C2bValidationResponse::accept(),
    })
}

async fn c2b_confirmation(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    body: Bytes,
) -> Response {
    if !authentic(&state, &secret) {
        tracing::warn!("M-Pesa confirmation with a wrong secret refused");
        return ApiError::NotFound.into_response();
    }
    let Ok(transaction) = serde_json::from_slice::<C2bTransaction>(&body) else {
        return (StatusCode::BAD_REQUEST, "not a C2B transaction").into_response();
    };
    match confirm(&state, &transaction).await {
        Ok(()) => ack(),
        Err(error) => error.into_response(),
    }
}

/// Records a Paybill payment M-Pesa has completed. Money has moved, so it is always kept: paid against its
/// invoice, a refund due if it does not fit it, or unmatched (claimable by its code) if no invoice has its
/// account number. The M-Pesa code is unique: a repeated confirmation records nothing.
async fn confirm(state: &AppState, transaction: &C2bTransaction) -> Result<(), ApiError> {
    let Some(amount) = transaction.amount_cents() else {
        tracing::warn!("C2B confirmation without a readable amount: ignored");
        return Ok(());
    };
    let code = parse_mpesa_code(&transaction.trans_id)
        .unwrap_or_else(|| transaction.trans_id.trim().to_ascii_uppercase());
    let account = parse_account_number(&transaction.bill_ref_number);
    let invoice = match &account {
        Some(account) => {
            sqlx::query("SELECT id, user_id FROM invoices WHERE account_number = $1")
                .bind(account)
                .fetch_optional(&state.db.pool)
                .await?
        }
        None => None,
    };
    let (invoice_id, user_id) = match &invoice {
        Some(row) => (
            Some(row.try_get::<String, _>("id")?),
            Some(row.try_get::<String, _>("user_id")?),
        ),
        None => (None, None),
    };
    // Safaricom now sends a hashed MSISDN for C2B; keep the number only when it is one.
    let phone = njia_daraja::normalise_phone(&transaction.msisdn).ok();
    let now = state.clock.now_ms();
    let payment_id = uuid::Uuid::now_v7().to_string();
    let inserted = sqlx::query(
        "INSERT INTO payments (id, invoice_id, user_id, method, status, amount_cents, phone, account_number, \
         mpesa_code, created_at, updated_at) VALUES ($1, $2, $3, 'mpesa_paybill', 'pending', $4, $5, $6, $7, $8, $8) \
         ON CONFLICT DO NOTHING",
    )
    .bind(&payment_id)
    .bind(&invoice_id)
    .bind(&user_id)
    .bind(amount)
    .bind(&phone)
    .bind(transaction.bill_ref_number.trim())
    .bind(&code)
    .bind(now)
    .execute(&state.db.pool)
    .await?
    .rows_affected()
        == 1;
    if !inserted {
        // A repeat. If the first could not be settled, it is settled now (settling twice changes nothing).
        if let Some(payment) = payments::find_by(&state.db, "p.mpesa_code", &code).await?
            && payment.status == njia_domain::api::payments::PaymentStatus::Pending
            && payment.invoice_id.is_some()
        {
            let paid = Settlement::Paid {
                mpesa_code: None,
                card_last4: None,
            };
            return settle(state, &payment.id, paid).await;
        }
        return Ok(());
    }
    let settlement = if invoice_id.is_some() {
        Settlement::Paid {
            mpesa_code: None,
            card_last4: None,
        }
    } else {
        tracing::warn!(
            payment_id,
            "Paybill payment for an unknown account number: kept unmatched"
        );
        Settlement::Unconfirmed {
            next_check_at: None,
        }
    };
    settle(state, &payment_id, settlement).await
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn the_callback_secret_never_reaches_the_log() {
        assert_eq!(
            loggable_path("/api/callbacks/mpesa/0123abcd/stk"),
            "/api/callbacks/mpesa/***/stk"
        );
        assert_eq!(
            loggable_path("/api/callbacks/mpesa/0123abcd/c2b/confirmation"),
            "/api/callbacks/mpesa/***/c2b/confirmation"
        );
        assert_eq!(
            loggable_path("/api/callbacks/mpesa/0123abcd"),
            "/api/callbacks/mpesa/***"
        );
        assert_eq!(loggable_path("/api/health"), "/api/health");
    }
}
