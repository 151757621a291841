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
        "profile_get",
        "profile_send_save_code",
        "profile_save",
        "profile_change_contact_start",
        "profile_change_contact_confirm",
        "profile_history",
        "session_second_factor",
        "session_list",
        "session_end",
        "session_end_others",
        "session_journal",
        "security_change_password",
        "security_reauthenticate",
        "security_totp_begin",
        "security_totp_enable",
        "security_sms_enable",
        "security_disable_second_factor",
        "security_renew_backup_codes",
        "security_readiness",
        "security_not_me",
        "security_settings",
        "security_set_settings",
        "recovery_start",
        "recovery_verify",
        "recovery_complete",
    ];
    let manifest = tauri_build::AppManifest::new().commands(commands);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .unwrap_or_else(|error| panic!("tauri build: {error:#}"));
}
