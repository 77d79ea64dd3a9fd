//! What NTSA's registers mean for a person's applications: who may apply for what (checked when a draft is
//! started and again when it is sent), and what a paid application changes in the registers, in the
//! payment's own transaction.

use njia_domain::catalog::Service;
use njia_domain::date::Date;
use njia_domain::forms::{Answer, Answers};
use sqlx::{AnyConnection, Row};

use crate::acting::Actor;
use crate::db::Db;
use crate::error::ApiError;
use njia_domain::api::FieldError;

/// One answer of a form, trimmed: what the register rules compare.
pub(crate) fn one<'a>(answers: &'a Answers, field: &str) -> Option<&'a str> {
    match answers.get(field) {
        Some(Answer::One(value)) => Some(value.trim()),
        _ => None,
    }
}

/// A `422` on one question, said as the register sees it.
pub(crate) fn invalid(field: &str, code: &str, message: &str) -> ApiError {
    ApiError::Invalid(vec![FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }])
}

const NTSA: &str = "ntsa";
/// Paying fines is how a person with unpaid fines gets unblocked, so it is never blocked itself.
const FINES: &str = "ntsa-instant-fines";
const BOOKLET_RENEWAL: &str = "ntsa-dl-renewal-booklet";
const SMART_LICENCE: &str = "ntsa-smart-dl";
const PROVISIONAL: &str = "ntsa-dl-provisional";
const VEHICLE_SEARCH: &str = "ntsa-vehicle-search";

/// Refuses an NTSA service the registers do not allow: any while the person has unpaid fines
/// (`unpaid_fines`), a smart licence without a licence to replace (`no_licence`: a first licence comes from
/// passing the driving test), and a booklet renewal without a booklet licence (`no_booklet_licence`).
///
/// First of all, who may apply at all: acting for an organisation, only services open to organisations
/// (`not_for_organisations`); acting for oneself, not the services only organisations use
/// (`organisations_only`). The person's own fines and licences do not bear on what an organisation does.
pub async fn check_eligibility(db: &Db, actor: &Actor, service: &Service) -> Result<(), ApiError> {
    match actor.organisation {
        // The fines on the register are a person's own (their licence, their points): an organisation does not
        // pay them, whatever the catalog says of fines in general.
        Some(_) if !service.open_to_organisations() || service.id == FINES => {
            Err(ApiError::Conflict("not_for_organisations"))
        }
        Some(_) => Ok(()),
        None if !service.open_to_people() => Err(ApiError::Conflict("organisations_only")),
        None => check_person(db, &actor.user().id, service).await,
    }
}

/// The person's own standing with NTSA (fines, licences) for a service they apply for themselves.
pub async fn check_person(db: &Db, user_id: &str, service: &Service) -> Result<(), ApiError> {
    if service.agency != NTSA || service.id == FINES {
        return Ok(());
    }
    let unpaid: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM offences WHERE user_id = $1 AND paid_at IS NULL")
            .bind(user_id)
            .fetch_one(&db.pool)
            .await?;
    if unpaid > 0 {
        return Err(ApiError::Conflict("unpaid_fines"));
    }
    if service.id == SMART_LICENCE {
        let any: Option<String> = sqlx::query_scalar(
            "SELECT id FROM driving_licences WHERE user_id = $1 AND suspended_at IS NULL LIMIT 1",
        )
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
        if any.is_none() {
            return Err(ApiError::Conflict("no_licence"));
        }
    }
    if service.id == BOOKLET_RENEWAL {
        let booklet: Option<String> = sqlx::query_scalar(
            "SELECT id FROM driving_licences WHERE user_id = $1 AND kind = 'booklet' AND suspended_at IS NULL",
        )
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
        if booklet.is_none() {
            return Err(ApiError::Conflict("no_booklet_licence"));
        }
    }
    Ok(())
}

