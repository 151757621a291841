//! «Закрыть профиль», the heart of Кабинет: status, pre-checks, the confirmed request with its
//! working-day deadline and PDFs, automatic processing of clean requests, closing, restoration,
//! and (in [`purge`]) the irreversible destruction at day 90.
//!
//! Rules (also in `docs/rules.md`, «Closure»):
//! - A request needs the password (checked under the sign-in lockout), a code sent to the phone
//!   (purpose «closure») and «Согласен на удаление персональных данных». Blocking pre-checks
//!   (unfinished applications, open debts, a request already open) refuse it with the list.
//! - Flags: an unresolved security incident («Это был не я») flags a request for an operator.
//!   Working days: 2 for a clean request, 10 for one flagged for a security incident, 5 for any
//!   other flag (a debt that appeared while it waited). The deadline is counted on the production
//!   calendar from the submission day (`calendar`).
//! - A clean request closes by itself 24 hours after submission and may be withdrawn until then;
//!   a flagged one goes to the operator queue and may be withdrawn until decided. Submitting
//!   moves the account to «Ожидает закрытия»; withdrawing brings it back to «Активен».
//! - The scheduler ([`jobs::run_due`]) runs at app start, every minute while the app runs, and
//!   from `kabinet-cli jobs run`; each transition re-reads its row inside its transaction, so
//!   running it twice, or after a crash, changes nothing more.
//! - Closed: sessions revoked, sign-in refused with «Кабинет закрыт {дата}; восстановление
//!   возможно до {дата}», restoration for 30 days, purge at day 90.

mod close;
pub mod desk;
pub mod forced;
pub mod jobs;
mod prechecks;
pub mod purge;
mod restore;
pub(crate) mod store;
pub mod types;
mod view;

use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::Kabinet;
use crate::auth::Authed;
use crate::calendar::WorkingCalendar;
use crate::context::{Context, rfc3339};
use crate::contract::{AccountStatus, CodeSent};
use crate::documents::{ClosureApplicationBlankInput, ClosureApplicationInput, ClosureReason, DocumentInput};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::notifications::publish::{self, Event};
use crate::notifications::types::EventType;
use crate::otp::{self, Purpose};
use crate::outbox::Channel;
use crate::signin::{self, Gate};
use crate::validate::Invalid;

pub use close::close_account;
use store::{Flag, Flags, Initiator, QueueKind};
use types::*;

pub(crate) const DAY: i64 = 24 * 3600;
/// A clean self-initiated request closes this long after submission.
pub const AUTO_CLOSE_AFTER: i64 = DAY;
/// Restoration is possible this many days after closing.
pub const RESTORE_DAYS: i64 = 30;
/// Personal data is destroyed this many days after closing.
pub const PURGE_AFTER_DAYS: i64 = 90;

/// «Закрыть профиль» of the signed-in citizen; restoration needs no session.
pub struct Closure<'a> {
    pub(crate) kabinet: &'a Kabinet,
    pub(crate) ctx: &'a Context,
    pub(crate) gate: &'a Gate,
}

