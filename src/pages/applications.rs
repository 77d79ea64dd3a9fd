//! `/applications`: "My applications". Drafts to resume first, then everything sent, most recently
//! changed first, each with its reference, service, status and last change.

use leptos::prelude::*;
use leptos_router::components::A;
use njia_domain::api::applications::{ApplicationStatus, ApplicationSummary};
use njia_domain::catalog::Catalog;

use crate::api;
use crate::catalog::use_catalog;
use crate::components::status::{LoadError, Loading};
use crate::components::timeline::StatusTag;
use crate::i18n::account::local_date_time;
use crate::i18n::apply::ApplyKey;
use crate::i18n::use_i18n;
use crate::session::SignedInOnly;
use crate::title::use_title;

#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    view! { <SignedInOnly><MyApplications/></SignedInOnly> }
}

#[component]
fn MyApplications() -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog();
    use_title(move || i18n.t(ApplyKey::MyApplications).to_string());
    let list = LocalResource::new(api::applications::list);
    let content = move || match (list.get(), catalog.get()) {
        (Some(Err(error)), _) => {
            view! { <LoadError error on_retry=move |()| list.refetch()/> }.into_any()
        }
        (_, Some(Err(error))) => {
            view! { <LoadError error on_retry=move |()| catalog.retry()/> }.into_any()
        }
        (Some(Ok(list)), Some(Ok(loaded))) => {
            if list.items.is_empty() {
                return view! {
                        <p>{move || i18n.t(ApplyKey::NoApplications)}</p>
                        <p><A href="/" attr:class="button">{move || i18n.t(ApplyKey::FindService)}</A></p>
                    }
                    .into_any();
            }
            let (drafts, sent): (Vec<_>, Vec<_>) = list
                .items
                .into_iter()
                .partition(|a| a.status == ApplicationStatus::Draft);
            view! {
                {(!drafts.is_empty()).then(|| view! {
                    <h2>{move || i18n.t(ApplyKey::Drafts)}</h2>
                    <p class="hint">{move || i18n.t(ApplyKey::DraftsHint)}</p>
                    <ApplicationCards items=drafts catalog=loaded.clone()/>
                })}
                {(!sent.is_empty()).then(|| view! {
                    <h2>{move || i18n.t(ApplyKey::Sent)}</h2>
                    <ApplicationCards items=sent catalog=loaded.clone()/>
                })}
            }
            .into_any()
        }
        _ => view! { <Loading label=ApplyKey::LoadingApplications/> }.into_any(),
    };
    view! {
        <h1 tabindex="-1">{move || i18n.t(ApplyKey::MyApplications)}</h1>
        {content}
    }
}

#[component]
fn ApplicationCards(
    items: Vec<ApplicationSummary>,
    catalog: std::sync::Arc<Catalog>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="card-list">
            {items.into_iter().map(|item| {
                let name = catalog.service(&item.service_id).map(|s| s.name.clone());
                let service_id = item.service_id.clone();
                let title = move || name.as_ref().map_or_else(|| service_id.clone(), |n| n.get(i18n.lang()).to_string());
                let status = item.status;
                let updated = item.updated_at.clone();
                view! {
                    <li class="card">
                        <A href=format!("/applications/{}", item.id) attr:class="card__link">{title}</A>
                        <dl class="card__facts">
                            {item.reference.clone().map(|reference| view! {
                                <div><dt>{move || i18n.t(ApplyKey::Reference)}</dt><dd class="reference">{reference}</dd></div>
                            })}
                            <div><dt>{move || i18n.t(ApplyKey::Status)}</dt><dd><StatusTag status/></dd></div>
                            <div><dt>{move || i18n.t(ApplyKey::LastChange)}</dt><dd>{move || local_date_time(i18n.lang(), &updated)}</dd></div>
                        </dl>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
