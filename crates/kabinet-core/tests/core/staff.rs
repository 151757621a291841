//! Staff mode against a real encrypted database: sign-in with password and TOTP, lockout, the
//! separation of citizen and staff sessions, the supervisor-only transports, and the audit chain
//! that finds rows edited or deleted behind the app's back.

use crate::common::*;
use crate::servers;
use kabinet_core::notifications::types::{SmsTransport, TransportTestRequest, TransportUpdate};
use kabinet_core::outbox::Channel;
use kabinet_core::staff::types::{AuditBreak, NewStaff, StaffCreated, StaffRole, StaffSignInRequest};
use kabinet_core::{ErrorCode, Field, Kabinet};
use time::Duration;

const STAFF_PASSWORD: &str = "Vx7#kQ2!mTz";
const TEMPLATE: &str = r#"{"to": "{to}", "text": "{text}", "id": "{key}"}"#;

async fn add(k: &Kabinet, login: &str, role: &str) -> StaffCreated {
    let new = NewStaff {
        login: login.into(),
        full_name: "Петрова Анна Сергеевна".into(),
        role: role.into(),
        password: STAFF_PASSWORD.into(),
    };
    machine(k).team().add(new).await.unwrap()
}

fn now(f: &Fixture) -> i64 {
    f.clock.now().unix_timestamp()
}

fn request(login: &str, password: &str, code: &str) -> StaffSignInRequest {
    StaffSignInRequest { login: login.into(), password: password.into(), code: code.into() }
}

async fn sign_in(f: &Fixture, created: &StaffCreated) {
    let code = totp_code(&created.secret, now(f));
    f.client().staff().sign_in(request(&created.login, STAFF_PASSWORD, &code)).await.unwrap();
}

/// A plain connection to the database (the file with the key from the keyring, or the
/// PostgreSQL database), as an intruder with the key or the database password would open it.
async fn raw(f: &Fixture) -> kabinet_core::db::Pool {
    raw_pool(f.dir.path()).await
}

#[tokio::test]
async fn a_supervisor_signs_in_with_password_and_a_current_code_used_once() {
    let f = fixture().await;
    let created = add(&f.kabinet, " A.Petrova ", "supervisor").await;
    assert_eq!((created.login.as_str(), created.role), ("a.petrova", StaffRole::Supervisor));
    assert!(created.otpauth_uri.starts_with("otpauth://totp/Kabinet:a.petrova?secret="));
    let code = totp_code(&created.secret, now(&f));
    let staff = f.client().staff();
    let view = staff.sign_in(request("A.PETROVA", STAFF_PASSWORD, &code)).await.unwrap();
    assert_eq!((view.full_name.as_str(), view.role), ("Петрова Анна Сергеевна", StaffRole::Supervisor));
    assert_eq!(view.started_at, "2026-11-25T09:00:00Z");
    assert_eq!(staff.current().await.unwrap().unwrap().login, "a.petrova");
    staff.sign_out().await.unwrap();
    assert!(staff.current().await.unwrap().is_none());

    let replay = staff.sign_in(request("a.petrova", STAFF_PASSWORD, &code)).await.unwrap_err();
    assert_eq!(replay.code, ErrorCode::InvalidCredentials, "a code's step signs in once");
    f.clock.advance(Duration::seconds(30));
    sign_in(&f, &created).await;
    f.clock.advance(Duration::seconds(30));
    sign_in(&f, &created).await;
    let live: i64 =
        kabinet_core::db::query_scalar("SELECT count(*) FROM staff_sessions WHERE ended_at IS NULL")
            .fetch_one(&mut raw(&f).await)
            .await
            .unwrap();
    assert_eq!(live, 1, "a new sign-in ends the one before");
}

