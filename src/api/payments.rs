//! Invoices and their payments: M-Pesa on this phone (STK push), M-Pesa Paybill confirmed by its code, card
//! through the gateway's page, receipts and the person's payment history.

use gloo_net::http::Method;
use njia_domain::api::applications::IDEMPOTENCY_KEY_HEADER;
use njia_domain::api::invoices::Invoice;
use njia_domain::api::payments::{
    CardCheckout, InvoiceWithPayments, MpesaPayRequest, PaybillCodeRequest, Payment,
    PaymentHistory, Receipt,
};

use super::{ApiError, decode, get, write_json, write_json_with_header, writing};

/// `GET /api/applications/{id}/invoice` (404 when the service is free).
pub async fn application_invoice(application_id: &str) -> Result<Invoice, ApiError> {
    get(&format!("/api/applications/{application_id}/invoice")).await
}

/// `GET /api/invoices/{id}`: the invoice, its payments (newest first) and the ways it can be paid.
pub async fn invoice(invoice_id: &str) -> Result<InvoiceWithPayments, ApiError> {
    get(&format!("/api/invoices/{invoice_id}")).await
}

/// `POST /api/invoices/{id}/mpesa`: sends the M-Pesa prompt to `phone`. `key` is chosen once per attempt, so
/// a retry after a dropped connection is the same attempt, never a second prompt.
pub async fn pay_mpesa(invoice_id: &str, phone: &str, key: &str) -> Result<Payment, ApiError> {
    let body = MpesaPayRequest {
        phone: phone.to_string(),
    };
    let request = writing(Method::POST, &format!("/api/invoices/{invoice_id}/mpesa"))
        .header(IDEMPOTENCY_KEY_HEADER, key)
        .json(&body)
        .map_err(|_| ApiError::Network)?;
    decode(request.send().await.map_err(|_| ApiError::Network)?).await
}

/// `GET /api/payments/{id}`: where one payment stands (polled while it is pending).
pub async fn payment(payment_id: &str) -> Result<Payment, ApiError> {
    get(&format!("/api/payments/{payment_id}")).await
}

/// `POST /api/invoices/{id}/paybill-code`: "I have paid" with the code of M-Pesa's SMS.
pub async fn paybill_code(invoice_id: &str, code: &str) -> Result<Payment, ApiError> {
    let body = PaybillCodeRequest {
        code: code.to_string(),
    };
    write_json(
        Method::POST,
        &format!("/api/invoices/{invoice_id}/paybill-code"),
        &body,
    )
    .await
}

/// `POST /api/invoices/{id}/card`: the gateway's page to send the person to.
pub async fn card(invoice_id: &str, key: &str) -> Result<CardCheckout, ApiError> {
    write_json_with_header(
        Method::POST,
        &format!("/api/invoices/{invoice_id}/card"),
        (IDEMPOTENCY_KEY_HEADER, key),
    )
    .await
}

/// `POST /api/payments/{id}/card-confirm`: asks the gateway how the card payment ended.
pub async fn card_confirm(payment_id: &str) -> Result<Payment, ApiError> {
    let request = writing(
        Method::POST,
        &format!("/api/payments/{payment_id}/card-confirm"),
    )
    .build()
    .map_err(|_| ApiError::Network)?;
    decode(request.send().await.map_err(|_| ApiError::Network)?).await
}

/// `GET /api/invoices/{id}/receipt` (409 `not_paid` before it is paid).
pub async fn receipt(invoice_id: &str) -> Result<Receipt, ApiError> {
    get(&format!("/api/invoices/{invoice_id}/receipt")).await
}

/// `GET /api/payments`: the person's payments, newest first.
pub async fn history() -> Result<PaymentHistory, ApiError> {
    get("/api/payments").await
}
