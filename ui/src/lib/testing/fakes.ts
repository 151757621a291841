import { mockIPC } from '@tauri-apps/api/mocks';
import { vi } from 'vitest';
import type {
  ApiError,
  CodeSent,
  ErrorCode,
  EventType,
  FieldError,
  InboxItem,
  NotificationSettingsView,
  Profile,
  SessionView,
} from '../api/contract';
import type { MyDocument } from '../api/contract';
import type { StaffView, TransportSettingsView } from '../api/contract';
import type { StaffApi } from '../api/types';
import type { ConsentView, UploadInfo, UploadKind } from '../api/contract';
import type { ConsentsApi, UploadsApi } from '../api/types';
import type { ExportDone } from '../api/contract';
import type { ExportsApi } from '../api/types';
import type { ClosureRequestView, ClosureStatus, PrecheckItem, Prechecks } from '../api/contract';
import type { ClosureApi } from '../api/types';
import type {
  AuditPage,
  AuditRow,
  BlockView,
  CitizenCard,
  DayBatchItem,
  ForcedCase,
  Incident,
  QueueItem,
  StaffCreated,
  StaffInfo,
  StaffNotice,
  StaffNotices,
} from '../api/contract';
import type { AuditApi, DeskApi, ForcedApi, PrintingApi, QueueApi, StaffDeskApi, TeamApi } from '../api/types';
import type { ApplicationDetail, ApplicationSummary, Debt, ServiceForm } from '../api/contract';
import type {
  Api,
  AppApi,
  ApplicationsApi,
  DebtsApi,
  DocumentsApi,
  DesktopNotifier,
  NotificationsApi,
  ProfileApi,
  RecoveryApi,
  RegistrationApi,
  SecurityApi,
  SessionApi,
} from '../api/types';

/**
 * Lets a component make Tauri channels (the ZIP export's progress registers its callback with
 * the IPC) while every command still goes to a fake: any real `invoke` fails the test. Undo with
 * `clearMocks` from '@tauri-apps/api/mocks'.
 */
export function mockTauriChannels(): void {
  mockIPC((command) => {
    throw new Error(`unexpected command ${command}`);
  });
}

export function apiError(code: ErrorCode, message: string, fields: FieldError[] = [], details = {}): ApiError {
  return { code, message, fields, details };
}

export function fakeSession(overrides: Partial<SessionView> = {}): SessionView {
  return {
    account_number: '482-913-075',
    full_name: 'Иванов Иван',
    level: 'standard',
    status: 'active',
    phone: '+79123456789',
    remembered: false,
    started_at: '2026-11-25T08:00:00Z',
    password_change_required: false,
    password_expires_at: '2027-02-23T08:00:00Z',
    password_expires_soon: false,
    ...overrides,
  };
}

export function fakeRegistrationApi(overrides: Partial<RegistrationApi> = {}): RegistrationApi {
  return {
    agreements: vi.fn(async () => ({
      terms_version: '1.0',
      terms_text: 'Текст соглашения',
      consent_version: '2.0',
      consent_text: 'Текст согласия',
    })),
    sendCode: vi.fn(async () => ({
      destination: '+79123456789',
      expires_at: new Date(Date.now() + 300_000).toISOString(),
      resend_at: new Date(Date.now() + 60_000).toISOString(),
      sends_left: 4,
    })),
    verifyCode: vi.fn(async () => ({
      ticket: 'ticket-1',
      phone: '+79123456789',
      expires_at: new Date(Date.now() + 1_800_000).toISOString(),
    })),
    check: vi.fn(async () => null),
    complete: vi.fn(async () => ({ account_number: '123-456-789', level: 'simplified' as const })),
    ...overrides,
  };
}

export function fakeSessionApi(overrides: Partial<SessionApi> = {}): SessionApi {
  return {
    signIn: vi.fn(async () => {
      throw apiError('invalid_credentials', 'Неверный логин или пароль');
    }),
    secondFactor: vi.fn(async () => fakeSession()),
    current: vi.fn(async () => null),
    signOut: vi.fn(async () => null),
    list: vi.fn(async () => []),
    end: vi.fn(async () => null),
    endOthers: vi.fn(async () => null),
    journal: vi.fn(async () => ({ entries: [], page: 1, pages: 1 })),
    ...overrides,
  };
}

