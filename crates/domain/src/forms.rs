//! Application forms declared as data in the catalog: steps of questions, each with its kind, rules, help
//! text and an optional condition. [`validate`] is the one check of a person's answers: the SPA runs it on
//! each step before moving on, the server runs it again on every save and submission.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Localized;
use crate::date::Date;
use crate::ids::{CompanyRegNumber, Email, KraPin, NationalId, PhoneNumber, Plate};

/// One page of a form: a question or a small group of them (GOV.UK's "one thing per page").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FormStep {
    pub id: String,
    pub title: Localized,
    pub fields: Vec<Field>,
}

/// A question. Read through [`RawField`], a flat shape that refuses unknown keys (serde cannot refuse them
/// beside a flattened enum), so a typo in a catalog file is an error, not a silently ignored setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawField", into = "RawField")]
pub struct Field {
    /// Unique within the service; the key of the answer.
    pub id: String,
    pub label: Localized,
    pub hint: Option<Localized>,
    #[serde(flatten)]
    pub kind: FieldKind,
    pub required: bool,
    /// Asked only when another answer has one of some values.
    pub shown_when: Option<Condition>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: Localized,
}

/// Which dates a date question accepts, relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DateRange {
    #[default]
    Any,
    /// Today or earlier (a date of birth, of an event).
    Past,
    /// Today or later (an appointment).
    Future,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldKind {
    Text {
        #[serde(default = "default_max_length")]
        max_length: u32,
        #[serde(default)]
        multiline: bool,
    },
    /// A whole number, e.g. engine size in cc.
    Number {
        #[serde(default)]
        min: Option<i64>,
        #[serde(default)]
        max: Option<i64>,
        #[serde(default)]
        unit: Option<Localized>,
    },
    Date {
        #[serde(default)]
        range: DateRange,
    },
    /// One of a long list (a drop-down).
    Select {
        options: Vec<Choice>,
    },
    /// One of a few, all visible.
    Radio {
        options: Vec<Choice>,
    },
    /// Any of a few.
    Checkboxes {
        options: Vec<Choice>,
    },
    YesNo,
    County,
    NationalId,
    KraPin,
    Phone,
    Email,
    Plate,
    CompanyRegNumber,
    /// An organisation's KRA PIN (`P…`): a person's `A…` PIN is refused with its own reason.
    OrganisationPin,
}

fn default_max_length() -> u32 {
    200
}

/// The names of the kinds, as written in catalog files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindName {
    Text,
    Number,
    Date,
    Select,
    Radio,
    Checkboxes,
    YesNo,
    County,
    NationalId,
    KraPin,
    Phone,
    Email,
    Plate,
    CompanyRegNumber,
    OrganisationPin,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    id: String,
    label: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hint: Option<Localized>,
    kind: KindName,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shown_when: Option<Condition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    options: Vec<Choice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_length: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    multiline: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<Localized>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    range: Option<DateRange>,
}

impl TryFrom<RawField> for Field {
    type Error = String;