impl Closure<'_> {
    /// «Проверить статус».
    pub async fn status(&self, me: &Authed) -> ApiResult<ClosureStatus> {
        let authed = me;
        view::status(self.ctx, authed.account_id).await
    }

    /// Step 2: what stops a closure.
    pub async fn prechecks(&self, me: &Authed) -> ApiResult<Prechecks> {
        let authed = me;
        let mut conn = self.ctx.pool.acquire().await.map_err(self.ctx.db_error())?;
        let open = store::open_request(self.ctx, &mut conn, authed.account_id).await?.is_some();
        drop(conn);
        prechecks::run(self.kabinet, me, open).await
    }

    /// Step 5: sends the confirmation code to the phone.
    pub async fn send_code(&self, me: &Authed) -> ApiResult<CodeSent> {
        let authed = me;
        let phone = person(self.ctx, authed.account_id).await?.phone;
        crate::profile::send_code(self.ctx, authed.account_id, Purpose::Closure, Channel::Sms, &phone).await
    }

    /// Step 5 → 6: the confirmed request; the account waits for closure.
    pub async fn submit(&self, me: &Authed, form: ClosureSubmit) -> ApiResult<ClosureStatus> {
        let ctx = self.ctx;
        let authed = me;
        let reason_text = check_form(ctx, &form)?;
        let checks = self.prechecks(me).await?;
        if !checks.can_continue {
            return Err(blocked(ctx, &checks));
        }
        let password = Zeroizing::new(form.password.trim().to_owned());
        // A password typed inside a session: it counts toward the lockout and is journalled as
        // `password_check_failed`, like every other in-session check (see `signin`).
        if !signin::check_password_in_session(ctx, self.gate, authed.account_id, password).await? {
            return Err(wrong_password(ctx));
        }
        let phone = person(ctx, authed.account_id).await?.phone;
        let mut tx = ctx.write().await?;
        if let Err(refused) = otp::verify(ctx, &mut tx, Purpose::Closure, &phone, form.code.trim()).await {
            tx.commit().await.map_err(ctx.db_error())?;
            return Err(refused);
        }
        if crate::accounts::status(ctx, &mut tx, authed.account_id).await? != AccountStatus::Active
            || store::open_request(ctx, &mut tx, authed.account_id).await?.is_some()
        {
            return Err(ApiError::with_message(ErrorCode::WrongState, open_already(ctx)));
        }
        let flags = if store::has_open_incident(ctx, &mut tx, authed.account_id).await? {
            Flags(vec![Flag::SecurityIncident])
        } else {
            Flags::default()
        };
        let id = insert_request(ctx, &mut tx, authed.account_id, form.reason, reason_text.as_deref(), &flags)
            .await?;
        crate::accounts::set_status(ctx, &mut tx, authed.account_id, AccountStatus::PendingClosure).await?;
        let request =
            store::request(ctx, &mut tx, id).await?.ok_or_else(|| ctx.error(ErrorCode::Internal))?;
        if !flags.is_clean() {
            store::enqueue_for_operator(
                ctx,
                &mut tx,
                QueueKind::ClosureReview,
                authed.account_id,
                Some(id),
                &request.deadline,
            )
            .await?;
        }
        tell_requested(ctx, &mut tx, &request).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::fault::crash_point("closure_after_submit");
        crate::delivery::kick(ctx).await;
        ensure_documents(self.kabinet, ctx, id).await?;
        self.status(me).await
    }

    /// «Отозвать заявление»: until a clean request's 24 hours end, or an operator decides.
    pub async fn withdraw(&self, me: &Authed) -> ApiResult<ClosureStatus> {
        let ctx = self.ctx;
        let authed = me;
        let mut tx = ctx.write().await?;
        let Some(request) = store::open_request(ctx, &mut tx, authed.account_id).await? else {
            return Err(ApiError::with_message(ErrorCode::WrongState, nothing_open(ctx)));
        };
        if request.auto_close_at.is_some_and(|at| at <= ctx.now()) {
            return Err(ApiError::with_message(ErrorCode::WrongState, too_late(ctx)));
        }
        crate::db::query(
            "UPDATE closure_requests SET status = ?, decided_at = ?, decided_by = 'citizen' WHERE id = ?",
        )
        .bind(RequestStatus::Withdrawn)
        .bind(ctx.now())
        .bind(request.id)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
        crate::accounts::set_status(ctx, &mut tx, authed.account_id, AccountStatus::Active).await?;
        store::resolve_queue(ctx, &mut tx, authed.account_id, QueueKind::ClosureReview, "withdrawn").await?;
        let locale = ctx.locale();
        let title = format!(
            "{} № {}",
            locale.pick("Заявление о закрытии отозвано", "Closure request withdrawn"),
            request.number
        );
        let body = locale.pick("Личный кабинет снова активен.", "Your account is active again.").to_owned();
        let event = Event {
            event: EventType::ClosureRequested,
            kind: "closure_withdrawn",
            service: None,
            title: &title,
            body: &body,
        };
        publish::publish(ctx, &mut tx, authed.account_id, event).await?;
        tx.commit().await.map_err(ctx.db_error())?;
        crate::delivery::kick(ctx).await;
        self.status(me).await
    }

    /// Restoration, step 1: a closed account's password; sends the code or hands it to an operator.
    pub async fn restore_start(
        &self,
        _caller: &crate::auth::Caller,
        request: RestoreStart,
    ) -> ApiResult<RestoreOutcome> {
        restore::start(self, request).await
    }

    /// «Подтверждение закрытия» of a closed account, after its password (from the «Кабинет
    /// закрыт» notice of the sign-in screen): the PDF and the words of the save dialog.
    pub async fn closed_confirmation(
        &self,
        _caller: &crate::auth::Caller,
        request: RestoreStart,
    ) -> ApiResult<ClosedConfirmation> {
        let (number, kind, bytes) = restore::confirmation(self, &request).await?;
        let offer = self.kabinet.documents().offer_for(kind, &number);
        Ok(ClosedConfirmation { offer, bytes })
    }

    /// The same PDF for the print dialog.
    pub async fn closed_confirmation_print(
        &self,
        _caller: &crate::auth::Caller,
        request: RestoreStart,
    ) -> ApiResult<crate::documents::PrintJob> {
        let (number, kind, bytes) = restore::confirmation(self, &request).await?;
        Ok(crate::documents::PrintJob { title: crate::documents::file_name(kind, &number), number, bytes })
    }

    /// Restoration, step 2: code and passport number; the account is active again.
    pub async fn restore_complete(
        &self,
        _caller: &crate::auth::Caller,
        request: RestoreComplete,
    ) -> ApiResult<RestoreOutcome> {
        restore::complete(self, request).await
    }
}