export function fakeSecurityApi(overrides: Partial<SecurityApi> = {}): SecurityApi {
  const codes = {
    codes: ['ABCD-EFGH', 'JKMN-PQRS', '2345-6789', 'TUVW-XYZ2', '3456-789A', 'BCDE-FGHJ', 'KMNP-QRST', 'UVWX-YZ23', '4567-89AB', 'CDEF-GHJK'],
    issued_at: '2026-11-25T08:00:00Z',
  };
  return {
    changePassword: vi.fn(async () => null),
    reauthenticate: vi.fn(async () => null),
    totpBegin: vi.fn(async () => ({
      manual_key: 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ',
      uri: 'otpauth://totp/Kabinet:482-913-075?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      qr_svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>',
    })),
    totpEnable: vi.fn(async () => codes),
    smsEnable: vi.fn(async () => codes),
    disableSecondFactor: vi.fn(async () => null),
    renewBackupCodes: vi.fn(async () => codes),
    readiness: vi.fn(async () => ({
      phone_confirmed: true,
      email_confirmed: false,
      second_factor: null,
      second_factor_last_used: null,
      backup_codes_left: 0,
      backup_code_last_used: null,
      password_changed_at: '2026-11-01T08:00:00Z',
    })),
    notMe: vi.fn(async () => null),
    settings: vi.fn(async () => ({ idle_minutes: 15 })),
    setSettings: vi.fn(async (settings) => settings),
    ...overrides,
  };
}

export function fakeRecoveryApi(overrides: Partial<RecoveryApi> = {}): RecoveryApi {
  return {
    start: vi.fn(async () => ({
      expires_at: new Date(Date.now() + 300_000).toISOString(),
      resend_at: new Date(Date.now() + 60_000).toISOString(),
    })),
    verify: vi.fn(async () => ({ ticket: 'reset-1', expires_at: new Date(Date.now() + 900_000).toISOString() })),
    complete: vi.fn(async () => null),
    ...overrides,
  };
}

export function fakeProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    surname: 'Иванов',
    given_name: 'Иван',
    patronymic: 'Иванович',
    birth_date: '05.03.1990',
    gender: 'М',
    level: 'simplified',
    phone: '+79123456789',
    email: null,
    snils: null,
    inn: null,
    passport_number: null,
    passport_issue_date: null,
    passport_issued_by: null,
    division_code: null,
    address: null,
    ...overrides,
  };
}

export function fakeCodeSent(destination = '+79123456789'): CodeSent {
  return {
    destination,
    expires_at: new Date(Date.now() + 300_000).toISOString(),
    resend_at: new Date(Date.now() + 60_000).toISOString(),
    sends_left: 4,
  };
}

export function fakeProfileApi(overrides: Partial<ProfileApi> = {}): ProfileApi {
  return {
    get: vi.fn(async () => fakeProfile()),
    sendSaveCode: vi.fn(async () => fakeCodeSent()),
    save: vi.fn(async () => fakeProfile()),
    changeContactStart: vi.fn(async ({ value }) => fakeCodeSent(value)),
    changeContactConfirm: vi.fn(async ({ kind, value }) =>
      fakeProfile(kind === 'phone' ? { phone: value } : { email: value }),
    ),
    history: vi.fn(async () => ({ changes: [], page: 1, pages: 1 })),
    confirmIdentity: vi.fn(async () => fakeProfile({ level: 'confirmed' })),
    ...overrides,
  };
}

const FAKE_EVENTS: [EventType, 'applications' | 'reminders' | 'security' | 'account' | 'news', string, boolean, boolean][] = [
  ['application_accepted', 'applications', 'Заявление принято', false, false],
  ['application_result_ready', 'applications', 'Результат готов', true, false],
  ['payment_due', 'reminders', 'Срок оплаты', true, false],
  ['security', 'security', 'Безопасность', true, true],
  ['closure_requested', 'account', 'Подано заявление о закрытии', true, true],
  ['service_news', 'news', 'Новости сервиса', false, false],
];

