//! The uploads' rows: metadata in `uploads`, bytes in `upload_contents` while the upload is live.
//! Every change is one write transaction, with its «История изменений» row for profile scans.
//!
//! The file name and the bytes are the citizen's (a passport scan, «паспорт Ивановой.pdf»), so
//! both are sealed under the account's data key (issue 16, [`crate::sealing`]) bound to the
//! upload's id: once the purge deletes the key, no copy of them in the WAL, a replica or a
//! backup opens. Kind, media type, size and SHA-256 stay plain — the size is stored, never taken
//! from the sealed bytes. Every function here takes the account's key, loaded once per call by
//! the caller.

use crate::db::Conn;

use crate::context::{Context, rfc3339};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::sealing::Sealer;
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

/// The sealed columns, as bound into the associated data.
pub(crate) const NAME: &str = "uploads.name";
pub(crate) const BYTES: &str = "upload_contents.bytes";

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

impl Row {
    /// The upload as shown, its name opened with the account's `key`.
    fn open(self, ctx: &Context, key: &Sealer) -> ApiResult<UploadInfo> {
        let format = format_of(&self.content_type);
        Ok(UploadInfo {
            id: self.id,
            kind: UploadKind::parse(&self.kind).unwrap_or(UploadKind::Other),
            name: key.open(NAME, self.id, &self.name).map_err(ctx.unreadable())?,
            format,
            content_type: format.mime().to_owned(),
            size: self.size,
            sha256: hex::encode(self.sha256),
            created_at: rfc3339(self.created_at),
        })
    }
}

/// Opens every row of `rows`.
fn open_all(ctx: &Context, key: &Sealer, rows: Vec<Row>) -> ApiResult<Vec<UploadInfo>> {
    rows.into_iter().map(|row| row.open(ctx, key)).collect()
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
pub async fn list(ctx: &Context, key: &Sealer, account_id: i64) -> ApiResult<Vec<UploadInfo>> {
    let rows: Vec<Row> = crate::db::query_as(select!(
        "WHERE account_id = ? AND state = 'live' \
         ORDER BY CASE kind WHEN 'passport_scan' THEN 0 WHEN 'snils_scan' THEN 1 ELSE 2 END, created_at, id"
    ))
    .bind(account_id)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    open_all(ctx, key, rows)
}

/// The live upload `id` of the account, if it is one.
pub async fn live<'e>(
    ctx: &Context,
    executor: impl Into<crate::db::Target<'e>>,
    key: &Sealer,
    account_id: i64,
    id: i64,
) -> ApiResult<Option<UploadInfo>> {
    let row: Option<Row> = crate::db::query_as(select!("WHERE id = ? AND account_id = ? AND state = 'live'"))
        .bind(id)
        .bind(account_id)
        .fetch_optional(executor)
        .await
        .map_err(ctx.db_error())?;
    row.map(|row| row.open(ctx, key)).transpose()
}

/// The live upload `id` of the account with its bytes, opened.
pub async fn content(ctx: &Context, key: &Sealer, account_id: i64, id: i64) -> ApiResult<UploadContent> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let info = live(ctx, &mut conn, key, account_id, id).await?.ok_or_else(|| not_found(ctx))?;
    let sealed: Option<Vec<u8>> =
        crate::db::query_scalar("SELECT bytes FROM upload_contents WHERE account_id = ? AND upload_id = ?")
            .bind(account_id)
            .bind(id)
            .fetch_optional(&mut conn)
            .await
            .map_err(ctx.db_error())?;
    let sealed = sealed.ok_or_else(|| not_found(ctx))?;
    let bytes = key.open_bytes(BYTES, id, &sealed).map_err(ctx.unreadable())?;
    Ok(UploadContent { info, bytes })
}

/// Stores `file` as a new live upload of `kind`, ending `replacing` (or, for a profile scan, the
/// live scan of that kind) in the same transaction.
pub async fn put(
    ctx: &Context,
    key: &Sealer,
    account_id: i64,
    kind: UploadKind,
    replacing: Option<i64>,
    file: Judged<'_>,
) -> ApiResult<UploadInfo> {
    let mut tx = ctx.write().await?;
    let old = match replacing {
        Some(id) => Some(live(ctx, &mut tx, key, account_id, id).await?.ok_or_else(|| not_found(ctx))?),
        None if kind.single() => live_of_kind(ctx, &mut tx, key, account_id, kind).await?,
        None => None,
    };
    if let Some(old) = &old {
        end(ctx, &mut tx, account_id, old.id, "replaced").await?;
    }
    let id = insert(ctx, &mut tx, key, account_id, kind, &file).await?;
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
    let info = live(ctx, &mut tx, key, account_id, id).await?.ok_or_else(|| not_found(ctx))?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(info)
}

