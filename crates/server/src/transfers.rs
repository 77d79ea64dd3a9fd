//! Transfer of vehicle ownership (`ntsa-vehicle-transfer`) against the registers. The seller names a vehicle
//! they own and the buyer by ID number; a financier's caveat blocks it. Paying creates the transfer, waiting
//! for the buyer (who is told by SMS) to accept or decline with their password (`routes::transfers`); an
//! officer may approve only an accepted transfer, and approving it moves the vehicle to the buyer.

use njia_domain::api::accounts::Channel;
use njia_domain::api::applications::Decision;
use njia_domain::forms::Answers;
use sqlx::{AnyConnection, Row};

use crate::acting::Actor;
use crate::db::Db;
use crate::error::ApiError;
use crate::messages::{self, Message};
use crate::registers::{invalid, one};

pub const SERVICE: &str = "ntsa-vehicle-transfer";

/// The plate as the register writes it (`KDA 123A`), whatever the spacing and case typed.
fn plate_of(answers: &Answers) -> Option<String> {
    let typed = one(answers, "plate")?.to_ascii_uppercase();
    Some(
        njia_domain::ids::Plate::parse(&typed)
            .map(|p| p.as_str().to_string())
            .unwrap_or(typed),
    )
}

/// The answer that names the buyer: which field, and what was typed.
fn buyer_answer(answers: &Answers) -> (&'static str, Option<String>) {
    match one(answers, "buyer_identified_by") {
        Some("kra_pin") => (
            "buyer_kra_pin",
            one(answers, "buyer_kra_pin").map(|p| p.to_ascii_uppercase()),
        ),
        _ => (
            "buyer_id_number",
            one(answers, "buyer_id_number").map(str::to_string),
        ),
    }
}

