//! All a citizen can take away: «Скачать все документы» (one ZIP with a manifest, streamed to
//! disk with progress and cancel), «Сохранить историю обращений» (PDF) and «Выгрузить мои
//! данные» (JSON, XML, and the «Выписка персональных данных» PDF).
//!
//! Rules: every export needs the password entered within the last 10 minutes (it carries all of
//! the citizen's data off the machine's protection); one ZIP export runs at a time per app; a
//! file appears under the chosen name only once complete (written as `<name>.part`, owner-only,
//! synced, then renamed), and an export that does not finish — error, cancel, panic, its future
//! dropped, the app exiting — removes its partial file (see `part`). The PDFs are
//! issued like any document — numbered, registered, kept in «Мои документы» — and a copy is saved
//! where the citizen chose.

mod data;
mod gather;
mod history;
pub mod part;
pub mod types;
mod xml;
mod zip;
mod zip_export;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::Kabinet;
use crate::auth::Authed;
use crate::context::{Context, rfc3339};
use crate::documents::SaveOffer;
use crate::error::{ApiError, ApiResult, ErrorCode};

pub use data::{FORMAT_VERSION, PersonalData, json_schema};
pub(crate) use gather::code as gather_code;
pub use part::remove_unfinished;
use types::{DataFormat, ExportDone, ExportProgress};
pub use xml::document as xml_document;

/// The ZIP exports running, one per account at most, each with its cancel flag: a caller's
/// «Отменить» stops its own account's export and nobody else's.
#[derive(Default)]
pub struct ExportJobs {
    running: std::sync::Mutex<std::collections::HashMap<i64, Arc<AtomicBool>>>,
}

/// A save dialog for one of the exports: which file, and what the dialog shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOffer {
    /// The export.
    pub file: ExportFile,
    /// The dialog's words.
    pub offer: SaveOffer,
}

/// Exports of the signed-in citizen.
pub struct Exports<'a> {
    pub(crate) kabinet: &'a Kabinet,
    pub(crate) ctx: &'a Context,
    pub(crate) jobs: &'a ExportJobs,
}

/// Which file a save dialog should suggest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFile {
    /// «Скачать все документы».
    DocumentsZip,
    /// «Сохранить историю обращений».
    HistoryPdf,
    /// «Выгрузить мои данные» in a form.
    Data(DataFormat),
}

