//! What a document is made from and what issuing or verifying one returns. These are contract
//! types: the UI's TypeScript is generated from them, and other parts of the core (closure,
//! purge, staff desk) only fill an input struct — the template decides the look.
//!
//! Conventions as in the rest of the contract: moments are RFC 3339 strings (shown on paper in
//! Moscow time), dates a person typed or a deadline are «ДД.ММ.ГГГГ»; phones are E.164 and СНИЛС
//! eleven digits (printed in their usual groups), anything else is printed as given.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contract::{AccountStatus, Level};
use crate::validate::Gender;

/// The kinds of documents Кабинет issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// «Справка о регистрации личного кабинета».
    RegistrationCertificate,
    /// «Заявление о закрытии личного кабинета», submitted online.
    ClosureApplication,
    /// The same application as a blank for paper submission at a service centre.
    ClosureApplicationBlank,
    /// «Подтверждение закрытия личного кабинета».
    ClosureConfirmation,
    /// «Акт о закрытии личного кабинета» (forced closure by staff).
    ClosureAct,
    /// «Сертификат об удалении персональных данных».
    DeletionCertificate,
    /// «История обращений».
    ApplicationsHistory,
    /// «Выписка персональных данных».
    PersonalDataExtract,
    /// «Код подтверждения личности» (slip an operator prints).
    IdentityCodeSlip,
    /// «Реестр документов за день»: the first pages of the staff's «Печать за день».
    DayRegister,
}

impl DocumentKind {
    /// Every kind, in menu order.
    pub const ALL: [DocumentKind; 10] = [
        DocumentKind::RegistrationCertificate,
        DocumentKind::ClosureApplication,
        DocumentKind::ClosureApplicationBlank,
        DocumentKind::ClosureConfirmation,
        DocumentKind::ClosureAct,
        DocumentKind::DeletionCertificate,
        DocumentKind::ApplicationsHistory,
        DocumentKind::PersonalDataExtract,
        DocumentKind::IdentityCodeSlip,
        DocumentKind::DayRegister,
    ];

    /// The number prefix: «ЗЛК» in «ЗЛК-2026-000001».
    pub fn prefix(self) -> &'static str {
        match self {
            DocumentKind::RegistrationCertificate => "СРК",
            DocumentKind::ClosureApplication => "ЗЛК",
            DocumentKind::ClosureApplicationBlank => "БЗК",
            DocumentKind::ClosureConfirmation => "ПЗК",
            DocumentKind::ClosureAct => "АЗК",
            DocumentKind::DeletionCertificate => "УПД",
            DocumentKind::ApplicationsHistory => "ИСТ",
            DocumentKind::PersonalDataExtract => "ВПД",
            DocumentKind::IdentityCodeSlip => "КПЛ",
            DocumentKind::DayRegister => "РДЗ",
        }
    }

    /// The machine name, as stored and as the CLI takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::RegistrationCertificate => "registration_certificate",
            DocumentKind::ClosureApplication => "closure_application",
            DocumentKind::ClosureApplicationBlank => "closure_application_blank",
            DocumentKind::ClosureConfirmation => "closure_confirmation",
            DocumentKind::ClosureAct => "closure_act",
            DocumentKind::DeletionCertificate => "deletion_certificate",
            DocumentKind::ApplicationsHistory => "applications_history",
            DocumentKind::PersonalDataExtract => "personal_data_extract",
            DocumentKind::IdentityCodeSlip => "identity_code_slip",
            DocumentKind::DayRegister => "day_register",
        }
    }

    /// The kind with machine name `name` (`-` and `_` alike).
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim().replace('-', "_");
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// The document's name as printed in the registry and the metadata.
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::RegistrationCertificate => "Справка о регистрации личного кабинета",
            DocumentKind::ClosureApplication => "Заявление о закрытии личного кабинета",
            DocumentKind::ClosureApplicationBlank => {
                "Заявление о закрытии личного кабинета (бланк для подачи на бумаге)"
            }
            DocumentKind::ClosureConfirmation => "Подтверждение закрытия личного кабинета",
            DocumentKind::ClosureAct => "Акт о закрытии личного кабинета",
            DocumentKind::DeletionCertificate => "Сертификат об удалении персональных данных",
            DocumentKind::ApplicationsHistory => "История обращений",
            DocumentKind::PersonalDataExtract => "Выписка персональных данных",
            DocumentKind::IdentityCodeSlip => "Код подтверждения личности",
            DocumentKind::DayRegister => "Реестр документов за день",
        }
    }
}

