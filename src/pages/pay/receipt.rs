//! `/applications/:id/receipt`: the receipt of a paid application, laid out to print (the print stylesheet
//! hides the header, footer, navigation and buttons).

use leptos::prelude::*;
use leptos_router::components::A;
use njia_domain::api::applications::ApplicationStatus;
use njia_domain::api::payments::Receipt;

use super::InvoiceItems;
use crate::api::{self, ApiError};
use crate::catalog::use_catalog;
use crate::components::status::{LoadError, Loading};
use crate::i18n::account::local_date_time;
use crate::i18n::pay::{PayKey, method_key};
use crate::i18n::use_i18n;
use crate::pages::apply::use_flow;
use crate::title::use_title;

async fn load(application_id: &str) -> Result<Receipt, ApiError> {
    let invoice = api::payments::application_invoice(application_id).await?;
    api::payments::receipt(&invoice.id).await
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    use_title(move || i18n.t(PayKey::ReceiptTitle).to_string());
    let loaded = LocalResource::new(move || {
        let id = flow.id.get();
        async move { load(&id).await }
    });
    let back = move || {
        view! {
            <p class="back-link"><A href=flow.path("")>{move || i18n.t(PayKey::BackToApplication)}</A></p>
        }
    };
    let content = move || match loaded.get() {
        None => view! { <Loading label=PayKey::LoadingReceipt/> }.into_any(),
        Some(Err(error)) if error.code() == Some("not_paid") || error.status() == Some(404) => {
            let awaiting = flow.application.with_untracked(|a| {
                a.as_ref()
                    .is_some_and(|a| a.status == ApplicationStatus::AwaitingPayment)
            });
            view! {
                <h1 tabindex="-1">{move || i18n.t(PayKey::NotPaidTitle)}</h1>
                <p>{move || i18n.t(PayKey::NotPaidBody)}</p>
                {awaiting.then(|| view! {
                    <p><A href=flow.path("pay") attr:class="button">{move || i18n.t(PayKey::PayNow)}</A></p>
                })}
            }
            .into_any()
        }
        Some(Err(error)) => view! {
            <h1 tabindex="-1">{move || i18n.t(PayKey::ReceiptTitle)}</h1>
            <LoadError error on_retry=move |()| loaded.refetch()/>
        }
        .into_any(),
        Some(Ok(receipt)) => view! { <ReceiptView receipt/> }.into_any(),
    };
    view! {
        {back}
        {content}
    }
}

#[component]
fn ReceiptView(receipt: Receipt) -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog();
    let service_id = receipt.service_id.clone();
    let service = move || {
        catalog
            .get()
            .and_then(Result::ok)
            .and_then(|c| {
                c.service(&service_id)
                    .map(|s| s.name.get(i18n.lang()).to_string())
            })
            .unwrap_or_else(|| service_id.clone())
    };
    let payment = receipt.payment;
    let method = payment.method;
    let paid_at = receipt.paid_at.clone();
    let row = |key: PayKey, value: AnyView| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t(key)}</dt>
                <dd class="summary-list__value">{value}</dd>
            </div>
        }
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <article class="receipt" aria-labelledby="receipt-title">
            <h1 id="receipt-title" tabindex="-1">{move || i18n.t(PayKey::ReceiptTitle)}</h1>
            <p><strong class="tag pay-tag pay-tag--paid">{move || i18n.t(PayKey::PaidTag)}</strong></p>
            <dl class="summary-list">
                {row(PayKey::ReceiptNumber, view! { <span class="reference">{receipt.receipt_number.clone()}</span> }.into_any())}
                {row(PayKey::ApplicationReference, view! { <span class="reference">{receipt.application_reference.clone()}</span> }.into_any())}
                {row(PayKey::Service, view! { <span>{service}</span> }.into_any())}
                {row(PayKey::PaidBy, view! { <span>{receipt.payer_name.clone()}</span> }.into_any())}
                {row(PayKey::DatePaid, view! { <span>{move || local_date_time(i18n.lang(), &paid_at)}</span> }.into_any())}
                {row(PayKey::Method, view! { <span>{move || i18n.t(method_key(method))}</span> }.into_any())}
                {payment.mpesa_code.clone().map(|code| row(PayKey::MpesaCode, view! { <span class="reference">{code}</span> }.into_any()))}
                {payment.card_last4.clone().map(|last4| row(PayKey::CardEnding, view! { <span class="reference">{last4}</span> }.into_any()))}
                {payment.phone_masked.clone().map(|phone| row(PayKey::PaidFrom, view! { <span>{phone}</span> }.into_any()))}
                {row(PayKey::AccountNumber, view! { <span class="reference">{receipt.invoice.account_number.clone()}</span> }.into_any())}
                {receipt.outcome.clone().map(|outcome| row(PayKey::Outcome, view! {
                    <span>{move || njia_domain::api::payments::note_in(&outcome, i18n.lang() == crate::i18n::Lang::Sw).to_string()}</span>
                }.into_any()))}
            </dl>
            <InvoiceItems items=receipt.invoice.items.clone() total=receipt.invoice.total/>
        </article>
        <div class="button-group no-print">
            <button type="button" class="button" on:click=print>{move || i18n.t(PayKey::Print)}</button>
        </div>
    }
}
