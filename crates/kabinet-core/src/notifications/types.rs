//! The requests and responses of «Уведомления», declared once for the Rust callers and the UI's
//! TypeScript (listed in [`crate::contract::typescript`]).
//!
//! Times are RFC 3339 in UTC, like the rest of the contract; where the citizen needs the local
//! wall-clock time («отложено до 08:00») a ready `HH:MM` in the machine's time zone is given too,
//! so the UI does not have to guess the zone the delivery decision was made in.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::outbox::Channel;

/// What a message is about: the rows of the settings matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// Заявление принято.
    ApplicationAccepted,
    /// Заявление на рассмотрении.
    ApplicationInReview,
    /// По заявлению требуются документы.
    ApplicationDocumentsRequired,
    /// Результат по заявлению готов.
    ApplicationResultReady,
    /// Отказ по заявлению.
    ApplicationRefused,
    /// Заявление отменено.
    ApplicationCancelled,
    /// Срок оплаты (налог, штраф, госпошлина).
    PaymentDue,
    /// Напоминание о записи на приём.
    Appointment,
    /// Скоро истекает срок действия пароля.
    PasswordExpiry,
    /// Безопасность: новый вход, блокировка, смена пароля, контактов, второго фактора.
    Security,
    /// Подано заявление о закрытии кабинета.
    ClosureRequested,
    /// Кабинет закрыт.
    ClosureCompleted,
    /// Кабинет восстановлен.
    AccountRestored,
    /// Новости сервиса.
    ServiceNews,
}

/// Groups of event types, for the inbox filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EventCategory {
    /// «Заявления».
    Applications,
    /// «Сроки и напоминания».
    Reminders,
    /// «Безопасность».
    Security,
    /// «Учётная запись».
    Account,
    /// «Новости».
    News,
}

/// One row of the matrix as the settings screen shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EventTypeInfo {
    /// The event type.
    pub event: EventType,
    /// Its group.
    pub category: EventCategory,
    /// The row's label, in the current locale.
    pub label: String,
    /// Passes «Только важные».
    pub important: bool,
    /// Cannot be switched off and ignores quiet and working hours (security, closure requested).
    pub locked: bool,
}

/// A service of the catalogue, for per-service overrides.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ServiceInfo {
    /// Machine code, e.g. `passport_foreign`.
    pub code: String,
    /// Its name, in the current locale.
    pub name: String,
}

/// The switchable channels of one matrix row (the inbox is always on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixRow {
    /// The event type.
    pub event: EventType,
    /// Desktop notification.
    pub desktop: bool,
    /// E-mail (to the confirmed address).
    pub email: bool,
    /// SMS (to the confirmed phone).
    pub sms: bool,
}

/// Channels for every message about one service, replacing the matrix row for those messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceOverride {
    /// A code from [`ServiceInfo`].
    pub service: String,
    /// Desktop notification.
    pub desktop: bool,
    /// E-mail.
    pub email: bool,
    /// SMS.
    pub sms: bool,
}

/// «Тихие часы» in the machine's local time; `start` after `end` spans midnight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuietHours {
    /// `ЧЧ:ММ`, e.g. `22:00`.
    pub start: String,
    /// `ЧЧ:ММ`, e.g. `08:00` (the first minute messages go out again).
    pub end: String,
}

/// «Настройки уведомлений».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NotificationSettings {
    /// One row per event type (missing rows take the defaults).
    pub matrix: Vec<MatrixRow>,
    /// Per-service overrides.
    pub overrides: Vec<ServiceOverride>,
    /// «Только важные»: other messages go to the archive silently.
    pub only_important: bool,
    /// «Тихие часы», if set.
    pub quiet_hours: Option<QuietHours>,
    /// Deliver only on working hours: Monday to Friday, 09:00–18:00 local time.
    pub working_hours_only: bool,
}

/// The settings screen: the settings plus everything needed to draw them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NotificationSettingsView {
    /// The saved settings.
    pub settings: NotificationSettings,
    /// The matrix rows in display order.
    pub events: Vec<EventTypeInfo>,
    /// The services that can be overridden.
    pub services: Vec<ServiceInfo>,
    /// «Отменить» restores the version before the last save.
    pub can_undo: bool,
    /// When they were last saved (absent: never, defaults apply).
    pub saved_at: Option<String>,
    /// The machine's UTC offset now, e.g. `+03:00`: quiet hours are in this zone.
    pub utc_offset: String,
}

