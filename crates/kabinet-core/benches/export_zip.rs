//! «Скачать все документы» at scale: 1 000 issued documents totalling 500 MB in the encrypted
//! database of one citizen, exported to one ZIP. Prints the time, the throughput and the peak
//! resident memory during the export (the kernel's high-water mark, reset just before it via
//! `/proc/self/clear_refs`), which shows the archive is streamed, not held in memory.
//!
//! Run: `scripts/lib/with-keyring.sh cargo bench -p kabinet-core --bench export_zip`.
//! Not a test: it asserts nothing. Documents are seeded straight into the registry with random
//! (incompressible, like real PDFs) bytes.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::{Duration, Instant};

use kabinet_core::api::Access;
use kabinet_core::{Caller, Config, Kabinet};
use sqlx::{ConnectOptions, Connection};

const DOCUMENTS: usize = 1_000;
const SIZE: usize = 500 * 1024;
const PASSWORD: &str = "Zq8#mW2!rLp";
const PHONE: &str = "+79000000000";

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
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
    let mut bytes = vec![0u8; SIZE];
    for i in 0..DOCUMENTS {
        for chunk in bytes.chunks_mut(8) {
            chunk.copy_from_slice(&rand::random::<u64>().to_le_bytes()[..chunk.len()]);
        }
        let id = i as i64 + 1;
        sqlx::query(
            "INSERT INTO documents (id, number, kind, account_id, title, sha256, verification_code, pages, size, \
             created_at, content) VALUES (?, ?, 'registration_certificate', ?, ?, ?, 'AAAA-BBBB', 1, ?, ?, ?)",
        )
        .bind(id)
        .bind(format!("СРК-2026-{:06}", i + 1))
        .bind(account)
        .bind(format!("Справка о регистрации № СРК-2026-{:06}", i + 1))
        .bind("0".repeat(64))
        .bind(SIZE as i64)
        .bind(1_760_000_000 + i as i64)
        .bind(key.seal_bytes("documents.content", id, &bytes))
        .execute(&mut *tx)
        .await
        .unwrap();
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
    let total_mb = (DOCUMENTS * SIZE) as f64 / 1_048_576.0;
    println!("seed {DOCUMENTS} documents, {total_mb:.0} MiB: {:.1} s", start.elapsed().as_secs_f64());

    let kabinet = Kabinet::open(Config::with_data_dir(dir.path())).await.unwrap();
    let request = kabinet_core::contract::SignInRequest {
        identifier: PHONE.into(),
        password: PASSWORD.into(),
        remember_me: false,
    };
    let caller = Caller::new();
    let client = kabinet.client(&caller);
    client.session().sign_in(request).await.unwrap();
    let me = client.resolve_citizen(Access::Recent).await.unwrap();
    let out = dir.path().join("export.zip");
    let before = status_kb("VmRSS:");
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let start = Instant::now();
    let mut reports = 0u32;
    let done = kabinet.exports().documents_zip(&me, &out, |_| reports += 1).await.unwrap();
    let elapsed = start.elapsed().as_secs_f64();
    let peak = status_kb("VmHWM:");
    println!(
        "ZIP of {} files, {:.0} MiB: {elapsed:.2} s ({:.0} MiB/s), {reports} progress reports",
        done.files,
        done.bytes as f64 / 1_048_576.0,
        done.bytes as f64 / 1_048_576.0 / elapsed
    );
    println!(
        "resident memory: {:.1} MiB before, peak during the export {:.1} MiB{}",
        before as f64 / 1024.0,
        peak as f64 / 1024.0,
        if reset { "" } else { " (peak not reset: includes seeding)" }
    );
    kabinet.close().await;
}
