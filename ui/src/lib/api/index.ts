import { Channel, invoke, type InvokeArgs, type InvokeOptions } from '@tauri-apps/api/core';
import type {
  Agreements,
  AppStatus,
  BackupCodes,
  CodeSent,
  DesktopToast,
  HistoryQuery,
  InboxItem,
  InboxPage,
  InboxQuery,
  MarkReadRequest,
  MessageHistoryPage,
  MessageRequest,
  NotificationSettings,
  NotificationSettingsView,
  UnreadCount,
  ContactChangeConfirm,
  ContactChangeRequest,
  DisableSecondFactorRequest,
  FactorCodeRequest,
  EndSessionRequest,
  JournalPage,
  JournalRequest,
  Locale,
  PageRequest,
  PasswordChangeRequest,
  PhoneConfirmed,
  Profile,
  ProfileHistoryPage,
  ProfileUpdate,
  ReauthRequest,
  RecoveryCompleteRequest,
  RecoveryReadiness,
  RecoverySent,
  RecoveryStartRequest,
  RecoveryTicket,
  RecoveryVerifyRequest,
  Registered,
  RegistrationDraft,
  SecondFactorRequest,
  SecuritySettings,
  SendCodeRequest,
  SessionInfo,
  SessionView,
  SignInOutcome,
  SignInRequest,
  TotpConfirmRequest,
  TotpSetup,
  VerifyCodeRequest,
} from './contract';
import type { MyDocument, PrintOutcome, Verification } from './contract';
import type { ConsentRequest, ConsentView, UploadInfo, UploadKind } from './contract';
import type { ExportDone, ExportProgress } from './contract';
import type {
  StaffSignInRequest,
  StaffView,
  TransportSettingsView,
  TransportTestRequest,
  TransportTestResult,
  TransportUpdate,
} from './contract';
import type {
  ApplicationDetail,
  ApplicationRequest,
  ApplicationSummary,
  CancelApplication,
  Debt,
  DebtList,
  ServiceForm,
  ServiceRequest,
  ServiceSummary,
  SubmitApplication,
} from './contract';
import type { ClosureStatus, ClosureSubmit, Prechecks, RestoreComplete, RestoreOutcome, RestoreStart } from './contract';
import { desktop } from './desktop';
import { toApiError } from './errors';
import type {
  Api,
  AppApi,
  ApplicationsApi,
  ChosenFile,
  ClosureApi,
  ConsentsApi,
  DebtsApi,
  DocumentsApi,
  ExportsApi,
  NotificationsApi,
  ProfileApi,
  RecoveryApi,
  RegistrationApi,
  SecurityApi,
  SessionApi,
  StaffApi,
  UploadsApi,
} from './types';
import { t } from '../i18n/i18n.svelte';

async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (error) {
    throw toApiError(error, t('failure.no_host_message'));
  }
}

export const app: AppApi = {
  status: () => call<AppStatus>('app_status'),
  setLocale: (locale: Locale) => call<null>('set_locale', { locale }),
  saveSupportInfo: () => call<string | null>('support_save_logs'),
};

export const registration: RegistrationApi = {
  agreements: () => call<Agreements>('registration_agreements'),
  sendCode: (request: SendCodeRequest) => call<CodeSent>('registration_send_code', { request }),
  verifyCode: (request: VerifyCodeRequest) =>
    call<PhoneConfirmed>('registration_verify_code', { request }),
  check: (draft: RegistrationDraft) => call<null>('registration_check', { draft }),
  complete: (draft: RegistrationDraft) => call<Registered>('registration_complete', { draft }),
};

export const session: SessionApi = {
  signIn: (request: SignInRequest) => call<SignInOutcome>('session_sign_in', { request }),
  secondFactor: (request: SecondFactorRequest) => call<SessionView>('session_second_factor', { request }),
  current: () => call<SessionView | null>('session_current'),
  signOut: () => call<null>('session_sign_out'),
  list: () => call<SessionInfo[]>('session_list'),
  end: (request: EndSessionRequest) => call<null>('session_end', { request }),
  endOthers: () => call<null>('session_end_others'),
  journal: (request: JournalRequest) => call<JournalPage>('session_journal', { request }),
};

