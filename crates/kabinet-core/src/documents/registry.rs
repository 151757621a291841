//! The registry table: numbers per kind and year, and one row per issued document with the
//! SHA-256 of its bytes (and the bytes themselves for documents issued to a citizen).
//!
//! Kept bytes (`content`) are a PDF naming the citizen, so they are stored sealed under the
//! account's data key (issue 16, [`crate::sealing`]) bound to the row's `id`: the purge deletes
//! that key, and every copy of the PDF left in the WAL, a replica or a backup no longer opens.
//! The rest of the row (number, kind, title, SHA-256, size) is not personal and stays plain, so a
//! purged account's documents remain verifiable. Only documents with an account keep bytes
//! ([`super::Documents::issue`]), so no row ever needs the transit key.

use crate::db::{Conn, Pool};
use sqlx::FromRow;

use super::model::{DocumentKind, DocumentRecord};
use crate::context::{Context, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::sealing::{Opener, Sealer};

/// The column sealed here, as bound into the associated data.
pub(crate) const CONTENT: &str = "documents.content";

/// Reserves the next number of `kind` in `year`: «ЗЛК-2026-000001». Runs inside the issuing
/// transaction, so a document that fails to render leaves no gap.
pub async fn next_number(conn: &mut Conn, kind: DocumentKind, year: i32) -> sqlx::Result<String> {
    let last: i64 = crate::db::query_scalar(
        "INSERT INTO document_sequences (kind, year, last) VALUES (?, ?, 1) \
         ON CONFLICT (kind, year) DO UPDATE SET last = document_sequences.last + 1 RETURNING last",
    )
    .bind(kind.as_str())
    .bind(year)
    .fetch_one(conn)
    .await?;
    Ok(format!("{}-{year}-{last:06}", kind.prefix()))
}

/// A row to insert.
pub struct NewEntry<'a> {
    /// The number.
    pub number: &'a str,
    /// The kind.
    pub kind: DocumentKind,
    /// The account it was issued to.
    pub account_id: Option<i64>,
    /// Title as printed.
    pub title: &'a str,
    /// SHA-256, hex.
    pub sha256: &'a str,
    /// The code printed beside the QR.
    pub verification_code: &'a str,
    /// Pages.
    pub pages: u32,
    /// Creation time, Unix seconds.
    pub created_at: i64,
    /// The bytes, when kept.
    pub content: Option<&'a [u8]>,
    /// Their size.
    pub size: usize,
}

/// Records an issued document: the row first, then its bytes sealed to its id under the account's
/// key, in the caller's transaction.
pub async fn insert(ctx: &Context, conn: &mut Conn, entry: NewEntry<'_>) -> ApiResult<()> {
    let kept = match (entry.content, entry.account_id) {
        (Some(bytes), Some(account_id)) => Some((bytes, account_id)),
        (None, _) => None,
        // Bytes without an account would have no key to be destroyed with: never written.
        (Some(_), None) => {
            return Err(ApiError::internal("a document without an account keeps no bytes", ctx.locale()));
        }
    };
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO documents (number, kind, account_id, title, sha256, verification_code, pages, size, \
         created_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) RETURNING id",
    )
    .bind(entry.number)
    .bind(entry.kind.as_str())
    .bind(entry.account_id)
    .bind(entry.title)
    .bind(entry.sha256)
    .bind(entry.verification_code)
    .bind(i64::from(entry.pages))
    .bind(entry.size as i64)
    .bind(entry.created_at)
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let Some((bytes, account_id)) = kept else { return Ok(()) };
    let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
    crate::db::query("UPDATE documents SET content = ? WHERE id = ?")
        .bind(key.seal_bytes(CONTENT, id, bytes))
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

#[derive(FromRow)]
struct Row {
    number: String,
    kind: String,
    title: String,
    sha256: String,
    verification_code: String,
    pages: i64,
    size: i64,
    created_at: i64,
    stored: bool,
}

impl Row {
    fn record(self) -> Option<(DocumentRecord, String)> {
        let record = DocumentRecord {
            number: self.number,
            kind: DocumentKind::parse(&self.kind)?,
            title: self.title,
            sha256: self.sha256,
            created_at: rfc3339(self.created_at),
            pages: u32::try_from(self.pages).unwrap_or(0),
            size: self.size,
            stored: self.stored,
        };
        Some((record, self.verification_code))
    }
}

