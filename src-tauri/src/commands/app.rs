//! Start-up status and preferences.

use kabinet_core::contract::AppStatus;
use kabinet_core::{ApiResult, Host, Locale};
use tauri::State;

#[tauri::command]
pub fn app_status(host: State<'_, Host>) -> AppStatus {
    host.status()
}

#[tauri::command]
pub fn set_locale(host: State<'_, Host>, locale: Locale) -> ApiResult<()> {
    host.kabinet().map(|kabinet| kabinet.set_locale(locale))
}
