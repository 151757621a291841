//! «Забыли пароль?».

use kabinet_core::contract::{
    RecoveryCompleteRequest, RecoverySent, RecoveryStartRequest, RecoveryTicket, RecoveryVerifyRequest,
};
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub async fn recovery_start(host: State<'_, Host>, request: RecoveryStartRequest) -> ApiResult<RecoverySent> {
    host.kabinet()?.recovery().start(request).await
}

#[tauri::command]
pub async fn recovery_verify(
    host: State<'_, Host>,
    request: RecoveryVerifyRequest,
) -> ApiResult<RecoveryTicket> {
    host.kabinet()?.recovery().verify(request).await
}

#[tauri::command]
pub async fn recovery_complete(host: State<'_, Host>, request: RecoveryCompleteRequest) -> ApiResult<()> {
    host.kabinet()?.recovery().complete(request).await
}
