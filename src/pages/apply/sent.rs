//! `/applications/:id/sent`: the confirmation, with the reference large enough to copy from the screen.

use leptos::prelude::*;
use leptos_router::components::A;
use njia_domain::api::applications::ApplicationStatus;
use njia_domain::api::invoices::{invoice_items, invoice_total};

use super::use_flow;
use crate::catalog::use_catalog;
use crate::i18n::apply::ApplyKey;
use crate::i18n::use_i18n;
use crate::pages::pay::PaymentLinks;
use crate::title::use_title;

#[component]
pub fn SentPage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let catalog = use_catalog();
    use_title(move || i18n.t(ApplyKey::SentTitle).to_string());
    let service = flow.service_untracked();
    let agency = move || {
        let service = service.as_ref()?;
        let catalog = catalog.get()?.ok()?;
        Some(catalog.agency(&service.agency)?.short_name.clone())
    };
    let application = move || flow.application.get();
    let next = move || {
        let application = application()?;
        let service = flow.service()?;
        Some(
            if application.status == ApplicationStatus::AwaitingPayment {
                let amount = invoice_items(&service, &application.answers)
                    .and_then(|items| invoice_total(&items))
                    .map(|total| total.to_string())
                    .unwrap_or_default();
                i18n.t(ApplyKey::NextPayment).replace("{amount}", &amount)
            } else {
                i18n.t(ApplyKey::NextReview)
                    .replace("{agency}", &agency().unwrap_or_default())
            },
        )
    };
    // "Pay now" is the main action while payment is awaited.
    let view_class = move || {
        if application().is_some_and(|a| a.status == ApplicationStatus::AwaitingPayment) {
            "button button--secondary"
        } else {
            "button"
        }
    };
    view! {
        <div class="panel panel--confirmation">
            <h1 tabindex="-1" class="panel__title">{move || i18n.t(ApplyKey::SentTitle)}</h1>
            <div class="panel__body">
                {move || i18n.t(ApplyKey::YourReference)}<br/>
                <strong class="reference">{move || application().and_then(|a| a.reference).unwrap_or_default()}</strong>
            </div>
        </div>
        <p>{move || i18n.t(ApplyKey::SentSms)}</p>
        <h2>{move || i18n.t(ApplyKey::WhatNext)}</h2>
        <p>{next}</p>
        <PaymentLinks/>
        <p><A href=flow.path("") attr:class=view_class>{move || i18n.t(ApplyKey::ViewApplication)}</A></p>
        <p><A href="/applications">{move || i18n.t(ApplyKey::MyApplications)}</A></p>
    }
}
