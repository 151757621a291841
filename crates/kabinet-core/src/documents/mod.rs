//! Official documents: typed templates laid out on A4 with embedded PT Sans / PT Serif, finished
//! as PDF/A-2b, numbered and recorded in a registry by the SHA-256 of their bytes, and verified
//! against it (valid / unknown / altered).
//!
//! Rendering is a pure function of the input and a [`Stamp`] (number, time, verification code):
//! the same data and time give the same bytes, which is what makes a hash registry meaningful
//! and lets tests compare files. Only [`Documents::issue`] touches the database: it reserves the
//! number, renders, and records the hash in one transaction.
//!
//! The pipeline: `templates` (words) → `layout` (pages, wrapping, tables, page breaks) →
//! `paint` (printpdf operations, font subsetting) → `pdfa` (metadata, XMP, output intent, /ID,
//! compression). The design rules are written down in `docs/documents/README.md`. Verification
//! reads a presented file's number through `scan`, never through a PDF parser: the file is
//! untrusted and its cost is bounded by what a document of ours can contain.
//!
//! The methods here without a session (`issue`, `find`, `list`, `content`) are for the core's
//! own flows, staff and the CLI; a citizen reaches documents only through `mine.rs`, which
//! checks that each one is theirs.

pub(crate) mod files;
mod fonts;
mod format;
mod layout;
mod mine;
pub mod model;
mod paint;
mod pdfa;
mod qr;
pub(crate) mod registry;
mod scan;
mod templates;
mod text;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

pub use files::clear_viewer_copies;
pub use mine::{
    DocumentOffer, MAX_VERIFY_BYTES, PrintJob, RawFile, SaveOffer, SystemAction, ViewerCopy,
    check_verify_size, system_failure, write_viewer_copy,
};
pub(crate) use mine::{file_name, not_mine};
pub use model::*;
pub use pdfa::{PACKING, Packing};
pub use scan::{MAX_METADATA_BYTES, Unreadable};
pub use templates::{AUTHOR, Stamp};

use crate::context::{Context, rfc3339};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::i18n::Locale;

/// A rendered PDF.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: u32,
}

/// Renders `input` with `stamp`: no database, same input and stamp → same bytes.
pub fn render(input: &DocumentInput, stamp: &Stamp, locale: Locale) -> ApiResult<Rendered> {
    render_packed(input, stamp, locale, PACKING)
}

/// [`render`] with an explicit packing, for the benchmark that chose [`PACKING`].
pub fn render_packed(
    input: &DocumentInput,
    stamp: &Stamp,
    locale: Locale,
    packing: Packing,
) -> ApiResult<Rendered> {
    let composed = templates::compose(input, stamp)
        .map_err(|error| ApiError::with_message(ErrorCode::Validation, error.message(locale)))?;
    let pages = u32::try_from(composed.pages.len()).unwrap_or(u32::MAX);
    let doc = paint::document(composed.pages, &composed.title)
        .ok_or_else(|| ApiError::internal("embedded font failed to load", locale))?;
    let meta = pdfa::Metadata {
        title: &composed.title,
        author: AUTHOR,
        subject: &composed.subject,
        keywords: &composed.keywords,
        number: &stamp.number,
        created: format::msk(stamp.created_at),
    };
    let bytes = pdfa::finish(doc, &meta, packing).map_err(|cause| ApiError::internal(cause, locale))?;
    Ok(Rendered { bytes, pages })
}

/// The stamp of a preview: a zero number, marked «ОБРАЗЕЦ», never registered.
pub fn preview_stamp(kind: DocumentKind, at: OffsetDateTime) -> Stamp {
    Stamp {
        number: format!("{}-{}-000000", kind.prefix(), format::msk(at).year()),
        created_at: at,
        verification_code: "0000-0000".to_owned(),
        preview: true,
    }
}

