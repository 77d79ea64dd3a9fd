//! Paying for an application and what follows: `/applications/:id/pay` (the invoice and the three ways to
//! pay), `/applications/:id/receipt` (printable), `/payments/:id/card-return` (back from the card gateway)
//! and `/account/payments` (the person's payments). Also the parts the application's own pages show: "Pay
//! now" while it waits for payment and "See your receipt" once paid.

pub mod card_return;
pub mod choose;
pub mod history;
pub mod receipt;

use leptos::prelude::*;
use leptos_router::components::A;
use njia_domain::Money;
use njia_domain::api::applications::ApplicationStatus;
use njia_domain::api::invoices::{InvoiceItem, InvoiceStatus};
use njia_domain::api::payments::{PaymentProblem, PaymentStatus};
use njia_domain::catalog::Fee;
use wasm_bindgen::{JsCast, JsValue};

use crate::api;
use crate::i18n::pay::{PayKey, status_key};
use crate::i18n::{Lang, use_i18n};
use crate::pages::apply::use_flow;

/// How often a pending M-Pesa prompt is asked about.
pub const POLL_INTERVAL_MS: u32 = 2_000;
/// How long the page waits for M-Pesa before saying it has not heard back.
pub const POLL_LIMIT_MS: f64 = 120_000.0;

/// What the page does after learning where an M-Pesa prompt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterPoll {
    KeepWaiting,
    Paid,
    Failed(PaymentProblem),
    /// No answer from M-Pesa (the server gave up, or the page's own time ran out): the code form.
    Unconfirmed,
    /// Something changed that the invoice explains better (money for an invoice already paid).
    Reload,
}

/// The give-up rule: a pending prompt is waited for until `POLL_LIMIT_MS` after `since_ms`; a final answer
/// ends the wait at once. `status` is `None` when the poll itself got no answer (offline).
pub fn after_poll(
    status: Option<(PaymentStatus, Option<PaymentProblem>)>,
    since_ms: f64,
    now_ms: f64,
) -> AfterPoll {
    let timed_out = now_ms - since_ms >= POLL_LIMIT_MS;
    match status {
        Some((PaymentStatus::Paid, _)) => AfterPoll::Paid,
        Some((PaymentStatus::Failed, problem)) => {
            AfterPoll::Failed(problem.unwrap_or(PaymentProblem::Other))
        }
        Some((PaymentStatus::Unconfirmed, _)) => AfterPoll::Unconfirmed,
        Some((PaymentStatus::RefundDue, _)) => AfterPoll::Reload,
        Some((PaymentStatus::Pending, _)) | None if timed_out => AfterPoll::Unconfirmed,
        Some((PaymentStatus::Pending, _)) | None => AfterPoll::KeepWaiting,
    }
}

/// Why a payment failed, in the domain's words for the language.
pub fn problem_message(lang: Lang, problem: Option<PaymentProblem>) -> &'static str {
    let problem = problem.unwrap_or(PaymentProblem::Other);
    match lang {
        Lang::En => problem.message_en(),
        Lang::Sw => problem.message_sw(),
    }
}

/// Whether this browser lets the page write to the clipboard (an old browser, or plain HTTP, does not:
/// then the numbers stay selectable and no button is offered).
pub fn clipboard_available() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("clipboard")).ok())
        .is_some_and(|c| !c.is_undefined() && !c.is_null())
}

