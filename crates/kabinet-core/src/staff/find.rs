//! «Поиск гражданина»: a staff member finds one citizen by account number, СНИЛС or phone, in any
//! format the citizen would say it, and sees the minimum the desk needs.
//!
//! Rules (docs/rules.md, «Staff: finding a citizen»): exact match only — there is no list to
//! browse and no partial match; the purpose of opening the card is required and, with what was
//! searched (the kind, never the value) and whom it found, is one row of the audit log, found or
//! not. The card shows ФИО, birth date, level, standing, the passport and СНИЛС masked as the
//! change history masks them, a live block and the closure requests waiting; nothing else.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Identifier;
use crate::context::Context;
use crate::contract::{AccountStatus, Level};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields::Field;
use crate::staff::StaffAuthed;
use crate::staff::audit::{self, Entry};
use crate::validate::{self, Invalid};

/// Why the card is opened; asked every time and kept in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardPurpose {
    /// «Обращение гражданина».
    CitizenRequest,
    /// «Рассмотрение заявления».
    ApplicationReview,
    /// «Проверка личности».
    IdentityCheck,
}

impl CardPurpose {
    fn code(self) -> &'static str {
        match self {
            CardPurpose::CitizenRequest => "citizen_request",
            CardPurpose::ApplicationReview => "application_review",
            CardPurpose::IdentityCheck => "identity_check",
        }
    }
}

/// «Найти»: what the citizen said and why the card is opened.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FindCitizen {
    /// An account number (`1234-5678-90`), a СНИЛС or a phone, as typed.
    pub query: String,
    /// Required.
    #[ts(optional)]
    pub purpose: Option<CardPurpose>,
}

/// A closure request waiting for a decision or for its 24 hours.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct WaitingRequest {
    /// «Номер заявления о закрытии».
    pub number: String,
    /// Pending (closes by itself) or review (an operator decides).
    pub status: crate::closure::types::RequestStatus,
    /// The deadline, ДД.ММ.ГГГГ.
    pub deadline: String,
}

/// The citizen's card: the minimum the desk needs.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CitizenCard {
    /// «Номер личного кабинета».
    pub account_number: String,
    /// Фамилия Имя Отчество.
    pub full_name: String,
    /// ДД.ММ.ГГГГ.
    pub birth_date: String,
    /// The account's level.
    pub level: Level,
    /// The account's standing.
    pub status: AccountStatus,
    /// The passport series and number, masked (`45 ** ****56`); `None` when not given.
    pub passport: Option<String>,
    /// The СНИЛС, masked; `None` when not given.
    pub snils: Option<String>,
    /// A live block, if any.
    pub block: Option<crate::closure::forced::types::BlockView>,
    /// Closure requests still waiting.
    pub waiting_requests: Vec<WaitingRequest>,
}

enum Query {
    Number(String),
    Identifier(Identifier),
}

/// The longest query looked at: a phone or a СНИЛС typed with every space and bracket a person
/// might use fits many times over; anything longer is refused unparsed.
pub const MAX_QUERY_CHARS: usize = 64;

fn parse(ctx: &Context, request: &FindCitizen) -> ApiResult<(Query, CardPurpose)> {
    let text = request.query.trim();
    let mut found = Vec::new();
    let query = if text.is_empty() {
        found.push((Field::Identifier, Invalid::Required));
        None
    } else if text.chars().nth(MAX_QUERY_CHARS).is_some() {
        found.push((Field::Identifier, Invalid::CitizenQueryFormat));
        None
    } else if let Ok(number) = crate::account_number::normalise(text) {
        Some(Query::Number(number))
    } else if let Ok(phone) = validate::phone(text) {
        Some(Query::Identifier(Identifier::Phone(phone)))
    } else if let Ok(snils) = validate::snils(text) {
        Some(Query::Identifier(Identifier::Snils(snils)))
    } else {
        found.push((Field::Identifier, Invalid::CitizenQueryFormat));
        None
    };
    if request.purpose.is_none() {
        found.push((Field::Purpose, Invalid::Required));
    }
    match (query, request.purpose) {
        (Some(query), Some(purpose)) => Ok((query, purpose)),
        _ => Err(ApiError::fields(found, ctx.locale())),
    }
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    number: String,
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    birth_date: String,
    level: Level,
    status: AccountStatus,
    passport_number: Option<String>,
    snils: Option<String>,
}

macro_rules! card {
    ($by:literal) => {
        concat!(
            "SELECT a.id, a.number, a.surname, a.given_name, a.patronymic, a.birth_date, a.level, a.status, \
             p.passport_number, (SELECT s.value FROM identifiers s WHERE s.account_id = a.id AND s.kind = 'snils') \
             AS snils FROM accounts a LEFT JOIN profiles p ON p.account_id = a.id WHERE a.status != 'purged' AND ",
            $by
        )
    };
}

