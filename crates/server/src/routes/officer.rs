//! The back office: an officer's queue of their agency's applications, one application with its documents,
//! and decisions. Every decision is recorded on the timeline and in the append-only audit trail (who and
//! when), and told to the applicant by SMS and email. Another agency's application is a 404.

use axum::Json;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use njia_domain::api::accounts::{Channel, Role};
use njia_domain::api::applications::{
    ApplicationStatus, Decision, DecisionRequest, NOTE_MAX_CHARS, OfficerApplication, Queue,
    QueueEntry,
};
use njia_domain::catalog::Service;
use serde::Deserialize;
use sqlx::Row;

use super::applications::{fetch, full};
use super::documents::documents_of;
use crate::accounts::audit::{self, Origin};
use crate::accounts::sessions::{CurrentSession, SignedIn};
use crate::accounts::store;
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::messages::{self, Message};

/// A signed-in officer and their agency.
pub struct Officer {
    pub session: CurrentSession,
    pub agency: String,
}

impl FromRequestParts<AppState> for Officer {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let SignedIn(session) = SignedIn::from_request_parts(parts, state).await?;
        match (session.user.role(), session.user.agency_id.clone()) {
            (Role::Officer, Some(agency)) => Ok(Officer { session, agency }),
            _ => Err(ApiError::Forbidden("officers_only")),
        }
    }
}

/// The application's service, if it belongs to the officer's agency.
fn service_of_agency(
    state: &AppState,
    officer: &Officer,
    service_id: &str,
) -> Result<Service, ApiError> {
    state
        .catalog
        .catalog
        .service(service_id)
        .filter(|s| s.agency == officer.agency)
        .cloned()
        .ok_or(ApiError::NotFound)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct QueueQuery {
    /// Only this service.
    pub service: Option<String>,
    /// Only this status (`submitted`, `under_review`, …).
    pub status: Option<String>,
    /// From the previous page's `next_cursor`.
    pub cursor: Option<String>,
    /// 1 to 100; 20 when absent.
    pub limit: Option<i64>,
}

/// The agency's applications, oldest submission first; drafts and unpaid ones are not there.
#[utoipa::path(get, path = "/api/officer/applications", tag = "officer", operation_id = "officer_queue",
    params(QueueQuery), responses((status = 200, body = Queue), (status = 403, body = njia_domain::api::ErrorEnvelope)))]
pub async fn officer_queue(
    State(state): State<AppState>,
    officer: Officer,
    Query(query): Query<QueueQuery>,
) -> Result<Json<Queue>, ApiError> {
    let services: Vec<String> = state
        .catalog
        .catalog
        .services_of(&officer.agency)
        .map(|s| s.id.clone())
        .filter(|id| query.service.as_ref().is_none_or(|wanted| wanted == id))
        .collect();
    let status = match query.status.as_deref() {
        Some(s) => Some(
            ApplicationStatus::parse(s)
                .ok_or_else(|| ApiError::BadRequest(format!("no status {s}")))?,
        ),
        None => None,
    };
    let limit = super::page_limit(query.limit);
    let after = super::page_cursor(query.cursor.as_deref())?;
    if services.is_empty() {
        return Ok(Json(Queue {
            items: Vec::new(),
            next_cursor: None,
        }));
    }
    // The agency's services are named in the query, so the database returns only this page of them.
    let placeholders: Vec<String> = (0..services.len()).map(|i| format!("${}", i + 5)).collect();
    let sql = format!(
        "SELECT a.id, a.reference, a.service_id, a.status, a.submitted_at, a.updated_at, u.first_name, u.surname \
         FROM applications a JOIN users u ON u.id = a.user_id \
         WHERE a.status NOT IN ('draft', 'awaiting_payment') AND ($1 IS NULL OR a.status = $1) \
         AND ($2 IS NULL OR COALESCE(a.submitted_at, 0) > $2 OR (COALESCE(a.submitted_at, 0) = $2 AND a.id > $3)) \
         AND a.service_id IN ({}) \
         ORDER BY COALESCE(a.submitted_at, 0), a.id LIMIT $4",
        placeholders.join(", ")
    );
    let mut select = sqlx::query(&sql)
        .bind(status.map(|s| s.as_str()))
        .bind(after.as_ref().map(|(at, _)| *at))
        .bind(after.as_ref().map(|(_, id)| id.clone()).unwrap_or_default())
        .bind(limit + 1);
    for service in &services {
        select = select.bind(service);
    }
    let rows = select.fetch_all(&state.db.pool).await?;
    let more = rows.len() as i64 > limit;
    let mut items = Vec::new();
    let mut last = None;
    for row in rows.iter().take(limit as usize) {
        let submitted_at: Option<i64> = row.try_get("submitted_at")?;
        let id: String = row.try_get("id")?;
        last = Some(super::next_page_cursor(submitted_at.unwrap_or(0), &id));
        items.push(QueueEntry {
            id,
            reference: row.try_get("reference")?,
            service_id: row.try_get("service_id")?,
            status: ApplicationStatus::parse(&row.try_get::<String, _>("status")?)
                .unwrap_or(ApplicationStatus::Submitted),
            applicant_name: format!(
                "{} {}",
                row.try_get::<String, _>("first_name")?,
                row.try_get::<String, _>("surname")?
            ),
            submitted_at: submitted_at.map(rfc3339),
            updated_at: rfc3339(row.try_get("updated_at")?),
        });
    }
    let next_cursor = if more { last } else { None };
    Ok(Json(Queue { items, next_cursor }))
}

