//! Organisations a person acts for (companies, banks, dealers, insurers, embassies, ministries): their kinds,
//! the roles of their members, and how one is identified. Since NTSA's services moved to eCitizen's single
//! sign-on, an organisation is added by a person who states their capacity and is approved by staff; it is
//! known by its KRA PIN (an organisation's PIN starts with `P`) or its company registration number.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::catalog::{Lang, Localized};
use crate::forms::{Answer, Answers};
use crate::ids::{CompanyRegError, CompanyRegNumber, KraPin, KraPinError};

/// The catalog service that adds an organisation (`catalog/ecitizen.toml`).
pub const ADD_ORGANISATION_SERVICE: &str = "ecitizen-add-organisation";

/// The ids of that service's questions that the server and the SPA read back.
pub mod fields {
    /// The organisation's kind: one of [`super::OrganisationKind::as_str`].
    pub const KIND: &str = "kind";
    /// `kra_pin` or `registration_number`: which of the two next questions is asked.
    pub const IDENTIFIED_BY: &str = "identified_by";
    pub const KRA_PIN: &str = "kra_pin";
    pub const REGISTRATION_NUMBER: &str = "registration_number";
    pub const NAME: &str = "organisation_name";
    pub const CAPACITY: &str = "capacity";
}

/// What sort of organisation it is (the kinds eCitizen offers since NTSA's services moved there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    Company,
    /// A bank or another financier, recorded on logbooks as co-owner.
    FinancialInstitution,
    Insurer,
    /// A motor vehicle or motorcycle dealer, who registers new vehicles.
    MotorDealer,
    /// An embassy, high commission or other diplomatic mission.
    Embassy,
    /// A government ministry, department or agency (MDA).
    Government,
    Other,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 7] = [
        OrganisationKind::Company,
        OrganisationKind::FinancialInstitution,
        OrganisationKind::Insurer,
        OrganisationKind::MotorDealer,
        OrganisationKind::Embassy,
        OrganisationKind::Government,
        OrganisationKind::Other,
    ];

    /// The stable name on the wire, in the database and in the catalog's form.
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Company => "company",
            OrganisationKind::FinancialInstitution => "financial_institution",
            OrganisationKind::Insurer => "insurer",
            OrganisationKind::MotorDealer => "motor_dealer",
            OrganisationKind::Embassy => "embassy",
            OrganisationKind::Government => "government",
            OrganisationKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<OrganisationKind> {
        OrganisationKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    pub fn name_en(self) -> &'static str {
        match self {
            OrganisationKind::Company => "Company",
            OrganisationKind::FinancialInstitution => "Bank or other financial institution",
            OrganisationKind::Insurer => "Insurance company",
            OrganisationKind::MotorDealer => "Motor vehicle or motorcycle dealer",
            OrganisationKind::Embassy => "Embassy or diplomatic mission",
            OrganisationKind::Government => "Government ministry, department or agency",
            OrganisationKind::Other => "Other organisation",
        }
    }

    pub fn name_sw(self) -> &'static str {
        match self {
            OrganisationKind::Company => "Kampuni",
            OrganisationKind::FinancialInstitution => "Benki au taasisi nyingine ya fedha",
            OrganisationKind::Insurer => "Kampuni ya bima",
            OrganisationKind::MotorDealer => "Muuzaji wa magari au pikipiki",
            OrganisationKind::Embassy => "Ubalozi au misheni ya kidiplomasia",
            OrganisationKind::Government => "Wizara, idara au shirika la serikali",
            OrganisationKind::Other => "Shirika jingine",
        }
    }

    pub fn name_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.name_en(),
            Lang::Sw => self.name_sw(),
        }
    }

    /// Both names, as the API carries text meant for people.
    pub fn name(self) -> Localized {
        Localized {
            en: self.name_en().to_string(),
            sw: self.name_sw().to_string(),
        }
    }
}

/// What a member may do for the organisation. An administrator manages the members (invites, changes
/// roles, removes); an agent only acts for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrganisationRole {
    Administrator,
    Agent,
}

impl OrganisationRole {
    pub const ALL: [OrganisationRole; 2] =
        [OrganisationRole::Administrator, OrganisationRole::Agent];

    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationRole::Administrator => "administrator",
            OrganisationRole::Agent => "agent",
        }
    }

    pub fn parse(text: &str) -> Option<OrganisationRole> {
        OrganisationRole::ALL
            .into_iter()
            .find(|role| role.as_str() == text)
    }

    pub fn name_en(self) -> &'static str {
        match self {
            OrganisationRole::Administrator => "Administrator",
            OrganisationRole::Agent => "Agent",
        }
    }

    pub fn name_sw(self) -> &'static str {
        match self {
            OrganisationRole::Administrator => "Msimamizi",
            OrganisationRole::Agent => "Wakala",
        }
    }

    pub fn name_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.name_en(),
            Lang::Sw => self.name_sw(),
        }
    }

    pub fn name(self) -> Localized {
        Localized {
            en: self.name_en().to_string(),
            sw: self.name_sw().to_string(),
        }
    }
}

