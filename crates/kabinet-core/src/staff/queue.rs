//! The operator's queues: «Закрытие кабинетов» (flagged closure requests by deadline),
//! «Восстановление» (staff-closed accounts whose owners ask to restore them), «Инциденты»
//! («Это был не я»), and the supervisors' reports of requests past their deadline.
//!
//! Rules (docs/rules.md, «Staff desk»):
//! - An incident's outcome is one of: the owner confirmed it was them, the account blocked
//!   (through a day the operator sets, as any block), or handed to a supervisor. The first two
//!   resolve it, so it no longer flags the account's closure requests (the `security_incident`
//!   flag is taken off a request still waiting); a handed one stays open, marked, for a
//!   supervisor to resolve.
//! - A notice is written by the scheduler (`closure::desk::report_overdue`) once per working day
//!   per request past its deadline; each supervisor's badge counts those newer than what they
//!   last read.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::closure::forced::types::BlockRequest;
use crate::closure::types::{ClosureDecision, ClosureStatus, QueueItem, RestorationDecision};
use crate::context::{Context, rfc3339};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::staff::StaffAuthed;
use crate::staff::audit::{self, Entry};
use crate::validate::Invalid;

/// What became of an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum IncidentOutcome {
    /// «Владелец подтвердил»: it was the owner after all.
    OwnerConfirmed,
    /// «Кабинет заблокирован».
    AccountBlocked,
    /// «Передано старшему смены».
    HandedToSupervisor,
}

/// One «Это был не я».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Incident {
    /// Its id.
    #[ts(type = "number")]
    pub id: i64,
    /// «Номер личного кабинета».
    pub account_number: String,
    /// When the citizen pressed it (RFC 3339).
    pub created_at: String,
    /// The outcome recorded, if any.
    pub outcome: Option<IncidentOutcome>,
    /// The operator's comment.
    pub comment: Option<String>,
    /// Who recorded the outcome.
    pub handled_by: Option<String>,
}

/// The outcome the operator records.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IncidentResolution {
    /// The incident.
    #[ts(type = "number")]
    pub id: i64,
    /// What became of it.
    pub outcome: IncidentOutcome,
    /// What was found; required.
    pub comment: String,
    /// With `account_blocked`: the block's last day, ДД.ММ.ГГГГ.
    #[ts(optional)]
    pub until: Option<String>,
}

/// A report to supervisors.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffNotice {
    /// Its id.
    #[ts(type = "number")]
    pub id: i64,
    /// The text.
    pub text: String,
    /// The request's number.
    pub request_number: String,
    /// «Номер личного кабинета».
    pub account_number: String,
    /// When it was written (RFC 3339).
    pub created_at: String,
    /// Newer than what the supervisor last read.
    pub unread: bool,
}

/// The supervisors' reports, newest first, with the badge's count.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffNotices {
    /// Unread reports.
    pub unread: u32,
    /// The latest 50.
    pub items: Vec<StaffNotice>,
}

/// The queues, for any staff member (reports: supervisors).
pub struct Queue<'a> {
    pub(crate) kabinet: &'a crate::Kabinet,
    pub(crate) ctx: &'a Context,
}

