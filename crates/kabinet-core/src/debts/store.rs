//! The SQL of «Задолженности».
//!
//! What describes the citizen's debt — its purpose, the receipt's file name and the receipt
//! itself — is sealed under the account's data key (issue 16, [`crate::sealing`]) bound to the
//! debt's id, so a purge that deletes the key leaves no readable copy in a PostgreSQL WAL, replica
//! or backup. Rows come out of here opened; SQL never compares, searches or measures a sealed
//! column (a receipt's size is the sealed length less [`SEALED_OVERHEAD`]).

use crate::db::Conn;
use time::format_description::well_known::Iso8601;
use time::{Date, OffsetDateTime};

use crate::applications::types::{Debt, DebtKind, DebtStatus};
use crate::context::{Context, rfc3339};
use crate::error::ApiResult;
use crate::sealing::Sealer;
use crate::validate;

/// The sealed columns, as bound into the associated data.
pub(crate) const PURPOSE: &str = "debts.purpose";
pub(crate) const RECEIPT_NAME: &str = "debts.receipt_name";
pub(crate) const RECEIPT: &str = "debts.receipt";

/// How much longer sealed bytes are than the plain ones: the header (`k`, 1), the 12-byte nonce
/// and the 16-byte tag of AES-256-GCM ([`Sealer::seal_bytes`]).
const SEALED_OVERHEAD: i64 = 2 + 12 + 16;

/// One stored debt (without the receipt's bytes), its sealed texts opened. `status` is only ever
/// `open` or `paid` (the column's CHECK): «Оплата на проверке» is not stored but read from
/// `claimed_at` by [`Row::view`].
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

/// Writes a new open debt: the row first, then its purpose sealed to its id, in the caller's
/// transaction.
pub async fn insert(ctx: &Context, conn: &mut Conn, debt: NewRow<'_>) -> ApiResult<i64> {
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO debts (account_id, kind, agency, purpose, amount_kopecks, due_date, created_at) \
         VALUES (?, ?, ?, '', ?, ?, ?) RETURNING id",
    )
    .bind(debt.account_id)
    .bind(debt.kind)
    .bind(debt.agency)
    .bind(debt.amount_kopecks)
    .bind(debt.due_date.format(&Iso8601::DATE).unwrap_or_default())
    .bind(ctx.now())
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let key = crate::sealing::account_key(ctx, &mut *conn, debt.account_id).await?;
    crate::db::query("UPDATE debts SET purpose = ? WHERE id = ?")
        .bind(key.seal(PURPOSE, id, debt.purpose))
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(id)
}

