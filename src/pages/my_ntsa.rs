//! `/ntsa`: "My NTSA". What NTSA's registers hold about the signed-in person: the driving licence (status,
//! expiry with a nudge to renew, classes, demerit points), a provisional licence, vehicles and fines (unpaid
//! first). Each section says so when it is empty. Acting for an organisation, the organisation's: the
//! vehicles it owns (a dealer's stock) and, for a financier, those it holds a caveat on, which it can lift.

use leptos::prelude::*;
use leptos_router::components::A;
use njia_domain::api::ntsa::{DrivingLicence, Fine, MyNtsa, ProvisionalLicence, Vehicle};
use njia_domain::date::Date;
use njia_domain::licences::{DEMERIT_RULES, LicenceClass, LicenceKind, LicenceStatus, renewal_due};
use njia_domain::money::group_thousands;

use crate::api;
use crate::components::status::{LoadError, Loading};
use crate::i18n::account::{date, local_date_time};
use crate::i18n::ntsa::{NtsaKey, kind_key, status_key};
use crate::i18n::{Lang, use_i18n};
use crate::session::SignedInOnly;
use crate::title::use_title;

#[component]
pub fn MyNtsaPage() -> impl IntoView {
    view! { <SignedInOnly><MyNtsaContent/></SignedInOnly> }
}

/// A `YYYY-MM-DD` date from the API as people read it: "16 March 2009" / "16 Machi 2009".
fn day(lang: Lang, iso: &str) -> String {
    Date::parse_iso(iso).map_or_else(
        |_| iso.to_string(),
        |d| date(lang, d.year(), d.month(), d.day()),
    )
}

fn today() -> Date {
    Date::from_unix_ms(js_sys::Date::now() as i64)
}

#[component]
fn MyNtsaContent() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(NtsaKey::MyNtsa).to_string());
    let acting = crate::acting::use_acting();
    // Fetched again when the tab switches whom it acts for.
    let records = LocalResource::new(move || {
        acting.current();
        api::ntsa::me()
    });
    let reload = Callback::new(move |()| records.refetch());
    // Kept here, above the records, so the message outlives the reload that follows the lifting.
    let lifted: RwSignal<Option<String>> = RwSignal::new(None);
    let content = move || match records.get() {
        Some(Err(error)) => {
            view! { <LoadError error on_retry=move |()| records.refetch()/> }.into_any()
        }
        Some(Ok(records)) => match acting.current_untracked() {
            Some(_) => view! { <OrganisationRecords records reload lifted/> }.into_any(),
            None => view! { <Records records/> }.into_any(),
        },
        None => view! { <Loading label=NtsaKey::Loading/> }.into_any(),
    };
    view! {
        <h1 tabindex="-1">{move || i18n.t(NtsaKey::MyNtsa)}</h1>
        <p>{move || match acting.current() {
            Some(organisation) => i18n.t_n(NtsaKey::OrganisationIntro, organisation.name),
            None => i18n.t(NtsaKey::Intro).to_string(),
        }}</p>
        {content}
    }
}

#[component]
fn Records(records: MyNtsa) -> impl IntoView {
    let i18n = use_i18n();
    let MyNtsa {
        licence,
        provisional,
        vehicles,
        fines,
        points_left,
        points_total,
        ..
    } = records;
    view! {
        <section aria-labelledby="ntsa-licence">
            <h2 id="ntsa-licence">{move || i18n.t(NtsaKey::DrivingLicence)}</h2>
            {match licence {
                Some(licence) => view! { <Licence licence/> }.into_any(),
                None => view! { <p>{move || i18n.t(NtsaKey::NoLicence)}</p> }.into_any(),
            }}
            <h3>{move || i18n.t(NtsaKey::Points)}</h3>
            <p class="ntsa-points">
                {move || i18n.t(NtsaKey::PointsLeft)
                    .replace("{left}", &points_left.to_string())
                    .replace("{total}", &points_total.to_string())}
            </p>
            <p class="hint">{move || i18n.t(NtsaKey::PointsHint)}</p>
            <p><A href="/ntsa/record">{move || i18n.t(crate::i18n::record::RecordKey::RecordLink)}</A></p>
            {DEMERIT_RULES.needs_refresher(points_left).then(|| view! {
                <div class="notice notice--warning"><p>{move || i18n.t(NtsaKey::RefresherNeeded)}</p></div>
            })}
        </section>
        {provisional.map(|provisional| view! { <Provisional provisional/> })}
        <section aria-labelledby="ntsa-vehicles">
            <h2 id="ntsa-vehicles">{move || i18n.t(NtsaKey::Vehicles)}</h2>
            <VehicleList vehicles empty=NtsaKey::NoVehicles/>
            <p><A href="/ntsa/transfers">{move || i18n.t(crate::i18n::transfers::TransferKey::Title)}</A></p>
        </section>
        <Fines fines/>
    }
}

