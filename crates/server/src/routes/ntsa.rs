//! "My NTSA": the signed-in person's own rows of NTSA's registers — driving licence, provisional licence,
//! vehicles, fines — with the licence's status and the demerit points left worked out by the domain's rules
//! on the server's clock. Every query is filtered by the caller's user id; nobody sees another's records.
//! Acting for an organisation, it is the organisation's: the vehicles it owns (a dealer's stock, a fleet)
//! and those it holds a caveat on as financier, which its people can lift.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use njia_domain::Money;
use njia_domain::api::ntsa::{
    DrivingLicence, Fine, GrantedClass, MyNtsa, ProvisionalLicence, Vehicle, mask_chassis_number,
};
use njia_domain::catalog::Localized;
use njia_domain::date::Date;
use njia_domain::licences::{
    DEMERIT_RULES, LicenceClass, LicenceKind, LicenceStatus, licence_status, parse_class_list,
};
use sqlx::Row;

use crate::accounts::sessions::SignedIn;
use crate::acting::Actor;
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;

/// The person's driving licence, provisional licence, vehicles and fines, with the demerit points left
/// from the offences of the last 12 months. Never cacheable (personal data).
#[utoipa::path(get, path = "/api/ntsa/me", tag = "ntsa", operation_id = "my_ntsa",
    responses((status = 200, body = MyNtsa), (status = 401, body = njia_domain::api::ErrorEnvelope)))]
pub async fn my_ntsa(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<([(axum::http::HeaderName, HeaderValue); 1], Json<MyNtsa>), ApiError> {
    let no_store = [(CACHE_CONTROL, HeaderValue::from_static("no-store"))];
    if let Some(organisation) = actor.organisation_id() {
        let body = MyNtsa {
            licence: None,
            provisional: None,
            vehicles: vehicles(&state, &actor).await?,
            financed: financed(&state, organisation).await?,
            fines: Vec::new(),
            points_left: DEMERIT_RULES.total,
            points_total: DEMERIT_RULES.total,
        };
        return Ok((no_store, Json(body)));
    }
    let user_id = actor.user().id.as_str();
    let today = Date::from_unix_ms(state.clock.now_ms());
    let fines = fines(&state, user_id).await?;
    let points_left = DEMERIT_RULES.points_left(
        fines
            .iter()
            .map(|(at, fine)| (Date::from_unix_ms(*at), fine.points)),
        today,
    );
    let mut fines: Vec<Fine> = fines.into_iter().map(|(_, fine)| fine).collect();
    // Unpaid first (they block other NTSA services), then newest first.
    fines.sort_by(|a, b| a.paid.cmp(&b.paid).then_with(|| b.at.cmp(&a.at)));
    let body = MyNtsa {
        licence: licence(&state, user_id, today, points_left).await?,
        provisional: provisional(&state, user_id).await?,
        vehicles: vehicles(&state, &actor).await?,
        financed: Vec::new(),
        fines,
        points_left,
        points_total: DEMERIT_RULES.total,
    };
    Ok((no_store, Json(body)))
}

fn date_of(text: &str) -> Result<Date, ApiError> {
    Date::parse_iso(text)
        .map_err(|_| ApiError::from(anyhow::anyhow!("the register holds a bad date {text:?}")))
}

fn count(value: i64) -> Result<u32, ApiError> {
    u32::try_from(value).map_err(|_| ApiError::from(anyhow::anyhow!("count out of range: {value}")))
}

/// The licence that expires last, if the person holds any.
async fn licence(
    state: &AppState,
    user_id: &str,
    today: Date,
    points_left: u32,
) -> Result<Option<DrivingLicence>, ApiError> {
    let Some(row) = sqlx::query(
        "SELECT id, number, kind, issued_on, expires_on, suspended_at FROM driving_licences \
         WHERE user_id = $1 ORDER BY expires_on DESC, number LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&state.db.pool)
    .await?
    else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let kind: String = row.try_get("kind")?;
    let expires_on: String = row.try_get("expires_on")?;
    let status = if row.try_get::<Option<i64>, _>("suspended_at")?.is_some() {
        LicenceStatus::Suspended
    } else {
        licence_status(date_of(&expires_on)?, today, points_left)
    };
    let mut classes = Vec::new();
    for class_row in
        sqlx::query("SELECT class, granted_on FROM licence_classes WHERE licence_id = $1")
            .bind(&id)
            .fetch_all(&state.db.pool)
            .await?
    {
        let code: String = class_row.try_get("class")?;
        let class = LicenceClass::parse(&code)
            .ok_or_else(|| anyhow::anyhow!("unknown licence class {code}"))?;
        classes.push(GrantedClass {
            class,
            granted_on: class_row.try_get("granted_on")?,
        });
    }
    classes.sort_by_key(|granted| granted.class);
    Ok(Some(DrivingLicence {
        number: row.try_get("number")?,
        kind: LicenceKind::parse(&kind).ok_or_else(|| anyhow::anyhow!("unknown kind {kind}"))?,
        classes,
        issued_on: row.try_get("issued_on")?,
        expires_on,
        status,
    }))
}

/// The provisional licence that expires last, if any.
async fn provisional(
    state: &AppState,
    user_id: &str,
) -> Result<Option<ProvisionalLicence>, ApiError> {
    let row = sqlx::query(
        "SELECT p.number, p.classes, s.name AS school, p.issued_on, p.expires_on \
         FROM provisional_licences p JOIN driving_schools s ON s.id = p.driving_school_id \
         WHERE p.user_id = $1 ORDER BY p.expires_on DESC, p.number LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(ProvisionalLicence {
        number: row.try_get("number")?,
        classes: parse_class_list(&row.try_get::<String, _>("classes")?),
        driving_school: row.try_get("school")?,
        issued_on: row.try_get("issued_on")?,
        expires_on: row.try_get("expires_on")?,
    }))
}

