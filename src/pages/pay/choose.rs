//! `/applications/:id/pay`: the invoice (its lines, total and account number) and the three ways to pay it,
//! each a section with its own heading: M-Pesa on this phone (a prompt, then "Check your phone" while the
//! page asks the server every two seconds, for at most two minutes), M-Pesa Paybill (numbered steps with
//! copy buttons, then "I have paid" with the code of M-Pesa's SMS), and card (only when the server has a
//! gateway). Everything comes from the server, so a reload resumes where the person was.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::Money;
use njia_domain::accounts::parse_phone;
use njia_domain::api::invoices::InvoiceStatus;
use njia_domain::api::notices::Notice;
use njia_domain::api::payments::{
    InvoiceWithPayments, Payment, PaymentMethod, PaymentProblem, PaymentStatus, parse_mpesa_code,
};

use super::{
    AfterPoll, InvoiceItems, POLL_INTERVAL_MS, after_poll, clipboard_available, copy_text,
    problem_message,
};
use crate::api::upload::random_uuid;
use crate::api::{self, ApiError};
use crate::components::form::{ErrorSummary, Problems, SubmitButton, TextField};
use crate::components::service_notices::MaintenanceRefusal;
use crate::components::status::{LoadError, Loading};
use crate::i18n::pay::PayKey;
use crate::i18n::use_i18n;
use crate::pages::account::phone_for_people;
use crate::pages::apply::{Flow, use_flow};
use crate::pages::sign_in::{FormFailure, FormState, focus_id, problem, rule_problem};
use crate::session::use_session;
use crate::title::use_title;

const PHONE_ID: &str = "mpesa-phone";
const STK_CODE_ID: &str = "stk-code";
const PAYBILL_CODE_ID: &str = "paybill-code";

/// `GET` the application's invoice, then the invoice with its payments.
async fn load(application_id: &str) -> Result<InvoiceWithPayments, ApiError> {
    let invoice = api::payments::application_invoice(application_id).await?;
    api::payments::invoice(&invoice.id).await
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A form that shares the page's one error summary.
fn form_with(problems: Problems) -> FormState {
    FormState {
        problems,
        failure: RwSignal::new(None),
        busy: RwSignal::new(false),
    }
}

/// `false` once the component that made it is gone: an answer that arrives after the person left the page
/// must not move them or touch the page's state.
fn alive_flag() -> Arc<AtomicBool> {
    let alive = Arc::new(AtomicBool::new(true));
    on_cleanup({
        let alive = alive.clone();
        move || alive.store(false, Ordering::SeqCst)
    });
    alive
}

/// To the receipt; the application moved on (awaiting payment → sent), so its pages get the new status.
fn go_to_receipt(flow: Flow, navigate: &impl Fn(&str, leptos_router::NavigateOptions)) {
    let Some(id) = flow.id.try_get_untracked() else {
        return;
    };
    spawn_local(async move {
        if let Ok(application) = api::applications::fetch(&id).await {
            let _ = flow.application.try_set(Some(application));
        }
    });
    navigate(&flow.path("receipt"), Default::default());
}

#[component]
pub fn PayPage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    use_title(move || i18n.t(PayKey::PayTitle).to_string());
    let loaded = LocalResource::new(move || {
        let id = flow.id.get();
        async move { load(&id).await }
    });
    let reload = Callback::new(move |()| loaded.refetch());
    let back = move || {
        view! {
            <p class="back-link"><A href=flow.path("")>{move || i18n.t(PayKey::BackToApplication)}</A></p>
        }
    };
    move || match loaded.get() {
        None => view! { <Loading label=PayKey::LoadingInvoice/> }.into_any(),
        Some(Err(ApiError::Api { status: 404, .. })) => view! {
            {back()}
            <h1 tabindex="-1">{move || i18n.t(PayKey::NothingToPayTitle)}</h1>
            <p>{move || i18n.t(PayKey::NothingToPayBody)}</p>
        }
        .into_any(),
        Some(Err(error)) => view! {
            {back()}
            <h1 tabindex="-1">{move || i18n.t(PayKey::PayTitle)}</h1>
            <LoadError error on_retry=reload/>
        }
        .into_any(),
        Some(Ok(data)) => view! { {back()} <PayContent data reload/> }.into_any(),
    }
}

