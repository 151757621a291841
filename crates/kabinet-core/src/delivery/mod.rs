//! The delivery worker: takes due outbox rows, sends each through its channel's transport and
//! records the outcome, with retries and exponential back-off — crash-safe.
//!
//! How a row travels (each step its own short transaction, never a network call inside one):
//! 1. **Claim**: due rows (`pending`, or `sending` whose lease has run out) become `sending`,
//!    their attempt count goes up and a `sending` attempt is logged; `next_attempt_at` becomes the
//!    end of a 2-minute lease (longer than any transport's timeout).
//! 2. **Send** through the transport, outside any transaction, with the row's idempotency key
//!    (Message-ID for SMTP, `Idempotency-Key` header and `{key}` for the gateway).
//! 3. **Record**: `delivered`; or, on failure, `pending` again after 30 s × 2^(n−1) (capped at
//!    one hour), or `failed` after 8 tries or at once for a permanent refusal.
//!
//! A process that dies between 1 and 3 leaves the row `sending`; once the lease ends any worker
//! (the app's, `kabinet-cli outbox deliver`, the next start) claims it again, logs the old try as
//! «interrupted» and sends again **with the same key**. That is the choice: at-least-once
//! delivery, with duplicates recognisable by the receiver through the key — a message is never
//! lost, and a receiver that honours the key never shows it twice. The local transport writes
//! nothing outside the database, so it is exactly-once: its claim and its delivery are one
//! transaction. Rows written in an event's transaction are never lost by a crash after the
//! commit: they are simply due.
//!
//! A code's text ([`crate::outbox::CODE_KINDS`]) is redacted in the transaction that records it
//! delivered by SMTP or the gateway, or failed for good; a code that expired before it could be
//! sent is given up («code expired») instead of being sent late. The local transport's copy stays
//! readable until the code expires (the worker's [`crate::outbox::sweep`] redacts it then).
//!
//! Desktop notifications are shown by the app itself ([`take_desktop`]): the app takes the due
//! rows of the signed-in citizen, marking them delivered, and shows them (at most once).

pub mod config;
mod gateway;
mod smtp;

use crate::db::Conn;
use zeroize::Zeroizing;

use crate::context::Context;
use crate::error::ApiResult;
use crate::fault;
use crate::notifications::types::{DesktopToast, EmailTransport, EventType, SmsTransport, TransportSettings};
use crate::outbox::Channel;
use crate::vault::TransportSecret;

/// The first retry waits this long; each next one twice as long.
pub const BACKOFF_BASE: i64 = 30;
/// No retry waits longer than this.
pub const BACKOFF_CAP: i64 = 3600;
/// How long a claimed row belongs to its worker before another may take it over.
pub const LEASE: i64 = 120;
const MAX_REMOTE_PER_RUN: usize = 500;

/// The wait after the `attempt`-th failed try: 30 s, 60 s, 120 s, … at most one hour.
pub fn backoff(attempt: i64) -> i64 {
    let doublings = (attempt - 1).clamp(0, 20) as u32;
    (BACKOFF_BASE << doublings).min(BACKOFF_CAP)
}

/// Why a send did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Retrying cannot help (the request itself is refused).
    pub permanent: bool,
    /// The transport's reason, without personal data.
    pub reason: String,
}

impl Failure {
    fn transient(reason: String) -> Self {
        Self { permanent: false, reason }
    }

    fn permanent(reason: String) -> Self {
        Self { permanent: true, reason }
    }
}

/// An error with its chain of causes, e.g. «error sending request: client error (Connect): tcp
/// connect error: Connection refused (os error 111)».
fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        let next_text = next.to_string();
        if !text.ends_with(&next_text) {
            text.push_str(": ");
            text.push_str(&next_text);
        }
        cause = next.source();
    }
    text
}

fn install_crypto_provider() {
    // Fails only when a provider is already installed, which is just as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The transport name of each channel under `settings`.
fn transport_name(settings: &TransportSettings, channel: Channel) -> &'static str {
    match channel {
        Channel::Email if settings.email != EmailTransport::Local => "smtp",
        Channel::Sms if settings.sms != SmsTransport::Local => "http",
        Channel::Desktop => "desktop",
        _ => "local",
    }
}

