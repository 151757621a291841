//! «Сведения для поддержки»: the log saved as one text file where the citizen chooses, through the
//! same native save dialog as «Сохранить как…». It needs no session and no open database, so the
//! start-up failure screen offers it too; what the file holds is the core's (`support`).

use kabinet_core::support::Support;
use kabinet_core::{ApiResult, Clock, Host};
use tauri::{State, WebviewWindow};

use crate::native;

#[tauri::command]
pub async fn support_save_logs(
    window: WebviewWindow,
    host: State<'_, Host>,
    support: State<'_, Support>,
) -> ApiResult<Option<String>> {
    let locale = host.status().locale;
    let offer = support.save_offer(locale, Clock::system().today());
    let Some(path) = native::choose_save_path(&window, offer).await else {
        return Ok(None);
    };
    support.save(&path, locale).await.map(Some)
}
