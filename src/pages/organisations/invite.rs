//! "Invite someone", for an organisation's administrators: the person is named by their national ID number
//! or the email address of their Njia account (radios that reveal the matching input), with the role they
//! will have. Both identifiers are checked by the domain's rules before sending; the server then answers
//! whether an account holds them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use njia_domain::api::organisations::{InviteRequest, InviteeIdentifiedBy};
use njia_domain::ids::{Email, NationalId};
use njia_domain::organisations::OrganisationRole;

use super::detail::Page;
use crate::api;
use crate::components::form::{FieldError, RadioGroup, SubmitButton, TextField, described_by};
use crate::i18n::auth::tr;
use crate::i18n::organisations::OrgKey as K;
use crate::i18n::{Lang, text, use_i18n};
use crate::pages::sign_in::{FormFailure, FormState, problem, rule_problem};

const IDENTIFIED_BY: &str = "identified_by";
const ID_NUMBER: &str = "id_number";
const EMAIL: &str = "email";
const ROLE: &str = "role";

/// The form's answers and state, owned by the page.
#[derive(Clone, Copy)]
pub(super) struct InviteFields {
    pub form: FormState,
    identified_by: RwSignal<Option<InviteeIdentifiedBy>>,
    id_number: RwSignal<String>,
    email: RwSignal<String>,
    role: RwSignal<String>,
}

impl InviteFields {
    pub fn new() -> InviteFields {
        InviteFields {
            form: FormState::new(),
            identified_by: RwSignal::new(None),
            id_number: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            role: RwSignal::new(String::new()),
        }
    }

    /// Empties the form and forgets its problems (another organisation's page).
    pub fn reset(&self) {
        self.clear();
        self.form.problems.clear();
        self.form.failure.set(None);
    }

    fn clear(&self) {
        self.identified_by.set(None);
        self.id_number.set(String::new());
        self.email.set(String::new());
        self.role.set(String::new());
    }

    /// The request, or what to fix first, in the words of the page's language.
    fn checked(&self, lang: Lang) -> Result<InviteRequest, Vec<crate::components::form::Problem>> {
        let mut problems = Vec::new();
        let mut request = InviteRequest {
            identified_by: InviteeIdentifiedBy::IdNumber,
            id_number: None,
            email: None,
            role: OrganisationRole::Agent,
        };
        match self.identified_by.get_untracked() {
            None => problems.push(problem(IDENTIFIED_BY, text(lang, K::ChooseIdentify))),
            Some(InviteeIdentifiedBy::IdNumber) => {
                match NationalId::parse(&self.id_number.get_untracked()) {
                    Ok(number) => request.id_number = Some(number.as_str().to_string()),
                    Err(e) if e.code() == "empty" => {
                        problems.push(problem(ID_NUMBER, text(lang, K::EnterIdNumber)));
                    }
                    Err(e) => problems.push(rule_problem(
                        lang,
                        ID_NUMBER,
                        "national_id",
                        e.code(),
                        &e.to_string(),
                    )),
                }
            }
            Some(InviteeIdentifiedBy::Email) => {
                request.identified_by = InviteeIdentifiedBy::Email;
                match Email::parse(&self.email.get_untracked()) {
                    Ok(email) => request.email = Some(email.as_str().to_string()),
                    Err(e) if e.code() == "empty" => {
                        problems.push(problem(EMAIL, text(lang, K::EnterEmail)));
                    }
                    Err(e) => {
                        problems.push(rule_problem(lang, EMAIL, EMAIL, e.code(), &e.to_string()));
                    }
                }
            }
        }
        match OrganisationRole::parse(&self.role.get_untracked()) {
            Some(role) => request.role = role,
            None => problems.push(problem(ROLE, text(lang, K::ChooseRole))),
        }
        if problems.is_empty() {
            Ok(request)
        } else {
            Err(problems)
        }
    }

    /// The input that names the person, where their problems go.
    fn identifier_input(&self) -> &'static str {
        match self.identified_by.get_untracked() {
            Some(InviteeIdentifiedBy::Email) => EMAIL,
            _ => ID_NUMBER,
        }
    }
}

