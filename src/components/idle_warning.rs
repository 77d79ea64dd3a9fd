//! The warning before an idle session ends (SECURITY.md: idle timeout 30 minutes, warn 2 minutes before).
//! The deadline comes from the server's last word on the session (`idle_remaining_seconds`, counted from the
//! moment it arrived on this phone), so a wrong phone clock does not matter. An accessible modal dialog
//! counts down; "Stay signed in" restarts the server's timer; at zero the person is signed out.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::api;
use crate::i18n::auth::{AuthKey, clock, exact_duration};
use crate::i18n::use_i18n;
use crate::session::{Notice, current_path, sign_in_path, use_session};

const BACKDROP_ID: &str = "idle-warning";
const STAY_ID: &str = "idle-warning-stay";
const LEAVE_ID: &str = "idle-warning-leave";

/// Makes everything but the dialog inert (or lively again), so neither a pointer, the keyboard nor a screen
/// reader's virtual cursor reaches the page behind it.
fn set_page_inert(inert: bool) {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    let children = body.children();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        if child.id() == BACKDROP_ID || child.tag_name().eq_ignore_ascii_case("script") {
            continue;
        }
        let _ = if inert {
            child.set_attribute("inert", "")
        } else {
            child.remove_attribute("inert")
        };
    }
}

fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

#[component]
pub fn IdleWarning() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let now = RwSignal::new(js_sys::Date::now());
    let ticking = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = ticking.get_value() {
            handle.clear();
            ticking.set_value(None);
        }
    };
    // The clock ticks only while someone is signed in.
    Effect::new(move |_| {
        if session.is_signed_in() {
            if ticking.with_value(Option::is_none) {
                now.set(js_sys::Date::now());
                let handle = set_interval_with_handle(
                    move || now.set(js_sys::Date::now()),
                    Duration::from_millis(500),
                );
                ticking.set_value(handle.ok());
            }
        } else {
            stop();
        }
    });
    on_cleanup(stop);

    // Whole seconds left, and how many before the end to warn.
    let left = Memo::new(move |_| {
        session.idle_deadline().map(|(deadline, warn)| {
            (
                ((deadline - now.get()) / 1000.0).ceil().max(0.0) as u64,
                u64::from(warn),
            )
        })
    });
    let open = Memo::new(move |_| left.get().is_some_and(|(seconds, warn)| seconds <= warn));
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);

    let expire = {
        let navigate = navigate.clone();
        move |notice: Notice| {
            navigate(&sign_in_path(&current_path()), NavigateOptions::default());
            session.notify(notice, "/sign-in");
            session.clear();
        }
    };
    Effect::new({
        let expire = expire.clone();
        move |_| {
            if left.get().is_some_and(|(seconds, _)| seconds == 0) {
                expire(Notice::Inactive);
                // The server ends the session by itself; saying so at once also covers a phone clock that ran
                // a little fast.
                spawn_local(async {
                    let _ = api::auth::sign_out().await;
                });
            }
        }
    });

    // Focus goes into the dialog when it opens and back where it was when it closes.
    let before = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open && was_open != Some(true) {
            before.set_value(active_element());
            failed.set(false);
            request_animation_frame(|| {
                set_page_inert(true);
                focus(STAY_ID);
            });
        } else if !is_open && was_open == Some(true) {
            set_page_inert(false);
            if let Some(element) = before.get_value() {
                let _ = element.focus();
            }
        }
        is_open
    });
    on_cleanup(|| set_page_inert(false));

    let stay = {
        let expire = expire.clone();
        move || {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            failed.set(false);
            let expire = expire.clone();
            spawn_local(async move {
                match api::auth::refresh_session().await {
                    Ok(info) => session.set(info),
                    Err(error) if error.status() == Some(401) => expire(Notice::SessionEnded),
                    Err(_) => failed.set(true),
                }
                busy.set(false);
            });
        }
    };
    let leave = move || {
        let navigate = navigate.clone();
        spawn_local(async move { crate::session::sign_out(session, navigate).await });
    };

    let on_keydown = {
        let stay = stay.clone();
        move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                stay();
            }
            // Tab and Shift+Tab go round the two buttons and never leave the dialog.
            "Tab" => {
                ev.prevent_default();
                let on_stay = active_element().is_some_and(|e| e.id() == STAY_ID);
                focus(if on_stay { LEAVE_ID } else { STAY_ID });
            }
            _ => {}
        }
    };

    move || {
        open.get().then(|| {
            let stay = stay.clone();
            let leave = leave.clone();
            let on_keydown = on_keydown.clone();
            let seconds = move || left.get().map_or(0, |(s, _)| s);
            // Screen readers hear the time left every 15 seconds, not every second.
            let spoken = Memo::new(move |_| seconds().div_ceil(15) * 15);
            view! {
                <div id=BACKDROP_ID class="dialog-backdrop">
                    <div
                        class="dialog"
                        role="alertdialog"
                        aria-modal="true"
                        aria-labelledby="idle-warning-title"
                        aria-describedby="idle-warning-body"
                        on:keydown=on_keydown
                    >
                        <h2 id="idle-warning-title" class="dialog__title">{move || i18n.t(AuthKey::IdleTitle)}</h2>
                        <p id="idle-warning-body">
                            {move || i18n.t(AuthKey::IdleBody)} " "
                            <strong class="countdown" aria-hidden="true">{move || clock(seconds())}</strong>
                            <span class="visually-hidden">{move || exact_duration(i18n.lang(), spoken.get())}</span>
                            "."
                        </p>
                        <p class="visually-hidden" aria-live="polite">
                            {move || i18n.t(AuthKey::IdleSpoken).replace("{n}", &exact_duration(i18n.lang(), spoken.get()))}
                        </p>
                        {move || failed.get().then(|| view! {
                            <p class="field-error" role="alert">{move || i18n.t(AuthKey::StayFailed)}</p>
                        })}
                        <div class="button-group">
                            <button
                                id=STAY_ID
                                type="button"
                                class="button"
                                aria-disabled=move || busy.get().then_some("true")
                                aria-busy=move || busy.get().then_some("true")
                                on:click=move |_| stay()
                            >
                                {move || i18n.t(AuthKey::StaySignedIn)}
                            </button>
                            <button id=LEAVE_ID type="button" class="button button--secondary" on:click=move |_| leave()>
                                {move || i18n.t(AuthKey::SignOut)}
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
