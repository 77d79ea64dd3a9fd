//! `/officer/applications/:id`: one application as an officer reviews it — who applied, the answers in the
//! words of the form, the documents, the history — and the decisions the server allows from its status.
//! A decision that needs a note (a reason, what to change, where to collect) asks for it with the same rule
//! the server enforces. After a decision the page shows the application as it now stands and says what was
//! done; a decision refused because the application moved on meanwhile says so and shows where it stands.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use njia_domain::api::applications::{ApplicationStatus, Decision, OfficerApplication};
use njia_domain::catalog::Service;
use njia_domain::centres::collection_centres;

use super::QueueFilters;
use crate::api::{self, ApiError};
use crate::catalog::use_catalog;
use crate::components::answer_list::AnswerList;
use crate::components::documents::DocumentLinks;
use crate::components::form::FieldError;
use crate::components::form::{ErrorSummary, SubmitButton, TextField, described_by};
use crate::components::status::LoadError;
use crate::components::status::Loading;
use crate::components::timeline::{StatusTag, Timeline};
use crate::i18n::account::local_date_time;
use crate::i18n::auth::tr;
use crate::i18n::officer::{OfficerKey, decision_keys, refusal};
use crate::i18n::{text, use_i18n};
use crate::pages::sign_in::{FormFailure, FormState, focus_id, problem};
use crate::session::use_session;
use crate::title::use_title;

/// The decisions the server allows from `status`: exactly those with a transition on the service's path
/// (or on any path, for a service no longer in the catalog).
pub fn allowed_decisions(service: Option<&Service>, status: ApplicationStatus) -> Vec<Decision> {
    Decision::ALL
        .into_iter()
        .filter(|&d| match service {
            Some(service) => service.transition(d, status).is_some(),
            None => d.transition(status).is_some(),
        })
        .collect()
}

/// The input of a decision's note and what to say when it is empty; `None` for a decision without one.
fn note_input(decision: Decision) -> Option<(&'static str, OfficerKey)> {
    match decision {
        Decision::Reject => Some(("reason", OfficerKey::ReasonRequired)),
        Decision::RequestChanges => Some(("changes", OfficerKey::ChangesRequired)),
        Decision::ReadyForCollection => Some(("centre", OfficerKey::CentreRequired)),
        Decision::StartReview | Decision::Approve | Decision::Collected => None,
    }
}

/// The problem with a note, checked before sending by the domain's rule (the server's), in words.
fn note_problem(decision: Decision, note: &str) -> Option<OfficerKey> {
    decision
        .note_problem(Some(note))
        .and_then(|code| note_problem_key(decision, code))
}

/// A note's problem code, from the domain's rule or the server's `422`, as the words to show.
fn note_problem_key(decision: Decision, code: &str) -> Option<OfficerKey> {
    match code {
        "required" => note_input(decision).map(|(_, missing)| missing),
        "too_long" => Some(OfficerKey::NoteTooLong),
        _ => None,
    }
}

/// Where the place of collection is typed rather than chosen, the message asks to enter it.
fn worded(key: OfficerKey, centres: &[&str]) -> OfficerKey {
    if key == OfficerKey::CentreRequired && centres.is_empty() {
        OfficerKey::PlaceRequired
    } else {
        key
    }
}

/// What the page holds, shared by its parts.
#[derive(Clone, Copy)]
struct Page {
    loaded: RwSignal<Option<Result<OfficerApplication, ApiError>>>,
    /// What the last decision did, announced in the status region.
    done: RwSignal<Option<OfficerKey>>,
    /// The error code of a decision the server refused because the application moved on.
    refused: RwSignal<Option<String>>,
    form: FormState,
    /// Loads the application again, keeping what is shown until the answer comes.
    reload: Callback<()>,
}

