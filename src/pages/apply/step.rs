//! `/applications/:id/steps/:step`: one page of the service's form. The domain's rules check each answer
//! before anything is sent; the server checks them again on save, and its verdict is shown the same way.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use njia_domain::catalog::Service;
use njia_domain::forms::{self, Answers, FormStep};

use super::{SaveStatus, next_after, use_flow, visible_steps};
use crate::api::ApiError;
use crate::components::form::{ErrorSummary, Problem, SubmitButton};
use crate::components::question::{Question, input_id, problem_message};
use crate::i18n::apply::ApplyKey;
use crate::i18n::forms::FormKey;
use crate::i18n::{I18n, use_i18n};
use crate::pages::register::today;
use crate::pages::sign_in::{FormFailure, FormState};
use crate::title::use_title;

#[component]
pub fn StepPage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let params = use_params_map();
    let found = Memo::new(move |_| {
        let step_id = params.read().get("step").unwrap_or_default();
        let service = flow.service()?;
        let step = service.steps.iter().find(|s| s.id == step_id)?.clone();
        Some((service, step))
    });
    // Re-drawn only when the step changes, not on every answer typed.
    move || match found.get() {
        Some((service, step)) => view! { <StepForm service step/> }.into_any(),
        None => view! {
            <h1 tabindex="-1">{move || i18n.t(ApplyKey::NotFoundTitle)}</h1>
            <p><A href=flow.path("")>{move || i18n.t(ApplyKey::ContinueApplication)}</A></p>
        }
        .into_any(),
    }
}

/// Whether this step was opened from "check your answers", so it returns there.
fn returning() -> Signal<bool> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get("return").as_deref() == Some("check")))
}

#[component]
fn StepForm(service: Service, step: FormStep) -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let navigate = use_navigate();
    let returning = returning();
    let title = step.title.clone();
    use_title(move || title.get(i18n.lang()).to_string());
    // The page's own copy: conditions react to it at once; the flow's copy changes when saved.
    let working = RwSignal::new(flow.answers.get_untracked());
    let form = FormState::new();
    let problems = form.problems;

    let back_href = {
        let (service, step_id) = (service.clone(), step.id.clone());
        move || {
            if returning.get() {
                return flow.path("check");
            }
            let answers = flow.answers.get();
            let steps = visible_steps(&service, &answers);
            match steps.iter().position(|s| s.id == step_id) {
                Some(i) if i > 0 => flow.path(&format!("steps/{}", steps[i - 1].id)),
                _ => format!("/services/{}", service.id),
            }
        }
    };

    let submit = {
        let (service, step) = (service.clone(), step.clone());
        move || {
            let (answers, found) = checked_step(i18n, &step, working.get_untracked());
            if !form.start_if_valid(found) {
                return;
            }
            let next = if returning.get_untracked() {
                "check".to_string()
            } else {
                next_after(&service, &answers, Some(&step.id))
            };
            let (navigate, step) = (navigate.clone(), step.clone());
            spawn_local(async move {
                match flow.save(answers).await {
                    Ok(()) => {
                        form.succeed();
                        navigate(&flow.path(&next), Default::default());
                    }
                    Err(error) if !error.fields().is_empty() => {
                        form.done();
                        problems.set(server_problems(i18n, &step, &error));
                    }
                    Err(error) => {
                        form.done();
                        form.failure.set(Some(error));
                    }
                }
            });
        }
    };
    let on_retry = {
        let submit = submit.clone();
        move |()| submit()
    };

    let fields = step.fields.clone();
    let step_title = step.title.clone();
    let service_name = service.name.clone();
    view! {
        <p class="back-link"><A href=back_href>{move || i18n.t(FormKey::Back)}</A></p>
        <ErrorSummary problems/>
        <form novalidate on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <p class="caption">{move || service_name.get(i18n.lang()).to_string()}</p>
            <h1 tabindex="-1">{move || step_title.get(i18n.lang()).to_string()}</h1>
            {fields.into_iter().map(|field| {
                let shown = {
                    let field = field.clone();
                    move || forms::is_shown(&field, &working.get())
                };
                let error = {
                    let target = input_id(&field.id);
                    Signal::derive(move || {
                        problems.all().into_iter().find(|p| p.field_id == target).map(|p| p.message)
                    })
                };
                view! {
                    <Show when=shown>
                        <Question field=field.clone() answers=working error/>
                    </Show>
                }
            }).collect_view()}
            <FormFailure form on_retry/>
            <SubmitButton label=Signal::derive(move || i18n.t(ApplyKey::SaveAndContinue).to_string()) busy=form.busy/>
        </form>
        <SaveStatus/>
    }
}

/// The step's answers checked by the domain's rules: the clean answers (hidden questions dropped, the
/// rest kept from other steps), and the problems to show.
fn checked_step(i18n: I18n, step: &FormStep, mut answers: Answers) -> (Answers, Vec<Problem>) {
    let today = today();
    let mut problems = Vec::new();
    for field in &step.fields {
        if !forms::is_shown(field, &answers) {
            answers.remove(&field.id);
            continue;
        }
        match forms::check_answer(field, answers.get(&field.id), today) {
            Ok(Some(clean)) => {
                answers.insert(field.id.clone(), clean);
            }
            Ok(None) => {
                answers.remove(&field.id);
            }
            Err(problem) => problems.push(Problem {
                field_id: input_id(&field.id),
                message: problem_message(i18n.lang(), field, &problem.code, &problem.message),
            }),
        }
    }
    (answers, problems)
}

/// The server's `422` for this step's answers, in the same words the phone would have used.
fn server_problems(i18n: I18n, step: &FormStep, error: &ApiError) -> Vec<Problem> {
    error
        .fields()
        .iter()
        .map(
            |f| match step.fields.iter().find(|field| field.id == f.field) {
                Some(field) => Problem {
                    field_id: input_id(&field.id),
                    message: problem_message(i18n.lang(), field, &f.code, &f.message),
                },
                None => Problem {
                    field_id: step
                        .fields
                        .first()
                        .map(|field| input_id(&field.id))
                        .unwrap_or_default(),
                    message: f.message.clone(),
                },
            },
        )
        .collect()
}
