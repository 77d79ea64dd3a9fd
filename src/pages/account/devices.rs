//! The account's signed-in devices, and signing out all the others.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use njia_domain::api::accounts::SessionSummary;

use crate::api::{self, ApiError};
use crate::components::status::LoadError;
use crate::components::status::Loading;
use crate::i18n::account::{AccountKey, device_name, local_date_time};
use crate::i18n::auth::AuthKey;
use crate::i18n::use_i18n;
use crate::pages::sign_in::{FormFailure, FormState, StatusMessage};
use crate::session::use_session;

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Loaded(Vec<SessionSummary>),
    Failed(ApiError),
}

#[component]
pub fn Devices() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let list = RwSignal::new(Load::Loading);
    let done = RwSignal::new(None::<String>);
    let form = FormState::new();

    let load = {
        let navigate = navigate.clone();
        move || {
            list.set(Load::Loading);
            let navigate = navigate.clone();
            spawn_local(async move {
                match api::account::sessions().await {
                    Ok(sessions) => {
                        session.activity();
                        list.set(Load::Loaded(sessions.items));
                    }
                    Err(error) => {
                        if !session.handle_error(&error, &navigate) {
                            list.set(Load::Failed(error));
                        }
                    }
                }
            });
        }
    };
    load();

    let sign_out_others = {
        let load = load.clone();
        move || {
            if !form.start() {
                return;
            }
            done.set(None);
            let navigate = navigate.clone();
            let load = load.clone();
            spawn_local(async move {
                match api::account::sign_out_others().await {
                    Ok(()) => {
                        form.succeed();
                        session.activity();
                        done.set(Some(i18n.t(AccountKey::OthersSignedOut).to_string()));
                        load();
                    }
                    Err(error) => {
                        form.done();
                        if !session.handle_error(&error, &navigate) {
                            form.failure.set(Some(error));
                        }
                    }
                }
            });
        }
    };
    let retry_load = Callback::new({
        let load = load.clone();
        move |()| load()
    });
    let retry_sign_out = Callback::new({
        let sign_out_others = sign_out_others.clone();
        move |()| sign_out_others()
    });

    let content = move || match list.get() {
        Load::Loading => view! { <Loading label=AuthKey::Loading/> }.into_any(),
        Load::Failed(error) => view! { <LoadError error on_retry=retry_load/> }.into_any(),
        Load::Loaded(items) => {
            let lang = i18n.lang();
            let others = items.iter().any(|s| !s.current);
            let sign_out_others = sign_out_others.clone();
            view! {
                <ul class="record-list">
                    {items.into_iter().map(|s| {
                        let ip = s.ip_address.clone();
                        view! {
                            <li class="record-list__item">
                                <p class="record-list__title">
                                    {device_name(lang, &s.device)}
                                    {s.current.then(|| view! { " " <strong class="tag">{i18n.t(AccountKey::ThisDevice)}</strong> })}
                                </p>
                                <dl class="record-list__details">
                                    <div>
                                        <dt>{i18n.t(AccountKey::LastActive)}</dt>
                                        <dd>{local_date_time(lang, &s.last_seen_at)}</dd>
                                    </div>
                                    <div>
                                        <dt>{i18n.t(AccountKey::SignedInAt)}</dt>
                                        <dd>{local_date_time(lang, &s.signed_in_at)}</dd>
                                    </div>
                                    {ip.map(|ip| view! {
                                        <div>
                                            <dt>{i18n.t(AccountKey::IpAddress)}</dt>
                                            <dd>{ip}</dd>
                                        </div>
                                    })}
                                </dl>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {if others {
                    view! {
                        <button
                            type="button"
                            class="button button--secondary"
                            aria-disabled=move || form.busy.get().then_some("true")
                            aria-busy=move || form.busy.get().then_some("true")
                            on:click=move |_| sign_out_others()
                        >
                            {move || if form.busy.get() { i18n.t(AuthKey::SigningOut) } else { i18n.t(AccountKey::SignOutOthers) }}
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <p>{i18n.t(AccountKey::NoOtherDevices)}</p> }.into_any()
                }}
            }
            .into_any()
        }
    };

    view! {
        <section aria-labelledby="devices-title">
            <h2 id="devices-title">{move || i18n.t(AccountKey::DevicesTitle)}</h2>
            <p>{move || i18n.t(AccountKey::DevicesIntro)}</p>
            <StatusMessage message=done/>
            <FormFailure form on_retry=retry_sign_out/>
            {content}
        </section>
    }
}
