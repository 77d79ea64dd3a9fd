//! `/check-licence` (no sign-in): an employer types the share code a driver gave them and the last 8
//! characters of the licence number, and sees the licence's status, classes, expiry and points — nothing
//! else. The code is checked with the domain's `parse_share_code` before sending; a refused code (unknown,
//! used, expired, or the wrong licence number: the server does not say which) is an error on the code.

use leptos::prelude::*;
use leptos::task::spawn_local;
use njia_domain::api::licence_check::{LICENCE_TAIL_LEN, LicenceCheckResult, parse_share_code};
use njia_domain::date::Date;
use njia_domain::licences::{LicenceClass, LicenceStatus};

use crate::api;
use crate::components::form::{ErrorSummary, SubmitButton, TextField};
use crate::i18n::account::date;
use crate::i18n::auth::{duration, tr};
use crate::i18n::ntsa::status_key;
use crate::i18n::record::RecordKey;
use crate::i18n::{Lang, text, use_i18n};
use crate::pages::sign_in::{FormFailure, FormState, problem};
use crate::title::use_title;

const CODE: &str = "share_code";
const LAST8: &str = "licence_last8";

/// The problems of the form before sending, in the order of the form.
fn problems(lang: Lang, code: &str, last8: &str) -> Vec<crate::components::form::Problem> {
    let mut problems = Vec::new();
    if code.trim().is_empty() {
        problems.push(problem(CODE, text(lang, RecordKey::CodeEmpty)));
    } else if parse_share_code(code).is_none() {
        problems.push(problem(CODE, text(lang, RecordKey::CodeMalformed)));
    }
    let typed = last8
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t'))
        .count();
    if typed == 0 {
        problems.push(problem(LAST8, text(lang, RecordKey::Last8Empty)));
    } else if typed != LICENCE_TAIL_LEN {
        problems.push(problem(LAST8, text(lang, RecordKey::Last8Length)));
    }
    problems
}

#[component]
pub fn CheckLicencePage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(RecordKey::CheckTitle).to_string());
    let code = RwSignal::new(String::new());
    let last8 = RwSignal::new(String::new());
    let result = RwSignal::new(None::<LicenceCheckResult>);
    let form = FormState::new();

    let submit = move || {
        let lang = i18n.lang();
        if !form.start_if_valid(problems(
            lang,
            &code.get_untracked(),
            &last8.get_untracked(),
        )) {
            return;
        }
        spawn_local(async move {
            match api::licence_check::check(code.get_untracked(), last8.get_untracked()).await {
                Ok(checked) => {
                    form.succeed();
                    result.set(Some(checked));
                    request_animation_frame(crate::browser::focus_main_heading);
                }
                Err(error) if error.code() == Some("share_code_not_valid") => {
                    form.done();
                    form.problems
                        .set(vec![problem(CODE, text(lang, RecordKey::NotValid))]);
                }
                Err(error) if error.code() == Some("too_many_checks") => {
                    form.done();
                    let wait = duration(lang, error.retry_after_seconds().unwrap_or(600));
                    form.problems.set(vec![problem(
                        CODE,
                        text(lang, RecordKey::TooManyChecks).replace("{n}", &wait),
                    )]);
                }
                Err(error) => form.fail(lang, error, &[CODE, LAST8]),
            }
        });
    };
    let retry = Callback::new(move |()| submit());
    let again = move |_| {
        result.set(None);
        code.set(String::new());
        last8.set(String::new());
        form.succeed();
        request_animation_frame(crate::browser::focus_main_heading);
    };

    move || {
        match result.get() {
        Some(checked) => view! { <CheckResult checked/> <p><button type="button" class="button button--secondary" on:click=again>{move || i18n.t(RecordKey::CheckAnother)}</button></p> }.into_any(),
        None => {
            view! {
                <ErrorSummary problems=form.problems/>
                <h1 tabindex="-1">{move || i18n.t(RecordKey::CheckTitle)}</h1>
                <p>{move || i18n.t(RecordKey::CheckIntro)}</p>
                <FormFailure form on_retry=retry/>
                <form class="form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }>
                    <TextField
                        id=CODE
                        label=tr(RecordKey::CodeLabel)
                        hint=tr(RecordKey::CodeHint)
                        value=code
                        error=form.problems.for_field(CODE)
                        autocomplete="off"
                        width="input--share"
                        spellcheck_off=true
                    />
                    <TextField
                        id=LAST8
                        label=tr(RecordKey::Last8Label)
                        hint=tr(RecordKey::Last8Hint)
                        value=last8
                        error=form.problems.for_field(LAST8)
                        autocomplete="off"
                        width="input--share"
                        spellcheck_off=true
                    />
                    <SubmitButton label=tr(RecordKey::CheckButton) busy=form.busy/>
                </form>
            }
            .into_any()
        }
    }
    }
}

/// A `YYYY-MM-DD` date as people read it.
fn day(lang: Lang, iso: &str) -> String {
    Date::parse_iso(iso).map_or_else(
        |_| iso.to_string(),
        |d| date(lang, d.year(), d.month(), d.day()),
    )
}

/// The answer: status, classes, expiry and points, and nothing else.
#[component]
fn CheckResult(checked: LicenceCheckResult) -> impl IntoView {
    let i18n = use_i18n();
    let LicenceCheckResult {
        status,
        points_left,
        points_total,
        expires_on,
        classes,
    } = checked;
    let tag = match status {
        LicenceStatus::Valid => "tag pay-tag--paid",
        LicenceStatus::Expired | LicenceStatus::Suspended => "tag pay-tag--failed",
    };
    let classes: Vec<String> = classes;
    view! {
        <div class="panel panel--confirmation">
            <h1 tabindex="-1" class="panel__title">{move || i18n.t(RecordKey::ResultTitle)}</h1>
        </div>
        <dl class="summary-list licence-check">
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t(RecordKey::Status)}</dt>
                <dd class="summary-list__value"><strong class=tag>{move || i18n.t(status_key(status))}</strong></dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t(RecordKey::Classes)}</dt>
                <dd class="summary-list__value">
                    <ul class="plain-list">
                        {classes.into_iter().map(|code| {
                            let name = LicenceClass::parse(&code);
                            view! {
                                <li>
                                    <strong>{code.clone()}</strong>
                                    {name.map(|class| view! { " " {move || class.name_in(i18n.lang())} })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t(RecordKey::Expires)}</dt>
                <dd class="summary-list__value">{move || day(i18n.lang(), &expires_on)}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">{move || i18n.t(RecordKey::Points)}</dt>
                <dd class="summary-list__value">
                    {move || i18n.t(RecordKey::PointsLeft)
                        .replace("{left}", &points_left.to_string())
                        .replace("{total}", &points_total.to_string())}
                </dd>
            </div>
        </dl>
        <p>{move || i18n.t(RecordKey::ResultNote)}</p>
    }
}