/** A settings page with six event types (two of them locked) and two services. */
export function fakeSettingsView(overrides: Partial<NotificationSettingsView> = {}): NotificationSettingsView {
  return {
    settings: {
      matrix: FAKE_EVENTS.map(([event, , , important]) => ({
        event,
        desktop: true,
        email: event !== 'service_news',
        sms: important,
      })),
      overrides: [],
      only_important: false,
      quiet_hours: null,
      working_hours_only: false,
    },
    events: FAKE_EVENTS.map(([event, category, label, important, locked]) => ({
      event,
      category,
      label,
      important,
      locked,
    })),
    services: [
      { code: 'passport_foreign', name: 'Загранпаспорт' },
      { code: 'vehicle_registration', name: 'Регистрация транспортного средства' },
    ],
    can_undo: false,
    saved_at: null,
    utc_offset: '+03:00',
    ...overrides,
  };
}

export function fakeInboxItem(id: number, overrides: Partial<InboxItem> = {}): InboxItem {
  return {
    id,
    event: 'application_result_ready',
    category: 'applications',
    service: null,
    service_name: null,
    title: `Сообщение ${id}`,
    body: `Текст сообщения ${id}`,
    created_at: new Date(2026, 10, 25, 9, 0, id % 60).toISOString(),
    read: false,
    archived: false,
    important: true,
    deleted_at: null,
    purge_at: null,
    not_me: false,
    ...overrides,
  };
}

export function fakeNotificationsApi(overrides: Partial<NotificationsApi> = {}): NotificationsApi {
  return {
    settings: vi.fn(async () => fakeSettingsView()),
    saveSettings: vi.fn(async (settings) => fakeSettingsView({ settings, can_undo: true, saved_at: '2026-11-25T08:00:00Z' })),
    undoSettings: vi.fn(async () => fakeSettingsView()),
    unreadCount: vi.fn(async () => ({ unread: 0 })),
    inbox: vi.fn(async () => ({ items: [], next_before: null, unread: 0 })),
    open: vi.fn(async ({ id }) => fakeInboxItem(id, { read: true })),
    markRead: vi.fn(async () => ({ unread: 0 })),
    markAllRead: vi.fn(async () => ({ unread: 0 })),
    delete: vi.fn(async () => ({ unread: 0 })),
    restore: vi.fn(async () => ({ unread: 0 })),
    history: vi.fn(async () => ({ messages: [], next_before: null })),
    takeDesktop: vi.fn(async () => []),
    ...overrides,
  };
}

export function fakeDesktop(overrides: Partial<DesktopNotifier> = {}): DesktopNotifier {
  return { show: vi.fn(async () => true), ...overrides };
}

export function fakeMyDocument(overrides: Partial<MyDocument> = {}): MyDocument {
  return {
    number: 'СРК-2026-000001',
    kind: 'registration_certificate',
    title: 'Справка о регистрации личного кабинета № СРК-2026-000001',
    created_at: '2026-11-25T09:00:00Z',
    pages: 1,
    size: 90_112,
    available: true,
    ...overrides,
  };
}

export function fakeDocumentsApi(overrides: Partial<DocumentsApi> = {}): DocumentsApi {
  return {
    mine: vi.fn(async () => []),
    issueRegistrationCertificate: vi.fn(async () => fakeMyDocument()),
    open: vi.fn(async () => null),
    saveAs: vi.fn(async () => null),
    print: vi.fn(async () => 'sent' as const),
    verifyFile: vi.fn(async () => ({ status: 'unknown' as const, number: null, record: null, sha256: '', message: '' })),
    ...overrides,
  };
}

export function fakeApplicationSummary(overrides: Partial<ApplicationSummary> = {}): ApplicationSummary {
  return {
    number: '2026-000001',
    service: 'passport_foreign',
    service_name: 'Загранпаспорт',
    status: 'accepted',
    status_label: 'Принято',
    submitted_at: '2026-11-25T09:00:00Z',
    updated_at: '2026-11-25T09:00:00Z',
    unfinished: true,
    ...overrides,
  };
}

