//! Organisations people act for. One comes into being only when an eCitizen officer approves its
//! `ecitizen-add-organisation` application ([`on_approved`], in the decision's transaction), with the applicant
//! as its first administrator; administrators then invite, re-role and remove members
//! (`routes::organisations`). [`current_membership`] is the one question every request that acts for an
//! organisation asks, so a removed member loses access with their next request, not their next sign-in.

use njia_domain::api::FieldError;
use njia_domain::forms::{Answer, Answers};
use njia_domain::organisations::{
    ADD_ORGANISATION_SERVICE, OrganisationIdentifier, OrganisationKind, OrganisationRole, fields,
};
use sqlx::{AnyConnection, Row};

use crate::accounts::audit::{self, Origin};
use crate::accounts::store::is_unique_violation;
use crate::db::Db;
use crate::error::ApiError;

pub const SERVICE: &str = ADD_ORGANISATION_SERVICE;

/// A person's current membership of an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub organisation_id: String,
    pub name: String,
    pub kind: OrganisationKind,
    pub role: OrganisationRole,
}

/// The person's membership of the organisation, if they are a member now (never removed, or added back).
pub async fn current_membership(
    conn: &mut AnyConnection,
    organisation_id: &str,
    user_id: &str,
) -> Result<Option<Membership>, ApiError> {
    let Some(row) = sqlx::query(
        "SELECT o.id, o.name, o.kind, m.role FROM organisation_members m \
         JOIN organisations o ON o.id = m.organisation_id \
         WHERE m.organisation_id = $1 AND m.user_id = $2 AND m.removed_at IS NULL",
    )
    .bind(organisation_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let kind: String = row.try_get("kind")?;
    let role: String = row.try_get("role")?;
    Ok(Some(Membership {
        organisation_id: row.try_get("id")?,
        name: row.try_get("name")?,
        kind: OrganisationKind::parse(&kind)
            .ok_or_else(|| anyhow::anyhow!("organisation {organisation_id} has kind {kind:?}"))?,
        role: OrganisationRole::parse(&role)
            .ok_or_else(|| anyhow::anyhow!("a member of {organisation_id} has role {role:?}"))?,
    }))
}

/// Serialises the changes to one organisation's members: on PostgreSQL two administrators demoting each
/// other at once would otherwise both see the other still there and leave none. A no-op write takes the
/// row's lock until the transaction ends (SQLite's transactions already hold the database's write lock).
/// `false` when there is no such organisation.
pub async fn lock(conn: &mut AnyConnection, organisation_id: &str) -> Result<bool, ApiError> {
    let locked = sqlx::query("UPDATE organisations SET name = name WHERE id = $1")
        .bind(organisation_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(locked == 1)
}

/// How many current administrators the organisation has.
pub async fn administrators(
    conn: &mut AnyConnection,
    organisation_id: &str,
) -> Result<i64, ApiError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM organisation_members \
         WHERE organisation_id = $1 AND role = 'administrator' AND removed_at IS NULL",
    )
    .bind(organisation_id)
    .fetch_one(&mut *conn)
    .await?)
}

/// The column that holds this kind of identifier.
fn column(identifier: &OrganisationIdentifier) -> &'static str {
    match identifier {
        OrganisationIdentifier::KraPin(_) => "kra_pin",
        OrganisationIdentifier::RegistrationNumber(_) => "registration_number",
    }
}

