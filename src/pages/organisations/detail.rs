//! `/organisations/:id`: one organisation the person is a member of. Everyone sees what it is and their own
//! role, can act for it and can leave it (after confirming). Its administrators also see its members (each
//! with the last 4 characters of their ID number, to tell two people of one name apart), change their
//! roles, remove them (after confirming), withdraw pending invitations and invite someone.
//!
//! Whoever is not (or no longer) a member gets a 404 for all of it, so the page says so plainly.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use njia_domain::api::organisations::{Invitation, Member, Organisation, OrganisationDetail};
use njia_domain::organisations::OrganisationRole;

use super::invite::{InviteFields, InviteForm};
use super::{ActFor, ActionButton, Outcome, OutcomeNotice, Task, TaskProblem, role_in_sentence};
use crate::acting::use_acting;
use crate::api::{self, ApiError};
use crate::components::form::{ErrorSummary, SubmitButton};
use crate::components::status::{LoadError, Loading};
use crate::i18n::account::local_date_time;
use crate::i18n::auth::tr;
use crate::i18n::organisations::OrgKey as K;
use crate::i18n::{I18n, use_i18n};
use crate::pages::sign_in::focus_id;
use crate::session::{Session, SignedInOnly, use_session};
use crate::title::use_title;

/// What every part of the page reaches: the organisation's id, its details (refetched after each change)
/// and the message about the last change.
#[derive(Clone, Copy)]
pub(super) struct Page {
    pub id: Memo<String>,
    detail: LocalResource<Result<OrganisationDetail, ApiError>>,
    outcome: RwSignal<Option<Outcome>>,
    /// The organisation's name once the person has left it: the page then says so instead of asking the
    /// server, which would answer 404.
    left: RwSignal<Option<String>>,
    // Taken from the context up front: the handlers below run after an `await`, outside any owner.
    i18n: I18n,
    session: Session,
}

impl Page {
    /// A change went through: say so and show the organisation as it now stands.
    pub fn done(&self, message: String) {
        self.outcome.set(Some(Outcome {
            message,
            problem: false,
        }));
        self.detail.refetch();
    }

    /// The page was out of date (someone else changed something first): say so and show it as it stands.
    pub fn stale(&self, message: String) {
        self.outcome.set(Some(Outcome {
            message,
            problem: true,
        }));
        self.detail.refetch();
    }

    /// Forgets the message about the previous change as the next one starts, so the two never mix.
    pub fn starting(&self) {
        self.outcome.set(None);
    }

    /// Asks again how the organisation stands (after which a person no longer a member sees the 404).
    pub fn refresh(&self) {
        self.detail.refetch();
    }

    /// Answers every action shares: the session ended, or the person is no longer an administrator.
    /// Returns whether it handled the error.
    pub fn handled(&self, error: &ApiError, navigate: &impl Fn(&str, NavigateOptions)) -> bool {
        if self.session.handle_error(error, navigate) {
            return true;
        }
        if error.code() == Some("administrators_only") {
            self.stale(self.i18n.t(K::AdministratorsOnly).to_string());
            return true;
        }
        false
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    view! { <SignedInOnly><OrganisationContent/></SignedInOnly> }
}

fn is_not_found(error: &ApiError) -> bool {
    error.status() == Some(404)
}

#[component]
fn OrganisationContent() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let detail = LocalResource::new(move || {
        let id = id.get();
        async move { api::organisations::detail(&id).await }
    });
    let page = Page {
        id,
        detail,
        outcome: RwSignal::new(None),
        left: RwSignal::new(None),
        i18n,
        session: use_session(),
    };
    provide_context(page);
    // Kept here, not in the form, so that what was typed survives the refresh after another change.
    let invite = InviteFields::new();
    // The router keeps this page when only the id changes: nothing said about one organisation may stay on
    // another's page.
    Effect::new(move |previous: Option<String>| {
        let now = id.get();
        if previous.is_some_and(|p| p != now) {
            page.left.set(None);
            page.outcome.set(None);
            invite.reset();
        }
        now
    });
    use_title(move || {
        if let Some(name) = page.left.get() {
            return name;
        }
        detail
            .map(|result| match result {
                Ok(detail) => detail.organisation.name.clone(),
                Err(error) if is_not_found(error) => i18n.t(K::NotFoundTitle).to_string(),
                Err(_) => i18n.t(K::OrganisationTitle).to_string(),
            })
            .unwrap_or_else(|| i18n.t(K::OrganisationTitle).to_string())
    });

