//! `/sign-in` (email address or ID number, and password) and `/sign-in/code` (where to send the code, then
//! the code). The sign-in challenge the server hands out after the password lives only in memory, in the
//! context of these two routes: never in storage or the URL, and gone once the person leaves them.
//!
//! Also the parts the forms of signing in, resetting a password and changing a contact share: API problems
//! turned into form problems, the throttling messages, and the page that asks for a code with its "send a
//! new code" countdown.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Outlet, Redirect};
use leptos_router::hooks::{use_navigate, use_query_map};
use njia_domain::accounts::parse_code;
use njia_domain::api::accounts::{Channel, ChannelOption, CodeSent, SignInResponse};

use crate::api::{self, ApiError};
use crate::components::form::{
    ErrorSummary, Problem, Problems, RadioGroup, SubmitButton, TextField,
};
use crate::components::status::LoadError;
use crate::i18n::auth::{AuthKey, clock, duration, tr};
use crate::i18n::field_errors::field_error;
use crate::i18n::{Lang, text, use_i18n};
use crate::session::{safe_next, use_session};
use crate::title::use_title;

#[derive(Debug, Clone)]
struct Challenge {
    token: String,
    channels: Vec<ChannelOption>,
}

/// The sign-in in progress, shared by `/sign-in` and `/sign-in/code`.
#[derive(Clone, Copy)]
struct SignInFlow {
    challenge: RwSignal<Option<Challenge>>,
    next: RwSignal<Option<String>>,
}

/// The parent of the sign-in routes: holds the sign-in in progress while the person moves between them.
#[component]
pub fn SignInRoutes() -> impl IntoView {
    provide_context(SignInFlow {
        challenge: RwSignal::new(None),
        next: RwSignal::new(None),
    });
    view! { <Outlet/> }
}

// ---------------------------------------------------------------------------------------------------------
// Parts shared by the forms of signing in, resetting a password and changing a contact.

/// The state of one form: its problems, a failure to reach the server (or a fault on it), and whether a
/// request is running.
#[derive(Clone, Copy)]
pub struct FormState {
    pub problems: Problems,
    pub failure: RwSignal<Option<ApiError>>,
    pub busy: RwSignal<bool>,
}

