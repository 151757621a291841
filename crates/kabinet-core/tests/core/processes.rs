//! Several processes on one PostgreSQL (issue 14): what a single app could take for granted —
//! being the only one counting wrong passwords, delivering messages, running the scheduler and
//! purging — must hold when two processes share the database. Each test here is the parent: it
//! arranges the data, then runs two copies of this test binary as child processes at once (each
//! with its own pool, its own in-process locks and its own `Kabinet`), and checks the database.
//! PostgreSQL only: the encrypted file has one app.

use std::path::Path;

use crate::common::*;
use kabinet_core::contract::SignInRequest;
use kabinet_core::documents::{ClosureReason, DocumentKind};
use kabinet_core::{Caller, Clock, ErrorCode, Kabinet};
use time::Duration;

const CHILD_DIR: &str = "KABINET_TEST_CHILD_DIR";
const CHILD_NOW: &str = "KABINET_TEST_CHILD_NOW";
const PHONE: &str = "+79161112233";

/// Runs `child` (a test of this module, by its full name) twice at once as separate processes,
/// on `dir`'s database at `clock`'s time; returns each one's last line starting with `RESULT `.
async fn two_children(child: &str, dir: &Path, clock: &Clock) -> Vec<String> {
    let spawn = || {
        tokio::process::Command::new(std::env::current_exe().unwrap())
            .args([child, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_DIR, dir)
            .env(CHILD_NOW, clock.now().unix_timestamp().to_string())
            .kill_on_drop(true)
            .output()
    };
    let (first, second) = tokio::join!(spawn(), spawn());
    [first.unwrap(), second.unwrap()]
        .iter()
        .map(|output| {
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
            let result = stdout.lines().filter_map(|l| l.split_once("RESULT ").map(|(_, r)| r)).next_back();
            result.unwrap_or_else(|| panic!("no result line: {stdout}")).to_owned()
        })
        .collect()
}

/// The child's side: `None` in an ordinary run; else its own `Kabinet` on the parent's database
/// at the parent's time.
async fn child_kabinet() -> Option<Kabinet> {
    let (Ok(dir), Ok(now)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_NOW)) else { return None };
    let at = time::OffsetDateTime::from_unix_timestamp(now.parse().unwrap()).unwrap();
    Some(Kabinet::open_with_clock(config(Path::new(&dir)).await, Clock::manual(at)).await.unwrap())
}

fn number(result: &str, name: &str) -> i64 {
    result
        .split_whitespace()
        .find_map(|part| part.strip_prefix(&format!("{name}=")))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{name} in {result}"))
}

// ---- The lockout: 1 000 wrong passwords from two processes over three identifiers. ----

#[tokio::test]
async fn wrong_passwords_child() {
    let Some(kabinet) = child_kabinet().await else { return };
    let kabinet = std::sync::Arc::new(kabinet);
    let identifiers = [PHONE, "anna@example.ru", "112-233-445 95"];
    let tasks: Vec<_> = (0..500)
        .map(|i| {
            let kabinet = kabinet.clone();
            tokio::spawn(async move {
                let caller = Caller::new();
                let request = SignInRequest {
                    identifier: identifiers[i % 3].into(),
                    password: format!("Wrong#{}x{i}", std::process::id()).into(),
                    remember_me: false,
                };
                kabinet.client(&caller).session().sign_in(request).await
            })
        })
        .collect();
    let (mut invalid, mut locked) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => panic!("a wrong password signed in"),
            Err(error) if error.code == ErrorCode::InvalidCredentials => invalid += 1,
            Err(error) if error.code == ErrorCode::Locked => locked += 1,
            Err(error) => panic!("unexpected {error:?}"),
        }
    }
    println!("RESULT invalid={invalid} locked={locked}");
}

#[tokio::test]
async fn two_processes_never_evaluate_more_than_three_wrong_passwords_per_window() {
    crate::postgres_only!();
    let f = fixture().await;
    register(&f.client(), PHONE).await;
    add_identifier(&f.dir, PHONE, "email", "anna@example.ru").await;
    add_identifier(&f.dir, PHONE, "snils", "11223344595").await;
    let results = two_children("processes::wrong_passwords_child", f.dir.path(), &f.clock).await;
    let invalid: i64 = results.iter().map(|r| number(r, "invalid")).sum();
    let locked: i64 = results.iter().map(|r| number(r, "locked")).sum();
    assert_eq!(
        (invalid, locked),
        (2, 998),
        "two failures, the third locks, the rest are refused: {results:?}"
    );
    let db = raw_pool(f.dir.path()).await;
    let failed: i64 =
        kabinet_core::db::query_scalar("SELECT count(*) FROM access_journal WHERE event = 'sign_in_failed'")
            .fetch_one(&db)
            .await
            .unwrap();
    let sessions: i64 =
        kabinet_core::db::query_scalar("SELECT count(*) FROM sessions").fetch_one(&db).await.unwrap();
    assert_eq!((failed, sessions), (3, 0), "three evaluated in the window, no sign-in");
    // The right password is refused too until the window ends, then signs in.
    let k = f.client();
    assert_eq!(
        k.session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap_err().code,
        ErrorCode::Locked
    );
    f.clock.advance(Duration::minutes(15));
    assert!(k.session().sign_in(sign_in_request(PHONE, PASSWORD)).await.unwrap().session().is_some());
}