#[component]
pub(super) fn InviteForm(fields: InviteFields) -> impl IntoView {
    let i18n = use_i18n();
    let page = expect_context::<Page>();
    let navigate = use_navigate();
    let form = fields.form;

    let submit = move || {
        let lang = i18n.lang();
        let request = match fields.checked(lang) {
            Ok(request) => request,
            Err(problems) => {
                form.problems.set(problems);
                return;
            }
        };
        if !form.start() {
            return;
        }
        page.starting();
        let navigate = navigate.clone();
        spawn_local(async move {
            let identifier = fields.identifier_input();
            match api::organisations::invite(&page.id.get_untracked(), &request).await {
                Ok(invitation) => {
                    form.succeed();
                    fields.clear();
                    page.done(
                        i18n.t(K::Invited)
                            .replace("{name}", &invitation.invitee_name),
                    );
                }
                Err(error) if page.handled(&error, &navigate) => form.done(),
                Err(error) if error.code() == Some("already_a_member") => {
                    form.done();
                    form.problems
                        .set(vec![problem(identifier, i18n.t(K::AlreadyAMember))]);
                }
                Err(error) if error.status() == Some(404) => {
                    // The person is no longer a member themselves: the page shows it once refreshed.
                    form.done();
                    page.refresh();
                }
                Err(error) => form.fail(lang, error, &[identifier, ROLE]),
            }
        });
    };
    let retry = Callback::new({
        let submit = submit.clone();
        move |()| submit()
    });
    let submit = StoredValue::new(submit);

    let identify_error = form.problems.for_field(IDENTIFIED_BY);
    let identify_described = described_by(None, format!("{IDENTIFIED_BY}-error"), identify_error);
    let option = move |index: usize, value: InviteeIdentifiedBy, label: K| {
        // The first radio carries the group's id, so the error summary can focus it.
        let input_id = if index == 0 {
            IDENTIFIED_BY.to_string()
        } else {
            format!("{IDENTIFIED_BY}-{EMAIL}")
        };
        let field = move || {
            (fields.identified_by.get() == Some(value)).then(|| match value {
                InviteeIdentifiedBy::IdNumber => view! {
                    <div class="radios__conditional">
                        <TextField
                            id=ID_NUMBER
                            label=tr(K::IdNumberLabel)
                            hint=tr(K::IdNumberHint)
                            value=fields.id_number
                            error=form.problems.for_field(ID_NUMBER)
                            inputmode="numeric"
                            autocomplete="off"
                            width="input--20ch"
                            spellcheck_off=true
                        />
                    </div>
                }
                .into_any(),
                InviteeIdentifiedBy::Email => view! {
                    <div class="radios__conditional">
                        <TextField
                            id=EMAIL
                            label=tr(K::EmailLabel)
                            hint=tr(K::EmailHint)
                            value=fields.email
                            error=form.problems.for_field(EMAIL)
                            input_type="email"
                            autocomplete="off"
                            spellcheck_off=true
                        />
                    </div>
                }
                .into_any(),
            })
        };
        view! {
            <div class="radios__item">
                <input
                    class="radios__input"
                    type="radio"
                    id=input_id.clone()
                    name=IDENTIFIED_BY
                    value=match value {
                        InviteeIdentifiedBy::IdNumber => ID_NUMBER,
                        InviteeIdentifiedBy::Email => EMAIL,
                    }
                    prop:checked=move || fields.identified_by.get() == Some(value)
                    on:change=move |_| fields.identified_by.set(Some(value))
                />
                <label class="radios__label" for=input_id>{move || i18n.t(label)}</label>
            </div>
            {field}
        }
    };
    let role_label =
        move |role: OrganisationRole| Signal::derive(move || role.name_in(i18n.lang()).to_string());

    view! {
        <section aria-labelledby="invite-title">
            <h2 id="invite-title">{move || i18n.t(K::InviteTitle)}</h2>
            <p>{move || i18n.t(K::InviteIntro)}</p>
            <form class="form" novalidate on:submit=move |ev| {
                ev.prevent_default();
                submit.with_value(|submit| submit());
            }>
                <div class="form-group" class:form-group--error=move || identify_error.with(Option::is_some)>
                    <fieldset class="fieldset" aria-describedby=identify_described>
                        <legend class="fieldset__legend">{move || i18n.t(K::IdentifyLegend)}</legend>
                        <FieldError id=format!("{IDENTIFIED_BY}-error") error=identify_error/>
                        <div class="radios">
                            {option(0, InviteeIdentifiedBy::IdNumber, K::ByIdNumber)}
                            {option(1, InviteeIdentifiedBy::Email, K::ByEmail)}
                        </div>
                    </fieldset>
                </div>
                <RadioGroup
                    id=ROLE
                    legend=tr(K::RoleLegend)
                    hint=tr(K::RoleHint)
                    options=vec![
                        (OrganisationRole::Administrator.as_str(), role_label(OrganisationRole::Administrator)),
                        (OrganisationRole::Agent.as_str(), role_label(OrganisationRole::Agent)),
                    ]
                    value=fields.role
                    error=form.problems.for_field(ROLE)
                />
                <FormFailure form on_retry=retry/>
                <SubmitButton label=tr(K::SendInvitation) busy=form.busy/>
            </form>
        </section>
    }
}
