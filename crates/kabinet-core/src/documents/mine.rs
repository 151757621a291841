//! «Документы» of the signed-in citizen: the «Справка о регистрации» issued from their own
//! account, the list of what was issued to them, and the file of one of them — to open in the
//! system viewer, save with «Сохранить как…» or print. Every call checks the session here, and
//! every file is looked up by number *and* account, so a number belonging to someone else is
//! «not found», exactly like a number that does not exist.
//!
//! Checking a file against the registry needs no session: anyone holding a PDF may ask whether
//! it is genuine.

use crate::auth::Authed;
use std::path::Path;

use super::model::{DocumentInput, DocumentKind, MyDocument, RegistrationCertificateInput, Verification};
use super::{Documents, files, registry};
use crate::context::{Context, rfc3339};
use crate::contract::{AccountStatus, Level};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::i18n::Locale;

/// The largest file verification reads: larger than any document Кабинет issues. The longest one
/// is «История обращений»: about 60 KB for the first page (four font subsets, the sRGB profile,
/// the XMP packet) and 2.4 KB for each further page of 13–14 applications (measured on 1 to
/// 5 000 applications: 59.5 KB, 236 KB for 74 pages, 950 KB for 370 pages). Even with every glyph
/// of the four fonts embedded (1.5 MB uncompressed) 16 MiB holds over 6 000 pages — a history of
/// 80 000 applications, two a day for a century. See `docs/rules.md`, «Verifying a presented
/// file».
pub const MAX_VERIFY_BYTES: usize = 16 * 1024 * 1024;

/// Refuses, before anything is read, a file of `len` bytes larger than [`MAX_VERIFY_BYTES`].
pub fn check_verify_size(len: u64, locale: Locale) -> ApiResult<()> {
    if len <= u64::try_from(MAX_VERIFY_BYTES).unwrap_or(u64::MAX) {
        return Ok(());
    }
    let message = locale.pick(
        "Файл больше 16 МБ — документы Кабинета не бывают такими большими, это не документ Кабинета",
        "The file is larger than 16 MB — no Кабинет document is that large, it is not one of them",
    );
    Err(ApiError::with_message(ErrorCode::Validation, message))
}

/// What a native «Сохранить как…» dialog shows for a document, in the current language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SaveOffer {
    /// The suggested file name: «Справка о регистрации личного кабинета СРК-2026-000001.pdf».
    pub file_name: String,
    /// The dialog's title.
    pub dialog_title: String,
    /// The name of the file-type filter.
    pub filter_name: String,
    /// The extension the filter shows, without the dot: `pdf`, `zip`, `json`, `xml`.
    pub extension: String,
}

/// «Сохранить как…» for one of the citizen's documents: which one, and what the dialog shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentOffer {
    /// The document's number.
    pub number: String,
    /// The dialog's words.
    pub offer: SaveOffer,
}

/// A document on its way to the print dialog.
#[derive(Debug, Clone)]
pub struct PrintJob {
    /// The document's number.
    pub number: String,
    /// The job's name: the document's file name.
    pub title: String,
    /// The PDF.
    pub bytes: Vec<u8>,
}

/// A file presented for checking, as the raw body of the request.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawFile<'a> {
    /// The file's bytes (empty when the body was not raw bytes).
    pub bytes: &'a [u8],
}

/// A file on its way to the system viewer: its name and bytes. The core reads it; the computer
/// that shows it writes the private copy ([`write_viewer_copy`], see `files.rs`) — the app's own
/// data folder, in the embedded app and as a server's client alike.
#[derive(Debug, Clone)]
pub struct ViewerCopy {
    /// The file's name (the document's file name, an upload's name).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Writes `copy` to the private viewer folder of `data_dir` and returns its path (off the
/// async threads).
pub async fn write_viewer_copy(
    data_dir: &Path,
    copy: ViewerCopy,
    locale: Locale,
) -> ApiResult<std::path::PathBuf> {
    let dir = data_dir.to_path_buf();
    let written =
        tokio::task::spawn_blocking(move || files::write_viewer_copy(&dir, &copy.name, &copy.bytes)).await;
    match written {
        Ok(Ok(path)) => Ok(path),
        Ok(Err(cause)) => Err(ApiError::internal(cause, locale)),
        Err(cause) => Err(ApiError::internal(cause, locale)),
    }
}

/// A step the app hands to the operating system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemAction {
    /// Opening a file in the system viewer.
    OpenViewer,
    /// The system print dialog.
    Print,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    number: String,
    level: Level,
    status: AccountStatus,
    created_at: i64,
    phone: Option<String>,
    email: Option<String>,
    snils: Option<String>,
}

