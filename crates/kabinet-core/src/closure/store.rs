//! The SQL of closure: requests, the closed state, the operator queue.
//!
//! A request's status, initiator and flags are decoded here into enums ([`RequestStatus`],
//! [`Initiator`], [`Flags`]) and bound as enums, so the flows match on variants and a misspelt
//! code cannot compile. The stored text is unchanged. Filters in `WHERE` stay SQL literals
//! (`status IN ('pending', 'review')`): they are what lets SQLite use the partial indexes
//! `closure_requests_one_open` and `closure_requests_due`, which a bound parameter would not.
//!
//! What a person wrote — the citizen's reason for «Иное» (`reason_text`) and the operator's
//! comment on the decision (`decision_comment`) — is stored sealed under the account's key
//! (issue 16), bound to the request's id, so the purge that deletes the key leaves every copy of
//! it unreadable. A [`RequestRow`] carries the sealed text; [`RequestRow::reason_text`] opens it
//! only where it is shown or printed, so reading a request for its status costs no key.

use crate::db::Conn;
use serde::{Deserialize, Serialize};
use sqlx::error::BoxDynError;
use sqlx::{Decode, Sqlite, Type};

use crate::context::Context;
use crate::error::ApiResult;

use super::types::RequestStatus;

/// Who submitted a request (`closure_requests.initiator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum Initiator {
    /// The citizen, from «Закрыть профиль».
    Citizen,
    /// Staff.
    Staff,
}

/// Why a request needs an operator: one code of `closure_requests.flags`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// An unresolved «Это был не я» (10 working days).
    SecurityIncident,
    /// The owner's identity is not confirmed.
    IdentityMismatch,
    /// A debt appeared while a clean request waited.
    DebtAppeared,
    /// Staff started it.
    StaffInitiated,
}

/// The flags of a request, stored as a JSON array of [`Flag`] codes (`[]` = clean).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags(pub Vec<Flag>);

impl Flags {
    /// No flag: the request closes by itself.
    pub fn is_clean(&self) -> bool {
        self.0.is_empty()
    }

    /// The request carries `flag`.
    pub fn has(&self, flag: Flag) -> bool {
        self.0.contains(&flag)
    }

    /// The working days an operator has, by domain.md: 2 when clean, 10 with additional checks
    /// (a security incident), 5 for any other flag.
    pub fn working_days(&self) -> u32 {
        match self {
            f if f.is_clean() => 2,
            f if f.has(Flag::SecurityIncident) => 10,
            _ => 5,
        }
    }

    /// The codes, as the queue shows them.
    pub fn codes(&self) -> Vec<String> {
        self.0
            .iter()
            .filter_map(|f| serde_json::to_value(f).ok())
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    }
}

impl Type<Sqlite> for Flags {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <str as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
        <&str as Type<Sqlite>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Sqlite> for Flags {
    fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<Sqlite>>::decode(value)?;
        Ok(Flags(serde_json::from_str(text)?))
    }
}

impl Type<sqlx::Postgres> for Flags {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        <str as Type<sqlx::Postgres>>::type_info()
    }

    fn compatible(ty: &sqlx::postgres::PgTypeInfo) -> bool {
        <&str as Type<sqlx::Postgres>>::compatible(ty)
    }
}

impl<'r> Decode<'r, sqlx::Postgres> for Flags {
    fn decode(value: sqlx::postgres::PgValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<sqlx::Postgres>>::decode(value)?;
        Ok(Flags(serde_json::from_str(text)?))
    }
}

impl crate::db::Bind for &Flags {
    fn value(self) -> crate::db::Value {
        crate::db::Value::Text(serde_json::to_string(&self.0).ok())
    }
    fn null() -> crate::db::Value {
        crate::db::Value::Text(None)
    }
}

crate::bind_as_text!(Initiator, QueueKind, RequestStatus);

/// What an operator-queue entry asks for (`operator_queue.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum QueueKind {
    /// A flagged closure request to decide.
    ClosureReview,
    /// A staff-closed account whose owner asks to restore it.
    Restoration,
}

/// The sealed column of the citizen's own words for «Иное».
pub(crate) const REASON_TEXT: &str = "closure_requests.reason_text";
/// The sealed column of the operator's comment on a decision.
pub(crate) const DECISION_COMMENT: &str = "closure_requests.decision_comment";