export function fakeApplicationDetail(summary: Partial<ApplicationSummary> = {}): ApplicationDetail {
  const full = fakeApplicationSummary(summary);
  return {
    summary: full,
    agency: 'МВД России',
    form: [
      { key: 'surname', label: 'Фамилия', value: 'Иванов' },
      { key: 'term', label: 'Срок действия', value: '5 лет' },
    ],
    history: [
      { status: 'accepted', status_label: 'Принято', at: full.submitted_at, comment: null, actor: 'citizen' },
    ],
  };
}

/** The form of «Загранпаспорт» with one field of every kind. */
export function fakeServiceForm(): ServiceForm {
  return {
    service: { code: 'passport_foreign', name: 'Загранпаспорт', agency: 'МВД России', days: 30 },
    fields: [
      { key: 'surname', label: 'Фамилия', kind: 'text', required: true, options: [], value: 'Иванов' },
      { key: 'birth_date', label: 'Дата рождения', kind: 'date', required: true, options: [], value: '05.03.1990' },
      { key: 'term', label: 'Срок действия', kind: 'choice', required: true, options: ['5 лет', '10 лет'], value: '' },
      { key: 'comment', label: 'Комментарий', kind: 'long_text', required: false, options: [], value: '' },
    ],
  };
}

export function fakeApplicationsApi(overrides: Partial<ApplicationsApi> = {}): ApplicationsApi {
  return {
    catalogue: vi.fn(async () => [fakeServiceForm().service]),
    form: vi.fn(async () => fakeServiceForm()),
    submit: vi.fn(async () => fakeApplicationDetail()),
    list: vi.fn(async () => []),
    get: vi.fn(async () => fakeApplicationDetail()),
    cancel: vi.fn(async () => fakeApplicationDetail({ status: 'cancelled', status_label: 'Отменено', unfinished: false })),
    ...overrides,
  };
}

export function fakeDebt(overrides: Partial<Debt> = {}): Debt {
  return {
    id: 1,
    kind: 'tax',
    kind_label: 'Налог',
    agency: 'ФНС России',
    purpose: 'Налог на имущество за 2025 год',
    amount_kopecks: 123_456,
    amount_text: '1 234,56 ₽',
    due_date: '01.12.2026',
    overdue: false,
    status: 'open',
    claimed_at: null,
    receipt_name: null,
    paid_at: null,
    ...overrides,
  };
}

export function fakeDebtsApi(overrides: Partial<DebtsApi> = {}): DebtsApi {
  return {
    list: vi.fn(async () => ({ debts: [], open_total_kopecks: 0, open_total_text: '0,00 ₽' })),
    claimPaid: vi.fn(async (_body, headers) =>
      fakeDebt({
        id: Number(headers?.['x-kabinet-debt']),
        status: 'awaiting_confirmation',
        claimed_at: '2026-11-25T10:00:00Z',
        receipt_name: 'receipt.png',
      }),
    ),
    ...overrides,
  };
}

export function fakeAppApi(overrides: Partial<AppApi> = {}): AppApi {
  return {
    status: vi.fn(async () => ({ failure: null, demo_delivery: false, locale: 'ru' as const, data_dir: '/data' })),
    setLocale: vi.fn(async () => null),
    saveSupportLogs: vi.fn(async () => '/home/citizen/Кабинет — сведения для поддержки 2026-11-25.txt'),
    connection: vi.fn(async () => ({ setting: { mode: 'local' as const, url: '', ca: '' }, from_environment: false })),
    setConnection: vi.fn(async () => null),
    ...overrides,
  };
}

export function fakeApi(overrides: Partial<Api> = {}): Api {
  return {
    app: fakeAppApi(),
    registration: fakeRegistrationApi(),
    session: fakeSessionApi(),
    security: fakeSecurityApi(),
    recovery: fakeRecoveryApi(),
    profile: fakeProfileApi(),
    documents: fakeDocumentsApi(),
    applications: fakeApplicationsApi(),
    debts: fakeDebtsApi(),
    notifications: fakeNotificationsApi(),
    desktop: fakeDesktop(),
    staff: fakeStaffApi(),
    uploads: fakeUploadsApi(),
    consents: fakeConsentsApi(),
    exports: fakeExportsApi(),
    closure: fakeClosureApi(),
    desk: fakeDeskApi(),
    printing: fakePrintingApi(),
    queue: fakeQueueApi(),
    forced: fakeForcedApi(),
    team: fakeTeamApi(),
    audit: fakeAuditApi(),
    ...overrides,
  };
}