#[component]
pub fn OfficerApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let catalog = use_catalog();
    let navigate = use_navigate();
    let params = use_params_map();
    let filters = expect_context::<QueueFilters>();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let loaded = RwSignal::new(None::<Result<OfficerApplication, ApiError>>);

    let load = move |clear: bool| {
        let wanted = id.get_untracked();
        if clear {
            loaded.set(None);
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::officer::application(&wanted).await;
            match &result {
                Ok(_) => session.activity(),
                Err(error) => {
                    if session.handle_error(error, &navigate) {
                        return;
                    }
                }
            }
            // The officer may have moved on to another application meanwhile.
            if id.try_get_untracked().as_deref() == Some(wanted.as_str()) {
                let _ = loaded.try_set(Some(result));
            }
        });
    };
    let page = Page {
        loaded,
        done: RwSignal::new(None),
        refused: RwSignal::new(None),
        form: FormState::new(),
        reload: Callback::new({
            let load = load.clone();
            move |()| load(false)
        }),
    };
    {
        let load = load.clone();
        Effect::new(move |_| {
            id.track();
            page.done.set(None);
            page.refused.set(None);
            page.form.problems.clear();
            page.form.failure.set(None);
            load(true);
        });
    }
    let retry_load = Callback::new(move |()| load(true));

    let heading = move || -> String {
        let lang = i18n.lang();
        loaded.with(|loaded| match loaded {
            Some(Ok(view)) => match &view.application.reference {
                Some(reference) => {
                    text(lang, OfficerKey::ApplicationTitle).replace("{n}", reference)
                }
                None => text(lang, OfficerKey::ApplicationHeading).to_string(),
            },
            Some(Err(error)) if error.status() == Some(404) => {
                text(lang, OfficerKey::NotFoundTitle).to_string()
            }
            _ => text(lang, OfficerKey::ApplicationHeading).to_string(),
        })
    };
    use_title(heading);

    let content = move || match (loaded.get(), catalog.get()) {
        (Some(Err(error)), _) if error.status() == Some(404) => view! {
            <p>{move || i18n.t(OfficerKey::NotFoundBody)}</p>
        }
        .into_any(),
        (Some(Err(error)), _) => view! { <LoadError error on_retry=retry_load/> }.into_any(),
        (_, Some(Err(error))) => {
            view! { <LoadError error on_retry=move |()| catalog.retry()/> }.into_any()
        }
        (Some(Ok(application)), Some(Ok(catalog))) => {
            let service = catalog
                .service(&application.application.service_id)
                .cloned();
            view! { <ApplicationDetails application service page/> }.into_any()
        }
        _ => view! { <Loading label=OfficerKey::LoadingApplication/> }.into_any(),
    };

    view! {
        <p class="back-link">
            <A href=move || filters.href()>{move || i18n.t(OfficerKey::BackToQueue)}</A>
        </p>
        <ErrorSummary problems=page.form.problems/>
        <div role="status" class="status-message">
            {move || page.done.get().map(|key| view! {
                <div id="decision-done" class="notice notice--success" tabindex="-1">
                    <p>{move || i18n.t(key)}</p>
                </div>
            })}
        </div>
        {move || page.refused.get().map(|code| view! {
            <div id="decision-refused" class="notice notice--error" role="alert" tabindex="-1">
                <p>{move || refusal(i18n.lang(), &code).unwrap_or_default()}</p>
            </div>
        })}
        <h1 tabindex="-1">{heading}</h1>
        {content}
    }
}

