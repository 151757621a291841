// Generated from crates/kabinet-core/src/contract.rs by ts-rs. Do not edit:
// run `UPDATE_CONTRACT=1 cargo test -p kabinet-core --test contract` instead.

export type Locale = "ru" | "en";

export type ErrorCode = "validation" | "identifier_taken" | "code_missing" | "code_wrong" | "code_expired" | "code_burned" | "rate_limited" | "registration_expired" | "reset_expired" | "invalid_credentials" | "not_signed_in" | "locked" | "challenge_expired" | "password_change_required" | "reauthentication_required" | "keyring_unavailable" | "keyring_locked" | "key_missing" | "key_wrong" | "database_too_new" | "data_dir_unavailable" | "internal";

export type Invalid = "required" | "too_short" | "too_long" | "format" | "checksum" | "only_digits" | "name_characters" | "name_separators" | "name_too_long" | "date_format" | "date_not_real" | "date_in_future" | "too_young" | "too_old" | "gender_value" | "passport_length" | "division_code_format" | "issue_before_fourteen" | "issued_by_too_short" | "issued_by_too_long" | "issued_by_characters" | "issued_by_no_letters" | "snils_length" | "inn_organization" | "inn_length" | "phone_format" | "phone_country" | "not_mobile" | "email_too_long" | "email_local_too_long" | "email_whitespace" | "email_at" | "email_local" | "email_domain" | "email_tld" | "password_too_short" | "password_too_long" | "password_no_upper" | "password_no_lower" | "password_no_digit" | "password_no_special" | "password_repeated" | "password_sequence" | "password_common" | "password_contains_birth_date" | "password_contains_phone" | "password_contains_snils" | "password_contains_name" | "password_contains_email" | "password_reused" | "identifier_format" | "taken" | "password_mismatch" | "not_accepted" | "password_wrong" | "code_wrong" | "out_of_range" | "scan_type" | "scan_too_large";

export type Field = "phone" | "code" | "surname" | "given_name" | "patronymic" | "birth_date" | "gender" | "password" | "password_repeat" | "accept_terms" | "accept_personal_data" | "identifier" | "email" | "snils" | "inn" | "passport" | "division_code" | "issue_date" | "issued_by" | "current_password" | "idle_minutes" | "address";

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
message: string, };

export type ErrorDetails = { 
/**
 * Tries left for the current one-time code.
 */
attempts_left?: number, 
/**
 * When the action may be tried again (RFC 3339, UTC).
 */
retry_at?: string, };

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
 * Limits and times that explain the error.
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

export type JournalRequest = { 
/**
 * From 1.
 */
page: number, };

export type JournalEntry = { 
/**
 * `signed_in`, `sign_in_failed`, `locked`, `password_changed`, `password_reset`,
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
 * The `otpauth://` URI.
 */
uri: string, 
/**
 * The QR code of the URI, as an SVG document.
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

export type Channel = "sms" | "email";

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
 * The text.
 */
body: string, 
/**
 * When it was written (RFC 3339).
 */
created_at: string, 
/**
 * `pending`, `delivered` or `failed`.
 */
status: string, 
/**
 * Which transport delivered it.
 */
transport: string | null, };

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