    fn try_from(raw: RawField) -> Result<Field, String> {
        let misplaced = |what: &str| {
            Err(format!(
                "question {}: `{what}` does not apply to {:?}",
                raw.id, raw.kind
            ))
        };
        let text_settings = raw.max_length.is_some() || raw.multiline.is_some();
        let number_settings = raw.min.is_some() || raw.max.is_some() || raw.unit.is_some();
        let choice = matches!(
            raw.kind,
            KindName::Select | KindName::Radio | KindName::Checkboxes
        );
        if !choice && !raw.options.is_empty() {
            return misplaced("options");
        }
        if raw.kind != KindName::Text && text_settings {
            return misplaced("max_length/multiline");
        }
        if raw.kind != KindName::Number && number_settings {
            return misplaced("min/max/unit");
        }
        if raw.kind != KindName::Date && raw.range.is_some() {
            return misplaced("range");
        }
        let options = raw.options;
        let kind = match raw.kind {
            KindName::Text => FieldKind::Text {
                max_length: raw.max_length.unwrap_or_else(default_max_length),
                multiline: raw.multiline.unwrap_or(false),
            },
            KindName::Number => FieldKind::Number {
                min: raw.min,
                max: raw.max,
                unit: raw.unit,
            },
            KindName::Date => FieldKind::Date {
                range: raw.range.unwrap_or_default(),
            },
            KindName::Select => FieldKind::Select { options },
            KindName::Radio => FieldKind::Radio { options },
            KindName::Checkboxes => FieldKind::Checkboxes { options },
            KindName::YesNo => FieldKind::YesNo,
            KindName::County => FieldKind::County,
            KindName::NationalId => FieldKind::NationalId,
            KindName::KraPin => FieldKind::KraPin,
            KindName::Phone => FieldKind::Phone,
            KindName::Email => FieldKind::Email,
            KindName::Plate => FieldKind::Plate,
            KindName::CompanyRegNumber => FieldKind::CompanyRegNumber,
            KindName::OrganisationPin => FieldKind::OrganisationPin,
        };
        Ok(Field {
            id: raw.id,
            label: raw.label,
            hint: raw.hint,
            kind,
            required: raw.required,
            shown_when: raw.shown_when,
        })
    }
}

impl From<Field> for RawField {
    fn from(field: Field) -> RawField {
        let mut raw = RawField {
            id: field.id,
            label: field.label,
            hint: field.hint,
            kind: KindName::Text,
            required: field.required,
            shown_when: field.shown_when,
            options: Vec::new(),
            max_length: None,
            multiline: None,
            min: None,
            max: None,
            unit: None,
            range: None,
        };
        raw.kind = match field.kind {
            FieldKind::Text {
                max_length,
                multiline,
            } => {
                raw.max_length = Some(max_length);
                raw.multiline = Some(multiline);
                KindName::Text
            }
            FieldKind::Number { min, max, unit } => {
                (raw.min, raw.max, raw.unit) = (min, max, unit);
                KindName::Number
            }
            FieldKind::Date { range } => {
                raw.range = Some(range);
                KindName::Date
            }
            FieldKind::Select { options } => {
                raw.options = options;
                KindName::Select
            }
            FieldKind::Radio { options } => {
                raw.options = options;
                KindName::Radio
            }
            FieldKind::Checkboxes { options } => {
                raw.options = options;
                KindName::Checkboxes
            }
            FieldKind::YesNo => KindName::YesNo,
            FieldKind::County => KindName::County,
            FieldKind::NationalId => KindName::NationalId,
            FieldKind::KraPin => KindName::KraPin,
            FieldKind::Phone => KindName::Phone,
            FieldKind::Email => KindName::Email,
            FieldKind::Plate => KindName::Plate,
            FieldKind::CompanyRegNumber => KindName::CompanyRegNumber,
            FieldKind::OrganisationPin => KindName::OrganisationPin,
        };
        raw
    }
}

impl FieldKind {
    pub fn options(&self) -> &[Choice] {
        match self {
            FieldKind::Select { options }
            | FieldKind::Radio { options }
            | FieldKind::Checkboxes { options } => options,
            _ => &[],
        }
    }
}

/// An answer as the form sends it: one value, or several for checkboxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Answer {
    One(String),
    Many(Vec<String>),
}

pub type Answers = BTreeMap<String, Answer>;

/// A problem with one answer; `field` is the question's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerProblem {
    pub field: String,
    pub code: String,
    pub message: String,
}

fn problem(field: &Field, code: &str, message: impl Into<String>) -> AnswerProblem {
    AnswerProblem {
        field: field.id.clone(),
        code: code.into(),
        message: message.into(),
    }
}

/// Whether a question is asked, given the other answers.
pub fn is_shown(field: &Field, answers: &Answers) -> bool {
    match &field.shown_when {
        None => true,
        Some(condition) => match answers.get(&condition.field) {
            Some(Answer::One(value)) => condition.values.iter().any(|v| v == value),
            Some(Answer::Many(values)) => {
                values.iter().any(|value| condition.values.contains(value))
            }
            None => false,
        },
    }
}

