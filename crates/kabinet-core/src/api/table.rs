//! The command table: every command of Кабинет, declared once.
//!
//! Each entry names the command (as the webview, the CLI and later the server call it), who may
//! call it, how its arguments travel, the facade method that does the work, its request and its
//! response. Everything else is generated from this one list: the core's [`crate::api::Client`]
//! (through which the tests, the CLI and the shells call), the authorisation of every call
//! ([`crate::api::Access`], checked in one place before the facade runs), the Tauri adapters and
//! `generate_handler!` (`src-tauri`), the command list of `build.rs` and the capability's
//! permissions, and the TypeScript client with its `Api` interface (`ui/src/lib/api/commands.ts`).
//! A test fails when a generated file is stale (`tests/core/contract.rs`).
//!
//! An entry reads `name: access, transport => method(arguments) -> response` and, for a command
//! the shell completes with a native dialog, `=> shell_function(shell arguments) -> answer`.
//! - access: `anyone` (the facade method gets the [`crate::Caller`] itself — sign-in and
//!   sign-out fill and empty it), `any_citizen` (a signed-in citizen, even in a session
//!   restricted to the password change), `citizen`, `recent` (the password entered within the
//!   last 10 minutes), `operator` (any staff member), `supervisor`; every kind but `anyone` gets
//!   the resolved session (`&Authed`, `&StaffAuthed`).
//! - transport: `json` (named arguments and the answer as JSON), `raw` (one argument read from
//!   the request's raw body and headers), `bytes` (the answer is raw bytes), `shell` (the core
//!   part here, then a native step in the shell, `src-tauri/src/shell.rs`), `host` (answered by
//!   the shell's host even when the data could not be opened; no facade method).
//!
//! The command's name is `<group>_<…>`; the TypeScript method is the rest in camelCase.

