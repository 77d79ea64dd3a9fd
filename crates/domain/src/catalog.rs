//! The service catalog: agencies, categories and services, declared as data (see `catalog/` at the
//! repository root) and rendered by the SPA and validated by the server from the same declaration.

use serde::{Deserialize, Serialize};

use crate::Money;
use crate::api::applications::{ApplicationStatus, Decision};

/// Text in both of the portal's languages. Every catalog string carries both, so neither is an afterthought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub en: String,
    pub sw: String,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Sw => &self.sw,
        }
    }
}

/// The portal's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Sw,
}

impl Lang {
    /// The BCP 47 tag, as used in `<html lang>` and `Accept-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sw => "sw",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag.get(..2).map(|p| p.to_ascii_lowercase()).as_deref() {
            Some("en") => Some(Lang::En),
            Some("sw") => Some(Lang::Sw),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Short stable slug, e.g. `ntsa`.
    pub id: String,
    /// The agency's usual abbreviation, e.g. `NTSA`.
    pub short_name: String,
    pub name: Localized,
    pub description: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Short stable slug, e.g. `driving-licences`.
    pub id: String,
    pub name: Localized,
}

/// Who may apply for a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Applicant {
    Citizen,
    Resident,
    Foreigner,
    Organisation,
}

/// File types the portal accepts. Decided from a file's content, never its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum DocumentType {
    Pdf,
    Jpeg,
    Png,
}

impl DocumentType {
    pub fn label(self) -> &'static str {
        match self {
            DocumentType::Pdf => "PDF",
            DocumentType::Jpeg => "JPEG",
            DocumentType::Png => "PNG",
        }
    }
}

/// When a document must be attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Requirement {
    Always,
    Optional,
    /// Required when the form's answer `field` is one of `values`.
    When {
        field: String,
        values: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentRequirement {
    pub id: String,
    pub name: Localized,
    pub accepted: Vec<DocumentType>,
    /// Largest accepted file, in bytes.
    pub max_bytes: u64,
    pub required: Requirement,
}

impl DocumentRequirement {
    /// Whether the person must attach it, given their answers.
    pub fn is_required(&self, answers: &crate::forms::Answers) -> bool {
        use crate::forms::Answer;
        match &self.required {
            Requirement::Always => true,
            Requirement::Optional => false,
            Requirement::When { field, values } => match answers.get(field) {
                Some(Answer::One(v)) => values.contains(v),
                Some(Answer::Many(vs)) => vs.iter().any(|v| values.contains(v)),
                None => false,
            },
        }
    }

    /// Whether to ask for it at all: required ones and optional ones (a conditional one that the answers
    /// do not call for is not asked).
    pub fn is_asked(&self, answers: &crate::forms::Answers) -> bool {
        self.required == Requirement::Optional || self.is_required(answers)
    }
}

/// One priced choice, e.g. "3 years" for KES 1,400.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeeOption {
    /// The answer value that selects this price.
    pub value: String,
    pub label: Localized,
    pub amount: Money,
}

/// One band of a banded fee: applies while the measured quantity is at most `up_to` (the last band has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeeBand {
    pub up_to: Option<u64>,
    pub amount: Money,
}

/// A service's fee, before the convenience fee (see [`crate::fees`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Fee {
    Free,
    Fixed {
        amount: Money,
    },
    /// The price depends on one answer, e.g. the period of a renewal.
    ByOption {
        field: String,
        options: Vec<FeeOption>,
    },
    /// The price depends on a quantity, e.g. engine size in cc.
    ByBand {
        field: String,
        unit: Localized,
        bands: Vec<FeeBand>,
    },
}

/// The band a quantity falls in: the first whose `up_to` it does not exceed (a band includes its upper
/// edge), or the open last band.
pub fn band_for(bands: &[FeeBand], quantity: u64) -> Option<usize> {
    bands
        .iter()
        .position(|b| b.up_to.is_none_or(|up_to| quantity <= up_to))
}

impl Fee {
    /// The fee for these answers; `None` while an answer it depends on is missing or not one it prices.
    pub fn amount_for(&self, answers: &crate::forms::Answers) -> Option<Money> {
        use crate::forms::Answer;
        let answer = |field: &str| match answers.get(field) {
            Some(Answer::One(value)) => Some(value.as_str()),
            _ => None,
        };
        match self {
            Fee::Free => Some(Money::ZERO),
            Fee::Fixed { amount } => Some(*amount),
            Fee::ByOption { field, options } => {
                let chosen = answer(field)?;
                options.iter().find(|o| o.value == chosen).map(|o| o.amount)
            }
            Fee::ByBand { field, bands, .. } => {
                let quantity: u64 = answer(field)?.parse().ok()?;
                band_for(bands, quantity).map(|i| bands[i].amount)
            }
        }
    }

    /// The lowest and highest amounts the fee can come to, for "from KES …" displays.
    pub fn range(&self) -> Option<(Money, Money)> {
        let amounts: Vec<Money> = match self {
            Fee::Free => return None,
            Fee::Fixed { amount } => vec![*amount],
            Fee::ByOption { options, .. } => options.iter().map(|o| o.amount).collect(),
            Fee::ByBand { bands, .. } => bands.iter().map(|b| b.amount).collect(),
        };
        Some((*amounts.iter().min()?, *amounts.iter().max()?))
    }
}

