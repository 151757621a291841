//! «Уведомления»: the citizen's settings (a matrix event type × channel, per-service overrides,
//! «Только важные», quiet hours, working hours), the inbox, «История сообщений», and — for the
//! system and admins — publishing events and configuring the transports.
//!
//! Every event becomes an inbox row and one outbox row per other channel, in the transaction of
//! the event ([`publish::publish`]); [`route::route`] alone decides each channel; the worker in
//! [`crate::delivery`] sends. Security events (and «closure requested») ignore every setting.
//!
//! Who may call what: the citizen's methods need an unrestricted session (`require_full`).
//! [`Notifications::publish`] is a system call. The transport methods and «Отправить тест» are
//! crate-private: callers reach them only through staff mode (`Kabinet::staff`, a signed-in
//! supervisor) or the administrator (`Kabinet::admin`, the CLI), both audited.

pub mod event;
mod history;
mod inbox;
pub mod publish;
pub mod route;
mod sealed;
pub mod settings;
pub mod types;

pub(crate) use sealed::{BODY, TITLE};

use crate::auth::Authed;
use crate::context::Context;
use crate::delivery::{self, config};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fault;
use crate::fields::Field;
use crate::outbox::{self, Channel, NewMessage, Start};
use crate::validate::{self, Invalid};

use publish::Event;
use settings::Prefs;
use types::*;

/// «Уведомления» of the signed-in citizen, plus the system's and admins' calls.
pub struct Notifications<'a> {
    pub(crate) ctx: &'a Context,
}