#[component]
fn PayContent(data: InvoiceWithPayments, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let service_name = flow.service_untracked().map(|s| s.name);
    let caption = move || {
        service_name
            .as_ref()
            .map(|n| n.get(i18n.lang()).to_string())
            .unwrap_or_default()
    };
    let heading = move || {
        view! {
            <p class="caption">{caption.clone()}</p>
            <h1 tabindex="-1">{move || i18n.t(PayKey::PayTitle)}</h1>
        }
    };
    let invoice = data.invoice;
    match invoice.status {
        InvoiceStatus::Paid => {
            return view! {
                {heading()}
                <p><strong class="tag pay-tag pay-tag--paid">{move || i18n.t(PayKey::PaidTag)}</strong></p>
                <p>{move || i18n.t(PayKey::AlreadyPaid)}</p>
                <p><A href=flow.path("receipt") attr:class="button">{move || i18n.t(PayKey::SeeReceipt)}</A></p>
            }
            .into_any();
        }
        InvoiceStatus::Cancelled | InvoiceStatus::Expired => {
            let key = if invoice.status == InvoiceStatus::Cancelled {
                PayKey::InvoiceClosedCancelled
            } else {
                PayKey::InvoiceClosedExpired
            };
            return view! {
                {heading()}
                <p>{move || i18n.t(key)}</p>
            }
            .into_any();
        }
        InvoiceStatus::Pending => {}
    }
    let problems = Problems::default();
    let reference = flow
        .application
        .with_untracked(|a| a.as_ref().and_then(|a| a.reference.clone()));
    let latest = data.payments.into_iter().next();
    let account_number = invoice.account_number.clone();
    view! {
        <ErrorSummary problems/>
        {heading()}
        <h2>{move || i18n.t(PayKey::WhatYouPay)}</h2>
        <InvoiceItems items=invoice.items.clone() total=invoice.total/>
        <dl class="summary-list">
            {reference.map(|reference| view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{move || i18n.t(PayKey::ApplicationReference)}</dt>
                    <dd class="summary-list__value reference">{reference}</dd>
                </div>
            })}
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t(PayKey::AccountNumber)}</dt>
                <dd class="summary-list__value reference">{account_number.clone()}</dd>
            </div>
        </dl>
        <p>{move || i18n.t(PayKey::ChooseWay)}</p>
        <StkSection invoice_id=invoice.id.clone() amount=invoice.total latest problems reload/>
        <PaybillSection
            invoice_id=invoice.id.clone()
            paybill_number=data.paybill_number
            account_number=invoice.account_number.clone()
            amount=invoice.total
            problems
        />
        {data.card_available.then(|| view! { <CardSection invoice_id=invoice.id.clone() reload/> })}
    }
    .into_any()
}

/// Where the M-Pesa prompt stands.
#[derive(Debug, Clone, PartialEq)]
enum Stk {
    /// The phone form.
    Choose,
    /// "Check your phone", polling.
    Waiting { phone_masked: Option<String> },
    /// M-Pesa said no: the reason, and the form to try again.
    Failed(PaymentProblem),
    /// M-Pesa could not be reached (503): try again, or pay by Paybill.
    Unavailable,
    /// No answer in time: the code form, or try again.
    Unconfirmed,
}

/// Where the page starts after a reload: a prompt still pending is waited for again; one left unconfirmed
/// offers the code form.
fn resume(latest: Option<&Payment>) -> Stk {
    match latest {
        Some(p) if p.method == PaymentMethod::MpesaStk && p.status == PaymentStatus::Pending => {
            Stk::Waiting {
                phone_masked: p.phone_masked.clone(),
            }
        }
        Some(p)
            if p.method == PaymentMethod::MpesaStk && p.status == PaymentStatus::Unconfirmed =>
        {
            Stk::Unconfirmed
        }
        _ => Stk::Choose,
    }
}