export const security: SecurityApi = {
  changePassword: (request: PasswordChangeRequest) => call<null>('security_change_password', { request }),
  reauthenticate: (request: ReauthRequest) => call<null>('security_reauthenticate', { request }),
  totpBegin: () => call<TotpSetup>('security_totp_begin'),
  totpEnable: (request: TotpConfirmRequest) => call<BackupCodes>('security_totp_enable', { request }),
  smsEnable: (request: FactorCodeRequest) => call<BackupCodes>('security_sms_enable', { request }),
  disableSecondFactor: (request: DisableSecondFactorRequest) =>
    call<null>('security_disable_second_factor', { request }),
  renewBackupCodes: (request: FactorCodeRequest) => call<BackupCodes>('security_renew_backup_codes', { request }),
  readiness: () => call<RecoveryReadiness>('security_readiness'),
  notMe: () => call<null>('security_not_me'),
  settings: () => call<SecuritySettings>('security_settings'),
  setSettings: (settings: SecuritySettings) => call<SecuritySettings>('security_set_settings', { settings }),
};

export const recovery: RecoveryApi = {
  start: (request: RecoveryStartRequest) => call<RecoverySent>('recovery_start', { request }),
  verify: (request: RecoveryVerifyRequest) => call<RecoveryTicket>('recovery_verify', { request }),
  complete: (request: RecoveryCompleteRequest) => call<null>('recovery_complete', { request }),
};

export const profile: ProfileApi = {
  get: () => call<Profile>('profile_get'),
  sendSaveCode: () => call<CodeSent>('profile_send_save_code'),
  save: (update: ProfileUpdate) => call<Profile>('profile_save', { update }),
  changeContactStart: (request: ContactChangeRequest) => call<CodeSent>('profile_change_contact_start', { request }),
  changeContactConfirm: (request: ContactChangeConfirm) =>
    call<Profile>('profile_change_contact_confirm', { request }),
  history: (request: PageRequest) => call<ProfileHistoryPage>('profile_history', { request }),
};

export const notifications: NotificationsApi = {
  settings: () => call<NotificationSettingsView>('notifications_settings'),
  saveSettings: (settings: NotificationSettings) =>
    call<NotificationSettingsView>('notifications_save_settings', { settings }),
  undoSettings: () => call<NotificationSettingsView>('notifications_undo_settings'),
  unreadCount: () => call<UnreadCount>('notifications_unread_count'),
  inbox: (query: InboxQuery) => call<InboxPage>('notifications_inbox', { query }),
  open: (request: MessageRequest) => call<InboxItem>('notifications_open', { request }),
  markRead: (request: MarkReadRequest) => call<UnreadCount>('notifications_mark_read', { request }),
  markAllRead: () => call<UnreadCount>('notifications_mark_all_read'),
  delete: (request: MessageRequest) => call<UnreadCount>('notifications_delete', { request }),
  restore: (request: MessageRequest) => call<UnreadCount>('notifications_restore', { request }),
  history: (query: HistoryQuery) => call<MessageHistoryPage>('notifications_history', { query }),
  takeDesktop: () => call<DesktopToast[]>('notifications_take_desktop'),
};

export { desktop };

export const documents: DocumentsApi = {
  mine: () => call<MyDocument[]>('documents_mine'),
  issueRegistrationCertificate: () => call<MyDocument>('documents_issue_registration_certificate'),
  open: (number: string) => call<null>('documents_open', { number }),
  saveAs: (number: string) => call<string | null>('documents_save_as', { number }),
  print: (number: string) => call<PrintOutcome>('documents_print', { number }),
  verifyFile: (bytes: Uint8Array) => call<Verification>('documents_verify_file', bytes),
};