/// Parses an RFC 3339 moment (for `--at` and the like).
pub fn parse_moment(value: &str) -> Option<OffsetDateTime> {
    format::parse_moment(value)
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The number a presented PDF carries in its metadata: `Ok(None)` when it has none, `Err` when
/// its metadata cannot be read within the limits of a document of ours. Never parses the
/// document as a whole (see `scan.rs`); the caller caps the length at [`MAX_VERIFY_BYTES`].
pub fn number_in(bytes: &[u8]) -> Result<Option<String>, Unreadable> {
    scan::number_in(bytes)
}

/// Verification codes: eight characters without look-alikes (no 0/O, 1/I/L), «7K4M-Q2XD».
fn verification_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let chars: String = (0..8).map(|_| char::from(ALPHABET[rand::random_range(0..ALPHABET.len())])).collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// Documents: issue, verify, find, download again; the signed-in citizen's own documents are in
/// `mine.rs`.
pub struct Documents<'a> {
    pub(crate) ctx: &'a Context,
    pub(crate) data_dir: &'a std::path::Path,
}

impl Documents<'_> {
    /// Issues a document: reserves its number, renders it at the clock's time, and records its
    /// SHA-256 (and, when `account_id` is given, its bytes, sealed under that account's key) in
    /// the registry.
    pub async fn issue(&self, input: DocumentInput, account_id: Option<i64>) -> ApiResult<IssuedDocument> {
        let ctx = self.ctx;
        let locale = ctx.locale();
        let kind = input.kind();
        let now = ctx.clock.now();
        let created_at = OffsetDateTime::from_unix_timestamp(now.unix_timestamp()).unwrap_or(now);
        let mut tx = ctx.write().await?;
        let number = registry::next_number(&mut tx, kind, format::msk(created_at).year())
            .await
            .map_err(ctx.db_error())?;
        let stamp = Stamp { number, created_at, verification_code: verification_code(), preview: false };
        let rendered = render_blocking(input, stamp.clone(), locale).await?;
        let sha256 = sha256_hex(&rendered.bytes);
        let title = format!("{} № {}", kind.title(), stamp.number);
        let keep = account_id.is_some() && kind != DocumentKind::IdentityCodeSlip;
        let entry = registry::NewEntry {
            number: &stamp.number,
            kind,
            account_id,
            title: &title,
            sha256: &sha256,
            verification_code: &stamp.verification_code,
            pages: rendered.pages,
            created_at: created_at.unix_timestamp(),
            content: keep.then_some(rendered.bytes.as_slice()),
            size: rendered.bytes.len(),
        };
        registry::insert(ctx, &mut tx, entry).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        Ok(IssuedDocument {
            number: stamp.number,
            kind,
            title,
            sha256,
            verification_code: stamp.verification_code,
            created_at: rfc3339(created_at.unix_timestamp()),
            pages: rendered.pages,
            bytes: rendered.bytes,
        })
    }

    /// Renders a preview marked «ОБРАЗЕЦ», without a number and without registering it.
    pub fn render_preview(&self, input: &DocumentInput) -> ApiResult<Vec<u8>> {
        let stamp = preview_stamp(input.kind(), self.ctx.clock.now());
        render(input, &stamp, self.ctx.locale()).map(|rendered| rendered.bytes)
    }

    /// Checks a PDF against the registry: valid, unknown or altered. A file larger than any
    /// document of ours is refused unread; one whose metadata cannot be read within the limits
    /// answers `file_unreadable` (see `scan.rs`).
    pub async fn verify(&self, bytes: &[u8]) -> ApiResult<Verification> {
        let locale = self.ctx.locale();
        check_verify_size(u64::try_from(bytes.len()).unwrap_or(u64::MAX), locale)?;
        // A panic in the scan would be a bug; it is answered as a damaged file, never more.
        let read = std::panic::catch_unwind(|| number_in(bytes)).unwrap_or(Err(Unreadable::Damaged));
        let number = read.map_err(|why| unreadable(why, locale))?;
        let sha256 = sha256_hex(bytes);
        let found = match &number {
            Some(number) => registry::find(&self.ctx.pool, number).await.map_err(self.ctx.db_error())?,
            None => None,
        };
        let record = found.map(|(record, _)| record);
        let status = match &record {
            None => VerificationStatus::Unknown,
            Some(record) if record.sha256 == sha256 => VerificationStatus::Valid,
            Some(_) => VerificationStatus::Altered,
        };
        let message = verdict(status, number.as_deref(), record.as_ref(), self.ctx.locale());
        Ok(Verification { status, number, record, sha256, message })
    }

    /// Checks a number and the verification code printed beside the QR (a paper copy).
    pub async fn verify_code(&self, number: &str, code: &str) -> ApiResult<Option<DocumentRecord>> {
        let normalize =
            |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_uppercase();
        let found = registry::find(&self.ctx.pool, number.trim()).await.map_err(self.ctx.db_error())?;
        Ok(found.filter(|(_, expected)| normalize(expected) == normalize(code)).map(|(record, _)| record))
    }

    /// The registry entry of `number`.
    pub async fn find(&self, number: &str) -> ApiResult<Option<DocumentRecord>> {
        let found = registry::find(&self.ctx.pool, number.trim()).await.map_err(self.ctx.db_error())?;
        Ok(found.map(|(record, _)| record))
    }

    /// The documents issued to an account, newest first («Мои документы»).
    pub async fn list(&self, account_id: i64) -> ApiResult<Vec<DocumentRecord>> {
        registry::list(&self.ctx.pool, account_id).await.map_err(self.ctx.db_error())
    }

    /// The kept bytes of a document issued to a citizen, to download again (opened with the
    /// account's key; `None` once the account is purged).
    pub async fn content(&self, number: &str) -> ApiResult<Option<Vec<u8>>> {
        registry::content(self.ctx, number.trim()).await
    }
}

