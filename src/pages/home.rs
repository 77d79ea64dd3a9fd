//! `/`: search, the categories, and every agency with its services.

use leptos::prelude::*;
use leptos_router::components::A;
use njia_domain::catalog::Catalog;

use crate::catalog::use_catalog;
use crate::components::search::ServiceSearch;
use crate::components::service_list::agency_sections;
use crate::components::status::{LoadError, Loading};
use crate::i18n::search::SearchKey;
use crate::i18n::{I18n, Key, use_i18n};
use crate::title::use_title;

/// The id of the categories' heading, which a search with no results links to.
const CATEGORIES_ID: &str = "categories";

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog();
    use_title(move || i18n.t(Key::HomeTitle).to_string());
    view! {
        <h1 tabindex="-1">{move || i18n.t(Key::HomeTitle)}</h1>
        <p class="lead">{move || i18n.t(Key::HomeIntro)}</p>
        <ServiceSearch browse_target=CATEGORIES_ID/>
        {move || match catalog.get() {
            None => view! { <Loading label=Key::LoadingServices/> }.into_any(),
            Some(Err(error)) => view! { <LoadError error=error on_retry=move |()| catalog.retry()/> }.into_any(),
            Some(Ok(catalog)) => view! {
                {categories(&catalog, i18n)}
                {agency_sections(&catalog, i18n.lang(), "agency-", |_| true)}
            }.into_any(),
        }}
    }
}

/// Every category that has services, with how many.
fn categories(catalog: &Catalog, i18n: I18n) -> impl IntoView + use<> {
    let lang = i18n.lang();
    let items: Vec<(String, String, String)> = catalog
        .categories
        .iter()
        .filter_map(|category| {
            let count = catalog
                .services
                .iter()
                .filter(|s| s.category == category.id)
                .count();
            (count > 0).then(|| {
                (
                    format!("/categories/{}", category.id),
                    category.name.get(lang).to_owned(),
                    i18n.t_n(SearchKey::count(count), count),
                )
            })
        })
        .collect();
    view! {
        <section class="categories" aria-labelledby=CATEGORIES_ID>
            <h2 id=CATEGORIES_ID class="categories__title" tabindex="-1">{i18n.t(SearchKey::BrowseTitle)}</h2>
            <ul class="category-list">
                {items.into_iter().map(|(href, name, count)| view! {
                    <li class="category-list__item">
                        <A href=href attr:class="category-list__link">{name}</A>
                        <span class="category-list__count">{count}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
