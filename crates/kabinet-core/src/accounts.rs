//! Accounts as the flows find them: the identifier a citizen types (at sign-in, «Забыли
//! пароль?», restoration) resolved to its account, and the account's status (`active`,
//! `pending_closure`, `closed`, `purged`; a block is a record of its own, kept by
//! [`crate::closure::forced`]).
//!
//! The status is read and written as [`AccountStatus`], decoded here from its stored code, so
//! the flows match on variants: a misspelt status is a compile error, not a silently false
//! comparison.
//!
//! `session` and `closure` both stand on this module and it uses neither of them, so closure's
//! restoration no longer reaches into the session flow to find an account: the dependency runs
//! one way, from sign-in down to closure's refusals.

use crate::db::Conn;

use crate::context::Context;
use crate::contract::AccountStatus;
use crate::error::{ApiError, ApiResult};
use crate::fields::Field;
use crate::sealing::Sealer;
use crate::validate::{self, Invalid};

/// What a citizen typed to name their account, normalised: a phone in E.164, an e-mail in lower
/// case, or a bare СНИЛС.
pub(crate) enum Identifier {
    Phone(String),
    Email(String),
    Snils(String),
}

impl Identifier {
    /// The stored kind and the normalised value.
    pub(crate) fn parts(&self) -> (&'static str, &str) {
        match self {
            Identifier::Phone(value) => ("phone", value),
            Identifier::Email(value) => ("email", value),
            Identifier::Snils(value) => ("snils", value),
        }
    }

    /// The identifier normalised with its kind, `phone:+79…`, `email:…`, `snils:…`.
    pub(crate) fn key(&self) -> String {
        match self {
            Identifier::Phone(value) => format!("phone:{value}"),
            Identifier::Email(value) => format!("email:{value}"),
            Identifier::Snils(value) => format!("snils:{value}"),
        }
    }
}

/// Reads a phone, an e-mail or a СНИЛС; anything else is [`Invalid::IdentifierFormat`] on
/// [`Field::Identifier`].
pub(crate) fn parse_identifier(ctx: &Context, text: &str) -> ApiResult<Identifier> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ApiError::field(Field::Identifier, Invalid::Required, ctx.locale()));
    }
    if text.contains('@') {
        return validate::email(text)
            .map(|email| Identifier::Email(email.address.to_lowercase()))
            .map_err(|_| ApiError::field(Field::Identifier, Invalid::IdentifierFormat, ctx.locale()));
    }
    if let Ok(phone) = validate::phone(text) {
        return Ok(Identifier::Phone(phone));
    }
    validate::snils(text)
        .map(Identifier::Snils)
        .map_err(|_| ApiError::field(Field::Identifier, Invalid::IdentifierFormat, ctx.locale()))
}

/// The account whose confirmed identifier this is, if any.
pub(crate) async fn find_account(ctx: &Context, identifier: &Identifier) -> ApiResult<Option<i64>> {
    let (kind, value) = match identifier {
        Identifier::Phone(value) => ("phone", value),
        Identifier::Email(value) => ("email", value),
        Identifier::Snils(value) => ("snils", value),
    };
    crate::db::query_scalar(
        "SELECT account_id FROM identifiers WHERE kind = ? AND lookup = ? AND confirmed_at IS NOT NULL",
    )
    .bind(kind)
    .bind(ctx.keys()?.index(value))
    .fetch_optional(&ctx.pool)
    .await
    .map_err(ctx.db_error())
}

/// What a sign-in needs to know about an account after the password, in one query.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub(crate) struct Readiness {
    /// Not closed and no live block; when false, the closure and block rules say why
    /// (`closure::refuse_closed`, `closure::forced::refuse_blocked`).
    pub clear: bool,
    /// A second factor is on: the sign-in asks for it.
    pub has_factor: bool,
    /// Wrong answers are counted or a lock is recorded: the new session clears them.
    pub has_failures: bool,
}

/// The columns of [`Readiness`], for a query on `accounts a` whose first parameter (`?1`) is
/// the time now.
macro_rules! readiness_columns {
    () => {
        "a.status != 'closed' AND NOT EXISTS (SELECT 1 FROM account_blocks b \
         WHERE b.account_id = a.id AND b.lifted_at IS NULL AND b.until > ?1) AS clear, \
         EXISTS (SELECT 1 FROM second_factors f WHERE f.account_id = a.id AND f.enabled_at IS NOT NULL) \
         AS has_factor, \
         (a.failed_sign_ins > 0 OR a.failed_factor > 0 OR a.locked_until IS NOT NULL) AS has_failures"
    };
}
pub(crate) use readiness_columns;

/// The account's [`Readiness`] for a sign-in.
pub(crate) async fn readiness(ctx: &Context, account_id: i64) -> ApiResult<Readiness> {
    crate::db::query_as(concat!("SELECT ", readiness_columns!(), " FROM accounts a WHERE a.id = ?2"))
        .bind(ctx.now())
        .bind(account_id)
        .fetch_one(&ctx.pool)
        .await
        .map_err(ctx.db_error())
}

