//! Commands, one module per domain, mirroring the core's facade and the UI's folders.

mod app;
mod registration;
mod session;

/// The invoke handler with every command of the app.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_status,
        app::set_locale,
        registration::registration_agreements,
        registration::registration_send_code,
        registration::registration_verify_code,
        registration::registration_check,
        registration::registration_complete,
        session::session_sign_in,
        session::session_current,
        session::session_sign_out,
    ]
}
