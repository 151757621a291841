//! Restoration within 30 days of closing. Self-closed: the password, a code sent to the phone
//! and the passport number on file bring the account back at once. Closed by staff, or with no
//! passport on file to compare: the request goes to the operator queue. Open debts block it
//! with the list. Restoring makes the account «Активен»; the citizen signs in again.

use zeroize::Zeroizing;

use crate::accounts::{find_account, parse_identifier};
use crate::context::Context;
use crate::contract::AccountStatus;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::notifications::publish::{self, Event};
use crate::notifications::types::EventType;
use crate::otp::{self, Purpose};
use crate::outbox::Channel;
use crate::signin;
use crate::validate::{self, Invalid};

use super::Closure;
use super::store::{self, ClosedRow, QueueKind};
use super::types::{RestoreComplete, RestoreOutcome, RestoreStart};

/// Step 1.
pub async fn start(closure: &Closure<'_>, request: RestoreStart) -> ApiResult<RestoreOutcome> {
    let ctx = closure.ctx;
    let (account_id, closed) = restorable(closure, &request.identifier, &request.password).await?;
    if closed.by_staff != 0 || !has_passport(ctx, account_id).await? {
        return to_operator(ctx, account_id).await;
    }
    let phone = super::person(ctx, account_id).await?.phone;
    crate::profile::send_code(ctx, account_id, Purpose::Restore, Channel::Sms, &phone).await?;
    Ok(RestoreOutcome::CodeSent)
}

/// Step 2.
pub async fn complete(closure: &Closure<'_>, request: RestoreComplete) -> ApiResult<RestoreOutcome> {
    let ctx = closure.ctx;
    let passport = validate::passport_number(&request.passport)
        .map_err(|reason| ApiError::field(Field::Passport, reason, ctx.locale()))?;
    let (account_id, closed) = restorable(closure, &request.identifier, &request.password).await?;
    if closed.by_staff != 0 {
        return to_operator(ctx, account_id).await;
    }
    let phone = super::person(ctx, account_id).await?.phone;
    let mut tx = ctx.write().await?;
    if let Err(refused) = otp::verify(ctx, &mut tx, Purpose::Restore, &phone, request.code.trim()).await {
        tx.commit().await.map_err(ctx.db_error())?;
        return Err(refused);
    }
    if passport_on_file(ctx, &mut tx, account_id).await?.as_deref() != Some(passport.as_str()) {
        tx.commit().await.map_err(ctx.db_error())?;
        return Err(ApiError::field(Field::Passport, Invalid::PassportMismatch, ctx.locale()));
    }
    reopen(ctx, &mut tx, account_id).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    crate::delivery::kick(ctx).await;
    Ok(RestoreOutcome::Restored)
}

/// Makes a closed account active again, in the caller's transaction.
pub(crate) async fn reopen(ctx: &Context, conn: &mut crate::db::Conn, account_id: i64) -> ApiResult<()> {
    if crate::accounts::status(ctx, conn, account_id).await? != AccountStatus::Closed {
        return Err(ApiError::with_message(
            ErrorCode::WrongState,
            ctx.locale().pick("Кабинет не закрыт", "The account is not closed"),
        ));
    }
    crate::accounts::set_status(ctx, conn, account_id, AccountStatus::Active).await?;
    crate::db::query("DELETE FROM closures WHERE account_id = ?")
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    store::resolve_queue(ctx, conn, account_id, QueueKind::Restoration, "restored").await?;
    let locale = ctx.locale();
    let title = locale.pick("Личный кабинет восстановлен", "Your account is restored").to_owned();
    let body = locale.pick("Войдите с прежним паролем.", "Sign in with your password.").to_owned();
    let event = Event {
        event: EventType::AccountRestored,
        kind: "account_restored",
        service: None,
        title: &title,
        body: &body,
    };
    publish::publish(ctx, conn, account_id, event).await.map(|_| ())
}

