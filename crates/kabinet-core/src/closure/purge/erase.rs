//! Deleting an account's personal data so that no page of the database, the WAL or the data
//! directory holds it afterwards.
//!
//! Every table of `migrations/` that can hold a citizen's data, and how it goes:
//! - with the account row (`ON DELETE CASCADE`): `identifiers`, `credentials`,
//!   `password_history`, `consents`, `sessions`, `access_journal` (the sign-in journal),
//!   `second_factors`, `backup_codes`, `sign_in_challenges`, `password_reset_tickets`,
//!   `incidents`, `profiles`, `profile_changes`, `notifications` (with their `outbox` rows and
//!   `inbox_counters`), `notification_settings`, the account's `outbox` rows (with
//!   `delivery_attempts`), `applications` (with `application_events`), `debts` (with receipts),
//!   `uploads` (with `upload_contents`), `closure_requests` (reason texts), `closures`,
//!   `operator_queue`, `account_blocks`, `forced_closures`;
//! - by destination, having no account column: `one_time_codes`, `registration_tickets` and
//!   account-less `outbox` rows (registration and recovery codes) to any phone or e-mail the
//!   account had — its identifiers, those in «История изменений», those its messages went to —
//!   unless another account uses that phone or e-mail now. (The first `outbox` table was
//!   rebuilt into the present one by the notifications migration; there is no other.)
//! - `documents`: the registry rows stay (number, kind, title, SHA-256, verification code) with
//!   `content` and `account_id` cleared, as the documents migration requires;
//! - the system viewer's copies in `<data dir>/viewer` whose SHA-256 is one of the account's
//!   documents or uploads.
//!
//! Not a citizen's data: `staff`, `staff_sessions`, `staff_audit` (append-only staff actions:
//! logins, transports with masked test destinations, account numbers of casework),
//! `settings`, `delivery_transports`, the counters, `tombstones`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::db::{Conn, Engine};
use sha2::{Digest, Sha256};

use crate::context::Context;
use crate::error::{ApiError, ApiResult};

/// The `settings` key present while a purge's checkpoint has not succeeded yet.
const CHECKPOINT_OWED: &str = "purge_checkpoint_owed";