impl Documents<'_> {
    /// Issues «Справка о регистрации» from the signed-in citizen's account and keeps it in their
    /// «Документы».
    pub async fn issue_registration_certificate(&self, me: &Authed) -> ApiResult<MyDocument> {
        let authed = me;
        let input = certificate_input(self.ctx, authed.account_id).await?;
        let issued =
            self.issue(DocumentInput::RegistrationCertificate(input), Some(authed.account_id)).await?;
        Ok(MyDocument {
            number: issued.number,
            kind: issued.kind,
            title: issued.title,
            created_at: issued.created_at,
            pages: issued.pages,
            size: i64::try_from(issued.bytes.len()).unwrap_or(i64::MAX),
            available: true,
        })
    }

    /// The documents issued to the signed-in citizen, newest first.
    pub async fn mine(&self, me: &Authed) -> ApiResult<Vec<MyDocument>> {
        let authed = me;
        Ok(self.list(authed.account_id).await?.into_iter().map(MyDocument::from).collect())
    }

    /// The bytes of one of the signed-in citizen's documents (to print).
    pub async fn my_content(&self, me: &Authed, number: &str) -> ApiResult<Vec<u8>> {
        self.own(me, number).await.map(|(_, bytes)| bytes)
    }

    /// One of the citizen's documents for the system viewer: its file name and bytes.
    pub async fn viewer_copy(&self, me: &Authed, number: String) -> ApiResult<ViewerCopy> {
        let (kind, bytes) = self.own(me, &number).await?;
        Ok(ViewerCopy { name: file_name(kind, number.trim()), bytes })
    }

    /// Writes the private copy of `copy` for the system viewer in this Кабинет's data folder
    /// and returns its path (see `files.rs` for where and for how long).
    pub async fn write_viewer_copy(&self, copy: ViewerCopy) -> ApiResult<std::path::PathBuf> {
        let dir = self.data_dir.to_path_buf();
        self.blocking(move || files::write_viewer_copy(&dir, &copy.name, &copy.bytes)).await
    }

    /// The words of the «Сохранить как…» dialog for one of the citizen's documents.
    pub async fn save_offer(&self, me: &Authed, number: String) -> ApiResult<DocumentOffer> {
        let ctx = self.ctx;
        let found =
            registry::owned_kind(&ctx.pool, number.trim(), me.account_id).await.map_err(ctx.db_error())?;
        match found {
            Some((kind, true)) => Ok(self.offer_for(kind, &number)),
            _ => Err(not_mine(ctx)),
        }
    }

    /// The words of the «Сохранить как…» dialog for document `number` of `kind`.
    pub(crate) fn offer_for(&self, kind: DocumentKind, number: &str) -> DocumentOffer {
        let locale = self.ctx.locale();
        let offer = SaveOffer {
            file_name: file_name(kind, number.trim()),
            dialog_title: locale.pick("Сохранить как…", "Save as…").to_owned(),
            filter_name: locale.pick("Документ PDF", "PDF document").to_owned(),
            extension: "pdf".to_owned(),
        };
        DocumentOffer { number: number.trim().to_owned(), offer }
    }

    /// Writes `bytes` to the path a save dialog returned; the path as shown.
    pub async fn write_chosen(&self, path: &Path, bytes: Vec<u8>) -> ApiResult<String> {
        let target = path.to_path_buf();
        self.blocking(move || files::write_chosen(&target, &bytes)).await?;
        Ok(path.display().to_string())
    }

    /// What the print dialog needs for one of the citizen's documents: its title as the job's
    /// name and its bytes.
    pub async fn print_job(&self, me: &Authed, number: String) -> ApiResult<PrintJob> {
        let (kind, bytes) = self.own(me, &number).await?;
        Ok(PrintJob { title: file_name(kind, number.trim()), number, bytes })
    }

    /// Writes one of the citizen's documents to the path they chose; returns the path as shown.
    pub async fn save_copy(&self, me: &Authed, number: &str, path: &Path) -> ApiResult<String> {
        let (_, bytes) = self.own(me, number).await?;
        let target = path.to_path_buf();
        self.blocking(move || files::write_chosen(&target, &bytes)).await?;
        Ok(path.display().to_string())
    }

    /// Checks a file anyone presents against the registry: valid, unknown or altered; an empty
    /// file or one over [`MAX_VERIFY_BYTES`] is refused, one whose metadata cannot be read within
    /// the limits answers `file_unreadable` (see [`Documents::verify`]).
    pub async fn verify_file(
        &self,
        _caller: &crate::auth::Caller,
        file: RawFile<'_>,
    ) -> ApiResult<Verification> {
        let bytes = file.bytes;
        let locale = self.ctx.locale();
        if bytes.is_empty() {
            let message =
                locale.pick("Файл пустой — выберите PDF-документ", "The file is empty — choose a PDF");
            return Err(ApiError::with_message(ErrorCode::Validation, message));
        }
        self.verify(bytes).await
    }

    /// The error of a step the operating system failed (no PDF viewer, no print service); the
    /// cause goes to the log, the citizen gets what to do.
    pub fn system_failure(&self, action: SystemAction, cause: impl std::fmt::Display) -> ApiError {
        system_failure(self.ctx.locale(), action, cause)
    }

    /// The kind and kept bytes (opened) of `number` if it is the signed-in citizen's.
    async fn own(&self, me: &Authed, number: &str) -> ApiResult<(DocumentKind, Vec<u8>)> {
        let found = registry::owned(self.ctx, number.trim(), me.account_id).await?;
        match found {
            Some((kind, Some(bytes))) => Ok((kind, bytes)),
            _ => Err(not_mine(self.ctx)),
        }
    }

    /// Runs file work off the async threads; a failure says what the citizen can do.
    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> std::io::Result<T> + Send + 'static,
    ) -> ApiResult<T> {
        let locale = self.ctx.locale();
        let failed = |cause: &dyn std::fmt::Display| {
            let mut error = ApiError::internal(cause, locale);
            error.message = locale
                .pick(
                    "Не удалось записать файл — проверьте, что папка доступна и на диске есть место",
                    "The file could not be written — check that the folder is writable and the disk has space",
                )
                .to_owned();
            error
        };
        match tokio::task::spawn_blocking(work).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(cause)) => Err(failed(&cause)),
            Err(cause) => Err(failed(&cause)),
        }
    }
}

