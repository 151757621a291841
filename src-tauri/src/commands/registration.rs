//! «Регистрация».

use kabinet_core::contract::{
    Agreements, CodeSent, PhoneConfirmed, Registered, RegistrationDraft, SendCodeRequest, VerifyCodeRequest,
};
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub fn registration_agreements(host: State<'_, Host>) -> ApiResult<Agreements> {
    Ok(host.kabinet()?.registration().agreements())
}

#[tauri::command]
pub async fn registration_send_code(host: State<'_, Host>, request: SendCodeRequest) -> ApiResult<CodeSent> {
    host.kabinet()?.registration().send_code(request).await
}

#[tauri::command]
pub async fn registration_verify_code(
    host: State<'_, Host>,
    request: VerifyCodeRequest,
) -> ApiResult<PhoneConfirmed> {
    host.kabinet()?.registration().verify_code(request).await
}

#[tauri::command]
pub async fn registration_check(host: State<'_, Host>, draft: RegistrationDraft) -> ApiResult<()> {
    host.kabinet()?.registration().check(draft).await
}

#[tauri::command]
pub async fn registration_complete(host: State<'_, Host>, draft: RegistrationDraft) -> ApiResult<Registered> {
    host.kabinet()?.registration().complete(draft).await
}
