//! The password step of sign-in, with the lockout rule: 3 consecutive wrong passwords lock the
//! account for 15 minutes whichever identifier (phone, e-mail, СНИЛС) was used.
//!
//! Attempts on one account are serialised in this process, so concurrent guesses cannot slip
//! past the count: at most 3 failures are accepted per lock window and a locked account never
//! signs in, whatever the password. Unknown identifiers cost the same Argon2 time and read the
//! same as a wrong password.

use std::collections::HashMap;
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::context::{Context, rfc3339};
use crate::error::{ApiResult, ErrorCode};
use crate::notify::{self, SecurityEvent};
use crate::password_hash;

/// Wrong passwords in a row that lock sign-in.
pub const LOCK_AFTER: i64 = 3;
/// How long a lock lasts, in seconds.
pub const LOCK_FOR: i64 = 15 * 60;

/// Serialises sign-in attempts per account.
#[derive(Default)]
pub struct Gate {
    locks: std::sync::Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>,
}

impl Gate {
    fn lock_for(&self, account_id: i64) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.locks.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        locks.entry(account_id).or_default().clone()
    }
}

#[derive(sqlx::FromRow)]
struct Standing {
    password_hash: String,
    failed_sign_ins: i64,
    locked_until: Option<i64>,
}

/// Checks the password of `account_id` (or a dummy when unknown) under the lockout rule.
pub async fn check_password(
    ctx: &Context,
    gate: &Gate,
    account_id: Option<i64>,
    password: Zeroizing<String>,
) -> ApiResult<i64> {
    let Some(account_id) = account_id else {
        password_hash::verify(None, password).await;
        return Err(ctx.error(ErrorCode::InvalidCredentials));
    };
    let lock = gate.lock_for(account_id);
    let _serialised = lock.lock().await;
    let standing: Standing = sqlx::query_as(
        "SELECT c.password_hash, a.failed_sign_ins, a.locked_until FROM accounts a \
         JOIN credentials c ON c.account_id = a.id WHERE a.id = ?",
    )
    .bind(account_id)
    .fetch_one(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let now = ctx.now();
    if let Some(until) = standing.locked_until.filter(|until| *until > now) {
        return Err(locked(ctx, until));
    }
    if password_hash::verify(Some(standing.password_hash), password).await {
        reset_failures(ctx, account_id).await?;
        return Ok(account_id);
    }
    record_failure(ctx, account_id, standing.failed_sign_ins + 1).await
}

/// The error for a locked account, with the unlock time.
pub fn locked(ctx: &Context, until: i64) -> crate::error::ApiError {
    ctx.error(ErrorCode::Locked).retry_at(rfc3339(until))
}

async fn reset_failures(ctx: &Context, account_id: i64) -> ApiResult<()> {
    sqlx::query("UPDATE accounts SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?")
        .bind(account_id)
        .execute(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

async fn record_failure(ctx: &Context, account_id: i64, failures: i64) -> ApiResult<i64> {
    let now = ctx.now();
    let mut tx = ctx.write().await?;
    let locks = failures >= LOCK_AFTER;
    sqlx::query("UPDATE accounts SET failed_sign_ins = ?, locked_until = ? WHERE id = ?")
        .bind(if locks { 0 } else { failures })
        .bind(locks.then_some(now + LOCK_FOR))
        .bind(account_id)
        .execute(&mut *tx)
        .await
        .map_err(ctx.db_error())?;
    crate::journal::record(ctx, &mut tx, account_id, "sign_in_failed").await?;
    if locks {
        crate::journal::record(ctx, &mut tx, account_id, "locked").await?;
        notify::security(ctx, &mut tx, account_id, SecurityEvent::Lockout).await?;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    crate::outbox::kick(ctx).await;
    if locks { Err(locked(ctx, now + LOCK_FOR)) } else { Err(ctx.error(ErrorCode::InvalidCredentials)) }
}
