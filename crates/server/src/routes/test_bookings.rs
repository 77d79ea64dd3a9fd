//! Driving test bookings (NTSA). A person with an unexpired provisional licence for a class picks a slot at a
//! Driving Test Unit; booking holds a place and makes an application for `ntsa-driving-test-booking` waiting
//! for its fee, with its invoice, in one transaction. Paying turns the hold into a booking (see [`on_paid`],
//! called by `registers::on_paid` in the payment's transaction). The person may move the test to another
//! slot or cancel it; an NTSA officer records the result after the test, and a pass adds the class to the
//! person's driving licence (issuing a smart licence if they have none).
//!
//! A slot is never overbooked: a place is taken by one conditional statement,
//! `UPDATE test_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity`, that affects one row or
//! none, in the booking's transaction; the table's CHECK (`booked <= capacity`) backs it up. Another person's
//! booking is a 404.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use njia_domain::api::accounts::Channel;
use njia_domain::api::applications::ApplicationStatus;
use njia_domain::api::test_bookings::{
    BookTestRequest, HOLD_MINUTES, HoldDeadline, RescheduleRequest, TestBooking, TestBookingStatus,
    TestBookings, TestResultRequest, TestSlot, TestSlots, clock_time, kenya_date_time, long_date,
};
use njia_domain::api::test_bookings::{
    OfficerTestBooking, OfficerTestBookings, TestCentre, kenya_day_start_ms,
};
use njia_domain::catalog::Lang;
use njia_domain::date::Date;
use njia_domain::forms::Answers;
use njia_domain::licences::{LicenceClass, parse_class_list};
use serde::Deserialize;
use sqlx::{AnyConnection, Row};

use super::officer::Officer;
use crate::accounts::sessions::SignedIn;
use crate::accounts::store;
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::idempotency;
use crate::messages::{self, Message};

/// The catalog entry whose fee a booking pays.
pub const SERVICE: &str = "ntsa-driving-test-booking";
const NTSA: &str = "ntsa";
const DAY_MS: i64 = 86_400_000;
/// How far ahead slots are offered.
const SHOWN_DAYS: i64 = 30;
/// A licence issued on a first pass runs this long.
const NEW_LICENCE_YEARS: i32 = 3;

const SLOT_COLUMNS: &str = "s.id AS slot_id, s.centre_id, c.name AS centre_name, s.starts_at, \
     s.capacity - s.booked AS places_left";

fn slot_of(row: &sqlx::any::AnyRow) -> Result<TestSlot, ApiError> {
    let starts_at: i64 = row.try_get("starts_at")?;
    let (date, time) = kenya_date_time(starts_at);
    Ok(TestSlot {
        id: row.try_get("slot_id")?,
        centre_id: row.try_get("centre_id")?,
        centre_name: row.try_get("centre_name")?,
        starts_at: rfc3339(starts_at),
        date: date.to_string(),
        time,
        places_left: u32::try_from(row.try_get::<i64, _>("places_left")?.max(0)).unwrap_or(0),
    })
}

/// "Nairobi Likoni Road DTU, 12 December 2026 at 09:00" in English and Kiswahili.
fn when_and_where(centre: &str, starts_at: i64) -> (String, String) {
    let (date, time) = kenya_date_time(starts_at);
    (
        format!("{centre}, {} at {time}", long_date(date, Lang::En)),
        format!(
            "{centre}, {} {}",
            long_date(date, Lang::Sw),
            clock_time(&time, Lang::Sw)
        ),
    )
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SlotQuery {
    /// Only this test centre's slots (its id).
    pub centre: Option<String>,
    /// The licence class to be tested (`B1`…). Every slot takes every class; an unknown class is a 400.
    pub class: Option<String>,
}

/// The slots of the next 30 days that still have a place, soonest first, with the places left.
#[utoipa::path(get, path = "/api/ntsa/test-slots", tag = "ntsa", operation_id = "list_test_slots",
    params(SlotQuery),
    responses((status = 200, body = TestSlots), (status = 400, body = njia_domain::api::ErrorEnvelope),
        (status = 401, body = njia_domain::api::ErrorEnvelope)))]
