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
import type { DataFormat, ExportDone, ExportProgress } from './contract';
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

export interface AppApi {
  status(): Promise<AppStatus>;
  setLocale(locale: Locale): Promise<null>;
  /** «Сведения для поддержки»: the log saved through the system save dialog; `null` if cancelled. */
  saveSupportInfo(): Promise<string | null>;
}

export interface RegistrationApi {
  agreements(): Promise<Agreements>;
  sendCode(request: SendCodeRequest): Promise<CodeSent>;
  verifyCode(request: VerifyCodeRequest): Promise<PhoneConfirmed>;
  check(draft: RegistrationDraft): Promise<null>;
  complete(draft: RegistrationDraft): Promise<Registered>;
}

export interface SessionApi {
  signIn(request: SignInRequest): Promise<SignInOutcome>;
  secondFactor(request: SecondFactorRequest): Promise<SessionView>;
  current(): Promise<SessionView | null>;
  signOut(): Promise<null>;
  list(): Promise<SessionInfo[]>;
  end(request: EndSessionRequest): Promise<null>;
  endOthers(): Promise<null>;
  journal(request: JournalRequest): Promise<JournalPage>;
}

export interface SecurityApi {
  changePassword(request: PasswordChangeRequest): Promise<null>;
  reauthenticate(request: ReauthRequest): Promise<null>;
  totpBegin(): Promise<TotpSetup>;
  totpEnable(request: TotpConfirmRequest): Promise<BackupCodes>;
  smsEnable(request: FactorCodeRequest): Promise<BackupCodes>;
  disableSecondFactor(request: DisableSecondFactorRequest): Promise<null>;
  renewBackupCodes(request: FactorCodeRequest): Promise<BackupCodes>;
  readiness(): Promise<RecoveryReadiness>;
  notMe(): Promise<null>;
  settings(): Promise<SecuritySettings>;
  setSettings(settings: SecuritySettings): Promise<SecuritySettings>;
}

export interface RecoveryApi {
  start(request: RecoveryStartRequest): Promise<RecoverySent>;
  verify(request: RecoveryVerifyRequest): Promise<RecoveryTicket>;
  complete(request: RecoveryCompleteRequest): Promise<null>;
}

export interface ProfileApi {
  get(): Promise<Profile>;
  sendSaveCode(): Promise<CodeSent>;
  save(update: ProfileUpdate): Promise<Profile>;
  changeContactStart(request: ContactChangeRequest): Promise<CodeSent>;
  changeContactConfirm(request: ContactChangeConfirm): Promise<Profile>;
  history(request: PageRequest): Promise<ProfileHistoryPage>;
}

export interface NotificationsApi {
  settings(): Promise<NotificationSettingsView>;
  saveSettings(settings: NotificationSettings): Promise<NotificationSettingsView>;
  undoSettings(): Promise<NotificationSettingsView>;
  unreadCount(): Promise<UnreadCount>;
  inbox(query: InboxQuery): Promise<InboxPage>;
  open(request: MessageRequest): Promise<InboxItem>;
  markRead(request: MarkReadRequest): Promise<UnreadCount>;
  markAllRead(): Promise<UnreadCount>;
  delete(request: MessageRequest): Promise<UnreadCount>;
  restore(request: MessageRequest): Promise<UnreadCount>;
  history(query: HistoryQuery): Promise<MessageHistoryPage>;
  /** The desktop notifications due now, handed over once. */
  takeDesktop(): Promise<DesktopToast[]>;
}

/** The system's notification service (Tauri's notification plugin). */
export interface DesktopNotifier {
  /** Shows one notification; false when the system does not allow it. */
  show(title: string, body: string): Promise<boolean>;
}

/** «Мои документы»: the citizen's issued documents, the native dialogs for them, and the check of a file. */
export interface DocumentsApi {
  mine(): Promise<MyDocument[]>;
  issueRegistrationCertificate(): Promise<MyDocument>;
  /** Opens the document in the system viewer. */
  open(number: string): Promise<null>;
  /** The native «Сохранить как…» dialog; the path saved to, or null when cancelled. */
  saveAs(number: string): Promise<string | null>;
  print(number: string): Promise<PrintOutcome>;
  /** Sends the bytes of a file the citizen chose, as a raw body. */
  verifyFile(bytes: Uint8Array): Promise<Verification>;
}

