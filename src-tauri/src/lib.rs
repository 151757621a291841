//! The Tauri shell of Кабинет. It opens the core once at start (keeping a failure as data so the
//! UI can show its screen), registers plugins, and exposes the core's facade as commands: one
//! line each, no logic. Everything the app decides is decided in `kabinet-core`.

mod commands;
mod native;

use kabinet_core::{Config, Host};
use tauri::Manager;

/// Builds and runs the app.
pub fn run() {
    let host = tauri::async_runtime::block_on(Host::start(Config::from_env()));
    let outcome = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| focus_main(app)))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(host)
        .setup(|app| {
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move { handle.state::<Host>().run_jobs().await });
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!());
    match outcome {
        // Leaving, the app removes the viewer copies and any unfinished export file.
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<Host>().exit();
            }
        }),
        Err(error) => {
            eprintln!("kabinet: {error}");
            std::process::exit(1);
        }
    }
}

fn focus_main(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
