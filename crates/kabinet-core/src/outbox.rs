//! The delivery outbox: every message (codes, notifications) is a row written in the same
//! transaction as the event that causes it, then delivered by the worker in
//! [`crate::delivery`], so an event is never committed without its messages, nor a message sent
//! for an event that rolled back.
//!
//! The outbox is a plain queue: it writes, sweeps, redacts and reads rows, and never sends one.
//! Delivery uses it, not the other way round, so a flow that has just committed its messages
//! asks [`crate::delivery::kick`] to send them, and every run of the worker goes through
//! [`crate::delivery::deliver_due`].
//!
//! One row is one message on one channel (e-mail, SMS, desktop); its `idempotency_key` is unique
//! and travels with every try (Message-ID, `Idempotency-Key` header), so a retried send after a
//! crash can be recognised by the receiver. The inbox itself is the `notifications` table; rows
//! of a notification also record the routing decision («held until», «suppressed by
//! settings», «archived»), which «История сообщений» shows.
//!
//! The default transport is local: the message stays in the encrypted database and nothing
//! leaves the machine («Демонстрационная доставка»); `kabinet-cli outbox last --to …` reads it.
//!
//! Codes are readable here only while they are of use and have not left the machine. A message
//! of a one-time code ([`CODE_KINDS`]) keeps its text until the code expires
//! ([`crate::otp::CODE_TTL`] after it was written) when the local transport holds it — the
//! outbox is then the citizen's mailbox, and the demo desk and the E2E suite read codes there;
//! it is redacted to [`REDACTED`] in the transaction that records it delivered by SMTP or the
//! gateway, or failed for good ([`redact`]). The worker's [`sweep`] gives up codes that expired
//! unsent, redacts every expired code, and deletes account-less rows (registration codes,
//! transport tests) [`ACCOUNTLESS_KEEP`] after they were written; a citizen's rows go with the
//! account. The database deletes with `secure_delete`, so neither leaves the text in a free page.

use crate::db::{Conn, Engine};
use serde::{Deserialize, Serialize};
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

/// The kinds of message that carry a one-time code: registration, the second factor, «Забыли
/// пароль?», and the profile's codes (saving, a new contact, closure, restoration).
pub const CODE_KINDS: [&str; 4] =
    ["registration_code", "sign_in_code", "password_reset_code", "profile_code"];

/// What the text of a code's message reads once the code may no longer be read from the outbox.
pub const REDACTED: &str = "[код скрыт]";

/// Tries per message before it is given up as failed (a row's `max_attempts` unless it says
/// otherwise).
pub const MAX_ATTEMPTS: i64 = 8;

/// How long a row without an account is kept (seconds): 8 days, the life of the transit key it
/// is sealed under (`crate::sealing::TRANSIT_DAYS`).
pub const ACCOUNTLESS_KEEP: i64 = crate::sealing::TRANSIT_DAYS * 86_400;

/// The rows whose text still holds a code: word for word the condition of the partial index
/// `outbox_open_codes`, so that SQLite uses it (a test checks it against [`CODE_KINDS`] and
/// [`REDACTED`]).
macro_rules! open_codes {
    () => {
        "kind IN ('registration_code', 'sign_in_code', 'password_reset_code', 'profile_code') \
         AND body <> '[код скрыт]'"
    };
}

/// The redacted columns: the body, and the subject too should it hold six digits in a row
/// (SQLite's `GLOB`, PostgreSQL's regular expression: the one place the dialects differ here).
macro_rules! redacted_columns {
    () => {
        "body = '[код скрыт]', subject = CASE WHEN subject GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9]*' \
         THEN '[код скрыт]' ELSE subject END"
    };
    (postgres) => {
        "body = '[код скрыт]', subject = CASE WHEN subject ~ '[0-9]{6}' \
         THEN '[код скрыт]' ELSE subject END"
    };
}

/// Whether a message of `kind` written at `created_at` carries a code that has expired by `now`.
pub(crate) fn code_expired(kind: &str, created_at: i64, now: i64) -> bool {
    CODE_KINDS.contains(&kind) && created_at + crate::otp::CODE_TTL <= now
}

/// Redacts row `id` inside the caller's transaction if it carries a code: called where a message
/// that left the machine is recorded delivered, and where any message fails for good.
pub(crate) async fn redact(ctx: &Context, conn: &mut Conn, id: i64) -> ApiResult<()> {
    let sql = match conn.engine() {
        Engine::Sqlite => {
            concat!("UPDATE outbox SET ", redacted_columns!(), " WHERE id = ? AND ", open_codes!())
        }
        Engine::Postgres => {
            concat!("UPDATE outbox SET ", redacted_columns!(postgres), " WHERE id = ? AND ", open_codes!())
        }
    };
    crate::db::query(sql).bind(id).execute(conn).await.map_err(ctx.db_error())?;
    Ok(())
}