/// Finds one citizen exactly and opens the card, or answers `not_found`; either way one audit
/// row.
pub async fn find(ctx: &Context, staff: &StaffAuthed, request: FindCitizen) -> ApiResult<CitizenCard> {
    let (query, purpose) = parse(ctx, &request)?;
    refuse_too_many(ctx, staff).await?;
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let (kind, row): (&str, Option<CardRow>) = match &query {
        Query::Number(number) => (
            "account_number",
            crate::db::query_as(card!("a.number = ?"))
                .bind(number)
                .fetch_optional(&mut conn)
                .await
                .map_err(ctx.db_error())?,
        ),
        Query::Identifier(identifier) => {
            let kind = match identifier {
                Identifier::Phone(_) => "phone",
                Identifier::Snils(_) => "snils",
                Identifier::Email(_) => "email",
            };
            let id = crate::accounts::find_account(ctx, identifier).await?;
            let row = match id {
                Some(id) => crate::db::query_as(card!("a.id = ?"))
                    .bind(id)
                    .fetch_optional(&mut conn)
                    .await
                    .map_err(ctx.db_error())?,
                None => None,
            };
            (kind, row)
        }
    };
    let target = row.as_ref().map(|r| r.number.clone()).unwrap_or_default();
    let details = serde_json::json!({ "by": kind, "purpose": purpose.code(), "found": row.is_some() });
    let mut tx = ctx.write().await?;
    audit::append(
        ctx,
        &mut tx,
        Entry { actor: staff.actor(), action: "citizen_opened", target: &target, details },
    )
    .await?;
    if let (Some(row), false) = (&row, staff.is_machine()) {
        crate::db::query(
            "INSERT INTO staff_cards (session_id, account_id, purpose, opened_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (session_id, account_id) DO UPDATE SET purpose = excluded.purpose, opened_at = excluded.opened_at",
        )
        .bind(staff.session_id)
        .bind(row.id)
        .bind(purpose.code())
        .bind(ctx.now())
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    }
    tx.commit().await.map_err(ctx.db_error())?;
    drop(conn);
    let Some(row) = row else { return Err(ctx.error(ErrorCode::NotFound)) };
    build(ctx, row).await
}

/// Searches one staff member may make in any [`SEARCH_WINDOW`] seconds.
pub const MAX_SEARCHES: i64 = 30;
/// The window of [`MAX_SEARCHES`]: 10 minutes.
pub const SEARCH_WINDOW: i64 = 600;

/// A desk serves one person at a time: more than [`MAX_SEARCHES`] searches in 10 minutes is not a
/// queue of citizens but someone walking the register. Refused with the time the oldest search
/// leaves the window, and the refusal is audited.
async fn refuse_too_many(ctx: &Context, staff: &StaffAuthed) -> ApiResult<()> {
    if staff.is_machine() {
        return Ok(());
    }
    let since = ctx.now() - SEARCH_WINDOW;
    let recent: Vec<i64> = crate::db::query_scalar(
        "SELECT at FROM staff_audit WHERE staff_id = ? AND action = 'citizen_opened' AND at > ? ORDER BY at LIMIT ?",
    )
    .bind(staff.staff_id)
    .bind(since)
    .bind(MAX_SEARCHES)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    if (recent.len() as i64) < MAX_SEARCHES {
        return Ok(());
    }
    let retry_at = recent.first().copied().unwrap_or(since) + SEARCH_WINDOW;
    let details = serde_json::json!({ "searches": recent.len(), "window_minutes": SEARCH_WINDOW / 60 });
    audit::record(ctx, Entry { actor: staff.actor(), action: "search_limited", target: "", details }).await?;
    let message = ctx.locale().pick(
        "Слишком много поисков за 10 минут (не больше 30): следующий поиск возможен позже",
        "Too many searches in 10 minutes (30 at most): the next search is possible later",
    );
    Err(ApiError::with_message(ErrorCode::RateLimited, message).retry_at(crate::context::rfc3339(retry_at)))
}

/// The card of an account (already opened).
pub(crate) async fn card_of(ctx: &Context, account_id: i64) -> ApiResult<CitizenCard> {
    let row: Option<CardRow> = crate::db::query_as(card!("a.id = ?"))
        .bind(account_id)
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    build(ctx, row.ok_or_else(|| ctx.error(ErrorCode::NotFound))?).await
}

impl CardRow {
    /// Opens the sealed fields with the account's key.
    fn open(self, key: &crate::sealing::Sealer) -> Result<Self, crate::sealing::Unreadable> {
        let id = self.id;
        Ok(Self {
            surname: key.open("accounts.surname", id, &self.surname)?,
            given_name: key.open("accounts.given_name", id, &self.given_name)?,
            patronymic: key.open_opt("accounts.patronymic", id, self.patronymic.as_deref())?,
            birth_date: key.open("accounts.birth_date", id, &self.birth_date)?,
            passport_number: key.open_opt("profiles.passport_number", id, self.passport_number.as_deref())?,
            snils: key.open_opt("identifiers.value", "snils", self.snils.as_deref())?,
            ..self
        })
    }
}

async fn build(ctx: &Context, row: CardRow) -> ApiResult<CitizenCard> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let key = crate::sealing::account_key(ctx, &mut conn, row.id).await?;
    let row = row.open(&key).map_err(ctx.unreadable())?;
    let block = crate::closure::forced::live_block_view(ctx, &mut conn, row.id).await?;
    let waiting: Vec<(String, crate::closure::types::RequestStatus, String)> = crate::db::query_as(
        "SELECT number, status, deadline FROM closure_requests \
         WHERE account_id = ? AND status IN ('pending', 'review') ORDER BY submitted_at",
    )
    .bind(row.id)
    .fetch_all(&mut conn)
    .await
    .map_err(ctx.db_error())?;
    let full_name = crate::accounts::full_name(&row.surname, &row.given_name, row.patronymic.as_deref());
    Ok(CitizenCard {
        account_number: row.number,
        full_name,
        birth_date: crate::profile::shown("birth_date", &row.birth_date),
        level: row.level,
        status: row.status,
        passport: row.passport_number.as_deref().map(|p| crate::profile::shown("passport_number", p)),
        snils: row.snils.as_deref().map(|s| crate::profile::shown("snils", s)),
        block,
        waiting_requests: waiting
            .into_iter()
            .map(|(number, status, deadline)| WaitingRequest {
                number,
                status,
                deadline: crate::closure::iso_to_day(&deadline),
            })
            .collect(),
    })
}