impl FormState {
    pub fn new() -> FormState {
        FormState {
            problems: Problems::default(),
            failure: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Marks a request as running; `false` when one already is, so a double tap never sends twice.
    pub fn start(&self) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.busy.set(true);
        self.failure.set(None);
        true
    }

    /// After the client-side checks: shows their problems and refuses, or starts sending (refusing a second
    /// press while one is on its way).
    pub fn start_if_valid(&self, problems: Vec<Problem>) -> bool {
        if !problems.is_empty() {
            self.problems.set(problems);
            return false;
        }
        self.start()
    }

    pub fn done(&self) {
        self.busy.set(false);
    }

    pub fn succeed(&self) {
        self.busy.set(false);
        self.problems.clear();
        self.failure.set(None);
    }

    /// Shows an API error: field problems at their inputs (a field without an input of its own goes to the
    /// first of `inputs`), a refusal to try again so soon at the first input, anything else as a failure
    /// with a retry.
    pub fn fail(&self, lang: Lang, error: ApiError, inputs: &[&str]) {
        self.busy.set(false);
        let first = inputs.first().copied().unwrap_or_default();
        if !error.fields().is_empty() {
            self.problems.set(field_problems(lang, &error, inputs));
        } else if let Some(message) = throttle_message(lang, &error) {
            self.problems.set(vec![problem(first, message)]);
        } else {
            self.problems.clear();
            self.failure.set(Some(error));
        }
    }
}

pub fn problem(field_id: &str, message: impl Into<String>) -> Problem {
    Problem {
        field_id: field_id.to_string(),
        message: message.into(),
    }
}

/// The problem of a rule checked before sending, in the words of [`field_error`], else the rule's own.
pub fn rule_problem(
    lang: Lang,
    field_id: &str,
    field: &str,
    code: &str,
    fallback: &str,
) -> Problem {
    problem(field_id, field_error(lang, field, code).unwrap_or(fallback))
}

/// The problems of a `422 invalid`, each translated by (field, code), else in the server's own words.
pub fn field_problems(lang: Lang, error: &ApiError, inputs: &[&str]) -> Vec<Problem> {
    let first = inputs.first().copied().unwrap_or_default();
    error
        .fields()
        .iter()
        .map(|f| {
            let field_id = if inputs.contains(&f.field.as_str()) {
                f.field.as_str()
            } else {
                first
            };
            let message = field_error(lang, &f.field, &f.code)
                .map_or_else(|| f.message.clone(), str::to_owned);
            problem(field_id, message)
        })
        .collect()
}

/// The message for a refused attempt, saying when to try again: `locked`, `too_soon`, `resend_too_soon`.
pub fn throttle_message(lang: Lang, error: &ApiError) -> Option<String> {
    let key = match error.code()? {
        "locked" => AuthKey::Locked,
        "too_soon" => AuthKey::TooSoon,
        "resend_too_soon" => AuthKey::ResendTooSoon,
        _ => return None,
    };
    let wait = duration(lang, error.retry_after_seconds().unwrap_or(60));
    Some(text(lang, key).replace("{n}", &wait))
}

/// A failure to reach the server (or a fault on it), with a button that sends the form again.
#[component]
pub fn FormFailure(form: FormState, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    move || {
        form.failure
            .get()
            .map(|error| view! { <LoadError error on_retry/> })
    }
}

/// The code as typed, checked before sending; the problem is shown at `field_id`.
pub fn checked_code(lang: Lang, typed: &str, field_id: &str) -> Result<String, Problem> {
    parse_code(typed).map_err(|p| rule_problem(lang, field_id, p.field, p.code, &p.message))
}

/// Moves focus to the element with this id, if it is in the page.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// The Date.now() time at which the server allows another code.
pub fn resend_time(seconds: u64) -> f64 {
    js_sys::Date::now() + seconds as f64 * 1000.0
}

/// "Send a new code", offered once the server's wait is over; until then the wait counts down.
#[component]
pub fn ResendCode(
    /// `Date.now()` milliseconds from which a new code may be asked for.
    resend_at: RwSignal<f64>,
    busy: RwSignal<bool>,
    #[prop(into)] on_resend: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        Duration::from_millis(500),
    ) {
        on_cleanup(move || handle.clear());
    }
    let left = Memo::new(move |_| ((resend_at.get() - now.get()) / 1000.0).ceil().max(0.0) as u64);
    let ready = Memo::new(move |_| left.get() == 0);
    move || {
        if ready.get() {
            view! {
                <p>
                    <button
                        type="button"
                        class="link-button"
                        aria-disabled=move || busy.get().then_some("true")
                        on:click=move |_| {
                            if !busy.get_untracked() {
                                on_resend.run(());
                            }
                        }
                    >
                        {move || i18n.t(AuthKey::Resend)}
                    </button>
                </p>
            }
            .into_any()
        } else {
            view! {
                <p class="hint">
                    {move || i18n.t(AuthKey::ResendIn)} " "
                    <span class="countdown">{move || clock(left.get())}</span>
                </p>
            }
            .into_any()
        }
    }
}

/// A polite announcement ("We sent a new code to …"), in a live region that is always in the page so screen
/// readers notice its text change.
#[component]
pub fn StatusMessage(message: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div role="status" class="status-message">
            {move || message.get().map(|m| view! { <p class="notice notice--success">{m}</p> })}
        </div>
    }
}

