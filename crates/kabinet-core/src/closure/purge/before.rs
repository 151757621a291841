//! Between closing and purging, the account's phone, e-mail and СНИЛС still belong to it: a
//! registration (or a profile) that wants one is refused with what the person can do — restore
//! the account until its restoration date, or wait for the purge date, after which the
//! identifier is free.

use crate::db::Conn;

use crate::context::{Context, rfc3339};
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::fields::Field;
use crate::validate::Invalid;

#[derive(sqlx::FromRow)]
struct Closed {
    closed_at: i64,
    restore_until: i64,
    purge_at: i64,
    by_staff: i64,
}

/// Refuses `field`'s value when its holder is a closed account, naming the dates; lets any
/// other holder through for the caller's own refusal.
pub(crate) async fn refuse_closed_holder(
    ctx: &Context,
    conn: &mut Conn,
    holder: i64,
    field: Field,
) -> ApiResult<()> {
    let closed: Option<Closed> = crate::db::query_as(
        "SELECT c.closed_at, c.restore_until, c.purge_at, c.by_staff FROM accounts a \
         JOIN closures c ON c.account_id = a.id WHERE a.id = ? AND a.status = 'closed'",
    )
    .bind(holder)
    .fetch_optional(conn)
    .await
    .map_err(ctx.db_error())?;
    match closed {
        Some(closed) => Err(refusal(ctx, field, &closed)),
        None => Ok(()),
    }
}

fn refusal(ctx: &Context, field: Field, closed: &Closed) -> ApiError {
    let locale = ctx.locale();
    let restorable = closed.restore_until > ctx.now();
    let holder = match field {
        Field::Email => locale.pick("Этот адрес электронной почты", "This e-mail address"),
        Field::Snils => locale.pick("Этот СНИЛС", "This СНИЛС"),
        _ => locale.pick("Этот номер", "This number"),
    };
    let until = super::super::day(ctx, closed.restore_until);
    let purge = super::super::day(ctx, closed.purge_at);
    let next = match (restorable, closed.by_staff != 0) {
        (true, false) => locale
            .pick(
                "восстановление возможно до {until}, данные будут удалены {purge}",
                "it can be restored until {until}; its data will be deleted on {purge}",
            )
            .replace("{until}", &until),
        (true, true) => locale
            .pick(
                "восстановление через оператора возможно до {until}, данные будут удалены {purge}",
                "an operator can restore it until {until}; its data will be deleted on {purge}",
            )
            .replace("{until}", &until),
        (false, _) => locale
            .pick(
                "данные будут удалены {purge}, после этого его можно будет зарегистрировать заново",
                "its data will be deleted on {purge}, after which it can be registered again",
            )
            .to_owned(),
    };
    let message = format!(
        "{holder} {}: {}",
        locale.pick("принадлежит закрытому кабинету", "belongs to a closed account"),
        next.replace("{purge}", &purge)
    );
    let mut error = ApiError::with_message(ErrorCode::IdentifierOfClosedAccount, message.clone());
    error.fields = vec![FieldError { field, code: Invalid::Taken, message, key: None }];
    error.details.closed_on = Some(rfc3339(closed.closed_at));
    error.details.restore_until = restorable.then(|| rfc3339(closed.restore_until));
    error.details.purge_at = Some(rfc3339(closed.purge_at));
    error
}
