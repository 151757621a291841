//! The SQL of «Задолженности».

use crate::db::Conn;
use time::format_description::well_known::Iso8601;
use time::{Date, OffsetDateTime};

use crate::applications::types::{Debt, DebtKind, DebtStatus};
use crate::context::{Context, rfc3339};
use crate::error::ApiResult;
use crate::validate;

/// One stored debt (without the receipt's bytes). `status` is only ever `open` or `paid` (the
/// column's CHECK): «Оплата на проверке» is not stored but read from `claimed_at` by [`Row::view`].
#[derive(sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub account_id: i64,
    pub kind: DebtKind,
    pub agency: String,
    pub purpose: String,
    pub amount_kopecks: i64,
    pub due_date: String,
    pub status: DebtStatus,
    pub claimed_at: Option<i64>,
    pub receipt_name: Option<String>,
    pub paid_at: Option<i64>,
}

macro_rules! debt_columns {
    () => {
        "id, account_id, kind, agency, purpose, amount_kopecks, due_date, status, claimed_at, receipt_name, paid_at"
    };
}

/// A new open debt.
pub struct NewRow<'a> {
    pub account_id: i64,
    pub kind: DebtKind,
    pub agency: &'a str,
    pub purpose: &'a str,
    pub amount_kopecks: i64,
    pub due_date: Date,
}

/// Writes a new open debt.
pub async fn insert(ctx: &Context, conn: &mut Conn, debt: NewRow<'_>) -> ApiResult<i64> {
    crate::db::query_scalar(
        "INSERT INTO debts (account_id, kind, agency, purpose, amount_kopecks, due_date, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(debt.account_id)
    .bind(debt.kind)
    .bind(debt.agency)
    .bind(debt.purpose)
    .bind(debt.amount_kopecks)
    .bind(debt.due_date.format(&Iso8601::DATE).unwrap_or_default())
    .bind(ctx.now())
    .fetch_one(conn)
    .await
    .map_err(ctx.db_error())
}

/// One debt.
pub async fn one(ctx: &Context, conn: &mut Conn, id: i64) -> ApiResult<Option<Row>> {
    crate::db::query_as(concat!("SELECT ", debt_columns!(), " FROM debts WHERE id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await
        .map_err(ctx.db_error())
}

/// Every debt of an account: open first by due date, then paid, newest payment first.
pub async fn of_account(ctx: &Context, account_id: i64) -> ApiResult<Vec<Row>> {
    crate::db::query_as(concat!(
        "SELECT ",
        debt_columns!(),
        " FROM debts WHERE account_id = ? \
         ORDER BY status = 'paid', CASE WHEN status = 'paid' THEN -paid_at ELSE 0 END, due_date, id"
    ))
    .bind(account_id)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())
}

/// Attaches a receipt and marks the claim.
pub async fn claim(
    ctx: &Context,
    conn: &mut Conn,
    id: i64,
    name: &str,
    mime: &str,
    bytes: &[u8],
) -> ApiResult<()> {
    crate::db::query(
        "UPDATE debts SET claimed_at = ?, receipt_name = ?, receipt_type = ?, receipt = ? WHERE id = ?",
    )
    .bind(ctx.now())
    .bind(name)
    .bind(mime)
    .bind(bytes)
    .bind(id)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

/// Marks a debt paid.
pub async fn confirm(ctx: &Context, conn: &mut Conn, id: i64) -> ApiResult<()> {
    crate::db::query("UPDATE debts SET status = ?, paid_at = ? WHERE id = ?")
        .bind(DebtStatus::Paid)
        .bind(ctx.now())
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

impl Row {
    /// As the citizen sees it.
    pub fn view(&self, ctx: &Context) -> Debt {
        let kind = self.kind;
        let due = Date::parse(&self.due_date, &Iso8601::DATE).ok();
        let today = OffsetDateTime::from_unix_timestamp(ctx.now())
            .map(|t| t.to_offset(crate::local_offset(t)).date())
            .ok();
        let status = match (self.status, self.claimed_at) {
            (DebtStatus::Paid, _) => DebtStatus::Paid,
            (_, Some(_)) => DebtStatus::AwaitingConfirmation,
            _ => DebtStatus::Open,
        };
        Debt {
            id: self.id,
            kind,
            kind_label: kind.label(ctx.locale()).to_owned(),
            agency: self.agency.clone(),
            purpose: self.purpose.clone(),
            amount_kopecks: self.amount_kopecks,
            amount_text: validate::roubles(self.amount_kopecks),
            due_date: due.map(validate::dotted_date).unwrap_or_default(),
            overdue: status != DebtStatus::Paid
                && matches!((due, today), (Some(due), Some(today)) if due < today),
            status,
            claimed_at: self.claimed_at.map(rfc3339),
            receipt_name: self.receipt_name.clone(),
            paid_at: self.paid_at.map(rfc3339),
        }
    }
}

/// A receipt attached to a debt, without its bytes.
#[derive(sqlx::FromRow)]
pub struct ReceiptRow {
    pub id: i64,
    pub receipt_name: String,
    pub receipt_type: String,
    pub claimed_at: i64,
    pub size: i64,
}

/// The receipts of an account's debts, oldest first.
pub async fn receipts(ctx: &Context, account_id: i64) -> ApiResult<Vec<ReceiptRow>> {
    crate::db::query_as(
        "SELECT id, receipt_name, receipt_type, claimed_at, CAST(length(receipt) AS BIGINT) AS size FROM debts \
         WHERE account_id = ? AND receipt IS NOT NULL ORDER BY claimed_at, id",
    )
    .bind(account_id)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())
}

/// The bytes of a debt's receipt.
pub async fn receipt(ctx: &Context, account_id: i64, id: i64) -> ApiResult<Option<Vec<u8>>> {
    crate::db::query_scalar(
        "SELECT receipt FROM debts WHERE id = ? AND account_id = ? AND receipt IS NOT NULL",
    )
    .bind(id)
    .bind(account_id)
    .fetch_optional(&ctx.pool)
    .await
    .map_err(ctx.db_error())
}
