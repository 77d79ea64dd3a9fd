//! `/categories/:id`: the services of one category, under the agency that provides each.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use njia_domain::catalog::Catalog;

use crate::catalog::use_catalog;
use crate::components::service_list::agency_sections;
use crate::components::status::{LoadError, Loading};
use crate::i18n::search::SearchKey;
use crate::i18n::{I18n, Key, use_i18n};
use crate::title::use_title;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let name = move || -> Option<String> {
        let catalog: Arc<Catalog> = catalog.get()?.ok()?;
        let id = id();
        catalog
            .categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.get(i18n.lang()).to_owned())
    };
    use_title(move || {
        name().unwrap_or_else(|| i18n.t(SearchKey::CategoryNotFoundTitle).to_owned())
    });
    view! {
        <nav class="back-link" aria-label=move || i18n.t(Key::AllServices)>
            <A href="/">{move || i18n.t(Key::AllServices)}</A>
        </nav>
        {move || match catalog.get() {
            None => view! { <Loading label=Key::LoadingServices/> }.into_any(),
            Some(Err(error)) => view! { <LoadError error=error on_retry=move |()| catalog.retry()/> }.into_any(),
            Some(Ok(catalog)) => match category(&catalog, &id(), i18n) {
                Some(view) => view.into_any(),
                None => view! {
                    <h1 tabindex="-1">{move || i18n.t(SearchKey::CategoryNotFoundTitle)}</h1>
                    <p>{move || i18n.t(SearchKey::CategoryNotFoundBody)}</p>
                    <p><A href="/">{move || i18n.t(Key::GoHome)}</A></p>
                }.into_any(),
            },
        }}
    }
}

/// The category's heading and its services, grouped by agency in the catalog's order of agencies.
fn category(catalog: &Catalog, id: &str, i18n: I18n) -> Option<impl IntoView + use<>> {
    let lang = i18n.lang();
    let category = catalog.categories.iter().find(|c| c.id == id)?;
    let count = catalog.services.iter().filter(|s| s.category == id).count();
    let groups = agency_sections(catalog, lang, "category-agency-", |s| s.category == id);
    Some(view! {
        <h1 tabindex="-1">{category.name.get(lang).to_owned()}</h1>
        <p class="lead">{i18n.t_n(SearchKey::count(count), count)}</p>
        {groups}
    })
}
