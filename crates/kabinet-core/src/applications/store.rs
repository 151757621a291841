//! The SQL of «Мои заявления»: numbering, rows, status events.
//!
//! Statuses are decoded here as [`ApplicationStatus`] and bound as it (a `sqlx::Type` with the
//! stored snake_case codes), so no other code reads or writes them as text.
//!
//! The form as submitted and the events' comments are the citizen's affairs, so they are stored
//! sealed under the account's key (issue 16) — bound to their row's id, written after the row —
//! and opened here in Rust; a purge deleting the key leaves every surviving copy unreadable.

use crate::db::Conn;

use crate::context::{Context, rfc3339};
use crate::error::ApiResult;
use crate::i18n::Locale;
use crate::sealing::Sealer;

use super::catalogue;
use super::types::{ApplicationDetail, ApplicationStatus, ApplicationSummary, StatusChange, SubmittedField};

/// One stored application.
#[derive(sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub account_id: i64,
    pub number: String,
    pub service: String,
    pub status: ApplicationStatus,
    /// The form as stored: JSON sealed under the account's key, opened by [`Row::detail`].
    pub form: String,
    pub submitted_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    at: i64,
    status: ApplicationStatus,
    comment: Option<String>,
    actor: String,
}

/// The associated-data name of an application's form.
pub(crate) const FORM: &str = "applications.form";
/// The associated-data name of an event's comment.
pub(crate) const COMMENT: &str = "application_events.comment";

macro_rules! app_columns {
    () => {
        "id, account_id, number, service, status, form, submitted_at, updated_at"
    };
}

/// The next «Номер заявления» of the year of `now`: `2026-000123`, gap-free per year.
pub async fn next_number(ctx: &Context, conn: &mut Conn) -> ApiResult<String> {
    let year = time::OffsetDateTime::from_unix_timestamp(ctx.now()).map(|t| t.year()).unwrap_or(1970);
    let last: i64 = crate::db::query_scalar(
        "INSERT INTO application_counters (year, last) VALUES (?, 1) \
         ON CONFLICT (year) DO UPDATE SET last = application_counters.last + 1 RETURNING last",
    )
    .bind(year)
    .fetch_one(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(format!("{year}-{last:06}"))
}

/// Writes a new application «Принято» with its first event; the form is sealed to the row's id,
/// so the row comes first and the form after it, in the caller's transaction.
pub async fn insert(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    number: &str,
    service: &str,
    form: &[SubmittedField],
) -> ApiResult<i64> {
    let now = ctx.now();
    let form = serde_json::to_string(form).unwrap_or_else(|_| "[]".to_owned());
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO applications (account_id, number, service, status, form, submitted_at, updated_at) \
         VALUES (?, ?, ?, ?, '', ?, ?) RETURNING id",
    )
    .bind(account_id)
    .bind(number)
    .bind(service)
    .bind(ApplicationStatus::Accepted)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
    crate::db::query("UPDATE applications SET form = ? WHERE id = ?")
        .bind(key.seal(FORM, id, &form))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    record(ctx, conn, id, ApplicationStatus::Accepted, None, "citizen").await?;
    Ok(id)
}

/// Moves an application and records the move.
pub async fn set_status(
    ctx: &Context,
    conn: &mut Conn,
    id: i64,
    status: ApplicationStatus,
    comment: Option<&str>,
    actor: &str,
) -> ApiResult<()> {
    crate::db::query("UPDATE applications SET status = ?, updated_at = ? WHERE id = ?")
        .bind(status)
        .bind(ctx.now())
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    record(ctx, conn, id, status, comment, actor).await
}

/// Writes one event of application `id`; a comment is sealed to the event's id once it has one.
async fn record(
    ctx: &Context,
    conn: &mut Conn,
    id: i64,
    status: ApplicationStatus,
    comment: Option<&str>,
    actor: &str,
) -> ApiResult<()> {
    let (event, account_id): (i64, i64) = crate::db::query_as(
        "INSERT INTO application_events (application_id, account_id, at, status, comment, actor) \
         VALUES (?1, (SELECT account_id FROM applications WHERE id = ?1), ?2, ?3, NULL, ?4) \
         RETURNING id, account_id",
    )
    .bind(id)
    .bind(ctx.now())
    .bind(status)
    .bind(actor)
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let Some(comment) = comment else { return Ok(()) };
    let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
    crate::db::query("UPDATE application_events SET comment = ? WHERE id = ?")
        .bind(key.seal(COMMENT, event, comment))
        .bind(event)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

/// An application by number (of any account).
pub async fn by_number(ctx: &Context, conn: &mut Conn, number: &str) -> ApiResult<Option<Row>> {
    crate::db::query_as(concat!("SELECT ", app_columns!(), " FROM applications WHERE number = ?"))
        .bind(number.trim())
        .fetch_optional(conn)
        .await
        .map_err(ctx.db_error())
}

/// Every application of an account, newest first.
pub async fn of_account(ctx: &Context, account_id: i64) -> ApiResult<Vec<Row>> {
    crate::db::query_as(concat!(
        "SELECT ",
        app_columns!(),
        " FROM applications WHERE account_id = ? ORDER BY submitted_at DESC, id DESC"
    ))
    .bind(account_id)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())
}

/// The history of one application, oldest first, its comments opened with the account's `key`.
async fn history(ctx: &Context, key: &Sealer, account_id: i64, id: i64) -> ApiResult<Vec<StatusChange>> {
    let rows: Vec<EventRow> = crate::db::query_as(
        "SELECT id, at, status, comment, actor FROM application_events \
         WHERE account_id = ? AND application_id = ? ORDER BY id",
    )
    .bind(account_id)
    .bind(id)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let locale = ctx.locale();
    rows.into_iter()
        .map(|r| {
            let status = r.status;
            Ok(StatusChange {
                status,
                status_label: status.label(locale).to_owned(),
                at: rfc3339(r.at),
                comment: key.open_opt(COMMENT, r.id, r.comment.as_deref()).map_err(ctx.unreadable())?,
                actor: r.actor,
            })
        })
        .collect()
}

impl Row {
    /// The list entry.
    pub fn summary(&self, locale: Locale) -> ApplicationSummary {
        let status = self.status;
        ApplicationSummary {
            number: self.number.clone(),
            service: self.service.clone(),
            service_name: catalogue::find(&self.service)
                .map(|s| s.name(locale).to_owned())
                .unwrap_or_else(|| self.service.clone()),
            status,
            status_label: status.label(locale).to_owned(),
            submitted_at: rfc3339(self.submitted_at),
            updated_at: rfc3339(self.updated_at),
            unfinished: status.is_unfinished(),
        }
    }

    /// The status.
    pub fn status(&self) -> ApplicationStatus {
        self.status
    }

    /// The whole application with its history, the form and comments opened with one load of
    /// the account's key.
    pub async fn detail(&self, ctx: &Context) -> ApiResult<ApplicationDetail> {
        let key = crate::sealing::account_key(ctx, &ctx.pool, self.account_id).await?;
        let form = key.open(FORM, self.id, &self.form).map_err(ctx.unreadable())?;
        Ok(ApplicationDetail {
            summary: self.summary(ctx.locale()),
            agency: catalogue::find(&self.service).map(|s| s.agency.clone()).unwrap_or_default(),
            form: serde_json::from_str(&form).unwrap_or_default(),
            history: history(ctx, &key, self.account_id, self.id).await?,
        })
    }
}
