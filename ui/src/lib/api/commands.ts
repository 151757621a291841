// Generated from the command table (crates/kabinet-core/src/api/table.rs). Do not edit:
// run `UPDATE_CONTRACT=1 cargo test -p kabinet-core --test core contract::` instead.

import type { Channel, InvokeArgs, InvokeOptions } from '@tauri-apps/api/core';
import type { Agreements, AppStatus, ApplicationDetail, ApplicationRequest, ApplicationSummary, AuditCheck, AuditPage, AuditQuery, AuditVerification, BackupCodes, BatchProgress, BlockRequest, BlockView, CancelApplication, CitizenCard, CitizenDocument, CitizenPage, CitizenRef, ClearViolation, ClosureDecision, ClosureStatus, ClosureSubmit, CodeSent, ConnectionSetting, ConnectionView, ConsentRequest, ConsentView, ContactChangeConfirm, ContactChangeRequest, DataExportRequest, DayBatch, DayBatchRequest, Debt, DebtList, DesktopToast, DisableSecondFactorRequest, EndSessionRequest, ExportDone, ExportProgress, FactorCodeRequest, FindCitizen, ForcedCase, ForcedClosureRequest, ForcedOverview, HistoryQuery, IdentityCheck, IdentityCodeRequest, InboxItem, InboxPage, InboxQuery, Incident, IncidentResolution, IssueDocument, JournalPage, JournalRequest, Locale, MarkReadRequest, MessageHistoryPage, MessageRequest, MyDocument, NewDebt, NewStaff, NotificationSettings, NotificationSettingsView, PageRequest, PasswordChangeRequest, PhoneConfirmed, Prechecks, PrintOutcome, Profile, ProfileHistoryPage, ProfileUpdate, QueueItem, ReauthRequest, ReceiptDecision, RecoveryCompleteRequest, RecoveryReadiness, RecoverySent, RecoveryStartRequest, RecoveryTicket, RecoveryVerifyRequest, Registered, RegistrationDraft, RestorationDecision, RestoreComplete, RestoreOutcome, RestoreStart, SecondFactorRequest, SecuritySettings, SendCodeRequest, ServiceForm, ServiceRequest, ServiceSummary, SessionInfo, SessionView, SignInOutcome, SignInRequest, StaffCreated, StaffInfo, StaffLogin, StaffNotices, StaffSignInRequest, StaffView, StatusUpdate, SubmitApplication, TotpConfirmRequest, TotpSetup, TransportSettingsView, TransportTestRequest, TransportTestResult, TransportUpdate, UnreadCount, UploadId, UploadInfo, Verification, VerifyCodeRequest } from './contract';

/** How a command is sent: `invoke` with its arguments (the shell's, or a fake in tests). */
export type Call = <T>(command: string, args?: InvokeArgs, options?: InvokeOptions) => Promise<T>;

/** The `app` commands. */
export interface AppApi {
  /** Whether the data is open, and if not why; the language; the data folder. (`app_status`, anyone) */
  status(): Promise<AppStatus>;
  /** Switches the language of the app's messages. (`app_set_locale`, anyone) */
  setLocale(locale: Locale): Promise<null>;
  /** «Сведения для поддержки»: the log saved through the system save dialog. (`app_save_support_logs`, anyone) */
  saveSupportLogs(): Promise<string | null>;
  /** «Где хранятся данные»: this computer or a server, and whether the environment pins it. (`app_connection`, anyone) */
  connection(): Promise<ConnectionView>;
  /** Keeps a new choice (checked, a server must answer) and restarts the app with it. (`app_set_connection`, anyone) */
  setConnection(setting: ConnectionSetting): Promise<null>;
}

/** The `registration` commands. */
export interface RegistrationApi {
  /** The versions of the terms and of the consent to personal-data processing. (`registration_agreements`, anyone) */
  agreements(): Promise<Agreements>;
  /** Sends a confirmation code to the phone. (`registration_send_code`, anyone) */
  sendCode(request: SendCodeRequest): Promise<CodeSent>;
  /** Confirms the phone with the code; returns the registration ticket. (`registration_verify_code`, anyone) */
  verifyCode(request: VerifyCodeRequest): Promise<PhoneConfirmed>;
  /** Checks what registration has collected so far. (`registration_check`, anyone) */
  check(draft: RegistrationDraft): Promise<null>;
  /** Creates the account. (`registration_complete`, anyone) */
  complete(draft: RegistrationDraft): Promise<Registered>;
}

