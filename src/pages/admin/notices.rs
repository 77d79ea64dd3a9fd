//! `/admin/notices`: the notices of the last 30 days with "Withdraw", and the form that publishes one — for
//! the whole portal or one agency, in both languages, from and until a Kenyan date and time — or a
//! maintenance window, which refuses the agency's submissions and payments while it is open.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use njia_domain::accounts::FieldProblem;
use njia_domain::api::notices::{MAX_MESSAGE_CHARS, NewNotice, Notice, format_utc, parse_utc};
use njia_domain::api::test_bookings::{EAT_OFFSET_MS, kenya_date_time, kenya_day_start_ms};
use njia_domain::date::Date;

use super::is_administrator;
use crate::api::{self, ApiError};
use crate::catalog::use_catalog;
use crate::components::form::{
    ErrorSummary, FieldError, Problem, Problems, SubmitButton, described_by,
};
use crate::components::service_notices::when_text;
use crate::components::status::{LoadError, Loading};
use crate::i18n::notices::NoticesKey;
use crate::i18n::{I18n, Key, use_i18n};
use crate::pages::sign_in::focus_id;
use crate::session::{SignedInOnly, use_session};
use crate::title::use_title;

const AGENCY: &str = "agency_id";
const MESSAGE_EN: &str = "message_en";
const MESSAGE_SW: &str = "message_sw";
const STARTS: &str = "starts_at";
const ENDS: &str = "ends_at";
const MAINTENANCE: &str = "maintenance";

#[component]
pub fn AdminNoticesPage() -> impl IntoView {
    view! { <SignedInOnly><AdministratorsOnly/></SignedInOnly> }
}

#[component]
fn AdministratorsOnly() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let allowed = Memo::new(move |_| session.account().is_some_and(|a| is_administrator(&a)));
    move || {
        if allowed.get() {
            view! { <NoticesAdmin/> }.into_any()
        } else {
            use_title(move || i18n.t(NoticesKey::AdminOnlyTitle).to_string());
            view! {
                <h1 tabindex="-1">{move || i18n.t(NoticesKey::AdminOnlyTitle)}</h1>
                <p>{move || i18n.t(NoticesKey::AdminOnlyBody)}</p>
                <p><A href="/">{move || i18n.t(Key::GoHome)}</A></p>
            }
            .into_any()
        }
    }
}

/// `(YYYY-MM-DD, HH:MM)` in Kenya of milliseconds since the Unix epoch, as the date and time inputs take them.
fn kenya_inputs(ms: i64) -> (String, String) {
    let (date, time) = kenya_date_time(ms);
    (
        format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
        time,
    )
}

/// The RFC 3339 UTC time of a Kenyan date and time as typed; empty when either is not real, which the
/// domain's rules then report.
fn utc_of(date: &str, time: &str) -> String {
    let Ok(date) = Date::parse_iso(date.trim()) else {
        return String::new();
    };
    let time = time.trim();
    let minutes = time.split_once(':').and_then(|(h, m)| {
        let (h, m) = (h.parse::<i64>().ok()?, m.get(..2)?.parse::<i64>().ok()?);
        (h < 24 && m < 60).then_some(h * 60 + m)
    });
    match minutes {
        Some(minutes) => format_utc(kenya_day_start_ms(date) + minutes * 60_000),
        None => String::new(),
    }
}

