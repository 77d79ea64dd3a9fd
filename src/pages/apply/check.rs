//! `/applications/:id/check`: every answer with a link to change it, the documents, what it will cost, and
//! the declaration. "Accept and send" carries an `Idempotency-Key` kept on the phone until the server
//! confirms, so a double tap or a retry after a dropped connection sends one application.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::api::applications::ApplicationStatus;
use njia_domain::api::invoices::{invoice_items, invoice_total};
use njia_domain::api::notices::Notice;
use njia_domain::forms;

use super::{asked_documents, document_missing_message, missing_documents, use_flow};
use crate::api::upload::random_uuid;
use crate::api::{self, ApiError};
use crate::application_draft as device;
use crate::components::answer_list::AnswerList;
use crate::components::form::{ErrorSummary, FieldError, Problem, SubmitButton};
use crate::components::question::problem_message;
use crate::components::service_notices::MaintenanceRefusal;
use crate::i18n::apply::ApplyKey;
use crate::i18n::forms::FormKey;
use crate::i18n::{I18n, use_i18n};
use crate::pages::register::today;
use crate::pages::sign_in::{FormFailure, FormState, focus_id};
use crate::title::use_title;

const DECLARATION: &str = "declaration";

/// The id of a question's row in the summary, which the error summary links to.
fn row_id(field: &str) -> String {
    format!("answer-{field}")
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let navigate = use_navigate();
    use_title(move || i18n.t(ApplyKey::CheckTitle).to_string());
    let Some(service) = flow.service_untracked() else {
        return ().into_any();
    };
    // A sent application has nothing left to check: its own page says where it stands.
    let editable = flow
        .application
        .with_untracked(|a| a.as_ref().map(|a| (a.status.is_editable(), a.status)));
    if !matches!(editable, Some((true, _))) {
        navigate(
            &flow.path(""),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
        return ().into_any();
    }
    let resubmission = matches!(editable, Some((_, ApplicationStatus::ChangesRequested)));
    let answers = flow.answers.get_untracked();
    let form = FormState::new();
    let problems = form.problems;
    let confirmed = RwSignal::new(false);
    let maintenance = RwSignal::new(None::<Notice>);

    let step_of = {
        let service = service.clone();
        move |field: &str| {
            service
                .steps
                .iter()
                .find(|s| s.fields.iter().any(|f| f.id == field))
                .map(|s| s.id.clone())
                .unwrap_or_default()
        }
    };
    let change_href = {
        let step_of = step_of.clone();
        Callback::new(move |field: String| {
            flow.path(&format!("steps/{}?return=check", step_of(&field)))
        })
    };

    let submit = {
        let (service, navigate) = (service.clone(), navigate.clone());
        move || {
            let answers = flow.answers.get_untracked();
            let mut found =
                client_problems(i18n, &service, &answers, &flow.documents.get_untracked());
            if !confirmed.get_untracked() {
                found.push(Problem {
                    field_id: DECLARATION.into(),
                    message: i18n.t(ApplyKey::DeclarationMissing).into(),
                });
            }
            maintenance.set(None);
            if !form.start_if_valid(found) {
                return;
            }
            let id = flow.id.get_untracked();
            let key = device::update(&id, |d| {
                d.submit_key.get_or_insert_with(random_uuid);
            })
            .submit_key
            .unwrap_or_else(random_uuid);
            let navigate = navigate.clone();
            let service = service.clone();
            spawn_local(async move {
                match api::applications::submit(&id, &key).await {
                    Ok(application) => {
                        device::clear(&id);
                        flow.application.set(Some(application));
                        form.succeed();
                        navigate(&flow.path("sent"), Default::default());
                    }
                    Err(error) if !error.fields().is_empty() => {
                        form.done();
                        problems.set(server_problems(i18n, &service, &error));
                    }
                    Err(error) => {
                        form.done();
                        match error.maintenance().cloned() {
                            Some(notice) => {
                                maintenance.set(Some(notice));
                                request_animation_frame(|| focus_id("maintenance-refusal"));
                            }
                            None => form.failure.set(Some(error)),
                        }
                    }
                }
            });
        }
    };
    let on_retry = {
        let submit = submit.clone();
        move |()| submit()
    };

    let documents_asked = !asked_documents(&service, &answers).is_empty();
    // The total of the invoice the submission will create, by the same rule.
    let total = (!resubmission)
        .then(|| invoice_items(&service, &answers))
        .flatten()
        .and_then(|items| invoice_total(&items));
    let declaration_error = Signal::derive(move || {
        problems
            .all()
            .into_iter()
            .find(|p| p.field_id == DECLARATION)
            .map(|p| p.message)
    });
    let service_for_list = service.clone();
    let service_name = service.name.clone();
    let document_names = service.documents.clone();
    view! {
        <p class="back-link"><A href=flow.path("")>{move || i18n.t(FormKey::Back)}</A></p>
        <ErrorSummary problems/>
        <p class="caption">{move || service_name.get(i18n.lang()).to_string()}</p>
        <h1 tabindex="-1">{move || i18n.t(ApplyKey::CheckTitle)}</h1>
        <h2>{move || i18n.t(ApplyKey::YourAnswers)}</h2>
        <div id="answers">
            <AnswerList service=service_for_list answers change_href/>
        </div>
        {documents_asked.then(|| view! {
            <h2 id="documents" tabindex="-1">{move || i18n.t(ApplyKey::Documents)}</h2>
            {move || {
                let attached = flow.documents.get();
                if attached.is_empty() {
                    view! { <p>{i18n.t(ApplyKey::NoDocumentsAttached)}</p> }.into_any()
                } else {
                    let names = document_names.clone();
                    view! {
                        <dl class="summary-list">
                            {attached.into_iter().map(|d| {
                                let name = names.iter().find(|r| r.id == d.requirement_id)
                                    .map(|r| r.name.get(i18n.lang()).to_string())
                                    .unwrap_or_default();
                                view! {
                                    <div class="summary-list__row">
                                        <dt class="summary-list__key">{name}</dt>
                                        <dd class="summary-list__value">{d.file_name}</dd>
                                    </div>
                                }
                            }).collect_view()}
                        </dl>
                    }.into_any()
                }
            }}
            <p><A href=flow.path("documents")>{move || i18n.t(ApplyKey::ChangeDocuments)}</A></p>
        })}
        {total.map(|total| view! {
            <h2>{move || i18n.t(ApplyKey::FeeToPay)}</h2>
            <p class="fee-total">{total.to_string()}</p>
        })}
        {resubmission.then(|| view! { <p>{move || i18n.t(ApplyKey::ResubmitFree)}</p> })}
        <form novalidate on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <h2>{move || i18n.t(ApplyKey::DeclarationTitle)}</h2>
            <p>{move || i18n.t(ApplyKey::DeclarationText)}</p>
            <div class="form-group" class:form-group--error=move || declaration_error.with(Option::is_some)>
                <FieldError id="declaration-error".to_string() error=declaration_error/>
                <div class="radios__item">
                    <input
                        class="radios__input"
                        type="checkbox"
                        id=DECLARATION
                        name=DECLARATION
                        aria-describedby=move || declaration_error.with(Option::is_some).then_some("declaration-error")
                        prop:checked=move || confirmed.get()
                        on:change=move |ev| confirmed.set(event_target_checked(&ev))
                    />
                    <label class="radios__label" for=DECLARATION>{move || i18n.t(ApplyKey::DeclarationLabel)}</label>
                </div>
            </div>
            {move || form.failure.with(|f| matches!(f, Some(ApiError::Network))).then(|| view! {
                <p class="notice notice--error" role="alert">{i18n.t(ApplyKey::SendFailedNetwork)}</p>
            })}
            {move || form.failure.with(|f| f.as_ref().is_some_and(|e| e.code() == Some("in_progress"))).then(|| view! {
                <p class="notice notice--error" role="alert">{i18n.t(ApplyKey::SendInProgress)}</p>
            })}
            {move || form.failure.with(|f| f.as_ref().and_then(|e| super::register_refusal(i18n, e)))}
            {move || maintenance.get().map(|notice| view! { <MaintenanceRefusal notice id="maintenance-refusal" answers_saved=true/> })}
            <FormFailure form on_retry/>
            <SubmitButton label=Signal::derive(move || i18n.t(ApplyKey::AcceptAndSend).to_string()) busy=form.busy/>
        </form>
    }
    .into_any()
}

/// What the domain's rules find before sending: every answer of the whole form, and the documents the
/// answers call for. The server runs the same checks again.
fn client_problems(
    i18n: I18n,
    service: &njia_domain::catalog::Service,
    answers: &forms::Answers,
    attached: &[njia_domain::api::applications::DocumentInfo],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Err(found) = forms::validate(&service.steps, answers, today()) {
        problems.extend(
            found
                .into_iter()
                .map(|p| answer_problem(i18n, service, &p.field, &p.code, &p.message)),
        );
    }
    problems.extend(
        missing_documents(service, answers, attached)
            .into_iter()
            .map(|requirement| Problem {
                field_id: "documents".into(),
                message: document_missing_message(i18n.lang(), requirement),
            }),
    );
    problems
}

fn answer_problem(
    i18n: I18n,
    service: &njia_domain::catalog::Service,
    field_id: &str,
    code: &str,
    fallback: &str,
) -> Problem {
    let field = service
        .steps
        .iter()
        .flat_map(|s| &s.fields)
        .find(|f| f.id == field_id);
    let label = field.map(|f| f.label.get(i18n.lang()).to_string());
    let message = field.map_or_else(
        || fallback.to_string(),
        |f| problem_message(i18n.lang(), f, code, fallback),
    );
    Problem {
        field_id: row_id(field_id),
        // On this page the question is not beside the message, so it says which question.
        message: match label {
            Some(label) => format!("{label}: {message}"),
            None => message,
        },
    }
}

/// The server's `422` at submission (answers or documents), in the phone's words.
fn server_problems(
    i18n: I18n,
    service: &njia_domain::catalog::Service,
    error: &ApiError,
) -> Vec<Problem> {
    error
        .fields()
        .iter()
        .map(|f| match f.field.strip_prefix("documents.") {
            Some(requirement) => Problem {
                field_id: "documents".into(),
                message: service
                    .documents
                    .iter()
                    .find(|d| d.id == requirement)
                    .map_or_else(
                        || f.message.clone(),
                        |d| document_missing_message(i18n.lang(), d),
                    ),
            },
            None => answer_problem(i18n, service, &f.field, &f.code, &f.message),
        })
        .collect()
}
