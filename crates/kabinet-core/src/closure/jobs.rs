//! The closure scheduler: at app start, every minute while the app runs, and from
//! `kabinet-cli jobs run`. Each clean request whose 24 hours are over is re-read inside its own
//! transaction and either closes the account or — when a debt appeared or a security incident
//! happened meanwhile — goes to the operator queue. Documents that a crash left unissued are
//! issued on the next run. Forced closures take their due steps too (`forced::run_due`: a
//! violation's notice → block → closure, acts not yet issued). Running twice changes nothing more.

use crate::Kabinet;
use crate::error::ApiResult;

use super::store::{self, Flag, Flags, QueueKind};
use super::types::RequestStatus;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct JobsRun {
    /// Accounts closed.
    pub closed: u32,
    /// Requests sent to an operator.
    pub flagged: u32,
    /// Violations not fixed in time, now blocked (forced closure).
    pub blocked: u32,
    /// Accounts purged at day 90.
    pub purged: u32,
    /// Overdue closure requests reported to supervisors today (new notices).
    pub overdue_reported: u32,
}

/// Runs everything due now.
/// Processes sharing one PostgreSQL take turns: a process that finds another's run under way
/// skips this one (the next minute comes soon), so each due request is decided once.
pub async fn run_due(kabinet: &Kabinet) -> ApiResult<JobsRun> {
    let ctx = kabinet.context();
    let Some(runner) =
        crate::db::try_runner(&ctx.pool, crate::db::exclusive::SCHEDULER).await.map_err(ctx.db_error())?
    else {
        return Ok(JobsRun::default());
    };
    let run = run_all(kabinet).await;
    runner.release().await;
    run
}

/// Everything due now, while this process holds the scheduler's run.
async fn run_all(kabinet: &Kabinet) -> ApiResult<JobsRun> {
    let ctx = kabinet.context();
    let mut run = JobsRun::default();
    for id in store::due_requests(ctx).await? {
        process(kabinet, id, &mut run).await?;
    }
    let forced = super::forced::run_due(kabinet).await?;
    run.blocked += forced.blocked;
    run.closed += forced.closed;
    repair_documents(kabinet).await?;
    run.overdue_reported = super::desk::report_overdue(ctx).await?;
    run.purged = super::purge::purge_due(ctx, crate::staff::audit::Actor::System).await?;
    Ok(run)
}

/// One clean request whose 24 hours are over: closes the account, or flags the request when a
/// debt appeared or an incident happened meanwhile. Re-read in the transaction: a second run
/// finds it no longer pending.
async fn process(kabinet: &Kabinet, id: i64, run: &mut JobsRun) -> ApiResult<()> {
    let ctx = kabinet.context();
    let mut tx = ctx.write().await?;
    let Some(request) = store::request(ctx, &mut tx, id).await? else { return Ok(()) };
    if request.status != RequestStatus::Pending || request.auto_close_at.is_none_or(|at| at > ctx.now()) {
        return Ok(());
    }
    let mut flags = Flags::default();
    if store::open_debts(ctx, &mut tx, request.account_id).await? > 0 {
        flags.0.push(Flag::DebtAppeared);
    }
    if store::has_open_incident(ctx, &mut tx, request.account_id).await? {
        flags.0.push(Flag::SecurityIncident);
    }
    let clean = flags.is_clean();
    if clean {
        super::close_account(ctx, &mut tx, request.account_id, Some(id), false, &request.reason).await?;
        run.closed += 1;
    } else {
        flag(ctx, &mut tx, &request, &flags).await?;
        run.flagged += 1;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    crate::fault::crash_point("closure_after_close");
    crate::delivery::kick(ctx).await;
    if clean {
        super::close::ensure_confirmation(kabinet, ctx, request.account_id).await?;
    }
    Ok(())
}

/// PDFs a crash left unissued: request documents and closing confirmations.
async fn repair_documents(kabinet: &Kabinet) -> ApiResult<()> {
    let ctx = kabinet.context();
    for id in store::requests_without_documents(ctx).await? {
        super::ensure_documents(kabinet, ctx, id).await?;
    }
    for account_id in store::closures_without_confirmation(ctx).await? {
        super::close::ensure_confirmation(kabinet, ctx, account_id).await?;
    }
    Ok(())
}

async fn flag(
    ctx: &crate::context::Context,
    conn: &mut crate::db::Conn,
    request: &store::RequestRow,
    flags: &Flags,
) -> ApiResult<()> {
    // The operator's term runs from the flag, by the flag: 5 or 10 working days, not the 2 the
    // clean request started with.
    let days = flags.working_days();
    let deadline = super::deadline(ctx, ctx.now(), days);
    crate::db::query(
        "UPDATE closure_requests SET status = ?, flags = ?, auto_close_at = NULL, working_days = ?, deadline = ? \
         WHERE id = ?",
    )
    .bind(RequestStatus::Review)
    .bind(flags)
    .bind(i64::from(days))
    .bind(&deadline)
    .bind(request.id)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    store::enqueue_for_operator(
        ctx,
        conn,
        QueueKind::ClosureReview,
        request.account_id,
        Some(request.id),
        &deadline,
    )
    .await
}
