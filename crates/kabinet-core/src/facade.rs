//! The one API of Кабинет, used alike by the Tauri shell, the CLI and the tests.
//!
//! [`Kabinet`] is an open data directory; each domain is reached through it
//! (`kabinet.registration()`, `kabinet.session()`, `kabinet.security()`, `kabinet.recovery()`,
//! `kabinet.outbox()`, `kabinet.notifications()`), mirroring the shell's
//! commands and the UI's folders. [`Host`] is what a long-running app keeps: either an open
//! Кабинет or the reason it could not open, so every failure has its own screen and no call
//! ever panics.

use crate::clock::Clock;
use crate::config::Config;
use crate::context::Context;
use crate::contract::AppStatus;
use crate::documents::Documents;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::i18n::Locale;
use crate::notifications::Notifications;
use crate::outbox::{self, OutboxMessage};
use crate::profile::Profiles;
use crate::recovery::Recovery;
use crate::registration::Registration;
use crate::security::Security;
use crate::session::Sessions;
use crate::signin::Gate;
use crate::storage;
use crate::validate;
use crate::vault::Vault;

/// An open Кабинет.
pub struct Kabinet {
    ctx: Context,
    vault: Vault,
    gate: Gate,
    config: Config,
    exports: crate::export::ExportJobs,
    batches: crate::staff::printing::BatchJobs,
}

impl Kabinet {
    /// Opens the data directory of `config` with the system clock.
    pub async fn open(config: Config) -> ApiResult<Self> {
        Self::open_with_clock(config, Clock::system()).await
    }

    /// Opens the data directory of `config` reading time from `clock`.
    pub async fn open_with_clock(config: Config, clock: Clock) -> ApiResult<Self> {
        let storage = storage::open(&config).await.map_err(|code| ApiError::new(code, config.locale))?;
        let ctx = Context::new(storage.pool, clock, config.locale)
            .with_vault(storage.vault.clone(), storage.keys)
            .with_data_dir(&config.data_dir)
            .with_replica(storage.replica);
        crate::sealing::convert::run(&ctx).await?;
        crate::delivery::config::load(&ctx).await?;
        Ok(Self {
            ctx,
            vault: storage.vault,
            gate: Gate::default(),
            config,
            exports: crate::export::ExportJobs::default(),
            batches: crate::staff::printing::BatchJobs::default(),
        })
    }

