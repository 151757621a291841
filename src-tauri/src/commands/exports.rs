//! «Скачать все документы», «Сохранить историю обращений», «Выгрузить мои данные». The place
//! to save is asked with the system's save dialog from Rust (`native`); the core writes the file
//! and reports the ZIP's progress through a channel. `None`: the citizen closed the dialog.

use kabinet_core::export::ExportFile;
use kabinet_core::export::types::{DataExportRequest, ExportDone, ExportProgress};
use kabinet_core::{ApiResult, Host};
use tauri::ipc::Channel;
use tauri::{State, WebviewWindow};

use crate::native::choose_save_path;

#[tauri::command]
pub async fn exports_documents_zip(
    window: WebviewWindow,
    host: State<'_, Host>,
    progress: Channel<ExportProgress>,
) -> ApiResult<Option<ExportDone>> {
    let exports = host.kabinet()?.exports();
    let Some(path) = choose_save_path(&window, exports.save_offer(ExportFile::DocumentsZip).await?).await
    else {
        return Ok(None);
    };
    exports.documents_zip(&path, |step| drop(progress.send(step))).await.map(Some)
}

#[tauri::command]
pub async fn exports_cancel(host: State<'_, Host>) -> ApiResult<()> {
    host.kabinet()?.exports().cancel();
    Ok(())
}

#[tauri::command]
pub async fn exports_history_pdf(
    window: WebviewWindow,
    host: State<'_, Host>,
) -> ApiResult<Option<ExportDone>> {
    let exports = host.kabinet()?.exports();
    let Some(path) = choose_save_path(&window, exports.save_offer(ExportFile::HistoryPdf).await?).await
    else {
        return Ok(None);
    };
    exports.history_pdf(&path).await.map(Some)
}

#[tauri::command]
pub async fn exports_personal_data(
    window: WebviewWindow,
    host: State<'_, Host>,
    request: DataExportRequest,
) -> ApiResult<Option<ExportDone>> {
    let exports = host.kabinet()?.exports();
    let offer = exports.save_offer(ExportFile::Data(request.format)).await?;
    let Some(path) = choose_save_path(&window, offer).await else {
        return Ok(None);
    };
    exports.personal_data(request.format, &path).await.map(Some)
}
