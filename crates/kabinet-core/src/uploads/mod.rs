//! Uploaded files: the passport and СНИЛС scans of «Мой профиль» and, for «Мои документы», any
//! other document a citizen keeps here.
//!
//! Rules (also in `docs/rules.md`):
//! - A file is PDF, JPEG or PNG judged by its first bytes ([`crate::validate::scan_kind`]),
//!   never by its name; an empty file is refused; at most 10 MB = 10 × 1024 × 1024 bytes
//!   (exactly that is accepted, one byte more is refused). Errors name the field of the kind
//!   (`passport_scan`, `snils_scan`, `file`) with an [`crate::validate::Invalid`] reason.
//! - The bytes are a BLOB in the database (SQLCipher: encrypted at rest, `secure_delete` on), with
//!   the sanitised name ([`name::sanitised`]), the media type, the size and the SHA-256. The name
//!   and the bytes are sealed under the account's data key (`store.rs`), so a purge that deletes
//!   the key leaves no readable copy in a PostgreSQL WAL, replica or backup.
//! - One passport scan and one СНИЛС scan per account: uploading another replaces the live one.
//!   Other documents are kept side by side; each may be replaced by its number.
//! - Replaced and deleted files lose their bytes at once; the metadata row stays (state, time).
//! - Uploading, replacing and deleting are sensitive (documents): they need the password within
//!   the last 10 minutes. Listing and reading need a full session. Only the owner ever sees an
//!   upload; another citizen's number answers «not found».
//! - Profile scans are recorded in «История изменений» by file name (old → new; deleted → none).
//! - Images are shown inside the app from their bytes; a PDF opens in the system viewer from a
//!   private copy ([`Uploads::viewer_copy`] names the file), like the issued documents.

pub(crate) mod name;
pub(crate) mod store;
pub mod types;

use sha2::{Digest, Sha256};

use crate::auth::Authed;
use crate::context::Context;
use crate::error::{ApiError, ApiResult};
use crate::fields::Field;
use crate::validate::{self, Invalid};

use store::Judged;
use types::{RawUpload, UploadContent, UploadId, UploadInfo, UploadKind};

pub use name::MAX_NAME_CHARS;
pub use types::{HEADER_KIND, HEADER_NAME, HEADER_REPLACES};

/// The uploads of the signed-in citizen.
pub struct Uploads<'a> {
    pub(crate) ctx: &'a Context,
}

impl Uploads<'_> {
    /// Uploads a file of `kind` named `name` (percent-encoding allowed); a profile scan replaces
    /// the live one of its kind.
    pub async fn upload(
        &self,
        me: &Authed,
        kind: UploadKind,
        name: &str,
        bytes: &[u8],
    ) -> ApiResult<UploadInfo> {
        let ctx = self.ctx;
        let authed = me;
        let file = judged(ctx, kind, name, bytes)?;
        let key = crate::sealing::account_key(ctx, &ctx.pool, authed.account_id).await?;
        store::put(ctx, &key, authed.account_id, kind, None, file).await
    }

    /// Replaces the live upload `id` with a new file of the same kind.
    pub async fn replace(&self, me: &Authed, id: i64, name: &str, bytes: &[u8]) -> ApiResult<UploadInfo> {
        let ctx = self.ctx;
        let authed = me;
        let kind =
            store::live_kind(ctx, authed.account_id, id).await?.ok_or_else(|| store::not_found(ctx))?;
        let file = judged(ctx, kind, name, bytes)?;
        let key = crate::sealing::account_key(ctx, &ctx.pool, authed.account_id).await?;
        store::put(ctx, &key, authed.account_id, kind, Some(id), file).await
    }

    /// A file as the shell receives it (header values and a raw body): with
    /// [`HEADER_REPLACES`] it replaces that upload, otherwise it is a new upload of
    /// [`HEADER_KIND`].
    pub async fn put(&self, me: &Authed, raw: RawUpload<'_>) -> ApiResult<UploadInfo> {
        let ctx = self.ctx;
        let bytes = raw.bytes.unwrap_or_default();
        let name = raw.name.unwrap_or_default();
        match raw.replaces.map(str::trim).filter(|id| !id.is_empty()) {
            Some(id) => {
                let id = id.parse::<i64>().map_err(|_| store::not_found(ctx))?;
                self.replace(me, id, name, bytes).await
            }
            None => {
                let kind = raw
                    .kind
                    .and_then(UploadKind::parse)
                    .ok_or_else(|| ApiError::field(Field::File, Invalid::Format, ctx.locale()))?;
                self.upload(me, kind, name, bytes).await
            }
        }
    }

    /// The citizen's live uploads, without their bytes.
    pub async fn list(&self, me: &Authed) -> ApiResult<Vec<UploadInfo>> {
        let key = crate::sealing::account_key(self.ctx, &self.ctx.pool, me.account_id).await?;
        store::list(self.ctx, &key, me.account_id).await
    }

    /// One of the citizen's uploads with its bytes.
    pub async fn content(&self, me: &Authed, request: UploadId) -> ApiResult<UploadContent> {
        let key = crate::sealing::account_key(self.ctx, &self.ctx.pool, me.account_id).await?;
        store::content(self.ctx, &key, me.account_id, request.id).await
    }

    /// One of the citizen's uploads for the system viewer (a PDF scan is opened there): its name
    /// and bytes; the private copy is written like the issued documents' copies
    /// (`crate::documents::files`).
    pub async fn viewer_copy(
        &self,
        me: &Authed,
        request: UploadId,
    ) -> ApiResult<crate::documents::ViewerCopy> {
        let UploadContent { info, bytes } = self.content(me, request).await?;
        Ok(crate::documents::ViewerCopy { name: info.name, bytes })
    }

    /// Deletes one of the citizen's uploads; returns what is left.
    pub async fn delete(&self, me: &Authed, request: UploadId) -> ApiResult<Vec<UploadInfo>> {
        let ctx = self.ctx;
        let authed = me;
        let id = request.id;
        let key = crate::sealing::account_key(ctx, &ctx.pool, authed.account_id).await?;
        store::delete(ctx, &key, authed.account_id, id).await?;
        store::list(ctx, &key, authed.account_id).await
    }
}

/// The file checked by content and size, with its stored name and digest.
fn judged<'a>(ctx: &Context, kind: UploadKind, name: &str, bytes: &'a [u8]) -> ApiResult<Judged<'a>> {
    let format =
        validate::scan_kind(bytes).map_err(|code| ApiError::field(kind.field(), code, ctx.locale()))?;
    Ok(Judged { name: name::sanitised(name, format), format, sha256: Sha256::digest(bytes).into(), bytes })
}
