//! `/officer`: the agency's applications, oldest submission first, filtered by service and status. The
//! filters live in the URL (`?service=…&status=…`), so a reload, a shared link or "back" shows the same
//! list. On a phone each application is a card, not a row of a wide table.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use njia_domain::api::applications::{ApplicationStatus, QueueEntry};
use njia_domain::catalog::Catalog;

use super::QueueFilters;
use crate::api;
use crate::catalog::use_catalog;
use crate::components::status::LoadError;
use crate::components::status::Loading;
use crate::components::timeline::StatusTag;
use crate::i18n::account::AccountKey;
use crate::i18n::officer::{OfficerKey, local_date, status_key};
use crate::i18n::{Lang, text, use_i18n};
use crate::session::use_session;
use crate::title::use_title;

/// The statuses the queue can hold: drafts and unpaid applications never reach it.
fn queue_statuses() -> impl Iterator<Item = ApplicationStatus> {
    ApplicationStatus::ALL.into_iter().filter(|s| {
        !matches!(
            s,
            ApplicationStatus::Draft | ApplicationStatus::AwaitingPayment
        )
    })
}

fn count_text(lang: Lang, count: usize) -> String {
    if count == 1 {
        text(lang, OfficerKey::QueueCountOne).to_string()
    } else {
        text(lang, OfficerKey::QueueCount).replace("{n}", &count.to_string())
    }
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let catalog = use_catalog();
    let navigate = use_navigate();
    let query = use_query_map();
    let filters = expect_context::<QueueFilters>();
    use_title(move || {
        format!(
            "{} – {}",
            i18n.t(OfficerKey::QueueTitle),
            i18n.t(OfficerKey::BackOffice)
        )
    });

    let agency = Memo::new(move |_| session.account().and_then(|a| a.agency).unwrap_or_default());
    // The filters as the URL has them.
    let service_filter =
        Memo::new(move |_| query.read().get("service").filter(|s| !s.trim().is_empty()));
    let status_filter = Memo::new(move |_| {
        query
            .read()
            .get("status")
            .and_then(|s| ApplicationStatus::parse(&s))
    });
    Effect::new(move |_| {
        let query = api::officer::queue_query(service_filter.get().as_deref(), status_filter.get());
        filters.set(query);
    });

    let queue = LocalResource::new(move || {
        let service = service_filter.get();
        let status = status_filter.get();
        async move { api::officer::queue(service.as_deref(), status, None).await }
    });
    // Later pages, added below the first by "Show more"; a change of filters starts again.
    let later: RwSignal<Vec<QueueEntry>> = RwSignal::new(Vec::new());
    let next_cursor: RwSignal<Option<String>> = RwSignal::new(None);
    let more_failed: RwSignal<Option<api::ApiError>> = RwSignal::new(None);
    let loading_more = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(list)) = queue.get() {
            later.set(Vec::new());
            more_failed.set(None);
            next_cursor.set(list.next_cursor.clone());
        }
    });
    let show_more = move || {
        let Some(cursor) = next_cursor.get_untracked() else {
            return;
        };
        if loading_more.get_untracked() {
            return;
        }
        loading_more.set(true);
        let (service, status) = (
            service_filter.get_untracked(),
            status_filter.get_untracked(),
        );
        leptos::task::spawn_local(async move {
            match api::officer::queue(service.as_deref(), status, Some(&cursor)).await {
                Ok(page) => {
                    later.update(|items| items.extend(page.items));
                    next_cursor.set(page.next_cursor);
                    more_failed.set(None);
                }
                Err(error) => more_failed.set(Some(error)),
            }
            loading_more.set(false);
        });
    };
    {
        let navigate = navigate.clone();
        Effect::new(move |_| match queue.get() {
            Some(Ok(_)) => session.activity(),
            Some(Err(error)) => {
                session.handle_error(&error, &navigate);
            }
            None => {}
        });
    }

    // What the selects show: the URL's filters, until the officer changes them.
    let service_choice = RwSignal::new(String::new());
    let status_choice = RwSignal::new(String::new());
    Effect::new(move |_| {
        service_choice.set(service_filter.get().unwrap_or_default());
        status_choice.set(
            status_filter
                .get()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
        );
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let service = service_choice.get_untracked();
        let status = ApplicationStatus::parse(&status_choice.get_untracked());
        let query = api::officer::queue_query(Some(&service), status);
        let path = if query.is_empty() {
            "/officer".to_string()
        } else {
            format!("/officer?{query}")
        };
        navigate(&path, NavigateOptions::default());
    };

    // The agency's name once the catalog is there: the heading is on the page from the first frame, so
    // focus can move to it on arrival.
    let heading = move || {
        let lang = i18n.lang();
        catalog
            .get()
            .and_then(Result::ok)
            .and_then(|catalog| {
                catalog
                    .agency(&agency.get())
                    .map(|a| a.name.get(lang).to_string())
            })
            .unwrap_or_else(|| text(lang, OfficerKey::QueueTitle).to_string())
    };

    // How many applications the list holds, or that there are none.
    let count = move || {
        let lang = i18n.lang();
        let filtered = service_filter.with(Option::is_some) || status_filter.with(Option::is_some);
        queue
            .get()
            .and_then(Result::ok)
            .map(|list| match list.items.len() + later.with(Vec::len) {
                0 if filtered => text(lang, OfficerKey::QueueEmptyFiltered).to_string(),
                0 => text(lang, OfficerKey::QueueEmpty).to_string(),
                n => count_text(lang, n),
            })
    };

    let body = move || {
        let apply = apply.clone();
        match catalog.get() {
            None => view! { <Loading label=OfficerKey::LoadingQueue/> }.into_any(),
            Some(Err(error)) => {
                view! { <LoadError error on_retry=move |()| catalog.retry()/> }.into_any()
            }
            Some(Ok(catalog)) => {
                let agency_id = agency.get();
                let services: Vec<(String, njia_domain::catalog::Localized)> = catalog
                    .services_of(&agency_id)
                    .map(|s| (s.id.clone(), s.name.clone()))
                    .collect();
                let catalog = StoredValue::new(catalog);
                view! {
                    <form class="form officer-filters" method="get" action="/officer" on:submit=apply>
                        <h2 class="officer-filters__title">{move || i18n.t(OfficerKey::FiltersTitle)}</h2>
                        <div class="form-group">
                            <label class="label" for="service">{move || i18n.t(OfficerKey::FilterService)}</label>
                            <select
                                id="service"
                                name="service"
                                class="input"
                                on:change=move |ev| service_choice.set(event_target_value(&ev))
                            >
                                <option value="" prop:selected=move || service_choice.with(String::is_empty)>
                                    {move || i18n.t(OfficerKey::AllServices)}
                                </option>
                                {services.into_iter().map(|(id, name)| {
                                    let value = id.clone();
                                    view! {
                                        <option value=value prop:selected=move || service_choice.with(|c| *c == id)>
                                            {move || name.get(i18n.lang()).to_string()}
                                        </option>
                                    }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="form-group">
                            <label class="label" for="status">{move || i18n.t(OfficerKey::FilterStatus)}</label>
                            <select
                                id="status"
                                name="status"
                                class="input"
                                on:change=move |ev| status_choice.set(event_target_value(&ev))
                            >
                                <option value="" prop:selected=move || status_choice.with(String::is_empty)>
                                    {move || i18n.t(OfficerKey::AllStatuses)}
                                </option>
                                {queue_statuses().map(|status| view! {
                                    <option value=status.as_str() prop:selected=move || status_choice.with(|c| c == status.as_str())>
                                        {move || i18n.t(status_key(status))}
                                    </option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="button-group">
                            <button type="submit" class="button">{move || i18n.t(OfficerKey::ApplyFilters)}</button>
                            {move || (service_filter.with(Option::is_some) || status_filter.with(Option::is_some)).then(|| view! {
                                <A href="/officer" attr:class="officer-filters__clear">{move || i18n.t(OfficerKey::ClearFilters)}</A>
                            })}
                        </div>
                    </form>
                    <section aria-labelledby="queue-title">
                        <h2 id="queue-title">{move || i18n.t(OfficerKey::QueueTitle)}</h2>
                        // Always on the page, so the new count is read out when the filters change the list.
                        <p role="status" class="officer-queue__count">{count}</p>
                        {move || match queue.get() {
                            None => view! { <Loading label=OfficerKey::LoadingQueue/> }.into_any(),
                            Some(Err(error)) => view! { <LoadError error on_retry=move |()| queue.refetch()/> }.into_any(),
                            Some(Ok(list)) => {
                                let catalog = catalog.get_value();
                                let more_catalog = catalog.clone();
                                view! {
                                    <QueueList items=list.items catalog/>
                                    {move || later.with(|items| (!items.is_empty()).then(|| {
                                        view! { <QueueList items=items.clone() catalog=more_catalog.clone()/> }
                                    }))}
                                    {move || more_failed.get().map(|error| view! {
                                        <LoadError error on_retry=move |()| show_more()/>
                                    })}
                                    {move || next_cursor.with(Option::is_some).then(|| view! {
                                        <button
                                            type="button"
                                            class="button button--secondary"
                                            aria-busy=move || loading_more.get().then_some("true")
                                            on:click=move |_| show_more()
                                        >
                                            {move || if loading_more.get() { i18n.t(OfficerKey::LoadingQueue) } else { i18n.t(AccountKey::ShowMore) }}
                                        </button>
                                    })}
                                }
                                .into_any()
                            }
                        }}
                    </section>
                }
                .into_any()
            }
        }
    };
    view! {
        <p class="caption">{move || i18n.t(OfficerKey::BackOffice)}</p>
        <h1 tabindex="-1">{heading}</h1>
        {body}
    }
}

#[component]
fn QueueList(items: Vec<QueueEntry>, catalog: std::sync::Arc<Catalog>) -> impl IntoView {
    let count = items.len();
    let cards = items
        .into_iter()
        .map(|entry| {
            let service = catalog.service(&entry.service_id).map(|s| s.name.clone());
            view! { <QueueCard entry service/> }
        })
        .collect_view();
    (count > 0).then(|| view! { <ul class="record-list officer-queue">{cards}</ul> })
}

#[component]
fn QueueCard(entry: QueueEntry, service: Option<njia_domain::catalog::Localized>) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!(
        "/officer/applications/{}",
        String::from(js_sys::encode_uri_component(&entry.id))
    );
    let reference = entry.reference.clone();
    let service_id = entry.service_id.clone();
    let submitted = entry.submitted_at.clone();
    view! {
        <li class="record-list__item officer-queue__item">
            <h3 class="officer-queue__title">
                <A href=href attr:class="service-list__link">
                    <span class="visually-hidden">{move || i18n.t(OfficerKey::OpenApplicationHidden)}</span>
                    {move || reference.clone().unwrap_or_else(|| i18n.t(OfficerKey::NoReference).to_string())}
                </A>
            </h3>
            <p class="officer-queue__status"><StatusTag status=entry.status/></p>
            <dl class="record-list__details">
                <div>
                    <dt>{move || i18n.t(OfficerKey::Service)}</dt>
                    <dd>{move || service.as_ref().map_or_else(|| service_id.clone(), |s| s.get(i18n.lang()).to_string())}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(OfficerKey::Applicant)}</dt>
                    <dd>{entry.applicant_name.clone()}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(OfficerKey::Submitted)}</dt>
                    <dd>{move || submitted.as_deref().map_or_else(
                        || i18n.t(OfficerKey::NotSubmitted).to_string(),
                        |at| local_date(i18n.lang(), at),
                    )}</dd>
                </div>
            </dl>
        </li>
    }
}
