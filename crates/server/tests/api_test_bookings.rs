//! Driving test bookings on SQLite and PostgreSQL: a valid provisional licence for the class is required; a
//! slot is never overbooked, even when 20 people race for its last place; moving and cancelling give places
//! back; paying books the test; an NTSA officer records the result after the test and a pass puts the class
//! on the person's licence.
#![allow(clippy::unwrap_used)]

mod common;

use common::{db, pay_and_wait};
use njia_domain::api::invoices::Invoice;

use common::{Callbacks, TestApp};
use njia_domain::api::applications::{Application, ApplicationStatus};
use njia_domain::api::ntsa::MyNtsa;
use njia_domain::api::test_bookings::{TestBooking, TestBookingStatus, TestBookings, TestSlots};
use njia_domain::licences::LicenceClass;
use reqwest::{Client, StatusCode};
use serde_json::json;

const CENTRE: &str = "0ca8ea4d-3643-413e-9156-cdb2c065bebc";
const SCHOOL: &str = "a99005fd-b4c4-4fd6-8216-2488da709c09";
const DAY_MIN: i64 = 24 * 60;

/// A test centre, a driving school, and a slot `minutes` ahead with `capacity` places of which `booked` taken.
async fn seed_slot(app: &TestApp, minutes: i64, capacity: i64, booked: i64) -> String {
    let db = db(app).await;
    sqlx::query(
        "INSERT INTO test_centres (id, name, county) VALUES ($1, 'Driving Test Unit, Nairobi Likoni Road', '047') \
         ON CONFLICT DO NOTHING",
    )
    .bind(CENTRE)
    .execute(&db.pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO driving_schools (id, name, county) VALUES ($1, 'Baraka Driving School, Nairobi', '047') \
         ON CONFLICT DO NOTHING",
    )
    .bind(SCHOOL)
    .execute(&db.pool)
    .await
    .unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO test_slots (id, centre_id, starts_at, capacity, booked) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(CENTRE)
    .bind(app.clock_now() + minutes * 60_000 + (uuid::Uuid::new_v4().as_u128() % 1000) as i64)
    .bind(capacity)
    .bind(booked)
    .execute(&db.pool)
    .await
    .unwrap();
    id
}

async fn booked_count(app: &TestApp, slot: &str) -> i64 {
    sqlx::query_scalar("SELECT booked FROM test_slots WHERE id = $1")
        .bind(slot)
        .fetch_one(&db(app).await.pool)
        .await
        .unwrap()
}

