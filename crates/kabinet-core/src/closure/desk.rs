//! The operator's side of closure: the queue by deadline (with the working days left and the
//! overdue marked), approving or rejecting a flagged request with a reason, restoring an account
//! that staff closed after comparing the passport presented, and the supervisors' daily report
//! of requests past their deadline. Each decision re-reads the request in its transaction, so
//! deciding twice is refused rather than applied twice, and is one row of the staff audit log.

use crate::Kabinet;
use crate::calendar::WorkingCalendar;
use crate::context::{Context, rfc3339};
use crate::contract::AccountStatus;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::notifications::account_by_number;
use crate::notifications::publish::{self, Event};
use crate::notifications::types::EventType;
use crate::staff::audit::{self, Actor, Entry};
use crate::validate::Invalid;

use super::store::{self, Flag, Flags, Initiator, QueueKind};
use super::types::{ClosureDecision, ClosureStatus, QueueItem, RequestStatus, RestorationDecision};

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    kind: String,
    account_number: String,
    request_number: Option<String>,
    flags: Option<Flags>,
    reason: Option<String>,
    created_at: i64,
    due: String,
}

/// Open work of `kind`, earliest deadline first.
pub async fn queue(ctx: &Context, kind: QueueKind) -> ApiResult<Vec<QueueItem>> {
    let rows: Vec<QueueRow> = crate::db::query_as(
        "SELECT q.id, q.kind, a.number AS account_number, r.number AS request_number, r.flags, r.reason, \
         q.created_at, q.due \
         FROM operator_queue q JOIN accounts a ON a.id = q.account_id \
         LEFT JOIN closure_requests r ON r.id = q.request_id \
         WHERE q.resolved_at IS NULL AND q.kind = ? ORDER BY q.due, q.id",
    )
    .bind(kind)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let today = super::local(ctx.now()).date();
    let calendar = WorkingCalendar::bundled();
    let locale = ctx.locale();
    Ok(rows
        .into_iter()
        .map(|r| {
            let due = time::Date::parse(&r.due, &time::format_description::well_known::Iso8601::DATE).ok();
            let left = due.map_or(0, |due| calendar.working_days_between(today, due));
            let flags = r.flags.unwrap_or_default();
            QueueItem {
                id: r.id,
                kind: r.kind,
                account_number: r.account_number,
                request_number: r.request_number,
                flag_labels: flags.0.iter().map(|f| flag_label(*f, locale).to_owned()).collect(),
                flags: flags.codes(),
                reason_label: r.reason.as_deref().map(|code| super::reason_of(code).0.label().to_owned()),
                created_at: rfc3339(r.created_at),
                due: super::iso_to_day(&r.due),
                working_days_left: i32::try_from(left).unwrap_or(i32::MIN),
                overdue: due.is_some_and(|due| due < today),
            }
        })
        .collect())
}

fn flag_label(flag: Flag, locale: crate::i18n::Locale) -> &'static str {
    match flag {
        Flag::SecurityIncident => {
            locale.pick("«Это был не я»: инцидент безопасности", "«It was not me»: a security incident")
        }
        Flag::IdentityMismatch => locale.pick("Личность не подтверждена", "Identity not confirmed"),
        Flag::DebtAppeared => locale.pick("Появилась задолженность", "A debt appeared"),
        Flag::StaffInitiated => locale.pick("Начато сотрудником", "Started by staff"),
    }
}

/// Approves (closes the account) or rejects (back to «Активен», the citizen told the reason) a
/// request under review.
pub async fn decide(
    kabinet: &Kabinet,
    actor: Actor<'_>,
    decision: ClosureDecision,
) -> ApiResult<ClosureStatus> {
    let ctx = kabinet.context();
    let comment = decision.comment.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let comment = match (decision.approve, comment) {
        (false, None) => {
            return Err(ApiError::field(Field::Comment, Invalid::Required, ctx.locale()));
        }
        (_, Some(text)) => Some(
            crate::applications::reason(text, Field::Comment)
                .map_err(|(f, r)| ApiError::field(f, r, ctx.locale()))?,
        ),
        (true, None) => None,
    };
    let mut tx = ctx.write().await?;
    let request = store::request_by_number(ctx, &mut tx, decision.number.trim())
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
    store::record_decision(ctx, &mut tx, &request, comment.as_deref()).await?;
    let resolution = if decision.approve { "approved" } else { "rejected" };
    store::resolve_queue(ctx, &mut tx, request.account_id, QueueKind::ClosureReview, resolution).await?;
    let number = crate::casework::account_number_of(ctx, &mut tx, request.account_id).await?;
    let details =
        serde_json::json!({ "request": request.number, "decision": resolution, "comment": comment });
    audit::append(ctx, &mut tx, Entry { actor, action: "closure_decided", target: &number, details }).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    if decision.approve {
        super::close::ensure_confirmation(kabinet, ctx, request.account_id).await?;
    }
    super::view::status(ctx, request.account_id).await
}