/// Why a citizen closes the account (step 4 of closure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClosureReason {
    /// Неактуальность.
    NotNeeded,
    /// Удаление персональных данных.
    DeletePersonalData,
    /// Переход на другие сервисы.
    OtherServices,
    /// Подозрительная активность.
    SuspiciousActivity,
    /// Иное (free text in `reason_text`).
    Other,
}

impl ClosureReason {
    /// Every reason, in the order of the form.
    pub const ALL: [ClosureReason; 5] = [
        ClosureReason::NotNeeded,
        ClosureReason::DeletePersonalData,
        ClosureReason::OtherServices,
        ClosureReason::SuspiciousActivity,
        ClosureReason::Other,
    ];

    /// The label of the form.
    pub fn label(self) -> &'static str {
        match self {
            ClosureReason::NotNeeded => "Неактуальность",
            ClosureReason::DeletePersonalData => "Удаление персональных данных",
            ClosureReason::OtherServices => "Переход на другие сервисы",
            ClosureReason::SuspiciousActivity => "Подозрительная активность",
            ClosureReason::Other => "Иное",
        }
    }
}

/// Grounds of a forced closure by staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum ForcedGround {
    /// Нарушение правил пользования (after a notice and a block).
    RulesViolation,
    /// Подозрительная активность (owner's identity and consent checked).
    SuspiciousActivity,
    /// Решение суда.
    CourtDecision,
    /// Акт уполномоченного органа.
    AuthorityAct,
    /// Смерть гражданина.
    Death,
}

impl ForcedGround {
    /// The label printed in the act.
    pub fn label(self) -> &'static str {
        match self {
            ForcedGround::RulesViolation => "Нарушение правил пользования личным кабинетом",
            ForcedGround::SuspiciousActivity => "Подозрительная активность",
            ForcedGround::CourtDecision => "Решение суда",
            ForcedGround::AuthorityAct => "Акт уполномоченного органа",
            ForcedGround::Death => "Смерть гражданина",
        }
    }
}

/// Who closed the account, with the reason category kept in the tombstone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ClosureBasis {
    /// The citizen, for this reason.
    Citizen {
        /// The reason category.
        reason: ClosureReason,
    },
    /// Staff, on these grounds.
    Staff {
        /// The grounds category.
        ground: ForcedGround,
    },
}

impl ClosureBasis {
    /// «По заявлению гражданина: неактуальность».
    pub fn label(&self) -> String {
        match self {
            ClosureBasis::Citizen { reason } => {
                format!("По заявлению гражданина: {}", reason.label().to_lowercase())
            }
            ClosureBasis::Staff { ground } => {
                format!("Закрыт сотрудником: {}", ground.label().to_lowercase())
            }
        }
    }
}

/// A signing staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StaffSigner {
    /// Фамилия И. О.
    pub name: String,
    /// Должность.
    pub position: String,
}

