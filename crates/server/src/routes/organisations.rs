//! The members of organisations. Every person sees the organisations they are a current member of; an
//! organisation's administrators see its members and pending invitations, invite people who already have a
//! Njia account (by national ID number or email), change roles and remove members; anyone may leave. An
//! organisation is never left without an administrator (`409 last_administrator`). Someone who is not a
//! current member gets a 404 for everything about it, from the request after their removal on.
//!
//! Each change is checked and made in one transaction that first locks the organisation's row
//! ([`organisations::lock`]), with its SMS and audit rows.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use njia_domain::accounts::FieldProblem;
use njia_domain::api::accounts::Channel;
use njia_domain::api::organisations::{
    ChangeRoleRequest, Invitation, InvitationList, InvitationStatus, InviteRequest,
    InviteeIdentifiedBy, Member, Organisation, OrganisationDetail, OrganisationList,
};
use njia_domain::ids::{Email, NationalId};
use njia_domain::organisations::{OrganisationKind, OrganisationRole};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::accounts::audit::{self, Origin};
use crate::accounts::sessions::SignedIn;
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::messages::{self, Message};
use crate::organisations::{self, Membership, current_membership};

type NoStore = [(HeaderName, HeaderValue); 1];

fn no_store() -> NoStore {
    [(CACHE_CONTROL, HeaderValue::from_static("no-store"))]
}

/// A person's names as one, from the `{prefix}first_name`, `{prefix}other_names` and `{prefix}surname`
/// columns of a row.
fn name_of(row: &AnyRow, prefix: &str) -> Result<String, sqlx::Error> {
    let parts: [String; 3] = [
        row.try_get(format!("{prefix}first_name").as_str())?,
        row.try_get(format!("{prefix}other_names").as_str())?,
        row.try_get(format!("{prefix}surname").as_str())?,
    ];
    Ok(parts
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect::<Vec<_>>()
        .join(" "))
}

fn kind_of(text: &str) -> Result<OrganisationKind, ApiError> {
    OrganisationKind::parse(text)
        .ok_or_else(|| anyhow::anyhow!("an organisation has kind {text:?}").into())
}

fn role_of(text: &str) -> Result<OrganisationRole, ApiError> {
    OrganisationRole::parse(text)
        .ok_or_else(|| anyhow::anyhow!("a member has role {text:?}").into())
}

/// What the audit rows of a membership change name besides the two people.
fn detail(organisation_id: &str, role: OrganisationRole) -> String {
    format!("organisation={organisation_id}; role={}", role.as_str())
}

fn organisation_from(row: &AnyRow) -> Result<Organisation, ApiError> {
    Ok(Organisation {
        id: row.try_get("id")?,
        kind: kind_of(&row.try_get::<String, _>("kind")?)?,
        name: row.try_get("name")?,
        kra_pin: row.try_get("kra_pin")?,
        registration_number: row.try_get("registration_number")?,
        my_role: role_of(&row.try_get::<String, _>("role")?)?,
        created_at: rfc3339(row.try_get("created_at")?),
    })
}

const ORGANISATION_COLUMNS: &str =
    "o.id, o.kind, o.name, o.kra_pin, o.registration_number, o.created_at, m.role";

async fn organisations_of(
    conn: &mut AnyConnection,
    user_id: &str,
    only: Option<&str>,
) -> Result<Vec<Organisation>, ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT {ORGANISATION_COLUMNS} FROM organisation_members m \
         JOIN organisations o ON o.id = m.organisation_id \
         WHERE m.user_id = $1 AND m.removed_at IS NULL AND ($2 IS NULL OR o.id = $2) \
         ORDER BY o.name, o.id"
    ))
    .bind(user_id)
    .bind(only)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(organisation_from).collect()
}

const INVITATION_SELECT: &str = "SELECT i.id, i.organisation_id, o.name AS organisation_name, \
     o.kind AS organisation_kind, i.role, i.status, i.created_at, \
     b.first_name AS by_first_name, b.other_names AS by_other_names, b.surname AS by_surname, \
     e.first_name AS to_first_name, e.other_names AS to_other_names, e.surname AS to_surname \
     FROM organisation_invitations i JOIN organisations o ON o.id = i.organisation_id \
     JOIN users b ON b.id = i.invited_by JOIN users e ON e.id = i.invitee_id";

