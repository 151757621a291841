//! Who is calling: the session of this process, checked against the database on every call.
//!
//! Every authorisation decision starts here. A session ends when signed out, ended from another
//! session, ended by «Это был не я» or a password reset, or when idle longer than the idle
//! timeout (default 15 minutes, a setting) — except a «Запомнить меня» session, which is meant to
//! outlive a closed app (the open app still signs out after the idle time). A session opened with an expired or compromised
//! password is restricted: only the password change is allowed. Sensitive actions also need a
//! password entry within the last 10 minutes.

use sha2::{Digest, Sha256};
use tokio::sync::Mutex;
use zeroize::Zeroizing;

use crate::context::Context;
use crate::error::{ApiResult, ErrorCode};

/// Seconds after which sensitive actions ask for the password again.
pub const REAUTH_AFTER: i64 = 10 * 60;
/// The idle timeout when no setting says otherwise, in minutes.
pub const DEFAULT_IDLE_MINUTES: i64 = 15;

/// The session token this process holds.
#[derive(Default)]
pub struct Current {
    pub(crate) token: Mutex<Option<Zeroizing<String>>>,
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

/// The idle timeout in minutes.
pub async fn idle_minutes(ctx: &Context) -> ApiResult<i64> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'idle_minutes'")
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_IDLE_MINUTES))
}

/// The live session of `token`, ending it first if it has been idle too long; refreshes its
/// last activity.
pub async fn session_of(ctx: &Context, token: &str) -> ApiResult<Option<Authed>> {
    let now = ctx.now();
    let idle = idle_minutes(ctx).await? * 60;
    let hash = token_hash(token);
    let mut tx = ctx.write().await?;
    let found: Option<(Authed, i64, bool)> = sqlx::query_as::<_, (i64, i64, i64, bool, i64, bool)>(
        "SELECT s.id, s.account_id, s.authenticated_at, a.must_change_password OR s.restricted, s.last_seen_at, \
                s.remembered \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = ? AND s.ended_at IS NULL",
    )
    .bind(&hash)
    .fetch_optional(&mut *tx)
    .await
    .map_err(ctx.db_error())?
    .map(|(session_id, account_id, authenticated_at, restricted, last_seen, remembered)| {
        (Authed { session_id, account_id, authenticated_at, restricted }, last_seen, remembered)
    });
    let Some((authed, last_seen, remembered)) = found else { return Ok(None) };
    if !remembered && now - last_seen > idle {
        sqlx::query("UPDATE sessions SET ended_at = ?, end_reason = 'idle' WHERE id = ?")
            .bind(now)
            .bind(authed.session_id)
            .execute(&mut *tx)
            .await
            .map_err(ctx.db_error())?;
        tx.commit().await.map_err(ctx.db_error())?;
        return Ok(None);
    }
    sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE id = ?")
        .bind(now)
        .bind(authed.session_id)
        .execute(&mut *tx)
        .await
        .map_err(ctx.db_error())?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(Some(authed))
}

impl Current {
    /// The signed-in citizen, or `not_signed_in`.
    pub async fn require(&self, ctx: &Context) -> ApiResult<Authed> {
        let token = self.token.lock().await.clone();
        let Some(token) = token else { return Err(ctx.error(ErrorCode::NotSignedIn)) };
        session_of(ctx, &token).await?.ok_or_else(|| ctx.error(ErrorCode::NotSignedIn))
    }

    /// The signed-in citizen with an unrestricted session.
    pub async fn require_full(&self, ctx: &Context) -> ApiResult<Authed> {
        let authed = self.require(ctx).await?;
        if authed.restricted {
            return Err(ctx.error(ErrorCode::PasswordChangeRequired));
        }
        Ok(authed)
    }

    /// The signed-in citizen who entered the password within the last 10 minutes.
    pub async fn require_recent(&self, ctx: &Context) -> ApiResult<Authed> {
        let authed = self.require_full(ctx).await?;
        if ctx.now() - authed.authenticated_at > REAUTH_AFTER {
            return Err(ctx.error(ErrorCode::ReauthenticationRequired));
        }
        Ok(authed)
    }
}