/// The columns of [`Row`], spliced into literal SQL by `concat!`.
macro_rules! columns {
    () => {
        "number, kind, title, sha256, verification_code, pages, size, created_at, \
         (content IS NOT NULL AND account_id IS NOT NULL) AS stored"
    };
}

/// The entry with `number`, and its verification code.
pub async fn find(pool: &Pool, number: &str) -> sqlx::Result<Option<(DocumentRecord, String)>> {
    let row: Option<Row> =
        crate::db::query_as(concat!("SELECT ", columns!(), " FROM documents WHERE number = ?"))
            .bind(number)
            .fetch_optional(pool)
            .await?;
    Ok(row.and_then(Row::record))
}

/// The documents issued to an account, newest first.
pub async fn list(pool: &Pool, account_id: i64) -> sqlx::Result<Vec<DocumentRecord>> {
    let rows: Vec<Row> = crate::db::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM documents WHERE account_id = ? ORDER BY created_at DESC, id DESC"
    ))
    .bind(account_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().filter_map(Row::record).map(|(record, _)| record).collect())
}

/// A row's kept bytes as stored (sealed), with what opens them.
#[derive(FromRow)]
struct Kept {
    id: i64,
    account_id: Option<i64>,
    kind: String,
    content: Option<Vec<u8>>,
}

impl Kept {
    /// The bytes opened with `key` (the account's); `None` when none are kept.
    fn open(self, ctx: &Context, key: &Sealer) -> ApiResult<(Option<DocumentKind>, Option<Vec<u8>>)> {
        let bytes = match self.content {
            Some(sealed) => Some(key.open_bytes(CONTENT, self.id, &sealed).map_err(ctx.unreadable())?),
            None => None,
        };
        Ok((DocumentKind::parse(&self.kind), bytes))
    }
}

/// The kept bytes of the document `number` (opened with its account's key); `None` when it keeps
/// none, or its account is gone (and with it the key).
pub async fn content(ctx: &Context, number: &str) -> ApiResult<Option<Vec<u8>>> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let kept: Option<Kept> =
        crate::db::query_as("SELECT id, account_id, kind, content FROM documents WHERE number = ?")
            .bind(number)
            .fetch_optional(&mut conn)
            .await
            .map_err(ctx.db_error())?;
    let Some(kept @ Kept { account_id: Some(account_id), content: Some(_), .. }) = kept else {
        return Ok(None);
    };
    let key = crate::sealing::account_key(ctx, &mut conn, account_id).await?;
    Ok(kept.open(ctx, &key)?.1)
}

/// The kept bytes of the document with row `id`, opened through `opener` (which unwraps each
/// account's key once for a whole batch); `None` when it keeps none.
pub(crate) async fn content_by_id(
    ctx: &Context,
    conn: &mut Conn,
    opener: &mut Opener,
    id: i64,
) -> ApiResult<Option<Vec<u8>>> {
    let kept: Option<(Option<i64>, Option<Vec<u8>>)> =
        crate::db::query_as("SELECT account_id, content FROM documents WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    let Some((Some(account_id), Some(sealed))) = kept else { return Ok(None) };
    opener.bytes(ctx, conn, Some(account_id), CONTENT, id, &sealed).await
}

/// The row of `number` if it was issued to `account_id`.
async fn fetch_owned(
    ctx: &Context,
    conn: &mut Conn,
    number: &str,
    account_id: i64,
) -> ApiResult<Option<Kept>> {
    crate::db::query_as(
        "SELECT id, account_id, kind, content FROM documents WHERE number = ? AND account_id = ?",
    )
    .bind(number)
    .bind(account_id)
    .fetch_optional(conn)
    .await
    .map_err(ctx.db_error())
}

/// The kind and kept bytes of the document `number` if it was issued to `account_id`; `None`
/// when it is someone else's or unknown, so a caller cannot tell the two apart. The account's
/// key is loaded only when there are bytes to open.
pub(crate) async fn owned(
    ctx: &Context,
    number: &str,
    account_id: i64,
) -> ApiResult<Option<(DocumentKind, Option<Vec<u8>>)>> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let Some(kept) = fetch_owned(ctx, &mut conn, number, account_id).await? else { return Ok(None) };
    if kept.content.is_none() {
        return Ok(DocumentKind::parse(&kept.kind).map(|kind| (kind, None)));
    }
    let key = crate::sealing::account_key(ctx, &mut conn, account_id).await?;
    let (kind, bytes) = kept.open(ctx, &key)?;
    Ok(kind.map(|kind| (kind, bytes)))
}

