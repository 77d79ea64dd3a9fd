//! The question pages of the wizard, one component per step.

use leptos::prelude::*;
use njia_domain::accounts::field;
use njia_domain::api::accounts::{AccountKind, PRIVACY_NOTICE_VERSION};

use super::{Step, StepFrame, use_wizard};
use crate::components::form::{DateField, Problems, RadioGroup, TextField, described_by};
use crate::components::password_meter::{PasswordMeter, use_common_passwords};
use crate::i18n::forms::FormKey;
use crate::i18n::register::RegisterKey;
use crate::i18n::{I18n, Translate, use_i18n};

fn text(i18n: I18n, key: impl Translate + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_string())
}

#[component]
pub fn KindStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let problems = Problems::default();
    let options = vec![
        (
            AccountKind::Citizen.as_str(),
            text(i18n, RegisterKey::KindCitizen),
        ),
        (
            AccountKind::Resident.as_str(),
            text(i18n, RegisterKey::KindResident),
        ),
        (
            AccountKind::Foreigner.as_str(),
            text(i18n, RegisterKey::KindForeigner),
        ),
    ];
    view! {
        <StepFrame step=Step::Kind problems title=text(i18n, RegisterKey::KindTitle)>
            <RadioGroup
                id=field::KIND
                legend=text(i18n, RegisterKey::KindLegend)
                options
                value=wizard.kind
                error=problems.for_field(field::KIND)
            />
        </StepFrame>
    }
}

/// The question, label and hint for the chosen document.
fn id_keys(kind: Option<AccountKind>) -> (RegisterKey, RegisterKey, RegisterKey) {
    match kind {
        Some(AccountKind::Resident) => (
            RegisterKey::IdTitleResident,
            RegisterKey::IdLabelResident,
            RegisterKey::IdHintResident,
        ),
        Some(AccountKind::Foreigner) => (
            RegisterKey::IdTitleForeigner,
            RegisterKey::IdLabelForeigner,
            RegisterKey::IdHintForeigner,
        ),
        _ => (
            RegisterKey::IdTitleCitizen,
            RegisterKey::IdLabelCitizen,
            RegisterKey::IdHintCitizen,
        ),
    }
}

/// The label of the ID number for the chosen document, for the check page too.
pub fn id_label(kind: Option<AccountKind>) -> RegisterKey {
    id_keys(kind).1
}

#[component]
pub fn IdStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let problems = Problems::default();
    let kind = wizard.kind_untracked();
    let (title, label, hint) = id_keys(kind);
    // A passport number has letters; the other two are digits only, so phones show the number pad.
    let inputmode = (kind != Some(AccountKind::Foreigner)).then_some("numeric");
    view! {
        <StepFrame step=Step::Id problems title=text(i18n, title)>
            <TextField
                id=field::ID_NUMBER
                label=text(i18n, label)
                hint=text(i18n, hint)
                value=wizard.id_number
                error=problems.for_field(field::ID_NUMBER)
                autocomplete="off"
                inputmode=inputmode.unwrap_or("text")
                width="input--20ch"
                spellcheck_off=true
            />
        </StepFrame>
    }
}

#[component]
pub fn NameStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let problems = Problems::default();
    let other_label = Signal::derive(move || {
        format!(
            "{} {}",
            i18n.t(RegisterKey::OtherNames),
            i18n.t(FormKey::Optional)
        )
    });
    view! {
        <StepFrame step=Step::Name problems title=text(i18n, RegisterKey::NameTitle) lead=text(i18n, RegisterKey::NameHint)>
            <TextField
                id=field::FIRST_NAME
                label=text(i18n, RegisterKey::FirstName)
                value=wizard.first_name
                error=problems.for_field(field::FIRST_NAME)
                autocomplete="given-name"
                spellcheck_off=true
            />
            <TextField
                id=field::OTHER_NAMES
                label=other_label
                value=wizard.other_names
                error=problems.for_field(field::OTHER_NAMES)
                autocomplete="additional-name"
                spellcheck_off=true
            />
            <TextField
                id=field::SURNAME
                label=text(i18n, RegisterKey::Surname)
                value=wizard.surname
                error=problems.for_field(field::SURNAME)
                autocomplete="family-name"
                spellcheck_off=true
            />
        </StepFrame>
    }
}

#[component]
pub fn DateOfBirthStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let problems = Problems::default();
    view! {
        <StepFrame step=Step::DateOfBirth problems title=text(i18n, RegisterKey::DobTitle)>
            <DateField
                id=field::DATE_OF_BIRTH
                legend=text(i18n, RegisterKey::DobLegend)
                hint=text(i18n, RegisterKey::DobHint)
                day=wizard.dob_day
                month=wizard.dob_month
                year=wizard.dob_year
                error=problems.for_field(field::DATE_OF_BIRTH)
                birthday=true
            />
        </StepFrame>
    }
}

