//! One-time codes, one mechanism for every purpose.
//!
//! Rules (domain.md): 6 digits from a CSPRNG, stored only as a salted SHA-256, valid 5 minutes,
//! 3 wrong entries burn the code, 60 s between sends for one purpose to one destination, at most
//! 5 sends to one destination per rolling hour, whatever the purpose. A code is bound to its purpose and destination; a new code
//! replaces the open one for the same pair. Comparison is constant-time.

use crate::db::Conn;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::context::{Context, rfc3339};
use crate::error::{ApiResult, ErrorCode};

/// How long a code is valid, in seconds.
pub const CODE_TTL: i64 = 5 * 60;
/// Wrong entries that burn a code.
pub const MAX_ATTEMPTS: i64 = 3;
/// Seconds between two sends to one destination.
pub const RESEND_COOLDOWN: i64 = 60;
/// Sends to one destination per rolling hour.
pub const HOURLY_LIMIT: usize = 5;
const HOUR: i64 = 3600;

/// What a code is for; a code for one purpose never confirms another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirming the phone during registration.
    Registration,
    /// The second factor by SMS or e-mail at sign-in.
    SignIn,
    /// «Забыли пароль?».
    PasswordReset,
    /// Saving the profile.
    ProfileSave,
    /// Confirming a new phone or e-mail.
    ContactChange,
    /// Confirming a closure request.
    Closure,
    /// Restoring a closed account.
    Restore,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Registration => "registration",
            Purpose::SignIn => "sign_in",
            Purpose::PasswordReset => "password_reset",
            Purpose::ProfileSave => "profile_confirm",
            Purpose::ContactChange => "contact_change",
            Purpose::Closure => "closure",
            Purpose::Restore => "restore",
        }
    }
}

/// A freshly issued code: the plaintext leaves only through the outbox.
pub struct Issued {
    /// The six digits.
    pub code: Zeroizing<String>,
    /// Unix seconds after which the code no longer works.
    pub expires_at: i64,
    /// Unix seconds from which another code may be requested.
    pub resend_at: i64,
    /// Codes that may still be sent to this destination in the current hour.
    pub sends_left: u32,
}

/// Codes of one destination are issued and checked one at a time, also across processes sharing
/// PostgreSQL: the cooldown, the hourly limit and the three tries are read and written by one
/// transaction at a time (SQLite's writers take turns already).
async fn take_turn(ctx: &Context, conn: &mut Conn, destination: &str) -> ApiResult<()> {
    let digest = Sha256::digest(format!("otp\0{destination}").as_bytes());
    let mut key = [0u8; 8];
    key.copy_from_slice(&digest[..8]);
    crate::db::serialize(conn, i64::from_be_bytes(key)).await.map_err(ctx.db_error())
}

