//! The SQL of forced closures and blocks.

use crate::db::Conn;

use crate::context::Context;
use crate::documents::ForcedGround;
use crate::error::ApiResult;

use super::types::ForcedStage;

/// One forced closure, with its account's number.
#[derive(sqlx::FromRow, Clone)]
pub struct CaseRow {
    pub id: i64,
    pub account_id: i64,
    pub account_number: String,
    pub number: Option<String>,
    pub ground: ForcedGround,
    pub stage: ForcedStage,
    pub decision_number: Option<String>,
    pub decision_date: Option<String>,
    pub issuer: Option<String>,
    pub grounds_text: Option<String>,
    pub notice_until: Option<i64>,
    pub block_days: Option<i64>,
    pub block_id: Option<i64>,
    pub block_until: Option<i64>,
    pub execute_by: Option<String>,
    pub created_at: i64,
    pub executed_at: Option<i64>,
    pub act_number: Option<String>,
    pub cleared_at: Option<i64>,
    pub operator: Option<String>,
    pub supervisor: Option<String>,
}

macro_rules! case_select {
    () => {
        "SELECT f.id, f.account_id, a.number AS account_number, f.number, f.ground, f.stage, \
         f.decision_number, f.decision_date, f.issuer, f.grounds_text, f.notice_until, f.block_days, \
         f.block_id, b.until AS block_until, f.execute_by, f.created_at, f.executed_at, f.act_number, \
         f.cleared_at, f.operator, f.supervisor \
         FROM forced_closures f JOIN accounts a ON a.id = f.account_id \
         LEFT JOIN account_blocks b ON b.id = f.block_id "
    };
}

/// What a new case records.
pub struct NewCase<'a> {
    pub account_id: i64,
    pub ground: ForcedGround,
    pub stage: ForcedStage,
    pub decision_number: Option<&'a str>,
    pub decision_date: Option<String>,
    pub issuer: Option<&'a str>,
    pub grounds_text: Option<&'a str>,
    pub notice_until: Option<i64>,
    pub block_days: Option<i64>,
    pub execute_by: Option<String>,
    pub operator: Option<&'a str>,
    pub supervisor: Option<&'a str>,
}