/// Checks a sent application's answers against the registers: a fine is paid by the reference number of
/// one of the person's unpaid fines, for the offence that fine is for, at the amount the register holds.
pub async fn check_answers(
    db: &Db,
    actor: &Actor,
    service: &Service,
    answers: &Answers,
) -> Result<(), ApiError> {
    let user_id = actor.user().id.as_str();
    if service.id == VEHICLE_SEARCH {
        return match vehicle_searched(db, answers).await? {
            Some(_) => Ok(()),
            None => Err(ApiError::Invalid(vec![FieldError {
                field: searched_field(answers).into(),
                code: "unknown_vehicle".into(),
                message: "No vehicle on the register has this number. Check it and try again."
                    .into(),
            }])),
        };
    }
    if service.id == crate::vehicle_registration::SERVICE {
        return crate::vehicle_registration::check_answers(db, answers).await;
    }
    if service.id == crate::transfers::SERVICE {
        return crate::transfers::check_answers(db, actor, answers).await;
    }
    if service.id == crate::organisations::SERVICE {
        return crate::organisations::check_answers(db, answers).await;
    }
    if service.id != FINES {
        return Ok(());
    }
    let (Some(Answer::One(notice)), Some(Answer::One(offence))) =
        (answers.get("notice_number"), answers.get("offence"))
    else {
        return Ok(());
    };
    let row = sqlx::query(
        "SELECT code, amount_cents FROM offences WHERE user_id = $1 AND notice_number = $2 AND paid_at IS NULL",
    )
    .bind(user_id)
    .bind(notice.trim().to_ascii_uppercase())
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Err(invalid(
            "notice_number",
            "unknown_notice",
            "We cannot find an unpaid fine with this reference number in your name. Check the SMS.",
        ));
    };
    if row.try_get::<String, _>("code")? != *offence {
        return Err(invalid(
            "offence",
            "offence_differs",
            "This fine is for another offence. Choose the offence named in the SMS.",
        ));
    }
    let amount: i64 = row.try_get("amount_cents")?;
    if service.fee.amount_for(answers).map(|m| m.cents()) != Some(amount) {
        return Err(ApiError::Conflict("fine_amount_differs"));
    }
    Ok(())
}

/// Applies a resubmission (after an officer asked for changes) to what payment set up in the registers.
pub async fn on_resubmitted(
    conn: &mut AnyConnection,
    service_id: &str,
    application_id: &str,
    actor: &Actor,
    answers: &Answers,
    now: i64,
) -> Result<(), ApiError> {
    match service_id {
        crate::transfers::SERVICE => {
            crate::transfers::on_resubmitted(conn, application_id, &actor.user().id, answers, now)
                .await
        }
        _ => Ok(()),
    }
}

/// Applies a just-paid application to the registers. Returns the note for its timeline when the payment
/// completes it (an immediate service with an effect); `None` leaves it for an officer.
pub async fn on_paid(
    conn: &mut AnyConnection,
    service_id: &str,
    application_id: &str,
    user_id: &str,
    answers: &Answers,
    now: i64,
) -> Result<Option<String>, ApiError> {
    let today = Date::from_unix_ms(now);
    match service_id {
        BOOKLET_RENEWAL => renew_booklet(conn, user_id, answers, today).await,
        FINES => pay_fine(conn, user_id, answers, now).await,
        VEHICLE_SEARCH => vehicle_record(conn, answers).await,
        crate::transfers::SERVICE => {
            crate::transfers::on_paid(conn, application_id, user_id, answers, now).await
        }
        crate::routes::test_bookings::SERVICE => {
            crate::routes::test_bookings::on_paid(conn, application_id).await
        }
        _ => Ok(None),
    }
}