/// The buyer's account. Njia's accounts hold national ID numbers but no KRA PIN, so a PIN finds nobody.
async fn find_buyer(
    conn: &mut AnyConnection,
    field: &str,
    value: &str,
) -> Result<Option<String>, ApiError> {
    if field != "buyer_id_number" {
        return Ok(None);
    }
    Ok(sqlx::query_scalar(
        "SELECT id FROM users WHERE id_number = $1 AND role = 'citizen' ORDER BY created_at LIMIT 1",
    )
    .bind(value)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The SQL condition "vehicle `v` is owned by the actor" — the person, or the organisation they act for
/// (a dealer's stock) — with the person's id bound at `$n` and the organisation's at `$n+1`.
pub fn vehicle_owned_by(n: usize) -> String {
    format!(
        "(EXISTS (SELECT 1 FROM vehicle_owners o WHERE o.vehicle_id = v.id AND o.user_id = ${n}) \
         OR EXISTS (SELECT 1 FROM vehicle_organisation_owners g WHERE g.vehicle_id = v.id \
                    AND g.organisation_id = ${}))",
        n + 1
    )
}

/// Checks a transfer's answers at submission: the seller's own vehicle (or their organisation's), without a
/// caveat, at the engine size the register holds (so the fee band is right), to a registered person who is
/// not the seller.
pub async fn check_answers(db: &Db, actor: &Actor, answers: &Answers) -> Result<(), ApiError> {
    let mut conn = db.pool.acquire().await?;
    let Some(plate) = plate_of(answers) else {
        return Ok(());
    };
    let vehicle = sqlx::query(&format!(
        "SELECT v.engine_cc, v.financier FROM vehicles v WHERE v.plate = $1 AND {}",
        vehicle_owned_by(2)
    ))
    .bind(&plate)
    .bind(actor.person_id())
    .bind(actor.organisation_id())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(vehicle) = vehicle else {
        return Err(invalid(
            "plate",
            "not_your_vehicle",
            "No vehicle with this number plate is registered in your name. Check the plate on the logbook.",
        ));
    };
    let financier: Option<String> = vehicle.try_get("financier")?;
    if let Some(financier) = financier {
        // The SPA says it in full: "This vehicle is financed by …: the financier must lift the caveat …".
        tracing::info!(financier, "transfer blocked by a caveat");
        return Err(ApiError::Conflict("caveat"));
    }
    let engine_cc: i64 = vehicle.try_get("engine_cc")?;
    if one(answers, "engine_cc").and_then(|cc| cc.parse::<i64>().ok()) != Some(engine_cc) {
        return Err(invalid(
            "engine_cc",
            "engine_differs",
            &format!(
                "The register gives this vehicle's engine size as {engine_cc} cc. Enter the size on the logbook."
            ),
        ));
    }
    let (field, value) = buyer_answer(answers);
    let Some(value) = value else { return Ok(()) };
    match find_buyer(&mut conn, field, &value).await? {
        None => Err(invalid(
            field,
            "buyer_not_found",
            "Nobody with an account on Njia has this number. The buyer must create an account first.",
        )),
        Some(buyer) if Some(buyer.as_str()) == actor.person_id() => Err(invalid(
            field,
            "buyer_is_seller",
            "This is your own number. Enter the buyer's.",
        )),
        Some(_) => Ok(()),
    }
}

/// In the payment's transaction: the paid transfer now waits for the buyer, who is told by SMS. Returns
/// `None`, so the application goes to review like any other.
pub async fn on_paid(
    conn: &mut AnyConnection,
    application_id: &str,
    user_id: &str,
    answers: &Answers,
    now: i64,
) -> Result<Option<String>, ApiError> {
    let Some(plate) = plate_of(answers) else {
        return Ok(None);
    };
    let Some(vehicle) = sqlx::query("SELECT id, make, model FROM vehicles WHERE plate = $1")
        .bind(&plate)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let vehicle_id: String = vehicle.try_get("id")?;
    let (field, identifier) = buyer_answer(answers);
    let identifier = identifier.unwrap_or_default();
    let buyer = find_buyer(conn, field, &identifier).await?;
    sqlx::query(
        "INSERT INTO vehicle_transfers (id, application_id, vehicle_id, seller_id, buyer_id, buyer_identifier, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'awaiting_buyer', $7)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(application_id)
    .bind(&vehicle_id)
    .bind(user_id)
    .bind(buyer.as_deref())
    .bind(&identifier)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if let Some(buyer) = buyer {
        let phone: String = sqlx::query_scalar("SELECT phone FROM users WHERE id = $1")
            .bind(&buyer)
            .fetch_one(&mut *conn)
            .await?;
        let organisation: Option<String> = sqlx::query_scalar(
            "SELECT g.name FROM applications a JOIN organisations g ON g.id = a.organisation_id WHERE a.id = $1",
        )
        .bind(application_id)
        .fetch_optional(&mut *conn)
        .await?;
        let seller = match organisation {
            Some(name) => name,
            None => full_name(conn, user_id).await?,
        };
        let (make, model): (String, String) = (vehicle.try_get("make")?, vehicle.try_get("model")?);
        let message = Message {
            channel: Channel::Sms,
            to: phone,
            subject: None,
            body: format!(
                "Njia: {seller} wants to transfer {plate} ({make} {model}) to you. Open Njia, My NTSA, \
                 to accept or decline.\nNjia: {seller} anataka kukuhamishia {plate} ({make} {model}). \
                 Fungua Njia, NTSA Yangu, ukubali au ukatae."
            ),
            purpose: "vehicle_transfer",
        };
        messages::enqueue(conn, &message, now).await?;
    }
    Ok(None)
}

/// In the transaction of a resubmission after the officer asked for changes: when the seller has changed the
/// vehicle or the buyer, the old offer is withdrawn (an acceptance given for other terms does not carry over)
/// and the new buyer is asked; unchanged answers keep the offer and any acceptance as they are.
pub async fn on_resubmitted(
    conn: &mut AnyConnection,
    application_id: &str,
    user_id: &str,
    answers: &Answers,
    now: i64,
) -> Result<(), ApiError> {
    let existing = sqlx::query(
        "SELECT t.id, v.plate, t.buyer_identifier, t.status FROM vehicle_transfers t \
         JOIN vehicles v ON v.id = t.vehicle_id WHERE t.application_id = $1",
    )
    .bind(application_id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(row) = existing {
        let (_, identifier) = buyer_answer(answers);
        let same_vehicle =
            plate_of(answers).as_deref() == Some(row.try_get::<String, _>("plate")?.as_str());
        let same_buyer =
            identifier.as_deref() == Some(row.try_get::<String, _>("buyer_identifier")?.as_str());
        let status: String = row.try_get("status")?;
        if (same_vehicle && same_buyer) || status == "completed" {
            return Ok(());
        }
        sqlx::query("DELETE FROM vehicle_transfers WHERE id = $1")
            .bind(row.try_get::<String, _>("id")?)
            .execute(&mut *conn)
            .await?;
    }
    on_paid(conn, application_id, user_id, answers, now).await?;
    Ok(())
}

/// A person's full name, as the register shows it.
pub async fn full_name(conn: &mut AnyConnection, user_id: &str) -> Result<String, ApiError> {
    let row = sqlx::query("SELECT first_name, other_names, surname FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
    let parts: [String; 3] = [
        row.try_get("first_name")?,
        row.try_get("other_names")?,
        row.try_get("surname")?,
    ];
    Ok(parts
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect::<Vec<_>>()
        .join(" "))
}

/// An officer may approve a transfer only once its buyer has accepted (`409 awaiting_buyer`).
pub async fn check_decision(
    db: &Db,
    service_id: &str,
    application_id: &str,
    decision: Decision,
) -> Result<(), ApiError> {
    if service_id != SERVICE || decision != Decision::Approve {
        return Ok(());
    }
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM vehicle_transfers WHERE application_id = $1")
            .bind(application_id)
            .fetch_optional(&db.pool)
            .await?;
    match status.as_deref() {
        Some("accepted") => Ok(()),
        _ => Err(ApiError::Conflict("awaiting_buyer")),
    }
}

/// In the officer's approval transaction: the accepted transfer of the seller's application (the one this
/// transaction has just approved) moves the vehicle to the buyer alone.
pub async fn on_approved(
    conn: &mut AnyConnection,
    application_id: &str,
    now: i64,
) -> Result<Option<String>, ApiError> {
    let Some(row) = sqlx::query(
        "SELECT t.id, t.vehicle_id, t.buyer_id, v.plate FROM vehicle_transfers t \
         JOIN vehicles v ON v.id = t.vehicle_id \
         WHERE t.application_id = $1 AND t.status = 'accepted' AND t.buyer_id IS NOT NULL",
    )
    .bind(application_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Err(ApiError::Conflict("awaiting_buyer"));
    };
    let (id, vehicle_id, buyer_id, plate): (String, String, String, String) = (
        row.try_get("id")?,
        row.try_get("vehicle_id")?,
        row.try_get("buyer_id")?,
        row.try_get("plate")?,
    );
    // The seller (the person, or the organisation the application was made for) must still own it: two
    // transfers of one vehicle may both have been accepted, and only the first approved may take it.
    let seller = sqlx::query("SELECT user_id, organisation_id FROM applications WHERE id = $1")
        .bind(application_id)
        .fetch_one(&mut *conn)
        .await?;
    let organisation: Option<String> = seller.try_get("organisation_id")?;
    let person: Option<String> = match organisation {
        Some(_) => None,
        None => Some(seller.try_get("user_id")?),
    };
    let still_theirs: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT 1 FROM vehicles v WHERE v.id = $1 AND {}",
        vehicle_owned_by(2)
    ))
    .bind(&vehicle_id)
    .bind(person.as_deref())
    .bind(organisation.as_deref())
    .fetch_optional(&mut *conn)
    .await?;
    if still_theirs.is_none() {
        return Err(ApiError::Conflict("seller_no_longer_owner"));
    }
    for table in ["vehicle_owners", "vehicle_organisation_owners"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE vehicle_id = $1"))
            .bind(&vehicle_id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("INSERT INTO vehicle_owners (vehicle_id, user_id) VALUES ($1, $2)")
        .bind(&vehicle_id)
        .bind(&buyer_id)
        .execute(&mut *conn)
        .await?;
    let completed = sqlx::query(
        "UPDATE vehicle_transfers SET status = 'completed', decided_at = $1 WHERE id = $2 AND status = 'accepted'",
    )
    .bind(now)
    .bind(&id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if completed != 1 {
        return Err(ApiError::Conflict("changed_meanwhile"));
    }
    let buyer = full_name(conn, &buyer_id).await?;
    tracing::info!(transfer = id, "vehicle transferred");
    Ok(Some(format!(
        "{plate} now belongs to {buyer}. / {plate} sasa ni mali ya {buyer}."
    )))
}