/// Delivers every due e-mail and SMS; returns how many were delivered.
///
/// Remote rows are claimed one at a time, and a channel whose transport failed transiently is
/// left alone for the rest of the run (its other rows stay due for the next run), so a run — also
/// the one every code-sending flow makes right after its commit — costs at most one timeout per
/// channel when a server is down, not one per message.
pub async fn deliver_due(ctx: &Context) -> ApiResult<u64> {
    let settings = config::load(ctx).await?;
    let mut delivered = deliver_local(ctx, &settings).await?;
    let mut channels: Vec<Channel> = [Channel::Email, Channel::Sms]
        .into_iter()
        .filter(|c| transport_name(&settings, *c) != "local")
        .collect();
    let mut senders: Option<Senders> = None;
    for _ in 0..MAX_REMOTE_PER_RUN {
        if channels.is_empty() {
            break;
        }
        let Some(job) = claim(ctx, &settings, &channels, None, 1).await?.pop() else { break };
        let senders = senders.get_or_insert_with(|| Senders::new(ctx, &settings));
        match send_and_record(ctx, senders, &job).await? {
            Ok(()) => delivered += 1,
            Err(failure) if !failure.permanent => channels.retain(|c| c.as_str() != job.channel),
            Err(_) => {}
        }
    }
    Ok(delivered)
}

/// Delivers what is due right after a flow committed its messages. Best effort: the flow has
/// already succeeded and its messages are safe in the outbox, so a delivery problem (a busy
/// database, a transport down) is left to the worker's next run instead of failing the flow.
pub async fn kick(ctx: &Context) {
    if let Err(error) = deliver_due(ctx).await {
        tracing::warn!(code = %crate::support::code_name(error.code), "delivery after commit deferred to the worker");
    }
}

/// Delivers one row now, whatever its channel's transport (for «Отправить тест»); returns the
/// failure, if any.
pub async fn deliver_one(ctx: &Context, outbox_id: i64) -> ApiResult<Option<Failure>> {
    let settings = config::load(ctx).await?;
    let jobs = claim(ctx, &settings, &[Channel::Email, Channel::Sms], Some(outbox_id), 1).await?;
    let Some(job) = jobs.first() else { return Ok(None) };
    let senders = Senders::new(ctx, &settings);
    let outcome = senders.send(job).await;
    record(ctx, job, &outcome).await?;
    Ok(outcome.err())
}

