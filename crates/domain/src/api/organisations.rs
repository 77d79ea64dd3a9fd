//! Organisations and their members: `GET /api/organisations` (the signed-in person's), one organisation with
//! its members and pending invitations (for its administrators), invitations sent and answered, roles
//! changed and members removed. An organisation exists here only once staff approved it.

use serde::{Deserialize, Serialize};

use crate::organisations::{OrganisationKind, OrganisationRole};

/// An organisation the signed-in person is a current member of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    pub id: String,
    pub kind: OrganisationKind,
    pub name: String,
    /// The organisation's KRA PIN (`P…`), when it was added by its PIN.
    pub kra_pin: Option<String>,
    /// Its company registration number, when it was added by that.
    pub registration_number: Option<String>,
    /// What the signed-in person may do for it.
    pub my_role: OrganisationRole,
    /// RFC 3339: when staff approved it.
    pub created_at: String,
}

/// `GET /api/organisations`: by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationList {
    pub items: Vec<Organisation>,
}

/// A current member, as the organisation's administrators see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub user_id: String,
    pub name: String,
    pub role: OrganisationRole,
    /// The last 4 characters of their ID or document number, to tell two people of one name apart; never the
    /// whole number.
    pub id_number_last4: Option<String>,
    /// RFC 3339.
    pub added_at: String,
}

/// `GET /api/organisations/{id}`. Agents get the organisation alone: `members` and `invitations` are
/// empty for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationDetail {
    pub organisation: Organisation,
    /// Administrators first, then by name.
    pub members: Vec<Member>,
    /// The pending invitations, newest first.
    pub invitations: Vec<Invitation>,
}

/// How the administrator names the person to invite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InviteeIdentifiedBy {
    /// Their national ID number.
    IdNumber,
    /// The email address of their Njia account.
    Email,
}

/// `POST /api/organisations/{id}/invitations`. The person must already have a Njia account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    pub identified_by: InviteeIdentifiedBy,
    /// With `identified_by = id_number`.
    #[serde(default)]
    pub id_number: Option<String>,
    /// With `identified_by = email`.
    #[serde(default)]
    pub email: Option<String>,
    pub role: OrganisationRole,
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Declined,
    /// Withdrawn by an administrator, or replaced by a newer invitation of the same person.
    Withdrawn,
}

impl InvitationStatus {
    pub const ALL: [InvitationStatus; 4] = [
        InvitationStatus::Pending,
        InvitationStatus::Accepted,
        InvitationStatus::Declined,
        InvitationStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Accepted => "accepted",
            InvitationStatus::Declined => "declined",
            InvitationStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<InvitationStatus> {
        InvitationStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }
}

/// An invitation to act for an organisation, as the invitee and the organisation's administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub id: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub organisation_kind: OrganisationKind,
    pub role: OrganisationRole,
    pub invited_by_name: String,
    /// Who is invited, so an administrator can check they named the right person.
    pub invitee_name: String,
    pub status: InvitationStatus,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /api/invitations`: the signed-in person's pending invitations, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationList {
    pub items: Vec<Invitation>,
}

/// `PUT /api/organisations/{id}/members/{user_id}/role`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeRoleRequest {
    pub role: OrganisationRole,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_back_from_their_names() {
        for status in InvitationStatus::ALL {
            assert_eq!(InvitationStatus::parse(status.as_str()), Some(status));
            assert_eq!(
                serde_json::to_string(&status).expect("json"),
                format!("\"{}\"", status.as_str())
            );
        }
        assert_eq!(InvitationStatus::parse("expired"), None);
    }

    #[test]
    fn an_invitation_request_refuses_unknown_fields() {
        let ok: InviteRequest = serde_json::from_str(
            r#"{"identified_by": "email", "email": "a@example.co.ke", "role": "agent"}"#,
        )
        .expect("a request");
        assert_eq!(ok.identified_by, InviteeIdentifiedBy::Email);
        assert_eq!(ok.id_number, None);
        assert!(
            serde_json::from_str::<InviteRequest>(
                r#"{"identified_by": "email", "email": "a@example.co.ke", "role": "agent", "organisation_id": "x"}"#,
            )
            .is_err()
        );
        assert!(serde_json::from_str::<ChangeRoleRequest>(r#"{"role": "owner"}"#).is_err());
    }
}