/// The input a field's problem links to, and what it says in the page's language.
fn problem_of(i18n: I18n, field: &str, code: &str, fallback: &str) -> Problem {
    let (field_id, key) = match (field, code) {
        ("agency_id", "unknown_agency") => (AGENCY, Some(NoticesKey::UnknownAgency)),
        ("agency_id", _) => (AGENCY, Some(NoticesKey::AgencyRequired)),
        ("message_en", "too_long") => (MESSAGE_EN, Some(NoticesKey::MessageTooLong)),
        ("message_en", _) => (MESSAGE_EN, Some(NoticesKey::MessageEnRequired)),
        ("message_sw", "too_long") => (MESSAGE_SW, Some(NoticesKey::MessageTooLong)),
        ("message_sw", _) => (MESSAGE_SW, Some(NoticesKey::MessageSwRequired)),
        ("starts_at", _) => (STARTS, Some(NoticesKey::StartInvalid)),
        ("ends_at", "ends_before_start") => (ENDS, Some(NoticesKey::EndBeforeStart)),
        ("ends_at", "ends_in_past") => (ENDS, Some(NoticesKey::EndInPast)),
        ("ends_at", _) => (ENDS, Some(NoticesKey::EndInvalid)),
        _ => (MESSAGE_EN, None),
    };
    Problem {
        field_id: field_id.into(),
        message: key.map_or_else(|| fallback.to_string(), |k| i18n.t(k).to_string()),
    }
}

fn problems_of(i18n: I18n, found: Vec<FieldProblem>) -> Vec<Problem> {
    found
        .into_iter()
        .map(|p| problem_of(i18n, p.field, p.code, &p.message))
        .collect()
}

#[component]
fn NoticesAdmin() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(NoticesKey::AdminTitle).to_string());
    let list = LocalResource::new(api::notices::all);
    let done = RwSignal::new(None::<NoticesKey>);
    view! {
        <h1 tabindex="-1">{move || i18n.t(NoticesKey::AdminTitle)}</h1>
        <p>{move || i18n.t(NoticesKey::AdminIntro)}</p>
        <div role="status">
            {move || done.get().map(|key| view! { <p class="notice notice--success">{move || i18n.t(key)}</p> })}
        </div>
        <h2>{move || i18n.t(NoticesKey::ListTitle)}</h2>
        {move || match list.get() {
            None => view! { <Loading label=NoticesKey::Loading/> }.into_any(),
            Some(Err(error)) => view! { <LoadError error on_retry=move |()| list.refetch()/> }.into_any(),
            Some(Ok(found)) if found.items.is_empty() => view! { <p>{move || i18n.t(NoticesKey::NoNotices)}</p> }.into_any(),
            Some(Ok(found)) => view! {
                <ul class="notice-list">
                    {found.items.into_iter().map(|notice| view! { <NoticeRow notice list done/> }).collect_view()}
                </ul>
            }
            .into_any(),
        }}
        <PublishForm list done/>
    }
}

#[component]
fn NoticeRow(
    notice: Notice,
    list: LocalResource<Result<njia_domain::api::notices::NoticeList, ApiError>>,
    done: RwSignal<Option<NoticesKey>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let scope = {
        let agency = notice.agency_id.clone();
        move || match &agency {
            None => i18n.t(NoticesKey::WholePortal).to_string(),
            Some(id) => catalog
                .get()
                .and_then(Result::ok)
                .and_then(|c| c.agency(id).map(|a| a.short_name.clone()))
                .unwrap_or_else(|| id.clone()),
        }
    };
    let kind = if notice.maintenance {
        NoticesKey::KindMaintenance
    } else {
        NoticesKey::KindNotice
    };
    let withdrawn = notice.withdrawn_at.is_some();
    let ended = parse_utc(&notice.ends_at).is_some_and(|end| (end as f64) <= js_sys::Date::now());
    let message = notice.message.clone();
    let label_message = notice.message.clone();
    let when = {
        let notice = notice.clone();
        move || when_text(i18n, &notice, js_sys::Date::now())
    };
    let id = notice.id.clone();
    let withdraw = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let id = id.clone();
        spawn_local(async move {
            match api::notices::withdraw(&id).await {
                Ok(_) => {
                    done.set(Some(NoticesKey::WithdrawnDone));
                    list.refetch();
                }
                Err(error) => failed.set(Some(error)),
            }
            busy.set(false);
        });
    };
    view! {
        <li class="notice-list__item">
            <p class="notice-list__message">{move || message.get(i18n.lang()).to_string()}</p>
            <dl class="notice-list__facts">
                <dt>{move || i18n.t(NoticesKey::Scope)}</dt><dd>{scope}</dd>
                <dt>{move || i18n.t(NoticesKey::Kind)}</dt><dd>{move || i18n.t(kind)}</dd>
                <dt>{move || i18n.t(NoticesKey::When)}</dt><dd>{when}</dd>
            </dl>
            {withdrawn.then(|| view! { <p><strong class="tag">{move || i18n.t(NoticesKey::Withdrawn)}</strong></p> })}
            {(!withdrawn && !ended).then(|| view! {
                <button
                    type="button"
                    class="button button--secondary"
                    aria-label=move || i18n.t(NoticesKey::WithdrawLabel).replace("{message}", label_message.get(i18n.lang()))
                    aria-disabled=move || busy.get().then_some("true")
                    on:click=withdraw
                >
                    {move || i18n.t(NoticesKey::Withdraw)}
                </button>
            })}
            {move || failed.get().map(|error| view! { <LoadError error on_retry=move |()| failed.set(None)/> })}
        </li>
    }
}