async fn taken(
    conn: &mut AnyConnection,
    identifier: &OrganisationIdentifier,
) -> Result<bool, ApiError> {
    let found: Option<String> = sqlx::query_scalar(&format!(
        "SELECT id FROM organisations WHERE {} = $1",
        column(identifier)
    ))
    .bind(identifier.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

fn identifier_of(answers: &Answers) -> Result<Option<OrganisationIdentifier>, ApiError> {
    match OrganisationIdentifier::from_answers(answers) {
        None => Ok(None),
        Some(Ok(identifier)) => Ok(Some(identifier)),
        Some(Err(e)) => Err(ApiError::Invalid(vec![FieldError {
            field: e.field().into(),
            code: e.code().into(),
            message: e.to_string(),
        }])),
    }
}

/// At submission: an organisation already on Njia is not added twice; the applicant is told to ask its
/// administrators for an invitation instead.
pub async fn check_answers(db: &Db, answers: &Answers) -> Result<(), ApiError> {
    let Some(identifier) = identifier_of(answers)? else {
        return Ok(());
    };
    let mut conn = db.pool.acquire().await?;
    if taken(&mut conn, &identifier).await? {
        return Err(ApiError::Invalid(vec![FieldError {
            field: identifier.field().into(),
            code: "organisation_exists".into(),
            message: "This organisation is already on Njia. Ask one of its administrators to invite you instead."
                .into(),
        }]));
    }
    Ok(())
}

/// In the officer's approval transaction: the organisation is added, with the applicant as its administrator.
/// An organisation added meanwhile under the same PIN or number refuses the approval (`409
/// organisation_exists`), so the officer rejects this one instead.
pub async fn on_approved(
    conn: &mut AnyConnection,
    application_id: &str,
    user_id: &str,
    answers: &Answers,
    now: i64,
) -> Result<Option<String>, ApiError> {
    let text = |field: &str| match answers.get(field) {
        Some(Answer::One(value)) => Some(value.trim().to_string()),
        _ => None,
    };
    let kind = text(fields::KIND)
        .as_deref()
        .and_then(OrganisationKind::parse)
        .ok_or_else(|| {
            anyhow::anyhow!("application {application_id} names no organisation kind")
        })?;
    let name = text(fields::NAME)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| anyhow::anyhow!("application {application_id} names no organisation"))?;
    let identifier = identifier_of(answers)?.ok_or_else(|| {
        anyhow::anyhow!("application {application_id} gives no PIN or registration number")
    })?;
    if taken(conn, &identifier).await? {
        return Err(ApiError::Conflict("organisation_exists"));
    }
    let id = uuid::Uuid::new_v4().to_string();
    let (kra_pin, registration_number) = match &identifier {
        OrganisationIdentifier::KraPin(pin) => (Some(pin.as_str()), None),
        OrganisationIdentifier::RegistrationNumber(number) => (None, Some(number.as_str())),
    };
    let inserted = sqlx::query(
        "INSERT INTO organisations (id, kind, name, kra_pin, registration_number, application_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(kind.as_str())
    .bind(&name)
    .bind(kra_pin)
    .bind(registration_number)
    .bind(application_id)
    .bind(user_id)
    .bind(now)
    .execute(&mut *conn)
    .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => return Err(ApiError::Conflict("organisation_exists")),
        other => other?,
    };
    sqlx::query(
        "INSERT INTO organisation_members (organisation_id, user_id, role, added_at) VALUES ($1, $2, 'administrator', $3)",
    )
    .bind(&id)
    .bind(user_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    // The officer who approved is on the decision's own audit row, written in this same transaction.
    audit::record_detailed(
        conn,
        None,
        Some(user_id),
        "organisation_created",
        Some(&format!("organisation={id}; role=administrator")),
        &Origin::default(),
        now,
    )
    .await?;
    tracing::info!(organisation = id, "organisation added");
    Ok(Some(format!(
        "{name} ({identifier}) is now on Njia, with you as its administrator. / \
         {name} ({identifier}) sasa liko kwenye Njia, na wewe ni msimamizi wake."
    )))
}

#[cfg(test)]
mod tests {
    use njia_domain::forms::FieldKind;
    use njia_domain::organisations::{OrganisationKind, fields};

    /// The catalog's form and the domain agree: every kind offered is one the database takes, each named as
    /// the domain names it, and the PIN question refuses a person's PIN.
    #[test]
    fn the_catalog_form_asks_what_the_approval_reads() {
        let catalog = crate::catalog::load().expect("catalog loads");
        let service = catalog.service(super::SERVICE).expect("the service");
        assert_eq!(service.agency, "ecitizen");
        assert!(!service.collection);
        assert_eq!(service.fee, njia_domain::catalog::Fee::Free);
        let field = |id: &str| {
            service
                .steps
                .iter()
                .flat_map(|s| &s.fields)
                .find(|f| f.id == id)
                .unwrap_or_else(|| panic!("the form asks {id}"))
        };
        let kinds: Vec<OrganisationKind> = field(fields::KIND)
            .kind
            .options()
            .iter()
            .map(|o| {
                let kind = OrganisationKind::parse(&o.value).expect("a domain kind");
                assert_eq!(o.label, kind.name(), "{}", o.value);
                kind
            })
            .collect();
        assert_eq!(kinds, OrganisationKind::ALL);
        let by: Vec<&str> = field(fields::IDENTIFIED_BY)
            .kind
            .options()
            .iter()
            .map(|o| o.value.as_str())
            .collect();
        assert_eq!(by, [fields::KRA_PIN, fields::REGISTRATION_NUMBER]);
        assert_eq!(field(fields::KRA_PIN).kind, FieldKind::OrganisationPin);
        assert_eq!(
            field(fields::REGISTRATION_NUMBER).kind,
            FieldKind::CompanyRegNumber
        );
        assert!(field(fields::NAME).required);
        assert!(
            service
                .documents
                .iter()
                .all(|d| d.accepted == [njia_domain::catalog::DocumentType::Pdf]),
            "all PDF"
        );
    }
}