/// One answer checked against its question; the canonical form on success (an ID number without spaces,
/// a phone number in E.164, a plate in upper case with its usual spacing).
pub fn check_answer(
    field: &Field,
    answer: Option<&Answer>,
    today: Date,
) -> Result<Option<Answer>, AnswerProblem> {
    let text = match answer {
        None => None,
        Some(Answer::One(value)) => Some(value.trim().to_string()).filter(|v| !v.is_empty()),
        Some(Answer::Many(values)) => {
            return check_many(field, values);
        }
    };
    let Some(text) = text else {
        return if field.required {
            Err(problem(field, "required", "Answer this question"))
        } else {
            Ok(None)
        };
    };
    let one = |value: String| Ok(Some(Answer::One(value)));
    match &field.kind {
        FieldKind::Text { max_length, .. } => {
            if text.chars().count() > *max_length as usize {
                return Err(problem(
                    field,
                    "too_long",
                    format!("Use at most {max_length} characters"),
                ));
            }
            one(text)
        }
        FieldKind::Number { min, max, .. } => {
            let digits: String = text
                .chars()
                .filter(|c| !matches!(c, ',' | ' ' | '_'))
                .collect();
            let Ok(number) = digits.parse::<i64>() else {
                return Err(problem(
                    field,
                    "not_a_number",
                    "Enter a whole number, like 1500",
                ));
            };
            if min.is_some_and(|min| number < min) {
                return Err(problem(
                    field,
                    "too_small",
                    format!("Enter {} or more", min.unwrap_or_default()),
                ));
            }
            if max.is_some_and(|max| number > max) {
                return Err(problem(
                    field,
                    "too_large",
                    format!("Enter {} or less", max.unwrap_or_default()),
                ));
            }
            one(number.to_string())
        }
        FieldKind::Date { range } => {
            let date = Date::parse_iso(&text).map_err(|_| {
                problem(
                    field,
                    "invalid_date",
                    "Enter a real date, for example 27 3 2026",
                )
            })?;
            match range {
                DateRange::Past if date > today => Err(problem(
                    field,
                    "not_past",
                    "The date must be today or in the past",
                )),
                DateRange::Future if date < today => Err(problem(
                    field,
                    "not_future",
                    "The date must be today or in the future",
                )),
                _ => one(date.to_string()),
            }
        }
        FieldKind::Select { options } | FieldKind::Radio { options } => {
            if options.iter().any(|o| o.value == text) {
                one(text)
            } else {
                Err(problem(field, "not_an_option", "Choose one of the options"))
            }
        }
        FieldKind::Checkboxes { .. } => check_many(field, &[text]),
        FieldKind::YesNo => match text.as_str() {
            "yes" | "no" => one(text),
            _ => Err(problem(field, "not_an_option", "Choose yes or no")),
        },
        FieldKind::County => match crate::counties::by_code(&text) {
            Some((code, _)) => one(format!("{code:03}")),
            None => Err(problem(field, "not_an_option", "Choose a county")),
        },
        FieldKind::NationalId => NationalId::parse(&text)
            .map(|v| Some(Answer::One(v.to_string())))
            .map_err(|e| problem(field, e.code(), e.to_string())),
        FieldKind::KraPin => KraPin::parse(&text)
            .map(|v| Some(Answer::One(v.to_string())))
            .map_err(|e| problem(field, e.code(), e.to_string())),
        FieldKind::Phone => PhoneNumber::parse(&text)
            .map(|v| Some(Answer::One(v.to_string())))
            .map_err(|e| problem(field, e.code(), e.to_string())),
        FieldKind::Email => Email::parse(&text)
            .map(|v| Some(Answer::One(v.to_string())))
            .map_err(|e| problem(field, e.code(), e.to_string())),
        FieldKind::Plate => Plate::parse(&text)
            .map(|v| Some(Answer::One(v.to_string())))
            .map_err(|e| problem(field, e.code(), e.to_string())),
        FieldKind::CompanyRegNumber => CompanyRegNumber::parse(&text)
            .map(|v| Some(Answer::One(v.to_string())))
            .map_err(|e| problem(field, e.code(), e.to_string())),
        FieldKind::OrganisationPin => crate::organisations::parse_organisation_pin(&text)
            .map(|v| Some(Answer::One(v.to_string())))
            .map_err(|e| problem(field, e.code(), e.to_string())),
    }
}