/// «Справка о регистрации»: the account exists, since when, at what level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegistrationCertificateInput {
    /// ФИО.
    pub full_name: String,
    /// Дата рождения, ДД.ММ.ГГГГ.
    pub birth_date: String,
    /// Номер личного кабинета.
    pub account_number: String,
    /// When the account was created (RFC 3339).
    pub registered_at: String,
    /// Current level.
    pub level: Level,
    /// Current status.
    pub status: AccountStatus,
    /// Confirmed phone (E.164).
    pub phone: String,
    /// Confirmed e-mail, if any.
    #[ts(optional)]
    pub email: Option<String>,
    /// СНИЛС, if entered.
    #[ts(optional)]
    pub snils: Option<String>,
    /// Where it is to be presented; default «по месту требования».
    #[ts(optional)]
    pub purpose: Option<String>,
}

/// «Заявление о закрытии личного кабинета» (closure step 6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClosureApplicationInput {
    /// Номер заявления (of the closure request).
    pub request_number: String,
    /// When it was submitted (RFC 3339).
    pub submitted_at: String,
    /// ФИО.
    pub full_name: String,
    /// ИНН, if entered.
    #[ts(optional)]
    pub inn: Option<String>,
    /// Phone (E.164).
    pub phone: String,
    /// E-mail, if any.
    #[ts(optional)]
    pub email: Option<String>,
    /// Номер личного кабинета.
    pub account_number: String,
    /// The reason chosen.
    pub reason: ClosureReason,
    /// Free text («иное», or a comment to any reason).
    #[ts(optional)]
    pub reason_text: Option<String>,
    /// Deadline, ДД.ММ.ГГГГ.
    pub deadline: String,
    /// The deadline in working days (2, 5 or up to 10).
    pub deadline_working_days: u32,
    /// Until when the citizen may withdraw it (RFC 3339), for a request that closes itself.
    #[ts(optional)]
    pub withdraw_until: Option<String>,
}

/// The paper blank of the closure application: whatever is known is printed, the rest is a line
/// to fill in by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClosureApplicationBlankInput {
    /// ФИО.
    #[ts(optional)]
    pub full_name: Option<String>,
    /// ИНН.
    #[ts(optional)]
    pub inn: Option<String>,
    /// Phone.
    #[ts(optional)]
    pub phone: Option<String>,
    /// E-mail.
    #[ts(optional)]
    pub email: Option<String>,
    /// Номер личного кабинета.
    #[ts(optional)]
    pub account_number: Option<String>,
    /// Passport series and number, if known.
    #[ts(optional)]
    pub passport: Option<String>,
    /// The reason, ticked if known.
    #[ts(optional)]
    pub reason: Option<ClosureReason>,
    /// Free text for «иное».
    #[ts(optional)]
    pub reason_text: Option<String>,
    /// The service centre the blank is printed at.
    #[ts(optional)]
    pub service_centre: Option<String>,
}

/// «Подтверждение закрытия» (closure step 8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClosureConfirmationInput {
    /// ФИО.
    pub full_name: String,
    /// Номер личного кабинета.
    pub account_number: String,
    /// СНИЛС, if entered.
    #[ts(optional)]
    pub snils: Option<String>,
    /// Номер заявления.
    pub request_number: String,
    /// When the request was submitted (RFC 3339).
    pub submitted_at: String,
    /// When the account was closed (RFC 3339).
    pub closed_at: String,
    /// The reason.
    pub reason: ClosureReason,
    /// Free text of the reason.
    #[ts(optional)]
    pub reason_text: Option<String>,
    /// Restoration possible until, ДД.ММ.ГГГГ.
    pub restore_until: String,
    /// Personal data destroyed on, ДД.ММ.ГГГГ.
    pub purge_on: String,
    /// The operator who approved it; absent when it closed automatically.
    #[ts(optional)]
    pub processed_by: Option<String>,
}