fn invitation_from(row: &AnyRow) -> Result<Invitation, ApiError> {
    let status: String = row.try_get("status")?;
    Ok(Invitation {
        id: row.try_get("id")?,
        organisation_id: row.try_get("organisation_id")?,
        organisation_name: row.try_get("organisation_name")?,
        organisation_kind: kind_of(&row.try_get::<String, _>("organisation_kind")?)?,
        role: role_of(&row.try_get::<String, _>("role")?)?,
        invited_by_name: name_of(row, "by_")?,
        invitee_name: name_of(row, "to_")?,
        status: InvitationStatus::parse(&status)
            .ok_or_else(|| anyhow::anyhow!("an invitation has status {status:?}"))?,
        created_at: rfc3339(row.try_get("created_at")?),
    })
}

async fn invitation(conn: &mut AnyConnection, id: &str) -> Result<Invitation, ApiError> {
    let row = sqlx::query(&format!("{INVITATION_SELECT} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    invitation_from(&row)
}

async fn members(conn: &mut AnyConnection, organisation_id: &str) -> Result<Vec<Member>, ApiError> {
    let rows = sqlx::query(
        "SELECT m.user_id, m.role, m.added_at, u.first_name, u.other_names, u.surname, u.id_number \
         FROM organisation_members m JOIN users u ON u.id = m.user_id \
         WHERE m.organisation_id = $1 AND m.removed_at IS NULL \
         ORDER BY CASE m.role WHEN 'administrator' THEN 0 ELSE 1 END, u.surname, u.first_name, m.user_id",
    )
    .bind(organisation_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let id_number: String = row.try_get("id_number")?;
            let chars: Vec<char> = id_number.chars().collect();
            let last4: String = chars[chars.len().saturating_sub(4)..].iter().collect();
            Ok(Member {
                user_id: row.try_get("user_id")?,
                name: name_of(row, "")?,
                role: role_of(&row.try_get::<String, _>("role")?)?,
                id_number_last4: (!last4.is_empty()).then_some(last4),
                added_at: rfc3339(row.try_get("added_at")?),
            })
        })
        .collect()
}

async fn member(
    conn: &mut AnyConnection,
    organisation_id: &str,
    user_id: &str,
) -> Result<Member, ApiError> {
    members(conn, organisation_id)
        .await?
        .into_iter()
        .find(|m| m.user_id == user_id)
        .ok_or(ApiError::NotFound)
}

/// Locks the organisation and returns the caller's current membership: 404 for anyone else.
async fn locked_membership(
    conn: &mut AnyConnection,
    organisation_id: &str,
    user_id: &str,
) -> Result<Membership, ApiError> {
    if !organisations::lock(conn, organisation_id).await? {
        return Err(ApiError::NotFound);
    }
    current_membership(conn, organisation_id, user_id)
        .await?
        .ok_or(ApiError::NotFound)
}

fn administrator(membership: &Membership) -> Result<(), ApiError> {
    match membership.role {
        OrganisationRole::Administrator => Ok(()),
        OrganisationRole::Agent => Err(ApiError::Forbidden("administrators_only")),
    }
}

async fn phone_and_name(
    conn: &mut AnyConnection,
    user_id: &str,
) -> Result<(String, String), ApiError> {
    let row =
        sqlx::query("SELECT phone, first_name, other_names, surname FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok((row.try_get("phone")?, name_of(&row, "")?))
}

async fn sms(conn: &mut AnyConnection, to: String, body: String, now: i64) -> Result<(), ApiError> {
    let message = Message {
        channel: Channel::Sms,
        to,
        subject: None,
        body,
        purpose: "organisation_membership",
    };
    messages::enqueue(conn, &message, now).await?;
    Ok(())
}

/// The organisations the signed-in person is a current member of, by name, with their role in each.
#[utoipa::path(get, path = "/api/organisations", tag = "organisations", operation_id = "list_organisations",
    responses((status = 200, body = OrganisationList), (status = 401, body = njia_domain::api::ErrorEnvelope)))]
