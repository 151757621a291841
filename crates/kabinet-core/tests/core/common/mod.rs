//! Helpers for the integration tests: a fresh data directory per test, a clock the test moves,
//! and the code read back from the outbox exactly as the demo desk reads it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use kabinet_core::contract::{RegistrationDraft, Secret, SendCodeRequest, VerifyCodeRequest};
use kabinet_core::{Caller, Client, Clock, Config, Kabinet};
use time::macros::datetime;

pub const PASSWORD: &str = "Zq8#mW2!rLp";

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub clock: Clock,
    pub kabinet: Kabinet,
    /// The one person the test plays (a window of the app); more callers are made with
    /// `Caller::new()` and `kabinet.client(&caller)`.
    pub caller: Caller,
}

impl Fixture {
    /// The core as the test's caller reaches it: every command, authorised per call.
    pub fn client(&self) -> Client<'_> {
        self.kabinet.client(&self.caller)
    }
}

/// With `KABINET_TEST_LOG=1`, the core's log (internal errors with their causes, redacted) goes
/// to the test's output: how a failure on one engine is read.
pub fn log_if_asked() {
    if std::env::var_os("KABINET_TEST_LOG").is_some() {
        let _ = tracing_subscriber::fmt().with_test_writer().with_max_level(tracing::Level::WARN).try_init();
    }
}

pub async fn fixture() -> Fixture {
    log_if_asked();
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(datetime!(2026-11-25 09:00 UTC));
    let kabinet = open(&dir, &clock).await;
    Fixture { dir, clock, kabinet, caller: Caller::new() }
}

pub async fn open(dir: &tempfile::TempDir, clock: &Clock) -> Kabinet {
    Kabinet::open_with_clock(config(dir.path()).await, clock.clone()).await.unwrap()
}

/// Whether this run of the suite is on PostgreSQL: the test command runs the whole binary twice,
/// the second time with `KABINET_TEST_ENGINE=postgres` and the throwaway cluster of
/// `KABINET_TEST_DATABASE_URL`. Otherwise every test runs on its own encrypted file.
pub fn on_postgres() -> bool {
    std::env::var("KABINET_TEST_ENGINE").is_ok_and(|engine| engine == "postgres")
}

/// The configuration of a test's data directory: its encrypted file, or on PostgreSQL a fresh
/// database of its own, named in a file of the directory so that reopening finds it again.
pub async fn config(dir: &std::path::Path) -> Config {
    let config = Config::with_data_dir(dir);
    if on_postgres() { config.with_database_url(test_database(dir).await) } else { config }
}

/// The URL of the PostgreSQL database of `dir`, created empty on first use.
pub async fn test_database(dir: &std::path::Path) -> String {
    let named = dir.join("test-database-url");
    if let Ok(url) = std::fs::read_to_string(&named) {
        return url;
    }
    let admin = std::env::var("KABINET_TEST_DATABASE_URL").expect(
        "KABINET_TEST_ENGINE=postgres needs KABINET_TEST_DATABASE_URL (scripts/lib/with-postgres.sh)",
    );
    let name = format!("t_{:016x}", rand_u64());
    let url = kabinet_core::db::create_postgres_database(&admin, &name).await.unwrap();
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(&named, &url).unwrap();
    url
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos());
    hasher.finish()
}

/// The test's database, whichever the engine, for arranging and inspecting rows directly with
/// `kabinet_core::db` queries (SQL in the dialect both engines take).
pub async fn raw_pool(dir: &std::path::Path) -> kabinet_core::db::Pool {
    if on_postgres() {
        let url = test_database(dir).await;
        kabinet_core::db::Pool::Postgres(sqlx::PgPool::connect(&url).await.unwrap())
    } else {
        use sqlx::ConnectOptions;
        let key = kabinet_core::vault::Vault::open(dir).unwrap().database_key().unwrap().unwrap();
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(dir.join("kabinet.db"))
            .pragma("key", key.sqlcipher_literal().to_string())
            .pragma("secure_delete", "ON")
            .busy_timeout(std::time::Duration::from_secs(5))
            .disable_statement_logging();
        let pool =
            sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
        kabinet_core::db::Pool::Sqlite(pool)
    }
}

/// The code of the latest message to `phone`, as a request carries it ([`Secret`]).
pub async fn code_for(kabinet: &Kabinet, phone: &str) -> Secret {
    let message = kabinet.outbox().last_for(phone).await.unwrap().expect("a message");
    message.body.chars().filter(char::is_ascii_digit).take(6).collect::<String>().into()
}

pub async fn confirm_phone(kabinet: &Client<'_>, phone: &str) -> Secret {
    kabinet.registration().send_code(SendCodeRequest { phone: phone.into() }).await.unwrap();
    let code = code_for(kabinet, phone).await;
    let confirmed =
        kabinet.registration().verify_code(VerifyCodeRequest { phone: phone.into(), code }).await.unwrap();
    confirmed.ticket
}

