//! «Задолженности». The receipt travels as the raw body of «Оплачено» with the debt and the file
//! name in headers (`kabinet_core::debts::HEADER_*`); the core judges both.

use kabinet_core::applications::types::{Debt, DebtList};
use kabinet_core::debts::{HEADER_DEBT, HEADER_RECEIPT_NAME, RawClaim};
use kabinet_core::{ApiResult, Host};
use tauri::State;
use tauri::ipc::Request;

use crate::native::raw_body;

#[tauri::command]
pub async fn debts_list(host: State<'_, Host>) -> ApiResult<DebtList> {
    host.kabinet()?.debts().list().await
}

#[tauri::command]
pub async fn debts_claim_paid(host: State<'_, Host>, request: Request<'_>) -> ApiResult<Debt> {
    let header = |name: &str| request.headers().get(name).and_then(|value| value.to_str().ok());
    let raw = RawClaim {
        debt: header(HEADER_DEBT),
        name: header(HEADER_RECEIPT_NAME),
        bytes: Some(raw_body(&request)),
    };
    host.kabinet()?.debts().claim_paid_raw(raw).await
}