/// The page that asks for a code, shared by signing in, resetting a password and changing a contact:
/// what was sent where, the code input, "send a new code" with its countdown, and the page's own links after.
#[component]
pub fn CodeEntry(
    form: FormState,
    code: RwSignal<String>,
    #[prop(into)] title: Signal<String>,
    /// What was sent where, and for how long it works.
    #[prop(into)]
    sent_to: Signal<String>,
    #[prop(into)] submit_label: Signal<String>,
    resend_at: RwSignal<f64>,
    /// "We sent a new code…", announced politely.
    resent: RwSignal<Option<String>>,
    #[prop(into)] on_submit: Callback<()>,
    #[prop(into)] on_resend: Callback<()>,
    /// Shown above the error summary (a back link).
    #[prop(optional)]
    top: Option<Children>,
    children: Children,
) -> impl IntoView {
    view! {
        {top.map(|top| top())}
        <ErrorSummary problems=form.problems/>
        <h1 tabindex="-1">{move || title.get()}</h1>
        <p>{move || sent_to.get()}</p>
        <StatusMessage message=resent/>
        <FormFailure form on_retry=on_submit/>
        <form class="form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            on_submit.run(());
        }>
            <TextField
                id="code"
                label=tr(AuthKey::CodeLabel)
                hint=tr(AuthKey::CodeHint)
                value=code
                error=form.problems.for_field("code")
                autocomplete="one-time-code"
                inputmode="numeric"
                width="input--code"
                spellcheck_off=true
            />
            <SubmitButton label=submit_label busy=form.busy/>
        </form>
        <ResendCode resend_at busy=form.busy on_resend/>
        {children()}
    }
}

