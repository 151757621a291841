//! The Tauri shell of Кабинет. It opens the core once at start (keeping a failure as data so the
//! UI can show its screen), registers plugins, and exposes the core's command table as commands
//! (generated, `commands.rs`) for the window's one [`kabinet_core::Caller`]. Everything the app
//! decides is decided in `kabinet-core`.

mod commands;
mod native;
mod remote;
mod remote_shell;
mod shell;

use std::path::Path;

use kabinet_core::support::{self, LogFile, Support};
use kabinet_core::{Config, Host};
use tauri::Manager;

/// Builds and runs the app.
pub fn run() {
    let config = Config::from_env();
    install_log(&config.data_dir);
    tracing::info!(version = env!("CARGO_PKG_VERSION"), os = std::env::consts::OS, "started");
    // With a server chosen (on screen, or pinned by `KABINET_SERVER_URL`) the data is the
    // server's and nothing is opened here.
    let choice = kabinet_core::connection::current(&config.data_dir);
    // A server pinned at launch obeys the panel's rules (https, or http to this computer only;
    // a readable CA): a wrong one stops the start with the reason.
    if choice.from_environment
        && let Err(refused) = kabinet_core::connection::check(&choice.setting, config.locale)
    {
        let reasons: Vec<&str> = refused.fields.iter().map(|field| field.message.as_str()).collect();
        tracing::error!(reasons = %reasons.join("; "), "the server setting is not usable");
        eprintln!("kabinet: KABINET_SERVER_URL / KABINET_SERVER_CA: {}", reasons.join("; "));
        std::process::exit(2);
    }
    let connection = match remote::Connection::open(&choice.setting, &config.data_dir, config.locale) {
        Ok(connection) => connection,
        Err(problem) if choice.from_environment => {
            tracing::error!(%problem, "the server setting is not usable");
            eprintln!("kabinet: {problem}");
            std::process::exit(2);
        }
        Err(problem) => {
            // The panel checked it when it was chosen; a CA file gone since: start here, where
            // the choice can be made again.
            tracing::error!(%problem, "the chosen server is not usable; starting on this computer");
            remote::Connection::Local
        }
    };
    let host = match connection.remote() {
        Some(remote) => {
            tracing::info!(server = %remote.base(), "remote mode");
            Host::elsewhere(config.clone())
        }
        None => tauri::async_runtime::block_on(Host::start(config.clone())),
    };
    match host.status().failure {
        None if connection.remote().is_some() => tracing::info!("the data is the server's"),
        None => tracing::info!("data opened"),
        Some(failure) => tracing::warn!(code = %support::code_name(failure.code), "data not opened"),
    }
    let mut builder = tauri::Builder::default();
    if connection.remote().is_none() {
        // One app per computer on the one encrypted file; with a server each app is a client
        // of its own (a citizen's and an operator's may run side by side).
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| focus_main(app)));
    }
    let outcome = builder
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(host)
        .manage(connection)
        .manage(choice)
        // The window's caller: the session tokens it holds, resolved by the core on every call.
        .manage(kabinet_core::Caller::new())
        .manage(Support::new(&config.data_dir))
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
                tracing::info!("exit");
                app.state::<Host>().exit();
            }
        }),
        Err(error) => {
            tracing::error!(cause = %support::redact(&error.to_string()), "the app could not start");
            eprintln!("kabinet: {}", support::redact(&error.to_string()));
            std::process::exit(1);
        }
    }
}

/// The log in the data directory's `logs/` (see `kabinet_core::support` and docs/rules.md,
/// «Logs»): Кабинет's own events only, plain text; a debug build also prints them. A panic is
/// logged too (its place and its redacted message), since a release build on Windows has no
/// console to show it.
fn install_log(data_dir: &Path) {
    use tracing_subscriber::prelude::*;
    let targets = tracing_subscriber::filter::Targets::new()
        .with_targets(support::LOG_TARGETS.iter().map(|target| (*target, tracing::Level::INFO)));
    let file = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(LogFile::new(data_dir)))
        .with_filter(targets.clone());
    let console = cfg!(debug_assertions)
        .then(|| tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_filter(targets));
    let _ = tracing_subscriber::registry().with(file).with(console).try_init();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let at = info.location().map(|at| format!("{}:{}", at.file(), at.line())).unwrap_or_default();
        let cause = support::redact(info.payload_as_str().unwrap_or(""));
        tracing::error!(at = %at, cause = %cause, "panic");
        default_hook(info);
    }));
}

fn focus_main(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
