//! Paying an invoice: an M-Pesa prompt to a phone, a Paybill payment found by its M-Pesa code, a card on the
//! gateway's page; then the receipt and the person's payment history. Only the invoice's owner may do any
//! of it; anyone else's invoice or payment is a 404.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use njia_domain::api::invoices::{InvoiceStatus, account_number_for};
use njia_domain::api::payments::{
    CardCheckout, InvoiceWithPayments, MpesaPayRequest, PaybillCodeRequest, Payment,
    PaymentHistory, PaymentHistoryEntry, PaymentMethod, PaymentStatus, Receipt, parse_mpesa_code,
};
use njia_domain::api::{FieldError, invoices::Invoice};
use njia_domain::ids::PhoneNumber;
use sqlx::Row;

use crate::acting::Actor;
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::idempotency;
use crate::payments::{self, PaymentRow, Settlement, settle, to_api};

/// A pending invoice of the actor's, or why it cannot be paid.
async fn payable(state: &AppState, invoice_id: &str, actor: &Actor) -> Result<Invoice, ApiError> {
    let invoice = super::invoices::load(state, "id", invoice_id, actor).await?;
    if invoice.status != InvoiceStatus::Pending {
        return Err(ApiError::Conflict("invoice_not_pending"));
    }
    Ok(invoice)
}

/// Locks the invoice's row until the transaction ends and checks it is still pending: an invoice expiring
/// meanwhile (an unpaid test place let go, `test_holds`) locks it the same way, so a payment is never
/// recorded against an invoice that has just expired, and a hold is never let go under a payment starting.
async fn still_pending(conn: &mut sqlx::AnyConnection, invoice_id: &str) -> Result<(), ApiError> {
    let locked =
        sqlx::query("UPDATE invoices SET status = status WHERE id = $1 AND status = 'pending'")
            .bind(invoice_id)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    if locked == 1 {
        Ok(())
    } else {
        Err(ApiError::Conflict("invoice_not_pending"))
    }
}

/// Refuses to start a payment while a maintenance window of the invoice's agency is open. Only the starts of
/// payments call this: answers to payments already started settle whatever the time.
async fn not_in_maintenance(state: &AppState, invoice: &Invoice) -> Result<(), ApiError> {
    let service_id: String =
        sqlx::query_scalar("SELECT service_id FROM applications WHERE id = $1")
            .bind(&invoice.application_id)
            .fetch_one(&state.db.pool)
            .await?;
    let Some(service) = state.catalog.catalog.service(&service_id) else {
        return Ok(());
    };
    crate::maintenance::check(&state.db, &service.agency, state.clock.now_ms()).await
}

