//! New vehicle registration (`ntsa-vehicle-registration`), by organisations only (dealers, companies): the
//! approved application puts the vehicle on the register with a new plate and logbook number, owned by the
//! organisation whose KRA PIN the form names — the dealer itself for its stock — and, for joint ownership,
//! with the financier's caveat recorded for the financial institution named as co-owner.
//!
//! Njia's people have no KRA PIN on their accounts, so the owner and the co-owner must be organisations on
//! Njia; registering straight to a person is done by registering to the dealer's stock and transferring.

use njia_domain::date::Date;
use njia_domain::forms::Answers;
use sqlx::{AnyConnection, Row};

use crate::db::Db;
use crate::error::ApiError;
use crate::registers::{invalid, one};

pub const SERVICE: &str = "ntsa-vehicle-registration";

fn chassis_of(answers: &Answers) -> Option<String> {
    one(answers, "chassis").map(|c| c.to_ascii_uppercase().replace(' ', ""))
}

/// The organisation on Njia with this KRA PIN: (id, name).
async fn organisation_by_pin(
    conn: &mut AnyConnection,
    pin: &str,
) -> Result<Option<(String, String)>, ApiError> {
    let row = sqlx::query("SELECT id, name FROM organisations WHERE kra_pin = $1")
        .bind(pin.trim().to_ascii_uppercase())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row
        .map(|r| Ok::<_, sqlx::Error>((r.try_get("id")?, r.try_get("name")?)))
        .transpose()?)
}

/// At submission: a chassis number not yet on the register, and an owner (and co-owner) that are
/// organisations on Njia.
pub async fn check_answers(db: &Db, answers: &Answers) -> Result<(), ApiError> {
    let mut conn = db.pool.acquire().await?;
    if let Some(chassis) = chassis_of(answers) {
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM vehicles WHERE chassis_number = $1")
                .bind(&chassis)
                .fetch_optional(&mut *conn)
                .await?;
        if taken.is_some() {
            return Err(invalid(
                "chassis",
                "chassis_registered",
                "A vehicle with this chassis number is already registered. Check the number on the customs entry.",
            ));
        }
    }
    if let Some(pin) = one(answers, "owner_kra_pin")
        && organisation_by_pin(&mut conn, pin).await?.is_none()
    {
        return Err(invalid(
            "owner_kra_pin",
            "owner_not_on_njia",
            "No organisation on Njia has this KRA PIN. Enter your own organisation's PIN to register the vehicle to your stock.",
        ));
    }
    if one(answers, "ownership") == Some("joint")
        && let Some(pin) = one(answers, "co_owner_kra_pin")
        && organisation_by_pin(&mut conn, pin).await?.is_none()
    {
        return Err(invalid(
            "co_owner_kra_pin",
            "co_owner_not_on_njia",
            "No organisation on Njia has this KRA PIN. The financier must be on Njia to be recorded on the logbook.",
        ));
    }
    Ok(())
}

/// `KD` + a series letter (never I or O) + 3 digits + a letter, e.g. `KDR 417M`, each drawn evenly.
fn new_plate() -> String {
    use rand::Rng;
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut rng = rand::rngs::OsRng;
    let mut letter = || char::from(LETTERS[rng.gen_range(0..LETTERS.len())]);
    let (series, last) = (letter(), letter());
    let digits: u32 = rand::rngs::OsRng.gen_range(100..1000);
    format!("KD{series} {digits}{last}")
}

/// In the officer's approval transaction: the vehicle goes on the register.
pub async fn on_approved(
    conn: &mut AnyConnection,
    answers: &Answers,
    now: i64,
) -> Result<Option<String>, ApiError> {
    let field = |name: &str| {
        one(answers, name)
            .map(str::to_string)
            .ok_or_else(|| ApiError::from(anyhow::anyhow!("a vehicle registration without {name}")))
    };
    let chassis = chassis_of(answers)
        .ok_or_else(|| ApiError::from(anyhow::anyhow!("a vehicle registration without chassis")))?;
    let (owner_id, owner_name) = organisation_by_pin(conn, &field("owner_kra_pin")?)
        .await?
        .ok_or(ApiError::Conflict("owner_not_on_njia"))?;
    let financier = match (one(answers, "ownership"), one(answers, "co_owner_kra_pin")) {
        (Some("joint"), Some(pin)) => Some(
            organisation_by_pin(conn, pin)
                .await?
                .ok_or(ApiError::Conflict("co_owner_not_on_njia"))?,
        ),
        _ => None,
    };
    let mut plate = new_plate();
    for _ in 0..10 {
        let taken: Option<i64> = sqlx::query_scalar("SELECT 1 FROM vehicles WHERE plate = $1")
            .bind(&plate)
            .fetch_optional(&mut *conn)
            .await?;
        if taken.is_none() {
            break;
        }
        plate = new_plate();
    }
    let logbook = format!("LB{}", crate::accounts::secret::random_reference_body());
    let year: i64 = field("year")?
        .parse()
        .map_err(|_| anyhow::anyhow!("a vehicle registration with a bad year"))?;
    let engine_cc: i64 = field("engine_cc")?
        .parse()
        .map_err(|_| anyhow::anyhow!("a vehicle registration with a bad engine size"))?;
    let id = uuid::Uuid::new_v4().to_string();
    let inserted = sqlx::query(
        "INSERT INTO vehicles (id, plate, chassis_number, engine_number, make, model, year, colour, engine_cc, \
         body_type, logbook_number, registered_on, financier, financier_organisation_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         ON CONFLICT (chassis_number) DO NOTHING",
    )
    .bind(&id)
    .bind(&plate)
    .bind(&chassis)
    .bind(field("engine_number")?.to_ascii_uppercase())
    .bind(field("make")?)
    .bind(field("model")?)
    .bind(year)
    .bind(field("colour")?)
    .bind(engine_cc)
    .bind(field("body_type")?)
    .bind(&logbook)
    .bind(Date::from_unix_ms(now).to_string())
    .bind(financier.as_ref().map(|(_, name)| name.as_str()))
    .bind(financier.as_ref().map(|(id, _)| id.as_str()))
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted != 1 {
        // Registered meanwhile by another application: the officer is told, nothing is doubled.
        return Err(ApiError::Conflict("chassis_registered"));
    }
    sqlx::query(
        "INSERT INTO vehicle_organisation_owners (vehicle_id, organisation_id) VALUES ($1, $2)",
    )
    .bind(&id)
    .bind(&owner_id)
    .execute(&mut *conn)
    .await?;
    tracing::info!(vehicle = id, "new vehicle registered");
    let (caveat_en, caveat_sw) = match &financier {
        Some((_, name)) => (
            format!(", financed by {name}"),
            format!(", inafadhiliwa na {name}"),
        ),
        None => (String::new(), String::new()),
    };
    Ok(Some(format!(
        "Registered as {plate} to {owner_name}{caveat_en}. Logbook {logbook}. / \
         Limesajiliwa kama {plate} kwa {owner_name}{caveat_sw}. Logbook {logbook}."
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_plates_are_valid_civilian_plates() {
        for _ in 0..500 {
            let plate = new_plate();
            let parsed =
                njia_domain::ids::Plate::parse(&plate).unwrap_or_else(|e| panic!("{plate}: {e}"));
            assert_eq!(parsed.as_str(), plate);
            assert_eq!(parsed.kind(), njia_domain::ids::PlateKind::Civilian);
        }
    }
}