/// Records a case and numbers it «ПЗ-{год}-{id:06}»; returns its id.
pub async fn insert(ctx: &Context, conn: &mut Conn, case: NewCase<'_>) -> ApiResult<i64> {
    let now = ctx.now();
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO forced_closures (account_id, ground, stage, decision_number, decision_date, issuer, \
         grounds_text, notice_until, block_days, execute_by, operator, supervisor, created_at, executed_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(case.account_id)
    .bind(case.ground)
    .bind(case.stage)
    .bind(case.decision_number)
    .bind(case.decision_date)
    .bind(case.issuer)
    .bind(case.grounds_text)
    .bind(case.notice_until)
    .bind(case.block_days)
    .bind(case.execute_by)
    .bind(case.operator)
    .bind(case.supervisor)
    .bind(now)
    .bind((case.stage == ForcedStage::Executed).then_some(now))
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let year = super::super::local(now).year();
    crate::db::query("UPDATE forced_closures SET number = ? WHERE id = ?")
        .bind(format!("ПЗ-{year}-{id:06}"))
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(id)
}

/// A case by id.
pub async fn case(ctx: &Context, conn: &mut Conn, id: i64) -> ApiResult<Option<CaseRow>> {
    crate::db::query_as(concat!(case_select!(), "WHERE f.id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await
        .map_err(ctx.db_error())
}

/// The violation case in progress (notice or blocked) of an account.
pub async fn open_case(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Option<CaseRow>> {
    crate::db::query_as(concat!(
        case_select!(),
        "WHERE f.account_id = ? AND f.stage IN ('notice', 'blocked')"
    ))
    .bind(account_id)
    .fetch_optional(conn)
    .await
    .map_err(ctx.db_error())
}

/// Every case, newest first.
pub async fn all_cases(ctx: &Context) -> ApiResult<Vec<CaseRow>> {
    crate::db::query_as(concat!(case_select!(), "ORDER BY f.created_at DESC, f.id DESC"))
        .fetch_all(&ctx.pool)
        .await
        .map_err(ctx.db_error())
}

/// Ids of cases the scheduler may have to advance: notices, blocks, acts not yet issued.
pub async fn due_cases(ctx: &Context) -> ApiResult<Vec<i64>> {
    crate::db::query_scalar(
        "SELECT id FROM forced_closures WHERE stage IN ('notice', 'blocked') \
         OR (stage = 'executed' AND act_number IS NULL) ORDER BY id",
    )
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())
}

/// Moves a case to `stage`, only from `from` (so a step re-run changes nothing); true if moved.
pub async fn set_stage(
    ctx: &Context,
    conn: &mut Conn,
    id: i64,
    from: ForcedStage,
    stage: ForcedStage,
) -> ApiResult<bool> {
    let now = ctx.now();
    let done = crate::db::query(
        "UPDATE forced_closures SET stage = ?, \
         executed_at = CASE WHEN ? <> 0 THEN ? ELSE executed_at END, \
         cleared_at = CASE WHEN ? <> 0 THEN ? ELSE cleared_at END \
         WHERE id = ? AND stage = ?",
    )
    .bind(stage)
    .bind(stage == ForcedStage::Executed)
    .bind(now)
    .bind(stage == ForcedStage::Cleared)
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(done.rows_affected() == 1)
}

/// A live block: not lifted and not run out.
#[derive(sqlx::FromRow, Clone)]
pub struct BlockRow {
    pub id: i64,
    pub account_number: String,
    pub reason: String,
    pub until: i64,
    pub created_at: i64,
    pub case_number: Option<String>,
}

macro_rules! block_select {
    () => {
        "SELECT b.id, a.number AS account_number, b.reason, b.until, b.created_at, \
         (SELECT f.number FROM forced_closures f WHERE f.block_id = b.id) AS case_number \
         FROM account_blocks b JOIN accounts a ON a.id = b.account_id \
         WHERE b.lifted_at IS NULL AND b.until > ? "
    };
}

/// The live block of an account that ends last.
pub async fn live_block(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Option<BlockRow>> {
    crate::db::query_as(concat!(block_select!(), "AND b.account_id = ? ORDER BY b.until DESC LIMIT 1"))
        .bind(ctx.now())
        .bind(account_id)
        .fetch_optional(conn)
        .await
        .map_err(ctx.db_error())
}

/// Every live block, ending soonest first.
pub async fn live_blocks(ctx: &Context) -> ApiResult<Vec<BlockRow>> {
    crate::db::query_as(concat!(block_select!(), "ORDER BY b.until, b.id"))
        .bind(ctx.now())
        .fetch_all(&ctx.pool)
        .await
        .map_err(ctx.db_error())
}

/// Starts a block until `until`; returns its id.
pub async fn insert_block(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    reason: &str,
    until: i64,
) -> ApiResult<i64> {
    crate::db::query_scalar(
        "INSERT INTO account_blocks (account_id, reason, until, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(account_id)
    .bind(reason)
    .bind(until)
    .bind(ctx.now())
    .fetch_one(conn)
    .await
    .map_err(ctx.db_error())
}

/// Lifts every block of an account that is not lifted yet; returns how many.
pub async fn lift_blocks(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<u64> {
    let done = crate::db::query(
        "UPDATE account_blocks SET lifted_at = ? WHERE account_id = ? AND lifted_at IS NULL",
    )
    .bind(ctx.now())
    .bind(account_id)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(done.rows_affected())
}

/// Ends every session of an account, and with them the copies handed to the system viewer.
pub async fn end_sessions(ctx: &Context, conn: &mut Conn, account_id: i64, reason: &str) -> ApiResult<()> {
    crate::db::query(
        "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE account_id = ? AND ended_at IS NULL",
    )
    .bind(ctx.now())
    .bind(reason)
    .bind(account_id)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    crate::documents::files::remove_private_copies(ctx);
    Ok(())
}