/** The `session` commands. */
export interface SessionApi {
  /** Checks the password; signs in, or asks for the second factor. (`session_sign_in`, anyone) */
  signIn(request: SignInRequest): Promise<SignInOutcome>;
  /** Completes a sign-in with the second factor. (`session_second_factor`, anyone) */
  secondFactor(request: SecondFactorRequest): Promise<SessionView>;
  /** The caller's session, or one remembered in the OS keyring. (`session_current`, anyone) */
  current(): Promise<SessionView | null>;
  /** Ends the caller's session. (`session_sign_out`, anyone) */
  signOut(): Promise<null>;
  /** The citizen's live sessions, the caller's marked. (`session_list`, any_citizen) */
  list(): Promise<Array<SessionInfo>>;
  /** Ends one of the citizen's sessions. (`session_end`, any_citizen) */
  end(request: EndSessionRequest): Promise<null>;
  /** «Завершить все сеансы» but this one. (`session_end_others`, any_citizen) */
  endOthers(): Promise<null>;
  /** A page of «Журнал входов». (`session_journal`, citizen) */
  journal(request: JournalRequest): Promise<JournalPage>;
}

/** The `security` commands. */
export interface SecurityApi {
  /** Changes the password (allowed in a restricted session). (`security_change_password`, any_citizen) */
  changePassword(request: PasswordChangeRequest): Promise<null>;
  /** «Подтвердите пароль» for sensitive actions. (`security_reauthenticate`, citizen) */
  reauthenticate(request: ReauthRequest): Promise<null>;
  /** Starts TOTP set-up. (`security_totp_begin`, recent) */
  totpBegin(): Promise<TotpSetup>;
  /** Confirms TOTP; the backup codes, shown once. (`security_totp_enable`, recent) */
  totpEnable(request: TotpConfirmRequest): Promise<BackupCodes>;
  /** Makes a code by SMS the second factor. (`security_sms_enable`, recent) */
  smsEnable(request: FactorCodeRequest): Promise<BackupCodes>;
  /** Turns the second factor off. (`security_disable_second_factor`, citizen) */
  disableSecondFactor(request: DisableSecondFactorRequest): Promise<null>;
  /** Issues 10 new backup codes. (`security_renew_backup_codes`, recent) */
  renewBackupCodes(request: FactorCodeRequest): Promise<BackupCodes>;
  /** How the citizen could recover the account. (`security_readiness`, citizen) */
  readiness(): Promise<RecoveryReadiness>;
  /** «Это был не я». (`security_not_me`, any_citizen) */
  notMe(): Promise<null>;
  /** The idle timeout. (`security_settings`, any_citizen) */
  settings(): Promise<SecuritySettings>;
  /** Saves the idle timeout. (`security_set_settings`, citizen) */
  setSettings(settings: SecuritySettings): Promise<SecuritySettings>;
}

/** The `recovery` commands. */
export interface RecoveryApi {
  /** «Забыли пароль?»: sends a code. (`recovery_start`, anyone) */
  start(request: RecoveryStartRequest): Promise<RecoverySent>;
  /** Checks the code; returns the reset ticket. (`recovery_verify`, anyone) */
  verify(request: RecoveryVerifyRequest): Promise<RecoveryTicket>;
  /** Sets the new password. (`recovery_complete`, anyone) */
  complete(request: RecoveryCompleteRequest): Promise<null>;
}

/** The `profile` commands. */
export interface ProfileApi {
  /** «Мой профиль». (`profile_get`, citizen) */
  get(): Promise<Profile>;
  /** Sends the code that confirms saving the profile. (`profile_send_save_code`, citizen) */
  sendSaveCode(): Promise<CodeSent>;
  /** Saves the profile with the code. (`profile_save`, recent) */
  save(update: ProfileUpdate): Promise<Profile>;
  /** Starts a change of the phone or e-mail. (`profile_change_contact_start`, recent) */
  changeContactStart(request: ContactChangeRequest): Promise<CodeSent>;
  /** Confirms the new phone or e-mail. (`profile_change_contact_confirm`, recent) */
  changeContactConfirm(request: ContactChangeConfirm): Promise<Profile>;
  /** A page of «История изменений». (`profile_history`, citizen) */
  history(request: PageRequest): Promise<ProfileHistoryPage>;
  /** «Подтвердить личность» with the code from an operator's slip. (`profile_confirm_identity`, citizen) */
  confirmIdentity(request: IdentityCodeRequest): Promise<Profile>;
}

