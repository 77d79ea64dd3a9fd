//! "My NTSA" (`GET /api/ntsa/me`): a new citizen's is empty with all 20 points; rows of the registers for
//! that citizen come back with the chassis number masked, the licence's status and the points left worked
//! out on the server's clock; nobody else sees them; signed out is 401. Loading the demo data twice gives
//! each demo record once. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestApp;
use njia_domain::Money;
use njia_domain::api::ntsa::MyNtsa;
use njia_domain::date::Date;
use njia_domain::licences::{LicenceClass, LicenceKind, LicenceStatus};
use njia_server::db::Db;
use reqwest::{Client, StatusCode};
use sqlx::Row;

const DAY_MS: i64 = 86_400_000;

async fn my_ntsa(app: &TestApp, client: &Client) -> MyNtsa {
    let r = client.get(app.url("/api/ntsa/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", app.engine);
    assert_eq!(
        r.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    r.json().await.unwrap()
}

async fn user_id(db: &Db, phone: &str) -> String {
    sqlx::query("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .try_get("id")
        .unwrap()
}

fn day(app: &TestApp, days: i64) -> String {
    Date::from_unix_ms(app.clock_now() + days * DAY_MS).to_string()
}

async fn exec(db: &Db, sql: &str, binds: &[&str]) {
    let mut query = sqlx::query(sql);
    for bind in binds {
        query = query.bind(*bind);
    }
    query.execute(&db.pool).await.unwrap();
}

/// A licence expiring in 10 days (B1 and C1), a provisional licence, two vehicles (one joint with
/// `co_owner`, one financed), two offences (3 points 10 days ago, unpaid; 4 points 400 days ago, paid).
async fn seed_registers(app: &TestApp, db: &Db, owner: &str, co_owner: &str) {
    exec(
        db,
        "INSERT INTO driving_licences (id, user_id, number, kind, issued_on, expires_on) \
         VALUES ('lic-1', $1, 'TEST-DL-1', 'smart', $2, $3)",
        &[owner, &day(app, -1085), &day(app, 10)],
    )
    .await;
    for (class, on) in [("C1", "2015-04-01"), ("B1", "2010-01-31")] {
        exec(
            db,
            "INSERT INTO licence_classes (licence_id, class, granted_on) VALUES ('lic-1', $1, $2)",
            &[class, on],
        )
        .await;
    }
    exec(
        db,
        "INSERT INTO driving_schools (id, name, county) VALUES ('school-1', 'Test Driving School', '047')",
        &[],
    )
    .await;
    exec(
        db,
        "INSERT INTO provisional_licences (id, user_id, number, classes, driving_school_id, issued_on, expires_on) \
         VALUES ('pdl-1', $1, 'TEST-PDL-1', 'B1,A2', 'school-1', $2, $3)",
        &[owner, &day(app, -10), &day(app, 80)],
    )
    .await;
    exec(
        db,
        "INSERT INTO inspection_centres (id, name, county) VALUES ('centre-1', 'Likoni Road', '047')",
        &[],
    )
    .await;
    for (id, plate, chassis, logbook, financier) in [
        (
            "veh-1",
            "KDA 123A",
            "NZE1613012345",
            "LB-T1",
            Some("Kenya Commercial Bank"),
        ),
        ("veh-2", "KMDF 219K", "MD2A12345678", "LB-T2", None),
    ] {
        sqlx::query(
            "INSERT INTO vehicles (id, plate, chassis_number, engine_number, make, model, year, colour, engine_cc, \
             body_type, logbook_number, registered_on, financier) \
             VALUES ($1, $2, $3, 'ENG', 'Toyota', 'Axio', $4, 'Silver', $5, 'Saloon', $6, '2018-05-10', $7)",
        )
        .bind(id)
        .bind(plate)
        .bind(chassis)
        .bind(2016_i64)
        .bind(1500_i64)
        .bind(logbook)
        .bind(financier)
        .execute(&db.pool)
        .await
        .unwrap();
    }
    for (vehicle, user) in [("veh-1", owner), ("veh-2", owner), ("veh-2", co_owner)] {
        exec(
            db,
            "INSERT INTO vehicle_owners (vehicle_id, user_id) VALUES ($1, $2)",
            &[vehicle, user],
        )
        .await;
    }
    for (id, on) in [("insp-1", "2025-01-15"), ("insp-2", "2026-01-20")] {
        exec(
            db,
            "INSERT INTO inspections (id, vehicle_id, centre_id, inspected_on, result) \
             VALUES ($1, 'veh-1', 'centre-1', $2, 'passed')",
            &[id, on],
        )
        .await;
    }
    let now = app.clock_now();
    for (id, days_ago, points, paid) in [("off-1", 10, 3, false), ("off-2", 400, 4, true)] {
        let at = now - days_ago * DAY_MS;
        sqlx::query(
            "INSERT INTO offences (id, user_id, licence_id, code, description_en, description_sw, place, at, \
             amount_cents, points, paid_at) \
             VALUES ($1, $2, 'lic-1', 'X', 'Not wearing a seatbelt', 'Kutofunga mkanda', 'Mombasa Road', $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(owner)
        .bind(at)
        .bind(50_000_i64)
        .bind(points as i64)
        .bind(paid.then_some(at))
        .execute(&db.pool)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn my_ntsa_shows_only_the_callers_own_registers() {
    for app in common::apps().await {
        let (owner, owner_phone) = common::citizen(&app, 1).await;
        let (other, other_phone) = common::citizen(&app, 2).await;
        let (co_owner, co_owner_phone) = common::citizen(&app, 3).await;

        let empty = my_ntsa(&app, &owner).await;
        assert_eq!(
            empty,
            MyNtsa {
                licence: None,
                provisional: None,
                vehicles: vec![],
                financed: vec![],
                fines: vec![],
                points_left: 20,
                points_total: 20,
            },
            "{}",
            app.engine
        );

        let db = Db::connect(&app.database_url).await.unwrap();
        let owner_id = user_id(&db, &owner_phone).await;
        let co_owner_id = user_id(&db, &co_owner_phone).await;
        seed_registers(&app, &db, &owner_id, &co_owner_id).await;

        let mine = my_ntsa(&app, &owner).await;
        let licence = mine.licence.clone().expect("a licence");
        assert_eq!(licence.number, "TEST-DL-1");
        assert_eq!(licence.kind, LicenceKind::Smart);
        assert_eq!(licence.status, LicenceStatus::Valid);
        assert_eq!(licence.expires_on, day(&app, 10));
        let classes: Vec<(LicenceClass, &str)> = licence
            .classes
            .iter()
            .map(|c| (c.class, c.granted_on.as_str()))
            .collect();
        assert_eq!(
            classes,
            [
                (LicenceClass::B1, "2010-01-31"),
                (LicenceClass::C1, "2015-04-01")
            ]
        );
        let provisional = mine.provisional.clone().expect("a provisional licence");
        assert_eq!(provisional.classes, [LicenceClass::A2, LicenceClass::B1]);
        assert_eq!(provisional.driving_school, "Test Driving School");

        assert_eq!(mine.vehicles.len(), 2, "{}", app.engine);
        let car = &mine.vehicles[0];
        assert_eq!(car.plate, "KDA 123A");
        assert_eq!(car.chassis_number_masked, "****2345");
        assert_eq!((car.year, car.engine_cc), (2016, 1500));
        assert_eq!(car.financier.as_deref(), Some("Kenya Commercial Bank"));
        assert_eq!(car.last_inspection.as_deref(), Some("2026-01-20"));
        assert!(!car.joint);
        let bike = &mine.vehicles[1];
        assert_eq!(bike.plate, "KMDF 219K");
        assert!(bike.joint);
        assert_eq!(bike.last_inspection, None);

        // The paid offence is more than a year old: only the 3 points of the unpaid one count.
        assert_eq!((mine.points_left, mine.points_total), (17, 20));
        let fines: Vec<(&str, bool, u32)> = mine
            .fines
            .iter()
            .map(|f| (f.id.as_str(), f.paid, f.points))
            .collect();
        assert_eq!(fines, [("off-1", false, 3), ("off-2", true, 4)]);
        assert_eq!(mine.fines[0].amount, Money::shillings(500));
        assert_eq!(mine.fines[0].offence.sw, "Kutofunga mkanda");
        assert!(mine.fines[0].at.ends_with('Z'));

        // Nobody else sees them; a joint owner sees only the joint vehicle.
        let others = my_ntsa(&app, &other).await;
        assert_eq!(others, empty, "{}", app.engine);
        let joint = my_ntsa(&app, &co_owner).await;
        assert_eq!(joint.licence, None);
        assert_eq!(joint.fines, vec![]);
        assert_eq!(
            joint
                .vehicles
                .iter()
                .map(|v| v.plate.as_str())
                .collect::<Vec<_>>(),
            ["KMDF 219K"]
        );
        let _ = other_phone;

        // Past its expiry date, the licence has expired (the session would not survive moving the clock).
        sqlx::query("UPDATE driving_licences SET expires_on = $1 WHERE id = 'lic-1'")
            .bind(day(&app, -1))
            .execute(&db.pool)
            .await
            .unwrap();
        let later = my_ntsa(&app, &owner).await;
        assert_eq!(
            later.licence.map(|l| l.status),
            Some(LicenceStatus::Expired)
        );
        assert_eq!(later.points_left, 17);

        // A suspended licence says so whatever its dates.
        sqlx::query("UPDATE driving_licences SET suspended_at = $1 WHERE id = 'lic-1'")
            .bind(app.clock_now())
            .execute(&db.pool)
            .await
            .unwrap();
        assert_eq!(
            my_ntsa(&app, &owner).await.licence.map(|l| l.status),
            Some(LicenceStatus::Suspended)
        );
    }
}

#[tokio::test]
async fn my_ntsa_needs_a_session() {
    for app in common::apps().await {
        let r = app.get("/api/ntsa/me").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{}", app.engine);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "unauthenticated");
    }
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

#[tokio::test]
async fn loading_the_demo_twice_gives_each_register_record_once() {
    for app in common::apps().await {
        let db = Db::connect(&app.database_url).await.unwrap();
        let now = app.clock_now();
        njia_server::demo::load(&db, now).await.unwrap();
        njia_server::demo::load(&db, now + DAY_MS).await.unwrap();
        let user = |email: &str| format!("(SELECT id FROM users WHERE email_key = '{email}')");
        let wanjiku = user("wanjiku.kamau@demo.njia.ke");
        let otieno = user("otieno.odhiambo@demo.njia.ke");
        let amina = user("amina.hassan@demo.njia.ke");
        for (sql, expected) in [
            (
                format!("SELECT COUNT(*) FROM driving_licences WHERE user_id = {wanjiku} AND kind = 'booklet'"),
                1,
            ),
            (
                format!("SELECT COUNT(*) FROM driving_licences WHERE user_id = {otieno} AND kind = 'smart'"),
                1,
            ),
            (
                format!("SELECT COUNT(*) FROM offences WHERE user_id = {otieno} AND paid_at IS NULL"),
                1,
            ),
            (
                format!("SELECT COUNT(*) FROM offences WHERE user_id = {otieno}"),
                2,
            ),
            (
                format!("SELECT COUNT(*) FROM provisional_licences WHERE user_id = {amina}"),
                1,
            ),
            (
                format!("SELECT COUNT(*) FROM vehicle_owners WHERE user_id = {wanjiku}"),
                1,
            ),
            ("SELECT COUNT(*) FROM vehicles WHERE plate = 'KDK 456C' AND financier = 'Kenya Commercial Bank'".into(), 1),
            ("SELECT COUNT(*) FROM licence_classes".into(), 4),
            ("SELECT COUNT(*) FROM test_centres".into(), 3),
            ("SELECT COUNT(*) FROM inspection_centres".into(), 2),
            ("SELECT COUNT(*) FROM inspections".into(), 1),
        ] {
            assert_eq!(count(&db, &sql).await, expected, "{}: {sql}", app.engine);
        }
        // Wanjiku's booklet expires in about three weeks, from the first load's clock.
        let expires: String = sqlx::query(&format!(
            "SELECT expires_on FROM driving_licences WHERE user_id = {wanjiku}"
        ))
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
        assert_eq!(
            expires,
            Date::from_unix_ms(now + 21 * DAY_MS).to_string(),
            "{}",
            app.engine
        );
    }
}
