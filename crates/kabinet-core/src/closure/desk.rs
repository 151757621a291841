//! The operator's side of closure, for the CLI now and the staff console later: the queue by
//! deadline, approving or rejecting a flagged request with a reason, and restoring an account
//! that staff closed. Each decision re-reads the request in its transaction, so deciding twice
//! is refused rather than applied twice.

use crate::Kabinet;
use crate::contract::AccountStatus;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::notifications::account_by_number;
use crate::notifications::publish::{self, Event};
use crate::notifications::types::EventType;

use super::store::{self, Initiator, QueueKind};
use super::types::{ClosureDecision, ClosureStatus, QueueItem, RequestStatus};

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    kind: String,
    account_number: String,
    request_number: Option<String>,
    flags: Option<String>,
    due: String,
}

/// Open work, earliest deadline first.
pub async fn queue(kabinet: &Kabinet) -> ApiResult<Vec<QueueItem>> {
    let ctx = kabinet.context();
    let rows: Vec<QueueRow> = sqlx::query_as(
        "SELECT q.id, q.kind, a.number AS account_number, r.number AS request_number, r.flags, q.due \
         FROM operator_queue q JOIN accounts a ON a.id = q.account_id \
         LEFT JOIN closure_requests r ON r.id = q.request_id \
         WHERE q.resolved_at IS NULL ORDER BY q.due, q.id",
    )
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    Ok(rows
        .into_iter()
        .map(|r| QueueItem {
            id: r.id,
            kind: r.kind,
            account_number: r.account_number,
            request_number: r.request_number,
            flags: r.flags.and_then(|f| serde_json::from_str(&f).ok()).unwrap_or_default(),
            due: super::iso_to_day(&r.due),
        })
        .collect())
}

/// Approves (closes the account) or rejects (back to «Активен») a request under review.
pub async fn decide(kabinet: &Kabinet, decision: ClosureDecision) -> ApiResult<ClosureStatus> {
    let ctx = kabinet.context();
    let comment = decision.comment.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let comment = match (decision.approve, comment) {
        (false, None) => {
            return Err(ApiError::field(Field::Comment, crate::validate::Invalid::Required, ctx.locale()));
        }
        (_, Some(text)) => Some(
            crate::applications::reason(text, Field::Comment)
                .map_err(|(f, r)| ApiError::field(f, r, ctx.locale()))?,
        ),
        (true, None) => None,
    };
    let mut tx = ctx.write().await?;
    let request = store::request_by_number(ctx, &mut tx, &decision.number)
        .await?
        .filter(|r| matches!(r.status, RequestStatus::Review | RequestStatus::Pending))
        .ok_or_else(|| {
            ApiError::with_message(
                ErrorCode::WrongState,
                ctx.locale().pick("Заявление не ожидает решения", "The request awaits no decision"),
            )
        })?;
    let by_staff = request.initiator == Initiator::Staff;
    if decision.approve {
        super::close_account(ctx, &mut tx, request.account_id, Some(request.id), by_staff, &request.reason)
            .await?;
    } else {
        reject(ctx, &mut tx, &request, comment.as_deref().unwrap_or_default()).await?;
    }
    sqlx::query("UPDATE closure_requests SET decided_by = 'operator', decision_comment = ? WHERE id = ?")
        .bind(comment)
        .bind(request.id)
        .execute(&mut *tx)
        .await
        .map_err(ctx.db_error())?;
    store::resolve_queue(
        ctx,
        &mut tx,
        request.account_id,
        QueueKind::ClosureReview,
        if decision.approve { "approved" } else { "rejected" },
    )
    .await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    if decision.approve {
        super::close::ensure_confirmation(kabinet, ctx, request.account_id).await?;
    }
    super::view::status(ctx, request.account_id).await
}

async fn reject(
    ctx: &crate::context::Context,
    conn: &mut sqlx::SqliteConnection,
    request: &store::RequestRow,
    comment: &str,
) -> ApiResult<()> {
    sqlx::query("UPDATE closure_requests SET status = ?, decided_at = ? WHERE id = ?")
        .bind(RequestStatus::Rejected)
        .bind(ctx.now())
        .bind(request.id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    crate::accounts::set_status(ctx, conn, request.account_id, AccountStatus::Active).await?;
    let locale = ctx.locale();
    let title = format!(
        "{} № {}",
        locale.pick("Заявление о закрытии отклонено", "Closure request rejected"),
        request.number
    );
    let event = Event {
        event: EventType::ClosureRequested,
        kind: "closure_rejected",
        service: None,
        title: &title,
        body: comment,
    };
    publish::publish(ctx, conn, request.account_id, event).await.map(|_| ())
}

/// Restores an account (a staff-closed one on the citizen's request, after checking identity).
pub async fn restore(kabinet: &Kabinet, account_number: &str) -> ApiResult<ClosureStatus> {
    let ctx = kabinet.context();
    let mut tx = ctx.write().await?;
    let account_id = account_by_number(ctx, &mut tx, account_number).await?;
    let closed = store::closed(ctx, &mut tx, account_id).await?.filter(|c| c.restore_until > ctx.now());
    if closed.is_none() {
        return Err(ApiError::with_message(
            ErrorCode::WrongState,
            ctx.locale().pick("Этот кабинет нельзя восстановить", "This account cannot be restored"),
        ));
    }
    if store::open_debts(ctx, &mut tx, account_id).await? > 0 {
        return Err(ApiError::with_message(
            ErrorCode::ClosureBlocked,
            ctx.locale()
                .pick("Восстановление невозможно: есть задолженности", "Cannot restore: there are debts"),
        ));
    }
    super::restore::reopen(ctx, &mut tx, account_id).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    super::view::status(ctx, account_id).await
}
