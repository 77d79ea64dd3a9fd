//! The `users` table.

use njia_domain::api::accounts::{Account, AccountKind, Role};
use njia_domain::ids::{AlienId, Email, NationalId, PassportNumber, PhoneNumber};
use sqlx::AnyConnection;

use crate::clock::rfc3339;
use crate::db::Db;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: String,
    pub kind: String,
    pub id_number: String,
    pub first_name: String,
    pub other_names: String,
    pub surname: String,
    pub date_of_birth: String,
    pub email: String,
    pub phone: String,
    pub password_hash: String,
    pub role: String,
    pub agency_id: Option<String>,
    pub email_verified_at: Option<i64>,
    pub phone_verified_at: Option<i64>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, kind, id_number, first_name, other_names, surname, date_of_birth, email, phone, \
     password_hash, role, agency_id, email_verified_at, phone_verified_at, created_at";

impl User {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Citizen)
    }

    pub fn is_usable(&self) -> bool {
        self.email_verified_at.is_some() && self.phone_verified_at.is_some()
    }

    /// Only the last four characters: for screens and logs.
    pub fn id_number_masked(&self) -> String {
        let chars: Vec<char> = self.id_number.chars().collect();
        let shown = chars.len().min(4);
        "*".repeat(chars.len() - shown) + &chars[chars.len() - shown..].iter().collect::<String>()
    }

    pub fn masked_phone(&self) -> String {
        PhoneNumber::parse(&self.phone)
            .map(|p| p.masked())
            .unwrap_or_else(|_| "***".into())
    }

    pub fn masked_email(&self) -> String {
        Email::parse(&self.email)
            .map(|e| e.masked())
            .unwrap_or_else(|_| "***".into())
    }

    pub fn to_account(&self) -> Account {
        Account {
            id: self.id.clone(),
            kind: AccountKind::parse(&self.kind).unwrap_or(AccountKind::Citizen),
            role: self.role(),
            agency: self.agency_id.clone(),
            id_number_masked: self.id_number_masked(),
            first_name: self.first_name.clone(),
            other_names: self.other_names.clone(),
            surname: self.surname.clone(),
            date_of_birth: self.date_of_birth.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            email_verified: self.email_verified_at.is_some(),
            phone_verified: self.phone_verified_at.is_some(),
            created_at: rfc3339(self.created_at),
        }
    }
}

pub struct NewUser<'a> {
    pub kind: AccountKind,
    pub id_number: &'a str,
    pub first_name: &'a str,
    pub other_names: &'a str,
    pub surname: &'a str,
    pub date_of_birth: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub agency_id: Option<&'a str>,
    pub privacy_notice_version: &'a str,
    /// Staff and demo accounts are created with confirmed contacts.
    pub verified: bool,
}

pub async fn insert(
    conn: &mut AnyConnection,
    user: &NewUser<'_>,
    now: i64,
) -> sqlx::Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let verified_at = user.verified.then_some(now);
    sqlx::query(
        "INSERT INTO users (id, kind, id_number, first_name, other_names, surname, date_of_birth, email, email_key, \
         phone, password_hash, role, agency_id, email_verified_at, phone_verified_at, privacy_notice_version, \
         privacy_accepted_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)",
    )
    .bind(&id)
    .bind(user.kind.as_str())
    .bind(user.id_number)
    .bind(user.first_name)
    .bind(user.other_names)
    .bind(user.surname)
    .bind(user.date_of_birth)
    .bind(user.email)
    .bind(user.email.to_lowercase())
    .bind(user.phone)
    .bind(user.password_hash)
    .bind(user.role.as_str())
    .bind(user.agency_id)
    .bind(verified_at)
    .bind(verified_at)
    .bind(user.privacy_notice_version)
    .bind(now)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(id)
}