export function fakeStaffView(overrides: Partial<StaffView> = {}): StaffView {
  return {
    login: 'a.petrova',
    full_name: 'Петрова Анна Сергеевна',
    role: 'supervisor',
    started_at: '2026-11-25T09:00:00Z',
    idle_minutes: 15,
    ...overrides,
  };
}

export function fakeTransports(overrides: Partial<TransportSettingsView> = {}): TransportSettingsView {
  return {
    settings: { email: { transport: 'local' }, sms: { transport: 'local' } },
    smtp_password_set: false,
    sms_token_set: false,
    demo: true,
    ...overrides,
  };
}

export function fakeStaffApi(overrides: Partial<StaffApi> = {}): StaffApi {
  return {
    signIn: vi.fn(async () => fakeStaffView()),
    current: vi.fn(async () => null),
    signOut: vi.fn(async () => null),
    findCitizen: vi.fn(async () => Promise.reject(apiError('not_found', 'Не найдено'))),
    badge: vi.fn(async () => 0),
    transports: vi.fn(async () => fakeTransports()),
    saveTransports: vi.fn(async () => fakeTransports()),
    sendTest: vi.fn(async () => ({ ok: true, transport: 'local', destination: '+79160001122', error: null })),
    ...overrides,
  };
}

export function fakeUpload(overrides: Partial<UploadInfo> = {}): UploadInfo {
  return {
    id: 1,
    kind: 'passport_scan',
    name: 'паспорт.png',
    format: 'png',
    content_type: 'image/png',
    size: 123_456,
    sha256: 'ab'.repeat(32),
    created_at: '2026-11-25T09:00:00Z',
    ...overrides,
  };
}

/** The first bytes of a PNG: enough for an `<img>` source in tests. */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function fakeUploadsApi(overrides: Partial<UploadsApi> = {}): UploadsApi {
  return {
    list: vi.fn(async () => []),
    put: vi.fn(async (_body, headers) => {
      const replaces = headers?.['kabinet-upload-replaces'];
      return replaces === undefined
        ? fakeUpload({ kind: headers?.['kabinet-upload-kind'] as UploadKind })
        : fakeUpload({ id: Number(replaces) + 1 });
    }),
    content: vi.fn(async () => PNG_BYTES.slice().buffer),
    open: vi.fn(async () => null),
    delete: vi.fn(async () => []),
    ...overrides,
  };
}

export function fakeConsents(newsInForce = true): ConsentView[] {
  const basic = {
    version: '2026-11-01',
    accepted_at: '2026-11-25T09:00:00Z',
    withdrawn_at: null,
    in_force: true,
    can_withdraw: false,
    can_give: false,
    ends_with_closure: true,
  };
  return [
    { ...basic, kind: 'user_agreement', title: 'Пользовательское соглашение', purpose: 'Условия пользования Кабинетом' },
    {
      ...basic,
      kind: 'personal_data',
      title: 'Согласие на обработку персональных данных',
      purpose: 'Ведение личного кабинета',
    },
    {
      kind: 'service_news',
      title: 'Получение новостей сервиса',
      purpose: 'Сообщения о новых услугах',
      version: '2026-11-01',
      accepted_at: '2026-11-25T09:00:00Z',
      withdrawn_at: newsInForce ? null : '2026-11-25T10:00:00Z',
      in_force: newsInForce,
      can_withdraw: newsInForce,
      can_give: !newsInForce,
      ends_with_closure: false,
    },
  ];
}

export function fakeConsentsApi(overrides: Partial<ConsentsApi> = {}): ConsentsApi {
  return {
    list: vi.fn(async () => fakeConsents()),
    withdraw: vi.fn(async () => fakeConsents(false)),
    give: vi.fn(async () => fakeConsents(true)),
    ...overrides,
  };
}

export function fakeExportDone(overrides: Partial<ExportDone> = {}): ExportDone {
  return { path: '/home/anna/Кабинет — документы 482-913-075.zip', files: 3, bytes: 250_000, ...overrides };
}