// ---- The outbox: 10 000 queued messages, two delivery workers. ----

#[tokio::test]
async fn delivery_child() {
    let Some(kabinet) = child_kabinet().await else { return };
    let dir = std::env::var(CHILD_DIR).unwrap();
    let db = raw_pool(Path::new(&dir)).await;
    let mut delivered = 0;
    loop {
        delivered += kabinet.outbox().deliver_due().await.unwrap();
        let open: i64 = kabinet_core::db::query_scalar(
            "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')",
        )
        .fetch_one(&db)
        .await
        .unwrap();
        if open == 0 {
            break;
        }
    }
    println!("RESULT delivered={delivered}");
}

#[tokio::test]
async fn two_delivery_workers_deliver_ten_thousand_messages_each_exactly_once() {
    crate::postgres_only!();
    const GATEWAY: i64 = 2_000;
    const LOCAL: i64 = 8_000;
    let f = fixture().await;
    let gateway = crate::servers::Gateway::start(0).await;
    const TEMPLATE: &str = r#"{"to": "{to}", "text": "{text}", "id": "{key}"}"#;
    let file =
        format!("[sms]\ntransport = \"http\"\nurl = \"{}\"\nbody_template = '{TEMPLATE}'\n", gateway.url());
    f.kabinet.admin("test").load_transport_file(&file).await.unwrap();
    let db = raw_pool(f.dir.path()).await;
    let now = f.clock.now().unix_timestamp();
    // Account-less messages, sealed under a transit key of today as the core seals them.
    let keys = test_keys(f.dir.path());
    let day = kabinet_core::sealing::day_of(now);
    let (wrapped, sealer) = keys.new_transit_key(day);
    kabinet_core::db::query("INSERT INTO transit_keys (day, wrapped, created_at) VALUES (?, ?, ?)")
        .bind(day)
        .bind(&wrapped)
        .bind(now)
        .execute(&db)
        .await
        .unwrap();
    let mut next_id = 1_i64;
    for (channel, count) in [("sms", GATEWAY), ("email", LOCAL)] {
        for chunk in (1..=count).collect::<Vec<_>>().chunks(1_000) {
            let mut insert = kabinet_core::db::QueryBuilder::new(
                "INSERT INTO outbox (id, idempotency_key, channel, destination, lookup, kind, subject, body, \
                 created_at, status, routed, next_attempt_at, max_attempts) ",
            );
            insert.push_values(chunk, |mut row, n| {
                let id = next_id + n - 1;
                let destination =
                    if channel == "sms" { format!("+7916{n:07}") } else { format!("m{n}@example.ru") };
                row.push_bind(id)
                    .push_bind(format!("{channel}-{n}"))
                    .push_bind(channel)
                    .push_bind(sealer.seal("outbox.destination", id, &destination))
                    .push_bind(keys.index(&destination))
                    .push_bind("service_news")
                    .push_bind(sealer.seal("outbox.subject", id, "Новости"))
                    .push_bind(sealer.seal("outbox.body", id, &format!("Текст {n}")))
                    .push_bind(now)
                    .push_bind("pending")
                    .push_bind("now")
                    .push_bind(now)
                    .push_bind(8_i64);
            });
            insert.build().execute(&db).await.unwrap();
        }
        next_id += count;
    }
    kabinet_core::db::query(
        "SELECT setval(pg_get_serial_sequence('outbox', 'id'), (SELECT max(id) FROM outbox))",
    )
    .execute(&db)
    .await
    .unwrap();
    let results = two_children("processes::delivery_child", f.dir.path(), &f.clock).await;
    let delivered: i64 = results.iter().map(|r| number(r, "delivered")).sum();
    assert_eq!(delivered, GATEWAY + LOCAL, "{results:?}");
    let (rows, attempts, twice): (i64, i64, i64) = kabinet_core::db::query_as(
        "SELECT (SELECT count(*) FROM outbox WHERE status = 'delivered' AND attempts = 1), \
                (SELECT count(*) FROM delivery_attempts WHERE result = 'sent'), \
                (SELECT count(*) FROM (SELECT outbox_id FROM delivery_attempts GROUP BY outbox_id \
                 HAVING count(*) > 1) AS repeated)",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!((rows, attempts, twice), (GATEWAY + LOCAL, GATEWAY + LOCAL, 0));
    let sent = gateway.sent();
    let distinct: std::collections::HashSet<&String> = sent.iter().collect();
    assert_eq!((gateway.requests().len(), sent.len(), distinct.len()), (2_000, 2_000, 2_000));
}

// ---- The scheduler: two at once close each due request once and purge each account once. ----

#[tokio::test]
async fn scheduler_child() {
    let Some(kabinet) = child_kabinet().await else { return };
    let run = kabinet.run_jobs().await.unwrap();
    println!("RESULT closed={} purged={}", run.closed, run.purged);
}

/// Registers a citizen with `phone` in `f`'s database and submits a clean closure request.
async fn requested(f: &Fixture, phone: &str) {
    let caller = Caller::new();
    let k = f.kabinet.client(&caller);
    register(&k, phone).await;
    k.session().sign_in(sign_in_request(phone, PASSWORD)).await.unwrap();
    f.clock.advance(Duration::seconds(61));
    k.closure().send_code().await.unwrap();
    let code = code_for(&k, phone).await;
    let form = kabinet_core::closure::types::ClosureSubmit {
        reason: ClosureReason::NotNeeded,
        reason_text: None,
        password: PASSWORD.into(),
        code,
        consent: true,
    };
    k.closure().submit(form).await.unwrap();
}

#[tokio::test]
async fn two_schedulers_close_each_due_request_once_and_purge_each_account_once() {
    crate::postgres_only!();
    let f = fixture().await;
    let phones = ["+79161110001", "+79161110002", "+79161110003"];
    for phone in phones {
        requested(&f, phone).await;
    }
    f.clock.advance(Duration::hours(25));
    let results = two_children("processes::scheduler_child", f.dir.path(), &f.clock).await;
    let closed: i64 = results.iter().map(|r| number(r, "closed")).sum();
    assert_eq!(closed, 3, "{results:?}");
    let db = raw_pool(f.dir.path()).await;
    let count = |sql: &'static str| kabinet_core::db::query_scalar::<i64>(sql).fetch_one(&db);
    assert_eq!(count("SELECT count(*) FROM closures").await.unwrap(), 3);
    assert_eq!(count("SELECT count(*) FROM documents WHERE kind = 'closure_confirmation'").await.unwrap(), 3);

    f.clock.advance(Duration::days(91));
    let results = two_children("processes::scheduler_child", f.dir.path(), &f.clock).await;
    let purged: i64 = results.iter().map(|r| number(r, "purged")).sum();
    assert_eq!(purged, 3, "{results:?}");
    assert_eq!(count("SELECT count(*) FROM tombstones").await.unwrap(), 3);
    assert_eq!(count("SELECT count(*) FROM documents WHERE kind = 'deletion_certificate'").await.unwrap(), 3);
    assert_eq!(count("SELECT count(*) FROM accounts").await.unwrap(), 0);
    // Numbers stay unique: every document number once.
    assert_eq!(count("SELECT count(*) - count(DISTINCT number) FROM documents").await.unwrap(), 0);
}

// ---- Numbering: two processes issuing documents at once get unique, gap-free numbers. ----

#[tokio::test]
async fn numbering_child() {
    let Some(kabinet) = child_kabinet().await else { return };
    let kabinet = std::sync::Arc::new(kabinet);
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let kabinet = kabinet.clone();
            tokio::spawn(async move {
                let mut numbers = Vec::new();
                for _ in 0..25 {
                    let input = crate::documents::input_of(DocumentKind::ClosureConfirmation);
                    numbers.push(kabinet.documents().issue(input, None).await.unwrap().number);
                }
                numbers
            })
        })
        .collect();
    let mut issued = 0;
    for task in tasks {
        issued += task.await.unwrap().len();
    }
    println!("RESULT issued={issued}");
}

#[tokio::test]
async fn two_processes_issuing_documents_get_unique_gap_free_numbers() {
    crate::postgres_only!();
    let f = fixture().await;
    let results = two_children("processes::numbering_child", f.dir.path(), &f.clock).await;
    let issued: i64 = results.iter().map(|r| number(r, "issued")).sum();
    assert_eq!(issued, 200, "{results:?}");
    let db = raw_pool(f.dir.path()).await;
    let (rows, distinct, last): (i64, i64, String) = kabinet_core::db::query_as(
        "SELECT count(*), count(DISTINCT number), max(number) FROM documents WHERE kind = 'closure_confirmation'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!((rows, distinct, last.as_str()), (200, 200, "ПЗК-2026-000200"), "unique and without gaps");
}
