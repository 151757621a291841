//! Requests and responses of «Мои заявления» and «Задолженности», part of the one contract.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where an application stands. The first three are «unfinished»: the citizen may cancel them,
/// and they stop a closure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// «Принято».
    Accepted,
    /// «На рассмотрении».
    InReview,
    /// «Требуются документы».
    DocumentsRequired,
    /// «Завершено».
    Completed,
    /// «Отказано».
    Refused,
    /// «Отменено».
    Cancelled,
}

/// How a form field is typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FormFieldKind {
    /// One line of text.
    Text,
    /// Several lines.
    LongText,
    /// ДД.ММ.ГГГГ.
    Date,
    /// One of `options`.
    Choice,
}

/// A service of the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ServiceSummary {
    /// Machine code, e.g. `passport_foreign`.
    pub code: String,
    /// Its name, in the current locale.
    pub name: String,
    /// The agency that provides it.
    pub agency: String,
    /// The usual time to a result, in days.
    pub days: u32,
}

/// One field of a service's form, with the value prefilled from the profile.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FormField {
    /// Its key in [`SubmitApplication::fields`].
    pub key: String,
    /// Its label, in the current locale.
    pub label: String,
    /// How it is typed in.
    pub kind: FormFieldKind,
    /// Must be filled in.
    pub required: bool,
    /// The choices of a `choice` field.
    pub options: Vec<String>,
    /// The profile's value, if the field is taken from it (empty otherwise).
    pub value: String,
}

/// The form of one service.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ServiceForm {
    /// The service.
    pub service: ServiceSummary,
    /// Its fields in order.
    pub fields: Vec<FormField>,
}

/// Which service's form to open.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ServiceRequest {
    /// A code from the catalogue.
    pub service: String,
}

/// «Подать заявление».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SubmitApplication {
    /// A code from the catalogue.
    pub service: String,
    /// Field key → value as typed.
    pub fields: BTreeMap<String, String>,
}

/// One application in the list.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ApplicationSummary {
    /// «Номер заявления», e.g. `2026-000123`.
    pub number: String,
    /// The service's code.
    pub service: String,
    /// The service's name.
    pub service_name: String,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// The status in words, in the current locale.
    pub status_label: String,
    /// Submitted (RFC 3339).
    pub submitted_at: String,
    /// Last status change (RFC 3339).
    pub updated_at: String,
    /// Accepted, in review or waiting for documents: may be cancelled.
    pub unfinished: bool,
}

/// A value of the form as submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubmittedField {
    /// The field's key.
    pub key: String,
    /// Its label when submitted.
    pub label: String,
    /// The value (empty when an optional field was left out).
    pub value: String,
}

/// One status change.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StatusChange {
    /// The new status.
    pub status: ApplicationStatus,
    /// The status in words.
    pub status_label: String,
    /// When (RFC 3339).
    pub at: String,
    /// The comment (the citizen's reason for a cancellation, the operator's note).
    pub comment: Option<String>,
    /// Who: `citizen`, `operator` or `system`.
    pub actor: String,
}

/// One application with its form and history.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ApplicationDetail {
    /// The list entry.
    pub summary: ApplicationSummary,
    /// The agency.
    pub agency: String,
    /// The form as submitted.
    pub form: Vec<SubmittedField>,
    /// Oldest first.
    pub history: Vec<StatusChange>,
}

/// An application by number.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ApplicationRequest {
    /// «Номер заявления».
    pub number: String,
}

/// «Отменить заявление».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CancelApplication {
    /// «Номер заявления».
    pub number: String,
    /// Why (3–500 characters).
    pub reason: String,
}

/// Staff: move an application to a new status.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StatusUpdate {
    /// «Номер заявления».
    pub number: String,
    /// The new status.
    pub status: ApplicationStatus,
    /// A comment for the citizen (required for «Требуются документы» and «Отказано»).
    #[ts(optional)]
    pub comment: Option<String>,
}

/// The kind of a debt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum DebtKind {
    /// «Налог».
    Tax,
    /// «Штраф».
    Fine,
    /// «Госпошлина».
    StateFee,
    /// «Коммунальный платёж».
    Utility,
}

/// Where a debt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum DebtStatus {
    /// «Не оплачено».
    Open,
    /// «Оплата на проверке»: a receipt is attached; still open until an operator confirms.
    AwaitingConfirmation,
    /// «Оплачено».
    Paid,
}

/// One debt.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Debt {
    /// Its number.
    #[ts(type = "number")]
    pub id: i64,
    /// The kind.
    pub kind: DebtKind,
    /// The kind in words.
    pub kind_label: String,
    /// The agency owed.
    pub agency: String,
    /// What it is for.
    pub purpose: String,
    /// The amount in kopecks.
    #[ts(type = "number")]
    pub amount_kopecks: i64,
    /// The amount in roubles as shown, e.g. `1 234,56 ₽`.
    pub amount_text: String,
    /// Due date, ДД.ММ.ГГГГ.
    pub due_date: String,
    /// Past the due date and not paid.
    pub overdue: bool,
    /// Where it stands.
    pub status: DebtStatus,
    /// When the citizen said it was paid (RFC 3339).
    pub claimed_at: Option<String>,
    /// The receipt's file name.
    pub receipt_name: Option<String>,
    /// When an operator confirmed the payment (RFC 3339).
    pub paid_at: Option<String>,
}

/// «Задолженности».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DebtList {
    /// Open first (by due date), then paid.
    pub debts: Vec<Debt>,
    /// The sum of the open ones, in kopecks.
    #[ts(type = "number")]
    pub open_total_kopecks: i64,
    /// The same in roubles as shown.
    pub open_total_text: String,
}

/// Staff: a new debt for a citizen.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewDebt {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// The kind.
    pub kind: DebtKind,
    /// The agency owed.
    pub agency: String,
    /// What it is for.
    pub purpose: String,
    /// The amount in roubles as typed: `1234,56`, `1 234.56`, `1234`.
    pub amount: String,
    /// ДД.ММ.ГГГГ.
    pub due_date: String,
}

/// A debt by number.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DebtRequest {
    /// From [`Debt::id`].
    #[ts(type = "number")]
    pub id: i64,
}

/// The citizen's form answers keyed by field, for the submitted form.
pub type FormValues = BTreeMap<String, String>;

crate::bind_as_text!(ApplicationStatus, DebtKind, DebtStatus);
