//! The delivery outbox: every message (codes, later notifications) is a row written in the same
//! transaction as the event that causes it, then delivered by a transport.
//!
//! The default transport is local: the message stays in the encrypted database and nothing
//! leaves the machine («Демонстрационная доставка»); `kabinet-cli outbox last --to …` reads it.
//! SMTP and the SMS gateway arrive with the notifications work; the outbox does not change.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::{Context, rfc3339};
use crate::error::ApiResult;

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// A text message to a mobile phone.
    Sms,
    /// An e-mail.
    Email,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
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
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    /// Which transport delivered it.
    pub transport: Option<String>,
}

/// Writes a message inside the caller's transaction.
pub async fn enqueue(ctx: &Context, conn: &mut SqliteConnection, message: NewMessage<'_>) -> ApiResult<()> {
    let key = hex::encode(rand::random::<[u8; 16]>());
    let now = ctx.now();
    sqlx::query(
        "INSERT INTO outbox (idempotency_key, account_id, channel, destination, kind, subject, \
         body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(format!("{}:{key}", message.kind))
    .bind(message.account_id)
    .bind(message.channel.as_str())
    .bind(message.destination)
    .bind(message.kind)
    .bind(message.subject)
    .bind(message.body)
    .bind(now)
    .bind(now)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

/// Delivers every due message through the local transport; returns how many were delivered.
pub async fn deliver_due(ctx: &Context) -> ApiResult<u64> {
    let now = ctx.now();
    let done = sqlx::query(
        "UPDATE outbox SET status = 'delivered', delivered_at = ?, transport = 'local', \
         attempts = attempts + 1 WHERE status = 'pending' AND next_attempt_at <= ?",
    )
    .bind(now)
    .bind(now)
    .execute(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    Ok(done.rows_affected())
}

/// The newest message for a destination.
pub async fn last_for(ctx: &Context, destination: &str) -> ApiResult<Option<OutboxMessage>> {
    let row: Option<OutboxRow> = sqlx::query_as(
        "SELECT id, channel, destination, kind, subject, body, created_at, status, transport \
         FROM outbox WHERE destination = ? ORDER BY id DESC LIMIT 1",
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
        match self.channel {
            Channel::Sms => "SMS",
            Channel::Email => "e-mail",
        }
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
            channel: if self.channel == "email" { Channel::Email } else { Channel::Sms },
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
