//! Casework: what an operator does to a citizen's applications, debts and documents.
//!
//! The staff desk (`staff::desk`, through the command table) and so the CLI call these, so every
//! change takes one path: validated here, written in one transaction with its event, the
//! citizen's notification (routed by their settings) and one row of the staff audit log naming
//! who did it. These calls carry no citizen session and are never on a citizen's screen.

use crate::applications::types::{
    ApplicationDetail, ApplicationStatus, ApplicationSummary, Debt, DebtRequest, DebtStatus, NewDebt,
    StatusUpdate,
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
use crate::staff::StaffAuthed;
use crate::staff::audit::{self, Entry};
use crate::validate::{self, Invalid};

/// Longest agency name or payment purpose.
const TEXT_MAX: usize = 200;

/// Operators' calls on citizens' data.
pub struct Casework<'a> {
    pub(crate) ctx: &'a Context,
    pub(crate) documents: Documents<'a>,
}

impl Casework<'_> {
    /// The applications of an account, newest first.
    pub async fn applications_of_id(&self, account_id: i64) -> ApiResult<Vec<ApplicationSummary>> {
        let rows = applications_store::of_account(self.ctx, account_id).await?;
        Ok(rows.iter().map(|r| r.summary(self.ctx.locale())).collect())
    }

    /// Moves an application to a new status with a comment, and tells the citizen.
    pub async fn set_application_status(
        &self,
        me: &StaffAuthed,
        update: StatusUpdate,
    ) -> ApiResult<ApplicationDetail> {
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
        let number = account_number_of(ctx, &mut tx, row.account_id).await?;
        let details = serde_json::json!({
            "application": row.number, "from": row.status(), "to": update.status, "comment": comment,
        });
        let entry = Entry { actor: me.actor(), action: "application_status_set", target: &number, details };
        audit::append(ctx, &mut tx, entry).await?;
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

    /// Adds an open debt and tells the citizen.
    pub async fn add_debt(&self, me: &StaffAuthed, debt: NewDebt) -> ApiResult<Debt> {
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
        let number = account_number_of(ctx, &mut tx, account_id).await?;
        let details = serde_json::json!({ "debt": id, "kind": debt.kind, "amount_kopecks": amount });
        audit::append(
            ctx,
            &mut tx,
            Entry { actor: me.actor(), action: "debt_added", target: &number, details },
        )
        .await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        self.debt(id).await
    }

    /// Confirms that a debt is paid (with or without the citizen's receipt) and tells the citizen.
    pub async fn confirm_debt(&self, me: &StaffAuthed, request: DebtRequest) -> ApiResult<Debt> {
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
        let number = account_number_of(ctx, &mut tx, row.account_id).await?;
        let details = serde_json::json!({ "debt": row.id, "receipt": row.claimed_at.is_some() });
        let entry = Entry { actor: me.actor(), action: "debt_confirmed", target: &number, details };
        audit::append(ctx, &mut tx, entry).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        self.debt(row.id).await
    }

    /// Rejects the receipt attached to a debt with a comment the citizen reads: the debt is
    /// «Не оплачено» again and the receipt is kept for the record.
    pub async fn reject_receipt(&self, me: &StaffAuthed, id: i64, comment: Option<&str>) -> ApiResult<Debt> {
        let ctx = self.ctx;
        let locale = ctx.locale();
        let comment = match comment.map(str::trim).filter(|c| !c.is_empty()) {
            Some(text) => applications::reason(text, Field::Comment).map_err(|e| e.localise(ctx))?,
            None => return Err(ApiError::field(Field::Comment, Invalid::Required, locale)),
        };
        let mut tx = ctx.write().await?;
        let row = debts_store::one(ctx, &mut tx, id).await?.ok_or_else(|| debts::not_found(ctx))?;
        if row.status == DebtStatus::Paid || row.claimed_at.is_none() {
            return Err(ApiError::with_message(
                ErrorCode::WrongState,
                locale.pick("Квитанция не ожидает проверки", "No receipt awaits checking"),
            ));
        }
        crate::db::query("UPDATE debts SET claimed_at = NULL WHERE id = ?")
            .bind(row.id)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
        let title = locale.pick("Квитанция не принята", "Receipt not accepted").to_owned();
        let body =
            format!("{}, {}: {}. {comment}", row.agency, row.purpose, validate::roubles(row.amount_kopecks));
        notify(ctx, &mut tx, row.account_id, EventType::PaymentDue, "receipt_rejected", &title, &body)
            .await?;
        let number = account_number_of(ctx, &mut tx, row.account_id).await?;
        let details = serde_json::json!({ "debt": row.id, "comment": comment });
        let entry = Entry { actor: me.actor(), action: "receipt_rejected", target: &number, details };
        audit::append(ctx, &mut tx, entry).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        self.debt(row.id).await
    }

    /// Issues a document to an account and tells the citizen it is ready in «Мои документы».
    pub async fn issue_document(
        &self,
        me: &StaffAuthed,
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
        let number = account_number_of(ctx, &mut tx, account_id).await?;
        let details = serde_json::json!({ "document": issued.number });
        audit::append(
            ctx,
            &mut tx,
            Entry { actor: me.actor(), action: "document_issued", target: &number, details },
        )
        .await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        Ok(issued)
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

/// The account's number, for the audit row.
pub(crate) async fn account_number_of(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    account_id: i64,
) -> ApiResult<String> {
    crate::db::query_scalar("SELECT number FROM accounts WHERE id = ?")
        .bind(account_id)
        .fetch_one(conn)
        .await
        .map_err(ctx.db_error())
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
    conn: &mut crate::db::Conn,
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
