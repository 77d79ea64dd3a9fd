//! Who the person acts for in this tab: themselves, or one of their organisations. Kept in the tab's
//! sessionStorage (an organisation's id and name, nothing about the person) so a reload keeps it, and sent
//! with every API call as `X-Njia-Acting-As`; the server checks the membership on each call. When the
//! server answers that the person is no longer a member (`403 not_a_member`), the API layer forgets the
//! choice and tells this context, which goes back to the personal account and says why.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

const STORAGE_KEY: &str = "njia.acting_as";
/// Dispatched on `window` when the server refused the stored organisation.
const RESET_EVENT: &str = "njia-acting-reset";
/// Dispatched on `window` on sign-out.
const FORGET_EVENT: &str = "njia-acting-forget";
pub const HEADER: &str = "X-Njia-Acting-As";

/// The organisation acted for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActingChoice {
    pub id: String,
    pub name: String,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

fn stored() -> Option<ActingChoice> {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
}

fn store(choice: Option<&ActingChoice>) {
    let Some(storage) = storage() else { return };
    match choice.and_then(|c| serde_json::to_string(c).ok()) {
        Some(json) => {
            let _ = storage.set_item(STORAGE_KEY, &json);
        }
        None => {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}

/// The header's value for API calls: the organisation's id, or `None` for the personal account.
pub fn header_value() -> Option<String> {
    stored().map(|c| c.id)
}

fn dispatch(name: &str) {
    if let Some(window) = web_sys::window()
        && let Ok(event) = web_sys::Event::new(name)
    {
        let _ = window.dispatch_event(&event);
    }
}

/// Called by the API layer on `403 not_a_member`: forget the organisation and tell the context.
pub fn refused() {
    store(None);
    dispatch(RESET_EVENT);
}

/// On sign-out (the session's `clear`): the next person in this tab starts on their own account.
pub fn forget() {
    store(None);
    dispatch(FORGET_EVENT);
}

#[derive(Clone, Copy)]
pub struct Acting {
    current: RwSignal<Option<ActingChoice>>,
    /// The organisation the server refused, to say so once.
    lost: RwSignal<Option<String>>,
}

impl Acting {
    pub fn current(&self) -> Option<ActingChoice> {
        self.current.get()
    }

    pub fn current_untracked(&self) -> Option<ActingChoice> {
        self.current.get_untracked()
    }

    pub fn set(&self, choice: Option<ActingChoice>) {
        store(choice.as_ref());
        self.lost.set(None);
        self.current.set(choice);
    }

    /// The name of the organisation the person was just removed from, if any.
    pub fn lost(&self) -> Option<String> {
        self.lost.get()
    }

    pub fn dismiss_lost(&self) {
        self.lost.set(None);
    }
}

pub fn provide_acting() -> Acting {
    let acting = Acting {
        current: RwSignal::new(stored()),
        lost: RwSignal::new(None),
    };
    let on_reset = Closure::<dyn Fn()>::new(move || {
        let gone = acting.current.get_untracked().map(|c| c.name);
        acting.current.set(None);
        acting.lost.set(gone);
    });
    let on_forget = Closure::<dyn Fn()>::new(move || {
        acting.current.set(None);
        acting.lost.set(None);
    });
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback(RESET_EVENT, on_reset.as_ref().unchecked_ref());
        let _ = window
            .add_event_listener_with_callback(FORGET_EVENT, on_forget.as_ref().unchecked_ref());
    }
    // The app lives as long as the page: the listeners are never removed.
    on_reset.forget();
    on_forget.forget();
    provide_context(acting);
    acting
}

pub fn use_acting() -> Acting {
    expect_context::<Acting>()
}
