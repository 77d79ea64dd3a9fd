//! Any path the router does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Key, use_i18n};
use crate::title::use_title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::NotFoundTitle).to_string());
    view! {
        <h1 tabindex="-1">{move || i18n.t(Key::NotFoundTitle)}</h1>
        <p>{move || i18n.t(Key::NotFoundBody)}</p>
        <p><A href="/">{move || i18n.t(Key::GoHome)}</A></p>
    }
}
