//! Staff accounts, kept apart from citizens' (their own table, never an identifier of a citizen),
//! created, listed and disabled by the machine's administrator through the CLI.
//!
//! Rules: the login is 3–32 Latin letters, digits, `.`, `_` or `-`, starting with a letter, and
//! is compared without regard to case (stored lower-case). ФИО is one line: surname, first name
//! and an optional patronymic, each by the citizens' name rule. The password follows the
//! citizens' password rules judged against the name. A TOTP secret is made at creation and is
//! mandatory: it is shown once (URI and Base32) and never again. Disabling ends the account's
//! sessions at once; a disabled account never signs in and is kept for the audit log.

use zeroize::Zeroizing;

use crate::context::{Context, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::fields::Field;
use crate::staff::audit::{self, Actor, Entry};
use crate::staff::types::{NewStaff, StaffCreated, StaffInfo, StaffRole};
use crate::validate::{self, Invalid, PasswordContext};
use crate::{password_hash, totp};

/// A login as stored (lower-case), or why it is refused.
pub fn check_login(input: &str) -> Result<String, Invalid> {
    let login = input.trim().to_lowercase();
    if login.is_empty() {
        return Err(Invalid::Required);
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let starts_with_letter = login.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if (3..=32).contains(&login.len()) && starts_with_letter && login.chars().all(allowed) {
        Ok(login)
    } else {
        Err(Invalid::LoginFormat)
    }
}

fn check_full_name(input: &str) -> Result<Vec<String>, Invalid> {
    let parts: Vec<&str> = input.split_whitespace().collect();
    if parts.is_empty() {
        return Err(Invalid::Required);
    }
    if !(2..=3).contains(&parts.len()) {
        return Err(Invalid::FullNameParts);
    }
    parts.iter().map(|part| validate::name_part(part).map_err(|_| Invalid::FullNameParts)).collect()
}

struct Checked {
    login: String,
    name: Vec<String>,
    role: StaffRole,
}

fn check_new(new: &NewStaff) -> Result<Checked, Vec<(Field, Invalid)>> {
    let mut found = Vec::new();
    let login = check_login(&new.login).map_err(|e| found.push((Field::Login, e))).ok();
    let name = check_full_name(&new.full_name).map_err(|e| found.push((Field::FullName, e))).ok();
    let role = StaffRole::parse(&new.role);
    if role.is_none() {
        found.push((Field::Role, Invalid::RoleUnknown));
    }
    let parts: Vec<&str> = name.iter().flatten().map(String::as_str).collect();
    let context =
        PasswordContext { birth_date: None, phone: None, snils: None, name_parts: &parts, email: None };
    if let Err(code) = validate::password(&new.password, &context) {
        found.push((Field::Password, code));
    }
    match (login, name, role) {
        (Some(login), Some(name), Some(role)) if found.is_empty() => Ok(Checked { login, name, role }),
        _ => Err(found),
    }
}

/// Creates a staff account with a fresh TOTP secret.
pub async fn add(ctx: &Context, actor: Actor<'_>, new: NewStaff) -> ApiResult<StaffCreated> {
    let checked = check_new(&new).map_err(|found| ApiError::fields(found, ctx.locale()))?;
    let hash = password_hash::hash(Zeroizing::new(new.password.trim().to_owned()), ctx.locale()).await?;
    let secret = totp::new_secret();
    let mut tx = ctx.write().await?;
    let taken: bool = crate::db::query_scalar("SELECT EXISTS (SELECT 1 FROM staff WHERE login = ?)")
        .bind(&checked.login)
        .fetch_one(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    if taken {
        return Err(ApiError::field(Field::Login, Invalid::LoginTaken, ctx.locale()));
    }
    let id: i64 = crate::db::query_scalar(
        "INSERT INTO staff (login, full_name, role, password_hash, totp_secret, created_at) \
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&checked.login)
    .bind(checked.name.join(" "))
    .bind(checked.role.as_str())
    .bind(&hash)
    .bind(&secret[..])
    .bind(ctx.now())
    .fetch_one(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let details = serde_json::json!({ "staff_id": id, "role": checked.role.as_str() });
    let entry = Entry { actor, action: "staff_added", target: &checked.login, details };
    audit::append(ctx, &mut tx, entry).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(StaffCreated {
        otpauth_uri: totp::provisioning_uri(&secret[..], &checked.login),
        secret: totp::manual_key(&secret[..]),
        login: checked.login,
        role: checked.role,
    })
}

#[derive(sqlx::FromRow)]
struct InfoRow {
    login: String,
    full_name: String,
    role: String,
    created_at: i64,
    disabled_at: Option<i64>,
    locked_until: Option<i64>,
}

/// Every staff account, by login.
pub async fn list(ctx: &Context) -> ApiResult<Vec<StaffInfo>> {
    let rows: Vec<InfoRow> = crate::db::query_as(
        "SELECT login, full_name, role, created_at, disabled_at, locked_until FROM staff ORDER BY login",
    )
    .fetch_all(&ctx.pool)
    .await
    .map_err(ctx.db_error())?;
    let now = ctx.now();
    Ok(rows
        .into_iter()
        .map(|row| StaffInfo {
            login: row.login,
            full_name: row.full_name,
            role: StaffRole::parse(&row.role).unwrap_or(StaffRole::Operator),
            created_at: rfc3339(row.created_at),
            disabled_at: row.disabled_at.map(rfc3339),
            locked_until: row.locked_until.filter(|until| *until > now).map(rfc3339),
        })
        .collect())
}

/// Disables an account and ends its sessions.
pub async fn disable(ctx: &Context, actor: Actor<'_>, login: &str) -> ApiResult<StaffInfo> {
    let login = check_login(login).map_err(|code| ApiError::field(Field::Login, code, ctx.locale()))?;
    refuse_self(ctx, actor, &login).await?;
    let now = ctx.now();
    let mut tx = ctx.write().await?;
    let id: Option<i64> = crate::db::query_scalar(
        "UPDATE staff SET disabled_at = coalesce(disabled_at, ?) WHERE login = ? RETURNING id",
    )
    .bind(now)
    .bind(&login)
    .fetch_optional(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let Some(id) = id else {
        return Err(ApiError::with_message(
            crate::error::ErrorCode::NotFound,
            ctx.locale().pick("Сотрудника с таким логином нет", "No staff member has this login"),
        ));
    };
    crate::db::query(
        "UPDATE staff_sessions SET ended_at = ?, end_reason = 'disabled' WHERE staff_id = ? AND ended_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let entry = Entry {
        actor,
        action: "staff_disabled",
        target: &login,
        details: serde_json::json!({ "staff_id": id }),
    };
    audit::append(ctx, &mut tx, entry).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    let all = list(ctx).await?;
    all.into_iter()
        .find(|info| info.login == login)
        .ok_or_else(|| ctx.error(crate::error::ErrorCode::Internal))
}

/// A new authenticator secret for a staff member who lost theirs: the old one stops working at
/// once, the member's sessions end, and the new secret is shown once.
pub async fn reset_totp(ctx: &Context, actor: Actor<'_>, login: &str) -> ApiResult<StaffCreated> {
    let login = check_login(login).map_err(|code| ApiError::field(Field::Login, code, ctx.locale()))?;
    refuse_self(ctx, actor, &login).await?;
    let secret = totp::new_secret();
    let now = ctx.now();
    let mut tx = ctx.write().await?;
    let found: Option<(i64, String)> = crate::db::query_as(
        "UPDATE staff SET totp_secret = ? WHERE login = ? AND disabled_at IS NULL RETURNING id, role",
    )
    .bind(&secret[..])
    .bind(&login)
    .fetch_optional(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let Some((id, role)) = found else {
        return Err(ApiError::with_message(
            crate::error::ErrorCode::NotFound,
            ctx.locale()
                .pick("Действующего сотрудника с таким логином нет", "No active staff member has this login"),
        ));
    };
    crate::db::query(
        "UPDATE staff_sessions SET ended_at = ?, end_reason = 'totp_reset' WHERE staff_id = ? AND ended_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut tx)
    .await
    .map_err(ctx.db_error())?;
    let entry = Entry {
        actor,
        action: "staff_totp_reset",
        target: &login,
        details: serde_json::json!({ "staff_id": id }),
    };
    audit::append(ctx, &mut tx, entry).await?;
    tx.commit().await.map_err(ctx.db_error())?;
    Ok(StaffCreated {
        otpauth_uri: totp::provisioning_uri(&secret[..], &login),
        secret: totp::manual_key(&secret[..]),
        role: StaffRole::parse(&role).unwrap_or(StaffRole::Operator),
        login,
    })
}

/// A supervisor does not disable or reset themselves from the desk (they would lock themselves
/// out mid-session); another supervisor or the machine's administrator does.
async fn refuse_self(ctx: &Context, actor: Actor<'_>, login: &str) -> ApiResult<()> {
    let Actor::Staff(id) = actor else { return Ok(()) };
    let own: Option<String> = crate::db::query_scalar("SELECT login FROM staff WHERE id = ?")
        .bind(id)
        .fetch_optional(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    if own.as_deref() == Some(login) {
        return Err(ApiError::with_message(
            crate::error::ErrorCode::WrongState,
            ctx.locale().pick(
                "Свою учётную запись меняет другой старший смены",
                "Another supervisor changes your own account",
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_latin_from_a_letter_and_lower_cased() {
        assert_eq!(check_login(" A.Petrova "), Ok("a.petrova".into()));
        assert_eq!(check_login("op_1-x"), Ok("op_1-x".into()));
        assert_eq!(check_login(""), Err(Invalid::Required));
        for bad in ["ab", "1abc", "петрова", "a b c", &"a".repeat(33)] {
            assert_eq!(check_login(bad), Err(Invalid::LoginFormat), "{bad}");
        }
    }

    #[test]
    fn the_name_is_two_or_three_russian_words() {
        assert_eq!(check_full_name("Петрова  Анна Сергеевна").map(|p| p.len()), Ok(3));
        assert_eq!(check_full_name("Петрова Анна").map(|p| p.len()), Ok(2));
        assert_eq!(check_full_name("Петрова"), Err(Invalid::FullNameParts));
        assert_eq!(check_full_name("Petrova Anna"), Err(Invalid::FullNameParts));
        assert_eq!(check_full_name("  "), Err(Invalid::Required));
    }

    #[test]
    fn every_wrong_field_is_reported_together() {
        let new = NewStaff {
            login: "1".into(),
            full_name: "Anna".into(),
            role: "boss".into(),
            password: "short".into(),
        };
        let fields: Vec<Field> = check_new(&new).err().unwrap_or_default().into_iter().map(|f| f.0).collect();
        assert_eq!(fields, [Field::Login, Field::FullName, Field::Role, Field::Password]);
    }
}
