//! Requests and responses of forced closure and blocks, part of the one contract.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::ForcedGround;

/// A forced closure registered by staff.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ForcedClosureRequest {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// The grounds.
    pub ground: ForcedGround,
    /// Court decision or authority act: its number (required for those grounds).
    #[ts(optional)]
    pub decision_number: Option<String>,
    /// Its date, ДД.ММ.ГГГГ, not in the future (required for a decision or an act; optional date
    /// of a death certificate).
    #[ts(optional)]
    pub decision_date: Option<String>,
    /// The court or the authority (required for a decision or an act; the registry office of a
    /// death certificate, optional).
    #[ts(optional)]
    pub issuer: Option<String>,
    /// Death: the number of the death certificate (required).
    #[ts(optional)]
    pub certificate: Option<String>,
    /// The circumstances printed in the act: what the violation or the suspicious activity was
    /// (required for those grounds, 3–500 characters).
    #[ts(optional)]
    pub text: Option<String>,
    /// Suspicious activity: the owner's identity and consent were checked (required).
    #[serde(default)]
    pub identity_checked: bool,
    /// Violation: calendar days to fix it, 1–30 (default 10).
    #[ts(optional)]
    pub notice_days: Option<u32>,
    /// Violation: calendar days of the block before closure, 1–30 (default 10).
    #[ts(optional)]
    pub block_days: Option<u32>,
    /// The operator who executes it, «Фамилия И. О.» (a blank signature line when absent).
    #[ts(optional)]
    pub operator: Option<String>,
    /// The supervisor who approves it (a blank signature line when absent).
    #[ts(optional)]
    pub supervisor: Option<String>,
}

impl ForcedClosureRequest {
    /// A request on `ground` with nothing else filled in.
    pub fn new(account_number: impl Into<String>, ground: ForcedGround) -> Self {
        Self {
            account_number: account_number.into(),
            ground,
            decision_number: None,
            decision_date: None,
            issuer: None,
            certificate: None,
            text: None,
            identity_checked: false,
            notice_days: None,
            block_days: None,
            operator: None,
            supervisor: None,
        }
    }
}

/// Where a forced closure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum ForcedStage {
    /// Violation: the citizen was told and may fix it until `notice_until`.
    Notice,
    /// Violation not fixed in time: blocked until `block_until`, then closed.
    Blocked,
    /// The account is closed (the act follows).
    Executed,
    /// Violation fixed: an operator cleared it; nothing more happens.
    Cleared,
}

/// A forced closure as staff see it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ForcedCase {
    /// «ПЗ-2026-000001», printed on the notice and the act.
    pub number: String,
    /// «Номер личного кабинета».
    pub account_number: String,
    /// The grounds.
    pub ground: ForcedGround,
    /// The grounds in words.
    pub ground_label: String,
    /// Where it stands.
    pub stage: ForcedStage,
    /// The stage in words.
    pub stage_label: String,
    /// Decision, act or death certificate number.
    pub decision_number: Option<String>,
    /// Its date, ДД.ММ.ГГГГ.
    pub decision_date: Option<String>,
    /// The court, authority or registry office.
    pub issuer: Option<String>,
    /// The circumstances.
    pub text: Option<String>,
    /// Registered (RFC 3339).
    pub created_at: String,
    /// Violation: may be fixed until (RFC 3339, the end of a day).
    pub notice_until: Option<String>,
    /// Violation: blocked until, then closed (RFC 3339, the end of a day).
    pub block_until: Option<String>,
    /// Decision or act: to be executed by, ДД.ММ.ГГГГ (5 working days from registration).
    pub execute_by: Option<String>,
    /// Closed (RFC 3339).
    pub executed_at: Option<String>,
    /// «Акт о закрытии личного кабинета» number.
    pub act_number: Option<String>,
    /// Cleared (RFC 3339).
    pub cleared_at: Option<String>,
}

/// An operator clears a violation that was fixed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ClearViolation {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// What was done (3–500 characters).
    pub comment: String,
}

/// «Заблокировать»: a temporary block.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BlockRequest {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// The reason the citizen is shown (3–500 characters).
    pub reason: String,
    /// Blocked through this day, ДД.ММ.ГГГГ: today at the earliest, a year ahead at the latest.
    pub until: String,
}

/// A live block.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BlockView {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// The reason the citizen is shown.
    pub reason: String,
    /// Blocked until (RFC 3339, the end of a day).
    pub until: String,
    /// The last day of the block, ДД.ММ.ГГГГ.
    pub until_day: String,
    /// Since (RFC 3339).
    pub created_at: String,
    /// The block belongs to a violation case (lifting it clears the case).
    pub case_number: Option<String>,
}

/// «Принудительные закрытия»: every case, newest first, and the live blocks.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ForcedOverview {
    /// Every forced closure, newest first.
    pub cases: Vec<ForcedCase>,
    /// Blocks in force now, ending soonest first.
    pub blocks: Vec<BlockView>,
}

crate::bind_as_text!(ForcedStage);