pub fn full_draft(ticket: impl Into<Secret>) -> RegistrationDraft {
    RegistrationDraft {
        ticket: ticket.into(),
        surname: Some("Ёлкина-Соколова".into()),
        given_name: Some("Анна".into()),
        patronymic: Some("Сергеевна".into()),
        birth_date: Some("05.03.1990".into()),
        gender: Some("Ж".into()),
        password: Some(PASSWORD.into()),
        password_repeat: Some(PASSWORD.into()),
        accept_terms: Some(true),
        accept_personal_data: Some(true),
    }
}

pub async fn register(kabinet: &Client<'_>, phone: &str) -> String {
    let ticket = confirm_phone(kabinet, phone).await;
    kabinet.registration().complete(full_draft(ticket)).await.unwrap().account_number
}

pub fn sign_in_request(identifier: &str, password: &str) -> kabinet_core::contract::SignInRequest {
    kabinet_core::contract::SignInRequest {
        identifier: identifier.into(),
        password: password.into(),
        remember_me: false,
    }
}

/// A raw connection to the test's encrypted database, keyed from the keyring like the app's own
/// (with `secure_delete`, as the app sets it), for arranging and inspecting rows directly.
pub async fn raw_connection(dir: &std::path::Path) -> sqlx::SqliteConnection {
    use sqlx::ConnectOptions;
    let key = kabinet_core::vault::Vault::open(dir).unwrap().database_key().unwrap().unwrap();
    sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.join("kabinet.db"))
        .pragma("key", key.sqlcipher_literal().to_string())
        .pragma("secure_delete", "ON")
        .busy_timeout(std::time::Duration::from_secs(5))
        .connect()
        .await
        .unwrap()
}

/// The sealing keys of the test's data directory, derived as the app derives them.
pub fn test_keys(dir: &std::path::Path) -> kabinet_core::sealing::Keys {
    kabinet_core::sealing::Keys::from_vault(&kabinet_core::vault::Vault::open(dir).unwrap()).unwrap()
}

/// The account holding `phone`, found by its blind index.
pub async fn account_of(
    pool: &kabinet_core::db::Pool,
    keys: &kabinet_core::sealing::Keys,
    phone: &str,
) -> i64 {
    kabinet_core::db::query_scalar("SELECT account_id FROM identifiers WHERE kind = 'phone' AND lookup = ?")
        .bind(keys.index(phone))
        .fetch_one(pool)
        .await
        .unwrap()
}

/// The account's data key as the database holds it now; `None` once it is destroyed.
pub async fn account_sealer(
    pool: &kabinet_core::db::Pool,
    keys: &kabinet_core::sealing::Keys,
    account_id: i64,
) -> Option<kabinet_core::sealing::Sealer> {
    let wrapped: Option<Vec<u8>> =
        kabinet_core::db::query_scalar("SELECT wrapped FROM account_keys WHERE account_id = ?")
            .bind(account_id)
            .fetch_optional(pool)
            .await
            .unwrap();
    wrapped.map(|wrapped| keys.sealer_of(account_id, &wrapped).expect("the wrapping key opens it"))
}

/// Adds a confirmed identifier straight into the database, sealed and indexed as the core
/// stores one.
pub async fn add_identifier(dir: &tempfile::TempDir, phone: &str, kind: &str, value: &str) {
    let pool = raw_pool(dir.path()).await;
    let keys = test_keys(dir.path());
    let account_id = account_of(&pool, &keys, phone).await;
    let sealer = account_sealer(&pool, &keys, account_id).await.unwrap();
    kabinet_core::db::query(
        "INSERT INTO identifiers (kind, lookup, value, account_id, confirmed_at) VALUES (?, ?, ?, ?, 0)",
    )
    .bind(kind)
    .bind(keys.index(value))
    .bind(sealer.seal("identifiers.value", kind, value))
    .bind(account_id)
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
}

