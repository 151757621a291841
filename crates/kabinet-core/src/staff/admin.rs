//! The machine administrator's door: what `kabinet-cli` does for staff mode. No sign-in — the
//! database opens only with the key in the OS keyring of the account the CLI runs under — and
//! every call that reads or changes something staff-relevant is recorded in the audit log with
//! the actor «cli».

use crate::context::Context;
use crate::error::ApiResult;
use crate::notifications::Notifications;
use crate::notifications::types::{TransportSettingsView, TransportTestRequest, TransportTestResult};
use crate::outbox::Channel;
use crate::staff::audit::{self, Actor};
use crate::staff::types::{AuditVerification, NewStaff, StaffCreated, StaffInfo};
use crate::staff::{accounts, transports};

/// Staff accounts, the audit check and the transports, for `kabinet-cli`.
pub struct Admin<'a> {
    pub(crate) ctx: &'a Context,
    pub(crate) notifications: Notifications<'a>,
}

impl Admin<'_> {
    /// Creates a staff account; the TOTP secret in the answer is shown once.
    pub async fn add_staff(&self, new: NewStaff) -> ApiResult<StaffCreated> {
        accounts::add(self.ctx, new).await
    }

    /// Every staff account.
    pub async fn list_staff(&self) -> ApiResult<Vec<StaffInfo>> {
        accounts::list(self.ctx).await
    }

    /// Disables a staff account and ends its sessions.
    pub async fn disable_staff(&self, login: &str) -> ApiResult<StaffInfo> {
        accounts::disable(self.ctx, login).await
    }

    /// Checks the audit chain; `head` (seq, hex hash) written down earlier detects a cut tail.
    pub async fn verify_audit(&self, head: Option<(u64, &str)>) -> ApiResult<AuditVerification> {
        audit::verify(self.ctx, head).await
    }

    /// The transports, without secrets.
    pub async fn transports(&self) -> ApiResult<TransportSettingsView> {
        transports::view(self.ctx, &self.notifications, Actor::Cli).await
    }

    /// Loads the transports from a TOML file's text; secrets go to the OS keyring.
    pub async fn load_transport_file(&self, text: &str) -> ApiResult<TransportSettingsView> {
        transports::load_file(self.ctx, &self.notifications, Actor::Cli, text).await
    }

    /// «Отправить тест» through `channel` to `to` (as typed).
    pub async fn send_test(&self, channel: Channel, to: &str) -> ApiResult<TransportTestResult> {
        let request = TransportTestRequest { channel, to: to.to_owned() };
        transports::test(self.ctx, &self.notifications, Actor::Cli, &request).await
    }
}
