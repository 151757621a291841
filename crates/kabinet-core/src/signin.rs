//! The password step of sign-in, with the lockout rule: 3 consecutive wrong passwords lock the
//! account for 15 minutes whichever identifier (phone, e-mail, СНИЛС) was used.
//!
//! Wrong second-factor codes count toward the same lockout (see [`Failure`]), at sign-in and
//! inside a session, and so do wrong passwords typed to re-authenticate or to change the
//! password: three wrong answers in a row of either kind lock the account.
//!
//! Attempts on one account are serialised in this process, so concurrent guesses cannot slip
//! past the count: at most 3 failures are accepted per lock window and a locked account never
//! signs in, whatever the password. Unknown identifiers cost the same Argon2 time and read the
//! same as a wrong password.
//!
//! The counting, the lock and the serialisation are [`crate::lockout`]'s, shared with staff
//! sign-in; this module adds what a citizen's failure records (the access journal, and at a lock
//! the security notification).

use zeroize::Zeroizing;

use crate::accounts::Readiness;
use crate::context::{Context, rfc3339};
use crate::error::{ApiResult, ErrorCode};
use crate::lockout::{self, Key};
use crate::notify::{self, SecurityEvent};
use crate::password_hash;

pub use crate::lockout::{Failure, Gate};

#[derive(sqlx::FromRow)]
struct Standing {
    password_hash: String,
    locked_until: Option<i64>,
    failed_sign_ins: i64,
    #[sqlx(flatten)]
    ready: Readiness,
}

/// Checks the password of `account_id` (or a dummy when unknown) under the lockout rule. A right
/// password clears the wrong-password count only: wrong second-factor answers keep counting
/// until a right one, so "right password → guess the code" cannot repeat without end.
pub async fn check_password(
    ctx: &Context,
    gate: &Gate,
    account_id: Option<i64>,
    password: Zeroizing<String>,
) -> ApiResult<(i64, Readiness)> {
    let Some(account_id) = account_id else {
        password_hash::verify(None, password).await;
        return Err(ctx.error(ErrorCode::InvalidCredentials));
    };
    match verify_password(ctx, gate, account_id, password, "sign_in_failed").await? {
        Some(ready) => Ok((account_id, ready)),
        None => Err(ctx.error(ErrorCode::InvalidCredentials)),
    }
}

/// Checks the password of a signed-in citizen (re-authentication, the password change, turning
/// the second factor off) under the same lockout as sign-in: a wrong one counts, is journalled
/// as `password_check_failed`, and the third in a row locks the account. `Ok(false)` is a wrong
/// password that did not lock; a lock (new or in force) is the `locked` error.
pub async fn check_password_in_session(
    ctx: &Context,
    gate: &Gate,
    account_id: i64,
    password: Zeroizing<String>,
) -> ApiResult<bool> {
    verify_password(ctx, gate, account_id, password, "password_check_failed")
        .await
        .map(|ready| ready.is_some())
}

async fn verify_password(
    ctx: &Context,
    gate: &Gate,
    account_id: i64,
    password: Zeroizing<String>,
    event: &str,
) -> ApiResult<Option<Readiness>> {
    let _turn = gate.enter(ctx, Key::Citizen(account_id)).await?;
    // With the password, in the same read, what a sign-in needs next (closed or blocked, a
    // second factor, counts to clear): one query, not two.
    const STANDING: &str = concat!(
        "SELECT c.password_hash, a.locked_until, a.failed_sign_ins, ",
        crate::accounts::readiness_columns!(),
        " FROM accounts a JOIN credentials c ON c.account_id = a.id WHERE a.id = ?2"
    );
    let standing: Standing = crate::db::query_as(STANDING)
        .bind(ctx.now())
        .bind(account_id)
        .fetch_one(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    if let Some(until) = lockout::in_force(ctx, standing.locked_until) {
        return Err(locked(ctx, until));
    }
    if password_hash::verify(Some(standing.password_hash), password).await {
        // Read under the gate, so no other attempt changed it since: nothing to clear (the
        // usual case) costs no write.
        if standing.failed_sign_ins > 0 {
            lockout::clear_password(ctx, &ctx.pool, Key::Citizen(account_id)).await?;
        }
        return Ok(Some(standing.ready));
    }
    let mut tx = ctx.write().await?;
    let locks = count_failure(ctx, &mut tx, account_id, Failure::Password, event).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    match locks {
        Some(until) => Err(locked(ctx, until)),
        None => Ok(None),
    }
}

/// The end of the account's lock, when one is in force now.
pub async fn locked_now(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    account_id: i64,
) -> ApiResult<Option<i64>> {
    lockout::locked_now(ctx, conn, Key::Citizen(account_id)).await
}

/// Counts one wrong answer inside the caller's write transaction ([`lockout::count_failure`])
/// and journals it as `event`; when it is the third in a row (passwords and codes together) the
/// account locks for 15 minutes, `locked` is journalled and the security notification queued.
/// Returns the lock's end when this answer locked.
pub async fn count_failure(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    account_id: i64,
    failure: Failure,
    event: &str,
) -> ApiResult<Option<i64>> {
    let counted = lockout::count_failure(ctx, conn, Key::Citizen(account_id), failure).await?;
    crate::journal::record(ctx, conn, account_id, event).await?;
    let Some(until) = counted.locked_until else { return Ok(None) };
    crate::journal::record(ctx, conn, account_id, "locked").await?;
    notify::security(ctx, conn, account_id, SecurityEvent::Lockout).await?;
    Ok(Some(until))
}

/// Clears both counts: the citizen has proved every factor the step asks for.
pub async fn clear_failures(ctx: &Context, conn: &mut crate::db::Conn, account_id: i64) -> ApiResult<()> {
    lockout::clear(ctx, conn, Key::Citizen(account_id)).await
}

/// The error for a locked account, with the unlock time.
pub fn locked(ctx: &Context, until: i64) -> crate::error::ApiError {
    ctx.error(ErrorCode::Locked).retry_at(rfc3339(until))
}