export function fakeExportsApi(overrides: Partial<ExportsApi> = {}): ExportsApi {
  return {
    documentsZip: vi.fn(async () => fakeExportDone()),
    cancel: vi.fn(async () => null),
    historyPdf: vi.fn(async () => fakeExportDone({ path: '/home/anna/История обращений 482-913-075.pdf', files: 1 })),
    personalData: vi.fn(async ({ format }) =>
      fakeExportDone({ path: `/home/anna/Кабинет — мои данные 482-913-075.${format}`, files: 1 }),
    ),
    ...overrides,
  };
}

export function fakeClosureRequest(overrides: Partial<ClosureRequestView> = {}): ClosureRequestView {
  return {
    number: 'ЗК-2026-000001',
    status: 'pending',
    status_label: 'Ожидает закрытия',
    reason: 'not_needed',
    reason_label: 'Неактуальность',
    submitted_at: '2026-11-25T09:00:00Z',
    deadline: '27.11.2026',
    working_days: 2,
    auto_close_at: '2026-11-26T09:00:00Z',
    pending: 'Кабинет будет закрыт 26.11.2026 12:00, если не отозвать заявление',
    can_withdraw: true,
    application_number: 'ЗЛК-2026-000001',
    blank_number: 'БЗК-2026-000001',
    calendar_notices: [],
    ...overrides,
  };
}

export function fakeClosureStatus(overrides: Partial<ClosureStatus> = {}): ClosureStatus {
  return { status: 'active', status_label: 'Активен', request: null, closed: null, ...overrides };
}

/** «Ожидает закрытия» with a clean request. */
export function fakePendingClosure(request: Partial<ClosureRequestView> = {}): ClosureStatus {
  return fakeClosureStatus({
    status: 'pending_closure',
    status_label: 'Ожидает закрытия',
    request: fakeClosureRequest(request),
  });
}

export function fakePrecheckItem(overrides: Partial<PrecheckItem> = {}): PrecheckItem {
  return {
    kind: 'unsaved_documents',
    blocking: false,
    title: 'Документы в кабинете: 2',
    action: 'Сохраните их на следующем шаге: после удаления данных их не восстановить',
    reference: null,
    ...overrides,
  };
}

export function fakePrechecks(items: PrecheckItem[] = [fakePrecheckItem()]): Prechecks {
  return { items, can_continue: !items.some((item) => item.blocking) };
}

export function fakeClosureApi(overrides: Partial<ClosureApi> = {}): ClosureApi {
  return {
    status: vi.fn(async () => fakeClosureStatus()),
    prechecks: vi.fn(async () => fakePrechecks()),
    sendCode: vi.fn(async () => fakeCodeSent()),
    submit: vi.fn(async () => fakePendingClosure()),
    withdraw: vi.fn(async () => fakeClosureStatus()),
    restoreStart: vi.fn(async () => 'code_sent' as const),
    restoreComplete: vi.fn(async () => 'restored' as const),
    saveClosedConfirmation: vi.fn(async () => '/home/citizen/Подтверждение закрытия.pdf'),
    printClosedConfirmation: vi.fn(async () => 'sent' as const),
    ...overrides,
  };
}

// The staff desk: a citizen's card and its lists, the queues, forced closures and blocks, the
// team and the audit log.

export function fakeCitizenCard(overrides: Partial<CitizenCard> = {}): CitizenCard {
  return {
    account_number: '482-913-075',
    full_name: 'Иванов Иван Иванович',
    birth_date: '05.03.1990',
    level: 'standard',
    status: 'active',
    passport: '45 ** ****56',
    snils: '***-***-*** 95',
    block: null,
    waiting_requests: [],
    ...overrides,
  };
}

