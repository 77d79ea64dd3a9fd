//! Demo people, loaded by `njia-server seed` for the demo and for trying the portal by hand. Loading again
//! adds nothing: an account whose email already exists is left as it is. Never run against production
//! (the passwords are printed).

use njia_domain::api::accounts::{AccountKind, PRIVACY_NOTICE_VERSION, Role};
use njia_domain::date::Date;
use njia_domain::ids::Plate;
use njia_domain::licences::{LicenceClass, LicenceKind};
use njia_domain::organisations::{OrganisationKind, OrganisationRole};
use sqlx::{AnyConnection, Row};

use crate::accounts::{passwords, store};
use crate::db::Db;

/// One password for every demo account: strong enough for the policy, easy to type on a phone.
mod stock;

pub const DEMO_PASSWORD: &str = "Chai-na-Mandazi-2026";

pub struct DemoPerson {
    pub first_name: &'static str,
    pub surname: &'static str,
    pub kind: AccountKind,
    pub id_number: &'static str,
    pub date_of_birth: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub role: Role,
    pub agency: Option<&'static str>,
    pub about: &'static str,
}

pub const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        first_name: "Wanjiku",
        surname: "Kamau",
        kind: AccountKind::Citizen,
        id_number: "23456789",
        date_of_birth: "1985-06-14",
        email: "wanjiku.kamau@demo.njia.ke",
        phone: "+254712000101",
        role: Role::Citizen,
        agency: None,
        about: "citizen",
    },
    DemoPerson {
        first_name: "Otieno",
        surname: "Odhiambo",
        kind: AccountKind::Citizen,
        id_number: "34567890",
        date_of_birth: "1978-11-02",
        email: "otieno.odhiambo@demo.njia.ke",
        phone: "+254712000102",
        role: Role::Citizen,
        agency: None,
        about: "citizen",
    },
    DemoPerson {
        first_name: "Amina",
        surname: "Hassan",
        kind: AccountKind::Citizen,
        id_number: "45678901",
        date_of_birth: "2004-02-29",
        email: "amina.hassan@demo.njia.ke",
        phone: "+254712000103",
        role: Role::Citizen,
        agency: None,
        about: "citizen",
    },
    DemoPerson {
        first_name: "Grace",
        surname: "Wambui",
        kind: AccountKind::Citizen,
        id_number: "11223344",
        date_of_birth: "1982-08-21",
        email: "grace.wambui@ntsa.demo.njia.ke",
        phone: "+254722000201",
        role: Role::Officer,
        agency: Some("ntsa"),
        about: "NTSA officer",
    },
    // Until payments exist, every NTSA application waits for payment; the registration bureau's free first
    // ID lets the demo go from applying to collection.
    DemoPerson {
        first_name: "Faith",
        surname: "Njoroge",
        kind: AccountKind::Citizen,
        id_number: "22446688",
        date_of_birth: "1988-11-02",
        email: "faith.njoroge@nrb.demo.njia.ke",
        phone: "+254722000202",
        role: Role::Officer,
        agency: Some("nrb"),
        about: "National Registration Bureau officer",
    },
    // Reviews the applications that add organisations.
    DemoPerson {
        first_name: "Mercy",
        surname: "Achieng",
        kind: AccountKind::Citizen,
        id_number: "33557799",
        date_of_birth: "1990-04-17",
        email: "mercy.achieng@ecitizen.demo.njia.ke",
        phone: "+254722000203",
        role: Role::Officer,
        agency: Some("ecitizen"),
        about: "eCitizen officer",
    },
    DemoPerson {
        first_name: "Daniel",
        surname: "Kiprop",
        kind: AccountKind::Citizen,
        id_number: "55667788",
        date_of_birth: "1975-01-30",
        email: "daniel.kiprop@admin.demo.njia.ke",
        phone: "+254722000301",
        role: Role::Administrator,
        agency: None,
        about: "administrator",
    },
];

