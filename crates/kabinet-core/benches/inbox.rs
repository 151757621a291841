//! Prints how long the inbox takes with 1 000 000 messages in the encrypted database — all of one
//! citizen, the worst case for a desktop app: the bell (unread count), the first page, a filtered
//! page, a deep page, the archive, «История сообщений», opening a message and publishing one.
//!
//! Run: `scripts/lib/with-keyring.sh cargo bench -p kabinet-core --bench inbox`
//! (a real SQLCipher database keyed from a real Secret Service). Not a test: it asserts nothing.
//! The messages are seeded with multi-row inserts straight into the database (the triggers that
//! keep the unread counter run as they would for published messages).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::{Duration, Instant};

use kabinet_core::notifications::types::{
    EventCategory, EventType, Folder, HistoryQuery, InboxQuery, MarkReadRequest, MessageRequest,
    NewNotification,
};
use kabinet_core::{Caller, Config, Kabinet};
use sqlx::{ConnectOptions, Connection};

const MESSAGES: i64 = 1_000_000;
const CHUNK: i64 = 500;
const RUNS: usize = 500;
const PASSWORD: &str = "Zq8#mW2!rLp";
const PHONE: &str = "+79000000000";

const EVENTS: [(&str, &str); 8] = [
    ("application_accepted", "applications"),
    ("application_in_review", "applications"),
    ("application_result_ready", "applications"),
    ("payment_due", "reminders"),
    ("appointment", "reminders"),
    ("security", "security"),
    ("closure_completed", "account"),
    ("service_news", "news"),
];

#[derive(Default)]
struct Samples(Vec<Duration>);

impl Samples {
    fn pct(&self, p: f64) -> f64 {
        let mut v: Vec<f64> = self.0.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        v.sort_by(f64::total_cmp);
        v[((v.len() - 1) as f64 * p).round() as usize]
    }
    fn line(&self, name: &str) {
        println!("{name:<52} p50 {:>7.3} ms   p99 {:>7.3} ms", self.pct(0.5), self.pct(0.99));
    }
}

async fn measure<T, F: std::future::Future<Output = T>>(
    name: &str,
    runs: usize,
    mut f: impl FnMut(usize) -> F,
) {
    let mut samples = Samples::default();
    for run in 0..runs {
        let start = Instant::now();
        std::hint::black_box(f(run).await);
        samples.0.push(start.elapsed());
    }
    samples.line(name);
}