/// `navigator.clipboard.writeText(text)`; `false` when the browser refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(clipboard) = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
    else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(write) = write else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else {
        return false;
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The lines of an invoice and its total, as a table (the pay page and the receipt).
#[component]
pub fn InvoiceItems(items: Vec<InvoiceItem>, total: Money) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="pay-table">
            <caption class="visually-hidden">{move || i18n.t(PayKey::WhatYouPay)}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(PayKey::Item)}</th>
                    <th scope="col" class="pay-table__amount">{move || i18n.t(PayKey::Amount)}</th>
                </tr>
            </thead>
            <tbody>
                {items.into_iter().map(|item| {
                    let description = item.description;
                    view! {
                        <tr>
                            <td>{move || description.get(i18n.lang()).to_string()}</td>
                            <td class="pay-table__amount">{item.amount.to_string()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row">{move || i18n.t(PayKey::Total)}</th>
                    <td class="pay-table__amount pay-table__total">{total.to_string()}</td>
                </tr>
            </tfoot>
        </table>
    }
}

/// A payment's status as a tag.
#[component]
pub fn PaymentStatusTag(status: PaymentStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("tag pay-tag pay-tag--{}", status.as_str());
    view! { <strong class=class>{move || i18n.t(status_key(status))}</strong> }
}

/// On an application's pages: "Pay now" while it waits for payment, "See your receipt" once its invoice is
/// paid (asked of the server only for a service with a fee that has been sent).
#[component]
pub fn PaymentLinks() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let status = flow
        .application
        .with_untracked(|a| a.as_ref().map(|a| a.status));
    let has_fee = flow
        .service_untracked()
        .is_some_and(|s| !matches!(s.fee, Fee::Free));
    match status {
        Some(ApplicationStatus::AwaitingPayment) => view! {
            <p><A href=flow.path("pay") attr:class="button button--start">{move || i18n.t(PayKey::PayNow)}</A></p>
        }
        .into_any(),
        Some(status) if has_fee && status != ApplicationStatus::Draft => {
            let id = flow.id.get_untracked();
            let invoice = LocalResource::new(move || {
                let id = id.clone();
                async move { api::payments::application_invoice(&id).await }
            });
            let paid = move || {
                invoice
                    .get()
                    .and_then(Result::ok)
                    .is_some_and(|i| i.status == InvoiceStatus::Paid)
            };
            view! {
                {move || paid().then(|| view! {
                    <p><A href=flow.path("receipt")>{move || i18n.t(PayKey::SeeReceipt)}</A></p>
                })}
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: f64 = 1_000_000.0;

    #[test]
    fn a_pending_prompt_is_waited_for_two_minutes_then_given_up() {
        let pending = Some((PaymentStatus::Pending, None));
        assert_eq!(after_poll(pending, START, START), AfterPoll::KeepWaiting);
        assert_eq!(
            after_poll(pending, START, START + POLL_LIMIT_MS - 1.0),
            AfterPoll::KeepWaiting
        );
        assert_eq!(
            after_poll(pending, START, START + POLL_LIMIT_MS),
            AfterPoll::Unconfirmed
        );
        // Offline polls keep waiting too, within the same limit.
        assert_eq!(
            after_poll(None, START, START + 10_000.0),
            AfterPoll::KeepWaiting
        );
        assert_eq!(
            after_poll(None, START, START + POLL_LIMIT_MS + 1.0),
            AfterPoll::Unconfirmed
        );
    }

    #[test]
    fn a_final_answer_ends_the_wait_at_once() {
        assert_eq!(
            after_poll(Some((PaymentStatus::Paid, None)), START, START),
            AfterPoll::Paid
        );
        assert_eq!(
            after_poll(
                Some((PaymentStatus::Failed, Some(PaymentProblem::WrongPin))),
                START,
                START
            ),
            AfterPoll::Failed(PaymentProblem::WrongPin)
        );
        assert_eq!(
            after_poll(Some((PaymentStatus::Failed, None)), START, START),
            AfterPoll::Failed(PaymentProblem::Other)
        );
        assert_eq!(
            after_poll(Some((PaymentStatus::Unconfirmed, None)), START, START),
            AfterPoll::Unconfirmed
        );
        assert_eq!(
            after_poll(Some((PaymentStatus::RefundDue, None)), START, START),
            AfterPoll::Reload
        );
        // Paid after the limit is still paid.
        assert_eq!(
            after_poll(
                Some((PaymentStatus::Paid, None)),
                START,
                START + 10.0 * POLL_LIMIT_MS
            ),
            AfterPoll::Paid
        );
    }

    #[test]
    fn problems_are_told_in_the_domains_words() {
        assert_eq!(
            problem_message(Lang::En, Some(PaymentProblem::WrongPin)),
            PaymentProblem::WrongPin.message_en()
        );
        assert_eq!(
            problem_message(Lang::Sw, None),
            PaymentProblem::Other.message_sw()
        );
    }
}