/// One stored request.
#[derive(sqlx::FromRow, Clone)]
pub struct RequestRow {
    pub id: i64,
    pub account_id: i64,
    pub number: String,
    pub initiator: Initiator,
    pub reason: String,
    /// `reason_text` as stored: sealed, opened by [`RequestRow::reason_text`].
    #[sqlx(rename = "reason_text")]
    pub sealed_reason_text: Option<String>,
    pub status: RequestStatus,
    pub flags: Flags,
    pub working_days: i64,
    pub submitted_at: i64,
    pub auto_close_at: Option<i64>,
    pub deadline: String,
    pub application_number: Option<String>,
    pub blank_number: Option<String>,
}

impl RequestRow {
    /// The citizen's own words for «Иное», opened with the account's key (loaded only when the
    /// request has any).
    pub async fn reason_text<'a>(
        &self,
        ctx: &Context,
        on: impl Into<crate::db::Target<'a>>,
    ) -> ApiResult<Option<String>> {
        let Some(sealed) = self.sealed_reason_text.as_deref() else { return Ok(None) };
        let key = crate::sealing::account_key(ctx, on, self.account_id).await?;
        key.open(REASON_TEXT, self.id, sealed).map(Some).map_err(ctx.unreadable())
    }
}

/// Records a new request's number and, sealed to its id, the citizen's reason text: the second
/// half of inserting it, in the same transaction (the id is known only after the insert).
pub(crate) async fn number_request(
    ctx: &Context,
    conn: &mut Conn,
    id: i64,
    account_id: i64,
    number: &str,
    reason_text: Option<&str>,
) -> ApiResult<()> {
    let sealed = sealed(ctx, conn, account_id, REASON_TEXT, id, reason_text).await?;
    crate::db::query("UPDATE closure_requests SET number = ?, reason_text = ? WHERE id = ?")
        .bind(number)
        .bind(sealed)
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

/// Records that an operator decided a request, with the comment sealed to it.
pub(crate) async fn record_decision(
    ctx: &Context,
    conn: &mut Conn,
    request: &RequestRow,
    comment: Option<&str>,
) -> ApiResult<()> {
    let sealed = sealed(ctx, conn, request.account_id, DECISION_COMMENT, request.id, comment).await?;
    crate::db::query(
        "UPDATE closure_requests SET decided_by = 'operator', decision_comment = ? WHERE id = ?",
    )
    .bind(sealed)
    .bind(request.id)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

/// `text` sealed for `column` of request `id` with its account's key, loaded only when there is
/// a text to seal.
async fn sealed(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    column: &str,
    id: i64,
    text: Option<&str>,
) -> ApiResult<Option<String>> {
    let Some(text) = text else { return Ok(None) };
    let key = crate::sealing::account_key(ctx, conn, account_id).await?;
    Ok(Some(key.seal(column, id, text)))
}

macro_rules! request_columns {
    () => {
        "id, account_id, number, initiator, reason, reason_text, status, flags, working_days, submitted_at, \
         auto_close_at, deadline, application_number, blank_number"
    };
}

/// The closed state of an account.
#[derive(sqlx::FromRow, Clone)]
pub struct ClosedRow {
    pub request_id: Option<i64>,
    pub closed_at: i64,
    pub restore_until: i64,
    pub purge_at: i64,
    pub by_staff: i64,
    pub confirmation_number: Option<String>,
}

/// `SELECT <request columns> FROM closure_requests <tail>` as one static string.
macro_rules! select_request {
    ($tail:literal) => {
        concat!("SELECT ", request_columns!(), " FROM closure_requests ", $tail)
    };
}

/// The one request a query with one bound key finds, if any.
async fn one_request<K>(
    ctx: &Context,
    conn: &mut Conn,
    sql: &'static str,
    key: K,
) -> ApiResult<Option<RequestRow>>
where
    K: crate::db::Bind,
{
    crate::db::query_as(sql).bind(key).fetch_optional(conn).await.map_err(ctx.db_error())
}

/// The open (pending or review) request of an account.
pub async fn open_request(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Option<RequestRow>> {
    let sql = select_request!("WHERE account_id = ? AND status IN ('pending', 'review')");
    one_request(ctx, conn, sql, account_id).await
}

/// The latest request of an account, whatever its status.
pub async fn last_request(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Option<RequestRow>> {
    one_request(ctx, conn, select_request!("WHERE account_id = ? ORDER BY id DESC LIMIT 1"), account_id).await
}

/// A request by id.
pub async fn request(ctx: &Context, conn: &mut Conn, id: i64) -> ApiResult<Option<RequestRow>> {
    one_request(ctx, conn, select_request!("WHERE id = ?"), id).await
}

/// A request by number.
pub async fn request_by_number(
    ctx: &Context,
    conn: &mut Conn,
    number: &str,
) -> ApiResult<Option<RequestRow>> {
    one_request(ctx, conn, select_request!("WHERE number = ?"), number.trim().to_owned()).await
}

/// Clean requests whose 24 hours are over.
pub async fn due_requests(ctx: &Context) -> ApiResult<Vec<i64>> {
    crate::db::query_scalar(
        "SELECT id FROM closure_requests WHERE status = 'pending' AND auto_close_at <= ? ORDER BY id",
    )
    .bind(ctx.now())
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())
}

/// The closed state of an account.
pub async fn closed(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Option<ClosedRow>> {
    crate::db::query_as(
        "SELECT request_id, closed_at, restore_until, purge_at, by_staff, confirmation_number \
         FROM closures WHERE account_id = ?",
    )
    .bind(account_id)
    .fetch_optional(conn)
    .await
    .map_err(ctx.db_error())
}

/// Puts work in the operator queue.
pub async fn enqueue_for_operator(
    ctx: &Context,
    conn: &mut Conn,
    kind: QueueKind,
    account_id: i64,
    request_id: Option<i64>,
    due: &str,
) -> ApiResult<()> {
    crate::db::query(
        "INSERT INTO operator_queue (kind, account_id, request_id, created_at, due) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(kind)
    .bind(account_id)
    .bind(request_id)
    .bind(ctx.now())
    .bind(due)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

/// Marks an account's open queue work of `kind` resolved.
pub async fn resolve_queue(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    kind: QueueKind,
    resolution: &str,
) -> ApiResult<()> {
    crate::db::query(
        "UPDATE operator_queue SET resolved_at = ?, resolution = ? \
         WHERE account_id = ? AND kind = ? AND resolved_at IS NULL",
    )
    .bind(ctx.now())
    .bind(resolution)
    .bind(account_id)
    .bind(kind)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

/// True when the account has an incident no one has resolved.
pub async fn has_open_incident(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<bool> {
    let open: i64 = crate::db::query_scalar(
        "SELECT count(*) FROM incidents WHERE account_id = ? AND resolved_at IS NULL",
    )
    .bind(account_id)
    .fetch_one(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(open > 0)
}

/// Open debts (unpaid, also those awaiting confirmation) of an account.
pub async fn open_debts(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<i64> {
    crate::db::query_scalar("SELECT count(*) FROM debts WHERE account_id = ? AND status = 'open'")
        .bind(account_id)
        .fetch_one(conn)
        .await
        .map_err(ctx.db_error())
}

/// Requests whose «Заявление о закрытии» was never recorded (a crash came between).
pub async fn requests_without_documents(ctx: &Context) -> ApiResult<Vec<i64>> {
    crate::db::query_scalar(
        "SELECT id FROM closure_requests WHERE application_number IS NULL AND initiator = 'citizen'",
    )
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())
}

/// Closed accounts whose «Подтверждение закрытия» was never recorded.
pub async fn closures_without_confirmation(ctx: &Context) -> ApiResult<Vec<i64>> {
    crate::db::query_scalar("SELECT account_id FROM closures WHERE confirmation_number IS NULL")
        .fetch_all(&ctx.pool)
        .await
        .map_err(ctx.db_error())
}

/// A document of `kind` issued to the account at or after `since` and not yet claimed by a
/// request or a closure: what an interrupted run issued, to be recorded instead of issuing again.
pub async fn unclaimed_document(
    ctx: &Context,
    account_id: i64,
    kind: &str,
    since: i64,
) -> ApiResult<Option<String>> {
    crate::db::query_scalar(
        "SELECT number FROM documents d WHERE d.account_id = ? AND d.kind = ? AND d.created_at >= ? \
           AND NOT EXISTS (SELECT 1 FROM closure_requests r WHERE r.application_number = d.number OR r.blank_number = d.number) \
           AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.confirmation_number = d.number) \
         ORDER BY d.id LIMIT 1",
    )
    .bind(account_id)
    .bind(kind)
    .bind(since)
    .fetch_optional(&ctx.pool)
    .await
    .map_err(ctx.db_error())
}

/// Takes the `security_incident` flag off the account's waiting requests (its incident was
/// resolved); a request under review stays with the operator for a decision.
pub async fn drop_incident_flag(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<()> {
    let rows: Vec<(i64, Flags)> = crate::db::query_as(
        "SELECT id, flags FROM closure_requests WHERE account_id = ? AND status IN ('pending', 'review')",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    for (id, flags) in rows {
        if !flags.has(Flag::SecurityIncident) {
            continue;
        }
        let kept = Flags(flags.0.into_iter().filter(|f| *f != Flag::SecurityIncident).collect());
        crate::db::query("UPDATE closure_requests SET flags = ? WHERE id = ?")
            .bind(&kept)
            .bind(id)
            .execute(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    }
    Ok(())
}
