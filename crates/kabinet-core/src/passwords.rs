//! New passwords for an existing account: every rule of the official formats, judged against
//! the account's own data (name, birth date, phone, СНИЛС, e-mail), never one of the last 5.

use crate::db::Conn;
use time::Date;
use zeroize::Zeroizing;

use crate::context::Context;
use crate::error::{ApiError, ApiResult};
use crate::fields::Field;
use crate::password_hash;
use crate::validate::{self, Invalid, PasswordContext};

/// How many previous passwords a new one may not repeat.
pub const HISTORY: i64 = 5;

struct Personal {
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    birth_date: String,
    phone: Option<String>,
    email: Option<String>,
    snils: Option<String>,
}

/// Checks a new password typed twice and returns its hash.
pub async fn check_new(ctx: &Context, account_id: i64, password: &str, repeat: &str) -> ApiResult<String> {
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    let key = crate::sealing::account_key(ctx, &mut conn, account_id).await?;
    let person = crate::accounts::person(ctx, &mut conn, &key, account_id).await?;
    let mut me = Personal {
        surname: person.surname,
        given_name: person.given_name,
        patronymic: person.patronymic,
        birth_date: person.birth_date,
        phone: None,
        email: None,
        snils: None,
    };
    for (kind, value, _) in crate::accounts::identifiers(ctx, &mut conn, &key, account_id).await? {
        match kind.as_str() {
            "phone" => me.phone = Some(value),
            "email" => me.email = Some(value),
            _ => me.snils = Some(value),
        }
    }
    drop(conn);
    let names: Vec<&str> =
        [Some(me.surname.as_str()), Some(me.given_name.as_str()), me.patronymic.as_deref()]
            .into_iter()
            .flatten()
            .collect();
    let birth_date = Date::parse(&me.birth_date, &time::format_description::well_known::Iso8601::DATE).ok();
    let context = PasswordContext {
        birth_date,
        phone: me.phone.as_deref(),
        snils: me.snils.as_deref(),
        name_parts: &names,
        email: me.email.as_deref(),
    };
    let mut found = Vec::new();
    if let Err(code) = validate::password(password, &context) {
        found.push((Field::Password, code));
    }
    if password != repeat {
        found.push((Field::PasswordRepeat, Invalid::PasswordMismatch));
    }
    if !found.is_empty() {
        return Err(ApiError::fields(found, ctx.locale()));
    }
    let password = Zeroizing::new(password.trim().to_owned());
    if reused(ctx, account_id, &password).await? {
        return Err(ApiError::field(Field::Password, Invalid::PasswordReused, ctx.locale()));
    }
    password_hash::hash(password, ctx.locale()).await
}

async fn reused(ctx: &Context, account_id: i64, password: &Zeroizing<String>) -> ApiResult<bool> {
    let recent: Vec<String> = crate::db::query_scalar(
        "SELECT password_hash FROM password_history WHERE account_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
    )
    .bind(account_id)
    .bind(HISTORY)
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    for hash in recent {
        if password_hash::verify(Some(hash), password.clone()).await {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Stores a password hash (the first one at registration, or a new one), keeps it in the history
/// and lifts a forced change.
pub async fn store(ctx: &Context, conn: &mut Conn, account_id: i64, hash: &str) -> ApiResult<()> {
    let now = ctx.now();
    crate::db::query(
        "INSERT INTO credentials (account_id, password_hash, password_changed_at) VALUES (?, ?, ?) \
         ON CONFLICT (account_id) DO UPDATE SET password_hash = excluded.password_hash, \
         password_changed_at = excluded.password_changed_at",
    )
    .bind(account_id)
    .bind(hash)
    .bind(now)
    .execute(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    crate::db::query("INSERT INTO password_history (account_id, password_hash, created_at) VALUES (?, ?, ?)")
        .bind(account_id)
        .bind(hash)
        .bind(now)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    crate::db::query("UPDATE accounts SET must_change_password = 0, expiry_reminded_at = NULL WHERE id = ?")
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}
