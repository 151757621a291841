//! Several server processes on one database, as behind a load balancer: a citizen at home and an
//! operator at a service centre on the same account through different processes; the per-address
//! limit and the sign-in lockout counted once across processes.

use kabinet_core::contract::{
    ProfileUpdate, RecoveryCompleteRequest, RecoveryStartRequest, RecoveryVerifyRequest,
};
use kabinet_core::{Caller, Kabinet};
use serde_json::json;

use crate::common::*;

const PHONE: &str = "+79161112233";
const FRESH: &str = "Нов0е#Слово9";

/// What happened before today, done by a Кабинет of the test's own on the same database with a
/// clock 20 minutes behind (so the one-minute cooldowns between codes to one phone are long over
/// when the server, on the real clock, sends the next): Анна registered, saved her passport,
/// reported «Это был не я» and chose a new password.
async fn anna_reported_not_me(db: &Db) {
    let (before, clock) = kabinet_in_the_past(db, time::Duration::minutes(20)).await;
    register_directly(&before, PHONE).await;
    let caller = Caller::new();
    let k = before.client(&caller);
    let sign_in =
        serde_json::from_value(json!({"identifier": PHONE, "password": PASSWORD, "remember_me": false}))
            .unwrap();
    k.session().sign_in(sign_in).await.unwrap();
    clock.advance(time::Duration::seconds(61));
    k.profile().send_save_code().await.unwrap();
    let update = ProfileUpdate {
        surname: "Ёлкина-Соколова".into(),
        given_name: "Анна".into(),
        patronymic: Some("Сергеевна".into()),
        birth_date: "05.03.1990".into(),
        gender: "Ж".into(),
        snils: Some("112-233-445 95".into()),
        inn: Some("500100732259".into()),
        passport_number: Some("45 08 123456".into()),
        passport_issue_date: Some("12.04.2010".into()),
        passport_issued_by: Some("ОВД района Хамовники г. Москвы".into()),
        division_code: Some("770-001".into()),
        address: None,
        code: last_code(&before).await.into(),
    };
    k.profile().save(update).await.unwrap();
    k.security().not_me().await.unwrap();
    clock.advance(time::Duration::seconds(61));
    k.recovery().start(RecoveryStartRequest { identifier: PHONE.into() }).await.unwrap();
    let verify = RecoveryVerifyRequest { identifier: PHONE.into(), code: last_code(&before).await.into() };
    let ticket = k.recovery().verify(verify).await.unwrap().ticket;
    let complete = RecoveryCompleteRequest { ticket, password: FRESH.into(), password_repeat: FRESH.into() };
    k.recovery().complete(complete).await.unwrap();
    before.close().await;
}

async fn last_code(kabinet: &Kabinet) -> String {
    let message = kabinet.outbox().last_for(PHONE).await.unwrap().unwrap();
    message.body.chars().filter(char::is_ascii_digit).take(6).collect()
}

#[tokio::test]
async fn a_flagged_closure_request_is_decided_at_a_desk_and_the_citizen_sees_the_decision() {
    let db = database().await;
    anna_reported_not_me(&db).await;
    let home = start(&db, &[]).await;
    let centre = start(&db, &[]).await;
    let citizen = Api::new(&home);
    let desk = Api { device: "Окно 3", ..Api::new(&centre) };

    // At home: the request, flagged because of the «Это был не я» report.
    let request = json!({"request": {"identifier": PHONE, "password": FRESH, "remember_me": false}});
    let signed = citizen.call("session_sign_in", None, request).await;
    assert_eq!(signed.status, 200, "{signed:?}");
    let token = signed.token.unwrap();
    let prechecks = citizen.call("closure_prechecks", Some(&token), json!({})).await;
    assert_eq!(prechecks.status, 200, "{prechecks:?}");
    let sent = citizen.call("closure_send_code", Some(&token), json!({})).await;
    assert_eq!(sent.status, 200, "{sent:?}");
    let form = json!({"form": {"reason": "not_needed", "password": FRESH, "code": db.code_for(PHONE).await, "consent": true}});
    let submitted = citizen.call("closure_submit", Some(&token), form).await;
    assert_eq!(submitted.status, 200, "{submitted:?}");
    assert_eq!(submitted.body["request"]["status"], "review", "{submitted:?}");
    let number = submitted.body["request"]["number"].as_str().unwrap().to_owned();

    // At the service centre, through another server process: the queue, the decision.
    let operator = desk.staff_desk(&db, "o.petrova", "operator").await;
    let queue = desk.call("queue_closures", Some(&operator), json!({})).await;
    assert_eq!(queue.status, 200, "{queue:?}");
    assert_eq!(queue.body.as_array().map(Vec::len), Some(1), "{queue:?}");
    assert_eq!(queue.body[0]["flags"], json!(["security_incident"]));
    let decision = json!({"decision": {"number": number, "approve": true}});
    let decided = desk.call("queue_decide", Some(&operator), decision.clone()).await;
    assert_eq!((decided.status, decided.body["status"].as_str()), (200, Some("closed")), "{decided:?}");
    let twice = desk.call("queue_decide", Some(&operator), decision).await;
    assert_eq!((twice.status, twice.code()), (409, "wrong_state"), "decided once");

    // At home again: the session is over and the sign-in says the account is closed.
    let after = citizen.call("closure_status", Some(&token), json!({})).await;
    assert_eq!((after.status, after.code()), (401, "not_signed_in"), "{after:?}");
    let request = json!({"request": {"identifier": PHONE, "password": FRESH, "remember_me": false}});
    let closed = citizen.call("session_sign_in", None, request).await;
    assert_eq!(closed.code(), "account_closed", "{closed:?}");
    assert!(closed.body["message"].as_str().unwrap().starts_with("Кабинет закрыт"), "{closed:?}");
}

