//! The in-place conversion of a database written before per-account keys: at open, every
//! account without a data key gets one and its rows are sealed, one account per transaction, so
//! a conversion killed at any point resumes where it stopped (an account either has its key and
//! every value sealed, or neither). Rows with no account that still name a person in the clear —
//! codes, registration tickets, account-less messages — are short-lived and are deleted: a code
//! or a registration in progress at the upgrade is asked for again.
//!
//! Done once: a `settings` row marks the database converted, so a start does not scan the
//! accounts again (a new database is marked at its first open).

use crate::context::Context;
use crate::db::Conn;
use crate::error::ApiResult;

/// The `settings` key present once every account is sealed.
const DONE: &str = "sealing_converted";

/// Accounts looked at per round, and rows read at a time.
const BATCH: i64 = 200;

/// Converts what is left to convert; nothing when the database is marked done.
pub async fn run(ctx: &Context) -> ApiResult<()> {
    let done: bool = crate::db::query_scalar("SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?)")
        .bind(DONE)
        .fetch_one(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    if done {
        return Ok(());
    }
    let mut converted = 0_u64;
    loop {
        let ids: Vec<i64> = crate::db::query_scalar(
            "SELECT id FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM account_keys k WHERE k.account_id = a.id) \
             ORDER BY id LIMIT ?",
        )
        .bind(BATCH)
        .fetch_all(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
        if ids.is_empty() {
            break;
        }
        for id in ids {
            let mut tx = ctx.write().await?;
            if account(ctx, &mut tx, id).await? {
                converted += 1;
            }
            tx.commit().await.map_err(ctx.db_error())?;
            crate::fault::crash_point("sealing_after_account");
        }
    }
    let mut tx = ctx.write().await?;
    for sql in [
        "DELETE FROM one_time_codes",
        "DELETE FROM registration_tickets",
        "DELETE FROM outbox WHERE account_id IS NULL AND lookup IS NULL",
    ] {
        crate::db::query(sql).execute(&mut tx).await.map_err(ctx.db_error())?;
    }
    crate::db::query("INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING")
        .bind(DONE)
        .execute(&mut tx)
        .await
        .map_err(ctx.db_error())?;
    tx.commit().await.map_err(ctx.db_error())?;
    if converted > 0 {
        tracing::info!(converted, "sealed the personal data of accounts written before per-account keys");
        if ctx.pool.engine() == crate::db::Engine::Sqlite {
            // The WAL still holds page images with the values as typed: into the file (whose
            // freed cells `secure_delete` zeroed) and cut to nothing. Busy now, at the next close.
            let _: Result<(i64, i64, i64), _> =
                crate::db::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&ctx.pool).await;
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Plain {
    surname: String,
    given_name: String,
    patronymic: Option<String>,
    birth_date: String,
    gender: String,
}

#[derive(sqlx::FromRow)]
struct PlainProfile {
    passport_number: Option<String>,
    passport_issue_date: Option<String>,
    passport_issued_by: Option<String>,
    division_code: Option<String>,
    inn: Option<String>,
    address: Option<String>,
}

#[derive(sqlx::FromRow)]
struct PlainMessage {
    id: i64,
    destination: String,
    subject: String,
    body: String,
    attachment_name: Option<String>,
    attachment: Option<Vec<u8>>,
}

/// Seals one account's rows inside `conn`'s transaction; false when another process did it.
async fn account(ctx: &Context, conn: &mut Conn, id: i64) -> ApiResult<bool> {
    let has_key: bool =
        crate::db::query_scalar("SELECT EXISTS (SELECT 1 FROM account_keys WHERE account_id = ?)")
            .bind(id)
            .fetch_one(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    if has_key {
        return Ok(false);
    }
    let key = super::create_account_key(ctx, conn, id).await?;
    let plain: Plain = crate::db::query_as(
        "SELECT surname, given_name, patronymic, birth_date, gender FROM accounts WHERE id = ?",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    let person = crate::accounts::Person {
        surname: plain.surname,
        given_name: plain.given_name,
        patronymic: plain.patronymic,
        birth_date: plain.birth_date,
        gender: plain.gender,
    };
    crate::accounts::store_person(ctx, conn, &key, id, &person).await?;

    // Identifiers: the plain value moved to `lookup` by the migration becomes its blind index.
    let identifiers: Vec<(String, String)> =
        crate::db::query_as("SELECT kind, lookup FROM identifiers WHERE account_id = ? AND value IS NULL")
            .bind(id)
            .fetch_all(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    for (kind, plain) in identifiers {
        crate::db::query("UPDATE identifiers SET lookup = ?, value = ? WHERE kind = ? AND lookup = ?")
            .bind(ctx.keys()?.index(&plain))
            .bind(key.seal("identifiers.value", &kind, &plain))
            .bind(&kind)
            .bind(&plain)
            .execute(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    }

    let profile: Option<PlainProfile> = crate::db::query_as(
        "SELECT passport_number, passport_issue_date, passport_issued_by, division_code, inn, address \
         FROM profiles WHERE account_id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    if let Some(p) = profile {
        let sealed = |column: &str, value: &Option<String>| key.seal_opt(column, id, value.as_deref());
        crate::db::query(
            "UPDATE profiles SET passport_number = ?, passport_issue_date = ?, passport_issued_by = ?, \
             division_code = ?, inn = ?, address = ? WHERE account_id = ?",
        )
        .bind(sealed("profiles.passport_number", &p.passport_number))
        .bind(sealed("profiles.passport_issue_date", &p.passport_issue_date))
        .bind(sealed("profiles.passport_issued_by", &p.passport_issued_by))
        .bind(sealed("profiles.division_code", &p.division_code))
        .bind(sealed("profiles.inn", &p.inn))
        .bind(sealed("profiles.address", &p.address))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    }

    let sessions: Vec<(i64, String, String, Option<String>)> =
        crate::db::query_as("SELECT id, device, os, ip FROM sessions WHERE account_id = ?")
            .bind(id)
            .fetch_all(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    for (row, device, os, ip) in sessions {
        crate::db::query("UPDATE sessions SET device = ?, device_tag = ?, os = ?, ip = ? WHERE id = ?")
            .bind(key.seal("sessions.device", row, &device))
            .bind(key.tag("sessions.device", &device))
            .bind(key.seal("sessions.os", row, &os))
            .bind(key.seal_opt("sessions.ip", row, ip.as_deref()))
            .bind(row)
            .execute(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    }

    let messages: Vec<PlainMessage> = crate::db::query_as(
        "SELECT id, destination, subject, body, attachment_name, attachment FROM outbox WHERE account_id = ?",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    for m in messages {
        let redacted = crate::outbox::REDACTED;
        let text = |column: &str, value: &str| {
            if value == redacted { value.to_owned() } else { key.seal(column, m.id, value) }
        };
        crate::db::query(
            "UPDATE outbox SET lookup = ?, destination = ?, subject = ?, body = ?, attachment_name = ?, attachment = ? \
             WHERE id = ?",
        )
        .bind(ctx.keys()?.index(&m.destination))
        .bind(text("outbox.destination", &m.destination))
        .bind(text("outbox.subject", &m.subject))
        .bind(text("outbox.body", &m.body))
        .bind(m.attachment_name.as_deref().map(|name| key.seal("outbox.attachment_name", m.id, name)))
        .bind(m.attachment.as_deref().map(|bytes| key.seal_bytes("outbox.attachment", m.id, bytes)))
        .bind(m.id)
        .execute(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    }
    seal_columns(ctx, conn, &key, id).await?;
    Ok(true)
}

/// How a column's values are stored.
#[derive(Clone, Copy)]
enum Form {
    Text,
    Bytes,
}

/// Every sealed column of an account's rows that keeps its value in place: `"table.column"` as
/// the owning module binds it into the associated data, and the column of the row key. (The
/// accounts, identifiers, profiles, sessions and the outbox have more to do than seal a value —
/// a blind index, a tag, the account's own row — and are converted above.)
const COLUMNS: [(&str, &str, Form); 23] = [
    ("profile_changes.old_value", "id", Form::Text),
    ("profile_changes.new_value", "id", Form::Text),
    ("incidents.outcome_comment", "id", Form::Text),
    ("access_journal.device", "id", Form::Text),
    ("access_journal.ip", "id", Form::Text),
    (crate::notifications::TITLE, "id", Form::Text),
    (crate::notifications::BODY, "id", Form::Text),
    (crate::applications::store::FORM, "id", Form::Text),
    (crate::applications::store::COMMENT, "id", Form::Text),
    (crate::documents::registry::CONTENT, "id", Form::Bytes),
    (crate::uploads::store::NAME, "id", Form::Text),
    (crate::uploads::store::BYTES, "upload_id", Form::Bytes),
    (crate::debts::store::PURPOSE, "id", Form::Text),
    (crate::debts::store::RECEIPT_NAME, "id", Form::Text),
    (crate::debts::store::RECEIPT, "id", Form::Bytes),
    (crate::closure::store::REASON_TEXT, "id", Form::Text),
    (crate::closure::store::DECISION_COMMENT, "id", Form::Text),
    (crate::closure::forced::store::DECISION_NUMBER, "id", Form::Text),
    (crate::closure::forced::store::DECISION_DATE, "id", Form::Text),
    (crate::closure::forced::store::ISSUER, "id", Form::Text),
    (crate::closure::forced::store::GROUNDS_TEXT, "id", Form::Text),
    (crate::closure::forced::store::CLEAR_COMMENT, "id", Form::Text),
    (crate::closure::forced::store::BLOCK_REASON, "id", Form::Text),
];

/// Seals in place, for one account, every column of [`COLUMNS`] (a value that already opens is
/// left as it is).
pub(crate) async fn seal_columns(
    ctx: &Context,
    conn: &mut Conn,
    key: &crate::sealing::Sealer,
    account_id: i64,
) -> ApiResult<()> {
    for (place, row, form) in COLUMNS {
        match form {
            Form::Text => seal_texts(ctx, conn, key, account_id, place, row).await?,
            Form::Bytes => seal_blobs(ctx, conn, key, account_id, place, row).await?,
        }
    }
    Ok(())
}

/// Seals in place every value of `place` (`"table.column"`) in the account's rows that does not
/// already open with `key` at its row (`row` names the row-key column, bound as associated
/// data): what a database of the release before per-account keys holds in the clear. Rows are
/// read 500 at a time in row-key order, so an account with a million messages fits in memory.
pub(crate) async fn seal_texts(
    ctx: &Context,
    conn: &mut Conn,
    key: &crate::sealing::Sealer,
    account_id: i64,
    place: &'static str,
    row: &'static str,
) -> ApiResult<()> {
    let (table, column) = place.split_once('.').unwrap_or((place, place));
    let select = format!(
        "SELECT {row}, {column} FROM {table} WHERE account_id = ? AND {row} > ? AND {column} IS NOT NULL \
         ORDER BY {row} LIMIT {BATCH}"
    );
    let update = format!("UPDATE {table} SET {column} = ? WHERE {row} = ?");
    let mut after = i64::MIN;
    loop {
        let rows: Vec<(i64, String)> = crate::db::query_as(select.clone())
            .bind(account_id)
            .bind(after)
            .fetch_all(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
        let Some(&(last, _)) = rows.last() else { return Ok(()) };
        after = last;
        for (id, value) in rows {
            if key.open(place, id, &value).is_ok() {
                continue;
            }
            crate::db::query(update.clone())
                .bind(key.seal(place, id, &value))
                .bind(id)
                .execute(&mut *conn)
                .await
                .map_err(ctx.db_error())?;
        }
    }
}

/// [`seal_texts`] for bytes (PDFs, scans, receipts): the row keys first, then one value at a
/// time, so two large files are never in memory together.
pub(crate) async fn seal_blobs(
    ctx: &Context,
    conn: &mut Conn,
    key: &crate::sealing::Sealer,
    account_id: i64,
    place: &'static str,
    row: &'static str,
) -> ApiResult<()> {
    let (table, column) = place.split_once('.').unwrap_or((place, place));
    let ids: Vec<i64> = crate::db::query_scalar(format!(
        "SELECT {row} FROM {table} WHERE account_id = ? AND {column} IS NOT NULL ORDER BY {row}"
    ))
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    for id in ids {
        let stored: Vec<u8> =
            crate::db::query_scalar(format!("SELECT {column} FROM {table} WHERE {row} = ?"))
                .bind(id)
                .fetch_one(&mut *conn)
                .await
                .map_err(ctx.db_error())?;
        if key.open_bytes(place, id, &stored).is_ok() {
            continue;
        }
        crate::db::query(format!("UPDATE {table} SET {column} = ? WHERE {row} = ?"))
            .bind(key.seal_bytes(place, id, &stored))
            .bind(id)
            .execute(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    }
    Ok(())
}
