//! `/dev/outbox`: a development tool. While no real SMS or email sender is configured, the server keeps the
//! messages it would have sent, and this page shows them, so a developer or tester can read the codes.
//! Where a real sender is configured the API answers 404 and so does this page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use njia_domain::api::accounts::Channel;
use njia_domain::api::dev::OutboxMessage;

use crate::api::{self, ApiError};
use crate::components::status::LoadError;
use crate::components::status::Loading;
use crate::i18n::account::local_date_time;
use crate::i18n::auth::AuthKey;
use crate::i18n::use_i18n;
use crate::pages::not_found::NotFoundPage;
use crate::title::use_title;

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Loaded(Vec<OutboxMessage>),
    Missing,
    Failed(ApiError),
}

#[component]
pub fn DevOutboxPage() -> impl IntoView {
    let state = RwSignal::new(Load::Loading);
    let refreshing = RwSignal::new(false);
    let load = move || {
        refreshing.set(true);
        spawn_local(async move {
            let next = match api::auth::dev_outbox().await {
                Ok(list) => Load::Loaded(list.items),
                Err(error) if error.status() == Some(404) => Load::Missing,
                Err(error) => Load::Failed(error),
            };
            state.set(next);
            refreshing.set(false);
        });
    };
    load();
    let missing = Memo::new(move |_| state.with(|s| matches!(s, Load::Missing)));
    move || {
        if missing.get() {
            view! { <NotFoundPage/> }.into_any()
        } else {
            view! { <Outbox state refreshing on_refresh=Callback::new(move |()| load())/> }
                .into_any()
        }
    }
}

#[component]
fn Outbox(
    state: RwSignal<Load>,
    refreshing: RwSignal<bool>,
    on_refresh: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(AuthKey::OutboxTitle).to_string());
    let list = move || match state.get() {
        Load::Loading | Load::Missing => view! { <Loading label=AuthKey::Loading/> }.into_any(),
        Load::Failed(error) => view! { <LoadError error on_retry=on_refresh/> }.into_any(),
        Load::Loaded(items) if items.is_empty() => {
            view! { <p>{i18n.t(AuthKey::OutboxEmpty)}</p> }.into_any()
        }
        Load::Loaded(items) => {
            let lang = i18n.lang();
            view! {
                <h2>{i18n.t(AuthKey::OutboxMessages)}</h2>
                <ol class="record-list">
                    {items.into_iter().map(|m| {
                        let channel = match m.channel {
                            Channel::Sms => "SMS",
                            Channel::Email => match lang {
                                crate::i18n::Lang::En => "Email",
                                crate::i18n::Lang::Sw => "Barua pepe",
                            },
                        };
                        let sent = m.sent_at.as_deref().map_or_else(|| i18n.t(AuthKey::OutboxNotSent).to_string(), |at| local_date_time(lang, at));
                        view! {
                            <li class="record-list__item">
                                <dl class="record-list__details">
                                    <div><dt>{i18n.t(AuthKey::OutboxChannel)}</dt><dd>{channel}</dd></div>
                                    <div><dt>{i18n.t(AuthKey::OutboxTo)}</dt><dd>{m.to.clone()}</dd></div>
                                    {m.subject.clone().map(|subject| view! {
                                        <div><dt>{i18n.t(AuthKey::OutboxSubject)}</dt><dd>{subject}</dd></div>
                                    })}
                                    <div><dt>{i18n.t(AuthKey::OutboxQueued)}</dt><dd>{local_date_time(lang, &m.created_at)}</dd></div>
                                    <div><dt>{i18n.t(AuthKey::OutboxSent)}</dt><dd>{sent}</dd></div>
                                </dl>
                                <pre class="outbox-body">{m.body.clone()}</pre>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }
            .into_any()
        }
    };
    view! {
        <p class="caption"><strong class="tag tag--dev">{move || i18n.t(AuthKey::DevTool)}</strong></p>
        <h1 tabindex="-1">{move || i18n.t(AuthKey::OutboxTitle)}</h1>
        <p>{move || i18n.t(AuthKey::OutboxIntro)}</p>
        <div class="button-group">
            <button
                type="button"
                class="button button--secondary"
                aria-disabled=move || refreshing.get().then_some("true")
                aria-busy=move || refreshing.get().then_some("true")
                on:click=move |_| {
                    if !refreshing.get_untracked() {
                        on_refresh.run(());
                    }
                }
            >
                {move || i18n.t(AuthKey::Refresh)}
            </button>
        </div>
        {list}
    }
}
