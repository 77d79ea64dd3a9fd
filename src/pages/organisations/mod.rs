//! `/organisations` (the organisations the person acts for, the invitations to them, adding one) and
//! `/organisations/:id` (one organisation; its administrators manage members and invitations there). An
//! organisation comes onto Njia through the `ecitizen-add-organisation` application, approved by an eCitizen
//! officer; everything else about membership happens on these two pages.
//!
//! Also the parts both pages share: the "act for this organisation" button, a button that shows progress,
//! and the state of one action (sending, refused in plain words, or failed with a retry).

mod detail;
mod invite;
mod list;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use njia_domain::organisations::OrganisationRole;

pub use detail::OrganisationPage;
pub use list::OrganisationsPage;

use crate::acting::{ActingChoice, use_acting};
use crate::api::ApiError;
use crate::components::status::LoadError;
use crate::i18n::forms::FormKey;
use crate::i18n::organisations::OrgKey;
use crate::i18n::{Lang, use_i18n};

/// A role as it reads inside a sentence ("as agent"), as the server's SMS writes it.
fn role_in_sentence(lang: Lang, role: OrganisationRole) -> String {
    role.name_in(lang).to_lowercase()
}

/// A message shown at the top of the page after an action: what happened, or why it could not.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    message: String,
    problem: bool,
}

const OUTCOME_ID: &str = "organisation-outcome";

/// The outcome of the last action, focused when it appears: the card whose button was pressed is usually
/// gone from the refreshed list, and focus must not fall back to the top of the document.
#[component]
fn OutcomeNotice(outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    Effect::new(move |_| {
        if outcome.with(Option::is_some) {
            request_animation_frame(|| crate::pages::sign_in::focus_id(OUTCOME_ID));
        }
    });
    move || {
        outcome.get().map(|o| {
            let (class, role) = if o.problem {
                ("notice notice--error", "alert")
            } else {
                ("notice notice--success", "status")
            };
            view! {
                <div id=OUTCOME_ID class=class role=role tabindex="-1"><p>{o.message}</p></div>
            }
        })
    }
}

/// One action on a page of several (answer an invitation, change a role, remove a member…): whether it is
/// on its way, the API's refusal in plain words, or a failure to reach the server that can be retried.
#[derive(Clone, Copy)]
struct Task {
    busy: RwSignal<bool>,
    refused: RwSignal<Option<String>>,
    failure: RwSignal<Option<ApiError>>,
}

impl Task {
    fn new() -> Task {
        Task {
            busy: RwSignal::new(false),
            refused: RwSignal::new(None),
            failure: RwSignal::new(None),
        }
    }

    /// `false` when the action is already on its way, so a double tap never sends twice.
    fn start(&self) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.busy.set(true);
        self.refused.set(None);
        self.failure.set(None);
        true
    }

    fn succeed(&self) {
        self.busy.set(false);
    }

    fn refuse(&self, message: impl Into<String>) {
        self.busy.set(false);
        self.refused.set(Some(message.into()));
    }

    fn fail(&self, error: ApiError) {
        self.busy.set(false);
        self.failure.set(Some(error));
    }

    fn reset(&self) {
        self.refused.set(None);
        self.failure.set(None);
    }
}

/// The task's refusal, or its failure with a button that sends it again.
#[component]
fn TaskProblem(task: Task, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    view! {
        {move || task.refused.get().map(|message| view! {
            <div class="notice notice--error" role="alert"><p>{message}</p></div>
        })}
        {move || task.failure.get().map(|error| view! { <LoadError error on_retry/> })}
    }
}

/// A button that starts an action: while it is on its way it says so, is marked busy for assistive
/// technology and ignores presses. `hidden` completes the label for screen readers when several cards
/// each have the same button ("Accept" → "Accept the invitation of Acme Motors").
#[component]
fn ActionButton(
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] hidden: Option<Signal<String>>,
    busy: RwSignal<bool>,
    #[prop(default = "button")] class: &'static str,
    #[prop(into)] on_click: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class=class
            aria-disabled=move || busy.get().then_some("true")
            aria-busy=move || busy.get().then_some("true")
            on:click=move |_| {
                if !busy.get_untracked() {
                    on_click.run(());
                }
            }
        >
            {move || if busy.get() { i18n.t(FormKey::Sending).to_string() } else { label.get() }}
            {hidden.map(|hidden| view! { <span class="visually-hidden">" " {move || hidden.get()}</span> })}
        </button>
    }
}

/// "Act for this organisation", which makes the tab act for it and opens My NTSA; or, when the tab already
/// acts for it, a plain statement of that.
#[component]
fn ActFor(id: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let acting = use_acting();
    let navigate = use_navigate();
    let choice = StoredValue::new(ActingChoice { id, name });
    let current = move || {
        acting
            .current()
            .is_some_and(|c| choice.with_value(|choice| c.id == choice.id))
    };
    move || {
        if current() {
            view! { <p><strong class="tag tag--done">{move || i18n.t(OrgKey::ActingForThis)}</strong></p> }
                .into_any()
        } else {
            let navigate = navigate.clone();
            view! {
                <p>
                    <button type="button" class="button" on:click=move |_| {
                        acting.set(Some(choice.get_value()));
                        navigate("/ntsa", NavigateOptions::default());
                    }>
                        {move || i18n.t(OrgKey::ActFor)}
                        <span class="visually-hidden">" (" {choice.get_value().name} ")"</span>
                    </button>
                </p>
            }
            .into_any()
        }
    }
}
