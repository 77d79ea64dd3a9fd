//! Registration and contact rules, run by the SPA before sending and by the server on receipt. Each
//! problem names its field and a stable code; the SPA translates by (field, code), the server sends the
//! English message in the error envelope.

use crate::api::accounts::{AccountKind, PRIVACY_NOTICE_VERSION, RegisterRequest};
use crate::date::{Date, DateError};
use crate::ids::{AlienId, Email, NationalId, PassportNumber, PhoneNumber};
use crate::password::{CommonPasswords, PersonalInfo, check_password};

/// Field names, as in the request bodies and the SPA's inputs.
pub mod field {
    pub const KIND: &str = "kind";
    pub const ID_NUMBER: &str = "id_number";
    pub const FIRST_NAME: &str = "first_name";
    pub const OTHER_NAMES: &str = "other_names";
    pub const SURNAME: &str = "surname";
    pub const DATE_OF_BIRTH: &str = "date_of_birth";
    pub const EMAIL: &str = "email";
    pub const PHONE: &str = "phone";
    pub const PASSWORD: &str = "password";
    pub const PASSWORD_CONFIRMATION: &str = "password_confirmation";
    pub const PRIVACY_NOTICE: &str = "privacy_notice_version";
    pub const IDENTIFIER: &str = "identifier";
    pub const CODE: &str = "code";
}

pub const MINIMUM_AGE: i32 = 18;
pub const MAXIMUM_AGE: i32 = 120;
pub const MAX_NAME_CHARS: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl FieldProblem {
    pub fn new(
        field: &'static str,
        code: &'static str,
        message: impl Into<String>,
    ) -> FieldProblem {
        FieldProblem {
            field,
            code,
            message: message.into(),
        }
    }
}

/// A registration that passed every rule, in canonical forms.
#[derive(Debug, Clone)]
pub struct ValidRegistration {
    pub kind: AccountKind,
    pub id_number: String,
    pub first_name: String,
    pub other_names: String,
    pub surname: String,
    pub date_of_birth: Date,
    pub email: Email,
    pub phone: PhoneNumber,
    pub password: String,
}

/// The ID or document number in its canonical form for the account kind.
pub fn parse_id_number(kind: AccountKind, text: &str) -> Result<String, FieldProblem> {
    let problem =
        |code: &'static str, message: String| FieldProblem::new(field::ID_NUMBER, code, message);
    match kind {
        AccountKind::Citizen => NationalId::parse(text)
            .map(|id| id.to_string())
            .map_err(|e| problem(e.code(), e.to_string())),
        AccountKind::Resident => AlienId::parse(text)
            .map(|id| id.to_string())
            .map_err(|e| problem(e.code(), e.to_string())),
        AccountKind::Foreigner => PassportNumber::parse(text)
            .map(|id| id.to_string())
            .map_err(|e| problem(e.code(), e.to_string())),
    }
}

