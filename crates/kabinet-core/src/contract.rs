//! Requests and responses of the facade, declared once here. The UI's TypeScript is generated
//! from these types (`ui/src/lib/api/contract.ts`, checked by the `contract_is_fresh` test), so
//! the shell, the UI and the CLI cannot drift apart.
//!
//! Timestamps are RFC 3339 strings in UTC; dates the citizen types stay as typed (ДД.ММ.ГГГГ).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ApiError;
use crate::i18n::Locale;
pub use crate::secret::Secret;

/// How the app is doing after start: ready, or the reason it cannot open its data.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AppStatus {
    /// `None` when the data is open; otherwise why not, for its own screen.
    pub failure: Option<ApiError>,
    /// True while messages are kept locally instead of being sent («Демонстрационная доставка»).
    pub demo_delivery: bool,
    /// The language of messages.
    pub locale: Locale,
    /// The data directory, so support can find it.
    pub data_dir: String,
}

/// Step 1 of registration: the phone to confirm.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SendCodeRequest {
    /// The phone as typed.
    pub phone: String,
}

/// A code was sent.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CodeSent {
    /// Where it went, normalised (E.164).
    pub destination: String,
    /// When the code stops working.
    pub expires_at: String,
    /// From when another code may be requested.
    pub resend_at: String,
    /// Codes left for this destination in the current hour.
    pub sends_left: u32,
}

/// Step 2 of registration: the code from the message.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct VerifyCodeRequest {
    /// The phone as typed on step 1.
    pub phone: String,
    /// The six digits.
    #[ts(as = "String")]
    pub code: Secret,
}

/// The phone is confirmed; the ticket carries that fact through the remaining steps.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PhoneConfirmed {
    /// Opaque proof of the confirmed phone, valid 30 minutes.
    #[ts(as = "String")]
    pub ticket: Secret,
    /// The confirmed phone (E.164).
    pub phone: String,
    /// When the ticket expires.
    pub expires_at: String,
}

/// Everything registration collects; each step sends what it has so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct RegistrationDraft {
    /// From [`PhoneConfirmed`].
    #[ts(as = "String")]
    pub ticket: Secret,
    /// Фамилия.
    #[ts(optional)]
    pub surname: Option<String>,
    /// Имя.
    #[ts(optional)]
    pub given_name: Option<String>,
    /// Отчество «при наличии»: empty or absent means none.
    #[ts(optional)]
    pub patronymic: Option<String>,
    /// ДД.ММ.ГГГГ.
    #[ts(optional)]
    pub birth_date: Option<String>,
    /// «М» or «Ж».
    #[ts(optional)]
    pub gender: Option<String>,
    /// The new password.
    #[ts(optional, as = "Option<String>")]
    pub password: Option<Secret>,
    /// The password again.
    #[ts(optional, as = "Option<String>")]
    pub password_repeat: Option<Secret>,
    /// The user agreement was accepted.
    #[ts(optional)]
    pub accept_terms: Option<bool>,
    /// Consent to personal-data processing was given.
    #[ts(optional)]
    pub accept_personal_data: Option<bool>,
}

/// What the citizen agrees to, with versions recorded on acceptance.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Agreements {
    /// Version of the user agreement.
    pub terms_version: String,
    /// The user agreement's text.
    pub terms_text: String,
    /// Version of the consent to personal-data processing.
    pub consent_version: String,
    /// The consent's text.
    pub consent_text: String,
}

/// The account just created.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Registered {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// Its level.
    pub level: Level,
}

/// Account level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum Level {
    /// Упрощённая.
    Simplified,
    /// Стандартная.
    Standard,
    /// Подтверждённая.
    Confirmed,
}

/// Account status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum AccountStatus {
    /// Активен.
    Active,
    /// Ожидает закрытия.
    PendingClosure,
    /// Закрыт.
    Closed,
    /// Удалён.
    Purged,
}

/// Sign-in by phone, e-mail or СНИЛС.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SignInRequest {
    /// Phone, e-mail or СНИЛС as typed.
    pub identifier: String,
    /// The password.
    #[ts(as = "String")]
    pub password: Secret,
    /// «Запомнить меня»: keep the session in the OS keyring across restarts.
    pub remember_me: bool,
}

/// The signed-in citizen, as the home screen shows them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionView {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// Фамилия Имя Отчество.
    pub full_name: String,
    /// Level.
    pub level: Level,
    /// Status.
    pub status: AccountStatus,
    /// The confirmed phone (E.164).
    pub phone: String,
    /// Whether this session survives a restart.
    pub remembered: bool,
    /// When the session started.
    pub started_at: String,
    /// The password has expired or must be changed: only the password change is allowed.
    pub password_change_required: bool,
    /// When the password expires (90 days after it was set).
    pub password_expires_at: String,
    /// The password expires within 7 days.
    pub password_expires_soon: bool,
}

