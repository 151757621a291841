//! Sign-in, the second factor, the current session, the session list and sign-out.
//!
//! The identifier may be a phone, an e-mail or a СНИЛС; all three resolve through one table
//! (`accounts`, which closure's restoration and «Забыли пароль?» use too).
//! After the password (see `signin`), an account with a second factor gets a challenge that
//! lives 5 minutes and allows 3 wrong codes; then the session starts. A password 90 days old or
//! older, or one marked compromised («Это был не я»), restricts the session to the password
//! change. «Запомнить меня» puts the session token in the OS keyring; without it the token
//! lives only in this process.

use zeroize::Zeroizing;

use crate::accounts::{find_account, parse_identifier};
use crate::auth::{self, Authed, Current};
use crate::context::{Context, rfc3339};
use crate::contract::{
    AccountStatus, Level, SecondFactorRequest, SessionInfo, SessionView, SignInOutcome, SignInRequest,
};
use crate::error::{ApiResult, ErrorCode};
use crate::notify::{self, SecurityEvent};
use crate::second_factor;
use crate::signin::{self, Gate};
use crate::vault::Vault;
use crate::{device, journal};

/// Days a password stays valid.
pub const PASSWORD_MAX_AGE_DAYS: i64 = 90;
/// Days before expiry from which the citizen is reminded.
pub const PASSWORD_REMIND_DAYS: i64 = 7;
const DAY: i64 = 24 * 3600;

/// The session flow.
pub struct Sessions<'a> {
    pub(crate) ctx: &'a Context,
    pub(crate) vault: &'a Vault,
    pub(crate) current: &'a Current,
    pub(crate) gate: &'a Gate,
}