#[tokio::test]
async fn a_wrong_code_is_refused_like_a_wrong_password_and_the_third_failure_locks() {
    let f = fixture().await;
    let created = add(&f.kabinet, "a.petrova", "supervisor").await;
    let staff = f.client().staff();
    let right = totp_code(&created.secret, now(&f));
    let wrong_code = if right == "000000" { "111111" } else { "000000" };
    let first = staff.sign_in(request("a.petrova", STAFF_PASSWORD, wrong_code)).await.unwrap_err();
    assert_eq!(first.code, ErrorCode::InvalidCredentials);
    assert_eq!(first.message, "Неверный логин, пароль или код");
    let second = staff.sign_in(request("a.petrova", "Wrong#Pass9x", &right)).await.unwrap_err();
    assert_eq!(second.message, first.message, "the answer never says which part was wrong");
    let third = staff.sign_in(request("a.petrova", STAFF_PASSWORD, wrong_code)).await.unwrap_err();
    assert_eq!(third.code, ErrorCode::Locked);
    assert_eq!(third.details.retry_at.as_deref(), Some("2026-11-25T09:15:00Z"));
    let during = staff.sign_in(request("a.petrova", STAFF_PASSWORD, &right)).await.unwrap_err();
    assert_eq!(during.code, ErrorCode::Locked, "right answers are refused unchecked while locked");
    assert_eq!(
        machine(&f.kabinet).team().list().await.unwrap()[0].locked_until.as_deref(),
        Some("2026-11-25T09:15:00Z")
    );
    f.clock.advance(Duration::minutes(15));
    sign_in(&f, &created).await;
    assert!(machine(&f.kabinet).team().list().await.unwrap()[0].locked_until.is_none());
}

#[tokio::test]
async fn form_errors_name_each_field_and_cost_no_attempt() {
    let f = fixture().await;
    let created = add(&f.kabinet, "a.petrova", "supervisor").await;
    for _ in 0..3 {
        let error = f.client().staff().sign_in(request("1", " ", "12 34 5")).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::Validation);
        let fields: Vec<Field> = error.fields.iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Login, Field::Password, Field::TotpCode]);
    }
    sign_in(&f, &created).await;
}

#[tokio::test]
async fn unknown_and_disabled_logins_read_like_wrong_passwords_and_sessions_end() {
    let f = fixture().await;
    let created = add(&f.kabinet, "a.petrova", "supervisor").await;
    let code = totp_code(&created.secret, now(&f));
    let unknown = f.client().staff().sign_in(request("nobody", STAFF_PASSWORD, &code)).await.unwrap_err();
    assert_eq!(unknown.code, ErrorCode::InvalidCredentials);
    sign_in(&f, &created).await;
    let disabled = machine(&f.kabinet)
        .team()
        .disable(kabinet_core::staff::types::StaffLogin { login: "a.petrova".into() })
        .await
        .unwrap();
    assert!(disabled.disabled_at.is_some());
    assert_eq!(f.client().staff().transports().await.unwrap_err().code, ErrorCode::StaffNotSignedIn);
    f.clock.advance(Duration::seconds(30));
    let code = totp_code(&created.secret, now(&f));
    let again = f.client().staff().sign_in(request("a.petrova", STAFF_PASSWORD, &code)).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::InvalidCredentials);
}

#[tokio::test]
async fn a_citizen_session_and_a_staff_session_never_grant_each_others_calls() {
    let f = fixture().await;
    let k = f.client();
    register(&k, "+79161234571").await;
    k.session().sign_in(sign_in_request("+79161234571", PASSWORD)).await.unwrap();
    assert!(k.notifications().settings().await.is_ok());
    assert!(k.staff().current().await.unwrap().is_none());
    assert_eq!(k.staff().transports().await.unwrap_err().code, ErrorCode::StaffNotSignedIn);
    let test = TransportTestRequest { channel: Channel::Sms, to: "+79160001122".into() };
    assert_eq!(k.staff().send_test(test).await.unwrap_err().code, ErrorCode::StaffNotSignedIn);

    k.session().sign_out().await.unwrap();
    let created = add(&f.kabinet, "a.petrova", "supervisor").await;
    sign_in(&f, &created).await;
    assert!(k.staff().transports().await.is_ok());
    assert!(k.session().current().await.unwrap().is_none());
    assert_eq!(k.notifications().settings().await.unwrap_err().code, ErrorCode::NotSignedIn);
    assert_eq!(k.profile().get().await.unwrap_err().code, ErrorCode::NotSignedIn);
    k.staff().sign_out().await.unwrap();
    assert_eq!(k.staff().transports().await.unwrap_err().code, ErrorCode::StaffNotSignedIn);
}

