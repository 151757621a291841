//! «Мои заявления»: the service catalogue, forms prefilled from the profile, submission,
//! cancellation with a reason, and the status history.
//!
//! Rules: a citizen submits only while the account is «Активен» (a pending closure stops new
//! applications); only unfinished applications (Принято, На рассмотрении, Требуются документы)
//! can be cancelled, with a reason of 3–500 characters; every move is an event with time, comment
//! and who, written in the same transaction as the status and its notification. Operators' moves
//! are in [`crate::casework`]: the CLI now, the staff console later.

pub mod catalogue;
mod status;
pub(crate) mod store;
pub mod types;

use crate::auth::Authed;
use crate::context::Context;
use crate::contract::AccountStatus;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fault;
use crate::fields::Field;
use crate::notifications::publish::{self, Event};
use crate::profile;
use crate::validate::Invalid;

use types::*;

/// Shortest reason for a cancellation.
const REASON_MIN: usize = 3;
/// Longest reason or comment.
pub(crate) const REASON_MAX: usize = 500;

/// «Мои заявления» of the signed-in citizen.
pub struct Applications<'a> {
    pub(crate) ctx: &'a Context,
}

impl Applications<'_> {
    /// The services one can apply for.
    pub async fn catalogue(&self, _caller: &crate::auth::Caller) -> ApiResult<Vec<ServiceSummary>> {
        Ok(catalogue::services().iter().map(|s| s.summary(self.ctx.locale())).collect())
    }

    /// A service's form, prefilled from the profile.
    pub async fn form(&self, me: &Authed, request: ServiceRequest) -> ApiResult<ServiceForm> {
        let authed = me;
        let service = self.service(&request.service)?;
        let profile = profile::of_account(self.ctx, authed.account_id).await?;
        Ok(service.form(&profile, self.ctx.locale()))
    }

    /// «Подать заявление»: judged field by field, then «Принято» with its notification.
    pub async fn submit(&self, me: &Authed, request: SubmitApplication) -> ApiResult<ApplicationDetail> {
        let ctx = self.ctx;
        let authed = me;
        let service = self.service(&request.service)?;
        let form = service.check(&request.fields).map_err(|failures| {
            let labelled = failures
                .into_iter()
                .map(|(key, reason)| {
                    let label = service.label(&key, ctx.locale()).unwrap_or(&key).to_owned();
                    (key, label, reason)
                })
                .collect();
            ApiError::form_fields(labelled, ctx.locale())
        })?;
        let mut tx = ctx.write().await?;
        ensure_active(ctx, &mut tx, authed.account_id).await?;
        let number = store::next_number(ctx, &mut tx).await?;
        store::insert(ctx, &mut tx, authed.account_id, &number, &service.code, &form).await?;
        let name = service.name(ctx.locale()).to_owned();
        tell(
            ctx,
            &mut tx,
            authed.account_id,
            &number,
            &service.code,
            &name,
            ApplicationStatus::Accepted,
            None,
        )
        .await?;
        tx.commit().await.map_err(ctx.db_error())?;
        fault::crash_point("after_commit");
        crate::delivery::kick(ctx).await;
        self.get(me, ApplicationRequest { number }).await
    }

    /// Every application, newest first.
    pub async fn list(&self, me: &Authed) -> ApiResult<Vec<ApplicationSummary>> {
        let authed = me;
        let rows = store::of_account(self.ctx, authed.account_id).await?;
        Ok(rows.iter().map(|r| r.summary(self.ctx.locale())).collect())
    }

    /// One application with its form and history.
    pub async fn get(&self, me: &Authed, request: ApplicationRequest) -> ApiResult<ApplicationDetail> {
        let ctx = self.ctx;
        let authed = me;
        let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
        let row = store::by_number(ctx, &mut conn, &request.number)
            .await?
            .filter(|r| r.account_id == authed.account_id)
            .ok_or_else(|| not_found(ctx))?;
        drop(conn);
        row.detail(ctx).await
    }

    /// «Отменить заявление» with a reason; only an unfinished one.
    pub async fn cancel(&self, me: &Authed, request: CancelApplication) -> ApiResult<ApplicationDetail> {
        let ctx = self.ctx;
        let authed = me;
        let reason = reason(&request.reason, Field::Reason).map_err(|e| e.localise(ctx))?;
        let mut tx = ctx.write().await?;
        let row = store::by_number(ctx, &mut tx, &request.number)
            .await?
            .filter(|r| r.account_id == authed.account_id)
            .ok_or_else(|| not_found(ctx))?;
        if !row.status().is_unfinished() {
            return Err(finished(ctx));
        }
        store::set_status(ctx, &mut tx, row.id, ApplicationStatus::Cancelled, Some(&reason), "citizen")
            .await?;
        let name = row.summary(ctx.locale()).service_name;
        tell(
            ctx,
            &mut tx,
            row.account_id,
            &row.number,
            &row.service,
            &name,
            ApplicationStatus::Cancelled,
            Some(&reason),
        )
        .await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        self.get(me, ApplicationRequest { number: row.number }).await
    }

    fn service(&self, code: &str) -> ApiResult<&'static catalogue::Service> {
        catalogue::find(code.trim())
            .ok_or_else(|| ApiError::field(Field::Service, Invalid::ServiceUnknown, self.ctx.locale()))
    }
}

