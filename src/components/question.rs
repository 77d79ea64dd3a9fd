//! One question of a catalog form, drawn from its declaration: the right input for its kind, with label,
//! hint and inline error in the GOV.UK pattern. Answers live in one map shared by the step, so a condition
//! (`shown_when`) reacts to the answer above it at once.

use std::sync::Arc;

use leptos::prelude::*;
use njia_domain::catalog::{Lang, Localized};
use njia_domain::counties::COUNTIES;
use njia_domain::forms::{Answer, Answers, Choice, Field, FieldKind};

use crate::components::form::{DateField, FieldError, described_by};
use crate::i18n::answers::AnswerKey;
use crate::i18n::apply::ApplyKey;
use crate::i18n::field_errors::field_error;
use crate::i18n::forms::FormKey;
use crate::i18n::{text, use_i18n};

/// The id of a question's input (the first one, for groups), which the error summary links to.
pub fn input_id(field_id: &str) -> String {
    format!("q-{field_id}")
}

/// The message for a problem the domain's [`check_answer`](njia_domain::forms::check_answer) found, in the
/// person's language. Identifier rules share their words with the account forms.
pub fn problem_message(lang: Lang, field: &Field, code: &str, fallback: &str) -> String {
    let counted =
        |key: ApplyKey, n: &dyn std::fmt::Display| text(lang, key).replace("{n}", &n.to_string());
    let identifier = match field.kind {
        FieldKind::NationalId => Some("national_id"),
        FieldKind::KraPin | FieldKind::OrganisationPin => Some("kra_pin"),
        FieldKind::Phone => Some("phone"),
        FieldKind::Email => Some("email"),
        FieldKind::Plate => Some("plate"),
        FieldKind::CompanyRegNumber => Some("registration_number"),
        _ => None,
    };
    if let Some(message) = identifier.and_then(|name| field_error(lang, name, code)) {
        return message.to_string();
    }
    let choice = matches!(
        field.kind,
        FieldKind::Select { .. } | FieldKind::Radio { .. } | FieldKind::YesNo
    );
    let key = match (code, &field.kind) {
        ("required", FieldKind::Checkboxes { .. }) => ApplyKey::RequiredMany,
        ("required", FieldKind::County) => ApplyKey::ChooseCounty,
        ("required", _) if choice => ApplyKey::RequiredChoice,
        ("required", _) => ApplyKey::Required,
        ("too_long", FieldKind::Text { max_length, .. }) => {
            return counted(ApplyKey::TooLong, max_length);
        }
        ("not_a_number", _) => ApplyKey::NotANumber,
        ("too_small", FieldKind::Number { min: Some(min), .. }) => {
            return counted(ApplyKey::TooSmall, min);
        }
        ("too_large", FieldKind::Number { max: Some(max), .. }) => {
            return counted(ApplyKey::TooLarge, max);
        }
        ("invalid_date", _) => ApplyKey::InvalidDate,
        ("not_past", _) => ApplyKey::NotPast,
        ("not_future", _) => ApplyKey::NotFuture,
        ("not_an_option", FieldKind::County) => ApplyKey::ChooseCounty,
        ("not_an_option", _) => ApplyKey::NotAnOption,
        ("unknown_field", _) => ApplyKey::UnknownQuestion,
        // What the NTSA registers say about an answer (crates/server/src/registers.rs).
        ("unknown_notice", _) => ApplyKey::UnknownNotice,
        ("offence_differs", _) => ApplyKey::OffenceDiffers,
        ("unknown_vehicle", _) => ApplyKey::UnknownVehicle,
        ("not_your_vehicle", _) => ApplyKey::NotYourVehicle,
        ("engine_differs", _) => ApplyKey::EngineDiffers,
        ("buyer_not_found", _) => ApplyKey::BuyerNotFound,
        ("buyer_is_seller", _) => ApplyKey::BuyerIsSeller,
        // What the organisations already on Njia say about an answer (crates/server/src/organisations/).
        ("organisation_exists", _) => ApplyKey::OrganisationExists,
        // A rule this table does not know yet: the domain's own (English) words rather than nothing.
        _ => return fallback.to_string(),
    };
    text(lang, key).to_string()
}

