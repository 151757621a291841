//! «Забыли пароль?»: identifier → code to the account's phone (or e-mail) → new password → every
//! session ends → notification. Every answer — its words, its limits (cooldown, hourly limit,
//! tries) and its timing class — is the same whether or not the identifier belongs to an
//! account (see `probe`), so the form cannot be used to learn who is registered.

use crate::context::{Context, rfc3339};
use crate::contract::{
    RecoveryCompleteRequest, RecoverySent, RecoveryStartRequest, RecoveryTicket, RecoveryVerifyRequest,
};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::notify::{self, SecurityEvent};
use crate::otp::{self, Purpose};
use crate::outbox::{self, Channel, NewMessage};
use crate::validate::Invalid;
use crate::{accounts, journal, passwords, probe};

const TICKET_TTL: i64 = 15 * 60;

/// The password-reset flow.
pub struct Recovery<'a> {
    pub(crate) ctx: &'a Context,
}

impl Recovery<'_> {
    /// Sends a reset code to the account's confirmed phone (or e-mail, when that was typed).
    pub async fn start(
        &self,
        _caller: &crate::auth::Caller,
        request: RecoveryStartRequest,
    ) -> ApiResult<RecoverySent> {
        let ctx = self.ctx;
        let identifier = accounts::parse_identifier(ctx, &request.identifier)?;
        let Some(account_id) = accounts::find_account(ctx, &identifier).await? else {
            let mut tx = ctx.write().await?;
            let pseudo = probe::unknown_destination(ctx, &mut tx, &identifier.key()).await?;
            let issued = otp::issue(ctx, &mut tx, Purpose::PasswordReset, &pseudo).await?;
            tx.commit().await.map_err(ctx.db_error())?;
            return Ok(RecoverySent::of(&issued));
        };
        let (channel, destination) = destination(ctx, account_id, request.identifier.contains('@')).await?;
        let mut tx = ctx.write().await?;
        let issued = otp::issue(ctx, &mut tx, Purpose::PasswordReset, &destination).await?;
        let body = ctx
            .locale()
            .pick(
                "Код для восстановления пароля Кабинета: {code}. Никому не сообщайте его. Если вы не запрашивали код, проигнорируйте сообщение.",
                "Your Кабинет password reset code: {code}. Do not share it. If you did not ask for it, ignore this message.",
            )
            .replace("{code}", &issued.code);
        let subject = ctx.locale().pick("Восстановление пароля", "Password reset");
        let message = NewMessage {
            account_id: Some(account_id),
            channel,
            destination: &destination,
            kind: "password_reset_code",
            subject,
            body: &body,
        };
        outbox::enqueue(ctx, &mut tx, message).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        Ok(RecoverySent::of(&issued))
    }

    /// Checks the reset code; returns a ticket for setting the new password.
    pub async fn verify(
        &self,
        _caller: &crate::auth::Caller,
        request: RecoveryVerifyRequest,
    ) -> ApiResult<RecoveryTicket> {
        let ctx = self.ctx;
        let identifier = accounts::parse_identifier(ctx, &request.identifier)?;
        let Some(account_id) = accounts::find_account(ctx, &identifier).await? else {
            let mut tx = ctx.write().await?;
            let pseudo = probe::unknown_destination(ctx, &mut tx, &identifier.key()).await?;
            let refused =
                otp::verify(ctx, &mut tx, Purpose::PasswordReset, &pseudo, request.code.trim()).await;
            tx.commit().await.map_err(ctx.db_error())?;
            // The pseudo code was never sent: no answer can match it, but it is checked all the same.
            return Err(refused.err().unwrap_or_else(|| ctx.error(ErrorCode::CodeWrong)));
        };
        let (_, destination) = destination(ctx, account_id, request.identifier.contains('@')).await?;
        let mut tx = ctx.write().await?;
        if let Err(refused) =
            otp::verify(ctx, &mut tx, Purpose::PasswordReset, &destination, request.code.trim()).await
        {
            tx.commit().await.map_err(ctx.db_error())?;
            return Err(refused);
        }
        let ticket = hex::encode(rand::random::<[u8; 32]>());
        let expires_at = ctx.now() + TICKET_TTL;
        crate::db::query(
            "INSERT INTO password_reset_tickets (token_hash, account_id, expires_at) VALUES (?, ?, ?)",
        )
        .bind(crate::auth::token_hash(&ticket))
        .bind(account_id)
        .bind(expires_at)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        tx.commit().await.map_err(ctx.db_error())?;
        Ok(RecoveryTicket { ticket: ticket.into(), expires_at: rfc3339(expires_at) })
    }

    /// Sets the new password, ends every session and notifies the citizen.
    pub async fn complete(
        &self,
        _caller: &crate::auth::Caller,
        request: RecoveryCompleteRequest,
    ) -> ApiResult<()> {
        let ctx = self.ctx;
        let account_id: Option<i64> = crate::db::query_scalar(
            "SELECT account_id FROM password_reset_tickets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        )
        .bind(crate::auth::token_hash(&request.ticket))
        .bind(ctx.now())
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
        let Some(account_id) = account_id else { return Err(ctx.error(ErrorCode::ResetExpired)) };
        let new_hash =
            passwords::check_new(ctx, account_id, &request.password, &request.password_repeat).await?;
        let mut tx = ctx.write().await?;
        let used = crate::db::query(
            "UPDATE password_reset_tickets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
        )
        .bind(ctx.now())
        .bind(crate::auth::token_hash(&request.ticket))
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        if used.rows_affected() != 1 {
            return Err(ctx.error(ErrorCode::ResetExpired));
        }
        passwords::store(ctx, &mut tx, account_id, &new_hash).await?;
        crate::lockout::clear_password(ctx, &mut tx, crate::lockout::Key::Citizen(account_id)).await?;
        crate::db::query("UPDATE sessions SET ended_at = ?, end_reason = 'password_reset' WHERE account_id = ? AND ended_at IS NULL")
            .bind(ctx.now())
            .bind(account_id)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        journal::record(ctx, &mut tx, account_id, "password_reset").await?;
        notify::security(ctx, &mut tx, account_id, SecurityEvent::PasswordChanged).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::documents::files::remove_private_copies(ctx);
        crate::delivery::kick(ctx).await;
        Ok(())
    }
}

async fn destination(ctx: &Context, account_id: i64, prefer_email: bool) -> ApiResult<(Channel, String)> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let key = crate::sealing::account_key(ctx, &mut conn, account_id).await?;
    let rows: Vec<(String, String)> = crate::accounts::identifiers(ctx, &mut conn, &key, account_id)
        .await?
        .into_iter()
        .filter(|(kind, _, confirmed)| kind != "snils" && confirmed.is_some())
        .map(|(kind, value, _)| (kind, value))
        .collect();
    let wanted = if prefer_email { "email" } else { "phone" };
    let pick = rows.iter().find(|(kind, _)| kind == wanted).or_else(|| rows.first());
    match pick {
        Some((kind, value)) => {
            Ok((if kind == "email" { Channel::Email } else { Channel::Sms }, value.clone()))
        }
        None => Err(ApiError::field(Field::Identifier, Invalid::IdentifierFormat, ctx.locale())),
    }
}

impl RecoverySent {
    fn of(issued: &otp::Issued) -> Self {
        RecoverySent { expires_at: rfc3339(issued.expires_at), resend_at: rfc3339(issued.resend_at) }
    }
}