/// One debt, opened with its account's key (casework, which knows the debt but not the account).
pub async fn one(ctx: &Context, conn: &mut Conn, id: i64) -> ApiResult<Option<Row>> {
    let row: Option<Row> =
        crate::db::query_as(concat!("SELECT ", debt_columns!(), " FROM debts WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    let Some(row) = row else { return Ok(None) };
    let key = crate::sealing::account_key(ctx, &mut *conn, row.account_id).await?;
    row.open(ctx, &key).map(Some)
}

/// The debt `id` if it is `account_id`'s, opened with that account's `key`.
pub async fn one_of(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    account_id: i64,
    id: i64,
) -> ApiResult<Option<Row>> {
    let row: Option<Row> = crate::db::query_as(concat!(
        "SELECT ",
        debt_columns!(),
        " FROM debts WHERE id = ? AND account_id = ?"
    ))
    .bind(id)
    .bind(account_id)
    .fetch_optional(conn)
    .await
    .map_err(ctx.db_error())?;
    row.map(|row| row.open(ctx, key)).transpose()
}

/// Every debt of an account, opened with its key: open first by due date, then paid, newest
/// payment first.
pub async fn of_account(ctx: &Context, account_id: i64) -> ApiResult<Vec<Row>> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let rows: Vec<Row> = crate::db::query_as(concat!(
        "SELECT ",
        debt_columns!(),
        " FROM debts WHERE account_id = ? \
         ORDER BY status = 'paid', CASE WHEN status = 'paid' THEN -paid_at ELSE 0 END, due_date, id"
    ))
    .bind(account_id)
    .fetch_all(&mut conn)
    .await
    .map_err(ctx.db_error())?;
    if rows.is_empty() {
        return Ok(rows);
    }
    let key = crate::sealing::account_key(ctx, &mut conn, account_id).await?;
    rows.into_iter().map(|row| row.open(ctx, &key)).collect()
}

/// Attaches a receipt (its name and bytes sealed under the account's `key`) and marks the claim.
pub async fn claim(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    id: i64,
    name: &str,
    mime: &str,
    bytes: &[u8],
) -> ApiResult<()> {
    crate::db::query(
        "UPDATE debts SET claimed_at = ?, receipt_name = ?, receipt_type = ?, receipt = ? WHERE id = ?",
    )
    .bind(ctx.now())
    .bind(key.seal(RECEIPT_NAME, id, name))
    .bind(mime)
    .bind(key.seal_bytes(RECEIPT, id, bytes))
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
    /// The row as read, its purpose and receipt name opened with the account's `key`.
    fn open(mut self, ctx: &Context, key: &Sealer) -> ApiResult<Row> {
        self.purpose = key.open(PURPOSE, self.id, &self.purpose).map_err(ctx.unreadable())?;
        self.receipt_name =
            key.open_opt(RECEIPT_NAME, self.id, self.receipt_name.as_deref()).map_err(ctx.unreadable())?;
        Ok(self)
    }

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

/// A receipt attached to a debt, without its bytes; the name opened.
#[derive(sqlx::FromRow)]
pub struct ReceiptRow {
    pub id: i64,
    pub receipt_name: String,
    pub receipt_type: String,
    pub claimed_at: i64,
    /// The receipt's size in bytes (as uploaded, not as sealed).
    pub size: i64,
}

/// The receipts of an account's debts, oldest first, opened with the account's `key`. The size
/// comes from the sealed length — a fixed [`SEALED_OVERHEAD`] more than the receipt's — so no
/// receipt is read whole to be measured.
pub async fn receipts(ctx: &Context, key: &Sealer, account_id: i64) -> ApiResult<Vec<ReceiptRow>> {
    let rows: Vec<ReceiptRow> = crate::db::query_as(
        "SELECT id, receipt_name, receipt_type, claimed_at, CAST(length(receipt) AS BIGINT) AS size FROM debts \
         WHERE account_id = ? AND receipt IS NOT NULL ORDER BY claimed_at, id",
    )
    .bind(account_id)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    rows.into_iter()
        .map(|mut row| {
            row.receipt_name = key.open(RECEIPT_NAME, row.id, &row.receipt_name).map_err(ctx.unreadable())?;
            row.size = (row.size - SEALED_OVERHEAD).max(0);
            Ok(row)
        })
        .collect()
}

/// The bytes of a debt's receipt, opened with the account's `key`.
pub async fn receipt(ctx: &Context, key: &Sealer, account_id: i64, id: i64) -> ApiResult<Option<Vec<u8>>> {
    let sealed: Option<Vec<u8>> = crate::db::query_scalar(
        "SELECT receipt FROM debts WHERE id = ? AND account_id = ? AND receipt IS NOT NULL",
    )
    .bind(id)
    .bind(account_id)
    .fetch_optional(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    sealed.map(|sealed| key.open_bytes(RECEIPT, id, &sealed).map_err(ctx.unreadable())).transpose()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::documents::registry::tests::{convert, one_account};

    const JPEG: &[u8] = b"\xff\xd8\xff\xe0 the receipt";

    async fn stored(ctx: &Context) -> (String, Option<String>, Option<Vec<u8>>) {
        crate::db::query_as("SELECT purpose, receipt_name, receipt FROM debts ORDER BY id")
            .fetch_one(&ctx.pool)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn plain_debts_of_the_release_before_are_sealed_once_and_read_as_they_were() {
        let (_dir, kabinet, account_id, key) = one_account().await;
        let ctx = kabinet.context();
        for (purpose, receipt) in [("Налог на квартиру", Some(("k1-чек.jpg", JPEG))), ("Штраф ГИБДД", None)]
        {
            crate::db::query(
                "INSERT INTO debts (account_id, kind, agency, purpose, amount_kopecks, due_date, created_at, \
                 claimed_at, receipt_name, receipt_type, receipt) VALUES (?, 'tax', 'ФНС', ?, 100, '2026-12-01', 0, \
                 ?, ?, ?, ?)",
            )
            .bind(account_id)
            .bind(purpose)
            .bind(receipt.map(|_| 1_i64))
            .bind(receipt.map(|(name, _)| name))
            .bind(receipt.map(|_| "image/jpeg"))
            .bind(receipt.map(|(_, bytes)| bytes))
            .execute(&ctx.pool)
            .await
            .unwrap();
        }
        convert(&kabinet, account_id, crate::sealing::convert::seal_columns).await;
        let sealed = stored(ctx).await;
        assert!(!sealed.0.contains("Налог") && !sealed.1.as_deref().unwrap_or_default().contains("чек"));
        assert!(!sealed.2.as_deref().unwrap_or_default().starts_with(b"\xff\xd8"));
        let debts = of_account(ctx, account_id).await.unwrap();
        let purposes: Vec<&str> = debts.iter().map(|d| d.purpose.as_str()).collect();
        assert!(purposes.contains(&"Налог на квартиру") && purposes.contains(&"Штраф ГИБДД"));
        let receipts = receipts(ctx, &key, account_id).await.unwrap();
        assert_eq!((receipts[0].receipt_name.as_str(), receipts[0].size), ("k1-чек.jpg", JPEG.len() as i64));
        assert_eq!(receipt(ctx, &key, account_id, receipts[0].id).await.unwrap().as_deref(), Some(JPEG));
        convert(&kabinet, account_id, crate::sealing::convert::seal_columns).await;
        assert_eq!(stored(ctx).await, sealed, "a sealed row is left as it is");
        kabinet.close().await;
    }
}