impl Sessions<'_> {
    /// Checks the password; signs in, or asks for the second factor.
    pub async fn sign_in(&self, request: SignInRequest) -> ApiResult<SignInOutcome> {
        let ctx = self.ctx;
        let identifier = parse_identifier(ctx, &request.identifier)?;
        let found = find_account(ctx, &identifier).await?;
        let password = Zeroizing::new(request.password.trim().to_owned());
        let account_id = signin::check_password(ctx, self.gate, found, password).await?;
        crate::closure::refuse_closed(ctx, account_id).await?;
        crate::closure::forced::refuse_blocked(ctx, account_id).await?;
        if let Some(challenge) = second_factor::challenge(ctx, account_id, request.remember_me).await? {
            return Ok(challenge);
        }
        let session = self.start(account_id, request.remember_me).await?;
        Ok(SignInOutcome::SignedIn { session })
    }

    /// Completes a sign-in with a TOTP code, a code from a message or a backup code.
    pub async fn second_factor(&self, request: SecondFactorRequest) -> ApiResult<SessionView> {
        let (account_id, remember_me) = second_factor::answer(self.ctx, &request).await?;
        crate::closure::refuse_closed(self.ctx, account_id).await?;
        crate::closure::forced::refuse_blocked(self.ctx, account_id).await?;
        self.start(account_id, remember_me).await
    }

    /// The current session: this process's, else one remembered in the keyring.
    pub async fn current(&self) -> ApiResult<Option<SessionView>> {
        let mut held = self.current.token.lock().await;
        if held.is_none() {
            *held = self.vault.remembered_token().map_err(|code| self.ctx.error(code))?;
        }
        let Some(token) = held.clone() else { return Ok(None) };
        match auth::session_of(self.ctx, &token).await? {
            Some(authed) => view(self.ctx, &authed).await.map(Some),
            None => {
                *held = None;
                crate::documents::files::remove_private_copies(self.ctx);
                self.vault.forget_token().map_err(|code| self.ctx.error(code))?;
                Ok(None)
            }
        }
    }

    /// Ends the current session here and in the keyring.
    pub async fn sign_out(&self) -> ApiResult<()> {
        let ctx = self.ctx;
        crate::documents::files::remove_private_copies(ctx);
        if let Some(token) = self.current.token.lock().await.take() {
            let mut tx = ctx.write().await?;
            let account: Option<i64> = sqlx::query_scalar(
                "UPDATE sessions SET ended_at = ?, end_reason = 'signed_out' \
                 WHERE token_hash = ? AND ended_at IS NULL RETURNING account_id",
            )
            .bind(ctx.now())
            .bind(auth::token_hash(&token))
            .fetch_optional(&mut *tx)
            .await
            .map_err(ctx.db_error())?;
            if let Some(account_id) = account {
                journal::record(ctx, &mut tx, account_id, "signed_out").await?;
            }
            tx.commit().await.map_err(ctx.db_error())?;
        }
        self.vault.forget_token().map_err(|code| ctx.error(code))
    }

    /// The citizen's live sessions, this one marked.
    pub async fn list(&self) -> ApiResult<Vec<SessionInfo>> {
        let authed = self.current.require(self.ctx).await?;
        let rows: Vec<SessionRow> = sqlx::query_as(
            "SELECT id, device, os, ip, remembered, created_at, last_seen_at FROM sessions \
             WHERE account_id = ? AND ended_at IS NULL ORDER BY last_seen_at DESC",
        )
        .bind(authed.account_id)
        .fetch_all(&self.ctx.pool)
        .await
        .map_err(self.ctx.db_error())?;
        Ok(rows
            .into_iter()
            .map(|row| SessionInfo {
                current: row.id == authed.session_id,
                id: row.id,
                device: row.device,
                os: row.os,
                ip: row.ip,
                remembered: row.remembered,
                started_at: rfc3339(row.created_at),
                last_seen_at: rfc3339(row.last_seen_at),
            })
            .collect())
    }

    /// Ends one of the citizen's live sessions (this one signs out); another account's session,
    /// or one already ended, is `not_found` like every foreign id.
    pub async fn end(&self, session_id: i64) -> ApiResult<()> {
        let authed = self.current.require(self.ctx).await?;
        if session_id == authed.session_id {
            return self.sign_out().await;
        }
        let ended = sqlx::query(
            "UPDATE sessions SET ended_at = ?, end_reason = 'ended' \
             WHERE account_id = ? AND id = ? AND ended_at IS NULL",
        )
        .bind(self.ctx.now())
        .bind(authed.account_id)
        .bind(session_id)
        .execute(&self.ctx.pool)
        .await
        .map_err(self.ctx.db_error())?;
        if ended.rows_affected() == 0 {
            return Err(self.ctx.error(ErrorCode::NotFound));
        }
        Ok(())
    }

    /// «Завершить все сеансы»: ends every other session of the citizen.
    pub async fn end_others(&self) -> ApiResult<()> {
        let ctx = self.ctx;
        let authed = self.current.require(ctx).await?;
        let mut tx = ctx.write().await?;
        sqlx::query(
            "UPDATE sessions SET ended_at = ?, end_reason = 'ended' \
             WHERE account_id = ? AND id != ? AND ended_at IS NULL",
        )
        .bind(ctx.now())
        .bind(authed.account_id)
        .bind(authed.session_id)
        .execute(&mut *tx)
        .await
        .map_err(ctx.db_error())?;
        journal::record(ctx, &mut tx, authed.account_id, "sessions_ended").await?;
        tx.commit().await.map_err(ctx.db_error())
    }

    /// A page of «Журнал входов».
    pub async fn journal(&self, page: u32) -> ApiResult<journal::JournalPage> {
        let authed = self.current.require_full(self.ctx).await?;
        journal::page(self.ctx, authed.account_id, page).await
    }

    async fn start(&self, account_id: i64, remember_me: bool) -> ApiResult<SessionView> {
        let ctx = self.ctx;
        let token = Zeroizing::new(hex::encode(rand::random::<[u8; 32]>()));
        start_session(ctx, account_id, &token, remember_me).await?;
        if remember_me {
            self.vault.remember_token(&token).map_err(|code| ctx.error(code))?;
        } else {
            self.vault.forget_token().map_err(|code| ctx.error(code))?;
        }
        let authed = auth::session_of(ctx, &token).await?.ok_or_else(|| ctx.error(ErrorCode::NotSignedIn))?;
        *self.current.token.lock().await = Some(token);
        view(ctx, &authed).await
    }
}