/// A name as typed: letters of any script, spaces, hyphens, apostrophes and full stops; 1 to 50 characters.
pub fn parse_name(field: &'static str, text: &str, required: bool) -> Result<String, FieldProblem> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return if required {
            Err(FieldProblem::new(field, "empty", "Enter this name"))
        } else {
            Ok(name)
        };
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(FieldProblem::new(
            field,
            "too_long",
            format!("Use at most {MAX_NAME_CHARS} characters"),
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
    {
        return Err(FieldProblem::new(
            field,
            "invalid_character",
            "Use only letters, spaces, hyphens and apostrophes",
        ));
    }
    Ok(name)
}

/// A date of birth of someone between 18 and 120 years old on `today`.
pub fn parse_date_of_birth(text: &str, today: Date) -> Result<Date, FieldProblem> {
    let problem =
        |code: &'static str, message: &str| FieldProblem::new(field::DATE_OF_BIRTH, code, message);
    let date = Date::parse_iso(text).map_err(|e| match e {
        DateError::Missing => problem("missing", "Enter your date of birth"),
        DateError::Invalid => problem(
            "invalid",
            "Enter a real date of birth, for example 27 3 1990",
        ),
    })?;
    if date > today {
        return Err(problem(
            "in_future",
            "Your date of birth must be in the past",
        ));
    }
    let age = date.years_until(today);
    if age < MINIMUM_AGE {
        return Err(problem(
            "under_18",
            "You must be 18 or over to open an account",
        ));
    }
    if age > MAXIMUM_AGE {
        return Err(problem("too_old", "Check the year of your date of birth"));
    }
    Ok(date)
}

pub fn parse_email(text: &str) -> Result<Email, FieldProblem> {
    Email::parse(text).map_err(|e| FieldProblem::new(field::EMAIL, e.code(), e.to_string()))
}

pub fn parse_phone(text: &str) -> Result<PhoneNumber, FieldProblem> {
    PhoneNumber::parse(text).map_err(|e| FieldProblem::new(field::PHONE, e.code(), e.to_string()))
}

/// The password rules of SECURITY.md with the person's own details, then the confirmation.
pub fn check_new_password(
    password: &str,
    confirmation: &str,
    info: &PersonalInfo<'_>,
    list: &CommonPasswords,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if let Err(e) = check_password(password, info, list) {
        problems.push(FieldProblem::new(field::PASSWORD, e.code(), e.to_string()));
    }
    if password != confirmation {
        problems.push(FieldProblem::new(
            field::PASSWORD_CONFIRMATION,
            "mismatch",
            "The passwords do not match: type the same password twice",
        ));
    }
    problems
}

/// Every rule of registration, problems in form order. The SPA calls this before sending (with the common
/// password list once it has loaded it); the server calls it again and never trusts the SPA.
pub fn validate_registration(
    request: &RegisterRequest,
    today: Date,
    list: &CommonPasswords,
) -> Result<ValidRegistration, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let p = &mut problems;
    let id_number = keep(p, parse_id_number(request.kind, &request.id_number));
    let first_name = keep(p, parse_name(field::FIRST_NAME, &request.first_name, true));
    let other_names = keep(
        p,
        parse_name(field::OTHER_NAMES, &request.other_names, false),
    );
    let surname = keep(p, parse_name(field::SURNAME, &request.surname, true));
    let date_of_birth = keep(p, parse_date_of_birth(&request.date_of_birth, today));
    let email = keep(p, parse_email(&request.email));
    let phone = keep(p, parse_phone(&request.phone));
    let names: Vec<&str> = [&request.first_name, &request.other_names, &request.surname]
        .into_iter()
        .flat_map(|n| n.split_whitespace())
        .collect();
    let info = PersonalInfo {
        names: &names,
        id_number: Some(request.id_number.trim()),
        email: Some(request.email.trim()),
        phone: Some(request.phone.trim()),
    };
    problems.extend(check_new_password(
        &request.password,
        &request.password_confirmation,
        &info,
        list,
    ));
    if request.privacy_notice_version != PRIVACY_NOTICE_VERSION {
        problems.push(FieldProblem::new(
            field::PRIVACY_NOTICE,
            "not_accepted",
            "Read the privacy notice and confirm that you accept it",
        ));
    }
    match (
        id_number,
        first_name,
        other_names,
        surname,
        date_of_birth,
        email,
        phone,
    ) {
        (
            Some(id_number),
            Some(first_name),
            Some(other_names),
            Some(surname),
            Some(date_of_birth),
            Some(email),
            Some(phone),
        ) if problems.is_empty() => Ok(ValidRegistration {
            kind: request.kind,
            id_number,
            first_name,
            other_names,
            surname,
            date_of_birth,
            email,
            phone,
            password: request.password.clone(),
        }),
        _ => Err(problems),
    }
}

fn keep<T>(problems: &mut Vec<FieldProblem>, result: Result<T, FieldProblem>) -> Option<T> {
    result.map_err(|problem| problems.push(problem)).ok()
}

/// A one-time code as typed: six digits, spaces allowed (phones paste "123 456").
pub fn parse_code(text: &str) -> Result<String, FieldProblem> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if digits.is_empty() {
        return Err(FieldProblem::new(
            field::CODE,
            "empty",
            "Enter the 6-digit code",
        ));
    }
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldProblem::new(
            field::CODE,
            "invalid",
            "The code is 6 digits, like 123456",
        ));
    }
    Ok(digits)
}