/// Why a typed KRA PIN cannot identify an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OrganisationPinError {
    /// Not a KRA PIN at all; the PIN rule's own reason.
    #[error(transparent)]
    Pin(#[from] KraPinError),
    /// A well-formed PIN of a person (`A…`): people act for an organisation with its own `P…` PIN.
    #[error(
        "This is a personal KRA PIN (it starts with A). Enter the organisation's PIN, which starts with P, \
         e.g. P051365947M."
    )]
    PersonalPin,
}

impl OrganisationPinError {
    /// The PIN rule's codes, and `personal_pin` for a person's PIN.
    pub fn code(&self) -> &'static str {
        match self {
            OrganisationPinError::Pin(e) => e.code(),
            OrganisationPinError::PersonalPin => "personal_pin",
        }
    }
}

/// An organisation's KRA PIN: any form [`KraPin::parse`] accepts, as long as it is an organisation's.
pub fn parse_organisation_pin(input: &str) -> Result<KraPin, OrganisationPinError> {
    let pin = KraPin::parse(input)?;
    if pin.is_organisation() {
        Ok(pin)
    } else {
        Err(OrganisationPinError::PersonalPin)
    }
}

/// How an organisation is known to the registers: one of its two identifiers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OrganisationIdentifier {
    KraPin(KraPin),
    RegistrationNumber(CompanyRegNumber),
}

/// Why an identifier was refused, with the question it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OrganisationIdentifierError {
    #[error("{0}")]
    Pin(OrganisationPinError),
    #[error("{0}")]
    RegistrationNumber(CompanyRegError),
}

impl OrganisationIdentifierError {
    pub fn code(&self) -> &'static str {
        match self {
            OrganisationIdentifierError::Pin(e) => e.code(),
            OrganisationIdentifierError::RegistrationNumber(e) => e.code(),
        }
    }

    /// The question of the add-an-organisation form whose answer was refused.
    pub fn field(&self) -> &'static str {
        match self {
            OrganisationIdentifierError::Pin(_) => fields::KRA_PIN,
            OrganisationIdentifierError::RegistrationNumber(_) => fields::REGISTRATION_NUMBER,
        }
    }
}

impl OrganisationIdentifier {
    pub fn kra_pin(input: &str) -> Result<Self, OrganisationIdentifierError> {
        parse_organisation_pin(input)
            .map(OrganisationIdentifier::KraPin)
            .map_err(OrganisationIdentifierError::Pin)
    }

    pub fn registration_number(input: &str) -> Result<Self, OrganisationIdentifierError> {
        CompanyRegNumber::parse(input)
            .map(OrganisationIdentifier::RegistrationNumber)
            .map_err(OrganisationIdentifierError::RegistrationNumber)
    }

    /// The identifier the answers of the add-an-organisation form give: the PIN or the registration number,
    /// whichever `identified_by` chose. `None` when the answers do not say (an unfinished form).
    pub fn from_answers(answers: &Answers) -> Option<Result<Self, OrganisationIdentifierError>> {
        let one = |field: &str| match answers.get(field) {
            Some(Answer::One(value)) => Some(value.as_str()),
            _ => None,
        };
        match one(fields::IDENTIFIED_BY)? {
            "kra_pin" => one(fields::KRA_PIN).map(Self::kra_pin),
            "registration_number" => {
                one(fields::REGISTRATION_NUMBER).map(Self::registration_number)
            }
            _ => None,
        }
    }

    /// The canonical text: `P051365947M`, `PVT-ZQU6JE7`.
    pub fn as_str(&self) -> &str {
        match self {
            OrganisationIdentifier::KraPin(pin) => pin.as_str(),
            OrganisationIdentifier::RegistrationNumber(number) => number.as_str(),
        }
    }

    /// The question of the add-an-organisation form that gives it.
    pub fn field(&self) -> &'static str {
        match self {
            OrganisationIdentifier::KraPin(_) => fields::KRA_PIN,
            OrganisationIdentifier::RegistrationNumber(_) => fields::REGISTRATION_NUMBER,
        }
    }
}

