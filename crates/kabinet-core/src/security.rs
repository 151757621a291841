//! «Безопасность»: password change, re-entry of the password for sensitive actions, the second
//! factor and backup codes, «Готовность к восстановлению», «Это был не я», and the idle timeout.

use zeroize::Zeroizing;

use crate::auth::{self, Authed};
use crate::context::{Context, rfc3339};
use crate::contract::{
    BackupCodes, DisableSecondFactorRequest, FactorCodeRequest, PasswordChangeRequest, ReauthRequest,
    RecoveryReadiness, SecondFactorKind, SecuritySettings, TotpConfirmRequest, TotpSetup,
};
use crate::error::{ApiError, ApiResult};
use crate::fields::Field;
use crate::notify::{self, SecurityEvent};
use crate::passwords;
use crate::signin::{self, Gate};
use crate::validate::Invalid;
use crate::{journal, second_factor};

/// The security flows of the signed-in citizen.
pub struct Security<'a> {
    pub(crate) ctx: &'a Context,
    pub(crate) gate: &'a Gate,
}

impl Security<'_> {
    /// Changes the password: the current one, then the new one twice (all rules, not one of the
    /// last 5). Allowed in a restricted session; lifts the restriction. A wrong current password
    /// counts toward the lockout; every other session of the account ends.
    pub async fn change_password(&self, me: &Authed, request: PasswordChangeRequest) -> ApiResult<()> {
        let ctx = self.ctx;
        let authed = me;
        let current = Zeroizing::new(request.current_password.trim().to_owned());
        if !signin::check_password_in_session(ctx, self.gate, authed.account_id, current).await? {
            return Err(ApiError::field(Field::CurrentPassword, Invalid::PasswordWrong, ctx.locale()));
        }
        let hash =
            passwords::check_new(ctx, authed.account_id, &request.password, &request.password_repeat).await?;
        let mut tx = ctx.write().await?;
        passwords::store(ctx, &mut tx, authed.account_id, &hash).await?;
        crate::db::query("UPDATE sessions SET restricted = 0, authenticated_at = ? WHERE id = ?")
            .bind(ctx.now())
            .bind(authed.session_id)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        auth::end_other_sessions(ctx, &mut tx, authed.account_id, authed.session_id, "password_changed")
            .await?;
        journal::record(ctx, &mut tx, authed.account_id, "password_changed").await?;
        notify::security(ctx, &mut tx, authed.account_id, SecurityEvent::PasswordChanged).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        Ok(())
    }

    /// Re-enters the password so that sensitive actions are allowed for 10 more minutes. A wrong
    /// password counts toward the lockout like a wrong sign-in.
    pub async fn reauthenticate(&self, me: &Authed, request: ReauthRequest) -> ApiResult<()> {
        let ctx = self.ctx;
        let authed = me;
        let password = Zeroizing::new(request.password.trim().to_owned());
        if !signin::check_password_in_session(ctx, self.gate, authed.account_id, password).await? {
            return Err(ApiError::field(Field::Password, Invalid::PasswordWrong, ctx.locale()));
        }
        crate::db::query("UPDATE sessions SET authenticated_at = ? WHERE id = ?")
            .bind(ctx.now())
            .bind(authed.session_id)
            .execute(&ctx.pool)
            .await
            .map_err(ctx.db_error())?;
        Ok(())
    }

    /// Starts TOTP set-up: the key, its `otpauth://` URI and the QR code to scan.
    pub async fn totp_begin(&self, me: &Authed) -> ApiResult<TotpSetup> {
        let authed = me;
        let number: String = crate::db::query_scalar("SELECT number FROM accounts WHERE id = ?")
            .bind(authed.account_id)
            .fetch_one(&self.ctx.pool)
            .await
            .map_err(self.ctx.db_error())?;
        second_factor::totp_begin(self.ctx, authed.account_id, &number).await
    }

    /// Confirms TOTP with the first code from the app; returns the backup codes (shown once).
    pub async fn totp_enable(&self, me: &Authed, request: TotpConfirmRequest) -> ApiResult<BackupCodes> {
        let authed = me;
        second_factor::totp_enable(self.ctx, authed.account_id, authed.session_id, request.code.trim()).await
    }

    /// Makes a code by SMS the second factor; returns the backup codes (shown once). When a
    /// factor is already on, its code (or a backup code) is needed too.
    pub async fn sms_enable(&self, me: &Authed, request: FactorCodeRequest) -> ApiResult<BackupCodes> {
        let authed = me;
        self.require_factor(authed.account_id, request.code.as_deref()).await?;
        second_factor::sms_enable(self.ctx, authed.account_id, authed.session_id).await
    }

    /// Turns the second factor off: needs the password and the current factor (or a backup code).
    pub async fn disable_second_factor(
        &self,
        me: &Authed,
        request: DisableSecondFactorRequest,
    ) -> ApiResult<()> {
        let ctx = self.ctx;
        let authed = me;
        let password = Zeroizing::new(request.password.trim().to_owned());
        if !signin::check_password_in_session(ctx, self.gate, authed.account_id, password).await? {
            return Err(ApiError::field(Field::Password, Invalid::PasswordWrong, ctx.locale()));
        }
        self.require_factor(authed.account_id, Some(&request.code)).await?;
        second_factor::disable(ctx, authed.account_id, authed.session_id).await
    }

    /// Issues 10 new backup codes: needs a code of the current factor (or a backup code).
    pub async fn renew_backup_codes(
        &self,
        me: &Authed,
        request: FactorCodeRequest,
    ) -> ApiResult<BackupCodes> {
        let authed = me;
        self.require_factor(authed.account_id, request.code.as_deref()).await?;
        second_factor::renew_backup_codes(self.ctx, authed.account_id, authed.session_id).await
    }

    /// The current factor's code under the lockout; nothing to check when no factor is on.
    async fn require_factor(&self, account_id: i64, code: Option<&str>) -> ApiResult<()> {
        let ctx = self.ctx;
        let code = code.map(str::trim).unwrap_or_default();
        if code.is_empty() {
            if second_factor::is_on(ctx, account_id).await? {
                return Err(ApiError::field(Field::Code, Invalid::Required, ctx.locale()));
            }
            return Ok(());
        }
        if second_factor::check_in_session(ctx, account_id, code).await? {
            Ok(())
        } else {
            Err(ApiError::field(Field::Code, Invalid::CodeWrong, ctx.locale()))
        }
    }

    /// «Готовность к восстановлению»: which factors exist and when each was last used.
    pub async fn readiness(&self, me: &Authed) -> ApiResult<RecoveryReadiness> {
        let ctx = self.ctx;
        let authed = me;
        let row: ReadinessRow = crate::db::query_as(
            "SELECT \
               (SELECT count(*) FROM identifiers WHERE account_id = ?1 AND kind = 'phone' AND confirmed_at IS NOT NULL) AS phones, \
               (SELECT count(*) FROM identifiers WHERE account_id = ?1 AND kind = 'email' AND confirmed_at IS NOT NULL) AS emails, \
               (SELECT kind FROM second_factors WHERE account_id = ?1 AND enabled_at IS NOT NULL) AS factor, \
               (SELECT last_used_at FROM second_factors WHERE account_id = ?1 AND enabled_at IS NOT NULL) AS factor_used, \
               (SELECT count(*) FROM backup_codes WHERE account_id = ?1 AND used_at IS NULL) AS codes_left, \
               (SELECT max(used_at) FROM backup_codes WHERE account_id = ?1) AS code_used, \
               (SELECT password_changed_at FROM credentials WHERE account_id = ?1) AS changed",
        )
        .bind(authed.account_id)
        .fetch_one(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
        Ok(RecoveryReadiness {
            phone_confirmed: row.phones > 0,
            email_confirmed: row.emails > 0,
            second_factor: row.factor.as_deref().map(|kind| match kind {
                "sms" => SecondFactorKind::Sms,
                "email" => SecondFactorKind::Email,
                _ => SecondFactorKind::Totp,
            }),
            second_factor_last_used: row.factor_used.map(rfc3339),
            backup_codes_left: row.codes_left as u32,
            backup_code_last_used: row.code_used.map(rfc3339),
            password_changed_at: rfc3339(row.changed),
        })
    }

    /// «Это был не я»: ends every session (this one too), forces a password change at the
    /// next sign-in and records an incident for the operators.
    pub async fn not_me(&self, me: &Authed) -> ApiResult<()> {
        let ctx = self.ctx;
        let authed = me;
        let mut tx = ctx.write().await?;
        let now = ctx.now();
        crate::db::query("UPDATE sessions SET ended_at = ?, end_reason = 'not_me' WHERE account_id = ? AND ended_at IS NULL")
            .bind(now)
            .bind(authed.account_id)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        crate::db::query("UPDATE accounts SET must_change_password = 1 WHERE id = ?")
            .bind(authed.account_id)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        crate::db::query("INSERT INTO incidents (account_id, kind, created_at) VALUES (?, 'not_me', ?)")
            .bind(authed.account_id)
            .bind(now)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        journal::record(ctx, &mut tx, authed.account_id, "not_me").await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::documents::files::remove_private_copies(ctx);
        Ok(())
    }

    /// The signed-in citizen's idle timeout.
    pub async fn settings(&self, me: &Authed) -> ApiResult<SecuritySettings> {
        let authed = me;
        let minutes = auth::idle_minutes(self.ctx, authed.account_id).await?;
        Ok(SecuritySettings { idle_minutes: minutes as u32 })
    }

    /// Sets the signed-in citizen's own idle timeout (1–240 minutes); other accounts keep theirs.
    pub async fn set_settings(&self, me: &Authed, settings: SecuritySettings) -> ApiResult<SecuritySettings> {
        let ctx = self.ctx;
        let authed = me;
        if !(1..=240).contains(&settings.idle_minutes) {
            return Err(ApiError::field(Field::IdleMinutes, Invalid::OutOfRange, ctx.locale()));
        }
        crate::db::query("UPDATE accounts SET idle_minutes = ? WHERE id = ?")
            .bind(i64::from(settings.idle_minutes))
            .bind(authed.account_id)
            .execute(&ctx.pool)
            .await
            .map_err(ctx.db_error())?;
        Ok(settings)
    }
}

#[derive(sqlx::FromRow)]
struct ReadinessRow {
    phones: i64,
    emails: i64,
    factor: Option<String>,
    factor_used: Option<i64>,
    codes_left: i64,
    code_used: Option<i64>,
    changed: i64,
}
