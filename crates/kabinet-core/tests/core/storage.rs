//! Start-up failures never produce a new empty database over an existing one, and personal
//! data never reaches the disk in plaintext.

use crate::common::*;
use kabinet_core::vault::Vault;
use kabinet_core::{Caller, Config, ErrorCode, Kabinet};
use sqlx::{ConnectOptions, sqlite::SqliteConnectOptions};

fn read(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[tokio::test]
async fn personal_data_is_not_in_the_files_in_plaintext() {
    crate::sqlite_only!();
    let f = fixture().await;
    register(&f.client(), "9234567890").await;
    let db = f.dir.path().join("kabinet.db");
    let wal = f.dir.path().join("kabinet.db-wal");
    let bytes = [read(&db), read(&wal)].concat();
    assert!(bytes.len() > 4096);
    for needle in ["9234567890", "Ёлкина", "Соколова", "Сергеевна", "1990-03-05", "SQLite format 3"]
    {
        assert!(!contains(&bytes, needle.as_bytes()), "{needle} found in plaintext");
    }
}

#[tokio::test]
async fn a_database_without_its_key_is_refused_and_left_untouched() {
    crate::sqlite_only!();
    let f = fixture().await;
    register(&f.client(), "9234567891").await;
    f.kabinet.close().await;
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("kabinet.db");
    std::fs::copy(f.dir.path().join("kabinet.db"), &copy).unwrap();
    let before = read(&copy);
    let error = Kabinet::open(Config::with_data_dir(elsewhere.path())).await.err().unwrap();
    assert_eq!(error.code, ErrorCode::KeyMissing);
    assert!(error.message.starts_with("Ключ недоступен"));
    assert_eq!(read(&copy), before);
    assert!(Vault::open(elsewhere.path()).unwrap().database_key().unwrap().is_none());
}

#[tokio::test]
async fn a_database_with_the_wrong_key_is_refused_and_left_untouched() {
    crate::sqlite_only!();
    let a = fixture().await;
    let b = fixture().await;
    register(&a.client(), "9234567892").await;
    a.kabinet.close().await;
    b.kabinet.close().await;
    let target = b.dir.path().join("kabinet.db");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(b.dir.path().join(format!("kabinet.db{suffix}")));
    }
    std::fs::copy(a.dir.path().join("kabinet.db"), &target).unwrap();
    let before = read(&target);
    let error = Kabinet::open(Config::with_data_dir(b.dir.path())).await.err().unwrap();
    assert_eq!(error.code, ErrorCode::KeyWrong);
    assert_eq!(read(&target), before);
}

#[tokio::test]
async fn a_database_from_a_newer_version_is_refused() {
    crate::sqlite_only!();
    let f = fixture().await;
    f.kabinet.close().await;
    let key = Vault::open(f.dir.path()).unwrap().database_key().unwrap().unwrap();
    let mut conn = SqliteConnectOptions::new()
        .filename(f.dir.path().join("kabinet.db"))
        .pragma("key", key.sqlcipher_literal().to_string())
        .connect()
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99991231000000, 'from the future', 1, x'00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    drop(conn);
    let error = Kabinet::open(Config::with_data_dir(f.dir.path())).await.err().unwrap();
    assert_eq!(error.code, ErrorCode::DatabaseTooNew);
}

#[tokio::test]
async fn reopening_reads_the_same_data_with_the_key_from_the_keyring() {
    let f = fixture().await;
    let number = register(&f.client(), "9234567893").await;
    f.kabinet.close().await;
    let reopened_kabinet = open(&f.dir, &f.clock).await;
    let caller = Caller::new();
    let reopened = reopened_kabinet.client(&caller);
    let request = kabinet_core::contract::SignInRequest {
        identifier: "+79234567893".into(),
        password: PASSWORD.into(),
        remember_me: false,
    };
    assert_eq!(reopened.session().sign_in(request).await.unwrap().session().unwrap().account_number, number);
}

#[tokio::test]
async fn an_unreachable_or_malformed_database_url_is_named_and_nothing_is_written() {
    for url in ["postgres://kabinet@127.0.0.1:1/nowhere", "not a database url", "postgres://[::1"] {
        let dir = tempfile::tempdir().unwrap();
        let error =
            Kabinet::open(Config::with_data_dir(dir.path()).with_database_url(url)).await.err().unwrap();
        assert_eq!(error.code, ErrorCode::DatabaseUnavailable, "{url}");
        assert!(error.message.starts_with("База данных Кабинета недоступна"), "{}", error.message);
        assert!(
            !error.message.contains("127.0.0.1") && !error.message.contains("kabinet@"),
            "no address told"
        );
        assert!(!dir.path().join("kabinet.db").exists(), "no file made in its place");
    }
}
