//! `/officer/tests`: an NTSA examiner's day at a Driving Test Unit. The centre and the day live in the URL
//! (`?centre=…&date=YYYY-MM-DD`), so a reload, a shared link or "back" shows the same list; without them the
//! server shows the first centre and today in Kenya. Each test whose time has come offers "Passed" and "Not
//! passed"; a result cannot be undone, so the choice is confirmed first. A result refused because the test
//! moved on meanwhile (another examiner recorded it) is said, and the list loaded again.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use njia_domain::api::test_bookings::{
    OfficerTestBooking, OfficerTestBookings, TestBookingStatus, clock_time, long_date,
};
use njia_domain::date::Date;

use crate::api::{self, ApiError};
use crate::components::status::{LoadError, Loading};
use crate::i18n::officer::{ExamKey, OfficerKey};
use crate::i18n::{Lang, text, use_i18n};
use crate::pages::sign_in::focus_id;
use crate::session::use_session;
use crate::title::use_title;

/// The agency whose officers examine drivers.
const NTSA: &str = "ntsa";

/// What the page last said about a result.
#[derive(Clone, PartialEq)]
enum Said {
    Recorded {
        name: String,
        class: &'static str,
        passed: bool,
    },
    /// The server refused it: the test has a result already, or has not started.
    Refused,
}

fn said_text(lang: Lang, said: &Said) -> String {
    match said {
        Said::Recorded {
            name,
            class,
            passed,
        } => {
            let key = if *passed {
                ExamKey::DonePassed
            } else {
                ExamKey::DoneFailed
            };
            with_candidate(text(lang, key), name, class)
        }
        Said::Refused => text(lang, ExamKey::Refused).to_string(),
    }
}

fn with_candidate(words: &str, name: &str, class: &str) -> String {
    words.replace("{name}", name).replace("{class}", class)
}

fn count_text(lang: Lang, count: usize) -> String {
    match count {
        0 => text(lang, ExamKey::NoTests).to_string(),
        1 => text(lang, ExamKey::CountOne).to_string(),
        n => text(lang, ExamKey::Count).replace("{n}", &n.to_string()),
    }
}

/// `2026-12-12` as "12 December 2026" / "12 Desemba 2026"; the text as it came if it is not a date.
fn day_text(lang: Lang, iso: &str) -> String {
    Date::parse_iso(iso).map_or_else(|_| iso.to_string(), |date| long_date(date, lang))
}

/// What the page holds, shared by its parts.
#[derive(Clone, Copy)]
struct Page {
    said: RwSignal<Option<Said>>,
    /// Loads the list again, keeping what is shown until the answer comes.
    reload: Callback<()>,
}

#[component]
pub fn OfficerTestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || {
        format!(
            "{} – {}",
            i18n.t(ExamKey::TestsTitle),
            i18n.t(OfficerKey::BackOffice)
        )
    });
    let ntsa = Memo::new(move |_| {
        session
            .account()
            .and_then(|a| a.agency)
            .is_some_and(|a| a == NTSA)
    });
    view! {
        <p class="caption">{move || i18n.t(OfficerKey::BackOffice)}</p>
        <h1 tabindex="-1">{move || i18n.t(ExamKey::TestsTitle)}</h1>
        {move || if ntsa.get() {
            view! { <TestsOfTheDay/> }.into_any()
        } else {
            view! { <p>{move || i18n.t(ExamKey::NotNtsa)}</p> }.into_any()
        }}
    }
}

