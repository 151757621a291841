//! The requests and responses of staff mode, declared once for the Rust callers, the CLI and the
//! UI's TypeScript (listed in [`crate::contract::typescript`]).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Оператор: confirms identity, processes closure requests, prints documents.
    Operator,
    /// Старший смены: everything an operator does, plus forced closures, staff management and
    /// the delivery transports.
    Supervisor,
}

impl StaffRole {
    /// The name stored in the database and typed in the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Operator => "operator",
            StaffRole::Supervisor => "supervisor",
        }
    }

    /// The role of a stored or typed name.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "operator" => Some(StaffRole::Operator),
            "supervisor" => Some(StaffRole::Supervisor),
            _ => None,
        }
    }
}

/// Staff sign-in: login, password and the code of the authenticator app, in one step.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffSignInRequest {
    /// The login, as typed (case does not matter).
    pub login: String,
    /// The password.
    #[ts(as = "String")]
    pub password: crate::secret::Secret,
    /// The six digits of the authenticator app.
    #[ts(as = "String")]
    pub code: crate::secret::Secret,
}

/// The signed-in staff member.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffView {
    /// The login.
    pub login: String,
    /// ФИО.
    pub full_name: String,
    /// The role.
    pub role: StaffRole,
    /// When this session started (RFC 3339).
    pub started_at: String,
    /// Minutes without a call after which the session ends.
    pub idle_minutes: u32,
}

/// A new staff account («Сотрудники» → «Добавить», or `kabinet-cli staff add`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewStaff {
    /// The login.
    pub login: String,
    /// ФИО in one line.
    pub full_name: String,
    /// `operator` or `supervisor`, as typed.
    pub role: String,
    /// The password (checked by the password rules against the name).
    #[ts(as = "String")]
    pub password: crate::secret::Secret,
}

/// A created staff account with its TOTP secret, shown once.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffCreated {
    /// The login, normalised.
    pub login: String,
    /// The role.
    pub role: StaffRole,
    /// The `otpauth://` URI for the authenticator app.
    #[ts(as = "String")]
    pub otpauth_uri: crate::secret::Secret,
    /// The same secret as Base32 in groups of four, to type by hand.
    #[ts(as = "String")]
    pub secret: crate::secret::Secret,
}

/// A row of `staff list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffInfo {
    /// The login.
    pub login: String,
    /// ФИО.
    pub full_name: String,
    /// The role.
    pub role: StaffRole,
    /// When the account was created (RFC 3339).
    pub created_at: String,
    /// When it was disabled, if it was (RFC 3339).
    pub disabled_at: Option<String>,
    /// Until when sign-in is locked, if it is (RFC 3339).
    pub locked_until: Option<String>,
}

/// Where the audit chain broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditBreak {
    /// The row's content does not match its hash: it was edited.
    Changed,
    /// A sequence number is missing: a row was deleted.
    Missing,
    /// The row does not point at the hash of the row before it: rows were removed or replaced.
    Unlinked,
    /// The head given to compare with is not in the log: newer rows were cut off.
    HeadMismatch,
}

/// The outcome of `audit verify`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditVerification {
    /// The whole chain is intact.
    pub ok: bool,
    /// How many rows were read.
    pub rows: u64,
    /// The last sequence number (0 when the log is empty).
    pub head_seq: u64,
    /// The last row's hash, hex (write it down to detect a later cut of the newest rows).
    pub head_hash: String,
    /// The first row where the chain broke.
    pub broken_at: Option<u64>,
    /// Why it broke there.
    pub reason: Option<AuditBreak>,
}

/// A staff account named by its login (disable, reset the authenticator).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffLogin {
    /// The login.
    pub login: String,
}

/// «Журнал действий»: a page, with optional filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct AuditQuery {
    /// From 1.
    pub page: u32,
    /// A staff login, or `cli:<user>` / `system`.
    #[ts(optional)]
    pub login: Option<String>,
    /// An action code, e.g. `closure_decided`.
    #[ts(optional)]
    pub action: Option<String>,
    /// Whom: an account number or a staff login.
    #[ts(optional)]
    pub target: Option<String>,
    /// First day, ДД.ММ.ГГГГ.
    #[ts(optional)]
    pub from: Option<String>,
    /// Last day, ДД.ММ.ГГГГ.
    #[ts(optional)]
    pub to: Option<String>,
}

/// One row of the log as the desk shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditRow {
    /// Its sequence number.
    #[ts(type = "number")]
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who: the staff login, `cli:<user>`, `system` or `unknown`.
    pub who: String,
    /// What.
    pub action: String,
    /// Whom.
    pub target: String,
    /// The grounds and facts, as JSON text.
    pub details: String,
}

/// A page of «Журнал действий», newest first.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditPage {
    /// The rows.
    pub rows: Vec<AuditRow>,
    /// This page.
    pub page: u32,
    /// Pages in all.
    pub pages: u32,
    /// Rows matching.
    #[ts(type = "number")]
    pub total: i64,
}

/// «Проверить цепочку», optionally against a head written down earlier.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct AuditCheck {
    /// `SEQ:HASH` as an earlier check printed it.
    #[ts(optional)]
    pub head: Option<String>,
}