pub async fn list_test_slots(
    State(state): State<AppState>,
    SignedIn(_session): SignedIn,
    query: Result<Query<SlotQuery>, QueryRejection>,
) -> Result<Json<TestSlots>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    if let Some(class) = query.class.as_deref().filter(|c| !c.is_empty())
        && LicenceClass::parse(class).is_none()
    {
        return Err(ApiError::BadRequest(format!(
            "unknown licence class {class:?}"
        )));
    }
    let now = state.clock.now_ms();
    let centre = query.centre.filter(|c| !c.is_empty());
    let rows = sqlx::query(&format!(
        "SELECT {SLOT_COLUMNS} FROM test_slots s JOIN test_centres c ON c.id = s.centre_id \
         WHERE s.starts_at > $1 AND s.starts_at <= $2 AND s.booked < s.capacity \
         AND ($3 IS NULL OR s.centre_id = $3) ORDER BY s.starts_at, c.name, s.id"
    ))
    .bind(now)
    .bind(now + SHOWN_DAYS * DAY_MS)
    .bind(centre)
    .fetch_all(&state.db.pool)
    .await?;
    let items = rows.iter().map(slot_of).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(TestSlots { items }))
}

/// One booking with its slot; `owner` limits it to the person's own.
async fn booking(
    conn: &mut AnyConnection,
    id: &str,
    owner: Option<&str>,
) -> Result<Option<(TestBooking, String, i64)>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT b.id, b.application_id, b.class, b.status, b.created_at, b.user_id, {SLOT_COLUMNS} \
         FROM test_bookings b JOIN test_slots s ON s.id = b.slot_id JOIN test_centres c ON c.id = s.centre_id \
         WHERE b.id = $1 AND ($2 IS NULL OR b.user_id = $2)"
    ))
    .bind(id)
    .bind(owner)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        Ok((
            booking_of(&row)?,
            row.try_get("user_id")?,
            row.try_get("starts_at")?,
        ))
    })
    .transpose()
}

/// When a place held at `held_at` is let go unless paid for.
pub fn hold_ends(held_at: i64) -> i64 {
    held_at + HOLD_MINUTES * 60_000
}

fn booking_of(row: &sqlx::any::AnyRow) -> Result<TestBooking, ApiError> {
    let class: String = row.try_get("class")?;
    let status: String = row.try_get("status")?;
    let status = TestBookingStatus::parse(&status)
        .ok_or_else(|| anyhow::anyhow!("unknown booking status {status}"))?;
    let held_until = (status == TestBookingStatus::Held).then(|| {
        let at = hold_ends(row.try_get::<i64, _>("created_at")?);
        let (date, time) = kenya_date_time(at);
        Ok::<_, sqlx::Error>(HoldDeadline {
            at: rfc3339(at),
            date: date.to_string(),
            time,
        })
    });
    Ok(TestBooking {
        id: row.try_get("id")?,
        application_id: row.try_get("application_id")?,
        slot: slot_of(row)?,
        class: LicenceClass::parse(&class)
            .ok_or_else(|| anyhow::anyhow!("unknown licence class {class}"))?,
        status,
        held_until: held_until.transpose()?,
    })
}

/// The person's driving test bookings, newest first.
#[utoipa::path(get, path = "/api/ntsa/test-bookings", tag = "ntsa", operation_id = "list_test_bookings",
    responses((status = 200, body = TestBookings), (status = 401, body = njia_domain::api::ErrorEnvelope)))]
pub async fn list_test_bookings(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<Json<TestBookings>, ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT b.id, b.application_id, b.class, b.status, b.created_at, {SLOT_COLUMNS} \
         FROM test_bookings b JOIN test_slots s ON s.id = b.slot_id JOIN test_centres c ON c.id = s.centre_id \
         WHERE b.user_id = $1 ORDER BY b.created_at DESC, b.id LIMIT 100"
    ))
    .bind(&session.user.id)
    .fetch_all(&state.db.pool)
    .await?;
    let items = rows.iter().map(booking_of).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(TestBookings { items }))
}