/// How long a service takes once everything needed is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ProcessingTime {
    Immediate,
    WorkingDays(u16),
    Days(u16),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Short stable slug, e.g. `ntsa-dl-renewal-booklet`; used in URLs.
    pub id: String,
    pub agency: String,
    pub category: String,
    pub name: Localized,
    /// One sentence for lists.
    pub summary: Localized,
    /// What the service is, who it is for and what happens after applying.
    pub description: Localized,
    pub applicants: Vec<Applicant>,
    pub fee: Fee,
    #[serde(default)]
    pub documents: Vec<DocumentRequirement>,
    pub processing_time: ProcessingTime,
    /// Extra search words in either language (synonyms, common misspellings are handled by search itself).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The application form, step by step.
    #[serde(default)]
    pub steps: Vec<crate::forms::FormStep>,
    /// Whether what the service makes is handed over in person (a card, a certificate, plates): an approved
    /// application then goes on to "ready for collection" and "collected". Otherwise it ends at "approved"
    /// (a download, a booking, a record updated).
    #[serde(default)]
    pub collection: bool,
}

impl Service {
    /// Whether an organisation may apply (acting through one of its people), by the catalog's `applicants`.
    pub fn open_to_organisations(&self) -> bool {
        self.applicants.contains(&Applicant::Organisation)
    }

    /// Whether a person may apply for themselves: a service only for organisations (a dealer's new vehicle
    /// registration) is not.
    pub fn open_to_people(&self) -> bool {
        self.applicants
            .iter()
            .any(|a| *a != Applicant::Organisation)
    }

    /// The statuses an application for this service goes through when all goes well, in order. (Changes
    /// requested and rejection are the detours any review can take.)
    pub fn statuses(&self) -> Vec<ApplicationStatus> {
        let mut path = Vec::new();
        if self.fee != Fee::Free {
            path.push(ApplicationStatus::AwaitingPayment);
        }
        path.extend([
            ApplicationStatus::Submitted,
            ApplicationStatus::UnderReview,
            ApplicationStatus::Approved,
        ]);
        if self.collection {
            path.extend([
                ApplicationStatus::ReadyForCollection,
                ApplicationStatus::Collected,
            ]);
        }
        path
    }

    /// The documents these answers call for that are not among `attached` (requirement ids): what stops a
    /// submission, on the phone and on the server alike.
    pub fn missing_documents<'a>(
        &'a self,
        answers: &crate::forms::Answers,
        attached: &[&str],
    ) -> Vec<&'a DocumentRequirement> {
        self.documents
            .iter()
            .filter(|d| d.is_required(answers) && !attached.contains(&d.id.as_str()))
            .collect()
    }

    /// Where `decision` takes an application of this service that stands at `from`; `None` when it may
    /// not be taken (collection, for a service whose result is not handed over in person).
    pub fn transition(
        &self,
        decision: Decision,
        from: ApplicationStatus,
    ) -> Option<ApplicationStatus> {
        let to = decision.transition(from)?;
        let collecting = matches!(
            to,
            ApplicationStatus::ReadyForCollection | ApplicationStatus::Collected
        );
        (self.collection || !collecting).then_some(to)
    }
}

/// A declared form must ask what its fee and its documents depend on, with the values they name.
fn check_references(service: &Service) -> Result<(), String> {
    use crate::forms::FieldKind;
    let field = |id: &str| {
        service
            .steps
            .iter()
            .flat_map(|s| &s.fields)
            .find(|f| f.id == id)
    };
    let offers = |id: &str, value: &str| {
        field(id).is_some_and(|f| match &f.kind {
            FieldKind::YesNo => value == "yes" || value == "no",
            kind => kind.options().iter().any(|o| o.value == value),
        })
    };
    match &service.fee {
        Fee::ByOption { field: id, options } => {
            if let Some(missing) = options.iter().find(|o| !offers(id, &o.value)) {
                return Err(format!(
                    "service {}: the fee names {} = {}, which the form does not offer",
                    service.id, id, missing.value
                ));
            }
        }
        Fee::ByBand { field: id, .. } => {
            if !field(id).is_some_and(|f| matches!(f.kind, FieldKind::Number { .. })) {
                return Err(format!(
                    "service {}: the fee depends on {id}, which is not a number question",
                    service.id
                ));
            }
        }
        Fee::Free | Fee::Fixed { .. } => {}
    }
    for document in &service.documents {
        if let Requirement::When { field: id, values } = &document.required
            && let Some(value) = values.iter().find(|v| !offers(id, v))
        {
            return Err(format!(
                "service {}: document {} depends on {id} = {value}, which the form does not offer",
                service.id, document.id
            ));
        }
    }
    Ok(())
}

/// Everything a client needs to browse the catalog, in one response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalog {
    /// Increases whenever the catalog changes; clients may cache by it.
    pub version: u32,
    pub agencies: Vec<Agency>,
    pub categories: Vec<Category>,
    pub services: Vec<Service>,
}

