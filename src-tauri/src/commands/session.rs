//! Sign-in and the current session.

use kabinet_core::contract::{
    EndSessionRequest, JournalRequest, SecondFactorRequest, SessionInfo, SessionView, SignInOutcome,
    SignInRequest,
};
use kabinet_core::journal::JournalPage;
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub async fn session_sign_in(host: State<'_, Host>, request: SignInRequest) -> ApiResult<SignInOutcome> {
    host.kabinet()?.session().sign_in(request).await
}

#[tauri::command]
pub async fn session_current(host: State<'_, Host>) -> ApiResult<Option<SessionView>> {
    host.kabinet()?.session().current().await
}

#[tauri::command]
pub async fn session_sign_out(host: State<'_, Host>) -> ApiResult<()> {
    host.kabinet()?.session().sign_out().await
}

#[tauri::command]
pub async fn session_second_factor(
    host: State<'_, Host>,
    request: SecondFactorRequest,
) -> ApiResult<SessionView> {
    host.kabinet()?.session().second_factor(request).await
}

#[tauri::command]
pub async fn session_list(host: State<'_, Host>) -> ApiResult<Vec<SessionInfo>> {
    host.kabinet()?.session().list().await
}

#[tauri::command]
pub async fn session_end(host: State<'_, Host>, request: EndSessionRequest) -> ApiResult<()> {
    host.kabinet()?.session().end(request.id).await
}

#[tauri::command]
pub async fn session_end_others(host: State<'_, Host>) -> ApiResult<()> {
    host.kabinet()?.session().end_others().await
}

#[tauri::command]
pub async fn session_journal(host: State<'_, Host>, request: JournalRequest) -> ApiResult<JournalPage> {
    host.kabinet()?.session().journal(request.page).await
}