impl Notifications<'_> {
    /// «Настройки уведомлений».
    pub async fn settings(&self, me: &Authed) -> ApiResult<NotificationSettingsView> {
        let authed = me;
        self.settings_view(authed.account_id).await
    }

    /// Saves the settings atomically, keeping the version before for «Отменить».
    pub async fn save_settings(
        &self,
        me: &Authed,
        settings: NotificationSettings,
    ) -> ApiResult<NotificationSettingsView> {
        let ctx = self.ctx;
        let authed = me;
        let prefs = Prefs::from_settings(&settings).map_err(|found| ApiError::fields(found, ctx.locale()))?;
        let mut tx = ctx.write().await?;
        settings::save(ctx, &mut tx, authed.account_id, &prefs).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        self.settings_view(authed.account_id).await
    }

    /// «Отменить»: restores the version before the last save (once).
    pub async fn undo_settings(&self, me: &Authed) -> ApiResult<NotificationSettingsView> {
        let ctx = self.ctx;
        let authed = me;
        let mut tx = ctx.write().await?;
        settings::undo(ctx, &mut tx, authed.account_id).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        self.settings_view(authed.account_id).await
    }

    async fn settings_view(&self, account_id: i64) -> ApiResult<NotificationSettingsView> {
        let ctx = self.ctx;
        let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
        let saved = settings::load(ctx, &mut conn, account_id).await?;
        let now = ctx.clock.now();
        let offset = crate::clock::local_offset(now);
        let (h, m, _) = offset.as_hms();
        Ok(NotificationSettingsView {
            settings: saved.prefs.to_settings(),
            events: event::EVENT_TYPES.iter().map(|e| e.info(ctx.locale())).collect(),
            services: event::services(ctx.locale()),
            can_undo: saved.can_undo,
            saved_at: saved.saved_at,
            utc_offset: format!(
                "{}{:02}:{:02}",
                if offset.is_negative() { '-' } else { '+' },
                h.abs(),
                m.abs()
            ),
        })
    }

    /// The bell.
    pub async fn unread_count(&self, me: &Authed) -> ApiResult<UnreadCount> {
        let authed = me;
        self.unread(authed.account_id).await
    }

    async fn unread(&self, account_id: i64) -> ApiResult<UnreadCount> {
        Ok(UnreadCount { unread: inbox::unread(self.ctx, account_id).await? })
    }

    /// A page of «Входящие», «Архив» or «Удалённые», newest first.
    pub async fn inbox(&self, me: &Authed, query: InboxQuery) -> ApiResult<InboxPage> {
        let authed = me;
        inbox::page(self.ctx, authed.account_id, &query).await
    }

    /// Opens a message, marking it read.
    pub async fn open(&self, me: &Authed, request: MessageRequest) -> ApiResult<InboxItem> {
        let authed = me;
        let id = request.id;
        inbox::set_read(self.ctx, authed.account_id, id, true).await?;
        inbox::get(self.ctx, authed.account_id, id).await
    }

    /// Marks a message read or unread.
    pub async fn mark_read(&self, me: &Authed, request: MarkReadRequest) -> ApiResult<UnreadCount> {
        let authed = me;
        inbox::set_read(self.ctx, authed.account_id, request.id, request.read).await?;
        self.unread(authed.account_id).await
    }

    /// Marks everything in «Входящие» read.
    pub async fn mark_all_read(&self, me: &Authed) -> ApiResult<UnreadCount> {
        let authed = me;
        inbox::mark_all_read(self.ctx, authed.account_id).await?;
        self.unread(authed.account_id).await
    }

    /// Moves a message to «Удалённые» (restorable for 30 days).
    pub async fn delete(&self, me: &Authed, request: MessageRequest) -> ApiResult<UnreadCount> {
        let authed = me;
        let id = request.id;
        inbox::delete(self.ctx, authed.account_id, id).await?;
        self.unread(authed.account_id).await
    }

    /// Brings a deleted message back.
    pub async fn restore(&self, me: &Authed, request: MessageRequest) -> ApiResult<UnreadCount> {
        let authed = me;
        let id = request.id;
        inbox::restore(self.ctx, authed.account_id, id).await?;
        self.unread(authed.account_id).await
    }

    /// «История сообщений», newest first.
    pub async fn history(&self, me: &Authed, query: HistoryQuery) -> ApiResult<MessageHistoryPage> {
        let authed = me;
        history::page(self.ctx, authed.account_id, &query).await
    }

    /// The desktop notifications due for the signed-in citizen, handed over once: the app shows
    /// them through the system's notification service.
    pub async fn take_desktop(&self, me: &Authed) -> ApiResult<Vec<DesktopToast>> {
        let authed = me;
        delivery::take_desktop(self.ctx, authed.account_id).await
    }

    /// System and staff: tells a citizen about an event, then delivers what is due.
    pub async fn publish(&self, message: NewNotification) -> ApiResult<Published> {
        let ctx = self.ctx;
        let (title, body) = (message.title.trim(), message.body.trim());
        if title.is_empty() || body.is_empty() {
            return Err(ApiError::with_message(
                ErrorCode::Validation,
                ctx.locale()
                    .pick("Укажите заголовок и текст сообщения", "Give the message a title and a text"),
            ));
        }
        let service = message.service.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if service.is_some_and(|code| event::service_name(code, ctx.locale()).is_none()) {
            return Err(ApiError::field(Field::Service, Invalid::ServiceUnknown, ctx.locale()));
        }
        let mut tx = ctx.write().await?;
        let account_id = account_by_number(ctx, &mut tx, &message.account_number).await?;
        let news = crate::consents::ConsentKind::ServiceNews;
        if message.event == EventType::ServiceNews
            && !crate::consents::in_force(ctx, &mut tx, account_id, news).await?
        {
            return Err(ctx.error(ErrorCode::ConsentMissing));
        }
        let event = Event { event: message.event, kind: message.event.as_str(), service, title, body };
        let (id, _) = publish::publish(ctx, &mut tx, account_id, event).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        fault::crash_point("after_commit");
        crate::delivery::kick(ctx).await;
        let deliveries = history::one(ctx, account_id, id).await?.map(|h| h.deliveries).unwrap_or_default();
        Ok(Published { id, deliveries })
    }

    /// Runs the worker once: delivers every due message and purges messages deleted 30 days ago;
    /// returns how many were delivered.
    pub async fn deliver_due(&self) -> ApiResult<u64> {
        worker_tick(self.ctx).await
    }

    /// Admin: the transports (no secrets).
    pub(crate) async fn transports(&self) -> ApiResult<TransportSettingsView> {
        let ctx = self.ctx;
        let settings = config::load(ctx).await?;
        let has = |which| match &ctx.vault {
            Some(vault) => vault.transport_secret(which).map(|s| s.is_some()).map_err(|code| ctx.error(code)),
            None => Ok(false),
        };
        Ok(TransportSettingsView {
            demo: settings.is_demo(),
            smtp_password_set: has(crate::vault::TransportSecret::SmtpPassword)?,
            sms_token_set: has(crate::vault::TransportSecret::SmsToken)?,
            settings,
        })
    }

    /// Admin: checks and stores the transports; secrets go to the OS keyring.
    pub(crate) async fn save_transports(&self, update: TransportUpdate) -> ApiResult<TransportSettingsView> {
        let ctx = self.ctx;
        let smtp_password_set = match update.smtp_password.as_deref() {
            Some(value) => !value.is_empty(),
            None => match &ctx.vault {
                Some(vault) => vault
                    .transport_secret(crate::vault::TransportSecret::SmtpPassword)
                    .map_err(|code| ctx.error(code))?
                    .is_some(),
                None => false,
            },
        };
        let settings = config::validated(&update.settings, smtp_password_set)
            .map_err(|found| ApiError::fields(found, ctx.locale()))?;
        for (value, which) in [
            (&update.smtp_password, crate::vault::TransportSecret::SmtpPassword),
            (&update.sms_token, crate::vault::TransportSecret::SmsToken),
        ] {
            let Some(value) = value else { continue };
            let vault = ctx.vault.as_ref().ok_or_else(|| ctx.error(ErrorCode::KeyringUnavailable))?;
            vault.set_transport_secret(which, value).map_err(|code| ctx.error(code))?;
        }
        config::save(ctx, &settings).await?;
        self.transports().await
    }

    /// Admin: loads the transports from the text of a TOML file (see [`crate::delivery::config`]).
    pub(crate) async fn load_transport_file(&self, text: &str) -> ApiResult<TransportSettingsView> {
        let current = config::load(self.ctx).await?;
        let update = config::parse_file(text, &current, self.ctx.locale())?;
        self.save_transports(update).await
    }

    /// «Отправить тест»: one message through the channel's transport now, with the answer.
    pub(crate) async fn send_test(&self, channel: Channel, to: &str) -> ApiResult<TransportTestResult> {
        let ctx = self.ctx;
        let destination = test_destination(ctx, channel, to)?;
        let l = ctx.locale();
        let body = l.pick(
            "Проверка доставки Кабинета: если вы читаете это сообщение, канал настроен верно.",
            "Кабинет delivery test: if you are reading this, the channel works.",
        );
        let message = NewMessage {
            account_id: None,
            channel,
            destination: &destination,
            kind: "transport_test",
            subject: l.pick("Проверка доставки", "Delivery test"),
            body,
        };
        let mut tx = ctx.write().await?;
        let id = outbox::enqueue_routed(ctx, &mut tx, message, None, Start::Now, Some(1)).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        let failure = delivery::deliver_one(ctx, id).await?;
        let transport: Option<String> = crate::db::query_scalar("SELECT transport FROM outbox WHERE id = ?")
            .bind(id)
            .fetch_one(&ctx.pool)
            .await
            .map_err(ctx.db_error())?;
        Ok(TransportTestResult {
            ok: failure.is_none(),
            transport: transport.unwrap_or_else(|| "local".to_owned()),
            destination,
            error: failure.map(|f| f.reason),
        })
    }
}

