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

/// The TypeScript of every contract type, as committed in `ui/src/lib/api/contract.ts`.
pub fn typescript() -> String {
    use crate::checks::CheckKind;
    use crate::documents;
    use crate::error::{ErrorCode, ErrorDetails, FieldError};
    use crate::fields::Field;
    use crate::notifications::types as nt;
    use crate::outbox::{Channel, OutboxMessage};
    use crate::validate::{Gender, Invalid};

    let cfg = ts_rs::Config::new().with_large_int("number");
    let declarations = [
        Locale::decl(&cfg),
        ErrorCode::decl(&cfg),
        Invalid::decl(&cfg),
        Field::decl(&cfg),
        FieldError::decl(&cfg),
        ErrorDetails::decl(&cfg),
        ApiError::decl(&cfg),
        AppStatus::decl(&cfg),
        SendCodeRequest::decl(&cfg),
        CodeSent::decl(&cfg),
        VerifyCodeRequest::decl(&cfg),
        PhoneConfirmed::decl(&cfg),
        RegistrationDraft::decl(&cfg),
        Agreements::decl(&cfg),
        Registered::decl(&cfg),
        Level::decl(&cfg),
        AccountStatus::decl(&cfg),
        Gender::decl(&cfg),
        SignInRequest::decl(&cfg),
        SessionView::decl(&cfg),
        SignInOutcome::decl(&cfg),
        SecondFactorKind::decl(&cfg),
        SecondFactorRequest::decl(&cfg),
        SessionInfo::decl(&cfg),
        EndSessionRequest::decl(&cfg),
        FactorCodeRequest::decl(&cfg),
        JournalRequest::decl(&cfg),
        crate::journal::JournalEntry::decl(&cfg),
        crate::journal::JournalPage::decl(&cfg),
        PasswordChangeRequest::decl(&cfg),
        ReauthRequest::decl(&cfg),
        TotpSetup::decl(&cfg),
        TotpConfirmRequest::decl(&cfg),
        BackupCodes::decl(&cfg),
        DisableSecondFactorRequest::decl(&cfg),
        RecoveryReadiness::decl(&cfg),
        SecuritySettings::decl(&cfg),
        RecoveryStartRequest::decl(&cfg),
        RecoverySent::decl(&cfg),
        RecoveryVerifyRequest::decl(&cfg),
        RecoveryTicket::decl(&cfg),
        RecoveryCompleteRequest::decl(&cfg),
        Profile::decl(&cfg),
        ProfileUpdate::decl(&cfg),
        ContactKind::decl(&cfg),
        ContactChangeRequest::decl(&cfg),
        ContactChangeConfirm::decl(&cfg),
        ProfileChange::decl(&cfg),
        ProfileHistoryPage::decl(&cfg),
        PageRequest::decl(&cfg),
        Channel::decl(&cfg),
        OutboxMessage::decl(&cfg),
        CheckKind::decl(&cfg),
        CheckResult::decl(&cfg),
        // «Уведомления» (crate::notifications::types).
        nt::EventType::decl(&cfg),
        nt::EventCategory::decl(&cfg),
        nt::EventTypeInfo::decl(&cfg),
        nt::ServiceInfo::decl(&cfg),
        nt::MatrixRow::decl(&cfg),
        nt::ServiceOverride::decl(&cfg),
        nt::QuietHours::decl(&cfg),
        nt::NotificationSettings::decl(&cfg),
        nt::NotificationSettingsView::decl(&cfg),
        nt::Folder::decl(&cfg),
        nt::InboxQuery::decl(&cfg),
        nt::InboxItem::decl(&cfg),
        nt::InboxPage::decl(&cfg),
        nt::UnreadCount::decl(&cfg),
        nt::MessageRequest::decl(&cfg),
        nt::MarkReadRequest::decl(&cfg),
        nt::DeliveryStatus::decl(&cfg),
        nt::HoldReason::decl(&cfg),
        nt::SuppressReason::decl(&cfg),
        nt::AttemptResult::decl(&cfg),
        nt::DeliveryAttempt::decl(&cfg),
        nt::ChannelDelivery::decl(&cfg),
        nt::MessageHistory::decl(&cfg),
        nt::HistoryQuery::decl(&cfg),
        nt::MessageHistoryPage::decl(&cfg),
        nt::DesktopToast::decl(&cfg),
        nt::NewNotification::decl(&cfg),
        nt::Published::decl(&cfg),
        nt::SmtpTls::decl(&cfg),
        nt::EmailTransport::decl(&cfg),
        nt::SmsTransport::decl(&cfg),
        nt::TransportSettings::decl(&cfg),
        nt::TransportSettingsView::decl(&cfg),
        nt::TransportUpdate::decl(&cfg),
        nt::TransportTestRequest::decl(&cfg),
        nt::TransportTestResult::decl(&cfg),
        // «Мои заявления», «Задолженности» (crate::applications::types).
        crate::applications::types::ApplicationStatus::decl(&cfg),
        crate::applications::types::FormFieldKind::decl(&cfg),
        crate::applications::types::ServiceSummary::decl(&cfg),
        crate::applications::types::FormField::decl(&cfg),
        crate::applications::types::ServiceForm::decl(&cfg),
        crate::applications::types::ServiceRequest::decl(&cfg),
        crate::applications::types::SubmitApplication::decl(&cfg),
        crate::applications::types::ApplicationSummary::decl(&cfg),
        crate::applications::types::SubmittedField::decl(&cfg),
        crate::applications::types::StatusChange::decl(&cfg),
        crate::applications::types::ApplicationDetail::decl(&cfg),
        crate::applications::types::ApplicationRequest::decl(&cfg),
        crate::applications::types::CancelApplication::decl(&cfg),
        crate::applications::types::StatusUpdate::decl(&cfg),
        crate::applications::types::DebtKind::decl(&cfg),
        crate::applications::types::DebtStatus::decl(&cfg),
        crate::applications::types::Debt::decl(&cfg),
        crate::applications::types::DebtList::decl(&cfg),
        crate::applications::types::NewDebt::decl(&cfg),
        crate::applications::types::DebtRequest::decl(&cfg),
        crate::closure::types::RequestStatus::decl(&cfg),
        crate::closure::types::ClosureRequestView::decl(&cfg),
        crate::closure::types::ClosedView::decl(&cfg),
        crate::closure::types::ClosureStatus::decl(&cfg),
        crate::closure::types::PrecheckKind::decl(&cfg),
        crate::closure::types::PrecheckItem::decl(&cfg),
        crate::closure::types::Prechecks::decl(&cfg),
        crate::closure::types::ClosureSubmit::decl(&cfg),
        crate::closure::types::RestoreStart::decl(&cfg),
        crate::closure::types::RestoreComplete::decl(&cfg),
        crate::closure::types::RestoreOutcome::decl(&cfg),
        crate::closure::types::QueueItem::decl(&cfg),
        crate::closure::types::ClosureDecision::decl(&cfg),
        crate::closure::forced::types::ForcedClosureRequest::decl(&cfg),
        crate::closure::forced::types::ForcedStage::decl(&cfg),
        crate::closure::forced::types::ForcedCase::decl(&cfg),
        crate::closure::forced::types::ClearViolation::decl(&cfg),
        crate::closure::forced::types::BlockRequest::decl(&cfg),
        crate::closure::forced::types::BlockView::decl(&cfg),
        crate::closure::forced::types::ForcedOverview::decl(&cfg),
        crate::export::types::ExportProgress::decl(&cfg),
        crate::export::types::ManifestEntry::decl(&cfg),
        crate::export::types::Manifest::decl(&cfg),
        crate::export::types::ExportDone::decl(&cfg),
        crate::export::types::DataFormat::decl(&cfg),
        crate::export::types::DataExportRequest::decl(&cfg),
        documents::DocumentKind::decl(&cfg),
        documents::ClosureReason::decl(&cfg),
        documents::ForcedGround::decl(&cfg),
        documents::ClosureBasis::decl(&cfg),
        documents::StaffSigner::decl(&cfg),
        documents::RegistrationCertificateInput::decl(&cfg),
        documents::ClosureApplicationInput::decl(&cfg),
        documents::ClosureApplicationBlankInput::decl(&cfg),
        documents::ClosureConfirmationInput::decl(&cfg),
        documents::ClosureActInput::decl(&cfg),
        documents::DeletionCertificateInput::decl(&cfg),
        documents::HistoryEntryKind::decl(&cfg),
        documents::HistoryStatus::decl(&cfg),
        documents::HistoryEntry::decl(&cfg),
        documents::ApplicationsHistoryInput::decl(&cfg),
        documents::PassportData::decl(&cfg),
        documents::ConsentRecord::decl(&cfg),
        documents::PersonalDataExtractInput::decl(&cfg),
        documents::IdentityCodeSlipInput::decl(&cfg),
        documents::DocumentInput::decl(&cfg),
        documents::IssuedDocument::decl(&cfg),
        documents::DocumentRecord::decl(&cfg),
        documents::VerificationStatus::decl(&cfg),
        documents::Verification::decl(&cfg),
        // Staff mode (crate::staff::types).
        crate::staff::types::StaffRole::decl(&cfg),
        crate::staff::types::StaffSignInRequest::decl(&cfg),
        crate::staff::types::StaffView::decl(&cfg),
        crate::staff::types::StaffCreated::decl(&cfg),
        crate::staff::types::StaffInfo::decl(&cfg),
        crate::staff::types::AuditBreak::decl(&cfg),
        crate::staff::types::AuditVerification::decl(&cfg),
        documents::MyDocument::decl(&cfg),
        documents::PrintOutcome::decl(&cfg),
        // Uploads and «Согласия».
        crate::validate::ScanKind::decl(&cfg),
        crate::uploads::types::UploadKind::decl(&cfg),
        crate::uploads::types::UploadInfo::decl(&cfg),
        crate::uploads::types::UploadId::decl(&cfg),
        crate::consents::ConsentKind::decl(&cfg),
        crate::consents::ConsentView::decl(&cfg),
        crate::consents::ConsentRequest::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from crates/kabinet-core/src/contract.rs by ts-rs. Do not edit:\n\
         // run `UPDATE_CONTRACT=1 cargo test -p kabinet-core --test core contract::` instead.\n\n",
    );
    for declaration in declarations {
        out.push_str("export ");
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