/** The `documents` commands. */
export interface DocumentsApi {
  /** «Мои документы». (`documents_mine`, citizen) */
  mine(): Promise<Array<MyDocument>>;
  /** Issues the «Справка о регистрации». (`documents_issue_registration_certificate`, citizen) */
  issueRegistrationCertificate(): Promise<MyDocument>;
  /** Checks a presented file against the registry (raw body). (`documents_verify_file`, anyone) */
  verifyFile(body: Uint8Array, headers?: Record<string, string>): Promise<Verification>;
  /** Opens one of the citizen's documents in the system viewer. (`documents_open`, citizen) */
  open(number: string): Promise<null>;
  /** «Сохранить как…» through the system save dialog; `null` when cancelled. (`documents_save_as`, citizen) */
  saveAs(number: string): Promise<string | null>;
  /** Prints one of the citizen's documents through the system print dialog. (`documents_print`, citizen) */
  print(number: string): Promise<PrintOutcome>;
}

/** The `applications` commands. */
export interface ApplicationsApi {
  /** The service catalogue. (`applications_catalogue`, anyone) */
  catalogue(): Promise<Array<ServiceSummary>>;
  /** A service's form. (`applications_form`, citizen) */
  form(request: ServiceRequest): Promise<ServiceForm>;
  /** Submits an application. (`applications_submit`, citizen) */
  submit(request: SubmitApplication): Promise<ApplicationDetail>;
  /** «Мои заявления». (`applications_list`, citizen) */
  list(): Promise<Array<ApplicationSummary>>;
  /** One application with its history. (`applications_get`, citizen) */
  get(request: ApplicationRequest): Promise<ApplicationDetail>;
  /** Cancels an application. (`applications_cancel`, citizen) */
  cancel(request: CancelApplication): Promise<ApplicationDetail>;
}

/** The `debts` commands. */
export interface DebtsApi {
  /** «Задолженности». (`debts_list`, citizen) */
  list(): Promise<DebtList>;
  /** «Оплачено» with a receipt (raw body, the debt and file name in headers). (`debts_claim_paid`, citizen) */
  claimPaid(body: Uint8Array, headers?: Record<string, string>): Promise<Debt>;
}

/** The `notifications` commands. */
export interface NotificationsApi {
  /** Notification settings. (`notifications_settings`, citizen) */
  settings(): Promise<NotificationSettingsView>;
  /** Saves the notification settings. (`notifications_save_settings`, citizen) */
  saveSettings(settings: NotificationSettings): Promise<NotificationSettingsView>;
  /** «Отменить» of the last save. (`notifications_undo_settings`, citizen) */
  undoSettings(): Promise<NotificationSettingsView>;
  /** Unread messages. (`notifications_unread_count`, citizen) */
  unreadCount(): Promise<UnreadCount>;
  /** A page of the inbox. (`notifications_inbox`, citizen) */
  inbox(query: InboxQuery): Promise<InboxPage>;
  /** Opens a message (and marks it read). (`notifications_open`, citizen) */
  open(request: MessageRequest): Promise<InboxItem>;
  /** Marks messages read. (`notifications_mark_read`, citizen) */
  markRead(request: MarkReadRequest): Promise<UnreadCount>;
  /** Marks every message read. (`notifications_mark_all_read`, citizen) */
  markAllRead(): Promise<UnreadCount>;
  /** Deletes a message (restorable for 30 days). (`notifications_delete`, citizen) */
  delete(request: MessageRequest): Promise<UnreadCount>;
  /** Restores a deleted message. (`notifications_restore`, citizen) */
  restore(request: MessageRequest): Promise<UnreadCount>;
  /** A page of «История сообщений». (`notifications_history`, citizen) */
  history(query: HistoryQuery): Promise<MessageHistoryPage>;
  /** The desktop notifications due now, handed over once. (`notifications_take_desktop`, citizen) */
  takeDesktop(): Promise<Array<DesktopToast>>;
}

/** The `staff` commands. */
export interface StaffApi {
  /** Staff sign-in: login, password and the authenticator code. (`staff_sign_in`, anyone) */
  signIn(request: StaffSignInRequest): Promise<StaffView>;
  /** The caller's staff session, if any. (`staff_current`, anyone) */
  current(): Promise<StaffView | null>;
  /** Ends the caller's staff session. (`staff_sign_out`, anyone) */
  signOut(): Promise<null>;
  /** «Поиск гражданина»: one citizen, exactly, with the purpose; audited. (`staff_find_citizen`, operator) */
  findCitizen(request: FindCitizen): Promise<CitizenCard>;
  /** Unread overdue reports (the supervisor's badge; 0 for an operator). (`staff_badge`, operator) */
  badge(): Promise<number>;
  /** «Транспорты доставки», without secrets. (`staff_transports`, supervisor) */
  transports(): Promise<TransportSettingsView>;
  /** Saves the transports; secrets go to the OS keyring. (`staff_save_transports`, supervisor) */
  saveTransports(update: TransportUpdate): Promise<TransportSettingsView>;
  /** «Отправить тест» through one channel. (`staff_send_test`, supervisor) */
  sendTest(request: TransportTestRequest): Promise<TransportTestResult>;
}

