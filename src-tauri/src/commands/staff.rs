//! Staff mode: sign-in with password and TOTP, and the supervisor's «Администрирование» →
//! «Транспорты доставки». The core checks the staff session and the role on every call and
//! records it in the audit log; secrets go to the keyring and never come back.

use kabinet_core::notifications::types::{
    TransportSettingsView, TransportTestRequest, TransportTestResult, TransportUpdate,
};
use kabinet_core::staff::types::{StaffSignInRequest, StaffView};
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub async fn staff_sign_in(host: State<'_, Host>, request: StaffSignInRequest) -> ApiResult<StaffView> {
    host.kabinet()?.staff().sign_in(request).await
}

#[tauri::command]
pub async fn staff_current(host: State<'_, Host>) -> ApiResult<Option<StaffView>> {
    host.kabinet()?.staff().current().await
}

#[tauri::command]
pub async fn staff_sign_out(host: State<'_, Host>) -> ApiResult<()> {
    host.kabinet()?.staff().sign_out().await
}

#[tauri::command]
pub async fn staff_transports(host: State<'_, Host>) -> ApiResult<TransportSettingsView> {
    host.kabinet()?.staff().transports().await
}

#[tauri::command]
pub async fn staff_save_transports(
    host: State<'_, Host>,
    update: TransportUpdate,
) -> ApiResult<TransportSettingsView> {
    host.kabinet()?.staff().save_transports(update).await
}

#[tauri::command]
pub async fn staff_send_test(
    host: State<'_, Host>,
    request: TransportTestRequest,
) -> ApiResult<TransportTestResult> {
    host.kabinet()?.staff().send_test(request).await
}
