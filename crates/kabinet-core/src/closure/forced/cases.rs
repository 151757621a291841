//! Forced-closure cases: registration, the violation's steps the scheduler takes, clearing, and
//! execution (the shared `close_account` plus what a forced closure adds).

use crate::db::Conn;

use crate::Kabinet;
use crate::context::{Context, rfc3339};
use crate::documents::ForcedGround;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::i18n::Locale;
use crate::notifications::account_by_number;
use crate::sealing::Sealer;
use crate::staff::audit::Actor;

use super::super::store::QueueKind;
use super::super::types::RequestStatus;
use super::store::{self, CaseRow, CaseTexts, NewCase};
use super::types::{ClearViolation, ForcedCase, ForcedClosureRequest, ForcedStage};
use super::{act, audit, blocks, check, end_of_day, last_day, tell};

/// Working days within which a court decision or an authority's act is executed.
pub const EXECUTE_WITHIN: u32 = 5;

/// What one scheduler run did to forced closures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ForcedRun {
    /// Violations not fixed in time, now blocked.
    pub blocked: u32,
    /// Accounts closed after their violation block.
    pub closed: u32,
}

/// Registers a forced closure: a violation starts with its notice; every other ground closes
/// the account now.
pub async fn register(
    kabinet: &Kabinet,
    actor: Actor<'_>,
    request: ForcedClosureRequest,
) -> ApiResult<ForcedCase> {
    let ctx = kabinet.context();
    let checked = check::forced(ctx, &request)?;
    let mut tx = ctx.write().await?;
    let account_id = account_by_number(ctx, &mut tx, &request.account_number).await?;
    super::refuse_unless_open(ctx, &mut tx, account_id).await?;
    let key = crate::sealing::account_key(ctx, &mut tx, account_id).await?;
    let violation = checked.ground == ForcedGround::RulesViolation;
    if let Some(open) = store::open_case(ctx, &mut tx, account_id).await?.filter(|_| violation) {
        return Err(ApiError::with_message(
            ErrorCode::WrongState,
            format!(
                "{} № {}",
                ctx.locale()
                    .pick("По кабинету уже идёт дело о нарушении", "A violation case is already open"),
                open.number.unwrap_or_default()
            ),
        ));
    }
    let today = ctx.clock.today();
    let fix_by = today + time::Duration::days(i64::from(checked.notice_days));
    let decision = matches!(checked.ground, ForcedGround::CourtDecision | ForcedGround::AuthorityAct);
    let case = NewCase {
        account_id,
        ground: checked.ground,
        stage: if violation { ForcedStage::Notice } else { ForcedStage::Executed },
        texts: CaseTexts {
            decision_number: checked.decision_number.clone(),
            decision_date: checked.decision_date.map(|d| d.to_string()),
            issuer: checked.issuer.clone(),
            grounds_text: checked.text.clone(),
        },
        notice_until: violation.then(|| end_of_day(fix_by)),
        block_days: violation.then_some(i64::from(checked.block_days)),
        execute_by: decision.then(|| super::super::deadline(ctx, ctx.now(), EXECUTE_WITHIN)),
        operator: checked.operator.as_deref(),
        supervisor: checked.supervisor.as_deref(),
    };
    let id = store::insert(ctx, &mut tx, &key, case).await?;
    let row = store::case(ctx, &mut tx, id).await?.ok_or_else(|| ctx.error(ErrorCode::Internal))?;
    let number = row.number.clone().unwrap_or_default();
    if violation {
        let closed_after = fix_by + time::Duration::days(i64::from(checked.block_days));
        let text = checked.text.as_deref().unwrap_or_default();
        tell::notice(ctx, &mut tx, account_id, &number, text, fix_by, closed_after).await?;
    } else {
        let comment = format!(
            "{} № {number}",
            ctx.locale().pick("Кабинет закрыт по другому основанию, дело", "Closed on other grounds, case")
        );
        clear_open(ctx, &mut tx, &key, account_id, &comment).await?;
        execute(ctx, &mut tx, account_id, checked.ground).await?;
    }
    let details = serde_json::json!({ "case": number, "ground": tell::code(checked.ground) });
    audit(ctx, &mut tx, actor, "forced_closure", &row.account_number, details).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    act::ensure(kabinet, id).await?;
    one(kabinet, &key, id).await
}

