//! «Мои заявления». Operators' moves are not commands: they are casework, never a citizen's.

use kabinet_core::applications::types::{
    ApplicationDetail, ApplicationRequest, ApplicationSummary, CancelApplication, ServiceForm,
    ServiceRequest, ServiceSummary, SubmitApplication,
};
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub async fn applications_catalogue(host: State<'_, Host>) -> ApiResult<Vec<ServiceSummary>> {
    Ok(host.kabinet()?.applications().catalogue())
}

#[tauri::command]
pub async fn applications_form(host: State<'_, Host>, request: ServiceRequest) -> ApiResult<ServiceForm> {
    host.kabinet()?.applications().form(request).await
}

#[tauri::command]
pub async fn applications_submit(
    host: State<'_, Host>,
    request: SubmitApplication,
) -> ApiResult<ApplicationDetail> {
    host.kabinet()?.applications().submit(request).await
}

#[tauri::command]
pub async fn applications_list(host: State<'_, Host>) -> ApiResult<Vec<ApplicationSummary>> {
    host.kabinet()?.applications().list().await
}

#[tauri::command]
pub async fn applications_get(
    host: State<'_, Host>,
    request: ApplicationRequest,
) -> ApiResult<ApplicationDetail> {
    host.kabinet()?.applications().get(request).await
}

#[tauri::command]
pub async fn applications_cancel(
    host: State<'_, Host>,
    request: CancelApplication,
) -> ApiResult<ApplicationDetail> {
    host.kabinet()?.applications().cancel(request).await
}
