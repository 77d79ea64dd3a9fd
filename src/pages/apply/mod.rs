//! Applying for a service and following the application: `/services/:id/apply` starts (or resumes) a
//! draft; `/applications/:id/…` holds the form's steps, the documents, "check your answers", the
//! confirmation and the application's own page. The parent [`ApplicationFlow`] loads the application once
//! and keeps the answers, on the phone first and on the server as soon as it answers.

pub mod check;
pub mod documents;
pub mod overview;
pub mod sent;
pub mod start;
pub mod step;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;
use njia_domain::api::applications::{Application, DocumentInfo};
use njia_domain::catalog::{DocumentRequirement, Service};
use njia_domain::forms::{self, Answers, FormStep};

use crate::api::{self, ApiError};
use crate::application_draft::{self as device, DeviceDraft};
use crate::catalog::use_catalog;
use crate::components::status::{LoadError, Loading};
use crate::i18n::apply::ApplyKey;
use crate::i18n::{Lang, text, use_i18n};
use crate::pages::register::today;
use crate::session::SignedInOnly;

/// Where the answers are: confirmed by the server, only on the phone, or on their way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Saving,
    OnPhone,
}

/// What every page of one application shares.
#[derive(Clone, Copy)]
pub struct Flow {
    pub id: Memo<String>,
    pub application: RwSignal<Option<Application>>,
    pub documents: RwSignal<Vec<DocumentInfo>>,
    pub answers: RwSignal<Answers>,
    pub save_state: RwSignal<SaveState>,
    catalog_service: Memo<Option<Service>>,
}

impl Flow {
    pub fn service(&self) -> Option<Service> {
        self.catalog_service.get()
    }

    pub fn service_untracked(&self) -> Option<Service> {
        self.catalog_service.get_untracked()
    }

    /// Keeps `answers` on the phone, then sends them. A dropped connection is not a failure: the answers
    /// wait on the phone and go with the next save or when the connection returns. Other errors (the
    /// server disagreeing with an answer) are the caller's to show.
    pub async fn save(self, answers: Answers) -> Result<(), ApiError> {
        let id = self.id.get_untracked();
        self.answers.set(answers.clone());
        device::update(&id, |d| {
            d.answers = answers.clone();
            d.unsent = true;
        });
        self.save_state.set(SaveState::Saving);
        match api::applications::save_answers(&id, answers).await {
            Ok(application) => {
                device::update(&id, |d| d.unsent = false);
                self.application.set(Some(application));
                self.save_state.set(SaveState::Saved);
                Ok(())
            }
            Err(ApiError::Network) => {
                self.save_state.set(SaveState::OnPhone);
                Ok(())
            }
            Err(error) => {
                self.save_state.set(SaveState::OnPhone);
                Err(error)
            }
        }
    }

    /// Sends answers that were kept on the phone while offline.
    pub fn send_unsent(self) {
        let id = self.id.get_untracked();
        let editable = self
            .application
            .with_untracked(|a| a.as_ref().is_some_and(|a| a.status.is_editable()));
        if let Some(draft) = device::load(&id).filter(|d| d.unsent && editable) {
            spawn_local(async move {
                let _ = self.save(draft.answers).await;
            });
        }
    }

    pub fn path(&self, rest: &str) -> String {
        let id = self.id.get_untracked();
        if rest.is_empty() {
            format!("/applications/{id}")
        } else {
            format!("/applications/{id}/{rest}")
        }
    }
}

pub fn use_flow() -> Flow {
    expect_context::<Flow>()
}

/// The steps that ask something, given the answers so far (a step whose every question is hidden by a
/// condition is skipped).
pub fn visible_steps<'a>(service: &'a Service, answers: &Answers) -> Vec<&'a FormStep> {
    service
        .steps
        .iter()
        .filter(|step| step.fields.iter().any(|f| forms::is_shown(f, answers)))
        .collect()
}

pub fn asked_documents<'a>(
    service: &'a Service,
    answers: &Answers,
) -> Vec<&'a DocumentRequirement> {
    service
        .documents
        .iter()
        .filter(|d| d.is_asked(answers))
        .collect()
}

/// The documents the answers call for that are not attached: the domain's rule, as the server applies it.
pub fn missing_documents<'a>(
    service: &'a Service,
    answers: &Answers,
    attached: &[DocumentInfo],
) -> Vec<&'a DocumentRequirement> {
    let attached: Vec<&str> = attached.iter().map(|d| d.requirement_id.as_str()).collect();
    service.missing_documents(answers, &attached)
}

/// "Attach the police abstract", the same words wherever a document is missing. Names are written
/// capitalised in the catalog, so the first letter is lowered to read well inside the sentence.
pub fn document_missing_message(lang: Lang, requirement: &DocumentRequirement) -> String {
    let name = requirement.name.get(lang);
    let mut chars = name.chars();
    let name: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    text(lang, ApplyKey::DocumentMissing).replace("{name}", &name)
}

/// Where "continue" leads after `step` (or from the start when `None`): the next step that asks something,
/// then the documents if any are asked, then "check your answers".
pub fn next_after(service: &Service, answers: &Answers, step: Option<&str>) -> String {
    let steps = visible_steps(service, answers);
    let position = step.and_then(|id| steps.iter().position(|s| s.id == id));
    let next = match position {
        Some(i) => steps.get(i + 1),
        None if step.is_none() => steps.first(),
        None => None,
    };
    match next {
        Some(next) => format!("steps/{}", next.id),
        None if !asked_documents(service, answers).is_empty() => "documents".into(),
        None => "check".into(),
    }
}