/// [`owned`] with the account's key already at hand (an export reading many documents).
pub(crate) async fn owned_with(
    ctx: &Context,
    key: &Sealer,
    number: &str,
    account_id: i64,
) -> ApiResult<Option<(DocumentKind, Option<Vec<u8>>)>> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let Some(kept) = fetch_owned(ctx, &mut conn, number, account_id).await? else { return Ok(None) };
    let (kind, bytes) = kept.open(ctx, key)?;
    Ok(kind.map(|kind| (kind, bytes)))
}

/// The kind of the document `number` if it was issued to `account_id`, and whether its bytes
/// are kept — without reading them (a «Сохранить как…» offer needs no more).
pub(crate) async fn owned_kind(
    pool: &Pool,
    number: &str,
    account_id: i64,
) -> sqlx::Result<Option<(DocumentKind, bool)>> {
    let row: Option<(String, bool)> = crate::db::query_as(
        "SELECT kind, content IS NOT NULL AS kept FROM documents WHERE number = ? AND account_id = ?",
    )
    .bind(number)
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(kind, kept)| Some((DocumentKind::parse(&kind)?, kept))))
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::{Config, Kabinet};

    /// A data directory with one account (its data key made) and that key, for the tests of
    /// `seal_existing` here and in `uploads` and `debts`.
    pub(crate) async fn one_account() -> (tempfile::TempDir, Kabinet, i64, Sealer) {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::with_data_dir(dir.path()).with_master_key("6b".repeat(32));
        let kabinet = Kabinet::open(config).await.unwrap();
        kabinet.synthetic().seed_accounts(1, 9_160_000_000, "Zq8#mW2!rLp").await.unwrap();
        let ctx = kabinet.context();
        let account_id: i64 =
            crate::db::query_scalar("SELECT id FROM accounts").fetch_one(&ctx.pool).await.unwrap();
        let key = crate::sealing::account_key(ctx, &ctx.pool, account_id).await.unwrap();
        (dir, kabinet, account_id, key)
    }

    /// Runs a module's `seal_existing` for the account in one write transaction.
    pub(crate) async fn convert<F>(kabinet: &Kabinet, account_id: i64, seal: F)
    where
        F: AsyncFnOnce(&Context, &mut Conn, &Sealer, i64) -> ApiResult<()>,
    {
        let ctx = kabinet.context();
        let mut tx = ctx.write().await.unwrap();
        let key = crate::sealing::account_key(ctx, &mut tx, account_id).await.unwrap();
        seal(ctx, &mut tx, &key, account_id).await.unwrap();
        tx.commit().await.unwrap();
    }

    async fn stored(ctx: &Context) -> Vec<u8> {
        crate::db::query_scalar("SELECT content FROM documents").fetch_one(&ctx.pool).await.unwrap()
    }

    #[tokio::test]
    async fn a_plain_pdf_of_the_release_before_is_sealed_once_and_reads_as_it_was() {
        let (_dir, kabinet, account_id, key) = one_account().await;
        let ctx = kabinet.context();
        let pdf = b"%PDF-1.7\nthe citizen's certificate".to_vec();
        crate::db::query(
            "INSERT INTO documents (number, kind, account_id, title, sha256, verification_code, pages, size, \
             created_at, content) VALUES ('СРК-2026-000001', 'registration_certificate', ?, 't', ?, \
             'AAAA-BBBB', 1, ?, 0, ?)",
        )
        .bind(account_id)
        .bind(super::super::sha256_hex(&pdf))
        .bind(pdf.len() as i64)
        .bind(&pdf)
        .execute(&ctx.pool)
        .await
        .unwrap();
        convert(&kabinet, account_id, crate::sealing::convert::seal_columns).await;
        let sealed = stored(ctx).await;
        assert!(sealed.starts_with(&[b'k', 1]) && !sealed.starts_with(b"%PDF"));
        assert_eq!(content(ctx, "СРК-2026-000001").await.unwrap(), Some(pdf.clone()));
        assert_eq!(owned_with(ctx, &key, "СРК-2026-000001", account_id).await.unwrap().unwrap().1, Some(pdf));
        convert(&kabinet, account_id, crate::sealing::convert::seal_columns).await;
        assert_eq!(stored(ctx).await, sealed, "a sealed row is left as it is");
        kabinet.close().await;
    }
}
