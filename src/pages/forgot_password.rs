//! A forgotten password: `/forgot-password` (email address or ID number, and where to send the code) →
//! `/forgot-password/code` → `/forgot-password/new-password` → `/forgot-password/done`. Every answer before
//! the code is checked reads the same whether or not an account exists. The identifier and the reset token
//! live only in memory, in the context of these routes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Outlet, Redirect};
use leptos_router::hooks::use_navigate;
use njia_domain::api::accounts::Channel;
use njia_domain::password::{MAX_LENGTH, MIN_LENGTH};

use super::sign_in::{
    CodeEntry, FormFailure, FormState, checked_code, problem, resend_time, rule_problem,
};
use crate::api;
use crate::components::form::{ErrorSummary, Problem, RadioGroup, SubmitButton, TextField};
use crate::i18n::auth::{AuthKey, tr};
use crate::i18n::forms::FormKey;
use crate::i18n::{Lang, text, use_i18n};
use crate::session::use_session;
use crate::title::use_title;

#[derive(Clone, Copy)]
struct ResetFlow {
    identifier: RwSignal<String>,
    channel: RwSignal<String>,
    /// When the server allows another code (`Date.now()` milliseconds).
    resend_at: RwSignal<f64>,
    reset_token: RwSignal<Option<String>>,
    /// Set once a code was asked for, so the later steps know the journey really started here.
    started: RwSignal<bool>,
}

/// The parent of the reset routes: holds the journey while the person moves between its pages.
#[component]
pub fn ForgotPasswordRoutes() -> impl IntoView {
    provide_context(ResetFlow {
        identifier: RwSignal::new(String::new()),
        channel: RwSignal::new(String::new()),
        resend_at: RwSignal::new(0.0),
        reset_token: RwSignal::new(None),
        started: RwSignal::new(false),
    });
    view! { <Outlet/> }
}

fn flow() -> ResetFlow {
    expect_context::<ResetFlow>()
}

/// Asks for a code; the same answer comes whether or not the account exists.
async fn request_code(flow: ResetFlow, form: FormState, lang: Lang) -> bool {
    let Some(channel) = Channel::parse(&flow.channel.get_untracked()) else {
        return false;
    };
    match api::auth::start_reset(flow.identifier.get_untracked(), channel).await {
        Ok(started) => {
            form.succeed();
            flow.resend_at
                .set(resend_time(started.resend_after_seconds));
            flow.started.set(true);
            true
        }
        Err(error) => {
            form.fail(lang, error, &["identifier", "channel"]);
            false
        }
    }
}

/// `/forgot-password`
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = flow();
    let navigate = use_navigate();
    use_title(move || i18n.t(AuthKey::ForgotTitle).to_string());
    flow.reset_token.set(None);
    let form = FormState::new();
    let submit = move || {
        let lang = i18n.lang();
        let mut problems = Vec::new();
        if flow.identifier.get_untracked().trim().is_empty() {
            problems.push(rule_problem(
                lang,
                "identifier",
                "identifier",
                "empty",
                "Enter your email address or ID number",
            ));
        }
        if Channel::parse(&flow.channel.get_untracked()).is_none() {
            problems.push(rule_problem(
                lang,
                "channel",
                "channel",
                "empty",
                "Select how we should send your code",
            ));
        }
        if !form.start_if_valid(problems) {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            if request_code(flow, form, lang).await {
                navigate("/forgot-password/code", NavigateOptions::default());
            }
        });
    };
    let retry = Callback::new({
        let submit = submit.clone();
        move |()| submit()
    });
    let options = vec![
        ("sms", tr(AuthKey::ChannelSms)),
        ("email", tr(AuthKey::ChannelEmail)),
    ];
    view! {
        <ErrorSummary problems=form.problems/>
        <h1 tabindex="-1">{move || i18n.t(AuthKey::ForgotTitle)}</h1>
        <p>{move || i18n.t(AuthKey::ForgotIntro)}</p>
        <FormFailure form on_retry=retry/>
        <form class="form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <TextField
                id="identifier"
                label=tr(AuthKey::IdentifierLabel)
                hint=tr(AuthKey::IdentifierHint)
                value=flow.identifier
                error=form.problems.for_field("identifier")
                autocomplete="username"
                spellcheck_off=true
            />
            <RadioGroup
                id="channel"
                legend=tr(AuthKey::ForgotChannelLegend)
                options
                value=flow.channel
                error=form.problems.for_field("channel")
            />
            <SubmitButton label=tr(AuthKey::SendCode) busy=form.busy/>
        </form>
    }
}