#[component]
fn StkSection(
    invoice_id: String,
    amount: Money,
    latest: Option<Payment>,
    problems: Problems,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let session = use_session();
    let navigate = use_navigate();
    let form = form_with(problems);
    let phone = RwSignal::new(
        session
            .account()
            .map(|a| phone_for_people(&a.phone))
            .unwrap_or_default(),
    );
    let state = RwSignal::new(resume(latest.as_ref()));
    let offline = RwSignal::new(false);
    let maintenance = RwSignal::new(None::<Notice>);
    let alive = alive_flag();
    // The key of the attempt not yet answered, with the number it was for: a retry after a dropped
    // connection is the same attempt; any answer from the server ends it.
    let key = StoredValue::new(None::<(String, String)>);
    // Each wait has a number; stopping, a new wait or leaving the page changes it, which ends the old one.
    let generation = Arc::new(AtomicU32::new(0));
    on_cleanup({
        let generation = generation.clone();
        move || {
            generation.fetch_add(1, Ordering::SeqCst);
        }
    });

    let poll = {
        let generation = generation.clone();
        let navigate = navigate.clone();
        move |payment_id: String| {
            let mine = generation.fetch_add(1, Ordering::SeqCst) + 1;
            let generation = generation.clone();
            let navigate = navigate.clone();
            let since = now_ms();
            offline.set(false);
            spawn_local(async move {
                loop {
                    TimeoutFuture::new(POLL_INTERVAL_MS).await;
                    if generation.load(Ordering::SeqCst) != mine {
                        return;
                    }
                    let answer = api::payments::payment(&payment_id).await;
                    if generation.load(Ordering::SeqCst) != mine {
                        return;
                    }
                    let status = match &answer {
                        Ok(p) => Some((p.status, p.problem)),
                        Err(error) => {
                            if session.handle_error(error, &navigate) {
                                return;
                            }
                            None
                        }
                    };
                    offline.set(status.is_none());
                    match after_poll(status, since, now_ms()) {
                        AfterPoll::KeepWaiting => continue,
                        AfterPoll::Paid => go_to_receipt(flow, &navigate),
                        AfterPoll::Failed(problem) => {
                            state.set(Stk::Failed(problem));
                            request_animation_frame(|| focus_id("mpesa-failed"));
                        }
                        AfterPoll::Unconfirmed => {
                            state.set(Stk::Unconfirmed);
                            request_animation_frame(|| focus_id("unconfirmed-title"));
                        }
                        AfterPoll::Reload => reload.run(()),
                    }
                    return;
                }
            });
        }
    };
    // A prompt found pending after a reload is waited for again.
    if let (Stk::Waiting { .. }, Some(p)) = (state.get_untracked(), latest.as_ref()) {
        poll(p.id.clone());
    }

    let on_payment = {
        let poll = poll.clone();
        let navigate = navigate.clone();
        move |payment: Payment| match payment.status {
            PaymentStatus::Pending => {
                state.set(Stk::Waiting {
                    phone_masked: payment.phone_masked.clone(),
                });
                poll(payment.id);
                request_animation_frame(|| focus_id("check-phone-title"));
            }
            PaymentStatus::Paid => go_to_receipt(flow, &navigate),
            PaymentStatus::Failed => {
                state.set(Stk::Failed(
                    payment.problem.unwrap_or(PaymentProblem::Other),
                ));
                request_animation_frame(|| focus_id("mpesa-failed"));
            }
            PaymentStatus::Unconfirmed => {
                state.set(Stk::Unconfirmed);
                request_animation_frame(|| focus_id("unconfirmed-title"));
            }
            PaymentStatus::RefundDue => reload.run(()),
        }
    };

    let send = {
        let invoice_id = invoice_id.clone();
        let navigate = navigate.clone();
        move || {
            let lang = i18n.lang();
            let number = match parse_phone(&phone.get_untracked()) {
                Ok(number) => number.as_str().to_string(),
                Err(p) => {
                    form.problems.set(vec![rule_problem(
                        lang, PHONE_ID, p.field, p.code, &p.message,
                    )]);
                    return;
                }
            };
            if !form.start() {
                return;
            }
            maintenance.set(None);
            let attempt = match key.get_value() {
                Some((k, for_number)) if for_number == number => k,
                _ => {
                    let k = random_uuid();
                    key.set_value(Some((k.clone(), number.clone())));
                    k
                }
            };
            let (invoice_id, navigate, on_payment, alive) = (
                invoice_id.clone(),
                navigate.clone(),
                on_payment.clone(),
                alive.clone(),
            );
            spawn_local(async move {
                let answer = api::payments::pay_mpesa(&invoice_id, &number, &attempt).await;
                if !alive.load(Ordering::SeqCst) {
                    return;
                }
                match answer {
                    Ok(payment) => {
                        key.set_value(None);
                        form.succeed();
                        on_payment(payment);
                    }
                    Err(ApiError::Network) => {
                        form.done();
                        form.failure.set(Some(ApiError::Network));
                    }
                    Err(error) if session.handle_error(&error, &navigate) => form.done(),
                    Err(error) => {
                        key.set_value(None);
                        match (error.status(), error.code()) {
                            (_, Some("invoice_not_pending")) => {
                                form.done();
                                reload.run(());
                            }
                            (_, Some("maintenance")) => {
                                form.done();
                                maintenance.set(error.maintenance().cloned());
                                request_animation_frame(|| focus_id("maintenance-refusal"));
                            }
                            (Some(503), _) | (_, Some("unavailable")) => {
                                form.succeed();
                                state.set(Stk::Unavailable);
                                request_animation_frame(|| focus_id("mpesa-unavailable"));
                            }
                            _ => form.fail(lang, error, &[PHONE_ID]),
                        }
                    }
                }
            });
        }
    };
    let on_retry = {
        let send = send.clone();
        move |()| send()
    };
    let stop = {
        let generation = generation.clone();
        move |_| {
            generation.fetch_add(1, Ordering::SeqCst);
            state.set(Stk::Choose);
            offline.set(false);
            request_animation_frame(|| focus_id("mpesa-title"));
        }
    };

    let phone_form = move |label: PayKey| {
        let send = send.clone();
        let on_retry = on_retry.clone();
        view! {
            <form novalidate on:submit=move |ev| {
                ev.prevent_default();
                send();
            }>
                <TextField
                    id=PHONE_ID
                    label=Signal::derive(move || i18n.t(PayKey::PhoneLabel).to_string())
                    hint=Signal::derive(move || i18n.t(PayKey::PhoneHint).to_string())
                    value=phone
                    error=form.problems.for_field(PHONE_ID)
                    input_type="tel"
                    autocomplete="tel"
                    inputmode="tel"
                    width="input--20ch"
                />
                {move || form.failure.with(|f| matches!(f, Some(ApiError::Network))).then(|| view! {
                    <p class="notice notice--error" role="alert">{i18n.t(PayKey::SendFailedNetwork)}</p>
                })}
                {move || maintenance.get().map(|notice| view! { <MaintenanceRefusal notice id="maintenance-refusal"/> })}
                <FormFailure form on_retry/>
                <SubmitButton label=Signal::derive(move || i18n.t(label).to_string()) busy=form.busy/>
            </form>
        }
    };

    let body = move || {
        match state.get() {
        Stk::Choose => view! {
            <p>{move || i18n.t(PayKey::StkIntro)}</p>
            {phone_form(PayKey::SendRequest)}
        }
        .into_any(),
        Stk::Waiting { phone_masked } => view! {
            <div class="pay-waiting">
                <h3 id="check-phone-title" class="pay-waiting__title" tabindex="-1">{move || i18n.t(PayKey::CheckPhoneTitle)}</h3>
                <p class="lead">{move || i18n.t(PayKey::CheckPhoneBody).replace("{amount}", &amount.to_string())}</p>
                {phone_masked.map(|masked| view! {
                    <p>{move || i18n.t(PayKey::SentTo).replace("{phone}", &masked)}</p>
                })}
                <div class="loading" role="status" aria-live="polite">
                    <span class="loading__spinner" aria-hidden="true"></span>
                    <span>{move || if offline.get() { i18n.t(PayKey::WaitingOffline) } else { i18n.t(PayKey::WaitingStatus) }}</span>
                </div>
                <p class="hint">{move || i18n.t(PayKey::StopWaitingHint)}</p>
                <button type="button" class="button button--secondary" on:click=stop.clone()>
                    {move || i18n.t(PayKey::StopWaiting)}
                </button>
            </div>
        }
        .into_any(),
        Stk::Failed(problem) => view! {
            <div id="mpesa-failed" class="notice notice--error" role="alert" tabindex="-1">
                <h3 class="pay-notice__title">{move || i18n.t(PayKey::PaymentFailedTitle)}</h3>
                <p>{move || problem_message(i18n.lang(), Some(problem))}</p>
            </div>
            {phone_form(PayKey::TryAgain)}
        }
        .into_any(),
        Stk::Unavailable => view! {
            <div id="mpesa-unavailable" class="notice notice--error" role="alert" tabindex="-1">
                <p>{move || i18n.t(PayKey::MpesaUnavailable)}</p>
                <p><a href="#paybill-title">{move || i18n.t(PayKey::PayByPaybillInstead)}</a></p>
            </div>
            {phone_form(PayKey::TryAgain)}
        }
        .into_any(),
        Stk::Unconfirmed => {
            let on_paid = {
                let navigate = navigate.clone();
                Callback::new(move |()| go_to_receipt(flow, &navigate))
            };
            view! {
                <div class="notice notice--warning">
                    <h3 id="unconfirmed-title" class="pay-notice__title" tabindex="-1">{move || i18n.t(PayKey::UnconfirmedTitle)}</h3>
                    <p>{move || i18n.t(PayKey::UnconfirmedBody)}</p>
                </div>
                <CodeForm input_id=STK_CODE_ID invoice_id=invoice_id.clone() problems on_paid/>
                {phone_form(PayKey::TryAgain)}
            }
            .into_any()
        }
    }
    };

    view! {
        <section class="pay-way" aria-labelledby="mpesa-title">
            <h2 id="mpesa-title" tabindex="-1">{move || i18n.t(PayKey::StkTitle)}</h2>
            {body}
        </section>
    }
}

