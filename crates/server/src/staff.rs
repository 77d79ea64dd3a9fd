//! `njia-server create-staff`: officers and administrators are not self-registered; an operator creates
//! them. The same rules as registration apply to their details and password.

use std::io::BufRead;

use njia_domain::accounts::{
    check_new_password, field, parse_date_of_birth, parse_email, parse_id_number, parse_name,
    parse_phone,
};
use njia_domain::api::accounts::{AccountKind, PRIVACY_NOTICE_VERSION, Role};
use njia_domain::date::Date;
use njia_domain::password::{CommonPasswords, PersonalInfo};

use crate::accounts::{audit, passwords, store};
use crate::config::StaffArgs;
use crate::db::{Db, now_ms};

pub async fn create(db: &Db, args: &StaffArgs) -> anyhow::Result<String> {
    let role = match Role::parse(&args.role) {
        Some(role) if role.is_staff() => role,
        _ => anyhow::bail!("--role must be officer or administrator"),
    };
    let agency = match (role, args.agency.as_deref()) {
        (Role::Officer, None) => anyhow::bail!("an officer belongs to one agency: give --agency"),
        (Role::Officer, Some(agency)) => {
            let known: Option<i64> = sqlx::query_scalar("SELECT 1 FROM agencies WHERE id = $1")
                .bind(agency)
                .fetch_optional(&db.pool)
                .await?;
            anyhow::ensure!(known.is_some(), "no agency {agency} in the catalog");
            Some(agency)
        }
        _ => None,
    };
    let now = now_ms();
    let problem =
        |p: njia_domain::accounts::FieldProblem| anyhow::anyhow!("{}: {}", p.field, p.message);
    let id_number = parse_id_number(AccountKind::Citizen, &args.id_number).map_err(problem)?;
    let first_name = parse_name(field::FIRST_NAME, &args.first_name, true).map_err(problem)?;
    let surname = parse_name(field::SURNAME, &args.surname, true).map_err(problem)?;
    let date_of_birth = parse_date_of_birth(&args.date_of_birth, Date::from_unix_ms(now))
        .map_err(problem)?
        .to_string();
    let email = parse_email(&args.email).map_err(problem)?.to_string();
    let phone = parse_phone(&args.phone).map_err(problem)?.to_string();
    let password = match std::env::var("NJIA_STAFF_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            eprintln!("Password for the new account (then Enter):");
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let names = [first_name.as_str(), surname.as_str()];
    let info = PersonalInfo {
        names: &names,
        id_number: Some(&id_number),
        email: Some(&email),
        phone: Some(&phone),
    };
    if let Some(p) = check_new_password(&password, &password, &info, CommonPasswords::bundled())
        .into_iter()
        .next()
    {
        anyhow::bail!("password: {}", p.message);
    }
    let hash = passwords::hash(password).await?;
    let mut tx = db.begin().await?;
    let user = store::NewUser {
        kind: AccountKind::Citizen,
        id_number: &id_number,
        first_name: &first_name,
        other_names: "",
        surname: &surname,
        date_of_birth: &date_of_birth,
        email: &email,
        phone: &phone,
        password_hash: &hash,
        role,
        agency_id: agency,
        privacy_notice_version: PRIVACY_NOTICE_VERSION,
        verified: true,
    };
    let id = store::insert(&mut tx, &user, now).await.map_err(|e| {
        if store::is_unique_violation(&e) {
            anyhow::anyhow!("an account already uses this ID number, email or phone")
        } else {
            e.into()
        }
    })?;
    let origin = audit::Origin {
        ip: None,
        device: "njia-server create-staff".into(),
    };
    audit::record(&mut tx, None, Some(&id), "staff_created", &origin, now).await?;
    tx.commit().await?;
    Ok(id)
}
