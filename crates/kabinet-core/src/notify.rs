//! Security notifications: they go through the outbox to every confirmed channel of the
//! account, cannot be switched off and ignore quiet hours (there is nothing to consult), and
//! each tells the citizen what to do if it was not them («Это был не я»).

use sqlx::SqliteConnection;

use crate::context::Context;
use crate::error::ApiResult;
use crate::outbox::{self, Channel, NewMessage};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityEvent {
    /// A sign-in from a device not seen before on this account.
    NewDevice,
    /// Three wrong passwords locked sign-in for 15 minutes.
    Lockout,
    /// The password was changed or reset.
    PasswordChanged,
    /// A second factor was turned on or off, or backup codes were renewed.
    SecondFactorChanged,
    /// The password expires within a week.
    PasswordExpiresSoon,
    /// A phone or e-mail was replaced (sent to the old ones too).
    ContactChanged,
}

impl SecurityEvent {
    fn kind(self) -> &'static str {
        match self {
            SecurityEvent::NewDevice => "security_new_device",
            SecurityEvent::Lockout => "security_lockout",
            SecurityEvent::PasswordChanged => "security_password_changed",
            SecurityEvent::SecondFactorChanged => "security_second_factor_changed",
            SecurityEvent::PasswordExpiresSoon => "reminder_password_expiry",
            SecurityEvent::ContactChanged => "security_contact_changed",
        }
    }

    fn text(self, ctx: &Context) -> (&'static str, &'static str) {
        let l = ctx.locale();
        match self {
            SecurityEvent::NewDevice => (
                l.pick("Вход с нового устройства", "Sign-in from a new device"),
                l.pick("В ваш Кабинет выполнен вход с нового устройства.", "Your Кабинет was signed in from a new device."),
            ),
            SecurityEvent::Lockout => (
                l.pick("Вход заблокирован", "Sign-in locked"),
                l.pick(
                    "Пароль введён неверно 3 раза подряд. Вход в Кабинет заблокирован на 15 минут.",
                    "The password was entered wrongly 3 times in a row. Sign-in is locked for 15 minutes.",
                ),
            ),
            SecurityEvent::PasswordChanged => (
                l.pick("Пароль изменён", "Password changed"),
                l.pick("Пароль от вашего Кабинета изменён.", "The password of your Кабинет was changed."),
            ),
            SecurityEvent::SecondFactorChanged => (
                l.pick("Изменены настройки входа", "Sign-in settings changed"),
                l.pick(
                    "Изменены настройки второго фактора или резервные коды вашего Кабинета.",
                    "The second factor or backup codes of your Кабинет were changed.",
                ),
            ),
            SecurityEvent::ContactChanged => (
                l.pick("Изменены контакты", "Contacts changed"),
                l.pick(
                    "В вашем Кабинете изменён номер телефона или адрес электронной почты.",
                    "The phone number or e-mail of your Кабинет was changed.",
                ),
            ),
            SecurityEvent::PasswordExpiresSoon => (
                l.pick("Скоро истекает срок пароля", "Your password expires soon"),
                l.pick(
                    "Срок действия пароля истекает через несколько дней. Смените пароль в разделе «Безопасность».",
                    "Your password expires in a few days. Change it under «Безопасность».",
                ),
            ),
        }
    }
}

/// Writes the notification for `event` to every confirmed channel, inside the caller's
/// transaction.
pub async fn security(
    ctx: &Context,
    conn: &mut SqliteConnection,
    account_id: i64,
    event: SecurityEvent,
) -> ApiResult<()> {
    let (subject, text) = event.text(ctx);
    let not_me = ctx.locale().pick(
        "Если это были не вы, откройте Кабинет и нажмите «Это был не я»: все сеансы завершатся, а при следующем входе потребуется сменить пароль.",
        "If this was not you, open Кабинет and press «Это был не я»: every session ends and the password must be changed at the next sign-in.",
    );
    let body = if event == SecurityEvent::PasswordExpiresSoon {
        text.to_owned()
    } else {
        format!("{text} {not_me}")
    };
    let channels: Vec<(String, String)> = sqlx::query_as(
        "SELECT kind, value FROM identifiers WHERE account_id = ? AND kind IN ('phone', 'email') \
         AND confirmed_at IS NOT NULL ORDER BY kind DESC",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    for (kind, destination) in channels {
        let channel = if kind == "email" { Channel::Email } else { Channel::Sms };
        let message = NewMessage {
            account_id: Some(account_id),
            channel,
            destination: &destination,
            kind: event.kind(),
            subject,
            body: &body,
        };
        outbox::enqueue(ctx, &mut *conn, message).await?;
    }
    Ok(())
}