#[tokio::test]
async fn the_address_limit_is_one_count_across_processes() {
    let db = database().await;
    let limit = [("KABINET_REQUESTS_PER_MINUTE", "10".to_owned())];
    let (a, b) = (start(&db, &limit).await, start(&db, &limit).await);
    // All 16 requests in one minute: wait out the end of this one if it is near.
    let second = time::OffsetDateTime::now_utc().second();
    if second > 45 {
        tokio::time::sleep(std::time::Duration::from_secs(u64::from(61 - second))).await;
    }
    let (a, b) = (Api::new(&a), Api::new(&b));
    let calls = (0..16).map(|i| {
        let api = if i % 2 == 0 { a.clone() } else { b.clone() };
        async move { api.call("applications_catalogue", None, json!({})).await }
    });
    let replies = futures_join(calls).await;
    let served = replies.iter().filter(|r| r.status == 200).count();
    let limited: Vec<_> = replies.iter().filter(|r| r.status == 429).collect();
    assert_eq!((served, limited.len()), (10, 6), "{replies:?}");
    assert!(
        limited.iter().all(|r| r.code() == "too_many_requests" && r.body["details"]["retry_at"].is_string())
    );
    let (_, metrics_a) = a.get("/metrics").await;
    let (_, metrics_b) = b.get("/metrics").await;
    let count = |text: &str| -> u64 {
        text.lines().find_map(|l| l.strip_prefix("kabinet_requests_limited_total ")).unwrap().parse().unwrap()
    };
    assert_eq!(count(&metrics_a) + count(&metrics_b), 6);
}

#[tokio::test]
async fn wrong_passwords_through_two_processes_lock_the_account_once() {
    let db = database().await;
    let (a, b) = (start(&db, &[]).await, start(&db, &[]).await);
    let (a, b) = (Api::new(&a), Api::new(&b));
    a.register(&db, PHONE).await;
    let calls = (0..40).map(|i| {
        let api = if i % 2 == 0 { a.clone() } else { b.clone() };
        async move {
            let request = json!({"request": {"identifier": PHONE, "password": "Неверный#Пароль1", "remember_me": false}});
            api.call("session_sign_in", None, request).await
        }
    });
    let replies = futures_join(calls).await;
    let invalid = replies.iter().filter(|r| r.code() == "invalid_credentials").count();
    let locked = replies.iter().filter(|r| r.code() == "locked").count();
    assert_eq!((invalid, locked), (2, 38), "{replies:?}");
    let right = json!({"request": {"identifier": PHONE, "password": PASSWORD, "remember_me": false}});
    let still = b.call("session_sign_in", None, right).await;
    assert_eq!((still.status, still.code()), (429, "locked"), "the right password waits for the lock too");
}

/// Runs the futures at once and gathers their answers in order.
async fn futures_join<F: std::future::Future<Output = Reply> + Send + 'static>(
    calls: impl Iterator<Item = F>,
) -> Vec<Reply> {
    let handles: Vec<_> = calls.map(tokio::spawn).collect();
    let mut replies = Vec::with_capacity(handles.len());
    for handle in handles {
        replies.push(handle.await.unwrap());
    }
    replies
}
