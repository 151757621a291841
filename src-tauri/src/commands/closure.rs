//! «Закрыть профиль» and restoration. Operators' decisions are not commands: they are casework.

use kabinet_core::closure::types::{
    ClosureStatus, ClosureSubmit, Prechecks, RestoreComplete, RestoreOutcome, RestoreStart,
};
use kabinet_core::contract::CodeSent;
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub async fn closure_status(host: State<'_, Host>) -> ApiResult<ClosureStatus> {
    host.kabinet()?.closure().status().await
}

#[tauri::command]
pub async fn closure_prechecks(host: State<'_, Host>) -> ApiResult<Prechecks> {
    host.kabinet()?.closure().prechecks().await
}

#[tauri::command]
pub async fn closure_send_code(host: State<'_, Host>) -> ApiResult<CodeSent> {
    host.kabinet()?.closure().send_code().await
}

#[tauri::command]
pub async fn closure_submit(host: State<'_, Host>, form: ClosureSubmit) -> ApiResult<ClosureStatus> {
    host.kabinet()?.closure().submit(form).await
}

#[tauri::command]
pub async fn closure_withdraw(host: State<'_, Host>) -> ApiResult<ClosureStatus> {
    host.kabinet()?.closure().withdraw().await
}

#[tauri::command]
pub async fn closure_restore_start(
    host: State<'_, Host>,
    request: RestoreStart,
) -> ApiResult<RestoreOutcome> {
    host.kabinet()?.closure().restore_start(request).await
}

#[tauri::command]
pub async fn closure_restore_complete(
    host: State<'_, Host>,
    request: RestoreComplete,
) -> ApiResult<RestoreOutcome> {
    host.kabinet()?.closure().restore_complete(request).await
}