/// «Подтверждение закрытия» on its way to the save dialog.
#[derive(Debug, Clone)]
pub struct ClosedConfirmation {
    /// The dialog's words.
    pub offer: crate::documents::DocumentOffer,
    /// The PDF.
    pub bytes: Vec<u8>,
}

/// Refuses sign-in to a closed or purged account with the dates (for a closure by staff also
/// the ground and how to appeal).
pub async fn refuse_closed(ctx: &Context, account_id: i64) -> ApiResult<()> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    if crate::accounts::status(ctx, &mut conn, account_id).await? != AccountStatus::Closed {
        return Ok(());
    }
    let closed = store::closed(ctx, &mut conn, account_id).await?;
    let mut error = closed_error(ctx, closed.as_ref());
    forced::explain_closed(ctx, &mut conn, account_id, &mut error).await?;
    Err(error)
}

fn closed_error(ctx: &Context, closed: Option<&store::ClosedRow>) -> ApiError {
    let locale = ctx.locale();
    let (closed_on, until) =
        closed.map(|c| (day(ctx, c.closed_at), day(ctx, c.restore_until))).unwrap_or_default();
    let restorable = closed.is_some_and(|c| c.restore_until > ctx.now());
    let message = if restorable {
        format!(
            "{} {closed_on}; {} {until}",
            locale.pick("Кабинет закрыт", "The account was closed on"),
            locale.pick("восстановление возможно до", "it can be restored until")
        )
    } else {
        format!(
            "{} {closed_on}; {}",
            locale.pick("Кабинет закрыт", "The account was closed on"),
            locale.pick("срок восстановления истёк", "the time to restore it is over")
        )
    };
    let mut error = ApiError::with_message(ErrorCode::AccountClosed, message);
    error.details.closed_on = closed.map(|c| rfc3339(c.closed_at));
    error.details.restore_until = closed.filter(|_| restorable).map(|c| rfc3339(c.restore_until));
    error.details.restore_by_operator = closed.filter(|c| restorable && c.by_staff != 0).map(|_| true);
    error
}

fn check_form(ctx: &Context, form: &ClosureSubmit) -> ApiResult<Option<String>> {
    let mut failures = Vec::new();
    let text = form.reason_text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let reason_text = match (form.reason, text) {
        (ClosureReason::Other, None) => {
            failures.push((Field::Reason, Invalid::Required));
            None
        }
        (_, Some(text)) => match crate::applications::reason(text, Field::Reason) {
            Ok(text) => Some(text),
            Err(failure) => {
                failures.push(failure);
                None
            }
        },
        (_, None) => None,
    };
    if form.password.trim().is_empty() {
        failures.push((Field::Password, Invalid::Required));
    }
    if form.code.trim().is_empty() {
        failures.push((Field::Code, Invalid::Required));
    }
    if !form.consent {
        failures.push((Field::ClosureConsent, Invalid::NotAccepted));
    }
    if failures.is_empty() { Ok(reason_text) } else { Err(ApiError::fields(failures, ctx.locale())) }
}

