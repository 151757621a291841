// Generated from crates/kabinet-core/src/contract.rs by ts-rs. Do not edit:
// run `UPDATE_CONTRACT=1 cargo test -p kabinet-core --test core contract::` instead.

export type Locale = "ru" | "en";

export type ErrorCode = "validation" | "identifier_taken" | "identifier_of_closed_account" | "code_missing" | "code_wrong" | "code_expired" | "code_burned" | "rate_limited" | "registration_expired" | "reset_expired" | "invalid_credentials" | "not_signed_in" | "locked" | "challenge_expired" | "password_change_required" | "reauthentication_required" | "keyring_unavailable" | "keyring_locked" | "key_missing" | "key_wrong" | "database_too_new" | "data_dir_unavailable" | "database_unavailable" | "not_found" | "nothing_to_undo" | "consent_not_withdrawable" | "consent_missing" | "staff_not_signed_in" | "forbidden" | "wrong_state" | "account_closed" | "closure_blocked" | "account_blocked" | "save_failed" | "cancelled" | "file_unreadable" | "too_many_requests" | "server_unreachable" | "internal";

export type Invalid = "required" | "too_short" | "too_long" | "format" | "checksum" | "only_digits" | "name_characters" | "name_separators" | "name_too_long" | "date_format" | "date_not_real" | "date_in_future" | "too_young" | "too_old" | "gender_value" | "passport_length" | "division_code_format" | "issue_before_fourteen" | "issued_by_too_short" | "issued_by_too_long" | "issued_by_characters" | "issued_by_no_letters" | "snils_length" | "inn_organization" | "inn_length" | "phone_format" | "phone_country" | "not_mobile" | "email_too_long" | "email_local_too_long" | "email_whitespace" | "email_at" | "email_local" | "email_domain" | "email_tld" | "password_too_short" | "password_too_long" | "password_no_upper" | "password_no_lower" | "password_no_digit" | "password_no_special" | "password_repeated" | "password_sequence" | "password_common" | "password_contains_birth_date" | "password_contains_phone" | "password_contains_snils" | "password_contains_name" | "password_contains_email" | "password_reused" | "identifier_format" | "account_number_format" | "head_format" | "citizen_query_format" | "taken" | "password_mismatch" | "not_accepted" | "password_wrong" | "code_wrong" | "out_of_range" | "time_format" | "quiet_hours_empty" | "quiet_hours_cover_workday" | "service_unknown" | "duplicate" | "not_switchable" | "channel_not_testable" | "url_format" | "template_json" | "clear_text_remote" | "clear_text_credentials" | "login_format" | "login_taken" | "full_name_parts" | "role_unknown" | "totp_format" | "passport_mismatch" | "differs_from_account" | "nothing_on_file" | "identity_code_format" | "not_an_option" | "amount_format" | "amount_range" | "scan_type" | "scan_empty" | "scan_too_large" | "date_in_past" | "block_too_long" | "document_number_format" | "identity_not_checked" | "server_url_scheme" | "server_ca_file" | "server_no_answer";

export type Field = "phone" | "code" | "surname" | "given_name" | "patronymic" | "birth_date" | "gender" | "password" | "password_repeat" | "accept_terms" | "accept_personal_data" | "identifier" | "email" | "snils" | "inn" | "passport" | "division_code" | "issue_date" | "issued_by" | "current_password" | "idle_minutes" | "address" | "notification_matrix" | "service" | "quiet_hours_start" | "quiet_hours_end" | "channel" | "smtp_host" | "smtp_port" | "smtp_user" | "smtp_password" | "smtp_from" | "gateway_url" | "body_template" | "passport_scan" | "snils_scan" | "file" | "login" | "totp_code" | "full_name" | "role" | "form_field" | "reason" | "comment" | "amount" | "due_date" | "agency" | "purpose" | "receipt" | "account_number" | "closure_consent" | "decision_number" | "decision_date" | "issuer" | "certificate" | "grounds" | "identity_checked" | "notice_days" | "block_days" | "blocked_until" | "operator" | "supervisor" | "identity_code" | "date_from" | "date_to" | "day" | "head" | "action" | "target" | "server_url" | "server_ca";

export type FieldError = { 
/**
 * The field of the request.
 */
field: Field, 
/**
 * The rule that failed.
 */
code: Invalid, 
/**
 * The field's label and the reason, in the current locale.
 */
message: string, 
/**
 * For `form_field`: the key of the service form's field.
 */
key?: string, };

export type ErrorDetails = { 
/**
 * Tries left for the current one-time code.
 */
attempts_left?: number, 
/**
 * When the action may be tried again (RFC 3339, UTC).
 */
retry_at?: string, 
/**
 * When a closed account was closed (RFC 3339).
 */
closed_on?: string, 
/**
 * Until when a closed account can be restored (RFC 3339); absent when that time is over.
 */
restore_until?: string, 
/**
 * True when a closed account is restored only through an operator (closed by staff).
 */
restore_by_operator?: boolean, 
/**
 * When a closed account's personal data is destroyed (RFC 3339).
 */
purge_at?: string, 
/**
 * When a block ends (RFC 3339, the end of its last day).
 */
blocked_until?: string, };

export type ApiError = { 
/**
 * What went wrong.
 */
code: ErrorCode, 
/**
 * A sentence for people, in the current locale.
 */
message: string, 
/**
 * Per-field reasons; empty unless `code` is `validation`.
 */
fields: Array<FieldError>, 
/**
 * Limits and times that explain the error (boxed: errors stay small to move around).
 */
details: ErrorDetails, };

export type AppStatus = { 
/**
 * `None` when the data is open; otherwise why not, for its own screen.
 */
failure: ApiError | null, 
/**
 * True while messages are kept locally instead of being sent («Демонстрационная доставка»).
 */
demo_delivery: boolean, 
/**
 * The language of messages.
 */
locale: Locale, 
/**
 * The data directory, so support can find it.
 */
data_dir: string, };

export type ConnectionMode = "local" | "server";

export type ConnectionSetting = { 
/**
 * Where the data lives.
 */
mode: ConnectionMode, 
/**
 * The server's address (`https://…`; `http://` only on this computer); empty for `local`.
 */
url: string, 
/**
 * The PEM file of the private CA that signed the server's certificate; empty: the system's.
 */
ca: string, };

export type ConnectionView = { 
/**
 * What this run of the app uses.
 */
setting: ConnectionSetting, 
/**
 * Pinned by the environment (`KABINET_SERVER_URL`): the panel shows it and cannot change it.
 */
from_environment: boolean, };

export type SendCodeRequest = { 
/**
 * The phone as typed.
 */
phone: string, };

export type CodeSent = { 
/**
 * Where it went, normalised (E.164).
 */
destination: string, 
/**
 * When the code stops working.
 */
expires_at: string, 
/**
 * From when another code may be requested.
 */
resend_at: string, 
/**
 * Codes left for this destination in the current hour.
 */
sends_left: number, };

export type VerifyCodeRequest = { 
/**
 * The phone as typed on step 1.
 */
phone: string, 
/**
 * The six digits.
 */
code: string, };

export type PhoneConfirmed = { 
/**
 * Opaque proof of the confirmed phone, valid 30 minutes.
 */
ticket: string, 
/**
 * The confirmed phone (E.164).
 */
phone: string, 
/**
 * When the ticket expires.
 */
expires_at: string, };

export type RegistrationDraft = { 
/**
 * From [`PhoneConfirmed`].
 */
ticket: string, 
/**
 * Фамилия.
 */
surname?: string, 
/**
 * Имя.
 */
given_name?: string, 
/**
 * Отчество «при наличии»: empty or absent means none.
 */
patronymic?: string, 
/**
 * ДД.ММ.ГГГГ.
 */
birth_date?: string, 
/**
 * «М» or «Ж».
 */
gender?: string, 
/**
 * The new password.
 */
password?: string, 
/**
 * The password again.
 */
password_repeat?: string, 
/**
 * The user agreement was accepted.
 */
accept_terms?: boolean, 
/**
 * Consent to personal-data processing was given.
 */
accept_personal_data?: boolean, };

export type Agreements = { 
/**
 * Version of the user agreement.
 */
terms_version: string, 
/**
 * The user agreement's text.
 */
terms_text: string, 
/**
 * Version of the consent to personal-data processing.
 */
consent_version: string, 
/**
 * The consent's text.
 */
consent_text: string, };

