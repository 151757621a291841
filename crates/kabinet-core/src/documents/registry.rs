//! The registry table: numbers per kind and year, and one row per issued document with the
//! SHA-256 of its bytes (and the bytes themselves for documents issued to a citizen).

use crate::db::{Conn, Pool};
use sqlx::FromRow;

use super::model::{DocumentKind, DocumentRecord};
use crate::context::rfc3339;

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

/// Records an issued document.
pub async fn insert(conn: &mut Conn, entry: NewEntry<'_>) -> sqlx::Result<()> {
    crate::db::query(
        "INSERT INTO documents (number, kind, account_id, title, sha256, verification_code, pages, size, \
         created_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    .bind(entry.content)
    .execute(conn)
    .await?;
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
        "number, kind, title, sha256, verification_code, pages, size, created_at, content IS NOT NULL AS stored"
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

/// The kept bytes of the document `number`.
pub async fn content(pool: &Pool, number: &str) -> sqlx::Result<Option<Vec<u8>>> {
    let content: Option<Option<Vec<u8>>> =
        crate::db::query_scalar("SELECT content FROM documents WHERE number = ?")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    Ok(content.flatten())
}

/// The kind and kept bytes of the document `number` if it was issued to `account_id`; `None`
/// when it is someone else's or unknown, so a caller cannot tell the two apart.
pub async fn owned(
    pool: &Pool,
    number: &str,
    account_id: i64,
) -> sqlx::Result<Option<(DocumentKind, Option<Vec<u8>>)>> {
    let row: Option<(String, Option<Vec<u8>>)> =
        crate::db::query_as("SELECT kind, content FROM documents WHERE number = ? AND account_id = ?")
            .bind(number)
            .bind(account_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.and_then(|(kind, content)| Some((DocumentKind::parse(&kind)?, content))))
}
