//! Applications: start a draft, save answers as the person goes, submit once (idempotently), list and
//! read one's own — the person's, or while acting for an organisation the organisation's (see
//! [`crate::acting`]). Anyone else's application is a 404, never a 403: its existence is not told.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use njia_domain::api::FieldError;
use njia_domain::api::accounts::Channel;
use njia_domain::api::applications::{
    Application, ApplicationList, ApplicationStatus, ApplicationSummary, CreateDraftRequest,
    SaveAnswersRequest, TimelineEntry,
};
use njia_domain::catalog::{Fee, Service};
use njia_domain::date::Date;
use njia_domain::forms::{self, AnswerProblem, Answers};
use sqlx::Row;

use crate::acting::{Actor, owned_by};
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::idempotency;
use crate::messages::{self, Message};

fn invalid(problems: Vec<AnswerProblem>) -> ApiError {
    ApiError::Invalid(
        problems
            .into_iter()
            .map(|p| FieldError {
                field: p.field,
                code: p.code,
                message: p.message,
            })
            .collect(),
    )
}

fn service(state: &AppState, id: &str) -> Result<Service, ApiError> {
    state
        .catalog
        .catalog
        .service(id)
        .cloned()
        .ok_or(ApiError::NotFound)
}

pub(crate) struct Record {
    id: String,
    reference: Option<String>,
    pub(crate) service_id: String,
    pub(crate) status: ApplicationStatus,
    answers: Answers,
    created_at: i64,
    updated_at: i64,
    submitted_at: Option<i64>,
}

/// The person's own application, or 404.
async fn own(state: &AppState, actor: &Actor, id: &str) -> Result<Record, ApiError> {
    fetch(state, id, Some(actor)).await
}

/// Any application by id, for staff; callers check that the person may see it.
pub(crate) async fn fetch(
    state: &AppState,
    id: &str,
    owner: Option<&Actor>,
) -> Result<Record, ApiError> {
    let columns = "SELECT id, reference, service_id, status, answers, created_at, updated_at, submitted_at \
                   FROM applications WHERE id = $1";
    let row = match owner {
        None => {
            sqlx::query(columns)
                .bind(id)
                .fetch_optional(&state.db.pool)
                .await?
        }
        Some(actor) => {
            sqlx::query(&format!("{columns} AND {}", owned_by("", 2)))
                .bind(id)
                .bind(actor.person_id())
                .bind(actor.organisation_id())
                .fetch_optional(&state.db.pool)
                .await?
        }
    }
    .ok_or(ApiError::NotFound)?;
    Ok(Record {
        id: row.try_get("id")?,
        reference: row.try_get("reference")?,
        service_id: row.try_get("service_id")?,
        status: ApplicationStatus::parse(&row.try_get::<String, _>("status")?)
            .unwrap_or(ApplicationStatus::Draft),
        answers: serde_json::from_str(&row.try_get::<String, _>("answers")?)
            .map_err(anyhow::Error::from)?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        submitted_at: row.try_get("submitted_at")?,
    })
}

