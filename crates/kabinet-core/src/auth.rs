//! Who is calling: the session of this process, checked against the database on every call.
//!
//! Every authorisation decision starts here. A session ends when signed out, ended from another
//! session, ended by «Это был не я», a password reset or change, a second-factor change or a new
//! contact (all but the session that made the change), when idle longer than its account's idle
//! timeout (default 15 minutes, each account's own setting), and at the latest 12 hours after it
//! began — 30 days for «Запомнить меня», which survives a restart of the app but not the idle
//! timeout nor its lifetime. The checks run in the core on every call, whatever the shell does.
//! A session opened with an expired or compromised
//! password is restricted: only the password change is allowed. Sensitive actions also need a
//! password entry within the last 10 minutes.

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::context::Context;
use crate::error::{ApiResult, ErrorCode};

/// Seconds after which sensitive actions ask for the password again.
pub const REAUTH_AFTER: i64 = 10 * 60;
/// The idle timeout when the account has no setting of its own, in minutes.
pub const DEFAULT_IDLE_MINUTES: i64 = 15;
/// The absolute lifetime of a session, in seconds: 12 hours.
pub const SESSION_LIFETIME: i64 = 12 * 3600;
/// The absolute lifetime of a «Запомнить меня» session, in seconds: 30 days.
pub const REMEMBERED_LIFETIME: i64 = 30 * 24 * 3600;

/// A session token as a caller holds it: 64 hex digits, wiped from memory when dropped.
pub type Token = Zeroizing<String>;

/// Who is calling, as the caller itself knows it: the session tokens it holds (a window of the
/// app, one request to a server, a test playing one person). Nothing else: every call resolves
/// them afresh against the database (`api::authorize`), so one open Кабинет serves any number of
/// callers at once and none sees another's session. The sign-in calls fill it, the sign-out
/// calls empty it; it is never kept inside [`crate::Kabinet`].
#[derive(Default)]
pub struct Caller {
    citizen: std::sync::Mutex<Option<Token>>,
    staff: std::sync::Mutex<Option<Token>>,
    /// Whether the OS keyring was already asked for a «Запомнить меня» session (once per caller).
    pub(crate) keyring_read: std::sync::atomic::AtomicBool,
    /// The OS user of the machine's administrator (`kabinet-cli`), who opened the database with
    /// the key in their own keyring and so acts with a supervisor's rights, recorded as
    /// `cli:<user>`. Never set from a request: only Rust code holding the open database makes one.
    machine: Option<String>,
}

impl Caller {
    /// A caller holding nothing yet: nobody signed in.
    pub fn new() -> Self {
        Self::default()
    }

    /// A caller presenting tokens it already holds (a server request's bearer token).
    pub fn with_tokens(citizen: Option<Token>, staff: Option<Token>) -> Self {
        let caller = Self::default();
        caller.set_citizen(citizen);
        caller.set_staff(staff);
        caller
    }

    /// The machine's administrator, running `kabinet-cli` as OS user `os_user`: every staff
    /// command is open to it (as to a supervisor) and each is audited as `cli:<os_user>`.
    pub fn machine(os_user: &str) -> Self {
        let user: String = os_user.chars().filter(|c| !c.is_control()).take(64).collect();
        Self { machine: Some(user), ..Self::default() }
    }

    /// The OS user of a machine caller.
    pub fn machine_user(&self) -> Option<&str> {
        self.machine.as_deref()
    }

