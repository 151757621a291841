//! The second factor: a TOTP app (RFC 6238) or a code by SMS or e-mail, plus 10 single-use
//! backup codes shown once. A sign-in of an account with a second factor stops after the
//! password with a challenge (5 minutes, 3 wrong answers) that a code or a backup code answers.

use crate::db::Conn;
use subtle::ConstantTimeEq;

use crate::context::{Context, rfc3339};
use crate::contract::{BackupCodes, SecondFactorKind, SecondFactorRequest, SignInOutcome, TotpSetup};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::notify::{self, SecurityEvent};
use crate::otp::{self, Purpose};
use crate::outbox::{self, Channel, NewMessage};
use crate::signin::{self, Failure};
use crate::{journal, totp};

const CHALLENGE_TTL: i64 = 5 * 60;
const CHALLENGE_ATTEMPTS: i64 = 3;
/// How many backup codes are issued at a time.
pub const BACKUP_CODES: usize = 10;

#[derive(sqlx::FromRow)]
struct Factor {
    kind: String,
    secret: Option<crate::secret::SecretBytes>,
    enabled_at: Option<i64>,
    last_step: Option<i64>,
}

async fn factor(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Option<Factor>> {
    crate::db::query_as("SELECT kind, secret, enabled_at, last_step FROM second_factors WHERE account_id = ?")
        .bind(account_id)
        .fetch_optional(conn)
        .await
        .map_err(ctx.db_error())
}

fn kind_of(text: &str) -> SecondFactorKind {
    match text {
        "sms" => SecondFactorKind::Sms,
        "email" => SecondFactorKind::Email,
        _ => SecondFactorKind::Totp,
    }
}

/// After a right password: the challenge for an account with a second factor, else `None`.
pub async fn challenge(
    ctx: &Context,
    account_id: i64,
    remember_me: bool,
) -> ApiResult<Option<SignInOutcome>> {
    // Most accounts have no factor: find that out without taking the write lock.
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    if factor(ctx, &mut conn, account_id).await?.filter(|f| f.enabled_at.is_some()).is_none() {
        return Ok(None);
    }
    drop(conn);
    let mut tx = ctx.write().await?;
    let Some(found) = factor(ctx, &mut tx, account_id).await?.filter(|f| f.enabled_at.is_some()) else {
        return Ok(None);
    };
    let token = hex::encode(rand::random::<[u8; 32]>());
    let now = ctx.now();
    crate::db::query(
        "INSERT INTO sign_in_challenges (token_hash, account_id, remember_me, created_at, expires_at, attempts_left) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(crate::auth::token_hash(&token))
    .bind(account_id)
    .bind(remember_me)
    .bind(now)
    .bind(now + CHALLENGE_TTL)
    .bind(CHALLENGE_ATTEMPTS)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let method = kind_of(&found.kind);
    let destination = match method {
        SecondFactorKind::Totp => None,
        SecondFactorKind::Sms | SecondFactorKind::Email => {
            Some(send_code(ctx, &mut tx, account_id, method).await?)
        }
    };
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(Some(SignInOutcome::SecondFactor { challenge: token.into(), method, destination }))
}

async fn send_code(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    method: SecondFactorKind,
) -> ApiResult<String> {
    let kind = if method == SecondFactorKind::Email { "email" } else { "phone" };
    let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
    let destination = crate::accounts::identifier(ctx, &mut *conn, &key, account_id, kind, true)
        .await?
        .ok_or_else(|| ApiError::internal("the second factor's contact is gone", ctx.locale()))?;
    let issued = otp::issue(ctx, conn, Purpose::SignIn, &destination).await?;
    let body = ctx
        .locale()
        .pick(
            "Код для входа в Кабинет: {code}. Никому не сообщайте его.",
            "Your Кабинет sign-in code: {code}. Do not share it.",
        )
        .replace("{code}", &issued.code);
    let channel = if method == SecondFactorKind::Email { Channel::Email } else { Channel::Sms };
    let subject = ctx.locale().pick("Код для входа", "Sign-in code");
    let message = NewMessage {
        account_id: Some(account_id),
        channel,
        destination: &destination,
        kind: "sign_in_code",
        subject,
        body: &body,
    };
    outbox::enqueue(ctx, conn, message).await?;
    Ok(destination)
}

/// Answers a challenge; returns the account and whether to remember the session.
///
/// A wrong answer counts toward the account's lockout like a wrong password (see
/// `signin::Failure`), across challenges: the third wrong answer in a row locks the account,
/// however many times the password was right in between. A locked account's challenge is
/// refused without looking at the code.
pub async fn answer(ctx: &Context, request: &SecondFactorRequest) -> ApiResult<(i64, bool)> {
    let now = ctx.now();
    let mut tx = ctx.write().await?;
    let challenge = async |tx: &mut crate::db::Conn| -> ApiResult<Option<(i64, bool, i64)>> {
        crate::db::query_as(
            "SELECT account_id, (remember_me <> 0), attempts_left FROM sign_in_challenges \
             WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        )
        .bind(crate::auth::token_hash(&request.challenge))
        .bind(now)
        .fetch_optional(tx)
        .await
        .map_err(ctx.db_error())
    };
    let Some((account_id, ..)) = challenge(&mut tx).await? else {
        return Err(ctx.error(ErrorCode::ChallengeExpired));
    };
    // Answers on one account take turns across processes sharing PostgreSQL, as passwords do
    // (SQLite's writers already do); the challenge is read again once it is this answer's turn.
    if tx.engine() == crate::db::Engine::Postgres {
        crate::db::serialize(&mut tx, crate::db::exclusive::citizen(account_id))
            .await
            .map_err(ctx.db_error())?;
    }
    let Some((account_id, remember_me, attempts_left)) = challenge(&mut tx).await? else {
        return Err(ctx.error(ErrorCode::ChallengeExpired));
    };
    if let Some(until) = signin::locked_now(ctx, &mut tx, account_id).await? {
        return Err(signin::locked(ctx, until));
    }
    if !code_matches(ctx, &mut tx, account_id, &request.code).await? {
        let left = attempts_left - 1;
        crate::db::query("UPDATE sign_in_challenges SET attempts_left = ?, used_at = CASE WHEN ? <= 0 THEN ? END WHERE token_hash = ?")
            .bind(left)
            .bind(left)
            .bind(now)
            .bind(crate::auth::token_hash(&request.challenge))
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        let locks =
            signin::count_failure(ctx, &mut tx, account_id, Failure::Factor, "sign_in_failed").await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        return Err(match locks {
            Some(until) => signin::locked(ctx, until),
            None if left <= 0 => ctx.error(ErrorCode::ChallengeExpired),
            None => ctx.error(ErrorCode::CodeWrong).attempts_left(left as u32),
        });
    }
    crate::db::query("UPDATE sign_in_challenges SET used_at = ? WHERE token_hash = ?")
        .bind(now)
        .bind(crate::auth::token_hash(&request.challenge))
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    signin::clear_failures(ctx, &mut tx, account_id).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok((account_id, remember_me))
}

/// Whether `code` is a right answer of the account's factor: six digits are the TOTP or the
/// message code, anything else a backup code (used up when right).
async fn code_matches(ctx: &Context, conn: &mut Conn, account_id: i64, code: &str) -> ApiResult<bool> {
    let code = code.trim().replace([' ', '-'], "");
    if code.len() == 6 {
        factor_code_matches(ctx, conn, account_id, &code).await
    } else {
        use_backup_code(ctx, conn, account_id, &code).await
    }
}

/// Checks the current factor's code inside a session (turning the factor off, renewing the
/// backup codes, switching to SMS) under the lockout: a wrong code counts like a wrong sign-in
/// code and is journalled as `factor_check_failed`; a right one clears the counts. `Ok(false)`
/// is a wrong code that did not lock; a lock is the `locked` error. An account without a factor
/// has nothing to check: `Ok(true)`.
pub async fn check_in_session(ctx: &Context, account_id: i64, code: &str) -> ApiResult<bool> {
    let mut tx = ctx.write().await?;
    if let Some(until) = signin::locked_now(ctx, &mut tx, account_id).await? {
        return Err(signin::locked(ctx, until));
    }
    if factor(ctx, &mut tx, account_id).await?.filter(|f| f.enabled_at.is_some()).is_none() {
        return Ok(true);
    }
    if code_matches(ctx, &mut tx, account_id, code).await? {
        signin::clear_failures(ctx, &mut tx, account_id).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        return Ok(true);
    }
    let locks =
        signin::count_failure(ctx, &mut tx, account_id, Failure::Factor, "factor_check_failed").await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    match locks {
        Some(until) => Err(signin::locked(ctx, until)),
        None => Ok(false),
    }
}

/// Whether the account has a second factor turned on.
pub async fn is_on(ctx: &Context, account_id: i64) -> ApiResult<bool> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    Ok(factor(ctx, &mut conn, account_id).await?.is_some_and(|f| f.enabled_at.is_some()))
}

async fn factor_code_matches(ctx: &Context, conn: &mut Conn, account_id: i64, code: &str) -> ApiResult<bool> {
    let Some(found) = factor(ctx, conn, account_id).await? else { return Ok(false) };
    match kind_of(&found.kind) {
        SecondFactorKind::Totp => {
            let secret = found.secret.unwrap_or_default();
            let Some(step) = totp::matching_step(&secret, code, ctx.now()) else { return Ok(false) };
            if found.last_step.is_some_and(|last| step <= last) {
                return Ok(false);
            }
            crate::db::query(
                "UPDATE second_factors SET last_step = ?, last_used_at = ? WHERE account_id = ?",
            )
            .bind(step)
            .bind(ctx.now())
            .bind(account_id)
            .execute(conn)
            .await
            .map_err(ctx.db_error())?;
            Ok(true)
        }
        method => {
            let kind = if method == SecondFactorKind::Email { "email" } else { "phone" };
            let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
            let destination = crate::accounts::identifier(ctx, &mut *conn, &key, account_id, kind, false)
                .await?
                .ok_or_else(|| ApiError::internal("the second factor's contact is gone", ctx.locale()))?;
            let verified = otp::verify(ctx, conn, Purpose::SignIn, &destination, code).await.is_ok();
            if verified {
                crate::db::query("UPDATE second_factors SET last_used_at = ? WHERE account_id = ?")
                    .bind(ctx.now())
                    .bind(account_id)
                    .execute(conn)
                    .await
                    .map_err(ctx.db_error())?;
            }
            Ok(verified)
        }
    }
}

async fn use_backup_code(ctx: &Context, conn: &mut Conn, account_id: i64, code: &str) -> ApiResult<bool> {
    let codes: Vec<(i64, Vec<u8>)> = crate::db::query_as(
        "SELECT id, code_hash FROM backup_codes WHERE account_id = ? AND used_at IS NULL",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let wanted = crate::auth::token_hash(&code.to_ascii_uppercase());
    let Some((id, _)) = codes.into_iter().find(|(_, stored)| bool::from(stored.ct_eq(&wanted))) else {
        return Ok(false);
    };
    crate::db::query("UPDATE backup_codes SET used_at = ? WHERE id = ?")
        .bind(ctx.now())
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    journal::record(ctx, conn, account_id, "backup_code_used").await?;
    Ok(true)
}

/// Starts TOTP set-up: a new secret waiting for the first code from the app.
pub async fn totp_begin(ctx: &Context, account_id: i64, account_label: &str) -> ApiResult<TotpSetup> {
    let secret = totp::new_secret();
    crate::db::query(
        "INSERT INTO second_factors (account_id, kind, secret) VALUES (?, 'totp', ?) \
         ON CONFLICT (account_id) DO UPDATE SET kind = 'totp', secret = excluded.secret, enabled_at = NULL, \
         last_step = NULL WHERE second_factors.enabled_at IS NULL",
    )
    .bind(account_id)
    .bind(&secret[..])
    .execute(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let uri = totp::provisioning_uri(&secret[..], account_label);
    Ok(TotpSetup { manual_key: totp::manual_key(&secret[..]), qr_svg: crate::qr_svg::svg(&uri).into(), uri })
}

/// Turns the pending TOTP on with the first code from the app; returns fresh backup codes. Every
/// other session of the account ends.
pub async fn totp_enable(
    ctx: &Context,
    account_id: i64,
    keep_session: i64,
    code: &str,
) -> ApiResult<BackupCodes> {
    let mut tx = ctx.write().await?;
    let pending =
        factor(ctx, &mut tx, account_id).await?.filter(|f| f.enabled_at.is_none() && f.kind == "totp");
    let Some(pending) = pending else { return Err(ctx.error(ErrorCode::CodeMissing)) };
    let secret = pending.secret.unwrap_or_default();
    let Some(step) = totp::matching_step(&secret, code, ctx.now()) else {
        return Err(ctx.error(ErrorCode::CodeWrong));
    };
    crate::db::query(
        "UPDATE second_factors SET enabled_at = ?, last_step = ?, last_used_at = ? WHERE account_id = ?",
    )
    .bind(ctx.now())
    .bind(step)
    .bind(ctx.now())
    .bind(account_id)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let codes = replace_backup_codes(ctx, &mut tx, account_id).await?;
    journal::record(ctx, &mut tx, account_id, "second_factor_enabled").await?;
    crate::auth::end_other_sessions(ctx, &mut tx, account_id, keep_session, "factor_changed").await?;
    notify::security(ctx, &mut tx, account_id, SecurityEvent::SecondFactorChanged).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(codes)
}

/// Turns on a code by SMS to the confirmed phone as the second factor (the caller has checked
/// the current factor, if any). Every other session of the account ends.
pub async fn sms_enable(ctx: &Context, account_id: i64, keep_session: i64) -> ApiResult<BackupCodes> {
    let mut tx = ctx.write().await?;
    crate::db::query(
        "INSERT INTO second_factors (account_id, kind, enabled_at) VALUES (?, 'sms', ?) \
         ON CONFLICT (account_id) DO UPDATE SET kind = 'sms', secret = NULL, enabled_at = excluded.enabled_at",
    )
    .bind(account_id)
    .bind(ctx.now())
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let codes = replace_backup_codes(ctx, &mut tx, account_id).await?;
    journal::record(ctx, &mut tx, account_id, "second_factor_enabled").await?;
    crate::auth::end_other_sessions(ctx, &mut tx, account_id, keep_session, "factor_changed").await?;
    notify::security(ctx, &mut tx, account_id, SecurityEvent::SecondFactorChanged).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(codes)
}

/// Turns the second factor off and drops the backup codes. Every other session of the account
/// ends.
pub async fn disable(ctx: &Context, account_id: i64, keep_session: i64) -> ApiResult<()> {
    let mut tx = ctx.write().await?;
    for sql in
        ["DELETE FROM second_factors WHERE account_id = ?", "DELETE FROM backup_codes WHERE account_id = ?"]
    {
        crate::db::query(sql).bind(account_id).execute(&mut tx).await.map_err(ctx.db_error())?;
    }
    journal::record(ctx, &mut tx, account_id, "second_factor_disabled").await?;
    crate::auth::end_other_sessions(ctx, &mut tx, account_id, keep_session, "factor_changed").await?;
    notify::security(ctx, &mut tx, account_id, SecurityEvent::SecondFactorChanged).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(())
}

/// Issues 10 new backup codes, invalidating the old ones. Every other session of the account
/// ends.
pub async fn renew_backup_codes(ctx: &Context, account_id: i64, keep_session: i64) -> ApiResult<BackupCodes> {
    let mut tx = ctx.write().await?;
    let codes = replace_backup_codes(ctx, &mut tx, account_id).await?;
    journal::record(ctx, &mut tx, account_id, "backup_codes_renewed").await?;
    crate::auth::end_other_sessions(ctx, &mut tx, account_id, keep_session, "factor_changed").await?;
    notify::security(ctx, &mut tx, account_id, SecurityEvent::SecondFactorChanged).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(codes)
}

async fn replace_backup_codes(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<BackupCodes> {
    crate::db::query("DELETE FROM backup_codes WHERE account_id = ?")
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    let mut codes = Vec::with_capacity(BACKUP_CODES);
    for _ in 0..BACKUP_CODES {
        let code = new_backup_code();
        crate::db::query("INSERT INTO backup_codes (account_id, code_hash, created_at) VALUES (?, ?, ?)")
            .bind(account_id)
            .bind(crate::auth::token_hash(&code.replace('-', "")))
            .bind(ctx.now())
            .execute(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
        codes.push(code.into());
    }
    Ok(BackupCodes { codes, issued_at: rfc3339(ctx.now()) })
}

/// `XXXX-XXXX` from an alphabet without look-alikes (no 0/O, 1/I/L).
fn new_backup_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let chars: String = (0..8).map(|_| char::from(ALPHABET[rand::random_range(0..ALPHABET.len())])).collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}
