//! The native side of «Документы»: the system viewer, the «Сохранить как…» dialog and the print
//! dialog, all driven from Rust so the webview needs no opener, dialog or file-system
//! permission. This is glue only: which document, whose it is, where its private copy lives and
//! every word shown come from `kabinet-core`.
//!
//! Printing: on Linux, GTK's own print dialog (`gtk_print.rs`) sends the issued PDF's pages to the
//! chosen printer. Elsewhere the document opens in the system viewer, whose print command is
//! the platform's print dialog (see `docs/rules.md`, «Documents in the app»).

#[cfg(target_os = "linux")]
mod gtk_print;

use std::path::{Path, PathBuf};

use kabinet_core::documents::{PrintJob, PrintOutcome, SaveOffer, SystemAction, system_failure};
use kabinet_core::{ApiResult, Locale};
use tauri::{AppHandle, Runtime, WebviewWindow};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// Opens `path` in the program the system uses for PDF files.
pub fn open_in_viewer<R: Runtime>(app: &AppHandle<R>, path: &Path, locale: Locale) -> ApiResult<()> {
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|cause| system_failure(locale, SystemAction::OpenViewer, cause))
}

/// Asks where to save with the system's save dialog; `None` when the citizen cancels.
pub async fn choose_save_path<R: Runtime>(window: &WebviewWindow<R>, offer: SaveOffer) -> Option<PathBuf> {
    if let Some(scripted) = kabinet_core::e2e::scripted_save_path(&offer.file_name) {
        return Some(scripted);
    }
    let (tx, mut rx) = tauri::async_runtime::channel(1);
    window
        .dialog()
        .file()
        .set_parent(window)
        .set_title(offer.dialog_title)
        .set_file_name(offer.file_name)
        .add_filter(offer.filter_name, &[offer.extension.as_str()])
        .save_file(move |chosen| {
            let _ = tx.try_send(chosen);
        });
    rx.recv().await.flatten().and_then(|chosen| chosen.into_path().ok())
}

/// Prints one of the citizen's documents through GTK's print dialog.
#[cfg(target_os = "linux")]
pub async fn print<R: Runtime>(
    window: &WebviewWindow<R>,
    job: PrintJob,
    locale: Locale,
    _data_dir: &Path,
) -> ApiResult<PrintOutcome> {
    if let Some(path) = kabinet_core::e2e::scripted_print_path(&job.title) {
        std::fs::write(&path, &job.bytes)
            .map_err(|cause| system_failure(locale, SystemAction::Print, cause))?;
        return Ok(PrintOutcome::Sent);
    }
    let PrintJob { title: job, bytes, .. } = job;
    let (tx, mut rx) = tauri::async_runtime::channel(1);
    window
        .with_webview(move |webview| {
            gtk_print::run(&webview.inner(), bytes, &job, move |outcome| {
                let _ = tx.try_send(outcome);
            })
        })
        .map_err(|cause| system_failure(locale, SystemAction::Print, cause))?;
    match rx.recv().await {
        Some(Ok(true)) => Ok(PrintOutcome::Sent),
        Some(Ok(false)) => Ok(PrintOutcome::Cancelled),
        Some(Err(cause)) => Err(system_failure(locale, SystemAction::Print, cause)),
        None => Err(system_failure(locale, SystemAction::Print, "the print dialog went away")),
    }
}

/// Opens the document in the system viewer, whose print command shows the system print dialog.
#[cfg(not(target_os = "linux"))]
pub async fn print<R: Runtime>(
    window: &WebviewWindow<R>,
    job: PrintJob,
    locale: Locale,
    data_dir: &Path,
) -> ApiResult<PrintOutcome> {
    let copy = kabinet_core::documents::ViewerCopy { name: job.title, bytes: job.bytes };
    let path = kabinet_core::documents::write_viewer_copy(data_dir, copy, locale).await?;
    open_in_viewer(window.app_handle(), &path, locale)?;
    Ok(PrintOutcome::OpenedInViewer)
}
