//! The native steps of the `shell` entries when the app is a server's client: the server's core
//! does its part and hands over the file (`kabinet_core::api::handover`), and this computer opens
//! it in the viewer, prints it or saves it — the same dialogs, the same private viewer folder, the
//! same partial-file discipline as the embedded app. One function per function of `shell.rs`,
//! under the same name, so the generated adapter picks its twin.
//!
//! A save asks the server for the dialog's words first and fetches the file only once a place is
//! chosen, so a cancelled dialog makes nothing and audits nothing on the server.

use std::io::Write;
use std::path::Path;

use kabinet_core::api::Command;
use kabinet_core::api::prelude::*;
use kabinet_core::documents::PrintJob;
use kabinet_core::export::part::PartFile;
use kabinet_core::{ApiResult, Host};
use serde_json::Value;
use tauri::ipc::Channel;
use tauri::{Manager, WebviewWindow};

use crate::native;
use crate::remote::{Download, Remote};

fn data_dir(window: &WebviewWindow) -> std::path::PathBuf {
    window.state::<Host>().data_dir().to_path_buf()
}

/// The file the server handed over for the viewer: written to the private folder here, opened.
pub async fn open_in_viewer(
    window: &WebviewWindow,
    remote: &Remote,
    command: &Command,
    args: Value,
) -> ApiResult<()> {
    let Some(download) = remote.file(command, args).await? else { return Ok(()) };
    let name = download.name.clone();
    let copy = ViewerCopy { name, bytes: download.whole().await? };
    let path = kabinet_core::documents::write_viewer_copy(&data_dir(window), copy, remote.locale()).await?;
    native::open_in_viewer(window.app_handle(), &path, remote.locale())
}

/// The file the server handed over, to the print dialog.
pub async fn print(
    window: &WebviewWindow,
    remote: &Remote,
    command: &Command,
    args: Value,
) -> ApiResult<PrintOutcome> {
    let Some(download) = remote.file(command, args).await? else { return Ok(PrintOutcome::Cancelled) };
    let title = download.name.clone();
    let job = PrintJob { number: String::new(), title, bytes: download.whole().await? };
    native::print(window, job, remote.locale(), &data_dir(window)).await
}

/// «Печать за день»: the server composes the batch (progress is not sent over the wire; the
/// dialog shows the batch as being composed until it arrives), then the print dialog here.
pub async fn print_day_batch(
    window: &WebviewWindow,
    remote: &Remote,
    command: &Command,
    args: Value,
    _progress: Channel<BatchProgress>,
) -> ApiResult<PrintOutcome> {
    print(window, remote, command, args).await
}

/// The save dialog with the server's words, then the file written where chosen, `progress` told
/// (files, bytes so far, bytes in all) as it arrives; the path, the files and the bytes.
async fn save(
    window: &WebviewWindow,
    remote: &Remote,
    command: &Command,
    args: Value,
    progress: impl FnMut(u32, u64, u64),
) -> ApiResult<Option<(String, u32, u64)>> {
    let offer = remote.offer(command, args.clone()).await?;
    let Some(path) = native::choose_save_path(window, offer).await else { return Ok(None) };
    let Some(download) = remote.file(command, args).await? else { return Ok(None) };
    let files = download.files;
    let written = write_to(&path, download, remote, progress).await?;
    Ok(Some((path.display().to_string(), files, written)))
}

/// Streams `download` into `<path>.part` (new, owner-only), then renames it into place: a file
/// that did not arrive whole leaves nothing behind.
async fn write_to(
    path: &Path,
    mut download: Download,
    remote: &Remote,
    mut progress: impl FnMut(u32, u64, u64),
) -> ApiResult<u64> {
    let locale = remote.locale();
    let failed = |cause: std::io::Error| kabinet_core::export::save_failed(locale, &cause);
    let (files, total) = (download.files, download.length.unwrap_or(0));
    let (part, mut file) = PartFile::create(path).map_err(failed)?;
    let mut written = 0u64;
    progress(files, written, total);
    while let Some(chunk) = download.chunk().await? {
        file.write_all(&chunk).map_err(failed)?;
        written += chunk.len() as u64;
        progress(files, written, total);
    }
    file.sync_all().map_err(failed)?;
    drop(file);
    part.commit(path).map_err(failed)?;
    Ok(written)
}

/// «Сохранить как…» for one of the citizen's documents.
pub async fn save_document(
    window: &WebviewWindow,
    remote: &Remote,
    command: &Command,
    args: Value,
) -> ApiResult<Option<String>> {
    Ok(save(window, remote, command, args, |_, _, _| ()).await?.map(|(path, _, _)| path))
}

/// «Сохранить как…» for a citizen's document at the staff desk.
pub async fn staff_save_document(
    window: &WebviewWindow,
    remote: &Remote,
    command: &Command,
    args: Value,
) -> ApiResult<Option<String>> {
    save_document(window, remote, command, args).await
}

/// «Сохранить как…» for the «Подтверждение закрытия» of a closed account.
pub async fn save_closed_confirmation(
    window: &WebviewWindow,
    remote: &Remote,
    command: &Command,
    args: Value,
) -> ApiResult<Option<String>> {
    save_document(window, remote, command, args).await
}

/// «Печать за день» saved where the staff member chooses.
pub async fn save_day_batch(
    window: &WebviewWindow,
    remote: &Remote,
    command: &Command,
    args: Value,
    _progress: Channel<BatchProgress>,
) -> ApiResult<Option<String>> {
    save_document(window, remote, command, args).await
}

/// An export saved where the citizen chooses.
pub async fn save_export(
    window: &WebviewWindow,
    remote: &Remote,
    command: &Command,
    args: Value,
) -> ApiResult<Option<ExportDone>> {
    let saved = save(window, remote, command, args, |_, _, _| ()).await?;
    Ok(saved.map(|(path, files, bytes)| ExportDone { path, files, bytes }))
}

/// «Скачать все документы»: the server writes the ZIP, then it arrives here with its progress in
/// bytes (the file count is known once it is written).
pub async fn save_export_with_progress(
    window: &WebviewWindow,
    remote: &Remote,
    command: &Command,
    args: Value,
    progress: Channel<ExportProgress>,
) -> ApiResult<Option<ExportDone>> {
    let report = |total, bytes_done, bytes_total| {
        drop(progress.send(ExportProgress { done: 0, total, bytes_done, bytes_total }));
    };
    let saved = save(window, remote, command, args, report).await?;
    let Some((path, files, bytes)) = saved else { return Ok(None) };
    drop(progress.send(ExportProgress { done: files, total: files, bytes_done: bytes, bytes_total: bytes }));
    Ok(Some(ExportDone { path, files, bytes }))
}