export type Registered = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * Its level.
 */
level: Level, };

export type Level = "simplified" | "standard" | "confirmed";

export type AccountStatus = "active" | "pending_closure" | "closed" | "purged";

export type Gender = "М" | "Ж";

export type SignInRequest = { 
/**
 * Phone, e-mail or СНИЛС as typed.
 */
identifier: string, 
/**
 * The password.
 */
password: string, 
/**
 * «Запомнить меня»: keep the session in the OS keyring across restarts.
 */
remember_me: boolean, };

export type SessionView = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * Фамилия Имя Отчество.
 */
full_name: string, 
/**
 * Level.
 */
level: Level, 
/**
 * Status.
 */
status: AccountStatus, 
/**
 * The confirmed phone (E.164).
 */
phone: string, 
/**
 * Whether this session survives a restart.
 */
remembered: boolean, 
/**
 * When the session started.
 */
started_at: string, 
/**
 * The password has expired or must be changed: only the password change is allowed.
 */
password_change_required: boolean, 
/**
 * When the password expires (90 days after it was set).
 */
password_expires_at: string, 
/**
 * The password expires within 7 days.
 */
password_expires_soon: boolean, };

export type SignInOutcome = { "step": "signed_in", 
/**
 * The new session.
 */
session: SessionView, } | { "step": "second_factor", 
/**
 * Opaque challenge, valid 5 minutes, 3 wrong answers.
 */
challenge: string, 
/**
 * Which factor is asked for.
 */
method: SecondFactorKind, 
/**
 * Where a code was sent (SMS or e-mail factor).
 */
destination: string | null, };

export type SecondFactorKind = "totp" | "sms" | "email";

export type SecondFactorRequest = { 
/**
 * From [`SignInOutcome::SecondFactor`].
 */
challenge: string, 
/**
 * Six digits, or a backup code `XXXX-XXXX`.
 */
code: string, };

export type SessionInfo = { 
/**
 * Row number, to end it.
 */
id: number, 
/**
 * The device's name.
 */
device: string, 
/**
 * The operating system.
 */
os: string, 
/**
 * The IP address, where known.
 */
ip: string | null, 
/**
 * Kept across restarts («Запомнить меня»).
 */
remembered: boolean, 
/**
 * «Этот компьютер»: the session of this app.
 */
current: boolean, 
/**
 * When it started.
 */
started_at: string, 
/**
 * Its last activity.
 */
last_seen_at: string, };

export type EndSessionRequest = { 
/**
 * From [`SessionInfo::id`].
 */
id: number, };

export type FactorCodeRequest = { 
/**
 * The code; may be absent only while no factor is on.
 */
code: string | null, };

export type JournalRequest = { 
/**
 * From 1.
 */
page: number, };

export type JournalEntry = { 
/**
 * `signed_in`, `sign_in_failed`, `password_check_failed`, `factor_check_failed`, `locked`, `password_changed`, `password_reset`,
 * `second_factor_enabled`, `second_factor_disabled`, `backup_code_used`, `signed_out`,
 * `sessions_ended`, `not_me`, `registered`.
 */
event: string, 
/**
 * The event in words, in the current locale.
 */
title: string, 
/**
 * When (RFC 3339).
 */
at: string, 
/**
 * The device's name.
 */
device: string, 
/**
 * The IP address, where known (a desktop app signs in locally: none).
 */
ip: string | null, };

export type JournalPage = { 
/**
 * The entries.
 */
entries: Array<JournalEntry>, 
/**
 * This page, from 1.
 */
page: number, 
/**
 * Number of pages (at least 1).
 */
pages: number, };

export type PasswordChangeRequest = { 
/**
 * The password now.
 */
current_password: string, 
/**
 * The new password.
 */
password: string, 
/**
 * The new password again.
 */
password_repeat: string, };

export type ReauthRequest = { 
/**
 * The password.
 */
password: string, };

export type TotpSetup = { 
/**
 * The key in Base32, grouped by four, to type by hand.
 */
manual_key: string, 
/**
 * The `otpauth://` URI (it holds the key).
 */
uri: string, 
/**
 * The QR code of the URI, as an SVG document (it holds the key too).
 */
qr_svg: string, };

export type TotpConfirmRequest = { 
/**
 * Six digits.
 */
code: string, };

export type BackupCodes = { 
/**
 * Ten single-use codes `XXXX-XXXX`.
 */
codes: Array<string>, 
/**
 * When they were issued.
 */
issued_at: string, };

export type DisableSecondFactorRequest = { 
/**
 * The password.
 */
password: string, 
/**
 * A code of the current factor, or a backup code.
 */
code: string, };

export type RecoveryReadiness = { 
/**
 * A confirmed phone exists.
 */
phone_confirmed: boolean, 
/**
 * A confirmed e-mail exists.
 */
email_confirmed: boolean, 
/**
 * The second factor, if on.
 */
second_factor: SecondFactorKind | null, 
/**
 * When the second factor was last used.
 */
second_factor_last_used: string | null, 
/**
 * Unused backup codes.
 */
backup_codes_left: number, 
/**
 * When a backup code was last used.
 */
backup_code_last_used: string | null, 
/**
 * When the password was last set.
 */
password_changed_at: string, };

export type SecuritySettings = { 
/**
 * Minutes without activity before the app returns to sign-in (1–240, default 15).
 */
idle_minutes: number, };

export type RecoveryStartRequest = { 
/**
 * Phone, e-mail or СНИЛС.
 */
identifier: string, };

export type RecoverySent = { 
/**
 * When the code stops working.
 */
expires_at: string, 
/**
 * From when another code may be requested.
 */
resend_at: string, };

export type RecoveryVerifyRequest = { 
/**
 * The identifier of step 1.
 */
identifier: string, 
/**
 * The six digits.
 */
code: string, };

export type RecoveryTicket = { 
/**
 * Opaque, valid 15 minutes, used once.
 */
ticket: string, 
/**
 * When it expires.
 */
expires_at: string, };

export type RecoveryCompleteRequest = { 
/**
 * From [`RecoveryTicket`].
 */
ticket: string, 
/**
 * The new password.
 */
password: string, 
/**
 * The new password again.
 */
password_repeat: string, };

export type Profile = { 
/**
 * Фамилия.
 */
surname: string, 
/**
 * Имя.
 */
given_name: string, 
/**
 * Отчество.
 */
patronymic: string | null, 
/**
 * ДД.ММ.ГГГГ.
 */
birth_date: string, 
/**
 * «М» or «Ж».
 */
gender: string, 
/**
 * Level.
 */
level: Level, 
/**
 * The confirmed phone (E.164).
 */
phone: string, 
/**
 * The confirmed e-mail.
 */
email: string | null, 
/**
 * СНИЛС, 11 digits.
 */
snils: string | null, 
/**
 * ИНН, 12 digits.
 */
inn: string | null, 
/**
 * Passport series and number, 10 digits.
 */
passport_number: string | null, 
/**
 * ДД.ММ.ГГГГ.
 */
passport_issue_date: string | null, 
/**
 * Кем выдан.
 */
passport_issued_by: string | null, 
/**
 * NNN-NNN.
 */
division_code: string | null, 
/**
 * Address, free text.
 */
address: string | null, };

export type ProfileUpdate = { 
/**
 * Фамилия.
 */
surname: string, 
/**
 * Имя.
 */
given_name: string, 
/**
 * Отчество, empty for none.
 */
patronymic: string | null, 
/**
 * ДД.ММ.ГГГГ.
 */
birth_date: string, 
/**
 * «М» or «Ж».
 */
gender: string, 
/**
 * СНИЛС, empty for none.
 */
snils: string | null, 
/**
 * ИНН, empty for none.
 */
inn: string | null, 
/**
 * Passport series and number («45 08 123456»), empty for none.
 */
passport_number: string | null, 
/**
 * ДД.ММ.ГГГГ.
 */
passport_issue_date: string | null, 
/**
 * Кем выдан.
 */
passport_issued_by: string | null, 
/**
 * NNN-NNN.
 */
division_code: string | null, 
/**
 * Address.
 */
address: string | null, 
/**
 * The six digits sent to the phone.
 */
code: string, };

export type ContactKind = "phone" | "email";

export type ContactChangeRequest = { 
/**
 * Which contact.
 */
kind: ContactKind, 
/**
 * The new value as typed.
 */
value: string, };