async fn seed(dir: &std::path::Path) {
    let key = kabinet_core::vault::Vault::open(dir).unwrap().database_key().unwrap().unwrap();
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.join("kabinet.db"))
        .pragma("key", key.sqlcipher_literal().to_string())
        .busy_timeout(Duration::from_secs(5))
        .connect()
        .await
        .unwrap();
    // Rows as the core writes them: found by the phone's blind index, sealed under the account's
    // own key (crate::sealing), with explicit ids bound into the sealing.
    let keys =
        kabinet_core::sealing::Keys::from_vault(&kabinet_core::vault::Vault::open(dir).unwrap()).unwrap();
    let account: i64 = sqlx::query_scalar("SELECT account_id FROM identifiers WHERE lookup = ?")
        .bind(keys.index(PHONE))
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let wrapped: Vec<u8> = sqlx::query_scalar("SELECT wrapped FROM account_keys WHERE account_id = ?")
        .bind(account)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let key = keys.sealer_of(account, &wrapped).unwrap();
    let mut tx = conn.begin().await.unwrap();
    let start = 1_700_000_000i64;
    let recently = time::OffsetDateTime::now_utc().unix_timestamp() - 86_400;
    for chunk in (0..MESSAGES).step_by(CHUNK as usize) {
        let mut insert = sqlx::QueryBuilder::new(
            "INSERT INTO notifications (id, account_id, event_type, category, kind, service, title, body, \
             important, created_at, read_at, archived, deleted_at) ",
        );
        insert.push_values(chunk..(chunk + CHUNK).min(MESSAGES), |mut row, i| {
            let (event, category) = EVENTS[(i % EVENTS.len() as i64) as usize];
            let at = start + i * 30;
            let id = i + 1;
            row.push_bind(id)
                .push_bind(account)
                .push_bind(event)
                .push_bind(category)
                .push_bind(event)
                .push_bind(if i % 3 == 0 { Some("passport_foreign") } else { None })
                .push_bind(key.seal("notifications.title", id, &format!("Сообщение № {i}")))
                .push_bind(key.seal(
                    "notifications.body",
                    id,
                    "По вашему заявлению есть новости: откройте Кабинет, чтобы узнать подробности.",
                ))
                .push_bind(!matches!(
                    event,
                    "application_accepted" | "application_in_review" | "service_news"
                ))
                .push_bind(at)
                .push_bind(if i % 10 < 7 { Some(at + 60) } else { None })
                .push_bind(i % 20 == 0)
                .push_bind(if i % 100 == 1 { Some(recently) } else { None });
        });
        insert.build().execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    conn.close().await.unwrap();
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let kabinet = Kabinet::open(Config::with_data_dir(dir.path())).await.unwrap();
    kabinet.synthetic().seed_accounts(1, 9_000_000_000, PASSWORD).await.unwrap();
    kabinet.close().await;
    let start = Instant::now();
    seed(dir.path()).await;
    println!(
        "seed {MESSAGES} messages (multi-row inserts, triggers on): {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let kabinet = Kabinet::open(Config::with_data_dir(dir.path())).await.unwrap();
    println!("reopen: {:.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    let request = kabinet_core::contract::SignInRequest {
        identifier: PHONE.into(),
        password: PASSWORD.into(),
        remember_me: false,
    };
    let caller = Caller::new();
    let client = kabinet.client(&caller);
    client.session().sign_in(request).await.unwrap();
    let n = client.notifications();
    let number: String = {
        let history = n.history(HistoryQuery { before: None, limit: Some(1) }).await.unwrap();
        let top = history.messages[0].id;
        println!("unread {} of {MESSAGES}; newest id {top}\n", n.unread_count().await.unwrap().unread);
        client.session().current().await.unwrap().unwrap().account_number
    };
    let page = |folder, category, before| InboxQuery { folder, category, before, limit: Some(20) };
    println!("{RUNS} runs each, one citizen with {MESSAGES} messages:");
    measure("unread count (the bell)", RUNS, |_| n.unread_count()).await;
    measure("inbox, first page of 20", RUNS, |_| n.inbox(page(Folder::Inbox, None, None))).await;
    measure("inbox, first page, filter «Сроки и напоминания»", RUNS, |_| {
        n.inbox(page(Folder::Inbox, Some(EventCategory::Reminders), None))
    })
    .await;
    measure("inbox, first page, filter «Безопасность»", RUNS, |_| {
        n.inbox(page(Folder::Inbox, Some(EventCategory::Security), None))
    })
    .await;
    measure("inbox, deep page (keyset at random depth)", RUNS, |run| {
        let before = 1 + ((run as i64 * 7_919) % MESSAGES);
        n.inbox(page(Folder::Inbox, None, Some(before)))
    })
    .await;
    measure("archive, first page", RUNS, |_| n.inbox(page(Folder::Archive, None, None))).await;
    measure("«Удалённые», first page", RUNS, |_| n.inbox(page(Folder::Deleted, None, None))).await;
    measure("«История сообщений», first page of 20", RUNS, |_| {
        n.history(HistoryQuery { before: None, limit: Some(20) })
    })
    .await;
    measure("open a message (mark read) + mark unread", RUNS, |run| {
        let id = 2 + (run as i64 * 104_729) % (MESSAGES - 2);
        let n = &n;
        async move {
            let _ = n.open(MessageRequest { id }).await;
            n.mark_read(MarkReadRequest { id, read: false }).await
        }
    })
    .await;
    let desk = kabinet.notifications();
    measure("publish one message (inbox + 3 channels, delivered)", 100, |run| {
        desk.publish(NewNotification {
            account_number: number.clone(),
            event: EventType::ApplicationResultReady,
            service: None,
            title: format!("Бенчмарк {run}"),
            body: "Результат готов".into(),
        })
    })
    .await;
}
