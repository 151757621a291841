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
use crate::staff::transports;
use crate::staff::types::AuditVerification;

/// Staff accounts, the audit check and the transports, for `kabinet-cli`.
pub struct Admin<'a> {
    pub(crate) ctx: &'a Context,
    pub(crate) notifications: Notifications<'a>,
    /// The OS user running the CLI (recorded as `cli:<user>`).
    pub(crate) os_user: &'a str,
}

impl Admin<'_> {
    /// Checks the audit chain; `head` (seq, hex hash) written down earlier detects a cut tail.
    pub async fn verify_audit(&self, head: Option<(u64, &str)>) -> ApiResult<AuditVerification> {
        audit::verify(self.ctx, head).await
    }

    /// The transports, without secrets.
    pub async fn transports(&self) -> ApiResult<TransportSettingsView> {
        transports::view(self.ctx, &self.notifications, Actor::Cli(self.os_user)).await
    }

    /// Loads the transports from a TOML file's text; secrets go to the OS keyring.
    pub async fn load_transport_file(&self, text: &str) -> ApiResult<TransportSettingsView> {
        transports::load_file(self.ctx, &self.notifications, Actor::Cli(self.os_user), text).await
    }

    /// «Отправить тест» through `channel` to `to` (as typed).
    pub async fn send_test(&self, channel: Channel, to: &str) -> ApiResult<TransportTestResult> {
        let request = TransportTestRequest { channel, to: to.to_owned() };
        transports::test(self.ctx, &self.notifications, Actor::Cli(self.os_user), &request).await
    }
}