export type ContactChangeConfirm = { 
/**
 * Which contact.
 */
kind: ContactKind, 
/**
 * The new value as typed.
 */
value: string, 
/**
 * The six digits sent to it.
 */
code: string, };

export type ProfileChange = { 
/**
 * When.
 */
at: string, 
/**
 * Machine name of the field.
 */
field: string, 
/**
 * The field in words.
 */
label: string, 
/**
 * Before (document numbers masked).
 */
old_value: string | null, 
/**
 * After (document numbers masked).
 */
new_value: string | null, 
/**
 * `citizen`, `operator` or `system`.
 */
actor: string, };

export type ProfileHistoryPage = { 
/**
 * The changes, newest first.
 */
changes: Array<ProfileChange>, 
/**
 * This page, from 1.
 */
page: number, 
/**
 * Number of pages.
 */
pages: number, };

export type PageRequest = { 
/**
 * From 1.
 */
page: number, };

export type Channel = "sms" | "email" | "desktop" | "in_app";

export type OutboxMessage = { 
/**
 * Row number.
 */
id: number, 
/**
 * How it travels.
 */
channel: Channel, 
/**
 * Phone or e-mail.
 */
destination: string, 
/**
 * Machine-readable kind.
 */
kind: string, 
/**
 * Subject or title.
 */
subject: string, 
/**
 * The text; a code's text reads «[код скрыт]» once the code expired or left the machine.
 */
body: string, 
/**
 * When it was written (RFC 3339).
 */
created_at: string, 
/**
 * `pending`, `sending`, `delivered` or `failed`.
 */
status: string, 
/**
 * Which transport delivered it.
 */
transport: string | null, 
/**
 * The attached file's name (the certificate's e-mail), if any.
 */
attachment_name: string | null, 
/**
 * Its size in bytes (0 once an SMTP server took it).
 */
attachment_size: number, };

export type CheckKind = "snils" | "inn" | "passport" | "division-code" | "phone" | "email" | "name" | "birth-date" | "password";

export type CheckResult = { 
/**
 * The value as given.
 */
value: string, 
/**
 * Whether it passes every rule.
 */
ok: boolean, 
/**
 * The failing rule, if any.
 */
code: Invalid | null, 
/**
 * The reason in the current locale, if any.
 */
message: string | null, 
/**
 * The stored form, if valid.
 */
normalized: string | null, };

export type EventType = "application_accepted" | "application_in_review" | "application_documents_required" | "application_result_ready" | "application_refused" | "application_cancelled" | "payment_due" | "appointment" | "password_expiry" | "security" | "closure_requested" | "closure_completed" | "account_restored" | "service_news";

export type EventCategory = "applications" | "reminders" | "security" | "account" | "news";

export type EventTypeInfo = { 
/**
 * The event type.
 */
event: EventType, 
/**
 * Its group.
 */
category: EventCategory, 
/**
 * The row's label, in the current locale.
 */
label: string, 
/**
 * Passes «Только важные».
 */
important: boolean, 
/**
 * Cannot be switched off and ignores quiet and working hours (security, closure requested).
 */
locked: boolean, };

export type ServiceInfo = { 
/**
 * Machine code, e.g. `passport_foreign`.
 */
code: string, 
/**
 * Its name, in the current locale.
 */
name: string, };

export type MatrixRow = { 
/**
 * The event type.
 */
event: EventType, 
/**
 * Desktop notification.
 */
desktop: boolean, 
/**
 * E-mail (to the confirmed address).
 */
email: boolean, 
/**
 * SMS (to the confirmed phone).
 */
sms: boolean, };

export type ServiceOverride = { 
/**
 * A code from [`ServiceInfo`].
 */
service: string, 
/**
 * Desktop notification.
 */
desktop: boolean, 
/**
 * E-mail.
 */
email: boolean, 
/**
 * SMS.
 */
sms: boolean, };

export type QuietHours = { 
/**
 * `ЧЧ:ММ`, e.g. `22:00`.
 */
start: string, 
/**
 * `ЧЧ:ММ`, e.g. `08:00` (the first minute messages go out again).
 */
end: string, };

export type NotificationSettings = { 
/**
 * One row per event type (missing rows take the defaults).
 */
matrix: Array<MatrixRow>, 
/**
 * Per-service overrides.
 */
overrides: Array<ServiceOverride>, 
/**
 * «Только важные»: other messages go to the archive silently.
 */
only_important: boolean, 
/**
 * «Тихие часы», if set.
 */
quiet_hours: QuietHours | null, 
/**
 * Deliver only on working hours: Monday to Friday, 09:00–18:00 local time.
 */
working_hours_only: boolean, };

export type NotificationSettingsView = { 
/**
 * The saved settings.
 */
settings: NotificationSettings, 
/**
 * The matrix rows in display order.
 */
events: Array<EventTypeInfo>, 
/**
 * The services that can be overridden.
 */
services: Array<ServiceInfo>, 
/**
 * «Отменить» restores the version before the last save.
 */
can_undo: boolean, 
/**
 * When they were last saved (absent: never, defaults apply).
 */
saved_at: string | null, 
/**
 * The machine's UTC offset now, e.g. `+03:00`: quiet hours are in this zone.
 */
utc_offset: string, };

export type Folder = "inbox" | "archive" | "deleted";

export type InboxQuery = { 
/**
 * Which folder.
 */
folder: Folder, 
/**
 * Only this group, if given.
 */
category?: EventCategory, 
/**
 * Messages older than this id (the previous page's `next_before`); absent: the newest.
 */
before?: number, 
/**
 * Page size, 1–100 (default 20).
 */
limit?: number, };

export type InboxItem = { 
/**
 * Its number.
 */
id: number, 
/**
 * The event type.
 */
event: EventType, 
/**
 * Its group.
 */
category: EventCategory, 
/**
 * The service it concerns, if any.
 */
service: string | null, 
/**
 * The service's name.
 */
service_name: string | null, 
/**
 * Title.
 */
title: string, 
/**
 * Text.
 */
body: string, 
/**
 * When it was written.
 */
created_at: string, 
/**
 * Opened or marked read.
 */
read: boolean, 
/**
 * Filed to the archive by «Только важные».
 */
archived: boolean, 
/**
 * Passes «Только важные».
 */
important: boolean, 
/**
 * When deleted, if it is in «Удалённые».
 */
deleted_at: string | null, 
/**
 * When a deleted message is gone for good.
 */
purge_at: string | null, 
/**
 * Show «Это был не я» (security messages).
 */
not_me: boolean, };

export type InboxPage = { 
/**
 * Newest first.
 */
items: Array<InboxItem>, 
/**
 * Pass as `before` for the next page; absent on the last page.
 */
next_before: number | null, 
/**
 * Unread messages in «Входящие» (the bell).
 */
unread: number, };

export type UnreadCount = { 
/**
 * Unread, not archived, not deleted.
 */
unread: number, };

export type MessageRequest = { 
/**
 * From [`InboxItem::id`].
 */
id: number, };

export type MarkReadRequest = { 
/**
 * From [`InboxItem::id`].
 */
id: number, 
/**
 * Read (true) or unread (false).
 */
read: boolean, };

export type DeliveryStatus = "sent" | "pending" | "sending" | "held" | "failed" | "suppressed" | "archived";

export type HoldReason = "quiet_hours" | "working_hours";

export type SuppressReason = "settings" | "no_address";

export type AttemptResult = "sending" | "sent" | "failed" | "interrupted";

export type DeliveryAttempt = { 
/**
 * 1, 2, …
 */
attempt: number, 
/**
 * `local`, `smtp`, `http` or `desktop`.
 */
transport: string, 
/**
 * When it started.
 */
at: string, 
/**
 * The outcome.
 */
result: AttemptResult, 
/**
 * The transport's reason, for failures.
 */
error: string | null, };

