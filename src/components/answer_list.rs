//! A form's answers as a GOV.UK summary list: each question asked (those hidden by a condition left out) in
//! the current language, with its answer as the person chose it — an option's label rather than its value,
//! "Yes"/"No", a date in words, a phone number as Kenyans write it. With `change_href`, each row links to
//! where the answer is changed (the applicant's "check your answers"); without, it only shows them (the back
//! office).

use leptos::prelude::*;
use leptos_router::components::A;
use njia_domain::catalog::{Lang, Service};
use njia_domain::counties;
use njia_domain::date::Date;
use njia_domain::forms::{Answer, Answers, Field, FieldKind, is_shown};
use njia_domain::ids::PhoneNumber;

use crate::i18n::answers::AnswerKey;
use crate::i18n::forms::FormKey;
use crate::i18n::{text, use_i18n};

/// An answer as a person reads it; `None` when the question was not answered.
pub fn answer_text(lang: Lang, field: &Field, answer: Option<&Answer>) -> Option<String> {
    let values: Vec<&str> = match answer? {
        Answer::One(value) => vec![value.as_str()],
        Answer::Many(values) => values.iter().map(String::as_str).collect(),
    };
    let values: Vec<&str> = values
        .into_iter()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    if values.is_empty() {
        return None;
    }
    let one = |value: &str| -> String {
        match &field.kind {
            FieldKind::Select { options }
            | FieldKind::Radio { options }
            | FieldKind::Checkboxes { options } => options
                .iter()
                .find(|o| o.value == value)
                .map_or_else(|| value.to_string(), |o| o.label.get(lang).to_string()),
            FieldKind::YesNo => match value {
                "yes" => text(lang, AnswerKey::Yes).to_string(),
                "no" => text(lang, AnswerKey::No).to_string(),
                other => other.to_string(),
            },
            FieldKind::Date { .. } => Date::parse_iso(value).map_or_else(
                |_| value.to_string(),
                |d| crate::i18n::account::date(lang, d.year(), d.month(), d.day()),
            ),
            FieldKind::Number {
                unit: Some(unit), ..
            } => format!("{value} {}", unit.get(lang)),
            FieldKind::County => counties::by_code(value)
                .map_or_else(|| value.to_string(), |(_, name)| name.to_string()),
            FieldKind::Phone => {
                PhoneNumber::parse(value).map_or_else(|_| value.to_string(), |p| p.national())
            }
            _ => value.to_string(),
        }
    };
    Some(values.into_iter().map(one).collect::<Vec<_>>().join(", "))
}

/// The questions of `service` that `answers` lead to, in form order.
pub fn shown_questions(service: &Service, answers: &Answers) -> Vec<Field> {
    service
        .steps
        .iter()
        .flat_map(|step| &step.fields)
        .filter(|field| is_shown(field, answers))
        .cloned()
        .collect()
}

#[component]
pub fn AnswerList(
    service: Service,
    answers: Answers,
    /// The link to change the answer to a question, given the question's id.
    #[prop(optional)]
    change_href: Option<Callback<String, String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fields = shown_questions(&service, &answers);
    if fields.is_empty() {
        return view! { <p>{move || i18n.t(AnswerKey::NoQuestions)}</p> }.into_any();
    }
    let rows = fields
        .into_iter()
        .map(|field| {
            let answer = answers.get(&field.id).cloned();
            let label = field.label.clone();
            let hidden_label = field.label.clone();
            let href = change_href.map(|href| href.run(field.id.clone()));
            let value = move || {
                let lang = i18n.lang();
                answer_text(lang, &field, answer.as_ref())
                    .unwrap_or_else(|| text(lang, AnswerKey::NotAnswered).to_string())
            };
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{move || label.get(i18n.lang()).to_string()}</dt>
                    <dd class="summary-list__value answer-list__value">{value}</dd>
                    {href.map(|href| view! {
                        <dd class="summary-list__actions">
                            <A href=href>
                                {move || i18n.t(FormKey::Change)}
                                <span class="visually-hidden">" " {move || hidden_label.get(i18n.lang()).to_string()}</span>
                            </A>
                        </dd>
                    })}
                </div>
            }
        })
        .collect_view();
    view! { <dl class="summary-list answer-list">{rows}</dl> }.into_any()
}

#[cfg(test)]
mod tests {
    use njia_domain::catalog::Localized;
    use njia_domain::forms::{Choice, Condition, FormStep};

    use super::*;

    fn localized(en: &str, sw: &str) -> Localized {
        Localized {
            en: en.into(),
            sw: sw.into(),
        }
    }

