//! Uploaded files. A file travels as the raw body of the invoke request and its metadata as
//! headers (`kabinet_core::uploads::HEADER_*`), so a 10 MB scan is neither a JSON array of
//! numbers nor base64; the core validates the header values and the bytes. Content goes back
//! as a raw response (an `ArrayBuffer` in the webview); a PDF opens in the system viewer through
//! the same private copy and `native::open_in_viewer` as the issued documents.

use kabinet_core::uploads::types::{RawUpload, UploadId, UploadInfo};
use kabinet_core::uploads::{HEADER_KIND, HEADER_NAME, HEADER_REPLACES};
use kabinet_core::{ApiResult, Host};
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::{AppHandle, State};

use crate::native;

#[tauri::command]
pub async fn uploads_put(host: State<'_, Host>, request: Request<'_>) -> ApiResult<UploadInfo> {
    host.kabinet()?.uploads().receive(raw(&request)).await
}

#[tauri::command]
pub async fn uploads_list(host: State<'_, Host>) -> ApiResult<Vec<UploadInfo>> {
    host.kabinet()?.uploads().list().await
}

#[tauri::command]
pub async fn uploads_content(host: State<'_, Host>, request: UploadId) -> ApiResult<Response> {
    Ok(Response::new(host.kabinet()?.uploads().content(request.id).await?.bytes))
}

#[tauri::command]
pub async fn uploads_open(app: AppHandle, host: State<'_, Host>, request: UploadId) -> ApiResult<()> {
    let kabinet = host.kabinet()?;
    native::open_in_viewer(&app, &kabinet.uploads().viewer_copy(request.id).await?, &kabinet.documents())
}

#[tauri::command]
pub async fn uploads_delete(host: State<'_, Host>, request: UploadId) -> ApiResult<Vec<UploadInfo>> {
    host.kabinet()?.uploads().delete(request.id).await
}

/// The request as the core reads it: header values as sent, the body if it is raw bytes.
fn raw<'a>(request: &'a Request<'_>) -> RawUpload<'a> {
    let header = |name: &str| request.headers().get(name).and_then(|value| value.to_str().ok());
    let bytes = match request.body() {
        InvokeBody::Raw(bytes) => Some(bytes.as_slice()),
        InvokeBody::Json(_) => None,
    };
    RawUpload {
        kind: header(HEADER_KIND),
        replaces: header(HEADER_REPLACES),
        name: header(HEADER_NAME),
        bytes,
    }
}