/// Renders on the blocking pool: a long history takes tens of milliseconds of CPU.
async fn render_blocking(input: DocumentInput, stamp: Stamp, locale: Locale) -> ApiResult<Rendered> {
    tokio::task::spawn_blocking(move || render(&input, &stamp, locale))
        .await
        .map_err(|cause| ApiError::internal(cause, locale))?
}

/// `file_unreadable` with what was wrong.
fn unreadable(why: Unreadable, locale: Locale) -> ApiError {
    let message = match why {
        Unreadable::TooLarge => locale.pick(
            "Файл не удалось прочитать: его метаданные больше, чем бывают у документов Кабинета, \
             — это не документ Кабинета",
            "The file could not be read: its metadata is larger than any Кабинет document has — \
             it is not a Кабинет document",
        ),
        Unreadable::Damaged => locale.pick(
            "Файл не удалось прочитать: он повреждён (метаданные обрываются или не распаковываются)",
            "The file could not be read: it is damaged (its metadata is cut off or does not unpack)",
        ),
        Unreadable::Filters => locale.pick(
            "Файл не удалось прочитать: его метаданные упакованы так, как Кабинет их не упаковывает, \
             — это не документ Кабинета",
            "The file could not be read: its metadata is packed in a way Кабинет never uses — it is \
             not a Кабинет document",
        ),
    };
    ApiError::with_message(ErrorCode::FileUnreadable, message)
}

fn verdict(
    status: VerificationStatus,
    number: Option<&str>,
    record: Option<&DocumentRecord>,
    locale: Locale,
) -> String {
    match (status, record, locale) {
        (VerificationStatus::Valid, Some(record), Locale::Ru) => format!(
            "Документ подлинный: {}, выдан {}",
            record.title,
            format::parse_moment(&record.created_at).map(format::moment).unwrap_or_default()
        ),
        (VerificationStatus::Valid, Some(record), Locale::En) => {
            format!("The document is genuine: {} issued {}", record.number, record.created_at)
        }
        (VerificationStatus::Altered, _, Locale::Ru) => format!(
            "Документ № {} изменён после выдачи: файл не совпадает с зарегистрированным",
            number.unwrap_or_default()
        ),
        (VerificationStatus::Altered, _, Locale::En) => format!(
            "Document {} was changed after issue: the file differs from the registered one",
            number.unwrap_or_default()
        ),
        (_, _, Locale::Ru) => match number {
            Some(number) => format!("Документ № {number} не найден в реестре выданных документов"),
            None => "В файле нет номера документа Кабинета: проверить его нельзя".to_owned(),
        },
        (_, _, Locale::En) => match number {
            Some(number) => format!("Document {number} is not in the registry of issued documents"),
            None => "The file carries no Кабинет document number and cannot be checked".to_owned(),
        },
    }
}