const VEHICLE_COLUMNS: &str = "SELECT v.plate, v.make, v.model, v.year, v.colour, v.engine_cc, v.body_type, \
     v.chassis_number, v.registered_on, v.financier, \
     (SELECT COUNT(*) FROM vehicle_owners all_owners WHERE all_owners.vehicle_id = v.id) \
     + (SELECT COUNT(*) FROM vehicle_organisation_owners all_orgs WHERE all_orgs.vehicle_id = v.id) AS owners, \
     (SELECT MAX(i.inspected_on) FROM inspections i WHERE i.vehicle_id = v.id) AS last_inspection \
     FROM vehicles v";

/// Vehicles the person (or the organisation they act for) owns, alone or with others, by plate.
async fn vehicles(state: &AppState, actor: &Actor) -> Result<Vec<Vehicle>, ApiError> {
    let rows = sqlx::query(&format!(
        "{VEHICLE_COLUMNS} WHERE {} ORDER BY v.plate",
        crate::transfers::vehicle_owned_by(1)
    ))
    .bind(actor.person_id())
    .bind(actor.organisation_id())
    .fetch_all(&state.db.pool)
    .await?;
    vehicles_of(rows)
}

/// Vehicles on which the organisation holds a caveat as financier.
async fn financed(state: &AppState, organisation_id: &str) -> Result<Vec<Vehicle>, ApiError> {
    let rows = sqlx::query(&format!(
        "{VEHICLE_COLUMNS} WHERE v.financier_organisation_id = $1 ORDER BY v.plate"
    ))
    .bind(organisation_id)
    .fetch_all(&state.db.pool)
    .await?;
    vehicles_of(rows)
}