export function fakeDeskApi(overrides: Partial<DeskApi> = {}): DeskApi {
  return {
    card: vi.fn(async ({ account_number }) => fakeCitizenCard({ account_number })),
    applications: vi.fn(async () => []),
    setApplicationStatus: vi.fn(async ({ number, status }) =>
      fakeApplicationDetail({ number, status, status_label: status, unfinished: false }),
    ),
    debts: vi.fn(async () => ({ debts: [], open_total_kopecks: 0, open_total_text: '0,00 ₽' })),
    addDebt: vi.fn(async () => fakeDebt()),
    decideReceipt: vi.fn(async ({ id, accept }) =>
      fakeDebt({ id, status: accept ? 'paid' : 'open', paid_at: accept ? '2026-11-25T10:00:00Z' : null }),
    ),
    documents: vi.fn(async () => []),
    printDocument: vi.fn(async () => 'sent' as const),
    saveDocument: vi.fn(async () => '/home/operator/документ.pdf'),
    history: vi.fn(async () => ({ changes: [], page: 1, pages: 1 })),
    confirmIdentity: vi.fn(async ({ account_number }) => fakeCitizenCard({ account_number, level: 'confirmed' })),
    identitySlip: vi.fn(async () => 'sent' as const),
    issueDocument: vi.fn(async () => fakeMyDocument()),
    ...overrides,
  };
}

/** A «Подтверждение закрытия» of the day whose PDF goes into the batch. */
export function fakeDayBatchItem(overrides: Partial<DayBatchItem> = {}): DayBatchItem {
  return {
    number: 'ПЗК-2026-000001',
    title: 'Подтверждение закрытия личного кабинета № ПЗК-2026-000001',
    kind: 'closure_confirmation',
    account_number: '482-913-075',
    issued_at: '2026-11-25T09:00:00Z',
    included: true,
    ...overrides,
  };
}

export function fakePrintingApi(overrides: Partial<PrintingApi> = {}): PrintingApi {
  return {
    day: vi.fn(async ({ day }) => ({ day, items: [] })),
    printDay: vi.fn(async () => 'sent' as const),
    saveDay: vi.fn(async () => null),
    cancel: vi.fn(async () => null),
    ...overrides,
  };
}

export function fakeQueueItem(overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    id: 1,
    kind: 'closure_review',
    account_number: '482-913-075',
    request_number: 'ЗК-2026-000001',
    flags: ['debt_appeared'],
    flag_labels: ['Появилась задолженность'],
    reason_label: 'Неактуальность',
    created_at: '2026-11-25T09:00:00Z',
    due: '09.12.2026',
    working_days_left: 5,
    overdue: false,
    ...overrides,
  };
}

export function fakeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 1,
    account_number: '482-913-075',
    created_at: '2026-11-25T09:00:00Z',
    outcome: null,
    comment: null,
    handled_by: null,
    ...overrides,
  };
}

export function fakeStaffNotice(overrides: Partial<StaffNotice> = {}): StaffNotice {
  return {
    id: 1,
    text: 'Просрочено заявление о закрытии № ЗК-2026-000001: срок истёк 24.11.2026',
    request_number: 'ЗК-2026-000001',
    account_number: '482-913-075',
    created_at: '2026-11-25T09:00:00Z',
    unread: true,
    ...overrides,
  };
}

export function fakeStaffNotices(items: StaffNotice[] = []): StaffNotices {
  return { unread: items.filter((item) => item.unread).length, items };
}

export function fakeQueueApi(overrides: Partial<QueueApi> = {}): QueueApi {
  return {
    closures: vi.fn(async () => []),
    decide: vi.fn(async ({ approve }) =>
      approve
        ? fakeClosureStatus({ status: 'closed', status_label: 'Закрыт' })
        : fakeClosureStatus({ request: fakeClosureRequest({ status: 'rejected', status_label: 'Отклонено' }) }),
    ),
    restorations: vi.fn(async () => []),
    restore: vi.fn(async () => fakeClosureStatus()),
    incidents: vi.fn(async () => []),
    resolveIncident: vi.fn(async ({ id, outcome, comment }) =>
      fakeIncident({ id, outcome, comment, handled_by: 'a.petrova' }),
    ),
    notices: vi.fn(async () => fakeStaffNotices()),
    readNotices: vi.fn(async () => fakeStaffNotices()),
    ...overrides,
  };
}