impl Exports<'_> {
    /// What the save dialog offers for `file`; asks for the password first when it is due, so
    /// the citizen is not sent through the dialog only to be refused after it.
    pub async fn save_offer(&self, me: &Authed, file: ExportFile) -> ApiResult<ExportOffer> {
        let account = self.account(me).await?.number;
        let locale = self.ctx.locale();
        let (name, extension, filter) = match file {
            ExportFile::DocumentsZip => (
                locale.pick("Кабинет — документы", "Kabinet — documents"),
                "zip",
                locale.pick("Архив ZIP", "ZIP archive"),
            ),
            ExportFile::HistoryPdf => (
                locale.pick("История обращений", "Request history"),
                "pdf",
                locale.pick("Документ PDF", "PDF document"),
            ),
            ExportFile::Data(DataFormat::Json) => {
                (locale.pick("Кабинет — мои данные", "Kabinet — my data"), "json", "JSON")
            }
            ExportFile::Data(DataFormat::Xml) => {
                (locale.pick("Кабинет — мои данные", "Kabinet — my data"), "xml", "XML")
            }
            ExportFile::Data(DataFormat::Pdf) => (
                locale.pick("Выписка персональных данных", "Personal data extract"),
                "pdf",
                locale.pick("Документ PDF", "PDF document"),
            ),
        };
        let offer = SaveOffer {
            file_name: format!("{name} {account}.{extension}"),
            dialog_title: locale.pick("Сохранить как…", "Save as…").to_owned(),
            filter_name: filter.to_owned(),
            extension: extension.to_owned(),
        };
        Ok(ExportOffer { file, offer })
    }

    /// The save dialog of «Скачать все документы».
    pub async fn offer_documents_zip(&self, me: &Authed) -> ApiResult<ExportOffer> {
        self.save_offer(me, ExportFile::DocumentsZip).await
    }

    /// The save dialog of «Сохранить историю обращений».
    pub async fn offer_history_pdf(&self, me: &Authed) -> ApiResult<ExportOffer> {
        self.save_offer(me, ExportFile::HistoryPdf).await
    }

    /// The save dialog of «Выгрузить мои данные» in the format asked.
    pub async fn offer_personal_data(
        &self,
        me: &Authed,
        request: types::DataExportRequest,
    ) -> ApiResult<ExportOffer> {
        self.save_offer(me, ExportFile::Data(request.format)).await
    }

    /// «Скачать все документы» to `destination`, reporting progress after every file.
    pub async fn documents_zip(
        &self,
        me: &Authed,
        destination: &Path,
        progress: impl FnMut(ExportProgress),
    ) -> ApiResult<ExportDone> {
        let authed = me;
        let claim = self.claim_job(authed.account_id)?;
        zip_export::run(self, authed, destination, &claim.cancel, progress).await
    }

    /// «Отменить» of the citizen's running ZIP export; nothing happens when none runs.
    pub async fn cancel(&self, me: &Authed) -> ApiResult<()> {
        if let Some(flag) = self.jobs.running.lock().ok().and_then(|held| held.get(&me.account_id).cloned()) {
            flag.store(true, Ordering::Relaxed);
        }
        Ok(())
    }

    /// «Сохранить историю обращений»: the PDF issued, registered and saved to `destination`.
    pub async fn history_pdf(&self, me: &Authed, destination: &Path) -> ApiResult<ExportDone> {
        let authed = me;
        let input = history::input(self.kabinet, me, self.account(me).await?).await?;
        let issued = self.kabinet.documents().issue(input, Some(authed.account_id)).await?;
        save(self.ctx, destination, issued.bytes, 1).await
    }

    /// «Выгрузить мои данные» in `format`, saved to `destination`.
    pub async fn personal_data(
        &self,
        me: &Authed,
        format: DataFormat,
        destination: &Path,
    ) -> ApiResult<ExportDone> {
        let authed = me;
        let bytes = match format {
            DataFormat::Json => {
                let data = self.gather(me).await?;
                let mut text =
                    serde_json::to_vec_pretty(&data).map_err(|e| ApiError::internal(e, self.ctx.locale()))?;
                text.push(b'\n');
                text
            }
            DataFormat::Xml => {
                let value = serde_json::to_value(self.gather(me).await?)
                    .map_err(|e| ApiError::internal(e, self.ctx.locale()))?;
                xml::document(&value).into_bytes()
            }
            DataFormat::Pdf => {
                let input = history::extract(self.kabinet, me, self.account(me).await?).await?;
                self.kabinet.documents().issue(input, Some(authed.account_id)).await?.bytes
            }
        };
        save(self.ctx, destination, bytes, 1).await
    }

    /// Everything the account holds, as the JSON and XML exports carry it.
    pub async fn gather(&self, me: &Authed) -> ApiResult<PersonalData> {
        let account = self.account(me).await?;
        gather::personal_data(self.kabinet, me, account, rfc3339(self.ctx.now())).await
    }

    async fn account(&self, me: &Authed) -> ApiResult<data::AccountPart> {
        let authed = me;
        let (number, status, level, created_at): (String, String, String, i64) =
            crate::db::query_as("SELECT number, status, level, created_at FROM accounts WHERE id = ?")
                .bind(authed.account_id)
                .fetch_one(&self.ctx.pool)
                .await
                .map_err(self.ctx.db_error())?;
        Ok(data::AccountPart { number, status, level, registered_at: rfc3339(created_at) })
    }

    fn claim_job(&self, account_id: i64) -> ApiResult<JobClaim<'_>> {
        let mut held = self.jobs.running.lock().map_err(|e| ApiError::internal(e, self.ctx.locale()))?;
        if held.contains_key(&account_id) {
            return Err(ApiError::with_message(
                ErrorCode::WrongState,
                self.ctx.locale().pick(
                    "Архив документов уже готовится — дождитесь окончания или отмените",
                    "An archive is already being made — wait for it or cancel it",
                ),
            ));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        held.insert(account_id, cancel.clone());
        Ok(JobClaim { jobs: self.jobs, account_id, cancel })
    }
}

/// The running ZIP export's place, given up however the export ends (its future dropped too).
struct JobClaim<'a> {
    jobs: &'a ExportJobs,
    account_id: i64,
    cancel: Arc<AtomicBool>,
}

impl Drop for JobClaim<'_> {
    fn drop(&mut self) {
        if let Ok(mut held) = self.jobs.running.lock() {
            held.remove(&self.account_id);
        }
    }
}

/// Writes `bytes` to `<destination>.part`, then renames it into place (see `part`).
async fn save(ctx: &Context, destination: &Path, bytes: Vec<u8>, files: u32) -> ApiResult<ExportDone> {
    match part::save_whole(destination, bytes).await {
        Ok(size) => Ok(ExportDone { path: destination.display().to_string(), files, bytes: size }),
        Err(error) => Err(disk_error(ctx, &error)),
    }
}

fn disk_error(ctx: &Context, error: &std::io::Error) -> ApiError {
    save_failed(ctx.locale(), error)
}

/// «Не удалось сохранить файл» with the kind of the disk's failure (never its path).
pub fn save_failed(locale: crate::i18n::Locale, error: &std::io::Error) -> ApiError {
    let text = ErrorCode::SaveFailed.message(locale);
    ApiError::with_message(ErrorCode::SaveFailed, format!("{text} ({})", error.kind()))
}