fn vehicles_of(rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<Vehicle>, ApiError> {
    let mut vehicles = Vec::with_capacity(rows.len());
    for row in rows {
        let year: i64 = row.try_get("year")?;
        vehicles.push(Vehicle {
            plate: row.try_get("plate")?,
            make: row.try_get("make")?,
            model: row.try_get("model")?,
            year: u16::try_from(year).map_err(|_| anyhow::anyhow!("bad year {year}"))?,
            colour: row.try_get("colour")?,
            engine_cc: count(row.try_get("engine_cc")?)?,
            body_type: row.try_get("body_type")?,
            chassis_number_masked: mask_chassis_number(
                &row.try_get::<String, _>("chassis_number")?,
            ),
            registered_on: row.try_get("registered_on")?,
            joint: row.try_get::<i64, _>("owners")? > 1,
            financier: row.try_get("financier")?,
            last_inspection: row.try_get("last_inspection")?,
        });
    }
    Ok(vehicles)
}

/// The person's fines with the time of each offence in milliseconds (for the demerit points).
async fn fines(state: &AppState, user_id: &str) -> Result<Vec<(i64, Fine)>, ApiError> {
    let rows = sqlx::query(
        "SELECT id, description_en, description_sw, place, at, amount_cents, points, paid_at, notice_number \
         FROM offences WHERE user_id = $1 ORDER BY at DESC, id",
    )
    .bind(user_id)
    .fetch_all(&state.db.pool)
    .await?;
    let mut fines = Vec::with_capacity(rows.len());
    for row in rows {
        let at: i64 = row.try_get("at")?;
        fines.push((
            at,
            Fine {
                id: row.try_get("id")?,
                offence: Localized {
                    en: row.try_get("description_en")?,
                    sw: row.try_get("description_sw")?,
                },
                place: row.try_get("place")?,
                at: rfc3339(at),
                amount: Money::from_cents(row.try_get("amount_cents")?),
                points: count(row.try_get("points")?)?,
                paid: row.try_get::<Option<i64>, _>("paid_at")?.is_some(),
                notice_number: row.try_get("notice_number")?,
            },
        ));
    }
    Ok(fines)
}

/// Pays one of the person's unpaid fines: makes and sends an "Instant traffic fines" application for it
/// (its reference number and offence, checked against the register), so it is paid like any invoice. A
/// second call while that application waits for payment answers with the same application.
#[utoipa::path(post, path = "/api/ntsa/fines/{id}/pay", tag = "ntsa", operation_id = "pay_fine",
    params(("id" = String, Path, description = "The fine's id, from My NTSA"),
        ("Idempotency-Key" = String, Header, description = "A UUID chosen by the client for this request")),
    responses((status = 200, body = njia_domain::api::applications::Application),
        (status = 404, body = njia_domain::api::ErrorEnvelope), (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn pay_fine(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    axum::extract::Path(id): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> Result<axum::response::Response, ApiError> {
    let key = crate::idempotency::key_from(&headers)?;
    let hash = crate::idempotency::request_hash("POST", &format!("/api/ntsa/fines/{id}/pay"), b"");
    let user_id = session.user.id.clone();
    crate::idempotency::run(&state, &user_id, &key, &hash, || async {
        let application = fine_application(&state, &session, &id).await?;
        Ok((
            axum::http::StatusCode::OK,
            serde_json::to_string(&application).map_err(anyhow::Error::from)?,
        ))
    })
    .await
}

async fn fine_application(
    state: &AppState,
    session: &crate::accounts::sessions::CurrentSession,
    id: &str,
) -> Result<njia_domain::api::applications::Application, ApiError> {
    // A fine is the person's own, whoever they may act for elsewhere.
    let actor = Actor::personal(session.clone());
    let user = actor.user();
    let row = sqlx::query(
        "SELECT code, notice_number, paid_at FROM offences WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(&user.id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    if row.try_get::<Option<i64>, _>("paid_at")?.is_some() {
        return Err(ApiError::Conflict("fine_paid"));
    }
    let notice: String = match row.try_get::<Option<String>, _>("notice_number")? {
        Some(notice) => notice,
        None => {
            // A fine recorded before reference numbers were kept gets one from its id.
            let notice = format!(
                "NF{}",
                id.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .take(8)
                    .collect::<String>()
                    .to_ascii_uppercase()
            );
            sqlx::query(
                "UPDATE offences SET notice_number = $1 WHERE id = $2 AND notice_number IS NULL",
            )
            .bind(&notice)
            .bind(id)
            .execute(&state.db.pool)
            .await?;
            notice
        }
    };
    let code: String = row.try_get("code")?;
    let answers = serde_json::json!({ "notice_number": notice, "offence": code }).to_string();
    // Already on its way: the same application, not a second invoice for one fine.
    let existing: Option<String> = sqlx::query_scalar(
        "SELECT id FROM applications WHERE user_id = $1 AND organisation_id IS NULL AND service_id = 'ntsa-instant-fines' \
         AND status IN ('awaiting_payment', 'draft') AND answers = $2 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(&user.id)
    .bind(&answers)
    .fetch_optional(&state.db.pool)
    .await?;
    let application_id = match existing {
        Some(existing) => existing,
        None => {
            let new = uuid::Uuid::new_v4().to_string();
            let now = state.clock.now_ms();
            sqlx::query(
                "INSERT INTO applications (id, user_id, service_id, status, answers, created_at, updated_at) \
                 VALUES ($1, $2, 'ntsa-instant-fines', 'draft', $3, $4, $4)",
            )
            .bind(&new)
            .bind(&user.id)
            .bind(&answers)
            .bind(now)
            .execute(&state.db.pool)
            .await?;
            new
        }
    };
    super::applications::submit(state, &actor, &application_id).await
}

/// Lifts a financier's caveat once the loan is repaid: only people acting for the financial institution
/// that holds it (404 for anyone else, so a plate's financier is not told). The vehicle's owners are told
/// by SMS and the audit trail records who lifted it. Lifting a caveat already gone changes nothing.
#[utoipa::path(post, path = "/api/ntsa/vehicles/{plate}/lift-caveat", tag = "ntsa", operation_id = "lift_caveat",
    params(("plate" = String, Path, description = "The vehicle's plate, as My NTSA shows it")),
    responses((status = 204, description = "The caveat is lifted"), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn lift_caveat(
    State(state): State<AppState>,
    actor: Actor,
    origin: crate::accounts::audit::Origin,
    axum::extract::Path(plate): axum::extract::Path<String>,
) -> Result<axum::http::StatusCode, ApiError> {
    let Some(organisation) = &actor.organisation else {
        return Err(ApiError::NotFound);
    };
    let plate = njia_domain::ids::Plate::parse(&plate)
        .map(|p| p.as_str().to_string())
        .map_err(|_| ApiError::NotFound)?;
    let now = state.clock.now_ms();
    let mut tx = state.db.begin().await?;
    let vehicle_id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM vehicles WHERE plate = $1 AND financier_organisation_id = $2",
    )
    .bind(&plate)
    .bind(&organisation.organisation_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(vehicle_id) = vehicle_id else {
        return Err(ApiError::NotFound);
    };
    sqlx::query(
        "UPDATE vehicles SET financier = NULL, financier_organisation_id = NULL WHERE id = $1",
    )
    .bind(&vehicle_id)
    .execute(&mut *tx)
    .await?;
    crate::accounts::audit::record_detailed(
        &mut tx,
        Some(&actor.user().id),
        None,
        "caveat_lifted",
        Some(&format!(
            "organisation={}; plate={plate}",
            organisation.organisation_id
        )),
        &origin,
        now,
    )
    .await?;
    let phones: Vec<String> = sqlx::query_scalar(
        "SELECT u.phone FROM vehicle_owners o JOIN users u ON u.id = o.user_id WHERE o.vehicle_id = $1",
    )
    .bind(&vehicle_id)
    .fetch_all(&mut *tx)
    .await?;
    for phone in phones {
        let message = crate::messages::Message {
            channel: njia_domain::api::accounts::Channel::Sms,
            to: phone,
            subject: None,
            body: format!(
                "Njia: {} has lifted its caveat on {plate}. You can now transfer the vehicle.\n\
                 Njia: {} imeondoa tahadhari yake kwenye {plate}. Sasa unaweza kuhamisha gari.",
                organisation.name, organisation.name
            ),
            purpose: "caveat_lifted",
        };
        crate::messages::enqueue(&mut tx, &message, now).await?;
    }
    tx.commit().await?;
    state.outbox.notify();
    tracing::info!(vehicle = vehicle_id, "caveat lifted");
    Ok(axum::http::StatusCode::NO_CONTENT)
}
