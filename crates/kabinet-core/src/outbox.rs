//! The delivery outbox: every message (codes, notifications) is a row written in the same
//! transaction as the event that causes it, then delivered by the worker in
//! [`crate::delivery`], so an event is never committed without its messages, nor a message sent
//! for an event that rolled back.
//!
//! One row is one message on one channel (e-mail, SMS, desktop); its `idempotency_key` is unique
//! and travels with every try (Message-ID, `Idempotency-Key` header), so a retried send after a
//! crash can be recognised by the receiver. The inbox itself is the `notifications` table; rows
//! of a notification also record the routing decision («held until», «suppressed by
//! settings», «archived»), which «История сообщений» shows.
//!
//! The default transport is local: the message stays in the encrypted database and nothing
//! leaves the machine («Демонстрационная доставка»); `kabinet-cli outbox last --to …` reads it.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::{Context, rfc3339};
use crate::error::ApiResult;

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A text message to a mobile phone.
    Sms,
    /// An e-mail.
    Email,
    /// A desktop notification shown by the app.
    Desktop,
    /// The inbox in the app (always on; never an outbox row).
    InApp,
}

impl Channel {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::Desktop => "desktop",
            Channel::InApp => "in_app",
        }
    }

    /// The stored name back.
    pub fn parse(stored: &str) -> Self {
        match stored {
            "email" => Channel::Email,
            "desktop" => Channel::Desktop,
            "in_app" => Channel::InApp,
            _ => Channel::Sms,
        }
    }

    /// The channel's name for people.
    pub fn name(self, locale: crate::Locale) -> &'static str {
        match self {
            Channel::Sms => "SMS",
            Channel::Email => "e-mail",
            Channel::Desktop => locale.pick("уведомление на рабочем столе", "desktop notification"),
            Channel::InApp => locale.pick("в Кабинете", "in the app"),
        }
    }
}

/// A message to be written to the outbox.
pub struct NewMessage<'a> {
    /// The account it concerns, if one exists yet.
    pub account_id: Option<i64>,
    /// How it travels.
    pub channel: Channel,
    /// Phone in E.164 or e-mail address.
    pub destination: &'a str,
    /// A machine-readable kind, e.g. `registration_code`.
    pub kind: &'a str,
    /// The subject line (e-mail) or a short title.
    pub subject: &'a str,
    /// The text.
    pub body: &'a str,
}

/// A message as stored, for the CLI and the demo desk.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OutboxMessage {
    /// Row number.
    #[ts(type = "number")]
    pub id: i64,
    /// How it travels.
    pub channel: Channel,
    /// Phone or e-mail.
    pub destination: String,
    /// Machine-readable kind.
    pub kind: String,
    /// Subject or title.
    pub subject: String,
    /// The text.
    pub body: String,
    /// When it was written (RFC 3339).
    pub created_at: String,
    /// `pending`, `sending`, `delivered` or `failed`.
    pub status: String,
    /// Which transport delivered it.
    pub transport: Option<String>,
}

/// How a routed row starts out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// Due now.
    Now,
    /// Due at `until` (Unix seconds), held by quiet hours or working hours.
    Held {
        /// When it becomes due.
        until: i64,
        /// `quiet_hours` or `working_hours`.
        routed: &'static str,
    },
    /// Never sent: `settings`, `only_important` or `no_address`.
    Suppressed(&'static str),
}

/// Writes a message inside the caller's transaction, due now.
pub async fn enqueue(ctx: &Context, conn: &mut SqliteConnection, message: NewMessage<'_>) -> ApiResult<()> {
    enqueue_routed(ctx, conn, message, None, Start::Now, None).await.map(|_| ())
}

/// Writes a message of a notification with its routing decision; returns the row number.
pub(crate) async fn enqueue_routed(
    ctx: &Context,
    conn: &mut SqliteConnection,
    message: NewMessage<'_>,
    notification_id: Option<i64>,
    start: Start,
    max_attempts: Option<i64>,
) -> ApiResult<i64> {
    let key = format!("{}.{}", message.kind, hex::encode(rand::random::<[u8; 16]>()));
    let now = ctx.now();
    let (status, routed, held_until, due) = match start {
        Start::Now => ("pending", "now", None, now),
        Start::Held { until, routed } => ("pending", routed, Some(until), until),
        Start::Suppressed(why) => ("suppressed", why, None, now),
    };
    let id = sqlx::query_scalar(
        "INSERT INTO outbox (idempotency_key, account_id, notification_id, channel, destination, kind, \
         subject, body, created_at, status, routed, held_until, next_attempt_at, max_attempts) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(key)
    .bind(message.account_id)
    .bind(notification_id)
    .bind(message.channel.as_str())
    .bind(message.destination)
    .bind(message.kind)
    .bind(message.subject)
    .bind(message.body)
    .bind(now)
    .bind(status)
    .bind(routed)
    .bind(held_until)
    .bind(due)
    .bind(max_attempts.unwrap_or(crate::delivery::MAX_ATTEMPTS))
    .fetch_one(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(id)
}

/// Delivers every due e-mail and SMS through its channel's transport; returns how many were
/// delivered. Failures are recorded and retried later, not returned.
pub async fn deliver_due(ctx: &Context) -> ApiResult<u64> {
    crate::delivery::deliver_due(ctx).await
}

/// Delivers what is due right after a flow committed its messages. Best effort: the flow has
/// already succeeded and its messages are safe in the outbox, so a delivery problem (a busy
/// database, a transport down) is left to the worker's next run instead of failing the flow.
pub async fn kick(ctx: &Context) {
    if let Err(error) = deliver_due(ctx).await {
        eprintln!("kabinet: delivery after commit deferred to the worker: {:?}", error.code);
    }
}

/// The newest message for a destination (messages that were never sent are skipped).
pub async fn last_for(ctx: &Context, destination: &str) -> ApiResult<Option<OutboxMessage>> {
    let row: Option<OutboxRow> = sqlx::query_as(
        "SELECT id, channel, destination, kind, subject, body, created_at, status, transport \
         FROM outbox WHERE destination = ? AND status <> 'suppressed' ORDER BY id DESC LIMIT 1",
    )
    .bind(destination)
    .fetch_optional(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    Ok(row.map(OutboxRow::into_message))
}

impl OutboxMessage {
    /// The channel's name for people: «SMS» or «e-mail».
    pub fn channel_name(&self) -> &'static str {
        self.channel.name(crate::Locale::Ru)
    }
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    channel: String,
    destination: String,
    kind: String,
    subject: String,
    body: String,
    created_at: i64,
    status: String,
    transport: Option<String>,
}

impl OutboxRow {
    fn into_message(self) -> OutboxMessage {
        OutboxMessage {
            id: self.id,
            channel: Channel::parse(&self.channel),
            destination: self.destination,
            kind: self.kind,
            subject: self.subject,
            body: self.body,
            created_at: rfc3339(self.created_at),
            status: self.status,
            transport: self.transport,
        }
    }
}
