//! «История сообщений»: every message × channel with its time and result — sent, failed with the
//! reason, held for quiet hours or working hours until a local time, suppressed by the settings
//! (or for want of a confirmed address), archived by «Только важные» — and every try, so two
//! failures and then a success read as exactly that.
//!
//! The inbox channel has no outbox row: its entry comes from the message itself (shown at once,
//! or archived).
//!
//! A message's title is sealed under the account's key ([`super::sealed`]), opened here with the
//! destinations by one key load per page.

use std::collections::HashMap;

use crate::db::QueryBuilder;
use time::OffsetDateTime;

use crate::clock::local_offset;
use crate::context::{Context, rfc3339};
use crate::error::ApiResult;
use crate::i18n::Locale;
use crate::outbox::Channel;

use super::inbox::DEFAULT_PAGE;
use super::types::{
    AttemptResult, ChannelDelivery, DeliveryAttempt, DeliveryStatus, EventType, HistoryQuery, HoldReason,
    MessageHistory, MessageHistoryPage, SuppressReason,
};

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: i64,
    event_type: String,
    title: String,
    created_at: i64,
    archived: bool,
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    notification_id: i64,
    channel: String,
    destination: String,
    status: String,
    routed: String,
    held_until: Option<i64>,
    attempts: i64,
    next_attempt_at: i64,
    delivered_at: Option<i64>,
    last_error: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AttemptRow {
    outbox_id: i64,
    attempt: i64,
    transport: String,
    started_at: i64,
    finished_at: Option<i64>,
    result: String,
    error: Option<String>,
}

/// A page of the history of an account, newest first.
pub async fn page(ctx: &Context, account_id: i64, query: &HistoryQuery) -> ApiResult<MessageHistoryPage> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, 100);
    let mut sql = QueryBuilder::new(
        "SELECT id, event_type, title, created_at, (archived <> 0) AS archived FROM notifications WHERE account_id = ",
    );
    sql.push_bind(account_id);
    if let Some(before) = query.before {
        sql.push(" AND id < ").push_bind(before);
    }
    sql.push(" ORDER BY id DESC LIMIT ").push_bind(i64::from(limit) + 1);
    let mut messages: Vec<MessageRow> =
        sql.build_query_as().fetch_all(&ctx.pool).await.map_err(ctx.db_error())?;
    let more = messages.len() > limit as usize;
    messages.truncate(limit as usize);
    let next_before = if more { messages.last().map(|m| m.id) } else { None };
    Ok(MessageHistoryPage { messages: assemble(ctx, account_id, messages).await?, next_before })
}