async fn insert_request(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    account_id: i64,
    reason: ClosureReason,
    reason_text: Option<&str>,
    flags: &Flags,
) -> ApiResult<i64> {
    let now = ctx.now();
    let working_days = flags.working_days();
    let deadline = deadline(ctx, now, working_days);
    // The row first, then its number and its reason text sealed to its id (issue 16).
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO closure_requests (account_id, number, initiator, reason, status, flags, \
         working_days, submitted_at, auto_close_at, deadline) VALUES (?, '', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(account_id)
    .bind(Initiator::Citizen)
    .bind(crate::export::gather_code(&reason))
    .bind(if flags.is_clean() { RequestStatus::Pending } else { RequestStatus::Review })
    .bind(flags)
    .bind(i64::from(working_days))
    .bind(now)
    .bind(flags.is_clean().then_some(now + AUTO_CLOSE_AFTER))
    .bind(deadline)
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let year = OffsetDateTime::from_unix_timestamp(now).map(|t| t.year()).unwrap_or(1970);
    store::number_request(ctx, conn, id, account_id, &format!("ЗК-{year}-{id:06}"), reason_text).await?;
    Ok(id)
}

/// The deadline date (ISO) of `days` working days from `at`, in the machine's zone.
pub(crate) fn deadline(_ctx: &Context, at: i64, days: u32) -> String {
    let moment = local(at);
    WorkingCalendar::bundled()
        .add_working_days(moment, days)
        .map(|d| d.due_on.to_string())
        .unwrap_or_else(|| moment.date().to_string())
}

/// The first moment of `day` in the machine's zone (Unix seconds).
pub(crate) fn start_of_day(day: time::Date) -> i64 {
    let midnight = time::PrimitiveDateTime::new(day, time::Time::MIDNIGHT);
    midnight.assume_offset(crate::local_offset(midnight.assume_utc())).unix_timestamp()
}

/// `at` in the machine's zone.
pub(crate) fn local(at: i64) -> OffsetDateTime {
    let utc = OffsetDateTime::from_unix_timestamp(at).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    utc.to_offset(crate::local_offset(utc))
}

/// ДД.ММ.ГГГГ of `at` in the machine's zone.
pub(crate) fn day(_ctx: &Context, at: i64) -> String {
    crate::validate::dotted_date(local(at).date())
}

/// ДД.ММ.ГГГГ of an ISO date.
pub(crate) fn iso_to_day(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => iso.to_owned(),
    }
}

/// The stored reason as the document's enum, with «Иное» for anything unknown.
pub(crate) fn reason_of(code: &str) -> (ClosureReason, Option<String>) {
    let reason = ClosureReason::ALL
        .into_iter()
        .find(|r| crate::export::gather_code(r) == code)
        .unwrap_or(ClosureReason::Other);
    let text = (reason == ClosureReason::Other && code != "other").then(|| code.to_owned());
    (reason, text)
}

/// What documents print about a person.
pub(crate) struct Person {
    pub full_name: String,
    pub account_number: String,
    pub phone: String,
    pub email: Option<String>,
    pub inn: Option<String>,
    pub snils: Option<String>,
}