#[tokio::test]
async fn an_operator_may_not_touch_the_transports_and_the_attempt_is_recorded() {
    let f = fixture().await;
    let created = add(&f.kabinet, "operator1", "operator").await;
    sign_in(&f, &created).await;
    assert_eq!(f.client().staff().transports().await.unwrap_err().code, ErrorCode::Forbidden);
    let actions: Vec<(String, String)> =
        kabinet_core::db::query_as("SELECT action, target FROM staff_audit ORDER BY seq")
            .fetch_all(&mut raw(&f).await)
            .await
            .unwrap();
    let last = actions.last().unwrap();
    // The refusal names the command as the table declares it.
    let command =
        kabinet_core::api::COMMANDS.iter().find(|c| c.group == "staff" && c.method == "transports").unwrap();
    assert_eq!((last.0.as_str(), last.1.as_str()), ("forbidden", command.name));
}

#[tokio::test]
async fn a_staff_session_ends_after_fifteen_idle_minutes() {
    let f = fixture().await;
    let created = add(&f.kabinet, "a.petrova", "supervisor").await;
    sign_in(&f, &created).await;
    f.clock.advance(Duration::minutes(15));
    assert!(f.client().staff().transports().await.is_ok(), "15 minutes idle is still allowed");
    f.clock.advance(Duration::minutes(15) + Duration::seconds(1));
    assert_eq!(f.client().staff().transports().await.unwrap_err().code, ErrorCode::StaffNotSignedIn);
    assert!(f.client().staff().current().await.unwrap().is_none());
}