/// Books a driving test: holds a place in the slot and makes the application that carries the fee's
/// invoice (status `awaiting_payment`); pay it at `/applications/{application_id}/pay` to turn the hold into
/// a booking. Send an `Idempotency-Key`. Refused with 409 `no_provisional_licence` (none unexpired),
/// `class_not_on_provisional`, `unpaid_fines`, `already_booked` (an open booking for the class) or
/// `slot_full` (no place left, or the slot has started).
#[utoipa::path(post, path = "/api/ntsa/test-bookings", tag = "ntsa", operation_id = "book_test",
    params(("Idempotency-Key" = String, Header, description = "A UUID chosen by the client for this booking")),
    request_body = BookTestRequest,
    responses((status = 201, body = TestBooking), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn book_test(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    headers: HeaderMap,
    ApiJson(request): ApiJson<BookTestRequest>,
) -> Result<Response, ApiError> {
    let key = idempotency::key_from(&headers)?;
    let body = serde_json::to_vec(&request).map_err(anyhow::Error::from)?;
    let hash = idempotency::request_hash("POST", "/api/ntsa/test-bookings", &body);
    let user_id = session.user.id.clone();
    idempotency::run(&state, &user_id, &key, &hash, || async {
        let booking = book(&state, &session.user, &request).await?;
        Ok((
            StatusCode::CREATED,
            serde_json::to_string(&booking).map_err(anyhow::Error::from)?,
        ))
    })
    .await
}

/// The classes of the person's unexpired provisional licences.
async fn provisional_classes(
    state: &AppState,
    user_id: &str,
    today: Date,
) -> Result<Vec<LicenceClass>, ApiError> {
    let lists: Vec<String> = sqlx::query_scalar(
        "SELECT classes FROM provisional_licences WHERE user_id = $1 AND expires_on >= $2",
    )
    .bind(user_id)
    .bind(today.to_string())
    .fetch_all(&state.db.pool)
    .await?;
    if lists.is_empty() {
        return Err(ApiError::Conflict("no_provisional_licence"));
    }
    Ok(lists.iter().flat_map(|l| parse_class_list(l)).collect())
}

/// Takes one place in the slot if it has one and has not started: true when taken.
async fn take_place(conn: &mut AnyConnection, slot_id: &str, now: i64) -> Result<bool, ApiError> {
    Ok(sqlx::query(
        "UPDATE test_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity AND starts_at > $2",
    )
    .bind(slot_id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

pub(crate) async fn release_place(conn: &mut AnyConnection, slot_id: &str) -> Result<(), ApiError> {
    sqlx::query("UPDATE test_slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
        .bind(slot_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The (centre name, start) of a slot, or 404.
async fn slot_place(conn: &mut AnyConnection, slot_id: &str) -> Result<(String, i64), ApiError> {
    let row = sqlx::query(
        "SELECT c.name, s.starts_at FROM test_slots s JOIN test_centres c ON c.id = s.centre_id WHERE s.id = $1",
    )
    .bind(slot_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(ApiError::NotFound)?;
    Ok((row.try_get("name")?, row.try_get("starts_at")?))
}

pub(crate) async fn event(
    conn: &mut AnyConnection,
    application_id: &str,
    actor_id: &str,
    note: &str,
    now: i64,
) -> Result<(), ApiError> {
    let status: String = sqlx::query_scalar("SELECT status FROM applications WHERE id = $1")
        .bind(application_id)
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO application_events (id, application_id, at, status, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(application_id)
        .bind(now)
        .bind(status)
        .bind(actor_id)
        .bind(note)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(crate) async fn sms(
    conn: &mut AnyConnection,
    phone: &str,
    body: String,
    purpose: &'static str,
    now: i64,
) -> Result<(), ApiError> {
    let message = Message {
        channel: Channel::Sms,
        to: phone.to_string(),
        subject: None,
        body,
        purpose,
    };
    messages::enqueue(conn, &message, now).await?;
    Ok(())
}

async fn book(
    state: &AppState,
    user: &store::User,
    request: &BookTestRequest,
) -> Result<TestBooking, ApiError> {
    let service = state
        .catalog
        .catalog
        .service(SERVICE)
        .cloned()
        .ok_or(ApiError::NotFound)?;
    let now = state.clock.now_ms();
    let today = Date::from_unix_ms(now);
    if !provisional_classes(state, &user.id, today)
        .await?
        .contains(&request.class)
    {
        return Err(ApiError::Conflict("class_not_on_provisional"));
    }
    crate::maintenance::check(&state.db, &service.agency, now).await?;
    crate::registers::check_person(&state.db, &user.id, &service).await?;
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM test_bookings WHERE user_id = $1 AND class = $2 AND status IN ('held', 'booked')",
    )
    .bind(&user.id)
    .bind(request.class.code())
    .fetch_one(&state.db.pool)
    .await?;
    if open > 0 {
        return Err(ApiError::Conflict("already_booked"));
    }
    let mut tx = state.db.begin().await?;
    // The place first: on SQLite the transaction starts by writing, so it never has to upgrade a read lock.
    if !take_place(&mut tx, &request.slot_id, now).await? {
        tx.rollback().await?;
        let mut conn = state.db.pool.acquire().await?;
        slot_place(&mut conn, &request.slot_id).await?;
        return Err(ApiError::Conflict("slot_full"));
    }
    let (centre, starts_at) = slot_place(&mut tx, &request.slot_id).await?;
    let mut reference = None;
    for _ in 0..5 {
        let candidate = super::applications::new_reference();
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM applications WHERE reference = $1")
                .bind(&candidate)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_none() {
            reference = Some(candidate);
            break;
        }
    }
    let reference = reference.ok_or_else(|| anyhow::anyhow!("could not find a free reference"))?;
    let application_id = uuid::Uuid::new_v4().to_string();
    let answers = Answers::new();
    sqlx::query(
        "INSERT INTO applications (id, reference, user_id, service_id, status, answers, created_at, updated_at, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7)",
    )
    .bind(&application_id)
    .bind(&reference)
    .bind(&user.id)
    .bind(&service.id)
    .bind(ApplicationStatus::AwaitingPayment.as_str())
    .bind(serde_json::to_string(&answers).map_err(anyhow::Error::from)?)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let (en, sw) = when_and_where(&centre, starts_at);
    let class = request.class.code();
    event(
        &mut tx,
        &application_id,
        &user.id,
        &format!(
            "Place held for a class {class} driving test: {en}. Pay to book it. / \
             Nafasi ya mtihani wa udereva wa daraja {class} imeshikiliwa: {sw}. Lipa ili kuipanga."
        ),
        now,
    )
    .await?;
    super::invoices::create(
        &mut tx,
        &service,
        &answers,
        &application_id,
        &user.id,
        &reference,
        now,
    )
    .await?;
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO test_bookings (id, user_id, application_id, slot_id, class, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(&id)
    .bind(&user.id)
    .bind(&application_id)
    .bind(&request.slot_id)
    .bind(class)
    .bind(TestBookingStatus::Held.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sms(
        &mut tx,
        &user.phone,
        format!(
            "Njia: a place is held for your driving test ({en}), reference {reference}. Pay to book it.\n\
             Njia: nafasi ya mtihani wako wa udereva ({sw}) imeshikiliwa, nambari {reference}. Lipa ili kuipanga."
        ),
        "test_booking_held",
        now,
    )
    .await?;
    tx.commit().await?;
    state.outbox.notify();
    let mut conn = state.db.pool.acquire().await?;
    booking(&mut conn, &id, Some(&user.id))
        .await?
        .map(|(b, _, _)| b)
        .ok_or(ApiError::NotFound)
}

/// Called by `registers::on_paid` in the payment's transaction when the invoice of a booking's application
/// has just been paid: the held place becomes a booking, and the note completes the application. `None`
/// when there is no held booking (an application made through the generic form goes to an officer).
pub async fn on_paid(
    conn: &mut AnyConnection,
    application_id: &str,
) -> Result<Option<String>, ApiError> {
    let Some(row) = sqlx::query(
        "SELECT b.id, b.class, i.paid_at, c.name, s.starts_at FROM test_bookings b \
         JOIN invoices i ON i.application_id = b.application_id \
         JOIN test_slots s ON s.id = b.slot_id JOIN test_centres c ON c.id = s.centre_id \
         WHERE b.application_id = $1 AND b.status = 'held'",
    )
    .bind(application_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let class: String = row.try_get("class")?;
    let paid_at: Option<i64> = row.try_get("paid_at")?;
    sqlx::query(
        "UPDATE test_bookings SET status = 'booked', updated_at = COALESCE($1, updated_at) WHERE id = $2 AND status = 'held'",
    )
    .bind(paid_at)
    .bind(&id)
    .execute(&mut *conn)
    .await?;
    let (en, sw) = when_and_where(
        &row.try_get::<String, _>("name")?,
        row.try_get("starts_at")?,
    );
    tracing::info!(booking = id, "driving test booked");
    Ok(Some(format!(
        "Driving test booked: {en}, class {class}. / Mtihani wa udereva umepangwa: {sw}, daraja {class}."
    )))
}

/// An open booking of the person's, whose test has not started: (booking, slot start).
async fn open_booking(
    conn: &mut AnyConnection,
    id: &str,
    user_id: &str,
    now: i64,
) -> Result<(TestBooking, i64), ApiError> {
    let (booking, _, starts_at) = booking(conn, id, Some(user_id))
        .await?
        .ok_or(ApiError::NotFound)?;
    if !booking.status.is_open() {
        return Err(ApiError::Conflict("not_editable"));
    }
    if starts_at <= now {
        return Err(ApiError::Conflict("test_time_passed"));
    }
    Ok((booking, starts_at))
}

/// Moves a held or booked test to another slot: the new place is taken first, then the old one given back,
/// in one transaction (409 `slot_full` if the new slot has none; the booking stays where it was). Moving to
/// the slot it is already in changes nothing. No new fee.
#[utoipa::path(post, path = "/api/ntsa/test-bookings/{id}/reschedule", tag = "ntsa", operation_id = "reschedule_test",
    params(("id" = String, Path, description = "Booking id")), request_body = RescheduleRequest,
    responses((status = 200, body = TestBooking), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn reschedule_test(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<RescheduleRequest>,
) -> Result<Json<TestBooking>, ApiError> {
    let user = &session.user;
    let now = state.clock.now_ms();
    let agency = state
        .catalog
        .catalog
        .service(SERVICE)
        .map(|service| service.agency.clone())
        .unwrap_or_else(|| NTSA.to_string());
    crate::maintenance::check(&state.db, &agency, now).await?;
    let mut conn = state.db.pool.acquire().await?;
    let (current, _) = open_booking(&mut conn, &id, &user.id, now).await?;
    if current.slot.id == request.slot_id {
        return Ok(Json(current));
    }
    slot_place(&mut conn, &request.slot_id).await?;
    drop(conn);
    let mut tx = state.db.begin().await?;
    if !take_place(&mut tx, &request.slot_id, now).await? {
        tx.rollback().await?;
        return Err(ApiError::Conflict("slot_full"));
    }
    let moved = sqlx::query(
        "UPDATE test_bookings SET slot_id = $1, updated_at = $2 WHERE id = $3 AND user_id = $4 AND slot_id = $5 \
         AND status IN ('held', 'booked')",
    )
    .bind(&request.slot_id)
    .bind(now)
    .bind(&id)
    .bind(&user.id)
    .bind(&current.slot.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if moved != 1 {
        tx.rollback().await?;
        return Err(ApiError::Conflict("changed_meanwhile"));
    }
    release_place(&mut tx, &current.slot.id).await?;
    let (centre, starts_at) = slot_place(&mut tx, &request.slot_id).await?;
    let (en, sw) = when_and_where(&centre, starts_at);
    event(
        &mut tx,
        &current.application_id,
        &user.id,
        &format!("Driving test moved to {en}. / Mtihani wa udereva umehamishiwa {sw}."),
        now,
    )
    .await?;
    sms(
        &mut tx,
        &user.phone,
        format!(
            "Njia: your driving test is now on {en}.\nNjia: mtihani wako wa udereva sasa ni {sw}."
        ),
        "test_booking_moved",
        now,
    )
    .await?;
    tx.commit().await?;
    state.outbox.notify();
    let mut conn = state.db.pool.acquire().await?;
    booking(&mut conn, &id, Some(&user.id))
        .await?
        .map(|(b, _, _)| Json(b))
        .ok_or(ApiError::NotFound)
}

/// Cancels a held or booked test and gives its place back. An unpaid booking's invoice is cancelled with it.
/// **A paid booking that is cancelled is not refunded**: the fee is NTSA's once the test is booked (the
/// person is told so before confirming). Cancelling again changes nothing.
#[utoipa::path(post, path = "/api/ntsa/test-bookings/{id}/cancel", tag = "ntsa", operation_id = "cancel_test",
    params(("id" = String, Path, description = "Booking id")),
    responses((status = 200, body = TestBooking), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn cancel_test(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> Result<Json<TestBooking>, ApiError> {
    let user = &session.user;
    let now = state.clock.now_ms();
    let mut conn = state.db.pool.acquire().await?;
    let (current, _, _) = booking(&mut conn, &id, Some(&user.id))
        .await?
        .ok_or(ApiError::NotFound)?;
    if current.status == TestBookingStatus::Cancelled {
        return Ok(Json(current));
    }
    open_booking(&mut conn, &id, &user.id, now).await?;
    drop(conn);
    let mut tx = state.db.begin().await?;
    let cancelled = sqlx::query(
        "UPDATE test_bookings SET status = 'cancelled', updated_at = $1 WHERE id = $2 AND user_id = $3 \
         AND status IN ('held', 'booked')",
    )
    .bind(now)
    .bind(&id)
    .bind(&user.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if cancelled != 1 {
        tx.rollback().await?;
        return Err(ApiError::Conflict("changed_meanwhile"));
    }
    // The slot it held is read again inside the transaction: a reschedule may have moved it.
    let slot_id: String = sqlx::query_scalar("SELECT slot_id FROM test_bookings WHERE id = $1")
        .bind(&id)
        .fetch_one(&mut *tx)
        .await?;
    release_place(&mut tx, &slot_id).await?;
    sqlx::query(
        "UPDATE invoices SET status = 'cancelled' WHERE application_id = $1 AND status = 'pending'",
    )
    .bind(&current.application_id)
    .execute(&mut *tx)
    .await?;
    let (en, sw) = when_and_where(
        &current.slot.centre_name,
        slot_start(&mut tx, &slot_id).await?,
    );
    event(
        &mut tx,
        &current.application_id,
        &user.id,
        &format!("Driving test cancelled ({en}). / Mtihani wa udereva umeghairiwa ({sw})."),
        now,
    )
    .await?;
    sms(
        &mut tx,
        &user.phone,
        format!(
            "Njia: your driving test ({en}) is cancelled.\nNjia: mtihani wako wa udereva ({sw}) umeghairiwa."
        ),
        "test_booking_cancelled",
        now,
    )
    .await?;
    tx.commit().await?;
    state.outbox.notify();
    let mut conn = state.db.pool.acquire().await?;
    booking(&mut conn, &id, Some(&user.id))
        .await?
        .map(|(b, _, _)| Json(b))
        .ok_or(ApiError::NotFound)
}

async fn slot_start(conn: &mut AnyConnection, slot_id: &str) -> Result<i64, ApiError> {
    Ok(slot_place(conn, slot_id).await?.1)
}

fn new_licence_number() -> String {
    let body = crate::accounts::secret::random_reference_body();
    format!("DL-{body}")
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct OfficerTestQuery {
    /// The test centre's id; the first centre by name when absent. An unknown centre is a 400.
    pub centre: Option<String>,
    /// The day in Kenya (EAT), `YYYY-MM-DD`; today when absent. Anything else is a 400.
    pub date: Option<String>,
}

/// Only the last four characters: the examiner compares them with the card the candidate shows, and the
/// whole number never leaves the server (shared/reference/SECURITY.md, data minimisation).
fn id_last4(id_number: &str) -> String {
    let chars: Vec<char> = id_number.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

/// One centre's driving tests of one day in Kenya, for the examiner who records the results (NTSA officers
/// only; anyone else 403, another agency's officer 404): booked tests and those with a result, by start
/// time, with the candidate's name and only the last 4 characters of their ID number; and every centre.
#[utoipa::path(get, path = "/api/officer/test-bookings", tag = "officer", operation_id = "officer_test_bookings",
    params(OfficerTestQuery),
    responses((status = 200, body = OfficerTestBookings), (status = 400, body = njia_domain::api::ErrorEnvelope),
        (status = 403, body = njia_domain::api::ErrorEnvelope), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn officer_test_bookings(
    State(state): State<AppState>,
    officer: Officer,
    query: Result<Query<OfficerTestQuery>, QueryRejection>,
) -> Result<Json<OfficerTestBookings>, ApiError> {
    if officer.agency != NTSA {
        return Err(ApiError::NotFound);
    }
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let now = state.clock.now_ms();
    let date = match query.date.as_deref().filter(|d| !d.is_empty()) {
        Some(text) => Date::parse_iso(text)
            .map_err(|_| ApiError::BadRequest(format!("date {text:?} is not YYYY-MM-DD")))?,
        None => kenya_date_time(now).0,
    };
    let rows = sqlx::query("SELECT id, name FROM test_centres ORDER BY name, id")
        .fetch_all(&state.db.pool)
        .await?;
    let centres = rows
        .iter()
        .map(|row| {
            Ok(TestCentre {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let centre_id = match query.centre.filter(|c| !c.is_empty()) {
        Some(id) if centres.iter().any(|c| c.id == id) => Some(id),
        Some(id) => return Err(ApiError::BadRequest(format!("unknown test centre {id:?}"))),
        None => centres.first().map(|c| c.id.clone()),
    };
    let mut items = Vec::new();
    if let Some(centre_id) = &centre_id {
        let start = kenya_day_start_ms(date);
        let rows = sqlx::query(
            "SELECT b.id, b.class, b.status, s.starts_at, a.reference, \
             u.first_name, u.other_names, u.surname, u.id_number \
             FROM test_bookings b JOIN test_slots s ON s.id = b.slot_id \
             JOIN applications a ON a.id = b.application_id JOIN users u ON u.id = b.user_id \
             WHERE s.centre_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 \
             AND b.status IN ('booked', 'passed', 'failed') ORDER BY s.starts_at, b.id",
        )
        .bind(centre_id)
        .bind(start)
        .bind(start + DAY_MS)
        .fetch_all(&state.db.pool)
        .await?;
        for row in &rows {
            let starts_at: i64 = row.try_get("starts_at")?;
            let class: String = row.try_get("class")?;
            let status: String = row.try_get("status")?;
            let status = TestBookingStatus::parse(&status)
                .ok_or_else(|| anyhow::anyhow!("unknown booking status {status}"))?;
            let name = [
                row.try_get::<String, _>("first_name")?,
                row.try_get::<String, _>("other_names")?,
                row.try_get::<String, _>("surname")?,
            ]
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
            items.push(OfficerTestBooking {
                id: row.try_get("id")?,
                starts_at: rfc3339(starts_at),
                time: kenya_date_time(starts_at).1,
                class: LicenceClass::parse(&class)
                    .ok_or_else(|| anyhow::anyhow!("unknown licence class {class}"))?,
                candidate_name: name,
                candidate_id_last4: id_last4(&row.try_get::<String, _>("id_number")?),
                reference: row.try_get("reference")?,
                status,
                // The same rule as `record_test_result`.
                can_record: status == TestBookingStatus::Booked && starts_at <= now,
            });
        }
    }
    Ok(Json(OfficerTestBookings {
        centre_id,
        date: date.to_string(),
        centres,
        items,
    }))
}

/// Records a driving test's result (NTSA officers only; anyone else 403, another agency's officer 404).
/// Only for a `booked` test whose time has come (409 `result_not_allowed` otherwise). A pass adds the class
/// to the person's driving licence, granted today, issuing a smart licence valid 3 years if they have none;
/// either way the result goes on the application's timeline and to the person by SMS.
#[utoipa::path(post, path = "/api/officer/test-bookings/{id}/result", tag = "officer", operation_id = "record_test_result",
    params(("id" = String, Path, description = "Booking id")), request_body = TestResultRequest,
    responses((status = 200, body = TestBooking), (status = 403, body = njia_domain::api::ErrorEnvelope),
        (status = 404, body = njia_domain::api::ErrorEnvelope), (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn record_test_result(
    State(state): State<AppState>,
    officer: Officer,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<TestResultRequest>,
) -> Result<Json<TestBooking>, ApiError> {
    if officer.agency != NTSA {
        return Err(ApiError::NotFound);
    }
    let examiner = officer.session.user.id.clone();
    let now = state.clock.now_ms();
    let today = Date::from_unix_ms(now);
    let mut conn = state.db.pool.acquire().await?;
    let (current, user_id, starts_at) = booking(&mut conn, &id, None)
        .await?
        .ok_or(ApiError::NotFound)?;
    if current.status != TestBookingStatus::Booked || starts_at > now {
        return Err(ApiError::Conflict("result_not_allowed"));
    }
    drop(conn);
    let outcome = if request.passed {
        TestBookingStatus::Passed
    } else {
        TestBookingStatus::Failed
    };
    let mut tx = state.db.begin().await?;
    let recorded = sqlx::query(
        "UPDATE test_bookings SET status = $1, result_at = $2, examiner_id = $3, updated_at = $2 \
         WHERE id = $4 AND status = 'booked'",
    )
    .bind(outcome.as_str())
    .bind(now)
    .bind(&examiner)
    .bind(&id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if recorded != 1 {
        tx.rollback().await?;
        return Err(ApiError::Conflict("changed_meanwhile"));
    }
    let class = current.class.code();
    let (en, sw) = if request.passed {
        let licence: Option<(String, String)> = sqlx::query(
            "SELECT id, number FROM driving_licences WHERE user_id = $1 ORDER BY expires_on DESC, number LIMIT 1",
        )
        .bind(&user_id)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| Ok::<_, sqlx::Error>((row.try_get("id")?, row.try_get("number")?)))
        .transpose()?;
        let (licence_id, number, issued) = match licence {
            Some((licence_id, number)) => (licence_id, number, false),
            None => {
                let licence_id = uuid::Uuid::new_v4().to_string();
                let mut number = new_licence_number();
                for _ in 0..5 {
                    let taken: Option<i64> =
                        sqlx::query_scalar("SELECT 1 FROM driving_licences WHERE number = $1")
                            .bind(&number)
                            .fetch_optional(&mut *tx)
                            .await?;
                    if taken.is_none() {
                        break;
                    }
                    number = new_licence_number();
                }
                sqlx::query(
                    "INSERT INTO driving_licences (id, user_id, number, kind, issued_on, expires_on) \
                     VALUES ($1, $2, $3, 'smart', $4, $5)",
                )
                .bind(&licence_id)
                .bind(&user_id)
                .bind(&number)
                .bind(today.to_string())
                .bind(today.add_years(NEW_LICENCE_YEARS).to_string())
                .execute(&mut *tx)
                .await?;
                (licence_id, number, true)
            }
        };
        sqlx::query(
            "INSERT INTO licence_classes (licence_id, class, granted_on) VALUES ($1, $2, $3) \
             ON CONFLICT (licence_id, class) DO NOTHING",
        )
        .bind(&licence_id)
        .bind(class)
        .bind(today.to_string())
        .execute(&mut *tx)
        .await?;
        tracing::info!(booking = id, licence = licence_id, "driving test passed");
        if issued {
            (
                format!(
                    "Driving test passed: class {class}. Smart driving licence {number} issued."
                ),
                format!(
                    "Umefaulu mtihani wa udereva: daraja {class}. Leseni janja ya udereva {number} imetolewa."
                ),
            )
        } else {
            (
                format!("Driving test passed: class {class} added to driving licence {number}."),
                format!(
                    "Umefaulu mtihani wa udereva: daraja {class} limeongezwa kwenye leseni ya udereva {number}."
                ),
            )
        }
    } else {
        (
            format!("Driving test not passed (class {class}). You may book another test."),
            format!(
                "Hukufaulu mtihani wa udereva (daraja {class}). Unaweza kupanga mtihani mwingine."
            ),
        )
    };
    event(
        &mut tx,
        &current.application_id,
        &examiner,
        &format!("{en} / {sw}"),
        now,
    )
    .await?;
    let phone: String = sqlx::query_scalar("SELECT phone FROM users WHERE id = $1")
        .bind(&user_id)
        .fetch_one(&mut *tx)
        .await?;
    sms(
        &mut tx,
        &phone,
        format!("Njia: {en}\nNjia: {sw}"),
        "test_result",
        now,
    )
    .await?;
    tx.commit().await?;
    state.outbox.notify();
    let mut conn = state.db.pool.acquire().await?;
    booking(&mut conn, &id, None)
        .await?
        .map(|(b, _, _)| Json(b))
        .ok_or(ApiError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::id_last4;

    #[test]
    fn only_the_last_four_characters_of_an_id_are_shown() {
        assert_eq!(id_last4("23456789"), "6789");
        assert_eq!(id_last4("AK1234567"), "4567");
        assert_eq!(id_last4("123"), "123");
        assert_eq!(id_last4(""), "");
    }
}
