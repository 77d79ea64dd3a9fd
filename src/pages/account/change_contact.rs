//! `/account/phone` and `/account/email`: the password and the new phone number or email address, then the
//! code sent to the new one. The password stays in memory only while the form is on screen, to send a new
//! code if asked.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use njia_domain::accounts::{parse_email, parse_phone};
use njia_domain::api::accounts::{Channel, CodeSent};

use super::{BackToAccount, phone_for_people};
use crate::api;
use crate::components::form::{ErrorSummary, SubmitButton, TextField};
use crate::i18n::account::AccountKey;
use crate::i18n::auth::{AuthKey, duration, tr};
use crate::i18n::forms::FormKey;
use crate::i18n::{Lang, text, use_i18n};
use crate::pages::sign_in::{
    CodeEntry, FormFailure, FormState, checked_code, resend_time, rule_problem,
};
use crate::session::{Notice, use_session};
use crate::title::use_title;

#[component]
pub fn ChangePhonePage() -> impl IntoView {
    view! { <ChangeContact channel=Channel::Sms/> }
}

#[component]
pub fn ChangeEmailPage() -> impl IntoView {
    view! { <ChangeContact channel=Channel::Email/> }
}

/// The words and input settings that differ between a phone number and an email address.
#[derive(Clone, Copy)]
struct Wording {
    field: &'static str,
    title: AccountKey,
    current: AccountKey,
    label: AccountKey,
    hint: AccountKey,
    again: AccountKey,
    input_type: &'static str,
    autocomplete: &'static str,
    inputmode: &'static str,
    notice: Notice,
}

fn wording(channel: Channel) -> Wording {
    match channel {
        Channel::Sms => Wording {
            field: "phone",
            title: AccountKey::ChangePhoneTitle,
            current: AccountKey::CurrentPhone,
            label: AccountKey::NewPhoneLabel,
            hint: AccountKey::NewPhoneHint,
            again: AccountKey::ChangeNewPhone,
            input_type: "tel",
            autocomplete: "tel",
            inputmode: "tel",
            notice: Notice::PhoneChanged,
        },
        Channel::Email => Wording {
            field: "email",
            title: AccountKey::ChangeEmailTitle,
            current: AccountKey::CurrentEmail,
            label: AccountKey::NewEmailLabel,
            hint: AccountKey::NewEmailHint,
            again: AccountKey::ChangeNewEmail,
            input_type: "email",
            autocomplete: "email",
            inputmode: "email",
            notice: Notice::EmailChanged,
        },
    }
}

/// The new value checked before sending, by the same rules as the server.
fn check_value(
    lang: Lang,
    channel: Channel,
    typed: &str,
) -> Result<(), crate::components::form::Problem> {
    let result = match channel {
        Channel::Sms => parse_phone(typed).map(|_| ()),
        Channel::Email => parse_email(typed).map(|_| ()),
    };
    result.map_err(|p| rule_problem(lang, p.field, p.field, p.code, &p.message))
}

fn sent_text(lang: Lang, sent: &CodeSent) -> String {
    let key = match sent.channel {
        Channel::Sms => AuthKey::CodeSentSms,
        Channel::Email => AuthKey::CodeSentEmail,
    };
    let works =
        text(lang, AuthKey::CodeWorksFor).replace("{n}", &duration(lang, sent.expires_in_seconds));
    format!(
        "{} {works}",
        text(lang, key).replace("{n}", &sent.destination)
    )
}