/// A provisional licence for `classes` (`B1,A2`) for the person with this phone.
async fn give_provisional(app: &TestApp, phone: &str, classes: &str) {
    let db = db(app).await;
    let user_id: String = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO provisional_licences (id, user_id, number, classes, driving_school_id, issued_on, expires_on) \
         VALUES ($1, $2, $3, $4, $5, '2026-01-01', '2099-01-01')",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&user_id)
    .bind(format!(
        "PDL-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    ))
    .bind(classes)
    .bind(SCHOOL)
    .execute(&db.pool)
    .await
    .unwrap();
}

async fn book(app: &TestApp, client: &Client, slot: &str, class: &str) -> reqwest::Response {
    client
        .post(app.url("/api/ntsa/test-bookings"))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .json(&json!({"slot_id": slot, "class": class}))
        .send()
        .await
        .unwrap()
}

async fn error_code(r: reqwest::Response) -> String {
    let body: serde_json::Value = r.json().await.unwrap();
    body["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn booking_needs_an_unexpired_provisional_licence_for_the_class() {
    for app in common::apps().await {
        let slot = seed_slot(&app, 3 * DAY_MIN, 4, 0).await;
        let (client, phone) = common::citizen(&app, 1).await;
        let r = book(&app, &client, &slot, "B1").await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "{}", app.engine);
        assert_eq!(error_code(r).await, "no_provisional_licence");
        give_provisional(&app, &phone, "A2").await;
        let r = book(&app, &client, &slot, "B1").await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "{}", app.engine);
        assert_eq!(error_code(r).await, "class_not_on_provisional");
        assert_eq!(booked_count(&app, &slot).await, 0, "{}", app.engine);

        // With the class: the slot is listed with its places, and a booking holds one.
        let slots: TestSlots = client
            .get(app.url(&format!("/api/ntsa/test-slots?centre={CENTRE}&class=A2")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let listed = slots.items.iter().find(|s| s.id == slot).unwrap();
        assert_eq!(listed.places_left, 4);
        let r = book(&app, &client, &slot, "A2").await;
        assert_eq!(r.status(), StatusCode::CREATED, "{}", app.engine);
        let booking: TestBooking = r.json().await.unwrap();
        assert_eq!(booking.status, TestBookingStatus::Held);
        assert_eq!(booking.class, LicenceClass::A2);
        assert_eq!(booking.slot.places_left, 3);
        let application: Application = client
            .get(app.url(&format!("/api/applications/{}", booking.application_id)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(application.status, ApplicationStatus::AwaitingPayment);
        assert!(application.reference.is_some());
        let invoice: Invoice = client
            .get(app.url(&format!(
                "/api/applications/{}/invoice",
                booking.application_id
            )))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(invoice.items[0].amount.cents(), 105_000);
        // A second open booking for the same class is refused.
        let r = book(&app, &client, &slot, "A2").await;
        assert_eq!(error_code(r).await, "already_booked", "{}", app.engine);
        // Someone else does not see it.
        let (other, _) = common::citizen(&app, 2).await;
        let r = other
            .post(app.url(&format!("/api/ntsa/test-bookings/{}/cancel", booking.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", app.engine);
    }
}

#[tokio::test]
async fn twenty_concurrent_bookings_for_the_last_place_exactly_one_wins() {
    for app in common::apps().await {
        let slot = seed_slot(&app, 5 * DAY_MIN, 4, 3).await;
        let mut clients = Vec::new();
        for n in 0..20 {
            let (client, phone) = common::citizen(&app, 100 + n).await;
            give_provisional(&app, &phone, "B1").await;
            clients.push(client);
        }
        let answers = futures_util::future::join_all(
            clients.iter().map(|client| book(&app, client, &slot, "B1")),
        )
        .await;
        let mut won = 0;
        let mut full = 0;
        for r in answers {
            match r.status() {
                StatusCode::CREATED => won += 1,
                StatusCode::CONFLICT => {
                    assert_eq!(error_code(r).await, "slot_full", "{}", app.engine);
                    full += 1;
                }
                other => panic!(
                    "{}: unexpected {other}: {}",
                    app.engine,
                    r.text().await.unwrap()
                ),
            }
        }
        assert_eq!((won, full), (1, 19), "{}", app.engine);
        assert_eq!(booked_count(&app, &slot).await, 4, "{}", app.engine);
        let bookings: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM test_bookings WHERE slot_id = $1")
                .bind(&slot)
                .fetch_one(&db(&app).await.pool)
                .await
                .unwrap();
        assert_eq!(bookings, 1, "{}", app.engine);
        // A full slot is not offered.
        let slots: TestSlots = clients[0]
            .get(app.url("/api/ntsa/test-slots"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(slots.items.iter().all(|s| s.id != slot), "{}", app.engine);
    }
}

#[tokio::test]
async fn rescheduling_moves_the_place_and_cancelling_gives_it_back() {
    for app in common::apps().await {
        let first = seed_slot(&app, 3 * DAY_MIN, 4, 0).await;
        let second = seed_slot(&app, 4 * DAY_MIN, 2, 0).await;
        let full = seed_slot(&app, 6 * DAY_MIN, 1, 1).await;
        let (client, phone) = common::citizen(&app, 3).await;
        give_provisional(&app, &phone, "B1").await;
        let booking: TestBooking = book(&app, &client, &first, "B1")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(booked_count(&app, &first).await, 1);

        let r = client
            .post(app.url(&format!(
                "/api/ntsa/test-bookings/{}/reschedule",
                booking.id
            )))
            .json(&json!({"slot_id": full}))
            .send()
            .await
            .unwrap();
        assert_eq!(error_code(r).await, "slot_full", "{}", app.engine);
        assert_eq!(booked_count(&app, &first).await, 1, "{}", app.engine);

        let r = client
            .post(app.url(&format!(
                "/api/ntsa/test-bookings/{}/reschedule",
                booking.id
            )))
            .json(&json!({"slot_id": second}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
        let moved: TestBooking = r.json().await.unwrap();
        assert_eq!(moved.slot.id, second);
        assert_eq!(
            (
                booked_count(&app, &first).await,
                booked_count(&app, &second).await
            ),
            (0, 1),
            "{}",
            app.engine
        );

        let r = client
            .post(app.url(&format!("/api/ntsa/test-bookings/{}/cancel", booking.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
        let cancelled: TestBooking = r.json().await.unwrap();
        assert_eq!(cancelled.status, TestBookingStatus::Cancelled);
        assert_eq!(booked_count(&app, &second).await, 0, "{}", app.engine);
        let invoice: Invoice = client
            .get(app.url(&format!(
                "/api/applications/{}/invoice",
                booking.application_id
            )))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(invoice.status.as_str(), "cancelled", "{}", app.engine);
        // Cancelling again changes nothing.
        let r = client
            .post(app.url(&format!("/api/ntsa/test-bookings/{}/cancel", booking.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(booked_count(&app, &second).await, 0, "{}", app.engine);
        let mine: TestBookings = client
            .get(app.url("/api/ntsa/test-bookings"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(mine.items.len(), 1);
        assert_eq!(mine.items[0].status, TestBookingStatus::Cancelled);
    }
}

#[tokio::test]
async fn paying_books_the_test_and_a_pass_grants_the_class() {
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let slot = seed_slot(&app, 10, 4, 0).await;
        let (client, phone) = common::citizen(&app, 4).await;
        give_provisional(&app, &phone, "B1").await;
        let booking: TestBooking = book(&app, &client, &slot, "B1").await.json().await.unwrap();
        pay_and_wait(&app, &client, &booking.application_id).await;
        let mine: TestBookings = client
            .get(app.url("/api/ntsa/test-bookings"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            mine.items[0].status,
            TestBookingStatus::Booked,
            "{}",
            app.engine
        );
        let application: Application = client
            .get(app.url(&format!("/api/applications/{}", booking.application_id)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            application.status,
            ApplicationStatus::Approved,
            "{}",
            app.engine
        );
        let note = application
            .timeline
            .iter()
            .filter_map(|e| e.note.clone())
            .find(|n| n.starts_with("Driving test booked"))
            .unwrap_or_else(|| panic!("{}: {:?}", app.engine, application.timeline));
        assert!(
            note.contains("Nairobi Likoni Road") && note.contains("class B1"),
            "{note}"
        );

        let ntsa = common::officer(&app, "ntsa", 1).await;
        let nrb = common::officer(&app, "nrb", 2).await;
        let result_url = app.url(&format!("/api/officer/test-bookings/{}/result", booking.id));
        // Not before the test.
        let r = ntsa
            .post(&result_url)
            .json(&json!({"passed": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(error_code(r).await, "result_not_allowed", "{}", app.engine);
        // Ten minutes on (sessions stay open for 30 idle minutes), the test has started.
        app.clock.advance_secs(11 * 60);
        // Not by the person, nor by another agency's officer.
        let r = client
            .post(&result_url)
            .json(&json!({"passed": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", app.engine);
        let r = nrb
            .post(&result_url)
            .json(&json!({"passed": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", app.engine);
        let r = ntsa
            .post(&result_url)
            .json(&json!({"passed": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
        let done: TestBooking = r.json().await.unwrap();
        assert_eq!(done.status, TestBookingStatus::Passed);
        // Recorded once.
        let r = ntsa
            .post(&result_url)
            .json(&json!({"passed": false}))
            .send()
            .await
            .unwrap();
        assert_eq!(error_code(r).await, "result_not_allowed", "{}", app.engine);

        let me: MyNtsa = client
            .get(app.url("/api/ntsa/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let licence = me
            .licence
            .unwrap_or_else(|| panic!("{}: no licence", app.engine));
        assert!(licence.number.starts_with("DL-") && licence.number.len() == 11);
        assert!(licence.classes.iter().any(|c| c.class == LicenceClass::B1));
        let messages = common::messages_to(&app, &phone).await;
        assert!(
            messages.iter().any(|m| m.contains("Driving test passed")),
            "{}: {messages:?}",
            app.engine
        );
    }
}

#[tokio::test]
async fn an_unpaid_hold_is_let_go_after_thirty_minutes_unless_a_payment_is_in_progress() {
    use njia_domain::api::invoices::InvoiceStatus;
    use njia_domain::api::test_bookings::HOLD_MINUTES;
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let slot = seed_slot(&app, 3 * DAY_MIN, 2, 0).await;
        let (walker, walker_phone) = common::citizen(&app, 5).await;
        let (payer, payer_phone) = common::citizen(&app, 6).await;
        give_provisional(&app, &walker_phone, "B1").await;
        give_provisional(&app, &payer_phone, "B1").await;
        let walked_away: TestBooking = book(&app, &walker, &slot, "B1").await.json().await.unwrap();
        let paying: TestBooking = book(&app, &payer, &slot, "B1").await.json().await.unwrap();
        assert_eq!(booked_count(&app, &slot).await, 2, "{}", app.engine);
        let deadline = walked_away
            .held_until
            .clone()
            .expect("a held place has a deadline");
        let booked_at = app.clock_now();
        assert_eq!(
            deadline.at,
            njia_server::clock::rfc3339(booked_at + HOLD_MINUTES * 60_000),
            "{}",
            app.engine
        );

        // The second person starts an M-Pesa prompt that M-Pesa never answers.
        let invoice: Invoice = payer
            .get(app.url(&format!(
                "/api/applications/{}/invoice",
                paying.application_id
            )))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let r = payer
            .post(app.url(&format!("/api/invoices/{}/mpesa", invoice.id)))
            .header("idempotency-key", uuid::Uuid::new_v4().to_string())
            .json(&json!({"phone": "0712345404"}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{}: {}", app.engine, r.status());

        // A minute before the deadline nothing is let go.
        app.clock.advance_secs((HOLD_MINUTES - 1) * 60);
        let released = njia_server::test_holds::release_expired(&app.state)
            .await
            .unwrap();
        assert_eq!(released, 0, "{}", app.engine);
        assert_eq!(booked_count(&app, &slot).await, 2, "{}", app.engine);
        // (Both look at their bookings, which also keeps their 30-minute idle sessions open.)
        for client in [&walker, &payer] {
            let still: TestBookings = client
                .get(app.url("/api/ntsa/test-bookings"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(
                still.items[0].status,
                TestBookingStatus::Held,
                "{}",
                app.engine
            );
        }

        // After it, the unpaid hold goes and its place is free again; the hold being paid for stays.
        app.clock.advance_secs(2 * 60);
        let released = njia_server::test_holds::release_expired(&app.state)
            .await
            .unwrap();
        assert_eq!(released, 1, "{}", app.engine);
        assert_eq!(booked_count(&app, &slot).await, 1, "{}", app.engine);
        let mine: TestBookings = walker
            .get(app.url("/api/ntsa/test-bookings"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            mine.items[0].status,
            TestBookingStatus::Cancelled,
            "{}",
            app.engine
        );
        assert_eq!(mine.items[0].held_until, None, "{}", app.engine);
        let theirs: TestBookings = payer
            .get(app.url("/api/ntsa/test-bookings"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            theirs.items[0].status,
            TestBookingStatus::Held,
            "{}",
            app.engine
        );
        // The let-go hold's invoice can no longer be paid; the person was told by SMS and on the timeline.
        let closed: Invoice = walker
            .get(app.url(&format!(
                "/api/applications/{}/invoice",
                walked_away.application_id
            )))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(closed.status, InvoiceStatus::Expired, "{}", app.engine);
        let sms = common::messages_to(&app, &walker_phone).await;
        assert!(
            sms.iter()
                .any(|m| m.contains("no longer held") && m.contains("imeachiliwa")),
            "{}: {sms:?}",
            app.engine
        );
        let application: Application = walker
            .get(app.url(&format!("/api/applications/{}", walked_away.application_id)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            application
                .timeline
                .iter()
                .filter_map(|e| e.note.as_deref())
                .any(|n| n.contains("not paid within 30 minutes")),
            "{}",
            app.engine
        );
        // Running again changes nothing more.
        let released = njia_server::test_holds::release_expired(&app.state)
            .await
            .unwrap();
        assert_eq!(released, 0, "{}", app.engine);
        assert_eq!(booked_count(&app, &slot).await, 1, "{}", app.engine);
        // The freed place can be booked by someone else.
        let (third, third_phone) = common::citizen(&app, 7).await;
        give_provisional(&app, &third_phone, "B1").await;
        let r = book(&app, &third, &slot, "B1").await;
        assert_eq!(r.status(), StatusCode::CREATED, "{}", app.engine);
        assert_eq!(booked_count(&app, &slot).await, 2, "{}", app.engine);
    }
}

/// The day in Kenya (`YYYY-MM-DD`) on which a slot starts.
async fn slot_day(app: &TestApp, slot: &str) -> String {
    let starts_at: i64 = sqlx::query_scalar("SELECT starts_at FROM test_slots WHERE id = $1")
        .bind(slot)
        .fetch_one(&db(app).await.pool)
        .await
        .unwrap();
    njia_domain::api::test_bookings::kenya_date_time(starts_at)
        .0
        .to_string()
}

#[tokio::test]
async fn an_examiner_lists_the_days_tests_with_only_the_end_of_each_id_and_records_a_result() {
    use njia_domain::api::test_bookings::{OfficerTestBookings, kenya_date_time};
    const ELDORET: &str = "5b0c5d1e-7d0a-4f4e-9a35-0f3c2f8e9a11";
    for app in common::apps_with_payments(Callbacks::Delivered).await {
        let slot = seed_slot(&app, 10, 4, 0).await;
        // A second centre whose name comes first: the one shown when none is asked for.
        sqlx::query(
            "INSERT INTO test_centres (id, name, county) VALUES ($1, 'Driving Test Unit, Eldoret', '027')",
        )
        .bind(ELDORET)
        .execute(&db(&app).await.pool)
        .await
        .unwrap();
        let mut bookings = Vec::new();
        for n in [7, 8, 9] {
            let (client, phone) = common::citizen(&app, n).await;
            give_provisional(&app, &phone, "B1").await;
            let booking: TestBooking = book(&app, &client, &slot, "B1").await.json().await.unwrap();
            bookings.push((client, booking));
        }
        // The first pays (booked), the second does not (held), the third cancels.
        let paid = pay_and_wait(&app, &bookings[0].0, &bookings[0].1.application_id).await;
        let r = bookings[2]
            .0
            .post(app.url(&format!(
                "/api/ntsa/test-bookings/{}/cancel",
                bookings[2].1.id
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);

        let day = slot_day(&app, &slot).await;
        let list_url = app.url(&format!(
            "/api/officer/test-bookings?centre={CENTRE}&date={day}"
        ));
        let ntsa = common::officer(&app, "ntsa", 1).await;
        let r = ntsa.get(&list_url).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
        let body = r.text().await.unwrap();
        let full_id = (31_000_000 + 7).to_string();
        assert!(
            !body.contains(&full_id),
            "{}: the whole ID number is never sent: {body}",
            app.engine
        );
        let list: OfficerTestBookings = serde_json::from_str(&body).unwrap();
        assert_eq!(list.centre_id.as_deref(), Some(CENTRE), "{}", app.engine);
        assert_eq!(list.date, day);
        assert_eq!(
            list.centres
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect::<Vec<_>>(),
            [
                (ELDORET, "Driving Test Unit, Eldoret"),
                (CENTRE, "Driving Test Unit, Nairobi Likoni Road")
            ]
        );
        assert_eq!(
            list.items.len(),
            1,
            "{}: held and cancelled tests are not listed: {:?}",
            app.engine,
            list.items
        );
        let test = &list.items[0];
        assert_eq!(test.id, bookings[0].1.id);
        assert_eq!(test.class, LicenceClass::B1);
        assert_eq!(test.candidate_name, "Njeri Karanja");
        assert_eq!(test.candidate_id_last4, full_id[full_id.len() - 4..]);
        assert_eq!(test.reference, paid.reference);
        assert_eq!(test.status, TestBookingStatus::Booked);
        assert_eq!(test.time, bookings[0].1.slot.time);
        assert!(!test.can_record, "{}: not before the test", app.engine);

        // Without a centre or a date: the first centre by name, today in Kenya.
        let default: OfficerTestBookings = ntsa
            .get(app.url("/api/officer/test-bookings"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            default.centre_id.as_deref(),
            Some(ELDORET),
            "{}",
            app.engine
        );
        assert_eq!(default.date, kenya_date_time(app.clock_now()).0.to_string());
        assert!(default.items.is_empty());
        // Another day at the same centre has none.
        let other_day: OfficerTestBookings = ntsa
            .get(app.url(&format!(
                "/api/officer/test-bookings?centre={CENTRE}&date=2099-01-01"
            )))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(other_day.items.is_empty(), "{}", app.engine);
        for query in ["date=12-12-2026", "date=2026-02-30", "centre=nowhere"] {
            let r = ntsa
                .get(app.url(&format!("/api/officer/test-bookings?{query}")))
                .send()
                .await
                .unwrap();
            assert_eq!(
                r.status(),
                StatusCode::BAD_REQUEST,
                "{}: {query}",
                app.engine
            );
            assert_eq!(error_code(r).await, "bad_request");
        }

        // Not for the candidate, nor for another agency's officer.
        let r = bookings[0].0.get(&list_url).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", app.engine);
        assert_eq!(error_code(r).await, "officers_only");
        let nrb = common::officer(&app, "nrb", 2).await;
        let r = nrb.get(&list_url).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", app.engine);

        // Once the test has started the result may be recorded; then the list shows it.
        app.clock.advance_secs(11 * 60);
        let list: OfficerTestBookings = ntsa
            .get(&list_url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(list.items[0].can_record, "{}", app.engine);
        let r = ntsa
            .post(app.url(&format!(
                "/api/officer/test-bookings/{}/result",
                bookings[0].1.id
            )))
            .json(&json!({"passed": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
        let list: OfficerTestBookings = ntsa
            .get(&list_url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list.items.len(), 1);
        assert_eq!(
            list.items[0].status,
            TestBookingStatus::Passed,
            "{}",
            app.engine
        );
        assert!(!list.items[0].can_record);
    }
}