    /// Registration: phone, code, personal data, password, agreements.
    pub fn registration(&self) -> Registration<'_> {
        Registration { ctx: &self.ctx }
    }

    /// Sign-in, the current session, sign-out.
    pub fn session(&self) -> Sessions<'_> {
        Sessions { ctx: &self.ctx, vault: &self.vault, gate: &self.gate }
    }

    /// «Безопасность»: password, second factor, backup codes, «Это был не я», idle timeout.
    pub fn security(&self) -> Security<'_> {
        Security { ctx: &self.ctx, gate: &self.gate }
    }

    /// «Мой профиль»: personal data, documents, contacts, «История изменений».
    pub fn profile(&self) -> Profiles<'_> {
        Profiles { ctx: &self.ctx }
    }

    /// «Забыли пароль?».
    pub fn recovery(&self) -> Recovery<'_> {
        Recovery { ctx: &self.ctx }
    }

    /// The delivery outbox.
    pub fn outbox(&self) -> Outbox<'_> {
        Outbox { ctx: &self.ctx }
    }

    /// «Уведомления»: settings, inbox, «История сообщений»; publishing and transports.
    pub fn notifications(&self) -> Notifications<'_> {
        Notifications { ctx: &self.ctx }
    }

    /// Staff mode in the app: sign-in with password and TOTP, and the supervisor's
    /// «Администрирование»; a citizen's session never counts here.
    pub fn staff(&self) -> crate::staff::Staff<'_> {
        crate::staff::Staff { ctx: &self.ctx, gate: &self.gate, notifications: self.notifications() }
    }

    /// The machine administrator (`kabinet-cli`, run by OS user `os_user`): the audit check and
    /// the transports file; every call recorded in the audit log as `cli:<os_user>`. Everything
    /// else the CLI does goes through the command table as [`crate::Caller::machine`].
    pub fn admin<'a>(&'a self, os_user: &'a str) -> crate::staff::Admin<'a> {
        crate::staff::Admin { ctx: &self.ctx, notifications: self.notifications(), os_user }
    }

    /// The operator's work on one citizen's card.
    pub fn desk(&self) -> crate::staff::desk::Desk<'_> {
        crate::staff::desk::Desk { kabinet: self, ctx: &self.ctx }
    }

    /// The closure and restoration queues, incidents and the overdue reports.
    pub fn queue(&self) -> crate::staff::queue::Queue<'_> {
        crate::staff::queue::Queue { kabinet: self, ctx: &self.ctx }
    }

    /// Forced closures and blocks (supervisor).
    pub fn forced(&self) -> crate::staff::supervision::Forced<'_> {
        crate::staff::supervision::Forced { kabinet: self }
    }

    /// «Сотрудники» (supervisor).
    pub fn team(&self) -> crate::staff::supervision::Team<'_> {
        crate::staff::supervision::Team { ctx: &self.ctx }
    }

    /// «Печать за день».
    pub fn printing(&self) -> crate::staff::printing::Printing<'_> {
        crate::staff::printing::Printing { kabinet: self, ctx: &self.ctx, jobs: &self.batches }
    }

    /// «Журнал действий» (supervisor).
    pub fn audit(&self) -> crate::staff::supervision::AuditLog<'_> {
        crate::staff::supervision::AuditLog { ctx: &self.ctx }
    }

    /// Uploaded files: the passport and СНИЛС scans, other documents.
    pub fn uploads(&self) -> crate::uploads::Uploads<'_> {
        crate::uploads::Uploads { ctx: &self.ctx }
    }

    /// «Согласия»: the agreements given, withdrawal of the optional ones.
    pub fn consents(&self) -> crate::consents::Consents<'_> {
        crate::consents::Consents { ctx: &self.ctx }
    }

    /// Official documents: issue, verify, find, download again.
    pub fn documents(&self) -> Documents<'_> {
        Documents { ctx: &self.ctx, data_dir: &self.config.data_dir }
    }

    /// «Мои заявления»: catalogue, forms, submission, cancellation, history.
    pub fn applications(&self) -> crate::Applications<'_> {
        crate::Applications { ctx: &self.ctx }
    }

    /// «Задолженности»: the list and «Оплачено» with a receipt.
    pub fn debts(&self) -> crate::Debts<'_> {
        crate::Debts { ctx: &self.ctx }
    }

    /// «Закрыть профиль»: status, pre-checks, the request, withdrawal, restoration.
    pub fn closure(&self) -> crate::closure::Closure<'_> {
        crate::closure::Closure { kabinet: self, ctx: &self.ctx, gate: &self.gate }
    }

    /// Runs the scheduled work due now: closure requests whose 24 hours are over.
    pub async fn run_jobs(&self) -> ApiResult<crate::closure::jobs::JobsRun> {
        crate::closure::jobs::run_due(self).await
    }

    /// Purges the closed accounts whose 90 days are over (see `closure::purge`); returns how
    /// many. The closure scheduler runs it too.
    pub async fn purge_due(&self) -> ApiResult<u32> {
        self.purge_due_as(crate::staff::audit::Actor::System).await
    }

    /// [`Self::purge_due`], each purge audited as `actor`'s (`kabinet-cli purge run`).
    pub async fn purge_due_as(&self, actor: crate::staff::audit::Actor<'_>) -> ApiResult<u32> {
        crate::closure::purge::purge_due(&self.ctx, actor).await
    }

    /// What a server needs besides the commands: the shared request limit, readiness, backlog.
    pub fn serving(&self) -> crate::serving::Serving<'_> {
        crate::serving::Serving { ctx: &self.ctx }
    }

    pub(crate) fn context(&self) -> &Context {
        &self.ctx
    }

    /// «Скачать все документы», «Сохранить историю обращений», «Выгрузить мои данные».
    pub fn exports(&self) -> crate::export::Exports<'_> {
        crate::export::Exports { kabinet: self, ctx: &self.ctx, jobs: &self.exports }
    }

    /// Operators' moves on citizens' applications, debts and documents, each audited (reached
    /// through [`Self::desk`]; never a citizen's screen).
    pub(crate) fn casework(&self) -> crate::Casework<'_> {
        crate::Casework { ctx: &self.ctx, documents: self.documents() }
    }

    /// Synthetic accounts for benchmarks and demo desks.
    #[cfg(feature = "synthetic-data")]
    pub fn synthetic(&self) -> crate::Synthetic<'_> {
        crate::Synthetic { ctx: &self.ctx }
    }

    /// Switches the language of messages.
    pub fn set_locale(&self, locale: Locale) {
        self.ctx.set_locale(locale);
    }

    /// The language of messages.
    pub fn locale(&self) -> Locale {
        self.ctx.locale()
    }

    /// The configuration it was opened with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Closes the database cleanly (checkpointing the WAL), and the replica's connections.
    pub async fn close(self) {
        if let Some(replica) = &self.ctx.replica {
            replica.close().await;
        }
        self.ctx.pool.close().await;
    }
}

