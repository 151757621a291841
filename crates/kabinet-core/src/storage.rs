//! Opening the database safely: the encrypted file of the data directory (the default), or a
//! PostgreSQL database when the configuration names one.
//!
//! The order matters: the key is checked on one plain, read-only connection before anything is
//! written, so a wrong or missing key never produces a new empty database over an existing one,
//! and a database written by a newer version is refused before migrations could touch it.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, SqliteConnection, SqlitePool};

use crate::config::Config;
use crate::db::Pool;
use crate::error::ErrorCode;
use crate::vault::{DbKey, MasterKey, Vault};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");
/// The same schema in PostgreSQL's dialect, version for version (`engines::the_two_schemas_match`).
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

/// An open, migrated, encrypted database and the keyring entries of its data directory.
pub struct Storage {
    /// The connection pool.
    pub pool: Pool,
    /// The keyring entries of this data directory.
    pub vault: Vault,
    /// The sealing keys derived from its root secret (`crate::sealing`).
    pub keys: crate::sealing::Keys,
    /// A streaming replica of the PostgreSQL database, connected lazily (one that is down at
    /// start is not a reason not to start).
    pub replica: Option<Pool>,
}

/// Opens (or, on first start, creates) the encrypted database of `config`.
pub async fn open(config: &Config) -> Result<Storage, ErrorCode> {
    std::fs::create_dir_all(&config.data_dir).map_err(|_| ErrorCode::DataDirUnavailable)?;
    let vault = match &config.master_key {
        Some(text) => Vault::with_master_key(&config.data_dir, MasterKey::from_hex(text)?),
        None => Vault::open(&config.data_dir)?,
    };
    if let Some(url) = &config.database_url {
        let pool = postgres(url).await?;
        let replica = config.replica_url.as_deref().map(replica).transpose()?;
        let keys = crate::sealing::Keys::from_vault(&vault)?;
        return Ok(Storage { pool, vault, keys, replica });
    }
    let path = config.database_path();
    let exists = database_exists(&path);
    let key = match vault.database_key()? {
        Some(key) => key,
        None if exists => return Err(ErrorCode::KeyMissing),
        None => vault.create_database_key()?,
    };
    if exists {
        check_key_and_version(&path, &key).await?;
    }
    let pool = pool(&path, &key).await?;
    MIGRATOR.run(&pool).await.map_err(|e| internal("migrate", &e))?;
    // A keyring's keys derive from the database key just read; a master key's from the master.
    let keys = if vault.is_master() {
        crate::sealing::Keys::from_vault(&vault)?
    } else {
        crate::sealing::Keys::from_database_key(&key)
    };
    Ok(Storage { pool: Pool::Sqlite(pool), vault, keys, replica: None })
}

fn database_exists(path: &Path) -> bool {
    std::fs::metadata(path).map(|meta| meta.len() > 0).unwrap_or(false)
}

/// The options every connection opens with. sqlx keeps the key literal in them to key each new
/// connection of the pool, as a plain `String` it never wipes (it offers no hook for that): it
/// gets the one copy, moved out of the wiping buffer rather than cloned, and nothing else here
/// holds the key in clear. The check's options are dropped right after its one connection.
fn base_options(path: &Path, key: &DbKey) -> SqliteConnectOptions {
    let mut literal = key.sqlcipher_literal();
    SqliteConnectOptions::from_str("sqlite:")
        .unwrap_or_default()
        .filename(path)
        .pragma("key", std::mem::take(&mut *literal))
        .pragma("cipher_log_level", "NONE")
        .disable_statement_logging()
}

async fn check_key_and_version(path: &Path, key: &DbKey) -> Result<(), ErrorCode> {
    let options = base_options(path, key).create_if_missing(false).read_only(true);
    let mut conn = options.connect().await.map_err(|_| ErrorCode::KeyWrong)?;
    let readable =
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM sqlite_master").fetch_one(&mut conn).await;
    if readable.is_err() {
        return Err(ErrorCode::KeyWrong);
    }
    let newest = newest_applied_migration(&mut conn).await?;
    let _ = conn.close().await;
    let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    match newest {
        Some(version) if version > known => Err(ErrorCode::DatabaseTooNew),
        _ => Ok(()),
    }
}

async fn newest_applied_migration(conn: &mut SqliteConnection) -> Result<Option<i64>, ErrorCode> {
    let has_table: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| internal("schema", &e))?;
    if has_table == 0 {
        return Ok(None);
    }
    sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations")
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| internal("schema", &e))
}

async fn pool(path: &Path, key: &DbKey) -> Result<SqlitePool, ErrorCode> {
    let options = base_options(path, key)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .pragma("secure_delete", "ON");
    SqlitePoolOptions::new()
        .max_connections(4)
        .min_connections(1)
        // A connection to a local file cannot go stale between two calls; pinging it on every
        // acquire only added a round trip to the connection's worker thread per query.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .map_err(|e| internal("pool", &e))
}

/// Connects to PostgreSQL, refuses a database migrated by a newer version, and migrates it.
/// Several processes may start at once: sqlx's migrator takes an advisory lock for the run.
async fn postgres(url: &str) -> Result<Pool, ErrorCode> {
    let options = PgConnectOptions::from_str(url)
        .map_err(|e| unavailable("url", &e))?
        .application_name("kabinet")
        .disable_statement_logging();
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| unavailable("connect", &e))?;
    let newest: Option<i64> = sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        // No table yet: a fresh database.
        .unwrap_or(None);
    let known = POSTGRES_MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    if newest.is_some_and(|version| version > known) {
        return Err(ErrorCode::DatabaseTooNew);
    }
    POSTGRES_MIGRATOR.run(&pool).await.map_err(|e| internal("migrate", &e))?;
    Ok(Pool::Postgres(pool))
}

/// A pool on a streaming replica: connected on first use, a short wait for a connection (a
/// replica that does not answer is skipped, not waited for), never migrated (it is read-only).
fn replica(url: &str) -> Result<Pool, ErrorCode> {
    let options = PgConnectOptions::from_str(url)
        .map_err(|e| unavailable("replica url", &e))?
        .application_name("kabinet-replica")
        .disable_statement_logging();
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(2))
        .connect_lazy_with(options);
    Ok(Pool::Postgres(pool))
}

fn unavailable(stage: &str, error: &dyn std::fmt::Display) -> ErrorCode {
    tracing::error!(stage, cause = %crate::support::redact(&error.to_string()), "database unreachable");
    ErrorCode::DatabaseUnavailable
}

fn internal(stage: &str, error: &dyn std::fmt::Display) -> ErrorCode {
    tracing::error!(stage, cause = %crate::support::redact(&error.to_string()), "storage could not open");
    ErrorCode::Internal
}