/// An organisation's page: its vehicles, and the vehicles it finances with the way to lift each caveat.
#[component]
fn OrganisationRecords(
    records: MyNtsa,
    reload: Callback<()>,
    lifted: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let MyNtsa {
        vehicles, financed, ..
    } = records;
    view! {
        {move || lifted.get().map(|plate| view! {
            <div class="notice notice--success" role="status">
                <p>{move || i18n.t_n(NtsaKey::Lifted, &plate)}</p>
            </div>
        })}
        <section aria-labelledby="ntsa-vehicles">
            <h2 id="ntsa-vehicles">{move || i18n.t(NtsaKey::OrganisationVehicles)}</h2>
            <VehicleList vehicles empty=NtsaKey::NoOrganisationVehicles/>
            <p><A href="/services/ntsa-vehicle-registration">{move || i18n.t(NtsaKey::RegisterVehicle)}</A></p>
        </section>
        {(!financed.is_empty()).then(|| view! {
            <section aria-labelledby="ntsa-financed">
                <h2 id="ntsa-financed">{move || i18n.t(NtsaKey::Financed)}</h2>
                <p class="hint">{move || i18n.t(NtsaKey::FinancedHint)}</p>
                <ul class="card-list">
                    {financed.into_iter().map(|vehicle| {
                        let plate = vehicle.plate.clone();
                        view! {
                            <VehicleCard vehicle/>
                            <li class="card-list__action">
                                <LiftCaveat plate on_lifted=Callback::new(move |plate| {
                                    lifted.set(Some(plate));
                                    reload.run(());
                                })/>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// The vehicles as cards, or the sentence that says there are none.
#[component]
fn VehicleList(vehicles: Vec<Vehicle>, empty: NtsaKey) -> impl IntoView {
    let i18n = use_i18n();
    if vehicles.is_empty() {
        view! { <p>{move || i18n.t(empty)}</p> }.into_any()
    } else {
        view! {
            <ul class="card-list">
                {vehicles.into_iter().map(|vehicle| view! { <VehicleCard vehicle/> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// "Lift the caveat", asked to be confirmed, with progress and a retry.
#[component]
fn LiftCaveat(plate: String, on_lifted: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<api::ApiError>);
    let plate = StoredValue::new(plate);
    let lift = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let plate = plate.get_value();
            let answer = api::ntsa::lift_caveat(&plate).await;
            busy.set(false);
            match answer {
                Ok(()) => {
                    asking.set(false);
                    on_lifted.run(plate);
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        {move || failure.get().map(|error| view! { <LoadError error on_retry=move |()| lift()/> })}
        {move || if asking.get() {
            view! {
                <div class="notice notice--warning" role="group" aria-labelledby=format!("lift-{}", plate.get_value().replace(' ', ""))>
                    <p id=format!("lift-{}", plate.get_value().replace(' ', ""))>{move || i18n.t_n(NtsaKey::LiftConfirm, plate.get_value())}</p>
                    <div class="button-group">
                        <button type="button" class="button"
                            aria-disabled=move || busy.get().then_some("true")
                            aria-busy=move || busy.get().then_some("true")
                            on:click=move |_| lift()>
                            {move || if busy.get() { i18n.t(NtsaKey::Lifting) } else { i18n.t(NtsaKey::LiftYes) }}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| asking.set(false)>
                            {move || i18n.t(NtsaKey::LiftNo)}
                        </button>
                    </div>
                </div>
            }.into_any()
        } else {
            view! {
                <button type="button" class="button button--secondary" on:click=move |_| asking.set(true)>
                    {move || i18n.t(NtsaKey::LiftCaveat)}
                    <span class="visually-hidden">" " {move || i18n.t_n(NtsaKey::LiftCaveatOn, plate.get_value())}</span>
                </button>
            }.into_any()
        }}
    }
}

#[component]
fn StatusTag(status: LicenceStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        LicenceStatus::Valid => "tag pay-tag--paid",
        LicenceStatus::Expired | LicenceStatus::Suspended => "tag pay-tag--failed",
    };
    view! { <strong class=class>{move || i18n.t(status_key(status))}</strong> }
}

/// Classes as a list: the code, its name in the current language and, when known, since when.
#[component]
fn ClassList(classes: Vec<(LicenceClass, Option<String>)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="plain-list ntsa-classes">
            {classes.into_iter().map(|(class, since)| view! {
                <li>
                    <strong>{class.code()}</strong> " " {move || class.name_in(i18n.lang())}
                    {since.map(|since| view! {
                        <span class="ntsa-classes__since">
                            " (" {move || i18n.t(NtsaKey::ClassSince).replace("{date}", &day(i18n.lang(), &since))} ")"
                        </span>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Licence(licence: DrivingLicence) -> impl IntoView {
    let i18n = use_i18n();
    let DrivingLicence {
        number,
        kind,
        classes,
        issued_on,
        expires_on,
        status,
    } = licence;
    let expired = status == LicenceStatus::Expired;
    let renew = status != LicenceStatus::Suspended
        && Date::parse_iso(&expires_on).is_ok_and(|expires| renewal_due(expires, today()));
    let renew_service = match kind {
        LicenceKind::Booklet => "/services/ntsa-dl-renewal-booklet",
        LicenceKind::Smart => "/services/ntsa-smart-dl",
    };
    let expires_text = expires_on.clone();
    let classes = classes
        .into_iter()
        .map(|granted| (granted.class, Some(granted.granted_on)))
        .collect();
    view! {
        <dl class="card__facts ntsa-facts">
            <div><dt>{move || i18n.t(NtsaKey::LicenceNumber)}</dt><dd class="reference">{number}</dd></div>
            <div><dt>{move || i18n.t(NtsaKey::LicenceType)}</dt><dd>{move || i18n.t(kind_key(kind))}</dd></div>
            <div><dt>{move || i18n.t(NtsaKey::Status)}</dt><dd><StatusTag status/></dd></div>
            <div><dt>{move || i18n.t(NtsaKey::Issued)}</dt><dd>{move || day(i18n.lang(), &issued_on)}</dd></div>
            <div><dt>{move || i18n.t(NtsaKey::Expires)}</dt><dd>{move || day(i18n.lang(), &expires_text)}</dd></div>
        </dl>
        {renew.then(|| view! {
            <div class="notice notice--warning">
                <p>{move || i18n.t(if expired { NtsaKey::RenewExpired } else { NtsaKey::RenewSoon })}</p>
                <p><A href=renew_service>{move || i18n.t(NtsaKey::RenewLink)}</A></p>
            </div>
        })}
        <h3>{move || i18n.t(NtsaKey::Classes)}</h3>
        <ClassList classes/>
    }
}

#[component]
fn Provisional(provisional: ProvisionalLicence) -> impl IntoView {
    let i18n = use_i18n();
    let ProvisionalLicence {
        number,
        classes,
        driving_school,
        issued_on,
        expires_on,
    } = provisional;
    let classes = classes.into_iter().map(|class| (class, None)).collect();
    view! {
        <section aria-labelledby="ntsa-provisional">
            <h2 id="ntsa-provisional">{move || i18n.t(NtsaKey::ProvisionalLicence)}</h2>
            <dl class="card__facts ntsa-facts">
                <div><dt>{move || i18n.t(NtsaKey::LicenceNumber)}</dt><dd class="reference">{number}</dd></div>
                <div><dt>{move || i18n.t(NtsaKey::DrivingSchool)}</dt><dd>{driving_school}</dd></div>
                <div><dt>{move || i18n.t(NtsaKey::Issued)}</dt><dd>{move || day(i18n.lang(), &issued_on)}</dd></div>
                <div><dt>{move || i18n.t(NtsaKey::Expires)}</dt><dd>{move || day(i18n.lang(), &expires_on)}</dd></div>
            </dl>
            <h3>{move || i18n.t(NtsaKey::Classes)}</h3>
            <ClassList classes/>
            <p><A href="/ntsa/test-booking" attr:class="button">{move || i18n.t(crate::i18n::test_booking::TestBookingKey::BookTest)}</A></p>
        </section>
    }
}

#[component]
fn VehicleCard(vehicle: Vehicle) -> impl IntoView {
    let i18n = use_i18n();
    let Vehicle {
        plate,
        make,
        model,
        year,
        colour,
        engine_cc,
        body_type,
        chassis_number_masked,
        registered_on,
        joint,
        financier,
        last_inspection,
    } = vehicle;
    let engine = format!("{} cc", group_thousands(u64::from(engine_cc)));
    view! {
        <li class="card">
            <h3 class="ntsa-plate">{plate}</h3>
            <p class="ntsa-vehicle__name">{format!("{make} {model} {year}")}</p>
            {financier.map(|financier| view! {
                <p class="ntsa-vehicle__financier">
                    <strong>{move || i18n.t(NtsaKey::FinancedBy).replace("{financier}", &financier)}</strong>
                </p>
            })}
            <dl class="card__facts">
                <div><dt>{move || i18n.t(NtsaKey::Colour)}</dt><dd>{colour}</dd></div>
                <div><dt>{move || i18n.t(NtsaKey::EngineSize)}</dt><dd>{engine}</dd></div>
                <div><dt>{move || i18n.t(NtsaKey::BodyType)}</dt><dd>{body_type}</dd></div>
                <div>
                    <dt>{move || i18n.t(NtsaKey::ChassisNumber)}</dt>
                    <dd>
                        <span class="reference">{chassis_number_masked}</span>
                        <span class="visually-hidden">" (" {move || i18n.t(NtsaKey::ChassisHidden)} ")"</span>
                    </dd>
                </div>
                <div><dt>{move || i18n.t(NtsaKey::Registered)}</dt><dd>{move || day(i18n.lang(), &registered_on)}</dd></div>
                <div>
                    <dt>{move || i18n.t(NtsaKey::Ownership)}</dt>
                    <dd>{move || i18n.t(if joint { NtsaKey::OwnedJointly } else { NtsaKey::OwnedAlone })}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t(NtsaKey::LastInspection)}</dt>
                    <dd>{move || last_inspection.as_ref().map_or_else(
                        || i18n.t(NtsaKey::NoInspection).to_string(),
                        |on| day(i18n.lang(), on),
                    )}</dd>
                </div>
            </dl>
        </li>
    }
}

#[component]
fn Fines(fines: Vec<Fine>) -> impl IntoView {
    let i18n = use_i18n();
    let any_unpaid = fines.iter().any(|fine| !fine.paid);
    // The server sends them unpaid first; keep that order whatever it sends.
    let mut fines = fines;
    fines.sort_by_key(|fine| fine.paid);
    view! {
        <section aria-labelledby="ntsa-fines">
            <h2 id="ntsa-fines">{move || i18n.t(NtsaKey::Fines)}</h2>
            {any_unpaid.then(|| view! {
                <div class="notice notice--warning">
                    <p>{move || i18n.t(NtsaKey::UnpaidNote)}</p>
                    <p><A href="/services/ntsa-instant-fines">{move || i18n.t(NtsaKey::PayFines)}</A></p>
                </div>
            })}
            {if fines.is_empty() {
                view! { <p>{move || i18n.t(NtsaKey::NoFines)}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {fines.into_iter().map(|fine| {
                            let Fine { id, offence, place, at, amount, points, paid, .. } = fine;
                            let (class, key) = if paid {
                                ("tag pay-tag--paid", NtsaKey::Paid)
                            } else {
                                ("tag pay-tag--failed", NtsaKey::Unpaid)
                            };
                            view! {
                                <li class="card">
                                    <h3 class="ntsa-fine__title">{move || offence.get(i18n.lang()).to_string()}</h3>
                                    <dl class="card__facts">
                                        <div><dt>{move || i18n.t(NtsaKey::Amount)}</dt><dd>{amount.to_string()}</dd></div>
                                        <div><dt>{move || i18n.t(NtsaKey::Place)}</dt><dd>{place}</dd></div>
                                        <div><dt>{move || i18n.t(NtsaKey::When)}</dt><dd>{move || local_date_time(i18n.lang(), &at)}</dd></div>
                                        <div><dt>{move || i18n.t(NtsaKey::PointsLost)}</dt><dd>{points}</dd></div>
                                        <div><dt>{move || i18n.t(NtsaKey::Status)}</dt><dd><strong class=class>{move || i18n.t(key)}</strong></dd></div>
                                    </dl>
                                    {(!paid).then(|| view! { <PayFineButton fine_id=id/> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// Makes (or finds) the application that pays this fine and opens its pay page. The Idempotency-Key is
/// kept while the page is open, so a double tap or a retry after a dropped connection makes one.
#[component]
fn PayFineButton(fine_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = leptos_router::hooks::use_navigate();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let key = crate::api::upload::random_uuid();
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(false);
        let (fine_id, key, navigate) = (fine_id.clone(), key.clone(), navigate.clone());
        leptos::task::spawn_local(async move {
            match api::ntsa::pay_fine(&fine_id, &key).await {
                Ok(application) => navigate(
                    &format!("/applications/{}/pay", application.id),
                    Default::default(),
                ),
                Err(_) => {
                    busy.set(false);
                    failed.set(true);
                }
            }
        });
    };
    view! {
        <p>
            <button type="button" class="button" on:click=on_click aria-disabled=move || busy.get().to_string()>
                {move || if busy.get() { i18n.t(NtsaKey::PreparingFine) } else { i18n.t(NtsaKey::PayThisFine) }}
            </button>
        </p>
        {move || failed.get().then(|| view! {
            <p class="notice notice--error" role="alert">{i18n.t(NtsaKey::FineNotReady)}</p>
        })}
    }
}
