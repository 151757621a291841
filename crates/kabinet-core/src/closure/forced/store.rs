//! The SQL of forced closures and blocks.
//!
//! What staff write about a person — a decision's number, date and issuer, the circumstances,
//! the clearing comment, a block's reason — is stored sealed under the account's key (issue 16),
//! bound to the row's id, so the purge that deletes the key leaves every copy unreadable. Rows
//! carry the sealed values ([`CaseRow::sealed`], [`BlockRow::sealed_reason`]); they are opened
//! where shown or printed, with one key per account ([`Opener`] for lists of many accounts).
//! Nothing in SQL compares them: the decision date is only stored and shown, and the lists are
//! ordered by `created_at` and `until`, which are not sealed.

use crate::db::Conn;

use crate::context::Context;
use crate::documents::ForcedGround;
use crate::error::ApiResult;
use crate::sealing::{Opener, Sealer};

use super::types::ForcedStage;

pub(crate) const DECISION_NUMBER: &str = "forced_closures.decision_number";
pub(crate) const DECISION_DATE: &str = "forced_closures.decision_date";
pub(crate) const ISSUER: &str = "forced_closures.issuer";
pub(crate) const GROUNDS_TEXT: &str = "forced_closures.grounds_text";
pub(crate) const CLEAR_COMMENT: &str = "forced_closures.clear_comment";
pub(crate) const BLOCK_REASON: &str = "account_blocks.reason";

/// The texts of a case about the person: sealed as a [`CaseRow`] holds them, or opened.
#[derive(sqlx::FromRow, Clone, Default)]
pub struct CaseTexts {
    /// Decision, act or death certificate number.
    pub decision_number: Option<String>,
    /// Its date, ISO.
    pub decision_date: Option<String>,
    /// The court, authority or registry office.
    pub issuer: Option<String>,
    /// The circumstances.
    pub grounds_text: Option<String>,
}

impl CaseTexts {
    /// The same texts sealed for case `id`.
    fn sealed(&self, key: &Sealer, id: i64) -> Self {
        let seal = |column: &str, value: &Option<String>| key.seal_opt(column, id, value.as_deref());
        Self {
            decision_number: seal(DECISION_NUMBER, &self.decision_number),
            decision_date: seal(DECISION_DATE, &self.decision_date),
            issuer: seal(ISSUER, &self.issuer),
            grounds_text: seal(GROUNDS_TEXT, &self.grounds_text),
        }
    }
}

/// One forced closure, with its account's number.
#[derive(sqlx::FromRow, Clone)]
pub struct CaseRow {
    pub id: i64,
    pub account_id: i64,
    pub account_number: String,
    pub number: Option<String>,
    pub ground: ForcedGround,
    pub stage: ForcedStage,
    /// The texts as stored, sealed: [`CaseRow::texts`] opens them.
    #[sqlx(flatten)]
    pub sealed: CaseTexts,
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

impl CaseRow {
    /// The case's texts opened with its account's key.
    pub fn texts(&self, ctx: &Context, key: &Sealer) -> ApiResult<CaseTexts> {
        let open = |column: &str, value: &Option<String>| {
            key.open_opt(column, self.id, value.as_deref()).map_err(ctx.unreadable())
        };
        Ok(CaseTexts {
            decision_number: open(DECISION_NUMBER, &self.sealed.decision_number)?,
            decision_date: open(DECISION_DATE, &self.sealed.decision_date)?,
            issuer: open(ISSUER, &self.sealed.issuer)?,
            grounds_text: open(GROUNDS_TEXT, &self.sealed.grounds_text)?,
        })
    }

    /// The case's texts opened through `opener`, which unwraps each account's key once for a
    /// list of cases of many accounts.
    async fn texts_with(&self, ctx: &Context, conn: &mut Conn, opener: &mut Opener) -> ApiResult<CaseTexts> {
        let mut open = async |column: &str, value: &Option<String>| match value {
            Some(stored) => {
                opener.text(ctx, &mut *conn, Some(self.account_id), column, self.id, stored).await
            }
            None => Ok(None),
        };
        Ok(CaseTexts {
            decision_number: open(DECISION_NUMBER, &self.sealed.decision_number).await?,
            decision_date: open(DECISION_DATE, &self.sealed.decision_date).await?,
            issuer: open(ISSUER, &self.sealed.issuer).await?,
            grounds_text: open(GROUNDS_TEXT, &self.sealed.grounds_text).await?,
        })
    }
}

/// What a new case records.
pub struct NewCase<'a> {
    pub account_id: i64,
    pub ground: ForcedGround,
    pub stage: ForcedStage,
    /// The texts, in the clear: sealed when recorded.
    pub texts: CaseTexts,
    pub notice_until: Option<i64>,
    pub block_days: Option<i64>,
    pub execute_by: Option<String>,
    pub operator: Option<&'a str>,
    pub supervisor: Option<&'a str>,
}

