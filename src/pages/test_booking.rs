//! `/ntsa/test-booking`: book a driving test. The class (from the provisional licence), the Driving Test
//! Unit, then a time among the slots with a place left, grouped by day; "Book and pay" holds the place and
//! goes to the application's pay page. Below, the person's bookings, each with "Change the date" (a new slot)
//! and "Cancel booking" (after a confirm step that says a paid test is not refunded).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::api::ntsa::MyNtsa;
use njia_domain::api::test_bookings::{
    BookTestRequest, HOLD_MINUTES, TestBooking, TestBookingStatus, TestSlot, clock_time, long_date,
};
use njia_domain::date::Date;
use njia_domain::licences::LicenceClass;

use crate::api::upload::random_uuid;
use crate::api::{self, ApiError};
use crate::components::form::{ErrorSummary, FieldError, Problem, Problems, SubmitButton};
use crate::components::service_notices::MaintenanceRefusal;
use crate::components::status::{LoadError, Loading};
use crate::i18n::test_booking::TestBookingKey as K;
use crate::i18n::{I18n, Lang, use_i18n};
use crate::session::SignedInOnly;
use crate::title::use_title;

/// The booking's `Idempotency-Key`, kept until the booking is answered so a retry never books twice.
const KEY_STORAGE: &str = "njia.test-booking.key";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn booking_key() -> String {
    let stored = storage().and_then(|s| s.get_item(KEY_STORAGE).ok().flatten());
    stored.unwrap_or_else(|| {
        let key = random_uuid();
        if let Some(s) = storage() {
            let _ = s.set_item(KEY_STORAGE, &key);
        }
        key
    })
}

fn forget_booking_key() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY_STORAGE);
    }
}

/// "Monday-less" long date of a slot's Kenyan day: `12 December 2026`.
fn day_text(lang: Lang, iso: &str) -> String {
    Date::parse_iso(iso).map_or_else(|_| iso.to_string(), |d| long_date(d, lang))
}

/// `12 December 2026 at 09:00` / `12 Desemba 2026, saa 3:00 asubuhi`.
fn date_time_text(lang: Lang, date: &str, time: &str) -> String {
    match lang {
        Lang::En => format!("{} at {time}", day_text(lang, date)),
        Lang::Sw => format!("{}, {}", day_text(lang, date), clock_time(time, lang)),
    }
}

fn when_text(lang: Lang, slot: &TestSlot) -> String {
    date_time_text(lang, &slot.date, &slot.time)
}

fn places_text(i18n: I18n, n: u32) -> String {
    if n == 1 {
        i18n.t(K::PlacesLeftOne).to_string()
    } else {
        i18n.t_n(K::PlacesLeft, n)
    }
}

fn status_key(status: TestBookingStatus) -> K {
    match status {
        TestBookingStatus::Held => K::StatusHeld,
        TestBookingStatus::Booked => K::StatusBooked,
        TestBookingStatus::Cancelled => K::StatusCancelled,
        TestBookingStatus::Passed => K::StatusPassed,
        TestBookingStatus::Failed => K::StatusFailed,
    }
}

/// Everything the page needs, fetched together.
#[derive(Clone)]
struct PageData {
    me: MyNtsa,
    slots: Vec<TestSlot>,
    bookings: Vec<TestBooking>,
}

async fn load() -> Result<PageData, ApiError> {
    let me = api::ntsa::me().await?;
    let slots = api::test_bookings::slots().await?.items;
    let bookings = api::test_bookings::bookings().await?.items;
    Ok(PageData {
        me,
        slots,
        bookings,
    })
}

#[component]
pub fn TestBookingPage() -> impl IntoView {
    view! { <SignedInOnly><TestBookingContent/></SignedInOnly> }
}

#[component]
fn TestBookingContent() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(K::BookTest).to_string());
    let data = LocalResource::new(load);
    let reload = Callback::new(move |()| data.refetch());
    let content = move || match data.get() {
        Some(Err(error)) => view! { <LoadError error on_retry=reload/> }.into_any(),
        Some(Ok(data)) => view! { <Booking data reload/> }.into_any(),
        None => view! { <Loading label=K::Loading/> }.into_any(),
    };
    view! {
        <p><A href="/ntsa" attr:class="back-link">{move || i18n.t(K::BackToMyNtsa)}</A></p>
        <h1 tabindex="-1">{move || i18n.t(K::BookTest)}</h1>
        {content}
    }
}

