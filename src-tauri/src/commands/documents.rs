//! «Документы»: the citizen's documents, the system viewer, «Сохранить как…», printing and the
//! check of a file. Where a native dialog is involved the adapter calls `native`, which only
//! drives the dialog; the rest is the core's.

use kabinet_core::documents::{MyDocument, PrintOutcome, Verification};
use kabinet_core::{ApiResult, Host};
use tauri::ipc::Request;
use tauri::{AppHandle, State, WebviewWindow};

use crate::native;

#[tauri::command]
pub async fn documents_mine(host: State<'_, Host>) -> ApiResult<Vec<MyDocument>> {
    host.kabinet()?.documents().mine().await
}

#[tauri::command]
pub async fn documents_issue_registration_certificate(host: State<'_, Host>) -> ApiResult<MyDocument> {
    host.kabinet()?.documents().registration_certificate().await
}

/// The file's bytes arrive as a raw invoke body, not as a JSON array of numbers.
#[tauri::command]
pub async fn documents_verify_file(host: State<'_, Host>, request: Request<'_>) -> ApiResult<Verification> {
    host.kabinet()?.documents().verify_file(native::raw_body(&request)).await
}

#[tauri::command]
pub async fn documents_open(app: AppHandle, host: State<'_, Host>, number: String) -> ApiResult<()> {
    let documents = host.kabinet()?.documents();
    native::open_in_viewer(&app, &documents.viewer_copy(&number).await?, &documents)
}

#[tauri::command]
pub async fn documents_save_as(
    window: WebviewWindow,
    host: State<'_, Host>,
    number: String,
) -> ApiResult<Option<String>> {
    let documents = host.kabinet()?.documents();
    let Some(path) = native::choose_save_path(&window, documents.save_offer(&number).await?).await else {
        return Ok(None);
    };
    documents.save_copy(&number, &path).await.map(Some)
}

#[tauri::command]
pub async fn documents_print(
    window: WebviewWindow,
    host: State<'_, Host>,
    number: String,
) -> ApiResult<PrintOutcome> {
    native::print(&window, &host.kabinet()?.documents(), &number).await
}
