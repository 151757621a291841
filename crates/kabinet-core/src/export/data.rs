//! «Выгрузить мои данные»: everything Кабинет holds about the citizen, as one document.
//!
//! These types are the export's own, flat and stable, so the JSON Schema
//! (`docs/export/kabinet-export.schema.json`, generated from them and checked for drift) and the
//! XSD (`docs/export/kabinet-export.xsd`) describe a format that does not move whenever a screen
//! changes. They are gathered through the same facade calls the screens use, as the signed-in
//! citizen, so the export shows exactly what the account holds and nothing of anyone else's.
//! Document numbers are not masked: the data is the citizen's own.

use schemars::JsonSchema;
use serde::Serialize;

/// Version of the export format; a change of shape raises it.
pub const FORMAT_VERSION: &str = "1";

/// The whole export.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Кабинет: выгрузка персональных данных")]
pub struct PersonalData {
    /// Version of this format.
    pub format_version: String,
    /// When the export was made (RFC 3339).
    pub exported_at: String,
    /// The account.
    pub account: AccountPart,
    /// Personal data and documents of identity.
    pub profile: ProfilePart,
    /// Sign-in identifiers.
    pub contacts: Vec<ContactPart>,
    /// Agreements and consents.
    pub consents: Vec<ConsentPart>,
    /// «Мои заявления» with their forms and histories.
    pub applications: Vec<ApplicationPart>,
    /// Documents Кабинет issued.
    pub documents: Vec<DocumentPart>,
    /// Files the citizen uploaded.
    pub uploads: Vec<UploadPart>,
    /// «Задолженности».
    pub debts: Vec<DebtPart>,
    /// Sessions, current and ended.
    pub sessions: Vec<SessionPart>,
    /// «Журнал входов».
    pub access_journal: Vec<JournalPart>,
    /// «История изменений».
    pub change_history: Vec<ChangePart>,
    /// «Настройки уведомлений».
    pub notification_settings: SettingsPart,
    /// «История сообщений».
    pub messages: Vec<MessagePart>,
}

/// The account.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountPart {
    /// «Номер личного кабинета».
    pub number: String,
    /// active, pending_closure, closed.
    pub status: String,
    /// simplified, standard, confirmed.
    pub level: String,
    /// Registered (RFC 3339).
    pub registered_at: String,
}

/// Personal data.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfilePart {
    /// Фамилия.
    pub surname: String,
    /// Имя.
    pub given_name: String,
    /// Отчество.
    pub patronymic: Option<String>,
    /// ДД.ММ.ГГГГ.
    pub birth_date: String,
    /// М or Ж.
    pub gender: String,
    /// СНИЛС.
    pub snils: Option<String>,
    /// ИНН.
    pub inn: Option<String>,
    /// Passport.
    pub passport: Option<PassportPart>,
    /// Address.
    pub address: Option<String>,
}

/// The passport of the RF.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PassportPart {
    /// Series and number, ten digits.
    pub number: String,
    /// ДД.ММ.ГГГГ.
    pub issue_date: String,
    /// Кем выдан.
    pub issued_by: String,
    /// NNN-NNN.
    pub division_code: String,
}

/// A sign-in identifier.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactPart {
    /// phone, email or snils.
    pub kind: String,
    /// The value.
    pub value: String,
}

/// An agreement or consent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentPart {
    /// Its name.
    pub title: String,
    /// Its purpose.
    pub purpose: String,
    /// Version.
    pub version: String,
    /// Given (RFC 3339).
    pub accepted_at: Option<String>,
    /// Withdrawn (RFC 3339).
    pub withdrawn_at: Option<String>,
}

/// An application.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationPart {
    /// «Номер заявления».
    pub number: String,
    /// The service's code.
    pub service: String,
    /// The service's name.
    pub service_name: String,
    /// Current status code.
    pub status: String,
    /// Submitted (RFC 3339).
    pub submitted_at: String,
    /// The form as submitted.
    pub fields: Vec<FieldPart>,
    /// Status changes, oldest first.
    pub history: Vec<StatusPart>,
}

/// A value of an application's form.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldPart {
    /// Key.
    pub key: String,
    /// Label.
    pub label: String,
    /// Value.
    pub value: String,
}

/// A status change.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusPart {
    /// Status code.
    pub status: String,
    /// When (RFC 3339).
    pub at: String,
    /// Comment.
    pub comment: Option<String>,
    /// citizen, operator or system.
    pub actor: String,
}

/// An issued document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentPart {
    /// Registry number.
    pub number: String,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Issued (RFC 3339).
    pub created_at: String,
}

/// An uploaded file.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UploadPart {
    /// passport_scan, snils_scan or other.
    pub kind: String,
    /// File name.
    pub name: String,
    /// Content type.
    pub content_type: String,
    /// Size in bytes.
    pub size: i64,
    /// Uploaded (RFC 3339).
    pub created_at: String,
}

/// A debt.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DebtPart {
    /// tax, fine, state_fee or utility.
    pub kind: String,
    /// Agency.
    pub agency: String,
    /// Purpose.
    pub purpose: String,
    /// Amount in kopecks.
    pub amount_kopecks: i64,
    /// ДД.ММ.ГГГГ.
    pub due_date: String,
    /// open, awaiting_confirmation or paid.
    pub status: String,
    /// Confirmed paid (RFC 3339).
    pub paid_at: Option<String>,
}

/// A session.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionPart {
    /// Device name.
    pub device: String,
    /// Operating system.
    pub os: String,
    /// «Запомнить меня».
    pub remembered: bool,
    /// Started (RFC 3339).
    pub started_at: String,
    /// Last activity (RFC 3339).
    pub last_seen_at: String,
}

/// An entry of «Журнал входов».
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JournalPart {
    /// Event code.
    pub event: String,
    /// In words.
    pub title: String,
    /// When (RFC 3339).
    pub at: String,
    /// Device.
    pub device: String,
}

/// An entry of «История изменений».
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePart {
    /// When (RFC 3339).
    pub at: String,
    /// Field code.
    pub field: String,
    /// Old value as recorded (document numbers masked at the time of the change).
    pub old_value: Option<String>,
    /// New value as recorded.
    pub new_value: Option<String>,
    /// citizen, operator or system.
    pub actor: String,
}

/// «Настройки уведомлений».
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsPart {
    /// «Только важные».
    pub only_important: bool,
    /// Only Monday–Friday 09:00–18:00.
    pub working_hours_only: bool,
    /// Quiet hours start, ЧЧ:ММ.
    pub quiet_hours_start: Option<String>,
    /// Quiet hours end, ЧЧ:ММ.
    pub quiet_hours_end: Option<String>,
    /// Event type × channel.
    pub matrix: Vec<ChannelsPart>,
    /// Per-service overrides.
    pub overrides: Vec<ChannelsPart>,
}

/// Channels of one event type or one service.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelsPart {
    /// Event type or service code.
    pub subject: String,
    /// Desktop notification.
    pub desktop: bool,
    /// E-mail.
    pub email: bool,
    /// SMS.
    pub sms: bool,
}

/// A message with its deliveries.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MessagePart {
    /// Event type.
    pub event: String,
    /// Title.
    pub title: String,
    /// Created (RFC 3339).
    pub created_at: String,
    /// One per channel.
    pub deliveries: Vec<DeliveryPart>,
}

/// Where a message stands on one channel.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryPart {
    /// in_app, desktop, email or sms.
    pub channel: String,
    /// Status code.
    pub status: String,
    /// In words.
    pub summary: String,
}

/// The JSON Schema of the export, as committed under `docs/export/`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(PersonalData);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
