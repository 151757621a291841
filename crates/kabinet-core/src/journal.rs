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
    crate::db::query("INSERT INTO access_journal (account_id, event, at, device, ip) VALUES (?, ?, ?, ?, ?)")
        .bind(account_id)
        .bind(event)
        .bind(now)
        .bind(crate::device::name())
        .bind(crate::device::ip())
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
    type Row = (String, i64, String, Option<String>);
    let (page, pages, rows): (u32, u32, Vec<Row>) =
        ctx.history_page("access_journal", "event, at, device, ip", account_id, page, PAGE_SIZE).await?;
    let entries = rows
        .into_iter()
        .map(|(event, at, device, ip)| JournalEntry {
            title: title(ctx, &event).to_owned(),
            event,
            at: rfc3339(at),
            device,
            ip,
        })
        .collect();
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
