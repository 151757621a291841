//! «Уведомления»: the citizen's settings, inbox and message history. Publishing and transport
//! settings are not exposed to the webview.

use kabinet_core::notifications::types::{
    DesktopToast, HistoryQuery, InboxItem, InboxPage, InboxQuery, MarkReadRequest, MessageHistoryPage,
    MessageRequest, NotificationSettings, NotificationSettingsView, UnreadCount,
};
use kabinet_core::{ApiResult, Host};
use tauri::State;

#[tauri::command]
pub async fn notifications_settings(host: State<'_, Host>) -> ApiResult<NotificationSettingsView> {
    host.kabinet()?.notifications().settings().await
}

#[tauri::command]
pub async fn notifications_save_settings(
    host: State<'_, Host>,
    settings: NotificationSettings,
) -> ApiResult<NotificationSettingsView> {
    host.kabinet()?.notifications().save_settings(settings).await
}

#[tauri::command]
pub async fn notifications_undo_settings(host: State<'_, Host>) -> ApiResult<NotificationSettingsView> {
    host.kabinet()?.notifications().undo_settings().await
}

#[tauri::command]
pub async fn notifications_unread_count(host: State<'_, Host>) -> ApiResult<UnreadCount> {
    host.kabinet()?.notifications().unread_count().await
}

#[tauri::command]
pub async fn notifications_inbox(host: State<'_, Host>, query: InboxQuery) -> ApiResult<InboxPage> {
    host.kabinet()?.notifications().inbox(query).await
}

#[tauri::command]
pub async fn notifications_open(host: State<'_, Host>, request: MessageRequest) -> ApiResult<InboxItem> {
    host.kabinet()?.notifications().open(request.id).await
}

#[tauri::command]
pub async fn notifications_mark_read(
    host: State<'_, Host>,
    request: MarkReadRequest,
) -> ApiResult<UnreadCount> {
    host.kabinet()?.notifications().mark_read(request).await
}

#[tauri::command]
pub async fn notifications_mark_all_read(host: State<'_, Host>) -> ApiResult<UnreadCount> {
    host.kabinet()?.notifications().mark_all_read().await
}

#[tauri::command]
pub async fn notifications_delete(host: State<'_, Host>, request: MessageRequest) -> ApiResult<UnreadCount> {
    host.kabinet()?.notifications().delete(request.id).await
}

#[tauri::command]
pub async fn notifications_restore(host: State<'_, Host>, request: MessageRequest) -> ApiResult<UnreadCount> {
    host.kabinet()?.notifications().restore(request.id).await
}

#[tauri::command]
pub async fn notifications_history(
    host: State<'_, Host>,
    query: HistoryQuery,
) -> ApiResult<MessageHistoryPage> {
    host.kabinet()?.notifications().history(query).await
}

#[tauri::command]
pub async fn notifications_take_desktop(host: State<'_, Host>) -> ApiResult<Vec<DesktopToast>> {
    host.kabinet()?.notifications().take_desktop().await
}
