//! «Безопасность».

use kabinet_core::contract::{
    BackupCodes, DisableSecondFactorRequest, FactorCodeRequest, PasswordChangeRequest, ReauthRequest,
    RecoveryReadiness, SecuritySettings, TotpConfirmRequest, TotpSetup,
};
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub async fn security_change_password(
    host: State<'_, Host>,
    request: PasswordChangeRequest,
) -> ApiResult<()> {
    host.kabinet()?.security().change_password(request).await
}

#[tauri::command]
pub async fn security_reauthenticate(host: State<'_, Host>, request: ReauthRequest) -> ApiResult<()> {
    host.kabinet()?.security().reauthenticate(request).await
}

#[tauri::command]
pub async fn security_totp_begin(host: State<'_, Host>) -> ApiResult<TotpSetup> {
    host.kabinet()?.security().totp_begin().await
}

#[tauri::command]
pub async fn security_totp_enable(
    host: State<'_, Host>,
    request: TotpConfirmRequest,
) -> ApiResult<BackupCodes> {
    host.kabinet()?.security().totp_enable(request).await
}

#[tauri::command]
pub async fn security_sms_enable(
    host: State<'_, Host>,
    request: FactorCodeRequest,
) -> ApiResult<BackupCodes> {
    host.kabinet()?.security().sms_enable(request).await
}

#[tauri::command]
pub async fn security_disable_second_factor(
    host: State<'_, Host>,
    request: DisableSecondFactorRequest,
) -> ApiResult<()> {
    host.kabinet()?.security().disable_second_factor(request).await
}

#[tauri::command]
pub async fn security_renew_backup_codes(
    host: State<'_, Host>,
    request: FactorCodeRequest,
) -> ApiResult<BackupCodes> {
    host.kabinet()?.security().renew_backup_codes(request).await
}

#[tauri::command]
pub async fn security_readiness(host: State<'_, Host>) -> ApiResult<RecoveryReadiness> {
    host.kabinet()?.security().readiness().await
}

#[tauri::command]
pub async fn security_not_me(host: State<'_, Host>) -> ApiResult<()> {
    host.kabinet()?.security().not_me().await
}

#[tauri::command]
pub async fn security_settings(host: State<'_, Host>) -> ApiResult<SecuritySettings> {
    host.kabinet()?.security().settings().await
}

#[tauri::command]
pub async fn security_set_settings(
    host: State<'_, Host>,
    settings: SecuritySettings,
) -> ApiResult<SecuritySettings> {
    host.kabinet()?.security().set_settings(settings).await
}