#[tokio::test]
async fn a_supervisor_sets_the_gateway_keeps_the_token_secret_and_sends_a_test() {
    let f = fixture().await;
    let created = add(&f.kabinet, "a.petrova", "supervisor").await;
    sign_in(&f, &created).await;
    let staff = f.client().staff();
    let mut settings = staff.transports().await.unwrap().settings;
    assert!(matches!(settings.sms, SmsTransport::Local));

    settings.sms =
        SmsTransport::Http { url: "http://sms.example.ru/send".into(), body_template: "{}".into() };
    let update = TransportUpdate { settings: settings.clone(), smtp_password: None, sms_token: None };
    let refused = staff.save_transports(update).await.unwrap_err();
    let fields: Vec<Field> = refused.fields.iter().map(|e| e.field).collect();
    assert_eq!(fields, [Field::GatewayUrl, Field::BodyTemplate]);

    let gateway = servers::Gateway::start(0).await;
    settings.sms = SmsTransport::Http { url: gateway.url(), body_template: TEMPLATE.into() };
    let update = TransportUpdate { settings, smtp_password: None, sms_token: Some("gw-s3cret".into()) };
    let view = staff.save_transports(update).await.unwrap();
    assert!(view.sms_token_set && !view.smtp_password_set && !view.demo);
    assert!(!serde_json::to_string(&view).unwrap().contains("gw-s3cret"), "the token never comes back");

    let result = staff
        .send_test(TransportTestRequest { channel: Channel::Sms, to: "8 916 000-11-22".into() })
        .await
        .unwrap();
    assert!(result.ok, "{:?}", result.error);
    assert_eq!((result.transport.as_str(), result.destination.as_str()), ("http", "+79160001122"));
    let requests = gateway.requests();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].header("idempotency-key").is_some());
    assert_eq!(requests[0].header("authorization"), Some("Bearer gw-s3cret"));

    let rows: Vec<(String, Option<i64>, String)> = kabinet_core::db::query_as(
        "SELECT action, staff_id, details FROM staff_audit WHERE actor = 'staff' ORDER BY seq",
    )
    .fetch_all(&mut raw(&f).await)
    .await
    .unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        actions,
        ["signed_in", "transports_viewed", "transports_saved", "transports_saved", "transport_tested"]
    );
    assert!(rows.iter().all(|r| r.1.is_some()));
    assert!(rows[2].2.contains(r#""outcome":"validation""#), "{}", rows[2].2);
    assert!(rows[3].2.contains(r#""sms_token":"set""#) && !rows[3].2.contains("gw-s3cret"));
    assert!(rows[4].2.contains(r#""to":"+7916***1122""#), "{}", rows[4].2);
    assert!(f.kabinet.admin("test").verify_audit(None).await.unwrap().ok);
}

#[tokio::test]
async fn the_audit_chain_finds_an_edited_row_a_deleted_row_and_a_cut_tail() {
    let f = fixture().await;
    let created = add(&f.kabinet, "a.petrova", "supervisor").await;
    for _ in 0..3 {
        sign_in(&f, &created).await;
        f.client().staff().sign_out().await.unwrap();
        f.clock.advance(Duration::seconds(30));
    }
    let admin = f.kabinet.admin("test");
    let intact = admin.verify_audit(None).await.unwrap();
    assert!(intact.ok && intact.broken_at.is_none());
    assert_eq!((intact.rows, intact.head_seq), (7, 7));
    assert_eq!(intact.head_hash.len(), 64);

    let db = raw(&f).await;
    let refused =
        kabinet_core::db::query("UPDATE staff_audit SET target = 'x' WHERE seq = 3").execute(&db).await;
    assert!(refused.unwrap_err().to_string().contains("append-only"));
    assert!(kabinet_core::db::query("DELETE FROM staff_audit WHERE seq = 3").execute(&db).await.is_err());

    for trigger in ["staff_audit_no_update", "staff_audit_no_delete"] {
        kabinet_core::db::query(drop_trigger(trigger, "staff_audit")).execute(&db).await.unwrap();
    }
    let head = (intact.head_seq, intact.head_hash.as_str());
    kabinet_core::db::query("DELETE FROM staff_audit WHERE seq = 7").execute(&db).await.unwrap();
    let cut = admin.verify_audit(None).await.unwrap();
    assert!(cut.ok, "a cut tail alone leaves a valid shorter chain");
    let against_head = admin.verify_audit(Some(head)).await.unwrap();
    assert_eq!((against_head.ok, against_head.reason), (false, Some(AuditBreak::HeadMismatch)));

    kabinet_core::db::query("UPDATE staff_audit SET details = '{\"reason\":\"x\"}' WHERE seq = 4")
        .execute(&db)
        .await
        .unwrap();
    let edited = admin.verify_audit(None).await.unwrap();
    assert_eq!((edited.ok, edited.broken_at, edited.reason), (false, Some(4), Some(AuditBreak::Changed)));

    kabinet_core::db::query("DELETE FROM staff_audit WHERE seq = 2").execute(&db).await.unwrap();
    let deleted = admin.verify_audit(None).await.unwrap();
    assert_eq!((deleted.broken_at, deleted.reason), (Some(3), Some(AuditBreak::Missing)));

    // Renumbered in two steps: PostgreSQL checks the key row by row, in no promised order.
    kabinet_core::db::query("UPDATE staff_audit SET seq = 1 - seq WHERE seq > 2").execute(&db).await.unwrap();
    kabinet_core::db::query("UPDATE staff_audit SET seq = -seq WHERE seq < 0").execute(&db).await.unwrap();
    let renumbered = admin.verify_audit(None).await.unwrap();
    assert_eq!((renumbered.broken_at, renumbered.reason), (Some(2), Some(AuditBreak::Unlinked)));
}

#[tokio::test]
async fn staff_accounts_are_checked_and_logins_unique() {
    let f = fixture().await;
    add(&f.kabinet, "a.petrova", "supervisor").await;
    let twice = NewStaff {
        login: "A.Petrova".into(),
        full_name: "Иванов Иван".into(),
        role: "operator".into(),
        password: STAFF_PASSWORD.into(),
    };
    let taken = machine(&f.kabinet).team().add(twice).await.unwrap_err();
    assert_eq!(
        (taken.fields[0].field, taken.fields[0].code),
        (Field::Login, kabinet_core::validate::Invalid::LoginTaken)
    );
    let weak = NewStaff {
        login: "i.ivanov".into(),
        full_name: "Иванов Иван".into(),
        role: "operator".into(),
        password: "Ivanov#2024x".into(),
    };
    let refused = machine(&f.kabinet).team().add(weak).await.unwrap_err();
    assert_eq!(refused.fields[0].code, kabinet_core::validate::Invalid::PasswordContainsName);
    let listed = machine(&f.kabinet).team().list().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].full_name, "Петрова Анна Сергеевна");
}