#[component]
fn ApplicationDetails(
    application: OfficerApplication,
    service: Option<Service>,
    page: Page,
) -> impl IntoView {
    let i18n = use_i18n();
    let OfficerApplication {
        application,
        applicant_name,
        applicant_id_number_masked,
        documents,
    } = application;
    let status = application.status;
    let reference = application.reference.clone();
    let service_name = service.as_ref().map(|s| s.name.clone());
    let decision_service = service.clone();
    let service_id = application.service_id.clone();
    let submitted = application.submitted_at.clone();
    let requirements = service
        .as_ref()
        .map(|s| s.documents.clone())
        .unwrap_or_default();
    let answers = match service {
        Some(service) => {
            view! { <AnswerList service answers=application.answers.clone()/> }.into_any()
        }
        // A service gone from the catalog: its answers as they were stored.
        None => view! {
            <dl class="summary-list">
                {application.answers.iter().map(|(question, answer)| {
                    let value = match answer {
                        njia_domain::forms::Answer::One(v) => v.clone(),
                        njia_domain::forms::Answer::Many(vs) => vs.join(", "),
                    };
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{question.clone()}</dt>
                            <dd class="summary-list__value">{value}</dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
        }
        .into_any(),
    };
    let row = |key: OfficerKey, value: AnyView| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t(key)}</dt>
                <dd class="summary-list__value">{value}</dd>
            </div>
        }
    };
    view! {
        <dl class="summary-list">
            {row(OfficerKey::Reference, view! {
                {move || reference.clone().unwrap_or_else(|| i18n.t(OfficerKey::NoReference).to_string())}
            }.into_any())}
            {row(OfficerKey::Service, view! {
                {move || service_name.as_ref().map_or_else(|| service_id.clone(), |n| n.get(i18n.lang()).to_string())}
            }.into_any())}
            {row(OfficerKey::Status, view! { <StatusTag status/> }.into_any())}
            {row(OfficerKey::Applicant, view! { {applicant_name} }.into_any())}
            {row(OfficerKey::IdNumber, view! { {applicant_id_number_masked} }.into_any())}
            {row(OfficerKey::Submitted, view! {
                {move || submitted.as_deref().map_or_else(
                    || i18n.t(OfficerKey::NotSubmitted).to_string(),
                    |at| local_date_time(i18n.lang(), at),
                )}
            }.into_any())}
        </dl>
        <section aria-labelledby="answers-title">
            <h2 id="answers-title">{move || i18n.t(OfficerKey::Answers)}</h2>
            {answers}
        </section>
        <section aria-labelledby="documents-title">
            <h2 id="documents-title">{move || i18n.t(OfficerKey::Documents)}</h2>
            <DocumentLinks documents requirements/>
        </section>
        <section aria-labelledby="history-title">
            <h2 id="history-title">{move || i18n.t(OfficerKey::History)}</h2>
            <Timeline entries=application.timeline/>
        </section>
        <section aria-labelledby="decision-title">
            <h2 id="decision-title">{move || i18n.t(OfficerKey::DecisionTitle)}</h2>
            <DecisionForm id=application.id status service=decision_service page/>
        </section>
    }
}

/// The notes the decisions may carry, one per input so switching decisions does not carry text across.
#[derive(Clone, Copy)]
struct Notes {
    reason: RwSignal<String>,
    changes: RwSignal<String>,
    centre: RwSignal<String>,
}

impl Notes {
    fn of(&self, decision: Decision) -> Option<RwSignal<String>> {
        match decision {
            Decision::Reject => Some(self.reason),
            Decision::RequestChanges => Some(self.changes),
            Decision::ReadyForCollection => Some(self.centre),
            Decision::StartReview | Decision::Approve | Decision::Collected => None,
        }
    }
}