/// «Not found» for a number that is someone else's, unknown or keeps no bytes: one answer, so a
/// caller cannot tell them apart.
pub(crate) fn not_mine(ctx: &Context) -> ApiError {
    ApiError::with_message(
        ErrorCode::NotFound,
        ctx.locale().pick("Документ не найден среди ваших документов", "No such document among yours"),
    )
}

/// «Справка о регистрации личного кабинета СРК-2026-000001.pdf».
pub(crate) fn file_name(kind: DocumentKind, number: &str) -> String {
    format!("{} {number}.pdf", kind.title())
}

/// The certificate's input from the account as it is now.
async fn certificate_input(ctx: &Context, account_id: i64) -> ApiResult<RegistrationCertificateInput> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let key = crate::sealing::account_key(ctx, &mut conn, account_id).await?;
    let row: AccountRow = crate::db::query_as(
        "SELECT a.number, a.level, a.status, a.created_at, \
           (SELECT value FROM identifiers WHERE account_id = a.id AND kind = 'phone') AS phone, \
           (SELECT value FROM identifiers WHERE account_id = a.id AND kind = 'email') AS email, \
           (SELECT value FROM identifiers WHERE account_id = a.id AND kind = 'snils') AS snils \
         FROM accounts a WHERE a.id = ?",
    )
    .bind(account_id)
    .fetch_one(&mut conn)
    .await
    .map_err(ctx.db_error())?;
    let person = crate::accounts::person(ctx, &mut conn, &key, account_id).await?;
    let identifier = |kind: &str, value: Option<String>| {
        key.open_opt("identifiers.value", kind, value.as_deref()).map_err(ctx.unreadable())
    };
    Ok(RegistrationCertificateInput {
        full_name: person.full_name(),
        birth_date: display_date(&person.birth_date),
        account_number: row.number,
        registered_at: rfc3339(row.created_at),
        level: row.level,
        status: row.status,
        phone: identifier("phone", row.phone)?.unwrap_or_default(),
        email: identifier("email", row.email)?,
        snils: identifier("snils", row.snils)?,
        purpose: None,
    })
}

/// «1990-03-05» as stored → «05.03.1990» as printed.
fn display_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>()[..] {
        [year, month, day] => format!("{day}.{month}.{year}"),
        _ => iso.to_owned(),
    }
}

/// The error of a step the operating system failed (no PDF viewer, no print service), in
/// `locale`: the cause goes to the log, the citizen gets what to do.
pub fn system_failure(locale: Locale, action: SystemAction, cause: impl std::fmt::Display) -> ApiError {
    let mut error = ApiError::internal(cause, locale);
    error.message = match action {
        SystemAction::OpenViewer => locale.pick(
            "Не удалось открыть документ: в системе не найдена программа для просмотра PDF. \
             Сохраните документ командой «Сохранить как…» и откройте его сами",
            "The document could not be opened: no PDF viewer was found. Save it with «Save as…» \
             and open it yourself",
        ),
        SystemAction::Print => locale.pick(
            "Не удалось напечатать документ. Откройте его и напечатайте из программы просмотра",
            "The document could not be printed. Open it and print from the viewer",
        ),
    }
    .to_owned();
    error
}