/** The `desk` commands. */
export interface DeskApi {
  /** The opened card again. (`desk_card`, operator) */
  card(request: CitizenRef): Promise<CitizenCard>;
  /** The citizen's applications. (`desk_applications`, operator) */
  applications(request: CitizenRef): Promise<Array<ApplicationSummary>>;
  /** Moves an application's status with a comment. (`desk_set_application_status`, operator) */
  setApplicationStatus(update: StatusUpdate): Promise<ApplicationDetail>;
  /** The citizen's debts. (`desk_debts`, operator) */
  debts(request: CitizenRef): Promise<DebtList>;
  /** Adds a debt. (`desk_add_debt`, operator) */
  addDebt(debt: NewDebt): Promise<Debt>;
  /** Confirms a payment or rejects its receipt. (`desk_decide_receipt`, operator) */
  decideReceipt(decision: ReceiptDecision): Promise<Debt>;
  /** The citizen's documents. (`desk_documents`, operator) */
  documents(request: CitizenRef): Promise<Array<MyDocument>>;
  /** Prints one of the citizen's documents through the system print dialog. (`desk_print_document`, operator) */
  printDocument(request: CitizenDocument): Promise<PrintOutcome>;
  /** Saves one of the citizen's documents through the system save dialog. (`desk_save_document`, operator) */
  saveDocument(request: CitizenDocument): Promise<string | null>;
  /** The citizen's «История изменений». (`desk_history`, operator) */
  history(request: CitizenPage): Promise<ProfileHistoryPage>;
  /** Identity confirmed in person from the passport seen. (`desk_confirm_identity`, operator) */
  confirmIdentity(check: IdentityCheck): Promise<CitizenCard>;
  /** Prints a «Код подтверждения личности» slip with a new code. (`desk_identity_slip`, operator) */
  identitySlip(request: CitizenRef): Promise<PrintOutcome>;
  /** Issues a document of any kind to a citizen (`kabinet-cli document issue`). (`desk_issue_document`, supervisor) */
  issueDocument(request: IssueDocument): Promise<MyDocument>;
}

/** The `printing` commands. */
export interface PrintingApi {
  /** «Печать за день»: what the day's batch holds. (`printing_day`, operator) */
  day(request: DayBatchRequest): Promise<DayBatch>;
  /** Prints the day's batch through the system print dialog, with progress. (`printing_print_day`, operator) */
  printDay(request: DayBatchRequest, progress: Channel<BatchProgress>): Promise<PrintOutcome>;
  /** Saves the day's batch through the system save dialog, with progress. (`printing_save_day`, operator) */
  saveDay(request: DayBatchRequest, progress: Channel<BatchProgress>): Promise<string | null>;
  /** «Отменить» the batch being composed. (`printing_cancel`, operator) */
  cancel(): Promise<null>;
}

/** The `queue` commands. */
export interface QueueApi {
  /** «Закрытие кабинетов»: flagged requests by deadline. (`queue_closures`, operator) */
  closures(): Promise<Array<QueueItem>>;
  /** Approves or rejects a closure request. (`queue_decide`, operator) */
  decide(decision: ClosureDecision): Promise<ClosureStatus>;
  /** «Восстановление»: restoration requests by deadline. (`queue_restorations`, operator) */
  restorations(): Promise<Array<QueueItem>>;
  /** Restores (after the passport check) or rejects. (`queue_restore`, operator) */
  restore(decision: RestorationDecision): Promise<ClosureStatus>;
  /** «Инциденты» still open. (`queue_incidents`, operator) */
  incidents(): Promise<Array<Incident>>;
  /** Records an incident's outcome. (`queue_resolve_incident`, operator) */
  resolveIncident(resolution: IncidentResolution): Promise<Incident>;
  /** The overdue reports. (`queue_notices`, supervisor) */
  notices(): Promise<StaffNotices>;
  /** Marks the overdue reports read. (`queue_read_notices`, supervisor) */
  readNotices(): Promise<StaffNotices>;
}