/// The local transport: due rows of local channels are delivered in one transaction.
async fn deliver_local(ctx: &Context, settings: &TransportSettings) -> ApiResult<u64> {
    let local: Vec<&str> = [Channel::Email, Channel::Sms]
        .into_iter()
        .filter(|c| transport_name(settings, *c) == "local")
        .map(Channel::as_str)
        .collect();
    // Two placeholders for the channels; a single local channel fills both.
    let (Some(first), Some(second)) = (local.first().copied(), local.last().copied()) else { return Ok(0) };
    let now = ctx.now();
    let mut tx = ctx.write().await?;
    // One batch at a time across processes: each statement below then sees the rows the other
    // batch delivered, and no message gets a second attempt row.
    crate::db::serialize(&mut tx, crate::db::exclusive::LOCAL_DELIVERY).await.map_err(ctx.db_error())?;
    crate::db::query(
        "UPDATE delivery_attempts SET result = 'interrupted', finished_at = ? WHERE result = 'sending' \
         AND outbox_id IN (SELECT id FROM outbox WHERE status = 'sending' AND channel IN (?, ?) \
         AND next_attempt_at <= ?)",
    )
    .bind(now)
    .bind(first)
    .bind(second)
    .bind(now)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    // One statement decides which messages this batch delivers, and the attempt rows are written
    // for exactly those: on PostgreSQL each statement sees the rows committed before it began, so
    // choosing twice (an INSERT … SELECT, then an UPDATE) let a message committed in between be
    // delivered with no attempt recorded (the load benchmark found 57 of 300).
    let delivered: Vec<(i64, Option<i64>, i64)> = crate::db::query_as(
        "UPDATE outbox SET status = 'delivered', delivered_at = ?, transport = 'local', \
         attempts = attempts + 1, last_error = NULL \
         WHERE status IN ('pending', 'sending') AND channel IN (?, ?) AND next_attempt_at <= ? \
         RETURNING id, account_id, attempts",
    )
    .bind(now)
    .bind(first)
    .bind(second)
    .bind(now)
    .fetch_all(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    for chunk in delivered.chunks(500) {
        let mut attempts = crate::db::QueryBuilder::new(
            "INSERT INTO delivery_attempts (outbox_id, account_id, attempt, transport, started_at, finished_at, result) ",
        );
        attempts.push_values(chunk, |mut row, (id, account_id, attempt)| {
            row.push_bind(*id)
                .push_bind(*account_id)
                .push_bind(*attempt)
                .push_bind("local")
                .push_bind(now)
                .push_bind(now)
                .push_bind("sent");
        });
        attempts.build().execute(&mut tx).await.map_err(ctx.db_error())?;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(delivered.len() as u64)
}

/// A claimed row.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Job {
    id: i64,
    account_id: Option<i64>,
    idempotency_key: String,
    channel: String,
    destination: String,
    kind: String,
    subject: String,
    body: String,
    status: String,
    attempts: i64,
    max_attempts: i64,
    created_at: i64,
    attachment_name: Option<String>,
    attachment: Option<Vec<u8>>,
}

async fn claim(
    ctx: &Context,
    settings: &TransportSettings,
    channels: &[Channel],
    only: Option<i64>,
    limit: i64,
) -> ApiResult<Vec<Job>> {
    let now = ctx.now();
    let (Some(first), Some(second)) = (channels.first(), channels.last()) else { return Ok(Vec::new()) };
    let mut tx = ctx.write().await?;
    // SQLite's writers take turns already; on PostgreSQL each worker locks the rows it claims and
    // passes over those another worker is claiming.
    macro_rules! due {
        () => {
            "SELECT id, account_id, idempotency_key, channel, destination, kind, subject, body, status, attempts, \
             max_attempts, created_at, attachment_name, attachment FROM outbox \
             WHERE status IN ('pending', 'sending') AND channel IN (?, ?) \
             AND next_attempt_at <= ? AND (? IS NULL OR id = ?) ORDER BY next_attempt_at, id LIMIT ?"
        };
    }
    let found: Vec<Job> = crate::db::query_as(match tx.engine() {
        crate::db::Engine::Sqlite => due!(),
        crate::db::Engine::Postgres => concat!(due!(), " FOR UPDATE SKIP LOCKED"),
    })
    .bind(first.as_str())
    .bind(second.as_str())
    .bind(now)
    .bind(only)
    .bind(only)
    .bind(limit)
    .fetch_all(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let mut jobs = Vec::with_capacity(found.len());
    let mut opener = crate::sealing::Opener::default();
    for mut job in found {
        // The texts are sealed (crate::sealing): opened here, for the sender only. A message
        // without an account whose day's transit key is gone can no longer be read, or sent.
        if !open_job(ctx, &mut tx, &mut opener, &mut job).await? {
            give_up(ctx, &mut tx, job.id, now, "key destroyed").await?;
            continue;
        }
        if job.status == "sending" {
            interrupt(ctx, &mut tx, job.id, now).await?;
        }
        if job.attempts >= job.max_attempts {
            give_up(ctx, &mut tx, job.id, now, "interrupted").await?;
            continue;
        }
        if crate::outbox::code_expired(&job.kind, job.created_at, now) {
            give_up(ctx, &mut tx, job.id, now, "code expired").await?;
            continue;
        }
        job.attempts += 1;
        let transport = transport_name(settings, Channel::parse(&job.channel));
        start_attempt(ctx, &mut tx, &job, transport, now).await?;
        jobs.push(job);
    }
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(jobs)
}

/// Opens the job's sealed texts in place; false when its key is gone.
async fn open_job(
    ctx: &Context,
    conn: &mut Conn,
    opener: &mut crate::sealing::Opener,
    job: &mut Job,
) -> ApiResult<bool> {
    let (id, account) = (job.id, job.account_id);
    // A redacted code is stored as the plain marker, which names nobody.
    let redacted = crate::outbox::REDACTED;
    macro_rules! text {
        ($column:literal, $value:expr) => {
            if $value == redacted {
                Some(redacted.to_owned())
            } else {
                opener.text(ctx, conn, account, $column, id, $value).await?
            }
        };
    }
    let Some(destination) = text!("outbox.destination", &job.destination) else {
        return Ok(false);
    };
    job.destination = destination;
    job.subject = text!("outbox.subject", &job.subject).unwrap_or_default();
    job.body = text!("outbox.body", &job.body).unwrap_or_default();
    if let Some(name) = &job.attachment_name {
        job.attachment_name = text!("outbox.attachment_name", name);
    }
    if let Some(bytes) = &job.attachment {
        job.attachment = opener.bytes(ctx, conn, account, "outbox.attachment", id, bytes).await?;
    }
    Ok(true)
}

async fn interrupt(ctx: &Context, conn: &mut Conn, outbox_id: i64, now: i64) -> ApiResult<()> {
    crate::db::query(
        "UPDATE delivery_attempts SET result = 'interrupted', finished_at = ? \
         WHERE outbox_id = ? AND result = 'sending'",
    )
    .bind(now)
    .bind(outbox_id)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

/// Fails a row for good without a try: the last try was interrupted and no tries are left (it
/// may or may not have gone out), or its code expired before it could be sent. A code is
/// redacted.
async fn give_up(ctx: &Context, conn: &mut Conn, outbox_id: i64, now: i64, why: &str) -> ApiResult<()> {
    crate::db::query(
        "UPDATE outbox SET status = 'failed', next_attempt_at = ?, \
         last_error = coalesce(last_error, ?) WHERE id = ?",
    )
    .bind(now)
    .bind(why)
    .bind(outbox_id)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    crate::outbox::redact(ctx, conn, outbox_id).await
}

async fn start_attempt(
    ctx: &Context,
    conn: &mut Conn,
    job: &Job,
    transport: &str,
    now: i64,
) -> ApiResult<()> {
    crate::db::query(
        "UPDATE outbox SET status = 'sending', attempts = ?, next_attempt_at = ?, transport = ? WHERE id = ?",
    )
    .bind(job.attempts)
    .bind(now + LEASE)
    .bind(transport)
    .bind(job.id)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    crate::db::query(
        "INSERT INTO delivery_attempts (outbox_id, account_id, attempt, transport, started_at, result) \
         VALUES (?1, (SELECT account_id FROM outbox WHERE id = ?1), ?2, ?3, ?4, 'sending')",
    )
    .bind(job.id)
    .bind(job.attempts)
    .bind(transport)
    .bind(now)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

async fn send_and_record(ctx: &Context, senders: &Senders, job: &Job) -> ApiResult<Result<(), Failure>> {
    let outcome = senders.send(job).await;
    fault::crash_point("after_send");
    record(ctx, job, &outcome).await?;
    Ok(outcome)
}

/// Writes the outcome of a try; a row another worker has taken over meanwhile is left alone.
async fn record(ctx: &Context, job: &Job, outcome: &Result<(), Failure>) -> ApiResult<()> {
    let now = ctx.now();
    let mut tx = ctx.write().await?;
    let (result, error) = match outcome {
        Ok(()) => ("sent", None),
        Err(failure) => ("failed", Some(failure.reason.as_str())),
    };
    crate::db::query(
        "UPDATE delivery_attempts SET result = ?, finished_at = ?, error = ? \
         WHERE outbox_id = ? AND attempt = ? AND result = 'sending'",
    )
    .bind(result)
    .bind(now)
    .bind(error)
    .bind(job.id)
    .bind(job.attempts)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let (status, next) = match outcome {
        Ok(()) => ("delivered", now),
        Err(failure) if failure.permanent || job.attempts >= job.max_attempts => ("failed", now),
        Err(_) => ("pending", now + backoff(job.attempts)),
    };
    let recorded = crate::db::query(
        "UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ?, \
         delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END, \
         attachment = CASE WHEN ? = 'delivered' THEN NULL ELSE attachment END \
         WHERE id = ? AND status = 'sending' AND attempts = ?",
    )
    .bind(status)
    .bind(next)
    .bind(error)
    .bind(status)
    .bind(now)
    .bind(status)
    .bind(job.id)
    .bind(job.attempts)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    // A code that left the machine, or never will, is no longer readable here.
    if recorded.rows_affected() == 1 && status != "pending" {
        crate::outbox::redact(ctx, &mut tx, job.id).await?;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(())
}

/// The transports of one worker run, built once per run (secrets read once from the keyring).
struct Senders {
    email: Sender<smtp::Smtp>,
    sms: Sender<gateway::Gateway>,
}

enum Sender<T> {
    Local,
    Ready(T),
    Broken(Failure),
}

impl Senders {
    fn new(ctx: &Context, settings: &TransportSettings) -> Self {
        let email = match &settings.email {
            EmailTransport::Local => Sender::Local,
            EmailTransport::Smtp { host, port, tls, user, from } => {
                let password = secret(ctx, TransportSecret::SmtpPassword).and_then(|password| {
                    // Again at send time: a configuration stored before the rule never goes out.
                    let clear = config::smtp_clear_text(host, *tls, user.as_deref(), password.is_some());
                    if clear.is_empty() { Ok(password) } else { Err(clear_text_refused("SMTP")) }
                });
                match password.and_then(|p| smtp::Smtp::new(host, *port, *tls, user.as_deref(), p, from)) {
                    Ok(smtp) => Sender::Ready(smtp),
                    Err(failure) => Sender::Broken(failure),
                }
            }
        };
        let sms = match &settings.sms {
            SmsTransport::Local => Sender::Local,
            SmsTransport::Http { url, body_template } => {
                let token = match config::check_url(url) {
                    Ok(_) => secret(ctx, TransportSecret::SmsToken),
                    Err(_) => Err(clear_text_refused("HTTP")),
                };
                match token.and_then(|t| gateway::Gateway::new(url, body_template, t)) {
                    Ok(gateway) => Sender::Ready(gateway),
                    Err(failure) => Sender::Broken(failure),
                }
            }
        };
        Self { email, sms }
    }

    async fn send(&self, job: &Job) -> Result<(), Failure> {
        let key = &job.idempotency_key;
        match Channel::parse(&job.channel) {
            Channel::Email => match &self.email {
                Sender::Local => Ok(()),
                Sender::Ready(smtp) => {
                    let attachment = job.attachment_name.as_deref().zip(job.attachment.as_deref());
                    smtp.send(&job.destination, &job.subject, &job.body, key, attachment).await
                }
                Sender::Broken(failure) => Err(failure.clone()),
            },
            _ => match &self.sms {
                Sender::Local => Ok(()),
                Sender::Ready(gateway) => gateway.send(&job.destination, &job.body, key).await,
                Sender::Broken(failure) => Err(failure.clone()),
            },
        }
    }
}

/// A stored transport that breaks the clear-text rule ([`config::smtp_clear_text`],
/// [`config::check_url`]): retried, so the messages wait for an administrator to fix it.
fn clear_text_refused(transport: &str) -> Failure {
    Failure::transient(format!(
        "{transport}: clear text refused (only to this machine, never with a login or a password); \
         choose TLS in the transport settings"
    ))
}

/// A transport secret from the keyring; an unreadable keyring is a (retried) failure.
fn secret(ctx: &Context, which: TransportSecret) -> Result<Option<Zeroizing<String>>, Failure> {
    let Some(vault) = &ctx.vault else { return Ok(None) };
    vault.transport_secret(which).map_err(|code| Failure::transient(format!("keyring: {code:?}")))
}

/// The due desktop notifications of an account, marked delivered as they are handed over.
pub async fn take_desktop(ctx: &Context, account_id: i64) -> ApiResult<Vec<DesktopToast>> {
    let now = ctx.now();
    let mut tx = ctx.write().await?;
    let rows: Vec<(i64, i64, String, String, String)> = crate::db::query_as(
        "SELECT o.id, n.id, n.event_type, n.title, n.body FROM outbox o \
         JOIN notifications n ON n.id = o.notification_id \
         WHERE o.channel = 'desktop' AND o.status IN ('pending', 'sending') AND o.next_attempt_at <= ? \
         AND o.account_id = ? ORDER BY o.id",
    )
    .bind(now)
    .bind(account_id)
    .fetch_all(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let mut handed = Vec::with_capacity(rows.len());
    for row in rows {
        // Only a row still waiting is handed over: two windows (or two server processes) asking
        // at once give each toast to one of them, once, with one attempt row.
        let taken: Option<i64> = crate::db::query_scalar(
            "UPDATE outbox SET status = 'delivered', delivered_at = ?, transport = 'desktop', \
             attempts = attempts + 1 WHERE id = ? AND status IN ('pending', 'sending') RETURNING attempts",
        )
        .bind(now)
        .bind(row.0)
        .fetch_optional(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        let Some(attempt) = taken else { continue };
        crate::db::query(
            "INSERT INTO delivery_attempts (outbox_id, account_id, attempt, transport, started_at, finished_at, result) \
             VALUES (?, ?, ?, 'desktop', ?, ?, 'sent')",
        )
        .bind(row.0)
        .bind(account_id)
        .bind(attempt)
        .bind(now)
        .bind(now)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        handed.push(row);
    }
    // Opened before the commit: a toast that does not open is not marked as shown.
    let toasts = desktop_toasts(ctx, &mut tx, account_id, handed).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(toasts)
}

/// The handed-over rows as toasts, their sealed title and text opened with the account's key
/// (loaded once, and only when there is something to show: the app asks often).
async fn desktop_toasts(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    handed: Vec<(i64, i64, String, String, String)>,
) -> ApiResult<Vec<DesktopToast>> {
    if handed.is_empty() {
        return Ok(Vec::new());
    }
    let key = crate::sealing::account_key(ctx, conn, account_id).await?;
    let open = |column: &str, id: i64, stored: &str| key.open(column, id, stored).map_err(ctx.unreadable());
    handed
        .into_iter()
        .map(|(_, id, event, title, body)| {
            Ok(DesktopToast {
                id,
                event: EventType::parse(&event),
                title: open(crate::notifications::TITLE, id, &title)?,
                body: open(crate::notifications::BODY, id, &body)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_from_thirty_seconds_up_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(backoff).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(0), 30);
        assert_eq!(backoff(1000), 3600);
    }
}