export type ChannelDelivery = { 
/**
 * The channel.
 */
channel: Channel, 
/**
 * Phone or e-mail (none for the inbox and desktop).
 */
destination: string | null, 
/**
 * Where it stands.
 */
status: DeliveryStatus, 
/**
 * When it was sent (or failed for good, or was decided).
 */
at: string | null, 
/**
 * Held until (RFC 3339).
 */
held_until: string | null, 
/**
 * Held until, as local `ЧЧ:ММ` (the date is in `held_until` and in `summary`).
 */
held_until_local: string | null, 
/**
 * Why it was held.
 */
hold_reason: HoldReason | null, 
/**
 * Why it was not sent.
 */
suppressed: SuppressReason | null, 
/**
 * The last failure's reason.
 */
error: string | null, 
/**
 * The next try, while pending after a failure.
 */
next_attempt_at: string | null, 
/**
 * Every try, oldest first.
 */
attempts: Array<DeliveryAttempt>, 
/**
 * One line for people, e.g. «Отложено (тихие часы) до 08:00».
 */
summary: string, };

export type MessageHistory = { 
/**
 * The message (inbox) number.
 */
id: number, 
/**
 * The event type.
 */
event: EventType, 
/**
 * Title.
 */
title: string, 
/**
 * When it was written.
 */
created_at: string, 
/**
 * In the app, desktop, e-mail, SMS — in that order.
 */
deliveries: Array<ChannelDelivery>, };

export type HistoryQuery = { 
/**
 * Messages older than this id; absent: the newest.
 */
before?: number, 
/**
 * Page size, 1–100 (default 20).
 */
limit?: number, };

export type MessageHistoryPage = { 
/**
 * The messages.
 */
messages: Array<MessageHistory>, 
/**
 * Pass as `before` for the next page.
 */
next_before: number | null, };

export type DesktopToast = { 
/**
 * The message (inbox) number, to open it on click.
 */
id: number, 
/**
 * The event type.
 */
event: EventType, 
/**
 * Title.
 */
title: string, 
/**
 * Text.
 */
body: string, };

export type NewNotification = { 
/**
 * «Номер личного кабинета», with or without dashes.
 */
account_number: string, 
/**
 * The event type.
 */
event: EventType, 
/**
 * A service code from the catalogue, if the message concerns one.
 */
service?: string, 
/**
 * Title.
 */
title: string, 
/**
 * Text.
 */
body: string, };

export type Published = { 
/**
 * The message (inbox) number.
 */
id: number, 
/**
 * In the app, desktop, e-mail, SMS.
 */
deliveries: Array<ChannelDelivery>, };

export type SmtpTls = "none" | "starttls" | "tls";

export type EmailTransport = { "transport": "local" } | { "transport": "smtp", 
/**
 * Host name or IP address.
 */
host: string, 
/**
 * Port, 1–65535.
 */
port: number, 
/**
 * How the connection is secured.
 */
tls: SmtpTls, 
/**
 * Login, if the server wants one.
 */
user: string | null, 
/**
 * The sender, e.g. `Кабинет <noreply@example.ru>` or a bare address.
 */
from: string, };

export type SmsTransport = { "transport": "local" } | { "transport": "http", 
/**
 * `https://…` (plain `http://` only to this machine).
 */
url: string, 
/**
 * The JSON body with `{to}`, `{text}` and optionally `{key}` (the idempotency key).
 */
body_template: string, };

export type TransportSettings = { 
/**
 * E-mail.
 */
email: EmailTransport, 
/**
 * SMS.
 */
sms: SmsTransport, };

export type TransportSettingsView = { 
/**
 * The settings (no secrets).
 */
settings: TransportSettings, 
/**
 * An SMTP password is in the keyring.
 */
smtp_password_set: boolean, 
/**
 * A gateway token is in the keyring.
 */
sms_token_set: boolean, 
/**
 * Both channels are local: show «Демонстрационная доставка».
 */
demo: boolean, };

export type TransportUpdate = { 
/**
 * The settings.
 */
settings: TransportSettings, 
/**
 * A new SMTP password (absent: keep the stored one; empty: remove it).
 */
smtp_password?: string, 
/**
 * A new gateway token (absent: keep the stored one; empty: remove it).
 */
sms_token?: string, };

export type TransportTestRequest = { 
/**
 * `email` or `sms`.
 */
channel: Channel, 
/**
 * Where to, as typed.
 */
to: string, };

export type TransportTestResult = { 
/**
 * The transport accepted the message.
 */
ok: boolean, 
/**
 * `local`, `smtp` or `http`.
 */
transport: string, 
/**
 * The normalised destination.
 */
destination: string, 
/**
 * The reason, when not ok.
 */
error: string | null, };

export type ApplicationStatus = "accepted" | "in_review" | "documents_required" | "completed" | "refused" | "cancelled";

export type FormFieldKind = "text" | "long_text" | "date" | "choice";

export type ServiceSummary = { 
/**
 * Machine code, e.g. `passport_foreign`.
 */
code: string, 
/**
 * Its name, in the current locale.
 */
name: string, 
/**
 * The agency that provides it.
 */
agency: string, 
/**
 * The usual time to a result, in days.
 */
days: number, };

export type FormField = { 
/**
 * Its key in [`SubmitApplication::fields`].
 */
key: string, 
/**
 * Its label, in the current locale.
 */
label: string, 
/**
 * How it is typed in.
 */
kind: FormFieldKind, 
/**
 * Must be filled in.
 */
required: boolean, 
/**
 * The choices of a `choice` field.
 */
options: Array<string>, 
/**
 * The profile's value, if the field is taken from it (empty otherwise).
 */
value: string, };

export type ServiceForm = { 
/**
 * The service.
 */
service: ServiceSummary, 
/**
 * Its fields in order.
 */
fields: Array<FormField>, };

export type ServiceRequest = { 
/**
 * A code from the catalogue.
 */
service: string, };

export type SubmitApplication = { 
/**
 * A code from the catalogue.
 */
service: string, 
/**
 * Field key → value as typed.
 */
fields: { [key in string]: string }, };

export type ApplicationSummary = { 
/**
 * «Номер заявления», e.g. `2026-000123`.
 */
number: string, 
/**
 * The service's code.
 */
service: string, 
/**
 * The service's name.
 */
service_name: string, 
/**
 * Where it stands.
 */
status: ApplicationStatus, 
/**
 * The status in words, in the current locale.
 */
status_label: string, 
/**
 * Submitted (RFC 3339).
 */
submitted_at: string, 
/**
 * Last status change (RFC 3339).
 */
updated_at: string, 
/**
 * Accepted, in review or waiting for documents: may be cancelled.
 */
unfinished: boolean, };

export type SubmittedField = { 
/**
 * The field's key.
 */
key: string, 
/**
 * Its label when submitted.
 */
label: string, 
/**
 * The value (empty when an optional field was left out).
 */
value: string, };

export type StatusChange = { 
/**
 * The new status.
 */
status: ApplicationStatus, 
/**
 * The status in words.
 */
status_label: string, 
/**
 * When (RFC 3339).
 */
at: string, 
/**
 * The comment (the citizen's reason for a cancellation, the operator's note).
 */
comment: string | null, 
/**
 * Who: `citizen`, `operator` or `system`.
 */
actor: string, };

export type ApplicationDetail = { 
/**
 * The list entry.
 */
summary: ApplicationSummary, 
/**
 * The agency.
 */
agency: string, 
/**
 * The form as submitted.
 */
form: Array<SubmittedField>, 
/**
 * Oldest first.
 */
history: Array<StatusChange>, };

export type ApplicationRequest = { 
/**
 * «Номер заявления».
 */
number: string, };

export type CancelApplication = { 
/**
 * «Номер заявления».
 */
number: string, 
/**
 * Why (3–500 characters).
 */
reason: string, };

export type StatusUpdate = { 
/**
 * «Номер заявления».
 */
number: string, 
/**
 * The new status.
 */
status: ApplicationStatus, 
/**
 * A comment for the citizen (required for «Требуются документы» and «Отказано»).
 */
comment?: string, };

export type DebtKind = "tax" | "fine" | "state_fee" | "utility";

export type DebtStatus = "open" | "awaiting_confirmation" | "paid";

export type Debt = { 
/**
 * Its number.
 */
id: number, 
/**
 * The kind.
 */
kind: DebtKind, 
/**
 * The kind in words.
 */
kind_label: string, 
/**
 * The agency owed.
 */
agency: string, 
/**
 * What it is for.
 */
purpose: string, 
/**
 * The amount in kopecks.
 */
amount_kopecks: number, 
/**
 * The amount in roubles as shown, e.g. `1 234,56 ₽`.
 */
amount_text: string, 
/**
 * Due date, ДД.ММ.ГГГГ.
 */
due_date: string, 
/**
 * Past the due date and not paid.
 */
overdue: boolean, 
/**
 * Where it stands.
 */
status: DebtStatus, 
/**
 * When the citizen said it was paid (RFC 3339).
 */
claimed_at: string | null, 
/**
 * The receipt's file name.
 */
receipt_name: string | null, 
/**
 * When an operator confirmed the payment (RFC 3339).
 */
paid_at: string | null, };