/// The delivery outbox, as the CLI and the demo desk see it.
pub struct Outbox<'a> {
    ctx: &'a Context,
}

impl Outbox<'_> {
    /// The newest message for a phone or e-mail (either as typed).
    pub async fn last_for(&self, destination: &str) -> ApiResult<Option<OutboxMessage>> {
        let normalized = validate::phone(destination)
            .or_else(|_| validate::email(destination).map(|email| email.address.to_lowercase()))
            .unwrap_or_else(|_| destination.trim().to_owned());
        outbox::last_for(self.ctx, &normalized).await
    }

    /// Runs the delivery worker once (every due message, then the purge of messages deleted 30
    /// days ago); returns how many were delivered.
    pub async fn deliver_due(&self) -> ApiResult<u64> {
        crate::notifications::worker_tick(self.ctx).await
    }

    /// Whether messages stay local («Демонстрационная доставка»).
    pub fn is_demo(&self) -> bool {
        self.ctx.demo_delivery.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// What a desktop app keeps for its lifetime: an open Кабинет or why it could not open.
pub struct Host {
    opened: Result<Kabinet, ApiError>,
    config: Config,
    /// The data lives on a server ([`Host::elsewhere`]).
    elsewhere: bool,
}

impl Host {
    /// Opens Кабинет; a failure is kept, not raised, so the app can show its screen. The copies
    /// of documents the last run handed to the system viewer are removed first.
    pub async fn start(config: Config) -> Self {
        crate::documents::clear_viewer_copies(&config.data_dir);
        let opened = Kabinet::open(config.clone()).await;
        Self { opened, config, elsewhere: false }
    }

    /// A host whose data lives elsewhere (the app as a server's client): nothing is opened
    /// here, the status reports no failure, and every call of the core itself is `not_found`
    /// (the shell sends the commands to the server instead).
    pub fn elsewhere(config: Config) -> Self {
        crate::documents::clear_viewer_copies(&config.data_dir);
        let opened = Err(ApiError::new(ErrorCode::NotFound, config.locale));
        Self { opened, config, elsewhere: true }
    }

    /// The app's data folder (its log, its private viewer copies; the database when embedded).
    pub fn data_dir(&self) -> &std::path::Path {
        &self.config.data_dir
    }

    /// What the app does as it exits: removes the copies handed to the system viewer and the
    /// partial file of an export still being written (a process that is ending will not finish
    /// it). Best effort; never fails.
    pub fn exit(&self) {
        crate::documents::clear_viewer_copies(&self.config.data_dir);
        crate::export::remove_unfinished();
    }

    /// Whether the data is open, and if not why.
    pub fn status(&self) -> AppStatus {
        let (failure, locale) = match &self.opened {
            Ok(kabinet) => (None, kabinet.locale()),
            Err(_) if self.elsewhere => (None, self.config.locale),
            Err(error) => (Some(error.clone()), self.config.locale),
        };
        AppStatus {
            failure,
            demo_delivery: self.opened.as_ref().map(|k| k.outbox().is_demo()).unwrap_or(true),
            locale,
            data_dir: self.config.data_dir.display().to_string(),
        }
    }

    /// The app's background work, for its whole life: the closure scheduler at start and every
    /// minute (requests whose 24 hours are over, purges due), and the delivery worker every 30
    /// seconds (retries, held messages whose quiet hours ended, the 30-day purge of deleted
    /// messages). Does nothing when the data could not be opened.
    pub async fn run_jobs(&self) {
        let Ok(kabinet) = self.kabinet() else { return };
        for tick in 0u64.. {
            if tick % 2 == 0
                && let Err(error) = kabinet.run_jobs().await
            {
                tracing::warn!(code = %crate::support::code_name(error.code), "closure jobs failed");
            }
            if let Err(error) = kabinet.notifications().deliver_due().await {
                tracing::warn!(code = %crate::support::code_name(error.code), "delivery failed");
            }
            tokio::time::sleep(std::time::Duration::from_secs(30)).await;
        }
    }

    /// The open Кабинет, or the start-up failure as the error of every call.
    pub fn kabinet(&self) -> ApiResult<&Kabinet> {
        self.opened.as_ref().map_err(Clone::clone)
    }
}
