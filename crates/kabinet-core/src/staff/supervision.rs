//! A supervisor's desk: «Принудительное закрытие» and «Блокировки» (closure::forced, with who
//! did it in every audit row and the supervisor's name on the act), «Сотрудники» (add, disable,
//! a new authenticator secret) and «Журнал действий» (pages with filters, the chain checked).
//! The machine's administrator (`kabinet-cli`) reaches the same calls as `cli:<user>`.

use crate::closure::forced::types::{
    BlockRequest, BlockView, ClearViolation, ForcedCase, ForcedClosureRequest, ForcedOverview,
};
use crate::context::Context;
use crate::error::ApiResult;
use crate::staff::StaffAuthed;
use crate::staff::desk::CitizenRef;
use crate::staff::types::{
    AuditCheck, AuditPage, AuditQuery, AuditVerification, NewStaff, StaffCreated, StaffInfo, StaffLogin,
};

/// Forced closures and blocks.
pub struct Forced<'a> {
    pub(crate) kabinet: &'a crate::Kabinet,
}

impl Forced<'_> {
    /// Registers a forced closure on one of the four grounds; the act is issued at once for all
    /// but a violation (which starts with its notice).
    pub async fn register(
        &self,
        me: &StaffAuthed,
        mut request: ForcedClosureRequest,
    ) -> ApiResult<ForcedCase> {
        if request.supervisor.as_deref().is_none_or(|s| s.trim().is_empty()) && !me.is_machine() {
            request.supervisor = Some(me.full_name.clone());
        }
        crate::closure::forced::register(self.kabinet, me.actor(), request).await
    }

    /// Clears a violation in progress.
    pub async fn clear(&self, me: &StaffAuthed, request: ClearViolation) -> ApiResult<ForcedCase> {
        crate::closure::forced::clear(self.kabinet, me.actor(), request).await
    }

    /// Blocks an account through a day.
    pub async fn block(&self, me: &StaffAuthed, request: BlockRequest) -> ApiResult<BlockView> {
        crate::closure::forced::block(self.kabinet, me.actor(), request).await
    }

    /// Lifts an account's block.
    pub async fn unblock(&self, me: &StaffAuthed, request: CitizenRef) -> ApiResult<BlockView> {
        crate::closure::forced::unblock(self.kabinet, me.actor(), &request.account_number).await
    }

    /// Every case, newest first, and the blocks in force.
    pub async fn list(&self, _me: &StaffAuthed) -> ApiResult<ForcedOverview> {
        crate::closure::forced::overview(self.kabinet).await
    }
}

/// «Сотрудники».
pub struct Team<'a> {
    pub(crate) ctx: &'a Context,
}

impl Team<'_> {
    /// Every staff account, by login.
    pub async fn list(&self, _me: &StaffAuthed) -> ApiResult<Vec<StaffInfo>> {
        super::accounts::list(self.ctx).await
    }

    /// Creates a staff account; its authenticator secret is in the answer, once.
    pub async fn add(&self, me: &StaffAuthed, staff: NewStaff) -> ApiResult<StaffCreated> {
        super::accounts::add(self.ctx, me.actor(), staff).await
    }

    /// Disables a staff account and ends its sessions.
    pub async fn disable(&self, me: &StaffAuthed, request: StaffLogin) -> ApiResult<StaffInfo> {
        super::accounts::disable(self.ctx, me.actor(), &request.login).await
    }

    /// A new authenticator secret (the old one stops working), shown once.
    pub async fn reset_totp(&self, me: &StaffAuthed, request: StaffLogin) -> ApiResult<StaffCreated> {
        super::accounts::reset_totp(self.ctx, me.actor(), &request.login).await
    }
}

/// «Журнал действий».
pub struct AuditLog<'a> {
    pub(crate) ctx: &'a Context,
}

impl AuditLog<'_> {
    /// A page, newest first.
    pub async fn page(&self, _me: &StaffAuthed, query: AuditQuery) -> ApiResult<AuditPage> {
        super::audit::page(self.ctx, &query).await
    }

    /// Walks the whole chain (and, given a head, checks it is still there).
    pub async fn verify(&self, _me: &StaffAuthed, check: AuditCheck) -> ApiResult<AuditVerification> {
        let head = check.head.as_deref().and_then(|h| h.trim().split_once(':'));
        let head = match head {
            Some((seq, hash)) => match seq.trim().parse::<u64>() {
                Ok(seq) => Some((seq, hash)),
                Err(_) => {
                    return Err(crate::error::ApiError::field(
                        crate::fields::Field::Head,
                        crate::validate::Invalid::HeadFormat,
                        self.ctx.locale(),
                    ));
                }
            },
            None if check.head.as_deref().is_some_and(|h| !h.trim().is_empty()) => {
                return Err(crate::error::ApiError::field(
                    crate::fields::Field::Head,
                    crate::validate::Invalid::HeadFormat,
                    self.ctx.locale(),
                ));
            }
            None => None,
        };
        super::audit::verify(self.ctx, head).await
    }
}