/// Issues a new code inside the caller's write transaction.
pub async fn issue(ctx: &Context, conn: &mut Conn, purpose: Purpose, destination: &str) -> ApiResult<Issued> {
    // Rows name their destination only by its blind index (crate::sealing).
    let lookup = ctx.keys()?.index(destination);
    let destination = lookup.as_str();
    let now = ctx.now();
    take_turn(ctx, conn, destination).await?;
    let recent: Vec<(i64, String)> = crate::db::query_as(
        "SELECT created_at, purpose FROM one_time_codes WHERE destination = ? AND created_at > ? \
         ORDER BY created_at",
    )
    .bind(destination)
    .bind(now - HOUR)
    .fetch_all(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let same_purpose: Vec<i64> =
        recent.iter().filter(|(_, p)| p == purpose.as_str()).map(|(at, _)| *at).collect();
    let recent: Vec<i64> = recent.into_iter().map(|(at, _)| at).collect();
    if let Some(retry_at) = refusal_until(&recent, &same_purpose, now) {
        return Err(ctx.error(ErrorCode::RateLimited).retry_at(rfc3339(retry_at)));
    }
    crate::db::query(
        "UPDATE one_time_codes SET closed_at = ?, closed_why = 'replaced' \
         WHERE destination = ? AND purpose = ? AND closed_at IS NULL",
    )
    .bind(now)
    .bind(destination)
    .bind(purpose.as_str())
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let code = Zeroizing::new(format!("{:06}", rand::random_range(0..1_000_000u32)));
    let salt: [u8; 16] = rand::random();
    crate::db::query(
        "INSERT INTO one_time_codes \
         (purpose, destination, code_hash, salt, created_at, expires_at, attempts_left) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(purpose.as_str())
    .bind(destination)
    .bind(digest(&salt, purpose, destination, &code).to_vec())
    .bind(salt.to_vec())
    .bind(now)
    .bind(now + CODE_TTL)
    .bind(MAX_ATTEMPTS)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let (mut sent, mut sent_for_purpose) = (recent, same_purpose);
    sent.push(now);
    sent_for_purpose.push(now);
    Ok(Issued {
        code,
        expires_at: now + CODE_TTL,
        resend_at: next_send_at(&sent, &sent_for_purpose, now),
        sends_left: HOURLY_LIMIT.saturating_sub(sent.len()) as u32,
    })
}

/// How long a code's row is kept: a day, far past every use (5 minutes to enter it, an hour
/// of sending limits).
pub const KEPT_FOR: i64 = 24 * HOUR;

/// Deletes the rows of codes issued more than a day ago (the delivery worker runs it): they
/// serve no limit any more, and a row names its destination — a phone that may never have
/// registered, or the pseudo destination of an unknown identifier (see `probe`).
pub async fn sweep(ctx: &Context) -> ApiResult<u64> {
    let swept = crate::db::query("DELETE FROM one_time_codes WHERE created_at < ?")
        .bind(ctx.now() - KEPT_FOR)
        .execute(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    Ok(swept.rows_affected())
}

/// When a send is refused now, the time it will be allowed.
fn refusal_until(sent: &[i64], sent_for_purpose: &[i64], now: i64) -> Option<i64> {
    let allowed_at = next_send_at(sent, sent_for_purpose, now);
    (allowed_at > now).then_some(allowed_at)
}

/// The earliest time of the next send, given the send times of the last hour (ascending) to the
/// destination, all purposes and this purpose alone: the cooldown is per purpose (a reset code
/// right after a registration code is fine), the hourly limit per destination.
fn next_send_at(sent: &[i64], sent_for_purpose: &[i64], now: i64) -> i64 {
    let in_window: Vec<i64> = sent.iter().copied().filter(|at| *at > now - HOUR).collect();
    let after_cooldown = sent_for_purpose.last().map_or(now, |last| last + RESEND_COOLDOWN);
    let after_hourly =
        if in_window.len() >= HOURLY_LIMIT { in_window[in_window.len() - HOURLY_LIMIT] + HOUR } else { now };
    after_cooldown.max(after_hourly).max(now)
}

/// Checks a code inside the caller's write transaction; a right code is used up. The caller
/// commits also when the code is refused, so that wrong entries count.
pub async fn verify(
    ctx: &Context,
    conn: &mut Conn,
    purpose: Purpose,
    destination: &str,
    code: &str,
) -> ApiResult<()> {
    let lookup = ctx.keys()?.index(destination);
    let destination = lookup.as_str();
    let now = ctx.now();
    take_turn(ctx, conn, destination).await?;
    let row: Option<CodeRow> = crate::db::query_as(
        "SELECT id, code_hash, salt, expires_at, attempts_left, closed_why FROM one_time_codes \
         WHERE destination = ? AND purpose = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(destination)
    .bind(purpose.as_str())
    .fetch_optional(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let Some(CodeRow { id, code_hash, salt, expires_at, attempts_left, closed_why }) = row else {
        return Err(ctx.error(ErrorCode::CodeMissing));
    };
    match closed_why.as_deref() {
        Some("burned") => return Err(ctx.error(ErrorCode::CodeBurned)),
        Some(_) => return Err(ctx.error(ErrorCode::CodeMissing)),
        None => {}
    }
    if now >= expires_at {
        return Err(ctx.error(ErrorCode::CodeExpired));
    }
    let matches: bool = digest(&salt, purpose, destination, code).ct_eq(code_hash.as_slice()).into();
    if matches {
        close(ctx, conn, id, "used").await?;
        return Ok(());
    }
    let left = attempts_left - 1;
    if left <= 0 {
        close(ctx, conn, id, "burned").await?;
        return Err(ctx.error(ErrorCode::CodeBurned));
    }
    crate::db::query("UPDATE one_time_codes SET attempts_left = ? WHERE id = ?")
        .bind(left)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    Err(ctx.error(ErrorCode::CodeWrong).attempts_left(left as u32))
}

#[derive(sqlx::FromRow)]
struct CodeRow {
    id: i64,
    code_hash: Vec<u8>,
    salt: Vec<u8>,
    expires_at: i64,
    attempts_left: i64,
    closed_why: Option<String>,
}

async fn close(ctx: &Context, conn: &mut Conn, id: i64, why: &str) -> ApiResult<()> {
    crate::db::query("UPDATE one_time_codes SET closed_at = ?, closed_why = ? WHERE id = ?")
        .bind(ctx.now())
        .bind(why)
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

fn digest(salt: &[u8], purpose: Purpose, destination: &str, code: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(salt);
    hasher.update(purpose.as_str().as_bytes());
    hasher.update([0]);
    hasher.update(destination.as_bytes());
    hasher.update([0]);
    hasher.update(code.trim().as_bytes());
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cooldown_ends_sixty_seconds_after_the_last_send() {
        assert_eq!(next_send_at(&[1000], &[1000], 1059), 1060);
        assert_eq!(refusal_until(&[1000], &[1000], 1059), Some(1060));
        assert_eq!(refusal_until(&[1000], &[1000], 1060), None);
        assert_eq!(refusal_until(&[1000], &[], 1001), None);
    }

    #[test]
    fn sixth_send_in_an_hour_waits_for_the_oldest_to_leave_the_window() {
        let sent = [0, 100, 200, 300, 400];
        assert_eq!(refusal_until(&sent, &[], 500), Some(3600));
        assert_eq!(refusal_until(&sent[..4], &[], 500), None);
        assert_eq!(refusal_until(&sent, &[], 3601), None);
    }
}
