//! `/account/payments`: the person's payments, newest first, each with its service, reference, amount, way
//! of paying and status, and a link to the receipt once paid.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::api::payments::{PaymentHistoryEntry, PaymentStatus};
use njia_domain::catalog::Catalog;

use super::PaymentStatusTag;
use crate::api;
use crate::catalog::use_catalog;
use crate::components::status::{LoadError, Loading};
use crate::i18n::account::local_date_time;
use crate::i18n::apply::ApplyKey;
use crate::i18n::pay::{PayKey, method_key};
use crate::i18n::use_i18n;
use crate::session::use_session;
use crate::title::use_title;

/// Inside `/account`, which already lets only signed-in people in.
#[component]
pub fn PaymentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog();
    let session = use_session();
    let navigate = use_navigate();
    use_title(move || i18n.t(PayKey::YourPayments).to_string());
    let history = LocalResource::new(api::payments::history);
    Effect::new(move |_| {
        if let Some(Err(error)) = history.get() {
            session.handle_error(&error, &navigate);
        }
    });
    let content = move || match (history.get(), catalog.get()) {
        (Some(Err(error)), _) => {
            view! { <LoadError error on_retry=move |()| history.refetch()/> }.into_any()
        }
        (_, Some(Err(error))) => {
            view! { <LoadError error on_retry=move |()| catalog.retry()/> }.into_any()
        }
        (Some(Ok(history)), Some(Ok(catalog))) => {
            if history.items.is_empty() {
                view! { <p>{move || i18n.t(PayKey::NoPayments)}</p> }.into_any()
            } else {
                view! { <PaymentCards items=history.items catalog/> }.into_any()
            }
        }
        _ => view! { <Loading label=PayKey::LoadingPayments/> }.into_any(),
    };
    view! {
        <p class="back-link"><A href="/account">{move || i18n.t(PayKey::BackToAccount)}</A></p>
        <h1 tabindex="-1">{move || i18n.t(PayKey::YourPayments)}</h1>
        {content}
    }
}

#[component]
fn PaymentCards(
    items: Vec<PaymentHistoryEntry>,
    catalog: std::sync::Arc<Catalog>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="card-list">
            {items.into_iter().map(|entry| {
                let name = catalog.service(&entry.service_id).map(|s| s.name.clone());
                let service_id = entry.service_id.clone();
                let title = move || name.as_ref().map_or_else(|| service_id.clone(), |n| n.get(i18n.lang()).to_string());
                let payment = entry.payment;
                let at = payment.settled_at.clone().unwrap_or_else(|| payment.created_at.clone());
                let status = payment.status;
                let method = payment.method;
                let reference = entry.application_reference.clone();
                let receipt = (status == PaymentStatus::Paid).then(|| {
                    let href = format!("/applications/{}/receipt", payment.application_id);
                    let reference = reference.clone();
                    view! {
                        <p class="pay-history__receipt">
                            <A href=href>
                                {move || i18n.t(PayKey::SeeReceiptFor)}
                                <span class="visually-hidden">" " {move || i18n.t(PayKey::ReceiptForHidden).replace("{reference}", &reference)}</span>
                            </A>
                        </p>
                    }
                });
                view! {
                    <li class="card">
                        <h2 class="pay-history__title">{title}</h2>
                        <dl class="card__facts">
                            <div><dt>{move || i18n.t(PayKey::Date)}</dt><dd>{move || local_date_time(i18n.lang(), &at)}</dd></div>
                            <div><dt>{move || i18n.t(ApplyKey::Reference)}</dt><dd class="reference">{reference}</dd></div>
                            <div><dt>{move || i18n.t(PayKey::Amount)}</dt><dd>{payment.amount.to_string()}</dd></div>
                            <div><dt>{move || i18n.t(PayKey::Method)}</dt><dd>{move || i18n.t(method_key(method))}</dd></div>
                            <div><dt>{move || i18n.t(PayKey::Status)}</dt><dd><PaymentStatusTag status/></dd></div>
                        </dl>
                        {receipt}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
