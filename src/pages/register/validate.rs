//! The wizard's steps and the rules each one checks before moving on: the domain crate's own functions, the
//! ones the server runs on `POST /api/accounts`, so the person hears about a problem on the page where they
//! can fix it rather than at the end.

use njia_domain::accounts::{
    FieldProblem, check_new_password, field, parse_date_of_birth, parse_email, parse_id_number,
    parse_name, parse_phone,
};
use njia_domain::api::FieldError;
use njia_domain::api::accounts::{AccountKind, PRIVACY_NOTICE_VERSION, RegisterRequest};
use njia_domain::date::{Date, DateError};
use njia_domain::password::CommonPasswords;

use crate::components::password_meter::PersonalDetails;
use crate::registration_draft::Draft;

/// The wizard's pages, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Kind,
    Id,
    Name,
    DateOfBirth,
    Contact,
    Password,
    Privacy,
    Check,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Kind,
        Step::Id,
        Step::Name,
        Step::DateOfBirth,
        Step::Contact,
        Step::Password,
        Step::Privacy,
        Step::Check,
    ];

    /// Steps with questions (all but "check your answers").
    pub const QUESTIONS: usize = 7;

    pub fn path(self) -> &'static str {
        match self {
            Step::Kind => "/register/kind",
            Step::Id => "/register/id",
            Step::Name => "/register/name",
            Step::DateOfBirth => "/register/date-of-birth",
            Step::Contact => "/register/contact",
            Step::Password => "/register/password",
            Step::Privacy => "/register/privacy",
            Step::Check => "/register/check",
        }
    }

    /// 1-based position, for "Step 3 of 7".
    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn next(self) -> Step {
        Step::ALL.get(self.number()).copied().unwrap_or(Step::Check)
    }

    /// The step before, `None` on the first (whose back link is the start page).
    pub fn previous(self) -> Option<Step> {
        self.number()
            .checked_sub(2)
            .and_then(|i| Step::ALL.get(i).copied())
    }

    /// The fields this step asks for, as the API names them.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Step::Kind => &[field::KIND],
            Step::Id => &[field::ID_NUMBER],
            Step::Name => &[field::FIRST_NAME, field::OTHER_NAMES, field::SURNAME],
            Step::DateOfBirth => &[field::DATE_OF_BIRTH],
            Step::Contact => &[field::EMAIL, field::PHONE],
            Step::Password => &[field::PASSWORD, field::PASSWORD_CONFIRMATION],
            Step::Privacy => &[field::PRIVACY_NOTICE],
            Step::Check => &[],
        }
    }

    /// The step that asks for `field` (a name from the API's `fields`).
    pub fn owning(field: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.fields().contains(&field))
    }
}

/// One problem with an answer: the field, the rule's stable code (what the message is chosen by) and the
/// English message of the rule, shown when no translation knows the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl From<FieldProblem> for Issue {
    fn from(p: FieldProblem) -> Issue {
        Issue {
            field: p.field.to_string(),
            code: p.code.to_string(),
            message: p.message,
        }
    }
}

impl From<&FieldError> for Issue {
    fn from(e: &FieldError) -> Issue {
        Issue {
            field: e.field.clone(),
            code: e.code.clone(),
            message: e.message.clone(),
        }
    }
}

/// Everything the wizard asked for: the stored draft plus the two password fields, which are never stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub draft: Draft,
    pub password: String,
    pub password_confirmation: String,
}

impl Answers {
    pub fn kind(&self) -> Option<AccountKind> {
        AccountKind::parse(&self.draft.kind)
    }

    pub fn personal(&self) -> PersonalDetails {
        let d = &self.draft;
        PersonalDetails {
            names: vec![
                d.first_name.clone(),
                d.other_names.clone(),
                d.surname.clone(),
            ],
            id_number: d.id_number.clone(),
            email: d.email.clone(),
            phone: d.phone.clone(),
        }
    }

    /// The date of birth typed in three boxes, checked as the server checks `YYYY-MM-DD`. A date that does
    /// not exist (31 April) is given to the same rule as unreadable text, so the code and message are the
    /// server's.
    pub fn date_of_birth(&self, today: Date) -> Result<Date, FieldProblem> {
        let d = &self.draft;
        match Date::from_parts(&d.dob_day, &d.dob_month, &d.dob_year) {
            Ok(date) => parse_date_of_birth(&date.to_string(), today),
            Err(DateError::Missing) => parse_date_of_birth("", today),
            Err(DateError::Invalid) => parse_date_of_birth("not a date", today),
        }
    }