export type DebtList = { 
/**
 * Open first (by due date), then paid.
 */
debts: Array<Debt>, 
/**
 * The sum of the open ones, in kopecks.
 */
open_total_kopecks: number, 
/**
 * The same in roubles as shown.
 */
open_total_text: string, };

export type NewDebt = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * The kind.
 */
kind: DebtKind, 
/**
 * The agency owed.
 */
agency: string, 
/**
 * What it is for.
 */
purpose: string, 
/**
 * The amount in roubles as typed: `1234,56`, `1 234.56`, `1234`.
 */
amount: string, 
/**
 * ДД.ММ.ГГГГ.
 */
due_date: string, };

export type DebtRequest = { 
/**
 * From [`Debt::id`].
 */
id: number, };

export type RequestStatus = "pending" | "review" | "withdrawn" | "rejected" | "closed";

export type ClosureRequestView = { 
/**
 * «Номер заявления о закрытии».
 */
number: string, 
/**
 * Where it stands.
 */
status: RequestStatus, 
/**
 * The status in words.
 */
status_label: string, 
/**
 * The reason.
 */
reason: ClosureReason, 
/**
 * The reason in words (the free text for «Иное»).
 */
reason_label: string, 
/**
 * Submitted (RFC 3339).
 */
submitted_at: string, 
/**
 * The deadline, ДД.ММ.ГГГГ (end of that day).
 */
deadline: string, 
/**
 * Working days of the deadline: 2, 5 or 10.
 */
working_days: number, 
/**
 * When a clean request closes by itself and stops being withdrawable (RFC 3339).
 */
auto_close_at: string | null, 
/**
 * What is pending, in words («Закрытие 26.11.2026 в 10:15, если не отозвать», «Проверка
 * оператором: …»).
 */
pending: string, 
/**
 * May be withdrawn now.
 */
can_withdraw: boolean, 
/**
 * «Заявление о закрытии» PDF number.
 */
application_number: string | null, 
/**
 * The printable blank's number.
 */
blank_number: string | null, 
/**
 * Notices about the production calendar (a year not loaded).
 */
calendar_notices: Array<string>, };

export type ClosedView = { 
/**
 * Closed (RFC 3339).
 */
closed_at: string, 
/**
 * Restoration possible until (RFC 3339).
 */
restore_until: string, 
/**
 * Personal data destroyed on (RFC 3339).
 */
purge_at: string, 
/**
 * Closed by staff (restoration then goes through an operator).
 */
by_staff: boolean, 
/**
 * «Подтверждение закрытия» PDF number.
 */
confirmation_number: string | null, };

export type ClosureStatus = { 
/**
 * The account's status.
 */
status: AccountStatus, 
/**
 * The status in words.
 */
status_label: string, 
/**
 * The open or last request.
 */
request: ClosureRequestView | null, 
/**
 * When closed.
 */
closed: ClosedView | null, };

export type PrecheckKind = "unfinished_application" | "open_debt" | "unsaved_documents" | "e_signature" | "request_open";

export type PrecheckItem = { 
/**
 * What it is.
 */
kind: PrecheckKind, 
/**
 * Stops the flow until dealt with.
 */
blocking: boolean, 
/**
 * What it is, in words.
 */
title: string, 
/**
 * What to do.
 */
action: string, 
/**
 * The application number or debt id it concerns, for «Отменить» / «Открыть».
 */
reference: string | null, };

export type Prechecks = { 
/**
 * Every finding, blocking first.
 */
items: Array<PrecheckItem>, 
/**
 * No blocking finding.
 */
can_continue: boolean, };

export type ClosureSubmit = { 
/**
 * The reason.
 */
reason: ClosureReason, 
/**
 * Free text, required for «Иное» (3–500 characters).
 */
reason_text?: string, 
/**
 * The password.
 */
password: string, 
/**
 * The code sent to the phone.
 */
code: string, 
/**
 * «Согласен на удаление персональных данных».
 */
consent: boolean, };

export type RestoreStart = { 
/**
 * Phone, e-mail or СНИЛС.
 */
identifier: string, 
/**
 * The password.
 */
password: string, };

export type RestoreComplete = { 
/**
 * Phone, e-mail or СНИЛС.
 */
identifier: string, 
/**
 * The password.
 */
password: string, 
/**
 * The code sent to the phone.
 */
code: string, 
/**
 * Passport series and number.
 */
passport: string, };

export type RestoreOutcome = "code_sent" | "restored" | "sent_to_operator";

export type QueueItem = { 
/**
 * The queue entry.
 */
id: number, 
/**
 * `closure_review` or `restoration`.
 */
kind: string, 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * The closure request's number (a closure review).
 */
request_number: string | null, 
/**
 * Why the request needs a person: `security_incident`, `debt_appeared`, `identity_mismatch`,
 * `staff_initiated`.
 */
flags: Array<string>, 
/**
 * The same, as the desk reads them.
 */
flag_labels: Array<string>, 
/**
 * The reason the citizen gave (a closure review).
 */
reason_label: string | null, 
/**
 * When the work arrived (RFC 3339).
 */
created_at: string, 
/**
 * The deadline, ДД.ММ.ГГГГ.
 */
due: string, 
/**
 * Working days left after today; negative when overdue, 0 on the last day.
 */
working_days_left: number, 
/**
 * Past its deadline.
 */
overdue: boolean, };

export type ClosureDecision = { 
/**
 * «Номер заявления о закрытии».
 */
number: string, 
/**
 * Close the account (true) or reject the request (false).
 */
approve: boolean, 
/**
 * The reason, required when rejecting (3–500 characters).
 */
comment?: string, };

export type ForcedClosureRequest = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * The grounds.
 */
ground: ForcedGround, 
/**
 * Court decision or authority act: its number (required for those grounds).
 */
decision_number?: string, 
/**
 * Its date, ДД.ММ.ГГГГ, not in the future (required for a decision or an act; optional date
 * of a death certificate).
 */
decision_date?: string, 
/**
 * The court or the authority (required for a decision or an act; the registry office of a
 * death certificate, optional).
 */
issuer?: string, 
/**
 * Death: the number of the death certificate (required).
 */
certificate?: string, 
/**
 * The circumstances printed in the act: what the violation or the suspicious activity was
 * (required for those grounds, 3–500 characters).
 */
text?: string, 
/**
 * Suspicious activity: the owner's identity and consent were checked (required).
 */
identity_checked: boolean, 
/**
 * Violation: calendar days to fix it, 1–30 (default 10).
 */
notice_days?: number, 
/**
 * Violation: calendar days of the block before closure, 1–30 (default 10).
 */
block_days?: number, 
/**
 * The operator who executes it, «Фамилия И. О.» (a blank signature line when absent).
 */
operator?: string, 
/**
 * The supervisor who approves it (a blank signature line when absent).
 */
supervisor?: string, };

export type ForcedStage = "notice" | "blocked" | "executed" | "cleared";

export type ForcedCase = { 
/**
 * «ПЗ-2026-000001», printed on the notice and the act.
 */
number: string, 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * The grounds.
 */
ground: ForcedGround, 
/**
 * The grounds in words.
 */
ground_label: string, 
/**
 * Where it stands.
 */
stage: ForcedStage, 
/**
 * The stage in words.
 */
stage_label: string, 
/**
 * Decision, act or death certificate number.
 */
decision_number: string | null, 
/**
 * Its date, ДД.ММ.ГГГГ.
 */
decision_date: string | null, 
/**
 * The court, authority or registry office.
 */
issuer: string | null, 
/**
 * The circumstances.
 */
text: string | null, 
/**
 * Registered (RFC 3339).
 */
created_at: string, 
/**
 * Violation: may be fixed until (RFC 3339, the end of a day).
 */
notice_until: string | null, 
/**
 * Violation: blocked until, then closed (RFC 3339, the end of a day).
 */
block_until: string | null, 
/**
 * Decision or act: to be executed by, ДД.ММ.ГГГГ (5 working days from registration).
 */
execute_by: string | null, 
/**
 * Closed (RFC 3339).
 */
executed_at: string | null, 
/**
 * «Акт о закрытии личного кабинета» number.
 */
act_number: string | null, 
/**
 * Cleared (RFC 3339).
 */
cleared_at: string | null, };