/** «Мои заявления»: the service catalogue, its forms, and the citizen's applications. */
export interface ApplicationsApi {
  catalogue(): Promise<ServiceSummary[]>;
  form(request: ServiceRequest): Promise<ServiceForm>;
  submit(request: SubmitApplication): Promise<ApplicationDetail>;
  list(): Promise<ApplicationSummary[]>;
  get(request: ApplicationRequest): Promise<ApplicationDetail>;
  cancel(request: CancelApplication): Promise<ApplicationDetail>;
}

/** A receipt the citizen chose: its file name and bytes. */
export type ReceiptFile = { name: string; bytes: Uint8Array };

/** «Задолженности»: the list, and «Оплачено» with a receipt sent as a raw body. */
export interface DebtsApi {
  list(): Promise<DebtList>;
  claimPaid(id: number, receipt: ReceiptFile): Promise<Debt>;
}

/** Staff mode: its own session, never a citizen's; the core checks the role on every call. */
export interface StaffApi {
  signIn(request: StaffSignInRequest): Promise<StaffView>;
  current(): Promise<StaffView | null>;
  signOut(): Promise<null>;
  transports(): Promise<TransportSettingsView>;
  saveTransports(update: TransportUpdate): Promise<TransportSettingsView>;
  sendTest(request: TransportTestRequest): Promise<TransportTestResult>;
}

/** A file the citizen chose: its name and (at most the first 10 MiB + 1 byte of) its bytes. */
export type ChosenFile = { name: string; bytes: Uint8Array };

/** Uploaded files (the passport and СНИЛС scans of «Мой профиль»). */
export interface UploadsApi {
  list(): Promise<UploadInfo[]>;
  /** Sends the file as a raw body with its kind and name in headers. */
  upload(kind: UploadKind, file: ChosenFile): Promise<UploadInfo>;
  replace(id: number, file: ChosenFile): Promise<UploadInfo>;
  /** The file's bytes, for showing an image or saving a copy. */
  content(id: number): Promise<ArrayBuffer>;
  /** Opens the file in the system viewer (PDF). */
  open(id: number): Promise<null>;
  delete(id: number): Promise<UploadInfo[]>;
}

/** «Согласия». */
export interface ConsentsApi {
  list(): Promise<ConsentView[]>;
  withdraw(request: ConsentRequest): Promise<ConsentView[]>;
  give(request: ConsentRequest): Promise<ConsentView[]>;
}

/**
 * «Сохранить мои данные». Each asks for the place in the system's save dialog (in the shell);
 * null: the citizen closed the dialog. Each needs the password entered within 10 minutes.
 */
export interface ExportsApi {
  /** «Скачать все документы» as one ZIP; `onprogress` hears after every file written. */
  documentsZip(onprogress: (step: ExportProgress) => void): Promise<ExportDone | null>;
  /** Stops the running ZIP: its call then fails with `cancelled`. */
  cancel(): Promise<null>;
  /** «Сохранить историю обращений» (PDF). */
  historyPdf(): Promise<ExportDone | null>;
  /** «Выгрузить мои данные» as JSON, XML or the «Выписка» PDF. */
  personalData(format: DataFormat): Promise<ExportDone | null>;
}

/**
 * «Закрыть профиль». The restoration calls need no session: the sign-in screen uses them for a
 * closed account.
 */
export interface ClosureApi {
  status(): Promise<ClosureStatus>;
  prechecks(): Promise<Prechecks>;
  sendCode(): Promise<CodeSent>;
  submit(form: ClosureSubmit): Promise<ClosureStatus>;
  withdraw(): Promise<ClosureStatus>;
  restoreStart(request: RestoreStart): Promise<RestoreOutcome>;
  restoreComplete(request: RestoreComplete): Promise<RestoreOutcome>;
}

export interface Api {
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
  desktop: DesktopNotifier;
  staff: StaffApi;
  uploads: UploadsApi;
  consents: ConsentsApi;
  exports: ExportsApi;
  closure: ClosureApi;
}
