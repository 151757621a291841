//! The uploads' rows: metadata in `uploads`, bytes in `upload_contents` while the upload is live.
//! Every change is one write transaction, with its «История изменений» row for profile scans.

use crate::db::Conn;

use crate::context::{Context, rfc3339};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::validate::ScanKind;

use super::types::{UploadContent, UploadInfo, UploadKind};

/// A file that passed every check, ready to store.
pub struct Judged<'a> {
    /// The sanitised name.
    pub name: String,
    /// Its real kind.
    pub format: ScanKind,
    /// SHA-256 of `bytes`.
    pub sha256: [u8; 32],
    /// The content.
    pub bytes: &'a [u8],
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    name: String,
    content_type: String,
    size: i64,
    sha256: Vec<u8>,
    created_at: i64,
}

macro_rules! select {
    ($rest:literal) => {
        concat!("SELECT id, kind, name, content_type, size, sha256, created_at FROM uploads ", $rest)
    };
}

fn format_of(content_type: &str) -> ScanKind {
    match content_type {
        "application/pdf" => ScanKind::Pdf,
        "image/jpeg" => ScanKind::Jpeg,
        _ => ScanKind::Png,
    }
}

impl From<Row> for UploadInfo {
    fn from(row: Row) -> Self {
        let format = format_of(&row.content_type);
        UploadInfo {
            id: row.id,
            kind: UploadKind::parse(&row.kind).unwrap_or(UploadKind::Other),
            name: row.name,
            format,
            content_type: format.mime().to_owned(),
            size: row.size,
            sha256: hex::encode(row.sha256),
            created_at: rfc3339(row.created_at),
        }
    }
}

/// «Файл не найден»: also for another citizen's upload, so its existence is not revealed.
pub fn not_found(ctx: &Context) -> ApiError {
    ApiError::with_message(
        ErrorCode::NotFound,
        ctx.locale().pick(
            "Файл не найден — возможно, он уже удалён или заменён",
            "File not found — it may have been deleted or replaced",
        ),
    )
}

/// The live uploads of an account: profile scans first, then the others, oldest first.
pub async fn list(ctx: &Context, account_id: i64) -> ApiResult<Vec<UploadInfo>> {
    let rows: Vec<Row> = crate::db::query_as(select!(
        "WHERE account_id = ? AND state = 'live' \
         ORDER BY CASE kind WHEN 'passport_scan' THEN 0 WHEN 'snils_scan' THEN 1 ELSE 2 END, created_at, id"
    ))
    .bind(account_id)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    Ok(rows.into_iter().map(UploadInfo::from).collect())
}

/// The live upload `id` of the account, if it is one.
pub async fn live<'e>(
    ctx: &Context,
    executor: impl Into<crate::db::Target<'e>>,
    account_id: i64,
    id: i64,
) -> ApiResult<Option<UploadInfo>> {
    let row: Option<Row> = crate::db::query_as(select!("WHERE id = ? AND account_id = ? AND state = 'live'"))
        .bind(id)
        .bind(account_id)
        .fetch_optional(executor)
        .await
        .map_err(ctx.db_error())?;
    Ok(row.map(UploadInfo::from))
}

/// The live upload `id` of the account with its bytes.
pub async fn content(ctx: &Context, account_id: i64, id: i64) -> ApiResult<UploadContent> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let info = live(ctx, &mut conn, account_id, id).await?.ok_or_else(|| not_found(ctx))?;
    let bytes: Option<Vec<u8>> =
        crate::db::query_scalar("SELECT bytes FROM upload_contents WHERE account_id = ? AND upload_id = ?")
            .bind(account_id)
            .bind(id)
            .fetch_optional(&mut conn)
            .await
            .map_err(ctx.db_error())?;
    let bytes = bytes.ok_or_else(|| not_found(ctx))?;
    Ok(UploadContent { info, bytes })
}

/// Stores `file` as a new live upload of `kind`, ending `replacing` (or, for a profile scan, the
/// live scan of that kind) in the same transaction.
pub async fn put(
    ctx: &Context,
    account_id: i64,
    kind: UploadKind,
    replacing: Option<i64>,
    file: Judged<'_>,
) -> ApiResult<UploadInfo> {
    let mut tx = ctx.write().await?;
    let old = match replacing {
        Some(id) => Some(live(ctx, &mut tx, account_id, id).await?.ok_or_else(|| not_found(ctx))?),
        None if kind.single() => live_of_kind(ctx, &mut tx, account_id, kind).await?,
        None => None,
    };
    if let Some(old) = &old {
        end(ctx, &mut tx, account_id, old.id, "replaced").await?;
    }
    let id = insert(ctx, &mut tx, account_id, kind, &file).await?;
    if let Some(old) = &old {
        crate::db::query("UPDATE uploads SET replaced_by = ? WHERE id = ?")
            .bind(id)
            .bind(old.id)
            .execute(&mut tx)
            .await
            .map_err(ctx.db_error())?;
    }
    if kind.single() {
        let old_name = old.as_ref().map(|o| o.name.as_str());
        crate::profile::record(ctx, &mut tx, account_id, kind.as_str(), old_name, Some(&file.name)).await?;
    }
    let info = live(ctx, &mut tx, account_id, id).await?.ok_or_else(|| not_found(ctx))?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(info)
}

/// Deletes the live upload `id` of the account: its bytes go, its row stays as `deleted`.
pub async fn delete(ctx: &Context, account_id: i64, id: i64) -> ApiResult<()> {
    let mut tx = ctx.write().await?;
    let old = live(ctx, &mut tx, account_id, id).await?.ok_or_else(|| not_found(ctx))?;
    end(ctx, &mut tx, account_id, id, "deleted").await?;
    if old.kind.single() {
        crate::profile::record(ctx, &mut tx, account_id, old.kind.as_str(), Some(&old.name), None).await?;
    }
    tx.commit().await.map_err(ctx.db_error())
}

async fn live_of_kind(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    kind: UploadKind,
) -> ApiResult<Option<UploadInfo>> {
    let row: Option<Row> =
        crate::db::query_as(select!("WHERE account_id = ? AND kind = ? AND state = 'live'"))
            .bind(account_id)
            .bind(kind.as_str())
            .fetch_optional(conn)
            .await
            .map_err(ctx.db_error())?;
    Ok(row.map(UploadInfo::from))
}

async fn insert(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    kind: UploadKind,
    file: &Judged<'_>,
) -> ApiResult<i64> {
    let size = i64::try_from(file.bytes.len()).map_err(|e| ApiError::internal(e, ctx.locale()))?;
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO uploads (account_id, kind, name, content_type, size, sha256, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(account_id)
    .bind(kind.as_str())
    .bind(&file.name)
    .bind(file.format.mime())
    .bind(size)
    .bind(file.sha256.as_slice())
    .bind(ctx.now())
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    crate::db::query("INSERT INTO upload_contents (upload_id, account_id, bytes) VALUES (?, ?, ?)")
        .bind(id)
        .bind(account_id)
        .bind(file.bytes)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(id)
}

async fn end(ctx: &Context, conn: &mut Conn, account_id: i64, id: i64, state: &str) -> ApiResult<()> {
    crate::db::query("UPDATE uploads SET state = ?, ended_at = ? WHERE account_id = ? AND id = ?")
        .bind(state)
        .bind(ctx.now())
        .bind(account_id)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    crate::db::query("DELETE FROM upload_contents WHERE account_id = ? AND upload_id = ?")
        .bind(account_id)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}