/// Adds the demo people who are not there yet; returns how many were added.
pub async fn load(db: &Db, now: i64) -> anyhow::Result<usize> {
    let hash = passwords::hash(DEMO_PASSWORD.to_string()).await?;
    let mut added = 0;
    for person in PEOPLE {
        if store::contact_taken(db, false, person.email).await? {
            continue;
        }
        let mut tx = db.begin().await?;
        store::insert(
            &mut tx,
            &store::NewUser {
                kind: person.kind,
                id_number: person.id_number,
                first_name: person.first_name,
                other_names: "",
                surname: person.surname,
                date_of_birth: person.date_of_birth,
                email: person.email,
                phone: person.phone,
                password_hash: &hash,
                role: person.role,
                agency_id: person.agency,
                privacy_notice_version: PRIVACY_NOTICE_VERSION,
                verified: true,
            },
            now,
        )
        .await?;
        tx.commit().await?;
        added += 1;
    }
    seed_registers(db, now).await?;
    seed_organisations(db, now).await?;
    stock::seed(db, now).await?;
    crate::test_slots::ensure_slots(db, now).await?;
    Ok(added)
}

const DAY_MS: i64 = 86_400_000;

/// The date `days` from `now` (negative: before).
fn day(now: i64, days: i64) -> String {
    Date::from_unix_ms(now + days * DAY_MS).to_string()
}

/// (id, name, county code): driving schools, Driving Test Units and inspection centres. Fixed ids, so that
/// loading again finds the same rows. The schools are made up for the demo.
const DRIVING_SCHOOLS: &[(&str, &str, &str)] = &[
    (
        "a99005fd-b4c4-4fd6-8216-2488da709c09",
        "Baraka Driving School, Nairobi",
        "047",
    ),
    (
        "69891a80-6384-4ed5-943e-f0fb8c7123b8",
        "Pwani Driving School, Mombasa",
        "001",
    ),
];
const TEST_CENTRES: &[(&str, &str, &str)] = &[
    (
        "0ca8ea4d-3643-413e-9156-cdb2c065bebc",
        "Driving Test Unit, Nairobi Likoni Road",
        "047",
    ),
    (
        "60636178-c5c6-4589-a805-5429e0c20535",
        "Driving Test Unit, Mombasa",
        "001",
    ),
    (
        "83ee73cd-cea4-466b-8df2-54345a623575",
        "Driving Test Unit, Kisumu",
        "042",
    ),
];
const INSPECTION_CENTRES: &[(&str, &str, &str)] = &[
    (
        "57df6bbf-f077-42ea-8581-777838c7b479",
        "NTSA Inspection Centre, Nairobi Likoni Road",
        "047",
    ),
    (
        "835fea3b-de16-46e7-a37c-cb6cb77780dc",
        "NTSA Inspection Centre, Mombasa",
        "001",
    ),
];

/// A demo licence: (id, number, kind, days from now to its issue, to its expiry, classes with the year
/// each was granted).
struct DemoLicence {
    email: &'static str,
    id: &'static str,
    number: &'static str,
    kind: LicenceKind,
    issued_in_days: i64,
    expires_in_days: i64,
    classes: &'static [(LicenceClass, &'static str)],
}

const LICENCES: &[DemoLicence] = &[
    // Wanjiku's booklet runs out in three weeks: "My NTSA" suggests renewing it.
    DemoLicence {
        email: "wanjiku.kamau@demo.njia.ke",
        id: "96e3a984-02e8-4b01-88ba-44e2e3cfb552",
        number: "BKL-0234567",
        kind: LicenceKind::Booklet,
        issued_in_days: 21 - 3 * 365,
        expires_in_days: 21,
        classes: &[
            (LicenceClass::B1, "2009-03-16"),
            (LicenceClass::A2, "2015-08-04"),
        ],
    },
    DemoLicence {
        email: "otieno.odhiambo@demo.njia.ke",
        id: "cfab2072-b5de-4a86-8a2e-3e17e93c3063",
        number: "SDL-3456789",
        kind: LicenceKind::Smart,
        issued_in_days: -365,
        expires_in_days: 2 * 365,
        classes: &[
            (LicenceClass::B1, "2001-07-20"),
            (LicenceClass::C1, "2012-02-14"),
        ],
    },
];