impl std::fmt::Display for OrganisationIdentifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kinds_and_roles_read_back_from_their_names() {
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("json");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_ne!(kind.name_en(), kind.name_sw(), "{kind:?} is translated");
            assert_eq!(kind.name().get(Lang::Sw), kind.name_in(Lang::Sw));
        }
        for role in OrganisationRole::ALL {
            assert_eq!(OrganisationRole::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).expect("json");
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_ne!(role.name_en(), role.name_sw());
        }
        assert_eq!(OrganisationKind::parse("Company"), None);
        assert_eq!(OrganisationKind::parse("bank"), None);
        assert_eq!(OrganisationRole::parse("owner"), None);
    }

    #[test]
    fn an_organisation_pin_starts_with_p() {
        assert_eq!(
            parse_organisation_pin(" p051365947m ").map(|p| p.to_string()),
            Ok("P051365947M".to_string())
        );
        assert_eq!(
            parse_organisation_pin("A004416331M"),
            Err(OrganisationPinError::PersonalPin)
        );
        assert_eq!(
            parse_organisation_pin("A004416331M").map_err(|e| e.code()),
            Err("personal_pin")
        );
        // A malformed PIN keeps the PIN rule's own reason, whatever its first letter.
        assert_eq!(
            parse_organisation_pin("P05136594").map_err(|e| e.code()),
            Err("wrong_length")
        );
        assert_eq!(
            parse_organisation_pin("B051365947M").map_err(|e| e.code()),
            Err("wrong_prefix")
        );
        assert_eq!(
            parse_organisation_pin("").map_err(|e| e.code()),
            Err("empty")
        );
        let message = OrganisationPinError::PersonalPin.to_string();
        assert!(message.contains("starts with P") && message.ends_with('.'));
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Answer::One(v.to_string())))
            .collect()
    }

    #[test]
    fn the_form_gives_the_identifier_it_chose() {
        let by_pin = answers(&[
            ("identified_by", "kra_pin"),
            ("kra_pin", "P051365947M"),
            ("registration_number", "PVT-ZQU6JE7"),
        ]);
        let id = OrganisationIdentifier::from_answers(&by_pin)
            .expect("answered")
            .expect("valid");
        assert_eq!((id.field(), id.as_str()), ("kra_pin", "P051365947M"));
        let by_number = answers(&[
            ("identified_by", "registration_number"),
            ("registration_number", "pvt zqu6je7"),
        ]);
        let id = OrganisationIdentifier::from_answers(&by_number)
            .expect("answered")
            .expect("valid");
        assert_eq!(id.to_string(), "PVT-ZQU6JE7");
        let personal = answers(&[("identified_by", "kra_pin"), ("kra_pin", "A004416331M")]);
        let error = OrganisationIdentifier::from_answers(&personal)
            .expect("answered")
            .expect_err("a person's PIN");
        assert_eq!((error.field(), error.code()), ("kra_pin", "personal_pin"));
        let bad_number = answers(&[
            ("identified_by", "registration_number"),
            ("registration_number", "XYZ-1"),
        ]);
        let error = OrganisationIdentifier::from_answers(&bad_number)
            .expect("answered")
            .expect_err("not a number");
        assert_eq!(
            (error.field(), error.code()),
            ("registration_number", "unknown_prefix")
        );
        assert!(OrganisationIdentifier::from_answers(&answers(&[])).is_none());
        assert!(
            OrganisationIdentifier::from_answers(&answers(&[("identified_by", "kra_pin")]))
                .is_none()
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics(input in any::<String>()) {
            let _ = parse_organisation_pin(&input);
        }

        /// Every organisation PIN is accepted as the PIN rule reads it; every personal PIN is refused as one.
        #[test]
        fn the_first_letter_decides(digits in "[0-9]{9}", last in "[A-Za-z]", lower in any::<bool>()) {
            let organisation = format!("{}{digits}{last}", if lower { 'p' } else { 'P' });
            prop_assert_eq!(
                parse_organisation_pin(&organisation),
                Ok(KraPin::parse(&organisation).expect("a PIN"))
            );
            let person = format!("{}{digits}{last}", if lower { 'a' } else { 'A' });
            prop_assert_eq!(parse_organisation_pin(&person), Err(OrganisationPinError::PersonalPin));
        }

        /// Whatever is refused by the PIN rule is refused here for the same reason.
        #[test]
        fn a_malformed_pin_keeps_its_reason(input in "[AP0-9a-z \\-]{0,14}") {
            match (KraPin::parse(&input), parse_organisation_pin(&input)) {
                (Err(pin), Err(organisation)) => prop_assert_eq!(organisation, OrganisationPinError::Pin(pin)),
                (Ok(pin), Ok(accepted)) => {
                    prop_assert!(pin.is_organisation());
                    prop_assert_eq!(pin, accepted);
                }
                (Ok(pin), Err(refused)) => {
                    prop_assert!(!pin.is_organisation());
                    prop_assert_eq!(refused, OrganisationPinError::PersonalPin);
                }
                (Err(_), Ok(_)) => prop_assert!(false, "accepted what the PIN rule refuses"),
            }
        }
    }
}
