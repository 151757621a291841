//! The SQL of «Мои заявления»: numbering, rows, status events.
//!
//! Statuses are decoded here as [`ApplicationStatus`] and bound as it (a `sqlx::Type` with the
//! stored snake_case codes), so no other code reads or writes them as text.

use crate::db::Conn;

use crate::context::{Context, rfc3339};
use crate::error::ApiResult;
use crate::i18n::Locale;

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
    pub form: String,
    pub submitted_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    status: ApplicationStatus,
    comment: Option<String>,
    actor: String,
}

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

/// Writes a new application «Принято» with its first event.
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
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(account_id)
    .bind(number)
    .bind(service)
    .bind(ApplicationStatus::Accepted)
    .bind(form)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *conn)
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

async fn record(
    ctx: &Context,
    conn: &mut Conn,
    id: i64,
    status: ApplicationStatus,
    comment: Option<&str>,
    actor: &str,
) -> ApiResult<()> {
    crate::db::query(
        "INSERT INTO application_events (application_id, account_id, at, status, comment, actor) \
         VALUES (?1, (SELECT account_id FROM applications WHERE id = ?1), ?2, ?3, ?4, ?5)",
    )
    .bind(id)
    .bind(ctx.now())
    .bind(status)
    .bind(comment)
    .bind(actor)
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

/// The history of one application, oldest first.
pub async fn history(ctx: &Context, account_id: i64, id: i64) -> ApiResult<Vec<StatusChange>> {
    let rows: Vec<EventRow> = crate::db::query_as(
        "SELECT at, status, comment, actor FROM application_events WHERE account_id = ? AND application_id = ? \
         ORDER BY id",
    )
    .bind(account_id)
    .bind(id)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let locale = ctx.locale();
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = r.status;
            StatusChange {
                status,
                status_label: status.label(locale).to_owned(),
                at: rfc3339(r.at),
                comment: r.comment,
                actor: r.actor,
            }
        })
        .collect())
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

    /// The whole application with its history.
    pub async fn detail(&self, ctx: &Context) -> ApiResult<ApplicationDetail> {
        Ok(ApplicationDetail {
            summary: self.summary(ctx.locale()),
            agency: catalogue::find(&self.service).map(|s| s.agency.clone()).unwrap_or_default(),
            form: serde_json::from_str(&self.form).unwrap_or_default(),
            history: history(ctx, self.account_id, self.id).await?,
        })
    }
}