export const applications: ApplicationsApi = {
  catalogue: () => call<ServiceSummary[]>('applications_catalogue'),
  form: (request: ServiceRequest) => call<ServiceForm>('applications_form', { request }),
  submit: (request: SubmitApplication) => call<ApplicationDetail>('applications_submit', { request }),
  list: () => call<ApplicationSummary[]>('applications_list'),
  get: (request: ApplicationRequest) => call<ApplicationDetail>('applications_get', { request }),
  cancel: (request: CancelApplication) => call<ApplicationDetail>('applications_cancel', { request }),
};

export const debts: DebtsApi = {
  list: () => call<DebtList>('debts_list'),
  claimPaid: (id, receipt) =>
    call<Debt>('debts_claim_paid', receipt.bytes, {
      headers: { 'x-kabinet-debt': String(id), 'x-kabinet-name': encodeURIComponent(receipt.name) },
    }),
};

export const staff: StaffApi = {
  signIn: (request: StaffSignInRequest) => call<StaffView>('staff_sign_in', { request }),
  current: () => call<StaffView | null>('staff_current'),
  signOut: () => call<null>('staff_sign_out'),
  transports: () => call<TransportSettingsView>('staff_transports'),
  saveTransports: (update: TransportUpdate) => call<TransportSettingsView>('staff_save_transports', { update }),
  sendTest: (request: TransportTestRequest) => call<TransportTestResult>('staff_send_test', { request }),
};

/** Header names read by the core (`kabinet_core::uploads::HEADER_*`); values are ASCII. */
const uploadHeaders = (file: ChosenFile, extra: Record<string, string>) => ({
  headers: { ...extra, 'kabinet-upload-name': encodeURIComponent(file.name) },
});

export const uploads: UploadsApi = {
  list: () => call<UploadInfo[]>('uploads_list'),
  upload: (kind: UploadKind, file: ChosenFile) =>
    call<UploadInfo>('uploads_put', file.bytes, uploadHeaders(file, { 'kabinet-upload-kind': kind })),
  replace: (id: number, file: ChosenFile) =>
    call<UploadInfo>('uploads_put', file.bytes, uploadHeaders(file, { 'kabinet-upload-replaces': String(id) })),
  content: (id: number) => call<ArrayBuffer>('uploads_content', { request: { id } }),
  open: (id: number) => call<null>('uploads_open', { request: { id } }),
  delete: (id: number) => call<UploadInfo[]>('uploads_delete', { request: { id } }),
};

export const consents: ConsentsApi = {
  list: () => call<ConsentView[]>('consents_list'),
  withdraw: (request: ConsentRequest) => call<ConsentView[]>('consents_withdraw', { request }),
  give: (request: ConsentRequest) => call<ConsentView[]>('consents_give', { request }),
};

export const dataExports: ExportsApi = {
  documentsZip: (onprogress) => {
    const progress = new Channel<ExportProgress>();
    progress.onmessage = onprogress;
    return call<ExportDone | null>('exports_documents_zip', { progress });
  },
  cancel: () => call<null>('exports_cancel'),
  historyPdf: () => call<ExportDone | null>('exports_history_pdf'),
  personalData: (format) => call<ExportDone | null>('exports_personal_data', { request: { format } }),
};

export const closure: ClosureApi = {
  status: () => call<ClosureStatus>('closure_status'),
  prechecks: () => call<Prechecks>('closure_prechecks'),
  sendCode: () => call<CodeSent>('closure_send_code'),
  submit: (form: ClosureSubmit) => call<ClosureStatus>('closure_submit', { form }),
  withdraw: () => call<ClosureStatus>('closure_withdraw'),
  restoreStart: (request: RestoreStart) => call<RestoreOutcome>('closure_restore_start', { request }),
  restoreComplete: (request: RestoreComplete) => call<RestoreOutcome>('closure_restore_complete', { request }),
};

export const api: Api = {
  app,
  registration,
  session,
  security,
  recovery,
  profile,
  documents,
  applications,
  debts,
  notifications,
  desktop,
  staff,
  uploads,
  consents,
  exports: dataExports,
  closure,
};