/// The registers' demo rows: Wanjiku's licence and car, Otieno's licence, car on a bank loan and fines
/// (one unpaid), Amina's provisional licence; the driving schools and centres. Dates are relative to `now`.
/// Loading again adds nothing: every row has a fixed id or number and is inserted only when missing.
pub async fn seed_registers(db: &Db, now: i64) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for (table, rows) in [
        ("driving_schools", DRIVING_SCHOOLS),
        ("test_centres", TEST_CENTRES),
        ("inspection_centres", INSPECTION_CENTRES),
    ] {
        for (id, name, county) in rows {
            sqlx::query(&format!(
                "INSERT INTO {table} (id, name, county) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"
            ))
            .bind(*id)
            .bind(*name)
            .bind(*county)
            .execute(&mut *tx)
            .await?;
        }
    }
    for licence in LICENCES {
        let Some(user_id) = user_id(&mut tx, licence.email).await? else {
            continue;
        };
        sqlx::query(
            "INSERT INTO driving_licences (id, user_id, number, kind, issued_on, expires_on) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(licence.id)
        .bind(&user_id)
        .bind(licence.number)
        .bind(licence.kind.as_str())
        .bind(day(now, licence.issued_in_days))
        .bind(day(now, licence.expires_in_days))
        .execute(&mut *tx)
        .await?;
        for (class, granted_on) in licence.classes {
            sqlx::query(
                "INSERT INTO licence_classes (licence_id, class, granted_on) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(licence.id)
            .bind(class.code())
            .bind(*granted_on)
            .execute(&mut *tx)
            .await?;
        }
    }
    if let Some(amina) = user_id(&mut tx, "amina.hassan@demo.njia.ke").await? {
        sqlx::query(
            "INSERT INTO provisional_licences (id, user_id, number, classes, driving_school_id, issued_on, expires_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
        )
        .bind("5dd81187-39b3-4253-b108-8116667c6845")
        .bind(&amina)
        .bind("PDL-4567890")
        .bind(LicenceClass::B1.code())
        .bind(DRIVING_SCHOOLS[0].0)
        .bind(day(now, -30))
        .bind(day(now, 60))
        .execute(&mut *tx)
        .await?;
    }
    let vehicles = [
        DemoVehicle {
            email: "wanjiku.kamau@demo.njia.ke",
            id: "6f26e35d-9140-4930-af1c-7b019a821208",
            plate: "KDA 123A",
            chassis: "NZE161-3012345",
            engine: "1NZ-F834512",
            make: "Toyota",
            model: "Axio",
            year: 2016,
            colour: "Silver",
            engine_cc: 1500,
            body_type: "Saloon",
            logbook: "LB-0871234",
            registered_in_days: -7 * 365,
            financier: None,
            inspection: Some(("fa291990-4e80-4603-a73e-aa9cb8fe5fe2", -120)),
        },
        DemoVehicle {
            email: "otieno.odhiambo@demo.njia.ke",
            id: "2f427d2c-9ba9-4e6c-aaaa-488472e00886",
            plate: "KDK 456C",
            chassis: "SJ5-0345678",
            engine: "FB20-A561234",
            make: "Subaru",
            model: "Forester",
            year: 2019,
            colour: "Dark grey",
            engine_cc: 2000,
            body_type: "Station wagon",
            logbook: "LB-1093456",
            registered_in_days: -3 * 365,
            financier: Some("Kenya Commercial Bank"),
            inspection: None,
        },
    ];
    for vehicle in &vehicles {
        seed_vehicle(&mut tx, vehicle, now).await?;
    }
    if let Some(otieno) = user_id(&mut tx, "otieno.odhiambo@demo.njia.ke").await? {
        // (id, code, English, Kiswahili, place, days ago, shillings, points, paid)
        let fines = [
            (
                "391a0a7f-c988-483b-bf24-51f9a13b0822",
                "no-seatbelt",
                "Not wearing a seatbelt",
                "Kutofunga mkanda wa usalama",
                "Mombasa Road, Nairobi",
                5i64,
                500i64,
                2i64,
                false,
            ),
            (
                "c2e6a4f1-6a1d-4a5b-9d0f-3b8e2f7a1c55",
                "speeding-6-10",
                "Speeding 6 to 10 km/h over the limit",
                "Kuendesha kwa kasi ya km 6 hadi 10 kwa saa juu ya kikomo",
                "Thika Road, Kasarani",
                200,
                500,
                2,
                true,
            ),
        ];
        for (id, code, en, sw, place, days_ago, shillings, points, paid) in fines {
            let at = now - days_ago * DAY_MS;
            sqlx::query(
                "INSERT INTO offences (id, user_id, licence_id, code, description_en, description_sw, place, at, \
                 amount_cents, points, paid_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(&otieno)
            .bind(LICENCES[1].id)
            .bind(code)
            .bind(en)
            .bind(sw)
            .bind(place)
            .bind(at)
            .bind(shillings * 100)
            .bind(points)
            .bind(paid.then_some(at + DAY_MS))
            .execute(&mut *tx)
            .await?;
            // The fine's reference, as its SMS would give it (also for rows seeded before it existed).
            sqlx::query(
                "UPDATE offences SET notice_number = $1 WHERE id = $2 AND notice_number IS NULL",
            )
            .bind(format!("NF{}", id[..8].to_ascii_uppercase()))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The demo motor dealer, "Mwangaza Motors Ltd" (⚠ invented), whose administrator is Otieno.
pub const MWANGAZA_MOTORS_ID: &str = "f93f0892-d6f0-4c2f-bea7-ba3c8ffe32a9";
/// The demo bank, "Kenya Commercial Bank" (its PIN ⚠ invented), for which Wanjiku is an agent.
pub const KCB_ID: &str = "06f2e020-7785-48f1-928a-2e60b6b45989";

struct DemoOrganisation {
    id: &'static str,
    kind: OrganisationKind,
    name: &'static str,
    kra_pin: &'static str,
    /// The members, by email, with their roles; the first is recorded as having added it.
    members: &'static [(&'static str, OrganisationRole)],
}

const ORGANISATIONS: &[DemoOrganisation] = &[
    DemoOrganisation {
        id: MWANGAZA_MOTORS_ID,
        kind: OrganisationKind::MotorDealer,
        name: "Mwangaza Motors Ltd",
        kra_pin: "P051365947M",
        members: &[(
            "otieno.odhiambo@demo.njia.ke",
            OrganisationRole::Administrator,
        )],
    },
    // No administrator: Wanjiku sees what an agent sees.
    DemoOrganisation {
        id: KCB_ID,
        kind: OrganisationKind::FinancialInstitution,
        name: "Kenya Commercial Bank",
        kra_pin: "P000604761H",
        members: &[("wanjiku.kamau@demo.njia.ke", OrganisationRole::Agent)],
    },
];

/// The demo organisations, as if an eCitizen officer had approved them (so with no application). Loading
/// again adds nothing: fixed ids, inserted only when missing; a member removed meanwhile stays removed.
pub async fn seed_organisations(db: &Db, now: i64) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for organisation in ORGANISATIONS {
        let pin = njia_domain::organisations::parse_organisation_pin(organisation.kra_pin)
            .map_err(|e| anyhow::anyhow!("{}: {e}", organisation.kra_pin))?;
        let mut members = Vec::new();
        for (email, role) in organisation.members {
            if let Some(id) = user_id(&mut tx, email).await? {
                members.push((id, *role));
            }
        }
        let Some((created_by, _)) = members.first() else {
            continue;
        };
        sqlx::query(
            "INSERT INTO organisations (id, kind, name, kra_pin, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(organisation.id)
        .bind(organisation.kind.as_str())
        .bind(organisation.name)
        .bind(pin.as_str())
        .bind(created_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // Someone may have added an organisation with this PIN through the service before the demo data.
        let ours: Option<String> = sqlx::query_scalar("SELECT id FROM organisations WHERE id = $1")
            .bind(organisation.id)
            .fetch_optional(&mut *tx)
            .await?;
        if ours.is_none() {
            continue;
        }
        for (user, role) in &members {
            sqlx::query(
                "INSERT INTO organisation_members (organisation_id, user_id, role, added_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(organisation.id)
            .bind(user)
            .bind(role.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

struct DemoVehicle {
    email: &'static str,
    id: &'static str,
    plate: &'static str,
    chassis: &'static str,
    engine: &'static str,
    make: &'static str,
    model: &'static str,
    year: i64,
    colour: &'static str,
    engine_cc: i64,
    body_type: &'static str,
    logbook: &'static str,
    registered_in_days: i64,
    financier: Option<&'static str>,
    /// (id, days from now) of a passed inspection at Likoni Road.
    inspection: Option<(&'static str, i64)>,
}

async fn seed_vehicle(conn: &mut AnyConnection, v: &DemoVehicle, now: i64) -> anyhow::Result<()> {
    let Some(owner) = user_id(conn, v.email).await? else {
        return Ok(());
    };
    let plate = Plate::parse(v.plate).map_err(|e| anyhow::anyhow!("{}: {e}", v.plate))?;
    sqlx::query(
        "INSERT INTO vehicles (id, plate, chassis_number, engine_number, make, model, year, colour, engine_cc, \
         body_type, logbook_number, registered_on, financier) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING",
    )
    .bind(v.id)
    .bind(plate.to_string())
    .bind(v.chassis)
    .bind(v.engine)
    .bind(v.make)
    .bind(v.model)
    .bind(v.year)
    .bind(v.colour)
    .bind(v.engine_cc)
    .bind(v.body_type)
    .bind(v.logbook)
    .bind(day(now, v.registered_in_days))
    .bind(v.financier)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO vehicle_owners (vehicle_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(v.id)
    .bind(&owner)
    .execute(&mut *conn)
    .await?;
    if let Some((id, days)) = v.inspection {
        sqlx::query(
            "INSERT INTO inspections (id, vehicle_id, centre_id, inspected_on, result) \
             VALUES ($1, $2, $3, $4, 'passed') ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(v.id)
        .bind(INSPECTION_CENTRES[0].0)
        .bind(day(now, days))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn user_id(conn: &mut AnyConnection, email: &str) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query("SELECT id FROM users WHERE email_key = $1")
        .bind(email.to_lowercase())
        .fetch_optional(conn)
        .await?
        .map(|row| row.try_get("id"))
        .transpose()?)
}

/// What the run command prints.
pub fn describe() -> String {
    let mut text = format!(
        "Demo accounts (password for all: {DEMO_PASSWORD}; sign-in codes are on /dev/outbox):\n"
    );
    for p in PEOPLE {
        let name = format!("{} {}", p.first_name, p.surname);
        text.push_str(&format!(
            "  {:<14} {name:<16} ID {}  {:<34} {}\n",
            p.about, p.id_number, p.email, p.phone
        ));
    }
    text.push_str(
        "NTSA registers (\"My NTSA\"): Wanjiku's booklet licence expires in 3 weeks (car KDA 123A); Otieno has a \
         smart licence, an unpaid fine and a car on a bank loan (KDK 456C); Amina holds a provisional licence.\n",
    );
    text.push_str(
        "Organisations: Otieno administers the motor dealer Mwangaza Motors Ltd (KRA PIN P051365947M); Wanjiku \
         is an agent of Kenya Commercial Bank. The eCitizen officer approves new ones (\"Add an organisation\").\n",
    );
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_plates_pass_the_plate_rule() {
        for plate in ["KDA 123A", "KDK 456C"] {
            assert_eq!(
                njia_domain::ids::Plate::parse(plate).map(|p| p.to_string()),
                Ok(plate.to_string())
            );
        }
    }

    #[test]
    fn demo_organisations_have_organisation_pins_and_members() {
        for organisation in super::ORGANISATIONS {
            assert!(
                njia_domain::organisations::parse_organisation_pin(organisation.kra_pin)
                    .is_ok_and(|p| p.as_str() == organisation.kra_pin),
                "{}",
                organisation.name
            );
            assert!(!organisation.members.is_empty());
            for (email, _) in organisation.members {
                assert!(super::PEOPLE.iter().any(|p| p.email == *email), "{email}");
            }
        }
    }

    use njia_domain::password::{CommonPasswords, PersonalInfo, check_password};

    #[test]
    fn the_demo_password_passes_the_policy_for_every_demo_person() {
        for p in super::PEOPLE {
            let names = [p.first_name, p.surname];
            let info = PersonalInfo {
                names: &names,
                id_number: Some(p.id_number),
                email: Some(p.email),
                phone: Some(p.phone),
            };
            assert!(
                check_password(super::DEMO_PASSWORD, &info, CommonPasswords::bundled()).is_ok(),
                "{}",
                p.email
            );
        }
    }
}