async fn reject(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    request: &store::RequestRow,
    comment: &str,
) -> ApiResult<()> {
    crate::db::query("UPDATE closure_requests SET status = ?, decided_at = ? WHERE id = ?")
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

/// Restores a staff-closed account on the citizen's request — after comparing the passport
/// presented with the account's — or rejects the request with a reason the citizen reads.
pub async fn decide_restoration(
    kabinet: &Kabinet,
    actor: Actor<'_>,
    decision: RestorationDecision,
) -> ApiResult<ClosureStatus> {
    let ctx = kabinet.context();
    let locale = ctx.locale();
    let passport = match (decision.approve, decision.passport_number.as_deref().map(str::trim)) {
        (true, None | Some("")) => return Err(ApiError::field(Field::Passport, Invalid::Required, locale)),
        (true, Some(text)) => Some(
            crate::validate::passport_number(text)
                .map_err(|e| ApiError::field(Field::Passport, e, locale))?,
        ),
        (false, _) => None,
    };
    let comment = decision.comment.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let comment = match (decision.approve, comment) {
        (false, None) => return Err(ApiError::field(Field::Comment, Invalid::Required, locale)),
        (_, Some(text)) => Some(
            crate::applications::reason(text, Field::Comment)
                .map_err(|(f, r)| ApiError::field(f, r, locale))?,
        ),
        (true, None) => None,
    };
    let mut tx = ctx.write().await?;
    let account_id = account_by_number(ctx, &mut tx, &decision.account_number).await?;
    let waiting: bool = crate::db::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM operator_queue WHERE account_id = ? AND kind = ? AND resolved_at IS NULL)",
    )
    .bind(account_id)
    .bind(QueueKind::Restoration)
    .fetch_one(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    if !waiting {
        return Err(ApiError::with_message(
            ErrorCode::WrongState,
            locale.pick("Запроса на восстановление нет", "There is no restoration request"),
        ));
    }
    let number = crate::casework::account_number_of(ctx, &mut tx, account_id).await?;
    if let Some(passport) = passport {
        let on_file = super::restore::passport_on_file(ctx, &mut tx, account_id).await?;
        let matched = on_file.as_deref() == Some(passport.as_str());
        if !matched {
            let details = serde_json::json!({ "decision": "passport_mismatch" });
            audit::append(
                ctx,
                &mut tx,
                Entry { actor, action: "restoration_refused", target: &number, details },
            )
            .await?;
            tx.commit().await.map_err(ctx.db_error())?;
            return Err(ApiError::field(Field::Passport, Invalid::PassportMismatch, locale));
        }
        restore_now(ctx, &mut tx, account_id).await?;
        let details = serde_json::json!({ "decision": "restored" });
        audit::append(ctx, &mut tx, Entry { actor, action: "account_restored", target: &number, details })
            .await?;
    } else {
        let comment = comment.unwrap_or_default();
        store::resolve_queue(ctx, &mut tx, account_id, QueueKind::Restoration, "rejected").await?;
        let title = locale.pick("Восстановление кабинета отклонено", "Restoration refused");
        let event = Event {
            event: EventType::Security,
            kind: "restoration_rejected",
            service: None,
            title,
            body: &comment,
        };
        publish::publish(ctx, &mut tx, account_id, event).await?;
        let details = serde_json::json!({ "decision": "rejected", "comment": comment });
        audit::append(
            ctx,
            &mut tx,
            Entry { actor, action: "restoration_rejected", target: &number, details },
        )
        .await?;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    super::view::status(ctx, account_id).await
}

async fn restore_now(ctx: &Context, conn: &mut crate::db::Conn, account_id: i64) -> ApiResult<()> {
    let closed = store::closed(ctx, conn, account_id).await?.filter(|c| c.restore_until > ctx.now());
    if closed.is_none() {
        return Err(ApiError::with_message(
            ErrorCode::WrongState,
            ctx.locale().pick("Этот кабинет нельзя восстановить", "This account cannot be restored"),
        ));
    }
    if store::open_debts(ctx, conn, account_id).await? > 0 {
        return Err(ApiError::with_message(
            ErrorCode::ClosureBlocked,
            ctx.locale()
                .pick("Восстановление невозможно: есть задолженности", "Cannot restore: there are debts"),
        ));
    }
    super::restore::reopen(ctx, conn, account_id).await
}

/// The scheduler's report: each closure request past its deadline is one notice to supervisors
/// per working day until it is decided. Idempotent per day.
pub async fn report_overdue(ctx: &Context) -> ApiResult<u32> {
    let today = super::local(ctx.now()).date();
    if !WorkingCalendar::bundled().is_working_day(today) {
        return Ok(0);
    }
    let mut tx = ctx.write().await?;
    let result = crate::db::query(
        "INSERT INTO staff_notices (kind, request_id, day, created_at) \
         SELECT 'closure_overdue', r.id, ?, ? FROM operator_queue q JOIN closure_requests r ON r.id = q.request_id \
         WHERE q.resolved_at IS NULL AND q.kind = 'closure_review' AND r.status = 'review' AND r.deadline < ? \
         ON CONFLICT DO NOTHING",
    )
    .bind(today.to_string())
    .bind(ctx.now())
    .bind(today.to_string())
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(u32::try_from(result.rows_affected()).unwrap_or(u32::MAX))
}
