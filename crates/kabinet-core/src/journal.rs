//! «Журнал входов»: sign-ins, failures, lockouts, password and second-factor changes, with
//! time and device, shown to the citizen page by page and kept for one year.

use crate::db::Conn;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::{Context, rfc3339};
use crate::error::ApiResult;

/// Entries per page.
pub const PAGE_SIZE: i64 = 20;
/// How long entries are kept, in seconds.
pub const RETENTION: i64 = 366 * 24 * 3600;

/// One event in the journal.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct JournalEntry {
    /// `signed_in`, `sign_in_failed`, `password_check_failed`, `factor_check_failed`, `locked`, `password_changed`, `password_reset`,
    /// `second_factor_enabled`, `second_factor_disabled`, `backup_code_used`, `signed_out`,
    /// `sessions_ended`, `not_me`, `registered`.
    pub event: String,
    /// The event in words, in the current locale.
    pub title: String,
    /// When (RFC 3339).
    pub at: String,
    /// The device's name.
    pub device: String,
    /// The IP address, where known (a desktop app signs in locally: none).
    pub ip: Option<String>,
}

/// One page of the journal, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct JournalPage {
    /// The entries.
    pub entries: Vec<JournalEntry>,
    /// This page, from 1.
    pub page: u32,
    /// Number of pages (at least 1).
    pub pages: u32,
}

/// Writes an event inside the caller's transaction, and drops entries older than a year.
pub async fn record(ctx: &Context, conn: &mut Conn, account_id: i64, event: &str) -> ApiResult<()> {
    let now = ctx.now();
    // The row, then its device and address sealed to its id (crate::sealing).
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO access_journal (account_id, event, at, device, ip) VALUES (?, ?, ?, '', NULL) RETURNING id",
    )
    .bind(account_id)
    .bind(event)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
    crate::db::query("UPDATE access_journal SET device = ?, ip = ? WHERE id = ?")
        .bind(key.seal("access_journal.device", id, &crate::device::name()))
        .bind(key.seal_opt("access_journal.ip", id, crate::device::ip().as_deref()))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    crate::db::query("DELETE FROM access_journal WHERE account_id = ? AND at < ?")
        .bind(account_id)
        .bind(now - RETENTION)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

/// A page of the account's journal.
pub async fn page(ctx: &Context, account_id: i64, page: u32) -> ApiResult<JournalPage> {
    type Row = (i64, String, i64, String, Option<String>);
    let (page, pages, rows): (u32, u32, Vec<Row>) =
        ctx.history_page("access_journal", "id, event, at, device, ip", account_id, page, PAGE_SIZE).await?;
    let key = crate::sealing::account_key(ctx, &ctx.pool, account_id).await?;
    let entries = rows
        .into_iter()
        .map(|(id, event, at, device, ip)| {
            Ok(JournalEntry {
                title: title(ctx, &event).to_owned(),
                event,
                at: rfc3339(at),
                device: key.open("access_journal.device", id, &device).map_err(ctx.unreadable())?,
                ip: key.open_opt("access_journal.ip", id, ip.as_deref()).map_err(ctx.unreadable())?,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(JournalPage { entries, page, pages })
}

fn title(ctx: &Context, event: &str) -> &'static str {
    let l = ctx.locale();
    match event {
        "signed_in" => l.pick("Вход", "Sign-in"),
        "sign_in_failed" => l.pick("Неудачная попытка входа", "Failed sign-in"),
        "password_check_failed" => {
            l.pick("Неверный пароль при подтверждении действия", "Wrong password when confirming an action")
        }
        "factor_check_failed" => l.pick(
            "Неверный код второго фактора при подтверждении действия",
            "Wrong second-factor code when confirming an action",
        ),
        "locked" => l.pick("Вход заблокирован на 15 минут", "Sign-in locked for 15 minutes"),
        "password_changed" => l.pick("Пароль изменён", "Password changed"),
        "password_reset" => l.pick("Пароль восстановлен", "Password reset"),
        "second_factor_enabled" => l.pick("Включён второй фактор", "Second factor on"),
        "second_factor_disabled" => l.pick("Отключён второй фактор", "Second factor off"),
        "backup_codes_renewed" => l.pick("Выпущены новые резервные коды", "New backup codes"),
        "backup_code_used" => l.pick("Вход по резервному коду", "Signed in with a backup code"),
        "signed_out" => l.pick("Выход", "Sign-out"),
        "sessions_ended" => l.pick("Завершены все сеансы", "All sessions ended"),
        "not_me" => l.pick("«Это был не я»", "«It was not me»"),
        "registered" => l.pick("Регистрация", "Registration"),
        _ => l.pick("Событие", "Event"),
    }
}