    let content = move || {
        if let Some(name) = page.left.get() {
            return view! { <h1 tabindex="-1">{name}</h1> }.into_any();
        }
        match detail.get() {
            None => view! { <Loading label=K::LoadingOrganisation/> }.into_any(),
            Some(Err(error)) if is_not_found(&error) => view! {
                <h1 tabindex="-1">{move || i18n.t(K::NotFoundTitle)}</h1>
                <p>{move || i18n.t(K::NotFoundBody)}</p>
                <p><A href="/organisations">{move || i18n.t(K::BackToOrganisations)}</A></p>
            }
            .into_any(),
            Some(Err(error)) => view! {
                <h1 tabindex="-1">{move || i18n.t(K::OrganisationTitle)}</h1>
                <LoadError error on_retry=move |()| detail.refetch()/>
            }
            .into_any(),
            Some(Ok(detail)) => view! { <Detail detail invite/> }.into_any(),
        }
    };

    view! {
        <p class="back-link"><A href="/organisations">{move || i18n.t(K::BackToOrganisations)}</A></p>
        <ErrorSummary problems=invite.form.problems/>
        <OutcomeNotice outcome=page.outcome/>
        {content}
    }
}

#[component]
fn Detail(detail: OrganisationDetail, invite: InviteFields) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let OrganisationDetail {
        organisation,
        members,
        invitations,
    } = detail;
    let Organisation {
        id,
        kind,
        name,
        kra_pin,
        registration_number,
        my_role,
        ..
    } = organisation;
    let me = untrack(|| session.account()).map(|account| account.id);
    let identifier = match (kra_pin, registration_number) {
        (Some(pin), _) => Some((K::KraPin, pin)),
        (None, Some(number)) => Some((K::RegistrationNumber, number)),
        (None, None) => None,
    };
    let administration = match my_role {
        OrganisationRole::Administrator => view! {
            <section aria-labelledby="members-title">
                <h2 id="members-title">{move || i18n.t(K::MembersTitle)}</h2>
                <p>{move || i18n.t(K::MembersIntro)}</p>
                <ul class="card-list">
                    {members.into_iter().map(|member| {
                        let is_me = me.as_deref() == Some(member.user_id.as_str());
                        view! { <MemberCard member is_me organisation=name.clone()/> }
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="pending-title">
                <h2 id="pending-title">{move || i18n.t(K::PendingTitle)}</h2>
                {if invitations.is_empty() {
                    view! { <p>{move || i18n.t(K::NoPending)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {invitations.into_iter().map(|invitation| view! { <PendingCard invitation/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
            <InviteForm fields=invite/>
        }
        .into_any(),
        OrganisationRole::Agent => view! {
            <section aria-labelledby="members-title">
                <h2 id="members-title">{move || i18n.t(K::MembersTitle)}</h2>
                <p>{move || i18n.t(K::AgentMembers)}</p>
            </section>
        }
        .into_any(),
    };
    view! {
        <h1 tabindex="-1" class="organisation-title">{name.clone()}</h1>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t(K::Kind)}</dt>
                <dd class="summary-list__value">{move || kind.name_in(i18n.lang())}</dd>
            </div>
            {identifier.map(|(label, value)| view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{move || i18n.t(label)}</dt>
                    <dd class="summary-list__value reference">{value}</dd>
                </div>
            })}
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t(K::YourRole)}</dt>
                <dd class="summary-list__value">{move || my_role.name_in(i18n.lang())}</dd>
            </div>
        </dl>
        <ActFor id=id.clone() name=name.clone()/>
        {administration}
        <Leave id name/>
    }
}

/// What is open under a member: nothing, the choice of a new role, or the confirmation of removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Role,
    Remove,
}

#[component]
fn MemberCard(member: Member, is_me: bool, organisation: String) -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Page>();
    let navigate = use_navigate();
    let task = Task::new();
    let open = RwSignal::new(Open::Nothing);
    let chosen = RwSignal::new(member.role);
    let Member {
        user_id,
        name,
        role,
        id_number_last4,
        ..
    } = member;
    let stored = StoredValue::new((user_id.clone(), name.clone(), organisation));
    let panel_id = StoredValue::new(format!("member-{user_id}"));

    let send = move |action: Open| {
        if !task.start() {
            return;
        }
        page.starting();
        let (user_id, name, organisation) = stored.get_value();
        let new_role = chosen.get_untracked();
        let navigate = navigate.clone();
        spawn_local(async move {
            let lang = i18n.lang();
            let id = page.id.get_untracked();
            let result = match action {
                Open::Role => api::organisations::change_role(&id, &user_id, new_role)
                    .await
                    .map(|changed| {
                        i18n.t(K::RoleChanged)
                            .replace("{name}", &changed.name)
                            .replace("{role}", &role_in_sentence(lang, changed.role))
                    }),
                _ => api::organisations::remove_member(&id, &user_id)
                    .await
                    .map(|()| {
                        i18n.t(K::Removed)
                            .replace("{name}", &name)
                            .replace("{org}", &organisation)
                    }),
            };
            match result {
                Ok(message) => {
                    task.succeed();
                    page.session.activity();
                    page.done(message);
                }
                Err(error) if page.handled(&error, &navigate) => task.succeed(),
                Err(error) if error.code() == Some("last_administrator") => {
                    let key = if action == Open::Role {
                        K::LastAdministratorRole
                    } else {
                        K::LastAdministratorRemove
                    };
                    task.refuse(i18n.t(key).replace("{name}", &name));
                }
                Err(error) if is_not_found(&error) => {
                    task.succeed();
                    page.stale(i18n.t(K::NoLongerMember).to_string());
                }
                Err(error) => task.fail(error),
            }
        });
    };
    let send = StoredValue::new(send);
    let retry = Callback::new(move |()| send.with_value(|send| send(open.get_untracked())));
    let remove = Callback::new(move |()| send.with_value(|send| send(Open::Remove)));
    let show = move |what: Open| {
        task.reset();
        chosen.set(role);
        open.set(what);
        // Focus goes to what just opened: the first radio, or the question.
        let target = match what {
            Open::Role => format!("{}-role", panel_id.get_value()),
            _ => format!("{}-remove", panel_id.get_value()),
        };
        request_animation_frame(move || focus_id(&target));
    };
    let close = move |_| {
        task.reset();
        open.set(Open::Nothing);
    };
    let hidden = Signal::derive(move || stored.with_value(|(_, name, _)| name.clone()));

    let panel = move || {
        match open.get() {
        Open::Nothing => view! {
            <div class="button-group">
                <button type="button" class="button button--secondary" on:click=move |_| show(Open::Role)>
                    {move || i18n.t(K::ChangeRole)}
                    <span class="visually-hidden">" " {move || i18n.t(K::ChangeRoleHidden).replace("{name}", &hidden.get())}</span>
                </button>
                {(!is_me).then(|| view! {
                    <button type="button" class="button button--secondary" on:click=move |_| show(Open::Remove)>
                        {move || i18n.t(K::Remove)}
                        <span class="visually-hidden">" " {move || hidden.get()}</span>
                    </button>
                })}
            </div>
        }
        .into_any(),
        Open::Role => {
            let base = panel_id.get_value();
            view! {
                <form class="form organisation-confirm" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    send.with_value(|send| send(Open::Role));
                }>
                    <div class="form-group">
                        <fieldset class="fieldset">
                            <legend class="fieldset__legend">
                                {move || i18n.t(K::NewRole).replace("{name}", &hidden.get())}
                            </legend>
                            <div class="radios">
                                {OrganisationRole::ALL.into_iter().enumerate().map(|(index, option)| {
                                    // The first radio carries the id that takes focus when the choice opens.
                                    let input_id = if index == 0 {
                                        format!("{base}-role")
                                    } else {
                                        format!("{base}-role-{}", option.as_str())
                                    };
                                    view! {
                                        <div class="radios__item">
                                            <input
                                                class="radios__input"
                                                type="radio"
                                                id=input_id.clone()
                                                name=format!("{base}-role")
                                                value=option.as_str()
                                                prop:checked=move || chosen.get() == option
                                                on:change=move |_| chosen.set(option)
                                            />
                                            <label class="radios__label" for=input_id>
                                                {move || option.name_in(i18n.lang())}
                                            </label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    </div>
                    <TaskProblem task on_retry=retry/>
                    <div class="button-group">
                        <SubmitButton label=tr(K::SaveRole) busy=task.busy/>
                        <button type="button" class="button button--secondary" on:click=close>
                            {move || i18n.t(K::Cancel)}
                        </button>
                    </div>
                </form>
            }
            .into_any()
        }
        Open::Remove => view! {
            <div class="organisation-confirm">
                <h4 id=format!("{}-remove", panel_id.get_value()) class="organisation-confirm__title" tabindex="-1">
                    {move || i18n.t(K::RemoveQuestion).replace("{name}", &hidden.get())}
                </h4>
                <p>{move || i18n.t(K::RemoveWarning)}</p>
                <TaskProblem task on_retry=retry/>
                <div class="button-group">
                    <ActionButton label=tr(K::ConfirmRemove) busy=task.busy class="button button--warning" on_click=remove/>
                    <button type="button" class="button button--secondary" on:click=close>
                        {move || i18n.t(K::Cancel)}
                    </button>
                </div>
            </div>
        }
        .into_any(),
    }
    };

    view! {
        <li class="card">
            <h3 class="organisation-card__title">
                {name}
                {is_me.then(|| view! { " " <strong class="tag">{move || i18n.t(K::You)}</strong> })}
            </h3>
            <dl class="card__facts">
                {id_number_last4.map(|last4| view! {
                    <div><dt>{move || i18n.t(K::IdEnding)}</dt><dd class="reference">{last4}</dd></div>
                })}
                <div><dt>{move || i18n.t(K::Role)}</dt><dd>{move || role.name_in(i18n.lang())}</dd></div>
            </dl>
            {panel}
        </li>
    }
}

/// A pending invitation, which an administrator may withdraw (the person can be invited again).
#[component]
fn PendingCard(invitation: Invitation) -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Page>();
    let navigate = use_navigate();
    let task = Task::new();
    let Invitation {
        id,
        role,
        invited_by_name,
        invitee_name,
        created_at,
        ..
    } = invitation;
    let stored = StoredValue::new((id, invitee_name.clone()));
    let withdraw = Callback::new(move |()| {
        if !task.start() {
            return;
        }
        page.starting();
        let (invitation_id, name) = stored.get_value();
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::organisations::withdraw(&page.id.get_untracked(), &invitation_id).await {
                Ok(()) => {
                    task.succeed();
                    page.session.activity();
                    page.done(i18n.t(K::Withdrawn).replace("{name}", &name));
                }
                Err(error) if page.handled(&error, &navigate) => task.succeed(),
                Err(error) if error.code() == Some("already_answered") || is_not_found(&error) => {
                    task.succeed();
                    page.stale(format!("{name}: {}", i18n.t(K::AlreadyAnswered)));
                }
                Err(error) => task.fail(error),
            }
        });
    });
    let hidden = Signal::derive(move || {
        i18n.t(K::WithdrawHidden)
            .replace("{name}", &stored.with_value(|(_, name)| name.clone()))
    });
    view! {
        <li class="card">
            <h3 class="organisation-card__title">{invitee_name}</h3>
            <dl class="card__facts">
                <div><dt>{move || i18n.t(K::Role)}</dt><dd>{move || role.name_in(i18n.lang())}</dd></div>
                <div><dt>{move || i18n.t(K::InvitedBy)}</dt><dd>{invited_by_name}</dd></div>
                <div><dt>{move || i18n.t(K::Sent)}</dt><dd>{move || local_date_time(i18n.lang(), &created_at)}</dd></div>
            </dl>
            <TaskProblem task on_retry=withdraw/>
            <div class="button-group">
                <ActionButton label=tr(K::Withdraw) hidden busy=task.busy class="button button--secondary" on_click=withdraw/>
            </div>
        </li>
    }
}

/// Leaving: for agents and administrators alike, confirmed first; the last administrator is refused by the
/// server and told what to do instead.
#[component]
fn Leave(id: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Page>();
    let session = use_session();
    let acting = use_acting();
    let navigate = use_navigate();
    let task = Task::new();
    let confirming = RwSignal::new(false);
    let stored = StoredValue::new((id, name));
    let leave = Callback::new(move |()| {
        let Some(me) = untrack(|| session.account()).map(|account| account.id) else {
            return;
        };
        if !task.start() {
            return;
        }
        page.starting();
        let (id, name) = stored.get_value();
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::organisations::remove_member(&id, &me).await {
                Ok(()) => {
                    task.succeed();
                    session.activity();
                    // The tab must not go on acting for an organisation the person no longer belongs to.
                    if acting.current_untracked().is_some_and(|c| c.id == id) {
                        acting.set(None);
                    }
                    page.left.set(Some(name.clone()));
                    page.outcome.set(Some(Outcome {
                        message: i18n.t(K::Left).replace("{org}", &name),
                        problem: false,
                    }));
                }
                Err(error) if page.handled(&error, &navigate) => task.succeed(),
                Err(error) if error.code() == Some("last_administrator") => {
                    task.refuse(i18n.t(K::LastAdministratorLeave));
                }
                Err(error) if is_not_found(&error) => {
                    task.succeed();
                    page.refresh();
                }
                Err(error) => task.fail(error),
            }
        });
    });
    let org = move || stored.with_value(|(_, name)| name.clone());
    let body = move || {
        if confirming.get() {
            view! {
                <div class="organisation-confirm">
                    <h3 id="leave-question" class="organisation-confirm__title" tabindex="-1">
                        {move || i18n.t(K::LeaveQuestion).replace("{org}", &org())}
                    </h3>
                    <TaskProblem task on_retry=leave/>
                    <div class="button-group">
                        <ActionButton label=tr(K::ConfirmLeave) busy=task.busy class="button button--warning" on_click=leave/>
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
                <p>
                    <button type="button" class="button button--secondary" on:click=move |_| {
                        task.reset();
                        confirming.set(true);
                        request_animation_frame(|| focus_id("leave-question"));
                    }>
                        {move || i18n.t(K::LeaveTitle)}
                    </button>
                </p>
            }
            .into_any()
        }
    };
    view! {
        <section aria-labelledby="leave-title">
            <h2 id="leave-title">{move || i18n.t(K::LeaveTitle)}</h2>
            <p>{move || i18n.t(K::LeaveIntro)}</p>
            {body}
        </section>
    }
}
