//! The portal's notices at the top of every page (GOV.UK's notification banner), fetched once per page load
//! and every 5 minutes, each dismissible for the rest of the tab's session; and what a transaction refused by
//! a maintenance window shows: the notice's words and when it ends, in Kenya time.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use njia_domain::api::notices::{Notice, parse_utc};
use njia_domain::api::test_bookings::{clock_time, kenya_date_time, long_date};

use crate::i18n::notices::NoticesKey;
use crate::i18n::{I18n, Lang, use_i18n};

const REFRESH: Duration = Duration::from_secs(5 * 60);
/// The ids of the notices hidden in this tab, as JSON; sessionStorage, so they come back in a new session.
const DISMISSED_KEY: &str = "njia.notices.dismissed";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

fn dismissed() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(DISMISSED_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn dismiss(id: &str) -> Vec<String> {
    let mut ids = dismissed();
    if !ids.iter().any(|d| d == id) {
        ids.push(id.to_string());
    }
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(&ids)) {
        let _ = storage.set_item(DISMISSED_KEY, &json);
    }
    ids
}

/// `("14:00", "3 December 2026")` in Kenya time, in the language's way of saying the hour.
fn kenya_words(rfc3339: &str, lang: Lang) -> (String, String) {
    let (date, time) = kenya_date_time(parse_utc(rfc3339).unwrap_or_default());
    (clock_time(&time, lang), long_date(date, lang))
}

fn fill(template: &str, rfc3339: &str, lang: Lang) -> String {
    let (time, date) = kenya_words(rfc3339, lang);
    template.replace("{time}", &time).replace("{date}", &date)
}

/// "Until 14:00 on 3 December 2026." for a current notice; "From … until …." for one still to come.
pub fn when_text(i18n: I18n, notice: &Notice, now_ms: f64) -> String {
    let lang = i18n.lang();
    let started = parse_utc(&notice.starts_at).is_none_or(|s| (s as f64) <= now_ms);
    if started {
        fill(i18n.t(NoticesKey::Until), &notice.ends_at, lang)
    } else {
        let (end_time, end_date) = kenya_words(&notice.ends_at, lang);
        fill(i18n.t(NoticesKey::From), &notice.starts_at, lang)
            .replace("{end_time}", &end_time)
            .replace("{end_date}", &end_date)
    }
}

#[component]
pub fn ServiceNotices() -> impl IntoView {
    let i18n = use_i18n();
    let notices = RwSignal::new(Vec::<Notice>::new());
    let hidden = RwSignal::new(dismissed());
    let load = move || {
        spawn_local(async move {
            // A failed fetch keeps what was shown: the banner is information, never a reason for an error.
            if let Ok(list) = crate::api::notices::current().await {
                notices.set(list.items);
            }
        });
    };
    load();
    if let Ok(handle) = set_interval_with_handle(load, REFRESH) {
        on_cleanup(move || handle.clear());
    }
    let shown = move || {
        let hidden = hidden.get();
        notices
            .get()
            .into_iter()
            .filter(|n| !hidden.contains(&n.id))
            .collect::<Vec<_>>()
    };
    view! {
        <For each=shown key=|n| n.id.clone() let:notice>
            <NoticeBanner notice hidden i18n/>
        </For>
    }
}

#[component]
fn NoticeBanner(notice: Notice, hidden: RwSignal<Vec<String>>, i18n: I18n) -> impl IntoView {
    let title_id = format!("notice-{}-title", notice.id);
    let message_id = format!("notice-{}-message", notice.id);
    let labelled_by = format!("{title_id} {message_id}");
    let title = if notice.maintenance {
        NoticesKey::MaintenanceTitle
    } else {
        NoticesKey::BannerTitle
    };
    let message = notice.message.clone();
    let when = {
        let notice = notice.clone();
        move || when_text(i18n, &notice, js_sys::Date::now())
    };
    let id = notice.id.clone();
    view! {
        <div class="notification-banner" role="region" aria-labelledby=labelled_by>
            <div class="notification-banner__header">
                <h2 class="notification-banner__title" id=title_id>{move || i18n.t(title)}</h2>
            </div>
            <div class="notification-banner__content">
                <p class="notification-banner__heading" id=message_id>{move || message.get(i18n.lang()).to_string()}</p>
                <p>{when}</p>
                <button type="button" class="link-button" on:click=move |_| hidden.set(dismiss(&id))>
                    {move || i18n.t(NoticesKey::Dismiss)}
                </button>
            </div>
        </div>
    }
}

/// What a transaction refused by a maintenance window shows: the notice's words, and when to try again.
/// `answers_saved` adds that nothing typed was lost (the check page).
#[component]
pub fn MaintenanceRefusal(
    notice: Notice,
    /// Where focus goes when the refusal appears; unique in the page.
    id: &'static str,
    #[prop(optional)] answers_saved: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = notice.message.clone();
    let ends_at = notice.ends_at.clone();
    view! {
        <div class="notice notice--error" role="alert" id=id tabindex="-1">
            <h2 class="notice__title">{move || i18n.t(NoticesKey::RefusedTitle)}</h2>
            <p>{move || message.get(i18n.lang()).to_string()}</p>
            <p>{move || fill(i18n.t(NoticesKey::TryAfter), &ends_at, i18n.lang())}</p>
            {answers_saved.then(|| view! { <p>{move || i18n.t(NoticesKey::AnswersSaved)}</p> })}
        </div>
    }
}