export type ClearViolation = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * What was done (3–500 characters).
 */
comment: string, };

export type BlockRequest = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * The reason the citizen is shown (3–500 characters).
 */
reason: string, 
/**
 * Blocked through this day, ДД.ММ.ГГГГ: today at the earliest, a year ahead at the latest.
 */
until: string, };

export type BlockView = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * The reason the citizen is shown.
 */
reason: string, 
/**
 * Blocked until (RFC 3339, the end of a day).
 */
until: string, 
/**
 * The last day of the block, ДД.ММ.ГГГГ.
 */
until_day: string, 
/**
 * Since (RFC 3339).
 */
created_at: string, 
/**
 * The block belongs to a violation case (lifting it clears the case).
 */
case_number: string | null, };

export type ForcedOverview = { 
/**
 * Every forced closure, newest first.
 */
cases: Array<ForcedCase>, 
/**
 * Blocks in force now, ending soonest first.
 */
blocks: Array<BlockView>, };

export type ExportProgress = { 
/**
 * Files written.
 */
done: number, 
/**
 * Files in all (the manifest not counted).
 */
total: number, 
/**
 * Bytes of files written.
 */
bytes_done: number, 
/**
 * Bytes of files in all.
 */
bytes_total: number, };

export type ManifestEntry = { 
/**
 * Its path inside the archive.
 */
path: string, 
/**
 * `issued` (a PDF Кабинет issued), `upload` (a scan the citizen uploaded) or `receipt`.
 */
source: string, 
/**
 * The document kind or upload kind, e.g. `registration_certificate`, `passport_scan`.
 */
kind: string, 
/**
 * The registry number of an issued document.
 */
number: string | null, 
/**
 * Its title or original file name.
 */
title: string, 
/**
 * `application/pdf`, `image/jpeg` or `image/png`.
 */
content_type: string, 
/**
 * Size in bytes.
 */
size: number, 
/**
 * SHA-256 of the bytes, lower-case hex.
 */
sha256: string, 
/**
 * When it was issued or uploaded (RFC 3339).
 */
created_at: string, };

export type Manifest = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * When the archive was made (RFC 3339).
 */
created_at: string, 
/**
 * Every file, in archive order.
 */
files: Array<ManifestEntry>, };

export type ExportDone = { 
/**
 * Where it was saved.
 */
path: string, 
/**
 * Files written (for the ZIP: without the manifest).
 */
files: number, 
/**
 * Size of the saved file in bytes.
 */
bytes: number, };

export type DataFormat = "json" | "xml" | "pdf";

export type DataExportRequest = { 
/**
 * The form.
 */
format: DataFormat, };

export type DocumentKind = "registration_certificate" | "closure_application" | "closure_application_blank" | "closure_confirmation" | "closure_act" | "deletion_certificate" | "applications_history" | "personal_data_extract" | "identity_code_slip" | "day_register";

export type ClosureReason = "not_needed" | "delete_personal_data" | "other_services" | "suspicious_activity" | "other";

export type ForcedGround = "rules_violation" | "suspicious_activity" | "court_decision" | "authority_act" | "death";

export type ClosureBasis = { "by": "citizen", 
/**
 * The reason category.
 */
reason: ClosureReason, } | { "by": "staff", 
/**
 * The grounds category.
 */
ground: ForcedGround, };

export type StaffSigner = { 
/**
 * Фамилия И. О.
 */
name: string, 
/**
 * Должность.
 */
position: string, };

export type RegistrationCertificateInput = { 
/**
 * ФИО.
 */
full_name: string, 
/**
 * Дата рождения, ДД.ММ.ГГГГ.
 */
birth_date: string, 
/**
 * Номер личного кабинета.
 */
account_number: string, 
/**
 * When the account was created (RFC 3339).
 */
registered_at: string, 
/**
 * Current level.
 */
level: Level, 
/**
 * Current status.
 */
status: AccountStatus, 
/**
 * Confirmed phone (E.164).
 */
phone: string, 
/**
 * Confirmed e-mail, if any.
 */
email?: string, 
/**
 * СНИЛС, if entered.
 */
snils?: string, 
/**
 * Where it is to be presented; default «по месту требования».
 */
purpose?: string, };

export type ClosureApplicationInput = { 
/**
 * Номер заявления (of the closure request).
 */
request_number: string, 
/**
 * When it was submitted (RFC 3339).
 */
submitted_at: string, 
/**
 * ФИО.
 */
full_name: string, 
/**
 * ИНН, if entered.
 */
inn?: string, 
/**
 * Phone (E.164).
 */
phone: string, 
/**
 * E-mail, if any.
 */
email?: string, 
/**
 * Номер личного кабинета.
 */
account_number: string, 
/**
 * The reason chosen.
 */
reason: ClosureReason, 
/**
 * Free text («иное», or a comment to any reason).
 */
reason_text?: string, 
/**
 * Deadline, ДД.ММ.ГГГГ.
 */
deadline: string, 
/**
 * The deadline in working days (2, 5 or up to 10).
 */
deadline_working_days: number, 
/**
 * Until when the citizen may withdraw it (RFC 3339), for a request that closes itself.
 */
withdraw_until?: string, };

export type ClosureApplicationBlankInput = { 
/**
 * ФИО.
 */
full_name?: string, 
/**
 * ИНН.
 */
inn?: string, 
/**
 * Phone.
 */
phone?: string, 
/**
 * E-mail.
 */
email?: string, 
/**
 * Номер личного кабинета.
 */
account_number?: string, 
/**
 * Passport series and number, if known.
 */
passport?: string, 
/**
 * The reason, ticked if known.
 */
reason?: ClosureReason, 
/**
 * Free text for «иное».
 */
reason_text?: string, 
/**
 * The service centre the blank is printed at.
 */
service_centre?: string, };

export type ClosureConfirmationInput = { 
/**
 * ФИО.
 */
full_name: string, 
/**
 * Номер личного кабинета.
 */
account_number: string, 
/**
 * СНИЛС, if entered.
 */
snils?: string, 
/**
 * Номер заявления.
 */
request_number: string, 
/**
 * When the request was submitted (RFC 3339).
 */
submitted_at: string, 
/**
 * When the account was closed (RFC 3339).
 */
closed_at: string, 
/**
 * The reason.
 */
reason: ClosureReason, 
/**
 * Free text of the reason.
 */
reason_text?: string, 
/**
 * Restoration possible until, ДД.ММ.ГГГГ.
 */
restore_until: string, 
/**
 * Personal data destroyed on, ДД.ММ.ГГГГ.
 */
purge_on: string, 
/**
 * The operator who approved it; absent when it closed automatically.
 */
processed_by?: string, };

export type ClosureActInput = { 
/**
 * ФИО.
 */
full_name: string, 
/**
 * Номер личного кабинета.
 */
account_number: string, 
/**
 * Grounds category.
 */
ground: ForcedGround, 
/**
 * The grounds as recorded by staff.
 */
grounds_text: string, 
/**
 * Court or authority, for a decision or an act.
 */
authority?: string, 
/**
 * Number of the decision, act or notice.
 */
basis_number?: string, 
/**
 * Its date, ДД.ММ.ГГГГ.
 */
basis_date?: string, 
/**
 * When the account was closed (RFC 3339).
 */
closed_at: string, 
/**
 * Restoration with operator approval possible until, ДД.ММ.ГГГГ (none after a death).
 */
restore_until?: string, 
/**
 * Personal data destroyed on, ДД.ММ.ГГГГ.
 */
purge_on: string, 
/**
 * The operator who executed it (an empty name leaves a line to write it in by hand).
 */
operator: StaffSigner, 
/**
 * The supervisor who approved it (an empty name leaves a line to write it in by hand).
 */
supervisor: StaffSigner, };

export type DeletionCertificateInput = { 
/**
 * ФИО, as it was (the certificate is the citizen's proof; see `docs/documents/README.md`).
 */
full_name: string, 
/**
 * Номер личного кабинета (kept in the tombstone).
 */
account_number: string, 
/**
 * Who closed it and why (the category kept in the tombstone).
 */
basis: ClosureBasis, 
/**
 * When it was closed (RFC 3339).
 */
closed_at: string, 
/**
 * When the data was destroyed (RFC 3339).
 */
purged_at: string, 
/**
 * What was destroyed; a standard list when empty.
 */
data_categories: Array<string>, };