/// The account's status.
pub(crate) async fn status(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<AccountStatus> {
    crate::db::query_scalar("SELECT status FROM accounts WHERE id = ?")
        .bind(account_id)
        .fetch_one(conn)
        .await
        .map_err(ctx.db_error())
}

/// Sets the account's status.
pub(crate) async fn set_status(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    status: AccountStatus,
) -> ApiResult<()> {
    crate::db::query("UPDATE accounts SET status = ? WHERE id = ?")
        .bind(status)
        .bind(account_id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

impl AccountStatus {
    /// Active or waiting for closure: the account is still there to be closed, blocked or
    /// worked on; closed and purged ones are not.
    pub(crate) fn is_open(self) -> bool {
        matches!(self, AccountStatus::Active | AccountStatus::PendingClosure)
    }
}

/// «Фамилия Имя Отчество» as every screen and card writes it (no patronymic, no extra space).
pub(crate) fn full_name(surname: &str, given_name: &str, patronymic: Option<&str>) -> String {
    [Some(surname), Some(given_name), patronymic].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// A citizen's name, birth date and gender as typed (validated), opened from `accounts`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Person {
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub birth_date: String,
    /// `М` or `Ж`.
    pub gender: String,
}

impl Person {
    /// «Фамилия Имя Отчество».
    pub(crate) fn full_name(&self) -> String {
        full_name(&self.surname, &self.given_name, self.patronymic.as_deref())
    }
}

/// The sealed columns of `accounts`, as stored.
#[derive(sqlx::FromRow)]
struct SealedPerson {
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    birth_date: String,
    gender: String,
}

impl SealedPerson {
    fn open(self, key: &Sealer, id: i64) -> Result<Person, crate::sealing::Unreadable> {
        Ok(Person {
            surname: key.open("accounts.surname", id, &self.surname)?,
            given_name: key.open("accounts.given_name", id, &self.given_name)?,
            patronymic: key.open_opt("accounts.patronymic", id, self.patronymic.as_deref())?,
            birth_date: key.open("accounts.birth_date", id, &self.birth_date)?,
            gender: key.open("accounts.gender", id, &self.gender)?,
        })
    }
}

/// The account's person, opened with its key.
pub(crate) async fn person<'a>(
    ctx: &Context,
    on: impl Into<crate::db::Target<'a>>,
    key: &Sealer,
    account_id: i64,
) -> ApiResult<Person> {
    let sealed: SealedPerson = crate::db::query_as(
        "SELECT surname, given_name, patronymic, birth_date, gender FROM accounts WHERE id = ?",
    )
    .bind(account_id)
    .fetch_one(on)
    .await
    .map_err(ctx.db_error())?;
    sealed.open(key, account_id).map_err(ctx.unreadable())
}

/// Writes the account's person, sealed.
pub(crate) async fn store_person(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    account_id: i64,
    person: &Person,
) -> ApiResult<()> {
    let id = account_id;
    crate::db::query("UPDATE accounts SET surname = ?, given_name = ?, patronymic = ?, birth_date = ?, gender = ? WHERE id = ?")
        .bind(key.seal("accounts.surname", id, &person.surname))
        .bind(key.seal("accounts.given_name", id, &person.given_name))
        .bind(key.seal_opt("accounts.patronymic", id, person.patronymic.as_deref()))
        .bind(key.seal("accounts.birth_date", id, &person.birth_date))
        .bind(key.seal("accounts.gender", id, &person.gender))
        .bind(id)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

/// Adds a sign-in identifier: found by its blind index, shown from its sealed value.
pub(crate) async fn add_identifier(
    ctx: &Context,
    conn: &mut Conn,
    key: &Sealer,
    account_id: i64,
    identifier: &Identifier,
    confirmed_at: Option<i64>,
) -> ApiResult<()> {
    let (kind, value) = identifier.parts();
    crate::db::query(
        "INSERT INTO identifiers (kind, lookup, value, account_id, confirmed_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(kind)
    .bind(ctx.keys()?.index(value))
    .bind(key.seal("identifiers.value", kind, value))
    .bind(account_id)
    .bind(confirmed_at)
    .execute(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(())
}

/// The account's identifiers, opened: `(kind, value, confirmed_at)`.
pub(crate) async fn identifiers<'a>(
    ctx: &Context,
    on: impl Into<crate::db::Target<'a>>,
    key: &Sealer,
    account_id: i64,
) -> ApiResult<Vec<(String, String, Option<i64>)>> {
    let rows: Vec<(String, String, Option<i64>)> = crate::db::query_as(
        "SELECT kind, value, confirmed_at FROM identifiers WHERE account_id = ? ORDER BY kind",
    )
    .bind(account_id)
    .fetch_all(on)
    .await
    .map_err(ctx.db_error())?;
    rows.into_iter()
        .map(|(kind, value, confirmed)| {
            let opened = key.open("identifiers.value", &kind, &value).map_err(ctx.unreadable())?;
            Ok((kind, opened, confirmed))
        })
        .collect()
}

/// The account's identifier of `kind` (`phone`, `email`, `snils`), opened; `confirmed` only
/// when asked.
pub(crate) async fn identifier<'a>(
    ctx: &Context,
    on: impl Into<crate::db::Target<'a>>,
    key: &Sealer,
    account_id: i64,
    kind: &str,
    confirmed_only: bool,
) -> ApiResult<Option<String>> {
    let sql = if confirmed_only {
        "SELECT value FROM identifiers WHERE account_id = ? AND kind = ? AND confirmed_at IS NOT NULL"
    } else {
        "SELECT value FROM identifiers WHERE account_id = ? AND kind = ?"
    };
    let value: Option<String> = crate::db::query_scalar(sql)
        .bind(account_id)
        .bind(kind)
        .fetch_optional(on)
        .await
        .map_err(ctx.db_error())?;
    key.open_opt("identifiers.value", kind, value.as_deref()).map_err(ctx.unreadable())
}
