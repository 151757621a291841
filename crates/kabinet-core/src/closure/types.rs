//! Requests and responses of «Закрыть профиль», part of the one contract.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contract::AccountStatus;
use crate::documents::ClosureReason;

/// Where a closure request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum RequestStatus {
    /// Clean, closes by itself at `auto_close_at`; may be withdrawn until then.
    Pending,
    /// Flagged: an operator decides by the deadline.
    Review,
    /// The citizen withdrew it.
    Withdrawn,
    /// An operator rejected it.
    Rejected,
    /// The account was closed by it.
    Closed,
}

/// A closure request as the citizen sees it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ClosureRequestView {
    /// «Номер заявления о закрытии».
    pub number: String,
    /// Where it stands.
    pub status: RequestStatus,
    /// The status in words.
    pub status_label: String,
    /// The reason.
    pub reason: ClosureReason,
    /// The reason in words (the free text for «Иное»).
    pub reason_label: String,
    /// Submitted (RFC 3339).
    pub submitted_at: String,
    /// The deadline, ДД.ММ.ГГГГ (end of that day).
    pub deadline: String,
    /// Working days of the deadline: 2, 5 or 10.
    pub working_days: u32,
    /// When a clean request closes by itself and stops being withdrawable (RFC 3339).
    pub auto_close_at: Option<String>,
    /// What is pending, in words («Закрытие 26.11.2026 в 10:15, если не отозвать», «Проверка
    /// оператором: …»).
    pub pending: String,
    /// May be withdrawn now.
    pub can_withdraw: bool,
    /// «Заявление о закрытии» PDF number.
    pub application_number: Option<String>,
    /// The printable blank's number.
    pub blank_number: Option<String>,
    /// Notices about the production calendar (a year not loaded).
    pub calendar_notices: Vec<String>,
}

/// The closed state.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ClosedView {
    /// Closed (RFC 3339).
    pub closed_at: String,
    /// Restoration possible until (RFC 3339).
    pub restore_until: String,
    /// Personal data destroyed on (RFC 3339).
    pub purge_at: String,
    /// Closed by staff (restoration then goes through an operator).
    pub by_staff: bool,
    /// «Подтверждение закрытия» PDF number.
    pub confirmation_number: Option<String>,
}

/// «Проверить статус».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ClosureStatus {
    /// The account's status.
    pub status: AccountStatus,
    /// The status in words.
    pub status_label: String,
    /// The open or last request.
    pub request: Option<ClosureRequestView>,
    /// When closed.
    pub closed: Option<ClosedView>,
}

/// What a pre-check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PrecheckKind {
    /// An unfinished application.
    UnfinishedApplication,
    /// An open debt.
    OpenDebt,
    /// Documents that may not be saved yet.
    UnsavedDocuments,
    /// A linked qualified e-signature certificate.
    ESignature,
    /// A closure request is already open.
    RequestOpen,
}

/// One finding of the pre-checks.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PrecheckItem {
    /// What it is.
    pub kind: PrecheckKind,
    /// Stops the flow until dealt with.
    pub blocking: bool,
    /// What it is, in words.
    pub title: String,
    /// What to do.
    pub action: String,
    /// The application number or debt id it concerns, for «Отменить» / «Открыть».
    pub reference: Option<String>,
}

/// The pre-checks.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Prechecks {
    /// Every finding, blocking first.
    pub items: Vec<PrecheckItem>,
    /// No blocking finding.
    pub can_continue: bool,
}

/// Step 5, «Подтверждение».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ClosureSubmit {
    /// The reason.
    pub reason: ClosureReason,
    /// Free text, required for «Иное» (3–500 characters).
    #[ts(optional)]
    pub reason_text: Option<String>,
    /// The password.
    #[ts(as = "String")]
    pub password: crate::secret::Secret,
    /// The code sent to the phone.
    #[ts(as = "String")]
    pub code: crate::secret::Secret,
    /// «Согласен на удаление персональных данных».
    pub consent: bool,
}

/// Restoration, step 1: who.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RestoreStart {
    /// Phone, e-mail or СНИЛС.
    pub identifier: String,
    /// The password.
    #[ts(as = "String")]
    pub password: crate::secret::Secret,
}

/// Restoration, step 2: the code and the passport.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RestoreComplete {
    /// Phone, e-mail or СНИЛС.
    pub identifier: String,
    /// The password.
    #[ts(as = "String")]
    pub password: crate::secret::Secret,
    /// The code sent to the phone.
    #[ts(as = "String")]
    pub code: crate::secret::Secret,
    /// Passport series and number.
    pub passport: String,
}

/// The outcome of a restoration request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RestoreOutcome {
    /// A code went to the phone: enter it with the passport number.
    CodeSent,
    /// The account is active again: sign in.
    Restored,
    /// Closed by staff: an operator decides.
    SentToOperator,
}

/// One piece of work waiting for an operator: a flagged closure request or a restoration.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct QueueItem {
    /// The queue entry.
    #[ts(type = "number")]
    pub id: i64,
    /// `closure_review` or `restoration`.
    pub kind: String,
    /// «Номер личного кабинета».
    pub account_number: String,
    /// The closure request's number (a closure review).
    pub request_number: Option<String>,
    /// Why the request needs a person: `security_incident`, `debt_appeared`, `identity_mismatch`,
    /// `staff_initiated`.
    pub flags: Vec<String>,
    /// The same, as the desk reads them.
    pub flag_labels: Vec<String>,
    /// The reason the citizen gave (a closure review).
    pub reason_label: Option<String>,
    /// When the work arrived (RFC 3339).
    pub created_at: String,
    /// The deadline, ДД.ММ.ГГГГ.
    pub due: String,
    /// Working days left after today; negative when overdue, 0 on the last day.
    pub working_days_left: i32,
    /// Past its deadline.
    pub overdue: bool,
}

/// An operator's decision on a flagged closure request.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ClosureDecision {
    /// «Номер заявления о закрытии».
    pub number: String,
    /// Close the account (true) or reject the request (false).
    pub approve: bool,
    /// The reason, required when rejecting (3–500 characters).
    #[ts(optional)]
    pub comment: Option<String>,
}

/// «Восстановление»: the operator's decision on restoring a staff-closed account, with the
/// passport the citizen presented (compared with the account's before approving).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RestorationDecision {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// Approve (restore) or reject.
    pub approve: bool,
    /// The passport series and number presented; required to approve.
    #[ts(optional)]
    pub passport_number: Option<String>,
    /// The reason; required to reject.
    #[ts(optional)]
    pub comment: Option<String>,
}
