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
        }
    }

    /// The same context with the keyring entries of its data directory.
    pub fn with_vault(mut self, vault: Vault) -> Self {
        self.vault = Some(vault);
        self
    }

    /// The same context knowing its data directory, so the end of a session or an account can
    /// remove the private files written there (`crate::documents::files::remove_private_copies`).
    pub fn with_data_dir(mut self, data_dir: &std::path::Path) -> Self {
        self.data_dir = Some(data_dir.into());
        self
    }

    /// The language of messages.
    pub fn locale(&self) -> Locale {
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
