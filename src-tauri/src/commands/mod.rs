//! Commands, one module per domain, mirroring the core's facade and the UI's folders.

mod app;
mod applications;
mod closure;
mod consents;
mod debts;
mod documents;
mod exports;
mod notifications;
mod profile;
mod recovery;
mod registration;
mod security;
mod session;
mod staff;
mod support;
mod uploads;

/// The invoke handler with every command of the app.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_status,
        app::set_locale,
        applications::applications_catalogue,
        applications::applications_form,
        applications::applications_submit,
        applications::applications_list,
        applications::applications_get,
        applications::applications_cancel,
        debts::debts_list,
        debts::debts_claim_paid,
        closure::closure_status,
        closure::closure_prechecks,
        closure::closure_send_code,
        closure::closure_submit,
        closure::closure_withdraw,
        closure::closure_restore_start,
        closure::closure_restore_complete,
        exports::exports_documents_zip,
        exports::exports_cancel,
        exports::exports_history_pdf,
        exports::exports_personal_data,
        registration::registration_agreements,
        registration::registration_send_code,
        registration::registration_verify_code,
        registration::registration_check,
        registration::registration_complete,
        session::session_sign_in,
        session::session_current,
        session::session_sign_out,
        notifications::notifications_settings,
        notifications::notifications_save_settings,
        notifications::notifications_undo_settings,
        notifications::notifications_unread_count,
        notifications::notifications_inbox,
        notifications::notifications_open,
        notifications::notifications_mark_read,
        notifications::notifications_mark_all_read,
        notifications::notifications_delete,
        notifications::notifications_restore,
        notifications::notifications_history,
        notifications::notifications_take_desktop,
        profile::profile_get,
        profile::profile_send_save_code,
        profile::profile_save,
        profile::profile_change_contact_start,
        profile::profile_change_contact_confirm,
        profile::profile_history,
        documents::documents_mine,
        documents::documents_issue_registration_certificate,
        documents::documents_verify_file,
        documents::documents_open,
        documents::documents_save_as,
        documents::documents_print,
        session::session_second_factor,
        session::session_list,
        session::session_end,
        session::session_end_others,
        session::session_journal,
        security::security_change_password,
        security::security_reauthenticate,
        security::security_totp_begin,
        security::security_totp_enable,
        security::security_sms_enable,
        security::security_disable_second_factor,
        security::security_renew_backup_codes,
        security::security_readiness,
        security::security_not_me,
        security::security_settings,
        security::security_set_settings,
        recovery::recovery_start,
        recovery::recovery_verify,
        recovery::recovery_complete,
        uploads::uploads_put,
        uploads::uploads_list,
        uploads::uploads_content,
        uploads::uploads_open,
        uploads::uploads_delete,
        consents::consents_list,
        consents::consents_withdraw,
        consents::consents_give,
        staff::staff_sign_in,
        staff::staff_current,
        staff::staff_sign_out,
        staff::staff_transports,
        staff::staff_save_transports,
        staff::staff_send_test,
        support::support_save_logs,
    ]
}
