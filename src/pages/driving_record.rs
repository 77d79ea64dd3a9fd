//! `/ntsa/record`: the signed-in driver's record — demerit points left and the offences of the last 3 years,
//! newest first — and the share code: a button makes a single-use code, valid 21 days, shown large with a
//! copy button, its expiry and what the employer does with it (the code and the last 8 characters of the
//! licence number, at `/check-licence`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::api::licence_check::{DrivingRecord, RecordedOffence, ShareCode, licence_tail};

use crate::api;
use crate::components::status::{LoadError, Loading};
use crate::i18n::account::local_date_time;
use crate::i18n::record::RecordKey;
use crate::i18n::use_i18n;
use crate::pages::pay::{clipboard_available, copy_text};
use crate::session::{SignedInOnly, use_session};
use crate::title::use_title;

#[component]
pub fn DrivingRecordPage() -> impl IntoView {
    view! { <SignedInOnly><RecordContent/></SignedInOnly> }
}

#[component]
fn RecordContent() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(RecordKey::RecordTitle).to_string());
    let record = LocalResource::new(api::licence_check::record);
    let content = move || match record.get() {
        Some(Err(error)) if error.code() == Some("no_licence") => {
            view! { <p>{move || i18n.t(RecordKey::NoLicence)}</p> }.into_any()
        }
        Some(Err(error)) => {
            view! { <LoadError error on_retry=move |()| record.refetch()/> }.into_any()
        }
        Some(Ok(record)) => view! { <Record record/> }.into_any(),
        None => view! { <Loading label=RecordKey::LoadingRecord/> }.into_any(),
    };
    view! {
        <p><A href="/ntsa">{move || i18n.t(RecordKey::BackToNtsa)}</A></p>
        <h1 tabindex="-1">{move || i18n.t(RecordKey::RecordTitle)}</h1>
        <p>{move || i18n.t(RecordKey::RecordIntro)}</p>
        {content}
    }
}

#[component]
fn Record(record: DrivingRecord) -> impl IntoView {
    let i18n = use_i18n();
    let DrivingRecord {
        licence_number,
        points_left,
        points_total,
        offences,
    } = record;
    let last8 = licence_tail(&licence_number);
    view! {
        <dl class="card__facts ntsa-facts">
            <div><dt>{move || i18n.t(RecordKey::LicenceNumber)}</dt><dd class="reference">{licence_number}</dd></div>
        </dl>
        <section aria-labelledby="record-points">
            <h2 id="record-points">{move || i18n.t(RecordKey::Points)}</h2>
            <p class="ntsa-points">
                {move || i18n.t(RecordKey::PointsLeft)
                    .replace("{left}", &points_left.to_string())
                    .replace("{total}", &points_total.to_string())}
            </p>
            <p class="hint">{move || i18n.t(RecordKey::PointsHint)}</p>
        </section>
        <section aria-labelledby="record-offences">
            <h2 id="record-offences">{move || i18n.t(RecordKey::Offences)}</h2>
            {if offences.is_empty() {
                view! { <p>{move || i18n.t(RecordKey::NoOffences)}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {offences.into_iter().map(|offence| view! { <Offence offence/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <Share last8/>
    }
}

#[component]
fn Offence(offence: RecordedOffence) -> impl IntoView {
    let i18n = use_i18n();
    let RecordedOffence {
        offence,
        place,
        at,
        points,
        amount,
        paid,
    } = offence;
    let (class, key) = if paid {
        ("tag pay-tag--paid", RecordKey::Paid)
    } else {
        ("tag pay-tag--failed", RecordKey::Unpaid)
    };
    view! {
        <li class="card">
            <h3 class="ntsa-fine__title">{move || offence.get(i18n.lang()).to_string()}</h3>
            <dl class="card__facts">
                <div><dt>{move || i18n.t(RecordKey::When)}</dt><dd>{move || local_date_time(i18n.lang(), &at)}</dd></div>
                <div><dt>{move || i18n.t(RecordKey::Place)}</dt><dd>{place}</dd></div>
                <div><dt>{move || i18n.t(RecordKey::PointsLost)}</dt><dd>{points}</dd></div>
                <div><dt>{move || i18n.t(RecordKey::FineAmount)}</dt><dd>{amount.to_string()}</dd></div>
                <div><dt>{move || i18n.t(RecordKey::FineStatus)}</dt><dd><strong class=class>{move || i18n.t(key)}</strong></dd></div>
            </dl>
        </li>
    }
}

/// Where the employer checks: this site's `/check-licence`.
fn check_url() -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}/check-licence")
}

/// The share code: a button that makes one, then the code large with its instructions.
#[component]
fn Share(last8: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let code = RwSignal::new(None::<ShareCode>);
    let failure = RwSignal::new(None::<api::ApiError>);
    let busy = RwSignal::new(false);
    let copied = RwSignal::new(None::<RecordKey>);
    let can_copy = clipboard_available();
    let create = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        copied.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::licence_check::create_share_code().await {
                Ok(new_code) => {
                    session.activity();
                    code.set(Some(new_code));
                    request_animation_frame(|| {
                        if let Some(element) = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| d.get_element_by_id("share-code-title"))
                            .and_then(|e| {
                                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                            })
                        {
                            let _ = element.focus();
                        }
                    });
                }
                Err(error) => {
                    if !session.handle_error(&error, &navigate) {
                        failure.set(Some(error));
                    }
                }
            }
            busy.set(false);
        });
    };
    let retry = Callback::new({
        let create = create.clone();
        move |()| create()
    });
    let shown = move || {
        code.get().map(|ShareCode { code: value, expires_at }| {
            let last8 = last8.clone();
            let copy_value = value.clone();
            view! {
                <div class="panel share-code">
                    <h3 id="share-code-title" class="panel__title" tabindex="-1">{move || i18n.t(RecordKey::YourCode)}</h3>
                    <p class="panel__body"><strong class="reference share-code__value">{value.clone()}</strong></p>
                </div>
                {can_copy.then(|| view! {
                    <p>
                        <button type="button" class="button button--secondary" on:click=move |_| {
                            let value = copy_value.clone();
                            copied.set(None);
                            spawn_local(async move {
                                let ok = copy_text(&value).await;
                                let _ = copied.try_set(Some(if ok { RecordKey::Copied } else { RecordKey::CopyFailed }));
                            });
                        }>{move || i18n.t(RecordKey::CopyCode)}</button>
                    </p>
                })}
                <p role="status">{move || copied.get().map(|key| i18n.t(key))}</p>
                <p class="share-code__instructions">
                    {move || i18n.t(RecordKey::CodeInstructions)
                        .replace("{last8}", &last8)
                        .replace("{url}", &check_url())
                        .replace("{date}", &local_date_time(i18n.lang(), &expires_at))}
                </p>
                <p class="hint">{move || i18n.t(RecordKey::CodeShownOnce)}</p>
            }
        })
    };
    view! {
        <section aria-labelledby="record-share">
            <h2 id="record-share">{move || i18n.t(RecordKey::ShareTitle)}</h2>
            <p>{move || i18n.t(RecordKey::ShareIntro)}</p>
            {shown}
            {move || failure.get().map(|error| view! { <LoadError error on_retry=retry/> })}
            <button
                type="button"
                class="button"
                class:button--secondary=move || code.with(Option::is_some)
                aria-disabled=move || busy.get().then_some("true")
                aria-busy=move || busy.get().then_some("true")
                on:click=move |_| create()
            >
                {move || i18n.t(if code.with(Option::is_some) { RecordKey::CreateAnother } else { RecordKey::CreateCode })}
            </button>
        </section>
    }
}
