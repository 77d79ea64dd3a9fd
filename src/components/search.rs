//! The catalog's search box: results as the person types, from the catalog already on the phone (so it
//! works offline and costs no request), with the same rules as the API (`njia_domain::search`).
//!
//! The query lives in the URL (`?q=…`, replacing the history entry, not adding one), so back and reload
//! bring the results back.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use njia_domain::catalog::Catalog;
use njia_domain::search::SearchIndex;
use wasm_bindgen::JsCast;

use crate::catalog::use_catalog;
use crate::i18n::search::SearchKey;
use crate::i18n::use_i18n;

/// How long typing must pause before the URL and the screen-reader announcement follow the query. Browsers
/// limit how often a page may rewrite its URL (Safari throws past 100 times in 30 seconds), and an
/// announcement per keystroke would talk over the person typing.
const SETTLE: Duration = Duration::from_millis(400);

const INPUT_ID: &str = "service-search";
const HINT_ID: &str = "service-search-hint";
const RESULTS_HEADING_ID: &str = "service-search-results";

/// The catalog with its index, built once per catalog rather than per keystroke.
#[derive(Clone)]
struct Searchable {
    catalog: Arc<Catalog>,
    index: Arc<SearchIndex>,
}

impl PartialEq for Searchable {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.catalog, &other.catalog)
    }
}

/// One result, in the current language.
#[derive(Clone, PartialEq)]
struct Row {
    href: String,
    name: String,
    agency: String,
    summary: String,
}

/// `browse_target`: the id of the element listing the categories, offered when nothing matches.
#[component]
pub fn ServiceSearch(browse_target: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog();
    let query_map = use_query_map();
    let location = use_location();
    let navigate = use_navigate();

    let from_url = move || query_map.with(|q| q.get("q").unwrap_or_default());
    let query = RwSignal::new(query_map.with_untracked(|q| q.get("q").unwrap_or_default()));
    // What this box last put in the URL: a different `q` there came from elsewhere (a link to `/`).
    let written = StoredValue::new(query.get_untracked());
    let announcement = RwSignal::new(String::new());
    // Typing not yet settled: the timer that will settle it.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let cancel_pending = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
        }
    };

    Effect::new(move |_| {
        let in_url = from_url();
        if in_url != written.get_value() {
            cancel_pending();
            written.set_value(in_url.clone());
            query.set(in_url);
        }
    });

    let searchable = Memo::new(move |_| {
        let catalog = catalog.get()?.ok()?;
        Some(Searchable {
            index: Arc::new(SearchIndex::new(&catalog)),
            catalog,
        })
    });

    // With the query it answers, so that "no match for x" follows the query even while nothing matches.
    let results = Memo::new(move |_| -> Option<(String, Vec<Row>)> {
        let query = query.get();
        if query.trim().is_empty() {
            return None;
        }
        let lang = i18n.lang();
        searchable.with(|searchable| {
            let Searchable { catalog, index } = searchable.as_ref()?;
            let rows = index
                .search(&query, catalog.services.len())
                .into_iter()
                .filter_map(|hit| catalog.service(hit.id))
                .map(|service| Row {
                    href: format!("/services/{}", service.id),
                    name: service.name.get(lang).to_owned(),
                    agency: catalog
                        .agency(&service.agency)
                        .map(|a| a.short_name.clone())
                        .unwrap_or_default(),
                    summary: service.summary.get(lang).to_owned(),
                })
                .collect();
            Some((query.trim().to_owned(), rows))
        })
    });

    let describe = move |query: &str, rows: &[Row]| -> String {
        if rows.is_empty() {
            i18n.t(SearchKey::NoMatch).replace("{q}", query)
        } else {
            i18n.t_n(SearchKey::found(rows.len()), rows.len())
        }
    };

    // The URL and the announcement catch up with the query once typing pauses (or the box loses focus).
    let settle = move || {
        if pending.get_value().is_none() {
            return;
        }
        cancel_pending();
        let mut said = results
            .get_untracked()
            .map(|(query, rows)| describe(&query, &rows))
            .unwrap_or_default();
        // Screen readers stay silent when a live region's text does not change: a different search with the
        // same count must still be heard.
        if announcement.with_untracked(|before| *before == said) {
            said.push('\u{a0}');
        }
        announcement.set(said);
        let query = query.get_untracked();
        if query == written.get_value() {
            return;
        }
        written.set_value(query.clone());
        let path = location.pathname.get_untracked();
        let target = if query.trim().is_empty() {
            path
        } else {
            format!("{path}?q={}", js_sys::encode_uri_component(&query))
        };
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let settle_later = {
        let settle = settle.clone();
        move || {
            cancel_pending();
            pending.set_value(set_timeout_with_handle(settle.clone(), SETTLE).ok());
        }
    };
    on_cleanup(cancel_pending);

    let on_submit = {
        let settle = settle.clone();
        move |ev: leptos::ev::SubmitEvent| {
            // The results are already on screen: the search key takes the person to them.
            ev.prevent_default();
            settle();
            focus(RESULTS_HEADING_ID);
        }
    };

    view! {
        <form class="search" role="search" action="/" method="get" on:submit=on_submit>
            <label class="label search__label" for=INPUT_ID>{move || i18n.t(SearchKey::Label)}</label>
            <p id=HINT_ID class="hint">{move || i18n.t(SearchKey::Hint)}</p>
            <input
                id=INPUT_ID
                name="q"
                class="input search__input"
                type="search"
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                enterkeyhint="search"
                maxlength=njia_domain::search::MAX_QUERY_CHARS
                aria-describedby=HINT_ID
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    settle_later();
                }
                on:blur=move |_| settle()
            />
        </form>
        <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || announcement.get()}
        </p>
        {move || results.get().map(|(query, rows)| {
            let heading = describe(&query, &rows);
            if rows.is_empty() {
                view! {
                    <section class="search-results search-results--empty" aria-labelledby=RESULTS_HEADING_ID>
                        <h2 id=RESULTS_HEADING_ID class="search-results__title" tabindex="-1">{heading}</h2>
                        <p>{move || i18n.t(SearchKey::NoMatchHint)}</p>
                        <p><a href=format!("#{browse_target}")>{move || i18n.t(SearchKey::BrowseInstead)}</a></p>
                    </section>
                }.into_any()
            } else {
                view! {
                    <section class="search-results" aria-labelledby=RESULTS_HEADING_ID>
                        <h2 id=RESULTS_HEADING_ID class="search-results__title" tabindex="-1">{heading}</h2>
                        <ul class="service-list">
                            {rows.into_iter().map(|row| view! {
                                <li class="service-list__item">
                                    <A href=row.href attr:class="service-list__link">{row.name}</A>
                                    <p class="service-list__agency">{row.agency}</p>
                                    <p class="service-list__summary">{row.summary}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }.into_any()
            }
        })}
    }
}

fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