/// The «Подтверждение закрытия» of the closed account of `identifier` whose password is right
/// (checked under the sign-in lockout), until the purge.
pub async fn confirmation(
    closure: &Closure<'_>,
    request: &RestoreStart,
) -> ApiResult<(String, crate::documents::DocumentKind, Vec<u8>)> {
    let ctx = closure.ctx;
    let identifier = parse_identifier(ctx, &request.identifier)?;
    let found = find_account(ctx, &identifier).await?;
    let password = Zeroizing::new(request.password.trim().to_owned());
    let (account_id, _) = signin::check_password(ctx, closure.gate, found, password).await?;
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let mut number = store::closed(ctx, &mut conn, account_id).await?.and_then(|c| c.confirmation_number);
    if number.is_none() && crate::accounts::status(ctx, &mut conn, account_id).await? == AccountStatus::Closed
    {
        // Closed by staff: the «Акт о закрытии» is its confirmation.
        number = crate::db::query_scalar(
            "SELECT number FROM documents WHERE account_id = ? AND kind = 'closure_act' ORDER BY created_at DESC, id DESC",
        )
        .bind(account_id)
        .fetch_optional(&mut conn)
        .await
        .map_err(ctx.db_error())?;
    }
    drop(conn);
    let Some(number) = number else {
        return Err(ApiError::with_message(
            ErrorCode::NotFound,
            ctx.locale().pick(
                "Подтверждения закрытия нет: кабинет не закрыт",
                "There is no closing confirmation: the account is not closed",
            ),
        ));
    };
    let found = crate::documents::registry::owned(ctx, &number, account_id).await?;
    match found {
        Some((kind, Some(bytes))) => Ok((number, kind, bytes)),
        _ => Err(ctx.error(ErrorCode::NotFound)),
    }
}

/// The closed, still restorable account of `identifier` whose password is right.
async fn restorable(closure: &Closure<'_>, identifier: &str, password: &str) -> ApiResult<(i64, ClosedRow)> {
    let ctx = closure.ctx;
    let identifier = parse_identifier(ctx, identifier)?;
    let found = find_account(ctx, &identifier).await?;
    let password = Zeroizing::new(password.trim().to_owned());
    let (account_id, _) = signin::check_password(ctx, closure.gate, found, password).await?;
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let closed = store::closed(ctx, &mut conn, account_id).await?;
    let Some(closed) = closed.filter(|c| c.restore_until > ctx.now()) else {
        return Err(ApiError::with_message(
            ErrorCode::WrongState,
            ctx.locale().pick("Этот кабинет нельзя восстановить", "This account cannot be restored"),
        ));
    };
    let debts = store::open_debts(ctx, &mut conn, account_id).await?;
    if debts > 0 {
        let list = crate::debts::list_of(ctx, account_id).await?;
        let items: Vec<String> = list
            .debts
            .iter()
            .filter(|d| d.status != crate::applications::types::DebtStatus::Paid)
            .map(|d| format!("{}: {}, {}", d.kind_label, d.agency, d.amount_text))
            .collect();
        let head = ctx
            .locale()
            .pick("Восстановление невозможно: есть задолженности", "Cannot restore: there are debts");
        return Err(ApiError::with_message(
            ErrorCode::ClosureBlocked,
            format!("{head} — {}", items.join("; ")),
        ));
    }
    Ok((account_id, closed))
}

async fn has_passport(ctx: &Context, account_id: i64) -> ApiResult<bool> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    Ok(passport_on_file(ctx, &mut conn, account_id).await?.is_some())
}

/// The passport series and number the account keeps (digits only), if any: what a restoration
/// compares the one presented with.
pub(crate) async fn passport_on_file(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    account_id: i64,
) -> ApiResult<Option<String>> {
    let number: Option<Option<String>> =
        crate::db::query_scalar("SELECT passport_number FROM profiles WHERE account_id = ?")
            .bind(account_id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    let Some(sealed) = number.flatten() else { return Ok(None) };
    let key = crate::sealing::account_key(ctx, conn, account_id).await?;
    key.open("profiles.passport_number", account_id, &sealed).map(Some).map_err(ctx.unreadable())
}

async fn to_operator(ctx: &Context, account_id: i64) -> ApiResult<RestoreOutcome> {
    let mut tx = ctx.write().await?;
    let open: i64 = crate::db::query_scalar(
        "SELECT count(*) FROM operator_queue WHERE account_id = ? AND kind = 'restoration' AND resolved_at IS NULL",
    )
    .bind(account_id)
    .fetch_one(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    if open == 0 {
        let due = super::deadline(ctx, ctx.now(), 5);
        store::enqueue_for_operator(ctx, &mut tx, QueueKind::Restoration, account_id, None, &due).await?;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(RestoreOutcome::SentToOperator)
}
