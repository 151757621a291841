//! Helpers of the CLI tests: run `kabinet-cli` on a data directory, and register a citizen
//! through the core the way the app does, with the code read back from the outbox.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use kabinet_core::contract::{RegistrationDraft, SendCodeRequest, VerifyCodeRequest};
use kabinet_core::{Caller, Client, Config, Kabinet};

pub const PHONE: &str = "+79161112233";
pub const PASSWORD: &str = "Zq8#mW2!rLp";

/// `kabinet-cli --data-dir DIR ARGS…`, with `--database-url` of the test's own PostgreSQL
/// database when the suite runs on PostgreSQL.
pub fn cli(dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kabinet-cli"));
    command.arg("--data-dir").arg(dir);
    if on_postgres() {
        command.arg("--database-url").arg(test_database(dir));
    }
    command.args(args).output().unwrap()
}

/// Whether this run of the suite is on PostgreSQL (`KABINET_TEST_ENGINE=postgres`, the cluster
/// of `KABINET_TEST_DATABASE_URL`); otherwise each test's encrypted file.
pub fn on_postgres() -> bool {
    std::env::var("KABINET_TEST_ENGINE").is_ok_and(|engine| engine == "postgres")
}

/// The configuration the core opens `dir` with: its encrypted file, or the test's PostgreSQL
/// database.
pub fn config(dir: &Path) -> Config {
    let config = Config::with_data_dir(dir);
    if on_postgres() { config.with_database_url(test_database(dir)) } else { config }
}

/// The URL of the PostgreSQL database of `dir`, created empty on first use (on a thread of its
/// own, so that async tests may call it too).
pub fn test_database(dir: &Path) -> String {
    let named = dir.join("test-database-url");
    if let Ok(url) = std::fs::read_to_string(&named) {
        return url;
    }
    let admin = std::env::var("KABINET_TEST_DATABASE_URL").expect("KABINET_TEST_DATABASE_URL");
    let name =
        format!("c_{}_{}", std::process::id(), dir.file_name().unwrap().to_string_lossy().to_lowercase())
            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '_', "_");
    let url = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(kabinet_core::db::create_postgres_database(&admin, &name)).unwrap()
    })
    .join()
    .unwrap();
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(&named, &url).unwrap();
    url
}

/// The test's database whichever the engine, for arranging and inspecting rows directly.
pub async fn raw_pool(dir: &Path) -> kabinet_core::db::Pool {
    if on_postgres() {
        kabinet_core::db::Pool::Postgres(sqlx::PgPool::connect(&test_database(dir)).await.unwrap())
    } else {
        use sqlx::ConnectOptions;
        let key = kabinet_core::vault::Vault::open(dir).unwrap().database_key().unwrap().unwrap();
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(dir.join("kabinet.db"))
            .pragma("key", key.sqlcipher_literal().to_string())
            .busy_timeout(std::time::Duration::from_secs(5))
            .disable_statement_logging();
        let pool =
            sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
        kabinet_core::db::Pool::Sqlite(pool)
    }
}

/// The standard output of a command that must succeed.
pub fn ok(output: Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Registers «Соколова Анна» with [`PHONE`] as `kabinet`'s caller; returns the account number.
pub async fn register(kabinet: &Client<'_>) -> String {
    kabinet.registration().send_code(SendCodeRequest { phone: PHONE.into() }).await.unwrap();
    let body = kabinet.outbox().last_for(PHONE).await.unwrap().unwrap().body;
    let code: String = body.chars().filter(char::is_ascii_digit).take(6).collect();
    let request = VerifyCodeRequest { phone: PHONE.into(), code: code.into() };
    let ticket = kabinet.registration().verify_code(request).await.unwrap().ticket;
    let draft = RegistrationDraft {
        ticket,
        surname: Some("Соколова".into()),
        given_name: Some("Анна".into()),
        patronymic: None,
        birth_date: Some("05.03.1990".into()),
        gender: Some("Ж".into()),
        password: Some(PASSWORD.into()),
        password_repeat: Some(PASSWORD.into()),
        accept_terms: Some(true),
        accept_personal_data: Some(true),
    };
    kabinet.registration().complete(draft).await.unwrap().account_number
}

/// Registers the citizen in `dir` and closes the Кабинет again; returns the account number.
pub async fn registered(dir: &Path) -> String {
    let kabinet = Kabinet::open(config(dir)).await.unwrap();
    let number = register(&kabinet.client(&Caller::new())).await;
    kabinet.close().await;
    number
}