// ---------------------------------------------------------------------------------------------------------
// `/sign-in`

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let flow = expect_context::<SignInFlow>();
    let navigate = use_navigate();
    let query = use_query_map();
    use_title(move || i18n.t(AuthKey::SignInTitle).to_string());
    flow.next.set(query.read_untracked().get("next"));
    flow.challenge.set(None);

    // Someone already signed in has nothing to do here.
    Effect::new({
        let navigate = navigate.clone();
        move |_| {
            if session.account().is_some_and(|a| a.is_usable()) {
                let options = NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                };
                navigate(&safe_next(flow.next.get_untracked()), options);
            }
        }
    });

    let identifier = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let submit = move || {
        let lang = i18n.lang();
        let mut problems = Vec::new();
        if identifier.get_untracked().trim().is_empty() {
            problems.push(rule_problem(
                lang,
                "identifier",
                "identifier",
                "empty",
                "Enter your email address or ID number",
            ));
        }
        if password.get_untracked().is_empty() {
            problems.push(rule_problem(
                lang,
                "password",
                "password",
                "empty",
                "Enter your password",
            ));
        }
        if !form.start_if_valid(problems) {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            let result =
                api::auth::sign_in(identifier.get_untracked(), password.get_untracked()).await;
            match result {
                Ok(SignInResponse::ChooseChannel {
                    challenge,
                    channels,
                }) => {
                    form.succeed();
                    password.set(String::new());
                    flow.challenge.set(Some(Challenge {
                        token: challenge,
                        channels,
                    }));
                    navigate("/sign-in/code", NavigateOptions::default());
                }
                Ok(SignInResponse::ConfirmContacts { session: info }) => {
                    form.succeed();
                    password.set(String::new());
                    session.set(*info);
                    navigate("/register/confirm", NavigateOptions::default());
                }
                Err(error) => {
                    // A password the server refused is never left in the page; after a failed connection
                    // it stays, so "Try again" sends it again.
                    if error.status().is_some() {
                        password.set(String::new());
                    }
                    if error.code() == Some("invalid_credentials") {
                        form.done();
                        form.problems.set(vec![problem(
                            "identifier",
                            text(lang, AuthKey::InvalidCredentials),
                        )]);
                    } else {
                        form.fail(lang, error, &["identifier", "password"]);
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
        <ErrorSummary problems=form.problems/>
        <h1 tabindex="-1">{move || i18n.t(AuthKey::SignInTitle)}</h1>
        <p>{move || i18n.t(AuthKey::SignInIntro)}</p>
        <FormFailure form on_retry=retry/>
        <form class="form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <TextField
                id="identifier"
                label=tr(AuthKey::IdentifierLabel)
                hint=tr(AuthKey::IdentifierHint)
                value=identifier
                error=form.problems.for_field("identifier")
                autocomplete="username"
                spellcheck_off=true
            />
            <TextField
                id="password"
                label=tr(AuthKey::PasswordLabel)
                value=password
                error=form.problems.for_field("password")
                input_type="password"
                autocomplete="current-password"
            />
            <SubmitButton label=tr(AuthKey::SignIn) busy=form.busy/>
        </form>
        <p><A href="/forgot-password">{move || i18n.t(AuthKey::ForgotPasswordLink)}</A></p>
        <h2>{move || i18n.t(AuthKey::NoAccount)}</h2>
        <p><A href="/register">{move || i18n.t(AuthKey::CreateAccount)}</A></p>
    }
}

// ---------------------------------------------------------------------------------------------------------
// `/sign-in/code`

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Choose,
    Enter,
}

fn sent_text(lang: Lang, sent: &CodeSent) -> String {
    let key = match sent.channel {
        Channel::Sms => AuthKey::CodeSentSms,
        Channel::Email => AuthKey::CodeSentEmail,
    };
    text(lang, key).replace("{n}", &sent.destination)
}

fn works_for(lang: Lang, sent: &CodeSent) -> String {
    text(lang, AuthKey::CodeWorksFor).replace("{n}", &duration(lang, sent.expires_in_seconds))
}

fn focus_heading() {
    request_animation_frame(crate::browser::focus_main_heading);
}

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let flow = expect_context::<SignInFlow>();
    match flow.challenge.get_untracked() {
        // A reload or a bookmark: the challenge lived only in memory, so start again.
        None => view! { <Redirect path="/sign-in"/> }.into_any(),
        Some(challenge) => view! { <CodeSteps challenge/> }.into_any(),
    }
}

#[component]
fn CodeSteps(challenge: Challenge) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let flow = expect_context::<SignInFlow>();
    let navigate = use_navigate();
    let Challenge { token, channels } = challenge;
    let token = StoredValue::new(token);
    let several = channels.len() > 1;

    let step = RwSignal::new(Step::Choose);
    // With one way to send the code (staff: SMS only) there is nothing to choose.
    let channel = RwSignal::new(if several {
        String::new()
    } else {
        channels
            .first()
            .map(|c| c.channel.as_str().to_string())
            .unwrap_or_default()
    });
    let sent = RwSignal::new(None::<CodeSent>);
    let resend_at = RwSignal::new(0.0);
    let resent = RwSignal::new(None::<String>);
    let code = RwSignal::new(String::new());
    let expired = RwSignal::new(false);
    let choose_form = FormState::new();
    let code_form = FormState::new();

    use_title(move || match step.get() {
        Step::Choose => i18n.t(AuthKey::ChooseChannelTitle).to_string(),
        Step::Enter => i18n.t(AuthKey::EnterCodeTitle).to_string(),
    });

    // Sends (or resends) the code by the chosen channel.
    let send = move |resend: bool| {
        let lang = i18n.lang();
        let Some(chosen) = Channel::parse(&channel.get_untracked()) else {
            let message = field_error(lang, "channel", "empty").unwrap_or_default();
            choose_form.problems.set(vec![problem("channel", message)]);
            return;
        };
        let form = if resend { code_form } else { choose_form };
        if !form.start() {
            return;
        }
        resent.set(None);
        spawn_local(async move {
            match api::auth::send_sign_in_code(token.get_value(), chosen).await {
                Ok(answer) => {
                    form.succeed();
                    resend_at.set(resend_time(answer.resend_after_seconds));
                    if resend {
                        resent.set(Some(
                            text(lang, AuthKey::NewCodeSent).replace("{n}", &answer.destination),
                        ));
                    } else {
                        code.set(String::new());
                        code_form.problems.clear();
                        step.set(Step::Enter);
                        focus_heading();
                    }
                    sent.set(Some(answer));
                }
                Err(error) if error.status() == Some(401) => {
                    form.done();
                    expired.set(true);
                    focus_heading();
                }
                Err(error) => {
                    if let Some(seconds) = error
                        .retry_after_seconds()
                        .filter(|_| error.code() == Some("resend_too_soon"))
                    {
                        resend_at.set(resend_time(seconds));
                    }
                    if error.code() == Some("staff_sms_only") {
                        form.done();
                        form.problems
                            .set(vec![problem("channel", text(lang, AuthKey::StaffSmsOnly))]);
                    } else {
                        form.fail(lang, error, if resend { &["code"] } else { &["channel"] });
                    }
                }
            }
        });
    };

    let verify = move || {
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
            match api::auth::verify_sign_in(token.get_value(), digits).await {
                Ok(info) => {
                    code_form.succeed();
                    let next = safe_next(flow.next.get_untracked());
                    flow.challenge.set(None);
                    session.set(info);
                    navigate(&next, NavigateOptions::default());
                }
                Err(error) if error.status() == Some(401) => {
                    code_form.done();
                    expired.set(true);
                    focus_heading();
                }
                Err(error) => code_form.fail(lang, error, &["code"]),
            }
        });
    };

    let retry_choose = Callback::new(move |()| send(false));
    let retry_verify = Callback::new({
        let verify = verify.clone();
        move |()| verify()
    });
    let resend = Callback::new(move |()| send(true));
    let options: Vec<(&'static str, Signal<String>)> = channels
        .iter()
        .map(|option| {
            let key = match option.channel {
                Channel::Sms => AuthKey::BySms,
                Channel::Email => AuthKey::ByEmail,
            };
            let destination = option.destination.clone();
            let label = Signal::derive(move || i18n.t(key).replace("{n}", &destination));
            (option.channel.as_str(), label)
        })
        .collect();
    let only_destination = channels
        .first()
        .map(|c| c.destination.clone())
        .unwrap_or_default();

    let choose_view = move || {
        let options = options.clone();
        let only_destination = only_destination.clone();
        view! {
            <ErrorSummary problems=choose_form.problems/>
            <h1 tabindex="-1">{move || i18n.t(AuthKey::ChooseChannelTitle)}</h1>
            <p>{move || i18n.t(AuthKey::ChooseChannelHint)}</p>
            <FormFailure form=choose_form on_retry=retry_choose/>
            <form class="form" novalidate on:submit=move |ev| {
                ev.prevent_default();
                send(false);
            }>
                {if several {
                    view! {
                        <RadioGroup
                            id="channel"
                            legend=tr(AuthKey::ChannelLegend)
                            options
                            value=channel
                            error=choose_form.problems.for_field("channel")
                        />
                    }
                    .into_any()
                } else {
                    view! {
                        <p id="channel" tabindex="-1">
                            {move || i18n.t(AuthKey::SmsOnly).replace("{n}", &only_destination)}
                        </p>
                    }
                    .into_any()
                }}
                <SubmitButton label=tr(AuthKey::SendCode) busy=choose_form.busy/>
            </form>
        }
    };

    let enter_view = move || {
        let sent_to = Signal::derive(move || {
            let lang = i18n.lang();
            sent.get()
                .map(|s| format!("{} {}", sent_text(lang, &s), works_for(lang, &s)))
                .unwrap_or_default()
        });
        view! {
            <CodeEntry
                form=code_form
                code
                title=tr(AuthKey::EnterCodeTitle)
                sent_to
                submit_label=tr(AuthKey::SignIn)
                resend_at
                resent
                on_submit=retry_verify
                on_resend=resend
            >
                {several.then(|| view! {
                    <p>
                        <button type="button" class="link-button" on:click=move |_| {
                            code_form.problems.clear();
                            code_form.failure.set(None);
                            resent.set(None);
                            step.set(Step::Choose);
                            focus_heading();
                        }>{move || i18n.t(AuthKey::UseDifferentMethod)}</button>
                    </p>
                })}
            </CodeEntry>
        }
    };

    move || {
        if expired.get() {
            return view! {
                <h1 tabindex="-1">{move || i18n.t(AuthKey::SignInTitle)}</h1>
                <div class="notice notice--error" role="alert">
                    <p>{move || i18n.t(AuthKey::ChallengeExpired)}</p>
                </div>
                <p><A href="/sign-in">{move || i18n.t(AuthKey::SignInAgain)}</A></p>
            }
            .into_any();
        }
        match step.get() {
            Step::Choose => choose_view().into_any(),
            Step::Enter => enter_view().into_any(),
        }
    }
}
