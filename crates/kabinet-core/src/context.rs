//! What every domain module needs: the database, the clock and the citizen's language, plus the
//! small conversions between them that would otherwise be repeated in each module.

use crate::db::{Conn, Pool};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::clock::Clock;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::i18n::Locale;
use crate::vault::Vault;

/// The shared state of one open Кабинет.
#[derive(Clone)]
pub struct Context {
    /// The encrypted database.
    pub pool: Pool,
    /// The source of "now".
    pub clock: Clock,
    locale: std::sync::Arc<std::sync::RwLock<Locale>>,
    /// The keyring entries, for the delivery transports' credentials.
    pub vault: Option<Vault>,
    /// Whether every transport is local («Демонстрационная доставка»), kept current by delivery.
    pub demo_delivery: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The data directory, where the private copies handed to the system viewer live; `None`
    /// for a context over a bare pool (nothing of this process is on disk then).
    pub data_dir: Option<std::sync::Arc<std::path::Path>>,
    /// A streaming replica of the PostgreSQL database, for reads that tolerate its lag.
    pub replica: Option<Replica>,
    /// The wrapping key of the accounts' data keys and the blind-index key (`crate::sealing`).
    pub(crate) keys: Option<std::sync::Arc<crate::sealing::Keys>>,
}

/// A streaming replica (hot standby) and how it has served (see [`Context::lagging_read`]).
#[derive(Clone)]
pub struct Replica {
    pool: Pool,
    down_until: std::sync::Arc<std::sync::Mutex<Option<std::time::Instant>>>,
    served: std::sync::Arc<std::sync::atomic::AtomicU64>,
    fell_back: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// After a failed read, how long the replica is left alone before it is tried again.
const REPLICA_PAUSE: std::time::Duration = std::time::Duration::from_secs(10);

impl Replica {
    /// A replica reached through `pool`.
    pub fn new(pool: Pool) -> Self {
        Self {
            pool,
            down_until: std::sync::Arc::default(),
            served: std::sync::Arc::default(),
            fell_back: std::sync::Arc::default(),
        }
    }

    fn up(&self) -> bool {
        let down = self.down_until.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        down.is_none_or(|until| std::time::Instant::now() >= until)
    }

    fn failed(&self) {
        *self.down_until.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some(std::time::Instant::now() + REPLICA_PAUSE);
    }

    /// Reads the replica answered, and reads the primary answered instead since it was down.
    pub fn reads(&self) -> (u64, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.served.load(Relaxed), self.fell_back.load(Relaxed))
    }