impl Queue<'_> {
    /// «Закрытие кабинетов»: flagged requests, earliest deadline first.
    pub async fn closures(&self, _me: &StaffAuthed) -> ApiResult<Vec<QueueItem>> {
        crate::closure::desk::queue(self.ctx, crate::closure::store::QueueKind::ClosureReview).await
    }

    /// Approves or rejects a request with a reason.
    pub async fn decide(&self, me: &StaffAuthed, decision: ClosureDecision) -> ApiResult<ClosureStatus> {
        crate::closure::desk::decide(self.kabinet, me.actor(), decision).await
    }

    /// «Восстановление»: restoration requests, earliest deadline first.
    pub async fn restorations(&self, _me: &StaffAuthed) -> ApiResult<Vec<QueueItem>> {
        crate::closure::desk::queue(self.ctx, crate::closure::store::QueueKind::Restoration).await
    }

    /// Restores (after the passport check) or rejects.
    pub async fn restore(&self, me: &StaffAuthed, decision: RestorationDecision) -> ApiResult<ClosureStatus> {
        crate::closure::desk::decide_restoration(self.kabinet, me.actor(), decision).await
    }

    /// «Инциденты» still open (handed ones too), oldest first.
    pub async fn incidents(&self, _me: &StaffAuthed) -> ApiResult<Vec<Incident>> {
        let ctx = self.ctx;
        let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
        let rows: Vec<IncidentRow> = crate::db::query_as(
            "SELECT i.id, i.account_id, a.number AS account_number, i.created_at, i.outcome, i.outcome_comment, \
             i.handled_by FROM incidents i JOIN accounts a ON a.id = i.account_id \
             WHERE i.resolved_at IS NULL ORDER BY i.created_at, i.id LIMIT 500",
        )
        .fetch_all(&mut conn)
        .await
        .map_err(ctx.db_error())?;
        // The comments are sealed under each citizen's key: one unwrap per account.
        let mut opener = crate::sealing::Opener::default();
        let mut views = Vec::with_capacity(rows.len());
        for row in rows {
            views.push(row.view(ctx, &mut conn, &mut opener).await?);
        }
        Ok(views)
    }

    /// Records an incident's outcome.
    pub async fn resolve_incident(
        &self,
        me: &StaffAuthed,
        resolution: IncidentResolution,
    ) -> ApiResult<Incident> {
        let ctx = self.ctx;
        let locale = ctx.locale();
        let comment = crate::applications::reason(resolution.comment.trim(), Field::Comment)
            .map_err(|(f, r)| ApiError::field(f, r, locale))?;
        let row: Option<(i64, String, Option<i64>)> = crate::db::query_as(
            "SELECT i.account_id, a.number, i.resolved_at FROM incidents i JOIN accounts a ON a.id = i.account_id \
             WHERE i.id = ?",
        )
        .bind(resolution.id)
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
        let Some((account_id, number, None)) = row else {
            return Err(ApiError::with_message(
                ErrorCode::WrongState,
                locale.pick("Инцидент не найден или уже разобран", "No such open incident"),
            ));
        };
        if resolution.outcome == IncidentOutcome::AccountBlocked {
            let Some(until) = resolution.until.clone().filter(|u| !u.trim().is_empty()) else {
                return Err(ApiError::field(Field::BlockedUntil, Invalid::Required, locale));
            };
            let block = BlockRequest { account_number: number.clone(), reason: comment.clone(), until };
            crate::closure::forced::block(self.kabinet, me.actor(), block).await?;
        }
        let resolved = resolution.outcome != IncidentOutcome::HandedToSupervisor;
        let mut tx = ctx.write().await?;
        let key = crate::sealing::account_key(ctx, &mut tx, account_id).await?;
        let changed = crate::db::query(
            "UPDATE incidents SET outcome = ?, outcome_comment = ?, handled_by = ?, handled_at = ?, \
             resolved_at = CASE WHEN ? <> 0 THEN ? ELSE NULL END WHERE id = ? AND resolved_at IS NULL",
        )
        .bind(resolution.outcome)
        .bind(key.seal("incidents.outcome_comment", resolution.id, &comment))
        .bind(&me.login)
        .bind(ctx.now())
        .bind(resolved)
        .bind(ctx.now())
        .bind(resolution.id)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        if changed.rows_affected() == 0 {
            return Err(ApiError::with_message(
                ErrorCode::WrongState,
                locale.pick("Инцидент уже разобран", "The incident is already resolved"),
            ));
        }
        if resolved {
            crate::closure::store::drop_incident_flag(ctx, &mut tx, account_id).await?;
        }
        let details = serde_json::json!({ "incident": resolution.id, "outcome": resolution.outcome, "comment": comment });
        audit::append(
            ctx,
            &mut tx,
            Entry { actor: me.actor(), action: "incident_resolved", target: &number, details },
        )
        .await?;
        tx.commit().await.map_err(ctx.db_error())?;
        let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
        let row: IncidentRow = crate::db::query_as(
            "SELECT i.id, i.account_id, a.number AS account_number, i.created_at, i.outcome, i.outcome_comment, \
             i.handled_by FROM incidents i JOIN accounts a ON a.id = i.account_id WHERE i.id = ?",
        )
        .bind(resolution.id)
        .fetch_one(&mut conn)
        .await
        .map_err(ctx.db_error())?;
        row.view(ctx, &mut conn, &mut crate::sealing::Opener::default()).await
    }

    /// The supervisors' reports of overdue requests, and how many are unread.
    pub async fn notices(&self, me: &StaffAuthed) -> ApiResult<StaffNotices> {
        let ctx = self.ctx;
        let (read_to, unread) = unread(ctx, me.staff_id).await?;
        let rows: Vec<(i64, String, String, String, i64)> = crate::db::query_as(
            "SELECT n.id, r.number, a.number, r.deadline, n.created_at FROM staff_notices n \
             JOIN closure_requests r ON r.id = n.request_id JOIN accounts a ON a.id = r.account_id \
             ORDER BY n.id DESC LIMIT 50",
        )
        .fetch_all(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
        let locale = ctx.locale();
        let items = rows
            .into_iter()
            .map(|(id, request_number, account_number, deadline, at)| StaffNotice {
                id,
                text: format!(
                    "{} № {request_number}: {} {}",
                    locale.pick("Просрочено заявление о закрытии", "Closure request overdue"),
                    locale.pick("срок истёк", "the deadline was"),
                    crate::closure::iso_to_day(&deadline)
                ),
                request_number,
                account_number,
                created_at: rfc3339(at),
                unread: id > read_to,
            })
            .collect();
        Ok(StaffNotices { unread, items })
    }

    /// Marks every report read for this supervisor.
    pub async fn read_notices(&self, me: &StaffAuthed) -> ApiResult<StaffNotices> {
        let ctx = self.ctx;
        if !me.is_machine() {
            let mut tx = ctx.write().await?;
            crate::db::query(
                "INSERT INTO staff_notices_read (staff_id, read_to) \
                 VALUES (?, (SELECT coalesce(max(id), 0) FROM staff_notices)) \
                 ON CONFLICT (staff_id) DO UPDATE SET read_to = excluded.read_to",
            )
            .bind(me.staff_id)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
            tx.commit().await.map_err(ctx.db_error())?;
        }
        self.notices(me).await
    }
}