export function fakeForcedCase(overrides: Partial<ForcedCase> = {}): ForcedCase {
  return {
    number: 'ПЗ-2026-000001',
    account_number: '482-913-075',
    ground: 'court_decision',
    ground_label: 'Решение суда',
    stage: 'executed',
    stage_label: 'Исполнено',
    decision_number: '2-1234/2026',
    decision_date: '20.11.2026',
    issuer: 'Тверской районный суд г. Москвы',
    text: null,
    created_at: '2026-11-25T09:00:00Z',
    notice_until: null,
    block_until: null,
    execute_by: '02.12.2026',
    executed_at: '2026-11-25T09:00:00Z',
    act_number: 'АКТ-2026-000001',
    cleared_at: null,
    ...overrides,
  };
}

export function fakeBlock(overrides: Partial<BlockView> = {}): BlockView {
  return {
    account_number: '482-913-075',
    reason: 'Проверка обращения',
    until: '2026-12-10T20:59:59Z',
    until_day: '10.12.2026',
    created_at: '2026-11-25T09:00:00Z',
    case_number: null,
    ...overrides,
  };
}

export function fakeForcedApi(overrides: Partial<ForcedApi> = {}): ForcedApi {
  return {
    register: vi.fn(async ({ account_number, ground }) => fakeForcedCase({ account_number, ground })),
    clear: vi.fn(async ({ account_number }) =>
      fakeForcedCase({ account_number, ground: 'rules_violation', stage: 'cleared', stage_label: 'Нарушение устранено' }),
    ),
    block: vi.fn(async ({ account_number, reason }) => fakeBlock({ account_number, reason })),
    unblock: vi.fn(async ({ account_number }) => fakeBlock({ account_number })),
    list: vi.fn(async () => ({ cases: [], blocks: [] })),
    ...overrides,
  };
}

export function fakeStaffInfo(overrides: Partial<StaffInfo> = {}): StaffInfo {
  return {
    login: 'i.sidorov',
    full_name: 'Сидоров Иван Петрович',
    role: 'operator',
    created_at: '2026-11-20T09:00:00Z',
    disabled_at: null,
    locked_until: null,
    ...overrides,
  };
}

export function fakeStaffCreated(overrides: Partial<StaffCreated> = {}): StaffCreated {
  return {
    login: 'i.sidorov',
    role: 'operator',
    otpauth_uri: 'otpauth://totp/Kabinet:i.sidorov?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Kabinet',
    secret: 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ',
    ...overrides,
  };
}

export function fakeTeamApi(overrides: Partial<TeamApi> = {}): TeamApi {
  return {
    list: vi.fn(async () => []),
    add: vi.fn(async (staff) => fakeStaffCreated({ login: staff.login, role: staff.role === 'supervisor' ? 'supervisor' : 'operator' })),
    disable: vi.fn(async ({ login }) => fakeStaffInfo({ login, disabled_at: '2026-11-25T10:00:00Z' })),
    resetTotp: vi.fn(async ({ login }) => fakeStaffCreated({ login })),
    ...overrides,
  };
}

export function fakeAuditRow(overrides: Partial<AuditRow> = {}): AuditRow {
  return {
    seq: 1,
    at: '2026-11-25T09:00:00Z',
    who: 'a.petrova',
    action: 'citizen_found',
    target: '482-913-075',
    details: '{"purpose":"citizen_request"}',
    ...overrides,
  };
}

export function fakeAuditPage(rows: AuditRow[] = [], overrides: Partial<AuditPage> = {}): AuditPage {
  return { rows, page: 1, pages: 1, total: rows.length, ...overrides };
}

export function fakeAuditApi(overrides: Partial<AuditApi> = {}): AuditApi {
  return {
    page: vi.fn(async () => fakeAuditPage()),
    verify: vi.fn(async () => ({ ok: true, rows: 0, head_seq: 0, head_hash: '', broken_at: null, reason: null })),
    ...overrides,
  };
}

/** Every group the staff desk calls, each a fake unless given. */
export function fakeStaffDesk(overrides: Partial<StaffDeskApi> = {}): StaffDeskApi {
  return {
    staff: fakeStaffApi(),
    desk: fakeDeskApi(),
    printing: fakePrintingApi(),
    queue: fakeQueueApi(),
    forced: fakeForcedApi(),
    team: fakeTeamApi(),
    audit: fakeAuditApi(),
    ...overrides,
  };
}