/// A reason or comment judged: 3–500 characters after trimming.
pub(crate) fn reason(text: &str, field: Field) -> Result<String, (Field, Invalid)> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err((field, Invalid::Required)),
        n if n < REASON_MIN => Err((field, Invalid::TooShort)),
        n if n > REASON_MAX => Err((field, Invalid::TooLong)),
        _ => Ok(text.to_owned()),
    }
}

/// Turns a field failure into the localised error.
pub(crate) trait Localise {
    /// The error in the context's language.
    fn localise(self, ctx: &Context) -> ApiError;
}

impl Localise for (Field, Invalid) {
    fn localise(self, ctx: &Context) -> ApiError {
        ApiError::field(self.0, self.1, ctx.locale())
    }
}

/// The account may start something new only while «Активен».
pub(crate) async fn ensure_active(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    account_id: i64,
) -> ApiResult<()> {
    let status: Option<AccountStatus> = crate::db::query_scalar("SELECT status FROM accounts WHERE id = ?")
        .bind(account_id)
        .fetch_optional(conn)
        .await
        .map_err(ctx.db_error())?;
    if status == Some(AccountStatus::Active) {
        return Ok(());
    }
    Err(ApiError::with_message(
        ErrorCode::WrongState,
        ctx.locale().pick(
            "Пока личный кабинет ожидает закрытия, новые заявления подать нельзя",
            "While the account is waiting to be closed, no new applications can be submitted",
        ),
    ))
}

/// Tells the citizen about a move, in the transaction of the move.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn tell(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    account_id: i64,
    number: &str,
    service: &str,
    service_name: &str,
    status: ApplicationStatus,
    comment: Option<&str>,
) -> ApiResult<()> {
    let locale = ctx.locale();
    let title = format!("{} № {number}: {}", locale.pick("Заявление", "Application"), status.label(locale));
    let body = match comment {
        Some(comment) => format!("{service_name}. {comment}"),
        None => format!("{service_name}."),
    };
    let event = Event {
        event: status.event(),
        kind: status.event().as_str(),
        service: Some(service),
        title: &title,
        body: &body,
    };
    publish::publish(ctx, conn, account_id, event).await.map(|_| ())
}

pub(crate) fn not_found(ctx: &Context) -> ApiError {
    ApiError::with_message(
        ErrorCode::NotFound,
        ctx.locale().pick("Заявление с таким номером не найдено", "No application with this number"),
    )
}

fn finished(ctx: &Context) -> ApiError {
    ApiError::with_message(
        ErrorCode::WrongState,
        ctx.locale().pick(
            "Заявление уже завершено, отклонено или отменено — отменить его нельзя",
            "The application is already finished, refused or cancelled — it cannot be cancelled",
        ),
    )
}
