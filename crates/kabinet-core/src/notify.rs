//! Security notifications: events of type security published through «Уведомления» — the inbox
//! and every confirmed channel (desktop, e-mail, SMS), ignoring every setting (they cannot be
//! switched off and ignore quiet hours and working hours) — each telling the citizen what to do if
//! it was not them («Это был не я»). The password-expiry reminder goes the same way but as an
//! ordinary reminder, subject to the citizen's settings.

use crate::db::Conn;

use crate::context::Context;
use crate::error::ApiResult;
use crate::notifications::publish::{self, Event};
use crate::notifications::types::EventType;

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

/// Publishes the notification for `event` inside the caller's transaction.
pub async fn security(
    ctx: &Context,
    conn: &mut Conn,
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
    let event_type = if event == SecurityEvent::PasswordExpiresSoon {
        EventType::PasswordExpiry
    } else {
        EventType::Security
    };
    let published =
        Event { event: event_type, kind: event.kind(), service: None, title: subject, body: &body };
    publish::publish(ctx, conn, account_id, published).await?;
    Ok(())
}
