//! `/organisations`: the invitations waiting for the person's answer (accept, or decline after confirming),
//! the organisations they act for with their role and the button to act for one, and how to add one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::api::organisations::{Invitation, Organisation};
use njia_domain::organisations::ADD_ORGANISATION_SERVICE;

use super::{ActFor, ActionButton, Outcome, OutcomeNotice, Task, TaskProblem, role_in_sentence};
use crate::api;
use crate::components::status::{LoadError, Loading};
use crate::i18n::account::local_date_time;
use crate::i18n::auth::tr;
use crate::i18n::organisations::OrgKey as K;
use crate::i18n::use_i18n;
use crate::pages::sign_in::focus_id;
use crate::session::{SignedInOnly, use_session};
use crate::title::use_title;

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    view! { <SignedInOnly><OrganisationsContent/></SignedInOnly> }
}

#[component]
fn OrganisationsContent() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(K::Title).to_string());
    let organisations = LocalResource::new(api::organisations::list);
    let invitations = LocalResource::new(api::organisations::invitations);
    let outcome = RwSignal::new(None::<Outcome>);
    // An answer changes both lists: an accepted invitation becomes an organisation.
    let answered = Callback::new(move |result: Outcome| {
        outcome.set(Some(result));
        invitations.refetch();
        organisations.refetch();
    });

    let invitations_section = move || match invitations.get() {
        None => view! { <Loading label=K::LoadingInvitations/> }.into_any(),
        Some(Err(error)) => {
            view! { <LoadError error on_retry=move |()| invitations.refetch()/> }.into_any()
        }
        Some(Ok(list)) if list.items.is_empty() => ().into_any(),
        Some(Ok(list)) => view! {
            <section aria-labelledby="invitations-title">
                <h2 id="invitations-title">{move || i18n.t(K::InvitationsTitle)}</h2>
                <p>{move || i18n.t(K::InvitationsIntro)}</p>
                <ul class="card-list">
                    {list.items.into_iter().map(|invitation| view! {
                        <InvitationCard invitation outcome answered/>
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any(),
    };

    let organisations_list = move || match organisations.get() {
        None => view! { <Loading label=K::Loading/> }.into_any(),
        Some(Err(error)) => {
            view! { <LoadError error on_retry=move |()| organisations.refetch()/> }.into_any()
        }
        Some(Ok(list)) if list.items.is_empty() => view! {
            <p>{move || i18n.t(K::Empty)}</p>
            <p>{move || i18n.t(K::EmptyWhy)}</p>
            <p>{move || i18n.t(K::EmptyHow)}</p>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <ul class="card-list">
                {list.items.into_iter().map(|organisation| view! {
                    <OrganisationCard organisation/>
                }).collect_view()}
            </ul>
        }
        .into_any(),
    };

    view! {
        <h1 tabindex="-1">{move || i18n.t(K::Title)}</h1>
        <p>{move || i18n.t(K::Intro)}</p>
        <OutcomeNotice outcome/>
        {invitations_section}
        <section aria-labelledby="organisations-title">
            <h2 id="organisations-title">{move || i18n.t(K::OrganisationsTitle)}</h2>
            {organisations_list}
        </section>
        <section aria-labelledby="add-organisation-title">
            <h2 id="add-organisation-title">{move || i18n.t(K::Add)}</h2>
            <p>{move || i18n.t(K::AddIntro)}</p>
            <p><A href=format!("/services/{ADD_ORGANISATION_SERVICE}")>{move || i18n.t(K::Add)}</A></p>
        </section>
    }
}

#[component]
fn OrganisationCard(organisation: Organisation) -> impl IntoView {
    let i18n = use_i18n();
    let Organisation {
        id,
        kind,
        name,
        my_role,
        ..
    } = organisation;
    let link_text = name.clone();
    view! {
        <li class="card">
            <h3 class="organisation-card__title">
                <A href=format!("/organisations/{id}") attr:class="card__link">{link_text}</A>
            </h3>
            <dl class="card__facts">
                <div><dt>{move || i18n.t(K::Kind)}</dt><dd>{move || kind.name_in(i18n.lang())}</dd></div>
                <div><dt>{move || i18n.t(K::YourRole)}</dt><dd>{move || my_role.name_in(i18n.lang())}</dd></div>
            </dl>
            <ActFor id name/>
        </li>
    }
}

/// One invitation: accept at once (joining is what the person was asked), or decline after confirming
/// (the administrator would have to invite them again).
#[component]
fn InvitationCard(
    invitation: Invitation,
    /// Cleared as an answer starts, so the message of the previous one never stands beside this one's.
    outcome: RwSignal<Option<Outcome>>,
    answered: Callback<Outcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let task = Task::new();
    let confirming = RwSignal::new(false);
    // Which answer is on its way, so a retry sends the same one.
    let last_answer = RwSignal::new(true);
    let Invitation {
        id,
        organisation_name: name,
        organisation_kind: kind,
        role,
        invited_by_name,
        created_at,
        ..
    } = invitation;
    let confirm_id = StoredValue::new(format!("decline-{id}"));
    let stored = StoredValue::new((id, name.clone()));

    let send = move |accept: bool| {
        if !task.start() {
            return;
        }
        outcome.set(None);
        last_answer.set(accept);
        let (id, name) = stored.get_value();
        let navigate = navigate.clone();
        spawn_local(async move {
            let lang = i18n.lang();
            match api::organisations::answer(&id, accept).await {
                Ok(answer) => {
                    task.succeed();
                    session.activity();
                    let message = if accept {
                        i18n.t(K::Accepted)
                            .replace("{name}", &answer.organisation_name)
                            .replace("{role}", &role_in_sentence(lang, answer.role))
                    } else {
                        i18n.t(K::Declined)
                            .replace("{name}", &answer.organisation_name)
                    };
                    answered.run(Outcome {
                        message,
                        problem: false,
                    });
                }
                Err(error) => {
                    if session.handle_error(&error, &navigate) {
                        task.succeed();
                    } else if error.code() == Some("already_answered")
                        || error.status() == Some(404)
                    {
                        // Answered in another tab, or withdrawn meanwhile: the list is out of date.
                        task.succeed();
                        answered.run(Outcome {
                            message: format!("{name}: {}", i18n.t(K::AlreadyAnswered)),
                            problem: true,
                        });
                    } else {
                        task.fail(error);
                    }
                }
            }
        });
    };
    let send = StoredValue::new(send);
    let retry = Callback::new(move |()| send.with_value(|send| send(last_answer.get_untracked())));
    let accept = Callback::new(move |()| send.with_value(|send| send(true)));
    let decline = Callback::new(move |()| send.with_value(|send| send(false)));
    let hidden = Signal::derive(move || {
        i18n.t(K::InvitationTo)
            .replace("{name}", &stored.with_value(|(_, name)| name.clone()))
    });

    let buttons = move || {
        if confirming.get() {
            view! {
                <div class="organisation-confirm">
                    <h4 id=confirm_id.get_value() class="organisation-confirm__title" tabindex="-1">
                        {move || i18n.t(K::DeclineQuestion).replace("{name}", &stored.with_value(|(_, n)| n.clone()))}
                    </h4>
                    <p>{move || i18n.t(K::DeclineWarning)}</p>
                    <TaskProblem task on_retry=retry/>
                    <div class="button-group">
                        <ActionButton label=tr(K::ConfirmDecline) busy=task.busy class="button button--warning" on_click=decline/>
                        <button type="button" class="button button--secondary" on:click=move |_| {
                            task.reset();
                            confirming.set(false);
                        }>
                            {move || i18n.t(K::Cancel)}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <TaskProblem task on_retry=retry/>
                <div class="button-group">
                    <ActionButton label=tr(K::Accept) hidden busy=task.busy on_click=accept/>
                    <button type="button" class="button button--secondary" on:click=move |_| {
                        task.reset();
                        confirming.set(true);
                        request_animation_frame(move || focus_id(&confirm_id.get_value()));
                    }>
                        {move || i18n.t(K::Decline)}
                        <span class="visually-hidden">" " {move || hidden.get()}</span>
                    </button>
                </div>
            }
            .into_any()
        }
    };

    view! {
        <li class="card">
            <h3 class="organisation-card__title">{name}</h3>
            <dl class="card__facts">
                <div><dt>{move || i18n.t(K::Kind)}</dt><dd>{move || kind.name_in(i18n.lang())}</dd></div>
                <div><dt>{move || i18n.t(K::Role)}</dt><dd>{move || role.name_in(i18n.lang())}</dd></div>
                <div><dt>{move || i18n.t(K::InvitedBy)}</dt><dd>{invited_by_name}</dd></div>
                <div><dt>{move || i18n.t(K::Sent)}</dt><dd>{move || local_date_time(i18n.lang(), &created_at)}</dd></div>
            </dl>
            {buttons}
        </li>
    }
}