/// The inbox folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Folder {
    /// «Входящие».
    Inbox,
    /// «Архив»: what «Только важные» filed silently.
    Archive,
    /// «Удалённые»: restorable for 30 days.
    Deleted,
}

/// A page of a folder, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InboxQuery {
    /// Which folder.
    pub folder: Folder,
    /// Only this group, if given.
    #[ts(optional)]
    pub category: Option<EventCategory>,
    /// Messages older than this id (the previous page's `next_before`); absent: the newest.
    #[ts(optional, type = "number")]
    pub before: Option<i64>,
    /// Page size, 1–100 (default 20).
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// One message in the inbox.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InboxItem {
    /// Its number.
    #[ts(type = "number")]
    pub id: i64,
    /// The event type.
    pub event: EventType,
    /// Its group.
    pub category: EventCategory,
    /// The service it concerns, if any.
    pub service: Option<String>,
    /// The service's name.
    pub service_name: Option<String>,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// When it was written.
    pub created_at: String,
    /// Opened or marked read.
    pub read: bool,
    /// Filed to the archive by «Только важные».
    pub archived: bool,
    /// Passes «Только важные».
    pub important: bool,
    /// When deleted, if it is in «Удалённые».
    pub deleted_at: Option<String>,
    /// When a deleted message is gone for good.
    pub purge_at: Option<String>,
    /// Show «Это был не я» (security messages).
    pub not_me: bool,
}

/// A page of messages.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InboxPage {
    /// Newest first.
    pub items: Vec<InboxItem>,
    /// Pass as `before` for the next page; absent on the last page.
    #[ts(type = "number | null")]
    pub next_before: Option<i64>,
    /// Unread messages in «Входящие» (the bell).
    pub unread: u32,
}

/// The bell.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UnreadCount {
    /// Unread, not archived, not deleted.
    pub unread: u32,
}

/// One message, by number.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MessageRequest {
    /// From [`InboxItem::id`].
    #[ts(type = "number")]
    pub id: i64,
}

/// Mark one message read or unread.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MarkReadRequest {
    /// From [`InboxItem::id`].
    #[ts(type = "number")]
    pub id: i64,
    /// Read (true) or unread (false).
    pub read: bool,
}

/// Where one message stands on one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// «Отправлено» (for the inbox: shown).
    Sent,
    /// Waiting for its first try or for a retry after a failure.
    Pending,
    /// A transport has it right now.
    Sending,
    /// «Отложено» by quiet hours or working hours until `held_until`.
    Held,
    /// «Не доставлено»: every try failed, or the failure was permanent.
    Failed,
    /// «Не отправлялось»: switched off in the settings, or no confirmed address.
    Suppressed,
    /// «В архиве»: «Только важные» filed it silently.
    Archived,
}

/// Why a message was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    /// «Тихие часы».
    QuietHours,
    /// Working hours only (Mon–Fri 09:00–18:00).
    WorkingHours,
}

/// Why a message did not go out on a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SuppressReason {
    /// The channel is off for this event type or service.
    Settings,
    /// The channel is on but there is no confirmed phone or e-mail.
    NoAddress,
}

/// The outcome of one try.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AttemptResult {
    /// In progress.
    Sending,
    /// Accepted by the transport.
    Sent,
    /// Refused or unreachable; see `error`.
    Failed,
    /// The app stopped before the answer was recorded; the message was sent again with the same
    /// idempotency key.
    Interrupted,
}

/// One try of one message on one channel.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeliveryAttempt {
    /// 1, 2, …
    pub attempt: u32,
    /// `local`, `smtp`, `http` or `desktop`.
    pub transport: String,
    /// When it started.
    pub at: String,
    /// The outcome.
    pub result: AttemptResult,
    /// The transport's reason, for failures.
    pub error: Option<String>,
}

/// One message on one channel, for «История сообщений».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ChannelDelivery {
    /// The channel.
    pub channel: Channel,
    /// Phone or e-mail (none for the inbox and desktop).
    pub destination: Option<String>,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// When it was sent (or failed for good, or was decided).
    pub at: Option<String>,
    /// Held until (RFC 3339).
    pub held_until: Option<String>,
    /// Held until, as local `ЧЧ:ММ` (the date is in `held_until` and in `summary`).
    pub held_until_local: Option<String>,
    /// Why it was held.
    pub hold_reason: Option<HoldReason>,
    /// Why it was not sent.
    pub suppressed: Option<SuppressReason>,
    /// The last failure's reason.
    pub error: Option<String>,
    /// The next try, while pending after a failure.
    pub next_attempt_at: Option<String>,
    /// Every try, oldest first.
    pub attempts: Vec<DeliveryAttempt>,
    /// One line for people, e.g. «Отложено (тихие часы) до 08:00».
    pub summary: String,
}