#[component]
fn DecisionForm(
    id: String,
    status: ApplicationStatus,
    service: Option<Service>,
    page: Page,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let allowed = allowed_decisions(service.as_ref(), status);
    if allowed.is_empty() {
        return view! { <p>{move || i18n.t(OfficerKey::NothingToDecide)}</p> }.into_any();
    }
    // With one possible decision there is nothing to choose: the button says what it does.
    let single = (allowed.len() == 1).then(|| allowed[0]);
    let chosen = RwSignal::new(single);
    let notes = Notes {
        reason: RwSignal::new(String::new()),
        changes: RwSignal::new(String::new()),
        centre: RwSignal::new(String::new()),
    };
    let agency = session.account().and_then(|a| a.agency).unwrap_or_default();
    let centres = collection_centres(&agency);
    let form = page.form;

    let send = move || {
        let lang = i18n.lang();
        let decision = chosen.get_untracked();
        let note = decision
            .and_then(|d| notes.of(d))
            .map(|n| n.get_untracked().trim().to_string());
        let problems = match decision {
            None => vec![problem("decision", text(lang, OfficerKey::ChooseDecision))],
            Some(d) => note_problem(d, note.as_deref().unwrap_or_default())
                .zip(note_input(d))
                .map(|(key, (input, _))| problem(input, text(lang, worded(key, centres))))
                .into_iter()
                .collect(),
        };
        let Some(decision) = decision else {
            form.problems.set(problems);
            return;
        };
        if !form.start_if_valid(problems) {
            return;
        }
        page.done.set(None);
        page.refused.set(None);
        let id = id.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::officer::decide(&id, decision, note.filter(|n| !n.is_empty())).await {
                Ok(updated) => {
                    form.succeed();
                    session.activity();
                    page.done.set(Some(decision_keys(decision).1));
                    page.loaded.set(Some(Ok(updated)));
                    request_animation_frame(|| focus_id("decision-done"));
                }
                Err(error) => {
                    if session.handle_error(&error, &navigate) {
                        form.done();
                        return;
                    }
                    let lang = i18n.lang();
                    let moved_on = matches!(error.status(), Some(404 | 409))
                        && error.code().and_then(|c| refusal(lang, c)).is_some();
                    if moved_on {
                        form.succeed();
                        page.refused.set(error.code().map(str::to_string));
                        page.reload.run(());
                        request_animation_frame(|| focus_id("decision-refused"));
                    } else if !error.fields().is_empty() {
                        form.done();
                        let input = note_input(decision).map_or("decision", |(input, _)| input);
                        form.problems.set(
                            error
                                .fields()
                                .iter()
                                .map(|f| {
                                    let message = note_problem_key(decision, &f.code).map_or_else(
                                        || f.message.clone(),
                                        |key| text(lang, worded(key, centres)).to_string(),
                                    );
                                    problem(input, message)
                                })
                                .collect(),
                        );
                    } else {
                        // No answer, or a fault: say so, with a retry that sends the same decision.
                        form.fail(lang, error, &[]);
                    }
                }
            }
        });
    };
    let retry = Callback::new({
        let send = send.clone();
        move |()| send()
    });

    let note_field = move |decision: Decision| -> Option<AnyView> {
        let value = notes.of(decision)?;
        Some(match decision {
            Decision::Reject => view! {
                <NoteArea id="reason" label=OfficerKey::ReasonLabel hint=OfficerKey::ReasonHint value form/>
            }
            .into_any(),
            Decision::RequestChanges => view! {
                <NoteArea id="changes" label=OfficerKey::ChangesLabel hint=OfficerKey::ChangesHint value form/>
            }
            .into_any(),
            _ if centres.is_empty() => view! {
                <TextField
                    id="centre"
                    label=tr(OfficerKey::CentreLabel)
                    hint=tr(OfficerKey::CentreTextHint)
                    value
                    error=form.problems.for_field("centre")
                />
            }
            .into_any(),
            _ => view! { <CentreSelect centres value form/> }.into_any(),
        })
    };

    let choices = match single {
        Some(decision) => note_field(decision).into_any(),
        None => {
            let error = form.problems.for_field("decision");
            let described = described_by(None, "decision-error".to_string(), error);
            view! {
                <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
                    <fieldset class="fieldset" aria-describedby=described>
                        <legend class="fieldset__legend">{move || i18n.t(OfficerKey::DecisionLegend)}</legend>
                        <FieldError id="decision-error".to_string() error/>
                        <div class="radios">
                            {allowed.iter().enumerate().map(|(index, &decision)| {
                                let value = decision.as_str();
                                // The first radio carries the group's id, so the error summary can focus it.
                                let input_id = if index == 0 { "decision".to_string() } else { format!("decision-{value}") };
                                let label = decision_keys(decision).0;
                                view! {
                                    <div class="radios__item">
                                        <input
                                            class="radios__input"
                                            type="radio"
                                            id=input_id.clone()
                                            name="decision"
                                            value=value
                                            prop:checked=move || chosen.get() == Some(decision)
                                            on:change=move |_| chosen.set(Some(decision))
                                        />
                                        <label class="radios__label" for=input_id>{move || i18n.t(label)}</label>
                                    </div>
                                    {move || (chosen.get() == Some(decision)).then(|| note_field(decision)).flatten().map(|field| view! {
                                        <div class="radios__conditional">{field}</div>
                                    })}
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                </div>
            }
            .into_any()
        }
    };
    let button = match single {
        Some(decision) => tr(decision_keys(decision).0),
        None => tr(OfficerKey::SaveDecision),
    };
    view! {
        <form class="form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            send();
        }>
            {choices}
            <FormFailure form on_retry=retry/>
            <SubmitButton label=button busy=form.busy/>
        </form>
    }
    .into_any()
}

/// A reason or what to change: a few lines of free text.
#[component]
fn NoteArea(
    id: &'static str,
    label: OfficerKey,
    hint: OfficerKey,
    value: RwSignal<String>,
    form: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = form.problems.for_field(id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = described_by(Some(hint_id.clone()), error_id.clone(), error);
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id>{move || i18n.t(label)}</label>
            <p id=hint_id class="hint">{move || i18n.t(hint)}</p>
            <FieldError id=error_id error/>
            <textarea
                id=id
                name=id
                rows="4"
                class=move || if error.with(Option::is_some) { "input officer-note input--error" } else { "input officer-note" }
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// The agency's collection centres, to choose from.
#[component]
fn CentreSelect(
    centres: &'static [&'static str],
    value: RwSignal<String>,
    form: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = form.problems.for_field("centre");
    let described = described_by(
        Some("centre-hint".to_string()),
        "centre-error".to_string(),
        error,
    );
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for="centre">{move || i18n.t(OfficerKey::CentreLabel)}</label>
            <p id="centre-hint" class="hint">{move || i18n.t(OfficerKey::CentreHint)}</p>
            <FieldError id="centre-error".to_string() error/>
            <select
                id="centre"
                name="centre"
                class=move || if error.with(Option::is_some) { "input input--error" } else { "input" }
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" prop:selected=move || value.with(String::is_empty)>
                    {move || i18n.t(OfficerKey::CentreChoose)}
                </option>
                {centres.iter().map(|&centre| view! {
                    <option value=centre prop:selected=move || value.with(|v| v == centre)>{centre}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decisions_offered_are_exactly_those_the_server_allows() {
        use ApplicationStatus as S;
        assert_eq!(
            allowed_decisions(None, S::Submitted),
            [
                Decision::StartReview,
                Decision::Approve,
                Decision::RequestChanges,
                Decision::Reject
            ]
        );
        assert_eq!(
            allowed_decisions(None, S::UnderReview),
            [
                Decision::Approve,
                Decision::RequestChanges,
                Decision::Reject
            ]
        );
        assert_eq!(
            allowed_decisions(None, S::Approved),
            [Decision::ReadyForCollection]
        );
        assert_eq!(
            allowed_decisions(None, S::ReadyForCollection),
            [Decision::Collected]
        );
        for status in [
            S::Draft,
            S::AwaitingPayment,
            S::ChangesRequested,
            S::Rejected,
            S::Collected,
        ] {
            assert!(allowed_decisions(None, status).is_empty(), "{status:?}");
        }
    }

    #[test]
    fn collection_is_offered_only_for_a_service_handed_over_in_person() {
        let mut service: Service = serde_json::from_value(serde_json::json!({
            "id": "s", "agency": "nrb", "category": "identity",
            "name": {"en": "S", "sw": "S"}, "summary": {"en": "", "sw": ""},
            "description": {"en": "", "sw": ""}, "applicants": ["citizen"],
            "fee": {"kind": "free"}, "processing_time": {"kind": "immediate"}
        }))
        .expect("a minimal service");
        assert!(allowed_decisions(Some(&service), ApplicationStatus::Approved).is_empty());
        service.collection = true;
        assert_eq!(
            allowed_decisions(Some(&service), ApplicationStatus::Approved),
            [Decision::ReadyForCollection]
        );
    }

    #[test]
    fn notes_are_asked_for_exactly_where_the_server_needs_them() {
        for decision in Decision::ALL {
            assert_eq!(
                note_input(decision).is_some(),
                decision.needs_note(),
                "{decision:?}"
            );
            if decision.needs_note() {
                assert!(note_problem(decision, "   ").is_some());
                assert_eq!(note_problem(decision, "Attach the receipt"), None);
                assert_eq!(
                    note_problem(decision, &"x".repeat(501)),
                    Some(OfficerKey::NoteTooLong)
                );
                assert_eq!(note_problem(decision, &"x".repeat(500)), None);
            } else {
                assert_eq!(note_problem(decision, ""), None);
            }
        }
    }
}
