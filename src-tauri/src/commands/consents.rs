//! «Согласия».

use kabinet_core::consents::{ConsentRequest, ConsentView};
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub async fn consents_list(host: State<'_, Host>) -> ApiResult<Vec<ConsentView>> {
    host.kabinet()?.consents().list().await
}

#[tauri::command]
pub async fn consents_withdraw(
    host: State<'_, Host>,
    request: ConsentRequest,
) -> ApiResult<Vec<ConsentView>> {
    host.kabinet()?.consents().withdraw(request).await
}

#[tauri::command]
pub async fn consents_give(host: State<'_, Host>, request: ConsentRequest) -> ApiResult<Vec<ConsentView>> {
    host.kabinet()?.consents().give(request).await
}
