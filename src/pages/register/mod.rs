//! `/register` and its steps: a start page, then one question (or a small group) per page, each with its own
//! address, then "check your answers" and "Create account" (GOV.UK's question-page pattern).
//!
//! The answers live in [`Wizard`], provided by [`RegisterFlow`] around all the steps, and are copied into
//! `sessionStorage` as the person types (never the password), so a reload keeps them.

mod check;
mod steps;
mod validate;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_navigate, use_query_map};
use njia_domain::accounts::field;
use njia_domain::api::accounts::AccountKind;
use njia_domain::date::Date;

pub use check::CheckPage;
pub use steps::{
    ContactStep, DateOfBirthStep, IdStep, KindStep, NameStep, PasswordStep, PrivacyStep,
};
pub use validate::Step;
use validate::{Answers, Issue, KIND_MISSING, check_step, first_incomplete};

use crate::components::form::{ErrorSummary, Problem, Problems, SubmitButton};
use crate::components::password_meter::use_common_passwords;
use crate::i18n::field_errors::field_error;
use crate::i18n::forms::FormKey;
use crate::i18n::register::RegisterKey;
use crate::i18n::{Lang, use_i18n};
use crate::registration_draft::{self as draft, Draft};
use crate::title::use_title;

/// Today's date in UTC, as the server reckons it for the age rule.
pub fn today() -> Date {
    Date::from_unix_ms(js_sys::Date::now() as i64)
}

/// "27 March 1990" in the page's language.
pub fn long_date(lang: Lang, day: &str, month: &str, year: &str) -> String {
    let months = crate::i18n::text(lang, RegisterKey::Months);
    let name = month
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|m| months.split(' ').nth(m.wrapping_sub(1)));
    match name {
        Some(name) => format!(
            "{} {name} {}",
            day.trim().trim_start_matches('0'),
            year.trim()
        ),
        None => format!("{day} {month} {year}"),
    }
}

/// The wizard's answers, one signal per input, shared by every step through context.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub kind: RwSignal<String>,
    pub id_number: RwSignal<String>,
    pub first_name: RwSignal<String>,
    pub other_names: RwSignal<String>,
    pub surname: RwSignal<String>,
    pub dob_day: RwSignal<String>,
    pub dob_month: RwSignal<String>,
    pub dob_year: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub privacy_accepted: RwSignal<bool>,
    /// Kept only in memory: a reload asks for it again.
    pub password: RwSignal<String>,
    pub password_confirmation: RwSignal<String>,
    /// What the server refused at "Create account", until the step that owns each field passes again.
    pub server_issues: RwSignal<Vec<Issue>>,
}

impl Wizard {
    fn restore(d: Draft) -> Wizard {
        Wizard {
            kind: RwSignal::new(d.kind),
            id_number: RwSignal::new(d.id_number),
            first_name: RwSignal::new(d.first_name),
            other_names: RwSignal::new(d.other_names),
            surname: RwSignal::new(d.surname),
            dob_day: RwSignal::new(d.dob_day),
            dob_month: RwSignal::new(d.dob_month),
            dob_year: RwSignal::new(d.dob_year),
            email: RwSignal::new(d.email),
            phone: RwSignal::new(d.phone),
            privacy_accepted: RwSignal::new(d.privacy_accepted),
            password: RwSignal::new(String::new()),
            password_confirmation: RwSignal::new(String::new()),
            server_issues: RwSignal::new(Vec::new()),
        }
    }

    /// The storable answers; reactive, so an effect can save them on every change.
    pub fn draft(&self) -> Draft {
        Draft {
            kind: self.kind.get(),
            id_number: self.id_number.get(),
            first_name: self.first_name.get(),
            other_names: self.other_names.get(),
            surname: self.surname.get(),
            dob_day: self.dob_day.get(),
            dob_month: self.dob_month.get(),
            dob_year: self.dob_year.get(),
            email: self.email.get(),
            phone: self.phone.get(),
            privacy_accepted: self.privacy_accepted.get(),
        }
    }

    /// Every answer, read without subscribing.
    pub fn answers(&self) -> Answers {
        untrack(|| Answers {
            draft: self.draft(),
            password: self.password.get(),
            password_confirmation: self.password_confirmation.get(),
        })
    }

    pub fn kind_untracked(&self) -> Option<AccountKind> {
        AccountKind::parse(&self.kind.get_untracked())
    }

    /// The server's problems with `step`'s fields.
    fn server_issues_for(&self, step: Step) -> Vec<Issue> {
        self.server_issues.with_untracked(|all| {
            all.iter()
                .filter(|i| step.fields().contains(&i.field.as_str()))
                .cloned()
                .collect()
        })
    }

    fn clear_server_issues(&self, step: Step) {
        self.server_issues
            .update(|all| all.retain(|i| !step.fields().contains(&i.field.as_str())));
    }
}

pub fn use_wizard() -> Wizard {
    expect_context::<Wizard>()
}

/// The message for an issue in `lang`: the registration's own wording for the SPA's own rules, else the
/// shared table of field errors (with the ID wording of the chosen document), else the rule's English text.
pub fn issue_message(lang: Lang, kind: Option<AccountKind>, issue: &Issue) -> String {
    if issue.field == field::KIND && issue.code == KIND_MISSING {
        return crate::i18n::text(lang, RegisterKey::KindMissing).to_string();
    }
    let lookup = match (issue.field.as_str(), kind) {
        (field::ID_NUMBER, Some(AccountKind::Citizen)) if issue.code != "already_registered" => {
            "national_id"
        }
        (field::ID_NUMBER, Some(AccountKind::Resident)) if issue.code != "already_registered" => {
            "alien_id"
        }
        (field::ID_NUMBER, Some(AccountKind::Foreigner)) if issue.code != "already_registered" => {
            "passport_number"
        }
        (other, _) => other,
    };
    field_error(lang, lookup, &issue.code)
        .map(str::to_string)
        .unwrap_or_else(|| issue.message.clone())
}

