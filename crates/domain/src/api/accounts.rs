//! Accounts, sign-in, recovery and sessions: the wire types of `/api/accounts`, `/api/auth`, `/api/session`
//! and `/api/account`. Timestamps are RFC 3339 strings (docs/API.md).

use serde::{Deserialize, Serialize};

/// The kind of personal account, by the document that identifies the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// Kenyan citizen: national ID number.
    Citizen,
    /// Foreign resident: alien ID number.
    Resident,
    /// Visitor: passport number.
    Foreigner,
}

impl AccountKind {
    pub const ALL: [AccountKind; 3] = [
        AccountKind::Citizen,
        AccountKind::Resident,
        AccountKind::Foreigner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Citizen => "citizen",
            AccountKind::Resident => "resident",
            AccountKind::Foreigner => "foreigner",
        }
    }

    pub fn parse(s: &str) -> Option<AccountKind> {
        AccountKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    /// Staff of one agency: reviews that agency's applications.
    Officer,
    Administrator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Officer => "officer",
            Role::Administrator => "administrator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::Citizen, Role::Officer, Role::Administrator]
            .into_iter()
            .find(|r| r.as_str() == s)
    }

    /// Staff must receive every sign-in code by SMS (SECURITY.md, access control).
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Citizen)
    }
}

/// Where a one-time code or a notice is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        [Channel::Sms, Channel::Email]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// The version of the privacy notice shown at registration; stored with the time it was accepted.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11-01";

/// `POST /api/accounts`. Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    pub kind: AccountKind,
    pub id_number: String,
    pub first_name: String,
    #[serde(default)]
    pub other_names: String,
    pub surname: String,
    pub date_of_birth: String,
    pub email: String,
    pub phone: String,
    pub password: String,
    pub password_confirmation: String,
    /// The version of the privacy notice the person accepted; must be the current one.
    pub privacy_notice_version: String,
}

/// A masked destination of a code, e.g. `+254 7** *** 678` or `j***@example.com`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelOption {
    pub channel: Channel,
    pub destination: String,
}

/// What a person sees of their own account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: String,
    pub kind: AccountKind,
    pub role: Role,
    /// The officer's agency id.
    pub agency: Option<String>,
    /// Only the last digits: the full number is never sent back.
    pub id_number_masked: String,
    pub first_name: String,
    pub other_names: String,
    pub surname: String,
    pub date_of_birth: String,
    pub email: String,
    pub phone: String,
    pub email_verified: bool,
    pub phone_verified: bool,
    pub created_at: String,
}

impl Account {
    /// Both channels confirmed: until then only the confirmation endpoints work.
    pub fn is_usable(&self) -> bool {
        self.email_verified && self.phone_verified
    }
}

/// The signed-in person and when their session ends. `GET /api/session`, and the answer to every step that
/// starts or refreshes a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub account: Account,
    /// When the session ends if nothing happens (30 minutes after the last request).
    pub idle_expires_at: String,
    /// When the session ends whatever happens (12 hours after sign-in).
    pub absolute_expires_at: String,
    /// How long before `idle_expires_at` to warn the person (120 seconds).
    pub warn_before_seconds: u32,
    /// Seconds until `idle_expires_at`, measured on the server, so a phone with a wrong clock warns on time.
    pub idle_remaining_seconds: u64,
}

/// `POST /api/auth/sign-in`: email address or ID/document number, and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    pub identifier: String,
    pub password: String,
}

/// The password was right. Either a code is needed (choose where to send it), or the account still has
/// unconfirmed contacts and the person is signed in only to confirm them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "next", rename_all = "snake_case")]
pub enum SignInResponse {
    ChooseChannel {
        /// Opaque, short-lived, single-use; names this sign-in attempt in the next two steps.
        challenge: String,
        channels: Vec<ChannelOption>,
    },
    ConfirmContacts {
        session: Box<SessionInfo>,
    },
}

/// `POST /api/auth/sign-in/code`: send (or resend) the code by the chosen channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SendSignInCodeRequest {
    pub challenge: String,
    pub channel: Channel,
}

/// A code was sent. Resending is possible after `resend_after_seconds`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeSent {
    pub channel: Channel,
    pub destination: String,
    pub expires_in_seconds: u64,
    pub resend_after_seconds: u64,
}

/// `POST /api/auth/sign-in/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerifySignInRequest {
    pub challenge: String,
    pub code: String,
}

/// `POST /api/account/verification/send`: (re)send the code that confirms one contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SendVerificationRequest {
    pub channel: Channel,
}

/// `POST /api/account/verification/confirm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmVerificationRequest {
    pub channel: Channel,
    pub code: String,
}

/// `PUT /api/account/unconfirmed-contact`: correct a mistyped phone or email before it is confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CorrectContactRequest {
    pub channel: Channel,
    /// The corrected phone number or email address.
    pub value: String,
}

/// `POST /api/password-reset`: always answered the same way, whether or not the account exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StartResetRequest {
    pub identifier: String,
    pub channel: Channel,
}

/// The answer to `POST /api/password-reset`, the same whether or not the account exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetStarted {
    pub expires_in_seconds: u64,
    pub resend_after_seconds: u64,
}

/// `POST /api/password-reset/verify`: the code from the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerifyResetRequest {
    pub identifier: String,
    pub code: String,
}

/// A single-use token, valid for the rest of the code's 30 minutes, that allows one new password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetToken {
    pub reset_token: String,
}

/// `POST /api/password-reset/complete`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompleteResetRequest {
    pub reset_token: String,
    pub password: String,
    pub password_confirmation: String,
}

/// `POST /api/account/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub password: String,
    pub password_confirmation: String,
}

/// `POST /api/account/contact`: start changing the phone or email; the password is asked again first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeContactRequest {
    pub channel: Channel,
    pub value: String,
    pub password: String,
}

/// `POST /api/account/contact/confirm`: the code sent to the new phone or email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmContactChangeRequest {
    pub channel: Channel,
    pub code: String,
}

/// One of the person's signed-in devices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionSummary {
    pub id: String,
    /// Browser and system, from the User-Agent, e.g. "Chrome on Android".
    pub device: String,
    pub ip_address: Option<String>,
    pub signed_in_at: String,
    pub last_seen_at: String,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionList {
    pub items: Vec<SessionSummary>,
}

/// An entry of the person's account activity (from the audit trail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityEntry {
    pub id: String,
    /// Stable code, e.g. `sign_in`, `sign_in_failed`, `phone_changed`; the SPA translates it.
    pub action: String,
    pub at: String,
    pub device: Option<String>,
    pub ip_address: Option<String>,
    /// Approximate place, where known.
    pub place: Option<String>,
}

/// A page of account activity, newest first (cursor pagination, docs/API.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityPage {
    pub items: Vec<ActivityEntry>,
    pub next_cursor: Option<String>,
}
