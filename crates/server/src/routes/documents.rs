//! Documents of an application: upload (checked while it streams in), list, download and remove. The owner
//! manages them; officers of the service's agency may download them once the application is submitted.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use njia_domain::api::FieldError;
use njia_domain::api::applications::{
    ApplicationStatus, DocumentInfo, DocumentList, FILE_NAME_HEADER,
};
use njia_domain::catalog::{DocumentRequirement, DocumentType};
use njia_domain::documents::{self, FileProblem, QUOTA_BYTES, SNIFF_BYTES};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::acting::{Actor, owned_by};
use crate::app::AppState;
use crate::clock::rfc3339;
use crate::error::ApiError;

fn refused(requirement: &str, problem: FileProblem) -> ApiError {
    let field = FieldError {
        field: format!("documents.{requirement}"),
        code: problem.code().into(),
        message: problem.to_string(),
    };
    match problem {
        FileProblem::TooLarge { .. } => ApiError::TooLarge(vec![field]),
        _ => ApiError::Invalid(vec![field]),
    }
}

/// The application if it is the actor's and may still change, with its service's requirement.
async fn editable(
    state: &AppState,
    actor: &Actor,
    application_id: &str,
    requirement_id: &str,
) -> Result<DocumentRequirement, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT service_id, status FROM applications WHERE id = $1 AND {}",
        owned_by("", 2)
    ))
    .bind(application_id)
    .bind(actor.person_id())
    .bind(actor.organisation_id())
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    let status = ApplicationStatus::parse(&row.try_get::<String, _>("status")?)
        .unwrap_or(ApplicationStatus::Draft);
    if !status.is_editable() {
        return Err(ApiError::Conflict("not_editable"));
    }
    let service_id: String = row.try_get("service_id")?;
    let service = state
        .catalog
        .catalog
        .service(&service_id)
        .ok_or(ApiError::NotFound)?;
    service
        .documents
        .iter()
        .find(|d| d.id == requirement_id)
        .cloned()
        .ok_or(ApiError::NotFound)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn type_name(t: DocumentType) -> &'static str {
    match t {
        DocumentType::Pdf => "pdf",
        DocumentType::Jpeg => "jpeg",
        DocumentType::Png => "png",
    }
}

fn parse_type(t: &str) -> DocumentType {
    match t {
        "jpeg" => DocumentType::Jpeg,
        "png" => DocumentType::Png,
        _ => DocumentType::Pdf,
    }
}

async fn used_bytes(state: &AppState, user_id: &str) -> Result<u64, ApiError> {
    // PostgreSQL sums BIGINT into NUMERIC; the cast keeps one integer type on both engines.
    let used: Option<i64> = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM documents \
         WHERE user_id = $1 AND deleted_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(&state.db.pool)
    .await?;
    Ok(u64::try_from(used.unwrap_or(0)).unwrap_or(0))
}

/// Uploads the file for one document requirement (replacing an earlier one). The body is the file; its
/// name comes in `x-file-name`, percent-encoded. The type is decided from the content; the size limit and
/// the person's quota are enforced while the file streams in, so an oversized upload is refused without
/// reading the rest of it, and nothing is kept of a refused file.
#[utoipa::path(put, path = "/api/applications/{id}/documents/{requirement}", tag = "documents", operation_id = "upload_document",
    params(("id" = String, Path, description = "Application id"), ("requirement" = String, Path, description = "Document requirement id"),
        ("x-file-name" = String, Header, description = "The file's name, percent-encoded")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = DocumentInfo), (status = 413, body = njia_domain::api::ErrorEnvelope),
        (status = 422, body = njia_domain::api::ErrorEnvelope)))]