/// "I have paid": the code of M-Pesa's SMS, checked on the phone first. A code the server does not know yet
/// is said plainly; an invoice already paid is a success.
#[component]
fn CodeForm(
    input_id: &'static str,
    invoice_id: String,
    problems: Problems,
    on_paid: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let form = form_with(problems);
    let code = RwSignal::new(String::new());
    let alive = alive_flag();
    let submit = move || {
        let lang = i18n.lang();
        let Some(checked) = parse_mpesa_code(&code.get_untracked()) else {
            form.problems
                .set(vec![problem(input_id, i18n.t(PayKey::CodeInvalid))]);
            return;
        };
        if !form.start() {
            return;
        }
        let (invoice_id, navigate, alive) = (invoice_id.clone(), navigate.clone(), alive.clone());
        spawn_local(async move {
            let answer = api::payments::paybill_code(&invoice_id, &checked).await;
            if !alive.load(Ordering::SeqCst) {
                return;
            }
            match answer {
                Ok(payment) if payment.status == PaymentStatus::Paid => {
                    form.succeed();
                    on_paid.run(());
                }
                // Already paid (by this code or another way): the receipt says so.
                Err(error) if error.code() == Some("invoice_not_pending") => {
                    form.succeed();
                    on_paid.run(());
                }
                Ok(_) => {
                    form.done();
                    form.problems
                        .set(vec![problem(input_id, i18n.t(PayKey::CodeNotFound))]);
                }
                Err(error) if error.code() == Some("payment_not_found") => {
                    form.done();
                    form.problems
                        .set(vec![problem(input_id, i18n.t(PayKey::CodeNotFound))]);
                }
                Err(error) if error.status() == Some(422) => {
                    form.done();
                    form.problems
                        .set(vec![problem(input_id, i18n.t(PayKey::CodeInvalid))]);
                }
                Err(error) if session.handle_error(&error, &navigate) => form.done(),
                Err(error) => form.fail(lang, error, &[input_id]),
            }
        });
    };
    let on_retry = {
        let submit = submit.clone();
        move |()| submit()
    };
    view! {
        <form novalidate class="pay-code" on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <TextField
                id=input_id
                label=Signal::derive(move || i18n.t(PayKey::CodeLabel).to_string())
                hint=Signal::derive(move || i18n.t(PayKey::CodeHint).to_string())
                value=code
                error=form.problems.for_field(input_id)
                autocomplete="off"
                width="input--code"
                spellcheck_off=true
            />
            <FormFailure form on_retry/>
            <SubmitButton label=Signal::derive(move || i18n.t(PayKey::ConfirmPayment).to_string()) busy=form.busy/>
        </form>
    }
}

