//! The root component: context, routes, and focus management on navigation.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::layout::Layout;
use crate::pages::{home::HomePage, not_found::NotFoundPage, service::ServicePage};

#[component]
pub fn App() -> impl IntoView {
    crate::i18n::provide();
    crate::catalog::provide();
    view! {
        <Router>
            <FocusOnNavigation/>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/services/:id") view=ServicePage/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// After client-side navigation, focus the new page's heading (not on first load, where the browser's own
/// start position is right).
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            request_animation_frame(crate::browser::focus_main_heading);
        }
        path
    });
}
