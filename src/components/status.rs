//! Loading and failure states shared by every page that waits on the network.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{Key, Translate, use_i18n};

#[component]
pub fn Loading<K>(label: K) -> impl IntoView
where
    K: Translate + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="loading__spinner" aria-hidden="true"></span>
            <span>{move || i18n.t(label)}</span>
        </div>
    }
}

/// Says what went wrong in words a person can act on, and offers to try again.
#[component]
pub fn LoadError(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let message = if error == ApiError::Network {
        Key::ErrorOffline
    } else {
        Key::ErrorServer
    };
    let reference = error.request_id().map(str::to_owned);
    view! {
        <div class="notice notice--error" role="alert">
            <p>{move || i18n.t(message)}</p>
            {reference.map(|id| view! {
                <p class="notice__reference">{move || i18n.t(Key::ErrorReference)} " " <code>{id.clone()}</code></p>
            })}
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                {move || i18n.t(Key::TryAgain)}
            </button>
        </div>
    }
}
