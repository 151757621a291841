//! Staff sign-in: login, password and the authenticator code together, in one step.
//!
//! Rules: an empty field or a code that is not six digits is a form error and costs nothing.
//! Otherwise a wrong password, a wrong code or a code already used (its 30-second step, or an
//! earlier one, signed in before) is one failure; all answer the same «Неверный логин, пароль
//! или код» so a guesser never learns which part was right. 3 failures in a row lock the account
//! for 15 minutes (the third already answers with the lock and its end); during the lock every
//! attempt is refused unchecked and uncounted; a successful sign-in resets the count. Attempts
//! on one staff account are handled one at a time. An unknown or disabled login costs the same
//! Argon2 time and reads the same as a wrong password, and is never locked. Every attempt is in
//! the audit log, with the part that failed.
//!
//! The counting, the lock and the serialisation are [`crate::lockout`]'s, the same as citizens'
//! (keyed [`Key::Staff`], its counts in the `staff` table); this module adds what staff record,
//! the audit log.

use zeroize::Zeroizing;

use crate::auth::Token;
use crate::context::{Context, rfc3339};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::lockout::{self, Failure, Gate, Key};
use crate::staff::accounts::check_login;
use crate::staff::audit::{self, Actor, Entry};
use crate::staff::session;
use crate::staff::types::{StaffSignInRequest, StaffView};
use crate::validate::Invalid;
use crate::{password_hash, totp};

#[derive(sqlx::FromRow)]
struct Standing {
    id: i64,
    password_hash: String,
    totp_secret: crate::secret::SecretBytes,
    totp_last_step: Option<i64>,
    locked_until: Option<i64>,
    disabled_at: Option<i64>,
}

struct Answers {
    login: String,
    password: Zeroizing<String>,
    code: String,
}

fn check_form(ctx: &Context, request: &StaffSignInRequest) -> ApiResult<Answers> {
    let mut found = Vec::new();
    let login = check_login(&request.login).map_err(|code| found.push((Field::Login, code))).ok();
    let password = Zeroizing::new(request.password.trim().to_owned());
    if password.is_empty() {
        found.push((Field::Password, Invalid::Required));
    }
    let code: String = request.code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.is_empty() {
        found.push((Field::TotpCode, Invalid::Required));
    } else if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        found.push((Field::TotpCode, Invalid::TotpFormat));
    }
    match login {
        Some(login) if found.is_empty() => Ok(Answers { login, password, code }),
        _ => Err(ApiError::fields(found, ctx.locale())),
    }
}

fn wrong(ctx: &Context) -> ApiError {
    let text = ctx.locale().pick("Неверный логин, пароль или код", "Wrong login, password or code");
    ApiError::with_message(ErrorCode::InvalidCredentials, text)
}

fn locked(ctx: &Context, until: i64) -> ApiError {
    let text = ctx.locale().pick(
        "Пароль или код введены неверно 3 раза подряд. Вход заблокирован на 15 минут",
        "The password or the code was wrong 3 times in a row. Sign-in is locked for 15 minutes",
    );
    ApiError::with_message(ErrorCode::Locked, text).retry_at(rfc3339(until))
}