pub async fn list_organisations(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<(NoStore, Json<OrganisationList>), ApiError> {
    let mut conn = state.db.pool.acquire().await?;
    let items = organisations_of(&mut conn, &session.user.id, None).await?;
    Ok((no_store(), Json(OrganisationList { items })))
}

/// One organisation the person is a member of. Its administrators also get its members and pending
/// invitations; agents get both lists empty.
#[utoipa::path(get, path = "/api/organisations/{id}", tag = "organisations", operation_id = "get_organisation",
    params(("id" = String, Path, description = "The organisation's id")),
    responses((status = 200, body = OrganisationDetail), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_organisation(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> Result<(NoStore, Json<OrganisationDetail>), ApiError> {
    let mut conn = state.db.pool.acquire().await?;
    let organisation = organisations_of(&mut conn, &session.user.id, Some(&id))
        .await?
        .into_iter()
        .next()
        .ok_or(ApiError::NotFound)?;
    let (members, invitations) = match organisation.my_role {
        OrganisationRole::Administrator => {
            let rows = sqlx::query(&format!(
                "{INVITATION_SELECT} WHERE i.organisation_id = $1 AND i.status = 'pending' \
                 ORDER BY i.created_at DESC, i.id"
            ))
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
            (
                members(&mut conn, &id).await?,
                rows.iter().map(invitation_from).collect::<Result<_, _>>()?,
            )
        }
        OrganisationRole::Agent => (Vec::new(), Vec::new()),
    };
    Ok((
        no_store(),
        Json(OrganisationDetail {
            organisation,
            members,
            invitations,
        }),
    ))
}

/// The account the invitation names. Only people's accounts: staff accounts act for their agency alone.
async fn invitee(conn: &mut AnyConnection, request: &InviteRequest) -> Result<String, ApiError> {
    let (field, what, found): (_, _, Option<String>) = match request.identified_by {
        InviteeIdentifiedBy::IdNumber => {
            let number = NationalId::parse(request.id_number.as_deref().unwrap_or_default())
                .map_err(|e| FieldProblem::new("id_number", e.code(), e.to_string()))?;
            let found = sqlx::query_scalar(
                "SELECT id FROM users WHERE kind = 'citizen' AND id_number = $1 AND role = 'citizen'",
            )
            .bind(number.as_str())
            .fetch_optional(&mut *conn)
            .await?;
            ("id_number", "ID number", found)
        }
        InviteeIdentifiedBy::Email => {
            let email = Email::parse(request.email.as_deref().unwrap_or_default())
                .map_err(|e| FieldProblem::new("email", e.code(), e.to_string()))?;
            let found = sqlx::query_scalar(
                "SELECT id FROM users WHERE email_key = $1 AND role = 'citizen'",
            )
            .bind(email.as_str().to_lowercase())
            .fetch_optional(&mut *conn)
            .await?;
            ("email", "email address", found)
        }
    };
    found.ok_or_else(|| {
        FieldProblem::new(
            field,
            "no_account",
            format!(
                "Nobody has a Njia account with this {what}. Ask the person to create a Njia account \
                 first, then invite them."
            ),
        )
        .into()
    })
}

/// Invites a person with a Njia account to act for the organisation (administrators only). They are told by
/// SMS and answer on their own account. A pending invitation of the same person is replaced by this one;
/// a current member cannot be invited (`409 already_a_member`).
#[utoipa::path(post, path = "/api/organisations/{id}/invitations", tag = "organisations", operation_id = "invite_member",
    params(("id" = String, Path, description = "The organisation's id")), request_body = InviteRequest,
    responses((status = 201, body = Invitation), (status = 403, body = njia_domain::api::ErrorEnvelope),
        (status = 404, body = njia_domain::api::ErrorEnvelope), (status = 409, body = njia_domain::api::ErrorEnvelope),
        (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn invite_member(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<InviteRequest>,
) -> Result<(StatusCode, Json<Invitation>), ApiError> {
    let now = state.clock.now_ms();
    let admin = &session.user.id;
    let mut tx = state.db.begin().await?;
    let me = locked_membership(&mut tx, &id, admin).await?;
    administrator(&me)?;
    let invitee = invitee(&mut tx, &request).await?;
    if current_membership(&mut tx, &id, &invitee).await?.is_some() {
        return Err(ApiError::Conflict("already_a_member"));
    }
    sqlx::query(
        "UPDATE organisation_invitations SET status = 'withdrawn', answered_at = $1 \
         WHERE organisation_id = $2 AND invitee_id = $3 AND status = 'pending'",
    )
    .bind(now)
    .bind(&id)
    .bind(&invitee)
    .execute(&mut *tx)
    .await?;
    let invitation_id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO organisation_invitations (id, organisation_id, invitee_id, role, status, invited_by, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5, $6)",
    )
    .bind(&invitation_id)
    .bind(&id)
    .bind(&invitee)
    .bind(request.role.as_str())
    .bind(admin)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit::record_detailed(
        &mut tx,
        Some(admin),
        Some(&invitee),
        "organisation_invitation_sent",
        Some(&detail(&id, request.role)),
        &origin,
        now,
    )
    .await?;
    let (phone, _) = phone_and_name(&mut tx, &invitee).await?;
    let (_, inviter) = phone_and_name(&mut tx, admin).await?;
    let organisation = &me.name;
    let body = format!(
        "Njia: {inviter} has invited you to act for {organisation} as {}. Open Njia, Organisations, to accept \
         or decline.\nNjia: {inviter} amekualika kuwakilisha {organisation} kama {}. Fungua Njia, Mashirika, \
         ukubali au ukatae.",
        request.role.name_en().to_lowercase(),
        request.role.name_sw().to_lowercase(),
    );
    sms(&mut tx, phone, body, now).await?;
    let answer = invitation(&mut tx, &invitation_id).await?;
    tx.commit().await?;
    state.outbox.notify();
    Ok((StatusCode::CREATED, Json(answer)))
}

/// Withdraws a pending invitation (administrators only); `409 already_answered` once it was answered.
#[utoipa::path(delete, path = "/api/organisations/{id}/invitations/{invitation_id}", tag = "organisations",
    operation_id = "withdraw_invitation",
    params(("id" = String, Path, description = "The organisation's id"),
        ("invitation_id" = String, Path, description = "The invitation's id")),
    responses((status = 204, description = "Withdrawn"), (status = 403, body = njia_domain::api::ErrorEnvelope),
        (status = 404, body = njia_domain::api::ErrorEnvelope), (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn withdraw_invitation(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    Path((id, invitation_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now_ms();
    let admin = &session.user.id;
    let mut tx = state.db.begin().await?;
    let me = locked_membership(&mut tx, &id, admin).await?;
    administrator(&me)?;
    let row = sqlx::query(
        "SELECT invitee_id, role, status FROM organisation_invitations WHERE id = $1 AND organisation_id = $2",
    )
    .bind(&invitation_id)
    .bind(&id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    if row.try_get::<String, _>("status")? != InvitationStatus::Pending.as_str() {
        return Err(ApiError::Conflict("already_answered"));
    }
    let invitee: String = row.try_get("invitee_id")?;
    let role = role_of(&row.try_get::<String, _>("role")?)?;
    sqlx::query(
        "UPDATE organisation_invitations SET status = 'withdrawn', answered_at = $1 WHERE id = $2 AND status = 'pending'",
    )
    .bind(now)
    .bind(&invitation_id)
    .execute(&mut *tx)
    .await?;
    audit::record_detailed(
        &mut tx,
        Some(admin),
        Some(&invitee),
        "organisation_invitation_withdrawn",
        Some(&detail(&id, role)),
        &origin,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in person's pending invitations, newest first.
#[utoipa::path(get, path = "/api/invitations", tag = "organisations", operation_id = "list_invitations",
    responses((status = 200, body = InvitationList), (status = 401, body = njia_domain::api::ErrorEnvelope)))]
pub async fn list_invitations(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<(NoStore, Json<InvitationList>), ApiError> {
    let rows = sqlx::query(&format!(
        "{INVITATION_SELECT} WHERE i.invitee_id = $1 AND i.status = 'pending' ORDER BY i.created_at DESC, i.id"
    ))
    .bind(&session.user.id)
    .fetch_all(&state.db.pool)
    .await?;
    let items = rows.iter().map(invitation_from).collect::<Result<_, _>>()?;
    Ok((no_store(), Json(InvitationList { items })))
}

/// The invitee's answer. Accepting makes them a member with the invitation's role (again, if they had been
/// removed); anyone but the invitee gets a 404, and an invitation already answered or withdrawn a
/// `409 already_answered`.
async fn answer(
    state: &AppState,
    user_id: &str,
    origin: &Origin,
    invitation_id: &str,
    accept: bool,
) -> Result<Json<Invitation>, ApiError> {
    let now = state.clock.now_ms();
    let mut tx = state.db.begin().await?;
    let row = sqlx::query(
        "SELECT organisation_id, role, status, invited_by FROM organisation_invitations \
         WHERE id = $1 AND invitee_id = $2",
    )
    .bind(invitation_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    let organisation_id: String = row.try_get("organisation_id")?;
    let role = role_of(&row.try_get::<String, _>("role")?)?;
    let invited_by: String = row.try_get("invited_by")?;
    organisations::lock(&mut tx, &organisation_id).await?;
    let to = if accept {
        InvitationStatus::Accepted
    } else {
        InvitationStatus::Declined
    };
    let changed = sqlx::query(
        "UPDATE organisation_invitations SET status = $1, answered_at = $2 WHERE id = $3 AND status = 'pending'",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(invitation_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(ApiError::Conflict("already_answered"));
    }
    if accept {
        sqlx::query(
            "INSERT INTO organisation_members (organisation_id, user_id, role, added_at, added_by) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (organisation_id, user_id) DO UPDATE SET role = excluded.role, \
             added_at = excluded.added_at, added_by = excluded.added_by, removed_at = NULL, removed_by = NULL",
        )
        .bind(&organisation_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(now)
        .bind(&invited_by)
        .execute(&mut *tx)
        .await?;
    }
    audit::record_detailed(
        &mut tx,
        Some(user_id),
        Some(user_id),
        if accept {
            "organisation_joined"
        } else {
            "organisation_invitation_declined"
        },
        Some(&detail(&organisation_id, role)),
        origin,
        now,
    )
    .await?;
    let answered = invitation(&mut tx, invitation_id).await?;
    tx.commit().await?;
    Ok(Json(answered))
}

/// The invitee accepts: from now on they may act for the organisation.
#[utoipa::path(post, path = "/api/invitations/{id}/accept", tag = "organisations", operation_id = "accept_invitation",
    params(("id" = String, Path, description = "The invitation's id")),
    responses((status = 200, body = Invitation), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn accept_invitation(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    Path(id): Path<String>,
) -> Result<Json<Invitation>, ApiError> {
    answer(&state, &session.user.id, &origin, &id, true).await
}

/// The invitee declines.
#[utoipa::path(post, path = "/api/invitations/{id}/decline", tag = "organisations", operation_id = "decline_invitation",
    params(("id" = String, Path, description = "The invitation's id")),
    responses((status = 200, body = Invitation), (status = 404, body = njia_domain::api::ErrorEnvelope),
        (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn decline_invitation(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    Path(id): Path<String>,
) -> Result<Json<Invitation>, ApiError> {
    answer(&state, &session.user.id, &origin, &id, false).await
}

/// Changes a member's role (administrators only). The last administrator cannot become an agent
/// (`409 last_administrator`).
#[utoipa::path(put, path = "/api/organisations/{id}/members/{user_id}/role", tag = "organisations",
    operation_id = "change_member_role",
    params(("id" = String, Path, description = "The organisation's id"),
        ("user_id" = String, Path, description = "The member's user id")),
    request_body = ChangeRoleRequest,
    responses((status = 200, body = Member), (status = 403, body = njia_domain::api::ErrorEnvelope),
        (status = 404, body = njia_domain::api::ErrorEnvelope), (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn change_member_role(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    Path((id, user_id)): Path<(String, String)>,
    ApiJson(request): ApiJson<ChangeRoleRequest>,
) -> Result<Json<Member>, ApiError> {
    let now = state.clock.now_ms();
    let admin = &session.user.id;
    let mut tx = state.db.begin().await?;
    let me = locked_membership(&mut tx, &id, admin).await?;
    administrator(&me)?;
    let target = current_membership(&mut tx, &id, &user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if target.role != request.role {
        if target.role == OrganisationRole::Administrator
            && organisations::administrators(&mut tx, &id).await? <= 1
        {
            return Err(ApiError::Conflict("last_administrator"));
        }
        sqlx::query(
            "UPDATE organisation_members SET role = $1 \
             WHERE organisation_id = $2 AND user_id = $3 AND removed_at IS NULL",
        )
        .bind(request.role.as_str())
        .bind(&id)
        .bind(&user_id)
        .execute(&mut *tx)
        .await?;
        if request.role != OrganisationRole::Administrator {
            withdraw_invitations_by(&mut tx, &id, &user_id, now).await?;
        }
        audit::record_detailed(
            &mut tx,
            Some(admin),
            Some(&user_id),
            "organisation_role_changed",
            Some(&detail(&id, request.role)),
            &origin,
            now,
        )
        .await?;
    }
    let changed = member(&mut tx, &id, &user_id).await?;
    tx.commit().await?;
    Ok(Json(changed))
}

/// Removes a member at once (administrators only), or lets a member leave (their own user id). The last
/// administrator can neither be removed nor leave (`409 last_administrator`): another must be named first.
#[utoipa::path(delete, path = "/api/organisations/{id}/members/{user_id}", tag = "organisations",
    operation_id = "remove_member",
    params(("id" = String, Path, description = "The organisation's id"),
        ("user_id" = String, Path, description = "The member's user id; one's own to leave")),
    responses((status = 204, description = "Removed"), (status = 403, body = njia_domain::api::ErrorEnvelope),
        (status = 404, body = njia_domain::api::ErrorEnvelope), (status = 409, body = njia_domain::api::ErrorEnvelope)))]
pub async fn remove_member(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    origin: Origin,
    Path((id, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now_ms();
    let actor = &session.user.id;
    let leaving = *actor == user_id;
    let mut tx = state.db.begin().await?;
    let me = locked_membership(&mut tx, &id, actor).await?;
    if !leaving {
        administrator(&me)?;
    }
    let target = current_membership(&mut tx, &id, &user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if target.role == OrganisationRole::Administrator
        && organisations::administrators(&mut tx, &id).await? <= 1
    {
        return Err(ApiError::Conflict("last_administrator"));
    }
    sqlx::query(
        "UPDATE organisation_members SET removed_at = $1, removed_by = $2 \
         WHERE organisation_id = $3 AND user_id = $4 AND removed_at IS NULL",
    )
    .bind(now)
    .bind(actor)
    .bind(&id)
    .bind(&user_id)
    .execute(&mut *tx)
    .await?;
    withdraw_invitations_by(&mut tx, &id, &user_id, now).await?;
    audit::record_detailed(
        &mut tx,
        Some(actor),
        Some(&user_id),
        if leaving {
            "organisation_left"
        } else {
            "organisation_member_removed"
        },
        Some(&detail(&id, target.role)),
        &origin,
        now,
    )
    .await?;
    let (phone, _) = phone_and_name(&mut tx, &user_id).await?;
    let organisation = &me.name;
    let body = if leaving {
        format!(
            "Njia: you have left {organisation} and no longer act for it on Njia.\n\
             Njia: umejiondoa kutoka {organisation} na huliwakilishi tena kwenye Njia."
        )
    } else {
        format!(
            "Njia: you no longer act for {organisation} on Njia. If this is a mistake, ask one of its \
             administrators.\nNjia: huwakilishi tena {organisation} kwenye Njia. Kama ni kosa, muulize \
             mmoja wa wasimamizi wake."
        )
    };
    sms(&mut tx, phone, body, now).await?;
    tx.commit().await?;
    state.outbox.notify();
    Ok(StatusCode::NO_CONTENT)
}

/// Invitations stand on the authority of the administrator who sent them: when they stop being one (removed,
/// leaving, or made an agent), what they sent and nobody has answered yet is withdrawn, so it cannot be
/// accepted afterwards (e.g. a second account of theirs invited as administrator).
async fn withdraw_invitations_by(
    conn: &mut sqlx::AnyConnection,
    organisation_id: &str,
    invited_by: &str,
    now: i64,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE organisation_invitations SET status = 'withdrawn', answered_at = $1 \
         WHERE organisation_id = $2 AND invited_by = $3 AND status = 'pending'",
    )
    .bind(now)
    .bind(organisation_id)
    .bind(invited_by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