/// The TOTP code for the Base32 key shown to the citizen, computed independently (RFC 6238).
pub fn totp_code(manual_key: &str, unix: i64) -> Secret {
    use hmac::{Hmac, Mac};
    let secret = data_encoding::BASE32_NOPAD.decode(manual_key.replace(' ', "").as_bytes()).unwrap();
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&secret).unwrap();
    mac.update(&(unix / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let binary = u32::from_be_bytes(digest[offset..offset + 4].try_into().unwrap()) & 0x7fff_ffff;
    format!("{:06}", binary % 1_000_000).into()
}

/// Анна Ёлкина-Соколова's full profile (passport, СНИЛС, ИНН, address), saved with `code`.
pub fn anna_profile(code: kabinet_core::contract::Secret) -> kabinet_core::contract::ProfileUpdate {
    kabinet_core::contract::ProfileUpdate {
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
        address: Some("г. Москва, ул. Льва Толстого, д. 16".into()),
        code,
    }
}

/// Registers `phone`, signs in and saves [`anna_profile`] as `edit` leaves it; returns the
/// fixture and the account number.
pub async fn signed_in_with_profile(
    phone: &str,
    edit: impl FnOnce(&mut kabinet_core::contract::ProfileUpdate),
) -> (Fixture, String) {
    let f = fixture().await;
    let k = f.client();
    let number = register(&k, phone).await;
    k.session().sign_in(sign_in_request(phone, PASSWORD)).await.unwrap();
    k.profile().send_save_code().await.unwrap();
    let mut update = anna_profile(code_for(&k, phone).await);
    edit(&mut update);
    k.profile().save(update).await.unwrap();
    (f, number)
}

/// The password of the staff members tests create.
pub const STAFF_PASSWORD: &str = "Vx7#kQ2!mTz";

/// Adds a staff member with `role` and signs them in with a computed TOTP code, as a caller of
/// its own (a desk at a service centre).
pub async fn staff_desk(f: &Fixture, login: &str, role: &str) -> Caller {
    use kabinet_core::staff::types::{NewStaff, StaffSignInRequest};
    let created = machine(&f.kabinet)
        .team()
        .add(NewStaff {
            login: login.into(),
            full_name: "Петрова Анна Сергеевна".into(),
            role: role.into(),
            password: STAFF_PASSWORD.into(),
        })
        .await
        .unwrap();
    let caller = Caller::new();
    let code = totp_code(&created.secret, f.clock.now().unix_timestamp());
    let request = StaffSignInRequest { login: created.login, password: STAFF_PASSWORD.into(), code };
    f.kabinet.client(&caller).staff().sign_in(request).await.unwrap();
    caller
}

/// Runs the test `child` of this binary as a separate process with `envs` and
/// `KABINET_CRASH_AT=point` until it prints that it reached `point`, then kills it with SIGKILL
/// (a crash at that exact step); returns how it ended.
pub async fn crash_child_at(child: &str, envs: &[(&str, String)], point: &str) -> std::process::ExitStatus {
    use tokio::io::AsyncBufReadExt;
    let mut command = tokio::process::Command::new(std::env::current_exe().unwrap());
    command.args([child, "--exact", "--nocapture", "--test-threads=1"]).env("KABINET_CRASH_AT", point);
    for (name, value) in envs {
        command.env(name, value);
    }
    let mut child = command.stdout(std::process::Stdio::piped()).kill_on_drop(true).spawn().unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let marker = format!("KABINET_CRASH_POINT {point}");
    let reached = tokio::time::timeout(std::time::Duration::from_secs(120), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if line.contains(&marker) {
                return true;
            }
        }
        false
    });
    assert!(reached.await.unwrap(), "the child never reached {point}");
    child.kill().await.unwrap();
    child.wait().await.unwrap()
}

/// The machine's administrator (`kabinet-cli`), as the CLI reaches the core: every staff command,
/// audited as `cli:test`.
pub fn machine(kabinet: &Kabinet) -> Client<'_> {
    static MACHINE: std::sync::LazyLock<Caller> = std::sync::LazyLock::new(|| Caller::machine("test"));
    kabinet.client(&MACHINE)
}

/// An operator's approval of a restoration with the passport of the test citizen's profile.
pub fn restore_with_passport(account: &str) -> kabinet_core::closure::types::RestorationDecision {
    kabinet_core::closure::types::RestorationDecision {
        account_number: account.to_owned(),
        approve: true,
        passport_number: Some("4508 123456".into()),
        comment: None,
    }
}

/// `DROP TRIGGER` in the dialect of the engine under test (PostgreSQL names the table).
pub fn drop_trigger(trigger: &str, table: &str) -> String {
    if on_postgres() {
        format!("DROP TRIGGER {trigger} ON {table}")
    } else {
        format!("DROP TRIGGER {trigger}")
    }
}

/// Ends a test that is about the encrypted file itself (its pages, its key, its WAL) when the
/// suite runs on PostgreSQL; the PostgreSQL side of the same promise has its own test.
#[macro_export]
macro_rules! sqlite_only {
    () => {
        if $crate::common::on_postgres() {
            eprintln!("SQLCipher only: not run on PostgreSQL");
            return;
        }
    };
}

/// Ends a test about PostgreSQL itself when the suite runs on the encrypted file.
#[macro_export]
macro_rules! postgres_only {
    () => {
        if !$crate::common::on_postgres() {
            eprintln!("PostgreSQL only: not run on SQLCipher");
            return;
        }
    };
}
