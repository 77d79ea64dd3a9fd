//! `/services/:id/apply`: the way in from a service page. Resumes the person's draft for the service if
//! there is one (so "Start now" tapped twice, or on two phones, never leaves two half-done drafts), else
//! starts one, and goes to the form.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use njia_domain::api::applications::ApplicationStatus;

use crate::api::{self, ApiError};
use crate::catalog::use_catalog;
use crate::components::status::{LoadError, Loading};
use crate::i18n::apply::ApplyKey;
use crate::i18n::{Key, use_i18n};
use crate::session::SignedInOnly;
use crate::title::use_title;

#[component]
pub fn StartApplicationPage() -> impl IntoView {
    view! { <SignedInOnly><Starting/></SignedInOnly> }
}

#[component]
fn Starting() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let catalog = use_catalog();
    let navigate = use_navigate();
    use_title(move || i18n.t(ApplyKey::Starting).to_string());
    let failure: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let unknown = RwSignal::new(false);
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        attempt.track();
        let service_id = params.read().get("id").unwrap_or_default();
        // Wait for the catalog: the first step's id comes from the form's declaration.
        let Some(Ok(catalog)) = catalog.get() else {
            return;
        };
        let Some(service) = catalog.service(&service_id).cloned() else {
            unknown.set(true);
            return;
        };
        let replace = NavigateOptions {
            replace: true,
            ..NavigateOptions::default()
        };
        // A driving test is booked against the register's slots, not through the generic form.
        if service.id == "ntsa-driving-test-booking" {
            navigate("/ntsa/test-booking", replace);
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            let existing = api::applications::list().await.map(|list| {
                list.items
                    .into_iter()
                    .find(|a| a.service_id == service.id && a.status == ApplicationStatus::Draft)
            });
            match existing {
                Ok(Some(draft)) => navigate(&format!("/applications/{}", draft.id), replace),
                Ok(None) => match api::applications::create_draft(&service.id).await {
                    Ok(application) => {
                        let first = super::next_after(&service, &application.answers, None);
                        navigate(
                            &format!("/applications/{}/{first}", application.id),
                            replace,
                        );
                    }
                    Err(error) => failure.set(Some(error)),
                },
                Err(error) => failure.set(Some(error)),
            }
        });
    });
    move || match failure.get() {
        None if unknown.get() => view! {
            <h1 tabindex="-1">{move || i18n.t(Key::ServiceNotFoundTitle)}</h1>
            <p>{move || i18n.t(Key::ServiceNotFoundBody)}</p>
        }
        .into_any(),
        None => view! {
            <h1 tabindex="-1" class="visually-hidden">{move || i18n.t(ApplyKey::Starting)}</h1>
            <Loading label=ApplyKey::Starting/>
        }
        .into_any(),
        Some(error) if super::register_refusal(i18n, &error).is_some() => view! {
            <h1 tabindex="-1">{move || i18n.t(ApplyKey::CannotApplyTitle)}</h1>
            {super::register_refusal(i18n, &error)}
        }
        .into_any(),
        Some(error) => view! {
            <h1 tabindex="-1">{move || i18n.t(ApplyKey::Starting)}</h1>
            <LoadError error on_retry=move |()| {
                failure.set(None);
                attempt.update(|n| *n += 1);
            }/>
        }
        .into_any(),
    }
}
