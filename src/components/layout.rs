//! The frame of every page: skip link, header with the language switch, main content and footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::service_notices::ServiceNotices;
use crate::i18n::apply::ApplyKey;
use crate::i18n::auth::AuthKey;
use crate::i18n::notices::NoticesKey;
use crate::i18n::officer::OfficerKey;
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;

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
            <AccountNav/>
            <ActingBar/>
        </header>
        <main id="main" class="main" tabindex="-1">
            <ServiceNotices/>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{move || i18n.t(Key::FooterAbout)}</p>
            <p>{move || i18n.t(Key::FooterData)}</p>
        </footer>
    }
}

/// Signed out: "Sign in" and "Create an account". Signed in: the person's first name, to their account, and
/// "Sign out". Nothing until the server has said which, so the header does not flicker.
#[component]
fn AccountNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = leptos_router::hooks::use_navigate();
    let busy = RwSignal::new(false);
    let sign_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            crate::session::sign_out(session, navigate).await;
            busy.set(false);
        });
    };
    let first_name = Memo::new(move |_| session.account().map(|a| a.first_name));
    let officer = Memo::new(move |_| {
        session
            .account()
            .is_some_and(|a| crate::pages::officer::is_officer(&a))
    });
    let administrator = Memo::new(move |_| {
        session
            .account()
            .is_some_and(|a| crate::pages::admin::is_administrator(&a))
    });
    move || {
        if !session.is_known() {
            return None;
        }
        let sign_out = sign_out.clone();
        Some(match first_name.get() {
            Some(name) => view! {
                <nav class="account-nav" aria-label=move || i18n.t(AuthKey::AccountNav)>
                    {move || officer.get().then(|| view! {
                        <A href="/officer" attr:class="account-nav__link">{move || i18n.t(OfficerKey::BackOffice)}</A>
                    })}
                    {move || administrator.get().then(|| view! {
                        <A href="/admin/notices" attr:class="account-nav__link">{move || i18n.t(NoticesKey::AdminLink)}</A>
                    })}
                    <A href="/applications" attr:class="account-nav__link">{move || i18n.t(ApplyKey::MyApplications)}</A>
                    <A href="/ntsa" attr:class="account-nav__link">{move || i18n.t(crate::i18n::ntsa::NtsaKey::MyNtsa)}</A>
                    <A href="/account" attr:class="account-nav__link">
                        <span class="visually-hidden">{move || i18n.t(AuthKey::YourAccountPrefix)} " "</span>
                        {name}
                    </A>
                    <button
                        type="button"
                        class="account-nav__button"
                        aria-disabled=move || busy.get().then_some("true")
                        aria-busy=move || busy.get().then_some("true")
                        on:click=sign_out
                    >
                        {move || if busy.get() { i18n.t(AuthKey::SigningOut) } else { i18n.t(AuthKey::SignOut) }}
                    </button>
                </nav>
            }
            .into_any(),
            None => view! {
                <nav class="account-nav" aria-label=move || i18n.t(AuthKey::AccountNav)>
                    <A href="/sign-in" attr:class="account-nav__link">{move || i18n.t(AuthKey::SignIn)}</A>
                    <A href="/register" attr:class="account-nav__link">{move || i18n.t(AuthKey::CreateAccount)}</A>
                </nav>
            }
            .into_any(),
        })
    }
}

/// Whom the tab acts for, on every page, for a person who belongs to an organisation: "Acting for:
/// Mwangaza Motors Ltd — Change". Said once, plainly, when the server has refused an organisation the
/// person was removed from.
#[component]
fn ActingBar() -> impl IntoView {
    use crate::i18n::acting::ActingKey;
    let i18n = use_i18n();
    let session = use_session();
    let acting = crate::acting::use_acting();
    // Asked again when someone else signs in; an organisation joined meanwhile shows after a reload. Not
    // before the person has confirmed their phone and email: until then the API refuses everything else.
    let account_id = Memo::new(move |_| session.account().filter(|a| a.is_usable()).map(|a| a.id));
    let has_organisations = LocalResource::new(move || {
        let signed_in = account_id.get().is_some();
        async move {
            signed_in
                && crate::pages::acting_as::my_organisations()
                    .await
                    .is_ok_and(|list| !list.is_empty())
        }
    });
    move || {
        account_id.get()?;
        let lost = acting.lost().map(|name| {
            view! {
                <div class="notice notice--warning acting-lost" role="alert">
                    <p>{i18n.t_n(ActingKey::Lost, &name)}</p>
                    <button type="button" class="button button--secondary"
                        on:click=move |_| acting.dismiss_lost()>
                        {move || i18n.t(ActingKey::Dismiss)}
                    </button>
                </div>
            }
        });
        let current = acting.current();
        let show = current.is_some() || has_organisations.get().unwrap_or(false);
        let bar = show.then(|| {
            let name = current.map(|c| c.name);
            let organisation = name.is_some();
            view! {
                <p class="acting-bar" class:acting-bar--organisation=organisation>
                    <span>{move || i18n.t(ActingKey::ActingForLabel)} ": "</span>
                    <strong>{match name {
                        Some(name) => name.into_any(),
                        None => (move || i18n.t(ActingKey::Yourself)).into_any(),
                    }}</strong>
                    " "
                    <A href="/acting-as" attr:class="acting-bar__change">
                        {move || i18n.t(ActingKey::Change)}
                        <span class="visually-hidden">" " {move || i18n.t(ActingKey::ChangeHidden)}</span>
                    </A>
                </p>
            }
        });
        Some(view! { {lost} {bar} })
    }
}