async fn start_session(ctx: &Context, account_id: i64, token: &str, remembered: bool) -> ApiResult<()> {
    let now = ctx.now();
    let device = device::name();
    let mut tx = ctx.write().await?;
    let (seen_before, sessions_before): (i64, i64) =
        sqlx::query_as("SELECT coalesce(sum(device = ?), 0), count(*) FROM sessions WHERE account_id = ?")
            .bind(&device)
            .bind(account_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(ctx.db_error())?;
    let changed_at: i64 =
        sqlx::query_scalar("SELECT password_changed_at FROM credentials WHERE account_id = ?")
            .bind(account_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(ctx.db_error())?;
    let expired = password_expired(changed_at, now);
    sqlx::query(
        "INSERT INTO sessions (account_id, token_hash, remembered, device, os, created_at, last_seen_at, \
         authenticated_at, restricted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(account_id)
    .bind(auth::token_hash(token))
    .bind(remembered)
    .bind(&device)
    .bind(device::os())
    .bind(now)
    .bind(now)
    .bind(now)
    .bind(expired)
    .execute(&mut *tx)
    .await
    .map_err(ctx.db_error())?;
    signin::clear_failures(ctx, &mut tx, account_id).await?;
    journal::record(ctx, &mut tx, account_id, "signed_in").await?;
    if sessions_before > 0 && seen_before == 0 {
        notify::security(ctx, &mut tx, account_id, SecurityEvent::NewDevice).await?;
    }
    if !expired && expires_soon(changed_at, now) {
        remind_expiry(ctx, &mut tx, account_id).await?;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(())
}

/// Whether a password changed at `changed_at` has expired at `now` (90 full days or more).
pub fn password_expired(changed_at: i64, now: i64) -> bool {
    now - changed_at >= PASSWORD_MAX_AGE_DAYS * DAY
}

fn expires_soon(changed_at: i64, now: i64) -> bool {
    now - changed_at >= (PASSWORD_MAX_AGE_DAYS - PASSWORD_REMIND_DAYS) * DAY
}

async fn remind_expiry(ctx: &Context, conn: &mut sqlx::SqliteConnection, account_id: i64) -> ApiResult<()> {
    let reminded = sqlx::query(
        "UPDATE accounts SET expiry_reminded_at = ? WHERE id = ? \
         AND (expiry_reminded_at IS NULL OR expiry_reminded_at < ?)",
    )
    .bind(ctx.now())
    .bind(account_id)
    .bind(ctx.now() - DAY)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    if reminded.rows_affected() == 1 {
        notify::security(ctx, conn, account_id, SecurityEvent::PasswordExpiresSoon).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    device: String,
    os: String,
    ip: Option<String>,
    remembered: bool,
    created_at: i64,
    last_seen_at: i64,
}

#[derive(sqlx::FromRow)]
struct ViewRow {
    number: String,
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    level: Level,
    status: AccountStatus,
    phone: Option<String>,
    remembered: bool,
    created_at: i64,
    password_changed_at: i64,
}

/// What the home screen shows for a session.
pub async fn view(ctx: &Context, authed: &Authed) -> ApiResult<SessionView> {
    let row: ViewRow = sqlx::query_as(
        "SELECT a.number, a.surname, a.given_name, a.patronymic, a.level, a.status, \
                i.value AS phone, s.remembered, s.created_at, c.password_changed_at \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         JOIN credentials c ON c.account_id = a.id \
         LEFT JOIN identifiers i ON i.account_id = a.id AND i.kind = 'phone' \
         WHERE s.id = ?",
    )
    .bind(authed.session_id)
    .fetch_one(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let now = ctx.now();
    let full_name = [Some(row.surname), Some(row.given_name), row.patronymic]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(SessionView {
        account_number: row.number,
        full_name,
        level: row.level,
        status: row.status,
        phone: row.phone.unwrap_or_default(),
        remembered: row.remembered,
        started_at: rfc3339(row.created_at),
        password_change_required: authed.restricted,
        password_expires_at: rfc3339(row.password_changed_at + PASSWORD_MAX_AGE_DAYS * DAY),
        password_expires_soon: expires_soon(row.password_changed_at, now),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_expires_on_its_ninetieth_day() {
        assert!(!password_expired(0, 89 * DAY));
        assert!(!password_expired(0, 90 * DAY - 1));
        assert!(password_expired(0, 90 * DAY));
        assert!(password_expired(0, 91 * DAY));
    }

    #[test]
    fn the_reminder_starts_seven_days_before() {
        assert!(!expires_soon(0, 83 * DAY - 1));
        assert!(expires_soon(0, 83 * DAY));
    }
}
