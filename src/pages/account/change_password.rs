//! `/account/password`: the current password, then the new one twice. Other devices are signed out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use super::BackToAccount;
use crate::api;
use crate::components::form::{ErrorSummary, SubmitButton, TextField};
use crate::i18n::account::AccountKey;
use crate::i18n::auth::{AuthKey, tr};
use crate::i18n::use_i18n;
use crate::pages::forgot_password::new_password_problems;
use crate::pages::sign_in::{FormFailure, FormState, rule_problem};
use crate::session::{Notice, use_session};
use crate::title::use_title;

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    use_title(move || i18n.t(AccountKey::ChangePasswordTitle).to_string());
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let form = FormState::new();

    let submit = move || {
        let lang = i18n.lang();
        let mut problems = Vec::new();
        if current.get_untracked().is_empty() {
            problems.push(rule_problem(
                lang,
                "current_password",
                "current_password",
                "empty",
                "Enter your password",
            ));
        }
        problems.extend(new_password_problems(
            lang,
            &password.get_untracked(),
            &confirmation.get_untracked(),
        ));
        if !form.start_if_valid(problems) {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::account::change_password(
                current.get_untracked(),
                password.get_untracked(),
                confirmation.get_untracked(),
            )
            .await;
            match result {
                Ok(()) => {
                    form.succeed();
                    for field in [current, password, confirmation] {
                        field.set(String::new());
                    }
                    session.activity();
                    navigate("/account", NavigateOptions::default());
                    session.notify(Notice::PasswordChanged, "/account");
                }
                Err(error) => {
                    // A refused current password is cleared; after a failed connection it stays for the retry.
                    if error.fields().iter().any(|f| f.field == "current_password") {
                        current.set(String::new());
                    }
                    if session.handle_error(&error, &navigate) {
                        form.done();
                    } else {
                        form.fail(
                            lang,
                            error,
                            &["current_password", "password", "password_confirmation"],
                        );
                    }
                }
            }
        });
    };
    let retry = Callback::new({
        let submit = submit.clone();
        move |()| submit()
    });

    view! {
        <BackToAccount/>
        <ErrorSummary problems=form.problems/>
        <h1 tabindex="-1">{move || i18n.t(AccountKey::ChangePasswordTitle)}</h1>
        <FormFailure form on_retry=retry/>
        <form class="form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <TextField
                id="current_password"
                label=tr(AccountKey::CurrentPasswordLabel)
                value=current
                error=form.problems.for_field("current_password")
                input_type="password"
                autocomplete="current-password"
            />
            <TextField
                id="password"
                label=tr(AuthKey::NewPasswordLabel)
                hint=tr(AuthKey::NewPasswordHint)
                value=password
                error=form.problems.for_field("password")
                input_type="password"
                autocomplete="new-password"
            />
            <TextField
                id="password_confirmation"
                label=tr(AuthKey::ConfirmPasswordLabel)
                value=confirmation
                error=form.problems.for_field("password_confirmation")
                input_type="password"
                autocomplete="new-password"
            />
            <SubmitButton label=tr(AuthKey::ChangePasswordButton) busy=form.busy/>
        </form>
    }
}