    /// The request body, with the date in the API's format (empty when it is not a date; the wizard never
    /// sends one before the date step is valid).
    pub fn request(&self, today: Date) -> Option<RegisterRequest> {
        let d = &self.draft;
        Some(RegisterRequest {
            kind: self.kind()?,
            id_number: d.id_number.trim().to_string(),
            first_name: d.first_name.trim().to_string(),
            other_names: d.other_names.trim().to_string(),
            surname: d.surname.trim().to_string(),
            date_of_birth: self.date_of_birth(today).ok()?.to_string(),
            email: d.email.trim().to_string(),
            phone: d.phone.trim().to_string(),
            password: self.password.clone(),
            password_confirmation: self.password_confirmation.clone(),
            privacy_notice_version: if d.privacy_accepted {
                PRIVACY_NOTICE_VERSION.to_string()
            } else {
                String::new()
            },
        })
    }
}

/// The code given when no account type is chosen; the SPA's own rule (the API refuses the body outright).
pub const KIND_MISSING: &str = "missing";

/// The problems of one step's answers, in the order of its inputs.
pub fn check_step(
    step: Step,
    answers: &Answers,
    today: Date,
    list: &CommonPasswords,
) -> Vec<Issue> {
    let d = &answers.draft;
    let mut issues: Vec<Issue> = Vec::new();
    let mut keep = |result: Result<(), FieldProblem>| {
        if let Err(p) = result {
            issues.push(p.into());
        }
    };
    match step {
        Step::Kind => {
            if answers.kind().is_none() {
                keep(Err(FieldProblem::new(
                    field::KIND,
                    KIND_MISSING,
                    "Select the kind of account you need",
                )));
            }
        }
        Step::Id => match answers.kind() {
            Some(kind) => keep(parse_id_number(kind, &d.id_number).map(drop)),
            None => keep(Err(FieldProblem::new(
                field::KIND,
                KIND_MISSING,
                "Select the kind of account you need",
            ))),
        },
        Step::Name => {
            keep(parse_name(field::FIRST_NAME, &d.first_name, true).map(drop));
            keep(parse_name(field::OTHER_NAMES, &d.other_names, false).map(drop));
            keep(parse_name(field::SURNAME, &d.surname, true).map(drop));
        }
        Step::DateOfBirth => keep(answers.date_of_birth(today).map(drop)),
        Step::Contact => {
            keep(parse_email(&d.email).map(drop));
            keep(parse_phone(&d.phone).map(drop));
        }
        Step::Password => {
            let problems = answers.personal().with_info(|info| {
                check_new_password(
                    &answers.password,
                    &answers.password_confirmation,
                    info,
                    list,
                )
            });
            issues.extend(problems.into_iter().map(Issue::from));
        }
        Step::Privacy => {
            if !d.privacy_accepted {
                issues.push(Issue {
                    field: field::PRIVACY_NOTICE.to_string(),
                    code: "not_accepted".to_string(),
                    message: "Read the privacy notice and confirm that you accept it".to_string(),
                });
            }
        }
        Step::Check => {}
    }
    issues
}