/// What one [`sweep`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Codes that expired before they could be sent, now failed («code expired»).
    pub expired: u64,
    /// Codes whose text was redacted.
    pub redacted: u64,
    /// Account-less rows deleted.
    pub deleted: u64,
}

/// The worker's sweep, one transaction: a code that expired unsent (waiting, or its sender's
/// lease over) fails as «code expired»; every expired code is redacted; rows without an account
/// written [`ACCOUNTLESS_KEEP`] ago or earlier are deleted with their tries.
pub async fn sweep(ctx: &Context) -> ApiResult<Swept> {
    let now = ctx.now();
    let expired_before = now - crate::otp::CODE_TTL;
    let mut tx = ctx.write().await?;
    // Binds: the expiry bound, then now (a sender's lease).
    macro_rules! unsent {
        () => {
            concat!(
                open_codes!(),
                " AND created_at <= ? AND (status = 'pending' OR (status = 'sending' AND next_attempt_at <= ?))"
            )
        };
    }
    crate::db::query(concat!(
        "UPDATE delivery_attempts SET result = 'interrupted', finished_at = ? WHERE result = 'sending' \
         AND outbox_id IN (SELECT id FROM outbox WHERE ",
        unsent!(),
        ")"
    ))
    .bind(now)
    .bind(expired_before)
    .bind(now)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let expired = crate::db::query(concat!(
        "UPDATE outbox SET status = 'failed', last_error = 'code expired', next_attempt_at = ? WHERE ",
        unsent!()
    ))
    .bind(now)
    .bind(expired_before)
    .bind(now)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?
    .rows_affected();
    let redacted = crate::db::query(match tx.engine() {
        Engine::Sqlite => concat!(
            "UPDATE outbox SET ",
            redacted_columns!(),
            " WHERE ",
            open_codes!(),
            " AND created_at <= ? AND status IN ('delivered', 'failed', 'suppressed')"
        ),
        Engine::Postgres => concat!(
            "UPDATE outbox SET ",
            redacted_columns!(postgres),
            " WHERE ",
            open_codes!(),
            " AND created_at <= ? AND status IN ('delivered', 'failed', 'suppressed')"
        ),
    })
    .bind(expired_before)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?
    .rows_affected();
    let deleted = crate::db::query(
        "DELETE FROM outbox WHERE account_id IS NULL AND created_at <= ? \
         AND NOT (status = 'sending' AND next_attempt_at > ?)",
    )
    .bind(now - ACCOUNTLESS_KEEP)
    .bind(now)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?
    .rows_affected();
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(Swept { expired, redacted, deleted })
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
    /// The text; a code's text reads «[код скрыт]» once the code expired or left the machine.
    pub body: String,
    /// When it was written (RFC 3339).
    pub created_at: String,
    /// `pending`, `sending`, `delivered` or `failed`.
    pub status: String,
    /// Which transport delivered it.
    pub transport: Option<String>,
    /// The attached file's name (the certificate's e-mail), if any.
    pub attachment_name: Option<String>,
    /// Its size in bytes (0 once an SMTP server took it).
    #[ts(type = "number")]
    pub attachment_size: i64,
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
pub async fn enqueue(ctx: &Context, conn: &mut Conn, message: NewMessage<'_>) -> ApiResult<()> {
    enqueue_routed(ctx, conn, message, None, Start::Now, None).await.map(|_| ())
}

/// Writes an e-mail with a file attached (`name`, PDF bytes) in the caller's transaction.
pub async fn enqueue_with_attachment(
    ctx: &Context,
    conn: &mut Conn,
    message: NewMessage<'_>,
    name: &str,
    bytes: &[u8],
) -> ApiResult<()> {
    let account_id = message.account_id;
    let id = enqueue_routed(ctx, conn, message, None, Start::Now, None).await?;
    let key = crate::sealing::sealer_for(ctx, conn, account_id).await?;
    crate::db::query("UPDATE outbox SET attachment_name = ?, attachment = ? WHERE id = ?")
        .bind(key.seal("outbox.attachment_name", id, name))
        .bind(key.seal_bytes("outbox.attachment", id, bytes))
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

/// Writes a message of a notification with its routing decision; returns the row number.
pub(crate) async fn enqueue_routed(
    ctx: &Context,
    conn: &mut Conn,
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
    // The row first, then its texts sealed to its id (the account's key, or the day's transit
    // key for a message without an account), in the caller's transaction.
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO outbox (idempotency_key, account_id, notification_id, channel, destination, lookup, kind, \
         subject, body, created_at, status, routed, held_until, next_attempt_at, max_attempts) \
         VALUES (?, ?, ?, ?, '', ?, ?, '', '', ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(key)
    .bind(message.account_id)
    .bind(notification_id)
    .bind(message.channel.as_str())
    .bind(ctx.keys()?.index(message.destination))
    .bind(message.kind)
    .bind(now)
    .bind(status)
    .bind(routed)
    .bind(held_until)
    .bind(due)
    .bind(max_attempts.unwrap_or(MAX_ATTEMPTS))
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let sealer = crate::sealing::sealer_for(ctx, conn, message.account_id).await?;
    crate::db::query("UPDATE outbox SET destination = ?, subject = ?, body = ? WHERE id = ?")
        .bind(sealer.seal("outbox.destination", id, message.destination))
        .bind(sealer.seal("outbox.subject", id, message.subject))
        .bind(sealer.seal("outbox.body", id, message.body))
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(id)
}

/// The newest message for a destination (messages that were never sent are skipped).
pub async fn last_for(ctx: &Context, destination: &str) -> ApiResult<Option<OutboxMessage>> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let row: Option<OutboxRow> = crate::db::query_as(
        "SELECT id, account_id, channel, destination, kind, subject, body, created_at, status, transport, \
         attachment_name, attachment FROM outbox WHERE lookup = ? AND status <> 'suppressed' ORDER BY id DESC LIMIT 1",
    )
    .bind(ctx.keys()?.index(destination))
    .fetch_optional(&mut conn)
    .await
    .map_err(ctx.db_error())?;
    let Some(row) = row else { return Ok(None) };
    let mut opener = crate::sealing::Opener::default();
    let (id, account) = (row.id, row.account_id);
    // A redacted code is stored as the plain marker, which names nobody.
    macro_rules! text {
        ($column:literal, $value:expr) => {
            if $value == REDACTED {
                Some(REDACTED.to_owned())
            } else {
                opener.text(ctx, &mut conn, account, $column, id, $value).await?
            }
        };
    }
    // A message whose transit key is gone is gone too.
    let Some(destination) = text!("outbox.destination", &row.destination) else { return Ok(None) };
    let subject = text!("outbox.subject", &row.subject).unwrap_or_default();
    let body = text!("outbox.body", &row.body).unwrap_or_default();
    let attachment_name = match &row.attachment_name {
        Some(name) => text!("outbox.attachment_name", name),
        None => None,
    };
    let attachment_size = match &row.attachment {
        Some(bytes) => opener
            .bytes(ctx, &mut conn, account, "outbox.attachment", id, bytes)
            .await?
            .map_or(0, |b| b.len()),
        None => 0,
    };
    Ok(Some(OutboxMessage {
        id: row.id,
        channel: Channel::parse(&row.channel),
        destination,
        kind: row.kind,
        subject,
        body,
        created_at: rfc3339(row.created_at),
        status: row.status,
        transport: row.transport,
        attachment_name,
        attachment_size: i64::try_from(attachment_size).unwrap_or(i64::MAX),
    }))
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
    account_id: Option<i64>,
    channel: String,
    destination: String,
    kind: String,
    subject: String,
    body: String,
    created_at: i64,
    status: String,
    transport: Option<String>,
    attachment_name: Option<String>,
    attachment: Option<Vec<u8>>,
}

/// The destinations of the account's own messages, opened (what a purge looks for elsewhere).
pub(crate) async fn destinations_of(
    ctx: &Context,
    conn: &mut Conn,
    key: &crate::sealing::Sealer,
    account_id: i64,
) -> ApiResult<Vec<String>> {
    let rows: Vec<(i64, String)> = crate::db::query_as(
        "SELECT id, destination FROM outbox WHERE account_id = ? AND channel IN ('sms', 'email')",
    )
    .bind(account_id)
    .fetch_all(conn)
    .await
    .map_err(ctx.db_error())?;
    rows.into_iter()
        .map(|(id, destination)| key.open("outbox.destination", id, &destination).map_err(ctx.unreadable()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sql_names_every_code_kind_and_the_marker() {
        let quoted: Vec<String> = CODE_KINDS.iter().map(|kind| format!("'{kind}'")).collect();
        let condition = format!("kind IN ({}) AND body <> '{REDACTED}'", quoted.join(", "));
        assert_eq!(open_codes!(), condition);
        let migration = include_str!("../../../migrations/20261203140000_outbox_codes.sql");
        let index: String = migration.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(index.contains(&format!("WHERE {condition};")), "the partial index repeats it");
        assert!(redacted_columns!().starts_with(&format!("body = '{REDACTED}'")));
    }

    #[test]
    fn a_code_expires_with_its_five_minutes() {
        assert!(!code_expired("registration_code", 1000, 1000 + crate::otp::CODE_TTL - 1));
        assert!(code_expired("sign_in_code", 1000, 1000 + crate::otp::CODE_TTL));
        assert!(!code_expired("application_status", 0, i64::MAX));
    }
}
