//! The inbox: every message is a row here (the in-app channel). Folders «Входящие», «Архив»
//! (what «Только важные» filed silently) and «Удалённые» (restorable for 30 days, then purged for
//! good); unread count, pages with a category filter, open (marks read), mark read or unread.
//!
//! Built for a million messages: the bell's number is a counter kept by triggers (one row read),
//! and a page is a keyset query (`id < before`) on an index that matches the folder and filter, so
//! neither depends on how many messages there are.
//!
//! Titles and texts are sealed under the account's key ([`super::sealed`]): a page is selected
//! and ordered by the plain columns only, then its rows are opened in Rust with one key load.

use crate::db::QueryBuilder;

use crate::context::{Context, rfc3339};
use crate::error::{ApiResult, ErrorCode};
use crate::sealing::Sealer;

use super::event::service_name;
use super::types::{EventCategory, EventType, Folder, InboxItem, InboxPage, InboxQuery};

/// How long a deleted message can be restored.
pub const RESTORE_DAYS: i64 = 30;
const DAY: i64 = 24 * 3600;
/// Messages per page when the caller does not say.
pub const DEFAULT_PAGE: u32 = 20;
const MAX_PAGE: u32 = 100;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    event_type: String,
    category: String,
    service: Option<String>,
    title: String,
    body: String,
    created_at: i64,
    read_at: Option<i64>,
    archived: bool,
    important: bool,
    deleted_at: Option<i64>,
}

macro_rules! columns {
    () => {
        "id, event_type, category, service, title, body, created_at, read_at, (archived <> 0) AS archived, (important <> 0) AS important, deleted_at"
    };
}

impl Row {
    /// The item as the citizen reads it, its title and text opened with the account's `key`.
    fn into_item(self, ctx: &Context, key: &Sealer) -> ApiResult<InboxItem> {
        let event = EventType::parse(&self.event_type);
        let title = key.open(super::TITLE, self.id, &self.title).map_err(ctx.unreadable())?;
        let body = key.open(super::BODY, self.id, &self.body).map_err(ctx.unreadable())?;
        Ok(InboxItem {
            id: self.id,
            event,
            category: category(&self.category).unwrap_or_else(|| event.category()),
            service_name: self
                .service
                .as_deref()
                .and_then(|s| service_name(s, ctx.locale()))
                .map(str::to_owned),
            service: self.service,
            title,
            body,
            created_at: rfc3339(self.created_at),
            read: self.read_at.is_some(),
            archived: self.archived,
            important: self.important,
            deleted_at: self.deleted_at.map(rfc3339),
            purge_at: self.deleted_at.map(|at| rfc3339(at + RESTORE_DAYS * DAY)),
            not_me: event == EventType::Security,
        })
    }
}

fn category(stored: &str) -> Option<EventCategory> {
    serde_json::from_value(serde_json::Value::String(stored.to_owned())).ok()
}

/// The bell: unread messages in «Входящие».
pub async fn unread(ctx: &Context, account_id: i64) -> ApiResult<u32> {
    let count: Option<i64> =
        crate::db::query_scalar("SELECT unread FROM inbox_counters WHERE account_id = ?")
            .bind(account_id)
            .fetch_optional(&ctx.pool)
            .await
            .map_err(ctx.db_error())?;
    Ok(count.unwrap_or(0).clamp(0, i64::from(u32::MAX)) as u32)
}