/// Applies an approval to the registers, in the decision's transaction; returns what changed, for the
/// timeline. A smart licence replaces the person's licence for 3 years; a provisional licence is issued
/// for 3 months.
pub async fn on_approved(
    conn: &mut AnyConnection,
    service_id: &str,
    application_id: &str,
    user_id: &str,
    answers: &Answers,
    now: i64,
) -> Result<Option<String>, ApiError> {
    let today = Date::from_unix_ms(now);
    match service_id {
        SMART_LICENCE => {
            let Some(row) = sqlx::query(
                "SELECT id, number FROM driving_licences WHERE user_id = $1 ORDER BY expires_on DESC LIMIT 1",
            )
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?
            else {
                return Ok(None);
            };
            let id: String = row.try_get("id")?;
            let number: String = row.try_get("number")?;
            let until = today.add_years(3);
            sqlx::query(
                "UPDATE driving_licences SET kind = 'smart', issued_on = $1, expires_on = $2 WHERE id = $3",
            )
            .bind(today.to_string())
            .bind(until.to_string())
            .bind(&id)
            .execute(&mut *conn)
            .await?;
            Ok(Some(format!(
                "Smart driving licence {number}, valid until {until}. / Leseni janja ya udereva {number}, halali hadi {until}."
            )))
        }
        PROVISIONAL => {
            let classes = match answers.get("licence_classes") {
                Some(Answer::Many(classes)) => classes.join(","),
                Some(Answer::One(class)) => class.clone(),
                _ => return Ok(None),
            };
            let school = match answers.get("driving_school") {
                Some(Answer::One(school)) => school.trim().to_string(),
                _ => return Ok(None),
            };
            // The school as the register knows it, or added as the applicant named it.
            let school_id: String = match sqlx::query_scalar::<_, String>(
                "SELECT id FROM driving_schools WHERE LOWER(name) = LOWER($1)",
            )
            .bind(&school)
            .fetch_optional(&mut *conn)
            .await?
            {
                Some(id) => id,
                None => {
                    let id = uuid::Uuid::new_v4().to_string();
                    sqlx::query(
                        "INSERT INTO driving_schools (id, name, county) VALUES ($1, $2, '')",
                    )
                    .bind(&id)
                    .bind(&school)
                    .execute(&mut *conn)
                    .await?;
                    id
                }
            };
            let number = format!(
                "PDL-{}",
                &uuid::Uuid::new_v4().simple().to_string()[..8].to_ascii_uppercase()
            );
            let until = today.add_months(3);
            sqlx::query(
                "INSERT INTO provisional_licences (id, user_id, number, classes, driving_school_id, issued_on, expires_on) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(user_id)
            .bind(&number)
            .bind(&classes)
            .bind(&school_id)
            .bind(today.to_string())
            .bind(until.to_string())
            .execute(&mut *conn)
            .await?;
            Ok(Some(format!(
                "Provisional licence {number} for {classes}, valid until {until}. / Leseni ya muda {number} ya {classes}, halali hadi {until}."
            )))
        }
        crate::transfers::SERVICE => crate::transfers::on_approved(conn, application_id, now).await,
        crate::vehicle_registration::SERVICE => {
            crate::vehicle_registration::on_approved(conn, answers, now).await
        }
        crate::organisations::SERVICE => {
            crate::organisations::on_approved(conn, application_id, user_id, answers, now).await
        }
        _ => Ok(None),
    }
}

/// Which answer names the vehicle of a search.
fn searched_field(answers: &Answers) -> &'static str {
    match answers.get("search_by") {
        Some(Answer::One(by)) if by == "chassis" => "chassis",
        _ => "plate",
    }
}

/// The id of the vehicle a search names, by plate or chassis number.
async fn vehicle_searched(db: &Db, answers: &Answers) -> Result<Option<String>, ApiError> {
    let (column, value) = searched_value(answers);
    let Some(value) = value else { return Ok(None) };
    Ok(
        sqlx::query_scalar(&format!("SELECT id FROM vehicles WHERE {column} = $1"))
            .bind(value)
            .fetch_optional(&db.pool)
            .await?,
    )
}

fn searched_value(answers: &Answers) -> (&'static str, Option<String>) {
    let field = searched_field(answers);
    let value = match answers.get(field) {
        Some(Answer::One(value)) => Some(value.trim().to_ascii_uppercase()),
        _ => None,
    };
    match field {
        "chassis" => ("chassis_number", value),
        _ => (
            "plate",
            value.and_then(|v| {
                njia_domain::ids::Plate::parse(&v)
                    .ok()
                    .map(|p| p.as_str().to_string())
            }),
        ),
    }
}

