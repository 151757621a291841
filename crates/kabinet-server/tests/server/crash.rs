//! `kill -9` of a server process in the middle of the work: a closure submission, a delivery
//! and a purge. The first process runs with `KABINET_CRASH_AT` (a test build's crash point: the
//! process announces the point on stdout and stops dead there), is killed with SIGKILL, and a
//! fresh process on the same database finishes the work: the state is consistent and nothing is
//! done twice.

use std::os::unix::process::ExitStatusExt;

use kabinet_core::closure::types::ClosureSubmit;
use kabinet_core::contract::SignInRequest;
use kabinet_core::{Caller, Kabinet};
use serde_json::json;

use crate::common::*;
#[path = "../../../kabinet-core/tests/core/servers/mod.rs"]
mod peers;

const PHONE: &str = "+79161112233";

async fn count(db: &Db, sql: &'static str) -> i64 {
    let pool = kabinet_core::db::Pool::Postgres(sqlx::PgPool::connect(&db.url).await.unwrap());
    let n = kabinet_core::db::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

/// Polls `sql` until it counts `want` (a restarted process's background work), for 150 seconds
/// at most (a scheduler run that found the dead process's lock not yet released tries again a
/// minute later).
async fn until(db: &Db, sql: &'static str, want: i64) -> i64 {
    let mut seen = -1;
    for _ in 0..1500 {
        seen = count(db, sql).await;
        if seen == want {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    seen
}

/// Kills `server` with SIGKILL once it reports `point`.
async fn kill_at(server: &mut Server, point: &str) {
    server.wait_for(&format!("KABINET_CRASH_POINT {point}")).await;
    server.child.start_kill().unwrap();
    let status = server.child.wait().await.unwrap();
    assert_eq!(status.signal(), Some(9), "killed by SIGKILL");
}

#[tokio::test]
async fn killed_after_a_closure_request_is_committed_the_next_process_issues_its_documents_once() {
    let db = database().await;
    let (past, _) = kabinet_in_the_past(&db, time::Duration::minutes(10)).await;
    register_directly(&past, PHONE).await;
    past.close().await;
    let mut first = start(&db, &[("KABINET_CRASH_AT", "closure_after_submit".into())]).await;
    let api = Api::new(&first);
    let token = api.sign_in(PHONE).await;
    let sent = api.call("closure_send_code", Some(&token), json!({})).await;
    assert_eq!(sent.status, 200, "{sent:?}");
    let code = db.code_for(PHONE).await;
    let form = json!({"form": {"reason": "not_needed", "password": PASSWORD, "code": code, "consent": true}});
    let submitting = {
        let api = api.clone();
        let token = token.clone();
        tokio::spawn(async move { api.call_raw("closure_submit", &token, form).await })
    };
    kill_at(&mut first, "closure_after_submit").await;
    assert!(submitting.await.unwrap().is_err(), "the citizen's app saw the connection drop");
    assert_eq!(count(&db, "SELECT count(*) FROM closure_requests").await, 1, "committed before the kill");
    assert_eq!(count(&db, "SELECT count(*) FROM documents WHERE kind = 'closure_application'").await, 0);

    let second = start(&db, &[("KABINET_WORKERS", "true".into())]).await;
    let issued = "SELECT count(*) FROM closure_requests WHERE application_number IS NOT NULL";
    assert_eq!(until(&db, issued, 1).await, 1, "the scheduler repairs what the kill left");
    let api = Api::new(&second);
    let status = api.call("closure_status", Some(&token), json!({})).await;
    assert_eq!(status.body["status"], "pending_closure", "{status:?}");
    let number = status.body["request"]["number"].as_str().unwrap_or_default();
    assert!(number.starts_with("ЗК-"), "{status:?}");
    assert!(
        status.body["request"]["application_number"].as_str().is_some_and(|n| n.starts_with("ЗЛК-")),
        "{status:?}"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM closure_requests").await, 1, "one request");
    assert_eq!(count(&db, "SELECT count(*) FROM documents WHERE kind = 'closure_application'").await, 1);
    assert_eq!(
        count(&db, "SELECT count(*) FROM documents WHERE kind = 'closure_application_blank'").await,
        1
    );
    let told = "SELECT count(*) FROM notifications WHERE kind = 'closure_requested'";
    assert_eq!(count(&db, told).await, 1, "the citizen is told once");
}

#[tokio::test]
async fn killed_after_a_message_left_the_next_process_resends_it_under_the_same_key_and_it_arrives_once() {
    let db = database().await;
    let (past, _) = kabinet_in_the_past(&db, time::Duration::minutes(10)).await;
    register_directly(&past, PHONE).await;
    past.close().await;
    let gateway = peers::Gateway::start(0).await;
    let template = r#"{"to": "{to}", "text": "{text}", "id": "{key}"}"#;
    let file =
        format!("[sms]\ntransport = \"http\"\nurl = \"{}\"\nbody_template = '{template}'\n", gateway.url());
    db.kabinet.admin("test").load_transport_file(&file).await.unwrap();

    let mut first = start(&db, &[("KABINET_CRASH_AT", "after_send".into())]).await;
    let api = Api::new(&first);
    let token = api.sign_in(PHONE).await;
    let asking = {
        let api = api.clone();
        tokio::spawn(async move { api.call_raw("profile_send_save_code", &token, json!({})).await })
    };
    kill_at(&mut first, "after_send").await;
    drop(asking);
    assert_eq!(gateway.requests().len(), 1, "the gateway got the SMS before the kill");
    let sending = "SELECT count(*) FROM outbox WHERE channel = 'sms' AND status = 'sending'";
    assert_eq!(count(&db, sending).await, 1, "the kill left it «sending» under the dead process's lease");

    // Three minutes later (the lease is two), a new process's delivery worker takes it over.
    let later = db.dir.path().join("clock-offset");
    std::fs::write(&later, "180").unwrap();
    let _second = start(
        &db,
        &[("KABINET_WORKERS", "true".into()), ("KABINET_CLOCK_OFFSET_FILE", later.display().to_string())],
    )
    .await;
    let delivered =
        "SELECT count(*) FROM outbox WHERE channel = 'sms' AND status = 'delivered' AND attempts = 2";
    assert_eq!(until(&db, delivered, 1).await, 1, "delivered on the second try");
    let requests = gateway.requests();
    assert_eq!(requests.len(), 2, "sent again after the kill");
    assert_eq!(
        requests[0].header("idempotency-key"),
        requests[1].header("idempotency-key"),
        "under the same key"
    );
    assert_eq!(gateway.sent().len(), 1, "so the gateway delivered it once");
    assert_eq!(count(&db, sending).await, 0);
}

#[tokio::test]
async fn killed_between_the_certificate_and_the_deletion_the_next_process_purges_once() {
    let db = database().await;
    // Closed 91 days ago: registered, requested, closed by the scheduler a day later.
    let (past, clock) = kabinet_in_the_past(&db, time::Duration::days(92)).await;
    let number = register_directly(&past, PHONE).await;
    let caller = Caller::new();
    let k = past.client(&caller);
    k.session()
        .sign_in(SignInRequest { identifier: PHONE.into(), password: PASSWORD.into(), remember_me: false })
        .await
        .unwrap();
    clock.advance(time::Duration::seconds(61));
    k.closure().send_code().await.unwrap();
    let code = db_code(&past).await;
    let form = ClosureSubmit {
        reason: kabinet_core::documents::ClosureReason::NotNeeded,
        reason_text: None,
        password: PASSWORD.into(),
        code: code.into(),
        consent: true,
    };
    k.closure().submit(form).await.unwrap();
    k.session().sign_out().await.unwrap();
    clock.advance(time::Duration::hours(25));
    assert_eq!(past.run_jobs().await.unwrap().closed, 1);
    past.close().await;

    let mut first = start(
        &db,
        &[("KABINET_WORKERS", "true".into()), ("KABINET_CRASH_AT", "purge_after_certificate".into())],
    )
    .await;
    kill_at(&mut first, "purge_after_certificate").await;
    let certificates = "SELECT count(*) FROM documents WHERE kind = 'deletion_certificate'";
    assert_eq!(count(&db, certificates).await, 1, "issued before the kill");
    assert_eq!(count(&db, "SELECT count(*) FROM tombstones").await, 0, "no tombstone yet");
    assert_eq!(count(&db, "SELECT count(*) FROM accounts").await, 1, "the account is whole");

    let _second = start(&db, &[("KABINET_WORKERS", "true".into())]).await;
    assert_eq!(until(&db, "SELECT count(*) FROM tombstones", 1).await, 1, "purged by the next process");
    assert_eq!(count(&db, "SELECT count(*) FROM accounts").await, 0);
    assert_eq!(count(&db, certificates).await, 1, "the same certificate, not a second");
    let pool = kabinet_core::db::Pool::Postgres(sqlx::PgPool::connect(&db.url).await.unwrap());
    let (account, certificate): (String, String) =
        kabinet_core::db::query_as("SELECT account_number, certificate_number FROM tombstones")
            .fetch_one(&pool)
            .await
            .unwrap();
    let issued: String =
        kabinet_core::db::query_scalar("SELECT number FROM documents WHERE kind = 'deletion_certificate'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((account, certificate), (number, issued));
    pool.close().await;
}

async fn db_code(kabinet: &Kabinet) -> String {
    let message = kabinet.outbox().last_for(PHONE).await.unwrap().unwrap();
    message.body.chars().filter(char::is_ascii_digit).take(6).collect()
}
