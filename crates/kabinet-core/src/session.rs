//! Sign-in, the second factor, the current session, the session list and sign-out.
//!
//! The identifier may be a phone, an e-mail or a СНИЛС; all three resolve through one table
//! (`accounts`, which closure's restoration and «Забыли пароль?» use too).
//! After the password (see `signin`), an account with a second factor gets a challenge that
//! lives 5 minutes and allows 3 wrong codes; then the session starts. A password 90 days old or
//! older, or one marked compromised («Это был не я»), restricts the session to the password
//! change. The token goes to the [`Caller`] that signed in (a window, a request, a test) and
//! nowhere else; «Запомнить меня» also puts it in the OS keyring, and only then is the keyring
//! touched.

use std::sync::atomic::Ordering;

use zeroize::Zeroizing;

use crate::accounts::{find_account, parse_identifier};
use crate::auth::{self, Authed, Caller, Token};
use crate::context::{Context, rfc3339};
use crate::contract::{
    AccountStatus, EndSessionRequest, JournalRequest, Level, SecondFactorRequest, SessionInfo, SessionView,
    SignInOutcome, SignInRequest,
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
    pub(crate) gate: &'a Gate,
}

impl Sessions<'_> {
    /// Checks the password; signs in, or asks for the second factor.
    pub async fn sign_in(&self, caller: &Caller, request: SignInRequest) -> ApiResult<SignInOutcome> {
        let ctx = self.ctx;
        let identifier = parse_identifier(ctx, &request.identifier)?;
        let found = find_account(ctx, &identifier).await?;
        let password = Zeroizing::new(request.password.trim().to_owned());
        let (account_id, ready) = signin::check_password(ctx, self.gate, found, password).await?;
        refuse_unless_clear(ctx, account_id, &ready).await?;
        if ready.has_factor
            && let Some(challenge) = second_factor::challenge(ctx, account_id, request.remember_me).await?
        {
            return Ok(challenge);
        }
        let session = self.start(caller, account_id, request.remember_me, ready.has_failures).await?;
        Ok(SignInOutcome::SignedIn { session })
    }

    /// Completes a sign-in with a TOTP code, a code from a message or a backup code.
    pub async fn second_factor(
        &self,
        caller: &Caller,
        request: SecondFactorRequest,
    ) -> ApiResult<SessionView> {
        let (account_id, remember_me) = second_factor::answer(self.ctx, &request).await?;
        let ready = crate::accounts::readiness(self.ctx, account_id).await?;
        refuse_unless_clear(self.ctx, account_id, &ready).await?;
        self.start(caller, account_id, remember_me, true).await
    }

    /// The caller's session; a caller holding none looks once in the OS keyring for one kept
    /// with «Запомнить меня» (the only time the keyring is read for a session).
    pub async fn current(&self, caller: &Caller) -> ApiResult<Option<SessionView>> {
        let ctx = self.ctx;
        let mut from_keyring = false;
        if caller.citizen_token().is_none() && !caller.keyring_read.swap(true, Ordering::Relaxed) {
            let remembered = self.vault.remembered_token().map_err(|code| ctx.error(code))?;
            from_keyring = remembered.is_some();
            caller.set_citizen(remembered);
        }
        let Some(token) = caller.citizen_token() else { return Ok(None) };
        match auth::session_of(ctx, &token).await? {
            Some(authed) => view(ctx, &authed).await.map(Some),
            None => {
                caller.set_citizen(None);
                crate::documents::files::remove_private_copies(ctx);
                if from_keyring || self.was_remembered(&token).await? {
                    self.vault.forget_token().map_err(|code| ctx.error(code))?;
                }
                Ok(None)
            }
        }
    }

    /// Ends the caller's session; the OS keyring is cleared only if the session was kept there.
    pub async fn sign_out(&self, caller: &Caller) -> ApiResult<()> {
        let ctx = self.ctx;
        crate::documents::files::remove_private_copies(ctx);
        let Some(token) = caller.take_citizen() else { return Ok(()) };
        let mut tx = ctx.write().await?;
        let ended: Option<(i64, bool)> = crate::db::query_as(
            "UPDATE sessions SET ended_at = ?, end_reason = 'signed_out' \
             WHERE token_hash = ? AND ended_at IS NULL RETURNING account_id, (remembered <> 0)",
        )
        .bind(ctx.now())
        .bind(auth::token_hash(&token))
        .fetch_optional(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        if let Some((account_id, _)) = ended {
            journal::record(ctx, &mut tx, account_id, "signed_out").await?;
        }
        tx.commit().await.map_err(ctx.db_error())?;
        if ended.is_some_and(|(_, remembered)| remembered) || self.was_remembered(&token).await? {
            self.vault.forget_token().map_err(|code| ctx.error(code))?;
        }
        Ok(())
    }

    /// Whether `token`'s session (live or ended) was a «Запомнить меня» one.
    async fn was_remembered(&self, token: &str) -> ApiResult<bool> {
        let remembered: Option<bool> =
            crate::db::query_scalar("SELECT (remembered <> 0) FROM sessions WHERE token_hash = ?")
                .bind(auth::token_hash(token))
                .fetch_optional(&self.ctx.pool)
                .await
                .map_err(self.ctx.db_error())?;
        Ok(remembered.unwrap_or(false))
    }

    /// The citizen's live sessions, this one marked.
    pub async fn list(&self, authed: &Authed) -> ApiResult<Vec<SessionInfo>> {
        let rows: Vec<SessionRow> = crate::db::query_as(
            "SELECT id, device, os, ip, (remembered <> 0) AS remembered, created_at, last_seen_at FROM sessions \
             WHERE account_id = ? AND ended_at IS NULL ORDER BY last_seen_at DESC",
        )
        .bind(authed.account_id)
        .fetch_all(&self.ctx.pool)
        .await
        .map_err(self.ctx.db_error())?;
        let ctx = self.ctx;
        let key = crate::sealing::account_key(ctx, &ctx.pool, authed.account_id).await?;
        rows.into_iter()
            .map(|row| {
                let id = row.id;
                Ok(SessionInfo {
                    current: id == authed.session_id,
                    id,
                    device: key.open("sessions.device", id, &row.device).map_err(ctx.unreadable())?,
                    os: key.open("sessions.os", id, &row.os).map_err(ctx.unreadable())?,
                    ip: key.open_opt("sessions.ip", id, row.ip.as_deref()).map_err(ctx.unreadable())?,
                    remembered: row.remembered,
                    started_at: rfc3339(row.created_at),
                    last_seen_at: rfc3339(row.last_seen_at),
                })
            })
            .collect()
    }

    /// Ends one of the citizen's live sessions (this one signs out); another account's session,
    /// or one already ended, is `not_found` like every foreign id.
    pub async fn end(&self, authed: &Authed, request: EndSessionRequest) -> ApiResult<()> {
        let session_id = request.id;
        if session_id == authed.session_id {
            return self.end_this(authed).await;
        }
        let ended = crate::db::query(
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
    pub async fn end_others(&self, authed: &Authed) -> ApiResult<()> {
        let ctx = self.ctx;
        let mut tx = ctx.write().await?;
        crate::db::query(
            "UPDATE sessions SET ended_at = ?, end_reason = 'ended' \
             WHERE account_id = ? AND id != ? AND ended_at IS NULL",
        )
        .bind(ctx.now())
        .bind(authed.account_id)
        .bind(authed.session_id)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        journal::record(ctx, &mut tx, authed.account_id, "sessions_ended").await?;
        tx.commit().await.map_err(ctx.db_error())
    }

    /// A page of «Журнал входов».
    pub async fn journal(&self, authed: &Authed, request: JournalRequest) -> ApiResult<journal::JournalPage> {
        journal::page(self.ctx, authed.account_id, request.page).await
    }

    /// Ends the session the citizen is using (from the list): a sign-out from the inside, the
    /// keyring cleared if it was kept there.
    async fn end_this(&self, authed: &Authed) -> ApiResult<()> {
        let ctx = self.ctx;
        crate::documents::files::remove_private_copies(ctx);
        let mut tx = ctx.write().await?;
        let remembered: Option<bool> = crate::db::query_scalar(
            "UPDATE sessions SET ended_at = ?, end_reason = 'signed_out' \
             WHERE id = ? AND ended_at IS NULL RETURNING (remembered <> 0)",
        )
        .bind(ctx.now())
        .bind(authed.session_id)
        .fetch_optional(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        journal::record(ctx, &mut tx, authed.account_id, "signed_out").await?;
        tx.commit().await.map_err(ctx.db_error())?;
        if remembered == Some(true) {
            self.vault.forget_token().map_err(|code| ctx.error(code))?;
        }
        Ok(())
    }

    /// Starts a session and gives its token to the caller. Only «Запомнить меня» touches the
    /// OS keyring (a Secret Service round trip costs more than the rest of a sign-in); a session
    /// kept there before is replaced by the new one, or stays until it ends or is signed out.
    async fn start(
        &self,
        caller: &Caller,
        account_id: i64,
        remember_me: bool,
        clear_failures: bool,
    ) -> ApiResult<SessionView> {
        let ctx = self.ctx;
        let token: Token = Zeroizing::new(hex::encode(rand::random::<[u8; 32]>()));
        let view = start_session(ctx, account_id, &token, remember_me, clear_failures).await?;
        if remember_me {
            self.vault.remember_token(&token).map_err(|code| ctx.error(code))?;
        }
        caller.set_citizen(Some(token));
        Ok(view)
    }
}

/// Starts the session in one write transaction and returns it as resolved; sends messages right
/// away only when it queued some (a new device, the password expiring soon), so a plain sign-in
/// does no delivery work.
async fn start_session(
    ctx: &Context,
    account_id: i64,
    token: &str,
    remembered: bool,
    clear_failures: bool,
) -> ApiResult<SessionView> {
    let now = ctx.now();
    let device = device::name();
    let mut tx = ctx.write().await?;
    // The device is sealed; whether it was seen before is asked of its tag under this account's
    // own key (crate::sealing::Sealer::tag).
    let key = crate::sealing::account_key(ctx, &mut tx, account_id).await?;
    let device_tag = key.tag("sessions.device", &device);
    let (seen_before, sessions_before, changed_at, must_change): (i64, i64, i64, bool) = crate::db::query_as(
        "SELECT (SELECT count(*) FROM sessions WHERE account_id = c.account_id AND device_tag = ?), \
                (SELECT count(*) FROM sessions WHERE account_id = c.account_id), \
                c.password_changed_at, (a.must_change_password <> 0) \
         FROM credentials c JOIN accounts a ON a.id = c.account_id WHERE c.account_id = ?",
    )
    .bind(&device_tag)
    .bind(account_id)
    .fetch_one(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let expired = password_expired(changed_at, now);
    let session_id: i64 = crate::db::query_scalar(
        "INSERT INTO sessions (account_id, token_hash, remembered, device, device_tag, os, created_at, last_seen_at, \
         authenticated_at, restricted, ip) VALUES (?, ?, ?, '', ?, '', ?, ?, ?, ?, NULL) RETURNING id",
    )
    .bind(account_id)
    .bind(auth::token_hash(token))
    .bind(remembered)
    .bind(&device_tag)
    .bind(now)
    .bind(now)
    .bind(now)
    .bind(expired)
    .fetch_one(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    crate::db::query("UPDATE sessions SET device = ?, os = ?, ip = ? WHERE id = ?")
        .bind(key.seal("sessions.device", session_id, &device))
        .bind(key.seal("sessions.os", session_id, &device::os()))
        .bind(key.seal_opt("sessions.ip", session_id, device::ip().as_deref()))
        .bind(session_id)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    if clear_failures {
        signin::clear_failures(ctx, &mut tx, account_id).await?;
    }
    journal::record(ctx, &mut tx, account_id, "signed_in").await?;
    let mut queued = false;
    if sessions_before > 0 && seen_before == 0 {
        notify::security(ctx, &mut tx, account_id, SecurityEvent::NewDevice).await?;
        queued = true;
    }
    if !expired && expires_soon(changed_at, now) {
        queued |= remind_expiry(ctx, &mut tx, account_id).await?;
    }
    let authed = Authed { session_id, account_id, authenticated_at: now, restricted: expired || must_change };
    let view = view_in(ctx, &mut tx, &authed).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    if queued {
        crate::delivery::kick(ctx).await;
    }
    Ok(view)
}

/// A closed or blocked account signs in no further, told why; an open one costs nothing more.
async fn refuse_unless_clear(
    ctx: &Context,
    account_id: i64,
    ready: &crate::accounts::Readiness,
) -> ApiResult<()> {
    if !ready.clear {
        crate::closure::refuse_closed(ctx, account_id).await?;
        crate::closure::forced::refuse_blocked(ctx, account_id).await?;
    }
    Ok(())
}

/// Whether a password changed at `changed_at` has expired at `now` (90 full days or more).
pub fn password_expired(changed_at: i64, now: i64) -> bool {
    now - changed_at >= PASSWORD_MAX_AGE_DAYS * DAY
}

fn expires_soon(changed_at: i64, now: i64) -> bool {
    now - changed_at >= (PASSWORD_MAX_AGE_DAYS - PASSWORD_REMIND_DAYS) * DAY
}

/// Queues the «пароль скоро истечёт» notice at most once a day; whether it queued one.
async fn remind_expiry(ctx: &Context, conn: &mut crate::db::Conn, account_id: i64) -> ApiResult<bool> {
    let reminded = crate::db::query(
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
        return Ok(true);
    }
    Ok(false)
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
    /// The account's data key, wrapped (read with the row: no second query).
    wrapped: Vec<u8>,
}

/// What the home screen shows for a session.
pub async fn view(ctx: &Context, authed: &Authed) -> ApiResult<SessionView> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    view_in(ctx, &mut conn, authed).await
}

/// [`view`] on the caller's connection (inside the transaction that started the session).
async fn view_in(ctx: &Context, conn: &mut crate::db::Conn, authed: &Authed) -> ApiResult<SessionView> {
    let row: ViewRow = crate::db::query_as(
        "SELECT a.number, a.surname, a.given_name, a.patronymic, a.level, a.status, \
                i.value AS phone, (s.remembered <> 0) AS remembered, s.created_at, c.password_changed_at, \
                k.wrapped \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         JOIN account_keys k ON k.account_id = a.id \
         JOIN credentials c ON c.account_id = a.id \
         LEFT JOIN identifiers i ON i.account_id = a.id AND i.kind = 'phone' \
         WHERE s.id = ?",
    )
    .bind(authed.session_id)
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let now = ctx.now();
    let id = authed.account_id;
    let key = ctx
        .keys()?
        .sealer_of(id, &row.wrapped)
        .ok_or_else(|| ctx.unreadable()(crate::sealing::Unreadable))?;
    let open = |column: &str, value: &str| key.open(column, id, value).map_err(ctx.unreadable());
    let patronymic =
        key.open_opt("accounts.patronymic", id, row.patronymic.as_deref()).map_err(ctx.unreadable())?;
    let full_name = crate::accounts::full_name(
        &open("accounts.surname", &row.surname)?,
        &open("accounts.given_name", &row.given_name)?,
        patronymic.as_deref(),
    );
    let phone = key.open_opt("identifiers.value", "phone", row.phone.as_deref()).map_err(ctx.unreadable())?;
    Ok(SessionView {
        account_number: row.number,
        full_name,
        level: row.level,
        status: row.status,
        phone: phone.unwrap_or_default(),
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
