//! The catalog's form rules: each kind of question, conditions, canonical answers, and declaration checks.
#![allow(clippy::unwrap_used)]

use njia_domain::date::Date;
use njia_domain::forms::{Answer, Answers, FormStep, check_declaration, validate};
use proptest::prelude::*;
use serde_json::json;

fn today() -> Date {
    Date::new(2026, 11, 22).unwrap()
}

fn label(en: &str) -> serde_json::Value {
    json!({ "en": en, "sw": en })
}

/// A form with one question of each kind, and a question shown only for one answer.
fn form() -> Vec<FormStep> {
    serde_json::from_value(json!([
        { "id": "about", "title": label("About"), "fields": [
            { "id": "reason", "label": label("Why"), "kind": "radio",
              "options": [{ "value": "lost", "label": label("Lost") }, { "value": "defaced", "label": label("Defaced") }] },
            { "id": "abstract_number", "label": label("Police abstract number"), "kind": "text", "max_length": 20,
              "shown_when": { "field": "reason", "values": ["lost"] } },
            { "id": "engine_cc", "label": label("Engine size"), "kind": "number", "min": 50, "max": 10000 },
            { "id": "lost_on", "label": label("Date lost"), "kind": "date", "range": "past", "required": false },
            { "id": "classes", "label": label("Classes"), "kind": "checkboxes",
              "options": [{ "value": "A1", "label": label("A1") }, { "value": "B1", "label": label("B1") }, { "value": "C", "label": label("C") }] },
            { "id": "county", "label": label("County"), "kind": "county" },
            { "id": "insured", "label": label("Insured?"), "kind": "yes_no" }
        ]},
        { "id": "people", "title": label("People"), "fields": [
            { "id": "buyer_id", "label": label("Buyer's ID"), "kind": "national_id" },
            { "id": "buyer_pin", "label": label("Buyer's PIN"), "kind": "kra_pin", "required": false },
            { "id": "phone", "label": label("Phone"), "kind": "phone" },
            { "id": "email", "label": label("Email"), "kind": "email", "required": false },
            { "id": "plate", "label": label("Plate"), "kind": "plate" },
            { "id": "company", "label": label("Company"), "kind": "company_reg_number", "required": false }
        ]}
    ]))
    .unwrap()
}

fn one(v: &str) -> Answer {
    Answer::One(v.into())
}

fn good() -> Answers {
    Answers::from([
        ("reason".into(), one("lost")),
        ("abstract_number".into(), one(" OB/12/2026 ")),
        ("engine_cc".into(), one("1,500")),
        ("lost_on".into(), one("2026-11-01")),
        (
            "classes".into(),
            Answer::Many(vec!["C".into(), "B1".into(), "C".into()]),
        ),
        ("county".into(), one("47")),
        ("insured".into(), one("yes")),
        ("buyer_id".into(), one("1234 5678")),
        ("phone".into(), one("0712 345 678")),
        ("plate".into(), one("kda123a")),
    ])
}

fn codes(answers: &Answers) -> Vec<(String, String)> {
    validate(&form(), answers, today())
        .unwrap_err()
        .into_iter()
        .map(|p| (p.field, p.code))
        .collect()
}

#[test]
fn good_answers_come_back_in_canonical_form() {
    assert_eq!(check_declaration(&form()), Ok(()));
    let clean = validate(&form(), &good(), today()).unwrap();
    assert_eq!(clean["abstract_number"], one("OB/12/2026"));
    assert_eq!(clean["engine_cc"], one("1500"));
    assert_eq!(
        clean["classes"],
        Answer::Many(vec!["B1".into(), "C".into()]),
        "deduplicated, in option order"
    );
    assert_eq!(clean["county"], one("047"));
    assert_eq!(clean["buyer_id"], one("12345678"));
    assert_eq!(clean["phone"], one("+254712345678"));
    assert_eq!(clean["plate"], one("KDA 123A"));
    assert!(!clean.contains_key("email"), "optional and unanswered");
}

#[test]
fn every_kind_refuses_what_does_not_fit() {
    let mut bad = good();
    for (field, value) in [
        ("reason", "stolen"),
        ("engine_cc", "big"),
        ("lost_on", "2027-01-01"),
        ("county", "48"),
        ("insured", "maybe"),
        ("buyer_id", "12AB"),
        ("phone", "+1 202 555 0100"),
        ("plate", "XYZ"),
    ] {
        bad.insert(field.into(), one(value));
    }
    bad.insert("classes".into(), Answer::Many(vec!["Z".into()]));
    bad.insert("abstract_number".into(), one(&"x".repeat(21)));
    let codes = codes(&bad);
    let fields: Vec<&str> = codes.iter().map(|(f, _)| f.as_str()).collect();
    // In form order; `abstract_number` is not asked once `reason` is no longer "lost".
    assert_eq!(
        fields,
        [
            "reason",
            "engine_cc",
            "lost_on",
            "classes",
            "county",
            "insured",
            "buyer_id",
            "phone",
            "plate"
        ]
    );
    assert_eq!(codes[0].1, "not_an_option");
    assert_eq!(codes[1].1, "not_a_number");
    assert_eq!(codes[2].1, "not_past");
}