/// A date and a time input side by side in a fieldset, in Kenya time.
#[component]
fn WhenField(
    id: &'static str,
    legend: NoticesKey,
    date: RwSignal<String>,
    time: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let time_id = format!("{id}-time");
    let described = described_by(Some(hint_id.clone()), error_id.clone(), error);
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" role="group" aria-describedby=described>
                <legend class="fieldset__legend">{move || i18n.t(legend)}</legend>
                <p id=hint_id class="hint">{move || i18n.t(NoticesKey::TimeHint)}</p>
                <FieldError id=error_id error/>
                <div class="date-input">
                    <div class="date-input__item">
                        <label class="label date-input__label" for=id>{move || i18n.t(NoticesKey::DateLabel)}</label>
                        <input id=id class="input" type="date"
                            prop:value=move || date.get()
                            on:input=move |ev| date.set(event_target_value(&ev))/>
                    </div>
                    <div class="date-input__item">
                        <label class="label date-input__label" for=time_id.clone()>{move || i18n.t(NoticesKey::TimeLabel)}</label>
                        <input id=time_id class="input" type="time"
                            prop:value=move || time.get()
                            on:input=move |ev| time.set(event_target_value(&ev))/>
                    </div>
                </div>
            </fieldset>
        </div>
    }
}

#[component]
fn MessageField(
    id: &'static str,
    label: NoticesKey,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = described_by(Some(hint_id.clone()), error_id.clone(), error);
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id>{move || i18n.t(label)}</label>
            <p id=hint_id class="hint">{move || i18n.t(NoticesKey::MessageHint)}</p>
            <FieldError id=error_id error/>
            <textarea id=id name=id class="textarea" rows="3" maxlength=MAX_MESSAGE_CHARS.to_string()
                lang=if id == MESSAGE_SW { "sw" } else { "en" }
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </div>
    }
}