/// `/forgot-password/code`
#[component]
pub fn ResetCodePage() -> impl IntoView {
    if !flow().started.get_untracked() {
        // A reload: what was typed lived only in memory.
        return view! { <Redirect path="/forgot-password"/> }.into_any();
    }
    view! { <ResetCode/> }.into_any()
}

#[component]
fn ResetCode() -> impl IntoView {
    let i18n = use_i18n();
    let flow = flow();
    let navigate = use_navigate();
    let by_sms = flow.channel.get_untracked() == "sms";
    let title = if by_sms {
        AuthKey::CheckPhoneTitle
    } else {
        AuthKey::CheckEmailTitle
    };
    let sent_key = if by_sms {
        AuthKey::ResetCodeSentSms
    } else {
        AuthKey::ResetCodeSentEmail
    };
    use_title(move || i18n.t(title).to_string());
    let code = RwSignal::new(String::new());
    let form = FormState::new();
    let resent = RwSignal::new(None::<String>);
    let submit = move || {
        let lang = i18n.lang();
        let digits = match checked_code(lang, &code.get_untracked(), "code") {
            Ok(digits) => digits,
            Err(p) => {
                form.problems.set(vec![p]);
                return;
            }
        };
        if !form.start() {
            return;
        }
        resent.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::auth::verify_reset(flow.identifier.get_untracked(), digits).await {
                Ok(answer) => {
                    form.succeed();
                    flow.reset_token.set(Some(answer.reset_token));
                    navigate("/forgot-password/new-password", NavigateOptions::default());
                }
                Err(error) => form.fail(lang, error, &["code"]),
            }
        });
    };
    let retry = Callback::new({
        let submit = submit.clone();
        move |()| submit()
    });
    let resend = Callback::new(move |()| {
        let lang = i18n.lang();
        if !form.start() {
            return;
        }
        resent.set(None);
        spawn_local(async move {
            if request_code(flow, form, lang).await {
                let to = flow.identifier.get_untracked();
                resent.set(Some(
                    text(lang, AuthKey::NewCodeSent).replace("{n}", to.trim()),
                ));
            }
        });
    });
    let sent_to = Signal::derive(move || {
        i18n.t(sent_key)
            .replace("{n}", flow.identifier.get().trim())
    });
    view! {
        <CodeEntry
            form
            code
            title=tr(title)
            sent_to
            submit_label=tr(FormKey::Continue)
            resend_at=flow.resend_at
            resent
            on_submit=retry
            on_resend=resend
        >
            <p>
                {move || i18n.t(AuthKey::ResetNoCode)} " "
                <A href="/forgot-password">{move || i18n.t(AuthKey::StartAgain)}</A>
            </p>
        </CodeEntry>
    }
    .into_any()
}