export type HistoryEntryKind = "application" | "request" | "support";

export type HistoryStatus = "accepted" | "in_review" | "documents_required" | "completed" | "rejected" | "cancelled" | "answered";

export type HistoryEntry = { 
/**
 * Its number.
 */
number: string, 
/**
 * Application, request or support contact.
 */
kind: HistoryEntryKind, 
/**
 * Service or topic.
 */
subject: string, 
/**
 * When it was submitted (RFC 3339).
 */
submitted_at: string, 
/**
 * Current status.
 */
status: HistoryStatus, 
/**
 * When the status last changed (RFC 3339).
 */
updated_at?: string, };

export type ApplicationsHistoryInput = { 
/**
 * ФИО.
 */
full_name: string, 
/**
 * Номер личного кабинета.
 */
account_number: string, 
/**
 * Every application, request and support contact, oldest first.
 */
entries: Array<HistoryEntry>, };

export type PassportData = { 
/**
 * Ten digits (series + number) or as typed.
 */
series_number: string, 
/**
 * Кем выдан.
 */
issued_by: string, 
/**
 * Дата выдачи, ДД.ММ.ГГГГ.
 */
issued_on: string, 
/**
 * Код подразделения NNN-NNN.
 */
division_code: string, };

export type ConsentRecord = { 
/**
 * Its name.
 */
title: string, 
/**
 * Version accepted.
 */
version: string, 
/**
 * When (RFC 3339).
 */
accepted_at: string, 
/**
 * When withdrawn, if it was (RFC 3339).
 */
withdrawn_at?: string, };

export type PersonalDataExtractInput = { 
/**
 * ФИО.
 */
full_name: string, 
/**
 * Дата рождения, ДД.ММ.ГГГГ.
 */
birth_date: string, 
/**
 * Пол.
 */
gender: Gender, 
/**
 * Phone (E.164).
 */
phone: string, 
/**
 * E-mail.
 */
email?: string, 
/**
 * СНИЛС.
 */
snils?: string, 
/**
 * ИНН.
 */
inn?: string, 
/**
 * Passport.
 */
passport?: PassportData, 
/**
 * Address.
 */
address?: string, 
/**
 * Номер личного кабинета.
 */
account_number: string, 
/**
 * Level.
 */
level: Level, 
/**
 * Status.
 */
status: AccountStatus, 
/**
 * When the account was created (RFC 3339).
 */
registered_at: string, 
/**
 * Agreements and consents.
 */
consents: Array<ConsentRecord>, };

export type IdentityCodeSlipInput = { 
/**
 * ФИО.
 */
full_name: string, 
/**
 * Номер личного кабинета.
 */
account_number: string, 
/**
 * The confirmation code.
 */
code: string, 
/**
 * Valid until (RFC 3339).
 */
valid_until: string, 
/**
 * The service centre.
 */
service_centre: string, 
/**
 * The operator who printed it.
 */
operator: string, };

export type DayRegisterEntry = { 
/**
 * The document's number.
 */
number: string, 
/**
 * Its title.
 */
title: string, 
/**
 * «Номер личного кабинета», when the registry still names it.
 */
account_number: string | null, 
/**
 * When it was issued (RFC 3339).
 */
issued_at: string, 
/**
 * Its PDF follows the register in the batch (a deletion certificate's is never kept).
 */
included: boolean, };

export type DayRegisterInput = { 
/**
 * The day, ДД.ММ.ГГГГ.
 */
day: string, 
/**
 * Who printed it.
 */
operator: string, 
/**
 * The documents, in order of issue.
 */
entries: Array<DayRegisterEntry>, };

export type DocumentInput = { "kind": "registration_certificate", "input": RegistrationCertificateInput } | { "kind": "closure_application", "input": ClosureApplicationInput } | { "kind": "closure_application_blank", "input": ClosureApplicationBlankInput } | { "kind": "closure_confirmation", "input": ClosureConfirmationInput } | { "kind": "closure_act", "input": ClosureActInput } | { "kind": "deletion_certificate", "input": DeletionCertificateInput } | { "kind": "applications_history", "input": ApplicationsHistoryInput } | { "kind": "personal_data_extract", "input": PersonalDataExtractInput } | { "kind": "identity_code_slip", "input": IdentityCodeSlipInput } | { "kind": "day_register", "input": DayRegisterInput };

export type IssuedDocument = { 
/**
 * «ПЗК-2026-000001».
 */
number: string, 
/**
 * Its kind.
 */
kind: DocumentKind, 
/**
 * Title as printed.
 */
title: string, 
/**
 * SHA-256 of the bytes, hex.
 */
sha256: string, 
/**
 * The code printed beside the QR.
 */
verification_code: string, 
/**
 * When it was created (RFC 3339).
 */
created_at: string, 
/**
 * Number of pages.
 */
pages: number, 
/**
 * The PDF.
 */
bytes: Array<number>, };

export type DocumentRecord = { 
/**
 * The number.
 */
number: string, 
/**
 * Its kind.
 */
kind: DocumentKind, 
/**
 * Title as printed.
 */
title: string, 
/**
 * SHA-256 of the issued bytes, hex.
 */
sha256: string, 
/**
 * When it was created (RFC 3339).
 */
created_at: string, 
/**
 * Number of pages.
 */
pages: number, 
/**
 * Size in bytes.
 */
size: number, 
/**
 * Whether the bytes are kept (documents issued to a citizen) and can be downloaded again.
 */
stored: boolean, };

export type VerificationStatus = "valid" | "unknown" | "altered";

export type Verification = { 
/**
 * The verdict.
 */
status: VerificationStatus, 
/**
 * The number found in the file, if any.
 */
number: string | null, 
/**
 * The registered document, when the number is known.
 */
record: DocumentRecord | null, 
/**
 * SHA-256 of the presented bytes, hex.
 */
sha256: string, 
/**
 * The verdict in words, in the current locale.
 */
message: string, };

export type StaffRole = "operator" | "supervisor";

export type StaffSignInRequest = { 
/**
 * The login, as typed (case does not matter).
 */
login: string, 
/**
 * The password.
 */
password: string, 
/**
 * The six digits of the authenticator app.
 */
code: string, };

export type StaffView = { 
/**
 * The login.
 */
login: string, 
/**
 * ФИО.
 */
full_name: string, 
/**
 * The role.
 */
role: StaffRole, 
/**
 * When this session started (RFC 3339).
 */
started_at: string, 
/**
 * Minutes without a call after which the session ends.
 */
idle_minutes: number, };

export type CardPurpose = "citizen_request" | "application_review" | "identity_check";

export type FindCitizen = { 
/**
 * An account number (`1234-5678-90`), a СНИЛС or a phone, as typed.
 */
query: string, 
/**
 * Required.
 */
purpose?: CardPurpose, };

export type WaitingRequest = { 
/**
 * «Номер заявления о закрытии».
 */
number: string, 
/**
 * Pending (closes by itself) or review (an operator decides).
 */
status: RequestStatus, 
/**
 * The deadline, ДД.ММ.ГГГГ.
 */
deadline: string, };

export type CitizenCard = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * Фамилия Имя Отчество.
 */
full_name: string, 
/**
 * ДД.ММ.ГГГГ.
 */
birth_date: string, 
/**
 * The account's level.
 */
level: Level, 
/**
 * The account's standing.
 */
status: AccountStatus, 
/**
 * The passport series and number, masked (`45 ** ****56`); `None` when not given.
 */
passport: string | null, 
/**
 * The СНИЛС, masked; `None` when not given.
 */
snils: string | null, 
/**
 * A live block, if any.
 */
block: BlockView | null, 
/**
 * Closure requests still waiting.
 */
waiting_requests: Array<WaitingRequest>, };

export type StaffCreated = { 
/**
 * The login, normalised.
 */
login: string, 
/**
 * The role.
 */
role: StaffRole, 
/**
 * The `otpauth://` URI for the authenticator app.
 */
otpauth_uri: string, 
/**
 * The same secret as Base32 in groups of four, to type by hand.
 */
secret: string, };