/// «Акт о закрытии личного кабинета» (forced closure).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClosureActInput {
    /// ФИО.
    pub full_name: String,
    /// Номер личного кабинета.
    pub account_number: String,
    /// Grounds category.
    pub ground: ForcedGround,
    /// The grounds as recorded by staff.
    pub grounds_text: String,
    /// Court or authority, for a decision or an act.
    #[ts(optional)]
    pub authority: Option<String>,
    /// Number of the decision, act or notice.
    #[ts(optional)]
    pub basis_number: Option<String>,
    /// Its date, ДД.ММ.ГГГГ.
    #[ts(optional)]
    pub basis_date: Option<String>,
    /// When the account was closed (RFC 3339).
    pub closed_at: String,
    /// Restoration with operator approval possible until, ДД.ММ.ГГГГ (none after a death).
    #[ts(optional)]
    pub restore_until: Option<String>,
    /// Personal data destroyed on, ДД.ММ.ГГГГ.
    pub purge_on: String,
    /// The operator who executed it (an empty name leaves a line to write it in by hand).
    pub operator: StaffSigner,
    /// The supervisor who approved it (an empty name leaves a line to write it in by hand).
    pub supervisor: StaffSigner,
}

/// «Сертификат об удалении персональных данных» (closure step 10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeletionCertificateInput {
    /// ФИО, as it was (the certificate is the citizen's proof; see `docs/documents/README.md`).
    pub full_name: String,
    /// Номер личного кабинета (kept in the tombstone).
    pub account_number: String,
    /// Who closed it and why (the category kept in the tombstone).
    pub basis: ClosureBasis,
    /// When it was closed (RFC 3339).
    pub closed_at: String,
    /// When the data was destroyed (RFC 3339).
    pub purged_at: String,
    /// What was destroyed; a standard list when empty.
    #[serde(default)]
    pub data_categories: Vec<String>,
}

/// What an entry of the history is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HistoryEntryKind {
    /// Заявление на услугу.
    Application,
    /// Запрос (closure, restoration, data export).
    Request,
    /// Обращение в поддержку.
    Support,
}

impl HistoryEntryKind {
    /// The label in the table.
    pub fn label(self) -> &'static str {
        match self {
            HistoryEntryKind::Application => "Заявление",
            HistoryEntryKind::Request => "Запрос",
            HistoryEntryKind::Support => "Обращение",
        }
    }
}

/// Status of an application, request or support contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HistoryStatus {
    /// Принято.
    Accepted,
    /// На рассмотрении.
    InReview,
    /// Требуются документы.
    DocumentsRequired,
    /// Завершено.
    Completed,
    /// Отказано.
    Rejected,
    /// Отменено.
    Cancelled,
    /// Ответ дан (support).
    Answered,
}

impl HistoryStatus {
    /// The label in the table.
    pub fn label(self) -> &'static str {
        match self {
            HistoryStatus::Accepted => "Принято",
            HistoryStatus::InReview => "На рассмотрении",
            HistoryStatus::DocumentsRequired => "Требуются документы",
            HistoryStatus::Completed => "Завершено",
            HistoryStatus::Rejected => "Отказано",
            HistoryStatus::Cancelled => "Отменено",
            HistoryStatus::Answered => "Ответ дан",
        }
    }
}

/// One row of «История обращений».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HistoryEntry {
    /// Its number.
    pub number: String,
    /// Application, request or support contact.
    pub kind: HistoryEntryKind,
    /// Service or topic.
    pub subject: String,
    /// When it was submitted (RFC 3339).
    pub submitted_at: String,
    /// Current status.
    pub status: HistoryStatus,
    /// When the status last changed (RFC 3339).
    #[ts(optional)]
    pub updated_at: Option<String>,
}

/// «История обращений» (closure step 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApplicationsHistoryInput {
    /// ФИО.
    pub full_name: String,
    /// Номер личного кабинета.
    pub account_number: String,
    /// Every application, request and support contact, oldest first.
    #[serde(default)]
    pub entries: Vec<HistoryEntry>,
}

/// Passport of the RF as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PassportData {
    /// Ten digits (series + number) or as typed.
    pub series_number: String,
    /// Кем выдан.
    pub issued_by: String,
    /// Дата выдачи, ДД.ММ.ГГГГ.
    pub issued_on: String,
    /// Код подразделения NNN-NNN.
    pub division_code: String,
}

