//! Organisations: adding one by its KRA PIN or registration number (an eCitizen officer approves it, and only
//! then does it exist, with the applicant as administrator), inviting people by ID number or email, their
//! answers, roles, removal that takes effect at once, and the last administrator kept. On SQLite and
//! PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::{TestApp, db, messages_to, phone_of, user_id};
use njia_domain::api::applications::{Application, ApplicationStatus};
use njia_domain::api::organisations::{
    Invitation, InvitationList, InvitationStatus, Member, OrganisationDetail, OrganisationList,
};
use njia_domain::organisations::{OrganisationKind, OrganisationRole};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const SERVICE: &str = "ecitizen-add-organisation";
const COMPANY_DOCUMENTS: &[&str] = &[
    "authorisation-letter",
    "certificate-of-incorporation",
    "cr12",
];

fn by_pin(kind: &str, pin: &str, name: &str) -> Value {
    json!({"kind": kind, "identified_by": "kra_pin", "kra_pin": pin, "organisation_name": name,
        "capacity": "director"})
}

async fn draft(app: &TestApp, client: &Client) -> Application {
    let r = client
        .post(app.url("/api/applications"))
        .json(&json!({ "service_id": SERVICE }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    r.json().await.unwrap()
}

async fn save(app: &TestApp, client: &Client, id: &str, answers: &Value) -> reqwest::Response {
    client
        .put(app.url(&format!("/api/applications/{id}/answers")))
        .json(&json!({ "answers": answers }))
        .send()
        .await
        .unwrap()
}

async fn attach(app: &TestApp, client: &Client, id: &str, requirement: &str) {
    let r = client
        .put(app.url(&format!("/api/applications/{id}/documents/{requirement}")))
        .header("x-file-name", format!("{requirement}.pdf"))
        .header("content-type", "application/octet-stream")
        .body(common::PDF)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
}

async fn submit(app: &TestApp, client: &Client, id: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/applications/{id}/submit")))
        .header("idempotency-key", uuid::Uuid::new_v4().to_string())
        .send()
        .await
        .unwrap()
}

/// Starts, fills in, attaches `documents` and sends an application to add an organisation.
async fn apply(
    app: &TestApp,
    client: &Client,
    answers: Value,
    documents: &[&str],
) -> (String, reqwest::Response) {
    let draft = draft(app, client).await;
    let r = save(app, client, &draft.id, &answers).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    for requirement in documents {
        attach(app, client, &draft.id, requirement).await;
    }
    let r = submit(app, client, &draft.id).await;
    (draft.id, r)
}

async fn decide(app: &TestApp, officer: &Client, id: &str, decision: &str) -> reqwest::Response {
    officer
        .post(app.url(&format!("/api/officer/applications/{id}/decision")))
        .json(&json!({ "decision": decision }))
        .send()
        .await
        .unwrap()
}

/// The fields and codes of a refusal, or its code alone when it has no fields.
async fn problems(r: reqwest::Response) -> (StatusCode, Vec<(String, String)>) {
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    let fields = body["error"]["fields"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let found = if fields.is_empty() {
        vec![(
            String::new(),
            body["error"]["code"].as_str().unwrap().to_string(),
        )]
    } else {
        fields
            .iter()
            .map(|f| {
                (
                    f["field"].as_str().unwrap().to_string(),
                    f["code"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    (status, found)
}

async fn code_of(r: reqwest::Response) -> (StatusCode, String) {
    let (status, found) = problems(r).await;
    (status, found[0].1.clone())
}

async fn mine(app: &TestApp, client: &Client) -> OrganisationList {
    let r = client
        .get(app.url("/api/organisations"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

async fn detail(app: &TestApp, client: &Client, id: &str) -> reqwest::Response {
    client
        .get(app.url(&format!("/api/organisations/{id}")))
        .send()
        .await
        .unwrap()
}

/// An organisation added by `client` through the service and approved by `officer`: its id.
async fn approved(app: &TestApp, client: &Client, officer: &Client, answers: Value) -> String {
    let (id, r) = apply(app, client, answers, COMPANY_DOCUMENTS).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let r = decide(app, officer, &id, "approve").await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    sqlx::query_scalar("SELECT id FROM organisations WHERE application_id = $1")
        .bind(&id)
        .fetch_one(&db(app).await.pool)
        .await
        .unwrap()
}

async fn invite(
    app: &TestApp,
    client: &Client,
    organisation: &str,
    body: Value,
) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/organisations/{organisation}/invitations")))
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn by_id_number(n: u32, role: &str) -> Value {
    json!({"identified_by": "id_number", "id_number": format!("{}", 31_000_000 + n), "role": role})
}

async fn invitations(app: &TestApp, client: &Client) -> Vec<Invitation> {
    let list: InvitationList = client
        .get(app.url("/api/invitations"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list.items
}

async fn answer(app: &TestApp, client: &Client, invitation: &str, verb: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/invitations/{invitation}/{verb}")))
        .send()
        .await
        .unwrap()
}

async fn set_role(
    app: &TestApp,
    client: &Client,
    organisation: &str,
    member: &str,
    role: &str,
) -> reqwest::Response {
    client
        .put(app.url(&format!(
            "/api/organisations/{organisation}/members/{member}/role"
        )))
        .json(&json!({ "role": role }))
        .send()
        .await
        .unwrap()
}

async fn remove(
    app: &TestApp,
    client: &Client,
    organisation: &str,
    member: &str,
) -> reqwest::Response {
    client
        .delete(app.url(&format!(
            "/api/organisations/{organisation}/members/{member}"
        )))
        .send()
        .await
        .unwrap()
}

/// Invites citizen `n` by ID number and has them accept: they are then a member with `role`.
async fn add_member(
    app: &TestApp,
    admin: &Client,
    organisation: &str,
    n: u32,
    member: &Client,
    role: &str,
) {
    let r = invite(app, admin, organisation, by_id_number(n, role)).await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    let sent: Invitation = r.json().await.unwrap();
    let r = answer(app, member, &sent.id, "accept").await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
}

#[tokio::test]
async fn an_organisation_is_added_by_its_pin_or_number_once_an_officer_approves() {
    for app in common::apps().await {
        let (applicant, applicant_phone) = common::citizen(&app, 1).await;
        let (other, _) = common::citizen(&app, 2).await;
        let (rival, _) = common::citizen(&app, 3).await;
        let officer = common::officer(&app, "ecitizen", 1).await;
        let ntsa_officer = common::officer(&app, "ntsa", 2).await;

        // The PIN is checked as it is typed: a person's PIN and a malformed one are refused at the question.
        let application = draft(&app, &applicant).await;
        for (pin, code) in [
            ("A004416331M", "personal_pin"),
            ("P05136594", "wrong_length"),
        ] {
            let r = save(
                &app,
                &applicant,
                &application.id,
                &by_pin("motor_dealer", pin, "Mwangaza Motors Ltd"),
            )
            .await;
            assert_eq!(
                problems(r).await,
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    vec![("kra_pin".to_string(), code.to_string())]
                ),
                "{}: {pin}",
                app.engine
            );
        }
        let r = save(
            &app,
            &applicant,
            &application.id,
            &json!({"identified_by": "registration_number", "registration_number": "XYZ-12"}),
        )
        .await;
        assert_eq!(
            problems(r).await,
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec![(
                    "registration_number".to_string(),
                    "unknown_prefix".to_string()
                )]
            )
        );
        // …and again when sent, whatever the draft holds.
        sqlx::query("UPDATE applications SET answers = $1 WHERE id = $2")
            .bind(by_pin("motor_dealer", "A004416331M", "Mwangaza Motors Ltd").to_string())
            .bind(&application.id)
            .execute(&db(&app).await.pool)
            .await
            .unwrap();
        let (status, found) = problems(submit(&app, &applicant, &application.id).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}", app.engine);
        assert!(
            found.contains(&("kra_pin".to_string(), "personal_pin".to_string())),
            "{found:?}"
        );

        // The authorisation letter is always needed, and the kind's own documents.
        let r = save(
            &app,
            &applicant,
            &application.id,
            &by_pin("motor_dealer", "p051365947m", "Mwangaza Motors Ltd"),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let saved: Application = r.json().await.unwrap();
        assert_eq!(
            saved.answers["kra_pin"],
            njia_domain::forms::Answer::One("P051365947M".into())
        );
        let (status, found) = problems(submit(&app, &applicant, &application.id).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let missing: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            missing,
            [
                "documents.authorisation-letter",
                "documents.certificate-of-incorporation",
                "documents.cr12"
            ]
        );
        let r = save(
            &app,
            &applicant,
            &application.id,
            &by_pin("government", "P051365947M", "Mwangaza Motors Ltd"),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let (_, found) = problems(submit(&app, &applicant, &application.id).await).await;
        let missing: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            missing,
            [
                "documents.authorisation-letter",
                "documents.appointment-letter"
            ]
        );
        let r = save(
            &app,
            &applicant,
            &application.id,
            &by_pin("embassy", "P051365947M", "Mwangaza Motors Ltd"),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let (_, found) = problems(submit(&app, &applicant, &application.id).await).await;
        let missing: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            missing,
            ["documents.authorisation-letter", "documents.note-verbale"]
        );

        // Sent with its documents: free, so it goes straight to the eCitizen officer.
        let r = save(
            &app,
            &applicant,
            &application.id,
            &by_pin("motor_dealer", "P051365947M", "Mwangaza Motors Ltd"),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        for requirement in COMPANY_DOCUMENTS {
            attach(&app, &applicant, &application.id, requirement).await;
        }
        let r = submit(&app, &applicant, &application.id).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let sent: Application = r.json().await.unwrap();
        assert_eq!(sent.status, ApplicationStatus::Submitted);

        // A second application for the same PIN, sent before the first is approved.
        let (rival_id, r) = apply(
            &app,
            &rival,
            by_pin("company", "P051365947M", "Mwangaza Motors"),
            COMPANY_DOCUMENTS,
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());

        // Until approved, nothing exists to act for.
        assert!(
            mine(&app, &applicant).await.items.is_empty(),
            "{}",
            app.engine
        );
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
            .fetch_one(&db(&app).await.pool)
            .await
            .unwrap();
        assert_eq!(count, 0);

        // Another agency's officer does not see it; the eCitizen officer approves it.
        assert_eq!(
            decide(&app, &ntsa_officer, &application.id, "approve")
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        let r = decide(&app, &officer, &application.id, "approve").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let list = mine(&app, &applicant).await;
        assert_eq!(list.items.len(), 1);
        let organisation = &list.items[0];
        assert_eq!(
            (
                organisation.kind,
                organisation.name.as_str(),
                organisation.kra_pin.as_deref(),
                organisation.registration_number.as_deref(),
                organisation.my_role
            ),
            (
                OrganisationKind::MotorDealer,
                "Mwangaza Motors Ltd",
                Some("P051365947M"),
                None,
                OrganisationRole::Administrator
            )
        );
        let decided: Application = applicant
            .get(app.url(&format!("/api/applications/{}", application.id)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(decided.status, ApplicationStatus::Approved, "no collection");
        let note = decided.timeline.last().unwrap().note.clone().unwrap();
        assert!(
            note.contains("administrator") && note.contains("msimamizi"),
            "{note}"
        );
        let detail: OrganisationDetail = detail(&app, &applicant, &organisation.id)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(detail.members.len(), 1);
        assert_eq!(
            detail.members[0].user_id,
            user_id(&app, &applicant_phone).await
        );
        assert_eq!(detail.members[0].id_number_last4.as_deref(), Some("0001"));

        // The same PIN again: refused when sent, and when an officer approves one sent before.
        let (_, r) = apply(
            &app,
            &other,
            by_pin("motor_dealer", "P051365947M", "Mwangaza"),
            COMPANY_DOCUMENTS,
        )
        .await;
        assert_eq!(
            problems(r).await,
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec![("kra_pin".to_string(), "organisation_exists".to_string())]
            )
        );
        assert_eq!(
            code_of(decide(&app, &officer, &rival_id, "approve").await).await,
            (StatusCode::CONFLICT, "organisation_exists".to_string())
        );
        assert!(mine(&app, &rival).await.items.is_empty());

        // A company registration number does as well as a PIN.
        let answers = json!({"kind": "company", "identified_by": "registration_number",
            "registration_number": "pvt zqu6je7", "organisation_name": "Tausi Logistics Ltd",
            "capacity": "other", "capacity_other": "Fleet manager"});
        approved(&app, &other, &officer, answers).await;
        let list = mine(&app, &other).await;
        assert_eq!(list.items.len(), 1, "{}", app.engine);
        assert_eq!(
            (
                list.items[0].kra_pin.as_deref(),
                list.items[0].registration_number.as_deref()
            ),
            (None, Some("PVT-ZQU6JE7"))
        );
    }
}

#[tokio::test]
async fn administrators_invite_people_who_answer_for_themselves() {
    for app in common::apps().await {
        let (admin, _) = common::citizen(&app, 1).await;
        let (agent, agent_phone) = common::citizen(&app, 2).await;
        let (by_email, _) = common::citizen(&app, 3).await;
        let (stranger, _) = common::citizen(&app, 4).await;
        let (elsewhere, _) = common::citizen(&app, 5).await;
        let officer = common::officer(&app, "ecitizen", 1).await;
        let organisation = approved(
            &app,
            &admin,
            &officer,
            by_pin("insurer", "P011223344K", "Bima Bora Insurance"),
        )
        .await;
        let other_org = approved(
            &app,
            &elsewhere,
            &officer,
            by_pin("company", "P099887766Z", "Kilele Traders Ltd"),
        )
        .await;

        // Only people with an account can be invited; the answer says so at the field.
        let r = invite(
            &app,
            &admin,
            &organisation,
            json!({"identified_by": "id_number", "id_number": "39999999", "role": "agent"}),
        )
        .await;
        assert_eq!(
            problems(r).await,
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec![("id_number".to_string(), "no_account".to_string())]
            )
        );
        let r = invite(
            &app,
            &admin,
            &organisation,
            json!({"identified_by": "email", "email": "nobody@example.co.ke", "role": "agent"}),
        )
        .await;
        assert_eq!(
            problems(r).await,
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                vec![("email".to_string(), "no_account".to_string())]
            )
        );
        let r = invite(
            &app,
            &admin,
            &organisation,
            json!({"identified_by": "email", "email": "not-an-email", "role": "agent"}),
        )
        .await;
        assert_eq!(problems(r).await.1[0].0, "email");

        // A second invitation of the same person replaces the first.
        let r = invite(
            &app,
            &admin,
            &organisation,
            by_id_number(2, "administrator"),
        )
        .await;
        assert_eq!(
            r.status(),
            StatusCode::CREATED,
            "{}",
            r.text().await.unwrap()
        );
        let first: Invitation = r.json().await.unwrap();
        let r = invite(&app, &admin, &organisation, by_id_number(2, "agent")).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let second: Invitation = r.json().await.unwrap();
        assert_eq!(
            (
                second.status,
                second.role,
                second.organisation_kind,
                second.organisation_name.as_str(),
                second.invited_by_name.as_str()
            ),
            (
                InvitationStatus::Pending,
                OrganisationRole::Agent,
                OrganisationKind::Insurer,
                "Bima Bora Insurance",
                "Njeri Karanja"
            )
        );
        let pending = invitations(&app, &agent).await;
        assert_eq!(
            pending.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            [second.id.as_str()]
        );
        let sms = messages_to(&app, &agent_phone).await;
        assert!(
            sms.iter()
                .any(|m| m.contains("Bima Bora Insurance") && m.contains("amekualika")),
            "{sms:?}"
        );
        assert_eq!(
            code_of(answer(&app, &agent, &first.id, "accept").await)
                .await
                .1,
            "already_answered"
        );

        // Only the invitee answers; then it is answered for good.
        assert_eq!(
            answer(&app, &stranger, &second.id, "accept").await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            answer(&app, &admin, &second.id, "decline").await.status(),
            StatusCode::NOT_FOUND
        );
        let r = answer(&app, &agent, &second.id, "accept").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        assert_eq!(
            r.json::<Invitation>().await.unwrap().status,
            InvitationStatus::Accepted
        );
        assert_eq!(
            code_of(answer(&app, &agent, &second.id, "decline").await).await,
            (StatusCode::CONFLICT, "already_answered".to_string())
        );
        let theirs = mine(&app, &agent).await;
        assert_eq!(theirs.items.len(), 1);
        assert_eq!(theirs.items[0].my_role, OrganisationRole::Agent);
        assert!(invitations(&app, &agent).await.is_empty());
        assert_eq!(
            code_of(invite(&app, &admin, &organisation, by_id_number(2, "agent")).await).await,
            (StatusCode::CONFLICT, "already_a_member".to_string())
        );

        // By email, in any case; declining leaves them out.
        let r = invite(&app, &admin, &organisation, json!({"identified_by": "email", "email": "Applicant.3@Example.co.ke", "role": "agent"})).await;
        assert_eq!(
            r.status(),
            StatusCode::CREATED,
            "{}",
            r.text().await.unwrap()
        );
        let sent: Invitation = r.json().await.unwrap();
        assert_eq!(invitations(&app, &by_email).await.len(), 1);
        let r = answer(&app, &by_email, &sent.id, "decline").await;
        assert_eq!(
            r.json::<Invitation>().await.unwrap().status,
            InvitationStatus::Declined
        );
        assert!(mine(&app, &by_email).await.items.is_empty());
        assert_eq!(
            detail(&app, &by_email, &organisation).await.status(),
            StatusCode::NOT_FOUND
        );

        // Administrators see the members (never a whole ID number) and pending invitations; agents do not.
        let r = invite(&app, &admin, &organisation, by_id_number(3, "agent")).await;
        let pending: Invitation = r.json().await.unwrap();
        let r = detail(&app, &admin, &organisation).await;
        let text = r.text().await.unwrap();
        assert!(
            !text.contains("31000002") && !text.contains("31000001"),
            "{text}"
        );
        let seen: OrganisationDetail = serde_json::from_str(&text).unwrap();
        let roles: Vec<(OrganisationRole, Option<&str>)> = seen
            .members
            .iter()
            .map(|m| (m.role, m.id_number_last4.as_deref()))
            .collect();
        assert_eq!(
            roles,
            [
                (OrganisationRole::Administrator, Some("0001")),
                (OrganisationRole::Agent, Some("0002"))
            ]
        );
        assert_eq!(
            seen.invitations
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>(),
            [pending.id.as_str()]
        );
        let seen: OrganisationDetail = detail(&app, &agent, &organisation)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(seen.organisation.my_role, OrganisationRole::Agent);
        assert!(seen.members.is_empty() && seen.invitations.is_empty());

        // An agent cannot invite, withdraw, change roles or remove anyone.
        let admin_id = user_id(&app, &phone_of(1)).await;
        let agent_id = user_id(&app, &agent_phone).await;
        for r in [
            invite(&app, &agent, &organisation, by_id_number(4, "agent")).await,
            agent
                .delete(app.url(&format!(
                    "/api/organisations/{organisation}/invitations/{}",
                    pending.id
                )))
                .send()
                .await
                .unwrap(),
            set_role(&app, &agent, &organisation, &agent_id, "administrator").await,
            remove(&app, &agent, &organisation, &admin_id).await,
        ] {
            assert_eq!(
                code_of(r).await,
                (StatusCode::FORBIDDEN, "administrators_only".to_string())
            );
        }

        // Withdrawn, the invitation can no longer be accepted.
        let r = admin
            .delete(app.url(&format!(
                "/api/organisations/{organisation}/invitations/{}",
                pending.id
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        assert!(invitations(&app, &by_email).await.is_empty());
        assert_eq!(
            code_of(answer(&app, &by_email, &pending.id, "accept").await)
                .await
                .1,
            "already_answered"
        );

        // Another organisation's administrator, and anyone else, gets a 404 for all of it.
        for client in [&elsewhere, &stranger] {
            assert_eq!(
                detail(&app, client, &organisation).await.status(),
                StatusCode::NOT_FOUND
            );
            assert_eq!(
                invite(&app, client, &organisation, by_id_number(4, "agent"))
                    .await
                    .status(),
                StatusCode::NOT_FOUND
            );
            assert_eq!(
                set_role(&app, client, &organisation, &agent_id, "administrator")
                    .await
                    .status(),
                StatusCode::NOT_FOUND
            );
            assert_eq!(
                remove(&app, client, &organisation, &agent_id)
                    .await
                    .status(),
                StatusCode::NOT_FOUND
            );
        }
        // …nor does being an administrator of one reach into another.
        assert_eq!(
            remove(&app, &admin, &other_org, &user_id(&app, &phone_of(5)).await)
                .await
                .status(),
            StatusCode::NOT_FOUND
        );

        // Who invited whom is in the audit trail, with the organisation; the ID number is not.
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT actor_id, subject_id, detail FROM audit_log WHERE action = 'organisation_invitation_sent' ORDER BY at, id",
        )
        .fetch_all(&db(&app).await.pool)
        .await
        .unwrap();
        assert!(
            rows.iter()
                .any(|(actor, subject, detail)| *actor == admin_id
                    && *subject == agent_id
                    && detail.contains(&organisation))
        );
        assert!(
            rows.iter()
                .all(|(_, _, detail)| !detail.contains("3100000"))
        );
    }
}

#[tokio::test]
async fn removal_takes_effect_at_once_and_an_organisation_keeps_an_administrator() {
    for app in common::apps().await {
        let (admin, admin_phone) = common::citizen(&app, 1).await;
        let (second, second_phone) = common::citizen(&app, 2).await;
        let (agent, agent_phone) = common::citizen(&app, 3).await;
        let officer = common::officer(&app, "ecitizen", 1).await;
        let organisation = approved(
            &app,
            &admin,
            &officer,
            by_pin("financial_institution", "P000604761H", "Benki ya Tausi"),
        )
        .await;
        let admin_id = user_id(&app, &admin_phone).await;
        let second_id = user_id(&app, &second_phone).await;
        let agent_id = user_id(&app, &agent_phone).await;

        // The only administrator can neither step down nor leave.
        assert_eq!(
            code_of(set_role(&app, &admin, &organisation, &admin_id, "agent").await).await,
            (StatusCode::CONFLICT, "last_administrator".to_string())
        );
        assert_eq!(
            code_of(remove(&app, &admin, &organisation, &admin_id).await).await,
            (StatusCode::CONFLICT, "last_administrator".to_string())
        );

        add_member(&app, &admin, &organisation, 2, &second, "agent").await;
        add_member(&app, &admin, &organisation, 3, &agent, "agent").await;
        let r = set_role(&app, &admin, &organisation, &second_id, "administrator").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        assert_eq!(
            r.json::<Member>().await.unwrap().role,
            OrganisationRole::Administrator
        );
        assert_eq!(
            set_role(&app, &admin, &organisation, "no-such-user", "agent")
                .await
                .status(),
            StatusCode::NOT_FOUND
        );

        // The agent is removed, and loses the organisation with the very next request of the same session.
        assert_eq!(
            detail(&app, &agent, &organisation).await.status(),
            StatusCode::OK
        );
        let r = remove(&app, &second, &organisation, &agent_id).await;
        assert_eq!(
            r.status(),
            StatusCode::NO_CONTENT,
            "{}",
            r.text().await.unwrap()
        );
        assert_eq!(
            detail(&app, &agent, &organisation).await.status(),
            StatusCode::NOT_FOUND
        );
        assert!(mine(&app, &agent).await.items.is_empty());
        assert_eq!(
            remove(&app, &agent, &organisation, &agent_id)
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        let sms = messages_to(&app, &agent_phone).await;
        assert!(
            sms.iter()
                .any(|m| m.contains("no longer act for Benki ya Tausi")
                    && m.contains("huwakilishi tena")),
            "{sms:?}"
        );
        let removed: (String, String, String) = sqlx::query_as(
            "SELECT actor_id, subject_id, detail FROM audit_log WHERE action = 'organisation_member_removed'",
        )
        .fetch_one(&db(&app).await.pool)
        .await
        .unwrap();
        assert_eq!(
            (removed.0.as_str(), removed.1.as_str()),
            (second_id.as_str(), agent_id.as_str())
        );
        assert!(removed.2.contains(&organisation));

        // Invited again, a removed member comes back with the new role.
        add_member(&app, &second, &organisation, 3, &agent, "administrator").await;
        let theirs = mine(&app, &agent).await;
        assert_eq!(theirs.items[0].my_role, OrganisationRole::Administrator);

        // With other administrators, the first may step down and leave; a member may always leave.
        let r = set_role(&app, &admin, &organisation, &admin_id, "agent").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        assert_eq!(
            remove(&app, &admin, &organisation, &admin_id)
                .await
                .status(),
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            detail(&app, &admin, &organisation).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            remove(&app, &agent, &organisation, &agent_id)
                .await
                .status(),
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            code_of(remove(&app, &second, &organisation, &second_id).await).await,
            (StatusCode::CONFLICT, "last_administrator".to_string())
        );
        let seen: OrganisationDetail = detail(&app, &second, &organisation)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            seen.members
                .iter()
                .map(|m| m.user_id.as_str())
                .collect::<Vec<_>>(),
            [second_id.as_str()]
        );
        let left: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'organisation_left' AND actor_id = subject_id",
        )
        .fetch_one(&db(&app).await.pool)
        .await
        .unwrap();
        assert_eq!(left, 2);
    }
}

/// What the acting-as checks ask on every request: a current member's role, and nothing once removed.
#[tokio::test]
async fn current_membership_answers_for_current_members_only() {
    use njia_server::organisations::{Membership, current_membership};
    for app in common::apps().await {
        let (admin, _) = common::citizen(&app, 1).await;
        let (agent, agent_phone) = common::citizen(&app, 2).await;
        let (_, stranger_phone) = common::citizen(&app, 3).await;
        let officer = common::officer(&app, "ecitizen", 1).await;
        let organisation = approved(
            &app,
            &admin,
            &officer,
            by_pin("motor_dealer", "P022446688Q", "Pwani Autos Ltd"),
        )
        .await;
        add_member(&app, &admin, &organisation, 2, &agent, "agent").await;
        let agent_id = user_id(&app, &agent_phone).await;
        let stranger_id = user_id(&app, &stranger_phone).await;
        let pool = db(&app).await.pool;
        let mut conn = pool.acquire().await.unwrap();
        assert_eq!(
            current_membership(&mut conn, &organisation, &agent_id)
                .await
                .unwrap(),
            Some(Membership {
                organisation_id: organisation.clone(),
                name: "Pwani Autos Ltd".into(),
                kind: OrganisationKind::MotorDealer,
                role: OrganisationRole::Agent,
            }),
            "{}",
            app.engine
        );
        assert_eq!(
            current_membership(&mut conn, &organisation, &stranger_id)
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            current_membership(&mut conn, "no-such-organisation", &agent_id)
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            remove(&app, &agent, &organisation, &agent_id)
                .await
                .status(),
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            current_membership(&mut conn, &organisation, &agent_id)
                .await
                .unwrap(),
            None
        );
    }
}

/// The demo's organisations come once however often the demo is loaded, with their members' roles.
#[tokio::test]
async fn loading_the_demo_twice_gives_each_organisation_once() {
    use njia_server::demo::{KCB_ID, MWANGAZA_MOTORS_ID};
    for app in common::apps().await {
        let db = db(&app).await;
        let now = app.clock_now();
        njia_server::demo::load(&db, now).await.unwrap();
        njia_server::demo::load(&db, now + 86_400_000)
            .await
            .unwrap();
        let members: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT o.id, o.kra_pin, u.email_key, m.role FROM organisations o \
             JOIN organisation_members m ON m.organisation_id = o.id JOIN users u ON u.id = m.user_id \
             WHERE m.removed_at IS NULL ORDER BY o.name",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap();
        let expected = [
            (KCB_ID, "P000604761H", "wanjiku.kamau@demo.njia.ke", "agent"),
            (
                MWANGAZA_MOTORS_ID,
                "P051365947M",
                "otieno.odhiambo@demo.njia.ke",
                "administrator",
            ),
        ];
        assert_eq!(
            members
                .iter()
                .map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), d.as_str()))
                .collect::<Vec<_>>(),
            expected,
            "{}",
            app.engine
        );
        let officers: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE agency_id = 'ecitizen' AND role = 'officer'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(officers, 1);
    }
}