/// Deletes the live upload `id` of the account: its bytes go, its row stays as `deleted`.
pub async fn delete(ctx: &Context, key: &Sealer, account_id: i64, id: i64) -> ApiResult<()> {
    let mut tx = ctx.write().await?;
    let old = live(ctx, &mut tx, key, account_id, id).await?.ok_or_else(|| not_found(ctx))?;
    end(ctx, &mut tx, account_id, id, "deleted").await?;
    if old.kind.single() {
        crate::profile::record(ctx, &mut tx, account_id, old.kind.as_str(), Some(&old.name), None).await?;
    }
    tx.commit().await.map_err(ctx.db_error())
}

async fn live_of_kind(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
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
    row.map(|row| row.open(ctx, key)).transpose()
}

/// The kind of the live upload `id` of the account, without opening anything (a replacement
/// keeps the kind of what it replaces).
pub async fn live_kind(ctx: &Context, account_id: i64, id: i64) -> ApiResult<Option<UploadKind>> {
    let kind: Option<String> = crate::db::query_scalar(
        "SELECT kind FROM uploads WHERE id = ? AND account_id = ? AND state = 'live'",
    )
    .bind(id)
    .bind(account_id)
    .fetch_optional(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    Ok(kind.map(|kind| UploadKind::parse(&kind).unwrap_or(UploadKind::Other)))
}

/// The row first (its id is bound into what is sealed), then its name and its bytes sealed to
/// it, in the caller's transaction.
async fn insert(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    account_id: i64,
    kind: UploadKind,
    file: &Judged<'_>,
) -> ApiResult<i64> {
    let size = i64::try_from(file.bytes.len()).map_err(|e| ApiError::internal(e, ctx.locale()))?;
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO uploads (account_id, kind, name, content_type, size, sha256, created_at) \
         VALUES (?, ?, '', ?, ?, ?, ?) RETURNING id",
    )
    .bind(account_id)
    .bind(kind.as_str())
    .bind(file.format.mime())
    .bind(size)
    .bind(file.sha256.as_slice())
    .bind(ctx.now())
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    crate::db::query("UPDATE uploads SET name = ? WHERE id = ?")
        .bind(key.seal(NAME, id, &file.name))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    crate::db::query("INSERT INTO upload_contents (upload_id, account_id, bytes) VALUES (?, ?, ?)")
        .bind(id)
        .bind(account_id)
        .bind(key.seal_bytes(BYTES, id, file.bytes))
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::documents::registry::tests::{convert, one_account};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR passport";

    async fn stored(ctx: &Context) -> (String, Vec<u8>) {
        crate::db::query_as(
            "SELECT u.name, c.bytes FROM uploads u JOIN upload_contents c ON c.upload_id = u.id",
        )
        .fetch_one(&ctx.pool)
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn a_plain_scan_of_the_release_before_is_sealed_once_and_reads_as_it_was() {
        let (_dir, kabinet, account_id, key) = one_account().await;
        let ctx = kabinet.context();
        // A plain name that looks like sealed text is still plain: it does not open.
        let name = "k1паспорт.png";
        let id: i64 = crate::db::query_scalar(
            "INSERT INTO uploads (account_id, kind, name, content_type, size, sha256, created_at) \
             VALUES (?, 'passport_scan', ?, 'image/png', ?, ?, 0) RETURNING id",
        )
        .bind(account_id)
        .bind(name)
        .bind(PNG.len() as i64)
        .bind([7u8; 32])
        .fetch_one(&ctx.pool)
        .await
        .unwrap();
        crate::db::query("INSERT INTO upload_contents (upload_id, account_id, bytes) VALUES (?, ?, ?)")
            .bind(id)
            .bind(account_id)
            .bind(PNG)
            .execute(&ctx.pool)
            .await
            .unwrap();
        convert(&kabinet, account_id, crate::sealing::convert::seal_columns).await;
        let sealed = stored(ctx).await;
        assert!(!sealed.0.contains("паспорт") && !sealed.1.starts_with(b"\x89PNG"));
        assert_eq!(list(ctx, &key, account_id).await.unwrap()[0].name, name);
        assert_eq!(content(ctx, &key, account_id, id).await.unwrap().bytes, PNG);
        convert(&kabinet, account_id, crate::sealing::convert::seal_columns).await;
        assert_eq!(stored(ctx).await, sealed, "a sealed row is left as it is");
        kabinet.close().await;
    }
}
