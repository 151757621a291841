//! Casework: what an operator does to a citizen's applications, debts and documents.
//!
//! The CLI calls these now and the staff console will call the same functions, so every change
//! takes one path: validated here, written in one transaction with its event and the citizen's
//! notification (routed by their settings). These calls carry no citizen session: the shell
//! never exposes them to a citizen's screen; staff authorisation wraps them in staff mode.

use crate::applications::types::{
    ApplicationDetail, ApplicationStatus, ApplicationSummary, Debt, DebtList, DebtRequest, DebtStatus,
    NewDebt, StatusUpdate,
};
use crate::applications::{self, Localise, store as applications_store};
use crate::context::Context;
use crate::debts::{self, store as debts_store};
use crate::documents::Documents;
use crate::documents::model::{DocumentInput, IssuedDocument};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::notifications::account_by_number;
use crate::notifications::publish::{self, Event};
use crate::notifications::types::EventType;
use crate::validate::{self, Invalid};

/// Longest agency name or payment purpose.
const TEXT_MAX: usize = 200;

/// Operators' calls on citizens' data.
pub struct Casework<'a> {
    pub(crate) kabinet: &'a crate::Kabinet,
    pub(crate) ctx: &'a Context,
    pub(crate) documents: Documents<'a>,
}

impl Casework<'_> {
    /// The applications of an account, newest first.
    pub async fn applications_of(&self, account_number: &str) -> ApiResult<Vec<ApplicationSummary>> {
        let account_id = self.account(account_number).await?;
        let rows = applications_store::of_account(self.ctx, account_id).await?;
        Ok(rows.iter().map(|r| r.summary(self.ctx.locale())).collect())
    }

    /// Moves an application to a new status with a comment, and tells the citizen.
    pub async fn set_application_status(&self, update: StatusUpdate) -> ApiResult<ApplicationDetail> {
        let ctx = self.ctx;
        let comment = match update.comment.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(text) => Some(applications::reason(text, Field::Comment).map_err(|e| e.localise(ctx))?),
            None if update.status.needs_comment() => {
                return Err(ApiError::field(Field::Comment, Invalid::Required, ctx.locale()));
            }
            None => None,
        };
        let mut tx = ctx.write().await?;
        let row = applications_store::by_number(ctx, &mut tx, &update.number)
            .await?
            .ok_or_else(|| applications::not_found(ctx))?;
        if !row.status().operator_may_move_to(update.status) {
            return Err(wrong_move(ctx, row.status(), update.status));
        }
        applications_store::set_status(ctx, &mut tx, row.id, update.status, comment.as_deref(), "operator")
            .await?;
        let name = row.summary(ctx.locale()).service_name;
        applications::tell(
            ctx,
            &mut tx,
            row.account_id,
            &row.number,
            &row.service,
            &name,
            update.status,
            comment.as_deref(),
        )
        .await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
        let row = applications_store::by_number(ctx, &mut conn, &row.number)
            .await?
            .ok_or_else(|| applications::not_found(ctx))?;
        drop(conn);
        row.detail(ctx).await
    }

    /// The debts of an account.
    pub async fn debts_of(&self, account_number: &str) -> ApiResult<DebtList> {
        let account_id = self.account(account_number).await?;
        debts::list_of(self.ctx, account_id).await
    }

    /// Adds an open debt and tells the citizen.
    pub async fn add_debt(&self, debt: NewDebt) -> ApiResult<Debt> {
        let ctx = self.ctx;
        let locale = ctx.locale();
        let mut failures = Vec::new();
        let agency = text_field(&debt.agency, Field::Agency, &mut failures);
        let purpose = text_field(&debt.purpose, Field::Purpose, &mut failures);
        let amount = validate::amount(&debt.amount).map_err(|e| failures.push((Field::Amount, e))).ok();
        let due = validate::date(&debt.due_date).map_err(|e| failures.push((Field::DueDate, e))).ok();
        let (Some(amount), Some(due_date), true) = (amount, due, failures.is_empty()) else {
            return Err(ApiError::fields(failures, locale));
        };
        let mut tx = ctx.write().await?;
        let account_id = account_by_number(ctx, &mut tx, &debt.account_number).await?;
        let row = debts_store::NewRow {
            account_id,
            kind: debt.kind,
            agency: &agency,
            purpose: &purpose,
            amount_kopecks: amount,
            due_date,
        };
        let id = debts_store::insert(ctx, &mut tx, row).await?;
        let title = format!(
            "{}: {}",
            locale.pick("Начислена задолженность", "A debt is due"),
            debt.kind.label(locale)
        );
        let body = format!(
            "{agency}, {purpose}: {} — {} {}.",
            validate::roubles(amount),
            locale.pick("оплатить до", "pay by"),
            debt.due_date.trim()
        );
        notify(ctx, &mut tx, account_id, EventType::PaymentDue, "debt_added", &title, &body).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        self.debt(id).await
    }

    /// Confirms that a debt is paid (with or without the citizen's receipt) and tells the citizen.
    pub async fn confirm_debt(&self, request: DebtRequest) -> ApiResult<Debt> {
        let ctx = self.ctx;
        let locale = ctx.locale();
        let mut tx = ctx.write().await?;
        let row = debts_store::one(ctx, &mut tx, request.id).await?.ok_or_else(|| debts::not_found(ctx))?;
        if row.status == DebtStatus::Paid {
            return Err(ApiError::with_message(
                ErrorCode::WrongState,
                locale.pick("Оплата уже подтверждена", "The payment is already confirmed"),
            ));
        }
        debts_store::confirm(ctx, &mut tx, row.id).await?;
        let title = locale.pick("Оплата подтверждена", "Payment confirmed").to_owned();
        let body = format!("{}, {}: {}.", row.agency, row.purpose, validate::roubles(row.amount_kopecks));
        notify(ctx, &mut tx, row.account_id, EventType::PaymentDue, "debt_paid", &title, &body).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        self.debt(row.id).await
    }

    /// Issues a document to an account and tells the citizen it is ready in «Мои документы».
    pub async fn issue_document(
        &self,
        account_number: &str,
        input: DocumentInput,
    ) -> ApiResult<IssuedDocument> {
        let ctx = self.ctx;
        let account_id = self.account(account_number).await?;
        let issued = self.documents.issue(input, Some(account_id)).await?;
        let locale = ctx.locale();
        let title = format!("{}: {}", locale.pick("Документ готов", "Document ready"), issued.title);
        let body = locale
            .pick("Документ доступен в разделе «Мои документы».", "The document is in «My documents».")
            .to_owned();
        let mut tx = ctx.write().await?;
        notify(ctx, &mut tx, account_id, EventType::ApplicationResultReady, "document_issued", &title, &body)
            .await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        Ok(issued)
    }

    /// The operator queue: flagged closure requests and restorations, earliest deadline first.
    pub async fn closure_queue(&self) -> ApiResult<Vec<crate::closure::types::QueueItem>> {
        crate::closure::desk::queue(self.kabinet).await
    }

    /// Approves or rejects a flagged closure request.
    pub async fn decide_closure(
        &self,
        decision: crate::closure::types::ClosureDecision,
    ) -> ApiResult<crate::closure::types::ClosureStatus> {
        crate::closure::desk::decide(self.kabinet, decision).await
    }

    /// Restores a closed account (staff-closed, on the citizen's request).
    pub async fn restore_account(
        &self,
        account_number: &str,
    ) -> ApiResult<crate::closure::types::ClosureStatus> {
        crate::closure::desk::restore(self.kabinet, account_number).await
    }

    /// Registers a forced closure: a violation starts with its notice, any other ground closes
    /// the account now with «Акт о закрытии» (see `closure::forced`).
    pub async fn forced_closure(
        &self,
        request: crate::closure::forced::types::ForcedClosureRequest,
    ) -> ApiResult<crate::closure::forced::types::ForcedCase> {
        crate::closure::forced::register(self.kabinet, request).await
    }

    /// Clears a violation in progress (fixed in time): its block ends, nothing more happens.
    pub async fn clear_violation(
        &self,
        request: crate::closure::forced::types::ClearViolation,
    ) -> ApiResult<crate::closure::forced::types::ForcedCase> {
        crate::closure::forced::clear(self.kabinet, request).await
    }

    /// Blocks an account through a day: sessions end, sign-in is refused with the reason.
    pub async fn block(
        &self,
        request: crate::closure::forced::types::BlockRequest,
    ) -> ApiResult<crate::closure::forced::types::BlockView> {
        crate::closure::forced::block(self.kabinet, request).await
    }

    /// Lifts the block of an account (and clears the violation it belonged to).
    pub async fn unblock(&self, account_number: &str) -> ApiResult<crate::closure::forced::types::BlockView> {
        crate::closure::forced::unblock(self.kabinet, account_number).await
    }

    /// Every forced closure, newest first, and the blocks in force.
    pub async fn forced_list(&self) -> ApiResult<crate::closure::forced::types::ForcedOverview> {
        crate::closure::forced::overview(self.kabinet).await
    }

    async fn account(&self, number: &str) -> ApiResult<i64> {
        let mut conn = self.ctx.pool.acquire().await.map_err(self.ctx.db_error())?;
        account_by_number(self.ctx, &mut conn, number).await
    }

    async fn debt(&self, id: i64) -> ApiResult<Debt> {
        let mut conn = self.ctx.pool.acquire().await.map_err(self.ctx.db_error())?;
        let row =
            debts_store::one(self.ctx, &mut conn, id).await?.ok_or_else(|| debts::not_found(self.ctx))?;
        Ok(row.view(self.ctx))
    }
}

fn text_field(value: &str, field: Field, failures: &mut Vec<(Field, Invalid)>) -> String {
    let value = value.trim();
    match value.chars().count() {
        0 => failures.push((field, Invalid::Required)),
        n if n > TEXT_MAX => failures.push((field, Invalid::TooLong)),
        _ => {}
    }
    value.to_owned()
}

async fn notify(
    ctx: &Context,
    conn: &mut sqlx::SqliteConnection,
    account_id: i64,
    event: EventType,
    kind: &str,
    title: &str,
    body: &str,
) -> ApiResult<()> {
    let event = Event { event, kind, service: None, title, body };
    publish::publish(ctx, conn, account_id, event).await.map(|_| ())
}

fn wrong_move(ctx: &Context, from: ApplicationStatus, to: ApplicationStatus) -> ApiError {
    let locale = ctx.locale();
    ApiError::with_message(
        ErrorCode::WrongState,
        format!(
            "{} «{}» → «{}»",
            locale.pick("Такой переход статуса невозможен:", "This status change is not possible:"),
            from.label(locale),
            to.label(locale)
        ),
    )
}
