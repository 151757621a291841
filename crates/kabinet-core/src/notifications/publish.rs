//! Publishing an event: inside the caller's transaction, the inbox row and one outbox row per
//! other channel, each carrying the routing decision — so the event, its message and its
//! deliveries commit or roll back together, and «История сообщений» can explain every channel,
//! also the ones that did not send.
//!
//! Destinations: desktop goes to the app of this account (the account number marks the row);
//! e-mail and SMS go to the confirmed e-mail and phone. A channel that should carry the message
//! but has no confirmed address is recorded as suppressed for «no address».
//!
//! The inbox row's title and text name the citizen's affairs, so they are sealed under the
//! account's key (issue 16): a purge that deletes the key leaves every surviving copy unreadable.

use crate::db::Conn;

use crate::context::Context;
use crate::contract::AccountStatus;
use crate::error::ApiResult;
use crate::outbox::{self, Channel, NewMessage, Start};
use crate::sealing::Sealer;

use super::route::{self, Message, Route, Routing};
use super::settings;
use super::types::{EventType, HoldReason};

/// An event to tell a citizen about.
#[derive(Debug, Clone, Copy)]
pub struct Event<'a> {
    /// Its type (the matrix row).
    pub event: EventType,
    /// A finer machine kind, e.g. `security_lockout` (defaults to the type's name).
    pub kind: &'a str,
    /// The service it concerns.
    pub service: Option<&'a str>,
    /// Title (the e-mail subject).
    pub title: &'a str,
    /// Text (the SMS and e-mail body).
    pub body: &'a str,
}

/// Writes the message of `event` for `account_id` in the caller's transaction; returns the inbox
/// row's number and the routing.
pub async fn publish(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    event: Event<'_>,
) -> ApiResult<(i64, Routing)> {
    let prefs = settings::load(ctx, conn, account_id).await?.prefs;
    let routing =
        route::route(Message { event: event.event, service: event.service }, &prefs, ctx.clock.now());
    let archived = routing.of(Channel::InApp) == Route::Archived;
    let (id, contacts) = insert_with_contacts(ctx, conn, account_id, &event, archived).await?;
    let silenced = silenced_by_closure(ctx, conn, account_id, event.event).await?;
    for channel in [Channel::Desktop, Channel::Email, Channel::Sms] {
        let destination = contacts.of(channel);
        let route = if silenced { Route::Suppressed } else { routing.of(channel) };
        let start = start_of(route, destination.is_some());
        let message = NewMessage {
            account_id: Some(account_id),
            channel,
            destination: destination.unwrap_or_default(),
            kind: event.kind,
            subject: event.title,
            body: event.body,
        };
        outbox::enqueue_routed(ctx, conn, message, Some(id), start, None).await?;
    }
    Ok((id, routing))
}

fn start_of(route: Route, has_address: bool) -> Start {
    match route {
        Route::Suppressed => Start::Suppressed("settings"),
        Route::Archived => Start::Suppressed("only_important"),
        _ if !has_address => Start::Suppressed("no_address"),
        Route::Now => Start::Now,
        Route::Hold { until, why: HoldReason::QuietHours } => Start::Held { until, routed: "quiet_hours" },
        Route::Hold { until, why: HoldReason::WorkingHours } => {
            Start::Held { until, routed: "working_hours" }
        }
    }
}

/// Writes the inbox row, its title and text sealed under the account's key, and reads where the
/// other channels go, with one load of the key. The row comes first (its id is bound into the
/// sealed values), then the sealed texts, in the caller's transaction. The key lives only in this
/// call's future, not in [`publish`]'s: kept there across the outbox writes, it would make every
/// caller's future a kilobyte larger.
async fn insert_with_contacts(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    event: &Event<'_>,
    archived: bool,
) -> ApiResult<(i64, Contacts)> {
    let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO notifications (account_id, event_type, category, kind, service, title, body, \
         important, created_at, archived) VALUES (?, ?, ?, ?, ?, '', '', ?, ?, ?) RETURNING id",
    )
    .bind(account_id)
    .bind(event.event.as_str())
    .bind(event.event.category().as_str())
    .bind(event.kind)
    .bind(event.service)
    .bind(event.event.important())
    .bind(ctx.now())
    .bind(archived)
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    crate::db::query("UPDATE notifications SET title = ?, body = ? WHERE id = ?")
        .bind(key.seal(super::TITLE, id, event.title))
        .bind(key.seal(super::BODY, id, event.body))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    Ok((id, Contacts::load(ctx, conn, &key, account_id).await?))
}

/// Where each channel of an account goes.
struct Contacts {
    number: String,
    phone: Option<String>,
    email: Option<String>,
}

impl Contacts {
    async fn load(ctx: &Context, conn: &mut Conn, key: &Sealer, account_id: i64) -> ApiResult<Self> {
        let number: String = crate::db::query_scalar("SELECT number FROM accounts WHERE id = ?")
            .bind(account_id)
            .fetch_one(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
        let phone = crate::accounts::identifier(ctx, &mut *conn, key, account_id, "phone", true).await?;
        let email = crate::accounts::identifier(ctx, &mut *conn, key, account_id, "email", true).await?;
        Ok(Self { number, phone, email })
    }

    fn of(&self, channel: Channel) -> Option<&str> {
        match channel {
            Channel::Desktop => Some(&self.number),
            Channel::Email => self.email.as_deref(),
            Channel::Sms => self.phone.as_deref(),
            Channel::InApp => None,
        }
    }
}

/// A closed account's subscriptions are off: only closure and restoration messages go out.
async fn silenced_by_closure(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    event: EventType,
) -> ApiResult<bool> {
    if matches!(event, EventType::ClosureCompleted | EventType::AccountRestored | EventType::ClosureRequested)
    {
        return Ok(false);
    }
    let status: Option<AccountStatus> = crate::db::query_scalar("SELECT status FROM accounts WHERE id = ?")
        .bind(account_id)
        .fetch_optional(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(status == Some(AccountStatus::Closed))
}