#[test]
fn numbers_respect_their_bounds() {
    let mut answers = good();
    answers.insert("engine_cc".into(), one("49"));
    assert_eq!(
        codes(&answers),
        [("engine_cc".to_string(), "too_small".to_string())]
    );
    answers.insert("engine_cc".into(), one("10001"));
    assert_eq!(
        codes(&answers),
        [("engine_cc".to_string(), "too_large".to_string())]
    );
}

#[test]
fn a_conditional_question_is_required_only_when_shown_and_dropped_otherwise() {
    let mut answers = good();
    answers.remove("abstract_number");
    assert_eq!(
        codes(&answers),
        [("abstract_number".to_string(), "required".to_string())]
    );
    answers.insert("reason".into(), one("defaced"));
    answers.insert("abstract_number".into(), one("left over from before"));
    let clean = validate(&form(), &answers, today()).unwrap();
    assert!(
        !clean.contains_key("abstract_number"),
        "an answer to a hidden question is not kept"
    );
}

#[test]
fn answers_to_questions_the_form_does_not_ask_are_refused() {
    let mut answers = good();
    answers.insert("fee_waived".into(), one("yes"));
    assert_eq!(
        codes(&answers),
        [("fee_waived".to_string(), "unknown_field".to_string())]
    );
}

#[test]
fn required_questions_must_be_answered() {
    let mut answers = good();
    answers.insert("phone".into(), one("   "));
    answers.insert("classes".into(), Answer::Many(vec![]));
    let codes = codes(&answers);
    assert!(codes.contains(&("phone".to_string(), "required".to_string())));
    assert!(codes.contains(&("classes".to_string(), "required".to_string())));
}

#[test]
fn declaration_mistakes_are_caught() {
    let mut twice = form();
    let copy = twice[0].fields[0].clone();
    twice[1].fields.push(copy);
    assert!(
        check_declaration(&twice)
            .unwrap_err()
            .contains("declared twice")
    );

    let mut later = form();
    later[0].fields[1].shown_when.as_mut().unwrap().field = "plate".into();
    assert!(
        check_declaration(&later)
            .unwrap_err()
            .contains("not asked before it")
    );

    let mut unknown_value = form();
    unknown_value[0].fields[1]
        .shown_when
        .as_mut()
        .unwrap()
        .values = vec!["stolen".into()];
    assert!(
        check_declaration(&unknown_value)
            .unwrap_err()
            .contains("does not offer")
    );
}

proptest! {
    #[test]
    fn validation_never_panics_on_any_answers(values in proptest::collection::vec(".{0,40}", 13)) {
        let fields = ["reason", "abstract_number", "engine_cc", "lost_on", "classes", "county", "insured",
                      "buyer_id", "buyer_pin", "phone", "email", "plate", "company"];
        let answers: Answers = fields.iter().zip(values).map(|(f, v)| (f.to_string(), Answer::One(v))).collect();
        let _ = validate(&form(), &answers, today());
    }
}

#[test]
fn a_misspelt_or_misplaced_setting_in_a_declaration_is_an_error() {
    let typo = json!({ "id": "x", "label": label("X"), "kind": "text", "requried": false });
    assert!(
        serde_json::from_value::<njia_domain::forms::Field>(typo)
            .unwrap_err()
            .to_string()
            .contains("requried")
    );
    let misplaced =
        json!({ "id": "x", "label": label("X"), "kind": "phone", "options": [] , "min": 3 });
    assert!(serde_json::from_value::<njia_domain::forms::Field>(misplaced).is_err());
    // And what is written is read back the same.
    let steps = form();
    let again: Vec<FormStep> =
        serde_json::from_value(serde_json::to_value(&steps).unwrap()).unwrap();
    assert_eq!(again, steps);
}

/// An organisation's PIN question takes only a `P…` PIN, and says so when given a person's `A…` PIN.
#[test]
fn an_organisation_pin_question_refuses_a_personal_pin() {
    let steps: Vec<FormStep> = serde_json::from_value(json!([
        { "id": "organisation", "title": label("Organisation"), "fields": [
            { "id": "kra_pin", "label": label("KRA PIN"), "kind": "organisation_pin" }
        ]}
    ]))
    .unwrap();
    assert_eq!(check_declaration(&steps), Ok(()));
    let answer = |pin: &str| Answers::from([("kra_pin".to_string(), one(pin))]);
    assert_eq!(
        validate(&steps, &answer(" p051365947m "), today()).unwrap()["kra_pin"],
        one("P051365947M")
    );
    for (typed, code) in [
        ("A004416331M", "personal_pin"),
        ("P05136594", "wrong_length"),
        ("X051365947M", "wrong_prefix"),
    ] {
        let problems = validate(&steps, &answer(typed), today()).unwrap_err();
        assert_eq!(
            (problems[0].field.as_str(), problems[0].code.as_str()),
            ("kra_pin", code),
            "{typed}"
        );
    }
    // The same question written back out reads as the same kind.
    let json = serde_json::to_value(&steps).unwrap();
    assert_eq!(json[0]["fields"][0]["kind"], "organisation_pin");
}