/// The outcome of the password step of sign-in.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum SignInOutcome {
    /// Signed in.
    SignedIn {
        /// The new session.
        session: SessionView,
    },
    /// The account has a second factor: answer the challenge with a code or a backup code.
    SecondFactor {
        /// Opaque challenge, valid 5 minutes, 3 wrong answers.
        #[ts(as = "String")]
        challenge: Secret,
        /// Which factor is asked for.
        method: SecondFactorKind,
        /// Where a code was sent (SMS or e-mail factor).
        destination: Option<String>,
    },
}

impl SignInOutcome {
    /// The session, when signed in without a second factor.
    pub fn session(self) -> Option<SessionView> {
        match self {
            SignInOutcome::SignedIn { session } => Some(session),
            SignInOutcome::SecondFactor { .. } => None,
        }
    }
}

/// A second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecondFactorKind {
    /// An authenticator app (RFC 6238).
    Totp,
    /// A code by SMS.
    Sms,
    /// A code by e-mail.
    Email,
}

/// The answer to a second-factor challenge.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SecondFactorRequest {
    /// From [`SignInOutcome::SecondFactor`].
    #[ts(as = "String")]
    pub challenge: Secret,
    /// Six digits, or a backup code `XXXX-XXXX`.
    #[ts(as = "String")]
    pub code: Secret,
}

/// One live session of the citizen.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionInfo {
    /// Row number, to end it.
    #[ts(type = "number")]
    pub id: i64,
    /// The device's name.
    pub device: String,
    /// The operating system.
    pub os: String,
    /// The IP address, where known.
    pub ip: Option<String>,
    /// Kept across restarts («Запомнить меня»).
    pub remembered: bool,
    /// «Этот компьютер»: the session of this app.
    pub current: bool,
    /// When it started.
    pub started_at: String,
    /// Its last activity.
    pub last_seen_at: String,
}

/// Which session to end.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EndSessionRequest {
    /// From [`SessionInfo::id`].
    #[ts(type = "number")]
    pub id: i64,
}

/// A page of «Журнал входов».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct JournalRequest {
    /// From 1.
    pub page: u32,
}

/// A password change.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PasswordChangeRequest {
    /// The password now.
    #[ts(as = "String")]
    pub current_password: Secret,
    /// The new password.
    #[ts(as = "String")]
    pub password: Secret,
    /// The new password again.
    #[ts(as = "String")]
    pub password_repeat: Secret,
}

/// The password again, for sensitive actions.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReauthRequest {
    /// The password.
    #[ts(as = "String")]
    pub password: Secret,
}

/// What an authenticator app needs.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TotpSetup {
    /// The key in Base32, grouped by four, to type by hand.
    #[ts(as = "String")]
    pub manual_key: Secret,
    /// The `otpauth://` URI (it holds the key).
    #[ts(as = "String")]
    pub uri: Secret,
    /// The QR code of the URI, as an SVG document (it holds the key too).
    #[ts(as = "String")]
    pub qr_svg: Secret,
}

/// The first code from the app, confirming TOTP set-up.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TotpConfirmRequest {
    /// Six digits.
    #[ts(as = "String")]
    pub code: Secret,
}

/// Backup codes, shown once.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BackupCodes {
    /// Ten single-use codes `XXXX-XXXX`.
    #[ts(as = "Vec<String>")]
    pub codes: Vec<Secret>,
    /// When they were issued.
    pub issued_at: String,
}

/// Turning the second factor off.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DisableSecondFactorRequest {
    /// The password.
    #[ts(as = "String")]
    pub password: Secret,
    /// A code of the current factor, or a backup code.
    #[ts(as = "String")]
    pub code: Secret,
}

/// A code of the current second factor (TOTP, a code by message, or a backup code), asked before
/// the backup codes are renewed or the factor is switched to SMS.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FactorCodeRequest {
    /// The code; may be absent only while no factor is on.
    #[ts(as = "Option<String>")]
    pub code: Option<Secret>,
}

/// «Готовность к восстановлению».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RecoveryReadiness {
    /// A confirmed phone exists.
    pub phone_confirmed: bool,
    /// A confirmed e-mail exists.
    pub email_confirmed: bool,
    /// The second factor, if on.
    pub second_factor: Option<SecondFactorKind>,
    /// When the second factor was last used.
    pub second_factor_last_used: Option<String>,
    /// Unused backup codes.
    pub backup_codes_left: u32,
    /// When a backup code was last used.
    pub backup_code_last_used: Option<String>,
    /// When the password was last set.
    pub password_changed_at: String,
}

/// Security settings.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SecuritySettings {
    /// Minutes without activity before the app returns to sign-in (1–240, default 15).
    pub idle_minutes: u32,
}

