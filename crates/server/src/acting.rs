//! Who a request acts for: the signed-in person, or one of the organisations they are a current member of.
//!
//! The SPA says which with the `X-Njia-Acting-As` header (an organisation's id; absent or `personal` for
//! the person's own account), chosen per tab by the header's switch. Membership is checked on every request
//! against the register of members, so removing someone takes effect at once, also for sessions they have
//! open; a request for an organisation the person no longer belongs to is refused (403 `not_a_member`)
//! rather than quietly done on their personal account. An organisation exists only once an officer approved
//! it, so an unapproved one cannot be acted for.
//!
//! Records made while acting for an organisation belong to it (`applications.organisation_id`; invoices,
//! payments and documents through their application), and their `user_id` keeps the person who acted.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::accounts::sessions::{CurrentSession, SignedIn};
use crate::accounts::store::User;
use crate::app::AppState;
use crate::error::ApiError;
use crate::organisations::{Membership, current_membership};

pub const HEADER: &str = "x-njia-acting-as";

/// A signed-in person and who they act for.
#[derive(Debug, Clone)]
pub struct Actor {
    pub session: CurrentSession,
    pub organisation: Option<Membership>,
}

impl Actor {
    /// The person acting for themselves, whatever the request says (their own fines, licences, tests).
    pub fn personal(session: CurrentSession) -> Actor {
        Actor {
            session,
            organisation: None,
        }
    }

    pub fn user(&self) -> &User {
        &self.session.user
    }

    /// The person's id when acting for themselves; `None` for an organisation. Bound together with
    /// [`Actor::organisation_id`] into the predicate of [`owned_by`].
    pub fn person_id(&self) -> Option<&str> {
        match self.organisation {
            None => Some(&self.session.user.id),
            Some(_) => None,
        }
    }

    pub fn organisation_id(&self) -> Option<&str> {
        self.organisation
            .as_ref()
            .map(|o| o.organisation_id.as_str())
    }

    /// Whom a record made now belongs to: `(user_id, organisation_id)`.
    pub fn owner(&self) -> (&str, Option<&str>) {
        (&self.session.user.id, self.organisation_id())
    }
}

/// The SQL condition "this row (of `applications`, aliased `table`) belongs to the actor", with the person's
/// id bound at `$n` and the organisation's at `$n+1` — bind [`Actor::person_id`] then
/// [`Actor::organisation_id`]. Exactly one of the two is set, so personal records and an organisation's
/// never mix.
pub fn owned_by(table: &str, n: usize) -> String {
    let t = if table.is_empty() {
        String::new()
    } else {
        format!("{table}.")
    };
    format!(
        "(({t}organisation_id IS NULL AND {t}user_id = ${n}) OR {t}organisation_id = ${})",
        n + 1
    )
}

/// Whether the application is the actor's: theirs, or the organisation's they act for.
pub async fn owns_application(
    db: &crate::db::Db,
    actor: &Actor,
    application_id: &str,
) -> Result<bool, ApiError> {
    Ok(sqlx::query_scalar::<_, i64>(&format!(
        "SELECT 1 FROM applications WHERE id = $1 AND {}",
        owned_by("", 2)
    ))
    .bind(application_id)
    .bind(actor.person_id())
    .bind(actor.organisation_id())
    .fetch_optional(&db.pool)
    .await?
    .is_some())
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let SignedIn(session) = SignedIn::from_request_parts(parts, state).await?;
        let wanted = parts
            .headers
            .get(HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty() && *v != "personal")
            .map(str::to_string);
        let Some(organisation_id) = wanted else {
            return Ok(Actor {
                session,
                organisation: None,
            });
        };
        let mut conn = state.db.pool.acquire().await?;
        let organisation = current_membership(&mut conn, &organisation_id, &session.user.id)
            .await?
            .ok_or(ApiError::Forbidden("not_a_member"))?;
        Ok(Actor {
            session,
            organisation: Some(organisation),
        })
    }
}