#[component]
fn PaybillSection(
    invoice_id: String,
    paybill_number: String,
    account_number: String,
    amount: Money,
    problems: Problems,
) -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let navigate = use_navigate();
    let copied = RwSignal::new(None::<PayKey>);
    let can_copy = clipboard_available();
    let copy_button = move |value: String, hidden: PayKey, done: PayKey| {
        can_copy.then(|| {
            view! {
                <button type="button" class="button button--secondary pay-copy" on:click=move |_| {
                    let value = value.clone();
                    copied.set(None);
                    spawn_local(async move {
                        let ok = copy_text(&value).await;
                        let _ = copied.try_set(Some(if ok { done } else { PayKey::CopyFailed }));
                    });
                }>
                    {move || i18n.t(PayKey::Copy)}
                    <span class="visually-hidden">" " {move || i18n.t(hidden)}</span>
                </button>
            }
        })
    };
    let on_paid = Callback::new(move |()| go_to_receipt(flow, &navigate));
    view! {
        <section class="pay-way" aria-labelledby="paybill-title">
            <h2 id="paybill-title" tabindex="-1">{move || i18n.t(PayKey::PaybillTitle)}</h2>
            <p>{move || i18n.t(PayKey::PaybillIntro)}</p>
            <ol class="pay-steps">
                <li>{move || i18n.t(PayKey::StepMpesa)}</li>
                <li>{move || i18n.t(PayKey::StepLipa)}</li>
                <li>{move || i18n.t(PayKey::StepPayBill)}</li>
                <li>
                    {move || i18n.t(PayKey::StepBusiness)} " "
                    <span class="pay-steps__value">
                        <strong class="pay-number">{paybill_number.clone()}</strong>
                        {copy_button(paybill_number.clone(), PayKey::CopyBusinessHidden, PayKey::CopiedBusiness)}
                    </span>
                </li>
                <li>
                    {move || i18n.t(PayKey::StepAccount)} " "
                    <span class="pay-steps__value">
                        <strong class="pay-number">{account_number.clone()}</strong>
                        {copy_button(account_number.clone(), PayKey::CopyAccountHidden, PayKey::CopiedAccount)}
                    </span>
                </li>
                <li>{move || i18n.t(PayKey::StepAmount)} " " <strong class="pay-number">{amount.to_string()}</strong></li>
                <li>{move || i18n.t(PayKey::StepPin)}</li>
            </ol>
            <p class="pay-copied" role="status">{move || copied.get().map(|key| i18n.t(key))}</p>
            <h3>{move || i18n.t(PayKey::IHavePaid)}</h3>
            <p>{move || i18n.t(PayKey::IHavePaidIntro)}</p>
            <CodeForm input_id=PAYBILL_CODE_ID invoice_id problems on_paid/>
        </section>
    }
}