/// The checks that need no server: present, not too short or long, typed the same twice. The server checks
/// the rest (common, personal, too weak) and its answers are shown the same way.
pub fn new_password_problems(lang: Lang, password: &str, confirmation: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let length = password.chars().count();
    if length == 0 {
        problems.push(problem("password", text(lang, AuthKey::NewPasswordEmpty)));
    } else if length < MIN_LENGTH {
        problems.push(rule_problem(
            lang,
            "password",
            "password",
            "too_short",
            "Use at least 8 characters",
        ));
    } else if length > MAX_LENGTH {
        problems.push(rule_problem(
            lang,
            "password",
            "password",
            "too_long",
            "Use at most 128 characters",
        ));
    }
    if confirmation.is_empty() {
        problems.push(rule_problem(
            lang,
            "password_confirmation",
            "password_confirmation",
            "empty",
            "Type your new password again",
        ));
    } else if password != confirmation {
        problems.push(rule_problem(
            lang,
            "password_confirmation",
            "password_confirmation",
            "mismatch",
            "The passwords do not match",
        ));
    }
    problems
}

/// `/forgot-password/new-password`
#[component]
pub fn NewPasswordPage() -> impl IntoView {
    match flow().reset_token.get_untracked() {
        None => view! { <Redirect path="/forgot-password"/> }.into_any(),
        Some(token) => view! { <NewPassword token/> }.into_any(),
    }
}

#[component]
fn NewPassword(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let flow = flow();
    let session = use_session();
    let navigate = use_navigate();
    let token = StoredValue::new(token);
    use_title(move || i18n.t(AuthKey::NewPasswordTitle).to_string());
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let expired = RwSignal::new(false);
    let form = FormState::new();
    let submit = move || {
        let lang = i18n.lang();
        let problems = new_password_problems(
            lang,
            &password.get_untracked(),
            &confirmation.get_untracked(),
        );
        if !form.start_if_valid(problems) {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::auth::complete_reset(
                token.get_value(),
                password.get_untracked(),
                confirmation.get_untracked(),
            )
            .await;
            match result {
                Ok(()) => {
                    form.succeed();
                    password.set(String::new());
                    confirmation.set(String::new());
                    flow.reset_token.set(None);
                    flow.started.set(false);
                    navigate("/forgot-password/done", NavigateOptions::default());
                    // Every session of the account has ended, this browser's too if it had one.
                    session.clear();
                }
                Err(error) if error.status() == Some(401) => {
                    form.done();
                    flow.reset_token.set(None);
                    expired.set(true);
                }
                Err(error) => form.fail(lang, error, &["password", "password_confirmation"]),
            }
        });
    };
    let retry = Callback::new({
        let submit = submit.clone();
        move |()| submit()
    });
    view! {
        <ErrorSummary problems=form.problems/>
        <h1 tabindex="-1">{move || i18n.t(AuthKey::NewPasswordTitle)}</h1>
        {move || expired.get().then(|| view! {
            <div class="notice notice--error" role="alert">
                <p>{move || i18n.t(AuthKey::ResetExpired)}</p>
                <p><A href="/forgot-password">{move || i18n.t(AuthKey::StartAgain)}</A></p>
            </div>
        })}
        <FormFailure form on_retry=retry/>
        <form class="form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
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

/// `/forgot-password/done`
#[component]
pub fn ResetDonePage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(AuthKey::ResetDoneTitle).to_string());
    view! {
        <div class="panel">
            <h1 tabindex="-1" class="panel__title">{move || i18n.t(AuthKey::ResetDoneTitle)}</h1>
        </div>
        <p>{move || i18n.t(AuthKey::ResetDoneBody)}</p>
        <p><A href="/sign-in" attr:class="button">{move || i18n.t(AuthKey::SignIn)}</A></p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_are_checked_before_sending() {
        let codes = |p: &str, c: &str| -> Vec<String> {
            new_password_problems(Lang::En, p, c)
                .into_iter()
                .map(|p| p.field_id)
                .collect()
        };
        assert_eq!(codes("short", "short"), ["password"]);
        assert_eq!(codes("", ""), ["password", "password_confirmation"]);
        assert_eq!(
            codes("long enough words", "long enough wordz"),
            ["password_confirmation"]
        );
        assert_eq!(codes("long enough words", ""), ["password_confirmation"]);
        assert!(codes("long enough words", "long enough words").is_empty());
    }
}
