//! `/officer`: the back office, where an agency's officers review its applications. The queue
//! (`/officer`, filtered by `?service=…&status=…`) and one application with its decisions
//! (`/officer/applications/:id`); for NTSA's examiners, the driving tests of a day and their results
//! (`/officer/tests`). Signed-in officers only: anyone else signed in is told the area is for officers, and a
//! person who is not signed in is sent to sign in and brought back.

mod application;
mod queue;
mod tests;

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use njia_domain::api::accounts::{Account, Role};

pub use application::OfficerApplicationPage;
pub use queue::QueuePage;
pub use tests::OfficerTestsPage;

use crate::i18n::officer::{ExamKey, OfficerKey};
use crate::i18n::{Key, use_i18n};
use crate::session::{SignedInOnly, use_session};
use crate::title::use_title;

/// Whether the account may use the back office: an officer, of one agency (as the server requires).
pub fn is_officer(account: &Account) -> bool {
    account.role == Role::Officer && account.agency.is_some()
}

/// The query of the queue as the officer last saw it (`service=…&status=…`), so "All applications" on an
/// application goes back to the same filtered list, also after a reload. Kept in the tab's sessionStorage:
/// a service id and a status, nothing about any person.
#[derive(Clone, Copy)]
struct QueueFilters(RwSignal<String>);

const FILTERS_KEY: &str = "njia.officer.queue";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

impl QueueFilters {
    fn new() -> QueueFilters {
        let saved = session_storage()
            .and_then(|s| s.get_item(FILTERS_KEY).ok().flatten())
            .unwrap_or_default();
        QueueFilters(RwSignal::new(saved))
    }

    fn set(&self, query: String) {
        if let Some(storage) = session_storage() {
            let _ = storage.set_item(FILTERS_KEY, &query);
        }
        self.0.set(query);
    }

    fn href(&self) -> String {
        self.0.with(|query| {
            if query.is_empty() {
                "/officer".to_string()
            } else {
                format!("/officer?{query}")
            }
        })
    }
}

/// The parent of every `/officer` route.
#[component]
pub fn OfficerRoutes() -> impl IntoView {
    provide_context(QueueFilters::new());
    view! { <SignedInOnly><OfficersOnly/></SignedInOnly> }
}

#[component]
fn OfficersOnly() -> impl IntoView {
    let session = use_session();
    // Only a change of role re-renders, not every refresh of the session.
    let allowed = Memo::new(move |_| session.account().is_some_and(|a| is_officer(&a)));
    move || {
        if allowed.get() {
            view! { <OfficerNav/><Outlet/> }.into_any()
        } else {
            view! { <OfficersOnlyPage/> }.into_any()
        }
    }
}

/// The parts of the back office, for an agency with more than the queue: NTSA's examiners also record
/// driving test results.
#[component]
fn OfficerNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let examiner = Memo::new(move |_| {
        session
            .account()
            .and_then(|a| a.agency)
            .is_some_and(|a| a == "ntsa")
    });
    move || {
        examiner.get().then(|| {
            view! {
                <nav class="officer-nav" aria-label=move || i18n.t(OfficerKey::BackOffice)>
                    <ul class="officer-nav__list">
                        <li>
                            <A href="/officer" exact=true attr:class="officer-nav__link">
                                {move || i18n.t(OfficerKey::QueueTitle)}
                            </A>
                        </li>
                        <li>
                            <A href="/officer/tests" attr:class="officer-nav__link">
                                {move || i18n.t(ExamKey::TestsTitle)}
                            </A>
                        </li>
                    </ul>
                </nav>
            }
        })
    }
}

/// What a signed-in person who is not an officer sees at any `/officer` address.
#[component]
fn OfficersOnlyPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(OfficerKey::OfficersOnlyTitle).to_string());
    view! {
        <h1 tabindex="-1">{move || i18n.t(OfficerKey::OfficersOnlyTitle)}</h1>
        <p>{move || i18n.t(OfficerKey::OfficersOnlyBody)}</p>
        <p>{move || i18n.t(OfficerKey::OfficersOnlyHelp)}</p>
        <p><A href="/">{move || i18n.t(Key::GoHome)}</A></p>
    }
}