/** The `forced` commands. */
export interface ForcedApi {
  /** Registers a forced closure. (`forced_register`, supervisor) */
  register(request: ForcedClosureRequest): Promise<ForcedCase>;
  /** Clears a violation in progress. (`forced_clear`, supervisor) */
  clear(request: ClearViolation): Promise<ForcedCase>;
  /** Blocks an account through a day. (`forced_block`, supervisor) */
  block(request: BlockRequest): Promise<BlockView>;
  /** Lifts an account's block. (`forced_unblock`, supervisor) */
  unblock(request: CitizenRef): Promise<BlockView>;
  /** Every case and the blocks in force. (`forced_list`, supervisor) */
  list(): Promise<ForcedOverview>;
}

/** The `team` commands. */
export interface TeamApi {
  /** «Сотрудники». (`team_list`, supervisor) */
  list(): Promise<Array<StaffInfo>>;
  /** Adds a staff member; the authenticator secret is shown once. (`team_add`, supervisor) */
  add(staff: NewStaff): Promise<StaffCreated>;
  /** Disables a staff member. (`team_disable`, supervisor) */
  disable(request: StaffLogin): Promise<StaffInfo>;
  /** A new authenticator secret, shown once. (`team_reset_totp`, supervisor) */
  resetTotp(request: StaffLogin): Promise<StaffCreated>;
}

/** The `audit` commands. */
export interface AuditApi {
  /** A page of «Журнал действий». (`audit_page`, supervisor) */
  page(query: AuditQuery): Promise<AuditPage>;
  /** Checks the hash chain. (`audit_verify`, supervisor) */
  verify(check: AuditCheck): Promise<AuditVerification>;
}

/** The `uploads` commands. */
export interface UploadsApi {
  /** The citizen's uploads, without their bytes. (`uploads_list`, citizen) */
  list(): Promise<Array<UploadInfo>>;
  /** A new upload or a replacement (raw body, kind or replaced id and name in headers). (`uploads_put`, recent) */
  put(body: Uint8Array, headers?: Record<string, string>): Promise<UploadInfo>;
  /** An upload's bytes (raw answer). (`uploads_content`, citizen) */
  content(request: UploadId): Promise<ArrayBuffer>;
  /** Opens an upload in the system viewer. (`uploads_open`, citizen) */
  open(request: UploadId): Promise<null>;
  /** Deletes an upload; what is left. (`uploads_delete`, recent) */
  delete(request: UploadId): Promise<Array<UploadInfo>>;
}

/** The `consents` commands. */
export interface ConsentsApi {
  /** «Согласия». (`consents_list`, citizen) */
  list(): Promise<Array<ConsentView>>;
  /** Withdraws an optional consent. (`consents_withdraw`, citizen) */
  withdraw(request: ConsentRequest): Promise<Array<ConsentView>>;
  /** Gives a consent again. (`consents_give`, citizen) */
  give(request: ConsentRequest): Promise<Array<ConsentView>>;
}

/** The `exports` commands. */
export interface ExportsApi {
  /** «Скачать все документы» as one ZIP, with progress; `null` when the dialog is closed. (`exports_documents_zip`, recent) */
  documentsZip(progress: Channel<ExportProgress>): Promise<ExportDone | null>;
  /** Stops the caller's running ZIP export. (`exports_cancel`, citizen) */
  cancel(): Promise<null>;
  /** «Сохранить историю обращений» (PDF). (`exports_history_pdf`, recent) */
  historyPdf(): Promise<ExportDone | null>;
  /** «Выгрузить мои данные» as JSON, XML or the «Выписка» PDF. (`exports_personal_data`, recent) */
  personalData(request: DataExportRequest): Promise<ExportDone | null>;
}

/** The `closure` commands. */
export interface ClosureApi {
  /** The account's closure state. (`closure_status`, citizen) */
  status(): Promise<ClosureStatus>;
  /** The pre-checks before a closure request. (`closure_prechecks`, citizen) */
  prechecks(): Promise<Prechecks>;
  /** Sends the code that confirms the request. (`closure_send_code`, citizen) */
  sendCode(): Promise<CodeSent>;
  /** Submits the closure request. (`closure_submit`, citizen) */
  submit(form: ClosureSubmit): Promise<ClosureStatus>;
  /** Withdraws the request within its 24 hours. (`closure_withdraw`, citizen) */
  withdraw(): Promise<ClosureStatus>;
  /** Starts restoring a closed account (no session: from the sign-in screen). (`closure_restore_start`, anyone) */
  restoreStart(request: RestoreStart): Promise<RestoreOutcome>;
  /** «Сохранить подтверждение закрытия» from the «Кабинет закрыт» notice, after the password. (`closure_save_closed_confirmation`, anyone) */
  saveClosedConfirmation(request: RestoreStart): Promise<string | null>;
  /** «Печать» of the same from the notice. (`closure_print_closed_confirmation`, anyone) */
  printClosedConfirmation(request: RestoreStart): Promise<PrintOutcome>;
  /** Completes the restoration. (`closure_restore_complete`, anyone) */
  restoreComplete(request: RestoreComplete): Promise<RestoreOutcome>;
}

