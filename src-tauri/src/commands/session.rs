//! Sign-in and the current session.

use kabinet_core::contract::{SessionView, SignInRequest};
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub async fn session_sign_in(host: State<'_, Host>, request: SignInRequest) -> ApiResult<SessionView> {
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