/// The parent of every `/register/…` step: keeps the answers, and saves them (password excepted) to
/// `sessionStorage` on every change.
#[component]
pub fn RegisterFlow() -> impl IntoView {
    let wizard = Wizard::restore(draft::load());
    provide_context(wizard);
    Effect::new(move |_| draft::save(&wizard.draft()));
    view! { <Outlet/> }
}

/// `/register`: what the person will need, and the way in.
#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(RegisterKey::Title).to_string());
    view! {
        <h1 tabindex="-1">{move || i18n.t(RegisterKey::Title)}</h1>
        <p class="lead">{move || i18n.t(RegisterKey::StartIntro)}</p>
        <p>{move || i18n.t(RegisterKey::StartNeed)}</p>
        <ul class="bullet-list">
            <li>{move || i18n.t(RegisterKey::StartNeedId)}</li>
            <li>{move || i18n.t(RegisterKey::StartNeedEmail)}</li>
            <li>{move || i18n.t(RegisterKey::StartNeedPhone)}</li>
        </ul>
        <p>{move || i18n.t(RegisterKey::StartAge)}</p>
        <p><A href=Step::Kind.path() attr:class="button button--start">
            {move || i18n.t(RegisterKey::StartNow)}
        </A></p>
        <h2>{move || i18n.t(RegisterKey::HaveAccount)}</h2>
        <p><A href="/sign-in">{move || i18n.t(RegisterKey::SignIn)}</A></p>
    }
}

/// Whether the step was opened from "check your answers" (its Change link), so Continue goes back there.
fn use_returning() -> Signal<bool> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get("return").as_deref() == Some("check")))
}

/// The link back one step (or to the check page when changing an answer).
#[component]
fn BackLink(step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let returning = use_returning();
    let href = move || {
        if returning.get() {
            Step::Check.path().to_string()
        } else {
            step.previous().map_or("/register", Step::path).to_string()
        }
    };
    view! {
        <p class="back-link"><A href=href>{move || i18n.t(FormKey::Back)}</A></p>
    }
}

/// Sends someone who opened a step before answering the ones it depends on (a bookmark, or a reload that
/// lost the password) to the first step that still needs an answer.
fn guard(step: Step) {
    let wizard = use_wizard();
    let list = use_common_passwords();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let answers = wizard.answers();
        let list = list.get_untracked();
        if let Some(first) = first_incomplete(step, &answers, today(), &list) {
            navigate(
                first.path(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
}

/// Keeps `problems` (what the summary and inputs show) in step with `issues` and the language.
fn translate_into(problems: Problems, issues: RwSignal<Vec<Issue>>) {
    let i18n = use_i18n();
    let wizard = use_wizard();
    Effect::new(move |_| {
        let lang = i18n.lang();
        let kind = wizard.kind_untracked();
        let translated: Vec<Problem> = issues.with(|all| {
            all.iter()
                .map(|issue| Problem {
                    // The inputs carry the API's field names as their ids.
                    field_id: issue.field.clone(),
                    message: issue_message(lang, kind, issue),
                })
                .collect()
        });
        // Setting an empty list again would be harmless, but skipping it keeps focus where it is.
        if !(translated.is_empty() && problems.is_empty()) {
            problems.set(translated);
        }
    });
}

/// The frame of one question page: back link, error summary, step caption, heading, the inputs, and
/// Continue, which runs the step's rules and either shows what to fix or moves on.
#[component]
fn StepFrame(
    step: Step,
    problems: Problems,
    #[prop(into)] title: Signal<String>,
    #[prop(optional, into)] lead: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let list = use_common_passwords();
    let navigate = use_navigate();
    let returning = use_returning();
    guard(step);
    let issues = RwSignal::new(wizard.server_issues_for(step));
    translate_into(problems, issues);
    use_title(move || {
        let prefix = if problems.is_empty() {
            ""
        } else {
            i18n.t(FormKey::ErrorPrefix)
        };
        format!("{prefix} {} – {}", title.get(), i18n.t(RegisterKey::Title))
            .trim_start()
            .to_string()
    });
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            if step == Step::Password {
                // The full common-password list may still be on its way: a moment's wait gives the
                // person the answer the server would give, on this page.
                list.settled().await;
            }
            let found = check_step(step, &wizard.answers(), today(), &list.get_untracked());
            busy.set(false);
            if found.is_empty() {
                wizard.clear_server_issues(step);
                issues.set(Vec::new());
                let next = if returning.get_untracked() {
                    Step::Check
                } else {
                    step.next()
                };
                navigate(next.path(), NavigateOptions::default());
            } else {
                issues.set(found);
            }
        });
    };
    let step_of = move || {
        i18n.t(RegisterKey::StepOf)
            .replace("{n}", &step.number().to_string())
            .replace("{total}", &Step::QUESTIONS.to_string())
    };
    view! {
        <BackLink step/>
        <ErrorSummary problems/>
        <p class="caption">{step_of}</p>
        <h1 tabindex="-1">{move || title.get()}</h1>
        {lead.map(|lead| view! { <p class="lead">{move || lead.get()}</p> })}
        <form novalidate=true on:submit=on_submit>
            {children()}
            <SubmitButton label=Signal::derive(move || i18n.t(FormKey::Continue).to_string()) busy/>
        </form>
    }
}