/// One message with every channel.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MessageHistory {
    /// The message (inbox) number.
    #[ts(type = "number")]
    pub id: i64,
    /// The event type.
    pub event: EventType,
    /// Title.
    pub title: String,
    /// When it was written.
    pub created_at: String,
    /// In the app, desktop, e-mail, SMS — in that order.
    pub deliveries: Vec<ChannelDelivery>,
}

/// A page of «История сообщений».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct HistoryQuery {
    /// Messages older than this id; absent: the newest.
    #[ts(optional, type = "number")]
    pub before: Option<i64>,
    /// Page size, 1–100 (default 20).
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// «История сообщений», newest first.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MessageHistoryPage {
    /// The messages.
    pub messages: Vec<MessageHistory>,
    /// Pass as `before` for the next page.
    #[ts(type = "number | null")]
    pub next_before: Option<i64>,
}

/// A desktop notification for the app to show (Tauri's notification plugin).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DesktopToast {
    /// The message (inbox) number, to open it on click.
    #[ts(type = "number")]
    pub id: i64,
    /// The event type.
    pub event: EventType,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
}

/// A message from the system or staff to one citizen (not a citizen's call).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewNotification {
    /// «Номер личного кабинета», with or without dashes.
    pub account_number: String,
    /// The event type.
    pub event: EventType,
    /// A service code from the catalogue, if the message concerns one.
    #[ts(optional)]
    pub service: Option<String>,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
}

/// The message just written, with the routing decided for each channel.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Published {
    /// The message (inbox) number.
    #[ts(type = "number")]
    pub id: i64,
    /// In the app, desktop, e-mail, SMS.
    pub deliveries: Vec<ChannelDelivery>,
}

/// How SMTP is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    /// Plain text (a relay on the same machine or network only).
    None,
    /// STARTTLS, required (usually port 587).
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// How e-mail leaves the machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "transport", rename_all = "snake_case")]
pub enum EmailTransport {
    /// Kept in the encrypted database («Демонстрационная доставка»).
    Local,
    /// An SMTP server; the password is in the OS keyring.
    Smtp {
        /// Host name or IP address.
        host: String,
        /// Port, 1–65535.
        port: u16,
        /// How the connection is secured.
        tls: SmtpTls,
        /// Login, if the server wants one.
        user: Option<String>,
        /// The sender, e.g. `Кабинет <noreply@example.ru>` or a bare address.
        from: String,
    },
}

/// How SMS leave the machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "transport", rename_all = "snake_case")]
pub enum SmsTransport {
    /// Kept in the encrypted database («Демонстрационная доставка»).
    Local,
    /// An HTTP gateway: a JSON POST with a bearer token from the OS keyring.
    Http {
        /// `https://…` (plain `http://` only to this machine).
        url: String,
        /// The JSON body with `{to}`, `{text}` and optionally `{key}` (the idempotency key).
        body_template: String,
    },
}

/// Both transports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TransportSettings {
    /// E-mail.
    pub email: EmailTransport,
    /// SMS.
    pub sms: SmsTransport,
}

/// «Администрирование → Доставка сообщений».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TransportSettingsView {
    /// The settings (no secrets).
    pub settings: TransportSettings,
    /// An SMTP password is in the keyring.
    pub smtp_password_set: bool,
    /// A gateway token is in the keyring.
    pub sms_token_set: bool,
    /// Both channels are local: show «Демонстрационная доставка».
    pub demo: bool,
}

/// New transport settings; secrets go to the OS keyring, never to the database.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TransportUpdate {
    /// The settings.
    pub settings: TransportSettings,
    /// A new SMTP password (absent: keep the stored one; empty: remove it).
    #[ts(optional, as = "Option<String>")]
    pub smtp_password: Option<crate::secret::Secret>,
    /// A new gateway token (absent: keep the stored one; empty: remove it).
    #[ts(optional, as = "Option<String>")]
    pub sms_token: Option<crate::secret::Secret>,
}

/// «Отправить тест».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TransportTestRequest {
    /// `email` or `sms`.
    pub channel: Channel,
    /// Where to, as typed.
    pub to: String,
}

/// The outcome of «Отправить тест».
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TransportTestResult {
    /// The transport accepted the message.
    pub ok: bool,
    /// `local`, `smtp` or `http`.
    pub transport: String,
    /// The normalised destination.
    pub destination: String,
    /// The reason, when not ok.
    pub error: Option<String>,
}
