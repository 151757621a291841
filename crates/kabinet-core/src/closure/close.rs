//! Closing an account: one transaction revokes every session (and the copies handed to the system
//! viewer go, see `documents::files`), records the closed state with its
//! restoration (30 days) and purge (90 days) dates and tells the citizen; the «Подтверждение
//! закрытия» PDF follows, issued once (its number is recorded, so a re-run never issues two).
//! From then on only closure and restoration messages reach the citizen's channels.

use crate::db::Conn;

use crate::Kabinet;
use crate::context::{Context, rfc3339};
use crate::contract::AccountStatus;
use crate::documents::{ClosureConfirmationInput, DocumentInput};
use crate::error::ApiResult;
use crate::notifications::publish::{self, Event};
use crate::notifications::types::EventType;

use super::store;
use super::types::RequestStatus;
use super::{DAY, PURGE_AFTER_DAYS, RESTORE_DAYS, reason_of};

/// Closes `account_id` inside the caller's transaction.
pub async fn close_account(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    request_id: Option<i64>,
    by_staff: bool,
    reason_category: &str,
) -> ApiResult<()> {
    let now = ctx.now();
    crate::accounts::set_status(ctx, conn, account_id, AccountStatus::Closed).await?;
    crate::db::query("UPDATE sessions SET ended_at = ? WHERE account_id = ? AND ended_at IS NULL")
        .bind(now)
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    crate::documents::files::remove_private_copies(ctx);
    if let Some(id) = request_id {
        crate::db::query("UPDATE closure_requests SET status = ?, decided_at = ? WHERE id = ?")
            .bind(RequestStatus::Closed)
            .bind(now)
            .bind(id)
            .execute(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    }
    let restore_until = now + RESTORE_DAYS * DAY;
    crate::db::query(
        "INSERT INTO closures (account_id, request_id, closed_at, restore_until, purge_at, by_staff, reason_category) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(account_id)
    .bind(request_id)
    .bind(now)
    .bind(restore_until)
    .bind(now + PURGE_AFTER_DAYS * DAY)
    .bind(i64::from(by_staff))
    .bind(reason_category)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    if by_staff {
        return super::forced::tell_closed(ctx, conn, account_id, reason_category, restore_until).await;
    }
    let locale = ctx.locale();
    let title = locale.pick("Личный кабинет закрыт", "Your account is closed").to_owned();
    let body = format!(
        "{} {}.",
        locale.pick("Восстановить его можно до", "It can be restored until"),
        super::day(ctx, restore_until)
    );
    let event = Event {
        event: EventType::ClosureCompleted,
        kind: "closure_completed",
        service: None,
        title: &title,
        body: &body,
    };
    publish::publish(ctx, conn, account_id, event).await.map(|_| ())
}

/// Issues «Подтверждение закрытия» for a closed account once; later calls do nothing.
pub async fn ensure_confirmation(kabinet: &Kabinet, ctx: &Context, account_id: i64) -> ApiResult<()> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let Some(closed) = store::closed(ctx, &mut conn, account_id).await? else { return Ok(()) };
    if closed.confirmation_number.is_some() {
        return Ok(());
    }
    let request = match closed.request_id {
        Some(id) => store::request(ctx, &mut conn, id).await?,
        None => None,
    };
    drop(conn);
    let number =
        match store::unclaimed_document(ctx, account_id, "closure_confirmation", closed.closed_at).await? {
            Some(number) => number,
            None => issue_confirmation(kabinet, ctx, account_id, &closed, request).await?,
        };
    crate::fault::crash_point("closure_after_confirmation_issued");
    let mut tx = ctx.write().await?;
    crate::db::query(
        "UPDATE closures SET confirmation_number = ? WHERE account_id = ? AND confirmation_number IS NULL",
    )
    .bind(&number)
    .bind(account_id)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    tx.commit().await.map_err(ctx.db_error())
}

async fn issue_confirmation(
    kabinet: &Kabinet,
    ctx: &Context,
    account_id: i64,
    closed: &store::ClosedRow,
    request: Option<store::RequestRow>,
) -> ApiResult<String> {
    let person = super::person(ctx, account_id).await?;
    let typed = match &request {
        Some(request) => request.reason_text(ctx, &ctx.pool).await?,
        None => None,
    };
    let (reason, reason_text) = reason_of(request.as_ref().map(|r| r.reason.as_str()).unwrap_or("other"));
    let input = ClosureConfirmationInput {
        full_name: person.full_name,
        account_number: person.account_number,
        snils: person.snils,
        request_number: request.as_ref().map(|r| r.number.clone()).unwrap_or_else(|| "—".to_owned()),
        submitted_at: rfc3339(request.as_ref().map_or(closed.closed_at, |r| r.submitted_at)),
        closed_at: rfc3339(closed.closed_at),
        reason,
        reason_text: typed.or(reason_text),
        restore_until: super::day(ctx, closed.restore_until),
        purge_on: super::day(ctx, closed.purge_at),
        processed_by: None,
    };
    let issued =
        kabinet.documents().issue(DocumentInput::ClosureConfirmation(input), Some(account_id)).await?;
    Ok(issued.number)
}
