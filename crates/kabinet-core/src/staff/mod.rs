//! Staff mode: staff accounts apart from citizens', staff sign-in (password and a mandatory TOTP
//! code), the staff session, and the append-only, hash-chained audit log of every staff and
//! administrator action.
//!
//! Two doors lead in. [`Staff`] is the app's: every call but sign-in needs a signed-in staff
//! member, and the administration calls need a supervisor. [`Admin`] is the machine
//! administrator's (`kabinet-cli`, which opens the database with the key from the OS keyring of
//! the account it runs under, so that keyring is the credential): staff accounts, the audit
//! check, and the transports, every call recorded as «cli».
//!
//! Who may do what (a role is fixed at creation):
//! - «Транспорты доставки» (view, save, «Отправить тест»): supervisor only. The transports decide
//!   where every citizen's codes and messages go, so they are staff management's peer, not an
//!   operator's desk work. An operator's attempt is refused (`forbidden`) and recorded.
//! - The desk (`desk`: a citizen's card and casework, identity; `queue`: closure and restoration
//!   queues, incidents): any staff member. Forced closures, blocks, «Сотрудники», «Журнал
//!   действий» and the overdue reports (`supervision`, `queue::notices`): supervisor. The table
//!   (`api/table.rs`) says it per command, and the authorisation test walks it.

mod accounts;
mod admin;
pub mod audit;
pub mod desk;
pub mod find;
pub mod printing;
pub mod queue;
pub mod session;
mod signin;
pub mod supervision;
mod transports;
pub mod types;

pub use admin::Admin;
pub use session::{IDLE_MINUTES, StaffAuthed};

use crate::auth::Caller;
use crate::context::Context;
use crate::error::ApiResult;
use crate::notifications::Notifications;
use crate::notifications::types::{
    TransportSettingsView, TransportTestRequest, TransportTestResult, TransportUpdate,
};
use audit::{Actor, Entry};
use types::{StaffSignInRequest, StaffView};

/// Staff mode as the app reaches it.
pub struct Staff<'a> {
    pub(crate) ctx: &'a Context,
    /// Serialises sign-in attempts per staff account (the one [`crate::lockout::Gate`] of the
    /// [`crate::Kabinet`]).
    pub(crate) gate: &'a crate::lockout::Gate,
    pub(crate) notifications: Notifications<'a>,
}

impl Staff<'_> {
    /// Signs a staff member in with login, password and authenticator code.
    pub async fn sign_in(&self, caller: &Caller, request: StaffSignInRequest) -> ApiResult<StaffView> {
        let (view, token) = signin::sign_in(self.ctx, self.gate, caller.staff_token(), &request).await?;
        caller.set_staff(Some(token));
        Ok(view)
    }

    /// The signed-in staff member, if any (an idle session has ended by now).
    pub async fn current(&self, caller: &Caller) -> ApiResult<Option<StaffView>> {
        let Some(token) = caller.staff_token() else { return Ok(None) };
        let authed = session::session_of(self.ctx, &token).await?;
        if authed.is_none() {
            caller.set_staff(None);
        }
        Ok(authed.map(|authed| authed.view()))
    }

    /// Ends the staff session.
    pub async fn sign_out(&self, caller: &Caller) -> ApiResult<()> {
        let ctx = self.ctx;
        let Some(token) = caller.take_staff() else { return Ok(()) };
        let mut tx = ctx.write().await?;
        let ended: Option<(i64, String)> = crate::db::query_as(
            "UPDATE staff_sessions SET ended_at = ?, end_reason = 'signed_out' \
             WHERE token_hash = ? AND ended_at IS NULL \
             RETURNING staff_id, (SELECT login FROM staff WHERE staff.id = staff_id)",
        )
        .bind(ctx.now())
        .bind(crate::auth::token_hash(&token))
        .fetch_optional(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        if let Some((staff_id, login)) = ended {
            let entry = Entry {
                actor: Actor::Staff(staff_id),
                action: "signed_out",
                target: &login,
                details: serde_json::json!({}),
            };
            audit::append(ctx, &mut tx, entry).await?;
        }
        tx.commit().await.map_err(ctx.db_error())
    }

    /// «Поиск гражданина»: one citizen by account number, СНИЛС or phone, exactly, with the
    /// purpose of opening the card; audited whether found or not (any staff member).
    pub async fn find_citizen(
        &self,
        me: &StaffAuthed,
        request: find::FindCitizen,
    ) -> ApiResult<find::CitizenCard> {
        find::find(self.ctx, me, request).await
    }

    /// The staff member's reports badge: unread overdue reports (supervisors; 0 for operators).
    pub async fn badge(&self, me: &StaffAuthed) -> ApiResult<u32> {
        if me.role() != types::StaffRole::Supervisor {
            return Ok(0);
        }
        Ok(queue::unread(self.ctx, me.staff_id).await?.1)
    }

    /// «Транспорты доставки», without secrets (supervisor).
    pub async fn transports(&self, me: &StaffAuthed) -> ApiResult<TransportSettingsView> {
        let authed = me;
        transports::view(self.ctx, &self.notifications, Actor::Staff(authed.staff_id)).await
    }

    /// Saves the transports; secrets go to the OS keyring (supervisor).
    pub async fn save_transports(
        &self,
        me: &StaffAuthed,
        update: TransportUpdate,
    ) -> ApiResult<TransportSettingsView> {
        let authed = me;
        transports::save(self.ctx, &self.notifications, Actor::Staff(authed.staff_id), update).await
    }

    /// «Отправить тест» through one channel's transport (supervisor).
    pub async fn send_test(
        &self,
        me: &StaffAuthed,
        request: TransportTestRequest,
    ) -> ApiResult<TransportTestResult> {
        let authed = me;
        transports::test(self.ctx, &self.notifications, Actor::Staff(authed.staff_id), &request).await
    }
}