impl Catalog {
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }

    pub fn services_of<'a>(&'a self, agency: &'a str) -> impl Iterator<Item = &'a Service> + 'a {
        self.services.iter().filter(move |s| s.agency == agency)
    }

    /// Checks what serde cannot: references between entries and sane limits. The server refuses to load a
    /// catalog that fails this, so a typo in a catalog file is caught by the tests, not by a citizen.
    pub fn check(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for s in &self.services {
            if !seen.insert(s.id.as_str()) {
                return Err(format!("service {} is declared twice", s.id));
            }
            if self.agency(&s.agency).is_none() {
                return Err(format!(
                    "service {} names unknown agency {}",
                    s.id, s.agency
                ));
            }
            if !self.categories.iter().any(|c| c.id == s.category) {
                return Err(format!(
                    "service {} names unknown category {}",
                    s.id, s.category
                ));
            }
            if s.applicants.is_empty() {
                return Err(format!("service {} says nobody may apply", s.id));
            }
            for d in &s.documents {
                if d.accepted.is_empty() || d.max_bytes == 0 {
                    return Err(format!("document {} of {} accepts nothing", d.id, s.id));
                }
            }
            crate::forms::check_declaration(&s.steps)
                .map_err(|e| format!("service {}: {e}", s.id))?;
            if !s.steps.is_empty() {
                check_references(s)?;
            }
            if let Fee::ByBand { bands, .. } = &s.fee {
                let ordered = bands.windows(2).all(|w| match (w[0].up_to, w[1].up_to) {
                    (Some(a), Some(b)) => a < b,
                    (Some(_), None) => true,
                    (None, _) => false,
                });
                if bands.is_empty() || !ordered || bands.last().is_some_and(|b| b.up_to.is_some()) {
                    return Err(format!("fee bands of {} must rise and end open", s.id));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::{Answer, Answers};

    fn answers(field: &str, value: &str) -> Answers {
        Answers::from([(field.to_string(), Answer::One(value.to_string()))])
    }

    fn localized(text: &str) -> Localized {
        Localized {
            en: text.into(),
            sw: text.into(),
        }
    }

    #[test]
    fn a_fee_follows_the_answer_it_depends_on() {
        let by_option = Fee::ByOption {
            field: "period".into(),
            options: vec![
                FeeOption {
                    value: "1".into(),
                    label: localized("1 year"),
                    amount: Money::shillings(600),
                },
                FeeOption {
                    value: "3".into(),
                    label: localized("3 years"),
                    amount: Money::shillings(1_400),
                },
            ],
        };
        assert_eq!(
            by_option.amount_for(&answers("period", "3")),
            Some(Money::shillings(1_400))
        );
        assert_eq!(by_option.amount_for(&answers("period", "2")), None);
        assert_eq!(by_option.amount_for(&Answers::new()), None);

        let by_band = Fee::ByBand {
            field: "cc".into(),
            unit: localized("cc"),
            bands: vec![
                FeeBand {
                    up_to: Some(1_500),
                    amount: Money::shillings(1_000),
                },
                FeeBand {
                    up_to: None,
                    amount: Money::shillings(2_000),
                },
            ],
        };
        assert_eq!(
            by_band.amount_for(&answers("cc", "1500")),
            Some(Money::shillings(1_000)),
            "a band includes its upper edge"
        );
        assert_eq!(
            by_band.amount_for(&answers("cc", "1501")),
            Some(Money::shillings(2_000))
        );
        assert_eq!(by_band.amount_for(&answers("cc", "lots")), None);
        assert_eq!(Fee::Free.amount_for(&Answers::new()), Some(Money::ZERO));
    }

    #[test]
    fn a_service_s_path_follows_its_fee_and_whether_it_is_collected() {
        use crate::api::applications::{ApplicationStatus as S, Decision};
        let mut service: Service = serde_json::from_value(serde_json::json!({
            "id": "s", "agency": "a", "category": "c",
            "name": {"en": "S", "sw": "S"}, "summary": {"en": "", "sw": ""},
            "description": {"en": "", "sw": ""}, "applicants": ["citizen"],
            "fee": {"kind": "free"}, "processing_time": {"kind": "immediate"}
        }))
        .expect("a minimal service");
        assert_eq!(
            service.statuses(),
            [S::Submitted, S::UnderReview, S::Approved]
        );
        assert_eq!(
            service.transition(Decision::ReadyForCollection, S::Approved),
            None
        );
        assert_eq!(
            service.transition(Decision::Approve, S::UnderReview),
            Some(S::Approved)
        );
        service.collection = true;
        service.fee = Fee::Fixed {
            amount: Money::shillings(1_000),
        };
        assert_eq!(
            service.statuses(),
            [
                S::AwaitingPayment,
                S::Submitted,
                S::UnderReview,
                S::Approved,
                S::ReadyForCollection,
                S::Collected
            ]
        );
        assert_eq!(
            service.transition(Decision::ReadyForCollection, S::Approved),
            Some(S::ReadyForCollection)
        );
    }
}