/// One run of the worker: the outbox's sweep (expired codes given up and redacted, account-less
/// rows deleted after 30 days, see [`outbox::sweep`]), the transit keys older than 8 days
/// destroyed with the account-less rows they sealed, delivery, then the 30-day purge of deleted
/// messages.
pub async fn worker_tick(ctx: &Context) -> ApiResult<u64> {
    outbox::sweep(ctx).await?;
    crate::sealing::expire_transit_keys(ctx).await?;
    crate::otp::sweep(ctx).await?;
    let delivered = delivery::deliver_due(ctx).await?;
    inbox::purge(ctx).await?;
    Ok(delivered)
}

fn test_destination(ctx: &Context, channel: Channel, to: &str) -> ApiResult<String> {
    let locale = ctx.locale();
    match channel {
        Channel::Sms => validate::phone(to).map_err(|code| ApiError::field(Field::Phone, code, locale)),
        Channel::Email => validate::email(to)
            .map(|email| email.address.to_lowercase())
            .map_err(|code| ApiError::field(Field::Email, code, locale)),
        Channel::Desktop | Channel::InApp => {
            Err(ApiError::field(Field::Channel, Invalid::ChannelNotTestable, locale))
        }
    }
}

/// The account of a «номер личного кабинета» typed with or without hyphens.
pub(crate) async fn account_by_number(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    number: &str,
) -> ApiResult<i64> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 10 {
        return Err(no_account(ctx));
    }
    let formatted = format!("{}-{}-{}", &digits[..4], &digits[4..8], &digits[8..]);
    crate::db::query_scalar("SELECT id FROM accounts WHERE number = ?")
        .bind(formatted)
        .fetch_optional(conn)
        .await
        .map_err(ctx.db_error())?
        .ok_or_else(|| no_account(ctx))
}

fn no_account(ctx: &Context) -> ApiError {
    ApiError::with_message(
        ErrorCode::NotFound,
        ctx.locale().pick("Личный кабинет с таким номером не найден", "No account with this number"),
    )
}
