//! «Проверить статус»: the account's status with the open or last request and the closed state.

use crate::context::{Context, rfc3339};
use crate::contract::AccountStatus;
use crate::db::Conn;
use crate::documents::ClosureReason;
use crate::error::ApiResult;
use crate::i18n::Locale;

use super::store::{self, ClosedRow, Flag, Flags, RequestRow};
use super::types::{ClosedView, ClosureRequestView, ClosureStatus, RequestStatus};
use super::{iso_to_day, reason_of};

/// The status of `account_id`.
pub async fn status(ctx: &Context, account_id: i64) -> ApiResult<ClosureStatus> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let status = crate::accounts::status(ctx, &mut conn, account_id).await?;
    let request = match store::last_request(ctx, &mut conn, account_id).await? {
        Some(r) => {
            let typed = typed_reason(ctx, &mut conn, &r).await?;
            Some(request_view(ctx, &r, typed))
        }
        None => None,
    };
    let closed = store::closed(ctx, &mut conn, account_id).await?;
    let locale = ctx.locale();
    Ok(ClosureStatus {
        status,
        status_label: label(status, locale).to_owned(),
        request,
        closed: closed.map(|c| closed_view(&c)),
    })
}

fn label(status: AccountStatus, locale: Locale) -> &'static str {
    match status {
        AccountStatus::Active => locale.pick("Активен", "Active"),
        AccountStatus::PendingClosure => locale.pick("Ожидает закрытия", "Waiting to be closed"),
        AccountStatus::Closed => locale.pick("Закрыт", "Closed"),
        AccountStatus::Purged => locale.pick("Удалён", "Deleted"),
    }
}

/// The citizen's own words, when the status shows them (only for «Иное»): the account's key is
/// loaded for nothing else.
async fn typed_reason(ctx: &Context, conn: &mut Conn, r: &RequestRow) -> ApiResult<Option<String>> {
    if reason_of(&r.reason).0 != ClosureReason::Other {
        return Ok(None);
    }
    r.reason_text(ctx, conn).await
}

fn request_view(ctx: &Context, r: &RequestRow, typed: Option<String>) -> ClosureRequestView {
    let locale = ctx.locale();
    let status = r.status;
    let (reason, _) = reason_of(&r.reason);
    let reason_label = match (typed, reason) {
        (Some(text), ClosureReason::Other) => text,
        _ => reason.label().to_owned(),
    };
    let now = ctx.now();
    let pending = match (status, r.auto_close_at) {
        (RequestStatus::Pending, Some(at)) => format!(
            "{} {}, {}",
            locale.pick("Кабинет будет закрыт", "The account will be closed"),
            moment(at),
            locale.pick("если не отозвать заявление", "unless you withdraw the request")
        ),
        (RequestStatus::Review, _) => format!(
            "{} ({}), {} {}",
            locale.pick("Проверка оператором", "An operator checks it"),
            flags_text(&r.flags, locale),
            locale.pick("решение — до", "decision by"),
            iso_to_day(&r.deadline)
        ),
        _ => String::new(),
    };
    let calendar_notices = crate::calendar::WorkingCalendar::bundled()
        .add_working_days(super::local(r.submitted_at), u32::try_from(r.working_days).unwrap_or(2))
        .map(|d| d.notices(locale))
        .unwrap_or_default();
    ClosureRequestView {
        number: r.number.clone(),
        status,
        status_label: status_label(status, locale).to_owned(),
        reason,
        reason_label,
        submitted_at: rfc3339(r.submitted_at),
        deadline: iso_to_day(&r.deadline),
        working_days: u32::try_from(r.working_days).unwrap_or(2),
        auto_close_at: r.auto_close_at.map(rfc3339),
        pending,
        can_withdraw: matches!(status, RequestStatus::Pending | RequestStatus::Review)
            && r.auto_close_at.is_none_or(|at| at > now),
        application_number: r.application_number.clone(),
        blank_number: r.blank_number.clone(),
        calendar_notices,
    }
}

fn status_label(status: RequestStatus, locale: Locale) -> &'static str {
    match status {
        RequestStatus::Pending => locale.pick("Ожидает закрытия", "Waiting to be closed"),
        RequestStatus::Review => locale.pick("На проверке у оператора", "Checked by an operator"),
        RequestStatus::Withdrawn => locale.pick("Отозвано", "Withdrawn"),
        RequestStatus::Rejected => locale.pick("Отклонено", "Rejected"),
        RequestStatus::Closed => locale.pick("Исполнено: кабинет закрыт", "Done: the account is closed"),
    }
}

fn closed_view(c: &ClosedRow) -> ClosedView {
    ClosedView {
        closed_at: rfc3339(c.closed_at),
        restore_until: rfc3339(c.restore_until),
        purge_at: rfc3339(c.purge_at),
        by_staff: c.by_staff != 0,
        confirmation_number: c.confirmation_number.clone(),
    }
}

/// ДД.ММ.ГГГГ ЧЧ:ММ in the machine's zone.
fn moment(at: i64) -> String {
    let t = super::local(at);
    format!("{} {:02}:{:02}", crate::validate::dotted_date(t.date()), t.hour(), t.minute())
}

fn flags_text(flags: &Flags, locale: Locale) -> String {
    flags
        .0
        .iter()
        .map(|flag| match flag {
            Flag::SecurityIncident => locale.pick("сообщение «Это был не я»", "a «This was not me» report"),
            Flag::DebtAppeared => locale.pick("появилась задолженность", "a debt appeared"),
            Flag::IdentityMismatch => locale.pick("не подтверждена личность", "identity not confirmed"),
            Flag::StaffInitiated => locale.pick("решение сотрудника", "a staff decision"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