export type StaffInfo = { 
/**
 * The login.
 */
login: string, 
/**
 * ФИО.
 */
full_name: string, 
/**
 * The role.
 */
role: StaffRole, 
/**
 * When the account was created (RFC 3339).
 */
created_at: string, 
/**
 * When it was disabled, if it was (RFC 3339).
 */
disabled_at: string | null, 
/**
 * Until when sign-in is locked, if it is (RFC 3339).
 */
locked_until: string | null, };

export type AuditBreak = "changed" | "missing" | "unlinked" | "head_mismatch";

export type AuditVerification = { 
/**
 * The whole chain is intact.
 */
ok: boolean, 
/**
 * How many rows were read.
 */
rows: number, 
/**
 * The last sequence number (0 when the log is empty).
 */
head_seq: number, 
/**
 * The last row's hash, hex (write it down to detect a later cut of the newest rows).
 */
head_hash: string, 
/**
 * The first row where the chain broke.
 */
broken_at: number | null, 
/**
 * Why it broke there.
 */
reason: AuditBreak | null, };

export type NewStaff = { 
/**
 * The login.
 */
login: string, 
/**
 * ФИО in one line.
 */
full_name: string, 
/**
 * `operator` or `supervisor`, as typed.
 */
role: string, 
/**
 * The password (checked by the password rules against the name).
 */
password: string, };

export type StaffLogin = { 
/**
 * The login.
 */
login: string, };

export type AuditQuery = { 
/**
 * From 1.
 */
page: number, 
/**
 * A staff login, or `cli:<user>` / `system`.
 */
login?: string, 
/**
 * An action code, e.g. `closure_decided`.
 */
action?: string, 
/**
 * Whom: an account number or a staff login.
 */
target?: string, 
/**
 * First day, ДД.ММ.ГГГГ.
 */
from?: string, 
/**
 * Last day, ДД.ММ.ГГГГ.
 */
to?: string, };

export type AuditRow = { 
/**
 * Its sequence number.
 */
seq: number, 
/**
 * When (RFC 3339).
 */
at: string, 
/**
 * Who: the staff login, `cli:<user>`, `system` or `unknown`.
 */
who: string, 
/**
 * What.
 */
action: string, 
/**
 * Whom.
 */
target: string, 
/**
 * The grounds and facts, as JSON text.
 */
details: string, };

export type AuditPage = { 
/**
 * The rows.
 */
rows: Array<AuditRow>, 
/**
 * This page.
 */
page: number, 
/**
 * Pages in all.
 */
pages: number, 
/**
 * Rows matching.
 */
total: number, };

export type AuditCheck = { 
/**
 * `SEQ:HASH` as an earlier check printed it.
 */
head?: string, };

export type CitizenRef = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, };

export type CitizenPage = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * From 1.
 */
page: number, };

export type CitizenDocument = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * The document's number.
 */
number: string, };

export type ReceiptDecision = { 
/**
 * The debt.
 */
id: number, 
/**
 * Paid (true) or the receipt rejected (false, with a comment the citizen reads).
 */
accept: boolean, 
/**
 * Required when rejecting.
 */
comment?: string, };

export type IdentityCheck = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * Серия и номер: 10 digits, spaces allowed.
 */
passport_number: string, 
/**
 * ДД.ММ.ГГГГ.
 */
passport_issue_date: string, 
/**
 * 123-456.
 */
division_code: string, 
/**
 * ДД.ММ.ГГГГ.
 */
birth_date: string, };

export type IdentityCodeRequest = { 
/**
 * 10 digits; spaces and hyphens are ignored.
 */
code: string, };

export type IssueDocument = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * The kind and its template's data.
 */
input: DocumentInput, };

export type DayBatchRequest = { 
/**
 * ДД.ММ.ГГГГ.
 */
day: string, };

export type DayBatchItem = { 
/**
 * Its number.
 */
number: string, 
/**
 * Its title.
 */
title: string, 
/**
 * Its kind.
 */
kind: DocumentKind, 
/**
 * «Номер личного кабинета», when the registry still names it.
 */
account_number: string | null, 
/**
 * When it was issued (RFC 3339).
 */
issued_at: string, 
/**
 * Its PDF goes into the batch.
 */
included: boolean, };

export type DayBatch = { 
/**
 * The day, ДД.ММ.ГГГГ.
 */
day: string, 
/**
 * The documents, in order of issue.
 */
items: Array<DayBatchItem>, };

export type BatchProgress = { 
/**
 * Documents added.
 */
done: number, 
/**
 * Documents in all.
 */
total: number, };

export type IncidentOutcome = "owner_confirmed" | "account_blocked" | "handed_to_supervisor";

export type Incident = { 
/**
 * Its id.
 */
id: number, 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * When the citizen pressed it (RFC 3339).
 */
created_at: string, 
/**
 * The outcome recorded, if any.
 */
outcome: IncidentOutcome | null, 
/**
 * The operator's comment.
 */
comment: string | null, 
/**
 * Who recorded the outcome.
 */
handled_by: string | null, };

export type IncidentResolution = { 
/**
 * The incident.
 */
id: number, 
/**
 * What became of it.
 */
outcome: IncidentOutcome, 
/**
 * What was found; required.
 */
comment: string, 
/**
 * With `account_blocked`: the block's last day, ДД.ММ.ГГГГ.
 */
until?: string, };

export type StaffNotice = { 
/**
 * Its id.
 */
id: number, 
/**
 * The text.
 */
text: string, 
/**
 * The request's number.
 */
request_number: string, 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * When it was written (RFC 3339).
 */
created_at: string, 
/**
 * Newer than what the supervisor last read.
 */
unread: boolean, };

export type StaffNotices = { 
/**
 * Unread reports.
 */
unread: number, 
/**
 * The latest 50.
 */
items: Array<StaffNotice>, };

export type RestorationDecision = { 
/**
 * «Номер личного кабинета».
 */
account_number: string, 
/**
 * Approve (restore) or reject.
 */
approve: boolean, 
/**
 * The passport series and number presented; required to approve.
 */
passport_number?: string, 
/**
 * The reason; required to reject.
 */
comment?: string, };

export type MyDocument = { 
/**
 * The number.
 */
number: string, 
/**
 * Its kind.
 */
kind: DocumentKind, 
/**
 * Title as printed, with the number.
 */
title: string, 
/**
 * When it was issued (RFC 3339).
 */
created_at: string, 
/**
 * Number of pages.
 */
pages: number, 
/**
 * Size in bytes.
 */
size: number, 
/**
 * The file is kept and can be opened, saved and printed (a code slip never is).
 */
available: boolean, };

export type PrintOutcome = "sent" | "cancelled" | "opened_in_viewer";

export type ScanKind = "pdf" | "jpeg" | "png";

export type UploadKind = "passport_scan" | "snils_scan" | "other";

export type UploadInfo = { 
/**
 * Its number.
 */
id: number, 
/**
 * What it is.
 */
kind: UploadKind, 
/**
 * The sanitised file name, with the extension of its real content.
 */
name: string, 
/**
 * PDF, JPEG or PNG, judged by content.
 */
format: ScanKind, 
/**
 * The media type (`application/pdf`, `image/jpeg`, `image/png`).
 */
content_type: string, 
/**
 * Size in bytes.
 */
size: number, 
/**
 * SHA-256 of the content, lower-case hex.
 */
sha256: string, 
/**
 * When it was uploaded (RFC 3339).
 */
created_at: string, };

export type UploadId = { 
/**
 * [`UploadInfo::id`].
 */
id: number, };

export type ConsentKind = "user_agreement" | "personal_data" | "service_news";

export type ConsentView = { 
/**
 * Which one.
 */
kind: ConsentKind, 
/**
 * Its name.
 */
title: string, 
/**
 * What it is for.
 */
purpose: string, 
/**
 * The version last given (the current one if never given).
 */
version: string, 
/**
 * When last given (RFC 3339); none if never.
 */
accepted_at: string | null, 
/**
 * When withdrawn (RFC 3339); none while in force.
 */
withdrawn_at: string | null, 
/**
 * Given and not withdrawn.
 */
in_force: boolean, 
/**
 * The citizen may withdraw it now.
 */
can_withdraw: boolean, 
/**
 * The citizen may give it now.
 */
can_give: boolean, 
/**
 * It ends only with the closure of the account.
 */
ends_with_closure: boolean, };

export type ConsentRequest = { 
/**
 * Which one.
 */
kind: ConsentKind, };
