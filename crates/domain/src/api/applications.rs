//! Applications: drafts saved as the person goes, idempotent submission, and the timeline they follow.

use serde::{Deserialize, Serialize};

use crate::forms::Answers;

/// Where an application stands. Drafts are the person's own; the rest follow DOMAIN.md's statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    Draft,
    AwaitingPayment,
    Submitted,
    UnderReview,
    ChangesRequested,
    Approved,
    Rejected,
    ReadyForCollection,
    Collected,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 9] = [
        ApplicationStatus::Draft,
        ApplicationStatus::AwaitingPayment,
        ApplicationStatus::Submitted,
        ApplicationStatus::UnderReview,
        ApplicationStatus::ChangesRequested,
        ApplicationStatus::Approved,
        ApplicationStatus::Rejected,
        ApplicationStatus::ReadyForCollection,
        ApplicationStatus::Collected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "draft",
            ApplicationStatus::AwaitingPayment => "awaiting_payment",
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::UnderReview => "under_review",
            ApplicationStatus::ChangesRequested => "changes_requested",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::ReadyForCollection => "ready_for_collection",
            ApplicationStatus::Collected => "collected",
        }
    }

    pub fn parse(s: &str) -> Option<ApplicationStatus> {
        ApplicationStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
    }

    /// The applicant may still change the answers.
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Draft | ApplicationStatus::ChangesRequested
        )
    }
}

/// `POST /api/applications`: start a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateDraftRequest {
    pub service_id: String,
}

/// `PUT /api/applications/{id}/answers`: the answers so far (a whole replacement, so a retried save is
/// harmless). Each answer given must be valid; missing ones are fine until submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SaveAnswersRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answers: Answers,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub status: ApplicationStatus,
    pub at: String,
    /// A reason (rejection, changes requested) or a collection centre, in the words of whoever wrote it.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    pub id: String,
    /// Given at submission: short, without characters that are easy to confuse (0/O, 1/I).
    pub reference: Option<String>,
    pub service_id: String,
    pub status: ApplicationStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answers: Answers,
    pub created_at: String,
    pub updated_at: String,
    pub submitted_at: Option<String>,
    /// Oldest first.
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    pub id: String,
    pub reference: Option<String>,
    pub service_id: String,
    pub status: ApplicationStatus,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationList {
    /// Most recently changed first.
    pub items: Vec<ApplicationSummary>,
}

/// A document attached to an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentInfo {
    pub id: String,
    /// Which of the service's document requirements it answers.
    pub requirement_id: String,
    pub file_name: String,
    pub file_type: crate::catalog::DocumentType,
    pub size_bytes: u64,
    pub uploaded_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentList {
    pub items: Vec<DocumentInfo>,
}

/// The original file name of an upload, percent-encoded (the body is the file itself).
pub const FILE_NAME_HEADER: &str = "x-file-name";

/// The header that makes a submission safe to repeat (SECURITY.md, Reliability).
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

/// Characters of application references: no 0/O, 1/I/L, so a reference read aloud or typed is not misread.
pub const REFERENCE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Whether `text` is a well-formed reference, e.g. `NJ-7KX3-9QPM` (case-insensitive, dashes optional).
pub fn parse_reference(text: &str) -> Option<String> {
    let chars: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .collect::<String>()
        .to_ascii_uppercase();
    let body = chars.strip_prefix("NJ")?;
    (body.len() == 8 && body.bytes().all(|b| REFERENCE_ALPHABET.contains(&b)))
        .then(|| format!("NJ-{}-{}", &body[..4], &body[4..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_back_whatever_the_case_or_dashes() {
        assert_eq!(
            parse_reference("nj-7kx3-9qpm").as_deref(),
            Some("NJ-7KX3-9QPM")
        );
        assert_eq!(
            parse_reference("NJ7KX39QPM").as_deref(),
            Some("NJ-7KX3-9QPM")
        );
        assert_eq!(parse_reference("NJ-7KX3-9QP0"), None, "no zero");
        assert_eq!(parse_reference("NJ-7KX3-9QP"), None);
        assert_eq!(parse_reference("XX-7KX3-9QPM"), None);
    }

    #[test]
    fn decision_names_are_the_wire_names() {
        for decision in Decision::ALL {
            assert_eq!(
                serde_json::to_value(decision).ok(),
                Some(serde_json::Value::String(decision.as_str().into()))
            );
        }
    }

    #[test]
    fn a_note_is_required_where_the_decision_needs_one_and_bounded_everywhere() {
        for decision in Decision::ALL {
            let blank = decision.note_problem(Some("   "));
            assert_eq!(
                blank,
                decision.needs_note().then_some("required"),
                "{decision:?}"
            );
            assert_eq!(decision.note_problem(None), blank);
            assert_eq!(
                decision.note_problem(Some(&"a".repeat(NOTE_MAX_CHARS))),
                None
            );
            assert_eq!(
                decision.note_problem(Some(&"a".repeat(NOTE_MAX_CHARS + 1))),
                Some("too_long")
            );
        }
    }

    #[test]
    fn statuses_round_trip() {
        for status in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::parse(status.as_str()), Some(status));
        }
    }
}

/// What an officer can do to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    StartReview,
    Approve,
    Reject,
    RequestChanges,
    ReadyForCollection,
    Collected,
}

