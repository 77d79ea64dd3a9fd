//! What the demo organisations hold in the registers: Mwangaza Motors' stock of new vehicles, and Kenya
//! Commercial Bank's caveat on Otieno's Subaru. Idempotent like the rest of the demo data.

use crate::db::Db;

/// (id, plate, chassis, engine, make, model, year, colour, cc, body, logbook, registered days ago)
type StockVehicle = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    i64,
    &'static str,
    &'static str,
    i64,
);

const STOCK: &[StockVehicle] = &[
    (
        "7d0f6c52-3b1e-4c8e-9a57-1f2b6e4d8c01",
        "KDR 101A",
        "MR0KB3CD5P0612345",
        "2GD-C713245",
        "Toyota",
        "Hilux",
        2025,
        "White",
        2400,
        "Pick-up",
        "LB-2210451",
        12,
    ),
    (
        "b5e2a9d4-6f17-4c3a-8e21-9d4c7b3a5f02",
        "KDR 102A",
        "MALC281CAP0523456",
        "G4FG-PA543216",
        "Hyundai",
        "Accent",
        2025,
        "Blue",
        1400,
        "Saloon",
        "LB-2210452",
        5,
    ),
];

pub async fn seed(db: &Db, now: i64) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for (id, plate, chassis, engine, make, model, year, colour, cc, body, logbook, days_ago) in
        STOCK
    {
        sqlx::query(
            "INSERT INTO vehicles (id, plate, chassis_number, engine_number, make, model, year, colour, engine_cc, \
             body_type, logbook_number, registered_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(plate)
        .bind(chassis)
        .bind(engine)
        .bind(make)
        .bind(model)
        .bind(year)
        .bind(colour)
        .bind(cc)
        .bind(body)
        .bind(logbook)
        .bind(njia_domain::date::Date::from_unix_ms(now - days_ago * super::DAY_MS).to_string())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO vehicle_organisation_owners (vehicle_id, organisation_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(super::MWANGAZA_MOTORS_ID)
        .execute(&mut *tx)
        .await?;
    }
    // The bank named on the logbook is the bank on Njia, so its people can lift the caveat.
    sqlx::query(
        "UPDATE vehicles SET financier_organisation_id = $1 \
         WHERE financier = 'Kenya Commercial Bank' AND financier_organisation_id IS NULL",
    )
    .bind(super::KCB_ID)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