fn check_many(field: &Field, values: &[String]) -> Result<Option<Answer>, AnswerProblem> {
    let FieldKind::Checkboxes { options } = &field.kind else {
        return Err(problem(field, "not_an_option", "Choose one of the options"));
    };
    let mut chosen: Vec<String> = Vec::new();
    for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if !options.iter().any(|o| o.value == value) {
            return Err(problem(
                field,
                "not_an_option",
                "Choose from the options shown",
            ));
        }
        if !chosen.iter().any(|c| c == value) {
            chosen.push(value.to_string());
        }
    }
    if chosen.is_empty() {
        return if field.required {
            Err(problem(field, "required", "Choose at least one"))
        } else {
            Ok(None)
        };
    }
    // In the order of the options, so the same choice is always stored the same way.
    chosen.sort_by_key(|v| options.iter().position(|o| &o.value == v));
    Ok(Some(Answer::Many(chosen)))
}

/// Checks the answers to `steps`, in form order. Unknown questions are refused (nothing can be slipped in
/// beside the form); answers to questions that are not shown are dropped. Returns the canonical answers.
pub fn validate(
    steps: &[FormStep],
    answers: &Answers,
    today: Date,
) -> Result<Answers, Vec<AnswerProblem>> {
    let fields: Vec<&Field> = steps.iter().flat_map(|s| &s.fields).collect();
    let mut problems: Vec<AnswerProblem> = answers
        .keys()
        .filter(|key| !fields.iter().any(|f| &f.id == *key))
        .map(|key| AnswerProblem {
            field: key.clone(),
            code: "unknown_field".into(),
            message: "This form has no such question".into(),
        })
        .collect();
    let mut clean = Answers::new();
    for field in fields {
        if !is_shown(field, answers) {
            continue;
        }
        match check_answer(field, answers.get(&field.id), today) {
            Ok(Some(answer)) => {
                clean.insert(field.id.clone(), answer);
            }
            Ok(None) => {}
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(clean)
    } else {
        Err(problems)
    }
}

/// Checks a form declaration: unique question ids, conditions that name earlier questions and their
/// options, and choices where a kind needs them.
pub fn check_declaration(steps: &[FormStep]) -> Result<(), String> {
    let mut seen: Vec<&Field> = Vec::new();
    for field in steps.iter().flat_map(|s| &s.fields) {
        if seen.iter().any(|f| f.id == field.id) {
            return Err(format!("question {} is declared twice", field.id));
        }
        if let Some(condition) = &field.shown_when {
            let Some(target) = seen.iter().find(|f| f.id == condition.field) else {
                return Err(format!(
                    "question {} depends on {}, which is not asked before it",
                    field.id, condition.field
                ));
            };
            let known = |v: &String| match &target.kind {
                FieldKind::YesNo => v == "yes" || v == "no",
                kind => kind.options().iter().any(|o| &o.value == v),
            };
            if !condition.values.iter().all(known) {
                return Err(format!(
                    "question {} depends on a value {} does not offer",
                    field.id, condition.field
                ));
            }
        }
        let needs_options = matches!(
            field.kind,
            FieldKind::Select { .. } | FieldKind::Radio { .. } | FieldKind::Checkboxes { .. }
        );
        if needs_options && field.kind.options().is_empty() {
            return Err(format!("question {} offers no options", field.id));
        }
        seen.push(field);
    }
    Ok(())
}