/// The copy of records a vehicle search pays for: what NTSA's search shows — chassis and engine numbers,
/// make, model, year, registration date, the owners' names and any caveat — never an owner's ID or phone.
async fn vehicle_record(
    conn: &mut AnyConnection,
    answers: &Answers,
) -> Result<Option<String>, ApiError> {
    let (column, Some(value)) = searched_value(answers) else {
        return Ok(None);
    };
    let Some(row) = sqlx::query(&format!(
        "SELECT id, plate, chassis_number, engine_number, make, model, year, colour, registered_on, financier \
         FROM vehicles WHERE {column} = $1"
    ))
    .bind(&value)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let owners: Vec<String> = sqlx::query(
        "SELECT u.first_name, u.other_names, u.surname FROM vehicle_owners o JOIN users u ON u.id = o.user_id \
         WHERE o.vehicle_id = $1 ORDER BY u.surname, u.first_name",
    )
    .bind(&id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| -> Result<String, sqlx::Error> {
        let parts: Vec<String> = vec![r.try_get("first_name")?, r.try_get("other_names")?, r.try_get("surname")?];
        Ok(parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" "))
    })
    .collect::<Result<_, _>>()?;
    let financier: Option<String> = row.try_get("financier")?;
    let caveat_en = financier
        .as_deref()
        .map_or("none".to_string(), |f| format!("financed by {f}"));
    let caveat_sw = financier
        .as_deref()
        .map_or("hakuna".to_string(), |f| format!("imefadhiliwa na {f}"));
    let (plate, chassis, engine, make, model, colour, registered): (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    ) = (
        row.try_get("plate")?,
        row.try_get("chassis_number")?,
        row.try_get("engine_number")?,
        row.try_get("make")?,
        row.try_get("model")?,
        row.try_get("colour")?,
        row.try_get("registered_on")?,
    );
    let year: i64 = row.try_get("year")?;
    let owners = owners.join(", ");
    Ok(Some(format!(
        "{plate}: {make} {model}, {year}, {colour}. Chassis {chassis}, engine {engine}. Registered {registered}. \
         Owner: {owners}. Caveat: {caveat_en}. / Mmiliki: {owners}. Tahadhari: {caveat_sw}."
    )))
}

/// Marks the fine paid: NTSA services open again once no fine is left unpaid.
async fn pay_fine(
    conn: &mut AnyConnection,
    user_id: &str,
    answers: &Answers,
    now: i64,
) -> Result<Option<String>, ApiError> {
    let Some(Answer::One(notice)) = answers.get("notice_number") else {
        return Ok(None);
    };
    let notice = notice.trim().to_ascii_uppercase();
    let paid = sqlx::query(
        "UPDATE offences SET paid_at = $1 WHERE user_id = $2 AND notice_number = $3 AND paid_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(&notice)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok((paid == 1).then(|| format!("Fine {notice} paid. / Faini {notice} imelipwa.")))
}

/// A booklet renewal runs on from the current expiry, or from today if the licence has already expired.
async fn renew_booklet(
    conn: &mut AnyConnection,
    user_id: &str,
    answers: &Answers,
    today: Date,
) -> Result<Option<String>, ApiError> {
    let years = match answers.get("period") {
        Some(Answer::One(period)) if period == "1" => 1,
        Some(Answer::One(period)) if period == "3" => 3,
        _ => return Ok(None),
    };
    let Some(row) = sqlx::query(
        "SELECT id, number, expires_on FROM driving_licences WHERE user_id = $1 AND kind = 'booklet' \
         ORDER BY expires_on DESC LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let number: String = row.try_get("number")?;
    let expires_on: String = row.try_get("expires_on")?;
    let current = Date::parse_iso(&expires_on)
        .map_err(|_| anyhow::anyhow!("licence {id} has an unreadable expiry date"))?;
    let renewed = current.max(today).add_years(years);
    sqlx::query("UPDATE driving_licences SET expires_on = $1 WHERE id = $2")
        .bind(renewed.to_string())
        .bind(&id)
        .execute(&mut *conn)
        .await?;
    tracing::info!(licence = id, "booklet licence renewed");
    Ok(Some(format!(
        "Driving licence {number} renewed until {renewed}. / Leseni ya udereva {number} imehuishwa hadi {renewed}."
    )))
}
