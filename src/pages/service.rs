//! `/services/:id`: what a service is, what it costs, what to bring and how long it takes.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use njia_domain::catalog::{
    Applicant, Catalog, DocumentRequirement, ProcessingTime, Requirement, Service,
};

use crate::catalog::use_catalog;
use crate::components::fee::FeeDetails;
use crate::components::status::{LoadError, Loading};
use crate::format::{file_size, one_of};
use crate::i18n::apply::ApplyKey;
use crate::i18n::officer::status_key;
use crate::i18n::{Key, use_i18n};
use crate::title::use_title;

#[component]
pub fn ServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let found = move || -> Option<(Service, String)> {
        let catalog: std::sync::Arc<Catalog> = catalog.get()?.ok()?;
        let service = catalog.service(&id())?.clone();
        let agency = catalog
            .agency(&service.agency)
            .map(|a| a.name.get(i18n.lang()).to_string())
            .unwrap_or_default();
        Some((service, agency))
    };
    use_title(move || match found() {
        Some((service, _)) => service.name.get(i18n.lang()).to_string(),
        None => i18n.t(Key::ServiceNotFoundTitle).to_string(),
    });
    view! {
        <nav class="back-link" aria-label=move || i18n.t(Key::AllServices)>
            <A href="/">{move || i18n.t(Key::AllServices)}</A>
        </nav>
        {move || match (catalog.get(), found()) {
            (None, _) => view! { <Loading label=Key::LoadingServices/> }.into_any(),
            (Some(Err(error)), _) => view! { <LoadError error=error on_retry=move |()| catalog.retry()/> }.into_any(),
            (Some(Ok(_)), None) => view! {
                <h1 tabindex="-1">{move || i18n.t(Key::ServiceNotFoundTitle)}</h1>
                <p>{move || i18n.t(Key::ServiceNotFoundBody)}</p>
            }.into_any(),
            (Some(Ok(_)), Some((service, agency))) => view! { <ServiceDetails service agency/> }.into_any(),
        }}
    }
}

#[component]
fn ServiceDetails(service: Service, agency: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let documents = service.documents.clone();
    let applicants = service.applicants.clone();
    let statuses = service.statuses();
    view! {
        <p class="caption">{agency}</p>
        <h1 tabindex="-1">{service.name.get(lang).to_string()}</h1>
        <p class="lead">{service.summary.get(lang).to_string()}</p>
        <p>{service.description.get(lang).to_string()}</p>
        <p>
            <A href=format!("/services/{}/apply", service.id) attr:class="button button--start">
                {move || i18n.t(ApplyKey::StartNow)}
            </A>
        </p>
        <p class="hint">{move || i18n.t(ApplyKey::StartHint)}</p>

        <h2>{move || i18n.t(Key::Fee)}</h2>
        <FeeDetails fee=service.fee.clone()/>

        <h2>{move || i18n.t(Key::DocumentsNeeded)}</h2>
        {if documents.is_empty() {
            view! { <p>{move || i18n.t(Key::NoDocuments)}</p> }.into_any()
        } else {
            view! {
                <ul class="document-list">
                    {documents.into_iter().map(|d| view! { <DocumentItem document=d/> }).collect_view()}
                </ul>
            }.into_any()
        }}

        <h2>{move || i18n.t(Key::ProcessingTime)}</h2>
        <p>{move || processing_time(service.processing_time, i18n)}</p>

        <h2>{move || i18n.t(ApplyKey::WhatHappens)}</h2>
        <ol class="status-path">
            {statuses.into_iter().map(|status| view! { <li>{move || i18n.t(status_key(status))}</li> }).collect_view()}
        </ol>

        <h2>{move || i18n.t(Key::WhoCanApply)}</h2>
        <ul class="plain-list">
            {applicants.into_iter().map(|a| view! { <li>{move || i18n.t(applicant_key(a))}</li> }).collect_view()}
        </ul>
    }
}

#[component]
fn DocumentItem(document: DocumentRequirement) -> impl IntoView {
    let i18n = use_i18n();
    let requirement = match document.required {
        Requirement::Always => Key::Required,
        Requirement::Optional => Key::Optional,
        Requirement::When { .. } => Key::RequiredSometimes,
    };
    let name = document.name.clone();
    let types = move || {
        format!(
            "{} {} {}",
            one_of(i18n.lang(), &document.accepted),
            i18n.t(Key::AcceptedUpTo),
            file_size(document.max_bytes)
        )
    };
    view! {
        <li class="document-list__item">
            <span class="document-list__name">{move || name.get(i18n.lang()).to_string()}</span>
            <span class="tag">{move || i18n.t(requirement)}</span>
            <span class="hint">{types}</span>
        </li>
    }
}

fn processing_time(time: ProcessingTime, i18n: crate::i18n::I18n) -> String {
    match time {
        ProcessingTime::Immediate => i18n.t(Key::Immediate).to_string(),
        ProcessingTime::WorkingDays(n) => i18n.t_n(Key::WorkingDays, n),
        ProcessingTime::Days(n) => i18n.t_n(Key::Days, n),
    }
}

fn applicant_key(applicant: Applicant) -> Key {
    match applicant {
        Applicant::Citizen => Key::ApplicantCitizen,
        Applicant::Resident => Key::ApplicantResident,
        Applicant::Foreigner => Key::ApplicantForeigner,
        Applicant::Organisation => Key::ApplicantOrganisation,
    }
}
