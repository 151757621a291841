//! Declares the app's own commands so that capabilities must grant each one by name.
fn main() {
    let commands = &[
        "app_status",
        "set_locale",
        "registration_agreements",
        "registration_send_code",
        "registration_verify_code",
        "registration_check",
        "registration_complete",
        "session_sign_in",
        "session_current",
        "session_sign_out",
    ];
    let manifest = tauri_build::AppManifest::new().commands(commands);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .unwrap_or_else(|error| panic!("tauri build: {error:#}"));
}