/** Every command of the table, by group. */
export interface Commands {
  app: AppApi;
  registration: RegistrationApi;
  session: SessionApi;
  security: SecurityApi;
  recovery: RecoveryApi;
  profile: ProfileApi;
  documents: DocumentsApi;
  applications: ApplicationsApi;
  debts: DebtsApi;
  notifications: NotificationsApi;
  staff: StaffApi;
  desk: DeskApi;
  printing: PrintingApi;
  queue: QueueApi;
  forced: ForcedApi;
  team: TeamApi;
  audit: AuditApi;
  uploads: UploadsApi;
  consents: ConsentsApi;
  exports: ExportsApi;
  closure: ClosureApi;
}

/** The client of every command over `call`. */
export function commands(call: Call): Commands {
  return {
    app: {
      status: () => call<AppStatus>('app_status'),
      setLocale: (locale: Locale) => call<null>('app_set_locale', { locale }),
      saveSupportLogs: () => call<string | null>('app_save_support_logs'),
      connection: () => call<ConnectionView>('app_connection'),
      setConnection: (setting: ConnectionSetting) => call<null>('app_set_connection', { setting }),
    },
    registration: {
      agreements: () => call<Agreements>('registration_agreements'),
      sendCode: (request: SendCodeRequest) => call<CodeSent>('registration_send_code', { request }),
      verifyCode: (request: VerifyCodeRequest) => call<PhoneConfirmed>('registration_verify_code', { request }),
      check: (draft: RegistrationDraft) => call<null>('registration_check', { draft }),
      complete: (draft: RegistrationDraft) => call<Registered>('registration_complete', { draft }),
    },
    session: {
      signIn: (request: SignInRequest) => call<SignInOutcome>('session_sign_in', { request }),
      secondFactor: (request: SecondFactorRequest) => call<SessionView>('session_second_factor', { request }),
      current: () => call<SessionView | null>('session_current'),
      signOut: () => call<null>('session_sign_out'),
      list: () => call<Array<SessionInfo>>('session_list'),
      end: (request: EndSessionRequest) => call<null>('session_end', { request }),
      endOthers: () => call<null>('session_end_others'),
      journal: (request: JournalRequest) => call<JournalPage>('session_journal', { request }),
    },
    security: {
      changePassword: (request: PasswordChangeRequest) => call<null>('security_change_password', { request }),
      reauthenticate: (request: ReauthRequest) => call<null>('security_reauthenticate', { request }),
      totpBegin: () => call<TotpSetup>('security_totp_begin'),
      totpEnable: (request: TotpConfirmRequest) => call<BackupCodes>('security_totp_enable', { request }),
      smsEnable: (request: FactorCodeRequest) => call<BackupCodes>('security_sms_enable', { request }),
      disableSecondFactor: (request: DisableSecondFactorRequest) => call<null>('security_disable_second_factor', { request }),
      renewBackupCodes: (request: FactorCodeRequest) => call<BackupCodes>('security_renew_backup_codes', { request }),
      readiness: () => call<RecoveryReadiness>('security_readiness'),
      notMe: () => call<null>('security_not_me'),
      settings: () => call<SecuritySettings>('security_settings'),
      setSettings: (settings: SecuritySettings) => call<SecuritySettings>('security_set_settings', { settings }),
    },
    recovery: {
      start: (request: RecoveryStartRequest) => call<RecoverySent>('recovery_start', { request }),
      verify: (request: RecoveryVerifyRequest) => call<RecoveryTicket>('recovery_verify', { request }),
      complete: (request: RecoveryCompleteRequest) => call<null>('recovery_complete', { request }),
    },
    profile: {
      get: () => call<Profile>('profile_get'),
      sendSaveCode: () => call<CodeSent>('profile_send_save_code'),
      save: (update: ProfileUpdate) => call<Profile>('profile_save', { update }),
      changeContactStart: (request: ContactChangeRequest) => call<CodeSent>('profile_change_contact_start', { request }),
      changeContactConfirm: (request: ContactChangeConfirm) => call<Profile>('profile_change_contact_confirm', { request }),
      history: (request: PageRequest) => call<ProfileHistoryPage>('profile_history', { request }),
      confirmIdentity: (request: IdentityCodeRequest) => call<Profile>('profile_confirm_identity', { request }),
    },
    documents: {
      mine: () => call<Array<MyDocument>>('documents_mine'),
      issueRegistrationCertificate: () => call<MyDocument>('documents_issue_registration_certificate'),
      verifyFile: (body: Uint8Array, headers?: Record<string, string>) => call<Verification>('documents_verify_file', body, { headers: headers ?? {} }),
      open: (number: string) => call<null>('documents_open', { number }),
      saveAs: (number: string) => call<string | null>('documents_save_as', { number }),
      print: (number: string) => call<PrintOutcome>('documents_print', { number }),
    },
    applications: {
      catalogue: () => call<Array<ServiceSummary>>('applications_catalogue'),
      form: (request: ServiceRequest) => call<ServiceForm>('applications_form', { request }),
      submit: (request: SubmitApplication) => call<ApplicationDetail>('applications_submit', { request }),
      list: () => call<Array<ApplicationSummary>>('applications_list'),
      get: (request: ApplicationRequest) => call<ApplicationDetail>('applications_get', { request }),
      cancel: (request: CancelApplication) => call<ApplicationDetail>('applications_cancel', { request }),
    },
    debts: {
      list: () => call<DebtList>('debts_list'),
      claimPaid: (body: Uint8Array, headers?: Record<string, string>) => call<Debt>('debts_claim_paid', body, { headers: headers ?? {} }),
    },
    notifications: {
      settings: () => call<NotificationSettingsView>('notifications_settings'),
      saveSettings: (settings: NotificationSettings) => call<NotificationSettingsView>('notifications_save_settings', { settings }),
      undoSettings: () => call<NotificationSettingsView>('notifications_undo_settings'),
      unreadCount: () => call<UnreadCount>('notifications_unread_count'),
      inbox: (query: InboxQuery) => call<InboxPage>('notifications_inbox', { query }),
      open: (request: MessageRequest) => call<InboxItem>('notifications_open', { request }),
      markRead: (request: MarkReadRequest) => call<UnreadCount>('notifications_mark_read', { request }),
      markAllRead: () => call<UnreadCount>('notifications_mark_all_read'),
      delete: (request: MessageRequest) => call<UnreadCount>('notifications_delete', { request }),
      restore: (request: MessageRequest) => call<UnreadCount>('notifications_restore', { request }),
      history: (query: HistoryQuery) => call<MessageHistoryPage>('notifications_history', { query }),
      takeDesktop: () => call<Array<DesktopToast>>('notifications_take_desktop'),
    },
    staff: {
      signIn: (request: StaffSignInRequest) => call<StaffView>('staff_sign_in', { request }),
      current: () => call<StaffView | null>('staff_current'),
      signOut: () => call<null>('staff_sign_out'),
      findCitizen: (request: FindCitizen) => call<CitizenCard>('staff_find_citizen', { request }),
      badge: () => call<number>('staff_badge'),
      transports: () => call<TransportSettingsView>('staff_transports'),
      saveTransports: (update: TransportUpdate) => call<TransportSettingsView>('staff_save_transports', { update }),
      sendTest: (request: TransportTestRequest) => call<TransportTestResult>('staff_send_test', { request }),
    },
    desk: {
      card: (request: CitizenRef) => call<CitizenCard>('desk_card', { request }),
      applications: (request: CitizenRef) => call<Array<ApplicationSummary>>('desk_applications', { request }),
      setApplicationStatus: (update: StatusUpdate) => call<ApplicationDetail>('desk_set_application_status', { update }),
      debts: (request: CitizenRef) => call<DebtList>('desk_debts', { request }),
      addDebt: (debt: NewDebt) => call<Debt>('desk_add_debt', { debt }),
      decideReceipt: (decision: ReceiptDecision) => call<Debt>('desk_decide_receipt', { decision }),
      documents: (request: CitizenRef) => call<Array<MyDocument>>('desk_documents', { request }),
      printDocument: (request: CitizenDocument) => call<PrintOutcome>('desk_print_document', { request }),
      saveDocument: (request: CitizenDocument) => call<string | null>('desk_save_document', { request }),
      history: (request: CitizenPage) => call<ProfileHistoryPage>('desk_history', { request }),
      confirmIdentity: (check: IdentityCheck) => call<CitizenCard>('desk_confirm_identity', { check }),
      identitySlip: (request: CitizenRef) => call<PrintOutcome>('desk_identity_slip', { request }),
      issueDocument: (request: IssueDocument) => call<MyDocument>('desk_issue_document', { request }),
    },
    printing: {
      day: (request: DayBatchRequest) => call<DayBatch>('printing_day', { request }),
      printDay: (request: DayBatchRequest, progress: Channel<BatchProgress>) => call<PrintOutcome>('printing_print_day', { request, progress }),
      saveDay: (request: DayBatchRequest, progress: Channel<BatchProgress>) => call<string | null>('printing_save_day', { request, progress }),
      cancel: () => call<null>('printing_cancel'),
    },
    queue: {
      closures: () => call<Array<QueueItem>>('queue_closures'),
      decide: (decision: ClosureDecision) => call<ClosureStatus>('queue_decide', { decision }),
      restorations: () => call<Array<QueueItem>>('queue_restorations'),
      restore: (decision: RestorationDecision) => call<ClosureStatus>('queue_restore', { decision }),
      incidents: () => call<Array<Incident>>('queue_incidents'),
      resolveIncident: (resolution: IncidentResolution) => call<Incident>('queue_resolve_incident', { resolution }),
      notices: () => call<StaffNotices>('queue_notices'),
      readNotices: () => call<StaffNotices>('queue_read_notices'),
    },
    forced: {
      register: (request: ForcedClosureRequest) => call<ForcedCase>('forced_register', { request }),
      clear: (request: ClearViolation) => call<ForcedCase>('forced_clear', { request }),
      block: (request: BlockRequest) => call<BlockView>('forced_block', { request }),
      unblock: (request: CitizenRef) => call<BlockView>('forced_unblock', { request }),
      list: () => call<ForcedOverview>('forced_list'),
    },
    team: {
      list: () => call<Array<StaffInfo>>('team_list'),
      add: (staff: NewStaff) => call<StaffCreated>('team_add', { staff }),
      disable: (request: StaffLogin) => call<StaffInfo>('team_disable', { request }),
      resetTotp: (request: StaffLogin) => call<StaffCreated>('team_reset_totp', { request }),
    },
    audit: {
      page: (query: AuditQuery) => call<AuditPage>('audit_page', { query }),
      verify: (check: AuditCheck) => call<AuditVerification>('audit_verify', { check }),
    },
    uploads: {
      list: () => call<Array<UploadInfo>>('uploads_list'),
      put: (body: Uint8Array, headers?: Record<string, string>) => call<UploadInfo>('uploads_put', body, { headers: headers ?? {} }),
      content: (request: UploadId) => call<ArrayBuffer>('uploads_content', { request }),
      open: (request: UploadId) => call<null>('uploads_open', { request }),
      delete: (request: UploadId) => call<Array<UploadInfo>>('uploads_delete', { request }),
    },
    consents: {
      list: () => call<Array<ConsentView>>('consents_list'),
      withdraw: (request: ConsentRequest) => call<Array<ConsentView>>('consents_withdraw', { request }),
      give: (request: ConsentRequest) => call<Array<ConsentView>>('consents_give', { request }),
    },
    exports: {
      documentsZip: (progress: Channel<ExportProgress>) => call<ExportDone | null>('exports_documents_zip', { progress }),
      cancel: () => call<null>('exports_cancel'),
      historyPdf: () => call<ExportDone | null>('exports_history_pdf'),
      personalData: (request: DataExportRequest) => call<ExportDone | null>('exports_personal_data', { request }),
    },
    closure: {
      status: () => call<ClosureStatus>('closure_status'),
      prechecks: () => call<Prechecks>('closure_prechecks'),
      sendCode: () => call<CodeSent>('closure_send_code'),
      submit: (form: ClosureSubmit) => call<ClosureStatus>('closure_submit', { form }),
      withdraw: () => call<ClosureStatus>('closure_withdraw'),
      restoreStart: (request: RestoreStart) => call<RestoreOutcome>('closure_restore_start', { request }),
      saveClosedConfirmation: (request: RestoreStart) => call<string | null>('closure_save_closed_confirmation', { request }),
      printClosedConfirmation: (request: RestoreStart) => call<PrintOutcome>('closure_print_closed_confirmation', { request }),
      restoreComplete: (request: RestoreComplete) => call<RestoreOutcome>('closure_restore_complete', { request }),
    },
  };
}