pub async fn upload_document(
    State(state): State<AppState>,
    actor: Actor,
    Path((application_id, requirement_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<DocumentInfo>), ApiError> {
    let user = actor.user();
    let requirement = editable(&state, &actor, &application_id, &requirement_id).await?;
    let fail = |p: FileProblem| refused(&requirement.id, p);
    let name = headers
        .get(FILE_NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(percent_decode)
        .ok_or_else(|| fail(FileProblem::BadName))?;
    documents::check_name(&name).map_err(fail)?;
    let too_large = |size: u64| FileProblem::TooLarge {
        size: documents::human_size(size),
        limit: documents::human_size(requirement.max_bytes),
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(length) = declared.filter(|l| *l > requirement.max_bytes) {
        return Err(fail(too_large(length)));
    }
    let used = used_bytes(&state, &user.id).await?;
    let store = &state.document_store;
    let mut upload = store.begin().await.map_err(anyhow::Error::from)?;
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut size: u64 = 0;
    let mut hasher = Sha256::new();
    let mut body = body;
    let outcome: Result<(), ApiError> = async {
        while let Some(frame) = body.frame().await {
            let frame = frame
                .map_err(|e| ApiError::BadRequest(format!("the upload was interrupted: {e}")))?;
            let Some(chunk) = frame.data_ref() else {
                continue;
            };
            size += chunk.len() as u64;
            if size > requirement.max_bytes {
                return Err(fail(too_large(size)));
            }
            if used + size > QUOTA_BYTES {
                return Err(fail(FileProblem::QuotaExceeded));
            }
            if head.len() < SNIFF_BYTES {
                let take = (SNIFF_BYTES - head.len()).min(chunk.len());
                head.extend_from_slice(&chunk[..take]);
                // As soon as the type can be told, a wrong one is refused without reading further.
                if head.len() == SNIFF_BYTES {
                    documents::check_file(
                        &name,
                        size,
                        &head,
                        &requirement.accepted,
                        requirement.max_bytes,
                    )
                    .map_err(fail)?;
                }
            }
            hasher.update(chunk);
            upload.write(chunk).await.map_err(anyhow::Error::from)?;
        }
        documents::check_file(
            &name,
            size,
            &head,
            &requirement.accepted,
            requirement.max_bytes,
        )
        .map_err(fail)?;
        Ok(())
    }
    .await;
    if let Err(error) = outcome {
        upload.abandon().await;
        return Err(error);
    }
    let file_type = documents::sniff(&head).unwrap_or(DocumentType::Pdf);
    let stored_name = upload.finish().await.map_err(anyhow::Error::from)?;
    let now = state.clock.now_ms();
    let id = uuid::Uuid::new_v4().to_string();
    let mut tx = state.db.begin().await?;
    let replaced: Vec<String> = sqlx::query_scalar(
        "SELECT stored_name FROM documents WHERE application_id = $1 AND requirement_id = $2 AND deleted_at IS NULL",
    )
    .bind(&application_id)
    .bind(&requirement.id)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query("UPDATE documents SET deleted_at = $1 WHERE application_id = $2 AND requirement_id = $3 AND deleted_at IS NULL")
        .bind(now)
        .bind(&application_id)
        .bind(&requirement.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO documents (id, application_id, requirement_id, user_id, stored_name, file_name, file_type, size_bytes, \
         sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(&application_id)
    .bind(&requirement.id)
    .bind(&user.id)
    .bind(&stored_name)
    .bind(&name)
    .bind(type_name(file_type))
    .bind(i64::try_from(size).unwrap_or(i64::MAX))
    .bind(hex::encode(hasher.finalize()))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    for old in replaced {
        if let Err(error) = store.remove(&old).await {
            tracing::warn!(%error, "could not remove a replaced document's file");
        }
    }
    let info = DocumentInfo {
        id,
        requirement_id: requirement.id,
        file_name: name,
        file_type,
        size_bytes: size,
        uploaded_at: rfc3339(now),
    };
    Ok((StatusCode::CREATED, Json(info)))
}

/// The documents of one of the person's applications.
#[utoipa::path(get, path = "/api/applications/{id}/documents", tag = "documents", operation_id = "list_documents",
    params(("id" = String, Path, description = "Application id")), responses((status = 200, body = DocumentList)))]
pub async fn list_documents(
    State(state): State<AppState>,
    actor: Actor,
    Path(application_id): Path<String>,
) -> Result<Json<DocumentList>, ApiError> {
    if !crate::acting::owns_application(&state.db, &actor, &application_id).await? {
        return Err(ApiError::NotFound);
    }
    Ok(Json(DocumentList {
        items: documents_of(&state, &application_id).await?,
    }))
}

pub async fn documents_of(
    state: &AppState,
    application_id: &str,
) -> Result<Vec<DocumentInfo>, ApiError> {
    let rows = sqlx::query(
        "SELECT id, requirement_id, file_name, file_type, size_bytes, created_at FROM documents \
         WHERE application_id = $1 AND deleted_at IS NULL ORDER BY created_at, id",
    )
    .bind(application_id)
    .fetch_all(&state.db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DocumentInfo {
                id: r.try_get("id")?,
                requirement_id: r.try_get("requirement_id")?,
                file_name: r.try_get("file_name")?,
                file_type: parse_type(&r.try_get::<String, _>("file_type")?),
                size_bytes: u64::try_from(r.try_get::<i64, _>("size_bytes")?).unwrap_or(0),
                uploaded_at: rfc3339(r.try_get("created_at")?),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()
        .map_err(ApiError::from)
}

/// The file itself, to its owner only, as an attachment (PDF and images inline) that never executes.
#[utoipa::path(get, path = "/api/documents/{id}/content", tag = "documents", operation_id = "download_document",
    params(("id" = String, Path, description = "Document id")),
    responses((status = 200, description = "The file"), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn download_document(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT d.stored_name, d.file_name, d.file_type, a.service_id, a.status, CASE WHEN {} THEN 1 ELSE 0 END AS owned FROM documents d \
         JOIN applications a ON a.id = d.application_id WHERE d.id = $1 AND d.deleted_at IS NULL",
        owned_by("a", 2)
    ))
    .bind(&id)
    .bind(actor.person_id())
    .bind(actor.organisation_id())
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    // The application's owner (the person, or the organisation they act for), or an officer of the agency
    // whose service it is (once the application is submitted).
    let user = actor.user();
    let owned = row.try_get::<i64, _>("owned")? == 1;
    let service_id: String = row.try_get("service_id")?;
    let officer_of_agency = user.role() == njia_domain::api::accounts::Role::Officer
        && row.try_get::<String, _>("status")? != ApplicationStatus::Draft.as_str()
        && state
            .catalog
            .catalog
            .service(&service_id)
            .is_some_and(|s| user.agency_id.as_deref() == Some(s.agency.as_str()));
    if !owned && !officer_of_agency {
        return Err(ApiError::NotFound);
    }
    let stored: String = row.try_get("stored_name")?;
    let bytes = state
        .document_store
        .read(&stored)
        .await
        .map_err(anyhow::Error::from)?;
    let content_type = match parse_type(&row.try_get::<String, _>("file_type")?) {
        DocumentType::Pdf => "application/pdf",
        DocumentType::Jpeg => "image/jpeg",
        DocumentType::Png => "image/png",
    };
    // The person's own name for the file, in the RFC 6266 form that carries any characters safely.
    let name: String = row.try_get("file_name")?;
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = HeaderValue::from_str(&format!(
        "inline; filename=\"document\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or(HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// Removes a document from an application that may still change.
#[utoipa::path(delete, path = "/api/documents/{id}", tag = "documents", operation_id = "delete_document",
    params(("id" = String, Path, description = "Document id")),
    responses((status = 204, description = "Removed"), (status = 404, body = njia_domain::api::ErrorEnvelope)))]
pub async fn delete_document(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT d.stored_name, a.status FROM documents d JOIN applications a ON a.id = d.application_id \
         WHERE d.id = $1 AND {} AND d.deleted_at IS NULL",
        owned_by("a", 2)
    ))
    .bind(&id)
    .bind(actor.person_id())
    .bind(actor.organisation_id())
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    let status = ApplicationStatus::parse(&row.try_get::<String, _>("status")?)
        .unwrap_or(ApplicationStatus::Draft);
    if !status.is_editable() {
        return Err(ApiError::Conflict("not_editable"));
    }
    sqlx::query("UPDATE documents SET deleted_at = $1 WHERE id = $2")
        .bind(state.clock.now_ms())
        .bind(&id)
        .execute(&state.db.pool)
        .await?;
    let stored: String = row.try_get("stored_name")?;
    if let Err(error) = state.document_store.remove(&stored).await {
        tracing::warn!(%error, "could not remove a document's file");
    }
    Ok(StatusCode::NO_CONTENT)
}
