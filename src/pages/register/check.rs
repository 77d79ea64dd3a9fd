//! `/register/check`: every answer with a Change link back to its step, then "Create account".

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::accounts::{field, parse_email};
use njia_domain::api::accounts::{AccountKind, Channel, SessionInfo};
use njia_domain::ids::PhoneNumber;

use super::steps::id_label;
use super::validate::{Issue, Step, first_incomplete};
use super::{BackLink, guard, issue_message, long_date, today, use_wizard};
use crate::api::{ApiError, registration};
use crate::components::form::SubmitButton;
use crate::components::password_meter::use_common_passwords;
use crate::i18n::forms::FormKey;
use crate::i18n::register::RegisterKey;
use crate::i18n::{I18n, Key, use_i18n};
use crate::registration_draft as draft;
use crate::session::use_session;
use crate::title::use_title;

fn kind_key(kind: Option<AccountKind>) -> Option<RegisterKey> {
    Some(match kind? {
        AccountKind::Citizen => RegisterKey::KindCitizenShort,
        AccountKind::Resident => RegisterKey::KindResidentShort,
        AccountKind::Foreigner => RegisterKey::KindForeignerShort,
    })
}

/// Why "Create account" did not work, beyond field problems.
#[derive(Clone, PartialEq)]
enum Failure {
    Offline,
    Server(Option<String>),
}

/// One row of the summary list.
#[derive(Clone)]
struct Row {
    step: Step,
    key: Signal<String>,
    value: Signal<String>,
    /// Fields whose server problems show in this row.
    fields: &'static [&'static str],
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let list = use_common_passwords();
    let navigate = use_navigate();
    let app_session = use_session();
    guard(Step::Check);
    let has_issues = Signal::derive(move || wizard.server_issues.with(|v| !v.is_empty()));
    use_title(move || {
        let prefix = if has_issues.get() {
            format!("{} ", i18n.t(FormKey::ErrorPrefix))
        } else {
            String::new()
        };
        format!(
            "{prefix}{} – {}",
            i18n.t(RegisterKey::CheckTitle),
            i18n.t(RegisterKey::Title)
        )
    });

    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let answers = wizard.answers();
            // The same rules once more, in case an answer changed on another step after it was checked.
            if let Some(step) =
                first_incomplete(Step::Check, &answers, today(), &list.get_untracked())
            {
                busy.set(false);
                navigate(step.path(), NavigateOptions::default());
                return;
            }
            let Some(request) = answers.request(today()) else {
                busy.set(false);
                return;
            };
            let outcome = registration::register(&request).await;
            let outcome = match outcome {
                Err(e) if is_already_registered(&e) => {
                    // An earlier press may have created the account even though its answer was lost on a
                    // bad connection: then this browser is already signed in to it.
                    match crate::api::auth::session().await {
                        Ok(session) if same_email(&session, &request.email) => Ok(session),
                        _ => Err(e),
                    }
                }
                other => other,
            };
            match outcome {
                Ok(session) => {
                    draft::clear();
                    let resend_at = js_sys::Date::now() + 60_000.0;
                    draft::remember_resend_at(Channel::Sms, resend_at);
                    draft::remember_resend_at(Channel::Email, resend_at);
                    app_session.set(session);
                    navigate("/register/confirm", NavigateOptions::default());
                }
                Err(e) => {
                    busy.set(false);
                    if e.code() == Some("invalid") && !e.fields().is_empty() {
                        wizard
                            .server_issues
                            .set(e.fields().iter().map(Issue::from).collect());
                        request_animation_frame(|| focus_by_id("error-summary"));
                    } else if e == ApiError::Network {
                        failure.set(Some(Failure::Offline));
                    } else {
                        failure.set(Some(Failure::Server(e.request_id().map(str::to_owned))));
                    }
                }
            }
        });
    };

    let rows = rows(i18n);
    view! {
        <BackLink step=Step::Check/>
        <ServerIssues/>
        <h1 tabindex="-1">{move || i18n.t(RegisterKey::CheckTitle)}</h1>
        <dl class="summary-list">
            {rows.into_iter().map(|row| view! { <SummaryRow row/> }).collect_view()}
        </dl>
        <p>{move || i18n.t(RegisterKey::CheckDeclaration)}</p>
        {move || failure.get().map(|f| {
            let (message, reference) = match f {
                Failure::Offline => (RegisterKey::SubmitOffline, None),
                Failure::Server(reference) => (RegisterKey::SubmitServer, reference),
            };
            view! {
                <div class="notice notice--error" role="alert">
                    <p>{move || i18n.t(message)}</p>
                    {reference.map(|id| view! {
                        <p class="notice__reference">{move || i18n.t(Key::ErrorReference)} " " <code>{id.clone()}</code></p>
                    })}
                </div>
            }
        })}
        <form novalidate=true on:submit=on_submit>
            <SubmitButton
                label=Signal::derive(move || {
                    if failure.with(Option::is_some) { i18n.t(Key::TryAgain) } else { i18n.t(RegisterKey::CreateAccount) }.to_string()
                })
                busy
            />
        </form>
    }
}

fn is_already_registered(e: &ApiError) -> bool {
    e.fields().iter().any(|f| f.code == "already_registered")
}

fn same_email(session: &SessionInfo, typed: &str) -> bool {
    parse_email(typed).is_ok_and(|email| {
        email
            .to_string()
            .eq_ignore_ascii_case(&session.account.email)
    })
}

fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

fn rows(i18n: I18n) -> Vec<Row> {
    let wizard = use_wizard();
    let label = move |key: RegisterKey| Signal::derive(move || i18n.t(key).to_string());
    vec![
        Row {
            step: Step::Kind,
            key: label(RegisterKey::RowKind),
            value: Signal::derive(move || {
                kind_key(AccountKind::parse(&wizard.kind.get()))
                    .map_or(String::new(), |k| i18n.t(k).to_string())
            }),
            fields: &[field::KIND],
        },
        Row {
            step: Step::Id,
            key: Signal::derive(move || {
                i18n.t(id_label(AccountKind::parse(&wizard.kind.get())))
                    .to_string()
            }),
            value: Signal::derive(move || wizard.id_number.get().trim().to_string()),
            fields: &[field::ID_NUMBER],
        },
        Row {
            step: Step::Name,
            key: label(RegisterKey::RowName),
            value: Signal::derive(move || {
                [
                    wizard.first_name.get(),
                    wizard.other_names.get(),
                    wizard.surname.get(),
                ]
                .iter()
                .flat_map(|n| n.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
                .collect::<Vec<_>>()
                .join(" ")
            }),
            fields: &[field::FIRST_NAME, field::OTHER_NAMES, field::SURNAME],
        },
        Row {
            step: Step::DateOfBirth,
            key: label(RegisterKey::RowDob),
            value: Signal::derive(move || {
                long_date(
                    i18n.lang(),
                    &wizard.dob_day.get(),
                    &wizard.dob_month.get(),
                    &wizard.dob_year.get(),
                )
            }),
            fields: &[field::DATE_OF_BIRTH],
        },
        Row {
            step: Step::Contact,
            key: label(RegisterKey::Email),
            value: Signal::derive(move || wizard.email.get().trim().to_string()),
            fields: &[field::EMAIL],
        },
        Row {
            step: Step::Contact,
            key: label(RegisterKey::Phone),
            value: Signal::derive(move || {
                let typed = wizard.phone.get();
                PhoneNumber::parse(&typed)
                    .map_or_else(|_| typed.trim().to_string(), |p| p.national())
            }),
            fields: &[field::PHONE],
        },
        Row {
            step: Step::Password,
            key: label(RegisterKey::RowPassword),
            value: label(RegisterKey::PasswordHidden),
            fields: &[field::PASSWORD, field::PASSWORD_CONFIRMATION],
        },
    ]
}

#[component]
fn SummaryRow(row: Row) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let Row {
        step,
        key,
        value,
        fields,
    } = row;
    let errors = move || {
        let lang = i18n.lang();
        let kind = wizard.kind_untracked();
        wizard.server_issues.with(|all| {
            all.iter()
                .filter(|i| fields.contains(&i.field.as_str()))
                .map(|i| issue_message(lang, kind, i))
                .collect::<Vec<_>>()
        })
    };
    let href = format!("{}?return=check", step.path());
    view! {
        <div class="summary-list__row" class:summary-list__row--error=move || !errors().is_empty()>
            <dt class="summary-list__key">{move || key.get()}</dt>
            <dd class="summary-list__value">
                {move || errors().into_iter().map(|message| view! {
                    <p class="field-error">
                        <span class="visually-hidden">{i18n.t(FormKey::ErrorPrefix)} " "</span>
                        {message}
                    </p>
                }).collect_view()}
                {move || value.get()}
            </dd>
            <dd class="summary-list__actions">
                <A href=href>
                    {move || i18n.t(FormKey::Change)}
                    <span class="visually-hidden">" " {move || key.get().to_lowercase()}</span>
                </A>
            </dd>
        </div>
    }
}

/// The server's problems at the top of the page, each linking to the step that can fix it (the shared
/// summary links to an input on the same page, and these inputs are on other pages), and for an account
/// that already exists, the ways back into it.
#[component]
fn ServerIssues() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    move || {
        let issues = wizard.server_issues.get();
        if issues.is_empty() {
            return None;
        }
        let lang = i18n.lang();
        let kind = wizard.kind_untracked();
        let already = issues.iter().any(|i| i.code == "already_registered");
        let items = issues
            .iter()
            .map(|issue| {
                let href = Step::owning(&issue.field).map_or_else(
                    || Step::Check.path().to_string(),
                    |s| format!("{}?return=check", s.path()),
                );
                let message = issue_message(lang, kind, issue);
                view! { <li><A href=href>{message}</A></li> }
            })
            .collect_view();
        Some(view! {
            <div id="error-summary" class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
                <h2 id="error-summary-title" class="error-summary__title">{i18n.t(FormKey::ErrorSummaryTitle)}</h2>
                <ul class="error-summary__list">{items}</ul>
                {already.then(|| view! {
                    <p class="error-summary__more">{i18n.t(RegisterKey::AlreadyIntro)}</p>
                    <ul class="error-summary__more-links">
                        <li><A href="/sign-in">{i18n.t(RegisterKey::SignIn)}</A></li>
                        <li><A href="/forgot-password">{i18n.t(RegisterKey::ResetPassword)}</A></li>
                    </ul>
                })}
            </div>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(long_date(Lang::En, "07", "3", "1990"), "7 March 1990");
        assert_eq!(long_date(Lang::Sw, "27", "12", "1990"), "27 Desemba 1990");
        assert_eq!(long_date(Lang::En, "1", "13", "1990"), "1 13 1990");
    }
}