#[component]
pub fn Question(
    field: Field,
    answers: RwSignal<Answers>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = Arc::new(field);
    let id = input_id(&field.id);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = field.hint.is_some();
    let described = Signal::derive(described_by(
        has_hint.then(|| hint_id.clone()),
        error_id.clone(),
        error,
    ));
    let label = {
        let field = field.clone();
        move || {
            let text = field.label.get(i18n.lang()).to_string();
            if field.required {
                text
            } else {
                format!("{text} {}", i18n.t(FormKey::Optional))
            }
        }
    };
    let hint = {
        let (hint, hint_id) = (field.hint.clone(), hint_id.clone());
        move || {
            hint.clone().map(|hint| {
                view! { <p id=hint_id.clone() class="hint">{move || hint.get(i18n.lang()).to_string()}</p> }
            })
        }
    };
    let key = field.id.clone();
    let value = {
        let key = key.clone();
        Signal::derive(move || {
            answers.with(|a| match a.get(&key) {
                Some(Answer::One(v)) => v.clone(),
                _ => String::new(),
            })
        })
    };
    let set_value = {
        let key = key.clone();
        Callback::new(move |text: String| {
            answers.update(|a| {
                if text.is_empty() {
                    a.remove(&key);
                } else {
                    a.insert(key.clone(), Answer::One(text));
                }
            });
        })
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let input_class = move |extra: &str| {
        let mut class = format!("input {extra}");
        if error.with(Option::is_some) {
            class.push_str(" input--error");
        }
        class
    };
    let group_error = move || error.with(Option::is_some);

    // Single inputs: a label, hint, error and the input.
    let single = |input: AnyView| {
        view! {
            <div class="form-group" class:form-group--error=group_error>
                <label class="label" for=id.clone()>{label.clone()}</label>
                {hint.clone()}
                <FieldError id=error_id.clone() error/>
                {input}
            </div>
        }
        .into_any()
    };
    // Groups of inputs: the question is the fieldset's legend.
    let group = |inputs: AnyView| {
        view! {
            <div class="form-group" class:form-group--error=group_error>
                <fieldset class="fieldset" aria-describedby=move || described.get()>
                    <legend class="fieldset__legend">{label.clone()}</legend>
                    {hint.clone()}
                    <FieldError id=error_id.clone() error/>
                    {inputs}
                </fieldset>
            </div>
        }
        .into_any()
    };

    let text_input = |input_type: &'static str,
                      inputmode: Option<&'static str>,
                      width: &'static str,
                      capitals: bool,
                      spellcheck: bool| {
        view! {
            <input
                id=id.clone()
                name=id.clone()
                class=move || input_class(width)
                type=input_type
                inputmode=inputmode
                autocomplete="off"
                autocapitalize=capitals.then_some("characters")
                spellcheck=(!spellcheck).then_some("false")
                aria-describedby=move || described.get()
                aria-invalid=invalid
                prop:value=move || value.get()
                on:input=move |ev| set_value.run(event_target_value(&ev))
            />
        }
        .into_any()
    };

    match &field.kind {
        FieldKind::Text {
            multiline: true, ..
        } => single(
            view! {
                <textarea
                    id=id.clone()
                    name=id.clone()
                    class=move || input_class("textarea")
                    rows="5"
                    aria-describedby=move || described.get()
                    aria-invalid=invalid
                    prop:value=move || value.get()
                    on:input=move |ev| set_value.run(event_target_value(&ev))
                ></textarea>
            }
            .into_any(),
        ),
        FieldKind::Text { .. } => single(text_input("text", None, "", false, true)),
        FieldKind::Number { unit, .. } => {
            let unit = unit.clone();
            let input = text_input("text", Some("numeric"), "input--20ch", false, false);
            single(
                view! {
                    <div class="input-with-unit">
                        {input}
                        {unit.map(|u| view! { <span class="input-with-unit__unit">{move || u.get(i18n.lang()).to_string()}</span> })}
                    </div>
                }
                .into_any(),
            )
        }
        FieldKind::NationalId => single(text_input(
            "text",
            Some("numeric"),
            "input--20ch",
            false,
            false,
        )),
        FieldKind::KraPin
        | FieldKind::OrganisationPin
        | FieldKind::Plate
        | FieldKind::CompanyRegNumber => {
            single(text_input("text", None, "input--20ch", true, false))
        }
        FieldKind::Phone => single(text_input("tel", Some("tel"), "input--20ch", false, false)),
        FieldKind::Email => single(text_input("email", Some("email"), "", false, false)),
        FieldKind::Date { .. } => {
            // The boxes keep what was typed; the answer is the ISO date they spell, which a half-finished
            // date fails clearly.
            let initial = value.get_untracked();
            let mut parts = initial
                .splitn(3, '-')
                .map(|p| p.trim_start_matches('0').to_string());
            let (year, month, day) = (
                RwSignal::new(parts.next().unwrap_or_default()),
                RwSignal::new(parts.next().unwrap_or_default()),
                RwSignal::new(parts.next().unwrap_or_default()),
            );
            Effect::new(move |_| {
                let (d, m, y) = (day.get(), month.get(), year.get());
                let (d, m, y) = (d.trim(), m.trim(), y.trim());
                if d.is_empty() && m.is_empty() && y.is_empty() {
                    set_value.run(String::new());
                } else {
                    set_value.run(format!("{y:0>4}-{m:0>2}-{d:0>2}"));
                }
            });
            let legend = Signal::derive(label.clone());
            match field.hint.clone() {
                Some(hint) => {
                    let hint = Signal::derive(move || hint.get(i18n.lang()).to_string());
                    view! { <DateField id=id.clone() legend hint day month year error/> }.into_any()
                }
                None => view! { <DateField id=id.clone() legend day month year error/> }.into_any(),
            }
        }
        FieldKind::Select { options } => {
            let options: Vec<Choice> = options.clone();
            single(select(
                id.clone(),
                options,
                value,
                set_value,
                described,
                error,
            ))
        }
        FieldKind::County => {
            // County names are the same in both languages.
            let options: Vec<Choice> = COUNTIES
                .iter()
                .map(|(code, name)| Choice {
                    value: format!("{code:03}"),
                    label: Localized {
                        en: (*name).to_string(),
                        sw: (*name).to_string(),
                    },
                })
                .collect();
            single(select(
                id.clone(),
                options,
                value,
                set_value,
                described,
                error,
            ))
        }
        FieldKind::Radio { options } => {
            group(radios(id.clone(), options.clone(), value, set_value))
        }
        FieldKind::YesNo => {
            let choices = vec![
                yes_no_choice("yes", AnswerKey::Yes),
                yes_no_choice("no", AnswerKey::No),
            ];
            group(radios(id.clone(), choices, value, set_value))
        }
        FieldKind::Checkboxes { options } => {
            group(checkboxes(id.clone(), key, options.clone(), answers))
        }
    }
}

fn yes_no_choice(value: &str, key: AnswerKey) -> Choice {
    Choice {
        value: value.to_string(),
        label: Localized {
            en: text(Lang::En, key).to_string(),
            sw: text(Lang::Sw, key).to_string(),
        },
    }
}

fn select(
    id: String,
    options: Vec<Choice>,
    value: Signal<String>,
    set_value: Callback<String>,
    described: Signal<Option<String>>,
    error: Signal<Option<String>>,
) -> AnyView {
    let i18n = use_i18n();
    view! {
        <select
            id=id.clone()
            name=id
            class=move || if error.with(Option::is_some) { "select input--error" } else { "select" }
            aria-describedby=move || described.get()
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            prop:value=move || value.get()
            on:change=move |ev| set_value.run(event_target_value(&ev))
        >
            <option value="">{move || i18n.t(ApplyKey::ChooseOne)}</option>
            {options.into_iter().map(|Choice { value: option, label }| {
                let selected = option.clone();
                view! {
                    <option value=option selected=move || value.get() == selected>{move || label.get(i18n.lang()).to_string()}</option>
                }
            }).collect_view()}
        </select>
    }
    .into_any()
}

/// Radios or checkboxes, one per option: the first input carries the question's id, so the error summary
/// can focus it.
fn choice_inputs(
    id: String,
    options: Vec<Choice>,
    input_type: &'static str,
    checked: Callback<String, bool>,
    changed: Callback<(String, bool)>,
) -> AnyView {
    let i18n = use_i18n();
    view! {
        <div class="radios">
            {options.into_iter().enumerate().map(|(i, option)| {
                let input_id = if i == 0 { id.clone() } else { format!("{id}-{}", option.value) };
                let (value, read, written) = (option.value.clone(), option.value.clone(), option.value.clone());
                let label = option.label.clone();
                view! {
                    <div class="radios__item">
                        <input
                            class="radios__input"
                            type=input_type
                            id=input_id.clone()
                            name=id.clone()
                            value=value
                            prop:checked=move || checked.run(read.clone())
                            on:change=move |ev| changed.run((written.clone(), event_target_checked(&ev)))
                        />
                        <label class="radios__label" for=input_id>{move || label.get(i18n.lang()).to_string()}</label>
                    </div>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}

fn radios(
    id: String,
    options: Vec<Choice>,
    value: Signal<String>,
    set_value: Callback<String>,
) -> AnyView {
    let checked = Callback::new(move |option: String| value.get() == option);
    let changed = Callback::new(move |(option, _): (String, bool)| set_value.run(option));
    choice_inputs(id, options, "radio", checked, changed)
}

fn checkboxes(
    id: String,
    key: String,
    options: Vec<Choice>,
    answers: RwSignal<Answers>,
) -> AnyView {
    let read_key = key.clone();
    let checked = Callback::new(move |option: String| {
        answers.with(|a| match a.get(&read_key) {
            Some(Answer::Many(values)) => values.contains(&option),
            Some(Answer::One(v)) => *v == option,
            None => false,
        })
    });
    let changed = Callback::new(move |(option, on): (String, bool)| {
        answers.update(|a| {
            let mut values = match a.remove(&key) {
                Some(Answer::Many(values)) => values,
                Some(Answer::One(v)) => vec![v],
                None => Vec::new(),
            };
            values.retain(|v| *v != option);
            if on {
                values.push(option);
            }
            if !values.is_empty() {
                a.insert(key.clone(), Answer::Many(values));
            }
        });
    });
    choice_inputs(id, options, "checkbox", checked, changed)
}

#[cfg(test)]
mod tests {
    use njia_domain::date::Date;
    use njia_domain::forms::{DateRange, check_answer};

    use super::*;

    fn question(kind: FieldKind) -> Field {
        Field {
            id: "q".into(),
            label: Localized {
                en: "Question".into(),
                sw: "Swali".into(),
            },
            hint: None,
            kind,
            required: true,
            shown_when: None,
        }
    }

    /// Every problem the domain's rules can find in an answer reads in Kiswahili too: the phone never
    /// falls back to the rule's English words, and the English is the phone's own, not the rule's.
    #[test]
    fn every_answer_problem_has_words_in_both_languages() {
        let choice = || Choice {
            value: "a".into(),
            label: Localized {
                en: "A".into(),
                sw: "A".into(),
            },
        };
        let cases: Vec<(FieldKind, Option<&str>)> = vec![
            (
                FieldKind::Text {
                    max_length: 3,
                    multiline: false,
                },
                Some("four"),
            ),
            (
                FieldKind::Text {
                    max_length: 3,
                    multiline: false,
                },
                None,
            ),
            (
                FieldKind::Number {
                    min: Some(10),
                    max: Some(20),
                    unit: None,
                },
                Some("many"),
            ),
            (
                FieldKind::Number {
                    min: Some(10),
                    max: Some(20),
                    unit: None,
                },
                Some("5"),
            ),
            (
                FieldKind::Number {
                    min: Some(10),
                    max: Some(20),
                    unit: None,
                },
                Some("25"),
            ),
            (
                FieldKind::Date {
                    range: DateRange::Past,
                },
                Some("2999-01-01"),
            ),
            (
                FieldKind::Date {
                    range: DateRange::Future,
                },
                Some("2000-01-01"),
            ),
            (
                FieldKind::Date {
                    range: DateRange::Any,
                },
                Some("2026-02-30"),
            ),
            (
                FieldKind::Radio {
                    options: vec![choice()],
                },
                Some("b"),
            ),
            (
                FieldKind::Radio {
                    options: vec![choice()],
                },
                None,
            ),
            (
                FieldKind::Checkboxes {
                    options: vec![choice()],
                },
                None,
            ),
            (FieldKind::YesNo, Some("maybe")),
            (FieldKind::County, Some("999")),
            (FieldKind::County, None),
            (FieldKind::NationalId, Some("12")),
            (FieldKind::KraPin, Some("123")),
            (FieldKind::Phone, Some("0123")),
            (FieldKind::Email, Some("not-an-email")),
            (FieldKind::Plate, Some("???")),
            (FieldKind::CompanyRegNumber, Some("!!")),
            (FieldKind::OrganisationPin, Some("A004416331M")),
            (FieldKind::OrganisationPin, Some("P123")),
        ];
        let today = Date::new(2026, 12, 1).expect("a date");
        for (kind, typed) in cases {
            let field = question(kind);
            let answer = typed.map(|t| Answer::One(t.into()));
            let problem = check_answer(&field, answer.as_ref(), today)
                .expect_err(&format!("{typed:?} is refused for {:?}", field.kind));
            let en = problem_message(Lang::En, &field, &problem.code, "<fallback>");
            let sw = problem_message(Lang::Sw, &field, &problem.code, "<fallback>");
            assert_ne!(en, "<fallback>", "{} ({:?})", problem.code, field.kind);
            assert_ne!(sw, "<fallback>", "{} ({:?})", problem.code, field.kind);
            assert_ne!(en, sw, "{} is translated", problem.code);
        }
    }
}
