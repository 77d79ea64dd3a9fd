//! The account's activity, newest first, a page at a time.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use njia_domain::api::accounts::ActivityEntry;

use crate::api::{self, ApiError};
use crate::components::status::LoadError;
use crate::components::status::Loading;
use crate::i18n::account::{
    AccountKey, activity_action, device_name, local_date_time, other_activity,
};
use crate::i18n::auth::AuthKey;
use crate::i18n::use_i18n;
use crate::pages::sign_in::focus_id;
use crate::session::use_session;

#[component]
pub fn Activity() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let items = RwSignal::new(Vec::<ActivityEntry>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let failure = RwSignal::new(None::<ApiError>);
    let first_loaded = RwSignal::new(false);

    // Loads the page after `next_cursor` (the first page when there is none yet).
    let load_more = move || {
        if first_loaded.get_untracked() && next_cursor.with_untracked(Option::is_none) {
            return;
        }
        loading.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let cursor = next_cursor.get_untracked();
            let shown = items.with_untracked(Vec::len);
            match api::account::activity(cursor.as_deref()).await {
                Ok(page) => {
                    session.activity();
                    items.update(|all| all.extend(page.items));
                    next_cursor.set(page.next_cursor);
                    first_loaded.set(true);
                    // The button pressed is gone: continue from the first entry just added.
                    if shown > 0 {
                        request_animation_frame(move || focus_id(&format!("activity-{shown}")));
                    }
                }
                Err(error) => {
                    if !session.handle_error(&error, &navigate) {
                        failure.set(Some(error));
                    }
                }
            }
            loading.set(false);
        });
    };
    load_more();
    let retry = Callback::new({
        let load_more = load_more.clone();
        move |()| load_more()
    });

    let list = move || {
        let lang = i18n.lang();
        let entries = items.get();
        if entries.is_empty() {
            return first_loaded
                .get()
                .then(|| view! { <p>{i18n.t(AccountKey::NoActivity)}</p> }.into_any());
        }
        Some(
            view! {
                <ul class="record-list">
                    {entries.into_iter().enumerate().map(|(index, entry)| {
                        let action = activity_action(lang, &entry.action).unwrap_or_else(|| other_activity(lang));
                        let details = [entry.device.as_deref().map(|d| device_name(lang, d)), entry.place.clone(), entry.ip_address.clone()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" · ");
                        view! {
                            <li class="record-list__item" id=format!("activity-{index}") tabindex="-1">
                                <p class="record-list__title">{action}</p>
                                <p class="record-list__meta">{local_date_time(lang, &entry.at)}</p>
                                {(!details.is_empty()).then(|| view! { <p class="record-list__meta">{details}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        )
    };

    let more = move || {
        let load_more = load_more.clone();
        (next_cursor.with(Option::is_some) && !loading.get() && failure.with(Option::is_none)).then(|| {
            view! {
                <button type="button" class="button button--secondary" on:click=move |_| load_more()>
                    {move || i18n.t(AccountKey::ShowMore)}
                </button>
            }
        })
    };

    view! {
        <section aria-labelledby="activity-title">
            <h2 id="activity-title">{move || i18n.t(AccountKey::ActivityTitle)}</h2>
            <p>{move || i18n.t(AccountKey::ActivityIntro)}</p>
            {list}
            {move || loading.get().then(|| view! { <Loading label=AuthKey::Loading/> })}
            {move || failure.get().map(|error| view! { <LoadError error on_retry=retry/> })}
            {more}
        </section>
    }
}