    fn field(id: &str, kind: FieldKind) -> Field {
        Field {
            id: id.into(),
            label: localized(id, id),
            hint: None,
            kind,
            required: true,
            shown_when: None,
        }
    }

    fn one(value: &str) -> Answer {
        Answer::One(value.into())
    }

    #[test]
    fn answers_read_as_the_person_chose_them() {
        let reason = field(
            "reason",
            FieldKind::Radio {
                options: vec![Choice {
                    value: "lost".into(),
                    label: localized("It was lost", "Ilipotea"),
                }],
            },
        );
        assert_eq!(
            answer_text(Lang::Sw, &reason, Some(&one("lost"))).as_deref(),
            Some("Ilipotea")
        );
        let yes_no = field("renewal", FieldKind::YesNo);
        assert_eq!(
            answer_text(Lang::En, &yes_no, Some(&one("yes"))).as_deref(),
            Some("Yes")
        );
        assert_eq!(
            answer_text(Lang::Sw, &yes_no, Some(&one("no"))).as_deref(),
            Some("Hapana")
        );
        let date = field(
            "on",
            FieldKind::Date {
                range: Default::default(),
            },
        );
        assert_eq!(
            answer_text(Lang::Sw, &date, Some(&one("2026-03-27"))).as_deref(),
            Some("27 Machi 2026")
        );
        let phone = field("phone", FieldKind::Phone);
        assert_eq!(
            answer_text(Lang::En, &phone, Some(&one("+254712345678"))).as_deref(),
            Some("0712 345 678")
        );
        let county = field("county", FieldKind::County);
        assert_eq!(
            answer_text(Lang::En, &county, Some(&one("047"))).as_deref(),
            Some("Nairobi")
        );
        let engine = field(
            "engine",
            FieldKind::Number {
                min: None,
                max: None,
                unit: Some(localized("cc", "cc")),
            },
        );
        assert_eq!(
            answer_text(Lang::En, &engine, Some(&one("1500"))).as_deref(),
            Some("1500 cc")
        );
        let classes = field(
            "classes",
            FieldKind::Checkboxes {
                options: vec![
                    Choice {
                        value: "a".into(),
                        label: localized("Motorcycle", "Pikipiki"),
                    },
                    Choice {
                        value: "b".into(),
                        label: localized("Car", "Gari"),
                    },
                ],
            },
        );
        assert_eq!(
            answer_text(
                Lang::Sw,
                &classes,
                Some(&Answer::Many(vec!["a".into(), "b".into()]))
            )
            .as_deref(),
            Some("Pikipiki, Gari")
        );
        assert_eq!(answer_text(Lang::En, &yes_no, None), None);
        assert_eq!(answer_text(Lang::En, &yes_no, Some(&one("  "))), None);
    }

    #[test]
    fn questions_hidden_by_a_condition_are_left_out() {
        let mut number = field(
            "abstract_number",
            FieldKind::Text {
                max_length: 40,
                multiline: false,
            },
        );
        number.shown_when = Some(Condition {
            field: "reason".into(),
            values: vec!["lost".into()],
        });
        let service_toml = njia_domain::catalog::Service {
            steps: vec![FormStep {
                id: "reason".into(),
                title: localized("Reason", "Sababu"),
                fields: vec![
                    field(
                        "reason",
                        FieldKind::Radio {
                            options: vec![
                                Choice {
                                    value: "lost".into(),
                                    label: localized("Lost", "Ilipotea"),
                                },
                                Choice {
                                    value: "defaced".into(),
                                    label: localized("Damaged", "Imeharibika"),
                                },
                            ],
                        },
                    ),
                    number,
                ],
            }],
            ..test_service()
        };
        let mut answers = Answers::new();
        answers.insert("reason".into(), one("defaced"));
        let ids: Vec<String> = shown_questions(&service_toml, &answers)
            .into_iter()
            .map(|f| f.id)
            .collect();
        assert_eq!(ids, ["reason"]);
        answers.insert("reason".into(), one("lost"));
        assert_eq!(shown_questions(&service_toml, &answers).len(), 2);
    }

    fn test_service() -> Service {
        serde_json::from_value(serde_json::json!({
            "id": "test", "agency": "ntsa", "category": "c",
            "name": {"en": "Test", "sw": "Jaribio"},
            "summary": {"en": "", "sw": ""}, "description": {"en": "", "sw": ""},
            "applicants": ["citizen"], "fee": {"kind": "free"}, "documents": [],
            "processing_time": {"kind": "immediate"}, "keywords": [], "steps": []
        }))
        .expect("a minimal service")
    }
}