#[component]
fn PublishForm(
    list: LocalResource<Result<njia_domain::api::notices::NoticeList, ApiError>>,
    done: RwSignal<Option<NoticesKey>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog();
    let problems = Problems::default();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    // Starts now (to the minute), ends 2 hours later: the usual shape of a window.
    let now = js_sys::Date::now() as i64;
    let now = now - (now + EAT_OFFSET_MS).rem_euclid(60_000);
    let (start_date, start_time) = kenya_inputs(now);
    let (end_date, end_time) = kenya_inputs(now + 2 * 3_600_000);
    let agency = RwSignal::new(String::new());
    let message_en = RwSignal::new(String::new());
    let message_sw = RwSignal::new(String::new());
    let starts_date = RwSignal::new(start_date);
    let starts_time = RwSignal::new(start_time);
    let ends_date = RwSignal::new(end_date);
    let ends_time = RwSignal::new(end_time);
    let maintenance = RwSignal::new(false);
    let agency_error = problems.for_field(AGENCY);

    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        done.set(None);
        failed.set(None);
        let request = NewNotice {
            agency_id: Some(agency.get_untracked()).filter(|a| !a.is_empty()),
            message_en: message_en.get_untracked(),
            message_sw: message_sw.get_untracked(),
            starts_at: utc_of(&starts_date.get_untracked(), &starts_time.get_untracked()),
            ends_at: utc_of(&ends_date.get_untracked(), &ends_time.get_untracked()),
            maintenance: maintenance.get_untracked(),
        };
        if let Err(found) = request.validate(js_sys::Date::now() as i64) {
            problems.set(problems_of(i18n, found));
            return;
        }
        problems.clear();
        busy.set(true);
        spawn_local(async move {
            match api::notices::publish(&request).await {
                Ok(_) => {
                    message_en.set(String::new());
                    message_sw.set(String::new());
                    maintenance.set(false);
                    done.set(Some(NoticesKey::Published));
                    list.refetch();
                    focus_id("main");
                }
                Err(error) if !error.fields().is_empty() => problems.set(
                    error
                        .fields()
                        .iter()
                        .map(|f| problem_of(i18n, &f.field, &f.code, &f.message))
                        .collect(),
                ),
                Err(error) => failed.set(Some(error)),
            }
            busy.set(false);
        });
    };
    let on_retry = move |()| submit();
    let agencies = move || {
        catalog
            .get()
            .and_then(Result::ok)
            .map(|c| {
                c.agencies
                    .iter()
                    .map(|a| (a.id.clone(), a.short_name.clone(), a.name.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let agency_described = described_by(
        Some(format!("{AGENCY}-hint")),
        format!("{AGENCY}-error"),
        agency_error,
    );
    view! {
        <h2 id="publish-title">{move || i18n.t(NoticesKey::FormTitle)}</h2>
        <ErrorSummary problems/>
        <form novalidate aria-labelledby="publish-title" on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <div class="form-group" class:form-group--error=move || agency_error.with(Option::is_some)>
                <label class="label" for=AGENCY>{move || i18n.t(NoticesKey::ScopeLabel)}</label>
                <p id=format!("{AGENCY}-hint") class="hint">{move || i18n.t(NoticesKey::ScopeHint)}</p>
                <FieldError id=format!("{AGENCY}-error") error=agency_error/>
                <select id=AGENCY name=AGENCY class="select"
                    aria-describedby=agency_described
                    aria-invalid=move || agency_error.with(Option::is_some).then_some("true")
                    on:change=move |ev| agency.set(event_target_value(&ev))
                    prop:value=move || agency.get()>
                    <option value="">{move || i18n.t(NoticesKey::WholePortal)}</option>
                    {move || agencies().into_iter().map(|(id, short, name)| view! {
                        <option value=id>{move || format!("{short} — {}", name.get(i18n.lang()))}</option>
                    }).collect_view()}
                </select>
            </div>
            <MessageField id=MESSAGE_EN label=NoticesKey::MessageEnLabel value=message_en error=problems.for_field(MESSAGE_EN)/>
            <MessageField id=MESSAGE_SW label=NoticesKey::MessageSwLabel value=message_sw error=problems.for_field(MESSAGE_SW)/>
            <WhenField id=STARTS legend=NoticesKey::StartsLabel date=starts_date time=starts_time error=problems.for_field(STARTS)/>
            <WhenField id=ENDS legend=NoticesKey::EndsLabel date=ends_date time=ends_time error=problems.for_field(ENDS)/>
            <div class="form-group">
                <div class="checkbox">
                    <input class="checkbox__input" type="checkbox" id=MAINTENANCE name=MAINTENANCE
                        aria-describedby=format!("{MAINTENANCE}-hint")
                        prop:checked=move || maintenance.get()
                        on:change=move |ev| maintenance.set(event_target_checked(&ev))/>
                    <label class="checkbox__label" for=MAINTENANCE>{move || i18n.t(NoticesKey::MaintenanceLabel)}</label>
                </div>
                <p id=format!("{MAINTENANCE}-hint") class="hint checkbox__hint">{move || i18n.t(NoticesKey::MaintenanceHint)}</p>
            </div>
            {move || failed.get().map(|error| view! { <LoadError error on_retry/> })}
            <SubmitButton label=Signal::derive(move || i18n.t(NoticesKey::Publish).to_string()) busy/>
        </form>
    }
}
