//! The signed-in person's own account: changes of password, phone and email, devices and activity.

use gloo_net::http::Method;
use njia_domain::api::accounts::{
    Account, ActivityPage, ChangeContactRequest, ChangePasswordRequest, Channel, CodeSent,
    ConfirmContactChangeRequest, SessionList,
};

use super::{ApiError, get, write_json, write_no_content};

pub async fn change_password(
    current_password: String,
    password: String,
    password_confirmation: String,
) -> Result<(), ApiError> {
    let body = ChangePasswordRequest {
        current_password,
        password,
        password_confirmation,
    };
    write_no_content(Method::POST, "/api/account/password", Some(&body)).await
}

/// Password first, then a code goes to the new phone (`Sms`) or email.
pub async fn change_contact(
    channel: Channel,
    value: String,
    password: String,
) -> Result<CodeSent, ApiError> {
    write_json(
        Method::POST,
        "/api/account/contact",
        &ChangeContactRequest {
            channel,
            value,
            password,
        },
    )
    .await
}

pub async fn confirm_contact_change(channel: Channel, code: String) -> Result<Account, ApiError> {
    write_json(
        Method::POST,
        "/api/account/contact/confirm",
        &ConfirmContactChangeRequest { channel, code },
    )
    .await
}

pub async fn sessions() -> Result<SessionList, ApiError> {
    get("/api/account/sessions").await
}

pub async fn sign_out_others() -> Result<(), ApiError> {
    write_no_content::<()>(Method::POST, "/api/account/sessions/sign-out-others", None).await
}

/// One page of activity, newest first; `cursor` from the previous page's `next_cursor`.
pub async fn activity(cursor: Option<&str>) -> Result<ActivityPage, ApiError> {
    match cursor {
        Some(cursor) => {
            let cursor = String::from(js_sys::encode_uri_component(cursor));
            get(&format!("/api/account/activity?limit=20&cursor={cursor}")).await
        }
        None => get("/api/account/activity?limit=20").await,
    }
}
