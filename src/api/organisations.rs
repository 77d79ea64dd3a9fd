//! The organisations the signed-in person is a member of, their members and invitations, and the person's
//! own invitations. These routes are about the person's memberships, so the server reads them for the
//! person whatever the tab acts for.

use gloo_net::http::Method;
use njia_domain::api::organisations::{
    ChangeRoleRequest, Invitation, InvitationList, InviteRequest, Member, OrganisationDetail,
    OrganisationList,
};
use njia_domain::organisations::OrganisationRole;

use super::{ApiError, decode, get, send, write_json, write_no_content};

/// `GET /api/organisations`: the person's current organisations, by name, with their role in each.
pub async fn list() -> Result<OrganisationList, ApiError> {
    get("/api/organisations").await
}

/// `GET /api/organisations/{id}`: one of them; members and pending invitations for administrators only.
/// `404` for anyone who is not (or no longer) a member.
pub async fn detail(id: &str) -> Result<OrganisationDetail, ApiError> {
    get(&format!("/api/organisations/{id}")).await
}

/// `POST /api/organisations/{id}/invitations`: `422` with `no_account` (or the ID/email rule's code) on
/// `id_number` or `email`, `409 already_a_member`, `403 administrators_only`.
pub async fn invite(id: &str, request: &InviteRequest) -> Result<Invitation, ApiError> {
    write_json(
        Method::POST,
        &format!("/api/organisations/{id}/invitations"),
        request,
    )
    .await
}

/// `DELETE /api/organisations/{id}/invitations/{invitation_id}`: `409 already_answered` once answered.
pub async fn withdraw(id: &str, invitation_id: &str) -> Result<(), ApiError> {
    write_no_content::<()>(
        Method::DELETE,
        &format!("/api/organisations/{id}/invitations/{invitation_id}"),
        None,
    )
    .await
}

/// `GET /api/invitations`: the person's pending invitations, newest first.
pub async fn invitations() -> Result<InvitationList, ApiError> {
    get("/api/invitations").await
}

/// `POST /api/invitations/{id}/accept` or `/decline` (no body): the invitation as answered;
/// `409 already_answered`, `404` when it is not the person's.
pub async fn answer(invitation_id: &str, accept: bool) -> Result<Invitation, ApiError> {
    let what = if accept { "accept" } else { "decline" };
    let path = format!("/api/invitations/{invitation_id}/{what}");
    decode(send::<()>(Method::POST, &path, None).await?).await
}

/// `PUT /api/organisations/{id}/members/{user_id}/role`: the member as they now stand;
/// `409 last_administrator` for the only administrator becoming an agent.
pub async fn change_role(
    id: &str,
    user_id: &str,
    role: OrganisationRole,
) -> Result<Member, ApiError> {
    write_json(
        Method::PUT,
        &format!("/api/organisations/{id}/members/{user_id}/role"),
        &ChangeRoleRequest { role },
    )
    .await
}

/// `DELETE /api/organisations/{id}/members/{user_id}`: removes a member, or the person leaves when it is
/// their own id; `409 last_administrator` for the only administrator.
pub async fn remove_member(id: &str, user_id: &str) -> Result<(), ApiError> {
    write_no_content::<()>(
        Method::DELETE,
        &format!("/api/organisations/{id}/members/{user_id}"),
        None,
    )
    .await
}