    /// The citizen session token held, if any.
    pub fn citizen_token(&self) -> Option<Token> {
        self.citizen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// The staff session token held, if any.
    pub fn staff_token(&self) -> Option<Token> {
        self.staff.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub(crate) fn set_citizen(&self, token: Option<Token>) {
        *self.citizen.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = token;
    }

    pub(crate) fn take_citizen(&self) -> Option<Token> {
        self.citizen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
    }

    pub(crate) fn set_staff(&self, token: Option<Token>) {
        *self.staff.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = token;
    }

    pub(crate) fn take_staff(&self) -> Option<Token> {
        self.staff.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
    }
}

/// A checked, live session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Authed {
    /// The session's row.
    pub session_id: i64,
    /// The citizen.
    pub account_id: i64,
    /// When the password was last entered in this session (Unix seconds).
    pub authenticated_at: i64,
    /// Only the password change is allowed.
    pub restricted: bool,
}

/// The SHA-256 under which a high-entropy secret is stored: session tokens, registration and
/// reset tickets, sign-in challenges and backup codes.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The idle timeout of an account in minutes: its own setting, else the default.
pub async fn idle_minutes(ctx: &Context, account_id: i64) -> ApiResult<i64> {
    let value: Option<i64> = crate::db::query_scalar("SELECT idle_minutes FROM accounts WHERE id = ?")
        .bind(account_id)
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?
        .flatten();
    Ok(value.unwrap_or(DEFAULT_IDLE_MINUTES))
}

/// How long a session may live from its start, whatever its activity: 12 hours, or 30 days for
/// «Запомнить меня». After that the password (and the second factor) are asked again.
pub fn lifetime(remembered: bool) -> i64 {
    if remembered { REMEMBERED_LIFETIME } else { SESSION_LIFETIME }
}

#[derive(sqlx::FromRow)]
struct Found {
    id: i64,
    account_id: i64,
    authenticated_at: i64,
    restricted: bool,
    last_seen_at: i64,
    remembered: bool,
    created_at: i64,
    idle_minutes: Option<i64>,
}

/// The live session of `token`, ending it first if it has been idle longer than its account's
/// idle timeout or has outlived its lifetime; refreshes its last activity.
pub async fn session_of(ctx: &Context, token: &str) -> ApiResult<Option<Authed>> {
    live(ctx, Key::Token(token_hash(token))).await
}

/// Whether the session already resolved as `authed` is still live, for work that spans many
/// steps (a ZIP export file by file): a session that ended, idled out or outlived its lifetime
/// meanwhile stops it with `not_signed_in`, as it would stop any new call.
pub async fn still_live(ctx: &Context, authed: &Authed) -> ApiResult<()> {
    match live(ctx, Key::Id(authed.session_id)).await? {
        Some(_) => Ok(()),
        None => Err(ctx.error(ErrorCode::NotSignedIn)),
    }
}

enum Key {
    Token(Vec<u8>),
    Id(i64),
}

async fn live(ctx: &Context, key: Key) -> ApiResult<Option<Authed>> {
    let now = ctx.now();
    let mut tx = ctx.write().await?;
    const BY_TOKEN: &str = "SELECT s.id, s.account_id, s.authenticated_at, \
        (a.must_change_password <> 0 OR s.restricted <> 0) AS restricted, s.last_seen_at, (s.remembered <> 0) AS remembered, s.created_at, \
        a.idle_minutes FROM sessions s JOIN accounts a ON a.id = s.account_id \
        WHERE s.token_hash = ? AND s.ended_at IS NULL";
    const BY_ID: &str = "SELECT s.id, s.account_id, s.authenticated_at, \
        (a.must_change_password <> 0 OR s.restricted <> 0) AS restricted, s.last_seen_at, (s.remembered <> 0) AS remembered, s.created_at, \
        a.idle_minutes FROM sessions s JOIN accounts a ON a.id = s.account_id \
        WHERE s.id = ? AND s.ended_at IS NULL";
    let found: Option<Found> = match key {
        Key::Token(hash) => crate::db::query_as(BY_TOKEN).bind(hash).fetch_optional(&mut tx).await,
        Key::Id(id) => crate::db::query_as(BY_ID).bind(id).fetch_optional(&mut tx).await,
    }
    .map_err(ctx.db_error())?;
    let Some(found) = found else { return Ok(None) };
    let idle = found.idle_minutes.unwrap_or(DEFAULT_IDLE_MINUTES) * 60;
    let ended = if now - found.created_at >= lifetime(found.remembered) {
        Some("expired")
    } else if now - found.last_seen_at > idle {
        Some("idle")
    } else {
        None
    };
    if let Some(reason) = ended {
        crate::db::query("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ?")
            .bind(now)
            .bind(reason)
            .bind(found.id)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        tx.commit().await.map_err(ctx.db_error())?;
        return Ok(None);
    }
    crate::db::query("UPDATE sessions SET last_seen_at = ? WHERE id = ?")
        .bind(now)
        .bind(found.id)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(Some(Authed {
        session_id: found.id,
        account_id: found.account_id,
        authenticated_at: found.authenticated_at,
        restricted: found.restricted,
    }))
}

/// Ends every live session of the account except `keep`, inside the caller's transaction: after
/// a password or second-factor change, or a new phone or e-mail, whoever else holds a session
/// must sign in again with what is now true. Returns how many ended.
pub async fn end_other_sessions(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    account_id: i64,
    keep: i64,
    reason: &str,
) -> ApiResult<u64> {
    let ended = crate::db::query(
        "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE account_id = ? AND id != ? AND ended_at IS NULL",
    )
    .bind(ctx.now())
    .bind(reason)
    .bind(account_id)
    .bind(keep)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(ended.rows_affected())
}

/// The live citizen session `caller` holds, or `not_signed_in` (the copies of documents handed
/// to the viewer are removed when a held session turns out to have ended).
pub async fn citizen_of(ctx: &Context, caller: &Caller) -> ApiResult<Authed> {
    let Some(token) = caller.citizen_token() else { return Err(ctx.error(ErrorCode::NotSignedIn)) };
    match session_of(ctx, &token).await? {
        Some(authed) => Ok(authed),
        None => {
            caller.set_citizen(None);
            crate::documents::files::remove_private_copies(ctx);
            Err(ctx.error(ErrorCode::NotSignedIn))
        }
    }
}