impl Decision {
    /// The status a decision leads to, from the statuses it may be taken in.
    pub fn transition(self, from: ApplicationStatus) -> Option<ApplicationStatus> {
        use ApplicationStatus as S;
        match (self, from) {
            (Decision::StartReview, S::Submitted) => Some(S::UnderReview),
            (Decision::Approve, S::Submitted | S::UnderReview) => Some(S::Approved),
            (Decision::Reject, S::Submitted | S::UnderReview) => Some(S::Rejected),
            (Decision::RequestChanges, S::Submitted | S::UnderReview) => Some(S::ChangesRequested),
            (Decision::ReadyForCollection, S::Approved) => Some(S::ReadyForCollection),
            (Decision::Collected, S::ReadyForCollection) => Some(S::Collected),
            _ => None,
        }
    }

    /// Every decision, in the order an officer meets them.
    pub const ALL: [Decision; 6] = [
        Decision::StartReview,
        Decision::Approve,
        Decision::RequestChanges,
        Decision::Reject,
        Decision::ReadyForCollection,
        Decision::Collected,
    ];

    /// The name on the wire, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::StartReview => "start_review",
            Decision::Approve => "approve",
            Decision::Reject => "reject",
            Decision::RequestChanges => "request_changes",
            Decision::ReadyForCollection => "ready_for_collection",
            Decision::Collected => "collected",
        }
    }

    /// What is wrong with the note of this decision, as an error code: `required` where the decision needs
    /// one and it is blank, `too_long` over [`NOTE_MAX_CHARS`]. The back office checks before sending and the
    /// server checks again, with this one rule.
    pub fn note_problem(self, note: Option<&str>) -> Option<&'static str> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        match note {
            None if self.needs_note() => Some("required"),
            Some(note) if note.chars().count() > NOTE_MAX_CHARS => Some("too_long"),
            _ => None,
        }
    }

    /// Rejections and requests for changes must say why; collection must say where.
    pub fn needs_note(self) -> bool {
        matches!(
            self,
            Decision::Reject | Decision::RequestChanges | Decision::ReadyForCollection
        )
    }
}

/// The longest note (a reason, what to change, a place) a decision may carry.
pub const NOTE_MAX_CHARS: usize = 500;

/// `POST /api/officer/applications/{id}/decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub decision: Decision,
    /// The reason (reject, request changes) or the collection centre (ready for collection).
    #[serde(default)]
    pub note: Option<String>,
}

/// An application as an officer reviews it: the applicant's name (not their full ID) and the documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficerApplication {
    pub application: Application,
    pub applicant_name: String,
    pub applicant_id_number_masked: String,
    pub documents: Vec<DocumentInfo>,
}

/// One row of an officer's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueEntry {
    pub id: String,
    pub reference: Option<String>,
    pub service_id: String,
    pub status: ApplicationStatus,
    pub applicant_name: String,
    pub submitted_at: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Queue {
    /// Oldest submission first.
    pub items: Vec<QueueEntry>,
    /// Where the next page starts (`?cursor=`); absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