#[component]
fn TestsOfTheDay() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let centre_param =
        Memo::new(move |_| query.read().get("centre").filter(|c| !c.trim().is_empty()));
    let date_param = Memo::new(move |_| query.read().get("date").filter(|d| !d.trim().is_empty()));
    let loaded = RwSignal::new(None::<Result<OfficerTestBookings, ApiError>>);

    let load = {
        let navigate = navigate.clone();
        move |clear: bool| {
            let wanted = (centre_param.get_untracked(), date_param.get_untracked());
            if clear {
                loaded.set(None);
            }
            let navigate = navigate.clone();
            spawn_local(async move {
                let result =
                    api::officer::test_bookings(wanted.0.as_deref(), wanted.1.as_deref()).await;
                match &result {
                    Ok(_) => session.activity(),
                    Err(error) => {
                        if session.handle_error(error, &navigate) {
                            return;
                        }
                    }
                }
                // The examiner may have asked for another centre or day meanwhile.
                let current = (
                    centre_param.try_get_untracked().flatten(),
                    date_param.try_get_untracked().flatten(),
                );
                if current == wanted {
                    let _ = loaded.try_set(Some(result));
                }
            });
        }
    };
    let page = Page {
        said: RwSignal::new(None),
        reload: Callback::new({
            let load = load.clone();
            move |()| load(false)
        }),
    };
    {
        let load = load.clone();
        Effect::new(move |_| {
            centre_param.track();
            date_param.track();
            page.said.set(None);
            load(true);
        });
    }
    let retry_load = Callback::new(move |()| load(true));

    // What the form shows: the URL's choice, else what the server chose, until the examiner changes it.
    let centre_choice = RwSignal::new(String::new());
    let date_choice = RwSignal::new(String::new());
    Effect::new(move |_| {
        let shown = loaded.with(|l| match l {
            Some(Ok(list)) => Some((
                list.centre_id.clone().unwrap_or_default(),
                list.date.clone(),
            )),
            _ => None,
        });
        let (centre, date) = (centre_param.get(), date_param.get());
        let (shown_centre, shown_date) = shown.unwrap_or_default();
        centre_choice.set(centre.unwrap_or(shown_centre));
        date_choice.set(date.unwrap_or(shown_date));
    });
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let query = api::officer::tests_query(
            Some(&centre_choice.get_untracked()),
            Some(date_choice.get_untracked().trim()),
        );
        let path = if query.is_empty() {
            "/officer/tests".to_string()
        } else {
            format!("/officer/tests?{query}")
        };
        navigate(&path, NavigateOptions::default());
    };

    let form = move |list: &OfficerTestBookings| {
        let centres = list.centres.clone();
        let show = show.clone();
        view! {
            <form class="form officer-filters" method="get" action="/officer/tests" on:submit=show>
                <h2 class="officer-filters__title">{move || i18n.t(ExamKey::ChooseTitle)}</h2>
                <div class="form-group">
                    <label class="label" for="centre">{move || i18n.t(ExamKey::CentreLabel)}</label>
                    <select
                        id="centre"
                        name="centre"
                        class="input"
                        on:change=move |ev| centre_choice.set(event_target_value(&ev))
                    >
                        {centres.into_iter().map(|centre| {
                            let id = centre.id.clone();
                            view! {
                                <option value=centre.id prop:selected=move || centre_choice.with(|c| *c == id)>
                                    {centre.name}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="date">{move || i18n.t(ExamKey::DayLabel)}</label>
                    <p id="date-hint" class="hint">{move || i18n.t(ExamKey::DayHint)}</p>
                    <input
                        id="date"
                        name="date"
                        type="date"
                        class="input input--20ch"
                        aria-describedby="date-hint"
                        prop:value=move || date_choice.get()
                        on:change=move |ev| date_choice.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button">{move || i18n.t(ExamKey::ShowTests)}</button>
            </form>
        }
    };

    let content = move || match loaded.get() {
        None => view! { <Loading label=ExamKey::Loading/> }.into_any(),
        Some(Err(error)) if error.status() == Some(400) => view! {
            <div class="notice notice--error" role="alert">
                <p>{move || i18n.t(ExamKey::BadQuery)}</p>
                <p><A href="/officer/tests">{move || i18n.t(ExamKey::ShowToday)}</A></p>
            </div>
        }
        .into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry_load/> }.into_any(),
        Some(Ok(list)) if list.centres.is_empty() => {
            view! { <p>{move || i18n.t(ExamKey::NoCentres)}</p> }.into_any()
        }
        Some(Ok(list)) => {
            let centre_name = list
                .centre_id
                .as_ref()
                .and_then(|id| list.centres.iter().find(|c| &c.id == id))
                .map(|c| c.name.clone())
                .unwrap_or_default();
            let date = list.date.clone();
            let count = list.items.len();
            let form = form(&list);
            view! {
                {form}
                <section aria-labelledby="tests-title">
                    <h2 id="tests-title">{centre_name} ", " {move || day_text(i18n.lang(), &date)}</h2>
                    <p class="officer-queue__count">{move || count_text(i18n.lang(), count)}</p>
                    {(count > 0).then(|| view! {
                        <ul class="record-list officer-queue">
                            {list.items.into_iter().map(|test| view! { <TestCard test page/> }).collect_view()}
                        </ul>
                    })}
                </section>
            }
            .into_any()
        }
    };

    view! {
        // Always on the page, so what is put in it is read out.
        <div role="status" class="status-message">
            {move || page.said.get().filter(|s| matches!(s, Said::Recorded { .. })).map(|said| view! {
                <div id="result-said" class="notice notice--success" tabindex="-1">
                    <p>{move || said_text(i18n.lang(), &said)}</p>
                </div>
            })}
        </div>
        {move || page.said.get().filter(|s| *s == Said::Refused).map(|said| view! {
            <div id="result-said" class="notice notice--error" role="alert" tabindex="-1">
                <p>{move || said_text(i18n.lang(), &said)}</p>
            </div>
        })}
        {content}
    }
}

fn status_view(status: TestBookingStatus) -> (ExamKey, &'static str) {
    match status {
        TestBookingStatus::Passed => (ExamKey::StatusPassed, "tag status-tag--approved"),
        TestBookingStatus::Failed => (ExamKey::StatusFailed, "tag status-tag--rejected"),
        // Held and cancelled tests are not listed; booked is what is left.
        _ => (ExamKey::StatusBooked, "tag"),
    }
}

/// One test: when, who, and (once it has started) the two results with a confirmation step.
#[component]
fn TestCard(test: OfficerTestBooking, page: Page) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let OfficerTestBooking {
        id,
        time,
        class,
        candidate_name,
        candidate_id_last4,
        reference,
        status,
        can_record,
        ..
    } = test;
    let class = class.code();
    let name = StoredValue::new(candidate_name);
    let id = StoredValue::new(id);
    // The result chosen and waiting for confirmation.
    let chosen = RwSignal::new(None::<bool>);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let (status_key, status_class) = status_view(status);
    let button_id = move |passed: bool| {
        format!(
            "{}-{}",
            if passed { "pass" } else { "fail" },
            id.get_value()
        )
    };
    let confirm_id = move || format!("confirm-{}", id.get_value());

    let send = move || {
        let Some(passed) = chosen.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::officer::record_test_result(&id.get_value(), passed).await {
                Ok(_) => {
                    session.activity();
                    page.said.set(Some(Said::Recorded {
                        name: name.get_value(),
                        class,
                        passed,
                    }));
                    page.reload.run(());
                    request_animation_frame(|| focus_id("result-said"));
                }
                Err(error) => {
                    if session.handle_error(&error, &navigate) {
                        busy.set(false);
                        return;
                    }
                    if matches!(error.status(), Some(404 | 409)) {
                        page.said.set(Some(Said::Refused));
                        page.reload.run(());
                        request_animation_frame(|| focus_id("result-said"));
                    } else {
                        // No answer, or a fault: the same result can be sent again.
                        busy.set(false);
                        let _ = failure.try_set(Some(error));
                    }
                }
            }
        });
    };
    let choose = move |passed: bool| {
        failure.set(None);
        chosen.set(Some(passed));
        request_animation_frame(move || focus_id(&confirm_id()));
    };
    let cancel = move || {
        let passed = chosen.get_untracked();
        chosen.set(None);
        failure.set(None);
        if let Some(passed) = passed {
            request_animation_frame(move || focus_id(&button_id(passed)));
        }
    };
    let hidden = move || with_candidate(i18n.t(ExamKey::ForCandidate), &name.get_value(), class);
    let question = move |passed: bool| {
        let key = if passed {
            ExamKey::ConfirmPassed
        } else {
            ExamKey::ConfirmFailed
        };
        with_candidate(i18n.t(key), &name.get_value(), class)
    };
    let send_again = send.clone();

    view! {
        <li class="record-list__item officer-queue__item">
            <h3 class="officer-queue__title">
                {move || clock_time(&time, i18n.lang())} " — " {name.get_value()}
            </h3>
            <p class="officer-queue__status"><strong class=status_class>{move || i18n.t(status_key)}</strong></p>
            <dl class="record-list__details">
                <div>
                    <dt>{move || i18n.t(ExamKey::ClassLabel)}</dt>
                    <dd>{class}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(ExamKey::IdEnding)}</dt>
                    <dd>{candidate_id_last4}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(OfficerKey::Reference)}</dt>
                    <dd>{move || reference.clone().unwrap_or_else(|| i18n.t(OfficerKey::NoReference).to_string())}</dd>
                </div>
            </dl>
            {(status == TestBookingStatus::Booked && !can_record).then(|| view! {
                <p class="hint">{move || i18n.t(ExamKey::NotYet)}</p>
            })}
            {can_record.then(|| view! {
                {move || match chosen.get() {
                    None => view! {
                        <div class="button-group">
                            <button type="button" id=button_id(true) class="button button--secondary"
                                on:click=move |_| choose(true)>
                                {move || i18n.t(ExamKey::RecordPassed)}
                                <span class="visually-hidden">{hidden}</span>
                            </button>
                            <button type="button" id=button_id(false) class="button button--secondary"
                                on:click=move |_| choose(false)>
                                {move || i18n.t(ExamKey::RecordFailed)}
                                <span class="visually-hidden">{hidden}</span>
                            </button>
                        </div>
                    }
                    .into_any(),
                    Some(passed) => {
                        let send = send.clone();
                        let send_again = send_again.clone();
                        view! {
                            <div class="notice notice--warning" role="group" aria-labelledby=confirm_id()>
                                <h4 id=confirm_id() tabindex="-1">{move || question(passed)}</h4>
                                <p>{move || i18n.t(ExamKey::ConfirmWarning)}</p>
                                {move || failure.get().map(|error| {
                                    let send_again = send_again.clone();
                                    view! { <LoadError error on_retry=move |()| send_again()/> }
                                })}
                                <div class="button-group">
                                    <button type="button" class="button"
                                        aria-disabled=move || busy.get().then_some("true")
                                        aria-busy=move || busy.get().then_some("true")
                                        on:click=move |_| send()>
                                        {move || if busy.get() { i18n.t(ExamKey::Recording) } else { i18n.t(ExamKey::Confirm) }}
                                    </button>
                                    <button type="button" class="button button--secondary"
                                        aria-disabled=move || busy.get().then_some("true")
                                        on:click=move |_| { if !busy.get_untracked() { cancel() } }>
                                        {move || i18n.t(ExamKey::Cancel)}
                                    </button>
                                </div>
                            </div>
                        }
                        .into_any()
                    }
                }}
            })}
        </li>
    }
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn the_confirmation_names_the_candidate_and_the_class_in_both_languages() {
        assert_eq!(
            with_candidate(text(Lang::En, ExamKey::ConfirmPassed), "Amina Hassan", "B1"),
            "Record that Amina Hassan passed class B1?"
        );
        assert_eq!(
            with_candidate(text(Lang::Sw, ExamKey::ConfirmFailed), "Amina Hassan", "B1"),
            "Rekodi kwamba Amina Hassan hakufaulu daraja B1?"
        );
    }

    #[test]
    fn counts_and_days_read_naturally() {
        assert_eq!(count_text(Lang::En, 1), "1 test, by time.");
        assert_eq!(count_text(Lang::Sw, 3), "Mitihani 3, kwa mpangilio wa saa.");
        assert_eq!(count_text(Lang::En, 0), text(Lang::En, ExamKey::NoTests));
        assert_eq!(day_text(Lang::En, "2026-12-12"), "12 December 2026");
        assert_eq!(day_text(Lang::Sw, "2026-12-12"), "12 Desemba 2026");
        assert_eq!(day_text(Lang::En, "soon"), "soon");
    }
}