pub async fn by_id(db: &Db, id: &str) -> sqlx::Result<Option<User>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// Accounts a sign-in or reset identifier may name: an email address, or an ID/document number of any kind
/// (a national ID and an alien ID can share digits, so there may be more than one).
pub async fn by_identifier(db: &Db, identifier: &str) -> sqlx::Result<Vec<User>> {
    let identifier = identifier.trim();
    if identifier.contains('@') {
        let key = identifier.to_lowercase();
        return sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE email_key = $1"))
            .bind(key)
            .fetch_all(&db.pool)
            .await;
    }
    let mut users = Vec::new();
    let forms = [
        (
            AccountKind::Citizen,
            NationalId::parse(identifier).ok().map(|i| i.to_string()),
        ),
        (
            AccountKind::Resident,
            AlienId::parse(identifier).ok().map(|i| i.to_string()),
        ),
        (
            AccountKind::Foreigner,
            PassportNumber::parse(identifier)
                .ok()
                .map(|i| i.to_string()),
        ),
    ];
    for (kind, canonical) in forms {
        if let Some(number) = canonical {
            let found: Option<User> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM users WHERE kind = $1 AND id_number = $2"
            ))
            .bind(kind.as_str())
            .bind(number)
            .fetch_optional(&db.pool)
            .await?;
            users.extend(found);
        }
    }
    Ok(users)
}

/// Whether another account already has this phone (`is_phone`) or email address.
pub async fn contact_taken(db: &Db, is_phone: bool, value: &str) -> sqlx::Result<bool> {
    let (sql, value) = if is_phone {
        ("SELECT 1 FROM users WHERE phone = $1", value.to_string())
    } else {
        (
            "SELECT 1 FROM users WHERE email_key = $1",
            value.to_lowercase(),
        )
    };
    Ok(sqlx::query_scalar::<_, i64>(sql)
        .bind(value)
        .fetch_optional(&db.pool)
        .await?
        .is_some())
}

/// Which of the unique details of a registration are already taken, in form order.
pub async fn taken(
    db: &Db,
    kind: AccountKind,
    id_number: &str,
    email: &str,
    phone: &str,
) -> sqlx::Result<Vec<&'static str>> {
    let mut taken = Vec::new();
    let id_taken =
        sqlx::query_scalar::<_, i64>("SELECT 1 FROM users WHERE kind = $1 AND id_number = $2")
            .bind(kind.as_str())
            .bind(id_number)
            .fetch_optional(&db.pool)
            .await?
            .is_some();
    if id_taken {
        taken.push("id_number");
    }
    if contact_taken(db, false, email).await? {
        taken.push("email");
    }
    if contact_taken(db, true, phone).await? {
        taken.push("phone");
    }
    Ok(taken)
}

pub async fn mark_verified(
    conn: &mut AnyConnection,
    user_id: &str,
    phone: bool,
    now: i64,
) -> sqlx::Result<()> {
    let sql = if phone {
        "UPDATE users SET phone_verified_at = $1, updated_at = $1 WHERE id = $2"
    } else {
        "UPDATE users SET email_verified_at = $1, updated_at = $1 WHERE id = $2"
    };
    sqlx::query(sql)
        .bind(now)
        .bind(user_id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Sets a new phone or email. `verified` says whether it was just confirmed by a code.
pub async fn set_contact(
    conn: &mut AnyConnection,
    user_id: &str,
    phone: bool,
    value: &str,
    verified: bool,
    now: i64,
) -> sqlx::Result<()> {
    let verified_at = verified.then_some(now);
    let sql = if phone {
        "UPDATE users SET phone = $1, phone_verified_at = $2, updated_at = $3 WHERE id = $4"
    } else {
        "UPDATE users SET email = $1, email_key = lower($1), email_verified_at = $2, updated_at = $3 WHERE id = $4"
    };
    sqlx::query(sql)
        .bind(value)
        .bind(verified_at)
        .bind(now)
        .bind(user_id)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn set_password_hash(
    conn: &mut AnyConnection,
    user_id: &str,
    hash: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now)
        .bind(user_id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Whether a unique-constraint violation is the cause of `error` (two registrations racing).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(e) => {
            e.is_unique_violation()
                || e.message().contains("UNIQUE constraint failed")
                || e.code().as_deref() == Some("23505")
        }
        _ => false,
    }
}