/// The first step before `before` whose answers do not pass: where someone who skipped ahead (a bookmark,
/// a reload that lost the password) is sent back to.
pub fn first_incomplete(
    before: Step,
    answers: &Answers,
    today: Date,
    list: &CommonPasswords,
) -> Option<Step> {
    Step::ALL
        .into_iter()
        .take_while(|s| *s < before)
        .find(|s| !check_step(*s, answers, today, list).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use njia_domain::accounts::validate_registration;

    fn today() -> Date {
        Date::new(2026, 11, 22).expect("date")
    }

    fn complete() -> Answers {
        Answers {
            draft: Draft {
                kind: "citizen".into(),
                id_number: "12345678".into(),
                first_name: "Wanjiru".into(),
                other_names: "".into(),
                surname: "Kamau".into(),
                dob_day: "27".into(),
                dob_month: "3".into(),
                dob_year: "1990".into(),
                email: "wanjiru@example.com".into(),
                phone: "0712 345 678".into(),
                privacy_accepted: true,
            },
            password: "correct horse battery staple".into(),
            password_confirmation: "correct horse battery staple".into(),
        }
    }

    fn codes(step: Step, answers: &Answers) -> Vec<(String, String)> {
        let list = CommonPasswords::parse("password\nqwerty\n");
        check_step(step, answers, today(), &list)
            .into_iter()
            .map(|i| (i.field, i.code))
            .collect()
    }

    fn pair(field: &str, code: &str) -> (String, String) {
        (field.to_string(), code.to_string())
    }

    #[test]
    fn steps_follow_each_other_and_own_their_fields() {
        assert_eq!(Step::Kind.next(), Step::Id);
        assert_eq!(Step::Privacy.next(), Step::Check);
        assert_eq!(Step::Kind.previous(), None);
        assert_eq!(Step::Check.previous(), Some(Step::Privacy));
        assert_eq!(Step::Password.number(), 6);
        assert_eq!(Step::owning("phone"), Some(Step::Contact));
        assert_eq!(Step::owning("privacy_notice_version"), Some(Step::Privacy));
        assert_eq!(Step::owning("nonsense"), None);
    }

    #[test]
    fn a_complete_registration_passes_every_step_and_the_server_rules() {
        let answers = complete();
        let list = CommonPasswords::with_local("");
        for step in Step::ALL {
            assert_eq!(codes(step, &answers), [], "{step:?}");
        }
        assert_eq!(
            first_incomplete(Step::Check, &answers, today(), &list),
            None
        );
        let request = answers.request(today()).expect("request");
        assert_eq!(request.date_of_birth, "1990-03-27");
        assert!(validate_registration(&request, today(), &list).is_ok());
    }

    #[test]
    fn each_step_reports_what_the_server_would() {
        let mut a = complete();
        a.draft.kind.clear();
        assert_eq!(codes(Step::Kind, &a), [pair("kind", "missing")]);
        a.draft.kind = "citizen".into();
        a.draft.id_number = "1234567A".into();
        assert_eq!(
            codes(Step::Id, &a),
            [pair("id_number", "invalid_character")]
        );
        a.draft.kind = "foreigner".into();
        a.draft.id_number = "AK1234567".into();
        assert_eq!(codes(Step::Id, &a), []);
        a.draft.first_name = " ".into();
        a.draft.surname = "K4mau".into();
        assert_eq!(
            codes(Step::Name, &a),
            [
                pair("first_name", "empty"),
                pair("surname", "invalid_character")
            ]
        );
        a.draft.dob_year = "2010".into();
        assert_eq!(
            codes(Step::DateOfBirth, &a),
            [pair("date_of_birth", "under_18")]
        );
        a.draft.dob_day = "31".into();
        a.draft.dob_month = "4".into();
        assert_eq!(
            codes(Step::DateOfBirth, &a),
            [pair("date_of_birth", "invalid")]
        );
        a.draft.dob_day.clear();
        a.draft.dob_month.clear();
        a.draft.dob_year.clear();
        assert_eq!(
            codes(Step::DateOfBirth, &a),
            [pair("date_of_birth", "missing")]
        );
        a.draft.email = "wanjiru.example.com".into();
        a.draft.phone = "+44 7700 900123".into();
        assert_eq!(
            codes(Step::Contact, &a),
            [pair("email", "missing_at"), pair("phone", "not_kenyan")]
        );
        a.draft.privacy_accepted = false;
        assert_eq!(
            codes(Step::Privacy, &a),
            [pair("privacy_notice_version", "not_accepted")]
        );
    }

    #[test]
    fn passwords_are_checked_with_the_persons_own_details() {
        let mut a = complete();
        a.password = "password123".into();
        a.password_confirmation = "password124".into();
        assert_eq!(
            codes(Step::Password, &a),
            [
                pair("password", "common"),
                pair("password_confirmation", "mismatch")
            ]
        );
        a.password = "wanjiru loves tea".into();
        a.password_confirmation = a.password.clone();
        assert_eq!(codes(Step::Password, &a), [pair("password", "personal")]);
    }

    #[test]
    fn skipping_ahead_goes_back_to_the_first_unanswered_step() {
        let list = CommonPasswords::with_local("");
        let mut a = complete();
        a.password.clear();
        a.password_confirmation.clear();
        assert_eq!(
            first_incomplete(Step::Check, &a, today(), &list),
            Some(Step::Password)
        );
        assert_eq!(first_incomplete(Step::Password, &a, today(), &list), None);
        assert_eq!(
            first_incomplete(Step::Name, &Answers::default(), today(), &list),
            Some(Step::Kind)
        );
    }
}