#[component]
fn ChangeContact(channel: Channel) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let words = wording(channel);
    let field = words.field;
    let title = words.title;
    use_title(move || i18n.t(title).to_string());

    let value = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let sent = RwSignal::new(None::<CodeSent>);
    let resend_at = RwSignal::new(0.0);
    let resent = RwSignal::new(None::<String>);
    let start_form = FormState::new();
    let code_form = FormState::new();

    let current = move || {
        session
            .account()
            .map(|a| match channel {
                Channel::Sms => phone_for_people(&a.phone),
                Channel::Email => a.email,
            })
            .unwrap_or_default()
    };

    // Sends the password and the new value; the server sends a code to the new one.
    let start = {
        let navigate = navigate.clone();
        move |resend: bool| {
            let lang = i18n.lang();
            let form = if resend { code_form } else { start_form };
            if !resend {
                let mut problems = Vec::new();
                if password.get_untracked().is_empty() {
                    problems.push(rule_problem(
                        lang,
                        "current_password",
                        "current_password",
                        "empty",
                        "Enter your password",
                    ));
                }
                if let Err(p) = check_value(lang, channel, &value.get_untracked()) {
                    problems.push(p);
                }
                if !problems.is_empty() {
                    form.problems.set(problems);
                    return;
                }
            }
            if !form.start() {
                return;
            }
            resent.set(None);
            let navigate = navigate.clone();
            spawn_local(async move {
                match api::account::change_contact(
                    channel,
                    value.get_untracked(),
                    password.get_untracked(),
                )
                .await
                {
                    Ok(answer) => {
                        form.succeed();
                        session.activity();
                        resend_at.set(resend_time(answer.resend_after_seconds));
                        if resend {
                            resent.set(Some(
                                text(lang, AuthKey::NewCodeSent)
                                    .replace("{n}", &answer.destination),
                            ));
                        } else {
                            code.set(String::new());
                            code_form.problems.clear();
                            request_animation_frame(crate::browser::focus_main_heading);
                        }
                        sent.set(Some(answer));
                    }
                    Err(error) => {
                        if let Some(seconds) = error
                            .retry_after_seconds()
                            .filter(|_| error.code() == Some("resend_too_soon"))
                        {
                            resend_at.set(resend_time(seconds));
                        }
                        if session.handle_error(&error, &navigate) {
                            form.done();
                        } else {
                            let inputs: &[&str] = if resend {
                                &["code"]
                            } else {
                                &["current_password", field]
                            };
                            form.fail(lang, error, inputs);
                        }
                    }
                }
            });
        }
    };

    let confirm = {
        let navigate = navigate.clone();
        move || {
            let lang = i18n.lang();
            let digits = match checked_code(lang, &code.get_untracked(), "code") {
                Ok(digits) => digits,
                Err(p) => {
                    code_form.problems.set(vec![p]);
                    return;
                }
            };
            if !code_form.start() {
                return;
            }
            resent.set(None);
            let navigate = navigate.clone();
            spawn_local(async move {
                match api::account::confirm_contact_change(channel, digits).await {
                    Ok(account) => {
                        code_form.succeed();
                        password.set(String::new());
                        session.set_account(account);
                        session.activity();
                        navigate("/account", NavigateOptions::default());
                        session.notify(words.notice, "/account");
                    }
                    Err(error) => {
                        if session.handle_error(&error, &navigate) {
                            code_form.done();
                        } else {
                            code_form.fail(lang, error, &["code"]);
                        }
                    }
                }
            });
        }
    };

    let retry_start = Callback::new({
        let start = start.clone();
        move |()| start(false)
    });
    let resend = Callback::new({
        let start = start.clone();
        move |()| start(true)
    });
    let retry_confirm = Callback::new({
        let confirm = confirm.clone();
        move |()| confirm()
    });

    let first_step = {
        let start = start.clone();
        move || {
            let start = start.clone();
            view! {
                <BackToAccount/>
                <ErrorSummary problems=start_form.problems/>
                <h1 tabindex="-1">{move || i18n.t(title)}</h1>
                <p>{move || i18n.t(words.current).replace("{n}", &current())}</p>
                <FormFailure form=start_form on_retry=retry_start/>
                <form class="form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    start(false);
                }>
                    <TextField
                        id="current_password"
                        label=tr(AccountKey::YourPasswordLabel)
                        hint=tr(AccountKey::YourPasswordHint)
                        value=password
                        error=start_form.problems.for_field("current_password")
                        input_type="password"
                        autocomplete="current-password"
                    />
                    <TextField
                        id=field
                        label=tr(words.label)
                        hint=tr(words.hint)
                        value
                        error=start_form.problems.for_field(field)
                        input_type=words.input_type
                        autocomplete=words.autocomplete
                        inputmode=words.inputmode
                        spellcheck_off=true
                    />
                    <SubmitButton label=tr(FormKey::Continue) busy=start_form.busy/>
                </form>
            }
        }
    };

    let code_step = move |answer: CodeSent| {
        view! {
            <CodeEntry
                form=code_form
                code
                title=tr(AuthKey::EnterCodeTitle)
                sent_to=Signal::derive(move || sent_text(i18n.lang(), &answer))
                submit_label=tr(FormKey::Continue)
                resend_at
                resent
                on_submit=retry_confirm
                on_resend=resend
                top=Box::new(|| view! { <BackToAccount/> }.into_any())
            >
                <p>
                    <button type="button" class="link-button" on:click=move |_| {
                        code_form.problems.clear();
                        code_form.failure.set(None);
                        resent.set(None);
                        sent.set(None);
                        request_animation_frame(crate::browser::focus_main_heading);
                    }>{move || i18n.t(words.again)}</button>
                </p>
            </CodeEntry>
        }
    };

    // Only moving between the two steps re-renders, not each new code.
    let on_code_step = Memo::new(move |_| sent.with(Option::is_some));
    move || {
        if on_code_step.get() {
            sent.get_untracked()
                .map(|answer| code_step(answer).into_any())
        } else {
            Some(first_step().into_any())
        }
    }
}
