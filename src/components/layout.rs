//! The frame of every page: skip link, header with the language switch, main content and footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Key, use_i18n};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{move || i18n.t(Key::SkipToContent)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="site-header__brand">
                    <span class="site-header__name">{move || i18n.t(Key::PortalName)}</span>
                    <span class="site-header__tagline">{move || i18n.t(Key::Tagline)}</span>
                </A>
                <button
                    type="button"
                    class="lang-switch"
                    aria-label=move || i18n.t(Key::SwitchLanguage)
                    lang=move || match i18n.lang() { crate::i18n::Lang::En => "sw", crate::i18n::Lang::Sw => "en" }
                    on:click=move |_| i18n.toggle()
                >
                    {move || i18n.t(Key::LanguageName)}
                </button>
            </div>
        </header>
        <main id="main" class="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{move || i18n.t(Key::FooterAbout)}</p>
            <p>{move || i18n.t(Key::FooterData)}</p>
        </footer>
    }
}