#[component]
pub fn ContactStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let problems = Problems::default();
    view! {
        <StepFrame step=Step::Contact problems title=text(i18n, RegisterKey::ContactTitle) lead=text(i18n, RegisterKey::ContactHint)>
            <TextField
                id=field::EMAIL
                label=text(i18n, RegisterKey::Email)
                hint=text(i18n, RegisterKey::EmailHint)
                value=wizard.email
                error=problems.for_field(field::EMAIL)
                input_type="email"
                autocomplete="email"
                inputmode="email"
                spellcheck_off=true
            />
            <TextField
                id=field::PHONE
                label=text(i18n, RegisterKey::Phone)
                hint=text(i18n, RegisterKey::PhoneHint)
                value=wizard.phone
                error=problems.for_field(field::PHONE)
                input_type="tel"
                autocomplete="tel"
                inputmode="tel"
                width="input--20ch"
            />
        </StepFrame>
    }
}

/// A password input with its label, hint, error and a button that shows what was typed (GOV.UK's
/// password input): typing a long password on a phone keyboard blind is where mistakes come from.
#[component]
pub fn PasswordField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "new-password")] autocomplete: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(false);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = described_by(has_hint.then(|| hint_id.clone()), error_id.clone(), error);
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id>{move || label.get()}</label>
            {hint.map(|hint| view! { <p id=hint_id.clone() class="hint">{move || hint.get()}</p> })}
            {move || error.get().map(|message| view! {
                <p id=error_id.clone() class="field-error">
                    <span class="visually-hidden">{i18n.t(FormKey::ErrorPrefix)} " "</span>
                    {message}
                </p>
            })}
            <div class="password-input">
                <input
                    id=id
                    name=id
                    class="input password-input__input"
                    class:input--error=move || error.with(Option::is_some)
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete=autocomplete
                    autocapitalize="none"
                    spellcheck="false"
                    aria-describedby=described_by
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="button button--secondary password-input__toggle"
                    aria-controls=id
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || i18n.t(if shown.get() { FormKey::HidePassword } else { FormKey::ShowPassword })}
                </button>
            </div>
        </div>
    }
}

#[component]
pub fn PasswordStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let problems = Problems::default();
    // The list is needed from the first keystroke (the meter) and costs a download, so it is asked for
    // when this page opens, not before.
    use_common_passwords().load();
    let personal = Signal::derive(move || {
        super::Answers {
            draft: wizard.draft(),
            ..Default::default()
        }
        .personal()
    });
    view! {
        <StepFrame step=Step::Password problems title=text(i18n, RegisterKey::PasswordTitle)>
            <PasswordField
                id=field::PASSWORD
                label=text(i18n, RegisterKey::Password)
                hint=text(i18n, RegisterKey::PasswordHint)
                value=wizard.password
                error=problems.for_field(field::PASSWORD)
            />
            <PasswordMeter id=field::PASSWORD password=wizard.password personal/>
            <PasswordField
                id=field::PASSWORD_CONFIRMATION
                label=text(i18n, RegisterKey::PasswordConfirmation)
                value=wizard.password_confirmation
                error=problems.for_field(field::PASSWORD_CONFIRMATION)
            />
        </StepFrame>
    }
}

#[component]
pub fn PrivacyStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let problems = Problems::default();
    let error = problems.for_field(field::PRIVACY_NOTICE);
    let error_id = format!("{}-error", field::PRIVACY_NOTICE);
    let items = [
        (RegisterKey::PrivacyIdTerm, RegisterKey::PrivacyIdWhy),
        (RegisterKey::PrivacyNamesTerm, RegisterKey::PrivacyNamesWhy),
        (
            RegisterKey::PrivacyContactTerm,
            RegisterKey::PrivacyContactWhy,
        ),
        (
            RegisterKey::PrivacyPasswordTerm,
            RegisterKey::PrivacyPasswordWhy,
        ),
    ];
    view! {
        <StepFrame step=Step::Privacy problems title=text(i18n, RegisterKey::PrivacyTitle) lead=text(i18n, RegisterKey::PrivacyIntro)>
            <dl class="privacy-list">
                {items.into_iter().map(|(term, why)| view! {
                    <dt class="privacy-list__term">{move || i18n.t(term)}</dt>
                    <dd class="privacy-list__why">{move || i18n.t(why)}</dd>
                }).collect_view()}
            </dl>
            <p>{move || i18n.t(RegisterKey::PrivacyRights)}</p>
            <p class="hint">{move || {
                let mut parts = PRIVACY_NOTICE_VERSION.split('-');
                let (year, month, day) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                i18n.t_n(RegisterKey::PrivacyVersion, super::long_date(i18n.lang(), day, month, year))
            }}</p>
            <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
                {move || error.get().map(|message| view! {
                    <p id=error_id.clone() class="field-error">
                        <span class="visually-hidden">{i18n.t(FormKey::ErrorPrefix)} " "</span>
                        {message}
                    </p>
                })}
                <div class="checkbox">
                    <input
                        class="checkbox__input"
                        type="checkbox"
                        id=field::PRIVACY_NOTICE
                        name=field::PRIVACY_NOTICE
                        aria-describedby=move || error.with(Option::is_some).then(|| format!("{}-error", field::PRIVACY_NOTICE))
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        prop:checked=move || wizard.privacy_accepted.get()
                        on:change=move |ev| wizard.privacy_accepted.set(event_target_checked(&ev))
                    />
                    <label class="checkbox__label" for=field::PRIVACY_NOTICE>{move || i18n.t(RegisterKey::PrivacyAgree)}</label>
                </div>
            </div>
        </StepFrame>
    }
}