/// Expands `$callback! { <the table> }`: how the core, the Tauri shell and the generators read
/// the one declaration. Types are named as `kabinet_core::api::prelude` exports them.
#[macro_export]
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            app {
                /// Whether the data is open, and if not why; the language; the data folder.
                app_status: anyone, host => status() -> AppStatus;
                /// Switches the language of the app's messages.
                app_set_locale: anyone, host => set_locale(locale: Locale) -> ();
                /// «Сведения для поддержки»: the log saved through the system save dialog.
                app_save_support_logs: anyone, host => save_support_logs() -> Option<String>;
                /// «Где хранятся данные»: this computer or a server, and whether the environment pins it.
                app_connection: anyone, host => connection() -> ConnectionView;
                /// Keeps a new choice (checked, a server must answer) and restarts the app with it.
                app_set_connection: anyone, host => set_connection(setting: ConnectionSetting) -> ();
            }
            registration {
                /// The versions of the terms and of the consent to personal-data processing.
                registration_agreements: anyone, json => agreements() -> Agreements;
                /// Sends a confirmation code to the phone.
                registration_send_code: anyone, json => send_code(request: SendCodeRequest) -> CodeSent;
                /// Confirms the phone with the code; returns the registration ticket.
                registration_verify_code: anyone, json => verify_code(request: VerifyCodeRequest) -> PhoneConfirmed;
                /// Checks what registration has collected so far.
                registration_check: anyone, json => check(draft: RegistrationDraft) -> ();
                /// Creates the account.
                registration_complete: anyone, json => complete(draft: RegistrationDraft) -> Registered;
            }
            session {
                /// Checks the password; signs in, or asks for the second factor.
                session_sign_in: anyone, json => sign_in(request: SignInRequest) -> SignInOutcome;
                /// Completes a sign-in with the second factor.
                session_second_factor: anyone, json => second_factor(request: SecondFactorRequest) -> SessionView;
                /// The caller's session, or one remembered in the OS keyring.
                session_current: anyone, json => current() -> Option<SessionView>;
                /// Ends the caller's session.
                session_sign_out: anyone, json => sign_out() -> ();
                /// The citizen's live sessions, the caller's marked.
                session_list: any_citizen, json => list() -> Vec<SessionInfo>;
                /// Ends one of the citizen's sessions.
                session_end: any_citizen, json => end(request: EndSessionRequest) -> ();
                /// «Завершить все сеансы» but this one.
                session_end_others: any_citizen, json => end_others() -> ();
                /// A page of «Журнал входов».
                session_journal: citizen, json => journal(request: JournalRequest) -> JournalPage;
            }
            security {
                /// Changes the password (allowed in a restricted session).
                security_change_password: any_citizen, json => change_password(request: PasswordChangeRequest) -> ();
                /// «Подтвердите пароль» for sensitive actions.
                security_reauthenticate: citizen, json => reauthenticate(request: ReauthRequest) -> ();
                /// Starts TOTP set-up.
                security_totp_begin: recent, json => totp_begin() -> TotpSetup;
                /// Confirms TOTP; the backup codes, shown once.
                security_totp_enable: recent, json => totp_enable(request: TotpConfirmRequest) -> BackupCodes;
                /// Makes a code by SMS the second factor.
                security_sms_enable: recent, json => sms_enable(request: FactorCodeRequest) -> BackupCodes;
                /// Turns the second factor off.
                security_disable_second_factor: citizen, json => disable_second_factor(request: DisableSecondFactorRequest) -> ();
                /// Issues 10 new backup codes.
                security_renew_backup_codes: recent, json => renew_backup_codes(request: FactorCodeRequest) -> BackupCodes;
                /// How the citizen could recover the account.
                security_readiness: citizen, json => readiness() -> RecoveryReadiness;
                /// «Это был не я».
                security_not_me: any_citizen, json => not_me() -> ();
                /// The idle timeout.
                security_settings: any_citizen, json => settings() -> SecuritySettings;
                /// Saves the idle timeout.
                security_set_settings: citizen, json => set_settings(settings: SecuritySettings) -> SecuritySettings;
            }
            recovery {
                /// «Забыли пароль?»: sends a code.
                recovery_start: anyone, json => start(request: RecoveryStartRequest) -> RecoverySent;
                /// Checks the code; returns the reset ticket.
                recovery_verify: anyone, json => verify(request: RecoveryVerifyRequest) -> RecoveryTicket;
                /// Sets the new password.
                recovery_complete: anyone, json => complete(request: RecoveryCompleteRequest) -> ();
            }
            profile {
                /// «Мой профиль».
                profile_get: citizen, json => get() -> Profile;
                /// Sends the code that confirms saving the profile.
                profile_send_save_code: citizen, json => send_save_code() -> CodeSent;
                /// Saves the profile with the code.
                profile_save: recent, json => save(update: ProfileUpdate) -> Profile;
                /// Starts a change of the phone or e-mail.
                profile_change_contact_start: recent, json => change_contact_start(request: ContactChangeRequest) -> CodeSent;
                /// Confirms the new phone or e-mail.
                profile_change_contact_confirm: recent, json => change_contact_confirm(request: ContactChangeConfirm) -> Profile;
                /// A page of «История изменений».
                profile_history: citizen, json => history(request: PageRequest) -> ProfileHistoryPage;
                /// «Подтвердить личность» with the code from an operator's slip.
                profile_confirm_identity: citizen, json => confirm_identity(request: IdentityCodeRequest) -> Profile;
            }
            documents {
                /// «Мои документы».
                documents_mine: citizen, json => mine() -> Vec<MyDocument>;
                /// Issues the «Справка о регистрации».
                documents_issue_registration_certificate: citizen, json => issue_registration_certificate() -> MyDocument;
                /// Checks a presented file against the registry (raw body).
                documents_verify_file: anyone, raw => verify_file(file: RawFile<'_>) -> Verification;
                /// Opens one of the citizen's documents in the system viewer.
                documents_open: citizen, shell => viewer_copy(number: String) -> ViewerCopy
                    => open_in_viewer() -> ();
                /// «Сохранить как…» through the system save dialog; `null` when cancelled.
                documents_save_as: citizen, shell => save_offer(number: String) -> DocumentOffer
                    => save_document() -> Option<String>;
                /// Prints one of the citizen's documents through the system print dialog.
                documents_print: citizen, shell => print_job(number: String) -> PrintJob
                    => print() -> PrintOutcome;
            }
            applications {
                /// The service catalogue.
                applications_catalogue: anyone, json => catalogue() -> Vec<ServiceSummary>;
                /// A service's form.
                applications_form: citizen, json => form(request: ServiceRequest) -> ServiceForm;
                /// Submits an application.
                applications_submit: citizen, json => submit(request: SubmitApplication) -> ApplicationDetail;
                /// «Мои заявления».
                applications_list: citizen, json => list() -> Vec<ApplicationSummary>;
                /// One application with its history.
                applications_get: citizen, json => get(request: ApplicationRequest) -> ApplicationDetail;
                /// Cancels an application.
                applications_cancel: citizen, json => cancel(request: CancelApplication) -> ApplicationDetail;
            }
            debts {
                /// «Задолженности».
                debts_list: citizen, json => list() -> DebtList;
                /// «Оплачено» with a receipt (raw body, the debt and file name in headers).
                debts_claim_paid: citizen, raw => claim_paid(claim: RawClaim<'_>) -> Debt;
            }
            notifications {
                /// Notification settings.
                notifications_settings: citizen, json => settings() -> NotificationSettingsView;
                /// Saves the notification settings.
                notifications_save_settings: citizen, json => save_settings(settings: NotificationSettings) -> NotificationSettingsView;
                /// «Отменить» of the last save.
                notifications_undo_settings: citizen, json => undo_settings() -> NotificationSettingsView;
                /// Unread messages.
                notifications_unread_count: citizen, json => unread_count() -> UnreadCount;
                /// A page of the inbox.
                notifications_inbox: citizen, json => inbox(query: InboxQuery) -> InboxPage;
                /// Opens a message (and marks it read).
                notifications_open: citizen, json => open(request: MessageRequest) -> InboxItem;
                /// Marks messages read.
                notifications_mark_read: citizen, json => mark_read(request: MarkReadRequest) -> UnreadCount;
                /// Marks every message read.
                notifications_mark_all_read: citizen, json => mark_all_read() -> UnreadCount;
                /// Deletes a message (restorable for 30 days).
                notifications_delete: citizen, json => delete(request: MessageRequest) -> UnreadCount;
                /// Restores a deleted message.
                notifications_restore: citizen, json => restore(request: MessageRequest) -> UnreadCount;
                /// A page of «История сообщений».
                notifications_history: citizen, json => history(query: HistoryQuery) -> MessageHistoryPage;
                /// The desktop notifications due now, handed over once.
                notifications_take_desktop: citizen, json => take_desktop() -> Vec<DesktopToast>;
            }
            staff {
                /// Staff sign-in: login, password and the authenticator code.
                staff_sign_in: anyone, json => sign_in(request: StaffSignInRequest) -> StaffView;
                /// The caller's staff session, if any.
                staff_current: anyone, json => current() -> Option<StaffView>;
                /// Ends the caller's staff session.
                staff_sign_out: anyone, json => sign_out() -> ();
                /// «Поиск гражданина»: one citizen, exactly, with the purpose; audited.
                staff_find_citizen: operator, json => find_citizen(request: FindCitizen) -> CitizenCard;
                /// Unread overdue reports (the supervisor's badge; 0 for an operator).
                staff_badge: operator, json => badge() -> u32;
                /// «Транспорты доставки», without secrets.
                staff_transports: supervisor, json => transports() -> TransportSettingsView;
                /// Saves the transports; secrets go to the OS keyring.
                staff_save_transports: supervisor, json => save_transports(update: TransportUpdate) -> TransportSettingsView;
                /// «Отправить тест» through one channel.
                staff_send_test: supervisor, json => send_test(request: TransportTestRequest) -> TransportTestResult;
            }
            desk {
                /// The opened card again.
                desk_card: operator, json => card(request: CitizenRef) -> CitizenCard;
                /// The citizen's applications.
                desk_applications: operator, json => applications(request: CitizenRef) -> Vec<ApplicationSummary>;
                /// Moves an application's status with a comment.
                desk_set_application_status: operator, json => set_application_status(update: StatusUpdate) -> ApplicationDetail;
                /// The citizen's debts.
                desk_debts: operator, json => debts(request: CitizenRef) -> DebtList;
                /// Adds a debt.
                desk_add_debt: operator, json => add_debt(debt: NewDebt) -> Debt;
                /// Confirms a payment or rejects its receipt.
                desk_decide_receipt: operator, json => decide_receipt(decision: ReceiptDecision) -> Debt;
                /// The citizen's documents.
                desk_documents: operator, json => documents(request: CitizenRef) -> Vec<MyDocument>;
                /// Prints one of the citizen's documents through the system print dialog.
                desk_print_document: operator, shell => print_job(request: CitizenDocument) -> PrintJob
                    => print() -> PrintOutcome;
                /// Saves one of the citizen's documents through the system save dialog.
                desk_save_document: operator, shell => save_offer(request: CitizenDocument) -> CitizenDocumentOffer
                    => staff_save_document() -> Option<String>;
                /// The citizen's «История изменений».
                desk_history: operator, json => history(request: CitizenPage) -> ProfileHistoryPage;
                /// Identity confirmed in person from the passport seen.
                desk_confirm_identity: operator, json => confirm_identity(check: IdentityCheck) -> CitizenCard;
                /// Prints a «Код подтверждения личности» slip with a new code.
                desk_identity_slip: operator, shell => identity_slip(request: CitizenRef) -> PrintJob
                    => print() -> PrintOutcome;
                /// Issues a document of any kind to a citizen (`kabinet-cli document issue`).
                desk_issue_document: supervisor, json => issue_document(request: IssueDocument) -> MyDocument;
            }
            printing {
                /// «Печать за день»: what the day's batch holds.
                printing_day: operator, json => day(request: DayBatchRequest) -> DayBatch;
                /// Prints the day's batch through the system print dialog, with progress.
                printing_print_day: operator, shell => print_offer(request: DayBatchRequest) -> DayOffer
                    => print_day_batch(progress: Channel<BatchProgress>) -> PrintOutcome;
                /// Saves the day's batch through the system save dialog, with progress.
                printing_save_day: operator, shell => save_offer(request: DayBatchRequest) -> DayOffer
                    => save_day_batch(progress: Channel<BatchProgress>) -> Option<String>;
                /// «Отменить» the batch being composed.
                printing_cancel: operator, json => cancel() -> ();
            }
            queue {
                /// «Закрытие кабинетов»: flagged requests by deadline.
                queue_closures: operator, json => closures() -> Vec<QueueItem>;
                /// Approves or rejects a closure request.
                queue_decide: operator, json => decide(decision: ClosureDecision) -> ClosureStatus;
                /// «Восстановление»: restoration requests by deadline.
                queue_restorations: operator, json => restorations() -> Vec<QueueItem>;
                /// Restores (after the passport check) or rejects.
                queue_restore: operator, json => restore(decision: RestorationDecision) -> ClosureStatus;
                /// «Инциденты» still open.
                queue_incidents: operator, json => incidents() -> Vec<Incident>;
                /// Records an incident's outcome.
                queue_resolve_incident: operator, json => resolve_incident(resolution: IncidentResolution) -> Incident;
                /// The overdue reports.
                queue_notices: supervisor, json => notices() -> StaffNotices;
                /// Marks the overdue reports read.
                queue_read_notices: supervisor, json => read_notices() -> StaffNotices;
            }
            forced {
                /// Registers a forced closure.
                forced_register: supervisor, json => register(request: ForcedClosureRequest) -> ForcedCase;
                /// Clears a violation in progress.
                forced_clear: supervisor, json => clear(request: ClearViolation) -> ForcedCase;
                /// Blocks an account through a day.
                forced_block: supervisor, json => block(request: BlockRequest) -> BlockView;
                /// Lifts an account's block.
                forced_unblock: supervisor, json => unblock(request: CitizenRef) -> BlockView;
                /// Every case and the blocks in force.
                forced_list: supervisor, json => list() -> ForcedOverview;
            }
            team {
                /// «Сотрудники».
                team_list: supervisor, json => list() -> Vec<StaffInfo>;
                /// Adds a staff member; the authenticator secret is shown once.
                team_add: supervisor, json => add(staff: NewStaff) -> StaffCreated;
                /// Disables a staff member.
                team_disable: supervisor, json => disable(request: StaffLogin) -> StaffInfo;
                /// A new authenticator secret, shown once.
                team_reset_totp: supervisor, json => reset_totp(request: StaffLogin) -> StaffCreated;
            }
            audit {
                /// A page of «Журнал действий».
                audit_page: supervisor, json => page(query: AuditQuery) -> AuditPage;
                /// Checks the hash chain.
                audit_verify: supervisor, json => verify(check: AuditCheck) -> AuditVerification;
            }
            uploads {
                /// The citizen's uploads, without their bytes.
                uploads_list: citizen, json => list() -> Vec<UploadInfo>;
                /// A new upload or a replacement (raw body, kind or replaced id and name in headers).
                uploads_put: recent, raw => put(upload: RawUpload<'_>) -> UploadInfo;
                /// An upload's bytes (raw answer).
                uploads_content: citizen, bytes => content(request: UploadId) -> UploadContent;
                /// Opens an upload in the system viewer.
                uploads_open: citizen, shell => viewer_copy(request: UploadId) -> ViewerCopy
                    => open_in_viewer() -> ();
                /// Deletes an upload; what is left.
                uploads_delete: recent, json => delete(request: UploadId) -> Vec<UploadInfo>;
            }
            consents {
                /// «Согласия».
                consents_list: citizen, json => list() -> Vec<ConsentView>;
                /// Withdraws an optional consent.
                consents_withdraw: citizen, json => withdraw(request: ConsentRequest) -> Vec<ConsentView>;
                /// Gives a consent again.
                consents_give: citizen, json => give(request: ConsentRequest) -> Vec<ConsentView>;
            }
            exports {
                /// «Скачать все документы» as one ZIP, with progress; `null` when the dialog is closed.
                exports_documents_zip: recent, shell => offer_documents_zip() -> ExportOffer
                    => save_export_with_progress(progress: Channel<ExportProgress>) -> Option<ExportDone>;
                /// Stops the caller's running ZIP export.
                exports_cancel: citizen, json => cancel() -> ();
                /// «Сохранить историю обращений» (PDF).
                exports_history_pdf: recent, shell => offer_history_pdf() -> ExportOffer
                    => save_export() -> Option<ExportDone>;
                /// «Выгрузить мои данные» as JSON, XML or the «Выписка» PDF.
                exports_personal_data: recent, shell => offer_personal_data(request: DataExportRequest) -> ExportOffer
                    => save_export() -> Option<ExportDone>;
            }
            closure {
                /// The account's closure state.
                closure_status: citizen, json => status() -> ClosureStatus;
                /// The pre-checks before a closure request.
                closure_prechecks: citizen, json => prechecks() -> Prechecks;
                /// Sends the code that confirms the request.
                closure_send_code: citizen, json => send_code() -> CodeSent;
                /// Submits the closure request.
                closure_submit: citizen, json => submit(form: ClosureSubmit) -> ClosureStatus;
                /// Withdraws the request within its 24 hours.
                closure_withdraw: citizen, json => withdraw() -> ClosureStatus;
                /// Starts restoring a closed account (no session: from the sign-in screen).
                closure_restore_start: anyone, json => restore_start(request: RestoreStart) -> RestoreOutcome;
                /// «Сохранить подтверждение закрытия» from the «Кабинет закрыт» notice, after the password.
                closure_save_closed_confirmation: anyone, shell => closed_confirmation(request: RestoreStart) -> ClosedConfirmation
                    => save_closed_confirmation() -> Option<String>;
                /// «Печать» of the same from the notice.
                closure_print_closed_confirmation: anyone, shell => closed_confirmation_print(request: RestoreStart) -> PrintJob
                    => print() -> PrintOutcome;
                /// Completes the restoration.
                closure_restore_complete: anyone, json => restore_complete(request: RestoreComplete) -> RestoreOutcome;
            }
        }
    };
}