/// Checks the three answers under the lockout rule; starts a session when all are right and
/// returns it with its token (the caller's `previous` staff session, if any, ends). `gate`
/// serialises the attempts on each staff account.
pub async fn sign_in(
    ctx: &Context,
    gate: &Gate,
    previous: Option<Token>,
    request: &StaffSignInRequest,
) -> ApiResult<(StaffView, Token)> {
    let answers = check_form(ctx, request)?;
    let id: Option<i64> = crate::db::query_scalar("SELECT id FROM staff WHERE login = ?")
        .bind(&answers.login)
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    let _serialised = match id {
        Some(id) => Some(gate.enter(ctx, Key::Staff(id)).await?),
        None => None,
    };
    // Read under the gate: the count and the lock are the ones no other attempt is changing.
    let standing: Option<Standing> = match id {
        Some(id) => crate::db::query_as(
            "SELECT id, password_hash, totp_secret, totp_last_step, locked_until, disabled_at \
             FROM staff WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?,
        None => None,
    };
    let standing = match standing {
        Some(standing) if standing.disabled_at.is_none() => standing,
        other => {
            let actor = other.map_or(Actor::Unknown, |s| Actor::Staff(s.id));
            password_hash::verify(None, answers.password).await;
            refuse(ctx, actor, &answers.login, "unknown_or_disabled").await?;
            return Err(wrong(ctx));
        }
    };
    if let Some(until) = lockout::in_force(ctx, standing.locked_until) {
        refuse(ctx, Actor::Staff(standing.id), &answers.login, "locked").await?;
        return Err(locked(ctx, until));
    }
    let password_ok = password_hash::verify(Some(standing.password_hash.clone()), answers.password).await;
    let step = totp::matching_step(&standing.totp_secret, &answers.code, ctx.now())
        .filter(|step| standing.totp_last_step.is_none_or(|last| *step > last));
    match (password_ok, step) {
        (true, Some(step)) => succeed(ctx, previous, &standing, &answers.login, step).await,
        (false, _) => fail(ctx, &standing, &answers.login, Failure::Password).await,
        (true, None) => fail(ctx, &standing, &answers.login, Failure::Factor).await,
    }
}

async fn refuse(ctx: &Context, actor: Actor<'_>, login: &str, reason: &str) -> ApiResult<()> {
    let target = if actor == Actor::Unknown { "" } else { login };
    let details = serde_json::json!({ "reason": reason });
    audit::record(ctx, Entry { actor, action: "sign_in_refused", target, details }).await
}

async fn succeed(
    ctx: &Context,
    previous: Option<Token>,
    standing: &Standing,
    login: &str,
    step: i64,
) -> ApiResult<(StaffView, Token)> {
    let mut tx = ctx.write().await?;
    if let Some(previous) = previous {
        crate::db::query(
            "UPDATE staff_sessions SET ended_at = ?, end_reason = 'replaced' \
             WHERE token_hash = ? AND ended_at IS NULL",
        )
        .bind(ctx.now())
        .bind(crate::auth::token_hash(&previous))
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    }
    lockout::clear(ctx, &mut tx, Key::Staff(standing.id)).await?;
    crate::db::query("UPDATE staff SET totp_last_step = ? WHERE id = ?")
        .bind(step)
        .bind(standing.id)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    let token = session::start(ctx, &mut tx, standing.id).await?;
    let entry = Entry {
        actor: Actor::Staff(standing.id),
        action: "signed_in",
        target: login,
        details: serde_json::json!({}),
    };
    audit::append(ctx, &mut tx, entry).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    let authed =
        session::session_of(ctx, &token).await?.ok_or_else(|| ctx.error(ErrorCode::StaffNotSignedIn))?;
    Ok((authed.view(), Zeroizing::new(token)))
}

/// Counts a wrong password or code ([`lockout::count_failure`]) and records it, and the lock it
/// may start, in the audit log.
async fn fail<T>(ctx: &Context, standing: &Standing, login: &str, failure: Failure) -> ApiResult<T> {
    let mut tx = ctx.write().await?;
    let counted = lockout::count_failure(ctx, &mut tx, Key::Staff(standing.id), failure).await?;
    let actor = Actor::Staff(standing.id);
    let part = match failure {
        Failure::Password => "password",
        Failure::Factor => "code",
    };
    let details = serde_json::json!({ "wrong": part, "failures": counted.failures });
    audit::append(ctx, &mut tx, Entry { actor, action: "sign_in_failed", target: login, details }).await?;
    if let Some(until) = counted.locked_until {
        let details = serde_json::json!({ "until": rfc3339(until) });
        audit::append(ctx, &mut tx, Entry { actor, action: "locked", target: login, details }).await?;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    Err(match counted.locked_until {
        Some(until) => locked(ctx, until),
        None => wrong(ctx),
    })
}