pub(crate) async fn full(state: &AppState, row: Record) -> Result<Application, ApiError> {
    let events = sqlx::query(
        "SELECT status, at, note FROM application_events WHERE application_id = $1 ORDER BY at, id",
    )
    .bind(&row.id)
    .fetch_all(&state.db.pool)
    .await?;
    let timeline = events
        .iter()
        .map(|e| {
            Ok(TimelineEntry {
                status: ApplicationStatus::parse(&e.try_get::<String, _>("status")?)
                    .unwrap_or(ApplicationStatus::Submitted),
                at: rfc3339(e.try_get("at")?),
                note: e.try_get("note")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Application {
        id: row.id,
        reference: row.reference,
        service_id: row.service_id,
        status: row.status,
        answers: row.answers,
        created_at: rfc3339(row.created_at),
        updated_at: rfc3339(row.updated_at),
        submitted_at: row.submitted_at.map(rfc3339),
        timeline,
    })
}

/// Starts a draft for a service.
#[utoipa::path(post, path = "/api/applications", tag = "applications", operation_id = "create_application",
    request_body = CreateDraftRequest,
    responses((status = 201, body = Application), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn create_application(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(request): ApiJson<CreateDraftRequest>,
) -> Result<(StatusCode, Json<Application>), ApiError> {
    let service = service(&state, &request.service_id)?;
    // Said at the start, before the person fills anything in.
    crate::registers::check_eligibility(&state.db, &actor, &service).await?;
    let now = state.clock.now_ms();
    let id = uuid::Uuid::new_v4().to_string();
    let (user_id, organisation_id) = actor.owner();
    sqlx::query(
        "INSERT INTO applications (id, user_id, organisation_id, service_id, status, answers, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, '{}', $6, $6)",
    )
    .bind(&id)
    .bind(user_id)
    .bind(organisation_id)
    .bind(&service.id)
    .bind(ApplicationStatus::Draft.as_str())
    .bind(now)
    .execute(&state.db.pool)
    .await?;
    let row = own(&state, &actor, &id).await?;
    Ok((StatusCode::CREATED, Json(full(&state, row).await?)))
}

/// Saves the answers so far (a whole replacement). Each answer given must be valid for its question.
#[utoipa::path(put, path = "/api/applications/{id}/answers", tag = "applications", operation_id = "save_answers",
    params(("id" = String, Path, description = "Application id")), request_body = SaveAnswersRequest,
    responses((status = 200, body = Application), (status = 422, body = njia_domain::api::ErrorEnvelope),
        (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn save_answers(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<SaveAnswersRequest>,
) -> Result<Json<Application>, ApiError> {
    let row = own(&state, &actor, &id).await?;
    if !row.status.is_editable() {
        return Err(ApiError::Conflict("not_editable"));
    }
    let service = service(&state, &row.service_id)?;
    let now = state.clock.now_ms();
    let today = Date::from_unix_ms(now);
    let fields: Vec<&forms::Field> = service.steps.iter().flat_map(|s| &s.fields).collect();
    let mut clean = Answers::new();
    let mut problems = Vec::new();
    for (key, answer) in &request.answers {
        let Some(field) = fields.iter().find(|f| &f.id == key) else {
            problems.push(AnswerProblem {
                field: key.clone(),
                code: "unknown_field".into(),
                message: "This form has no such question".into(),
            });
            continue;
        };
        // A draft may be incomplete: an empty answer is simply not kept.
        let optional = forms::Field {
            required: false,
            ..(*field).clone()
        };
        match forms::check_answer(&optional, Some(answer), today) {
            Ok(Some(answer)) => {
                clean.insert(key.clone(), answer);
            }
            Ok(None) => {}
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    sqlx::query(&format!(
        "UPDATE applications SET answers = $1, updated_at = $2 WHERE id = $3 AND {}",
        owned_by("", 4)
    ))
    .bind(serde_json::to_string(&clean).map_err(anyhow::Error::from)?)
    .bind(now)
    .bind(&id)
    .bind(actor.person_id())
    .bind(actor.organisation_id())
    .execute(&state.db.pool)
    .await?;
    Ok(Json(full(&state, own(&state, &actor, &id).await?).await?))
}

/// Documents the answers make necessary and that are not attached.
fn missing_documents(
    service: &Service,
    answers: &Answers,
    attached: &[String],
) -> Vec<AnswerProblem> {
    let attached: Vec<&str> = attached.iter().map(String::as_str).collect();
    service
        .missing_documents(answers, &attached)
        .into_iter()
        .map(|d| AnswerProblem {
            field: format!("documents.{}", d.id),
            code: "document_missing".into(),
            message: format!("Attach the {}", d.name.en.to_lowercase()),
        })
        .collect()
}

/// A new application reference, `NJ-XXXX-XXXX`.
pub(crate) fn new_reference() -> String {
    let body = crate::accounts::secret::random_reference_body();
    format!("NJ-{}-{}", &body[..4], &body[4..])
}

/// Submits the application. Send an `Idempotency-Key` (a UUID): a double tap or a retried request gives the
/// same answer and creates nothing twice. A service with a fee waits for payment; a free one goes to review.
#[utoipa::path(post, path = "/api/applications/{id}/submit", tag = "applications", operation_id = "submit_application",
    params(("id" = String, Path, description = "Application id"),
        ("Idempotency-Key" = String, Header, description = "A UUID chosen by the client for this submission")),
    responses((status = 200, body = Application), (status = 409, body = njia_domain::api::ErrorEnvelope),
        (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn submit_application(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let key = idempotency::key_from(&headers)?;
    let hash = idempotency::request_hash("POST", &format!("/api/applications/{id}/submit"), b"");
    let user_id = actor.user().id.clone();
    idempotency::run(&state, &user_id, &key, &hash, || async {
        let application = submit(&state, &actor, &id).await?;
        Ok((
            StatusCode::OK,
            serde_json::to_string(&application).map_err(anyhow::Error::from)?,
        ))
    })
    .await
}

pub(crate) async fn submit(
    state: &AppState,
    actor: &Actor,
    id: &str,
) -> Result<Application, ApiError> {
    let user = actor.user();
    let row = own(state, actor, id).await?;
    if !row.status.is_editable() {
        // Already submitted (a retry with a new key): the state says so; nothing changes.
        return full(state, row).await;
    }
    let service = service(state, &row.service_id)?;
    crate::maintenance::check(&state.db, &service.agency, state.clock.now_ms()).await?;
    // Checked again: a fine may have come since the draft was started.
    crate::registers::check_eligibility(&state.db, actor, &service).await?;
    let now = state.clock.now_ms();
    let answers =
        forms::validate(&service.steps, &row.answers, Date::from_unix_ms(now)).map_err(invalid)?;
    let attached: Vec<String> = super::documents::documents_of(state, id)
        .await?
        .into_iter()
        .map(|d| d.requirement_id)
        .collect();
    let missing = missing_documents(&service, &answers, &attached);
    if !missing.is_empty() {
        return Err(invalid(missing));
    }
    crate::registers::check_answers(&state.db, actor, &service, &answers).await?;
    if row.status == ApplicationStatus::ChangesRequested {
        super::invoices::check_same_total(state, &service, &answers, id).await?;
    }
    let next = match (row.status, &service.fee) {
        (ApplicationStatus::ChangesRequested, _) | (_, Fee::Free) => ApplicationStatus::Submitted,
        _ => ApplicationStatus::AwaitingPayment,
    };
    let mut tx = state.db.begin().await?;
    let mut reference = row.reference.clone();
    for _ in 0..5 {
        if reference.is_some() {
            break;
        }
        let candidate = new_reference();
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM applications WHERE reference = $1")
                .bind(&candidate)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_none() {
            reference = Some(candidate);
        }
    }
    let reference = reference.ok_or_else(|| anyhow::anyhow!("could not find a free reference"))?;
    let changed = sqlx::query(
        "UPDATE applications SET status = $1, reference = $2, answers = $3, submitted_at = COALESCE(submitted_at, $4), \
         updated_at = $4 WHERE id = $5 AND status = $6",
    )
    .bind(next.as_str())
    .bind(&reference)
    .bind(serde_json::to_string(&answers).map_err(anyhow::Error::from)?)
    .bind(now)
    .bind(id)
    .bind(row.status.as_str())
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        // Submitted meanwhile by another request: answer with what is there.
        tx.rollback().await?;
        return full(state, own(state, actor, id).await?).await;
    }
    sqlx::query("INSERT INTO application_events (id, application_id, at, status, actor_id) VALUES ($1, $2, $3, $4, $5)")
        // Time-ordered ids keep the timeline in order even when two events share a millisecond.
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(id)
        .bind(now)
        .bind(next.as_str())
        .bind(&user.id)
        .execute(&mut *tx)
        .await?;
    if next == ApplicationStatus::AwaitingPayment {
        super::invoices::create(&mut tx, &service, &answers, id, &user.id, &reference, now).await?;
    }
    if row.status == ApplicationStatus::ChangesRequested {
        crate::registers::on_resubmitted(&mut tx, &service.id, id, actor, &answers, now).await?;
    }
    let body = format!(
        "Njia: we have received your application {reference} for {}. Keep this reference.\n\
         Njia: tumepokea maombi yako {reference} ya {}. Hifadhi nambari hii.",
        service.name.en, service.name.sw
    );
    let message = Message {
        channel: Channel::Sms,
        to: user.phone.clone(),
        subject: None,
        body,
        purpose: "application_received",
    };
    messages::enqueue(&mut tx, &message, now).await?;
    tx.commit().await?;
    state.outbox.notify();
    full(state, own(state, actor, id).await?).await
}

/// The person's applications and drafts, most recently changed first.
#[utoipa::path(get, path = "/api/applications", tag = "applications", operation_id = "list_applications",
    responses((status = 200, body = ApplicationList)))]
pub async fn list_applications(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<ApplicationList>, ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT id, reference, service_id, status, updated_at FROM applications WHERE {} \
         ORDER BY updated_at DESC, id",
        owned_by("", 1)
    ))
    .bind(actor.person_id())
    .bind(actor.organisation_id())
    .fetch_all(&state.db.pool)
    .await?;
    let items = rows
        .iter()
        .map(|r| {
            Ok(ApplicationSummary {
                id: r.try_get("id")?,
                reference: r.try_get("reference")?,
                service_id: r.try_get("service_id")?,
                status: ApplicationStatus::parse(&r.try_get::<String, _>("status")?)
                    .unwrap_or(ApplicationStatus::Draft),
                updated_at: rfc3339(r.try_get("updated_at")?),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Json(ApplicationList { items }))
}

/// One of the person's applications, with its timeline.
#[utoipa::path(get, path = "/api/applications/{id}", tag = "applications", operation_id = "get_application",
    params(("id" = String, Path, description = "Application id")),
    responses((status = 200, body = Application), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn get_application(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Json<Application>, ApiError> {
    Ok(Json(full(&state, own(&state, &actor, &id).await?).await?))
}