/// Records a case and numbers it «ПЗ-{год}-{id:06}»; returns its id. The row first, then its
/// number and texts sealed to its id with `key` (the account's), in the caller's transaction.
pub async fn insert(ctx: &Context, conn: &mut Conn, key: &Sealer, case: NewCase<'_>) -> ApiResult<i64> {
    let now = ctx.now();
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO forced_closures (account_id, ground, stage, notice_until, block_days, execute_by, \
         operator, supervisor, created_at, executed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(case.account_id)
    .bind(case.ground)
    .bind(case.stage)
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
    let texts = case.texts.sealed(key, id);
    crate::db::query(
        "UPDATE forced_closures SET number = ?, decision_number = ?, decision_date = ?, issuer = ?, \
         grounds_text = ? WHERE id = ?",
    )
    .bind(format!("ПЗ-{year}-{id:06}"))
    .bind(texts.decision_number)
    .bind(texts.decision_date)
    .bind(texts.issuer)
    .bind(texts.grounds_text)
    .bind(id)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(id)
}

/// Records the comment of a case cleared, sealed to it with `key` (the account's).
pub async fn set_clear_comment(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    id: i64,
    comment: &str,
) -> ApiResult<()> {
    crate::db::query("UPDATE forced_closures SET clear_comment = ? WHERE id = ?")
        .bind(key.seal(CLEAR_COMMENT, id, comment))
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
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

/// Every case, newest first, with its texts opened.
pub async fn all_cases(ctx: &Context) -> ApiResult<Vec<(CaseRow, CaseTexts)>> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let rows: Vec<CaseRow> =
        crate::db::query_as(concat!(case_select!(), "ORDER BY f.created_at DESC, f.id DESC"))
            .fetch_all(&mut conn)
            .await
            .map_err(ctx.db_error())?;
    let mut opener = Opener::default();
    let mut cases = Vec::with_capacity(rows.len());
    for row in rows {
        let texts = row.texts_with(ctx, &mut conn, &mut opener).await?;
        cases.push((row, texts));
    }
    Ok(cases)
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
    pub account_id: i64,
    pub account_number: String,
    /// `reason` as stored: sealed, opened by [`BlockRow::reason`].
    #[sqlx(rename = "reason")]
    pub sealed_reason: String,
    pub until: i64,
    pub created_at: i64,
    pub case_number: Option<String>,
}

impl BlockRow {
    /// The reason the citizen is shown, opened with the account's key.
    pub fn reason(&self, ctx: &Context, key: &Sealer) -> ApiResult<String> {
        key.open(BLOCK_REASON, self.id, &self.sealed_reason).map_err(ctx.unreadable())
    }

    /// The reason loading the account's key (a block read on its own).
    pub async fn reason_loading_key(&self, ctx: &Context, conn: &mut Conn) -> ApiResult<String> {
        let key = crate::sealing::account_key(ctx, conn, self.account_id).await?;
        self.reason(ctx, &key)
    }
}

macro_rules! block_select {
    () => {
        "SELECT b.id, b.account_id, a.number AS account_number, b.reason, b.until, b.created_at, \
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

/// Every live block, ending soonest first, with its reason opened.
pub async fn live_blocks(ctx: &Context) -> ApiResult<Vec<(BlockRow, String)>> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let rows: Vec<BlockRow> = crate::db::query_as(concat!(block_select!(), "ORDER BY b.until, b.id"))
        .bind(ctx.now())
        .fetch_all(&mut conn)
        .await
        .map_err(ctx.db_error())?;
    let mut opener = Opener::default();
    let mut blocks = Vec::with_capacity(rows.len());
    for row in rows {
        let reason = opener
            .text(ctx, &mut conn, Some(row.account_id), BLOCK_REASON, row.id, &row.sealed_reason)
            .await?
            .unwrap_or_default();
        blocks.push((row, reason));
    }
    Ok(blocks)
}

/// Starts a block until `until`; returns its id. The row first (with an empty reason), then the
/// reason sealed to its id with `key` (the account's), in the caller's transaction.
pub async fn insert_block(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    account_id: i64,
    reason: &str,
    until: i64,
) -> ApiResult<i64> {
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO account_blocks (account_id, reason, until, created_at) VALUES (?, '', ?, ?) RETURNING id",
    )
    .bind(account_id)
    .bind(until)
    .bind(ctx.now())
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    crate::db::query("UPDATE account_blocks SET reason = ? WHERE id = ?")
        .bind(key.seal(BLOCK_REASON, id, reason))
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(id)
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
