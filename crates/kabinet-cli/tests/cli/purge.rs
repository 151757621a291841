//! `purge run` against a real encrypted database and keyring (run under
//! `scripts/lib/with-keyring.sh`): a citizen registered through the core and closed 100 days ago
//! (the closed state written with raw SQL, since the CLI reads the system clock) is purged once.

use std::path::Path;

use crate::common::*;
use kabinet_core::contract::SendCodeRequest;
use kabinet_core::{Caller, Kabinet};

const DAY: i64 = 24 * 3600;

fn purged(dir: &Path) -> serde_json::Value {
    let output = cli(dir, &["--json", "purge", "run"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Writes the closed state as closing would have, 100 days ago.
async fn closed_long_ago(dir: &Path) {
    let conn = raw_pool(dir).await;
    let closed_at = time::OffsetDateTime::now_utc().unix_timestamp() - 100 * DAY;
    kabinet_core::db::query("UPDATE accounts SET status = 'closed'").execute(&conn).await.unwrap();
    kabinet_core::db::query(
        "INSERT INTO closures (account_id, closed_at, restore_until, purge_at, by_staff, reason_category) \
         SELECT id, ?1, ?1 + 30 * 86400, ?1 + 90 * 86400, 0, 'not_needed' FROM accounts",
    )
    .bind(closed_at)
    .execute(&conn)
    .await
    .unwrap();
    conn.close().await;
}

#[tokio::test]
async fn purge_run_purges_a_due_account_once() {
    let dir = tempfile::tempdir().unwrap();
    let number = registered(dir.path()).await;
    assert_eq!(purged(dir.path()), serde_json::json!({ "purged": 0 }), "nothing closed yet");
    closed_long_ago(dir.path()).await;
    assert_eq!(purged(dir.path()), serde_json::json!({ "purged": 1 }));
    assert_eq!(purged(dir.path()), serde_json::json!({ "purged": 0 }), "a second run does nothing");
    let human = cli(dir.path(), &["purge", "run"]);
    assert_eq!(String::from_utf8(human.stdout).unwrap(), "Удалено кабинетов: 0\n");

    let tombstone: (String, String) =
        kabinet_core::db::query_as("SELECT account_number, certificate_number FROM tombstones")
            .fetch_one(&raw_pool(dir.path()).await)
            .await
            .unwrap();
    assert_eq!(tombstone.0, number);
    let kabinet = Kabinet::open(config(dir.path())).await.unwrap();
    let caller = Caller::new();
    let again =
        kabinet.client(&caller).registration().send_code(SendCodeRequest { phone: PHONE.into() }).await;
    assert!(again.is_ok(), "the phone is free after the purge: {again:?}");
    let record =
        kabinet.documents().find(&tombstone.1).await.unwrap().expect("the certificate is registered");
    assert!(record.number.starts_with("УПД-") && !record.stored, "registered without its bytes");
    kabinet.close().await;
}