pub(crate) async fn person(ctx: &Context, account_id: i64) -> ApiResult<Person> {
    let profile = crate::profile::of_account(ctx, account_id).await?;
    let number: String = crate::db::query_scalar("SELECT number FROM accounts WHERE id = ?")
        .bind(account_id)
        .fetch_one(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    let full_name =
        [Some(profile.surname.as_str()), Some(profile.given_name.as_str()), profile.patronymic.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
    Ok(Person {
        full_name,
        account_number: number,
        phone: profile.phone,
        email: profile.email,
        inn: profile.inn,
        snils: profile.snils,
    })
}

/// Issues «Заявление о закрытии» and its blank for a request once.
pub(crate) async fn ensure_documents(kabinet: &Kabinet, ctx: &Context, request_id: i64) -> ApiResult<()> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let Some(request) = store::request(ctx, &mut conn, request_id).await? else { return Ok(()) };
    drop(conn);
    if request.application_number.is_some() {
        return Ok(());
    }
    let person = person(ctx, request.account_id).await?;
    let reason_text = request.reason_text(ctx, &ctx.pool).await?;
    let (reason, fallback_text) = reason_of(&request.reason);
    let application = ClosureApplicationInput {
        request_number: request.number.clone(),
        submitted_at: rfc3339(request.submitted_at),
        full_name: person.full_name.clone(),
        inn: person.inn.clone(),
        phone: person.phone.clone(),
        email: person.email.clone(),
        account_number: person.account_number.clone(),
        reason,
        reason_text: reason_text.clone().or(fallback_text),
        deadline: iso_to_day(&request.deadline),
        deadline_working_days: u32::try_from(request.working_days).unwrap_or(2),
        withdraw_until: request.auto_close_at.map(rfc3339),
    };
    let blank = ClosureApplicationBlankInput {
        full_name: Some(person.full_name),
        inn: person.inn,
        phone: Some(person.phone),
        email: person.email,
        account_number: Some(person.account_number),
        passport: None,
        reason: Some(reason),
        reason_text,
        service_centre: None,
    };
    let (account, since) = (request.account_id, request.submitted_at);
    let documents = kabinet.documents();
    let application = match store::unclaimed_document(ctx, account, "closure_application", since).await? {
        Some(number) => number,
        None => documents.issue(DocumentInput::ClosureApplication(application), Some(account)).await?.number,
    };
    let blank = match store::unclaimed_document(ctx, account, "closure_application_blank", since).await? {
        Some(number) => number,
        None => documents.issue(DocumentInput::ClosureApplicationBlank(blank), Some(account)).await?.number,
    };
    let mut tx = ctx.write().await?;
    crate::db::query(
        "UPDATE closure_requests SET application_number = ?, blank_number = ? WHERE id = ? AND application_number IS NULL",
    )
    .bind(application)
    .bind(blank)
    .bind(request_id)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    tx.commit().await.map_err(ctx.db_error())
}

async fn tell_requested(
    ctx: &Context,
    conn: &mut crate::db::Conn,
    request: &store::RequestRow,
) -> ApiResult<()> {
    let locale = ctx.locale();
    let title =
        format!("{} № {}", locale.pick("Подано заявление о закрытии", "Closure requested"), request.number);
    let body = format!(
        "{} {}. {}",
        locale.pick("Срок рассмотрения — до", "To be decided by"),
        iso_to_day(&request.deadline),
        locale.pick(
            "Если это были не вы, срочно смените пароль и отзовите заявление.",
            "If this was not you, change your password at once and withdraw the request."
        )
    );
    let event = Event {
        event: EventType::ClosureRequested,
        kind: "closure_requested",
        service: None,
        title: &title,
        body: &body,
    };
    publish::publish(ctx, conn, request.account_id, event).await.map(|_| ())
}

fn blocked(ctx: &Context, checks: &Prechecks) -> ApiError {
    let list: Vec<String> =
        checks.items.iter().filter(|i| i.blocking).map(|i| format!("{} — {}", i.title, i.action)).collect();
    let head = ctx.locale().pick("Закрыть кабинет пока нельзя", "The account cannot be closed yet");
    ApiError::with_message(ErrorCode::ClosureBlocked, format!("{head}: {}", list.join("; ")))
}

fn wrong_password(ctx: &Context) -> ApiError {
    ApiError::field(Field::Password, Invalid::PasswordWrong, ctx.locale())
}

fn open_already(ctx: &Context) -> &'static str {
    ctx.locale().pick("Заявление о закрытии уже подано", "A closure request is already open")
}

fn nothing_open(ctx: &Context) -> &'static str {
    ctx.locale().pick("Открытого заявления о закрытии нет", "There is no open closure request")
}

fn too_late(ctx: &Context) -> &'static str {
    ctx.locale().pick(
        "Заявление уже исполняется — отозвать его нельзя; после закрытия кабинет можно восстановить",
        "The request is being carried out and cannot be withdrawn; the account can be restored after closing",
    )
}