/// Makes sure the connection zeroes what it deletes and follows the cascades. PostgreSQL always
/// follows them and has no page zeroing to ask for: what a deletion leaves in its files, its WAL
/// and its backups is the gap `docs/rules.md` names until per-account keys close it.
pub(super) async fn prepare(ctx: &Context, conn: &mut Conn) -> ApiResult<()> {
    if conn.engine() == Engine::Postgres {
        return Ok(());
    }
    crate::db::query("PRAGMA secure_delete = ON").execute(&mut *conn).await.map_err(ctx.db_error())?;
    let secure: i64 = crate::db::query_scalar("PRAGMA secure_delete")
        .fetch_one(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
    let cascades: i64 =
        crate::db::query_scalar("PRAGMA foreign_keys").fetch_one(&mut *conn).await.map_err(ctx.db_error())?;
    if secure != 1 || cascades != 1 {
        return Err(ApiError::internal("purge needs secure_delete and foreign_keys", ctx.locale()));
    }
    Ok(())
}

/// The data directory: the folder of the main database file.
pub(super) async fn data_dir(ctx: &Context, conn: &mut Conn) -> ApiResult<PathBuf> {
    if conn.engine() == Engine::Postgres {
        return ctx
            .data_dir
            .as_deref()
            .map(Path::to_path_buf)
            .ok_or_else(|| ApiError::internal("purge on PostgreSQL needs the data directory", ctx.locale()));
    }
    let file: String = crate::db::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
        .fetch_one(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(Path::new(&file).parent().map(Path::to_path_buf).unwrap_or_default())
}

/// Where the account's data also lives outside its own rows.
pub(super) struct Traces {
    destinations: Vec<String>,
    /// Hex SHA-256 of the account's documents and uploads, to find viewer copies.
    pub digests: HashSet<String>,
}

pub(super) async fn traces(ctx: &Context, conn: &mut Conn, account_id: i64) -> ApiResult<Traces> {
    // Every phone and e-mail the account had, opened with its key (they are sealed), then
    // found elsewhere by blind index — unless another account uses it now.
    let key = crate::sealing::account_key(ctx, &mut *conn, account_id).await?;
    let mut opened = std::collections::BTreeSet::new();
    for (kind, value, _) in crate::accounts::identifiers(ctx, &mut *conn, &key, account_id).await? {
        if kind != "snils" {
            opened.insert(value);
        }
    }
    let changes: Vec<(i64, Option<String>, Option<String>)> = crate::db::query_as(
        "SELECT id, old_value, new_value FROM profile_changes WHERE account_id = ? AND field IN ('phone', 'email')",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(ctx.db_error())?;
    for (id, old, new) in changes {
        opened
            .extend(key.open_opt("profile_changes.old_value", id, old.as_deref()).map_err(ctx.unreadable())?);
        opened
            .extend(key.open_opt("profile_changes.new_value", id, new.as_deref()).map_err(ctx.unreadable())?);
    }
    opened.extend(crate::outbox::destinations_of(ctx, conn, &key, account_id).await?);
    let index = ctx.keys()?;
    let mut destinations = Vec::new();
    for value in opened {
        let lookup = index.index(&value);
        let elsewhere: bool = crate::db::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM identifiers WHERE lookup = ? AND account_id <> ?)",
        )
        .bind(&lookup)
        .bind(account_id)
        .fetch_one(&mut *conn)
        .await
        .map_err(ctx.db_error())?;
        if !elsewhere {
            destinations.push(lookup);
        }
    }
    let digests: Vec<String> = crate::db::query_scalar(match conn.engine() {
        Engine::Sqlite => {
            "SELECT sha256 FROM documents WHERE account_id = ?1 \
             UNION SELECT lower(hex(sha256)) FROM uploads WHERE account_id = ?1"
        }
        Engine::Postgres => {
            "SELECT sha256 FROM documents WHERE account_id = ?1 \
             UNION SELECT encode(sha256, 'hex') FROM uploads WHERE account_id = ?1"
        }
    })
    .bind(account_id)
    .fetch_all(conn)
    .await
    .map_err(ctx.db_error())?;
    Ok(Traces { destinations, digests: digests.into_iter().collect() })
}

/// Deletes the account and every trace of it, inside the purge transaction.
pub(super) async fn account(
    ctx: &Context,
    conn: &mut Conn,
    account_id: i64,
    traces: &Traces,
) -> ApiResult<()> {
    // Codes are found by the blind index of their destination. Account-less messages and
    // registration tickets are sealed under a transit key destroyed within eight days
    // (`crate::sealing::expire_transit_keys`), so they need no search here.
    for lookup in &traces.destinations {
        crate::db::query("DELETE FROM one_time_codes WHERE destination = ?")
            .bind(lookup)
            .execute(&mut *conn)
            .await
            .map_err(ctx.db_error())?;
    }
    for sql in [
        "UPDATE documents SET content = NULL, account_id = NULL WHERE account_id = ?",
        "DELETE FROM account_keys WHERE account_id = ?",
        "DELETE FROM accounts WHERE id = ?",
    ] {
        crate::db::query(sql).bind(account_id).execute(&mut *conn).await.map_err(ctx.db_error())?;
    }
    Ok(())
}

/// Records, inside a purge's transaction, that the WAL and the database file still hold page
/// images from before it: the next [`checkpoint`] must run, and keeps running until it succeeds.
pub(super) async fn checkpoint_owed(ctx: &Context, conn: &mut Conn) -> ApiResult<()> {
    if conn.engine() == Engine::Postgres {
        return Ok(());
    }
    crate::db::query("INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING")
        .bind(CHECKPOINT_OWED)
        .execute(conn)
        .await
        .map_err(ctx.db_error())?;
    Ok(())
}

/// When a purge is owed one: copies every WAL frame into the database file and cuts the WAL to
/// nothing, so the page images from before the deletion are gone. Readers that keep it busy
/// past the busy timeout leave it owed to the next run; nothing owed, nothing done (a
/// long-running export never makes the scheduler wait).
pub(super) async fn checkpoint(ctx: &Context) -> ApiResult<()> {
    let owed: bool = crate::db::query_scalar("SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?)")
        .bind(CHECKPOINT_OWED)
        .fetch_one(&ctx.pool)
        .await
        .map_err(ctx.db_error())?;
    if !owed {
        return Ok(());
    }
    let mut conn = ctx.pool.acquire().await.map_err(ctx.db_error())?;
    crate::db::query("DELETE FROM settings WHERE key = ?")
        .bind(CHECKPOINT_OWED)
        .execute(&mut conn)
        .await
        .map_err(ctx.db_error())?;
    let (busy, _, _): (i64, i64, i64) = crate::db::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_one(&mut conn)
        .await
        .map_err(ctx.db_error())?;
    if busy != 0 {
        tracing::info!("purge: the WAL checkpoint was busy; the next run tries again");
        checkpoint_owed(ctx, &mut conn).await?;
    }
    Ok(())
}

/// Removes the system viewer's copies of the account's documents and uploads (best effort: a
/// copy a viewer still holds on Windows goes at the next start, when every copy is removed).
pub(super) async fn viewer_copies(data_dir: &Path, digests: HashSet<String>) {
    let dir = crate::documents::files::viewer_dir(data_dir);
    let removal = tokio::task::spawn_blocking(move || {
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            let matches = std::fs::read(&path)
                .is_ok_and(|bytes| digests.contains(&hex::encode(Sha256::digest(&bytes))));
            if matches {
                let _ = std::fs::remove_file(&path);
            }
        }
    });
    let _ = removal.await;
}
