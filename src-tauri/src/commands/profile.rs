//! «Мой профиль».

use kabinet_core::contract::{
    CodeSent, ContactChangeConfirm, ContactChangeRequest, PageRequest, Profile, ProfileHistoryPage,
    ProfileUpdate,
};
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub async fn profile_get(host: State<'_, Host>) -> ApiResult<Profile> {
    host.kabinet()?.profile().get().await
}

#[tauri::command]
pub async fn profile_send_save_code(host: State<'_, Host>) -> ApiResult<CodeSent> {
    host.kabinet()?.profile().send_save_code().await
}

#[tauri::command]
pub async fn profile_save(host: State<'_, Host>, update: ProfileUpdate) -> ApiResult<Profile> {
    host.kabinet()?.profile().save(update).await
}

#[tauri::command]
pub async fn profile_change_contact_start(
    host: State<'_, Host>,
    request: ContactChangeRequest,
) -> ApiResult<CodeSent> {
    host.kabinet()?.profile().change_contact_start(request).await
}

#[tauri::command]
pub async fn profile_change_contact_confirm(
    host: State<'_, Host>,
    request: ContactChangeConfirm,
) -> ApiResult<Profile> {
    host.kabinet()?.profile().change_contact_confirm(request).await
}

#[tauri::command]
pub async fn profile_history(host: State<'_, Host>, request: PageRequest) -> ApiResult<ProfileHistoryPage> {
    host.kabinet()?.profile().history(request.page).await
}