/// One consent or agreement accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentRecord {
    /// Its name.
    pub title: String,
    /// Version accepted.
    pub version: String,
    /// When (RFC 3339).
    pub accepted_at: String,
    /// When withdrawn, if it was (RFC 3339).
    #[ts(optional)]
    pub withdrawn_at: Option<String>,
}

/// «Выписка персональных данных»: everything the account holds about the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonalDataExtractInput {
    /// ФИО.
    pub full_name: String,
    /// Дата рождения, ДД.ММ.ГГГГ.
    pub birth_date: String,
    /// Пол.
    pub gender: Gender,
    /// Phone (E.164).
    pub phone: String,
    /// E-mail.
    #[ts(optional)]
    pub email: Option<String>,
    /// СНИЛС.
    #[ts(optional)]
    pub snils: Option<String>,
    /// ИНН.
    #[ts(optional)]
    pub inn: Option<String>,
    /// Passport.
    #[ts(optional)]
    pub passport: Option<PassportData>,
    /// Address.
    #[ts(optional)]
    pub address: Option<String>,
    /// Номер личного кабинета.
    pub account_number: String,
    /// Level.
    pub level: Level,
    /// Status.
    pub status: AccountStatus,
    /// When the account was created (RFC 3339).
    pub registered_at: String,
    /// Agreements and consents.
    #[serde(default)]
    pub consents: Vec<ConsentRecord>,
}

/// «Код подтверждения личности»: the slip an operator prints when the level cannot be raised at
/// the desk at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IdentityCodeSlipInput {
    /// ФИО.
    pub full_name: String,
    /// Номер личного кабинета.
    pub account_number: String,
    /// The confirmation code.
    pub code: String,
    /// Valid until (RFC 3339).
    pub valid_until: String,
    /// The service centre.
    pub service_centre: String,
    /// The operator who printed it.
    pub operator: String,
}

/// One line of «Реестр документов за день».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayRegisterEntry {
    /// The document's number.
    pub number: String,
    /// Its title.
    pub title: String,
    /// «Номер личного кабинета», when the registry still names it.
    pub account_number: Option<String>,
    /// When it was issued (RFC 3339).
    pub issued_at: String,
    /// Its PDF follows the register in the batch (a deletion certificate's is never kept).
    pub included: bool,
}

/// «Реестр документов за день»: the confirmations, acts and certificates issued on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayRegisterInput {
    /// The day, ДД.ММ.ГГГГ.
    pub day: String,
    /// Who printed it.
    pub operator: String,
    /// The documents, in order of issue.
    pub entries: Vec<DayRegisterEntry>,
}

/// A document to issue: its kind and the data of its template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "input", rename_all = "snake_case")]
pub enum DocumentInput {
    /// «Справка о регистрации».
    RegistrationCertificate(RegistrationCertificateInput),
    /// «Заявление о закрытии личного кабинета».
    ClosureApplication(ClosureApplicationInput),
    /// Its paper blank.
    ClosureApplicationBlank(ClosureApplicationBlankInput),
    /// «Подтверждение закрытия».
    ClosureConfirmation(ClosureConfirmationInput),
    /// «Акт о закрытии личного кабинета».
    ClosureAct(ClosureActInput),
    /// «Сертификат об удалении персональных данных».
    DeletionCertificate(DeletionCertificateInput),
    /// «История обращений».
    ApplicationsHistory(ApplicationsHistoryInput),
    /// «Выписка персональных данных».
    PersonalDataExtract(PersonalDataExtractInput),
    /// «Код подтверждения личности».
    IdentityCodeSlip(IdentityCodeSlipInput),
    /// «Реестр документов за день».
    DayRegister(DayRegisterInput),
}

