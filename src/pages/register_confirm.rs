//! `/register/confirm`: confirm the new account's mobile number and email address with the codes sent at
//! registration; resend a code after the wait; correct a mistyped number or address. Until both are
//! confirmed the account can do nothing else, so every signed-in page sends an unconfirmed account here.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::accounts::{FieldProblem, parse_code, parse_email, parse_phone};
use njia_domain::api::accounts::{Account, Channel, CodeSent};
use njia_domain::ids::PhoneNumber;
use wasm_bindgen::JsCast;

use crate::api::{ApiError, registration};
use crate::components::form::{ErrorSummary, Problem, Problems, SubmitButton, TextField};
use crate::components::status::LoadError;
use crate::components::status::Loading;
use crate::i18n::auth::AuthKey;
use crate::i18n::field_errors::field_error;
use crate::i18n::forms::FormKey;
use crate::i18n::register::RegisterKey;
use crate::i18n::{Key, use_i18n};
use crate::registration_draft as draft;
use crate::session::{SessionState, sign_in_path, use_session};
use crate::title::use_title;

const PATH: &str = "/register/confirm";

/// The ids of one channel's inputs and heading.
#[derive(Clone, Copy)]
struct Ids {
    code: &'static str,
    new_value: &'static str,
    heading: &'static str,
    resend_hint: &'static str,
}

fn ids(channel: Channel) -> Ids {
    match channel {
        Channel::Sms => Ids {
            code: "phone-code",
            new_value: "phone-new",
            heading: "phone-heading",
            resend_hint: "phone-resend-hint",
        },
        Channel::Email => Ids {
            code: "email-code",
            new_value: "email-new",
            heading: "email-heading",
            resend_hint: "email-resend-hint",
        },
    }
}

fn is_confirmed(account: &Account, channel: Channel) -> bool {
    match channel {
        Channel::Sms => account.phone_verified,
        Channel::Email => account.email_verified,
    }
}

/// The number as Kenyans write it, or the address: it is the person's own, so it is shown in full.
fn destination(account: &Account, channel: Channel) -> String {
    match channel {
        Channel::Sms => PhoneNumber::parse(&account.phone)
            .map_or_else(|_| account.phone.clone(), |p| p.national()),
        Channel::Email => account.email.clone(),
    }
}

