//! `/applications/:id`: where an application stands. A draft offers to continue; a request for changes
//! says what the officer asked and leads to the answers; otherwise its history, answers and documents.

use leptos::prelude::*;
use leptos_router::components::A;
use njia_domain::api::applications::{Application, ApplicationStatus};

use super::{first_unfinished, use_flow};
use crate::components::answer_list::AnswerList;
use crate::components::documents::DocumentLinks;
use crate::components::timeline::{StatusTag, Timeline};
use crate::i18n::apply::ApplyKey;
use crate::i18n::use_i18n;
use crate::pages::pay::PaymentLinks;
use crate::title::use_title;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let service = flow.service_untracked();
    let name = service.as_ref().map(|s| s.name.clone());
    use_title({
        let name = name.clone();
        move || {
            name.as_ref()
                .map(|n| n.get(i18n.lang()).to_string())
                .unwrap_or_default()
        }
    });
    move || {
        let (Some(application), Some(service)) = (flow.application.get(), flow.service()) else {
            return ().into_any();
        };
        let status = application.status;
        let name = service.name.clone();
        let continue_href = flow.path(&first_unfinished(
            &service,
            &flow.answers.get_untracked(),
            &flow.documents.get_untracked(),
        ));
        let changes_note = latest_note(&application, ApplicationStatus::ChangesRequested);
        let documents = flow.documents.get_untracked();
        let requirements = service.documents.clone();
        let answers = flow.answers.get_untracked();
        view! {
            <p class="back-link"><A href="/applications">{move || i18n.t(ApplyKey::MyApplications)}</A></p>
            <h1 tabindex="-1">{move || name.get(i18n.lang()).to_string()}</h1>
            <dl class="summary-list">
                {application.reference.clone().map(|reference| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{move || i18n.t(ApplyKey::Reference)}</dt>
                        <dd class="summary-list__value reference">{reference}</dd>
                    </div>
                })}
                <div class="summary-list__row">
                    <dt class="summary-list__key">{move || i18n.t(ApplyKey::Status)}</dt>
                    <dd class="summary-list__value"><StatusTag status/></dd>
                </div>
            </dl>
            <PaymentLinks/>
            {(status == ApplicationStatus::Draft).then(|| view! {
                <p>{move || i18n.t(ApplyKey::DraftsHint)}</p>
                <p><A href=continue_href.clone() attr:class="button">{move || i18n.t(ApplyKey::ContinueApplication)}</A></p>
            })}
            {(status == ApplicationStatus::ChangesRequested).then(|| view! {
                <div class="notice notice--warning">
                    <h2>{move || i18n.t(ApplyKey::ChangesRequestedTitle)}</h2>
                    <p>{move || i18n.t(ApplyKey::ChangesRequestedBody)}</p>
                    <blockquote class="officer-note">{changes_note.clone().unwrap_or_default()}</blockquote>
                    <p>{move || i18n.t(ApplyKey::ResubmitFree)}</p>
                    <p><A href=flow.path("check") attr:class="button">{move || i18n.t(ApplyKey::MakeChanges)}</A></p>
                </div>
            })}
            {(!application.timeline.is_empty()).then(|| view! {
                <h2>{move || i18n.t(ApplyKey::History)}</h2>
                <Timeline entries=application.timeline.clone()/>
            })}
            <h2>{move || i18n.t(ApplyKey::YourAnswers)}</h2>
            <AnswerList service=service.clone() answers/>
            {(!documents.is_empty()).then(|| view! {
                <h2>{move || i18n.t(ApplyKey::Documents)}</h2>
                <DocumentLinks documents requirements/>
            })}
        }
        .into_any()
    }
}

fn latest_note(application: &Application, status: ApplicationStatus) -> Option<String> {
    application
        .timeline
        .iter()
        .rev()
        .find(|e| e.status == status)
        .and_then(|e| e.note.clone())
}