/// A page of a folder, newest first.
pub async fn page(ctx: &Context, account_id: i64, query: &InboxQuery) -> ApiResult<InboxPage> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    // «Удалённые» names its index on SQLite: its planner, without statistics, would walk every
    // message of the account instead of the few deleted ones. PostgreSQL's planner has them.
    let mut sql = QueryBuilder::new(match query.folder {
        Folder::Deleted if ctx.pool.engine() == crate::db::Engine::Sqlite => concat!(
            "SELECT ",
            columns!(),
            " FROM notifications INDEXED BY notifications_deleted WHERE account_id = "
        ),
        Folder::Deleted | Folder::Inbox | Folder::Archive => {
            concat!("SELECT ", columns!(), " FROM notifications WHERE account_id = ")
        }
    });
    sql.push_bind(account_id);
    match query.folder {
        Folder::Inbox | Folder::Archive => {
            sql.push(" AND deleted_at IS NULL AND archived = ").push_bind(query.folder == Folder::Archive);
        }
        Folder::Deleted => {
            sql.push(" AND deleted_at IS NOT NULL AND deleted_at > ")
                .push_bind(ctx.now() - RESTORE_DAYS * DAY);
        }
    }
    if let Some(category) = query.category {
        sql.push(" AND category = ").push_bind(category.as_str());
    }
    if let Some(before) = query.before {
        sql.push(" AND id < ").push_bind(before);
    }
    sql.push(" ORDER BY id DESC LIMIT ").push_bind(i64::from(limit) + 1);
    let mut rows: Vec<Row> = sql.build_query_as().fetch_all(&ctx.pool).await.map_err(ctx.db_error())?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_before = if more { rows.last().map(|row| row.id) } else { None };
    let key = crate::sealing::account_key(ctx, &ctx.pool, account_id).await?;
    let items = rows.into_iter().map(|row| row.into_item(ctx, &key)).collect::<ApiResult<_>>()?;
    Ok(InboxPage { items, next_before, unread: unread(ctx, account_id).await? })
}

/// One message (also a deleted one still restorable).
pub async fn get(ctx: &Context, account_id: i64, id: i64) -> ApiResult<InboxItem> {
    let row: Option<Row> = crate::db::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM notifications WHERE id = ? AND account_id = ? AND (deleted_at IS NULL OR deleted_at > ?)"
    ))
    .bind(id)
    .bind(account_id)
    .bind(ctx.now() - RESTORE_DAYS * DAY)
    .fetch_optional(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let row = row.ok_or_else(|| ctx.error(ErrorCode::NotFound))?;
    let key = crate::sealing::account_key(ctx, &ctx.pool, account_id).await?;
    row.into_item(ctx, &key)
}

/// Marks one message read (keeping the first reading time) or unread.
pub async fn set_read(ctx: &Context, account_id: i64, id: i64, read: bool) -> ApiResult<()> {
    let done = crate::db::query(
        "UPDATE notifications SET read_at = CASE WHEN ? <> 0 THEN coalesce(read_at, ?) ELSE NULL END \
         WHERE id = ? AND account_id = ? AND (deleted_at IS NULL OR deleted_at > ?)",
    )
    .bind(read)
    .bind(ctx.now())
    .bind(id)
    .bind(account_id)
    .bind(ctx.now() - RESTORE_DAYS * DAY)
    .execute(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    found(ctx, done.rows_affected())
}

/// Marks every unread message of «Входящие» read.
pub async fn mark_all_read(ctx: &Context, account_id: i64) -> ApiResult<()> {
    crate::db::query(
        "UPDATE notifications SET read_at = ? WHERE account_id = ? AND read_at IS NULL \
         AND archived = 0 AND deleted_at IS NULL",
    )
    .bind(ctx.now())
    .bind(account_id)
    .execute(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

/// Moves a message to «Удалённые».
pub async fn delete(ctx: &Context, account_id: i64, id: i64) -> ApiResult<()> {
    let done = crate::db::query(
        "UPDATE notifications SET deleted_at = ? WHERE id = ? AND account_id = ? AND deleted_at IS NULL",
    )
    .bind(ctx.now())
    .bind(id)
    .bind(account_id)
    .execute(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    found(ctx, done.rows_affected())
}

/// Brings a deleted message back to its folder, within 30 days.
pub async fn restore(ctx: &Context, account_id: i64, id: i64) -> ApiResult<()> {
    let done = crate::db::query(
        "UPDATE notifications SET deleted_at = NULL WHERE id = ? AND account_id = ? \
         AND deleted_at IS NOT NULL AND deleted_at > ?",
    )
    .bind(id)
    .bind(account_id)
    .bind(ctx.now() - RESTORE_DAYS * DAY)
    .execute(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    found(ctx, done.rows_affected())
}

/// Destroys messages deleted 30 days ago or more, with their delivery history; returns how many.
pub async fn purge(ctx: &Context) -> ApiResult<u64> {
    let done = crate::db::query("DELETE FROM notifications WHERE deleted_at IS NOT NULL AND deleted_at <= ?")
        .bind(ctx.now() - RESTORE_DAYS * DAY)
        .execute(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    Ok(done.rows_affected())
}

fn found(ctx: &Context, rows: u64) -> ApiResult<()> {
    if rows == 0 { Err(ctx.error(ErrorCode::NotFound)) } else { Ok(()) }
}