/// «Забыли пароль?», step 1.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RecoveryStartRequest {
    /// Phone, e-mail or СНИЛС.
    pub identifier: String,
}

/// A reset code was sent if the identifier belongs to an account (the answer is the same).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RecoverySent {
    /// When the code stops working.
    pub expires_at: String,
    /// From when another code may be requested.
    pub resend_at: String,
}

/// «Забыли пароль?», step 2.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RecoveryVerifyRequest {
    /// The identifier of step 1.
    pub identifier: String,
    /// The six digits.
    #[ts(as = "String")]
    pub code: Secret,
}

/// Proof of a verified reset code.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RecoveryTicket {
    /// Opaque, valid 15 minutes, used once.
    #[ts(as = "String")]
    pub ticket: Secret,
    /// When it expires.
    pub expires_at: String,
}

/// «Забыли пароль?», step 3.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RecoveryCompleteRequest {
    /// From [`RecoveryTicket`].
    #[ts(as = "String")]
    pub ticket: Secret,
    /// The new password.
    #[ts(as = "String")]
    pub password: Secret,
    /// The new password again.
    #[ts(as = "String")]
    pub password_repeat: Secret,
}

/// One value for `kabinet-cli check`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CheckResult {
    /// The value as given.
    pub value: String,
    /// Whether it passes every rule.
    pub ok: bool,
    /// The failing rule, if any.
    pub code: Option<crate::validate::Invalid>,
    /// The reason in the current locale, if any.
    pub message: Option<String>,
    /// The stored form, if valid.
    pub normalized: Option<String>,
}

/// «Мой профиль».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Profile {
    /// Фамилия.
    pub surname: String,
    /// Имя.
    pub given_name: String,
    /// Отчество.
    pub patronymic: Option<String>,
    /// ДД.ММ.ГГГГ.
    pub birth_date: String,
    /// «М» or «Ж».
    pub gender: String,
    /// Level.
    pub level: Level,
    /// The confirmed phone (E.164).
    pub phone: String,
    /// The confirmed e-mail.
    pub email: Option<String>,
    /// СНИЛС, 11 digits.
    pub snils: Option<String>,
    /// ИНН, 12 digits.
    pub inn: Option<String>,
    /// Passport series and number, 10 digits.
    pub passport_number: Option<String>,
    /// ДД.ММ.ГГГГ.
    pub passport_issue_date: Option<String>,
    /// Кем выдан.
    pub passport_issued_by: Option<String>,
    /// NNN-NNN.
    pub division_code: Option<String>,
    /// Address, free text.
    pub address: Option<String>,
}

/// The profile to save, as typed, with the code sent to the phone.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ProfileUpdate {
    /// Фамилия.
    pub surname: String,
    /// Имя.
    pub given_name: String,
    /// Отчество, empty for none.
    pub patronymic: Option<String>,
    /// ДД.ММ.ГГГГ.
    pub birth_date: String,
    /// «М» or «Ж».
    pub gender: String,
    /// СНИЛС, empty for none.
    pub snils: Option<String>,
    /// ИНН, empty for none.
    pub inn: Option<String>,
    /// Passport series and number («45 08 123456»), empty for none.
    pub passport_number: Option<String>,
    /// ДД.ММ.ГГГГ.
    pub passport_issue_date: Option<String>,
    /// Кем выдан.
    pub passport_issued_by: Option<String>,
    /// NNN-NNN.
    pub division_code: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// The six digits sent to the phone.
    #[ts(as = "String")]
    pub code: Secret,
}

/// A contact that signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// Mobile phone.
    Phone,
    /// E-mail.
    Email,
}

/// A new phone or e-mail, to receive a code.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ContactChangeRequest {
    /// Which contact.
    pub kind: ContactKind,
    /// The new value as typed.
    pub value: String,
}

/// The code that confirms a new phone or e-mail.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ContactChangeConfirm {
    /// Which contact.
    pub kind: ContactKind,
    /// The new value as typed.
    pub value: String,
    /// The six digits sent to it.
    #[ts(as = "String")]
    pub code: Secret,
}

/// One change in «История изменений».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProfileChange {
    /// When.
    pub at: String,
    /// Machine name of the field.
    pub field: String,
    /// The field in words.
    pub label: String,
    /// Before (document numbers masked).
    pub old_value: Option<String>,
    /// After (document numbers masked).
    pub new_value: Option<String>,
    /// `citizen`, `operator` or `system`.
    pub actor: String,
}

/// A page of «История изменений».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProfileHistoryPage {
    /// The changes, newest first.
    pub changes: Vec<ProfileChange>,
    /// This page, from 1.
    pub page: u32,
    /// Number of pages.
    pub pages: u32,
}

/// A page number.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PageRequest {
    /// From 1.
    pub page: u32,
}

crate::bind_as_text!(Level, AccountStatus);