/// The first place that still needs something, for "continue your application".
pub fn first_unfinished(
    service: &Service,
    answers: &Answers,
    documents: &[DocumentInfo],
) -> String {
    let today = today();
    for step in visible_steps(service, answers) {
        let unanswered = step.fields.iter().any(|field| {
            forms::is_shown(field, answers)
                && forms::check_answer(field, answers.get(&field.id), today).is_err()
        });
        if unanswered {
            return format!("steps/{}", step.id);
        }
    }
    if !missing_documents(service, answers, documents).is_empty() {
        "documents".into()
    } else {
        "check".into()
    }
}

/// The parent of `/applications/:id/…`.
#[component]
pub fn ApplicationFlow() -> impl IntoView {
    view! { <SignedInOnly><LoadedFlow/></SignedInOnly> }
}

#[component]
fn LoadedFlow() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let catalog = use_catalog();
    let application: RwSignal<Option<Application>> = RwSignal::new(None);
    let catalog_service = Memo::new(move |_| {
        let service_id = application.with(|a| a.as_ref().map(|a| a.service_id.clone()))?;
        catalog.get()?.ok()?.service(&service_id).cloned()
    });
    let flow = Flow {
        id,
        application,
        documents: RwSignal::new(Vec::new()),
        answers: RwSignal::new(Answers::new()),
        save_state: RwSignal::new(SaveState::Saved),
        catalog_service,
    };
    provide_context(flow);

    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            let application = api::applications::fetch(&id).await?;
            let documents = api::applications::documents(&id).await?;
            Ok::<_, ApiError>((application, documents.items))
        }
    });
    Effect::new(move |_| {
        let Some(Ok((application, documents))) = loaded.get() else {
            return;
        };
        let id = application.id.clone();
        let kept = device::load(&id).filter(|d| d.unsent && application.status.is_editable());
        let unsent = kept.is_some();
        let answers = kept.map_or_else(|| application.answers.clone(), |d| d.answers);
        device::update(&id, |d| {
            *d = DeviceDraft {
                answers: answers.clone(),
                unsent,
                submit_key: d.submit_key.take(),
            }
        });
        flow.answers.set(answers);
        flow.documents.set(documents);
        flow.save_state.set(if unsent {
            SaveState::OnPhone
        } else {
            SaveState::Saved
        });
        flow.application.set(Some(application));
        if unsent {
            flow.send_unsent();
        }
    });
    // Answers kept on the phone go as soon as the phone is back online.
    let online = window_event_listener(leptos::ev::online, move |_| flow.send_unsent());
    on_cleanup(move || online.remove());

    // A memo, so that a saved or sent application (a new value) does not redraw the page in the outlet.
    let ready = Memo::new(move |_| {
        application.with(|a| a.as_ref().is_some_and(|a| a.id == id.get()))
            && catalog_service.with(Option::is_some)
    });
    move || match loaded.get() {
        None => view! { <Loading label=ApplyKey::LoadingApplication/> }.into_any(),
        Some(Err(ApiError::Api { status: 404, .. })) => view! {
            <h1 tabindex="-1">{move || i18n.t(ApplyKey::NotFoundTitle)}</h1>
            <p>{move || i18n.t(ApplyKey::NotFoundBody)}</p>
        }
        .into_any(),
        Some(Err(error)) => {
            view! { <LoadError error on_retry=move |()| loaded.refetch()/> }.into_any()
        }
        Some(Ok(_)) if !ready.get() => {
            view! { <Loading label=ApplyKey::LoadingApplication/> }.into_any()
        }
        Some(Ok(_)) => view! { <Outlet/> }.into_any(),
    }
}

/// "Saved" / "Saved on this phone", announced politely as it changes.
#[component]
pub fn SaveStatus() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    view! {
        <p class="save-status" role="status" aria-live="polite">
            {move || match flow.save_state.get() {
                SaveState::Saved => i18n.t(ApplyKey::SavedOnline),
                SaveState::Saving => i18n.t(ApplyKey::Saving),
                SaveState::OnPhone => i18n.t(ApplyKey::SavedOnPhone),
            }}
        </p>
    }
}

/// Why the registers refuse this service to the person (`unpaid_fines`, `no_booklet_licence`, `no_licence`), with the way
/// to My NTSA, or to whom they act for (`not_for_organisations`, `organisations_only`); `None` for any other
/// failure.
pub fn register_refusal(i18n: crate::i18n::I18n, error: &crate::api::ApiError) -> Option<AnyView> {
    use crate::i18n::acting::ActingKey;
    // Who may apply: the way out is to switch who one acts for, not My NTSA.
    let acting = match error.code()? {
        "not_for_organisations" => Some(ActingKey::NotForOrganisations),
        "organisations_only" => Some(ActingKey::OrganisationsOnly),
        _ => None,
    };
    if let Some(reason) = acting {
        return Some(
            view! {
                <div class="notice notice--error" role="alert">
                    <p>{move || i18n.t(reason)}</p>
                    <p><a href="/acting-as">{move || i18n.t(ActingKey::Title)}</a></p>
                </div>
            }
            .into_any(),
        );
    }
    let reason = match error.code()? {
        "unpaid_fines" => ApplyKey::UnpaidFines,
        "no_booklet_licence" => ApplyKey::NoBookletLicence,
        "no_licence" => ApplyKey::NoLicence,
        "caveat" => ApplyKey::Caveat,
        "fee_changed" => ApplyKey::FeeChanged,
        _ => return None,
    };
    Some(
        view! {
            <div class="notice notice--error" role="alert">
                <p>{move || i18n.t(reason)}</p>
                <p><a href="/ntsa">{move || i18n.t(ApplyKey::GoToMyNtsa)}</a></p>
            </div>
        }
        .into_any(),
    )
}