/// A payment of the actor's — for an application of theirs (or of the organisation they act for), or a
/// Paybill payment of the person's not matched to any invoice — or 404.
async fn own_payment(state: &AppState, id: &str, actor: &Actor) -> Result<PaymentRow, ApiError> {
    let payment = payments::find(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let theirs = match &payment.application_id {
        Some(application_id) => {
            crate::acting::owns_application(&state.db, actor, application_id).await?
        }
        None => actor.person_id().is_some() && payment.user_id.as_deref() == actor.person_id(),
    };
    if theirs {
        Ok(payment)
    } else {
        Err(ApiError::NotFound)
    }
}

fn json_body<T: serde::Serialize>(
    status: StatusCode,
    value: &T,
) -> Result<(StatusCode, String), ApiError> {
    Ok((
        status,
        serde_json::to_string(value).map_err(anyhow::Error::from)?,
    ))
}

/// An invoice with its payments, newest first, and the ways it can be paid on this server.
#[utoipa::path(get, path = "/api/invoices/{id}", tag = "payments", operation_id = "get_invoice_with_payments",
    params(("id" = String, Path, description = "Invoice id")),
    responses((status = 200, body = InvoiceWithPayments), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_invoice(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Json<InvoiceWithPayments>, ApiError> {
    let invoice = super::invoices::load(&state, "id", &id, &actor).await?;
    let payments = payments::of_invoice(&state.db, &invoice.id)
        .await?
        .iter()
        .map(to_api)
        .collect();
    Ok(Json(InvoiceWithPayments {
        invoice,
        payments,
        paybill_number: state.payments.paybill_number.clone(),
        card_available: state.payments.card.is_some(),
    }))
}

/// Sends an M-Pesa prompt to the phone for the invoice's total. Send an `Idempotency-Key`. One prompt at a
/// time per invoice: while one waits for its answer, this returns it (200) instead of starting another.
#[utoipa::path(post, path = "/api/invoices/{id}/mpesa", tag = "payments", operation_id = "pay_by_mpesa",
    params(("id" = String, Path, description = "Invoice id"),
        ("Idempotency-Key" = String, Header, description = "A UUID chosen by the client for this payment request")),
    request_body = MpesaPayRequest,
    responses((status = 202, body = Payment), (status = 200, body = Payment),
        (status = 409, body = njia_domain::api::ErrorEnvelope), (status = 422, body = njia_domain::api::ErrorEnvelope),
        (status = 503, body = njia_domain::api::ErrorEnvelope)))]
pub async fn pay_by_mpesa(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<MpesaPayRequest>,
) -> Result<Response, ApiError> {
    let key = idempotency::key_from(&headers)?;
    let body = serde_json::to_vec(&request).map_err(anyhow::Error::from)?;
    let hash = idempotency::request_hash("POST", &format!("/api/invoices/{id}/mpesa"), &body);
    let user_id = actor.user().id.clone();
    idempotency::run(&state, &user_id, &key, &hash, || async {
        let (status, payment) = start_mpesa(&state, &id, &actor, &request.phone).await?;
        json_body(status, &payment)
    })
    .await
}

async fn start_mpesa(
    state: &AppState,
    invoice_id: &str,
    actor: &Actor,
    phone: &str,
) -> Result<(StatusCode, Payment), ApiError> {
    let user_id = actor.user().id.as_str();
    let invoice = payable(state, invoice_id, actor).await?;
    not_in_maintenance(state, &invoice).await?;
    let phone = PhoneNumber::parse(phone)
        .ok()
        .and_then(|p| njia_daraja::normalise_phone(p.as_str()).ok())
        .ok_or_else(|| {
            ApiError::Invalid(vec![FieldError {
                field: "phone".into(),
                code: "invalid".into(),
                message: "Enter a Safaricom number for M-Pesa, like 0712 345 678".into(),
            }])
        })?;
    let Some(mpesa) = &state.payments.mpesa else {
        return Err(ApiError::Unavailable("M-Pesa is not configured".into()));
    };
    let request = njia_daraja::StkPushRequest {
        amount_cents: invoice.total.cents(),
        phone: phone.clone(),
        account_reference: invoice.account_number.clone(),
        description: "Njia payment".into(),
    };
    // What M-Pesa cannot take (cents, an over-long reference) is refused before anything is recorded.
    if let Err(error) = mpesa.stk_push_body(&request, 0) {
        tracing::warn!(invoice_id = invoice.id, %error, "this invoice cannot be paid by an M-Pesa prompt");
        return Err(ApiError::Conflict("not_payable_by_mpesa"));
    }
    // An earlier prompt nobody heard back about may have been paid after all: ask before sending another,
    // so the person is not charged twice.
    if let Some(waiting) = recheck_unconfirmed(state, &invoice.id).await? {
        return Ok((StatusCode::OK, to_api(&waiting)));
    }
    let now = state.clock.now_ms();
    let payment_id = uuid::Uuid::now_v7().to_string();
    // The partial unique index lets one pending prompt exist per invoice: the loser of a race of taps
    // inserts nothing and answers with the winner's payment.
    let mut tx = state.db.begin().await?;
    still_pending(&mut tx, &invoice.id).await?;
    let inserted = sqlx::query(
        "INSERT INTO payments (id, invoice_id, user_id, method, status, amount_cents, phone, created_at, \
         updated_at, next_check_at) VALUES ($1, $2, $3, 'mpesa_stk', 'pending', $4, $5, $6, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(&payment_id)
    .bind(&invoice.id)
    .bind(user_id)
    .bind(invoice.total.cents())
    .bind(&phone)
    .bind(now)
    .bind(now + state.payments.check_every_ms)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    tx.commit().await?;
    if !inserted {
        let waiting = payments::of_invoice(&state.db, &invoice.id)
            .await?
            .into_iter()
            .find(|p| p.method == PaymentMethod::MpesaStk && p.status == PaymentStatus::Pending)
            .ok_or(ApiError::Conflict("in_progress"))?;
        return Ok((StatusCode::OK, to_api(&waiting)));
    }
    // Sent and recorded in a task of its own: a person whose connection drops mid-request must not cancel
    // the recording of a prompt that already reached their phone.
    let task_state = state.clone();
    let task_payment = payment_id.clone();
    let sent = tokio::spawn(async move { push(&task_state, &task_payment, &request).await })
        .await
        .map_err(|error| anyhow::anyhow!("the M-Pesa prompt task failed: {error}"))?;
    sent?;
    let payment = payments::find(&state.db, &payment_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::ACCEPTED, to_api(&payment)))
}

/// Sends the prompt and records its checkout id. Only a clear refusal (4xx) fails the payment; anything
/// else may have reached Safaricom, so the payment is unconfirmed and its callback can still find it.
async fn push(
    state: &AppState,
    payment_id: &str,
    request: &njia_daraja::StkPushRequest,
) -> Result<(), ApiError> {
    let Some(mpesa) = &state.payments.mpesa else {
        return Ok(());
    };
    match mpesa.stk_push(request).await {
        Ok(accepted) => {
            sqlx::query(
                "UPDATE payments SET checkout_request_id = $1, merchant_request_id = $2, updated_at = $3 \
                 WHERE id = $4 AND checkout_request_id IS NULL",
            )
            .bind(&accepted.checkout_request_id)
            .bind(&accepted.merchant_request_id)
            .bind(state.clock.now_ms())
            .bind(payment_id)
            .execute(&state.db.pool)
            .await?;
            Ok(())
        }
        Err(
            error @ njia_daraja::DarajaError::Api {
                status: 400..=499, ..
            },
        ) => {
            tracing::warn!(payment_id, %error, "STK push refused by Daraja");
            settle(
                state,
                payment_id,
                Settlement::Failed {
                    problem: njia_domain::api::payments::PaymentProblem::Other,
                    result_code: None,
                },
            )
            .await?;
            Err(ApiError::Unavailable(format!(
                "Daraja refused the STK push: {error}"
            )))
        }
        Err(error) => {
            tracing::warn!(payment_id, %error, "STK push: no clear answer from Daraja");
            settle(
                state,
                payment_id,
                Settlement::Unconfirmed {
                    next_check_at: None,
                },
            )
            .await
        }
    }
}

/// Asks M-Pesa again about the invoice's unconfirmed prompts. Settles what has an answer; returns a prompt
/// that M-Pesa still reports as in progress (the person must wait for it rather than start another).
async fn recheck_unconfirmed(
    state: &AppState,
    invoice_id: &str,
) -> Result<Option<PaymentRow>, ApiError> {
    let Some(mpesa) = &state.payments.mpesa else {
        return Ok(None);
    };
    for payment in payments::of_invoice(&state.db, invoice_id).await? {
        let (PaymentMethod::MpesaStk, PaymentStatus::Unconfirmed, Some(checkout)) =
            (payment.method, payment.status, &payment.checkout_request_id)
        else {
            continue;
        };
        match mpesa.stk_query(checkout).await {
            Ok(njia_daraja::StkQueryStatus::Done(result)) => {
                if let Some(settlement) = payments::stk_settlement(result.result().code(), None) {
                    settle(state, &payment.id, settlement).await?;
                }
            }
            Ok(njia_daraja::StkQueryStatus::Pending) => return Ok(Some(payment)),
            Err(error) => {
                tracing::warn!(payment_id = payment.id, %error, "STK status query failed");
                return Err(ApiError::Unavailable(
                    "M-Pesa did not answer the status query".into(),
                ));
            }
        }
    }
    // A prompt just settled as paid leaves nothing to pay.
    if super::invoices::status_of(state, invoice_id).await? != InvoiceStatus::Pending {
        return Err(ApiError::Conflict("invoice_not_pending"));
    }
    Ok(None)
}

/// One of the person's payments: poll it while it is pending.
#[utoipa::path(get, path = "/api/payments/{id}", tag = "payments", operation_id = "get_payment",
    params(("id" = String, Path, description = "Payment id")),
    responses((status = 200, body = Payment), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_payment(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Json<Payment>, ApiError> {
    Ok(Json(to_api(&own_payment(&state, &id, &actor).await?)))
}

/// The person's payments, newest first (at most 200).
#[utoipa::path(get, path = "/api/payments", tag = "payments", operation_id = "list_payments",
    responses((status = 200, body = PaymentHistory)))]
pub async fn list_payments(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<PaymentHistory>, ApiError> {
    let rows = payments::of_owner(&state.db, actor.person_id(), actor.organisation_id()).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in &rows {
        let application = match &row.application_id {
            Some(id) => {
                sqlx::query("SELECT service_id, reference FROM applications WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&state.db.pool)
                    .await?
            }
            None => None,
        };
        let (service_id, application_reference) = match application {
            Some(a) => (
                a.try_get("service_id")?,
                a.try_get::<Option<String>, _>("reference")?
                    .unwrap_or_default(),
            ),
            None => (String::new(), String::new()),
        };
        items.push(PaymentHistoryEntry {
            payment: to_api(row),
            service_id,
            application_reference,
        });
    }
    Ok(Json(PaymentHistory { items }))
}

/// "I paid by Paybill": finds the payment by the M-Pesa code of its SMS. A Paybill payment whose account
/// number matched no invoice (a typing slip) is claimed for this invoice when the amount is its total.
#[utoipa::path(post, path = "/api/invoices/{id}/paybill-code", tag = "payments", operation_id = "confirm_paybill_code",
    params(("id" = String, Path, description = "Invoice id")), request_body = PaybillCodeRequest,
    responses((status = 200, body = Payment), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 409, body = njia_domain::api::ErrorEnvelope), (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn paybill_code(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<PaybillCodeRequest>,
) -> Result<Json<Payment>, ApiError> {
    let code = parse_mpesa_code(&request.code).ok_or_else(|| {
        ApiError::Invalid(vec![FieldError {
            field: "code".into(),
            code: "invalid".into(),
            message: "Enter the 10 letters and numbers of the M-Pesa code, like SLK4H7Q2XP".into(),
        }])
    })?;
    let invoice = super::invoices::load(&state, "id", &id, &actor).await?;
    let found = payments::find_by(&state.db, "p.mpesa_code", &code).await?;
    // The payer's phone, when M-Pesa gave it, must be the person's own for an unmatched payment to be theirs.
    let own_phone = njia_daraja::normalise_phone(&actor.user().phone).ok();
    match found {
        Some(payment) if payment.invoice_id.as_deref() == Some(invoice.id.as_str()) => {
            if payment.status == PaymentStatus::Pending
                && payment.method == PaymentMethod::MpesaPaybill
            {
                // Recorded but not settled (the settling failed): M-Pesa completed it, so finish the job.
                settle(
                    &state,
                    &payment.id,
                    Settlement::Paid {
                        mpesa_code: None,
                        card_last4: None,
                    },
                )
                .await?;
            }
            Ok(Json(to_api(
                &own_payment(&state, &payment.id, &actor).await?,
            )))
        }
        Some(payment)
            if payment.invoice_id.is_none()
                && payment.status == PaymentStatus::Unconfirmed
                && payment.amount_cents == invoice.total.cents()
                && (payment.phone.is_none() || payment.phone == own_phone) =>
        {
            if invoice.status != InvoiceStatus::Pending {
                return Err(ApiError::Conflict("invoice_not_pending"));
            }
            let claimed = sqlx::query(
                "UPDATE payments SET invoice_id = $1, user_id = $2, updated_at = $3 WHERE id = $4 AND invoice_id IS NULL",
            )
            .bind(&invoice.id)
            .bind(&actor.user().id)
            .bind(state.clock.now_ms())
            .bind(&payment.id)
            .execute(&state.db.pool)
            .await?
            .rows_affected();
            if claimed == 1 {
                tracing::info!(
                    payment_id = payment.id,
                    "unmatched M-Pesa payment claimed by its code"
                );
                settle(
                    &state,
                    &payment.id,
                    Settlement::Paid {
                        mpesa_code: None,
                        card_last4: None,
                    },
                )
                .await?;
            }
            Ok(Json(to_api(
                &own_payment(&state, &payment.id, &actor).await?,
            )))
        }
        _ if invoice.status != InvoiceStatus::Pending => {
            Err(ApiError::Conflict("invoice_not_pending"))
        }
        // Someone else's payment reads the same as none: the code does not reveal what it paid.
        _ => {
            // The code may be from a prompt whose answer never came: ask M-Pesa about those now.
            recheck_unconfirmed(&state, &invoice.id).await.ok();
            let paid = payments::of_invoice(&state.db, &invoice.id)
                .await?
                .into_iter()
                .find(|p| p.status == PaymentStatus::Paid);
            match paid {
                Some(payment) => Ok(Json(to_api(&payment))),
                None => Err(ApiError::Missing("payment_not_found")),
            }
        }
    }
}

/// Starts a card payment on the gateway's page. Send an `Idempotency-Key`. The card details are typed on
/// the gateway's page only; Njia sees the outcome and the last four digits.
#[utoipa::path(post, path = "/api/invoices/{id}/card", tag = "payments", operation_id = "pay_by_card",
    params(("id" = String, Path, description = "Invoice id"),
        ("Idempotency-Key" = String, Header, description = "A UUID chosen by the client for this payment request")),
    responses((status = 200, body = CardCheckout), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 409, body = njia_domain::api::ErrorEnvelope), (status = 503, body = njia_domain::api::ErrorEnvelope)))]
pub async fn pay_by_card(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let key = idempotency::key_from(&headers)?;
    let hash = idempotency::request_hash("POST", &format!("/api/invoices/{id}/card"), b"");
    let user_id = actor.user().id.clone();
    idempotency::run(&state, &user_id, &key, &hash, || async {
        let checkout = start_card(&state, &id, &actor).await?;
        json_body(StatusCode::OK, &checkout)
    })
    .await
}

async fn start_card(
    state: &AppState,
    invoice_id: &str,
    actor: &Actor,
) -> Result<CardCheckout, ApiError> {
    let Some(card) = &state.payments.card else {
        return Err(ApiError::Missing("card_unavailable"));
    };
    let user_id = actor.user().id.as_str();
    let invoice = payable(state, invoice_id, actor).await?;
    not_in_maintenance(state, &invoice).await?;
    let now = state.clock.now_ms();
    let payment_id = uuid::Uuid::now_v7().to_string();
    let back = format!(
        "{}/payments/{payment_id}/card-return?session_id={{CHECKOUT_SESSION_ID}}",
        state.payments.public_url
    );
    let description = invoice
        .items
        .first()
        .map(|item| item.description.en.clone())
        .unwrap_or_else(|| "Njia invoice".into());
    let session = card
        .create_session(&njia_card::NewSession {
            amount_cents: invoice.total.cents(),
            reference: invoice.account_number.clone(),
            description,
            success_url: back.clone(),
            cancel_url: format!("{back}&cancelled=1"),
        })
        .await
        .map_err(|error| ApiError::Unavailable(format!("the card gateway refused: {error}")))?;
    let mut tx = state.db.begin().await?;
    still_pending(&mut tx, &invoice.id).await?;
    sqlx::query(
        "INSERT INTO payments (id, invoice_id, user_id, method, status, amount_cents, card_session_id, created_at, \
         updated_at, next_check_at) VALUES ($1, $2, $3, 'card', 'pending', $4, $5, $6, $6, $7)",
    )
    .bind(&payment_id)
    .bind(&invoice.id)
    .bind(user_id)
    .bind(invoice.total.cents())
    .bind(&session.id)
    .bind(now)
    // The person is on the gateway's page for a while: ask after the usual timeout, not at once.
    .bind(now + state.payments.timeout_ms)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let payment = payments::find(&state.db, &payment_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(CardCheckout {
        payment: to_api(&payment),
        redirect_url: session
            .url
            .ok_or_else(|| anyhow::anyhow!("the card gateway gave no checkout page"))?,
    })
}

/// Back from the gateway's page: asks the gateway what happened (the redirect itself proves nothing).
#[utoipa::path(post, path = "/api/payments/{id}/card-confirm", tag = "payments", operation_id = "confirm_card_payment",
    params(("id" = String, Path, description = "Payment id")),
    responses((status = 200, body = Payment), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 503, body = njia_domain::api::ErrorEnvelope)))]