fn focus_id(id: &'static str) {
    request_animation_frame(move || {
        if let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

#[component]
pub fn RegisterConfirmPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Checking,
        Failed,
        SignedIn,
        SignedOut,
    }
    let mode = Memo::new(move |_| match session.state() {
        SessionState::Checking => Mode::Checking,
        SessionState::Failed(_) => Mode::Failed,
        SessionState::SignedIn(_) => Mode::SignedIn,
        SessionState::SignedOut => Mode::SignedOut,
    });
    Effect::new(move |_| {
        if mode.get() == Mode::SignedOut {
            navigate(
                &sign_in_path(PATH),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let ready = Memo::new(move |_| session.account().is_some_and(|a| a.is_usable()));
    use_title(move || {
        let key = if ready.get() {
            RegisterKey::ReadyTitle
        } else {
            RegisterKey::ConfirmTitle
        };
        i18n.t(key).to_string()
    });
    move || match mode.get() {
        Mode::Checking | Mode::SignedOut => {
            view! { <Loading label=AuthKey::CheckingSession/> }.into_any()
        }
        Mode::Failed => {
            let error = match session.state() {
                SessionState::Failed(e) => e,
                _ => ApiError::Network,
            };
            view! {
                <h1 tabindex="-1">{move || i18n.t(RegisterKey::ConfirmTitle)}</h1>
                <LoadError error on_retry=move |()| session.refresh()/>
            }
            .into_any()
        }
        Mode::SignedIn => view! { <Confirmations ready/> }.into_any(),
    }
}

/// Where one channel's problems show, and the rule's own words (for codes this client does not know).
#[derive(Clone)]
struct Issue {
    field_id: &'static str,
    field: String,
    code: String,
    message: String,
}

impl Issue {
    fn new(field_id: &'static str, problem: FieldProblem) -> Issue {
        Issue {
            field_id,
            field: problem.field.to_string(),
            code: problem.code.to_string(),
            message: problem.message,
        }
    }
}

#[component]
fn Confirmations(ready: Memo<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let problems = Problems::default();
    let issues = RwSignal::new(Vec::<Issue>::new());
    // Messages are chosen again when the language changes.
    Effect::new(move |_| {
        let lang = i18n.lang();
        let translated: Vec<Problem> = issues.with(|all| {
            all.iter()
                .map(|i| Problem {
                    field_id: i.field_id.to_string(),
                    message: field_error(lang, &i.field, &i.code)
                        .map_or_else(|| i.message.clone(), str::to_string),
                })
                .collect()
        });
        if !(translated.is_empty() && problems.is_empty()) {
            problems.set(translated);
        }
    });
    // One clock for both countdowns.
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    Effect::new(move |was_ready: Option<bool>| {
        let is_ready = ready.get();
        if is_ready {
            draft::forget_resend_times();
            if was_ready == Some(false) {
                // The page's main heading has just become the confirmation: take the person to it.
                request_animation_frame(crate::browser::focus_main_heading);
            }
        }
        is_ready
    });
    move || {
        if ready.get() {
            view! {
                <div class="panel">
                    <h1 tabindex="-1" class="panel__title">{move || i18n.t(RegisterKey::ReadyTitle)}</h1>
                    <p class="panel__body">{move || i18n.t(RegisterKey::ReadyBody)}</p>
                </div>
                <p><A href="/account" attr:class="button">{move || i18n.t(RegisterKey::GoToAccount)}</A></p>
            }
            .into_any()
        } else {
            view! {
                <ErrorSummary problems/>
                <h1 tabindex="-1">{move || i18n.t(RegisterKey::ConfirmTitle)}</h1>
                <p class="lead">{move || i18n.t(RegisterKey::ConfirmIntro)}</p>
                <ChannelSection channel=Channel::Sms problems issues now/>
                <ChannelSection channel=Channel::Email problems issues now/>
            }
            .into_any()
        }
    }
}

/// A one-off message in a channel's section, in words chosen at display time.
#[derive(Clone, PartialEq)]
enum Status {
    NewCodeSent(String),
    Confirmed,
    CorrectedWait,
}

#[component]
fn ChannelSection(
    channel: Channel,
    problems: Problems,
    issues: RwSignal<Vec<Issue>>,
    now: RwSignal<f64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let ids = ids(channel);
    let account = Memo::new(move |_| session.account());
    let confirmed =
        Memo::new(move |_| account.with(|a| a.as_ref().is_some_and(|a| is_confirmed(a, channel))));
    let shown = Memo::new(move |_| {
        account.with(|a| {
            a.as_ref()
                .map(|a| destination(a, channel))
                .unwrap_or_default()
        })
    });

    let code = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let resending = RwSignal::new(false);
    let correcting = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let new_value = RwSignal::new(String::new());
    let status = RwSignal::new(None::<Status>);
    let offline = RwSignal::new(None::<Key>);
    // Set after a correction whose code the server could not send yet (the once-a-minute limit).
    let send_when_allowed = RwSignal::new(false);
    let resend_at = RwSignal::new(draft::resend_at(channel).unwrap_or(0.0));
    let wait_seconds =
        Memo::new(move |_| ((resend_at.get() - now.get()) / 1000.0).ceil().max(0.0) as u64);

    let wait_until = move |seconds: u64| {
        let at = js_sys::Date::now() + seconds as f64 * 1000.0;
        resend_at.set(at);
        now.set(js_sys::Date::now());
        draft::remember_resend_at(channel, at);
    };
    let code_sent = move |sent: CodeSent| {
        wait_until(sent.resend_after_seconds);
        status.set(Some(Status::NewCodeSent(sent.destination)));
        code.set(String::new());
    };
    // Answers every action can get; `true` if handled.
    let common_failure = {
        let navigate = navigate.clone();
        move |e: &ApiError| -> bool {
            if session.handle_error(e, &navigate) {
                return true;
            }
            if e.fields().iter().any(|f| f.code == "already_confirmed") {
                session.refresh();
                return true;
            }
            if *e == ApiError::Network {
                offline.set(Some(Key::ErrorOffline));
                return true;
            }
            if e.code() != Some("invalid") && e.code() != Some("resend_too_soon") {
                offline.set(Some(Key::ErrorServer));
                return true;
            }
            false
        }
    };

    let resend = {
        let common_failure = common_failure.clone();
        move || {
            if resending.get_untracked() || wait_seconds.get_untracked() > 0 {
                return;
            }
            resending.set(true);
            offline.set(None);
            status.set(None);
            let common_failure = common_failure.clone();
            spawn_local(async move {
                match registration::send_code(channel).await {
                    Ok(sent) => code_sent(sent),
                    Err(e) if e.code() == Some("resend_too_soon") => {
                        wait_until(e.retry_after_seconds().unwrap_or(60))
                    }
                    Err(e) => {
                        common_failure(&e);
                    }
                }
                resending.set(false);
            });
        }
    };
    {
        let resend = resend.clone();
        Effect::new(move |_| {
            if send_when_allowed.get() && wait_seconds.get() == 0 {
                send_when_allowed.set(false);
                resend();
            }
        });
    }

    let on_confirm = {
        let common_failure = common_failure.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if confirming.get_untracked() {
                return;
            }
            offline.set(None);
            status.set(None);
            let digits = match parse_code(&code.get_untracked()) {
                Ok(digits) => digits,
                Err(problem) => {
                    issues.set(vec![Issue::new(ids.code, problem)]);
                    return;
                }
            };
            issues.set(Vec::new());
            confirming.set(true);
            let common_failure = common_failure.clone();
            spawn_local(async move {
                match registration::confirm_code(channel, digits).await {
                    Ok(info) => {
                        let other = match channel {
                            Channel::Sms => Channel::Email,
                            Channel::Email => Channel::Sms,
                        };
                        let other_open = !is_confirmed(&info.account, other);
                        session.set(info);
                        status.set(Some(Status::Confirmed));
                        if other_open {
                            focus_id(self::ids(other).code);
                        }
                    }
                    Err(e) if common_failure(&e) => {}
                    Err(e) => {
                        let found: Vec<Issue> = e
                            .fields()
                            .iter()
                            .map(|f| Issue {
                                field_id: ids.code,
                                field: f.field.clone(),
                                code: f.code.clone(),
                                message: f.message.clone(),
                            })
                            .collect();
                        issues.set(found);
                    }
                }
                confirming.set(false);
            });
        }
    };

    let on_correct = {
        let common_failure = common_failure.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if correcting.get_untracked() {
                return;
            }
            offline.set(None);
            status.set(None);
            let typed = new_value.get_untracked();
            let canonical = match channel {
                Channel::Sms => parse_phone(&typed).map(|p| p.to_string()),
                Channel::Email => parse_email(&typed).map(|e| e.to_string()),
            };
            let canonical = match canonical {
                Ok(value) => value,
                Err(problem) => {
                    issues.set(vec![Issue::new(ids.new_value, problem)]);
                    return;
                }
            };
            issues.set(Vec::new());
            correcting.set(true);
            let common_failure = common_failure.clone();
            spawn_local(async move {
                let saved = |value: String| {
                    if let Some(mut account) = session.account() {
                        match channel {
                            Channel::Sms => account.phone = value,
                            Channel::Email => account.email = value,
                        }
                        session.set_account(account);
                    }
                    editing.set(false);
                    focus_id(ids.code);
                };
                match registration::correct_contact(channel, typed).await {
                    Ok(sent) => {
                        saved(canonical);
                        code_sent(sent);
                    }
                    // Saved, but the last code went out less than a minute ago: send one when allowed.
                    Err(e) if e.code() == Some("resend_too_soon") => {
                        saved(canonical);
                        wait_until(e.retry_after_seconds().unwrap_or(60));
                        code.set(String::new());
                        status.set(Some(Status::CorrectedWait));
                        send_when_allowed.set(true);
                    }
                    Err(e) if common_failure(&e) => {}
                    Err(e) => {
                        let found: Vec<Issue> = e
                            .fields()
                            .iter()
                            .map(|f| Issue {
                                field_id: ids.new_value,
                                field: f.field.clone(),
                                code: f.code.clone(),
                                message: f.message.clone(),
                            })
                            .collect();
                        issues.set(found);
                    }
                }
                correcting.set(false);
            });
        }
    };

    let (section_key, code_label, change_key, new_label, input_type, autocomplete, inputmode) =
        match channel {
            Channel::Sms => (
                RegisterKey::PhoneSection,
                RegisterKey::PhoneCodeLabel,
                RegisterKey::ChangePhone,
                RegisterKey::CorrectPhoneLabel,
                "tel",
                "tel",
                "tel",
            ),
            Channel::Email => (
                RegisterKey::EmailSection,
                RegisterKey::EmailCodeLabel,
                RegisterKey::ChangeEmail,
                RegisterKey::CorrectEmailLabel,
                "email",
                "email",
                "email",
            ),
        };
    let confirmed_key = match channel {
        Channel::Sms => RegisterKey::PhoneConfirmed,
        Channel::Email => RegisterKey::EmailConfirmed,
    };
    let status_text = move || {
        status.get().map(|s| match s {
            Status::NewCodeSent(to) => i18n.t_n(RegisterKey::NewCodeSent, to),
            Status::Confirmed => i18n.t(confirmed_key).to_string(),
            Status::CorrectedWait => i18n.t(RegisterKey::CorrectedWait).to_string(),
        })
    };
    let countdown = move || {
        let seconds = wait_seconds.get();
        match seconds {
            0 => None,
            s if s > 90 => Some(i18n.t_n(RegisterKey::ResendInMinutes, s.div_ceil(60))),
            s => Some(i18n.t_n(RegisterKey::ResendIn, s)),
        }
    };
    let label = move |key: RegisterKey| Signal::derive(move || i18n.t(key).to_string());
    // A number reads wrongly broken over two lines; a long address must be allowed to break.
    let destination_class = match channel {
        Channel::Sms => "confirm-section__number",
        Channel::Email => "confirm-section__address",
    };

    view! {
        <section class="confirm-section" aria-labelledby=ids.heading>
            <h2 id=ids.heading class="confirm-section__title">
                {move || i18n.t(section_key)}
                {move || confirmed.get().then(|| view! {
                    " " <strong class="tag tag--done">{move || i18n.t(RegisterKey::Confirmed)}</strong>
                })}
            </h2>
            // Always in the page, so what is put in it is announced.
            <div role="status" aria-live="polite" class="confirm-section__status">
                {move || status_text().map(|text| view! { <p class="notice notice--success">{text}</p> })}
            </div>
            {move || offline.get().map(|key| view! {
                <div class="notice notice--error" role="alert"><p>{move || i18n.t(key)}</p></div>
            })}
            {move || if confirmed.get() {
                view! { <p class="confirm-section__destination">{move || shown.get()}</p> }.into_any()
            } else {
                let resend = resend.clone();
                let on_confirm = on_confirm.clone();
                let on_correct = on_correct.clone();
                view! {
                    <p>{move || {
                        // Codes go out at registration; someone who comes back later (from sign-in, or
                        // a new tab) may have none that still works.
                        let key = if resend_at.get() > 0.0 { RegisterKey::SentTo } else { RegisterKey::SendTo };
                        let text = i18n.t(key);
                        let (before, after) = text.split_once("{n}").unwrap_or((text, ""));
                        view! { {before} <strong class=destination_class>{shown.get()}</strong> {after} }
                    }}</p>
                    <form novalidate=true on:submit=on_confirm>
                        <TextField
                            id=ids.code
                            label=label(code_label)
                            hint=label(RegisterKey::CodeHint)
                            value=code
                            error=problems.for_field(ids.code)
                            autocomplete="one-time-code"
                            inputmode="numeric"
                            width="input--code"
                            spellcheck_off=true
                        />
                        <SubmitButton label=label(RegisterKey::Confirm) busy=confirming/>
                    </form>
                    <div class="resend">
                        <button
                            type="button"
                            class="button button--secondary"
                            aria-disabled=move || (wait_seconds.get() > 0 || resending.get()).then_some("true")
                            aria-busy=move || resending.get().then_some("true")
                            aria-describedby=ids.resend_hint
                            on:click=move |_| resend()
                        >
                            {move || if resending.get() { i18n.t(FormKey::Sending) } else { i18n.t(RegisterKey::SendNewCode) }}
                        </button>
                        <p id=ids.resend_hint class="hint resend__hint">
                            {move || countdown().unwrap_or_else(|| i18n.t(RegisterKey::NoCode).to_string())}
                        </p>
                    </div>
                    {move || if editing.get() {
                        let on_correct = on_correct.clone();
                        view! {
                            <form novalidate=true class="correct-contact" on:submit=on_correct>
                                <TextField
                                    id=ids.new_value
                                    label=label(new_label)
                                    value=new_value
                                    error=problems.for_field(ids.new_value)
                                    input_type=input_type
                                    autocomplete=autocomplete
                                    inputmode=inputmode
                                    spellcheck_off=true
                                />
                                <div class="button-group">
                                    <SubmitButton label=label(RegisterKey::SaveAndSend) busy=correcting/>
                                    <button type="button" class="link-button" on:click=move |_| {
                                        editing.set(false);
                                        issues.set(Vec::new());
                                    }>
                                        {move || i18n.t(RegisterKey::Cancel)}
                                    </button>
                                </div>
                            </form>
                        }.into_any()
                    } else {
                        view! {
                            <p>
                                <button type="button" class="link-button" on:click=move |_| {
                                    new_value.set(shown.get_untracked());
                                    editing.set(true);
                                    focus_id(ids.new_value);
                                }>
                                    {move || i18n.t(change_key)}
                                </button>
                            </p>
                        }.into_any()
                    }}
                }.into_any()
            }}
        </section>
    }
}
