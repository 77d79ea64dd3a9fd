//! Services listed under the agency that provides each: the home page shows them all, a category page
//! those of its category.

use leptos::prelude::*;
use leptos_router::components::A;
use njia_domain::catalog::{Catalog, Lang, Service};

/// The services `keep` accepts, grouped by agency in the catalog's order (an agency with none is left
/// out). Heading ids are `{id_prefix}{agency}`, unique on the page.
pub fn agency_sections(
    catalog: &Catalog,
    lang: Lang,
    id_prefix: &str,
    keep: impl Fn(&Service) -> bool,
) -> AnyView {
    catalog
        .agencies
        .iter()
        .filter_map(|agency| {
            let services: Vec<(String, String, String)> = catalog
                .services_of(&agency.id)
                .filter(|s| keep(s))
                .map(|s| {
                    (
                        format!("/services/{}", s.id),
                        s.name.get(lang).to_owned(),
                        s.summary.get(lang).to_owned(),
                    )
                })
                .collect();
            if services.is_empty() {
                return None;
            }
            let heading_id = format!("{id_prefix}{}", agency.id);
            let labelled_by = heading_id.clone();
            Some(view! {
                <section class="agency" aria-labelledby=labelled_by>
                    <h2 id=heading_id class="agency__name">{agency.name.get(lang).to_owned()}</h2>
                    <ul class="service-list">
                        {services.into_iter().map(|(href, name, summary)| view! {
                            <li class="service-list__item">
                                <A href=href attr:class="service-list__link">{name}</A>
                                <p class="service-list__summary">{summary}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        })
        .collect_view()
        .into_any()
}
