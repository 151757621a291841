//! «Заблокирован»: a block with a reason and a last day, by hand or as a violation's second step.
//! A block ends every session at once and refuses sign-in until it is lifted or runs out; lifting
//! the block of a violation clears that case.

use crate::db::Conn;

use crate::Kabinet;
use crate::context::{Context, rfc3339};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::notifications::account_by_number;
use crate::sealing::Sealer;
use crate::staff::audit::Actor;

use super::store::{self, BlockRow};
use super::types::{BlockRequest, BlockView};
use super::{audit, check, end_of_day, last_day, tell};

/// Blocks an account through the given day.
pub async fn block(kabinet: &Kabinet, actor: Actor<'_>, request: BlockRequest) -> ApiResult<BlockView> {
    let ctx = kabinet.context();
    let (reason, last) = check::block(ctx, &request)?;
    let mut tx = ctx.write().await?;
    let account_id = account_by_number(ctx, &mut tx, &request.account_number).await?;
    super::refuse_unless_open(ctx, &mut tx, account_id).await?;
    let key = crate::sealing::account_key(ctx, &mut tx, account_id).await?;
    if let Some(live) = store::live_block(ctx, &mut tx, account_id).await? {
        return Err(ApiError::with_message(
            ErrorCode::WrongState,
            format!(
                "{} {}",
                ctx.locale().pick("Кабинет уже заблокирован по", "The account is already blocked through"),
                crate::validate::dotted_date(last_day(live.until))
            ),
        ));
    }
    let id = start(ctx, &mut tx, &key, account_id, &reason, end_of_day(last)).await?;
    tell::blocked(ctx, &mut tx, account_id, &reason, last, false).await?;
    let row = store::live_block(ctx, &mut tx, account_id)
        .await?
        .filter(|b| b.id == id)
        .ok_or_else(|| ctx.error(ErrorCode::Internal))?;
    let details = serde_json::json!({ "until": crate::validate::dotted_date(last) });
    audit(ctx, &mut tx, actor, "account_blocked", &row.account_number, details).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(view(&row, reason))
}

/// Lifts the live block of an account (and clears the violation it belongs to).
pub async fn unblock(kabinet: &Kabinet, actor: Actor<'_>, account_number: &str) -> ApiResult<BlockView> {
    let ctx = kabinet.context();
    let mut failures = Vec::new();
    check::account(account_number, &mut failures);
    if !failures.is_empty() {
        return Err(ApiError::fields(failures, ctx.locale()));
    }
    let mut tx = ctx.write().await?;
    let account_id = account_by_number(ctx, &mut tx, account_number).await?;
    let Some(live) = store::live_block(ctx, &mut tx, account_id).await? else {
        return Err(ApiError::with_message(
            ErrorCode::WrongState,
            ctx.locale().pick("Кабинет не заблокирован", "The account is not blocked"),
        ));
    };
    let key = crate::sealing::account_key(ctx, &mut tx, account_id).await?;
    let reason = live.reason(ctx, &key)?;
    store::lift_blocks(ctx, &mut tx, account_id).await?;
    let comment = ctx.locale().pick("Блокировка снята оператором", "The block was lifted by an operator");
    let cleared = super::cases::clear_open(ctx, &mut tx, &key, account_id, comment).await?;
    tell::lifted(ctx, &mut tx, account_id, cleared.as_deref(), None).await?;
    let details = serde_json::json!({ "case": cleared });
    audit(ctx, &mut tx, actor, "account_unblocked", &live.account_number, details).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(view(&live, reason))
}

/// Starts a block and ends the account's sessions; returns the block's id. `key` is the
/// account's, which seals the reason.
pub async fn start(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    account_id: i64,
    reason: &str,
    until: i64,
) -> ApiResult<i64> {
    let id = store::insert_block(ctx, conn, key, account_id, reason, until).await?;
    store::end_sessions(ctx, conn, account_id, "blocked").await?;
    Ok(id)
}

/// Refuses sign-in to a blocked account with the reason, the last day and how to appeal.
pub async fn refuse_blocked(ctx: &Context, account_id: i64) -> ApiResult<()> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let Some(live) = store::live_block(ctx, &mut conn, account_id).await? else { return Ok(()) };
    let reason = live.reason_loading_key(ctx, &mut conn).await?;
    let locale = ctx.locale();
    let message =
        format!("{} {}", tell::block_sentence(locale, &reason, last_day(live.until)), tell::appeal(locale));
    let mut error = ApiError::with_message(ErrorCode::AccountBlocked, message);
    error.details.blocked_until = Some(rfc3339(live.until));
    Err(error)
}

/// A block as staff see it, with its reason opened.
pub fn view(row: &BlockRow, reason: String) -> BlockView {
    BlockView {
        account_number: row.account_number.clone(),
        reason,
        until: rfc3339(row.until),
        until_day: crate::validate::dotted_date(last_day(row.until)),
        created_at: rfc3339(row.created_at),
        case_number: row.case_number.clone(),
    }
}
