//! Forced closure by staff and blocks («Заблокирован»), reached through [`crate::Casework`]:
//! grounds always recorded, the citizen always told the reason category and how to appeal.
//!
//! Rules (also in `docs/rules.md`, «Closure — forced»):
//! - Every forced closure is a case numbered «ПЗ-{год}-{NNNNNN}». Each registration, step,
//!   clearing, block and unblock is one transaction with its message to the citizen and a row in
//!   the staff audit log naming who did it (the staff member, `cli:<user>`, or «system» for the
//!   scheduler's steps).
//! - **Violation of the rules** takes three steps: a notice (security message: what, «устраните
//!   нарушение до {день} включительно», when the block and the closure follow) with N calendar
//!   days to fix it (1–30, default 10, through the end of the N-th day after today); if an
//!   operator has not cleared it by then, the scheduler blocks the account for M more days (1–30,
//!   default 10, counted from the notice's last day, so both dates are known from the start);
//!   when the block runs out, the scheduler closes the account. An operator clears the case
//!   while it is a notice or a block («forced clear»; lifting its block does too): nothing more
//!   happens. One violation case per account at a time.
//! - **Suspicious activity**: closed at once, only when staff confirm the owner's identity and
//!   consent were checked (`identity_checked`), with the circumstances written.
//! - **Court decision / authority act**: number, date (ДД.ММ.ГГГГ, not in the future) and the
//!   court or body are required; `execute_by` is 5 working days from registration on the
//!   production calendar, and the account is closed at registration — the earliest moment
//!   within that term — so the term can never be missed.
//! - **Death**: closed at once on the death certificate's number; there is nothing to restore.
//! - Every executed case gets «Акт о закрытии личного кабинета» (kept in the registry and in the
//!   account's documents; signature lines named when staff give their names, blank otherwise).
//!   Closure itself is the shared [`super::close_account`] (sessions revoked, 30/90-day dates)
//!   with `by_staff`, so restoration goes through an operator; an open closure request of the
//!   citizen is superseded, blocks end, a violation in progress is cleared.
//! - Only an active (or «Ожидает закрытия») account can be closed or blocked; a second block
//!   while one is in force is refused, as is unblocking an account with none.
//! - A **block** has a reason (3–500 characters) and a last day (today to a year ahead); it ends
//!   every session and refuses sign-in with `account_blocked`: «Кабинет заблокирован по {день}
//!   включительно. Причина: … Обжаловать решение можно …». It ends by itself after that day.
//! - The scheduler ([`cases::run_due`], from `closure::jobs::run_due`) re-reads each case in its
//!   own transaction and moves it only from the stage it found, so repeated runs change nothing.

mod act;
mod blocks;
mod cases;
mod check;
pub(crate) mod store;
mod tell;
pub mod types;

use crate::db::Conn;
use time::{Date, PrimitiveDateTime, Time};

use crate::context::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::staff::audit::{self as staff_audit, Actor, Entry};

pub use blocks::{block, refuse_blocked, unblock};

/// The account's live block as staff see it (the one that ends last), if any.
pub(crate) async fn live_block_view(
    ctx: &crate::context::Context,
    conn: &mut crate::db::Conn,
    account_id: i64,
) -> crate::error::ApiResult<Option<types::BlockView>> {
    let Some(live) = store::live_block(ctx, conn, account_id).await? else { return Ok(None) };
    let reason = live.reason_loading_key(ctx, conn).await?;
    Ok(Some(blocks::view(&live, reason)))
}
pub use cases::{ForcedRun, clear, register, run_due};
pub use tell::{APPEAL_PHONE, appeal};

/// Every case, newest first, and the blocks in force.
pub async fn overview(kabinet: &crate::Kabinet) -> ApiResult<types::ForcedOverview> {
    let cases = cases::all(kabinet).await?;
    let blocks = store::live_blocks(kabinet.context())
        .await?
        .into_iter()
        .map(|(row, reason)| blocks::view(&row, reason))
        .collect();
    Ok(types::ForcedOverview { cases, blocks })
}

/// The final message of a closure by staff, for [`super::close_account`].
pub(crate) async fn tell_closed(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    category: &str,
    restore_until: i64,
) -> ApiResult<()> {
    tell::closed(ctx, conn, account_id, category, restore_until).await
}

/// Rewrites the sign-in refusal of an account staff closed: the ground, the dates, the appeal.
pub(crate) async fn explain_closed(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    error: &mut ApiError,
) -> ApiResult<()> {
    let row: Option<(String, i64, i64)> = crate::db::query_as(
        "SELECT reason_category, closed_at, restore_until FROM closures WHERE account_id = ? AND by_staff = 1",
    )
    .bind(account_id)
    .fetch_optional(conn)
    .await
    .map_err(ctx.db_error())?;
    if let Some((category, closed_at, restore_until)) = row {
        error.message = tell::closed_refusal(ctx, &category, closed_at, restore_until);
    }
    Ok(())
}

/// Refuses work on an account that is closed or purged.
async fn refuse_unless_open(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<()> {
    if crate::accounts::status(ctx, conn, account_id).await?.is_open() {
        return Ok(());
    }
    Err(ApiError::with_message(
        ErrorCode::WrongState,
        ctx.locale().pick("Кабинет уже закрыт", "The account is already closed"),
    ))
}

/// Appends a staff action to the audit log in the caller's transaction.
async fn audit(
    ctx: &Context,
    conn: &mut Conn,
    actor: Actor<'_>,
    action: &str,
    account_number: &str,
    details: serde_json::Value,
) -> ApiResult<()> {
    let entry = Entry { actor, action, target: account_number.trim(), details };
    staff_audit::append(ctx, conn, entry).await
}

/// The first moment after `day` in the machine's zone: a block or notice «по {day} включительно»
/// runs until then.
fn end_of_day(day: Date) -> i64 {
    let next = PrimitiveDateTime::new(day.next_day().unwrap_or(day), Time::MIDNIGHT);
    next.assume_offset(crate::local_offset(next.assume_utc())).unix_timestamp()
}

/// The last day of something that runs until `until` (an [`end_of_day`]).
fn last_day(until: i64) -> Date {
    super::local(until - 1).date()
}