/// The last report `staff_id` marked read, and how many reports are newer.
pub(crate) async fn unread(ctx: &Context, staff_id: i64) -> ApiResult<(i64, u32)> {
    let read_to: i64 = crate::db::query_scalar(
        "SELECT coalesce((SELECT read_to FROM staff_notices_read WHERE staff_id = ?), 0)",
    )
    .bind(staff_id)
    .fetch_one(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let unread: i64 = crate::db::query_scalar("SELECT count(*) FROM staff_notices WHERE id > ?")
        .bind(read_to)
        .fetch_one(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    Ok((read_to, u32::try_from(unread).unwrap_or(u32::MAX)))
}

#[derive(sqlx::FromRow)]
struct IncidentRow {
    id: i64,
    account_id: i64,
    account_number: String,
    created_at: i64,
    outcome: Option<IncidentOutcome>,
    outcome_comment: Option<String>,
    handled_by: Option<String>,
}

impl IncidentRow {
    /// The incident as the desk shows it, its comment opened with the citizen's key.
    async fn view(
        self,
        ctx: &Context,
        conn: &mut crate::db::Conn,
        opener: &mut crate::sealing::Opener,
    ) -> ApiResult<Incident> {
        let comment = match &self.outcome_comment {
            Some(sealed) => {
                opener
                    .text(ctx, conn, Some(self.account_id), "incidents.outcome_comment", self.id, sealed)
                    .await?
            }
            None => None,
        };
        Ok(Incident {
            id: self.id,
            account_number: self.account_number,
            created_at: rfc3339(self.created_at),
            outcome: self.outcome,
            comment,
            handled_by: self.handled_by,
        })
    }
}

crate::bind_as_text!(IncidentOutcome);