/// "Continue to card payment": the server opens a checkout at the gateway, and the person goes there.
#[component]
fn CardSection(invoice_id: String, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let unavailable = RwSignal::new(false);
    let maintenance = RwSignal::new(None::<Notice>);
    let key = StoredValue::new(None::<String>);
    let alive = alive_flag();
    let submit = move || {
        if !form.start() {
            return;
        }
        maintenance.set(None);
        let attempt = key.get_value().unwrap_or_else(|| {
            let k = random_uuid();
            key.set_value(Some(k.clone()));
            k
        });
        let (invoice_id, navigate, alive) = (invoice_id.clone(), navigate.clone(), alive.clone());
        spawn_local(async move {
            let answer = api::payments::card(&invoice_id, &attempt).await;
            if !alive.load(Ordering::SeqCst) {
                return;
            }
            match answer {
                Ok(checkout) => {
                    key.set_value(None);
                    // Leaves the SPA for the gateway's page; the button stays busy until it has gone.
                    let left = web_sys::window()
                        .map(|w| w.location().assign(&checkout.redirect_url).is_ok())
                        .unwrap_or(false);
                    if !left {
                        form.done();
                        form.failure.set(Some(ApiError::Network));
                    }
                }
                Err(ApiError::Network) => {
                    form.done();
                    form.failure.set(Some(ApiError::Network));
                }
                Err(error) if session.handle_error(&error, &navigate) => form.done(),
                Err(error) => {
                    key.set_value(None);
                    form.done();
                    match error.code() {
                        Some("maintenance") => {
                            maintenance.set(error.maintenance().cloned());
                            request_animation_frame(|| focus_id("card-maintenance-refusal"));
                        }
                        Some("card_unavailable") => unavailable.set(true),
                        Some("invoice_not_pending") => reload.run(()),
                        _ => form.failure.set(Some(error)),
                    }
                }
            }
        });
    };
    let on_retry = {
        let submit = submit.clone();
        move |()| submit()
    };
    view! {
        <section class="pay-way" aria-labelledby="card-title">
            <h2 id="card-title">{move || i18n.t(PayKey::CardTitle)}</h2>
            {move || if unavailable.get() {
                view! { <p class="notice notice--error" role="alert">{i18n.t(PayKey::CardUnavailable)}</p> }.into_any()
            } else {
                let submit = submit.clone();
                let on_retry = on_retry.clone();
                view! {
                    <p>{move || i18n.t(PayKey::CardIntro)}</p>
                    <form novalidate on:submit=move |ev| {
                        ev.prevent_default();
                        submit();
                    }>
                        {move || maintenance.get().map(|notice| view! { <MaintenanceRefusal notice id="card-maintenance-refusal"/> })}
                        <FormFailure form on_retry/>
                        <SubmitButton label=Signal::derive(move || i18n.t(PayKey::ContinueToCard).to_string()) busy=form.busy/>
                    </form>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payment(method: PaymentMethod, status: PaymentStatus) -> Payment {
        Payment {
            id: "p".into(),
            invoice_id: "i".into(),
            application_id: "a".into(),
            method,
            status,
            amount: Money::shillings(1_050),
            phone_masked: Some("0712 •••• 78".into()),
            mpesa_code: None,
            card_last4: None,
            problem: None,
            created_at: "2026-03-27T08:30:00Z".into(),
            settled_at: None,
        }
    }

    #[test]
    fn a_reload_resumes_from_the_newest_payment() {
        assert_eq!(resume(None), Stk::Choose);
        assert_eq!(
            resume(Some(&payment(
                PaymentMethod::MpesaStk,
                PaymentStatus::Pending
            ))),
            Stk::Waiting {
                phone_masked: Some("0712 •••• 78".into())
            }
        );
        assert_eq!(
            resume(Some(&payment(
                PaymentMethod::MpesaStk,
                PaymentStatus::Unconfirmed
            ))),
            Stk::Unconfirmed
        );
        assert_eq!(
            resume(Some(&payment(
                PaymentMethod::MpesaStk,
                PaymentStatus::Failed
            ))),
            Stk::Choose
        );
        assert_eq!(
            resume(Some(&payment(PaymentMethod::Card, PaymentStatus::Pending))),
            Stk::Choose
        );
    }
}