/// The history of one message of an account, if it exists.
pub async fn one(ctx: &Context, account_id: i64, id: i64) -> ApiResult<Option<MessageHistory>> {
    let message: Option<MessageRow> = crate::db::query_as(
        "SELECT id, event_type, title, created_at, (archived <> 0) AS archived FROM notifications WHERE id = ? AND account_id = ?",
    )
    .bind(id)
    .bind(account_id)
    .fetch_optional(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    Ok(assemble(ctx, account_id, message.into_iter().collect()).await?.pop())
}

async fn assemble(
    ctx: &Context,
    account_id: i64,
    messages: Vec<MessageRow>,
) -> ApiResult<Vec<MessageHistory>> {
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = messages.iter().map(|m| m.id).collect();
    let mut sql = QueryBuilder::new(
        "SELECT id, notification_id, channel, destination, status, routed, held_until, attempts, \
         next_attempt_at, delivered_at, last_error FROM outbox WHERE account_id = ",
    );
    sql.push_bind(account_id).push(" AND notification_id IN (");
    let mut list = sql.separated(", ");
    for id in &ids {
        list.push_bind(*id);
    }
    sql.push(") ORDER BY id");
    let mut rows: Vec<OutboxRow> = sql.build_query_as().fetch_all(&ctx.pool).await.map_err(ctx.db_error())?;
    let key = crate::sealing::account_key(ctx, &ctx.pool, account_id).await?;
    for row in &mut rows {
        // Desktop and in-app rows have no destination to open (an empty one is kept empty).
        if !row.destination.is_empty() {
            row.destination =
                key.open("outbox.destination", row.id, &row.destination).map_err(ctx.unreadable())?;
        }
    }
    let titles = messages
        .iter()
        .map(|m| key.open(super::TITLE, m.id, &m.title).map_err(ctx.unreadable()))
        .collect::<ApiResult<Vec<_>>>()?;
    let attempts = attempts_of(ctx, account_id, &rows).await?;
    let mut by_message: HashMap<i64, Vec<ChannelDelivery>> = HashMap::new();
    let view = View { locale: ctx.locale(), now: ctx.now() };
    for row in rows {
        let tries = attempts.get(&row.id).map(Vec::as_slice).unwrap_or_default();
        by_message.entry(row.notification_id).or_default().push(view.delivery(&row, tries));
    }
    Ok(messages
        .into_iter()
        .zip(titles)
        .map(|(m, title)| {
            let mut deliveries = vec![view.in_app(&m)];
            deliveries.extend(by_message.remove(&m.id).unwrap_or_default());
            MessageHistory {
                id: m.id,
                event: EventType::parse(&m.event_type),
                title,
                created_at: rfc3339(m.created_at),
                deliveries,
            }
        })
        .collect())
}

async fn attempts_of(
    ctx: &Context,
    account_id: i64,
    rows: &[OutboxRow],
) -> ApiResult<HashMap<i64, Vec<AttemptRow>>> {
    let mut out: HashMap<i64, Vec<AttemptRow>> = HashMap::new();
    if rows.is_empty() {
        return Ok(out);
    }
    let mut sql = QueryBuilder::new(
        "SELECT outbox_id, attempt, transport, started_at, finished_at, result, error \
         FROM delivery_attempts WHERE account_id = ",
    );
    sql.push_bind(account_id).push(" AND outbox_id IN (");
    let mut list = sql.separated(", ");
    for row in rows {
        list.push_bind(row.id);
    }
    sql.push(") ORDER BY outbox_id, attempt, id");
    let found: Vec<AttemptRow> = sql.build_query_as().fetch_all(&ctx.pool).await.map_err(ctx.db_error())?;
    for attempt in found {
        out.entry(attempt.outbox_id).or_default().push(attempt);
    }
    Ok(out)
}

/// Turns stored rows into what the citizen reads, in their language and local time.
struct View {
    locale: Locale,
    now: i64,
}

impl View {
    fn in_app(&self, m: &MessageRow) -> ChannelDelivery {
        let (status, summary) = if m.archived {
            (DeliveryStatus::Archived, self.archived())
        } else {
            (
                DeliveryStatus::Sent,
                self.locale.pick("Доставлено в Кабинет", "Delivered to the app").to_owned(),
            )
        };
        ChannelDelivery {
            channel: Channel::InApp,
            destination: None,
            status,
            at: Some(rfc3339(m.created_at)),
            held_until: None,
            held_until_local: None,
            hold_reason: None,
            suppressed: None,
            error: None,
            next_attempt_at: None,
            attempts: Vec::new(),
            summary,
        }
    }

    fn delivery(&self, row: &OutboxRow, tries: &[AttemptRow]) -> ChannelDelivery {
        let channel = Channel::parse(&row.channel);
        let status = self.status(row);
        let hold_reason = match row.routed.as_str() {
            "quiet_hours" => Some(HoldReason::QuietHours),
            "working_hours" => Some(HoldReason::WorkingHours),
            _ => None,
        };
        let suppressed = match (status, row.routed.as_str()) {
            (DeliveryStatus::Suppressed, "no_address") => Some(SuppressReason::NoAddress),
            (DeliveryStatus::Suppressed, _) => Some(SuppressReason::Settings),
            _ => None,
        };
        let at = match status {
            DeliveryStatus::Sent => row.delivered_at,
            DeliveryStatus::Failed => tries.last().and_then(|t| t.finished_at),
            _ => None,
        };
        let waiting_retry = status == DeliveryStatus::Pending && row.attempts > 0;
        ChannelDelivery {
            channel,
            destination: (matches!(channel, Channel::Email | Channel::Sms) && !row.destination.is_empty())
                .then(|| row.destination.clone()),
            status,
            at: at.map(rfc3339),
            held_until: row.held_until.map(rfc3339),
            held_until_local: row.held_until.map(|t| local(t).0),
            hold_reason,
            suppressed,
            error: row.last_error.clone(),
            next_attempt_at: waiting_retry.then(|| rfc3339(row.next_attempt_at)),
            attempts: tries.iter().map(attempt).collect(),
            summary: self.summary(row, channel, status, hold_reason, at),
        }
    }

    fn status(&self, row: &OutboxRow) -> DeliveryStatus {
        match (row.status.as_str(), row.routed.as_str()) {
            ("suppressed", "only_important") => DeliveryStatus::Archived,
            ("suppressed", _) => DeliveryStatus::Suppressed,
            ("delivered", _) => DeliveryStatus::Sent,
            ("failed", _) => DeliveryStatus::Failed,
            ("sending", _) => DeliveryStatus::Sending,
            _ if row.attempts == 0 && row.held_until.is_some_and(|t| t > self.now) => DeliveryStatus::Held,
            _ => DeliveryStatus::Pending,
        }
    }

    fn summary(
        &self,
        row: &OutboxRow,
        channel: Channel,
        status: DeliveryStatus,
        hold: Option<HoldReason>,
        at: Option<i64>,
    ) -> String {
        let l = self.locale;
        let error = row.last_error.as_deref().unwrap_or_default();
        match status {
            DeliveryStatus::Sent => {
                format!("{} {}", l.pick("Отправлено", "Sent"), self.when(at.unwrap_or(self.now)))
            }
            DeliveryStatus::Failed => format!("{}: {error}", l.pick("Не доставлено", "Not delivered")),
            DeliveryStatus::Sending => l.pick("Отправляется", "Sending").to_owned(),
            DeliveryStatus::Held => {
                let why = match hold {
                    Some(HoldReason::WorkingHours) => l.pick("только в рабочее время", "working hours only"),
                    _ => l.pick("тихие часы", "quiet hours"),
                };
                let until = row.held_until.unwrap_or(self.now);
                format!(
                    "{} ({why}) {} {}",
                    l.pick("Отложено", "Held"),
                    l.pick("до", "until"),
                    self.when(until)
                )
            }
            DeliveryStatus::Pending if row.attempts > 0 => format!(
                "{}: {error}; {} {}",
                l.pick("Ошибка", "Failed"),
                l.pick("повтор", "retry"),
                self.when(row.next_attempt_at)
            ),
            DeliveryStatus::Pending if channel == Channel::Desktop => {
                l.pick("Ожидает показа в приложении", "Waiting for the app to show it").to_owned()
            }
            DeliveryStatus::Pending => l.pick("В очереди на отправку", "Queued").to_owned(),
            DeliveryStatus::Suppressed if row.routed == "no_address" => match channel {
                Channel::Sms => {
                    l.pick("Не отправлялось: нет подтверждённого телефона", "Not sent: no confirmed phone")
                }
                _ => l.pick("Не отправлялось: нет подтверждённого e-mail", "Not sent: no confirmed e-mail"),
            }
            .to_owned(),
            DeliveryStatus::Suppressed => l
                .pick("Не отправлялось: отключено в настройках", "Not sent: switched off in the settings")
                .to_owned(),
            DeliveryStatus::Archived => self.archived(),
        }
    }

    fn archived(&self) -> String {
        self.locale.pick("В архиве («Только важные»)", "Archived («Только важные»)").to_owned()
    }

    /// `ЧЧ:ММ` for today, `ЧЧ:ММ ДД.ММ.ГГГГ` otherwise, in the machine's local time.
    fn when(&self, unix: i64) -> String {
        let (time, date) = local(unix);
        if date == local(self.now).1 { time } else { format!("{time} {date}") }
    }
}

/// Unix seconds as local `ЧЧ:ММ` and `ДД.ММ.ГГГГ`.
fn local(unix: i64) -> (String, String) {
    let at = OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let at = at.to_offset(local_offset(at));
    (format!("{:02}:{:02}", at.hour(), at.minute()), crate::validate::dotted_date(at.date()))
}

fn attempt(row: &AttemptRow) -> DeliveryAttempt {
    DeliveryAttempt {
        attempt: row.attempt.clamp(0, i64::from(u32::MAX)) as u32,
        transport: row.transport.clone(),
        at: rfc3339(row.started_at),
        result: match row.result.as_str() {
            "sent" => AttemptResult::Sent,
            "failed" => AttemptResult::Failed,
            "interrupted" => AttemptResult::Interrupted,
            _ => AttemptResult::Sending,
        },
        error: row.error.clone(),
    }
}