#[component]
fn Booking(data: PageData, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let PageData {
        me,
        slots,
        bookings,
    } = data;
    let classes: Vec<LicenceClass> = me.provisional.map(|p| p.classes).unwrap_or_default();
    let form = if classes.is_empty() {
        view! { <p class="notice notice--warning">{move || i18n.t(K::NoProvisional)}</p> }
            .into_any()
    } else {
        view! { <BookForm classes slots=slots.clone() reload/> }.into_any()
    };
    view! {
        {form}
        <section aria-labelledby="test-bookings">
            <h2 id="test-bookings">{move || i18n.t(K::YourBookings)}</h2>
            {if bookings.is_empty() {
                view! { <p>{move || i18n.t(K::NoBookings)}</p> }.into_any()
            } else {
                view! {
                    <ul class="record-list test-bookings">
                        {bookings.into_iter().map(|booking| {
                            view! { <BookingItem booking slots=slots.clone() reload/> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The centres that have slots, in the order of their names: (id, name).
fn centres_of(slots: &[TestSlot]) -> Vec<(String, String)> {
    let mut centres: Vec<(String, String)> = Vec::new();
    for slot in slots {
        if !centres.iter().any(|(id, _)| *id == slot.centre_id) {
            centres.push((slot.centre_id.clone(), slot.centre_name.clone()));
        }
    }
    centres.sort_by(|a, b| a.1.cmp(&b.1));
    centres
}

/// The slots as radios grouped by day, each saying how many places are left. The first radio carries `id`,
/// so the error summary can move focus to it.
#[component]
fn SlotRadios(
    id: &'static str,
    slots: Vec<TestSlot>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    legend: K,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let mut days: Vec<(String, Vec<TestSlot>)> = Vec::new();
    for slot in slots {
        match days.last_mut() {
            Some((day, list)) if *day == slot.date => list.push(slot),
            _ => days.push((slot.date.clone(), vec![slot])),
        }
    }
    let described = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            if error.with(Option::is_some) {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let mut first = true;
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" aria-describedby=described>
                <legend class="fieldset__legend">{move || i18n.t(legend)}</legend>
                <p id=hint_id class="hint">{move || i18n.t(K::SlotHint)}</p>
                <FieldError id=error_id error/>
                {days.into_iter().map(|(day, list)| {
                    let heading = day.clone();
                    view! {
                        <h3 class="test-slots__day">{move || day_text(i18n.lang(), &heading)}</h3>
                        <div class="radios">
                            {list.into_iter().map(|slot| {
                                let input_id = if first { id.to_string() } else { format!("{id}-{}", slot.id) };
                                first = false;
                                let slot_id = slot.id.clone();
                                let checked_id = slot.id.clone();
                                let time = slot.time.clone();
                                let left = slot.places_left;
                                view! {
                                    <div class="radios__item">
                                        <input
                                            class="radios__input"
                                            type="radio"
                                            id=input_id.clone()
                                            name=id
                                            value=slot.id.clone()
                                            prop:checked=move || value.get() == checked_id
                                            on:change=move |_| value.set(slot_id.clone())
                                        />
                                        <label class="radios__label" for=input_id>
                                            {move || clock_time(&time, i18n.lang())}
                                            <span class="hint test-slots__places">{move || places_text(i18n, left)}</span>
                                        </label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </div>
    }
}

/// Radios for a small list decided at run time: (value, label).
#[component]
fn Choice(
    id: &'static str,
    legend: K,
    #[prop(optional)] hint: Option<K>,
    options: Vec<(String, String)>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" aria-describedby=described>
                <legend class="fieldset__legend">{move || i18n.t(legend)}</legend>
                {hint.map(|hint| view! { <p id=hint_id.clone() class="hint">{move || i18n.t(hint)}</p> })}
                <FieldError id=error_id error/>
                <div class="radios">
                    {options.into_iter().enumerate().map(|(i, (option, label))| {
                        let input_id = if i == 0 { id.to_string() } else { format!("{id}-{i}") };
                        let (checked, chosen) = (option.clone(), option.clone());
                        view! {
                            <div class="radios__item">
                                <input
                                    class="radios__input"
                                    type="radio"
                                    id=input_id.clone()
                                    name=id
                                    value=option
                                    prop:checked=move || value.get() == checked
                                    on:change=move |_| value.set(chosen.clone())
                                />
                                <label class="radios__label" for=input_id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// What a refused booking means for the person, and which input it belongs to.
fn refusal(error: &ApiError) -> Option<(&'static str, K)> {
    match error.code()? {
        "slot_full" => Some(("slot", K::SlotFull)),
        "class_not_on_provisional" => Some(("class", K::ClassNotOnProvisional)),
        "already_booked" => Some(("class", K::AlreadyBooked)),
        "unpaid_fines" => Some(("class", K::UnpaidFines)),
        "no_provisional_licence" => Some(("class", K::NoProvisional)),
        _ => None,
    }
}

#[component]
fn BookForm(
    classes: Vec<LicenceClass>,
    slots: Vec<TestSlot>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let problems = Problems::default();
    let class = RwSignal::new(if classes.len() == 1 {
        classes[0].code().to_string()
    } else {
        String::new()
    });
    let centres = centres_of(&slots);
    let centre = RwSignal::new(if centres.len() == 1 {
        centres[0].0.clone()
    } else {
        String::new()
    });
    let slot = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let class_options: Vec<(String, String)> = classes
        .iter()
        .map(|c| {
            (
                c.code().to_string(),
                format!("{} — {}", c.code(), c.name_en()),
            )
        })
        .collect();
    let slots = StoredValue::new(slots);
    // A new centre starts the choice of time again.
    Effect::new(move |previous: Option<String>| {
        let now = centre.get();
        if previous.is_some_and(|p| p != now) {
            slot.set(String::new());
        }
        now
    });
    let submit = move || {
        let mut found = Vec::new();
        if class.get_untracked().is_empty() {
            found.push(Problem {
                field_id: "class".into(),
                message: i18n.t(K::ChooseClass).into(),
            });
        }
        if centre.get_untracked().is_empty() {
            found.push(Problem {
                field_id: "centre".into(),
                message: i18n.t(K::ChooseCentre).into(),
            });
        } else if slot.get_untracked().is_empty() {
            found.push(Problem {
                field_id: "slot".into(),
                message: i18n.t(K::ChooseSlot).into(),
            });
        }
        problems.set(found);
        if !problems.is_empty() || busy.get_untracked() {
            return;
        }
        let Some(chosen_class) = LicenceClass::parse(&class.get_untracked()) else {
            return;
        };
        busy.set(true);
        failure.set(None);
        let request = BookTestRequest {
            slot_id: slot.get_untracked(),
            class: chosen_class,
        };
        let key = booking_key();
        let navigate = navigate.clone();
        spawn_local(async move {
            let answer = api::test_bookings::book(&request, &key).await;
            busy.set(false);
            match answer {
                Ok(booking) => {
                    forget_booking_key();
                    navigate(
                        &format!("/applications/{}/pay", booking.application_id),
                        Default::default(),
                    );
                }
                Err(error) => match refusal(&error) {
                    Some((field, message)) => {
                        // Refused: the key is not remembered by the server, a new choice gets a new one.
                        forget_booking_key();
                        problems.set(vec![Problem {
                            field_id: field.into(),
                            message: i18n.t(message).into(),
                        }]);
                        if field == "slot" {
                            reload.run(());
                        }
                    }
                    None => failure.set(Some(error)),
                },
            }
        });
    };
    let on_retry = {
        let submit = submit.clone();
        move |()| submit()
    };
    let centre_options: Vec<(String, String)> = centres.clone();
    view! {
        <p>{move || i18n.t(K::Intro)}</p>
        <ErrorSummary problems/>
        {move || failure.get().map(|error| match error.maintenance().cloned() {
            // NTSA's maintenance window: its words and when to come back, not "try again".
            Some(notice) => view! { <MaintenanceRefusal notice id="maintenance-refusal"/> }.into_any(),
            None => view! { <LoadError error on_retry=on_retry.clone()/> }.into_any(),
        })}
        <form class="form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <Choice id="class" legend=K::ClassLegend hint=K::ClassHint options=class_options value=class
                error=problems.for_field("class")/>
            <Choice id="centre" legend=K::CentreLegend options=centre_options value=centre
                error=problems.for_field("centre")/>
            {move || {
                let chosen = centre.get();
                if chosen.is_empty() {
                    return None;
                }
                let list: Vec<TestSlot> = slots.with_value(|all| {
                    all.iter().filter(|s| s.centre_id == chosen).cloned().collect()
                });
                Some(if list.is_empty() {
                    view! { <p class="notice">{move || i18n.t(K::NoSlots)}</p> }.into_any()
                } else {
                    view! {
                        <SlotRadios id="slot" slots=list value=slot error=problems.for_field("slot")
                            legend=K::SlotLegend/>
                    }.into_any()
                })
            }}
            <p>{move || i18n.t_n(K::HoldExplained, HOLD_MINUTES)}</p>
            <SubmitButton label=Signal::derive(move || i18n.t(K::BookAndPay).to_string()) busy/>
        </form>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Panel {
    None,
    Move,
    Cancel,
}

#[component]
fn BookingItem(booking: TestBooking, slots: Vec<TestSlot>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let panel = RwSignal::new(Panel::None);
    let problems = Problems::default();
    let new_slot = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<K>);
    let open = booking.status.is_open();
    let id = StoredValue::new(booking.id.clone());
    let other_slots: Vec<TestSlot> = slots
        .into_iter()
        .filter(|s| s.centre_id == booking.slot.centre_id && s.id != booking.slot.id)
        .collect();
    let slot_field: &'static str = "new-slot";
    let slot = booking.slot.clone();
    let class = booking.class.code();
    let status = booking.status;
    let held_until = booking.held_until.clone();
    let pay = format!("/applications/{}/pay", booking.application_id);

    let move_test = move || {
        if new_slot.get_untracked().is_empty() {
            problems.set(vec![Problem {
                field_id: slot_field.into(),
                message: i18n.t(K::ChooseSlot).into(),
            }]);
            return;
        }
        problems.clear();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let answer =
                api::test_bookings::reschedule(&id.get_value(), &new_slot.get_untracked()).await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    done.set(Some(K::Moved));
                    reload.run(());
                }
                Err(error) if error.code() == Some("slot_full") => {
                    problems.set(vec![Problem {
                        field_id: slot_field.into(),
                        message: i18n.t(K::SlotFull).into(),
                    }]);
                    reload.run(());
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let cancel = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let answer = api::test_bookings::cancel(&id.get_value()).await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    done.set(Some(K::Cancelled));
                    reload.run(());
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let on_retry = move |()| {
        failure.set(None);
        match panel.get_untracked() {
            Panel::Move => move_test(),
            Panel::Cancel => cancel(),
            Panel::None => reload.run(()),
        }
    };
    let other = StoredValue::new(other_slots);
    view! {
        <li class="record-list__item test-booking">
            <h3 class="record-list__title">
                {move || i18n.t_n(K::ClassN, class)} " — " {slot.centre_name.clone()}
            </h3>
            <p class="record-list__meta">{
                let slot = slot.clone();
                move || when_text(i18n.lang(), &slot)
            }</p>
            <p><strong class="tag">{move || i18n.t(status_key(status))}</strong></p>
            {move || done.get().map(|key| view! { <p class="notice notice--success" role="status">{i18n.t(key)}</p> })}
            {move || failure.get().map(|error| view! { <LoadError error on_retry/> })}
            {held_until.map(|deadline| view! {
                <p>{move || i18n.t_n(K::PayBy, date_time_text(i18n.lang(), &deadline.date, &deadline.time))}</p>
            })}
            {(status == TestBookingStatus::Held).then(|| view! {
                <p><A href=pay.clone() attr:class="button">{move || i18n.t(K::PayNow)}</A></p>
            })}
            {open.then(|| view! {
                <div class="button-group">
                    <button type="button" class="button button--secondary"
                        aria-expanded=move || (panel.get() == Panel::Move).to_string()
                        on:click=move |_| panel.set(if panel.get_untracked() == Panel::Move { Panel::None } else { Panel::Move })>
                        {move || i18n.t(K::ChangeDate)}
                    </button>
                    <button type="button" class="button button--secondary"
                        aria-expanded=move || (panel.get() == Panel::Cancel).to_string()
                        on:click=move |_| panel.set(Panel::Cancel)>
                        {move || i18n.t(K::CancelBooking)}
                    </button>
                </div>
            })}
            {move || match panel.get() {
                Panel::None => None,
                Panel::Move => Some(view! {
                    <form class="form test-booking__panel" novalidate on:submit=move |ev| {
                        ev.prevent_default();
                        move_test();
                    }>
                        <ErrorSummary problems/>
                        {if other.with_value(Vec::is_empty) {
                            view! { <p class="notice">{move || i18n.t(K::NoSlots)}</p> }.into_any()
                        } else {
                            view! {
                                <SlotRadios id=slot_field slots=other.get_value() value=new_slot
                                    error=problems.for_field(slot_field) legend=K::NewSlotLegend/>
                                <SubmitButton label=Signal::derive(move || i18n.t(K::MoveTest).to_string()) busy/>
                            }.into_any()
                        }}
                    </form>
                }.into_any()),
                Panel::Cancel => Some(view! {
                    <div class="notice notice--warning test-booking__panel" role="group" aria-labelledby=format!("cancel-{}", id.get_value())>
                        <h4 id=format!("cancel-{}", id.get_value())>{move || i18n.t(K::CancelConfirmTitle)}</h4>
                        {(status == TestBookingStatus::Booked).then(|| view! {
                            <p>{move || i18n.t(K::CancelNoRefund)}</p>
                        })}
                        <div class="button-group">
                            <button type="button" class="button" aria-busy=move || busy.get().then_some("true")
                                on:click=move |_| cancel()>
                                {move || i18n.t(K::YesCancel)}
                            </button>
                            <button type="button" class="button button--secondary" on:click=move |_| panel.set(Panel::None)>
                                {move || i18n.t(K::KeepBooking)}
                            </button>
                        </div>
                    </div>
                }.into_any()),
            }}
        </li>
    }
}