pub async fn card_confirm(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Json<Payment>, ApiError> {
    let payment = own_payment(&state, &id, &actor).await?;
    if payment.method == PaymentMethod::Card
        && !payment.status.is_final()
        && let (Some(card), Some(session_id)) = (&state.payments.card, &payment.card_session_id)
    {
        let gateway_session = card.get_session(session_id).await.map_err(|error| {
            ApiError::Unavailable(format!("the card gateway did not answer: {error}"))
        })?;
        if let Some(settlement) = payments::card_settlement(&gateway_session, payment.amount_cents)
        {
            settle(&state, &payment.id, settlement).await?;
        }
    }
    Ok(Json(to_api(&own_payment(&state, &id, &actor).await?)))
}

/// The receipt of a paid invoice.
#[utoipa::path(get, path = "/api/invoices/{id}/receipt", tag = "payments", operation_id = "get_receipt",
    params(("id" = String, Path, description = "Invoice id")),
    responses((status = 200, body = Receipt), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_receipt(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Json<Receipt>, ApiError> {
    let invoice = super::invoices::load(&state, "id", &id, &actor).await?;
    if invoice.status != InvoiceStatus::Paid {
        return Err(ApiError::Conflict("not_paid"));
    }
    let row = sqlx::query(
        "SELECT i.payment_id, i.receipt_number, i.paid_at, a.reference, a.service_id FROM invoices i \
         JOIN applications a ON a.id = i.application_id WHERE i.id = $1",
    )
    .bind(&invoice.id)
    .fetch_one(&state.db.pool)
    .await?;
    let payment_id: String = row.try_get("payment_id")?;
    let payment = payments::find(&state.db, &payment_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("paid invoice {} without its payment", invoice.id))?;
    let reference: String = row.try_get("reference")?;
    debug_assert_eq!(account_number_for(&reference), invoice.account_number);
    // An organisation's invoice is paid by the organisation, whichever of its people pressed "Pay".
    let user = actor.user();
    let payer_name = match &actor.organisation {
        Some(organisation) => organisation.name.clone(),
        None => [&user.first_name, &user.other_names, &user.surname]
            .iter()
            .filter(|n| !n.is_empty())
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    };
    let paid_at: i64 = row.try_get("paid_at")?;
    // The effect of the payment itself (a renewal's new expiry, a vehicle's record) is the note written
    // with the payment; an officer's later notes are not part of the receipt.
    let outcome: Option<String> = sqlx::query_scalar(
        "SELECT note FROM application_events WHERE application_id = $1 AND at = $2 AND note IS NOT NULL \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(&invoice.application_id)
    .bind(paid_at)
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(Json(Receipt {
        outcome,
        receipt_number: row.try_get("receipt_number")?,
        payment: to_api(&payment),
        application_reference: reference,
        service_id: row.try_get("service_id")?,
        payer_name,
        paid_at: rfc3339(paid_at),
        invoice,
    }))
}