    /// Closes its connections.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

impl Context {
    /// A context over an open pool.
    pub fn new(pool: Pool, clock: Clock, locale: Locale) -> Self {
        Self {
            pool,
            clock,
            locale: std::sync::Arc::new(std::sync::RwLock::new(locale)),
            vault: None,
            demo_delivery: std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true)),
            data_dir: None,
            replica: None,
            keys: None,
        }
    }

    /// The same context with a streaming replica for reads that tolerate lag.
    pub fn with_replica(mut self, replica: Option<Pool>) -> Self {
        self.replica = replica.map(Replica::new);
        self
    }

    /// Runs `read` — a read whose answer may lag the primary by the replica's delay (a history
    /// page, never the state a decision is made on) — on the streaming replica when one is
    /// configured and answering; else, or when it fails, on the primary (and the replica is left
    /// alone for 10 seconds). Why so few reads go there: almost every command also checks and
    /// touches its session on the primary, and a citizen must see their own fresh writes.
    pub async fn lagging_read<T, F, Fut>(&self, read: F) -> ApiResult<T>
    where
        F: Fn(Pool) -> Fut,
        Fut: std::future::Future<Output = sqlx::Result<T>>,
    {
        use std::sync::atomic::Ordering::Relaxed;
        if let Some(replica) = &self.replica {
            if replica.up() {
                match read(replica.pool.clone()).await {
                    Ok(value) => {
                        replica.served.fetch_add(1, Relaxed);
                        return Ok(value);
                    }
                    Err(error) => {
                        replica.failed();
                        tracing::warn!(cause = %crate::support::redact(&error.to_string()), "replica read failed: the primary answers");
                    }
                }
            }
            replica.fell_back.fetch_add(1, Relaxed);
        }
        read(self.pool.clone()).await.map_err(self.db_error())
    }

    /// One page of an account's history rows, newest first (`ORDER BY at DESC, id DESC`): the
    /// rows are counted, the page clamped to the pages there are, and that page read — where
    /// [`Context::lagging_read`] reads, since a history may lag a moment. «Журнал входов» and
    /// «История изменений» (the citizen's and the desk's) are such pages. `table` and `columns`
    /// are the caller's constants, never input. Returns the page shown, the pages and the rows.
    pub(crate) async fn history_page<R: crate::db::Record + Send + 'static>(
        &self,
        table: &'static str,
        columns: &'static str,
        account_id: i64,
        page: u32,
        size: i64,
    ) -> ApiResult<(u32, u32, Vec<R>)> {
        self.lagging_read(|pool| async move {
            let count = format!("SELECT count(*) FROM {table} WHERE account_id = ?");
            let total: i64 = crate::db::query_scalar(count).bind(account_id).fetch_one(&pool).await?;
            let pages = u32::try_from(((total + size - 1) / size).max(1)).unwrap_or(u32::MAX);
            let page = page.clamp(1, pages);
            let rows = format!(
                "SELECT {columns} FROM {table} WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?"
            );
            let rows: Vec<R> = crate::db::query_as(rows)
                .bind(account_id)
                .bind(size)
                .bind((i64::from(page) - 1) * size)
                .fetch_all(&pool)
                .await?;
            Ok((page, pages, rows))
        })
        .await
    }

    /// The same context with the keyring entries of its data directory and the sealing keys
    /// derived from its root secret.
    pub fn with_vault(mut self, vault: Vault, keys: crate::sealing::Keys) -> Self {
        self.keys = Some(std::sync::Arc::new(keys));
        self.vault = Some(vault);
        self
    }

    /// The same context knowing its data directory, so the end of a session or an account can
    /// remove the private files written there (`crate::documents::files::remove_private_copies`).
    pub fn with_data_dir(mut self, data_dir: &std::path::Path) -> Self {
        self.data_dir = Some(data_dir.into());
        self
    }

    /// The language of messages: the served call's own (`i18n::answering_in`), else this
    /// Кабинет's setting.
    pub fn locale(&self) -> Locale {
        if let Some(asked) = crate::i18n::asked() {
            return asked;
        }
        *self.locale.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Switches the language of messages.
    pub fn set_locale(&self, locale: Locale) {
        *self.locale.write().unwrap_or_else(std::sync::PoisonError::into_inner) = locale;
    }

    /// Now, as Unix seconds.
    pub fn now(&self) -> i64 {
        self.clock.now().unix_timestamp()
    }

    /// An error with the standard sentence for `code`.
    pub fn error(&self, code: ErrorCode) -> ApiError {
        ApiError::new(code, self.locale())
    }

    /// Maps a database failure to an internal error, without personal data.
    #[track_caller]
    pub fn db_error(&self) -> impl Fn(sqlx::Error) -> ApiError + '_ {
        // The log names the line that asked for the mapper, not this one.
        let at = std::panic::Location::caller();
        move |cause| ApiError::internal_at(cause, self.locale(), at)
    }

    /// A write transaction that takes the write lock at once, so two writers never deadlock.
    pub async fn write(&self) -> ApiResult<Conn> {
        self.pool.begin_write().await.map_err(self.db_error())
    }
}

/// Unix seconds as RFC 3339 in UTC, the form every timestamp takes in the contract.
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix).ok().and_then(|at| at.format(&Rfc3339).ok()).unwrap_or_default()
}