/// Clears the violation in progress of an account: fixed, nothing more happens.
pub async fn clear(kabinet: &Kabinet, actor: Actor<'_>, request: ClearViolation) -> ApiResult<ForcedCase> {
    let ctx = kabinet.context();
    let comment = check::comment(ctx, &request.account_number, &request.comment)?;
    let mut tx = ctx.write().await?;
    let account_id = account_by_number(ctx, &mut tx, &request.account_number).await?;
    let key = crate::sealing::account_key(ctx, &mut tx, account_id).await?;
    let Some(open) = store::open_case(ctx, &mut tx, account_id).await? else {
        return Err(ApiError::with_message(
            ErrorCode::WrongState,
            ctx.locale()
                .pick("Дела о нарушении по этому кабинету нет", "No violation case is open for this account"),
        ));
    };
    clear_open(ctx, &mut tx, &key, account_id, &comment).await?;
    tell::lifted(ctx, &mut tx, account_id, open.number.as_deref(), Some(&comment)).await?;
    let details = serde_json::json!({ "case": open.number });
    audit(ctx, &mut tx, actor, "violation_cleared", &open.account_number, details).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    one(kabinet, &key, open.id).await
}

/// Clears the open violation case of an account, if any, lifting its block; returns its number.
/// `key` is the account's, which seals the comment.
pub async fn clear_open(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    account_id: i64,
    comment: &str,
) -> ApiResult<Option<String>> {
    let Some(open) = store::open_case(ctx, conn, account_id).await? else { return Ok(None) };
    if !store::set_stage(ctx, conn, open.id, open.stage, ForcedStage::Cleared).await? {
        return Ok(None);
    }
    store::set_clear_comment(ctx, conn, key, open.id, comment).await?;
    if let Some(block_id) = open.block_id {
        crate::db::query("UPDATE account_blocks SET lifted_at = ? WHERE id = ? AND lifted_at IS NULL")
            .bind(ctx.now())
            .bind(block_id)
            .execute(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    }
    Ok(open.number)
}

/// Closes an account on `ground` in the caller's transaction: an open closure request is
/// superseded, blocks end, and after a death there is nothing to restore.
async fn execute(ctx: &Context, conn: &mut Conn, account_id: i64, ground: ForcedGround) -> ApiResult<()> {
    let now = ctx.now();
    crate::db::query(
        "UPDATE closure_requests SET status = ?, decided_at = ?, decided_by = 'forced' \
         WHERE account_id = ? AND status IN ('pending', 'review')",
    )
    .bind(RequestStatus::Closed)
    .bind(now)
    .bind(account_id)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    super::super::store::resolve_queue(ctx, conn, account_id, QueueKind::ClosureReview, "forced").await?;
    store::lift_blocks(ctx, conn, account_id).await?;
    super::super::close_account(ctx, conn, account_id, None, true, tell::code(ground)).await?;
    if ground == ForcedGround::Death {
        crate::db::query("UPDATE closures SET restore_until = closed_at WHERE account_id = ?")
            .bind(account_id)
            .execute(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    }
    Ok(())
}

/// Advances every case that is due: notices run out → blocks, blocks run out → closures, and
/// acts a crash left unissued. Each step re-reads its case in its own transaction.
pub async fn run_due(kabinet: &Kabinet) -> ApiResult<ForcedRun> {
    let mut run = ForcedRun::default();
    for id in store::due_cases(kabinet.context()).await? {
        if step(kabinet, id, ForcedStage::Notice).await? {
            run.blocked += 1;
        }
        if step(kabinet, id, ForcedStage::Blocked).await? {
            run.closed += 1;
        }
        act::ensure(kabinet, id).await?;
    }
    Ok(run)
}

/// Takes the step out of `from` if it is due; true if taken.
async fn step(kabinet: &Kabinet, id: i64, from: ForcedStage) -> ApiResult<bool> {
    let ctx = kabinet.context();
    let mut tx = ctx.write().await?;
    let Some(case) = store::case(ctx, &mut tx, id).await?.filter(|c| c.stage == from) else {
        return Ok(false);
    };
    let due = match from {
        ForcedStage::Notice => case.notice_until,
        _ => case.block_until,
    };
    if due.is_none_or(|at| at > ctx.now()) {
        return Ok(false);
    }
    let open = crate::accounts::status(ctx, &mut tx, case.account_id).await?.is_open();
    let action = if !open {
        let comment =
            ctx.locale().pick("Кабинет закрыт до исполнения", "The account closed before execution");
        let key = crate::sealing::account_key(ctx, &mut tx, case.account_id).await?;
        clear_open(ctx, &mut tx, &key, case.account_id, comment).await?;
        "violation_dropped"
    } else if from == ForcedStage::Notice {
        to_block(ctx, &mut tx, &case).await?;
        "violation_blocked"
    } else {
        store::set_stage(ctx, &mut tx, case.id, ForcedStage::Blocked, ForcedStage::Executed).await?;
        execute(ctx, &mut tx, case.account_id, ForcedGround::RulesViolation).await?;
        "violation_closed"
    };
    let details = serde_json::json!({ "case": case.number });
    audit(ctx, &mut tx, Actor::System, action, &case.account_number, details).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(open)
}

/// A violation's second step: the block, its reason the circumstances of the notice (opened and
/// sealed again with the account's key, loaded once).
async fn to_block(ctx: &Context, conn: &mut Conn, case: &CaseRow) -> ApiResult<()> {
    let fixed_by = last_day(case.notice_until.unwrap_or_else(|| ctx.now()));
    let last = fixed_by + time::Duration::days(case.block_days.unwrap_or(i64::from(check::DEFAULT_DAYS)));
    let key = crate::sealing::account_key(ctx, &mut *conn, case.account_id).await?;
    let texts = case.texts(ctx, &key)?;
    let text = texts.grounds_text.as_deref().unwrap_or_default();
    let reason = format!("{}: {}", ForcedGround::RulesViolation.label().to_lowercase(), text);
    let reason = match ctx.locale() {
        Locale::Ru => reason,
        Locale::En => format!("violation of the terms of use: {text}"),
    };
    let block_id = blocks::start(ctx, conn, &key, case.account_id, &reason, end_of_day(last)).await?;
    store::set_stage(ctx, conn, case.id, ForcedStage::Notice, ForcedStage::Blocked).await?;
    crate::db::query("UPDATE forced_closures SET block_id = ? WHERE id = ?")
        .bind(block_id)
        .bind(case.id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    tell::blocked(ctx, conn, case.account_id, &reason, last, true).await
}

/// Every case, newest first.
pub async fn all(kabinet: &Kabinet) -> ApiResult<Vec<ForcedCase>> {
    let ctx = kabinet.context();
    Ok(store::all_cases(ctx).await?.into_iter().map(|(row, texts)| view(ctx, &row, texts)).collect())
}

/// Case `id` as staff see it, its texts opened with `key` (its account's, already loaded).
async fn one(kabinet: &Kabinet, key: &Sealer, id: i64) -> ApiResult<ForcedCase> {
    let ctx = kabinet.context();
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let row = store::case(ctx, &mut conn, id).await?.ok_or_else(|| ctx.error(ErrorCode::Internal))?;
    let texts = row.texts(ctx, key)?;
    Ok(view(ctx, &row, texts))
}

fn view(ctx: &Context, row: &CaseRow, texts: CaseTexts) -> ForcedCase {
    let locale = ctx.locale();
    let (ground, stage) = (row.ground, row.stage);
    let stage_label = match stage {
        ForcedStage::Notice => locale.pick("Уведомление: срок на устранение", "Notice: time to fix"),
        ForcedStage::Blocked => locale.pick("Заблокирован до закрытия", "Blocked until closure"),
        ForcedStage::Executed => locale.pick("Исполнено: кабинет закрыт", "Executed: account closed"),
        ForcedStage::Cleared => locale.pick("Нарушение устранено", "Violation cleared"),
    };
    ForcedCase {
        number: row.number.clone().unwrap_or_default(),
        account_number: row.account_number.clone(),
        ground,
        ground_label: tell::ground_label(ground, locale).to_owned(),
        stage,
        stage_label: stage_label.to_owned(),
        decision_date: texts.decision_date.as_deref().map(super::super::iso_to_day),
        decision_number: texts.decision_number,
        issuer: texts.issuer,
        text: texts.grounds_text,
        created_at: rfc3339(row.created_at),
        notice_until: row.notice_until.map(rfc3339),
        block_until: row.block_until.map(rfc3339),
        execute_by: row.execute_by.as_deref().map(super::super::iso_to_day),
        executed_at: row.executed_at.map(rfc3339),
        act_number: row.act_number.clone(),
        cleared_at: row.cleared_at.map(rfc3339),
    }
}