async fn officer_view(
    state: &AppState,
    officer: &Officer,
    id: &str,
) -> Result<OfficerApplication, ApiError> {
    let record = fetch(state, id, None).await?;
    service_of_agency(state, officer, &record.service_id)?;
    if record.status == ApplicationStatus::Draft {
        return Err(ApiError::NotFound);
    }
    let owner: String = sqlx::query_scalar("SELECT user_id FROM applications WHERE id = $1")
        .bind(id)
        .fetch_one(&state.db.pool)
        .await?;
    let applicant = store::by_id(&state.db, &owner)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(OfficerApplication {
        application: full(state, record).await?,
        applicant_name: format!(
            "{} {} {}",
            applicant.first_name, applicant.other_names, applicant.surname
        )
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" "),
        applicant_id_number_masked: applicant.id_number_masked(),
        documents: documents_of(state, id).await?,
    })
}

/// One of the agency's applications: answers, documents, timeline, and who applied.
#[utoipa::path(get, path = "/api/officer/applications/{id}", tag = "officer", operation_id = "officer_application",
    params(("id" = String, Path, description = "Application id")),
    responses((status = 200, body = OfficerApplication), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn officer_application(
    State(state): State<AppState>,
    officer: Officer,
    Path(id): Path<String>,
) -> Result<Json<OfficerApplication>, ApiError> {
    Ok(Json(officer_view(&state, &officer, &id).await?))
}

fn status_text(status: ApplicationStatus, reference: &str, note: &str) -> String {
    let (en, sw) = match status {
        ApplicationStatus::UnderReview => (
            "is being reviewed.".to_string(),
            "yanashughulikiwa.".to_string(),
        ),
        ApplicationStatus::Approved => (
            "has been approved.".to_string(),
            "yameidhinishwa.".to_string(),
        ),
        ApplicationStatus::Rejected => (
            format!("was not approved: {note}. You may apply again."),
            format!("hayakuidhinishwa: {note}. Unaweza kuomba tena."),
        ),
        ApplicationStatus::ChangesRequested => (
            format!(
                "needs changes: {note}. Open Njia to change it and send it again; there is no fee."
            ),
            format!(
                "yanahitaji mabadiliko: {note}. Fungua Njia ubadilishe na uyatume tena; hakuna ada."
            ),
        ),
        ApplicationStatus::ReadyForCollection => (
            format!("is ready for collection at {note}. Bring your ID."),
            format!("iko tayari kuchukuliwa {note}. Leta kitambulisho chako."),
        ),
        ApplicationStatus::Collected => (
            "has been collected. Thank you.".to_string(),
            "imechukuliwa. Asante.".to_string(),
        ),
        _ => ("has changed.".to_string(), "yamebadilika.".to_string()),
    };
    format!("Njia: your application {reference} {en}\nNjia: maombi yako {reference} {sw}")
}

/// Records a decision. Each is allowed only from the statuses it fits (e.g. collection only after
/// approval); rejections and requests for changes need a reason, collection needs the centre.
#[utoipa::path(post, path = "/api/officer/applications/{id}/decision", tag = "officer", operation_id = "officer_decision",
    params(("id" = String, Path, description = "Application id")), request_body = DecisionRequest,
    responses((status = 200, body = OfficerApplication), (status = 409, body = njia_domain::api::ErrorEnvelope),
        (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn officer_decision(
    State(state): State<AppState>,
    officer: Officer,
    origin: Origin,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> Result<Json<OfficerApplication>, ApiError> {
    let view = officer_view(&state, &officer, &id).await?;
    let from = view.application.status;
    let service = service_of_agency(&state, &officer, &view.application.service_id)?;
    // The service's declared path decides, e.g. no collection for a result that is downloaded.
    let to = service
        .transition(request.decision, from)
        .ok_or(ApiError::Conflict("decision_not_allowed"))?;
    let note = request
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if let Some(code) = request.decision.note_problem(note.as_deref()) {
        let message = match (code, request.decision) {
            ("required", Decision::ReadyForCollection) => "Say where to collect it".to_string(),
            ("required", _) => "Give the reason".to_string(),
            _ => format!("Use at most {NOTE_MAX_CHARS} characters"),
        };
        return Err(njia_domain::accounts::FieldProblem::new("note", code, message).into());
    }
    // An agency with a fixed list of collection centres is held to it, so the SMS names a real place.
    let centres = njia_domain::centres::collection_centres(&officer.agency);
    if request.decision == Decision::ReadyForCollection
        && !centres.is_empty()
        && !note.as_deref().is_some_and(|n| centres.contains(&n))
    {
        return Err(njia_domain::accounts::FieldProblem::new(
            "note",
            "not_a_centre",
            "Choose one of the agency's collection centres",
        )
        .into());
    }
    // A transfer of ownership is approved only once its buyer has accepted it.
    crate::transfers::check_decision(&state.db, &service.id, &id, request.decision).await?;
    let now = state.clock.now_ms();
    let actor = &officer.session.user.id;
    let owner: String = sqlx::query_scalar("SELECT user_id FROM applications WHERE id = $1")
        .bind(&id)
        .fetch_one(&state.db.pool)
        .await?;
    let applicant = store::by_id(&state.db, &owner)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let changed = sqlx::query(
        "UPDATE applications SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(&id)
    .bind(from.as_str())
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Err(ApiError::Conflict("changed_meanwhile"));
    }
    // What the approval changes in the registers, in the same transaction, said on the timeline.
    let effect = if to == njia_domain::api::applications::ApplicationStatus::Approved {
        crate::registers::on_approved(
            &mut tx,
            &service.id,
            &id,
            &owner,
            &view.application.answers,
            now,
        )
        .await?
    } else {
        None
    };
    let note = match (note, effect) {
        (Some(note), Some(effect)) => Some(format!("{note}\n{effect}")),
        (note, effect) => note.or(effect),
    };
    sqlx::query("INSERT INTO application_events (id, application_id, at, status, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6)")
        // Time-ordered ids keep the timeline in order even when two events share a millisecond.
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(&id)
        .bind(now)
        .bind(to.as_str())
        .bind(actor)
        .bind(note.as_deref())
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(actor),
        Some(&owner),
        &format!("application_{}", to.as_str()),
        &origin,
        now,
    )
    .await?;
    let reference = view.application.reference.clone().unwrap_or_default();
    let text = status_text(to, &reference, note.as_deref().unwrap_or_default());
    for (channel, to_address, subject) in [
        (Channel::Sms, applicant.phone.clone(), None),
        (
            Channel::Email,
            applicant.email.clone(),
            Some(format!("Application {reference} / Maombi {reference}")),
        ),
    ] {
        let message = Message {
            channel,
            to: to_address,
            subject,
            body: text.clone(),
            purpose: "application_status",
        };
        messages::enqueue(&mut tx, &message, now).await?;
    }
    tx.commit().await?;
    state.outbox.notify();
    Ok(Json(officer_view(&state, &officer, &id).await?))
}