impl DocumentInput {
    /// The kind of document this input makes.
    pub fn kind(&self) -> DocumentKind {
        match self {
            DocumentInput::RegistrationCertificate(_) => DocumentKind::RegistrationCertificate,
            DocumentInput::ClosureApplication(_) => DocumentKind::ClosureApplication,
            DocumentInput::ClosureApplicationBlank(_) => DocumentKind::ClosureApplicationBlank,
            DocumentInput::ClosureConfirmation(_) => DocumentKind::ClosureConfirmation,
            DocumentInput::ClosureAct(_) => DocumentKind::ClosureAct,
            DocumentInput::DeletionCertificate(_) => DocumentKind::DeletionCertificate,
            DocumentInput::ApplicationsHistory(_) => DocumentKind::ApplicationsHistory,
            DocumentInput::PersonalDataExtract(_) => DocumentKind::PersonalDataExtract,
            DocumentInput::IdentityCodeSlip(_) => DocumentKind::IdentityCodeSlip,
            DocumentInput::DayRegister(_) => DocumentKind::DayRegister,
        }
    }

    /// The input of `kind` from its template's JSON (what `kabinet-cli render KIND` reads).
    pub fn from_json(kind: DocumentKind, input: serde_json::Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(serde_json::json!({ "kind": kind.as_str(), "input": input }))
    }
}

/// A document just issued and registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IssuedDocument {
    /// «ПЗК-2026-000001».
    pub number: String,
    /// Its kind.
    pub kind: DocumentKind,
    /// Title as printed.
    pub title: String,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// The code printed beside the QR.
    pub verification_code: String,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// Number of pages.
    pub pages: u32,
    /// The PDF.
    #[ts(type = "Array<number>")]
    pub bytes: Vec<u8>,
}

/// A registry entry, without the bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentRecord {
    /// The number.
    pub number: String,
    /// Its kind.
    pub kind: DocumentKind,
    /// Title as printed.
    pub title: String,
    /// SHA-256 of the issued bytes, hex.
    pub sha256: String,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// Number of pages.
    pub pages: u32,
    /// Size in bytes.
    #[ts(type = "number")]
    pub size: i64,
    /// Whether the bytes are kept (documents issued to a citizen) and can be downloaded again.
    pub stored: bool,
}

/// The verdict on a PDF presented for verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// Registered, and byte for byte the document issued.
    Valid,
    /// No registered number found in the file.
    Unknown,
    /// The number is registered but the file differs from what was issued.
    Altered,
}

/// The answer of `verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Verification {
    /// The verdict.
    pub status: VerificationStatus,
    /// The number found in the file, if any.
    pub number: Option<String>,
    /// The registered document, when the number is known.
    pub record: Option<DocumentRecord>,
    /// SHA-256 of the presented bytes, hex.
    pub sha256: String,
    /// The verdict in words, in the current locale.
    pub message: String,
}

/// A document in the citizen's «Документы» list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MyDocument {
    /// The number.
    pub number: String,
    /// Its kind.
    pub kind: DocumentKind,
    /// Title as printed, with the number.
    pub title: String,
    /// When it was issued (RFC 3339).
    pub created_at: String,
    /// Number of pages.
    pub pages: u32,
    /// Size in bytes.
    #[ts(type = "number")]
    pub size: i64,
    /// The file is kept and can be opened, saved and printed (a code slip never is).
    pub available: bool,
}

impl From<DocumentRecord> for MyDocument {
    fn from(record: DocumentRecord) -> Self {
        Self {
            number: record.number,
            kind: record.kind,
            title: record.title,
            created_at: record.created_at,
            pages: record.pages,
            size: record.size,
            available: record.stored,
        }
    }
}

/// What became of «Печать».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PrintOutcome {
    /// The system print dialog sent the document to a printer.
    Sent,
    /// The citizen closed the print dialog without printing.
    Cancelled,
    /// This platform prints from the system viewer: the document was opened there.
    OpenedInViewer,
}

crate::bind_as_text!(ForcedGround);
